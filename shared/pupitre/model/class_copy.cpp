#include "pupitre/model/class_copy.h"

#include "pupitre/error.h"
#include "pupitre/model/validation.h"
#include "pupitre/store/rows.h"
#include "pupitre/uuid.h"

#include <algorithm>
#include <map>

namespace pupitre::model {

const std::vector<std::string_view>& classStructureTables()
{
  // Terms before assessments, so an assessment's chosen term points at the copy.
  static const std::vector<std::string_view> tables = {"category", "term", "assessment"};
  return tables;
}

std::string copyClassStructure(store::Database& db, const std::string& sourceClassId,
                               const std::string& newName)
{
  const std::string name = requireText(newName, PUPITRE_TR("class name"));
  store::WriteTxn txn(db);
  const auto source = requireLive(db, "class", sourceClassId, PUPITRE_TR("class"));
  const auto& classTable = *store::findTable("class");
  double lastPosition = 0;
  for (const auto& row : store::selectRows(db, classTable)) {
    lastPosition = std::max(lastPosition, row.number("position").value_or(0));
  }
  const std::string classId = newUuid();
  store::insertRow(txn, classTable, classId,
                   {{"name", name},
                    {"subject", source["subject"]},
                    {"year", source["year"]},
                    {"term", source["term"]},
                    {"colour", source["colour"]},
                    {"final_mode", source["final_mode"]},
                    {"school", source["school"]},
                    {"archived", std::int64_t{0}},
                    {"position", lastPosition + 1}});

  std::map<std::string, std::string> copyOf = {{sourceClassId, classId}};
  for (const auto tableName : classStructureTables()) {
    const auto& table = *store::findTable(tableName);
    const auto rows = store::selectRows(db, table, "class_id = ?", {sourceClassId});
    for (const auto& row : rows) {
      copyOf[row.id] = newUuid();
    }
    for (const auto& row : rows) {
      store::Fields fields;
      for (const auto& field : table.fields) {
        store::Value value = row[field.name];
        const bool reference =
            field.name.size() > 3 && field.name.compare(field.name.size() - 3, 3, "_id") == 0;
        if (reference && std::holds_alternative<std::string>(value)) {
          const auto& target = std::get<std::string>(value);
          if (const auto copy = copyOf.find(target); copy != copyOf.end()) {
            value = copy->second;
          } else if (const auto* targetTable = store::tableOf(db, target);
                     targetTable &&
                     std::find(classStructureTables().begin(), classStructureTables().end(),
                               targetTable->name) != classStructureTables().end()) {
            value = std::string{}; // a deleted record of the source class: not copied
          }
        }
        fields.emplace_back(field.name, std::move(value));
      }
      store::insertRow(txn, table, copyOf[row.id], fields);
    }
  }
  txn.commit();
  return classId;
}

} // namespace pupitre::model
