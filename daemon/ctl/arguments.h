#pragma once
// pupitrectl's command line: one table of commands (words, arguments, options, handler),
// a parser that checks each call against its entry, and the help texts made from the table.
#include <functional>
#include <iosfwd>
#include <map>
#include <optional>
#include <set>
#include <stdexcept>
#include <string>
#include <vector>

namespace pupitre::ctl {

// A mistake in the command line: printed with the command's usage, exit code 2.
class UsageError : public std::runtime_error
{
public:
  using std::runtime_error::runtime_error;
};

struct Invocation
{
  std::vector<std::string> positional;
  std::map<std::string, std::string> options; // "--comment" -> value
  std::set<std::string> flags;                // "--json"

  bool flag(const std::string& name) const { return flags.count(name) > 0; }
  std::optional<std::string> option(const std::string& name) const;
  std::optional<double> number(const std::string& name) const; // UsageError if not a number
};

struct Context;

struct Command
{
  std::vector<std::string> words; // {"mark", "set"}
  std::string arguments;          // "STUDENT_ID ASSESSMENT_ID VALUE [--comment C]"
  std::string summary;
  std::vector<std::string> options; // options taking a value
  std::vector<std::string> flags;
  std::size_t minPositional = 0;
  std::size_t maxPositional = 0;
  std::function<int(Context&, const Invocation&)> run;
  bool usesDaemon = false; // talks to pupitred (--socket) rather than the database file (--db)
};

// Global options before the command.
struct GlobalOptions
{
  std::string db;     // --db FILE
  std::string socket; // --socket PATH
};

// Finds the command named by the leading words of `args` and parses the rest against it.
// `consumed` receives the number of words that named the command.
const Command* findCommand(const std::vector<Command>& table, const std::vector<std::string>& args,
                           std::size_t& consumed);
Invocation parseInvocation(const Command& command, const std::vector<std::string>& rest);

// "pupitrectl [--db FILE] mark set STUDENT_ID ..." plus the summary.
std::string usageOf(const Command& command);
// Every command whose words start with `prefix` (all of them for an empty prefix).
void printHelp(std::ostream& out, const std::vector<Command>& table,
               const std::vector<std::string>& prefix);

} // namespace pupitre::ctl
