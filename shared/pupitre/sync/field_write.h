#pragma once
// The unit of synchronisation: one write of one field of one row, with its version.
#include "pupitre/clock/hlc.h"
#include "pupitre/store/value.h"

#include <ostream>
#include <string>
#include <tuple>

namespace pupitre::sync {

// A version: the HLC of the write and the device that made it. Versions of the same field
// are totally ordered by (hlc, device); the greater one is the more recent edit and wins.
struct Stamp
{
  clock::Hlc hlc = 0;
  std::string device;

  bool isZero() const { return hlc == 0 && device.empty(); }
  friend bool operator==(const Stamp& a, const Stamp& b)
  {
    return a.hlc == b.hlc && a.device == b.device;
  }
  friend bool operator!=(const Stamp& a, const Stamp& b) { return !(a == b); }
  friend bool operator<(const Stamp& a, const Stamp& b)
  {
    return std::tie(a.hlc, a.device) < std::tie(b.hlc, b.device);
  }
  friend bool operator>(const Stamp& a, const Stamp& b) { return b < a; }
  friend std::ostream& operator<<(std::ostream& out, const Stamp& s)
  {
    return out << s.hlc << "@" << s.device;
  }
};

struct FieldWrite
{
  std::string table; // schema.h table name
  std::string rowId;
  std::string field; // a field of the table, or "deleted" for the row's liveness
  store::Value value;
  Stamp stamp;
  // The stamp this write's device had last synchronised for the field when it was made
  // (zero when unknown): how concurrent writes are told from successive ones.
  Stamp base;
};

} // namespace pupitre::sync
