#include "translations.h"

#include <wx/filename.h>
#include <wx/intl.h>
#include <wx/stdpaths.h>
#include <wx/translation.h>
#include <wx/uilocale.h>

#include <clocale>
#include <cstring>

namespace pupitre::gui {

namespace {

wxArrayString folders()
{
  const wxString exeDir = wxFileName(wxStandardPaths::Get().GetExecutablePath()).GetPath();
  wxArrayString result;
  for (const wxString& relative : {wxString("locale"), wxString("../locale"),
                                   wxString("../../locale"), wxString("../share/locale")}) {
    wxFileName dir(exeDir + "/" + relative, "");
    dir.Normalize(wxPATH_NORM_DOTS | wxPATH_NORM_ABSOLUTE);
    if (dir.DirExists()) {
      result.Add(dir.GetPath());
    }
  }
  return result;
}

} // namespace

void useUtf8Locale()
{
  wxUILocale::UseDefault();
  const char* ctype = std::setlocale(LC_CTYPE, nullptr);
  if (!ctype || (!std::strstr(ctype, "UTF-8") && !std::strstr(ctype, "utf8"))) {
    std::setlocale(LC_CTYPE, "C.UTF-8");
  }
}

wxString catalogFolders()
{
  wxString text;
  for (const auto& f : folders()) {
    text << (text.empty() ? "" : ", ") << f;
  }
  return text;
}

bool setupTranslations(int language)
{
  for (const auto& f : folders()) {
    wxFileTranslationsLoader::AddCatalogLookupPathPrefix(f);
  }
  auto* translations = new wxTranslations;
  wxTranslations::Set(translations);
  if (language != wxLANGUAGE_DEFAULT) {
    translations->SetLanguage(static_cast<wxLanguage>(language));
  }
  translations->AddStdCatalog();
  return translations->AddCatalog("pupitre");
}

} // namespace pupitre::gui
