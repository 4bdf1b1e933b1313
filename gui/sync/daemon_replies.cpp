#include "sync/daemon_replies.h"

#include "pupitre/error.h"
#include "pupitre/ipc/channel.h"
#include "pupitre/ipc/message.h"
#include "pupitre/ipc/protocol.h"

#include <Poco/DateTimeParser.h>
#include <Poco/JSON/Array.h>
#include <wx/intl.h>

namespace pupitre::gui {
namespace {

namespace errors = ipc::errors;
using Poco::JSON::Object;

std::string text(const Object::Ptr& object, const std::string& key)
{
  return object->has(key) && !object->isNull(key) ? object->get(key).toString() : std::string();
}

std::optional<std::int64_t> number(const Object::Ptr& object, const std::string& key)
{
  if (!object->has(key) || object->isNull(key)) {
    return std::nullopt;
  }
  try {
    return object->get(key).convert<std::int64_t>();
  } catch (const Poco::Exception&) {
    return std::nullopt;
  }
}

std::string utf8(const wxString& text)
{
  return text.utf8_string();
}

// The sentence for a server's refusal code; empty when the code is not one the app words
// itself (then the server's own sentence is shown).
std::string refusalText(const std::string& reason, const std::string& email)
{
  if (reason == "wrong_password") {
    return email.empty()
               ? utf8(_("The server refused the e-mail or the password. Check them and sign in "
                        "again."))
               : utf8(wxString::Format(_("The server refused the password for %s. Check it "
                                         "and sign in again."),
                                       wxString::FromUTF8(email)));
  }
  if (reason == "licence_single_device" || reason == "licence_single") {
    return utf8(_("This account's licence covers one device only, so it cannot synchronise. "
                  "A multi-device licence is needed to synchronise."));
  }
  if (reason == "device_limit") {
    return utf8(_("This account already has as many linked devices as its licence allows. "
                  "Unlink one in Settings (Account) on another device or on the web, then "
                  "sign in again."));
  }
  if (reason == "quota_exceeded") { // server/blobs/blob_service.h
    return utf8(_("The account's storage on the server is full. Delete pictures or resources "
                  "you no longer need, or ask for more space."));
  }
  if (reason == "device_unlinked") {
    return utf8(_("This device was unlinked from the account. Sign in again in Settings to "
                  "synchronise."));
  }
  if (reason == "unauthorized") {
    return utf8(_("The server no longer accepts this device's sign-in. Sign in again in "
                  "Settings."));
  }
  if (reason == "rate_limited") {
    return utf8(_("The server asked to wait before trying again. Try again in a few "
                  "minutes."));
  }
  if (reason == "update_required") {
    return utf8(_("The server needs a newer version of Pupitre. Update Pupitre, then "
                  "synchronise again."));
  }
  if (reason == "server_full") { // server/api_errors.h
    return utf8(_("The server is out of disk space; your changes are kept on this computer. "
                  "Tell the server's administrator."));
  }
  if (reason == "server_busy") {
    return utf8(_("The server is busy. Try again in a minute."));
  }
  if (reason == "clock_ahead") {
    return utf8(_("This computer's clock is ahead of the server's. Pupitre corrects the time "
                  "of your changes and sends them again; check the computer's date and time."));
  }
  if (reason == "too_large") {
    return utf8(_("The server refused a request that was too large; nothing was changed. "
                  "Synchronise again; if it keeps failing, tell the server's administrator."));
  }
  if (reason == ipc::reasons::kOtherAccount) {
    return utf8(_("This computer's data belong to another account. Sign in with that "
                  "account, or use another database for this one."));
  }
  return {};
}

// The daemon's own sentence in the teacher's language when it sent its translatable form
// (error.data.sentence), else as it came.
std::string daemonSentence(const ipc::RpcError& rpc)
{
  const auto& wire = rpc.wireSentence();
  if (wire.text.empty()) {
    return rpc.what();
  }
  auto args = wire.args;
  for (std::size_t i = 0; i < args.size() && i < 32; ++i) {
    if (wire.translatedArgs & (1u << i)) {
      args[i] = utf8(wxGetTranslation(wxString::FromUTF8(args[i])));
    }
  }
  return fillSentence(utf8(wxGetTranslation(wxString::FromUTF8(wire.text))), args);
}

} // namespace

void readStatus(const Object::Ptr& json, DaemonStatus& status)
{
  status.reachable = true;
  status.signedIn = json->optValue<bool>("signed_in", false);
  status.email = text(json, "email");
  status.server = text(json, "server");
  status.licence = text(json, "licence");
  status.deviceId = text(json, "device_id");
  status.deviceName = text(json, "device_name");
  status.deviceNamePending = json->optValue<bool>("device_name_pending", false);
  status.state = text(json, "state");
  status.reason = text(json, "state_reason");
  status.lastSyncMs = parseIsoTime(text(json, "last_sync"));
  status.pending = number(json, "pending").value_or(0);
  const auto minutes = number(json, "schedule_minutes");
  status.scheduleMinutes =
      minutes && *minutes > 0 ? std::optional<int>(static_cast<int>(*minutes)) : std::nullopt;
}

void readAccount(const Object::Ptr& json, DaemonStatus& status,
                 std::vector<DaemonLink::Device>* devices)
{
  status.storageUsed = number(json, "storage_used");
  status.storageQuota = number(json, "storage_quota");
  if (const auto licence = text(json, "licence"); !licence.empty()) {
    status.licence = licence;
  }
  if (!devices) {
    return;
  }
  devices->clear();
  const auto list = json->getArray("devices");
  for (std::size_t i = 0; list && i < list->size(); ++i) {
    const auto device = list->getObject(static_cast<unsigned>(i));
    if (!device) {
      continue;
    }
    devices->push_back({text(device, "id"), text(device, "name"), text(device, "last_seen"),
                        device->optValue<bool>("this_device", false)});
  }
}

std::string requestFailureText(const std::exception& error, const std::string& email)
{
  if (const auto* rpc = dynamic_cast<const ipc::RpcError*>(&error)) {
    switch (rpc->code()) {
    case errors::kOffline:
      return utf8(_("The server could not be reached. Check the network connection (and the "
                    "server address in Settings), then try again."));
    case errors::kServerRefused:
    case errors::kInvalidParams: {
      const auto sentence = refusalText(rpc->reason(), email);
      return sentence.empty() ? daemonSentence(*rpc) : sentence;
    }
    case errors::kNotSignedIn:
      return utf8(_("This device is not signed in. Sign in in Settings (Account) to "
                    "synchronise."));
    case errors::kBusy:
      return utf8(_("A synchronisation is running. Try again when it has finished."));
    case errors::kNotAvailable:
      return utf8(wxString::Format(_("The synchronisation service (pupitred) cannot do this: "
                                     "%s. Update Pupitre."),
                                   wxString::FromUTF8(rpc->what())));
    case errors::kLocalDataError:
      return utf8(wxString::Format(_("The data file on this computer could not be read or "
                                     "written (%s). Check the disk, then try again."),
                                   wxString::FromUTF8(rpc->what())));
    case errors::kVersionMismatch:
      return utf8(_("The synchronisation service (pupitred) is from another version of "
                    "Pupitre. Install the same version of both."));
    default:
      return utf8(wxString::Format(_("The synchronisation service refused the request: %s"),
                                   wxString::FromUTF8(daemonSentence(*rpc))));
    }
  }
  if (dynamic_cast<const ipc::DaemonUnavailable*>(&error) ||
      dynamic_cast<const ipc::ChannelError*>(&error)) {
    return utf8(_("The synchronisation service (pupitred) is not running. Pupitre keeps "
                  "working offline; restart Pupitre to synchronise."));
  }
  return utf8(wxString::Format(_("Something went wrong while talking to the synchronisation "
                                 "service: %s"),
                               wxString::FromUTF8(error.what())));
}

std::string syncFailureText(const std::string& code, const std::string& daemonSentence)
{
  if (code == ipc::reasons::kOffline) {
    return utf8(_("The server could not be reached. Check the network connection, then "
                  "synchronise again. Your changes are kept on this computer."));
  }
  if (code == ipc::reasons::kCancelled) {
    return utf8(_("The synchronisation was cancelled. The changes not sent yet stay on this "
                  "computer and go with the next synchronisation."));
  }
  if (code == ipc::reasons::kNotSignedIn) {
    return utf8(_("This device is not signed in. Sign in in Settings (Account) to "
                  "synchronise."));
  }
  if (code == ipc::reasons::kLocalData) {
    return utf8(wxString::Format(_("The data file on this computer could not be read or "
                                   "written (%s). Check the disk, then synchronise again."),
                                 wxString::FromUTF8(daemonSentence)));
  }
  const auto sentence = refusalText(code, {});
  if (!sentence.empty()) {
    return sentence;
  }
  return daemonSentence.empty() ? utf8(_("The synchronisation failed for an unknown reason. "
                                         "Try again; if it keeps failing, check Settings."))
                                : daemonSentence;
}

std::optional<std::int64_t> parseIsoTime(const std::string& text)
{
  if (text.empty()) {
    return std::nullopt;
  }
  Poco::DateTime parsed;
  int zone = 0;
  if (!Poco::DateTimeParser::tryParse(text, parsed, zone)) {
    return std::nullopt;
  }
  return parsed.timestamp().epochMicroseconds() / 1000 - std::int64_t{zone} * 1000;
}

std::string DaemonStatus::whyCannotSync() const
{
  if (!reachable) {
    return utf8(_("The synchronisation service (pupitred) is not running, so Pupitre works "
                  "offline. Restart Pupitre to synchronise."));
  }
  if (!signedIn) {
    return reason.empty() || state != ipc::states::kSignedOut
               ? utf8(_("Sign in to synchronise: open Settings, Account."))
               : reason + " " + utf8(_("Sign in to synchronise: open Settings, Account."));
  }
  if (licence != "multi") {
    return licence == "single"
               ? utf8(_("This account's licence covers one device only, so it cannot "
                        "synchronise. A multi-device licence is needed to synchronise."))
               : utf8(_("The account's licence is not known yet. Sign in again in Settings."));
  }
  return {};
}

std::string DaemonStatus::whyCannotExportAccount() const
{
  if (!reachable) {
    return utf8(_("The synchronisation service (pupitred) is not running, so Pupitre cannot ask "
                  "the server for your account's data. Restart Pupitre and try again."));
  }
  if (!signedIn) {
    return utf8(_("This computer is not signed in to a Pupitre server, so it cannot ask for your "
                  "account's data. Sign in first: open Settings, Account."));
  }
  return {};
}

} // namespace pupitre::gui
