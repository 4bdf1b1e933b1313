// bench_blob: students' pictures and resource files from device A to device B through
// pupitre-server, with real processes on loopback (pupitre-server, two pupitred, pupitrectl).
// Prints the transfer's throughput as a ratio of a plain loopback HTTP copy of the same bytes
// (the same two hops: each file POSTed to a minimal Poco server that writes it to disk, then
// GET back on a kept-alive connection), and the bytes sent again after the daemon is killed
// in the middle of an upload. Asserts nothing (README.md).
//
//   bench_blob [--pictures N] [--picture-kb K] [--resources N] [--resource-mb M] [--keep]
#include "pupitre/blobs/attachments.h"
#include "pupitre/blobs/blob_transfer.h"
#include "pupitre/blobs/picture.h"
#include "pupitre/blobs/sha256.h"
#include "pupitre/model/classes.h"
#include "pupitre/model/students.h"
#include "pupitre/store/database.h"
#include "support/background_process.h"
#include "support/process.h"

#include <Poco/Net/HTTPClientSession.h>
#include <Poco/Net/HTTPRequest.h>
#include <Poco/Net/HTTPRequestHandler.h>
#include <Poco/Net/HTTPRequestHandlerFactory.h>
#include <Poco/Net/HTTPResponse.h>
#include <Poco/Net/HTTPServer.h>
#include <Poco/Net/HTTPServerRequest.h>
#include <Poco/Net/HTTPServerResponse.h>
#include <Poco/Net/ServerSocket.h>
#include <Poco/StreamCopier.h>

#include <chrono>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <random>
#include <regex>
#include <thread>

using namespace pupitre;
namespace fs = std::filesystem;
using Clock = std::chrono::steady_clock;

namespace {

constexpr const char* kEmail = "bench@school.es";
constexpr const char* kPassword = "correct horse battery";

double seconds(Clock::duration d)
{
  return std::chrono::duration<double>(d).count();
}

void writeFile(const fs::path& path, const std::string& bytes)
{
  std::ofstream out(path, std::ios::binary);
  out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
}

std::string readFile(const fs::path& path)
{
  std::ifstream in(path, std::ios::binary);
  return std::string(std::istreambuf_iterator<char>(in), {});
}

std::string randomBytes(std::size_t size, std::mt19937_64& random)
{
  std::string bytes(size, '\0');
  for (std::size_t i = 0; i + 8 <= size; i += 8) {
    const auto value = random();
    std::memcpy(&bytes[i], &value, 8);
  }
  return bytes;
}

// A photo-like JPEG of about `kb` KB: a smooth gradient with noise (tuned by its amplitude).
std::string photo(int width, int height, int noise, std::mt19937_64& random)
{
  std::string rgb(static_cast<std::size_t>(width) * height * 3, '\0');
  for (int y = 0; y < height; ++y) {
    for (int x = 0; x < width; ++x) {
      auto* p = &rgb[(static_cast<std::size_t>(y) * width + x) * 3];
      const int n = noise > 0 ? static_cast<int>(random() % static_cast<unsigned>(noise)) : 0;
      p[0] = static_cast<char>(std::min(255, x * 200 / width + n));
      p[1] = static_cast<char>(std::min(255, y * 200 / height + n));
      p[2] = static_cast<char>(std::min(255, (x + y) % 200 + n));
    }
  }
  return blobs::encodeRgbAsJpeg(width, height, rgb, 92);
}

struct Device
{
  fs::path dir;
  std::unique_ptr<test::BackgroundProcess> daemon;

