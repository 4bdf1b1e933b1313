// Averages as the teacher sees them in the gradebook: weighted by assessment inside a
// category, by category for the final mark, on a common scale whatever each assessment's.
#include "pupitre/model/averages.h"
#include "pupitre/model/classes.h"
#include "pupitre/model/students.h"
#include "support/sandbox.h"

#include <boost/test/unit_test.hpp>

#include <string>
#include <vector>

using namespace pupitre;
using namespace pupitre::model;

namespace {

constexpr double kTolerance = 1e-9;

Assessment numericAssessment(const std::string& id, const std::string& categoryId,
                             double weight = 1, double min = 0, double max = 10)
{
  Assessment a;
  a.id = id;
  a.classId = "c";
  a.categoryId = categoryId;
  a.name = id;
  a.weight = weight;
  a.scale = Scale::numeric(min, max, (min + max) / 2);
  return a;
}

Mark mark(const std::string& studentId, const std::string& assessmentId, store::Value value,
          MarkStatus status = MarkStatus::Normal)
{
  Mark m;
  m.id = studentId + "/" + assessmentId;
  m.studentId = studentId;
  m.assessmentId = assessmentId;
  m.value = std::move(value);
  m.status = status;
  return m;
}

store::Value num(double value)
{
  return store::Value{value};
}

// The averages of a single student "s".
StudentAverages averagesOf(const std::vector<Category>& categories,
                           const std::vector<Assessment>& assessments,
                           const std::vector<Mark>& marks, double outOf = 10)
{
  const auto all = computeAverages({"s"}, categories, assessments, marks, outOf);
  BOOST_TEST_REQUIRE(all.size() == 1u);
  BOOST_TEST(all[0].studentId == "s");
  return all[0];
}

} // namespace

BOOST_AUTO_TEST_SUITE(averages_tests)

BOOST_AUTO_TEST_CASE(a_category_mean_weights_marks_by_their_assessment_weight)
{
  const std::vector<Category> categories{{"tests", "c", "Tests", 1}};
  const std::vector<Assessment> assessments{numericAssessment("quiz", "tests", 1),
                                            numericAssessment("exam", "tests", 3)};
  const auto avg =
      averagesOf(categories, assessments, {mark("s", "quiz", num(4)), mark("s", "exam", num(8))});
  // (4 × 1 + 8 × 3) / 4 = 7, not the plain mean 6.
  BOOST_TEST_REQUIRE(avg.byCategory.count("tests") == 1u);
  BOOST_TEST(avg.byCategory.at("tests") == 7.0, boost::test_tools::tolerance(kTolerance));
  BOOST_TEST_REQUIRE(avg.final.has_value());
  BOOST_TEST(*avg.final == 7.0, boost::test_tools::tolerance(kTolerance));
}

BOOST_AUTO_TEST_CASE(the_final_mark_weights_category_means_by_category_weight)
{
  const std::vector<Category> categories{{"homework", "c", "Homework", 1},
                                         {"exams", "c", "Exams", 3}};
  const std::vector<Assessment> assessments{numericAssessment("hw1", "homework"),
                                            numericAssessment("hw2", "homework"),
                                            numericAssessment("exam", "exams")};
  const auto avg =
      averagesOf(categories, assessments,
                 {mark("s", "hw1", num(5)), mark("s", "hw2", num(7)), mark("s", "exam", num(10))});
  BOOST_TEST(avg.byCategory.at("homework") == 6.0, boost::test_tools::tolerance(kTolerance));
  BOOST_TEST(avg.byCategory.at("exams") == 10.0, boost::test_tools::tolerance(kTolerance));
  // (6 × 1 + 10 × 3) / 4 = 9: not the mean of the three marks (7.33) nor of the categories (8).
  BOOST_TEST_REQUIRE(avg.final.has_value());
  BOOST_TEST(*avg.final == 9.0, boost::test_tools::tolerance(kTolerance));
}

