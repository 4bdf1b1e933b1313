// bench_gui_open: how long the gradebook takes to open a class of 40 students x 200
// assessments (from the teacher's click to the first paint with the class's data, target
// <= 100 ms), and to scroll it. Built with the app (gui/CMakeLists.txt); run it on a display,
// or under `xvfb-run -a -s '-screen 0 1600x1200x24'`. Prints its figures, asserts nothing.
#include "class_page.h"
#include "gradebook/gradebook_data.h"
#include "gradebook/gradebook_panel.h"
#include "worker.h"

#include "workloads/school_year.h"
#include "workloads/scratch.h"

#include "pupitre/model/classes.h"
#include "pupitre/model/marks.h"
#include "pupitre/model/students.h"

#include <wx/app.h>
#include <wx/cmdproc.h>
#include <wx/evtloop.h>
#include <wx/frame.h>
#include <wx/init.h>
#include <wx/utils.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <vector>

using namespace pupitre;
using Clock = std::chrono::steady_clock;

namespace {

double msSince(Clock::time_point start)
{
  return std::chrono::duration<double, std::milli>(Clock::now() - start).count();
}

void pumpUntil(const std::function<bool()>& done)
{
  const auto end = Clock::now() + std::chrono::seconds(30);
  while (!done() && Clock::now() < end) {
    wxTheApp->ProcessPendingEvents();
    wxYield();
  }
}

} // namespace

int main(int argc, char** argv)
{
  wxApp::SetInstance(new wxApp);
  if (!wxEntryStart(argc, argv)) {
    std::fprintf(stderr, "bench_gui_open: no display (run it under xvfb-run)\n");
    return 1;
  }
  int status = 0;
  {
    wxEventLoop loop;
    wxEventLoopActivator active(&loop);
    bench::ScratchFolder scratch("gui-open", std::nullopt, false);
    const std::string path = scratch.file("pupitre.db");
    std::vector<std::string> classIds;
    {
      store::Database db(path);
      bench::SchoolYearOptions options;
      options.classes = 2;
      options.students = 40;
      options.assessments = 200;
      options.days = 5;
      const auto start = Clock::now();
      const auto counts = bench::generateSchoolYear(db, options);
      std::printf("generated %lld marks in %.0f ms\n", static_cast<long long>(counts.marks),
                  msSince(start));
      for (const auto& c : model::Classes(db).list()) {
        classIds.push_back(c.id);
      }
    }
    store::Database db(path);
    gui::Worker worker(path);
    wxCommandProcessor commands;
    auto* frame = new wxFrame(nullptr, wxID_ANY, "bench_gui_open", {0, 0}, {1280, 800});
    auto* panel = new gui::GradebookPanel(frame, gui::AppContext{db, worker, commands});
    frame->Show();
    pumpUntil([&] { return worker.pending() == 0; });
    wxMilliSleep(200);

    for (int round = 0; round < 2; ++round) {
      auto start = Clock::now();
      const auto students = model::Students(db).list(classIds[0]);
      const double tStudents = msSince(start);
      start = Clock::now();
      const auto marks = model::Marks(db).list(classIds[0]);
      const double tMarks = msSince(start);
      start = Clock::now();
      const auto data = gui::loadGradebook(db, classIds[0]);
      std::printf("read: students %.1f ms, %zu marks %.1f ms, whole gradebook %.1f ms\n", tStudents,
                  marks.size(), tMarks, msSince(start));
    }

    bool painted = false;
    panel->grid()->GetGridWindow()->Bind(wxEVT_PAINT, [&](wxPaintEvent& e) {
      e.Skip();
      if (!panel->shownClass().empty()) {
        painted = true;
      }
    });
    for (int round = 0; round < 4; ++round) {
      const std::string& classId = classIds[static_cast<std::size_t>(round) % classIds.size()];
      painted = false;
      const auto start = Clock::now();
      panel->showClass(classId);
      double shownMs = 0;
      pumpUntil([&] {
        if (shownMs == 0 && panel->shownClass() == classId) {
          shownMs = msSince(start);
        }
        return painted && panel->shownClass() == classId;
      });
      std::printf("open %d x %d class -> data in the grid %.1f ms, first paint: %.1f ms%s\n",
                  panel->grid()->GetNumberRows(), panel->grid()->GetNumberCols(), shownMs,
                  msSince(start),
                  round < 2 ? " (first open: read on the worker)"
                            : " (open again: shown from the cache, refreshed after)");
    }

    // Where a repaint's time goes: the cells, the column labels, the row labels.
    for (auto [name, window] : {std::pair{"cells", panel->grid()->GetGridWindow()},
                                std::pair{"column labels", panel->grid()->GetGridColLabelWindow()},
                                std::pair{"row labels", panel->grid()->GetGridRowLabelWindow()}}) {
      std::vector<double> times;
      for (int i = 0; i < 10; ++i) {
        const auto start = Clock::now();
        window->Refresh();
        window->Update();
        times.push_back(msSince(start));
      }
      std::sort(times.begin(), times.end());
      std::printf("repaint of the %s: median %.1f ms\n", name, times[times.size() / 2]);
    }

    std::vector<double> steps;
    int x = 0, y = 0;
    for (int i = 0; i < 60; ++i) {
      const auto start = Clock::now();
      panel->grid()->Scroll(x += 3, i % 10 == 0 ? (y += 2) : y);
      panel->grid()->Update();
      steps.push_back(msSince(start));
    }
    std::sort(steps.begin(), steps.end());
    std::printf("scroll step (repaint): median %.1f ms, worst %.1f ms over %zu steps\n",
                steps[steps.size() / 2], steps.back(), steps.size());
    frame->Destroy();
    wxTheApp->ProcessPendingEvents();
  }
  wxEntryCleanup();
  return status;
}
