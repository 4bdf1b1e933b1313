#include "server/web/static_files.h"

#include "pupitre/clock/calendar.h"
#include "pupitre/error.h"
#include "server/api_errors.h"

#include <array>
#include <chrono>
#include <cstdlib>
#include <fstream>
#include <iterator>
#include <sstream>
#include <system_error>

#ifdef _WIN32
#include <windows.h>
#endif

#ifndef PUPITRE_INSTALLED_WEB_ROOT
#define PUPITRE_INSTALLED_WEB_ROOT "/usr/share/pupitre-server/web"
#endif

namespace pupitre::server::web {
namespace {

namespace fs = std::filesystem;

// The largest file served (the page's assets are far smaller).
constexpr std::uintmax_t kMaxFileBytes = 32u << 20;
constexpr const char* kAssetsPrefix = "/assets/";

// "assets/app.js" from "/assets/app.js"; nullopt for a path with an empty, hidden, "." or
// ".." segment, a backslash or a control character.
std::optional<fs::path> safeRelative(const std::string& path)
{
  if (path.rfind(kAssetsPrefix, 0) != 0 || path.size() == std::string(kAssetsPrefix).size()) {
    return std::nullopt;
  }
  fs::path relative;
  std::size_t start = 1;
  while (start <= path.size()) {
    const auto end = std::min(path.find('/', start), path.size());
    const std::string segment = path.substr(start, end - start);
    if (segment.empty() || segment.front() == '.' ||
        segment.find_first_of(std::string("\\\0", 2)) != std::string::npos) {
      return std::nullopt;
    }
    for (const char c : segment) {
      if (static_cast<unsigned char>(c) < 0x20 || c == 0x7f) {
        return std::nullopt;
      }
    }
    relative /= segment;
    start = end + 1;
  }
  return relative;
}

std::string httpDate(fs::file_time_type time)
{
  const auto system =
      std::chrono::time_point_cast<std::chrono::seconds>(std::chrono::file_clock::to_sys(time));
  const std::time_t t = std::chrono::system_clock::to_time_t(system);
  const std::tm utc = clock::utcCalendar(t);
  std::array<char, 64> text{};
  std::strftime(text.data(), text.size(), "%a, %d %b %Y %H:%M:%S GMT", &utc);
  return text.data();
}

http::ApiAnswer notFound(const std::string& path)
{
  auto answer = http::errorAnswer(api::notFound("The server has no " + path + "."));
  addPageHeaders(answer);
  return answer;
}

// Whether If-None-Match ("\"a\", W/\"b\"" or "*") names `etag`.
bool matches(const std::string& ifNoneMatch, const std::string& etag)
{
  if (ifNoneMatch.empty()) {
    return false;
  }
  if (ifNoneMatch.find('*') != std::string::npos) {
    return true;
  }
  return ifNoneMatch.find(etag) != std::string::npos;
}

// The running program's file: /proc/self/exe on Linux, GetModuleFileNameW on Windows.
fs::path executableFile()
{
#ifdef _WIN32
  std::wstring buffer(MAX_PATH, L'\0');
  for (;;) {
    const DWORD length =
        GetModuleFileNameW(nullptr, buffer.data(), static_cast<DWORD>(buffer.size()));
    if (length == 0) {
      return {};
    }
    if (length < buffer.size()) {
      buffer.resize(length);
      return fs::path(buffer);
    }
    buffer.resize(buffer.size() * 2);
  }
#else
  std::error_code error;
  const fs::path executable = fs::read_symlink("/proc/self/exe", error);
  return error ? fs::path() : executable;
#endif
}

} // namespace

void addPageHeaders(http::ApiAnswer& answer)
{
  answer.headers["Content-Security-Policy"] = kContentSecurityPolicy;
  answer.headers["X-Content-Type-Options"] = "nosniff";
  answer.headers["Referrer-Policy"] = "no-referrer";
  answer.headers["X-Frame-Options"] = "DENY";
}

std::string contentTypeOf(const fs::path& file)
{
  static const std::array<std::pair<const char*, const char*>, 16> types = {{
      {".html", "text/html; charset=utf-8"},
      {".js", "text/javascript; charset=utf-8"},
      {".mjs", "text/javascript; charset=utf-8"},
      {".css", "text/css; charset=utf-8"},
      {".json", "application/json"},
      {".map", "application/json"},
      {".txt", "text/plain; charset=utf-8"},
      {".svg", "image/svg+xml"},
      {".png", "image/png"},
      {".jpg", "image/jpeg"},
      {".jpeg", "image/jpeg"},
      {".gif", "image/gif"},
      {".webp", "image/webp"},
      {".ico", "image/x-icon"},
      {".woff2", "font/woff2"},
      {".woff", "font/woff"},
  }};
  const std::string extension = file.extension().string();
  for (const auto& [ext, type] : types) {
    if (extension == ext) {
      return type;
    }
  }
  return "application/octet-stream";
}

StaticFiles::StaticFiles(const fs::path& root)
{
  std::error_code error;
  if (!fs::is_directory(root, error)) {
    throw Error("The web root '" + root.string() +
                "' is not a folder. Give the folder holding the web version's index.html "
                "(serve --web-root DIR).");
  }
  m_root = fs::canonical(root, error);
  if (error) {
    throw Error("Couldn't open the web root '" + root.string() + "': " + error.message());
  }
}

std::optional<http::ApiAnswer> StaticFiles::answer(const std::string& method,
                                                   const std::string& path,
                                                   const std::string& ifNoneMatch) const
{
  std::optional<fs::path> relative;
  if (path == "/" || path == "/index.html") {
    relative = fs::path("index.html");
  } else if (path.rfind(kAssetsPrefix, 0) == 0) {
    relative = safeRelative(path);
    if (!relative) {
      return notFound(path);
    }
  } else {
    return std::nullopt;
  }
  if (method != "GET") {
    auto answer = http::errorAnswer(api::methodNotAllowed(method, path));
    answer.headers["Allow"] = "GET";
    addPageHeaders(answer);
    return answer;
  }
  auto answer = file(*relative, ifNoneMatch);
  if (answer.status == 404) {
    return notFound(path);
  }
  return answer;
}

http::ApiAnswer StaticFiles::file(const fs::path& relative, const std::string& ifNoneMatch) const
{
  std::error_code error;
  const fs::path full = fs::canonical(m_root / relative, error);
  // Through a symbolic link or not, only files inside the root.
  const auto inside = [&] {
    const auto rel = full.lexically_relative(m_root);
    return !rel.empty() && *rel.begin() != "..";
  };
  if (error || !fs::is_regular_file(full, error) || !inside()) {
    return {404, ""};
  }
  const auto size = fs::file_size(full, error);
  const auto modified = fs::last_write_time(full, error);
  if (error || size > kMaxFileBytes) {
    return {404, ""};
  }
  std::ostringstream tag;
  tag << '"' << std::hex << size << '-' << modified.time_since_epoch().count() << '"';
  http::ApiAnswer answer;
  answer.contentType = contentTypeOf(full);
  answer.headers["ETag"] = tag.str();
  answer.headers["Last-Modified"] = httpDate(modified);
  // Stored, but checked with the server on every use: a new version shows at the next load.
  answer.headers["Cache-Control"] = "no-cache";
  addPageHeaders(answer);
  if (matches(ifNoneMatch, tag.str())) {
    answer.status = 304;
    return answer;
  }
  std::ifstream in(full, std::ios::binary);
  answer.body.assign(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
  if (!in.good() && !in.eof()) {
    return {404, ""};
  }
  return answer;
}

std::string defaultWebRoot()
{
  std::error_code error;
  if (const char* configured = std::getenv("PUPITRE_WEB_ROOT"); configured && *configured) {
    return configured;
  }
  const fs::path executable = executableFile();
  if (!executable.empty() && fs::is_directory(executable.parent_path() / "web", error)) {
    return (executable.parent_path() / "web").string();
  }
  if (fs::is_directory(PUPITRE_INSTALLED_WEB_ROOT, error)) {
    return PUPITRE_INSTALLED_WEB_ROOT;
  }
  return {};
}

} // namespace pupitre::server::web
