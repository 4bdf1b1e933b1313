// Report card comments and the class's school name (model/report_comments.h, classes.h): one
// comment per (class, student, term or year) with an id derived from that triple, trimmed,
// limited in length, empty = deleted; the school name a synced field of the class.
#include "pupitre/error.h"
#include "pupitre/model/class_copy.h"
#include "pupitre/model/classes.h"
#include "pupitre/model/report_comments.h"
#include "pupitre/model/students.h"
#include "pupitre/model/terms.h"
#include "pupitre/store/rows.h"
#include "support/sandbox.h"

#include <boost/test/unit_test.hpp>

using namespace pupitre;
using namespace pupitre::model;

namespace {

struct CommentBook : test::DatabaseFixture
{
  Classes classes{db};
  Students students{db};
  ReportComments comments{db};
  std::string classId = classes.createWithTerms({.name = "4B Maths", .year = "2026-2027"},
                                                "2026-12-06", defaultTermNames());
  std::string ana = students.create({.classId = classId, .givenName = "Ana", .familyName = "Ruiz"});
  std::string firstTerm = Terms(db).list(classId)[0].id;
};

std::string messageOf(const std::function<void()>& action)
{
  try {
    action();
  } catch (const Error& e) {
    return e.what();
  }
  return "(no error)";
}

} // namespace

BOOST_AUTO_TEST_SUITE(report_comments_tests)

BOOST_FIXTURE_TEST_CASE(a_comment_is_kept_trimmed_per_term_and_for_the_year, CommentBook)
{
  const auto id = comments.set(classId, ana, "", "  Muy buen curso, Ana. 很好 \n");
  BOOST_TEST(id == ReportComments::recordId(classId, ana, ""));
  BOOST_TEST(comments.get(classId, ana, "") == "Muy buen curso, Ana. 很好");
  BOOST_TEST(comments.get(classId, ana, firstTerm).empty());
  const auto termId = comments.set(classId, ana, firstTerm, "Primer trimestre:\nbien.");
  BOOST_TEST(termId != id);
  BOOST_TEST(comments.get(classId, ana, firstTerm) == "Primer trimestre:\nbien.");
  BOOST_TEST(comments.list(classId, "").at(ana) == "Muy buen curso, Ana. 很好");
  BOOST_TEST(comments.list(classId, firstTerm).at(ana) == "Primer trimestre:\nbien.");
  // The same triple gives the same record on every device.
  BOOST_TEST(ReportComments::recordId(classId, ana, firstTerm) == termId);
}

BOOST_FIXTURE_TEST_CASE(an_empty_comment_deletes_the_record_and_a_new_one_revives_it, CommentBook)
{
  const auto id = comments.set(classId, ana, "", "Bien");
  comments.set(classId, ana, "", "   ");
  const auto row = store::findRow(db, *store::findTable("report_comment"), id);
  BOOST_TEST_REQUIRE(row.has_value());
  BOOST_TEST(row->deleted);
  BOOST_TEST(comments.get(classId, ana, "").empty());
  BOOST_TEST(comments.list(classId, "").empty());
  comments.set(classId, ana, "", "Mejor");
  BOOST_TEST(comments.get(classId, ana, "") == "Mejor");
  comments.clear(classId, ana, "");
  BOOST_TEST(comments.get(classId, ana, "").empty());
  comments.clear(classId, ana, ""); // nothing to clear: no error
}

BOOST_FIXTURE_TEST_CASE(a_comment_too_long_is_refused_with_its_length, CommentBook)
{
  const std::string atLimit(ReportComments::kMaxLength, 'a');
  comments.set(classId, ana, "", atLimit);
  std::string tooLong;
  for (std::size_t i = 0; i <= ReportComments::kMaxLength; ++i) {
    tooLong += "é"; // two bytes, one character
  }
  const auto message = messageOf([&] { comments.set(classId, ana, "", tooLong); });
  BOOST_TEST(message == "A report card comment holds at most 1000 characters (about 10 lines); "
                        "this one has 1001. Shorten it and save it again.");
  BOOST_TEST(comments.get(classId, ana, "") == atLimit);
  BOOST_TEST(messageOf([&] { comments.set(classId, ana, "", "bad \xC3"); }) ==
             "The comment is not UTF-8 text; save the file as UTF-8 and try again.");
}

BOOST_FIXTURE_TEST_CASE(a_comment_needs_the_student_in_the_class_and_a_term_of_it, CommentBook)
{
  const auto other = classes.createWithTerms({.name = "4C Maths", .year = "2026-2027"},
                                             "2026-12-06", defaultTermNames());
  BOOST_TEST(messageOf([&] { comments.set(other, ana, "", "x"); }) ==
             "The student " + ana + " is not in the class " + other + ".");
  const auto otherTerm = Terms(db).list(other)[0].id;
  BOOST_TEST(messageOf([&] { comments.set(classId, ana, otherTerm, "x"); }) ==
             "The term " + otherTerm + " is not a term of the class " + classId + ".");
  BOOST_CHECK_THROW(comments.set(classId, "no-such-student", "", "x"), NotFoundError);
}

BOOST_FIXTURE_TEST_CASE(the_school_name_is_a_field_of_the_class_copied_with_it, CommentBook)
{
  BOOST_TEST(classes.get(classId).school.empty());
  classes.update(classId, {.school = std::string("  IES Lluís Vives ")});
  BOOST_TEST(classes.get(classId).school == "IES Lluís Vives");
  const auto copy = copyClassStructure(db, classId, "4B Maths 2027");
  BOOST_TEST(classes.get(copy).school == "IES Lluís Vives");
  classes.update(classId, {.school = std::string(" ")});
  BOOST_TEST(classes.get(classId).school.empty());
  const auto made = classes.create({.name = "1A", .school = "Escola Pia"});
  BOOST_TEST(classes.get(made).school == "Escola Pia");
  BOOST_CHECK_THROW(classes.update(classId, {.school = std::string(201, 'x')}), ValidationError);
}

BOOST_AUTO_TEST_SUITE_END()
