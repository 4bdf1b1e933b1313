#include "pupitre/reports/gradebook_table.h"

#include "pupitre/error.h"
#include "pupitre/model/assessments.h"
#include "pupitre/model/categories.h"
#include "pupitre/model/final_marks.h"
#include "pupitre/model/marks.h"
#include "pupitre/model/term_averages.h"
#include "pupitre/store/value.h"

#include <algorithm>
#include <cmath>
#include <map>
#include <unordered_map>
#include <variant>

namespace pupitre::reports {
namespace {

constexpr const char* kRoundingSetting = "grading.rounding"; // gui/sync/sync_settings.h

// The fewest decimals (at most 2) that write a mark as typed: 7, 7.5, 7.25.
int markDecimals(double value)
{
  for (int d = 0; d < 2; ++d) {
    const double scaled = value * std::pow(10.0, d);
    if (std::abs(scaled - std::round(scaled)) < 1e-9) {
      return d;
    }
  }
  return 2;
}

Cell averageCell(const std::optional<double>& value, double rounding, bool incomplete = false)
{
  Cell cell;
  if (value) {
    cell.kind = Cell::Kind::Number;
    cell.number = model::roundAverage(*value, rounding);
    cell.decimals = model::averageDecimals(rounding);
    cell.incomplete = incomplete;
  }
  return cell;
}

Cell markCell(const model::Mark* mark)
{
  Cell cell;
  if (!mark) {
    return cell;
  }
  if (mark->status == model::MarkStatus::Excused) {
    cell.kind = Cell::Kind::Excused;
  } else if (mark->status == model::MarkStatus::Missing) {
    cell.kind = Cell::Kind::Missing;
  } else if (const auto* i = std::get_if<std::int64_t>(&mark->value)) {
    cell.kind = Cell::Kind::Number;
    cell.number = static_cast<double>(*i);
  } else if (const auto* d = std::get_if<double>(&mark->value)) {
    cell.kind = Cell::Kind::Number;
    cell.number = *d;
    cell.decimals = markDecimals(*d);
  } else if (const auto* s = std::get_if<std::string>(&mark->value)) {
    cell.kind = Cell::Kind::Text;
    cell.text = *s;
  }
  return cell;
}

} // namespace

double averagesRounding(store::Database& db)
{
  if (const auto text = db.setting(kRoundingSetting)) {
    if (const auto step = store::parseNumber(*text); step && *step > 0) {
      return *step;
    }
  }
  return 0.1;
}

std::string displayName(const model::Student& student)
{
  if (student.familyName.empty() || student.givenName.empty()) {
    return student.familyName + student.givenName;
  }
  return student.familyName + ", " + student.givenName;
}

model::Term requireClassTerm(store::Database& db, const std::string& classId,
                             const std::string& termId)
{
  const auto term = model::Terms(db).get(termId);
  if (term.classId != classId) {
    throw ValidationError(
        Sentence{PUPITRE_TR("The term %1 belongs to another class; list this class's terms "
                            "with: pupitrectl term list %2"),
                 {termId, classId}});
  }
  return term;
}

GradebookTable buildGradebook(store::Database& db, const std::string& classId,
                              const std::string& termId, const Language& language)
{
  GradebookTable table;
  table.schoolClass = model::Classes(db).get(classId);
  table.rounding = averagesRounding(db);
  const auto terms = model::Terms(db).list(classId);
  if (!termId.empty()) {
    table.period = requireClassTerm(db, classId, termId).name;
  } else {
    table.period = language.tr(PUPITRE_TR("Whole year"));
  }
  table.students = model::Students(db).list(classId);
  const auto categories = model::Categories(db).list(classId);
  const auto assessments = model::Assessments(db).list(classId);
  const auto marks = model::Marks(db).list(classId);
  std::vector<std::string> ids;
  for (const auto& s : table.students) {
    ids.push_back(s.id);
  }
  const auto report =
      model::computeReport(ids, categories, assessments, marks, terms, table.schoolClass.finalMode,
                           model::FinalMarks(db).list(classId));

  // Columns, as gui/gradebook/gradebook_data.cpp lays them out.
  std::map<std::string, const model::Category*> categoryById;
  for (const auto& c : categories) {
    categoryById[c.id] = &c;
  }
  const auto groupOf = [&](const model::Assessment& a) {
    return categoryById.count(a.categoryId) ? a.categoryId : std::string{};
  };
  const auto groupName = [&](const std::string& group) {
    const auto it = categoryById.find(group);
    return it == categoryById.end() ? language.tr(PUPITRE_TR("Uncategorised")) : it->second->name;
  };
  std::vector<std::string> groups;
  for (const auto& c : categories) {
    groups.push_back(c.id);
  }
  groups.emplace_back();
  std::vector<std::string> periods;
  if (termId.empty()) {
    for (const auto& t : terms) {
      periods.push_back(t.id);
    }
    periods.emplace_back();
  } else {
    periods.push_back(termId);
  }
  std::map<std::string, std::string> termNames;
  for (const auto& t : terms) {
    termNames[t.id] = t.name;
  }
  struct MarkColumn
  {
    const model::Assessment* assessment;
    Column column;
  };
  std::vector<MarkColumn> markColumns;
  std::vector<std::string> groupsWithColumns;
  for (const auto& period : periods) {
    for (const auto& group : groups) {
      for (const auto& a : assessments) {
        const auto term = report.termOfAssessment.find(a.id);
        const std::string aTerm = term == report.termOfAssessment.end() ? "" : term->second;
        if (!a.visible || groupOf(a) != group || aTerm != period) {
          continue;
        }
        Column column;
        column.title = a.name;
        column.category = groupName(group);
        column.band = table.period;
        if (termId.empty() && !terms.empty()) {
          column.band = period.empty() ? language.tr(PUPITRE_TR("No term")) : termNames[period];
        }
        column.group = column.band + " · " + column.category;
        column.detail = a.date.empty() ? a.scale.rangeText()
                                       : language.date(a.date) + " · " + a.scale.rangeText();
        markColumns.push_back({&a, column});
        if (std::find(groupsWithColumns.begin(), groupsWithColumns.end(), group) ==
            groupsWithColumns.end()) {
          groupsWithColumns.push_back(group);
        }
      }
    }
  }
  const std::string averagesGroup = language.tr(PUPITRE_TR("Averages"));
  table.columns.push_back({Column::Kind::Final,
                           termId.empty() ? language.tr(PUPITRE_TR("Final mark"))
                                          : language.tr(PUPITRE_TR("Term average")),
                           averagesGroup,
                           {},
                           averagesGroup,
                           {}});
  if (termId.empty()) {
    for (const auto& t : terms) {
      table.columns.push_back(
          {Column::Kind::TermAverage, t.name, averagesGroup, {}, averagesGroup, {}});
    }
  }
  std::vector<std::string> averageGroups;
  for (const auto& group : groups) {
    if (std::find(groupsWithColumns.begin(), groupsWithColumns.end(), group) !=
        groupsWithColumns.end()) {
      averageGroups.push_back(group);
      table.columns.push_back(
          {Column::Kind::CategoryAverage, groupName(group), averagesGroup, {}, averagesGroup, {}});
    }
  }
  for (const auto& m : markColumns) {
    table.columns.push_back(m.column);
  }

  std::unordered_map<std::string, const model::Mark*> markOf;
  for (const auto& m : marks) {
    markOf[m.studentId + "|" + m.assessmentId] = &m;
  }
  for (std::size_t s = 0; s < table.students.size(); ++s) {
    const auto& r = report.students[s];
    const model::StudentAverages& averages = termId.empty() ? r.year : r.terms.at(termId);
    std::vector<Cell> row;
    row.push_back(averageCell(termId.empty() ? r.final() : averages.final, table.rounding,
                              !averages.complete() && !(termId.empty() && r.overridden())));
    if (termId.empty()) {
      for (const auto& t : terms) {
        const auto& ta = r.terms.at(t.id);
        row.push_back(averageCell(ta.final, table.rounding, !ta.complete()));
      }
    }
    for (const auto& group : averageGroups) {
      const auto it = averages.byCategory.find(group);
      row.push_back(
          averageCell(it == averages.byCategory.end() ? std::nullopt : std::optional(it->second),
                      table.rounding, averages.outOfScaleIn(group) > 0));
    }
    for (const auto& m : markColumns) {
      const auto it = markOf.find(table.students[s].id + "|" + m.assessment->id);
      row.push_back(markCell(it == markOf.end() ? nullptr : it->second));
    }
    table.cells.push_back(std::move(row));
  }
  return table;
}

} // namespace pupitre::reports
