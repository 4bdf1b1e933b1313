#include "blob_commands.h"

#include "context.h"
#include "pupitre/blobs/attachments.h"
#include "pupitre/blobs/blob_transfer.h"
#include "pupitre/model/resources.h"
#include "pupitre/printable.h"
#include "pupitre/store/canonical_json.h"

namespace pupitre::ctl {
namespace {

blobs::BlobStore blobStore(Context& ctx)
{
  return blobs::BlobStore(blobs::blobFolderFor(ctx.db().path()));
}

int studentPicture(Context& ctx, const Invocation& in)
{
  auto store = blobStore(ctx);
  const std::string hash =
      blobs::setStudentPicture(ctx.db(), store, in.positional[0], in.positional[1]);
  ctx.out << hash << "\n";
  return 0;
}

int resourceAdd(Context& ctx, const Invocation& in)
{
  auto store = blobStore(ctx);
  ctx.out << blobs::addResource(ctx.db(), store, in.positional[0], in.positional[1]) << "\n";
  return 0;
}

int resourceGet(Context& ctx, const Invocation& in)
{
  const auto store = blobStore(ctx);
  blobs::saveResource(ctx.db(), store, in.positional[0], in.positional[1]);
  return 0;
}

int resourceList(Context& ctx, const Invocation& in)
{
  const auto store = blobStore(ctx);
  const auto all = model::Resources(ctx.db()).list(in.option("--class").value_or(""));
  if (in.flag("--json")) {
    ctx.out << "[";
    bool first = true;
    for (const auto& r : all) {
      ctx.out << (first ? "" : ",\n ") << "{\"id\": " << store::jsonString(r.id)
              << ", \"class_id\": " << store::jsonString(r.classId)
              << ", \"file_name\": " << store::jsonString(r.fileName)
              << ", \"mime_type\": " << store::jsonString(r.mimeType) << ", \"size\": " << r.size
              << ", \"blob_hash\": " << store::jsonString(r.blobHash)
              << ", \"here\": " << (store.has(r.blobHash) ? "true" : "false") << "}";
      first = false;
    }
    ctx.out << "]\n";
    return 0;
  }
  ctx.out << "id\tclass_id\tfile_name\tmime_type\tsize\tfile\n";
  for (const auto& r : all) {
    ctx.out << printable(r.id) << "\t" << printable(r.classId) << "\t" << printable(r.fileName)
            << "\t" << printable(r.mimeType) << "\t" << r.size << "\t"
            << (store.has(r.blobHash) ? "here" : "not here yet (sync --resources)") << "\n";
  }
  return 0;
}

} // namespace

std::vector<Command> blobCommands()
{
  return {
      {{"student", "picture"},
       "STUDENT_ID FILE",
       "Sets a student's picture from a JPEG or PNG file (metadata removed, at most 1024 px); "
       "prints the picture's SHA-256.",
       {},
       {},
       2,
       2,
       studentPicture},
      {{"resource", "add"},
       "CLASS_ID FILE",
       "Adds a file to a class's resources and prints the resource's id (\"\" as CLASS_ID: no "
       "class).",
       {},
       {},
       2,
       2,
       resourceAdd},
      {{"resource", "get"},
       "ID OUT_FILE",
       "Writes a resource's file to OUT_FILE (once its bytes are on this computer).",
       {},
       {},
       2,
       2,
       resourceGet},
      {{"resource", "list"},
       "[--class ID] [--json]",
       "Lists resources and whether each file is on this computer yet.",
       {"--class"},
       {"--json"},
       0,
       0,
       resourceList},
  };
}

} // namespace pupitre::ctl