BOOST_AUTO_TEST_CASE(the_final_mark_only_weights_categories_with_a_counted_mark)
{
  const std::vector<Category> categories{{"homework", "c", "Homework", 1},
                                         {"exams", "c", "Exams", 3}};
  const std::vector<Assessment> assessments{numericAssessment("hw1", "homework"),
                                            numericAssessment("exam", "exams")};
  const auto avg = averagesOf(categories, assessments, {mark("s", "hw1", num(6))});
  BOOST_TEST(avg.byCategory.size() == 1u);
  BOOST_TEST(*avg.final == 6.0, boost::test_tools::tolerance(kTolerance));
}

BOOST_AUTO_TEST_CASE(an_excused_mark_does_not_count)
{
  const std::vector<Assessment> assessments{numericAssessment("quiz", ""),
                                            numericAssessment("exam", "")};
  const auto avg = averagesOf(
      {}, assessments, {mark("s", "quiz", num(8)), mark("s", "exam", num(2), MarkStatus::Excused)});
  BOOST_TEST(*avg.final == 8.0, boost::test_tools::tolerance(kTolerance));

  // Excused everywhere: nothing to average.
  const auto none = averagesOf({}, assessments, {mark("s", "quiz", {}, MarkStatus::Excused)});
  BOOST_TEST(!none.final.has_value());
  BOOST_TEST(none.byCategory.empty());
}

BOOST_AUTO_TEST_CASE(a_missing_mark_counts_as_the_lowest_of_the_scale)
{
  // On a 1–5 scale the lowest mark is 1, which is 0 on the common 0–10 scale.
  const std::vector<Assessment> assessments{numericAssessment("quiz", "", 1, 1, 5),
                                            numericAssessment("exam", "", 1, 0, 10)};
  const auto avg = averagesOf(
      {}, assessments, {mark("s", "quiz", {}, MarkStatus::Missing), mark("s", "exam", num(8))});
  BOOST_TEST(*avg.final == 4.0, boost::test_tools::tolerance(kTolerance));
}

BOOST_AUTO_TEST_CASE(a_cell_without_a_mark_does_not_count)
{
  const std::vector<Assessment> assessments{numericAssessment("quiz", ""),
                                            numericAssessment("exam", "")};
  // A comment only, no value: not a zero.
  Mark commentOnly = mark("s", "quiz", {});
  commentOnly.comment = "Will retake";
  const auto avg = averagesOf({}, assessments, {commentOnly, mark("s", "exam", num(6))});
  BOOST_TEST(*avg.final == 6.0, boost::test_tools::tolerance(kTolerance));
}

BOOST_AUTO_TEST_CASE(marks_on_different_scales_are_placed_on_the_common_scale)
{
  const std::vector<Assessment> outOf20{numericAssessment("a20", "", 1, 0, 20)};
  const std::vector<Assessment> outOf10{numericAssessment("a10", "", 1, 0, 10)};
  const auto fifteenOf20 = averagesOf({}, outOf20, {mark("s", "a20", num(15))});
  const auto sevenHalfOf10 = averagesOf({}, outOf10, {mark("s", "a10", num(7.5))});
  BOOST_TEST(*fifteenOf20.final == 7.5, boost::test_tools::tolerance(kTolerance));
  BOOST_TEST(*sevenHalfOf10.final == 7.5, boost::test_tools::tolerance(kTolerance));

  // Together they average 7.5; on a common scale of 20 that is 15.
  const std::vector<Assessment> both{outOf20[0], outOf10[0]};
  const std::vector<Mark> marks{mark("s", "a20", num(15)), mark("s", "a10", num(7.5))};
  BOOST_TEST(*averagesOf({}, both, marks).final == 7.5, boost::test_tools::tolerance(kTolerance));
  BOOST_TEST(*averagesOf({}, both, marks, 20).final == 15.0,
             boost::test_tools::tolerance(kTolerance));

  // A scale that does not start at zero: 3 on 1–5 sits halfway.
  const std::vector<Assessment> oneToFive{numericAssessment("a5", "", 1, 1, 5)};
  BOOST_TEST(*averagesOf({}, oneToFive, {mark("s", "a5", store::Value{std::int64_t{3}})}).final ==
                 5.0,
             boost::test_tools::tolerance(kTolerance));
}

