#include "web_client.h"

#include <Poco/Net/HTTPClientSession.h>
#include <Poco/Net/HTTPRequest.h>
#include <Poco/Net/HTTPResponse.h>
#include <Poco/StreamCopier.h>

#include <boost/test/unit_test.hpp>

namespace pupitre::e2e {

HttpAnswer WebClient::send(const std::string& method, const std::string& pathAndQuery,
                           const std::string& body, const std::string& contentType)
{
  Poco::Net::HTTPClientSession session("127.0.0.1", m_port);
  session.setTimeout(Poco::Timespan(30, 0));
  Poco::Net::HTTPRequest request(method, pathAndQuery, Poco::Net::HTTPMessage::HTTP_1_1);
  if (!m_cookie.empty()) {
    request.set("Cookie", m_cookie);
  }
  if (!m_csrf.empty() && method != "GET") {
    request.set("X-CSRF-Token", m_csrf);
  }
  if (method != "GET") {
    request.setContentType(contentType);
    request.setContentLength64(static_cast<std::int64_t>(body.size()));
  }
  session.sendRequest(request) << body;
  Poco::Net::HTTPResponse response;
  HttpAnswer answer;
  Poco::StreamCopier::copyToString(session.receiveResponse(response), answer.body);
  answer.status = static_cast<int>(response.getStatus());
  if (response.has("Set-Cookie")) {
    const std::string cookie = response.get("Set-Cookie");
    m_cookie = cookie.substr(0, cookie.find(';'));
  }
  return answer;
}

void WebClient::login(const std::string& email, const std::string& password)
{
  const auto answer =
      send("POST", "/api/v1/web/login",
           "{\"email\":\"" + email + "\",\"password\":\"" + password + "\"}", "application/json");
  BOOST_REQUIRE_MESSAGE(answer.status == 200,
                        "web sign-in: " << answer.status << " " << answer.body);
  const auto object = parseObject(answer.body);
  BOOST_REQUIRE(object);
  m_csrf = object->optValue<std::string>("csrf", "");
  BOOST_REQUIRE(!m_csrf.empty());
  BOOST_REQUIRE(!m_cookie.empty());
}

HttpAnswer WebClient::get(const std::string& pathAndQuery)
{
  return send("GET", pathAndQuery, "", "");
}

HttpAnswer WebClient::put(const std::string& path, const std::string& json)
{
  return send("PUT", path, json, "application/json");
}

HttpAnswer WebClient::post(const std::string& pathAndQuery, const std::string& body,
                           const std::string& contentType)
{
  return send("POST", pathAndQuery, body, contentType);
}

Poco::JSON::Object::Ptr WebClient::getJson(const std::string& pathAndQuery)
{
  const auto answer = get(pathAndQuery);
  BOOST_REQUIRE_MESSAGE(answer.status == 200,
                        "GET " << pathAndQuery << ": " << answer.status << " " << answer.body);
  const auto object = parseObject(answer.body);
  BOOST_REQUIRE(object);
  return object;
}

std::int64_t WebClient::version()
{
  return getJson("/api/v1/web/changes?since=0")->getValue<std::int64_t>("version");
}

std::string markJson(const std::string& student, const std::string& assessment,
                     const std::string& value)
{
  return "{\"student_id\":\"" + student + "\",\"assessment_id\":\"" + assessment +
         "\",\"value\":\"" + value + "\"}";
}

} // namespace pupitre::e2e
