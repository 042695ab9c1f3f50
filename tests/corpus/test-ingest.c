/* Tests for ToTA XML ingest: metadata, structure, and bad XML of every kind. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>

#include <glib.h>
#include <glib/gstdio.h>
#include <traderules/traderules.h>

#define FIX TR_FIXTURES_DIR "/corpus"

static tr_corpus *load_ok(const char *path) {
  tr_corpus *c = NULL;
  assert_int_equal(tr_corpus_new(&c), TR_OK);
  assert_int_equal(tr_corpus_load(c, path, TR_CORPUS_STOP_ON_ERROR, NULL), TR_OK);
  return c;
}

static void test_good_directory(void **state) {
  (void)state;
  tr_corpus *c = load_ok(FIX "/good");
  size_t first, n, a;
  assert_int_equal(tr_corpus_agreement_count(c), 3);
  /* natural order: pta_1, pta_2, pta_10 */
  assert_string_equal(tr_corpus_agreement_get(c, 0, TR_CORPUS_FIELD_TOTA_ID), "1");
  assert_string_equal(tr_corpus_agreement_get(c, 1, TR_CORPUS_FIELD_TOTA_ID), "2");
  assert_string_equal(tr_corpus_agreement_get(c, 2, TR_CORPUS_FIELD_TOTA_ID), "10");
  assert_int_equal(tr_corpus_chapter_count(c), 4);
  assert_int_equal(tr_corpus_article_count(c), 6);

  assert_string_equal(tr_corpus_agreement_get(c, 1, TR_CORPUS_FIELD_NAME),
                      "Gamma \xe2\x80\x93 \xce\x94" "elta");
  assert_string_equal(tr_corpus_agreement_get(c, 0, TR_CORPUS_FIELD_TYPE), "Free Trade Agreement");
  assert_string_equal(tr_corpus_agreement_get(c, 0, TR_CORPUS_FIELD_STATUS), "In Force");
  assert_string_equal(tr_corpus_agreement_get(c, 0, TR_CORPUS_FIELD_DATE_SIGNED), "2001-05-03");
  assert_null(tr_corpus_agreement_get(c, 0, TR_CORPUS_FIELD_DATE_INTO_FORCE)); /* empty element */
  assert_string_equal(tr_corpus_agreement_get(c, 1, TR_CORPUS_FIELD_LANGUAGE), "es");
  assert_string_equal(tr_corpus_agreement_get(c, 0, TR_CORPUS_FIELD_WTO_RTA_ID), "1001");
  assert_non_null(strstr(tr_corpus_agreement_get(c, 0, TR_CORPUS_FIELD_FILE), "pta_1.xml"));
  assert_null(tr_corpus_agreement_get(c, 0, TR_CORPUS_FIELD_TEXT));
  assert_null(tr_corpus_agreement_get(c, 3, TR_CORPUS_FIELD_NAME));

  assert_int_equal(tr_corpus_agreement_party_count(c, 1, TR_CORPUS_PARTIES_CURRENT), 3);
  assert_string_equal(tr_corpus_agreement_party(c, 1, TR_CORPUS_PARTIES_CURRENT, 2), "EEE");
  assert_string_equal(tr_corpus_agreement_party(c, 0, TR_CORPUS_PARTIES_ORIGINAL, 0), "AAA");
  assert_null(tr_corpus_agreement_party(c, 0, TR_CORPUS_PARTIES_ORIGINAL, 2));

  n = tr_corpus_agreement_chapters(c, 0, &first);
  assert_int_equal(n, 2);
  assert_int_equal(first, 0);
  assert_string_equal(tr_corpus_chapter_get(c, 1, TR_CORPUS_FIELD_NAME), "Electronic Commerce");
  assert_string_equal(tr_corpus_chapter_get(c, 1, TR_CORPUS_FIELD_NUMBER), "CHAPTER 1");
  assert_string_equal(tr_corpus_chapter_get(c, 1, TR_CORPUS_FIELD_IDENTIFIER), "11");
  assert_null(tr_corpus_chapter_get(c, 0, TR_CORPUS_FIELD_NUMBER));
  assert_null(tr_corpus_chapter_get(c, 3, TR_CORPUS_FIELD_NAME)); /* unnamed chapter */
  assert_int_equal(tr_corpus_chapter_agreement(c, 3), 2);
  n = tr_corpus_chapter_articles(c, 1, &first);
  assert_int_equal(n, 2);
  assert_int_equal(first, 1);
  assert_int_equal(tr_corpus_article_chapter(c, 2), 1);
  assert_int_equal(tr_corpus_article_agreement(c, 4), 1);
  assert_string_equal(tr_corpus_article_get(c, 1, TR_CORPUS_FIELD_NUMBER), "ARTICLE 1.1");
  assert_string_equal(tr_corpus_article_get(c, 1, TR_CORPUS_FIELD_NAME), "Customs Duties");
  assert_string_equal(tr_corpus_article_get(c, 1, TR_CORPUS_FIELD_IDENTIFIER), "102");
  /* entities are decoded */
  assert_non_null(strstr(tr_corpus_article_get(c, 0, TR_CORPUS_FIELD_TEXT), "trade & investment"));
  assert_int_equal(tr_corpus_chapter_agreement(c, 99), (size_t)-1);
  assert_null(tr_corpus_article_get(c, 99, TR_CORPUS_FIELD_TEXT));
  n = tr_corpus_agreement_articles(c, 2, &first);
  assert_int_equal(n, 1);
  assert_int_equal(first, 5);

  assert_int_equal(tr_corpus_agreement_find(c, "10", &a), TR_OK);
  assert_int_equal(a, 2);
  assert_int_equal(tr_corpus_agreement_find(c, "11", &a), TR_ERR_NOT_FOUND);
  tr_corpus_free(c);
}

