// Class lists come from outside: a CSV or XLSX file the teacher opens, a list pasted from
// anywhere. Reading one refuses what it cannot read with ImportError only, and what it
// accepts keeps the bounds of roster/table.h; planning the import never throws.
#include "fuzz_target.h"

#include "pupitre/roster/roster_import.h"
#include "pupitre/roster/table.h"

using namespace pupitre;

PUPITRE_FUZZ_TARGET(roster)
{
  roster::Table table;
  try {
    table = roster::readTableBytes(std::string(input));
  } catch (const roster::ImportError&) {
    return;
  }
  fuzz::fuzzCheck(table.rows.size() <= roster::kMaxRows, "more rows than the bound");
  for (const auto& row : table.rows) {
    fuzz::fuzzCheck(row.cells.size() <= roster::kMaxColumns, "more columns than the bound");
    for (const auto& cell : row.cells) {
      fuzz::fuzzCheck(cell.size() <= roster::kMaxCellBytes, "a cell longer than the bound");
    }
  }
  const auto mapping = roster::guessMapping(table);
  const auto plan = roster::planImport(table, mapping, "class", {});
  fuzz::fuzzCheck(plan.size() <= table.rows.size(), "more students than rows");
  const auto pasted = [&] {
    try {
      return roster::parsePastedList(input);
    } catch (const roster::ImportError&) {
      return roster::Table{};
    }
  }();
  fuzz::fuzzCheck(pasted.rows.size() <= roster::kMaxRows, "a pasted list past the bound");
}
