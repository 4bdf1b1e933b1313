#pragma once
// The web session's cookie: `pupitre_session`, HttpOnly (no script reads it), SameSite=Strict
// (no other site's page sends it), Path=/, and Secure when the server speaks HTTPS. It has no
// Max-Age: the browser drops it when it closes; the server ends the session on its own
// schedule anyway.
#include <string>

namespace pupitre::server::web {

inline constexpr const char* kSessionCookie = "pupitre_session";
inline constexpr const char* kCsrfHeader = "X-CSRF-Token";

// The Set-Cookie value that stores `secret`.
std::string sessionCookie(const std::string& secret, bool secure);
// The Set-Cookie value that makes the browser forget the cookie.
std::string clearedSessionCookie(bool secure);
// The value of cookie `name` in a Cookie header ("a=1; pupitre_session=XYZ"); empty when
// absent.
std::string cookieValue(const std::string& cookieHeader, const std::string& name);
// Whether two secrets are equal, in a time that does not tell how much of them matched.
bool sameSecret(const std::string& a, const std::string& b);

} // namespace pupitre::server::web
