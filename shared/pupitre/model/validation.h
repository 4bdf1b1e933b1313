#pragma once
// Checks shared by the repositories. Each throws ValidationError (or NotFoundError) with a
// sentence that says what is wrong and what is expected.
#include "pupitre/store/database.h"
#include "pupitre/store/rows.h"

#include <optional>
#include <string>

namespace pupitre::model {

// `value` without surrounding white space; fails when that is empty or too long.
std::string requireText(const std::string& value, const std::string& what,
                        std::size_t maxLength = 200);
// A real calendar date written YYYY-MM-DD.
std::string requireDate(const std::string& value);
bool isDate(const std::string& value);
// Empty, or something that looks like an e-mail address.
std::string requireEmail(const std::string& value);
// Empty, or #RRGGBB.
std::string requireColour(const std::string& value);
// A finite number >= 0.
double requireWeight(double weight, const std::string& what);
// The live row `id` of `table`; NotFoundError naming `what` ("class", "student") otherwise.
store::Row requireLive(store::Database& db, const std::string& table, const std::string& id,
                       const std::string& what);

} // namespace pupitre::model
