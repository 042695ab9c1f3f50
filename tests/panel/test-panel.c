/* Tests for country-pair-year panels: bloc membership by date, application
 * records, pairing, measures, unknowns, options, writers, and the known cases
 * of the embedded data (KORUS, EU-Korea, the UK's withdrawal, EFTA's Iceland). */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/stat.h>
#include <cmocka.h>

#include <glib.h>
#include <glib/gstdio.h>
#include <traderules/traderules.h>

typedef struct {
  GHashTable *rows; /* "I,J,YEAR" -> "n|agreements|undated|v1:p1|v2:p2..." */
  GPtrArray *order; /* keys in callback order */
  int stop_after;   /* >0: return 42 after that many rows */
} collected;

static int collect(const tr_panel_row *row, void *user) {
  collected *c = user;
  char *key = g_strdup_printf("%s,%s,%d", tr_panel_row_iso3_i(row), tr_panel_row_iso3_j(row),
                              tr_panel_row_year(row));
  GString *v = g_string_new(NULL);
  g_string_append_printf(v, "%zu|%s|%s", tr_panel_row_agreement_count(row), tr_panel_row_agreements(row),
                         tr_panel_row_undated(row));
  for (size_t k = 0; k < tr_panel_row_category_count(row); k++)
    g_string_append_printf(v, "|%s=%d:%s", tr_category_id(tr_panel_row_category(row, k)),
                           tr_panel_row_value(row, k), tr_panel_row_providers(row, k));
  g_ptr_array_add(c->order, g_strdup(key));
  g_hash_table_replace(c->rows, key, g_string_free(v, FALSE));
  if (c->stop_after > 0 && (int)c->order->len >= c->stop_after)
    return 42;
  return 0;
}

static void collected_init(collected *c) {
  c->rows = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, g_free);
  c->order = g_ptr_array_new_with_free_func(g_free);
  c->stop_after = 0;
}

static void collected_clear(collected *c) {
  g_hash_table_unref(c->rows);
  g_ptr_array_unref(c->order);
}

static const char *row_of(collected *c, const char *key) {
  return g_hash_table_lookup(c->rows, key);
}

static tr_catalog *fixture_catalog(void) {
  tr_catalog *cat = NULL;
  assert_int_equal(tr_catalog_new(&cat), TR_OK);
  assert_int_equal(tr_catalog_load_file(cat, TR_FIXTURES_DIR "/panel/catalog.json"), TR_OK);
  return cat;
}

static tr_membership *fixture_membership(void) {
  tr_membership *m = NULL;
  assert_int_equal(tr_membership_new(&m), TR_OK);
  assert_int_equal(tr_membership_load_file(m, TR_FIXTURES_DIR "/panel/membership.json"), TR_OK);
  return m;
}

static void run(const tr_catalog *cat, const tr_membership *m, const tr_panel_options *o, collected *c) {
  collected_init(c);
  assert_int_equal(tr_panel_run(cat, m, o, collect, c), TR_OK);
}

static tr_panel_options *options(int first, int last, tr_panel_measure measure, const tr_category *cats,
                                 size_t ncat) {
  tr_panel_options *o = NULL;
  assert_int_equal(tr_panel_options_new(&o), TR_OK);
  assert_int_equal(tr_panel_options_set_years(o, first, last), TR_OK);
  assert_int_equal(tr_panel_options_set_measure(o, measure), TR_OK);
  assert_int_equal(tr_panel_options_set_categories(o, cats, ncat), TR_OK);
  return o;
}

static const tr_category three[] = { TR_CATEGORY_CUSTOMS_DUTIES_ELECTRONIC_TRANSMISSIONS,
                                     TR_CATEGORY_CROSS_BORDER_DATA_FLOWS, TR_CATEGORY_SOURCE_CODE };

