// Class lists from outside: CSV as spreadsheets save it (BOM, ';', quotes with line breaks,
// Windows-1252), XLSX as LibreOffice writes it, pasted names, how names are split, which
// column is which, and which rows are duplicates.
#include "pupitre/error.h"
#include "pupitre/model/classes.h"
#include "pupitre/model/students.h"
#include "pupitre/roster/csv.h"
#include "pupitre/roster/names.h"
#include "pupitre/roster/roster_import.h"
#include "pupitre/roster/table.h"
#include "pupitre/roster/xlsx.h"
#include "support/sandbox.h"
#include "support/workbook.h"

#include <boost/test/unit_test.hpp>

using namespace pupitre;
using namespace pupitre::roster;

namespace {

std::vector<std::string> cells(const Table& table, std::size_t row)
{
  return table.rows.at(row).cells;
}

// The ImportError `action` throws.
template <class Action> ImportError importError(Action&& action)
{
  try {
    action();
  } catch (const ImportError& e) {
    return e;
  }
  BOOST_FAIL("no ImportError");
  throw std::logic_error("unreachable");
}

using Strings = std::vector<std::string>;

} // namespace

BOOST_AUTO_TEST_SUITE(roster_csv)

BOOST_AUTO_TEST_CASE(spanish_excel_csv_with_bom_semicolons_and_quoted_line_breaks)
{
  // "CSV UTF-8 (delimitado por comas)" from a Spanish Excel: BOM, ';', CRLF, a notes cell
  // with a line break, quotes doubled inside quotes, a comma inside a name.
  const std::string bytes = "\xEF\xBB\xBF"
                            "Apellidos;Nombre;Observaciones\r\n"
                            "García López;Ana;\"Alergia;\r\nllamar a \"\"mamá\"\"\"\r\n"
                            "\r\n"
                            "\"Ruiz, de\";Pablo;\r\n";
  const auto table = parseCsv(textAsUtf8(bytes));
  BOOST_REQUIRE_EQUAL(table.rows.size(), 3u);
  BOOST_CHECK(cells(table, 0) == (Strings{"Apellidos", "Nombre", "Observaciones"}));
  BOOST_CHECK(cells(table, 1) == (Strings{"García López", "Ana", "Alergia;\nllamar a \"mamá\""}));
  BOOST_CHECK(cells(table, 2) == (Strings{"Ruiz, de", "Pablo", ""}));
  // Lines as in the file: the blank line 4 is left out, the quoted break counts.
  BOOST_CHECK_EQUAL(table.rows[1].line, 2);
  BOOST_CHECK_EQUAL(table.rows[2].line, 5);
}

BOOST_AUTO_TEST_CASE(the_separator_is_detected)
{
  BOOST_CHECK_EQUAL(detectSeparator("Apellidos;Nombre\nGarcía López, Ana;x\n"), ';');
  BOOST_CHECK_EQUAL(detectSeparator("family,given,email\nGarcía,Ana,a@b.es\n"), ',');
  BOOST_CHECK_EQUAL(detectSeparator("García López\tAna\nRuiz\tPablo\n"), '\t');
  // One name per line, "Family, Given": a comma in every line splits them alike.
  BOOST_CHECK_EQUAL(detectSeparator("García López, Ana\nRuiz, Pablo\n"), ',');
  // A quoted ';' does not count.
  BOOST_CHECK_EQUAL(detectSeparator("\"a;b\",c\n\"d;e\",f\n"), ',');
}

BOOST_AUTO_TEST_CASE(windows_1252_and_utf16_are_read_as_utf8)
{
  // "CSV (delimitado por comas)" of Excel on Windows: no BOM, Windows-1252.
  BOOST_CHECK_EQUAL(textAsUtf8("N\xFA\xF1"
                               "ez;Jos\xE9 \x80"),
                    "Núñez;José €");
  // "Unicode text" of Excel: UTF-16 little endian with a BOM.
  const std::string utf16("\xFF\xFE"
                          "A\0\t\0\xF1\0",
                          8);
  BOOST_CHECK_EQUAL(textAsUtf8(utf16), "A\tñ");
  BOOST_CHECK(importError([] { textAsUtf8(std::string("ab\0cd", 5)); }).kind() ==
              ImportError::Kind::NotText);
}

