#include "panels/attendance_panel.h"

#include "error_report.h"
#include "ids.h"
#include "panels/attendance_register.h"
#include "worker.h"

#include <wx/app.h>
#include <wx/button.h>
#include <wx/choice.h>
#include <wx/cmdproc.h>
#include <wx/datectrl.h>
#include <wx/dateevt.h>
#include <wx/intl.h>
#include <wx/listctrl.h>
#include <wx/radiobox.h>
#include <wx/sizer.h>
#include <wx/stattext.h>
#include <wx/textctrl.h>

#include <algorithm>
#include <array>
#include <optional>

namespace pupitre::gui {

namespace {

wxString stateName(model::AttendanceState state)
{
  switch (state) {
  case model::AttendanceState::Present:
    return _("Present");
  case model::AttendanceState::Absent:
    return _("Absent");
  case model::AttendanceState::Late:
    return _("Late");
  case model::AttendanceState::Justified:
    return _("Justified");
  }
  return {};
}

wxColour stateColour(model::AttendanceState state)
{
  switch (state) {
  case model::AttendanceState::Present:
    return wxColour(0xE3, 0xF4, 0xE1);
  case model::AttendanceState::Absent:
    return wxColour(0xFB, 0xD5, 0xD5);
  case model::AttendanceState::Late:
    return wxColour(0xFF, 0xEE, 0xC7);
  case model::AttendanceState::Justified:
    return wxColour(0xDD, 0xE8, 0xF8);
  }
  return *wxWHITE;
}

std::string isoDate(const wxDatePickerCtrl* picker)
{
  return picker->GetValue().FormatISODate().utf8_string();
}

wxString studentName(const model::Student& s)
{
  return wxString::FromUTF8(s.familyName + (s.familyName.empty() ? "" : ", ") + s.givenName);
}

struct TermTotals
{
  std::vector<model::Student> students;
  std::map<std::string, std::array<int, 4>> counts; // by student: present, absent, late, justified
};

} // namespace

AttendancePanel::AttendancePanel(wxWindow* parent, AppContext context)
    : wxPanel(parent), m_context(context)
{
  const wxString modes[] = {_("Day"), _("Term totals")};
  m_mode = new wxRadioBox(this, wxID_ANY, {}, wxDefaultPosition, wxDefaultSize, 2, modes, 2);
  m_date = new wxDatePickerCtrl(this, wxID_ANY, wxDateTime::Today());
  wxDateTime termStart = wxDateTime::Today();
  termStart.Subtract(wxDateSpan::Months(3));
  m_from = new wxDatePickerCtrl(this, wxID_ANY, termStart);
  m_to = new wxDatePickerCtrl(this, wxID_ANY, wxDateTime::Today());
  m_term = new wxChoice(this, wxID_ANY, wxDefaultPosition, wxDefaultSize, 0, nullptr, 0,
                        wxDefaultValidator, "attendance_term");
  m_term->Bind(wxEVT_CHOICE,
               [this](wxCommandEvent&) { showTermTotals(m_term->GetSelection() - 1); });
  m_lesson = new wxChoice(this, wxID_ANY, wxDefaultPosition, wxDefaultSize, 0, nullptr, 0,
                          wxDefaultValidator, "lesson");
  m_lesson->SetToolTip(_("The lesson of the day shown, when the class meets more than once"));
  m_addLesson = new wxButton(this, wxID_ANY, _("Add &lesson"));
  m_addLesson->SetToolTip(_("Another lesson of this class on the same day"));
  m_allPresent = new wxButton(this, ids::kAllPresent, _("All &present"));
  m_allPresent->SetToolTip(_("Marks present every student with nothing recorded for this "
                             "lesson; absences stay (Shift+P, Ctrl+Shift+P)"));
  m_list = new wxListView(this, wxID_ANY, wxDefaultPosition, wxDefaultSize, wxLC_REPORT);

  m_mode->Bind(wxEVT_RADIOBOX, [this](wxCommandEvent&) { showTerm(m_mode->GetSelection() == 1); });
  m_date->Bind(wxEVT_DATE_CHANGED, [this](wxDateEvent&) { reload(); });
  m_from->Bind(wxEVT_DATE_CHANGED, [this](wxDateEvent&) { reload(); });
  m_to->Bind(wxEVT_DATE_CHANGED, [this](wxDateEvent&) { reload(); });
  m_lesson->Bind(wxEVT_CHOICE, [this](wxCommandEvent&) {
    const int index = m_lesson->GetSelection();
    if (index >= 0 && index < static_cast<int>(m_lessons.size())) {
      m_session = m_lessons[static_cast<std::size_t>(index)];
      reload();
    }
  });
  m_addLesson->Bind(wxEVT_BUTTON, [this](wxCommandEvent&) { addLesson(); });
  m_allPresent->Bind(wxEVT_BUTTON, [this](wxCommandEvent&) { markAllPresent(); });
  m_list->Bind(wxEVT_KEY_DOWN, &AttendancePanel::onKey, this);
  m_list->Bind(wxEVT_LIST_ITEM_ACTIVATED, [this](wxListEvent& e) { editNote(e.GetIndex()); });

  auto* bar = new wxBoxSizer(wxHORIZONTAL);
  bar->Add(m_mode, 0, wxALIGN_CENTRE_VERTICAL | wxRIGHT, FromDIP(12));
  bar->Add(new wxStaticText(this, wxID_ANY, _("&Date:")), 0, wxALIGN_CENTRE_VERTICAL | wxRIGHT, 4);
  bar->Add(m_date, 0, wxALIGN_CENTRE_VERTICAL | wxRIGHT, FromDIP(16));
  bar->Add(new wxStaticText(this, wxID_ANY, _("&From:")), 0, wxALIGN_CENTRE_VERTICAL | wxRIGHT, 4);
  bar->Add(m_from, 0, wxALIGN_CENTRE_VERTICAL | wxRIGHT, FromDIP(8));
  bar->Add(new wxStaticText(this, wxID_ANY, _("&To:")), 0, wxALIGN_CENTRE_VERTICAL | wxRIGHT, 4);
  bar->Add(m_to, 0, wxALIGN_CENTRE_VERTICAL | wxRIGHT, FromDIP(8));
  bar->Add(m_term, 0, wxALIGN_CENTRE_VERTICAL);
  auto* lessons = new wxBoxSizer(wxHORIZONTAL);
  lessons->Add(new wxStaticText(this, wxID_ANY, _("Lesso&n:")), 0,
               wxALIGN_CENTRE_VERTICAL | wxRIGHT, 4);
  lessons->Add(m_lesson, 0, wxALIGN_CENTRE_VERTICAL | wxRIGHT, FromDIP(6));
  lessons->Add(m_addLesson, 0, wxALIGN_CENTRE_VERTICAL | wxRIGHT, FromDIP(16));
  lessons->Add(m_allPresent, 0, wxALIGN_CENTRE_VERTICAL);
  auto* sizer = new wxBoxSizer(wxVERTICAL);
  sizer->Add(bar, 0, wxALL, FromDIP(6));
  sizer->Add(lessons, 0, wxLEFT | wxRIGHT | wxBOTTOM, FromDIP(6));
  sizer->Add(m_list, 1, wxEXPAND | wxLEFT | wxRIGHT, FromDIP(6));
  sizer->Add(new wxStaticText(this, wxID_ANY,
                              _("Keys: P present, A absent, L late, J justified; Shift+P everyone "
                                "not yet recorded present; F2 or Enter types a note.")),
             0, wxALL, FromDIP(6));
  SetSizer(sizer);
  showTerm(false);
}

void AttendancePanel::showClass(const std::string& classId)
{
  m_classId = classId;
  loadTerms();
  reload();
}

void AttendancePanel::loadTerms()
{
  const std::string classId = m_classId;
  m_context.worker.run<std::vector<model::Term>>(
      [classId](store::Database& db) {
        return classId.empty() ? std::vector<model::Term>{} : model::Terms(db).list(classId);
      },
      [this, classId](std::vector<model::Term>& terms) {
        if (classId != m_classId) {
          return;
        }
        m_terms = std::move(terms);
        m_term->Clear();
        m_term->Append(_("Other dates"));
        for (const auto& t : m_terms) {
          m_term->Append(wxString::FromUTF8(t.name));
        }
        m_term->SetSelection(0);
        m_term->Enable(m_mode->GetSelection() == 1 && !m_terms.empty());
        Layout();
      });
}

void AttendancePanel::showTermTotals(int term)
{
  if (term < 0 || term >= static_cast<int>(m_terms.size())) {
    return;
  }
  const auto& t = m_terms[static_cast<std::size_t>(term)];
  wxDateTime start, end;
  if (!start.ParseISODate(wxString::FromUTF8(t.start)) ||
      !end.ParseISODate(wxString::FromUTF8(t.end))) {
    return;
  }
  m_term->SetSelection(term + 1);
  if (m_mode->GetSelection() != 1) {
    showTerm(true);
  }
  m_from->SetValue(start);
  m_to->SetValue(end);
  reload();
}

std::string AttendancePanel::day() const
{
  return isoDate(m_date);
}

void AttendancePanel::setDay(const std::string& date)
{
  wxDateTime value;
  if (value.ParseISODate(wxString::FromUTF8(date))) {
    m_date->SetValue(value);
    reload();
  }
}

void AttendancePanel::setTermDates(const std::string& from, const std::string& to)
{
  wxDateTime start, end;
  if (start.ParseISODate(wxString::FromUTF8(from)) && end.ParseISODate(wxString::FromUTF8(to))) {
    m_from->SetValue(start);
    m_to->SetValue(end);
    reload();
  }
}

void AttendancePanel::showTerm(bool term)
{
  m_mode->SetSelection(term ? 1 : 0);
  m_date->Enable(!term);
  m_lesson->Enable(!term);
  m_addLesson->Enable(!term);
  m_allPresent->Enable(!term);
  m_from->Enable(term);
  m_to->Enable(term);
  m_term->Enable(term && !m_terms.empty());
  m_list->ClearAll();
  m_list->AppendColumn(_("Student"), wxLIST_FORMAT_LEFT, FromDIP(240));
  if (term) {
    for (const auto& title : {_("Present"), _("Absent"), _("Late"), _("Justified")}) {
      m_list->AppendColumn(title, wxLIST_FORMAT_RIGHT, FromDIP(90));
    }
    m_list->AppendColumn(_("Absences %"), wxLIST_FORMAT_RIGHT, FromDIP(100));
  } else {
    m_list->AppendColumn(_("State"), wxLIST_FORMAT_LEFT, FromDIP(140));
    m_list->AppendColumn(_("Note"), wxLIST_FORMAT_LEFT, FromDIP(300));
  }
  reload();
}

void AttendancePanel::reload()
{
  if (m_mode->GetSelection() == 1) {
    loadTerm();
    return;
  }
  m_students = m_classId.empty() ? std::vector<model::Student>{}
                                 : model::Students(m_context.db).list(m_classId);
  m_records.clear();
  if (m_addedFor != day()) {
    m_addedLessons.clear();
    m_addedFor = day();
  }
  std::vector<std::string> lessons = m_addedLessons;
  lessons.emplace_back(); // the first lesson is always there
  std::vector<model::AttendanceRecord> records;
  if (!m_classId.empty()) {
    records = model::Attendance(m_context.db).list(m_classId, day(), day());
  }
  for (const auto& r : records) {
    lessons.push_back(r.session);
  }
  sortLessons(lessons);
  if (std::find(lessons.begin(), lessons.end(), m_session) == lessons.end()) {
    m_session.clear(); // another day: its first lesson
  }
  for (auto& r : records) {
    if (r.session == m_session) {
      m_records[r.studentId] = std::move(r);
    }
  }
  fillLessons(lessons);
  fillDay();
}

void AttendancePanel::fillLessons(const std::vector<std::string>& lessons)
{
  if (lessons != m_lessons ||
      static_cast<int>(m_lesson->GetCount()) != static_cast<int>(lessons.size())) {
    m_lessons = lessons;
    m_lesson->Clear();
    for (const auto& session : m_lessons) {
      m_lesson->Append(lessonLabel(session));
    }
  }
  const auto shown = std::find(m_lessons.begin(), m_lessons.end(), m_session);
  m_lesson->SetSelection(static_cast<int>(shown - m_lessons.begin()));
}

void AttendancePanel::addLesson()
{
  if (m_mode->GetSelection() == 1) {
    return;
  }
  m_session = nextLesson(m_lessons);
  m_addedLessons.push_back(m_session);
  reload();
  m_list->SetFocus();
}

void AttendancePanel::fillDay()
{
  std::vector<long> selected;
  for (long i = m_list->GetFirstSelected(); i >= 0; i = m_list->GetNextSelected(i)) {
    selected.push_back(i);
  }
  const long focused = m_list->GetFocusedItem();
  m_list->Freeze();
  m_list->DeleteAllItems();
  for (std::size_t i = 0; i < m_students.size(); ++i) {
    const long row = m_list->InsertItem(static_cast<long>(i), studentName(m_students[i]));
    const auto found = m_records.find(m_students[i].id);
    if (found != m_records.end()) {
      m_list->SetItem(row, 1, stateName(found->second.state));
      m_list->SetItem(row, 2, wxString::FromUTF8(found->second.note));
      m_list->SetItemBackgroundColour(row, stateColour(found->second.state));
    } else {
      m_list->SetItem(row, 1, _("not recorded"));
    }
  }
  for (long row : selected) {
    if (row < m_list->GetItemCount()) {
      m_list->Select(row);
    }
  }
  if (focused >= 0 && focused < m_list->GetItemCount()) {
    m_list->Focus(focused);
  }
  m_list->Thaw();
}

void AttendancePanel::loadTerm()
{
  const int generation = ++m_generation;
  const std::string classId = m_classId, from = isoDate(m_from), to = isoDate(m_to);
  m_context.worker.run<TermTotals>(
      [classId, from, to](store::Database& db) {
        TermTotals totals;
        if (classId.empty()) {
          return totals;
        }
        totals.students = model::Students(db).list(classId);
        for (const auto& r : model::Attendance(db).list(classId, from, to)) {
          ++totals.counts[r.studentId][static_cast<std::size_t>(r.state)];
        }
        return totals;
      },
      [this, generation](TermTotals& totals) {
        if (generation != m_generation || m_mode->GetSelection() != 1) {
          return;
        }
        m_list->Freeze();
        m_list->DeleteAllItems();
        for (std::size_t i = 0; i < totals.students.size(); ++i) {
          const auto& s = totals.students[i];
          const long row = m_list->InsertItem(static_cast<long>(i), studentName(s));
          const auto counts = totals.counts[s.id];
          int all = 0;
          for (int c = 0; c < 4; ++c) {
            m_list->SetItem(row, c + 1,
                            wxString::Format("%d", counts[static_cast<std::size_t>(c)]));
            all += counts[static_cast<std::size_t>(c)];
          }
          const int absent = counts[1] + counts[3];
          m_list->SetItem(row, 5, all ? wxString::Format("%.1f", 100.0 * absent / all) : "—");
        }
        m_list->Thaw();
      });
}

void AttendancePanel::markSelected(model::AttendanceState state)
{
  if (m_mode->GetSelection() == 1) {
    return;
  }
  std::vector<RegisterChange> changes;
  long last = -1;
  for (long i = m_list->GetFirstSelected(); i >= 0; i = m_list->GetNextSelected(i)) {
    const auto& id = m_students[static_cast<std::size_t>(i)].id;
    const auto found = m_records.find(id);
    changes.push_back({id, found == m_records.end() ? std::nullopt : std::optional(found->second),
                       state, std::nullopt});
    last = i;
  }
  if (changes.empty()) {
    return;
  }
  const bool one = changes.size() == 1;
  m_context.commands.Submit(registerCommand(wxString::Format(_("Mark %s"), stateName(state)),
                                            m_context.db, day(), m_session, std::move(changes),
                                            [this] { reload(); }));
  // On to the next student, as on a paper register.
  if (one && last + 1 < m_list->GetItemCount()) {
    m_list->Select(last, false);
    m_list->Select(last + 1);
    m_list->Focus(last + 1);
  }
}

void AttendancePanel::markAllPresent()
{
  if (m_mode->GetSelection() == 1 || m_classId.empty()) {
    return;
  }
  std::vector<RegisterChange> changes;
  for (const auto& s : m_students) {
    if (m_records.count(s.id) == 0) {
      changes.push_back({s.id, std::nullopt, model::AttendanceState::Present, std::nullopt});
    }
  }
  if (changes.empty()) {
    return; // everyone has a state already
  }
  m_context.commands.Submit(registerCommand(_("Mark all present"), m_context.db, day(), m_session,
                                            std::move(changes), [this] { reload(); }));
}

void AttendancePanel::editNote(long row)
{
  if (m_mode->GetSelection() == 1 || row < 0 || row >= static_cast<long>(m_students.size())) {
    return;
  }
  closeNoteEditor(true);
  wxRect cell;
  if (!m_list->GetSubItemRect(row, 2, cell)) {
    return;
  }
  m_list->EnsureVisible(row);
  m_noteStudent = m_students[static_cast<std::size_t>(row)].id;
  const auto found = m_records.find(m_noteStudent);
  const wxString note =
      found == m_records.end() ? wxString() : wxString::FromUTF8(found->second.note);
  // GetSubItemRect is in the list's coordinates, header included; the editor is its child.
  m_noteEditor =
      new wxTextCtrl(m_list, wxID_ANY, note, cell.GetPosition(),
                     wxSize(std::max(cell.width, FromDIP(200)), cell.height), wxTE_PROCESS_ENTER);
  m_noteEditor->SetInsertionPointEnd();
  m_noteEditor->SetFocus();
  m_noteEditor->Bind(wxEVT_TEXT_ENTER, [this](wxCommandEvent&) { closeNoteEditor(true); });
  m_noteEditor->Bind(wxEVT_KEY_DOWN, [this](wxKeyEvent& e) {
    if (e.GetKeyCode() == WXK_ESCAPE) {
      closeNoteEditor(false);
    } else {
      e.Skip();
    }
  });
  m_noteEditor->Bind(wxEVT_KILL_FOCUS, [this](wxFocusEvent& e) {
    e.Skip();
    CallAfter([this] { closeNoteEditor(true); }); // clicking elsewhere keeps what was typed
  });
}

void AttendancePanel::closeNoteEditor(bool save)
{
  if (!m_noteEditor) {
    return;
  }
  auto* editor = m_noteEditor;
  m_noteEditor = nullptr;
  const wxString text = editor->GetValue();
  editor->Hide();
  wxTheApp->ScheduleForDestruction(editor); // we may be inside one of its events
  // Once the key that closed it is handled: Enter must not reach the list (it opens a note).
  CallAfter([this] { m_list->SetFocus(); });
  if (save) {
    saveNote(m_noteStudent, text);
  }
}

void AttendancePanel::saveNote(const std::string& studentId, const wxString& text)
{
  const auto found = m_records.find(studentId);
  const std::string note = text.utf8_string();
  if (found == m_records.end() ? note.empty() : found->second.note == note) {
    return;
  }
  // A note on a student with nothing recorded records them present with it.
  RegisterChange change{
      studentId, found == m_records.end() ? std::nullopt : std::optional(found->second),
      found == m_records.end() ? model::AttendanceState::Present : found->second.state, note};
  m_context.commands.Submit(registerCommand(_("Edit attendance note"), m_context.db, day(),
                                            m_session, {change}, [this] { reload(); }));
}

bool AttendancePanel::handleCommand(int id)
{
  if (id == ids::kAllPresent) {
    markAllPresent();
    return true;
  }
  return false;
}

void AttendancePanel::onKey(wxKeyEvent& event)
{
  switch (event.GetKeyCode()) {
  case 'P':
    if (event.ShiftDown() && !event.ControlDown()) {
      markAllPresent();
    } else {
      markSelected(model::AttendanceState::Present);
    }
    break;
  case 'N':
  case WXK_F2:
    editNote(m_list->GetFocusedItem() >= 0 ? m_list->GetFocusedItem() : m_list->GetFirstSelected());
    break;
  case 'A':
    if (event.ControlDown()) {
      event.Skip(); // select all
      return;
    }
    markSelected(model::AttendanceState::Absent);
    break;
  case 'L':
    markSelected(model::AttendanceState::Late);
    break;
  case 'J':
    markSelected(model::AttendanceState::Justified);
    break;
  default:
    event.Skip();
  }
}

} // namespace pupitre::gui
