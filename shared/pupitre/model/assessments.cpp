#include "pupitre/model/assessments.h"

#include "pupitre/error.h"
#include "pupitre/model/validation.h"
#include "pupitre/store/rows.h"
#include "pupitre/uuid.h"

namespace pupitre::model {
namespace {

const store::TableDef& table()
{
  return *store::findTable("assessment");
}

store::Fields fieldsOf(store::Database& db, const std::string& classId,
                       const AssessmentChanges& changes)
{
  store::Fields fields;
  if (changes.categoryId) {
    if (!changes.categoryId->empty()) {
      const auto category =
          requireLive(db, "category", *changes.categoryId, PUPITRE_TR("category"));
      if (category.text("class_id") != classId) {
        throw ValidationError(Sentence{PUPITRE_TR("The category %1 belongs to another class."),
                                       {*changes.categoryId}});
      }
    }
    fields.emplace_back("category_id", *changes.categoryId);
  }
  if (changes.name) {
    fields.emplace_back("name", requireText(*changes.name, PUPITRE_TR("assessment name")));
  }
  if (changes.date) {
    fields.emplace_back("date", changes.date->empty() ? *changes.date : requireDate(*changes.date));
  }
  if (changes.weight) {
    fields.emplace_back("weight", requireWeight(*changes.weight, PUPITRE_TR("assessment weight")));
  }
  if (changes.scale) {
    const Scale& s = *changes.scale;
    s.validate();
    fields.emplace_back("scale_kind", std::string(s.kindText()));
    fields.emplace_back("scale_min", s.min);
    fields.emplace_back("scale_max", s.max);
    fields.emplace_back("pass_mark", s.passMark);
    fields.emplace_back("scale_symbols", s.symbolsText());
  }
  if (changes.visible) {
    fields.emplace_back("visible", std::int64_t{*changes.visible ? 1 : 0});
  }
  if (changes.position) {
    fields.emplace_back("position", *changes.position);
  }
  if (changes.termId) {
    if (!changes.termId->empty()) {
      const auto term = requireLive(db, "term", *changes.termId, PUPITRE_TR("term"));
      if (term.text("class_id") != classId) {
        throw ValidationError(
            Sentence{PUPITRE_TR("The term %1 belongs to another class."), {*changes.termId}});
      }
    }
    fields.emplace_back("term_id", *changes.termId);
  }
  return fields;
}

} // namespace

Assessment assessmentFromRow(const store::Row& row)
{
  Assessment a;
  a.id = row.id;
  a.classId = row.text("class_id");
  a.categoryId = row.text("category_id");
  a.name = row.text("name");
  a.date = row.text("date");
  a.weight = row.number("weight").value_or(1);
  if (row.text("scale_kind") == "symbols") {
    a.scale.kind = Scale::Kind::Symbols;
    try {
      a.scale = Scale::fromSymbols(row.text("scale_symbols"), row.number("pass_mark"));
    } catch (const ValidationError&) {
      // A half-synchronised scale: keep the numeric range below until the rest arrives.
      a.scale.kind = Scale::Kind::Numeric;
    }
  }
  if (a.scale.kind == Scale::Kind::Numeric) {
    a.scale.min = row.number("scale_min").value_or(0);
    a.scale.max = row.number("scale_max").value_or(10);
    a.scale.passMark = row.number("pass_mark").value_or((a.scale.min + a.scale.max) / 2);
  }
  a.visible = row.number("visible").value_or(1) != 0;
  a.position = row.number("position").value_or(0);
  a.termId = row.text("term_id");
  return a;
}

std::string Assessments::create(const Assessment& a)
{
  store::WriteTxn txn(m_db);
  requireLive(m_db, "class", a.classId, PUPITRE_TR("class"));
  const AssessmentChanges all{
      a.categoryId, a.name,
      a.date,       a.weight,
      a.scale,      a.visible,
      a.position,   a.termId.empty() ? std::nullopt : std::optional<std::string>(a.termId)};
  auto fields = fieldsOf(m_db, a.classId, all);
  fields.emplace_back("class_id", a.classId);
  const std::string id = a.id.empty() ? newUuid() : a.id;
  store::insertRow(txn, table(), id, fields);
  txn.commit();
  return id;
}

void Assessments::update(const std::string& id, const AssessmentChanges& changes)
{
  store::WriteTxn txn(m_db);
  const auto current =
      assessmentFromRow(requireLive(m_db, "assessment", id, PUPITRE_TR("assessment")));
  const auto fields = fieldsOf(m_db, current.classId, changes);
  if (changes.scale && !(*changes.scale == current.scale)) {
    // Marks that fit the scale they were given on must fit the new one. A mark that fits
    // neither (merged from another device: docs/data-model.md, "Rules a merge can break") is
    // flagged already and does not stop the teacher from changing the scale to mend it.
    for (const auto& mark : store::selectRows(m_db, *store::findTable("mark"),
                                              "assessment_id = ? AND value IS NOT NULL", {id})) {
      if (!current.scale.fits(mark["value"])) {
        continue;
      }
      try {
        changes.scale->valueOf(mark["value"]);
      } catch (const ValidationError& e) {
        throw ValidationError(withDetail(
            Sentence{PUPITRE_TR("The new scale does not fit a mark already given: %1"), {}}, e));
      }
    }
  }
  store::updateRow(txn, table(), id, fields);
  txn.commit();
}

void Assessments::remove(const std::string& id)
{
  store::WriteTxn txn(m_db);
  requireLive(m_db, "assessment", id, PUPITRE_TR("assessment"));
  store::setDeleted(txn, table(), id, true);
  txn.commit();
}

Assessment Assessments::get(const std::string& id)
{
  return assessmentFromRow(requireLive(m_db, "assessment", id, PUPITRE_TR("assessment")));
}

std::vector<Assessment> Assessments::list(const std::string& classId)
{
  std::vector<Assessment> assessments;
  const std::string order = "coalesce(position, 0), coalesce(date, ''), name COLLATE NOCASE, id";
  const auto rows = classId.empty()
                        ? store::selectRows(m_db, table(), {}, {}, order)
                        : store::selectRows(m_db, table(), "class_id = ?", {classId}, order);
  for (const auto& row : rows) {
    assessments.push_back(assessmentFromRow(row));
  }
  return assessments;
}

} // namespace pupitre::model
