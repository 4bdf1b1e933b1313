// The Windows side of the core (issue 16), run when the suite runs under Windows or Wine: the
// per-user data folder is %LOCALAPPDATA%\Pupitre (the known folder), private files and
// folders grant access to the current user and SYSTEM only (read back with
// GetNamedSecurityInfoW, independently of the code under test), the calendar helper that
// replaced gmtime_r. The calendar case runs everywhere.
#include "pupitre/clock/calendar.h"
#include "pupitre/clock/hlc.h"

#include <boost/test/unit_test.hpp>

#ifdef _WIN32
#include "pupitre/error.h"
#include "pupitre/ipc/channel.h"
#include "pupitre/paths.h"
#include "pupitre/private_file.h"
#include "support/sandbox.h"

#include <windows.h>

#include <aclapi.h>
#include <knownfolders.h>
#include <sddl.h>
#include <shlobj.h>

#include <fstream>
#include <set>
#include <vector>
#endif

using namespace pupitre;

BOOST_AUTO_TEST_SUITE(windows_platform)

// gmtime_r does not exist on Windows: the helper gives the same fields on both systems.
BOOST_AUTO_TEST_CASE(utc_calendar_fields_of_a_known_moment)
{
  const std::tm fields = clock::utcCalendar(std::time_t{1'790'000'123});
  BOOST_TEST(fields.tm_year + 1900 == 2026);
  BOOST_TEST(fields.tm_mon + 1 == 9);
  BOOST_TEST(fields.tm_mday == 21);
  BOOST_TEST(fields.tm_hour == 14);
  BOOST_TEST(fields.tm_min == 15);
  BOOST_TEST(fields.tm_sec == 23);
  BOOST_TEST(clock::formatHlc(clock::makeHlc(1'790'000'123'456, 7)) ==
             "2026-09-21T14:15:23.456Z#7");
  const std::tm local = clock::localCalendar(std::time_t{1'790'000'123});
  BOOST_TEST(local.tm_year + 1900 == 2026);
}

#ifdef _WIN32
namespace {

std::wstring wide(const std::string& text)
{
  const int size =
      MultiByteToWideChar(CP_UTF8, 0, text.data(), static_cast<int>(text.size()), nullptr, 0);
  std::wstring out(static_cast<std::size_t>(size), L'\0');
  MultiByteToWideChar(CP_UTF8, 0, text.data(), static_cast<int>(text.size()), out.data(), size);
  return out;
}

std::string narrow(const wchar_t* text)
{
  const int size = WideCharToMultiByte(CP_UTF8, 0, text, -1, nullptr, 0, nullptr, nullptr);
  std::string out(static_cast<std::size_t>(size), '\0');
  WideCharToMultiByte(CP_UTF8, 0, text, -1, out.data(), size, nullptr, nullptr);
  out.resize(out.empty() ? 0 : out.size() - 1);
  return out;
}

std::string sidText(PSID sid)
{
  wchar_t* text = nullptr;
  BOOST_REQUIRE(ConvertSidToStringSidW(sid, &text));
  std::string out = narrow(text);
  LocalFree(text);
  return out;
}

std::string processUserSid()
{
  HANDLE token = nullptr;
  BOOST_REQUIRE(OpenProcessToken(GetCurrentProcess(), TOKEN_QUERY, &token));
  DWORD size = 0;
  GetTokenInformation(token, TokenUser, nullptr, 0, &size);
  std::vector<unsigned char> buffer(size);
  BOOST_REQUIRE(GetTokenInformation(token, TokenUser, buffer.data(), size, &size));
  CloseHandle(token);
  return sidText(reinterpret_cast<TOKEN_USER*>(buffer.data())->User.Sid);
}

// A file's DACL as the system reports it: the SIDs allowed some access, those allowed full
// access, and whether it is protected from inheritance.
struct Dacl
{
  std::set<std::string> allowed;
  std::set<std::string> fullAccess;
  bool isProtected = false;
};

Dacl readDacl(const std::string& path)
{
  PACL list = nullptr;
  PSECURITY_DESCRIPTOR descriptor = nullptr;
  std::wstring name = wide(path);
  BOOST_REQUIRE_EQUAL(GetNamedSecurityInfoW(name.data(), SE_FILE_OBJECT, DACL_SECURITY_INFORMATION,
                                            nullptr, nullptr, &list, nullptr, &descriptor),
                      static_cast<DWORD>(ERROR_SUCCESS));
  BOOST_REQUIRE_MESSAGE(list != nullptr, path << " has no DACL: everyone may open it");
  Dacl dacl;
  SECURITY_DESCRIPTOR_CONTROL control = 0;
  DWORD revision = 0;
  GetSecurityDescriptorControl(descriptor, &control, &revision);
  dacl.isProtected = (control & SE_DACL_PROTECTED) != 0;
  for (DWORD i = 0; i < list->AceCount; ++i) {
    void* entry = nullptr;
    BOOST_REQUIRE(GetAce(list, i, &entry));
    if (static_cast<ACE_HEADER*>(entry)->AceType != ACCESS_ALLOWED_ACE_TYPE) {
      continue;
    }
    auto* allowed = static_cast<ACCESS_ALLOWED_ACE*>(entry);
    const std::string sid = sidText(&allowed->SidStart);
    dacl.allowed.insert(sid);
    if ((allowed->Mask & FILE_ALL_ACCESS) == FILE_ALL_ACCESS) {
      dacl.fullAccess.insert(sid);
    }
  }
  LocalFree(descriptor);
  return dacl;
}

const std::string kSystem = "S-1-5-18";

void checkOnlyUserAndSystem(const std::string& path)
{
  const Dacl dacl = readDacl(path);
  const std::set<std::string> expected{processUserSid(), kSystem};
  std::string sids;
  for (const auto& sid : dacl.allowed) {
    sids += " " + sid;
  }
  BOOST_TEST(dacl.allowed == expected, path << ": allowed " << dacl.allowed.size()
                                            << " SIDs:" << sids
                                            << (dacl.isProtected ? " (protected)" : " (inherits)"));
  BOOST_TEST(dacl.fullAccess.count(processUserSid()) == 1u, path << ": the user's access");
}

// Whether this file system keeps a security descriptor as written: Windows does; Wine maps a
// DACL to Unix mode bits and reads back one it makes up (never protected, never inherited).
boost::test_tools::assertion_result keepsSecurityDescriptors(boost::unit_test::test_unit_id)
{
  test::Sandbox sandbox;
  const std::string file = sandbox.path("probe");
  writePrivateFile(file, "probe");
  boost::test_tools::assertion_result result(readDacl(file).isProtected);
  result.message() << "this file system does not keep Windows security descriptors (Wine maps "
                      "them to Unix modes): protection and inheritance cannot be read back";
  return result;
}

} // namespace

BOOST_AUTO_TEST_CASE(data_folder_is_the_users_local_app_data)
{
  PWSTR folder = nullptr;
  BOOST_REQUIRE(SUCCEEDED(SHGetKnownFolderPath(FOLDERID_LocalAppData, 0, nullptr, &folder)));
  const std::string expected = narrow(folder) + "\\Pupitre";
  CoTaskMemFree(folder);
  BOOST_TEST(paths::dataDir() == expected);
  BOOST_TEST(paths::defaultDatabase() == expected + "\\pupitre.db");
  // The IPC on Windows: loopback TCP, announced by an endpoint file in that folder.
  BOOST_TEST(ipc::defaultEndpoint() == expected + "\\pupitred.endpoint");
}

BOOST_AUTO_TEST_CASE(a_written_private_file_grants_only_the_user_and_system)
{
  test::Sandbox sandbox;
  const std::string file = sandbox.path("device token");
  writePrivateFile(file, "secret-token");
  BOOST_TEST(readWholeFile(file).value_or("") == "secret-token");
  checkOnlyUserAndSystem(file);
  writePrivateFile(file, "replaced"); // replaced whole, still private
  BOOST_TEST(readWholeFile(file).value_or("") == "replaced");
  checkOnlyUserAndSystem(file);
}

BOOST_AUTO_TEST_CASE(a_readable_file_left_from_before_is_made_private)
{
  test::Sandbox sandbox;
  const std::string file = sandbox.path("pupitre.db");
  std::ofstream(file) << "data";
  makePrivateFile(file);
  checkOnlyUserAndSystem(file);
  BOOST_TEST(readWholeFile(file).value_or("") == "data"); // its bytes untouched
  const std::string log = sandbox.path("pupitred.log");
  std::ofstream(log) << "log";
  tightenFileMode(log);
  checkOnlyUserAndSystem(log);
}

BOOST_AUTO_TEST_CASE(private_folders_and_a_new_database_file)
{
  test::Sandbox sandbox;
  const std::string folder = sandbox.path("data\\Pupitre");
  prepareDatabaseFile(folder + "\\pupitre.db", true);
  checkOnlyUserAndSystem(sandbox.path("data"));
  checkOnlyUserAndSystem(folder);
  checkOnlyUserAndSystem(folder + "\\pupitre.db");
  BOOST_CHECK_THROW(makePrivateFile(folder), Error); // a folder is not a file
  std::ofstream(sandbox.path("plain")) << "x";
  BOOST_CHECK_THROW(makePrivateFolder(sandbox.path("plain"), true), Error);
}

// pupitred's IPC on Windows: loopback TCP and a token in a private endpoint file; one daemon
// per endpoint (a second one is refused while the first listens).
BOOST_AUTO_TEST_CASE(the_ipc_endpoint_file_is_private_and_held_by_one_daemon)
{
  test::Sandbox sandbox;
  const std::string endpoint = sandbox.path("Pupitre\\pupitred.endpoint");
  auto listener = ipc::listen(endpoint, nullptr);
  BOOST_TEST(listener->token().size() == 64u); // 256 bits in hex
  const std::string text = readWholeFile(endpoint).value_or("");
  BOOST_TEST(text.find(listener->token()) != std::string::npos);
  checkOnlyUserAndSystem(endpoint);
  try {
    auto second = ipc::listen(endpoint, nullptr);
    BOOST_ERROR("a second pupitred listened on the same endpoint");
  } catch (const Error& e) {
    BOOST_TEST(std::string(e.what()).find("already running") != std::string::npos, e.what());
  }
  BOOST_TEST(readWholeFile(endpoint).value_or("") == text); // the first one's file is intact
  auto client = ipc::connect(endpoint, std::chrono::seconds(5));
  BOOST_TEST(client.token == listener->token());
  BOOST_TEST(listener->accept(std::chrono::seconds(5)) != nullptr);
  listener->close();
  BOOST_TEST(!readWholeFile(endpoint).has_value());
  auto again = ipc::listen(endpoint, nullptr); // free again once the first has stopped
  BOOST_TEST(again->token() != listener->token());
}

BOOST_AUTO_TEST_CASE(private_entries_are_protected_and_inherited,
                     *boost::unit_test::precondition(keepsSecurityDescriptors))
{
  test::Sandbox sandbox;
  const std::string folder = sandbox.path("Pupitre");
  makePrivateFolder(folder, true);
  BOOST_TEST(readDacl(folder).isProtected);
  // What SQLite creates later (-wal, -shm) inherits the folder's entries.
  std::ofstream(folder + "\\pupitre.db-wal") << "wal";
  checkOnlyUserAndSystem(folder + "\\pupitre.db-wal");
}
#endif // _WIN32

BOOST_AUTO_TEST_SUITE_END()
