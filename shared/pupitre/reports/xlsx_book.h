#pragma once
// A workbook written with libxlsxwriter and the formats the reports share.
#include <xlsxwriter.h>

#include <map>
#include <string>

namespace pupitre::reports {

struct XlsxFormats
{
  lxw_format* title = nullptr;
  lxw_format* group = nullptr;
  lxw_format* header = nullptr;
  lxw_format* averageHeader = nullptr;
  lxw_format* detail = nullptr;
  lxw_format* name = nullptr;
  lxw_format* mark = nullptr;
  lxw_format* symbol = nullptr;
  lxw_format* status = nullptr;
  lxw_format* integer = nullptr;
  lxw_format* percent = nullptr;
};

class XlsxBook
{
public:
  // Error when the file cannot be created.
  explicit XlsxBook(const std::string& path);
  ~XlsxBook();
  XlsxBook(const XlsxBook&) = delete;
  XlsxBook& operator=(const XlsxBook&) = delete;

  // A new sheet named `name` made safe for Excel (31 characters, none of []:*?/\).
  lxw_worksheet* sheet(const std::string& name);
  const XlsxFormats& formats() const noexcept { return m_formats; }
  // An average's format: bold, with `decimals` decimals.
  lxw_format* averageFormat(int decimals);
  void setTitle(const std::string& title);
  // A merged cell over columns first..last of `row`, or one cell when first == last.
  void mergeOrWrite(lxw_worksheet* sheet, lxw_row_t row, lxw_col_t first, lxw_col_t last,
                    const std::string& text, lxw_format* format);
  // Writes the file; Error when that fails.
  void close();

private:
  std::string m_path;
  lxw_workbook* m_book = nullptr;
  XlsxFormats m_formats;
  std::map<int, lxw_format*> m_averageFormats;
  std::string m_title;
};

} // namespace pupitre::reports
