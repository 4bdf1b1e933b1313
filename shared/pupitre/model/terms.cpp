#include "pupitre/model/terms.h"

#include "pupitre/error.h"
#include "pupitre/model/validation.h"
#include "pupitre/store/rows.h"
#include "pupitre/uuid.h"

#include <cctype>

namespace pupitre::model {
namespace {

const store::TableDef& table()
{
  return *store::findTable("term");
}

Term fromRow(const store::Row& row)
{
  Term t;
  t.id = row.id;
  t.classId = row.text("class_id");
  t.name = row.text("name");
  t.start = row.text("start_date");
  t.end = row.text("end_date");
  t.position = row.number("position").value_or(0);
  t.weight = row.number("weight").value_or(1);
  return t;
}

store::Fields fieldsOf(const TermChanges& changes)
{
  store::Fields fields;
  if (changes.name) {
    fields.emplace_back("name", requireText(*changes.name, PUPITRE_TR("term name")));
  }
  if (changes.start) {
    fields.emplace_back("start_date", requireDate(*changes.start));
  }
  if (changes.end) {
    fields.emplace_back("end_date", requireDate(*changes.end));
  }
  if (changes.position) {
    fields.emplace_back("position", *changes.position);
  }
  if (changes.weight) {
    fields.emplace_back("weight", requireWeight(*changes.weight, PUPITRE_TR("term weight")));
  }
  return fields;
}

void requireOrder(const std::string& start, const std::string& end, const std::string& name)
{
  if (!start.empty() && !end.empty() && end < start) {
    throw ValidationError(Sentence{PUPITRE_TR("The term '%1' ends (%2) before it starts (%3); "
                                              "give an end date on or after the start date."),
                                   {name, end, start}});
  }
}

// Inserts `t` (already checked) inside the caller's transaction; returns its id.
std::string insertTerm(store::WriteTxn& txn, const Term& t)
{
  if (t.start.empty() || t.end.empty()) {
    throw ValidationError(
        Sentence{PUPITRE_TR("A term needs a start and an end date (YYYY-MM-DD)."), {}});
  }
  const TermChanges all{t.name, t.start, t.end, t.position, t.weight};
  auto fields = fieldsOf(all);
  requireOrder(t.start, t.end, t.name);
  requireLive(txn.db(), "class", t.classId, PUPITRE_TR("class"));
  fields.emplace_back("class_id", t.classId);
  const std::string id = t.id.empty() ? newUuid() : t.id;
  store::insertRow(txn, table(), id, fields);
  return id;
}

} // namespace

std::vector<std::string> addDefaultTerms(store::WriteTxn& txn, const std::string& classId,
                                         int firstYear, const std::vector<std::string>& names)
{
  const std::string y0 = std::to_string(firstYear);
  const std::string y1 = std::to_string(firstYear + 1);
  const std::pair<std::string, std::string> dates[] = {{y0 + "-09-01", y0 + "-12-31"},
                                                       {y1 + "-01-01", y1 + "-03-31"},
                                                       {y1 + "-04-01", y1 + "-06-30"}};
  std::vector<std::string> ids;
  for (std::size_t i = 0; i < names.size() && i < std::size(dates); ++i) {
    ids.push_back(insertTerm(txn, {.classId = classId,
                                   .name = names[i],
                                   .start = dates[i].first,
                                   .end = dates[i].second,
                                   .position = static_cast<double>(i + 1)}));
  }
  return ids;
}

bool Term::contains(const std::string& date) const
{
  return !date.empty() && !start.empty() && !end.empty() && start <= date && date <= end;
}

std::vector<std::string> defaultTermNames()
{
  return {"1st term", "2nd term", "3rd term"};
}

std::string Terms::create(const Term& t)
{
  store::WriteTxn txn(m_db);
  const std::string id = insertTerm(txn, t);
  txn.commit();
  return id;
}

void Terms::update(const std::string& id, const TermChanges& changes)
{
  const auto fields = fieldsOf(changes);
  store::WriteTxn txn(m_db);
  const Term current = fromRow(requireLive(m_db, "term", id, PUPITRE_TR("term")));
  requireOrder(changes.start.value_or(current.start), changes.end.value_or(current.end),
               changes.name.value_or(current.name));
  store::updateRow(txn, table(), id, fields);
  txn.commit();
}

void Terms::remove(const std::string& id)
{
  store::WriteTxn txn(m_db);
  requireLive(m_db, "term", id, PUPITRE_TR("term"));
  store::setDeleted(txn, table(), id, true);
  txn.commit();
}

Term Terms::get(const std::string& id)
{
  return fromRow(requireLive(m_db, "term", id, PUPITRE_TR("term")));
}

std::vector<Term> Terms::list(const std::string& classId)
{
  std::vector<Term> terms;
  for (const auto& row : store::selectRows(m_db, table(), "class_id = ?", {classId},
                                           "coalesce(position, 0), coalesce(start_date, ''), id")) {
    terms.push_back(fromRow(row));
  }
  return terms;
}

std::vector<std::string> Terms::createDefaults(const std::string& classId, int firstYear,
                                               const std::vector<std::string>& names)
{
  store::WriteTxn txn(m_db);
  auto ids = addDefaultTerms(txn, classId, firstYear, names);
  txn.commit();
  return ids;
}

std::vector<std::string> Terms::copyTo(const std::string& fromClass, const std::string& toClass)
{
  const auto terms = list(fromClass);
  std::vector<std::string> ids;
  store::WriteTxn txn(m_db);
  for (Term t : terms) {
    t.id.clear();
    t.classId = toClass;
    ids.push_back(insertTerm(txn, t));
  }
  txn.commit();
  return ids;
}

int schoolYearStart(const std::string& year, const std::string& today)
{
  for (std::size_t i = 0; i + 4 <= year.size(); ++i) {
    bool digits = true;
    for (std::size_t j = i; j < i + 4; ++j) {
      digits = digits && std::isdigit(static_cast<unsigned char>(year[j]));
    }
    const bool alone =
        i + 4 == year.size() || !std::isdigit(static_cast<unsigned char>(year[i + 4]));
    if (digits && alone && (i == 0 || !std::isdigit(static_cast<unsigned char>(year[i - 1])))) {
      return std::stoi(year.substr(i, 4));
    }
  }
  const std::string date = requireDate(today);
  const int calendarYear = std::stoi(date.substr(0, 4));
  const int month = std::stoi(date.substr(5, 2));
  return month >= 9 ? calendarYear : calendarYear - 1;
}

std::string termOf(const Assessment& assessment, const std::vector<Term>& terms)
{
  if (!assessment.termId.empty()) {
    for (const auto& t : terms) {
      if (t.id == assessment.termId) {
        return t.id;
      }
    }
  }
  for (const auto& t : terms) {
    if (t.contains(assessment.date)) {
      return t.id;
    }
  }
  return {};
}

} // namespace pupitre::model
