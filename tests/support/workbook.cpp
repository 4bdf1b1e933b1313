#include "support/workbook.h"

#include <Poco/DateTime.h>
#include <Poco/Path.h>
#include <Poco/Zip/Compress.h>

#include <fstream>
#include <sstream>

namespace pupitre::test {

void writeZip(const std::string& path, const std::map<std::string, std::string>& parts)
{
  std::ofstream out(path, std::ios::binary);
  Poco::Zip::Compress zip(out, true);
  // [Content_Types].xml first, as every writer puts it.
  auto add = [&](const std::string& name, const std::string& bytes) {
    std::istringstream in(bytes);
    zip.addFile(in, Poco::DateTime(2026, 9, 1), Poco::Path(name, Poco::Path::PATH_UNIX));
  };
  if (const auto types = parts.find("[Content_Types].xml"); types != parts.end()) {
    add(types->first, types->second);
  }
  for (const auto& [name, bytes] : parts) {
    if (name != "[Content_Types].xml") {
      add(name, bytes);
    }
  }
  zip.close();
}

std::map<std::string, std::string> libreOfficeClassList()
{
  const std::string header = R"(<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
)";
  std::map<std::string, std::string> parts;
  parts["[Content_Types].xml"] =
      header +
      R"(<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Override PartName="/_rels/.rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Override PartName="/docProps/app.xml" ContentType="application/vnd.openxmlformats-officedocument.extended-properties+xml"/><Override PartName="/xl/_rels/workbook.xml.rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/><Override PartName="/xl/worksheets/sheet2.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/><Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/></Types>)";
  parts["_rels/.rels"] =
      header +
      R"(<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/><Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/extended-properties" Target="docProps/app.xml"/></Relationships>)";
  parts["docProps/app.xml"] =
      header +
      R"(<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties"><Template></Template><TotalTime>2</TotalTime><Application>LibreOffice/7.4.7.2$Linux_X86_64 LibreOffice_project/40$Build-2</Application></Properties>)";
  // The relationships list the second sheet first: the first sheet is the workbook's first
  // <sheet> (rId3), not the first relationship.
  parts["xl/_rels/workbook.xml.rels"] =
      header +
      R"(<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/><Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet2.xml"/><Relationship Id="rId3" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/><Relationship Id="rId4" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/></Relationships>)";
  parts["xl/workbook.xml"] =
      header +
      R"(<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><fileVersion appName="Calc"/><workbookPr backupFile="false" showObjects="all" date1904="false"/><workbookProtection/><bookViews><workbookView showHorizontalScroll="true" showVerticalScroll="true" showSheetTabs="true" xWindow="0" yWindow="0" windowWidth="16384" windowHeight="8192" tabRatio="500" firstSheet="0" activeTab="1"/></bookViews><sheets><sheet name="Lista" sheetId="1" state="visible" r:id="rId3"/><sheet name="Notas" sheetId="2" state="visible" r:id="rId2"/></sheets><calcPr iterateCount="100" refMode="A1" iterate="false" iterateDelta="0.001"/></workbook>)";
  parts["xl/styles.xml"] =
      header +
      R"(<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><numFmts count="1"><numFmt numFmtId="164" formatCode="General"/></numFmts><fonts count="1"><font><sz val="10"/><name val="Arial"/><family val="2"/></font></fonts><fills count="1"><fill><patternFill patternType="none"/></fill></fills><borders count="1"><border diagonalUp="false" diagonalDown="false"><left/><right/><top/><bottom/><diagonal/></border></borders><cellStyleXfs count="1"><xf numFmtId="164" fontId="0" fillId="0" borderId="0"/></cellStyleXfs><cellXfs count="1"><xf numFmtId="164" fontId="0" fillId="0" borderId="0" xfId="0"/></cellXfs></styleSheet>)";
  parts["xl/sharedStrings.xml"] =
      header +
      R"(<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="12" uniqueCount="10"><si><t xml:space="preserve">Nº</t></si><si><t xml:space="preserve">Apellidos</t></si><si><t xml:space="preserve">Nombre</t></si><si><t xml:space="preserve">Correo electrónico</t></si><si><t xml:space="preserve">Observaciones</t></si><si><t xml:space="preserve">García López</t></si><si><t xml:space="preserve">Ana María</t></si><si><t xml:space="preserve">Núñez</t></si><si><r><rPr><b val="true"/><sz val="10"/><rFont val="Arial"/><family val="2"/></rPr><t xml:space="preserve">Alergia: </t></r><r><rPr><sz val="10"/><rFont val="Arial"/><family val="2"/></rPr><t xml:space="preserve">frutos secos</t></r></si><si><t>Sato</t><rPh sb="0" eb="4"><t>サトウ</t></rPh><phoneticPr fontId="1"/></si><si><t xml:space="preserve">José Ángel</t></si><si><t xml:space="preserve">ana.garcia@colegio.es</t></si></sst>)";
  parts["xl/worksheets/sheet1.xml"] =
      header +
      R"(<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheetPr filterMode="false"><pageSetUpPr fitToPage="false"/></sheetPr><dimension ref="A1:E7"/><sheetViews><sheetView showFormulas="false" showGridLines="true" tabSelected="false" workbookViewId="0"><selection pane="topLeft" activeCell="A1" activeCellId="0" sqref="A1"/></sheetView></sheetViews><sheetFormatPr defaultColWidth="11.53515625" defaultRowHeight="12.8" zeroHeight="false" outlineLevelRow="0" outlineLevelCol="0"></sheetFormatPr><sheetData><row r="1" customFormat="false" ht="12.8" hidden="false" customHeight="false" outlineLevel="0" collapsed="false"><c r="A1" s="0" t="s"><v>0</v></c><c r="B1" s="0" t="s"><v>1</v></c><c r="C1" s="0" t="s"><v>2</v></c><c r="D1" s="0" t="s"><v>3</v></c><c r="E1" s="0" t="s"><v>4</v></c></row><row r="2" customFormat="false" ht="12.8" hidden="false" customHeight="false" outlineLevel="0" collapsed="false"><c r="A2" s="0" t="n"><v>1</v></c><c r="B2" s="0" t="s"><v>5</v></c><c r="C2" s="0" t="s"><v>6</v></c><c r="D2" s="0" t="s"><v>11</v></c><c r="E2" s="0"/></row><row r="3" customFormat="false" ht="12.8" hidden="false" customHeight="false" outlineLevel="0" collapsed="false"><c r="A3" s="0" t="n"><v>2</v></c><c r="B3" s="0" t="s"><v>7</v></c><c r="C3" s="0" t="s"><v>10</v></c><c r="E3" s="0" t="s"><v>8</v></c></row><row r="5" customFormat="false" ht="12.8" hidden="false" customHeight="false" outlineLevel="0" collapsed="false"><c r="A5" s="0" t="n"><v>3</v></c><c r="B5" s="0" t="inlineStr"><is><t>O'Brien</t></is></c><c r="C5" s="0" t="inlineStr"><is><t>Seán</t></is></c><c r="E5" s="0" t="inlineStr"><is><t>Padres: Sr. &amp; Sra. O'Brien</t></is></c></row><row r="6" customFormat="false" ht="12.8" hidden="false" customHeight="false" outlineLevel="0" collapsed="false"><c r="A6" s="0" t="n"><v>4</v></c><c r="B6" s="0" t="s"><v>9</v></c><c r="C6" s="0" t="str"><f aca="false">UPPER("Lucía")</f><v>LUCÍA</v></c><c r="D6" s="0" t="inlineStr"><is><t>lucia@colegio.es</t></is></c></row><row r="7" customFormat="false" ht="12.8" hidden="false" customHeight="false" outlineLevel="0" collapsed="false"><c r="A7" s="0" t="n"><v>5</v></c><c r="B7" s="0" t="s"><v>5</v></c><c r="C7" s="0" t="s"><v>6</v></c></row></sheetData><printOptions headings="false" gridLines="false" gridLinesSet="true" horizontalCentered="false" verticalCentered="false"/><pageMargins left="0.7875" right="0.7875" top="1.05277777777778" bottom="1.05277777777778" header="0.7875" footer="0.7875"/></worksheet>)";
  parts["xl/worksheets/sheet2.xml"] =
      header +
      R"(<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>Nota</t></is></c></row><row r="2"><c r="A2"><v>7.5</v></c></row></sheetData></worksheet>)";
  return parts;
}

} // namespace pupitre::test
