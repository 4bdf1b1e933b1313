// Who may talk to pupitred: the per-user folder and socket modes, a peer running as another
// uid refused (SO_PEERCRED), a second daemon on the same socket refused, a socket left by a
// killed daemon replaced.
#include "fixtures/daemon_fixture.h"
#include "pupitre/private_file.h"
#include "support/preconditions.h"

#include <boost/test/unit_test.hpp>

#include <cerrno>
#include <csignal>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>
#include <sys/wait.h>
#include <unistd.h>

using namespace pupitre;
using test::contains;

namespace {

constexpr uid_t kNobody = 65534;

unsigned modeOf(const std::string& path)
{
  struct stat st
  {
  };
  BOOST_REQUIRE_MESSAGE(lstat(path.c_str(), &st) == 0, "no " << path);
  return st.st_mode & 07777;
}

// What a process running as `uid` gets when it connects to `socket` and sends a request.
enum class Outcome {
  ConnectDenied = 10,    // EACCES: the folder or socket mode stopped it
  ConnectFailed = 11,    // any other connect error
  ClosedUnanswered = 12, // connected, then closed without a byte
  Answered = 13,
  ChildSetupFailed = 14,
};

Outcome connectAs(uid_t uid, const std::string& socket)
{
  const pid_t child = fork();
  BOOST_REQUIRE(child >= 0);
  if (child == 0) {
    // Only system calls from here: the test process has threads.
    if (setgid(uid) != 0 || setuid(uid) != 0) {
      _exit(static_cast<int>(Outcome::ChildSetupFailed));
    }
    const int fd = ::socket(AF_UNIX, SOCK_STREAM, 0);
    sockaddr_un address{};
    address.sun_family = AF_UNIX;
    for (std::size_t i = 0; i < socket.size() && i + 1 < sizeof address.sun_path; ++i) {
      address.sun_path[i] = socket[i];
    }
    if (::connect(fd, reinterpret_cast<sockaddr*>(&address), sizeof address) != 0) {
      _exit(static_cast<int>(errno == EACCES ? Outcome::ConnectDenied : Outcome::ConnectFailed));
    }
    const char request[] = "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"status\"}\n";
    ::send(fd, request, sizeof request - 1, MSG_NOSIGNAL);
    char reply[256];
    alarm(10);
    const ssize_t n = ::recv(fd, reply, sizeof reply, 0);
    _exit(static_cast<int>(n > 0 ? Outcome::Answered : Outcome::ClosedUnanswered));
  }
  int status = 0;
  waitpid(child, &status, 0);
  return WIFEXITED(status) ? static_cast<Outcome>(WEXITSTATUS(status)) : Outcome::ChildSetupFailed;
}

boost::test_tools::assertion_result runningAsRoot(boost::unit_test::test_unit_id)
{
  boost::test_tools::assertion_result result(geteuid() == 0);
  result.message() << "needs root to act as another user";
  return result;
}

} // namespace

BOOST_AUTO_TEST_SUITE(ipc_security_tests)

BOOST_AUTO_TEST_CASE(the_default_socket_is_0600_in_a_0700_per_user_runtime_folder)
{
  test::Sandbox sandbox;
  // An existing folder that is too open is tightened, not trusted as it is.
  std::filesystem::create_directories(sandbox.path("xdg-runtime/pupitre"));
  chmod(sandbox.path("xdg-runtime/pupitre").c_str(), 0755);
  test::Pupitred daemon(sandbox, {.explicitSocket = false});
  BOOST_TEST(daemon.socket() == sandbox.path("xdg-runtime/pupitre/pupitred.sock"));
  BOOST_TEST(modeOf(sandbox.path("xdg-runtime/pupitre")) == 0700u);
  BOOST_TEST(modeOf(daemon.socket()) == 0600u);
  struct stat st
  {
  };
  lstat(daemon.socket().c_str(), &st);
  BOOST_TEST(S_ISSOCK(st.st_mode));
  BOOST_TEST(daemon.ctl({"status"}).exitCode == 0);
}

