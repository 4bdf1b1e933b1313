#include "gradebook/assessment_dialog.h"

#include "local_numbers.h"

#include "pupitre/error.h"
#include "pupitre/store/value.h"

#include <wx/choice.h>
#include <wx/intl.h>
#include <wx/sizer.h>
#include <wx/stattext.h>
#include <wx/textctrl.h>

namespace pupitre::gui {

namespace {

double number(const wxTextCtrl* field, const wxString& what)
{
  const auto value = typedNumber(field->GetValue());
  if (!value) {
    throw ValidationError((wxString::Format(_("%s must be a number."), what)).utf8_string());
  }
  return *value;
}

wxString text(double value)
{
  return localNumber(value);
}

} // namespace

AssessmentDialog::AssessmentDialog(wxWindow* parent, const wxString& title,
                                   const model::Assessment& assessment,
                                   std::vector<model::Category> categories,
                                   std::vector<model::Term> terms)
    : wxDialog(parent, wxID_ANY, title), m_original(assessment),
      m_categories(std::move(categories)), m_terms(std::move(terms))
{
  auto* grid = new wxFlexGridSizer(2, FromDIP(wxSize(8, 6)));
  grid->AddGrowableCol(1);
  auto row = [&](const wxString& label, wxWindow* field) {
    grid->Add(new wxStaticText(this, wxID_ANY, label), 0, wxALIGN_CENTRE_VERTICAL);
    grid->Add(field, 1, wxEXPAND);
  };
  m_name = new wxTextCtrl(this, wxID_ANY, wxString::FromUTF8(assessment.name));
  m_category = new wxChoice(this, wxID_ANY);
  m_category->Append(_("(no category)"));
  int selected = 0;
  for (std::size_t i = 0; i < m_categories.size(); ++i) {
    m_category->Append(wxString::FromUTF8(m_categories[i].name));
    if (m_categories[i].id == assessment.categoryId) {
      selected = static_cast<int>(i) + 1;
    }
  }
  m_category->SetSelection(selected);
  m_date = new wxTextCtrl(this, wxID_ANY, wxString::FromUTF8(assessment.date));
  m_date->SetHint(_("YYYY-MM-DD"));
  m_term = new wxChoice(this, wxID_ANY, wxDefaultPosition, wxDefaultSize, 0, nullptr, 0,
                        wxDefaultValidator, "assessment_term");
  m_term->Append(_("By date"));
  int termSelected = 0;
  for (std::size_t i = 0; i < m_terms.size(); ++i) {
    m_term->Append(wxString::FromUTF8(m_terms[i].name));
    if (m_terms[i].id == assessment.termId) {
      termSelected = static_cast<int>(i) + 1;
    }
  }
  m_term->SetSelection(termSelected);
  m_weight = new wxTextCtrl(this, wxID_ANY, text(assessment.weight));
  const auto& scale = assessment.scale;
  m_min = new wxTextCtrl(this, wxID_ANY, text(scale.min));
  m_max = new wxTextCtrl(this, wxID_ANY, text(scale.max));
  m_pass = new wxTextCtrl(this, wxID_ANY, text(scale.passMark));
  m_symbols = new wxTextCtrl(this, wxID_ANY,
                             scale.kind == model::Scale::Kind::Symbols
                                 ? wxString::FromUTF8(scale.symbolsText())
                                 : wxString());
  m_symbols->SetHint(_("A=10;B=8;C=6;D=4;F=0 (empty: numeric)"));
  row(_("&Name:"), m_name);
  row(_("&Category:"), m_category);
  row(_("&Date:"), m_date);
  row(_("&Term:"), m_term);
  row(_("&Weight:"), m_weight);
  row(_("Lowest mark:"), m_min);
  row(_("Highest mark:"), m_max);
  row(_("&Pass mark:"), m_pass);
  row(_("&Symbols:"), m_symbols);

  auto* top = new wxBoxSizer(wxVERTICAL);
  top->Add(grid, 1, wxEXPAND | wxALL, FromDIP(12));
  top->Add(CreateStdDialogButtonSizer(wxOK | wxCANCEL), 0, wxEXPAND | wxALL, FromDIP(8));
  SetSizerAndFit(top);
  SetSize(FromDIP(wxSize(420, -1)));
  m_name->SetFocus();
}

model::Assessment AssessmentDialog::assessment() const
{
  model::Assessment a = m_original;
  a.name = m_name->GetValue().Trim().Trim(false).utf8_string();
  const int category = m_category->GetSelection();
  a.categoryId =
      category > 0 ? m_categories[static_cast<std::size_t>(category - 1)].id : std::string{};
  a.date = m_date->GetValue().Trim().Trim(false).utf8_string();
  const int term = m_term->GetSelection();
  a.termId = term > 0 ? m_terms[static_cast<std::size_t>(term - 1)].id : std::string{};
  a.weight = number(m_weight, _("The weight"));
  const wxString symbols = m_symbols->GetValue().Trim().Trim(false);
  if (symbols.empty()) {
    a.scale = model::Scale::numeric(number(m_min, _("The lowest mark")),
                                    number(m_max, _("The highest mark")),
                                    number(m_pass, _("The pass mark")));
  } else {
    a.scale = model::Scale::fromSymbols(symbols.utf8_string(), number(m_pass, _("The pass mark")));
  }
  return a;
}

} // namespace pupitre::gui
