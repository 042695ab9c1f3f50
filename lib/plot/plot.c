/*
 * libtraderules - charts (SVG, PNG, PDF): the options, the palette, the clustering, and
 * the public drawing functions, which check their arguments and call the chart module
 * (traderules-plot.so, lib/plot/plot-draw.c: cairo and Pango), opened on the first chart.
 * SPDX-License-Identifier: MIT
 */
#define _GNU_SOURCE 1 /* dladdr() */
#include "core/tr-internal.h"
#include "plot/plot-config.h"
#include "plot/plot-private.h"

#include <math.h>
#include <string.h>
#include <traderules/plot.h>

#ifdef TR_HAVE_CAIRO
#include "plot/plot-module.h"

#include <dlfcn.h>
#include <gmodule.h>
#endif

#ifdef TR_HAVE_CAIRO
static const trp_module *module_get(void);
static int module_fail(const char *fn);
#endif

int tr_plot_available(void) {
#ifdef TR_HAVE_CAIRO
  if (module_get())
    return 1;
  module_fail("tr_plot_available");
#else
  tri_fail(TR_ERR_UNSUPPORTED, "tr_plot_available: this libtraderules was built without charts (cairo)");
#endif
  return 0;
}

int tr_plot_format_from_path(const char *path, tr_plot_format *out) {
  if (!path || !out)
    return tri_fail(TR_ERR_INVALID_ARG, "tr_plot_format_from_path: NULL argument");
  size_t n = strlen(path);
  if (n >= 4 && g_ascii_strcasecmp(path + n - 4, ".svg") == 0)
    *out = TR_PLOT_SVG;
  else if (n >= 4 && g_ascii_strcasecmp(path + n - 4, ".png") == 0)
    *out = TR_PLOT_PNG;
  else if (n >= 4 && g_ascii_strcasecmp(path + n - 4, ".pdf") == 0)
    *out = TR_PLOT_PDF;
  else
    return tri_fail(TR_ERR_NOT_FOUND, "'%s': chart files end in .svg, .png or .pdf", path);
  return TR_OK;
}

/* ------------------------------------------------------------------------ */
/* Clustering (no cairo needed)                                              */

