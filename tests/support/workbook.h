#pragma once
// Excel workbooks (.xlsx) for the import tests, zipped with Poco::Zip part by part as
// LibreOffice Calc writes them: content types, relationships, workbook with two sheets,
// styles, shared strings (rich text and phonetic runs), inline strings, numbers, formulas.
#include <map>
#include <string>

namespace pupitre::test {

// Zips `parts` (path in the zip -> bytes) into an .xlsx file at `path`.
void writeZip(const std::string& path, const std::map<std::string, std::string>& parts);

// The parts of a class list saved by LibreOffice Calc: the first sheet "Lista" holds
//   row 1: Nº | Apellidos | Nombre | Correo electrónico | Observaciones
//   row 2: 1 | García López | Ana María | ana.garcia@colegio.es |
//   row 3: 2 | Núñez | José Ángel | | Alergia: frutos secos   (rich text)
//   row 4: (left out: blank)
//   row 5: 3 | O'Brien | Seán | | Padres: Sr. & Sra. O'Brien   (inline strings)
//   row 6: 4 | Sato | LUCÍA | lucia@colegio.es |   (phonetic run; a formula's cached text)
//   row 7: 5 | García López | Ana María | |   (twice in the list)
// and a second sheet "Notas" that must not be read.
std::map<std::string, std::string> libreOfficeClassList();

} // namespace pupitre::test
