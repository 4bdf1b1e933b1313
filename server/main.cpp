// pupitre-server: the sync API and its administration (docs/server.md).
#include "server/cli/commands.h"
#include "server/cli/config_file.h"
#include "server/cli/data_owner.h"

#include "pupitre/version.h"

#include <cstdlib>
#include <iostream>

#ifdef _WIN32
#include "pupitre/win/console.h"
#endif

int main(int argc, char** argv)
{
  using namespace pupitre::server::cli;
#ifdef _WIN32
  pupitre::win::useUtf8Console();
#endif
  try {
    CommandLine line = parseCommandLine(std::vector<std::string>(argv + 1, argv + argc));
    if (line.version) {
      std::cout << pupitre::versionLine("pupitre-server") << "\n";
      return 0;
    }
    if (!line.help && !line.words.empty()) {
      applyConfigFile(line, std::getenv("PUPITRE_SERVER_CONFIG"));
      // Root administering the packaged server acts as the service's user (data_owner.h).
      if (const auto data = line.option("data")) {
        becomeDataOwner(*data);
      }
    }
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
