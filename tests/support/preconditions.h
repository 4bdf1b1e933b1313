#pragma once
// Conditions a test case needs from the machine, for boost::unit_test::precondition: when
// one does not hold, Boost.Test reports the case as skipped, with the reason, instead of
// letting it pass without testing anything. CI installs every tool (scripts/install-deps.sh
// test) and runs as root, so it skips nothing.
//
//   BOOST_AUTO_TEST_CASE(name, *boost::unit_test::precondition(test::needsFile("/usr/bin/x")))
#include <boost/test/unit_test.hpp>

#include <clocale>
#include <cstdlib>
#include <filesystem>
#include <string>

#ifndef _WIN32
#include <unistd.h>
#endif

namespace pupitre::test {

// Holds when the program `path` is installed.
inline auto needsFile(std::string path)
{
  return [path](boost::unit_test::test_unit_id) -> boost::test_tools::assertion_result {
    boost::test_tools::assertion_result result(std::filesystem::exists(path));
    result.message() << path << " is missing (scripts/install-deps.sh test installs it)";
    return result;
  };
}

// Holds when the tests run as root (giving files to another user, acting as another uid).
inline auto needsRoot()
{
  return [](boost::unit_test::test_unit_id) -> boost::test_tools::assertion_result {
#ifdef _WIN32
    boost::test_tools::assertion_result result(false);
    result.message() << "needs root (a Unix user and uid): not on Windows";
#else
    boost::test_tools::assertion_result result(::geteuid() == 0);
    result.message() << "needs root";
#endif
    return result;
  };
}

// Never holds on Windows: for a test of something only Unix has (fork, file modes, uids), kept
// visible there as a skipped case with the reason.
inline auto unixOnly(std::string why)
{
  return [why](boost::unit_test::test_unit_id) -> boost::test_tools::assertion_result {
#ifdef _WIN32
    boost::test_tools::assertion_result result(false);
    result.message() << "Unix only: " << why;
#else
    boost::test_tools::assertion_result result(true);
#endif
    return result;
  };
}

// Holds when the environment variable `name` is set and not empty.
inline auto needsEnvironment(std::string name, std::string why)
{
  return [name, why](boost::unit_test::test_unit_id) -> boost::test_tools::assertion_result {
    const char* value = std::getenv(name.c_str());
    boost::test_tools::assertion_result result(value != nullptr && *value != '\0');
    result.message() << name << " is not set: " << why;
    return result;
  };
}

// The Spanish locale the tests of decimal marks run under (a decimal comma).
inline constexpr const char* kSpanishLocale = "es_ES.UTF-8";

// Holds where that locale was generated (scripts/install-deps.sh test does it). A plain
// function: GCC 12 warns of an uninitialised functor when a lambda is used here.
inline boost::test_tools::assertion_result spanishLocaleInstalled(boost::unit_test::test_unit_id)
{
  const std::string before = std::setlocale(LC_ALL, nullptr);
  const bool found = std::setlocale(LC_ALL, kSpanishLocale) != nullptr;
  std::setlocale(LC_ALL, before.c_str());
  boost::test_tools::assertion_result result(found);
  result.message() << "the locale " << kSpanishLocale
                   << " is not installed (scripts/install-deps.sh test generates it)";
  return result;
}

} // namespace pupitre::test
