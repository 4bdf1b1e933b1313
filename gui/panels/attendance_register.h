#pragma once
// What the Attendance tab's day view writes, apart from its widgets: the lessons of a day
// (several when a class meets twice; each is a value of the record's `session`) and the
// undoable command that changes some students' records for one lesson.
#include "pupitre/model/attendance.h"
#include "pupitre/store/database.h"

#include <wx/string.h>

#include <functional>
#include <optional>
#include <string>
#include <vector>

class wxCommand;

namespace pupitre::gui {

// "" is the day's first lesson ("Lesson 1"); "2", "3"… the next ones ("Lesson 2"); any other
// session name (written by the CLI: "morning", "P3") is shown as it is.
wxString lessonLabel(const std::string& session);
// The session of the lesson after `sessions`' last numbered one ("2" after "").
std::string nextLesson(const std::vector<std::string>& sessions);
// The lessons in the order the choice shows them: "", then numbers, then names.
void sortLessons(std::vector<std::string>& sessions);

// One student's record for the lesson, as it was and as it becomes.
struct RegisterChange
{
  std::string studentId;
  std::optional<model::AttendanceRecord> before; // nothing recorded
  model::AttendanceState state = model::AttendanceState::Present;
  std::optional<std::string> note; // kept as it is when empty
};

// One undoable step for all `changes` of (`date`, `session`); Undo puts back what was
// recorded before, or removes what was not there.
wxCommand* registerCommand(const wxString& name, store::Database& db, const std::string& date,
                           const std::string& session, std::vector<RegisterChange> changes,
                           std::function<void()> refresh);

} // namespace pupitre::gui
