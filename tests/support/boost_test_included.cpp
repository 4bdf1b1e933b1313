// Boost.Test's implementation and main() for the Windows build, where no compiled Boost library
// exists: the suites' main.cpp files define BOOST_TEST_MODULE (init_unit_test_suite), which the
// main() compiled here calls (tests/CMakeLists.txt).
#include <boost/test/included/unit_test.hpp>
