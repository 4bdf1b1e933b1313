#pragma once
// PostgreSQL connections (libpq) for several threads: each thread borrows a connection of its
// own from the pool, runs parameterized statements on it and gives it back. A connection the
// server dropped is replaced on the next borrow. Failures throw StoreError (DiskFull when
// the database's disk is full) saying what failed.
#include "server/store/database_url.h"

#include <libpq-fe.h>

#include <atomic>
#include <cstdint>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

namespace pupitre::server {

// The parameters of one statement, $1, $2, ... in order. Texts and numbers go as text;
// bytes (bytea) go in binary.
class PgParams
{
public:
  PgParams& add(std::int64_t value);
  PgParams& add(double value);
  PgParams& add(const std::string& text);
  PgParams& add(const char* text) { return add(std::string(text)); }
  PgParams& addBytes(const std::string& bytes);
  PgParams& addNull();

  int size() const { return static_cast<int>(m_values.size()); }
  std::vector<const char*> values() const;
  const int* lengths() const { return m_lengths.data(); }
  const int* formats() const { return m_formats.data(); }

private:
  std::vector<std::optional<std::string>> m_values;
  std::vector<int> m_lengths;
  std::vector<int> m_formats;
};

// A statement's answer (text format).
class PgResult
{
public:
  explicit PgResult(PGresult* result) : m_result(result, &PQclear) {}

  int rows() const { return PQntuples(m_result.get()); }
  bool isNull(int row, int column) const { return PQgetisnull(m_result.get(), row, column) != 0; }
  std::string text(int row, int column) const;
  std::int64_t int64(int row, int column) const;
  double real(int row, int column) const;
  bool boolean(int row, int column) const { return text(row, column) == "t"; }
  // A bytea column's bytes.
  std::string bytes(int row, int column) const;
  // Rows an INSERT, UPDATE or DELETE changed.
  std::int64_t affected() const;

private:
  std::unique_ptr<PGresult, void (*)(PGresult*)> m_result;
};

// A statement and its parameters, to run in a pipeline (PgConnection::pipeline).
struct PgStatement
{
  std::string sql;
  PgParams params;
};

class PgConnection
{
public:
  // `url`: postgresql://USER@HOST[:PORT]/DB (any libpq connection string). `place` names the
  // database in messages (the URL without its password). Each round trip to the database is
  // added to `roundTrips` when given.
  PgConnection(const std::string& url, const std::string& place,
               std::atomic<std::uint64_t>* roundTrips = nullptr);
  ~PgConnection();
  PgConnection(const PgConnection&) = delete;
  PgConnection& operator=(const PgConnection&) = delete;

  PgResult exec(const std::string& sql, const PgParams& params = {});
  // Runs the statements in order in one round trip (libpq's pipeline mode) and returns their
  // answers in the same order. A statement that fails throws as exec does, naming it; the
  // statements after it are not run (an open transaction is then failed: roll it back).
  std::vector<PgResult> pipeline(const std::vector<PgStatement>& statements);
  // Runs several statements without parameters (a migration's script).
  void script(const std::string& sql);
  // Whether the connection can take the next statement (not dropped, no transaction open).
  bool healthy() const;

private:
  [[noreturn]] void fail(const std::string& sql, PGresult* result);
  void countRoundTrip();

  PGconn* m_conn = nullptr;
  std::string m_place;
  std::atomic<std::uint64_t>* m_roundTrips = nullptr;
};

// One transaction on a connection: BEGIN on construction, ROLLBACK unless commit() was called.
class PgTransaction
{
public:
  explicit PgTransaction(PgConnection& connection, const char* begin = "BEGIN");
  // The caller sends the BEGIN itself, first in a pipeline (and may send the COMMIT last in
  // one: then it calls committed()).
  struct BegunByCaller
  {
  };
  PgTransaction(PgConnection& connection, BegunByCaller);
  ~PgTransaction();
  PgTransaction(const PgTransaction&) = delete;
  PgTransaction& operator=(const PgTransaction&) = delete;
  void commit();
  // The caller's pipeline ran the COMMIT.
  void committed() { m_open = false; }

private:
  PgConnection& m_connection;
  bool m_open = true;
};

class PgPool
{
public:
  explicit PgPool(std::string url);

  // The URL without its password, for messages.
  const std::string& place() const { return m_place; }

  class Lease
  {
  public:
    Lease(PgPool& pool, std::unique_ptr<PgConnection> connection)
        : m_pool(&pool), m_connection(std::move(connection))
    {
    }
    Lease(Lease&& other) noexcept = default;
    Lease& operator=(Lease&&) = delete;
    ~Lease();
    PgConnection* operator->() { return m_connection.get(); }
    PgConnection& operator*() { return *m_connection; }

  private:
    PgPool* m_pool;
    std::unique_ptr<PgConnection> m_connection;
  };

  Lease borrow();

  // The round trips to the database of every connection of the pool so far (statements, and
  // pipelines of statements): what tests and the debug log count.
  std::uint64_t roundTrips() const { return m_roundTrips.load(); }

private:
  void giveBack(std::unique_ptr<PgConnection> connection);

  std::atomic<std::uint64_t> m_roundTrips{0};
  std::string m_url;
  std::string m_place;
  std::mutex m_mutex;
  std::vector<std::unique_ptr<PgConnection>> m_idle;
};

} // namespace pupitre::server
