#include "cluster.h"

#ifdef _WIN32
#include <windows.h>
#endif

#include <Poco/JSON/Parser.h>
#include <Poco/Net/HTTPClientSession.h>
#include <Poco/Net/HTTPRequest.h>
#include <Poco/Net/HTTPResponse.h>
#include <Poco/StreamCopier.h>
#include <SQLiteCpp/Database.h>
#include <SQLiteCpp/Statement.h>
#include <boost/test/unit_test.hpp>

#include <chrono>
#include <csignal>
#include <fstream>
#include <regex>
#include <sstream>
#include <thread>

namespace pupitre::e2e {

// --- ServerNode ---------------------------------------------------------------------------

ServerNode::ServerNode(std::filesystem::path dataDir) : m_dataDir(std::move(dataDir)) {}

ServerNode::~ServerNode()
{
  stop();
}

void ServerNode::start()
{
  BOOST_REQUIRE_MESSAGE(!running(), "pupitre-server already runs");
  // A port just released by a killed server is normally free at once (SO_REUSEADDR); try a
  // few times in case the system still holds it.
  for (int attempt = 0; attempt < 20; ++attempt) {
    std::vector<std::string> args{
        "serve",       "--data", m_dataDir.string(), "--port", std::to_string(m_port),
        "--log-level", "error"};
    args.insert(args.end(), m_serveOptions.begin(), m_serveOptions.end());
    if (!m_database.empty()) {
      args.insert(args.end(), {"--database", m_database});
    }
    m_process = std::make_unique<test::BackgroundProcess>(
        PUPITRE_SERVER, args, std::map<std::string, std::string>{}, m_logFile.string());
    if (const auto line = m_process->waitForLine("listening on ")) {
      m_port = static_cast<std::uint16_t>(std::stoi(line->substr(line->rfind(':') + 1)));
      return;
    }
    m_process->kill();
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
  }
  BOOST_FAIL("pupitre-server did not start on port " << m_port << ": " << m_process->output());
}

void ServerNode::stop()
{
  if (m_process) {
    m_process->terminate();
    m_process.reset();
  }
}

void ServerNode::kill()
{
  if (m_process) {
    m_process->kill();
    m_process.reset();
  }
}

#ifdef _WIN32
namespace {
// Every thread of the process suspended or resumed, as SIGSTOP and SIGCONT do (ntdll's
// NtSuspendProcess / NtResumeProcess, which Wine has too).
void suspendOrResume(int pid, const char* function)
{
  using Call = LONG(NTAPI*)(HANDLE);
  // Through void*: GCC warns of a cast between function types.
  const auto call = reinterpret_cast<Call>(
      reinterpret_cast<void*>(GetProcAddress(GetModuleHandleW(L"ntdll.dll"), function)));
  HANDLE process = OpenProcess(PROCESS_SUSPEND_RESUME, FALSE, static_cast<DWORD>(pid));
  BOOST_REQUIRE_MESSAGE(call && process, function << " on pupitre-server is not available");
  call(process);
  CloseHandle(process);
}
} // namespace
#endif

void ServerNode::pause()
{
  BOOST_REQUIRE_MESSAGE(running(), "pupitre-server does not run");
#ifdef _WIN32
  suspendOrResume(m_process->pid(), "NtSuspendProcess");
#else
  ::kill(m_process->pid(), SIGSTOP);
#endif
}

void ServerNode::resume()
{
  if (m_process) {
#ifdef _WIN32
    suspendOrResume(m_process->pid(), "NtResumeProcess");
#else
    ::kill(m_process->pid(), SIGCONT);
#endif
  }
}

bool ServerNode::running() const
{
  return m_process && m_process->running();
}

std::string ServerNode::log() const
{
  if (m_logFile.empty()) {
    return {};
  }
  std::ifstream in(m_logFile);
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

std::string ServerNode::url() const
{
  return "http://127.0.0.1:" + std::to_string(m_port);
}

ProcessResult ServerNode::admin(const std::vector<std::string>& args,
                                const std::string& input) const
{
  std::vector<std::string> full{"--data", m_dataDir.string()};
  if (!m_database.empty()) {
    full.insert(full.end(), {"--database", m_database});
  }
  full.insert(full.end(), args.begin(), args.end());
  return test::runProcess(PUPITRE_SERVER, full, input);
}

std::string ServerNode::exportAccount(const std::string& email) const
{
  const auto result = admin({"user", "data", email});
  BOOST_REQUIRE_MESSAGE(result.exitCode == 0, "user data failed: " << result.err);
  return result.out;
}

// --- Device -------------------------------------------------------------------------------

Device::Device(std::string name, const std::filesystem::path& folder)
    : m_name(std::move(name)), m_database((folder / "pupitre.db").string()),
      m_socket((folder / "run" / "pupitred.sock").string()),
      m_tokenFolder((folder / "tokens").string()), m_logFile((folder / "pupitred.log").string())
{
  std::filesystem::create_directories(folder);
}

Device::~Device()
{
  stop();
}

std::string Device::log() const
{
  std::ifstream in(m_logFile);
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

void Device::start(const std::map<std::string, std::string>& env)
{
  BOOST_REQUIRE_MESSAGE(!running(), "pupitred " << m_name << " already runs");
  m_process = std::make_unique<test::BackgroundProcess>(
      PUPITRED,
      std::vector<std::string>{"--db", m_database, "--socket", m_socket, "--token-dir",
                               m_tokenFolder, "--no-keyring", "--log", m_logFile},
      env);
  BOOST_REQUIRE_MESSAGE(m_process->waitForLine("pupitred: listening on "),
                        "pupitred " << m_name << " did not start; its log:\n"
                                    << log());
}

void Device::stop()
{
  if (m_process) {
    m_process->terminate();
    m_process.reset();
  }
}

void Device::kill()
{
  if (m_process) {
    m_process->kill();
    m_process.reset();
  }
}

bool Device::running() const
{
  return m_process && m_process->running();
}

int Device::pid() const
{
  return m_process ? m_process->pid() : -1;
}

ProcessResult Device::data(const std::vector<std::string>& args,
                           const std::map<std::string, std::string>& env) const
{
  std::vector<std::string> full{"--db", m_database};
  full.insert(full.end(), args.begin(), args.end());
  return test::runProcess(PUPITRECTL, full, {}, env);
}

std::string Device::write(const std::vector<std::string>& args,
                          const std::map<std::string, std::string>& env) const
{
  const auto result = data(args, env);
  BOOST_REQUIRE_MESSAGE(result.exitCode == 0,
                        "pupitrectl on " << m_name << " failed: " << result.err);
  return test::firstLine(result.out);
}

ProcessResult Device::ctl(const std::vector<std::string>& args, const std::string& input) const
{
  std::vector<std::string> full{"--socket", m_socket};
  full.insert(full.end(), args.begin(), args.end());
  return test::runProcess(PUPITRECTL, full, input);
}

ProcessResult Device::login(const std::string& serverUrl, const std::string& password,
                            const std::string& email) const
{
  return ctl({"login", serverUrl, email}, password + "\n");
}

ProcessResult Device::sync() const
{
  return ctl({"sync"});
}

SyncCounts Device::syncOk() const
{
  const auto result = sync();
  BOOST_REQUIRE_MESSAGE(result.exitCode == 0, "sync on " << m_name << " failed (exit "
                                                         << result.exitCode << "): " << result.err);
  return parseSyncCounts(result.out);
}

Poco::JSON::Object::Ptr Device::status() const
{
  const auto result = ctl({"status", "--json"});
  BOOST_REQUIRE_MESSAGE(result.exitCode == 0, "status on " << m_name << ": " << result.err);
  auto json = parseObject(result.out);
  BOOST_REQUIRE(json);
  return json;
}

std::string Device::deviceId() const
{
  return status()->getValue<std::string>("device_id");
}

std::int64_t Device::pending() const
{
  return std::stoll(write({"pending"}));
}

std::string Device::exportJson() const
{
  const auto result = data({"export"});
  BOOST_REQUIRE_MESSAGE(result.exitCode == 0, "export on " << m_name << ": " << result.err);
  return result.out;
}

Poco::JSON::Array::Ptr Device::conflicts() const
{
  const auto result = data({"conflicts", "--all", "--json"});
  BOOST_REQUIRE_MESSAGE(result.exitCode == 0, "conflicts on " << m_name << ": " << result.err);
  auto list = parseArray(result.out);
  BOOST_REQUIRE(list);
  return list;
}

std::string Device::token() const
{
  for (const auto& entry : std::filesystem::directory_iterator(m_tokenFolder)) {
    std::ifstream in(entry.path());
    std::string token;
    std::getline(in, token);
    return token;
  }
  BOOST_FAIL("no token file in " << m_tokenFolder);
  return {};
}

// --- Cluster ------------------------------------------------------------------------------

Cluster::Cluster(Options options) : server(sandbox.dir() / "server")
{
  server.setDatabase(options.database);
  std::vector<std::string> add{"user", "add", kEmail, "--licence", options.licence};
  if (options.licence == "multi") {
    add.insert(add.end(), {"--devices", std::to_string(options.maxDevices)});
  }
  const auto created = server.admin(add, std::string(kPassword) + "\n");
  BOOST_REQUIRE_MESSAGE(created.exitCode == 0, "user add failed: " << created.err);
  server.setServeOptions(options.serverOptions);
  server.start();
  for (int i = 0; i < options.devices; ++i) {
    const std::string name(1, static_cast<char>('A' + i));
    auto device = std::make_unique<Device>(name, sandbox.dir() / name);
#ifdef PUPITRE_SCHOOL_YEAR
    if (const auto year = options.schoolYears.find(i); year != options.schoolYears.end()) {
      std::vector<std::string> args{"--db", device->database()};
      args.insert(args.end(), year->second.begin(), year->second.end());
      const auto made = test::runProcess(PUPITRE_SCHOOL_YEAR, args);
      BOOST_REQUIRE_MESSAGE(made.exitCode == 0, "pupitre-school-year failed: " << made.err);
    }
#else
    BOOST_REQUIRE_MESSAGE(options.schoolYears.empty(),
                          "this test needs pupitre-school-year (PUPITRE_BUILD_BENCH=ON)");
#endif
    device->start();
    m_devices.push_back(std::move(device));
  }
}

Device& Cluster::addDevice()
{
  const std::string name(1, static_cast<char>('A' + m_devices.size()));
  m_devices.push_back(std::make_unique<Device>(name, sandbox.dir() / name));
  m_devices.back()->start();
  return *m_devices.back();
}

void Cluster::loginAll(const std::string& url)
{
  for (const auto& device : m_devices) {
    const auto result = device->login(url.empty() ? server.url() : url);
    BOOST_REQUIRE_MESSAGE(result.exitCode == 0,
                          "login on " << device->name() << " failed: " << result.err);
  }
}

void Cluster::syncUntilQuiet(int maxRounds)
{
  for (int round = 0; round < maxRounds; ++round) {
    bool quiet = true;
    for (const auto& device : m_devices) {
      const auto counts = device->syncOk();
      quiet = quiet && counts.sent == 0 && counts.received == 0 && counts.conflicts == 0;
    }
    if (quiet) {
      return;
    }
  }
  BOOST_FAIL("the devices did not settle after " << maxRounds << " rounds of syncs");
}

std::string Cluster::requireConverged()
{
  const std::string reference = server.exportAccount();
  for (const auto& device : m_devices) {
    BOOST_TEST_CONTEXT("device " << device->name())
    {
      BOOST_TEST(device->pending() == 0);
      // Compared as booleans: a failing export comparison would print two whole databases.
      const bool same = device->exportJson() == reference;
      BOOST_TEST(same, "the export of " << device->name() << " differs from the server's");
    }
  }
  return reference;
}

void Cluster::requireIntegrity()
{
  for (const auto& device : m_devices) {
    BOOST_TEST(integrityCheck(device->database()) == "ok", "device " << device->name());
  }
  if (server.database().empty()) {
    BOOST_TEST(integrityCheck(server.databaseFile()) == "ok", "server");
  }
}

// --- helpers ------------------------------------------------------------------------------

HttpAnswer postJson(std::uint16_t port, const std::string& path, const std::string& token,
                    const std::string& body)
{
  Poco::Net::HTTPClientSession session("127.0.0.1", port);
  session.setTimeout(Poco::Timespan(30, 0));
  Poco::Net::HTTPRequest request(Poco::Net::HTTPRequest::HTTP_POST, path,
                                 Poco::Net::HTTPMessage::HTTP_1_1);
  request.set("X-Pupitre-Protocol", "1");
  request.set("Authorization", "Bearer " + token);
  request.setContentType("application/json");
  request.setContentLength64(static_cast<std::int64_t>(body.size()));
  session.sendRequest(request) << body;
  Poco::Net::HTTPResponse response;
  HttpAnswer answer;
  Poco::StreamCopier::copyToString(session.receiveResponse(response), answer.body);
  answer.status = static_cast<int>(response.getStatus());
  return answer;
}

bool contains(const std::string& text, const std::string& part)
{
  return text.find(part) != std::string::npos;
}

Poco::JSON::Object::Ptr parseObject(const std::string& text)
{
  try {
    return Poco::JSON::Parser().parse(text).extract<Poco::JSON::Object::Ptr>();
  } catch (...) {
    return nullptr;
  }
}

Poco::JSON::Array::Ptr parseArray(const std::string& text)
{
  try {
    return Poco::JSON::Parser().parse(text).extract<Poco::JSON::Array::Ptr>();
  } catch (...) {
    return nullptr;
  }
}

SyncCounts parseSyncCounts(const std::string& out)
{
  static const std::regex line(R"(Sent (\d+) changes, received (\d+), (\d+) conflicts)");
  std::smatch match;
  BOOST_REQUIRE_MESSAGE(std::regex_search(out, match, line), "no sync summary in: " << out);
  return {std::stoll(match[1]), std::stoll(match[2]), std::stoll(match[3])};
}

std::string integrityCheck(const std::string& databaseFile)
{
  try {
    SQLite::Database db(databaseFile, SQLite::OPEN_READONLY, 10'000);
    SQLite::Statement check(db, "PRAGMA integrity_check");
    std::string result;
    while (check.executeStep()) {
      result += (result.empty() ? "" : "; ") + check.getColumn(0).getString();
    }
    return result;
  } catch (const std::exception& e) {
    return std::string("cannot check: ") + e.what();
  }
}

std::vector<Poco::JSON::Object::Ptr> conflictsOn(const Poco::JSON::Array::Ptr& list,
                                                 const std::string& rowId, const std::string& field)
{
  std::vector<Poco::JSON::Object::Ptr> found;
  for (std::size_t i = 0; i < list->size(); ++i) {
    auto entry = list->getObject(static_cast<unsigned>(i));
    if (entry->getValue<std::string>("row_id") == rowId &&
        entry->getValue<std::string>("field") == field) {
      found.push_back(entry);
    }
  }
  return found;
}

Poco::JSON::Object::Ptr exportedRow(const std::string& exportJson, const std::string& table,
                                    const std::string& id)
{
  const auto all = parseObject(exportJson);
  BOOST_REQUIRE(all);
  const auto rows = all->getArray(table);
  for (std::size_t i = 0; rows && i < rows->size(); ++i) {
    auto row = rows->getObject(static_cast<unsigned>(i));
    if (row->getValue<std::string>("id") == id) {
      return row;
    }
  }
  return nullptr;
}

void waitForLaterEditTime()
{
  std::this_thread::sleep_for(std::chrono::milliseconds(400));
}

} // namespace pupitre::e2e
