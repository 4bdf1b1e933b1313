#include "gradebook/gradebook_data.h"

#include <algorithm>
#include <cctype>
#include <unordered_map>

namespace pupitre::gui {

namespace {

// A name as it sorts for people: Latin accents folded, case ignored ("Sánchez" with the S's).
std::string sortKey(const std::string& utf8)
{
  static const char* const kLatin1 =
      "AAAAAAACEEEEIIIIDNOOOOOxOUUUUYTsaaaaaaaceeeeiiiidnooooo/ouuuuyty";
  std::string key;
  for (std::size_t i = 0; i < utf8.size(); ++i) {
    const auto c = static_cast<unsigned char>(utf8[i]);
    if ((c == 0xC3) && i + 1 < utf8.size()) {
      const auto next = static_cast<unsigned char>(utf8[i + 1]);
      if (next >= 0x80 && next <= 0xBF) {
        key += static_cast<char>(std::tolower(static_cast<unsigned char>(kLatin1[next - 0x80])));
        ++i;
        continue;
      }
    }
    key += static_cast<char>(std::tolower(c));
  }
  return key;
}

} // namespace

int GradebookData::studentIndex(const std::string& studentId) const
{
  for (std::size_t i = 0; i < students.size(); ++i) {
    if (students[i].id == studentId) {
      return static_cast<int>(i);
    }
  }
  return -1;
}

int GradebookData::assessmentIndex(const std::string& assessmentId) const
{
  for (std::size_t i = 0; i < assessments.size(); ++i) {
    if (assessments[i].id == assessmentId) {
      return static_cast<int>(i);
    }
  }
  return -1;
}

const model::Category* GradebookData::category(const std::string& categoryId) const
{
  for (const auto& c : categories) {
    if (c.id == categoryId) {
      return &c;
    }
  }
  return nullptr;
}

void GradebookData::layoutColumns()
{
  columns.clear();
  // Groups in category order; assessments whose category is gone go with the uncategorised.
  std::vector<std::string> groups;
  for (const auto& c : categories) {
    groups.push_back(c.id);
  }
  groups.emplace_back();
  auto groupOf = [this](const model::Assessment& a) {
    return category(a.categoryId) ? a.categoryId : std::string{};
  };
  std::vector<GradebookColumn> markColumns;
  std::vector<std::string> groupsWithColumns;
  for (const auto& group : groups) {
    bool any = false;
    for (std::size_t i = 0; i < assessments.size(); ++i) {
      if (assessments[i].visible && groupOf(assessments[i]) == group) {
        markColumns.push_back({GradebookColumn::Kind::Assessment, static_cast<int>(i), group});
        any = true;
      }
    }
    if (any) {
      groupsWithColumns.push_back(group);
    }
  }
  // The averages next to the names, where they stay while the marks scroll.
  columns.push_back({GradebookColumn::Kind::FinalAverage, -1, {}});
  for (const auto& group : groupsWithColumns) {
    columns.push_back({GradebookColumn::Kind::CategoryAverage, -1, group});
  }
  columns.insert(columns.end(), markColumns.begin(), markColumns.end());
}

int GradebookData::averageColumns() const
{
  int count = 0;
  while (count < static_cast<int>(columns.size()) &&
         columns[static_cast<std::size_t>(count)].kind != GradebookColumn::Kind::Assessment) {
    ++count;
  }
  return count;
}

void GradebookData::computeAllAverages()
{
  std::vector<std::string> ids;
  std::vector<model::Mark> all;
  for (const auto& s : students) {
    ids.push_back(s.id);
  }
  for (const auto& m : marks) {
    if (m) {
      all.push_back(*m);
    }
  }
  averages = model::computeAverages(ids, categories, assessments, all);
}

void GradebookData::refreshMark(store::Database& db, const std::string& studentId,
                                const std::string& assessmentId)
{
  const int s = studentIndex(studentId);
  const int a = assessmentIndex(assessmentId);
  if (s < 0 || a < 0) {
    return;
  }
  mark(s, a) = model::Marks(db).find(studentId, assessmentId);
  std::vector<model::Mark> own;
  for (std::size_t i = 0; i < assessments.size(); ++i) {
    if (const auto& m = mark(s, static_cast<int>(i))) {
      own.push_back(*m);
    }
  }
  averages[static_cast<std::size_t>(s)] =
      model::computeAverages({studentId}, categories, assessments, own).front();
}

void GradebookData::sortRows(StudentOrder newOrder)
{
  order = newOrder;
  rows.resize(students.size());
  for (std::size_t i = 0; i < rows.size(); ++i) {
    rows[i] = static_cast<int>(i);
  }
  std::vector<std::string> keys;
  for (const auto& s : students) {
    keys.push_back(sortKey(s.familyName) + '\x01' + sortKey(s.givenName) + '\x01' + s.id);
  }
  auto byName = [&keys](int a, int b) {
    return keys[static_cast<std::size_t>(a)] < keys[static_cast<std::size_t>(b)];
  };
  if (order == StudentOrder::ByName) {
    std::sort(rows.begin(), rows.end(), byName);
    return;
  }
  // Best average first; students without one last, by name.
  std::sort(rows.begin(), rows.end(), [&](int a, int b) {
    const auto& x = averages[static_cast<std::size_t>(a)].final;
    const auto& y = averages[static_cast<std::size_t>(b)].final;
    if (x.has_value() != y.has_value()) {
      return x.has_value();
    }
    if (x && *x != *y) {
      return *x > *y;
    }
    return byName(a, b);
  });
}

GradebookData loadGradebook(store::Database& db, const std::string& classId)
{
  GradebookData data;
  data.classId = classId;
  data.students = model::Students(db).list(classId);
  data.categories = model::Categories(db).list(classId);
  data.assessments = model::Assessments(db).list(classId);
  data.marks.resize(data.students.size() * data.assessments.size());
  std::unordered_map<std::string, int> studentRow, assessmentColumn;
  for (std::size_t i = 0; i < data.students.size(); ++i) {
    studentRow[data.students[i].id] = static_cast<int>(i);
  }
  for (std::size_t i = 0; i < data.assessments.size(); ++i) {
    assessmentColumn[data.assessments[i].id] = static_cast<int>(i);
  }
  for (auto& m : model::Marks(db).list(classId)) {
    const auto s = studentRow.find(m.studentId);
    const auto a = assessmentColumn.find(m.assessmentId);
    if (s != studentRow.end() && a != assessmentColumn.end()) {
      data.mark(s->second, a->second) = std::move(m);
    }
  }
  data.computeAllAverages();
  data.layoutColumns();
  data.sortRows(StudentOrder::ByName);
  return data;
}

} // namespace pupitre::gui
