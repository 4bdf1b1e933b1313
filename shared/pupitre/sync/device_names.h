#pragma once
// The names of the account's devices ("Kitchen laptop", "School PC"), as the server last
// listed them, kept in this device's database so the app can say which device made a change
// (the conflict list) without asking the daemon or the server.
#include "pupitre/sync/protocol.h"

#include <cstddef>
#include <map>
#include <string>
#include <vector>

namespace pupitre::store {
class Database;
}

namespace pupitre::sync {

// Device ids of the web version's replicas (one per account, kept by the server: docs/web.md)
// start with this; they are named "Web version" wherever devices are named.
inline constexpr const char* kWebDevicePrefix = "web-";
inline bool isWebReplica(const std::string& deviceId)
{
  return deviceId.rfind(kWebDevicePrefix, 0) == 0;
}

// Setting: {"<device id>": "<name>", …} (JSON).
inline constexpr const char* kDeviceNamesSetting = "sync.device_names";

// A device's name holds at most this many characters (so at most 200 bytes of UTF-8, the
// server's bound).
inline constexpr std::size_t kMaxDeviceNameChars = 50;

// `name` without spaces around it, or ValidationError (a Sentence for the app) when it is
// empty, longer than kMaxDeviceNameChars or holds control characters (printable.h). The
// daemon checks it before sending, the server when it receives it.
std::string checkedDeviceName(const std::string& name);

// The setting's value for `devices`.
std::string encodeDeviceNames(const std::vector<DeviceInfo>& devices);
// Device id → name, as kept; empty when the server never listed them (or the value is
// damaged).
std::map<std::string, std::string> deviceNames(store::Database& db);

} // namespace pupitre::sync
