// The web version's page and assets from the real pupitre-server (serve --web-root): what
// is served and with which type, the security headers, ETag revalidation, and nothing
// outside the web root, whatever the path says.
#include "server_process.h"
#include "service_fixture.h"

#include <boost/test/unit_test.hpp>

#include <filesystem>
#include <fstream>

using namespace pupitre;
using namespace pupitre::test;

namespace {

namespace fs = std::filesystem;

void write(const fs::path& file, const std::string& text)
{
  fs::create_directories(file.parent_path());
  std::ofstream(file, std::ios::binary) << text;
}

const std::string kPage = "<!doctype html><title>Pupitre</title><script type=module "
                          "src=/assets/app.js></script>";

struct Site
{
  Site()
  {
    write(root / "index.html", kPage);
    write(root / "assets" / "app.js", "console.log('pupitre');");
    write(root / "assets" / "style.css", "body { margin: 0; }");
    write(root / "assets" / "icon.svg", "<svg xmlns='http://www.w3.org/2000/svg'/>");
    write(root / "assets" / ".hidden", "hidden");
    write(sandbox.path("secret.txt"), "the server's secret");
    // mingw's std::filesystem has no create_symlink (Windows links need a privilege): there
    // the link case is left out (see nothing_outside_the_web_root_or_hidden_is_served).
    std::error_code noLinks;
    fs::create_symlink(sandbox.path("secret.txt"), root / "assets" / "link.txt", noLinks);
#ifndef _WIN32
    BOOST_REQUIRE_MESSAGE(!noLinks, "cannot make the test's link: " << noLinks.message());
#endif
    server = std::make_unique<ServerProcess>(data,
                                             std::vector<std::string>{"--web-root", root.string()});
  }
  HttpReply get(const std::string& path, std::map<std::string, std::string> headers = {})
  {
    return httpCall(server->port(), {"GET", path, "", std::move(headers)});
  }
  // The answer to a request line sent as it is (no client normalises the path).
  HttpReply raw(const std::string& path)
  {
    return parseRawReply(rawExchange(server->port(), "GET " + path +
                                                         " HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                                                         "Connection: close\r\n\r\n")
                             .bytes);
  }

  Sandbox sandbox;
  std::string data = sandbox.path("data");
  fs::path root = sandbox.path("web");
  std::unique_ptr<ServerProcess> server;
};

void expectPageHeaders(const HttpReply& reply)
{
  BOOST_TEST(reply.headers.at("Content-Security-Policy") ==
             "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' blob: "
             "data:; connect-src 'self'; frame-ancestors 'none'; base-uri 'none'; "
             "form-action 'self'");
  BOOST_TEST(reply.headers.at("X-Content-Type-Options") == "nosniff");
  BOOST_TEST(reply.headers.at("Referrer-Policy") == "no-referrer");
}

} // namespace

BOOST_AUTO_TEST_SUITE(web_static)

BOOST_FIXTURE_TEST_CASE(the_page_and_its_assets_are_served_with_their_types_and_headers, Site)
{
  const auto page = get("/");
  BOOST_REQUIRE_EQUAL(page.status, 200);
  BOOST_TEST(page.body == kPage);
  BOOST_TEST(page.headers.at("Content-Type") == "text/html; charset=utf-8");
  expectPageHeaders(page);
  BOOST_TEST(!page.headers.at("ETag").empty());
  BOOST_TEST(page.headers.at("Last-Modified").find("GMT") != std::string::npos);

  const std::map<std::string, std::string> types = {
      {"/assets/app.js", "text/javascript; charset=utf-8"},
      {"/assets/style.css", "text/css; charset=utf-8"},
      {"/assets/icon.svg", "image/svg+xml"}};
  for (const auto& [path, type] : types) {
    const auto asset = get(path);
    BOOST_TEST(asset.status == 200, path);
    BOOST_TEST(asset.headers.at("Content-Type") == type);
    expectPageHeaders(asset);
  }
}

BOOST_FIXTURE_TEST_CASE(an_unchanged_file_is_not_sent_again, Site)
{
  const auto first = get("/assets/app.js");
  const auto again = get("/assets/app.js", {{"If-None-Match", first.headers.at("ETag")}});
  BOOST_TEST(again.status == 304);
  BOOST_TEST(again.body.empty());
  write(root / "assets" / "app.js", "console.log('a new version, of another size');");
  const auto changed = get("/assets/app.js", {{"If-None-Match", first.headers.at("ETag")}});
  BOOST_TEST(changed.status == 200);
  BOOST_TEST(changed.headers.at("ETag") != first.headers.at("ETag"));
}

BOOST_FIXTURE_TEST_CASE(nothing_outside_the_web_root_or_hidden_is_served, Site)
{
  for (const std::string path :
       {"/assets/../../secret.txt", "/assets/%2e%2e/%2e%2e/secret.txt",
        "/assets/..%2f..%2fsecret.txt", "/assets/link.txt", "/assets/.hidden", "/assets/",
        "/assets//app.js", "/assets/..\\..\\secret.txt", "/secret.txt", "/../secret.txt"}) {
    const auto reply = raw(path);
    BOOST_TEST(reply.status == 404, path << " answered " << reply.status);
    BOOST_TEST(reply.body.find("the server's secret") == std::string::npos, path);
  }
  // Only GET.
  expectError(httpCall(server->port(), {"POST", "/", "{}"}), 405, "method_not_allowed");
  // The API is still the API.
  expectError(get("/api/v1/nothing"), 404, "not_found");
}

BOOST_AUTO_TEST_CASE(without_a_web_root_the_server_serves_the_copy_of_web_beside_it)
{
  Sandbox sandbox;
  ServerProcess server(sandbox.path("data")); // the build tree's server/web (CMake copies it)
  const auto page = httpCall(server.port(), {"GET", "/"});
  BOOST_TEST(page.status == 200);
  BOOST_TEST(page.headers.at("Content-Type") == "text/html; charset=utf-8");
  expectPageHeaders(page);
}

BOOST_AUTO_TEST_CASE(a_web_root_that_is_not_a_folder_stops_the_server_with_a_reason)
{
  Sandbox sandbox;
  const auto result = serverCommand({"serve", "--data", sandbox.path("data"), "--port", "0",
                                     "--web-root", sandbox.path("no such folder")});
  BOOST_TEST(result.exitCode != 0);
  BOOST_TEST(result.err.find("is not a folder") != std::string::npos, result.err);
  BOOST_TEST(result.err.find("--web-root") != std::string::npos, result.err);
}

BOOST_AUTO_TEST_SUITE_END()