static void test_single_file_and_duplicate(void **state) {
  (void)state;
  tr_corpus *c = load_ok(FIX "/good/pta_2.xml");
  assert_int_equal(tr_corpus_agreement_count(c), 1);
  /* the same file again: duplicate ToTA id, corpus unchanged */
  assert_int_equal(tr_corpus_load(c, FIX "/good/pta_2.xml", TR_CORPUS_STOP_ON_ERROR, NULL),
                   TR_ERR_DUPLICATE);
  assert_non_null(strstr(tr_error_message(), "pta_2.xml"));
  assert_int_equal(tr_corpus_agreement_count(c), 1);
  assert_int_equal(tr_corpus_article_count(c), 2);
  /* a directory holding it fails as a whole in stop mode */
  assert_int_equal(tr_corpus_load(c, FIX "/good", TR_CORPUS_STOP_ON_ERROR, NULL),
                   TR_ERR_DUPLICATE);
  assert_int_equal(tr_corpus_agreement_count(c), 1);
  tr_corpus_free(c);
}

typedef struct {
  const char *file;
  int code;
  long line; /* 0: do not check; -1: must be > 0 */
  const char *needle;
} bad_case;

static void test_bad_files(void **state) {
  (void)state;
  static const bad_case cases[] = {
    { "truncated.xml", TR_ERR_PARSE, -1, "malformed XML" },
    { "malformed.xml", TR_ERR_PARSE, 28, "redefined" },
    { "wrong-root.xml", TR_ERR_SCHEMA, 2, "<agreement>" },
    { "empty.xml", TR_ERR_EMPTY, 0, "empty" },
    { "invalid-utf8.xml", TR_ERR_ENCODING, 28, "UTF-8" },
    { "no-id.xml", TR_ERR_SCHEMA, 0, "treaty_identifier" },
    { "article-child.xml", TR_ERR_SCHEMA, 28, "<b>" },
    { "chapter-in-meta.xml", TR_ERR_SCHEMA, -1, "<note>" },
    { "does-not-exist.xml", TR_ERR_IO, 0, "does-not-exist.xml" },
  };
  for (size_t i = 0; i < G_N_ELEMENTS(cases); i++) {
    tr_corpus *c = NULL;
    char *path = g_build_filename(FIX, "bad", cases[i].file, NULL);
    assert_int_equal(tr_corpus_new(&c), TR_OK);
    int rc = tr_corpus_load(c, path, TR_CORPUS_STOP_ON_ERROR, NULL);
    if (rc != cases[i].code)
      fail_msg("%s: got %d (%s), expected %d", cases[i].file, rc, tr_error_message(),
               cases[i].code);
    assert_int_equal(tr_error_code(), cases[i].code);
    assert_non_null(strstr(tr_error_message(), cases[i].needle));
    assert_non_null(strstr(tr_error_message(), cases[i].file));
    assert_string_equal(tr_error_file(), path);
    if (cases[i].line > 0)
      assert_int_equal(tr_error_line(), cases[i].line);
    else if (cases[i].line < 0)
      assert_true(tr_error_line() > 0);
    /* nothing half-loaded */
    assert_int_equal(tr_corpus_agreement_count(c), 0);
    assert_int_equal(tr_corpus_article_count(c), 0);
    tr_corpus_free(c);
    g_free(path);
  }
}

