#include "pupitre/reports/xlsx_book.h"

#include "pupitre/reports/output_file.h"

namespace pupitre::reports {

XlsxBook::XlsxBook(const std::string& path) : m_path(path)
{
  lxw_workbook_options options{};
  options.constant_memory = LXW_FALSE;
  options.use_zip64 = LXW_FALSE;
  m_book = workbook_new_opt(path.c_str(), &options);
  if (!m_book) {
    throwWriteError(path, "the spreadsheet could not be created");
  }
  auto make = [this](bool bold, unsigned char grey) {
    lxw_format* f = workbook_add_format(m_book);
    if (bold) {
      format_set_bold(f);
    }
    if (grey) {
      format_set_bg_color(f, 0x010101 * grey);
    }
    return f;
  };
  m_formats.title = make(true, 0);
  format_set_font_size(m_formats.title, 14);
  m_formats.group = make(true, 0xDD);
  format_set_align(m_formats.group, LXW_ALIGN_CENTER);
  format_set_border(m_formats.group, LXW_BORDER_THIN);
  m_formats.header = make(true, 0xEE);
  format_set_text_wrap(m_formats.header);
  format_set_align(m_formats.header, LXW_ALIGN_VERTICAL_TOP);
  format_set_border(m_formats.header, LXW_BORDER_THIN);
  m_formats.averageHeader = make(true, 0xDD);
  format_set_text_wrap(m_formats.averageHeader);
  format_set_align(m_formats.averageHeader, LXW_ALIGN_VERTICAL_TOP);
  format_set_border(m_formats.averageHeader, LXW_BORDER_THIN);
  m_formats.detail = make(false, 0xEE);
  format_set_font_size(m_formats.detail, 8);
  format_set_border(m_formats.detail, LXW_BORDER_THIN);
  m_formats.name = make(true, 0);
  m_formats.mark = make(false, 0);
  format_set_align(m_formats.mark, LXW_ALIGN_CENTER);
  m_formats.symbol = make(false, 0);
  format_set_align(m_formats.symbol, LXW_ALIGN_CENTER);
  m_formats.status = make(false, 0);
  format_set_italic(m_formats.status);
  format_set_font_color(m_formats.status, 0x666666);
  format_set_align(m_formats.status, LXW_ALIGN_CENTER);
  m_formats.integer = make(false, 0);
  format_set_num_format(m_formats.integer, "0");
  m_formats.percent = make(false, 0);
  format_set_num_format(m_formats.percent, "0.0%");
}

XlsxBook::~XlsxBook()
{
  if (m_book) {
    // Never closed (an error on the way): the file is not written; free what was made.
    lxw_workbook_free(m_book);
  }
}

lxw_worksheet* XlsxBook::sheet(const std::string& name)
{
  std::string safe;
  for (const char c : name) {
    safe += std::string("[]:*?/\\").find(c) == std::string::npos ? c : '-';
  }
  // 31 characters at most, cut on a UTF-8 boundary.
  std::size_t chars = 0, at = 0;
  while (at < safe.size() && chars < 31) {
    ++at;
    while (at < safe.size() && (static_cast<unsigned char>(safe[at]) & 0xC0) == 0x80) {
      ++at;
    }
    ++chars;
  }
  safe.resize(at);
  if (safe.empty() || safe.front() == '\'' || safe.back() == '\'') {
    safe = "Sheet";
  }
  lxw_worksheet* sheet = workbook_add_worksheet(m_book, safe.c_str());
  if (!sheet) {
    sheet = workbook_add_worksheet(m_book, nullptr);
  }
  return sheet;
}

lxw_format* XlsxBook::averageFormat(int decimals)
{
  auto& format = m_averageFormats[decimals];
  if (!format) {
    format = workbook_add_format(m_book);
    format_set_bold(format);
    format_set_bg_color(format, 0xF2F2F2);
    format_set_align(format, LXW_ALIGN_CENTER);
    const std::string pattern =
        decimals > 0 ? "0." + std::string(static_cast<std::size_t>(decimals), '0') : "0";
    format_set_num_format(format, pattern.c_str());
  }
  return format;
}

void XlsxBook::setTitle(const std::string& title)
{
  m_title = title;
  lxw_doc_properties properties{};
  std::string comments = "Pupitre";
  properties.title = m_title.data();
  properties.comments = comments.data();
  workbook_set_properties(m_book, &properties);
}

void XlsxBook::mergeOrWrite(lxw_worksheet* sheet, lxw_row_t row, lxw_col_t first, lxw_col_t last,
                            const std::string& text, lxw_format* format)
{
  if (first == last) {
    worksheet_write_string(sheet, row, first, text.c_str(), format);
  } else {
    worksheet_merge_range(sheet, row, first, row, last, text.c_str(), format);
  }
}

void XlsxBook::close()
{
  const lxw_error error = workbook_close(m_book);
  m_book = nullptr;
  if (error != LXW_NO_ERROR) {
    throwWriteError(m_path, lxw_strerror(error));
  }
}

} // namespace pupitre::reports
