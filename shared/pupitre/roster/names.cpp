#include "pupitre/roster/names.h"
#include "pupitre/roster/utf8.h"

#include <algorithm>
#include <array>
#include <vector>

namespace pupitre::roster {
namespace {

// The code points of a UTF-8 text (invalid bytes as themselves).
std::u32string decode(std::string_view s)
{
  std::u32string out;
  for (std::size_t i = 0; i < s.size();) {
    const auto c = static_cast<unsigned char>(s[i]);
    const std::size_t length = c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : c >= 0xC0 ? 2 : 1;
    if (length == 1 || i + length > s.size()) {
      out.push_back(c);
      ++i;
      continue;
    }
    char32_t cp = c & (0xFF >> (length + 1));
    for (std::size_t k = 1; k < length; ++k) {
      cp = (cp << 6) | (static_cast<unsigned char>(s[i + k]) & 0x3F);
    }
    out.push_back(cp);
    i += length;
  }
  return out;
}

// Latin Extended-A (Ł, Ő, Š…) in upper and lower-case pairs; 0 when `c` is not in one.
int extendedCase(char32_t c)
{
  if ((c >= 0x139 && c <= 0x148) || (c >= 0x179 && c <= 0x17E)) {
    return c % 2 == 1 ? +1 : -1;
  }
  if (c >= 0x100 && c <= 0x177 && c != 0x138) {
    return c % 2 == 0 ? +1 : -1;
  }
  return c == 0x178 ? +1 : c == 0x17F ? -1 : 0;
}

// Latin letters (Basic Latin, Latin-1, Latin Extended-A) are enough to tell capitals in names.
bool isUpper(char32_t c)
{
  return (c >= 'A' && c <= 'Z') || (c >= 0xC0 && c <= 0xDE && c != 0xD7) || extendedCase(c) > 0;
}

bool isLower(char32_t c)
{
  return (c >= 'a' && c <= 'z') || (c >= 0xDF && c <= 0xFF && c != 0xF7) || extendedCase(c) < 0;
}

// Lower case without accents, for comparing names.
char32_t fold(char32_t c)
{
  if (c >= 'A' && c <= 'Z') {
    return c + 32;
  }
  if (c >= 0xC0 && c <= 0xFF) {
    static constexpr std::string_view kBase = "aaaaaa?ceeeeiiiidnooooo?ouuuuy??"  // C0-DF
                                              "aaaaaa?ceeeeiiiidnooooo?ouuuuy?y"; // E0-FF
    const char base = kBase[c - 0xC0];
    if (base != '?') {
      return static_cast<char32_t>(base);
    }
    return c < 0xDF && c != 0xD7 ? c + 32 : c; // Æ -> æ, Þ -> þ
  }
  if (extendedCase(c) > 0 && c != 0x178) {
    return c + 1; // the lower-case twin in Latin Extended-A
  }
  return c;
}

bool wordInCapitals(std::string_view word)
{
  bool upper = false;
  for (const char32_t c : decode(word)) {
    if (isLower(c)) {
      return false;
    }
    upper = upper || isUpper(c);
  }
  return upper && decode(word).size() > 1;
}

bool hasLower(std::string_view word)
{
  for (const char32_t c : decode(word)) {
    if (isLower(c)) {
      return true;
    }
  }
  return false;
}

std::vector<std::string> words(std::string_view text)
{
  std::vector<std::string> out;
  std::string current;
  for (const char c : text) {
    if (c == ' ' || c == '\t' || c == '\n' || c == '\r') {
      if (!current.empty()) {
        out.push_back(std::move(current));
        current.clear();
      }
    } else {
      current.push_back(c);
    }
  }
  if (!current.empty()) {
    out.push_back(std::move(current));
  }
  return out;
}

std::string join(const std::vector<std::string>& parts, std::size_t from, std::size_t to)
{
  std::string text;
  for (std::size_t i = from; i < to; ++i) {
    text += (text.empty() ? "" : " ") + parts[i];
  }
  return text;
}

bool particle(const std::string& word)
{
  static const std::array<std::string_view, 16> kParticles = {
      "de",  "del", "la", "las", "los", "y",   "van", "von",
      "der", "den", "da", "das", "do",  "dos", "di",  "le"};
  std::string lower;
  for (const char c : word) {
    lower.push_back(c >= 'A' && c <= 'Z' ? static_cast<char>(c + 32) : c);
  }
  return std::find(kParticles.begin(), kParticles.end(), lower) != kParticles.end();
}

} // namespace

std::string collapseSpaces(std::string_view text)
{
  return join(words(text), 0, words(text).size());
}

PersonName splitFullName(std::string_view full, FamilyNames familyNames)
{
  if (const auto comma = full.find(','); comma != std::string_view::npos) {
    return {collapseSpaces(full.substr(comma + 1)), collapseSpaces(full.substr(0, comma))};
  }
  const auto parts = words(full);
  if (parts.size() < 2) {
    return {join(parts, 0, parts.size()), {}};
  }
  // Capitals for the family name, as long as some word is not in capitals.
  std::vector<bool> capitals;
  bool anyLower = false;
  for (const auto& w : parts) {
    capitals.push_back(wordInCapitals(w));
    anyLower = anyLower || hasLower(w);
  }
  if (anyLower && std::count(capitals.begin(), capitals.end(), true) > 0) {
    std::vector<std::string> given, family;
    for (std::size_t i = 0; i < parts.size(); ++i) {
      (capitals[i] || (particle(parts[i]) && i + 1 < parts.size() && capitals[i + 1]) ? family
                                                                                      : given)
          .push_back(parts[i]);
    }
    if (!given.empty()) {
      return {join(given, 0, given.size()), join(family, 0, family.size())};
    }
  }
  // Group particles with the word after them: "de la Fuente" is one family name.
  std::vector<std::string> units;
  std::string pending;
  for (std::size_t i = 0; i < parts.size(); ++i) {
    if (i > 0 && i + 1 < parts.size() && particle(parts[i])) {
      pending += (pending.empty() ? "" : " ") + parts[i];
      continue;
    }
    units.push_back(pending.empty() ? parts[i] : pending + " " + parts[i]);
    pending.clear();
  }
  const std::size_t family = familyNames == FamilyNames::Two && units.size() >= 3 ? 2 : 1;
  return {join(units, 0, units.size() - family), join(units, units.size() - family, units.size())};
}

std::string nameKey(std::string_view given, std::string_view family)
{
  std::string key;
  for (const char32_t c : decode(collapseSpaces(family) + "," + collapseSpaces(given))) {
    appendUtf8(key, fold(c));
  }
  return key;
}

} // namespace pupitre::roster
