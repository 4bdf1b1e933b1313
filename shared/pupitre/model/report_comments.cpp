#include "pupitre/model/report_comments.h"

#include "pupitre/error.h"
#include "pupitre/model/validation.h"
#include "pupitre/store/rows.h"
#include "pupitre/utf8.h"
#include "pupitre/uuid.h"

namespace pupitre::model {
namespace {

const store::TableDef& table()
{
  return *store::findTable("report_comment");
}

void checkPlace(store::Database& db, const std::string& classId, const std::string& studentId,
                const std::string& termId)
{
  requireLive(db, "class", classId, PUPITRE_TR("class"));
  const auto student = requireLive(db, "student", studentId, PUPITRE_TR("student"));
  if (student.text("class_id") != classId) {
    throw ValidationError(
        Sentence{PUPITRE_TR("The student %1 is not in the class %2."), {studentId, classId}});
  }
  if (!termId.empty()) {
    const auto term = requireLive(db, "term", termId, PUPITRE_TR("term"));
    if (term.text("class_id") != classId) {
      throw ValidationError(
          Sentence{PUPITRE_TR("The term %1 is not a term of the class %2."), {termId, classId}});
    }
  }
}

} // namespace

std::string ReportComments::recordId(const std::string& classId, const std::string& studentId,
                                     const std::string& termId)
{
  return nameUuid("report_comment|" + classId + "|" + studentId + "|" + termId);
}

std::string ReportComments::checkText(const std::string& text)
{
  const auto begin = text.find_first_not_of(" \t\r\n");
  if (begin == std::string::npos) {
    return {};
  }
  const auto end = text.find_last_not_of(" \t\r\n");
  std::string trimmed = text.substr(begin, end - begin + 1);
  const auto length = utf8Length(trimmed);
  if (!length) {
    throw ValidationError(Sentence{
        PUPITRE_TR("The comment is not UTF-8 text; save the file as UTF-8 and try again."), {}});
  }
  if (*length > kMaxLength) {
    throw ValidationError(Sentence{PUPITRE_TR("A report card comment holds at most %1 "
                                              "characters (about 10 lines); this one has %2. "
                                              "Shorten it and save it again."),
                                   {std::to_string(kMaxLength), std::to_string(*length)}});
  }
  return trimmed;
}

std::string ReportComments::set(const std::string& classId, const std::string& studentId,
                                const std::string& termId, const std::string& text)
{
  const std::string trimmed = checkText(text);
  const std::string id = recordId(classId, studentId, termId);
  store::WriteTxn txn(m_db);
  checkPlace(m_db, classId, studentId, termId);
  const auto existing = store::findRow(m_db, table(), id);
  if (trimmed.empty()) {
    if (existing && !existing->deleted) {
      store::setDeleted(txn, table(), id, true);
      txn.commit();
    }
    return id;
  }
  if (!existing) {
    store::insertRow(
        txn, table(), id,
        {{"class_id", classId}, {"student_id", studentId}, {"term_id", termId}, {"text", trimmed}});
  } else {
    if (existing->deleted) {
      store::setDeleted(txn, table(), id, false);
    }
    if (existing->text("text") != trimmed || existing->deleted) {
      store::updateRow(txn, table(), id, {{"text", trimmed}});
    }
  }
  txn.commit();
  return id;
}

void ReportComments::clear(const std::string& classId, const std::string& studentId,
                           const std::string& termId)
{
  set(classId, studentId, termId, "");
}

std::string ReportComments::get(const std::string& classId, const std::string& studentId,
                                const std::string& termId)
{
  const auto row = store::findRow(m_db, table(), recordId(classId, studentId, termId));
  return row && !row->deleted ? row->text("text") : std::string{};
}

std::map<std::string, std::string> ReportComments::list(const std::string& classId,
                                                        const std::string& termId)
{
  std::map<std::string, std::string> comments;
  for (const auto& row : store::selectRows(
           m_db, table(), "class_id = ? AND coalesce(term_id, '') = ?", {classId, termId})) {
    if (!row.text("text").empty()) {
      comments[row.text("student_id")] = row.text("text");
    }
  }
  return comments;
}

} // namespace pupitre::model
