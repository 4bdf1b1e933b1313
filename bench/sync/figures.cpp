#include "sync/figures.h"

#include <algorithm>
#include <cmath>
#include <cstdarg>
#include <cstdio>

namespace pupitre::bench {

double percentile(std::vector<double> values, double p)
{
  if (values.empty()) {
    return 0;
  }
  std::sort(values.begin(), values.end());
  const auto rank = static_cast<std::size_t>(std::ceil(p * static_cast<double>(values.size())));
  return values[std::clamp<std::size_t>(rank, 1, values.size()) - 1];
}

void FigureTable::add(const std::string& name, const std::string& value)
{
  m_rows.push_back({name, value, "", std::nullopt});
}

void FigureTable::add(const std::string& name, const std::string& value, const std::string& target,
                      bool met)
{
  m_rows.push_back({name, value, target, met});
}

void FigureTable::print() const
{
  std::size_t nameWidth = 6;
  std::size_t valueWidth = 5;
  std::size_t targetWidth = 6;
  for (const auto& r : m_rows) {
    nameWidth = std::max(nameWidth, r.name.size());
    valueWidth = std::max(valueWidth, r.value.size());
    targetWidth = std::max(targetWidth, r.target.size());
  }
  std::printf("\n%s\n", m_title.c_str());
  const std::string rule(nameWidth + valueWidth + targetWidth + 17, '-');
  std::printf("%s\n  %-*s  %*s  %-*s  %s\n%s\n", rule.c_str(), static_cast<int>(nameWidth),
              "figure", static_cast<int>(valueWidth), "value", static_cast<int>(targetWidth),
              "target", "result", rule.c_str());
  for (const auto& r : m_rows) {
    std::printf("  %-*s  %*s  %-*s  %s\n", static_cast<int>(nameWidth), r.name.c_str(),
                static_cast<int>(valueWidth), r.value.c_str(), static_cast<int>(targetWidth),
                r.target.c_str(), r.met ? (*r.met ? "MET" : "MISSED") : "");
  }
  std::printf("%s\n", rule.c_str());
  std::fflush(stdout);
}

std::string format(const char* pattern, ...)
{
  char buffer[512];
  va_list args;
  va_start(args, pattern);
  std::vsnprintf(buffer, sizeof buffer, pattern, args);
  va_end(args);
  return buffer;
}

} // namespace pupitre::bench
