#pragma once
// A teacher's random actions on one device, through the model repositories as the app makes
// them: records created, edited, deleted, marks and attendance set (often the same cells on
// several devices, since their ids derive from student and assessment), conflicts restored.
// An action that a rule refuses (its record was deleted meanwhile, a mark outside the scale)
// is skipped, as the app would show the message and do nothing.
#include "pupitre/store/database.h"
#include "sim_random.h"

#include <cstdint>
#include <functional>
#include <stdexcept>
#include <string>
#include <utility>
#include <vector>

namespace pupitre::sim {

// An edit failed otherwise than by a rule's refusal: a bug the scenario reports.
class UnexpectedEditError : public std::runtime_error
{
public:
  using std::runtime_error::runtime_error;
};

struct EditOutcome
{
  bool applied = false;
  std::string description; // for the scenario's trace
};

class RandomEdits
{
public:
  RandomEdits(SimRandom& random, std::uint64_t seed) : m_random(random), m_seed(seed) {}

  EditOutcome apply(store::Database& db);
  // The start of a term on one device: a class with a few students and assessments.
  std::vector<EditOutcome> startTerm(store::Database& db);
  // One mark set on two devices at the same moment (their stamps may be equal but for the
  // device, which then breaks the tie).
  std::pair<EditOutcome, EditOutcome> sameMarkAtOnce(store::Database& first,
                                                     store::Database& second);
  // A new journal entry whose body is `bytes` long (longer than the server takes), in a class
  // `random` picks: its own draws, so that the other steps of a seed stay as they were.
  EditOutcome createLongJournalEntry(store::Database& db, SimRandom& random, std::size_t bytes);

private:
  // Runs `edit`; a rule's refusal is an outcome, any other failure an UnexpectedEditError.
  EditOutcome attempt(const char* name, const std::function<EditOutcome()>& edit);
  EditOutcome setMarkIn(store::Database& db, const std::string& studentId,
                        const std::string& assessmentId);
  std::string newId(); // deterministic per seed
  std::string pickRow(store::Database& db, const std::string& table,
                      const std::string& condition = {}, const std::string& param = {});
  std::string pickText(const char* const* choices, std::size_t count);

  EditOutcome createClass(store::Database& db);
  EditOutcome updateClass(store::Database& db);
  EditOutcome createStudent(store::Database& db);
  EditOutcome updateStudent(store::Database& db);
  EditOutcome createCategory(store::Database& db);
  EditOutcome updateCategory(store::Database& db);
  EditOutcome createAssessment(store::Database& db);
  EditOutcome updateAssessment(store::Database& db);
  EditOutcome setMark(store::Database& db);
  EditOutcome removeMark(store::Database& db);
  EditOutcome setAttendance(store::Database& db);
  EditOutcome createJournalEntry(store::Database& db);
  EditOutcome updateJournalEntry(store::Database& db);
  EditOutcome deleteAnyRecord(store::Database& db);
  EditOutcome restoreAConflict(store::Database& db);

  SimRandom& m_random;
  std::uint64_t m_seed;
  std::uint64_t m_nextId = 0;
};

} // namespace pupitre::sim
