#include "data_commands.h"

#include "context.h"
#include "pupitre/clock/hlc.h"
#include "pupitre/model/assessments.h"
#include "pupitre/model/attendance.h"
#include "pupitre/model/categories.h"
#include "pupitre/model/classes.h"
#include "pupitre/model/hidden_edits.h"
#include "pupitre/model/journal.h"
#include "pupitre/model/marks.h"
#include "pupitre/model/records.h"
#include "pupitre/model/students.h"
#include "pupitre/model/terms.h"
#include "pupitre/printable.h"
#include "pupitre/store/canonical_json.h"
#include "pupitre/store/rows.h"
#include "pupitre/sync/conflicts.h"
#include "pupitre/sync/outbox.h"
#include "term_commands.h"

#include <cmath>
#include <map>

namespace pupitre::ctl {
namespace {

using model::Assessment;

int printId(Context& ctx, const std::string& id)
{
  ctx.out << id << "\n";
  return 0;
}

std::optional<model::Scale> scaleOption(const Invocation& in)
{
  if (const auto symbols = in.option("--symbols")) {
    return model::Scale::fromSymbols(*symbols, in.number("--pass"));
  }
  const auto range = in.option("--scale");
  if (!range && !in.option("--pass")) {
    return std::nullopt;
  }
  double min = 0;
  double max = 10;
  if (range) {
    const auto dash = range->find('-', 1);
    const auto low =
        dash == std::string::npos ? std::nullopt : store::parseNumber(range->substr(0, dash));
    const auto high =
        dash == std::string::npos ? std::nullopt : store::parseNumber(range->substr(dash + 1));
    if (!low || !high) {
      throw UsageError("--scale takes MIN-MAX, as in 0-10 or 0-20");
    }
    min = *low;
    max = *high;
  }
  return model::Scale::numeric(min, max, in.number("--pass").value_or((min + max) / 2));
}

// --- list -------------------------------------------------------------------------------

struct Listing
{
  const char* table;
  std::vector<const char*> columns;
  const char* classFilter; // SQL condition selecting rows of one class
  const char* order;
};

const std::map<std::string, Listing>& listings()
{
  static const std::map<std::string, Listing> all = {
      {"classes",
       {"class",
        {"name", "subject", "year", "term", "archived"},
        "id = ?",
        "coalesce(position, 0), name, id"}},
      {"students",
       {"student",
        {"class_id", "family_name", "given_name", "email"},
        "class_id = ?",
        "family_name COLLATE NOCASE, given_name COLLATE NOCASE, id"}},
      {"assessments",
       {"assessment",
        {"class_id", "name", "date", "weight", "scale_min", "scale_max", "category_id", "term_id"},
        "class_id = ?",
        "coalesce(position, 0), coalesce(date, ''), name, id"}},
      {"marks",
       {"mark",
        {"student_id", "assessment_id", "value", "status", "comment"},
        "student_id IN (SELECT id FROM student WHERE class_id = ?)",
        "student_id, assessment_id"}},
      {"attendance",
       {"attendance",
        {"student_id", "date", "session", "state", "note"},
        "student_id IN (SELECT id FROM student WHERE class_id = ?)",
        "date, session, student_id"}},
      {"journal",
       {"journal_entry",
        {"class_id", "date", "session", "title", "done", "body"},
        "class_id = ?",
        "date, session, id"}},
      {"terms",
       {"term",
        {"class_id", "name", "start_date", "end_date", "weight"},
        "class_id = ?",
        "class_id, coalesce(position, 0), coalesce(start_date, ''), id"}},
  };
  return all;
}

// `text` on one line and in its column (control characters escaped), cut after about `max`
// bytes, never inside an escape or a UTF-8 character.
std::string oneLine(const std::string& text, std::size_t max = 60)
{
  std::string shown = printable(text);
  if (shown.size() <= max) {
    return shown;
  }
  shown.clear();
  for (std::size_t i = 0; i < text.size();) {
    const auto lead = static_cast<unsigned char>(text[i]);
    const std::size_t length = lead >= 0xF0 ? 4 : lead >= 0xE0 ? 3 : lead >= 0xC0 ? 2 : 1;
    const std::string piece = printable(text.substr(i, length));
    if (shown.size() + piece.size() > max - 3) {
      break;
    }
    shown += piece;
    i += length;
  }
  return shown + "...";
}

int list(Context& ctx, const Invocation& in)
{
  const auto it = listings().find(in.positional[0]);
  if (it == listings().end()) {
    throw UsageError("cannot list '" + in.positional[0] +
                     "'; choose classes, students, assessments, marks, attendance, journal or terms");
  }
  const Listing& listing = it->second;
  const auto& table = *store::findTable(listing.table);
  const auto classId = in.option("--class");
  const auto rows =
      classId ? store::selectRows(ctx.db(), table, listing.classFilter, {*classId}, listing.order)
              : store::selectRows(ctx.db(), table, {}, {}, listing.order);
  if (in.flag("--json")) {
    ctx.out << "[";
    for (std::size_t i = 0; i < rows.size(); ++i) {
      ctx.out << (i ? ",\n " : "") << store::rowJson(rows[i]);
    }
    ctx.out << "]\n";
    return 0;
  }
  ctx.out << "id";
  for (const char* column : listing.columns) {
    ctx.out << "\t" << column;
  }
  ctx.out << "\n";
  for (const auto& row : rows) {
    ctx.out << row.id;
    for (const char* column : listing.columns) {
      ctx.out << "\t" << oneLine(row.text(column));
    }
    ctx.out << "\n";
  }
  return 0;
}

// --- conflicts, hidden -------------------------------------------------------------------

int conflicts(Context& ctx, const Invocation& in)
{
  const auto all = sync::listConflicts(ctx.db(), in.flag("--all"));
  if (in.flag("--json")) {
    ctx.out << "[";
    bool first = true;
    for (const auto& c : all) {
      ctx.out << (first ? "" : ",\n ") << "{\"id\": " << store::jsonString(c.id)
              << ", \"table\": " << store::jsonString(c.table)
              << ", \"row_id\": " << store::jsonString(c.rowId)
              << ", \"field\": " << store::jsonString(c.field)
              << ", \"lost_value\": " << store::jsonValue(c.lostValue)
              << ", \"lost_device\": " << store::jsonString(c.lostStamp.device)
              << ", \"lost_at\": " << store::jsonString(clock::formatHlc(c.lostStamp.hlc))
              << ", \"won_value\": " << store::jsonValue(c.wonValue)
              << ", \"won_device\": " << store::jsonString(c.wonStamp.device)
              << ", \"won_at\": " << store::jsonString(clock::formatHlc(c.wonStamp.hlc))
              << ", \"restored\": " << (c.restored ? "true" : "false") << "}";
      first = false;
    }
    ctx.out << "]\n";
    return 0;
  }
  if (all.empty()) {
    ctx.out << "No conflicts.\n";
  }
  for (const auto& c : all) {
    ctx.out << c.id << "  " << c.table << "." << c.field << " of " << c.rowId << "\n"
            << "    kept:  " << store::jsonValue(c.wonValue) << "  ("
            << clock::formatHlc(c.wonStamp.hlc) << ", device " << c.wonStamp.device << ")\n"
            << "    lost:  " << store::jsonValue(c.lostValue) << "  ("
            << clock::formatHlc(c.lostStamp.hlc) << ", device " << c.lostStamp.device << ")"
            << (c.restored ? "  [restored]" : "") << "\n";
  }
  return 0;
}

int hidden(Context& ctx, const Invocation& in)
{
  const auto all = model::hiddenEdits(ctx.db());
  if (in.flag("--json")) {
    ctx.out << "[";
    for (std::size_t i = 0; i < all.size(); ++i) {
      const auto& h = all[i];
      ctx.out << (i ? ",\n " : "") << "{\"table\": " << store::jsonString(h.table)
              << ", \"row_id\": " << store::jsonString(h.rowId)
              << ", \"parent_table\": " << store::jsonString(h.parentTable)
              << ", \"parent_id\": " << store::jsonString(h.parentId)
              << ", \"edited_at\": " << store::jsonString(clock::formatHlc(h.editedAt))
              << ", \"edited_by\": " << store::jsonString(h.editedBy)
              << ", \"deleted_at\": " << store::jsonString(clock::formatHlc(h.deletedAt))
              << ", \"deleted_by\": " << store::jsonString(h.deletedBy)
              << ", \"message\": " << store::jsonString(h.message()) << "}";
    }
    ctx.out << "]\n";
    return 0;
  }
  if (all.empty()) {
    ctx.out << "No edits hidden by a deletion.\n";
  }
  for (const auto& h : all) {
    ctx.out << h.message() << "\n"
            << "    edited:  " << clock::formatHlc(h.editedAt) << ", device " << h.editedBy << "\n"
            << "    deleted: " << clock::formatHlc(h.deletedAt) << ", device " << h.deletedBy
            << "\n    show it again: pupitrectl restore " << h.parentId
            << "; or accept the deletion: pupitrectl delete " << h.rowId << "\n";
  }
  return 0;
}

} // namespace

std::vector<Command> dataCommands()
{
  std::vector<Command> table;
  auto add = [&table](Command command) { table.push_back(std::move(command)); };

  add({{"class", "add"},
       "NAME [--subject S] [--year Y] [--term T] [--colour #RRGGBB] [--final-mode "
       "mean|weighted] [--school NAME] [--no-terms]",
       "Creates a class with the default terms of its school year (from --year, or today's) "
       "and prints its id. --term is a free-text label; the terms are `pupitrectl term`.",
       {"--subject", "--year", "--term", "--colour", "--final-mode", "--school"},
       {"--no-terms"},
       1,
       1,
       [](Context& ctx, const Invocation& in) {
         const model::SchoolClass c{
             .name = in.positional[0],
             .subject = in.option("--subject").value_or(""),
             .year = in.option("--year").value_or(""),
             .term = in.option("--term").value_or(""),
             .colour = in.option("--colour").value_or(""),
             .finalMode = model::parseFinalMode(in.option("--final-mode").value_or("mean")),
             .school = in.option("--school").value_or("")};
         model::Classes classes(ctx.db());
         return printId(ctx, in.flag("--no-terms")
                                 ? classes.create(c)
                                 : classes.createWithTerms(c, localToday(),
                                                           model::defaultTermNames()));
       }});
  add({{"class", "update"},
       "ID [--name N] [--subject S] [--year Y] [--term T] [--colour C] [--archived|--active] "
       "[--final-mode mean|weighted] [--school NAME]",
       "Changes the given fields of a class. --school is the school's name its report cards "
       "print (\"\" removes it).",
       {"--name", "--subject", "--year", "--term", "--colour", "--final-mode", "--school"},
       {"--archived", "--active"},
       1,
       1,
       [](Context& ctx, const Invocation& in) {
         model::ClassChanges changes{in.option("--name"),
                                     in.option("--subject"),
                                     in.option("--year"),
                                     in.option("--term"),
                                     in.option("--colour"),
                                     {},
                                     {}};
         if (in.flag("--archived") || in.flag("--active")) {
           changes.archived = in.flag("--archived");
         }
         if (const auto mode = in.option("--final-mode")) {
           changes.finalMode = model::parseFinalMode(*mode);
         }
         changes.school = in.option("--school");
         model::Classes(ctx.db()).update(in.positional[0], changes);
         return 0;
       }});
  add({{"student", "add"},
       "CLASS_ID GIVEN FAMILY [--email E] [--notes N]",
       "Adds a student to a class and prints the new id.",
       {"--email", "--notes"},
       {},
       3,
       3,
       [](Context& ctx, const Invocation& in) {
         return printId(
             ctx, model::Students(ctx.db()).create({.classId = in.positional[0],
                                                    .givenName = in.positional[1],
                                                    .familyName = in.positional[2],
                                                    .email = in.option("--email").value_or(""),
                                                    .notes = in.option("--notes").value_or("")}));
       }});
  add({{"student", "update"},
       "ID [--given G] [--family F] [--email E] [--notes N] [--class CLASS_ID]",
       "Changes the given fields of a student.",
       {"--given", "--family", "--email", "--notes", "--class"},
       {},
       1,
       1,
       [](Context& ctx, const Invocation& in) {
         model::Students(ctx.db()).update(in.positional[0], {.classId = in.option("--class"),
                                                             .givenName = in.option("--given"),
                                                             .familyName = in.option("--family"),
                                                             .email = in.option("--email"),
                                                             .notes = in.option("--notes")});
         return 0;
       }});
  add({{"category", "add"},
       "CLASS_ID NAME [--weight W]",
       "Creates a category of assessments (for weighted averages) and prints its id.",
       {"--weight"},
       {},
       2,
       2,
       [](Context& ctx, const Invocation& in) {
         return printId(ctx, model::Categories(ctx.db()).create(
                                 {.classId = in.positional[0],
                                  .name = in.positional[1],
                                  .weight = in.number("--weight").value_or(1)}));
       }});
  add({{"assessment", "add"},
       "CLASS_ID NAME [--weight W] [--date YYYY-MM-DD] [--category ID] [--scale MIN-MAX] [--pass "
       "P] "
       "[--symbols A=10;B=8;...] [--term ID]",
       "Creates an assessment (a gradebook column) and prints its id. Default scale 0-10, pass 5.",
       {"--weight", "--date", "--category", "--scale", "--pass", "--symbols", "--term"},
       {},
       2,
       2,
       [](Context& ctx, const Invocation& in) {
         Assessment a;
         a.classId = in.positional[0];
         a.name = in.positional[1];
         a.weight = in.number("--weight").value_or(1);
         a.date = in.option("--date").value_or("");
         a.categoryId = in.option("--category").value_or("");
         a.termId = in.option("--term").value_or("");
         if (auto scale = scaleOption(in)) {
           a.scale = *scale;
         }
         return printId(ctx, model::Assessments(ctx.db()).create(a));
       }});
  add({{"assessment", "update"},
       "ID [--name N] [--weight W] [--date D] [--category ID] [--scale MIN-MAX] [--pass P] "
       "[--symbols S] "
       "[--hidden|--visible] [--term ID|--term \"\"]",
       "Changes the given fields of an assessment (--term \"\" = the term of its date).",
       {"--name", "--weight", "--date", "--category", "--scale", "--pass", "--symbols", "--term"},
       {"--hidden", "--visible"},
       1,
       1,
       [](Context& ctx, const Invocation& in) {
         model::AssessmentChanges changes;
         changes.name = in.option("--name");
         changes.weight = in.number("--weight");
         changes.date = in.option("--date");
         changes.categoryId = in.option("--category");
         changes.scale = scaleOption(in);
         changes.termId = in.option("--term");
         if (in.flag("--hidden") || in.flag("--visible")) {
           changes.visible = in.flag("--visible");
         }
         model::Assessments(ctx.db()).update(in.positional[0], changes);
         return 0;
       }});
  add({{"mark", "set"},
       "STUDENT_ID ASSESSMENT_ID VALUE [--comment C] [--status normal|excused|missing]",
       "Sets a student's mark (\"\" as VALUE clears the value) and prints the mark's id.",
       {"--comment", "--status"},
       {},
       3,
       3,
       [](Context& ctx, const Invocation& in) {
         model::MarkInput input{in.positional[2], in.option("--comment"), {}};
         if (const auto status = in.option("--status")) {
           input.status = model::parseMarkStatus(*status);
         }
         return printId(ctx, model::Marks(ctx.db()).set(in.positional[0], in.positional[1], input));
       }});
  add({{"attendance", "set"},
       "STUDENT_ID YYYY-MM-DD present|absent|late|justified [--session S] [--note N]",
       "Records a student's attendance on a date and prints the record's id.",
       {"--session", "--note"},
       {},
       3,
       3,
       [](Context& ctx, const Invocation& in) {
         return printId(ctx, model::Attendance(ctx.db()).set(
                                 in.positional[0], in.positional[1],
                                 model::parseAttendanceState(in.positional[2]),
                                 in.option("--session").value_or(""), in.option("--note")));
       }});
  add({{"journal", "add"},
       "CLASS_ID YYYY-MM-DD TEXT [--title T] [--session S] [--done]",
       "Adds a class journal entry (planned unless --done) and prints its id.",
       {"--title", "--session"},
       {"--done"},
       3,
       3,
       [](Context& ctx, const Invocation& in) {
         return printId(
             ctx, model::Journal(ctx.db()).create({.classId = in.positional[0],
                                                   .date = in.positional[1],
                                                   .session = in.option("--session").value_or(""),
                                                   .title = in.option("--title").value_or(""),
                                                   .body = in.positional[2],
                                                   .done = in.flag("--done")}));
       }});
  add({{"journal", "update"},
       "ID TEXT [--title T] [--date D] [--done|--planned]",
       "Replaces a journal entry's text (and the given fields).",
       {"--title", "--date"},
       {"--done", "--planned"},
       2,
       2,
       [](Context& ctx, const Invocation& in) {
         model::JournalChanges changes;
         changes.body = in.positional[1];
         changes.title = in.option("--title");
         changes.date = in.option("--date");
         if (in.flag("--done") || in.flag("--planned")) {
           changes.done = in.flag("--done");
         }
         model::Journal(ctx.db()).update(in.positional[0], changes);
         return 0;
       }});
  add({{"delete"},
       "ID",
       "Deletes a record of any kind (it is kept as a tombstone for sync).",
       {},
       {},
       1,
       1,
       [](Context& ctx, const Invocation& in) {
         ctx.out << "Deleted " << model::deleteRecord(ctx.db(), in.positional[0]) << " "
                 << in.positional[0] << "\n";
         return 0;
       }});
  add({{"restore"},
       "ID",
       "Brings a deleted record back with its last values (a new edit that syncs).",
       {},
       {},
       1,
       1,
       [](Context& ctx, const Invocation& in) {
         ctx.out << "Restored " << model::restoreRecord(ctx.db(), in.positional[0]) << " "
                 << in.positional[0] << "\n";
         return 0;
       }});
  add({{"list"},
       "classes|students|assessments|marks|attendance|journal|terms [--class ID] [--json]",
       "Lists live records (tab-separated with a header, or JSON).",
       {"--class"},
       {"--json"},
       1,
       1,
       list});
  add({{"export"},
       "",
       "Prints all live data as canonical JSON (sorted keys and rows, no sync metadata).",
       {},
       {},
       0,
       0,
       [](Context& ctx, const Invocation&) {
         ctx.out << store::exportCanonicalJson(ctx.db());
         return 0;
       }});
  add({{"conflicts"},
       "[--all] [--json]",
       "Lists values that lost a same-field conflict (--all includes restored ones).",
       {},
       {"--all", "--json"},
       0,
       0,
       conflicts});
  add({{"conflicts", "restore"},
       "CONFLICT_ID",
       "Puts a lost value back (as a new edit).",
       {},
       {},
       1,
       1,
       [](Context& ctx, const Invocation& in) {
         sync::restoreConflict(ctx.db(), in.positional[0]);
         ctx.out << "Restored.\n";
         return 0;
       }});
  add({{"hidden"},
       "[--json]",
       "Lists records edited after their class, student or assessment was deleted on another "
       "device (hidden with it), with how to show them again.",
       {},
       {"--json"},
       0,
       0,
       hidden});
  add({{"pending"},
       "",
       "Prints the number of field changes not yet acknowledged by the server.",
       {},
       {},
       0,
       0,
       [](Context& ctx, const Invocation&) {
         ctx.out << sync::pendingCount(ctx.db()) << "\n";
         return 0;
       }});
  return table;
}

} // namespace pupitre::ctl
