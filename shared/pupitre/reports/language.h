#pragma once
// The language a report is written in: its sentences (marked PUPITRE_TR, translated by the
// project's catalogs, po/*.po compiled to <locale>/<lang>/LC_MESSAGES/pupitre.mo), its decimal
// mark and how it writes dates. The app passes its own translation; pupitrectl follows the
// environment (LANGUAGE, LC_ALL, LC_MESSAGES, LANG) as gettext does, or --language.
#include <functional>
#include <string>
#include <vector>

namespace pupitre::reports {

class Language
{
public:
  // English: the sentences as written, a decimal point, dates YYYY-MM-DD.
  Language() = default;
  // `code` ("es", "es_ES.UTF-8", "en"), its catalog looked up in `localeDirs` in order. A
  // language without a catalog keeps the English sentences (and its own decimal mark).
  Language(const std::string& code, const std::vector<std::string>& localeDirs);
  // A language whose sentences the caller translates (the app: wxGetTranslation).
  Language(const std::string& code, std::function<std::string(const char*)> translate);

  const std::string& code() const noexcept { return m_code; }
  // The sentence in this language (the English when the catalog has none).
  std::string tr(const char* english) const;
  // tr() with %1, %2… replaced by `args`.
  std::string tr(const char* english, const std::vector<std::string>& args) const;
  bool decimalComma() const noexcept { return m_decimalComma; }
  // `value` with `decimals` decimals and this language's decimal mark ("7,5").
  std::string number(double value, int decimals) const;
  // YYYY-MM-DD as this language writes a date ("06/12/2026" in Spanish).
  std::string date(const std::string& isoDate) const;

private:
  std::string m_code = "en";
  bool m_decimalComma = false;
  std::function<std::string(const char*)> m_translate;
};

// The two-letter language of the environment, as gettext chooses it: LANGUAGE (its first
// entry), else LC_ALL, LC_MESSAGES, LANG; "en" for C, POSIX or nothing set.
std::string environmentLanguage();

// Where pupitrectl finds the catalogs: $PUPITRE_LOCALE_DIR, then locale folders next to the
// executable's (a build tree's <build>/locale, an install's ../share/locale).
std::vector<std::string> catalogFolders();

} // namespace pupitre::reports
