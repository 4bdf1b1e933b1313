// File → Export my account's data… (issue 17) in the main window: the menu has it next to
// Export all my data…, and without a daemon (the fixture's link reaches none) the command
// says why it cannot ask the server, before asking for a file, and writes nothing.
#include "gui_fixture.h"
#include "ids.h"

#include <boost/test/unit_test.hpp>
#include <wx/menu.h>

#include <filesystem>

using namespace pupitre;

BOOST_AUTO_TEST_SUITE(account_export_menu)

BOOST_AUTO_TEST_CASE(the_file_menu_offers_it_and_without_the_daemon_it_says_why)
{
  test::AppFixture app;
  BOOST_REQUIRE(app.gradebookLoaded());
  auto* bar = app.frame->GetMenuBar();
  BOOST_REQUIRE(bar);
  auto* item = bar->FindItem(gui::ids::kExportAccountData);
  BOOST_REQUIRE(item);
  BOOST_TEST(item->GetItemLabelText() == "Export my account's data…");
  BOOST_TEST(item->IsEnabled());
  auto* file = bar->GetMenu(bar->FindMenu("File"));
  BOOST_REQUIRE(file);
  const auto position = [&](int id) {
    std::size_t index = 0;
    file->FindChildItem(id, &index);
    return index;
  };
  BOOST_TEST(position(gui::ids::kExportAccountData) == position(gui::ids::kExportAllData) + 1);

  // The teacher picks it: a message, no file dialog (nothing modal blocks this test).
  test::takeErrors();
  wxCommandEvent pick(wxEVT_MENU, gui::ids::kExportAccountData);
  app.frame->ProcessWindowEvent(pick);
  auto errors = test::takeErrors();
  BOOST_REQUIRE_EQUAL(errors.size(), 1u);
  BOOST_TEST(errors[0].Contains("pupitred"));
  BOOST_TEST(errors[0].Contains("Restart Pupitre"));

  // Asked with a file anyway (the link's status may lag): the link's reason, no file.
  const std::string path = app.sandbox.path("mine.json");
  BOOST_TEST(!app.frame->exportAccountTo(path));
  errors = test::takeErrors();
  BOOST_REQUIRE_EQUAL(errors.size(), 1u);
  BOOST_TEST(!errors[0].empty());
  BOOST_TEST(!std::filesystem::exists(path));
  BOOST_TEST(!std::filesystem::exists(path + ".part"));
}

BOOST_AUTO_TEST_SUITE_END()
