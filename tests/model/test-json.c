/* Tests for JSON catalog load and save: content, round trip, files, and every error path. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>
#include <cmocka.h>

#include <glib.h>
#include <glib/gstdio.h>
#include <traderules/traderules.h>

#include "catalog-compare.h"

#define SMALL TR_FIXTURES_DIR "/model/small.json"

static void test_load_small(void **state) {
  (void)state;
  tr_catalog *c = NULL;
  assert_int_equal(tr_catalog_new(&c), TR_OK);
  int rc = tr_catalog_load_file(c, SMALL);
  if (rc)
    fail_msg("%s", tr_error_message());
  assert_int_equal(tr_catalog_agreement_count(c), 2);
  const tr_agreement *a = tr_catalog_find_agreement(c, "ALPHA");
  assert_non_null(a);
  assert_string_equal(tr_agreement_get_name(a), "Alpha–Beta Free Trade Agreement");
  assert_int_equal(tr_agreement_get_kind(a), TR_KIND_BILATERAL);
  assert_int_equal(tr_agreement_get_status(a), TR_AGREEMENT_STATUS_IN_FORCE);
  assert_int_equal(tr_agreement_get_family(a), TR_FAMILY_AMERICAN);
  assert_int_equal(tr_agreement_party_count(a), 2);
  assert_string_equal(tr_agreement_party_at(a, 1), "KOR");
  assert_string_equal(tr_agreement_get_date_signed(a), "2007-06-30");
  assert_string_equal(tr_agreement_get_date_in_force(a), "2012-03");
  assert_null(tr_agreement_get_based_on(a));
  assert_int_equal(tr_agreement_get_tota_id(a), 159);
  assert_int_equal(tr_agreement_get_wto_rta_id(a), 12);
  assert_int_equal(tr_agreement_source_count(a), 2);
  assert_string_equal(tr_agreement_source_at(a, 1), "fixture \"quoted\" source\twith tab");
  assert_string_equal(tr_agreement_get_note(a), "multi\nline note");
  /* Provisions come back in category order, not file order. */
  assert_int_equal(tr_agreement_provision_count(a), 3);
  assert_int_equal(tr_provision_get_category(tr_agreement_provision_at(a, 0)), TR_CATEGORY_ECOM_GENERAL);
  assert_int_equal(tr_provision_get_category(tr_agreement_provision_at(a, 1)), TR_CATEGORY_CROSS_BORDER_DATA_FLOWS);
  const tr_provision *p = tr_agreement_find_provision(a, TR_CATEGORY_SOURCE_CODE);
  assert_ptr_equal(p, tr_agreement_provision_at(a, 2));
  assert_int_equal(tr_provision_get_strength(p), TR_STRENGTH_HARD);
  assert_string_equal(tr_provision_get_citation(p), "Art. 1");
  assert_string_equal(tr_provision_get_title(p), "Source code");
  assert_string_equal(tr_provision_get_summary(p), "No forced transfer");
  assert_int_equal(tr_provision_get_exceptions(p), TR_EXCEPTION_LPPO | TR_EXCEPTION_REGULATORY_ACCESS);
  assert_int_equal(tr_provision_get_dispute_settlement(p), TR_DS_YES);
  assert_int_equal(tr_provision_get_flags(p), TR_PROVISION_UNCERTAIN);
  assert_string_equal(tr_provision_get_source(p), "fixture");
  assert_string_equal(tr_provision_get_note(p), "n");
  p = tr_agreement_find_provision(a, TR_CATEGORY_CROSS_BORDER_DATA_FLOWS);
  assert_int_equal(tr_provision_get_strength(p), TR_STRENGTH_UNKNOWN);
  assert_int_equal(tr_provision_get_dispute_settlement(p), TR_DS_NO);
  assert_int_equal(tr_provision_get_flags(p), TR_PROVISION_PROPOSED | TR_PROVISION_SUSPENDED);
  assert_null(tr_provision_get_source(p));

  const tr_agreement *b = tr_catalog_agreement_at(c, 1);
  assert_string_equal(tr_agreement_get_id(b), "BETA.2");
  assert_string_equal(tr_agreement_get_based_on(b), "ALPHA");
  assert_int_equal(tr_agreement_get_kind(b), TR_KIND_UNKNOWN);
  assert_int_equal(tr_agreement_get_year(b), 2019);
  assert_int_equal(tr_agreement_get_tota_id(b), 0);

  assert_int_equal(tr_catalog_barrier_count(c), 2);
  const tr_barrier *br = tr_catalog_find_barrier(c, "B1a");
  assert_int_equal(tr_barrier_get_type(br), TR_BARRIER_DATA_LOCALISATION);
  assert_string_equal(tr_barrier_get_description(br), "Data must stay local");
  assert_int_equal(tr_barrier_category_count(br), 2);
  assert_int_equal(tr_barrier_category_at(br, 1), TR_CATEGORY_CROSS_BORDER_DATA_FLOWS);
  assert_null(tr_barrier_get_description(tr_catalog_find_barrier(c, "B6")));

  assert_int_equal(tr_catalog_indicator_count(c), 4);
  const tr_indicator *r = tr_catalog_indicator_at(c, 0);
  assert_true(tr_indicator_get_value(r) == 0.1);
  assert_int_equal(tr_indicator_get_year(r), 2016);
  assert_string_equal(tr_indicator_get_unit(r), "USD billion");
  r = tr_catalog_indicator_at(c, 1);
  assert_true(isnan(tr_indicator_get_value(r)));
  assert_int_equal(tr_indicator_get_year(r), 0);
  assert_string_equal(tr_indicator_get_text(r), "digital content");
  assert_true(tr_indicator_get_value(tr_catalog_indicator_at(c, 2)) == -1.2345678901234567e+300);
  assert_true(tr_indicator_get_value(tr_catalog_indicator_at(c, 3)) == 42.0);

  assert_round_trip(c);
  tr_catalog_free(c);
}

