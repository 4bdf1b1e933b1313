#include "pupitre/reports/report_card.h"

#include "pupitre/error.h"
#include "pupitre/model/assessments.h"
#include "pupitre/model/categories.h"
#include "pupitre/model/final_marks.h"
#include "pupitre/model/marks.h"
#include "pupitre/model/report_comments.h"
#include "pupitre/model/term_averages.h"

#include <algorithm>
#include <cmath>
#include <unordered_map>
#include <variant>

namespace pupitre::reports {
namespace {

Cell average(const std::optional<double>& value, double rounding)
{
  Cell cell;
  if (value) {
    cell.kind = Cell::Kind::Number;
    cell.number = model::roundAverage(*value, rounding);
    cell.decimals = model::averageDecimals(rounding);
  }
  return cell;
}

std::optional<double> categoryMean(const model::StudentAverages& a, const std::string& group)
{
  const auto it = a.byCategory.find(group);
  return it == a.byCategory.end() ? std::nullopt : std::optional(it->second);
}

} // namespace

std::vector<ReportCard> buildReportCards(store::Database& db, const std::string& classId,
                                         const std::vector<std::string>& studentIds,
                                         const ReportCardOptions& options, const Language& language)
{
  const auto schoolClass = model::Classes(db).get(classId);
  auto students = model::Students(db).list(classId);
  if (!studentIds.empty()) {
    std::vector<model::Student> chosen;
    for (const auto& id : studentIds) {
      const auto student = model::Students(db).get(id);
      if (student.classId != classId) {
        throw ValidationError(
            Sentence{PUPITRE_TR("The student %1 is not in the class %2."), {id, classId}});
      }
      chosen.push_back(student);
    }
    students = std::move(chosen);
  }
  const double rounding = averagesRounding(db);
  const auto terms = model::Terms(db).list(classId);
  std::string commentPeriod;
  if (!options.termId.empty()) {
    const auto term = model::Terms(db).get(options.termId);
    if (term.classId != classId) {
      throw ValidationError(Sentence{PUPITRE_TR("The term %1 is not a term of the class %2."),
                                     {options.termId, classId}});
    }
    commentPeriod = term.name;
  }
  const auto storedComments = model::ReportComments(db).list(classId, options.termId);
  const auto categories = model::Categories(db).list(classId);
  const auto assessments = model::Assessments(db).list(classId);
  const auto marks = model::Marks(db).list(classId);
  std::vector<std::string> ids;
  for (const auto& s : students) {
    ids.push_back(s.id);
  }
  const auto report =
      model::computeReport(ids, categories, assessments, marks, terms, schoolClass.finalMode,
                           model::FinalMarks(db).list(classId));
  const auto attendance = model::Attendance(db).totals(classId);
  std::unordered_map<std::string, const model::Mark*> markOf;
  for (const auto& m : marks) {
    markOf[m.studentId + "|" + m.assessmentId] = &m;
  }
  std::map<std::string, std::string> categoryNames;
  for (const auto& c : categories) {
    categoryNames[c.id] = c.name;
  }
  std::map<std::string, std::string> termNames;
  for (const auto& t : terms) {
    termNames[t.id] = t.name;
  }

  std::vector<ReportCard> cards;
  for (std::size_t s = 0; s < students.size(); ++s) {
    const auto& r = report.students[s];
    ReportCard card;
    card.school = options.school.value_or(schoolClass.school);
    card.schoolClass = schoolClass;
    card.student = students[s];
    for (const auto& t : terms) {
      card.columns.push_back(t.name);
    }
    card.columns.push_back(language.tr(PUPITRE_TR("Whole year")));
    std::vector<std::string> groups;
    for (const auto& c : categories) {
      groups.push_back(c.id);
    }
    groups.emplace_back();
    for (const auto& group : groups) {
      ReportCardRow row;
      row.title = group.empty() ? language.tr(PUPITRE_TR("Uncategorised")) : categoryNames[group];
      bool any = false;
      for (const auto& t : terms) {
        row.terms.push_back(average(categoryMean(r.terms.at(t.id), group), rounding));
        any = any || row.terms.back().kind != Cell::Kind::Empty;
      }
      row.terms.push_back(average(categoryMean(r.year, group), rounding));
      any = any || row.terms.back().kind != Cell::Kind::Empty;
      if (any || !group.empty()) {
        card.rows.push_back(std::move(row));
      }
    }
    ReportCardRow total;
    total.title = language.tr(PUPITRE_TR("Average"));
    for (const auto& t : terms) {
      total.terms.push_back(average(r.termAverage(t.id), rounding));
    }
    total.terms.push_back(average(r.year.final, rounding));
    card.rows.push_back(std::move(total));
    card.final = average(r.final(), rounding);
    card.finalByTeacher = r.overridden();
    for (const auto& a : assessments) {
      if (!a.visible) {
        continue;
      }
      const auto it = markOf.find(students[s].id + "|" + a.id);
      if (it == markOf.end()) {
        continue;
      }
      ReportCardMark mark;
      const auto term = report.termOfAssessment.find(a.id);
      mark.period = term == report.termOfAssessment.end() ? "" : termNames[term->second];
      mark.category = categoryNames.count(a.categoryId) ? categoryNames[a.categoryId]
                                                        : language.tr(PUPITRE_TR("Uncategorised"));
      mark.assessment = a.name;
      mark.date = a.date.empty() ? "" : language.date(a.date);
      const model::Mark& m = *it->second;
      if (m.status == model::MarkStatus::Excused) {
        mark.mark.kind = Cell::Kind::Excused;
      } else if (m.status == model::MarkStatus::Missing) {
        mark.mark.kind = Cell::Kind::Missing;
      } else if (store::isNull(m.value)) {
        continue;
      } else if (const auto* text = std::get_if<std::string>(&m.value)) {
        mark.mark.kind = Cell::Kind::Text;
        mark.mark.text = *text;
      } else {
        mark.mark.kind = Cell::Kind::Number;
        mark.mark.number = std::holds_alternative<double>(m.value)
                               ? std::get<double>(m.value)
                               : static_cast<double>(std::get<std::int64_t>(m.value));
        const double scaled = mark.mark.number * 100;
        mark.mark.decimals = std::abs(scaled - std::round(scaled / 100) * 100) < 1e-6 ? 0
                             : std::abs(scaled - std::round(scaled / 10) * 10) < 1e-6 ? 1
                                                                                      : 2;
      }
      mark.outOf = a.scale.rangeText();
      card.marks.push_back(std::move(mark));
    }
    // By term (in the class's order, those in no term last), then category, as listed.
    std::map<std::string, std::size_t> termOrder;
    for (std::size_t i = 0; i < terms.size(); ++i) {
      termOrder[terms[i].name] = i;
    }
    termOrder[""] = terms.size();
    std::stable_sort(card.marks.begin(), card.marks.end(),
                     [&termOrder](const ReportCardMark& x, const ReportCardMark& y) {
                       return termOrder[x.period] < termOrder[y.period];
                     });
    if (const auto it = attendance.find(students[s].id); it != attendance.end()) {
      card.attendance = it->second;
    }
    if (const auto it = options.comments.find(students[s].id); it != options.comments.end()) {
      card.comment = it->second;
    } else if (const auto stored = storedComments.find(students[s].id);
               stored != storedComments.end()) {
      card.comment = stored->second;
    }
    card.commentPeriod = commentPeriod;
    cards.push_back(std::move(card));
  }
  return cards;
}

} // namespace pupitre::reports
