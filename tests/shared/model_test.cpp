// The repositories: what the teacher may enter, what is refused and with which message, and
// how records are found, replaced and revived.
#include "pupitre/error.h"
#include "pupitre/model/assessments.h"
#include "pupitre/model/attendance.h"
#include "pupitre/model/categories.h"
#include "pupitre/model/classes.h"
#include "pupitre/model/journal.h"
#include "pupitre/model/marks.h"
#include "pupitre/model/records.h"
#include "pupitre/model/resources.h"
#include "pupitre/model/scale.h"
#include "pupitre/model/students.h"
#include "pupitre/model/validation.h"
#include "pupitre/store/rows.h"
#include "pupitre/uuid.h"
#include "support/sandbox.h"

#include <SQLiteCpp/Statement.h>
#include <boost/test/unit_test.hpp>

#include <functional>
#include <ostream>
#include <string>

using namespace pupitre;
using namespace pupitre::model;

// How Boost.Test shows these values when a check fails.
namespace pupitre::model {
std::ostream& operator<<(std::ostream& out, MarkStatus status)
{
  return out << toText(status);
}
std::ostream& operator<<(std::ostream& out, AttendanceState state)
{
  return out << toText(state);
}
std::ostream& operator<<(std::ostream& out, Scale::Kind kind)
{
  return out << (kind == Scale::Kind::Numeric ? "numeric" : "symbols");
}
} // namespace pupitre::model

namespace {

const std::string kHash = "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08";

// The message of the ValidationError (or NotFoundError) `action` throws; fails the test
// when it throws nothing or something else.
template <typename E = ValidationError> std::string messageOf(const std::function<void()>& action)
{
  try {
    action();
  } catch (const E& e) {
    return e.what();
  }
  BOOST_FAIL("expected an error, got none");
  return {};
}

// A stored mark as a number (SQLite keeps whole numbers as integers).
double numberOf(const store::Value& value)
{
  if (const auto* i = std::get_if<std::int64_t>(&value)) {
    return static_cast<double>(*i);
  }
  if (const auto* d = std::get_if<double>(&value)) {
    return *d;
  }
  BOOST_FAIL("the mark '" << store::toText(value) << "' is not a number");
  return 0;
}

bool contains(const std::string& text, const std::string& part)
{
  return text.find(part) != std::string::npos;
}

std::int64_t count(store::Database& db, const std::string& sql)
{
  SQLite::Statement query(db.sql(), sql);
  query.executeStep();
  return query.getColumn(0).getInt64();
}

struct Gradebook : test::DatabaseFixture
{
  Classes classes{db};
  Students students{db};
  Assessments assessments{db};
  Marks marks{db};
  std::string classId = classes.create({.name = "4B Maths"});
  std::string otherClassId = classes.create({.name = "3A Physics"});
  std::string ana = students.create({.classId = classId, .givenName = "Ana", .familyName = "Ruiz"});
  std::string quiz = assessments.create({.classId = classId,
                                         .name = "Fractions quiz",
                                         .date = "2026-10-05",
                                         .scale = Scale::numeric(0, 10, 5)});
};

} // namespace

BOOST_AUTO_TEST_SUITE(model_tests)

// --- Classes -------------------------------------------------------------------------------

BOOST_FIXTURE_TEST_CASE(a_class_is_created_and_read_back, test::DatabaseFixture)
{
  Classes classes(db);
  const std::string id = classes.create({.name = "  4B Maths ",
                                         .subject = "Maths",
                                         .year = "2026-2027",
                                         .term = "1",
                                         .colour = "#3366cc",
                                         .position = 2});
  BOOST_TEST(isUuid(id));
  const SchoolClass c = classes.get(id);
  BOOST_TEST(c.name == "4B Maths"); // surrounding spaces trimmed
  BOOST_TEST(c.subject == "Maths");
  BOOST_TEST(c.year == "2026-2027");
  BOOST_TEST(c.colour == "#3366cc");
  BOOST_TEST(!c.archived);
  BOOST_TEST(c.position == 2.0);
}

