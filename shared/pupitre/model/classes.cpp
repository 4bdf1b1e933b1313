#include "pupitre/model/classes.h"

#include "pupitre/error.h"
#include "pupitre/model/terms.h"
#include "pupitre/model/validation.h"
#include "pupitre/store/rows.h"
#include "pupitre/uuid.h"

namespace pupitre::model {
namespace {

const store::TableDef& table()
{
  return *store::findTable("class");
}

SchoolClass fromRow(const store::Row& row)
{
  SchoolClass c;
  c.id = row.id;
  c.name = row.text("name");
  c.subject = row.text("subject");
  c.year = row.text("year");
  c.term = row.text("term");
  c.colour = row.text("colour");
  c.archived = row.number("archived").value_or(0) != 0;
  c.position = row.number("position").value_or(0);
  c.finalMode = row.text("final_mode") == "weighted" ? FinalMode::Weighted : FinalMode::Mean;
  c.school = row.text("school");
  return c;
}

store::Fields fieldsOf(const ClassChanges& changes)
{
  store::Fields fields;
  if (changes.name) {
    fields.emplace_back("name", requireText(*changes.name, PUPITRE_TR("class name")));
  }
  if (changes.subject) {
    fields.emplace_back("subject", *changes.subject);
  }
  if (changes.year) {
    fields.emplace_back("year", *changes.year);
  }
  if (changes.term) {
    fields.emplace_back("term", *changes.term);
  }
  if (changes.colour) {
    fields.emplace_back("colour", requireColour(*changes.colour));
  }
  if (changes.archived) {
    fields.emplace_back("archived", std::int64_t{*changes.archived ? 1 : 0});
  }
  if (changes.position) {
    fields.emplace_back("position", *changes.position);
  }
  if (changes.finalMode) {
    fields.emplace_back("final_mode", std::string(toText(*changes.finalMode)));
  }
  if (changes.school) {
    const bool blank = changes.school->find_first_not_of(" \t\r\n") == std::string::npos;
    fields.emplace_back("school", blank ? std::string{}
                                        : requireText(*changes.school, PUPITRE_TR("school name")));
  }
  return fields;
}

} // namespace

const char* toText(FinalMode mode)
{
  return mode == FinalMode::Weighted ? "weighted" : "mean";
}

FinalMode parseFinalMode(const std::string& text)
{
  if (text == "mean") {
    return FinalMode::Mean;
  }
  if (text == "weighted") {
    return FinalMode::Weighted;
  }
  throw ValidationError(Sentence{
      PUPITRE_TR("'%1' is not a way to compute the final mark; use mean or weighted."), {text}});
}

std::string Classes::create(const SchoolClass& c)
{
  ClassChanges all{c.name, c.subject, c.year, c.term, c.colour, c.archived, c.position};
  if (c.finalMode != FinalMode::Mean) {
    all.finalMode = c.finalMode;
  }
  if (!c.school.empty()) {
    all.school = c.school;
  }
  const auto fields = fieldsOf(all);
  const std::string id = c.id.empty() ? newUuid() : c.id;
  store::WriteTxn txn(m_db);
  store::insertRow(txn, table(), id, fields);
  txn.commit();
  return id;
}

std::string Classes::createWithTerms(const SchoolClass& c, const std::string& today,
                                     const std::vector<std::string>& termNames)
{
  ClassChanges all{c.name, c.subject, c.year, c.term, c.colour, c.archived, c.position};
  if (c.finalMode != FinalMode::Mean) {
    all.finalMode = c.finalMode;
  }
  if (!c.school.empty()) {
    all.school = c.school;
  }
  const auto fields = fieldsOf(all);
  const int firstYear = schoolYearStart(c.year, today);
  const std::string id = c.id.empty() ? newUuid() : c.id;
  store::WriteTxn txn(m_db);
  store::insertRow(txn, table(), id, fields);
  addDefaultTerms(txn, id, firstYear, termNames);
  txn.commit();
  return id;
}

void Classes::update(const std::string& id, const ClassChanges& changes)
{
  const auto fields = fieldsOf(changes);
  store::WriteTxn txn(m_db);
  requireLive(m_db, "class", id, PUPITRE_TR("class"));
  store::updateRow(txn, table(), id, fields);
  txn.commit();
}

void Classes::remove(const std::string& id)
{
  store::WriteTxn txn(m_db);
  requireLive(m_db, "class", id, PUPITRE_TR("class"));
  store::setDeleted(txn, table(), id, true);
  txn.commit();
}

SchoolClass Classes::get(const std::string& id)
{
  return fromRow(requireLive(m_db, "class", id, PUPITRE_TR("class")));
}

std::vector<SchoolClass> Classes::list(bool includeArchived)
{
  std::vector<SchoolClass> classes;
  for (const auto& row :
       store::selectRows(m_db, table(), includeArchived ? "" : "coalesce(archived, 0) = 0", {},
                         "coalesce(position, 0), name COLLATE NOCASE, id")) {
    classes.push_back(fromRow(row));
  }
  return classes;
}

} // namespace pupitre::model
