// A screenshot of every screen over a realistic class (the school-year generator), into
// <build>/screenshots, for people to look at; each also checks the screen shows the class.
#include "gui_fixture.h"

#include "class_list_panel.h"
#include "gradebook/categories_dialog.h"
#include "gradebook/gradebook_panel.h"
#include "gradebook/gradebook_table.h"
#include "panels/attendance_panel.h"
#include "panels/conflicts_panel.h"
#include "panels/journal_panel.h"
#include "panels/resources_panel.h"
#include "panels/students_panel.h"

#include "pupitre/model/categories.h"
#include "pupitre/model/marks.h"
#include "pupitre/model/resources.h"
#include "pupitre/model/students.h"
#include "pupitre/sync/conflicts.h"

#include <wx/image.h>
#include <wx/listctrl.h>
#include <wx/notebook.h>

#include <boost/test/unit_test.hpp>

#include <cstdio>

using namespace pupitre;

BOOST_AUTO_TEST_SUITE(screens)

BOOST_AUTO_TEST_CASE(every_screen_of_a_realistic_class)
{
  test::AppFixture app({4, 28, 24, 60});
  auto* frame = app.frame;
  const std::string classId = frame->classes()->selectedClass();
  auto* gradebook = frame->gradebook();
  gradebook->grid()->GoToCell(3, 2);
  // A comment and an excused mark, so their look shows.
  const auto data = gradebook->table()->data(); // kept: reloads swap the table's data
  const auto& students = data->students;
  const auto& assessments = data->assessments;
  {
    model::MarkInput comment;
    comment.comment = "Handed in late";
    model::Marks(*app.db).set(students[0].id, assessments[0].id, comment);
    model::MarkInput excused;
    excused.status = model::MarkStatus::Excused;
    excused.value = "";
    model::Marks(*app.db).set(students[1].id, assessments[1].id, excused);
  }
  frame->reloadVisible();
  test::waitUntil([&] { return frame->worker().pending() == 0; });
  test::screenshot(frame, "1-gradebook");
  gradebook->grid()->GoToCell(3, gradebook->grid()->GetNumberCols() - 1);
  test::screenshot(frame, "1c-gradebook-averages");
  gradebook->grid()->GoToCell(3, 2);

  gui::CategoriesDialog categories(frame, model::Categories(*app.db).list(classId));
  categories.Show();
  test::screenshot(&categories, "1b-categories-dialog");
  categories.Hide();

  frame->showPage(1);
  frame->attendance()->setDay("2026-09-21");
  BOOST_CHECK_GT(frame->attendance()->list()->GetItemCount(), 0);
  test::screenshot(frame, "2-attendance-day");
  frame->attendance()->showTerm(true);
  test::waitUntil([&] { return frame->worker().pending() == 0; });
  test::screenshot(frame, "2b-attendance-term");
  frame->attendance()->showTerm(false);

  frame->showPage(2);
  BOOST_CHECK_GT(frame->journal()->list()->GetItemCount(), 0);
  test::screenshot(frame, "3-journal");

  frame->showPage(3);
  {
    // A photo for the first student (the others show their initials).
    wxImage photo(240, 320);
    for (int y = 0; y < 320; ++y) {
      for (int x = 0; x < 240; ++x) {
        const bool face = (x - 120) * (x - 120) + (y - 130) * (y - 130) < 70 * 70;
        photo.SetRGB(x, y, face ? 230 : 70, face ? 190 : 120 + y / 8, face ? 160 : 180);
      }
    }
    const std::string file = app.sandbox.path("photo.png");
    BOOST_REQUIRE(photo.SaveFile(wxString::FromUTF8(file), wxBITMAP_TYPE_PNG));
    frame->students()->select(students[0].id);
    frame->students()->setPictureFile(file);
    BOOST_CHECK(test::waitUntil([&] { return frame->worker().pending() == 0; }));
    BOOST_CHECK(!model::Students(*app.db).get(students[0].id).picture.empty());
    BOOST_CHECK(test::waitUntil(
        [&] { return frame->worker().pending() == 0 && frame->students()->picturesShown() == 1; }));
  }
  BOOST_CHECK_GT(frame->students()->list()->GetItemCount(), 0);
  test::screenshot(frame, "4-students");

  for (const auto& [name, size, mime] :
       {std::tuple{"Unit 3 — fractions worksheet.pdf", 482133, "application/pdf"},
        std::tuple{"Seating plan.xlsx", 18221, "application/vnd.ms-excel"},
        std::tuple{"Field trip consent form.docx", 40960, "application/msword"}}) {
    model::Resource r;
    r.classId = classId;
    r.fileName = name;
    r.size = size;
    r.mimeType = mime;
    r.blobHash = std::string(64, 'a');
    model::Resources(*app.db).create(r);
  }
  frame->showPage(4);
  {
    const std::string file = app.sandbox.path("Reading list.txt");
    std::FILE* out = std::fopen(file.c_str(), "w");
    std::fputs("1. The Little Prince\n2. Matilda\n", out);
    std::fclose(out);
    frame->resources()->addFile(file);
  }
  frame->resources()->reload();
  BOOST_CHECK_EQUAL(frame->resources()->list()->GetItemCount(), 4);
  test::screenshot(frame, "5-resources");

  {
    const auto& student = students[2];
    const auto& assessment = assessments[2];
    const auto mark = model::Marks(*app.db).find(student.id, assessment.id);
    sync::Conflict c;
    c.table = "mark";
    c.rowId = model::Marks::markId(student.id, assessment.id);
    c.field = "value";
    c.lostValue = 4.5;
    c.lostStamp = {app.db->lastHlc() - (std::uint64_t{3600000} << 16), "0190a1b2-other-device"};
    c.wonValue = mark ? mark->value : store::Value{};
    c.wonStamp = {app.db->lastHlc(), app.db->deviceId()};
    store::WriteTxn txn(*app.db, store::WriteTxn::Kind::RemoteApply);
    sync::recordConflict(txn, c);
    txn.commit();
  }
  frame->showPage(5);
  frame->conflicts()->reload();
  BOOST_CHECK_EQUAL(frame->conflicts()->list()->GetItemCount(), 1);
  test::screenshot(frame, "6-conflicts");
  BOOST_CHECK(test::takeErrors().empty());
}

BOOST_AUTO_TEST_SUITE_END()
