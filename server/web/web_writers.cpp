#include "server/web/web_writers.h"

#include "pupitre/model/categories.h"
#include "pupitre/model/final_marks.h"
#include "pupitre/model/name_order.h"
#include "pupitre/model/terms.h"
#include "pupitre/store/rows.h"
#include "pupitre/store/schema.h"
#include "pupitre/sync/conflicts.h"
#include "server/time_text.h"
#include "server/web/web_data.h"

#include <algorithm>
#include <tuple>

namespace pupitre::server::web {
namespace {

std::string fieldLabel(const std::string& table, const std::string& field)
{
  if (table == "mark" && field == "value") {
    return "Mark";
  }
  static const std::map<std::string, std::string> labels = {
      {"comment", "Comment"},  {"given_name", "First name"}, {"family_name", "Family name"},
      {"name", "Name"},        {"title", "Title"},           {"body", "Text"},
      {"date", "Date"},        {"notes", "Notes"},           {"note", "Note"},
      {"weight", "Weight"},    {"status", "State"},          {"state", "State"},
      {"deleted", "Deletion"}, {"email", "E-mail"},          {"done", "Done"},
      {"session", "Session"},  {"file_name", "File name"},   {"text", "Report card comment"}};
  const auto found = labels.find(field);
  return found == labels.end() ? field : found->second;
}

std::optional<store::Row> rowOf(store::Database& db, const std::string& table,
                                const std::string& id)
{
  const auto* def = store::findTable(table);
  return def ? store::findRow(db, *def, id) : std::nullopt;
}

// "Ana García", "Test 3", the class's name...: how the teacher knows the record.
std::string recordLabel(store::Database& db, const std::string& table, const std::string& id)
{
  const auto row = rowOf(db, table, id);
  if (!row) {
    return table + " " + id.substr(0, 8);
  }
  if (table == "student") {
    return row->text("given_name") + " " + row->text("family_name");
  }
  for (const char* field : {"name", "title", "file_name"}) {
    if (row->values.count(field) && !row->text(field).empty()) {
      return row->text(field);
    }
  }
  if (table == "mark" || table == "attendance" || table == "report_comment") {
    const auto student = rowOf(db, "student", row->text("student_id"));
    if (student) {
      return student->text("given_name") + " " + student->text("family_name");
    }
  }
  return table + " " + id.substr(0, 8);
}

// What a conflict is about, in parts the page puts into its own language: the record ("Ana
// García", "Test 3") and, for a mark's value, the assessment.
struct ConflictSubject
{
  std::string record;
  std::string assessment; // a mark's value only
  // "Mark of Ana García in Test 3", "First name of Ana García".
  std::string english(const sync::Conflict& c) const
  {
    if (!assessment.empty()) {
      return "Mark of " + record + " in " + assessment;
    }
    return fieldLabel(c.table, c.field) + " of " + record;
  }
};

ConflictSubject conflictSubject(store::Database& db, const sync::Conflict& c)
{
  if (c.table == "mark" && c.field == "value") {
    const auto mark = rowOf(db, "mark", c.rowId);
    const auto student = mark ? rowOf(db, "student", mark->text("student_id")) : std::nullopt;
    const auto assessment =
        mark ? rowOf(db, "assessment", mark->text("assessment_id")) : std::nullopt;
    if (student && assessment) {
      return {student->text("given_name") + " " + student->text("family_name"),
              assessment->text("name")};
    }
  }
  return {recordLabel(db, c.table, c.rowId), {}};
}

// "web" (the web version), "device" (a device of the account) or "unknown".
const char* deviceKind(const std::map<std::string, std::string>& names, const std::string& id)
{
  if (sync::isWebReplica(id)) {
    return "web";
  }
  return names.count(id) ? "device" : "unknown";
}

std::string deviceName(const std::map<std::string, std::string>& names, const std::string& id)
{
  if (sync::isWebReplica(id)) {
    return kWebVersionName;
  }
  const auto found = names.find(id);
  return found == names.end() ? "another device" : found->second;
}

std::string shown(const store::Value& value)
{
  return store::isNull(value) ? "(empty)" : store::toText(value);
}

} // namespace

void writeClass(JsonOut& out, const model::SchoolClass& c)
{
  out.beginObject()
      .field("id", c.id)
      .field("name", c.name)
      .field("subject", c.subject)
      .field("year", c.year)
      .field("colour", c.colour)
      .field("archived", c.archived)
      .field("school", c.school)
      .endObject();
}

void writeAssessment(JsonOut& out, const model::Assessment& a, const std::string& termId)
{
  out.beginObject()
      .field("id", a.id)
      .field("name", a.name)
      .field("date", a.date)
      .field("category_id", a.categoryId)
      .field("term_id", termId)
      .field("weight", a.weight)
      .key("scale")
      .beginObject()
      .field("kind", a.scale.kindText())
      .field("min", a.scale.min)
      .field("max", a.scale.max)
      .field("pass_mark", a.scale.passMark)
      .key("symbols")
      .beginArray();
  for (const auto& [symbol, value] : a.scale.symbols) {
    out.beginObject().field("symbol", symbol).field("value", value).endObject();
  }
  out.endArray().endObject().endObject();
}

void writeMark(JsonOut& out, const model::Mark& m)
{
  out.beginObject()
      .field("student_id", m.studentId)
      .field("assessment_id", m.assessmentId)
      .field("value", m.value)
      .field("comment", m.comment)
      .field("status", model::toText(m.status))
      .endObject();
}

void writeAverages(JsonOut& out, const model::StudentReport& r, const std::string& termId)
{
  const bool year = termId.empty();
  const auto termAverages = r.terms.find(termId);
  const model::StudentAverages& shownAverages =
      year || termAverages == r.terms.end() ? r.year : termAverages->second;
  out.beginObject().field("student_id", r.studentId);
  if (year) {
    out.field("final", r.final()).field("teacher_final", r.teacherFinal);
  } else {
    out.field("final", shownAverages.final).key("teacher_final").null();
  }
  out.key("categories").beginObject();
  for (const auto& [category, average] : shownAverages.byCategory) {
    out.field(category, average);
  }
  out.endObject().key("terms").beginObject();
  if (year) {
    for (const auto& [term, averages] : r.terms) {
      out.field(term, r.termAverage(term));
    }
  }
  out.endObject().field("note", shownAverages.note()).endObject();
}

std::string markAnswer(WebReplica& replica, const model::Student& student,
                       const model::Assessment& assessment)
{
  auto& db = replica.db();
  const std::string& classId = assessment.classId;
  const auto schoolClass = model::Classes(db).get(classId);
  std::vector<model::Mark> own;
  for (auto& m : model::Marks(db).list(classId)) {
    if (m.studentId == student.id) {
      own.push_back(std::move(m));
    }
  }
  const auto report = model::computeReport(
      {student.id}, model::Categories(db).list(classId), model::Assessments(db).list(classId), own,
      model::Terms(db).list(classId), schoolClass.finalMode, model::FinalMarks(db).list(classId));
  JsonOut out;
  out.beginObject().key("mark");
  const auto mark = std::find_if(own.begin(), own.end(), [&](const model::Mark& m) {
    return m.assessmentId == assessment.id;
  });
  if (mark == own.end()) {
    out.null();
  } else {
    writeMark(out, *mark);
  }
  out.key("averages");
  writeAverages(out, report.students.front(), {});
  out.field("version", replica.version()).endObject();
  return out.take();
}

std::string conflictList(WebReplica& replica, const std::map<std::string, std::string>& names)
{
  auto& db = replica.db();
  JsonOut out;
  out.beginObject().key("conflicts").beginArray();
  for (const auto& c : sync::listConflicts(db, true)) {
    const std::string kept = deviceName(names, c.wonStamp.device);
    const std::string lost = deviceName(names, c.lostStamp.device);
    const auto keptMs = static_cast<std::int64_t>(clock::physicalMs(c.wonStamp.hlc));
    const auto lostMs = static_cast<std::int64_t>(clock::physicalMs(c.lostStamp.hlc));
    // "Mark of Ana García in Test 3: 7.5 on Kitchen laptop (…) replaced 6 on Web version (…)"
    const auto subject = conflictSubject(db, c);
    const std::string sentence = subject.english(c) + ": " + shown(c.wonValue) + " on " + kept +
                                 " (" + isoUtc(keptMs) + ") replaced " + shown(c.lostValue) +
                                 " on " + lost + " (" + isoUtc(lostMs) + ")";
    out.beginObject()
        .field("id", c.id)
        .field("sentence", sentence)
        .field("table", c.table)
        .field("field", fieldLabel(c.table, c.field))
        .field("field_name", c.field)
        .field("record", subject.record)
        .field("assessment", subject.assessment)
        .field("kept_device_kind", deviceKind(names, c.wonStamp.device))
        .field("lost_device_kind", deviceKind(names, c.lostStamp.device))
        .field("kept", c.wonValue)
        .field("lost", c.lostValue)
        .field("kept_device", kept)
        .field("lost_device", lost)
        .field("kept_ms", keptMs)
        .field("lost_ms", lostMs)
        .field("restored", c.restored)
        .endObject();
  }
  out.endArray().field("version", replica.version()).endObject();
  return out.take();
}

} // namespace pupitre::server::web
