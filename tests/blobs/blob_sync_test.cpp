// Pictures and resources from device A to device B through the real server, with real
// processes: pupitre-server, two pupitred and pupitrectl. The bytes move only when their
// option is chosen, arrive byte-identical, are stored and counted once, resume after the
// daemon is killed in the middle of an upload or a download, and respect the quota.
#include "fixtures/daemon_fixture.h"
#include "pupitre/blobs/picture.h"
#include "pupitre/blobs/sha256.h"
#include "server_process.h"
#include "support/background_process.h"
#include "support/process.h"
#include "support/sandbox.h"

#include <boost/test/unit_test.hpp>

#include <Poco/JSON/Object.h>
#include <Poco/JSON/Parser.h>

#include <filesystem>
#include <fstream>
#include <random>
#include <regex>
#include <thread>

using namespace pupitre;
namespace fs = std::filesystem;
using test::contains;

namespace {

using test::readFile;
using test::writeFile;

constexpr const char* kEmail = "ana@school.es";
constexpr const char* kPassword = "correct horse battery";

std::string randomBytes(std::size_t size, unsigned seed)
{
  std::mt19937_64 random(seed);
  std::string bytes(size, '\0');
  for (std::size_t i = 0; i + 8 <= size; i += 8) {
    const auto value = random();
    std::memcpy(&bytes[i], &value, 8);
  }
  return bytes;
}

std::int64_t fileSize(const fs::path& path)
{
  std::error_code error;
  const auto size = fs::file_size(path, error);
  return error ? 0 : static_cast<std::int64_t>(size);
}

fs::path blobPath(const test::Sandbox& device, const std::string& hash)
{
  return device.dir() / "blobs" / hash.substr(0, 2) / hash;
}

struct StageFigures
{
  std::int64_t sentFiles = -1, sentBytes = -1, receivedFiles = -1, receivedBytes = -1;
};

// "Resources: sent 1 file (N bytes), received 0 files (0 bytes)..." from `pupitrectl sync`.
StageFigures stageOf(const std::string& output, const std::string& title)
{
  const std::regex line(
      title + R"(: sent (\d+) files? \((\d+) bytes\), received (\d+) files? \((\d+) bytes\))");
  std::smatch match;
  StageFigures figures;
  if (std::regex_search(output, match, line)) {
    figures = {std::stoll(match[1]), std::stoll(match[2]), std::stoll(match[3]),
               std::stoll(match[4])};
  }
  return figures;
}

Poco::JSON::Object::Ptr json(const std::string& text)
{
  return Poco::JSON::Parser().parse(text).extract<Poco::JSON::Object::Ptr>();
}

// A server with one multi-device account and two devices signed in to it.
struct TwoDevices
{
  test::Sandbox serverDir;
  test::Sandbox sandboxA;
  test::Sandbox sandboxB;
  std::unique_ptr<test::ServerProcess> server;
  std::unique_ptr<test::Pupitred> a;
  std::unique_ptr<test::Pupitred> b;

  TwoDevices()
  {
    const auto added =
        test::serverCommand({"--data", dataDir(), "user", "add", kEmail, "--licence", "multi"},
                            std::string(kPassword) + "\n");
    BOOST_REQUIRE_MESSAGE(added.exitCode == 0, added.err);
    server = std::make_unique<test::ServerProcess>(dataDir());
    a = start(sandboxA);
    b = start(sandboxB);
    for (auto* device : {a.get(), b.get()}) {
      const auto login =
          device->ctl({"login", server->url(), kEmail}, std::string(kPassword) + "\n");
      BOOST_REQUIRE_MESSAGE(login.exitCode == 0, login.err);
    }
  }

  std::string dataDir() const { return serverDir.path("data"); }