BOOST_AUTO_TEST_CASE(assessments_without_a_category_form_one_uncategorised_group)
{
  const std::vector<Category> categories{{"exams", "c", "Exams", 1}};
  const std::vector<Assessment> assessments{numericAssessment("exam", "exams"),
                                            numericAssessment("loose1", ""),
                                            numericAssessment("loose2", "deleted-category")};
  const auto avg = averagesOf(
      categories, assessments,
      {mark("s", "exam", num(10)), mark("s", "loose1", num(2)), mark("s", "loose2", num(4))});
  BOOST_TEST(avg.byCategory.size() == 2u);
  BOOST_TEST_REQUIRE(avg.byCategory.count("") == 1u);
  BOOST_TEST(avg.byCategory.at("") == 3.0, boost::test_tools::tolerance(kTolerance));
  BOOST_TEST(avg.byCategory.count("deleted-category") == 0u);
  // The uncategorised group weighs 1, like the exams.
  BOOST_TEST(*avg.final == 6.5, boost::test_tools::tolerance(kTolerance));
}

BOOST_AUTO_TEST_CASE(an_assessment_of_weight_zero_does_not_count)
{
  const std::vector<Assessment> assessments{numericAssessment("practice", "", 0),
                                            numericAssessment("exam", "", 1)};
  const auto avg =
      averagesOf({}, assessments, {mark("s", "practice", num(0)), mark("s", "exam", num(9))});
  BOOST_TEST(*avg.final == 9.0, boost::test_tools::tolerance(kTolerance));

  const auto practiceOnly = averagesOf({}, assessments, {mark("s", "practice", num(3))});
  BOOST_TEST(!practiceOnly.final.has_value());
}

BOOST_AUTO_TEST_CASE(a_category_of_weight_zero_is_shown_but_not_in_the_final_mark)
{
  const std::vector<Category> categories{{"bonus", "c", "Bonus", 0}, {"exams", "c", "Exams", 1}};
  const std::vector<Assessment> assessments{numericAssessment("b", "bonus"),
                                            numericAssessment("e", "exams")};
  const auto avg =
      averagesOf(categories, assessments, {mark("s", "b", num(2)), mark("s", "e", num(8))});
  BOOST_TEST(avg.byCategory.at("bonus") == 2.0, boost::test_tools::tolerance(kTolerance));
  BOOST_TEST(*avg.final == 8.0, boost::test_tools::tolerance(kTolerance));
}

BOOST_AUTO_TEST_CASE(a_student_without_marks_has_no_final_mark)
{
  const std::vector<Assessment> assessments{numericAssessment("quiz", "")};
  const auto all = computeAverages({"s", "t"}, {}, assessments, {mark("s", "quiz", num(7))});
  BOOST_TEST_REQUIRE(all.size() == 2u);
  BOOST_TEST(all[0].studentId == "s");
  BOOST_TEST(all[1].studentId == "t");
  BOOST_TEST(all[0].final.has_value());
  BOOST_TEST(!all[1].final.has_value());
  BOOST_TEST(all[1].byCategory.empty());
}

BOOST_AUTO_TEST_CASE(symbol_marks_count_for_the_value_of_their_symbol)
{
  Assessment essay = numericAssessment("essay", "");
  essay.scale = Scale::fromSymbols("A=10;B=8;C=5;F=0");
  const auto b = averagesOf({}, {essay}, {mark("s", "essay", store::Value{std::string("B")})});
  BOOST_TEST(*b.final == 8.0, boost::test_tools::tolerance(kTolerance));
  const auto b20 =
      averagesOf({}, {essay}, {mark("s", "essay", store::Value{std::string("B")})}, 20);
  BOOST_TEST(*b20.final == 16.0, boost::test_tools::tolerance(kTolerance));

  // Symbols worth 1 to 4: B (3) sits two thirds of the way up.
  Assessment levels = numericAssessment("levels", "");
  levels.scale = Scale::fromSymbols("A=4;B=3;C=2;D=1");
  const auto level =
      averagesOf({}, {levels}, {mark("s", "levels", store::Value{std::string("B")})});
  BOOST_TEST(*level.final == 20.0 / 3, boost::test_tools::tolerance(kTolerance));
}

