#pragma once
// Adds or edits an assessment (a gradebook column): name, category, date, term, weight, scale.
// OK checks everything in the dialog: a field that is wrong says why right below it and the
// dialog stays open with all that was typed (a date in the locale's form or ISO, or picked
// from the calendar next to it).
#include "pupitre/model/assessments.h"
#include "pupitre/model/categories.h"
#include "pupitre/model/terms.h"
#include "pupitre/store/value.h"

#include <wx/dialog.h>

#include <vector>

class wxButton;
class wxChoice;
class wxFlexGridSizer;
class wxStaticText;
class wxTextCtrl;

namespace pupitre::gui {

class AssessmentDialog : public wxDialog
{
public:
  // `marks`: the values already given in this column, which a new scale must still fit.
  AssessmentDialog(wxWindow* parent, const wxString& title, const model::Assessment& assessment,
                   std::vector<model::Category> categories, std::vector<model::Term> terms = {},
                   std::vector<store::Value> marks = {});
  // The assessment as filled in. Throws ValidationError when a field is wrong (OK has already
  // said which).
  model::Assessment assessment() const;

  // For tests: the fields, and the message shown below `field` ("" when none).
  wxTextCtrl* nameField() const { return m_name; }
  wxChoice* categoryField() const { return m_category; }
  wxTextCtrl* dateField() const { return m_date; }
  wxButton* calendarButton() const { return m_pickDate; }
  wxString errorOf(wxWindow* field) const;
  // What OK does before closing: true when every field is right.
  bool check();

private:
  void addRow(const wxString& label, wxWindow* field, wxWindow* extra = nullptr);
  void showError(wxWindow* field, const wxString& message);
  void pickDate();

  model::Assessment m_original;
  std::vector<model::Category> m_categories;
  std::vector<model::Term> m_terms;
  std::vector<store::Value> m_marks;
  wxFlexGridSizer* m_grid;
  wxTextCtrl* m_name;
  wxChoice* m_category;
  wxTextCtrl* m_date;
  wxButton* m_pickDate;
  wxChoice* m_term; // "By date" or one of m_terms
  wxTextCtrl* m_weight;
  wxTextCtrl* m_min;
  wxTextCtrl* m_max;
  wxTextCtrl* m_pass;
  wxTextCtrl* m_symbols;
  std::vector<std::pair<wxWindow*, wxStaticText*>> m_errors; // field -> its message
};

} // namespace pupitre::gui
