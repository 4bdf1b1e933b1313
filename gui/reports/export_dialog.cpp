#include "export_dialog.h"

#include "comments_dialog.h"
#include "error_report.h"
#include "model_command.h"
#include "worker.h"

#include "pupitre/model/classes.h"
#include "pupitre/model/terms.h"

#include <wx/button.h>
#include <wx/choice.h>
#include <wx/cmdproc.h>
#include <wx/filedlg.h>
#include <wx/intl.h>
#include <wx/msgdlg.h>
#include <wx/progdlg.h>
#include <wx/sizer.h>
#include <wx/stattext.h>
#include <wx/textctrl.h>
#include <wx/timer.h>
#include <wx/translation.h>

#include <algorithm>
#include <memory>

namespace pupitre::gui {
namespace {

using Kind = ExportChoice::Kind;
using reports::Format;

struct FormatEntry
{
  Format format;
  char separator;
  wxString label;
};

std::vector<FormatEntry> allFormatsOf(Kind kind)
{
  switch (kind) {
  case Kind::Gradebook:
    return {{Format::Xlsx, ',', _("Excel workbook (XLSX)")},
            {Format::Pdf, ',', _("PDF to print")},
            {Format::Csv, ';', _("CSV for Excel with decimal commas (;)")},
            {Format::Csv, ',', _("CSV (,)")}};
  case Kind::Attendance:
    return {{Format::Xlsx, ',', _("Excel workbook (XLSX)")}, {Format::Pdf, ',', _("PDF to print")}};
  default:
    return {{Format::Pdf, ',', _("PDF to print")}};
  }
}

// The formats this build writes: no PDF without PDF reports (reports::pdfAvailable(), the
// Windows build), so report cards and the journal (PDF only) have none there.
std::vector<FormatEntry> formatsOf(Kind kind)
{
  auto formats = allFormatsOf(kind);
  if (!reports::pdfAvailable()) {
    std::erase_if(formats, [](const FormatEntry& f) { return f.format == Format::Pdf; });
  }
  return formats;
}

wxString extensionOf(Format format)
{
  return format == Format::Xlsx ? "xlsx" : format == Format::Csv ? "csv" : "pdf";
}

} // namespace

ExportDialog::ExportDialog(wxWindow* parent, const std::string& className,
                           const std::vector<model::Term>& terms, const std::string& school,
                           std::function<void(const std::string& termId)> editComments)
    : wxDialog(parent, wxID_ANY, _("Export"), wxDefaultPosition, wxDefaultSize,
               wxDEFAULT_DIALOG_STYLE | wxRESIZE_BORDER),
      m_className(className)
{
  auto* grid = new wxFlexGridSizer(2, FromDIP(wxSize(10, 8)));
  grid->AddGrowableCol(1);
  auto label = [&](const wxString& text) {
    grid->Add(new wxStaticText(this, wxID_ANY, text), 0, wxALIGN_CENTER_VERTICAL);
  };
  label(_("Report:"));
  m_kind = new wxChoice(this, wxID_ANY);
  m_kind->Append(_("Gradebook"));
  m_kind->Append(_("Report cards (one page per student)"));
  m_kind->Append(_("Attendance summary"));
  m_kind->Append(_("Class journal"));
  m_kind->SetSelection(0);
  grid->Add(m_kind, 1, wxEXPAND);
  label(_("Format:"));
  m_format = new wxChoice(this, wxID_ANY);
  grid->Add(m_format, 1, wxEXPAND);
  label(_("Period:"));
  m_period = new wxChoice(this, wxID_ANY);
  m_period->Append(_("Whole year"));
  m_termIds.emplace_back();
  for (const auto& t : terms) {
    m_period->Append(wxString::FromUTF8(t.name));
    m_termIds.push_back(t.id);
  }
  m_period->SetSelection(0);
  grid->Add(m_period, 1, wxEXPAND);
  label(_("School name:"));
  m_school = new wxTextCtrl(this, wxID_ANY, wxString::FromUTF8(school));
  m_school->SetHint(_("Printed at the top of report cards"));
  grid->Add(m_school, 1, wxEXPAND);
  if (editComments) {
    label(_("Comments:"));
    m_comments = new wxButton(this, wxID_ANY, _("Teacher's &comments…"));
    m_comments->SetToolTip(_("Write each student's comment for the report card of this period"));
    grid->Add(m_comments, 0);
    m_comments->Bind(wxEVT_BUTTON, [this, editComments](wxCommandEvent&) {
      editComments(m_termIds[static_cast<std::size_t>(std::max(0, m_period->GetSelection()))]);
    });
  }

  auto* top = new wxBoxSizer(wxVERTICAL);
  top->Add(new wxStaticText(this, wxID_ANY,
                            wxString::Format(_("Class: %s"), wxString::FromUTF8(className))),
           0, wxALL, FromDIP(12));
  top->Add(grid, 1, wxEXPAND | wxLEFT | wxRIGHT, FromDIP(12));
  if (!reports::pdfAvailable()) {
    auto* note = new wxStaticText(
        this, wxID_ANY,
        _("PDF reports are not available in this version of Pupitre: export the gradebook as "
          "XLSX or CSV, or the attendance summary as XLSX. Report cards and the class journal "
          "need the PDF reports of the Linux version."));
    note->Wrap(FromDIP(440));
    top->Add(note, 0, wxEXPAND | wxLEFT | wxRIGHT | wxTOP, FromDIP(12));
  }
  top->Add(CreateSeparatedButtonSizer(wxOK | wxCANCEL), 0, wxEXPAND | wxALL, FromDIP(12));
  if (auto* ok = FindWindow(wxID_OK)) {
    ok->SetLabel(_("&Export…"));
  }
  SetSizerAndFit(top);
  SetMinSize(FromDIP(wxSize(460, -1)));
  Fit();
  fillFormats();
  m_kind->Bind(wxEVT_CHOICE, [this](wxCommandEvent&) { fillFormats(); });
}

void ExportDialog::fillFormats()
{
  const auto kind = static_cast<Kind>(m_kind->GetSelection());
  const auto formats = formatsOf(kind);
  m_format->Clear();
  for (const auto& f : formats) {
    m_format->Append(f.label);
  }
  if (formats.empty()) {
    m_format->Append(_("PDF only: not available in this version"));
  }
  m_format->SetSelection(0);
  m_format->Enable(!formats.empty());
  if (auto* ok = FindWindow(wxID_OK)) {
    ok->Enable(!formats.empty());
  }
  m_school->Enable(kind == Kind::ReportCards);
  if (m_comments) {
    m_comments->Enable(kind == Kind::ReportCards);
  }
  // Report cards show every term: the period chooses whose comments they print.
  m_period->Enable(true);
}

ExportChoice ExportDialog::choice() const
{
  ExportChoice c;
  c.kind = static_cast<Kind>(m_kind->GetSelection());
  const auto formats = formatsOf(c.kind);
  if (formats.empty()) { // OK is disabled then
    c.format = Format::Pdf;
  } else {
    const auto at = std::min(static_cast<std::size_t>(std::max(0, m_format->GetSelection())),
                             formats.size() - 1);
    c.format = formats[at].format;
    c.separator = formats[at].separator;
  }
  if (m_period->IsEnabled()) {
    c.termId = m_termIds[static_cast<std::size_t>(std::max(0, m_period->GetSelection()))];
  }
  c.school = m_school->GetValue().Trim().Trim(false).utf8_string();
  return c;
}

wxString ExportDialog::suggestedFileName() const
{
  const wxString names[] = {_("Gradebook"), _("Report cards"), _("Attendance"), _("Journal")};
  const auto c = choice();
  wxString name = names[static_cast<int>(c.kind)] + " " + wxString::FromUTF8(m_className);
  if (!c.termId.empty()) {
    name += " " + m_period->GetStringSelection();
  }
  name.Replace("/", "-");
  name.Replace("\\", "-");
  return name + "." + extensionOf(c.format);
}

wxString ExportDialog::wildcard() const
{
  switch (choice().format) {
  case Format::Xlsx:
    return _("Excel workbooks (*.xlsx)|*.xlsx");
  case Format::Csv:
    return _("CSV files (*.csv)|*.csv");
  default:
    return _("PDF documents (*.pdf)|*.pdf");
  }
}

reports::Language appReportLanguage()
{
  wxString code = "en";
  if (auto* translations = wxTranslations::Get()) {
    const wxString best = translations->GetBestTranslation("pupitre");
    if (!best.empty()) {
      code = best;
    }
  }
  // wxGetTranslation is safe off the GUI thread: what it does not find is kept per thread.
  return reports::Language(code.utf8_string(), [](const char* english) {
    return wxGetTranslation(wxString::FromUTF8(english)).utf8_string();
  });
}

void writeReportInBackground(wxWindow* parent, Worker& worker, const std::string& classId,
                             const ExportChoice& choice, const std::string& path,
                             std::function<void()> done)
{
  // Deleted by the result's handler on the GUI thread (never by the worker's thread).
  auto* progress = new wxProgressDialog(_("Export"), _("Writing the report…"), 100, parent,
                                        wxPD_APP_MODAL | wxPD_SMOOTH);
  auto* pulse = new wxTimer;
  pulse->Bind(wxEVT_TIMER, [progress](wxTimerEvent&) { progress->Pulse(); });
  pulse->Start(100);
  const auto language = appReportLanguage();
  worker.run<std::string>(
      [classId, choice, path, language](store::Database& db) -> std::string {
        try {
          switch (choice.kind) {
          case Kind::Gradebook:
            reports::writeGradebook(db, {classId, choice.termId, choice.format, choice.separator},
                                    language, path);
            break;
          case Kind::ReportCards:
            reports::writeReportCards(db, classId, {},
                                      {.school = choice.school, .termId = choice.termId}, language,
                                      path);
            break;
          case Kind::Attendance:
            reports::writeAttendance(
                db, {.classId = classId, .termId = choice.termId, .format = choice.format},
                language, path);
            break;
          case Kind::Journal: {
            std::string from = "1900-01-01", to = "2999-12-31";
            if (!choice.termId.empty()) {
              const auto term = model::Terms(db).get(choice.termId);
              from = term.start;
              to = term.end;
            }
            reports::writeJournal(db, classId, from, to, language, path);
            break;
          }
          }
          return {};
        } catch (const std::exception& e) {
          return describe(e).utf8_string(); // in the teacher's language
        }
      },
      [parent, progress, pulse, done](std::string& error) {
        pulse->Stop();
        delete pulse;
        progress->Destroy();
        if (!error.empty()) {
          showError(parent, wxString::FromUTF8(error));
        } else if (done) {
          done();
        }
      });
}

void exportReport(wxWindow* parent, Worker& worker, store::Database& db,
                  wxCommandProcessor& commands, const std::string& classId)
{
  if (classId.empty()) {
    return;
  }
  model::SchoolClass schoolClass;
  std::vector<model::Term> terms;
  if (!reportErrors(parent, [&] {
        schoolClass = model::Classes(db).get(classId);
        terms = model::Terms(db).list(classId);
      })) {
    return;
  }
  ExportDialog dialog(parent, schoolClass.name, terms, schoolClass.school,
                      [&](const std::string& termId) {
                        editReportComments(&dialog, db, commands, classId, termId);
                      });
  if (dialog.ShowModal() != wxID_OK) {
    return;
  }
  const auto choice = dialog.choice();
  if (choice.kind == Kind::ReportCards && choice.school && *choice.school != schoolClass.school) {
    // The school's name belongs to the class (it syncs): saved as one undoable step.
    const std::string before = schoolClass.school, after = *choice.school;
    if (!commands.Submit(new ModelCommand(
            _("School name"),
            [&db, classId, after] { model::Classes(db).update(classId, {.school = after}); },
            [&db, classId, before] { model::Classes(db).update(classId, {.school = before}); },
            {}))) {
      return;
    }
  }
  wxFileDialog files(parent, _("Export to"), wxEmptyString, dialog.suggestedFileName(),
                     dialog.wildcard(), wxFD_SAVE | wxFD_OVERWRITE_PROMPT);
  if (files.ShowModal() != wxID_OK) {
    return;
  }
  const wxString path = files.GetPath();
  writeReportInBackground(parent, worker, classId, choice, path.utf8_string(), [parent, path] {
    wxMessageBox(wxString::Format(_("Saved %s."), path), _("Export"), wxOK | wxICON_INFORMATION,
                 parent);
  });
}

} // namespace pupitre::gui
