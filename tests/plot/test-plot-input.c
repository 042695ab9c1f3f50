/* Tests for the chart inputs that moved from the command into the library (issue 13):
 * tr_plot_matrix_input_read()/_read_file() (the square CSV of 'plot matrix --input')
 * and tr_plot_corpus_label() (a corpus agreement's axis label). No cairo needed. */
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

static tr_plot_matrix_input *read_ok(const char *csv) {
  tr_plot_matrix_input *m = NULL;
  if (tr_plot_matrix_input_read(csv, strlen(csv), "m.csv", &m) != TR_OK)
    fail_msg("refused: %s", tr_error_message());
  return m;
}

/* Reading @csv fails with @code, and the message holds @where and @what. */
static void read_fails(const char *csv, int code, long line, const char *want) {
  tr_plot_matrix_input *m = (tr_plot_matrix_input *)(void *)&m;
  int rc = tr_plot_matrix_input_read(csv, strlen(csv), "m.csv", &m);
  if (rc != code)
    fail_msg("'%s': got %s, expected %s (%s)", csv, tr_status_id(rc), tr_status_id(code), tr_error_message());
  assert_null(m);
  assert_string_equal(tr_error_file(), "m.csv");
  assert_int_equal(tr_error_line(), line);
  if (!strstr(tr_error_message(), want))
    fail_msg("'%s': message '%s' lacks '%s'", csv, tr_error_message(), want);
}

static void test_read(void **state) {
  (void)state;
  /* R's write.csv() layout, CRLF, blank lines, NA and empty values, quoting */
  tr_plot_matrix_input *m = read_ok("\"\",\"A, first\",B,\"C \"\"q\"\"\"\r\n"
                                    "\"A, first\",1,0.5,NA\r\n\r\n"
                                    "B,0.5, 1 ,\r\n"
                                    "\"C \"\"q\"\"\",NA,,1e0\r\n\r\n");
  assert_int_equal(tr_plot_matrix_input_size(m), 3);
  assert_string_equal(tr_plot_matrix_input_label_at(m, 0), "A, first");
  assert_string_equal(tr_plot_matrix_input_label_at(m, 1), "B");
  assert_string_equal(tr_plot_matrix_input_label_at(m, 2), "C \"q\"");
  assert_null(tr_plot_matrix_input_label_at(m, 3));
  const char *const *labels = tr_plot_matrix_input_labels(m);
  assert_string_equal(labels[1], "B");
  assert_null(labels[3]);
  const double *v = tr_plot_matrix_input_values(m);
  const double want[9] = { 1, 0.5, NAN, 0.5, 1, NAN, NAN, NAN, 1 };
  for (int i = 0; i < 9; i++) {
    if (isnan(want[i]))
      assert_true(isnan(v[i]));
    else
      assert_true(v[i] == want[i]);
  }
  tr_plot_matrix_input_free(m);
  /* the text ends at a NUL byte; @length need not include a terminator */
  const char with_nul[] = ",A\nA,0.25\n\0garbage";
  assert_int_equal(tr_plot_matrix_input_read(with_nul, sizeof with_nul - 1, NULL, &m), TR_OK);
  assert_int_equal(tr_plot_matrix_input_size(m), 1);
  assert_true(tr_plot_matrix_input_values(m)[0] == 0.25);
  tr_plot_matrix_input_free(m);
  const char *no_term = ",A\nA,0.75XXXX";
  assert_int_equal(tr_plot_matrix_input_read(no_term, strlen(no_term) - 4, NULL, &m), TR_OK);
  assert_true(tr_plot_matrix_input_values(m)[0] == 0.75);
  tr_plot_matrix_input_free(m);
}

static void test_errors(void **state) {
  (void)state;
  read_fails(",A,B\nA,1\n", TR_ERR_PARSE, 2, "m.csv:2: expected 3 fields, found 2");
  read_fails(",A,B\nA,1,nan\nB,0.5,1\n", TR_ERR_PARSE, 2, "m.csv:2: field 3: not a number: 'nan'");
  read_fails(",A,B\nA,1,0.5\nB,inf,1\n", TR_ERR_PARSE, 3, "field 2: not a number: 'inf'");
  read_fails(",A,B\nA,1,0.5x\nB,0.5,1\n", TR_ERR_PARSE, 2, "field 3: not a number: '0.5x'");
  read_fails(",\"A,B\nA,1\n", TR_ERR_PARSE, 1, "m.csv:1: a quoted field does not close properly");
  read_fails(",A\n\"A\"x,1\n", TR_ERR_PARSE, 2, "a quoted field does not close properly");
  read_fails("label\n", TR_ERR_PARSE, 1, "the header names no item");
  read_fails(",A,B\nA,1,0.5\n", TR_ERR_PARSE, 0, "1 rows for 2 columns; the matrix must be square");
  /* no line at all: no item (the command then says that nothing was selected) */
  tr_plot_matrix_input *m = NULL;
  assert_int_equal(tr_plot_matrix_input_read("\n\n", 2, "m.csv", &m), TR_OK);
  assert_int_equal(tr_plot_matrix_input_size(m), 0);
  assert_null(tr_plot_matrix_input_labels(m)[0]);
  tr_plot_matrix_input_free(m);
  m = (tr_plot_matrix_input *)(void *)&m;
  assert_int_equal(tr_plot_matrix_input_read(NULL, 0, "x", &m), TR_ERR_INVALID_ARG);
  assert_null(m);
  assert_int_equal(tr_plot_matrix_input_read(",A\nA,1\n", 7, "x", NULL), TR_ERR_INVALID_ARG);
  assert_int_equal(tr_plot_matrix_input_read(",A\nA,1\n", TR_INPUT_LIMIT + 1, "x", &m), TR_ERR_LIMIT);
  assert_null(m);
  assert_int_equal(tr_plot_matrix_input_read_file(NULL, &m), TR_ERR_INVALID_ARG);
  assert_int_equal(tr_plot_matrix_input_size(NULL), 0);
  assert_null(tr_plot_matrix_input_labels(NULL));
  assert_null(tr_plot_matrix_input_values(NULL));
  assert_null(tr_plot_matrix_input_label_at(NULL, 0));
  tr_plot_matrix_input_free(NULL);
}

