/* The fast ToTA XML scanner (lib/corpus/corpus-scan.c) against libxml2 (TR_XML_PARSER=libxml2):
 * every input is parsed by both paths, which must give the same document (every field, party,
 * chapter and article, byte for byte) or the same error (code, file, line, column, message).
 * Inputs the scanner must accept are checked to be accepted (so the comparison is not libxml2
 * against itself), and inputs it must decline -- malformed or outside its subset -- declined.
 * With --tota: every file of the ToTA corpus (skipped when absent; TR_TOTA_DIR overrides). */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>

#include <glib.h>

#include "corpus/tr-corpus-private.h"

#define FIX TR_FIXTURES_DIR "/corpus"

/* DECLINED, ACCEPTED: what the scanner must do; LIKE_LIBXML2: accept what libxml2 accepts and
 * decline what it rejects (for inputs wholly inside the scanner's subset). */
enum { DECLINED = 0, ACCEPTED = 1, LIKE_LIBXML2 = 2 };

static void same_str(const char *what, size_t i, const char *a, const char *b) {
  if ((a == NULL) != (b == NULL) || (a && strcmp(a, b) != 0))
    fail_msg("%s %zu differs: libxml2 '%s', scanner '%s'", what, i, a ? a : "(null)",
             b ? b : "(null)");
}

static void same_doc(const doc_t *x, const doc_t *y) {
  for (size_t f = 0; f < N_META; f++)
    same_str("field", f, x->a.meta[f], y->a.meta[f]);
  assert_int_equal(x->a.date, y->a.date);
  for (int w = 0; w < 2; w++) {
    assert_int_equal(x->parties[w]->len, y->parties[w]->len);
    for (guint i = 0; i < x->parties[w]->len; i++)
      same_str("party", i, g_ptr_array_index(x->parties[w], i), g_ptr_array_index(y->parties[w], i));
  }
  assert_int_equal(x->nchapters, y->nchapters);
  for (guint i = 0; i < x->nchapters; i++) {
    const chap_t *a = &x->chapters[i], *b = &y->chapters[i];
    same_str("chapter name", i, a->name, b->name);
    same_str("chapter number", i, a->number, b->number);
    same_str("chapter identifier", i, a->ident, b->ident);
    assert_int_equal(a->ar_first, b->ar_first);
    assert_int_equal(a->ar_count, b->ar_count);
  }
  assert_int_equal(x->narticles, y->narticles);
  for (guint i = 0; i < x->narticles; i++) {
    const art_t *a = &x->articles[i], *b = &y->articles[i];
    assert_int_equal(a->chapter, b->chapter);
    same_str("article name", i, a->name, b->name);
    same_str("article number", i, a->number, b->number);
    same_str("article identifier", i, a->ident, b->ident);
    assert_int_equal(a->len, b->len);
    if (memcmp(a->text, b->text, a->len + 1) != 0)
      fail_msg("article %u text differs: libxml2 '%s', scanner '%s'", i, a->text, b->text);
  }
}

/* Both paths on one input; @expect: whether the scanner must accept it. Returns the libxml2
 * error code (0 if accepted). */
