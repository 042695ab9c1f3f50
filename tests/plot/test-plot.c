/* Tests for charts: clustering order, rendering to SVG and PNG, errors. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <math.h>
#include <stdio.h>
#include <string.h>
#include <cmocka.h>

#include <glib.h>
#include <glib/gstdio.h>
#include <traderules/traderules.h>

static char *tmpdir;

static int setup(void **state) {
  (void)state;
  tmpdir = g_dir_make_tmp("trplot-XXXXXX", NULL);
  return tmpdir ? 0 : -1;
}

static int teardown(void **state) {
  if (g_getenv("TR_KEEP_CHARTS")) { g_print("charts kept in %s\n", tmpdir); g_free(tmpdir); return 0; }
  (void)state;
  GDir *d = g_dir_open(tmpdir, 0, NULL);
  const char *name;
  while (d && (name = g_dir_read_name(d))) {
    char *p = g_build_filename(tmpdir, name, NULL);
    g_unlink(p);
    g_free(p);
  }
  if (d)
    g_dir_close(d);
  g_rmdir(tmpdir);
  g_free(tmpdir);
  return 0;
}

/* n agreements alternating American / European, years 2000.., strengths varying. */
static tr_catalog *make_catalog(int n) {
  tr_catalog *c = NULL;
  assert_int_equal(tr_catalog_new(&c), TR_OK);
  for (int i = 0; i < n; i++) {
    char id[32], date[16];
    g_snprintf(id, sizeof id, "AGR_%02d", i);
    tr_agreement *a = NULL;
    assert_int_equal(tr_agreement_new(id, "Test agreement", &a), TR_OK);
    assert_int_equal(tr_agreement_set_family(a, i % 2 ? TR_FAMILY_EUROPEAN : TR_FAMILY_AMERICAN), TR_OK);
    if (i != 1) { /* AGR_01 has no date */
      g_snprintf(date, sizeof date, "%d-06-01", 2000 + i);
      assert_int_equal(tr_agreement_set_date_signed(a, date), TR_OK);
    }
    for (int k = 1; k <= tr_category_count(); k++) {
      if ((k + i) % 4 == 0)
        continue; /* not coded */
      tr_provision *p = NULL;
      tr_strength st = (tr_strength)((k * 7 + i * 3) % 5);
      assert_int_equal(tr_provision_new((tr_category)k, st, &p), TR_OK);
      assert_int_equal(tr_agreement_add_provision(a, p), TR_OK);
    }
    assert_int_equal(tr_catalog_add_agreement(c, a), TR_OK);
  }
  return c;
}

/* The agreements of a catalog, or of a selection, as an array (free with g_free). */
static const tr_agreement **all_of(const tr_catalog *c, size_t *n) {
  *n = tr_catalog_agreement_count(c);
  const tr_agreement **a = g_new0(const tr_agreement *, *n + 1);
  for (size_t i = 0; i < *n; i++)
    a[i] = tr_catalog_agreement_at(c, i);
  return a;
}

static const tr_agreement **of_list(const tr_agreement_list *l, size_t *n) {
  *n = tr_agreement_list_count(l);
  const tr_agreement **a = g_new0(const tr_agreement *, *n + 1);
  for (size_t i = 0; i < *n; i++)
    a[i] = tr_agreement_list_at(l, i);
  return a;
}

static const tr_agreement **of_family(const tr_catalog *c, tr_family f, size_t *n) {
  tr_filter *flt = NULL;
  tr_agreement_list *l = NULL;
  assert_int_equal(tr_filter_new(&flt), TR_OK);
  assert_int_equal(tr_filter_set_family(flt, f), TR_OK);
  assert_int_equal(tr_catalog_select(c, flt, &l), TR_OK);
  const tr_agreement **a = of_list(l, n);
  tr_agreement_list_free(l);
  tr_filter_free(flt);
  return a;
}

static char *path_in_tmp(const char *name) { return g_build_filename(tmpdir, name, NULL); }

static guint32 be32(const guchar *p) {
  return ((guint32)p[0] << 24) | ((guint32)p[1] << 16) | ((guint32)p[2] << 8) | p[3];
}

