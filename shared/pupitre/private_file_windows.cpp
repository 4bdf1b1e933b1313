// private_file.h on Windows: a protected DACL (the current user and SYSTEM only) instead of
// POSIX modes. Folders pass their entries on to the files and folders created in them.
#ifdef _WIN32
#include "pupitre/error.h"
#include "pupitre/private_file.h"
#include "pupitre/win/private_acl.h"
#include "pupitre/win/wide_text.h"

#include <windows.h>

#include <sddl.h>

#include <filesystem>

namespace pupitre {
namespace {

// A security descriptor for CreateFileW/CreateDirectoryW, freed with the object.
class PrivateDescriptor
{
public:
  PrivateDescriptor(const std::string& path, bool folder)
  {
    if (!ConvertStringSecurityDescriptorToSecurityDescriptorW(
            win::wide(win::privateDescriptor(folder)).c_str(), SDDL_REVISION_1, &m_descriptor,
            nullptr)) {
      throw Error("Couldn't make '" + path + "' private: " + win::errorText(GetLastError()) + ".");
    }
    m_attributes.nLength = sizeof m_attributes;
    m_attributes.lpSecurityDescriptor = m_descriptor;
    m_attributes.bInheritHandle = FALSE;
  }
  ~PrivateDescriptor() { LocalFree(m_descriptor); }
  PrivateDescriptor(const PrivateDescriptor&) = delete;
  PrivateDescriptor& operator=(const PrivateDescriptor&) = delete;

  SECURITY_ATTRIBUTES* attributes() { return &m_attributes; }

private:
  PSECURITY_DESCRIPTOR m_descriptor = nullptr;
  SECURITY_ATTRIBUTES m_attributes{};
};

constexpr DWORD kMissing = INVALID_FILE_ATTRIBUTES;

DWORD attributesOf(const std::string& path)
{
  return GetFileAttributesW(win::wide(path).c_str());
}

} // namespace

bool makePrivateFolder(const std::string& dir, bool tighten)
{
  bool created = false;
  std::filesystem::path partial;
  for (const auto& part : std::filesystem::path(win::wide(dir))) {
    partial /= part;
    if (part.empty() || partial == partial.root_path() || partial == partial.root_name()) {
      continue;
    }
    PrivateDescriptor descriptor(dir, true);
    if (CreateDirectoryW(partial.c_str(), descriptor.attributes())) {
      created = true;
      continue;
    }
    const DWORD error = GetLastError();
    // An existing folder may also answer "access denied" (a protected one, a share's root).
    if (error != ERROR_ALREADY_EXISTS && GetFileAttributesW(partial.c_str()) == kMissing) {
      throw Error("Couldn't create the folder '" + win::narrow(partial.wstring()) + "': " +
                  win::errorText(error) + ". Check the permissions of the folder above it.");
    }
    created = false; // only the last folder counts
  }
  const DWORD attributes = attributesOf(dir);
  if (attributes == kMissing) {
    throw Error("Couldn't open the folder '" + dir + "': " + win::errorText(GetLastError()) + ".");
  }
  if ((attributes & FILE_ATTRIBUTE_REPARSE_POINT) && tighten) {
    throw Error("'" + dir + "' is a link (a junction or a symbolic link); Pupitre keeps private " +
                "data only in a real folder. Remove the link or choose another folder.");
  }
  if (!(attributes & FILE_ATTRIBUTE_DIRECTORY)) {
    throw Error("'" + dir + "' is not a folder; remove it or choose another place.");
  }
  if (created || !tighten || win::isPrivate(dir)) {
    return created;
  }
  win::protect(dir, true); // its files and folders that inherit entries follow
  return true;
}

void makePrivateFile(const std::string& path)
{
  DWORD attributes = attributesOf(path);
  if (attributes == kMissing) {
    PrivateDescriptor descriptor(path, false);
    const HANDLE file =
        CreateFileW(win::wide(path).c_str(), GENERIC_WRITE, 0, descriptor.attributes(), CREATE_NEW,
                    FILE_ATTRIBUTE_NORMAL, nullptr);
    if (file != INVALID_HANDLE_VALUE) {
      CloseHandle(file);
      return;
    }
    const DWORD error = GetLastError();
    attributes = attributesOf(path);
    if (error != ERROR_FILE_EXISTS || attributes == kMissing) {
      throw Error("Couldn't create '" + path + "': " + win::errorText(error) + ".");
    }
  }
  if (attributes & FILE_ATTRIBUTE_REPARSE_POINT) {
    throw Error("'" + path + "' is a link; Pupitre writes private data only to a real file. " +
                "Remove the link or choose another file.");
  }
  if (attributes & FILE_ATTRIBUTE_DIRECTORY) {
    throw Error("'" + path + "' is not a regular file; remove it or choose another file.");
  }
  if (!win::isPrivate(path)) {
    win::protect(path, false);
  }
}

void tightenFileMode(const std::string& path) noexcept
{
  try {
    const DWORD attributes = attributesOf(path);
    if (attributes != kMissing &&
        !(attributes & (FILE_ATTRIBUTE_REPARSE_POINT | FILE_ATTRIBUTE_DIRECTORY)) &&
        !win::isPrivate(path)) {
      win::protect(path, false);
    }
  } catch (const std::exception&) {
    // Best effort, as on POSIX.
  }
}

void writePrivateFile(const std::string& path, const std::string& text)
{
  const std::wstring target = win::wide(path);
  const std::wstring temporary = target + L".tmp";
  PrivateDescriptor descriptor(path, false);
  const HANDLE file = CreateFileW(temporary.c_str(), GENERIC_WRITE, 0, descriptor.attributes(),
                                  CREATE_ALWAYS, FILE_ATTRIBUTE_NORMAL, nullptr);
  if (file == INVALID_HANDLE_VALUE) {
    throw Error("Couldn't write '" + path + ".tmp': " + win::errorText(GetLastError()) + ".");
  }
  DWORD written = 0;
  bool ok = WriteFile(file, text.data(), static_cast<DWORD>(text.size()), &written, nullptr) &&
            written == static_cast<DWORD>(text.size()) && FlushFileBuffers(file);
  DWORD error = GetLastError();
  CloseHandle(file);
  if (ok && !MoveFileExW(temporary.c_str(), target.c_str(),
                         MOVEFILE_REPLACE_EXISTING | MOVEFILE_WRITE_THROUGH)) {
    ok = false;
    error = GetLastError();
  }
  if (!ok) {
    DeleteFileW(temporary.c_str());
    throw Error("Couldn't write '" + path + "': " + win::errorText(error) + ".");
  }
}

} // namespace pupitre
#endif // _WIN32
