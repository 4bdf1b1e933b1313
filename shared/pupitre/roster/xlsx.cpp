#include "pupitre/roster/xlsx.h"

#include "pupitre/store/value.h"

#include <Poco/Exception.h>
#include <Poco/SAX/Attributes.h>
#include <Poco/SAX/DefaultHandler.h>
#include <Poco/SAX/SAXParser.h>
#include <Poco/Zip/ZipArchive.h>
#include <Poco/Zip/ZipStream.h>

#include <memory>
#include <optional>
#include <sstream>

namespace pupitre::roster {
namespace {

using Kind = ImportError::Kind;

[[noreturn]] void notWorkbook(const std::string& why)
{
  throw ImportError(Kind::NotWorkbook, 0, 0, why);
}

// One part of the zip, unpacked up to kMaxUnpackedBytes; nullopt when it is not there.
std::optional<std::string> readPart(std::istream& zip, const Poco::Zip::ZipArchive& archive,
                                    const std::string& name)
{
  auto header = archive.findHeader(name);
  if (header == archive.headerEnd()) {
    return std::nullopt;
  }
  if (header->second.isEncrypted()) {
    notWorkbook("it is protected with a password");
  }
  if (header->second.getUncompressedSize() > kMaxUnpackedBytes) {
    throw ImportError(Kind::TooLarge, 0, 0, name + " unpacks to more than 64 MiB");
  }
  zip.clear();
  Poco::Zip::ZipInputStream in(zip, header->second, true);
  std::string data;
  char buffer[16384];
  while (in.read(buffer, sizeof buffer) || in.gcount() > 0) {
    data.append(buffer, static_cast<std::size_t>(in.gcount()));
    if (data.size() > kMaxUnpackedBytes) {
      throw ImportError(Kind::TooLarge, 0, 0, name + " unpacks to more than 64 MiB");
    }
  }
  return data;
}

// A handler never throws through the XML parser (C code): it keeps the first error, ignores
// the rest of the part, and parseXml throws it.
struct Handler : Poco::XML::DefaultHandler
{
  std::optional<ImportError> failure;
  template <class Body> void guarded(Body&& body)
  {
    if (failure) {
      return;
    }
    try {
      body();
    } catch (const ImportError& e) {
      failure = e;
    }
  }
};

// SAX over one XML part; external entities are never fetched.
void parseXml(const std::string& xml, Handler& handler, const std::string& part)
{
  Poco::XML::SAXParser parser;
  parser.setFeature(Poco::XML::XMLReader::FEATURE_NAMESPACES, true);
  parser.setFeature(Poco::XML::XMLReader::FEATURE_EXTERNAL_GENERAL_ENTITIES, false);
  parser.setFeature(Poco::XML::XMLReader::FEATURE_EXTERNAL_PARAMETER_ENTITIES, false);
  parser.setContentHandler(&handler);
  try {
    parser.parseMemoryNP(xml.data(), xml.size());
  } catch (const ImportError&) {
    throw;
  } catch (const Poco::Exception& e) {
    notWorkbook(part + ": " + e.displayText());
  }
  if (handler.failure) {
    throw *handler.failure;
  }
}

std::string attribute(const Poco::XML::Attributes& attributes, const std::string& localName)
{
  for (int i = 0; i < attributes.getLength(); ++i) {
    if (attributes.getLocalName(i) == localName) {
      return attributes.getValue(i);
    }
  }
  return {};
}

// xl/workbook.xml: the relationship id of the first sheet.
struct WorkbookHandler : Handler
{
  std::string firstSheet;
  void startElement(const Poco::XML::XMLString&, const Poco::XML::XMLString& localName,
                    const Poco::XML::XMLString&, const Poco::XML::Attributes& attributes) override
  {
    if (localName == "sheet" && firstSheet.empty()) {
      firstSheet = attribute(attributes, "id"); // r:id
    }
  }
};

// xl/_rels/workbook.xml.rels: the part a relationship id names.
struct RelationsHandler : Handler
{
  std::string wanted, target;
  void startElement(const Poco::XML::XMLString&, const Poco::XML::XMLString& localName,
                    const Poco::XML::XMLString&, const Poco::XML::Attributes& attributes) override
  {
    if (localName == "Relationship" && attribute(attributes, "Id") == wanted) {
      target = attribute(attributes, "Target");
    }
  }
};

// xl/sharedStrings.xml: <si> items, plain (<t>) or rich text (<r><t>), phonetic runs (<rPh>)
// left out.
struct SharedStringsHandler : Handler
{
  std::vector<std::string> strings;
  bool inItem = false, inText = false;
  int phonetic = 0;
  std::string current;

