#pragma once
// Report card comments (docs/reports.md, "In the app"): the class's students, each with the
// teacher's comment for the chosen period (a term or the whole year), written where the
// report cards are made (File → Export or print…, "Comments…") or from the gradebook (a
// student's "Report card comment…"). A comment is saved to the database (so it syncs) as one
// undoable step when the teacher moves to another student or period, or closes the dialog.
#include "pupitre/store/database.h"

#include <wx/dialog.h>

#include <map>
#include <string>
#include <vector>

class wxChoice;
class wxCommandProcessor;
class wxListBox;
class wxStaticText;
class wxTextCtrl;

namespace pupitre::gui {

class ReportCommentsDialog : public wxDialog
{
public:
  // `termId` "" = the whole year; `studentId` the one shown first ("" the first in the list).
  ReportCommentsDialog(wxWindow* parent, store::Database& db, wxCommandProcessor& commands,
                       const std::string& classId, const std::string& termId,
                       const std::string& studentId);

  // Saves the comment shown when it changed (one undoable step). False when it was refused
  // (too long: said to the teacher), and then the text stays for correcting.
  bool save();

  wxListBox* studentList() const { return m_students; }
  wxTextCtrl* commentText() const { return m_text; }
  wxChoice* periodChoice() const { return m_period; }

private:
  void finish(); // ends the modal loop (or hides a dialog shown without one)
  void loadPeriod();
  void showStudent(int index);
  void updateCount();
  wxString studentLabel(std::size_t index) const;

  store::Database& m_db;
  wxCommandProcessor& m_commands;
  std::string m_classId;
  std::vector<std::string> m_termIds;    // "" first: the whole year
  std::vector<std::string> m_studentIds; // in name order
  std::vector<wxString> m_names;
  std::map<std::string, std::string> m_comments; // of the period shown: student id -> text
  int m_shown = -1;
  wxChoice* m_period = nullptr;
  wxListBox* m_students = nullptr;
  wxTextCtrl* m_text = nullptr;
  wxStaticText* m_count = nullptr;
};

// Opens the dialog (modal) over `parent`.
void editReportComments(wxWindow* parent, store::Database& db, wxCommandProcessor& commands,
                        const std::string& classId, const std::string& termId,
                        const std::string& studentId = {});

} // namespace pupitre::gui
