// ClassListPanel: "New class from this one…" — the structure copied as one undoable step.
#include "class_list_panel.h"
#include "model_command.h"

#include "pupitre/model/assessments.h"
#include "pupitre/model/categories.h"
#include "pupitre/model/class_copy.h"
#include "pupitre/model/records.h"

#include <wx/cmdproc.h>
#include <wx/intl.h>
#include <wx/textdlg.h>

#include <memory>

namespace pupitre::gui {

void ClassListPanel::copyClass()
{
  const auto* c = selected();
  if (!c) {
    return;
  }
  wxTextEntryDialog dialog(
      this,
      wxString::Format(_("Name of the new class. It gets the categories, weights and assessments "
                         "of %s, without students or marks."),
                       wxString::FromUTF8(c->name)),
      _("New class from this one"), wxString::Format(_("%s (copy)"), wxString::FromUTF8(c->name)));
  if (dialog.ShowModal() == wxID_OK) {
    copyClass(dialog.GetValue().Trim().Trim(false).utf8_string());
  }
}

std::string ClassListPanel::copyClass(const std::string& name)
{
  const auto* c = selected();
  if (!c) {
    return {};
  }
  const std::string source = c->id;
  auto& db = m_context.db;
  // Every record the copy made, so Undo deletes and Redo restores them all.
  auto made = std::make_shared<std::vector<std::string>>();
  submit(
      _("New class from this one"),
      [&db, source, name, made] {
        if (!made->empty()) {
          model::restoreRecords(db, *made);
          return;
        }
        const std::string id = model::copyClassStructure(db, source, name);
        made->push_back(id);
        for (const auto& category : model::Categories(db).list(id)) {
          made->push_back(category.id);
        }
        for (const auto& assessment : model::Assessments(db).list(id)) {
          made->push_back(assessment.id);
        }
      },
      [&db, made] { model::deleteRecords(db, *made); });
  if (made->empty()) {
    return {};
  }
  select(made->front());
  return made->front();
}

} // namespace pupitre::gui