static void test_round_trip_built(void **state) {
  (void)state;
  /* A catalog built through the API, with awkward strings and numbers, survives the trip. */
  tr_catalog *c = NULL;
  tr_agreement *a = NULL;
  tr_provision *p = NULL;
  tr_indicator *r = NULL;
  assert_int_equal(tr_catalog_new(&c), TR_OK);
  assert_int_equal(tr_agreement_new("X", "ctl \x01\x1f \\ / \" é 𝄞", &a), TR_OK);
  assert_int_equal(tr_provision_new(TR_CATEGORY_AUDIOVISUAL_CULTURAL_EXCEPTION, TR_STRENGTH_NONE, &p), TR_OK);
  assert_int_equal(tr_provision_set_exceptions(p, (1u << tr_exception_count()) - 1), TR_OK);
  assert_int_equal(tr_provision_set_summary(p, ""), TR_OK);
  assert_int_equal(tr_agreement_add_provision(a, p), TR_OK);
  assert_int_equal(tr_catalog_add_agreement(c, a), TR_OK);
  const double values[] = { 0.0, -0.0, 1e-300, 5e-324, 1.7976931348623157e308, 0.1 + 0.2, 123456789.125, -3.0 };
  for (size_t i = 0; i < sizeof values / sizeof *values; i++) {
    assert_int_equal(tr_indicator_new("EU", "v", (int)i + 1, values[i], &r), TR_OK);
    assert_int_equal(tr_catalog_add_indicator(c, r), TR_OK);
  }
  assert_round_trip(c);
  tr_catalog_free(c);

  /* An empty catalog too. */
  assert_int_equal(tr_catalog_new(&c), TR_OK);
  assert_round_trip(c);
  tr_catalog_free(c);
}

