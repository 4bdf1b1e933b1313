#include "server/web/web_session_cookie.h"

#include <algorithm>

namespace pupitre::server::web {
namespace {

std::string attributes(bool secure)
{
  return std::string("; Path=/; HttpOnly; SameSite=Strict") + (secure ? "; Secure" : "");
}

std::string trimmed(const std::string& text)
{
  const auto first = text.find_first_not_of(" \t");
  if (first == std::string::npos) {
    return {};
  }
  return text.substr(first, text.find_last_not_of(" \t") - first + 1);
}

} // namespace

std::string sessionCookie(const std::string& secret, bool secure)
{
  return std::string(kSessionCookie) + "=" + secret + attributes(secure);
}

std::string clearedSessionCookie(bool secure)
{
  return std::string(kSessionCookie) + "=; Max-Age=0" + attributes(secure);
}

std::string cookieValue(const std::string& cookieHeader, const std::string& name)
{
  std::size_t start = 0;
  while (start <= cookieHeader.size()) {
    const auto end = std::min(cookieHeader.find(';', start), cookieHeader.size());
    const std::string pair = cookieHeader.substr(start, end - start);
    const auto eq = pair.find('=');
    if (eq != std::string::npos && trimmed(pair.substr(0, eq)) == name) {
      std::string value = trimmed(pair.substr(eq + 1));
      if (value.size() >= 2 && value.front() == '"' && value.back() == '"') {
        value = value.substr(1, value.size() - 2);
      }
      return value;
    }
    start = end + 1;
  }
  return {};
}

bool sameSecret(const std::string& a, const std::string& b)
{
  if (a.size() != b.size() || a.empty()) {
    return false;
  }
  unsigned char difference = 0;
  for (std::size_t i = 0; i < a.size(); ++i) {
    difference |= static_cast<unsigned char>(a[i] ^ b[i]);
  }
  return difference == 0;
}

} // namespace pupitre::server::web
