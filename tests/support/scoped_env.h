#pragma once
// An environment variable set for the life of an object (PUPITRE_CLOCK_SKEW_MS,
// PUPITRE_BOOT_ID...), the old value put back after.
#include <cstdlib>
#include <string>

namespace pupitre::test {

class ScopedEnv
{
public:
  ScopedEnv(const char* name, const char* value) : m_name(name)
  {
    if (const char* old = std::getenv(name)) {
      m_old = old;
      m_hadOld = true;
    }
    ::setenv(name, value, 1);
  }
  ~ScopedEnv()
  {
    if (m_hadOld) {
      ::setenv(m_name, m_old.c_str(), 1);
    } else {
      ::unsetenv(m_name);
    }
  }
  ScopedEnv(const ScopedEnv&) = delete;
  ScopedEnv& operator=(const ScopedEnv&) = delete;

private:
  const char* m_name;
  std::string m_old;
  bool m_hadOld = false;
};

} // namespace pupitre::test
