#pragma once
// Numbers at the GUI's edge: the teacher reads and types the locale's decimal separator
// ("7,5" in Spanish); the core, the database, the wire and exports keep "7.5"
// (conventions.md, "Numbers never depend on the locale").
#include "pupitre/store/value.h"

#include <wx/string.h>

#include <optional>

namespace pupitre::gui {

// The locale's decimal separator: "," in Spanish, "." in English.
wxString decimalSeparator();
// A number as the teacher reads it, shortest form with the locale's separator ("7,5").
wxString localNumber(double value);
// The number with exactly `decimals` digits after the locale's separator ("7,50").
wxString localFixed(double value, int decimals);
// A stored value as shown: numbers with the locale's separator, text (symbols) as it is.
wxString localValue(const store::Value& value);
// A number the teacher typed, with either separator ("7,5" or "7.5"); nothing if it isn't one.
std::optional<double> typedNumber(const wxString& text);

} // namespace pupitre::gui
