#pragma once
// The end-to-end fixture: one real `pupitre-server serve` and N real `pupitred`, each in its
// own folder of one sandbox, on loopback. Tests drive them only through real processes:
// `pupitrectl --db` for the teacher's records, `pupitrectl --socket` for the daemon,
// `pupitre-server --data … user …` for the administrator.
#include "support/background_process.h"
#include "support/process.h"
#include "support/sandbox.h"

#include <Poco/JSON/Array.h>
#include <Poco/JSON/Object.h>

#include <cstdint>
#include <filesystem>
#include <map>
#include <memory>
#include <string>
#include <vector>

namespace pupitre::e2e {

using test::ProcessResult;

inline constexpr const char* kEmail = "ana@school.es";
inline constexpr const char* kPassword = "correct horse battery staple";

// What `pupitrectl sync` printed on success: "Sent N changes, received M, K conflicts".
struct SyncCounts
{
  std::int64_t sent = 0;
  std::int64_t received = 0;
  std::int64_t conflicts = 0;
};

class ServerNode
{
public:
  explicit ServerNode(std::filesystem::path dataDir);
  ~ServerNode();

  // Serves on a port the system chooses the first time, then on that same port again, as a
  // restarted server would (the daemons keep its address).
  void start();
  // Options added to every later `serve` (e.g. {"--retention", "2s"}).
  void setServeOptions(std::vector<std::string> options) { m_serveOptions = std::move(options); }
  // The PostgreSQL database (`--database URL`) every later `serve` and admin command uses
  // instead of DIR/server.db; several nodes on one data folder and database serve together.
  void setDatabase(std::string url) { m_database = std::move(url); }
  const std::string& database() const { return m_database; }
  // Every later `serve` logs to `file` (appended to) instead of the test's standard error.
  void setLogFile(std::filesystem::path file) { m_logFile = std::move(file); }
  std::string log() const; // the log file's text (empty without one)
  void stop();             // SIGTERM: a clean stop
  void kill();             // SIGKILL
  // SIGSTOP and SIGCONT: a server that holds every request unanswered until it resumes.
  void pause();
  void resume();
  bool running() const;
  std::uint16_t port() const { return m_port; }
  std::string url() const;
  const std::filesystem::path& dataDir() const { return m_dataDir; }
  std::string databaseFile() const { return (m_dataDir / "server.db").string(); }

  // pupitre-server --data DIR ARGS, with `input` on standard input.
  ProcessResult admin(const std::vector<std::string>& args, const std::string& input = {}) const;
  // `user data EMAIL`: the account's live data as canonical JSON.
  std::string exportAccount(const std::string& email = kEmail) const;

private:
  std::filesystem::path m_dataDir;
  std::vector<std::string> m_serveOptions;
  std::string m_database;
  std::filesystem::path m_logFile;
  std::uint16_t m_port = 0;
  std::unique_ptr<test::BackgroundProcess> m_process;
};

class Device
{
public:
  Device(std::string name, const std::filesystem::path& folder);
  ~Device();

  const std::string& name() const { return m_name; }
  const std::string& database() const { return m_database; }
  const std::string& socket() const { return m_socket; }
  const std::string& tokenFolder() const { return m_tokenFolder; }
  std::string log() const;

  // pupitred, waited for until it listens; `env` adds to its environment (e.g.
  // PUPITRE_CLOCK_SKEW_MS to play a wrong clock, PUPITRE_BOOT_ID to play a restarted computer).
  void start(const std::map<std::string, std::string>& env = {});
  void stop(); // SIGTERM
  void kill(); // SIGKILL, whatever it is doing
  bool running() const;
  int pid() const;

  // pupitrectl --db DATABASE ARGS (records and reading; works without the daemon).
  ProcessResult data(const std::vector<std::string>& args,
                     const std::map<std::string, std::string>& env = {}) const;
  // The same, required to succeed; its first line (the id of a created record).
  std::string write(const std::vector<std::string>& args,
                    const std::map<std::string, std::string>& env = {}) const;
  // pupitrectl --socket SOCKET ARGS.
  ProcessResult ctl(const std::vector<std::string>& args, const std::string& input = {}) const;