BOOST_AUTO_TEST_CASE(a_mark_that_no_longer_fits_its_scale_is_left_out_and_reported)
{
  // Merged from two devices (or a half-synchronised scale): the quiz is now out of 5 and
  // holds an 8.
  const std::vector<Assessment> assessments{numericAssessment("quiz", "", 1, 0, 5),
                                            numericAssessment("exam", "", 1, 0, 10)};
  const auto avg =
      averagesOf({}, assessments, {mark("s", "quiz", num(8)), mark("s", "exam", num(6))});
  BOOST_TEST(*avg.final == 6.0, boost::test_tools::tolerance(kTolerance)); // the 8 does not count
  BOOST_TEST(!avg.complete());
  BOOST_TEST_REQUIRE(avg.outOfScale.size() == 1u);
  const auto& leftOut = avg.outOfScale[0];
  BOOST_TEST(leftOut.studentId == "s");
  BOOST_TEST(leftOut.assessmentId == "quiz");
  BOOST_TEST(leftOut.categoryId == "");
  BOOST_TEST(store::toText(leftOut.value) == "8");
  BOOST_TEST(leftOut.scale.max == 5.0);
  BOOST_TEST(leftOut.message() == "8 is outside this assessment's scale 0–5; change the mark or "
                                  "the scale.");
  BOOST_TEST(avg.note() == "incomplete: 1 mark out of range");
  BOOST_TEST(avg.outOfScaleIn("") == 1);
  BOOST_TEST(avg.outOfScaleIn("exams") == 0);
}

BOOST_AUTO_TEST_CASE(an_average_made_only_of_marks_out_of_scale_is_blank_and_says_why)
{
  const std::vector<Assessment> assessments{numericAssessment("exam", "", 1, 0, 10),
                                            numericAssessment("quiz", "", 1, 0, 10)};
  const auto avg =
      averagesOf({}, assessments, {mark("s", "quiz", num(12)), mark("s", "exam", num(15))});
  BOOST_TEST(!avg.final.has_value());
  BOOST_TEST(avg.byCategory.empty());
  BOOST_TEST(!avg.finalWithoutWeight); // no counted mark at all: not a weight problem
  BOOST_TEST(avg.note() == "incomplete: 2 marks out of range");
  // Reported in the assessments' order, not the order the marks were read in.
  BOOST_TEST_REQUIRE(avg.outOfScale.size() == 2u);
  BOOST_TEST(avg.outOfScale[0].assessmentId == "exam");
  BOOST_TEST(avg.outOfScale[1].assessmentId == "quiz");
}

BOOST_AUTO_TEST_CASE(a_symbol_that_left_the_scale_is_reported_like_a_number)
{
  Assessment essay = numericAssessment("essay", "");
  essay.scale = Scale::fromSymbols("A=10;B=8;C=5;F=0");
  Assessment numeric = numericAssessment("oral", "", 1, 0, 10);
  const auto avg = averagesOf({}, {essay, numeric},
                              {mark("s", "essay", store::Value{std::string("E")}),
                               mark("s", "oral", store::Value{std::string("B")})});
  BOOST_TEST(!avg.final.has_value());
  BOOST_TEST_REQUIRE(avg.outOfScale.size() == 2u);
  BOOST_TEST(avg.outOfScale[0].message() ==
             "'E' is outside this assessment's scale A, B, C, F; change the mark or the scale.");
  BOOST_TEST(avg.outOfScale[1].message() ==
             "'B' is outside this assessment's scale 0–10; change the mark or the scale.");
}

BOOST_AUTO_TEST_CASE(marks_out_of_scale_that_would_not_count_anyway_are_not_reported)
{
  const std::vector<Assessment> assessments{numericAssessment("practice", "", 0, 0, 10),
                                            numericAssessment("exam", "", 1, 0, 10)};
  const auto avg =
      averagesOf({}, assessments,
                 {mark("s", "practice", num(40)), mark("s", "exam", num(50), MarkStatus::Excused)});
  BOOST_TEST(avg.complete());
  BOOST_TEST(avg.note() == "");
}

