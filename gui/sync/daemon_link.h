#pragma once
// The app's link to pupitred (architecture.md: the app never talks to the server). It
// connects on a worker thread, starts the per-user daemon when it is not running, follows
// its notifications and hands everything to the GUI thread as events on this handler. When
// the daemon cannot be reached the app keeps working offline; status().reachable says so.
// Every method is called on the GUI thread; none of them waits on the IPC.
#include <wx/event.h>

#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace pupitre::gui {

// What the sync entries, the status bar, the tray and Settings show.
struct DaemonStatus
{
  bool reachable = false; // false: no daemon (offline work only)
  bool signedIn = false;
  std::string email;
  std::string server;
  std::string licence; // "single", "multi" or empty
  std::string deviceId;
  std::string deviceName;         // this computer's name on the account
  bool deviceNamePending = false; // renamed offline: the next sync sends the name
  std::string state;              // ipc::states: idle, syncing, offline, error, signed_out
  std::string reason;             // why the state is offline/error, in words for the teacher
  std::optional<std::int64_t> lastSyncMs;   // Unix ms of the last successful sync
  std::int64_t pending = 0;                 // local changes not sent yet
  std::optional<int> scheduleMinutes;       // empty: manual
  std::optional<std::int64_t> storageUsed;  // bytes, when the daemon reports them
  std::optional<std::int64_t> storageQuota; // bytes

  bool canSync() const { return reachable && signedIn && licence == "multi"; }
  // Empty when canSync(); otherwise the sentence the app shows ("Sign in to synchronise.").
  std::string whyCannotSync() const;
  // Empty when the daemon can fetch the account's export (signed in, any licence); otherwise
  // the sentence that says why not and what to do.
  std::string whyCannotExportAccount() const;
};

struct SyncOptions
{
  bool data = true;
  bool pictures = false;
  bool resources = false;
};

// Progress and results of one sync, as the daemon reported them.
struct SyncReport
{
  std::string stage; // sync.progress "stage"
  std::int64_t done = 0;
  std::int64_t total = 0;
  bool finished = false;
  bool failed = false;
  std::int64_t uploaded = 0;
  std::int64_t downloaded = 0;
  std::int64_t conflicts = 0;
  std::int64_t filesSent = 0;        // pictures and resources uploaded
  std::int64_t filesReceived = 0;    // pictures and resources downloaded
  std::vector<std::string> warnings; // files the server refused (quota, size limit)
  std::string failure;               // the teacher-facing reason when failed
};

// Events sent to the DaemonLink itself (Bind on it), always on the GUI thread.
wxDECLARE_EVENT(EVT_DAEMON_STATUS, wxCommandEvent);       // status() changed
wxDECLARE_EVENT(EVT_DAEMON_SYNC, wxCommandEvent);         // lastReport() changed
wxDECLARE_EVENT(EVT_DAEMON_DATA_CHANGED, wxCommandEvent); // a pull changed the database

class DaemonLink : public wxEvtHandler
{
public:
  // `socket` empty: the per-user default. `daemonProgram` empty: `pupitred` next to the app's
  // executable, then on PATH. `database` is passed to a daemon this link starts.
  DaemonLink(std::string socket, std::string database, std::string daemonProgram = {});
  ~DaemonLink() override;

  // Connects (starting pupitred if `startDaemon` and it is not running); returns at once.
  void start(bool startDaemon = true);

  const DaemonStatus& status() const;
  const SyncReport& lastReport() const;

  // Requests; each answers through `done(errorMessage)` on the GUI thread (empty = success)
  // and through the events above. When the daemon cannot be reached, `done` gets the reason.
  using Done = std::function<void(const std::string& error)>;
  // `done` is called when that sync has ended (finished: empty; failed: the reason), or at
  // once when the daemon refused it.
  void synchronise(const SyncOptions& options, Done done = {});
  // Asks the daemon to stop the running sync at once (sync.cancel): that sync's `done` then
  // gets the "cancelled" sentence. This `done` answers when the daemon took the request.
  void cancelSync(Done done = {});
  // `deviceName`: how the account's device list names this computer (empty: the daemon
  // uses the computer's name).
  void signIn(const std::string& server, const std::string& email, const std::string& password,
              Done done = {}, const std::string& deviceName = {});
  void signOut(Done done = {});
  void setSchedule(std::optional<int> minutes, Done done = {});

  struct Device
  {
    std::string id;
    std::string name;
    std::string lastSeen; // as the server wrote it
    bool isThisDevice = false;
  };
  void listDevices(std::function<void(const std::vector<Device>&, const std::string& error)> done);
  void unlinkDevice(const std::string& deviceId, Done done = {});
  // Renames this computer on the account (device.rename): `done(sent, error)`; `sent` false
  // without an error when the server could not be reached (the next sync sends the name).
  void renameDevice(const std::string& name,
                    std::function<void(bool sent, const std::string& error)> done);
  // Everything the server holds about the account, written by the daemon to `path` (an
  // absolute path; account.export): `done(bytes, error)`, `error` empty on success.
  void exportAccount(const std::string& path,
                     std::function<void(std::int64_t bytes, const std::string& error)> done);
  // Asks the daemon for its status again (status() and EVT_DAEMON_STATUS follow).
  void refreshStatus();

private:
  struct Impl;
  std::unique_ptr<Impl> m_impl;
};

} // namespace pupitre::gui
