// GradebookPanel: the column and category commands (add, edit, move, hide, weights).
#include "error_report.h"
#include "gradebook/assessment_dialog.h"
#include "gradebook/categories_dialog.h"
#include "gradebook/gradebook_panel.h"
#include "gradebook/gradebook_table.h"
#include "model_command.h"
#include "sync/sync_settings.h"

#include "pupitre/error.h"

#include "pupitre/model/records.h"

#include <wx/choicdlg.h>
#include <wx/cmdproc.h>
#include <wx/datetime.h>
#include <wx/intl.h>

#include <memory>

namespace pupitre::gui {

const model::Assessment* GradebookPanel::currentAssessment() const
{
  const auto* column = m_table->columnAt(m_grid->GetGridCursorCol());
  if (!column || column->kind != GradebookColumn::Kind::Assessment) {
    return nullptr;
  }
  return &m_table->data()->assessments[static_cast<std::size_t>(column->assessment)];
}

void GradebookPanel::submitReload(const wxString& name, std::function<void()> doIt,
                                  std::function<void()> undoIt)
{
  m_context.commands.Submit(
      new ModelCommand(name, std::move(doIt), std::move(undoIt), [this] { reload(); }));
}

void GradebookPanel::addAssessment()
{
  if (m_shownClass.empty()) {
    return;
  }
  const auto& data = *m_table->data();
  model::Assessment draft;
  draft.classId = m_shownClass;
  draft.date = wxDateTime::Today().FormatISODate().utf8_string();
  if (const auto* current = currentAssessment()) {
    draft.categoryId = current->categoryId;
  }
  draft.position = data.assessments.empty() ? 1 : data.assessments.back().position + 1;
  // The scale and pass mark of Settings → Grading.
  try {
    draft.scale = gradingDefaults(m_context.db).toScale();
  } catch (const ValidationError&) {
    // a setting written by hand that is no scale: the built-in 0..10
  }
  AssessmentDialog dialog(this, _("New assessment"), draft, data.categories, data.terms);
  if (dialog.ShowModal() == wxID_OK) { // OK closes it only when every field is right
    model::Assessment a;
    if (!reportErrors(this, [&] { a = dialog.assessment(); })) {
      return;
    }
    auto id = std::make_shared<std::string>();
    auto& db = m_context.db;
    submitReload(
        _("Add assessment"), [&db, a, id] { *id = model::Assessments(db).create(a); },
        [&db, id] { model::Assessments(db).remove(*id); });
    m_cursorToColumn = *id; // the new column gets the cursor once the reload shows it
    return;
  }
}

void GradebookPanel::editAssessment()
{
  const auto* current = currentAssessment();
  if (!current) {
    return;
  }
  const model::Assessment before = *current;
  const auto& data = *m_table->data();
  std::vector<store::Value> marks; // a new scale must still fit them
  const int column = m_table->columnAt(m_grid->GetGridCursorCol())->assessment;
  for (std::size_t s = 0; s < data.students.size(); ++s) {
    if (const auto& mark = data.mark(static_cast<int>(s), column)) {
      marks.push_back(mark->value);
    }
  }
  AssessmentDialog dialog(this, _("Edit assessment"), before, data.categories, data.terms,
                          std::move(marks));
  if (dialog.ShowModal() == wxID_OK) { // OK closes it only when every field is right
    model::Assessment after;
    if (!reportErrors(this, [&] { after = dialog.assessment(); })) {
      return;
    }
    auto& db = m_context.db;
    auto changesOf = [](const model::Assessment& a) {
      return model::AssessmentChanges{a.categoryId, a.name, a.date, a.weight,
                                      a.scale,      {},     {},     a.termId};
    };
    submitReload(
        _("Edit assessment"),
        [&db, after, changesOf] { model::Assessments(db).update(after.id, changesOf(after)); },
        [&db, before, changesOf] { model::Assessments(db).update(before.id, changesOf(before)); });
    return;
  }
}

void GradebookPanel::moveColumn(int delta)
{
  const auto* current = currentAssessment();
  const int col = m_grid->GetGridCursorCol();
  const auto* neighbour = m_table->columnAt(col + delta);
  if (!current || !neighbour || neighbour->kind != GradebookColumn::Kind::Assessment ||
      neighbour->categoryId != m_table->columnAt(col)->categoryId ||
      neighbour->termId != m_table->columnAt(col)->termId) {
    return; // moves stay within the category's group (and the term's)
  }
  const auto& other = m_table->data()->assessments[static_cast<std::size_t>(neighbour->assessment)];
  const std::string a = current->id, b = other.id;
  const double pa = current->position, pb = other.position;
  // Equal positions: place the moved column just past its neighbour.
  const double newA = pa != pb ? pb : pb + 0.5 * delta;
  const double newB = pa != pb ? pa : pb;
  auto& db = m_context.db;
  auto setPositions = [&db, a, b](double x, double y) {
    model::AssessmentChanges ca, cb;
    ca.position = x;
    cb.position = y;
    model::Assessments(db).update(a, ca);
    model::Assessments(db).update(b, cb);
  };
  submitReload(
      _("Move column"), [setPositions, newA, newB] { setPositions(newA, newB); },
      [setPositions, pa, pb] { setPositions(pa, pb); });
  m_grid->SetGridCursor(m_grid->GetGridCursorRow(), col + delta);
}

void GradebookPanel::hideColumn()
{
  const auto* current = currentAssessment();
  if (!current) {
    return;
  }
  auto& db = m_context.db;
  const std::string id = current->id;
  auto setVisible = [&db, id](bool visible) {
    model::AssessmentChanges changes;
    changes.visible = visible;
    model::Assessments(db).update(id, changes);
  };
  submitReload(
      _("Hide column"), [setVisible] { setVisible(false); }, [setVisible] { setVisible(true); });
}

void GradebookPanel::showHiddenColumns()
{
  const auto& data = *m_table->data();
  std::vector<std::string> hidden;
  wxArrayString names;
  for (const auto& a : data.assessments) {
    if (!a.visible) {
      hidden.push_back(a.id);
      names.Add(wxString::FromUTF8(a.name));
    }
  }
  if (hidden.empty()) {
    showError(this, _("No column of this class is hidden."));
    return;
  }
  wxMultiChoiceDialog dialog(this, _("Show these columns again:"), _("Hidden columns"), names);
  if (dialog.ShowModal() != wxID_OK) {
    return;
  }
  std::vector<std::string> chosen;
  for (int i : dialog.GetSelections()) {
    chosen.push_back(hidden[static_cast<std::size_t>(i)]);
  }
  auto& db = m_context.db;
  auto setVisible = [&db, chosen](bool visible) {
    model::AssessmentChanges changes;
    changes.visible = visible;
    for (const auto& id : chosen) {
      model::Assessments(db).update(id, changes);
    }
  };
  submitReload(
      _("Show columns"), [setVisible] { setVisible(true); }, [setVisible] { setVisible(false); });
}

void GradebookPanel::editCategories()
{
  if (m_shownClass.empty()) {
    return;
  }
  CategoriesDialog dialog(this, m_table->data()->categories);
  while (dialog.ShowModal() == wxID_OK) {
    std::vector<model::Category> after;
    if (!reportErrors(this, [&] { after = dialog.categories(); })) {
      continue;
    }
    applyCategories(after, dialog.removed());
    return;
  }
}

void GradebookPanel::applyCategories(const std::vector<model::Category>& after,
                                     const std::vector<std::string>& removed)
{
  if (m_shownClass.empty()) {
    return;
  }
  const auto before = m_table->data()->categories;
  auto& db = m_context.db;
  const std::string classId = m_shownClass;
  auto created = std::make_shared<std::vector<std::string>>();
  submitReload(
      _("Edit categories"),
      [&db, after, removed, classId, created] {
        model::Categories categories(db);
        created->clear();
        for (const auto& id : removed) {
          categories.remove(id);
        }
        for (auto c : after) {
          if (c.id.empty()) {
            c.classId = classId;
            created->push_back(categories.create(c));
          } else {
            categories.update(c.id, {c.name, c.weight});
          }
        }
      },
      [&db, before, removed, created] {
        model::Categories categories(db);
        for (const auto& id : *created) {
          categories.remove(id);
        }
        for (const auto& id : removed) {
          model::restoreRecord(db, id);
        }
        for (const auto& c : before) {
          categories.update(c.id, {c.name, c.weight});
        }
      });
}

void GradebookPanel::setCategoryWeight(const std::string& categoryId, double weight)
{
  const auto* category = m_table->data()->category(categoryId);
  if (!category) {
    return;
  }
  const double before = category->weight;
  auto& db = m_context.db;
  auto setWeight = [&db, categoryId](double w) {
    model::CategoryChanges changes;
    changes.weight = w;
    model::Categories(db).update(categoryId, changes);
  };
  submitReload(
      _("Change category weight"), [setWeight, weight] { setWeight(weight); },
      [setWeight, before] { setWeight(before); });
}

} // namespace pupitre::gui
