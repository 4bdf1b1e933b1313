// The core's refusals reach a Spanish teacher in Spanish (issue 13): an edit the core
// refuses goes through the app's command path (ModelCommand, as every panel submits its
// edits) and the message shown is the catalog's Spanish; a refusal of the server, through
// the real pupitred, too.
#include "cluster.h"
#include "gui_fixture.h"
#include "spanish_session.h"

#include "model_command.h"
#include "sync/daemon_link.h"
#include "sync/daemon_replies.h"

#include "pupitre/model/attendance.h"
#include "pupitre/model/classes.h"
#include "pupitre/model/journal.h"
#include "pupitre/model/students.h"
#include "pupitre/model/terms.h"

#include <boost/test/unit_test.hpp>

using namespace pupitre;

namespace {

std::string firstClass(store::Database& db)
{
  const auto classes = model::Classes(db).list();
  BOOST_REQUIRE(!classes.empty());
  return classes.front().id;
}

// Submits `edit` as the app's panels do and returns the one message the teacher sees.
std::string refusal(test::AppFixture& app, std::function<void()> edit)
{
  test::takeErrors();
  app.frame->commands().Submit(new gui::ModelCommand(
      "Edit", std::move(edit), [] {}, [] {}));
  std::vector<wxString> errors;
  test::waitUntil([&] {
    for (auto& e : test::takeErrors()) {
      errors.push_back(e);
    }
    return !errors.empty();
  });
  BOOST_REQUIRE_EQUAL(errors.size(), 1u);
  return errors.front().utf8_string();
}

} // namespace

BOOST_AUTO_TEST_SUITE(core_sentences_es)

BOOST_AUTO_TEST_CASE(the_models_refusals_are_spanish)
{
  test::SpanishSession spanish;
  test::AppFixture app;
  BOOST_REQUIRE(app.gradebookLoaded());
  auto& db = *app.db;
  const std::string classId = firstClass(db);

  model::Student nameless;
  nameless.classId = classId;
  BOOST_TEST(refusal(app, [&] { model::Students(db).create(nameless); }) ==
             "Un alumno necesita un nombre o unos apellidos.");

  model::Term backwards;
  backwards.classId = classId;
  backwards.name = "1ª evaluación";
  backwards.start = "2026-12-20";
  backwards.end = "2026-09-10";
  BOOST_TEST(refusal(app, [&] { model::Terms(db).create(backwards); }) ==
             "La evaluación «1ª evaluación» termina (2026-09-10) antes de empezar (2026-12-20); "
             "pon una fecha de fin igual o posterior a la de inicio.");

  model::JournalEntry huge;
  huge.classId = classId;
  huge.date = "2026-12-04";
  huge.body = std::string(1024 * 1024 + 1, 'x');
  BOOST_TEST(refusal(app, [&] { model::Journal(db).create(huge); }) ==
             "Una entrada del diario puede tener como máximo 1 MB de texto.");

  BOOST_TEST(refusal(app, [&] { model::parseAttendanceState("tarde"); }) ==
             "«tarde» no es un estado de asistencia; usa present (presente), absent (ausente), "
             "late (retraso) o justified (justificada).");

  // A sentence within a sentence: both in Spanish.
  model::Student badEmail;
  badEmail.classId = classId;
  badEmail.givenName = "Ana";
  badEmail.familyName = "García";
  badEmail.email = "pablo@";
  BOOST_TEST(refusal(app, [&] { model::Students(db).createAll({badEmail}); }) ==
             "Alumno García, Ana: «pablo@» no es una dirección de correo electrónico "
             "(nombre@colegio.org).");

  // The field's word is translated too.
  model::SchoolClass unnamed;
  unnamed.name = "   ";
  BOOST_TEST(refusal(app, [&] { model::Classes(db).create(unnamed); }) ==
             "El campo «nombre de la clase» no puede estar vacío.");
}

// pupitred's answer to a wrong password, through the app's link to the real daemon.
BOOST_AUTO_TEST_CASE(a_refused_sign_in_is_spanish)
{
  e2e::Cluster cluster({.devices = 1});
  test::SpanishSession spanish;
  gui::DaemonLink link(cluster[0].socket(), cluster[0].database());
  link.start(false);
  BOOST_REQUIRE(test::waitUntil([&] { return link.status().reachable; }));
  std::optional<std::string> error;
  link.signIn(cluster.server.url(), e2e::kEmail, "wrong password",
              [&](const std::string& e) { error = e; });
  BOOST_REQUIRE(test::waitUntil([&] { return error.has_value(); }, 30'000));
  BOOST_TEST(*error ==
                 "El servidor rechazó la contraseña de ana@school.es. Compruébela e inicie sesión "
                 "de nuevo.",
             *error);

  // The daemon's own refusal (a name it checks) crosses the IPC in a translatable form.
  error.reset();
  link.signIn(
      cluster.server.url(), e2e::kEmail, e2e::kPassword, [&](const std::string& e) { error = e; },
      std::string(51, 'x'));
  BOOST_REQUIRE(test::waitUntil([&] { return error.has_value(); }, 30'000));
  BOOST_TEST(*error ==
                 "El nombre del dispositivo es demasiado largo (51 caracteres); acórtalo a 50 "
                 "como máximo.",
             *error);

  cluster.server.stop();
  error.reset();
  link.signIn(cluster.server.url(), e2e::kEmail, e2e::kPassword,
              [&](const std::string& e) { error = e; });
  BOOST_REQUIRE(test::waitUntil([&] { return error.has_value(); }, 60'000));
  BOOST_TEST(error->rfind("No se pudo", 0) == 0u, *error);
}

// A sync the server refuses for a reason the app words itself, not in the server's English.
BOOST_AUTO_TEST_CASE(a_sync_refused_by_the_server_is_spanish)
{
  test::SpanishSession spanish;
  BOOST_TEST(gui::syncFailureText("server_full", "The server is out of disk space; your changes "
                                                 "are kept on this computer. Tell the server's "
                                                 "administrator.") ==
             "El servidor se ha quedado sin espacio en disco; tus cambios se guardan en este "
             "ordenador. Avisa al administrador del servidor.");
  BOOST_TEST(gui::syncFailureText("clock_ahead", "This device's clock is more than 5 minutes "
                                                 "ahead of the server's.")
                 .rfind("El reloj de este ordenador", 0) == 0u);
  BOOST_TEST(gui::syncFailureText("offline", "Couldn't reach the server").rfind("No se pudo", 0) ==
             0u);
}

BOOST_AUTO_TEST_SUITE_END()
