#pragma once
// Marks: one per (student, assessment), with a value on the assessment's scale, a comment and
// a status. The record's id is derived from the pair, so two devices that set the same cell
// offline edit the same record and the most recent edit wins.
#include "pupitre/store/database.h"
#include "pupitre/store/value.h"

#include <optional>
#include <string>
#include <vector>

namespace pupitre::model {

enum class MarkStatus { Normal, Excused, Missing };
const char* toText(MarkStatus status);
// ValidationError for anything but normal, excused, missing.
MarkStatus parseMarkStatus(const std::string& text);

struct Mark
{
  std::string id;
  std::string studentId;
  std::string assessmentId;
  store::Value value; // a number, a scale symbol, or null
  std::string comment;
  MarkStatus status = MarkStatus::Normal;
};

// What to change; fields left empty keep their value.
struct MarkInput
{
  std::optional<std::string> value; // as typed ("7,5", "A"); "" clears it
  std::optional<std::string> comment;
  std::optional<MarkStatus> status;
};

class Marks
{
public:
  explicit Marks(store::Database& db) : m_db(db) {}

  static std::string markId(const std::string& studentId, const std::string& assessmentId);

  // Creates or changes the mark; returns its id. A normal mark needs a value.
  std::string set(const std::string& studentId, const std::string& assessmentId,
                  const MarkInput& input);
  void remove(const std::string& id);
  std::optional<Mark> find(const std::string& studentId, const std::string& assessmentId);
  // Live marks of the live students of a class (all classes if empty).
  std::vector<Mark> list(const std::string& classId = {});

private:
  store::Database& m_db;
};

} // namespace pupitre::model
