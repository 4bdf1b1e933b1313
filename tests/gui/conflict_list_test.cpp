// The conflict list speaks the teacher's language (issue 13, "Sync a teacher can trust"):
// "Mark of Ana García in Test 3: 7 on this computer (Mon 10:04) replaced 4.5 on 'Kitchen
// laptop' (Mon 09:04)"; a device whose name is not known is "another device"; no header is cut
// off, in English or in Spanish.
#include "gui_fixture.h"

#include "gradebook/gradebook_panel.h"
#include "gradebook/gradebook_table.h"
#include "panels/conflicts_panel.h"
#include "translations.h"

#include "pupitre/model/marks.h"
#include "pupitre/sync/conflicts.h"
#include "pupitre/sync/device_names.h"

#include <wx/listctrl.h>
#include <wx/translation.h>

#include <boost/test/unit_test.hpp>

using namespace pupitre;

namespace {

constexpr const char* kKitchen = "0190a1b2-kitchen-laptop";
constexpr const char* kUnknown = "0190a1b2-unknown-device";

// Two conflicts on marks of the shown class: one lost on the kitchen laptop (named by the
// server's device list), one on a device the list does not name. Returns the first one's
// student and assessment names.
std::pair<std::string, std::string> recordConflicts(test::AppFixture& app)
{
  sync::DeviceInfo kitchen;
  kitchen.id = kKitchen;
  kitchen.name = "Kitchen laptop";
  app.db->setSetting(sync::kDeviceNamesSetting, sync::encodeDeviceNames({kitchen}));
  const auto data = app.frame->gradebook()->table()->data();
  const auto& students = data->students;
  const auto& assessment = data->assessments.at(0);
  store::WriteTxn txn(*app.db, store::WriteTxn::Kind::RemoteApply);
  for (int i = 0; i < 2; ++i) {
    sync::Conflict c;
    c.table = "mark";
    c.rowId = model::Marks::markId(students.at(i).id, assessment.id);
    c.field = "value";
    c.lostValue = 4.5;
    c.lostStamp = {app.db->lastHlc() - (std::uint64_t{3600000} << 16),
                   i == 0 ? kKitchen : kUnknown};
    c.wonValue = 7.0;
    c.wonStamp = {app.db->lastHlc(), app.db->deviceId()};
    sync::recordConflict(txn, c);
  }
  txn.commit();
  return {students.at(0).givenName + " " + students.at(0).familyName, assessment.name};
}

std::string cell(wxListView* list, long row, int column)
{
  return list->GetItemText(row, column).utf8_string();
}

bool contains(const std::string& text, const std::string& part)
{
  return text.find(part) != std::string::npos;
}

// Every header fits its column.
void requireHeadersFit(wxListView* list)
{
  for (int column = 0; column < list->GetColumnCount(); ++column) {
    wxListItem header;
    header.SetMask(wxLIST_MASK_TEXT);
    list->GetColumn(column, header);
    const int needed = list->GetTextExtent(header.GetText()).x;
    BOOST_TEST(list->GetColumnWidth(column) > needed,
               "header '" << header.GetText().utf8_string() << "' is cut off");
  }
}

} // namespace

BOOST_AUTO_TEST_SUITE(conflict_list)

