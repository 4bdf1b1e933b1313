#pragma once
// Edits hidden by a deletion made elsewhere. Deleting a parent (a class, a student, an
// assessment) does not rewrite its children, and the app hides the rows whose parent is
// deleted (sync.md, "Existence is a field too"). So a child edited on one device after its
// parent was deleted on another (a mark typed on an assessment another device deleted, a
// student added to a deleted class) merges into a live record nobody sees. These are listed
// here so that the teacher sees them and can bring the parent back: nothing is dropped.
#include "pupitre/clock/hlc.h"
#include "pupitre/store/database.h"

#include <string>
#include <vector>

namespace pupitre::model {

struct HiddenEdit
{
  std::string table; // the hidden record's table ("mark", "student"…)
  std::string rowId;
  std::string parentTable; // the deleted record that hides it ("assessment", "class"…)
  std::string parentId;
  clock::Hlc editedAt = 0; // the hidden record's latest edit, after the deletion
  std::string editedBy;    // device of that edit
  clock::Hlc deletedAt = 0;
  std::string deletedBy; // device of the deletion

  // "The mark 9f0e1a2b… was edited after its assessment 0c1d2e3f… was deleted."
  std::string message() const;
};

// Live records whose parent, or whose student's class, is deleted and that were edited after
// that deletion; newest edit first. Records deleted before their parent are not listed: they
// were hidden knowingly. A record hidden by two deletions is listed once per deletion.
std::vector<HiddenEdit> hiddenEdits(store::Database& db);

} // namespace pupitre::model