static void test_invalid_utf8_column(void **state) {
  (void)state;
  char *data = NULL;
  gsize len = 0;
  long line = 1, col = 1;
  tr_corpus *c = NULL;
  assert_true(g_file_get_contents(FIX "/bad/invalid-utf8.xml", &data, &len, NULL));
  for (gsize i = 0; i < len && (unsigned char)data[i] != 0xE9; i++) {
    if (data[i] == '\n') {
      line++;
      col = 1;
    } else {
      col++;
    }
  }
  tr_corpus_new(&c);
  assert_int_equal(tr_corpus_load_memory(c, "mem.xml", data, len), TR_ERR_ENCODING);
  assert_int_equal(tr_error_line(), line);
  assert_int_equal(tr_error_column(), col);
  assert_string_equal(tr_error_file(), "mem.xml");
  /* a NUL byte is not UTF-8 text either */
  assert_int_equal(tr_corpus_load_memory(c, "nul.xml", "<treaty>\0</treaty>", 18), TR_ERR_ENCODING);
  assert_int_equal(tr_corpus_load_memory(c, "ws.xml", "  \n ", 4), TR_ERR_EMPTY);
  const char *nobody = "<treaty><meta><treaty_identifier>1</treaty_identifier></meta></treaty>";
  assert_int_equal(tr_corpus_load_memory(c, "x.xml", nobody, strlen(nobody)), TR_ERR_SCHEMA);
  assert_non_null(strstr(tr_error_message(), "<body>"));
  assert_int_equal(tr_corpus_agreement_count(c), 0);
  tr_corpus_free(c);
  g_free(data);
}

static void test_mixed_directory(void **state) {
  (void)state;
  tr_corpus *c = NULL;
  tr_corpus_errors *errs = (tr_corpus_errors *)&errs; /* must be overwritten */
  tr_corpus_new(&c);
  /* stop mode: first bad file in name order (pta_2, truncated) */
  assert_int_equal(tr_corpus_load(c, FIX "/mixed", TR_CORPUS_STOP_ON_ERROR, &errs), TR_ERR_PARSE);
  assert_null(errs);
  assert_non_null(strstr(tr_error_message(), "pta_2.xml"));
  assert_int_equal(tr_corpus_agreement_count(c), 0);
  /* skip mode: two good, two errors in name order */
  assert_int_equal(tr_corpus_load(c, FIX "/mixed", TR_CORPUS_SKIP_ERRORS, &errs), TR_OK);
  assert_int_equal(tr_corpus_agreement_count(c), 2);
  assert_string_equal(tr_corpus_agreement_get(c, 1, TR_CORPUS_FIELD_TOTA_ID), "3");
  assert_int_equal(tr_corpus_errors_count(errs), 2);
  assert_int_equal(tr_corpus_errors_code(errs, 0), TR_ERR_PARSE);
  assert_non_null(strstr(tr_corpus_errors_file(errs, 0), "pta_2.xml"));
  assert_true(tr_corpus_errors_line(errs, 0) > 0);
  assert_int_equal(tr_corpus_errors_code(errs, 1), TR_ERR_ENCODING);
  assert_int_equal(tr_corpus_errors_line(errs, 1), 28);
  assert_true(tr_corpus_errors_column(errs, 1) > 0);
  assert_true(g_str_has_prefix(tr_corpus_errors_message(errs, 1), tr_corpus_errors_file(errs, 1)));
  assert_non_null(strstr(tr_corpus_errors_message(errs, 1), ":28:"));
  assert_null(tr_corpus_errors_message(errs, 2));
  assert_int_equal(tr_corpus_errors_code(errs, 2), TR_ERR_INVALID_ARG);
  tr_corpus_errors_free(errs);
  /* skip mode without an error list: still loads nothing new (duplicates now) */
  assert_int_equal(tr_corpus_load(c, FIX "/mixed", TR_CORPUS_SKIP_ERRORS, NULL), TR_OK);
  assert_int_equal(tr_corpus_agreement_count(c), 2);
  tr_corpus_free(c);
}

