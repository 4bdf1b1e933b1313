// The web data endpoints of report card comments and the class's school name (web_data.h;
// docs/web.md, "Data endpoints"): the same model as the app and pupitrectl
// (model/report_comments.h), so a comment written in the browser is a record of the
// account's web replica that reaches the devices on their next sync.
#include "pupitre/model/classes.h"
#include "pupitre/model/name_order.h"
#include "pupitre/model/report_comments.h"
#include "pupitre/model/students.h"
#include "pupitre/model/terms.h"
#include "server/http/json_body.h"
#include "server/web/web_data.h"
#include "server/web/web_errors.h"
#include "server/web/web_json.h"
#include "server/web/web_writers.h"

namespace pupitre::server::web {
namespace {

// 404 for a term that is not one of the class's.
void requireTermOf(store::Database& db, const std::string& classId, const std::string& termId)
{
  if (!termId.empty() && model::Terms(db).get(termId).classId != classId) {
    throw NotFoundError(
        Sentence{PUPITRE_TR("The term %1 is not a term of the class %2."), {termId, classId}});
  }
}

} // namespace

Outcome<std::string> WebData::comments(std::int64_t account, const std::string& classId,
                                       const std::string& termId)
{
  return onReplica(account, [&](WebReplica& replica) {
    auto& db = replica.db();
    const auto schoolClass = model::Classes(db).get(classId); // 404 for an unknown class
    requireTermOf(db, classId, termId);
    auto students = model::Students(db).list(classId);
    model::sortByName(students); // the app's order of names
    const auto comments = model::ReportComments(db).list(classId, termId);
    JsonOut out;
    out.beginObject()
        .field("class_id", classId)
        .field("term_id", termId)
        .field("school", schoolClass.school)
        .field("max_length", static_cast<std::int64_t>(model::ReportComments::kMaxLength))
        .key("terms")
        .beginArray();
    for (const auto& t : model::Terms(db).list(classId)) {
      out.beginObject().field("id", t.id).field("name", t.name).endObject();
    }
    out.endArray().key("students").beginArray();
    for (const auto& s : students) {
      const auto comment = comments.find(s.id);
      out.beginObject()
          .field("id", s.id)
          .field("given_name", s.givenName)
          .field("family_name", s.familyName)
          .field("comment", comment == comments.end() ? std::string{} : comment->second)
          .endObject();
    }
    out.endArray().field("version", replica.version()).endObject();
    return out.take();
  });
}

Outcome<std::string> WebData::setComment(std::int64_t account, const std::string& body)
{
  const auto request = http::jsonObject(body);
  const std::string classId = requiredText(*request, "class_id");
  const std::string studentId = requiredText(*request, "student_id");
  const std::string termId = textField(*request, "term_id").value_or("");
  const std::string text = textField(*request, "text").value_or("");
  return onReplica(account, [&](WebReplica& replica) {
    auto& db = replica.db();
    model::Classes(db).get(classId);    // 404 for an unknown class
    model::Students(db).get(studentId); // or student
    requireTermOf(db, classId, termId); // or a term of another class
    const std::string trimmed =
        inField("text", [&] { return model::ReportComments::checkText(text); });
    model::ReportComments comments(db);
    comments.set(classId, studentId, termId, trimmed);
    replica.sync();
    JsonOut out;
    out.beginObject()
        .key("comment")
        .beginObject()
        .field("class_id", classId)
        .field("student_id", studentId)
        .field("term_id", termId)
        .field("text", comments.get(classId, studentId, termId))
        .endObject()
        .field("version", replica.version())
        .endObject();
    return out.take();
  });
}

Outcome<std::string> WebData::updateClass(std::int64_t account, const std::string& body)
{
  const auto request = http::jsonObject(body);
  const std::string id = requiredText(*request, "id");
  model::ClassChanges changes;
  changes.school = textField(*request, "school");
  return onReplica(account, [&](WebReplica& replica) {
    model::Classes classes(replica.db());
    classes.get(id); // 404 for an unknown class
    inField("school", [&] {
      classes.update(id, changes);
      return 0;
    });
    replica.sync();
    JsonOut out;
    out.beginObject().key("class");
    writeClass(out, classes.get(id));
    out.field("version", replica.version()).endObject();
    return out.take();
  });
}

} // namespace pupitre::server::web
