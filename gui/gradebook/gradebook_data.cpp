#include "gradebook/gradebook_data.h"

#include "pupitre/error.h"
#include "pupitre/model/classes.h"
#include "pupitre/model/final_marks.h"
#include "pupitre/model/name_order.h"

#include <algorithm>
#include <tuple>
#include <unordered_map>

namespace pupitre::gui {

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

const model::Term* GradebookData::term(const std::string& termId) const
{
  for (const auto& t : terms) {
    if (t.id == termId) {
      return &t;
    }
  }
  return nullptr;
}

void GradebookData::showPeriod(const std::string& termId)
{
  period = term(termId) ? termId : std::string{};
  averages.clear();
  for (const auto& r : reports) {
    averages.push_back(period.empty() ? r.year : r.terms.at(period));
  }
  layoutColumns();
}

std::optional<double> GradebookData::finalOf(int student) const
{
  const auto s = static_cast<std::size_t>(student);
  return yearView() && s < reports.size() ? reports[s].final() : averages[s].final;
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
  auto termOf = [this](const model::Assessment& a) {
    const auto found = termOfAssessment.find(a.id);
    return found == termOfAssessment.end() ? std::string{} : found->second;
  };
  // The whole year: term by term (assessments in no term last); one term: its own only.
  std::vector<std::string> periods;
  if (yearView()) {
    for (const auto& t : terms) {
      periods.push_back(t.id);
    }
    periods.emplace_back();
  } else {
    periods.push_back(period);
  }
  std::vector<GradebookColumn> markColumns;
  std::vector<std::string> groupsWithColumns;
  for (const auto& termId : periods) {
    for (const auto& group : groups) {
      bool any = false;
      for (std::size_t i = 0; i < assessments.size(); ++i) {
        if (assessments[i].visible && groupOf(assessments[i]) == group &&
            termOf(assessments[i]) == termId) {
          markColumns.push_back(
              {GradebookColumn::Kind::Assessment, static_cast<int>(i), group, termId});
          any = true;
        }
      }
      if (any && std::find(groupsWithColumns.begin(), groupsWithColumns.end(), group) ==
                     groupsWithColumns.end()) {
        groupsWithColumns.push_back(group);
      }
    }
  }
  // The averages next to the names, where they stay while the marks scroll: the final (the
  // final mark in the year view), each term's average in the year view, then the categories'
  // in category order, whatever term showed each first.
  columns.push_back({GradebookColumn::Kind::FinalAverage, -1, {}, period});
  if (yearView()) {
    for (const auto& t : terms) {
      columns.push_back({GradebookColumn::Kind::TermAverage, -1, {}, t.id});
    }
  }
  for (const auto& group : groups) {
    if (std::find(groupsWithColumns.begin(), groupsWithColumns.end(), group) !=
        groupsWithColumns.end()) {
      columns.push_back({GradebookColumn::Kind::CategoryAverage, -1, group, period});
    }
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
  const auto report =
      model::computeReport(ids, categories, assessments, all, terms, finalMode, teacherFinals);
  termOfAssessment = report.termOfAssessment;
  reports = report.students;
  averages.clear();
  const bool termShown = term(period) != nullptr;
  for (const auto& r : reports) {
    averages.push_back(termShown ? r.terms.at(period) : r.year);
  }
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
  auto report = model::computeReport({studentId}, categories, assessments, own, terms, finalMode,
                                     teacherFinals);
  auto& r = reports[static_cast<std::size_t>(s)];
  r = std::move(report.students.front());
  averages[static_cast<std::size_t>(s)] = yearView() ? r.year : r.terms.at(period);
}

void GradebookData::refreshFinal(store::Database& db, const std::string& studentId)
{
  const int s = studentIndex(studentId);
  if (s < 0) {
    return;
  }
  teacherFinals = model::FinalMarks(db).list(classId);
  const auto found = teacherFinals.find(studentId);
  auto& r = reports[static_cast<std::size_t>(s)];
  r.teacherFinal = found == teacherFinals.end() ? std::nullopt : std::optional(found->second);
}

void GradebookData::sortRows(StudentOrder newOrder)
{
  order = newOrder;
  rows.resize(students.size());
  for (std::size_t i = 0; i < rows.size(); ++i) {
    rows[i] = static_cast<int>(i);
  }
  // The same order as every other screen's (model/name_order.h: the user's collation).
  std::vector<std::tuple<std::string, std::string, std::string>> keys;
  for (const auto& s : students) {
    keys.emplace_back(model::nameSortKey(s.familyName), model::nameSortKey(s.givenName), s.id);
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
    const auto x = finalOf(a);
    const auto y = finalOf(b);
    if (x.has_value() != y.has_value()) {
      return x.has_value();
    }
    if (x && *x != *y) {
      return *x > *y;
    }
    return byName(a, b);
  });
}

GradebookData loadGradebook(store::Database& db, const std::string& classId,
                            const std::string& period)
{
  GradebookData data;
  data.classId = classId;
  data.terms = model::Terms(db).list(classId);
  try {
    data.finalMode = model::Classes(db).get(classId).finalMode;
  } catch (const NotFoundError&) {
    // A class deleted on another device while it was open: shown as it was, until reloaded.
  }
  data.teacherFinals = model::FinalMarks(db).list(classId);
  data.period = data.term(period) ? period : std::string{};
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
