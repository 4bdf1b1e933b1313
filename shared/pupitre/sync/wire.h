#pragma once
// JSON encoding of the sync API's messages (docs/sync-protocol.md). Decoding checks every
// field and throws ProtocolError with a sentence saying what is wrong; it never crashes on
// malformed, truncated or hostile input.
#include "pupitre/error.h"
#include "pupitre/sync/protocol.h"

#include <string>
#include <string_view>

namespace pupitre::sync {

class ProtocolError : public Error
{
public:
  using Error::Error;
};

std::string encodePush(const PushRequest& request);
PushRequest decodePush(std::string_view json);

std::string encodePushResult(const PushResult& result);
PushResult decodePushResult(std::string_view json);

std::string encodePullPage(const PullPage& page);
PullPage decodePullPage(std::string_view json);

std::string encodeLoginRequest(const LoginRequest& request);
LoginRequest decodeLoginRequest(std::string_view json);

std::string encodeAccount(const AccountInfo& account);
AccountInfo decodeAccount(std::string_view json);

std::string encodeLoginResult(const LoginResult& result);
LoginResult decodeLoginResult(std::string_view json);

std::string encodeError(const ApiError& error);
// Reads an error body; a body that is not one gives code "internal" with `status` kept.
ApiError decodeError(int status, std::string_view json);

} // namespace pupitre::sync