static void test_read_file(void **state) {
  (void)state;
  tr_plot_matrix_input *m = NULL;
  char *path = g_build_filename(TR_FIXTURES_DIR, "tools", "matrix-input.csv", NULL);
  assert_int_equal(tr_plot_matrix_input_read_file(path, &m), TR_OK);
  assert_int_equal(tr_plot_matrix_input_size(m), 4);
  assert_string_equal(tr_plot_matrix_input_label_at(m, 3), "Delta");
  tr_plot_matrix_input_free(m);
  g_free(path);
  /* the library's reader: a missing file and a folder are I/O errors naming the path */
  m = (tr_plot_matrix_input *)(void *)&m;
  assert_int_equal(tr_plot_matrix_input_read_file("/nonexistent/m.csv", &m), TR_ERR_IO);
  assert_null(m);
  assert_non_null(strstr(tr_error_message(), "/nonexistent/m.csv"));
  assert_int_equal(tr_plot_matrix_input_read_file(TR_FIXTURES_DIR, &m), TR_ERR_IO);
  /* a parse error names the file */
  char *dir = g_dir_make_tmp("tr-plot-input-XXXXXX", NULL);
  assert_non_null(dir);
  char *bad = g_build_filename(dir, "bad.csv", NULL);
  assert_true(g_file_set_contents(bad, ",A,B\nA,1,x\nB,1,1\n", -1, NULL));
  assert_int_equal(tr_plot_matrix_input_read_file(bad, &m), TR_ERR_PARSE);
  assert_string_equal(tr_error_file(), bad);
  assert_int_equal(tr_error_line(), 2);
  g_unlink(bad);
  g_rmdir(dir);
  g_free(bad);
  g_free(dir);
}

static void test_corpus_label(void **state) {
  (void)state;
  tr_corpus *c = NULL;
  char *path = g_build_filename(TR_FIXTURES_DIR, "tools", "long-name", NULL);
  assert_int_equal(tr_corpus_new(&c), TR_OK);
  assert_int_equal(tr_corpus_load(c, path, TR_CORPUS_STOP_ON_ERROR, NULL), TR_OK);
  g_free(path);
  gboolean saw_long = FALSE, saw_short = FALSE;
  for (size_t i = 0; i < tr_corpus_agreement_count(c); i++) {
    char *label = NULL;
    assert_int_equal(tr_plot_corpus_label(c, i, &label), TR_OK);
    const char *id = tr_corpus_agreement_get(c, i, TR_CORPUS_FIELD_TOTA_ID);
    char *full = g_strdup_printf("pta_%s %s", id, tr_corpus_agreement_get(c, i, TR_CORPUS_FIELD_NAME));
    if (g_utf8_strlen(full, -1) > 40) {
      /* 39 characters of the full label (a multi-byte one is never split), then "…" */
      assert_int_equal(g_utf8_strlen(label, -1), 40);
      assert_true(g_utf8_validate(label, -1, NULL));
      assert_true(g_str_has_suffix(label, "…"));
      assert_int_equal(strncmp(label, full, strlen(label) - strlen("…")), 0);
      assert_string_equal(label, "pta_7 Accord de libre-échange entre l’U…");
      saw_long = TRUE;
    } else {
      assert_string_equal(label, full);
      saw_short = TRUE;
    }
    g_free(full);
    tr_free(label);
  }
  assert_true(saw_long && saw_short);
  char *label = (char *)&label;
  assert_int_equal(tr_plot_corpus_label(c, tr_corpus_agreement_count(c), &label), TR_ERR_INVALID_ARG);
  assert_null(label);
  assert_int_equal(tr_plot_corpus_label(NULL, 0, &label), TR_ERR_INVALID_ARG);
  assert_int_equal(tr_plot_corpus_label(c, 0, NULL), TR_ERR_INVALID_ARG);
  tr_corpus_free(c);
}

int main(void) {
  const struct CMUnitTest tests[] = {
    cmocka_unit_test(test_read),
    cmocka_unit_test(test_errors),
    cmocka_unit_test(test_read_file),
    cmocka_unit_test(test_corpus_label),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
