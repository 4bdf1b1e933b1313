// The app starting pupitred on Windows (issue 16), run when the suite runs under Windows or
// Wine: the daemon is started detached and not waited for, so the link goes on, reaches it and
// the daemon outlives the link. (Before, the link waited for the daemon it started to exit,
// which on Windows never happens: the link thread hung and the app stayed "not running".)
#ifdef _WIN32
#include "gui_sync_fixture.h"
#include "sync/daemon_link.h"

#include "pupitre/ipc/protocol.h"
#include "support/sandbox.h"

#include <Poco/Process.h>
#include <boost/test/unit_test.hpp>

#include <windows.h>

#include <tlhelp32.h>

#include <set>

using namespace pupitre;
using gui::DaemonLink;

namespace {

// The ids of the running processes whose program is pupitred.exe.
std::set<DWORD> pupitredProcesses()
{
  std::set<DWORD> found;
  const HANDLE snapshot = CreateToolhelp32Snapshot(TH32CS_SNAPPROCESS, 0);
  if (snapshot == INVALID_HANDLE_VALUE) {
    return found;
  }
  PROCESSENTRY32W entry{};
  entry.dwSize = sizeof entry;
  for (BOOL more = Process32FirstW(snapshot, &entry); more;
       more = Process32NextW(snapshot, &entry)) {
    if (lstrcmpiW(entry.szExeFile, L"pupitred.exe") == 0) {
      found.insert(entry.th32ProcessID);
    }
  }
  CloseHandle(snapshot);
  return found;
}

bool running(DWORD pid)
{
  const HANDLE process = OpenProcess(SYNCHRONIZE, FALSE, pid);
  if (!process) {
    return false;
  }
  const bool alive = WaitForSingleObject(process, 0) == WAIT_TIMEOUT;
  CloseHandle(process);
  return alive;
}

} // namespace

BOOST_AUTO_TEST_SUITE(daemon_launch_windows_tests)

BOOST_AUTO_TEST_CASE(the_link_starts_pupitred_detached_and_it_outlives_the_link)
{
  test::Sandbox sandbox;
  const std::string endpoint = sandbox.path("run\\pupitred.endpoint");
  const std::set<DWORD> before = pupitredProcesses();
  std::set<DWORD> started;
  {
    DaemonLink link(endpoint, sandbox.path("pupitre.db"), PUPITRED);
    link.start(true);
    BOOST_REQUIRE_MESSAGE(
        test::pumpUntil([&] { return link.status().reachable; }, std::chrono::seconds(60)),
        "the link did not reach the pupitred it started");
    BOOST_TEST(link.status().state == ipc::states::kSignedOut);
    BOOST_TEST(link.status().deviceId.size() == 36u);
    for (const DWORD pid : pupitredProcesses()) {
      if (!before.count(pid)) {
        started.insert(pid);
      }
    }
  }
  BOOST_REQUIRE_EQUAL(started.size(), 1u); // one daemon, started by the link
  const DWORD pid = *started.begin();
  BOOST_TEST(running(pid)); // still running after the link went away
  Poco::Process::requestTermination(static_cast<Poco::Process::PID>(pid));
  BOOST_TEST(test::pumpUntil([&] { return !running(pid); }, std::chrono::seconds(30)));
}

BOOST_AUTO_TEST_SUITE_END()
#endif // _WIN32
