#include "worker.h"

#include "error_report.h"

#include <spdlog/spdlog.h>

namespace pupitre::gui {

Worker::Worker(std::string databasePath) : m_path(std::move(databasePath))
{
  m_thread = std::thread([this] { loop(); });
}

Worker::~Worker()
{
  {
    std::lock_guard lock(m_mutex);
    m_stop = true;
    m_jobs.clear();
  }
  m_wake.notify_all();
  m_thread.join();
}

void Worker::post(std::function<void(store::Database&)> job, std::function<void()> done)
{
  ++m_pending;
  {
    std::lock_guard lock(m_mutex);
    m_jobs.push_back([this, job = std::move(job), done = std::move(done)](store::Database& db) {
      std::string error;
      try {
        job(db);
      } catch (const std::exception& e) {
        error = e.what();
      }
      CallAfter([this, error, done] {
        --m_pending;
        if (error.empty()) {
          done();
        } else {
          showError(nullptr, wxString::FromUTF8(error));
        }
      });
    });
  }
  m_wake.notify_one();
}

void Worker::loop()
{
  std::unique_ptr<store::Database> db;
  std::string openError;
  try {
    db = std::make_unique<store::Database>(m_path);
  } catch (const std::exception& e) {
    openError = e.what();
    spdlog::error("Couldn't open '{}' for background queries: {}", m_path, openError);
  }
  for (;;) {
    std::function<void(store::Database&)> job;
    {
      std::unique_lock lock(m_mutex);
      m_wake.wait(lock, [this] { return m_stop || !m_jobs.empty(); });
      if (m_stop) {
        return;
      }
      job = std::move(m_jobs.front());
      m_jobs.pop_front();
    }
    if (db) {
      job(*db);
    } else {
      CallAfter([this, openError] {
        --m_pending;
        showError(nullptr, wxString::FromUTF8(openError));
      });
    }
  }
}

} // namespace pupitre::gui
