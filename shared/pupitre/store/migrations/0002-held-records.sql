-- Records the server cannot take (a value over its limit, or a record too large for any
-- request): their changes stay pending on this device and are left out of pushes while the
-- record is unchanged, so they block nothing else (sync::holdRecord, sync/held_records.h).
-- `hlc` is the record's newest field stamp when it was held: a newer one (an edit here, or
-- one pulled from another device) releases it for another try.
CREATE TABLE sync_held (
  row_id TEXT PRIMARY KEY,
  tbl TEXT NOT NULL,
  field TEXT NOT NULL DEFAULT '', -- the field at fault, '' for the record as a whole
  size INTEGER NOT NULL DEFAULT 0, -- its size in bytes (as sent, for a whole record)
  max_size INTEGER NOT NULL DEFAULT 0, -- what the server accepts
  code TEXT NOT NULL, -- field_too_large, too_large, or the server's refusal code
  message TEXT NOT NULL DEFAULT '', -- the server's sentence, when it refused the record
  hlc INTEGER NOT NULL
) WITHOUT ROWID;
