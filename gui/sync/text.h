#pragma once
// Translated messages whose English text is not plain ASCII ("Synchronising…", "—"): the
// literal is read as UTF-8 whatever the C locale is (wx's _() converts a char* literal with
// the locale's charset, which turns "…" into an empty string under the "C" locale).
// xgettext: --keyword=trUtf8
#include <wx/intl.h>
#include <wx/string.h>

namespace pupitre::gui {

inline wxString trUtf8(const char* utf8)
{
  return wxGetTranslation(wxString::FromUTF8(utf8));
}

} // namespace pupitre::gui
