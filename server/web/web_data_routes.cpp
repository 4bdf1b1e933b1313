#include "server/web/web_data_routes.h"

#include "pupitre/sync/wire.h"
#include "server/api_errors.h"
#include "server/web/web_data.h"
#include "server/web/web_json.h"

#include <Poco/URI.h>

namespace pupitre::server::web {
namespace {

// The query parameter `name`; ProtocolError (400) when it is missing or empty.
std::string param(const http::ApiRequest& request, const std::string& name)
{
  const auto it = request.query.find(name);
  if (it == request.query.end() || it->second.empty()) {
    throw sync::ProtocolError("The parameter '" + name + "' is missing.");
  }
  return it->second;
}

std::string optionalParam(const http::ApiRequest& request, const std::string& name)
{
  const auto it = request.query.find(name);
  return it == request.query.end() ? std::string{} : it->second;
}

http::ApiAnswer noWebData()
{
  return webErrorAnswer(api::notFound("This server does not serve the web version's data."));
}

http::ApiAnswer json(const Outcome<std::string>& outcome)
{
  if (!outcome) {
    return webErrorAnswer(outcome.error());
  }
  return {200, outcome.value()};
}

// Runs `call(data, account)` when the server has the web data.
template <class Call>
http::ApiAnswer withData(SyncService& service, const http::ApiRequest& request, Call call)
{
  auto* data = service.webData();
  if (!data) {
    return noWebData();
  }
  try {
    return call(*data, request.webAccountId);
  } catch (const sync::ProtocolError& e) {
    return webErrorAnswer(api::badRequest(e.what()));
  }
}

// attachment; filename="notes.txt"; filename*=UTF-8''notes.txt
std::string attachment(const std::string& fileName)
{
  std::string ascii;
  for (const char c : fileName) {
    const auto u = static_cast<unsigned char>(c);
    ascii.push_back(u < 0x20 || u >= 0x7f || c == '"' || c == '\\' ? '_' : c);
  }
  std::string encoded;
  Poco::URI::encode(fileName, "!#$&+,/:;=?@[]*'()\"\\% ", encoded);
  return "attachment; filename=\"" + ascii + "\"; filename*=UTF-8''" + encoded;
}

http::ApiAnswer file(const Outcome<WebFile>& outcome, bool download)
{
  if (!outcome) {
    return webErrorAnswer(outcome.error());
  }
  const WebFile& f = outcome.value();
  http::ApiAnswer answer{200, f.bytes, f.mimeType, {}};
  answer.headers["X-Content-Type-Options"] = "nosniff";
  answer.headers["Cache-Control"] = "no-store";
  if (download) {
    answer.headers["Content-Disposition"] = attachment(f.fileName);
    answer.headers["Content-Security-Policy"] = "sandbox; default-src 'none'";
  }
  return answer;
}

} // namespace

std::string webErrorBody(const sync::ApiError& error)
{
  JsonOut out;
  out.beginObject().key("error").beginObject();
  out.field("code", error.code).field("message", error.message);
  if (!error.field.empty()) {
    out.field("field", error.field);
  }
  if (error.retryAfterSeconds > 0) {
    out.field("retry_after", error.retryAfterSeconds);
  }
  out.endObject().endObject();
  return out.take();
}

http::ApiAnswer webErrorAnswer(const sync::ApiError& error)
{
  http::ApiAnswer answer{error.status, webErrorBody(error)};
  if (error.retryAfterSeconds > 0) {
    answer.headers["Retry-After"] = std::to_string(error.retryAfterSeconds);
  }
  return answer;
}

http::ApiAnswer getClasses(SyncService& service, const http::ApiRequest& request)
{
  return withData(service, request,
                  [&](WebData& data, std::int64_t account) { return json(data.classes(account)); });
}

http::ApiAnswer getGradebook(SyncService& service, const http::ApiRequest& request)
{
  return withData(service, request, [&](WebData& data, std::int64_t account) {
    return json(data.gradebook(account, param(request, "class"), optionalParam(request, "term")));
  });
}

http::ApiAnswer putMark(SyncService& service, const http::ApiRequest& request)
{
  return withData(service, request, [&](WebData& data, std::int64_t account) {
    return json(data.setMark(account, request.body));
  });
}

http::ApiAnswer getAttendance(SyncService& service, const http::ApiRequest& request)
{
  return withData(service, request, [&](WebData& data, std::int64_t account) {
    return json(data.attendance(account, param(request, "class"), param(request, "date")));
  });
}

http::ApiAnswer putAttendance(SyncService& service, const http::ApiRequest& request)
{
  return withData(service, request, [&](WebData& data, std::int64_t account) {
    return json(data.setAttendance(account, request.body));
  });
}

http::ApiAnswer getJournal(SyncService& service, const http::ApiRequest& request)
{
  return withData(service, request, [&](WebData& data, std::int64_t account) {
    return json(data.journal(account, param(request, "class")));
  });
}

http::ApiAnswer postJournal(SyncService& service, const http::ApiRequest& request)
{
  return withData(service, request, [&](WebData& data, std::int64_t account) {
    return json(data.createJournalEntry(account, request.body));
  });
}

http::ApiAnswer putJournal(SyncService& service, const http::ApiRequest& request)
{
  return withData(service, request, [&](WebData& data, std::int64_t account) {
    return json(data.updateJournalEntry(account, request.body));
  });
}

http::ApiAnswer getStudents(SyncService& service, const http::ApiRequest& request)
{
  return withData(service, request, [&](WebData& data, std::int64_t account) {
    return json(data.students(account, param(request, "class")));
  });
}

http::ApiAnswer putStudent(SyncService& service, const http::ApiRequest& request)
{
  return withData(service, request, [&](WebData& data, std::int64_t account) {
    return json(data.updateStudent(account, request.body));
  });
}

http::ApiAnswer getPicture(SyncService& service, const http::ApiRequest& request)
{
  return withData(service, request, [&](WebData& data, std::int64_t account) {
    return file(data.picture(account, param(request, "student")), false);
  });
}

http::ApiAnswer getResources(SyncService& service, const http::ApiRequest& request)
{
  return withData(service, request, [&](WebData& data, std::int64_t account) {
    return json(data.resources(account, param(request, "class")));
  });
}

http::ApiAnswer getResource(SyncService& service, const http::ApiRequest& request)
{
  return withData(service, request, [&](WebData& data, std::int64_t account) {
    return file(data.resourceFile(account, param(request, "id")), true);
  });
}

http::ApiAnswer postResource(SyncService& service, const http::ApiRequest& request)
{
  return withData(service, request, [&](WebData& data, std::int64_t account) {
    return json(data.uploadResource(account, param(request, "class"), param(request, "name"),
                                    request.body));
  });
}

http::ApiAnswer getConflicts(SyncService& service, const http::ApiRequest& request)
{
  return withData(service, request, [&](WebData& data, std::int64_t account) {
    return json(data.conflicts(account));
  });
}

http::ApiAnswer postRestore(SyncService& service, const http::ApiRequest& request)
{
  return withData(service, request, [&](WebData& data, std::int64_t account) {
    return json(data.restoreConflict(account, request.body));
  });
}

http::ApiAnswer postDelete(SyncService& service, const http::ApiRequest& request)
{
  return withData(service, request, [&](WebData& data, std::int64_t account) {
    return json(data.deleteRecord(account, request.body));
  });
}

http::ApiAnswer postUndelete(SyncService& service, const http::ApiRequest& request)
{
  return withData(service, request, [&](WebData& data, std::int64_t account) {
    return json(data.undeleteRecord(account, request.body));
  });
}

http::ApiAnswer getChanges(SyncService& service, const http::ApiRequest& request)
{
  return withData(service, request,
                  [&](WebData& data, std::int64_t account) { return json(data.changes(account)); });
}

http::ApiAnswer getComments(SyncService& service, const http::ApiRequest& request)
{
  return withData(service, request, [&](WebData& data, std::int64_t account) {
    return json(data.comments(account, param(request, "class"), optionalParam(request, "term")));
  });
}

http::ApiAnswer putComment(SyncService& service, const http::ApiRequest& request)
{
  return withData(service, request, [&](WebData& data, std::int64_t account) {
    return json(data.setComment(account, request.body));
  });
}

http::ApiAnswer putClass(SyncService& service, const http::ApiRequest& request)
{
  return withData(service, request, [&](WebData& data, std::int64_t account) {
    return json(data.updateClass(account, request.body));
  });
}

} // namespace pupitre::server::web
