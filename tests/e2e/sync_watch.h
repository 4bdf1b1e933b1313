#pragma once
// Watching a sync from inside: a connection to pupitred that subscribes to its notifications
// and starts a sync, so a test can act (kill a process, edit the database) at a chosen stage
// and know from the daemon's own reports how far the sync had come.
#include "fixtures/daemon_fixture.h"

#include <chrono>
#include <deque>
#include <map>
#include <optional>
#include <string>

namespace pupitre::e2e {

struct SyncProgressEvent
{
  std::string stage; // "push" or "pull"
  std::int64_t done = 0;
  std::int64_t total = 0;
};

class SyncWatch
{
public:
  // Connects to the daemon at `socket`, subscribes and asks for a sync.
  explicit SyncWatch(const std::string& socket);

  // Waits for the sync's `count`-th progress notification of `stage` (1 = the first). nullopt
  // when the sync ends (finished or failed) first, the daemon goes away, or time runs out.
  std::optional<SyncProgressEvent>
  waitForProgress(const std::string& stage, int count,
                  std::chrono::milliseconds timeout = std::chrono::seconds(60));
  // "finished", "failed", or "" when the connection ends or time runs out first.
  std::string waitForEnd(std::chrono::milliseconds timeout = std::chrono::seconds(60));
  // Reads what the daemon sent until its connection closes (it was killed) or `timeout`
  // passes; true when it closed.
  bool readUntilClosed(std::chrono::milliseconds timeout = std::chrono::seconds(30));
  // The last progress notification of `stage` read so far.
  std::optional<SyncProgressEvent> lastProgress(const std::string& stage) const;
  // "finished" or "failed" once read, else "".
  const std::string& ended() const { return m_ended; }
  const std::string& syncId() const { return m_syncId; }

private:
  // Reads and records one line; false when the connection ended or time ran out.
  bool readOne(std::chrono::steady_clock::time_point deadline);

  test::RawSocket m_socket;
  std::string m_syncId;
  std::string m_ended;
  bool m_closed = false;
  std::map<std::string, SyncProgressEvent> m_last; // by stage
  std::map<std::string, int> m_seen;               // progress notifications by stage
  std::deque<std::string> m_early;                 // notifications that came before the sync's id
};

} // namespace pupitre::e2e