BOOST_FIXTURE_TEST_CASE(a_class_needs_a_name, test::DatabaseFixture)
{
  Classes classes(db);
  BOOST_TEST(messageOf([&] { classes.create({.name = ""}); }) == "The class name cannot be empty.");
  BOOST_TEST(messageOf([&] { classes.create({.name = "  \t "}); }) ==
             "The class name cannot be empty.");
  BOOST_TEST(classes.list().empty());

  const std::string id = classes.create({.name = "4B Maths"});
  BOOST_TEST(contains(messageOf([&] { classes.update(id, {.name = " "}); }), "class name"));
  BOOST_TEST(
      contains(messageOf([&] { classes.create({.name = std::string(201, 'x')}); }), "too long"));
  BOOST_TEST(classes.get(id).name == "4B Maths");
}

BOOST_FIXTURE_TEST_CASE(a_class_colour_is_written_as_rrggbb, test::DatabaseFixture)
{
  Classes classes(db);
  BOOST_TEST(classes.get(classes.create({.name = "A", .colour = "#3366CC"})).colour == "#3366CC");
  BOOST_TEST(classes.get(classes.create({.name = "B", .colour = ""})).colour == "");
  for (const char* wrong : {"blue", "#3366c", "3366cc0", "#3366cg", "#3366ccc"}) {
    const std::string message = messageOf([&] { classes.create({.name = "C", .colour = wrong}); });
    BOOST_TEST(contains(message, "#RRGGBB"), wrong);
    BOOST_TEST(contains(message, wrong), wrong);
  }
  BOOST_TEST(classes.list().size() == 2u);
}

BOOST_FIXTURE_TEST_CASE(archived_classes_can_be_left_out_of_the_list, test::DatabaseFixture)
{
  Classes classes(db);
  const std::string current = classes.create({.name = "4B Maths"});
  const std::string old = classes.create({.name = "Last year's 3B"});
  classes.update(old, {.archived = true});
  BOOST_TEST(classes.list(true).size() == 2u);
  const auto active = classes.list(false);
  BOOST_TEST_REQUIRE(active.size() == 1u);
  BOOST_TEST(active[0].id == current);
}

// --- Unknown and deleted records ---------------------------------------------------------------

BOOST_FIXTURE_TEST_CASE(an_unknown_id_is_not_found_in_every_repository, Gradebook)
{
  const std::string unknown = newUuid();
  BOOST_TEST(contains(messageOf<NotFoundError>([&] { classes.get(unknown); }), unknown));
  BOOST_CHECK_THROW(students.get(unknown), NotFoundError);
  BOOST_CHECK_THROW(assessments.get(unknown), NotFoundError);
  BOOST_CHECK_THROW(Categories(db).get(unknown), NotFoundError);
  BOOST_CHECK_THROW(Journal(db).get(unknown), NotFoundError);
  BOOST_CHECK_THROW(Resources(db).get(unknown), NotFoundError);
  BOOST_CHECK_THROW(classes.update(unknown, {.name = "X"}), NotFoundError);
  BOOST_CHECK_THROW(students.remove(unknown), NotFoundError);
  BOOST_CHECK_THROW(marks.remove(unknown), NotFoundError);
  BOOST_CHECK_THROW(deleteRecord(db, unknown), NotFoundError);
}

BOOST_FIXTURE_TEST_CASE(a_deleted_record_is_not_found_any_more, Gradebook)
{
  students.remove(ana);
  const std::string message = messageOf<NotFoundError>([&] { students.get(ana); });
  BOOST_TEST(contains(message, "deleted"));
  BOOST_CHECK_THROW(students.update(ana, {.notes = "x"}), NotFoundError);
  BOOST_CHECK_THROW(students.remove(ana), NotFoundError);
  BOOST_TEST(students.list(classId).empty());

  BOOST_TEST(deleteRecord(db, quiz) == "assessment");
  BOOST_CHECK_THROW(assessments.get(quiz), NotFoundError);
  BOOST_CHECK_THROW(deleteRecord(db, quiz), NotFoundError);
}

BOOST_FIXTURE_TEST_CASE(a_removed_record_comes_back_as_it_was, Gradebook)
{
  students.update(ana, {.notes = "Needs glasses"});
  students.remove(ana);
  BOOST_TEST(restoreRecord(db, ana) == "student");
  BOOST_TEST(students.get(ana).notes == "Needs glasses");
  BOOST_TEST(students.list(classId).size() == 1);
  BOOST_TEST(restoreRecord(db, ana) == "student"); // already live: nothing changes
  BOOST_CHECK_THROW(restoreRecord(db, newUuid()), NotFoundError);
}