  std::string socket() const { return (dir / "pupitred.sock").string(); }
  void start(const std::map<std::string, std::string>& env = {})
  {
    daemon = std::make_unique<test::BackgroundProcess>(
        PUPITRED_PROGRAM,
        std::vector<std::string>{"--db", (dir / "pupitre.db").string(), "--socket", socket(),
                                 "--token-dir", dir.string(), "--no-keyring", "--log",
                                 (dir / "pupitred.log").string()},
        env);
    if (!daemon->waitForLine("pupitred: listening on ")) {
      throw std::runtime_error("pupitred did not start in " + dir.string());
    }
  }
  test::ProcessResult ctl(std::vector<std::string> args, const std::string& input = {}) const
  {
    args.insert(args.begin(), {"--socket", socket()});
    auto result = test::runProcess(PUPITRECTL_PROGRAM, args, input);
    if (result.exitCode != 0) {
      throw std::runtime_error("pupitrectl " + args[2] + " failed: " + result.err);
    }
    return result;
  }
};

std::int64_t figure(const std::string& output, const std::string& title, int group)
{
  const std::regex line(
      title + R"(: sent (\d+) files? \((\d+) bytes\), received (\d+) files? \((\d+) bytes\))");
  std::smatch match;
  return std::regex_search(output, match, line) ? std::stoll(match[group]) : -1;
}

// --- the plain HTTP copy ----------------------------------------------------------------

class PlainHandler : public Poco::Net::HTTPRequestHandler
{
public:
  explicit PlainHandler(fs::path dir) : m_dir(std::move(dir)) {}
  void handleRequest(Poco::Net::HTTPServerRequest& request,
                     Poco::Net::HTTPServerResponse& response) override
  {
    const fs::path file = m_dir / request.getURI().substr(1);
    if (request.getMethod() == "POST") {
      std::ofstream out(file, std::ios::binary);
      Poco::StreamCopier::copyStream(request.stream(), out, 256 * 1024);
      response.setContentLength(0);
      response.send();
      return;
    }
    const std::string bytes = readFile(file);
    response.setContentType("application/octet-stream");
    response.setContentLength64(static_cast<Poco::Int64>(bytes.size()));
    response.send().write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
  }

private:
  fs::path m_dir;
};

class PlainFactory : public Poco::Net::HTTPRequestHandlerFactory
{
public:
  explicit PlainFactory(fs::path dir) : m_dir(std::move(dir)) {}
  Poco::Net::HTTPRequestHandler* createRequestHandler(const Poco::Net::HTTPServerRequest&) override
  {
    return new PlainHandler(m_dir);
  }

private:
  fs::path m_dir;
};

// Seconds to POST every file and GET it back into another folder.
double plainCopy(const std::vector<fs::path>& files, const fs::path& work)
{
  fs::create_directories(work / "server");
  fs::create_directories(work / "back");
  Poco::Net::ServerSocket socket(Poco::Net::SocketAddress("127.0.0.1", 0));
  Poco::Net::HTTPServer server(new PlainFactory(work / "server"), socket,
                               new Poco::Net::HTTPServerParams);
  server.start();
  const auto started = Clock::now();
  Poco::Net::HTTPClientSession session("127.0.0.1", socket.address().port());
  session.setKeepAlive(true);
  for (std::size_t i = 0; i < files.size(); ++i) {
    const std::string bytes = readFile(files[i]);
    Poco::Net::HTTPRequest post("POST", "/" + std::to_string(i), "HTTP/1.1");
    post.setContentLength64(static_cast<Poco::Int64>(bytes.size()));
    session.sendRequest(post).write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
    Poco::Net::HTTPResponse response;
    session.receiveResponse(response).ignore(1 << 20);
  }
  for (std::size_t i = 0; i < files.size(); ++i) {
    Poco::Net::HTTPRequest get("GET", "/" + std::to_string(i), "HTTP/1.1");
    session.sendRequest(get);
    Poco::Net::HTTPResponse response;
    std::ofstream out(work / "back" / std::to_string(i), std::ios::binary);
    Poco::StreamCopier::copyStream(session.receiveResponse(response), out, 256 * 1024);
  }
  const double elapsed = seconds(Clock::now() - started);
  server.stopAll(true);
  return elapsed;
}

int intOption(const std::vector<std::string>& args, const std::string& name, int fallback)
{
  for (std::size_t i = 0; i + 1 < args.size(); ++i) {
    if (args[i] == name) {
      return std::stoi(args[i + 1]);
    }
  }
  return fallback;
}

} // namespace

