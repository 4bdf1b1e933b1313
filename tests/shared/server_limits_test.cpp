// The limits a server announces, as pupitred reads them from an answer's headers and keeps
// them, and the sizes its messages about held-back records show.
#include "pupitre/sync/held_records.h"
#include "pupitre/sync/server_limits.h"

#include <boost/test/unit_test.hpp>

#include <map>

using namespace pupitre;

namespace {

std::optional<sync::ServerLimits> fromHeaders(const std::map<std::string, std::string>& headers)
{
  return sync::announcedLimits([&](const char* name) -> std::optional<std::string> {
    const auto it = headers.find(name);
    return it == headers.end() ? std::nullopt : std::optional(it->second);
  });
}

} // namespace

BOOST_AUTO_TEST_SUITE(server_limits)

BOOST_AUTO_TEST_CASE(announced_limits_are_read_from_the_headers)
{
  BOOST_TEST(!fromHeaders({}).has_value()); // an older server announces nothing
  const auto limits = fromHeaders({{"X-Pupitre-Max-Push-Bytes", "2097152"},
                                   {"X-Pupitre-Max-Push-Changes", "800"},
                                   {"X-Pupitre-Max-Value-Bytes", "text=500000, any=100"}});
  BOOST_TEST_REQUIRE(limits.has_value());
  BOOST_TEST(limits->maxPushBytes == 2097152u);
  BOOST_TEST(limits->maxPushChanges == 800u);
  BOOST_TEST(limits->maxTextBytes == 500000u);
  BOOST_TEST(limits->maxAnyBytes == 100u);
  BOOST_TEST(limits->maxNumberBytes == 64u); // not announced: the default
  // Malformed, zero or negative values keep the defaults; unknown names are ignored.
  const auto odd = fromHeaders({{"X-Pupitre-Max-Push-Bytes", "-5"},
                                {"X-Pupitre-Max-Push-Changes", "0"},
                                {"X-Pupitre-Max-Value-Bytes", "text=12x; colour=3; any"}});
  BOOST_TEST_REQUIRE(odd.has_value());
  BOOST_TEST(odd->maxPushBytes == sync::ServerLimits{}.maxPushBytes);
  BOOST_TEST(odd->maxPushChanges == sync::ServerLimits{}.maxPushChanges);
  BOOST_TEST(odd->maxTextBytes == sync::ServerLimits{}.maxTextBytes);
}

BOOST_AUTO_TEST_CASE(kept_limits_read_back_the_same)
{
  sync::ServerLimits limits;
  limits.maxPushBytes = 3 << 20;
  limits.maxTextBytes = 1000;
  const auto back = sync::decodeLimits(sync::encodeLimits(limits));
  BOOST_TEST(back.maxPushBytes == limits.maxPushBytes);
  BOOST_TEST(back.maxTextBytes == 1000u);
  BOOST_TEST(back.maxPushChanges == limits.maxPushChanges);
  BOOST_TEST(sync::decodeLimits("").maxPushBytes == sync::ServerLimits{}.maxPushBytes);
}

BOOST_AUTO_TEST_CASE(sizes_read_as_a_teacher_expects)
{
  BOOST_TEST(sync::sizeText(std::int64_t{2} << 20) == "2.0 MiB");
  BOOST_TEST(sync::sizeText(std::int64_t{1} << 20, true) == "1 MiB");
  BOOST_TEST(sync::sizeText(1'200'000) == "1.1 MiB");
  BOOST_TEST(sync::sizeText(1'200'000, true) == "1.1 MiB");
  BOOST_TEST(sync::sizeText(4096, true) == "4 KiB");
  BOOST_TEST(sync::sizeText(900) == "900 bytes");
}

BOOST_AUTO_TEST_SUITE_END()
