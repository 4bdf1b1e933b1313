// StudentsPanel: importing a class list (panels/roster_import_dialog.h) as one undoable step.
#include "model_command.h"
#include "panels/roster_import_dialog.h"
#include "panels/students_panel.h"

#include "pupitre/model/classes.h"
#include "pupitre/model/records.h"

#include <wx/clipbrd.h>
#include <wx/cmdproc.h>
#include <wx/frame.h>
#include <wx/intl.h>

#include <memory>

namespace pupitre::gui {

wxString clipboardText()
{
  wxString text;
  if (wxTheClipboard->Open()) {
    if (wxTheClipboard->IsSupported(wxDF_UNICODETEXT)) {
      wxTextDataObject data;
      wxTheClipboard->GetData(data);
      text = data.GetText();
    }
    wxTheClipboard->Close();
  }
  return text;
}

void StudentsPanel::importStudents(const wxString& pasted)
{
  if (m_classId.empty()) {
    return;
  }
  const auto schoolClass = model::Classes(m_context.db).get(m_classId);
  RosterImportDialog dialog(this, m_classId, wxString::FromUTF8(schoolClass.name),
                            model::Students(m_context.db).list(m_classId));
  if (!pasted.empty()) {
    dialog.setPastedText(pasted);
  }
  if (dialog.ShowModal() == wxID_OK) {
    createStudents(dialog.chosen());
  }
}

std::vector<std::string> StudentsPanel::createStudents(const std::vector<model::Student>& students)
{
  if (students.empty()) {
    return {};
  }
  auto ids = std::make_shared<std::vector<std::string>>();
  auto& db = m_context.db;
  const wxString name = wxString::Format(
      wxPLURAL("Import %zu student", "Import %zu students", students.size()), students.size());
  m_context.commands.Submit(new ModelCommand(
      name,
      [&db, students, ids] {
        if (ids->empty()) {
          *ids = model::Students(db).createAll(students);
        } else {
          model::restoreRecords(db, *ids); // Redo: the same students come back
        }
      },
      [&db, ids] { model::deleteRecords(db, *ids); }, [this] { reload(); }));
  if (auto* frame = dynamic_cast<wxFrame*>(wxGetTopLevelParent(this)); frame && !ids->empty()) {
    frame->SetStatusText(wxString::Format(wxPLURAL("%zu student imported. Edit > Undo removes "
                                                   "them again.",
                                                   "%zu students imported. Edit > Undo removes "
                                                   "them again.",
                                                   ids->size()),
                                          ids->size()));
  }
  if (!ids->empty()) {
    select(ids->front());
  }
  return *ids;
}

} // namespace pupitre::gui