static void test_bad_arguments(void **state) {
  (void)state;
  tr_corpus *c = NULL;
  char *empty = g_dir_make_tmp("trcorpus-XXXXXX", NULL);
  assert_int_equal(tr_corpus_new(NULL), TR_ERR_INVALID_ARG);
  tr_corpus_new(&c);
  assert_int_equal(tr_corpus_load(NULL, FIX, 0, NULL), TR_ERR_INVALID_ARG);
  assert_int_equal(tr_corpus_load(c, NULL, 0, NULL), TR_ERR_INVALID_ARG);
  assert_int_equal(tr_corpus_load(c, FIX "/good", (tr_corpus_load_mode)7, NULL), TR_ERR_INVALID_ARG);
  assert_int_equal(tr_corpus_load(c, empty, TR_CORPUS_STOP_ON_ERROR, NULL), TR_ERR_EMPTY);
  assert_int_equal(tr_corpus_set_threads(c, 65), TR_ERR_INVALID_ARG);
  assert_int_equal(tr_corpus_set_threads(NULL, 1), TR_ERR_INVALID_ARG);
  assert_int_equal(tr_corpus_load_memory(c, "x", NULL, 0), TR_ERR_INVALID_ARG);
  assert_int_equal(tr_corpus_agreement_find(c, NULL, NULL), TR_ERR_INVALID_ARG);
  assert_int_equal(tr_corpus_agreement_count(NULL), 0);
  assert_int_equal(tr_corpus_errors_count(NULL), 0);
  tr_corpus_errors_free(NULL);
  tr_corpus_free(NULL);
  tr_corpus_free(c);
  g_rmdir(empty);
  g_free(empty);
}

/* A large generated document parses, and its pieces round-trip. */
static void test_generated_large(void **state) {
  (void)state;
  GString *x = g_string_new("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<treaty><meta>"
                            "<treaty_identifier>77</treaty_identifier></meta><body>\n");
  tr_corpus *c = NULL;
  for (int ch = 0; ch < 40; ch++) {
    g_string_append_printf(x, "<chapter name=\"C%d\" chapter_identifier=\"%d\">\n", ch, ch);
    for (int a = 0; a < 50; a++) {
      g_string_append_printf(x, "<article number=\"%d.%d\" article_identifier=\"%d\">", ch, a,
                             ch * 1000 + a);
      for (int w = 0; w < 200; w++)
        g_string_append_printf(x, "w%d &lt;%d&gt; ", (ch * 7 + a * 3 + w) % 97, w);
      g_string_append(x, "<![CDATA[tail & end]]></article>\n");
    }
    g_string_append(x, "</chapter>\n");
  }
  g_string_append(x, "</body></treaty>\n");
  tr_corpus_new(&c);
  tr_corpus_set_threads(c, 2);
  assert_int_equal(tr_corpus_load_memory(c, "big.xml", x->str, x->len), TR_OK);
  assert_int_equal(tr_corpus_chapter_count(c), 40);
  assert_int_equal(tr_corpus_article_count(c), 2000);
  assert_true(g_str_has_prefix(tr_corpus_article_get(c, 1999, TR_CORPUS_FIELD_TEXT), "w"));
  assert_true(g_str_has_suffix(tr_corpus_article_get(c, 1999, TR_CORPUS_FIELD_TEXT), "tail & end"));
  assert_non_null(strstr(tr_corpus_article_get(c, 3, TR_CORPUS_FIELD_TEXT), "<0>"));
  tr_corpus_free(c);
  g_string_free(x, TRUE);
}

int main(void) {
  const struct CMUnitTest tests[] = {
    cmocka_unit_test(test_good_directory),
    cmocka_unit_test(test_single_file_and_duplicate),
    cmocka_unit_test(test_bad_files),
    cmocka_unit_test(test_invalid_utf8_column),
    cmocka_unit_test(test_mixed_directory),
    cmocka_unit_test(test_bad_arguments),
    cmocka_unit_test(test_generated_large),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
