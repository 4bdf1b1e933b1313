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

// `args` as Poco::Process::launch must be given them so the program receives them unchanged:
// on Windows, Poco 1.11 writes an empty argument as nothing at all in the command line, so it
// is given as "" (which Windows reads back as an empty argument).
std::vector<std::string> launchArgs(const std::vector<std::string>& args);

} // namespace pupitre::test
