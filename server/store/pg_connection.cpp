#include "server/store/pg_connection.h"

#include "pupitre/error.h"

#include <algorithm>
#include <charconv>
#include <cstdio>

namespace pupitre::server {
namespace {

// As many as a node's threads serving requests at once (http/api_server.h, maxThreads): a
// connection closed when given back is opened again for a later request, and a new
// PostgreSQL backend (a fork, its caches cold) costs more than the request's statements.
constexpr std::size_t kMaxIdleConnections = 64;
constexpr const char* kDiskFullState = "53100";

} // namespace

PgParams& PgParams::add(std::int64_t value)
{
  m_values.emplace_back(std::to_string(value));
  m_lengths.push_back(0);
  m_formats.push_back(0);
  return *this;
}

PgParams& PgParams::add(double value)
{
  char buffer[32];
  const auto [end, error] = std::to_chars(buffer, buffer + sizeof(buffer), value);
  m_values.emplace_back(std::string(buffer, error == std::errc() ? end : buffer));
  m_lengths.push_back(0);
  m_formats.push_back(0);
  return *this;
}

PgParams& PgParams::add(const std::string& text)
{
  m_values.emplace_back(text);
  m_lengths.push_back(0);
  m_formats.push_back(0);
  return *this;
}

PgParams& PgParams::addBytes(const std::string& bytes)
{
  m_values.emplace_back(bytes);
  m_lengths.push_back(static_cast<int>(bytes.size()));
  m_formats.push_back(1);
  return *this;
}

PgParams& PgParams::addNull()
{
  m_values.emplace_back(std::nullopt);
  m_lengths.push_back(0);
  m_formats.push_back(0);
  return *this;
}

std::vector<const char*> PgParams::values() const
{
  std::vector<const char*> values;
  values.reserve(m_values.size());
  for (const auto& v : m_values) {
    values.push_back(v ? v->c_str() : nullptr);
  }
  return values;
}

std::string PgResult::text(int row, int column) const
{
  return std::string(PQgetvalue(m_result.get(), row, column),
                     static_cast<std::size_t>(PQgetlength(m_result.get(), row, column)));
}

std::int64_t PgResult::int64(int row, int column) const
{
  if (isNull(row, column)) {
    return 0;
  }
  const char* value = PQgetvalue(m_result.get(), row, column);
  std::int64_t number = 0;
  std::from_chars(value, value + PQgetlength(m_result.get(), row, column), number);
  return number;
}

double PgResult::real(int row, int column) const
{
  // from_chars, as PgParams::add(double) writes with to_chars: the server process's locale
  // (a decimal comma) never changes the number. PostgreSQL writes "Infinity" and "NaN", which
  // from_chars reads too.
  const char* value = PQgetvalue(m_result.get(), row, column);
  double number = 0;
  std::from_chars(value, value + PQgetlength(m_result.get(), row, column), number);
  return number;
}

std::string PgResult::bytes(int row, int column) const
{
  std::size_t length = 0;
  unsigned char* raw = PQunescapeBytea(
      reinterpret_cast<const unsigned char*>(PQgetvalue(m_result.get(), row, column)), &length);
  if (raw == nullptr) {
    throw StoreError("Out of memory reading a value from PostgreSQL.");
  }
  std::string bytes(reinterpret_cast<const char*>(raw), length);
  PQfreemem(raw);
  return bytes;
}

std::int64_t PgResult::affected() const
{
  const char* count = PQcmdTuples(m_result.get());
  return count[0] == '\0' ? 0 : std::stoll(count);
}

PgConnection::PgConnection(const std::string& url, const std::string& place,
                           std::atomic<std::uint64_t>* roundTrips)
    : m_place(place), m_roundTrips(roundTrips)
{
  m_conn = PQconnectdb(url.c_str());
  if (m_conn == nullptr || PQstatus(m_conn) != CONNECTION_OK) {
    std::string reason = m_conn != nullptr ? PQerrorMessage(m_conn) : "out of memory";
    while (!reason.empty() && (reason.back() == '\n' || reason.back() == ' ')) {
      reason.pop_back();
    }
    PQfinish(m_conn);
    m_conn = nullptr;
    throw StoreError("Couldn't connect to the PostgreSQL database '" + place + "': " + reason +
                     ". Check that PostgreSQL runs and that the address, user and database in "
                     "--database (database in server.conf) are right.");
  }
  // Quiet notices ("relation already exists, skipping") stay out of the server's output.
  PQsetNoticeProcessor(
      m_conn, [](void*, const char*) {}, nullptr);
}

PgConnection::~PgConnection()
{
  PQfinish(m_conn);
}

bool PgConnection::healthy() const
{
  return PQstatus(m_conn) == CONNECTION_OK && PQpipelineStatus(m_conn) == PQ_PIPELINE_OFF &&
         PQtransactionStatus(m_conn) == PQTRANS_IDLE;
}

void PgConnection::countRoundTrip()
{
  if (m_roundTrips != nullptr) {
    m_roundTrips->fetch_add(1, std::memory_order_relaxed);
  }
}

PgResult PgConnection::exec(const std::string& sql, const PgParams& params)
{
  countRoundTrip();
  const auto values = params.values();
  PGresult* result = PQexecParams(m_conn, sql.c_str(), params.size(), nullptr, values.data(),
                                  params.lengths(), params.formats(), 0);
  const auto status = result != nullptr ? PQresultStatus(result) : PGRES_FATAL_ERROR;
  if (status != PGRES_COMMAND_OK && status != PGRES_TUPLES_OK) {
    fail(sql, result);
  }
  return PgResult(result);
}

std::vector<PgResult> PgConnection::pipeline(const std::vector<PgStatement>& statements)
{
  std::vector<PgResult> results;
  if (statements.size() <= 1) {
    for (const auto& s : statements) {
      results.push_back(exec(s.sql, s.params));
    }
    return results;
  }
  countRoundTrip();
  if (PQenterPipelineMode(m_conn) != 1) {
    fail(statements.front().sql, nullptr);
  }
  // Everything is sent, then a sync point; the answers come back in order, one result per
  // statement followed by a null, then the sync's. After a failure the statements up to the
  // sync are not run (PGRES_PIPELINE_ABORTED).
  bool sent = true;
  for (const auto& s : statements) {
    const auto values = s.params.values();
    if (PQsendQueryParams(m_conn, s.sql.c_str(), s.params.size(), nullptr, values.data(),
                          s.params.lengths(), s.params.formats(), 0) != 1) {
      sent = false;
      break;
    }
  }
  if (sent && PQpipelineSync(m_conn) != 1) {
    sent = false;
  }
  std::vector<PGresult*> got;
  if (sent) {
    int nulls = 0;
    while (true) {
      PGresult* r = PQgetResult(m_conn);
      if (r == nullptr) {
        if (++nulls > 1 || PQstatus(m_conn) != CONNECTION_OK) {
          break; // the connection was lost before the sync's answer
        }
        continue;
      }
      nulls = 0;
      if (PQresultStatus(r) == PGRES_PIPELINE_SYNC) {
        PQclear(r);
        break;
      }
      got.push_back(r);
    }
  }
  PQexitPipelineMode(m_conn); // fails only on a lost connection, which the pool then drops
  // The first failure (or the first statement without an answer) is the one to report.
  std::size_t failed = statements.size();
  for (std::size_t i = 0; i < statements.size(); ++i) {
    const auto status = i < got.size() ? PQresultStatus(got[i]) : PGRES_FATAL_ERROR;
    if (status != PGRES_COMMAND_OK && status != PGRES_TUPLES_OK) {
      failed = i;
      break;
    }
  }
  if (failed < statements.size()) {
    PGresult* reason = nullptr;
    for (std::size_t i = 0; i < got.size(); ++i) {
      if (i == failed) {
        reason = got[i];
      } else {
        PQclear(got[i]);
      }
    }
    fail(statements[failed].sql, reason);
  }
  for (PGresult* r : got) {
    results.emplace_back(r);
  }
  return results;
}

void PgConnection::script(const std::string& sql)
{
  countRoundTrip();
  PGresult* result = PQexec(m_conn, sql.c_str());
  const auto status = result != nullptr ? PQresultStatus(result) : PGRES_FATAL_ERROR;
  if (status != PGRES_COMMAND_OK && status != PGRES_TUPLES_OK) {
    fail(sql, result);
  }
  PQclear(result);
}

void PgConnection::fail(const std::string& sql, PGresult* result)
{
  std::string reason = result != nullptr ? PQresultErrorMessage(result) : "";
  if (reason.empty()) {
    reason = PQerrorMessage(m_conn);
  }
  while (!reason.empty() && (reason.back() == '\n' || reason.back() == ' ')) {
    reason.pop_back();
  }
  const char* state = result != nullptr ? PQresultErrorField(result, PG_DIAG_SQLSTATE) : nullptr;
  const bool diskFull = state != nullptr && std::string(state) == kDiskFullState;
  PQclear(result);
  // The statement's first words, to tell which one failed.
  const auto start = std::min(sql.find_first_not_of(" \n"), sql.size());
  const std::string statement =
      sql.substr(start, std::min<std::size_t>(sql.find_first_of("\n(", start), start + 60) - start);
  if (diskFull) {
    throw DiskFull(m_place, "The PostgreSQL database '" + m_place + "' is out of disk space (" +
                                reason + "). Free space on its server, then try again.");
  }
  throw StoreError("The PostgreSQL database '" + m_place + "' failed (" + statement +
                   "): " + reason);
}

PgTransaction::PgTransaction(PgConnection& connection, const char* begin) : m_connection(connection)
{
  m_connection.exec(begin);
}

PgTransaction::PgTransaction(PgConnection& connection, BegunByCaller) : m_connection(connection) {}

PgTransaction::~PgTransaction()
{
  if (m_open) {
    try {
      m_connection.exec("ROLLBACK");
    } catch (...) {
      // A dropped connection rolls back by itself; the pool replaces it.
    }
  }
}

void PgTransaction::commit()
{
  m_connection.exec("COMMIT");
  m_open = false;
}

PgPool::PgPool(std::string url) : m_url(std::move(url)), m_place(urlWithoutPassword(m_url)) {}

PgPool::Lease PgPool::borrow()
{
  {
    std::lock_guard lock(m_mutex);
    while (!m_idle.empty()) {
      auto connection = std::move(m_idle.back());
      m_idle.pop_back();
      if (connection->healthy()) {
        return Lease(*this, std::move(connection));
      }
    }
  }
  return Lease(*this, std::make_unique<PgConnection>(m_url, m_place, &m_roundTrips));
}

void PgPool::giveBack(std::unique_ptr<PgConnection> connection)
{
  if (!connection->healthy()) {
    return; // dropped, or left in a transaction: closed
  }
  std::lock_guard lock(m_mutex);
  if (m_idle.size() < kMaxIdleConnections) {
    m_idle.push_back(std::move(connection));
  }
}

PgPool::Lease::~Lease()
{
  if (m_connection) {
    m_pool->giveBack(std::move(m_connection));
  }
}

} // namespace pupitre::server
