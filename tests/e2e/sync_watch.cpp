#include "sync_watch.h"

#include "cluster.h"

#include <boost/test/unit_test.hpp>

namespace pupitre::e2e {

SyncWatch::SyncWatch(const std::string& socket) : m_socket(socket)
{
  m_socket.send(R"({"jsonrpc":"2.0","id":1,"method":"hello","params":{"version":1,)"
                R"("client":"e2e_tests"}})"
                "\n"
                R"({"jsonrpc":"2.0","id":2,"method":"subscribe"})"
                "\n"
                R"({"jsonrpc":"2.0","id":3,"method":"sync","params":{"data":true}})"
                "\n");
  // The sync's id comes in the answer to request 3; notifications may come before it, but
  // only those of our sync matter, and they carry an id we learn here.
  for (;;) {
    const auto line = m_socket.readLine(std::chrono::seconds(30));
    BOOST_REQUIRE_MESSAGE(line, "pupitred did not answer the sync request");
    const auto message = test::parseJson(*line);
    BOOST_REQUIRE(message);
    if (message->has("id") && !message->get("id").isEmpty() && message->getValue<int>("id") == 3) {
      BOOST_REQUIRE_MESSAGE(message->has("result"), "sync refused: " << *line);
      m_syncId = message->getObject("result")->getValue<std::string>("id");
      return;
    }
  }
}

std::optional<SyncProgressEvent> SyncWatch::waitForProgress(const std::string& stage, int count,
                                                            std::chrono::milliseconds timeout)
{
  const auto deadline = std::chrono::steady_clock::now() + timeout;
  int seen = 0;
  while (!m_sawEnd) {
    const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(
        deadline - std::chrono::steady_clock::now());
    if (left.count() <= 0) {
      return std::nullopt;
    }
    const auto line = m_socket.readLine(left);
    if (!line) {
      return std::nullopt;
    }
    const auto message = test::parseJson(*line);
    if (!message || !message->has("method") || !message->has("params")) {
      continue;
    }
    const auto params = message->getObject("params");
    if (params->optValue<std::string>("id", "") != m_syncId) {
      continue;
    }
    const auto method = message->getValue<std::string>("method");
    if (method == "sync.finished" || method == "sync.failed") {
      m_sawEnd = true;
      m_ended = method.substr(5);
      return std::nullopt;
    }
    if (method == "sync.progress" && params->getValue<std::string>("stage") == stage &&
        ++seen == count) {
      return SyncProgressEvent{stage, params->getValue<std::int64_t>("done"),
                               params->getValue<std::int64_t>("total")};
    }
  }
  return std::nullopt;
}

std::string SyncWatch::waitForEnd(std::chrono::milliseconds timeout)
{
  waitForProgress("none", 1, timeout);
  return m_ended;
}

} // namespace pupitre::e2e
