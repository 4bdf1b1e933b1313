#pragma once
// An environment variable set for the life of an object (PUPITRE_CLOCK_SKEW_MS,
// PUPITRE_BOOT_ID...), the old value put back after.
#include <cstdlib>
#include <string>

#ifdef _WIN32
// mingw's C library has _putenv_s, not POSIX setenv/unsetenv.
inline int setenv(const char* name, const char* value, int)
{
  return _putenv_s(name, value);
}
inline int unsetenv(const char* name)
{
  return _putenv_s(name, "");
}
#endif

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
