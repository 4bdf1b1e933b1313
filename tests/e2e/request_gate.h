#pragma once
// A gate on the road from a device to the server: an HTTP relay on loopback that forwards
// each request whole and its answer whole, and can hold requests. A fault test holds the n-th
// push or pull of a sync, so pupitred waits there with work left, and kills a process at
// that known point instead of at a time that may fall after the sync's end.
//
// The relay keeps one connection to the server per connection from the device, as the
// device's own would be: when the server is gone, the device's connection is closed too.
#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <deque>
#include <functional>
#include <mutex>
#include <optional>
#include <string>
#include <thread>
#include <vector>

namespace pupitre::e2e {

class RequestGate
{
public:
  // Relays to the server on 127.0.0.1:`serverPort` from a port the system chooses.
  explicit RequestGate(std::uint16_t serverPort);
  ~RequestGate(); // held requests are dropped, connections closed
  RequestGate(const RequestGate&) = delete;
  RequestGate& operator=(const RequestGate&) = delete;

  // The address a device signs in with.
  std::string url() const;

  // From now on, the `nth` request (1 = the next one) whose path starts with `pathPrefix`,
  // and every later one, waits at the gate until passOne(), open() or drop().
  void holdFrom(const std::string& pathPrefix, int nth);
  // Waits until a request waits at the gate; its method and target ("POST /api/v1/push").
  // nullopt when none comes within `timeout`.
  std::optional<std::string>
  waitForHeld(std::chrono::milliseconds timeout = std::chrono::seconds(60));
  // Requests waiting at the gate now.
  int held() const;
  // Forwards the oldest waiting request to the server; the next matching one is held again.
  // Its answer goes back to the device if the device is still there.
  void passOne();
  // Stops holding and forwards every waiting request.
  void open();
  // Stops holding and closes every waiting request's connection without forwarding it.
  void drop();
  // From now on, the body of each answer to a request whose path starts with `pathPrefix`
  // goes to the device as `rewrite` makes it (a server that misbehaves), with its length
  // corrected (the gate asks the server for them uncompressed). An empty function stops it.
  void rewriteAnswers(const std::string& pathPrefix,
                      std::function<std::string(const std::string&)> rewrite);
  // Requests forwarded to the server so far whose path starts with `pathPrefix`.
  int forwarded(const std::string& pathPrefix) const;
  // Of those, the ones the server has answered (whether or not the device was still there).
  int answered(const std::string& pathPrefix) const;

private:
  enum class Fate { Wait, Forward, Drop };
  struct Ticket
  {
    std::string request; // method and target
    Fate fate = Fate::Wait;
  };

  void acceptLoop();
  void relay(int client);
  // Whether to forward the request `line` (method and target): waits while it is held.
  bool admit(const std::string& line);
  bool rewrites(const std::string& request) const;
  // The answer to `request` as the device gets it (rewriteAnswers()).
  std::string rewritten(const std::string& request, std::string answer, const std::string& head);

  std::uint16_t m_serverPort;
  std::uint16_t m_port = 0;
  int m_listener = -1;

  mutable std::mutex m_mutex;
  std::condition_variable m_changed;
  bool m_stopping = false;
  std::string m_holdPrefix;
  int m_holdFrom = 0; // 0: nothing is held
  int m_seen = 0;     // matching requests since holdFrom()
  std::deque<Ticket*> m_waiting;
  std::vector<std::string> m_forwarded; // target of each forwarded request
  std::vector<std::string> m_answered;  // target of each request the server answered
  std::vector<int> m_sockets;           // open connections, closed on destruction
  std::string m_rewritePrefix;
  std::function<std::string(const std::string&)> m_rewrite;

  std::thread m_acceptor;
  std::vector<std::thread> m_relays;
};

} // namespace pupitre::e2e
