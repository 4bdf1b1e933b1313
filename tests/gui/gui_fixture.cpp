#include "gui_fixture.h"

#include "class_list_panel.h"
#include "error_report.h"
#include "gradebook/gradebook_panel.h"
#include "translations.h"
#include "worker.h"

#include "workloads/school_year.h"

#include <wx/app.h>
#include <wx/evtloop.h>
#include <wx/image.h>
#include <wx/init.h>
#include <wx/grid.h>
#include <wx/uiaction.h>
#include <wx/utils.h>

#include <boost/test/unit_test.hpp>

#include <cstdlib>
#include <filesystem>

namespace pupitre::test {

namespace {

std::vector<wxString>& errors()
{
  static std::vector<wxString> list;
  return list;
}

// One wx application for the whole test run, with an active event loop to yield to.
struct WxApplication
{
  WxApplication()
  {
    static char name[] = "gui_tests";
    static char* argv[] = {name, nullptr};
    int argc = 1;
    wxApp::SetInstance(new wxApp);
    BOOST_REQUIRE(wxEntryStart(argc, argv));
    wxTheApp->SetAppName("pupitre-tests");
    wxInitAllImageHandlers();
    gui::useUtf8Locale();
    // A failed wx assertion fails the test instead of opening a dialog nobody closes.
    wxSetAssertHandler([](const wxString& file, int line, const wxString& func,
                          const wxString& cond, const wxString& msg) {
      BOOST_ERROR("wx assertion " << cond.utf8_string() << " in " << func.utf8_string() << " ("
                                  << file.utf8_string() << ":" << line
                                  << "): " << msg.utf8_string());
    });
    m_loop = std::make_unique<wxEventLoop>();
    wxEventLoopBase::SetActive(m_loop.get());
    gui::setErrorSink([](const wxString& message) {
      BOOST_TEST_MESSAGE("error shown: " << message.utf8_string());
      errors().push_back(message);
    });
  }
  ~WxApplication()
  {
    pump(50);
    wxEventLoopBase::SetActive(nullptr);
    m_loop.reset();
    wxEntryCleanup();
  }
  std::unique_ptr<wxEventLoop> m_loop;
};

} // namespace

BOOST_TEST_GLOBAL_FIXTURE(WxApplication);

void pump(int ms)
{
  const auto end = std::chrono::steady_clock::now() + std::chrono::milliseconds(ms);
  do {
    wxTheApp->ProcessPendingEvents();
    wxYield();
    wxMilliSleep(2);
  } while (std::chrono::steady_clock::now() < end);
}

bool waitUntil(const std::function<bool()>& done, int timeoutMs)
{
  const auto end = std::chrono::steady_clock::now() + std::chrono::milliseconds(timeoutMs);
  while (!done()) {
    if (std::chrono::steady_clock::now() > end) {
      return false;
    }
    pump(5);
  }
  return true;
}

std::string screenshot(wxWindow* window, const std::string& name)
{
  const char* env = std::getenv("PUPITRE_SCREENSHOT_DIR");
  const std::filesystem::path dir = env && *env ? env : "screenshots";
  std::filesystem::create_directories(dir);
  window->Raise();
  window->Refresh();
  window->Update();
  pump(400);
  const wxRect r = window->GetScreenRect();
  const std::string file = (dir / (name + ".png")).string();
  const std::string command = "import -window root -crop " + std::to_string(r.width) + "x" +
                              std::to_string(r.height) + "+" + std::to_string(r.x) + "+" +
                              std::to_string(r.y) + " +repage '" + file + "'";
  BOOST_TEST_MESSAGE("screenshot: " << file);
  BOOST_CHECK_EQUAL(std::system(command.c_str()), 0);
  return file;
}

std::vector<wxString> takeErrors()
{
  auto list = std::move(errors());
  errors().clear();
  return list;
}

wxWindow* cellWindow(wxGrid* grid, int row, int col)
{
  const bool frozenRow = row < grid->GetNumberFrozenRows();
  const bool frozenCol = col < grid->GetNumberFrozenCols();
  if (frozenRow && frozenCol) {
    return grid->GetFrozenCornerGridWindow();
  }
  if (frozenRow) {
    return grid->GetFrozenRowGridWindow();
  }
  return frozenCol ? grid->GetFrozenColGridWindow() : grid->GetGridWindow();
}

wxPoint cellOnScreen(wxGrid* grid, int row, int col)
{
  // A cell window shows its own part: the frozen columns from the left edge, the others
  // after them, scrolled (wx 3.2's CalcGridWindowScrolledPosition leaves the frozen part in).
  const wxRect cell = grid->CellToRect(row, col);
  int unitX = 0, unitY = 0, startX = 0, startY = 0;
  grid->GetScrollPixelsPerUnit(&unitX, &unitY);
  grid->GetViewStart(&startX, &startY);
  wxPoint shown = cell.GetPosition();
  if (col >= grid->GetNumberFrozenCols()) {
    shown.x -= startX * unitX;
    for (int c = 0; c < grid->GetNumberFrozenCols(); ++c) {
      shown.x -= grid->GetColSize(c);
    }
  }
  if (row >= grid->GetNumberFrozenRows()) {
    shown.y -= startY * unitY;
    for (int r = 0; r < grid->GetNumberFrozenRows(); ++r) {
      shown.y -= grid->GetRowSize(r);
    }
  }
  return cellWindow(grid, row, col)->ClientToScreen(shown + cell.GetSize() / 2);
}

void clickCell(wxGrid* grid, int row, int col)
{
  grid->SetGridCursor(row == 0 ? 1 : 0, col);
  grid->MakeCellVisible(row, col);
  grid->SetFocus();
  pump(100);
  wxUIActionSimulator sim;
  sim.MouseMove(cellOnScreen(grid, row, col)); // frozen averages come first
  pump(50);
  sim.MouseClick();
  pump(150);
  BOOST_REQUIRE_EQUAL(grid->GetGridCursorRow(), row);
}

void typeInCell(wxGrid* grid, int row, int col, const char* text)
{
  clickCell(grid, row, col);
  wxUIActionSimulator sim;
  sim.Text(text);
  sim.Char(WXK_RETURN);
  pump(300);
}

AppFixture::AppFixture(YearSize size)
{
  db = std::make_unique<store::Database>(sandbox.path("pupitre.db"));
  bench::SchoolYearOptions options;
  options.classes = size.classes;
  options.students = size.students;
  options.assessments = size.assessments;
  options.days = size.days;
  bench::generateSchoolYear(*db, options);
  open();
}

AppFixture::AppFixture(const std::function<void(store::Database&, const Sandbox&)>& fill)
{
  db = std::make_unique<store::Database>(sandbox.path("pupitre.db"));
  fill(*db, sandbox);
  open();
}

void AppFixture::open()
{
  link = std::make_unique<gui::DaemonLink>(sandbox.path("no-daemon.sock"), db->path());
  link->start(false);
  frame = new gui::MainFrame(*db, *link);
  frame->SetPosition({0, 0});
  frame->Show();
  BOOST_REQUIRE(waitUntil([this] { return gradebookLoaded(); }));
  takeErrors();
}

AppFixture::~AppFixture()
{
  waitUntil([this] { return frame->worker().pending() == 0; });
  frame->Destroy();
  pump(50);
  link.reset();
}

bool AppFixture::gradebookLoaded()
{
  const auto& selected = frame->classes()->selectedClass();
  return !selected.empty() && frame->gradebook()->shownClass() == selected &&
         frame->worker().pending() == 0;
}

} // namespace pupitre::test
