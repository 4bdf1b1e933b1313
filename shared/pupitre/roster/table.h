#pragma once
// A table read from outside Pupitre (a CSV or XLSX file, a list pasted from a spreadsheet):
// rows of text cells, each with its line or row number in the source, and the error that says
// where a file is malformed. The readers' bounds are written here once (docs/cli.md).
#include "pupitre/error.h"

#include <cstddef>
#include <string>
#include <vector>

namespace pupitre::roster {

// A file larger than this is refused before it is read.
inline constexpr std::size_t kMaxFileBytes = 8 * 1024 * 1024;
// One part of an XLSX file, unpacked (a zip bomb stops here).
inline constexpr std::size_t kMaxUnpackedBytes = 64 * 1024 * 1024;
inline constexpr std::size_t kMaxRows = 5000;
inline constexpr std::size_t kMaxColumns = 200;
inline constexpr std::size_t kMaxCellBytes = 4000;

struct SourceRow
{
  int line = 0; // 1-based: the line a CSV record starts on, the row number of a sheet
  std::vector<std::string> cells; // UTF-8
};

struct Table
{
  std::vector<SourceRow> rows; // blank rows are left out
  // The number of columns of the widest row.
  std::size_t columns() const;
};

// A file that cannot be read as a table. what() is an English sentence naming the place
// (line or row, column) and what to do; the app words its own from kind(), line(), column().
class ImportError : public Error
{
public:
  enum class Kind {
    UnclosedQuote,  // a quoted cell never closed
    TextAfterQuote, // "Ana"x
    NotText,        // binary bytes (NUL) in a text file
    OldExcel,       // an .xls file of Excel 97-2003
    NotWorkbook,    // a zip that is no XLSX workbook, or broken XML in it
    TooLarge,       // past kMaxFileBytes or kMaxUnpackedBytes
    TooManyRows,
    TooManyColumns,
    CellTooLong,
    Empty,      // nothing to import
    Unreadable, // the file could not be opened or read
  };
  ImportError(Kind kind, int line, int column, const std::string& detail = {});

  Kind kind() const noexcept { return m_kind; }
  int line() const noexcept { return m_line; }     // 0 when not about one row
  int column() const noexcept { return m_column; } // 1-based; 0 when not about one cell
  const std::string& detail() const noexcept { return m_detail; }

private:
  Kind m_kind;
  int m_line;
  int m_column;
  std::string m_detail;
};

// Spreadsheet column letters: 1 -> "A", 27 -> "AA".
std::string columnLetters(int column);

// `bytes` as UTF-8 without a byte order mark: UTF-8 (with or without BOM) as it is, UTF-16
// with a BOM converted, and anything else that is not valid UTF-8 read as Windows-1252 (what
// Excel writes for "CSV" on a Spanish or English Windows). ImportError NotText for NUL bytes.
std::string textAsUtf8(const std::string& bytes);

// The table in a file: XLSX (recognised by its content, not its name), else CSV (tab, ';' or
// ',' separated, detected). ImportError for anything it cannot read.
Table readTableFile(const std::string& path);
// The same for a file's bytes already read (standard input), up to kMaxFileBytes.
Table readTableBytes(const std::string& bytes);

} // namespace pupitre::roster
