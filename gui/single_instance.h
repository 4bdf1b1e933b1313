#pragma once
// One `pupitre` per OS user: a second start asks the running one to show its window and
// exits. A wxSingleInstanceChecker (a named mutex on Windows) tells whether one runs; a small
// wx IPC server on a Unix socket in the user's runtime folder (a DDE service on Windows)
// carries the "raise" request.
#include <wx/defs.h>
#include <wx/ipc.h>
#include <wx/snglinst.h>
#include <wx/string.h>

#include <functional>
#include <memory>

namespace pupitre::gui {

class SingleInstance
{
public:
  // `name` separates instances (tests use their own).
  explicit SingleInstance(const wxString& name);
  ~SingleInstance();

  bool anotherIsRunning() const { return m_checker.IsAnotherRunning(); }
  // Asks the running instance to show its window; false if it could not be reached.
  bool raiseOther() const;
  // Serves the requests of later starts: `raise` runs on the GUI thread.
  void serve(std::function<void()> raise);

private:
  wxString m_service;
  wxSingleInstanceChecker m_checker;
  std::unique_ptr<wxServer> m_server;
};

} // namespace pupitre::gui
