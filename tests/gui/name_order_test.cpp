// Names sort by the teacher's collation on every screen: under es_ES.UTF-8 and under C.UTF-8
// "Álvarez" comes first and "Zamora" last in the gradebook, the Students tab, the day's
// register and the term totals (it used to be byte order on the last three: Zamora first).
#include "gui_fixture.h"

#include "class_list_panel.h"
#include "gradebook/gradebook_panel.h"
#include "gradebook/gradebook_table.h"
#include "panels/attendance_panel.h"
#include "panels/students_panel.h"
#include "translations.h"

#include "pupitre/model/classes.h"
#include "pupitre/model/students.h"
#include "support/preconditions.h"

#include <wx/listctrl.h>

#include <boost/test/unit_test.hpp>

#include <clocale>
#include <cstdlib>
#include <optional>
#include <string>
#include <vector>

using namespace pupitre;

namespace {

// The process's locale as a session with LC_ALL=`name` sets it, restored afterwards.
struct LocaleSession
{
  explicit LocaleSession(const char* name)
  {
    const char* value = std::getenv("LC_ALL");
    m_saved = value ? std::optional<std::string>(value) : std::nullopt;
    setenv("LC_ALL", name, 1);
    gui::useUtf8Locale(); // what the app does at start
  }
  ~LocaleSession()
  {
    m_saved ? setenv("LC_ALL", m_saved->c_str(), 1) : unsetenv("LC_ALL");
    gui::useUtf8Locale();
  }
  std::optional<std::string> m_saved;
};

const std::vector<std::string> kFamilies = {"Zamora", "Álvarez", "Ñúñez", "Oliva", "élise"};
const std::vector<std::string> kExpected = {"Álvarez", "élise", "Ñúñez", "Oliva", "Zamora"};

void fillClass(store::Database& db, const test::Sandbox&)
{
  model::SchoolClass c;
  c.name = "4B";
  const auto classId = model::Classes(db).create(c);
  for (const auto& family : kFamilies) {
    model::Student s;
    s.classId = classId;
    s.givenName = "Ana";
    s.familyName = family;
    model::Students(db).create(s);
  }
}

std::vector<std::string> listFamilies(wxListView* list)
{
  std::vector<std::string> names;
  for (long i = 0; i < list->GetItemCount(); ++i) {
    names.push_back(list->GetItemText(i).BeforeFirst(',').utf8_string());
  }
  return names;
}

std::string join(const std::vector<std::string>& names)
{
  std::string text;
  for (const auto& n : names) {
    text += (text.empty() ? "" : " < ") + n;
  }
  return text;
}

void checkEveryScreen(const std::string& shotSuffix)
{
  test::AppFixture app(fillClass);
  const std::string expected = join(kExpected);
  // The gradebook (it was right before).
  auto* table = app.frame->gradebook()->table();
  std::vector<std::string> gradebook;
  for (int r = 0; r < table->GetNumberRows(); ++r) {
    const int s = table->studentAt(r);
    if (s >= 0) {
      gradebook.push_back(table->data()->students[static_cast<std::size_t>(s)].familyName);
    }
  }
  BOOST_CHECK_EQUAL(join(gradebook), expected);
  // The Students tab.
  app.frame->showPage(3);
  BOOST_CHECK_EQUAL(join(listFamilies(app.frame->students()->list())), expected);
  test::screenshot(app.frame, "names-students-" + shotSuffix);
  // The day's register and the term totals.
  app.frame->showPage(1);
  auto* attendance = app.frame->attendance();
  BOOST_CHECK_EQUAL(join(listFamilies(attendance->list())), expected);
  attendance->showTerm(true);
  BOOST_REQUIRE(test::waitUntil([&] {
    return app.frame->worker().pending() == 0 &&
           attendance->list()->GetItemCount() == static_cast<int>(kFamilies.size());
  }));
  BOOST_CHECK_EQUAL(join(listFamilies(attendance->list())), expected);
  attendance->showTerm(false);
  test::screenshot(app.frame, "names-attendance-" + shotSuffix);
}

} // namespace

BOOST_AUTO_TEST_SUITE(name_order)

BOOST_AUTO_TEST_CASE(names_sort_by_the_spanish_collation_on_every_screen,
                     *boost::unit_test::precondition(test::spanishLocaleInstalled))
{
  const LocaleSession spanish(test::kSpanishLocale);
  // The names go through the C library's Spanish collation, not the fallback.
  BOOST_CHECK(std::string(std::setlocale(LC_COLLATE, nullptr)).find("es_ES") == 0);
  checkEveryScreen("es");
}

BOOST_AUTO_TEST_CASE(names_sort_with_accents_folded_under_the_c_locale)
{
  const LocaleSession c("C.UTF-8");
  checkEveryScreen("c");
}

BOOST_AUTO_TEST_SUITE_END()
