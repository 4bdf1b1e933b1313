#include "local_numbers.h"

#include <wx/uilocale.h>

namespace pupitre::gui {

namespace {

wxString withSeparator(const std::string& canonical)
{
  wxString text = wxString::FromUTF8(canonical);
  const wxString separator = decimalSeparator();
  if (separator != ".") {
    text.Replace(".", separator);
  }
  return text;
}

} // namespace

wxString decimalSeparator()
{
  const wxString separator =
      wxUILocale::GetCurrent().GetInfo(wxLOCALE_DECIMAL_POINT, wxLOCALE_CAT_NUMBER);
  return separator.empty() ? wxString(".") : separator;
}

wxString localNumber(double value)
{
  return withSeparator(store::formatNumber(value));
}

wxString localFixed(double value, int decimals)
{
  return withSeparator(store::formatFixed(value, decimals));
}

wxString localValue(const store::Value& value)
{
  if (const auto* d = std::get_if<double>(&value)) {
    return localNumber(*d);
  }
  return wxString::FromUTF8(store::toText(value));
}

std::optional<double> typedNumber(const wxString& text)
{
  return store::parseNumber(text.utf8_string());
}

} // namespace pupitre::gui
