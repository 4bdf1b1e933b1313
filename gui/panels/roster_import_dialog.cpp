#include "panels/roster_import_dialog.h"

#include <wx/button.h>
#include <wx/checkbox.h>
#include <wx/choice.h>
#include <wx/filedlg.h>
#include <wx/grid.h>
#include <wx/intl.h>
#include <wx/scrolwin.h>
#include <wx/settings.h>
#include <wx/sizer.h>
#include <wx/stattext.h>
#include <wx/textctrl.h>
#include <wx/uilocale.h>

namespace pupitre::gui {
namespace {

enum PreviewColumn { kCreate, kRow, kGiven, kFamily, kEmail, kNotes, kRemark, kPreviewColumns };

wxString fieldLabel(roster::Field field)
{
  switch (field) {
  case roster::Field::Given:
    return _("Given name");
  case roster::Field::Family:
    return _("Family name");
  case roster::Field::FullName:
    return _("Full name");
  case roster::Field::Email:
    return _("E-mail");
  case roster::Field::Notes:
    return _("Notes");
  case roster::Field::Ignore:
    break;
  }
  return _("Ignore");
}

constexpr roster::Field kFields[] = {roster::Field::Ignore, roster::Field::Given,
                                     roster::Field::Family, roster::Field::FullName,
                                     roster::Field::Email,  roster::Field::Notes};

wxString utf8(const std::string& text)
{
  return wxString::FromUTF8(text);
}

} // namespace

roster::FamilyNames RosterImportDialog::defaultFamilyNames()
{
  const wxString language = wxUILocale::GetCurrent().GetName().Lower();
  for (const char* twoNames : {"es", "pt", "ca", "gl", "eu"}) {
    if (language.StartsWith(twoNames)) {
      return roster::FamilyNames::Two;
    }
  }
  return roster::FamilyNames::One;
}

RosterImportDialog::RosterImportDialog(wxWindow* parent, const std::string& classId,
                                       const wxString& className,
                                       std::vector<model::Student> existing)
    : wxDialog(parent, wxID_ANY, wxString::Format(_("Import students into %s"), className),
               wxDefaultPosition, wxDefaultSize, wxDEFAULT_DIALOG_STYLE | wxRESIZE_BORDER),
      m_classId(classId), m_existing(std::move(existing))
{
  m_mapping.familyNames = defaultFamilyNames();

  auto* intro = new wxStaticText(
      this, wxID_ANY,
      _("Paste the names, one per line (\"García López, Ana\" or \"Ana García López\"), or "
        "cells copied from a spreadsheet; or open a CSV or Excel (.xlsx) file."));
  m_paste = new wxTextCtrl(this, wxID_ANY, {}, wxDefaultPosition, FromDIP(wxSize(-1, 90)),
                           wxTE_MULTILINE | wxTE_DONTWRAP);
  m_paste->SetHint(_("Paste the class list here"));
  m_paste->Bind(wxEVT_TEXT, [this](wxCommandEvent&) {
    m_fromFile = false;
    try {
      useTable(roster::parsePastedList(m_paste->GetValue().utf8_string()), _("Pasted list"));
    } catch (const roster::ImportError& e) {
      showError(importErrorText(e));
    }
  });
  auto* open = new wxButton(this, wxID_OPEN, _("&Open file…"));
  open->Bind(wxEVT_BUTTON, [this](wxCommandEvent&) { chooseFile(); });
  m_source = new wxStaticText(this, wxID_ANY, {});

  m_familyNames = new wxChoice(this, wxID_ANY);
  m_familyNames->Append(_("one family name (Mary Ann Smith)"));
  m_familyNames->Append(_("two family names (Ana María García López)"));
  m_familyNames->SetSelection(m_mapping.familyNames == roster::FamilyNames::Two ? 1 : 0);
  m_familyNames->Bind(wxEVT_CHOICE, [this](wxCommandEvent&) {
    m_mapping.familyNames =
        m_familyNames->GetSelection() == 1 ? roster::FamilyNames::Two : roster::FamilyNames::One;
    replan();
  });
  m_header = new wxCheckBox(this, wxID_ANY, _("The first row holds the column names"));
  m_header->Bind(wxEVT_CHECKBOX, [this](wxCommandEvent&) {
    m_mapping.headerRow = m_header->GetValue();
    buildColumnChoices();
    replan();
  });

  m_columnsPanel =
      new wxScrolledWindow(this, wxID_ANY, wxDefaultPosition, FromDIP(wxSize(-1, 64)), wxHSCROLL);
  m_columnsPanel->SetScrollRate(FromDIP(10), 0);
  m_columnsSizer = new wxFlexGridSizer(2, 0, FromDIP(2), FromDIP(8));
  m_columnsPanel->SetSizer(m_columnsSizer);

  m_preview = new wxGrid(this, wxID_ANY, wxDefaultPosition, FromDIP(wxSize(760, 240)));
  m_preview->CreateGrid(0, kPreviewColumns);
  m_preview->HideRowLabels();
  const std::pair<wxString, int> columns[] = {
      {_("Create"), 56},  {_("Row"), 44},    {_("Given name"), 120}, {_("Family name"), 140},
      {_("E-mail"), 150}, {_("Notes"), 90}, {_("Remark"), 220}};
  for (int c = 0; c < kPreviewColumns; ++c) {
    m_preview->SetColLabelValue(c, columns[c].first);
    m_preview->SetColSize(c, FromDIP(columns[c].second));
  }
  auto* tick = new wxGridCellAttr;
  tick->SetRenderer(new wxGridCellBoolRenderer);
  tick->SetEditor(new wxGridCellBoolEditor);
  tick->SetAlignment(wxALIGN_CENTRE, wxALIGN_CENTRE);
  m_preview->SetColAttr(kCreate, tick);
  for (int readOnly : {kRow, kRemark}) {
    auto* attr = new wxGridCellAttr;
    attr->SetReadOnly();
    if (readOnly == kRow) {
      attr->SetTextColour(wxSystemSettings::GetColour(wxSYS_COLOUR_GRAYTEXT));
    }
    m_preview->SetColAttr(readOnly, attr);
  }
  m_preview->Bind(wxEVT_GRID_CELL_CHANGED, &RosterImportDialog::previewEdited, this);

  m_summary = new wxStaticText(this, wxID_ANY, {});
  m_problem = new wxStaticText(this, wxID_ANY, {});
  m_problem->SetForegroundColour(wxColour(0xB0, 0x00, 0x20));

  auto* sourceRow = new wxBoxSizer(wxHORIZONTAL);
  sourceRow->Add(open, 0, wxRIGHT, FromDIP(8));
  sourceRow->Add(m_source, 1, wxALIGN_CENTRE_VERTICAL);
  auto* namesRow = new wxBoxSizer(wxHORIZONTAL);
  namesRow->Add(new wxStaticText(this, wxID_ANY, _("Names without a comma end with")), 0,
                wxALIGN_CENTRE_VERTICAL | wxRIGHT, FromDIP(6));
  namesRow->Add(m_familyNames, 0, wxRIGHT, FromDIP(16));
  namesRow->Add(m_header, 0, wxALIGN_CENTRE_VERTICAL);

  auto* sizer = new wxBoxSizer(wxVERTICAL);
  const int gap = FromDIP(8);
  sizer->Add(intro, 0, wxEXPAND | wxLEFT | wxRIGHT | wxTOP, gap);
  sizer->Add(m_paste, 0, wxEXPAND | wxLEFT | wxRIGHT | wxTOP, gap);
  sizer->Add(sourceRow, 0, wxEXPAND | wxLEFT | wxRIGHT | wxTOP, gap);
  sizer->Add(namesRow, 0, wxEXPAND | wxLEFT | wxRIGHT | wxTOP, gap);
  sizer->Add(new wxStaticText(this, wxID_ANY, _("What each column holds:")), 0,
             wxLEFT | wxRIGHT | wxTOP, gap);
  sizer->Add(m_columnsPanel, 0, wxEXPAND | wxLEFT | wxRIGHT | wxTOP, gap);
  sizer->Add(m_preview, 1, wxEXPAND | wxLEFT | wxRIGHT | wxTOP, gap);
  sizer->Add(m_summary, 0, wxEXPAND | wxLEFT | wxRIGHT | wxTOP, gap);
  sizer->Add(m_problem, 0, wxEXPAND | wxLEFT | wxRIGHT | wxTOP, gap);
  auto* buttons = new wxStdDialogButtonSizer;
  m_create = new wxButton(this, wxID_OK, _("Create students"));
  buttons->AddButton(m_create);
  buttons->AddButton(new wxButton(this, wxID_CANCEL));
  buttons->Realize();
  sizer->Add(buttons, 0, wxEXPAND | wxALL, gap);
  intro->Wrap(FromDIP(760));
  SetSizerAndFit(sizer);
  // Never taller than the screen it opens on (a 1366x768 laptop).
  const wxSize screen = wxGetDisplaySize();
  SetSize(wxSize(std::min(GetSize().x, screen.x - FromDIP(40)),
                 std::min(GetSize().y, screen.y - FromDIP(60))));
  CentreOnParent();
  updateSummary();
}

void RosterImportDialog::setPastedText(const wxString& text)
{
  m_paste->SetValue(text); // previews through wxEVT_TEXT
}

void RosterImportDialog::chooseFile()
{
  wxFileDialog dialog(this, _("Open a class list"), {}, {},
                      _("Class lists (*.csv;*.xlsx;*.txt)|*.csv;*.xlsx;*.txt;*.CSV;*.XLSX;*.TXT|"
                        "All files|*"),
                      wxFD_OPEN | wxFD_FILE_MUST_EXIST);
  if (dialog.ShowModal() == wxID_OK) {
    loadFile(dialog.GetPath().utf8_string());
  }
}

bool RosterImportDialog::loadFile(const std::string& path)
{
  try {
    auto table = roster::readTableFile(path);
    m_paste->ChangeValue({});
    m_fromFile = true;
    useTable(std::move(table), wxString::Format(_("From the file %s"), utf8(path)));
    return true;
  } catch (const roster::ImportError& e) {
    showError(importErrorText(e));
    return false;
  }
}

void RosterImportDialog::showError(const wxString& message)
{
  m_table = {};
  m_candidates.clear();
  m_columnChoices.clear();
  m_columnsSizer->Clear(true);
  fillPreview();
  m_problem->SetLabel(message);
  m_problem->Wrap(m_preview->GetSize().x);
  updateSummary();
  Layout();
}

void RosterImportDialog::useTable(roster::Table table, const wxString& source)
{
  m_table = std::move(table);
  const auto familyNames = m_mapping.familyNames;
  m_mapping = roster::guessMapping(m_table, familyNames);
  m_header->SetValue(m_mapping.headerRow);
  m_source->SetLabel(m_table.rows.empty() ? wxString() : source);
  m_problem->SetLabel({});
  buildColumnChoices();
  replan();
}

void RosterImportDialog::buildColumnChoices()
{
  m_columnsPanel->Freeze();
  m_columnChoices.clear();
  m_columnsSizer->Clear(true);
  const std::size_t columns = m_mapping.columns.size();
  m_columnsSizer->SetCols(static_cast<int>(std::max<std::size_t>(columns, 1)));
  for (std::size_t c = 0; c < columns; ++c) {
    wxString sample;
    if (!m_table.rows.empty() && c < m_table.rows.front().cells.size()) {
      sample = utf8(m_table.rows.front().cells[c]).Left(18);
    }
    const wxString letter = utf8(roster::columnLetters(static_cast<int>(c) + 1));
    m_columnsSizer->Add(new wxStaticText(m_columnsPanel, wxID_ANY,
                                         sample.empty() ? letter : letter + ": " + sample));
  }
  for (std::size_t c = 0; c < columns; ++c) {
    auto* choice = new wxChoice(m_columnsPanel, wxID_ANY);
    for (const auto field : kFields) {
      choice->Append(fieldLabel(field));
    }
    choice->SetSelection(static_cast<int>(m_mapping.columns[c]));
    choice->Bind(wxEVT_CHOICE,
                 [this, c](wxCommandEvent& e) { setColumnField(c, kFields[e.GetSelection()]); });
    m_columnChoices.push_back(choice);
    m_columnsSizer->Add(choice);
  }
  m_columnsPanel->FitInside();
  m_columnsPanel->Thaw();
  Layout();
}

void RosterImportDialog::setColumnField(std::size_t column, roster::Field field)
{
  if (column >= m_mapping.columns.size()) {
    return;
  }
  m_mapping.columns[column] = field;
  m_columnChoices[column]->SetSelection(static_cast<int>(field));
  replan();
}

void RosterImportDialog::replan()
{
  m_candidates = roster::planImport(m_table, m_mapping, m_classId, m_existing);
  fillPreview();
  updateSummary();
}

void RosterImportDialog::fillPreview()
{
  m_preview->Freeze();
  if (m_preview->GetNumberRows() > 0) {
    m_preview->DeleteRows(0, m_preview->GetNumberRows());
  }
  m_preview->AppendRows(static_cast<int>(m_candidates.size()));
  for (std::size_t i = 0; i < m_candidates.size(); ++i) {
    const auto& c = m_candidates[i];
    const int row = static_cast<int>(i);
    m_preview->SetCellValue(row, kCreate, c.selected ? "1" : "");
    m_preview->SetReadOnly(row, kCreate, c.blocked());
    m_preview->SetCellValue(row, kRow, wxString::Format("%d", c.line));
    m_preview->SetCellValue(row, kGiven, utf8(c.student.givenName));
    m_preview->SetCellValue(row, kFamily, utf8(c.student.familyName));
    m_preview->SetCellValue(row, kEmail, utf8(c.student.email));
    m_preview->SetCellValue(row, kNotes, utf8(c.student.notes));
    m_preview->SetCellValue(row, kRemark, candidateRemark(c));
    const wxColour shade = c.blocked()                                 ? wxColour(0xFB, 0xE3, 0xE6)
                           : c.issue != roster::Candidate::Issue::None ? wxColour(0xFF, 0xF4, 0xD6)
                                                                       : wxNullColour;
    for (int col = 0; col < kPreviewColumns; ++col) {
      m_preview->SetCellBackgroundColour(
          row, col, shade.IsOk() ? shade : m_preview->GetDefaultCellBackgroundColour());
    }
  }
  // The remarks are read whole: the column takes the room left, or what its text needs.
  int others = 0;
  for (int col = 0; col < kRemark; ++col) {
    others += m_preview->GetColSize(col);
  }
  m_preview->AutoSizeColumn(kRemark, false);
  m_preview->SetColSize(kRemark, std::max({m_preview->GetColSize(kRemark), FromDIP(220),
                                           m_preview->GetClientSize().x - others - 1}));
  m_preview->Thaw();
}

void RosterImportDialog::previewEdited(wxGridEvent& event)
{
  const auto row = static_cast<std::size_t>(event.GetRow());
  if (row >= m_candidates.size()) {
    return;
  }
  auto& c = m_candidates[row];
  const wxString value = m_preview->GetCellValue(event.GetRow(), event.GetCol());
  switch (event.GetCol()) {
  case kCreate:
    c.selected = !value.empty() && value != "0" && !c.blocked();
    break;
  case kGiven:
    c.student.givenName = value.utf8_string();
    break;
  case kFamily:
    c.student.familyName = value.utf8_string();
    break;
  case kEmail:
    c.student.email = value.utf8_string();
    break;
  case kNotes:
    c.student.notes = value.utf8_string();
    break;
  default:
    return;
  }
  roster::checkCandidates(m_candidates, m_existing);
  // After the grid has finished with its editor.
  CallAfter([this] {
    fillPreview();
    updateSummary();
  });
}

wxString RosterImportDialog::summary() const
{
  return m_summary->GetLabel();
}
wxString RosterImportDialog::problem() const
{
  return m_problem->GetLabel();
}

void RosterImportDialog::updateSummary()
{
  const std::size_t chosen = roster::chosenStudents(m_candidates).size();
  const std::size_t skipped = m_candidates.size() - chosen;
  wxString text;
  if (m_candidates.empty()) {
    text = _("Nothing to import yet.");
  } else {
    text = wxString::Format(
        wxPLURAL("%zu student will be created", "%zu students will be created", chosen), chosen);
    if (skipped > 0) {
      text << "; "
           << wxString::Format(wxPLURAL("%zu row is left out (see Remark)",
                                        "%zu rows are left out (see Remark)", skipped),
                               skipped);
    }
    text << ".";
  }
  m_summary->SetLabel(text);
  m_create->Enable(chosen > 0);
  m_create->SetLabel(
      chosen > 0
          ? wxString::Format(wxPLURAL("Create %zu student", "Create %zu students", chosen), chosen)
          : _("Create students"));
  Layout();
}

} // namespace pupitre::gui
