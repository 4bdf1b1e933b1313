#pragma once
// JSON-RPC 2.0 messages of the local IPC (docs/ipc-protocol.md): reading one line into a
// Message, and writing requests, answers and notifications as single lines.
#include "pupitre/error.h"

#include <Poco/Dynamic/Var.h>
#include <Poco/JSON/Object.h>

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace pupitre::ipc {

// A core Sentence (pupitre/error.h) as it crosses the IPC (error.data.sentence), so the app
// can translate a refusal of the daemon: the English with %1…, its parts, and which parts
// are themselves words to translate. Empty `text`: none.
struct WireSentence
{
  std::string text;
  std::vector<std::string> args;
  unsigned translatedArgs = 0;
};

// The wire form of `error`'s sentence (empty when it was not made from one).
WireSentence wireSentence(const Error& error);

// A refusal a method answers with: an error code from protocol.h, a sentence for the teacher
// and, for programs, a short reason code ("offline", "device_unlinked", ...).
class RpcError : public Error
{
public:
  RpcError(int code, const std::string& message, std::string reason = {},
           WireSentence sentence = {})
      : Error(message), m_code(code), m_reason(std::move(reason)),
        m_wireSentence(std::move(sentence))
  {
  }
  int code() const { return m_code; }
  const std::string& reason() const { return m_reason; }
  // The translatable form of the message, when the daemon sent one.
  const WireSentence& wireSentence() const { return m_wireSentence; }

private:
  int m_code;
  std::string m_reason;
  WireSentence m_wireSentence;
};

struct Message
{
  enum class Kind {
    Invalid,      // not a JSON-RPC message: errorCode/errorMessage say why, id if readable
    Request,      // method, params, id
    Notification, // method, params (no id)
    Response      // id, and result or errorCode/errorMessage/errorReason
  };
  Kind kind = Kind::Invalid;
  std::string method;
  Poco::JSON::Object::Ptr params; // never null for requests and notifications
  Poco::Dynamic::Var id;          // empty for null or absent
  Poco::Dynamic::Var result;
  int errorCode = 0;
  std::string errorMessage;
  std::string errorReason;
  WireSentence errorSentence;
  std::string auth; // the connection token member, when present

  bool isError() const { return errorCode != 0; }
};

// Reads one line (without its newline). Never throws: what is not a message comes back as
// Kind::Invalid with the JSON-RPC error to answer.
Message parseMessage(const std::string& line);

std::string encodeRequest(const Poco::Dynamic::Var& id, const std::string& method,
                          const Poco::JSON::Object::Ptr& params, const std::string& auth = {});
std::string encodeNotification(const std::string& method, const Poco::JSON::Object::Ptr& params);
std::string encodeResult(const Poco::Dynamic::Var& id, const Poco::Dynamic::Var& result);
std::string encodeError(const Poco::Dynamic::Var& id, int code, const std::string& message,
                        const std::string& reason = {}, const WireSentence& sentence = {});

// Reading parameters: each throws RpcError(kInvalidParams) naming the parameter when it is
// present with the wrong type.
std::string stringParam(const Poco::JSON::Object::Ptr& params, const std::string& name,
                        bool required = true);
bool boolParam(const Poco::JSON::Object::Ptr& params, const std::string& name, bool fallback);
// nullopt when absent or null.
std::optional<std::int64_t> intParam(const Poco::JSON::Object::Ptr& params,
                                     const std::string& name);

} // namespace pupitre::ipc
