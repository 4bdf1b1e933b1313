#pragma once
// The web version's data endpoints (docs/web.md, "Data endpoints"), in the route table of
// server/http/routes.cpp with Access::Web: each reads the signed-in account from the request
// and calls WebData (web_data.h). Errors answer {"error": {"code", "message", "field"?}}.
#include "server/http/routes.h"

namespace pupitre::server::web {

http::ApiAnswer getClasses(SyncService& service, const http::ApiRequest& request);
http::ApiAnswer getGradebook(SyncService& service, const http::ApiRequest& request);
http::ApiAnswer putMark(SyncService& service, const http::ApiRequest& request);
http::ApiAnswer getAttendance(SyncService& service, const http::ApiRequest& request);
http::ApiAnswer putAttendance(SyncService& service, const http::ApiRequest& request);
http::ApiAnswer getJournal(SyncService& service, const http::ApiRequest& request);
http::ApiAnswer postJournal(SyncService& service, const http::ApiRequest& request);
http::ApiAnswer putJournal(SyncService& service, const http::ApiRequest& request);
http::ApiAnswer getStudents(SyncService& service, const http::ApiRequest& request);
http::ApiAnswer putStudent(SyncService& service, const http::ApiRequest& request);
http::ApiAnswer getPicture(SyncService& service, const http::ApiRequest& request);
http::ApiAnswer getResources(SyncService& service, const http::ApiRequest& request);
http::ApiAnswer getResource(SyncService& service, const http::ApiRequest& request);
http::ApiAnswer postResource(SyncService& service, const http::ApiRequest& request);
http::ApiAnswer getConflicts(SyncService& service, const http::ApiRequest& request);
http::ApiAnswer postRestore(SyncService& service, const http::ApiRequest& request);
http::ApiAnswer postDelete(SyncService& service, const http::ApiRequest& request);
http::ApiAnswer postUndelete(SyncService& service, const http::ApiRequest& request);
http::ApiAnswer getChanges(SyncService& service, const http::ApiRequest& request);
http::ApiAnswer getComments(SyncService& service, const http::ApiRequest& request);
http::ApiAnswer putComment(SyncService& service, const http::ApiRequest& request);
http::ApiAnswer putClass(SyncService& service, const http::ApiRequest& request);

// The body of a web error: {"error": {"code", "message", "field"?}}.
std::string webErrorBody(const sync::ApiError& error);
http::ApiAnswer webErrorAnswer(const sync::ApiError& error);

} // namespace pupitre::server::web
