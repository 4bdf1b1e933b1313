#pragma once
// A PDF written with cairo, its text laid out by pango (HarfBuzz shaping, bidirectional text,
// fontconfig's fallback to the fonts installed from Debian: DejaVu, Noto, WenQuanYi), so
// Arabic and Chinese names come out right; cairo embeds the fonts it uses. Sizes in points.
#include <memory>
#include <string>

namespace pupitre::reports {

struct TextStyle
{
  double size = 9;
  bool bold = false;
  bool italic = false;
  enum class Align { Left, Centre, Right } align = Align::Left;
  double grey = 0;  // 0 black .. 1 white
  int maxLines = 1; // the last one ends with "…" when the text is longer; 0: no limit
};

class PdfCanvas
{
public:
  enum class Orientation { Portrait, Landscape };
  // An A4 document at `path`; Error when it cannot be created.
  PdfCanvas(const std::string& path, Orientation orientation, const std::string& title);
  ~PdfCanvas();
  PdfCanvas(const PdfCanvas&) = delete;
  PdfCanvas& operator=(const PdfCanvas&) = delete;

  double width() const noexcept { return m_width; }
  double height() const noexcept { return m_height; }

  // Draws `text` in a box of `width` from (x, y) (its top); returns the height it took.
  double text(double x, double y, double width, const std::string& text, const TextStyle& style);
  // The same turned a quarter to the left, reading upwards, in a box `length` tall whose
  // bottom left is (x, y).
  void textUp(double x, double y, double length, double depth, const std::string& text,
              const TextStyle& style);
  // The width `text` takes on one line, and the height of a line of that style.
  double measure(const std::string& text, const TextStyle& style);
  double lineHeight(const TextStyle& style);
  // The height `text` takes wrapped in `width`.
  double textHeight(double width, const std::string& text, const TextStyle& style);

  void fill(double x, double y, double w, double h, double grey);
  void frame(double x, double y, double w, double h, double lineWidth = 0.4, double grey = 0.6);
  void line(double x1, double y1, double x2, double y2, double lineWidth = 0.4, double grey = 0.6);

  void nextPage();
  // Ends the document (Error when it could not be written).
  void finish();

private:
  struct Impl;
  std::unique_ptr<Impl> m_impl;
  std::string m_path;
  double m_width = 0;
  double m_height = 0;
};

} // namespace pupitre::reports