static int compare(const char *name, const char *xml, size_t len, int expect) {
  GString *text = g_string_new(NULL);
  perr_t e1 = { 0 }, e2 = { 0 }, e3 = { 0 };
  gboolean scanned = FALSE, scanned3 = TRUE;
  doc_t *d1 = tri_parse_doc_mode(name, xml, len, &e1, text, TRI_XML_LIBXML2, NULL, NULL);
  doc_t *d2 = tri_parse_doc_mode(name, xml, len, &e2, text, TRI_XML_AUTO, &scanned, NULL);
  doc_t *d3 = tri_parse_doc_mode(name, xml, len, &e3, text, TRI_XML_SCAN, &scanned3, NULL);
  int code = e1.code;

  if (expect == LIKE_LIBXML2)
    expect = d1 ? ACCEPTED : DECLINED;
  if (expect == ACCEPTED && !scanned)
    fail_msg("%s: declined by the scanner, expected accepted (libxml2: %s)\n%.*s", name,
             e1.msg ? e1.msg : "ok", len < 2000 ? (int)len : 0, xml);
  if (expect == DECLINED && scanned)
    fail_msg("%s: accepted by the scanner, expected declined (libxml2: %s)\n%.*s", name,
             e1.msg ? e1.msg : "ok", len < 2000 ? (int)len : 0, xml);
  /* the scanner-only mode agrees with AUTO's choice */
  assert_int_equal(scanned, scanned3);
  assert_int_equal(scanned, d3 != NULL);
  if (!d3 && e1.code != TR_ERR_EMPTY && e1.code != TR_ERR_ENCODING && e1.code != TR_ERR_LIMIT)
    assert_string_equal(e3.msg, "declined by the fast XML scanner");
  if (!d1 || !d2) {
    if (d1 || d2)
      fail_msg("%s: one path failed: libxml2 %s, auto %s", name, e1.msg ? e1.msg : "ok",
               e2.msg ? e2.msg : "ok");
    assert_int_equal(e1.code, e2.code);
    assert_string_equal(e1.file, e2.file);
    assert_int_equal(e1.line, e2.line);
    assert_int_equal(e1.column, e2.column);
    assert_string_equal(e1.msg, e2.msg);
  } else {
    same_doc(d1, d2);
  }
  if (d3)
    same_doc(d1, d3);
  tri_doc_free(d1);
  tri_doc_free(d2);
  tri_doc_free(d3);
  tri_perr_clear(&e1);
  tri_perr_clear(&e2);
  tri_perr_clear(&e3);
  g_string_free(text, TRUE);
  return code;
}

static int compare_str(const char *xml, int expect) {
  return compare("t.xml", xml, strlen(xml), expect);
}

#define DECL "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"

/* A small agreement with @meta extra metadata, @chap the chapter's attributes and @art the
 * article's attributes and content. */
static int doc(int expect, const char *meta, const char *chap, const char *art) {
  char *xml = g_strdup_printf(DECL "<treaty>\n  <meta>\n    <name> Alpha &amp; Beta </name>\n"
                              "    <treaty_identifier>7</treaty_identifier>%s\n  </meta>\n"
                              "  <body>\n    <chapter%s>\n      <article%s</article>\n"
                              "    </chapter>\n  </body>\n</treaty>\n",
                              meta, chap, art);
  int code = compare_str(xml, expect);
  g_free(xml);
  return code;
}

