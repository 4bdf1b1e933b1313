#include "pupitre/model/hidden_edits.h"

#include <algorithm>

namespace pupitre::model {
namespace {

// How a child reaches the deleted record that hides it: a join from `child` (alias c) to
// `parent` (alias p), through the child's own parent column or its student's class.
struct Path
{
  const char* child;
  const char* parent;
  const char* join;
};

constexpr Path kPaths[] = {
    {"student", "class", "JOIN \"class\" p ON p.id = c.class_id"},
    {"category", "class", "JOIN \"class\" p ON p.id = c.class_id"},
    {"assessment", "class", "JOIN \"class\" p ON p.id = c.class_id"},
    {"journal_entry", "class", "JOIN \"class\" p ON p.id = c.class_id"},
    {"resource", "class", "JOIN \"class\" p ON p.id = c.class_id"},
    {"term", "class", "JOIN \"class\" p ON p.id = c.class_id"},
    {"final_mark", "class", "JOIN \"class\" p ON p.id = c.class_id"},
    {"final_mark", "student", "JOIN student p ON p.id = c.student_id"},
    {"report_comment", "class", "JOIN \"class\" p ON p.id = c.class_id"},
    {"report_comment", "student", "JOIN student p ON p.id = c.student_id"},
    {"mark", "assessment", "JOIN assessment p ON p.id = c.assessment_id"},
    {"mark", "student", "JOIN student p ON p.id = c.student_id"},
    {"mark", "class",
     "JOIN student s ON s.id = c.student_id AND s.deleted = 0 JOIN \"class\" p ON p.id = "
     "s.class_id"},
    {"attendance", "student", "JOIN student p ON p.id = c.student_id"},
    {"attendance", "class",
     "JOIN student s ON s.id = c.student_id AND s.deleted = 0 JOIN \"class\" p ON p.id = "
     "s.class_id"},
};

std::string kindOf(const std::string& table)
{
  return table == "journal_entry"    ? "journal entry"
         : table == "final_mark"     ? "final mark"
         : table == "report_comment" ? "report card comment"
                                     : table;
}

} // namespace

std::string HiddenEdit::message() const
{
  const bool ownParent = !(parentTable == "class" && (table == "mark" || table == "attendance"));
  return "The " + kindOf(table) + " " + rowId + " was edited after " +
         (ownParent ? "its " : "its student's ") + kindOf(parentTable) + " " + parentId +
         " was deleted.";
}

std::vector<HiddenEdit> hiddenEdits(store::Database& db)
{
  std::vector<HiddenEdit> found;
  for (const Path& path : kPaths) {
    // The child's latest field version against the parent's deletion.
    // The child's latest field version against the parent's deletion (SQLite takes e.device
    // from the row that holds max(e.hlc)).
    auto& query = db.statement(
        std::string("SELECT c.id, p.id, max(e.hlc), e.device, d.hlc, d.device FROM \"") +
        path.child + "\" c " + path.join +
        " JOIN field_version d ON d.row_id = p.id AND d.field = 'deleted'"
        " JOIN field_version e ON e.row_id = c.id"
        " WHERE c.deleted = 0 AND p.deleted = 1"
        " GROUP BY c.id, p.id HAVING max(e.hlc) > d.hlc");
    while (query.executeStep()) {
      HiddenEdit edit;
      edit.table = path.child;
      edit.rowId = query.getColumn(0).getString();
      edit.parentTable = path.parent;
      edit.parentId = query.getColumn(1).getString();
      edit.editedAt = static_cast<clock::Hlc>(query.getColumn(2).getInt64());
      edit.editedBy = query.getColumn(3).getString();
      edit.deletedAt = static_cast<clock::Hlc>(query.getColumn(4).getInt64());
      edit.deletedBy = query.getColumn(5).getString();
      found.push_back(std::move(edit));
    }
    query.reset();
  }
  std::sort(found.begin(), found.end(), [](const HiddenEdit& x, const HiddenEdit& y) {
    return x.editedAt != y.editedAt ? x.editedAt > y.editedAt : x.rowId < y.rowId;
  });
  return found;
}

} // namespace pupitre::model
