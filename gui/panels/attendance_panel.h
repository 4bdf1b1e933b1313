#pragma once
// The Attendance tab. Day view: a date and a lesson (a class may meet more than once a day),
// one row per student, one key per state (P present, A absent, L late, J justified), moving to
// the next student; Shift+P marks everyone not yet recorded present; F2 or Enter types a note
// in the row. Term view: totals per student between two dates (or of one of the class's terms,
// chosen by name; every lesson counts), counted on the worker.
#include "class_page.h"
#include "pupitre/model/attendance.h"
#include "pupitre/model/students.h"
#include "pupitre/model/terms.h"

#include <wx/panel.h>

#include <map>
#include <string>
#include <vector>

class wxButton;
class wxChoice;
class wxDatePickerCtrl;
class wxTextCtrl;
class wxListView;
class wxRadioBox;
class wxDateEvent;

namespace pupitre::gui {

class AttendancePanel : public wxPanel, public ClassPage
{
public:
  AttendancePanel(wxWindow* parent, AppContext context);

  wxWindow* window() override { return this; }
  void showClass(const std::string& classId) override;
  void reload() override;
  bool handleCommand(int id) override;

  // The day shown, YYYY-MM-DD.
  std::string day() const;
  void setDay(const std::string& date);
  void showTerm(bool term);
  // The term view's dates, YYYY-MM-DD.
  void setTermDates(const std::string& from, const std::string& to);
  // Sets the state of the selected students (day view) and moves to the next one.
  void markSelected(model::AttendanceState state);
  // Marks present every student with nothing recorded for the lesson shown, as one undoable
  // step; absences and the other states stay as they are.
  void markAllPresent();
  // The lesson shown: its session ("" for the day's first).
  const std::string& lesson() const { return m_session; }
  void addLesson();
  // Opens the note editor over the row's Note cell: Enter saves (undoable), Escape cancels.
  void editNote(long row);
  wxTextCtrl* noteEditor() const { return m_noteEditor; }
  wxListView* list() const { return m_list; }
  // Totals of one of the class's terms (index in its terms): its dates go to From and To.
  void showTermTotals(int term);
  wxChoice* termChoice() const { return m_term; }

private:
  void fillDay();
  void fillLessons(const std::vector<std::string>& lessons);
  void closeNoteEditor(bool save);
  void saveNote(const std::string& studentId, const wxString& text);
  void loadTerm();
  void loadTerms();
  void onKey(wxKeyEvent& event);

  AppContext m_context;
  std::string m_classId;
  wxRadioBox* m_mode;
  wxDatePickerCtrl* m_date;
  wxDatePickerCtrl* m_from;
  wxDatePickerCtrl* m_to;
  wxChoice* m_term;                 // the class's terms, to fill From and To
  std::vector<model::Term> m_terms; // of the class shown
  wxChoice* m_lesson;
  wxButton* m_addLesson;
  wxButton* m_allPresent;
  wxListView* m_list;
  std::vector<std::string> m_lessons;      // the sessions of the day's lessons, as shown
  std::string m_session;                   // the lesson shown
  std::vector<std::string> m_addedLessons; // added for m_addedFor, with nothing recorded yet
  std::string m_addedFor;
  wxTextCtrl* m_noteEditor = nullptr;
  std::string m_noteStudent;
  std::vector<model::Student> m_students;
  std::map<std::string, model::AttendanceRecord> m_records; // by student id, for the day
  int m_generation = 0;
};

} // namespace pupitre::gui
