#include "replica_diff.h"

#include <sstream>
#include <vector>

namespace pupitre::sim {
namespace {

std::vector<std::string> lines(const std::string& text)
{
  std::vector<std::string> out;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);) {
    out.push_back(line);
  }
  return out;
}

} // namespace

std::string firstDifference(const std::string& name, const std::string& actual,
                            const std::string& expected)
{
  if (actual == expected) {
    return {};
  }
  const auto a = lines(actual);
  const auto e = lines(expected);
  std::size_t i = 0;
  while (i < a.size() && i < e.size() && a[i] == e[i]) {
    ++i;
  }
  std::ostringstream out;
  out << name << " differs from the reference model at line " << i + 1 << ":\n";
  if (i > 0) {
    out << "    both:     " << e[i - 1] << "\n";
  }
  out << "    expected: " << (i < e.size() ? e[i] : "(end)") << "\n";
  out << "    actual:   " << (i < a.size() ? a[i] : "(end)") << "\n";
  if (a.size() != e.size()) {
    out << "    (" << a.size() << " lines, expected " << e.size() << ")\n";
  }
  return out.str();
}

} // namespace pupitre::sim
