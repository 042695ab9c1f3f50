/* White-box tests of the CSV writer's row callback (tri_csv_rows, lib/csv/csv-private.h)
 * and of the Stata .dta table export built on it (issue 16: the .dta writer took the
 * rows from the CSV text through a second CSV lexer; now from the callback).
 *  - the rows, quoted as RFC 4180, are tr_csv_write()'s text byte for byte (long and
 *    wide, a catalog with quotes, commas, line breaks, non-ASCII text, empty cells);
 *  - a non-zero return stops the walk and is returned; bad arguments are refused;
 *  - the .dta file read back with ReadStat's parser holds the same cells. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include <glib.h>
#include <glib/gstdio.h>
#include <traderules/traderules.h>

#include "csv/csv-private.h"

#if defined(__has_include)
#if __has_include(<readstat.h>)
#include <readstat.h>
#define HAVE_READSTAT_HEADER 1
#endif
#endif

static tr_catalog *tricky_catalog(void) {
  tr_catalog *c = NULL;
  assert_int_equal(tr_catalog_new(&c), TR_OK);
  tr_agreement *a = NULL;
  assert_int_equal(tr_agreement_new("A_1", "Name \"quoted\", with comma", &a), TR_OK);
  assert_int_equal(tr_agreement_set_date_signed(a, "2015-03"), TR_OK);
  assert_int_equal(tr_agreement_add_party(a, "USA"), TR_OK);
  assert_int_equal(tr_agreement_add_party(a, "KOR"), TR_OK);
  assert_int_equal(tr_agreement_set_tota_id(a, 159), TR_OK);
  assert_int_equal(tr_agreement_set_note(a, "line one\r\nline two\nZo\xC3\xAB \xE2\x80\x9C" "curly\xE2\x80\x9D"),
                   TR_OK);
  tr_provision *p = NULL;
  assert_int_equal(tr_provision_new(TR_CATEGORY_SOURCE_CODE, TR_STRENGTH_HARD, &p), TR_OK);
  assert_int_equal(tr_provision_set_citation(p, "Art. 1, para \"2\""), TR_OK);
  assert_int_equal(tr_provision_set_dispute_settlement(p, TR_DS_YES), TR_OK);
  assert_int_equal(tr_agreement_add_provision(a, p), TR_OK);
  assert_int_equal(tr_provision_new(TR_CATEGORY_CROSS_BORDER_DATA_FLOWS, TR_STRENGTH_UNKNOWN, &p),
                   TR_OK);
  assert_int_equal(tr_agreement_add_provision(a, p), TR_OK);
  assert_int_equal(tr_catalog_add_agreement(c, a), TR_OK);
  tr_agreement *b = NULL; /* no provisions: one row with empty cells */
  assert_int_equal(tr_agreement_new("B", "\"", &b), TR_OK);
  assert_int_equal(tr_catalog_add_agreement(c, b), TR_OK);
  return c;
}

/* RFC 4180 quoting as documented in docs/csv-format.md (quote when , " CR or LF). */
static void quote_into(GString *s, const char *v) {
  if (!v)
    return;
  if (!strpbrk(v, ",\"\r\n")) {
    g_string_append(s, v);
    return;
  }
  g_string_append_c(s, '"');
  for (const char *q = v; *q; q++) {
    if (*q == '"')
      g_string_append_c(s, '"');
    g_string_append_c(s, *q);
  }
  g_string_append_c(s, '"');
}

typedef struct {
  GString *text;
  GPtrArray *rows; /* of GPtrArray of char* ("" for NULL) */
  size_t calls;
  size_t stop_at; /* return 7 at this call (1-based); 0 never */
} collect;