// --- Students ----------------------------------------------------------------------------------

BOOST_FIXTURE_TEST_CASE(a_student_needs_a_given_or_a_family_name, Gradebook)
{
  BOOST_TEST(messageOf([&] { students.create({.classId = classId}); }) ==
             "A student needs a given name or a family name.");
  BOOST_TEST(messageOf([&] {
               students.create({.classId = classId, .givenName = " ", .familyName = ""});
             }) == "A student needs a given name or a family name.");
  BOOST_TEST(
      students.get(students.create({.classId = classId, .familyName = "Okafor"})).familyName ==
      "Okafor");
  // Removing the only name left is refused too.
  BOOST_CHECK_THROW(students.update(ana, {.givenName = "", .familyName = ""}), ValidationError);
  BOOST_TEST(students.get(ana).givenName == "Ana");
}

BOOST_FIXTURE_TEST_CASE(a_student_email_must_look_like_an_address, Gradebook)
{
  const std::string id =
      students.create({.classId = classId, .givenName = "Bo", .email = "bo.li@school.org"});
  BOOST_TEST(students.get(id).email == "bo.li@school.org");
  for (const char* wrong :
       {"bo", "bo@school", "@school.org", "bo@@school.org", "bo li@school.org", "bo@school.org."}) {
    const std::string message = messageOf(
        [&] { students.create({.classId = classId, .givenName = "Bo", .email = wrong}); });
    BOOST_TEST(contains(message, "is not an e-mail address"), wrong);
    BOOST_TEST(contains(message, wrong), wrong);
  }
  BOOST_CHECK_THROW(students.update(id, {.email = "bo"}), ValidationError);
  BOOST_TEST(students.get(id).email == "bo.li@school.org");
  // No address at all is fine.
  students.update(id, {.email = ""});
  BOOST_TEST(students.get(id).email == "");
}

BOOST_FIXTURE_TEST_CASE(a_student_belongs_to_an_existing_class, Gradebook)
{
  const std::string unknown = newUuid();
  BOOST_TEST(contains(
      messageOf<NotFoundError>([&] { students.create({.classId = unknown, .givenName = "Bo"}); }),
      "There is no class with id " + unknown));
  classes.remove(otherClassId);
  BOOST_CHECK_THROW(students.create({.classId = otherClassId, .givenName = "Bo"}), NotFoundError);
  BOOST_CHECK_THROW(students.update(ana, {.classId = otherClassId}), NotFoundError);
  BOOST_TEST(students.get(ana).classId == classId);
  BOOST_TEST(students.list().size() == 1u);
}

BOOST_FIXTURE_TEST_CASE(students_are_listed_by_family_then_given_name, Gradebook)
{
  students.create({.classId = classId, .givenName = "Zoe", .familyName = "alvarez"});
  students.create({.classId = classId, .givenName = "Bo", .familyName = "Ruiz"});
  students.create({.classId = otherClassId, .givenName = "Kim", .familyName = "Abe"});
  std::vector<std::string> names;
  for (const auto& s : students.list(classId)) {
    names.push_back(s.givenName);
  }
  BOOST_TEST(names == (std::vector<std::string>{"Zoe", "Ana", "Bo"}));
  BOOST_TEST(students.list().size() == 4u);
}

// --- Dates -------------------------------------------------------------------------------------

BOOST_AUTO_TEST_CASE(a_date_is_a_real_calendar_day_written_yyyy_mm_dd)
{
  BOOST_TEST(isDate("2026-09-14"));
  BOOST_TEST(isDate("2028-02-29"));  // leap year
  BOOST_TEST(isDate("2000-02-29"));  // divisible by 400
  BOOST_TEST(!isDate("2026-02-29")); // not a leap year
  BOOST_TEST(!isDate("2100-02-29")); // divisible by 100 only
  BOOST_TEST(!isDate("2026-04-31"));
  BOOST_TEST(!isDate("2026-13-01"));
  BOOST_TEST(!isDate("2026-00-10"));
  BOOST_TEST(!isDate("2026-01-00"));
  BOOST_TEST(!isDate("14/09/2026"));
  BOOST_TEST(!isDate("2026-9-14"));
  BOOST_TEST(!isDate("2026-09-14T10:00"));
  BOOST_TEST(!isDate(""));

  const std::string message = messageOf([] { requireDate("14/09/2026"); });
  BOOST_TEST(contains(message, "'14/09/2026' is not a date"));
  BOOST_TEST(contains(message, "YYYY-MM-DD"));
  BOOST_TEST(requireDate("2028-02-29") == "2028-02-29");
}

