// GradebookTable: the column headers. A header is its category's line, then the name wrapped
// to the column's width on up to kHeaderNameLines lines, so "The short story" reads whole
// instead of "The short s…"; a name too long for that still ends with "…".
#include "gradebook/gradebook_table.h"

#include <wx/arrstr.h>
#include <wx/intl.h>

#include <algorithm>

namespace pupitre::gui {

namespace {

const wxString kEllipsis = wxString::FromUTF8("…");

// `text` cut with "…" to fit `width` (as it is when it fits).
wxString cut(const wxString& text, int width, const std::function<int(const wxString&)>& measure)
{
  if (measure(text) <= width) {
    return text;
  }
  wxString shorter = text;
  while (!shorter.empty() && measure(shorter + kEllipsis) > width) {
    shorter.RemoveLast();
  }
  shorter.Trim();
  return shorter + kEllipsis;
}

// The words of `text` on lines at most `width` wide, at most `maxLines` of them.
wxArrayString wrap(const wxString& text, int width, int maxLines,
                   const std::function<int(const wxString&)>& measure)
{
  wxArrayString lines;
  wxString current;
  for (const auto& word : wxSplit(text, ' ')) {
    if (word.empty()) {
      continue;
    }
    const wxString candidate = current.empty() ? word : current + " " + word;
    if (current.empty() || measure(candidate) <= width) {
      current = candidate;
    } else {
      lines.Add(current);
      current = word;
    }
  }
  if (!current.empty()) {
    lines.Add(current);
  }
  if (static_cast<int>(lines.size()) > maxLines) {
    wxString rest = lines[static_cast<std::size_t>(maxLines - 1)];
    for (std::size_t i = static_cast<std::size_t>(maxLines); i < lines.size(); ++i) {
      rest << " " << lines[i];
    }
    lines.resize(static_cast<std::size_t>(maxLines));
    lines.back() = rest + kEllipsis; // cut below: it does not fit
  }
  for (auto& line : lines) {
    line = cut(line, width, measure);
  }
  return lines;
}

} // namespace

wxString GradebookTable::headerLabel(int col) const
{
  const auto* column = columnAt(col);
  if (!column) {
    return {};
  }
  const auto* category = m_data->category(column->categoryId);
  const wxString group = category ? wxString::FromUTF8(category->name) : _("Uncategorised");
  const auto* term = m_data->term(column->termId);
  const wxString termName = term ? wxString::FromUTF8(term->name) : _("Year");
  // In the whole year of a class with terms, each assessment says its term first.
  const bool byTerm = m_data->yearView() && !m_data->terms.empty();
  wxString name;
  wxArrayString above; // the lines above the name: term, category
  switch (column->kind) {
  case GradebookColumn::Kind::Assessment:
    name =
        wxString::FromUTF8(m_data->assessments[static_cast<std::size_t>(column->assessment)].name);
    if (byTerm) {
      above.Add(termName);
    }
    above.Add(group + wxString::FromUTF8(" ·"));
    break;
  case GradebookColumn::Kind::CategoryAverage:
    name = _("average");
    above.Add(group + wxString::FromUTF8(" ·"));
    break;
  case GradebookColumn::Kind::TermAverage:
    name = _("average");
    above.Add(termName);
    break;
  case GradebookColumn::Kind::FinalAverage:
    if (!m_data->yearView()) {
      name = _("average");
      above.Add(termName);
    } else {
      name = m_data->terms.empty() ? _("Final average") : _("Final mark");
    }
    break;
  }
  wxGrid* grid = GetView();
  std::function<int(const wxString&)> measure;
  int width = 0;
  if (grid) {
    const wxFont font = grid->GetLabelFont();
    measure = [grid, font](const wxString& text) {
      int w = 0, h = 0;
      grid->GetTextExtent(text, &w, &h, nullptr, nullptr, &font);
      return w;
    };
    width = grid->GetColSize(col) - grid->FromDIP(8);
  } else { // no grid to measure with: about 8 px a character
    measure = [](const wxString& text) { return static_cast<int>(text.length()) * 8; };
    width = 110;
  }
  const wxArrayString lines = wrap(name, std::max(width, 10), kHeaderNameLines, measure);
  wxString label;
  for (const auto& line : above) {
    label << cut(line, std::max(width, 10), measure) << "\n";
  }
  label << wxJoin(lines, '\n', '\0');
  return label;
}

int GradebookTable::headerLineCount() const
{
  int most = 2;
  for (int c = 0; c < static_cast<int>(m_data->columns.size()); ++c) {
    most = std::max(most, static_cast<int>(headerLabel(c).Freq('\n')) + 1);
  }
  return most;
}

} // namespace pupitre::gui
