#pragma once
// The one place where an exception becomes something the teacher reads (conventions.md,
// "Catch at the edges only"): a message box, or the sink a test installs instead.
#include <wx/string.h>

#include <exception>
#include <functional>

class wxWindow;

namespace pupitre::gui {

// Shows `message` (a sentence from the core or the app) in an error box over `parent`.
void showError(wxWindow* parent, const wxString& message);

// Tests replace the message box so nothing modal blocks them; empty restores the box.
void setErrorSink(std::function<void(const wxString&)> sink);

// What `e` says, in the teacher's language: a core error made from a Sentence is looked up
// in the catalog (its English is the msgid) and filled with its parts; others as they are.
wxString describe(const std::exception& e);

// Runs `action`; an exception is shown with showError. True when it succeeded.
template <class Action> bool reportErrors(wxWindow* parent, Action&& action)
{
  try {
    action();
    return true;
  } catch (const std::exception& e) {
    showError(parent, describe(e));
    return false;
  }
}

} // namespace pupitre::gui