int main(int argc, char** argv)
{
  const std::vector<std::string> args(argv + 1, argv + argc);
  if (std::find(args.begin(), args.end(), "--help") != args.end()) {
    std::cout << "bench_blob [--pictures N] [--picture-kb K] [--resources N] [--resource-mb M] "
                 "[--keep]\n";
    return 0;
  }
  const int pictures = intOption(args, "--pictures", 200);
  const int pictureKb = intOption(args, "--picture-kb", 300);
  const int resources = intOption(args, "--resources", 50);
  const int resourceMb = intOption(args, "--resource-mb", 5);
  const bool keep = std::find(args.begin(), args.end(), "--keep") != args.end();
  const fs::path work = fs::temp_directory_path() / ("bench_blob_" + std::to_string(::getpid()));
  fs::create_directories(work);
  try {
    std::mt19937_64 random(1);
    // --- the files
    Device a{work / "a", nullptr};
    Device b{work / "b", nullptr};
    for (const auto* device : {&a, &b}) { // private: pupitred's socket is in it
      fs::create_directories(device->dir);
      fs::permissions(device->dir, fs::perms::owner_all, fs::perm_options::replace);
    }
    fs::create_directories(work / "files");
    std::vector<fs::path> originals;
    std::int64_t pictureBytes = 0;
    std::int64_t resourceBytes = 0;
    {
      store::Database db((a.dir / "pupitre.db").string());
      blobs::BlobStore store(blobs::blobFolderFor(db.path()));
      const auto classId = model::Classes(db).create({.name = "Bench"});
      // Find the noise that gives pictures of about the size asked for.
      int noise = 8;
      for (; noise < 200; noise += 8) {
        std::mt19937_64 probe(7);
        const auto prepared = blobs::preparePicture(photo(1024, 768, noise, probe), "probe");
        if (static_cast<int>(prepared.picture.jpeg.size()) >= pictureKb * 1000) {
          break;
        }
      }
      for (int i = 0; i < pictures; ++i) {
        const fs::path file = work / "files" / ("photo" + std::to_string(i) + ".jpg");
        writeFile(file, photo(1024, 768, noise, random));
        const auto id = model::Students(db).create(
            {.classId = classId, .givenName = "Student", .familyName = std::to_string(i)});
        const auto hash = blobs::setStudentPicture(db, store, id, file.string());
        pictureBytes += store.size(hash).value_or(0);
        originals.push_back(store.pathOf(hash));
      }
      for (int i = 0; i < resources; ++i) {
        const fs::path file = work / "files" / ("resource" + std::to_string(i) + ".bin");
        writeFile(file, randomBytes(static_cast<std::size_t>(resourceMb) << 20, random));
        blobs::addResource(db, store, classId, file.string());
        resourceBytes += static_cast<std::int64_t>(fs::file_size(file));
        originals.push_back(file);
      }
    }
    const std::int64_t totalBytes = pictureBytes + resourceBytes;
    std::cout << "Workload: " << pictures << " pictures (" << blobs::humanBytes(pictureBytes)
              << "), " << resources << " resources (" << blobs::humanBytes(resourceBytes) << ")\n";

    // --- server and devices
    const fs::path data = work / "server";
    test::runProcess(PUPITRE_SERVER_PROGRAM,
                     {"--data", data.string(), "user", "add", kEmail, "--licence", "multi"},
                     std::string(kPassword) + "\n");
    test::BackgroundProcess server(PUPITRE_SERVER_PROGRAM, {"serve", "--data", data.string(),
                                                            "--port", "0", "--log-level", "warn"});
    const auto listening = server.waitForLine("listening on ");
    if (!listening) {
      throw std::runtime_error("pupitre-server did not start");
    }
    const std::string url = "http://" + listening->substr(std::string("listening on ").size());
    for (Device* device : {&a, &b}) {
      device->start();
      device->ctl({"login", url, kEmail}, std::string(kPassword) + "\n");
      device->ctl({"sync"});
    }
    a.ctl({"sync"});
    b.ctl({"sync"});

    const auto upStarted = Clock::now();
    const auto up = a.ctl({"sync", "--pictures", "--resources"});
    const double upSeconds = seconds(Clock::now() - upStarted);
    const auto downStarted = Clock::now();
    const auto down = b.ctl({"sync", "--pictures", "--resources"});
    const double downSeconds = seconds(Clock::now() - downStarted);
    const std::int64_t sent = figure(up.out, "Pictures", 2) + figure(up.out, "Resources", 2);
    const std::int64_t received =
        figure(down.out, "Pictures", 4) + figure(down.out, "Resources", 4);
    const double blobSeconds = upSeconds + downSeconds;
    // The baseline's median of three runs (the machine may be busy with other work).
    std::vector<double> plainRuns;
    for (int run = 0; run < 3; ++run) {
      plainRuns.push_back(plainCopy(originals, work / ("plain" + std::to_string(run))));
      fs::remove_all(work / ("plain" + std::to_string(run)));
    }
    std::sort(plainRuns.begin(), plainRuns.end());
    const double plainSeconds = plainRuns[1];
    const auto mbps = [](std::int64_t bytes, double s) { return bytes / s / 1e6; };
    std::cout << "Upload A -> server:   " << blobs::humanBytes(sent) << " in " << upSeconds
              << " s (" << mbps(sent, upSeconds) << " MB/s)\n"
              << "Download server -> B: " << blobs::humanBytes(received) << " in " << downSeconds
              << " s (" << mbps(received, downSeconds) << " MB/s)\n"
              << "Plain HTTP copy (POST + GET of the same files, median of " << plainRuns[0] << ", "
              << plainRuns[1] << ", " << plainRuns[2] << "): " << plainSeconds << " s ("
              << mbps(2 * totalBytes, plainSeconds) << " MB/s)\n"
              << "Throughput ratio (plain time / blob sync time): " << plainSeconds / blobSeconds
              << "\n";

    // --- resume: a new large file, the daemon killed half-way through its upload
    {
      store::Database db((a.dir / "pupitre.db").string());
      blobs::BlobStore store(blobs::blobFolderFor(db.path()));
      const fs::path file = work / "files" / "large.bin";
      writeFile(file, randomBytes(64 << 20, random));
      blobs::addResource(db, store, "", file.string());
    }
    a.ctl({"sync"});
    a.daemon->kill();
    a.start({{"PUPITRE_BLOB_CHUNK_DELAY_MS", "50"}});
    const std::string hash = blobs::sha256File((work / "files" / "large.bin").string());
    test::BackgroundProcess interrupted(PUPITRECTL_PROGRAM,
                                        {"--socket", a.socket(), "sync", "--resources"});
    const fs::path partial = data / "blobs" / "partial" / ("1-" + hash + ".part");
    for (int i = 0; i < 6000; ++i) {
      std::error_code error;
      if (fs::file_size(partial, error) >= (32u << 20) && !error) {
        break;
      }
      std::this_thread::sleep_for(std::chrono::milliseconds(5));
    }
    a.daemon->kill();
    interrupted.exitCode();
    std::this_thread::sleep_for(std::chrono::milliseconds(300));
    const auto held = static_cast<std::int64_t>(fs::file_size(partial));
    a.start();
    const auto resumed = a.ctl({"sync", "--resources"});
    const std::int64_t after = figure(resumed.out, "Resources", 2);
    const std::int64_t size = 64 << 20;
    std::cout << "Resume: server held " << held << " of " << size
              << " bytes when the daemon was killed; sent after restart " << after
              << " bytes; sent again " << (held + after - size) << " bytes\n";
    a.daemon->terminate();
    b.daemon->terminate();
    server.terminate();
  } catch (const std::exception& e) {
    std::cerr << "bench_blob: " << e.what() << "\n";
    return 1;
  }
  if (!keep) {
    std::error_code error;
    fs::remove_all(work, error);
  }
  return 0;
}
