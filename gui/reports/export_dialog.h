#pragma once
// File → Export…: the class's gradebook, report cards, attendance summary or journal written
// as a file (docs/reports.md) by pupitre::reports, on the worker thread with a progress
// window, in the app's language.
#include "pupitre/reports/reports.h"

#include <wx/dialog.h>

#include <functional>
#include <optional>
#include <string>
#include <vector>

class wxButton;
class wxChoice;
class wxCommandProcessor;
class wxTextCtrl;

namespace pupitre::model {
struct Term;
}

namespace pupitre::gui {

class Worker;

// What the teacher chose in the dialog.
struct ExportChoice
{
  enum class Kind { Gradebook, ReportCards, Attendance, Journal };
  Kind kind = Kind::Gradebook;
  reports::Format format = reports::Format::Xlsx;
  char separator = ',';
  std::string termId; // "" = the whole year
  // Report cards: the school's name printed (the class's, saved to it by exportReport);
  // nullopt: the class's as stored. Their comments are the stored ones of `termId`.
  std::optional<std::string> school;
};

class ExportDialog : public wxDialog
{
public:
  // `school`: the class's school name, shown for report cards; `editComments` (when given)
  // opens the report card comments of the period chosen (the "Comments…" button).
  ExportDialog(wxWindow* parent, const std::string& className,
               const std::vector<model::Term>& terms, const std::string& school = {},
               std::function<void(const std::string& termId)> editComments = {});
  ExportChoice choice() const;
  // "Gradebook 3B.xlsx"
  wxString suggestedFileName() const;
  wxString wildcard() const;

private:
  void fillFormats();

  std::string m_className;
  std::vector<std::string> m_termIds;
  wxChoice* m_kind = nullptr;
  wxChoice* m_format = nullptr;
  wxChoice* m_period = nullptr;
  wxTextCtrl* m_school = nullptr;
  wxButton* m_comments = nullptr;
};

// The app's language for the reports: its catalog's translations, its decimal mark.
reports::Language appReportLanguage();

// Writes the report of `classId` to `path` on the worker, with a progress window over
// `parent`; `done` runs on the GUI thread after a success (an error is shown instead).
void writeReportInBackground(wxWindow* parent, Worker& worker, const std::string& classId,
                             const ExportChoice& choice, const std::string& path,
                             std::function<void()> done = {});

// The whole command: the dialog, the file dialog, the report written in the background. For
// report cards, a school name changed in the dialog is saved to the class first (undoable).
void exportReport(wxWindow* parent, Worker& worker, store::Database& db,
                  wxCommandProcessor& commands, const std::string& classId);

} // namespace pupitre::gui
