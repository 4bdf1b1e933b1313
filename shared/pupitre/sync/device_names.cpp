#include "pupitre/sync/device_names.h"

#include "pupitre/error.h"
#include "pupitre/printable.h"
#include "pupitre/store/database.h"

#include <Poco/JSON/Object.h>
#include <Poco/JSON/Parser.h>

#include <sstream>

namespace pupitre::sync {

std::string checkedDeviceName(const std::string& name)
{
  const auto first = name.find_first_not_of(" \t\r\n");
  if (first == std::string::npos) {
    throw ValidationError(Sentence{PUPITRE_TR("The device's name is empty; give this computer a "
                                              "name your other devices will show, such as "
                                              "'Kitchen laptop'."),
                                   {}});
  }
  const auto last = name.find_last_not_of(" \t\r\n");
  std::string trimmed = name.substr(first, last - first + 1);
  if (hasControlCharacters(trimmed)) {
    throw ValidationError(Sentence{PUPITRE_TR("The device's name holds control characters (a "
                                              "tab, a new line, ...); use plain letters, digits "
                                              "and spaces."),
                                   {}});
  }
  std::size_t characters = 0;
  for (const char c : trimmed) {
    characters += (static_cast<unsigned char>(c) & 0xC0) != 0x80 ? 1 : 0;
  }
  if (characters > kMaxDeviceNameChars) {
    throw ValidationError(
        Sentence{PUPITRE_TR("The device's name is too long (%1 characters); "
                            "shorten it to at most %2."),
                 {std::to_string(characters), std::to_string(kMaxDeviceNameChars)}});
  }
  return trimmed;
}

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