/* Check a PNG file: signature, IHDR, size at least min_w × min_h; return width/height. */
static void check_png(const char *path, guint32 min_w, guint32 min_h, guint32 *w, guint32 *h) {
  gchar *data = NULL;
  gsize len = 0;
  assert_true(g_file_get_contents(path, &data, &len, NULL));
  assert_true(len > 2000);
  assert_memory_equal(data, "\x89PNG\r\n\x1a\n", 8);
  assert_memory_equal(data + 12, "IHDR", 4);
  *w = be32((const guchar *)data + 16);
  *h = be32((const guchar *)data + 20);
  assert_true(*w >= min_w);
  assert_true(*h >= min_h);
  assert_true(*w <= 20000 && *h <= 20000);
  /* ends with the IEND chunk */
  assert_memory_equal(data + len - 8, "IEND", 4);
  g_free(data);
}

/* Check an SVG file: XML prolog, root element with size, text drawn, closed. */
static void check_svg(const char *path, double *w, double *h) {
  gchar *data = NULL;
  gsize len = 0;
  assert_true(g_file_get_contents(path, &data, &len, NULL));
  assert_true(len > 2000);
  assert_true(g_str_has_prefix(data, "<?xml"));
  const char *svg = strstr(data, "<svg");
  assert_non_null(svg);
  const char *wp = strstr(svg, "width=\""), *hp = strstr(svg, "height=\"");
  assert_non_null(wp);
  assert_non_null(hp);
  *w = g_ascii_strtod(wp + 7, NULL);
  *h = g_ascii_strtod(hp + 8, NULL);
  assert_true(*w > 300 && *h > 200);
  assert_non_null(strstr(data, "<path") ? strstr(data, "<path") : strstr(data, "<rect"));
  /* labels are SVG text elements (selectable), not glyph outlines */
  assert_non_null(strstr(data, "<text "));
  assert_null(strstr(data, "<symbol"));
  assert_null(strstr(data, "id=\"glyph"));
  g_strchomp(data);
  assert_true(g_str_has_suffix(data, "</svg>"));
  g_free(data);
}

static void test_cluster_order(void **state) {
  (void)state;
  /* items 0,2,4 form one cluster and 1,3,5 another */
  enum { N = 6 };
  double sim[N * N];
  for (int i = 0; i < N; i++)
    for (int j = 0; j < N; j++)
      sim[i * N + j] = i == j ? 1.0 : (i % 2 == j % 2) ? 0.8 + 0.01 * (i + j) : 0.1;
  size_t order[N];
  assert_int_equal(tr_plot_cluster_order(sim, N, order), TR_OK);
  gboolean seen[N] = { 0 };
  for (int i = 0; i < N; i++) {
    assert_true(order[i] < N);
    assert_false(seen[order[i]]);
    seen[order[i]] = TRUE;
  }
  /* the first three share a parity, so do the last three */
  for (int i = 1; i < 3; i++)
    assert_int_equal(order[i] % 2, order[0] % 2);
  for (int i = 4; i < 6; i++)
    assert_int_equal(order[i] % 2, order[3] % 2);
  assert_int_not_equal(order[0] % 2, order[3] % 2);
  /* NaN is the lowest similarity; one item; bad arguments */
  sim[0 * N + 2] = NAN;
  assert_int_equal(tr_plot_cluster_order(sim, N, order), TR_OK);
  double one = 1;
  assert_int_equal(tr_plot_cluster_order(&one, 1, order), TR_OK);
  assert_int_equal(order[0], 0);
  assert_int_equal(tr_plot_cluster_order(NULL, 3, order), TR_ERR_INVALID_ARG);
  assert_int_equal(tr_plot_cluster_order(sim, 0, order), TR_ERR_INVALID_ARG);
}

static void test_format_from_path(void **state) {
  (void)state;
  tr_plot_format f;
  assert_int_equal(tr_plot_format_from_path("a/b.SVG", &f), TR_OK);
  assert_int_equal(f, TR_PLOT_SVG);
  assert_int_equal(tr_plot_format_from_path("x.png", &f), TR_OK);
  assert_int_equal(f, TR_PLOT_PNG);
  assert_int_equal(tr_plot_format_from_path("x.PDF", &f), TR_OK);
  assert_int_equal(f, TR_PLOT_PDF);
  assert_int_equal(tr_plot_format_from_path("x.gif", &f), TR_ERR_NOT_FOUND);
  assert_int_equal(tr_plot_format_from_path("png", &f), TR_ERR_NOT_FOUND);
  assert_int_equal(tr_plot_format_from_path(NULL, &f), TR_ERR_INVALID_ARG);
}

