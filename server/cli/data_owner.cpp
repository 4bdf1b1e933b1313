#include "server/cli/data_owner.h"

#include "pupitre/error.h"

#ifndef _WIN32
#include <grp.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#endif

namespace pupitre::server::cli {

void becomeDataOwner(const std::string& folder)
{
#ifndef _WIN32
  struct stat info{};
  if (geteuid() != 0 || ::stat(folder.c_str(), &info) != 0 || info.st_uid == 0) {
    return;
  }
  // Groups first, then the group, then the user: after setuid there is no way back.
  if (::setgroups(0, nullptr) != 0 || ::setgid(info.st_gid) != 0 || ::setuid(info.st_uid) != 0) {
    throw Error("Cannot act as the owner (uid " + std::to_string(info.st_uid) + ") of '" + folder +
                "': " + std::strerror(errno) + ".");
  }
#else
  (void)folder;
#endif
}

} // namespace pupitre::server::cli