static void test_accepted(void **state) {
  (void)state;
  static const char *const arts[] = {
    " name=\"A\" number=\"1\" article_identifier=\"9\">Plain text.",
    ">a &amp; b &lt;c&gt; &quot;d&quot; &apos;e&apos; f",
    ">&#65;&#x42;&#x20AC;&#128512;&#xD;&#9;&#10;&#0065;&#x0041;&#38;&#x26;&#60;",
    ">x<![CDATA[ <b>&amp; ]] ] ]>]]>y<![CDATA[]]>z",
    ">a<!-- c - d -->b<!---->c<!-- <x> & -->",
    ">  \n\t leading and trailing blanks kept \n ",
    ">non-ASCII: \xce\x94 \xe2\x80\x93 \xf0\x9f\x98\x80 \xef\xbf\xbd \xef\xbb\xbf ] ]] ]x > >>",
    " name='single' number=\"it's\" article_identifier='say \"hi\"'>q",
    " name=\"S &amp; T &#38; &#x26; &lt; &gt; &quot;q&quot; &apos;\">attr refs",
    " name=\"\xce\x94 &#916; &#x10000; > ] ]]>\">attr chars",
    "\n\t name\n=\n'spaced'\tnumber = \"2\"  >ws in tags</article  ><article name=\"2\">b",
    " name=\"\"/><article>empty one before",
    "/><article name=\"x\">after an empty",
    ">",
  };
  static const char *const metas[] = {
    "",
    "<source/><date_inactive/><date_signed>2001-02-03</date_signed>",
    ("<parties><partyisocode n=\"1\"> AAA </partyisocode><partyisocode>BBB</partyisocode>"
     "<other a='1'><deep b=\"2\">ignored &amp; <x/></deep></other></parties>"),
    "<parties_original><partyisocode>C&#x43;C</partyisocode></parties_original>",
    "<parties_wto><x><y a=\"1\">t</y></x></parties_wto><unknown>text<z/></unknown>",
    "<!-- a comment in meta --><type>FTA<!-- inside -->&amp;<![CDATA[EIA]]></type>",
    "<status>\n  In Force\n</status><region>\xc3\x89urope</region><language>en</language>",
  };
  static const char *const chaps[] = {
    "", " name=\"Electronic Commerce\" number=\"CHAPTER 1\" chapter_identifier=\"11\"",
    " name='Science &amp; Technology'", " chapter_identifier=\"&#49;&#50;\" n-x_y.z=\"\"",
  };
  for (size_t i = 0; i < G_N_ELEMENTS(arts); i++)
    assert_int_equal(doc(ACCEPTED, "", "", arts[i]), 0);
  for (size_t i = 0; i < G_N_ELEMENTS(metas); i++)
    assert_int_equal(doc(ACCEPTED, metas[i], "", ">t"), 0);
  for (size_t i = 0; i < G_N_ELEMENTS(chaps); i++)
    assert_int_equal(doc(ACCEPTED, "", chaps[i], ">t"), 0);

  /* prolog and epilog variants */
  static const char *const whole[] = {
    "<treaty><meta><treaty_identifier>1</treaty_identifier></meta><body/></treaty>",
    "<?xml version='1.0'?><treaty><meta><treaty_identifier>1</treaty_identifier></meta><body/></treaty>",
    "<?xml version=\"1.0\" encoding='utf-8' standalone=\"yes\" ?>\n<!-- c -->\n<treaty><meta>"
    "<treaty_identifier>1</treaty_identifier></meta><body></body></treaty>\n<!-- after -->\n\n",
    "<?xml version=\"1.0\" standalone='no'?><treaty a=\"b\"><meta><treaty_identifier>1"
    "</treaty_identifier></meta><extra><body>not the body</body></extra><body><chapter/></body></treaty>",
  };
  for (size_t i = 0; i < G_N_ELEMENTS(whole); i++)
    assert_int_equal(compare_str(whole[i], ACCEPTED), 0);
}

/* Well-formed for libxml2, outside the scanner's subset: declined, same result from libxml2. */
static void test_declined(void **state) {
  (void)state;
  static const char *const arts[] = {
    ">line\r\nends\rCR",
    " name=\"tab\there\">t",
    " name=\"new\nline\">t",
    " name=\"ref &#10; &#9; &#13;\">t",
    ">a<?pi data?>b",
    ">&#1234567890;",
    " xml:lang=\"en\">t",
    " xmlns=\"urn:x\">t",
    " x:y=\"1\" xmlns:x=\"urn:x\">t",
  };
  static const char *const metas[] = {
    "<x:name xmlns:x=\"urn:x\">ns</x:name>",
    "<m\xc3\xa9ta>non-ASCII name</m\xc3\xa9ta>",
    "<aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa/>",
  };
  for (size_t i = 0; i < G_N_ELEMENTS(arts); i++)
    doc(DECLINED, "", "", arts[i]);
  for (size_t i = 0; i < G_N_ELEMENTS(metas); i++)
    doc(DECLINED, metas[i], "", ">t");
  static const char *const whole[] = {
    "<?xml version=\"1.0\"?>\n<!DOCTYPE treaty [<!ENTITY e \"EEE\">]>\n<treaty><meta>"
    "<treaty_identifier>&e;</treaty_identifier></meta><body/></treaty>",
    "\xef\xbb\xbf<treaty><meta><treaty_identifier>1</treaty_identifier></meta><body/></treaty>",
    "<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?><treaty><meta><treaty_identifier>1"
    "</treaty_identifier></meta><body/></treaty>",
    "<?xml-stylesheet href=\"a\"?><treaty><meta><treaty_identifier>1</treaty_identifier></meta>"
    "<body/></treaty>",
    "<treaty><meta><treaty_identifier>1</treaty_identifier></meta><body/></treaty><?pi?>",
    "<treaty xmlns:t=\"urn:t\"><t:meta><treaty_identifier>1</treaty_identifier></t:meta><body/></treaty>",
  };
  for (size_t i = 0; i < G_N_ELEMENTS(whole); i++)
    compare_str(whole[i], DECLINED);
}