static int collect_row(const char *const *cells, size_t n, void *user) {
  collect *c = user;
  c->calls++;
  if (c->stop_at && c->calls == c->stop_at)
    return 7;
  GPtrArray *row = g_ptr_array_new_with_free_func(g_free);
  for (size_t i = 0; i < n; i++) {
    if (i)
      g_string_append_c(c->text, ',');
    quote_into(c->text, cells[i]);
    g_ptr_array_add(row, g_strdup(cells[i] ? cells[i] : ""));
  }
  g_string_append(c->text, "\r\n");
  g_ptr_array_add(c->rows, row);
  return 0;
}

static void collect_init(collect *c) {
  memset(c, 0, sizeof *c);
  c->text = g_string_new(NULL);
  c->rows = g_ptr_array_new_with_free_func((GDestroyNotify)g_ptr_array_unref);
}

static void collect_clear(collect *c) {
  g_string_free(c->text, TRUE);
  g_ptr_array_unref(c->rows);
}

static void check_same_as_text(const tr_catalog *cat, tr_csv_format format) {
  collect c;
  collect_init(&c);
  assert_int_equal(tri_csv_rows(cat, NULL, format, collect_row, &c), TR_OK);
  char *text = NULL;
  assert_int_equal(tr_csv_write(cat, NULL, format, &text), TR_OK);
  assert_string_equal(c.text->str, text);
  assert_true(c.rows->len >= 2);
  tr_free(text);
  collect_clear(&c);
}

static void test_rows_are_the_csv_text(void **state) {
  (void)state;
  tr_catalog *t = tricky_catalog();
  check_same_as_text(t, TR_CSV_LONG);
  check_same_as_text(t, TR_CSV_WIDE);
  tr_catalog_free(t);
  tr_catalog *d = NULL;
  assert_int_equal(tr_catalog_new_default(&d), TR_OK);
  check_same_as_text(d, TR_CSV_LONG);
  check_same_as_text(d, TR_CSV_WIDE);
  /* a selection, as tr_csv_write() takes it */
  tr_filter *f = NULL;
  assert_int_equal(tr_filter_new(&f), TR_OK);
  assert_int_equal(tr_filter_set_family(f, TR_FAMILY_EUROPEAN), TR_OK);
  tr_agreement_list *l = NULL;
  assert_int_equal(tr_catalog_select(d, f, &l), TR_OK);
  collect c;
  collect_init(&c);
  assert_int_equal(tri_csv_rows(NULL, l, TR_CSV_WIDE, collect_row, &c), TR_OK);
  assert_int_equal(c.rows->len, tr_agreement_list_count(l) + 1);
  char *text = NULL;
  assert_int_equal(tr_csv_write(NULL, l, TR_CSV_WIDE, &text), TR_OK);
  assert_string_equal(c.text->str, text);
  tr_free(text);
  collect_clear(&c);
  tr_agreement_list_free(l);
  tr_filter_free(f);
  tr_catalog_free(d);
}

static void test_stop_and_errors(void **state) {
  (void)state;
  tr_catalog *t = tricky_catalog();
  collect c;
  collect_init(&c);
  c.stop_at = 2;
  assert_int_equal(tri_csv_rows(t, NULL, TR_CSV_LONG, collect_row, &c), 7);
  assert_int_equal(c.calls, 2); /* nothing after the stop */
  assert_int_equal(c.rows->len, 1);
  collect_clear(&c);
  assert_int_equal(tri_csv_rows(t, NULL, TR_CSV_LONG, NULL, NULL), TR_ERR_INVALID_ARG);
  assert_int_equal(tri_csv_rows(NULL, NULL, TR_CSV_LONG, collect_row, &c), TR_ERR_INVALID_ARG);
  assert_int_equal(tri_csv_rows(t, NULL, (tr_csv_format)99, collect_row, &c), TR_ERR_INVALID_ARG);
  tr_catalog_free(t);
}

#ifdef HAVE_READSTAT_HEADER
typedef struct {
  GPtrArray *names;
  GPtrArray *rows; /* of GPtrArray of char* */
} dta_read;

