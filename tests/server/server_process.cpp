#include "server_process.h"

#include "support/postgres_instance.h"

#include "pupitre/sync/wire.h"

#include <boost/test/unit_test.hpp>

#include <Poco/DeflatingStream.h>
#include <Poco/InflatingStream.h>
#include <Poco/Net/HTTPClientSession.h>
#include <Poco/Net/HTTPRequest.h>
#include <Poco/Net/HTTPResponse.h>
#include <Poco/StreamCopier.h>

#include <Poco/Net/StreamSocket.h>

#include <fstream>
#include <sstream>

#ifdef _WIN32
#include <windows.h>

#include <psapi.h>
#endif

namespace pupitre::test {

ProcessResult serverCommand(const std::vector<std::string>& args, const std::string& input)
{
  return runProcess(PUPITRE_SERVER, withTestDatabase(args), input);
}

ServerProcess::ServerProcess(const std::string& dataDir, const std::vector<std::string>& extra)
{
  std::vector<std::string> args = {"serve", "--data",      dataDir, "--port",
                                   "0",     "--log-level", "warn"};
  args.insert(args.end(), extra.begin(), extra.end());
  m_process = std::make_unique<BackgroundProcess>(PUPITRE_SERVER, withTestDatabase(args));
  const auto line = m_process->waitForLine("listening on ");
  BOOST_REQUIRE_MESSAGE(line, "pupitre-server did not start: " << m_process->output());
  m_port = static_cast<std::uint16_t>(std::stoi(line->substr(line->rfind(':') + 1)));
  BOOST_REQUIRE(m_port != 0);
}

std::string ServerProcess::url() const
{
  return "http://127.0.0.1:" + std::to_string(m_port);
}

std::string gzipText(const std::string& text)
{
  std::ostringstream out;
  Poco::DeflatingOutputStream deflater(out, Poco::DeflatingStreamBuf::STREAM_GZIP);
  deflater << text;
  deflater.close();
  return out.str();
}

std::string gunzipText(const std::string& compressed)
{
  std::istringstream in(compressed);
  Poco::InflatingInputStream inflater(in, Poco::InflatingStreamBuf::STREAM_GZIP);
  std::string text;
  Poco::StreamCopier::copyToString(inflater, text);
  return text;
}

HttpReply httpCall(std::uint16_t port, const HttpCall& call)
{
  Poco::Net::HTTPClientSession session("127.0.0.1", port);
  session.setTimeout(Poco::Timespan(30, 0));
  Poco::Net::HTTPRequest request(call.method, call.path, Poco::Net::HTTPMessage::HTTP_1_1);
  for (const auto& [name, value] : call.headers) {
    request.set(name, value);
  }
  if (call.acceptGzip) {
    request.set("Accept-Encoding", "gzip");
  }
  const std::string payload = call.gzipBody ? gzipText(call.body) : call.body;
  if (call.gzipBody) {
    request.set("Content-Encoding", "gzip");
  }
  if (call.method == "POST" || !payload.empty() || call.declaredLength) {
    if (!request.has("Content-Type")) {
      request.setContentType("application/json");
    }
    request.setContentLength64(
        call.declaredLength.value_or(static_cast<std::int64_t>(payload.size())));
  }
  HttpReply reply;
  std::ostream& out = session.sendRequest(request);
  out << payload;
  Poco::Net::HTTPResponse response;
  std::istream& in = session.receiveResponse(response);
  std::string raw;
  Poco::StreamCopier::copyToString(in, raw);
  reply.status = static_cast<int>(response.getStatus());
  for (const auto& [name, value] : response) {
    reply.headers[name] = value;
  }
  reply.compressed = response.get("Content-Encoding", "") == "gzip";
  reply.body = reply.compressed ? gunzipText(raw) : raw;
  return reply;
}

RawReply rawExchange(std::uint16_t port, const std::string& bytes,
                     std::chrono::milliseconds timeout)
{
  const auto started = std::chrono::steady_clock::now();
  const auto deadline = started + timeout;
  Poco::Net::StreamSocket socket(Poco::Net::SocketAddress("127.0.0.1", port));
  RawReply reply;
  try {
    socket.sendBytes(bytes.data(), static_cast<int>(bytes.size()));
  } catch (const Poco::Exception&) {
    // The server may answer and close before reading everything: read what it said.
  }
  char buffer[4096];
  while (std::chrono::steady_clock::now() < deadline) {
    socket.setReceiveTimeout(Poco::Timespan(0, 200 * 1000));
    try {
      const int n = socket.receiveBytes(buffer, sizeof buffer);
      if (n <= 0) {
        reply.closed = true;
        break;
      }
      reply.bytes.append(buffer, static_cast<std::size_t>(n));
    } catch (const Poco::TimeoutException&) {
    } catch (const Poco::Exception&) {
      reply.closed = true; // reset
      break;
    }
  }
  reply.elapsed = std::chrono::duration_cast<std::chrono::milliseconds>(
      std::chrono::steady_clock::now() - started);
  return reply;
}

HttpReply parseRawReply(const std::string& bytes)
{
  HttpReply reply;
  std::istringstream in(bytes);
  Poco::Net::HTTPResponse response;
  try {
    response.read(in);
  } catch (const Poco::Exception&) {
    return reply;
  }
  reply.status = static_cast<int>(response.getStatus());
  for (const auto& [name, value] : response) {
    reply.headers[name] = value;
  }
  std::string rest;
  Poco::StreamCopier::copyToString(in, rest);
  reply.body = rest;
  return reply;
}

std::int64_t peakMemoryBytes(int pid)
{
#ifdef _WIN32
  const HANDLE process =
      OpenProcess(PROCESS_QUERY_LIMITED_INFORMATION, FALSE, static_cast<DWORD>(pid));
  if (process == nullptr) {
    return -1;
  }
  PROCESS_MEMORY_COUNTERS counters{};
  const bool read = GetProcessMemoryInfo(process, &counters, sizeof counters);
  CloseHandle(process);
  return read ? static_cast<std::int64_t>(counters.PeakWorkingSetSize) : -1;
#else
  std::ifstream status("/proc/" + std::to_string(pid) + "/status");
  for (std::string line; std::getline(status, line);) {
    if (line.rfind("VmHWM:", 0) == 0) {
      return std::stoll(line.substr(6)) * 1024;
    }
  }
  return -1;
#endif
}

std::int64_t peakMemoryMib(int pid)
{
  const std::int64_t bytes = peakMemoryBytes(pid);
  return bytes < 0 ? -1 : bytes / (1024 * 1024);
}

void expectError(const HttpReply& reply, int status, const std::string& code)
{
  BOOST_TEST(reply.status == status);
  const auto error = sync::decodeError(reply.status, reply.body);
  BOOST_TEST(error.code == code);
  BOOST_TEST(!error.message.empty());
  BOOST_TEST(reply.headers.count("X-Pupitre-Time") == 1u);
}

} // namespace pupitre::test