BOOST_AUTO_TEST_CASE(malformed_csv_names_the_row_and_column)
{
  auto unclosed = importError([] { parseCsv("a;b\nc;\"never closed\nd;e\n", ';'); });
  BOOST_CHECK(unclosed.kind() == ImportError::Kind::UnclosedQuote);
  BOOST_CHECK_EQUAL(unclosed.line(), 2);
  BOOST_CHECK_EQUAL(unclosed.column(), 2);
  BOOST_CHECK_EQUAL(std::string(unclosed.what()).rfind("Row 2, column B: ", 0), 0u);

  auto after = importError([] { parseCsv("a,b\n\"Ana\"x,c\n", ','); });
  BOOST_CHECK(after.kind() == ImportError::Kind::TextAfterQuote);
  BOOST_CHECK_EQUAL(after.line(), 2);
  BOOST_CHECK_EQUAL(after.column(), 1);
  // A quote inside an unquoted cell is kept as it is.
  BOOST_CHECK(cells(parseCsv("Ana \"Anita\" Ruiz\n", ','), 0) == Strings{"Ana \"Anita\" Ruiz"});
}

BOOST_AUTO_TEST_CASE(files_are_recognised_by_content_and_bounded)
{
  test::Sandbox box;
  test::writeFile(box.path("list.csv"), "\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1 old excel");
  BOOST_CHECK(importError([&] { readTableFile(box.path("list.csv")); }).kind() ==
              ImportError::Kind::OldExcel);
  test::writeFile(box.path("big.csv"), std::string(kMaxFileBytes + 1, 'a'));
  BOOST_CHECK(importError([&] { readTableFile(box.path("big.csv")); }).kind() ==
              ImportError::Kind::TooLarge);
  BOOST_CHECK(importError([&] { readTableFile(box.path("missing.csv")); }).kind() ==
              ImportError::Kind::Unreadable);
  // A list of names, some "Family, Given": one cell per line, not split on the comma.
  const auto names = readTableBytes("Mary Ann Smith\nGarcía López, Ana\n");
  BOOST_REQUIRE_EQUAL(names.rows.size(), 2u);
  BOOST_CHECK(cells(names, 1) == Strings{"García López, Ana"});
  // A malformed record does not hide the separator: the error names column B.
  BOOST_CHECK_EQUAL(importError([] { readTableBytes("a;b\nc;d\ne;\"f\n"); }).column(), 2);
  std::string many;
  for (std::size_t i = 0; i <= kMaxRows; ++i) {
    many += "name" + std::to_string(i) + "\n";
  }
  BOOST_CHECK(importError([&] { parseCsv(many); }).kind() == ImportError::Kind::TooManyRows);
}

BOOST_AUTO_TEST_SUITE_END()

BOOST_AUTO_TEST_SUITE(roster_xlsx)

BOOST_AUTO_TEST_CASE(a_libreoffice_workbook_reads_its_first_sheet)
{
  test::Sandbox box;
  // Named .csv on purpose: the content decides.
  test::writeZip(box.path("lista.csv"), test::libreOfficeClassList());
  const auto table = readTableFile(box.path("lista.csv"));
  BOOST_REQUIRE_EQUAL(table.rows.size(), 6u);
  BOOST_CHECK(cells(table, 0) ==
              (Strings{"Nº", "Apellidos", "Nombre", "Correo electrónico", "Observaciones"}));
  BOOST_CHECK(cells(table, 1) ==
              (Strings{"1", "García López", "Ana María", "ana.garcia@colegio.es"}));
  // An empty D3 keeps E3 in its column; rich text runs joined.
  BOOST_CHECK(cells(table, 2) ==
              (Strings{"2", "Núñez", "José Ángel", "", "Alergia: frutos secos"}));
  // Row 4 is blank: row 5 keeps its number. Inline strings, an entity.
  BOOST_CHECK_EQUAL(table.rows[3].line, 5);
  BOOST_CHECK(cells(table, 3) ==
              (Strings{"3", "O'Brien", "Seán", "", "Padres: Sr. & Sra. O'Brien"}));
  // A phonetic run is not part of the name; a formula's cached text is read.
  BOOST_CHECK(cells(table, 4) == (Strings{"4", "Sato", "LUCÍA", "lucia@colegio.es"}));
}

BOOST_AUTO_TEST_CASE(a_damaged_workbook_is_refused_with_a_reason)
{
  test::Sandbox box;
  auto parts = test::libreOfficeClassList();
  parts["xl/worksheets/sheet1.xml"] = "<worksheet><sheetData><row r=\"1\"><c r=\"A1\"";
  test::writeZip(box.path("broken.xlsx"), parts);
  const auto broken = importError([&] { readTableFile(box.path("broken.xlsx")); });
  BOOST_CHECK(broken.kind() == ImportError::Kind::NotWorkbook);
  BOOST_TEST_MESSAGE(broken.what());

  parts = test::libreOfficeClassList();
  parts.erase("xl/workbook.xml");
  test::writeZip(box.path("nobook.xlsx"), parts);
  BOOST_CHECK(importError([&] { readTableFile(box.path("nobook.xlsx")); }).kind() ==
              ImportError::Kind::NotWorkbook);

  parts = test::libreOfficeClassList();
  parts["xl/worksheets/sheet1.xml"] =
      R"(<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData><row r="1"><c r="A1" t="s"><v>99</v></c></row></sheetData></worksheet>)";
  test::writeZip(box.path("badindex.xlsx"), parts);
  BOOST_CHECK(importError([&] { readTableFile(box.path("badindex.xlsx")); }).kind() ==
              ImportError::Kind::NotWorkbook);

  // A zip bomb: one part that unpacks past the bound.
  parts = test::libreOfficeClassList();
  parts["xl/sharedStrings.xml"] = std::string(kMaxUnpackedBytes + 10, ' ');
  test::writeZip(box.path("bomb.xlsx"), parts);
  BOOST_CHECK(importError([&] { readTableFile(box.path("bomb.xlsx")); }).kind() ==
              ImportError::Kind::TooLarge);
}

