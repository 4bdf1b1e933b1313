#pragma once
// Adds or edits an assessment (a gradebook column): name, category, date, term, weight, scale.
#include "pupitre/model/assessments.h"
#include "pupitre/model/categories.h"
#include "pupitre/model/terms.h"

#include <wx/dialog.h>

#include <vector>

class wxChoice;
class wxTextCtrl;

namespace pupitre::gui {

class AssessmentDialog : public wxDialog
{
public:
  AssessmentDialog(wxWindow* parent, const wxString& title, const model::Assessment& assessment,
                   std::vector<model::Category> categories, std::vector<model::Term> terms = {});
  // The assessment as filled in. Throws ValidationError for numbers that are not numbers.
  model::Assessment assessment() const;

private:
  model::Assessment m_original;
  std::vector<model::Category> m_categories;
  std::vector<model::Term> m_terms;
  wxTextCtrl* m_name;
  wxChoice* m_category;
  wxTextCtrl* m_date;
  wxChoice* m_term; // "By date" or one of m_terms
  wxTextCtrl* m_weight;
  wxTextCtrl* m_min;
  wxTextCtrl* m_max;
  wxTextCtrl* m_pass;
  wxTextCtrl* m_symbols;
};

} // namespace pupitre::gui
