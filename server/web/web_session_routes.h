#pragma once
// The web version's session endpoints (docs/web.md, "Signing in"), in the route table of
// server/http/routes.cpp: sign in and out, the session, the account and its device list.
#include "server/http/routes.h"

namespace pupitre::server::web {

// POST /api/v1/web/login {"email","password"} -> {"email","licence","csrf"} + the cookie.
http::ApiAnswer login(SyncService& service, const http::ApiRequest& request);
// POST /api/v1/web/logout -> {} and the cookie cleared.
http::ApiAnswer logout(SyncService& service, const http::ApiRequest& request);
// GET /api/v1/web/session -> {"email","licence","csrf"}.
http::ApiAnswer session(SyncService& service, const http::ApiRequest& request);
// GET /api/v1/web/account -> {"email","licence","max_devices","devices":[...],"storage":{...}}.
http::ApiAnswer account(SyncService& service, const http::ApiRequest& request);
// GET /api/v1/web/account/export -> everything the server holds about the account (as
// `pupitre-server user export` prints it), as a download: pupitre-account-YYYY-MM-DD.json.
http::ApiAnswer accountExport(SyncService& service, const http::ApiRequest& request);
// POST /api/v1/web/devices/unlink {"device_id"} -> the account, as GET account.
http::ApiAnswer unlink(SyncService& service, const http::ApiRequest& request);

} // namespace pupitre::server::web
