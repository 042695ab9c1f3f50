/* Tests for CSV export (long, wide) and import (long): round trip, RFC 4180, errors. */
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

/* A catalog with the awkward cases: quotes, commas, newlines, ';' and '\' in
 * list items, non-ASCII text, an agreement without provisions, based_on. */
static tr_catalog *tricky_catalog(void) {
  tr_catalog *c = NULL;
  assert_int_equal(tr_catalog_new(&c), TR_OK);

  tr_agreement *base = NULL;
  assert_int_equal(tr_agreement_new("BASE", "Base \"template\", version 1", &base), TR_OK);
  assert_int_equal(tr_agreement_set_kind(base, TR_KIND_BILATERAL), TR_OK);
  assert_int_equal(tr_agreement_set_status(base, TR_AGREEMENT_STATUS_IN_FORCE), TR_OK);
  assert_int_equal(tr_agreement_set_family(base, TR_FAMILY_AMERICAN), TR_OK);
  assert_int_equal(tr_agreement_set_date_signed(base, "2007-06-30"), TR_OK);
  assert_int_equal(tr_agreement_set_date_in_force(base, "2012-03"), TR_OK);
  assert_int_equal(tr_agreement_add_party(base, "USA"), TR_OK);
  assert_int_equal(tr_agreement_add_party(base, "KOR"), TR_OK);
  assert_int_equal(tr_agreement_add_source(base, "ToTA pta_159; WTO RTA 183"), TR_OK);
  assert_int_equal(tr_agreement_add_source(base, "path C:\\texts\\korus.txt"), TR_OK);
  assert_int_equal(tr_agreement_set_tota_id(base, 159), TR_OK);
  assert_int_equal(tr_agreement_set_wto_rta_id(base, 183), TR_OK);
  assert_int_equal(tr_agreement_set_note(base, "line one\nline two, with comma\r\nand CRLF"), TR_OK);

  tr_provision *p = NULL;
  assert_int_equal(tr_provision_new(TR_CATEGORY_CROSS_BORDER_DATA_FLOWS, TR_STRENGTH_SOFT, &p), TR_OK);
  assert_int_equal(tr_provision_set_citation(p, "Art. 15.8"), TR_OK);
  assert_int_equal(tr_provision_set_title(p, "Cross-Border \"Information\" Flows"), TR_OK);
  assert_int_equal(tr_provision_set_summary(p, "Parties \"shall endeavour\" to refrain"), TR_OK);
  assert_int_equal(tr_provision_set_exceptions(p, TR_EXCEPTION_LPPO | TR_EXCEPTION_PRIVACY), TR_OK);
  assert_int_equal(tr_provision_set_dispute_settlement(p, TR_DS_YES), TR_OK);
  assert_int_equal(tr_provision_set_flags(p, TR_PROVISION_UNCERTAIN), TR_OK);
  assert_int_equal(tr_provision_set_source(p, "ToTA pta_159 Art 15.8"), TR_OK);
  assert_int_equal(tr_provision_set_note(p, "Zoë's note: “curly” quotes, ünïcödé"), TR_OK);
  assert_int_equal(tr_agreement_add_provision(base, p), TR_OK);
  assert_int_equal(tr_provision_new(TR_CATEGORY_SOURCE_CODE, TR_STRENGTH_UNKNOWN, &p), TR_OK);
  assert_int_equal(tr_agreement_add_provision(base, p), TR_OK);
  assert_int_equal(tr_provision_new(TR_CATEGORY_CUSTOMS_DUTIES_ELECTRONIC_TRANSMISSIONS,
                                    TR_STRENGTH_HARD, &p), TR_OK);
  assert_int_equal(tr_provision_set_flags(p, TR_PROVISION_PROPOSED | TR_PROVISION_SUSPENDED), TR_OK);
  assert_int_equal(tr_provision_set_dispute_settlement(p, TR_DS_NO), TR_OK);
  assert_int_equal(tr_agreement_add_provision(base, p), TR_OK);
  assert_int_equal(tr_catalog_add_agreement(c, base), TR_OK);

  tr_agreement *derived = NULL;
  assert_int_equal(tr_agreement_new("DERIVED.2", "Derivé, sans provisions", &derived), TR_OK);
  assert_int_equal(tr_agreement_set_based_on(derived, "BASE"), TR_OK);
  assert_int_equal(tr_agreement_set_date_signed(derived, "2019"), TR_OK);
  assert_int_equal(tr_agreement_add_party(derived, "EU"), TR_OK);
  assert_int_equal(tr_catalog_add_agreement(c, derived), TR_OK);
  return c;
}

