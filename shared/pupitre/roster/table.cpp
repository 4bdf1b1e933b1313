#include "pupitre/roster/table.h"
#include "pupitre/roster/utf8.h"
#include "pupitre/utf8.h"

#include "pupitre/roster/csv.h"
#include "pupitre/roster/xlsx.h"

#include <algorithm>
#include <array>
#include <fstream>
#include <sstream>

namespace pupitre::roster {
namespace {

std::string place(int line, int column)
{
  if (line <= 0) {
    return {};
  }
  std::string text = "Row " + std::to_string(line);
  if (column > 0) {
    text += ", column " + columnLetters(column);
  }
  return text + ": ";
}

std::string messageOf(ImportError::Kind kind, int line, int column, const std::string& detail)
{
  using K = ImportError::Kind;
  const std::string where = place(line, column);
  switch (kind) {
  case K::UnclosedQuote:
    return where + "a cell opens a quote (\") that is never closed. Close it, or save the file "
                   "again from the spreadsheet as CSV.";
  case K::TextAfterQuote:
    return where + "text follows the closing quote of a cell. Put the whole cell in quotes and "
                   "double the quotes inside it (\"\"), or save the file again from the "
                   "spreadsheet as CSV.";
  case K::NotText:
    return "The file is not a text (CSV) file nor an Excel workbook (.xlsx). Save the list as "
           "CSV or XLSX and import that.";
  case K::OldExcel:
    return "The file is an old Excel workbook (.xls), which Pupitre does not read. Save it as "
           "Excel Workbook (.xlsx) or CSV and import that.";
  case K::NotWorkbook:
    return "The file looks like an Excel workbook (.xlsx) but cannot be read (" + detail +
           "). Open it in the spreadsheet, save it again and import that.";
  case K::TooLarge:
    return "The file is too large to be a class list (" + detail +
           "). Import a file with only the students' names.";
  case K::TooManyRows:
    return where + "the list has more than " + std::to_string(kMaxRows) +
           " rows. Import one class at a time.";
  case K::TooManyColumns:
    return where + "the list has more than " + std::to_string(kMaxColumns) +
           " columns. Keep only the columns to import.";
  case K::CellTooLong:
    return where + "the cell is longer than " + std::to_string(kMaxCellBytes) +
           " bytes. Shorten it.";
  case K::Empty:
    return "There are no names to import in the list.";
  case K::Unreadable:
    return "Couldn't read the file " + detail + ". Check that it exists and that you may read it.";
  }
  return "The list cannot be imported.";
}

std::string fromUtf16(const std::string& bytes, bool bigEndian)
{
  std::string out;
  for (std::size_t i = 0; i + 1 < bytes.size(); i += 2) {
    const auto b0 = static_cast<unsigned char>(bytes[i]);
    const auto b1 = static_cast<unsigned char>(bytes[i + 1]);
    char32_t unit = bigEndian ? (b0 << 8 | b1) : (b1 << 8 | b0);
    if (unit >= 0xD800 && unit < 0xDC00 && i + 3 < bytes.size()) {
      const auto c0 = static_cast<unsigned char>(bytes[i + 2]);
      const auto c1 = static_cast<unsigned char>(bytes[i + 3]);
      const char32_t low = bigEndian ? (c0 << 8 | c1) : (c1 << 8 | c0);
      if (low >= 0xDC00 && low < 0xE000) {
        unit = 0x10000 + ((unit - 0xD800) << 10) + (low - 0xDC00);
        i += 2;
      }
    }
    appendUtf8(out, unit);
  }
  return out;
}

// Windows-1252's 0x80-0x9F (the rest of its upper half is Latin-1).
constexpr std::array<char16_t, 32> kCp1252High = {
    0x20AC, 0xFFFD, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021, 0x02C6, 0x2030, 0x0160,
    0x2039, 0x0152, 0xFFFD, 0x017D, 0xFFFD, 0xFFFD, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022,
    0x2013, 0x2014, 0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0xFFFD, 0x017E, 0x0178};

std::string fromCp1252(const std::string& bytes)
{
  std::string out;
  for (const char ch : bytes) {
    const auto c = static_cast<unsigned char>(ch);
    appendUtf8(out, c >= 0x80 && c < 0xA0 ? kCp1252High[c - 0x80] : c);
  }
  return out;
}

} // namespace

ImportError::ImportError(Kind kind, int line, int column, const std::string& detail)
    : Error(messageOf(kind, line, column, detail)), m_kind(kind), m_line(line), m_column(column),
      m_detail(detail)
{
}

std::size_t Table::columns() const
{
  std::size_t widest = 0;
  for (const auto& row : rows) {
    widest = std::max(widest, row.cells.size());
  }
  return widest;
}

std::string columnLetters(int column)
{
  std::string letters;
  while (column > 0) {
    const int digit = (column - 1) % 26;
    letters.insert(letters.begin(), static_cast<char>('A' + digit));
    column = (column - 1) / 26;
  }
  return letters;
}

std::string textAsUtf8(const std::string& bytes)
{
  std::string text;
  if (bytes.rfind("\xEF\xBB\xBF", 0) == 0) {
    text = bytes.substr(3);
  } else if (bytes.rfind("\xFF\xFE", 0) == 0) {
    text = fromUtf16(bytes.substr(2), false);
  } else if (bytes.rfind("\xFE\xFF", 0) == 0) {
    text = fromUtf16(bytes.substr(2), true);
  } else {
    text = bytes;
  }
  if (text.find('\0') != std::string::npos) {
    throw ImportError(ImportError::Kind::NotText, 0, 0);
  }
  return utf8Length(text) ? text : fromCp1252(text);
}

Table readTableFile(const std::string& path)
{
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    throw ImportError(ImportError::Kind::Unreadable, 0, 0, path);
  }
  in.seekg(0, std::ios::end);
  const auto size = static_cast<std::size_t>(std::max<std::streamoff>(in.tellg(), 0));
  if (size > kMaxFileBytes) {
    throw ImportError(ImportError::Kind::TooLarge, 0, 0,
                      std::to_string(size / (1024 * 1024)) + " MiB; at most " +
                          std::to_string(kMaxFileBytes / (1024 * 1024)) + " MiB");
  }
  in.seekg(0);
  std::string bytes(size, '\0');
  if (size > 0 && !in.read(bytes.data(), static_cast<std::streamsize>(size))) {
    throw ImportError(ImportError::Kind::Unreadable, 0, 0, path);
  }
  return readTableBytes(bytes);
}

