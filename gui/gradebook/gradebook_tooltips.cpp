// GradebookTable: what the pointer resting on a column header or a cell shows. A header
// names its assessment in full with its category, date, weight and scale; a mark with a
// comment shows the comment, and a cell with a problem says what it is.
#include "gradebook/gradebook_table.h"

#include "local_numbers.h"

#include <wx/datetime.h>
#include <wx/intl.h>

namespace pupitre::gui {

namespace {

// A stored date (ISO) as the locale writes it; as it is when it is not a date.
wxString shownDate(const std::string& iso)
{
  wxDateTime date;
  if (!iso.empty() && date.ParseISODate(wxString::FromUTF8(iso))) {
    return date.FormatDate();
  }
  return wxString::FromUTF8(iso);
}

wxString scaleText(const model::Scale& scale)
{
  if (scale.kind == model::Scale::Kind::Symbols) {
    return wxString::Format(_("%s (pass mark %s)"), wxString::FromUTF8(scale.symbolsText()),
                            localNumber(scale.passMark));
  }
  return wxString::Format(_("%s to %s (pass mark %s)"), localNumber(scale.min),
                          localNumber(scale.max), localNumber(scale.passMark));
}

} // namespace

wxString GradebookTable::headerTip(int col) const
{
  const auto* column = columnAt(col);
  if (!column) {
    return {};
  }
  const auto* category = m_data->category(column->categoryId);
  const wxString group = category ? wxString::FromUTF8(category->name) : _("Uncategorised");
  const wxString rounding = wxString::Format(_("Shown rounded to %s (Settings, Grading defaults)."),
                                             localNumber(m_data->rounding));
  switch (column->kind) {
  case GradebookColumn::Kind::Assessment: {
    const auto& a = m_data->assessments[static_cast<std::size_t>(column->assessment)];
    wxString tip = wxString::FromUTF8(a.name);
    tip << "\n" << wxString::Format(_("Category: %s"), group);
    tip << "\n" << wxString::Format(_("Date: %s"), shownDate(a.date));
    if (!m_data->terms.empty()) {
      const auto* term = m_data->term(column->termId);
      tip << "\n"
          << wxString::Format(_("Term: %s"),
                              term ? wxString::FromUTF8(term->name) : _("none (the year only)"));
    }
    tip << "\n" << wxString::Format(_("Weight: %s"), localNumber(a.weight));
    tip << "\n" << wxString::Format(_("Scale: %s"), scaleText(a.scale));
    return tip;
  }
  case GradebookColumn::Kind::CategoryAverage: {
    const wxString weight = category ? localNumber(category->weight) : localNumber(1);
    return wxString::Format(_("Average of %s (category weight %s), on 0 to 10."), group, weight) +
           "\n" + rounding;
  }
  case GradebookColumn::Kind::TermAverage: {
    const auto* term = m_data->term(column->termId);
    return wxString::Format(_("Average of %s: its assessments' categories weighted as in the "
                              "final average, on 0 to 10."),
                            term ? wxString::FromUTF8(term->name) : wxString()) +
           "\n" + rounding;
  }
  case GradebookColumn::Kind::FinalAverage:
    if (const auto* term = m_data->term(m_data->period); term && !m_data->yearView()) {
      return wxString::Format(_("Average of %s: the category averages weighted by the category "
                                "weights, on 0 to 10. Click to sort by it."),
                              wxString::FromUTF8(term->name)) +
             "\n" + rounding;
    }
    if (!m_data->terms.empty()) {
      return _("Final mark: the mean of the term averages (weighted by the terms' weights when "
               "the class says so, in Class > Terms). Type your own mark to replace it; Delete "
               "brings the computed one back.") +
             "\n" + rounding;
    }
    break;
  }
  return _("Final average: the category averages weighted by the category weights, on 0 to "
           "10. Click to sort by it.") +
         "\n" + rounding;
}

wxString GradebookTable::commentAt(int row, int col) const
{
  const auto* column = columnAt(col);
  const int s = studentAt(row);
  if (!column || s < 0 || column->kind != GradebookColumn::Kind::Assessment) {
    return {};
  }
  const auto& mark = m_data->mark(s, column->assessment);
  return mark ? wxString::FromUTF8(mark->comment) : wxString();
}

wxString GradebookTable::cellTip(int row, int col) const
{
  wxString tip = tipAt(row, col); // its problem, or what a final set by the teacher stands for
  const wxString comment = commentAt(row, col);
  if (!comment.empty()) {
    tip << (tip.empty() ? "" : "\n") << wxString::Format(_("Comment: %s"), comment);
  }
  if (tip.empty() && isClassAverageRow(row)) {
    tip = _("The class's mean of this column (not a student).");
  }
  return tip;
}

} // namespace pupitre::gui