BOOST_AUTO_TEST_CASE(a_runtime_folder_owned_by_another_user_is_refused,
                     *boost::unit_test::precondition(runningAsRoot))
{
  test::Sandbox sandbox;
  const std::string folder = sandbox.path("xdg-runtime/pupitre");
  std::filesystem::create_directories(folder);
  BOOST_REQUIRE(chown(folder.c_str(), kNobody, kNobody) == 0);
  test::BackgroundProcess daemon(PUPITRED,
                                 {"--db", sandbox.path("pupitre.db"), "--log", sandbox.path("log")},
                                 {{"XDG_RUNTIME_DIR", sandbox.path("xdg-runtime")}});
  BOOST_TEST(daemon.exitCode() != 0);
  BOOST_TEST(contains(readWholeFile(sandbox.path("log")).value_or(""), "belongs to another user"));
}

BOOST_AUTO_TEST_CASE(a_client_running_as_another_uid_is_refused,
                     *boost::unit_test::precondition(runningAsRoot))
{
  test::Sandbox sandbox;
  test::Pupitred daemon(sandbox);
  const std::string folder = std::filesystem::path(daemon.socket()).parent_path().string();
  chmod(sandbox.dir().c_str(), 0755);
  // With the modes pupitred sets, the kernel stops the other user at the folder.
  BOOST_TEST(static_cast<int>(connectAs(kNobody, daemon.socket())) ==
             static_cast<int>(Outcome::ConnectDenied));
  // Were the modes loosened by mistake, the peer check still refuses it.
  chmod(folder.c_str(), 0755);
  chmod(daemon.socket().c_str(), 0666);
  BOOST_TEST(static_cast<int>(connectAs(kNobody, daemon.socket())) ==
             static_cast<int>(Outcome::ClosedUnanswered));
  BOOST_TEST(daemon.waitForLog("from uid 65534"));
  BOOST_TEST(contains(daemon.log(), "Refused a connection"));
  // The owner is still served; pupitrectl itself talks only through a 0700 folder.
  BOOST_TEST(static_cast<int>(connectAs(geteuid(), daemon.socket())) ==
             static_cast<int>(Outcome::Answered));
  BOOST_TEST(daemon.ctl({"status"}).exitCode != 0);
  chmod(folder.c_str(), 0700);
  BOOST_TEST(daemon.ctl({"status"}).exitCode == 0);
}

BOOST_AUTO_TEST_CASE(a_second_daemon_on_the_same_socket_is_refused_and_the_first_keeps_serving)
{
  test::Sandbox sandbox;
  test::Pupitred first(sandbox);
  test::BackgroundProcess second(PUPITRED, {"--db", sandbox.path("other.db"), "--socket",
                                            first.socket(), "--log", sandbox.path("second.log")});
  BOOST_TEST(second.exitCode() != 0);
  BOOST_TEST(contains(readWholeFile(sandbox.path("second.log")).value_or(""), "already running"));
  const auto status = first.ctl({"status", "--json"});
  BOOST_TEST(status.exitCode == 0);
  BOOST_TEST(contains(status.out, sandbox.path("pupitre.db")));
}

BOOST_AUTO_TEST_CASE(a_socket_left_by_a_killed_daemon_is_replaced)
{
  test::Sandbox sandbox;
  std::string socket;
  {
    test::Pupitred daemon(sandbox);
    socket = daemon.socket();
    daemon.process().kill();
    BOOST_TEST(std::filesystem::exists(socket));
    const auto result = daemon.ctl({"status"});
    BOOST_TEST(result.exitCode == 3);
    BOOST_TEST(contains(result.err, "not running"));
  }
  test::Pupitred again(sandbox);
  BOOST_TEST(again.ctl({"status"}).exitCode == 0);
}

BOOST_AUTO_TEST_SUITE_END()
