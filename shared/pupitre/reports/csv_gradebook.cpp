#include "pupitre/reports/output_file.h"
#include "pupitre/reports/writers.h"

#include "pupitre/error.h"
#include "pupitre/store/value.h"

#include <fstream>

namespace pupitre::reports {
namespace {

std::string quoted(const std::string& text, char separator)
{
  if (text.find_first_of(std::string{separator, '"', '\r', '\n'}) == std::string::npos) {
    return text;
  }
  std::string out = "\"";
  for (const char c : text) {
    out += c == '"' ? std::string("\"\"") : std::string(1, c);
  }
  return out + "\"";
}

} // namespace

std::string cellText(const Cell& cell, const Language& language, bool decimalComma)
{
  switch (cell.kind) {
  case Cell::Kind::Number: {
    std::string text = store::formatFixed(cell.number, cell.decimals);
    for (auto& c : text) {
      c = c == '.' && decimalComma ? ',' : c;
    }
    return text;
  }
  case Cell::Kind::Text:
    return cell.text;
  case Cell::Kind::Excused:
    return language.tr(PUPITRE_TR("excused"));
  case Cell::Kind::Missing:
    return language.tr(PUPITRE_TR("missing"));
  default:
    return {};
  }
}

void writeGradebookCsv(const GradebookTable& table, const Language& language, char separator,
                       const std::string& path)
{
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  const std::string sep(1, separator);
  out << "\xEF\xBB\xBF" << quoted(language.tr(PUPITRE_TR("Student")), separator);
  for (const auto& column : table.columns) {
    out << sep << quoted(column.title + " (" + column.group + ")", separator);
  }
  out << "\r\n";
  for (std::size_t s = 0; s < table.students.size(); ++s) {
    out << quoted(displayName(table.students[s]), separator);
    for (const auto& cell : table.cells[s]) {
      out << sep << quoted(cellText(cell, language, separator == ';'), separator);
    }
    out << "\r\n";
  }
  out.flush();
  if (!out) {
    throwWriteError(path, "the disk refused the data");
  }
}

} // namespace pupitre::reports
