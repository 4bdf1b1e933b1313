#include "pupitre/store/canonical_json.h"

#include <cmath>
#include <cstdio>

namespace pupitre::store {

LiveData readLiveData(Database& db)
{
  LiveData data;
  for (const auto& table : syncedTables()) {
    data[table.exportName] = selectRows(db, table);
  }
  return data;
}

void appendJsonString(std::string& out, std::string_view text)
{
  out.push_back('"');
  for (const char ch : text) {
    const auto c = static_cast<unsigned char>(ch);
    switch (c) {
    case '"':
      out += "\\\"";
      break;
    case '\\':
      out += "\\\\";
      break;
    case '\n':
      out += "\\n";
      break;
    case '\r':
      out += "\\r";
      break;
    case '\t':
      out += "\\t";
      break;
    default:
      if (c < 0x20) {
        char escaped[8];
        std::snprintf(escaped, sizeof escaped, "\\u%04x", c);
        out += escaped;
      } else {
        out.push_back(ch);
      }
    }
  }
  out.push_back('"');
}

std::string jsonString(const std::string& text)
{
  std::string out;
  appendJsonString(out, text);
  return out;
}

std::string jsonValue(const Value& value)
{
  if (isNull(value)) {
    return "null";
  }
  if (const auto* s = std::get_if<std::string>(&value)) {
    return jsonString(*s);
  }
  if (const auto* d = std::get_if<double>(&value); d && !std::isfinite(*d)) {
    return "null";
  }
  return toText(value);
}

std::string rowJson(const Row& row)
{
  // Keys sorted: "id" takes its place among the field names.
  std::map<std::string, std::string> fields;
  fields["id"] = jsonString(row.id);
  for (const auto& [field, value] : row.values) {
    fields[field] = jsonValue(value);
  }
  std::string out = "{";
  bool first = true;
  for (const auto& [key, json] : fields) {
    out += (first ? "" : ", ") + jsonString(key) + ": " + json;
    first = false;
  }
  return out + "}";
}

std::string canonicalJson(const LiveData& data)
{
  std::string out = "{";
  bool firstTable = true;
  for (const auto& [name, rows] : data) {
    out += (firstTable ? "\n  " : ",\n  ") + jsonString(name) + ": [";
    firstTable = false;
    bool firstRow = true;
    for (const auto& row : rows) {
      out += (firstRow ? "\n    " : ",\n    ") + rowJson(row);
      firstRow = false;
    }
    out += rows.empty() ? "]" : "\n  ]";
  }
  out += "\n}\n";
  return out;
}

} // namespace pupitre::store
