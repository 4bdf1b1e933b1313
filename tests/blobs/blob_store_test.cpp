// The content-addressed store on its own, the picture processing and the server's blob
// service in process (quota, dedup, garbage collection on a moved clock).
#include "pupitre/blobs/attachments.h"
#include "pupitre/blobs/blob_store.h"
#include "pupitre/blobs/picture.h"
#include "pupitre/blobs/sha256.h"
#include "pupitre/model/classes.h"
#include "pupitre/model/resources.h"
#include "pupitre/model/students.h"
#include "server/blobs/sqlite_blob_index.h"
#include "server/blobs/blob_service.h"
#include "server/service/account_admin.h"
#include "server/service/sync_service.h"
#include "server/store/sqlite_server_store.h"
#include "support/sandbox.h"
#include "support/tmpfs_mount.h"

#include <boost/test/unit_test.hpp>

#include <filesystem>
#include <fstream>
#include <random>

using namespace pupitre;
namespace fs = std::filesystem;

namespace {

using test::readFile;
using test::writeFile;

std::string randomBytes(std::size_t size, unsigned seed)
{
  std::mt19937 random(seed);
  std::string bytes(size, '\0');
  for (auto& c : bytes) {
    c = static_cast<char>(random());
  }
  return bytes;
}

// A colourful test image (gradients), width x height.
std::string gradient(int width, int height)
{
  std::string rgb(static_cast<std::size_t>(width) * height * 3, '\0');
  for (int y = 0; y < height; ++y) {
    for (int x = 0; x < width; ++x) {
      auto* p = &rgb[(static_cast<std::size_t>(y) * width + x) * 3];
      p[0] = static_cast<char>(x * 255 / width);
      p[1] = static_cast<char>(y * 255 / height);
      p[2] = static_cast<char>((x + y) % 256);
    }
  }
  return rgb;
}

// A JPEG with an EXIF segment holding an orientation (6: turned right) and a GPS position.
std::string jpegWithExif(int width, int height, const std::string& secret)
{
  const std::string plain = blobs::encodeRgbAsJpeg(width, height, gradient(width, height));
  std::string tiff = std::string("MM\0\x2a\0\0\0\x08", 8);
  tiff += std::string("\0\x01", 2);                              // one entry
  tiff += std::string("\x01\x12\0\x03\0\0\0\x01\0\x06\0\0", 12); // orientation = 6
  tiff += std::string("\0\0\0\0", 4);                            // no next IFD
  tiff += secret;
  const std::string payload = std::string("Exif\0\0", 6) + tiff;
  const std::size_t length = payload.size() + 2;
  std::string app1 = "\xFF\xE1";
  app1 += static_cast<char>(length >> 8);
  app1 += static_cast<char>(length & 0xFF);
  app1 += payload;
  return plain.substr(0, 2) + app1 + plain.substr(2);
}

} // namespace

BOOST_AUTO_TEST_SUITE(blob_store)

