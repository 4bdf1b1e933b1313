#pragma once
// The app's translations: the system language's catalog "pupitre" from <build>/locale (next to
// the executable's folder) or <prefix>/share/locale, found through an added lookup path.
#include <wx/string.h>

namespace pupitre::gui {

// Uses the system's locale, with UTF-8 text whatever it says: the sources' strings ("…", "·")
// are UTF-8 and wx converts narrow strings with the C library's locale. Call before any text.
void useUtf8Locale();

// Sets up wxTranslations for `language` (a wxLanguage; wxLANGUAGE_DEFAULT: the system's).
// False when no catalog for it was found (the app then speaks English).
bool setupTranslations(int language);

// The folders searched for <lang>/LC_MESSAGES/pupitre.mo, for messages and tests.
wxString catalogFolders();

} // namespace pupitre::gui
