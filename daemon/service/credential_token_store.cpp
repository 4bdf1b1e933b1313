// The device token in the Windows Credential Manager (a generic credential of this user),
// the Windows side of openKeyring(); the 0600-file store stays the fallback (token_store.h).
#ifdef _WIN32
#include "token_store.h"

#include "pupitre/error.h"
#include "pupitre/win/wide_text.h"

#include <windows.h>

#include <wincred.h>

#include <spdlog/spdlog.h>

namespace pupitre::daemon {
namespace {

class CredentialTokenStore : public TokenStore
{
public:
  CredentialTokenStore(const std::string& database, const std::string& device)
      : m_target(win::wide(credentialTarget(database, device))), m_user(win::wide(device)),
        m_comment(win::wide("Pupitre device token (" + database + ")"))
  {
  }

  std::optional<std::string> load() override
  {
    CREDENTIALW* credential = nullptr;
    if (!CredReadW(m_target.c_str(), CRED_TYPE_GENERIC, 0, &credential)) {
      return std::nullopt;
    }
    std::string token(reinterpret_cast<const char*>(credential->CredentialBlob),
                      credential->CredentialBlobSize);
    SecureZeroMemory(credential->CredentialBlob, credential->CredentialBlobSize);
    CredFree(credential);
    return token.empty() ? std::nullopt : std::optional<std::string>(token);
  }

  void save(const std::string& token) override
  {
    std::string blob = token;
    CREDENTIALW credential{};
    credential.Type = CRED_TYPE_GENERIC;
    credential.TargetName = m_target.data();
    credential.UserName = m_user.data();
    credential.Comment = m_comment.data();
    credential.CredentialBlobSize = static_cast<DWORD>(blob.size());
    credential.CredentialBlob = reinterpret_cast<BYTE*>(blob.data());
    credential.Persist = CRED_PERSIST_LOCAL_MACHINE; // this user on this computer, not roaming
    const bool ok = CredWriteW(&credential, 0);
    const DWORD error = GetLastError();
    SecureZeroMemory(blob.data(), blob.size());
    if (!ok) {
      throw Error("the Credential Manager refused it: " + win::errorText(error));
    }
  }

  void forget() override { CredDeleteW(m_target.c_str(), CRED_TYPE_GENERIC, 0); }

  std::string kind() const override { return "keyring"; }

private:
  std::wstring m_target;
  std::wstring m_user;
  std::wstring m_comment;
};

} // namespace

std::string credentialTarget(const std::string& databasePath, const std::string& deviceId)
{
  return "Pupitre/" + deviceId + "/" + databasePath;
}

std::unique_ptr<TokenStore> openKeyring(const std::string& databasePath,
                                        const std::string& deviceId,
                                        const std::shared_ptr<spdlog::logger>& log)
{
  log->info("The device token will be kept in the Windows Credential Manager");
  return std::make_unique<CredentialTokenStore>(databasePath, deviceId);
}

} // namespace pupitre::daemon
#endif // _WIN32
