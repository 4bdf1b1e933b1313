#include "error_report.h"

#include "pupitre/error.h"

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

namespace {
// `sentence` in the catalog's language, with its translatable parts and the sentence within.
std::string translate(const Sentence& sentence)
{
  const wxString translated = wxGetTranslation(wxString::FromUTF8(sentence.text));
  auto args = sentence.args;
  for (std::size_t i = 0; i < args.size() && i < 32; ++i) {
    if (sentence.translatedArgs & (1u << i)) {
      args[i] = wxGetTranslation(wxString::FromUTF8(args[i])).utf8_string();
    }
  }
  if (sentence.detail && sentence.detail->text && !args.empty()) {
    args.back() = translate(*sentence.detail);
  }
  return fillSentence(translated.utf8_string(), args);
}
} // namespace

wxString describe(const std::exception& e)
{
  const auto* error = dynamic_cast<const Error*>(&e);
  if (!error || !error->sentence().text) {
    return wxString::FromUTF8(e.what());
  }
  return wxString::FromUTF8(translate(error->sentence()));
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
