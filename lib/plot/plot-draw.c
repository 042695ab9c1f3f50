/*
 * libtraderules - the chart module (traderules-plot.so): charts (SVG, PNG, PDF) drawn
 * with cairo, text set with Pango. The library opens it on the first chart
 * (lib/plot/plot.c), so programs that draw none do not load cairo, Pango and the
 * ~25 libraries under them. The interface: plot-module.h.
 * SPDX-License-Identifier: MIT
 */
#include "core/tr-internal.h"
#include "plot/plot-config.h"
#include "plot/plot-module.h"
#include "plot/plot-private.h"

#include <math.h>
#include <string.h>
#include <traderules/plot.h>

#include <cairo-pdf.h>
#include <cairo-svg.h>
#include <cairo.h>
#ifdef TR_HAVE_PANGO
#include <pango/pangocairo.h>
#endif

#ifndef TR_HAVE_CAIRO
#error "the chart module is built only with cairo"
#endif

/* Every call into the library goes through the host's table (the module does not link
 * libtraderules, and the library's internal functions are hidden): */
static const trp_host *H;
#define tri_set_error (H->set_error)
#define tri_io_write_file (H->io_write_file)
#define trp_strength_colour (H->strength_colour)
#define trp_family_colour (H->family_colour)
#define tr_agreement_find_provision (H->tr_agreement_find_provision)
#define tr_agreement_get_family (H->tr_agreement_get_family)
#define tr_agreement_get_id (H->tr_agreement_get_id)
#define tr_agreement_get_year (H->tr_agreement_get_year)
#define tr_category_count (H->tr_category_count)
#define tr_category_title (H->tr_category_title)
#define tr_comparison_category_at (H->tr_comparison_category_at)
#define tr_comparison_comparable_count (H->tr_comparison_comparable_count)
#define tr_comparison_count (H->tr_comparison_count)
#define tr_comparison_distance (H->tr_comparison_distance)
#define tr_comparison_get_first (H->tr_comparison_get_first)
#define tr_comparison_get_second (H->tr_comparison_get_second)
#define tr_comparison_relation_at (H->tr_comparison_relation_at)
#define tr_plot_cluster_order (H->tr_plot_cluster_order)
#define tr_provision_get_strength (H->tr_provision_get_strength)
#define tr_relation_count (H->tr_relation_count)
#define tr_relation_id (H->tr_relation_id)
#define tr_strength_id (H->tr_strength_id)
#define tr_template_get_name (H->tr_template_get_name)
#define tr_template_get_rule (H->tr_template_get_rule)
#define tr_template_get_selection (H->tr_template_get_selection)
#define tr_template_get_strength (H->tr_template_get_strength)
#define tr_template_member_at (H->tr_template_member_at)
#define tr_template_member_count (H->tr_template_member_count)
#define tr_template_rule_id (H->tr_template_rule_id)

/* The argument checks of the public functions (plot.c makes them first too). */
static int check_agreements(const tr_agreement *const *a, size_t n, const char *fn) {
  for (size_t i = 0; i < n; i++)
    if (!a[i])
      return tri_fail(TR_ERR_INVALID_ARG, "%s: agreement %zu is NULL", fn, i);
  return TR_OK;
}

static int check_common(const void *catalog, const char *path, tr_plot_format format,
                        const char *fn) {
  if (!catalog || !path)
    return tri_fail(TR_ERR_INVALID_ARG, "%s: NULL argument", fn);
  if (format != TR_PLOT_SVG && format != TR_PLOT_PNG && format != TR_PLOT_PDF)
    return tri_fail(TR_ERR_INVALID_ARG, "%s: invalid format %d", fn, (int)format);
  return TR_OK;
}

#define FONT "DejaVu Sans"
/* the SVG viewer's font list: the measuring font first, then CJK and generic fallbacks */
#define SVG_FONTS "'DejaVu Sans', 'Noto Sans', 'Noto Sans CJK SC', 'WenQuanYi Zen Hei', sans-serif"
#define MAX_PIXELS_SIDE 30000.0
#define MAX_PIXELS (200.0 * 1000 * 1000)

typedef struct {
  cairo_surface_t *surface;
  cairo_t *cr;
  GByteArray *bytes;
  tr_plot_format format;
  double width, height;       /* the chart's natural size, points */
  double page_w, page_h;      /* the page, points */
  double px_per_pt, dpi;      /* PNG */
  GString *svg_text;          /* SVG: the <text> elements */
  tr_plot_options *options;
  size_t missing;             /* characters without a glyph */
  const char *title;          /* for PDF metadata */
} canvas;

/* Text state of a cairo context (canvas or scratch): font and, with Pango, a layout. */
typedef struct {
  double size;
  gboolean bold;
  canvas *canvas;
#ifdef TR_HAVE_PANGO
  PangoLayout *layout;
  PangoFontDescription *desc;
#endif
} text_state;

static const cairo_user_data_key_t text_key;

static void text_state_free(void *p) {
  text_state *ts = p;
#ifdef TR_HAVE_PANGO
  if (ts->layout)
    g_object_unref(ts->layout);
  if (ts->desc)
    pango_font_description_free(ts->desc);
#endif
  g_free(ts);
}

static text_state *tstate(cairo_t *cr) {
  text_state *ts = cairo_get_user_data(cr, &text_key);
  if (!ts) {
    ts = g_new0(text_state, 1);
    ts->size = 12;
    cairo_set_user_data(cr, &text_key, ts, text_state_free);
  }
  return ts;
}

#ifdef TR_HAVE_PANGO
/* The context's layout, font set; metrics unhinted so every surface measures alike. */
static PangoLayout *layout_of(cairo_t *cr) {
  text_state *ts = tstate(cr);
  if (!ts->layout) {
    ts->layout = pango_cairo_create_layout(cr);
    PangoContext *pc = pango_layout_get_context(ts->layout);
    cairo_font_options_t *fo = cairo_font_options_create();
    cairo_font_options_set_hint_metrics(fo, CAIRO_HINT_METRICS_OFF);
    cairo_font_options_set_hint_style(fo, CAIRO_HINT_STYLE_NONE);
    pango_cairo_context_set_font_options(pc, fo);
    cairo_font_options_destroy(fo);
    pango_context_set_round_glyph_positions(pc, FALSE);
    pango_layout_context_changed(ts->layout);
  }
  if (!ts->desc) {
    ts->desc = pango_font_description_from_string(FONT);
    pango_font_description_set_absolute_size(ts->desc, ts->size * PANGO_SCALE);
    pango_font_description_set_weight(ts->desc, ts->bold ? PANGO_WEIGHT_BOLD : PANGO_WEIGHT_NORMAL);
    pango_layout_set_font_description(ts->layout, ts->desc);
  }
  return ts->layout;
}
#endif

static void font(cairo_t *cr, double size, gboolean bold) {
  text_state *ts = tstate(cr);
  ts->size = size;
  ts->bold = bold;
#ifdef TR_HAVE_PANGO
  if (ts->desc) {
    pango_font_description_free(ts->desc);
    ts->desc = NULL;
  }
#else
  cairo_select_font_face(cr, FONT, CAIRO_FONT_SLANT_NORMAL,
                         bold ? CAIRO_FONT_WEIGHT_BOLD : CAIRO_FONT_WEIGHT_NORMAL);
  cairo_set_font_size(cr, size);
#endif
}

static double text_width(cairo_t *cr, const char *s) {
#ifdef TR_HAVE_PANGO
  PangoLayout *l = layout_of(cr);
  pango_layout_set_text(l, s ? s : "", -1);
  PangoRectangle logical;
  pango_layout_get_extents(l, NULL, &logical);
  return (double)logical.width / PANGO_SCALE;
#else
  cairo_text_extents_t e;
  cairo_text_extents(cr, s ? s : "", &e);
  return e.x_advance;
#endif
}

/* A scratch context for measuring text before the canvas exists. */
static cairo_t *measure_open(void) {
  cairo_surface_t *scratch = cairo_image_surface_create(CAIRO_FORMAT_ARGB32, 1, 1);
  cairo_t *m = cairo_create(scratch);
  cairo_surface_destroy(scratch); /* the context keeps a reference */
  font(m, 12, FALSE);
  return m;
}

