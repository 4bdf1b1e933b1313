#include "workloads/school_year.h"

#include "workloads/random.h"
#include "workloads/school_texts.h"

#include "pupitre/error.h"
#include "pupitre/model/attendance.h"
#include "pupitre/model/marks.h"
#include "pupitre/model/validation.h"
#include "pupitre/store/rows.h"
#include "pupitre/store/schema.h"

#include <algorithm>
#include <array>
#include <chrono>
#include <cmath>
#include <cstdio>

namespace pupitre::bench {
namespace {

using store::Fields;
using store::Value;

Value text(std::string_view s)
{
  return Value{std::string(s)};
}
Value integer(std::int64_t i)
{
  return Value{i};
}
Value real(double d)
{
  return Value{d};
}

std::chrono::sys_days parseDate(const std::string& date)
{
  if (!model::isDate(date)) {
    throw ValidationError("'" + date + "' is not a date; write it YYYY-MM-DD.");
  }
  int y = 0;
  unsigned m = 0;
  unsigned d = 0;
  std::sscanf(date.c_str(), "%d-%u-%u", &y, &m, &d);
  return std::chrono::sys_days{std::chrono::year{y} / std::chrono::month{m} / std::chrono::day{d}};
}

std::string formatDate(std::chrono::sys_days day)
{
  const std::chrono::year_month_day ymd{day};
  char buffer[48];
  std::snprintf(buffer, sizeof buffer, "%04d-%02u-%02u", static_cast<int>(ymd.year()),
                static_cast<unsigned>(ymd.month()), static_cast<unsigned>(ymd.day()));
  return buffer;
}

// UUID v7 like newUuid(), but with the time running on from the first school day and the
// random bits drawn from the seed, so that a seed always gives the same ids.
class IdSource
{
public:
  IdSource(std::uint64_t seed, std::int64_t startMs) : m_random(seed ^ 0x5eed1d5ULL), m_ms(startMs)
  {
  }

  std::string next()
  {
    std::array<std::uint8_t, 16> bytes{};
    const auto ms = static_cast<std::uint64_t>(m_ms++);
    for (int i = 0; i < 6; ++i) {
      bytes[static_cast<std::size_t>(i)] = static_cast<std::uint8_t>(ms >> (8 * (5 - i)));
    }
    const std::uint64_t r1 = m_random.next();
    const std::uint64_t r2 = m_random.next();
    for (int i = 0; i < 5; ++i) {
      bytes[static_cast<std::size_t>(6 + i)] = static_cast<std::uint8_t>(r1 >> (8 * i));
      bytes[static_cast<std::size_t>(11 + i)] = static_cast<std::uint8_t>(r2 >> (8 * i));
    }
    bytes[6] = static_cast<std::uint8_t>((bytes[6] & 0x0f) | 0x70);
    bytes[8] = static_cast<std::uint8_t>((bytes[8] & 0x3f) | 0x80);
    static const char* kHex = "0123456789abcdef";
    std::string id;
    id.reserve(36);
    for (std::size_t i = 0; i < bytes.size(); ++i) {
      if (i == 4 || i == 6 || i == 8 || i == 10) {
        id.push_back('-');
      }
      id.push_back(kHex[bytes[i] >> 4]);
      id.push_back(kHex[bytes[i] & 0x0f]);
    }
    return id;
  }

private:
  Random m_random;
  std::int64_t m_ms;
};

// "Zoé" -> "zoe", "O'Brien" -> "obrien": the local part of a school e-mail address.
std::string emailWord(std::string_view name)
{
  static constexpr std::pair<std::string_view, char> kFolds[] = {
      {"á", 'a'}, {"à", 'a'}, {"Á", 'a'}, {"é", 'e'}, {"è", 'e'}, {"ë", 'e'}, {"í", 'i'},
      {"ï", 'i'}, {"ó", 'o'}, {"ö", 'o'}, {"ú", 'u'}, {"ü", 'u'}, {"ñ", 'n'}, {"ç", 'c'}};
  std::string word;
  std::size_t i = 0;
  while (i < name.size()) {
    const char c = name[i];
    if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z')) {
      word.push_back(static_cast<char>(c | 0x20));
      ++i;
      continue;
    }
    bool folded = false;
    for (const auto& [from, to] : kFolds) {
      if (name.substr(i, from.size()) == from) {
        word.push_back(to);
        i += from.size();
        folded = true;
        break;
      }
    }
    i += folded ? 0 : 1;
  }
  return word;
}

struct CategoryKind
{
  std::string_view name;
  double weight;               // of the category in the final mark
  std::string_view assessment; // "Test 3 — Fractions"
  double assessmentWeight;
  double step; // marks are given to the nearest step
};

constexpr CategoryKind kCategories[] = {{"Tests", 40, "Test", 2, 0.25},
                                        {"Homework", 20, "Homework", 1, 0.5},
                                        {"Oral", 15, "Oral", 1, 0.5},
                                        {"Projects", 25, "Project", 2, 0.5}};
// Which category each assessment falls in, over ten consecutive assessments.
constexpr std::size_t kCategoryPattern[] = {1, 2, 1, 0, 1, 2, 1, 3, 1, 0};

class YearWriter
{
public:
  YearWriter(store::Database& db, const SchoolYearOptions& options)
      : m_db(db), m_options(options), m_random(options.seed),
        m_days(schoolDays(options.firstDay, options.days)),
        m_ids(options.seed, std::chrono::duration_cast<std::chrono::milliseconds>(
                                parseDate(options.firstDay).time_since_epoch())
                                    .count() +
                                7 * 3600 * 1000),
        m_classT(*store::findTable("class")), m_studentT(*store::findTable("student")),
        m_categoryT(*store::findTable("category")), m_assessmentT(*store::findTable("assessment")),
        m_markT(*store::findTable("mark")), m_attendanceT(*store::findTable("attendance")),
        m_journalT(*store::findTable("journal_entry"))
  {
    const int firstYear =
        static_cast<int>(std::chrono::year_month_day{parseDate(options.firstDay)}.year());
    m_schoolYear = std::to_string(firstYear) + "-" + std::to_string(firstYear + 1);
    m_subjects[0] = options.seed % std::size(texts::kSubjects);
    m_subjects[1] = (options.seed + 3) % std::size(texts::kSubjects);
  }

