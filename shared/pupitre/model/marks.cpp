#include "pupitre/model/marks.h"

#include "pupitre/error.h"
#include "pupitre/model/assessments.h"
#include "pupitre/model/validation.h"
#include "pupitre/store/rows.h"
#include "pupitre/store/value.h"
#include "pupitre/uuid.h"

namespace pupitre::model {
namespace {

const store::TableDef& table()
{
  return *store::findTable("mark");
}

MarkStatus statusFromText(const std::string& status)
{
  return status == "excused" ? MarkStatus::Excused
                             : (status == "missing" ? MarkStatus::Missing : MarkStatus::Normal);
}

Mark fromRow(const store::Row& row)
{
  Mark m;
  m.id = row.id;
  m.studentId = row.text("student_id");
  m.assessmentId = row.text("assessment_id");
  m.value = row["value"];
  m.comment = row.text("comment");
  m.status = statusFromText(row.text("status"));
  return m;
}

} // namespace

const char* toText(MarkStatus status)
{
  switch (status) {
  case MarkStatus::Excused:
    return "excused";
  case MarkStatus::Missing:
    return "missing";
  default:
    return "normal";
  }
}

MarkStatus parseMarkStatus(const std::string& text)
{
  if (text == "normal") {
    return MarkStatus::Normal;
  }
  if (text == "excused") {
    return MarkStatus::Excused;
  }
  if (text == "missing") {
    return MarkStatus::Missing;
  }
  throw ValidationError(
      Sentence{PUPITRE_TR("'%1' is not a mark status; use normal, excused or missing."), {text}});
}

std::string Marks::markId(const std::string& studentId, const std::string& assessmentId)
{
  return nameUuid("mark|" + studentId + "|" + assessmentId);
}

std::string Marks::set(const std::string& studentId, const std::string& assessmentId,
                       const MarkInput& input)
{
  store::WriteTxn txn(m_db);
  const auto student = requireLive(m_db, "student", studentId, PUPITRE_TR("student"));
  const auto assessment =
      assessmentFromRow(requireLive(m_db, "assessment", assessmentId, PUPITRE_TR("assessment")));
  if (student.text("class_id") != assessment.classId) {
    throw ValidationError(
        Sentence{PUPITRE_TR("The student %1 is not in the class of the assessment %2."),
                 {studentId, assessmentId}});
  }
  const std::string id = markId(studentId, assessmentId);
  const auto existing = store::findRow(m_db, table(), id);
  Mark current = existing && !existing->deleted ? fromRow(*existing) : Mark{};

  store::Fields fields;
  if (input.value) {
    current.value = input.value->empty() ? store::Value{} : assessment.scale.parse(*input.value);
    fields.emplace_back("value", current.value);
  }
  if (input.comment) {
    current.comment = *input.comment;
    fields.emplace_back("comment", *input.comment);
  }
  if (input.status) {
    current.status = *input.status;
    fields.emplace_back("status", std::string(toText(*input.status)));
  }
  if (current.status == MarkStatus::Normal && store::isNull(current.value) &&
      current.comment.empty()) {
    throw ValidationError(Sentence{
        PUPITRE_TR("A mark needs a value, a comment, or the status excused or missing."), {}});
  }
  if (!existing) {
    fields.emplace_back("student_id", studentId);
    fields.emplace_back("assessment_id", assessmentId);
    if (!input.status) {
      fields.emplace_back("status", std::string(toText(MarkStatus::Normal)));
    }
    store::insertRow(txn, table(), id, fields);
  } else {
    if (existing->deleted) {
      // A mark cleared earlier comes back as a fresh one.
      store::setDeleted(txn, table(), id, false);
      if (!input.comment) {
        fields.emplace_back("comment", std::string{});
      }
      if (!input.status) {
        fields.emplace_back("status", std::string(toText(MarkStatus::Normal)));
      }
      if (!input.value) {
        fields.emplace_back("value", store::Value{});
      }
    }
    store::updateRow(txn, table(), id, fields);
  }
  txn.commit();
  return id;
}

void Marks::remove(const std::string& id)
{
  store::WriteTxn txn(m_db);
  requireLive(m_db, "mark", id, PUPITRE_TR("mark"));
  store::setDeleted(txn, table(), id, true);
  txn.commit();
}

std::optional<Mark> Marks::find(const std::string& studentId, const std::string& assessmentId)
{
  const auto row = store::findRow(m_db, table(), markId(studentId, assessmentId));
  if (!row || row->deleted) {
    return std::nullopt;
  }
  return fromRow(*row);
}

std::vector<Mark> Marks::list(const std::string& classId)
{
  // Read column by column rather than through store::Row: a class's gradebook is thousands of
  // marks, and this is most of the time it takes to open (bench/README.md, bench_gui_open).
  const std::string columns =
      "SELECT id, student_id, assessment_id, value, comment, status FROM mark";
  auto& query = m_db.statement(
      classId.empty()
          ? columns + " WHERE deleted = 0 ORDER BY id"
          : columns + " WHERE deleted = 0 AND student_id IN"
                      " (SELECT id FROM student WHERE class_id = ? AND deleted = 0) ORDER BY id");
  if (!classId.empty()) {
    query.bind(1, classId);
  }
  const auto text = [&query](int i) {
    const auto column = query.getColumn(i);
    return column.isNull() ? std::string() : column.getString();
  };
  std::vector<Mark> marks;
  while (query.executeStep()) {
    Mark m;
    m.id = text(0);
    m.studentId = text(1);
    m.assessmentId = text(2);
    m.value = store::readValue(query.getColumn(3));
    m.comment = text(4);
    m.status = statusFromText(text(5));
    marks.push_back(std::move(m));
  }
  query.reset();
  return marks;
}

} // namespace pupitre::model
