#include "main_menu.h"

#include "ids.h"

#include <wx/artprov.h>
#include <wx/cmdproc.h>
#include <wx/frame.h>
#include <wx/intl.h>
#include <wx/menu.h>
#include <wx/toolbar.h>

namespace pupitre::gui {

wxMenuBar* buildMenuBar(wxCommandProcessor& commands)
{
  auto* file = new wxMenu;
  file->Append(ids::kNewClass, _("&New class…\tCtrl+N"), _("Add a class"));
  file->AppendSeparator();
  file->Append(ids::kExport, _("&Export or print…\tCtrl+Shift+X"),
               _("The class's gradebook, report cards, attendance or journal as a spreadsheet "
                 "or a PDF"));
  file->Append(ids::kBackUpTo, _("&Back up to…"),
               _("Save all your data in one file, for example on a USB stick"));
  file->Append(ids::kRestoreFrom, _("&Restore from…"),
               _("Go back to the data of a backup; your other devices receive it too"));
  file->Append(ids::kExportAllData, _("E&xport all my data…"),
               _("One ZIP with all your data on this computer, pictures and files included"));
  file->Append(ids::kExportAccountData, _("Export my &account's data…"),
               _("Everything the Pupitre server holds about your account, in one file"));
  file->AppendSeparator();
  file->Append(wxID_EXIT, _("&Quit\tCtrl+Q"));

  auto* edit = new wxMenu;
  edit->Append(wxID_UNDO, _("&Undo\tCtrl+Z"));
  edit->Append(wxID_REDO, _("&Redo\tCtrl+Y"));
  edit->AppendSeparator();
  edit->Append(wxID_COPY, _("&Copy\tCtrl+C"));
  edit->Append(wxID_PASTE, _("&Paste\tCtrl+V"), _("Paste marks copied from a spreadsheet"));
  edit->Append(ids::kClearMarks, _("C&lear marks"), _("Clear the selected marks (Delete)"));
  edit->AppendSeparator();
  edit->Append(ids::kMarkExcused, _("Mark &excused\tCtrl+E"));
  edit->Append(ids::kMarkMissing, _("Mark &missing\tCtrl+M"));
  edit->Append(ids::kMarkNormal, _("Mark &normal\tCtrl+Shift+N"));
  edit->Append(ids::kComment, _("Co&mment on mark…\tShift+F2"));
  edit->AppendSeparator();
  edit->Append(ids::kFind, _("&Find in journal\tCtrl+F"));
  commands.SetEditMenu(edit);

  auto* view = new wxMenu;
  const wxString tabs[] = {_("&Gradebook"), _("&Attendance"), _("&Journal"),
                           _("&Students"),  _("&Resources"),  _("C&onflicts")};
  for (int i = 0; i < 6; ++i) {
    view->Append(ids::kFirstTab + i, wxString::Format("%s\tCtrl+%d", tabs[i], i + 1));
  }
  view->AppendSeparator();
  view->Append(ids::kFocusClasses, _("Class &list\tCtrl+L"), _("Move to the list of classes"));
  view->AppendCheckItem(ids::kShowArchived, _("Show a&rchived classes"));
  view->Append(ids::kSortByName, _("Sort students by &name"));
  view->Append(ids::kSortByAverage, _("Sort students by a&verage"));
  view->Append(ids::kShowWholeYear, _("Show &whole year\tCtrl+Shift+Y"),
               _("Show every term's assessments, the term averages and the final mark"));
  view->Append(ids::kNextTerm, _("Show next &term\tCtrl+Shift+O"),
               _("Show one term at a time, then the whole year again"));
  view->AppendSeparator();
  view->Append(ids::kRefresh, _("Re&fresh\tF5"));

  auto* cls = new wxMenu;
  cls->Append(ids::kRenameClass, _("&Rename class…\tCtrl+R"));
  cls->Append(ids::kArchiveClass, _("&Archive or restore class"));
  cls->Append(ids::kClassColour, _("Class &colour…"));
  cls->Append(ids::kCopyClass, _("New class from &this one…"),
              _("A new class with this one's categories, weights and assessments"));
  cls->AppendSeparator();
  cls->Append(ids::kAddStudent, _("Add &student…\tCtrl+Shift+T"));
  cls->Append(ids::kRemoveStudent, _("Remo&ve student"));
  cls->Append(ids::kImportStudents, _("&Import students…\tCtrl+Shift+I"),
              _("Add a class list pasted from a spreadsheet or from a CSV or Excel file"));
  cls->AppendSeparator();
  cls->Append(ids::kAddAssessment, _("Add &assessment…\tCtrl+Shift+A"));
  cls->Append(ids::kEditAssessment, _("&Edit assessment…\tCtrl+Shift+E"));
  cls->Append(ids::kMoveColumnLeft, _("Move column &left\tCtrl+Shift+Left"));
  cls->Append(ids::kMoveColumnRight, _("Move column r&ight\tCtrl+Shift+Right"));
  cls->Append(ids::kHideColumn, _("&Hide column\tCtrl+Shift+H"));
  cls->Append(ids::kShowHiddenColumns, _("Show hidden col&umns…"));
  cls->Append(ids::kDeleteAssessment, _("&Delete assessment\tCtrl+Shift+Del"),
              _("Delete the selected column; Edit > Undo brings it back with its marks"));
  cls->Append(ids::kCategories, _("Categories and &weights…\tCtrl+Shift+W"));
  cls->Append(ids::kTerms, _("&Terms…"), _("Evaluation periods and how the final mark is made"));
  cls->AppendSeparator();
  cls->Append(ids::kNewJournalEntry, _("New &journal entry\tCtrl+Shift+J"));
  cls->Append(ids::kAllPresent, _("All &present\tCtrl+Shift+P"),
              _("Attendance: mark present every student with nothing recorded; absences stay"));

  auto* sync = new wxMenu;
  sync->Append(ids::kSyncWhy, _("Synchronisation is not available"));
  sync->Append(ids::kSynchronise, _("&Synchronise…\tCtrl+Shift+S"),
               _("Send and receive changes with your other devices"));
  sync->AppendSeparator();
  sync->Append(ids::kSyncSettings, _("Sync &settings…\tCtrl+,"),
               _("Account, schedule and grading defaults"));

  auto* help = new wxMenu;
  help->Append(ids::kShortcuts, _("&Keyboard shortcuts\tF1"));
  help->Append(wxID_ABOUT, _("&About Pupitre"));

  auto* bar = new wxMenuBar;
  bar->Append(file, _("&File"));
  bar->Append(edit, _("&Edit"));
  bar->Append(view, _("&View"));
  bar->Append(cls, _("&Class"));
  bar->Append(sync, _("S&ync"));
  bar->Append(help, _("&Help"));
  return bar;
}

void buildToolBar(wxFrame& frame)
{
  auto* tools = frame.CreateToolBar(wxTB_HORIZONTAL | wxTB_TEXT | wxTB_HORZ_LAYOUT);
  const wxSize size(16, 16);
  tools->AddTool(ids::kSynchronise, _("Synchronise"),
                 wxArtProvider::GetBitmapBundle(wxART_REDO, wxART_TOOLBAR, size),
                 _("Synchronise (Ctrl+Shift+S)"));
  tools->AddSeparator();
  tools->AddTool(wxID_UNDO, _("Undo"),
                 wxArtProvider::GetBitmapBundle(wxART_UNDO, wxART_TOOLBAR, size),
                 _("Undo (Ctrl+Z)"));
  tools->AddTool(wxID_REDO, _("Redo"),
                 wxArtProvider::GetBitmapBundle(wxART_REDO, wxART_TOOLBAR, size),
                 _("Redo (Ctrl+Y)"));
  tools->AddSeparator();
  tools->AddTool(ids::kAddAssessment, _("Add assessment"),
                 wxArtProvider::GetBitmapBundle(wxART_PLUS, wxART_TOOLBAR, size),
                 _("Add assessment (Ctrl+Shift+A)"));
  tools->AddTool(ids::kCategories, _("Categories"),
                 wxArtProvider::GetBitmapBundle(wxART_LIST_VIEW, wxART_TOOLBAR, size),
                 _("Categories and weights (Ctrl+Shift+W)"));
  tools->Realize();
}

wxString shortcutsText()
{
  return _("Synchronise\tCtrl+Shift+S\n"
           "Sync settings\tCtrl+,\n"
           "Undo / Redo\tCtrl+Z / Ctrl+Y\n"
           "Gradebook … Conflicts tabs\tCtrl+1 … Ctrl+6\n"
           "Class list\tCtrl+L\n"
           "New class / Rename class\tCtrl+N / Ctrl+R\n"
           "Type a mark\tdigits or a symbol, then Enter (down) or Tab (right)\n"
           "Paste a block from a spreadsheet\tCtrl+V\n"
           "Clear marks\tDelete\n"
           "Excused / Missing / Normal\tCtrl+E / Ctrl+M / Ctrl+Shift+N\n"
           "Comment on a mark\tShift+F2\n"
           "Cell menu\tShift+F10 or the Menu key\n"
           "Add / edit assessment\tCtrl+Shift+A / Ctrl+Shift+E\n"
           "Move column left / right\tCtrl+Shift+Left / Right\n"
           "Hide column\tCtrl+Shift+H\n"
           "Categories and weights\tCtrl+Shift+W\n"
           "Attendance: present, absent, late, justified\tP, A, L, J\n"
           "Attendance: all present / type a note\tShift+P or Ctrl+Shift+P / F2 or Enter\n"
           "Add student\tCtrl+Shift+T\n"
           "New journal entry / Find in journal\tCtrl+Shift+J / Ctrl+F\n"
           "Refresh\tF5") +
         "\n" +
         _("Gradebook: whole year / next term\tCtrl+Shift+Y / Ctrl+Shift+O\n"
           "Final mark: your own / the computed one\ttype a number / Delete") +
         "\n" +
         _("Import students (or paste a list on the Students tab)\tCtrl+Shift+I (Ctrl+V)\n"
           "Delete assessment\tCtrl+Shift+Delete");
}

} // namespace pupitre::gui
