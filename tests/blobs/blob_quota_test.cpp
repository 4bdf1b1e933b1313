// Uploads under way count against the account's quota from their first chunk: unfinished
// uploads can't add up past it (5 partial uploads of 9 MB used to pass a 10 MB quota).
#include "pupitre/blobs/sha256.h"
#include "server/blobs/sqlite_blob_index.h"
#include "server/blobs/blob_service.h"
#include "server/service/account_admin.h"
#include "server/service/sync_service.h"
#include "server/store/sqlite_server_store.h"
#include "support/sandbox.h"

#include <boost/test/unit_test.hpp>

using namespace pupitre;

namespace {

constexpr std::int64_t kFileBytes = 9'000'000;

struct Uploads
{
  test::Sandbox sandbox;
  test::ManualClock clock;
  server::SqliteServerStore store{sandbox.path("server.db")};
  server::SyncService service{store, {clock.wallClock()}};
  server::blobs::SqliteBlobIndex index{sandbox.path("server.db")};
  server::blobs::BlobService blobs{service, index, sandbox.path("blobs"), {}};
  std::string token;
  std::int64_t account = 0;

  Uploads()
  {
    server::AccountAdmin(store, clock.wallClock())
        .addUser("ana@school.es", "correct horse", "multi");
    service.attachBlobs(&blobs);
    token = service.login({"ana@school.es", "correct horse", "device-a", "A"}).value().token;
    account = store.findAccount("ana@school.es")->id;
    index.setQuota(account, 10'000'000);
  }
  // The first 64 KiB of file `n`, a file of 9 MB.
  server::Outcome<server::blobs::ChunkAnswer> startUpload(int n, std::int64_t offset = 0)
  {
    static const std::string chunk(64 << 10, 'p');
    return blobs.upload(token, {.hash = blobs::sha256Hex("file " + std::to_string(n)),
                                .size = kFileBytes,
                                .offset = offset,
                                .chunkSha256 = {},
                                .chunkCrc32 = {},
                                .bytes = chunk});
  }
};

} // namespace

BOOST_AUTO_TEST_SUITE(blob_quota)

BOOST_FIXTURE_TEST_CASE(unfinished_uploads_count_against_the_quota, Uploads)
{
  const auto first = startUpload(1);
  BOOST_REQUIRE(first.ok());
  BOOST_TEST(!first.value().complete);
  for (int n = 2; n <= 5; ++n) {
    const auto refused = startUpload(n);
    BOOST_REQUIRE(!refused.ok());
    BOOST_TEST(refused.error().status == 403);
    BOOST_TEST(refused.error().code == "quota_exceeded");
    BOOST_TEST(refused.error().message.find("unfinished uploads") != std::string::npos);
  }
  // The upload under way goes on (it is counted once, not once per chunk).
  BOOST_TEST(startUpload(1, 64 << 10).ok());
  BOOST_TEST(index.storage(account).used == 0);
}

BOOST_FIXTURE_TEST_CASE(an_abandoned_upload_stops_counting_after_the_grace_period, Uploads)
{
  BOOST_REQUIRE(startUpload(1).ok());
  BOOST_TEST(!startUpload(2).ok());
  clock.advance(server::blobs::kDefaultGraceMs + 1);
  blobs.collectGarbage(clock.now());
  BOOST_TEST(startUpload(2).ok());
}

BOOST_FIXTURE_TEST_CASE(a_finished_upload_counts_once, Uploads)
{
  const std::string bytes(3'000'000, 'f');
  const std::string hash = blobs::sha256Hex(bytes);
  const auto whole = [&](std::int64_t offset, std::size_t length) {
    return blobs.upload(
        token, {.hash = hash,
                .size = static_cast<std::int64_t>(bytes.size()),
                .offset = offset,
                .chunkSha256 = {},
                .chunkCrc32 = {},
                .bytes = std::string_view(bytes).substr(static_cast<std::size_t>(offset), length)});
  };
  BOOST_REQUIRE(whole(0, 1'000'000).ok());
  const auto done = whole(1'000'000, 2'000'000);
  BOOST_REQUIRE(done.ok());
  BOOST_TEST(done.value().complete);
  BOOST_TEST(index.storage(account).used == 3'000'000);
  // 3 MB held + 9 MB would pass 10 MB; the finished upload reserves nothing any more.
  BOOST_TEST(!startUpload(1).ok());
  BOOST_TEST(index.reservedBesides(account, "") == 0);
}

BOOST_AUTO_TEST_SUITE_END()