static void svg_number(GString *s, double v) {
  char buf[G_ASCII_DTOSTR_BUF_SIZE];
  g_ascii_formatd(buf, sizeof buf, "%.2f", fabs(v) < 0.005 ? 0.0 : v);
  g_string_append(s, buf);
}

/* Draw text; align 0 = left, 0.5 = centre, 1 = right; y is the baseline. */
static void text_at(cairo_t *cr, double x, double y, double align, const char *s) {
  if (!s || !*s)
    return;
  text_state *ts = tstate(cr);
  double w = text_width(cr, s);
#ifdef TR_HAVE_PANGO
  PangoLayout *l = layout_of(cr);
  int unknown = pango_layout_get_unknown_glyphs_count(l);
  if (ts->canvas)
    ts->canvas->missing += (size_t)MAX(unknown, 0);
#endif
  if (ts->canvas && ts->canvas->format == TR_PLOT_SVG) {
    /* cairo's SVG surface would draw outlines: write an SVG text element instead */
    GString *o = ts->canvas->svg_text;
    double r = 0, g = 0, b = 0, a = 1;
    cairo_pattern_get_rgba(cairo_get_source(cr), &r, &g, &b, &a);
    cairo_matrix_t mx;
    cairo_get_matrix(cr, &mx);
    g_string_append(o, "<text");
    if (mx.xx == 1 && mx.yy == 1 && mx.xy == 0 && mx.yx == 0) {
      x += mx.x0;
      y += mx.y0;
    } else {
      double v[6] = { mx.xx, mx.yx, mx.xy, mx.yy, mx.x0, mx.y0 };
      g_string_append(o, " transform=\"matrix(");
      for (int k = 0; k < 6; k++) {
        if (k)
          g_string_append_c(o, ' ');
        char buf[G_ASCII_DTOSTR_BUF_SIZE];
        g_ascii_formatd(buf, sizeof buf, "%.6g", v[k]);
        g_string_append(o, buf);
      }
      g_string_append(o, ")\"");
    }
    g_string_append(o, " x=\"");
    svg_number(o, x);
    g_string_append(o, "\" y=\"");
    svg_number(o, y);
    g_string_append(o, "\" font-size=\"");
    svg_number(o, ts->size);
    g_string_append_printf(o, "\"%s fill=\"#%02x%02x%02x\"%s>", ts->bold ? " font-weight=\"bold\"" : "",
                           (unsigned)lround(r * 255), (unsigned)lround(g * 255),
                           (unsigned)lround(b * 255),
                           align >= 0.75 ? " text-anchor=\"end\"" : align >= 0.25 ? " text-anchor=\"middle\"" : "");
    char *esc = g_markup_escape_text(s, -1);
    g_string_append(o, esc);
    g_free(esc);
    g_string_append(o, "</text>\n");
    return;
  }
#ifdef TR_HAVE_PANGO
  cairo_move_to(cr, x - align * w, y - (double)pango_layout_get_baseline(l) / PANGO_SCALE);
  pango_cairo_update_layout(cr, l);
  pango_cairo_show_layout(cr, l);
  cairo_new_path(cr);
#else
  cairo_move_to(cr, x - align * w, y);
  cairo_show_text(cr, s);
#endif
}

static cairo_status_t write_bytes(void *closure, const unsigned char *data, unsigned int len) {
  g_byte_array_append(closure, data, len);
  return CAIRO_STATUS_SUCCESS;
}

/* Open a canvas for a chart of natural size w × h points; the options decide the page. */
static int canvas_open(canvas *c, tr_plot_format format, double w, double h,
                       tr_plot_options *options, const char *title) {
  memset(c, 0, sizeof *c);
  c->format = format;
  c->options = options;
  c->title = title;
  c->width = ceil(w);
  c->height = ceil(h);
  double sx = 1, sy = 1, ow = options ? options->width : 0, oh = options ? options->height : 0;
  c->page_w = c->width;
  c->page_h = c->height;
  if (ow > 0 && oh > 0) {
    sx = sy = fmin(ow / c->width, oh / c->height);
    c->page_w = ow;
    c->page_h = oh;
  } else if (ow > 0) {
    sx = sy = ow / c->width;
    c->page_w = ow;
    c->page_h = ceil(c->height * sx);
  } else if (oh > 0) {
    sx = sy = oh / c->height;
    c->page_h = oh;
    c->page_w = ceil(c->width * sx);
  }
  c->dpi = options ? options->dpi : TRP_DEFAULT_DPI;
  c->px_per_pt = c->dpi / 72.0;
  if (format == TR_PLOT_PNG) {
    double pw = ceil(c->page_w * c->px_per_pt), ph = ceil(c->page_h * c->px_per_pt);
    if (pw > MAX_PIXELS_SIDE || ph > MAX_PIXELS_SIDE || pw * ph > MAX_PIXELS)
      return tri_fail(TR_ERR_LIMIT,
                     "chart of %.0f × %.0f pixels at %g dpi is too large for a PNG (at most %.0f "
                     "pixels a side, %.0f million in all); lower the dpi or the size, or write SVG or PDF",
                     pw, ph, c->dpi, MAX_PIXELS_SIDE, MAX_PIXELS / 1e6);
  }
  c->bytes = g_byte_array_new();
  if (format == TR_PLOT_SVG) {
    c->surface = cairo_svg_surface_create_for_stream(write_bytes, c->bytes, c->page_w, c->page_h);
    c->svg_text = g_string_new(NULL);
  } else if (format == TR_PLOT_PDF) {
    c->surface = cairo_pdf_surface_create_for_stream(write_bytes, c->bytes, c->page_w, c->page_h);
    if (title)
      cairo_pdf_surface_set_metadata(c->surface, CAIRO_PDF_METADATA_TITLE, title);
    cairo_pdf_surface_set_metadata(c->surface, CAIRO_PDF_METADATA_CREATOR, "libtraderules");
  } else {
    c->surface = cairo_image_surface_create(CAIRO_FORMAT_ARGB32, (int)ceil(c->page_w * c->px_per_pt),
                                            (int)ceil(c->page_h * c->px_per_pt));
  }
  c->cr = cairo_create(c->surface);
  if (format == TR_PLOT_PNG)
    cairo_scale(c->cr, c->px_per_pt, c->px_per_pt);
  cairo_set_source_rgb(c->cr, 1, 1, 1);
  cairo_paint(c->cr);
  /* centre the scaled chart on the page */
  cairo_translate(c->cr, (c->page_w - c->width * sx) / 2, (c->page_h - c->height * sy) / 2);
  cairo_scale(c->cr, sx, sy);
  tstate(c->cr)->canvas = c;
  font(c->cr, 12, FALSE);
  return TR_OK;
}

/* CRC-32 of PNG chunks (ISO 3309, as zlib's crc32). */
static guint32 png_crc(const guchar *p, size_t n) {
  guint32 c = 0xffffffffu;
  for (size_t i = 0; i < n; i++) {
    c ^= p[i];
    for (int k = 0; k < 8; k++)
      c = (c >> 1) ^ (0xedb88320u & (0u - (c & 1u)));
  }
  return c ^ 0xffffffffu;
}

static void put_be32(guchar *p, guint32 v) {
  p[0] = (guchar)(v >> 24);
  p[1] = (guchar)(v >> 16);
  p[2] = (guchar)(v >> 8);
  p[3] = (guchar)v;
}

/* Insert n bytes at offset at. */
static void trp_insert(GByteArray *a, guint at, const guchar *d, size_t n) {
  guint old = a->len;
  g_byte_array_set_size(a, old + (guint)n);
  memmove(a->data + at + n, a->data + at, old - at);
  memcpy(a->data + at, d, n);
}

/* Insert a pHYs chunk (pixels per metre) after IHDR so the file carries its dpi. */
static void png_set_dpi(GByteArray *png, double dpi) {
  if (png->len < 33 || memcmp(png->data + 12, "IHDR", 4) != 0)
    return;
  guchar chunk[21];
  put_be32(chunk, 9);
  memcpy(chunk + 4, "pHYs", 4);
  guint32 ppm = (guint32)lround(dpi / 0.0254);
  put_be32(chunk + 8, ppm);
  put_be32(chunk + 12, ppm);
  chunk[16] = 1; /* unit: metre */
  put_be32(chunk + 17, png_crc(chunk + 4, 13));
  trp_insert(png, 33, chunk, sizeof chunk);
}

