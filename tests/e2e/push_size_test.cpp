// A device whose pending text is larger than the server takes in one push (16 MiB by
// default) still sends all of it: the daemon cuts its batches by the size of their text as
// well as by their count.
#include "cluster.h"

#include "pupitre/model/journal.h"
#include "pupitre/store/database.h"

#include <boost/test/unit_test.hpp>

#include <string>

using namespace pupitre;
using namespace pupitre::e2e;

BOOST_AUTO_TEST_SUITE(push_size_tests)

BOOST_AUTO_TEST_CASE(long_journal_entries_past_one_push_limit_all_reach_the_other_device)
{
  Cluster cluster;
  cluster.loginAll();
  Device& a = cluster[0];
  Device& b = cluster[1];
  const auto cls = a.write({"class", "add", "4B Mathematics"});
  {
    // 24 entries of 900 KB (a command line can't carry one): 21.6 MB of text, as the app
    // writes them, into the database pupitred is serving.
    store::Database db(a.database());
    model::Journal journal(db);
    for (int i = 0; i < 24; ++i) {
      journal.create({.classId = cls,
                      .date = "2026-10-05",
                      .title = "Day " + std::to_string(i),
                      .body = std::string(900'000, static_cast<char>('a' + i))});
    }
  }
  const auto sent = a.syncOk();
  BOOST_TEST(sent.sent > 24);
  BOOST_TEST(a.pending() == 0);
  BOOST_TEST(b.syncOk().received == sent.sent);
  const auto journal = b.data({"list", "journal", "--class", cls, "--json"});
  BOOST_TEST(journal.out.find(std::string(900'000, 'x')) != std::string::npos);
  cluster.requireConverged();
}

BOOST_AUTO_TEST_SUITE_END()
