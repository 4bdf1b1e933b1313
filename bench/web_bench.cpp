// bench_web: the web version's data endpoints on loopback, with a real pupitre-server process
// (issue 15, "Speed"): a 40 x 200 class with every mark given is synchronised to the server
// by a device (the sync engine over HTTP), then a browser's requests are timed: the first
// GET /api/v1/web/gradebook (the account's web replica is created and pulls the whole account),
// the second (the replica is up to date), and the p50/p95 of PUT /api/v1/web/mark (each edit
// written on the replica and pushed before the answer). Asserts nothing (README.md).
//
//   bench_web [--students N] [--assessments N] [--edits N] [--dir FOLDER] [--keep]
#include "pupitre/model/classes.h"
#include "pupitre/store/database.h"
#include "pupitre/sync/engine.h"
#include "pupitre/sync/http_transport.h"
#include "support/background_process.h"
#include "support/process.h"
#include "workloads/command_line.h"
#include "workloads/school_year.h"
#include "workloads/scratch.h"

#include <Poco/JSON/Array.h>
#include <Poco/JSON/Object.h>
#include <Poco/JSON/Parser.h>
#include <Poco/Net/HTTPClientSession.h>
#include <Poco/Net/HTTPRequest.h>
#include <Poco/Net/HTTPResponse.h>
#include <Poco/StreamCopier.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <iostream>
#include <random>

using namespace pupitre;
using Clock = std::chrono::steady_clock;

namespace {

constexpr const char* kEmail = "bench@school.es";
constexpr const char* kPassword = "correct horse battery";

double millis(Clock::duration d)
{
  return std::chrono::duration<double, std::milli>(d).count();
}

// A browser: one kept-alive connection, the session cookie and the CSRF token.
class Browser
{
public:
  explicit Browser(std::uint16_t port) : m_session("127.0.0.1", port)
  {
    m_session.setKeepAlive(true);
    m_session.setTimeout(Poco::Timespan(60, 0));
  }
  std::pair<int, std::string> send(const std::string& method, const std::string& path,
                                   const std::string& body = {})
  {
    Poco::Net::HTTPRequest request(method, path, Poco::Net::HTTPMessage::HTTP_1_1);
    request.setKeepAlive(true);
    if (!m_cookie.empty()) {
      request.set("Cookie", m_cookie);
    }
    if (method != "GET") {
      request.set("X-CSRF-Token", m_csrf);
      request.setContentType("application/json");
      request.setContentLength64(static_cast<std::int64_t>(body.size()));
    }
    m_session.sendRequest(request) << body;
    Poco::Net::HTTPResponse response;
    std::string answer;
    Poco::StreamCopier::copyToString(m_session.receiveResponse(response), answer);
    if (response.has("Set-Cookie")) {
      const std::string cookie = response.get("Set-Cookie");
      m_cookie = cookie.substr(0, cookie.find(';'));
    }
    return {static_cast<int>(response.getStatus()), answer};
  }
  Poco::JSON::Object::Ptr json(const std::string& method, const std::string& path,
                               const std::string& body = {})
  {
    const auto [status, text] = send(method, path, body);
    if (status != 200) {
      throw std::runtime_error(method + " " + path + ": " + std::to_string(status) + " " + text);
    }
    return Poco::JSON::Parser().parse(text).extract<Poco::JSON::Object::Ptr>();
  }
  void login()
  {
    const auto answer =
        json("POST", "/api/v1/web/login",
             std::string("{\"email\":\"") + kEmail + "\",\"password\":\"" + kPassword + "\"}");
    m_csrf = answer->getValue<std::string>("csrf");
  }

private:
  Poco::Net::HTTPClientSession m_session;
  std::string m_cookie;
  std::string m_csrf;
};

double percentile(std::vector<double> values, double p)
{
  std::sort(values.begin(), values.end());
  const auto index = static_cast<std::size_t>(p * static_cast<double>(values.size() - 1) + 0.5);
  return values[std::min(index, values.size() - 1)];
}

void usage()
{
  std::cout << "bench_web [--students N] [--assessments N] [--edits N] [--dir FOLDER] [--keep]\n"
               "  a real pupitre-server on loopback: a device syncs an N x M class to it, then\n"
               "  the first and second GET /api/v1/web/gradebook and the p50/p95 of\n"
               "  PUT /api/v1/web/mark are printed. Defaults: 40 students, 200 assessments,\n"
               "  200 edits.\n";
}

} // namespace