BOOST_AUTO_TEST_CASE(the_same_file_added_twice_is_stored_once_under_its_sha256)
{
  test::Sandbox sandbox;
  blobs::BlobStore store(sandbox.dir() / "blobs");
  const std::string bytes = randomBytes(300'000, 1);
  writeFile(sandbox.path("a.bin"), bytes);
  writeFile(sandbox.path("b.bin"), bytes);
  const auto first = store.addFile(sandbox.path("a.bin"));
  const auto second = store.addFile(sandbox.path("b.bin"));
  BOOST_TEST(first == second);
  BOOST_TEST(first == blobs::sha256Hex(bytes));
  BOOST_TEST(readFile(store.pathOf(first)) == bytes);
  std::size_t files = 0;
  for (const auto& entry : fs::recursive_directory_iterator(sandbox.dir() / "blobs")) {
    files += entry.is_regular_file() ? 1 : 0;
  }
  BOOST_TEST(files == 1u); // nothing left in tmp/ either
}

BOOST_AUTO_TEST_CASE(a_partial_transfer_resumes_and_a_damaged_one_never_appears)
{
  test::Sandbox sandbox;
  blobs::BlobStore store(sandbox.dir() / "blobs");
  const std::string bytes = randomBytes(100'000, 2);
  const std::string hash = blobs::sha256Hex(bytes);
  store.appendPartial(hash, 0, std::string_view(bytes).substr(0, 40'000));
  BOOST_TEST(store.partialSize(hash) == 40'000);
  BOOST_TEST(!store.has(hash));
  BOOST_CHECK_THROW(store.appendPartial(hash, 10, "x"), Error); // not where it stands
  store.appendPartial(hash, 40'000, std::string_view(bytes).substr(40'000));
  store.finishPartial(hash, hash);
  BOOST_TEST(store.has(hash));
  BOOST_TEST(readFile(store.pathOf(hash)) == bytes);

  std::string damaged = randomBytes(1000, 3);
  const std::string claimed = blobs::sha256Hex(randomBytes(1000, 4));
  store.appendPartial(claimed, 0, damaged);
  BOOST_CHECK_THROW(store.finishPartial(claimed, claimed), blobs::HashMismatch);
  BOOST_TEST(!store.has(claimed));
  BOOST_TEST(store.partialSize(claimed) == 0);
}

BOOST_AUTO_TEST_CASE(a_full_disk_is_named_as_such,
                     *boost::unit_test::precondition(test::tmpfsMountable))
{
  test::Sandbox sandbox;
  test::TmpfsMount disk(sandbox.dir() / "disk", std::size_t{1} << 20);
  blobs::BlobStore store(sandbox.dir() / "disk" / "blobs");
  const std::string bytes = randomBytes(2'000'000, 5);
  const std::string hash = blobs::sha256Hex(bytes);
  try {
    store.appendPartial(hash, 0, bytes);
    BOOST_FAIL("2 MB went into a 1 MiB disk");
  } catch (const DiskFull& e) {
    BOOST_TEST(e.place() == (sandbox.dir() / "disk" / "blobs").string());
    BOOST_TEST(std::string(e.what()).find("is full") != std::string::npos, e.what());
  }
  BOOST_CHECK_THROW((void)store.addBytes(bytes), DiskFull);
}

BOOST_AUTO_TEST_CASE(path_like_names_are_refused)
{
  test::Sandbox sandbox;
  blobs::BlobStore store(sandbox.dir() / "blobs");
  BOOST_TEST(!store.has("../../etc/passwd"));
  BOOST_CHECK_THROW(store.pathOf("../server.db"), Error);
  BOOST_TEST(!blobs::isBlobHash(std::string(64, 'A')));
  BOOST_TEST(!blobs::isBlobHash(std::string(63, 'a')));
  BOOST_TEST(blobs::isBlobHash(std::string(64, 'a')));
}

BOOST_AUTO_TEST_CASE(a_picture_loses_its_metadata_is_bounded_and_stays_upright)
{
  test::DatabaseFixture f;
  blobs::BlobStore store(blobs::blobFolderFor(f.db.path()));
  const std::string secret = "GPS 40.41678N 3.70379W Ana's home";
  const std::string source = jpegWithExif(2000, 1500, secret);
  writeFile(f.sandbox.path("ana.photo"), source); // the name says nothing
  const auto classId = model::Classes(f.db).create({.name = "4B"});
  const auto ana = model::Students(f.db).create({.classId = classId, .givenName = "Ana"});
  const auto hash = blobs::setStudentPicture(f.db, store, ana, f.sandbox.path("ana.photo"));
  BOOST_TEST(model::Students(f.db).get(ana).picture == hash);
  const std::string stored = readFile(store.pathOf(hash));
  BOOST_TEST(blobs::sha256Hex(stored) == hash);
  BOOST_TEST(stored.find("GPS 40.41678N") == std::string::npos);
  BOOST_TEST(stored.find("Exif") == std::string::npos);
  const auto [width, height] = blobs::jpegSize(stored);
  BOOST_TEST(width == 768); // turned upright (orientation 6), then fitted into 1024
  BOOST_TEST(height == 1024);
  const auto thumbnail = blobs::pictureThumbnail(store, hash);
  BOOST_REQUIRE(!thumbnail.empty());
  const auto [tw, th] = blobs::jpegSize(readFile(thumbnail));
  BOOST_TEST(std::max(tw, th) == blobs::kThumbnailSide);

  // A PNG is accepted; a text file called .jpg is not.
  writeFile(f.sandbox.path("pic.png"), blobs::encodeRgbAsPng(64, 48, gradient(64, 48)));
  BOOST_TEST(
      blobs::isBlobHash(blobs::setStudentPicture(f.db, store, ana, f.sandbox.path("pic.png"))));
  writeFile(f.sandbox.path("fake.jpg"), "not a picture at all");
  try {
    blobs::setStudentPicture(f.db, store, ana, f.sandbox.path("fake.jpg"));
    BOOST_FAIL("a text file was taken for a picture");
  } catch (const ValidationError& e) {
    BOOST_TEST(std::string(e.what()).find("not a JPEG or PNG") != std::string::npos);
  }
}

BOOST_AUTO_TEST_CASE(a_resource_without_its_bytes_is_a_record_that_says_so)
{
  test::DatabaseFixture f;
  blobs::BlobStore store(blobs::blobFolderFor(f.db.path()));
  model::Resource r;
  r.fileName = "worksheet.pdf";
  r.size = 1234;
  r.blobHash = blobs::sha256Hex("elsewhere");
  const auto id = model::Resources(f.db).create(r);
  BOOST_TEST(model::Resources(f.db).get(id).fileName == "worksheet.pdf");
  try {
    blobs::saveResource(f.db, store, id, f.sandbox.path("out.pdf"));
    BOOST_FAIL("a missing file was written");
  } catch (const NotFoundError& e) {
    BOOST_TEST(std::string(e.what()).find("sync --resources") != std::string::npos);
  }
  BOOST_TEST(!fs::exists(f.sandbox.path("out.pdf")));
}

BOOST_AUTO_TEST_SUITE_END()

BOOST_AUTO_TEST_SUITE(server_blob_service)

struct ServiceFixture
{
  test::Sandbox sandbox;
  test::ManualClock clock;
  server::SqliteServerStore store{sandbox.path("server.db")};
  server::SyncService service{store, {clock.wallClock()}};
  server::blobs::SqliteBlobIndex index{sandbox.path("server.db")};
  server::blobs::BlobService blobs{service, index, sandbox.path("blobs"), {}};
  std::string token;

  ServiceFixture()
  {
    server::AccountAdmin(store, clock.wallClock())
        .addUser("ana@school.es", "correct horse", "multi");
    service.attachBlobs(&blobs);
    sync::LoginRequest login{"ana@school.es", "correct horse", "device-a", "A"};
    token = service.login(login).value().token;
  }
  std::int64_t accountId() { return store.findAccount("ana@school.es")->id; }
  server::Outcome<server::blobs::ChunkAnswer> put(const std::string& bytes)
  {
    return blobs.upload(token, {.hash = blobs::sha256Hex(bytes),
                                .size = static_cast<std::int64_t>(bytes.size()),
                                .offset = 0,
                                .chunkSha256 = {},
                                .chunkCrc32 = blobs::crc32Hex(bytes),
                                .bytes = bytes});
  }
};

BOOST_FIXTURE_TEST_CASE(a_blob_counts_once_and_unreferenced_ones_go_after_the_grace_period,
                        ServiceFixture)
{
  const std::string bytes = randomBytes(5000, 5);
  BOOST_TEST(put(bytes).value().complete);
  BOOST_TEST(put(bytes).value().complete); // again: already held
  BOOST_TEST(index.storage(accountId()).used == 5000);
  const std::string hash = blobs::sha256Hex(bytes);
  BOOST_TEST(blobs.missing(token, {hash}).value().missing.empty());

  // No row references it: marked now, collected once the grace period has passed.
  blobs.collectGarbage(clock.now());
  BOOST_TEST(index.storage(accountId()).used == 5000);
  clock.advance(server::blobs::kDefaultGraceMs + 1);
  const auto result = blobs.collectGarbage(clock.now());
  BOOST_TEST(result.removed == 1);
  BOOST_TEST(index.storage(accountId()).used == 0);
  BOOST_TEST(!blobs.files().has(hash));
}

BOOST_FIXTURE_TEST_CASE(a_blob_a_live_row_references_is_kept_until_the_row_is_deleted,
                        ServiceFixture)
{
  const std::string bytes = randomBytes(4000, 8);
  const std::string hash = blobs::sha256Hex(bytes);
  BOOST_TEST(put(bytes).value().complete);
  const auto write = [&](const std::string& field, store::Value value) {
    sync::FieldWrite w;
    w.table = "student";
    w.rowId = "0190aaaa-0000-7000-8000-000000000001";
    w.field = field;
    w.value = std::move(value);
    w.stamp = {clock::makeHlc(static_cast<std::uint64_t>(clock.now()), 0), "device-a"};
    return w;
  };
  static std::int64_t batch = 0;
  BOOST_REQUIRE(service.push(token, {++batch, {write("picture", store::Value{hash})}}).ok());
  blobs.collectGarbage(clock.now());
  clock.advance(server::blobs::kDefaultGraceMs + 1);
  BOOST_TEST(blobs.collectGarbage(clock.now()).removed == 0);
  BOOST_TEST(blobs.files().has(hash));

  // The student is deleted: the picture goes after the grace period.
  BOOST_REQUIRE(
      service.push(token, {++batch, {write("deleted", store::Value{std::int64_t{1}})}}).ok());
  BOOST_TEST(blobs.collectGarbage(clock.now()).removed == 0);
  clock.advance(server::blobs::kDefaultGraceMs + 1);
  BOOST_TEST(blobs.collectGarbage(clock.now()).removed == 1);
  BOOST_TEST(!blobs.files().has(hash));
  BOOST_TEST(index.storage(accountId()).used == 0);
}

BOOST_FIXTURE_TEST_CASE(quota_refuses_an_upload_with_a_clear_sentence, ServiceFixture)
{
  index.setQuota(accountId(), 8000);
  BOOST_TEST(put(randomBytes(5000, 6)).ok());
  const auto refused = put(randomBytes(5000, 7));
  BOOST_REQUIRE(!refused.ok());
  BOOST_TEST(refused.error().code == "quota_exceeded");
  BOOST_TEST(refused.error().message.find("storage is full") != std::string::npos);
  index.setQuota(accountId(), 20000);
  BOOST_TEST(put(randomBytes(5000, 7)).ok());
  BOOST_TEST(index.storage(accountId()).used == 10000);
}

BOOST_AUTO_TEST_SUITE_END()
