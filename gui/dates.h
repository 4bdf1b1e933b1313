#pragma once
// One way to show and type dates across the app: the locale's short date with a four-digit
// year ("04/12/2026" in Spanish, "12/04/2026" in C and English); typed dates may be in that
// form or ISO ("2026-12-04"). The core and the database keep ISO (conventions.md).
#include <wx/string.h>

#include <optional>
#include <string>

namespace pupitre::gui {

// The strftime format of the locale's short date, with a four-digit year.
wxString dateFormat();
// An ISO date ("2026-12-04") as the teacher reads it; text that is not a date, as it is.
wxString shownDate(const std::string& iso);
// What the teacher typed (the locale's short date or ISO) as ISO; nothing if it is no date.
std::optional<std::string> typedDate(const wxString& text);

} // namespace pupitre::gui
