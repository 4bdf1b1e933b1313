#include "pupitre/model/resources.h"

#include "pupitre/error.h"
#include "pupitre/model/validation.h"
#include "pupitre/store/rows.h"
#include "pupitre/uuid.h"

#include <cctype>

namespace pupitre::model {
namespace {

const store::TableDef& table()
{
  return *store::findTable("resource");
}

Resource fromRow(const store::Row& row)
{
  return Resource{row.id,
                  row.text("class_id"),
                  row.text("file_name"),
                  row.text("mime_type"),
                  static_cast<std::int64_t>(row.number("size").value_or(0)),
                  row.text("blob_hash")};
}

std::string requireFileName(const std::string& name)
{
  const std::string trimmed = requireText(name, PUPITRE_TR("file name"), 255);
  if (trimmed.find_first_of("/\\") != std::string::npos || trimmed == "." || trimmed == "..") {
    throw ValidationError(
        Sentence{PUPITRE_TR("'%1' is not a file name (no folders in it)."), {trimmed}});
  }
  return trimmed;
}

} // namespace

bool isBlobHash(const std::string& text)
{
  if (text.size() != 64) {
    return false;
  }
  for (const char c : text) {
    if (!std::isxdigit(static_cast<unsigned char>(c)) ||
        std::isupper(static_cast<unsigned char>(c))) {
      return false;
    }
  }
  return true;
}

std::string Resources::create(const Resource& r)
{
  const std::string fileName = requireFileName(r.fileName);
  if (!isBlobHash(r.blobHash)) {
    throw ValidationError(Sentence{
        PUPITRE_TR("A resource needs the SHA-256 of its file (64 lower-case hex digits)."), {}});
  }
  if (r.size < 0) {
    throw ValidationError(Sentence{PUPITRE_TR("A file's size cannot be negative."), {}});
  }
  store::WriteTxn txn(m_db);
  if (!r.classId.empty()) {
    requireLive(m_db, "class", r.classId, PUPITRE_TR("class"));
  }
  const std::string id = r.id.empty() ? newUuid() : r.id;
  store::insertRow(txn, table(), id,
                   {{"class_id", r.classId},
                    {"file_name", fileName},
                    {"mime_type", r.mimeType.empty() ? "application/octet-stream" : r.mimeType},
                    {"size", std::int64_t{r.size}},
                    {"blob_hash", r.blobHash}});
  txn.commit();
  return id;
}

void Resources::update(const std::string& id, const ResourceChanges& changes)
{
  store::Fields fields;
  if (changes.fileName) {
    fields.emplace_back("file_name", requireFileName(*changes.fileName));
  }
  store::WriteTxn txn(m_db);
  requireLive(m_db, "resource", id, PUPITRE_TR("resource"));
  if (changes.classId) {
    if (!changes.classId->empty()) {
      requireLive(m_db, "class", *changes.classId, PUPITRE_TR("class"));
    }
    fields.emplace_back("class_id", *changes.classId);
  }
  store::updateRow(txn, table(), id, fields);
  txn.commit();
}

void Resources::remove(const std::string& id)
{
  store::WriteTxn txn(m_db);
  requireLive(m_db, "resource", id, PUPITRE_TR("resource"));
  store::setDeleted(txn, table(), id, true);
  txn.commit();
}

Resource Resources::get(const std::string& id)
{
  return fromRow(requireLive(m_db, "resource", id, PUPITRE_TR("resource")));
}

std::vector<Resource> Resources::list(const std::string& classId)
{
  std::vector<Resource> resources;
  const auto rows = classId.empty()
                        ? store::selectRows(m_db, table(), {}, {}, "file_name COLLATE NOCASE, id")
                        : store::selectRows(m_db, table(), "class_id = ?", {classId},
                                            "file_name COLLATE NOCASE, id");
  for (const auto& row : rows) {
    resources.push_back(fromRow(row));
  }
  return resources;
}

} // namespace pupitre::model
