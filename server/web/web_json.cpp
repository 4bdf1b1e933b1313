#include "server/web/web_json.h"

#include "pupitre/store/canonical_json.h"
#include "pupitre/sync/wire.h"

#include <cmath>

namespace pupitre::server::web {

void JsonOut::separate()
{
  if (m_afterKey) {
    m_afterKey = false;
    return;
  }
  if (!m_empty.empty()) {
    if (!m_empty.back()) {
      m_out.push_back(',');
    }
    m_empty.back() = false;
  }
}

JsonOut& JsonOut::beginObject()
{
  separate();
  m_out.push_back('{');
  m_empty.push_back(true);
  return *this;
}

JsonOut& JsonOut::endObject()
{
  m_out.push_back('}');
  m_empty.pop_back();
  return *this;
}

JsonOut& JsonOut::beginArray()
{
  separate();
  m_out.push_back('[');
  m_empty.push_back(true);
  return *this;
}

JsonOut& JsonOut::endArray()
{
  m_out.push_back(']');
  m_empty.pop_back();
  return *this;
}

JsonOut& JsonOut::key(std::string_view name)
{
  separate();
  store::appendJsonString(m_out, name);
  m_out.push_back(':');
  m_afterKey = true;
  return *this;
}

JsonOut& JsonOut::value(std::string_view text)
{
  separate();
  store::appendJsonString(m_out, text);
  return *this;
}

JsonOut& JsonOut::value(std::int64_t number)
{
  separate();
  m_out += std::to_string(number);
  return *this;
}

JsonOut& JsonOut::value(double number)
{
  if (!std::isfinite(number)) {
    return null();
  }
  separate();
  m_out += store::formatNumber(number);
  return *this;
}

JsonOut& JsonOut::value(bool flag)
{
  separate();
  m_out += flag ? "true" : "false";
  return *this;
}

JsonOut& JsonOut::null()
{
  separate();
  m_out += "null";
  return *this;
}

JsonOut& JsonOut::value(const store::Value& stored)
{
  if (const auto* i = std::get_if<std::int64_t>(&stored)) {
    return value(*i);
  }
  if (const auto* d = std::get_if<double>(&stored)) {
    return value(*d);
  }
  if (const auto* s = std::get_if<std::string>(&stored)) {
    return value(std::string_view(*s));
  }
  return null();
}

JsonOut& JsonOut::value(const std::optional<double>& number)
{
  return number ? value(*number) : null();
}

std::optional<std::string> textField(const Poco::JSON::Object& object, const std::string& name)
{
  if (!object.has(name) || object.isNull(name)) {
    return std::nullopt;
  }
  const auto v = object.get(name);
  if (v.isString()) {
    return v.extract<std::string>();
  }
  if (v.isNumeric()) {
    return v.convert<std::string>();
  }
  throw sync::ProtocolError("The field '" + name + "' must be a string.");
}

std::string requiredText(const Poco::JSON::Object& object, const std::string& name)
{
  auto text = textField(object, name);
  if (!text || text->empty()) {
    throw sync::ProtocolError("The field '" + name + "' is missing.");
  }
  return *text;
}

std::optional<bool> boolField(const Poco::JSON::Object& object, const std::string& name)
{
  if (!object.has(name) || object.isNull(name)) {
    return std::nullopt;
  }
  const auto v = object.get(name);
  if (!v.isBoolean()) {
    throw sync::ProtocolError("The field '" + name + "' must be true or false.");
  }
  return v.extract<bool>();
}

} // namespace pupitre::server::web
