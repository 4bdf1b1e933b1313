// The blob endpoints of the real pupitre-server over HTTP: malformed and path-like hashes,
// damaged chunks, files over the size limit, resumption offsets.
#include "pupitre/blobs/sha256.h"
#include "server_process.h"
#include "support/sandbox.h"

#include <boost/test/unit_test.hpp>

#include <Poco/JSON/Object.h>
#include <Poco/JSON/Parser.h>

using namespace pupitre;
using test::HttpCall;
using test::httpCall;

namespace {

constexpr const char* kEmail = "ana@school.es";
constexpr const char* kPassword = "correct horse battery";

Poco::JSON::Object::Ptr json(const std::string& body)
{
  return Poco::JSON::Parser().parse(body).extract<Poco::JSON::Object::Ptr>();
}

struct BlobServer
{
  test::Sandbox sandbox;
  std::unique_ptr<test::ServerProcess> server;
  std::string token;

  explicit BlobServer(const std::vector<std::string>& extra = {})
  {
    const auto added = test::serverCommand(
        {"--data", sandbox.path("data"), "user", "add", kEmail, "--licence", "multi"},
        std::string(kPassword) + "\n");
    BOOST_REQUIRE_MESSAGE(added.exitCode == 0, added.err);
    server = std::make_unique<test::ServerProcess>(sandbox.path("data"), extra);
    HttpCall login;
    login.method = "POST";
    login.path = "/api/v1/login";
    login.body = std::string("{\"email\":\"") + kEmail + "\",\"password\":\"" + kPassword +
                 "\",\"device_id\":\"dev-1\"}";
    const auto reply = httpCall(server->port(), login);
    BOOST_REQUIRE_MESSAGE(reply.status == 200, reply.body);
    token = json(reply.body)->getValue<std::string>("token");
  }

  test::HttpReply upload(const std::string& hash, std::int64_t size, std::int64_t offset,
                         const std::string& bytes, const std::string& chunkSha)
  {
    HttpCall call;
    call.method = "POST";
    call.path = "/api/v1/blobs/upload?hash=" + hash + "&size=" + std::to_string(size) +
                "&offset=" + std::to_string(offset) + "&chunk_sha256=" + chunkSha;
    call.body = bytes;
    call.headers["Authorization"] = "Bearer " + token;
    call.headers["Content-Type"] = "application/octet-stream";
    return httpCall(server->port(), call);
  }
  test::HttpReply get(const std::string& path)
  {
    HttpCall call;
    call.path = path;
    call.headers["Authorization"] = "Bearer " + token;
    return httpCall(server->port(), call);
  }
};

} // namespace

BOOST_AUTO_TEST_SUITE(blob_http)

BOOST_AUTO_TEST_CASE(path_like_or_malformed_hashes_are_refused)
{
  BlobServer s;
  for (const std::string& bad :
       std::vector<std::string>{"../server.db", "..%2F..%2Fserver.db", std::string(64, 'A'),
                                std::string(63, 'a'), std::string(64, 'g'), std::string()}) {
    const auto download = s.get("/api/v1/blobs/download?hash=" + bad);
    BOOST_TEST(download.status == 400, "download of '" << bad << "': " << download.body);
    const auto upload = s.upload(bad, 3, 0, "abc", blobs::sha256Hex("abc"));
    BOOST_TEST(upload.status == 400, "upload of '" << bad << "': " << upload.body);
  }
  HttpCall missing;
  missing.method = "POST";
  missing.path = "/api/v1/blobs/missing";
  missing.body = "{\"hashes\":[\"../../etc/passwd\"]}";
  missing.headers["Authorization"] = "Bearer " + s.token;
  BOOST_TEST(httpCall(s.server->port(), missing).status == 400);
  // Without a token: unauthorized.
  HttpCall anonymous;
  anonymous.path = "/api/v1/blobs/download?hash=" + std::string(64, 'a');
  BOOST_TEST(httpCall(s.server->port(), anonymous).status == 401);
}

BOOST_AUTO_TEST_CASE(a_corrupted_chunk_is_rejected_and_the_upload_resumes_where_it_stood)
{
  BlobServer s;
  const std::string bytes(300'000, 'x');
  const std::string hash = blobs::sha256Hex(bytes);
  const std::string first = bytes.substr(0, 100'000);
  BOOST_TEST(s.upload(hash, 300'000, 0, first, blobs::sha256Hex(first)).status == 200);

  std::string damaged = bytes.substr(100'000, 100'000);
  const std::string goodSha = blobs::sha256Hex(damaged);
  damaged[500] = 'y';
  const auto refused = s.upload(hash, 300'000, 100'000, damaged, goodSha);
  BOOST_TEST(refused.status == 400);
  BOOST_TEST(json(refused.body)->getValue<std::string>("error") == "bad_chunk");

  // Another offset than the server holds is refused with where it stands.
  const auto wrong = s.upload(hash, 300'000, 200'000, bytes.substr(200'000), goodSha);
  BOOST_TEST(wrong.status == 409);

  const std::string rest = bytes.substr(100'000);
  const auto done = s.upload(hash, 300'000, 100'000, rest, blobs::sha256Hex(rest));
  BOOST_TEST(done.status == 200, done.body);
  BOOST_TEST(json(done.body)->getValue<bool>("complete"));
  const auto back = s.get("/api/v1/blobs/download?hash=" + hash);
  BOOST_TEST(back.status == 200);
  BOOST_TEST((back.body == bytes));
  BOOST_TEST(back.headers.at("X-Pupitre-Blob-Size") == "300000");
  const auto range = s.get("/api/v1/blobs/download?hash=" + hash + "&offset=299990&length=100");
  BOOST_TEST(range.body.size() == 10u);
}

BOOST_AUTO_TEST_CASE(bytes_that_do_not_match_their_name_are_discarded)
{
  BlobServer s;
  const std::string claimed = blobs::sha256Hex("what was promised");
  const std::string other = "something else entirely";
  const auto reply =
      s.upload(claimed, static_cast<std::int64_t>(other.size()), 0, other, blobs::sha256Hex(other));
  BOOST_TEST(reply.status == 400);
  BOOST_TEST(json(reply.body)->getValue<std::string>("error") == "hash_mismatch");
  BOOST_TEST(s.get("/api/v1/blobs/download?hash=" + claimed).status == 404);
}

BOOST_AUTO_TEST_CASE(a_file_over_the_size_limit_is_refused_with_a_clear_message)
{
  BlobServer s({"--max-blob-mib", "1"});
  const std::string chunk(1000, 'z');
  const auto reply = s.upload(blobs::sha256Hex("big"), 2 << 20, 0, chunk, blobs::sha256Hex(chunk));
  BOOST_TEST(reply.status == 413);
  const auto body = json(reply.body);
  BOOST_TEST(body->getValue<std::string>("error") == "file_too_large");
  BOOST_TEST(body->getValue<std::string>("message").find("up to 1.0 MB") != std::string::npos,
             body->getValue<std::string>("message"));
}

BOOST_AUTO_TEST_SUITE_END()
