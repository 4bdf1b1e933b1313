#pragma once
// Assessments: the columns of the gradebook.
#include "pupitre/model/scale.h"
#include "pupitre/store/database.h"
#include "pupitre/store/rows.h"

#include <optional>
#include <string>
#include <vector>

namespace pupitre::model {

struct Assessment
{
  std::string id;
  std::string classId;
  std::string categoryId; // empty: uncategorised
  std::string name;
  std::string date; // YYYY-MM-DD or empty
  double weight = 1;
  Scale scale;
  bool visible = true;
  double position = 0;
  std::string termId; // the teacher's choice of term; empty: the term of its date
};

struct AssessmentChanges
{
  std::optional<std::string> categoryId, name, date;
  std::optional<double> weight;
  std::optional<Scale> scale;
  std::optional<bool> visible;
  std::optional<double> position;
  std::optional<std::string> termId; // "" = by date
};

class Assessments
{
public:
  explicit Assessments(store::Database& db) : m_db(db) {}

  std::string create(const Assessment& assessment);
  // A new scale must still fit every mark already given.
  void update(const std::string& id, const AssessmentChanges& changes);
  void remove(const std::string& id);
  Assessment get(const std::string& id);
  // Live assessments of a class (all classes if empty), by position, date, name.
  std::vector<Assessment> list(const std::string& classId = {});

private:
  store::Database& m_db;
};

// The assessment a stored row describes (tolerates half-synchronised rows).
Assessment assessmentFromRow(const store::Row& row);

} // namespace pupitre::model
