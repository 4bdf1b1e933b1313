#include "pupitre/model/scale.h"

#include "pupitre/error.h"

#include <algorithm>
#include <cctype>
#include <cmath>
#include <set>

namespace pupitre::model {
namespace {

std::string number(double value)
{
  return store::formatNumber(value);
}

std::string trimmed(const std::string& text)
{
  const auto begin = text.find_first_not_of(" \t");
  return begin == std::string::npos ? std::string{}
                                    : text.substr(begin, text.find_last_not_of(" \t") - begin + 1);
}

} // namespace

Scale Scale::numeric(double min, double max, double passMark)
{
  Scale scale;
  scale.min = min;
  scale.max = max;
  scale.passMark = passMark;
  scale.validate();
  return scale;
}

Scale Scale::fromSymbols(const std::string& spec, std::optional<double> passMark)
{
  Scale scale;
  scale.kind = Kind::Symbols;
  std::size_t start = 0;
  while (start <= spec.size()) {
    const auto end = std::min(spec.find(';', start), spec.size());
    // "A = 10; B = 8" means A and B: the spaces around symbols and values are not typed marks.
    const std::string item = trimmed(spec.substr(start, end - start));
    start = end + 1;
    if (item.empty()) {
      continue;
    }
    const auto eq = item.find('=');
    const std::string symbol = trimmed(item.substr(0, eq));
    const auto value =
        eq == std::string::npos ? std::nullopt : store::parseNumber(trimmed(item.substr(eq + 1)));
    if (!value || symbol.empty()) {
      throw ValidationError(Sentence{PUPITRE_TR("'%1' is not a scale symbol; write "
                                                "SYMBOL=VALUE, as in A=10;B=8;C=5;F=0."),
                                     {item}});
    }
    scale.symbols.emplace_back(symbol, *value);
  }
  if (scale.symbols.empty()) {
    throw ValidationError(
        Sentence{PUPITRE_TR("A symbol scale needs at least one symbol (A=10;B=8;C=5;F=0)."), {}});
  }
  scale.min = scale.max = scale.symbols.front().second;
  for (const auto& [symbol, value] : scale.symbols) {
    scale.min = std::min(scale.min, value);
    scale.max = std::max(scale.max, value);
  }
  if (scale.min == scale.max) {
    scale.min = std::min(0.0, scale.max - 1);
  }
  scale.passMark = passMark.value_or((scale.min + scale.max) / 2);
  scale.validate();
  return scale;
}

std::string Scale::symbolsText() const
{
  std::string text;
  for (const auto& [symbol, value] : symbols) {
    text += (text.empty() ? "" : ";") + symbol + "=" + number(value);
  }
  return text;
}

void Scale::validate() const
{
  if (!std::isfinite(min) || !std::isfinite(max) || !(min < max)) {
    throw ValidationError(Sentence{
        PUPITRE_TR("A scale's lowest mark must be below its highest (%1 is not below %2)."),
        {number(min), number(max)}});
  }
  if (!std::isfinite(passMark) || passMark < min || passMark > max) {
    throw ValidationError(Sentence{PUPITRE_TR("The pass mark %1 is outside the scale %2–%3."),
                                   {number(passMark), number(min), number(max)}});
  }
  std::set<std::string> seen;
  for (const auto& [symbol, value] : symbols) {
    if (!seen.insert(symbol).second) {
      throw ValidationError(
          Sentence{PUPITRE_TR("The symbol '%1' appears twice in the scale."), {symbol}});
    }
  }
}

const std::pair<std::string, double>* Scale::symbolFor(const std::string& text) const
{
  const auto lower = [](std::string s) {
    for (char& c : s) {
      c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    }
    return s;
  };
  for (const auto& entry : symbols) {
    if (entry.first == text) {
      return &entry;
    }
  }
  const std::string typed = lower(text);
  for (const auto& entry : symbols) {
    if (lower(entry.first) == typed) {
      return &entry;
    }
  }
  return nullptr;
}

double Scale::valueOf(const store::Value& value) const
{
  if (kind == Kind::Symbols) {
    const std::string text = store::toText(value);
    if (const auto* found = symbolFor(text)) {
      return found->second;
    }
    std::string list;
    for (const auto& [symbol, worth] : symbols) {
      list += (list.empty() ? "" : ", ") + symbol;
    }
    throw ValidationError(
        Sentence{PUPITRE_TR("'%1' is not a mark of this scale; use one of %2."), {text, list}});
  }
  std::optional<double> n;
  if (const auto* i = std::get_if<std::int64_t>(&value)) {
    n = static_cast<double>(*i);
  } else if (const auto* d = std::get_if<double>(&value)) {
    n = *d;
  } else if (const auto* s = std::get_if<std::string>(&value)) {
    n = store::parseNumber(*s);
  }
  if (!n) {
    throw ValidationError(
        Sentence{PUPITRE_TR("'%1' is not a number; marks of this assessment go from %2 to %3."),
                 {store::toText(value), number(min), number(max)}});
  }
  if (*n < min || *n > max) {
    throw ValidationError(Sentence{PUPITRE_TR("%1 is outside this assessment's scale (%2 to %3)."),
                                   {number(*n), number(min), number(max)}});
  }
  return *n;
}

store::Value Scale::parse(const std::string& text) const
{
  if (kind == Kind::Symbols) {
    valueOf(store::Value{text});
    return store::Value{symbolFor(text)->first}; // as the scale writes it: "b" is kept as "B"
  }
  return store::Value{valueOf(store::Value{text})};
}

bool Scale::fits(const store::Value& value) const noexcept
{
  if (!std::isfinite(min) || !std::isfinite(max) || !(min < max)) {
    return false; // a scale no mark can be placed on (half-synchronised or merged apart)
  }
  try {
    valueOf(value);
    return true;
  } catch (...) {
    return false;
  }
}

std::string Scale::rangeText() const
{
  if (kind == Kind::Symbols) {
    std::string list;
    for (const auto& [symbol, worth] : symbols) {
      list += (list.empty() ? "" : ", ") + symbol;
    }
    return list;
  }
  return number(min) + "–" + number(max);
}

double Scale::normalized(const store::Value& value) const
{
  return (valueOf(value) - min) / (max - min);
}

} // namespace pupitre::model
