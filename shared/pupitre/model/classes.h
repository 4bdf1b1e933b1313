#pragma once
// Classes (teaching groups).
#include "pupitre/store/database.h"

#include <optional>
#include <string>
#include <vector>

namespace pupitre::model {

// How the final mark is computed from the term averages.
enum class FinalMode { Mean, Weighted };
const char* toText(FinalMode mode);
// ValidationError for anything but mean or weighted.
FinalMode parseFinalMode(const std::string& text);

struct SchoolClass
{
  std::string id;
  std::string name;
  std::string subject;
  std::string year; // "2026-2027"
  std::string term;
  std::string colour; // "#RRGGBB" or empty
  bool archived = false;
  double position = 0;
  FinalMode finalMode = FinalMode::Mean;
  std::string school; // printed on report cards; empty: none (migration 0005)
};

struct ClassChanges
{
  std::optional<std::string> name, subject, year, term, colour;
  std::optional<bool> archived;
  std::optional<double> position;
  std::optional<FinalMode> finalMode;
  std::optional<std::string> school; // trimmed, at most 200 characters; "" clears it
};

class Classes
{
public:
  explicit Classes(store::Database& db) : m_db(db) {}

  // Returns the new id. The name is required.
  std::string create(const SchoolClass& schoolClass);
  // The same plus the default terms (Terms::createDefaults) named `termNames`, in one edit:
  // a new class as the app and the CLI make it. The school year comes from the class's year
  // or, without one, from `today` (YYYY-MM-DD).
  std::string createWithTerms(const SchoolClass& schoolClass, const std::string& today,
                              const std::vector<std::string>& termNames);
  void update(const std::string& id, const ClassChanges& changes);
  void remove(const std::string& id);
  // NotFoundError for an unknown or deleted id.
  SchoolClass get(const std::string& id);
  // Live classes by position then name.
  std::vector<SchoolClass> list(bool includeArchived = true);

private:
  store::Database& m_db;
};

} // namespace pupitre::model
