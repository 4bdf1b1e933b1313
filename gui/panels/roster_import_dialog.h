#pragma once
// "Import students": a list pasted (names one per line, or cells copied from a spreadsheet)
// or a CSV/XLSX file opened, its columns mapped (given, family, full name, e-mail, notes,
// ignore), and a preview of the students it will create. Duplicates (already in the class, or
// twice in the list) and rows that cannot be students are flagged and unticked; names can be
// corrected in the preview. OK hands the chosen students to one undoable command.
#include "pupitre/model/students.h"
#include "pupitre/roster/roster_import.h"

#include <wx/dialog.h>

#include <string>
#include <vector>

class wxButton;
class wxCheckBox;
class wxChoice;
class wxFlexGridSizer;
class wxGrid;
class wxGridEvent;
class wxScrolledWindow;
class wxStaticText;
class wxTextCtrl;

namespace pupitre::gui {

class RosterImportDialog : public wxDialog
{
public:
  RosterImportDialog(wxWindow* parent, const std::string& classId, const wxString& className,
                     std::vector<model::Student> existing);

  // Puts `text` in the paste box (what a paste into it does) and previews it.
  void setPastedText(const wxString& text);
  // Reads a CSV or XLSX file (what "Open file…" does once it is chosen). False, with the
  // reason shown in the dialog, when it cannot be read.
  bool loadFile(const std::string& path);
  // Column `column` (0-based) holds `field`: what choosing it in the column's list does.
  void setColumnField(std::size_t column, roster::Field field);

  // The students OK creates.
  std::vector<model::Student> chosen() const { return roster::chosenStudents(m_candidates); }
  const std::vector<roster::Candidate>& candidates() const { return m_candidates; }
  wxGrid* preview() const { return m_preview; }
  wxTextCtrl* pasteBox() const { return m_paste; }
  wxButton* createButton() const { return m_create; }
  wxString summary() const;
  wxString problem() const;

  // How many family names end a name without a comma, for the teacher's language.
  static roster::FamilyNames defaultFamilyNames();

private:
  void chooseFile();
  void useTable(roster::Table table, const wxString& source);
  void showError(const wxString& message);
  void buildColumnChoices();
  void replan();
  void fillPreview();
  void previewEdited(wxGridEvent& event);
  void updateSummary();

  std::string m_classId;
  std::vector<model::Student> m_existing;
  roster::Table m_table;
  roster::Mapping m_mapping;
  std::vector<roster::Candidate> m_candidates;
  bool m_fromFile = false;

  wxTextCtrl* m_paste;
  wxStaticText* m_source;
  wxChoice* m_familyNames;
  wxCheckBox* m_header;
  wxScrolledWindow* m_columnsPanel;
  wxFlexGridSizer* m_columnsSizer;
  std::vector<wxChoice*> m_columnChoices;
  wxGrid* m_preview;
  wxStaticText* m_summary;
  wxStaticText* m_problem;
  wxButton* m_create;
};

// What the teacher reads for a file that cannot be imported (ImportError), in their language.
wxString importErrorText(const roster::ImportError& error);
// The clipboard's text; empty when it holds none.
wxString clipboardText();
// The remark of a preview row ("Already in the class as García, Ana"), in their language.
wxString candidateRemark(const roster::Candidate& candidate);

} // namespace pupitre::gui
