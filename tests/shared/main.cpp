#define BOOST_TEST_MODULE pupitre_shared
#include <boost/test/unit_test.hpp>