static void test_unavailable_or_render(void **state) {
  (void)state;
  tr_catalog *c = make_catalog(4);
  char *svg = path_in_tmp("h.svg");
  size_t n;
  const tr_agreement **a = all_of(c, &n);
  int rc = tr_plot_heatmap(a, n, svg, TR_PLOT_SVG);
  g_free(a);
  if (!tr_plot_available()) {
    assert_int_equal(rc, TR_ERR_UNSUPPORTED);
    assert_false(g_file_test(svg, G_FILE_TEST_EXISTS));
  } else {
    assert_int_equal(rc, TR_OK);
  }
  g_free(svg);
  tr_catalog_free(c);
}

static void test_heatmap(void **state) {
  (void)state;
  if (!tr_plot_available())
    skip();
  tr_catalog *small = make_catalog(3), *big = make_catalog(30);
  char *p1 = path_in_tmp("heat-small.png"), *p2 = path_in_tmp("heat-big.png");
  char *p3 = path_in_tmp("heat.svg");
  size_t ns, nb;
  const tr_agreement **as = all_of(small, &ns), **ab = all_of(big, &nb);
  assert_int_equal(tr_plot_heatmap(as, ns, p1, TR_PLOT_PNG), TR_OK);
  assert_int_equal(tr_plot_heatmap(ab, nb, p2, TR_PLOT_PNG), TR_OK);
  assert_int_equal(tr_plot_heatmap(ab, nb, p3, TR_PLOT_SVG), TR_OK);
  g_free(as);
  g_free(ab);
  guint32 w1, h1, w2, h2;
  /* one row per category at 20 units, PNG at 1.5 px per unit */
  guint32 min_h = (guint32)(tr_category_count() * 20 * 1.5);
  check_png(p1, 760, min_h, &w1, &h1);
  check_png(p2, 760, min_h, &w2, &h2);
  assert_true(w2 > w1);     /* 27 more columns make it wider */
  assert_true(w2 >= 30 * 24 * 1.5);
  assert_int_equal(h1, h2); /* same rows, same label lengths */
  double sw, sh;
  check_svg(p3, &sw, &sh);
  assert_true(fabs(sw * 1.5 - w2) <= 2 && fabs(sh * 1.5 - h2) <= 2);
  /* a selection of one agreement */
  tr_agreement_list *list = NULL;
  tr_filter *f = NULL;
  assert_int_equal(tr_filter_new(&f), TR_OK);
  assert_int_equal(tr_filter_set_years(f, 2005, 2005), TR_OK);
  assert_int_equal(tr_catalog_select(big, f, &list), TR_OK);
  assert_int_equal(tr_agreement_list_count(list), 1);
  size_t n1;
  const tr_agreement **one = of_list(list, &n1);
  assert_int_equal(tr_plot_heatmap(one, n1, p1, TR_PLOT_PNG), TR_OK);
  /* an empty selection; a NULL entry */
  assert_int_equal(tr_plot_heatmap(one, 0, p1, TR_PLOT_PNG), TR_ERR_EMPTY);
  const tr_agreement *holes[2] = { one[0], NULL };
  assert_int_equal(tr_plot_heatmap(holes, 2, p1, TR_PLOT_PNG), TR_ERR_INVALID_ARG);
  g_free(one);
  tr_agreement_list_free(list);
  tr_filter_free(f);
  g_free(p1);
  g_free(p2);
  g_free(p3);
  tr_catalog_free(small);
  tr_catalog_free(big);
}

