// "New class from this one": the structure (categories, weights, terms, the final mode,
// assessments with their scales, dates, terms, positions and visibility) is copied, the
// students and marks are not.
#include "pupitre/error.h"
#include "pupitre/model/assessments.h"
#include "pupitre/model/categories.h"
#include "pupitre/model/class_copy.h"
#include "pupitre/model/classes.h"
#include "pupitre/model/marks.h"
#include "pupitre/model/records.h"
#include "pupitre/model/students.h"
#include "pupitre/model/terms.h"
#include "pupitre/store/rows.h"
#include "support/sandbox.h"

#include <boost/test/unit_test.hpp>

using namespace pupitre;
using namespace pupitre::model;

BOOST_AUTO_TEST_SUITE(class_copy)

BOOST_AUTO_TEST_CASE(the_structure_is_copied_without_students_or_marks)
{
  test::Sandbox box;
  store::Database db(box.path("p.db"));
  const auto source = Classes(db).create(
      {.name = "3B Maths", .subject = "Maths", .year = "2026-2027", .colour = "#336699"});
  const auto exams = Categories(db).create({.classId = source, .name = "Exams", .weight = 0.6});
  const auto gone = Categories(db).create({.classId = source, .name = "Old", .weight = 1});
  Assessment fractions;
  fractions.classId = source;
  fractions.categoryId = exams;
  fractions.name = "Fractions";
  fractions.date = "2026-10-05";
  fractions.weight = 2;
  fractions.scale = Scale::numeric(0, 20, 10);
  fractions.position = 3;
  const auto fractionsId = Assessments(db).create(fractions);
  Assessment oral;
  oral.classId = source;
  oral.categoryId = gone;
  oral.name = "Oral";
  oral.scale = Scale::fromSymbols("A=10;B=8;C=5;F=0", 5);
  oral.visible = false;
  oral.position = 1;
  Assessments(db).create(oral);
  Assessment deleted;
  deleted.classId = source;
  deleted.name = "Deleted";
  Assessments(db).remove(Assessments(db).create(deleted));
  Categories(db).remove(gone);
  const auto ana =
      Students(db).create({.classId = source, .givenName = "Ana", .familyName = "García"});
  Marks(db).set(ana, fractionsId, {.value = "15"});
  // Terms: the class's own set (renamed, re-weighted), and Fractions placed in the 3rd term.
  const auto terms = Terms(db).createDefaults(source, 2026);
  Terms(db).update(terms[0], {.name = "Primera"});
  Assessments(db).update(fractionsId, {.termId = terms[2]});
  Classes(db).update(source, {.finalMode = FinalMode::Weighted});

  const auto copy = copyClassStructure(db, source, "3C Maths");
  const auto c = Classes(db).get(copy);
  BOOST_CHECK_EQUAL(c.name, "3C Maths");
  BOOST_CHECK_EQUAL(c.subject, "Maths");
  BOOST_CHECK_EQUAL(c.year, "2026-2027");
  BOOST_CHECK_EQUAL(c.colour, "#336699");
  BOOST_CHECK_GT(c.position, Classes(db).get(source).position);

  const auto categories = Categories(db).list(copy);
  BOOST_REQUIRE_EQUAL(categories.size(), 1u);
  BOOST_CHECK_EQUAL(categories[0].name, "Exams");
  BOOST_CHECK_EQUAL(categories[0].weight, 0.6);
  BOOST_CHECK_NE(categories[0].id, exams);

  const auto assessments = Assessments(db).list(copy);
  BOOST_REQUIRE_EQUAL(assessments.size(), 2u);
  BOOST_CHECK_EQUAL(assessments[0].name, "Oral");
  BOOST_CHECK(!assessments[0].visible);
  BOOST_CHECK(assessments[0].scale.kind == Scale::Kind::Symbols);
  BOOST_CHECK_EQUAL(assessments[0].categoryId, ""); // its category was deleted
  BOOST_CHECK_EQUAL(assessments[1].name, "Fractions");
  BOOST_CHECK_EQUAL(assessments[1].categoryId, categories[0].id);
  BOOST_CHECK_EQUAL(assessments[1].date, "2026-10-05");
  BOOST_CHECK_EQUAL(assessments[1].weight, 2);
  BOOST_CHECK_EQUAL(assessments[1].scale.max, 20);
  BOOST_CHECK_EQUAL(assessments[1].scale.passMark, 10);

  const auto copiedTerms = Terms(db).list(copy);
  BOOST_REQUIRE_EQUAL(copiedTerms.size(), 3u);
  BOOST_CHECK_EQUAL(copiedTerms[0].name, "Primera");
  BOOST_CHECK_EQUAL(copiedTerms[0].start, Terms(db).get(terms[0]).start);
  BOOST_CHECK_EQUAL(assessments[1].termId, copiedTerms[2].id);
  BOOST_CHECK(Classes(db).get(copy).finalMode == FinalMode::Weighted);
  BOOST_CHECK_EQUAL(assessments[1].position, 3);

  BOOST_CHECK(Students(db).list(copy).empty());
  BOOST_CHECK(
      store::selectRows(db, *store::findTable("mark"), "assessment_id = ?", {assessments[1].id})
          .empty());
  // The source is untouched.
  BOOST_CHECK_EQUAL(Assessments(db).list(source).size(), 2u);
  BOOST_CHECK_EQUAL(Students(db).list(source).size(), 1u);

  // Undo in the app deletes the new class.
  deleteRecord(db, copy);
  BOOST_CHECK_THROW(Classes(db).get(copy), NotFoundError);
}

BOOST_AUTO_TEST_CASE(a_copy_needs_a_name_and_a_live_source)
{
  test::Sandbox box;
  store::Database db(box.path("p.db"));
  const auto source = Classes(db).create({.name = "3B"});
  BOOST_CHECK_THROW(copyClassStructure(db, source, "  "), ValidationError);
  Classes(db).remove(source);
  BOOST_CHECK_THROW(copyClassStructure(db, source, "3C"), NotFoundError);
  BOOST_CHECK_EQUAL(Classes(db).list().size(), 0u);
}

BOOST_AUTO_TEST_SUITE_END()