int main(int argc, char** argv)
{
  try {
    const bench::CommandLine line(argc, argv, {"--students", "--assessments", "--edits", "--dir"},
                                  {"--keep", "--help"});
    if (line.flag("--help")) {
      usage();
      return 0;
    }
    const int students = static_cast<int>(line.integer("--students", 40, 1));
    const int assessments = static_cast<int>(line.integer("--assessments", 200, 1));
    const int edits = static_cast<int>(line.integer("--edits", 200, 1));
    bench::ScratchFolder work("pupitre-bench-web", line.text("--dir"), line.flag("--keep"));

    // --- the class on a device
    store::Database device(work.file("device.db"));
    bench::SchoolYearOptions year;
    year.classes = 1;
    year.students = students;
    year.assessments = assessments;
    year.days = 1;
    const auto counts = bench::generateSchoolYear(device, year);
    std::cout << "Workload: 1 class, " << students << " students x " << assessments
              << " assessments, " << counts.marks << " marks\n";

    // --- the server, and the device's sync to it
    const std::string data = work.file("server");
    test::runProcess(PUPITRE_SERVER_PROGRAM,
                     {"--data", data, "user", "add", kEmail, "--licence", "multi"},
                     std::string(kPassword) + "\n");
    test::BackgroundProcess server(PUPITRE_SERVER_PROGRAM,
                                   {"serve", "--data", data, "--port", "0", "--log-level", "warn"});
    const auto listening = server.waitForLine("listening on ");
    if (!listening) {
      throw std::runtime_error("pupitre-server did not start");
    }
    const std::string address = listening->substr(std::string("listening on ").size());
    const auto port = static_cast<std::uint16_t>(std::stoi(address.substr(address.rfind(':') + 1)));
    {
      sync::HttpTransport transport("http://" + address);
      const auto login = transport.login({kEmail, kPassword, device.deviceId(), "bench device"});
      transport.setToken(login.token);
      const auto started = Clock::now();
      sync::SyncEngine(device, transport).run();
      std::cout << "Device's first sync: " << millis(Clock::now() - started) << " ms\n";
    }

    // --- the browser
    Browser browser(port);
    browser.login();
    // The class's id from the device: the first web request below is the replica's first.
    const std::string classId = model::Classes(device).list().front().id;
    const std::string path = "/api/v1/web/gradebook?class=" + classId;
    auto started = Clock::now();
    const auto book = browser.json("GET", path);
    const double first = millis(Clock::now() - started);
    started = Clock::now();
    browser.json("GET", path);
    const double second = millis(Clock::now() - started);
    std::cout << "GET gradebook, first (the web replica pulls the account): " << first << " ms\n"
              << "GET gradebook, second:                                    " << second << " ms\n";

    const auto studentList = book->getArray("students");
    const auto assessmentList = book->getArray("assessments");
    std::mt19937 random(1);
    std::vector<double> times;
    for (int i = 0; i < edits; ++i) {
      const auto s = studentList->getObject(static_cast<unsigned>(random() % studentList->size()));
      const auto a =
          assessmentList->getObject(static_cast<unsigned>(random() % assessmentList->size()));
      const auto scale = a->getObject("scale");
      std::string value = std::to_string(random() % 10) + ",5";
      if (scale->getValue<std::string>("kind") == "symbols") {
        value = scale->getArray("symbols")->getObject(0)->getValue<std::string>("symbol");
      }
      const std::string body = "{\"student_id\":\"" + s->getValue<std::string>("id") +
                               "\",\"assessment_id\":\"" + a->getValue<std::string>("id") +
                               "\",\"value\":\"" + value + "\"}";
      started = Clock::now();
      const auto [status, text] = browser.send("PUT", "/api/v1/web/mark", body);
      times.push_back(millis(Clock::now() - started));
      if (status != 200) {
        throw std::runtime_error("PUT /api/v1/web/mark: " + std::to_string(status) + " " + text);
      }
    }
    std::printf("PUT mark (%d edits): p50 %.1f ms, p95 %.1f ms, max %.1f ms\n", edits,
                percentile(times, 0.5), percentile(times, 0.95),
                *std::max_element(times.begin(), times.end()));
    server.terminate();
    return 0;
  } catch (const bench::UsageError& e) {
    std::cerr << "bench_web: " << e.what() << "\n";
    usage();
    return 2;
  } catch (const std::exception& e) {
    std::cerr << "bench_web: " << e.what() << "\n";
    return 1;
  }
}