BOOST_FIXTURE_TEST_CASE(dates_are_checked_wherever_the_teacher_types_one, Gradebook)
{
  BOOST_TEST(contains(messageOf([&] {
                        assessments.create(
                            {.classId = classId, .name = "Test", .date = "2026-02-29"});
                      }),
                      "YYYY-MM-DD"));
  BOOST_TEST(
      assessments
          .get(assessments.create({.classId = classId, .name = "Test", .date = "2028-02-29"}))
          .date == "2028-02-29");
  BOOST_CHECK_THROW(assessments.update(quiz, {.date = "14/09/2026"}), ValidationError);
  BOOST_TEST(assessments.get(quiz).date == "2026-10-05");

  BOOST_CHECK_THROW(
      Journal(db).create({.classId = classId, .date = "14/09/2026", .title = "Fractions"}),
      ValidationError);
  BOOST_CHECK_THROW(Attendance(db).set(ana, "2026-02-29", AttendanceState::Absent),
                    ValidationError);
  BOOST_TEST(Journal(db).list().empty());
  BOOST_TEST(Attendance(db).list().empty());
}

// --- Scales ------------------------------------------------------------------------------------

BOOST_AUTO_TEST_CASE(a_numeric_scale_needs_its_lowest_below_its_highest_and_the_pass_mark_inside)
{
  const Scale twenty = Scale::numeric(0, 20, 10);
  BOOST_TEST(twenty.min == 0.0);
  BOOST_TEST(twenty.max == 20.0);
  BOOST_TEST(twenty.passMark == 10.0);
  BOOST_TEST(contains(messageOf([] { Scale::numeric(10, 0, 5); }), "10 is not below 0"));
  BOOST_CHECK_THROW(Scale::numeric(5, 5, 5), ValidationError);
  BOOST_TEST(contains(messageOf([] { Scale::numeric(0, 10, 11); }),
                      "The pass mark 11 is outside the scale"));
  BOOST_CHECK_THROW(Scale::numeric(0, 10, -1), ValidationError);
}

BOOST_AUTO_TEST_CASE(a_symbol_scale_is_read_from_symbol_equals_value)
{
  const Scale letters = Scale::fromSymbols("A=10;B=8;C=5;F=0");
  BOOST_TEST(letters.kind == Scale::Kind::Symbols);
  BOOST_TEST_REQUIRE(letters.symbols.size() == 4u);
  BOOST_TEST(letters.symbols[0].first == "A");
  BOOST_TEST(letters.symbols[0].second == 10.0);
  BOOST_TEST(letters.symbols[2].first == "C");
  BOOST_TEST(letters.symbols[2].second == 5.0);
  BOOST_TEST(letters.min == 0.0);
  BOOST_TEST(letters.max == 10.0);
  BOOST_TEST(letters.passMark == 5.0); // halfway when not given
  BOOST_TEST(letters.symbolsText() == "A=10;B=8;C=5;F=0");
  BOOST_TEST(letters.valueOf(store::Value{std::string("B")}) == 8.0);
  BOOST_TEST(letters.passes(store::Value{std::string("C")}));
  BOOST_TEST(!letters.passes(store::Value{std::string("F")}));

  const Scale decimals = Scale::fromSymbols("Pass=7,5;Fail=2.5", 5);
  BOOST_TEST(decimals.max == 7.5);
  BOOST_TEST(decimals.min == 2.5);
  BOOST_TEST(decimals.passMark == 5.0);
}

BOOST_AUTO_TEST_CASE(letter_marks_are_read_whatever_their_case_and_stored_as_the_scale_writes_them)
{
  const Scale letters = Scale::fromSymbols("A=10;B=8;C=5;F=0");
  BOOST_TEST(store::toText(letters.parse("b")) == "B");
  BOOST_TEST(letters.valueOf(store::Value{std::string("c")}) == 5.0);
  BOOST_TEST(letters.fits(store::Value{std::string("f")}));
  BOOST_CHECK_THROW(letters.parse("x"), ValidationError);
  // A scale that has both cases keeps them apart.
  const Scale both = Scale::fromSymbols("a=10;A=8");
  BOOST_TEST(both.valueOf(store::Value{std::string("a")}) == 10.0);
  BOOST_TEST(both.valueOf(store::Value{std::string("A")}) == 8.0);
}

