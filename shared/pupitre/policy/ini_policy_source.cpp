// The policy file of Linux: INI text read line by line, each bad line a warning of its own.
#include "policy.h"
#include "policy_values.h"

#include <Poco/Environment.h>

#include <filesystem>
#include <fstream>
#include <sstream>

namespace pupitre::policy {
namespace {

std::string trimmed(const std::string& text)
{
  const auto first = text.find_first_not_of(" \t\r\n");
  if (first == std::string::npos) {
    return {};
  }
  const auto last = text.find_last_not_of(" \t\r\n");
  return text.substr(first, last - first + 1);
}

// A value in double quotes loses them ("https://…" is accepted as well as https://…).
std::string unquoted(const std::string& text)
{
  if (text.size() >= 2 && text.front() == '"' && text.back() == '"') {
    return text.substr(1, text.size() - 2);
  }
  return text;
}

} // namespace

PolicyReading IniPolicySource::parse(const std::string& text, const std::string& file)
{
  PolicyReading reading;
  std::istringstream lines(text);
  std::string line;
  int number = 0;
  while (std::getline(lines, line)) {
    ++number;
    if (number == 1 && line.rfind("\xEF\xBB\xBF", 0) == 0) {
      line.erase(0, 3); // a byte order mark left by a Windows editor
    }
    const std::string content = trimmed(line);
    if (content.empty() || content[0] == '#' || content[0] == ';' || content[0] == '[') {
      continue;
    }
    const std::string place = file + ", line " + std::to_string(number);
    const auto equals = content.find('=');
    if (equals == std::string::npos) {
      reading.warnings.push_back(place + ": '" + content +
                                 "' is not a 'key = value' line; it is ignored, the rest of the "
                                 "policy applies.");
      continue;
    }
    applyValue(reading.policy, trimmed(content.substr(0, equals)),
               unquoted(trimmed(content.substr(equals + 1))), place, reading.warnings);
  }
  finishPolicy(reading.policy, file, reading.warnings);
  return reading;
}

PolicyReading IniPolicySource::read() const
{
  std::error_code error;
  if (!std::filesystem::exists(m_file, error)) {
    return {}; // no policy: every setting is the teacher's
  }
  std::ifstream in(m_file, std::ios::binary);
  std::ostringstream text;
  const bool regular = std::filesystem::is_regular_file(m_file, error);
  if (regular && in) {
    text << in.rdbuf();
  }
  if (!regular || !in || in.bad()) {
    PolicyReading reading;
    reading.warnings.push_back("The school policy file " + m_file +
                               " cannot be read (check that it is a file every user may read, "
                               "e.g. mode 0644); the defaults apply.");
    return reading;
  }
  return parse(text.str(), m_file);
}

std::unique_ptr<PolicySource> systemPolicySource()
{
  const std::string file = Poco::Environment::get("PUPITRE_POLICY_FILE", "");
  if (!file.empty()) {
    return std::make_unique<IniPolicySource>(file);
  }
#ifdef _WIN32
  return std::make_unique<RegistryPolicySource>();
#else
  return std::make_unique<IniPolicySource>(kDefaultPolicyFile);
#endif
}

PolicyReading readSystemPolicy()
{
  return systemPolicySource()->read();
}

} // namespace pupitre::policy
