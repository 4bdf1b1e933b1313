#include "gradebook/assessment_dialog.h"

#include "dates.h"
#include "local_numbers.h"

#include "pupitre/error.h"

#include <wx/button.h>
#include <wx/calctrl.h>
#include <wx/choice.h>
#include <wx/intl.h>
#include <wx/sizer.h>
#include <wx/stattext.h>
#include <wx/textctrl.h>

namespace pupitre::gui {

namespace {

std::optional<double> number(const wxTextCtrl* field)
{
  return typedNumber(field->GetValue());
}

} // namespace

AssessmentDialog::AssessmentDialog(wxWindow* parent, const wxString& title,
                                   const model::Assessment& assessment,
                                   std::vector<model::Category> categories,
                                   std::vector<model::Term> terms,
                                   std::vector<store::Value> marks)
    : wxDialog(parent, wxID_ANY, title), m_original(assessment),
      m_categories(std::move(categories)), m_terms(std::move(terms)), m_marks(std::move(marks))
{
  m_grid = new wxFlexGridSizer(2, FromDIP(wxSize(8, 2)));
  m_grid->AddGrowableCol(1);
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
  m_date = new wxTextCtrl(this, wxID_ANY, shownDate(assessment.date));
  m_date->SetHint(wxDateTime::Today().Format(dateFormat()));
  m_date->SetToolTip(wxString::Format(_("As %s or 2026-12-04; or pick it from the calendar."),
                                      wxDateTime::Today().Format(dateFormat())));
  m_pickDate = new wxButton(this, wxID_ANY, _("Ca&lendar…"), wxDefaultPosition, wxDefaultSize,
                            wxBU_EXACTFIT);
  m_pickDate->Bind(wxEVT_BUTTON, [this](wxCommandEvent&) { pickDate(); });
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
  m_weight = new wxTextCtrl(this, wxID_ANY, localNumber(assessment.weight));
  const auto& scale = assessment.scale;
  m_min = new wxTextCtrl(this, wxID_ANY, localNumber(scale.min));
  m_max = new wxTextCtrl(this, wxID_ANY, localNumber(scale.max));
  m_pass = new wxTextCtrl(this, wxID_ANY, localNumber(scale.passMark));
  m_symbols = new wxTextCtrl(this, wxID_ANY,
                             scale.kind == model::Scale::Kind::Symbols
                                 ? wxString::FromUTF8(scale.symbolsText())
                                 : wxString());
  m_symbols->SetHint(_("A=10;B=8;C=6;D=4;F=0 (empty: numeric)"));
  addRow(_("&Name:"), m_name);
  addRow(_("&Category:"), m_category);
  addRow(_("&Date:"), m_date, m_pickDate);
  addRow(_("&Term:"), m_term);
  addRow(_("&Weight:"), m_weight);
  addRow(_("Lowest mark:"), m_min);
  addRow(_("Highest mark:"), m_max);
  addRow(_("&Pass mark:"), m_pass);
  addRow(_("&Symbols:"), m_symbols);

  auto* top = new wxBoxSizer(wxVERTICAL);
  top->Add(m_grid, 1, wxEXPAND | wxALL, FromDIP(12));
  top->Add(CreateStdDialogButtonSizer(wxOK | wxCANCEL), 0, wxEXPAND | wxALL, FromDIP(8));
  SetSizerAndFit(top);
  SetSize(FromDIP(wxSize(460, -1)));
  // OK closes only when every field is right; otherwise the dialog stays as typed.
  Bind(
      wxEVT_BUTTON,
      [this](wxCommandEvent& e) {
        if (check()) {
          e.Skip();
        }
      },
      wxID_OK);
  m_name->SetFocus();
}

void AssessmentDialog::addRow(const wxString& label, wxWindow* field, wxWindow* extra)
{
  m_grid->Add(new wxStaticText(this, wxID_ANY, label), 0, wxALIGN_CENTRE_VERTICAL);
  if (extra) {
    auto* line = new wxBoxSizer(wxHORIZONTAL);
    line->Add(field, 1, wxEXPAND);
    line->Add(extra, 0, wxLEFT, FromDIP(4));
    m_grid->Add(line, 1, wxEXPAND);
  } else {
    m_grid->Add(field, 1, wxEXPAND);
  }
  // The row below the field: its message when it is wrong (hidden otherwise).
  auto* message = new wxStaticText(this, wxID_ANY, {});
  message->SetForegroundColour(wxColour(0xB0, 0x00, 0x20));
  message->Hide();
  m_grid->AddSpacer(0);
  m_grid->Add(message, 0, wxEXPAND | wxBOTTOM, FromDIP(4));
  m_errors.emplace_back(field, message);
}

wxString AssessmentDialog::errorOf(wxWindow* field) const
{
  for (const auto& [f, message] : m_errors) {
    if (f == field) {
      return message->GetLabel();
    }
  }
  return {};
}

void AssessmentDialog::showError(wxWindow* field, const wxString& message)
{
  for (const auto& [f, label] : m_errors) {
    if (f == field) {
      label->SetLabel(message);
      label->Wrap(FromDIP(300));
      label->Show(!message.empty());
    }
  }
}

bool AssessmentDialog::check()
{
  for (const auto& [field, label] : m_errors) {
    showError(field, {});
  }
  wxWindow* first = nullptr;
  auto fail = [&](wxWindow* field, const wxString& message) {
    showError(field, message);
    if (!first) {
      first = field;
    }
  };
  if (wxString(m_name->GetValue()).Trim().Trim(false).empty()) {
    fail(m_name, _("Give the assessment a name."));
  }
  const wxString date = wxString(m_date->GetValue()).Trim().Trim(false);
  if (!date.empty() && !typedDate(date)) {
    fail(m_date, wxString::Format(_("'%s' is not a date: type it as %s or 2026-12-04, or pick "
                                    "it from the calendar."),
                                  date, wxDateTime::Today().Format(dateFormat())));
  }
  const auto weight = number(m_weight);
  if (!weight || *weight < 0) {
    fail(m_weight, _("The weight must be a number of 0 or more (1 counts once, 2 twice)."));
  }
  const wxString symbols = wxString(m_symbols->GetValue()).Trim().Trim(false);
  std::optional<model::Scale> scale;
  wxWindow* scaleField = symbols.empty() ? m_max : m_symbols;
  const auto pass = number(m_pass);
  if (!pass) {
    fail(m_pass, _("The pass mark must be a number."));
  } else if (symbols.empty()) {
    const auto min = number(m_min), max = number(m_max);
    if (!min) {
      fail(m_min, _("The lowest mark must be a number."));
    }
    if (!max) {
      fail(m_max, _("The highest mark must be a number."));
    }
    if (min && max) {
      try {
        scale = model::Scale::numeric(*min, *max, *pass);
      } catch (const std::exception&) {
        fail(*min < *max ? m_pass : m_max,
             *min < *max ? wxString::Format(_("The pass mark must lie between %s and %s."),
                                            localNumber(*min), localNumber(*max))
                         : _("The highest mark must be above the lowest."));
      }
    }
  } else {
    try {
      scale = model::Scale::fromSymbols(symbols.utf8_string(), *pass);
    } catch (const std::exception& e) {
      fail(m_symbols, wxString::FromUTF8(e.what()));
    }
  }
  if (scale) {
    for (const auto& mark : m_marks) {
      if (!store::isNull(mark) && !scale->fits(mark)) {
        fail(scaleField, wxString::Format(_("%s, a mark already given, is outside this scale: "
                                            "widen the scale or change that mark first."),
                                          localValue(mark)));
        break;
      }
    }
  }
  Layout();
  Fit();
  SetSize(wxSize(std::max(GetSize().x, FromDIP(460)), GetSize().y));
  if (first) {
    first->SetFocus();
  }
  return first == nullptr;
}

void AssessmentDialog::pickDate()
{
  wxDialog picker(this, wxID_ANY, _("Pick the date"));
  wxDateTime date = wxDateTime::Today();
  if (const auto typed = typedDate(m_date->GetValue())) {
    date.ParseISODate(wxString::FromUTF8(*typed));
  }
  auto* calendar = new wxCalendarCtrl(&picker, wxID_ANY, date);
  calendar->Bind(wxEVT_CALENDAR_DOUBLECLICKED,
                 [&picker](wxCalendarEvent&) { picker.EndModal(wxID_OK); });
  auto* sizer = new wxBoxSizer(wxVERTICAL);
  sizer->Add(calendar, 1, wxEXPAND | wxALL, FromDIP(8));
  sizer->Add(picker.CreateStdDialogButtonSizer(wxOK | wxCANCEL), 0, wxEXPAND | wxALL, FromDIP(8));
  picker.SetSizerAndFit(sizer);
  if (picker.ShowModal() == wxID_OK) {
    m_date->ChangeValue(calendar->GetDate().Format(dateFormat()));
    showError(m_date, {});
  }
}

model::Assessment AssessmentDialog::assessment() const
{
  model::Assessment a = m_original;
  a.name = wxString(m_name->GetValue()).Trim().Trim(false).utf8_string();
  const int category = m_category->GetSelection();
  a.categoryId =
      category > 0 ? m_categories[static_cast<std::size_t>(category - 1)].id : std::string{};
  const wxString date = wxString(m_date->GetValue()).Trim().Trim(false);
  const auto iso = typedDate(date);
  if (!date.empty() && !iso) {
    throw ValidationError("'" + date.utf8_string() + "' is not a date.");
  }
  a.date = iso.value_or("");
  const int term = m_term->GetSelection();
  a.termId = term > 0 ? m_terms[static_cast<std::size_t>(term - 1)].id : std::string{};
  const auto need = [](const std::optional<double>& n, const char* what) {
    if (!n) {
      throw ValidationError(std::string(what) + " must be a number.");
    }
    return *n;
  };
  a.weight = need(number(m_weight), "The weight");
  const wxString symbols = wxString(m_symbols->GetValue()).Trim().Trim(false);
  if (symbols.empty()) {
    a.scale = model::Scale::numeric(need(number(m_min), "The lowest mark"),
                                    need(number(m_max), "The highest mark"),
                                    need(number(m_pass), "The pass mark"));
  } else {
    a.scale =
        model::Scale::fromSymbols(symbols.utf8_string(), need(number(m_pass), "The pass mark"));
  }
  return a;
}

} // namespace pupitre::gui