static void test_membership_queries(void **state) {
  (void)state;
  tr_membership *m = fixture_membership();
  int out = 7;
  assert_int_equal(tr_membership_bloc_count(m), 2);
  assert_string_equal(tr_membership_bloc_at(m, 1), "EFTA");
  assert_null(tr_membership_bloc_at(m, 2));
  assert_true(tr_membership_is_bloc(m, "EU"));
  assert_false(tr_membership_is_bloc(m, "AUT"));
  assert_int_equal(tr_membership_is_member(m, "EU", "GBR", "2020-12-31", &out), TR_OK);
  assert_int_equal(out, 1);
  assert_int_equal(tr_membership_is_member(m, "EU", "GBR", "2021-01-01", &out), TR_OK);
  assert_int_equal(out, 0);
  assert_int_equal(tr_membership_is_member(m, "EU", "HRV", "2013-06-30", &out), TR_OK);
  assert_int_equal(out, 0);
  assert_int_equal(tr_membership_is_member(m, "EU", "XKX", "2020-01-01", &out), TR_OK);
  assert_int_equal(out, -1); /* unknown, not guessed */
  assert_int_equal(tr_membership_is_member(m, "EFTA", "LIE", "1991-06-01", &out), TR_OK);
  assert_int_equal(out, -1); /* within a year-precision joining date */
  assert_int_equal(tr_membership_is_member(m, "EFTA", "LIE", "1992-01-01", &out), TR_OK);
  assert_int_equal(out, 1);
  assert_int_equal(tr_membership_is_member(m, "EFTA", "FIN", "1995-01-01", &out), TR_OK);
  assert_int_equal(out, 0);
  assert_int_equal(tr_membership_is_member(m, "NOPE", "AUT", "2000-01-01", &out), TR_ERR_NOT_FOUND);
  assert_int_equal(tr_membership_is_member(m, "EU", "AUT", "2000-02-30", &out), TR_ERR_INVALID_ARG);
  assert_int_equal(tr_membership_is_member(m, "EU", "AUT", "2000", &out), TR_ERR_INVALID_ARG);
  char **v = NULL;
  assert_int_equal(tr_membership_members(m, "EFTA", "1990-01-01", &v), TR_OK);
  assert_int_equal(g_strv_length(v), 3);
  assert_string_equal(v[0], "FIN");
  assert_string_equal(v[1], "ISL");
  assert_string_equal(v[2], "NOR");
  tr_strv_free(v);
  tr_membership_free(m);
}

static void test_membership_errors(void **state) {
  (void)state;
  tr_membership *m = fixture_membership();
  static const struct {
    const char *json, *expect;
    int code;
  } cases[] = {
    { "{\"format\":\"traderules-membership\",\"version\":1,\"blocs\":[{\"id\":\"EU\",\"name\":\"x\",\"members\":[]}]}",
      "bloc 'EU' defined twice", TR_ERR_DUPLICATE },
    { "{\"format\":\"traderules-membership\",\"version\":1,\"blocs\":[{\"id\":\"X1\",\"name\":\"x\",\"members\":"
      "[{\"state\":\"AUT\",\"from\":\"2001-02-29\",\"source\":\"s\"}]}]}",
      "field 'blocs[0].members[0]': member 'from': invalid date '2001-02-29'", TR_ERR_SCHEMA },
    { "{\"format\":\"traderules-membership\",\"version\":1,\"blocs\":[{\"id\":\"X1\",\"name\":\"x\",\"members\":"
      "[{\"state\":\"Austria\",\"from\":\"2001\",\"source\":\"s\"}]}]}",
      "is not an ISO 3166-1 alpha-3 code", TR_ERR_SCHEMA },
    { "{\"format\":\"traderules-membership\",\"version\":1,\"blocs\":[{\"id\":\"X1\",\"name\":\"x\",\"members\":"
      "[{\"state\":\"AUT\",\"from\":\"2001\"}]}]}",
      "missing member 'source'", TR_ERR_SCHEMA },
    { "{\"format\":\"traderules-membership\",\"version\":1,\"application\":[{\"agreement\":\"F_PERPARTY\","
      "\"party\":\"USA\",\"from\":\"2006\",\"kind\":\"in_force\",\"source\":\"s\"}]}",
      "a second record for agreement 'F_PERPARTY' and party 'USA'", TR_ERR_DUPLICATE },
    { "{\"format\":\"traderules-membership\",\"version\":1,\"application\":[{\"agreement\":\"Z\","
      "\"party\":\"*\",\"from\":\"2006\",\"to\":\"2005\",\"kind\":\"in_force\",\"source\":\"s\"}]}",
      "'to' is before 'from'", TR_ERR_SCHEMA },
    { "{\"format\":\"traderules-membership\",\"version\":1,\"blocs\":[],\"extra\":1}", "unknown member 'extra'",
      TR_ERR_SCHEMA },
    { "{\"format\":\"traderules-membership\",\"version\":2}", "member 'version' must be 1", TR_ERR_SCHEMA },
    { "{\"format\":", "", TR_ERR_PARSE },
  };
  for (size_t i = 0; i < G_N_ELEMENTS(cases); i++) {
    int rc = tr_membership_load_data(m, cases[i].json, strlen(cases[i].json), "case.json");
    assert_int_equal(rc, cases[i].code);
    assert_non_null(strstr(tr_error_message(), "case.json"));
    assert_non_null(strstr(tr_error_message(), cases[i].expect));
    /* nothing was added */
    assert_int_equal(tr_membership_bloc_count(m), 2);
  }
  assert_int_equal(tr_membership_load_file(m, TR_FIXTURES_DIR "/panel/no-such-file.json"), TR_ERR_IO);
  tr_membership_free(m);
}

