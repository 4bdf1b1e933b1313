#include "pupitre/model/attendance.h"

#include "pupitre/error.h"
#include "pupitre/model/validation.h"
#include "pupitre/store/rows.h"
#include "pupitre/uuid.h"

namespace pupitre::model {
namespace {

const store::TableDef& table()
{
  return *store::findTable("attendance");
}

AttendanceRecord fromRow(const store::Row& row)
{
  AttendanceRecord r;
  r.id = row.id;
  r.studentId = row.text("student_id");
  r.date = row.text("date");
  r.session = row.text("session");
  try {
    r.state = parseAttendanceState(row.text("state"));
  } catch (const ValidationError&) {
    r.state = AttendanceState::Present;
  }
  r.note = row.text("note");
  return r;
}

} // namespace

const char* toText(AttendanceState state)
{
  switch (state) {
  case AttendanceState::Absent:
    return "absent";
  case AttendanceState::Late:
    return "late";
  case AttendanceState::Justified:
    return "justified";
  default:
    return "present";
  }
}

AttendanceState parseAttendanceState(const std::string& text)
{
  for (auto state : {AttendanceState::Present, AttendanceState::Absent, AttendanceState::Late,
                     AttendanceState::Justified}) {
    if (text == toText(state)) {
      return state;
    }
  }
  throw ValidationError(Sentence{
      PUPITRE_TR("'%1' is not an attendance state; use present, absent, late or justified."),
      {text}});
}

void AttendanceTotals::add(AttendanceState state)
{
  switch (state) {
  case AttendanceState::Absent:
    ++absent;
    break;
  case AttendanceState::Late:
    ++late;
    break;
  case AttendanceState::Justified:
    ++justified;
    break;
  default:
    ++present;
  }
}

std::map<std::string, AttendanceTotals>
Attendance::totals(const std::string& classId, const std::string& from, const std::string& to)
{
  std::map<std::string, AttendanceTotals> totals;
  for (const auto& record : list(classId, from, to)) {
    totals[record.studentId].add(record.state);
  }
  return totals;
}

std::string Attendance::recordId(const std::string& studentId, const std::string& date,
                                 const std::string& session)
{
  return nameUuid("attendance|" + studentId + "|" + date + "|" + session);
}

std::string Attendance::set(const std::string& studentId, const std::string& date,
                            AttendanceState state, const std::string& session,
                            const std::optional<std::string>& note)
{
  requireDate(date);
  store::WriteTxn txn(m_db);
  requireLive(m_db, "student", studentId, PUPITRE_TR("student"));
  const std::string id = recordId(studentId, date, session);
  store::Fields fields{{"state", std::string(toText(state))}};
  if (note) {
    fields.emplace_back("note", *note);
  }
  const auto existing = store::findRow(m_db, table(), id);
  if (!existing) {
    fields.emplace_back("student_id", studentId);
    fields.emplace_back("date", date);
    fields.emplace_back("session", session);
    store::insertRow(txn, table(), id, fields);
  } else {
    if (existing->deleted) {
      store::setDeleted(txn, table(), id, false);
      if (!note) {
        fields.emplace_back("note", std::string{});
      }
    }
    store::updateRow(txn, table(), id, fields);
  }
  txn.commit();
  return id;
}

void Attendance::remove(const std::string& id)
{
  store::WriteTxn txn(m_db);
  requireLive(m_db, "attendance", id, PUPITRE_TR("attendance record"));
  store::setDeleted(txn, table(), id, true);
  txn.commit();
}

std::vector<AttendanceRecord> Attendance::list(const std::string& classId, const std::string& from,
                                               const std::string& to)
{
  std::string condition;
  std::vector<std::string> params;
  auto add = [&](const std::string& clause, const std::string& param) {
    condition += (condition.empty() ? "" : " AND ") + clause;
    params.push_back(param);
  };
  if (!classId.empty()) {
    add("student_id IN (SELECT id FROM student WHERE class_id = ? AND deleted = 0)", classId);
  }
  if (!from.empty()) {
    add("date >= ?", requireDate(from));
  }
  if (!to.empty()) {
    add("date <= ?", requireDate(to));
  }
  std::vector<AttendanceRecord> records;
  for (const auto& row :
       store::selectRows(m_db, table(), condition, params, "date, session, student_id")) {
    records.push_back(fromRow(row));
  }
  return records;
}

} // namespace pupitre::model
