// Evaluation periods (terms): the default set of a new class, the term an assessment belongs
// to, averages per term, the final mark (mean, weighted, or the teacher's own), attendance
// per term, and copying a class's terms.
#include "pupitre/error.h"
#include "pupitre/model/attendance.h"
#include "pupitre/model/classes.h"
#include "pupitre/model/final_marks.h"
#include "pupitre/model/hidden_edits.h"
#include "pupitre/model/marks.h"
#include "pupitre/model/records.h"
#include "pupitre/model/students.h"
#include "pupitre/model/term_averages.h"
#include "pupitre/model/terms.h"
#include "support/sandbox.h"

#include <boost/test/unit_test.hpp>

using namespace pupitre;
using namespace pupitre::model;

namespace {

constexpr double kTolerance = 1e-9;

struct TermBook : test::DatabaseFixture
{
  Classes classes{db};
  Students students{db};
  Assessments assessments{db};
  Marks marks{db};
  Terms terms{db};
  std::string classId = classes.createWithTerms({.name = "4B Maths", .year = "2026-2027"},
                                                "2026-12-06", defaultTermNames());
  std::string ana = students.create({.classId = classId, .givenName = "Ana", .familyName = "Ruiz"});
  std::string october = assessments.create({.classId = classId,
                                            .name = "October test",
                                            .date = "2026-10-05",
                                            .scale = Scale::numeric(0, 10, 5)});
  std::string february = assessments.create({.classId = classId,
                                             .name = "February test",
                                             .date = "2027-02-10",
                                             .scale = Scale::numeric(0, 10, 5)});

  StudentReport reportOfAna()
  {
    const auto report = classReport(db, classId);
    BOOST_TEST_REQUIRE(report.students.size() == 1u);
    return report.students[0];
  }
};

} // namespace

BOOST_AUTO_TEST_SUITE(terms_tests)

BOOST_FIXTURE_TEST_CASE(a_new_class_gets_three_terms_covering_its_school_year, TermBook)
{
  const auto all = terms.list(classId);
  BOOST_TEST_REQUIRE(all.size() == 3u);
  BOOST_TEST(all[0].name == "1st term");
  BOOST_TEST(all[0].start == "2026-09-01");
  BOOST_TEST(all[0].end == "2026-12-31");
  BOOST_TEST(all[1].start == "2027-01-01");
  BOOST_TEST(all[1].end == "2027-03-31");
  BOOST_TEST(all[2].name == "3rd term");
  BOOST_TEST(all[2].end == "2027-06-30");
}

BOOST_FIXTURE_TEST_CASE(the_app_names_the_default_terms_in_its_language, test::DatabaseFixture)
{
  Classes classes{db};
  const auto id = classes.createWithTerms({.name = "1ºA"}, "2027-03-15",
                                          {"1ª evaluación", "2ª evaluación", "3ª evaluación"});
  const auto all = Terms(db).list(id);
  BOOST_TEST_REQUIRE(all.size() == 3u);
  BOOST_TEST(all[0].name == "1ª evaluación");
  // No year on the class: the school year the day falls in (March 2027 -> 2026-2027).
  BOOST_TEST(all[0].start == "2026-09-01");
}

BOOST_AUTO_TEST_CASE(the_school_year_comes_from_the_class_year_or_the_date)
{
  BOOST_TEST(schoolYearStart("2025-2026", "2026-12-06") == 2025);
  BOOST_TEST(schoolYearStart("Curso 2024/25", "2026-12-06") == 2024);
  BOOST_TEST(schoolYearStart("", "2026-12-06") == 2026);
  BOOST_TEST(schoolYearStart("", "2026-06-30") == 2025);
  BOOST_TEST(schoolYearStart("", "2026-09-01") == 2026);
}

