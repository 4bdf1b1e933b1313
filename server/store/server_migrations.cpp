#include "server/store/server_migrations.h"

namespace pupitre::server {

const std::vector<ServerMigration>& serverMigrations()
{
  static const std::vector<ServerMigration> all = {
      {1, "initial", R"sql(
-- Accounts. Times are milliseconds since the Unix epoch. `last_seq` is the last sequence
-- number handed out to the account's changes (pull order).
CREATE TABLE account (
  id INTEGER PRIMARY KEY,
  email TEXT NOT NULL UNIQUE,
  password_hash TEXT NOT NULL,
  licence TEXT NOT NULL CHECK (licence IN ('single', 'multi')),
  max_devices INTEGER NOT NULL,
  storage_quota INTEGER NOT NULL,
  storage_used INTEGER NOT NULL DEFAULT 0,
  last_seq INTEGER NOT NULL DEFAULT 0,
  created_at INTEGER NOT NULL
);

-- Devices that were ever linked; `unlinked_at` is null while linked. `last_batch` and
-- `last_result` make pushes idempotent.
CREATE TABLE device (
  account_id INTEGER NOT NULL REFERENCES account(id),
  id TEXT NOT NULL,
  name TEXT NOT NULL,
  linked_at INTEGER NOT NULL,
  last_seen INTEGER NOT NULL,
  unlinked_at INTEGER,
  last_batch INTEGER NOT NULL DEFAULT 0,
  last_result TEXT,
  PRIMARY KEY (account_id, id)
) WITHOUT ROWID;

-- Device tokens, by SHA-256 of the token (the token itself is never stored).
CREATE TABLE token (
  hash TEXT PRIMARY KEY,
  account_id INTEGER NOT NULL REFERENCES account(id),
  device_id TEXT NOT NULL,
  created_at INTEGER NOT NULL,
  state TEXT NOT NULL DEFAULT 'active' CHECK (state IN ('active', 'revoked', 'unlinked'))
) WITHOUT ROWID;
CREATE INDEX token_by_device ON token(account_id, device_id);

-- Failed logins per e-mail (whether or not it has an account), for rate limiting.
CREATE TABLE login_failure (
  email TEXT NOT NULL,
  at INTEGER NOT NULL
);
CREATE INDEX login_failure_by_email ON login_failure(email, at);

-- The current version of every synced field of every row of an account; `deleted` is the
-- row's liveness. `value` has no declared type: values are kept exactly as pushed.
CREATE TABLE field_version (
  account_id INTEGER NOT NULL REFERENCES account(id),
  row_id TEXT NOT NULL,
  field TEXT NOT NULL,
  tbl TEXT NOT NULL,
  value,
  hlc INTEGER NOT NULL,
  device TEXT NOT NULL,
  base_hlc INTEGER NOT NULL DEFAULT 0,
  base_device TEXT NOT NULL DEFAULT '',
  seq INTEGER NOT NULL,
  PRIMARY KEY (account_id, row_id, field)
) WITHOUT ROWID;
CREATE INDEX field_version_by_seq ON field_version(account_id, seq) WHERE seq > 0;

-- Values that lost to a concurrent edit; the id is sync::conflictId(row, field, lost stamp).
CREATE TABLE conflict (
  account_id INTEGER NOT NULL REFERENCES account(id),
  id TEXT NOT NULL,
  tbl TEXT NOT NULL,
  row_id TEXT NOT NULL,
  field TEXT NOT NULL,
  lost_value,
  lost_hlc INTEGER NOT NULL,
  lost_device TEXT NOT NULL,
  won_value,
  won_hlc INTEGER NOT NULL,
  won_device TEXT NOT NULL,
  seq INTEGER NOT NULL,
  PRIMARY KEY (account_id, id)
) WITHOUT ROWID;
CREATE INDEX conflict_by_seq ON conflict(account_id, seq);
)sql"},
      {2, "blobs", R"sql(
-- Pictures and resource files each account holds (server/blobs/): one row per account and
-- SHA-256, so a file counts once against the account's quota however many rows point to it.
-- The bytes are DATA/blobs/ab/HASH, shared by the accounts that hold the same file.
-- `unreferenced_since`: when garbage collection first saw no live row pointing to it.
CREATE TABLE blob (
  account_id INTEGER NOT NULL REFERENCES account(id),
  hash TEXT NOT NULL,
  size INTEGER NOT NULL,
  created_at INTEGER NOT NULL,
  unreferenced_since INTEGER,
  PRIMARY KEY (account_id, hash)
) WITHOUT ROWID;
CREATE INDEX blob_by_hash ON blob(hash);
)sql"},
      {3, "limits", R"sql(
-- Failed sign-ins are counted in memory and forgotten after the rate-limit window
-- (server/service/login_limiter.h); this table kept every mistyped e-mail address.
DROP TABLE login_failure;

-- Uploads under way (DATA/blobs/partial/ACCOUNT-HASH): the file's announced size counts
-- against the account's quota from the first chunk on, so unfinished uploads can't add up
-- past it. The row goes when the upload ends, or when garbage collection finds no chunk
-- arrived for the grace period (and drops the partial file).
CREATE TABLE blob_upload (
  account_id INTEGER NOT NULL REFERENCES account(id),
  hash TEXT NOT NULL,
  size INTEGER NOT NULL,
  last_chunk_at INTEGER NOT NULL,
  PRIMARY KEY (account_id, hash)
) WITHOUT ROWID;
)sql"},
      {4, "web sessions", R"sql(
-- Browsers signed in to the web version (server/web/web_sessions.h). The cookie holds a
-- random secret; only its SHA-256 is kept (`secret_hash`), like device tokens. `id` is public:
-- the session's name in device lists and for signing it out. A session ends when it is not
-- seen for the idle time, at `expires_at` (the absolute end), on sign-out, on a password
-- change and with its account: its row is deleted.
CREATE TABLE web_session (
  account_id INTEGER NOT NULL REFERENCES account(id),
  id TEXT NOT NULL,
  secret_hash TEXT NOT NULL,
  csrf TEXT NOT NULL,
  user_agent TEXT NOT NULL,
  created_at INTEGER NOT NULL,
  seen_at INTEGER NOT NULL,
  expires_at INTEGER NOT NULL,
  PRIMARY KEY (account_id, id)
) WITHOUT ROWID;
CREATE UNIQUE INDEX web_session_by_secret ON web_session(secret_hash);
)sql"},
      {5, "no echo", R"sql(
-- The device whose push wrote the version ('' for the server's own writes, and for versions
-- written before this column existed): a device's pull leaves out the versions it wrote
-- itself (docs/sync-protocol.md, "No echo"). The pull order index carries it, so that
-- leaving them out reads no table row.
ALTER TABLE field_version ADD COLUMN origin TEXT NOT NULL DEFAULT '';
DROP INDEX field_version_by_seq;
CREATE INDEX field_version_by_seq ON field_version(account_id, seq, origin) WHERE seq > 0;
)sql"},
      {6, "pull in one scan", R"sql(
-- The pull order index covers every column a pull reads, so that a page is one range scan
-- of it, with no lookup of the table per version (bench/README.md, bench_sync).
DROP INDEX field_version_by_seq;
CREATE INDEX field_version_by_seq ON field_version(account_id, seq, origin, tbl, row_id, field,
  value, hlc, device, base_hlc, base_device) WHERE seq > 0;
)sql"},
  };
  return all;
}

} // namespace pupitre::server
