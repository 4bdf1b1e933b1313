#include "token_store.h"

#include "pupitre/error.h"
#include "pupitre/private_file.h"

#include <spdlog/spdlog.h>

#include <cstdio>
#include <filesystem>

namespace pupitre::daemon {

std::optional<std::string> FileTokenStore::load()
{
  tightenFileMode(m_path); // a token file an earlier version left readable by others
  auto text = readWholeFile(m_path);
  while (text && !text->empty() && (text->back() == '\n' || text->back() == '\r')) {
    text->pop_back();
  }
  return text && !text->empty() ? text : std::nullopt;
}

void FileTokenStore::save(const std::string& token)
{
  makePrivateFolder(std::filesystem::path(m_path).parent_path().string(), false);
  writePrivateFile(m_path, token + "\n");
}

void FileTokenStore::forget()
{
  std::remove(m_path.c_str());
}

DeviceTokenStore::DeviceTokenStore(std::unique_ptr<TokenStore> keyring,
                                   std::unique_ptr<FileTokenStore> file,
                                   std::shared_ptr<spdlog::logger> log)
    : m_keyring(std::move(keyring)), m_file(std::move(file)), m_log(std::move(log)),
      m_kind(m_keyring ? "keyring" : "file")
{
}

std::optional<std::string> DeviceTokenStore::load()
{
  if (m_keyring) {
    if (auto token = m_keyring->load()) {
      m_kind = "keyring";
      return token;
    }
  }
  auto token = m_file->load();
  if (token) {
    m_kind = "file";
  }
  return token;
}

void DeviceTokenStore::save(const std::string& token)
{
  if (m_keyring) {
    try {
      m_keyring->save(token);
      m_file->forget();
      m_kind = "keyring";
      return;
    } catch (const Error& e) {
      m_log->warn(
          "Couldn't keep the device token in the keyring ({}); keeping it in '{}' (0600) instead",
          e.what(), m_file->path());
    }
  }
  m_file->save(token);
  m_kind = "file";
}

void DeviceTokenStore::forget()
{
  if (m_keyring) {
    m_keyring->forget();
  }
  m_file->forget();
}

} // namespace pupitre::daemon
