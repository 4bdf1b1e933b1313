#include "server/cli/commands.h"

#include "pupitre/blobs/blob_store.h"
#include "pupitre/blobs/blob_transfer.h"
#include "pupitre/printable.h"
#include "pupitre/private_file.h"
#include "server/blobs/blob_index.h"
#include "server/blobs/blob_service.h"
#include "server/cli/server_data.h"
#include "server/service/account_admin.h"
#include "server/service/sync_service.h"
#include "server/time_text.h"
#include "server/web/replica.h"
#include "server/web/web_sessions.h"

#include <algorithm>
#include <cctype>
#include <charconv>
#include <filesystem>
#include <istream>
#include <ostream>
#include <system_error>

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
    throw UsageError("Usage: pupitre-server --data DIR [--database URL] " + usage);
  }
}

} // namespace

std::string serverDataFolder(const CommandLine& line)
{
  const auto dir = line.option("data");
  if (!dir || dir->empty()) {
    throw UsageError("Say where the server's data are with --data DIR.");
  }
  const std::filesystem::path folder = std::filesystem::absolute(*dir);
  makePrivateFolder(folder.string(), true); // accounts' password hashes: 0700
  return folder.string();
}

std::string serverDatabasePath(const CommandLine& line, bool create)
{
  const auto dir = line.option("data");
  if (!dir || dir->empty()) {
    throw UsageError("Say where the server's data are with --data DIR.");
  }
  const std::filesystem::path folder = std::filesystem::absolute(*dir);
  const auto path = folder / "server.db";
  if (create) {
    makePrivateFolder(folder.string(), true); // accounts' password hashes: 0700
  } else if (!std::filesystem::exists(path)) {
    throw Error("There are no server data in '" + folder.string() +
                "' (no server.db); create an account with "
                "`user add` first.");
  }
  return path.string();
}

std::int64_t parseSize(const std::string& text)
{
  // The number is read without the locale ("1.5GB" or "1,5GB"), then its unit.
  std::string digits = text.substr(std::min(text.find_first_not_of(' '), text.size()));
  std::replace(digits.begin(), digits.end(), ',', '.');
  double number = 0;
  const auto read = std::from_chars(digits.data(), digits.data() + digits.size(), number);
  const std::size_t used =
      read.ec == std::errc{} ? static_cast<std::size_t>(read.ptr - digits.data()) : 0;
  std::string unit = digits.substr(used);
  unit.erase(std::remove(unit.begin(), unit.end(), ' '), unit.end());
  std::transform(unit.begin(), unit.end(), unit.begin(),
                 [](unsigned char c) { return static_cast<char>(std::toupper(c)); });
  const std::vector<std::pair<std::string, double>> units = {{"", 1},
                                                             {"B", 1},
                                                             {"KB", 1e3},
                                                             {"K", 1e3},
                                                             {"MB", 1e6},
                                                             {"M", 1e6},
                                                             {"GB", 1e9},
                                                             {"G", 1e9},
                                                             {"TB", 1e12},
                                                             {"T", 1e12},
                                                             {"KIB", 1024.0},
                                                             {"MIB", 1048576.0},
                                                             {"GIB", 1073741824.0},
                                                             {"TIB", 1099511627776.0}};
  for (const auto& [name, factor] : units) {
    if (used > 0 && unit == name && number >= 0 && number * factor < 9e18) {
      return static_cast<std::int64_t>(number * factor);
    }
  }
  throw UsageError("'" + text + "' is not a size; write e.g. 5GB, 500MB or a number of bytes.");
}

std::int64_t parseDuration(const std::string& text)
{
  std::int64_t number = -1;
  std::size_t used = 0;
  while (used < text.size() && std::isdigit(static_cast<unsigned char>(text[used])) && used < 9) {
    number = (number < 0 ? 0 : number * 10) + (text[used++] - '0');
  }
  const std::string unit = text.substr(used);
  const std::vector<std::pair<std::string, std::int64_t>> units = {
      {"d", 24 * 3600 * 1000}, {"h", 3600 * 1000}, {"m", 60 * 1000}, {"s", 1000}};
  if (number == 0 && unit.empty()) {
    return 0;
  }
  for (const auto& [name, factor] : units) {
    if (number >= 0 && unit == name) {
      return number * factor;
    }
  }
  throw UsageError("'" + text + "' is not a duration; write e.g. 30d, 12h, 90m, 45s (or 0).");
}

int runBlobsCommand(const CommandLine& line, std::ostream& out)
{
  line.allowOnly({"data", "database", "blob-grace-hours"}, "blobs");
  if (line.words.size() != 2 || line.words[1] != "gc") {
    throw UsageError("Usage: pupitre-server --data DIR blobs gc [--blob-grace-hours N]");
  }
  auto data = openServerData(line, false);
  SyncService service(*data.store);
  blobs::BlobLimits limits;
  if (const auto hours = line.number("blob-grace-hours", 0, 24 * 3650)) {
    limits.graceMs = *hours * 3600 * 1000;
  }
  blobs::BlobService blobService(service, *data.blobIndex, data.blobFolder(), limits);
  const auto result = blobService.collectGarbage(service.nowMs());
  out << "Removed " << result.removed << " unreferenced files from accounts ("
      << pupitre::blobs::humanBytes(result.bytesFreed) << "), deleted " << result.orphanFiles.size()
      << " files from the disk.\n";
  return 0;
}

