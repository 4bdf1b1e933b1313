#include "gradebook/mark_commands.h"

#include "model_command.h"

#include <memory>

namespace pupitre::gui {

namespace {

// Puts a cell back as `before` held it (nothing: cleared).
void restoreCell(model::Marks& marks, const MarkChange& cell,
                 const std::optional<model::Mark>& before)
{
  if (before) {
    model::MarkInput input;
    input.value = store::toText(before->value);
    input.comment = before->comment;
    input.status = before->status;
    marks.set(cell.studentId, cell.assessmentId, input);
  } else if (marks.find(cell.studentId, cell.assessmentId)) {
    marks.remove(model::Marks::markId(cell.studentId, cell.assessmentId));
  }
}

void applyCell(model::Marks& marks, const MarkChange& cell)
{
  if (cell.input) {
    marks.set(cell.studentId, cell.assessmentId, *cell.input);
  } else if (marks.find(cell.studentId, cell.assessmentId)) {
    marks.remove(model::Marks::markId(cell.studentId, cell.assessmentId));
  }
}

} // namespace

wxCommand* makeMarkCommand(store::Database& db, const wxString& name,
                           std::vector<MarkChange> changes,
                           std::function<void(const std::vector<MarkChange>&)> refresh)
{
  model::Marks marks(db);
  auto before = std::make_shared<std::vector<std::optional<model::Mark>>>();
  for (const auto& c : changes) {
    before->push_back(marks.find(c.studentId, c.assessmentId));
  }
  auto cells = std::make_shared<std::vector<MarkChange>>(std::move(changes));
  auto doIt = [&db, cells, before] {
    model::Marks m(db);
    std::size_t done = 0;
    try {
      for (; done < cells->size(); ++done) {
        applyCell(m, (*cells)[done]);
      }
    } catch (...) {
      for (std::size_t i = 0; i < done; ++i) {
        restoreCell(m, (*cells)[i], (*before)[i]);
      }
      throw;
    }
  };
  auto undoIt = [&db, cells, before] {
    model::Marks m(db);
    for (std::size_t i = cells->size(); i-- > 0;) {
      restoreCell(m, (*cells)[i], (*before)[i]);
    }
  };
  return new ModelCommand(name, doIt, undoIt, [cells, refresh] { refresh(*cells); });
}

std::vector<std::vector<std::string>> parseClipboardBlock(const std::string& text)
{
  std::vector<std::vector<std::string>> rows;
  std::string line;
  auto endLine = [&] {
    std::vector<std::string> cells;
    std::string cell;
    for (char ch : line) {
      if (ch == '\t') {
        cells.push_back(cell);
        cell.clear();
      } else if (ch != '\r') {
        cell += ch;
      }
    }
    cells.push_back(cell);
    rows.push_back(std::move(cells));
    line.clear();
  };
  for (char ch : text) {
    if (ch == '\n') {
      endLine();
    } else {
      line += ch;
    }
  }
  if (!line.empty()) {
    endLine();
  }
  return rows;
}

} // namespace pupitre::gui