static void test_bloc_expansion_and_dates(void **state) {
  (void)state;
  tr_catalog *cat = fixture_catalog();
  tr_membership *m = fixture_membership();
  tr_panel_options *o = options(2010, 2022, TR_PANEL_STRENGTH, three, 3);
  collected c;
  run(cat, m, o, &c);
  /* EU bloc: in force from 2011-07-01 (any day of the year counts) */
  assert_null(row_of(&c, "AUT,AUT,2011"));
  assert_string_equal(row_of(&c, "AUT,KOR,2010"),
                      "0|||customs_duties_electronic_transmissions=0:|cross_border_data_flows=0:|source_code=0:");
  assert_string_equal(row_of(&c, "AUT,KOR,2011"),
                      "1|A_EU_KOR||customs_duties_electronic_transmissions=3:A_EU_KOR|"
                      "cross_border_data_flows=0:|source_code=-1:");
  /* the UK counts until the end of 2020, not after */
  assert_non_null(strstr(row_of(&c, "GBR,KOR,2020"), "1|A_EU_KOR|"));
  assert_non_null(strstr(row_of(&c, "GBR,KOR,2021"), "0||"));
  /* Croatia joins in 2013 */
  assert_non_null(strstr(row_of(&c, "HRV,KOR,2012"), "0||"));
  assert_non_null(strstr(row_of(&c, "HRV,KOR,2013"), "1|A_EU_KOR|"));
  /* unknown membership is never guessed */
  assert_null(row_of(&c, "KOR,XKX,2015"));
  /* members of one side are not paired */
  assert_null(row_of(&c, "AUT,GBR,2015"));
  /* EFTA: Iceland is ISL; Finland left before 2011 */
  assert_non_null(strstr(row_of(&c, "COL,ISL,2011"), "1|B_EFTA_COL|"));
  assert_null(row_of(&c, "COL,FIN,2011"));
  assert_null(row_of(&c, "COL,ICE,2011"));
  /* KORUS-like: 2012 yes, 2011 no; terminated mid-2019 still counts in 2019, not in 2020 */
  assert_non_null(strstr(row_of(&c, "KOR,USA,2011"), "0||D_UNDATED|"));
  assert_non_null(strstr(row_of(&c, "KOR,USA,2012"), "1|C_KOR_USA|D_UNDATED|"));
  assert_non_null(strstr(row_of(&c, "KOR,USA,2019"), "1|C_KOR_USA|"));
  assert_non_null(strstr(row_of(&c, "KOR,USA,2020"), "0||D_UNDATED|"));
  /* strength: hard customs duties, soft data flows, source code none (the undated agreement is not counted) */
  assert_string_equal(row_of(&c, "KOR,USA,2012"),
                      "1|C_KOR_USA|D_UNDATED|customs_duties_electronic_transmissions=3:C_KOR_USA|"
                      "cross_border_data_flows=1:C_KOR_USA|source_code=0:");
  /* a signed agreement never in force gives no row */
  assert_null(row_of(&c, "JPN,USA,2016"));
  /* entry into force per party: USA-SLV from 2006, CRI only from 2009 */
  collected_clear(&c);
  tr_panel_options_set_years(o, 2005, 2010);
  tr_category pl = TR_CATEGORY_PAPERLESS_TRADING;
  tr_panel_options_set_categories(o, &pl, 1);
  run(cat, m, o, &c);
  assert_string_equal(row_of(&c, "SLV,USA,2005"), "0|||paperless_trading=0:");
  assert_string_equal(row_of(&c, "SLV,USA,2006"), "1|F_PERPARTY||paperless_trading=2:F_PERPARTY");
  assert_string_equal(row_of(&c, "CRI,USA,2008"), "0|||paperless_trading=0:");
  assert_string_equal(row_of(&c, "CRI,USA,2009"), "1|F_PERPARTY||paperless_trading=2:F_PERPARTY");
  assert_string_equal(row_of(&c, "CRI,SLV,2009"), "1|F_PERPARTY||paperless_trading=2:F_PERPARTY");
  collected_clear(&c);
  tr_panel_options_free(o);
  tr_membership_free(m);
  tr_catalog_free(cat);
}