BOOST_AUTO_TEST_CASE(a_scale_whose_lowest_mark_is_not_below_its_highest_fits_no_mark)
{
  // Half-synchronised fields could leave min = max: no division by zero, the mark is reported.
  Assessment broken = numericAssessment("quiz", "");
  broken.scale.min = 10;
  broken.scale.max = 10;
  const auto avg = averagesOf({}, {broken}, {mark("s", "quiz", num(10))});
  BOOST_TEST(!avg.final.has_value());
  BOOST_TEST(avg.outOfScale.size() == 1u);
}

BOOST_AUTO_TEST_CASE(marks_only_in_categories_of_weight_zero_leave_the_final_blank_and_say_why)
{
  const std::vector<Category> categories{{"tests", "c", "Tests", 0}, {"labs", "c", "Labs", 0}};
  const std::vector<Assessment> assessments{numericAssessment("t", "tests"),
                                            numericAssessment("l", "labs")};
  const auto avg =
      averagesOf(categories, assessments, {mark("s", "t", num(4)), mark("s", "l", num(6))});
  BOOST_TEST(avg.byCategory.size() == 2u);
  BOOST_TEST(!avg.final.has_value());
  BOOST_TEST(avg.finalWithoutWeight);
  BOOST_TEST(avg.complete());
  BOOST_TEST(avg.note() == "no final average: every category with marks weighs 0");
}

BOOST_FIXTURE_TEST_CASE(class_averages_are_computed_from_the_gradebook, test::DatabaseFixture)
{
  const std::string classId = Classes(db).create({.name = "4B Maths"});
  const std::string otherClassId = Classes(db).create({.name = "3A Physics"});
  Students students(db);
  const std::string ana =
      students.create({.classId = classId, .givenName = "Ana", .familyName = "Ruiz"});
  const std::string bo =
      students.create({.classId = classId, .givenName = "Bo", .familyName = "Li"});
  const std::string cy =
      students.create({.classId = classId, .givenName = "Cy", .familyName = "Zed"});
  const std::string kim = students.create({.classId = otherClassId, .givenName = "Kim"});

  Categories categories(db);
  const std::string homework =
      categories.create({.classId = classId, .name = "Homework", .weight = 1});
  const std::string exams = categories.create({.classId = classId, .name = "Exams", .weight = 3});

  Assessments assessments(db);
  const std::string hw = assessments.create({.classId = classId,
                                             .categoryId = homework,
                                             .name = "Homework 1",
                                             .scale = Scale::numeric(0, 20, 10)});
  const std::string exam =
      assessments.create({.classId = classId, .categoryId = exams, .name = "Exam"});
  const std::string essay = assessments.create(
      {.classId = classId, .name = "Essay", .scale = Scale::fromSymbols("A=10;B=8;C=5;F=0")});
  const std::string physics = assessments.create({.classId = otherClassId, .name = "Optics"});

  Marks marks(db);
  marks.set(ana, hw, {.value = "15"});                  // 7.5
  marks.set(ana, exam, {.value = "9,5"});               // 9.5
  marks.set(ana, essay, {.value = "B"});                // 8, uncategorised
  marks.set(bo, exam, {.status = MarkStatus::Missing}); // 0
  marks.set(bo, hw, {.status = MarkStatus::Excused});
  marks.set(kim, physics, {.value = "10"});

  const auto averages = classAverages(db, classId);
  BOOST_TEST_REQUIRE(averages.size() == 3u);
  // Listed like the students: by family name.
  BOOST_TEST(averages[0].studentId == bo);
  BOOST_TEST(averages[1].studentId == ana);
  BOOST_TEST(averages[2].studentId == cy);

  const auto& a = averages[1];
  BOOST_TEST(a.byCategory.at(homework) == 7.5, boost::test_tools::tolerance(kTolerance));
  BOOST_TEST(a.byCategory.at(exams) == 9.5, boost::test_tools::tolerance(kTolerance));
  BOOST_TEST(a.byCategory.at("") == 8.0, boost::test_tools::tolerance(kTolerance));
  // (7.5 × 1 + 9.5 × 3 + 8 × 1) / 5 = 8.8
  BOOST_TEST_REQUIRE(a.final.has_value());
  BOOST_TEST(*a.final == 8.8, boost::test_tools::tolerance(kTolerance));

  const auto& b = averages[0];
  BOOST_TEST(b.byCategory.count(homework) == 0u); // excused
  BOOST_TEST(*b.final == 0.0, boost::test_tools::tolerance(kTolerance));

  BOOST_TEST(!averages[2].final.has_value()); // Cy has no marks yet

  // On a common scale of 20.
  BOOST_TEST(*classAverages(db, classId, 20)[1].final == 17.6,
             boost::test_tools::tolerance(kTolerance));
}

