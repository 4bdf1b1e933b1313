#pragma once
// How a device reaches the server: over HTTP in the daemon (http_transport.h), in memory in
// the deterministic simulation. Expected refusals come back as ApiRefusal with the server's
// code and sentence; an unreachable server as TransportError (the daemon's "offline").
#include "pupitre/error.h"
#include "pupitre/sync/protocol.h"

#include <cstdint>
#include <optional>
#include <string>

namespace pupitre::sync {

// The server could not be reached or the connection broke: nothing is known to have happened.
class TransportError : public Error
{
public:
  using Error::Error;
};

// The server answered with an error (docs/sync-protocol.md, "Errors").
class ApiRefusal : public Error
{
public:
  explicit ApiRefusal(ApiError error)
      : Error(error.message.empty() ? error.code : error.message), m_error(std::move(error))
  {
  }
  const ApiError& error() const { return m_error; }

private:
  ApiError m_error;
};

// The sync was cancelled (Transport::cancel()): the request under way was abandoned. Nothing
// is known to have happened on the server, as after a broken connection: a push batch stays in
// flight and is sent again by the next sync (docs/sync-protocol.md, "Idempotency").
class SyncCancelled : public Error
{
public:
  SyncCancelled() : Error("The synchronisation was cancelled.") {}
};

class Transport
{
public:
  virtual ~Transport() = default;

  // Called from another thread while a sync uses the transport: abandons the request under
  // way at once (its call throws SyncCancelled) and refuses every later call the same way.
  // Transports that cannot be interrupted only refuse the later calls.
  virtual void cancel() {}

  virtual LoginResult login(const LoginRequest& request) = 0;
  virtual AccountInfo account() = 0;
  virtual AccountInfo unlink(const std::string& deviceId) = 0;
  // Gives a linked device of the account a new name (`deviceId` empty: this device).
  virtual AccountInfo renameDevice(const std::string& deviceId, const std::string& name) = 0;
  virtual void logout() = 0;
  virtual PushResult push(const PushRequest& request) = 0;
  virtual PullPage pull(std::int64_t after, std::size_t limit) = 0;
  // The same, and the server counts the items that follow the page (PullPage::remaining), so
  // the progress of a pull has a total. The count costs the server a pass over the rest: a
  // sync asks for it on its first page only. A transport that cannot ask leaves it unknown.
  virtual PullPage pullCounting(std::int64_t after, std::size_t limit)
  {
    return pull(after, limit);
  }

  // Everything the server holds about the account (GET /api/v1/account/export: the JSON of
  // `pupitre-server user export`), as the server sent it. Transports without it refuse.
  virtual std::string accountExport()
  {
    throw TransportError("This connection to the server cannot fetch the account's export.");
  }

  // The server's clock (ms) in the last answer; nullopt before any answer.
  virtual std::optional<std::int64_t> lastServerTimeMs() const = 0;
  // How far ahead of its clock the server accepts stamps (ms), as its last answer announced;
  // nullopt when it did not say (the daemon then assumes kMaxClockAheadMs).
  virtual std::optional<std::int64_t> maxClockAheadMs() const { return std::nullopt; }
  // The limits the server announced in its last answer that announced any (X-Pupitre-Max-*);
  // nullopt before, or from a server that announces none.
  virtual std::optional<ServerLimits> lastServerLimits() const { return std::nullopt; }
  // The device token used for authenticated calls.
  virtual void setToken(const std::string& token) = 0;
};

} // namespace pupitre::sync
