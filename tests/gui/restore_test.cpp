// The Conflicts tab's "Restore lost value" is a new local edit (issue 12, item 7): the value
// comes back, and it waits in the outbox with this device's newer stamp, so the next sync
// sends it to the server and the other devices (tests/e2e/conflict_test.cpp follows such an
// edit through a real server to three devices).
#include "gui_fixture.h"

#include "panels/conflicts_panel.h"

#include "pupitre/model/classes.h"
#include "pupitre/model/students.h"
#include "pupitre/sync/conflicts.h"
#include "pupitre/sync/merge.h"
#include "pupitre/sync/outbox.h"

#include <wx/button.h>
#include <wx/listctrl.h>
#include <wx/uiaction.h>
#include <wx/utils.h>

#include <boost/test/unit_test.hpp>

using namespace pupitre;

BOOST_AUTO_TEST_SUITE(restore)

BOOST_AUTO_TEST_CASE(the_restore_button_makes_a_new_edit_that_the_next_sync_sends)
{
  std::string student;
  test::AppFixture app([&](store::Database& a, const test::Sandbox& sandbox) {
    const auto cls = model::Classes(a).create({.name = "4B Mathematics"});
    student = model::Students(a).create({.classId = cls, .givenName = "Ana"});
    store::Database b(sandbox.path("b.db"));
    auto changes = sync::pendingChanges(a);
    sync::applyRemote(b, changes);
    sync::acknowledge(a, changes);
    // This device writes first; the other one later: its value wins here at the next sync.
    model::Students(a).update(student, {.notes = "Needs glasses"});
    wxMilliSleep(20);
    model::Students(b).update(student, {.notes = "Sits at the front"});
    changes = sync::pendingChanges(b);
    sync::applyRemote(a, changes); // a's own edit loses, into the conflict list
    sync::acknowledge(b, changes);
  });
  BOOST_TEST_REQUIRE(model::Students(*app.db).get(student).notes == "Sits at the front");

  app.frame->showPage(5);
  auto* panel = app.frame->conflicts();
  BOOST_TEST_REQUIRE(panel->list()->GetItemCount() == 1);
  panel->list()->Select(0);
  test::pump(100);
  wxButton* restore = nullptr;
  for (wxWindow* child : panel->GetChildren()) {
    if (auto* button = dynamic_cast<wxButton*>(child);
        button && button->GetLabel() == "&Restore lost value") {
      restore = button;
    }
  }
  BOOST_TEST_REQUIRE(restore);
  wxUIActionSimulator sim;
  sim.MouseMove(restore->GetScreenRect().GetPosition() + wxPoint(8, 8));
  test::pump(50);
  sim.MouseClick();
  BOOST_TEST(test::waitUntil(
      [&] { return model::Students(*app.db).get(student).notes == "Needs glasses"; }));

  // A local edit in the outbox, stamped by this device after the value that had won.
  const auto conflict = sync::listConflicts(*app.db, true).at(0);
  BOOST_TEST(conflict.restored);
  bool found = false;
  for (const auto& write : sync::pendingChanges(*app.db)) {
    if (write.rowId == student && write.field == "notes") {
      found = true;
      BOOST_TEST(store::toText(write.value) == "Needs glasses");
      BOOST_TEST(write.stamp.device == app.db->deviceId());
      BOOST_TEST(write.stamp.hlc > conflict.wonStamp.hlc);
    }
  }
  BOOST_TEST(found, "the restored value is not in the outbox");
  BOOST_TEST(test::takeErrors().empty());
}

BOOST_AUTO_TEST_SUITE_END()