/* Malformed documents and schema errors: declined, the same located error from libxml2. */
static void test_errors(void **state) {
  (void)state;
  static const char *const arts[] = {
    ">mismatched</articl>", ">closes the chapter</chapter>", ">a ]]> b", ">&foo;", ">&#0;", ">&#xFFFE;", ">&#xD800;",
    ">&amp", ">& x", ">&#x;", ">&#X41;", ">\xef\xbf\xbf", ">\xef\xbf\xbe", ">\x01", ">\x1f",
    " a=\"1\" a=\"2\">dup", " a=1>unquoted", " a=\"1\"b=\"2\">no space", " a=\"<\">lt",
    " a=\"&foo;\">ent", " a=\"x>t", " a>noeq", ">a<!-- x -- y -->b", ">a<!-- x --->b",
    ">a<!-- unclosed", ">a<![CDATA[ unclosed", "><x>child</x>", ">< x>", "></>", ">a</article",
    " a=\"&#0;\">z", " a=\"\xef\xbf\xbe\">z", ">a<!DOCTYPE x>", ">a<![CDAT[x]]>",
  };
  for (size_t i = 0; i < G_N_ELEMENTS(arts); i++)
    assert_int_not_equal(doc(DECLINED, "", "", arts[i]), 0);
  static const char *const metas[] = {
    "<treaty_identifier>8</treaty_identifier>", "<name><b>x</b></name>",
    "<parties><partyisocode><i/></partyisocode></parties>",
  };
  for (size_t i = 0; i < G_N_ELEMENTS(metas); i++)
    assert_int_not_equal(doc(DECLINED, metas[i], "", ">t"), 0);
  assert_int_not_equal(doc(DECLINED, "", "><section/><article", ">t"), 0);

  GString *deep = g_string_new("<treaty><meta><treaty_identifier>1</treaty_identifier>");
  for (int i = 0; i < 70; i++)
    g_string_append(deep, "<d>");
  for (int i = 0; i < 70; i++)
    g_string_append(deep, "</d>");
  g_string_append(deep, "</meta><body/></treaty>");
  assert_int_equal(compare_str(deep->str, DECLINED), TR_ERR_LIMIT);
  g_string_free(deep, TRUE);

  static const char *const whole[] = {
    "<other/>", "<treaty/>", "<treaty><meta/></treaty>", "<treaty><body/></treaty>",
    "<treaty><meta/><body/></treaty>",
    "<treaty><meta><treaty_identifier>1</treaty_identifier></meta><meta/><body/></treaty>",
    "<treaty><meta><treaty_identifier>1</treaty_identifier></meta><body/><body/></treaty>",
    "<treaty><meta><treaty_identifier>1</treaty_identifier></meta><body/></treaty>x",
    "<treaty><meta><treaty_identifier>1</treaty_identifier></meta><body/></treaty><t/>",
    " <?xml version=\"1.0\"?><treaty/>", "<!-- c --><?xml version=\"1.0\"?><treaty/>",
    "<?xml version=\"1.0\"?>", "<?xml version=\"1.0\"encoding=\"UTF-8\"?><treaty/>",
    "<?xml version=\"2.0\"?><treaty/>", "<?xml encoding=\"UTF-8\"?><treaty/>",
    "<treaty><meta><treaty_identifier>1</treaty_identifier></meta><body/>",
    "text<treaty/>", "<treaty", "<", "<treaty></treaty></treaty>",
  };
  for (size_t i = 0; i < G_N_ELEMENTS(whole); i++)
    if (compare_str(whole[i], DECLINED) == 0)
      fail_msg("accepted by libxml2: %s", whole[i]);
  /* errors before either parser: empty, invalid UTF-8 */
  assert_int_equal(compare_str(" \n ", DECLINED), TR_ERR_EMPTY);
  assert_int_equal(compare_str("<treaty>\xff</treaty>", DECLINED), TR_ERR_ENCODING);
}

