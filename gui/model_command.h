#pragma once
// An undoable edit for wxCommandProcessor: two calls into the model (do, undo) and what to
// refresh afterwards. A failed call is shown to the teacher and leaves the history unchanged.
#include <wx/cmdproc.h>

#include <functional>

namespace pupitre::gui {

class ModelCommand : public wxCommand
{
public:
  using Action = std::function<void()>;
  ModelCommand(const wxString& name, Action doIt, Action undoIt, Action refresh)
      : wxCommand(true, name), m_do(std::move(doIt)), m_undo(std::move(undoIt)),
        m_refresh(std::move(refresh))
  {
  }

  bool Do() override;
  bool Undo() override;

private:
  bool run(const Action& action);

  Action m_do;
  Action m_undo;
  Action m_refresh;
};

// The app's undo history: it also says when a command was done, undone or redone, so the
// window can refresh the screens that show what changed (`undoRedo`: the change may belong
// to another screen than the one that is visible).
class AppCommands : public wxCommandProcessor
{
public:
  explicit AppCommands(int maxCommands) : wxCommandProcessor(maxCommands) {}

  std::function<void(bool undoRedo)> onChange;

  bool Submit(wxCommand* command, bool storeIt = true) override;
  bool Undo() override;
  bool Redo() override;

private:
  bool changed(bool done, bool undoRedo);
};

} // namespace pupitre::gui
