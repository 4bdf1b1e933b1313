#pragma once
// What pupitred's answers and notifications mean for the app: STATUS as a DaemonStatus, and
// every refusal as a sentence a teacher understands (what failed, what to do).
#include "sync/daemon_link.h"

#include <Poco/JSON/Object.h>

#include <exception>
#include <string>

namespace pupitre::gui {

// Fills `status` from a STATUS object; keeps fields the object lacks (storage).
void readStatus(const Poco::JSON::Object::Ptr& json, DaemonStatus& status);
// Storage and devices from an ACCOUNT object.
void readAccount(const Poco::JSON::Object::Ptr& json, DaemonStatus& status,
                 std::vector<DaemonLink::Device>* devices);

// The sentence for a failed request: an ipc::RpcError by its code and reason, a broken
// connection, anything else. `email` names the account in a refused password.
std::string requestFailureText(const std::exception& error, const std::string& email = {});
// The sentence for sync.failed's code and the daemon's own sentence.
std::string syncFailureText(const std::string& code, const std::string& daemonSentence);

// ISO 8601 UTC ("2026-11-28T17:40:05.123Z") as Unix ms; nullopt when unreadable.
std::optional<std::int64_t> parseIsoTime(const std::string& text);

} // namespace pupitre::gui
