#pragma once
// Evaluation periods (terms) of a class: name, dates, order and weight. An assessment belongs
// to the term its `term_id` names, or else to the term of its date; one in no term counts
// only in the whole year (docs/data-model.md, "Terms and the final mark").
#include "pupitre/model/assessments.h"
#include "pupitre/store/database.h"

#include <optional>
#include <string>
#include <vector>

namespace pupitre::model {

struct Term
{
  std::string id;
  std::string classId;
  std::string name;
  std::string start; // YYYY-MM-DD, first day
  std::string end;   // YYYY-MM-DD, last day
  double position = 0;
  double weight = 1; // for a weighted final mark

  // True when `date` (YYYY-MM-DD) is between start and end, both included.
  bool contains(const std::string& date) const;
};

struct TermChanges
{
  std::optional<std::string> name, start, end;
  std::optional<double> position, weight;
};

// The names of the default set, in order. The core's are English; the app passes its
// translated ones ("1ª evaluación"…).
std::vector<std::string> defaultTermNames();

class Terms
{
public:
  explicit Terms(store::Database& db) : m_db(db) {}

  // The class must be live; a name and both dates are required, start <= end. Returns the id.
  std::string create(const Term& term);
  void update(const std::string& id, const TermChanges& changes);
  void remove(const std::string& id);
  // NotFoundError for an unknown or deleted id.
  Term get(const std::string& id);
  // Live terms of a class by position then start date.
  std::vector<Term> list(const std::string& classId);

  // Creates the default set for a class: three terms covering the school year that starts in
  // September of `firstYear` (Sep–Dec, Jan–Mar, Apr–Jun), named `names` (three of them, or
  // fewer for fewer terms). Returns the new ids, in order.
  std::vector<std::string>
  createDefaults(const std::string& classId, int firstYear,
                 const std::vector<std::string>& names = defaultTermNames());
  // Copies the live terms of `fromClass` to `toClass` (new ids, same names, dates, order and
  // weights), for "copy a class's structure". Returns the new ids, in order.
  std::vector<std::string> copyTo(const std::string& fromClass, const std::string& toClass);

private:
  store::Database& m_db;
};

// The default set's rows, inside the caller's transaction (a new class and its terms are one
// edit): see Terms::createDefaults.
std::vector<std::string>
addDefaultTerms(store::WriteTxn& txn, const std::string& classId, int firstYear,
                const std::vector<std::string>& names = defaultTermNames());

// The calendar year in which the school year starts: the first year written in `year`
// ("2026-2027", "2026/27", "2026") or, without one, the school year `today` (YYYY-MM-DD) is in
// (September to August).
int schoolYearStart(const std::string& year, const std::string& today);

// The term `assessment` belongs to: the one its termId names when that is one of `terms`,
// else the first of `terms` whose dates contain its date; "" when none (the "Year" group).
std::string termOf(const Assessment& assessment, const std::vector<Term>& terms);

} // namespace pupitre::model
