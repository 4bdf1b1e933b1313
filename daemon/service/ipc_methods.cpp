#include "ipc_methods.h"

#include "account_export.h"
#include "daemon.h"

#include "pupitre/ipc/message.h"
#include "pupitre/ipc/protocol.h"
#include "pupitre/policy/effective.h"
#include "pupitre/printable.h"
#include "pupitre/sync/device_names.h"
#include "pupitre/version.h"

#include <Poco/Environment.h>
#include <Poco/JSON/Array.h>
#include <SQLiteCpp/Exception.h>

namespace pupitre::daemon {
namespace {

namespace errors = ipc::errors;
namespace methods = ipc::methods;
using ipc::RpcError;
using Poco::Dynamic::Var;
using Poco::JSON::Object;

std::string sentence(std::string text)
{
  if (!text.empty() && text.back() != '.') {
    text += '.';
  }
  return text;
}

// Runs a method, turning the core's errors into the codes of protocol.h.
ipc::MethodHandler guarded(std::function<Var(const Object::Ptr&, ipc::Session&)> method)
{
  return [method = std::move(method)](const Object::Ptr& params, ipc::Session& session) -> Var {
    try {
      return method(params, session);
    } catch (const RpcError&) {
      throw;
    } catch (const NotSignedIn& e) {
      throw RpcError(errors::kNotSignedIn, e.what(), ipc::reasons::kNotSignedIn,
                     ipc::wireSentence(e));
    } catch (const AccountBusy& e) {
      throw RpcError(errors::kBusy, e.what(), {}, ipc::wireSentence(e));
    } catch (const policy::PolicyRefusal& e) {
      throw RpcError(errors::kRefusedByPolicy, e.what(), ipc::reasons::kPolicy,
                     ipc::wireSentence(e));
    } catch (const OtherAccount& e) {
      throw RpcError(errors::kInvalidParams, e.what(), ipc::reasons::kOtherAccount,
                     ipc::wireSentence(e));
    } catch (const ExportWriteError& e) {
      throw RpcError(errors::kLocalDataError, e.what(), ipc::reasons::kLocalFile,
                     ipc::wireSentence(e));
    } catch (const ValidationError& e) {
      throw RpcError(errors::kInvalidParams, e.what(), {}, ipc::wireSentence(e));
    } catch (const sync::TransportError& e) {
      throw RpcError(errors::kOffline,
                     sentence(e.what()) + " Check the address and the network, then try again.",
                     ipc::reasons::kOffline);
    } catch (const sync::ApiRefusal& e) {
      throw RpcError(errors::kServerRefused, e.what(), e.error().code);
    } catch (const StoreError& e) {
      throw RpcError(errors::kLocalDataError, e.what(), ipc::reasons::kLocalData);
    } catch (const SQLite::Exception& e) {
      throw RpcError(errors::kLocalDataError, std::string("The local database failed: ") + e.what(),
                     ipc::reasons::kLocalData);
    }
  };
}

Object::Ptr accountJson(const sync::AccountInfo& info, const std::string& thisDevice)
{
  Object::Ptr account = new Object;
  account->set("email", info.email);
  account->set("licence", info.licence);
  account->set("max_devices", info.maxDevices);
  account->set("storage_used", info.storageUsed);
  account->set("storage_quota", info.storageQuota);
  Poco::JSON::Array::Ptr devices = new Poco::JSON::Array;
  for (const auto& device : info.devices) {
    Object::Ptr entry = new Object;
    entry->set("id", device.id);
    entry->set("name", device.name);
    entry->set("linked_at", device.linkedAt);
    entry->set("last_seen", device.lastSeen);
    entry->set("kind", device.kind); // "device", or "web": a browser signed in to the web
    entry->set("this_device", device.id == thisDevice);
    devices->add(entry);
  }
  account->set("devices", devices);
  return account;
}

Var hello(const Object::Ptr& params)
{
  const auto version = ipc::intParam(params, "version").value_or(1);
  if (version < ipc::kMinProtocolVersion || version > ipc::kProtocolVersion) {
    throw RpcError(errors::kVersionMismatch,
                   "pupitred speaks IPC protocol " + std::to_string(ipc::kProtocolVersion) +
                       " and this client " + std::to_string(version) + ": update " +
                       (version > ipc::kProtocolVersion ? "pupitred" : "the client") + ".");
  }
  Object::Ptr result = new Object;
  result->set("version", ipc::kProtocolVersion);
  result->set("min_version", ipc::kMinProtocolVersion);
  result->set("daemon", "pupitred " + std::string(pupitre::version()));
  return result;
}

Var startSync(Daemon& daemon, const Object::Ptr& params)
{
  SyncParts parts;
  parts.pictures = ipc::boolParam(params, "pictures", false);
  parts.resources = ipc::boolParam(params, "resources", false);
  parts.data = ipc::boolParam(params, "data", !parts.pictures && !parts.resources);
  if (!parts.data && !parts.pictures && !parts.resources) {
    throw RpcError(errors::kInvalidParams,
                   "Choose what to synchronise: the data, the pictures or the resources.");
  }
  policy::checkSyncParts(daemon.options().policy, parts.pictures, parts.resources);
  Object::Ptr result = new Object;
  result->set("id", daemon.runner().requestSync(parts));
  return result;
}

} // namespace

ipc::MethodTable daemonMethods(Daemon& daemon)
{
  Daemon* d = &daemon;
  return {
      {methods::kHello,
       guarded([](const Object::Ptr& params, ipc::Session&) { return hello(params); })},
      {methods::kStatus,
       guarded([d](const Object::Ptr&, ipc::Session&) { return Var(d->status()); })},
      {methods::kLogin, guarded([d](const Object::Ptr& params, ipc::Session&) {
         const auto name = ipc::stringParam(params, "device_name", false);
         if (hasControlCharacters(name)) {
           throw ipc::RpcError(errors::kInvalidParams,
                               "The device name holds control characters (a tab, a new line, "
                               "...); choose a name of plain letters, digits and spaces.");
         }
         // Without an address, the school's server; another one is refused when it is locked.
         const std::string server =
             policy::serverForLogin(d->options().policy, ipc::stringParam(params, "server", false));
         d->account().login(
             server, ipc::stringParam(params, "email"), ipc::stringParam(params, "password"),
             sync::checkedDeviceName(
                 name.empty() ? d->account().deviceName(Poco::Environment::nodeName()) : name));
         return Var(d->status());
       })},
      {methods::kLogout, guarded([d](const Object::Ptr&, ipc::Session&) {
         policy::checkSignOut(d->options().policy);
         const bool told = d->account().logout();
         Object::Ptr status = d->status();
         status->set("server_told", told);
         return Var(status);
       })},
      {methods::kSync,
       guarded([d](const Object::Ptr& params, ipc::Session&) { return startSync(*d, params); })},
      {methods::kSyncCancel, guarded([d](const Object::Ptr&, ipc::Session&) {
         const auto id = d->runner().cancelSync();
         Object::Ptr result = new Object;
         result->set("cancelled", id.has_value());
         result->set("id", id ? Var(*id) : Var());
         return Var(result);
       })},
      {methods::kSchedule, guarded([d](const Object::Ptr& params, ipc::Session&) {
         if (!params->has("minutes")) {
           throw RpcError(errors::kInvalidParams,
                          "Missing parameter \"minutes\" (a number, or null for off).");
         }
         d->runner().setSchedule(ipc::intParam(params, "minutes"));
         return Var(d->status());
       })},
      {methods::kDevices, guarded([d](const Object::Ptr&, ipc::Session&) {
         return Var(accountJson(d->account().devices(), d->deviceId()));
       })},
      {methods::kUnlink, guarded([d](const Object::Ptr& params, ipc::Session&) {
         const std::string device = ipc::stringParam(params, "device_id");
         if (device == d->deviceId()) {
           policy::checkSignOut(d->options().policy); // unlinking this device signs it out
         }
         return Var(accountJson(d->account().unlink(device), d->deviceId()));
       })},
      {methods::kDeviceRename, guarded([d](const Object::Ptr& params, ipc::Session&) {
         const auto outcome = d->account().renameDevice(
             ipc::stringParam(params, "name"), ipc::stringParam(params, "device_id", false));
         Object::Ptr result = new Object;
         result->set("name", outcome.name);
         result->set("sent", outcome.sent);
         result->set("account",
                     outcome.account ? Var(accountJson(*outcome.account, d->deviceId())) : Var());
         return Var(result);
       })},
      {methods::kAccountExport, guarded([d](const Object::Ptr& params, ipc::Session&) {
         const auto written = writeAccountExport(d->account(), ipc::stringParam(params, "path"));
         Object::Ptr result = new Object;
         result->set("path", written.path);
         result->set("bytes", written.bytes);
         return Var(result);
       })},
      {methods::kSubscribe, guarded([](const Object::Ptr&, ipc::Session& session) {
         session.subscribe();
         Object::Ptr result = new Object;
         result->set("subscribed", true);
         return Var(result);
       })},
  };
}

} // namespace pupitre::daemon
