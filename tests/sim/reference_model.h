#pragma once
// What the replicas must hold at the end, computed without the merge code: "the latest edit
// of each field wins" (sync.md). It is fed every field write the devices ever had pending
// (sync::pendingChanges, read after each edit, before each push and after each sync) and
// keeps, per device and field, the last one seen. A field's value is that of the write with
// the greatest (hlc, device); a row lives when the most recent of its explicit liveness
// writes and of all its field writes (each asserts "alive" at its stamp) is not a deletion,
// a deletion winning a tie with "alive".
#include "pupitre/store/canonical_json.h"
#include "pupitre/sync/field_write.h"

#include <cstddef>
#include <map>
#include <string>
#include <utility>
#include <vector>

namespace pupitre::sim {

class ReferenceModel
{
public:
  explicit ReferenceModel(std::size_t devices) : m_devices(devices) {}

  // The device's pending writes now (a write already recorded is replaced by its newer
  // value or stamp; re-stamped writes replace their refused stamps).
  void record(std::size_t device, const std::vector<sync::FieldWrite>& pending);

  store::LiveData expected() const;
  std::string json() const { return store::canonicalJson(expected()); }
  // Field writes recorded, all devices together.
  std::size_t size() const;

private:
  struct Entry
  {
    std::string table;
    store::Value value;
    sync::Stamp stamp;
  };
  using Key = std::pair<std::string, std::string>; // row id, field

  std::vector<std::map<Key, Entry>> m_devices;
};

} // namespace pupitre::sim
