#include "pupitre/model/validation.h"

#include "pupitre/error.h"

#include <cctype>
#include <cmath>

namespace pupitre::model {

std::string requireText(const std::string& value, const std::string& what, std::size_t maxLength)
{
  const auto begin = value.find_first_not_of(" \t\r\n");
  if (begin == std::string::npos) {
    throw ValidationError(Sentence{PUPITRE_TR("The %1 cannot be empty."), {what}, 1u});
  }
  const auto end = value.find_last_not_of(" \t\r\n");
  std::string trimmed = value.substr(begin, end - begin + 1);
  if (trimmed.size() > maxLength) {
    throw ValidationError(Sentence{PUPITRE_TR("The %1 is too long (at most %2 characters)."),
                                   {what, std::to_string(maxLength)},
                                   1u});
  }
  return trimmed;
}

bool isDate(const std::string& value)
{
  if (value.size() != 10 || value[4] != '-' || value[7] != '-') {
    return false;
  }
  for (std::size_t i : {0, 1, 2, 3, 5, 6, 8, 9}) {
    if (!std::isdigit(static_cast<unsigned char>(value[i]))) {
      return false;
    }
  }
  const int year = std::stoi(value.substr(0, 4));
  const int month = std::stoi(value.substr(5, 2));
  const int day = std::stoi(value.substr(8, 2));
  if (year < 1900 || month < 1 || month > 12 || day < 1) {
    return false;
  }
  static const int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  const bool leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
  const int days = kDays[month - 1] + (month == 2 && leap ? 1 : 0);
  return day <= days;
}

std::string requireDate(const std::string& value)
{
  if (!isDate(value)) {
    throw ValidationError(
        Sentence{PUPITRE_TR("'%1' is not a date; write it as YYYY-MM-DD (2026-09-14)."), {value}});
  }
  return value;
}

std::string requireEmail(const std::string& value)
{
  if (value.empty()) {
    return value;
  }
  const auto at = value.find('@');
  const bool ok = at != std::string::npos && at > 0 &&
                  value.find('@', at + 1) == std::string::npos &&
                  value.find('.', at + 2) != std::string::npos && value.back() != '.' &&
                  value.find_first_of(" \t\r\n") == std::string::npos && value.size() <= 254;
  if (!ok) {
    throw ValidationError(
        Sentence{PUPITRE_TR("'%1' is not an e-mail address (name@school.org)."), {value}});
  }
  return value;
}

std::string requireColour(const std::string& value)
{
  if (value.empty()) {
    return value;
  }
  bool ok = value.size() == 7 && value[0] == '#';
  for (std::size_t i = 1; ok && i < value.size(); ++i) {
    ok = std::isxdigit(static_cast<unsigned char>(value[i])) != 0;
  }
  if (!ok) {
    throw ValidationError(
        Sentence{PUPITRE_TR("'%1' is not a colour; write it as #RRGGBB (#3366cc)."), {value}});
  }
  return value;
}

double requireWeight(double weight, const std::string& what)
{
  if (!std::isfinite(weight) || weight < 0 || weight > 1000) {
    throw ValidationError(
        Sentence{PUPITRE_TR("The %1 must be a number from 0 to 1000."), {what}, 1u});
  }
  return weight;
}

store::Row requireLive(store::Database& db, const std::string& table, const std::string& id,
                       const std::string& what)
{
  const store::TableDef* def = store::findTable(table);
  auto row = def ? store::findRow(db, *def, id) : std::nullopt;
  if (!row) {
    throw NotFoundError(Sentence{PUPITRE_TR("There is no %1 with id %2."), {what, id}, 1u});
  }
  if (row->deleted) {
    throw NotFoundError(Sentence{PUPITRE_TR("The %1 %2 was deleted."), {what, id}, 1u});
  }
  return *row;
}

} // namespace pupitre::model
