#pragma once
// The pages of the Settings dialog. Account acts at once (signing in cannot wait for OK);
// Sync and Grading keep their edits until the dialog's OK calls apply().
#include "sync/daemon_link.h"

#include <wx/panel.h>

class wxStaticText;

namespace pupitre::store {
class Database;
}

namespace pupitre::gui {

class SettingsPagePanel : public wxPanel
{
public:
  using wxPanel::wxPanel;
  // Stores the page's edits; false (after showing why on the page) when they are not valid.
  virtual bool apply() { return true; }
};

SettingsPagePanel* createAccountPage(wxWindow* parent, DaemonLink& link, store::Database& db);
SettingsPagePanel* createSyncPage(wxWindow* parent, DaemonLink& link, store::Database& db);
SettingsPagePanel* createGradingPage(wxWindow* parent, store::Database& db);

// A line of text under a page's controls that says what went wrong (red) or what happened.
void showPageMessage(wxStaticText* label, const wxString& text, bool problem, int wrap);

} // namespace pupitre::gui