static void assert_evidence_equal(const tr_provision *p, const tr_provision *q) {
  tr_strength dp = TR_STRENGTH_UNKNOWN, dq = TR_STRENGTH_UNKNOWN;
  assert_int_equal(tr_provision_get_basis(p), tr_provision_get_basis(q));
  assert_int_equal(tr_provision_get_review(p), tr_provision_get_review(q));
  assert_int_equal(tr_provision_get_draft(p, &dp), tr_provision_get_draft(q, &dq));
  assert_int_equal(dp, dq);
  assert_int_equal(tr_provision_evidence_count(p), tr_provision_evidence_count(q));
  for (size_t i = 0; i < tr_provision_evidence_count(p); i++) {
    const tr_cell_evidence *x = tr_provision_evidence_at(p, i), *y = tr_provision_evidence_at(q, i);
    assert_int_equal(tr_cell_evidence_get_tota_id(x), tr_cell_evidence_get_tota_id(y));
    assert_int_equal(tr_cell_evidence_get_article_id(x), tr_cell_evidence_get_article_id(y));
    assert_string_equal(tr_cell_evidence_get_article(x), tr_cell_evidence_get_article(y));
    assert_true(g_strcmp0(tr_cell_evidence_get_paragraph(x), tr_cell_evidence_get_paragraph(y)) == 0);
    assert_string_equal(tr_cell_evidence_get_span(x), tr_cell_evidence_get_span(y));
    assert_true(g_strcmp0(tr_cell_evidence_get_document(x), tr_cell_evidence_get_document(y)) == 0);
    assert_true(g_strcmp0(tr_cell_evidence_get_url(x), tr_cell_evidence_get_url(y)) == 0);
  }
  const tr_exception_scope *a = tr_provision_get_exception_scope(p);
  const tr_exception_scope *b = tr_provision_get_exception_scope(q);
  assert_true((a == NULL) == (b == NULL));
  if (!a)
    return;
  assert_int_equal(tr_exception_scope_get_breadth(a), tr_exception_scope_get_breadth(b));
  assert_int_equal(tr_exception_scope_get_form(a), tr_exception_scope_get_form(b));
  assert_int_equal(tr_exception_scope_get_self_judging(a), tr_exception_scope_get_self_judging(b));
  assert_int_equal(tr_exception_scope_incorporates_count(a), tr_exception_scope_incorporates_count(b));
  for (size_t i = 0; i < tr_exception_scope_incorporates_count(a); i++)
    assert_string_equal(tr_exception_scope_incorporates_at(a, i), tr_exception_scope_incorporates_at(b, i));
  assert_int_equal(tr_exception_scope_chapter_count(a), tr_exception_scope_chapter_count(b));
  for (size_t i = 0; i < tr_exception_scope_chapter_count(a); i++)
    assert_string_equal(tr_exception_scope_chapter_at(a, i), tr_exception_scope_chapter_at(b, i));
}

/* Deep equality through the public getters (independent of any serialisation). */
static void assert_agreement_equal(const tr_agreement *a, const tr_agreement *b) {
  assert_string_equal(tr_agreement_get_id(a), tr_agreement_get_id(b));
  assert_string_equal(tr_agreement_get_name(a), tr_agreement_get_name(b));
  assert_int_equal(tr_agreement_get_kind(a), tr_agreement_get_kind(b));
  assert_int_equal(tr_agreement_get_status(a), tr_agreement_get_status(b));
  assert_int_equal(tr_agreement_get_family(a), tr_agreement_get_family(b));
  assert_true(g_strcmp0(tr_agreement_get_date_signed(a), tr_agreement_get_date_signed(b)) == 0);
  assert_true(g_strcmp0(tr_agreement_get_date_in_force(a), tr_agreement_get_date_in_force(b)) == 0);
  assert_true(g_strcmp0(tr_agreement_get_based_on(a), tr_agreement_get_based_on(b)) == 0);
  assert_true(g_strcmp0(tr_agreement_get_note(a), tr_agreement_get_note(b)) == 0);
  assert_int_equal(tr_agreement_get_tota_id(a), tr_agreement_get_tota_id(b));
  assert_int_equal(tr_agreement_get_wto_rta_id(a), tr_agreement_get_wto_rta_id(b));
  assert_int_equal(tr_agreement_party_count(a), tr_agreement_party_count(b));
  for (size_t i = 0; i < tr_agreement_party_count(a); i++)
    assert_string_equal(tr_agreement_party_at(a, i), tr_agreement_party_at(b, i));
  assert_int_equal(tr_agreement_source_count(a), tr_agreement_source_count(b));
  for (size_t i = 0; i < tr_agreement_source_count(a); i++)
    assert_string_equal(tr_agreement_source_at(a, i), tr_agreement_source_at(b, i));
  assert_int_equal(tr_agreement_provision_count(a), tr_agreement_provision_count(b));
  for (size_t i = 0; i < tr_agreement_provision_count(a); i++) {
    const tr_provision *p = tr_agreement_provision_at(a, i), *q = tr_agreement_provision_at(b, i);
    assert_int_equal(tr_provision_get_category(p), tr_provision_get_category(q));
    assert_int_equal(tr_provision_get_strength(p), tr_provision_get_strength(q));
    assert_true(g_strcmp0(tr_provision_get_citation(p), tr_provision_get_citation(q)) == 0);
    assert_true(g_strcmp0(tr_provision_get_title(p), tr_provision_get_title(q)) == 0);
    assert_true(g_strcmp0(tr_provision_get_summary(p), tr_provision_get_summary(q)) == 0);
    assert_true(g_strcmp0(tr_provision_get_source(p), tr_provision_get_source(q)) == 0);
    assert_true(g_strcmp0(tr_provision_get_note(p), tr_provision_get_note(q)) == 0);
    assert_int_equal(tr_provision_get_exceptions(p), tr_provision_get_exceptions(q));
    assert_int_equal(tr_provision_get_dispute_settlement(p), tr_provision_get_dispute_settlement(q));
    assert_int_equal(tr_provision_get_flags(p), tr_provision_get_flags(q));
    assert_evidence_equal(p, q);
  }
}

static void assert_catalog_equal(const tr_catalog *a, const tr_catalog *b) {
  assert_int_equal(tr_catalog_agreement_count(a), tr_catalog_agreement_count(b));
  for (size_t i = 0; i < tr_catalog_agreement_count(a); i++)
    assert_agreement_equal(tr_catalog_agreement_at(a, i), tr_catalog_agreement_at(b, i));
}

static void assert_round_trip(tr_catalog *c) {
  char *csv = NULL;
  assert_int_equal(tr_csv_write(c, NULL, TR_CSV_LONG, &csv), TR_OK);
  tr_catalog *back = NULL;
  assert_int_equal(tr_catalog_new(&back), TR_OK);
  int rc = tr_csv_read(back, csv, strlen(csv), "roundtrip.csv");
  if (rc)
    fprintf(stderr, "%s\n", tr_error_message());
  assert_int_equal(rc, TR_OK);
  assert_int_equal(tr_catalog_agreement_count(back), tr_catalog_agreement_count(c));
  assert_catalog_equal(c, back);
  /* Writing again gives the same bytes. */
  char *csv2 = NULL;
  assert_int_equal(tr_csv_write(back, NULL, TR_CSV_LONG, &csv2), TR_OK);
  assert_string_equal(csv, csv2);
  tr_free(csv);
  tr_free(csv2);
  tr_catalog_free(back);
}

