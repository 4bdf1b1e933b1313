// Every executable says which version it is, and which protocols it speaks, without a display,
// a daemon or a database: what IT checks after installing a package.
#include "support/process.h"

#include <boost/test/unit_test.hpp>

#include <string>
#include <vector>

namespace pupitre::test {
namespace {

std::vector<std::pair<std::string, std::string>> executables()
{
  std::vector<std::pair<std::string, std::string>> all{
      {"pupitrectl", PUPITRECTL}, {"pupitred", PUPITRED}, {"pupitre-server", PUPITRE_SERVER}};
#ifdef PUPITRE_APP
  all.emplace_back("pupitre", PUPITRE_APP);
#endif
  return all;
}

} // namespace

BOOST_AUTO_TEST_SUITE(version)

BOOST_AUTO_TEST_CASE(every_executable_prints_the_project_version_and_its_protocols)
{
  for (const auto& [name, path] : executables()) {
    BOOST_TEST_CONTEXT(name)
    {
      // No display: the desktop app must answer before it opens a window.
      const ProcessResult result = runProcess(path, {"--version"}, {}, {{"DISPLAY", ""}});
      BOOST_TEST(result.exitCode == 0);
      BOOST_TEST(firstLine(result.out) ==
                 name + " " + PUPITRE_PROJECT_VERSION + " (sync protocol 1, IPC protocol 1)");
      BOOST_TEST(result.err.empty());
    }
  }
}

BOOST_AUTO_TEST_SUITE_END()

} // namespace pupitre::test
