#include "pupitre/roster/csv.h"

#include <array>

namespace pupitre::roster {
namespace {

// Reads records one at a time.
class CsvReader
{
public:
  CsvReader(std::string_view text, char separator) : m_text(text), m_separator(separator) {}

  bool atEnd() const { return m_at >= m_text.size(); }
  int line() const { return m_line; }

  // The next record's cells; throws ImportError for a malformed one.
  std::vector<std::string> next()
  {
    std::vector<std::string> cells;
    const int startLine = m_line;
    while (true) {
      if (cells.size() >= kMaxColumns) {
        throw ImportError(ImportError::Kind::TooManyColumns, startLine, 0);
      }
      const int column = static_cast<int>(cells.size()) + 1;
      cells.push_back(readCell(startLine, column));
      if (atEnd()) {
        break;
      }
      const char c = m_text[m_at];
      if (c == m_separator) {
        ++m_at;
        continue;
      }
      // A line end: CRLF, LF or CR.
      ++m_at;
      if (c == '\r' && !atEnd() && m_text[m_at] == '\n') {
        ++m_at;
      }
      ++m_line;
      break;
    }
    return cells;
  }

private:
  std::string readCell(int startLine, int column)
  {
    std::string cell;
    // Spaces before an opening quote are not part of the cell.
    std::size_t look = m_at;
    while (look < m_text.size() && m_text[look] == ' ' && m_separator != ' ') {
      ++look;
    }
    if (look < m_text.size() && m_text[look] == '"') {
      m_at = look + 1;
      const int quoteLine = m_line;
      while (true) {
        if (atEnd()) {
          throw ImportError(ImportError::Kind::UnclosedQuote, quoteLine, column);
        }
        const char c = m_text[m_at++];
        if (c == '"') {
          if (!atEnd() && m_text[m_at] == '"') {
            cell.push_back('"');
            ++m_at;
            continue;
          }
          break;
        }
        if (c == '\r' || c == '\n') {
          if (c == '\r' && !atEnd() && m_text[m_at] == '\n') {
            ++m_at;
          }
          ++m_line;
          cell.push_back('\n');
        } else {
          cell.push_back(c);
        }
        checkLength(cell, startLine, column);
      }
      // Only spaces may follow the closing quote before the separator or the line end.
      while (!atEnd() && m_text[m_at] == ' ' && m_separator != ' ') {
        ++m_at;
      }
      if (!atEnd() && m_text[m_at] != m_separator && m_text[m_at] != '\r' && m_text[m_at] != '\n') {
        throw ImportError(ImportError::Kind::TextAfterQuote, m_line, column);
      }
      return cell;
    }
    while (!atEnd()) {
      const char c = m_text[m_at];
      if (c == m_separator || c == '\r' || c == '\n') {
        break;
      }
      cell.push_back(c); // a quote inside an unquoted cell is kept as it is
      ++m_at;
      checkLength(cell, startLine, column);
    }
    return cell;
  }

  static void checkLength(const std::string& cell, int line, int column)
  {
    if (cell.size() > kMaxCellBytes) {
      throw ImportError(ImportError::Kind::CellTooLong, line, column);
    }
  }

  std::string_view m_text;
  char m_separator;
  std::size_t m_at = 0;
  int m_line = 1;
};

bool blank(const std::vector<std::string>& cells)
{
  for (const auto& c : cells) {
    if (c.find_first_not_of(" \t") != std::string::npos) {
      return false;
    }
  }
  return true;
}

} // namespace

char consistentSeparator(std::string_view text)
{
  constexpr std::size_t kSample = 20;
  char best = ',';
  std::size_t bestCells = 1;
  for (const char candidate : std::array<char, 3>{'\t', ';', ','}) {
    CsvReader reader(text, candidate);
    std::size_t cells = 0;
    bool consistent = true;
    try {
      for (std::size_t n = 0; n < kSample && !reader.atEnd();) {
        const auto record = reader.next();
        if (blank(record)) {
          continue;
        }
        ++n;
        if (cells == 0) {
          cells = record.size();
        } else if (record.size() != cells) {
          consistent = false;
          break;
        }
      }
    } catch (const ImportError&) {
      // A malformed record: the ones before it decide (parseCsv then names the error's place).
    }
    if (consistent && cells > bestCells) {
      best = candidate;
      bestCells = cells;
    }
  }
  return bestCells > 1 ? best : 0;
}

char detectSeparator(std::string_view text)
{
  char best = consistentSeparator(text);
  if (best == 0) {
    // No separator splits every record alike: the one found most in the first line.
    best = ',';
    const auto firstLine = text.substr(0, text.find_first_of("\r\n"));
    std::size_t most = 0;
    for (const char candidate : std::array<char, 3>{'\t', ';', ','}) {
      std::size_t count = 0;
      for (const char c : firstLine) {
        count += c == candidate ? 1 : 0;
      }
      if (count > most) {
        most = count;
        best = candidate;
      }
    }
  }
  return best;
}

Table parseCsv(std::string_view text, std::optional<char> separator)
{
  Table table;
  CsvReader reader(text, separator ? *separator : detectSeparator(text));
  while (!reader.atEnd()) {
    const int line = reader.line();
    auto cells = reader.next();
    if (blank(cells)) {
      continue;
    }
    if (table.rows.size() >= kMaxRows) {
      throw ImportError(ImportError::Kind::TooManyRows, line, 0);
    }
    table.rows.push_back({line, std::move(cells)});
  }
  return table;
}

} // namespace pupitre::roster
