#pragma once
// How an assessment is marked: a numeric range with a pass mark (0–10, pass 5), or a scale
// of symbols each worth a number on that range (A=10;B=8;C=6;D=4;F=0).
#include "pupitre/store/value.h"

#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace pupitre::model {

struct Scale
{
  enum class Kind { Numeric, Symbols };

  Kind kind = Kind::Numeric;
  double min = 0;
  double max = 10;
  double passMark = 5;
  std::vector<std::pair<std::string, double>> symbols; // best first, for Kind::Symbols

  static Scale numeric(double min, double max, double passMark);
  // From "A=10;B=8;C=5;F=0"; the range spans the symbols' values. ValidationError if malformed.
  static Scale fromSymbols(const std::string& spec, std::optional<double> passMark = {});
  std::string symbolsText() const;
  const char* kindText() const { return kind == Kind::Numeric ? "numeric" : "symbols"; }

  // ValidationError unless min < max, the pass mark lies in the range and symbols are unique.
  void validate() const;
  // The mark's number on this scale: the number itself, or the symbol's value. ValidationError
  // when the value does not belong to the scale ("12 is outside 0–10").
  double valueOf(const store::Value& value) const;
  // A mark typed by the teacher ("7,5", "7.5", "A", "b") as the value to store. Symbols are
  // matched exactly first, then ignoring the case of ASCII letters, and stored as the scale
  // writes them ("b" becomes "B").
  store::Value parse(const std::string& text) const;
  // The symbol `text` names (exactly, else ignoring ASCII case); nullptr when none does.
  const std::pair<std::string, double>* symbolFor(const std::string& text) const;
  // True when valueOf(value) would succeed: a number in the range, or one of the symbols.
  bool fits(const store::Value& value) const noexcept;
  // How the teacher reads the scale: "0–10" (numeric) or "A, B, C, F" (symbols).
  std::string rangeText() const;
  // Where the value sits between min (0) and max (1).
  double normalized(const store::Value& value) const;
  bool passes(const store::Value& value) const { return valueOf(value) >= passMark; }

  bool operator==(const Scale&) const = default;
};

} // namespace pupitre::model