static void test_save_file(void **state) {
  (void)state;
  tr_catalog *c = NULL, *d = NULL;
  char *dir = g_dir_make_tmp("tr-json-XXXXXX", NULL);
  char *path = g_build_filename(dir, "out.json", NULL);
  char *bad = g_build_filename(dir, "missing", "out.json", NULL);
  assert_int_equal(tr_catalog_new(&c), TR_OK);
  assert_int_equal(tr_catalog_load_file(c, SMALL), TR_OK);
  assert_int_equal(tr_catalog_save_file(c, path), TR_OK);
  /* Overwriting works (rename over an existing file). */
  assert_int_equal(tr_catalog_save_file(c, path), TR_OK);
  assert_int_equal(tr_catalog_new(&d), TR_OK);
  assert_int_equal(tr_catalog_load_file(d, path), TR_OK);
  assert_same_catalog(c, d);
  /* No temporary files are left behind. */
  GDir *gd = g_dir_open(dir, 0, NULL);
  int n = 0;
  while (g_dir_read_name(gd))
    n++;
  g_dir_close(gd);
  assert_int_equal(n, 1);

  assert_int_equal(tr_catalog_save_file(c, bad), TR_ERR_IO);
  assert_non_null(strstr(tr_error_message(), "missing"));
  assert_int_equal(tr_catalog_save_file(NULL, path), TR_ERR_INVALID_ARG);
  assert_int_equal(tr_catalog_save_file(c, NULL), TR_ERR_INVALID_ARG);

  /* Loading errors on files: missing, a directory, too large (sparse file, never read). */
  size_t before = tr_catalog_agreement_count(d);
  assert_int_equal(tr_catalog_load_file(d, bad), TR_ERR_IO);
  assert_string_equal(tr_error_file(), bad);
  assert_int_equal(tr_catalog_load_file(d, dir), TR_ERR_IO);
  char *huge = g_build_filename(dir, "huge.json", NULL);
  FILE *f = fopen(huge, "w");
  assert_non_null(f);
  assert_int_equal(ftruncate(fileno(f), (off_t)64 * 1024 * 1024 + 1), 0);
  fclose(f);
  assert_int_equal(tr_catalog_load_file(d, huge), TR_ERR_LIMIT);
  assert_string_equal(tr_error_file(), huge);
  char *empty = g_build_filename(dir, "empty.json", NULL);
  assert_true(g_file_set_contents(empty, "", 0, NULL));
  assert_int_equal(tr_catalog_load_file(d, empty), TR_ERR_EMPTY);
  assert_int_equal(tr_catalog_agreement_count(d), before);
  assert_int_equal(tr_catalog_load_file(NULL, SMALL), TR_ERR_INVALID_ARG);
  assert_int_equal(tr_catalog_load_file(d, NULL), TR_ERR_INVALID_ARG);

  g_unlink(huge);
  g_unlink(empty);
  g_unlink(path);
  g_rmdir(dir);
  g_free(huge);
  g_free(empty);
  g_free(path);
  g_free(bad);
  g_free(dir);
  tr_catalog_free(c);
  tr_catalog_free(d);
}

#define H "{\"format\": \"traderules-catalog\", \"version\": 1,\n"
#define AG(body) H "\"agreements\": [" body "]}"

typedef struct {
  const char *json;
  int code;
  const char *field;  /* expected field path, NULL for none */
  const char *marker; /* the error points at the nth occurrence of this text (NULL: no position) */
  int nth;
} error_case;