static void test_measures_and_unknowns(void **state) {
  (void)state;
  tr_catalog *cat = fixture_catalog();
  tr_membership *m = fixture_membership();
  tr_panel_options *o = options(2012, 2012, TR_PANEL_BINARY, three, 3);
  collected c;
  run(cat, m, o, &c);
  /* binary: unknown source code in A_EU_KOR and nothing known above none -> missing */
  assert_string_equal(row_of(&c, "AUT,KOR,2012"),
                      "1|A_EU_KOR||customs_duties_electronic_transmissions=1:A_EU_KOR|"
                      "cross_border_data_flows=0:|source_code=-1:");
  collected_clear(&c);
  tr_panel_options_set_measure(o, TR_PANEL_COUNT);
  run(cat, m, o, &c);
  assert_string_equal(row_of(&c, "KOR,USA,2012"),
                      "1|C_KOR_USA|D_UNDATED|customs_duties_electronic_transmissions=1:C_KOR_USA|"
                      "cross_border_data_flows=1:C_KOR_USA|source_code=0:");
  collected_clear(&c);
  /* a category absent from an agreement is not coded: unknown, so strength is missing unless hard elsewhere */
  tr_category paperless = TR_CATEGORY_PAPERLESS_TRADING;
  tr_panel_options_set_categories(o, &paperless, 1);
  tr_panel_options_set_measure(o, TR_PANEL_STRENGTH);
  run(cat, m, o, &c);
  assert_string_equal(row_of(&c, "KOR,USA,2012"), "1|C_KOR_USA|D_UNDATED|paperless_trading=-1:");
  collected_clear(&c);
  tr_panel_options_free(o);
  tr_membership_free(m);
  tr_catalog_free(cat);
}

static void test_order_directed_balanced_stop(void **state) {
  (void)state;
  tr_catalog *cat = fixture_catalog();
  tr_membership *m = fixture_membership();
  tr_panel_options *o = options(2011, 2012, TR_PANEL_STRENGTH, three, 1);
  collected c;
  run(cat, m, o, &c);
  for (guint i = 1; i < c.order->len; i++) /* sorted by (i, j, year), i < j */
    assert_true(strcmp(g_ptr_array_index(c.order, i - 1), g_ptr_array_index(c.order, i)) < 0);
  guint undirected = c.order->len;
  collected_clear(&c);
  tr_panel_options_set_directed(o, 1);
  run(cat, m, o, &c);
  assert_int_equal(c.order->len, 2 * undirected);
  assert_non_null(row_of(&c, "USA,KOR,2012"));
  assert_string_equal(row_of(&c, "USA,KOR,2012"), row_of(&c, "KOR,USA,2012"));
  collected_clear(&c);
  /* balanced: every pair of the economies, zeros included */
  static const char *const econ[] = { "USA", "KOR", "BRA" };
  tr_panel_options_set_directed(o, 0);
  assert_int_equal(tr_panel_options_set_economies(o, econ, 3), TR_OK);
  run(cat, m, o, &c);
  assert_int_equal(c.order->len, 3 * 2);
  assert_string_equal(g_ptr_array_index(c.order, 0), "BRA,KOR,2011");
  assert_string_equal(row_of(&c, "BRA,USA,2012"), "0|||customs_duties_electronic_transmissions=0:");
  collected_clear(&c);
  static const char *const bad[] = { "USA", "usa" };
  assert_int_equal(tr_panel_options_set_economies(o, bad, 2), TR_ERR_INVALID_ARG);
  static const char *const dup[] = { "USA", "USA" };
  assert_int_equal(tr_panel_options_set_economies(o, dup, 2), TR_ERR_DUPLICATE);
  /* the callback stops the run; its value is returned */
  collected_init(&c);
  c.stop_after = 2;
  assert_int_equal(tr_panel_run(cat, m, o, collect, &c), 42);
  assert_int_equal(c.order->len, 2);
  collected_clear(&c);
  /* options are validated */
  assert_int_equal(tr_panel_options_set_years(o, 2020, 2010), TR_ERR_INVALID_ARG);
  tr_category twice[] = { TR_CATEGORY_SOURCE_CODE, TR_CATEGORY_SOURCE_CODE };
  assert_int_equal(tr_panel_options_set_categories(o, twice, 2), TR_ERR_DUPLICATE);
  assert_int_equal(tr_panel_run(NULL, m, o, collect, &c), TR_ERR_INVALID_ARG);
  tr_panel_measure pm;
  assert_int_equal(tr_panel_measure_from_id("count", &pm), TR_OK);
  assert_int_equal(pm, TR_PANEL_COUNT);
  assert_int_equal(tr_panel_measure_from_id("nope", &pm), TR_ERR_NOT_FOUND);
  tr_panel_options_free(o);
  tr_membership_free(m);
  tr_catalog_free(cat);
}

