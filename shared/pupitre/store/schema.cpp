#include "pupitre/store/schema.h"

namespace pupitre::store {

const FieldDef* TableDef::field(std::string_view fieldName) const
{
  for (const auto& f : fields) {
    if (f.name == fieldName) {
      return &f;
    }
  }
  return nullptr;
}

const std::vector<TableDef>& syncedTables()
{
  using T = FieldType;
  static const std::vector<TableDef> tables = {
      {"class",
       "classes",
       {{"name", T::Text},
        {"subject", T::Text},
        {"year", T::Text},
        {"term", T::Text},
        {"colour", T::Text},
        {"archived", T::Integer},
        {"position", T::Real},
        {"final_mode", T::Text},
        {"school", T::Text}}},
      {"student",
       "students",
       {{"class_id", T::Text},
        {"given_name", T::Text},
        {"family_name", T::Text},
        {"email", T::Text},
        {"notes", T::Text},
        {"picture", T::Text}}},
      {"category", "categories", {{"class_id", T::Text}, {"name", T::Text}, {"weight", T::Real}}},
      {"assessment",
       "assessments",
       {{"class_id", T::Text},
        {"category_id", T::Text},
        {"name", T::Text},
        {"date", T::Text},
        {"weight", T::Real},
        {"scale_kind", T::Text},
        {"scale_min", T::Real},
        {"scale_max", T::Real},
        {"pass_mark", T::Real},
        {"scale_symbols", T::Text},
        {"visible", T::Integer},
        {"position", T::Real},
        {"term_id", T::Text}}},
      {"mark",
       "marks",
       {{"student_id", T::Text},
        {"assessment_id", T::Text},
        {"value", T::Any},
        {"comment", T::Text},
        {"status", T::Text}}},
      {"attendance",
       "attendance",
       {{"student_id", T::Text},
        {"date", T::Text},
        {"session", T::Text},
        {"state", T::Text},
        {"note", T::Text}}},
      {"journal_entry",
       "journal",
       {{"class_id", T::Text},
        {"date", T::Text},
        {"session", T::Text},
        {"title", T::Text},
        {"body", T::Text},
        {"done", T::Integer}}},
      {"resource",
       "resources",
       {{"class_id", T::Text},
        {"file_name", T::Text},
        {"mime_type", T::Text},
        {"size", T::Integer},
        {"blob_hash", T::Text}}},
      {"term",
       "terms",
       {{"class_id", T::Text},
        {"name", T::Text},
        {"start_date", T::Text},
        {"end_date", T::Text},
        {"position", T::Real},
        {"weight", T::Real}}},
      {"final_mark",
       "final_marks",
       {{"class_id", T::Text}, {"student_id", T::Text}, {"value", T::Real}}},
      {"report_comment",
       "report_comments",
       {{"class_id", T::Text}, {"student_id", T::Text}, {"term_id", T::Text}, {"text", T::Text}}},
  };
  return tables;
}

const TableDef* findTable(std::string_view name)
{
  for (const auto& table : syncedTables()) {
    if (table.name == name) {
      return &table;
    }
  }
  return nullptr;
}

std::string sqlName(std::string_view name)
{
  std::string text = "\"";
  for (char c : name) {
    if (c == '"') {
      text.push_back('"');
    }
    text.push_back(c);
  }
  text.push_back('"');
  return text;
}

} // namespace pupitre::store
