#define BOOST_TEST_MODULE pupitre_e2e
#include <boost/test/unit_test.hpp>
