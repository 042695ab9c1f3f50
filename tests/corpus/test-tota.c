/* Tests on the real ToTA corpus (v0.5.0); skipped when it is not present.
 * Reference values: domain.md §1.2 (structure) and §6.3 (word 5-gram Jaccard of the
 * e-commerce chapters, computed there by an independent Python script, §6.5). */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include <glib.h>
#include <math.h>
#include <stdio.h>
#include <traderules/traderules.h>

static tr_corpus *corpus;

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

static int setup(void **state) {
  (void)state;
  char *dir = tota_dir();
  corpus = NULL;
  if (!dir)
    return 0;
  tr_corpus_new(&corpus);
  if (tr_corpus_load(corpus, dir, TR_CORPUS_STOP_ON_ERROR, NULL) != TR_OK) {
    fprintf(stderr, "%s\n", tr_error_message());
    g_free(dir);
    return -1;
  }
  g_free(dir);
  return 0;
}

static int teardown(void **state) {
  (void)state;
  tr_corpus_free(corpus);
  return 0;
}

static void test_structure(void **state) {
  (void)state;
  size_t a, first, n;
  if (!corpus)
    skip();
  /* ToTA README: 450 files; domain.md §1.2: 4,893 chapters; 40,993 articles (lxml count) */
  assert_int_equal(tr_corpus_agreement_count(corpus), 450);
  assert_int_equal(tr_corpus_chapter_count(corpus), 4893);
  assert_int_equal(tr_corpus_article_count(corpus), 40993);
  /* domain.md §1.2: pta_53 (US-Chile) stops at chapter 13, Telecommunications */
  assert_int_equal(tr_corpus_agreement_find(corpus, "53", &a), TR_OK);
  n = tr_corpus_agreement_chapters(corpus, a, &first);
  assert_non_null(strstr(tr_corpus_chapter_get(corpus, first + n - 1, TR_CORPUS_FIELD_NAME),
                         "Telecommunications"));
  /* domain.md §1.2: EU-Ukraine signed 2014-06-27; EU-Korea lists 28 member states + KOR */
  assert_int_equal(tr_corpus_agreement_find(corpus, "392", &a), TR_OK);
  assert_string_equal(tr_corpus_agreement_get(corpus, a, TR_CORPUS_FIELD_DATE_SIGNED), "2014-06-27");
  assert_int_equal(tr_corpus_agreement_find(corpus, "449", &a), TR_OK);
  assert_string_equal(tr_corpus_agreement_get(corpus, a, TR_CORPUS_FIELD_DATE_SIGNED), "2016-02-03");
}

/* domain.md §6.3 selection */
typedef struct {
  const char *id;
  const char *chapter; /* chapter "Electronic Commerce" with this number label, or NULL */
  const char *arts[8]; /* article labels in a chapter whose name contains "Electronic Commerce" */
} sel;

static const sel US[] = {
  { "17", "CHAPTER THIRTEEN", { NULL } }, { "23", "CHAPTER FOURTEEN", { NULL } },
  { "26", "CHAPTER FOURTEEN", { NULL } }, { "37", "CHAPTER SIXTEEN", { NULL } },
  { "52", "CHAPTER 14", { NULL } },       { "156", "CHAPTER FIFTEEN", { NULL } },
  { "157", "CHAPTER FOURTEEN", { NULL } }, { "158", "CHAPTER FOURTEEN", { NULL } },
  { "159", "CHAPTER FIFTEEN", { NULL } }, { "342", "CHAPTER FIFTEEN", { NULL } },
  { "449", "CHAPTER 14", { NULL } },
};
static const sel EU[] = {
  { "145", NULL, { "ARTICLE 7.48", "ARTICLE 7.49", NULL } },
  { "368", "CHAPTER 6", { NULL } },
  { "388", "CHAPTER 6", { NULL } },
  { "392", NULL, { "ARTICLE 139", "ARTICLE 140", NULL } },
  { "395", "CHAPTER 6", { NULL } },
  { "427", NULL, { "ARTICLE 127", "ARTICLE 128", "ARTICLE 129", "ARTICLE 130", "ARTICLE 131",
                   "ARTICLE 132", "ARTICLE 133", NULL } },
  { "428", NULL, { "ARTICLE 254", "ARTICLE 255", "ARTICLE 256", "ARTICLE 257", "ARTICLE 258",
                   "ARTICLE 259", "ARTICLE 260", NULL } },
};

static tr_shingle_set *selection_set(const sel *s, tr_shingle_kind kind) {
  size_t a, first, nch;
  GString *text = g_string_new(NULL);
  int parts = 0;
  tr_shingle_set *set = NULL;
  assert_int_equal(tr_corpus_agreement_find(corpus, s->id, &a), TR_OK);
  nch = tr_corpus_agreement_chapters(corpus, a, &first);
  for (size_t ch = first; ch < first + nch; ch++) {
    const char *cn = tr_corpus_chapter_get(corpus, ch, TR_CORPUS_FIELD_NAME);
    const char *cnum = tr_corpus_chapter_get(corpus, ch, TR_CORPUS_FIELD_NUMBER);
    size_t af, na = tr_corpus_chapter_articles(corpus, ch, &af);
    for (size_t ar = af; ar < af + na; ar++) {
      const char *num = tr_corpus_article_get(corpus, ar, TR_CORPUS_FIELD_NUMBER);
      gboolean ok = FALSE;
      if (s->chapter)
        ok = cn && g_str_equal(cn, "Electronic Commerce") && cnum && g_str_equal(cnum, s->chapter);
      else if (cn && strstr(cn, "Electronic Commerce"))
        for (int k = 0; s->arts[k]; k++)
          ok = ok || (num && g_str_equal(num, s->arts[k]));
      if (ok) {
        if (parts++)
          g_string_append_c(text, ' ');
        g_string_append(text, tr_corpus_article_get(corpus, ar, TR_CORPUS_FIELD_TEXT));
      }
    }
  }
  assert_true(parts > 0);
  assert_int_equal(tr_shingle_set_from_text(text->str, (long)text->len, kind, 5, &set), TR_OK);
  g_string_free(text, TRUE);
  return set;
}

