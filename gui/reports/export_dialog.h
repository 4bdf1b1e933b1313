#pragma once
// File → Export…: the class's gradebook, report cards, attendance summary or journal written
// as a file (docs/reports.md) by pupitre::reports, on the worker thread with a progress
// window, in the app's language.
#include "pupitre/reports/reports.h"

#include <wx/dialog.h>

#include <functional>
#include <string>
#include <vector>

class wxChoice;
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
  std::string school; // report cards
};

class ExportDialog : public wxDialog
{
public:
  ExportDialog(wxWindow* parent, const std::string& className,
               const std::vector<model::Term>& terms);
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
};

// The app's language for the reports: its catalog's translations, its decimal mark.
reports::Language appReportLanguage();

// Writes the report of `classId` to `path` on the worker, with a progress window over
// `parent`; `done` runs on the GUI thread after a success (an error is shown instead).
void writeReportInBackground(wxWindow* parent, Worker& worker, const std::string& classId,
                             const ExportChoice& choice, const std::string& path,
                             std::function<void()> done = {});

// The whole command: the dialog, the file dialog, the report written in the background.
void exportReport(wxWindow* parent, Worker& worker, store::Database& db,
                  const std::string& classId);

} // namespace pupitre::gui
