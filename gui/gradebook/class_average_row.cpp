// GradebookTable: the class-average row at the bottom of the grid, the mean of each column
// over the students (what the averages count, as docs/data-model.md says: excused marks and
// empty cells do not count, a missing mark counts as the scale's lowest, a mark outside its
// scale is left out).
#include "gradebook/gradebook_table.h"

namespace pupitre::gui {

wxString GradebookTable::classAverageAt(int col) const
{
  const auto* column = columnAt(col);
  if (!column) {
    return {};
  }
  double sum = 0;
  int count = 0;
  auto add = [&](const std::optional<double>& value) {
    if (value) {
      sum += *value;
      ++count;
    }
  };
  for (const int s : m_data->rows) {
    const auto& averages = m_data->averages[static_cast<std::size_t>(s)];
    switch (column->kind) {
    case GradebookColumn::Kind::Assessment: {
      const auto& mark = m_data->mark(s, column->assessment);
      const auto& scale = m_data->assessments[static_cast<std::size_t>(column->assessment)].scale;
      if (!mark) {
        break;
      }
      if (mark->status == model::MarkStatus::Missing) {
        add(scale.min);
      } else if (mark->status == model::MarkStatus::Normal && !store::isNull(mark->value) &&
                 scale.fits(mark->value)) {
        add(scale.valueOf(mark->value));
      }
      break;
    }
    case GradebookColumn::Kind::CategoryAverage: {
      const auto found = averages.byCategory.find(column->categoryId);
      if (found != averages.byCategory.end()) {
        add(found->second);
      }
      break;
    }
    case GradebookColumn::Kind::TermAverage: {
      const auto& terms = m_data->reports[static_cast<std::size_t>(s)].terms;
      if (const auto found = terms.find(column->termId); found != terms.end()) {
        add(found->second.final);
      }
      break;
    }
    case GradebookColumn::Kind::FinalAverage:
      add(m_data->finalOf(s)); // the final mark in the year view, the teacher's own included
      break;
    }
  }
  return count > 0 ? formatAverage(sum / count) : wxString();
}

} // namespace pupitre::gui
