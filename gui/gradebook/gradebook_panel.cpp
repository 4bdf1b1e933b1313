#include "gradebook/gradebook_panel.h"

#include "error_report.h"
#include "gradebook/gradebook_grid.h"
#include "gradebook/gradebook_table.h"
#include "ids.h"
#include "sync/sync_settings.h"
#include "local_numbers.h"
#include "menu_shortcuts.h"
#include "worker.h"

#include <wx/clipbrd.h>
#include <wx/cmdproc.h>
#include <wx/intl.h>
#include <wx/menu.h>
#include <wx/sizer.h>
#include <wx/stattext.h>
#include <wx/textdlg.h>

#include <algorithm>

namespace pupitre::gui {

namespace {

// Why `typed` is not a mark of `scale`, in the teacher's language ("" when it is one).
wxString markProblem(const model::Scale& scale, const wxString& typed)
{
  if (typed.empty()) {
    return {};
  }
  try {
    scale.parse(typed.utf8_string());
    return {};
  } catch (const std::exception&) {
  }
  if (scale.kind == model::Scale::Kind::Symbols) {
    return wxString::Format(_("'%s' is not a mark of this scale: type one of %s."), typed,
                            wxString::FromUTF8(scale.rangeText()));
  }
  const wxString range = localNumber(scale.min) + wxString::FromUTF8("–") + localNumber(scale.max);
  if (typedNumber(typed)) {
    return wxString::Format(_("%s is outside this assessment's scale %s: type a mark from %s to "
                              "%s."),
                            typed, range, localNumber(scale.min), localNumber(scale.max));
  }
  return wxString::Format(_("'%s' is not a number: type a mark from %s to %s."), typed,
                          localNumber(scale.min), localNumber(scale.max));
}

} // namespace

GradebookPanel::GradebookPanel(wxWindow* parent, AppContext context)
    : wxPanel(parent), m_context(context)
{
  m_grid = new GradebookGrid(this, wxID_ANY);
  m_table = new GradebookTable;
  m_table->onEdit = [this](int student, int assessment, const wxString& typed) {
    const auto& data = *m_table->data();
    wxString text = typed;
    text.Trim().Trim(false);
    const auto& current = data.mark(student, assessment);
    if (current && current->status != model::MarkStatus::Normal &&
        text == m_table->GetValue(m_grid->GetGridCursorRow(), m_grid->GetGridCursorCol())) {
      return; // "exc." left as it was
    }
    MarkChange change{data.students[static_cast<std::size_t>(student)].id,
                      data.assessments[static_cast<std::size_t>(assessment)].id, std::nullopt};
    // A mark that does not fit stays in its cell, red, with the reason as its tooltip: no
    // message box stops the typing, nothing is saved, the teacher types it again.
    const wxString reason =
        markProblem(data.assessments[static_cast<std::size_t>(assessment)].scale, text);
    if (!reason.empty()) {
      m_table->setInvalid(change.studentId, change.assessmentId, text, reason);
      CallAfter([this] { m_grid->ForceRefresh(); });
      return;
    }
    m_table->clearInvalid(change.studentId, change.assessmentId);
    if (!text.empty()) {
      model::MarkInput input;
      input.value = text.utf8_string();
      input.status = model::MarkStatus::Normal;
      change.input = input;
    }
    // After the editor has closed: the command refreshes cells of the grid.
    CallAfter([this, change] { submitMarks(_("Type mark"), {change}); });
  };
  m_table->onFinalEdit = [this](int student, const wxString& typed) {
    CallAfter([this, student, typed] { setFinal(student, typed); });
  };
  m_grid->SetTable(m_table, true);
  m_grid->SetDefaultRenderer(new MarkRenderer);
  m_grid->SetDefaultCellAlignment(wxALIGN_CENTRE, wxALIGN_CENTRE);
  m_grid->SetDefaultColSize(FromDIP(116));
  m_grid->SetColLabelSize(FromDIP(60));
  m_grid->SetRowLabelSize(FromDIP(190));
  m_grid->SetRowLabelAlignment(wxALIGN_LEFT, wxALIGN_CENTRE);
  m_grid->SetColLabelTextOrientation(wxHORIZONTAL);
  m_grid->DisableDragRowSize();
  m_grid->SetTabBehaviour(wxGrid::Tab_Wrap);

  m_grid->Bind(wxEVT_KEY_DOWN, &GradebookPanel::onKeyDown, this);
  // A key with Ctrl or Alt never starts the cell editor (Ctrl+H arrives as Backspace, which
  // would open it with the mark erased): shortcuts never edit a mark by accident.
  m_grid->Bind(wxEVT_CHAR, [this](wxKeyEvent& e) {
    if (m_grid->IsCellEditControlShown() || !(e.ControlDown() || e.AltDown())) {
      e.Skip();
    }
  });
  m_grid->Bind(wxEVT_GRID_CELL_RIGHT_CLICK, [this](wxGridEvent& e) {
    m_grid->SetGridCursor(e.GetRow(), e.GetCol());
    showCellMenu(e.GetRow(), e.GetCol(), e.GetPosition());
  });
  // A click on the final average's label sorts by average, on the corner by name.
  m_grid->Bind(wxEVT_GRID_LABEL_LEFT_CLICK, [this](wxGridEvent& e) {
    const auto* column = m_table->columnAt(e.GetCol());
    if (e.GetRow() < 0 && e.GetCol() < 0) {
      sortBy(StudentOrder::ByName);
    } else if (e.GetRow() < 0 && column && column->kind == GradebookColumn::Kind::FinalAverage) {
      sortBy(StudentOrder::ByAverage);
    } else {
      e.Skip();
    }
  });
  m_grid->Bind(wxEVT_GRID_SELECT_CELL, [this](wxGridEvent& e) {
    e.Skip();
    CallAfter([this] { showCursorComment(); }); // the cursor has moved by then
  });
  bindColumnMenu();
  m_grid->Bind(wxEVT_GRID_COL_SIZE, [this](wxGridSizeEvent& e) {
    e.Skip();
    CallAfter([this] { fitHeaders(); });
  });
  m_grid->Bind(wxEVT_SIZE, [this](wxSizeEvent& e) {
    e.Skip();
    CallAfter([this] { freezeAverages(); });
  });
  bindTooltips();
  m_grid->Bind(wxEVT_GRID_EDITOR_HIDDEN, [this](wxGridEvent& e) {
    e.Skip();
    if (m_reloadWhenEdited) {
      m_reloadWhenEdited = false;
      CallAfter([this] { load(); });
    }
  });

  // Which part of the year the grid shows: the whole year or one term.
  m_periodChoice = new wxChoice(this, wxID_ANY, wxDefaultPosition, wxDefaultSize, 0, nullptr, 0,
                                wxDefaultValidator, "gradebook_period");
  m_periodChoice->SetToolTip(_("Show the whole year or one term (Ctrl+Shift+O: next term)"));
  m_periodChoice->Bind(wxEVT_CHOICE, [this](wxCommandEvent&) {
    const int selected = m_periodChoice->GetSelection();
    const auto& terms = m_table->data()->terms;
    showPeriod(selected > 0 && selected <= static_cast<int>(terms.size())
                   ? terms[static_cast<std::size_t>(selected - 1)].id
                   : std::string{});
  });
  auto* header = new wxBoxSizer(wxHORIZONTAL);
  header->Add(new wxStaticText(this, wxID_ANY, _("&Show:")), 0, wxALIGN_CENTRE_VERTICAL | wxRIGHT,
              FromDIP(6));
  header->Add(m_periodChoice, 0, wxALIGN_CENTRE_VERTICAL);

  auto* sizer = new wxBoxSizer(wxVERTICAL);
  sizer->Add(header, 0, wxALL, FromDIP(4));
  sizer->Add(m_grid, 1, wxEXPAND);
  sizer->Add(createCommentLine(), 0, wxEXPAND | wxALL, FromDIP(4));
  SetSizer(sizer);
  fillPeriodChoice();
}

void GradebookPanel::showClass(const std::string& classId)
{
  m_classId = classId;
  const auto cached = m_cache.find(classId);
  if (cached != m_cache.end() && !m_grid->IsCellEditControlShown()) {
    apply(cached->second); // at once; the load below brings any change since
  }
  load();
}

void GradebookPanel::reload()
{
  // Other classes may have changed too: read them again when they are opened.
  for (auto it = m_cache.begin(); it != m_cache.end();) {
    it = it->first == m_classId ? std::next(it) : m_cache.erase(it);
  }
  if (m_grid->IsCellEditControlShown()) {
    m_reloadWhenEdited = true; // never under the teacher's fingers
    return;
  }
  load();
}

void GradebookPanel::prefetch(const std::vector<std::string>& classIds)
{
  for (const auto& id : classIds) {
    if (!m_cache.count(id) && id != m_classId) {
      loadInto(id, false);
    }
  }
}

void GradebookPanel::load()
{
  loadInto(m_classId, true);
}

void GradebookPanel::loadInto(const std::string& classId, bool show)
{
  const int generation = show ? ++m_generation : m_generation;
  const StudentOrder order = m_order;
  const auto known = m_periods.find(classId);
  const std::optional<std::string> period =
      known == m_periods.end() ? std::nullopt : std::optional(known->second);
  m_context.worker.run<std::shared_ptr<GradebookData>>(
      [classId, order, period](store::Database& db) {
        // The term last shown for this class, on this computer ("" = the whole year).
        const std::string shown =
            period ? *period : db.setting("gradebook.period." + classId).value_or("");
        auto data = std::make_shared<GradebookData>(
            classId.empty() ? GradebookData{} : loadGradebook(db, classId, shown));
        data->layoutColumns();
        data->sortRows(order);
        data->rounding = gradingDefaults(db).rounding;
        return data;
      },
      [this, generation, show, classId](std::shared_ptr<GradebookData>& data) {
        if (!classId.empty()) {
          m_cache[classId] = data;
        }
        if (!show || generation != m_generation) {
          return; // a prefetch, or a later load is on its way
        }
        if (m_grid->IsCellEditControlShown()) {
          m_reloadWhenEdited = true;
          return;
        }
        apply(data);
      });
}

void GradebookPanel::apply(std::shared_ptr<GradebookData> data)
{
  if (data->order != m_order) {
    data->sortRows(m_order);
  }
  const bool sameClass = data->classId == m_shownClass;
  const Place where = sameClass ? place() : Place{};
  m_shownClass = data->classId;
  if (!data->classId.empty()) {
    m_periods[data->classId] = data->period;
  }
  showData(std::move(data));
  if (sameClass) {
    restore(where);
  } else if (m_table->GetNumberRows() > 0 && m_table->GetNumberCols() > 0) {
    // The first mark, or the first average when there is no assessment yet.
    const int first = m_table->data()->averageColumns();
    m_grid->GoToCell(0, first < m_table->GetNumberCols() ? first : 0);
  }
  if (!m_cursorToColumn.empty() && m_table->columnOfKey(m_cursorToColumn) >= 0) {
    // A column just added: the teacher fills it in next. Once the grid has its new size.
    CallAfter([this, key = m_cursorToColumn] {
      const int col = m_table->columnOfKey(key);
      const int students = static_cast<int>(m_table->data()->rows.size());
      if (col >= 0 && students > 0) {
        m_grid->ClearSelection();
        m_grid->GoToCell(std::clamp(m_grid->GetGridCursorRow(), 0, students - 1), col);
        m_grid->MakeCellVisible(m_grid->GetGridCursorRow(), col);
      }
    });
    m_cursorToColumn.clear();
  }
  showCursorComment();
}

GradebookPanel::Place GradebookPanel::place() const
{
  Place where;
  auto studentOf = [this](int row) {
    const int s = m_table->studentAt(row);
    return s < 0 ? std::string{} : m_table->data()->students[static_cast<std::size_t>(s)].id;
  };
  where.student = studentOf(m_grid->GetGridCursorRow());
  where.column = m_table->columnKey(m_grid->GetGridCursorCol());
  const auto topLeft = m_grid->GetSelectionBlockTopLeft();
  const auto bottomRight = m_grid->GetSelectionBlockBottomRight();
  if (!topLeft.empty() && !bottomRight.empty()) {
    where.topStudent = studentOf(topLeft[0].GetRow());
    where.leftColumn = m_table->columnKey(topLeft[0].GetCol());
    where.bottomStudent = studentOf(bottomRight[0].GetRow());
    where.rightColumn = m_table->columnKey(bottomRight[0].GetCol());
  }
  m_grid->GetViewStart(&where.scrollX, &where.scrollY);
  return where;
}

void GradebookPanel::restore(const Place& where)
{
  const int row = m_table->rowOfStudent(where.student);
  const int col = m_table->columnOfKey(where.column);
  if (row >= 0 && col >= 0) {
    m_grid->SetGridCursor(row, col);
  }
  if (!where.topStudent.empty()) {
    const int top = m_table->rowOfStudent(where.topStudent);
    const int left = m_table->columnOfKey(where.leftColumn);
    const int bottom = m_table->rowOfStudent(where.bottomStudent);
    const int right = m_table->columnOfKey(where.rightColumn);
    if (top >= 0 && left >= 0 && bottom >= 0 && right >= 0) {
      m_grid->SelectBlock(top, left, bottom, right);
    }
  }
  m_grid->Scroll(where.scrollX, where.scrollY);
}

void GradebookPanel::submitMarks(const wxString& name, std::vector<MarkChange> changes)
{
  if (changes.empty()) {
    return;
  }
  m_context.commands.Submit(
      makeMarkCommand(m_context.db, name, std::move(changes),
                      [this](const std::vector<MarkChange>& cells) { marksChanged(cells); }));
}

void GradebookPanel::marksChanged(const std::vector<MarkChange>& changes)
{
  auto& data = *m_table->data();
  for (const auto& c : changes) {
    data.refreshMark(m_context.db, c.studentId, c.assessmentId);
  }
  m_grid->ForceRefresh();
  showCursorComment();
}

std::vector<std::pair<int, int>> GradebookPanel::selectedMarkCells() const
{
  std::vector<std::pair<int, int>> cells;
  auto add = [&](int row, int col) {
    const auto* column = m_table->columnAt(col);
    const int s = m_table->studentAt(row);
    if (column && s >= 0 && column->kind == GradebookColumn::Kind::Assessment) {
      cells.emplace_back(s, column->assessment);
    }
  };
  const auto topLeft = m_grid->GetSelectionBlockTopLeft();
  const auto bottomRight = m_grid->GetSelectionBlockBottomRight();
  for (std::size_t b = 0; b < topLeft.size() && b < bottomRight.size(); ++b) {
    for (int r = topLeft[b].GetRow(); r <= bottomRight[b].GetRow(); ++r) {
      for (int c = topLeft[b].GetCol(); c <= bottomRight[b].GetCol(); ++c) {
        add(r, c);
      }
    }
  }
  if (cells.empty()) {
    add(m_grid->GetGridCursorRow(), m_grid->GetGridCursorCol());
  }
  return cells;
}

void GradebookPanel::sortBy(StudentOrder order)
{
  m_order = order;
  const Place where = place();
  auto data = m_table->data();
  data->sortRows(order);
  showData(data);
  restore(where);
}

void GradebookPanel::showCellMenu(int row, int col, const wxPoint& at)
{
  wxMenu menu;
  const auto* column = m_table->columnAt(col);
  if (row >= 0 && column && column->kind == GradebookColumn::Kind::Assessment) {
    menu.Append(ids::kMarkExcused, _("Mark &excused\tCtrl+E"));
    menu.Append(ids::kMarkMissing, _("Mark &missing\tCtrl+M"));
    menu.Append(ids::kMarkNormal, _("Mark &normal"));
    menu.Append(ids::kComment, _("&Comment…\tShift+F2"));
    menu.Append(ids::kClearMarks, _("C&lear\tDel"));
    menu.AppendSeparator();
    menu.Append(ids::kEditAssessment, _("Edit &assessment…"));
    menu.Append(ids::kMoveColumnLeft, _("Move column &left\tCtrl+Shift+Left"));
    menu.Append(ids::kMoveColumnRight, _("Move column &right\tCtrl+Shift+Right"));
    menu.Append(ids::kHideColumn, _("&Hide column"));
    menu.Append(ids::kDeleteAssessment, _("&Delete assessment\tCtrl+Shift+Del"));
  } else {
    menu.Append(ids::kSortByName, _("Sort by &name"));
    menu.Append(ids::kSortByAverage, _("Sort by &average"));
  }
  if (row >= 0 && m_table->studentAt(row) >= 0) {
    menu.AppendSeparator();
    menu.Append(ids::kReportComment, _("&Report card comment…"));
  }
  menu.Bind(wxEVT_MENU, [this](wxCommandEvent& e) { handleCommand(e.GetId()); });
  m_grid->PopupMenu(&menu, at);
}

void GradebookPanel::onKeyDown(wxKeyEvent& event)
{
  if (m_grid->IsCellEditControlShown()) {
    event.Skip();
    return;
  }
  // The menu's shortcuts first: the grid would take some of them as typing (Ctrl+Shift+H,
  // Shift+F2) or as moving the cursor (Ctrl+Shift+Left).
  if (runMenuShortcut(m_grid, event)) {
    return;
  }
  const int key = event.GetKeyCode();
  const bool plainDelete = (key == WXK_DELETE || key == WXK_BACK) && !event.HasAnyModifiers();
  if (key == WXK_F2 && event.ShiftDown()) {
    editComment(); // the comment line, never the cell's editor (the mark stays as it is)
  } else if (key == WXK_DELETE && event.ControlDown() && event.ShiftDown()) {
    deleteAssessment(); // the Class menu's shortcut, which reaches the grid first
  } else if (plainDelete && m_table->isFinalCell(m_grid->GetGridCursorCol())) {
    setFinal(m_table->studentAt(m_grid->GetGridCursorRow()), wxString()); // the computed final
  } else if (plainDelete) {
    clearSelected();
  } else if (key == WXK_WINDOWS_MENU || (key == WXK_F10 && event.ShiftDown())) {
    const int row = m_grid->GetGridCursorRow();
    const int col = m_grid->GetGridCursorCol();
    const wxRect rect = m_grid->CellToRect(row, col);
    showCellMenu(row, col, m_grid->GetGridWindow()->GetPosition() + rect.GetBottomLeft());
  } else {
    event.Skip();
  }
}

bool GradebookPanel::handleCommand(int id)
{
  switch (id) {
  case wxID_COPY:
    copySelection();
    return true;
  case wxID_PASTE:
    pasteClipboard();
    return true;
  case ids::kMarkExcused:
    setStatus(model::MarkStatus::Excused);
    return true;
  case ids::kMarkMissing:
    setStatus(model::MarkStatus::Missing);
    return true;
  case ids::kMarkNormal:
    setStatus(model::MarkStatus::Normal);
    return true;
  case ids::kComment:
    editComment();
    return true;
  case ids::kReportComment:
    editReportComment();
    return true;
  case ids::kClearMarks:
    clearSelected();
    return true;
  case ids::kAddAssessment:
    addAssessment();
    return true;
  case ids::kEditAssessment:
    editAssessment();
    return true;
  case ids::kMoveColumnLeft:
    moveColumn(-1);
    return true;
  case ids::kMoveColumnRight:
    moveColumn(+1);
    return true;
  case ids::kHideColumn:
    hideColumn();
    return true;
  case ids::kDeleteAssessment:
    deleteAssessment();
    return true;
  case ids::kShowHiddenColumns:
    showHiddenColumns();
    return true;
  case ids::kCategories:
    editCategories();
    return true;
  case ids::kSortByName:
    sortBy(StudentOrder::ByName);
    return true;
  case ids::kSortByAverage:
    sortBy(StudentOrder::ByAverage);
    return true;
  case ids::kTerms:
    editTerms();
    return true;
  case ids::kShowWholeYear:
    showPeriod({});
    return true;
  case ids::kNextTerm:
    stepPeriod();
    return true;
  default:
    return false;
  }
}

} // namespace pupitre::gui
