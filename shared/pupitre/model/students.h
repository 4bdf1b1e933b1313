#pragma once
// Students of a class.
#include "pupitre/store/database.h"

#include <optional>
#include <string>
#include <vector>

namespace pupitre::model {

struct Student
{
  std::string id;
  std::string classId;
  std::string givenName;
  std::string familyName;
  std::string email;
  std::string notes;
  std::string picture; // SHA-256 of the picture blob, or empty
};

struct StudentChanges
{
  std::optional<std::string> classId, givenName, familyName, email, notes, picture;
};

class Students
{
public:
  explicit Students(store::Database& db) : m_db(db) {}

  // The class must exist; a given or a family name is required. Returns the new id.
  std::string create(const Student& student);
  // Creates all of them in one transaction, or none when one breaks a rule (the error
  // names it). Returns the new ids in order.
  std::vector<std::string> createAll(const std::vector<Student>& students);
  void update(const std::string& id, const StudentChanges& changes);
  void remove(const std::string& id);
  Student get(const std::string& id);
  // Live students, of one class or all, by family then given name in the user's collation
  // (name_order.h).
  std::vector<Student> list(const std::string& classId = {});

private:
  store::Database& m_db;
};

} // namespace pupitre::model
