#include "pupitre/model/journal.h"

#include "pupitre/error.h"
#include "pupitre/model/validation.h"
#include "pupitre/store/rows.h"
#include "pupitre/uuid.h"

namespace pupitre::model {
namespace {

const store::TableDef& table()
{
  return *store::findTable("journal_entry");
}
constexpr std::size_t kMaxBody = 1'000'000;

JournalEntry fromRow(const store::Row& row)
{
  return JournalEntry{row.id,
                      row.text("class_id"),
                      row.text("date"),
                      row.text("session"),
                      row.text("title"),
                      row.text("body"),
                      row.number("done").value_or(0) != 0};
}

store::Fields fieldsOf(const JournalChanges& changes)
{
  store::Fields fields;
  if (changes.date) {
    fields.emplace_back("date", requireDate(*changes.date));
  }
  if (changes.session) {
    fields.emplace_back("session", *changes.session);
  }
  if (changes.title) {
    fields.emplace_back("title", *changes.title);
  }
  if (changes.body) {
    if (changes.body->size() > kMaxBody) {
      throw ValidationError(
          Sentence{PUPITRE_TR("A journal entry can hold at most 1 MB of text."), {}});
    }
    fields.emplace_back("body", *changes.body);
  }
  if (changes.done) {
    fields.emplace_back("done", std::int64_t{*changes.done ? 1 : 0});
  }
  return fields;
}

} // namespace

std::string Journal::create(const JournalEntry& e)
{
  auto fields = fieldsOf({e.date, e.session, e.title, e.body, e.done});
  store::WriteTxn txn(m_db);
  requireLive(m_db, "class", e.classId, PUPITRE_TR("class"));
  fields.emplace_back("class_id", e.classId);
  const std::string id = e.id.empty() ? newUuid() : e.id;
  store::insertRow(txn, table(), id, fields);
  txn.commit();
  return id;
}

void Journal::update(const std::string& id, const JournalChanges& changes)
{
  const auto fields = fieldsOf(changes);
  store::WriteTxn txn(m_db);
  requireLive(m_db, "journal_entry", id, PUPITRE_TR("journal entry"));
  store::updateRow(txn, table(), id, fields);
  txn.commit();
}

void Journal::remove(const std::string& id)
{
  store::WriteTxn txn(m_db);
  requireLive(m_db, "journal_entry", id, PUPITRE_TR("journal entry"));
  store::setDeleted(txn, table(), id, true);
  txn.commit();
}

JournalEntry Journal::get(const std::string& id)
{
  return fromRow(requireLive(m_db, "journal_entry", id, PUPITRE_TR("journal entry")));
}

std::vector<JournalEntry> Journal::list(const std::string& classId, const std::string& search)
{
  std::string condition;
  std::vector<std::string> params;
  if (!classId.empty()) {
    condition = "class_id = ?";
    params.push_back(classId);
  }
  if (!search.empty()) {
    condition += std::string(condition.empty() ? "" : " AND ") +
                 "(instr(pupitre_fold(coalesce(title, '')), pupitre_fold(?)) > 0 OR"
                 " instr(pupitre_fold(coalesce(body, '')), pupitre_fold(?)) > 0)";
    params.push_back(search);
    params.push_back(search);
  }
  std::vector<JournalEntry> entries;
  for (const auto& row : store::selectRows(m_db, table(), condition, params, "date, session, id")) {
    entries.push_back(fromRow(row));
  }
  return entries;
}

} // namespace pupitre::model
