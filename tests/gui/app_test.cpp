// The main window without a daemon, its sync entries, and the translations.
#include "gui_fixture.h"

#include "gradebook/gradebook_panel.h"
#include "ids.h"
#include "translations.h"

#include <wx/intl.h>
#include <wx/menu.h>
#include <wx/notebook.h>
#include <wx/statusbr.h>
#include <wx/translation.h>

#include <boost/test/unit_test.hpp>

using namespace pupitre;

BOOST_AUTO_TEST_SUITE(app)

BOOST_AUTO_TEST_CASE(without_a_daemon_the_app_works_offline_and_says_so)
{
  test::AppFixture app;
  BOOST_REQUIRE(test::waitUntil(
      [&] { return app.frame->GetStatusBar()->GetStatusText(1).Contains("offline"); }));
  BOOST_CHECK(!app.link->status().reachable);
  app.frame->UpdateWindowUI(wxUPDATE_UI_RECURSE);
  auto* bar = app.frame->GetMenuBar();
  BOOST_CHECK(!bar->IsEnabled(gui::ids::kSynchronise));
  // The Sync menu explains why, in the daemon link's words.
  BOOST_CHECK_EQUAL(bar->GetLabel(gui::ids::kSyncWhy).utf8_string(),
                    app.link->status().whyCannotSync());
  BOOST_CHECK(bar->GetLabel(gui::ids::kSynchronise).Contains("Ctrl+Shift+S") ||
              bar->FindItem(gui::ids::kSynchronise)->GetItemLabel().Contains("Ctrl+Shift+S"));
  // Everything else works offline: the grid is there with the class's students.
  BOOST_CHECK_GT(app.frame->gradebook()->grid()->GetNumberRows(), 0);
}

BOOST_AUTO_TEST_CASE(the_spanish_catalog_is_found_next_to_the_build)
{
  BOOST_TEST_MESSAGE("catalog folders: " << gui::catalogFolders().utf8_string());
  BOOST_REQUIRE(gui::setupTranslations(wxLANGUAGE_SPANISH));
  BOOST_CHECK_EQUAL(wxGetTranslation("Gradebook").utf8_string(), "Cuaderno de notas");
  BOOST_CHECK_EQUAL(wxGetTranslation("Attendance").utf8_string(), "Asistencia");
  {
    test::AppFixture app;
    BOOST_CHECK_EQUAL(app.frame->tabs()->GetPageText(0).utf8_string(), "Cuaderno de notas");
    test::screenshot(app.frame, "gradebook-es");
  }
  wxTranslations::Set(nullptr);
  BOOST_CHECK_EQUAL(wxGetTranslation("Gradebook").utf8_string(), "Gradebook");
}

BOOST_AUTO_TEST_SUITE_END()
