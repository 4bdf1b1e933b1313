#include "pupitre/reports/attendance_summary.h"

#include "pupitre/error.h"
#include "pupitre/model/validation.h"
#include "pupitre/reports/gradebook_table.h"

namespace pupitre::reports {

AttendanceSummary buildAttendanceSummary(store::Database& db, const std::string& classId,
                                         const std::string& from, const std::string& to,
                                         const std::string& termId, const Language& language)
{
  AttendanceSummary summary;
  summary.schoolClass = model::Classes(db).get(classId);
  if (!termId.empty()) {
    const auto term = requireClassTerm(db, classId, termId);
    summary.from = term.start;
    summary.to = term.end;
    summary.period =
        term.name + " (" + language.date(term.start) + " – " + language.date(term.end) + ")";
  } else {
    summary.from = from.empty() ? "" : model::requireDate(from);
    summary.to = to.empty() ? "" : model::requireDate(to);
    if (!summary.from.empty() && !summary.to.empty() && summary.from > summary.to) {
      throw ValidationError(Sentence{
          PUPITRE_TR("The first day (%1) is after the last day (%2); give --from before --to."),
          {summary.from, summary.to}});
    }
    if (summary.from.empty() && summary.to.empty()) {
      summary.period = language.tr(PUPITRE_TR("Every recorded day"));
    } else {
      summary.period = (summary.from.empty() ? "…" : language.date(summary.from)) + " – " +
                       (summary.to.empty() ? "…" : language.date(summary.to));
    }
  }
  const auto totals = model::Attendance(db).totals(classId, summary.from, summary.to);
  for (auto& student : model::Students(db).list(classId)) {
    AttendanceRow row;
    if (const auto it = totals.find(student.id); it != totals.end()) {
      row.totals = it->second;
    }
    row.student = std::move(student);
    summary.rows.push_back(std::move(row));
  }
  return summary;
}

std::string percentText(int count, int total, const Language& language)
{
  if (total <= 0) {
    return {};
  }
  return language.number(100.0 * count / total, 1) + "%";
}

} // namespace pupitre::reports
