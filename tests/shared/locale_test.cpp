// Numbers under a locale with a decimal comma (es_ES.UTF-8, as the app sets it for a Spanish
// teacher): marks typed "7,5" or "7.5" are read alike, and the database, the wire and exports
// always say "7.5", so a device in Spain and one in England agree.
#include "pupitre/blobs/blob_transfer.h"
#include "pupitre/model/assessments.h"
#include "pupitre/model/classes.h"
#include "pupitre/model/marks.h"
#include "pupitre/model/scale.h"
#include "pupitre/model/students.h"
#include "pupitre/store/canonical_json.h"
#include "pupitre/store/value.h"
#include "pupitre/sync/wire.h"
#include "support/preconditions.h"
#include "support/sandbox.h"

#include <SQLiteCpp/Statement.h>

#include <boost/test/unit_test.hpp>

#include <clocale>
#include <cstdio>
#include <locale>
#include <sstream>
#include <string>

using namespace pupitre;

namespace {

constexpr const char* kSpanish = test::kSpanishLocale;
using test::spanishLocaleInstalled;

// The process under the Spanish locale, for C (LC_NUMERIC) and C++ (std::locale) alike, as
// long as the fixture lives.
struct SpanishLocale
{
  SpanishLocale()
  {
    BOOST_REQUIRE(std::setlocale(LC_ALL, kSpanish));
    std::locale::global(std::locale(kSpanish));
  }
  ~SpanishLocale()
  {
    std::locale::global(m_cxx);
    std::setlocale(LC_ALL, m_c.c_str());
  }

  std::string m_c = std::setlocale(LC_ALL, nullptr);
  std::locale m_cxx;
};

struct SpanishGradebook : SpanishLocale, test::DatabaseFixture
{
  std::string classId = model::Classes(db).create({.name = "4B Maths"});
  std::string ana =
      model::Students(db).create({.classId = classId, .givenName = "Ana", .familyName = "Ruiz"});
  std::string quiz = model::Assessments(db).create({.classId = classId,
                                                    .name = "Fractions quiz",
                                                    .date = "2026-10-05",
                                                    .scale = model::Scale::numeric(0, 10, 5)});

  // The stored value's SQLite type and text, as another program reading the file sees it.
  std::pair<std::string, std::string> storedValue()
  {
    SQLite::Statement query(db.sql(), "SELECT typeof(value), CAST(value AS TEXT) FROM mark "
                                      "WHERE id = ?");
    query.bind(1, model::Marks::markId(ana, quiz));
    BOOST_REQUIRE(query.executeStep());
    return {query.getColumn(0).getString(), query.getColumn(1).getString()};
  }
};

} // namespace

BOOST_AUTO_TEST_SUITE(locale_tests, *boost::unit_test::precondition(spanishLocaleInstalled))

BOOST_FIXTURE_TEST_CASE(the_fixture_really_switches_to_a_decimal_comma, SpanishLocale)
{
  // What strtod/printf and iostreams do here is what the old code did: the tests below would
  // prove nothing if this locale wrote a point.
  char text[16];
  std::snprintf(text, sizeof text, "%.1f", 7.5);
  BOOST_TEST(std::string(text) == "7,5");
  std::ostringstream out;
  out << 7.5;
  BOOST_TEST(out.str() == "7,5");
}

BOOST_FIXTURE_TEST_CASE(numbers_are_written_with_a_decimal_point, SpanishLocale)
{
  BOOST_TEST(store::formatNumber(7.5) == "7.5");
  BOOST_TEST(store::formatNumber(0.1) == "0.1");
  BOOST_TEST(store::formatNumber(-1234.25) == "-1234.25");
  BOOST_TEST(store::formatNumber(1e-5) == "1e-05");
  BOOST_TEST(store::formatNumber(12) == "12");
  BOOST_TEST(store::toText(store::Value{6.75}) == "6.75");
  BOOST_TEST(store::formatFixed(7.5, 2) == "7.50");
  BOOST_TEST(store::formatFixed(2.0 / 3, 1) == "0.7");
  BOOST_TEST(blobs::humanBytes(1'500'000) == "1.5 MB");
  BOOST_TEST(model::Scale::fromSymbols("A=9,5;B=7.25;C=5").symbolsText() == "A=9.5;B=7.25;C=5");
}