static const error_case cases[] = {
  /* syntax and encoding */
  { "   \n\t ", TR_ERR_EMPTY, NULL, NULL, 0 },
  { "{\"a\": [1, 2,]}", TR_ERR_PARSE, "a[2]", "]", 1 },
  { "{\"a\": \"abc}", TR_ERR_PARSE, "a", "\"abc", 1 },
  { "{\"a\": 1} /* comment */", TR_ERR_PARSE, NULL, "/*", 1 },
  { "{'a': 1}", TR_ERR_PARSE, NULL, "'", 1 },
  { "{\"a\": 01}", TR_ERR_PARSE, NULL, "1}", 1 },
  { "{\"a\": NaN}", TR_ERR_PARSE, "a", "NaN", 1 },
  { "{\"a\": \"x\ny\"}", TR_ERR_PARSE, "a", "\ny", 1 },
  { "{\"a\": 1,\n \"a\": 2}", TR_ERR_SCHEMA, "a", "\"a\"", 2 },
  { "{\"a\": \"\\ud800x\"}", TR_ERR_ENCODING, "a", "\\ud800", 1 },
  { "{\"a\": \"\\udc00\"}", TR_ERR_ENCODING, "a", "\\udc00", 1 },
  { "{\"a\": \"\\u0000\"}", TR_ERR_ENCODING, "a", "\\u0000", 1 },
  { "{\"a\": \"\\x\"}", TR_ERR_PARSE, "a", "\\x", 1 },
  { "{\"a\":\n \"bad \xff byte\"}", TR_ERR_ENCODING, NULL, "\xff", 1 },
  { "{\"a\": 1234567890123456789}", TR_ERR_LIMIT, "a", "1234567890123456789", 1 },
  { "{\"a\": tru}", TR_ERR_PARSE, "a", "tru", 1 },
  { "{\"a\" 1}", TR_ERR_PARSE, NULL, "1}", 1 },
  { "{\"a\": 1", TR_ERR_PARSE, NULL, NULL, 0 },
  /* root */
  { "[]", TR_ERR_SCHEMA, NULL, "[", 1 },
  { "{\"version\": 1}", TR_ERR_SCHEMA, "format", "{", 1 },
  { "{\"format\": \"other\", \"version\": 1}", TR_ERR_SCHEMA, "format", "\"other\"", 1 },
  { "{\"format\": \"traderules-catalog\"}", TR_ERR_SCHEMA, "version", "{", 1 },
  { "{\"format\": \"traderules-catalog\", \"version\": 2}", TR_ERR_SCHEMA, "version", "2", 1 },
  { "{\"format\": \"traderules-catalog\", \"version\": \"1\"}", TR_ERR_SCHEMA, "version", "\"1\"", 1 },
  { H "\"agreement\": []}", TR_ERR_SCHEMA, "agreement", "\"agreement\"", 1 },
  { H "\"agreements\": {}}", TR_ERR_SCHEMA, "agreements", "{}", 1 },
  { H "\"agreements\": [1]}", TR_ERR_SCHEMA, "agreements[0]", "1]", 1 },
  /* agreements */
  { AG("{\"id\": \"A\", \"name\": \"a\", \"kind\": \"treaty\"}"), TR_ERR_SCHEMA, "agreements[0].kind", "\"treaty\"", 1 },
  { AG("{\"id\": \"A\", \"name\": \"a\", \"status\": 3}"), TR_ERR_SCHEMA, "agreements[0].status", "3}", 1 },
  { AG("{\"id\": \"A\", \"name\": \"a\", \"family\": \"asian\"}"), TR_ERR_SCHEMA, "agreements[0].family", "\"asian\"", 1 },
  { AG("{\"id\": \"NONAME\"}"), TR_ERR_SCHEMA, "agreements[0].name", "{\"id\"", 1 },
  { AG("{\"id\": \"A\", \"name\": 12345}"), TR_ERR_SCHEMA, "agreements[0].name", "12345", 1 },
  { AG("{\"id\": \"A\", \"name\": \"\"}"), TR_ERR_SCHEMA, "agreements[0].name", "\"\"", 1 },
  { AG("{\"id\": \"A B\", \"name\": \"a\"}"), TR_ERR_SCHEMA, "agreements[0].id", "\"A B\"", 1 },
  { AG("{\"id\": \"A\", \"name\": \"a\", \"colour\": \"red\"}"), TR_ERR_SCHEMA, "agreements[0].colour", "\"colour\"", 1 },
  { AG("{\"id\": \"DUP\", \"name\": \"a\"},\n {\"id\": \"DUP\", \"name\": \"b\"}"), TR_ERR_DUPLICATE, "agreements[1].id", "\"DUP\"", 2 },
  { AG("{\"id\": \"PRE\", \"name\": \"a\"}"), TR_ERR_DUPLICATE, "agreements[0].id", "\"PRE\"", 1 },
  { AG("{\"id\": \"A\", \"name\": \"a\", \"based_on\": \"NOWHERE\"}"), TR_ERR_REFERENCE, "agreements[0].based_on", "\"NOWHERE\"", 1 },
  { AG("{\"id\": \"A\", \"name\": \"a\", \"based_on\": \"B\"}, {\"id\": \"B\", \"name\": \"b\"}"), TR_ERR_REFERENCE, "agreements[0].based_on", "\"B\"", 1 },
  { AG("{\"id\": \"A\", \"name\": \"a\", \"based_on\": \"A\"}"), TR_ERR_REFERENCE, "agreements[0].based_on", "\"A\"", 2 },
  { AG("{\"id\": \"A\", \"name\": \"a\", \"parties\": [\"USA\", \"usa\"]}"), TR_ERR_SCHEMA, "agreements[0].parties[1]", "\"usa\"", 1 },
  { AG("{\"id\": \"A\", \"name\": \"a\", \"parties\": [\"USA\", \"USA\"]}"), TR_ERR_DUPLICATE, "agreements[0].parties[1]", "\"USA\"", 2 },
  { AG("{\"id\": \"A\", \"name\": \"a\", \"parties\": \"USA\"}"), TR_ERR_SCHEMA, "agreements[0].parties", "\"USA\"", 1 },
  { AG("{\"id\": \"A\", \"name\": \"a\", \"parties\": [null]}"), TR_ERR_SCHEMA, "agreements[0].parties[0]", "null", 1 },
  { AG("{\"id\": \"A\", \"name\": \"a\", \"date_signed\": \"2015-02-29\"}"), TR_ERR_SCHEMA, "agreements[0].date_signed", "\"2015-02-29\"", 1 },
  { AG("{\"id\": \"A\", \"name\": \"a\", \"date_in_force\": 2015}"), TR_ERR_SCHEMA, "agreements[0].date_in_force", "2015", 1 },
  { AG("{\"id\": \"A\", \"name\": \"a\", \"tota_id\": 0}"), TR_ERR_SCHEMA, "agreements[0].tota_id", "0}", 1 },
  { AG("{\"id\": \"A\", \"name\": \"a\", \"tota_id\": 1.5}"), TR_ERR_SCHEMA, "agreements[0].tota_id", "1.5", 1 },
  { AG("{\"id\": \"A\", \"name\": \"a\", \"wto_rta_id\": 3000000000}"), TR_ERR_SCHEMA, "agreements[0].wto_rta_id", "3000000000", 1 },
  { AG("{\"id\": \"A\", \"name\": \"a\", \"sources\": [\"\"]}"), TR_ERR_SCHEMA, "agreements[0].sources[0]", "\"\"", 1 },
  { AG("{\"id\": \"A\", \"name\": \"a\", \"note\": true}"), TR_ERR_SCHEMA, "agreements[0].note", "true", 1 },
  /* provisions */
  { AG("{\"id\": \"A\", \"name\": \"a\", \"provisions\": [{\"category\": \"source_code\", \"strength\": \"hard\"},\n"
       "  {\"category\": \"source_code\", \"strength\": \"soft\"}]}"),
    TR_ERR_DUPLICATE, "agreements[0].provisions[1].category", "\"source_code\"", 2 },
  { AG("{\"id\": \"A\", \"name\": \"a\", \"provisions\": [{\"category\": \"spam\", \"strength\": \"hard\"}]}"),
    TR_ERR_SCHEMA, "agreements[0].provisions[0].category", "\"spam\"", 1 },
  { AG("{\"id\": \"A\", \"name\": \"a\", \"provisions\": [{\"category\": \"source_code\",\n \"strength\": \"binding\"}]}"),
    TR_ERR_SCHEMA, "agreements[0].provisions[0].strength", "\"binding\"", 1 },
  { AG("{\"id\": \"A\", \"name\": \"a\", \"provisions\": [{\"category\": \"source_code\"}]}"),
    TR_ERR_SCHEMA, "agreements[0].provisions[0].strength", "{\"category\"", 1 },
  { AG("{\"id\": \"A\", \"name\": \"a\", \"provisions\": [{\"category\": \"source_code\", \"strength\": \"hard\", \"exceptions\": [\"lppo\", \"morals\"]}]}"),
    TR_ERR_SCHEMA, "agreements[0].provisions[0].exceptions[1]", "\"morals\"", 1 },
  { AG("{\"id\": \"A\", \"name\": \"a\", \"provisions\": [{\"category\": \"source_code\", \"strength\": \"hard\", \"exceptions\": [\"lppo\", \"lppo\"]}]}"),
    TR_ERR_DUPLICATE, "agreements[0].provisions[0].exceptions[1]", "\"lppo\"", 2 },
  { AG("{\"id\": \"A\", \"name\": \"a\", \"provisions\": [{\"category\": \"source_code\", \"strength\": \"hard\", \"flags\": [\"draft\"]}]}"),
    TR_ERR_SCHEMA, "agreements[0].provisions[0].flags[0]", "\"draft\"", 1 },
  { AG("{\"id\": \"A\", \"name\": \"a\", \"provisions\": [{\"category\": \"source_code\", \"strength\": \"hard\", \"dispute_settlement\": \"maybe\"}]}"),
    TR_ERR_SCHEMA, "agreements[0].provisions[0].dispute_settlement", "\"maybe\"", 1 },
  { AG("{\"id\": \"A\", \"name\": \"a\", \"provisions\": [{\"category\": \"source_code\", \"strength\": \"hard\", \"citation\": [\"Art. 1\"]}]}"),
    TR_ERR_SCHEMA, "agreements[0].provisions[0].citation", "[\"Art. 1\"]", 1 },
  { AG("{\"id\": \"A\", \"name\": \"a\", \"provisions\": [\"source_code\"]}"),
    TR_ERR_SCHEMA, "agreements[0].provisions[0]", "\"source_code\"", 1 },
  /* barriers */
  { H "\"barriers\": [{\"id\": \"B1\", \"type\": \"piracy\", \"name\": \"n\"}]}", TR_ERR_SCHEMA, "barriers[0].type", "\"piracy\"", 1 },
  { H "\"barriers\": [{\"id\": \"B1\", \"type\": \"investment\"}]}", TR_ERR_SCHEMA, "barriers[0].name", "{\"id\"", 1 },
  { H "\"barriers\": [{\"id\": \"BPRE\", \"type\": \"investment\", \"name\": \"n\"}]}", TR_ERR_DUPLICATE, "barriers[0].id", "\"BPRE\"", 1 },
  { H "\"barriers\": [{\"id\": \"B1\", \"type\": \"investment\", \"name\": \"n\"},\n {\"id\": \"B1\", \"type\": \"investment\", \"name\": \"m\"}]}",
    TR_ERR_DUPLICATE, "barriers[1].id", "\"B1\"", 2 },
  { H "\"barriers\": [{\"id\": \"B1\", \"type\": \"investment\", \"name\": \"n\", \"disciplined_by\": [\"source_code\", \"nope\"]}]}",
    TR_ERR_SCHEMA, "barriers[0].disciplined_by[1]", "\"nope\"", 1 },
  { H "\"barriers\": [{\"id\": \"B1\", \"type\": \"investment\", \"name\": \"n\", \"disciplined_by\": [\"source_code\", \"source_code\"]}]}",
    TR_ERR_DUPLICATE, "barriers[0].disciplined_by[1]", "\"source_code\"", 2 },
  /* indicators */
  { H "\"indicators\": [{\"economy\": \"USA\", \"indicator\": \"x\", \"year\": 0}]}", TR_ERR_SCHEMA, "indicators[0].year", "0}", 1 },
  { H "\"indicators\": [{\"economy\": \"USA\", \"indicator\": \"x\", \"value\": \"12\"}]}", TR_ERR_SCHEMA, "indicators[0].value", "\"12\"", 1 },
  { H "\"indicators\": [{\"economy\": \"USA\", \"indicator\": \"x\", \"value\": -1e999}]}", TR_ERR_SCHEMA, "indicators[0].value", "-1e999", 1 },
  { H "\"indicators\": [{\"economy\": \"USA\", \"indicator\": \"x y\"}]}", TR_ERR_SCHEMA, "indicators[0].indicator", "\"x y\"", 1 },
  { H "\"indicators\": [{\"indicator\": \"x\"}]}", TR_ERR_SCHEMA, "indicators[0].economy", "{\"indicator\"", 1 },
  { H "\"indicators\": [{\"economy\": \"USA\", \"indicator\": \"x\", \"units\": \"%\"}]}", TR_ERR_SCHEMA, "indicators[0].units", "\"units\"", 1 },
};