static void test_round_trip_tricky(void **state) {
  (void)state;
  tr_catalog *c = tricky_catalog();
  assert_round_trip(c);
  tr_catalog_free(c);
}

static void test_round_trip_default(void **state) {
  (void)state;
  tr_catalog *c = NULL;
  assert_int_equal(tr_catalog_new_default(&c), TR_OK);
  assert_round_trip(c);
  tr_catalog_free(c);
}

/* The evidence members survive the long format (lists aligned, escapes, null paragraphs). */
static void test_round_trip_evidence(void **state) {
  (void)state;
  tr_catalog *c = NULL;
  assert_int_equal(tr_catalog_new(&c), TR_OK);
  if (tr_catalog_load_file(c, TR_FIXTURES_DIR "/model/evidence.json") != TR_OK)
    fail_msg("%s", tr_error_message());
  /* add a cell whose first record has no paragraph and whose span holds ';' and '\\' */
  tr_agreement *a = NULL;
  tr_provision *p = NULL;
  tr_cell_evidence *e = NULL;
  tr_exception_scope *sc = NULL;
  assert_int_equal(tr_agreement_new("EVB", "second, with; separators", &a), TR_OK);
  assert_int_equal(tr_provision_new(TR_CATEGORY_PAPERLESS_TRADING, TR_STRENGTH_SOFT, &p), TR_OK);
  assert_int_equal(tr_provision_set_basis(p, TR_BASIS_TEXT), TR_OK);
  assert_int_equal(tr_cell_evidence_new(7, 0, "5", NULL, "a; b \\ c, \"d\"", &e), TR_OK);
  assert_int_equal(tr_provision_add_evidence(p, e), TR_OK);
  assert_int_equal(tr_cell_evidence_new(7, 12, "5;6", "2(b)", "shall endeavour", &e), TR_OK);
  assert_int_equal(tr_provision_add_evidence(p, e), TR_OK);
  /* a third record from a document outside ToTA: the ToTA records get empty document items */
  assert_int_equal(tr_cell_evidence_new_document("Doc; one", "https://example.org/a;b", "II", NULL,
                                                 "shall", &e), TR_OK);
  assert_int_equal(tr_provision_add_evidence(p, e), TR_OK);
  assert_int_equal(tr_cell_evidence_new_document("WT/MIN(98)/DEC/2", NULL, "recital", NULL,
                                                 "Recognizing that", &e), TR_OK);
  assert_int_equal(tr_provision_add_evidence(p, e), TR_OK);
  assert_int_equal(tr_exception_scope_new(TR_SCOPE_SECTOR, TR_SCOPE_STANDALONE, &sc), TR_OK);
  assert_int_equal(tr_exception_scope_add_incorporates(sc, "x;y"), TR_OK);
  assert_int_equal(tr_provision_set_exception_scope(p, sc), TR_OK);
  assert_int_equal(tr_agreement_add_provision(a, p), TR_OK);
  assert_int_equal(tr_catalog_add_agreement(c, a), TR_OK);
  assert_round_trip(c);
  /* the derived citation column is written */
  char *csv = NULL;
  assert_int_equal(tr_csv_write(c, NULL, TR_CSV_LONG, &csv), TR_OK);
  assert_non_null(strstr(csv, "pta_9001 Art. 16.3(1) [article 77]"));
  assert_non_null(strstr(csv, ",coder_confirmed,hard,confirmed,"));
  assert_non_null(strstr(csv, "Fixture Agreement (Official Journal L 1, 2004) Art. 16.1(1)"));
  assert_non_null(strstr(csv, ",https://example.org/oj/L1-2004.html#ch16;,"));
  assert_non_null(strstr(csv, ",;;https://example.org/a\\;b;,"));
  assert_non_null(strstr(csv, "Doc\\; one Art. II;WT/MIN(98)/DEC/2 recital"));
  tr_free(csv);
  tr_catalog_free(c);
}

static void test_round_trip_file(void **state) {
  (void)state;
  tr_catalog *c = tricky_catalog();
  char *dir = g_dir_make_tmp("trcsv-XXXXXX", NULL);
  assert_non_null(dir);
  char *path = g_build_filename(dir, "out.csv", NULL);
  assert_int_equal(tr_csv_write_file(c, NULL, TR_CSV_LONG, path), TR_OK);
  tr_catalog *back = NULL;
  assert_int_equal(tr_catalog_new(&back), TR_OK);
  assert_int_equal(tr_csv_read_file(back, path), TR_OK);
  assert_catalog_equal(c, back);
  tr_catalog_free(back);
  /* Missing file: an I/O error naming the path. */
  char *missing = g_build_filename(dir, "missing.csv", NULL);
  assert_int_equal(tr_catalog_new(&back), TR_OK);
  assert_int_equal(tr_csv_read_file(back, missing), TR_ERR_IO);
  assert_string_equal(tr_error_file(), missing);
  tr_catalog_free(back);
  g_unlink(path);
  g_rmdir(dir);
  g_free(missing);
  g_free(path);
  g_free(dir);
  tr_catalog_free(c);
}

/* RFC 4180 layout: CRLF, a header without spaces, names R and Stata accept. */
static void test_layout_long(void **state) {
  (void)state;
  tr_catalog *c = tricky_catalog();
  char *csv = NULL;
  assert_int_equal(tr_csv_write(c, NULL, TR_CSV_LONG, &csv), TR_OK);
  assert_true(g_str_has_prefix(csv, "agreement,name,"));
  assert_true(g_str_has_suffix(csv, "\r\n"));
  /* Every LF outside quoted fields is preceded by CR: count records. */
  int records = 0, in_quotes = 0;
  for (const char *p = csv; *p; p++) {
    if (*p == '"')
      in_quotes = !in_quotes;
    else if (*p == '\n' && !in_quotes) {
      assert_true(p > csv && p[-1] == '\r');
      records++;
    }
  }
  /* header + 3 provisions of BASE + 1 row for DERIVED.2 (no provisions) */
  assert_int_equal(records, 5);
  /* The source with ';' is escaped, the backslash doubled. */
  assert_non_null(strstr(csv, "ToTA pta_159\\; WTO RTA 183;path C:\\\\texts\\\\korus.txt"));
  /* Exceptions and flags are ';'-joined ids. */
  assert_non_null(strstr(csv, ",lppo;privacy,"));
  assert_non_null(strstr(csv, ",proposed;suspended,"));
  tr_free(csv);
  tr_catalog_free(c);
}