/* Finish drawing and write the file; returns a status. */
static int canvas_close(canvas *c, const char *path) {
  int rc = TR_OK;
  cairo_status_t st = cairo_status(c->cr);
  cairo_destroy(c->cr);
  if (st == CAIRO_STATUS_SUCCESS) {
    if (c->format == TR_PLOT_PNG) {
      cairo_surface_flush(c->surface);
      st = cairo_surface_write_to_png_stream(c->surface, write_bytes, c->bytes);
      if (st == CAIRO_STATUS_SUCCESS)
        png_set_dpi(c->bytes, c->dpi);
    } else {
      cairo_surface_finish(c->surface);
      st = cairo_surface_status(c->surface);
    }
  }
  cairo_surface_destroy(c->surface);
  if (st == CAIRO_STATUS_SUCCESS && c->svg_text) {
    /* the text elements go last (on top of the shapes), before </svg> */
    const char *end = g_strrstr_len((const char *)c->bytes->data, c->bytes->len, "</svg>");
    if (!end) {
      st = CAIRO_STATUS_WRITE_ERROR;
    } else {
      guint at = (guint)(end - (const char *)c->bytes->data);
      GString *block = g_string_new("<g font-family=\"" SVG_FONTS "\">\n");
      g_string_append_len(block, c->svg_text->str, (gssize)c->svg_text->len);
      g_string_append(block, "</g>\n");
      trp_insert(c->bytes, at, (const guchar *)block->str, block->len);
      g_string_free(block, TRUE);
    }
  }
  if (c->svg_text)
    g_string_free(c->svg_text, TRUE);
  if (c->options)
    c->options->missing_glyphs = c->missing;
  if (st != CAIRO_STATUS_SUCCESS) {
    rc = tri_fail(st == CAIRO_STATUS_NO_MEMORY ? TR_ERR_NOMEM : TR_ERR_INTERNAL,
                 "drawing failed: %s", cairo_status_to_string(st));
  } else {
    rc = tri_io_write_file(path, c->bytes->data, c->bytes->len);
  }
  g_byte_array_free(c->bytes, TRUE);
  return rc;
}

static void rgb(cairo_t *cr, unsigned int hex) {
  cairo_set_source_rgb(cr, ((hex >> 16) & 0xff) / 255.0, ((hex >> 8) & 0xff) / 255.0,
                       (hex & 0xff) / 255.0);
}

/* Diagonal hatching inside the rectangle (x, y, w, h): the mark of "unknown". */
static void hatch(cairo_t *cr, double x, double y, double w, double h, unsigned int bg,
                  unsigned int line) {
  cairo_save(cr);
  cairo_rectangle(cr, x, y, w, h);
  rgb(cr, bg);
  cairo_fill_preserve(cr);
  cairo_clip(cr);
  rgb(cr, line);
  cairo_set_line_width(cr, 1);
  for (double d = -h; d < w; d += 4) {
    cairo_move_to(cr, x + d, y + h);
    cairo_line_to(cr, x + d + h, y);
  }
  cairo_stroke(cr);
  cairo_restore(cr);
}

static const char *family_label(tr_family f) {
  switch (f) {
  case TR_FAMILY_AMERICAN: return "American";
  case TR_FAMILY_EUROPEAN: return "European";
  case TR_FAMILY_MULTILATERAL: return "Multilateral";
  case TR_FAMILY_OTHER: return "Other";
  default: return "Unknown family";
  }
}

/* A family band or swatch; the unknown family is hatched. */
static void family_box(cairo_t *cr, double x, double y, double w, double h, tr_family f) {
  if (f < TR_FAMILY_AMERICAN || f > TR_FAMILY_OTHER) {
    hatch(cr, x, y, w, h, TRP_UNKNOWN_FAMILY, 0x9a9a9a);
    return;
  }
  cairo_rectangle(cr, x, y, w, h);
  rgb(cr, trp_family_colour(f));
  cairo_fill(cr);
}

/* A strength cell; unknown is hatched with a "?". */
static void strength_box(cairo_t *cr, double x, double y, double w, double h, tr_strength s) {
  if (s != TR_STRENGTH_NONE && s != TR_STRENGTH_SOFT && s != TR_STRENGTH_MIXED &&
      s != TR_STRENGTH_HARD) {
    hatch(cr, x, y, w, h, 0xffffff, TRP_UNKNOWN_HATCH);
    rgb(cr, 0x333333);
    font(cr, fmin(11, h - 3), TRUE);
    text_at(cr, x + w / 2, y + h / 2 + fmin(11, h - 3) * 0.36, 0.5, "?");
    return;
  }
  cairo_rectangle(cr, x, y, w, h);
  rgb(cr, trp_strength_colour(s));
  cairo_fill(cr);
}

/* Legend entry: swatch + label; returns the x after it. kind 0 = colour, 1 = outlined
 * colour, 2 = unknown strength, 3 = unknown family. */
static double legend_item(cairo_t *cr, double x, double y, unsigned int colour, int kind,
                          const char *label) {
  if (kind == 2) {
    strength_box(cr, x, y, 14, 14, TR_STRENGTH_UNKNOWN);
  } else if (kind == 3) {
    family_box(cr, x, y, 14, 14, TR_FAMILY_UNKNOWN);
  } else {
    cairo_rectangle(cr, x, y, 14, 14);
    rgb(cr, colour);
    cairo_fill_preserve(cr);
    rgb(cr, kind == 1 ? 0x999999 : colour);
    cairo_set_line_width(cr, 1);
    cairo_stroke(cr);
  }
  rgb(cr, 0x222222);
  font(cr, 12, FALSE);
  text_at(cr, x + 20, y + 11.5, 0, label);
  return x + 20 + text_width(cr, label) + 18;
}

/* Width of a chart title (bold 16). */
static double title_width(const char *title) {
  cairo_t *m = measure_open();
  font(m, 16, TRUE);
  double w = text_width(m, title);
  cairo_destroy(m);
  return w;
}

static void title_at(cairo_t *cr, double x, double y, const char *title) {
  rgb(cr, 0x111111);
  font(cr, 16, TRUE);
  text_at(cr, x, y, 0, title);
}

/* ------------------------------------------------------------------------ */
/* Heatmap                                                                   */


