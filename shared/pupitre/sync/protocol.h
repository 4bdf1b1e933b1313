#pragma once
// The messages of the sync API (docs/sync-protocol.md), as C++ values. wire.h turns them
// into JSON and back; the server and the daemon's transport exchange them over HTTP, the
// simulation in memory.
#include "pupitre/sync/conflicts.h"
#include "pupitre/sync/field_write.h"

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

namespace pupitre::sync {

constexpr int kProtocolVersion = 1;
constexpr const char* kProtocolHeader = "X-Pupitre-Protocol";
constexpr const char* kServerTimeHeader = "X-Pupitre-Time";
// The server's limit on stamps ahead of its clock, in ms, on every answer next to its time.
constexpr const char* kMaxClockAheadHeader = "X-Pupitre-Max-Clock-Ahead";
// The limits the server announces on every answer (ServerLimits).
constexpr const char* kMaxPushBytesHeader = "X-Pupitre-Max-Push-Bytes";
constexpr const char* kMaxPushChangesHeader = "X-Pupitre-Max-Push-Changes";
constexpr const char* kMaxValueBytesHeader = "X-Pupitre-Max-Value-Bytes"; // text=N, any=N, number=N
constexpr std::size_t kDefaultPullLimit = 5000;
constexpr std::size_t kMaxPullLimit = 20000;
// The server refuses stamps whose physical time is further ahead of its clock than this, by
// default (serve --max-clock-ahead); the daemon uses the limit the server announces.
constexpr std::int64_t kMaxClockAheadMs = 5 * 60 * 1000;
// How long a deleted record keeps its values by default (`serve --retention`), in ms.
constexpr std::int64_t kDefaultRetentionMs = std::int64_t{30} * 24 * 3600 * 1000;

// What a server takes in one push, and the largest value per field type (store::FieldType),
// in bytes. The defaults are pupitre-server's; it announces its own on every answer
// (`serve --max-body-mib` changes the push's bytes), and pupitred keeps what it last heard.
struct ServerLimits
{
  std::size_t maxPushBytes = std::size_t{16} << 20; // the JSON body, after decompression
  std::size_t maxPushChanges = 10000;
  std::size_t maxTextBytes = std::size_t{1} << 20; // a Text field (a journal entry's body)
  std::size_t maxAnyBytes = std::size_t{4} << 10;  // an Any field (a mark's value)
  std::size_t maxNumberBytes = 64;                 // text in an Integer or Real field
};

// Error codes of the API ("error" in an error body).
namespace errors {
inline constexpr const char* kBadRequest = "bad_request";
inline constexpr const char* kUnauthorized = "unauthorized";
inline constexpr const char* kDeviceUnlinked = "device_unlinked";
inline constexpr const char* kWrongPassword = "wrong_password";
inline constexpr const char* kLicenceSingleDevice = "licence_single_device";
inline constexpr const char* kDeviceLimit = "device_limit";
inline constexpr const char* kClockAhead = "clock_ahead";
inline constexpr const char* kTooLarge = "too_large";
inline constexpr const char* kFieldTooLarge = "field_too_large";
inline constexpr const char* kServerFull = "server_full";
inline constexpr const char* kUpdateRequired = "update_required";
inline constexpr const char* kRateLimited = "rate_limited";
inline constexpr const char* kNotFound = "not_found";
inline constexpr const char* kInternal = "internal";
} // namespace errors

// Conflict-list entries in one push at most (the server refuses more); the daemon sends
// kReportedConflictsPerPush.
constexpr std::size_t kMaxPushConflicts = 1000;
constexpr std::size_t kReportedConflictsPerPush = 200;

struct PushRequest
{
  std::int64_t batch = 0;
  std::vector<FieldWrite> changes;
  // Losses of this device's own edits that the server cannot know of: each edit lost on the
  // device, to a newer concurrent write it pulled, before it was sent (docs/sync-protocol.md,
  // "Reported conflicts").
  std::vector<Conflict> conflicts;
};

struct PushResult
{
  std::int64_t batch = 0;
  std::int64_t applied = 0;
  std::int64_t ignored = 0;
  std::int64_t conflicts = 0;
};

struct PullPage
{
  std::int64_t cursor = 0;
  bool more = false;
  std::vector<FieldWrite> changes;
  std::vector<Conflict> conflicts;
  // Items (writes and conflicts) after this page when it was read, if the request asked for
  // the count (`count=1`); -1 when not told.
  std::int64_t remaining = -1;
};

struct LoginRequest
{
  std::string email;
  std::string password;
  std::string deviceId;
  std::string deviceName;
};

struct DeviceInfo
{
  std::string id;
  std::string name;
  std::string linkedAt; // ISO 8601 UTC
  std::string lastSeen;
  // "device" (a linked device, taking a slot) or "web" (a signed-in browser, which takes
  // none; its name is "Web browser (...)"). Older servers send no kind: "device".
  std::string kind = "device";
};

struct AccountInfo
{
  std::string email;
  std::string licence; // "single" or "multi"
  std::int64_t maxDevices = 0;
  std::vector<DeviceInfo> devices;
  std::int64_t storageUsed = 0;
  std::int64_t storageQuota = 0;
  // How long the server keeps a deleted record's values (`serve --retention`), in ms; 0: for
  // ever; -1: not told (an older server). A device that does not sync erases by the same rule.
  std::int64_t retentionMs = -1;
};

struct LoginResult
{
  std::string token;
  AccountInfo account;
};

// An error answer of the API: status, code from `errors`, and the sentence for the teacher.
struct ApiError
{
  int status = 500;
  std::string code;
  std::string message;
  std::int64_t retryAfterSeconds = 0; // rate_limited
  std::int64_t serverTimeMs = 0;      // clock_ahead
  std::int64_t maxClockAheadMs = 0;   // clock_ahead: the server's limit
  // A push refused because of one record (field_too_large, a record filed under another
  // kind): which one, so that the device holds it back and sends the rest. Empty otherwise.
  std::string table;
  std::string rowId;
  std::string field;      // the field at fault, when one is
  std::int64_t size = 0;  // field_too_large: the value's bytes ...
  std::int64_t limit = 0; // ... and the most the server keeps there
};

} // namespace pupitre::sync
