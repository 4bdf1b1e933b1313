#include "gradebook/terms_dialog.h"
#include "gradebook/edited_rows.h"

#include "local_numbers.h"

#include "pupitre/error.h"
#include "pupitre/model/validation.h"

#include <wx/button.h>
#include <wx/choice.h>
#include <wx/grid.h>
#include <wx/intl.h>
#include <wx/sizer.h>
#include <wx/stattext.h>

#include <algorithm>

namespace pupitre::gui {

namespace {

enum Column { kName, kStart, kEnd, kWeight, kColumns };

} // namespace

TermsDialog::TermsDialog(wxWindow* parent, std::vector<model::Term> terms, model::FinalMode mode)
    : wxDialog(parent, wxID_ANY, _("Terms"), wxDefaultPosition, wxDefaultSize,
               wxDEFAULT_DIALOG_STYLE | wxRESIZE_BORDER),
      m_rows(std::move(terms))
{
  m_grid =
      new wxGrid(this, wxID_ANY, wxDefaultPosition, wxDefaultSize, wxWANTS_CHARS, "terms_grid");
  m_grid->CreateGrid(static_cast<int>(m_rows.size()), kColumns);
  m_grid->SetColLabelValue(kName, _("Term"));
  m_grid->SetColLabelValue(kStart, _("First day"));
  m_grid->SetColLabelValue(kEnd, _("Last day"));
  m_grid->SetColLabelValue(kWeight, _("Weight"));
  m_grid->SetRowLabelSize(0);
  m_grid->SetColSize(kName, FromDIP(200));
  m_grid->SetColSize(kStart, FromDIP(110));
  m_grid->SetColSize(kEnd, FromDIP(110));
  m_grid->SetColSize(kWeight, FromDIP(80));
  for (std::size_t i = 0; i < m_rows.size(); ++i) {
    const int row = static_cast<int>(i);
    m_grid->SetCellValue(row, kName, wxString::FromUTF8(m_rows[i].name));
    m_grid->SetCellValue(row, kStart, wxString::FromUTF8(m_rows[i].start));
    m_grid->SetCellValue(row, kEnd, wxString::FromUTF8(m_rows[i].end));
    m_grid->SetCellValue(row, kWeight, localNumber(m_rows[i].weight));
  }
  auto* add = new wxButton(this, wxID_ADD, _("&Add term"));
  add->Bind(wxEVT_BUTTON, [this](wxCommandEvent&) {
    m_rows.emplace_back();
    m_grid->AppendRows(1);
    const int row = m_grid->GetNumberRows() - 1;
    m_grid->SetCellValue(row, kWeight, localNumber(1));
    m_grid->GoToCell(row, kName);
    m_grid->SetFocus();
  });
  auto* remove = new wxButton(this, wxID_REMOVE, _("&Remove term"), wxDefaultPosition,
                              wxDefaultSize, 0, wxDefaultValidator, "terms_remove");
  remove->Bind(wxEVT_BUTTON, [this](wxCommandEvent&) { removeRow(m_grid->GetGridCursorRow()); });

  m_mode = new wxChoice(this, wxID_ANY, wxDefaultPosition, wxDefaultSize, 0, nullptr, 0,
                        wxDefaultValidator, "terms_final_mode");
  m_mode->Append(_("Mean of the term averages"));
  m_mode->Append(_("Weighted by the terms' weights"));
  m_mode->SetSelection(mode == model::FinalMode::Weighted ? 1 : 0);

  m_error = new wxStaticText(this, wxID_ANY, wxString(), wxDefaultPosition, wxDefaultSize, 0,
                             "terms_error");
  m_error->SetForegroundColour(wxColour(0xB0, 0x00, 0x20));

  auto* top = new wxBoxSizer(wxVERTICAL);
  auto* intro = new wxStaticText(this, wxID_ANY,
                                 _("An assessment belongs to the term of its date, unless you "
                                   "choose another in Edit assessment. Dates are written "
                                   "YYYY-MM-DD."));
  intro->Wrap(FromDIP(500));
  top->Add(intro, 0, wxALL, FromDIP(10));
  top->Add(m_grid, 1, wxEXPAND | wxLEFT | wxRIGHT, FromDIP(10));
  auto* buttons = new wxBoxSizer(wxHORIZONTAL);
  buttons->Add(add, 0, wxRIGHT, FromDIP(6));
  buttons->Add(remove);
  top->Add(buttons, 0, wxALL, FromDIP(10));
  auto* modeRow = new wxBoxSizer(wxHORIZONTAL);
  modeRow->Add(new wxStaticText(this, wxID_ANY, _("&Final mark:")), 0,
               wxALIGN_CENTRE_VERTICAL | wxRIGHT, FromDIP(6));
  modeRow->Add(m_mode, 1);
  top->Add(modeRow, 0, wxEXPAND | wxLEFT | wxRIGHT, FromDIP(10));
  top->Add(m_error, 0, wxEXPAND | wxLEFT | wxRIGHT | wxTOP, FromDIP(10));
  top->Add(CreateStdDialogButtonSizer(wxOK | wxCANCEL), 0, wxEXPAND | wxALL, FromDIP(8));
  SetSizerAndFit(top);
  if (m_grid->GetNumberRows() > 0) {
    m_grid->GoToCell(0, kName);
  }
}

void TermsDialog::removeRow(int row)
{
  removeEditedRow(*m_grid, m_rows, m_removed, row, kName);
}

std::vector<model::Term> TermsDialog::terms() const
{
  if (m_grid->IsCellEditControlShown()) {
    m_grid->SaveEditControlValue();
  }
  std::vector<model::Term> result;
  for (int row = 0; row < m_grid->GetNumberRows(); ++row) {
    model::Term t = m_rows[static_cast<std::size_t>(row)];
    auto cell = [&](int col) { return m_grid->GetCellValue(row, col).Trim().Trim(false); };
    t.name = cell(kName).utf8_string();
    t.start = cell(kStart).utf8_string();
    t.end = cell(kEnd).utf8_string();
    const wxString shown =
        t.name.empty() ? wxString::Format(_("term %d"), row + 1) : wxString::FromUTF8(t.name);
    if (t.name.empty()) {
      throw ValidationError(
          wxString::Format(_("The term on row %d needs a name."), row + 1).utf8_string());
    }
    for (const auto& date : {t.start, t.end}) {
      if (!model::isDate(date)) {
        throw ValidationError(
            wxString::Format(_("'%s' in %s is not a date; write it as YYYY-MM-DD (2026-09-14)."),
                             wxString::FromUTF8(date), shown)
                .utf8_string());
      }
    }
    if (t.end < t.start) {
      throw ValidationError(
          wxString::Format(_("%s ends before it starts; give a last day on or after the first."),
                           shown)
              .utf8_string());
    }
    const wxString weight = cell(kWeight);
    const auto typed = weight.empty() ? std::optional<double>(1) : typedNumber(weight);
    if (!typed || *typed < 0) {
      throw ValidationError(
          wxString::Format(_("The weight of %s must be a number, 0 or more."), shown)
              .utf8_string());
    }
    t.weight = *typed;
    t.position = row + 1;
    result.push_back(t);
  }
  return result;
}

model::FinalMode TermsDialog::finalMode() const
{
  return m_mode->GetSelection() == 1 ? model::FinalMode::Weighted : model::FinalMode::Mean;
}

bool TermsDialog::Validate()
{
  try {
    (void)terms();
  } catch (const Error& e) {
    m_error->SetLabel(wxString::FromUTF8(e.what()));
    m_error->Wrap(m_grid->GetSize().GetWidth());
    Layout();
    Fit();
    return false;
  }
  m_error->SetLabel(wxString());
  return true;
}

} // namespace pupitre::gui
