#include "daemon_commands.h"

#include "context.h"
#include "pupitre/blobs/blob_transfer.h"
#include "pupitre/ipc/message.h"
#include "pupitre/ipc/protocol.h"
#include "pupitre/printable.h"

#include <Poco/JSON/Array.h>
#include <Poco/JSON/Stringifier.h>

#include <condition_variable>
#include <cstdio>
#include <deque>
#include <filesystem>
#include <iostream>
#include <mutex>

#ifdef _WIN32
#include <windows.h>
#else
#include <termios.h>
#include <unistd.h>
#endif

namespace pupitre::ctl {
namespace {

namespace methods = ipc::methods;
using Poco::JSON::Object;

// Signing in and listing devices wait for the server (its own timeouts are 10 s to connect,
// 120 s to answer).
constexpr std::chrono::seconds kServerCallTimeout{180};

std::string text(const Object::Ptr& object, const std::string& key,
                 const std::string& fallback = "")
{
  return object->has(key) && !object->get(key).isEmpty() ? object->get(key).toString() : fallback;
}

void printJson(Context& ctx, const Object::Ptr& object)
{
  Poco::JSON::Stringifier::stringify(object, ctx.out, 2);
  ctx.out << "\n";
}

// The first line of standard input, without echo when it is a terminal.
std::string readPassword(const std::string& email)
{
  std::string password;
#ifdef _WIN32
  const HANDLE input = GetStdHandle(STD_INPUT_HANDLE);
  DWORD saved = 0;
  if (input != INVALID_HANDLE_VALUE && GetConsoleMode(input, &saved)) { // a console, not a pipe
    std::cerr << "Password for " << email << ": " << std::flush;
    SetConsoleMode(input, saved & ~static_cast<DWORD>(ENABLE_ECHO_INPUT));
    std::getline(std::cin, password);
    SetConsoleMode(input, saved);
    std::cerr << "\n";
  } else
#else
  if (isatty(STDIN_FILENO)) {
    std::cerr << "Password for " << email << ": " << std::flush;
    termios saved{};
    tcgetattr(STDIN_FILENO, &saved);
    termios quiet = saved;
    quiet.c_lflag &= ~static_cast<tcflag_t>(ECHO);
    tcsetattr(STDIN_FILENO, TCSANOW, &quiet);
    std::getline(std::cin, password);
    tcsetattr(STDIN_FILENO, TCSANOW, &saved);
    std::cerr << "\n";
  } else
#endif
  {
    std::getline(std::cin, password);
  }
  if (!password.empty() && password.back() == '\r') {
    password.pop_back();
  }
  if (password.empty()) {
    throw Error("No password: give it on the first line of standard input.");
  }
  return password;
}

int login(Context& ctx, const Invocation& in)
{
  // With the e-mail alone, pupitred signs in to the server the school's policy sets.
  const std::string& email = in.positional.back();
  if (in.positional.size() == 1 && email.find("://") != std::string::npos) {
    throw UsageError("the e-mail is missing after the server's address");
  }
  Object::Ptr params = new Object;
  if (in.positional.size() == 2) {
    params->set("server", in.positional[0]);
  }
  params->set("email", email);
  params->set("password", readPassword(email));
  const auto status = ctx.daemon().callObject(methods::kLogin, params, kServerCallTimeout);
  ctx.out << "Signed in as " << printable(text(status, "email")) << " at "
          << printable(text(status, "server"))
          << " (licence: " << text(status, "licence", "unknown") << ").\n";
  return 0;
}

int logout(Context& ctx, const Invocation&)
{
  if (!ctx.daemon().callObject(methods::kStatus)->getValue<bool>("signed_in")) {
    ctx.out << "This device is not signed in.\n";
    return 0;
  }
  const auto status = ctx.daemon().callObject(methods::kLogout, {}, kServerCallTimeout);
  ctx.out << "Signed out. The data on this computer stay here.\n";
  if (!status->optValue<bool>("server_told", false)) {
    ctx.out << "(The server could not be told; the device token was forgotten on this computer "
               "anyway.)\n";
  }
  return 0;
}

// Notifications of one sync, collected from the client's reader thread.
class SyncEvents
{
public:
  void add(const std::string& method, const Object::Ptr& params)
  {
    std::lock_guard lock(m_mutex);
    m_events.emplace_back(method, params);
    m_changed.notify_all();
  }
  // The next event, or nullopt after `wait` without one.
  std::optional<std::pair<std::string, Object::Ptr>> next(std::chrono::milliseconds wait)
  {
    std::unique_lock lock(m_mutex);
    if (!m_changed.wait_for(lock, wait, [this] { return !m_events.empty(); })) {
      return std::nullopt;
    }
    auto event = m_events.front();
    m_events.pop_front();
    return event;
  }

private:
  std::mutex m_mutex;
  std::condition_variable m_changed;
  std::deque<std::pair<std::string, Object::Ptr>> m_events;
};

void showProgress(const Object::Ptr& params)
{
  const std::string stage = text(params, "stage");
  const auto done = params->optValue<std::int64_t>("done", 0);
  const auto total = params->optValue<std::int64_t>("total", 0);
  if (stage == "pictures" || stage == "resources") {
    std::cerr << (stage == "pictures" ? "Pictures: " : "Resources: ") << blobs::humanBytes(done);
    if (total > 0) {
      std::cerr << " of " << blobs::humanBytes(total);
    }
    std::cerr << "\n";
    return;
  }
  std::cerr << (stage == "push" ? "Sending changes: " : "Receiving changes: ") << done;
  if (total > 0) {
    std::cerr << "/" << total;
  }
  std::cerr << "\n";
}

// "Pictures: sent 2 files (600 KB), received 1 file (300 KB), 1 not on the server yet"
void printBlobStage(Context& ctx, const std::string& title, const Object::Ptr& stage)
{
  if (!stage) {
    return;
  }
  const auto count = [](std::int64_t n) {
    return std::to_string(n) + (n == 1 ? " file" : " files");
  };
  const auto sent = stage->optValue<std::int64_t>("bytes_sent", 0);
  const auto received = stage->optValue<std::int64_t>("bytes_received", 0);
  ctx.out << title << ": sent " << count(stage->optValue<std::int64_t>("uploaded", 0)) << " ("
          << sent << " bytes), received " << count(stage->optValue<std::int64_t>("downloaded", 0))
          << " (" << received << " bytes)";
  if (const auto missing = stage->optValue<std::int64_t>("not_on_server", 0)) {
    ctx.out << ", " << count(missing) << " not on the server yet";
  }
  if (const auto refused = stage->optValue<std::int64_t>("refused", 0)) {
    ctx.out << ", " << count(refused) << " refused by the server";
  }
  ctx.out << "\n";
}

std::string storageLine(std::int64_t used, std::int64_t quota)
{
  const auto percent = quota > 0 ? used * 100 / quota : 0;
  std::string line = blobs::humanBytes(used) + " of " + blobs::humanBytes(quota) + " used (" +
                     std::to_string(percent) + "%)";
  if (quota > 0 && used * 5 >= quota * 4) {
    line += " — the account's storage is nearly full: delete pictures or resources you no "
            "longer need, or ask the administrator for more space";
  }
  return line;
}

int syncNow(Context& ctx, const Invocation& in)
{
  auto& daemon = ctx.daemon();
  if (in.flag("--cancel")) {
    const auto answer = daemon.callObject(methods::kSyncCancel);
    if (answer->optValue<bool>("cancelled", false)) {
      ctx.out << "Cancelled " << text(answer, "id")
              << "; the changes not sent yet stay pending for the next sync.\n";
    } else {
      ctx.out << "No sync is running.\n";
    }
    return 0;
  }
  auto events = std::make_shared<SyncEvents>();
  daemon.setNotificationHandler([events](const std::string& method, const Object::Ptr& params) {
    events->add(method, params);
  });
  daemon.call(methods::kSubscribe);
  Object::Ptr params = new Object;
  params->set("data", in.flag("--data") || (!in.flag("--pictures") && !in.flag("--resources")));
  params->set("pictures", in.flag("--pictures"));
  params->set("resources", in.flag("--resources"));
  const std::string id = text(daemon.callObject(methods::kSync, params), "id");
  for (;;) {
    const auto event = events->next(std::chrono::seconds(1));
    if (!event) {
      if (!daemon.connected()) {
        throw Error(
            "pupitred stopped before the sync ended; run `pupitrectl sync` again once it runs.");
      }
      continue;
    }
    const auto& [method, details] = *event;
    if (text(details, "id") != id) {
      continue;
    }
    if (method == ipc::notifications::kSyncProgress) {
      showProgress(details);
    } else if (method == ipc::notifications::kSyncFinished) {
      ctx.out << "Sent " << details->optValue<std::int64_t>("uploaded", 0) << " changes, received "
              << details->optValue<std::int64_t>("downloaded", 0) << ", "
              << details->optValue<std::int64_t>("conflicts", 0) << " conflicts\n";
      printBlobStage(ctx, "Pictures", details->getObject("pictures"));
      printBlobStage(ctx, "Resources", details->getObject("resources"));
      if (const auto warnings = details->getArray("warnings")) {
        for (std::size_t i = 0; i < warnings->size(); ++i) {
          std::cerr << "pupitrectl: warning: " << warnings->get(static_cast<unsigned>(i)).toString()
                    << "\n";
        }
      }
      if (details->has("storage_quota")) {
        const auto used = details->optValue<std::int64_t>("storage_used", 0);
        const auto quota = details->optValue<std::int64_t>("storage_quota", 0);
        ctx.out << "Storage: " << storageLine(used, quota) << "\n";
      }
      return 0;
    } else if (method == ipc::notifications::kSyncFailed) {
      if (text(details, "code") == ipc::reasons::kCancelled) {
        throw Error("sync cancelled: " + text(details, "reason"));
      }
      throw Error("sync failed: " + text(details, "reason", "unknown reason"));
    }
  }
}

int status(Context& ctx, const Invocation& in)
{
  const auto status = ctx.daemon().callObject(methods::kStatus);
  if (in.flag("--json")) {
    printJson(ctx, status);
    return 0;
  }
  const bool signedIn = status->optValue<bool>("signed_in", false);
  const std::string reason = text(status, "state_reason");
  ctx.out << "State:      " << text(status, "state") << (reason.empty() ? "" : " — " + reason)
          << "\n";
  if (signedIn) {
    ctx.out << "Signed in:  " << printable(text(status, "email")) << " at "
            << printable(text(status, "server")) << "\n"
            << "Licence:    " << text(status, "licence", "unknown") << "\n";
  } else {
    ctx.out << "Signed in:  no"
            << "\n";
  }
  ctx.out << "Device:     " << text(status, "device_id") << "\n"
          << "Pending:    " << text(status, "pending", "0") << " changes\n";
  // Records the server cannot take, each named with what to do.
  if (const auto held = status->getArray("held")) {
    for (std::size_t i = 0; i < held->size(); ++i) {
      ctx.out << "Not synced: "
              << printable(text(held->getObject(static_cast<unsigned>(i)), "message")) << "\n";
    }
  }
  ctx.out << "Last sync:  " << text(status, "last_sync", "never") << "\n";
  if (status->has("storage_quota") && !status->get("storage_quota").isEmpty()) {
    ctx.out << "Storage:    "
            << storageLine(status->optValue<std::int64_t>("storage_used", 0),
                           status->optValue<std::int64_t>("storage_quota", 0))
            << "\n";
  }
  const std::string minutes = text(status, "schedule_minutes");
  if (minutes.empty()) {
    ctx.out << "Schedule:   off (sync when asked)\n";
  } else {
    ctx.out << "Schedule:   every " << minutes << " minutes";
    const std::string next = text(status, "next_sync");
    ctx.out << (next.empty() ? "" : " (next: " + next + ")") << "\n";
  }
  // What the school's policy fixes (docs/deploy.md).
  if (const auto locked = status->getArray("locked"); locked && locked->size() > 0) {
    ctx.out << "Set by your school:";
    for (std::size_t i = 0; i < locked->size(); ++i) {
      ctx.out << (i == 0 ? " " : ", ") << locked->getElement<std::string>(static_cast<unsigned>(i));
    }
    ctx.out << " (" << text(status, "policy") << ")\n";
  }
  return 0;
}

int schedule(Context& ctx, const Invocation& in)
{
  const std::string& value = in.positional[0];
  Object::Ptr params = new Object;
  if (value == "off" || value == "0") {
    params->set("minutes", Poco::Dynamic::Var());
  } else {
    char* end = nullptr;
    const long minutes = std::strtol(value.c_str(), &end, 10);
    if (value.empty() || *end != '\0' || minutes < 0) {
      throw UsageError("schedule takes off or a number of minutes, not '" + value + "'");
    }
    params->set("minutes", static_cast<std::int64_t>(minutes));
  }
  const auto status = ctx.daemon().callObject(methods::kSchedule, params);
  const std::string minutes = text(status, "schedule_minutes");
  if (minutes.empty()) {
    ctx.out << "Automatic sync is off; pupitred syncs when asked.\n";
  } else {
    ctx.out << "pupitred syncs every " << minutes << " minutes.\n";
  }
  return 0;
}

void printDevices(Context& ctx, const Object::Ptr& account)
{
  ctx.out << "id\tname\tlinked_at\tlast_seen\n";
  const auto devices = account->getArray("devices");
  for (std::size_t i = 0; devices && i < devices->size(); ++i) {
    const auto device = devices->getObject(static_cast<unsigned>(i));
    ctx.out << printable(text(device, "id")) << "\t" << printable(text(device, "name")) << "\t"
            << text(device, "linked_at") << "\t" << text(device, "last_seen")
            << (device->optValue<bool>("this_device", false) ? "\t(this device)" : "") << "\n";
  }
}

int devices(Context& ctx, const Invocation& in)
{
  const auto account = ctx.daemon().callObject(methods::kDevices, {}, kServerCallTimeout);
  if (in.flag("--json")) {
    printJson(ctx, account);
  } else {
    printDevices(ctx, account);
  }
  return 0;
}

int unlink(Context& ctx, const Invocation& in)
{
  Object::Ptr params = new Object;
  params->set("device_id", in.positional[0]);
  ctx.daemon().callObject(methods::kUnlink, params, kServerCallTimeout);
  ctx.out << "Unlinked " << in.positional[0]
          << "; its token stops working now, its data stay on it.\n";
  return 0;
}

int renameDevice(Context& ctx, const Invocation& in)
{
  Object::Ptr params = new Object;
  params->set("name", in.positional[0]);
  const auto other = in.option("--device");
  if (other) {
    params->set("device_id", *other);
  }
  const auto result = ctx.daemon().callObject(methods::kDeviceRename, params, kServerCallTimeout);
  const std::string name = printable(text(result, "name"));
  if (other) {
    ctx.out << "Renamed " << printable(*other) << " to '" << name << "'.\n";
  } else if (result->optValue<bool>("sent", false)) {
    ctx.out << "This device is now called '" << name << "' on the account.\n";
  } else {
    ctx.out << "This device is now called '" << name
            << "' here; the server gets the name with the next sync (or sign-in).\n";
  }
  return 0;
}

// The server builds the export of a whole account at once: a large one takes a while.
constexpr std::chrono::seconds kExportCallTimeout{600};

int accountExport(Context& ctx, const Invocation& in)
{
  const auto output = in.option("--output");
  if (!output || output->empty()) {
    throw UsageError("Say where to write the account's data: -o FILE.");
  }
  // pupitred runs in another folder: it is given the full path.
  const std::string path = std::filesystem::absolute(*output).lexically_normal().string();
  Object::Ptr params = new Object;
  params->set("path", path);
  const auto result = ctx.daemon().callObject(methods::kAccountExport, params, kExportCallTimeout);
  ctx.out << "Wrote " << printablePath(text(result, "path")) << " ("
          << result->optValue<std::int64_t>("bytes", 0)
          << " bytes): everything the server holds about your account.\n";
  return 0;
}

} // namespace

std::vector<Command> daemonCommands()
{
  std::vector<Command> table;
  auto add = [&table](Command command) {
    command.usesDaemon = true;
    table.push_back(std::move(command));
  };
  add({{"login"},
       "[SERVER_URL] EMAIL",
       "Signs this device in (the password is read from standard input) and links it to the "
       "account. Without SERVER_URL, the server your school's policy sets.",
       {},
       {},
       1,
       2,
       login});
  add({{"logout"},
       "",
       "Signs out: forgets the device token; the data stay on this computer.",
       {},
       {},
       0,
       0,
       logout});
  add({{"sync"},
       "[--data] [--pictures] [--resources] | --cancel",
       "Synchronises now and waits: progress on stderr, then \"Sent N changes, received M, K "
       "conflicts\" (and what moved of pictures and resources). --cancel stops the running "
       "sync (from another terminal); what was not sent stays pending.",
       {},
       {"--data", "--pictures", "--resources", "--cancel"},
       0,
       0,
       syncNow});
  add({{"status"},
       "[--json]",
       "Shows the sign-in, the sync state, pending changes and the schedule.",
       {},
       {"--json"},
       0,
       0,
       status});
  add({{"schedule"},
       "off|MINUTES",
       "Syncs every MINUTES minutes, or only when asked (off).",
       {},
       {},
       1,
       1,
       schedule});
  add({{"devices"},
       "[--json]",
       "Lists the devices linked to the account.",
       {},
       {"--json"},
       0,
       0,
       devices});
  add({{"unlink"},
       "DEVICE_ID",
       "Unlinks a device from the account (its data stay on it).",
       {},
       {},
       1,
       1,
       unlink});
  add({{"device", "rename"},
       "NAME [--device DEVICE_ID]",
       "Renames this device (or another device of the account) as the account's devices list "
       "and the conflict list show it. Offline, this device's new name goes with the next sync.",
       {"--device"},
       {},
       1,
       1,
       renameDevice});
  add({{"account", "export"},
       "-o FILE",
       "Writes everything the server holds about your account (as `pupitre-server user export` "
       "prints it: the account, devices, data, every field's history, conflicts, files held) "
       "to FILE, fetched by pupitred with this device's sign-in.",
       {"--output"},
       {},
       0,
       0,
       accountExport});
  return table;
}

} // namespace pupitre::ctl
