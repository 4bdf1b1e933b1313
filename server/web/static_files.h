#pragma once
// The web version's page and assets, served from the web root (serve --web-root; docs/web.md,
// "Security"): GET / is index.html, GET /assets/... a file under DIR/assets. Paths are taken
// literally (no "..", no hidden files, nothing outside the root even through a symbolic
// link), with the file's content type, an ETag and Last-Modified (304 when the browser has
// it), and on every answer the Content-Security-Policy and the other security headers.
#include "server/http/routes.h"

#include <filesystem>
#include <optional>
#include <string>

namespace pupitre::server::web {

inline constexpr const char* kContentSecurityPolicy =
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' blob: data:; "
    "connect-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'self'";

// Adds the security headers every page and asset answer carries.
void addPageHeaders(http::ApiAnswer& answer);

class StaticFiles
{
public:
  // `root` must be a folder; Error otherwise.
  explicit StaticFiles(const std::filesystem::path& root);

  const std::filesystem::path& root() const { return m_root; }

  // The answer for a request of `path` ("/", "/assets/app.js"), or nullopt when the path is
  // not one of the web version's (the API's 404 applies). `ifNoneMatch`: the request's
  // If-None-Match header.
  std::optional<http::ApiAnswer> answer(const std::string& method, const std::string& path,
                                        const std::string& ifNoneMatch) const;

private:
  http::ApiAnswer file(const std::filesystem::path& relative, const std::string& ifNoneMatch) const;

  std::filesystem::path m_root; // canonical
};

// The content type of a file by its extension ("text/javascript; charset=utf-8").
std::string contentTypeOf(const std::filesystem::path& file);

// The web root when none is configured: $PUPITRE_WEB_ROOT, else `web` beside the executable
// (the build tree), else the installed one; empty when none of them exists.
std::string defaultWebRoot();

} // namespace pupitre::server::web