  SchoolYearCounts write()
  {
    for (int c = 0; c < m_options.classes; ++c) {
      store::WriteTxn txn(m_db);
      writeClass(txn, c);
      txn.commit();
    }
    return m_counts;
  }

private:
  void insert(store::WriteTxn& txn, const store::TableDef& table, const std::string& id)
  {
    store::insertRow(txn, table, id, m_fields);
    m_fields.clear();
  }
  void field(const char* name, Value value) { m_fields.emplace_back(name, std::move(value)); }

  // Topic of the lessons on school day `day`: a new one every three weeks.
  std::string_view topic(const texts::Subject& subject, int day, int classIndex) const
  {
    return subject
        .topics[static_cast<std::size_t>(day / 15 + classIndex) % std::size(subject.topics)];
  }

  void writeClass(store::WriteTxn& txn, int c)
  {
    const auto& subject = texts::kSubjects[m_subjects[static_cast<std::size_t>(c % 2)]];
    const std::string classId = m_ids.next();
    if (c == 0 && store::findRow(m_db, m_classT, classId)) {
      throw Error("This database already holds the school year of seed " +
                  std::to_string(m_options.seed) + "; choose another seed or a new file.");
    }
    field("name", text("Year " + std::to_string(7 + (c / 2) % 5) + " " +
                       static_cast<char>('A' + c % 2 + 2 * (c / 10))));
    field("subject", text(subject.name));
    field("year", text(m_schoolYear));
    field("term", text("Full year"));
    field("colour",
          text(texts::kColours[static_cast<std::size_t>(c) % std::size(texts::kColours)]));
    field("archived", integer(0));
    field("position", real(c));
    insert(txn, m_classT, classId);
    ++m_counts.classes;

    const auto studentIds = writeStudents(txn, c, classId);
    const auto assessments = writeAssessments(txn, c, classId, subject);
    writeMarks(txn, studentIds, assessments);
    writeAttendance(txn, studentIds);
    writeJournal(txn, c, classId, subject);
  }

  struct StudentProfile
  {
    std::string id;
    double ability;     // mean mark
    double absenceRate; // share of days absent
  };

