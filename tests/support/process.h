#pragma once
// Running the project's executables from tests: arguments, standard input, captured output
// and exit code.
#include <map>
#include <string>
#include <vector>

namespace pupitre::test {

struct ProcessResult
{
  int exitCode = -1;
  std::string out;
  std::string err;
};

// Runs `program` with `args` to completion, feeding `input` on standard input. `env` adds
// to the environment.
ProcessResult runProcess(const std::string& program, const std::vector<std::string>& args,
                         const std::string& input = {},
                         const std::map<std::string, std::string>& env = {});

// The output without its trailing newline (for commands that print one id).
std::string firstLine(const std::string& text);

} // namespace pupitre::test