/* Split one CSV record without embedded newlines (test helper, RFC 4180 quoting). */
static char **split_record(const char *line) {
  GPtrArray *out = g_ptr_array_new();
  GString *cur = g_string_new(NULL);
  gboolean q = FALSE;
  for (const char *p = line;; p++) {
    if (q) {
      if (*p == '"' && p[1] == '"') {
        g_string_append_c(cur, '"');
        p++;
      } else if (*p == '"') {
        q = FALSE;
      } else {
        g_string_append_c(cur, *p);
      }
    } else if (*p == '"') {
      q = TRUE;
    } else if (*p == ',' || *p == '\0') {
      g_ptr_array_add(out, g_string_free(cur, FALSE));
      cur = g_string_new(NULL);
      if (!*p)
        break;
    } else {
      g_string_append_c(cur, *p);
    }
  }
  g_string_free(cur, TRUE);
  g_ptr_array_add(out, NULL);
  return (char **)g_ptr_array_free(out, FALSE);
}

static gboolean valid_stata_name(const char *s) {
  if (!s || !*s || strlen(s) > 32 || g_ascii_isdigit(s[0]))
    return FALSE;
  for (const char *p = s; *p; p++)
    if (!g_ascii_isalnum(*p) && *p != '_')
      return FALSE;
  return TRUE;
}

static void test_layout_wide(void **state) {
  (void)state;
  tr_catalog *c = tricky_catalog();
  char *csv = NULL;
  assert_int_equal(tr_csv_write(c, NULL, TR_CSV_WIDE, &csv), TR_OK);
  char **lines = g_strsplit(csv, "\r\n", -1);
  /* header, BASE, DERIVED.2, and the empty string after the last CRLF */
  assert_int_equal(g_strv_length(lines), 4);
  char **head = g_strsplit(lines[0], ",", -1);
  int ncat = tr_category_count();
  assert_int_equal((int)g_strv_length(head), 11 + ncat);
  /* the ids and dispute settlement follow the year, before the categories */
  assert_string_equal(head[8], "tota_id");
  assert_string_equal(head[9], "wto_rta_id");
  assert_string_equal(head[10], "dispute_settlement");
  GHashTable *seen = g_hash_table_new(g_str_hash, g_str_equal);
  for (int i = 0; head[i]; i++) {
    assert_true(valid_stata_name(head[i]));
    assert_false(g_hash_table_contains(seen, head[i]));
    g_hash_table_add(seen, head[i]);
  }
  g_hash_table_destroy(seen);
  /* Cells: strength codes under the right column, empty where not coded or unknown. */
  char **row = split_record(lines[1]);
  assert_int_equal((int)g_strv_length(row), 11 + ncat);
  assert_string_equal(row[0], "BASE");
  assert_string_equal(row[8], "159");
  assert_string_equal(row[9], "183");
  assert_string_equal(row[10], "1"); /* one provision yes, one no: at least one is covered */
  assert_string_equal(row[1], "Base \"template\", version 1");
  assert_string_equal(row[5], "USA;KOR");
  assert_string_equal(row[7], "2007");
  for (int k = 1; k <= ncat; k++) {
    const char *col = tr_csv_category_column((tr_category)k);
    int idx = -1;
    for (int i = 0; head[i]; i++)
      if (strcmp(head[i], col) == 0)
        idx = i;
    assert_true(idx >= 11);
    const char *want = k == TR_CATEGORY_CROSS_BORDER_DATA_FLOWS ? "1"
                       : k == TR_CATEGORY_CUSTOMS_DUTIES_ELECTRONIC_TRANSMISSIONS ? "3"
                       : ""; /* source_code is unknown: empty like not coded */
    assert_string_equal(row[idx], want);
  }
  g_strfreev(row);
  g_strfreev(head);
  g_strfreev(lines);
  tr_free(csv);

  /* A selection writes only those agreements, in order; metadata columns carry the codes. */
  tr_agreement_list *list = NULL;
  tr_filter *f = NULL;
  assert_int_equal(tr_filter_new(&f), TR_OK);
  assert_int_equal(tr_filter_set_party(f, "EU"), TR_OK);
  assert_int_equal(tr_catalog_select(c, f, &list), TR_OK);
  assert_int_equal(tr_csv_write(c, list, TR_CSV_WIDE, &csv), TR_OK);
  lines = g_strsplit(csv, "\r\n", -1);
  assert_int_equal(g_strv_length(lines), 3);
  /* no ids, no provision: tota_id, wto_rta_id and dispute_settlement empty */
  assert_true(g_str_has_prefix(lines[1], "DERIVED.2,\"Derivé, sans provisions\",unknown,unknown,unknown,EU,2019,2019,,,,"));
  /* no provision coded: every category cell is empty */
  assert_true(g_str_has_suffix(lines[1], ",,,"));
  g_strfreev(lines);
  tr_free(csv);
  tr_agreement_list_free(list);
  tr_filter_free(f);
  tr_catalog_free(c);
}

