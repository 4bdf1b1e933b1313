#define BOOST_TEST_MODULE pupitre_fuzz
#include <boost/test/unit_test.hpp>
