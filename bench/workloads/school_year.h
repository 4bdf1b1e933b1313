#pragma once
// A realistic school year written into a store::Database, for benchmarks and demos: classes
// with their students, weighted categories and assessments with every mark given, a register
// for every student on every school day, and a journal entry per class and day.
//
// The rows are exactly what the repositories (pupitre/model) would write for the same input
// (same fields, same values, mark and attendance ids from Marks::markId and
// Attendance::recordId), but written in one LocalEdit transaction per class, so a year takes
// seconds instead of minutes. Every field is captured and pending, as if the teacher had
// typed it all on this device. Deterministic: the same options give the same names, values
// and ids (the other ids are UUID v7 like the repositories', drawn from the seed).
#include "pupitre/store/database.h"

#include <cstdint>
#include <string>
#include <vector>

namespace pupitre::bench {

struct SchoolYearOptions
{
  int classes = 8;
  int students = 30;    // per class
  int assessments = 80; // per class, in 4 weighted categories
  int days = 170;       // school days: weekdays from firstDay on
  std::uint64_t seed = 1;
  std::string firstDay = "2026-09-14";
};

struct SchoolYearCounts
{
  std::int64_t classes = 0;
  std::int64_t students = 0;
  std::int64_t categories = 0;
  std::int64_t assessments = 0;
  std::int64_t marks = 0;
  std::int64_t attendance = 0;
  std::int64_t journalEntries = 0;

  std::int64_t rows() const
  {
    return classes + students + categories + assessments + marks + attendance + journalEntries;
  }
};

// Writes the year into `db`. Throws pupitre::ValidationError for impossible options and
// pupitre::Error when the database already holds the year of this seed.
SchoolYearCounts generateSchoolYear(store::Database& db, const SchoolYearOptions& options);

// `count` weekdays from `first` (YYYY-MM-DD, included when it is a weekday) on, as YYYY-MM-DD.
std::vector<std::string> schoolDays(const std::string& first, int count);

} // namespace pupitre::bench
