#pragma once
// Attendance: one record per (student, date, session), id derived from the triple.
#include "pupitre/store/database.h"

#include <map>
#include <optional>
#include <string>
#include <vector>

namespace pupitre::model {

enum class AttendanceState { Present, Absent, Late, Justified };
const char* toText(AttendanceState state);
// ValidationError for anything but present, absent, late, justified.
AttendanceState parseAttendanceState(const std::string& text);

struct AttendanceRecord
{
  std::string id;
  std::string studentId;
  std::string date;
  std::string session; // "" for a single daily session, or "morning", "P3", ...
  AttendanceState state = AttendanceState::Present;
  std::string note;
};

// How many records of each state a student has in a period (a term).
struct AttendanceTotals
{
  int present = 0, absent = 0, late = 0, justified = 0;
  void add(AttendanceState state);
};

class Attendance
{
public:
  explicit Attendance(store::Database& db) : m_db(db) {}

  static std::string recordId(const std::string& studentId, const std::string& date,
                              const std::string& session);
  // Creates or changes the record; returns its id.
  std::string set(const std::string& studentId, const std::string& date, AttendanceState state,
                  const std::string& session = {}, const std::optional<std::string>& note = {});
  void remove(const std::string& id);
  // Live records of a class's students (all if empty), between two dates inclusive (any if
  // empty), by date, session, student.
  std::vector<AttendanceRecord> list(const std::string& classId = {}, const std::string& from = {},
                                     const std::string& to = {});
  // Totals per student id of the class's live records between two dates inclusive (any if
  // empty): the attendance of a term.
  std::map<std::string, AttendanceTotals>
  totals(const std::string& classId, const std::string& from = {}, const std::string& to = {});

private:
  store::Database& m_db;
};

} // namespace pupitre::model
