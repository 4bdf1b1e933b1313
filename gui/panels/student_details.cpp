// StudentsPanel: the selected student's details, saved as the teacher types (like the
// journal): 700 ms after the last key, on leaving a field, and before another student, class
// or the window's closing replaces them. Each save is one undoable command. What cannot be
// saved yet (a malformed e-mail, no name at all) stays typed, with the reason beside it.
#include "model_command.h"
#include "panels/placeholder_picture.h"
#include "panels/students_panel.h"

#include "pupitre/model/validation.h"

#include <wx/button.h>
#include <wx/cmdproc.h>
#include <wx/intl.h>
#include <wx/statbmp.h>
#include <wx/stattext.h>
#include <wx/textctrl.h>

namespace pupitre::gui {

namespace {

constexpr int kSaveDelayMs = 700;

// Changes the field only when it differs: the caret stays where the teacher left it.
void show(wxTextCtrl* field, const wxString& value)
{
  if (field->GetValue() != value) {
    field->ChangeValue(value);
  }
}

std::string trimmed(wxString text)
{
  return text.Trim().Trim(false).utf8_string();
}

} // namespace

const model::Student* StudentsPanel::studentById(const std::string& id) const
{
  for (const auto& s : m_students) {
    if (s.id == id) {
      return &s;
    }
  }
  return nullptr;
}

wxString StudentsPanel::detailsError() const
{
  wxString text = m_error->GetLabel();
  text.Replace("\n", " "); // as written, not as wrapped
  return text;
}

void StudentsPanel::showDetails()
{
  const model::Student* student = studentById(m_selected);
  m_filling = true;
  if (!(m_dirty && m_editing == m_selected)) { // never over what is being typed
    const auto draft = m_drafts.find(m_selected);
    if (draft != m_drafts.end()) {
      show(m_given, draft->second.given);
      show(m_family, draft->second.family);
      show(m_email, draft->second.email);
      show(m_notes, draft->second.notes);
      m_error->SetLabel(draft->second.error);
    } else {
      show(m_given, student ? wxString::FromUTF8(student->givenName) : wxString());
      show(m_family, student ? wxString::FromUTF8(student->familyName) : wxString());
      show(m_email, student ? wxString::FromUTF8(student->email) : wxString());
      show(m_notes, student ? wxString::FromUTF8(student->notes) : wxString());
      m_error->SetLabel({});
    }
    m_error->Wrap(std::max(FromDIP(200), m_notes->GetSize().x));
    Layout();
  }
  m_editing = student ? m_selected : std::string{};
  m_filling = false;
  m_picture->SetBitmap(student ? studentPicture(*student, FromDIP(96))
                               : placeholderPicture({}, {}, FromDIP(96)));
  m_picture->SetToolTip(!student || student->picture.empty() ? _("No picture")
                        : pictureHere(*student)
                            ? wxString()
                            : _("The picture is not downloaded to this device yet: synchronise "
                                "pictures to see it."));
  for (wxWindow* w : {static_cast<wxWindow*>(m_given), static_cast<wxWindow*>(m_family),
                      static_cast<wxWindow*>(m_email), static_cast<wxWindow*>(m_notes),
                      static_cast<wxWindow*>(m_setPicture)}) {
    w->Enable(student != nullptr);
  }
}

void StudentsPanel::edited()
{
  if (m_filling || m_editing.empty()) {
    return;
  }
  m_dirty = true;
  m_saveTimer.StartOnce(kSaveDelayMs); // restarts on every key
}

void StudentsPanel::saveNow()
{
  m_saveTimer.Stop();
  if (!m_dirty || IsBeingDeleted()) {
    return;
  }
  m_dirty = false;
  const model::Student* student = studentById(m_editing);
  if (!student) {
    return;
  }
  const model::Student before = *student;
  const Draft typed{
      m_given->GetValue(), m_family->GetValue(), m_email->GetValue(), m_notes->GetValue(), {}};
  model::StudentChanges after, undo;
  wxString error;
  const std::string given = trimmed(typed.given), family = trimmed(typed.family);
  if (given.empty() && family.empty()) {
    error = _("A student needs a given name or a family name: type one to save the names.");
  } else {
    if (given != before.givenName) {
      after.givenName = given;
      undo.givenName = before.givenName;
    }
    if (family != before.familyName) {
      after.familyName = family;
      undo.familyName = before.familyName;
    }
  }
  const std::string email = trimmed(typed.email);
  if (email != before.email) {
    try {
      after.email = model::requireEmail(email);
      undo.email = before.email;
    } catch (const std::exception&) {
      error << (error.empty() ? "" : "\n")
            << wxString::Format(_("'%s' is not an e-mail address (name@school.org): correct "
                                  "it to save it."),
                                wxString::FromUTF8(email));
    }
  }
  const std::string notes = typed.notes.utf8_string();
  if (notes != before.notes) {
    after.notes = notes;
    undo.notes = before.notes;
  }
  if (error.empty()) {
    m_drafts.erase(before.id);
  } else {
    Draft draft = typed;
    draft.error = error;
    m_drafts[before.id] = draft;
  }
  m_error->SetLabel(error);
  m_error->Wrap(std::max(FromDIP(200), m_notes->GetSize().x));
  Layout();
  if (!after.givenName && !after.familyName && !after.email && !after.notes) {
    return;
  }
  auto& db = m_context.db;
  const std::string id = before.id;
  m_context.commands.Submit(new ModelCommand(
      _("Edit student"), [&db, id, after] { model::Students(db).update(id, after); },
      [&db, id, undo] { model::Students(db).update(id, undo); }, [this] { reload(); }));
}

} // namespace pupitre::gui
