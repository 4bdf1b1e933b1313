#include "pupitre/model/name_order.h"

#include "pupitre/model/students.h"

#include <algorithm>
#include <cctype>
#include <clocale>
#include <cstring>
#include <tuple>

namespace pupitre::model {
namespace {

// C, POSIX and C.UTF-8 collate by code point: no language's order.
bool localeHasCollation()
{
  const char* name = std::setlocale(LC_COLLATE, nullptr);
  return name && std::strcmp(name, "C") != 0 && std::strcmp(name, "POSIX") != 0 &&
         std::strncmp(name, "C.", 2) != 0;
}

// Latin-1 letters with their accents folded, lower case ("Sánchez" with the S's).
std::string foldedKey(const std::string& utf8)
{
  static const char* const kLatin1 =
      "AAAAAAACEEEEIIIIDNOOOOOxOUUUUYTsaaaaaaaceeeeiiiidnooooo/ouuuuyty";
  std::string key;
  for (std::size_t i = 0; i < utf8.size(); ++i) {
    const auto c = static_cast<unsigned char>(utf8[i]);
    if ((c == 0xC3) && i + 1 < utf8.size()) {
      const auto next = static_cast<unsigned char>(utf8[i + 1]);
      if (next >= 0x80 && next <= 0xBF) {
        key += static_cast<char>(std::tolower(static_cast<unsigned char>(kLatin1[next - 0x80])));
        ++i;
        continue;
      }
    }
    key += static_cast<char>(std::tolower(c));
  }
  return key;
}

} // namespace

std::string nameSortKey(const std::string& utf8)
{
  if (!localeHasCollation() || utf8.find('\0') != std::string::npos) {
    return foldedKey(utf8);
  }
  const std::size_t size = std::strxfrm(nullptr, utf8.c_str(), 0);
  if (size == static_cast<std::size_t>(-1)) {
    return foldedKey(utf8);
  }
  std::string key(size + 1, '\0');
  std::strxfrm(key.data(), utf8.c_str(), key.size());
  key.resize(size);
  return key;
}

void sortByName(std::vector<Student>& students)
{
  using Key = std::tuple<std::string, std::string, std::string>;
  std::vector<std::pair<Key, Student>> keyed;
  keyed.reserve(students.size());
  for (auto& s : students) {
    Key key{nameSortKey(s.familyName), nameSortKey(s.givenName), s.id};
    keyed.emplace_back(std::move(key), std::move(s));
  }
  std::sort(keyed.begin(), keyed.end(),
            [](const auto& a, const auto& b) { return a.first < b.first; });
  students.clear();
  for (auto& [key, s] : keyed) {
    students.push_back(std::move(s));
  }
}

} // namespace pupitre::model
