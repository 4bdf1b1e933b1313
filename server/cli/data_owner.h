#pragma once
// Root running `pupitre-server user add ...` (or `serve`) on the packaged server's data folder
// must not leave files the service cannot open: the process first becomes the folder's owner.
#include <string>

namespace pupitre::server::cli {

// When this process runs as root and `folder` exists and belongs to another user, switches
// the process to that user and group for good (files it creates then belong to them).
// Nothing otherwise (not root, no such folder, a root-owned folder, Windows). Error if the
// switch fails.
void becomeDataOwner(const std::string& folder);

} // namespace pupitre::server::cli
