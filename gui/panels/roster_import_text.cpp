// The import's messages in the teacher's language: the core's ImportError and the preview's
// remarks are words of the core (English); the dialog says them with _().
#include "panels/roster_import_dialog.h"

#include <wx/intl.h>

namespace pupitre::gui {

wxString importErrorText(const roster::ImportError& error)
{
  using K = roster::ImportError::Kind;
  wxString where;
  if (error.line() > 0 && error.column() > 0) {
    where = wxString::Format(_("Row %d, column %s: "), error.line(),
                             wxString::FromUTF8(roster::columnLetters(error.column())));
  } else if (error.line() > 0) {
    where = wxString::Format(_("Row %d: "), error.line());
  }
  const wxString detail = wxString::FromUTF8(error.detail());
  switch (error.kind()) {
  case K::UnclosedQuote:
    return where + _("a cell opens a quote (\") that is never closed. Close it, or save the file "
                     "again from the spreadsheet as CSV.");
  case K::TextAfterQuote:
    return where + _("text follows the closing quote of a cell. Put the whole cell in quotes, or "
                     "save the file again from the spreadsheet as CSV.");
  case K::NotText:
    return _("The file is not a text (CSV) file nor an Excel workbook (.xlsx). Save the list as "
             "CSV or XLSX and open that.");
  case K::OldExcel:
    return _("The file is an old Excel workbook (.xls), which Pupitre does not read. Save it as "
             "Excel Workbook (.xlsx) or CSV and open that.");
  case K::NotWorkbook:
    return wxString::Format(_("The file looks like an Excel workbook (.xlsx) but cannot be read "
                              "(%s). Open it in the spreadsheet, save it again and open that."),
                            detail);
  case K::TooLarge:
    return wxString::Format(_("The file is too large to be a class list (%s). Open a file with "
                              "only the students' names."),
                            detail);
  case K::TooManyRows:
    return where + wxString::Format(_("the list has more than %zu rows. Import one class at a "
                                      "time."),
                                    roster::kMaxRows);
  case K::TooManyColumns:
    return where + wxString::Format(_("the list has more than %zu columns. Keep only the columns "
                                      "to import."),
                                    roster::kMaxColumns);
  case K::CellTooLong:
    return where + wxString::Format(_("the cell is longer than %zu bytes. Shorten it."),
                                    roster::kMaxCellBytes);
  case K::Empty:
    return _("There are no names to import in the list.");
  case K::Unreadable:
    return wxString::Format(_("Couldn't read the file %s. Check that it exists and that you may "
                              "read it."),
                            detail);
  }
  return wxString::FromUTF8(error.what());
}

wxString candidateRemark(const roster::Candidate& candidate)
{
  using I = roster::Candidate::Issue;
  switch (candidate.issue) {
  case I::None:
    return {};
  case I::NoName:
    return _("No given nor family name: type one to create this student");
  case I::NameTooLong:
    return _("A name is longer than 200 characters");
  case I::BadEmail:
    return wxString::Format(_("\"%s\" is not an e-mail address"),
                            wxString::FromUTF8(candidate.student.email));
  case I::InClass:
    return wxString::Format(_("Already in the class as %s"), wxString::FromUTF8(candidate.sameAs));
  case I::InList:
    return wxString::Format(_("Same name as row %d"), candidate.sameLine);
  }
  return {};
}

} // namespace pupitre::gui
