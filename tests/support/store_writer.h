#pragma once
// Writes new records into a Pupitre database as fast as it can until a deadline, the way the
// app or the daemon would: through the model's repositories, one transaction per record. The
// store_writer program runs it in another process; the concurrency test runs it too, so
// several processes write one file at once.
#include "pupitre/model/assessments.h"
#include "pupitre/model/attendance.h"
#include "pupitre/model/classes.h"
#include "pupitre/model/journal.h"
#include "pupitre/model/marks.h"
#include "pupitre/model/students.h"
#include "pupitre/store/database.h"

#include <algorithm>
#include <chrono>
#include <cstdint>
#include <exception>
#include <sstream>
#include <stdexcept>
#include <string>
#include <thread>
#include <utility>

namespace pupitre::test {

// What one writer made: each count is a number of new records.
struct WrittenRecords
{
  std::int64_t journal = 0;
  std::int64_t attendance = 0;
  std::int64_t assessments = 0;
  std::int64_t marks = 0;
  std::int64_t slowestMs = 0; // the longest single write, waiting for the lock included
  std::string error;          // what stopped the writer early, if anything did

  std::int64_t total() const { return journal + attendance + assessments + marks; }
};

inline std::int64_t systemMs()
{
  return std::chrono::duration_cast<std::chrono::milliseconds>(
             std::chrono::system_clock::now().time_since_epoch())
      .count();
}

// "written journal=3 attendance=3 assessments=1 marks=2 slowest_ms=12", the line
// store_writer prints.
inline std::string writtenLine(const WrittenRecords& w)
{
  std::ostringstream out;
  out << "written journal=" << w.journal << " attendance=" << w.attendance
      << " assessments=" << w.assessments << " marks=" << w.marks << " slowest_ms=" << w.slowestMs;
  return out.str();
}

// The counts of a writtenLine(); false when `line` is not one.
inline bool parseWrittenLine(const std::string& line, WrittenRecords& w)
{
  std::istringstream in(line);
  std::string word;
  in >> word;
  if (word != "written") {
    return false;
  }
  int found = 0;
  while (in >> word) {
    const auto eq = word.find('=');
    if (eq == std::string::npos) {
      return false;
    }
    const std::string key = word.substr(0, eq);
    const std::int64_t value = std::stoll(word.substr(eq + 1));
    for (auto [name, slot] :
         {std::pair{"journal", &w.journal}, std::pair{"attendance", &w.attendance},
          std::pair{"assessments", &w.assessments}, std::pair{"marks", &w.marks},
          std::pair{"slowest_ms", &w.slowestMs}}) {
      if (key == name) {
        *slot = value;
        ++found;
      }
    }
  }
  return found == 5;
}

// Between `startMs` and `untilMs` (system clock, ms since the epoch), in the database's first
// class: in turn a journal entry, an attendance record and a mark, each a new record and each
// its own transaction (a new assessment whenever every student has a mark in the current one).
// `label` names the writer in what it writes. Stops at the first failure, kept in `error`.
inline WrittenRecords writeRecords(store::Database& db, const std::string& label,
                                   std::int64_t startMs, std::int64_t untilMs)
{
  WrittenRecords written;
  try {
    const auto classes = model::Classes(db).list();
    if (classes.empty()) {
      throw std::runtime_error("the database has no class to write into");
    }
    const std::string classId = classes.front().id;
    const auto students = model::Students(db).list(classId);
    if (students.empty()) {
      throw std::runtime_error("the class has no students");
    }
    std::this_thread::sleep_for(
        std::chrono::milliseconds(std::max<std::int64_t>(0, startMs - systemMs())));
    std::string assessmentId;
    std::size_t marked = students.size();
    for (std::int64_t i = 0; systemMs() < untilMs; ++i) {
      const std::string name = label + " " + std::to_string(i);
      const auto before = std::chrono::steady_clock::now();
      switch (i % 3) {
      case 0:
        model::Journal(db).create({.classId = classId,
                                   .date = "2026-11-30",
                                   .session = name,
                                   .title = name,
                                   .body = "Fractions: exercises 1-" + std::to_string(i % 20)});
        ++written.journal;
        break;
      case 1:
        model::Attendance(db).set(students[static_cast<std::size_t>(i) % students.size()].id,
                                  "2026-11-30", model::AttendanceState::Absent, name);
        ++written.attendance;
        break;
      default:
        if (marked == students.size()) {
          assessmentId = model::Assessments(db).create({.classId = classId, .name = name});
          ++written.assessments;
          marked = 0;
        }
        model::Marks(db).set(students[marked++].id, assessmentId,
                             {.value = std::to_string(i % 11)});
        ++written.marks;
        break;
      }
      const auto ms = std::chrono::duration_cast<std::chrono::milliseconds>(
                          std::chrono::steady_clock::now() - before)
                          .count();
      written.slowestMs = std::max<std::int64_t>(written.slowestMs, ms);
    }
  } catch (const std::exception& e) {
    written.error = e.what();
  }
  return written;
}

} // namespace pupitre::test
