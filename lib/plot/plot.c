/*
 * libtraderules - charts (SVG, PNG) drawn with cairo.
 * SPDX-License-Identifier: MIT
 */
#include "core/tr-internal.h"
#include "plot/plot-config.h"

#include <math.h>
#include <string.h>
#include <traderules/plot.h>

#ifdef TR_HAVE_CAIRO
#include <cairo-svg.h>
#include <cairo.h>
#endif

int tr_plot_available(void) {
#ifdef TR_HAVE_CAIRO
  return 1;
#else
  return 0;
#endif
}

int tr_plot_format_from_path(const char *path, tr_plot_format *out) {
  if (!path || !out)
    return tr_fail(TR_ERR_INVALID_ARG, "tr_plot_format_from_path: NULL argument");
  size_t n = strlen(path);
  if (n >= 4 && g_ascii_strcasecmp(path + n - 4, ".svg") == 0)
    *out = TR_PLOT_SVG;
  else if (n >= 4 && g_ascii_strcasecmp(path + n - 4, ".png") == 0)
    *out = TR_PLOT_PNG;
  else
    return tr_fail(TR_ERR_NOT_FOUND, "'%s': chart files end in .svg or .png", path);
  return TR_OK;
}

/* ------------------------------------------------------------------------ */
/* Clustering (no cairo needed)                                              */

/* Average-linkage agglomerative clustering; the leaf order of the dendrogram. */
int tr_plot_cluster_order(const double *sim, size_t n, size_t *order) {
  if (!sim || !order || n == 0)
    return tr_fail(TR_ERR_INVALID_ARG, "tr_plot_cluster_order: NULL argument or n = 0");
  double lo = INFINITY;
  for (size_t i = 0; i < n * n; i++)
    if (!isnan(sim[i]) && sim[i] < lo)
      lo = sim[i];
  if (!isfinite(lo))
    lo = 0;
  /* cluster similarity between active clusters; members as linked lists of leaves */
  double *s = g_new(double, n * n);
  for (size_t i = 0; i < n; i++)
    for (size_t j = 0; j < n; j++) {
      double a = sim[i * n + j], b = sim[j * n + i];
      a = isnan(a) ? lo : a;
      b = isnan(b) ? lo : b;
      s[i * n + j] = (a + b) / 2; /* symmetrise */
    }
  size_t *size = g_new(size_t, n);
  gboolean *active = g_new(gboolean, n);
  GArray **leaves = g_new(GArray *, n);
  for (size_t i = 0; i < n; i++) {
    size[i] = 1;
    active[i] = TRUE;
    leaves[i] = g_array_new(FALSE, FALSE, sizeof(size_t));
    g_array_append_val(leaves[i], i);
  }
  for (size_t step = 1; step < n; step++) {
    size_t bi = 0, bj = 0;
    double best = -INFINITY;
    for (size_t i = 0; i < n; i++) {
      if (!active[i])
        continue;
      for (size_t j = i + 1; j < n; j++)
        if (active[j] && s[i * n + j] > best) {
          best = s[i * n + j];
          bi = i;
          bj = j;
        }
    }
    /* merge bj into bi: leaves of bi then bj */
    g_array_append_vals(leaves[bi], leaves[bj]->data, leaves[bj]->len);
    for (size_t k = 0; k < n; k++) {
      if (!active[k] || k == bi || k == bj)
        continue;
      double v = (s[bi * n + k] * (double)size[bi] + s[bj * n + k] * (double)size[bj]) /
                 (double)(size[bi] + size[bj]);
      s[bi * n + k] = s[k * n + bi] = v;
    }
    size[bi] += size[bj];
    active[bj] = FALSE;
  }
  for (size_t i = 0; i < n; i++)
    if (active[i])
      memcpy(order, leaves[i]->data, n * sizeof(size_t));
  for (size_t i = 0; i < n; i++)
    g_array_free(leaves[i], TRUE);
  g_free(leaves);
  g_free(active);
  g_free(size);
  g_free(s);
  return TR_OK;
}

