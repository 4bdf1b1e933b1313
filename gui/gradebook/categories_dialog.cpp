#include "gradebook/categories_dialog.h"
#include "gradebook/edited_rows.h"

#include "local_numbers.h"

#include "pupitre/error.h"
#include "pupitre/store/value.h"

#include <wx/button.h>
#include <wx/display.h>
#include <wx/grid.h>
#include <wx/intl.h>
#include <wx/settings.h>
#include <wx/sizer.h>
#include <wx/stattext.h>

#include <algorithm>

namespace pupitre::gui {

CategoriesDialog::CategoriesDialog(wxWindow* parent, std::vector<model::Category> categories)
    : wxDialog(parent, wxID_ANY, _("Categories and weights"), wxDefaultPosition, wxDefaultSize,
               wxDEFAULT_DIALOG_STYLE | wxRESIZE_BORDER),
      m_rows(std::move(categories))
{
  m_rows.emplace_back(); // the empty row for a new category
  m_grid = new wxGrid(this, wxID_ANY, wxDefaultPosition, wxDefaultSize, wxWANTS_CHARS,
                      "categories_grid");
  m_grid->CreateGrid(static_cast<int>(m_rows.size()), 2);
  m_grid->SetColLabelValue(0, _("Category"));
  m_grid->SetColLabelValue(1, _("Weight"));
  m_grid->SetRowLabelSize(0);
  m_grid->SetColSize(0, FromDIP(220));
  m_grid->SetColSize(1, FromDIP(90));
  for (std::size_t i = 0; i + 1 < m_rows.size(); ++i) {
    const int row = static_cast<int>(i);
    m_grid->SetCellValue(row, 0, wxString::FromUTF8(m_rows[i].name));
    m_grid->SetCellValue(row, 1, localNumber(m_rows[i].weight));
  }
  auto* add = new wxButton(this, wxID_ADD, _("&Add category"));
  add->Bind(wxEVT_BUTTON, [this](wxCommandEvent&) {
    const int last = m_grid->GetNumberRows() - 1;
    if (m_grid->IsCellEditControlShown()) {
      m_grid->SaveEditControlValue();
      m_grid->DisableCellEditControl();
    }
    // The empty row for a new category is used first.
    if (last < 0 || !m_rows[static_cast<std::size_t>(last)].id.empty() ||
        !m_grid->GetCellValue(last, 0).Trim().empty()) {
      m_rows.emplace_back();
      m_grid->AppendRows(1);
      fitRows();
    }
    m_grid->GoToCell(m_grid->GetNumberRows() - 1, 0);
    m_grid->SetFocus();
  });
  auto* remove = new wxButton(this, wxID_REMOVE, _("&Remove category"), wxDefaultPosition,
                              wxDefaultSize, 0, wxDefaultValidator, "categories_remove");
  remove->Bind(wxEVT_BUTTON, [this](wxCommandEvent&) { removeRow(m_grid->GetGridCursorRow()); });

  auto* top = new wxBoxSizer(wxVERTICAL);
  top->Add(new wxStaticText(this, wxID_ANY,
                            _("A final average weights each category's mean by its weight.")),
           0, wxALL, FromDIP(10));
  top->Add(m_grid, 1, wxEXPAND | wxLEFT | wxRIGHT, FromDIP(10));
  top->Add(new wxStaticText(this, wxID_ANY,
                            _("The assessments of a removed category count as uncategorised.")),
           0, wxLEFT | wxRIGHT | wxTOP, FromDIP(10));
  auto* buttons = new wxBoxSizer(wxHORIZONTAL);
  buttons->Add(add, 0, wxRIGHT, FromDIP(6));
  buttons->Add(remove);
  top->Add(buttons, 0, wxALL, FromDIP(10));
  top->Add(CreateStdDialogButtonSizer(wxOK | wxCANCEL), 0, wxEXPAND | wxALL, FromDIP(8));
  SetSizer(top);
  m_grid->Bind(wxEVT_SIZE, [this](wxSizeEvent& e) {
    e.Skip();
    CallAfter([this] { fitColumns(); });
  });
  fitRows();
  m_grid->GoToCell(0, 1);
}

void CategoriesDialog::fitRows()
{
  // Every row in view (at least kShownRows, so rows added later fit too), up to most of the
  // screen; beyond that the grid scrolls.
  constexpr int kShownRows = 6;
  const int rows = std::max(kShownRows, m_grid->GetNumberRows());
  const int screen =
      wxDisplay(wxDisplay::GetFromWindow(GetParent() ? GetParent() : this)).GetClientArea().height;
  const int wanted = m_grid->GetColLabelSize() + rows * m_grid->GetDefaultRowSize() + FromDIP(4);
  const int width = m_grid->GetColSize(0) + m_grid->GetColSize(1) +
                    wxSystemSettings::GetMetric(wxSYS_VSCROLL_X, m_grid) + FromDIP(4);
  m_grid->SetMinSize(wxSize(width, std::min(wanted, screen * 6 / 10)));
  const wxSize before = GetSize();
  Layout();
  Fit();
  const wxSize fitted = GetSize();
  SetSize(std::max(before.x, fitted.x), fitted.y); // never narrower than the teacher made it
  fitColumns();
}

void CategoriesDialog::fitColumns()
{
  // The name column takes the width the weight column leaves.
  const int room = m_grid->GetClientSize().x - m_grid->GetColSize(1);
  if (room > FromDIP(120) && room != m_grid->GetColSize(0)) {
    m_grid->SetColSize(0, room);
  }
}

void CategoriesDialog::removeRow(int row)
{
  removeEditedRow(*m_grid, m_rows, m_removed, row, 0);
  fitRows();
}

std::vector<model::Category> CategoriesDialog::categories() const
{
  if (m_grid->IsCellEditControlShown()) {
    m_grid->SaveEditControlValue();
  }
  std::vector<model::Category> result;
  for (int row = 0; row < m_grid->GetNumberRows(); ++row) {
    model::Category c = m_rows[static_cast<std::size_t>(row)];
    c.name = m_grid->GetCellValue(row, 0).Trim().Trim(false).utf8_string();
    const wxString weight = m_grid->GetCellValue(row, 1).Trim().Trim(false);
    if (c.id.empty() && c.name.empty()) {
      continue; // the empty row for a new category
    }
    if (weight.empty()) {
      c.weight = 1;
    } else if (const auto typed = typedNumber(weight)) {
      c.weight = *typed;
    } else {
      throw ValidationError(
          wxString::Format(_("The weight of %s must be a number."), c.name).utf8_string());
    }
    result.push_back(c);
  }
  return result;
}

} // namespace pupitre::gui