BOOST_FIXTURE_TEST_CASE(a_symbol_scale_typed_with_spaces_takes_the_symbols_as_written, Gradebook)
{
  const Scale letters = Scale::fromSymbols("A = 10; B = 8; C = 5; F = 0");
  BOOST_TEST(letters.symbolsText() == "A=10;B=8;C=5;F=0");
  BOOST_TEST(letters.valueOf(store::Value{std::string("B")}) == 8.0);

  const std::string essay =
      assessments.create({.classId = classId, .name = "Essay", .scale = letters});
  marks.set(ana, essay, {.value = "B"});
  BOOST_TEST(store::toText(marks.find(ana, essay)->value) == "B");
  // Spaces inside a symbol are part of it.
  BOOST_TEST(Scale::fromSymbols("Very good=10; Poor=2").symbols[0].first == "Very good");
}

BOOST_FIXTURE_TEST_CASE(a_symbol_scale_of_numbers_keeps_its_marks, Gradebook)
{
  // German-style grades: the symbols look like numbers (SQLite stores such text as numbers).
  const std::string test =
      assessments.create({.classId = classId,
                          .name = "Klassenarbeit",
                          .scale = Scale::fromSymbols("1=10;2=8;3=6;4=4;5=2;6=0")});
  marks.set(ana, test, {.value = "2"});
  const auto mark = marks.find(ana, test);
  BOOST_TEST_REQUIRE(mark.has_value());
  BOOST_TEST(store::toText(mark->value) == "2");
  BOOST_TEST(assessments.get(test).scale.valueOf(mark->value) == 8.0);
  BOOST_CHECK_THROW(marks.set(ana, test, {.value = "7"}), ValidationError);
}

BOOST_AUTO_TEST_CASE(a_malformed_symbol_scale_is_refused_with_an_example)
{
  for (const char* wrong : {"A10;B=8", "=10;B=8", "A=ten", "A=10;B=", ""}) {
    const std::string message = messageOf([&] { Scale::fromSymbols(wrong); });
    BOOST_TEST(contains(message, "A=10;B=8;C=5;F=0"), wrong);
  }
  BOOST_TEST(contains(messageOf([] { Scale::fromSymbols("A=10;A=8"); }), "'A' appears twice"));
  BOOST_TEST(contains(messageOf([] { Scale::fromSymbols("A=10;F=0", 12); }), "pass mark 12"));
}

// --- Marks -------------------------------------------------------------------------------------

BOOST_FIXTURE_TEST_CASE(a_mark_outside_the_scale_is_refused_naming_the_range, Gradebook)
{
  const std::string message = messageOf([&] { marks.set(ana, quiz, {.value = "12"}); });
  BOOST_TEST(contains(message, "12 is outside"));
  BOOST_TEST(contains(message, "0 to 10"));
  BOOST_CHECK_THROW(marks.set(ana, quiz, {.value = "-0.5"}), ValidationError);
  BOOST_TEST(
      contains(messageOf([&] { marks.set(ana, quiz, {.value = "seven"}); }), "is not a number"));
  BOOST_TEST(!marks.find(ana, quiz).has_value());
}

BOOST_FIXTURE_TEST_CASE(a_mark_typed_with_a_decimal_comma_is_the_same_mark, Gradebook)
{
  marks.set(ana, quiz, {.value = "7,5"});
  const auto mark = marks.find(ana, quiz);
  BOOST_TEST_REQUIRE(mark.has_value());
  BOOST_TEST(numberOf(mark->value) == 7.5);
  marks.set(ana, quiz, {.value = "7.5"});
  BOOST_TEST(numberOf(marks.find(ana, quiz)->value) == 7.5);
  marks.set(ana, quiz, {.value = "10"});
  BOOST_TEST(numberOf(marks.find(ana, quiz)->value) == 10.0); // the top of the scale is in it
}

