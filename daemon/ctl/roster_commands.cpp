#include "roster_commands.h"

#include "context.h"
#include "pupitre/model/class_copy.h"
#include "pupitre/model/classes.h"
#include "pupitre/model/students.h"
#include "pupitre/printable.h"
#include "pupitre/roster/roster_import.h"

#include <iostream>
#include <iterator>

namespace pupitre::ctl {
namespace {

roster::Table readSource(const std::string& file)
{
  if (file != "-") {
    return roster::readTableFile(file);
  }
  std::string bytes;
  char buffer[65536];
  while (std::cin.read(buffer, sizeof buffer) || std::cin.gcount() > 0) {
    bytes.append(buffer, static_cast<std::size_t>(std::cin.gcount()));
    if (bytes.size() > roster::kMaxFileBytes) {
      break; // readTableBytes says it is too large
    }
  }
  return roster::readTableBytes(bytes);
}

roster::Mapping mappingFor(const roster::Table& table, const Invocation& in)
{
  roster::FamilyNames familyNames = roster::FamilyNames::Two;
  if (const auto surnames = in.option("--surnames")) {
    if (*surnames != "1" && *surnames != "2") {
      throw UsageError("--surnames takes 1 or 2 (family names that end a name without a comma)");
    }
    familyNames = *surnames == "1" ? roster::FamilyNames::One : roster::FamilyNames::Two;
  }
  auto mapping = roster::guessMapping(table, familyNames);
  if (const auto columns = in.option("--columns")) {
    mapping.columns.clear();
    std::size_t start = 0;
    while (start <= columns->size()) {
      const auto comma = std::min(columns->find(',', start), columns->size());
      const std::string word = columns->substr(start, comma - start);
      const auto field = roster::parseField(word);
      if (!field) {
        throw UsageError("--columns takes given, family, name, email, notes or ignore for each "
                         "column, separated by commas; '" +
                         word + "' is none of them");
      }
      mapping.columns.push_back(*field);
      start = comma + 1;
    }
  }
  if (in.flag("--header")) {
    mapping.headerRow = true;
  } else if (in.flag("--no-header")) {
    mapping.headerRow = false;
  }
  return mapping;
}

// The column (letter) of the first cell mapped to `field`, for messages.
std::string columnOf(const roster::Mapping& mapping, roster::Field field)
{
  for (std::size_t c = 0; c < mapping.columns.size(); ++c) {
    if (mapping.columns[c] == field) {
      return ", column " + roster::columnLetters(static_cast<int>(c) + 1);
    }
  }
  return {};
}

int studentImport(Context& ctx, const Invocation& in)
{
  const std::string& classId = in.positional[0];
  const bool dryRun = in.flag("--dry-run");
  const auto cls = model::Classes(ctx.db()).get(classId);
  mappingFor({}, in); // the command line checked before the file is read
  const auto table = readSource(in.positional[1]);
  const auto mapping = mappingFor(table, in);
  const auto plan =
      roster::planImport(table, mapping, classId, model::Students(ctx.db()).list(classId));
  if (plan.empty()) {
    throw roster::ImportError(roster::ImportError::Kind::Empty, 0, 0);
  }
  for (const auto& c : plan) {
    if (c.blocked()) {
      const std::string column = c.issue == roster::Candidate::Issue::BadEmail
                                     ? columnOf(mapping, roster::Field::Email)
                                     : "";
      throw ValidationError("Row " + std::to_string(c.line) + column + ": " + c.note() +
                            ". Nothing was imported: correct the file, or say which column "
                            "holds what with --columns.");
    }
  }
  std::vector<std::string> ids;
  if (!dryRun) {
    ids = model::Students(ctx.db()).createAll(roster::chosenStudents(plan));
  }
  ctx.out << "action\tline\tid\tfamily_name\tgiven_name\temail\tnote\n";
  std::size_t created = 0, skipped = 0;
  for (const auto& c : plan) {
    const auto& s = c.student;
    std::string action = "skip";
    std::string id;
    if (c.selected) {
      action = dryRun ? "would create" : "create";
      id = dryRun ? "" : ids[created];
      ++created;
    } else {
      ++skipped;
    }
    ctx.out << action << "\t" << c.line << "\t" << id << "\t" << printable(s.familyName) << "\t"
            << printable(s.givenName) << "\t" << printable(s.email) << "\t" << c.note() << "\n";
  }
  ctx.out << created << (created == 1 ? " student " : " students ")
          << (dryRun ? "would be created" : "created") << " in " << printable(cls.name) << ", "
          << skipped << " skipped" << (dryRun ? " (dry run: nothing was changed)" : "") << ".\n";
  return 0;
}

int classCopy(Context& ctx, const Invocation& in)
{
  const auto name = in.option("--name");
  if (!name) {
    throw UsageError("--name NAME is required: the new class's name");
  }
  ctx.out << model::copyClassStructure(ctx.db(), in.positional[0], *name) << "\n";
  return 0;
}

} // namespace

std::vector<Command> rosterCommands()
{
  std::vector<Command> table;
  table.push_back({{"student", "import"},
                   "CLASS_ID FILE|- [--dry-run] [--columns given,family,name,email,notes,ignore] "
                   "[--header|--no-header] [--surnames 1|2]",
                   "Adds the students of a class list (CSV or XLSX; - reads standard input) and "
                   "prints each row: created, or skipped as a duplicate.",
                   {"--columns", "--surnames"},
                   {"--dry-run", "--header", "--no-header"},
                   2,
                   2,
                   studentImport});
  table.push_back({{"class", "copy"},
                   "CLASS_ID --name NAME",
                   "Creates a class with the categories, weights and assessments (no students, "
                   "no marks) of another, and prints its id.",
                   {"--name"},
                   {},
                   1,
                   1,
                   classCopy});
  return table;
}

} // namespace pupitre::ctl
