#include "server/http/json_body.h"

#include "pupitre/sync/wire.h"

#include <Poco/JSON/Parser.h>

#include <sstream>

namespace pupitre::server::http {

Poco::JSON::Object::Ptr jsonObject(const std::string& body)
{
  Poco::JSON::Object::Ptr object;
  try {
    const auto parsed = Poco::JSON::Parser().parse(body);
    if (parsed.type() == typeid(Poco::JSON::Object::Ptr)) {
      object = parsed.extract<Poco::JSON::Object::Ptr>();
    }
  } catch (const std::exception& e) {
    throw sync::ProtocolError(std::string("The request is not valid JSON: ") + e.what());
  }
  if (!object) {
    throw sync::ProtocolError("The request is not a JSON object.");
  }
  return object;
}

std::string stringField(const Poco::JSON::Object::Ptr& object, const std::string& name)
{
  const auto value = object->get(name);
  if (!value.isString()) {
    throw sync::ProtocolError("The field '" + name + "' must be a string.");
  }
  return value.extract<std::string>();
}

std::string optionalStringField(const Poco::JSON::Object::Ptr& object, const std::string& name)
{
  return object->has(name) ? stringField(object, name) : std::string();
}

std::string jsonText(const Poco::JSON::Object& object)
{
  std::ostringstream out;
  object.stringify(out);
  return out.str();
}

} // namespace pupitre::server::http
