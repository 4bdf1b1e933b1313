#include "gui_sync_fixture.h"

#include "support/process.h"

#include <boost/test/unit_test.hpp>
#include <wx/app.h>
#include <wx/evtloop.h>
#include <wx/filename.h>
#include <wx/init.h>
#include <wx/stdpaths.h>
#include <wx/translation.h>

#include <filesystem>
#include <thread>

namespace pupitre::test {
namespace {

wxGUIEventLoop* g_loop = nullptr;

} // namespace

WxRuntime::WxRuntime()
{
  static char name[] = "gui_sync_tests";
  static char* argv[] = {name, nullptr};
  int argc = 1;
  wxApp::SetInstance(new wxApp);
  if (!wxEntryStart(argc, argv) || !wxTheApp->CallOnInit()) {
    throw std::runtime_error("wxWidgets did not start (is DISPLAY set? run under xvfb-run)");
  }
  wxTheApp->SetExitOnFrameDelete(false);
  g_loop = new wxGUIEventLoop;
  wxEventLoopBase::SetActive(g_loop);
}

WxRuntime::~WxRuntime()
{
  pumpFor(std::chrono::milliseconds(100));
  wxEventLoopBase::SetActive(nullptr);
  delete g_loop;
  wxTheApp->OnExit();
  wxEntryCleanup();
}

bool pumpUntil(const std::function<bool()>& done, std::chrono::milliseconds timeout)
{
  const auto deadline = std::chrono::steady_clock::now() + timeout;
  for (;;) {
    while (g_loop->Pending()) {
      g_loop->Dispatch();
    }
    wxTheApp->ProcessPendingEvents();
    wxTheApp->ProcessIdle(); // idle handlers and windows waiting for deletion
    if (done()) {
      return true;
    }
    if (std::chrono::steady_clock::now() > deadline) {
      return false;
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
}

void pumpFor(std::chrono::milliseconds duration)
{
  const auto until = std::chrono::steady_clock::now() + duration;
  pumpUntil([until] { return std::chrono::steady_clock::now() > until; }, duration * 2);
}

SpanishCatalog::SpanishCatalog()
{
  const wxString exeDir = wxFileName(wxStandardPaths::Get().GetExecutablePath()).GetPath();
  wxFileTranslationsLoader::AddCatalogLookupPathPrefix(exeDir + "/../../locale");
  auto* translations = new wxTranslations;
  wxTranslations::Set(translations);
  translations->SetLanguage(wxLANGUAGE_SPANISH);
  loaded = translations->AddCatalog("pupitre");
}

SpanishCatalog::~SpanishCatalog()
{
  wxTranslations::Set(nullptr);
}

std::string screenshot(wxWindow* window, const std::string& name)
{
  window->Raise();
  window->Update();
  pumpFor(std::chrono::milliseconds(400));
  const wxRect rect = window->GetScreenRect();
  std::filesystem::create_directories(GUI_SYNC_SCREENSHOTS);
  const std::string file = std::string(GUI_SYNC_SCREENSHOTS) + "/" + name + ".png";
  const std::string crop = std::to_string(rect.width) + "x" + std::to_string(rect.height) + "+" +
                           std::to_string(rect.x) + "+" + std::to_string(rect.y);
  const auto result =
      runProcess("/usr/bin/import", {"-window", "root", "-crop", crop, "+repage", file});
  if (result.exitCode != 0) {
    BOOST_TEST_MESSAGE("screenshot " << name << " failed: " << result.err);
    return {};
  }
  return file;
}

ServerWithAccount::ServerWithAccount(const Sandbox& sandbox, const std::string& licence)
{
  const std::string data = sandbox.path("server");
  std::vector<std::string> args{"--data", data, "user", "add", kEmail, "--licence", licence};
  if (licence == "multi") {
    args.insert(args.end(), {"--devices", "3"});
  }
  const auto added = serverCommand(args, std::string(kPassword) + "\n");
  BOOST_REQUIRE_MESSAGE(added.exitCode == 0, "user add failed: " << added.err);
  server = std::make_unique<ServerProcess>(data);
}

} // namespace pupitre::test
