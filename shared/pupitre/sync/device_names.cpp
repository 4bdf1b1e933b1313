#include "pupitre/sync/device_names.h"

#include "pupitre/store/database.h"

#include <Poco/JSON/Object.h>
#include <Poco/JSON/Parser.h>

#include <sstream>

namespace pupitre::sync {

std::string encodeDeviceNames(const std::vector<DeviceInfo>& devices)
{
  Poco::JSON::Object names;
  for (const auto& device : devices) {
    names.set(device.id, device.name);
  }
  std::ostringstream out;
  names.stringify(out);
  return out.str();
}

std::map<std::string, std::string> deviceNames(store::Database& db)
{
  std::map<std::string, std::string> names;
  const auto text = db.setting(kDeviceNamesSetting);
  if (!text || text->empty()) {
    return names;
  }
  try {
    const auto object = Poco::JSON::Parser().parse(*text).extract<Poco::JSON::Object::Ptr>();
    for (const auto& [id, name] : *object) {
      if (name.isString()) {
        names[id] = name.toString();
      }
    }
  } catch (const std::exception&) {
    names.clear(); // a damaged value: the devices are named "another device" until the next list
  }
  return names;
}

} // namespace pupitre::sync
