#pragma once
// The JSON objects the web data endpoints answer with (docs/web.md, "Data endpoints").
#include "pupitre/model/assessments.h"
#include "pupitre/model/classes.h"
#include "pupitre/model/marks.h"
#include "pupitre/model/students.h"
#include "pupitre/model/term_averages.h"
#include "server/web/replica.h"
#include "server/web/web_json.h"

#include <map>
#include <string>
#include <vector>

namespace pupitre::server::web {

void writeClass(JsonOut& out, const model::SchoolClass& c);
// `termId`: the term the assessment counts in ("" none).
void writeAssessment(JsonOut& out, const model::Assessment& a, const std::string& termId);
void writeMark(JsonOut& out, const model::Mark& m);
// {"student_id","final","teacher_final","categories":{id: avg},"terms":{id: avg}}: of the
// whole year, or of the term `termId`.
void writeAverages(JsonOut& out, const model::StudentReport& r, const std::string& termId);

// The answer to a mark's edit: {"mark": {…} or null, "averages": {…}, "version": N}.
std::string markAnswer(WebReplica& replica, const model::Student& student,
                       const model::Assessment& assessment);

// {"conflicts": [...], "version": N}; `names`: device id -> name.
std::string conflictList(WebReplica& replica, const std::map<std::string, std::string>& names);

} // namespace pupitre::server::web
