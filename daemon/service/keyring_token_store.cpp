// The device token in the desktop keyring, through libsecret (Linux). Built only when
// libsecret-1 is found; otherwise openKeyring() says there is no keyring. Windows has its own
// openKeyring(), the Credential Manager (credential_token_store.cpp).
#include "token_store.h"

#include "pupitre/error.h"

#include <spdlog/spdlog.h>

#ifdef PUPITRE_HAVE_LIBSECRET

#include <filesystem>
#include <libsecret/secret.h>

namespace pupitre::daemon {
namespace {

constexpr const char* kSecretService = "org.freedesktop.secrets";
constexpr int kBusTimeoutMs = 2000;

const SecretSchema* tokenSchema()
{
  static const SecretSchema schema = {
      "org.pupitre.DeviceToken",
      SECRET_SCHEMA_NONE,
      {{"database", SECRET_SCHEMA_ATTRIBUTE_STRING},
       {"device", SECRET_SCHEMA_ATTRIBUTE_STRING},
       {nullptr, SECRET_SCHEMA_ATTRIBUTE_STRING}},
  };
  return &schema;
}

std::string takeMessage(GError* error)
{
  std::string message = error ? error->message : "unknown error";
  if (error) {
    g_error_free(error);
  }
  return message;
}

bool sessionBusAddressKnown()
{
  if (const char* address = g_getenv("DBUS_SESSION_BUS_ADDRESS"); address && *address) {
    return true;
  }
  const char* runtime = g_getenv("XDG_RUNTIME_DIR");
  std::error_code ignored;
  return runtime && std::filesystem::exists(std::filesystem::path(runtime) / "bus", ignored);
}

// A call to the bus itself; nullptr when it fails.
GVariant* callBus(GDBusConnection* bus, const char* method, GVariant* parameters,
                  const char* replyType)
{
  GError* error = nullptr;
  GVariant* reply = g_dbus_connection_call_sync(
      bus, "org.freedesktop.DBus", "/org/freedesktop/DBus", "org.freedesktop.DBus", method,
      parameters, G_VARIANT_TYPE(replyType), G_DBUS_CALL_FLAGS_NONE, kBusTimeoutMs, nullptr,
      &error);
  if (!reply) {
    takeMessage(error);
  }
  return reply;
}

bool nameHasOwner(GDBusConnection* bus, const char* name)
{
  GVariant* reply = callBus(bus, "NameHasOwner", g_variant_new("(s)", name), "(b)");
  gboolean owned = FALSE;
  if (reply) {
    g_variant_get(reply, "(b)", &owned);
    g_variant_unref(reply);
  }
  return owned;
}

bool nameIsActivatable(GDBusConnection* bus, const char* name)
{
  GVariant* reply = callBus(bus, "ListActivatableNames", nullptr, "(as)");
  bool found = false;
  if (reply) {
    GVariantIter* names = nullptr;
    g_variant_get(reply, "(as)", &names);
    const gchar* each = nullptr;
    while (g_variant_iter_loop(names, "&s", &each)) {
      found = found || std::string(each) == name;
    }
    g_variant_iter_free(names);
    g_variant_unref(reply);
  }
  return found;
}

bool secretServiceReachable()
{
  if (!sessionBusAddressKnown()) {
    return false; // never let GLib try to autolaunch a bus
  }
  GError* error = nullptr;
  GDBusConnection* bus = g_bus_get_sync(G_BUS_TYPE_SESSION, nullptr, &error);
  if (!bus) {
    takeMessage(error);
    return false;
  }
  const bool reachable =
      nameHasOwner(bus, kSecretService) || nameIsActivatable(bus, kSecretService);
  g_object_unref(bus);
  return reachable;
}

class KeyringTokenStore : public TokenStore
{
public:
  KeyringTokenStore(std::string database, std::string device)
      : m_database(std::move(database)), m_device(std::move(device))
  {
  }

  std::optional<std::string> load() override
  {
    GError* error = nullptr;
    gchar* secret =
        secret_password_lookup_sync(tokenSchema(), nullptr, &error, "database", m_database.c_str(),
                                    "device", m_device.c_str(), nullptr);
    if (!secret) {
      takeMessage(error);
      return std::nullopt;
    }
    std::string token = secret;
    secret_password_free(secret);
    return token.empty() ? std::nullopt : std::optional<std::string>(token);
  }

  void save(const std::string& token) override
  {
    GError* error = nullptr;
    const std::string label = "Pupitre device token (" + m_database + ")";
    if (!secret_password_store_sync(tokenSchema(), SECRET_COLLECTION_DEFAULT, label.c_str(),
                                    token.c_str(), nullptr, &error, "database", m_database.c_str(),
                                    "device", m_device.c_str(), nullptr)) {
      throw Error("the keyring refused it: " + takeMessage(error));
    }
  }

  void forget() override
  {
    GError* error = nullptr;
    secret_password_clear_sync(tokenSchema(), nullptr, &error, "database", m_database.c_str(),
                               "device", m_device.c_str(), nullptr);
    if (error) {
      takeMessage(error);
    }
  }

  std::string kind() const override { return "keyring"; }

private:
  std::string m_database;
  std::string m_device;
};

} // namespace

std::unique_ptr<TokenStore> openKeyring(const std::string& databasePath,
                                        const std::string& deviceId,
                                        const std::shared_ptr<spdlog::logger>& log)
{
  if (!secretServiceReachable()) {
    log->info("No Secret Service on the session bus: the device token will be kept in a 0600 file");
    return nullptr;
  }
  log->info("The device token will be kept in the desktop keyring (Secret Service)");
  return std::make_unique<KeyringTokenStore>(databasePath, deviceId);
}

} // namespace pupitre::daemon

#elif !defined(_WIN32)

namespace pupitre::daemon {

std::unique_ptr<TokenStore> openKeyring(const std::string&, const std::string&,
                                        const std::shared_ptr<spdlog::logger>& log)
{
  log->info("Built without keyring support: the device token will be kept in a 0600 file");
  return nullptr;
}

} // namespace pupitre::daemon

#endif
