#ifdef _WIN32
#include "pupitre/win/private_acl.h"

#include "pupitre/error.h"
#include "pupitre/win/wide_text.h"

#include <windows.h>

#include <aclapi.h>
#include <sddl.h>

#include <vector>

namespace pupitre::win {

std::string currentUserSid()
{
  HANDLE token = nullptr;
  if (!OpenProcessToken(GetCurrentProcess(), TOKEN_QUERY, &token)) {
    throw Error("Couldn't read this user's identity: " + errorText(GetLastError()) + ".");
  }
  DWORD size = 0;
  GetTokenInformation(token, TokenUser, nullptr, 0, &size);
  std::vector<unsigned char> buffer(size);
  const bool ok = size > 0 && GetTokenInformation(token, TokenUser, buffer.data(), size, &size);
  const DWORD error = GetLastError();
  CloseHandle(token);
  if (!ok) {
    throw Error("Couldn't read this user's identity: " + errorText(error) + ".");
  }
  wchar_t* text = nullptr;
  if (!ConvertSidToStringSidW(reinterpret_cast<TOKEN_USER*>(buffer.data())->User.Sid, &text)) {
    throw Error("Couldn't read this user's identity: " + errorText(GetLastError()) + ".");
  }
  std::string sid = narrow(text);
  LocalFree(text);
  return sid;
}

std::string privateDescriptor(bool folder)
{
  // P: protected (no inherited entries); FA: full access; OICI: inherited by files and folders.
  const std::string flags = folder ? "OICI" : "";
  return "D:P(A;" + flags + ";FA;;;" + currentUserSid() + ")(A;" + flags + ";FA;;;SY)";
}

void protect(const std::string& path, bool folder)
{
  PSECURITY_DESCRIPTOR descriptor = nullptr;
  if (!ConvertStringSecurityDescriptorToSecurityDescriptorW(
          wide(privateDescriptor(folder)).c_str(), SDDL_REVISION_1, &descriptor, nullptr)) {
    throw Error("Couldn't make '" + path + "' private: " + errorText(GetLastError()) + ".");
  }
  std::wstring name = wide(path);
  const SECURITY_INFORMATION what = DACL_SECURITY_INFORMATION | PROTECTED_DACL_SECURITY_INFORMATION;
  BOOL present = FALSE;
  BOOL defaulted = FALSE;
  PACL dacl = nullptr;
  GetSecurityDescriptorDacl(descriptor, &present, &dacl, &defaulted);
  const auto apply = [&]() -> DWORD {
    if (folder) {
      // SetNamedSecurityInfoW passes the folder's entries on to the files and folders in it
      // that inherit theirs.
      const DWORD status =
          SetNamedSecurityInfoW(name.data(), SE_FILE_OBJECT, what, nullptr, nullptr, dacl, nullptr);
      if (status != ERROR_SUCCESS) {
        return status;
      }
    }
    // The descriptor itself, exactly as written (protected: nothing inherited). Not left to
    // SetNamedSecurityInfoW alone: Wine's merges the parent folder's inheritable entries into
    // the new list whenever the object's current list is not protected, whatever
    // PROTECTED_DACL_SECURITY_INFORMATION says, so a file readable by everyone stayed so.
    return SetFileSecurityW(name.c_str(), what, descriptor) ? ERROR_SUCCESS : GetLastError();
  };
  // Wine reads the current descriptor's size, then the descriptor: when another process
  // changes it in between (daemons opening their databases in one folder), it answers
  // "insufficient buffer". Then again.
  DWORD status = apply();
  for (int attempt = 0; attempt < 5 && status == ERROR_INSUFFICIENT_BUFFER; ++attempt) {
    status = apply();
  }
  LocalFree(descriptor);
  if (status != ERROR_SUCCESS) {
    throw Error("Couldn't make '" + path + "' private (only you may open it): " +
                errorText(status) + ". Check that the file is yours.");
  }
}

bool isPrivate(const std::string& path)
{
  PACL dacl = nullptr;
  PSECURITY_DESCRIPTOR descriptor = nullptr;
  std::wstring name = wide(path);
  if (GetNamedSecurityInfoW(name.data(), SE_FILE_OBJECT, DACL_SECURITY_INFORMATION, nullptr,
                            nullptr, &dacl, nullptr, &descriptor) != ERROR_SUCCESS) {
    return false;
  }
  SECURITY_DESCRIPTOR_CONTROL control = 0;
  DWORD revision = 0;
  bool ok = dacl != nullptr && GetSecurityDescriptorControl(descriptor, &control, &revision) &&
            (control & SE_DACL_PROTECTED) != 0;
  PSID user = nullptr;
  PSID system = nullptr;
  ok = ok && ConvertStringSidToSidW(wide(currentUserSid()).c_str(), &user) &&
       ConvertStringSidToSidW(L"S-1-5-18", &system);
  for (DWORD i = 0; ok && i < dacl->AceCount; ++i) {
    void* entry = nullptr;
    ok = GetAce(dacl, i, &entry) != FALSE;
    const auto* header = static_cast<ACE_HEADER*>(entry);
    if (ok && header->AceType == ACCESS_ALLOWED_ACE_TYPE) {
      PSID sid = &static_cast<ACCESS_ALLOWED_ACE*>(entry)->SidStart;
      ok = EqualSid(sid, user) || EqualSid(sid, system);
    }
  }
  LocalFree(user);
  LocalFree(system);
  LocalFree(descriptor);
  return ok;
}

} // namespace pupitre::win
#endif