static void test_wide_codes(void **state) {
  (void)state;
  assert_int_equal(tr_csv_strength_code(TR_STRENGTH_NONE), 0);
  assert_int_equal(tr_csv_strength_code(TR_STRENGTH_SOFT), 1);
  assert_int_equal(tr_csv_strength_code(TR_STRENGTH_MIXED), 2);
  assert_int_equal(tr_csv_strength_code(TR_STRENGTH_HARD), 3);
  assert_int_equal(tr_csv_strength_code(TR_STRENGTH_UNKNOWN), -1);
  assert_int_equal(tr_csv_strength_code((tr_strength)99), -1);
  assert_null(tr_csv_category_column(TR_CATEGORY_UNKNOWN));
  assert_string_equal(tr_csv_category_column(TR_CATEGORY_SOURCE_CODE), "source_code");
  tr_csv_format f;
  assert_int_equal(tr_csv_format_from_id("wide", &f), TR_OK);
  assert_int_equal(f, TR_CSV_WIDE);
  assert_string_equal(tr_csv_format_id(TR_CSV_LONG), "long");
  assert_null(tr_csv_format_id((tr_csv_format)0));
  assert_int_equal(tr_csv_format_from_id("tall", &f), TR_ERR_NOT_FOUND);
  assert_int_equal(tr_csv_format_from_id(NULL, &f), TR_ERR_INVALID_ARG);
  char *out = NULL;
  assert_int_equal(tr_csv_write(NULL, NULL, TR_CSV_LONG, &out), TR_ERR_INVALID_ARG);
  assert_null(out);
  tr_catalog *c = NULL;
  assert_int_equal(tr_catalog_new(&c), TR_OK);
  assert_int_equal(tr_csv_write(c, NULL, (tr_csv_format)7, &out), TR_ERR_INVALID_ARG);
  assert_int_equal(tr_csv_write(c, NULL, TR_CSV_LONG, NULL), TR_ERR_INVALID_ARG);
  assert_int_equal(tr_csv_read(NULL, "", 0, NULL), TR_ERR_INVALID_ARG);
  assert_int_equal(tr_csv_read_file(c, NULL), TR_ERR_INVALID_ARG);
  /* Empty catalog: just the header. */
  assert_int_equal(tr_csv_write(c, NULL, TR_CSV_LONG, &out), TR_OK);
  assert_int_equal((int)strlen(out), (int)strcspn(out, "\n") + 1);
  tr_free(out);
  tr_catalog_free(c);
}

/* ---- errors ------------------------------------------------------------ */

#define HEADER "agreement,name,category,strength,citation\r\n"

/* Read @csv into a catalog that already holds one agreement; check code,
 * line, column and field, and that the catalog did not change. */
static void expect_error(const char *csv, int code, long line, long column, const char *field) {
  tr_catalog *c = NULL;
  assert_int_equal(tr_catalog_new(&c), TR_OK);
  tr_agreement *a = NULL;
  assert_int_equal(tr_agreement_new("OLD", "Existing", &a), TR_OK);
  assert_int_equal(tr_catalog_add_agreement(c, a), TR_OK);
  int rc = tr_csv_read(c, csv, strlen(csv), "bad.csv");
  if (rc != code || tr_error_line() != line || tr_error_column() != column)
    fprintf(stderr, "got %d: %s\n", rc, tr_error_message());
  assert_int_equal(rc, code);
  assert_int_equal(tr_error_code(), code);
  assert_string_equal(tr_error_file(), "bad.csv");
  assert_int_equal(tr_error_line(), line);
  assert_int_equal(tr_error_column(), column);
  if (field)
    assert_string_equal(tr_error_field(), field);
  else
    assert_null(tr_error_field());
  assert_non_null(strstr(tr_error_message(), "bad.csv:"));
  /* all or nothing: only the agreement that was there before */
  assert_int_equal(tr_catalog_agreement_count(c), 1);
  assert_string_equal(tr_agreement_get_id(tr_catalog_agreement_at(c, 0)), "OLD");
  assert_int_equal(tr_agreement_provision_count(tr_catalog_agreement_at(c, 0)), 0);
  tr_catalog_free(c);
}

static void test_error_empty(void **state) {
  (void)state;
  expect_error("", TR_ERR_EMPTY, 1, 1, NULL);
}

static void test_error_column_count(void **state) {
  (void)state;
  /* one field too few on line 3: reported at the end of the record, naming the missing column */
  expect_error(HEADER "A,Alpha,source_code,hard,Art 1\r\nB,Beta,source_code,hard\r\n",
               TR_ERR_PARSE, 3, 24, "citation");
  /* one too many: reported at the extra field */
  expect_error(HEADER "A,Alpha,source_code,hard,Art 1,extra\r\n", TR_ERR_PARSE, 2, 32, NULL);
  /* a blank line in the middle is a record with one field */
  expect_error(HEADER "\r\nA,Alpha,source_code,hard,\r\n", TR_ERR_PARSE, 2, 1, "name");
}

static void test_error_quoting(void **state) {
  (void)state;
  expect_error(HEADER "A,Al\"pha,source_code,hard,\r\n", TR_ERR_PARSE, 2, 5, "name");
  expect_error(HEADER "A,\"Alpha\"x,source_code,hard,\r\n", TR_ERR_PARSE, 2, 10, "name");
  expect_error(HEADER "A,Alpha,source_code,hard,\"Art 1\r\n\r\n", TR_ERR_PARSE, 2, 26, "citation");
  expect_error(HEADER "A,Alpha,source_code,hard,x\ry\r\n", TR_ERR_PARSE, 2, 27, "citation");
}

static void test_error_encoding(void **state) {
  (void)state;
  expect_error(HEADER "A,Al\xE9pha,source_code,hard,\r\n", TR_ERR_ENCODING, 2, 5, "name");
  /* in a quoted field on the second line of the field */
  expect_error(HEADER "A,Alpha,source_code,hard,\"x\n\xFF\"\r\n", TR_ERR_ENCODING, 3, 1, "citation");
  expect_error("agree\xC3ment,name\r\n", TR_ERR_ENCODING, 1, 6, NULL);
}