static void test_compare(void **state) {
  (void)state;
  if (!tr_plot_available())
    skip();
  tr_catalog *c = make_catalog(8);
  char *png = path_in_tmp("cmp.png"), *svg = path_in_tmp("cmp.svg");
  size_t nu, ne;
  const tr_agreement **us = of_family(c, TR_FAMILY_AMERICAN, &nu);
  const tr_agreement **eu = of_family(c, TR_FAMILY_EUROPEAN, &ne);
  assert_int_equal(nu, 4);
  assert_int_equal(ne, 4);
  assert_int_equal(tr_plot_compare(us, nu, "American template", eu, ne, "European template", png,
                                   TR_PLOT_PNG), TR_OK);
  guint32 w, h;
  check_png(png, 600, (guint32)(tr_category_count() * 20 * 1.5), &w, &h);
  assert_int_equal(tr_plot_compare(us, nu, NULL, eu, ne, NULL, svg, TR_PLOT_SVG), TR_OK);
  double sw, sh;
  check_svg(svg, &sw, &sh);
  /* two single agreements as groups */
  tr_filter *f = NULL;
  tr_agreement_list *a = NULL, *b = NULL;
  assert_int_equal(tr_filter_new(&f), TR_OK);
  assert_int_equal(tr_filter_set_years(f, 2000, 2000), TR_OK);
  assert_int_equal(tr_catalog_select(c, f, &a), TR_OK);
  assert_int_equal(tr_filter_set_years(f, 2003, 2003), TR_OK);
  assert_int_equal(tr_catalog_select(c, f, &b), TR_OK);
  size_t n_a, n_b;
  const tr_agreement **ga = of_list(a, &n_a), **gb = of_list(b, &n_b);
  assert_int_equal(tr_plot_compare(ga, n_a, "AGR_00", gb, n_b, "AGR_03", svg, TR_PLOT_SVG), TR_OK);
  /* an empty group is named in the error */
  assert_int_equal(tr_plot_compare(ga, n_a, "AGR_00", gb, 0, "Nobody", svg, TR_PLOT_SVG), TR_ERR_EMPTY);
  assert_non_null(strstr(tr_error_message(), "Nobody"));
  assert_int_equal(tr_plot_compare(NULL, 3, "x", gb, n_b, "y", svg, TR_PLOT_SVG), TR_ERR_INVALID_ARG);
  g_free(ga);
  g_free(gb);
  g_free(us);
  g_free(eu);
  tr_agreement_list_free(a);
  tr_agreement_list_free(b);
  tr_filter_free(f);
  g_free(png);
  g_free(svg);
  tr_catalog_free(c);
}

static void test_matrix(void **state) {
  (void)state;
  if (!tr_plot_available())
    skip();
  enum { N = 7 };
  const char *labels[N] = { "TPP", "EU_KOR", "CPTPP", "EU_JPN", "USMCA", "EU_UK", "Zoë ü" };
  double sim[N * N];
  for (int i = 0; i < N; i++)
    for (int j = 0; j < N; j++)
      sim[i * N + j] = i == j ? 1 : (i % 2 == j % 2 ? 0.6 : 0.05);
  sim[1 * N + 6] = NAN;
  char *png = path_in_tmp("m.png"), *svg = path_in_tmp("m.svg");
  assert_int_equal(tr_plot_matrix(labels, N, sim, "Test similarity", png, TR_PLOT_PNG), TR_OK);
  guint32 w, h;
  check_png(png, (guint32)(N * 34 * 1.5), (guint32)(N * 34 * 1.5), &w, &h);
  assert_int_equal(tr_plot_matrix(labels, N, sim, NULL, svg, TR_PLOT_SVG), TR_OK);
  double sw, sh;
  check_svg(svg, &sw, &sh);
  /* a larger matrix (no values printed, smaller cells) */
  enum { M = 120 };
  double *big = g_new(double, M * M);
  const char **bl = g_new(const char *, M);
  char **names = g_new0(char *, M + 1);
  for (int i = 0; i < M; i++) {
    names[i] = g_strdup_printf("a%d", i);
    bl[i] = names[i];
    for (int j = 0; j < M; j++)
      big[i * M + j] = 1.0 / (1 + abs(i - j));
  }
  assert_int_equal(tr_plot_matrix(bl, M, big, "Big", png, TR_PLOT_PNG), TR_OK);
  check_png(png, M * 12, M * 12, &w, &h);
  /* errors */
  assert_int_equal(tr_plot_matrix(bl, 501, big, NULL, png, TR_PLOT_PNG), TR_ERR_LIMIT);
  assert_int_equal(tr_plot_matrix(NULL, M, big, NULL, png, TR_PLOT_PNG), TR_ERR_INVALID_ARG);
  assert_int_equal(tr_plot_matrix(bl, M, NULL, NULL, png, TR_PLOT_PNG), TR_ERR_INVALID_ARG);
  assert_int_equal(tr_plot_matrix(bl, M, big, NULL, png, (tr_plot_format)9), TR_ERR_INVALID_ARG);
  const char *bad[2] = { "ok", "\xff" };
  assert_int_equal(tr_plot_matrix(bad, 2, big, NULL, png, TR_PLOT_PNG), TR_ERR_INVALID_ARG);
  g_strfreev(names);
  g_free(bl);
  g_free(big);
  g_free(png);
  g_free(svg);
}

