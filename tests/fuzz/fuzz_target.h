#pragma once
// One fuzz target per file: PUPITRE_FUZZ_TARGET(name) { ... } is the body that gets the
// input bytes. Built with clang and PUPITRE_BUILD_FUZZ, it is libFuzzer's entry point of the
// executable fuzz_<name>; in every build it is also registered for fuzz_tests, which replays
// the seed corpus and the crash reproducers (tests/fuzz/{corpus,regressions}/<name>/).
// A target states what must hold with fuzzCheck; a broken promise or an exception it does
// not expect ends the run (libFuzzer records the input as a crash).
#include <cstddef>
#include <cstdint>
#include <stdexcept>
#include <string>
#include <string_view>

namespace pupitre::fuzz {

using TargetFunction = void (*)(std::string_view input);

// A target's promise that failed.
class Failure : public std::logic_error
{
public:
  using std::logic_error::logic_error;
};

// Throws Failure(what) when `condition` is false.
inline void fuzzCheck(bool condition, const std::string& what)
{
  if (!condition) {
    throw Failure("fuzz check failed: " + what);
  }
}

// Records `function` under `name` for the replay suite; returns true.
bool registerTarget(const char* name, TargetFunction function);
// The target called `name`, or nullptr.
TargetFunction findTarget(const std::string& name);

} // namespace pupitre::fuzz

#ifdef PUPITRE_FUZZ_REPLAY
#define PUPITRE_FUZZ_TARGET(name)                                                                  \
  static void fuzzTarget_##name(std::string_view input);                                           \
  [[maybe_unused]] static const bool kRegistered_##name =                                          \
      pupitre::fuzz::registerTarget(#name, &fuzzTarget_##name);                                    \
  static void fuzzTarget_##name(std::string_view input)
#else
#define PUPITRE_FUZZ_TARGET(name)                                                                  \
  static void fuzzTarget_##name(std::string_view input);                                           \
  extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)                \
  {                                                                                                \
    fuzzTarget_##name(std::string_view(reinterpret_cast<const char*>(data), size));                \
    return 0;                                                                                      \
  }                                                                                                \
  static void fuzzTarget_##name(std::string_view input)
#endif
