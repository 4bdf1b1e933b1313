#include "panels/attendance_register.h"

#include "model_command.h"

#include <wx/intl.h>

#include <algorithm>
#include <cstdlib>
#include <tuple>

namespace pupitre::gui {
namespace {

// 1 for "", N for "N", 0 for a named session.
long lessonNumber(const std::string& session)
{
  if (session.empty()) {
    return 1;
  }
  if (session.size() > 4 ||
      !std::all_of(session.begin(), session.end(), [](char c) { return c >= '0' && c <= '9'; })) {
    return 0;
  }
  return std::strtol(session.c_str(), nullptr, 10);
}

} // namespace

wxString lessonLabel(const std::string& session)
{
  const long number = lessonNumber(session);
  return number > 0 ? wxString::Format(_("Lesson %ld"), number) : wxString::FromUTF8(session);
}

std::string nextLesson(const std::vector<std::string>& sessions)
{
  long last = 1;
  for (const auto& s : sessions) {
    last = std::max(last, lessonNumber(s));
  }
  return std::to_string(last + 1);
}

void sortLessons(std::vector<std::string>& sessions)
{
  std::sort(sessions.begin(), sessions.end(), [](const std::string& a, const std::string& b) {
    const long x = lessonNumber(a), y = lessonNumber(b);
    return std::make_tuple(x == 0, x, a) < std::make_tuple(y == 0, y, b);
  });
  sessions.erase(std::unique(sessions.begin(), sessions.end()), sessions.end());
}

wxCommand* registerCommand(const wxString& name, store::Database& db, const std::string& date,
                           const std::string& session, std::vector<RegisterChange> changes,
                           std::function<void()> refresh)
{
  return new ModelCommand(
      name,
      [&db, date, session, changes] {
        model::Attendance attendance(db);
        for (const auto& c : changes) {
          attendance.set(c.studentId, date, c.state, session, c.note);
        }
      },
      [&db, date, session, changes] {
        model::Attendance attendance(db);
        for (const auto& c : changes) {
          if (c.before) {
            attendance.set(c.studentId, date, c.before->state, session, c.before->note);
          } else {
            attendance.remove(model::Attendance::recordId(c.studentId, date, session));
          }
        }
      },
      std::move(refresh));
}

} // namespace pupitre::gui
