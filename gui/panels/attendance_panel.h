#pragma once
// The Attendance tab. Day view: a date, one row per student, one key per state (P present,
// A absent, L late, J justified), moving to the next student. Term view: totals per student
// between two dates (or of one of the class's terms, chosen by name), counted on the worker.
#include "class_page.h"
#include "pupitre/model/attendance.h"
#include "pupitre/model/students.h"
#include "pupitre/model/terms.h"

#include <wx/panel.h>

#include <map>
#include <string>
#include <vector>

class wxChoice;
class wxDatePickerCtrl;
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

  // The day shown, YYYY-MM-DD.
  std::string day() const;
  void setDay(const std::string& date);
  void showTerm(bool term);
  // Sets the state of the selected students (day view) and moves to the next one.
  void markSelected(model::AttendanceState state);
  wxListView* list() const { return m_list; }
  // Totals of one of the class's terms (index in its terms): its dates go to From and To.
  void showTermTotals(int term);
  wxChoice* termChoice() const { return m_term; }

private:
  void fillDay();
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
  wxListView* m_list;
  std::vector<model::Student> m_students;
  std::map<std::string, model::AttendanceRecord> m_records; // by student id, for the day
  int m_generation = 0;
};

} // namespace pupitre::gui
