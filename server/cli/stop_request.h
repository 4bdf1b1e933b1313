#pragma once
// How `pupitre-server serve` learns that it should stop: SIGTERM or SIGINT on POSIX (blocked in
// every thread, so construct this before any thread starts, and awaited with sigwait); on
// Windows Ctrl+C, Ctrl+Break, the console closing (a console control handler) or
// Poco::Process::requestTermination(pid), as for pupitred.
#include <string>

namespace pupitre::server::cli {

class StopRequest
{
public:
  // Blocks the termination signals in this thread and the threads it starts (POSIX), or
  // installs the console control handler (Windows). One StopRequest per process.
  StopRequest();
  ~StopRequest();
  StopRequest(const StopRequest&) = delete;
  StopRequest& operator=(const StopRequest&) = delete;

  // Waits for the request; returns what it was, for the log ("signal 15", "Ctrl+C").
  std::string wait();
  // Says that the server has stopped, so a closing console (Windows) need not wait longer.
  void stopped();
};

} // namespace pupitre::server::cli