static void test_error_values(void **state) {
  (void)state;
  expect_error(HEADER "A,Alpha,source_codes,hard,\r\n", TR_ERR_SCHEMA, 2, 9, "category");
  expect_error(HEADER "A,Alpha,source_code,binding,\r\n", TR_ERR_SCHEMA, 2, 21, "strength");
  expect_error(HEADER "A,Alpha,source_code,,\r\n", TR_ERR_SCHEMA, 2, 21, "strength");
  expect_error(HEADER "A,,source_code,hard,\r\n", TR_ERR_SCHEMA, 2, 3, "name");
  expect_error(HEADER ",Alpha,source_code,hard,\r\n", TR_ERR_SCHEMA, 2, 1, "agreement");
  expect_error(HEADER "bad id!,Alpha,source_code,hard,\r\n", TR_ERR_SCHEMA, 2, 1, "agreement");
  expect_error(HEADER "A,Alpha,,,Art 1\r\n", TR_ERR_SCHEMA, 2, 11, "citation");
  expect_error("agreement,name,category,strength,exceptions\r\nA,Alpha,source_code,hard,lppo;nope\r\n",
               TR_ERR_SCHEMA, 2, 26, "exceptions");
  expect_error("agreement,name,category,strength,flags\r\nA,Alpha,source_code,hard,proposed\\x\r\n",
               TR_ERR_SCHEMA, 2, 26, "flags");
  expect_error("agreement,name,category,strength,dispute_settlement\r\nA,Alpha,source_code,hard,maybe\r\n",
               TR_ERR_SCHEMA, 2, 26, "dispute_settlement");
  expect_error("agreement,name,category,strength,tota_id\r\nA,Alpha,source_code,hard,12x\r\n",
               TR_ERR_SCHEMA, 2, 26, "tota_id");
  expect_error("agreement,name,category,strength,date_signed\r\nA,Alpha,source_code,hard,2019-13-01\r\n",
               TR_ERR_SCHEMA, 2, 26, "date_signed");
  expect_error("agreement,name,category,strength,family\r\nA,Alpha,source_code,hard,asian\r\n",
               TR_ERR_SCHEMA, 2, 26, "family");
  expect_error("agreement,name,category,strength,parties\r\nA,Alpha,source_code,hard,USA;usa2\r\n",
               TR_ERR_SCHEMA, 2, 26, "parties");
  expect_error("agreement,name,category,strength,strength_code\r\nA,Alpha,source_code,hard,1\r\n",
               TR_ERR_SCHEMA, 2, 26, "strength_code");
}

static void test_error_evidence(void **state) {
  (void)state;
#define EVH "agreement,name,category,strength,basis,evidence_tota_id,evidence_article_id,evidence_article,evidence_span"
  expect_error(EVH "\r\nA,Alpha,source_code,hard,read,,,,\r\n", TR_ERR_SCHEMA, 2, 26, "basis");
  expect_error(EVH "\r\nA,Alpha,source_code,hard,text,1;2,3,4,x\r\n", TR_ERR_SCHEMA, 2, 31,
               "evidence_tota_id");
  expect_error(EVH "\r\nA,Alpha,source_code,hard,text,0,3,4,x\r\n", TR_ERR_SCHEMA, 2, 31,
               "evidence_tota_id");
  expect_error(EVH "\r\nA,Alpha,source_code,hard,text,1,-3,4,x\r\n", TR_ERR_SCHEMA, 2, 33,
               "evidence_article_id");
  expect_error(EVH "\r\nA,Alpha,source_code,hard,text,1,3,,x\r\n", TR_ERR_SCHEMA, 2, 35,
               "evidence_article");
  expect_error(EVH "\r\nA,Alpha,source_code,hard,text,1,3,4,\r\n", TR_ERR_SCHEMA, 2, 31,
               "evidence_tota_id");
#define EVD EVH ",evidence_document,evidence_url"
  /* ToTA records have no document or url; document records have tota_id and article_id 0 */
  expect_error(EVD "\r\nA,Alpha,source_code,hard,text,1,3,4,x,GATS,\r\n", TR_ERR_SCHEMA, 2, 39,
               "evidence_document");
  expect_error(EVD "\r\nA,Alpha,source_code,hard,text,1,3,4,x,,https://a.org\r\n", TR_ERR_SCHEMA, 2, 40,
               "evidence_url");
  expect_error(EVD "\r\nA,Alpha,source_code,hard,text,0,3,4,x,GATS,\r\n", TR_ERR_SCHEMA, 2, 33,
               "evidence_article_id");
  expect_error(EVD "\r\nA,Alpha,source_code,hard,text,0,0,4,x,GATS,ftp://a.org\r\n", TR_ERR_SCHEMA, 2, 44,
               "evidence_url");
  expect_error(EVD "\r\nA,Alpha,source_code,hard,text,0;1,0;2,4;5,x;y,GATS;GATS,\r\n", TR_ERR_SCHEMA, 2, 47,
               "evidence_document");
  expect_error(EVD "\r\nA,Alpha,source_code,hard,text,0;1,0;2,4;5,x;y,GATS,\r\n", TR_ERR_SCHEMA, 2, 47,
               "evidence_document");
#undef EVD
  expect_error("agreement,name,category,strength,draft\r\nA,Alpha,source_code,hard,strong\r\n",
               TR_ERR_SCHEMA, 2, 26, "draft");
  expect_error("agreement,name,category,strength,review\r\nA,Alpha,source_code,hard,ok\r\n",
               TR_ERR_SCHEMA, 2, 26, "review");
  expect_error("agreement,name,category,strength,scope_form\r\nA,Alpha,source_code,hard,standalone\r\n",
               TR_ERR_SCHEMA, 2, 26, "scope_form");
  expect_error("agreement,name,category,strength,scope_breadth,scope_form\r\nA,Alpha,source_code,hard,sector,x\r\n",
               TR_ERR_SCHEMA, 2, 33, "scope_form");
  expect_error("agreement,name,category,strength,scope_breadth,scope_form,scope_chapters\r\n"
               "A,Alpha,source_code,hard,sector,standalone,all;all\r\n",
               TR_ERR_DUPLICATE, 2, 44, "scope_chapters");
  expect_error("agreement,name,category,strength,scope_breadth,scope_form,scope_self_judging\r\n"
               "A,Alpha,source_code,hard,sector,standalone,yes\r\n",
               TR_ERR_SCHEMA, 2, 44, "scope_self_judging");
#undef EVH
}