/* Average-linkage agglomerative clustering; the leaf order of the dendrogram. */
int tr_plot_cluster_order(const double *sim, size_t n, size_t *order) {
  if (!sim || !order || n == 0)
    return tri_fail(TR_ERR_INVALID_ARG, "tr_plot_cluster_order: NULL argument or n = 0");
  if (n > G_MAXSIZE / sizeof(double) / n)
    return tri_fail(TR_ERR_LIMIT, "tr_plot_cluster_order: n = %zu: n x n does not fit in memory", n);
  double lo = INFINITY;
  for (size_t i = 0; i < n * n; i++)
    if (!isnan(sim[i]) && sim[i] < lo)
      lo = sim[i];
  if (!isfinite(lo))
    lo = 0;
  /* cluster similarity between active clusters; members as linked lists of leaves.
   * The n x n copy and the per-leaf arrays are tried: too big is TR_ERR_NOMEM. */
  double *s = g_try_new(double, n * n);
  size_t *size = g_try_new(size_t, n);
  gboolean *active = g_try_new(gboolean, n);
  GArray **leaves = g_try_new0(GArray *, n);
  if (!s || !size || !active || !leaves) {
    g_free(s);
    g_free(size);
    g_free(active);
    g_free(leaves);
    return tri_fail(TR_ERR_NOMEM, "tr_plot_cluster_order: out of memory for a %zu x %zu matrix",
                    n, n);
  }
  for (size_t i = 0; i < n; i++)
    for (size_t j = 0; j < n; j++) {
      double a = sim[i * n + j], b = sim[j * n + i];
      a = isnan(a) ? lo : a;
      b = isnan(b) ? lo : b;
      s[i * n + j] = (a + b) / 2; /* symmetrise */
    }
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

#ifdef TR_HAVE_CAIRO
/* ------------------------------------------------------------------------ */
/* The chart module                                                          */

/* Where the module is looked for, in this order:
 *   1. $TR_MODULE_DIR/traderules-plot.so, if TR_MODULE_DIR is set (and only there):
 *      tests, uninstalled use (meson devenv sets it);
 *   2. traderules-0/traderules-plot.so beside the libtraderules.so this code was loaded
 *      from (dladdr): the installed layout (libdir/traderules-0/) and the build tree
 *      (build/lib/traderules-0/), so a library never picks up another copy's module;
 *   3. the compiled-in TR_MODULE_DIR_DEFAULT (libdir/traderules-0).
 * It is opened once, on the first chart (or tr_plot_available()), and stays loaded. If no
 * candidate loads, every chart function fails with TR_ERR_UNSUPPORTED naming each path
 * and g_module_error()'s reason. */
static GMutex module_lock;
static gboolean module_tried;
static const trp_module *module_table;
static char *module_error; /* why it could not be loaded */

static const trp_host host = {
  .version = TRP_MODULE_VERSION,
  .size = sizeof(trp_host),
  .set_error = tri_set_error,
  .io_write_file = tri_io_write_file,
  .strength_colour = trp_strength_colour,
  .family_colour = trp_family_colour,
#define TRP_HOST_INIT(name) .name = name,
  TRP_HOST_PUBLIC(TRP_HOST_INIT)
#undef TRP_HOST_INIT
};

/* Try one path; on failure append the reason to *why. */
static const trp_module *module_try(const char *path, GString *why) {
  GModule *m = g_module_open(path, G_MODULE_BIND_LOCAL);
  if (!m) {
    g_string_append_printf(why, "%s%s", why->len ? "; " : "", g_module_error());
    return NULL;
  }
  gpointer sym = NULL;
  const trp_module *t = NULL;
  if (!g_module_symbol(m, TRP_MODULE_ENTRY, &sym) || !sym) {
    g_string_append_printf(why, "%s%s", why->len ? "; " : "", g_module_error());
  } else {
    t = ((trp_module_entry_fn)sym)(&host);
    if (!t || t->version != TRP_MODULE_VERSION || t->size != sizeof(trp_module)) {
      g_string_append_printf(why, "%s%s: not a chart module of this libtraderules (version %u)",
                             why->len ? "; " : "", path, TRP_MODULE_VERSION);
      t = NULL;
    }
  }
  if (!t) {
    g_module_close(m);
    return NULL;
  }
  g_module_make_resident(m); /* cairo, fontconfig and Pango are not made to be unloaded */
  return t;
}

static const trp_module *module_get(void) {
  g_mutex_lock(&module_lock);
  if (!module_tried) {
    module_tried = TRUE;
    GString *why = g_string_new(NULL);
    const char *env = g_getenv("TR_MODULE_DIR");
    if (env && *env) {
      char *p = g_build_filename(env, TRP_MODULE_NAME, NULL);
      module_table = module_try(p, why);
      g_free(p);
      if (!module_table)
        g_string_append(why, " (TR_MODULE_DIR is set: no other place was tried)");
    } else {
      Dl_info info;
      char *beside = NULL;
      if (dladdr((void *)tr_plot_available, &info) && info.dli_fname && *info.dli_fname) {
        char *dir = g_path_get_dirname(info.dli_fname);
        beside = g_build_filename(dir, TRP_MODULE_SUBDIR, TRP_MODULE_NAME, NULL);
        g_free(dir);
        if (g_file_test(beside, G_FILE_TEST_EXISTS))
          module_table = module_try(beside, why);
      }
      char *installed = g_build_filename(TR_MODULE_DIR_DEFAULT, TRP_MODULE_NAME, NULL);
      if (!module_table && (!beside || strcmp(beside, installed) != 0))
        module_table = module_try(installed, why);
      g_free(installed);
      g_free(beside);
    }
    if (!module_table)
      module_error = g_string_free(why, FALSE);
    else
      g_string_free(why, TRUE);
  }
  const trp_module *t = module_table;
  g_mutex_unlock(&module_lock);
  return t;
}

static int module_fail(const char *fn) {
  return tri_fail(TR_ERR_UNSUPPORTED, "%s: the chart module could not be loaded: %s", fn,
                  module_error ? module_error : "unknown reason");
}
#endif

static int check_common(const void *catalog, const char *path, tr_plot_format format,
                        const char *fn) {
  if (!catalog || !path)
    return tri_fail(TR_ERR_INVALID_ARG, "%s: NULL argument", fn);
  if (format != TR_PLOT_SVG && format != TR_PLOT_PNG && format != TR_PLOT_PDF)
    return tri_fail(TR_ERR_INVALID_ARG, "%s: invalid format %d", fn, (int)format);
#ifndef TR_HAVE_CAIRO
  return tri_fail(TR_ERR_UNSUPPORTED, "%s: this libtraderules was built without charts (cairo)", fn);
#else
  return module_get() ? TR_OK : module_fail(fn);
#endif
}

/* ------------------------------------------------------------------------ */
/* Options (no cairo needed)                                                 */

int tr_plot_options_new(tr_plot_options **out) {
  if (!out)
    return tri_fail(TR_ERR_INVALID_ARG, "tr_plot_options_new: NULL argument");
  *out = g_new0(tr_plot_options, 1);
  (*out)->dpi = TRP_DEFAULT_DPI;
  return TR_OK;
}

void tr_plot_options_free(tr_plot_options *o) {
  if (!o)
    return;
  g_free(o->title);
  g_free(o);
}

int tr_plot_options_set_size(tr_plot_options *o, double w, double h) {
  if (!o)
    return tri_fail(TR_ERR_INVALID_ARG, "tr_plot_options_set_size: NULL options");
  for (int k = 0; k < 2; k++) {
    double v = k ? h : w;
    if (!(v == 0 || (v >= TRP_MIN_SIZE && v <= TRP_MAX_SIZE)))
      return tri_fail(TR_ERR_INVALID_ARG,
                     "tr_plot_options_set_size: %s %g pt is outside %g..%g pt (0.5 to 200 inches)",
                     k ? "height" : "width", v, TRP_MIN_SIZE, TRP_MAX_SIZE);
  }
  o->width = w;
  o->height = h;
  return TR_OK;
}

int tr_plot_options_set_dpi(tr_plot_options *o, double dpi) {
  if (!o)
    return tri_fail(TR_ERR_INVALID_ARG, "tr_plot_options_set_dpi: NULL options");
  if (!(dpi >= TRP_MIN_DPI && dpi <= TRP_MAX_DPI))
    return tri_fail(TR_ERR_INVALID_ARG, "tr_plot_options_set_dpi: %g is outside %g..%g", dpi,
                   TRP_MIN_DPI, TRP_MAX_DPI);
  o->dpi = dpi;
  return TR_OK;
}

int tr_plot_options_set_title(tr_plot_options *o, const char *title) {
  if (!o)
    return tri_fail(TR_ERR_INVALID_ARG, "tr_plot_options_set_title: NULL options");
  if (title && !g_utf8_validate(title, -1, NULL))
    return tri_fail(TR_ERR_INVALID_ARG, "tr_plot_options_set_title: the title is not UTF-8");
  g_free(o->title);
  o->title = g_strdup(title);
  return TR_OK;
}

size_t tr_plot_options_missing_glyphs(const tr_plot_options *o) {
  return o ? o->missing_glyphs : 0;
}

/* ------------------------------------------------------------------------ */
/* Palette (Okabe & Ito 2008, "Color Universal Design"), no cairo needed     */

unsigned int trp_strength_colour(tr_strength s) {
  switch (s) {
  case TR_STRENGTH_HARD: return 0x0072b2;  /* Okabe-Ito blue */
  case TR_STRENGTH_MIXED: return 0x56b4e9; /* Okabe-Ito sky blue */
  case TR_STRENGTH_SOFT: return 0xa9d4f0;  /* sky blue, lighter */
  case TR_STRENGTH_NONE: return 0xe6e6e6;  /* light grey */
  default: return TRP_UNKNOWN_HATCH;       /* unknown: hatched, with "?" (never a flat colour) */
  }
}

unsigned int trp_family_colour(tr_family f) {
  switch (f) {
  case TR_FAMILY_AMERICAN: return 0x0072b2;     /* blue */
  case TR_FAMILY_EUROPEAN: return 0xe69f00;     /* orange */
  case TR_FAMILY_MULTILATERAL: return 0x009e73; /* bluish green */
  case TR_FAMILY_OTHER: return 0xcc79a7;        /* reddish purple */
  default: return TRP_UNKNOWN_FAMILY;           /* unknown: very light grey, hatched / square */
  }
}

/* ------------------------------------------------------------------------ */
/* The charts: checked here, drawn by the module                             */

int tr_plot_heatmap(const tr_agreement *const *agreements, size_t count, const char *path,
                    tr_plot_format format) {
  return tr_plot_heatmap_with(agreements, count, path, format, NULL);
}

int tr_plot_heatmap_with(const tr_agreement *const *agreements, size_t count, const char *path,
                         tr_plot_format format, tr_plot_options *options) {
  int rc = check_common(agreements || count == 0 ? (const void *)path : NULL, path, format,
                        "tr_plot_heatmap");
  if (rc)
    return rc;
#ifdef TR_HAVE_CAIRO
  return module_table->heatmap(agreements, count, path, format, options);
#else
  (void)options;
  return TR_ERR_INTERNAL;
#endif
}

int tr_plot_compare(const tr_agreement *const *group_a, size_t count_a, const char *label_a,
                    const tr_agreement *const *group_b, size_t count_b, const char *label_b,
                    const char *path, tr_plot_format format) {
  int rc = check_common((group_a || count_a == 0) && (group_b || count_b == 0) ? (const void *)path : NULL,
                        path, format, "tr_plot_compare");
  if (rc)
    return rc;
#ifdef TR_HAVE_CAIRO
  return module_table->compare(group_a, count_a, label_a, group_b, count_b, label_b, path, format);
#else
  (void)label_a;
  (void)label_b;
  return TR_ERR_INTERNAL;
#endif
}

int tr_plot_comparison(const tr_comparison *comparison, const char *path, tr_plot_format format,
                       tr_plot_options *options) {
  int rc = check_common(comparison, path, format, "tr_plot_comparison");
  if (rc)
    return rc;
#ifdef TR_HAVE_CAIRO
  return module_table->comparison(comparison, path, format, options);
#else
  (void)options;
  return TR_ERR_INTERNAL;
#endif
}

int tr_plot_matrix(const char *const *labels, size_t n, const double *sim, const char *title,
                   const char *path, tr_plot_format format) {
  return tr_plot_matrix_with(labels, n, sim, NULL, 0, title, path, format, NULL);
}

int tr_plot_matrix_with(const char *const *labels, size_t n, const double *sim,
                        const size_t *overlap, size_t min_overlap, const char *title,
                        const char *path, tr_plot_format format, tr_plot_options *options) {
  int rc = check_common(labels, path, format, "tr_plot_matrix");
  if (rc)
    return rc;
#ifdef TR_HAVE_CAIRO
  return module_table->matrix(labels, n, sim, overlap, min_overlap, title, path, format, options);
#else
  (void)n; (void)sim; (void)overlap; (void)min_overlap; (void)title; (void)options;
  return TR_ERR_INTERNAL;
#endif
}

int tr_plot_timeline(const tr_agreement *const *agreements, size_t count, const char *path,
                     tr_plot_format format) {
  return tr_plot_timeline_with(agreements, count, path, format, NULL);
}

int tr_plot_timeline_with(const tr_agreement *const *agreements, size_t count, const char *path,
                          tr_plot_format format, tr_plot_options *options) {
  int rc = check_common(agreements || count == 0 ? (const void *)path : NULL, path, format,
                        "tr_plot_timeline");
  if (rc)
    return rc;
#ifdef TR_HAVE_CAIRO
  return module_table->timeline(agreements, count, path, format, options);
#else
  (void)options;
  return TR_ERR_INTERNAL;
#endif
}
