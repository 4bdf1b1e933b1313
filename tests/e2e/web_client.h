#pragma once
// A browser's side of the web version's JSON API, for the e2e tests: signs in with
// POST /api/v1/web/login, keeps the session cookie and the CSRF token, and sends them (the
// token on every write) as the page does.
#include "cluster.h"

#include <cstdint>
#include <string>

namespace pupitre::e2e {

class WebClient
{
public:
  explicit WebClient(std::uint16_t port) : m_port(port) {}

  // Signs in; fails the test unless the server answers 200.
  void login(const std::string& email = kEmail, const std::string& password = kPassword);
  HttpAnswer get(const std::string& pathAndQuery);
  HttpAnswer put(const std::string& path, const std::string& json);
  HttpAnswer post(const std::string& pathAndQuery, const std::string& body,
                  const std::string& contentType = "application/json");
  // GET that must answer 200, parsed.
  Poco::JSON::Object::Ptr getJson(const std::string& pathAndQuery);
  // The account's data version (GET /api/v1/web/changes).
  std::int64_t version();

private:
  HttpAnswer send(const std::string& method, const std::string& pathAndQuery,
                  const std::string& body, const std::string& contentType);

  std::uint16_t m_port;
  std::string m_cookie; // "pupitre_session=…"
  std::string m_csrf;
};

// {"student_id":…,"assessment_id":…,"value":…}
std::string markJson(const std::string& student, const std::string& assessment,
                     const std::string& value);

} // namespace pupitre::e2e
