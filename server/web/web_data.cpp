#include "server/web/web_data.h"

#include "pupitre/model/assessments.h"
#include "pupitre/model/categories.h"
#include "pupitre/model/classes.h"
#include "pupitre/model/final_marks.h"
#include "pupitre/model/marks.h"
#include "pupitre/model/name_order.h"
#include "pupitre/model/students.h"
#include "pupitre/model/term_averages.h"
#include "pupitre/model/terms.h"
#include "pupitre/sync/conflicts.h"
#include "server/api_errors.h"
#include "server/http/json_body.h"
#include "server/service/sync_service.h"
#include "server/web/web_errors.h"
#include "server/web/web_json.h"
#include "server/web/web_writers.h"

#include <algorithm>
#include <tuple>
#include <unordered_map>

namespace pupitre::server::web {

WebData::WebData(SyncService& service, WebDataOptions options)
    : m_service(service), m_options(std::move(options)),
      m_replicas(service, m_options.folder, m_options.maxOpenReplicas)
{
}

Outcome<std::string> WebData::onReplica(std::int64_t account,
                                        const std::function<std::string(WebReplica&)>& work)
{
  try {
    return m_replicas.with(account, [&](WebReplica& replica) {
      replica.refresh();
      return work(replica);
    });
  } catch (const FieldError& e) {
    auto error = api::error(400, kInvalid, e.what());
    error.field = e.field();
    return error;
  } catch (const ValidationError& e) {
    return api::error(400, kInvalid, e.what());
  } catch (const NotFoundError& e) {
    return api::notFound(e.what());
  } catch (const sync::ApiRefusal& e) {
    return e.error();
  }
}

Outcome<std::string> WebData::classes(std::int64_t account)
{
  return onReplica(account, [](WebReplica& replica) {
    JsonOut out;
    out.beginObject().key("classes").beginArray();
    for (const auto& c : model::Classes(replica.db()).list(true)) {
      writeClass(out, c);
    }
    out.endArray().field("version", replica.version()).endObject();
    return out.take();
  });
}

Outcome<std::string> WebData::gradebook(std::int64_t account, const std::string& classId,
                                        const std::string& termId)
{
  const double rounding = m_options.rounding;
  return onReplica(account, [&](WebReplica& replica) {
    auto& db = replica.db();
    const auto schoolClass = model::Classes(db).get(classId); // NotFoundError: 404
    auto students = model::Students(db).list(classId);
    const auto categories = model::Categories(db).list(classId);
    const auto assessments = model::Assessments(db).list(classId);
    const auto terms = model::Terms(db).list(classId);
    const auto marks = model::Marks(db).list(classId);
    const auto teacherFinals = model::FinalMarks(db).list(classId);
    const bool termShown = std::any_of(terms.begin(), terms.end(),
                                       [&](const model::Term& t) { return t.id == termId; });
    if (!termId.empty() && !termShown) {
      throw NotFoundError("The term " + termId + " is not a term of this class.");
    }
    // The app's order of names (model/name_order.h).
    model::sortByName(students); // the app's order of names
    std::vector<std::string> ids;
    for (const auto& s : students) {
      ids.push_back(s.id);
    }
    const auto report = model::computeReport(ids, categories, assessments, marks, terms,
                                             schoolClass.finalMode, teacherFinals);
    auto termOf = [&](const model::Assessment& a) {
      const auto found = report.termOfAssessment.find(a.id);
      return found == report.termOfAssessment.end() ? std::string{} : found->second;
    };
    std::unordered_map<std::string, bool> shown; // assessment id -> in a column
    JsonOut out;
    out.beginObject().key("class");
    writeClass(out, schoolClass);
    out.key("terms").beginArray();
    for (const auto& t : terms) {
      out.beginObject()
          .field("id", t.id)
          .field("name", t.name)
          .field("start", t.start)
          .field("end", t.end)
          .endObject();
    }
    out.endArray().key("categories").beginArray();
    for (const auto& c : categories) {
      out.beginObject().field("id", c.id).field("name", c.name).field("weight", c.weight);
      out.endObject();
    }
    out.endArray().key("assessments").beginArray();
    for (const auto& a : assessments) {
      if (!a.visible || (termShown && termOf(a) != termId)) {
        continue;
      }
      shown[a.id] = true;
      writeAssessment(out, a, termOf(a));
    }
    out.endArray().key("students").beginArray();
    for (const auto& s : students) {
      out.beginObject()
          .field("id", s.id)
          .field("given_name", s.givenName)
          .field("family_name", s.familyName)
          .endObject();
    }
    out.endArray().key("marks").beginArray();
    for (const auto& m : marks) {
      if (shown.count(m.assessmentId)) {
        writeMark(out, m);
      }
    }
    out.endArray().key("averages").beginArray();
    for (const auto& r : report.students) {
      writeAverages(out, r, termShown ? termId : std::string{});
    }
    out.endArray()
        .field("term", termShown ? termId : std::string{})
        .field("final_mode", model::toText(schoolClass.finalMode))
        .field("rounding", rounding)
        .field("version", replica.version())
        .endObject();
    return out.take();
  });
}

Outcome<std::string> WebData::setMark(std::int64_t account, const std::string& body)
{
  const auto request = http::jsonObject(body);
  const std::string studentId = requiredText(*request, "student_id");
  const std::string assessmentId = requiredText(*request, "assessment_id");
  model::MarkInput input;
  input.value = textField(*request, "value");
  input.comment = textField(*request, "comment");
  if (const auto status = textField(*request, "status")) {
    input.status = inField("status", [&] { return model::parseMarkStatus(*status); });
  }
  return onReplica(account, [&](WebReplica& replica) {
    auto& db = replica.db();
    model::Marks marks(db);
    const auto assessment = model::Assessments(db).get(assessmentId); // 404 when unknown
    const auto student = model::Students(db).get(studentId);
    if (input.value && !input.value->empty()) {
      inField("value", [&] { return assessment.scale.parse(*input.value); });
    }
    const auto existing = marks.find(studentId, assessmentId);
    // A cell emptied: no value, no comment, a normal status. The mark goes, as in the app.
    const bool emptied =
        input.value && input.value->empty() &&
        (input.comment ? input.comment->empty() : (!existing || existing->comment.empty())) &&
        (input.status ? *input.status == model::MarkStatus::Normal
                      : (!existing || existing->status == model::MarkStatus::Normal));
    if (emptied) {
      if (student.classId != assessment.classId) {
        throw ValidationError("The student " + studentId +
                              " is not in the class of the assessment " + assessmentId + ".");
      }
      if (existing) {
        marks.remove(existing->id);
      }
    } else {
      inField("value", [&] { return marks.set(studentId, assessmentId, input); });
    }
    replica.sync(); // the change has its sequence number before the answer
    return markAnswer(replica, student, assessment);
  });
}

Outcome<std::string> WebData::conflicts(std::int64_t account)
{
  return onReplica(account, [&](WebReplica& replica) {
    return conflictList(replica, m_service.deviceNames(account));
  });
}

Outcome<std::string> WebData::restoreConflict(std::int64_t account, const std::string& body)
{
  const std::string id = requiredText(*http::jsonObject(body), "id");
  return onReplica(account, [&](WebReplica& replica) {
    sync::restoreConflict(replica.db(), id); // NotFoundError: 404
    replica.sync();
    return conflictList(replica, m_service.deviceNames(account));
  });
}

Outcome<std::string> WebData::changes(std::int64_t account)
{
  auto allowed = m_service.syncingAccount(account);
  if (!allowed) {
    return allowed.error();
  }
  JsonOut out;
  out.beginObject().field("version", m_service.dataVersion(account)).endObject();
  return out.take();
}

} // namespace pupitre::server::web