/* ------------------------------------------------------------------------ */
/* Shared helpers                                                            */

static int check_agreements(const tr_agreement *const *a, size_t n, const char *fn) {
  for (size_t i = 0; i < n; i++)
    if (!a[i])
      return tr_fail(TR_ERR_INVALID_ARG, "%s: agreement %zu is NULL", fn, i);
  return TR_OK;
}

static int check_common(const void *catalog, const char *path, tr_plot_format format,
                        const char *fn) {
  if (!catalog || !path)
    return tr_fail(TR_ERR_INVALID_ARG, "%s: NULL argument", fn);
  if (format != TR_PLOT_SVG && format != TR_PLOT_PNG)
    return tr_fail(TR_ERR_INVALID_ARG, "%s: invalid format %d", fn, (int)format);
#ifndef TR_HAVE_CAIRO
  return tr_fail(TR_ERR_UNSUPPORTED, "%s: this libtraderules was built without charts (cairo)", fn);
#else
  return TR_OK;
#endif
}

#ifdef TR_HAVE_CAIRO

#define PNG_SCALE 1.5
#define FONT "DejaVu Sans"

typedef struct {
  cairo_surface_t *surface;
  cairo_t *cr;
  GByteArray *bytes;
  tr_plot_format format;
  double width, height;
} canvas;

static cairo_status_t write_bytes(void *closure, const unsigned char *data, unsigned int len) {
  g_byte_array_append(closure, data, len);
  return CAIRO_STATUS_SUCCESS;
}

static void canvas_open(canvas *c, tr_plot_format format, double w, double h) {
  memset(c, 0, sizeof *c);
  c->format = format;
  c->width = ceil(w);
  c->height = ceil(h);
  c->bytes = g_byte_array_new();
  if (format == TR_PLOT_SVG) {
    c->surface = cairo_svg_surface_create_for_stream(write_bytes, c->bytes, c->width, c->height);
    c->cr = cairo_create(c->surface);
  } else {
    c->surface = cairo_image_surface_create(CAIRO_FORMAT_ARGB32, (int)(c->width * PNG_SCALE),
                                            (int)(c->height * PNG_SCALE));
    c->cr = cairo_create(c->surface);
    cairo_scale(c->cr, PNG_SCALE, PNG_SCALE);
  }
  cairo_set_source_rgb(c->cr, 1, 1, 1);
  cairo_paint(c->cr);
  cairo_select_font_face(c->cr, FONT, CAIRO_FONT_SLANT_NORMAL, CAIRO_FONT_WEIGHT_NORMAL);
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
    } else {
      cairo_surface_finish(c->surface);
      st = cairo_surface_status(c->surface);
    }
  }
  cairo_surface_destroy(c->surface);
  if (st != CAIRO_STATUS_SUCCESS) {
    rc = tr_fail(st == CAIRO_STATUS_NO_MEMORY ? TR_ERR_NOMEM : TR_ERR_INTERNAL,
                 "drawing failed: %s", cairo_status_to_string(st));
  } else {
    rc = tr_io_write_file(path, c->bytes->data, c->bytes->len);
  }
  g_byte_array_free(c->bytes, TRUE);
  return rc;
}

static void rgb(cairo_t *cr, unsigned int hex) {
  cairo_set_source_rgb(cr, ((hex >> 16) & 0xff) / 255.0, ((hex >> 8) & 0xff) / 255.0,
                       (hex & 0xff) / 255.0);
}

static void font(cairo_t *cr, double size, gboolean bold) {
  cairo_select_font_face(cr, FONT, CAIRO_FONT_SLANT_NORMAL,
                         bold ? CAIRO_FONT_WEIGHT_BOLD : CAIRO_FONT_WEIGHT_NORMAL);
  cairo_set_font_size(cr, size);
}

static double text_width(cairo_t *cr, const char *s) {
  cairo_text_extents_t e;
  cairo_text_extents(cr, s ? s : "", &e);
  return e.x_advance;
}

