#include "random_edits.h"

#include "pupitre/error.h"
#include "pupitre/model/assessments.h"
#include "pupitre/model/attendance.h"
#include "pupitre/model/categories.h"
#include "pupitre/model/classes.h"
#include "pupitre/model/journal.h"
#include "pupitre/model/marks.h"
#include "pupitre/model/records.h"
#include "pupitre/model/students.h"
#include "pupitre/store/rows.h"
#include "pupitre/sync/conflicts.h"
#include "pupitre/uuid.h"

#include <functional>
#include <iterator>

namespace pupitre::sim {
namespace {

// Texts with what tends to break encoders: accents, quotes, backslashes, control characters.
const char* const kNames[] = {"Ana",   "Zoë",    "O'Brien",     "Łukasz", "Ngozi",
                              "Marie", "\"Jo\"", "Back\\slash", "Lee",    "Ибрагим"};
const char* const kNotes[] = {
    "",           "Needs glasses",          "Tab\there", "Line\nbreak", "Très bien",
    "50% absent", "emoji \xF0\x9F\x98\x80", "x"};
const char* const kEmails[] = {"", "ana@school.es", "zoe@example.org", "p.lee@ac.uk"};
const char* const kSubjects[] = {"", "Maths", "Français", "History", "Biology"};
const char* const kDates[] = {"2026-09-14", "2026-09-15", "2026-09-16", "2026-10-01"};
const char* const kSessions[] = {"", "morning", "P3"};
const char* const kNumericMarks[] = {"0", "5", "7,5", "10", "3.25", "8", "12", "", "9.125"};
const char* const kSymbolMarks[] = {"A", "B", "C", "F", "", "7"};
const char* const kComments[] = {"", "good", "à revoir", "late, \"excused\""};

std::string shortId(const std::string& id)
{
  return id.substr(0, 8);
}

double randomPosition(SimRandom& random)
{
  // Numbers that do not print exactly (1/7, 1/3): the codec must round-trip them.
  return static_cast<double>(random.between(0, 40)) / static_cast<double>(random.between(1, 7));
}

model::Scale randomScale(SimRandom& random)
{
  switch (random.below(4)) {
  case 0:
    return model::Scale::numeric(0, 20, 10);
  case 1:
    return model::Scale::fromSymbols("A=10;B=8;C=6;F=0");
  default:
    return model::Scale::numeric(0, 10, 5);
  }
}

} // namespace

std::string RandomEdits::newId()
{
  return nameUuid("sim|" + std::to_string(m_seed) + "|" + std::to_string(m_nextId++));
}

std::string RandomEdits::pickText(const char* const* choices, std::size_t count)
{
  return choices[m_random.below(count)];
}

std::string RandomEdits::pickRow(store::Database& db, const std::string& table,
                                 const std::string& condition, const std::string& param)
{
  // Mostly live records, sometimes one deleted meanwhile (the rules must refuse it).
  const bool includeDeleted = m_random.chance(0.12);
  const auto rows = store::selectRows(db, *store::findTable(table), condition,
                                      param.empty() ? std::vector<std::string>{}
                                                    : std::vector<std::string>{param},
                                      "id", includeDeleted);
  return rows.empty() ? std::string{} : rows[m_random.below(rows.size())].id;
}

EditOutcome RandomEdits::apply(store::Database& db)
{
  using Action = EditOutcome (RandomEdits::*)(store::Database&);
  struct Choice
  {
    Action action;
    int weight;
    const char* name;
  };
  const auto count = [&](const char* table) {
    return store::selectRows(db, *store::findTable(table)).size();
  };
  const std::size_t classes = count("class");
  const std::size_t students = count("student");
  const std::size_t assessments = count("assessment");
  const Choice choices[] = {
      {&RandomEdits::createClass, classes < 1 ? 20 : 2, "createClass"},
      {&RandomEdits::updateClass, 5, "updateClass"},
      {&RandomEdits::createStudent, students < 3 ? 12 : 3, "createStudent"},
      {&RandomEdits::updateStudent, 10, "updateStudent"},
      {&RandomEdits::createCategory, 3, "createCategory"},
      {&RandomEdits::updateCategory, 3, "updateCategory"},
      {&RandomEdits::createAssessment, assessments < 2 ? 10 : 2, "createAssessment"},
      {&RandomEdits::updateAssessment, 6, "updateAssessment"},
      {&RandomEdits::setMark, 24, "setMark"},
      {&RandomEdits::removeMark, 3, "removeMark"},
      {&RandomEdits::setAttendance, 8, "setAttendance"},
      {&RandomEdits::createJournalEntry, 3, "createJournalEntry"},
      {&RandomEdits::updateJournalEntry, 5, "updateJournalEntry"},
      {&RandomEdits::deleteAnyRecord, 4, "deleteAnyRecord"},
      {&RandomEdits::restoreAConflict, 4, "restoreAConflict"},
  };
  int total = 0;
  for (const auto& c : choices) {
    total += c.weight;
  }
  int ticket = static_cast<int>(m_random.below(static_cast<std::size_t>(total)));
  const Choice* chosen = &choices[0];
  for (const auto& c : choices) {
    if (ticket < c.weight) {
      chosen = &c;
      break;
    }
    ticket -= c.weight;
  }
  return attempt(chosen->name, [&] { return (this->*chosen->action)(db); });
}

EditOutcome RandomEdits::attempt(const char* name, const std::function<EditOutcome()>& edit)
{
  try {
    return edit();
  } catch (const ValidationError& e) {
    return {false, std::string("refused: ") + e.what()};
  } catch (const NotFoundError& e) {
    return {false, std::string("not found: ") + e.what()};
  } catch (const std::exception& e) {
    throw UnexpectedEditError(std::string(name) + " failed: " + e.what());
  }
}

std::pair<EditOutcome, EditOutcome> RandomEdits::sameMarkAtOnce(store::Database& first,
                                                                store::Database& second)
{
  std::string studentId;
  std::string assessmentId;
  const EditOutcome onFirst = attempt("sameMarkAtOnce", [&]() -> EditOutcome {
    studentId = pickRow(first, "student");
    const auto student = store::findRow(first, *store::findTable("student"), studentId);
    assessmentId =
        pickRow(first, "assessment", "class_id = ?", student ? student->text("class_id") : "");
    if (studentId.empty() || assessmentId.empty()) {
      return {false, "same mark at once: no mark to set here"};
    }
    return setMarkIn(first, studentId, assessmentId);
  });
  if (!onFirst.applied) {
    return {onFirst, {false, "same mark at once: not tried"}};
  }
  return {onFirst,
          attempt("sameMarkAtOnce", [&] { return setMarkIn(second, studentId, assessmentId); })};
}

std::vector<EditOutcome> RandomEdits::startTerm(store::Database& db)
{
  std::vector<EditOutcome> done{createClass(db)};
  const std::string classId = pickRow(db, "class");
  const auto students = m_random.between(2, 4);
  for (std::int64_t i = 0; i < students; ++i) {
    model::Student s;
    s.id = newId();
    s.classId = classId;
    s.givenName = pickText(kNames, std::size(kNames));
    s.familyName = pickText(kNames, std::size(kNames));
    model::Students(db).create(s);
    done.push_back({true, "create student " + shortId(s.id) + " in " + shortId(classId)});
  }
  const auto assessments = m_random.between(1, 2);
  for (std::int64_t i = 0; i < assessments; ++i) {
    model::Assessment a;
    a.id = newId();
    a.classId = classId;
    a.name = "Test " + std::to_string(i + 1);
    a.scale = randomScale(m_random);
    model::Assessments(db).create(a);
    done.push_back({true, "create assessment " + shortId(a.id) + " in " + shortId(classId)});
  }
  return done;
}

EditOutcome RandomEdits::createClass(store::Database& db)
{
  model::SchoolClass c;
  c.id = newId();
  c.name = "Class " + pickText(kNames, std::size(kNames));
  c.subject = pickText(kSubjects, std::size(kSubjects));
  c.year = "2026-2027";
  c.colour = m_random.chance(0.5) ? "" : "#3366CC";
  c.position = randomPosition(m_random);
  model::Classes(db).create(c);
  return {true, "create class " + shortId(c.id)};
}

EditOutcome RandomEdits::updateClass(store::Database& db)
{
  const std::string id = pickRow(db, "class");
  if (id.empty()) {
    return {false, "update class: none here"};
  }
  model::ClassChanges changes;
  switch (m_random.below(4)) {
  case 0:
    changes.name = "Class " + pickText(kNames, std::size(kNames));
    break;
  case 1:
    changes.subject = pickText(kSubjects, std::size(kSubjects));
    break;
  case 2:
    changes.archived = m_random.chance(0.5);
    break;
  default:
    changes.position = randomPosition(m_random);
    break;
  }
  model::Classes(db).update(id, changes);
  return {true, "update class " + shortId(id)};
}

EditOutcome RandomEdits::createStudent(store::Database& db)
{
  model::Student s;
  s.classId = pickRow(db, "class");
  if (s.classId.empty()) {
    return createClass(db); // what the teacher would do first
  }
  s.id = newId();
  s.givenName = pickText(kNames, std::size(kNames));
  s.familyName = m_random.chance(0.7) ? pickText(kNames, std::size(kNames)) : "";
  s.email = pickText(kEmails, std::size(kEmails));
  s.notes = pickText(kNotes, std::size(kNotes));
  model::Students(db).create(s);
  return {true, "create student " + shortId(s.id) + " in " + shortId(s.classId)};
}

EditOutcome RandomEdits::updateStudent(store::Database& db)
{
  const std::string id = pickRow(db, "student");
  if (id.empty()) {
    return createStudent(db);
  }
  model::StudentChanges changes;
  std::string what;
  const int fields = 1 + static_cast<int>(m_random.below(2));
  for (int i = 0; i < fields; ++i) {
    switch (m_random.below(6)) {
    case 0:
      changes.givenName = pickText(kNames, std::size(kNames));
      what += " given_name";
      break;
    case 1:
      changes.familyName = pickText(kNames, std::size(kNames));
      what += " family_name";
      break;
    case 2:
      changes.email = pickText(kEmails, std::size(kEmails));
      what += " email";
      break;
    case 3:
      changes.classId = pickRow(db, "class");
      what += " class";
      break;
    default:
      changes.notes = pickText(kNotes, std::size(kNotes));
      what += " notes";
      break;
    }
  }
  model::Students(db).update(id, changes);
  return {true, "update student " + shortId(id) + ":" + what};
}

EditOutcome RandomEdits::createCategory(store::Database& db)
{
  model::Category c;
  c.classId = pickRow(db, "class");
  if (c.classId.empty()) {
    return createClass(db);
  }
  c.id = newId();
  c.name = m_random.chance(0.5) ? "Exams" : "Homework";
  c.weight = static_cast<double>(m_random.between(0, 4)) / 2;
  model::Categories(db).create(c);
  return {true, "create category " + shortId(c.id)};
}

EditOutcome RandomEdits::updateCategory(store::Database& db)
{
  const std::string id = pickRow(db, "category");
  if (id.empty()) {
    return createCategory(db);
  }
  model::CategoryChanges changes;
  if (m_random.chance(0.5)) {
    changes.name = "Oral " + pickText(kNames, std::size(kNames));
  } else {
    changes.weight = static_cast<double>(m_random.between(0, 9)) / 3;
  }
  model::Categories(db).update(id, changes);
  return {true, "update category " + shortId(id)};
}

EditOutcome RandomEdits::createAssessment(store::Database& db)
{
  model::Assessment a;
  a.classId = pickRow(db, "class");
  if (a.classId.empty()) {
    return createClass(db);
  }
  a.id = newId();
  if (m_random.chance(0.4)) {
    a.categoryId = pickRow(db, "category", "class_id = ?", a.classId);
  }
  a.name = "Test " + std::to_string(m_random.between(1, 9));
  a.date = m_random.chance(0.3) ? "" : pickText(kDates, std::size(kDates));
  a.weight = static_cast<double>(m_random.between(0, 6)) / 2;
  a.scale = randomScale(m_random);
  a.position = randomPosition(m_random);
  model::Assessments(db).create(a);
  return {true, "create assessment " + shortId(a.id) + " in " + shortId(a.classId)};
}

EditOutcome RandomEdits::updateAssessment(store::Database& db)
{
  const std::string id = pickRow(db, "assessment");
  if (id.empty()) {
    return createAssessment(db);
  }
  model::AssessmentChanges changes;
  std::string what;
  switch (m_random.below(6)) {
  case 0:
    changes.name = "Quiz " + std::to_string(m_random.between(1, 9));
    what = "name";
    break;
  case 1:
    changes.weight = static_cast<double>(m_random.between(0, 8)) / 4;
    what = "weight";
    break;
  case 2:
    changes.date = pickText(kDates, std::size(kDates));
    what = "date";
    break;
  case 3:
    changes.visible = m_random.chance(0.5);
    what = "visible";
    break;
  case 4:
    changes.scale = randomScale(m_random);
    what = "scale";
    break;
  default:
    changes.position = randomPosition(m_random);
    what = "position";
    break;
  }
  model::Assessments(db).update(id, changes);
  return {true, "update assessment " + shortId(id) + ": " + what};
}

EditOutcome RandomEdits::setMark(store::Database& db)
{
  const std::string studentId = pickRow(db, "student");
  if (studentId.empty()) {
    return createStudent(db);
  }
  const auto student = store::findRow(db, *store::findTable("student"), studentId);
  const std::string assessmentId =
      pickRow(db, "assessment", "class_id = ?", student ? student->text("class_id") : "");
  if (assessmentId.empty()) {
    return createAssessment(db);
  }
  return setMarkIn(db, studentId, assessmentId);
}

EditOutcome RandomEdits::setMarkIn(store::Database& db, const std::string& studentId,
                                   const std::string& assessmentId)
{
  const auto assessment = store::findRow(db, *store::findTable("assessment"), assessmentId);
  const bool symbols = assessment && assessment->text("scale_kind") == "symbols";
  model::MarkInput input;
  std::string what;
  if (m_random.chance(0.75)) {
    input.value = symbols ? pickText(kSymbolMarks, std::size(kSymbolMarks))
                          : pickText(kNumericMarks, std::size(kNumericMarks));
    what += " value=" + *input.value;
  }
  if (m_random.chance(0.3)) {
    input.comment = pickText(kComments, std::size(kComments));
    what += " comment";
  }
  if (m_random.chance(0.15)) {
    const model::MarkStatus statuses[] = {model::MarkStatus::Normal, model::MarkStatus::Excused,
                                          model::MarkStatus::Missing};
    input.status = statuses[m_random.below(3)];
    what += std::string(" status=") + model::toText(*input.status);
  }
  model::Marks(db).set(studentId, assessmentId, input);
  return {true, "set mark " + shortId(studentId) + "/" + shortId(assessmentId) + what};
}

EditOutcome RandomEdits::removeMark(store::Database& db)
{
  const std::string id = pickRow(db, "mark");
  if (id.empty()) {
    return setMark(db);
  }
  model::Marks(db).remove(id);
  return {true, "remove mark " + shortId(id)};
}

EditOutcome RandomEdits::setAttendance(store::Database& db)
{
  const std::string studentId = pickRow(db, "student");
  if (studentId.empty()) {
    return createStudent(db);
  }
  const model::AttendanceState states[] = {
      model::AttendanceState::Present, model::AttendanceState::Absent, model::AttendanceState::Late,
      model::AttendanceState::Justified};
  const auto state = states[m_random.below(4)];
  std::optional<std::string> note;
  if (m_random.chance(0.3)) {
    note = pickText(kNotes, std::size(kNotes));
  }
  const std::string date = pickText(kDates, std::size(kDates));
  model::Attendance(db).set(studentId, date, state, pickText(kSessions, std::size(kSessions)),
                            note);
  return {true, "attendance " + shortId(studentId) + " " + date + " " + model::toText(state)};
}

EditOutcome RandomEdits::createJournalEntry(store::Database& db)
{
  model::JournalEntry e;
  e.classId = pickRow(db, "class");
  if (e.classId.empty()) {
    return createClass(db);
  }
  e.id = newId();
  e.date = pickText(kDates, std::size(kDates));
  e.session = pickText(kSessions, std::size(kSessions));
  e.title = "Lesson " + std::to_string(m_random.between(1, 30));
  e.body = pickText(kNotes, std::size(kNotes));
  e.done = m_random.chance(0.5);
  model::Journal(db).create(e);
  return {true, "create journal entry " + shortId(e.id)};
}

EditOutcome RandomEdits::createLongJournalEntry(store::Database& db, SimRandom& random,
                                                std::size_t bytes)
{
  const auto classes = store::selectRows(db, *store::findTable("class"));
  if (classes.empty()) {
    return {false, "long journal entry: no class here"};
  }
  model::JournalEntry e;
  e.classId = classes[random.below(classes.size())].id;
  e.id = newId();
  e.date = kDates[random.below(std::size(kDates))];
  e.title = "Pasted notes";
  e.body.reserve(bytes);
  while (e.body.size() < bytes) {
    e.body += "Lorem ipsum dolor sit amet. ";
  }
  e.body.resize(bytes);
  return attempt("createLongJournalEntry", [&]() -> EditOutcome {
    model::Journal(db).create(e);
    return {true,
            "create journal entry " + shortId(e.id) + " of " + std::to_string(bytes) + " bytes"};
  });
}

EditOutcome RandomEdits::updateJournalEntry(store::Database& db)
{
  const std::string id = pickRow(db, "journal_entry");
  if (id.empty()) {
    return createJournalEntry(db);
  }
  model::JournalChanges changes;
  switch (m_random.below(4)) {
  case 0:
    changes.title = "Lesson " + std::to_string(m_random.between(1, 30));
    break;
  case 1:
    changes.body = pickText(kNotes, std::size(kNotes)) + " " + pickText(kNames, std::size(kNames));
    break;
  case 2:
    changes.done = m_random.chance(0.5);
    break;
  default:
    changes.date = pickText(kDates, std::size(kDates));
    break;
  }
  model::Journal(db).update(id, changes);
  return {true, "update journal entry " + shortId(id)};
}

EditOutcome RandomEdits::deleteAnyRecord(store::Database& db)
{
  // Marks and attendance most often, a class rarely (its children stay, hidden by the app).
  const char* tables[] = {"mark",       "mark",     "attendance",    "student",
                          "assessment", "category", "journal_entry", "class"};
  const std::string table = tables[m_random.below(std::size(tables))];
  const std::string id = pickRow(db, table);
  if (id.empty()) {
    return {false, "delete " + table + ": none here"};
  }
  model::deleteRecord(db, id);
  return {true, "delete " + table + " " + shortId(id)};
}

EditOutcome RandomEdits::restoreAConflict(store::Database& db)
{
  const auto conflicts = sync::listConflicts(db);
  if (conflicts.empty()) {
    return setMark(db); // the cell edited on several devices is how conflicts come about
  }
  const auto& c = conflicts[m_random.below(conflicts.size())];
  const auto row = store::findRow(db, *store::findTable(c.table), c.rowId);
  const std::string what = "restore conflict " + c.table + " " + shortId(c.rowId) + "." + c.field +
                           " = " + store::toText(c.lostValue) + " (record " +
                           (!row           ? "absent"
                            : row->deleted ? "deleted"
                                           : "live") +
                           ")";
  try {
    sync::restoreConflict(db, c.id);
  } catch (const Error&) {
    throw;
  } catch (const std::exception& e) {
    throw UnexpectedEditError(what + ": " + e.what());
  }
  return {true, what};
}

} // namespace pupitre::sim
