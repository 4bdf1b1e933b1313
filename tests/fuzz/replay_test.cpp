// Every fuzz target, in the ordinary build: its seed corpus and its crash reproducers
// (tests/fuzz/{corpus,regressions}/<target>/) are run once, so an input that crashed once
// stays a permanent test. To keep a new crash, copy libFuzzer's crash-* file into
// regressions/<target>/ under a name that says what it broke.
#include "fuzz_target.h"
#include "support/sandbox.h"

#include <boost/test/unit_test.hpp>

#include <algorithm>
#include <exception>
#include <filesystem>
#include <vector>

namespace fs = std::filesystem;

namespace {

const fs::path kFuzzDir = PUPITRE_FUZZ_DIR;

// The files of `dir`, sorted; none when it does not exist.
std::vector<fs::path> filesIn(const fs::path& dir)
{
  std::vector<fs::path> files;
  if (fs::is_directory(dir)) {
    for (const auto& entry : fs::directory_iterator(dir)) {
      if (entry.is_regular_file() && entry.path().filename() != ".gitkeep") {
        files.push_back(entry.path());
      }
    }
  }
  std::sort(files.begin(), files.end());
  return files;
}

// Runs target `name` on every seed and reproducer; each must pass its checks.
void replay(const std::string& name)
{
  const auto target = pupitre::fuzz::findTarget(name);
  BOOST_REQUIRE_MESSAGE(target, "no fuzz target called " << name);
  const auto seeds = filesIn(kFuzzDir / "corpus" / name);
  BOOST_TEST(!seeds.empty(), "the target " << name << " has no seed corpus");
  auto inputs = seeds;
  const auto reproducers = filesIn(kFuzzDir / "regressions" / name);
  inputs.insert(inputs.end(), reproducers.begin(), reproducers.end());
  for (const auto& file : inputs) {
    BOOST_TEST_CONTEXT(fs::relative(file, kFuzzDir).string())
    {
      const std::string bytes = pupitre::test::readFile(file);
      try {
        target(bytes);
      } catch (const std::exception& e) {
        BOOST_ERROR("the input broke the target: " << e.what());
      } catch (...) {
        BOOST_ERROR("the input broke the target with an unknown exception");
      }
    }
  }
  BOOST_TEST_MESSAGE(name << ": " << seeds.size() << " seeds, " << reproducers.size()
                          << " reproducers");
}

} // namespace

BOOST_AUTO_TEST_SUITE(fuzz_replay)

BOOST_AUTO_TEST_CASE(wire_push)
{
  replay("wire_push");
}
BOOST_AUTO_TEST_CASE(wire_pull)
{
  replay("wire_pull");
}
BOOST_AUTO_TEST_CASE(wire_answers)
{
  replay("wire_answers");
}
BOOST_AUTO_TEST_CASE(blob_answers)
{
  replay("blob_answers");
}
BOOST_AUTO_TEST_CASE(ipc_message)
{
  replay("ipc_message");
}
BOOST_AUTO_TEST_CASE(request_body)
{
  replay("request_body");
}
BOOST_AUTO_TEST_CASE(picture)
{
  replay("picture");
}
BOOST_AUTO_TEST_CASE(roster)
{
  replay("roster");
}

BOOST_AUTO_TEST_SUITE_END()