  static std::unique_ptr<test::Pupitred> start(const test::Sandbox& sandbox,
                                               std::map<std::string, std::string> env = {})
  {
    test::PupitredOptions options;
    options.args = {"--no-keyring"};
    options.env = std::move(env);
    return std::make_unique<test::Pupitred>(sandbox, options);
  }
  // Kills the daemon (SIGKILL) and starts it again on the same files.
  static void restart(std::unique_ptr<test::Pupitred>& daemon, const test::Sandbox& sandbox,
                      std::map<std::string, std::string> env = {})
  {
    daemon->process().kill();
    daemon.reset();
    daemon = start(sandbox, std::move(env));
  }

  // pupitrectl --db DEVICE's database ...
  test::ProcessResult data(const test::Sandbox& device, std::vector<std::string> args)
  {
    args.insert(args.begin(), {"--db", device.path("pupitre.db")});
    return test::runProcess(PUPITRECTL, args);
  }
  std::string created(const test::Sandbox& device, const std::vector<std::string>& args)
  {
    const auto result = data(device, args);
    BOOST_REQUIRE_MESSAGE(result.exitCode == 0, result.err);
    return test::firstLine(result.out);
  }
  test::ProcessResult sync(test::Pupitred& device, const std::vector<std::string>& options = {})
  {
    std::vector<std::string> args{"sync"};
    args.insert(args.end(), options.begin(), options.end());
    auto result = device.ctl(args);
    BOOST_TEST(result.exitCode == 0, result.err);
    return result;
  }
  Poco::JSON::Object::Ptr status(test::Pupitred& device)
  {
    return json(device.ctl({"status", "--json"}).out);
  }
  // Starts `pupitrectl sync OPTION` without waiting for it.
  std::unique_ptr<test::BackgroundProcess> syncInBackground(test::Pupitred& device,
                                                            const std::string& option)
  {
    return std::make_unique<test::BackgroundProcess>(
        PUPITRECTL, std::vector<std::string>{"--socket", device.socket(), "sync", option});
  }
};

// Waits until the file at `path` holds at least `bytes`; false after 30 s.
bool waitForSize(const fs::path& path, std::int64_t bytes)
{
  for (int i = 0; i < 3000; ++i) {
    if (fileSize(path) >= bytes) {
      return true;
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
  return false;
}

} // namespace

BOOST_AUTO_TEST_SUITE(blob_sync)

BOOST_FIXTURE_TEST_CASE(pictures_and_resources_arrive_byte_identical_only_when_chosen, TwoDevices)
{
  const auto classId = created(sandboxA, {"class", "add", "4B"});
  const auto ana = created(sandboxA, {"student", "add", classId, "Ana", "García"});
  std::string rgb(640 * 480 * 3, '\0');
  for (std::size_t i = 0; i < rgb.size(); ++i) {
    rgb[i] = static_cast<char>((i * 7) % 251);
  }
  writeFile(sandboxA.path("ana.png"), blobs::encodeRgbAsPng(640, 480, rgb));
  const auto picture = created(sandboxA, {"student", "picture", ana, sandboxA.path("ana.png")});
  const std::string worksheet = randomBytes(700'000, 11);
  writeFile(sandboxA.path("worksheet.pdf"), worksheet);
  const auto resource =
      created(sandboxA, {"resource", "add", classId, sandboxA.path("worksheet.pdf")});
  // The same file added twice: two resources, one blob.
  const auto again =
      created(sandboxA, {"resource", "add", classId, sandboxA.path("worksheet.pdf")});
  BOOST_TEST(again != resource);

  const auto sent = sync(*a, {"--data", "--pictures", "--resources"});
  BOOST_TEST(stageOf(sent.out, "Pictures").sentFiles == 1);
  BOOST_TEST(stageOf(sent.out, "Resources").sentFiles == 1, sent.out);
  BOOST_TEST(stageOf(sent.out, "Resources").sentBytes == 700'000);
  BOOST_TEST(status(*a)->getValue<std::int64_t>("storage_used") ==
             700'000 + fileSize(blobPath(sandboxA, picture)));
  BOOST_TEST(status(*a)->getValue<std::int64_t>("storage_quota") == std::int64_t{1'000'000'000});

  // B syncs the data only: the records are there, the bytes are not, and it says so.
  sync(*b);
  const auto hash = blobs::sha256Hex(worksheet);
  BOOST_TEST(!fs::exists(blobPath(sandboxB, picture)));
  BOOST_TEST(!fs::exists(blobPath(sandboxB, hash)));
  const auto listed = data(sandboxB, {"resource", "list", "--class", classId});
  BOOST_TEST(contains(listed.out, "worksheet.pdf"));
  BOOST_TEST(contains(listed.out, "not here yet"));
  const auto early = data(sandboxB, {"resource", "get", resource, sandboxB.path("out.pdf")});
  BOOST_TEST(early.exitCode == 1);
  BOOST_TEST(contains(early.err, "not on this computer yet"), early.err);

  // Pictures only: the picture arrives, the resource still does not.
  const auto pictures = sync(*b, {"--pictures"});
  BOOST_TEST(stageOf(pictures.out, "Pictures").receivedFiles == 1, pictures.out);
  BOOST_TEST(readFile(blobPath(sandboxB, picture)) == readFile(blobPath(sandboxA, picture)));
  BOOST_TEST(fs::exists(sandboxB.dir() / "blobs" / "thumbnails" / (picture + ".jpg")));
  BOOST_TEST(!fs::exists(blobPath(sandboxB, hash)));

  const auto resources = sync(*b, {"--resources"});
  BOOST_TEST(stageOf(resources.out, "Resources").receivedBytes == 700'000, resources.out);
  const auto got = data(sandboxB, {"resource", "get", again, sandboxB.path("out.pdf")});
  BOOST_REQUIRE_MESSAGE(got.exitCode == 0, got.err);
  BOOST_TEST((readFile(sandboxB.path("out.pdf")) == worksheet));

  // Nothing moves a second time.
  const auto nothing = sync(*a, {"--pictures", "--resources"});
  BOOST_TEST(stageOf(nothing.out, "Resources").sentBytes == 0);
  BOOST_TEST(stageOf(nothing.out, "Pictures").sentBytes == 0);
}

BOOST_FIXTURE_TEST_CASE(an_interrupted_upload_and_download_resume_where_they_stood, TwoDevices)
{
  constexpr std::int64_t kSize = 24 << 20;
  const std::string big = randomBytes(kSize, 12);
  const std::string hash = blobs::sha256Hex(big);
  writeFile(sandboxA.path("film.mp4"), big);
  const auto resource = created(sandboxA, {"resource", "add", "", sandboxA.path("film.mp4")});
  sync(*a);

  // Upload: slowed to 1 MiB per 100 ms, killed once the server holds at least 6 MiB.
  restart(a, sandboxA,
          {{"PUPITRE_BLOB_CHUNK_KIB", "1024"}, {"PUPITRE_BLOB_CHUNK_DELAY_MS", "100"}});
  auto upload = syncInBackground(*a, "--resources");
  const fs::path serverPartial =
      fs::path(dataDir()) / "blobs" / "partial" / ("1-" + hash + ".part");
  BOOST_REQUIRE(waitForSize(serverPartial, 6 << 20));
  a->process().kill();
  std::this_thread::sleep_for(std::chrono::milliseconds(300)); // a chunk in flight lands or not
  const std::int64_t uploadedBefore = fileSize(serverPartial);
  BOOST_TEST(uploadedBefore < kSize);
  upload->exitCode();
  a.reset();
  a = start(sandboxA);
  const auto resumed = sync(*a, {"--resources"});
  BOOST_TEST(stageOf(resumed.out, "Resources").sentFiles == 1, resumed.out);
  BOOST_TEST(stageOf(resumed.out, "Resources").sentBytes == kSize - uploadedBefore, resumed.out);
  BOOST_TEST(!fs::exists(serverPartial));
  BOOST_TEST(readFile(fs::path(dataDir()) / "blobs" / hash.substr(0, 2) / hash) == big);

  // Download on B: slowed likewise, killed half-way.
  sync(*b);
  restart(b, sandboxB,
          {{"PUPITRE_BLOB_CHUNK_KIB", "1024"}, {"PUPITRE_BLOB_CHUNK_DELAY_MS", "100"}});
  auto download = syncInBackground(*b, "--resources");
  const fs::path devicePartial = sandboxB.dir() / "blobs" / "partial" / (hash + ".part");
  BOOST_REQUIRE(waitForSize(devicePartial, 6 << 20));
  b->process().kill();
  const std::int64_t downloadedBefore = fileSize(devicePartial);
  BOOST_TEST(downloadedBefore < kSize);
  BOOST_TEST(!fs::exists(blobPath(sandboxB, hash))); // never visible half-written
  download->exitCode();
  b.reset();
  b = start(sandboxB);
  const auto finished = sync(*b, {"--resources"});
  BOOST_TEST(stageOf(finished.out, "Resources").receivedBytes == kSize - downloadedBefore,
             finished.out);
  const auto got = data(sandboxB, {"resource", "get", resource, sandboxB.path("film.mp4")});
  BOOST_REQUIRE_MESSAGE(got.exitCode == 0, got.err);
  BOOST_TEST((readFile(sandboxB.path("film.mp4")) == big));
  BOOST_TEST(!fs::exists(devicePartial));
}

BOOST_FIXTURE_TEST_CASE(an_upload_over_the_quota_is_refused_and_the_rest_goes_on, TwoDevices)
{
  const auto quota = test::serverCommand({"--data", dataDir(), "user", "quota", kEmail, "1MB"});
  BOOST_REQUIRE_MESSAGE(quota.exitCode == 0, quota.err);
  const auto classId = created(sandboxA, {"class", "add", "4B"});
  const std::string small = randomBytes(300'000, 21);
  const std::string large = randomBytes(1'200'000, 22); // over the quota on its own
  writeFile(sandboxA.path("small.pdf"), small);
  writeFile(sandboxA.path("large.pdf"), large);
  created(sandboxA, {"resource", "add", classId, sandboxA.path("small.pdf")});
  const auto largeId = created(sandboxA, {"resource", "add", classId, sandboxA.path("large.pdf")});

  const auto refused = sync(*a, {"--data", "--resources"});
  BOOST_TEST(contains(refused.err, "storage is full"), refused.err);
  BOOST_TEST(contains(refused.out, "1 file refused by the server"), refused.out);
  BOOST_TEST(contains(refused.out, "Sent "), refused.out); // the data went up
  BOOST_TEST(status(*a)->getValue<std::int64_t>("storage_quota") == 1'000'000);
  // The refused file stays usable here.
  const auto local = data(sandboxA, {"resource", "get", largeId, sandboxA.path("copy.pdf")});
  BOOST_TEST(local.exitCode == 0, local.err);
  BOOST_TEST((readFile(sandboxA.path("copy.pdf")) == large));
  // 300 KB of 1 MB: no warning yet; status says how much is used.
  const auto shown = a->ctl({"status"});
  BOOST_TEST(contains(shown.out, "300 KB of 1.0 MB used (30%)"), shown.out);

  const auto raised = test::serverCommand({"--data", dataDir(), "user", "quota", kEmail, "1.8MB"});
  BOOST_REQUIRE_MESSAGE(raised.exitCode == 0, raised.err);
  const auto accepted = sync(*a, {"--resources"});
  BOOST_TEST(stageOf(accepted.out, "Resources").sentBytes == 1'200'000, accepted.out);
  const auto full = status(*a);
  BOOST_TEST(full->getValue<std::int64_t>("storage_used") == 1'500'000);
  BOOST_TEST(full->getValue<bool>("storage_warning")); // 83 %: past 80 %
  BOOST_TEST(contains(a->ctl({"status"}).out, "nearly full"));
}

BOOST_AUTO_TEST_SUITE_END()