static double group_mean(const sel *g1, size_t n1, const sel *g2, size_t n2, tr_shingle_kind k) {
  double sum = 0;
  size_t np = 0;
  for (size_t i = 0; i < n1; i++)
    for (size_t j = 0; j < n2; j++) {
      if (g1 == g2 && j <= i)
        continue;
      tr_shingle_set *a = selection_set(&g1[i], k), *b = selection_set(&g2[j], k);
      sum += tr_shingle_set_jaccard(a, b);
      np++;
      tr_shingle_set_free(a);
      tr_shingle_set_free(b);
    }
  return sum / (double)np;
}

/* domain.md §6.3: "US 0.263606  EU 0.248842  USxEU 0.004821" (ASCII tokens, joined text) */
static void test_reproduce_domain_6_3(void **state) {
  (void)state;
  if (!corpus)
    skip();
  double us = group_mean(US, G_N_ELEMENTS(US), US, G_N_ELEMENTS(US), TR_SHINGLE_WORD_ASCII);
  double eu = group_mean(EU, G_N_ELEMENTS(EU), EU, G_N_ELEMENTS(EU), TR_SHINGLE_WORD_ASCII);
  double x = group_mean(US, G_N_ELEMENTS(US), EU, G_N_ELEMENTS(EU), TR_SHINGLE_WORD_ASCII);
  assert_true(fabs(us - 0.263606) < 5e-7);
  assert_true(fabs(eu - 0.248842) < 5e-7);
  assert_true(fabs(x - 0.004821) < 5e-7);
  /* §6.3 sizes: TPP 2,352 distinct 5-grams, US-Bahrain 493, EU-Korea 221 */
  tr_shingle_set *s = selection_set(&US[10], TR_SHINGLE_WORD_ASCII);
  assert_int_equal(tr_shingle_set_size(s), 2352);
  tr_shingle_set_free(s);
  s = selection_set(&US[0], TR_SHINGLE_WORD_ASCII);
  assert_int_equal(tr_shingle_set_size(s), 493);
  tr_shingle_set_free(s);
  s = selection_set(&EU[0], TR_SHINGLE_WORD_ASCII);
  assert_int_equal(tr_shingle_set_size(s), 221);
  tr_shingle_set_free(s);
}

/* The corpus-wide index agrees with the text-level sets on real agreements. */
static void test_index_matches_text(void **state) {
  (void)state;
  tr_shingle_index *ix = NULL;
  const char *ids[] = { "156", "342", "52" };
  size_t ag[3];
  if (!corpus)
    skip();
  assert_int_equal(tr_shingle_index_new(corpus, TR_SHINGLE_WORD, 5, &ix), TR_OK);
  for (int i = 0; i < 3; i++)
    assert_int_equal(tr_corpus_agreement_find(corpus, ids[i], &ag[i]), TR_OK);
  for (int i = 0; i < 3; i++)
    for (int j = i + 1; j < 3; j++) {
      double jac;
      tr_shingle_set *a = NULL, *b = NULL;
      size_t first, n;
      assert_int_equal(tr_shingle_index_jaccard(ix, TR_UNIT_AGREEMENT, ag[i], TR_UNIT_AGREEMENT,
                                                ag[j], &jac, NULL, NULL), TR_OK);
      for (int w = 0; w < 2; w++) {
        tr_shingle_set *acc = NULL;
        n = tr_corpus_agreement_articles(corpus, ag[w ? j : i], &first);
        tr_shingle_set_from_text("", 0, TR_SHINGLE_WORD, 5, &acc);
        for (size_t ar = first; ar < first + n; ar++) {
          tr_shingle_set *s = NULL, *m = NULL;
          tr_shingle_set_from_text(tr_corpus_article_get(corpus, ar, TR_CORPUS_FIELD_TEXT), -1,
                                   TR_SHINGLE_WORD, 5, &s);
          tr_shingle_set_union(acc, s, &m);
          tr_shingle_set_free(acc);
          tr_shingle_set_free(s);
          acc = m;
        }
        if (w)
          b = acc;
        else
          a = acc;
      }
      assert_true(tr_shingle_set_jaccard(a, b) == jac);
      tr_shingle_set_free(a);
      tr_shingle_set_free(b);
    }
  tr_shingle_index_free(ix);
}

int main(void) {
  const struct CMUnitTest tests[] = {
    cmocka_unit_test(test_structure),
    cmocka_unit_test(test_reproduce_domain_6_3),
    cmocka_unit_test(test_index_matches_text),
  };
  return cmocka_run_group_tests(tests, setup, teardown);
}
