#pragma once
// The exceptions of the core. Expected outcomes (wrong password, offline, refused licence)
// are values, not exceptions; these are for input that breaks a rule or a failed operation.
#include <stdexcept>
#include <string>
#include <utility>

namespace pupitre {

// Base of every exception thrown by Pupitre code. what() is a sentence a teacher can read.
class Error : public std::runtime_error
{
public:
  using std::runtime_error::runtime_error;
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
