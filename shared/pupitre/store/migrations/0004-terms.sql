-- Evaluation periods (terms) and the final mark (docs/data-model.md, "Terms and the final mark").
-- A class's school year is split into terms; an assessment belongs to the term of its date
-- unless `assessment.term_id` names one; averages are computed per term and the final mark
-- is the mean (or the weighted mean) of the term averages, or the teacher's own value.
-- The legacy free-text `class.term` stays as it was: a label the teacher may type, read by
-- nothing (terms are rows of `term` now).

CREATE TABLE term (
  id TEXT PRIMARY KEY,
  deleted INTEGER NOT NULL DEFAULT 0,
  class_id TEXT,
  name TEXT,
  start_date TEXT,
  end_date TEXT,
  position REAL,
  weight REAL
);
CREATE INDEX term_by_class ON term(class_id);

-- The assessment's term chosen by the teacher; null or '' = the term of its date.
ALTER TABLE assessment ADD COLUMN term_id TEXT;

-- How the final mark is computed from the term averages: 'mean' (null) or 'weighted'.
ALTER TABLE "class" ADD COLUMN final_mode TEXT;

-- The teacher's own final mark for a student, overriding the computed one. One per
-- (class, student): the id is derived from that pair (uuid.h nameUuid), so two devices
-- setting it offline edit the same record. Deleted = back to the computed final.
CREATE TABLE final_mark (
  id TEXT PRIMARY KEY,
  deleted INTEGER NOT NULL DEFAULT 0,
  class_id TEXT,
  student_id TEXT,
  value REAL
);
CREATE INDEX final_mark_by_class ON final_mark(class_id);
