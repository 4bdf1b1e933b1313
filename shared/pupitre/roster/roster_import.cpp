#include "pupitre/roster/roster_import.h"

#include "pupitre/model/validation.h"
#include "pupitre/roster/csv.h"
#include "pupitre/store/value.h"

#include <algorithm>
#include <map>

namespace pupitre::roster {
namespace {

constexpr std::size_t kMaxNameLength = 200; // as model::requireText

// A header folded for matching: "Correo electrónico:" -> "correo electronico".
std::string headerKey(const std::string& header)
{
  std::string folded = nameKey(header, "");
  folded.erase(0, 1); // nameKey puts "," between family ("") and given (the header)
  std::string key;
  for (const char c : folded) {
    const bool alnum = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9');
    key.push_back(alnum ? c : ' ');
  }
  return collapseSpaces(key);
}

std::optional<Field> headerField(const std::string& header)
{
  static const std::map<std::string, Field> kHeaders = {
      // Given name
      {"nombre", Field::Given},
      {"nombres", Field::Given},
      {"nombre de pila", Field::Given},
      {"given name", Field::Given},
      {"given names", Field::Given},
      {"given", Field::Given},
      {"first name", Field::Given},
      {"first names", Field::Given},
      {"firstname", Field::Given},
      {"forename", Field::Given},
      {"forenames", Field::Given},
      {"prenom", Field::Given},
      {"vorname", Field::Given},
      {"nom", Field::Given}, // Catalan
      // Family name(s): several columns are joined
      {"apellidos", Field::Family},
      {"apellido", Field::Family},
      {"apellido 1", Field::Family},
      {"apellido 2", Field::Family},
      {"apellido1", Field::Family},
      {"apellido2", Field::Family},
      {"primer apellido", Field::Family},
      {"segundo apellido", Field::Family},
      {"1er apellido", Field::Family},
      {"2o apellido", Field::Family},
      {"cognoms", Field::Family},
      {"cognom", Field::Family},
      {"family name", Field::Family},
      {"family names", Field::Family},
      {"last name", Field::Family},
      {"lastname", Field::Family},
      {"surname", Field::Family},
      {"surnames", Field::Family},
      {"nachname", Field::Family},
      {"nom de famille", Field::Family},
      // The whole name in one cell
      {"alumno", Field::FullName},
      {"alumna", Field::FullName},
      {"alumno a", Field::FullName},
      {"alumnos", Field::FullName},
      {"alumnado", Field::FullName},
      {"alumne", Field::FullName},
      {"estudiante", Field::FullName},
      {"nombre completo", Field::FullName},
      {"nombre y apellidos", Field::FullName},
      {"apellidos y nombre", Field::FullName},
      {"apellidos nombre", Field::FullName},
      {"nombre apellidos", Field::FullName},
      {"student", Field::FullName},
      {"student name", Field::FullName},
      {"pupil", Field::FullName},
      {"name", Field::FullName},
      {"full name", Field::FullName},
      // E-mail
      {"email", Field::Email},
      {"e mail", Field::Email},
      {"mail", Field::Email},
      {"email address", Field::Email},
      {"e mail address", Field::Email},
      {"correo", Field::Email},
      {"correo electronico", Field::Email},
      {"correu", Field::Email},
      {"correu electronic", Field::Email},
      // Notes
      {"notes", Field::Notes},
      {"note", Field::Notes},
      {"comments", Field::Notes},
      {"comment", Field::Notes},
      {"remarks", Field::Notes},
      {"observaciones", Field::Notes},
      {"observacion", Field::Notes},
      {"comentarios", Field::Notes},
      {"notas", Field::Notes}, // not "nota", which is a mark
  };
  const auto it = kHeaders.find(headerKey(header));
  return it == kHeaders.end() ? std::nullopt : std::optional<Field>(it->second);
}

const std::string& cell(const SourceRow& row, std::size_t column)
{
  static const std::string kEmpty;
  return column < row.cells.size() ? row.cells[column] : kEmpty;
}

void appendPart(std::string& into, const std::string& part, const char* separator)
{
  const std::string clean = collapseSpaces(part);
  if (!clean.empty()) {
    into += (into.empty() ? "" : separator) + clean;
  }
}

bool isEmail(const std::string& value)
{
  try {
    model::requireEmail(value);
    return true;
  } catch (const ValidationError&) {
    return false;
  }
}

} // namespace

std::optional<Field> parseField(std::string_view word)
{
  if (word == "given") {
    return Field::Given;
  }
  if (word == "family") {
    return Field::Family;
  }
  if (word == "name") {
    return Field::FullName;
  }
  if (word == "email") {
    return Field::Email;
  }
  if (word == "notes") {
    return Field::Notes;
  }
  if (word == "ignore" || word == "-") {
    return Field::Ignore;
  }
  return std::nullopt;
}

std::string_view fieldWord(Field field)
{
  switch (field) {
  case Field::Given:
    return "given";
  case Field::Family:
    return "family";
  case Field::FullName:
    return "name";
  case Field::Email:
    return "email";
  case Field::Notes:
    return "notes";
  case Field::Ignore:
    break;
  }
  return "ignore";
}

Mapping guessMapping(const Table& table, FamilyNames familyNames)
{
  Mapping mapping;
  mapping.familyNames = familyNames;
  const std::size_t columns = table.columns();
  mapping.columns.assign(columns, Field::Ignore);
  if (table.rows.empty()) {
    return mapping;
  }
  const auto& first = table.rows.front();
  bool named = false;
  for (std::size_t c = 0; c < first.cells.size(); ++c) {
    if (const auto field = headerField(first.cells[c])) {
      mapping.columns[c] = *field;
      named = true;
    }
  }
  if (named) {
    mapping.headerRow = true;
    return mapping;
  }
  // No headers: by what the cells hold.
  std::vector<std::size_t> textColumns;
  for (std::size_t c = 0; c < columns; ++c) {
    std::size_t filled = 0, emails = 0, numbers = 0;
    for (const auto& row : table.rows) {
      const std::string& value = cell(row, c);
      if (value.find_first_not_of(" \t") == std::string::npos) {
        continue;
      }
      ++filled;
      emails += value.find('@') != std::string::npos ? 1 : 0;
      numbers += store::parseNumber(value) ? 1 : 0;
    }
    if (filled == 0) {
      continue;
    }
    if (emails * 2 > filled) {
      mapping.columns[c] = Field::Email;
    } else if (numbers * 2 <= filled) {
      textColumns.push_back(c);
    }
  }
  if (textColumns.size() == 1) {
    mapping.columns[textColumns[0]] = Field::FullName;
  } else if (textColumns.size() >= 2) {
    mapping.columns[textColumns[0]] = Field::Family;
    mapping.columns[textColumns[1]] = Field::Given;
  }
  return mapping;
}

Table parsePastedList(std::string_view text)
{
  if (text.find('\t') != std::string_view::npos) {
    return parseCsv(text, '\t');
  }
  Table table;
  int line = 0;
  std::size_t at = 0;
  while (at <= text.size()) {
    const auto end = std::min(text.find_first_of("\r\n", at), text.size());
    ++line;
    const std::string name = collapseSpaces(text.substr(at, end - at));
    if (!name.empty()) {
      if (table.rows.size() >= kMaxRows) {
        throw ImportError(ImportError::Kind::TooManyRows, line, 0);
      }
      if (name.size() > kMaxCellBytes) {
        throw ImportError(ImportError::Kind::CellTooLong, line, 1);
      }
      table.rows.push_back({line, {name}});
    }
    at = end + 1;
    if (end < text.size() && text[end] == '\r' && at < text.size() && text[at] == '\n') {
      ++at;
    }
  }
  return table;
}

std::string Candidate::note() const
{
  switch (issue) {
  case Issue::None:
    return {};
  case Issue::NoName:
    return "no given nor family name";
  case Issue::NameTooLong:
    return "a name is longer than 200 characters";
  case Issue::BadEmail:
    return "'" + student.email + "' is not an e-mail address";
  case Issue::InClass:
    return "already in the class as " + sameAs;
  case Issue::InList:
    return "same name as row " + std::to_string(sameLine);
  }
  return {};
}

std::vector<Candidate> planImport(const Table& table, const Mapping& mapping,
                                  const std::string& classId,
                                  const std::vector<model::Student>& existing)
{
  std::vector<Candidate> candidates;
  for (std::size_t r = mapping.headerRow ? 1 : 0; r < table.rows.size(); ++r) {
    const auto& row = table.rows[r];
    Candidate candidate;
    candidate.line = row.line;
    auto& s = candidate.student;
    s.classId = classId;
    std::string fullName;
    bool anything = false;
    for (std::size_t c = 0; c < mapping.columns.size(); ++c) {
      const std::string& value = cell(row, c);
      switch (mapping.columns[c]) {
      case Field::Given:
        appendPart(s.givenName, value, " ");
        break;
      case Field::Family:
        appendPart(s.familyName, value, " ");
        break;
      case Field::FullName:
        appendPart(fullName, value, " ");
        break;
      case Field::Email:
        appendPart(s.email, value, " ");
        break;
      case Field::Notes:
        appendPart(s.notes, value, "; ");
        break;
      case Field::Ignore:
        continue;
      }
      anything = anything || value.find_first_not_of(" \t\r\n") != std::string::npos;
    }
    if (!anything) {
      continue;
    }
    if (!fullName.empty()) {
      const auto split = splitFullName(fullName, mapping.familyNames);
      if (s.givenName.empty()) {
        s.givenName = split.given;
      }
      if (s.familyName.empty()) {
        s.familyName = split.family;
      }
    }
    candidates.push_back(std::move(candidate));
  }
  checkCandidates(candidates, existing);
  for (auto& c : candidates) {
    c.selected = c.issue == Candidate::Issue::None;
  }
  return candidates;
}

void checkCandidates(std::vector<Candidate>& candidates,
                     const std::vector<model::Student>& existing)
{
  std::map<std::string, std::string> inClass; // key -> "Family, Given"
  for (const auto& s : existing) {
    inClass.emplace(nameKey(s.givenName, s.familyName),
                    s.familyName + (s.familyName.empty() || s.givenName.empty() ? "" : ", ") +
                        s.givenName);
  }
  std::map<std::string, int> seen; // key -> first row
  for (auto& c : candidates) {
    auto& s = c.student;
    s.givenName = collapseSpaces(s.givenName);
    s.familyName = collapseSpaces(s.familyName);
    s.email = collapseSpaces(s.email);
    const bool wasBlocked = c.blocked();
    const auto before = c.issue;
    c.issue = Candidate::Issue::None;
    c.sameAs.clear();
    c.sameLine = 0;
    const std::string key = nameKey(s.givenName, s.familyName);
    if (s.givenName.empty() && s.familyName.empty()) {
      c.issue = Candidate::Issue::NoName;
    } else if (s.givenName.size() > kMaxNameLength || s.familyName.size() > kMaxNameLength) {
      c.issue = Candidate::Issue::NameTooLong;
    } else if (!s.email.empty() && !isEmail(s.email)) {
      c.issue = Candidate::Issue::BadEmail;
    } else if (const auto same = inClass.find(key); same != inClass.end()) {
      c.issue = Candidate::Issue::InClass;
      c.sameAs = same->second;
    } else if (const auto row = seen.find(key); row != seen.end()) {
      c.issue = Candidate::Issue::InList;
      c.sameLine = row->second;
    }
    if (c.blocked()) {
      c.selected = false;
    } else if (wasBlocked && c.issue == Candidate::Issue::None) {
      c.selected = true; // mended
    } else if (before != c.issue && c.issue != Candidate::Issue::None) {
      c.selected = false; // newly a duplicate
    }
    if (!s.givenName.empty() || !s.familyName.empty()) {
      seen.emplace(key, c.line);
    }
  }
}

std::vector<model::Student> chosenStudents(const std::vector<Candidate>& candidates)
{
  std::vector<model::Student> students;
  for (const auto& c : candidates) {
    if (c.selected && !c.blocked()) {
      students.push_back(c.student);
    }
  }
  return students;
}

} // namespace pupitre::roster