BOOST_FIXTURE_TEST_CASE(a_symbol_mark_must_be_one_of_the_scale_symbols, Gradebook)
{
  const std::string essay = assessments.create(
      {.classId = classId, .name = "Essay", .scale = Scale::fromSymbols("A=10;B=8;C=5;F=0")});
  BOOST_TEST(assessments.get(essay).scale.symbolsText() == "A=10;B=8;C=5;F=0");
  marks.set(ana, essay, {.value = "B"});
  BOOST_TEST(store::toText(marks.find(ana, essay)->value) == "B");

  const std::string message = messageOf([&] { marks.set(ana, essay, {.value = "E"}); });
  BOOST_TEST(contains(message, "'E' is not a mark of this scale"));
  BOOST_TEST(contains(message, "A, B, C, F"));
  BOOST_CHECK_THROW(marks.set(ana, essay, {.value = "8"}), ValidationError);
  BOOST_TEST(store::toText(marks.find(ana, essay)->value) == "B");
}

BOOST_FIXTURE_TEST_CASE(a_student_of_another_class_cannot_get_a_mark_in_this_one, Gradebook)
{
  const std::string kim = students.create({.classId = otherClassId, .givenName = "Kim"});
  const std::string message = messageOf([&] { marks.set(kim, quiz, {.value = "6"}); });
  BOOST_TEST(contains(message, "is not in the class of the assessment"));
  BOOST_TEST(!marks.find(kim, quiz).has_value());
  BOOST_TEST(count(db, "SELECT count(*) FROM mark") == 0);
}

BOOST_FIXTURE_TEST_CASE(a_mark_needs_a_value_a_comment_or_a_status, Gradebook)
{
  BOOST_TEST(contains(messageOf([&] { marks.set(ana, quiz, {}); }), "A mark needs a value"));
  marks.set(ana, quiz, {.status = MarkStatus::Excused});
  BOOST_TEST(marks.find(ana, quiz)->status == MarkStatus::Excused);
  BOOST_TEST(store::isNull(marks.find(ana, quiz)->value));
  BOOST_TEST(parseMarkStatus("missing") == MarkStatus::Missing);
  BOOST_TEST(contains(messageOf([] { parseMarkStatus("absent"); }), "normal, excused or missing"));
}

BOOST_FIXTURE_TEST_CASE(setting_a_mark_twice_changes_the_same_record, Gradebook)
{
  const std::string first = marks.set(ana, quiz, {.value = "6", .comment = "Careless errors"});
  const std::string second = marks.set(ana, quiz, {.value = "8"});
  BOOST_TEST(first == second);
  BOOST_TEST(first == Marks::markId(ana, quiz));
  const auto mark = marks.find(ana, quiz);
  BOOST_TEST(numberOf(mark->value) == 8.0);
  BOOST_TEST(mark->comment == "Careless errors"); // left as it was
  BOOST_TEST(count(db, "SELECT count(*) FROM mark") == 1);
  BOOST_TEST(marks.list(classId).size() == 1u);
}

BOOST_FIXTURE_TEST_CASE(a_removed_mark_set_again_comes_back_fresh_under_the_same_id, Gradebook)
{
  const std::string id = marks.set(ana, quiz, {.value = "6", .comment = "Careless errors"});
  marks.remove(id);
  BOOST_TEST(!marks.find(ana, quiz).has_value());
  BOOST_TEST(marks.list(classId).empty());

  BOOST_TEST(marks.set(ana, quiz, {.value = "9"}) == id);
  const auto mark = marks.find(ana, quiz);
  BOOST_TEST_REQUIRE(mark.has_value());
  BOOST_TEST(numberOf(mark->value) == 9.0);
  BOOST_TEST(mark->comment == ""); // the old comment does not come back with it
  BOOST_TEST(mark->status == MarkStatus::Normal);
  BOOST_TEST(count(db, "SELECT count(*) FROM mark") == 1);
}

BOOST_FIXTURE_TEST_CASE(a_new_scale_that_no_longer_fits_a_given_mark_is_refused, Gradebook)
{
  marks.set(ana, quiz, {.value = "8"});
  const std::string message =
      messageOf([&] { assessments.update(quiz, {.scale = Scale::numeric(0, 5, 2.5)}); });
  BOOST_TEST(contains(message, "does not fit a mark already given"));
  BOOST_TEST(contains(message, "8 is outside"));
  BOOST_TEST(assessments.get(quiz).scale.max == 10.0);
  BOOST_CHECK_THROW(assessments.update(quiz, {.scale = Scale::fromSymbols("A=10;B=8;F=0")}),
                    ValidationError);
  BOOST_TEST(assessments.get(quiz).scale.kind == Scale::Kind::Numeric);

  // A wider scale keeps every mark valid.
  assessments.update(quiz, {.scale = Scale::numeric(0, 20, 10)});
  BOOST_TEST(assessments.get(quiz).scale.max == 20.0);
  BOOST_TEST(assessments.get(quiz).scale.passMark == 10.0);
}