static int draw_heatmap(const tr_agreement *const *agreements, size_t count, const char *path,
                        tr_plot_format format, tr_plot_options *options) {
  int rc = check_common(agreements || count == 0 ? (const void *)path : NULL, path, format,
                        "tr_plot_heatmap");
  if (rc)
    return rc;
  if (count == 0)
    return tri_fail(TR_ERR_EMPTY, "tr_plot_heatmap: no agreement to draw");
  if ((rc = check_agreements(agreements, count, "tr_plot_heatmap")))
    return rc;
  size_t na = count;
  const tr_agreement *const *ags = agreements;
  int ncat = tr_category_count();
  const double rh = 20, cw = 24, pad = 16;

  /* measure labels with a scratch surface */
  cairo_t *m = measure_open();
  font(m, 12, FALSE);
  double left = 0, maxid = 0;
  for (int k = 1; k <= ncat; k++)
    left = fmax(left, text_width(m, tr_category_title((tr_category)k)));
  for (size_t i = 0; i < na; i++)
    maxid = fmax(maxid, text_width(m, tr_agreement_get_id(ags[i])));
  cairo_destroy(m);
  left += pad + 10;
  const double angle = 55 * G_PI / 180;
  double top = 44 + maxid * sin(angle) + 18;
  double grid_w = cw * (double)na, grid_h = rh * ncat;
  double width = fmax(left + grid_w + maxid * cos(angle) + pad, 760);
  double height = top + grid_h + 90;

  const char *title = options && options->title ? options->title
                                                 : "Legal strength of digital-trade provisions by agreement";
  width = fmax(width, title_width(title) + 2 * pad);
  canvas c;
  if ((rc = canvas_open(&c, format, width, height, options, title)))
    return rc;
  cairo_t *cr = c.cr;
  title_at(cr, pad, 26, title);

  /* column labels (rotated) and family band */
  font(cr, 12, FALSE);
  for (size_t i = 0; i < na; i++) {
    double x = left + cw * (double)i + cw / 2;
    cairo_save(cr);
    cairo_translate(cr, x + 4, top - 12);
    cairo_rotate(cr, -angle);
    rgb(cr, 0x222222);
    font(cr, 12, FALSE);
    text_at(cr, 0, 0, 0, tr_agreement_get_id(ags[i]));
    cairo_restore(cr);
    family_box(cr, left + cw * (double)i + 1, top - 8, cw - 2, 5, tr_agreement_get_family(ags[i]));
  }
  /* rows */
  for (int k = 1; k <= ncat; k++) {
    double y = top + rh * (k - 1);
    if (k % 2 == 0) {
      cairo_rectangle(cr, pad, y, left - pad + grid_w, rh);
      rgb(cr, 0xf6f6f6);
      cairo_fill(cr);
    }
    rgb(cr, 0x222222);
    font(cr, 12, FALSE);
    text_at(cr, left - 10, y + rh / 2 + 4, 1, tr_category_title((tr_category)k));
    for (size_t i = 0; i < na; i++) {
      const tr_provision *p = tr_agreement_find_provision(ags[i], (tr_category)k);
      double x = left + cw * (double)i;
      if (!p) {
        cairo_rectangle(cr, x + 1.5, y + 1.5, cw - 3, rh - 3);
        rgb(cr, 0xffffff);
        cairo_fill_preserve(cr);
        rgb(cr, 0xdddddd);
        cairo_set_line_width(cr, 1);
        cairo_stroke(cr);
        continue;
      }
      strength_box(cr, x + 1, y + 1, cw - 2, rh - 2, tr_provision_get_strength(p));
    }
  }
  /* legend */
  double ly = top + grid_h + 18, lx = pad;
  rgb(cr, 0x222222);
  font(cr, 12, TRUE);
  text_at(cr, lx, ly + 11.5, 0, "Strength:");
  lx += 70;
  lx = legend_item(cr, lx, ly, trp_strength_colour(TR_STRENGTH_HARD), 0, "hard");
  lx = legend_item(cr, lx, ly, trp_strength_colour(TR_STRENGTH_MIXED), 0, "mixed");
  lx = legend_item(cr, lx, ly, trp_strength_colour(TR_STRENGTH_SOFT), 0, "soft");
  lx = legend_item(cr, lx, ly, trp_strength_colour(TR_STRENGTH_NONE), 0, "none");
  lx = legend_item(cr, lx, ly, 0, 2, "unknown (?)");
  legend_item(cr, lx, ly, 0xffffff, 1, "not coded");
  ly += 26;
  lx = pad;
  rgb(cr, 0x222222);
  font(cr, 12, TRUE);
  text_at(cr, lx, ly + 11.5, 0, "Family:");
  lx += 70;
  for (int f = TR_FAMILY_AMERICAN; f <= TR_FAMILY_OTHER; f++)
    lx = legend_item(cr, lx, ly, trp_family_colour((tr_family)f), 0, family_label((tr_family)f));
  legend_item(cr, lx, ly, 0, 3, "unknown family");
  return canvas_close(&c, path);
}

/* ------------------------------------------------------------------------ */
/* Comparison of two groups                                                  */

static double strength_value(tr_strength s) {
  switch (s) {
  case TR_STRENGTH_NONE: return 0;
  case TR_STRENGTH_SOFT: return 1;
  case TR_STRENGTH_MIXED: return 2;
  case TR_STRENGTH_HARD: return 3;
  default: return NAN;
  }
}

static double group_mean(const tr_agreement *const *g, size_t n, tr_category k, int *count) {
  double sum = 0;
  *count = 0;
  for (size_t i = 0; i < n; i++) {
    const tr_provision *p = tr_agreement_find_provision(g[i], k);
    double v = p ? strength_value(tr_provision_get_strength(p)) : NAN;
    if (!isnan(v)) {
      sum += v;
      (*count)++;
    }
  }
  return *count ? sum / *count : NAN;
}

static int draw_compare(const tr_agreement *const *group_a, size_t count_a, const char *label_a,
                        const tr_agreement *const *group_b, size_t count_b, const char *label_b,
                        const char *path, tr_plot_format format) {
  int rc = check_common((group_a || count_a == 0) && (group_b || count_b == 0) ? (const void *)path : NULL,
                        path, format, "tr_plot_compare");
  if (rc)
    return rc;
  if (!label_a)
    label_a = "Group A";
  if (!label_b)
    label_b = "Group B";
  if (count_a == 0 || count_b == 0)
    return tri_fail(TR_ERR_EMPTY, "tr_plot_compare: group '%s' has no agreement",
                   count_a == 0 ? label_a : label_b);
  if ((rc = check_agreements(group_a, count_a, "tr_plot_compare")) ||
      (rc = check_agreements(group_b, count_b, "tr_plot_compare")))
    return rc;
  size_t na = count_a, nb = count_b;
  const tr_agreement *const *a = group_a, *const *b = group_b;
  int ncat = tr_category_count();
  const double rh = 20, pad = 16, plot_w = 420;
  cairo_t *m = measure_open();
  font(m, 12, FALSE);
  double left = 0;
  for (int k = 1; k <= ncat; k++)
    left = fmax(left, text_width(m, tr_category_title((tr_category)k)));
  cairo_destroy(m);
  left += pad + 14;
  double top = 96, right_col = 150, count_x = 44;
  char *title = g_strdup_printf("%s vs %s: mean legal strength by category", label_a, label_b);
  double width = fmax(left + plot_w + right_col + pad, title_width(title) + 2 * pad);
  double height = top + rh * ncat + 60;
  const unsigned int ca = TRP_SIDE_A, cb = TRP_SIDE_B;

  canvas c;
  if ((rc = canvas_open(&c, format, width, height, NULL, title))) {
    g_free(title);
    return rc;
  }
  cairo_t *cr = c.cr;
  title_at(cr, pad, 26, title);
  g_free(title);
  /* legend */
  char *la = g_strdup_printf("%s (%zu agreements)", label_a, na);
  char *lb = g_strdup_printf("%s (%zu agreements)", label_b, nb);
  double lx = pad;
  cairo_new_sub_path(cr);
  cairo_arc(cr, lx + 7, 50, 6, 0, 2 * G_PI);
  rgb(cr, ca);
  cairo_fill(cr);
  rgb(cr, 0x222222);
  font(cr, 12, FALSE);
  text_at(cr, lx + 18, 54, 0, la);
  lx += 18 + text_width(cr, la) + 24;
  cairo_new_sub_path(cr);
  cairo_arc(cr, lx + 7, 50, 6, 0, 2 * G_PI);
  rgb(cr, cb);
  cairo_fill(cr);
  rgb(cr, 0x222222);
  text_at(cr, lx + 18, 54, 0, lb);
  g_free(la);
  g_free(lb);
  /* axis */
  static const char *const ticks[] = { "none", "soft", "mixed", "hard" };
  for (int t = 0; t <= 3; t++) {
    double x = left + plot_w * t / 3.0;
    rgb(cr, 0xdddddd);
    cairo_set_line_width(cr, 1);
    cairo_move_to(cr, x, top - 6);
    cairo_line_to(cr, x, top + rh * ncat);
    cairo_stroke(cr);
    rgb(cr, 0x444444);
    font(cr, 12, TRUE);
    text_at(cr, x, top - 12, 0.5, ticks[t]);
  }
  font(cr, 11, TRUE);
  rgb(cr, 0x444444);
  text_at(cr, left + plot_w + count_x, top - 12, 0, "agreements");
  for (int k = 1; k <= ncat; k++) {
    double y = top + rh * (k - 1), yc = y + rh / 2;
    if (k % 2 == 0) {
      cairo_rectangle(cr, pad, y, width - 2 * pad, rh);
      rgb(cr, 0xf6f6f6);
      cairo_fill(cr);
    }
    rgb(cr, 0x222222);
    font(cr, 12, FALSE);
    text_at(cr, left - 14, yc + 4, 1, tr_category_title((tr_category)k));
    int nca, ncb;
    double ma = group_mean(a, na, (tr_category)k, &nca);
    double mb = group_mean(b, nb, (tr_category)k, &ncb);
    double xa = left + plot_w * ma / 3.0, xb = left + plot_w * mb / 3.0;
    /* equal or nearly equal means: offset the dots vertically so both stay visible */
    double ya = yc, yb = yc;
    if (!isnan(ma) && !isnan(mb) && fabs(xa - xb) < 10) {
      ya = yc - 3.5;
      yb = yc + 3.5;
    }
    if (!isnan(ma) && !isnan(mb)) {
      rgb(cr, 0x9a9a9a);
      cairo_set_line_width(cr, 2.5);
      cairo_move_to(cr, xa, yc);
      cairo_line_to(cr, xb, yc);
      cairo_stroke(cr);
    }
    if (!isnan(ma)) {
      cairo_new_sub_path(cr);
      cairo_arc(cr, xa, ya, 6, 0, 2 * G_PI);
      rgb(cr, ca);
      cairo_fill(cr);
    }
    if (!isnan(mb)) {
      cairo_new_sub_path(cr);
      cairo_arc(cr, xb, yb, 6, 0, 2 * G_PI);
      rgb(cr, cb);
      cairo_fill(cr);
    }
    char *counts = g_strdup_printf("%d / %d", nca, ncb);
    rgb(cr, 0x555555);
    font(cr, 11, FALSE);
    text_at(cr, left + plot_w + count_x, yc + 4, 0, counts);
    g_free(counts);
  }
  rgb(cr, 0x555555);
  font(cr, 11, FALSE);
  text_at(cr, pad, top + rh * ncat + 28, 0,
          "Dot = mean strength code (none 0, soft 1, mixed 2, hard 3) over the group's agreements "
          "that code the category;");
  text_at(cr, pad, top + rh * ncat + 44, 0,
          "unknown and uncoded cells are left out; no dot = no agreement of the group codes it. "
          "Counts: A / B.");
  return canvas_close(&c, path);
}

