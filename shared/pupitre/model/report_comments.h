#pragma once
// The teacher's comment on a student's report card (docs/data-model.md, "Report card
// comments"): one record per (class, student, term), the term '' standing for the whole year,
// its id derived from that triple (as final marks are), so two devices writing the same
// comment offline edit the same record and the later edit wins. An empty comment is no
// comment: the record is deleted.
#include "pupitre/store/database.h"

#include <cstddef>
#include <map>
#include <string>

namespace pupitre::model {

class ReportComments
{
public:
  // At most this many characters (about 10 lines of a report card).
  static constexpr std::size_t kMaxLength = 1000;

  explicit ReportComments(store::Database& db) : m_db(db) {}

  static std::string recordId(const std::string& classId, const std::string& studentId,
                              const std::string& termId);
  // The comment without surrounding white space; ValidationError when it is longer than
  // kMaxLength characters or not UTF-8.
  static std::string checkText(const std::string& text);

  // Writes the comment (trimmed) of the student in the class for the term ("" the whole
  // year); an empty text clears it. The student must be live and in the class, the term live
  // and of the class. Returns the record's id.
  std::string set(const std::string& classId, const std::string& studentId,
                  const std::string& termId, const std::string& text);
  // No comment any more. Nothing happens when there is none.
  void clear(const std::string& classId, const std::string& studentId, const std::string& termId);
  // The comment, "" when there is none.
  std::string get(const std::string& classId, const std::string& studentId,
                  const std::string& termId);
  // The class's comments for the term ("" the whole year): student id -> text.
  std::map<std::string, std::string> list(const std::string& classId, const std::string& termId);

private:
  store::Database& m_db;
};

} // namespace pupitre::model
