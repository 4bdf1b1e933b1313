// pupitre-server: the sync API and its administration (docs/server.md).
#include "server/cli/commands.h"

#include <iostream>

int main(int argc, char** argv)
{
  using namespace pupitre::server::cli;
  try {
    const CommandLine line = parseCommandLine(std::vector<std::string>(argv + 1, argv + argc));
    if (line.help || line.words.empty()) {
      (line.help ? std::cout : std::cerr) << kUsage;
      return line.help ? 0 : 2;
    }
    if (line.words[0] == "serve") {
      return runServe(line, std::cout);
    }
    if (line.words[0] == "user") {
      return runUserCommand(line, std::cin, std::cout, std::cerr);
    }
    if (line.words[0] == "blobs") {
      return runBlobsCommand(line, std::cout);
    }
    throw UsageError("Unknown command '" + line.words[0] + "'; use serve, user or blobs.");
  } catch (const UsageError& e) {
    std::cerr << "pupitre-server: " << e.what()
              << "\nRun `pupitre-server --help` for the commands.\n";
    return 2;
  } catch (const std::exception& e) {
    std::cerr << "pupitre-server: " << e.what() << "\n";
    return 1;
  }
}
