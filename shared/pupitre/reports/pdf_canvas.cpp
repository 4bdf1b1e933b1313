#include "pupitre/reports/pdf_canvas.h"

#include "pupitre/reports/output_file.h"

#include <cairo-pdf.h>
#include <cairo.h>
#include <pango/pangocairo.h>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <map>
#include <tuple>

namespace pupitre::reports {
namespace {

constexpr double kA4Short = 595.28;
constexpr double kA4Long = 841.89;
// The fonts Debian packages: DejaVu (Latin, Greek, Cyrillic, Arabic), Noto, then WenQuanYi for
// Chinese; fontconfig falls back to any installed font for a letter none of them has.
constexpr const char* kFamilies = "DejaVu Sans, Noto Sans, Noto Naskh Arabic, WenQuanYi Micro Hei";

} // namespace

struct PdfCanvas::Impl
{
  // cairo writes through write() into our own file: a failed write (a full disk) is seen
  // here and reported, never left as a short file that looks finished.
  std::FILE* file = nullptr;
  bool writeFailed = false;
  int writeError = 0;
  cairo_surface_t* surface = nullptr;
  cairo_t* cr = nullptr;
  PangoContext* context = nullptr;
  PangoLayout* layout = nullptr;
  std::map<std::tuple<int, bool, bool>, PangoFontDescription*> fonts;

  ~Impl()
  {
    for (auto& [key, font] : fonts) {
      pango_font_description_free(font);
    }
    if (layout) {
      g_object_unref(layout);
    }
    if (context) {
      g_object_unref(context);
    }
    if (cr) {
      cairo_destroy(cr);
    }
    if (surface) {
      cairo_surface_destroy(surface);
    }
    if (file) {
      std::fclose(file);
    }
  }

  static cairo_status_t write(void* closure, const unsigned char* data, unsigned int length)
  {
    auto* self = static_cast<Impl*>(closure);
    if (self->writeFailed || std::fwrite(data, 1, length, self->file) != length) {
      if (!self->writeFailed) {
        self->writeError = errno;
      }
      self->writeFailed = true;
      return CAIRO_STATUS_WRITE_ERROR;
    }
    return CAIRO_STATUS_SUCCESS;
  }

