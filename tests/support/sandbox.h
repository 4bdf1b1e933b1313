#pragma once
// Test fixtures: a temporary folder removed at the end, a database in it, and a clock the
// test moves by hand.
#include "pupitre/clock/boot_clock.h"
#include "pupitre/clock/hlc.h"
#include "pupitre/store/database.h"

#include <cstdint>
#include <filesystem>
#include <memory>
#include <string>

namespace pupitre::test {

// A fresh temporary folder, deleted with everything in it when the sandbox goes away.
class Sandbox
{
public:
  Sandbox();
  // The same under `base` instead of the system's temporary folder.
  explicit Sandbox(const std::filesystem::path& base);
  ~Sandbox();
  Sandbox(const Sandbox&) = delete;
  Sandbox& operator=(const Sandbox&) = delete;

  const std::filesystem::path& dir() const { return m_dir; }
  std::string path(const std::string& name) const { return (m_dir / name).string(); }

private:
  std::filesystem::path m_dir;
};

// A whole file's bytes, written and read back as they are.
void writeFile(const std::string& path, const std::string& bytes);
std::string readFile(const std::filesystem::path& path);

// A wall clock that only moves when told to. Shared so a database and the test both see it.
class ManualClock
{
public:
  explicit ManualClock(std::int64_t startMs = 1'790'000'000'000)
      : m_now(std::make_shared<std::int64_t>(startMs))
  {
  }
  clock::WallClock wallClock() const
  {
    auto now = m_now;
    return [now] { return *now; };
  }
  void set(std::int64_t ms) { *m_now = ms; }
  void advance(std::int64_t ms) { *m_now += ms; }
  std::int64_t now() const { return *m_now; }

private:
  std::shared_ptr<std::int64_t> m_now;
};

// A boot clock that only moves when told to, and a computer restarted on demand: with a
// ManualClock, a test plays a wall clock set by hand while the boot clock goes on.
class ManualBootClock
{
public:
  explicit ManualBootClock(std::string bootId = "boot-1")
      : m_now(std::make_shared<clock::BootTime>(clock::BootTime{std::move(bootId), 1'000'000}))
  {
  }
  clock::BootClock bootClock() const
  {
    auto now = m_now;
    return [now] { return *now; };
  }
  void advance(std::int64_t ms) { m_now->sinceBootMs += ms; }
  // The computer restarts: another boot id, the boot clock from zero.
  void reboot(std::string bootId) { *m_now = clock::BootTime{std::move(bootId), 0}; }
  clock::BootTime now() const { return *m_now; }

private:
  std::shared_ptr<clock::BootTime> m_now;
};

// A sandbox with one database file in it ("pupitre.db") on a manual clock.
struct DatabaseFixture
{
  Sandbox sandbox;
  ManualClock clock;
  store::Database db{sandbox.path("pupitre.db"), clock.wallClock()};
};

// The folder where the build put the executables (PUPITRE_BIN_DIR), for tests that run them.
std::string binDir();

} // namespace pupitre::test
