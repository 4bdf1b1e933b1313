// The web data endpoints of attendance, the journal and students (web_data.h).
#include "pupitre/model/attendance.h"
#include "pupitre/model/classes.h"
#include "pupitre/model/journal.h"
#include "pupitre/model/name_order.h"
#include "pupitre/model/students.h"
#include "pupitre/model/validation.h"
#include "server/http/json_body.h"
#include "server/service/sync_service.h"
#include "server/web/web_data.h"
#include "server/web/web_errors.h"
#include "server/web/web_json.h"
#include "server/web/web_writers.h"

#include <set>

namespace pupitre::server::web {
namespace {

void writeRecord(JsonOut& out, const model::AttendanceRecord& r)
{
  out.beginObject()
      .field("student_id", r.studentId)
      .field("date", r.date)
      .field("session", r.session)
      .field("state", model::toText(r.state))
      .field("note", r.note)
      .endObject();
}

void writeEntry(JsonOut& out, const model::JournalEntry& e)
{
  out.beginObject()
      .field("id", e.id)
      .field("class_id", e.classId)
      .field("date", e.date)
      .field("session", e.session)
      .field("title", e.title)
      .field("body", e.body)
      .field("done", e.done)
      .endObject();
}

void writeStudent(JsonOut& out, const model::Student& s)
{
  out.beginObject()
      .field("id", s.id)
      .field("class_id", s.classId)
      .field("given_name", s.givenName)
      .field("family_name", s.familyName)
      .field("email", s.email)
      .field("notes", s.notes)
      .field("has_picture", !s.picture.empty())
      .endObject();
}

// A text longer than the server keeps in one field would be held back by the sync and never
// reach the devices: refused before it is written.
void checkLength(const std::string& field, const std::optional<std::string>& text,
                 std::size_t maxBytes)
{
  if (text && text->size() > maxBytes) {
    throw FieldError(field, "This text is " + std::to_string(text->size() / 1024) +
                                " KiB long; the server keeps up to " +
                                std::to_string(maxBytes / 1024) +
                                " KiB in one field. Shorten it or split it in two.");
  }
}

std::string entryAnswer(WebReplica& replica, const std::string& id)
{
  JsonOut out;
  out.beginObject().key("entry");
  writeEntry(out, model::Journal(replica.db()).get(id));
  out.field("version", replica.version()).endObject();
  return out.take();
}

} // namespace

Outcome<std::string> WebData::attendance(std::int64_t account, const std::string& classId,
                                         const std::string& date)
{
  return onReplica(account, [&](WebReplica& replica) {
    auto& db = replica.db();
    model::Classes(db).get(classId); // 404 for an unknown class
    inField("date", [&] { return model::requireDate(date); });
    auto students = model::Students(db).list(classId);
    model::sortByName(students); // the app's order of names
    const auto records = model::Attendance(db).list(classId, date, date);
    std::set<std::string> sessions{""};
    for (const auto& r : records) {
      sessions.insert(r.session);
    }
    JsonOut out;
    out.beginObject().field("date", date).key("students").beginArray();
    for (const auto& s : students) {
      out.beginObject()
          .field("id", s.id)
          .field("given_name", s.givenName)
          .field("family_name", s.familyName)
          .endObject();
    }
    out.endArray().key("sessions").beginArray();
    for (const auto& s : sessions) {
      out.value(s);
    }
    out.endArray().key("records").beginArray();
    for (const auto& r : records) {
      writeRecord(out, r);
    }
    out.endArray().field("version", replica.version()).endObject();
    return out.take();
  });
}

Outcome<std::string> WebData::setAttendance(std::int64_t account, const std::string& body)
{
  const auto request = http::jsonObject(body);
  const std::string studentId = requiredText(*request, "student_id");
  const std::string date = requiredText(*request, "date");
  const std::string session = textField(*request, "session").value_or("");
  const std::string stateText = requiredText(*request, "state");
  const auto note = textField(*request, "note");
  return onReplica(account, [&](WebReplica& replica) {
    auto& db = replica.db();
    model::Students(db).get(studentId); // 404 for an unknown student
    inField("date", [&] { return model::requireDate(date); });
    const auto state = inField("state", [&] { return model::parseAttendanceState(stateText); });
    model::Attendance attendance(db);
    const std::string id = attendance.set(studentId, date, state, session, note);
    replica.sync();
    JsonOut out;
    out.beginObject().key("record");
    for (const auto& r : attendance.list({}, date, date)) {
      if (r.id == id) {
        writeRecord(out, r);
      }
    }
    out.field("version", replica.version()).endObject();
    return out.take();
  });
}

Outcome<std::string> WebData::journal(std::int64_t account, const std::string& classId)
{
  return onReplica(account, [&](WebReplica& replica) {
    auto& db = replica.db();
    model::Classes(db).get(classId);
    JsonOut out;
    out.beginObject().key("entries").beginArray();
    for (const auto& e : model::Journal(db).list(classId)) {
      writeEntry(out, e);
    }
    out.endArray().field("version", replica.version()).endObject();
    return out.take();
  });
}

Outcome<std::string> WebData::createJournalEntry(std::int64_t account, const std::string& body)
{
  const auto request = http::jsonObject(body);
  model::JournalEntry entry;
  entry.classId = requiredText(*request, "class_id");
  entry.date = textField(*request, "date").value_or("");
  entry.session = textField(*request, "session").value_or("");
  entry.title = textField(*request, "title").value_or("");
  entry.body = textField(*request, "body").value_or("");
  entry.done = boolField(*request, "done").value_or(false);
  const std::size_t maxText = m_service.maxTextBytes();
  return onReplica(account, [&](WebReplica& replica) {
    checkLength("title", entry.title, maxText);
    checkLength("body", entry.body, maxText);
    auto& db = replica.db();
    model::Classes(db).get(entry.classId);
    inField("date", [&] { return model::requireDate(entry.date); });
    const std::string id = model::Journal(db).create(entry);
    replica.sync();
    return entryAnswer(replica, id);
  });
}

Outcome<std::string> WebData::updateJournalEntry(std::int64_t account, const std::string& body)
{
  const auto request = http::jsonObject(body);
  const std::string id = requiredText(*request, "id");
  model::JournalChanges changes;
  changes.date = textField(*request, "date");
  changes.session = textField(*request, "session");
  changes.title = textField(*request, "title");
  changes.body = textField(*request, "body");
  changes.done = boolField(*request, "done");
  const std::size_t maxText = m_service.maxTextBytes();
  return onReplica(account, [&](WebReplica& replica) {
    checkLength("title", changes.title, maxText);
    checkLength("body", changes.body, maxText);
    auto& db = replica.db();
    model::Journal journal(db);
    journal.get(id); // 404 for an unknown entry
    if (changes.date) {
      inField("date", [&] { return model::requireDate(*changes.date); });
    }
    journal.update(id, changes);
    replica.sync();
    return entryAnswer(replica, id);
  });
}

Outcome<std::string> WebData::students(std::int64_t account, const std::string& classId)
{
  return onReplica(account, [&](WebReplica& replica) {
    auto& db = replica.db();
    model::Classes(db).get(classId);
    auto students = model::Students(db).list(classId);
    model::sortByName(students); // the app's order of names
    JsonOut out;
    out.beginObject().key("students").beginArray();
    for (const auto& s : students) {
      writeStudent(out, s);
    }
    out.endArray().field("version", replica.version()).endObject();
    return out.take();
  });
}

Outcome<std::string> WebData::updateStudent(std::int64_t account, const std::string& body)
{
  const auto request = http::jsonObject(body);
  const std::string id = requiredText(*request, "id");
  model::StudentChanges changes;
  changes.givenName = textField(*request, "given_name");
  changes.familyName = textField(*request, "family_name");
  changes.email = textField(*request, "email");
  changes.notes = textField(*request, "notes");
  const std::size_t maxText = m_service.maxTextBytes();
  return onReplica(account, [&](WebReplica& replica) {
    checkLength("notes", changes.notes, maxText);
    auto& db = replica.db();
    model::Students students(db);
    students.get(id); // 404 for an unknown student
    if (changes.email) {
      inField("email", [&] { return model::requireEmail(*changes.email); });
    }
    students.update(id, changes);
    replica.sync();
    JsonOut out;
    out.beginObject().key("student");
    writeStudent(out, students.get(id));
    out.field("version", replica.version()).endObject();
    return out.take();
  });
}

} // namespace pupitre::server::web