BOOST_AUTO_TEST_CASE(cells_without_references_and_prefixed_elements)
{
  test::Sandbox box;
  auto parts = test::libreOfficeClassList();
  // As some exporters write it: a namespace prefix, no r attributes.
  parts["xl/worksheets/sheet1.xml"] =
      R"(<x:worksheet xmlns:x="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><x:sheetData><x:row><x:c t="inlineStr"><x:is><x:t>Ruiz</x:t></x:is></x:c><x:c t="inlineStr"><x:is><x:t>Pablo</x:t></x:is></x:c></x:row><x:row><x:c><x:v>3.0E+0</x:v></x:c><x:c t="b"><x:v>1</x:v></x:c></x:row></x:sheetData></x:worksheet>)";
  test::writeZip(box.path("prefixed.xlsx"), parts);
  const auto table = readTableFile(box.path("prefixed.xlsx"));
  BOOST_REQUIRE_EQUAL(table.rows.size(), 2u);
  BOOST_CHECK(cells(table, 0) == (Strings{"Ruiz", "Pablo"}));
  BOOST_CHECK(cells(table, 1) == (Strings{"3", "TRUE"}));
  BOOST_CHECK_EQUAL(table.rows[1].line, 2);
}

BOOST_AUTO_TEST_SUITE_END()

BOOST_AUTO_TEST_SUITE(roster_names)

BOOST_AUTO_TEST_CASE(names_are_split_by_the_documented_rules)
{
  auto split = [](const char* full, FamilyNames n = FamilyNames::Two) {
    const auto name = splitFullName(full, n);
    return name.given + "|" + name.family;
  };
  BOOST_CHECK_EQUAL(split("García López, Ana"), "Ana|García López");
  BOOST_CHECK_EQUAL(split("  García   López ,  Ana María "), "Ana María|García López");
  BOOST_CHECK_EQUAL(split("Ana García López"), "Ana|García López");
  BOOST_CHECK_EQUAL(split("Ana María García López"), "Ana María|García López");
  BOOST_CHECK_EQUAL(split("María de la Fuente García"), "María|de la Fuente García");
  BOOST_CHECK_EQUAL(split("GARCÍA LÓPEZ Ana María"), "Ana María|GARCÍA LÓPEZ");
  BOOST_CHECK_EQUAL(split("John Smith", FamilyNames::One), "John|Smith");
  BOOST_CHECK_EQUAL(split("Mary Ann Smith", FamilyNames::One), "Mary Ann|Smith");
  BOOST_CHECK_EQUAL(split("Ludwig van Beethoven", FamilyNames::One), "Ludwig|van Beethoven");
  BOOST_CHECK_EQUAL(split("Ana García"), "Ana|García");
  BOOST_CHECK_EQUAL(split("Paco"), "Paco|");
}

BOOST_AUTO_TEST_CASE(name_keys_ignore_case_accents_and_spaces)
{
  BOOST_CHECK_EQUAL(nameKey("ANA", "García  López"), nameKey("ana", "garcia lopez"));
  BOOST_CHECK_EQUAL(nameKey("Łukasz", "Ñúñez"), nameKey("łukasz", "nunez"));
  BOOST_CHECK_NE(nameKey("Ana", "García"), nameKey("Ana", "Garcías"));
}

BOOST_AUTO_TEST_SUITE_END()

BOOST_AUTO_TEST_SUITE(roster_import)