static void test_error_header(void **state) {
  (void)state;
  expect_error("agreement,name,category,strength,colour\r\n", TR_ERR_SCHEMA, 1, 34, "colour");
  expect_error("agreement,name,category,strength,name\r\n", TR_ERR_SCHEMA, 1, 34, "name");
  expect_error("agreement,name,category\r\n", TR_ERR_SCHEMA, 1, 0, "strength");
  expect_error("agreement ,name,category,strength\r\n", TR_ERR_SCHEMA, 1, 1, "agreement ");
  /* a wide matrix is recognised and refused with a hint */
  expect_error("agreement,name,source_code\r\n", TR_ERR_SCHEMA, 1, 16, "source_code");
  assert_non_null(strstr(tr_error_message(), "wide"));
}

static void test_error_consistency(void **state) {
  (void)state;
  /* the later row disagrees on agreement metadata */
  expect_error(HEADER "A,Alpha,source_code,hard,\r\nA,Alfa,ict_cryptography,soft,\r\n",
               TR_ERR_SCHEMA, 3, 3, "name");
  /* category twice */
  expect_error(HEADER "A,Alpha,source_code,hard,\r\nA,Alpha,source_code,soft,\r\n",
               TR_ERR_DUPLICATE, 3, 9, "category");
  /* id already in the catalog */
  expect_error(HEADER "B,Beta,source_code,hard,\r\nOLD,Old,source_code,hard,\r\n",
               TR_ERR_DUPLICATE, 3, 1, "agreement");
  /* based_on names nothing; and a cycle */
  expect_error("agreement,name,category,strength,based_on\r\nA,Alpha,,,NOPE\r\n",
               TR_ERR_REFERENCE, 2, 11, "based_on");
  expect_error("agreement,name,category,strength,based_on\r\nA,Alpha,,,B\r\nB,Beta,,,A\r\n",
               TR_ERR_REFERENCE, 2, 11, "based_on");
}

/* The reader lexes the whole file before it interprets a row, then reads the rows
 * one at a time and keeps only each agreement's first row position (lexed again to
 * compare a later row): rows of one agreement need not follow each other, a later
 * syntax error wins over an earlier value error, and the first row is read with the
 * same rules (a bare NA is missing) when compared. */
static void test_error_streaming(void **state) {
  (void)state;
  /* A's third row (line 4) disagrees with its first (line 2), with B in between */
  expect_error(HEADER "A,Alpha,source_code,hard,\r\nB,Beta,source_code,hard,\r\n"
               "A,Alfa,ict_cryptography,soft,\r\n", TR_ERR_SCHEMA, 4, 3, "name");
  assert_non_null(strstr(tr_error_message(), "differs from line 2 for agreement 'A' ('Alpha' there)"));
  /* the same after a multi-line quoted field: lines, not records, are counted */
  expect_error(HEADER "A,Alpha,source_code,hard,\"Art\n1\"\r\nB,Beta,source_code,hard,\r\n"
               "A,Alfa,ict_cryptography,soft,\r\n", TR_ERR_SCHEMA, 5, 3, "name");
  assert_non_null(strstr(tr_error_message(), "differs from line 2 for"));
  /* a bare NA on the first row is missing; a quoted "NA" later is the text NA */
  expect_error("agreement,name,category,strength,family\r\nA,Alpha,source_code,hard,NA\r\n"
               "B,Beta,source_code,hard,\r\nA,Alpha,ict_cryptography,soft,\"NA\"\r\n",
               TR_ERR_SCHEMA, 4, 31, "family");
  assert_non_null(strstr(tr_error_message(), "differs from line 2 for agreement 'A' ('' there)"));
  /* a syntax error on line 4 is found before the empty name on line 2 */
  expect_error(HEADER "A,,source_code,hard,\r\nB,Beta,source_code,hard,\r\nC,\"Gamma,source_code,hard,\r\n",
               TR_ERR_PARSE, 4, 3, "name");
  /* interleaved agreements that agree load; trailing empty and NA lines are not records */
  tr_catalog *c = NULL;
  assert_int_equal(tr_catalog_new(&c), TR_OK);
  const char *ok = HEADER "A,Alpha,source_code,hard,\r\nB,Beta,source_code,soft,\r\n"
                   "A,Alpha,ict_cryptography,soft,Art 2\r\nB,Beta,ict_cryptography,hard,\r\n"
                   "A,Alpha,paperless_trading,none,\r\n\r\nNA\r\n\r\n";
  int rc = tr_csv_read(c, ok, strlen(ok), "ok.csv");
  if (rc)
    fprintf(stderr, "%s\n", tr_error_message());
  assert_int_equal(rc, TR_OK);
  assert_int_equal(tr_catalog_agreement_count(c), 2);
  assert_int_equal(tr_agreement_provision_count(tr_catalog_find_agreement(c, "A")), 3);
  assert_int_equal(tr_agreement_provision_count(tr_catalog_find_agreement(c, "B")), 2);
  tr_catalog_free(c);
}

/* based_on may point forward in the file or into the catalog; a BOM and LF
 * line ends are accepted; columns may come in any order. */
