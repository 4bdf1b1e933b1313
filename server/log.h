#pragma once
// The server's named logger ("server"); main configures it, tests get a default one.
#include <spdlog/spdlog.h>

#include <memory>

namespace pupitre::server {

std::shared_ptr<spdlog::logger> serverLog();

} // namespace pupitre::server
