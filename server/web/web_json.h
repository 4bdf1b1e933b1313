#pragma once
// JSON for the web endpoints: a small writer (the gradebook of a 40 x 200 class is thousands
// of values, written straight into one string) and the readers of request bodies, whose
// mistakes are sync::ProtocolError (400 bad_request).
#include "pupitre/store/value.h"

#include <Poco/JSON/Object.h>

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace pupitre::server::web {

class JsonOut
{
public:
  JsonOut& beginObject();
  JsonOut& endObject();
  JsonOut& beginArray();
  JsonOut& endArray();
  // The key of the next value in an object.
  JsonOut& key(std::string_view name);

  JsonOut& value(std::string_view text);
  JsonOut& value(const char* text) { return value(std::string_view(text)); }
  JsonOut& value(const std::string& text) { return value(std::string_view(text)); }
  JsonOut& value(std::int64_t number);
  JsonOut& value(int number) { return value(static_cast<std::int64_t>(number)); }
  JsonOut& value(double number);
  JsonOut& value(bool flag);
  JsonOut& null();
  // null, a number or a text, as stored.
  JsonOut& value(const store::Value& stored);
  JsonOut& value(const std::optional<double>& number);

  // key(name).value(v)
  template <class T> JsonOut& field(std::string_view name, const T& v)
  {
    key(name);
    return value(v);
  }

  const std::string& text() const { return m_out; }
  std::string take() { return std::move(m_out); }

private:
  void separate();

  std::string m_out;
  std::vector<bool> m_empty; // per open level: nothing written in it yet
  bool m_afterKey = false;
};

// The field as text: a string (or a number, written as in JSON); nullopt when absent or
// null. ProtocolError for other types.
std::optional<std::string> textField(const Poco::JSON::Object& object, const std::string& name);
// The same, required: ProtocolError when absent or empty.
std::string requiredText(const Poco::JSON::Object& object, const std::string& name);
std::optional<bool> boolField(const Poco::JSON::Object& object, const std::string& name);

} // namespace pupitre::server::web
