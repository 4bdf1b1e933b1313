#pragma once
// The local IPC between pupitred and its clients (pupitrectl, the app): JSON-RPC 2.0, one
// JSON object per line. Every name and code of the protocol is here; docs/ipc-protocol.md
// says what each one means. The daemon's dispatch table is daemon/service/ipc_methods.cpp.
#include <chrono>
#include <cstddef>

namespace pupitre::ipc {

// Raised when a method, a parameter or a result changes meaning; `hello` compares it.
constexpr int kProtocolVersion = 1;
// The oldest client version this daemon still serves.
constexpr int kMinProtocolVersion = 1;

// A line (one message) may not be longer than this; longer ones are answered with
// kInvalidRequest and skipped.
constexpr std::size_t kMaxLineBytes = 1024 * 1024;
// Connections the daemon serves at once. When all are taken, the one idle the longest (not
// running a request) is closed to make room, so idle clients never lock new ones out.
constexpr std::size_t kMaxConnections = 64;
// A connection that has not subscribed to notifications and sent nothing for this long is
// closed (clients reconnect for their next request).
constexpr std::chrono::seconds kIdleTimeout{60};
// How long the daemon waits for a client to take a message before dropping it.
constexpr std::chrono::seconds kSendTimeout{5};

// The request member carrying the connection token on transports that need one (loopback
// TCP on Windows). Not part of JSON-RPC itself; ignored where no token is required.
constexpr const char* kAuthMember = "auth";

// Methods a client calls.
namespace methods {
inline constexpr const char* kHello = "hello";            // {version, client} -> {version, daemon}
inline constexpr const char* kStatus = "status";          // {} -> STATUS
inline constexpr const char* kLogin = "login";            // {server, email, password} -> STATUS
inline constexpr const char* kLogout = "logout";          // {} -> STATUS
inline constexpr const char* kSync = "sync";              // {data, pictures, resources} -> {id}
inline constexpr const char* kSyncCancel = "sync.cancel"; // {} -> {cancelled, id|null}
inline constexpr const char* kSchedule = "schedule";      // {minutes|null} -> STATUS
inline constexpr const char* kDevices = "devices";        // {} -> ACCOUNT
inline constexpr const char* kUnlink = "unlink";          // {device_id} -> ACCOUNT
// {name, device_id?} -> {name, sent, account: ACCOUNT|null}
inline constexpr const char* kDeviceRename = "device.rename";
inline constexpr const char* kSubscribe = "subscribe"; // {} -> {subscribed: true}
// {path} -> {path, bytes}: the server's export of the account written to path
inline constexpr const char* kAccountExport = "account.export";
} // namespace methods

// Notifications the daemon sends to subscribed connections.
namespace notifications {
inline constexpr const char* kSyncStarted = "sync.started"; // {id, data, pictures, resources}
// {id, stage: push|pull|pictures|resources, done, total} (bytes for pictures and resources)
inline constexpr const char* kSyncProgress = "sync.progress";
inline constexpr const char* kSyncFinished =
    "sync.finished";                                        // {id, uploaded, downloaded, conflicts}
inline constexpr const char* kSyncFailed = "sync.failed";   // {id, reason, code}
inline constexpr const char* kDataChanged = "data.changed"; // {downloaded, conflicts}
inline constexpr const char* kLoginChanged = "login.changed"; // {signed_in, email, server}
inline constexpr const char* kStateChanged = "state.changed"; // {state, reason}
} // namespace notifications

// The daemon's sync state ("state" in STATUS and state.changed).
namespace states {
inline constexpr const char* kIdle = "idle";
inline constexpr const char* kSyncing = "syncing";
inline constexpr const char* kOffline = "offline";
inline constexpr const char* kError = "error";
inline constexpr const char* kSignedOut = "signed_out";
} // namespace states

// Error codes ("error.code"). The first five are JSON-RPC's own.
namespace errors {
inline constexpr int kParseError = -32700;     // not JSON (or cut short)
inline constexpr int kInvalidRequest = -32600; // JSON, but not a request (or too long)
inline constexpr int kMethodNotFound = -32601;
inline constexpr int kInvalidParams = -32602;
inline constexpr int kInternalError = -32603;
// Pupitre's own, in the range JSON-RPC leaves to servers.
inline constexpr int kUnauthorized = -32001;    // missing or wrong connection token
inline constexpr int kVersionMismatch = -32002; // hello: a version this daemon cannot serve
inline constexpr int kNotSignedIn = -32010;     // the method needs a signed-in device
inline constexpr int kBusy = -32011;            // login/logout while a sync runs
inline constexpr int kOffline = -32020;         // the server could not be reached
inline constexpr int kServerRefused = -32021;   // the server said no; data.reason has its code
inline constexpr int kNotAvailable = -32030;    // a feature this daemon does not have
inline constexpr int kLocalDataError = -32040;  // the database file could not be read/written
inline constexpr int kRefusedByPolicy = -32050; // the school's policy does not allow it
} // namespace errors

// Values of "code" in sync.failed and of "reason" in an error's data, besides the server's
// own codes (docs/sync-protocol.md, "Errors").
namespace reasons {
inline constexpr const char* kOffline = "offline";
inline constexpr const char* kLocalData = "local_data";
inline constexpr const char* kNotSignedIn = "not_signed_in";
inline constexpr const char* kOtherAccount = "other_account";
inline constexpr const char* kNotAvailable = "not_available";
inline constexpr const char* kInternal = "internal";
inline constexpr const char* kCancelled = "cancelled";  // sync.failed: sync.cancel stopped it
inline constexpr const char* kPolicy = "policy";        // refused by the school's policy
inline constexpr const char* kLocalFile = "local_file"; // a file the client named: not written
} // namespace reasons

} // namespace pupitre::ipc