  std::vector<StudentProfile> writeStudents(store::WriteTxn& txn, int c, const std::string& classId)
  {
    std::vector<StudentProfile> students;
    for (int s = 0; s < m_options.students; ++s) {
      const std::string id = m_ids.next();
      const std::string_view given = m_random.pick(texts::kGivenNames);
      const std::string_view family = m_random.pick(texts::kFamilyNames);
      std::string email;
      if (m_random.chance(0.85)) {
        email = emailWord(given) + "." + emailWord(family) +
                std::to_string(10 + (c * 37 + s) % 90) + "@students.school.example";
      }
      field("class_id", text(classId));
      field("given_name", text(given));
      field("family_name", text(family));
      field("email", text(email));
      field("notes", text(m_random.chance(0.1) ? m_random.pick(texts::kStudentNotes) : ""));
      field("picture", text(""));
      insert(txn, m_studentT, id);
      ++m_counts.students;
      const double ability = std::clamp(m_random.normal(6.4, 1.5), 2.0, 9.6);
      const double absenceRate = m_random.chance(0.15) ? 0.10 : 0.025;
      students.push_back({id, ability, absenceRate});
    }
    return students;
  }

  struct AssessmentProfile
  {
    std::string id;
    const CategoryKind* kind;
    double difficulty; // added to every student's mean
  };

  std::vector<AssessmentProfile> writeAssessments(store::WriteTxn& txn, int c,
                                                  const std::string& classId,
                                                  const texts::Subject& subject)
  {
    std::vector<std::string> categoryIds;
    for (const auto& kind : kCategories) {
      categoryIds.push_back(m_ids.next());
      field("name", text(kind.name));
      field("weight", real(kind.weight));
      field("class_id", text(classId));
      insert(txn, m_categoryT, categoryIds.back());
      ++m_counts.categories;
    }
    std::vector<AssessmentProfile> assessments;
    int numbers[std::size(kCategories)] = {};
    for (int a = 0; a < m_options.assessments; ++a) {
      const std::size_t k =
          kCategoryPattern[static_cast<std::size_t>(a) % std::size(kCategoryPattern)];
      const CategoryKind& kind = kCategories[k];
      const int day = m_days.empty() ? 0
                                     : static_cast<int>(static_cast<std::int64_t>(a) *
                                                        static_cast<std::int64_t>(m_days.size()) /
                                                        m_options.assessments);
      const std::string id = m_ids.next();
      field("category_id", text(categoryIds[k]));
      field("name", text(std::string(kind.assessment) + " " + std::to_string(++numbers[k]) + " — " +
                         std::string(topic(subject, day, c))));
      field("date", text(m_days.empty() ? std::string{} : m_days[static_cast<std::size_t>(day)]));
      field("weight", real(kind.assessmentWeight));
      field("scale_kind", text("numeric"));
      field("scale_min", real(0));
      field("scale_max", real(10));
      field("pass_mark", real(5));
      field("scale_symbols", text(""));
      field("visible", integer(1));
      field("position", real(a));
      field("class_id", text(classId));
      insert(txn, m_assessmentT, id);
      ++m_counts.assessments;
      assessments.push_back({id, &kind, m_random.normal(0, 0.8)});
    }
    return assessments;
  }

  void writeMarks(store::WriteTxn& txn, const std::vector<StudentProfile>& students,
                  const std::vector<AssessmentProfile>& assessments)
  {
    for (const auto& assessment : assessments) {
      for (const auto& student : students) {
        const std::string id = model::Marks::markId(student.id, assessment.id);
        const double roll = m_random.unit();
        if (roll < 0.03) {
          // Excused or missing: no value, as Marks::set with only a status (and a comment).
          const bool excused = roll < 0.015;
          if (excused || m_random.chance(0.5)) {
            field("comment", text(excused ? m_random.pick(texts::kExcusedComments)
                                          : m_random.pick(texts::kMissingComments)));
          }
          field("status", text(excused ? "excused" : "missing"));
          field("student_id", text(student.id));
          field("assessment_id", text(assessment.id));
        } else {
          const double step = assessment.kind->step;
          const double raw = student.ability + assessment.difficulty + m_random.normal(0, 1.1);
          const double value = std::clamp(std::round(raw / step) * step, 0.0, 10.0);
          field("value", real(value));
          if (m_random.chance(0.18)) {
            field("comment", text(value >= 8   ? m_random.pick(texts::kGoodComments)
                                  : value >= 5 ? m_random.pick(texts::kAverageComments)
                                               : m_random.pick(texts::kWeakComments)));
          }
          field("student_id", text(student.id));
          field("assessment_id", text(assessment.id));
          field("status", text("normal"));
        }
        insert(txn, m_markT, id);
        ++m_counts.marks;
      }
    }
  }

