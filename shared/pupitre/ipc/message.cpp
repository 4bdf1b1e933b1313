#include "pupitre/ipc/message.h"

#include "pupitre/ipc/protocol.h"
#include "pupitre/json_integers.h"

#include <Poco/JSON/Array.h>
#include <Poco/JSON/Parser.h>
#include <Poco/JSON/Stringifier.h>

#include <sstream>

namespace pupitre::ipc {
namespace {

using Poco::Dynamic::Var;
using Poco::JSON::Object;

bool isObject(const Var& v)
{
  return v.type() == typeid(Object::Ptr);
}
bool isArray(const Var& v)
{
  return v.type() == typeid(Poco::JSON::Array::Ptr);
}

// Poco's parser refuses a bare scalar; JSON-RPC calls that an invalid request, not a parse
// error, so tell the two apart.
bool isJsonScalar(const std::string& line)
{
  try {
    Poco::JSON::Parser parser;
    parser.parse("[" + line + "]");
    return true;
  } catch (...) {
    return false;
  }
}

Message invalid(int code, const std::string& why, Var id = {})
{
  Message m;
  m.kind = Message::Kind::Invalid;
  m.errorCode = code;
  m.errorMessage = why;
  m.id = std::move(id);
  return m;
}

std::string text(const Object::Ptr& message)
{
  std::ostringstream out;
  Poco::JSON::Stringifier::condense(message, out);
  return out.str();
}

Object::Ptr envelope()
{
  Object::Ptr message = new Object;
  message->set("jsonrpc", "2.0");
  return message;
}

// The members of a parsed object as a Message. Poco's conversions throw on members of the
// wrong type; parseMessage turns that into an invalid request.
Message readMessage(const Object::Ptr& object)
{
  Message m;
  if (object->has("id")) {
    const Var id = object->get("id");
    if (!id.isEmpty() && (id.isBoolean() || (!id.isString() && !id.isNumeric()))) {
      return invalid(errors::kInvalidRequest, "\"id\" must be a number, a string or null.");
    }
    m.id = id;
  }
  if (object->optValue<std::string>("jsonrpc", "") != "2.0") {
    return invalid(errors::kInvalidRequest, "\"jsonrpc\" must be \"2.0\".", m.id);
  }
  if (object->has(kAuthMember) && object->get(kAuthMember).isString()) {
    m.auth = object->getValue<std::string>(kAuthMember);
  }
  if (object->has("method")) {
    const Var method = object->get("method");
    if (!method.isString() || method.toString().empty()) {
      return invalid(errors::kInvalidRequest, "\"method\" must be a non-empty string.", m.id);
    }
    m.method = method.toString();
    m.kind = object->has("id") ? Message::Kind::Request : Message::Kind::Notification;
    const Var params = object->has("params") ? object->get("params") : Var();
    if (params.isEmpty()) {
      m.params = new Object;
    } else if (isObject(params)) {
      m.params = params.extract<Object::Ptr>();
    } else if (isArray(params)) {
      return invalid(errors::kInvalidParams, "Parameters must be given by name, in an object.",
                     m.id);
    } else {
      return invalid(errors::kInvalidRequest, "\"params\" must be an object.", m.id);
    }
    return m;
  }
  if (!object->has("id") || (!object->has("result") && !object->has("error"))) {
    return invalid(errors::kInvalidRequest, "A request needs \"method\".", m.id);
  }
  m.kind = Message::Kind::Response;
  if (object->has("error")) {
    const Object::Ptr error = object->getObject("error");
    if (!error) {
      return invalid(errors::kInvalidRequest, "\"error\" must be an object.", m.id);
    }
    const Var code = error->has("code") ? error->get("code") : Var();
    if (!code.isEmpty() && !code.isInteger()) {
      return invalid(errors::kInvalidRequest, "\"error.code\" must be an integer.", m.id);
    }
    m.errorCode = code.isEmpty() ? errors::kInternalError : code.convert<int>();
    m.errorMessage = error->optValue<std::string>("message", "");
    if (const Object::Ptr data = error->getObject("data")) {
      m.errorReason = data->optValue<std::string>("reason", "");
      if (const Object::Ptr sentence = data->getObject("sentence")) {
        m.errorSentence.text = sentence->optValue<std::string>("text", "");
        m.errorSentence.translatedArgs = sentence->optValue<unsigned>("translated_args", 0u);
        if (const auto args = sentence->getArray("args")) {
          for (std::size_t i = 0; i < args->size(); ++i) {
            m.errorSentence.args.push_back(args->get(static_cast<unsigned>(i)).toString());
          }
        }
      }
    }
    if (m.errorCode == 0) {
      m.errorCode = errors::kInternalError;
    }
  } else {
    m.result = object->get("result");
  }
  return m;
}

// The id of a message whose numbers at `spans` are out of range, read with those numbers taken
// as null, so that the client can match the refusal (none when the id is one of them).
Var idWithout(std::string line, const std::vector<JsonSpan>& spans)
{
  for (auto it = spans.rbegin(); it != spans.rend(); ++it) {
    line.replace(it->offset, it->length, "null");
  }
  try {
    Poco::JSON::Parser parser;
    const Var parsed = parser.parse(line);
    if (isObject(parsed)) {
      const auto object = parsed.extract<Object::Ptr>();
      const Var id = object->has("id") ? object->get("id") : Var();
      if (id.isString() || (id.isNumeric() && !id.isBoolean())) {
        return id;
      }
    }
  } catch (...) {
    // Not JSON otherwise either: no id to give back.
  }
  return {};
}

} // namespace

Message parseMessage(const std::string& line)
{
  // Poco would read such a number (an id, a parameter) as 0 or another wrong value.
  if (const auto spans = integersOutOfRange(line); !spans.empty()) {
    const std::string number = line.substr(spans.front().offset, spans.front().length);
    return invalid(errors::kInvalidRequest,
                   "In the message, " + integerOutOfRangeMessage(number) + ".",
                   idWithout(line, spans));
  }
  Var parsed;
  try {
    Poco::JSON::Parser parser;
    parsed = parser.parse(line);
  } catch (...) {
    if (line.find_first_not_of(" \t\r") != std::string::npos && isJsonScalar(line)) {
      return invalid(errors::kInvalidRequest, "A request must be a JSON object.");
    }
    return invalid(errors::kParseError, "Parse error: the line is not valid JSON.");
  }
  if (isArray(parsed)) {
    return invalid(errors::kInvalidRequest,
                   "Batches are not supported: send one request per line.");
  }
  if (!isObject(parsed)) {
    return invalid(errors::kInvalidRequest, "A request must be a JSON object.");
  }
  const Object::Ptr object = parsed.extract<Object::Ptr>();
  try {
    return readMessage(object);
  } catch (const std::exception&) {
    // A member of the wrong type ("error": {"code": "x"}): Poco's conversions throw.
    const Var id = object->has("id") ? object->get("id") : Var();
    return invalid(errors::kInvalidRequest, "A member of the message has the wrong type.",
                   id.isString() || id.isNumeric() ? id : Var());
  }
}

std::string encodeRequest(const Var& id, const std::string& method, const Object::Ptr& params,
                          const std::string& auth)
{
  Object::Ptr message = envelope();
  message->set("id", id);
  message->set("method", method);
  message->set("params", params ? params : Object::Ptr(new Object));
  if (!auth.empty()) {
    message->set(kAuthMember, auth);
  }
  return text(message);
}

std::string encodeNotification(const std::string& method, const Object::Ptr& params)
{
  Object::Ptr message = envelope();
  message->set("method", method);
  message->set("params", params ? params : Object::Ptr(new Object));
  return text(message);
}

std::string encodeResult(const Var& id, const Var& result)
{
  Object::Ptr message = envelope();
  message->set("id", id);
  message->set("result", result.isEmpty() ? Var(Object::Ptr(new Object)) : result);
  return text(message);
}

WireSentence wireSentence(const Error& error)
{
  const Sentence& sentence = error.sentence();
  if (!sentence.text) {
    return {};
  }
  return {sentence.text, sentence.args, sentence.translatedArgs};
}

std::string encodeError(const Var& id, int code, const std::string& message,
                        const std::string& reason, const WireSentence& sentence)
{
  Object::Ptr error = new Object;
  error->set("code", code);
  error->set("message", message);
  if (!reason.empty() || !sentence.text.empty()) {
    Object::Ptr data = new Object;
    if (!reason.empty()) {
      data->set("reason", reason);
    }
    if (!sentence.text.empty()) {
      Object::Ptr wire = new Object;
      wire->set("text", sentence.text);
      Poco::JSON::Array::Ptr args = new Poco::JSON::Array;
      for (const auto& arg : sentence.args) {
        args->add(arg);
      }
      wire->set("args", args);
      wire->set("translated_args", sentence.translatedArgs);
      data->set("sentence", wire);
    }
    error->set("data", data);
  }
  Object::Ptr answer = envelope();
  answer->set("id", id);
  answer->set("error", error);
  return text(answer);
}

std::string stringParam(const Object::Ptr& params, const std::string& name, bool required)
{
  const Var value = params && params->has(name) ? params->get(name) : Var();
  if (value.isEmpty()) {
    if (required) {
      throw RpcError(errors::kInvalidParams, "Missing parameter \"" + name + "\".");
    }
    return {};
  }
  if (!value.isString()) {
    throw RpcError(errors::kInvalidParams, "Parameter \"" + name + "\" must be a string.");
  }
  return value.toString();
}

bool boolParam(const Object::Ptr& params, const std::string& name, bool fallback)
{
  const Var value = params && params->has(name) ? params->get(name) : Var();
  if (value.isEmpty()) {
    return fallback;
  }
  if (!value.isBoolean()) {
    throw RpcError(errors::kInvalidParams, "Parameter \"" + name + "\" must be true or false.");
  }
  return value.extract<bool>();
}

std::optional<std::int64_t> intParam(const Object::Ptr& params, const std::string& name)
{
  const Var value = params && params->has(name) ? params->get(name) : Var();
  if (value.isEmpty()) {
    return std::nullopt;
  }
  if (value.isBoolean() || !value.isInteger()) {
    throw RpcError(errors::kInvalidParams,
                   "Parameter \"" + name + "\" must be a whole number or null.");
  }
  return value.convert<std::int64_t>();
}

} // namespace pupitre::ipc