static void test_timeline(void **state) {
  (void)state;
  if (!tr_plot_available())
    skip();
  tr_catalog *c = make_catalog(12);
  char *png = path_in_tmp("t.png"), *svg = path_in_tmp("t.svg");
  size_t n;
  const tr_agreement **all = all_of(c, &n);
  assert_int_equal(tr_plot_timeline(all, n, png, TR_PLOT_PNG), TR_OK);
  guint32 w, h;
  check_png(png, 720, 300, &w, &h);
  assert_int_equal(tr_plot_timeline(all, n, svg, TR_PLOT_SVG), TR_OK);
  double sw, sh;
  check_svg(svg, &sw, &sh);
  /* only the undated agreement: nothing to place */
  tr_filter *f = NULL;
  tr_agreement_list *list = NULL;
  tr_catalog *e = NULL;
  assert_int_equal(tr_catalog_new(&e), TR_OK);
  assert_int_equal(tr_plot_timeline(all, 0, png, TR_PLOT_PNG), TR_ERR_EMPTY);
  assert_int_equal(tr_filter_new(&f), TR_OK);
  assert_int_equal(tr_filter_set_years(f, 1900, 1900), TR_OK); /* matches nothing */
  assert_int_equal(tr_catalog_select(c, f, &list), TR_OK);
  size_t nl;
  const tr_agreement **none = of_list(list, &nl);
  assert_int_equal(tr_plot_timeline(none, nl, png, TR_PLOT_PNG), TR_ERR_EMPTY);
  /* only the undated AGR_01: nothing to place */
  const tr_agreement *undated[1] = { tr_catalog_find_agreement(c, "AGR_01") };
  assert_int_equal(tr_plot_timeline(undated, 1, png, TR_PLOT_PNG), TR_ERR_EMPTY);
  g_free(none);
  g_free(all);
  tr_agreement_list_free(list);
  tr_filter_free(f);
  tr_catalog_free(e);
  g_free(png);
  g_free(svg);
  tr_catalog_free(c);
}

static void test_io_error(void **state) {
  (void)state;
  if (!tr_plot_available())
    skip();
  tr_catalog *c = make_catalog(2);
  char *bad = g_build_filename(tmpdir, "no-such-dir", "x.png", NULL);
  size_t n;
  const tr_agreement **a = all_of(c, &n);
  assert_int_equal(tr_plot_heatmap(a, n, bad, TR_PLOT_PNG), TR_ERR_IO);
  assert_string_equal(tr_error_file(), bad);
  assert_false(g_file_test(bad, G_FILE_TEST_EXISTS));
  assert_int_equal(tr_plot_heatmap(NULL, 2, bad, TR_PLOT_PNG), TR_ERR_INVALID_ARG);
  assert_int_equal(tr_plot_heatmap(a, n, NULL, TR_PLOT_PNG), TR_ERR_INVALID_ARG);
  assert_int_equal(tr_plot_heatmap(a, n, bad, (tr_plot_format)0), TR_ERR_INVALID_ARG);
  g_free(a);
  g_free(bad);
  tr_catalog_free(c);
}

static void test_options(void **state) {
  (void)state;
  tr_plot_options *o = NULL;
  assert_int_equal(tr_plot_options_new(&o), TR_OK);
  assert_int_equal(tr_plot_options_set_size(o, 0, 0), TR_OK);
  assert_int_equal(tr_plot_options_set_size(o, 36, 14400), TR_OK);
  assert_int_equal(tr_plot_options_set_size(o, 35, 0), TR_ERR_INVALID_ARG);
  assert_int_equal(tr_plot_options_set_size(o, 0, 14401), TR_ERR_INVALID_ARG);
  assert_int_equal(tr_plot_options_set_size(o, NAN, 0), TR_ERR_INVALID_ARG);
  assert_int_equal(tr_plot_options_set_size(o, -100, 0), TR_ERR_INVALID_ARG);
  assert_int_equal(tr_plot_options_set_dpi(o, 300), TR_OK);
  assert_int_equal(tr_plot_options_set_dpi(o, 35), TR_ERR_INVALID_ARG);
  assert_int_equal(tr_plot_options_set_dpi(o, NAN), TR_ERR_INVALID_ARG);
  assert_int_equal(tr_plot_options_set_dpi(o, 2401), TR_ERR_INVALID_ARG);
  assert_int_equal(tr_plot_options_set_title(o, "\xff"), TR_ERR_INVALID_ARG);
  assert_int_equal(tr_plot_options_set_title(o, "Mine"), TR_OK);
  assert_int_equal(tr_plot_options_set_title(o, NULL), TR_OK);
  assert_int_equal(tr_plot_options_set_dpi(NULL, 300), TR_ERR_INVALID_ARG);
  assert_int_equal(tr_plot_options_missing_glyphs(NULL), 0);
  tr_plot_options_free(o);
  tr_plot_options_free(NULL);
}

