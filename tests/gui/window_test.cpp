// The main window fits the screen it opens on (ctest gui_small_screen runs this suite on a
// 1366x768 screen, gui_hidpi with GDK_SCALE=2), comes back where it was left, and has the
// app's icon, as has the About box. (The maximized state is saved and restored too, but a
// screen without a window manager cannot maximize: it is not checked here.)
#include "gui_fixture.h"

#include "ids.h"
#include "window_placement.h"

#include <wx/display.h>
#include <wx/statusbr.h>

#include <gtk/gtk.h>

#include <boost/test/unit_test.hpp>

#include <cstdlib>
#include <string>

using namespace pupitre;

namespace {

std::string text(const wxRect& r)
{
  return std::to_string(r.width) + "x" + std::to_string(r.height) + "+" + std::to_string(r.x) +
         "+" + std::to_string(r.y);
}

// The About box GTK shows (wxAboutBox is the native GtkAboutDialog there).
GtkAboutDialog* aboutDialog()
{
  GtkAboutDialog* found = nullptr;
  GList* windows = gtk_window_list_toplevels();
  for (GList* w = windows; w; w = w->next) {
    if (GTK_IS_ABOUT_DIALOG(w->data) && gtk_widget_get_visible(GTK_WIDGET(w->data))) {
      found = GTK_ABOUT_DIALOG(w->data);
    }
  }
  g_list_free(windows);
  return found;
}

} // namespace

BOOST_AUTO_TEST_SUITE(window)

BOOST_AUTO_TEST_CASE(the_window_and_its_status_bar_fit_the_screen_it_opens_on)
{
  test::AppFixture app;
  test::pump(200);
  const wxRect area = wxDisplay(app.frame).GetClientArea();
  const wxRect frame = app.frame->GetScreenRect();
  const wxRect status = app.frame->GetStatusBar()->GetScreenRect();
  BOOST_TEST_MESSAGE("display client area " << text(area) << ", window " << text(frame)
                                            << ", status bar " << text(status));
  BOOST_CHECK_MESSAGE(area.Contains(frame),
                      "the window " << text(frame) << " is not inside " << text(area));
  BOOST_CHECK_MESSAGE(area.Contains(status),
                      "the status bar " << text(status) << " is off the screen " << text(area));
  const char* scale = std::getenv("GDK_SCALE");
  const std::string name = "window-" + std::to_string(area.width) + "x" +
                           std::to_string(area.height) + "-scale" + (scale ? scale : "1");
  if (scale && std::string(scale) != "1") { // screenshot() crops in DIPs: take the whole screen
    const char* dir = std::getenv("PUPITRE_SCREENSHOT_DIR");
    const std::string file = std::string(dir && *dir ? dir : "screenshots") + "/" + name + ".png";
    test::pump(300);
    BOOST_CHECK_EQUAL(std::system(("import -window root '" + file + "'").c_str()), 0);
  } else {
    test::screenshot(app.frame, name);
  }
}

BOOST_AUTO_TEST_CASE(the_window_and_the_about_box_show_the_app_icon)
{
  test::AppFixture app;
  BOOST_CHECK_GT(app.frame->GetIcons().GetIconCount(), 0u);
  wxCommandEvent about(wxEVT_MENU, wxID_ABOUT);
  app.frame->GetEventHandler()->ProcessEvent(about);
  BOOST_REQUIRE(test::waitUntil([] { return aboutDialog() != nullptr; }, 5000));
  test::pump(300);
  GtkAboutDialog* dialog = aboutDialog();
  BOOST_CHECK_MESSAGE(gtk_about_dialog_get_logo(dialog) != nullptr, "the About box has no logo");
  const char* dir = std::getenv("PUPITRE_SCREENSHOT_DIR");
  const std::string file = std::string(dir && *dir ? dir : "screenshots") + "/about-box.png";
  BOOST_CHECK_EQUAL(std::system(("import -window root '" + file + "'").c_str()), 0);
  gtk_widget_destroy(GTK_WIDGET(dialog));
  test::pump(50);
}

BOOST_AUTO_TEST_CASE(the_window_comes_back_with_its_size_and_place)
{
  test::Sandbox sandbox;
  const std::string file = sandbox.path("window.ini");
  const wxRect area = wxDisplay(0u).GetClientArea();
  const wxRect left(area.x + 10, area.y + 20, 780, 500);
  {
    test::AppFixture app;
    app.frame->rememberPlacement(file); // nothing saved yet: it stays as it opened
    app.frame->SetSize(left);
    test::pump(200);
    BOOST_REQUIRE(gui::savePlacement(*app.frame, file));
  }
  {
    test::AppFixture app;
    app.frame->rememberPlacement(file);
    test::pump(200);
    BOOST_CHECK_EQUAL(text(app.frame->GetRect()), text(left));
  }
  // On a display that is no longer connected, it is not restored off screen.
  {
    test::AppFixture app;
    app.frame->SetSize(wxRect(area.GetRight() + 4000, area.y, 700, 500));
    BOOST_REQUIRE(gui::savePlacement(*app.frame, file));
  }
  {
    test::AppFixture app;
    BOOST_CHECK(!gui::restorePlacement(*app.frame, file));
    test::pump(100);
    BOOST_CHECK(area.Contains(app.frame->GetScreenRect()));
  }
  // A saved size larger than the screen shrinks to it.
  BOOST_CHECK_EQUAL(text(gui::fitInside(wxRect(-50, -50, 5000, 4000), area)), text(area));
}

BOOST_AUTO_TEST_SUITE_END()
