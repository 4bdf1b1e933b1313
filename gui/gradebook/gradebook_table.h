#pragma once
// The gradebook's virtual grid table: it reads cells from GradebookData on demand, so a class
// of any size opens in the time it takes to paint the visible cells.
#include "gradebook/gradebook_data.h"

#include <wx/grid.h>

#include <functional>
#include <map>
#include <memory>
#include <optional>

namespace pupitre::gui {

class GradebookTable : public wxGridTableBase
{
public:
  GradebookTable();
  ~GradebookTable() override;

  // Swaps in new data and tells the grid how many rows and columns it now has.
  void setData(std::shared_ptr<GradebookData> data);
  const std::shared_ptr<GradebookData>& data() const { return m_data; }

  // Called when the teacher finished typing in a mark cell: (student index, assessment index,
  // text). The table itself never writes.
  std::function<void(int, int, const wxString&)> onEdit;
  // Called when the teacher typed in the final mark's cell of the year view: (student index,
  // text; empty = back to the computed final).
  std::function<void(int, const wxString&)> onFinalEdit;

  // The student index of a grid row (-1 for the class-average row), the column description
  // of a grid column.
  int studentAt(int row) const;
  // The last row: the class's mean of each column (not a student: never edited, sorted,
  // copied or pasted into). There is one when the class has students.
  bool isClassAverageRow(int row) const;
  // An average as shown: rounded as Settings → Grading says, with the locale's separator.
  wxString formatAverage(const std::optional<double>& value) const;
  const GradebookColumn* columnAt(int col) const;
  bool hasComment(int row, int col) const;
  // What is wrong with a cell, in the words of its tooltip ("" when nothing): a mark outside
  // its assessment's scale (a state two devices can merge into), an average that leaves
  // such marks out, a final average with no category weight to stand on.
  wxString problemAt(int row, int col) const;
  // The cell's tooltip: its problem, or what a final mark set by the teacher stands for.
  wxString tipAt(int row, int col) const;
  // True for the final mark's cell of the year view (the teacher may type her own).
  bool isFinalCell(int col) const;
  // A mark typed that does not fit its scale: shown in its cell as typed, red, with `reason`
  // as its tooltip, until the teacher types the cell again or clears it (nothing is saved).
  void setInvalid(const std::string& studentId, const std::string& assessmentId,
                  const wxString& typed, const wxString& reason);
  void clearInvalid(const std::string& studentId, const std::string& assessmentId);
  // A stable key of a column (assessment id, "avg:" + category, "final") to find it again.
  std::string columnKey(int col) const;
  int columnOfKey(const std::string& key) const;
  int rowOfStudent(const std::string& studentId) const;

  // class_average_row.cpp: the class-average row's value of a column ("" when no mark).
  wxString classAverageAt(int col) const;

  // gradebook_tooltips.cpp: what a column header's tooltip says (full name, category, date,
  // weight, scale), and a cell's (its comment, its problem).
  wxString headerTip(int col) const;
  wxString cellTip(int row, int col) const;
  // The comment of a mark cell ("" when none).
  wxString commentAt(int row, int col) const;

  // gradebook_headers.cpp: a column's header, its category then its name on at most
  // kHeaderNameLines lines as wide as the column, the last one cut with "…" if needed.
  static constexpr int kHeaderNameLines = 3;
  wxString headerLabel(int col) const;
  // How many lines the tallest header has (for the header row's height).
  int headerLineCount() const;
  int GetNumberRows() override;
  int GetNumberCols() override;
  wxString GetValue(int row, int col) override;
  void SetValue(int row, int col, const wxString& value) override;
  bool IsEmptyCell(int row, int col) override;
  wxString GetRowLabelValue(int row) override;
  wxString GetColLabelValue(int col) override;
  wxGridCellAttr* GetAttr(int row, int col, wxGridCellAttr::wxAttrKind kind) override;

private:
  enum class Look {
    Plain,
    Below,
    Average,
    AverageBelow,
    Status,
    OutOfScale,
    Incomplete,
    Final,
    FinalBelow,
    Overridden,
    FinalIncomplete,
    ClassAverage
  };
  Look lookOf(int row, int col) const;
  struct Invalid
  {
    wxString typed, reason;
  };
  const Invalid* invalidAt(int row, int col) const;

  std::shared_ptr<GradebookData> m_data;
  std::map<std::pair<std::string, std::string>, Invalid> m_invalid; // (student, assessment) ids
  wxGridCellAttr* m_below;
  wxGridCellAttr* m_average;
  wxGridCellAttr* m_averageBelow;
  wxGridCellAttr* m_status;
  wxGridCellAttr* m_outOfScale;
  wxGridCellAttr* m_incomplete;
  wxGridCellAttr* m_final;
  wxGridCellAttr* m_finalBelow;
  wxGridCellAttr* m_overridden;
  wxGridCellAttr* m_finalIncomplete; // as m_incomplete, but the teacher may type her own final
  wxGridCellAttr* m_classAverage;
};

// Draws a cell like the string renderer, plus a small corner mark when the mark has a comment
// and a warning sign after the text of a cell with a problem (GradebookTable::problemAt).
class MarkRenderer : public wxGridCellStringRenderer
{
public:
  void Draw(wxGrid& grid, wxGridCellAttr& attr, wxDC& dc, const wxRect& rect, int row, int col,
            bool isSelected) override;
  wxGridCellRenderer* Clone() const override { return new MarkRenderer; }
};

} // namespace pupitre::gui