/* A chart of size/dpi options: PNG pixels follow --width and --dpi; the SVG page is the size asked. */
static void test_sized(void **state) {
  (void)state;
  if (!tr_plot_available())
    skip();
  tr_catalog *c = make_catalog(6);
  size_t n;
  const tr_agreement **a = all_of(c, &n);
  tr_plot_options *o = NULL;
  assert_int_equal(tr_plot_options_new(&o), TR_OK);
  assert_int_equal(tr_plot_options_set_size(o, 400, 0), TR_OK);
  assert_int_equal(tr_plot_options_set_dpi(o, 144), TR_OK);
  char *png = path_in_tmp("s.png"), *svg = path_in_tmp("s.svg"), *pdf = path_in_tmp("s.pdf");
  assert_int_equal(tr_plot_timeline_with(a, n, png, TR_PLOT_PNG, o), TR_OK);
  guint32 w, h;
  check_png(png, 800, 100, &w, &h);
  assert_int_equal(w, 800); /* 400 pt at 144 dpi */
  assert_int_equal(tr_plot_options_set_size(o, 500, 300), TR_OK);
  assert_int_equal(tr_plot_heatmap_with(a, n, svg, TR_PLOT_SVG, o), TR_OK);
  double sw, sh;
  check_svg(svg, &sw, &sh);
  assert_true(fabs(sw - 500) < 0.01 && fabs(sh - 300) < 0.01);
  assert_int_equal(tr_plot_heatmap_with(a, n, pdf, TR_PLOT_PDF, o), TR_OK);
  gchar *data = NULL;
  gsize len = 0;
  assert_true(g_file_get_contents(pdf, &data, &len, NULL));
  assert_true(len > 1000 && memcmp(data, "%PDF-", 5) == 0);
  g_free(data);
  /* too many pixels: refused, nothing written */
  char *huge = path_in_tmp("huge.png");
  assert_int_equal(tr_plot_options_set_size(o, 14400, 14400), TR_OK);
  assert_int_equal(tr_plot_options_set_dpi(o, 2400), TR_OK);
  assert_int_equal(tr_plot_heatmap_with(a, n, huge, TR_PLOT_PNG, o), TR_ERR_LIMIT);
  assert_false(g_file_test(huge, G_FILE_TEST_EXISTS));
  g_free(huge);
  tr_plot_options_free(o);
  g_free(png);
  g_free(svg);
  g_free(pdf);
  g_free(a);
  tr_catalog_free(c);
}

/* tr_plot_comparison draws every row of the comparison with both strengths and the relation. */
static void test_comparison(void **state) {
  (void)state;
  if (!tr_plot_available())
    skip();
  tr_catalog *c = make_catalog(8);
  tr_template *ta = NULL, *tb = NULL;
  tr_comparison *cmp = NULL;
  assert_int_equal(tr_template_resolve(c, "family=american+name=Ours", &ta), TR_OK);
  assert_int_equal(tr_template_resolve(c, "AGR_03", &tb), TR_OK);
  assert_int_equal(tr_comparison_new(ta, tb, &cmp), TR_OK);
  char *svg = path_in_tmp("cmp2.svg"), *pdf = path_in_tmp("cmp2.pdf");
  assert_int_equal(tr_plot_comparison(cmp, svg, TR_PLOT_SVG, NULL), TR_OK);
  double w, h;
  check_svg(svg, &w, &h);
  gchar *data = NULL;
  assert_true(g_file_get_contents(svg, &data, NULL, NULL));
  assert_non_null(strstr(data, "Ours vs AGR_03"));
  for (size_t i = 0; i < tr_comparison_count(cmp); i++) {
    char *want = g_strdup_printf(">%s</text>", tr_category_title(tr_comparison_category_at(cmp, i)));
    assert_non_null(strstr(data, want));
    g_free(want);
  }
  for (int r = 0; r < tr_relation_count(); r++) {
    char *want = g_strdup_printf(">%s</text>", tr_relation_id((tr_relation)r));
    if (tr_comparison_relation_count(cmp, (tr_relation)r) > 0)
      assert_non_null(strstr(data, want));
    else
      assert_null(strstr(data, want));
    g_free(want);
  }
  g_free(data);
  assert_int_equal(tr_plot_comparison(cmp, pdf, TR_PLOT_PDF, NULL), TR_OK);
  assert_int_equal(tr_plot_comparison(NULL, pdf, TR_PLOT_PDF, NULL), TR_ERR_INVALID_ARG);
  tr_comparison_free(cmp);
  tr_template_free(ta);
  tr_template_free(tb);
  g_free(svg);
  g_free(pdf);
  tr_catalog_free(c);
}

