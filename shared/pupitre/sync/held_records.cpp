#include "pupitre/sync/held_records.h"

#include "pupitre/store/rows.h"
#include "pupitre/store/schema.h"
#include "pupitre/sync/protocol.h"

#include <optional>

namespace pupitre::sync {
namespace {

constexpr std::int64_t kKiB = 1024;
constexpr std::int64_t kMiB = 1024 * 1024;

// Statements of sync_held read a record's newest stamp the same way.
constexpr const char* kNewestStamp =
    "(SELECT max(m.hlc) FROM field_version m WHERE m.row_id = h.row_id)";

std::optional<store::Row> rowOf(store::Database& db, const std::string& table,
                                const std::string& id)
{
  const store::TableDef* def = store::findTable(table);
  if (!def || id.empty()) {
    return std::nullopt;
  }
  return store::findRow(db, *def, id);
}

std::string textOf(const std::optional<store::Row>& row, const std::string& field)
{
  return row ? store::toText((*row)[field]) : std::string();
}

std::string nameOfStudent(const std::optional<store::Row>& student)
{
  const std::string given = textOf(student, "given_name");
  const std::string family = textOf(student, "family_name");
  return given.empty() || family.empty() ? given + family : given + " " + family;
}

// " in 3B", or nothing when the class is unknown.
std::string inClass(store::Database& db, const std::optional<store::Row>& row)
{
  const std::string name = textOf(rowOf(db, "class", textOf(row, "class_id")), "name");
  return name.empty() ? std::string() : " in " + name;
}

std::string tenths(std::int64_t bytes, std::int64_t unit)
{
  const std::int64_t value = (bytes * 10 + unit / 2) / unit;
  return std::to_string(value / 10) + "." + std::to_string(value % 10);
}

} // namespace

const char* const kHeldCondition =
    "EXISTS (SELECT 1 FROM sync_held h WHERE h.row_id = f.row_id AND h.hlc ="
    " (SELECT max(m.hlc) FROM field_version m WHERE m.row_id = f.row_id))";

std::string sizeText(std::int64_t bytes, bool whole)
{
  for (const auto& [unit, name] : {std::pair{kMiB, " MiB"}, std::pair{kKiB, " KiB"}}) {
    if (bytes >= unit) {
      return (whole && bytes % unit == 0 ? std::to_string(bytes / unit) : tenths(bytes, unit)) +
             name;
    }
  }
  return std::to_string(bytes) + (bytes == 1 ? " byte" : " bytes");
}

std::string describeRecord(store::Database& db, const std::string& table, const std::string& rowId)
{
  const auto row = rowOf(db, table, rowId);
  if (row) {
    if (table == "journal_entry") {
      return "The journal entry of " + textOf(row, "date") + inClass(db, row);
    }
    if (table == "class") {
      return "The class " + textOf(row, "name");
    }
    if (table == "student") {
      return "The student " + nameOfStudent(row) + inClass(db, row);
    }
    if (table == "category" || table == "assessment") {
      return "The " + table + " " + textOf(row, "name") + inClass(db, row);
    }
    if (table == "mark") {
      return "The mark of " + nameOfStudent(rowOf(db, "student", textOf(row, "student_id"))) +
             " in " + textOf(rowOf(db, "assessment", textOf(row, "assessment_id")), "name");
    }
    if (table == "attendance") {
      return "The attendance of " + nameOfStudent(rowOf(db, "student", textOf(row, "student_id"))) +
             " on " + textOf(row, "date");
    }
    if (table == "resource") {
      return "The resource " + textOf(row, "file_name");
    }
    if (table == "report_comment") {
      return "The report card comment of " +
             nameOfStudent(rowOf(db, "student", textOf(row, "student_id")));
    }
  }
  return "A record (" + table + " " + rowId + ")";
}

void holdRecord(store::Database& db, const HeldRecord& record)
{
  store::WriteTxn txn(db, store::WriteTxn::Kind::RemoteApply);
  auto& hold = db.statement(
      "INSERT OR REPLACE INTO sync_held(row_id, tbl, field, size, max_size, code, message, hlc)"
      " SELECT ?1, ?2, ?3, ?4, ?5, ?6, ?7,"
      " coalesce((SELECT max(m.hlc) FROM field_version m WHERE m.row_id = ?1), 0)");
  hold.bind(1, record.rowId);
  hold.bind(2, record.table);
  hold.bind(3, record.field);
  hold.bind(4, record.size);
  hold.bind(5, record.limit);
  hold.bind(6, record.code);
  hold.bind(7, record.serverMessage);
  hold.exec();
  hold.reset();
  txn.commit();
}

std::vector<HeldRecord> heldRecords(store::Database& db)
{
  std::vector<HeldRecord> held;
  {
    auto& query =
        db.statement(std::string("SELECT tbl, row_id, field, size, max_size, code, message"
                                 " FROM sync_held h WHERE h.hlc = ") +
                     kNewestStamp + " ORDER BY tbl, row_id");
    while (query.executeStep()) {
      HeldRecord r;
      r.table = query.getColumn(0).getString();
      r.rowId = query.getColumn(1).getString();
      r.field = query.getColumn(2).getString();
      r.size = query.getColumn(3).getInt64();
      r.limit = query.getColumn(4).getInt64();
      r.code = query.getColumn(5).getString();
      r.serverMessage = query.getColumn(6).getString();
      held.push_back(std::move(r));
    }
    query.reset();
  }
  for (auto& r : held) {
    const std::string what = describeRecord(db, r.table, r.rowId);
    const std::string kept = " Until then it stays on this computer only.";
    if (r.code == errors::kFieldTooLarge) {
      r.sentence = what + " is too long to synchronise (" + sizeText(r.size) +
                   ", the server accepts " + sizeText(r.limit, true) + "); shorten it." + kept;
    } else if (r.code == errors::kTooLarge) {
      r.sentence = what + " is too long to synchronise (" + sizeText(r.size) + " to send, " +
                   (r.limit > 0 ? "the server accepts requests of " + sizeText(r.limit, true)
                                : "more than the server, or a proxy in front of it, accepts") +
                   "); shorten it." + kept;
    } else {
      r.sentence = what + " was refused by the server: " + r.serverMessage +
                   " Change it to send it again; until then it stays on this computer only.";
    }
  }
  return held;
}

std::int64_t heldChangeCount(store::Database& db)
{
  // From the held records (a few; CROSS JOIN keeps them the outer loop) to their pending
  // fields. kHeldCondition tested on every pending field took a lookup per field: 0.15 s
  // before a school year's first push.
  auto& query = db.statement(
      "SELECT count(*) FROM sync_held h CROSS JOIN field_version f ON f.row_id = h.row_id"
      " WHERE f.pending = 1 AND h.hlc ="
      " (SELECT max(m.hlc) FROM field_version m WHERE m.row_id = h.row_id)");
  query.executeStep();
  const auto count = query.getColumn(0).getInt64();
  query.reset();
  return count;
}

} // namespace pupitre::sync