/* Every fixture of the corpus tests, good and bad. */
static void test_fixtures(void **state) {
  (void)state;
  static const char *const dirs[] = { FIX "/good", FIX "/bad", FIX "/mixed", FIX "/templates" };
  size_t files = 0;
  for (size_t i = 0; i < G_N_ELEMENTS(dirs); i++) {
    GDir *dir = g_dir_open(dirs[i], 0, NULL);
    const char *name;
    assert_non_null(dir);
    while ((name = g_dir_read_name(dir))) {
      char *path, *data;
      gsize len;
      if (!g_str_has_suffix(name, ".xml"))
        continue;
      path = g_build_filename(dirs[i], name, NULL);
      assert_true(g_file_get_contents(path, &data, &len, NULL));
      compare(path, data, len, LIKE_LIBXML2);
      files++;
      g_free(data);
      g_free(path);
    }
    g_dir_close(dir);
  }
  assert_true(files >= 20);
}

static char *tota_dir(void) {
  const char *env = g_getenv("TR_TOTA_DIR"), *root = g_getenv("TR_SOURCE_ROOT");
  const char *cands[] = { "../shared/data/tota/xml", "../../shared/data/tota/xml" };
  if (env)
    return g_file_test(env, G_FILE_TEST_IS_DIR) ? g_strdup(env) : NULL;
  for (size_t i = 0; root && i < G_N_ELEMENTS(cands); i++) {
    char *p = g_build_filename(root, cands[i], NULL);
    if (g_file_test(p, G_FILE_TEST_IS_DIR))
      return p;
    g_free(p);
  }
  return NULL;
}

/* Every ToTA file: the scanner accepts each one and gives libxml2's document. */
static void test_tota(void **state) {
  (void)state;
  char *dirname = tota_dir();
  GDir *dir;
  const char *name;
  size_t files = 0;
  if (!dirname) {
    skip();
    return;
  }
  dir = g_dir_open(dirname, 0, NULL);
  assert_non_null(dir);
  while ((name = g_dir_read_name(dir))) {
    char *path, *data;
    gsize len;
    if (!g_str_has_suffix(name, ".xml"))
      continue;
    path = g_build_filename(dirname, name, NULL);
    assert_true(g_file_get_contents(path, &data, &len, NULL));
    assert_int_equal(compare(path, data, len, ACCEPTED), 0);
    files++;
    g_free(data);
    g_free(path);
  }
  g_dir_close(dir);
  print_message("%zu ToTA files: accepted by the scanner, identical to libxml2\n", files);
  assert_true(files > 0);
  g_free(dirname);
}

int main(int argc, char **argv) {
  const struct CMUnitTest tests[] = {
    cmocka_unit_test(test_accepted),
    cmocka_unit_test(test_declined),
    cmocka_unit_test(test_errors),
    cmocka_unit_test(test_fixtures),
  };
  const struct CMUnitTest tota[] = {
    cmocka_unit_test(test_tota),
  };
  if (argc > 1 && strcmp(argv[1], "--tota") == 0)
    return cmocka_run_group_tests(tota, NULL, NULL);
  return cmocka_run_group_tests(tests, NULL, NULL);
}
