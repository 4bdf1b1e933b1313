// GradebookPanel: terms — which one is shown, the teacher's own final mark, the Terms dialog.
#include "error_report.h"
#include "gradebook/gradebook_panel.h"
#include "gradebook/gradebook_table.h"
#include "gradebook/terms_dialog.h"
#include "local_numbers.h"
#include "model_command.h"
#include "reports/comments_dialog.h"
#include "worker.h"

#include "pupitre/error.h"
#include "pupitre/model/classes.h"
#include "pupitre/model/final_marks.h"
#include "pupitre/model/records.h"

#include <wx/cmdproc.h>
#include <wx/intl.h>

#include <algorithm>
#include <memory>

namespace pupitre::gui {

namespace {

const char* const kPeriodSetting = "gradebook.period."; // + class id: the term shown

} // namespace

void GradebookPanel::fillPeriodChoice()
{
  const auto& data = *m_table->data();
  m_periodChoice->Freeze();
  m_periodChoice->Clear();
  m_periodChoice->Append(_("Whole year"));
  int selected = 0;
  for (std::size_t i = 0; i < data.terms.size(); ++i) {
    m_periodChoice->Append(wxString::FromUTF8(data.terms[i].name));
    if (data.terms[i].id == data.period) {
      selected = static_cast<int>(i) + 1;
    }
  }
  m_periodChoice->SetSelection(selected);
  m_periodChoice->Enable(!data.classId.empty());
  m_periodChoice->Thaw();
  // Column labels of the whole year name the term too: one more line.
  const bool byTerm = data.yearView() && !data.terms.empty();
  m_grid->SetColLabelSize(FromDIP(byTerm ? 78 : 60));
  Layout();
}

void GradebookPanel::rememberPeriod(const std::string& classId, const std::string& termId)
{
  m_periods[classId] = termId;
  m_context.worker.run<bool>(
      [classId, termId](store::Database& db) {
        db.setSetting(kPeriodSetting + classId, termId);
        return true;
      },
      [](bool&) {});
}

void GradebookPanel::showPeriod(const std::string& termId)
{
  auto data = m_table->data();
  if (m_shownClass.empty() || (!termId.empty() && !data->term(termId))) {
    return;
  }
  const Place where = place();
  data->showPeriod(termId);
  data->sortRows(m_order);
  rememberPeriod(m_shownClass, data->period);
  showData(data);
  restore(where);
  if (m_grid->GetGridCursorCol() >= m_grid->GetNumberCols() && m_grid->GetNumberCols() > 0) {
    m_grid->SetGridCursor(std::max(0, m_grid->GetGridCursorRow()), 0);
  }
}

void GradebookPanel::stepPeriod()
{
  const auto& data = *m_table->data();
  if (data.terms.empty()) {
    return;
  }
  // The whole year, then each term in turn, then the whole year again.
  std::size_t next = 0;
  for (std::size_t i = 0; i < data.terms.size(); ++i) {
    if (data.terms[i].id == data.period) {
      next = i + 1;
    }
  }
  showPeriod(next < data.terms.size() && (next > 0 || data.yearView()) ? data.terms[next].id
                                                                       : std::string{});
}

void GradebookPanel::editReportComment()
{
  const auto data = m_table->data();
  const int student = m_table->studentAt(m_grid->GetGridCursorRow());
  if (!data || student < 0 || student >= static_cast<int>(data->students.size())) {
    return;
  }
  editReportComments(this, m_context.db, m_context.commands, data->classId, data->period,
                     data->students[static_cast<std::size_t>(student)].id);
}

void GradebookPanel::setFinal(int student, const wxString& typed)
{
  const auto& data = *m_table->data();
  if (student < 0 || student >= static_cast<int>(data.students.size())) {
    return;
  }
  const std::string classId = data.classId;
  const std::string studentId = data.students[static_cast<std::size_t>(student)].id;
  const std::optional<double> before = data.reports[static_cast<std::size_t>(student)].teacherFinal;
  wxString text = typed;
  text.Trim().Trim(false);
  std::optional<double> after;
  if (!text.empty()) {
    after = typedNumber(text);
    if (!after) {
      showError(this, wxString::Format(_("'%s' is not a mark; type a number such as 7.5, or "
                                         "press Delete to use the computed final."),
                                       text));
      return;
    }
  }
  if (after == before) {
    return;
  }
  auto& db = m_context.db;
  auto apply = [&db, classId, studentId](const std::optional<double>& value) {
    if (value) {
      model::FinalMarks(db).set(classId, studentId, *value);
    } else {
      model::FinalMarks(db).clear(classId, studentId);
    }
  };
  m_context.commands.Submit(new ModelCommand(
      after ? _("Set final mark") : _("Use computed final mark"), [apply, after] { apply(after); },
      [apply, before] { apply(before); },
      [this, studentId] {
        m_table->data()->refreshFinal(m_context.db, studentId);
        m_grid->ForceRefresh();
      }));
}

void GradebookPanel::editTerms()
{
  if (m_shownClass.empty()) {
    return;
  }
  const auto& data = *m_table->data();
  TermsDialog dialog(this, data.terms, data.finalMode);
  if (dialog.ShowModal() != wxID_OK) {
    return;
  }
  std::vector<model::Term> after;
  if (reportErrors(this, [&] { after = dialog.terms(); })) {
    applyTerms(after, dialog.removed(), dialog.finalMode());
  }
}

void GradebookPanel::applyTerms(const std::vector<model::Term>& after,
                                const std::vector<std::string>& removed, model::FinalMode mode)
{
  if (m_shownClass.empty()) {
    return;
  }
  const auto before = m_table->data()->terms;
  const model::FinalMode modeBefore = m_table->data()->finalMode;
  auto& db = m_context.db;
  const std::string classId = m_shownClass;
  auto created = std::make_shared<std::vector<std::string>>();
  auto changesOf = [](const model::Term& t) {
    return model::TermChanges{t.name, t.start, t.end, t.position, t.weight};
  };
  auto setMode = [&db, classId](model::FinalMode m) {
    model::ClassChanges changes;
    changes.finalMode = m;
    model::Classes(db).update(classId, changes);
  };
  submitReload(
      _("Edit terms"),
      [&db, after, removed, classId, created, changesOf, setMode, mode, modeBefore] {
        model::Terms terms(db);
        created->clear();
        for (const auto& id : removed) {
          terms.remove(id);
        }
        for (auto t : after) {
          if (t.id.empty()) {
            t.classId = classId;
            created->push_back(terms.create(t));
          } else {
            terms.update(t.id, changesOf(t));
          }
        }
        if (mode != modeBefore) {
          setMode(mode);
        }
      },
      [&db, before, removed, created, changesOf, setMode, mode, modeBefore] {
        model::Terms terms(db);
        for (const auto& id : *created) {
          terms.remove(id);
        }
        for (const auto& id : removed) {
          model::restoreRecord(db, id);
        }
        for (const auto& t : before) {
          terms.update(t.id, changesOf(t));
        }
        if (mode != modeBefore) {
          setMode(modeBefore);
        }
      });
}

} // namespace pupitre::gui
