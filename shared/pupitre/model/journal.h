#pragma once
// The class journal: what was planned and done in each session.
#include "pupitre/store/database.h"

#include <optional>
#include <string>
#include <vector>

namespace pupitre::model {

struct JournalEntry
{
  std::string id;
  std::string classId;
  std::string date;
  std::string session;
  std::string title;
  std::string body; // plain text with simple formatting
  bool done = false; // planned (false) or done
};

struct JournalChanges
{
  std::optional<std::string> date, session, title, body;
  std::optional<bool> done;
};

class Journal
{
public:
  explicit Journal(store::Database& db) : m_db(db) {}

  std::string create(const JournalEntry& entry);
  void update(const std::string& id, const JournalChanges& changes);
  void remove(const std::string& id);
  JournalEntry get(const std::string& id);
  // Live entries of a class (all if empty) by date and session; `search` filters title and
  // body (case-insensitive).
  std::vector<JournalEntry> list(const std::string& classId = {}, const std::string& search = {});

private:
  store::Database& m_db;
};

} // namespace pupitre::model
