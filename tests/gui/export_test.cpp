// File > Export or print… (issue 17): the dialog, and the report written on the worker thread
// with a progress window while the window keeps answering, in English and in Spanish; a
// folder that cannot be written is an error message, and nothing is left behind.
#include "gui_fixture.h"
#include "spanish_session.h"

#include "class_list_panel.h"
#include "reports/export_dialog.h"

#include "pupitre/model/classes.h"
#include "pupitre/model/terms.h"

#include <boost/test/unit_test.hpp>

#include <array>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <memory>
#include <string>

using namespace pupitre;

namespace {

namespace fs = std::filesystem;

std::string firstBytes(const std::string& path, std::size_t count)
{
  std::ifstream in(path, std::ios::binary);
  std::string bytes(count, '\0');
  in.read(bytes.data(), static_cast<std::streamsize>(count));
  bytes.resize(static_cast<std::size_t>(in.gcount()));
  return bytes;
}

std::string pdfText(const std::string& path)
{
  std::string text;
  const std::string command = "pdftotext -enc UTF-8 '" + path + "' -";
  std::unique_ptr<FILE, int (*)(FILE*)> pipe(popen(command.c_str(), "r"), pclose);
  std::array<char, 4096> buffer{};
  while (pipe && std::fgets(buffer.data(), buffer.size(), pipe.get())) {
    text += buffer.data();
  }
  return text;
}

// Writes the report through the app's path (the worker, the progress window) and waits.
bool exportAndWait(test::AppFixture& app, const gui::ExportChoice& choice, const std::string& path)
{
  bool done = false;
  gui::writeReportInBackground(app.frame, app.frame->worker(),
                               app.frame->classes()->selectedClass(), choice, path,
                               [&done] { done = true; });
  return test::waitUntil([&] { return done || app.frame->worker().pending() == 0; }, 20'000) &&
         done;
}

void showDialog(test::AppFixture& app, const std::string& shot)
{
  const std::string classId = app.frame->classes()->selectedClass();
  auto* dialog = new gui::ExportDialog(app.frame, model::Classes(*app.db).get(classId).name,
                                       model::Terms(*app.db).list(classId));
  dialog->Show();
  test::pump(300);
  test::screenshot(dialog, shot);
  BOOST_TEST(dialog->suggestedFileName().EndsWith(".xlsx"));
  dialog->Destroy();
  test::pump();
}

} // namespace

BOOST_AUTO_TEST_SUITE(export_reports)

BOOST_AUTO_TEST_CASE(the_gradebook_and_report_cards_are_written_off_the_gui_thread)
{
  test::AppFixture app;
  BOOST_REQUIRE(app.gradebookLoaded());
  showDialog(app, "export-dialog");
  const std::string xlsx = app.sandbox.path("gradebook.xlsx");
  BOOST_REQUIRE(exportAndWait(app, {}, xlsx));
  BOOST_TEST(firstBytes(xlsx, 2) == "PK"); // a zip: the workbook
  gui::ExportChoice cards;
  cards.kind = gui::ExportChoice::Kind::ReportCards;
  cards.format = reports::Format::Pdf;
  cards.school = "IES Lluís Vives";
  const std::string pdf = app.sandbox.path("cards.pdf");
  BOOST_REQUIRE(exportAndWait(app, cards, pdf));
  const std::string text = pdfText(pdf);
  BOOST_TEST(text.find("Report card") != std::string::npos);
  BOOST_TEST(text.find("IES Lluís Vives") != std::string::npos);
  BOOST_TEST(test::takeErrors().empty());
}

BOOST_AUTO_TEST_CASE(a_folder_that_cannot_be_written_is_an_error_and_leaves_nothing)
{
  test::AppFixture app;
  BOOST_REQUIRE(app.gradebookLoaded());
  test::takeErrors();
  const std::string path = app.sandbox.path("no-such-folder/gradebook.pdf");
  gui::ExportChoice choice;
  choice.format = reports::Format::Pdf;
  BOOST_TEST(!exportAndWait(app, choice, path));
  const auto errors = test::takeErrors();
  BOOST_REQUIRE(errors.size() == 1u);
  BOOST_TEST(errors.front().Contains("Cannot write the report"));
  BOOST_TEST(!fs::exists(path));
}

BOOST_AUTO_TEST_CASE(a_spanish_teacher_gets_a_spanish_report,
                     *boost::unit_test::precondition(test::spanishLocaleInstalled))
{
  test::SpanishSession spanish;
  test::AppFixture app;
  BOOST_REQUIRE(app.gradebookLoaded());
  showDialog(app, "export-dialog-es");
  gui::ExportChoice choice;
  choice.format = reports::Format::Pdf;
  const std::string pdf = app.sandbox.path("cuaderno.pdf");
  BOOST_REQUIRE(exportAndWait(app, choice, pdf));
  const std::string text = pdfText(pdf);
  BOOST_TEST(text.find("Cuaderno de notas") != std::string::npos);
  BOOST_TEST(text.find("Nota final") != std::string::npos);
  BOOST_TEST(text.find("Medias") != std::string::npos);
  // Averages with a decimal comma ("6,4"), never a point.
  bool comma = false;
  for (std::size_t at = text.find(','); at != std::string::npos; at = text.find(',', at + 1)) {
    comma = comma || (at > 0 && at + 1 < text.size() && std::isdigit(text[at - 1]) &&
                      std::isdigit(text[at + 1]));
  }
  BOOST_TEST(comma);
}

BOOST_AUTO_TEST_SUITE_END()
