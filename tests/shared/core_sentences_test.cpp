// Every sentence of the core marked for translation (PUPITRE_TR, pupitre/error.h) in the
// shared library and the daemon has a Spanish translation in po/es.po, so a Spanish teacher
// never reads one in English (issue 13).
#include <boost/test/unit_test.hpp>

#include <filesystem>
#include <fstream>
#include <map>
#include <set>
#include <sstream>
#include <string>

namespace {

namespace fs = std::filesystem;

std::string readFile(const fs::path& path)
{
  std::ifstream in(path, std::ios::binary);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

// The C string literals from `at` on, joined as the compiler joins adjacent ones, until the
// first character that is neither a literal nor space; `at` moves past them.
std::string literals(const std::string& text, std::size_t& at)
{
  std::string out;
  while (at < text.size()) {
    const char c = text[at];
    if (c == ' ' || c == '\n' || c == '\t' || c == '\r') {
      ++at;
      continue;
    }
    if (c != '"') {
      break;
    }
    for (++at; at < text.size() && text[at] != '"'; ++at) {
      if (text[at] == '\\' && at + 1 < text.size()) {
        ++at;
        out += text[at] == 'n' ? '\n' : text[at] == 't' ? '\t' : text[at];
      } else {
        out += text[at];
      }
    }
    ++at; // the closing quote
  }
  return out;
}

// msgid -> msgstr of a .po file (fuzzy entries count as untranslated).
std::map<std::string, std::string> catalog(const std::string& po)
{
  std::map<std::string, std::string> entries;
  std::istringstream lines(po);
  std::string line, id, str, *current = nullptr;
  bool fuzzy = false;
  const auto flush = [&] {
    if (!id.empty()) {
      entries[id] = fuzzy ? std::string() : str;
    }
    id.clear();
    str.clear();
    current = nullptr;
    fuzzy = false;
  };
  while (std::getline(lines, line)) {
    if (line.rfind("#,", 0) == 0 && line.find("fuzzy") != std::string::npos) {
      flush();
      fuzzy = true;
      continue;
    }
    std::size_t at = 0;
    if (line.rfind("msgid ", 0) == 0) {
      const bool wasFuzzy = fuzzy;
      flush();
      fuzzy = wasFuzzy;
      current = &id;
      at = 6;
    } else if (line.rfind("msgstr ", 0) == 0) {
      current = &str;
      at = 7;
    } else if (line.rfind("\"", 0) != 0) {
      continue;
    }
    if (current) {
      *current += literals(line, at);
    }
  }
  flush();
  return entries;
}

// Every PUPITRE_TR("...") of the sources under `folder`.
void collect(const fs::path& folder, std::set<std::string>& out)
{
  for (const auto& entry : fs::recursive_directory_iterator(folder)) {
    if (entry.path().extension() != ".cpp") {
      continue;
    }
    const std::string text = readFile(entry.path());
    for (auto at = text.find("PUPITRE_TR("); at != std::string::npos;
         at = text.find("PUPITRE_TR(", at)) {
      at += 11;
      const auto sentence = literals(text, at);
      if (!sentence.empty()) {
        out.insert(sentence);
      }
    }
  }
}

} // namespace

BOOST_AUTO_TEST_SUITE(core_sentences)

BOOST_AUTO_TEST_CASE(every_core_sentence_has_a_spanish_translation)
{
  const fs::path source = PUPITRE_SOURCE_DIR;
  std::set<std::string> sentences;
  collect(source / "shared" / "pupitre", sentences);
  collect(source / "daemon", sentences);
  BOOST_TEST(sentences.size() > 40u); // the model's, the device names', the daemon's
  BOOST_TEST(sentences.count("The %1 cannot be empty.") == 1u);
  const auto spanish = catalog(readFile(source / "po" / "es.po"));
  for (const auto& sentence : sentences) {
    const auto it = spanish.find(sentence);
    BOOST_TEST((it != spanish.end() && !it->second.empty()),
               "no Spanish for \"" << sentence << "\" in po/es.po");
  }
}

BOOST_AUTO_TEST_SUITE_END()