/* matrix_with: masked cells are counted in the legend; a character without a glyph is counted. */
static void test_matrix_overlap(void **state) {
  (void)state;
  if (!tr_plot_available())
    skip();
  const char *labels[3] = { "A", "B", "C\xee\x80\x80" }; /* U+E000: private use, no font has it */
  double sim[9] = { 1, 0.9, 0.2, 0.9, 1, 0.3, 0.2, 0.3, 1 };
  size_t ov[9] = { 35, 2, 20, 2, 35, 20, 20, 20, 35 };
  char *svg = path_in_tmp("ov.svg"), *png = path_in_tmp("ov.png");
  tr_plot_options *o = NULL;
  assert_int_equal(tr_plot_options_new(&o), TR_OK);
  assert_int_equal(tr_plot_matrix_with(labels, 3, sim, ov, 10, NULL, svg, TR_PLOT_SVG, o), TR_OK);
  gchar *data = NULL;
  assert_true(g_file_get_contents(svg, &data, NULL, NULL));
  assert_non_null(strstr(data, "fewer than 10 shared categories (2 cells)"));
  assert_null(strstr(data, ">0.90</text>")); /* A-B rests on 2 categories: no value shown */
  assert_non_null(strstr(data, ">0.30</text>"));
  g_free(data);
  assert_int_equal(tr_plot_matrix_with(labels, 3, sim, ov, 0, NULL, svg, TR_PLOT_SVG, NULL), TR_OK);
  assert_true(g_file_get_contents(svg, &data, NULL, NULL));
  assert_non_null(strstr(data, ">0.90</text>"));
  g_free(data);
  assert_int_equal(tr_plot_matrix_with(labels, 3, sim, NULL, 10, NULL, png, TR_PLOT_PNG, o), TR_OK);
  if (g_getenv("TR_PLOT_HAVE_PANGO"))
    assert_true(tr_plot_options_missing_glyphs(o) >= 1);
  tr_plot_options_free(o);
  g_free(svg);
  g_free(png);
}

/* tr_plot_corpus_agreements(): which agreements of a ToTA corpus a text-similarity matrix
 * chart shows (plot matrix --corpus --party --years). */
static void add_treaty(tr_corpus *c, int id, const char *date, const char *current, const char *original) {
  GString *x = g_string_new("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<treaty><meta>");
  g_string_append_printf(x, "<name>Treaty %d</name><treaty_identifier>%d</treaty_identifier>", id, id);
  if (date)
    g_string_append_printf(x, "<date_signed>%s</date_signed>", date);
  else
    g_string_append(x, "<date_signed/>");
  g_string_append_printf(x, "<parties_original><partyisocode n=\"1\">%s</partyisocode></parties_original>", original);
  g_string_append_printf(x, "<parties><partyisocode n=\"1\">%s</partyisocode>"
                            "<partyisocode n=\"2\">ZZZ</partyisocode></parties>", current);
  g_string_append_printf(x, "</meta><body><chapter name=\"One\" chapter_identifier=\"%d0\">"
                            "<article article_identifier=\"%d01\">Text of treaty %d.</article></chapter></body></treaty>",
                         id, id, id);
  char name[32];
  g_snprintf(name, sizeof name, "pta_%d.xml", id);
  assert_int_equal(tr_corpus_load_memory(c, name, x->str, x->len), TR_OK);
  g_string_free(x, TRUE);
}

static char *selected(const tr_corpus *c, const char *party, int from, int to) {
  size_t *v = NULL, n = 99;
  assert_int_equal(tr_plot_corpus_agreements(c, party, from, to, &v, &n), TR_OK);
  assert_non_null(v);
  GString *s = g_string_new(NULL);
  for (size_t i = 0; i < n; i++)
    g_string_append_printf(s, "%s%s", i ? "," : "", tr_corpus_agreement_get(c, v[i], TR_CORPUS_FIELD_TOTA_ID));
  tr_free(v);
  return g_string_free(s, FALSE);
}

