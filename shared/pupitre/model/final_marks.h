#pragma once
// The teacher's own final mark for a student, which overrides the computed one: one record
// per (class, student), its id derived from the pair (as marks and attendance are), so two
// devices setting it offline edit the same record. Clearing it deletes the record: the final
// is computed again.
#include "pupitre/store/database.h"

#include <map>
#include <string>

namespace pupitre::model {

class FinalMarks
{
public:
  explicit FinalMarks(store::Database& db) : m_db(db) {}

  static std::string recordId(const std::string& classId, const std::string& studentId);
  // Sets the overriding final (0..outOf, on the averages' common scale); returns its id.
  // The student must be live and in the class.
  std::string set(const std::string& classId, const std::string& studentId, double value,
                  double outOf = 10);
  // Back to the computed final. Nothing happens when there is no override.
  void clear(const std::string& classId, const std::string& studentId);
  // Live overrides of a class: student id -> value.
  std::map<std::string, double> list(const std::string& classId);

private:
  store::Database& m_db;
};

} // namespace pupitre::model
