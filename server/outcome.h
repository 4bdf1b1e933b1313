#pragma once
// A service answer: the value, or the API's refusal (expected outcomes are values, not
// exceptions).
#include "pupitre/sync/protocol.h"

#include <utility>
#include <variant>

namespace pupitre::server {

struct Done
{
};

template <class T> class Outcome
{
public:
  Outcome(T value) : m_value(std::move(value)) {}              // NOLINT: implicit by design
  Outcome(sync::ApiError error) : m_value(std::move(error)) {} // NOLINT: implicit by design

  bool ok() const { return std::holds_alternative<T>(m_value); }
  explicit operator bool() const { return ok(); }
  const T& value() const { return std::get<T>(m_value); }
  T& value() { return std::get<T>(m_value); }
  const sync::ApiError& error() const { return std::get<sync::ApiError>(m_value); }

private:
  std::variant<T, sync::ApiError> m_value;
};

} // namespace pupitre::server
