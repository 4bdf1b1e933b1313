// Students' pictures are decoded on the worker, never on the GUI thread: a picked photo and a
// synced picture (bytes from outside) cannot freeze or crash the window while they are read.
#include "gui_fixture.h"

#include "class_list_panel.h"
#include "panels/students_panel.h"
#include "worker.h"

#include "pupitre/blobs/attachments.h"
#include "pupitre/blobs/blob_store.h"
#include "pupitre/blobs/picture.h"
#include "pupitre/model/students.h"

#include <wx/cmdproc.h>
#include <wx/image.h>

#include <boost/test/unit_test.hpp>

#include <filesystem>
#include <string>

using namespace pupitre;

namespace {

// A 240×320 RGB photo, a pale disc on blue.
std::string photoPixels()
{
  std::string rgb;
  for (int y = 0; y < 320; ++y) {
    for (int x = 0; x < 240; ++x) {
      const bool face = (x - 120) * (x - 120) + (y - 130) * (y - 130) < 70 * 70;
      rgb += static_cast<char>(face ? 230 : 70);
      rgb += static_cast<char>(face ? 190 : 120 + y / 8);
      rgb += static_cast<char>(face ? 160 : 180);
    }
  }
  return rgb;
}

std::string pictureOf(store::Database& db, const std::string& studentId)
{
  return model::Students(db).get(studentId).picture;
}

} // namespace

BOOST_AUTO_TEST_SUITE(pictures)

BOOST_AUTO_TEST_CASE(a_picked_photo_is_decoded_on_the_worker_then_set_with_undo)
{
  test::AppFixture app;
  auto* frame = app.frame;
  frame->showPage(3);
  auto* panel = frame->students();
  const auto students = model::Students(*app.db).list(frame->classes()->selectedClass());
  BOOST_REQUIRE(!students.empty());
  const std::string id = students[0].id;
  BOOST_REQUIRE(pictureOf(*app.db, id).empty());
  const std::string file = app.sandbox.path("photo.png");
  test::writeFile(file, blobs::encodeRgbAsPng(240, 320, photoPixels()));
  panel->select(id);

  panel->setPictureFile(file);
  // The call came back before the photo was decoded: the work waits on the worker, and the
  // student's picture changes only when its result reaches the GUI thread.
  BOOST_CHECK_GT(frame->worker().pending(), 0);
  BOOST_CHECK(pictureOf(*app.db, id).empty());

  BOOST_REQUIRE(test::waitUntil([&] { return !pictureOf(*app.db, id).empty(); }));
  const std::string hash = pictureOf(*app.db, id);
  BOOST_CHECK(test::waitUntil(
      [&] { return frame->worker().pending() == 0 && panel->picturesShown() == 1; }));
  BOOST_CHECK(test::takeErrors().empty());

  frame->commands().Undo();
  BOOST_CHECK(pictureOf(*app.db, id).empty());
  frame->commands().Redo();
  BOOST_CHECK_EQUAL(pictureOf(*app.db, id), hash);
}

BOOST_AUTO_TEST_CASE(synced_pictures_are_made_into_thumbnails_on_the_worker)
{
  test::AppFixture app;
  auto* frame = app.frame;
  frame->showPage(3);
  auto* panel = frame->students();
  const auto students = model::Students(*app.db).list(frame->classes()->selectedClass());
  BOOST_REQUIRE_GE(students.size(), 2u);
  // As a sync leaves them: the pictures' bytes in the store, no thumbnails yet. The second
  // is not a picture at all (a damaged or hostile file): it keeps the initials, quietly.
  blobs::BlobStore store(blobs::blobFolderFor(app.db->path()));
  const std::string good = store.addBytes(blobs::encodeRgbAsJpeg(240, 320, photoPixels()));
  const std::string bad = store.addBytes(std::string(4096, 'x'));
  for (const auto& [student, hash] : {std::pair{students[0].id, good}, {students[1].id, bad}}) {
    model::StudentChanges changes;
    changes.picture = hash;
    model::Students(*app.db).update(student, changes);
  }
  const auto thumbnail = store.root() / "thumbnails" / (good + ".jpg");
  BOOST_REQUIRE(!std::filesystem::exists(thumbnail));

  panel->reload();
  // The list is filled with initials at once; the decoding waits on the worker.
  BOOST_CHECK_EQUAL(panel->picturesShown(), 0);
  BOOST_CHECK_GT(frame->worker().pending(), 0);

  BOOST_CHECK(test::waitUntil(
      [&] { return frame->worker().pending() == 0 && panel->picturesShown() == 1; }));
  BOOST_CHECK(std::filesystem::exists(thumbnail));
  BOOST_CHECK(test::takeErrors().empty());
}

BOOST_AUTO_TEST_SUITE_END()
