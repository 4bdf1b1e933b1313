#include "backup/long_task.h"

#include <wx/progdlg.h>
#include <wx/utils.h>

#include <atomic>
#include <exception>
#include <memory>
#include <thread>

namespace pupitre::gui {
namespace {

constexpr int kRange = 1000;

struct TaskState
{
  std::atomic<bool> done{false};
  std::atomic<std::int64_t> progressDone{0};
  std::atomic<std::int64_t> progressTotal{0};
  std::exception_ptr error;
};

} // namespace

void runWithProgress(wxWindow* parent, const wxString& title, const wxString& message,
                     const std::string& databasePath,
                     std::function<void(store::Database&, const backup::Progress&)> job)
{
  auto state = std::make_shared<TaskState>();
  std::thread thread([state, databasePath, job = std::move(job)] {
    try {
      store::Database db(databasePath);
      job(db, [state](std::int64_t done, std::int64_t total) {
        state->progressDone = done;
        state->progressTotal = total;
      });
    } catch (...) {
      state->error = std::current_exception();
    }
    state->done = true;
  });
  {
    wxProgressDialog dialog(title, message, kRange, parent, wxPD_APP_MODAL | wxPD_SMOOTH);
    while (!state->done) {
      const std::int64_t total = state->progressTotal;
      if (total > 0) {
        const auto value = static_cast<int>(kRange * state->progressDone / total);
        dialog.Update(std::min(value, kRange - 1));
      } else {
        dialog.Pulse();
      }
      wxMilliSleep(30);
    }
  }
  thread.join();
  if (state->error) {
    std::rethrow_exception(state->error);
  }
}

} // namespace pupitre::gui
