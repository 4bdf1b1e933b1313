-- Pupitre local database, first version. See docs/data-model.md.
-- Every synced table has a UUID text id, a `deleted` liveness flag (rows are never
-- removed: a deleted row is a tombstone that keeps its last values) and nullable columns,
-- because a row may arrive field by field from other devices. Rules on values live in the
-- repositories (shared/pupitre/model), which are the only writers.

-- This device: its id, its hybrid logical clock and the measured offset to the server.
CREATE TABLE replica (
  singleton INTEGER PRIMARY KEY CHECK (singleton = 1),
  device_id TEXT NOT NULL,
  hlc INTEGER NOT NULL DEFAULT 0,
  server_offset_ms INTEGER NOT NULL DEFAULT 0,
  created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now'))
);

-- Local settings and sync state (cursor, schedule, ...), as text.
CREATE TABLE setting (
  key TEXT PRIMARY KEY,
  value TEXT
) WITHOUT ROWID;

CREATE TABLE "class" (
  id TEXT PRIMARY KEY,
  deleted INTEGER NOT NULL DEFAULT 0,
  name TEXT,
  subject TEXT,
  year TEXT,
  term TEXT,
  colour TEXT,
  archived INTEGER,
  position REAL
);

CREATE TABLE student (
  id TEXT PRIMARY KEY,
  deleted INTEGER NOT NULL DEFAULT 0,
  class_id TEXT,
  given_name TEXT,
  family_name TEXT,
  email TEXT,
  notes TEXT,
  picture TEXT
);
CREATE INDEX student_by_class ON student(class_id);

CREATE TABLE category (
  id TEXT PRIMARY KEY,
  deleted INTEGER NOT NULL DEFAULT 0,
  class_id TEXT,
  name TEXT,
  weight REAL
);
CREATE INDEX category_by_class ON category(class_id);

CREATE TABLE assessment (
  id TEXT PRIMARY KEY,
  deleted INTEGER NOT NULL DEFAULT 0,
  class_id TEXT,
  category_id TEXT,
  name TEXT,
  date TEXT,
  weight REAL,
  scale_kind TEXT,
  scale_min REAL,
  scale_max REAL,
  pass_mark REAL,
  scale_symbols TEXT,
  visible INTEGER,
  position REAL
);
CREATE INDEX assessment_by_class ON assessment(class_id);

-- One mark per (student, assessment): its id is derived from that pair (uuid.h nameUuid),
-- so two devices setting the same cell offline edit the same record.
CREATE TABLE mark (
  id TEXT PRIMARY KEY,
  deleted INTEGER NOT NULL DEFAULT 0,
  student_id TEXT,
  assessment_id TEXT,
  value ANY,
  comment TEXT,
  status TEXT
);
CREATE INDEX mark_by_student ON mark(student_id);
CREATE INDEX mark_by_assessment ON mark(assessment_id);

-- One attendance record per (student, date, session), id derived likewise.
CREATE TABLE attendance (
  id TEXT PRIMARY KEY,
  deleted INTEGER NOT NULL DEFAULT 0,
  student_id TEXT,
  date TEXT,
  session TEXT,
  state TEXT,
  note TEXT
);
CREATE INDEX attendance_by_student ON attendance(student_id, date);

CREATE TABLE journal_entry (
  id TEXT PRIMARY KEY,
  deleted INTEGER NOT NULL DEFAULT 0,
  class_id TEXT,
  date TEXT,
  session TEXT,
  title TEXT,
  body TEXT,
  done INTEGER
);
CREATE INDEX journal_entry_by_class ON journal_entry(class_id, date);

CREATE TABLE resource (
  id TEXT PRIMARY KEY,
  deleted INTEGER NOT NULL DEFAULT 0,
  class_id TEXT,
  file_name TEXT,
  mime_type TEXT,
  size INTEGER,
  blob_hash TEXT
);
CREATE INDEX resource_by_class ON resource(class_id);

-- The version of every synced field of every row: the stamp (hlc, device) of the write
-- whose value the row holds. `pending` = a local write the server has not acknowledged
-- yet (the outbox is this state, not a log); `base_*` = the stamp this device had last
-- synchronised for the field when the pending write was made (conflict detection).
-- The field `deleted` is the row's liveness.
CREATE TABLE field_version (
  row_id TEXT NOT NULL,
  field TEXT NOT NULL,
  tbl TEXT NOT NULL,
  hlc INTEGER NOT NULL,
  device TEXT NOT NULL,
  base_hlc INTEGER NOT NULL DEFAULT 0,
  base_device TEXT NOT NULL DEFAULT '',
  pending INTEGER NOT NULL DEFAULT 0,
  PRIMARY KEY (row_id, field)
) WITHOUT ROWID;
CREATE INDEX field_version_pending ON field_version(tbl, row_id) WHERE pending = 1;

-- Values that lost a same-field conflict, for the teacher to review and restore.
-- The id is derived from (row, field, losing stamp), so every device names a conflict
-- the same way.
CREATE TABLE conflict (
  id TEXT PRIMARY KEY,
  tbl TEXT NOT NULL,
  row_id TEXT NOT NULL,
  field TEXT NOT NULL,
  lost_value ANY,
  lost_hlc INTEGER NOT NULL,
  lost_device TEXT NOT NULL,
  won_value ANY,
  won_hlc INTEGER NOT NULL,
  won_device TEXT NOT NULL,
  restored INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX conflict_by_row ON conflict(row_id);
