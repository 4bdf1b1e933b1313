#include "server/log.h"

#include <spdlog/sinks/stdout_color_sinks.h>

#include <mutex>

namespace pupitre::server {

std::shared_ptr<spdlog::logger> serverLog()
{
  static std::mutex mutex;
  std::lock_guard lock(mutex);
  if (auto logger = spdlog::get("server")) {
    return logger;
  }
  return spdlog::stderr_color_mt("server");
}

} // namespace pupitre::server