  ProcessResult login(const std::string& serverUrl, const std::string& password = kPassword,
                      const std::string& email = kEmail) const;
  ProcessResult sync() const;
  SyncCounts syncOk() const; // a sync that must succeed
  Poco::JSON::Object::Ptr status() const;
  std::string deviceId() const;
  std::int64_t pending() const;
  std::string exportJson() const;
  Poco::JSON::Array::Ptr conflicts() const; // `conflicts --json`, restored ones too
  std::string token() const;                // the device token pupitred keeps (its file)

private:
  std::string m_name;
  std::string m_database;
  std::string m_socket;
  std::string m_tokenFolder;
  std::string m_logFile;
  std::unique_ptr<test::BackgroundProcess> m_process;
};

// A server with one account (kEmail, kPassword) and `devices` daemons named A, B, C…,
// running but not signed in.
class Cluster
{
public:
  struct Options
  {
    int devices = 2;
    std::string licence = "multi";
    int maxDevices = 5;
    // Databases to fill before the daemons start, e.g. with the school-year generator.
    std::map<int, std::vector<std::string>> schoolYears; // device index → generator options
    std::vector<std::string> serverOptions;              // more `serve` options
    std::string database; // a PostgreSQL URL (ServerNode::setDatabase); empty: server.db
  };
  explicit Cluster(Options options);
  Cluster() : Cluster(Options{}) {}

  test::Sandbox sandbox;
  ServerNode server;

  Device& device(std::size_t i) { return *m_devices.at(i); }
  Device& operator[](std::size_t i) { return device(i); }
  std::size_t size() const { return m_devices.size(); }
  Device& addDevice(); // one more daemon, started, not signed in

  // Signs every device in to `url` (default: the server itself; a proxy in front of it).
  void loginAll(const std::string& url = {});
  // Syncs every device in turn until a whole round sends and receives nothing; fails the test
  // after `maxRounds`.
  void syncUntilQuiet(int maxRounds = 6);
  // Every device's export equals the server's export of the account (returned).
  std::string requireConverged();
  // PRAGMA integrity_check on every device's database and on the server's.
  void requireIntegrity();

private:
  std::vector<std::unique_ptr<Device>> m_devices;
};

// --- helpers ------------------------------------------------------------------------------

// An answer of the server to a request sent by hand.
struct HttpAnswer
{
  int status = 0;
  std::string body;
};
// POST `body` (JSON) to `path` of the server on 127.0.0.1:`port` with `token`.
HttpAnswer postJson(std::uint16_t port, const std::string& path, const std::string& token,
                    const std::string& body);

bool contains(const std::string& text, const std::string& part);
Poco::JSON::Object::Ptr parseObject(const std::string& text);
Poco::JSON::Array::Ptr parseArray(const std::string& text);
// Parses "Sent N changes, received M, K conflicts"; fails the test when it is not there.
SyncCounts parseSyncCounts(const std::string& out);
// "ok" when the file is sound, else what SQLite found.
std::string integrityCheck(const std::string& databaseFile);
// The conflicts of `list` on `field` of `rowId`.
std::vector<Poco::JSON::Object::Ptr>
conflictsOn(const Poco::JSON::Array::Ptr& list, const std::string& rowId, const std::string& field);
// A record of the export (`table` is the export's key: "students", "marks"…), or nullptr.
Poco::JSON::Object::Ptr exportedRow(const std::string& exportJson, const std::string& table,
                                    const std::string& id);
// Waits long enough that an edit made after it is later, by the devices' clocks, than any
// edit made before it. The devices share this machine's clock but each corrects it by an
// offset to the server's clock that it only stores when it moves by more than 250 ms.
void waitForLaterEditTime();

} // namespace pupitre::e2e
