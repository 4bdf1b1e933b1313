#pragma once
// The web version's data endpoints (docs/web.md, "Data endpoints") without HTTP: each call
// works on the account's web replica (replica.h) with the app's model, and answers the JSON
// the page reads. Every call is scoped to one account: ids of another account's records are
// unknown to its replica and answer 404. Refusals come back as ApiError values (invalid input
// 400 "invalid" with the model's sentence and the field at fault, unknown ids 404); storage
// failures are exceptions.
#include "server/outcome.h"
#include "server/web/replica.h"

#include <cstdint>
#include <functional>
#include <string>

namespace pupitre::server {
class SyncService;
}

namespace pupitre::server::web {

inline constexpr const char* kInvalid = "invalid";
inline constexpr const char* kQuota = "quota";
// How the conflict list names the web replica.
inline constexpr const char* kWebVersionName = "Web version";

// A file for the page to download.
struct WebFile
{
  std::string bytes;
  std::string mimeType;
  std::string fileName; // for Content-Disposition; empty for pictures
};

struct WebDataOptions
{
  // Where the replicas live ("<data folder>/web"); "": a temporary folder.
  std::string folder;
  std::size_t maxOpenReplicas = 32;
  double rounding = 0.1; // averages are shown rounded to a multiple of this
};

class WebData
{
public:
  WebData(SyncService& service, WebDataOptions options);

  // GET classes, gradebook, attendance, journal, students, resources, conflicts.
  Outcome<std::string> classes(std::int64_t account);
  Outcome<std::string> gradebook(std::int64_t account, const std::string& classId,
                                 const std::string& termId);
  Outcome<std::string> attendance(std::int64_t account, const std::string& classId,
                                  const std::string& date);
  Outcome<std::string> journal(std::int64_t account, const std::string& classId);
  Outcome<std::string> students(std::int64_t account, const std::string& classId);
  Outcome<std::string> resources(std::int64_t account, const std::string& classId);
  Outcome<std::string> conflicts(std::int64_t account);
  // The report card comments of a class for a term ("" the whole year), with its students
  // and school name (web_data_comments.cpp).
  Outcome<std::string> comments(std::int64_t account, const std::string& classId,
                                const std::string& termId);
  // {"version": N}: grows whenever the account's data change.
  Outcome<std::string> changes(std::int64_t account);

  // Writes; `body` is the request's JSON.
  Outcome<std::string> setMark(std::int64_t account, const std::string& body);
  Outcome<std::string> setAttendance(std::int64_t account, const std::string& body);
  Outcome<std::string> createJournalEntry(std::int64_t account, const std::string& body);
  Outcome<std::string> updateJournalEntry(std::int64_t account, const std::string& body);
  Outcome<std::string> updateStudent(std::int64_t account, const std::string& body);
  Outcome<std::string> restoreConflict(std::int64_t account, const std::string& body);
  // {"class_id","student_id","term_id","text"}: the student's report card comment ("" clears).
  Outcome<std::string> setComment(std::int64_t account, const std::string& body);
  // {"id","school"}: the class's school name, printed on its report cards.
  Outcome<std::string> updateClass(std::int64_t account, const std::string& body);
  // {"table": "journal_entry"|"resource", "id"}: deletes the record (404 when it is not a
  // live one of that table), or makes a deleted one live again with its fields as they were
  // (the app's Undo). Both are web edits that devices receive on their next sync.
  Outcome<std::string> deleteRecord(std::int64_t account, const std::string& body);
  Outcome<std::string> undeleteRecord(std::int64_t account, const std::string& body);

  // Files from the blob store.
  Outcome<WebFile> picture(std::int64_t account, const std::string& studentId);
  Outcome<WebFile> resourceFile(std::int64_t account, const std::string& resourceId);
  // Stores `bytes` as a blob within the quota, then the resource row through the replica.
  Outcome<std::string> uploadResource(std::int64_t account, const std::string& classId,
                                      const std::string& fileName, const std::string& bytes);

  WebReplicas& replicas() { return m_replicas; }

private:
  // Runs `work` on the account's replica, brought up to date first, turning the model's
  // refusals into answers. A write calls WebReplica::sync itself, so that its change has
  // its sequence number before the answer is written.
  Outcome<std::string> onReplica(std::int64_t account,
                                 const std::function<std::string(WebReplica&)>& work);

  SyncService& m_service;
  WebDataOptions m_options;
  WebReplicas m_replicas;
};

} // namespace pupitre::server::web