static int rd_variable(int index, readstat_variable_t *v, const char *val_labels, void *ctx) {
  (void)index;
  (void)val_labels;
  dta_read *r = ctx;
  g_ptr_array_add(r->names, g_strdup(readstat_variable_get_name(v)));
  return READSTAT_HANDLER_OK;
}

static int rd_value(int obs, readstat_variable_t *v, readstat_value_t value, void *ctx) {
  dta_read *r = ctx;
  while ((int)r->rows->len <= obs)
    g_ptr_array_add(r->rows, g_ptr_array_new_with_free_func(g_free));
  GPtrArray *row = g_ptr_array_index(r->rows, obs);
  assert_int_equal(readstat_variable_get_index(v), row->len);
  char *s;
  if (readstat_value_is_system_missing(value))
    s = g_strdup("");
  else if (readstat_value_type(value) == READSTAT_TYPE_STRING)
    s = g_strdup(readstat_string_value(value) ? readstat_string_value(value) : "");
  else
    s = g_strdup_printf("%d", (int)readstat_int32_value(value));
  g_ptr_array_add(row, s);
  return READSTAT_HANDLER_OK;
}

static void check_dta(const tr_catalog *cat, tr_csv_format format) {
  char *dir = g_dir_make_tmp("tr-csv-rows-XXXXXX", NULL);
  assert_non_null(dir);
  char *path = g_build_filename(dir, "t.dta", NULL);
  int rc = tr_stata_write_file(cat, NULL, format, path);
  if (rc == TR_ERR_UNSUPPORTED) {
    g_free(path);
    g_rmdir(dir);
    g_free(dir);
    skip();
  }
  assert_int_equal(rc, TR_OK);
  dta_read r = { g_ptr_array_new_with_free_func(g_free),
                 g_ptr_array_new_with_free_func((GDestroyNotify)g_ptr_array_unref) };
  readstat_parser_t *ps = readstat_parser_init();
  readstat_set_variable_handler(ps, rd_variable);
  readstat_set_value_handler(ps, rd_value);
  assert_int_equal(readstat_parse_dta(ps, path, &r), READSTAT_OK);
  readstat_parser_free(ps);
  collect c;
  collect_init(&c);
  assert_int_equal(tri_csv_rows(cat, NULL, format, collect_row, &c), TR_OK);
  GPtrArray *header = g_ptr_array_index(c.rows, 0);
  assert_int_equal(r.names->len, header->len);
  for (guint k = 0; k < header->len; k++)
    assert_string_equal(g_ptr_array_index(r.names, k), g_ptr_array_index(header, k));
  assert_int_equal(r.rows->len + 1, c.rows->len);
  for (guint i = 0; i < r.rows->len; i++) {
    GPtrArray *got = g_ptr_array_index(r.rows, i), *want = g_ptr_array_index(c.rows, i + 1);
    assert_int_equal(got->len, want->len);
    for (guint k = 0; k < want->len; k++)
      assert_string_equal(g_ptr_array_index(got, k), g_ptr_array_index(want, k));
  }
  collect_clear(&c);
  g_ptr_array_unref(r.names);
  g_ptr_array_unref(r.rows);
  g_unlink(path);
  g_rmdir(dir);
  g_free(path);
  g_free(dir);
}

static void test_dta_holds_the_rows(void **state) {
  (void)state;
  tr_catalog *t = tricky_catalog();
  check_dta(t, TR_CSV_LONG);
  check_dta(t, TR_CSV_WIDE);
  tr_catalog_free(t);
}
#else
static void test_dta_holds_the_rows(void **state) {
  (void)state;
  skip();
}
#endif

int main(void) {
  const struct CMUnitTest tests[] = {
    cmocka_unit_test(test_rows_are_the_csv_text),
    cmocka_unit_test(test_stop_and_errors),
    cmocka_unit_test(test_dta_holds_the_rows),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
