// pupitred reads one JSON-RPC line per message from any local client: parseMessage never
// throws, an invalid line carries the error to answer, and a request it accepts is written
// back by encodeRequest as a line that reads the same.
#include "fuzz_target.h"

#include "pupitre/ipc/message.h"

using namespace pupitre;

PUPITRE_FUZZ_TARGET(ipc_message)
{
  const ipc::Message message = ipc::parseMessage(std::string(input));
  switch (message.kind) {
  case ipc::Message::Kind::Invalid:
    fuzz::fuzzCheck(message.errorCode != 0 && !message.errorMessage.empty(),
                    "an invalid line without the error to answer");
    break;
  case ipc::Message::Kind::Request:
  case ipc::Message::Kind::Notification: {
    fuzz::fuzzCheck(!message.method.empty() && !message.params.isNull(),
                    "a request without method or params");
    const std::string line =
        message.kind == ipc::Message::Kind::Request
            ? ipc::encodeRequest(message.id, message.method, message.params, message.auth)
            : ipc::encodeNotification(message.method, message.params);
    fuzz::fuzzCheck(line.find('\n') == std::string::npos, "an encoded message spans lines");
    const ipc::Message again = ipc::parseMessage(line);
    fuzz::fuzzCheck(again.kind == message.kind && again.method == message.method,
                    "a request reads differently once encoded: " + line);
    break;
  }
  case ipc::Message::Kind::Response: {
    const std::string line = message.isError()
                                 ? ipc::encodeError(message.id, message.errorCode,
                                                    message.errorMessage, message.errorReason)
                                 : ipc::encodeResult(message.id, message.result);
    const ipc::Message again = ipc::parseMessage(line);
    fuzz::fuzzCheck(again.kind == ipc::Message::Kind::Response &&
                        again.errorCode == message.errorCode,
                    "an answer reads differently once encoded: " + line);
    break;
  }
  }
}