int runUserCommand(const CommandLine& line, std::istream& in, std::ostream& out, std::ostream& err)
{
  const std::string action = line.words.size() > 1 ? line.words[1] : "";
  const bool withLicence = action == "add" || action == "licence";
  line.allowOnly(withLicence ? std::vector<std::string>{"data", "database", "licence", "devices"}
                             : std::vector<std::string>{"data", "database"},
                 "user " + action);
  if (action.empty()) {
    throw UsageError("`user` needs a command: add, passwd, licence, devices, unlink, export, "
                     "data, erase or quota.");
  }
  const std::vector<std::string> known = {"add",    "passwd", "licence", "devices", "unlink",
                                          "export", "data",   "erase",   "quota"};
  if (std::find(known.begin(), known.end(), action) == known.end()) {
    throw UsageError("Unknown command `user " + action +
                     "`; use add, passwd, licence, devices, unlink, export, data, erase or quota.");
  }
  auto data = openServerData(line, action == "add");
  auto& store = *data.store;
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
    const auto revoked = admin.setPassword(line.words[2], readPassword(in));
    err << "Password of " << line.words[2] << " changed; " << revoked
        << (revoked == 1 ? " device was" : " devices were")
        << " signed out and must sign in again with the new password, and so must every web "
           "browser.\n";
  } else if (action == "licence") {
    expectWords(line, 4, "user licence EMAIL single|multi [--devices N]");
    admin.setLicence(line.words[2], line.words[3], devices);
    err << "Licence of " << line.words[2] << " set to " << line.words[3] << ".\n";
  } else if (action == "devices") {
    expectWords(line, 3, "user devices EMAIL");
    const auto list = admin.devices(line.words[2]);
    for (const auto& d : list) {
      out << printable(d.id) << "\t" << printable(d.name) << "\tlinked " << isoUtc(d.linkedAtMs)
          << "\tlast seen " << isoUtc(d.lastSeenMs) << "\n";
    }
    const auto sessions = admin.webSessions(line.words[2]);
    for (const auto& s : sessions) {
      out << printable(s.id) << "\t" << printable(web::browserName(s.userAgent)) << "\tsigned in "
          << isoUtc(s.createdAtMs) << "\tlast seen " << isoUtc(s.seenAtMs) << "\n";
    }
    if (list.empty() && sessions.empty()) {
      err << "No device is linked to " << line.words[2] << ".\n";
    }
  } else if (action == "unlink") {
    expectWords(line, 4, "user unlink EMAIL DEVICE_ID");
    if (admin.unlink(line.words[2], line.words[3])) {
      err << "Web browser " << line.words[3] << " of " << line.words[2] << " signed out.\n";
    } else {
      err << "Device " << line.words[3] << " unlinked from " << line.words[2] << ".\n";
    }
  } else if (action == "quota") {
    expectWords(line, 4, "user quota EMAIL SIZE   (e.g. 5GB, 500MB)");
    const auto account = store.findAccount(normaliseEmail(line.words[2]));
    if (!account) {
      throw NotFoundError("No account for " + line.words[2] +
                          " on this server; create it with `user add`.");
    }
    const std::int64_t bytes = parseSize(line.words[3]);
    data.blobIndex->setQuota(account->id, bytes);
    err << "Storage quota of " << account->email << " set to " << pupitre::blobs::humanBytes(bytes)
        << " (" << bytes << " bytes); " << pupitre::blobs::humanBytes(account->storageUsed)
        << " are used.\n";
  } else if (action == "erase") {
    expectWords(line, 3, "user erase EMAIL");
    const auto account = store.findAccount(normaliseEmail(line.words[2]));
    const auto orphans = admin.erase(line.words[2]);
    // The files of blobs no other account holds, and the account's unfinished uploads
    // (partial/ACCOUNT-HASH.part).
    pupitre::blobs::BlobStore files(data.blobFolder());
    for (const auto& hash : orphans) {
      files.remove(hash);
    }
    const std::string prefix = account ? std::to_string(account->id) + "-" : "";
    std::error_code error;
    for (std::filesystem::directory_iterator it(files.root() / "partial", error), end;
         !prefix.empty() && !error && it != end; it.increment(error)) {
      if (it->path().filename().string().rfind(prefix, 0) == 0) {
        std::filesystem::remove(it->path(), error);
      }
    }
    // Its web replica (docs/web.md), beside server.db.
    if (account) {
      server::web::removeReplicaFiles(server::web::replicaPath(data.webFolder(), account->id));
    }
    err << "Account " << line.words[2] << " erased with all its data, devices and tokens; "
        << orphans.size() << (orphans.size() == 1 ? " file" : " files")
        << " no other account uses deleted.\n";
  } else if (action == "data") {
    expectWords(line, 3, "user data EMAIL");
    out << admin.exportLiveJson(line.words[2]);
  } else {
    expectWords(line, 3, "user export EMAIL");
    out << admin.exportJson(line.words[2]);
  }
  return 0;
}

} // namespace pupitre::server::cli