/* ------------------------------------------------------------------------ */
/* Comparison of two templates (the cells of tr_comparison_new())            */

/* Split text into lines no wider than maxw at the current font (words kept whole). */
static GPtrArray *wrap_text(cairo_t *cr, const char *text, double maxw) {
  GPtrArray *lines = g_ptr_array_new_with_free_func(g_free);
  char **words = g_strsplit(text, " ", -1);
  GString *line = g_string_new(NULL);
  for (char **w = words; *w; w++) {
    if (!**w)
      continue;
    GString *trial = g_string_new(line->str);
    if (trial->len)
      g_string_append_c(trial, ' ');
    g_string_append(trial, *w);
    if (line->len && text_width(cr, trial->str) > maxw) {
      g_ptr_array_add(lines, g_string_free(line, FALSE));
      line = g_string_new(*w);
      g_string_free(trial, TRUE);
    } else {
      g_string_free(line, TRUE);
      line = trial;
    }
  }
  if (line->len)
    g_ptr_array_add(lines, g_string_free(line, FALSE));
  else
    g_string_free(line, TRUE);
  g_strfreev(words);
  return lines;
}

static const char *strength_word(tr_strength s) {
  const char *id = tr_strength_id(s);
  return id && s != TR_STRENGTH_UNKNOWN ? id : "unknown";
}

/* "NAME = RULE of A, B, C (3); chosen by: SELECTION" */
static char *describe_side(const tr_template *t) {
  GString *s = g_string_new(NULL);
  g_string_append_printf(s, "%s = %s of", tr_template_get_name(t),
                         tr_template_rule_id(tr_template_get_rule(t)) ? tr_template_rule_id(tr_template_get_rule(t)) : "rule");
  for (size_t k = 0; k < tr_template_member_count(t); k++)
    g_string_append_printf(s, "%s%s", k ? ", " : " ", tr_template_member_at(t, k));
  g_string_append_printf(s, " (%zu)", tr_template_member_count(t));
  const char *sel = tr_template_get_selection(t);
  if (sel && *sel)
    g_string_append_printf(s, "; chosen by: %s", sel);
  return g_string_free(s, FALSE);
}

static int draw_comparison(const tr_comparison *cmp, const char *path, tr_plot_format format,
                           tr_plot_options *options) {
  int rc = check_common(cmp, path, format, "tr_plot_comparison");
  if (rc)
    return rc;
  const tr_template *ta = tr_comparison_get_first(cmp), *tb = tr_comparison_get_second(cmp);
  size_t nrows = tr_comparison_count(cmp);
  if (!ta || !tb || nrows == 0)
    return tri_fail(TR_ERR_INVALID_ARG, "tr_plot_comparison: the comparison has no rows");
  const char *na = tr_template_get_name(ta), *nb = tr_template_get_name(tb);
  char *title = options && options->title
                  ? g_strdup(options->title)
                  : g_strdup_printf("%s vs %s: legal strength by category (as 'compare')", na, nb);
  const double rh = 20, pad = 16, step = 90, unknown_gap = 30;
  cairo_t *m = measure_open();
  double left = 0, wa = 0, wb = 0;
  for (size_t i = 0; i < nrows; i++)
    left = fmax(left, text_width(m, tr_category_title(tr_comparison_category_at(cmp, i))));
  font(m, 11, TRUE);
  wa = fmax(text_width(m, na), text_width(m, "unknown"));
  wb = fmax(text_width(m, nb), text_width(m, "unknown"));
  double wrel = text_width(m, "relation");
  font(m, 11, FALSE);
  for (int r = 0; r < tr_relation_count(); r++)
    wrel = fmax(wrel, text_width(m, tr_relation_id((tr_relation)r)));
  left += pad + 14;
  double scale_w = step * 3 + unknown_gap + step * 0.6;
  double col_a = left + scale_w + 48, col_b = col_a + wa + 18, col_r = col_b + wb + 18;
  double width = fmax(col_r + wrel + pad, title_width(title) + 2 * pad);
  width = fmax(width, 720);
  /* the footer: each side's members and how they were chosen, wrapped */
  char *da = describe_side(ta), *db = describe_side(tb);
  font(m, 11, FALSE);
  GPtrArray *la = wrap_text(m, da, width - 2 * pad), *lb = wrap_text(m, db, width - 2 * pad);
  cairo_destroy(m);
  g_free(da);
  g_free(db);
  double top = 96, bottom = top + rh * (double)nrows;
  double height = bottom + 40 + 15 * (double)(la->len + lb->len) + 40;

  canvas c;
  if ((rc = canvas_open(&c, format, width, height, options, title))) {
    g_free(title);
    g_ptr_array_free(la, TRUE);
    g_ptr_array_free(lb, TRUE);
    return rc;
  }
  cairo_t *cr = c.cr;
  title_at(cr, pad, 26, title);
  g_free(title);
  /* legend: the two sides */
  double lx = pad;
  for (int side = 0; side < 2; side++) {
    const tr_template *t = side ? tb : ta;
    char *lab = g_strdup_printf("%s (%zu agreement%s)", tr_template_get_name(t),
                                tr_template_member_count(t), tr_template_member_count(t) == 1 ? "" : "s");
    cairo_new_sub_path(cr);
    cairo_arc(cr, lx + 7, 50, 6, 0, 2 * G_PI);
    rgb(cr, side ? TRP_SIDE_B : TRP_SIDE_A);
    cairo_fill(cr);
    rgb(cr, 0x222222);
    font(cr, 12, FALSE);
    text_at(cr, lx + 18, 54, 0, lab);
    lx += 18 + text_width(cr, lab) + 24;
    g_free(lab);
  }
  /* axis: none, soft, mixed, hard, then apart "unknown" */
  static const char *const ticks[] = { "none", "soft", "mixed", "hard" };
  double xs[5];
  for (int t = 0; t < 4; t++)
    xs[t] = left + step * t;
  xs[4] = left + step * 3 + unknown_gap + step * 0.6;
  hatch(cr, xs[4] - 16, top - 4, 32, bottom - top + 4, 0xffffff, 0xdddddd);
  for (int t = 0; t < 5; t++) {
    if (t < 4) {
      rgb(cr, 0xdddddd);
      cairo_set_line_width(cr, 1);
      cairo_move_to(cr, xs[t], top - 6);
      cairo_line_to(cr, xs[t], bottom);
      cairo_stroke(cr);
    }
    rgb(cr, 0x444444);
    font(cr, 12, TRUE);
    text_at(cr, xs[t], top - 12, 0.5, t < 4 ? ticks[t] : "unknown");
  }
  font(cr, 11, TRUE);
  rgb(cr, 0x444444);
  text_at(cr, col_a, top - 12, 0, na);
  text_at(cr, col_b, top - 12, 0, nb);
  text_at(cr, col_r, top - 12, 0, "relation");
  for (size_t i = 0; i < nrows; i++) {
    tr_category k = tr_comparison_category_at(cmp, i);
    tr_relation rel = tr_comparison_relation_at(cmp, i);
    tr_strength sa = tr_template_get_strength(ta, k), sb = tr_template_get_strength(tb, k);
    double y = top + rh * (double)i, yc = y + rh / 2;
    if (i % 2) {
      cairo_rectangle(cr, pad, y, width - 2 * pad, rh);
      rgb(cr, 0xf6f6f6);
      cairo_fill(cr);
    }
    rgb(cr, 0x222222);
    font(cr, 12, FALSE);
    text_at(cr, left - 14, yc + 4, 1, tr_category_title(k));
    double v[2];
    for (int side = 0; side < 2; side++) {
      double code = strength_value(side ? sb : sa);
      v[side] = isnan(code) ? xs[4] : xs[(int)code];
    }
    if (!isnan(strength_value(sa)) && !isnan(strength_value(sb)) && v[0] != v[1]) {
      rgb(cr, 0x9a9a9a);
      cairo_set_line_width(cr, 2.5);
      cairo_move_to(cr, v[0], yc);
      cairo_line_to(cr, v[1], yc);
      cairo_stroke(cr);
    }
    for (int side = 0; side < 2; side++) {
      /* equal positions: both dots visible, one above the other */
      double dy = v[0] == v[1] ? (side ? 3.5 : -3.5) : 0;
      cairo_new_sub_path(cr);
      cairo_arc(cr, v[side], yc + dy, 5.5, 0, 2 * G_PI);
      rgb(cr, side ? TRP_SIDE_B : TRP_SIDE_A);
      cairo_fill(cr);
    }
    font(cr, 11, FALSE);
    rgb(cr, TRP_SIDE_A);
    text_at(cr, col_a, yc + 4, 0, strength_word(sa));
    rgb(cr, TRP_SIDE_B);
    text_at(cr, col_b, yc + 4, 0, strength_word(sb));
    rgb(cr, rel == TR_RELATION_SAME || rel == TR_RELATION_BOTH_UNKNOWN ? 0x777777 : 0x111111);
    font(cr, 11, rel != TR_RELATION_SAME && rel != TR_RELATION_BOTH_UNKNOWN);
    text_at(cr, col_r, yc + 4, 0, tr_relation_id(rel));
  }
  double fy = bottom + 24;
  rgb(cr, 0x555555);
  font(cr, 11, FALSE);
  double dist = tr_comparison_distance(cmp);
  char dbuf[32];
  if (isnan(dist))
    g_strlcpy(dbuf, "no distance (nothing comparable)", sizeof dbuf);
  else
    g_snprintf(dbuf, sizeof dbuf, "distance %.3f", dist);
  char *sum = g_strdup_printf("%zu of %zu categories comparable; %s. Each side is the "
                              "template's strength, as 'traderules compare' prints it.",
                              tr_comparison_comparable_count(cmp), nrows, dbuf);
  text_at(cr, pad, fy, 0, sum);
  g_free(sum);
  fy += 18;
  for (int side = 0; side < 2; side++) {
    GPtrArray *l = side ? lb : la;
    rgb(cr, side ? TRP_SIDE_B : TRP_SIDE_A);
    for (guint j = 0; j < l->len; j++, fy += 15)
      text_at(cr, pad, fy, 0, g_ptr_array_index(l, j));
  }
  g_ptr_array_free(la, TRUE);
  g_ptr_array_free(lb, TRUE);
  return canvas_close(&c, path);
}

