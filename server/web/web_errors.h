#pragma once
// Refusals of the web data endpoints that name the field at fault, so the page can show the
// sentence next to it.
#include "pupitre/error.h"

#include <string>

namespace pupitre::server::web {

// Invalid input in one field of the request ("value", "date"): 400 "invalid" with the
// model's sentence and "field".
class FieldError : public ValidationError
{
public:
  FieldError(std::string field, const std::string& message)
      : ValidationError(message), m_field(std::move(field))
  {
  }
  const std::string& field() const { return m_field; }

private:
  std::string m_field;
};

// Runs `check`, naming `field` in the ValidationError it throws.
template <class Check> auto inField(const std::string& field, Check check)
{
  try {
    return check();
  } catch (const FieldError&) {
    throw;
  } catch (const ValidationError& e) {
    throw FieldError(field, e.what());
  }
}

} // namespace pupitre::server::web