  PangoLayout* prepare(const std::string& text, const TextStyle& style, double width)
  {
    const auto key = std::make_tuple(static_cast<int>(style.size * 10), style.bold, style.italic);
    auto& font = fonts[key];
    if (!font) {
      font = pango_font_description_from_string(kFamilies);
      pango_font_description_set_size(font, static_cast<int>(style.size * PANGO_SCALE));
      pango_font_description_set_weight(font, style.bold ? PANGO_WEIGHT_BOLD : PANGO_WEIGHT_NORMAL);
      pango_font_description_set_style(font,
                                       style.italic ? PANGO_STYLE_ITALIC : PANGO_STYLE_NORMAL);
    }
    pango_layout_set_font_description(layout, font);
    pango_layout_set_text(layout, text.c_str(), static_cast<int>(text.size()));
    if (width > 0) {
      pango_layout_set_width(layout, static_cast<int>(width * PANGO_SCALE));
      pango_layout_set_wrap(layout, PANGO_WRAP_WORD_CHAR);
      pango_layout_set_ellipsize(layout,
                                 style.maxLines > 0 ? PANGO_ELLIPSIZE_END : PANGO_ELLIPSIZE_NONE);
      pango_layout_set_height(layout, style.maxLines > 0 ? -style.maxLines : -1);
    } else {
      pango_layout_set_width(layout, -1);
      pango_layout_set_height(layout, -1);
      pango_layout_set_ellipsize(layout, PANGO_ELLIPSIZE_NONE);
    }
    pango_layout_set_alignment(layout, style.align == TextStyle::Align::Centre  ? PANGO_ALIGN_CENTER
                                       : style.align == TextStyle::Align::Right ? PANGO_ALIGN_RIGHT
                                                                                : PANGO_ALIGN_LEFT);
    return layout;
  }
};

PdfCanvas::PdfCanvas(const std::string& path, Orientation orientation, const std::string& title)
    : m_impl(std::make_unique<Impl>()), m_path(path)
{
  m_width = orientation == Orientation::Landscape ? kA4Long : kA4Short;
  m_height = orientation == Orientation::Landscape ? kA4Short : kA4Long;
  m_impl->file = std::fopen(path.c_str(), "wb");
  if (!m_impl->file) {
    throwWriteError(path, std::strerror(errno));
  }
  m_impl->surface =
      cairo_pdf_surface_create_for_stream(&Impl::write, m_impl.get(), m_width, m_height);
  if (cairo_surface_status(m_impl->surface) != CAIRO_STATUS_SUCCESS) {
    throwWriteError(path, cairo_status_to_string(cairo_surface_status(m_impl->surface)));
  }
  cairo_pdf_surface_set_metadata(m_impl->surface, CAIRO_PDF_METADATA_TITLE, title.c_str());
  cairo_pdf_surface_set_metadata(m_impl->surface, CAIRO_PDF_METADATA_CREATOR, "Pupitre");
  m_impl->cr = cairo_create(m_impl->surface);
  m_impl->context = pango_cairo_create_context(m_impl->cr);
  pango_cairo_context_set_resolution(m_impl->context, 72); // a point is a point
  m_impl->layout = pango_layout_new(m_impl->context);
  // Every line starts at the column's left edge, whatever the script (a right-to-left name
  // is still shaped and ordered right to left within its line).
  pango_layout_set_auto_dir(m_impl->layout, FALSE);
}

PdfCanvas::~PdfCanvas() = default;

double PdfCanvas::text(double x, double y, double width, const std::string& text,
                       const TextStyle& style)
{
  if (text.empty()) {
    return lineHeight(style);
  }
  PangoLayout* layout = m_impl->prepare(text, style, width);
  cairo_t* cr = m_impl->cr;
  cairo_set_source_rgb(cr, style.grey, style.grey, style.grey);
  cairo_move_to(cr, x, y);
  pango_cairo_show_layout(cr, layout);
  int w = 0, h = 0;
  pango_layout_get_pixel_size(layout, &w, &h);
  return h;
}

void PdfCanvas::textUp(double x, double y, double length, double depth, const std::string& text,
                       const TextStyle& style)
{
  cairo_t* cr = m_impl->cr;
  cairo_save(cr);
  cairo_translate(cr, x, y);
  cairo_rotate(cr, -G_PI / 2);
  PangoLayout* layout = m_impl->prepare(text, style, length);
  int w = 0, h = 0;
  pango_layout_get_pixel_size(layout, &w, &h);
  // Centred across the column's depth.
  const double offset = depth > h ? (depth - h) / 2 : 0;
  cairo_set_source_rgb(cr, style.grey, style.grey, style.grey);
  cairo_move_to(cr, 0, offset);
  pango_cairo_update_layout(cr, layout);
  pango_cairo_show_layout(cr, layout);
  cairo_restore(cr);
  pango_cairo_update_layout(cr, layout);
}

double PdfCanvas::measure(const std::string& text, const TextStyle& style)
{
  PangoLayout* layout = m_impl->prepare(text, style, 0);
  int w = 0, h = 0;
  pango_layout_get_pixel_size(layout, &w, &h);
  return w;
}

double PdfCanvas::textHeight(double width, const std::string& text, const TextStyle& style)
{
  PangoLayout* layout = m_impl->prepare(text.empty() ? " " : text, style, width);
  int w = 0, h = 0;
  pango_layout_get_pixel_size(layout, &w, &h);
  return h;
}

double PdfCanvas::lineHeight(const TextStyle& style)
{
  PangoLayout* layout = m_impl->prepare("Ag", style, 0);
  int w = 0, h = 0;
  pango_layout_get_pixel_size(layout, &w, &h);
  return h;
}

void PdfCanvas::fill(double x, double y, double w, double h, double grey)
{
  cairo_set_source_rgb(m_impl->cr, grey, grey, grey);
  cairo_rectangle(m_impl->cr, x, y, w, h);
  cairo_fill(m_impl->cr);
}

void PdfCanvas::frame(double x, double y, double w, double h, double lineWidth, double grey)
{
  cairo_set_source_rgb(m_impl->cr, grey, grey, grey);
  cairo_set_line_width(m_impl->cr, lineWidth);
  cairo_rectangle(m_impl->cr, x, y, w, h);
  cairo_stroke(m_impl->cr);
}

void PdfCanvas::line(double x1, double y1, double x2, double y2, double lineWidth, double grey)
{
  cairo_set_source_rgb(m_impl->cr, grey, grey, grey);
  cairo_set_line_width(m_impl->cr, lineWidth);
  cairo_move_to(m_impl->cr, x1, y1);
  cairo_line_to(m_impl->cr, x2, y2);
  cairo_stroke(m_impl->cr);
}

void PdfCanvas::nextPage()
{
  cairo_show_page(m_impl->cr);
}

void PdfCanvas::finish()
{
  cairo_show_page(m_impl->cr);
  cairo_surface_finish(m_impl->surface);
  const cairo_status_t status = cairo_surface_status(m_impl->surface);
  const bool flushed = std::fflush(m_impl->file) == 0 && !std::ferror(m_impl->file);
  const int error = errno;
  const bool closed = std::fclose(m_impl->file) == 0;
  m_impl->file = nullptr;
  if (m_impl->writeFailed || !flushed || !closed) {
    const int why = m_impl->writeError ? m_impl->writeError : error;
    throwWriteError(m_path, std::strerror(why ? why : EIO));
  }
  if (status != CAIRO_STATUS_SUCCESS) {
    throwWriteError(m_path, cairo_status_to_string(status));
  }
}

} // namespace pupitre::reports