/* ------------------------------------------------------------------------ */
/* Similarity matrix                                                         */

static void scale_colour(cairo_t *cr, double t) {
  /* #f7fbff -> #6baed6 -> #08306b */
  static const double stops[3][3] = { { 0xf7, 0xfb, 0xff }, { 0x6b, 0xae, 0xd6 }, { 0x08, 0x30, 0x6b } };
  t = fmin(1, fmax(0, t));
  int i = t < 0.5 ? 0 : 1;
  double u = t < 0.5 ? t * 2 : (t - 0.5) * 2;
  cairo_set_source_rgb(cr, (stops[i][0] + (stops[i + 1][0] - stops[i][0]) * u) / 255.0,
                       (stops[i][1] + (stops[i + 1][1] - stops[i][1]) * u) / 255.0,
                       (stops[i][2] + (stops[i + 1][2] - stops[i][2]) * u) / 255.0);
}


static int draw_matrix(const char *const *labels, size_t n, const double *sim,
                       const size_t *overlap, size_t min_overlap, const char *title,
                       const char *path, tr_plot_format format, tr_plot_options *options) {
  int rc = check_common(labels, path, format, "tr_plot_matrix");
  if (rc)
    return rc;
  if (!sim || n == 0)
    return tri_fail(TR_ERR_INVALID_ARG, "tr_plot_matrix: NULL matrix or n = 0");
  if (n > 500)
    return tri_fail(TR_ERR_LIMIT, "tr_plot_matrix: %zu items; at most 500 can be drawn", n);
  for (size_t i = 0; i < n; i++)
    if (!labels[i] || !g_utf8_validate(labels[i], -1, NULL))
      return tri_fail(TR_ERR_INVALID_ARG, "tr_plot_matrix: label %zu is NULL or not UTF-8", i);
  if (options && options->title)
    title = options->title;
  /* masked cells (too little overlap) count as no value, for the order and the scale */
  double *v = g_new(double, n * n);
  size_t masked = 0;
  for (size_t i = 0; i < n; i++)
    for (size_t j = 0; j < n; j++) {
      double x = sim[i * n + j];
      if (i != j && overlap && overlap[i * n + j] < min_overlap && !isnan(x)) {
        x = NAN;
        masked++;
      }
      v[i * n + j] = x;
    }
  size_t *order = g_new(size_t, n);
  tr_plot_cluster_order(v, n, order);
  double lo = INFINITY, hi = -INFINITY;
  for (size_t i = 0; i < n; i++)
    for (size_t j = 0; j < n; j++)
      if (i != j && !isnan(v[i * n + j])) { /* the diagonal stays out of the scale */
        lo = fmin(lo, v[i * n + j]);
        hi = fmax(hi, v[i * n + j]);
      }
  if (!isfinite(lo)) {
    lo = 0;
    hi = 1;
  }
  if (lo >= 0 && hi <= 1 && n > 1) {
    /* a similarity in [0, 1]: stretch the scale to the values off the diagonal, so a
     * corpus whose pairs are all below 0.2 is not washed out; the bar says the range */
    lo = floor(lo * 20) / 20;
    hi = ceil(hi * 20) / 20;
  }
  if (hi <= lo)
    hi = lo + 0.05;
  const double cell = n <= 30 ? 34 : n <= 80 ? 16 : n <= 150 ? 10 : 6, pad = 16;
  const double fs = cell >= 16 ? 12 : cell >= 10 ? 9 : 0; /* no labels at 6-point cells */
  cairo_t *m = measure_open();
  double maxl = 0;
  if (fs > 0) {
    font(m, fs, FALSE);
    for (size_t i = 0; i < n; i++)
      maxl = fmax(maxl, text_width(m, labels[i]));
  }
  cairo_destroy(m);
  const double angle = 55 * G_PI / 180;
  double left = pad + maxl + 10, top = 44 + maxl * sin(angle) + 10;
  double grid = cell * (double)n, bh = fmin(fmax(grid, 120), 240), body = fmax(grid, bh);
  if (!title)
    title = "Similarity";
  char *foot = g_strdup_printf("Rows and columns ordered by average-linkage clustering; colour scale "
                               "%.2g to %.2g over the cells off the diagonal.%s", lo, hi,
                               fs > 0 ? "" : " Labels left out at this size (over 150 items).");
  m = measure_open();
  font(m, 11, FALSE);
  double foot_w = text_width(m, foot);
  cairo_destroy(m);
  double width = fmax(fmax(fmax(left + grid + 110, 560), title_width(title) + 2 * pad), foot_w + 2 * pad);
  double height = top + body + 92;

  canvas c;
  if ((rc = canvas_open(&c, format, width, height, options, title))) {
    g_free(foot);
    g_free(order);
    g_free(v);
    return rc;
  }
  cairo_t *cr = c.cr;
  title_at(cr, pad, 26, title);
  for (size_t r = 0; r < n; r++) {
    size_t i = order[r];
    if (fs > 0) {
      rgb(cr, 0x222222);
      font(cr, fs, FALSE);
      text_at(cr, left - 8, top + cell * (double)r + cell / 2 + fs * 0.35, 1, labels[i]);
      cairo_save(cr);
      cairo_translate(cr, left + cell * (double)r + cell / 2 + fs * 0.35, top - 6);
      cairo_rotate(cr, -angle);
      text_at(cr, 0, 0, 0, labels[i]);
      cairo_restore(cr);
    }
    for (size_t col = 0; col < n; col++) {
      size_t j = order[col];
      double x = left + cell * (double)col, y = top + cell * (double)r;
      double val = v[i * n + j];
      if (i == j) {
        hatch(cr, x, y, cell, cell, 0xffffff, 0xb0b0b0); /* an item with itself */
        continue;
      }
      if (isnan(val) && !isnan(sim[i * n + j])) {
        hatch(cr, x, y, cell, cell, 0xf4f4f4, 0xd8d8d8); /* too few shared categories */
        continue;
      }
      cairo_rectangle(cr, x, y, cell, cell);
      if (isnan(val))
        rgb(cr, 0xbbbbbb);
      else
        scale_colour(cr, (val - lo) / (hi - lo));
      cairo_fill(cr);
      if (n <= 30 && !isnan(val)) {
        char buf[32];
        g_snprintf(buf, sizeof buf, fabs(val) < 10 ? "%.2f" : "%.0f", val);
        if ((val - lo) / (hi - lo) > 0.55)
          rgb(cr, 0xffffff);
        else
          rgb(cr, 0x222222);
        font(cr, 10, FALSE);
        text_at(cr, x + cell / 2, y + cell / 2 + 3.5, 0.5, buf);
      }
    }
  }
  /* colour bar */
  double bx = left + grid + 24, by = top;
  for (int s = 0; s < 100; s++) {
    cairo_rectangle(cr, bx, by + bh * (1 - (s + 1) / 100.0), 16, bh / 100.0 + 0.5);
    scale_colour(cr, s / 99.0);
    cairo_fill(cr);
  }
  rgb(cr, 0x999999);
  cairo_set_line_width(cr, 1);
  cairo_rectangle(cr, bx, by, 16, bh);
  cairo_stroke(cr);
  char buf[32];
  rgb(cr, 0x222222);
  font(cr, 11, FALSE);
  g_snprintf(buf, sizeof buf, "%.2g", hi);
  text_at(cr, bx + 22, by + 9, 0, buf);
  g_snprintf(buf, sizeof buf, "%.2g", (lo + hi) / 2);
  text_at(cr, bx + 22, by + bh / 2 + 4, 0, buf);
  g_snprintf(buf, sizeof buf, "%.2g", lo);
  text_at(cr, bx + 22, by + bh, 0, buf);
  /* legend of the masks and the footer */
  double ly = top + body + 16, lx = pad;
  hatch(cr, lx, ly, 14, 14, 0xffffff, 0xb0b0b0);
  rgb(cr, 0x222222);
  font(cr, 11, FALSE);
  text_at(cr, lx + 20, ly + 11, 0, "diagonal (an item with itself)");
  lx += 20 + text_width(cr, "diagonal (an item with itself)") + 18;
  cairo_rectangle(cr, lx, ly, 14, 14);
  rgb(cr, 0xbbbbbb);
  cairo_fill(cr);
  rgb(cr, 0x222222);
  text_at(cr, lx + 20, ly + 11, 0, "no value");
  lx += 20 + text_width(cr, "no value") + 18;
  if (overlap && min_overlap > 0) {
    char *lab = g_strdup_printf("fewer than %zu shared categories (%zu cells)", min_overlap, masked);
    hatch(cr, lx, ly, 14, 14, 0xf4f4f4, 0xd8d8d8);
    rgb(cr, 0x222222);
    text_at(cr, lx + 20, ly + 11, 0, lab);
    g_free(lab);
  }
  rgb(cr, 0x555555);
  font(cr, 11, FALSE);
  text_at(cr, pad, top + body + 50, 0, foot);
  g_free(foot);
  g_free(order);
  g_free(v);
  return canvas_close(&c, path);
}