/* The checks, on the embedded catalog and membership table. */
static void test_known_cases_embedded(void **state) {
  (void)state;
  tr_catalog *cat = NULL;
  tr_membership *m = NULL;
  assert_int_equal(tr_catalog_new_default(&cat), TR_OK);
  assert_int_equal(tr_membership_new_default(&m), TR_OK);
  tr_category cd = TR_CATEGORY_CUSTOMS_DUTIES_ELECTRONIC_TRANSMISSIONS;
  tr_panel_options *o = options(2010, 2022, TR_PANEL_STRENGTH, &cd, 1);
  collected c;
  run(cat, m, o, &c);
  assert_non_null(strstr(row_of(&c, "KOR,USA,2011"), "0||"));
  assert_non_null(strstr(row_of(&c, "KOR,USA,2012"), "|KORUS|"));
  assert_non_null(strstr(row_of(&c, "AUT,KOR,2010"), "0||"));
  assert_non_null(strstr(row_of(&c, "AUT,KOR,2011"), "|EU_KOR|"));
  assert_non_null(strstr(row_of(&c, "GBR,KOR,2020"), "|EU_KOR|"));
  assert_null(strstr(row_of(&c, "GBR,KOR,2021"), "EU_KOR"));
  assert_non_null(strstr(row_of(&c, "GBR,KOR,2021"), "|UK_KOR|"));
  collected_clear(&c);
  int out = 0;
  assert_int_equal(tr_membership_is_member(m, "EFTA", "ISL", "2015-01-01", &out), TR_OK);
  assert_int_equal(out, 1);
  assert_int_equal(tr_membership_is_member(m, "EFTA", "ICE", "2015-01-01", &out), TR_OK);
  assert_int_equal(out, 0);
  assert_int_equal(tr_membership_is_member(m, "EU", "GBR", "2020-12-31", &out), TR_OK);
  assert_int_equal(out, 1);
  assert_int_equal(tr_membership_is_member(m, "EU", "GBR", "2021-01-01", &out), TR_OK);
  assert_int_equal(out, 0);
  assert_int_equal(tr_membership_is_member(m, "MERCOSUR", "VEN", "2017-01-01", &out), TR_OK);
  assert_int_equal(out, 0);
  char **eu = NULL;
  assert_int_equal(tr_membership_members(m, "EU", "2020-06-30", &eu), TR_OK);
  assert_int_equal(g_strv_length(eu), 28);
  tr_strv_free(eu);
  assert_int_equal(tr_membership_members(m, "EU", "2021-06-30", &eu), TR_OK);
  assert_int_equal(g_strv_length(eu), 27);
  tr_strv_free(eu);
  static const char *const blocs[] = { "EU", "EFTA", "ASEAN", "MERCOSUR", "CARICOM", "CARIFORUM",
                                       "SACU", "EAEU", "GCC", "ANDEAN", "CACM" };
  for (size_t i = 0; i < G_N_ELEMENTS(blocs); i++)
    assert_true(tr_membership_is_bloc(m, blocs[i]));
  tr_panel_options_free(o);
  tr_membership_free(m);
  tr_catalog_free(cat);
}