static void test_read_lenient(void **state) {
  (void)state;
  tr_catalog *c = NULL;
  assert_int_equal(tr_catalog_new(&c), TR_OK);
  tr_agreement *a = NULL;
  assert_int_equal(tr_agreement_new("OLD", "Existing", &a), TR_OK);
  assert_int_equal(tr_catalog_add_agreement(c, a), TR_OK);
  const char *csv = "\xEF\xBB\xBF" "strength,category,name,agreement,based_on,exceptions\n"
                    "hard,source_code,Child,CHILD,PARENT, lppo ; privacy \n"
                    "soft,ict_cryptography,Child,CHILD,PARENT,\n"
                    ",,Parent,PARENT,OLD,\n";
  int rc = tr_csv_read(c, csv, strlen(csv), "ok.csv");
  if (rc)
    fprintf(stderr, "%s\n", tr_error_message());
  assert_int_equal(rc, TR_OK);
  assert_int_equal(tr_catalog_agreement_count(c), 3);
  const tr_agreement *child = tr_catalog_find_agreement(c, "CHILD");
  assert_non_null(child);
  assert_string_equal(tr_agreement_get_based_on(child), "PARENT");
  assert_int_equal(tr_agreement_provision_count(child), 2);
  const tr_provision *p = tr_agreement_find_provision(child, TR_CATEGORY_SOURCE_CODE);
  assert_non_null(p);
  assert_int_equal(tr_provision_get_strength(p), TR_STRENGTH_HARD);
  assert_int_equal(tr_provision_get_exceptions(p), TR_EXCEPTION_LPPO | TR_EXCEPTION_PRIVACY);
  const tr_agreement *parent = tr_catalog_find_agreement(c, "PARENT");
  assert_non_null(parent);
  assert_int_equal(tr_agreement_provision_count(parent), 0);
  tr_catalog_free(c);
}

/* What R's write.csv() writes by default: row names first under "", text
 * quoted, missing values as a bare NA; plus empty lines at the end. */
static void test_read_r_write_csv(void **state) {
  (void)state;
  tr_catalog *c = NULL;
  assert_int_equal(tr_catalog_new(&c), TR_OK);
  const char *csv = "\"\",\"agreement\",\"name\",\"category\",\"strength\",\"strength_code\",\"tota_id\","
                    "\"citation\",\"date_in_force\",\"note\"\n"
                    "\"1\",\"RA\",\"R agreement\",\"source_code\",\"hard\",3,NA,\"Art. 1\",NA,\"NA\"\n"
                    "\"2\",\"RA\",\"R agreement\",\"ict_cryptography\",\"unknown\",NA,NA,NA,NA,NA\n"
                    "\n\r\n\n";
  int rc = tr_csv_read(c, csv, strlen(csv), "r.csv");
  if (rc)
    fprintf(stderr, "%s\n", tr_error_message());
  assert_int_equal(rc, TR_OK);
  const tr_agreement *a = tr_catalog_find_agreement(c, "RA");
  assert_non_null(a);
  assert_int_equal(tr_agreement_get_tota_id(a), 0);          /* NA: none */
  assert_null(tr_agreement_get_date_in_force(a));             /* NA: unknown */
  assert_int_equal(tr_agreement_provision_count(a), 2);
  const tr_provision *p = tr_agreement_find_provision(a, TR_CATEGORY_SOURCE_CODE);
  assert_string_equal(tr_provision_get_citation(p), "Art. 1");
  assert_string_equal(tr_provision_get_note(p), "NA");        /* a quoted "NA" is text */
  p = tr_agreement_find_provision(a, TR_CATEGORY_ICT_CRYPTOGRAPHY);
  assert_int_equal(tr_provision_get_strength(p), TR_STRENGTH_UNKNOWN);
  assert_null(tr_provision_get_citation(p));
  tr_catalog_free(c);
  /* pandas writes integer columns that hold missing values as floats: 159.0 */
  assert_int_equal(tr_catalog_new(&c), TR_OK);
  csv = ",agreement,name,category,strength,strength_code,tota_id,evidence_tota_id,evidence_article_id,evidence_article,evidence_span,basis\n"
        "0,PD,Pandas,source_code,hard,3.0,159.0,159.0,4711.00,15.3,words,text\n";
  rc = tr_csv_read(c, csv, strlen(csv), "pd.csv");
  if (rc)
    fprintf(stderr, "%s\n", tr_error_message());
  assert_int_equal(rc, TR_OK);
  assert_int_equal(tr_agreement_get_tota_id(tr_catalog_find_agreement(c, "PD")), 159);
  tr_catalog_free(c);
  expect_error("agreement,name,category,strength,tota_id\r\nA,Alpha,source_code,hard,159.5\r\n",
               TR_ERR_SCHEMA, 2, 26, "tota_id");
  expect_error("agreement,name,category,strength,strength_code\r\nA,Alpha,source_code,hard,3.01\r\n",
               TR_ERR_SCHEMA, 2, 26, "strength_code");
  /* an empty line before the end is still an error; so is an unnamed column elsewhere */
  expect_error(HEADER "A,Alpha,source_code,hard,\r\n\r\nB,Beta,source_code,hard,\r\n", TR_ERR_PARSE, 3, 1, "name");
  expect_error("agreement,,name,category,strength\r\nA,1,Alpha,source_code,hard\r\n", TR_ERR_SCHEMA, 1, 11, "");
}

int main(void) {
  const struct CMUnitTest tests[] = {
    cmocka_unit_test(test_read_r_write_csv),
    cmocka_unit_test(test_round_trip_tricky),
    cmocka_unit_test(test_round_trip_default),
    cmocka_unit_test(test_round_trip_file),
    cmocka_unit_test(test_round_trip_evidence),
    cmocka_unit_test(test_error_evidence),
    cmocka_unit_test(test_layout_long),
    cmocka_unit_test(test_layout_wide),
    cmocka_unit_test(test_wide_codes),
    cmocka_unit_test(test_error_empty),
    cmocka_unit_test(test_error_column_count),
    cmocka_unit_test(test_error_quoting),
    cmocka_unit_test(test_error_encoding),
    cmocka_unit_test(test_error_values),
    cmocka_unit_test(test_error_header),
    cmocka_unit_test(test_error_consistency),
    cmocka_unit_test(test_error_streaming),
    cmocka_unit_test(test_read_lenient),
  };
  return cmocka_run_group_tests_name("csv", tests, NULL, NULL);
}
