#include "error_report.h"

#include <wx/intl.h>
#include <wx/msgdlg.h>

namespace pupitre::gui {

namespace {
std::function<void(const wxString&)>& sink()
{
  static std::function<void(const wxString&)> instance;
  return instance;
}
} // namespace

void setErrorSink(std::function<void(const wxString&)> errorSink)
{
  sink() = std::move(errorSink);
}

void showError(wxWindow* parent, const wxString& message)
{
  if (sink()) {
    sink()(message);
    return;
  }
  wxMessageBox(message, _("Pupitre"), wxOK | wxICON_ERROR, parent);
}

} // namespace pupitre::gui
