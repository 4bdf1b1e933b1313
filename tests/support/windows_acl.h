#pragma once
// Windows only: the SIDs a file's DACL allows some access, as the system reports them, for
// tests that check a file is private (the user and SYSTEM alone) where there are no file modes.
#ifdef _WIN32
#include "pupitre/win/wide_text.h"

#include <windows.h>

#include <aclapi.h>
#include <sddl.h>

#include <set>
#include <string>

namespace pupitre::test {

// The SIDs (as text) the DACL of `path` allows; {"no DACL"} when it has none (everyone may
// open it), {"unreadable"} when it cannot be read.
inline std::set<std::string> allowedSids(const std::string& path)
{
  PACL list = nullptr;
  PSECURITY_DESCRIPTOR descriptor = nullptr;
  std::wstring name = win::wide(path);
  if (GetNamedSecurityInfoW(name.data(), SE_FILE_OBJECT, DACL_SECURITY_INFORMATION, nullptr,
                            nullptr, &list, nullptr, &descriptor) != ERROR_SUCCESS) {
    return {"unreadable"};
  }
  std::set<std::string> sids;
  if (list == nullptr) {
    sids.insert("no DACL");
  }
  for (DWORD i = 0; list != nullptr && i < list->AceCount; ++i) {
    void* entry = nullptr;
    if (GetAce(list, i, &entry) &&
        static_cast<ACE_HEADER*>(entry)->AceType == ACCESS_ALLOWED_ACE_TYPE) {
      wchar_t* text = nullptr;
      if (ConvertSidToStringSidW(&static_cast<ACCESS_ALLOWED_ACE*>(entry)->SidStart, &text)) {
        sids.insert(std::string(text, text + wcslen(text))); // SIDs are ASCII
        LocalFree(text);
      }
    }
  }
  LocalFree(descriptor);
  return sids;
}

} // namespace pupitre::test
#endif
