// Row and device ids: UUID v7 whose random part comes from the system's CSPRNG (libsodium),
// so a forked process (pupitred --daemon forks) never repeats its parent's ids.
#include "pupitre/uuid.h"

#include "support/preconditions.h"

#include <boost/test/unit_test.hpp>

#include <set>

#ifndef _WIN32
#include <sys/wait.h>
#include <unistd.h>
#endif

using namespace pupitre;

#ifndef _WIN32
namespace {

// The 74 random bits of a UUID v7, as text: after the 48-bit time, without the dashes.
std::string randomPart(const std::string& uuid)
{
  return uuid.substr(15);
}

} // namespace
#endif

BOOST_AUTO_TEST_SUITE(uuid)

BOOST_AUTO_TEST_CASE(new_ids_are_version_7_and_distinct)
{
  std::set<std::string> ids;
  for (int i = 0; i < 10000; ++i) {
    const auto id = newUuid();
    BOOST_TEST_REQUIRE(isUuid(id));
    BOOST_TEST_REQUIRE(id[14] == '7');
    BOOST_TEST_REQUIRE(std::string("89ab").find(id[19]) != std::string::npos);
    ids.insert(id);
  }
  BOOST_TEST(ids.size() == 10000u);
}

#ifdef _WIN32
BOOST_AUTO_TEST_CASE(a_forked_process_does_not_repeat_its_parents_ids,
                     *boost::unit_test::precondition(
                         test::unixOnly("fork() (pupitred --daemon) does not exist on Windows")))
{
}
#else
BOOST_AUTO_TEST_CASE(a_forked_process_does_not_repeat_its_parents_ids)
{
  (void)newUuid(); // the generator is ready before the fork, as in pupitred --daemon
  int fds[2];
  BOOST_TEST_REQUIRE(pipe(fds) == 0);
  const pid_t child = fork();
  BOOST_TEST_REQUIRE(child >= 0);
  if (child == 0) {
    std::string ids;
    for (int i = 0; i < 4; ++i) {
      ids += randomPart(newUuid());
    }
    const auto written = write(fds[1], ids.data(), ids.size());
    _exit(written == static_cast<ssize_t>(ids.size()) ? 0 : 1);
  }
  close(fds[1]);
  std::string parent;
  for (int i = 0; i < 4; ++i) {
    parent += randomPart(newUuid());
  }
  std::string fromChild(parent.size(), '\0');
  std::size_t got = 0;
  while (got < fromChild.size()) {
    const auto n = read(fds[0], fromChild.data() + got, fromChild.size() - got);
    if (n <= 0) {
      break;
    }
    got += static_cast<std::size_t>(n);
  }
  close(fds[0]);
  int status = 0;
  waitpid(child, &status, 0);
  BOOST_TEST_REQUIRE(got == parent.size());
  BOOST_TEST(fromChild != parent, "the child drew the same random bits as its parent");
}
#endif

BOOST_AUTO_TEST_SUITE_END()