/* ------------------------------------------------------------------------ */
/* Adoption timeline                                                         */


/* One marker of the timeline and its label. */
typedef struct {
  const tr_agreement *ag;
  tr_strength strength;
  double x, rad;
  int lane; /* -1: label left out */
  double lw;
} tl_mark;

#define TL_LANES 4
#define TL_LABEL_SIZE 8.5
#define TL_LANE_H 11.0
#define TL_BAND 18.0

static gboolean adopts(tr_strength st) {
  return st == TR_STRENGTH_SOFT || st == TR_STRENGTH_MIXED || st == TR_STRENGTH_HARD;
}

static void tl_marker(cairo_t *cr, const tl_mark *mk, double yc) {
  tr_family f = tr_agreement_get_family(mk->ag);
  gboolean soft = mk->strength == TR_STRENGTH_SOFT, known = f >= TR_FAMILY_AMERICAN && f <= TR_FAMILY_OTHER;
  double r = mk->rad;
  if (known) {
    cairo_new_sub_path(cr);
    cairo_arc(cr, mk->x, yc, soft ? r * 0.84 : r, 0, 2 * G_PI);
  } else {
    cairo_rectangle(cr, mk->x - r * 0.9, yc - r * 0.9, r * 1.8, r * 1.8); /* unknown family: square */
  }
  if (soft) {
    rgb(cr, known ? trp_family_colour(f) : 0x777777);
    cairo_set_line_width(cr, r > 3.5 ? 1.6 : 1.2);
    cairo_stroke(cr);
  } else if (known) {
    rgb(cr, trp_family_colour(f));
    cairo_fill(cr);
  } else {
    rgb(cr, TRP_UNKNOWN_FAMILY);
    cairo_fill_preserve(cr);
    rgb(cr, 0x777777);
    cairo_set_line_width(cr, 1);
    cairo_stroke(cr);
  }
}

