// The simulation's oracle must itself be right: "latest edit per field wins", liveness as a
// field, deletion winning a tie; and what each device must send, derived from its edits.
#include "reference_model.h"

#include <boost/test/unit_test.hpp>

namespace pupitre::sim {
namespace {

constexpr std::size_t kA = 0;
constexpr std::size_t kB = 1;

sync::FieldWrite write(const std::string& row, const std::string& field, store::Value value,
                       clock::Hlc hlc, const std::string& device, sync::Stamp base = {})
{
  return sync::FieldWrite{"class", row, field, std::move(value), {hlc, device}, std::move(base)};
}

// Device 0 is "a", device 1 is "b".
struct Model
{
  ReferenceModel model{{"a", "b"}};

  // One edit (one transaction) on `device` at `hlc`.
  void edit(std::size_t device, std::vector<sync::FieldWrite> writes)
  {
    const clock::Hlc hlc = writes.front().stamp.hlc;
    model.edited(device, std::move(writes), hlc - 1, hlc);
  }
  // `device` pushes what the model expects, in one batch, and gets the reply.
  void pushAll(std::size_t device, std::int64_t batch)
  {
    sync::PushRequest request{batch, model.pending(device)};
    model.sending(device, request);
    model.accepted(device, request);
  }
  std::string value(const std::string& row, const std::string& field) const
  {
    const auto data = model.expected();
    for (const auto& r : data.at("classes")) {
      if (r.id == row) {
        return store::toText(r.values.at(field));
      }
    }
    return "(absent)";
  }
};

} // namespace

BOOST_AUTO_TEST_SUITE(reference_model)

BOOST_FIXTURE_TEST_CASE(the_latest_edit_of_each_field_wins_whoever_edits_last, Model)
{
  edit(kB, {write("r", "name", std::string("Monday"), 100, "b"),
            write("r", "subject", std::string("Maths"), 100, "b")});
  edit(kA, {write("r", "name", std::string("Tuesday"), 200, "a")});
  edit(kB, {write("r", "name", std::string("Monday again"), 150, "b")});
  BOOST_TEST(value("r", "name") == "Tuesday");
  BOOST_TEST(value("r", "subject") == "Maths");
  BOOST_TEST(value("r", "term") == ""); // every field, null when never written
  BOOST_TEST(model.expected().size() == store::syncedTables().size());
}

BOOST_FIXTURE_TEST_CASE(equal_clocks_break_ties_on_the_device, Model)
{
  edit(kA, {write("r", "name", std::string("from a"), 100, "a")});
  edit(kB, {write("r", "name", std::string("from b"), 100, "b")});
  BOOST_TEST(value("r", "name") == "from b");
}

BOOST_FIXTURE_TEST_CASE(the_most_recent_of_deletion_and_edit_decides_whether_the_row_lives, Model)
{
  edit(kA, {write("r", "name", std::string("x"), 100, "a"),
            write("r", "deleted", std::int64_t{0}, 100, "a")});
  edit(kB, {write("r", "deleted", std::int64_t{1}, 200, "b")});
  BOOST_TEST(value("r", "name") == "(absent)");
  // An edit after the deletion brings the whole record back, with the tombstone's values.
  edit(kA, {write("r", "subject", std::string("History"), 300, "a")});
  BOOST_TEST(value("r", "name") == "x");
  // A deletion at exactly an edit's stamp wins.
  edit(kA, {write("r", "deleted", std::int64_t{1}, 300, "a")});
  BOOST_TEST(value("r", "name") == "(absent)");
}

BOOST_FIXTURE_TEST_CASE(ten_edits_of_a_field_are_one_pending_write_based_on_the_synced_one, Model)
{
  edit(kA, {write("r", "name", std::string("one"), 100, "a")});
  pushAll(kA, 1);
  BOOST_TEST(model.pending(kA).empty());
  edit(kA, {write("r", "name", std::string("two"), 110, "a")});
  edit(kA, {write("r", "name", std::string("three"), 120, "a")});
  const auto pending = model.pending(kA);
  BOOST_TEST_REQUIRE(pending.size() == 1u);
  BOOST_TEST(store::toText(pending[0].value) == "three");
  BOOST_TEST(pending[0].stamp == (sync::Stamp{120, "a"}));
  BOOST_TEST(pending[0].base == (sync::Stamp{100, "a"})); // the first offline edit's base
}

BOOST_FIXTURE_TEST_CASE(an_edit_made_while_its_batch_is_in_flight_stays_pending, Model)
{
  edit(kA, {write("r", "name", std::string("one"), 100, "a")});
  const sync::PushRequest request{1, model.pending(kA)};
  model.sending(kA, request);
  edit(kA, {write("r", "name", std::string("two"), 110, "a")});
  model.accepted(kA, request);
  const auto pending = model.pending(kA);
  BOOST_TEST_REQUIRE(pending.size() == 1u);
  BOOST_TEST(store::toText(pending[0].value) == "two");
  BOOST_TEST(pending[0].base == (sync::Stamp{100, "a"})); // now based on the pushed version
}

BOOST_FIXTURE_TEST_CASE(a_pulled_newer_write_supersedes_the_pending_one_an_older_does_not, Model)
{
  edit(kA, {write("r", "name", std::string("a's"), 100, "a"),
            write("r", "subject", std::string("Maths"), 100, "a")});
  edit(kB, {write("r", "subject", std::string("History"), 50, "b")});
  edit(kB, {write("r", "name", std::string("b's"), 150, "b")});
  sync::PullPage page;
  page.changes = {write("r", "name", std::string("b's"), 150, "b"),
                  write("r", "subject", std::string("History"), 50, "b")};
  model.received(kA, page);
  const auto pending = model.pending(kA);
  BOOST_TEST_REQUIRE(pending.size() == 1u);
  BOOST_TEST(pending[0].field == "subject");
  // The device has received 150: an edit must be stamped after it.
  BOOST_CHECK_THROW(model.edited(kA, {write("r", "term", std::string("T1"), 140, "a")}, 120, 140),
                    ModelMismatch);
}

BOOST_FIXTURE_TEST_CASE(a_pulled_write_of_any_field_supersedes_a_pending_deletion, Model)
{
  edit(kA, {write("r", "deleted", std::int64_t{1}, 100, "a")});
  sync::PullPage page;
  edit(kB, {write("r", "name", std::string("kept"), 200, "b")});
  page.changes = {write("r", "name", std::string("kept"), 200, "b")};
  model.received(kA, page);
  BOOST_TEST(model.pending(kA).empty());
  BOOST_TEST(value("r", "name") == "kept");
}

BOOST_FIXTURE_TEST_CASE(a_pending_liveness_takes_the_stamp_of_each_later_edit_of_the_record, Model)
{
  edit(kA, {write("r", "name", std::string("new"), 100, "a"),
            write("r", "deleted", std::int64_t{0}, 100, "a")});
  edit(kA, {write("r", "subject", std::string("Maths"), 120, "a")});
  for (const auto& w : model.pending(kA)) {
    if (w.field == "deleted") {
      BOOST_TEST(w.stamp == (sync::Stamp{120, "a"}));
    }
  }
  pushAll(kA, 1);
  // Sent: an edit of a synced record does not send its liveness again.
  edit(kA, {write("r", "subject", std::string("History"), 130, "a")});
  BOOST_TEST(model.pending(kA).size() == 1u);
}

BOOST_FIXTURE_TEST_CASE(a_push_must_carry_exactly_the_pending_writes, Model)
{
  edit(kA, {write("r", "name", std::string("one"), 100, "a")});
  // Another value, another stamp, a field never edited, the same field twice: refused.
  BOOST_CHECK_THROW(model.sending(kA, {1, {write("r", "name", std::string("uno"), 100, "a")}}),
                    ModelMismatch);
  BOOST_CHECK_THROW(model.sending(kA, {1, {write("r", "name", std::string("one"), 99, "a")}}),
                    ModelMismatch);
  BOOST_CHECK_THROW(model.sending(kA, {1, {write("r", "subject", std::string("x"), 100, "a")}}),
                    ModelMismatch);
  BOOST_CHECK_THROW(model.sending(kA, {1,
                                       {write("r", "name", std::string("one"), 100, "a"),
                                        write("r", "name", std::string("one"), 100, "a")}}),
                    ModelMismatch);
  // A lost pending write is still expected at the end.
  edit(kA, {write("s", "name", std::string("two"), 110, "a")});
  const sync::PushRequest onlyOne{1, {write("r", "name", std::string("one"), 100, "a")}};
  model.sending(kA, onlyOne);
  model.accepted(kA, onlyOne);
  BOOST_TEST(model.pending(kA).size() == 1u);
  // A write already acknowledged is not sent again.
  BOOST_CHECK_THROW(model.sending(kA, {2, {write("r", "name", std::string("one"), 100, "a")}}),
                    ModelMismatch);
}

BOOST_FIXTURE_TEST_CASE(a_batch_in_flight_is_resent_unchanged_and_never_abandoned, Model)
{
  edit(kA, {write("r", "name", std::string("one"), 100, "a")});
  const sync::PushRequest first{1, model.pending(kA)};
  model.sending(kA, first);
  edit(kA, {write("r", "name", std::string("two"), 110, "a")}); // the reply is lost meanwhile
  model.sending(kA, first);                                     // resent as it was
  BOOST_CHECK_THROW(model.sending(kA, {1, model.pending(kA)}), ModelMismatch);
  BOOST_CHECK_THROW(model.sending(kA, {2, model.pending(kA)}), ModelMismatch);
  model.accepted(kA, first);
  model.sending(kA, {2, model.pending(kA)});
  // Refused (for another reason than the clock): nothing applied, another batch may follow.
  model.refused(kA, false);
  BOOST_TEST(!model.expectsRestamp(kA));
  model.sending(kA, {3, model.pending(kA)});
}

BOOST_FIXTURE_TEST_CASE(after_a_clock_refusal_pending_edits_may_get_lower_stamps_in_order, Model)
{
  edit(kA, {write("r", "name", std::string("one"), 900, "a"),
            write("r", "subject", std::string("Maths"), 900, "a")});
  edit(kA, {write("s", "name", std::string("two"), 910, "a")});
  edit(kB, {write("r", "name", std::string("b's"), 500, "b")});
  // Without a refusal, a changed stamp is a wrong push.
  BOOST_CHECK_THROW(model.sending(kA, {1, {write("r", "name", std::string("one"), 400, "a")}}),
                    ModelMismatch);
  model.refused(kA, true);
  BOOST_TEST(model.expectsRestamp(kA));
  const ReferenceModel::Key name{"r", "name"};
  const ReferenceModel::Key subject{"r", "subject"};
  const ReferenceModel::Key other{"s", "name"};
  // Fields saved together keep one stamp; later edits stay later.
  BOOST_CHECK_THROW(
      model.restamped(kA, {{name, {400, "a"}}, {subject, {401, "a"}}, {other, {402, "a"}}}),
      ModelMismatch);
  model.refused(kA, true);
  BOOST_CHECK_THROW(
      model.restamped(kA, {{name, {405, "a"}}, {subject, {405, "a"}}, {other, {402, "a"}}}),
      ModelMismatch);
  model.refused(kA, true);
  model.restamped(kA, {{name, {400, "a"}}, {subject, {400, "a"}}, {other, {401, "a"}}});
  BOOST_TEST(!model.expectsRestamp(kA));
  BOOST_TEST(value("r", "name") == "b's"); // re-stamped below b's edit: it loses
  model.sending(kA, {1, model.pending(kA)});
}

BOOST_FIXTURE_TEST_CASE(pulled_writes_and_conflicts_are_writes_some_device_made, Model)
{
  edit(kA, {write("r", "name", std::string("a's"), 100, "a")});
  edit(kB, {write("r", "name", std::string("b's"), 200, "b")});
  sync::PullPage page;
  page.changes = {write("r", "name", std::string("made up"), 200, "b")};
  BOOST_CHECK_THROW(model.received(kA, page), ModelMismatch);
  page.changes = {write("r", "deleted", std::int64_t{0}, 200, "b")}; // "alive" at an edit's stamp
  BOOST_CHECK_NO_THROW(model.received(kA, page));

  sync::Conflict right;
  right.table = "class";
  right.rowId = "r";
  right.field = "name";
  right.lostValue = std::string("a's");
  right.lostStamp = {100, "a"};
  right.wonValue = std::string("b's");
  right.wonStamp = {200, "b"};
  BOOST_TEST(model.conflictProblems("x", {right}) == "");
  auto reversed = right;
  std::swap(reversed.lostValue, reversed.wonValue);
  std::swap(reversed.lostStamp, reversed.wonStamp);
  BOOST_TEST(model.conflictProblems("x", {reversed}) != "");
  auto invented = right;
  invented.lostValue = std::string("never typed");
  BOOST_TEST(model.conflictProblems("x", {invented}) != "");
}

BOOST_FIXTURE_TEST_CASE(a_value_overwritten_by_a_write_made_without_it_is_in_the_server_list, Model)
{
  edit(kA, {write("r", "name", std::string("a's"), 100, "a")});
  edit(kB, {write("r", "name", std::string("b's"), 200, "b")});
  pushAll(kA, 1);
  pushAll(kB, 1);
  sync::Conflict lost;
  lost.table = "class";
  lost.rowId = "r";
  lost.field = "name";
  lost.lostValue = std::string("a's");
  lost.lostStamp = {100, "a"};
  lost.wonValue = std::string("b's");
  lost.wonStamp = {200, "b"};
  BOOST_TEST(model.losses({}, {{}, {}}).unlisted != "");
  BOOST_TEST(model.losses({}, {{lost}, {}}).unlisted != ""); // on a device only: not enough
  BOOST_TEST(model.losses({lost}, {{lost}, {lost}}).unlisted == "");
}

BOOST_FIXTURE_TEST_CASE(a_value_overwritten_knowingly_or_by_the_same_value_is_not_lost, Model)
{
  edit(kA, {write("r", "name", std::string("a's"), 100, "a"),
            write("r", "subject", std::string("Maths"), 100, "a")});
  pushAll(kA, 1);
  sync::PullPage page;
  page.changes = {write("r", "name", std::string("a's"), 100, "a")};
  model.received(kB, page);                                          // b has had a's name
  edit(kB, {write("r", "name", std::string("b's"), 200, "b")});      // and overwrites it
  edit(kB, {write("r", "subject", std::string("Maths"), 200, "b")}); // the same value
  pushAll(kB, 1);
  BOOST_TEST(model.losses({}, {{}, {}}).unlisted == "");
}

// sync.md: every device of the account sees the conflict list. An edit that lost on its own
// device before it was sent is reported by that device; the server's list must hold it.
BOOST_FIXTURE_TEST_CASE(a_pending_edit_that_lost_on_its_device_must_be_in_the_servers_list, Model)
{
  edit(kB, {write("r", "name", std::string("b's"), 200, "b")});
  pushAll(kB, 1);
  edit(kA, {write("r", "name", std::string("a's"), 100, "a")});
  sync::PullPage page;
  page.changes = {write("r", "name", std::string("b's"), 200, "b")};
  model.received(kA, page); // a's edit loses before it is sent
  BOOST_TEST(model.pending(kA).empty());
  sync::Conflict lost;
  lost.table = "class";
  lost.rowId = "r";
  lost.field = "name";
  lost.lostValue = std::string("a's");
  lost.lostStamp = {100, "a"};
  lost.wonValue = std::string("b's");
  lost.wonStamp = {200, "b"};
  BOOST_TEST(model.losses({}, {{}, {}}).unlisted != "");
  BOOST_TEST(model.losses({}, {{lost}, {}}).unlisted != ""); // in a's own list only
  BOOST_TEST(model.losses({lost}, {{lost}, {lost}}).unlisted == "");
}

BOOST_AUTO_TEST_SUITE_END()

} // namespace pupitre::sim
