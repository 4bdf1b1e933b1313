#define BOOST_TEST_MODULE pupitre_sim
#include <boost/test/unit_test.hpp>