/* Read a FIFO to its end in a thread; returns the number of bytes. */
static gpointer read_fifo(gpointer path) {
  FILE *f = fopen(path, "rb");
  char buf[4096];
  size_t total = 0, n;
  while (f && (n = fread(buf, 1, sizeof buf, f)) > 0)
    total += n;
  if (f)
    fclose(f);
  return GSIZE_TO_POINTER(total);
}

static char *slurp(const char *path) {
  char *s = NULL;
  assert_true(g_file_get_contents(path, &s, NULL, NULL));
  return s;
}

static void test_write_csv_and_errors(void **state) {
  (void)state;
  tr_catalog *cat = fixture_catalog();
  tr_membership *m = fixture_membership();
  tr_panel_options *o = options(2012, 2012, TR_PANEL_STRENGTH, three, 2);
  char *dir = g_dir_make_tmp("tr-panel-XXXXXX", NULL);
  char *path = g_build_filename(dir, "panel.csv", NULL);
  assert_int_equal(tr_panel_write_file(cat, m, o, "csv", path), TR_OK);
  char *text = slurp(path);
  assert_true(g_str_has_prefix(text, "iso3_i,iso3_j,year,n_agreements,agreements,undated,"
                                     "customs_duties_e_transmissions,by_04,cross_border_data_flows,by_17\r\n"));
  assert_non_null(strstr(text, "\r\nKOR,USA,2012,1,C_KOR_USA,D_UNDATED,3,C_KOR_USA,1,C_KOR_USA\r\n"));
  assert_non_null(strstr(text, "\r\nAUT,KOR,2012,1,A_EU_KOR,,3,A_EU_KOR,0,\r\n"));
  g_free(text);
  assert_int_equal(tr_panel_write_file(cat, m, o, "xlsx", path), TR_ERR_NOT_FOUND);
  /* a failed write leaves the existing file as it was */
  char *missing = g_build_filename(dir, "no-such-dir", "panel.csv", NULL);
  assert_int_equal(tr_panel_write_file(cat, m, o, "csv", missing), TR_ERR_IO);
  assert_non_null(strstr(tr_error_message(), "no-such-dir"));
  /* a non-regular target is refused */
  assert_int_equal(tr_panel_write_file(cat, m, o, "csv", dir), TR_ERR_IO);
  assert_non_null(strstr(tr_error_message(), "refusing"));
  /* a read-only target is not replaced */
  char *ro = g_build_filename(dir, "ro.csv", NULL);
  assert_true(g_file_set_contents(ro, "old", 3, NULL));
  assert_int_equal(g_chmod(ro, 0444), 0);
  assert_int_equal(tr_panel_write_file(cat, m, o, "csv", ro), TR_ERR_IO);
  char *old = slurp(ro);
  assert_string_equal(old, "old");
  g_free(old);
  g_unlink(ro);
  g_free(ro);
  /* a FIFO is written directly, not replaced */
  char *fifo = g_build_filename(dir, "fifo", NULL);
  assert_int_equal(mkfifo(fifo, 0600), 0);
  GThread *reader = g_thread_new("fifo-reader", read_fifo, fifo);
  assert_int_equal(tr_panel_write_file(cat, m, o, "csv", fifo), TR_OK);
  gsize total = GPOINTER_TO_SIZE(g_thread_join(reader));
  assert_true(total > 100);
  struct stat st;
  assert_int_equal(lstat(fifo, &st), 0);
  assert_true(S_ISFIFO(st.st_mode));
  g_unlink(fifo);
  g_free(fifo);
  /* a symlink is followed: the target is replaced, the link stays */
  char *link = g_build_filename(dir, "link.csv", NULL);
  assert_int_equal(symlink(path, link), 0);
  assert_int_equal(tr_panel_write_file(cat, m, o, "csv", link), TR_OK);
  assert_true(g_file_test(link, G_FILE_TEST_IS_SYMLINK));
  g_unlink(link);
  g_unlink(path);
  assert_int_equal(g_rmdir(dir), 0); /* no temporary file left behind */
  g_free(link);
  g_free(missing);
  g_free(path);
  g_free(dir);
  tr_panel_options_free(o);
  tr_membership_free(m);
  tr_catalog_free(cat);
}

