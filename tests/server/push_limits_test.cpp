// What a push may hold, through SyncService: a value's size per field type, the number of
// changes, stamps that name the pushing device only; and a big push applied in bounded
// transactions, so another account's small push gets through while it runs.
#include "pupitre/sync/wire.h"
#include "server/sync/push_checks.h"
#include "service_fixture.h"

#include <boost/test/unit_test.hpp>

#include <atomic>
#include <chrono>
#include <thread>

using namespace pupitre;
using namespace pupitre::test;

namespace {

const std::string kEmail = "ana@school.es";

struct Pushing : ServiceFixture
{
  Pushing()
  {
    addAccount(kEmail);
    token = login(kEmail, "dev-1");
  }
  sync::ApiError refusal(const std::vector<sync::FieldWrite>& writes)
  {
    const auto result = service.push(token, {++batch, writes});
    BOOST_REQUIRE(!result.ok());
    return result.error();
  }
  sync::FieldWrite write(const std::string& table, const std::string& row, const std::string& field,
                         store::Value value, const std::string& device = "dev-1")
  {
    return fieldWrite(table, row, field, std::move(value), stampAt(clock.now() - 1000, device));
  }
  std::string token;
  std::int64_t batch = 0;
};

store::Value text(std::size_t bytes)
{
  return store::Value{std::string(bytes, 'n')};
}

} // namespace

BOOST_AUTO_TEST_SUITE(push_limits)

BOOST_FIXTURE_TEST_CASE(a_value_larger_than_its_field_type_allows_is_refused_by_name, Pushing)
{
  // Text fields: up to 1 MiB (a 60 MiB note used to be kept).
  const auto notes =
      refusal({write("student", "s1", "given_name", text(10)),
               write("student", "s1", "notes", text(server::kMaxTextValueBytes + 1))});
  BOOST_TEST(notes.status == 413);
  BOOST_TEST(notes.code == "field_too_large");
  BOOST_TEST(notes.message.find("student.notes") != std::string::npos);
  BOOST_TEST(notes.message.find("1 MiB") != std::string::npos);
  // The record is named for the device too, which holds it back and sends the rest.
  const auto named = sync::decodeError(notes.status, sync::encodeError(notes));
  BOOST_TEST(named.table == "student");
  BOOST_TEST(named.rowId == "s1");
  BOOST_TEST(named.field == "notes");
  BOOST_TEST(named.size == static_cast<std::int64_t>(server::kMaxTextValueBytes + 1));
  BOOST_TEST(named.limit == static_cast<std::int64_t>(server::kMaxTextValueBytes));
  // A mark's value (a number or a symbol): up to 4 KiB; a number field: 64 bytes of text.
  BOOST_TEST(refusal({write("mark", "m1", "value", text(server::kMaxAnyValueBytes + 1))}).code ==
             "field_too_large");
  BOOST_TEST(refusal({write("class", "c1", "position", text(65))}).code == "field_too_large");
  BOOST_TEST(pullAll(token).changes.empty()); // nothing of those pushes was kept

  ServiceFixture::push(token, ++batch,
                       {write("student", "s1", "notes", text(server::kMaxTextValueBytes)),
                        write("mark", "m1", "value", text(server::kMaxAnyValueBytes)),
                        write("class", "c1", "position", store::Value{1.5e300})});
  BOOST_TEST(pullAll(token).changes.size() == 3u);
}

BOOST_FIXTURE_TEST_CASE(a_push_of_too_many_changes_is_refused_whole, Pushing)
{
  std::vector<sync::FieldWrite> writes;
  for (std::size_t i = 0; i <= server::kMaxPushChanges; ++i) {
    writes.push_back(write("class", "c" + std::to_string(i), "name", text(2)));
  }
  const auto refused = refusal(writes);
  BOOST_TEST(refused.status == 413);
  BOOST_TEST(refused.code == "too_large");
  BOOST_TEST(refused.message.find("10000") != std::string::npos);
  BOOST_TEST(pullAll(token).changes.empty());
}

BOOST_FIXTURE_TEST_CASE(a_device_may_push_only_stamps_of_its_own, Pushing)
{
  login(kEmail, "dev-2"); // a device of the same account
  const auto refused = refusal(
      {write("class", "c1", "name", text(2)), write("class", "c2", "name", text(2), "dev-2")});
  BOOST_TEST(refused.status == 400);
  BOOST_TEST(refused.message.find("dev-2") != std::string::npos);
  BOOST_TEST(pullAll(token).changes.empty());
  // Its own changes, based on another device's version, are fine.
  auto own = write("class", "c1", "name", text(2));
  own.base = stampAt(clock.now() - 5000, "dev-2");
  ServiceFixture::push(token, ++batch, {own});
  BOOST_TEST(pullAll(token).changes.size() == 1u);
}

BOOST_FIXTURE_TEST_CASE(a_big_push_lets_another_accounts_small_push_through_meanwhile, Pushing)
{
  addAccount("bruno@school.es");
  const std::string bruno = login("bruno@school.es", "dev-b");
  const std::int64_t anaId = store.findAccount(kEmail)->id;
  std::vector<sync::FieldWrite> big;
  for (std::size_t i = 0; i < server::kMaxPushChanges / 2; ++i) {
    big.push_back(write("class", "c" + std::to_string(i), "name", text(40)));
    big.push_back(write("class", "c" + std::to_string(i), "subject", text(40)));
  }
  std::atomic<bool> bigDone{false};
  std::thread ana([&] {
    const auto result = service.push(token, {1, big});
    BOOST_CHECK(result.ok());
    bigDone = true;
  });
  // Wait until a part of the big push is visible while the push is still under way.
  bool sawPart = false;
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(30);
  while (!bigDone && std::chrono::steady_clock::now() < deadline) {
    if (!store.readAfter(anaId, 0, 1, {}).versions.empty()) {
      sawPart = !bigDone;
      break;
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(1));
  }
  bool smallFirst = false;
  if (sawPart) {
    const auto small = service.push(
        bruno,
        {1, {fieldWrite("class", "b1", "name", text(2), stampAt(clock.now() - 1000, "dev-b"))}});
    BOOST_CHECK(small.ok());
    smallFirst = !bigDone; // it did not wait for the whole big push
  }
  ana.join();
  BOOST_TEST(sawPart);
  BOOST_TEST(smallFirst);
  const auto pulled = pullAll(token);
  BOOST_TEST(pulled.changes.size() == big.size());
}

BOOST_AUTO_TEST_SUITE_END()
