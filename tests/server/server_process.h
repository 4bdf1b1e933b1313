#pragma once
// The real pupitre-server as a process: `serve` on 127.0.0.1, port 0, in a sandbox folder;
// its admin commands; and a small HTTP client that can send anything (gzip bodies, wrong
// headers, lying Content-Length) and reads the raw answer.
#include "support/background_process.h"
#include "support/process.h"

#include <chrono>
#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace pupitre::test {

// Runs `pupitre-server ARGS` to completion with `input` on stdin.
ProcessResult serverCommand(const std::vector<std::string>& args, const std::string& input = {});

class ServerProcess
{
public:
  // Starts `pupitre-server serve --data DIR --port 0 EXTRA...` and waits for "listening on".
  explicit ServerProcess(const std::string& dataDir, const std::vector<std::string>& extra = {});

  std::uint16_t port() const { return m_port; }
  std::string url() const;
  BackgroundProcess& process() { return *m_process; }

private:
  std::unique_ptr<BackgroundProcess> m_process;
  std::uint16_t m_port = 0;
};

struct HttpCall
{
  std::string method = "GET";
  std::string path;
  std::string body;
  std::map<std::string, std::string> headers;
  bool gzipBody = false;   // send the body gzip-compressed with Content-Encoding: gzip
  bool acceptGzip = false; // Accept-Encoding: gzip
  std::optional<std::int64_t> declaredLength; // a Content-Length other than the body's
};

struct HttpReply
{
  int status = 0;
  std::map<std::string, std::string> headers;
  std::string body;        // decompressed
  bool compressed = false; // came with Content-Encoding: gzip
};

HttpReply httpCall(std::uint16_t port, const HttpCall& call);

// Sends `bytes` as they are on a new connection to 127.0.0.1:port and returns what comes back
// until the server closes the connection or `timeout` passes (then `closed` is false).
struct RawReply
{
  std::string bytes;
  bool closed = false;
  std::chrono::milliseconds elapsed{0};
};
RawReply rawExchange(std::uint16_t port, const std::string& bytes,
                     std::chrono::milliseconds timeout = std::chrono::seconds(20));

// The status and the parsed headers and body of a raw answer ("HTTP/1.1 431 ...").
HttpReply parseRawReply(const std::string& bytes);

// The server process's peak resident memory in bytes (Linux: VmHWM of /proc/PID/status;
// Windows: the peak working set); -1 when unknown.
std::int64_t peakMemoryBytes(int pid);

// The same in MiB; -1 when unknown.
std::int64_t peakMemoryMib(int pid);

std::string gzipText(const std::string& text);
std::string gunzipText(const std::string& compressed);

// Checks (Boost.Test) that `reply` is the API's error `code` with HTTP `status`: a message for
// the teacher and the server's clock header.
void expectError(const HttpReply& reply, int status, const std::string& code);

} // namespace pupitre::test
