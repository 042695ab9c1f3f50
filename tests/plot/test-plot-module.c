/* The chart module (traderules-plot.so) missing or broken: every chart function fails
 * cleanly with TR_ERR_UNSUPPORTED naming the module's path and the loader's reason,
 * writes nothing, and tr_plot_available() says 0; argument errors still come first and
 * the functions that need no module still work.
 * Usage: test-plot-module missing   (TR_MODULE_DIR set by meson to a directory that does not exist)
 *        test-plot-module bogus     (the test puts a file that is not a shared object there) */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdio.h>
#include <string.h>
#include <cmocka.h>

#include <glib.h>
#include <glib/gstdio.h>
#include <traderules/traderules.h>

static const char *mode;
static char *tmpdir;     /* charts would go here (and, for "bogus", the module) */
static char *module_path; /* where the library must say it looked */
static const char *reason; /* a part of dlopen()'s message for this case */

static int setup(void **state) {
  (void)state;
  tmpdir = g_dir_make_tmp("trplotmod-XXXXXX", NULL);
  if (!tmpdir)
    return -1;
  if (strcmp(mode, "bogus") == 0) {
    /* set before the first chart function: the library reads it once */
    g_setenv("TR_MODULE_DIR", tmpdir, TRUE);
    module_path = g_build_filename(tmpdir, "traderules-plot.so", NULL);
    if (!g_file_set_contents(module_path, "not a shared object\n", -1, NULL))
      return -1;
    reason = "traderules-plot.so"; /* dlopen: "...: file too short" or "invalid ELF header" */
  } else {
    const char *dir = g_getenv("TR_MODULE_DIR");
    if (!dir || g_file_test(dir, G_FILE_TEST_EXISTS))
      return -1; /* meson must point it at a directory that does not exist */
    module_path = g_build_filename(dir, "traderules-plot.so", NULL);
    reason = "No such file or directory";
  }
  return 0;
}

static int teardown(void **state) {
  (void)state;
  if (strcmp(mode, "bogus") == 0)
    g_unlink(module_path);
  g_rmdir(tmpdir); /* fails (and the test sees a leftover) only if a chart was written */
  g_free(tmpdir);
  g_free(module_path);
  return 0;
}

static void assert_unsupported(int rc, const char *fn, const char *chart) {
  assert_int_equal(rc, TR_ERR_UNSUPPORTED);
  assert_int_equal(tr_error_code(), TR_ERR_UNSUPPORTED);
  const char *msg = tr_error_message();
  assert_non_null(msg);
  print_message("%s\n", msg);
  assert_non_null(strstr(msg, fn));
  assert_non_null(strstr(msg, module_path));
  assert_non_null(strstr(msg, reason));
  assert_false(g_file_test(chart, G_FILE_TEST_EXISTS));
}

static void test_available_says_no(void **state) {
  (void)state;
  assert_int_equal(tr_plot_available(), 0);
  assert_int_equal(tr_error_code(), TR_ERR_UNSUPPORTED); /* and why */
  assert_non_null(strstr(tr_error_message(), module_path));
  tr_error_clear();
  assert_int_equal(tr_plot_available(), 0); /* asked again: same answer */
}

static void test_charts_fail_cleanly(void **state) {
  (void)state;
  tr_catalog *c = NULL;
  assert_int_equal(tr_catalog_new(&c), TR_OK);
  tr_agreement *a = NULL;
  assert_int_equal(tr_agreement_new("AGR_1", "Test agreement", &a), TR_OK);
  assert_int_equal(tr_catalog_add_agreement(c, a), TR_OK);
  const tr_agreement *ags[1] = { tr_catalog_agreement_at(c, 0) };
  char *svg = g_build_filename(tmpdir, "chart.svg", NULL);
  char *png = g_build_filename(tmpdir, "chart.png", NULL);
  tr_plot_options *o = NULL;
  assert_int_equal(tr_plot_options_new(&o), TR_OK);

  assert_unsupported(tr_plot_heatmap(ags, 1, svg, TR_PLOT_SVG), "tr_plot_heatmap", svg);
  assert_unsupported(tr_plot_heatmap_with(ags, 1, png, TR_PLOT_PNG, o), "tr_plot_heatmap", png);
  assert_unsupported(tr_plot_timeline(ags, 1, svg, TR_PLOT_SVG), "tr_plot_timeline", svg);
  assert_unsupported(tr_plot_timeline_with(ags, 1, svg, TR_PLOT_PDF, o), "tr_plot_timeline", svg);
  assert_unsupported(tr_plot_compare(ags, 1, "A", ags, 1, "B", svg, TR_PLOT_SVG), "tr_plot_compare", svg);
  const char *labels[2] = { "x", "y" };
  const double sim[4] = { 1, 0.5, 0.5, 1 };
  assert_unsupported(tr_plot_matrix(labels, 2, sim, "t", svg, TR_PLOT_SVG), "tr_plot_matrix", svg);
  assert_unsupported(tr_plot_matrix_with(labels, 2, sim, NULL, 0, NULL, png, TR_PLOT_PNG, o),
                     "tr_plot_matrix", png);
  tr_template *ta = NULL, *tb = NULL;
  tr_comparison *cmp = NULL;
  assert_int_equal(tr_template_new_from_agreement(ags[0], &ta), TR_OK);
  assert_int_equal(tr_template_new_from_agreement(ags[0], &tb), TR_OK);
  assert_int_equal(tr_comparison_new(ta, tb, &cmp), TR_OK);
  assert_unsupported(tr_plot_comparison(cmp, svg, TR_PLOT_SVG, o), "tr_plot_comparison", svg);

  /* argument errors come before the module, as in a build without charts */
  assert_int_equal(tr_plot_heatmap(ags, 1, NULL, TR_PLOT_SVG), TR_ERR_INVALID_ARG);
  assert_int_equal(tr_plot_matrix(labels, 2, sim, "t", svg, (tr_plot_format)42), TR_ERR_INVALID_ARG);
  /* what needs no module still works */
  size_t order[2];
  assert_int_equal(tr_plot_cluster_order(sim, 2, order), TR_OK);
  tr_plot_format f;
  assert_int_equal(tr_plot_format_from_path("a.PDF", &f), TR_OK);
  assert_int_equal(f, TR_PLOT_PDF);
  assert_int_equal(tr_plot_options_set_dpi(o, 300), TR_OK);
  assert_int_equal(tr_plot_options_missing_glyphs(o), 0);

  tr_comparison_free(cmp);
  tr_template_free(ta);
  tr_template_free(tb);
  tr_plot_options_free(o);
  g_free(svg);
  g_free(png);
  tr_catalog_free(c);
}

int main(int argc, char **argv) {
  mode = argc > 1 ? argv[1] : "missing";
  const struct CMUnitTest tests[] = {
    cmocka_unit_test(test_available_says_no),
    cmocka_unit_test(test_charts_fail_cleanly),
  };
  return cmocka_run_group_tests(tests, setup, teardown);
}