/* Line and column (1-based, bytes) of the nth occurrence of @marker in @json. */
static void position_of(const char *json, const char *marker, int nth, long *line, long *col) {
  const char *p = json;
  for (int i = 0; i < nth; i++) {
    const char *q = strstr(p, marker);
    assert_non_null(q);
    p = q + (i + 1 < nth ? 1 : 0);
  }
  *line = 1;
  const char *line_start = json;
  for (const char *q = json; q < p; q++)
    if (*q == '\n') {
      (*line)++;
      line_start = q + 1;
    }
  *col = (long)(p - line_start) + 1;
}

static tr_catalog *preloaded(void) {
  tr_catalog *c = NULL;
  tr_agreement *a = NULL;
  tr_barrier *b = NULL;
  tr_indicator *r = NULL;
  assert_int_equal(tr_catalog_new(&c), TR_OK);
  assert_int_equal(tr_agreement_new("PRE", "pre-existing", &a), TR_OK);
  assert_int_equal(tr_catalog_add_agreement(c, a), TR_OK);
  assert_int_equal(tr_barrier_new("BPRE", TR_BARRIER_INVESTMENT, "pre", &b), TR_OK);
  assert_int_equal(tr_catalog_add_barrier(c, b), TR_OK);
  assert_int_equal(tr_indicator_new("USA", "pre", 2000, 1.0, &r), TR_OK);
  assert_int_equal(tr_catalog_add_indicator(c, r), TR_OK);
  return c;
}

