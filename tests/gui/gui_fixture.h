#pragma once
// What the GUI suites share: a wx application for the whole run (set up by a global fixture
// in gui_fixture.cpp), helpers that let the event loop run until something is true, a
// screenshot of a window, and a main window over a generated school year with no daemon.
#include "main_frame.h"
#include "sync/daemon_link.h"

#include "support/sandbox.h"

#include "pupitre/store/database.h"

#include <wx/grid.h>
#include <wx/string.h>

#include <chrono>
#include <functional>
#include <memory>
#include <string>
#include <vector>

namespace pupitre::test {

// Lets the event loop run for `ms` milliseconds.
void pump(int ms = 50);
// Runs the event loop until `done` is true or `timeoutMs` passed; returns `done()`.
bool waitUntil(const std::function<bool()>& done, int timeoutMs = 10'000);
// Saves what `window` shows into $PUPITRE_SCREENSHOT_DIR/<name>.png (the X screen, cropped).
// Returns the file's path.
std::string screenshot(wxWindow* window, const std::string& name);
// The error messages shown since the last call (nothing modal is shown in tests).
std::vector<wxString> takeErrors();
// The window that draws a cell of `grid` (frozen columns have their own), and the cell's
// centre on the screen, where the teacher's pointer goes to click it or read its tooltip.
wxWindow* cellWindow(wxGrid* grid, int row, int col);
wxPoint cellOnScreen(wxGrid* grid, int row, int col);
// Clicks the cell with the pointer, as the teacher does (the cursor is put elsewhere first: a
// click on the cursor's own cell would open its editor); the cursor must land on `row`.
void clickCell(wxGrid* grid, int row, int col);
// Clicks the cell, types `text` and Enter.
void typeInCell(wxGrid* grid, int row, int col, const char* text);

struct YearSize
{
  int classes = 3;
  int students = 26;
  int assessments = 18;
  int days = 45;
};

// A database with a generated school year, a DaemonLink to a socket where no daemon listens,
// and the main window showing the first class's gradebook.
struct AppFixture
{
  explicit AppFixture(YearSize size = {});
  // The same over a database that `fill` writes instead of a generated school year (it gets
  // the sandbox too, for more files); the first class's gradebook is shown.
  explicit AppFixture(const std::function<void(store::Database&, const Sandbox&)>& fill);
  ~AppFixture();

  // Waits until the gradebook shows the selected class (the worker delivered it).
  bool gradebookLoaded();

  void open();

  Sandbox sandbox;
  std::unique_ptr<store::Database> db;
  std::unique_ptr<gui::DaemonLink> link;
  gui::MainFrame* frame = nullptr;
};

} // namespace pupitre::test
