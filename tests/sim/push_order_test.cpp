// Issue 12 follow-up: the push owes every change that was pending when it started. The outbox
// is read in the order of table and row, so edits the teacher makes while a push runs, in a
// table that sorts first ("category" before "class"), used to take the places of older
// pending changes, and the sync ended "synchronised" with those still pending.
#include "clock_world.h"
#include "pupitre/model/categories.h"
#include "pupitre/model/classes.h"
#include "pupitre/sync/outbox.h"

#include <boost/test/unit_test.hpp>

#include <string>
#include <vector>

namespace pupitre::sim {
namespace {

// Whether a change of `table`'s row `rowId` stamped at or before `stamp` is still pending.
bool pendingAtOrBefore(store::Database& db, const std::string& table, const std::string& rowId,
                       clock::Hlc stamp)
{
  auto& query = db.statement("SELECT count(*) FROM field_version"
                             " WHERE pending = 1 AND tbl = ? AND row_id = ? AND hlc <= ?");
  query.bind(1, table);
  query.bind(2, rowId);
  query.bind(3, static_cast<std::int64_t>(stamp));
  query.executeStep();
  const auto count = query.getColumn(0).getInt64();
  query.reset();
  return count > 0;
}

} // namespace

BOOST_AUTO_TEST_SUITE(push_order)

BOOST_AUTO_TEST_CASE(edits_made_during_a_push_do_not_leave_older_edits_unsent)
{
  ClockWorld world;
  model::Classes classes(*world.a.db);
  std::vector<std::string> ids;
  for (const char* name : {"4B Maths", "5A Maths", "6C Physics"}) {
    ids.push_back(classes.create({.name = name}));
  }
  world.sync(world.a);
  world.pass(kMinute);
  // Older pending edits, in "class".
  for (const auto& id : ids) {
    classes.update(id, {.subject = "Algebra"});
    world.pass(kSecond);
  }
  const clock::Hlc before = world.a.db->lastHlc();
  // While each batch is on its way, the teacher adds a category (fields that sort first).
  int added = 0;
  world.a.beforePush = [&](const sync::PushRequest&) {
    world.pass(kSecond);
    model::Categories(*world.a.db)
        .create({.classId = ids.front(), .name = "Tests " + std::to_string(++added)});
  };
  world.sync(world.a, 2);
  world.a.beforePush = nullptr;

  BOOST_TEST(added > 0);
  for (const auto& id : ids) {
    BOOST_TEST(!pendingAtOrBefore(*world.a.db, "class", id, before), "class " << id);
  }
  BOOST_TEST(!sync::pendingAtOrBefore(*world.a.db, before));
  // And the other device has them after its sync.
  world.sync(world.c);
  for (const auto& id : ids) {
    BOOST_TEST(model::Classes(*world.c.db).get(id).subject == "Algebra");
  }
}

BOOST_AUTO_TEST_SUITE_END()

} // namespace pupitre::sim
