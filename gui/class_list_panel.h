#pragma once
// The classes on the left of the main window, each with its colour: add, rename, archive and
// colour them (undoable), and show or hide the archived ones.
#include "class_page.h"
#include "pupitre/model/classes.h"

#include <wx/panel.h>

#include <functional>
#include <string>
#include <vector>

class wxCheckBox;
class wxImageList;
class wxListCtrl;

namespace pupitre::gui {

class ClassListPanel : public wxPanel
{
public:
  ClassListPanel(wxWindow* parent, AppContext context);

  // Called with the selected class id ("" when none) whenever the selection changes.
  std::function<void(const std::string&)> onSelect;

  const std::string& selectedClass() const { return m_selected; }
  void select(const std::string& classId);
  void selectFirst();
  std::vector<std::string> classIds() const;
  // Reads the list again, keeping the selection.
  void reload();
  // The Class menu's add/rename/archive/colour and View's archived switch.
  bool handleCommand(int id);
  wxListCtrl* list() const { return m_list; }
  // What "New class from this one…" does once named (undoable): a class with the selected
  // one's categories and assessments, selected. Returns its id.
  std::string copyClass(const std::string& name);

private:
  void addClass();
  void renameClass();
  void archiveClass();
  void colourClass();
  void copyClass();
  void submit(const wxString& name, std::function<void()> doIt, std::function<void()> undoIt);
  const model::SchoolClass* selected() const;

  AppContext m_context;
  wxListCtrl* m_list;
  wxCheckBox* m_showArchived;
  wxImageList* m_swatches;
  std::vector<model::SchoolClass> m_classes;
  std::string m_selected;
};

} // namespace pupitre::gui
