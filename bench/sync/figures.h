#pragma once
// The sync benchmark's output: one table per workload, each figure with its target and
// MET/MISSED, and the percentiles the figures are made of.
#include <optional>
#include <string>
#include <vector>

namespace pupitre::bench {

// The value at fraction `p` (0.5 = median) of `values`, nearest rank; 0 when empty.
double percentile(std::vector<double> values, double p);

class FigureTable
{
public:
  explicit FigureTable(std::string title) : m_title(std::move(title)) {}

  // A figure without a target.
  void add(const std::string& name, const std::string& value);
  // A figure with a target: `met` says whether it was reached.
  void add(const std::string& name, const std::string& value, const std::string& target, bool met);
  void print() const;

private:
  struct Row
  {
    std::string name;
    std::string value;
    std::string target;
    std::optional<bool> met;
  };
  std::string m_title;
  std::vector<Row> m_rows;
};

// printf into a std::string.
std::string format(const char* pattern, ...) __attribute__((format(printf, 1, 2)));

} // namespace pupitre::bench
