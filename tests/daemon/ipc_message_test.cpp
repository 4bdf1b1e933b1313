// Reading and writing the IPC's JSON-RPC lines: what is a request, what is refused and with
// which code, and the parameter readers' complaints.
#include "pupitre/ipc/message.h"
#include "pupitre/ipc/protocol.h"

#include <Poco/JSON/Parser.h>
#include <boost/test/unit_test.hpp>

#include <limits>

using namespace pupitre;
using ipc::Message;
namespace errors = ipc::errors;

BOOST_AUTO_TEST_SUITE(ipc_message_tests)

BOOST_AUTO_TEST_CASE(a_request_is_read_with_its_method_params_and_id)
{
  const Message m = ipc::parseMessage(
      R"({"jsonrpc":"2.0","id":7,"method":"login","params":{"email":"ana@school.es"}})");
  BOOST_TEST(static_cast<int>(m.kind) == static_cast<int>(Message::Kind::Request));
  BOOST_TEST(m.method == "login");
  BOOST_TEST(m.id.convert<int>() == 7);
  BOOST_TEST(ipc::stringParam(m.params, "email") == "ana@school.es");

  const Message note = ipc::parseMessage(R"({"jsonrpc":"2.0","method":"status"})");
  BOOST_TEST(static_cast<int>(note.kind) == static_cast<int>(Message::Kind::Notification));
  BOOST_TEST(note.params->size() == 0u);
  const Message stringId =
      ipc::parseMessage(R"({"jsonrpc":"2.0","id":"a-1","method":"status","params":null})");
  BOOST_TEST(stringId.id.toString() == "a-1");
}

BOOST_AUTO_TEST_CASE(what_is_not_a_request_gets_the_json_rpc_code_for_it)
{
  const std::pair<const char*, int> cases[] = {
      {"not json at all", errors::kParseError},
      {R"({"jsonrpc":"2.0","method":"status","id":1)", errors::kParseError}, // cut short
      {R"({"jsonrpc":"2.0","method":"status","id":1} trailing)", errors::kParseError},
      {"\xff\xfe{", errors::kParseError},
      {"42", errors::kInvalidRequest},
      {R"("status")", errors::kInvalidRequest},
      {R"([{"jsonrpc":"2.0","method":"status","id":1}])", errors::kInvalidRequest}, // batch
      {R"({"method":"status","id":1})", errors::kInvalidRequest},                   // no jsonrpc
      {R"({"jsonrpc":"1.0","method":"status","id":1})", errors::kInvalidRequest},
      {R"({"jsonrpc":"2.0","method":5,"id":1})", errors::kInvalidRequest},
      {R"({"jsonrpc":"2.0","method":"","id":1})", errors::kInvalidRequest},
      {R"({"jsonrpc":"2.0","method":"status","id":{"x":1}})", errors::kInvalidRequest},
      {R"({"jsonrpc":"2.0","method":"status","id":true})", errors::kInvalidRequest},
      {R"({"jsonrpc":"2.0","method":"status","params":"x","id":1})", errors::kInvalidRequest},
      {R"({"jsonrpc":"2.0","method":"login","params":["a","b"],"id":1})", errors::kInvalidParams},
      {R"({"jsonrpc":"2.0","id":1})", errors::kInvalidRequest},
  };
  for (const auto& [line, code] : cases) {
    const Message m = ipc::parseMessage(line);
    BOOST_TEST_CONTEXT(line)
    {
      BOOST_TEST(static_cast<int>(m.kind) == static_cast<int>(Message::Kind::Invalid));
      BOOST_TEST(m.errorCode == code);
      BOOST_TEST(!m.errorMessage.empty());
    }
  }
  // The id is kept when it could be read, so the client can match the error.
  BOOST_TEST(ipc::parseMessage(R"({"method":"status","id":12})").id.convert<int>() == 12);
  BOOST_TEST(ipc::parseMessage(R"({"jsonrpc":"2.0","method":"status","id":{}})").id.isEmpty());
}