static void test_corpus_agreements(void **state) {
  (void)state;
  tr_corpus *c = NULL;
  assert_int_equal(tr_corpus_new(&c), TR_OK);
  add_treaty(c, 1, "2001-05-03", "AAA", "AAA");
  add_treaty(c, 2, "2005-11-20", "BBB", "AAA"); /* AAA only among the original parties */
  add_treaty(c, 3, NULL, "AAA", "AAA");         /* no signing date */
  add_treaty(c, 4, "1999", "aaa", "aaa");       /* lower case, year only */
  size_t total = tr_corpus_agreement_count(c);
  assert_int_equal(total, 4);
  char *s = selected(c, NULL, 0, 0);
  char *all = NULL;
  { /* no condition: every agreement, in corpus order */
    GString *g = g_string_new(NULL);
    for (size_t i = 0; i < total; i++)
      g_string_append_printf(g, "%s%s", i ? "," : "", tr_corpus_agreement_get(c, i, TR_CORPUS_FIELD_TOTA_ID));
    all = g_string_free(g, FALSE);
  }
  assert_string_equal(s, all);
  g_free(s);
  g_free(all);
#define EXPECT(party, from, to, want)                                                                      \
  do {                                                                                                     \
    char *got = selected(c, party, from, to);                                                              \
    /* compare as sets of ids: the order is the corpus's */                                                \
    char **g = g_strsplit(got, ",", -1), **w = g_strsplit(want, ",", -1);                                  \
    assert_int_equal(g_strv_length(g), g_strv_length(w));                                                  \
    for (char **x = w; *x; x++)                                                                            \
      assert_true(g_strv_contains((const char *const *)g, *x));                                            \
    g_strfreev(g);                                                                                         \
    g_strfreev(w);                                                                                         \
    g_free(got);                                                                                           \
  } while (0)
  /* the current parties, any ASCII case; the undated agreement has no year to fail */
  EXPECT("AAA", 0, 0, "1,3,4");
  EXPECT("aAa", 0, 0, "1,3,4");
  EXPECT("ZZZ", 0, 0, "1,2,3,4");
  EXPECT("QQQ", 0, 0, "");
  /* years: inclusive, open ends; an undated agreement is left out once a year is asked */
  EXPECT(NULL, 2000, 0, "1,2");
  EXPECT(NULL, 0, 2001, "1,4");
  EXPECT(NULL, 2001, 2001, "1");
  EXPECT(NULL, 1999, 2005, "1,2,4");
  EXPECT("AAA", 1990, 2030, "1,4");
  EXPECT(NULL, 2006, 2010, "");
#undef EXPECT
  /* errors: nothing handed out */
  size_t *v = (size_t *)&v, n = 5;
  assert_int_equal(tr_plot_corpus_agreements(c, NULL, 2005, 2001, &v, &n), TR_ERR_INVALID_ARG);
  assert_null(v);
  assert_int_equal(n, 0);
  assert_int_equal(tr_plot_corpus_agreements(c, "", 0, 0, &v, &n), TR_ERR_INVALID_ARG);
  assert_int_equal(tr_plot_corpus_agreements(NULL, NULL, 0, 0, &v, &n), TR_ERR_INVALID_ARG);
  assert_int_equal(tr_plot_corpus_agreements(c, NULL, 0, 0, NULL, &n), TR_ERR_INVALID_ARG);
  assert_int_equal(tr_plot_corpus_agreements(c, NULL, 0, 0, &v, NULL), TR_ERR_INVALID_ARG);
  /* an empty corpus: an empty selection */
  tr_corpus *e = NULL;
  assert_int_equal(tr_corpus_new(&e), TR_OK);
  assert_int_equal(tr_plot_corpus_agreements(e, "AAA", 0, 0, &v, &n), TR_OK);
  assert_non_null(v);
  assert_int_equal(n, 0);
  tr_free(v);
  tr_corpus_free(e);
  tr_corpus_free(c);
}

int main(void) {
  const struct CMUnitTest tests[] = {
    cmocka_unit_test(test_cluster_order),
    cmocka_unit_test(test_format_from_path),
    cmocka_unit_test(test_unavailable_or_render),
    cmocka_unit_test(test_heatmap),
    cmocka_unit_test(test_compare),
    cmocka_unit_test(test_matrix),
    cmocka_unit_test(test_timeline),
    cmocka_unit_test(test_io_error),
    cmocka_unit_test(test_options),
    cmocka_unit_test(test_sized),
    cmocka_unit_test(test_comparison),
    cmocka_unit_test(test_matrix_overlap),
    cmocka_unit_test(test_corpus_agreements),
  };
  return cmocka_run_group_tests_name("plot", tests, setup, teardown);
}