BOOST_FIXTURE_TEST_CASE(an_assessment_category_must_be_of_the_same_class, Gradebook)
{
  Categories categories(db);
  const std::string tests = categories.create({.classId = classId, .name = "Tests", .weight = 2});
  const std::string labs = categories.create({.classId = otherClassId, .name = "Labs"});
  BOOST_TEST(
      assessments
          .get(assessments.create({.classId = classId, .categoryId = tests, .name = "Test 1"}))
          .categoryId == tests);
  BOOST_TEST(contains(messageOf([&] {
                        assessments.create(
                            {.classId = classId, .categoryId = labs, .name = "Lab 1"});
                      }),
                      "belongs to another class"));
  BOOST_CHECK_THROW(categories.create({.classId = classId, .name = "Heavy", .weight = -1}),
                    ValidationError);
  BOOST_CHECK_THROW(assessments.update(quiz, {.weight = 1001}), ValidationError);
  BOOST_CHECK_THROW(categories.create({.classId = classId, .name = " "}), ValidationError);
}

// --- Attendance --------------------------------------------------------------------------------

BOOST_FIXTURE_TEST_CASE(attendance_is_one_record_per_student_date_and_session, Gradebook)
{
  Attendance attendance(db);
  const std::string id = attendance.set(ana, "2026-10-05", AttendanceState::Absent, {}, "Flu");
  BOOST_TEST(attendance.set(ana, "2026-10-05", AttendanceState::Justified) == id);
  auto records = attendance.list(classId);
  BOOST_TEST_REQUIRE(records.size() == 1u);
  BOOST_TEST(records[0].state == AttendanceState::Justified);
  BOOST_TEST(records[0].note == "Flu"); // the note stays when not given
  BOOST_TEST(records[0].date == "2026-10-05");

  // Another session of the same day is another record.
  const std::string afternoon =
      attendance.set(ana, "2026-10-05", AttendanceState::Late, "afternoon");
  BOOST_TEST(afternoon != id);
  BOOST_TEST(attendance.list(classId).size() == 2u);
  BOOST_TEST(attendance.list(classId, "2026-10-06").empty());
  BOOST_TEST(attendance.list(classId, "2026-10-01", "2026-10-05").size() == 2u);
  BOOST_CHECK_THROW(attendance.set(newUuid(), "2026-10-05", AttendanceState::Present),
                    NotFoundError);
}

BOOST_FIXTURE_TEST_CASE(a_removed_attendance_record_set_again_comes_back, Gradebook)
{
  Attendance attendance(db);
  const std::string id = attendance.set(ana, "2026-10-05", AttendanceState::Absent, {}, "Flu");
  attendance.remove(id);
  BOOST_TEST(attendance.list().empty());
  BOOST_TEST(attendance.set(ana, "2026-10-05", AttendanceState::Late) == id);
  const auto records = attendance.list();
  BOOST_TEST_REQUIRE(records.size() == 1u);
  BOOST_TEST(records[0].state == AttendanceState::Late);
  BOOST_TEST(records[0].note == "");
}

BOOST_AUTO_TEST_CASE(attendance_states_are_read_from_their_names)
{
  BOOST_TEST(parseAttendanceState("present") == AttendanceState::Present);
  BOOST_TEST(parseAttendanceState("absent") == AttendanceState::Absent);
  BOOST_TEST(parseAttendanceState("late") == AttendanceState::Late);
  BOOST_TEST(parseAttendanceState("justified") == AttendanceState::Justified);
  for (auto state : {AttendanceState::Present, AttendanceState::Absent, AttendanceState::Late,
                     AttendanceState::Justified}) {
    BOOST_TEST((parseAttendanceState(toText(state)) == state));
  }
  const std::string message = messageOf([] { parseAttendanceState("sick"); });
  BOOST_TEST(contains(message, "'sick' is not an attendance state"));
  BOOST_TEST(contains(message, "present, absent, late or justified"));
}