BOOST_AUTO_TEST_CASE(whole_numbers_beyond_64_bits_are_refused_with_the_number_named)
{
  // Poco's parser would read the first as 0 and the last as -9223372036854775808.
  for (const std::string number :
       {"18446744073709551616", "99999999999999999999", "-9223372036854775809"}) {
    BOOST_TEST_CONTEXT(number)
    {
      const Message param = ipc::parseMessage(
          R"({"jsonrpc":"2.0","id":4,"method":"schedule","params":{"minutes":)" + number + "}}");
      BOOST_TEST(static_cast<int>(param.kind) == static_cast<int>(Message::Kind::Invalid));
      BOOST_TEST(param.errorCode == errors::kInvalidRequest);
      BOOST_TEST(param.errorMessage ==
                 "In the message, the number " + number +
                     " is out of range (whole numbers go from -9223372036854775808 to "
                     "9223372036854775807).");
      BOOST_TEST(param.id.convert<int>() == 4); // the client can match the refusal
      const Message id =
          ipc::parseMessage(R"({"jsonrpc":"2.0","id":)" + number + R"(,"method":"status"})");
      BOOST_TEST(static_cast<int>(id.kind) == static_cast<int>(Message::Kind::Invalid));
      BOOST_TEST(id.id.isEmpty()); // not 0, nor another id
    }
  }
  // In a string it is text; at the edge of the range it is a number like any other.
  BOOST_TEST(ipc::parseMessage(R"({"jsonrpc":"2.0","id":"18446744073709551616","method":"x"})")
                 .id.toString() == "18446744073709551616");
  const Message largest = ipc::parseMessage(
      R"({"jsonrpc":"2.0","id":1,"method":"x","params":{"n":-9223372036854775808}})");
  BOOST_TEST(*ipc::intParam(largest.params, "n") == std::numeric_limits<std::int64_t>::min());
}

BOOST_AUTO_TEST_CASE(answers_are_single_lines_that_read_back)
{
  const std::string result = ipc::encodeResult(3, Poco::Dynamic::Var("two\nlines"));
  BOOST_TEST(result.find('\n') == std::string::npos);
  const Message answer = ipc::parseMessage(result);
  BOOST_TEST(static_cast<int>(answer.kind) == static_cast<int>(Message::Kind::Response));
  BOOST_TEST(answer.result.toString() == "two\nlines");

  const Message error = ipc::parseMessage(
      ipc::encodeError(4, errors::kOffline, "Couldn't reach the server.", "offline"));
  BOOST_TEST(error.isError());
  BOOST_TEST(error.errorCode == errors::kOffline);
  BOOST_TEST(error.errorMessage == "Couldn't reach the server.");
  BOOST_TEST(error.errorReason == "offline");
  BOOST_TEST(error.id.convert<int>() == 4);

  Poco::JSON::Object::Ptr params = new Poco::JSON::Object;
  params->set("minutes", 15);
  const Message request =
      ipc::parseMessage(ipc::encodeRequest(9, "schedule", params, "secret-token"));
  BOOST_TEST(request.method == "schedule");
  BOOST_TEST(request.auth == "secret-token");
  BOOST_TEST(*ipc::intParam(request.params, "minutes") == 15);
}

BOOST_AUTO_TEST_CASE(parameters_of_the_wrong_type_are_refused_by_name)
{
  Poco::JSON::Parser parser;
  const auto params = parser.parse(R"({"email":3,"data":"yes","minutes":1.5,"none":null})")
                          .extract<Poco::JSON::Object::Ptr>();
  auto codeOf = [](auto call) {
    try {
      call();
    } catch (const ipc::RpcError& e) {
      BOOST_TEST(e.code() == errors::kInvalidParams);
      return std::string(e.what());
    }
    return std::string("no error");
  };
  BOOST_TEST(codeOf([&] { ipc::stringParam(params, "email"); }).find("\"email\"") !=
             std::string::npos);
  BOOST_TEST(codeOf([&] { ipc::stringParam(params, "server"); }).find("Missing") !=
             std::string::npos);
  BOOST_TEST(codeOf([&] { ipc::boolParam(params, "data", true); }).find("\"data\"") !=
             std::string::npos);
  BOOST_TEST(codeOf([&] { ipc::intParam(params, "minutes"); }).find("\"minutes\"") !=
             std::string::npos);
  BOOST_TEST(!ipc::intParam(params, "none").has_value());
  BOOST_TEST(ipc::boolParam(params, "absent", true));
  BOOST_TEST(ipc::stringParam(params, "absent", false).empty());
}

BOOST_AUTO_TEST_SUITE_END()
