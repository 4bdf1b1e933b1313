// Another local user posing as pupitred (issue 11, items 8 and 10): pupitrectl refuses a socket
// in a folder that is not the user's own 0700 folder, a socket that is a link, and a listener
// running as another uid, before sending anything (a password included); pupitred refuses a
// runtime folder or lock file that is a link or someone else's.
#include "fixtures/daemon_fixture.h"
#include "pupitre/private_file.h"
#include "support/process.h"

#include <boost/test/unit_test.hpp>

#include <cerrno>
#include <filesystem>
#include <poll.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>
#include <sys/wait.h>
#include <unistd.h>

using namespace pupitre;
using test::contains;

namespace {

constexpr uid_t kNobody = 65534;
const std::string kPassword = "the teacher's secret password";

boost::test_tools::assertion_result runningAsRoot(boost::unit_test::test_unit_id)
{
  boost::test_tools::assertion_result result(geteuid() == 0);
  result.message() << "needs root to act as another user";
  return result;
}

unsigned modeOf(const std::string& path)
{
  struct stat st
  {
  };
  BOOST_REQUIRE_MESSAGE(lstat(path.c_str(), &st) == 0, "no " << path);
  return st.st_mode & 07777;
}

// A process posing as pupitred on `socket`: it listens as uid `listenAs` (after binding as
// `bindAs`), accepts one connection and counts the bytes the client sends in 3 s.
class FakeDaemon
{
public:
  FakeDaemon(const std::string& socket, uid_t bindAs, uid_t listenAs)
  {
    int ready[2];
    BOOST_REQUIRE(pipe(ready) == 0 && pipe(m_result) == 0);
    m_pid = fork();
    BOOST_REQUIRE(m_pid >= 0);
    if (m_pid == 0) {
      // Only system calls from here: the test process has threads.
      ::close(ready[0]);
      ::close(m_result[0]);
      if ((bindAs != 0 && (setgid(bindAs) != 0 || setuid(bindAs) != 0))) {
        _exit(1);
      }
      const int fd = ::socket(AF_UNIX, SOCK_STREAM, 0);
      sockaddr_un address{};
      address.sun_family = AF_UNIX;
      for (std::size_t i = 0; i < socket.size() && i + 1 < sizeof address.sun_path; ++i) {
        address.sun_path[i] = socket[i];
      }
      if (::bind(fd, reinterpret_cast<sockaddr*>(&address), sizeof address) != 0) {
        _exit(2);
      }
      ::chmod(address.sun_path, 0666);
      if (listenAs != bindAs && (setgid(listenAs) != 0 || setuid(listenAs) != 0)) {
        _exit(3);
      }
      if (::listen(fd, 4) != 0) {
        _exit(4);
      }
      (void)!::write(ready[1], "r", 1);
      long received = -1; // -1: nobody connected
      pollfd waiting{fd, POLLIN, 0};
      if (::poll(&waiting, 1, 15000) == 1) {
        const int client = ::accept(fd, nullptr, nullptr);
        received = 0;
        for (int slice = 0; client >= 0 && slice < 30; ++slice) {
          pollfd data{client, POLLIN, 0};
          if (::poll(&data, 1, 100) != 1) {
            continue;
          }
          char chunk[4096];
          const ssize_t n = ::recv(client, chunk, sizeof chunk, 0);
          if (n <= 0) {
            break;
          }
          received += n;
        }
      }
      (void)!::write(m_result[1], &received, sizeof received);
      _exit(0);
    }
    ::close(ready[1]);
    ::close(m_result[1]);
    char byte = 0;
    m_ready = ::read(ready[0], &byte, 1) == 1;
    ::close(ready[0]);
  }

  ~FakeDaemon()
  {
    ::kill(m_pid, SIGKILL);
    ::waitpid(m_pid, nullptr, 0);
    ::close(m_result[0]);
  }

  bool ready() const { return m_ready; }

  // The bytes the client sent; -1 when it did not connect. Waits for the fake's end.
  long received()
  {
    long count = -2;
    if (::read(m_result[0], &count, sizeof count) != sizeof count) {
      count = -2;
    }
    return count;
  }

private:
  pid_t m_pid = -1;
  int m_result[2] = {-1, -1};
  bool m_ready = false;
};

// True when pupitred ends with an error instead of listening (waited for up to 10 s; a
// pupitred that does listen is stopped, so the test never hangs on it).
bool refusedToStart(test::BackgroundProcess& daemon)
{
  if (daemon.waitForLine("pupitred: listening", std::chrono::seconds(10))) {
    daemon.terminate();
    return false;
  }
  return daemon.exitCode() != 0;
}

test::ProcessResult ctlLogin(const std::string& socket)
{
  return test::runProcess(PUPITRECTL,
                          {"--socket", socket, "login", "https://127.0.0.1:9", "ana@school.es"},
                          kPassword + "\n");
}

} // namespace

BOOST_AUTO_TEST_SUITE(socket_spoofing_tests)