static void test_errors(void **state) {
  (void)state;
  for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
    const error_case *k = &cases[i];
    tr_catalog *c = preloaded();
    const tr_agreement *pre = tr_catalog_find_agreement(c, "PRE");
    tr_error_clear();
    int rc = tr_catalog_load_data(c, k->json, strlen(k->json), "case.json");
    if (rc != k->code)
      fail_msg("case %zu: expected %s, got %s: %s", i, tr_status_id(k->code), tr_status_id(rc),
               tr_error_message());
    assert_int_equal(tr_error_code(), rc);
    assert_string_equal(tr_error_file(), "case.json");
    assert_true(strncmp(tr_error_message(), "case.json", 9) == 0);
    if (k->field) {
      if (!tr_error_field() || strcmp(tr_error_field(), k->field) != 0)
        fail_msg("case %zu: field '%s', expected '%s' (%s)", i,
                 tr_error_field() ? tr_error_field() : "(null)", k->field, tr_error_message());
      assert_non_null(strstr(tr_error_message(), k->field));
    }
    if (k->marker) {
      long line, col;
      position_of(k->json, k->marker, k->nth, &line, &col);
      if (tr_error_line() != line || tr_error_column() != col)
        fail_msg("case %zu: position %ld:%ld, expected %ld:%ld (%s)", i, tr_error_line(),
                 tr_error_column(), line, col, tr_error_message());
    }
    /* All or nothing: the catalog is exactly as before. */
    assert_int_equal(tr_catalog_agreement_count(c), 1);
    assert_ptr_equal(tr_catalog_find_agreement(c, "PRE"), pre);
    assert_int_equal(tr_catalog_barrier_count(c), 1);
    assert_int_equal(tr_catalog_indicator_count(c), 1);
    tr_catalog_free(c);
  }
}

