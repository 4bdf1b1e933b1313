#define BOOST_TEST_MODULE pupitre_server
#include <boost/test/unit_test.hpp>