BOOST_AUTO_TEST_CASE(a_socket_in_another_users_folder_gets_no_password,
                     *boost::unit_test::precondition(runningAsRoot))
{
  // What another user does in /tmp when XDG_RUNTIME_DIR is unset: make the folder first and
  // listen there.
  test::Sandbox sandbox;
  chmod(sandbox.dir().c_str(), 0755);
  const std::string folder = sandbox.path("pupitre-0");
  BOOST_REQUIRE(mkdir(folder.c_str(), 0700) == 0);
  BOOST_REQUIRE(chown(folder.c_str(), kNobody, kNobody) == 0);
  const std::string socket = folder + "/pupitred.sock";
  FakeDaemon fake(socket, kNobody, kNobody);
  BOOST_REQUIRE(fake.ready());

  const auto result = ctlLogin(socket);
  BOOST_TEST(result.exitCode != 0);
  BOOST_TEST(contains(result.err, "belongs to another user (uid 65534)"), result.err);
  BOOST_TEST(contains(result.err, "Nothing was sent"), result.err);
  BOOST_TEST(fake.received() <= 0);
}

BOOST_AUTO_TEST_CASE(a_listener_running_as_another_uid_gets_no_password,
                     *boost::unit_test::precondition(runningAsRoot))
{
  // The folder and the socket file are the user's; only the listening process is not.
  test::Sandbox sandbox;
  const std::string folder = sandbox.path("run");
  BOOST_REQUIRE(mkdir(folder.c_str(), 0700) == 0);
  const std::string socket = folder + "/pupitred.sock";
  FakeDaemon fake(socket, geteuid(), kNobody);
  BOOST_REQUIRE(fake.ready());

  const auto result = ctlLogin(socket);
  BOOST_TEST(result.exitCode != 0);
  BOOST_TEST(contains(result.err, "runs as another user (uid 65534)"), result.err);
  BOOST_TEST(!contains(result.err, "not running"));
  BOOST_TEST(fake.received() == 0); // connected, and closed without a byte
}

BOOST_AUTO_TEST_CASE(a_socket_folder_open_to_others_or_a_linked_socket_is_refused)
{
  test::Sandbox sandbox;
  test::Pupitred daemon(sandbox);
  const std::string folder = std::filesystem::path(daemon.socket()).parent_path().string();
  BOOST_TEST(daemon.ctl({"status"}).exitCode == 0);

  chmod(folder.c_str(), 0777);
  const auto loose = daemon.ctl({"status"});
  BOOST_TEST(loose.exitCode != 0);
  BOOST_TEST(contains(loose.err, "is open to other users (mode 0777, not 0700)"), loose.err);
  chmod(folder.c_str(), 0700);

  const std::string link = sandbox.path("run/link.sock");
  std::filesystem::create_symlink(daemon.socket(), link);
  const auto linked = test::runProcess(PUPITRECTL, {"--socket", link, "status"});
  BOOST_TEST(linked.exitCode != 0);
  BOOST_TEST(contains(linked.err, "is a symbolic link"), linked.err);
  BOOST_TEST(daemon.ctl({"status"}).exitCode == 0);
}

BOOST_AUTO_TEST_CASE(the_lock_file_is_never_followed_through_a_link)
{
  test::Sandbox sandbox;
  std::filesystem::create_directories(sandbox.path("run"));
  chmod(sandbox.path("run").c_str(), 0700);
  const std::string victim = sandbox.path("elsewhere/victim");
  std::filesystem::create_directories(sandbox.path("elsewhere"));
  std::filesystem::create_symlink(victim, sandbox.path("run/pupitred.sock.lock"));
  test::BackgroundProcess daemon(PUPITRED, {"--db", sandbox.path("pupitre.db"), "--socket",
                                            sandbox.path("run/pupitred.sock"), "--log",
                                            sandbox.path("pupitred.log"), "--no-keyring"});
  BOOST_TEST(refusedToStart(daemon));
  BOOST_TEST(!std::filesystem::exists(victim));
  BOOST_TEST(contains(readWholeFile(sandbox.path("pupitred.log")).value_or(""),
                      "pupitred.sock.lock' is a symbolic link"));
}

BOOST_AUTO_TEST_CASE(the_fallback_runtime_folder_is_made_private_and_a_link_there_is_refused)
{
  test::Sandbox sandbox;
  const mode_t previous = umask(022);
  const std::string tmp = sandbox.path("tmp");
  std::filesystem::create_directories(tmp);
  const std::map<std::string, std::string> env{{"XDG_RUNTIME_DIR", ""}, {"TMPDIR", tmp}};
  const std::string folder = tmp + "/pupitre-" + std::to_string(geteuid());
  {
    test::BackgroundProcess daemon(PUPITRED, {"--db", sandbox.path("pupitre.db"), "--no-keyring"},
                                   env);
    BOOST_TEST(
        daemon.waitForLine("pupitred: listening on " + folder + "/pupitred.sock").has_value());
    BOOST_TEST(modeOf(folder) == 0700u);
    BOOST_TEST(test::runProcess(PUPITRECTL, {"status"}, {}, env).exitCode == 0);
    daemon.terminate();
  }
  // A link put there first (by someone else, or by mistake) is refused by both sides.
  std::filesystem::remove_all(folder);
  std::filesystem::create_directories(sandbox.path("other"));
  chmod(sandbox.path("other").c_str(), 0700);
  std::filesystem::create_directory_symlink(sandbox.path("other"), folder);
  test::BackgroundProcess daemon(
      PUPITRED,
      {"--db", sandbox.path("pupitre.db"), "--no-keyring", "--log", sandbox.path("pupitred.log")},
      env);
  BOOST_TEST(refusedToStart(daemon));
  BOOST_TEST(contains(readWholeFile(sandbox.path("pupitred.log")).value_or(""),
                      "is a symbolic link, not a folder"));
  BOOST_TEST(!std::filesystem::exists(sandbox.path("other/pupitred.sock")));
  umask(previous);
}

BOOST_AUTO_TEST_SUITE_END()
