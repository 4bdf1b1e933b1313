#include "pupitre/model/final_marks.h"

#include "pupitre/error.h"
#include "pupitre/model/validation.h"
#include "pupitre/store/rows.h"
#include "pupitre/uuid.h"

#include <cmath>

namespace pupitre::model {
namespace {

const store::TableDef& table()
{
  return *store::findTable("final_mark");
}

} // namespace

std::string FinalMarks::recordId(const std::string& classId, const std::string& studentId)
{
  return nameUuid("final_mark|" + classId + "|" + studentId);
}

std::string FinalMarks::set(const std::string& classId, const std::string& studentId, double value,
                            double outOf)
{
  if (!std::isfinite(value) || value < 0 || value > outOf) {
    throw ValidationError(Sentence{PUPITRE_TR("A final mark is a number from 0 to %1; %2 is not."),
                                   {store::formatNumber(outOf), store::formatNumber(value)}});
  }
  store::WriteTxn txn(m_db);
  requireLive(m_db, "class", classId, PUPITRE_TR("class"));
  const auto student = requireLive(m_db, "student", studentId, PUPITRE_TR("student"));
  if (student.text("class_id") != classId) {
    throw ValidationError(
        Sentence{PUPITRE_TR("The student %1 is not in the class %2."), {studentId, classId}});
  }
  const std::string id = recordId(classId, studentId);
  const auto existing = store::findRow(m_db, table(), id);
  if (!existing) {
    store::insertRow(txn, table(), id,
                     {{"class_id", classId}, {"student_id", studentId}, {"value", value}});
  } else {
    if (existing->deleted) {
      store::setDeleted(txn, table(), id, false);
    }
    store::updateRow(txn, table(), id, {{"value", value}});
  }
  txn.commit();
  return id;
}

void FinalMarks::clear(const std::string& classId, const std::string& studentId)
{
  const std::string id = recordId(classId, studentId);
  store::WriteTxn txn(m_db);
  const auto existing = store::findRow(m_db, table(), id);
  if (!existing || existing->deleted) {
    return;
  }
  store::setDeleted(txn, table(), id, true);
  txn.commit();
}

std::map<std::string, double> FinalMarks::list(const std::string& classId)
{
  std::map<std::string, double> values;
  for (const auto& row : store::selectRows(m_db, table(), "class_id = ?", {classId})) {
    if (const auto value = row.number("value")) {
      values[row.text("student_id")] = *value;
    }
  }
  return values;
}

} // namespace pupitre::model
