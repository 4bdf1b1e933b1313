#include "single_instance.h"

#include <wx/app.h>
#include <wx/filename.h>
#include <wx/ipc.h>
#include <wx/utils.h>

#include <cstdlib>

namespace pupitre::gui {

namespace {

constexpr const char* kTopic = "pupitre";
constexpr const char* kRaise = "raise";

wxString runtimeFolder()
{
  const char* runtime = std::getenv("XDG_RUNTIME_DIR");
  if (runtime && *runtime && wxDirExists(runtime)) {
    return runtime;
  }
  return wxFileName::GetTempDir();
}

// Where the "raise" endpoint lives: a Unix socket in the runtime folder; on Windows wx IPC is
// DDE, whose services have names, not files.
wxString serviceName(const wxString& name)
{
#ifdef __WXMSW__
  return name + "-" + wxGetUserId();
#else
  return runtimeFolder() + "/" + name + "-" + wxGetUserId() + ".ipc";
#endif
}

class RaiseConnection : public wxConnection
{
public:
  explicit RaiseConnection(std::function<void()> raise) : m_raise(std::move(raise)) {}
  bool OnExec(const wxString&, const wxString& data) override
  {
    if (data == kRaise && m_raise) {
      wxTheApp->CallAfter(m_raise);
    }
    return true;
  }

private:
  std::function<void()> m_raise;
};

class RaiseServer : public wxServer
{
public:
  explicit RaiseServer(std::function<void()> raise) : m_raise(std::move(raise)) {}
  wxConnectionBase* OnAcceptConnection(const wxString& topic) override
  {
    return topic == kTopic ? new RaiseConnection(m_raise) : nullptr;
  }

private:
  std::function<void()> m_raise;
};

} // namespace

SingleInstance::SingleInstance(const wxString& name)
    : m_service(serviceName(name)), m_checker(name + "-" + wxGetUserId() + ".lock", runtimeFolder())
{
}

SingleInstance::~SingleInstance()
{
  if (m_server) {
    m_server.reset();
#ifndef __WXMSW__
    wxRemoveFile(m_service);
#endif
  }
}

bool SingleInstance::raiseOther() const
{
  wxClient client;
  std::unique_ptr<wxConnectionBase> connection(
      client.MakeConnection("localhost", m_service, kTopic));
  return connection && connection->Execute(kRaise);
}

void SingleInstance::serve(std::function<void()> raise)
{
#ifndef __WXMSW__
  if (wxFileExists(m_service)) {
    wxRemoveFile(m_service); // left by an instance that crashed (the checker says none runs)
  }
#endif
  m_server = std::make_unique<RaiseServer>(std::move(raise));
  if (!m_server->Create(m_service)) {
    m_server.reset();
  }
}

} // namespace pupitre::gui