// --- Journal -----------------------------------------------------------------------------------

BOOST_FIXTURE_TEST_CASE(a_journal_entry_is_created_updated_and_found_by_any_case, Gradebook)
{
  Journal journal(db);
  const std::string fractions = journal.create({.classId = classId,
                                                .date = "2026-10-05",
                                                .title = "Fractions",
                                                .body = "Introduced EQUIVALENT fractions."});
  const std::string angles = journal.create({.classId = classId,
                                             .date = "2026-10-06",
                                             .title = "Angles",
                                             .body = "Protractor practice."});
  journal.create({.classId = otherClassId, .date = "2026-10-05", .title = "Fractions in physics?"});

  journal.update(angles, {.body = "Protractor practice. Homework: page 12.", .done = true});
  const JournalEntry entry = journal.get(angles);
  BOOST_TEST(entry.body == "Protractor practice. Homework: page 12.");
  BOOST_TEST(entry.done);
  BOOST_TEST(entry.title == "Angles");

  auto found = journal.list(classId, "equivalent");
  BOOST_TEST_REQUIRE(found.size() == 1u);
  BOOST_TEST(found[0].id == fractions);
  BOOST_TEST(journal.list(classId, "FRACTIONS").size() == 1u);
  BOOST_TEST(journal.list(classId, "homework").size() == 1u);
  BOOST_TEST(journal.list({}, "fractions").size() == 2u);
  BOOST_TEST(journal.list(classId, "algebra").empty());
  BOOST_TEST(journal.list(classId).size() == 2u); // before the elections entry

  const std::string elections = journal.create(
      {.classId = classId, .date = "2026-10-07", .title = "Élections des délégués"});
  found = journal.list(classId, "élections");
  BOOST_TEST_REQUIRE(found.size() == 1u);
  BOOST_TEST(found[0].id == elections);
  BOOST_TEST(journal.list(classId, "DÉLÉGUÉS").size() == 1u);

  BOOST_CHECK_THROW(journal.update(angles, {.date = "2026-02-30"}), ValidationError);
  BOOST_CHECK_THROW(journal.create({.classId = newUuid(), .date = "2026-10-05"}), NotFoundError);
}

// --- Resources ---------------------------------------------------------------------------------

BOOST_FIXTURE_TEST_CASE(a_resource_needs_a_plain_file_name_and_a_sha256, Gradebook)
{
  Resources resources(db);
  const std::string id = resources.create(
      {.classId = classId, .fileName = "worksheet.pdf", .size = 1234, .blobHash = kHash});
  const Resource r = resources.get(id);
  BOOST_TEST(r.fileName == "worksheet.pdf");
  BOOST_TEST(r.mimeType == "application/octet-stream");
  BOOST_TEST(r.size == 1234);
  BOOST_TEST(r.blobHash == kHash);

  std::string upper = kHash;
  upper[0] = 'F';
  for (const std::string& wrong :
       {upper, kHash.substr(1), kHash + "0", std::string(63, 'a') + "g"}) {
    BOOST_TEST(!isBlobHash(wrong), wrong);
    BOOST_TEST(
        contains(messageOf([&] { resources.create({.fileName = "a.pdf", .blobHash = wrong}); }),
                 "64 lower-case hex digits"));
  }
  for (const char* wrong : {"notes/worksheet.pdf", "..\\secret.txt", "..", " "}) {
    BOOST_CHECK_THROW(resources.create({.fileName = wrong, .blobHash = kHash}), ValidationError);
  }
  BOOST_TEST(
      contains(messageOf([&] { resources.update(id, {.fileName = "a/b.pdf"}); }), "no folders"));
  BOOST_CHECK_THROW(resources.create({.fileName = "a.pdf", .size = -1, .blobHash = kHash}),
                    ValidationError);
  BOOST_CHECK_THROW(
      resources.create({.classId = newUuid(), .fileName = "a.pdf", .blobHash = kHash}),
      NotFoundError);
  BOOST_TEST(resources.list().size() == 1u);

  // Not tied to a class is fine.
  const std::string loose = resources.create({.fileName = "timetable.png", .blobHash = kHash});
  BOOST_TEST(resources.get(loose).classId == "");
  BOOST_TEST(resources.list(classId).size() == 1u);
}

BOOST_AUTO_TEST_SUITE_END()