/* tr_panel_economies(): parties as they are, blocs replaced by their members at the end of
 * each year of the range (never the bloc id, never a member of unknown dates), sorted. */
static char *joined_economies(const tr_catalog *cat, const tr_membership *m, int first, int last) {
  char **v = NULL;
  assert_int_equal(tr_panel_economies(cat, m, first, last, &v), TR_OK);
  assert_non_null(v);
  char *s = g_strjoinv(",", v);
  tr_strv_free(v);
  return s;
}

static void test_economies(void **state) {
  (void)state;
  tr_catalog *cat = fixture_catalog();
  tr_membership *m = fixture_membership();
  char *s = joined_economies(cat, m, 2010, 2012);
  /* EU: AUT and GBR (HRV joins mid-2013; XKX's dates are unknown); EFTA: ISL, LIE, NOR (FIN left in 1994) */
  assert_string_equal(s, "AUT,COL,CRI,GBR,ISL,JPN,KOR,LIE,NOR,SLV,USA");
  g_free(s);
  s = joined_economies(cat, m, 2013, 2013);
  assert_string_equal(s, "AUT,COL,CRI,GBR,HRV,ISL,JPN,KOR,LIE,NOR,SLV,USA");
  g_free(s);
  /* the UK's last year in the EU is 2020: listed for a range that reaches it, not after */
  s = joined_economies(cat, m, 2020, 2024);
  assert_string_equal(s, "AUT,COL,CRI,GBR,HRV,ISL,JPN,KOR,LIE,NOR,SLV,USA");
  g_free(s);
  s = joined_economies(cat, m, 2021, 2024);
  assert_string_equal(s, "AUT,COL,CRI,HRV,ISL,JPN,KOR,LIE,NOR,SLV,USA");
  g_free(s);
  /* before Finland left EFTA (1994) it is listed, Austria (1995) is not */
  s = joined_economies(cat, m, 1990, 1990);
  assert_string_equal(s, "COL,CRI,FIN,GBR,ISL,JPN,KOR,NOR,SLV,USA");
  g_free(s);
  /* without blocs, the bloc ids are parties like any other */
  tr_membership *none = NULL;
  assert_int_equal(tr_membership_new(&none), TR_OK);
  s = joined_economies(cat, none, 2010, 2012);
  assert_string_equal(s, "COL,CRI,EFTA,EU,JPN,KOR,SLV,USA");
  g_free(s);
  /* an empty catalog: an empty list, not NULL */
  tr_catalog *empty = NULL;
  assert_int_equal(tr_catalog_new(&empty), TR_OK);
  s = joined_economies(empty, m, 2010, 2012);
  assert_string_equal(s, "");
  g_free(s);
  /* errors: the output is NULL */
  char **v = (char **)&v;
  assert_int_equal(tr_panel_economies(cat, m, 2012, 2010, &v), TR_ERR_INVALID_ARG);
  assert_null(v);
  v = (char **)&v;
  assert_int_equal(tr_panel_economies(NULL, m, 2010, 2012, &v), TR_ERR_INVALID_ARG);
  assert_null(v);
  assert_int_equal(tr_panel_economies(cat, NULL, 2010, 2012, &v), TR_ERR_INVALID_ARG);
  assert_int_equal(tr_panel_economies(cat, m, 2010, 2012, NULL), TR_ERR_INVALID_ARG);
  tr_catalog_free(empty);
  tr_membership_free(none);
  tr_membership_free(m);
  tr_catalog_free(cat);
}

int main(void) {
  const struct CMUnitTest tests[] = {
    cmocka_unit_test(test_membership_queries),
    cmocka_unit_test(test_membership_errors),
    cmocka_unit_test(test_bloc_expansion_and_dates),
    cmocka_unit_test(test_measures_and_unknowns),
    cmocka_unit_test(test_order_directed_balanced_stop),
    cmocka_unit_test(test_known_cases_embedded),
    cmocka_unit_test(test_write_csv_and_errors),
    cmocka_unit_test(test_economies),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
