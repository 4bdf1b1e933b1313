#pragma once
// Importing a class list: which column holds what (guessed from the header row or the
// content, changed by the teacher), the students the rows describe, and which of them are
// already in the class or twice in the list (flagged, not created unless the teacher says).
#include "pupitre/model/students.h"
#include "pupitre/roster/names.h"
#include "pupitre/roster/table.h"

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace pupitre::roster {

enum class Field { Ignore, Given, Family, FullName, Email, Notes };

// The words of `pupitrectl student import --columns`: given, family, name, email, notes,
// ignore (and "-" for ignore). nullopt for any other.
std::optional<Field> parseField(std::string_view word);
std::string_view fieldWord(Field field);

struct Mapping
{
  std::vector<Field> columns; // one per column of the table; missing ones are ignored
  bool headerRow = false;     // the first row names the columns and is not imported
  FamilyNames familyNames = FamilyNames::Two; // for FullName cells without a comma
};

// From the first row when it has headers ("Nombre", "Apellidos", "Primer apellido",
// "Alumno/a", "E-mail", "Correo electrónico", "Observaciones", "First name", "Last name",
// "Surname", "Student", "Notes"…; others are ignored), else from the content: a column with
// '@' in most cells is the e-mail, a single text column holds full names, and two or more
// text columns are the family then the given name. Numbers-only columns are ignored.
Mapping guessMapping(const Table& table, FamilyNames familyNames = FamilyNames::Two);

// What the teacher pasted: cells split on tabs when there are any (copied from a
// spreadsheet), otherwise one full name per line. Bounded like a file (table.h).
Table parsePastedList(std::string_view text);

struct Candidate
{
  enum class Issue {
    None,
    NoName,      // no given nor family name in the row
    NameTooLong, // longer than a name may be (200 characters)
    BadEmail,    // the e-mail cell is not an e-mail address
    InClass,     // a student of the class has the same name
    InList,      // an earlier row of the list has the same name
  };

  int line = 0;           // the row in the source
  model::Student student; // classId set, id empty
  Issue issue = Issue::None;
  std::string sameAs;   // InClass: the student's "Family, Given"
  int sameLine = 0;     // InList: the earlier row
  bool selected = true; // to be created; false by default for any issue

  // A problem that stops this row from being created (not a duplicate, which may be).
  bool blocked() const
  {
    return issue == Issue::NoName || issue == Issue::NameTooLong || issue == Issue::BadEmail;
  }
  // An English sentence for the command line ("already in the class as García López, Ana").
  std::string note() const;
};

// The students the rows of `table` describe, in order, checked (checkCandidates) against
// `existing`, the class's live students. Rows whose mapped cells are all empty are left out.
std::vector<Candidate> planImport(const Table& table, const Mapping& mapping,
                                  const std::string& classId,
                                  const std::vector<model::Student>& existing);

// Sets each candidate's issue again (after the teacher edited a name): blocked ones are
// unselected, a candidate whose issue was a duplicate keeps the teacher's choice.
void checkCandidates(std::vector<Candidate>& candidates,
                     const std::vector<model::Student>& existing);

// The students to create: the selected candidates that are not blocked.
std::vector<model::Student> chosenStudents(const std::vector<Candidate>& candidates);

} // namespace pupitre::roster
