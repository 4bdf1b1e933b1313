#pragma once
// Queries that could be slow run here, off the GUI thread (conventions.md, "Threads"): one
// thread with its own connection to the database file, jobs in order, each result handed back
// to the GUI thread with CallAfter. Destroying the worker drops results not delivered yet.
#include "pupitre/store/database.h"

#include <wx/event.h>

#include <atomic>
#include <condition_variable>
#include <deque>
#include <functional>
#include <memory>
#include <mutex>
#include <string>
#include <thread>

namespace pupitre::gui {

class Worker : public wxEvtHandler
{
public:
  explicit Worker(std::string databasePath);
  ~Worker() override;

  // Runs `job` on the worker's connection, then `done` with its result on the GUI thread. An
  // exception from the job is shown with showError instead.
  template <class Result>
  void run(std::function<Result(store::Database&)> job, std::function<void(Result&)> done)
  {
    auto result = std::make_shared<Result>();
    post([result, job = std::move(job)](store::Database& db) { *result = job(db); },
         [result, done = std::move(done)] { done(*result); });
  }

  // Jobs posted whose results were not delivered yet (tests wait for 0).
  int pending() const { return m_pending.load(); }

private:
  void post(std::function<void(store::Database&)> job, std::function<void()> done);
  void loop();

  std::string m_path;
  std::mutex m_mutex;
  std::condition_variable m_wake;
  std::deque<std::function<void(store::Database&)>> m_jobs;
  bool m_stop = false;
  std::atomic<int> m_pending{0};
  std::thread m_thread;
};

} // namespace pupitre::gui
