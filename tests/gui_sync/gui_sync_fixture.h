#pragma once
// What the gui_sync tests share: wx started once for the whole run (an app object and an
// event loop, no main loop: tests pump events themselves), pumping until something holds,
// screenshots of a window, and an account on a real pupitre-server.
#include "server_process.h"
#include "support/sandbox.h"
#include "sync/daemon_link.h"

#include <chrono>
#include <functional>
#include <memory>
#include <string>

class wxWindow;

namespace pupitre::test {

struct WxRuntime
{
  WxRuntime();
  ~WxRuntime();
};

// Handles wx events (CallAfter, paints) until `done` holds or `timeout` passes; returns `done`.
bool pumpUntil(const std::function<bool()>& done,
               std::chrono::milliseconds timeout = std::chrono::seconds(30));
void pumpFor(std::chrono::milliseconds duration);

// Saves what `window` shows (from the X server) as <build>/screenshots/NAME.png; returns the
// file, empty when it could not be taken.
std::string screenshot(wxWindow* window, const std::string& name);

// A window by its name inside `parent`, cast to T (nullptr when missing).
template <typename T> T* child(wxWindow* parent, const char* name);

// The app's Spanish catalog (<build>/locale) for as long as the guard lives; `loaded` says
// whether it was found.
struct SpanishCatalog
{
  SpanishCatalog();
  ~SpanishCatalog();
  SpanishCatalog(const SpanishCatalog&) = delete;
  SpanishCatalog& operator=(const SpanishCatalog&) = delete;
  bool loaded = false;
};

// Waits for a DaemonLink request's answer, pumping wx events meanwhile.
struct Answer
{
  bool arrived = false;
  std::string error;
  gui::DaemonLink::Done done()
  {
    return [this](const std::string& e) {
      arrived = true;
      error = e;
    };
  }
  bool wait(std::chrono::seconds timeout = std::chrono::seconds(60))
  {
    return pumpUntil([this] { return arrived; }, timeout);
  }
};

// pupitre-server on a sandbox with one multi-device account (3 devices).
struct ServerWithAccount
{
  static constexpr const char* kEmail = "ana@school.es";
  static constexpr const char* kPassword = "a long password";

  explicit ServerWithAccount(const Sandbox& sandbox, const std::string& licence = "multi");
  std::string url() const { return server->url(); }
  std::unique_ptr<ServerProcess> server;
};

} // namespace pupitre::test

#include <wx/window.h>

template <typename T> T* pupitre::test::child(wxWindow* parent, const char* name)
{
  return dynamic_cast<T*>(wxWindow::FindWindowByName(name, parent));
}