BOOST_FIXTURE_TEST_CASE(a_decimal_comma_and_a_decimal_point_are_both_read, SpanishLocale)
{
  BOOST_TEST(store::parseNumber("7,5").value_or(-1) == 7.5);
  BOOST_TEST(store::parseNumber("7.5").value_or(-1) == 7.5);
  BOOST_TEST(store::parseNumber(" +7.5 ").value_or(-1) == 7.5);
  BOOST_TEST(store::parseNumber("-0,25").value_or(-1) == -0.25);
  BOOST_TEST(store::parseNumber("10").value_or(-1) == 10);
  for (const char* notANumber :
       {"", " ", "7,5,0", "1.000,5", "7.5x", "siete", "inf", "nan", "+", "1e999"}) {
    BOOST_TEST(!store::parseNumber(notANumber), "'" << notANumber << "' read as a number");
  }
  const auto scale = model::Scale::numeric(0, 10, 5);
  for (const char* typed : {"7,5", "7.5"}) {
    const store::Value value = scale.parse(typed);
    BOOST_TEST_REQUIRE(std::holds_alternative<double>(value), typed);
    BOOST_TEST(std::get<double>(value) == 7.5, typed);
  }
  BOOST_TEST(model::Scale::fromSymbols("A=9,5;B=7.5").symbols.at(0).second == 9.5);
}

BOOST_FIXTURE_TEST_CASE(every_number_survives_the_text_round_trip, SpanishLocale)
{
  for (const double x : {7.5, 0.1, 1.0 / 3, 7.35, 1e-7, 123456.789, 9.999999999999999e22, -2.5e-300,
                         4.35, 0.30000000000000004}) {
    const std::string text = store::formatNumber(x);
    BOOST_TEST(text.find(',') == std::string::npos, text);
    BOOST_TEST(store::parseNumber(text).value_or(-1) == x, text);
  }
}

BOOST_FIXTURE_TEST_CASE(the_wire_and_exports_carry_a_decimal_point, SpanishLocale)
{
  const sync::FieldWrite write{"mark", "m1", "value", store::Value{7.5}, {1000, "dev-a"}, {}};
  const std::string json = sync::encodePush({3, {write}});
  BOOST_TEST(json.find("7.5") != std::string::npos, json);
  BOOST_TEST(json.find("7,5") == std::string::npos, json);
  const auto decoded = sync::decodePush(json);
  BOOST_TEST_REQUIRE(decoded.changes.size() == 1u);
  BOOST_TEST_REQUIRE(std::holds_alternative<double>(decoded.changes[0].value));
  BOOST_TEST(std::get<double>(decoded.changes[0].value) == 7.5);

  BOOST_TEST(store::jsonValue(store::Value{7.5}) == "7.5");
  store::Row row;
  row.id = "m1";
  row.values["value"] = 8.25;
  BOOST_TEST(store::rowJson(row) == R"({"id": "m1", "value": 8.25})");
}

BOOST_FIXTURE_TEST_CASE(a_mark_typed_with_a_comma_is_stored_as_a_number, SpanishGradebook)
{
  model::MarkInput input;
  input.value = "7,5";
  model::Marks(db).set(ana, quiz, input);
  BOOST_TEST(storedValue().first == "real");
  BOOST_TEST(storedValue().second == "7.5");
  input.value = "8.25";
  model::Marks(db).set(ana, quiz, input);
  BOOST_TEST(storedValue().second == "8.25");
}

BOOST_FIXTURE_TEST_CASE(undoing_a_decimal_mark_puts_it_back, SpanishGradebook)
{
  // The gradebook's undo writes the earlier value back through its text (mark_commands.cpp).
  model::Marks marks(db);
  model::MarkInput input;
  input.value = "6,5";
  marks.set(ana, quiz, input);
  const auto before = marks.find(ana, quiz);
  input.value = "9";
  marks.set(ana, quiz, input);

  model::MarkInput undo;
  undo.value = store::toText(before->value);
  undo.comment = before->comment;
  undo.status = before->status;
  marks.set(ana, quiz, undo);
  const auto after = marks.find(ana, quiz);
  BOOST_TEST_REQUIRE(std::holds_alternative<double>(after->value));
  BOOST_TEST(std::get<double>(after->value) == 6.5);
  BOOST_TEST(storedValue().second == "6.5");
}

BOOST_AUTO_TEST_SUITE_END()
