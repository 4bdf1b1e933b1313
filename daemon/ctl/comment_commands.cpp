#include "comment_commands.h"

#include "context.h"
#include "pupitre/error.h"
#include "pupitre/model/report_comments.h"
#include "pupitre/model/students.h"
#include "pupitre/printable.h"
#include "pupitre/store/canonical_json.h"

#include <iostream>
#include <iterator>

namespace pupitre::ctl {
namespace {

struct Place
{
  std::string classId, studentId, termId;
};

// The student's comment place: --class (the student's own class when left out) and --term
// ("" the whole year).
Place placeOf(Context& ctx, const Invocation& in)
{
  Place place;
  place.studentId = in.positional[0];
  place.classId = in.option("--class").value_or("");
  if (place.classId.empty()) {
    place.classId = model::Students(ctx.db()).get(place.studentId).classId;
  }
  place.termId = in.option("--term").value_or("");
  return place;
}

int set(Context& ctx, const Invocation& in)
{
  const Place place = placeOf(ctx, in);
  std::string text = in.positional[1];
  if (text == "-") {
    text.assign(std::istreambuf_iterator<char>(std::cin), std::istreambuf_iterator<char>());
  }
  model::ReportComments comments(ctx.db());
  comments.set(place.classId, place.studentId, place.termId, text);
  if (comments.get(place.classId, place.studentId, place.termId).empty()) {
    ctx.out << "Cleared the comment of " << place.studentId << ".\n";
  } else {
    ctx.out << comments.recordId(place.classId, place.studentId, place.termId) << "\n";
  }
  return 0;
}

int show(Context& ctx, const Invocation& in)
{
  const Place place = placeOf(ctx, in);
  model::Students(ctx.db()).get(place.studentId);
  const auto text =
      model::ReportComments(ctx.db()).get(place.classId, place.studentId, place.termId);
  if (in.flag("--json")) {
    ctx.out << "{\"student_id\": " << store::jsonString(place.studentId)
            << ", \"class_id\": " << store::jsonString(place.classId)
            << ", \"term_id\": " << store::jsonString(place.termId)
            << ", \"text\": " << store::jsonString(text) << "}\n";
    return 0;
  }
  ctx.out << text << (text.empty() ? "" : "\n");
  return 0;
}

int clear(Context& ctx, const Invocation& in)
{
  const Place place = placeOf(ctx, in);
  model::ReportComments(ctx.db()).clear(place.classId, place.studentId, place.termId);
  ctx.out << "Cleared the comment of " << place.studentId << ".\n";
  return 0;
}

int list(Context& ctx, const Invocation& in)
{
  const std::string& classId = in.positional[0];
  const std::string termId = in.option("--term").value_or("");
  const auto comments = model::ReportComments(ctx.db()).list(classId, termId);
  if (in.flag("--json")) {
    ctx.out << "[";
    bool first = true;
    for (const auto& [student, text] : comments) {
      ctx.out << (first ? "" : ",\n ") << "{\"student_id\": " << store::jsonString(student)
              << ", \"text\": " << store::jsonString(text) << "}";
      first = false;
    }
    ctx.out << "]\n";
    return 0;
  }
  ctx.out << "student_id\ttext\n";
  for (const auto& [student, text] : comments) {
    ctx.out << student << "\t" << printable(text) << "\n";
  }
  return 0;
}

} // namespace

std::vector<Command> commentCommands()
{
  std::vector<Command> table;
  table.push_back({{"comment", "set"},
                   "STUDENT_ID [--class CLASS_ID] [--term TERM_ID] TEXT|-",
                   "Writes the teacher's comment on the student's report card for a term or "
                   "(without --term) the whole year; - reads it from standard input, an empty "
                   "TEXT clears it. --class defaults to the student's class.",
                   {"--class", "--term"},
                   {},
                   2,
                   2,
                   set});
  table.push_back({{"comment", "show"},
                   "STUDENT_ID [--class CLASS_ID] [--term TERM_ID] [--json]",
                   "Prints the student's report card comment (nothing when there is none).",
                   {"--class", "--term"},
                   {"--json"},
                   1,
                   1,
                   show});
  table.push_back({{"comment", "clear"},
                   "STUDENT_ID [--class CLASS_ID] [--term TERM_ID]",
                   "Removes the student's report card comment of a term or the whole year.",
                   {"--class", "--term"},
                   {},
                   1,
                   1,
                   clear});
  table.push_back({{"comment", "list"},
                   "CLASS_ID [--term TERM_ID] [--json]",
                   "Lists the class's report card comments of a term or the whole year.",
                   {"--term"},
                   {"--json"},
                   1,
                   1,
                   list});
  return table;
}

} // namespace pupitre::ctl
