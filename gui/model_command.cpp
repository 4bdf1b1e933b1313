#include "model_command.h"

#include "error_report.h"

#include <wx/app.h>

namespace pupitre::gui {

bool ModelCommand::Do()
{
  return run(m_do);
}

bool ModelCommand::Undo()
{
  return run(m_undo);
}

bool ModelCommand::run(const Action& action)
{
  wxString error;
  try {
    action();
  } catch (const std::exception& e) {
    error = describe(e); // in the teacher's language
  }
  if (m_refresh) {
    m_refresh();
  }
  if (!error.empty()) {
    // Not from inside a grid editor's callback: after it has returned.
    wxTheApp->CallAfter([error] { showError(nullptr, error); });
    return false;
  }
  return true;
}

bool AppCommands::Submit(wxCommand* command, bool storeIt)
{
  return changed(wxCommandProcessor::Submit(command, storeIt), false);
}

bool AppCommands::Undo()
{
  return changed(wxCommandProcessor::Undo(), true);
}

bool AppCommands::Redo()
{
  return changed(wxCommandProcessor::Redo(), true);
}

bool AppCommands::changed(bool done, bool undoRedo)
{
  if (done && onChange) {
    onChange(undoRedo);
  }
  return done;
}

} // namespace pupitre::gui
