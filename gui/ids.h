#pragma once
// Command ids of the menus, the toolbar, context menus and accelerators.
#include <wx/defs.h>

namespace pupitre::gui::ids {

enum : int {
  kNewClass = wxID_HIGHEST + 100,
  kRenameClass,
  kArchiveClass,
  kClassColour,
  kShowArchived,
  kAddStudent,
  kRemoveStudent,
  kAddAssessment,
  kEditAssessment,
  kMoveColumnLeft,
  kMoveColumnRight,
  kHideColumn,
  kShowHiddenColumns,
  kCategories,
  kSortByName,
  kSortByAverage,
  kMarkExcused,
  kMarkMissing,
  kMarkNormal,
  kComment,
  kClearMarks,
  kNewJournalEntry,
  kFind,
  kFirstTab, // one id per notebook tab from here
  kLastTab = kFirstTab + 5,
  kFocusClasses,
  kRefresh,
  kSynchronise,
  kSyncSettings,
  kSyncWhy,
  kShortcuts,
  kTerms,
  kShowWholeYear,
  kNextTerm,
  kImportStudents, // Class menu, Students tab and the first-start page: the import dialog
  kCopyClass,
  kDeleteAssessment,
  kAllPresent, // attendance: every student with nothing recorded is present
  kExport,     // File > Export…: the class's reports as files (gui/reports/export_dialog.h)
  kBackUpTo,     // File: a backup where the teacher chooses
  kRestoreFrom,  // File: restore a backup, with its preview
  kExportAllData, // File: one ZIP of all the teacher's data on this device
  // File: the server's export of the account, written by the daemon
  kExportAccountData,
  // Gradebook, a student's menu: the comment on the student's report card (comments_dialog.h)
  kReportComment,
};

} // namespace pupitre::gui::ids
