#include "report_commands.h"

#include "context.h"
#include "pupitre/error.h"
#include "pupitre/model/students.h"
#include "pupitre/reports/reports.h"

#include <fstream>

namespace pupitre::ctl {
namespace {

using reports::Format;

reports::Language language(const Invocation& in)
{
  return reports::Language(in.option("--language").value_or(reports::environmentLanguage()),
                           reports::catalogFolders());
}

std::string output(const Invocation& in)
{
  const auto path = in.option("-o") ? in.option("-o") : in.option("--output");
  if (!path || path->empty()) {
    throw UsageError("say where to write the report with -o FILE");
  }
  return *path;
}

Format format(const Invocation& in, const std::vector<Format>& allowed)
{
  const auto text = in.option("--format");
  if (!text) {
    throw UsageError("say which format with --format");
  }
  return reports::parseFormat(*text, allowed);
}

int done(Context& ctx, const std::string& path)
{
  ctx.out << "Wrote " << path << "\n";
  return 0;
}

// Student id and comment, one a line, separated by the line's first tab, ';' or ','.
std::map<std::string, std::string> readComments(const std::string& path)
{
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    throw Error(Sentence{
        PUPITRE_TR("Cannot read the comments file %1; check its name and that you can read it."),
        {path}});
  }
  std::map<std::string, std::string> comments;
  std::string line;
  while (std::getline(in, line)) {
    if (!line.empty() && line.back() == '\r') {
      line.pop_back();
    }
    if (line.rfind("\xEF\xBB\xBF", 0) == 0) {
      line.erase(0, 3);
    }
    const auto at = line.find_first_of("\t;,");
    if (at == std::string::npos) {
      continue;
    }
    std::string text = line.substr(at + 1);
    if (text.size() >= 2 && text.front() == '"' && text.back() == '"') {
      text = text.substr(1, text.size() - 2);
    }
    comments[line.substr(0, at)] = text;
  }
  return comments;
}

int gradebook(Context& ctx, const Invocation& in)
{
  reports::GradebookRequest request;
  request.classId = in.positional[0];
  request.termId = in.option("--term").value_or("");
  request.format = format(in, {Format::Xlsx, Format::Csv, Format::Pdf});
  if (const auto separator = in.option("--separator")) {
    if (*separator != "," && *separator != ";" && *separator != "tab") {
      throw UsageError("--separator is ',' or ';' (or tab)");
    }
    request.separator = *separator == "tab" ? '\t' : (*separator)[0];
  }
  const std::string path = output(in);
  reports::writeGradebook(ctx.db(), request, language(in), path);
  return done(ctx, path);
}

int student(Context& ctx, const Invocation& in)
{
  format(in, {Format::Pdf});
  const auto classOption = in.option("--class");
  if (classOption.has_value() == !in.positional.empty()) {
    throw UsageError("give a STUDENT_ID or --class CLASS_ID (one of them)");
  }
  reports::ReportCardOptions options;
  options.school = in.option("--school");            // else the class's
  options.termId = in.option("--term").value_or(""); // whose stored comments
  std::string classId;
  std::vector<std::string> students;
  if (classOption) {
    classId = *classOption;
    if (in.option("--comment")) {
      throw UsageError("--comment is for one student; use --comments FILE for a class");
    }
  } else {
    const auto s = model::Students(ctx.db()).get(in.positional[0]);
    classId = s.classId;
    students.push_back(s.id);
    if (const auto comment = in.option("--comment")) {
      options.comments[s.id] = *comment;
    }
  }
  if (const auto file = in.option("--comments")) {
    for (auto& [id, text] : readComments(*file)) {
      options.comments.emplace(id, text);
    }
  }
  const std::string path = output(in);
  reports::writeReportCards(ctx.db(), classId, students, options, language(in), path);
  return done(ctx, path);
}

int attendance(Context& ctx, const Invocation& in)
{
  reports::AttendanceRequest request;
  request.classId = in.positional[0];
  request.from = in.option("--from").value_or("");
  request.to = in.option("--to").value_or("");
  request.termId = in.option("--term").value_or("");
  if (!request.termId.empty() && (!request.from.empty() || !request.to.empty())) {
    throw UsageError("give --from and --to, or --term, not both");
  }
  request.format = format(in, {Format::Xlsx, Format::Pdf});
  const std::string path = output(in);
  reports::writeAttendance(ctx.db(), request, language(in), path);
  return done(ctx, path);
}

int journal(Context& ctx, const Invocation& in)
{
  const auto from = in.option("--from");
  const auto to = in.option("--to");
  if (!from || !to) {
    throw UsageError("give the days with --from YYYY-MM-DD --to YYYY-MM-DD");
  }
  if (const auto f = in.option("--format")) {
    reports::parseFormat(*f, {Format::Pdf});
  }
  const std::string path = output(in);
  reports::writeJournal(ctx.db(), in.positional[0], *from, *to, language(in), path);
  return done(ctx, path);
}

} // namespace

std::vector<Command> reportCommands()
{
  std::vector<Command> table;
  table.push_back(
      {{"report", "gradebook"},
       "CLASS_ID --format xlsx|csv|pdf [--term ID] [--separator ,|;] [--language en|es] -o FILE",
       "Writes the class's gradebook (the whole year, or one term) as a spreadsheet, a CSV file "
       "or a PDF to print.",
       {"--format", "--term", "--separator", "--language", "-o", "--output"},
       {},
       1,
       1,
       gradebook});
  table.push_back({{"report", "student"},
                   "STUDENT_ID|--class CLASS_ID --format pdf [--term ID] [--school NAME] "
                   "[--comment TEXT] [--comments FILE] [--language en|es] -o FILE",
                   "Writes report cards as a PDF: one student's, or the whole class's, one "
                   "student per page, with the class's school name and the teacher's stored "
                   "comments of the term (--term) or the whole year; --school, --comment and "
                   "--comments print other ones in this report only.",
                   {"--format", "--class", "--term", "--school", "--comment", "--comments",
                    "--language", "-o", "--output"},
                   {},
                   0,
                   1,
                   student});
  table.push_back({{"report", "attendance"},
                   "CLASS_ID [--from D --to D | --term ID] --format xlsx|pdf [--language en|es] "
                   "-o FILE",
                   "Writes the class's attendance summary (counts and percentages per student).",
                   {"--format", "--from", "--to", "--term", "--language", "-o", "--output"},
                   {},
                   1,
                   1,
                   attendance});
  table.push_back({{"report", "journal"},
                   "CLASS_ID --from D --to D [--language en|es] -o FILE",
                   "Writes the class's journal between two days (both included) as a PDF.",
                   {"--format", "--from", "--to", "--language", "-o", "--output"},
                   {},
                   1,
                   1,
                   journal});
  return table;
}

} // namespace pupitre::ctl
