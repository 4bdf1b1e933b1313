#include "server/cli/commands.h"

#include "server/service/account_admin.h"
#include "server/store/sqlite_server_store.h"
#include "server/time_text.h"

#include <algorithm>
#include <filesystem>
#include <istream>
#include <ostream>

namespace pupitre::server::cli {
namespace {

std::string readPassword(std::istream& in)
{
  std::string password;
  if (!std::getline(in, password) && password.empty()) {
    throw UsageError(
        "Type the password on standard input (first line), e.g. `printf '%s\\n' \"$PASSWORD\" | "
        "pupitre-server ...`.");
  }
  if (!password.empty() && password.back() == '\r') {
    password.pop_back();
  }
  return password;
}

void expectWords(const CommandLine& line, std::size_t count, const std::string& usage)
{
  if (line.words.size() != count) {
    throw UsageError("Usage: pupitre-server --data DIR " + usage);
  }
}

} // namespace

std::string serverDatabasePath(const CommandLine& line, bool create)
{
  const auto dir = line.option("data");
  if (!dir || dir->empty()) {
    throw UsageError("Say where the server's data are with --data DIR.");
  }
  const std::filesystem::path folder = std::filesystem::absolute(*dir);
  const auto path = folder / "server.db";
  if (create) {
    std::error_code error;
    std::filesystem::create_directories(folder, error);
    if (error) {
      throw Error("Couldn't create the data folder '" + folder.string() + "': " + error.message());
    }
  } else if (!std::filesystem::exists(path)) {
    throw Error("There are no server data in '" + folder.string() +
                "' (no server.db); create an account with "
                "`user add` first.");
  }
  return path.string();
}

int runUserCommand(const CommandLine& line, std::istream& in, std::ostream& out, std::ostream& err)
{
  const std::string action = line.words.size() > 1 ? line.words[1] : "";
  const bool withLicence = action == "add" || action == "licence";
  line.allowOnly(withLicence ? std::vector<std::string>{"data", "licence", "devices"}
                             : std::vector<std::string>{"data"},
                 "user " + action);
  if (action.empty()) {
    throw UsageError("`user` needs a command: add, passwd, licence, devices, unlink or export.");
  }
  const std::vector<std::string> known = {"add",     "passwd", "licence",
                                          "devices", "unlink", "export"};
  if (std::find(known.begin(), known.end(), action) == known.end()) {
    throw UsageError("Unknown command `user " + action +
                     "`; use add, passwd, licence, devices, unlink or export.");
  }
  SqliteServerStore store(serverDatabasePath(line, action == "add"));
  AccountAdmin admin(store);
  const auto devices = line.number("devices", 1, 1000);

  if (action == "add") {
    expectWords(line, 3, "user add EMAIL --licence single|multi [--devices N]");
    const auto licence = line.option("licence");
    if (!licence) {
      throw UsageError("`user add` needs --licence single or --licence multi.");
    }
    admin.addUser(line.words[2], readPassword(in), *licence, devices);
    err << "Account " << line.words[2] << " created (" << *licence << " licence).\n";
  } else if (action == "passwd") {
    expectWords(line, 3, "user passwd EMAIL   (new password on stdin)");
    admin.setPassword(line.words[2], readPassword(in));
    err << "Password of " << line.words[2] << " changed.\n";
  } else if (action == "licence") {
    expectWords(line, 4, "user licence EMAIL single|multi [--devices N]");
    admin.setLicence(line.words[2], line.words[3], devices);
    err << "Licence of " << line.words[2] << " set to " << line.words[3] << ".\n";
  } else if (action == "devices") {
    expectWords(line, 3, "user devices EMAIL");
    const auto list = admin.devices(line.words[2]);
    for (const auto& d : list) {
      out << d.id << "\t" << d.name << "\tlinked " << isoUtc(d.linkedAtMs) << "\tlast seen "
          << isoUtc(d.lastSeenMs) << "\n";
    }
    if (list.empty()) {
      err << "No device is linked to " << line.words[2] << ".\n";
    }
  } else if (action == "unlink") {
    expectWords(line, 4, "user unlink EMAIL DEVICE_ID");
    admin.unlink(line.words[2], line.words[3]);
    err << "Device " << line.words[3] << " unlinked from " << line.words[2] << ".\n";
  } else {
    expectWords(line, 3, "user export EMAIL");
    out << admin.exportJson(line.words[2]);
  }
  return 0;
}

} // namespace pupitre::server::cli