Table readTableBytes(const std::string& bytes)
{
  if (bytes.size() > kMaxFileBytes) {
    throw ImportError(ImportError::Kind::TooLarge, 0, 0,
                      "more than " + std::to_string(kMaxFileBytes / (1024 * 1024)) + " MiB");
  }
  if (bytes.rfind("PK\x03\x04", 0) == 0) {
    return readXlsx(bytes);
  }
  if (bytes.rfind("\xD0\xCF\x11\xE0", 0) == 0) {
    throw ImportError(ImportError::Kind::OldExcel, 0, 0);
  }
  const std::string text = textAsUtf8(bytes);
  // Columns when a separator splits the rows alike; otherwise a list of names, one per line
  // ("García López, Ana" and "Pablo Ruiz" in the same list).
  const char separator = consistentSeparator(text);
  return parseCsv(text, separator != 0 ? separator : kOneColumn);
}

void appendUtf8(std::string& out, char32_t cp)
{
  if (cp < 0x80) {
    out.push_back(static_cast<char>(cp));
  } else if (cp < 0x800) {
    out.push_back(static_cast<char>(0xC0 | (cp >> 6)));
    out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  } else if (cp < 0x10000) {
    out.push_back(static_cast<char>(0xE0 | (cp >> 12)));
    out.push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
    out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  } else {
    out.push_back(static_cast<char>(0xF0 | (cp >> 18)));
    out.push_back(static_cast<char>(0x80 | ((cp >> 12) & 0x3F)));
    out.push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
    out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  }
}

} // namespace pupitre::roster
