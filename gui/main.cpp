// pupitre — the desktop app. Everything is in pupitre_gui; see app.h.
#include "app.h"

wxIMPLEMENT_APP(pupitre::gui::App);
