#include "comments_dialog.h"

#include "error_report.h"
#include "model_command.h"

#include "pupitre/model/classes.h"
#include "pupitre/model/name_order.h"
#include "pupitre/model/report_comments.h"
#include "pupitre/model/students.h"
#include "pupitre/model/terms.h"

#include <wx/button.h>
#include <wx/choice.h>
#include <wx/cmdproc.h>
#include <wx/listbox.h>
#include <wx/sizer.h>
#include <wx/stattext.h>
#include <wx/textctrl.h>

#include <algorithm>

namespace pupitre::gui {

ReportCommentsDialog::ReportCommentsDialog(wxWindow* parent, store::Database& db,
                                           wxCommandProcessor& commands, const std::string& classId,
                                           const std::string& termId, const std::string& studentId)
    : wxDialog(parent, wxID_ANY, _("Report card comments"), wxDefaultPosition, wxDefaultSize,
               wxDEFAULT_DIALOG_STYLE | wxRESIZE_BORDER),
      m_db(db), m_commands(commands), m_classId(classId)
{
  const auto schoolClass = model::Classes(db).get(classId);
  auto students = model::Students(db).list(classId);
  model::sortByName(students);
  for (const auto& s : students) {
    m_studentIds.push_back(s.id);
    m_names.push_back(wxString::FromUTF8(s.familyName + ", " + s.givenName));
  }

  auto* top = new wxBoxSizer(wxVERTICAL);
  top->Add(new wxStaticText(this, wxID_ANY,
                            wxString::Format(_("Class: %s"), wxString::FromUTF8(schoolClass.name))),
           0, wxLEFT | wxRIGHT | wxTOP, FromDIP(12));
  auto* periodRow = new wxBoxSizer(wxHORIZONTAL);
  periodRow->Add(new wxStaticText(this, wxID_ANY, _("Period:")), 0,
                 wxALIGN_CENTER_VERTICAL | wxRIGHT, FromDIP(8));
  m_period = new wxChoice(this, wxID_ANY);
  m_period->Append(_("Whole year"));
  m_termIds.emplace_back();
  int selected = 0;
  for (const auto& t : model::Terms(db).list(classId)) {
    if (t.id == termId) {
      selected = static_cast<int>(m_termIds.size());
    }
    m_period->Append(wxString::FromUTF8(t.name));
    m_termIds.push_back(t.id);
  }
  m_period->SetSelection(selected);
  periodRow->Add(m_period, 1);
  top->Add(periodRow, 0, wxEXPAND | wxALL, FromDIP(12));

  auto* body = new wxBoxSizer(wxHORIZONTAL);
  m_students = new wxListBox(this, wxID_ANY, wxDefaultPosition, FromDIP(wxSize(220, 320)));
  body->Add(m_students, 0, wxEXPAND | wxRIGHT, FromDIP(10));
  auto* right = new wxBoxSizer(wxVERTICAL);
  right->Add(new wxStaticText(this, wxID_ANY, _("Teacher's comment, printed on the report card:")),
             0, wxBOTTOM, FromDIP(4));
  m_text = new wxTextCtrl(this, wxID_ANY, wxEmptyString, wxDefaultPosition,
                          FromDIP(wxSize(420, 260)), wxTE_MULTILINE | wxTE_RICH2);
  right->Add(m_text, 1, wxEXPAND);
  m_count = new wxStaticText(this, wxID_ANY, wxEmptyString);
  right->Add(m_count, 0, wxTOP, FromDIP(4));
  body->Add(right, 1, wxEXPAND);
  top->Add(body, 1, wxEXPAND | wxLEFT | wxRIGHT, FromDIP(12));
  if (m_studentIds.empty()) {
    top->Add(new wxStaticText(this, wxID_ANY, _("This class has no students yet.")), 0,
             wxLEFT | wxRIGHT | wxTOP, FromDIP(12));
    m_text->Enable(false);
  }

  auto* buttons = new wxStdDialogButtonSizer;
  buttons->AddButton(new wxButton(this, wxID_OK, _("&Close")));
  buttons->Realize();
  top->Add(buttons, 0, wxEXPAND | wxALL, FromDIP(12));
  SetSizerAndFit(top);

  loadPeriod();
  const auto first = std::find(m_studentIds.begin(), m_studentIds.end(), studentId);
  showStudent(first == m_studentIds.end() ? 0 : static_cast<int>(first - m_studentIds.begin()));
  m_text->SetFocus();

  m_students->Bind(wxEVT_LISTBOX, [this](wxCommandEvent& e) {
    if (!save()) {
      m_students->SetSelection(m_shown);
      return;
    }
    showStudent(e.GetSelection());
  });
  m_period->Bind(wxEVT_CHOICE, [this](wxCommandEvent&) {
    if (!save()) {
      return;
    }
    loadPeriod();
    showStudent(m_shown);
  });
  m_text->Bind(wxEVT_TEXT, [this](wxCommandEvent&) { updateCount(); });
  Bind(
      wxEVT_BUTTON,
      [this](wxCommandEvent&) {
        if (save()) {
          finish();
        }
      },
      wxID_OK);
  Bind(wxEVT_CLOSE_WINDOW, [this](wxCloseEvent& e) {
    if (save() || !e.CanVeto()) {
      finish();
    } else {
      e.Veto();
    }
  });
}

void ReportCommentsDialog::finish()
{
  if (IsModal()) {
    EndModal(wxID_OK);
  } else {
    Hide();
  }
}

void ReportCommentsDialog::loadPeriod()
{
  const auto& termId = m_termIds[static_cast<std::size_t>(std::max(0, m_period->GetSelection()))];
  reportErrors(this, [&] { m_comments = model::ReportComments(m_db).list(m_classId, termId); });
  m_students->Clear();
  for (std::size_t i = 0; i < m_studentIds.size(); ++i) {
    m_students->Append(studentLabel(i));
  }
}

wxString ReportCommentsDialog::studentLabel(std::size_t index) const
{
  // A student who has a comment is marked, so the teacher sees who is left.
  return m_names[index] + (m_comments.count(m_studentIds[index]) ? wxString(" \u270E") : "");
}

void ReportCommentsDialog::showStudent(int index)
{
  if (m_studentIds.empty()) {
    return;
  }
  m_shown = std::clamp(index, 0, static_cast<int>(m_studentIds.size()) - 1);
  m_students->SetSelection(m_shown);
  const auto it = m_comments.find(m_studentIds[static_cast<std::size_t>(m_shown)]);
  m_text->ChangeValue(it == m_comments.end() ? wxString() : wxString::FromUTF8(it->second));
  updateCount();
}

void ReportCommentsDialog::updateCount()
{
  m_count->SetLabel(wxString::Format(_("%zu of %zu characters"), m_text->GetValue().length(),
                                     model::ReportComments::kMaxLength));
}

bool ReportCommentsDialog::save()
{
  if (m_shown < 0 || m_studentIds.empty()) {
    return true;
  }
  const auto index = static_cast<std::size_t>(m_shown);
  const std::string studentId = m_studentIds[index];
  const std::string termId =
      m_termIds[static_cast<std::size_t>(std::max(0, m_period->GetSelection()))];
  std::string text;
  if (!reportErrors(this, [&] {
        text = model::ReportComments::checkText(m_text->GetValue().utf8_string());
      })) {
    m_text->SetFocus();
    return false;
  }
  const auto known = m_comments.find(studentId);
  const std::string before = known == m_comments.end() ? std::string{} : known->second;
  if (text == before) {
    return true;
  }
  auto& db = m_db;
  const std::string classId = m_classId;
  const bool done = m_commands.Submit(new ModelCommand(
      _("Report card comment"),
      [&db, classId, studentId, termId, text] {
        model::ReportComments(db).set(classId, studentId, termId, text);
      },
      [&db, classId, studentId, termId, before] {
        model::ReportComments(db).set(classId, studentId, termId, before);
      },
      {}));
  if (!done) {
    return false;
  }
  if (text.empty()) {
    m_comments.erase(studentId);
  } else {
    m_comments[studentId] = text;
  }
  m_students->SetString(m_shown, studentLabel(index));
  return true;
}

void editReportComments(wxWindow* parent, store::Database& db, wxCommandProcessor& commands,
                        const std::string& classId, const std::string& termId,
                        const std::string& studentId)
{
  if (classId.empty()) {
    return;
  }
  std::unique_ptr<ReportCommentsDialog> dialog;
  if (!reportErrors(parent, [&] {
        dialog = std::make_unique<ReportCommentsDialog>(parent, db, commands, classId, termId,
                                                        studentId);
      })) {
    return;
  }
  dialog->ShowModal();
}

} // namespace pupitre::gui