BOOST_FIXTURE_TEST_CASE(a_term_needs_a_name_and_dates_in_order, TermBook)
{
  BOOST_CHECK_THROW(
      terms.create({.classId = classId, .name = "", .start = "2027-07-01", .end = "2027-07-31"}),
      ValidationError);
  BOOST_CHECK_THROW(
      terms.create(
          {.classId = classId, .name = "Summer", .start = "2027-07-31", .end = "2027-07-01"}),
      ValidationError);
  BOOST_CHECK_THROW(
      terms.create(
          {.classId = classId, .name = "Summer", .start = "31/07/2027", .end = "2027-08-01"}),
      ValidationError);
  const auto first = terms.list(classId)[0];
  BOOST_CHECK_THROW(terms.update(first.id, {.end = std::string("2026-08-01")}), ValidationError);
  BOOST_CHECK_THROW(
      terms.create({.classId = "nope", .name = "X", .start = "2027-07-01", .end = "2027-07-02"}),
      NotFoundError);
}

BOOST_FIXTURE_TEST_CASE(an_assessment_belongs_to_the_term_of_its_date_unless_told, TermBook)
{
  const auto all = terms.list(classId);
  const auto report = classReport(db, classId);
  BOOST_TEST(report.termOfAssessment.at(october) == all[0].id);
  BOOST_TEST(report.termOfAssessment.at(february) == all[1].id);
  assessments.update(october, {.termId = all[2].id});
  BOOST_TEST(classReport(db, classId).termOfAssessment.at(october) == all[2].id);
  assessments.update(october, {.termId = std::string()});
  BOOST_TEST(classReport(db, classId).termOfAssessment.at(october) == all[0].id);
  // A date in no term (the summer) belongs to none: the "Year" group.
  assessments.update(october, {.date = std::string("2027-07-15")});
  BOOST_TEST(classReport(db, classId).termOfAssessment.at(october).empty());
  // A deleted term no longer claims its assessments: back to the date.
  assessments.update(february, {.termId = all[2].id});
  terms.remove(all[2].id);
  BOOST_TEST(classReport(db, classId).termOfAssessment.at(february) == all[1].id);
}

BOOST_FIXTURE_TEST_CASE(an_assessment_cannot_take_a_term_of_another_class, TermBook)
{
  const auto other = classes.createWithTerms({.name = "3A"}, "2026-12-06", defaultTermNames());
  BOOST_CHECK_THROW(assessments.update(october, {.termId = terms.list(other)[0].id}),
                    ValidationError);
}

BOOST_FIXTURE_TEST_CASE(term_averages_and_the_final_follow_the_class_mode, TermBook)
{
  const auto all = terms.list(classId);
  marks.set(ana, october, {std::string("8")});
  marks.set(ana, february, {std::string("4")});
  auto r = reportOfAna();
  BOOST_TEST(*r.termAverage(all[0].id) == 8, boost::test_tools::tolerance(kTolerance));
  BOOST_TEST(*r.termAverage(all[1].id) == 4, boost::test_tools::tolerance(kTolerance));
  BOOST_TEST(!r.termAverage(all[2].id));
  BOOST_TEST(*r.final() == 6, boost::test_tools::tolerance(kTolerance));
  BOOST_TEST(!r.overridden());

  terms.update(all[0].id, {.weight = 3.0});
  BOOST_TEST(*reportOfAna().final() == 6, boost::test_tools::tolerance(kTolerance));
  classes.update(classId, {.finalMode = FinalMode::Weighted});
  BOOST_TEST(std::string(toText(classes.get(classId).finalMode)) == "weighted");
  BOOST_TEST(*reportOfAna().final() == 7, boost::test_tools::tolerance(kTolerance));
}

BOOST_FIXTURE_TEST_CASE(moving_an_assessment_by_date_changes_the_term_averages, TermBook)
{
  const auto all = terms.list(classId);
  marks.set(ana, october, {std::string("8")});
  marks.set(ana, february, {std::string("4")});
  assessments.update(february, {.date = std::string("2026-11-20")});
  const auto r = reportOfAna();
  BOOST_TEST(*r.termAverage(all[0].id) == 6, boost::test_tools::tolerance(kTolerance));
  BOOST_TEST(!r.termAverage(all[1].id));
  BOOST_TEST(*r.final() == 6, boost::test_tools::tolerance(kTolerance));
}

