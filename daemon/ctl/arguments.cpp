#include "arguments.h"

#include "pupitre/store/value.h"

#include <algorithm>
#include <ostream>

namespace pupitre::ctl {
namespace {
const std::string kOutput = "--output";
} // namespace

std::optional<std::string> Invocation::option(const std::string& name) const
{
  const auto it = options.find(name);
  return it == options.end() ? std::nullopt : std::optional<std::string>(it->second);
}

std::optional<double> Invocation::number(const std::string& name) const
{
  const auto text = option(name);
  if (!text) {
    return std::nullopt;
  }
  const auto value = store::parseNumber(*text);
  if (!value) {
    throw UsageError(name + " takes a number (7.5 or 7,5), not '" + *text + "'");
  }
  return value;
}

const Command* findCommand(const std::vector<Command>& table, const std::vector<std::string>& args,
                           std::size_t& consumed)
{
  const Command* best = nullptr;
  for (const auto& command : table) {
    const auto& words = command.words;
    if (words.size() <= args.size() && std::equal(words.begin(), words.end(), args.begin()) &&
        (!best || words.size() > best->words.size())) {
      best = &command;
    }
  }
  consumed = best ? best->words.size() : 0;
  return best;
}

Invocation parseInvocation(const Command& command, const std::vector<std::string>& rest)
{
  Invocation invocation;
  auto has = [](const std::vector<std::string>& list, const std::string& name) {
    return std::find(list.begin(), list.end(), name) != list.end();
  };
  bool optionsEnded = false;
  for (std::size_t i = 0; i < rest.size(); ++i) {
    // -o is short for --output in the commands that take one (backup create -o FILE).
    const std::string& arg =
        !optionsEnded && rest[i] == "-o" && has(command.options, "--output") ? kOutput : rest[i];
    // A short option the command lists ("-o FILE").
    if (!optionsEnded && arg.size() == 2 && arg[0] == '-' && has(command.options, arg)) {
      if (i + 1 >= rest.size()) {
        throw UsageError(arg + " needs a value");
      }
      invocation.options[arg] = rest[++i];
      continue;
    }
    if (optionsEnded || arg.size() < 3 || arg.compare(0, 2, "--") != 0) {
      if (arg == "--" && !optionsEnded) {
        optionsEnded = true;
        continue;
      }
      invocation.positional.push_back(arg);
      continue;
    }
    std::string name = arg;
    std::optional<std::string> inlineValue;
    if (const auto eq = arg.find('='); eq != std::string::npos) {
      name = arg.substr(0, eq);
      inlineValue = arg.substr(eq + 1);
    }
    if (has(command.flags, name) && !inlineValue) {
      invocation.flags.insert(name);
    } else if (has(command.options, name)) {
      if (inlineValue) {
        invocation.options[name] = *inlineValue;
      } else if (i + 1 < rest.size()) {
        invocation.options[name] = rest[++i];
      } else {
        throw UsageError(name + " needs a value");
      }
    } else {
      throw UsageError("unknown option " + name);
    }
  }
  const auto count = invocation.positional.size();
  if (count < command.minPositional) {
    throw UsageError("missing arguments");
  }
  if (count > command.maxPositional) {
    throw UsageError("too many arguments (put text with spaces in quotes)");
  }
  return invocation;
}

std::string usageOf(const Command& command)
{
  std::string words;
  for (const auto& w : command.words) {
    words += " " + w;
  }
  return std::string(command.usesDaemon ? "pupitrectl [--socket PATH]" : "pupitrectl [--db FILE]") +
         words + (command.arguments.empty() ? "" : " " + command.arguments);
}

void printHelp(std::ostream& out, const std::vector<Command>& table,
               const std::vector<std::string>& prefix)
{
  if (prefix.empty()) {
    out << "pupitrectl: Pupitre's command-line tool.\n\n"
           "Global options:\n"
           "  --db FILE      the database file (default: the per-user Pupitre database)\n"
           "  --socket PATH  pupitred's socket (default: the per-user socket)\n"
           "  --help         this help; `pupitrectl COMMAND --help` for one command\n"
           "  --version      the version and the protocols' versions\n\n"
           "Commands:\n";
  }
  for (const auto& command : table) {
    if (command.words.size() >= prefix.size() &&
        std::equal(prefix.begin(), prefix.end(), command.words.begin())) {
      out << "  " << usageOf(command) << "\n      " << command.summary << "\n";
    }
  }
}

} // namespace pupitre::ctl
