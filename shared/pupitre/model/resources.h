#pragma once
// Resources: files of a class (or of no class). The row holds the file's name, type, size and
// the SHA-256 of its bytes; the bytes live in the blob store.
#include "pupitre/store/database.h"

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace pupitre::model {

struct Resource
{
  std::string id;
  std::string classId; // empty: not tied to a class
  std::string fileName;
  std::string mimeType;
  std::int64_t size = 0;
  std::string blobHash; // 64 hex digits
};

struct ResourceChanges
{
  std::optional<std::string> classId, fileName;
};

class Resources
{
public:
  explicit Resources(store::Database& db) : m_db(db) {}

  std::string create(const Resource& resource);
  void update(const std::string& id, const ResourceChanges& changes);
  void remove(const std::string& id);
  Resource get(const std::string& id);
  std::vector<Resource> list(const std::string& classId = {});

private:
  store::Database& m_db;
};

bool isBlobHash(const std::string& text);

} // namespace pupitre::model