/* Draw text; align 0 = left, 0.5 = centre, 1 = right; y is the baseline. */
static void text_at(cairo_t *cr, double x, double y, double align, const char *s) {
  if (!s)
    return;
  cairo_move_to(cr, x - align * text_width(cr, s), y);
  cairo_show_text(cr, s);
}

static unsigned int strength_colour(tr_strength s) {
  switch (s) {
  case TR_STRENGTH_HARD: return 0x08519c;
  case TR_STRENGTH_MIXED: return 0x4292c6;
  case TR_STRENGTH_SOFT: return 0xa6cbe8;
  case TR_STRENGTH_NONE: return 0xe6e6e6;
  default: return 0xfdd49e; /* unknown: pale orange, clearly not a grade */
  }
}

static unsigned int family_colour(tr_family f) {
  switch (f) {
  case TR_FAMILY_AMERICAN: return 0x1f5fa8;
  case TR_FAMILY_EUROPEAN: return 0xe08214;
  case TR_FAMILY_MULTILATERAL: return 0x2e8b57;
  case TR_FAMILY_OTHER: return 0x8e44ad;
  default: return 0x808080;
  }
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

static void swatch(cairo_t *cr, double x, double y, unsigned int colour, gboolean outline) {
  cairo_rectangle(cr, x, y, 14, 14);
  rgb(cr, colour);
  cairo_fill_preserve(cr);
  rgb(cr, outline ? 0x999999 : colour);
  cairo_set_line_width(cr, 1);
  cairo_stroke(cr);
}

/* Legend entry: swatch + label; returns the x after it. */
static double legend_item(cairo_t *cr, double x, double y, unsigned int colour, gboolean outline,
                          const char *label) {
  swatch(cr, x, y, colour, outline);
  rgb(cr, 0x222222);
  font(cr, 12, FALSE);
  text_at(cr, x + 20, y + 11.5, 0, label);
  return x + 20 + text_width(cr, label) + 18;
}

/* Width of a chart title (bold 16). */
static double title_width(const char *title) {
  cairo_surface_t *scratch = cairo_image_surface_create(CAIRO_FORMAT_ARGB32, 1, 1);
  cairo_t *m = cairo_create(scratch);
  cairo_select_font_face(m, FONT, CAIRO_FONT_SLANT_NORMAL, CAIRO_FONT_WEIGHT_BOLD);
  cairo_set_font_size(m, 16);
  cairo_text_extents_t e;
  cairo_text_extents(m, title, &e);
  cairo_destroy(m);
  cairo_surface_destroy(scratch);
  return e.x_advance;
}

static void title_at(cairo_t *cr, double x, double y, const char *title) {
  rgb(cr, 0x111111);
  font(cr, 16, TRUE);
  text_at(cr, x, y, 0, title);
}

/* ------------------------------------------------------------------------ */
/* Heatmap                                                                   */

int tr_plot_heatmap(const tr_agreement *const *agreements, size_t count, const char *path,
                    tr_plot_format format) {
  int rc = check_common(agreements || count == 0 ? (const void *)path : NULL, path, format,
                        "tr_plot_heatmap");
  if (rc)
    return rc;
  if (count == 0)
    return tr_fail(TR_ERR_EMPTY, "tr_plot_heatmap: no agreement to draw");
  if ((rc = check_agreements(agreements, count, "tr_plot_heatmap")))
    return rc;
  size_t na = count;
  const tr_agreement *const *ags = agreements;
  int ncat = tr_category_count();
  const double rh = 20, cw = 24, pad = 16;

  /* measure labels with a scratch surface */
  cairo_surface_t *scratch = cairo_image_surface_create(CAIRO_FORMAT_ARGB32, 1, 1);
  cairo_t *m = cairo_create(scratch);
  font(m, 12, FALSE);
  double left = 0, maxid = 0;
  for (int k = 1; k <= ncat; k++)
    left = fmax(left, text_width(m, tr_category_title((tr_category)k)));
  for (size_t i = 0; i < na; i++)
    maxid = fmax(maxid, text_width(m, tr_agreement_get_id(ags[i])));
  cairo_destroy(m);
  cairo_surface_destroy(scratch);
  left += pad + 10;
  const double angle = 55 * G_PI / 180;
  double top = 44 + maxid * sin(angle) + 18;
  double grid_w = cw * (double)na, grid_h = rh * ncat;
  double width = fmax(left + grid_w + maxid * cos(angle) + pad, 760);
  double height = top + grid_h + 90;

  canvas c;
  canvas_open(&c, format, width, height);
  cairo_t *cr = c.cr;
  title_at(cr, pad, 26, "Legal strength of digital-trade provisions by agreement");

  /* column labels (rotated) and family band */
  font(cr, 12, FALSE);
  for (size_t i = 0; i < na; i++) {
    double x = left + cw * (double)i + cw / 2;
    cairo_save(cr);
    cairo_translate(cr, x + 4, top - 12);
    cairo_rotate(cr, -angle);
    rgb(cr, 0x222222);
    cairo_move_to(cr, 0, 0);
    cairo_show_text(cr, tr_agreement_get_id(ags[i]));
    cairo_restore(cr);
    cairo_rectangle(cr, left + cw * (double)i + 1, top - 8, cw - 2, 5);
    rgb(cr, family_colour(tr_agreement_get_family(ags[i])));
    cairo_fill(cr);
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
      tr_strength st = tr_provision_get_strength(p);
      cairo_rectangle(cr, x + 1, y + 1, cw - 2, rh - 2);
      rgb(cr, strength_colour(st));
      cairo_fill(cr);
      if (st == TR_STRENGTH_UNKNOWN) {
        rgb(cr, 0x8a4b08);
        font(cr, 11, TRUE);
        text_at(cr, x + cw / 2, y + rh / 2 + 4, 0.5, "?");
      }
    }
  }
  /* legend */
  double ly = top + grid_h + 18, lx = pad;
  rgb(cr, 0x222222);
  font(cr, 12, TRUE);
  text_at(cr, lx, ly + 11.5, 0, "Strength:");
  lx += 70;
  lx = legend_item(cr, lx, ly, strength_colour(TR_STRENGTH_HARD), FALSE, "hard");
  lx = legend_item(cr, lx, ly, strength_colour(TR_STRENGTH_MIXED), FALSE, "mixed");
  lx = legend_item(cr, lx, ly, strength_colour(TR_STRENGTH_SOFT), FALSE, "soft");
  lx = legend_item(cr, lx, ly, strength_colour(TR_STRENGTH_NONE), FALSE, "none");
  lx = legend_item(cr, lx, ly, strength_colour(TR_STRENGTH_UNKNOWN), FALSE, "unknown (?)");
  legend_item(cr, lx, ly, 0xffffff, TRUE, "not coded");
  ly += 26;
  lx = pad;
  rgb(cr, 0x222222);
  font(cr, 12, TRUE);
  text_at(cr, lx, ly + 11.5, 0, "Family:");
  lx += 70;
  for (int f = TR_FAMILY_AMERICAN; f <= TR_FAMILY_OTHER; f++)
    lx = legend_item(cr, lx, ly, family_colour((tr_family)f), FALSE, family_label((tr_family)f));
  legend_item(cr, lx, ly, family_colour(TR_FAMILY_UNKNOWN), FALSE, "unknown");
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

int tr_plot_compare(const tr_agreement *const *group_a, size_t count_a, const char *label_a,
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
    return tr_fail(TR_ERR_EMPTY, "tr_plot_compare: group '%s' has no agreement",
                   count_a == 0 ? label_a : label_b);
  if ((rc = check_agreements(group_a, count_a, "tr_plot_compare")) ||
      (rc = check_agreements(group_b, count_b, "tr_plot_compare")))
    return rc;
  size_t na = count_a, nb = count_b;
  const tr_agreement *const *a = group_a, *const *b = group_b;
  int ncat = tr_category_count();
  const double rh = 20, pad = 16, plot_w = 420;
  cairo_surface_t *scratch = cairo_image_surface_create(CAIRO_FORMAT_ARGB32, 1, 1);
  cairo_t *m = cairo_create(scratch);
  font(m, 12, FALSE);
  double left = 0;
  for (int k = 1; k <= ncat; k++)
    left = fmax(left, text_width(m, tr_category_title((tr_category)k)));
  cairo_destroy(m);
  cairo_surface_destroy(scratch);
  left += pad + 14;
  double top = 96, right_col = 150, count_x = 44;
  char *title = g_strdup_printf("%s vs %s: mean legal strength by category", label_a, label_b);
  double width = fmax(left + plot_w + right_col + pad, title_width(title) + 2 * pad);
  double height = top + rh * ncat + 60;
  const unsigned int ca = 0x1f5fa8, cb = 0xe08214;

  canvas c;
  canvas_open(&c, format, width, height);
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

int tr_plot_matrix(const char *const *labels, size_t n, const double *sim, const char *title,
                   const char *path, tr_plot_format format) {
  int rc = check_common(labels, path, format, "tr_plot_matrix");
  if (rc)
    return rc;
  if (!sim || n == 0)
    return tr_fail(TR_ERR_INVALID_ARG, "tr_plot_matrix: NULL matrix or n = 0");
  if (n > 500)
    return tr_fail(TR_ERR_LIMIT, "tr_plot_matrix: %zu items; at most 500 can be drawn", n);
  for (size_t i = 0; i < n; i++)
    if (!labels[i] || !g_utf8_validate(labels[i], -1, NULL))
      return tr_fail(TR_ERR_INVALID_ARG, "tr_plot_matrix: label %zu is NULL or not UTF-8", i);
  size_t *order = g_new(size_t, n);
  tr_plot_cluster_order(sim, n, order);
  double lo = INFINITY, hi = -INFINITY;
  for (size_t i = 0; i < n * n; i++)
    if (!isnan(sim[i])) {
      lo = fmin(lo, sim[i]);
      hi = fmax(hi, sim[i]);
    }
  if (!isfinite(lo)) {
    lo = 0;
    hi = 1;
  }
  if (lo >= 0 && hi <= 1) {
    lo = 0;
    hi = 1;
  }
  if (hi <= lo)
    hi = lo + 1;
  const double cell = n <= 30 ? 34 : n <= 80 ? 16 : 12, pad = 16;
  const double fs = cell >= 16 ? 12 : 10;
  cairo_surface_t *scratch = cairo_image_surface_create(CAIRO_FORMAT_ARGB32, 1, 1);
  cairo_t *m = cairo_create(scratch);
  font(m, fs, FALSE);
  double maxl = 0;
  for (size_t i = 0; i < n && fs > 0; i++)
    maxl = fmax(maxl, text_width(m, labels[i]));
  cairo_destroy(m);
  cairo_surface_destroy(scratch);
  const double angle = 55 * G_PI / 180;
  double left = pad + maxl + 10, top = 44 + maxl * sin(angle) + 10;
  double grid = cell * (double)n;
  if (!title)
    title = "Similarity";
  double width = fmax(fmax(left + grid + 110, 480), title_width(title) + 2 * pad);
  double height = top + grid + 60;

  canvas c;
  canvas_open(&c, format, width, height);
  cairo_t *cr = c.cr;
  title_at(cr, pad, 26, title);
  for (size_t r = 0; r < n; r++) {
    size_t i = order[r];
    if (fs > 0) {
      rgb(cr, 0x222222);
      font(cr, fs, FALSE);
      text_at(cr, left - 8, top + cell * (double)r + cell / 2 + 4, 1, labels[i]);
      cairo_save(cr);
      cairo_translate(cr, left + cell * (double)r + cell / 2 + 4, top - 6);
      cairo_rotate(cr, -angle);
      cairo_move_to(cr, 0, 0);
      cairo_show_text(cr, labels[i]);
      cairo_restore(cr);
    }
    for (size_t col = 0; col < n; col++) {
      size_t j = order[col];
      double v = sim[i * n + j];
      double x = left + cell * (double)col, y = top + cell * (double)r;
      cairo_rectangle(cr, x, y, cell, cell);
      if (isnan(v))
        rgb(cr, 0xbbbbbb);
      else
        scale_colour(cr, (v - lo) / (hi - lo));
      cairo_fill(cr);
      if (n <= 30 && !isnan(v)) {
        char buf[32];
        g_snprintf(buf, sizeof buf, fabs(v) < 10 ? "%.2f" : "%.0f", v);
        if ((v - lo) / (hi - lo) > 0.55)
          rgb(cr, 0xffffff);
        else
          rgb(cr, 0x222222);
        font(cr, 10, FALSE);
        text_at(cr, x + cell / 2, y + cell / 2 + 3.5, 0.5, buf);
      }
    }
  }
  /* colour bar */
  double bx = left + grid + 24, by = top, bh = fmin(grid, 240);
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
  font(cr, 11, FALSE);
  rgb(cr, 0x555555);
  text_at(cr, pad, top + grid + 28, 0,
          "Rows and columns ordered by average-linkage clustering; grey = no value.");
  g_free(order);
  return canvas_close(&c, path);
}

/* ------------------------------------------------------------------------ */
/* Adoption timeline                                                         */

int tr_plot_timeline(const tr_agreement *const *agreements, size_t count, const char *path,
                     tr_plot_format format) {
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
    gboolean adopts = FALSE;
    for (int k = 1; k <= ncat; k++) {
      const tr_provision *p = tr_agreement_find_provision(ags[i], (tr_category)k);
      tr_strength st = p ? tr_provision_get_strength(p) : TR_STRENGTH_UNKNOWN;
      if (st == TR_STRENGTH_SOFT || st == TR_STRENGTH_MIXED || st == TR_STRENGTH_HARD) {
        adopts = TRUE;
        if (y > 0 && !used[k]) {
          used[k] = TRUE;
          nrows++;
        }
      }
    }
    if (!adopts)
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
    return tr_fail(TR_ERR_EMPTY, "tr_plot_timeline: no dated agreement adopts any provision");
  }
  ymin -= 1;
  ymax += 1;
  int span = ymax - ymin;
  double py = fmin(40, fmax(14, 760.0 / span));
  const double rh = 22, pad = 16;
  cairo_surface_t *scratch = cairo_image_surface_create(CAIRO_FORMAT_ARGB32, 1, 1);
  cairo_t *m = cairo_create(scratch);
  font(m, 12, FALSE);
  double left = 0;
  for (int k = 1; k <= ncat; k++)
    if (used[k])
      left = fmax(left, text_width(m, tr_category_title((tr_category)k)));
  cairo_destroy(m);
  cairo_surface_destroy(scratch);
  left += pad + 14;
  double top = 80, plot_w = py * span;
  double width = fmax(left + plot_w + pad + 10, 720), height = top + rh * nrows + 70;

  canvas c;
  canvas_open(&c, format, width, height);
  cairo_t *cr = c.cr;
  title_at(cr, pad, 26, "Adoption of digital-trade provisions over time");
  /* legend */
  double lx = pad;
  for (int f = TR_FAMILY_AMERICAN; f <= TR_FAMILY_OTHER; f++)
    lx = legend_item(cr, lx, 40, family_colour((tr_family)f), FALSE, family_label((tr_family)f));
  lx = legend_item(cr, lx, 40, family_colour(TR_FAMILY_UNKNOWN), FALSE, "unknown family");
  cairo_new_sub_path(cr);
  cairo_arc(cr, lx + 6, 47, 5, 0, 2 * G_PI);
  rgb(cr, 0x444444);
  cairo_fill(cr);
  rgb(cr, 0x222222);
  font(cr, 12, FALSE);
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
  int step = span <= 12 ? 1 : span <= 30 ? 2 : span <= 60 ? 5 : 10;
  double bottom = top + rh * nrows;
  for (int y = ymin; y <= ymax; y++) {
    if (y % step)
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
  for (int k = 1; k <= ncat; k++) {
    if (!used[k])
      continue;
    double yc = top + rh * row + rh / 2;
    if (row % 2) {
      cairo_rectangle(cr, pad, yc - rh / 2, left - pad + plot_w, rh);
      rgb(cr, 0xf6f6f6);
      cairo_fill(cr);
    }
    rgb(cr, 0x222222);
    font(cr, 12, FALSE);
    text_at(cr, left - 14, yc + 4, 1, tr_category_title((tr_category)k));
    /* markers: agreements of one year side by side */
    for (int y = ymin; y <= ymax; y++) {
      GPtrArray *here = g_ptr_array_new();
      for (size_t i = 0; i < na; i++) {
        if (tr_agreement_get_year(ags[i]) != y)
          continue;
        const tr_provision *p = tr_agreement_find_provision(ags[i], (tr_category)k);
        tr_strength st = p ? tr_provision_get_strength(p) : TR_STRENGTH_UNKNOWN;
        if (st == TR_STRENGTH_SOFT || st == TR_STRENGTH_MIXED || st == TR_STRENGTH_HARD)
          g_ptr_array_add(here, (gpointer)p);
        if (st == TR_STRENGTH_SOFT || st == TR_STRENGTH_MIXED || st == TR_STRENGTH_HARD)
          g_ptr_array_add(here, (gpointer)ags[i]);
      }
      guint cnt = here->len / 2;
      double dx = fmin(9, py / (cnt + 1));
      double rad = fmin(5, fmax(2.5, dx * 0.6)); /* smaller markers when a year is crowded */
      for (guint j = 0; j < cnt; j++) {
        const tr_provision *p = g_ptr_array_index(here, 2 * j);
        const tr_agreement *ag = g_ptr_array_index(here, 2 * j + 1);
        double x = left + py * (y - ymin) + (j - (cnt - 1) / 2.0) * dx;
        rgb(cr, family_colour(tr_agreement_get_family(ag)));
        if (tr_provision_get_strength(p) == TR_STRENGTH_SOFT) {
          cairo_new_sub_path(cr);
          cairo_arc(cr, x, yc, rad * 0.84, 0, 2 * G_PI);
          cairo_set_line_width(cr, rad > 3.5 ? 1.6 : 1.2);
          cairo_stroke(cr);
        } else {
          cairo_new_sub_path(cr);
          cairo_arc(cr, x, yc, rad, 0, 2 * G_PI);
          cairo_fill(cr);
        }
      }
      g_ptr_array_free(here, TRUE);
    }
    row++;
  }
  rgb(cr, 0x555555);
  font(cr, 11, FALSE);
  char *foot = g_strdup_printf("Each marker is one agreement at its signature year. %zu adopting "
                               "agreement(s) of unknown year left out.", undated);
  text_at(cr, pad, bottom + 40, 0, foot);
  g_free(foot);
  g_free(used);
  return canvas_close(&c, path);
}

#else /* !TR_HAVE_CAIRO */

int tr_plot_heatmap(const tr_agreement *const *agreements, size_t count, const char *path,
                    tr_plot_format format) {
  (void)count;
  return check_common(agreements, path, format, "tr_plot_heatmap");
}
int tr_plot_compare(const tr_agreement *const *group_a, size_t count_a, const char *label_a,
                    const tr_agreement *const *group_b, size_t count_b, const char *label_b,
                    const char *path, tr_plot_format format) {
  (void)count_a; (void)label_a; (void)group_b; (void)count_b; (void)label_b;
  return check_common(group_a, path, format, "tr_plot_compare");
}
int tr_plot_matrix(const char *const *labels, size_t n, const double *sim, const char *title,
                   const char *path, tr_plot_format format) {
  (void)n; (void)sim; (void)title;
  return check_common(labels, path, format, "tr_plot_matrix");
}
int tr_plot_timeline(const tr_agreement *const *agreements, size_t count, const char *path,
                     tr_plot_format format) {
  (void)count;
  return check_common(agreements, path, format, "tr_plot_timeline");
}
#endif
