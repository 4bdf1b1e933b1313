#pragma once
// Categories group the assessments of a class for weighted averages.
#include "pupitre/store/database.h"

#include <optional>
#include <string>
#include <vector>

namespace pupitre::model {

struct Category
{
  std::string id;
  std::string classId;
  std::string name;
  double weight = 1;
};

struct CategoryChanges
{
  std::optional<std::string> name;
  std::optional<double> weight;
};

class Categories
{
public:
  explicit Categories(store::Database& db) : m_db(db) {}

  std::string create(const Category& category);
  void update(const std::string& id, const CategoryChanges& changes);
  void remove(const std::string& id);
  Category get(const std::string& id);
  std::vector<Category> list(const std::string& classId);

private:
  store::Database& m_db;
};

} // namespace pupitre::model
