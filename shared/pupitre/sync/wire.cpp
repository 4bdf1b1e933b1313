#include "pupitre/sync/wire.h"

#include "pupitre/json_integers.h"
#include "pupitre/store/canonical_json.h"

#include <Poco/JSON/Array.h>
#include <Poco/JSON/Object.h>
#include <Poco/JSON/Parser.h>

#include <map>
#include <tuple>
#include <unordered_map>

namespace pupitre::sync {
namespace {

using Poco::JSON::Array;
using Poco::JSON::Object;
using store::jsonString;
using store::jsonValue;

// --- encoding -------------------------------------------------------------------------

// Numbers devices in the order they first appear.
class DeviceTable
{
public:
  int index(const std::string& device)
  {
    const auto [it, added] = m_index.emplace(device, static_cast<int>(m_devices.size()));
    if (added) {
      m_devices.push_back(device);
    }
    return it->second;
  }
  std::string json() const
  {
    std::string out = "[";
    for (std::size_t i = 0; i < m_devices.size(); ++i) {
      out += (i ? "," : "") + jsonString(m_devices[i]);
    }
    return out + "]";
  }

private:
  std::unordered_map<std::string, int> m_index;
  std::vector<std::string> m_devices;
};

std::string hlcText(clock::Hlc hlc)
{
  return "\"" + std::to_string(hlc) + "\"";
}

// Groups writes that share table, stamp, base and field list (docs/sync-protocol.md).
std::string encodeGroups(const std::vector<FieldWrite>& writes, DeviceTable& devices)
{
  using StampKey = std::tuple<std::string, clock::Hlc, std::string, clock::Hlc, std::string>;
  // stamp key -> row id -> writes of that row (in order of first appearance)
  std::map<StampKey, std::vector<std::pair<std::string, std::vector<const FieldWrite*>>>> byStamp;
  std::map<StampKey, std::unordered_map<std::string, std::size_t>> rowIndex;
  for (const auto& w : writes) {
    const StampKey key{w.table, w.stamp.hlc, w.stamp.device, w.base.hlc, w.base.device};
    auto& rows = byStamp[key];
    auto& index = rowIndex[key];
    const auto [it, added] = index.emplace(w.rowId, rows.size());
    if (added) {
      rows.push_back({w.rowId, {}});
    }
    rows[it->second].second.push_back(&w);
  }
  std::string out = "[";
  bool firstGroup = true;
  for (const auto& [key, rows] : byStamp) {
    const auto& [table, hlc, device, baseHlc, baseDevice] = key;
    // Within one stamp, rows with the same field list share a group.
    std::map<std::vector<std::string>, std::vector<std::size_t>> byFields;
    for (std::size_t r = 0; r < rows.size(); ++r) {
      std::vector<std::string> fields;
      for (const auto* w : rows[r].second) {
        fields.push_back(w->field);
      }
      byFields[fields].push_back(r);
    }
    for (const auto& [fields, members] : byFields) {
      out += firstGroup ? "\n" : ",\n";
      firstGroup = false;
      out += "{\"t\":" + jsonString(table) + ",\"h\":" + hlcText(hlc) +
             ",\"d\":" + std::to_string(devices.index(device));
      if (baseHlc != 0 || !baseDevice.empty()) {
        out +=
            ",\"b\":[" + hlcText(baseHlc) + "," + std::to_string(devices.index(baseDevice)) + "]";
      }
      out += ",\"f\":[";
      for (std::size_t i = 0; i < fields.size(); ++i) {
        out += (i ? "," : "") + jsonString(fields[i]);
      }
      out += "],\"rows\":[";
      for (std::size_t m = 0; m < members.size(); ++m) {
        const auto& [rowId, rowWrites] = rows[members[m]];
        out += (m ? ",[" : "[") + jsonString(rowId);
        for (const auto* w : rowWrites) {
          out += "," + jsonValue(w->value);
        }
        out += "]";
      }
      out += "]}";
    }
  }
  return out + "]";
}

std::string encodeConflicts(const std::vector<Conflict>& conflicts, DeviceTable& devices)
{
  std::string out = "[";
  for (std::size_t i = 0; i < conflicts.size(); ++i) {
    const Conflict& c = conflicts[i];
    out += (i ? ",\n" : "\n");
    out += "{\"id\":" + jsonString(c.id) + ",\"t\":" + jsonString(c.table) +
           ",\"row\":" + jsonString(c.rowId) + ",\"field\":" + jsonString(c.field) +
           ",\"lost\":" + jsonValue(c.lostValue) + ",\"lost_h\":" + hlcText(c.lostStamp.hlc) +
           ",\"lost_d\":" + std::to_string(devices.index(c.lostStamp.device)) +
           ",\"won\":" + jsonValue(c.wonValue) + ",\"won_h\":" + hlcText(c.wonStamp.hlc) +
           ",\"won_d\":" + std::to_string(devices.index(c.wonStamp.device)) + "}";
  }
  return out + "]";
}

// --- decoding -------------------------------------------------------------------------

Object::Ptr parseObject(std::string_view json, const char* what)
{
  // Poco would read such a number as 0 or another wrong value without a word.
  if (const auto number = firstIntegerOutOfRange(json)) {
    throw ProtocolError(std::string("In the ") + what + ", " + integerOutOfRangeMessage(*number) +
                        ".");
  }
  try {
    Poco::JSON::Parser parser;
    const auto result = parser.parse(std::string(json));
    if (result.type() != typeid(Object::Ptr)) {
      throw ProtocolError(std::string("The ") + what + " is not a JSON object.");
    }
    return result.extract<Object::Ptr>();
  } catch (const ProtocolError&) {
    throw;
  } catch (const std::exception& e) {
    throw ProtocolError(std::string("The ") + what + " is not valid JSON: " + e.what());
  } catch (...) {
    throw ProtocolError(std::string("The ") + what + " is not valid JSON.");
  }
}

Poco::Dynamic::Var member(const Object::Ptr& object, const std::string& name)
{
  return object->has(name) ? object->get(name) : Poco::Dynamic::Var{};
}

[[noreturn]] void wrongType(const std::string& name, const char* expected)
{
  throw ProtocolError("The field '" + name + "' must be " + expected + ".");
}

std::string text(const Object::Ptr& object, const std::string& name, bool required = true)
{
  const auto value = member(object, name);
  if (value.isEmpty()) {
    if (required) {
      throw ProtocolError("The field '" + name + "' is missing.");
    }
    return {};
  }
  if (!value.isString()) {
    wrongType(name, "a string");
  }
  return value.extract<std::string>();
}

std::int64_t integer(const Poco::Dynamic::Var& value, const std::string& name)
{
  if (value.isEmpty() || !value.isInteger()) {
    wrongType(name, "an integer");
  }
  try {
    return value.convert<std::int64_t>();
  } catch (const std::exception&) {
    wrongType(name, "an integer in range");
  }
}

std::int64_t integer(const Object::Ptr& object, const std::string& name, std::int64_t fallback,
                     bool required)
{
  const auto value = member(object, name);
  if (value.isEmpty()) {
    if (required) {
      throw ProtocolError("The field '" + name + "' is missing.");
    }
    return fallback;
  }
  return integer(value, name);
}

Array::Ptr array(const Object::Ptr& object, const std::string& name, bool required = true)
{
  const auto value = member(object, name);
  if (value.isEmpty()) {
    if (required) {
      throw ProtocolError("The field '" + name + "' is missing.");
    }
    return new Array;
  }
  if (value.type() != typeid(Array::Ptr)) {
    wrongType(name, "an array");
  }
  return value.extract<Array::Ptr>();
}

clock::Hlc hlcOf(const Poco::Dynamic::Var& value, const std::string& name)
{
  if (!value.isString()) {
    wrongType(name, "a stamp written as a decimal string");
  }
  const auto textValue = value.extract<std::string>();
  if (textValue.empty() || textValue.size() > 20 ||
      textValue.find_first_not_of("0123456789") != std::string::npos) {
    wrongType(name, "a stamp written as a decimal string");
  }
  try {
    return std::stoull(textValue);
  } catch (const std::exception&) {
    wrongType(name, "a stamp in range");
  }
}

store::Value valueOf(const Poco::Dynamic::Var& value, const std::string& name)
{
  if (value.isEmpty()) {
    return {};
  }
  if (value.isString()) {
    return value.extract<std::string>();
  }
  if (value.isInteger()) {
    try {
      return static_cast<std::int64_t>(value.convert<std::int64_t>());
    } catch (const std::exception&) { // past 2^63 - 1: Poco throws RangeException
      wrongType(name, "a number in range");
    }
  }
  if (value.isNumeric()) {
    return value.convert<double>();
  }
  if (value.isBoolean()) {
    return std::int64_t{value.extract<bool>() ? 1 : 0};
  }
  wrongType(name, "null, a number or a string");
}

std::vector<std::string> devicesOf(const Object::Ptr& object)
{
  std::vector<std::string> devices;
  const auto list = array(object, "devices", false);
  for (std::size_t i = 0; i < list->size(); ++i) {
    const auto& d = list->get(static_cast<unsigned>(i));
    if (!d.isString()) {
      wrongType("devices", "an array of strings");
    }
    devices.push_back(d.extract<std::string>());
  }
  return devices;
}

const std::string& deviceAt(const std::vector<std::string>& devices,
                            const Poco::Dynamic::Var& index, const std::string& name)
{
  const auto i = integer(index, name);
  if (i < 0 || static_cast<std::size_t>(i) >= devices.size()) {
    throw ProtocolError("The field '" + name + "' names no device of the message.");
  }
  return devices[static_cast<std::size_t>(i)];
}

std::vector<FieldWrite> decodeGroups(const Object::Ptr& object,
                                     const std::vector<std::string>& devices)
{
  std::vector<FieldWrite> writes;
  const auto groups = array(object, "groups", false);
  for (std::size_t g = 0; g < groups->size(); ++g) {
    const auto group = groups->getObject(static_cast<unsigned>(g));
    if (!group) {
      wrongType("groups", "an array of objects");
    }
    Stamp stamp{hlcOf(member(group, "h"), "h"), deviceAt(devices, member(group, "d"), "d")};
    Stamp base;
    const auto b = member(group, "b");
    if (!b.isEmpty()) {
      if (b.type() != typeid(Array::Ptr) || b.extract<Array::Ptr>()->size() != 2) {
        wrongType("b", "[stamp, device index]");
      }
      const auto pair = b.extract<Array::Ptr>();
      base = {hlcOf(pair->get(0), "b"), deviceAt(devices, pair->get(1), "b")};
    }
    const std::string table = text(group, "t");
    std::vector<std::string> fields;
    const auto f = array(group, "f");
    for (std::size_t i = 0; i < f->size(); ++i) {
      if (!f->get(static_cast<unsigned>(i)).isString()) {
        wrongType("f", "an array of field names");
      }
      fields.push_back(f->get(static_cast<unsigned>(i)).extract<std::string>());
    }
    const auto rows = array(group, "rows");
    for (std::size_t r = 0; r < rows->size(); ++r) {
      const auto row = rows->getArray(static_cast<unsigned>(r));
      if (!row || row->size() != fields.size() + 1 || !row->get(0).isString()) {
        throw ProtocolError("A row of a '" + table + "' group does not match its field list.");
      }
      const std::string rowId = row->get(0).extract<std::string>();
      for (std::size_t i = 0; i < fields.size(); ++i) {
        writes.push_back(FieldWrite{table, rowId, fields[i],
                                    valueOf(row->get(static_cast<unsigned>(i + 1)), fields[i]),
                                    stamp, base});
      }
    }
  }
  return writes;
}

std::string accountJson(const AccountInfo& a)
{
  std::string out =
      "{\"email\":" + jsonString(a.email) + ",\"licence\":" + jsonString(a.licence) +
      ",\"max_devices\":" + std::to_string(a.maxDevices) +
      ",\"storage_used\":" + std::to_string(a.storageUsed) +
      ",\"storage_quota\":" + std::to_string(a.storageQuota) +
      (a.retentionMs >= 0 ? ",\"retention_ms\":" + std::to_string(a.retentionMs) : std::string()) +
      ",\"devices\":[";
  for (std::size_t i = 0; i < a.devices.size(); ++i) {
    const auto& d = a.devices[i];
    out += (i ? "," : "") + std::string("{\"id\":") + jsonString(d.id) +
           ",\"name\":" + jsonString(d.name) + ",\"linked_at\":" + jsonString(d.linkedAt) +
           ",\"last_seen\":" + jsonString(d.lastSeen) + ",\"kind\":" + jsonString(d.kind) + "}";
  }
  return out + "]}";
}

AccountInfo accountOf(const Object::Ptr& object)
{
  AccountInfo a;
  a.email = text(object, "email");
  a.licence = text(object, "licence");
  a.maxDevices = integer(object, "max_devices", 0, false);
  a.storageUsed = integer(object, "storage_used", 0, false);
  a.storageQuota = integer(object, "storage_quota", 0, false);
  a.retentionMs = integer(object, "retention_ms", -1, false);
  if (object->has("retention_ms") && a.retentionMs < 0) {
    throw ProtocolError("The field 'retention_ms' must be 0 or more.");
  }
  const auto devices = array(object, "devices", false);
  for (std::size_t i = 0; i < devices->size(); ++i) {
    const auto d = devices->getObject(static_cast<unsigned>(i));
    if (!d) {
      wrongType("devices", "an array of objects");
    }
    std::string kind = text(d, "kind", false);
    a.devices.push_back({text(d, "id"), text(d, "name", false), text(d, "linked_at", false),
                         text(d, "last_seen", false), kind == "web" ? kind : "device"});
  }
  return a;
}

// The optional "conflicts" array of a pull page or a push.
std::vector<Conflict> decodeConflicts(const Object::Ptr& object,
                                      const std::vector<std::string>& devices)
{
  std::vector<Conflict> list;
  const auto conflicts = array(object, "conflicts", false);
  for (std::size_t i = 0; i < conflicts->size(); ++i) {
    const auto c = conflicts->getObject(static_cast<unsigned>(i));
    if (!c) {
      wrongType("conflicts", "an array of objects");
    }
    Conflict conflict;
    conflict.id = text(c, "id");
    conflict.table = text(c, "t");
    conflict.rowId = text(c, "row");
    conflict.field = text(c, "field");
    conflict.lostValue = valueOf(member(c, "lost"), "lost");
    conflict.lostStamp = {hlcOf(member(c, "lost_h"), "lost_h"),
                          deviceAt(devices, member(c, "lost_d"), "lost_d")};
    conflict.wonValue = valueOf(member(c, "won"), "won");
    conflict.wonStamp = {hlcOf(member(c, "won_h"), "won_h"),
                         deviceAt(devices, member(c, "won_d"), "won_d")};
    list.push_back(std::move(conflict));
  }
  return list;
}

} // namespace

std::string encodePush(const PushRequest& request)
{
  DeviceTable devices;
  const std::string groups = encodeGroups(request.changes, devices);
  // Reported conflicts only when there are some: every other push stays as it was.
  const std::string conflicts =
      request.conflicts.empty() ? ""
                                : ",\"conflicts\":" + encodeConflicts(request.conflicts, devices);
  return "{\"batch\":" + std::to_string(request.batch) + ",\"devices\":" + devices.json() +
         ",\"groups\":" + groups + conflicts + "}";
}

PushRequest decodePush(std::string_view json)
{
  const auto object = parseObject(json, "push request");
  PushRequest request;
  request.batch = integer(object, "batch", 0, true);
  if (request.batch < 1) {
    throw ProtocolError("The field 'batch' must be a positive batch number.");
  }
  const auto devices = devicesOf(object);
  request.changes = decodeGroups(object, devices);
  request.conflicts = decodeConflicts(object, devices);
  return request;
}

std::string encodePushResult(const PushResult& r)
{
  // A count of 0 is left out (a single-field sync's answer stays small; see sync-protocol.md).
  std::string json = "{\"batch\":" + std::to_string(r.batch);
  for (const auto& [name, count] :
       {std::pair{"applied", r.applied}, std::pair{"ignored", r.ignored},
        std::pair{"conflicts", r.conflicts}}) {
    if (count != 0) {
      json += std::string(",\"") + name + "\":" + std::to_string(count);
    }
  }
  return json + "}";
}

PushResult decodePushResult(std::string_view json)
{
  const auto object = parseObject(json, "push result");
  return PushResult{integer(object, "batch", 0, true), integer(object, "applied", 0, false),
                    integer(object, "ignored", 0, false), integer(object, "conflicts", 0, false)};
}

std::string encodePullPage(const PullPage& page)
{
  DeviceTable devices;
  const std::string groups = encodeGroups(page.changes, devices);
  const std::string conflicts = encodeConflicts(page.conflicts, devices);
  const std::string remaining =
      page.remaining >= 0 ? ",\"remaining\":" + std::to_string(page.remaining) : "";
  return "{\"cursor\":" + std::to_string(page.cursor) +
         ",\"more\":" + (page.more ? "true" : "false") + remaining +
         ",\"devices\":" + devices.json() + ",\"groups\":" + groups +
         ",\"conflicts\":" + conflicts + "}";
}

PullPage decodePullPage(std::string_view json)
{
  const auto object = parseObject(json, "pull page");
  PullPage page;
  page.cursor = integer(object, "cursor", 0, true);
  const auto more = member(object, "more");
  if (!more.isBoolean()) {
    wrongType("more", "true or false");
  }
  page.more = more.extract<bool>();
  page.remaining = integer(object, "remaining", -1, false);
  if (object->has("remaining") && page.remaining < 0) {
    throw ProtocolError("The field 'remaining' must be 0 or more.");
  }
  const auto devices = devicesOf(object);
  page.changes = decodeGroups(object, devices);
  page.conflicts = decodeConflicts(object, devices);
  return page;
}

std::string encodeLoginRequest(const LoginRequest& r)
{
  return "{\"email\":" + jsonString(r.email) + ",\"password\":" + jsonString(r.password) +
         ",\"device_id\":" + jsonString(r.deviceId) +
         ",\"device_name\":" + jsonString(r.deviceName) + "}";
}

LoginRequest decodeLoginRequest(std::string_view json)
{
  const auto object = parseObject(json, "login request");
  return LoginRequest{text(object, "email"), text(object, "password"), text(object, "device_id"),
                      text(object, "device_name", false)};
}

std::string encodeAccount(const AccountInfo& account)
{
  return accountJson(account);
}

AccountInfo decodeAccount(std::string_view json)
{
  return accountOf(parseObject(json, "account"));
}

std::string encodeLoginResult(const LoginResult& r)
{
  return "{\"token\":" + jsonString(r.token) + ",\"account\":" + accountJson(r.account) + "}";
}

LoginResult decodeLoginResult(std::string_view json)
{
  const auto object = parseObject(json, "login answer");
  const auto account = member(object, "account");
  if (account.type() != typeid(Object::Ptr)) {
    wrongType("account", "an object");
  }
  return LoginResult{text(object, "token"), accountOf(account.extract<Object::Ptr>())};
}

std::string encodeError(const ApiError& e)
{
  std::string out = "{\"error\":" + jsonString(e.code) + ",\"message\":" + jsonString(e.message);
  if (e.retryAfterSeconds > 0) {
    out += ",\"retry_after\":" + std::to_string(e.retryAfterSeconds);
  }
  if (e.serverTimeMs > 0) {
    out += ",\"server_time\":" + std::to_string(e.serverTimeMs);
  }
  if (e.maxClockAheadMs > 0) {
    out += ",\"max_clock_ahead\":" + std::to_string(e.maxClockAheadMs);
  }
  if (!e.rowId.empty()) {
    out += ",\"table\":" + jsonString(e.table) + ",\"row\":" + jsonString(e.rowId);
    if (!e.field.empty()) {
      out += ",\"field\":" + jsonString(e.field);
    }
    if (e.size > 0) {
      out += ",\"size\":" + std::to_string(e.size) + ",\"limit\":" + std::to_string(e.limit);
    }
  }
  return out + "}";
}

ApiError decodeError(int status, std::string_view json)
{
  ApiError error;
  error.status = status;
  error.code = errors::kInternal;
  try {
    auto object = parseObject(json, "error answer");
    // The web version's answers nest it: {"error": {"code", "message", "field"?}} (web.md).
    if (const auto nested = object->getObject("error")) {
      object = nested;
      error.code = text(object, "code");
    } else {
      error.code = text(object, "error");
    }
    error.message = text(object, "message", false);
    error.retryAfterSeconds = integer(object, "retry_after", 0, false);
    error.serverTimeMs = integer(object, "server_time", 0, false);
    error.maxClockAheadMs = integer(object, "max_clock_ahead", 0, false);
    error.table = text(object, "table", false);
    error.rowId = text(object, "row", false);
    error.field = text(object, "field", false);
    error.size = integer(object, "size", 0, false);
    error.limit = integer(object, "limit", 0, false);
  } catch (const ProtocolError&) {
    error.message = "The server answered with status " + std::to_string(status) + ".";
  }
  return error;
}

} // namespace pupitre::sync
