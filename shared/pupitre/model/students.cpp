#include "pupitre/model/students.h"

#include "pupitre/error.h"
#include "pupitre/model/name_order.h"
#include "pupitre/model/validation.h"
#include "pupitre/store/rows.h"
#include "pupitre/uuid.h"

namespace pupitre::model {
namespace {

const store::TableDef& table()
{
  return *store::findTable("student");
}

Student fromRow(const store::Row& row)
{
  return Student{row.id,
                 row.text("class_id"),
                 row.text("given_name"),
                 row.text("family_name"),
                 row.text("email"),
                 row.text("notes"),
                 row.text("picture")};
}

std::string optionalName(const std::string& value, const std::string& what)
{
  return value.find_first_not_of(" \t\r\n") == std::string::npos ? std::string{}
                                                                 : requireText(value, what);
}

store::Fields fieldsOf(store::Database& db, const StudentChanges& changes)
{
  store::Fields fields;
  if (changes.classId) {
    requireLive(db, "class", *changes.classId, PUPITRE_TR("class"));
    fields.emplace_back("class_id", *changes.classId);
  }
  if (changes.givenName) {
    fields.emplace_back("given_name", optionalName(*changes.givenName, PUPITRE_TR("given name")));
  }
  if (changes.familyName) {
    fields.emplace_back("family_name",
                        optionalName(*changes.familyName, PUPITRE_TR("family name")));
  }
  if (changes.email) {
    fields.emplace_back("email", requireEmail(*changes.email));
  }
  if (changes.notes) {
    fields.emplace_back("notes", *changes.notes);
  }
  if (changes.picture) {
    fields.emplace_back("picture", *changes.picture);
  }
  return fields;
}

void requireSomeName(const std::string& given, const std::string& family)
{
  if (given.empty() && family.empty()) {
    throw ValidationError(
        Sentence{PUPITRE_TR("A student needs a given name or a family name."), {}});
  }
}

} // namespace

std::string Students::create(const Student& s)
{
  store::WriteTxn txn(m_db);
  const StudentChanges all{s.classId, s.givenName, s.familyName, s.email, s.notes, s.picture};
  const auto fields = fieldsOf(m_db, all);
  requireSomeName(std::get<std::string>(fields[1].second), std::get<std::string>(fields[2].second));
  const std::string id = s.id.empty() ? newUuid() : s.id;
  store::insertRow(txn, table(), id, fields);
  txn.commit();
  return id;
}

std::vector<std::string> Students::createAll(const std::vector<Student>& students)
{
  store::WriteTxn txn(m_db);
  std::vector<std::string> ids;
  for (const auto& s : students) {
    const StudentChanges all{s.classId, s.givenName, s.familyName, s.email, s.notes, s.picture};
    store::Fields fields;
    try {
      fields = fieldsOf(m_db, all);
      requireSomeName(std::get<std::string>(fields[1].second),
                      std::get<std::string>(fields[2].second));
    } catch (const ValidationError& e) {
      throw ValidationError(
          withDetail(Sentence{PUPITRE_TR("Student %1: %2"),
                              {s.familyName + (s.familyName.empty() ? "" : ", ") + s.givenName}},
                     e));
    }
    ids.push_back(s.id.empty() ? newUuid() : s.id);
    store::insertRow(txn, table(), ids.back(), fields);
  }
  txn.commit();
  return ids;
}

void Students::update(const std::string& id, const StudentChanges& changes)
{
  store::WriteTxn txn(m_db);
  const Student current = fromRow(requireLive(m_db, "student", id, PUPITRE_TR("student")));
  const auto fields = fieldsOf(m_db, changes);
  std::string given = current.givenName;
  std::string family = current.familyName;
  for (const auto& [name, value] : fields) {
    if (name == "given_name") {
      given = std::get<std::string>(value);
    } else if (name == "family_name") {
      family = std::get<std::string>(value);
    }
  }
  requireSomeName(given, family);
  store::updateRow(txn, table(), id, fields);
  txn.commit();
}

void Students::remove(const std::string& id)
{
  store::WriteTxn txn(m_db);
  requireLive(m_db, "student", id, PUPITRE_TR("student"));
  store::setDeleted(txn, table(), id, true);
  txn.commit();
}

Student Students::get(const std::string& id)
{
  return fromRow(requireLive(m_db, "student", id, PUPITRE_TR("student")));
}

std::vector<Student> Students::list(const std::string& classId)
{
  std::vector<Student> students;
  const auto rows =
      classId.empty()
          ? store::selectRows(m_db, table(), {}, {},
                              "family_name COLLATE NOCASE, given_name COLLATE NOCASE, id")
          : store::selectRows(m_db, table(), "class_id = ?", {classId},
                              "family_name COLLATE NOCASE, given_name COLLATE NOCASE, id");
  for (const auto& row : rows) {
    students.push_back(fromRow(row));
  }
  sortByName(students); // the user's collation, not SQLite's byte order
  return students;
}

} // namespace pupitre::model
