// A flood of sign-ins against the real pupitre-server: 200 at once with unknown e-mails used
// to take it to ~1 GB (16 Argon2 hashings of 64 MiB) and make other requests wait 21 s. Now
// hashing is capped, refusals carry Retry-After, and a device's sync still gets through.
#include "pupitre/sync/wire.h"
#include "server/service/passwords.h"
#include "server_process.h"
#include "service_fixture.h"

#include <boost/test/unit_test.hpp>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <fstream>
#include <map>
#include <mutex>
#include <thread>

using namespace pupitre;
using namespace pupitre::test;

namespace {

const std::string kEmail = "ana@school.es";

// The peak resident memory of process `pid` (VmHWM), in bytes; 0 if unknown.
std::int64_t peakMemory(int pid)
{
  return std::max<std::int64_t>(0, peakMemoryBytes(pid));
}

// The test reads the server's peak memory from /proc (Linux) or the process's memory counters
// (Windows).
boost::test_tools::assertion_result procAvailable(boost::unit_test::test_unit_id)
{
#ifdef _WIN32
  return true;
#else
  boost::test_tools::assertion_result readable(std::ifstream("/proc/self/status").good());
  readable.message() << "no /proc/PID/status to read the server's memory from";
  return readable;
#endif
}

} // namespace

BOOST_AUTO_TEST_SUITE(login_flood)

BOOST_AUTO_TEST_CASE(two_hundred_sign_ins_at_once_keep_memory_bounded_and_sync_working,
                     *boost::unit_test::precondition(procAvailable))
{
  Sandbox sandbox;
  const std::string data = sandbox.path("data");
  const auto added = serverCommand({"--data", data, "user", "add", kEmail, "--licence", "multi"},
                                   std::string(kPassword) + "\n");
  BOOST_REQUIRE_MESSAGE(added.exitCode == 0, added.err);
  ServerProcess server(data);
  const auto login =
      httpCall(server.port(), {"POST", "/api/v1/login",
                               sync::encodeLoginRequest({kEmail, kPassword, "dev-A", "Laptop"})});
  BOOST_REQUIRE_MESSAGE(login.status == 200, login.body);
  const std::string token = sync::decodeLoginResult(login.body).token;

  std::mutex mutex;
  std::map<int, int> statuses; // status -> count; 0: the connection failed
  bool retryAfterEverywhere = true;
  std::vector<std::thread> flood;
  for (int i = 0; i < 200; ++i) {
    flood.emplace_back([&, i] {
      int status = 0;
      bool retryAfter = true;
      try {
        const auto reply = httpCall(
            server.port(), {"POST", "/api/v1/login",
                            sync::encodeLoginRequest({"nobody" + std::to_string(i) + "@school.es",
                                                      "guess", "dev-" + std::to_string(i), ""})});
        status = reply.status;
        retryAfter = (status != 429 && status != 503) || reply.headers.count("Retry-After") == 1;
      } catch (const std::exception&) {
        status = 0;
      }
      std::lock_guard lock(mutex);
      ++statuses[status];
      retryAfterEverywhere = retryAfterEverywhere && retryAfter;
    });
  }
  // Meanwhile the teacher's device pulls.
  const auto started = std::chrono::steady_clock::now();
  HttpCall pull{"GET", "/api/v1/pull?after=0"};
  pull.headers["Authorization"] = "Bearer " + token;
  const auto pulled = httpCall(server.port(), pull);
  const auto waited = std::chrono::steady_clock::now() - started;
  for (auto& t : flood) {
    t.join();
  }
  BOOST_TEST(pulled.status == 200);
  BOOST_TEST(std::chrono::duration_cast<std::chrono::seconds>(waited).count() < 10);
  BOOST_TEST(statuses[200] == 0);
  // Checked and refused (wrong password), at most the address's limit; the others were told
  // at once to come back later (too many failures, or too many sign-ins being checked).
  BOOST_TEST(statuses[401] > 0);
  BOOST_TEST(statuses[401] <= 50);
  BOOST_TEST(statuses[401] + statuses[429] + statuses[503] + statuses[0] == 200);
  BOOST_TEST(retryAfterEverywhere);
  BOOST_TEST_MESSAGE("sign-in flood answers: 401 x " << statuses[401] << ", 429 x " << statuses[429]
                                                     << ", 503 x " << statuses[503]
                                                     << ", no answer x " << statuses[0]);
  // At most kConcurrentPasswordHashes hashings of 64 MiB at once, plus the server itself.
  const std::int64_t peak = peakMemory(server.process().pid());
  BOOST_TEST_MESSAGE("server peak memory: " << (peak >> 20) << " MiB");
  BOOST_TEST(peak > 0);
  BOOST_TEST(peak < (std::int64_t{server::kConcurrentPasswordHashes} * 64 + 256) << 20);
}

BOOST_AUTO_TEST_SUITE_END()
