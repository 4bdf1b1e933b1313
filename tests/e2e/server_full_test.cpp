// A server whose disk is full says so (issue 12, item 8): the teacher reads that the server is
// out of space and that the changes stay on the computer, the administrator reads in the
// server's log which folder is full, and once there is room again everything goes up. The
// disk is a real one: a small tmpfs mounted over the server's data folder (root only).
#include "cluster.h"

#include "pupitre/model/students.h"
#include "pupitre/store/database.h"
#include "support/tmpfs_mount.h"

#include <boost/test/unit_test.hpp>

#include <filesystem>
#include <memory>

using namespace pupitre;
using namespace pupitre::e2e;

BOOST_AUTO_TEST_SUITE(server_full_tests)

BOOST_AUTO_TEST_CASE(a_full_server_disk_is_told_to_the_teacher_and_logged_for_the_administrator,
                     *boost::unit_test::precondition(test::tmpfsMountable))
{
  Cluster cluster;
  cluster.loginAll();
  Device& a = cluster[0];
  Device& b = cluster[1];
  const auto cls = a.write({"class", "add", "3B History"});
  a.syncOk();

  // The server's data folder moves onto a 16 MiB disk, which something else fills.
  cluster.server.stop();
  cluster.server.setLogFile(cluster.sandbox.dir() / "server.log");
  auto disk = std::make_unique<test::TmpfsMount>(cluster.server.dataDir(), std::size_t{16} << 20);
  cluster.server.start();
  disk->fill();

  // About 3 MB of notes: more than the database's journal holds already.
  std::vector<std::string> students;
  {
    store::Database db(a.database());
    model::Students list(db);
    for (int i = 0; i < 30; ++i) {
      students.push_back(list.create({.classId = cls,
                                      .givenName = "Pupil" + std::to_string(i),
                                      .familyName = "Full",
                                      .notes = std::string(100'000, 'n')}));
    }
  }
  const auto sync = a.sync();
  BOOST_TEST(sync.exitCode == 1);
  const std::string sentence = "The server is out of disk space; your changes are kept on this "
                               "computer. Tell the server's administrator.";
  BOOST_TEST(contains(sync.err, sentence), sync.err);
  const auto status = a.status();
  BOOST_TEST(status->getValue<std::string>("state") == "error");
  BOOST_TEST(contains(status->getValue<std::string>("state_reason"), sentence));
  BOOST_TEST(a.pending() > 0);
  const std::string log = cluster.server.log();
  BOOST_TEST_MESSAGE("the server logged: " << log);
  BOOST_TEST(contains(log, "[error]"), log);
  BOOST_TEST(contains(log, cluster.server.dataDir().string()), log);
  BOOST_TEST(contains(log, "full"), log);

  // Room again: everything goes up, nothing was lost.
  std::filesystem::remove(cluster.server.dataDir() / "filler.bin");
  const auto sent = a.syncOk();
  BOOST_TEST(sent.sent > 0);
  b.syncOk();
  const auto all = cluster.requireConverged();
  for (const auto& id : students) {
    BOOST_TEST(exportedRow(all, "students", id));
  }
  cluster.requireIntegrity();
  cluster.server.stop();
  disk.reset();
}

BOOST_AUTO_TEST_SUITE_END()
