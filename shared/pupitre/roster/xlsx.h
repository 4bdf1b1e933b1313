#pragma once
// The first sheet of an Excel workbook (.xlsx, Office Open XML), as Excel, LibreOffice and
// the school management exports write it: shared strings (rich text too), inline strings,
// numbers, booleans, formulas' cached results, cells and rows left out when empty.
#include "pupitre/roster/table.h"

#include <string>

namespace pupitre::roster {

// The first sheet's rows (blank ones left out), each with its sheet row number. ImportError
// NotWorkbook for a zip that is no workbook or broken XML, TooLarge past kMaxUnpackedBytes,
// and the other bounds of table.h.
Table readXlsx(const std::string& bytes);

} // namespace pupitre::roster
