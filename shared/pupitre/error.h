#pragma once
// The exceptions of the core. Expected outcomes (wrong password, offline, refused licence)
// are values, not exceptions; these are for input that breaks a rule or a failed operation.
#include <cstddef>
#include <memory>
#include <stdexcept>
#include <string>
#include <utility>
#include <vector>

namespace pupitre {

// Marks a sentence of the core for translation (xgettext --keyword=PUPITRE_TR): the core
// keeps the English, the app looks it up in its catalog (gui/error_report.h, describe()).
#define PUPITRE_TR(text) text

// A sentence for the teacher with its variable parts apart, so the app can translate it:
// `text` is the English, marked with PUPITRE_TR, with %1, %2… where `args` go.
struct Sentence
{
  const char* text;
  std::vector<std::string> args;
  // Bit i set: args[i] is itself a PUPITRE_TR word ("class name") the app translates too.
  unsigned translatedArgs = 0;
  // A sentence within this one ("Student Ana: <why>"): the translatable form of the last arg.
  std::shared_ptr<const Sentence> detail;
};

// `outer` whose last arg is `inner`'s message, kept translatable when `inner` has a Sentence.
template <class Inner> Sentence withDetail(Sentence outer, const Inner& inner)
{
  outer.args.push_back(inner.what());
  if (inner.sentence().text) {
    outer.detail = std::make_shared<const Sentence>(inner.sentence());
  }
  return outer;
}

// `text` with %1…%9 replaced by `args`.
inline std::string fillSentence(const std::string& text, const std::vector<std::string>& args)
{
  std::string out;
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (text[i] == '%' && i + 1 < text.size() && text[i + 1] >= '1' && text[i + 1] <= '9') {
      const auto n = static_cast<std::size_t>(text[i + 1] - '1');
      out += n < args.size() ? args[n] : std::string();
      ++i;
    } else {
      out += text[i];
    }
  }
  return out;
}

// Base of every exception thrown by Pupitre code. what() is a sentence a teacher can read.
class Error : public std::runtime_error
{
public:
  using std::runtime_error::runtime_error;
  // what() is the English; sentence() lets the app translate it.
  explicit Error(Sentence sentence)
      : std::runtime_error(fillSentence(sentence.text, sentence.args)),
        m_sentence(std::move(sentence))
  {
  }
  // The translatable form, when the error was made from one (text null otherwise).
  const Sentence& sentence() const { return m_sentence; }

private:
  Sentence m_sentence{nullptr, {}};
};

// The input breaks a rule (a mark outside the scale, a date that is not a date).
class ValidationError : public Error
{
public:
  using Error::Error;
};

// The record does not exist, or was deleted.
class NotFoundError : public Error
{
public:
  using Error::Error;
};

// The database file could not be opened, migrated or written.
class StoreError : public Error
{
public:
  using Error::Error;
};

// A write failed because the disk holding `place` (a file or a folder) is full.
class DiskFull : public StoreError
{
public:
  DiskFull(std::string place, const std::string& message)
      : StoreError(message), m_place(std::move(place))
  {
  }
  const std::string& place() const { return m_place; }

private:
  std::string m_place;
};

} // namespace pupitre
