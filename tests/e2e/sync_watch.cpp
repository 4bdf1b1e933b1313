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
  // The sync's id comes in the answer to request 3. Its first notifications may come before
  // that answer: they are kept and read first, once the id tells which are this sync's.
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
    if (message->has("method")) {
      m_early.push_back(*line);
    }
  }
}

bool SyncWatch::readOne(std::chrono::steady_clock::time_point deadline)
{
  std::optional<std::string> line;
  if (!m_early.empty()) {
    line = std::move(m_early.front());
    m_early.pop_front();
  } else {
    if (m_closed) {
      return false;
    }
    const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(
        deadline - std::chrono::steady_clock::now());
    if (left.count() <= 0) {
      return false;
    }
    line = m_socket.readLine(left);
    if (!line) {
      m_closed = std::chrono::steady_clock::now() < deadline; // else only time ran out
      return false;
    }
  }
  const auto message = test::parseJson(*line);
  if (!message || !message->has("method") || !message->has("params")) {
    return true;
  }
  const auto params = message->getObject("params");
  if (params->optValue<std::string>("id", "") != m_syncId) {
    return true;
  }
  const auto method = message->getValue<std::string>("method");
  if (method == "sync.finished" || method == "sync.failed") {
    m_ended = method.substr(5);
  } else if (method == "sync.progress") {
    const auto stage = params->getValue<std::string>("stage");
    m_last[stage] = SyncProgressEvent{stage, params->getValue<std::int64_t>("done"),
                                      params->getValue<std::int64_t>("total")};
    ++m_seen[stage];
  }
  return true;
}

std::optional<SyncProgressEvent> SyncWatch::waitForProgress(const std::string& stage, int count,
                                                            std::chrono::milliseconds timeout)
{
  const auto deadline = std::chrono::steady_clock::now() + timeout;
  while (m_ended.empty() && m_seen[stage] < count) {
    if (!readOne(deadline)) {
      return std::nullopt;
    }
  }
  if (m_seen[stage] < count) {
    return std::nullopt;
  }
  return m_last[stage]; // the count-th: reading stops as soon as it comes
}

std::string SyncWatch::waitForEnd(std::chrono::milliseconds timeout)
{
  const auto deadline = std::chrono::steady_clock::now() + timeout;
  while (m_ended.empty() && readOne(deadline)) {
  }
  return m_ended;
}

bool SyncWatch::readUntilClosed(std::chrono::milliseconds timeout)
{
  const auto deadline = std::chrono::steady_clock::now() + timeout;
  while (readOne(deadline)) {
  }
  return m_closed;
}

std::optional<SyncProgressEvent> SyncWatch::lastProgress(const std::string& stage) const
{
  const auto it = m_last.find(stage);
  return it == m_last.end() ? std::nullopt : std::optional(it->second);
}

} // namespace pupitre::e2e