BOOST_FIXTURE_TEST_CASE(the_teachers_final_overrides_and_clearing_it_computes_again, TermBook)
{
  marks.set(ana, october, {std::string("8")});
  FinalMarks finals{db};
  const auto id = finals.set(classId, ana, 9.5);
  BOOST_TEST(id == FinalMarks::recordId(classId, ana));
  auto r = reportOfAna();
  BOOST_TEST(r.overridden());
  BOOST_TEST(*r.final() == 9.5, boost::test_tools::tolerance(kTolerance));
  BOOST_TEST(*r.computedFinal == 8, boost::test_tools::tolerance(kTolerance));
  BOOST_CHECK_THROW(finals.set(classId, ana, 11), ValidationError);
  finals.clear(classId, ana);
  BOOST_TEST(!reportOfAna().overridden());
  BOOST_TEST(*reportOfAna().final() == 8, boost::test_tools::tolerance(kTolerance));
  finals.clear(classId, ana); // nothing to clear: no error
  finals.set(classId, ana, 7);
  BOOST_TEST(*reportOfAna().final() == 7, boost::test_tools::tolerance(kTolerance));
}

BOOST_FIXTURE_TEST_CASE(undated_assessments_only_give_the_year_average_as_final, TermBook)
{
  const auto undated = assessments.create({.classId = classId, .name = "Homework"});
  assessments.remove(october);
  assessments.remove(february);
  marks.set(ana, undated, {std::string("7")});
  const auto r = reportOfAna();
  BOOST_TEST(*r.final() == 7, boost::test_tools::tolerance(kTolerance));
}

BOOST_FIXTURE_TEST_CASE(attendance_is_totalled_per_term, TermBook)
{
  Attendance attendance{db};
  attendance.set(ana, "2026-10-01", AttendanceState::Absent);
  attendance.set(ana, "2026-10-02", AttendanceState::Late);
  attendance.set(ana, "2027-01-10", AttendanceState::Absent);
  const auto first = terms.list(classId)[0];
  const auto totals = attendance.totals(classId, first.start, first.end);
  BOOST_TEST(totals.at(ana).absent == 1);
  BOOST_TEST(totals.at(ana).late == 1);
  BOOST_TEST(attendance.totals(classId).at(ana).absent == 2);
}

BOOST_FIXTURE_TEST_CASE(a_deleted_term_comes_back_and_terms_copy_to_a_new_class, TermBook)
{
  const auto first = terms.list(classId)[0];
  terms.update(first.id, {.name = std::string("Autumn"), .weight = 2.0});
  deleteRecord(db, first.id);
  BOOST_TEST(terms.list(classId).size() == 2u);
  BOOST_TEST(restoreRecord(db, first.id) == "term");
  BOOST_TEST(terms.get(first.id).name == "Autumn");

  const auto copy = classes.create({.name = "4B Maths 2027"});
  const auto ids = terms.copyTo(classId, copy);
  const auto copied = terms.list(copy);
  BOOST_TEST_REQUIRE(copied.size() == 3u);
  BOOST_TEST(ids.size() == 3u);
  BOOST_TEST(copied[0].name == "Autumn");
  BOOST_TEST(copied[0].weight == 2.0);
  BOOST_TEST(copied[0].id != first.id);
  BOOST_TEST(copied[2].end == "2027-06-30");
}

BOOST_FIXTURE_TEST_CASE(a_term_edited_after_its_class_was_deleted_is_listed_hidden, TermBook)
{
  const auto first = terms.list(classId)[0];
  deleteRecord(db, classId);
  terms.update(first.id, {.name = std::string("Renamed")});
  bool found = false;
  for (const auto& h : hiddenEdits(db)) {
    found = found || (h.table == "term" && h.rowId == first.id && h.parentId == classId);
  }
  BOOST_TEST(found);
}

BOOST_AUTO_TEST_SUITE_END()
