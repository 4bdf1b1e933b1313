// Settings, Grading defaults: the scale, pass mark and rounding new assessments start from.
#include "sync/settings_pages.h"
#include "sync/sync_settings.h"

#include "pupitre/error.h"

#include <wx/choice.h>
#include <wx/intl.h>
#include <wx/sizer.h>
#include <wx/spinctrl.h>
#include <wx/stattext.h>

#include <cmath>

namespace pupitre::gui {
namespace {

constexpr double kRoundings[] = {0.01, 0.1, 0.25, 0.5, 1};

class GradingPage : public SettingsPagePanel
{
public:
  GradingPage(wxWindow* parent, store::Database& db)
      : SettingsPagePanel(parent), m_db(db), m_choices(scaleChoices())
  {
    const int gap = FromDIP(8);
    const int border = FromDIP(12);
    auto* top = new wxBoxSizer(wxVERTICAL);
    top->Add(new wxStaticText(this, wxID_ANY,
                              _("New assessments start with these; each assessment can change "
                                "them.")),
             wxSizerFlags().Border(wxALL, border));
    auto* form = new wxFlexGridSizer(2, gap, gap);
    auto label = [this, form](const wxString& text) {
      form->Add(new wxStaticText(this, wxID_ANY, text), wxSizerFlags().CentreVertical());
    };
    label(_("Scale:"));
    m_scale = new wxChoice(this, wxID_ANY, wxDefaultPosition, wxDefaultSize, 0, nullptr, 0,
                           wxDefaultValidator, "grading_scale");
    form->Add(m_scale, wxSizerFlags().Expand());
    label(_("Pass mark:"));
    m_passMark = new wxSpinCtrlDouble(this, wxID_ANY, {}, wxDefaultPosition, wxDefaultSize,
                                      wxSP_ARROW_KEYS, 0, 10, 5, 0.5, "grading_pass_mark");
    m_passMark->SetDigits(2);
    form->Add(m_passMark);
    label(_("Round averages to:"));
    m_rounding = new wxChoice(this, wxID_ANY, wxDefaultPosition, wxDefaultSize, 0, nullptr, 0,
                              wxDefaultValidator, "grading_rounding");
    m_rounding->Append(_("0.01 (two decimals)"));
    m_rounding->Append(_("0.1 (one decimal)"));
    m_rounding->Append(_("0.25 (quarter points)"));
    m_rounding->Append(_("0.5 (half points)"));
    m_rounding->Append(_("1 (whole points)"));
    form->Add(m_rounding, wxSizerFlags().Expand());
    top->Add(form, wxSizerFlags().Border(wxLEFT | wxRIGHT, border * 2));
    m_symbols = new wxStaticText(this, wxID_ANY, " ");
    top->Add(m_symbols, wxSizerFlags().Expand().Border(wxLEFT | wxRIGHT | wxTOP, border * 2));
    m_message = new wxStaticText(this, wxID_ANY, " ", wxDefaultPosition, wxDefaultSize, 0,
                                 "grading_message");
    top->Add(m_message, wxSizerFlags().Expand().Border(wxALL, border));
    SetSizer(top);

    const auto defaults = gradingDefaults(db);
    int selected = -1;
    for (std::size_t i = 0; i < m_choices.size(); ++i) {
      m_scale->Append(wxString::FromUTF8(m_choices[i].label));
      if (m_choices[i].spec == defaults.scale) {
        selected = static_cast<int>(i);
      }
    }
    if (selected < 0) { // a scale set elsewhere: offer it as it is
      m_choices.push_back({defaults.scale, defaults.scale});
      selected = static_cast<int>(m_scale->Append(wxString::FromUTF8(defaults.scale)));
    }
    m_scale->SetSelection(selected);
    int rounding = 1;
    for (std::size_t i = 0; i < std::size(kRoundings); ++i) {
      if (std::abs(kRoundings[i] - defaults.rounding) < 1e-9) {
        rounding = static_cast<int>(i);
      }
    }
    m_rounding->SetSelection(rounding);
    showScale(defaults.passMark);
    m_scale->Bind(wxEVT_CHOICE, [this](wxCommandEvent&) { showScale(std::nullopt); });
  }

  bool apply() override
  {
    GradingDefaults defaults;
    defaults.scale = currentSpec();
    defaults.passMark = m_passMark->GetValue();
    defaults.rounding = kRoundings[std::max(0, m_rounding->GetSelection())];
    try {
      saveGradingDefaults(m_db, defaults);
      return true;
    } catch (const ValidationError& e) {
      showPageMessage(m_message, wxString::FromUTF8(e.what()), true, FromDIP(440));
      return false;
    }
  }

private:
  std::string currentSpec() const
  {
    const int i = m_scale->GetSelection();
    return i < 0 ? std::string("0..10") : m_choices[static_cast<std::size_t>(i)].spec;
  }

  // Fits the pass mark to the chosen scale: its range, and its middle unless `passMark`.
  void showScale(std::optional<double> passMark)
  {
    try {
      const auto scale = scaleFromSpec(currentSpec());
      m_passMark->SetRange(scale.min, scale.max);
      m_passMark->SetIncrement(scale.max - scale.min > 20 ? 1 : 0.5);
      m_passMark->SetValue(passMark.value_or(scale.passMark));
      if (scale.kind == model::Scale::Kind::Symbols) {
        m_symbols->SetLabel(wxString::Format(_("Symbols and the value each counts for: %s"),
                                             wxString::FromUTF8(scale.symbolsText())));
      } else {
        m_symbols->SetLabel(" ");
      }
      Layout();
    } catch (const ValidationError& e) {
      showPageMessage(m_message, wxString::FromUTF8(e.what()), true, FromDIP(440));
    }
  }

  store::Database& m_db;
  std::vector<ScaleChoice> m_choices;
  wxChoice* m_scale = nullptr;
  wxSpinCtrlDouble* m_passMark = nullptr;
  wxChoice* m_rounding = nullptr;
  wxStaticText* m_symbols = nullptr;
  wxStaticText* m_message = nullptr;
};

} // namespace

SettingsPagePanel* createGradingPage(wxWindow* parent, store::Database& db)
{
  return new GradingPage(parent, db);
}

} // namespace pupitre::gui
