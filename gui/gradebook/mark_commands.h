#pragma once
// Undoable edits of gradebook cells: typing, pasting, excused/missing, comments, clearing.
#include "pupitre/model/marks.h"
#include "pupitre/store/database.h"

#include <wx/cmdproc.h>

#include <functional>
#include <optional>
#include <string>
#include <vector>

namespace pupitre::gui {

struct MarkChange
{
  std::string studentId;
  std::string assessmentId;
  std::optional<model::MarkInput> input; // empty: clear the cell
};

// One command for all `changes` (all applied or none). `refresh` runs after do and undo with
// the cells touched.
wxCommand* makeMarkCommand(store::Database& db, const wxString& name,
                           std::vector<MarkChange> changes,
                           std::function<void(const std::vector<MarkChange>&)> refresh);

// The text a tab/newline separated block (from a spreadsheet) holds, cell by cell.
std::vector<std::vector<std::string>> parseClipboardBlock(const std::string& text);

} // namespace pupitre::gui
