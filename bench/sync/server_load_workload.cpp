#include "sync/server_load_workload.h"

#include "workloads/random.h"

#include "pupitre/clock/hlc.h"
#include "pupitre/sync/wire.h"
#include "server/service/licence.h"
#include "server/service/passwords.h"
#include "server/store/postgres_server_store.h"
#include "server/store/sqlite_server_store.h"

#include <Poco/InflatingStream.h>
#include <Poco/Net/HTTPClientSession.h>
#include <Poco/Net/HTTPRequest.h>
#include <Poco/Net/HTTPResponse.h>
#include <Poco/StreamCopier.h>

#include <atomic>
#include <chrono>
#include <cstdio>
#include <map>
#include <mutex>
#include <sstream>
#include <thread>

namespace pupitre::bench {
namespace {

using Clock = std::chrono::steady_clock;

struct SimulatedDevice
{
  std::string id;
  std::string token;
  std::vector<std::string>* rows = nullptr; // the account's marks
};

struct Account
{
  std::vector<std::string> rows;
  std::vector<SimulatedDevice> devices;
};

struct Samples
{
  std::vector<double> sync;
  std::vector<double> push;
  std::vector<double> pull;
  std::int64_t failures = 0;
  std::int64_t pages = 0;
  std::int64_t received = 0;
  std::string firstFailure;
};

std::int64_t wallMs()
{
  return std::chrono::duration_cast<std::chrono::milliseconds>(
             std::chrono::system_clock::now().time_since_epoch())
      .count();
}

std::string hexId(Random& random)
{
  static const char* digits = "0123456789abcdef";
  std::string id(32, '0');
  for (auto& c : id) {
    c = digits[random.below(16)];
  }
  return id.substr(0, 8) + "-" + id.substr(8, 4) + "-" + id.substr(12, 4) + "-" + id.substr(16, 4) +
         "-" + id.substr(20);
}

std::vector<Account> createAccounts(const std::string& database, const ServerLoadOptions& options)
{
  std::unique_ptr<server::ServerStore> opened;
  if (options.database.empty()) {
    opened = std::make_unique<server::SqliteServerStore>(database);
  } else {
    opened = std::make_unique<server::PostgresServerStore>(options.database);
  }
  auto& store = *opened;
  const std::string hash = server::hashPassword("bench password"); // one Argon2 for all
  Random random(7);
  std::vector<Account> accounts(static_cast<std::size_t>(options.accounts));
  for (int a = 0; a < options.accounts; ++a) {
    const auto id = store.createAccount({"bench" + std::to_string(a) + "@school.example", hash,
                                         server::licence::kMulti, options.devicesPerAccount,
                                         server::licence::kDefaultStorageQuota, wallMs()});
    auto& account = accounts[static_cast<std::size_t>(a)];
    for (int r = 0; r < options.rowsPerAccount; ++r) {
      account.rows.push_back(hexId(random));
    }
    for (int d = 0; d < options.devicesPerAccount; ++d) {
      SimulatedDevice device{hexId(random), server::newToken(), nullptr};
      store.linkDevice(*id, device.id, "device " + std::to_string(d),
                       server::tokenHash(device.token), options.devicesPerAccount, wallMs());
      account.devices.push_back(device);
    }
  }
  for (auto& account : accounts) {
    for (auto& device : account.devices) {
      device.rows = &account.rows;
    }
  }
  return accounts;
}

// One request as pupitred's HttpTransport makes it; the answer's body, inflated.
std::string call(Poco::Net::HTTPClientSession& session, const std::string& method,
                 const std::string& path, const std::string& token, const std::string& body)
{
  Poco::Net::HTTPRequest request(method, path, Poco::Net::HTTPMessage::HTTP_1_1);
  request.set(sync::kProtocolHeader, std::to_string(sync::kProtocolVersion));
  request.set("Accept-Encoding", "gzip");
  request.set("Authorization", "Bearer " + token);
  if (method == Poco::Net::HTTPRequest::HTTP_POST) {
    request.setContentType("application/json");
    request.setContentLength(static_cast<std::streamsize>(body.size()));
  }
  std::ostream& out = session.sendRequest(request);
  out << body;
  Poco::Net::HTTPResponse response;
  std::istream& in = session.receiveResponse(response);
  std::string answer;
  if (response.get("Content-Encoding", "") == "gzip") {
    Poco::InflatingInputStream inflater(in, Poco::InflatingStreamBuf::STREAM_GZIP);
    Poco::StreamCopier::copyToString(inflater, answer);
  } else {
    Poco::StreamCopier::copyToString(in, answer);
  }
  if (response.getStatus() != Poco::Net::HTTPResponse::HTTP_OK) {
    throw std::runtime_error(std::to_string(static_cast<int>(response.getStatus())) + " " + answer);
  }
  return answer;
}

void runDevice(const SimulatedDevice& device, std::uint16_t port, const ServerLoadOptions& options,
               Clock::time_point deadline, std::uint64_t seed, Samples& samples)
{
  Random random(seed);
  std::map<std::string, sync::Stamp> known; // row -> the value's stamp this device last saw
  std::int64_t batch = 1;
  std::int64_t cursor = 0;
  clock::Hlc hlc = 0;
  std::unique_ptr<Poco::Net::HTTPClientSession> session;
  while (Clock::now() < deadline) {
    const auto start = Clock::now();
    try {
      if (!session || !options.persistent) {
        session = std::make_unique<Poco::Net::HTTPClientSession>("127.0.0.1", port);
        session->setKeepAlive(true);
        session->setTimeout(Poco::Timespan(60, 0));
      }
      sync::PushRequest push;
      push.batch = batch;
      hlc = clock::tick(hlc, wallMs());
      for (int f = 0; f < options.fieldsPerPush; ++f) {
        const auto& row = (*device.rows)[random.below(device.rows->size())];
        const auto seen = known.find(row);
        push.changes.push_back({"mark",
                                row,
                                "value",
                                static_cast<double>(random.below(41)) / 4.0,
                                {hlc, device.id},
                                seen == known.end() ? sync::Stamp{} : seen->second});
      }
      sync::decodePushResult(
          call(*session, "POST", "/api/v1/push", device.token, sync::encodePush(push)));
      ++batch;
      for (const auto& w : push.changes) {
        known[w.rowId] = w.stamp; // the base of its next edit, as pupitred acknowledges
      }
      const auto pushed = Clock::now();
      for (bool more = true; more;) {
        const auto page = sync::decodePullPage(call(
            *session, "GET", "/api/v1/pull?after=" + std::to_string(cursor) + "&own=0&limit=5000",
            device.token, ""));
        for (const auto& w : page.changes) {
          if (w.field == "value") {
            known[w.rowId] = w.stamp;
          }
          hlc = clock::observe(hlc, w.stamp.hlc);
        }
        cursor = page.cursor;
        more = page.more;
        ++samples.pages;
        samples.received += static_cast<std::int64_t>(page.changes.size());
      }
      const auto end = Clock::now();
      samples.push.push_back(std::chrono::duration<double>(pushed - start).count());
      samples.pull.push_back(std::chrono::duration<double>(end - pushed).count());
      samples.sync.push_back(std::chrono::duration<double>(end - start).count());
    } catch (const std::exception& e) {
      if (samples.failures++ == 0) {
        samples.firstFailure = e.what();
      }
      session.reset();
    }
    if (!options.persistent) {
      session.reset(); // pupitred makes a new transport for each sync
    }
  }
}

std::string ms(double seconds)
{
  return format("%.1f ms", seconds * 1000);
}

} // namespace

FigureTable runServerLoad(const Programs& programs, const std::filesystem::path& folder,
                          const ServerLoadOptions& options)
{
  std::vector<std::unique_ptr<SyncServer>> nodes;
  for (int i = 0; i < std::max(options.nodes, 1); ++i) {
    std::vector<std::string> serve;
    if (!options.database.empty()) {
      serve = {"--database", options.database};
    }
    nodes.push_back(std::make_unique<SyncServer>(programs, folder / "load-server", serve,
                                                 "server-" + std::to_string(i) + ".log"));
  }
  const auto accounts = createAccounts((nodes.front()->dataDir() / "server.db").string(), options);
  for (auto& node : nodes) {
    node->start();
  }
  auto cpuSeconds = [&nodes] {
    double total = 0;
    for (const auto& node : nodes) {
      total += node->cpuSeconds();
    }
    return total;
  };

  const auto deadline = Clock::now() + std::chrono::seconds(options.seconds);
  std::vector<Samples> samples(
      static_cast<std::size_t>(options.accounts * options.devicesPerAccount));
  std::vector<std::thread> threads;
  const auto start = Clock::now();
  const double serverCpu = cpuSeconds();
  std::size_t n = 0;
  for (const auto& account : accounts) {
    for (const auto& device : account.devices) {
      Samples& mine = samples[n];
      const std::uint16_t port = nodes[n % nodes.size()]->port();
      threads.emplace_back([&device, &mine, port, &options, deadline, n] {
        runDevice(device, port, options, deadline, 1000 + n, mine);
      });
      ++n;
    }
  }
  for (auto& t : threads) {
    t.join();
  }
  const double elapsed = std::chrono::duration<double>(Clock::now() - start).count();
  const double usedCpu = cpuSeconds() - serverCpu;

  Samples all;
  for (auto& s : samples) {
    all.sync.insert(all.sync.end(), s.sync.begin(), s.sync.end());
    all.push.insert(all.push.end(), s.push.begin(), s.push.end());
    all.pull.insert(all.pull.end(), s.pull.begin(), s.pull.end());
    all.failures += s.failures;
    all.pages += s.pages;
    all.received += s.received;
    if (all.firstFailure.empty()) {
      all.firstFailure = s.firstFailure;
    }
  }
  std::size_t idle = 0;
  for (const auto& s : samples) {
    idle += s.sync.empty() ? 1 : 0;
  }
  FigureTable table(format(
      "W4 — the server alone: %d accounts x %d devices, %d marks changed per "
      "push, %d s, %s, %s",
      options.accounts, options.devicesPerAccount, options.fieldsPerPush, options.seconds,
      options.database.empty()
          ? "SQLite"
          : format("PostgreSQL, %d node%s", options.nodes, options.nodes == 1 ? "" : "s").c_str(),
      options.persistent ? "one kept-alive connection per device"
                         : "one connection per sync (as pupitred)"));
  table.add("syncs (push + pull) per second",
            format("%.0f", static_cast<double>(all.sync.size()) / elapsed));
  const double changesPerSecond =
      static_cast<double>(all.push.size() * static_cast<std::size_t>(options.fieldsPerPush)) /
      elapsed;
  table.add("field changes pushed per second", format("%.0f", changesPerSecond), ">= 5000",
            changesPerSecond >= 5000);
  const double p99 = percentile(all.sync, 0.99);
  table.add("sync latency p50 / p99", ms(percentile(all.sync, 0.5)) + " / " + ms(p99),
            "p99 <= 50 ms", p99 <= 0.050);
  table.add("push latency p50 / p99",
            ms(percentile(all.push, 0.5)) + " / " + ms(percentile(all.push, 0.99)));
  table.add("pull latency p50 / p99 (all pages)",
            ms(percentile(all.pull, 0.5)) + " / " + ms(percentile(all.pull, 0.99)));
  table.add("server CPU time per sync (user + system)",
            format("%.2f ms",
                   all.sync.empty() ? 0.0 : usedCpu * 1000 / static_cast<double>(all.sync.size())));
  table.add("fields received per sync (mean)",
            format("%.1f", all.sync.empty() ? 0.0
                                            : static_cast<double>(all.received) /
                                                  static_cast<double>(all.sync.size())));
  table.add("devices that never completed a sync", format("%zu of %zu", idle, samples.size()));
  table.add("failed syncs",
            all.failures == 0 ? "0"
                              : format("%lld (first: %.120s)", static_cast<long long>(all.failures),
                                       all.firstFailure.c_str()));
  return table;
}

} // namespace pupitre::bench
