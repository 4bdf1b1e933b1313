#pragma once
// The Gradebook tab: a wxGrid over GradebookTable. Typing a mark and Enter/Tab saves it and
// moves on; a block copied from a spreadsheet pastes; cells can be marked excused or missing
// and carry a comment (shown and edited in the comment line under the grid, Shift+F2);
// columns can be added, edited, moved and hidden; categories weighted. The averages stay
// frozen next to the names; the last row is the class average. Every edit is an undoable
// command that calls the model. Loading runs on the worker.
#include "class_page.h"
#include "gradebook/gradebook_data.h"
#include "gradebook/gradebook_grid.h"
#include "gradebook/mark_commands.h"

#include <wx/choice.h>
#include <wx/grid.h>
#include <wx/panel.h>

class wxTextCtrl;

#include <map>
#include <memory>
#include <string>
#include <utility>
#include <vector>

class wxMenu;

namespace pupitre::gui {

class GradebookTable;

class GradebookPanel : public wxPanel, public ClassPage
{
public:
  GradebookPanel(wxWindow* parent, AppContext context);

  wxWindow* window() override { return this; }
  void showClass(const std::string& classId) override;
  void reload() override;
  bool handleCommand(int id) override;

  wxGrid* grid() const { return m_grid; }
  GradebookTable* table() const { return m_table; }
  // The class whose data the grid shows (after the worker delivered it).
  const std::string& shownClass() const { return m_shownClass; }

  // Reads these classes' gradebooks in the background, so opening one paints at once (the
  // shown copy is then refreshed in the background too).
  void prefetch(const std::vector<std::string>& classIds);

  // What the dialogs and shortcuts end in; public for tests.
  // What the categories dialog's OK does (one undoable step): `removed` are deleted first.
  void applyCategories(const std::vector<model::Category>& after,
                       const std::vector<std::string>& removed);
  void setCategoryWeight(const std::string& categoryId, double weight);
  void pasteText(const std::string& text);
  void sortBy(StudentOrder order);
  // What "Delete assessment" does (undoable: Undo brings the column back with its marks).
  void deleteAssessment(const std::string& assessmentId);
  // The menu of a column header (right click): edit, move, hide, delete.
  std::unique_ptr<wxMenu> columnMenu(int col);

  // gradebook_terms.cpp
  // Shows one term of the class ("" = the whole year), remembered for the class.
  void showPeriod(const std::string& termId);
  // The teacher's own final mark for a student (the row's student index); empty text
  // returns to the computed final. One undoable step.
  void setFinal(int student, const wxString& typed);
  // The report card comments dialog on the cursor's student, for the period shown.
  void editReportComment();
  // What the Terms dialog's OK does (one undoable step): `removed` are deleted first.
  void applyTerms(const std::vector<model::Term>& after, const std::vector<std::string>& removed,
                  model::FinalMode mode);
  wxChoice* periodChoice() const { return m_periodChoice; }

private:
  struct Place
  {
    std::string student, column;                                    // the cursor
    std::string topStudent, leftColumn, bottomStudent, rightColumn; // a selected block
    int scrollX = 0, scrollY = 0;
  };

  void load();
  void loadInto(const std::string& classId, bool show);
  void apply(std::shared_ptr<GradebookData> data);
  Place place() const;
  void restore(const Place& where);
  void submitMarks(const wxString& name, std::vector<MarkChange> changes);
  void marksChanged(const std::vector<MarkChange>& changes);
  // The mark cells selected (the cursor cell when nothing is), as (student, assessment).
  std::vector<std::pair<int, int>> selectedMarkCells() const;
  void setStatus(model::MarkStatus status);
  void editComment();
  void clearSelected();
  void copySelection();
  void pasteClipboard();
  void showCellMenu(int row, int col, const wxPoint& at);
  void onKeyDown(wxKeyEvent& event);

  // gradebook_view.cpp: how the grid is laid out and what the pointer is told.
  // Shows `data` in the grid: the table takes it (which unfreezes the columns: wx cannot add or
  // delete frozen ones), the Show list follows its terms, then the averages are frozen again
  // and the headers fitted.
  void showData(std::shared_ptr<GradebookData> data);
  // Freezes the average columns next to the names (unless they would fill the window).
  void freezeAverages();
  // Average columns narrow, a mark column wide enough for the longest word of its name (up
  // to a limit; never narrower than the teacher made it), and the header row as tall as
  // the tallest header (two to four lines).
  void fitHeaders();
  // Tooltips on the column headers and on the cells (comments, problems).
  void bindTooltips();
  void showHeaderTip(wxWindow* labels, int x);
  void onCellMotion(wxMouseEvent& event);
  void onHeaderMotion(wxMouseEvent& event);
  void showCellTip(wxWindow* cells, const wxPoint& at);

  // gradebook_comments.cpp: the comment line under the grid.
  wxWindow* createCommentLine();
  // Shows the comment of the cursor's cell (unless the teacher is editing it).
  void showCursorComment();
  // Saves what the comment line holds on the selected mark cells, back to the grid.
  void saveComment();
  void takeCommentTargets();
  void cancelComment();

  // gradebook_columns.cpp
  const model::Assessment* currentAssessment() const;
  void addAssessment();
  void editAssessment();
  void moveColumn(int delta);
  void hideColumn();
  void showHiddenColumns();
  void editCategories();

  // gradebook_terms.cpp
  void fillPeriodChoice();
  void stepPeriod();
  void editTerms();
  void rememberPeriod(const std::string& classId, const std::string& termId);
  // column_menu.cpp
  void bindColumnMenu();
  void deleteAssessment();
  void submitReload(const wxString& name, std::function<void()> doIt, std::function<void()> undoIt);

  AppContext m_context;
  GradebookGrid* m_grid = nullptr;
  wxTextCtrl* m_comment = nullptr; // the comment line
  std::string m_cursorToColumn;    // a column just added: the cursor goes there when it shows
  // The marks (student id, assessment id) the comment line is being written for: the ones
  // selected when the teacher went into it.
  std::vector<std::pair<std::string, std::string>> m_commentTargets;
  GradebookTable* m_table = nullptr;
  std::string m_classId;
  std::string m_shownClass;
  int m_generation = 0;
  bool m_reloadWhenEdited = false;
  StudentOrder m_order = StudentOrder::ByName;
  std::map<std::string, std::shared_ptr<GradebookData>> m_cache; // by class id
  wxChoice* m_periodChoice = nullptr;
  std::map<std::string, std::string> m_periods; // class id -> term shown ("" the whole year)
};

} // namespace pupitre::gui
