// pupitre — the desktop app. Everything is in pupitre_gui; see app.h.
#include "app.h"

#include "pupitre/version.h"

#include <cstring>
#include <iostream>

#ifdef _WIN32
#include "pupitre/win/console.h"
#endif

wxIMPLEMENT_APP_NO_MAIN(pupitre::gui::App);

int main(int argc, char** argv)
{
  // Answered before wxWidgets starts, so it works without a display (packaging, IT scripts).
  if (argc == 2 && std::strcmp(argv[1], "--version") == 0) {
#ifdef _WIN32
    pupitre::win::useParentConsole(); // a window-subsystem program (gui/CMakeLists.txt)
#endif
    std::cout << pupitre::versionLine("pupitre") << "\n";
    return 0;
  }
  return wxEntry(argc, argv);
}