BOOST_FIXTURE_TEST_CASE(deleted_records_leave_the_class_averages, test::DatabaseFixture)
{
  const std::string classId = Classes(db).create({.name = "4B Maths"});
  Students students(db);
  const std::string ana = students.create({.classId = classId, .givenName = "Ana"});
  const std::string bo = students.create({.classId = classId, .givenName = "Bo"});
  Categories categories(db);
  const std::string exams = categories.create({.classId = classId, .name = "Exams", .weight = 3});
  const std::string labs = categories.create({.classId = classId, .name = "Labs", .weight = 1});
  Assessments assessments(db);
  const std::string exam =
      assessments.create({.classId = classId, .categoryId = exams, .name = "Exam"});
  const std::string lab =
      assessments.create({.classId = classId, .categoryId = labs, .name = "Lab"});
  const std::string retake = assessments.create({.classId = classId, .name = "Retake"});
  Marks marks(db);
  marks.set(ana, exam, {.value = "4"});
  marks.set(ana, lab, {.value = "8"});
  marks.set(ana, retake, {.value = "10"});
  marks.set(bo, exam, {.value = "6"});

  // (4 × 3 + 8 × 1 + 10 × 1) / 5 = 6
  BOOST_TEST(*classAverages(db, classId)[0].final == 6.0, boost::test_tools::tolerance(kTolerance));

  assessments.remove(retake); // its marks no longer count
  categories.remove(exams);   // its assessments join the uncategorised group (weight 1)
  students.remove(bo);        // no longer listed
  const auto averages = classAverages(db, classId);
  BOOST_TEST_REQUIRE(averages.size() == 1u);
  BOOST_TEST(averages[0].studentId == ana);
  BOOST_TEST(averages[0].byCategory.count(exams) == 0u);
  BOOST_TEST(averages[0].byCategory.at("") == 4.0, boost::test_tools::tolerance(kTolerance));
  BOOST_TEST(*averages[0].final == 6.0, boost::test_tools::tolerance(kTolerance)); // (4 + 8) / 2

  marks.remove(Marks::markId(ana, lab));
  BOOST_TEST(*classAverages(db, classId)[0].final == 4.0, boost::test_tools::tolerance(kTolerance));
}

BOOST_AUTO_TEST_CASE(averages_shown_are_rounded_to_the_chosen_step)
{
  BOOST_TEST(roundAverage(7.24, 0.5) == 7.0, boost::test_tools::tolerance(kTolerance));
  BOOST_TEST(roundAverage(7.25, 0.5) == 7.5, boost::test_tools::tolerance(kTolerance));
  BOOST_TEST(roundAverage(7.125, 0.25) == 7.25, boost::test_tools::tolerance(kTolerance));
  BOOST_TEST(roundAverage(6.45, 0.1) == 6.5, boost::test_tools::tolerance(kTolerance));
  BOOST_TEST(roundAverage(6.5, 1) == 7.0, boost::test_tools::tolerance(kTolerance));
  BOOST_TEST(roundAverage(6.4321, 0.01) == 6.43, boost::test_tools::tolerance(kTolerance));
  BOOST_TEST(averageDecimals(0.01) == 2);
  BOOST_TEST(averageDecimals(0.1) == 1);
  BOOST_TEST(averageDecimals(0.25) == 2);
  BOOST_TEST(averageDecimals(0.5) == 1);
  BOOST_TEST(averageDecimals(1) == 0);
}

BOOST_AUTO_TEST_SUITE_END()
