#pragma once
// File → Back up to…: where to write the backup and whether the pictures and resource files
// go in too.
#include <wx/dialog.h>

#include <string>

class wxCheckBox;
class wxFilePickerCtrl;

namespace pupitre::gui {

class BackupDialog : public wxDialog
{
public:
  // `suggested`: the file proposed (a name with today's date in the user's documents).
  BackupDialog(wxWindow* parent, const wxString& suggested);

  std::string path() const;
  bool withFiles() const;

private:
  wxFilePickerCtrl* m_file = nullptr;
  wxCheckBox* m_withFiles = nullptr;
};

} // namespace pupitre::gui