BOOST_AUTO_TEST_CASE(pasted_family_given_lines_with_duplicates_flagged)
{
  test::Sandbox box;
  store::Database db(box.path("p.db"));
  const auto classId = model::Classes(db).create({.name = "3B"});
  model::Students(db).create({.classId = classId, .givenName = "Pablo", .familyName = "Ruiz"});
  const auto table = parsePastedList("García López, Ana\r\n"
                                     "\n"
                                     "  RUIZ, pablo \n"
                                     "Núñez, José Ángel\n"
                                     "Garcia Lopez, ANA\n");
  const auto mapping = guessMapping(table);
  BOOST_CHECK(!mapping.headerRow);
  BOOST_REQUIRE_EQUAL(mapping.columns.size(), 1u);
  BOOST_CHECK(mapping.columns[0] == Field::FullName);
  const auto plan = planImport(table, mapping, classId, model::Students(db).list(classId));
  BOOST_REQUIRE_EQUAL(plan.size(), 4u);
  BOOST_CHECK_EQUAL(plan[0].student.familyName, "García López");
  BOOST_CHECK_EQUAL(plan[0].student.givenName, "Ana");
  BOOST_CHECK(plan[0].selected);
  BOOST_CHECK(plan[1].issue == Candidate::Issue::InClass);
  BOOST_CHECK_EQUAL(plan[1].note(), "already in the class as Ruiz, Pablo");
  BOOST_CHECK(!plan[1].selected);
  BOOST_CHECK(plan[2].selected);
  BOOST_CHECK(plan[3].issue == Candidate::Issue::InList);
  BOOST_CHECK_EQUAL(plan[3].sameLine, 1);
  BOOST_CHECK(!plan[3].selected);

  // Created in one go; the duplicates are not.
  const auto ids = model::Students(db).createAll(chosenStudents(plan));
  BOOST_CHECK_EQUAL(ids.size(), 2u);
  BOOST_CHECK_EQUAL(model::Students(db).list(classId).size(), 3u);
}

BOOST_AUTO_TEST_CASE(headers_name_the_columns)
{
  const auto table = parseCsv("Nº;Primer apellido;Segundo apellido;Nombre;E-mail;Fecha nac.;Notas\n"
                              "1;García;López;Ana;ana@x.es;2012-01-01;\n");
  const auto mapping = guessMapping(table);
  BOOST_CHECK(mapping.headerRow);
  const std::vector<Field> expected = {Field::Ignore, Field::Family, Field::Family, Field::Given,
                                       Field::Email,  Field::Ignore, Field::Notes};
  BOOST_CHECK(mapping.columns == expected);
  const auto plan = planImport(table, mapping, "c", {});
  BOOST_REQUIRE_EQUAL(plan.size(), 1u);
  BOOST_CHECK_EQUAL(plan[0].student.familyName, "García López");
  BOOST_CHECK_EQUAL(plan[0].student.email, "ana@x.es");

  const auto english = guessMapping(parseCsv("First name,Last name,Email address,Comments\n"));
  BOOST_CHECK((english.columns ==
               std::vector<Field>{Field::Given, Field::Family, Field::Email, Field::Notes}));
}

BOOST_AUTO_TEST_CASE(without_headers_the_content_decides)
{
  // Copied from a spreadsheet: number, family, given, e-mail.
  const auto table = parsePastedList("1\tGarcía López\tAna\tana@x.es\n2\tRuiz\tPablo\t\n");
  const auto mapping = guessMapping(table);
  BOOST_CHECK(!mapping.headerRow);
  BOOST_CHECK((mapping.columns ==
               std::vector<Field>{Field::Ignore, Field::Family, Field::Given, Field::Email}));
}

BOOST_AUTO_TEST_CASE(rows_that_cannot_be_students_are_blocked_and_mended)
{
  const auto table = parseCsv("Apellidos,Nombre,Email\nGarcía,Ana,not-an-address\n,,x@y.es\n");
  auto plan = planImport(table, guessMapping(table), "c", {});
  BOOST_REQUIRE_EQUAL(plan.size(), 2u);
  BOOST_CHECK(plan[0].issue == Candidate::Issue::BadEmail);
  BOOST_CHECK_EQUAL(plan[0].line, 2);
  BOOST_CHECK(plan[1].issue == Candidate::Issue::NoName);
  BOOST_CHECK(chosenStudents(plan).empty());
  // The teacher corrects the address in the preview: the row is ticked again.
  plan[0].student.email = "ana@x.es";
  checkCandidates(plan, {});
  BOOST_CHECK(plan[0].issue == Candidate::Issue::None);
  BOOST_CHECK(plan[0].selected);
  BOOST_CHECK_EQUAL(chosenStudents(plan).size(), 1u);
}

BOOST_AUTO_TEST_CASE(create_all_is_all_or_nothing)
{
  test::Sandbox box;
  store::Database db(box.path("p.db"));
  const auto classId = model::Classes(db).create({.name = "3B"});
  std::vector<model::Student> students = {
      {.classId = classId, .givenName = "Ana", .familyName = "García"},
      {.classId = classId, .givenName = "Pablo", .familyName = "Ruiz", .email = "bad"}};
  BOOST_CHECK_THROW(model::Students(db).createAll(students), ValidationError);
  BOOST_CHECK(model::Students(db).list(classId).empty());
}

BOOST_AUTO_TEST_SUITE_END()
