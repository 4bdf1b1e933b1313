#include "panels/placeholder_picture.h"

#include <wx/dcmemory.h>
#include <wx/font.h>
#include <wx/string.h>

#include <functional>

namespace pupitre::gui {

wxBitmap placeholderPicture(const std::string& givenName, const std::string& familyName, int size,
                            bool notDownloaded)
{
  wxBitmap bitmap(size, size);
  wxMemoryDC dc(bitmap);
  dc.SetBackground(*wxWHITE_BRUSH);
  dc.Clear();
  const wxString given = wxString::FromUTF8(givenName), family = wxString::FromUTF8(familyName);
  wxString initials;
  if (!given.empty()) {
    initials << given.Left(1).Upper();
  }
  if (!family.empty()) {
    initials << family.Left(1).Upper();
  }
  static const wxColour palette[] = {{0x5B, 0x8D, 0xEF}, {0x43, 0xA0, 0x47}, {0xE5, 0x8E, 0x26},
                                     {0x8E, 0x5B, 0xC8}, {0xD0, 0x4F, 0x6B}, {0x2A, 0x9D, 0x8F}};
  const auto hash = std::hash<std::string>{}(givenName + familyName);
  const wxColour fill = initials.empty() ? wxColour(0xB8, 0xBE, 0xC8) : palette[hash % 6];
  dc.SetBrush(wxBrush(fill));
  dc.SetPen(notDownloaded ? wxPen(wxColour(0x40, 0x40, 0x40), 2, wxPENSTYLE_SHORT_DASH)
                          : *wxTRANSPARENT_PEN);
  dc.DrawEllipse(1, 1, size - 2, size - 2);
  wxFont font(wxFontInfo(std::max(6, size * 3 / 10)).Bold());
  dc.SetFont(font);
  dc.SetTextForeground(*wxWHITE);
  const wxSize extent = dc.GetTextExtent(initials.empty() ? wxString("?") : initials);
  dc.DrawText(initials.empty() ? wxString("?") : initials, (size - extent.x) / 2,
              (size - extent.y) / 2);
  dc.SelectObject(wxNullBitmap);
  return bitmap;
}

wxBitmap roundPicture(const wxImage& photo, int size)
{
  // Centre square, scaled, outside the disc made transparent.
  const int side = std::min(photo.GetWidth(), photo.GetHeight());
  wxImage square = photo.GetSubImage(
      wxRect((photo.GetWidth() - side) / 2, (photo.GetHeight() - side) / 2, side, side));
  square.Rescale(size, size, wxIMAGE_QUALITY_HIGH);
  if (!square.HasAlpha()) {
    square.InitAlpha();
  }
  const double r = size / 2.0;
  for (int y = 0; y < size; ++y) {
    for (int x = 0; x < size; ++x) {
      const double dx = x + 0.5 - r, dy = y + 0.5 - r;
      if (dx * dx + dy * dy > r * r) {
        square.SetAlpha(x, y, 0);
      }
    }
  }
  return wxBitmap(square);
}

} // namespace pupitre::gui
