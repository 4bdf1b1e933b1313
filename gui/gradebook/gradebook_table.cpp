#include "gradebook/gradebook_table.h"

#include "local_numbers.h"

#include <wx/dc.h>
#include <wx/intl.h>

namespace pupitre::gui {

namespace {

constexpr double kAveragePass = 5; // averages are on 0..10

wxGridCellAttr* makeAttr(const wxColour& background, bool bold, bool readOnly)
{
  auto* attr = new wxGridCellAttr;
  attr->SetBackgroundColour(background);
  if (bold) {
    wxFont font = *wxNORMAL_FONT;
    font.SetWeight(wxFONTWEIGHT_BOLD);
    attr->SetFont(font);
  }
  attr->SetReadOnly(readOnly);
  attr->SetAlignment(wxALIGN_CENTRE, wxALIGN_CENTRE);
  return attr;
}

} // namespace

GradebookTable::GradebookTable()
    : m_data(std::make_shared<GradebookData>()),
      m_below(makeAttr(wxColour(0xFF, 0xD6, 0xD6), false, false)),
      m_average(makeAttr(wxColour(0xEC, 0xEF, 0xF4), true, true)),
      m_averageBelow(makeAttr(wxColour(0xF6, 0xC6, 0xC6), true, true)),
      m_status(makeAttr(wxColour(0xF4, 0xF4, 0xF4), false, false)),
      m_outOfScale(makeAttr(wxColour(0xC6, 0x28, 0x28), true, false)),
      m_incomplete(makeAttr(wxColour(0xFF, 0xE0, 0x82), true, true)),
      m_final(makeAttr(wxColour(0xEC, 0xEF, 0xF4), true, false)),
      m_finalBelow(makeAttr(wxColour(0xF6, 0xC6, 0xC6), true, false)),
      m_overridden(makeAttr(wxColour(0xD8, 0xE6, 0xFF), true, false)),
      m_finalIncomplete(makeAttr(wxColour(0xFF, 0xE0, 0x82), true, false)),
      m_classAverage(makeAttr(wxColour(0xDD, 0xE6, 0xF0), true, true))
{
  m_finalIncomplete->SetTextColour(wxColour(0x8A, 0x1C, 0x00));
  wxFont italic = *wxNORMAL_FONT;
  italic.SetWeight(wxFONTWEIGHT_BOLD);
  italic.SetStyle(wxFONTSTYLE_ITALIC);
  m_overridden->SetFont(italic);
  m_overridden->SetTextColour(wxColour(0x0B, 0x3D, 0x91));
  m_status->SetTextColour(wxColour(0x60, 0x60, 0x60));
  m_outOfScale->SetTextColour(*wxWHITE);
  m_incomplete->SetTextColour(wxColour(0x8A, 0x1C, 0x00));
  m_data->layoutColumns();
}

GradebookTable::~GradebookTable()
{
  m_below->DecRef();
  m_average->DecRef();
  m_averageBelow->DecRef();
  m_status->DecRef();
  m_outOfScale->DecRef();
  m_incomplete->DecRef();
  m_final->DecRef();
  m_finalBelow->DecRef();
  m_overridden->DecRef();
  m_finalIncomplete->DecRef();
  m_classAverage->DecRef();
}

void GradebookTable::setData(std::shared_ptr<GradebookData> data)
{
  m_data = std::move(data);
  wxGrid* grid = GetView();
  if (!grid) {
    return;
  }
  // What the grid shows now, not what the old data held: the same data may come back changed
  // (another term shown, rows sorted), and the grid must end with exactly the new counts.
  const int oldRows = grid->GetNumberRows();
  const int oldCols = grid->GetNumberCols();
  grid->BeginBatch();
  // Frozen columns (not IsFrozen(), which is about painting) are undone first: wx cannot add
  // or delete columns while some are frozen; the panel freezes the averages again.
  if (grid->GetNumberFrozenCols() > 0 || grid->GetNumberFrozenRows() > 0) {
    grid->FreezeTo(0, 0);
  }
  auto notify = [&](int message, int pos, int count) {
    wxGridTableMessage msg(this, message, pos, count);
    grid->ProcessTableMessage(msg);
  };
  const int rows = GetNumberRows();
  const int cols = GetNumberCols();
  if (rows < oldRows) {
    notify(wxGRIDTABLE_NOTIFY_ROWS_DELETED, rows, oldRows - rows);
  } else if (rows > oldRows) {
    notify(wxGRIDTABLE_NOTIFY_ROWS_APPENDED, rows - oldRows, 0);
  }
  if (cols < oldCols) {
    notify(wxGRIDTABLE_NOTIFY_COLS_DELETED, cols, oldCols - cols);
  } else if (cols > oldCols) {
    notify(wxGRIDTABLE_NOTIFY_COLS_APPENDED, cols - oldCols, 0);
  }
  grid->EndBatch();
  grid->ForceRefresh();
}

int GradebookTable::studentAt(int row) const
{
  if (row < 0 || row >= static_cast<int>(m_data->rows.size())) {
    return -1;
  }
  return m_data->rows[static_cast<std::size_t>(row)];
}

bool GradebookTable::isClassAverageRow(int row) const
{
  return !m_data->rows.empty() && row == static_cast<int>(m_data->rows.size());
}

wxString GradebookTable::formatAverage(const std::optional<double>& value) const
{
  if (!value) {
    return {};
  }
  return localFixed(model::roundAverage(*value, m_data->rounding),
                    model::averageDecimals(m_data->rounding));
}

const GradebookColumn* GradebookTable::columnAt(int col) const
{
  if (col < 0 || col >= static_cast<int>(m_data->columns.size())) {
    return nullptr;
  }
  return &m_data->columns[static_cast<std::size_t>(col)];
}

bool GradebookTable::hasComment(int row, int col) const
{
  const auto* column = columnAt(col);
  const int s = studentAt(row);
  if (!column || s < 0 || column->kind != GradebookColumn::Kind::Assessment) {
    return false;
  }
  const auto& mark = m_data->mark(s, column->assessment);
  return mark && !mark->comment.empty();
}

void GradebookTable::setInvalid(const std::string& studentId, const std::string& assessmentId,
                                const wxString& typed, const wxString& reason)
{
  m_invalid[{studentId, assessmentId}] = {typed, reason};
}

void GradebookTable::clearInvalid(const std::string& studentId, const std::string& assessmentId)
{
  m_invalid.erase({studentId, assessmentId});
}

const GradebookTable::Invalid* GradebookTable::invalidAt(int row, int col) const
{
  const auto* column = columnAt(col);
  const int s = studentAt(row);
  if (m_invalid.empty() || !column || s < 0 || column->kind != GradebookColumn::Kind::Assessment) {
    return nullptr;
  }
  const auto found =
      m_invalid.find({m_data->students[static_cast<std::size_t>(s)].id,
                      m_data->assessments[static_cast<std::size_t>(column->assessment)].id});
  return found == m_invalid.end() ? nullptr : &found->second;
}

wxString GradebookTable::problemAt(int row, int col) const
{
  const auto* column = columnAt(col);
  const int s = studentAt(row);
  if (!column || s < 0) {
    return {};
  }
  if (const auto* invalid = invalidAt(row, col)) {
    return invalid->reason;
  }
  if (column->kind == GradebookColumn::Kind::Assessment) {
    const auto& mark = m_data->mark(s, column->assessment);
    const auto& scale = m_data->assessments[static_cast<std::size_t>(column->assessment)].scale;
    if (!mark || mark->status != model::MarkStatus::Normal || store::isNull(mark->value) ||
        scale.fits(mark->value)) {
      return {};
    }
    const wxString range =
        scale.kind == model::Scale::Kind::Symbols
            ? wxString::FromUTF8(scale.rangeText())
            : localNumber(scale.min) + wxString::FromUTF8("–") + localNumber(scale.max);
    return wxString::Format(_("%s is outside this assessment's scale %s; change the mark or the "
                              "scale."),
                            localValue(mark->value), range);
  }
  const auto& averages = column->kind == GradebookColumn::Kind::TermAverage
                             ? m_data->reports[static_cast<std::size_t>(s)].terms.at(column->termId)
                             : m_data->averages[static_cast<std::size_t>(s)];
  const int leftOut = column->kind == GradebookColumn::Kind::CategoryAverage
                          ? averages.outOfScaleIn(column->categoryId)
                          : static_cast<int>(averages.outOfScale.size());
  wxString problem;
  if (leftOut > 0) {
    problem = wxString::Format(wxPLURAL("Incomplete: %d mark outside its assessment's scale is "
                                        "not counted.",
                                        "Incomplete: %d marks outside their assessment's scale "
                                        "are not counted.",
                                        leftOut),
                               leftOut);
  }
  if (column->kind == GradebookColumn::Kind::FinalAverage && averages.finalWithoutWeight) {
    problem << (problem.empty() ? "" : "\n")
            << _("No final average: every category with marks weighs 0. Give a category a "
                 "weight in Categories and weights (Ctrl+Shift+W).");
  }
  return problem;
}

bool GradebookTable::isFinalCell(int col) const
{
  const auto* column = columnAt(col);
  return column && column->kind == GradebookColumn::Kind::FinalAverage && m_data->yearView();
}

wxString GradebookTable::tipAt(int row, int col) const
{
  wxString tip = problemAt(row, col);
  const int s = studentAt(row);
  if (!isFinalCell(col) || s < 0) {
    return tip;
  }
  const auto& report = m_data->reports[static_cast<std::size_t>(s)];
  if (report.overridden()) {
    const wxString computed =
        report.computedFinal ? formatAverage(report.computedFinal) : wxString::FromUTF8("—");
    tip << (tip.empty() ? "" : "\n")
        << wxString::Format(_("Final mark set by you. The computed one is %s; press Delete to "
                              "use it again."),
                            computed);
  }
  return tip;
}

std::string GradebookTable::columnKey(int col) const
{
  const auto* column = columnAt(col);
  if (!column) {
    return {};
  }
  switch (column->kind) {
  case GradebookColumn::Kind::Assessment:
    return m_data->assessments[static_cast<std::size_t>(column->assessment)].id;
  case GradebookColumn::Kind::CategoryAverage:
    return "avg:" + column->categoryId;
  case GradebookColumn::Kind::TermAverage:
    return "term:" + column->termId;
  case GradebookColumn::Kind::FinalAverage:
    break;
  }
  return "final";
}

int GradebookTable::columnOfKey(const std::string& key) const
{
  for (int c = 0; c < static_cast<int>(m_data->columns.size()); ++c) {
    if (columnKey(c) == key) {
      return c;
    }
  }
  return -1;
}

int GradebookTable::rowOfStudent(const std::string& studentId) const
{
  for (int r = 0; r < static_cast<int>(m_data->rows.size()); ++r) {
    if (m_data->students[static_cast<std::size_t>(studentAt(r))].id == studentId) {
      return r;
    }
  }
  return -1;
}

int GradebookTable::GetNumberRows()
{
  const int students = static_cast<int>(m_data->rows.size());
  return students > 0 ? students + 1 : 0; // and the class average
}

int GradebookTable::GetNumberCols()
{
  return static_cast<int>(m_data->columns.size());
}

wxString GradebookTable::GetValue(int row, int col)
{
  if (isClassAverageRow(row)) {
    return classAverageAt(col);
  }
  const auto* column = columnAt(col);
  const int s = studentAt(row);
  if (!column || s < 0) {
    return {};
  }
  const auto& averages = m_data->averages[static_cast<std::size_t>(s)];
  if (const auto* invalid = invalidAt(row, col)) {
    return invalid->typed;
  }
  switch (column->kind) {
  case GradebookColumn::Kind::Assessment: {
    const auto& mark = m_data->mark(s, column->assessment);
    if (!mark) {
      return {};
    }
    if (mark->status == model::MarkStatus::Excused) {
      return _("exc.");
    }
    if (mark->status == model::MarkStatus::Missing) {
      return _("missing");
    }
    return localValue(mark->value);
  }
  case GradebookColumn::Kind::CategoryAverage: {
    const auto found = averages.byCategory.find(column->categoryId);
    return found == averages.byCategory.end() ? wxString() : formatAverage(found->second);
  }
  case GradebookColumn::Kind::TermAverage:
    return formatAverage(m_data->reports[static_cast<std::size_t>(s)].termAverage(column->termId));
  case GradebookColumn::Kind::FinalAverage:
    break;
  }
  return formatAverage(m_data->finalOf(s));
}

void GradebookTable::SetValue(int row, int col, const wxString& value)
{
  const auto* column = columnAt(col);
  const int s = studentAt(row);
  if (column && s >= 0 && column->kind == GradebookColumn::Kind::Assessment && onEdit) {
    onEdit(s, column->assessment, value);
  } else if (s >= 0 && isFinalCell(col) && onFinalEdit) {
    onFinalEdit(s, value);
  }
}

bool GradebookTable::IsEmptyCell(int row, int col)
{
  return GetValue(row, col).empty();
}

wxString GradebookTable::GetRowLabelValue(int row)
{
  if (isClassAverageRow(row)) {
    return _("Class average");
  }
  const int s = studentAt(row);
  if (s < 0) {
    return {};
  }
  const auto& student = m_data->students[static_cast<std::size_t>(s)];
  if (student.givenName.empty() || student.familyName.empty()) {
    return wxString::FromUTF8(student.familyName + student.givenName);
  }
  return wxString::FromUTF8(student.familyName + ", " + student.givenName);
}

wxString GradebookTable::GetColLabelValue(int col)
{
  return headerLabel(col);
}

GradebookTable::Look GradebookTable::lookOf(int row, int col) const
{
  if (isClassAverageRow(row)) {
    return Look::ClassAverage;
  }
  const auto* column = columnAt(col);
  const int s = studentAt(row);
  if (!column || s < 0) {
    return Look::Plain;
  }
  if (invalidAt(row, col)) {
    return Look::OutOfScale;
  }
  if (column->kind == GradebookColumn::Kind::Assessment) {
    const auto& mark = m_data->mark(s, column->assessment);
    if (!mark) {
      return Look::Plain;
    }
    if (mark->status == model::MarkStatus::Excused) {
      return Look::Status;
    }
    if (mark->status == model::MarkStatus::Missing) {
      return Look::Below;
    }
    if (!problemAt(row, col).empty()) {
      return Look::OutOfScale;
    }
    try {
      const auto& a = m_data->assessments[static_cast<std::size_t>(column->assessment)];
      return !store::isNull(mark->value) && !a.scale.passes(mark->value) ? Look::Below
                                                                         : Look::Plain;
    } catch (const std::exception&) {
      return Look::Plain; // a value from another device that fits no scale yet
    }
  }
  if (isFinalCell(col) && m_data->reports[static_cast<std::size_t>(s)].overridden()) {
    return Look::Overridden;
  }
  if (!problemAt(row, col).empty()) {
    return isFinalCell(col) ? Look::FinalIncomplete : Look::Incomplete;
  }
  const auto& averages = m_data->averages[static_cast<std::size_t>(s)];
  std::optional<double> value = m_data->finalOf(s);
  if (column->kind == GradebookColumn::Kind::CategoryAverage) {
    const auto found = averages.byCategory.find(column->categoryId);
    value = found == averages.byCategory.end() ? std::nullopt : std::optional(found->second);
  } else if (column->kind == GradebookColumn::Kind::TermAverage) {
    value = m_data->reports[static_cast<std::size_t>(s)].termAverage(column->termId);
  }
  const bool below = value && *value < kAveragePass;
  if (isFinalCell(col)) {
    return below ? Look::FinalBelow : Look::Final;
  }
  return below ? Look::AverageBelow : Look::Average;
}

wxGridCellAttr* GradebookTable::GetAttr(int row, int col, wxGridCellAttr::wxAttrKind)
{
  wxGridCellAttr* attr = nullptr;
  switch (lookOf(row, col)) {
  case Look::Plain:
    return nullptr;
  case Look::Below:
    attr = m_below;
    break;
  case Look::Average:
    attr = m_average;
    break;
  case Look::AverageBelow:
    attr = m_averageBelow;
    break;
  case Look::Status:
    attr = m_status;
    break;
  case Look::OutOfScale:
    attr = m_outOfScale;
    break;
  case Look::Incomplete:
    attr = m_incomplete;
    break;
  case Look::Final:
    attr = m_final;
    break;
  case Look::FinalBelow:
    attr = m_finalBelow;
    break;
  case Look::Overridden:
    attr = m_overridden;
    break;
  case Look::FinalIncomplete:
    attr = m_finalIncomplete;
    break;
  case Look::ClassAverage:
    attr = m_classAverage;
    break;
  }
  attr->IncRef();
  return attr;
}

void MarkRenderer::Draw(wxGrid& grid, wxGridCellAttr& attr, wxDC& dc, const wxRect& rect, int row,
                        int col, bool isSelected)
{
  // Leaner than the string renderer (one measure, no line splitting): marks are short and
  // painting the cells is most of the time a class takes to open.
  wxGridCellRenderer::Draw(grid, attr, dc, rect, row, col, isSelected); // the background
  auto* table = dynamic_cast<GradebookTable*>(grid.GetTable());
  wxString text = grid.GetTable()->GetValue(row, col);
  if (table && !table->problemAt(row, col).empty()) {
    // The value stays what it is (copied as it is); the sign says to look at the tooltip.
    text = text.empty() ? wxString::FromUTF8("⚠") : text + wxString::FromUTF8(" ⚠");
  }
  if (!text.empty()) {
    SetTextColoursAndFont(grid, attr, dc, isSelected);
    const wxSize extent = dc.GetTextExtent(text);
    if (extent.x <= rect.width - 4) {
      dc.DrawText(text, rect.x + (rect.width - extent.x) / 2,
                  rect.y + (rect.height - extent.y) / 2);
    } else {
      grid.DrawTextRectangle(dc, text, rect, wxALIGN_CENTRE, wxALIGN_CENTRE);
    }
  }
  if (table && table->hasComment(row, col)) {
    const wxPoint corner[] = {{rect.GetRight() - 6, rect.GetTop()},
                              {rect.GetRight(), rect.GetTop()},
                              {rect.GetRight(), rect.GetTop() + 6}};
    dc.SetPen(*wxTRANSPARENT_PEN);
    dc.SetBrush(wxBrush(wxColour(0xE0, 0x8A, 0x00)));
    dc.DrawPolygon(3, corner);
  }
}

} // namespace pupitre::gui
