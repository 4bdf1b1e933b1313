#define BOOST_TEST_MODULE pupitre_blobs
#include <boost/test/unit_test.hpp>
