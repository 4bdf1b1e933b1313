// Direct reproductions of the bugs the simulation found (the failing seeds themselves are in
// simulation_test.cpp, suite regression_seeds).
#include "pupitre/model/classes.h"
#include "pupitre/store/rows.h"
#include "pupitre/sync/conflicts.h"
#include "support/sandbox.h"

#include <boost/test/unit_test.hpp>

namespace pupitre::sim {

BOOST_AUTO_TEST_SUITE(regressions)

// Seed 847: a deletion lost to a later edit on another device; the record was deleted
// again afterwards, and restoring the lost deletion failed with the capture trigger's refusal.
BOOST_FIXTURE_TEST_CASE(restoring_a_lost_deletion_of_a_record_deleted_again_succeeds,
                        test::DatabaseFixture)
{
  const std::string id = model::Classes(db).create({.name = "4B Maths"});
  sync::Conflict lostDeletion;
  lostDeletion.table = "class";
  lostDeletion.rowId = id;
  lostDeletion.field = "deleted";
  lostDeletion.lostValue = std::int64_t{1};
  lostDeletion.lostStamp = {clock::makeHlc(1000, 0), "another-device"};
  lostDeletion.wonValue = std::int64_t{0};
  lostDeletion.wonStamp = {db.lastHlc(), db.deviceId()};
  {
    store::WriteTxn txn(db, store::WriteTxn::Kind::RemoteApply);
    BOOST_TEST_REQUIRE(sync::recordConflict(txn, lostDeletion));
    txn.commit();
  }
  clock.advance(60'000);
  model::Classes(db).remove(id);

  const auto conflicts = sync::listConflicts(db);
  BOOST_TEST_REQUIRE(conflicts.size() == 1u);
  BOOST_CHECK_NO_THROW(sync::restoreConflict(db, conflicts[0].id));
  BOOST_TEST(sync::listConflicts(db).empty()); // done: the record is deleted
  BOOST_TEST(store::findRow(db, *store::findTable("class"), id)->deleted);
}

BOOST_AUTO_TEST_SUITE_END()

} // namespace pupitre::sim
