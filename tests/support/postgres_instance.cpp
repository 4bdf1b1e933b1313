#include "support/postgres_instance.h"

#include "support/process.h"

#include <algorithm>
#include <arpa/inet.h>
#include <cstdlib>
#include <fstream>
#include <map>
#include <mutex>
#include <netinet/in.h>
#include <pwd.h>
#include <sstream>
#include <stdexcept>
#include <sys/socket.h>
#include <unistd.h>

namespace pupitre::test {
namespace {

constexpr const char* kDefaultBin = "/usr/lib/postgresql/15/bin";
constexpr const char* kUnprivilegedUser = "nobody";
constexpr const char* kSuperuser = "pupitre";

// A TCP port free on 127.0.0.1 right now (the kernel's choice for port 0).
int freePort()
{
  const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  socklen_t length = sizeof(address);
  if (fd < 0 || ::bind(fd, reinterpret_cast<sockaddr*>(&address), sizeof(address)) != 0 ||
      ::getsockname(fd, reinterpret_cast<sockaddr*>(&address), &length) != 0) {
    if (fd >= 0) {
      ::close(fd);
    }
    throw std::runtime_error("PostgreSQL test instance: no free port on 127.0.0.1");
  }
  const int port = ntohs(address.sin_port);
  ::close(fd);
  return port;
}

std::string fileText(const std::filesystem::path& path)
{
  std::ifstream in(path);
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

} // namespace

bool testsUsePostgres()
{
  const char* backend = std::getenv("PUPITRE_TEST_BACKEND");
  return backend != nullptr && std::string(backend) == "postgres";
}

PostgresInstance::PostgresInstance()
{
  const char* bin = std::getenv("PUPITRE_TEST_POSTGRES_BIN");
  m_bin = bin != nullptr ? bin : kDefaultBin;
  if (!std::filesystem::exists(m_bin + "/initdb")) {
    throw std::runtime_error("PostgreSQL test instance: no " + m_bin +
                             "/initdb; install postgresql-15 (scripts/install-deps.sh test) or "
                             "set PUPITRE_TEST_POSTGRES_BIN");
  }
  std::string pattern = (std::filesystem::temp_directory_path() / "pupitre-pg-XXXXXX").string();
  if (::mkdtemp(pattern.data()) == nullptr) {
    throw std::runtime_error("PostgreSQL test instance: can't create a temporary folder");
  }
  m_dir = pattern;
  m_asNobody = ::geteuid() == 0;
  if (m_asNobody) {
    const passwd* user = ::getpwnam(kUnprivilegedUser);
    if (user == nullptr || ::chown(m_dir.c_str(), user->pw_uid, user->pw_gid) != 0) {
      throw std::runtime_error(std::string("PostgreSQL test instance: can't give ") +
                               m_dir.string() + " to the user " + kUnprivilegedUser);
    }
  }
  const std::string data = (m_dir / "data").string();
  runAsOwner(m_bin + "/initdb", {"-D", data, "-U", kSuperuser, "-A", "trust", "-E", "UTF8",
                                 "--locale=C", "--no-sync", "--no-instructions"});
  // A port free a moment ago may be taken by the time the server binds it: try a few.
  std::string lastError;
  for (int attempt = 0; attempt < 5 && !m_started; ++attempt) {
    m_port = freePort();
    const std::string options = "-p " + std::to_string(m_port) + " -k " + m_dir.string() +
                                " -c listen_addresses=127.0.0.1 -c fsync=off"
                                " -c synchronous_commit=off -c full_page_writes=off"
                                " -c max_connections=300 -c shared_buffers=32MB";
    const std::string out = runAsOwner(m_bin + "/pg_ctl",
                                       {"-D", data, "-l", (m_dir / "server.log").string(), "-w",
                                        "-t", "60", "-o", options, "start"},
                                       false);
    if (out.empty()) {
      m_started = true;
    } else {
      lastError = out + "\n" + fileText(m_dir / "server.log");
    }
  }
  if (!m_started) {
    std::error_code ignored;
    std::filesystem::remove_all(m_dir, ignored);
    throw std::runtime_error("PostgreSQL test instance didn't start: " + lastError);
  }
}

PostgresInstance::~PostgresInstance()
{
  if (m_started) {
    try {
      runAsOwner(m_bin + "/pg_ctl",
                 {"-D", (m_dir / "data").string(), "-m", "immediate", "-w", "stop"}, false);
    } catch (...) {
    }
  }
  std::error_code ignored;
  std::filesystem::remove_all(m_dir, ignored);
}

PostgresInstance& PostgresInstance::shared()
{
  static PostgresInstance instance;
  return instance;
}

std::string PostgresInstance::url(const std::string& database) const
{
  return std::string("postgresql://") + kSuperuser + "@127.0.0.1:" + std::to_string(m_port) + "/" +
         database;
}

std::string PostgresInstance::createDatabase()
{
  const std::string name =
      "test_" + std::to_string(::getpid()) + "_" + std::to_string(++m_databases);
  sql("postgres", "CREATE DATABASE " + name);
  return url(name);
}

std::string PostgresInstance::sql(const std::string& database, const std::string& statements) const
{
  const std::string psql =
      std::filesystem::exists(m_bin + "/psql") ? m_bin + "/psql" : std::string("/usr/bin/psql");
  const auto result = runProcess(psql, {"-X", "-q", "-A", "-t", "-v", "ON_ERROR_STOP=1", "-h",
                                        m_dir.string(), "-p", std::to_string(m_port), "-U",
                                        kSuperuser, "-d", database, "-c", statements});
  if (result.exitCode != 0) {
    throw std::runtime_error("psql on " + database + " failed: " + result.err);
  }
  return result.out;
}

std::string PostgresInstance::dump(const std::string& url) const
{
  const std::string database = url.substr(url.rfind('/') + 1);
  const auto result =
      runProcess(m_bin + "/pg_dump", {"--data-only", "-h", m_dir.string(), "-p",
                                      std::to_string(m_port), "-U", kSuperuser, database});
  if (result.exitCode != 0) {
    throw std::runtime_error("pg_dump of " + database + " failed: " + result.err);
  }
  return result.out;
}

// Runs a PostgreSQL program as the cluster's owner; its error output when it fails (thrown
// when `mustSucceed`), empty when it succeeds.
std::string PostgresInstance::runAsOwner(const std::string& program,
                                         const std::vector<std::string>& args,
                                         bool mustSucceed) const
{
  ProcessResult result;
  if (m_asNobody) {
    std::vector<std::string> all = {"-u", kUnprivilegedUser, "--", program};
    all.insert(all.end(), args.begin(), args.end());
    result = runProcess("/usr/sbin/runuser", all);
  } else {
    result = runProcess(program, args);
  }
  if (result.exitCode == 0) {
    return {};
  }
  const std::string error =
      program + " failed (" + std::to_string(result.exitCode) + "): " + result.out + result.err;
  if (mustSucceed) {
    throw std::runtime_error(error);
  }
  return error;
}

} // namespace pupitre::test

namespace pupitre::test {

std::string testDatabaseFor(const std::string& dataDir)
{
  if (!testsUsePostgres()) {
    return {};
  }
  static std::mutex mutex;
  static std::map<std::string, std::string> databases;
  const std::string key = std::filesystem::absolute(dataDir).lexically_normal().string();
  std::lock_guard lock(mutex);
  auto& url = databases[key];
  if (url.empty()) {
    url = PostgresInstance::shared().createDatabase();
  }
  return url;
}

std::vector<std::string> withTestDatabase(std::vector<std::string> args)
{
  if (!testsUsePostgres() || std::find(args.begin(), args.end(), "--database") != args.end()) {
    return args;
  }
  const auto data = std::find(args.begin(), args.end(), "--data");
  if (data == args.end() || data + 1 == args.end()) {
    return args;
  }
  const std::string url = testDatabaseFor(*(data + 1));
  args.insert(data + 2, {"--database", url});
  return args;
}

} // namespace pupitre::test
