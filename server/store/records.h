#pragma once
// What the server keeps, as plain values: accounts, linked devices, device tokens, the
// current version of every synced field, and push batches already applied. Backend-neutral:
// the SQLite store and a later PostgreSQL store exchange the same records.
#include "pupitre/sync/conflicts.h"
#include "pupitre/sync/field_write.h"
#include "pupitre/sync/protocol.h"

#include <cstdint>
#include <string>
#include <vector>

namespace pupitre::server {

struct AccountRecord
{
  std::int64_t id = 0;
  std::string email; // lower case
  std::string passwordHash;
  std::string licence; // licence.h: "single" or "multi"
  std::int64_t maxDevices = 0;
  std::int64_t storageQuota = 0;
  std::int64_t storageUsed = 0;
  std::int64_t createdAtMs = 0;
};

struct NewAccount
{
  std::string email;
  std::string passwordHash;
  std::string licence;
  std::int64_t maxDevices = 0;
  std::int64_t storageQuota = 0;
  std::int64_t createdAtMs = 0;
};

struct DeviceRecord
{
  std::string id;
  std::string name;
  std::int64_t linkedAtMs = 0;
  std::int64_t lastSeenMs = 0;
  std::int64_t unlinkedAtMs = 0; // 0 while linked
};

enum class TokenState { Active, Revoked, Unlinked };

struct TokenRecord
{
  std::int64_t accountId = 0;
  std::string deviceId;
  TokenState state = TokenState::Active;
  std::int64_t deviceLastSeenMs = 0;
};

// What the server keeps about a token, without the token or its hash (for `user export`).
struct TokenInfo
{
  std::string deviceId;
  std::int64_t createdAtMs = 0;
  TokenState state = TokenState::Active;
};

// What a retention sweep erased: the values of `rows` deleted rows (in `accounts` accounts),
// and the conflict-list entries that held values of those rows.
struct PurgeResult
{
  std::int64_t rows = 0;
  std::int64_t fields = 0;
  std::int64_t conflicts = 0;
  std::int64_t accounts = 0;
};

// A picture or resource file the account holds (table `blob`, server/blobs/blob_index.h).
struct HeldBlob
{
  std::string hash;
  std::int64_t size = 0;
  std::int64_t createdAtMs = 0;
};

enum class LinkResult { Linked, DeviceLimit };

// A signed-in web browser (server/web/web_sessions.h). The cookie's secret is never stored,
// only its SHA-256 (like device tokens). `id` is public: it names the session in device lists
// and when it is signed out. (Web edits are stamped by the account's web replica, not by a
// session: server/web/replica.h.)
struct WebSessionRecord
{
  std::int64_t accountId = 0;
  std::string id;
  std::string csrf; // the X-CSRF-Token every write of the session must carry
  std::string userAgent;
  std::int64_t createdAtMs = 0;
  std::int64_t seenAtMs = 0;
  std::int64_t expiresAtMs = 0; // the absolute end, whatever the use
};

// The server's current version of one field of one row of an account. `seq` orders the
// account's changes for pull; 0 means "never sent" (a liveness that only followed from field
// writes, which every device derives by itself).
struct StoredVersion
{
  std::string table;
  std::string rowId;
  std::string field;
  store::Value value;
  sync::Stamp stamp;
  sync::Stamp base;
  std::int64_t seq = 0;
};

struct StoredConflict
{
  sync::Conflict conflict;
  std::int64_t seq = 0;
};

// The last push batch a device had applied, with the answer it was given.
struct BatchRecord
{
  std::int64_t batch = 0;
  sync::PushResult result;
};

// What a pull reads from one consistent snapshot: up to `limit` + 1 versions and conflicts
// after the cursor, each list in sequence order.
struct PulledRows
{
  std::vector<StoredVersion> versions;
  std::vector<StoredConflict> conflicts;
  std::int64_t lastSeq = 0; // the account's last sequence number in the same snapshot
};

} // namespace pupitre::server
