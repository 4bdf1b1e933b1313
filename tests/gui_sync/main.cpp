#define BOOST_TEST_MODULE pupitre_gui_sync
#include "gui_sync_fixture.h"

#include <boost/test/unit_test.hpp>

using pupitre::test::WxRuntime;
BOOST_TEST_GLOBAL_FIXTURE(WxRuntime);