static void test_partial_file_adds_nothing(void **state) {
  (void)state;
  /* Valid agreements before a bad one are not added either. */
  const char *json = AG("{\"id\": \"OK1\", \"name\": \"a\"}, {\"id\": \"OK2\", \"name\": \"b\"}, {\"id\": \"BAD\"}");
  tr_catalog *c = preloaded();
  assert_int_equal(tr_catalog_load_data(c, json, strlen(json), NULL), TR_ERR_SCHEMA);
  assert_string_equal(tr_error_file(), "<memory>");
  assert_null(tr_catalog_find_agreement(c, "OK1"));
  assert_int_equal(tr_catalog_agreement_count(c), 1);
  tr_catalog_free(c);
}

static void test_extends_catalog(void **state) {
  (void)state;
  /* A second file may refer to agreements of the catalog it extends; x- members are ignored;
   * a UTF-8 BOM is tolerated; nulls mean absent. */
  const char *json = "\xEF\xBB\xBF" AG("{\"id\": \"NEXT\", \"name\": \"n\", \"based_on\": \"PRE\", \"x-any\": {\"deep\": [null]},"
                                       " \"note\": null, \"tota_id\": null, \"parties\": null}");
  tr_catalog *c = preloaded();
  int rc = tr_catalog_load_data(c, json, strlen(json), "next.json");
  if (rc)
    fail_msg("%s", tr_error_message());
  assert_int_equal(tr_catalog_agreement_count(c), 2);
  const tr_agreement *a = tr_catalog_find_agreement(c, "NEXT");
  assert_string_equal(tr_agreement_get_based_on(a), "PRE");
  assert_null(tr_agreement_get_note(a));
  assert_int_equal(tr_agreement_party_count(a), 0);
  /* Loading the same file again: duplicate, nothing added. */
  assert_int_equal(tr_catalog_load_data(c, json, strlen(json), "next.json"), TR_ERR_DUPLICATE);
  assert_int_equal(tr_catalog_agreement_count(c), 2);
  tr_catalog_free(c);
}

