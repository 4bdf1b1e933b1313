#include "term_commands.h"

#include "context.h"
#include "pupitre/clock/calendar.h"
#include "pupitre/error.h"
#include "pupitre/model/classes.h"
#include "pupitre/model/final_marks.h"
#include "pupitre/model/students.h"
#include "pupitre/model/term_averages.h"
#include "pupitre/model/terms.h"
#include "pupitre/printable.h"
#include "pupitre/store/canonical_json.h"
#include "pupitre/store/value.h"

#include <cmath>
#include <ctime>
#include <map>

namespace pupitre::ctl {
namespace {

// Two decimals, as the gradebook shows them.
std::string rounded(double value)
{
  return store::formatNumber(std::round(value * 100) / 100);
}

std::string roundedOrNull(const std::optional<double>& value)
{
  return value ? rounded(*value) : "null";
}

int termList(Context& ctx, const Invocation& in)
{
  const std::string& classId = in.positional[0];
  model::Classes(ctx.db()).get(classId);
  const auto terms = model::Terms(ctx.db()).list(classId);
  if (in.flag("--json")) {
    ctx.out << "[";
    for (std::size_t i = 0; i < terms.size(); ++i) {
      const auto& t = terms[i];
      ctx.out << (i ? ",\n " : "") << "{\"id\": " << store::jsonString(t.id)
              << ", \"name\": " << store::jsonString(t.name)
              << ", \"start\": " << store::jsonString(t.start)
              << ", \"end\": " << store::jsonString(t.end)
              << ", \"position\": " << store::formatNumber(t.position)
              << ", \"weight\": " << store::formatNumber(t.weight) << "}";
    }
    ctx.out << "]\n";
    return 0;
  }
  ctx.out << "id\tname\tstart\tend\tweight\n";
  for (const auto& t : terms) {
    ctx.out << t.id << "\t" << printable(t.name) << "\t" << t.start << "\t" << t.end << "\t"
            << store::formatNumber(t.weight) << "\n";
  }
  return 0;
}

// One student's averages (a term's, or the whole year's) in today's JSON fields.
void printAveragesFields(Context& ctx, const model::StudentAverages& a,
                         const std::map<std::string, std::string>& assessmentNames)
{
  ctx.out << ", \"categories\": {";
  bool firstCategory = true;
  for (const auto& [category, mean] : a.byCategory) {
    ctx.out << (firstCategory ? "" : ", ") << store::jsonString(category) << ": " << rounded(mean);
    firstCategory = false;
  }
  ctx.out << "}, \"complete\": " << (a.complete() ? "true" : "false")
          << ", \"final_without_weight\": " << (a.finalWithoutWeight ? "true" : "false")
          << ", \"note\": " << store::jsonString(a.note()) << ", \"out_of_range\": [";
  for (std::size_t i = 0; i < a.outOfScale.size(); ++i) {
    const auto& m = a.outOfScale[i];
    const auto name = assessmentNames.find(m.assessmentId);
    ctx.out << (i ? ", " : "") << "{\"assessment_id\": " << store::jsonString(m.assessmentId)
            << ", \"assessment\": "
            << store::jsonString(name == assessmentNames.end() ? "" : name->second)
            << ", \"category_id\": " << store::jsonString(m.categoryId)
            << ", \"value\": " << store::jsonValue(m.value)
            << ", \"scale\": " << store::jsonString(m.scale.rangeText())
            << ", \"message\": " << store::jsonString(m.message()) << "}";
  }
  ctx.out << "]";
}

int averages(Context& ctx, const Invocation& in)
{
  const std::string& classId = in.positional[0];
  model::Classes(ctx.db()).get(classId);
  const double outOf = in.number("--out-of").value_or(10);
  const auto termId = in.option("--term");
  if (termId) {
    const auto term = model::Terms(ctx.db()).get(*termId);
    if (term.classId != classId) {
      throw ValidationError("The term " + *termId +
                            " belongs to another class; list this "
                            "class's terms with: pupitrectl term list " +
                            classId);
    }
  }
  std::map<std::string, std::string> names;
  for (const auto& s : model::Students(ctx.db()).list(classId)) {
    names[s.id] = s.familyName + ", " + s.givenName;
  }
  std::map<std::string, std::string> assessmentNames;
  for (const auto& a : model::Assessments(ctx.db()).list(classId)) {
    assessmentNames[a.id] = a.name;
  }
  const auto report = model::classReport(ctx.db(), classId, outOf);
  const bool json = in.flag("--json");
  if (!json) {
    // The columns of the first version first (scripts read them by place), then the terms.
    ctx.out << (termId ? "student\tname\taverage\tnote" : "student\tname\tfinal\tnote");
    if (!termId) {
      for (const auto& t : report.terms) {
        ctx.out << "\t" << printable(t.name);
      }
    }
    ctx.out << "\n";
  } else {
    ctx.out << "[";
  }
  bool first = true;
  for (const auto& s : report.students) {
    // With --term, the term's averages; without, the final mark and the year's averages.
    const model::StudentAverages& shown = termId ? s.terms.at(*termId) : s.year;
    const std::optional<double> final = termId ? shown.final : s.final();
    if (!json) {
      std::string note = shown.note();
      if (!termId && s.overridden()) {
        note += (note.empty() ? "" : "; ") + std::string("final set by the teacher");
      }
      ctx.out << printable(s.studentId) << "\t" << printable(names[s.studentId]) << "\t"
              << (final ? rounded(*final) : "") << "\t" << note;
      if (!termId) {
        for (const auto& t : report.terms) {
          const auto average = s.termAverage(t.id);
          ctx.out << "\t" << (average ? rounded(*average) : "");
        }
      }
      ctx.out << "\n";
      continue;
    }
    ctx.out << (first ? "" : ",\n ") << "{\"student_id\": " << store::jsonString(s.studentId)
            << ", \"final\": " << roundedOrNull(final);
    printAveragesFields(ctx, shown, assessmentNames);
    if (termId) {
      ctx.out << ", \"term_id\": " << store::jsonString(*termId);
    } else {
      ctx.out << ", \"year\": " << roundedOrNull(s.year.final)
              << ", \"computed_final\": " << roundedOrNull(s.computedFinal)
              << ", \"overridden\": " << (s.overridden() ? "true" : "false")
              << ", \"final_mode\": \"" << model::toText(report.finalMode) << "\", \"terms\": [";
      for (std::size_t i = 0; i < report.terms.size(); ++i) {
        const auto& t = report.terms[i];
        ctx.out << (i ? ", " : "") << "{\"term_id\": " << store::jsonString(t.id)
                << ", \"name\": " << store::jsonString(t.name)
                << ", \"average\": " << roundedOrNull(s.termAverage(t.id)) << "}";
      }
      ctx.out << "]";
    }
    ctx.out << "}";
    first = false;
  }
  ctx.out << (json ? "]\n" : "");
  return 0;
}

} // namespace

std::string localToday()
{
  const std::time_t now = std::time(nullptr);
  const std::tm local = clock::localCalendar(now);
  char text[11];
  std::strftime(text, sizeof text, "%Y-%m-%d", &local);
  return text;
}

std::vector<Command> termCommands()
{
  std::vector<Command> table;
  auto add = [&table](Command command) { table.push_back(std::move(command)); };

  add({{"term", "add"},
       "CLASS_ID NAME START END [--weight W] [--position P]",
       "Adds an evaluation period (dates YYYY-MM-DD, both included) to a class and prints its "
       "id. It goes after the class's other terms unless --position says where.",
       {"--weight", "--position"},
       {},
       4,
       4,
       [](Context& ctx, const Invocation& in) {
         model::Terms terms(ctx.db());
         double last = 0;
         for (const auto& t : terms.list(in.positional[0])) {
           last = std::max(last, t.position);
         }
         ctx.out << terms.create({.classId = in.positional[0],
                                  .name = in.positional[1],
                                  .start = in.positional[2],
                                  .end = in.positional[3],
                                  .position = in.number("--position").value_or(last + 1),
                                  .weight = in.number("--weight").value_or(1)})
                 << "\n";
         return 0;
       }});
  add({{"term", "list"},
       "CLASS_ID [--json]",
       "Lists a class's terms in order (tab-separated with a header, or JSON).",
       {},
       {"--json"},
       1,
       1,
       termList});
  add({{"term", "update"},
       "ID [--name N] [--start YYYY-MM-DD] [--end YYYY-MM-DD] [--weight W] [--position P]",
       "Renames, re-dates, re-weights or moves a term.",
       {"--name", "--start", "--end", "--weight", "--position"},
       {},
       1,
       1,
       [](Context& ctx, const Invocation& in) {
         model::Terms(ctx.db()).update(in.positional[0], {.name = in.option("--name"),
                                                          .start = in.option("--start"),
                                                          .end = in.option("--end"),
                                                          .position = in.number("--position"),
                                                          .weight = in.number("--weight")});
         return 0;
       }});
  add({{"term", "delete"},
       "ID",
       "Deletes a term (pupitrectl restore ID brings it back); its assessments go by date.",
       {},
       {},
       1,
       1,
       [](Context& ctx, const Invocation& in) {
         model::Terms(ctx.db()).remove(in.positional[0]);
         ctx.out << "Deleted term " << in.positional[0] << "\n";
         return 0;
       }});
  add({{"final", "set"},
       "CLASS_ID STUDENT_ID VALUE|--clear [--out-of N]",
       "Sets the teacher's own final mark for a student (it overrides the computed one), or "
       "with --clear goes back to the computed final.",
       {"--out-of"},
       {"--clear"},
       2,
       3,
       [](Context& ctx, const Invocation& in) {
         model::FinalMarks finals(ctx.db());
         const bool clear = in.flag("--clear");
         if (clear == (in.positional.size() == 3)) {
           throw UsageError("give either a VALUE or --clear");
         }
         if (clear) {
           model::Students(ctx.db()).get(in.positional[1]);
           finals.clear(in.positional[0], in.positional[1]);
           ctx.out << "Final mark of " << in.positional[1] << " is computed again.\n";
           return 0;
         }
         const auto value = store::parseNumber(in.positional[2]);
         if (!value) {
           throw UsageError("VALUE must be a number, as in 7.5");
         }
         ctx.out << finals.set(in.positional[0], in.positional[1], *value,
                               in.number("--out-of").value_or(10))
                 << "\n";
         return 0;
       }});
  add({{"averages"},
       "CLASS_ID [--term ID] [--out-of N] [--json]",
       "Shows each student's averages per term and final mark (the teacher's own when set), "
       "per category too with --json, and what they leave out: marks outside their "
       "assessment's scale. With --term, the averages of that term only.",
       {"--out-of", "--term"},
       {"--json"},
       1,
       1,
       averages});
  return table;
}

} // namespace pupitre::ctl