  void writeAttendance(store::WriteTxn& txn, const std::vector<StudentProfile>& students)
  {
    for (const auto& date : m_days) {
      for (const auto& student : students) {
        const double roll = m_random.unit();
        const char* state = "present";
        std::string_view note;
        if (roll < student.absenceRate * 0.6) {
          state = "absent";
          if (m_random.chance(0.3)) {
            note = "No reason given yet.";
          }
        } else if (roll < student.absenceRate) {
          state = "justified";
          note = m_random.pick(texts::kAbsenceNotes);
        } else if (roll < student.absenceRate + 0.02) {
          state = "late";
          if (m_random.chance(0.5)) {
            note = m_random.pick(texts::kLateNotes);
          }
        }
        field("state", text(state));
        if (!note.empty()) {
          field("note", text(note));
        }
        field("student_id", text(student.id));
        field("date", text(date));
        field("session", text(""));
        insert(txn, m_attendanceT, model::Attendance::recordId(student.id, date, ""));
        ++m_counts.attendance;
      }
    }
  }

  void writeJournal(store::WriteTxn& txn, int c, const std::string& classId,
                    const texts::Subject& subject)
  {
    static constexpr std::string_view kOpenings[] = {
        "Short recap of the previous lesson.", "Started with a five-minute quiz.",
        "Collected the homework.", "Questions from last time answered first."};
    const int doneDays = m_options.days * 55 / 100;
    for (int d = 0; d < static_cast<int>(m_days.size()); ++d) {
      const std::string_view lessonTopic = topic(subject, d, c);
      const std::string_view activity = m_random.pick(texts::kActivities);
      std::string body = std::string(m_random.pick(kOpenings)) + "\n- " + std::string(activity) +
                         " on " + std::string(lessonTopic) +
                         "\n- Homework: " + std::string(m_random.pick(texts::kHomework));
      if (m_random.chance(0.2)) {
        body += "\n*Note:* the projector did not work; use the printed slides next time.";
      }
      field("date", text(m_days[static_cast<std::size_t>(d)]));
      field("session", text(""));
      field("title", text(std::string(lessonTopic) + " — " + std::string(activity)));
      field("body", text(body));
      field("done", integer(d < doneDays ? 1 : 0));
      field("class_id", text(classId));
      insert(txn, m_journalT, m_ids.next());
      ++m_counts.journalEntries;
    }
  }

  store::Database& m_db;
  const SchoolYearOptions& m_options;
  Random m_random;
  std::vector<std::string> m_days;
  IdSource m_ids;
  const store::TableDef& m_classT;
  const store::TableDef& m_studentT;
  const store::TableDef& m_categoryT;
  const store::TableDef& m_assessmentT;
  const store::TableDef& m_markT;
  const store::TableDef& m_attendanceT;
  const store::TableDef& m_journalT;
  std::string m_schoolYear;
  std::size_t m_subjects[2] = {};
  Fields m_fields;
  SchoolYearCounts m_counts;
};

} // namespace

std::vector<std::string> schoolDays(const std::string& first, int count)
{
  std::vector<std::string> days;
  auto day = parseDate(first);
  while (static_cast<int>(days.size()) < count) {
    const std::chrono::weekday weekday{day};
    if (weekday != std::chrono::Saturday && weekday != std::chrono::Sunday) {
      days.push_back(formatDate(day));
    }
    day += std::chrono::days{1};
  }
  return days;
}

SchoolYearCounts generateSchoolYear(store::Database& db, const SchoolYearOptions& options)
{
  if (options.classes < 0 || options.students < 0 || options.assessments < 0 || options.days < 0) {
    throw ValidationError("A school year needs zero or more classes, students, assessments "
                          "and days.");
  }
  // A year's class is tens of megabytes of pages: a larger page cache for this connection
  // keeps SQLite from spilling them to the WAL half-way through each transaction.
  const auto cacheSize = db.sql().execAndGet("PRAGMA cache_size").getInt();
  db.sql().exec("PRAGMA cache_size = -65536");
  try {
    YearWriter writer(db, options);
    const auto counts = writer.write();
    db.sql().exec("PRAGMA cache_size = " + std::to_string(cacheSize));
    return counts;
  } catch (...) {
    db.sql().exec("PRAGMA cache_size = " + std::to_string(cacheSize));
    throw;
  }
}

} // namespace pupitre::bench