  void startElement(const Poco::XML::XMLString&, const Poco::XML::XMLString& localName,
                    const Poco::XML::XMLString&, const Poco::XML::Attributes&) override
  {
    guarded([&] {
      if (localName == "si") {
        inItem = true;
        current.clear();
      } else if (localName == "rPh") {
        ++phonetic;
      } else if (localName == "t" && inItem && phonetic == 0) {
        inText = true;
      }
    });
  }
  void endElement(const Poco::XML::XMLString&, const Poco::XML::XMLString& localName,
                  const Poco::XML::XMLString&) override
  {
    guarded([&] {
      if (localName == "si") {
        inItem = false;
        if (strings.size() >= kMaxRows * kMaxColumns) {
          throw ImportError(Kind::TooLarge, 0, 0, "too many texts in the workbook");
        }
        strings.push_back(std::move(current));
        current.clear();
      } else if (localName == "rPh") {
        --phonetic;
      } else if (localName == "t") {
        inText = false;
      }
    });
  }
  void characters(const Poco::XML::XMLChar ch[], int start, int length) override
  {
    guarded([&] {
      if (inText) {
        current.append(ch + start, static_cast<std::size_t>(length));
        if (current.size() > kMaxCellBytes) {
          current.resize(kMaxCellBytes + 1); // reported when a cell uses it
        }
      }
    });
  }
};

// "B12" -> column 2 (0 when there are no letters).
int columnOf(const std::string& reference)
{
  int column = 0;
  for (const char c : reference) {
    if (c >= 'A' && c <= 'Z') {
      column = column * 26 + (c - 'A' + 1);
      if (column > 1'000'000) {
        return -1;
      }
    } else {
      break;
    }
  }
  return column;
}

int rowOf(const std::string& reference)
{
  const auto digits = reference.find_first_of("0123456789");
  if (digits == std::string::npos || reference.size() - digits > 9) {
    return 0;
  }
  return std::stoi(reference.substr(digits));
}

// The worksheet: <sheetData><row r="3"><c r="A3" t="s"><v>0</v></c>… with `r` optional.
struct SheetHandler : Handler
{
  const std::vector<std::string>& shared;
  Table table;
  SourceRow row;
  bool inRow = false, inCell = false, inValue = false, inInlineText = false;
  int phonetic = 0;
  int lastRow = 0;
  int cellColumn = 0, lastColumn = 0;
  std::string cellType, value, inlineText;

  explicit SheetHandler(const std::vector<std::string>& sharedStrings) : shared(sharedStrings) {}

  void startElement(const Poco::XML::XMLString&, const Poco::XML::XMLString& localName,
                    const Poco::XML::XMLString&, const Poco::XML::Attributes& attributes) override
  {
    guarded([&] {
      if (localName == "row") {
        inRow = true;
        const std::string r = attribute(attributes, "r");
        row = SourceRow{r.empty() ? lastRow + 1 : rowOf(r), {}};
        if (row.line <= lastRow) {
          row.line = lastRow + 1;
        }
        lastColumn = 0;
      } else if (localName == "c" && inRow) {
        inCell = true;
        const std::string r = attribute(attributes, "r");
        cellColumn = r.empty() ? lastColumn + 1 : columnOf(r);
        if (cellColumn <= lastColumn) {
          cellColumn = lastColumn + 1;
        }
        if (cellColumn < 0 || cellColumn > static_cast<int>(kMaxColumns)) {
          throw ImportError(Kind::TooManyColumns, row.line, 0);
        }
        cellType = attribute(attributes, "t");
        value.clear();
        inlineText.clear();
      } else if (localName == "v" && inCell) {
        inValue = true;
      } else if (localName == "rPh") {
        ++phonetic;
      } else if (localName == "t" && inCell && phonetic == 0) {
        inInlineText = true;
      }
    });
  }

