#pragma once
// The school's policy as the app shows it (pupitre/policy, docs/deploy.md): read from the
// same place pupitred reads it, each time a page or dialog is made, so the pages show what
// the daemon applies. Locked settings are greyed, with "Set by your school" beside them.
#include "pupitre/policy/effective.h"

#include <wx/string.h>

class wxStaticText;
class wxWindow;

namespace pupitre::store {
class Database;
}

namespace pupitre::gui {

// The policy (warnings go to the log; pupitred logs them too).
policy::Policy schoolPolicy();
// The effective sync options and locks for this device's choices in `db`.
policy::EffectiveSettings schoolSettings(const policy::Policy& policy, store::Database& db);

// "Set by your school", greyed, named `name` (e.g. "account_server_policy"), for beside a
// locked control.
wxStaticText* createPolicyNote(wxWindow* parent, const char* name,
                               const wxString& text = wxString());

} // namespace pupitre::gui
