#pragma once
// A server and two devices in this process, on simulated time and clocks set by hand, for
// tests that play exact steps of a sync (clock_regressions_test.cpp, push_order_test.cpp).
#include "pupitre/store/database.h"
#include "pupitre/sync/engine.h"
#include "sim_server.h"
#include "sim_time.h"
#include "sim_transport.h"
#include "support/sandbox.h"

#include <boost/test/unit_test.hpp>

#include <functional>
#include <memory>
#include <string>

namespace pupitre::sim {

// A server and two devices, A and C, in this process. The server's clock is the true time;
// each device reads it shifted by its own skew, and has its own boot clock, which the true
// time moves.
class ClockWorld
{
public:
  struct Device
  {
    std::string name;
    std::shared_ptr<std::int64_t> skewMs = std::make_shared<std::int64_t>(0);
    test::ManualBootClock boot;
    std::unique_ptr<store::Database> db;
    std::unique_ptr<SimTransport> transport;
    // Just before each push leaves the device (the teacher may edit meanwhile).
    std::function<void(const sync::PushRequest&)> beforePush;
  };

  explicit ClockWorld(std::int64_t maxClockAheadMs = sync::kMaxClockAheadMs)
  {
    const std::string serverPath = sandbox.path("server.db");
    SimServer::createAccount(serverPath, kStartMs);
    server = std::make_unique<SimServer>(serverPath, time.wallClock(), maxClockAheadMs);
    open(a, "A");
    open(c, "C");
  }

  // Time passes: the true time and both boot clocks.
  void pass(std::int64_t ms)
  {
    time.advance(ms);
    a.boot.advance(ms);
    c.boot.advance(ms);
  }

  void sync(Device& device, std::size_t pushBatchSize = 5000)
  {
    sync::SyncOptions options;
    options.prefetchPages = false;
    options.pushBatchSize = pushBatchSize;
    sync::SyncEngine(*device.db, *device.transport, options).run();
  }

  // The stamp of a class's field on `device`.
  clock::Hlc stamp(Device& device, const std::string& cls, const std::string& field)
  {
    auto& query = device.db->statement(
        "SELECT hlc FROM field_version WHERE tbl = 'class' AND row_id = ? AND field = ?");
    query.bind(1, cls);
    query.bind(2, field);
    BOOST_REQUIRE(query.executeStep());
    const auto hlc = static_cast<clock::Hlc>(query.getColumn(0).getInt64());
    query.reset();
    return hlc;
  }
  static std::int64_t msOf(clock::Hlc stamp)
  {
    return static_cast<std::int64_t>(clock::physicalMs(stamp));
  }

  test::Sandbox sandbox;
  test::ManualClock time{kStartMs};
  std::unique_ptr<SimServer> server;
  Device a;
  Device c;

private:
  void open(Device& device, const std::string& name)
  {
    device.name = name;
    const auto now = time.wallClock();
    const auto skew = device.skewMs;
    device.db = std::make_unique<store::Database>(
        sandbox.path(name + ".db"), [now, skew] { return now() + *skew; }, device.boot.bootClock());
    const std::string token(64, name == "A" ? 'a' : 'c');
    BOOST_REQUIRE(server->linkDevice(device.db->deviceId(), token));
    TransportHooks hooks;
    hooks.beforePush = [&device](const sync::PushRequest& request) {
      if (device.beforePush) {
        device.beforePush(request);
      }
    };
    device.transport = std::make_unique<SimTransport>(*server, token, std::move(hooks));
  }
};

} // namespace pupitre::sim