static int draw_timeline(const tr_agreement *const *agreements, size_t count, const char *path,
                         tr_plot_format format, tr_plot_options *options) {
  int rc = check_common(agreements || count == 0 ? (const void *)path : NULL, path, format,
                        "tr_plot_timeline");
  if (rc)
    return rc;
  if ((rc = check_agreements(agreements, count, "tr_plot_timeline")))
    return rc;
  size_t na = count;
  const tr_agreement *const *ags = agreements;
  int ncat = tr_category_count();
  int ymin = G_MAXINT, ymax = 0;
  size_t undated = 0;
  gboolean *used = g_new0(gboolean, ncat + 1);
  int nrows = 0;
  for (size_t i = 0; i < na; i++) {
    int y = tr_agreement_get_year(ags[i]);
    gboolean any = FALSE;
    for (int k = 1; k <= ncat; k++) {
      const tr_provision *p = tr_agreement_find_provision(ags[i], (tr_category)k);
      if (p && adopts(tr_provision_get_strength(p))) {
        any = TRUE;
        if (y > 0 && !used[k]) {
          used[k] = TRUE;
          nrows++;
        }
      }
    }
    if (!any)
      continue;
    if (y <= 0) {
      undated++;
      continue;
    }
    ymin = MIN(ymin, y);
    ymax = MAX(ymax, y);
  }
  if (nrows == 0) {
    g_free(used);
    return tri_fail(TR_ERR_EMPTY, "tr_plot_timeline: no dated agreement adopts any provision");
  }
  ymin -= 1;
  ymax += 1;
  int span = ymax - ymin;
  double py = fmin(60, fmax(20, 1000.0 / span));
  const double pad = 16;
  cairo_t *m = measure_open();
  double left = 0;
  for (int k = 1; k <= ncat; k++)
    if (used[k])
      left = fmax(left, text_width(m, tr_category_title((tr_category)k)));
  left += pad + 14;
  double plot_w = py * span;
  /* place the markers of every row, then their labels in lanes above the markers:
   * the first lane where the label overlaps no other label; none free = left out */
  GArray **rows = g_new0(GArray *, ncat + 1);
  int *lanes_used = g_new0(int, ncat + 1);
  size_t labelled = 0, unlabelled = 0;
  font(m, TL_LABEL_SIZE, FALSE);
  for (int k = 1; k <= ncat; k++) {
    if (!used[k])
      continue;
    rows[k] = g_array_new(FALSE, FALSE, sizeof(tl_mark));
    for (int y = ymin; y <= ymax; y++) {
      guint first = rows[k]->len;
      for (size_t i = 0; i < na; i++) {
        if (tr_agreement_get_year(ags[i]) != y)
          continue;
        const tr_provision *p = tr_agreement_find_provision(ags[i], (tr_category)k);
        if (!p || !adopts(tr_provision_get_strength(p)))
          continue;
        tl_mark mk = { ags[i], tr_provision_get_strength(p), 0, 0, -1, 0 };
        g_array_append_val(rows[k], mk);
      }
      guint cnt = rows[k]->len - first;
      double dx = fmin(9, py / (cnt + 1));
      double rad = fmin(5, fmax(2.5, dx * 0.6)); /* smaller markers when a year is crowded */
      for (guint j = 0; j < cnt; j++) {
        tl_mark *mk = &g_array_index(rows[k], tl_mark, first + j);
        mk->x = left + py * (y - ymin) + (j - (cnt - 1) / 2.0) * dx;
        mk->rad = rad;
      }
    }
    GArray *occupied[TL_LANES]; /* pairs of x0, x1 */
    for (int l = 0; l < TL_LANES; l++)
      occupied[l] = g_array_new(FALSE, FALSE, sizeof(double));
    for (guint j = 0; j < rows[k]->len; j++) {
      tl_mark *mk = &g_array_index(rows[k], tl_mark, j);
      mk->lw = text_width(m, tr_agreement_get_id(mk->ag));
      double x0 = mk->x - mk->lw / 2 - 1.5, x1 = mk->x + mk->lw / 2 + 1.5;
      if (x0 < left - 10 || x1 > left + plot_w + 40) {
        unlabelled++;
        continue;
      }
      for (int l = 0; l < TL_LANES && mk->lane < 0; l++) {
        gboolean free_ = TRUE;
        for (guint q = 0; q + 1 < occupied[l]->len && free_; q += 2)
          if (x0 < g_array_index(occupied[l], double, q + 1) && g_array_index(occupied[l], double, q) < x1)
            free_ = FALSE;
        if (free_) {
          mk->lane = l;
          g_array_append_val(occupied[l], x0);
          g_array_append_val(occupied[l], x1);
          lanes_used[k] = MAX(lanes_used[k], l + 1);
        }
      }
      if (mk->lane < 0)
        unlabelled++;
      else
        labelled++;
    }
    for (int l = 0; l < TL_LANES; l++)
      g_array_free(occupied[l], TRUE);
  }
  cairo_destroy(m);
  double top = 80, bottom = top;
  for (int k = 1; k <= ncat; k++)
    if (used[k])
      bottom += TL_BAND + TL_LANE_H * lanes_used[k] + 4;
  const char *title = options && options->title ? options->title
                                                 : "Adoption of digital-trade provisions over time";
  double width = fmax(fmax(left + plot_w + pad + 40, 760), title_width(title) + 2 * pad);
  double height = bottom + 86;

  canvas c;
  if ((rc = canvas_open(&c, format, width, height, options, title))) {
    for (int k = 1; k <= ncat; k++)
      if (rows[k])
        g_array_free(rows[k], TRUE);
    g_free(rows);
    g_free(lanes_used);
    g_free(used);
    return rc;
  }
  cairo_t *cr = c.cr;
  title_at(cr, pad, 26, title);
  /* legend */
  double lx = pad;
  for (int f = TR_FAMILY_AMERICAN; f <= TR_FAMILY_OTHER; f++)
    lx = legend_item(cr, lx, 40, trp_family_colour((tr_family)f), 0, family_label((tr_family)f));
  cairo_rectangle(cr, lx + 1.5, 42.5, 9, 9);
  rgb(cr, TRP_UNKNOWN_FAMILY);
  cairo_fill_preserve(cr);
  rgb(cr, 0x777777);
  cairo_set_line_width(cr, 1);
  cairo_stroke(cr);
  rgb(cr, 0x222222);
  font(cr, 12, FALSE);
  text_at(cr, lx + 16, 51.5, 0, "unknown family (square)");
  lx += 16 + text_width(cr, "unknown family (square)") + 16;
  cairo_new_sub_path(cr);
  cairo_arc(cr, lx + 6, 47, 5, 0, 2 * G_PI);
  rgb(cr, 0x444444);
  cairo_fill(cr);
  rgb(cr, 0x222222);
  text_at(cr, lx + 16, 51.5, 0, "hard or mixed");
  lx += 16 + text_width(cr, "hard or mixed") + 16;
  cairo_new_sub_path(cr);
  cairo_arc(cr, lx + 6, 47, 4.2, 0, 2 * G_PI);
  cairo_set_line_width(cr, 1.6);
  rgb(cr, 0x444444);
  cairo_stroke(cr);
  rgb(cr, 0x222222);
  text_at(cr, lx + 16, 51.5, 0, "soft");

  /* year grid */
  int ystep = span <= 12 ? 1 : span <= 30 ? 2 : span <= 60 ? 5 : 10;
  for (int y = ymin; y <= ymax; y++) {
    if (y % ystep)
      continue;
    double x = left + py * (y - ymin);
    rgb(cr, 0xe2e2e2);
    cairo_set_line_width(cr, 1);
    cairo_move_to(cr, x, top - 4);
    cairo_line_to(cr, x, bottom);
    cairo_stroke(cr);
    char buf[16];
    g_snprintf(buf, sizeof buf, "%d", y);
    rgb(cr, 0x444444);
    font(cr, 11, FALSE);
    text_at(cr, x, bottom + 16, 0.5, buf);
  }
  int row = 0;
  double ytop = top;
  for (int k = 1; k <= ncat; k++) {
    if (!used[k])
      continue;
    double rh = TL_BAND + TL_LANE_H * lanes_used[k] + 4;
    double yc = ytop + rh - TL_BAND / 2 - 2; /* markers at the bottom of the row, labels above */
    if (row % 2) {
      cairo_rectangle(cr, pad, ytop, left - pad + plot_w, rh);
      rgb(cr, 0xf6f6f6);
      cairo_fill(cr);
    }
    rgb(cr, 0x222222);
    font(cr, 12, FALSE);
    text_at(cr, left - 14, yc + 4, 1, tr_category_title((tr_category)k));
    for (guint j = 0; j < rows[k]->len; j++)
      tl_marker(cr, &g_array_index(rows[k], tl_mark, j), yc);
    font(cr, TL_LABEL_SIZE, FALSE);
    for (guint j = 0; j < rows[k]->len; j++) {
      const tl_mark *mk = &g_array_index(rows[k], tl_mark, j);
      if (mk->lane < 0)
        continue;
      double by = yc - TL_BAND / 2 - 1 - TL_LANE_H * mk->lane;
      rgb(cr, 0x333333);
      text_at(cr, mk->x, by, 0.5, tr_agreement_get_id(mk->ag));
    }
    ytop += rh;
    row++;
  }
  rgb(cr, 0x555555);
  font(cr, 11, FALSE);
  char *foot = g_strdup_printf("Each marker is one agreement at its signature year, labelled with its id "
                               "where the label fits (%zu labelled, %zu left out to avoid overlap).",
                               labelled, unlabelled);
  text_at(cr, pad, bottom + 40, 0, foot);
  g_free(foot);
  foot = g_strdup_printf("%zu adopting agreement(s) of unknown year left out.", undated);
  text_at(cr, pad, bottom + 56, 0, foot);
  g_free(foot);
  for (int k = 1; k <= ncat; k++)
    if (rows[k])
      g_array_free(rows[k], TRUE);
  g_free(rows);
  g_free(lanes_used);
  g_free(used);
  return canvas_close(&c, path);
}

/* ------------------------------------------------------------------------ */
/* The entry point                                                           */

static const trp_module module = {
  .version = TRP_MODULE_VERSION,
  .size = sizeof(trp_module),
  .heatmap = draw_heatmap,
  .compare = draw_compare,
  .comparison = draw_comparison,
  .matrix = draw_matrix,
  .timeline = draw_timeline,
};

__attribute__((visibility("default"))) const trp_module *trp_module_entry(const trp_host *host);

const trp_module *trp_module_entry(const trp_host *host) {
  if (!host || host->version != TRP_MODULE_VERSION || host->size != sizeof(trp_host))
    return NULL;
  H = host;
  return &module;
}
