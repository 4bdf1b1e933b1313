#pragma once
// The picture shown for a student without one: their initials on a coloured disc. A dashed
// ring means the picture exists but is not on this device yet.
#include <wx/bitmap.h>
#include <wx/image.h>

#include <string>

namespace pupitre::gui {

wxBitmap placeholderPicture(const std::string& givenName, const std::string& familyName, int size,
                            bool notDownloaded = false);

// A photo cut to a disc of `size` pixels (the same shape as the placeholder).
wxBitmap roundPicture(const wxImage& photo, int size);

} // namespace pupitre::gui
