#pragma once
// What the main frame knows of each tab: the class it shows, and a reload that keeps the
// teacher's place (selection, the cell being edited) when another writer changed the data.
#include <string>

class wxCommandProcessor;
class wxWindow;

namespace pupitre::store {
class Database;
}

namespace pupitre::gui {

class Worker;

// What every screen is built with.
struct AppContext
{
  store::Database& db;
  Worker& worker;
  wxCommandProcessor& commands;
};

class ClassPage
{
public:
  virtual ~ClassPage() = default;
  virtual wxWindow* window() = 0;
  // `classId` empty: no class selected.
  virtual void showClass(const std::string& classId) = 0;
  virtual void reload() = 0;
  // A menu command the frame forwards to the visible page; false if the page has none.
  virtual bool handleCommand(int /*id*/) { return false; }
};

} // namespace pupitre::gui