  void endElement(const Poco::XML::XMLString&, const Poco::XML::XMLString& localName,
                  const Poco::XML::XMLString&) override
  {
    guarded([&] {
      if (localName == "v") {
        inValue = false;
      } else if (localName == "t") {
        inInlineText = false;
      } else if (localName == "rPh") {
        --phonetic;
      } else if (localName == "c" && inCell) {
        inCell = false;
        lastColumn = cellColumn;
        std::string text = cellText();
        if (text.size() > kMaxCellBytes) {
          throw ImportError(Kind::CellTooLong, row.line, cellColumn);
        }
        if (!text.empty()) {
          row.cells.resize(static_cast<std::size_t>(cellColumn));
          row.cells[static_cast<std::size_t>(cellColumn - 1)] = std::move(text);
        }
      } else if (localName == "row" && inRow) {
        inRow = false;
        lastRow = row.line;
        if (!row.cells.empty()) {
          if (table.rows.size() >= kMaxRows) {
            throw ImportError(Kind::TooManyRows, row.line, 0);
          }
          table.rows.push_back(std::move(row));
        }
      }
    });
  }

  void characters(const Poco::XML::XMLChar ch[], int start, int length) override
  {
    guarded([&] {
      std::string* into = inValue ? &value : inInlineText ? &inlineText : nullptr;
      if (into) {
        into->append(ch + start, static_cast<std::size_t>(length));
        if (into->size() > kMaxCellBytes) {
          throw ImportError(Kind::CellTooLong, row.line, cellColumn);
        }
      }
    });
  }

  std::string cellText() const
  {
    if (cellType == "s") {
      const auto index = store::parseNumber(value);
      if (!index || *index < 0 || *index >= static_cast<double>(shared.size())) {
        notWorkbook("cell " + columnLetters(cellColumn) + std::to_string(row.line) +
                    " names a text that is not in the workbook");
      }
      return shared[static_cast<std::size_t>(*index)];
    }
    if (cellType == "inlineStr") {
      return inlineText;
    }
    if (cellType == "b") {
      return value == "1" ? "TRUE" : "FALSE";
    }
    if (cellType == "e") {
      return {}; // #N/A and other errors: nothing to import
    }
    if (cellType == "str" || cellType == "d") {
      return value;
    }
    // A number: as the spreadsheet shows it without a format ("3", "2.5", not "3.0E+0").
    if (const auto number = store::parseNumber(value)) {
      return store::formatNumber(*number);
    }
    return value;
  }
};

std::string partPath(const std::string& target)
{
  if (!target.empty() && target.front() == '/') {
    return target.substr(1);
  }
  std::string path = "xl/" + target;
  // "xl/../x" and "xl/./x", as some writers put them.
  for (std::size_t dots; (dots = path.find("/./")) != std::string::npos;) {
    path.erase(dots, 2);
  }
  for (std::size_t dots; (dots = path.find("/../")) != std::string::npos;) {
    const auto parent = dots == 0 ? 0 : path.rfind('/', dots - 1);
    path.erase(parent == std::string::npos ? 0 : parent,
               dots + 3 - (parent == std::string::npos ? 0 : parent));
  }
  return path;
}

} // namespace

Table readXlsx(const std::string& bytes)
{
  std::istringstream zip(bytes);
  std::unique_ptr<Poco::Zip::ZipArchive> archive;
  try {
    archive = std::make_unique<Poco::Zip::ZipArchive>(zip);
  } catch (const Poco::Exception& e) {
    notWorkbook("the zip inside is damaged: " + e.displayText());
  }
  try {
    const auto workbook = readPart(zip, *archive, "xl/workbook.xml");
    if (!workbook) {
      notWorkbook("it has no xl/workbook.xml");
    }
    WorkbookHandler sheets;
    parseXml(*workbook, sheets, "xl/workbook.xml");
    std::string sheetPart = "xl/worksheets/sheet1.xml";
    if (!sheets.firstSheet.empty()) {
      if (const auto rels = readPart(zip, *archive, "xl/_rels/workbook.xml.rels")) {
        RelationsHandler relations;
        relations.wanted = sheets.firstSheet;
        parseXml(*rels, relations, "xl/_rels/workbook.xml.rels");
        if (!relations.target.empty()) {
          sheetPart = partPath(relations.target);
        }
      }
    }
    SharedStringsHandler shared;
    if (const auto strings = readPart(zip, *archive, "xl/sharedStrings.xml")) {
      parseXml(*strings, shared, "xl/sharedStrings.xml");
    }
    const auto sheet = readPart(zip, *archive, sheetPart);
    if (!sheet) {
      notWorkbook("its first sheet " + sheetPart + " is missing");
    }
    SheetHandler handler(shared.strings);
    parseXml(*sheet, handler, sheetPart);
    return std::move(handler.table);
  } catch (const ImportError&) {
    throw;
  } catch (const Poco::Exception& e) {
    notWorkbook(e.displayText());
  } catch (const std::exception& e) {
    notWorkbook(e.what());
  }
}

} // namespace pupitre::roster
