#include "pupitre/model/categories.h"

#include "pupitre/error.h"
#include "pupitre/model/validation.h"
#include "pupitre/store/rows.h"
#include "pupitre/uuid.h"

namespace pupitre::model {
namespace {

const store::TableDef& table()
{
  return *store::findTable("category");
}

Category fromRow(const store::Row& row)
{
  return Category{row.id, row.text("class_id"), row.text("name"), row.number("weight").value_or(1)};
}

store::Fields fieldsOf(const CategoryChanges& changes)
{
  store::Fields fields;
  if (changes.name) {
    fields.emplace_back("name", requireText(*changes.name, PUPITRE_TR("category name")));
  }
  if (changes.weight) {
    fields.emplace_back("weight", requireWeight(*changes.weight, PUPITRE_TR("category weight")));
  }
  return fields;
}

} // namespace

std::string Categories::create(const Category& c)
{
  store::WriteTxn txn(m_db);
  requireLive(m_db, "class", c.classId, PUPITRE_TR("class"));
  auto fields = fieldsOf({c.name, c.weight});
  fields.emplace_back("class_id", c.classId);
  const std::string id = c.id.empty() ? newUuid() : c.id;
  store::insertRow(txn, table(), id, fields);
  txn.commit();
  return id;
}

void Categories::update(const std::string& id, const CategoryChanges& changes)
{
  const auto fields = fieldsOf(changes);
  store::WriteTxn txn(m_db);
  requireLive(m_db, "category", id, PUPITRE_TR("category"));
  store::updateRow(txn, table(), id, fields);
  txn.commit();
}

void Categories::remove(const std::string& id)
{
  store::WriteTxn txn(m_db);
  requireLive(m_db, "category", id, PUPITRE_TR("category"));
  store::setDeleted(txn, table(), id, true);
  txn.commit();
}

Category Categories::get(const std::string& id)
{
  return fromRow(requireLive(m_db, "category", id, PUPITRE_TR("category")));
}

std::vector<Category> Categories::list(const std::string& classId)
{
  std::vector<Category> categories;
  for (const auto& row :
       store::selectRows(m_db, table(), "class_id = ?", {classId}, "name COLLATE NOCASE, id")) {
    categories.push_back(fromRow(row));
  }
  return categories;
}

} // namespace pupitre::model
