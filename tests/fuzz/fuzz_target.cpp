#include "fuzz_target.h"

#include <map>

namespace pupitre::fuzz {
namespace {

std::map<std::string, TargetFunction>& targets()
{
  static std::map<std::string, TargetFunction> all;
  return all;
}

} // namespace

bool registerTarget(const char* name, TargetFunction function)
{
  targets()[name] = function;
  return true;
}

TargetFunction findTarget(const std::string& name)
{
  const auto it = targets().find(name);
  return it == targets().end() ? nullptr : it->second;
}

} // namespace pupitre::fuzz
