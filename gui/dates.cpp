#include "dates.h"

#include <wx/datetime.h>
#include <wx/intl.h>

#include <vector>

namespace pupitre::gui {

wxString dateFormat()
{
  wxString format = wxLocale::GetInfo(wxLOCALE_SHORT_DATE_FMT, wxLOCALE_CAT_DATE);
  if (format.empty()) {
    format = "%Y-%m-%d";
  }
  format.Replace("%y", "%Y"); // "04/12/26" reads badly in a gradebook that spans years
  return format;
}

wxString shownDate(const std::string& iso)
{
  wxDateTime date;
  const wxString text = wxString::FromUTF8(iso);
  if (iso.size() != 10 || !date.ParseISODate(text)) {
    return text;
  }
  return date.Format(dateFormat());
}

namespace {

// The numbers in `text`, in order: "4/12/2026" and "04/12/2026" give the same.
std::vector<long> numbersIn(const wxString& text)
{
  std::vector<long> numbers;
  long current = -1;
  for (const auto ch : text) {
    if (ch >= '0' && ch <= '9') {
      current = (current < 0 ? 0 : current * 10) + (ch - '0');
    } else if (current >= 0) {
      numbers.push_back(current);
      current = -1;
    }
  }
  if (current >= 0) {
    numbers.push_back(current);
  }
  return numbers;
}

} // namespace

std::optional<std::string> typedDate(const wxString& typed)
{
  const wxString text = wxString(typed).Trim().Trim(false);
  for (const wxString& format : {wxString("%Y-%m-%d"), dateFormat()}) {
    wxDateTime date;
    wxString::const_iterator end;
    // The numbers must read back the same: no 31/31 rolled over into another month.
    if (date.ParseFormat(text, format, wxDateTime(1, wxDateTime::Jan, 2000), &end) &&
        end == text.end() && date.GetYear() >= 1900 && date.GetYear() <= 2999 &&
        numbersIn(date.Format(format)) == numbersIn(text)) {
      return date.FormatISODate().utf8_string();
    }
  }
  return std::nullopt;
}

} // namespace pupitre::gui
