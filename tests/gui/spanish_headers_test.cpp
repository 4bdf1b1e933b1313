// No list header is cut off in Spanish at 1366×768 (issue 13): every list of every screen,
// and the Settings dialog's device list, has each column at least as wide as its header.
#include "gui_fixture.h"

#include "translations.h"

#include <wx/listctrl.h>
#include <wx/notebook.h>
#include <wx/translation.h>

#include <boost/test/unit_test.hpp>

#include <functional>

using namespace pupitre;

namespace {

void forEachList(wxWindow* window, const std::function<void(wxListCtrl*)>& visit)
{
  if (auto* list = dynamic_cast<wxListCtrl*>(window); list && list->InReportView()) {
    visit(list);
  }
  for (auto* child : window->GetChildren()) {
    forEachList(child, visit);
  }
}

// "Header" of every column narrower than its header's text (plus the sort arrow's room).
std::vector<std::string> cutHeaders(wxListCtrl* list)
{
  std::vector<std::string> cut;
  for (int column = 0; column < list->GetColumnCount(); ++column) {
    wxListItem header;
    header.SetMask(wxLIST_MASK_TEXT);
    list->GetColumn(column, header);
    if (list->GetColumnWidth(column) < list->GetTextExtent(header.GetText()).x + 16) {
      cut.push_back(header.GetText().utf8_string());
    }
  }
  return cut;
}

} // namespace

BOOST_AUTO_TEST_SUITE(spanish_headers)

BOOST_AUTO_TEST_CASE(no_list_header_is_cut_off_in_spanish)
{
  BOOST_REQUIRE(gui::setupTranslations(wxLANGUAGE_SPANISH));
  {
    test::AppFixture app;
    BOOST_REQUIRE(app.gradebookLoaded());
    app.frame->SetSize(wxSize(1366, 768));
    for (std::size_t page = 0; page < app.frame->tabs()->GetPageCount(); ++page) {
      app.frame->showPage(static_cast<int>(page));
      test::pump(300);
      forEachList(app.frame, [&](wxListCtrl* list) {
        if (!list->IsShownOnScreen()) {
          return;
        }
        for (const auto& header : cutHeaders(list)) {
          BOOST_ERROR("page " << page << ": the header '" << header << "' is cut off");
        }
      });
    }
  }
  wxTranslations::Set(nullptr);
}

BOOST_AUTO_TEST_SUITE_END()
