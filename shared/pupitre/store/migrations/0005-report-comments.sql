-- What a report card prints that the teacher writes (docs/data-model.md, "Report card
-- comments"; docs/reports.md): the teacher's comment on a student's report card, and the
-- school's name of a class.

-- The teacher's comment for a student, one per (class, student, term): term_id names the
-- term, '' the whole year. The id is derived from that triple (uuid.h nameUuid, as for
-- final_mark), so two devices writing the same comment offline edit the same record and the
-- later edit wins. Deleted = no comment.
CREATE TABLE report_comment (
  id TEXT PRIMARY KEY,
  deleted INTEGER NOT NULL DEFAULT 0,
  class_id TEXT,
  student_id TEXT,
  term_id TEXT,
  text TEXT
);
CREATE INDEX report_comment_by_class ON report_comment(class_id);

-- The school's name printed at the top of the class's report cards (a teacher may teach in
-- two schools, so it belongs to the class).
ALTER TABLE "class" ADD COLUMN school TEXT;
