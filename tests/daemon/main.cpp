#define BOOST_TEST_MODULE pupitre_daemon
#include <boost/test/unit_test.hpp>