/* {"format":..,"version":1,"x-deep": [[...]]} with the root at depth 1. */
static char *nested(int depth) {
  GString *s = g_string_new("{\"format\": \"traderules-catalog\", \"version\": 1, \"x-deep\": ");
  for (int i = 1; i < depth; i++)
    g_string_append_c(s, '[');
  for (int i = 1; i < depth; i++)
    g_string_append_c(s, ']');
  g_string_append_c(s, '}');
  return g_string_free(s, FALSE);
}

static void test_limits(void **state) {
  (void)state;
  tr_catalog *c = NULL;
  assert_int_equal(tr_catalog_new(&c), TR_OK);
  char *ok = nested(64), *deep = nested(65);
  assert_int_equal(tr_catalog_load_data(c, ok, strlen(ok), "d.json"), TR_OK);
  assert_int_equal(tr_catalog_load_data(c, deep, strlen(deep), "d.json"), TR_ERR_LIMIT);
  assert_int_equal(tr_error_line(), 1);
  assert_int_equal(tr_error_column(), (long)(strchr(deep, '[') - deep) + 64);
  g_free(ok);
  g_free(deep);
  /* 100000 opening brackets: a clean limit error, no stack overflow. */
  char *many = g_malloc(100001);
  memset(many, '[', 100000);
  many[100000] = '\0';
  assert_int_equal(tr_catalog_load_data(c, many, 100000, "m.json"), TR_ERR_LIMIT);
  g_free(many);

  /* Strings: 1 MiB between the quotes is fine, one byte more is not. */
  const size_t mib = 1024 * 1024;
  GString *s = g_string_new("{\"format\": \"traderules-catalog\", \"version\": 1, \"x-long\": \"");
  size_t at = s->len;
  g_string_set_size(s, at + mib);
  memset(s->str + at, 'a', mib);
  g_string_append(s, "\"}");
  assert_int_equal(tr_catalog_load_data(c, s->str, s->len, "s.json"), TR_OK);
  g_string_insert_c(s, (gssize)at, 'a');
  assert_int_equal(tr_catalog_load_data(c, s->str, s->len, "s.json"), TR_ERR_LIMIT);
  assert_string_equal(tr_error_field(), "x-long");
  g_string_free(s, TRUE);
  assert_int_equal(tr_catalog_agreement_count(c), 0);
  tr_catalog_free(c);
}

static void test_nul_and_args(void **state) {
  (void)state;
  tr_catalog *c = NULL;
  assert_int_equal(tr_catalog_new(&c), TR_OK);
  const char with_nul[] = "{\"format\": \"traderules-catalog\",\0 \"version\": 1}";
  assert_int_equal(tr_catalog_load_data(c, with_nul, sizeof with_nul - 1, "n.json"), TR_ERR_PARSE);
  assert_int_equal(tr_error_column(), 33);
  /* Not NUL-terminated: only @length bytes are read. */
  const char buf[] = "{\"format\": \"traderules-catalog\", \"version\": 1}GARBAGE";
  assert_int_equal(tr_catalog_load_data(c, buf, sizeof buf - 1 - 7, "b.json"), TR_OK);
  assert_int_equal(tr_catalog_load_data(c, "", 0, "e.json"), TR_ERR_EMPTY);
  assert_int_equal(tr_catalog_load_data(c, NULL, 0, "e.json"), TR_ERR_EMPTY);
  assert_int_equal(tr_catalog_load_data(c, NULL, 5, "e.json"), TR_ERR_INVALID_ARG);
  assert_int_equal(tr_catalog_load_data(NULL, "{}", 2, "e.json"), TR_ERR_INVALID_ARG);
  char *out = NULL;
  assert_int_equal(tr_catalog_to_json(NULL, &out), TR_ERR_INVALID_ARG);
  assert_int_equal(tr_catalog_to_json(c, NULL), TR_ERR_INVALID_ARG);
  assert_null(out);
  tr_catalog_free(c);
}

int main(void) {
  const struct CMUnitTest tests[] = {
    cmocka_unit_test(test_load_small),
    cmocka_unit_test(test_round_trip_built),
    cmocka_unit_test(test_save_file),
    cmocka_unit_test(test_errors),
    cmocka_unit_test(test_partial_file_adds_nothing),
    cmocka_unit_test(test_extends_catalog),
    cmocka_unit_test(test_limits),
    cmocka_unit_test(test_nul_and_args),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
