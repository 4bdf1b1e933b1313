// The web data endpoints that delete a journal entry or a resource and undo that (web_data.h):
// the same model calls as the app's Delete and its Undo, on the account's web replica.
#include "pupitre/model/journal.h"
#include "pupitre/model/records.h"
#include "pupitre/model/resources.h"
#include "pupitre/store/rows.h"
#include "pupitre/sync/wire.h"
#include "server/http/json_body.h"
#include "server/web/web_data.h"
#include "server/web/web_json.h"

namespace pupitre::server::web {
namespace {

struct DeleteRequest
{
  std::string table;
  std::string id;
};

// {"table": "journal_entry"|"resource", "id"}; ProtocolError (400) for anything else.
DeleteRequest parseDeleteRequest(const std::string& body)
{
  const auto request = http::jsonObject(body);
  DeleteRequest parsed{requiredText(*request, "table"), requiredText(*request, "id")};
  if (parsed.table != "journal_entry" && parsed.table != "resource") {
    throw sync::ProtocolError("The web version deletes journal entries ('journal_entry') and "
                              "resources ('resource'), not '" +
                              parsed.table + "'.");
  }
  return parsed;
}

// NotFoundError (404) unless `id` is a record of `table` in this replica, deleted or not:
// an id of another table, or of another account, is unknown here.
void requireOfTable(store::Database& db, const DeleteRequest& request)
{
  const store::TableDef* table = store::tableOf(db, request.id);
  if (!table || table->name != request.table) {
    throw NotFoundError("There is no " +
                        std::string(request.table == "resource" ? "resource" : "journal entry") +
                        " with id " + request.id + ".");
  }
}

std::string deleteAnswer(WebReplica& replica, const DeleteRequest& request, bool deleted)
{
  JsonOut out;
  out.beginObject()
      .field("table", request.table)
      .field("id", request.id)
      .field("deleted", deleted)
      .field("version", replica.version())
      .endObject();
  return out.take();
}

} // namespace

Outcome<std::string> WebData::deleteRecord(std::int64_t account, const std::string& body)
{
  const DeleteRequest request = parseDeleteRequest(body);
  return onReplica(account, [&](WebReplica& replica) {
    auto& db = replica.db();
    requireOfTable(db, request);
    if (request.table == "journal_entry") {
      model::Journal(db).remove(request.id); // NotFoundError when already deleted
    } else {
      model::Resources(db).remove(request.id);
    }
    replica.sync();
    return deleteAnswer(replica, request, true);
  });
}

Outcome<std::string> WebData::undeleteRecord(std::int64_t account, const std::string& body)
{
  const DeleteRequest request = parseDeleteRequest(body);
  return onReplica(account, [&](WebReplica& replica) {
    auto& db = replica.db();
    requireOfTable(db, request);
    model::restoreRecord(db, request.id); // a live record is left as it is
    replica.sync();
    return deleteAnswer(replica, request, false);
  });
}

} // namespace pupitre::server::web