BOOST_AUTO_TEST_CASE(a_conflict_is_a_sentence_with_names_values_and_devices)
{
  test::AppFixture app;
  BOOST_REQUIRE(app.gradebookLoaded());
  const auto [student, assessment] = recordConflicts(app);
  app.frame->showPage(5);
  app.frame->conflicts()->reload();
  auto* list = app.frame->conflicts()->list();
  BOOST_REQUIRE_EQUAL(list->GetItemCount(), 2);
  std::string kitchenRow, unknownRow;
  for (long row = 0; row < 2; ++row) {
    const auto text = cell(list, row, 0);
    (contains(text, student) ? kitchenRow : unknownRow) = text;
  }
  const std::string start = "Mark of " + student + " in " + assessment + ": 7 on this computer (";
  BOOST_TEST(kitchenRow.rfind(start, 0) == 0u, kitchenRow);
  BOOST_TEST(contains(kitchenRow, ") replaced 4.5 on \u2018Kitchen laptop\u2019 ("), kitchenRow);
  BOOST_TEST(contains(unknownRow, ") replaced 4.5 on another device ("), unknownRow);
  BOOST_TEST(!contains(kitchenRow, "0190a1b2"));
  BOOST_TEST(!contains(unknownRow, "0190a1b2"));
  requireHeadersFit(list);
  test::screenshot(app.frame, "conflict-list");
}

BOOST_AUTO_TEST_CASE(the_conflict_list_in_spanish_has_no_header_cut_off)
{
  BOOST_REQUIRE(gui::setupTranslations(wxLANGUAGE_SPANISH));
  {
    test::AppFixture app;
    BOOST_REQUIRE(app.gradebookLoaded());
    const auto [student, assessment] = recordConflicts(app);
    app.frame->SetSize(app.frame->FromDIP(wxSize(1366, 768)));
    app.frame->showPage(5);
    app.frame->conflicts()->reload();
    auto* list = app.frame->conflicts()->list();
    BOOST_REQUIRE_EQUAL(list->GetItemCount(), 2);
    const auto text = cell(list, 0, 0) + cell(list, 1, 0);
    BOOST_TEST(contains(text, "Nota de "), text);
    BOOST_TEST(contains(text, " en \u2018Kitchen laptop\u2019 ("), text);
    BOOST_TEST(contains(text, " sustituyó a "), text);
    BOOST_TEST(contains(text, "otro dispositivo"), text);
    requireHeadersFit(list);
    test::screenshot(app.frame, "conflict-list-es");
  }
  wxTranslations::Set(nullptr);
}

// A value lost to (or by) an edit on the web version: the server's web replica, named as such
// (docs/web.md, "The web replica"), never as "another device" or by its id.
BOOST_AUTO_TEST_CASE(an_edit_of_the_web_version_is_named_web_version)
{
  const auto webRow = [](test::AppFixture& app) {
    const auto data = app.frame->gradebook()->table()->data();
    store::WriteTxn txn(*app.db, store::WriteTxn::Kind::RemoteApply);
    sync::Conflict c;
    c.table = "mark";
    c.rowId = model::Marks::markId(data->students.at(0).id, data->assessments.at(0).id);
    c.field = "value";
    c.lostValue = 4.5;
    c.lostStamp = {app.db->lastHlc() - (std::uint64_t{3600000} << 16), app.db->deviceId()};
    c.wonValue = 7.0;
    c.wonStamp = {app.db->lastHlc(), "web-0190a1b2-aaaa-7bbb-8ccc-dddddddddddd"};
    sync::recordConflict(txn, c);
    txn.commit();
    app.frame->showPage(5);
    app.frame->conflicts()->reload();
    auto* list = app.frame->conflicts()->list();
    BOOST_REQUIRE_EQUAL(list->GetItemCount(), 1);
    return cell(list, 0, 0);
  };
  {
    test::AppFixture app;
    BOOST_REQUIRE(app.gradebookLoaded());
    const auto text = webRow(app);
    BOOST_TEST(contains(text, ": 7 on Web version ("), text);
    BOOST_TEST(!contains(text, "web-0190a1b2"), text);
  }
  BOOST_REQUIRE(gui::setupTranslations(wxLANGUAGE_SPANISH));
  {
    test::AppFixture app;
    BOOST_REQUIRE(app.gradebookLoaded());
    const auto text = webRow(app);
    BOOST_TEST(contains(text, "Versión web"), text);
  }
  wxTranslations::Set(nullptr);
}

BOOST_AUTO_TEST_SUITE_END()
