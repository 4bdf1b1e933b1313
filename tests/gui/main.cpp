// gui_tests: Boost.Test with a wx application set up once for every suite (gui_fixture.h).
#define BOOST_TEST_MODULE pupitre_gui
#include <boost/test/unit_test.hpp>
