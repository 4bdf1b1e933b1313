#pragma once
// The one way Pupitre's clients (the sync transport and the blob client) open connections to
// pupitre-server: plain HTTP, or HTTPS that verifies the server's certificate chain against
// the system's certificate authorities (plus an optional private one) and checks that the
// certificate is made out for the host name or IP address of the server's URL. Answers are
// read within a size limit, so a hostile or broken server cannot fill the memory.
#include "pupitre/error.h"
#include "pupitre/net/tls.h"

#include <Poco/Net/Context.h>
#include <Poco/Net/HTTPClientSession.h>
#include <Poco/Net/HTTPResponse.h>
#include <Poco/URI.h>

#include <cstddef>
#include <exception>
#include <istream>
#include <memory>
#include <string>

namespace pupitre::net {

// A connection that broke in the middle of an answer.
class AnswerError : public Error
{
public:
  using Error::Error;
};

// An answer over its size limit.
class AnswerTooLarge : public AnswerError
{
public:
  using AnswerError::AnswerError;
};

// Opens the connections of one client to one server.
class ClientSessions
{
public:
  // `uri`: http://host[:port][/prefix] or https://…. Throws Error when the CA file cannot be
  // read or the address is not http(s).
  ClientSessions(const Poco::URI& uri, const TlsTrust& trust);

  // A new keep-alive session to the server with the given timeouts.
  [[nodiscard]] std::unique_ptr<Poco::Net::HTTPClientSession> open(int connectTimeoutS,
                                                                   int receiveTimeoutS) const;

  // What went wrong in an exchange that threw `e`, for the user: a refused certificate is
  // named as such ("…certificate… hostname mismatch…") with what to do; other failures
  // are "Couldn't reach the server at URL: …".
  [[nodiscard]] std::string failureMessage(const std::exception& e) const;

private:
  Poco::URI m_uri;
  Poco::Net::Context::Ptr m_context; // null for http://
};

// Reads the body of `response` from `in`, at most `maxBytes` of it: throws AnswerTooLarge
// when the server declares or sends more, AnswerError when fewer bytes than declared arrive or
// the answer declares no length at all (neither Content-Length nor chunks: its header was cut
// short). A chunked body cut short is caught by its decoding (gzip, JSON). `what` names the
// answer in the message ("the sync answer").
[[nodiscard]] std::string readAnswer(std::istream& in, const Poco::Net::HTTPResponse& response,
                                     std::size_t maxBytes, const std::string& what);

} // namespace pupitre::net
