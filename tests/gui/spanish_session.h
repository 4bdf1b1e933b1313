#pragma once
// The app's locale and catalog as a Spanish teacher's session has them (es_ES.UTF-8 and the
// Spanish translation), for as long as the guard lives; the earlier ones come back after.
#include "translations.h"

#include "support/preconditions.h"

#include <wx/translation.h>

#include <cstdlib>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace pupitre::test {

struct SpanishSession
{
  SpanishSession()
  {
    for (const char* name : {"LANG", "LC_ALL"}) {
      const char* value = std::getenv(name);
      m_saved.emplace_back(name, value ? std::optional<std::string>(value) : std::nullopt);
    }
    setenv("LANG", kSpanishLocale, 1);
    setenv("LC_ALL", kSpanishLocale, 1);
    gui::useUtf8Locale();
    gui::setupTranslations(wxLANGUAGE_SPANISH);
  }
  ~SpanishSession()
  {
    for (const auto& [name, value] : m_saved) {
      value ? setenv(name.c_str(), value->c_str(), 1) : unsetenv(name.c_str());
    }
    gui::useUtf8Locale();
    wxTranslations::Set(nullptr);
  }
  SpanishSession(const SpanishSession&) = delete;
  SpanishSession& operator=(const SpanishSession&) = delete;
  std::vector<std::pair<std::string, std::optional<std::string>>> m_saved;
};

} // namespace pupitre::test
