/* Tests for the shingle index: sets equal the text-level definition, exact Jaccard,
 * matrices, the threshold join and tracing against brute force on generated corpora,
 * and results independent of the thread count. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <cmocka.h>

#include <glib.h>
#include <traderules/traderules.h>

#include "corpus-gen.h"

static tr_shingle_index *index_of(tr_corpus *c, tr_shingle_kind kind, unsigned n) {
  tr_shingle_index *ix = NULL;
  assert_int_equal(tr_shingle_index_new(c, kind, n, &ix), TR_OK);
  return ix;
}

/* Text-level set of a unit: union of its articles' sets. */
static tr_shingle_set *text_set(tr_corpus *c, tr_unit_kind kind, size_t u, tr_shingle_kind sk,
                                unsigned n) {
  size_t first = u, count = 1;
  tr_shingle_set *acc = NULL;
  if (kind == TR_UNIT_AGREEMENT)
    count = tr_corpus_agreement_articles(c, u, &first);
  else if (kind == TR_UNIT_CHAPTER)
    count = tr_corpus_chapter_articles(c, u, &first);
  assert_int_equal(tr_shingle_set_from_text("", -1, sk, n, &acc), TR_OK);
  for (size_t a = first; a < first + count; a++) {
    tr_shingle_set *s = NULL, *m = NULL;
    assert_int_equal(tr_shingle_set_from_text(tr_corpus_article_get(c, a, TR_CORPUS_FIELD_TEXT),
                                              -1, sk, n, &s), TR_OK);
    assert_int_equal(tr_shingle_set_union(acc, s, &m), TR_OK);
    tr_shingle_set_free(acc);
    tr_shingle_set_free(s);
    acc = m;
  }
  return acc;
}

static void assert_sets_equal(const tr_shingle_set *a, const tr_shingle_set *b) {
  assert_int_equal(tr_shingle_set_size(a), tr_shingle_set_size(b));
  for (size_t i = 0; i < tr_shingle_set_size(a); i++)
    assert_string_equal(tr_shingle_set_at(a, i), tr_shingle_set_at(b, i));
}

static void check_sets_match_text(tr_shingle_kind sk, unsigned n) {
  tr_corpus *c = gen_corpus(11 + n, 9, 2);
  tr_shingle_index *ix = index_of(c, sk, n);
  for (int k = TR_UNIT_AGREEMENT; k <= TR_UNIT_ARTICLE; k++) {
    for (size_t u = 0; u < tr_shingle_index_unit_count(ix, (tr_unit_kind)k); u++) {
      tr_shingle_set *a = NULL, *b = text_set(c, (tr_unit_kind)k, u, sk, n);
      assert_int_equal(tr_shingle_index_unit_set(ix, (tr_unit_kind)k, u, &a), TR_OK);
      assert_sets_equal(a, b);
      assert_int_equal(tr_shingle_index_unit_size(ix, (tr_unit_kind)k, u), tr_shingle_set_size(b));
      tr_shingle_set_free(a);
      tr_shingle_set_free(b);
    }
  }
  tr_shingle_index_free(ix);
  tr_corpus_free(c);
}

static void test_sets_match_text(void **state) {
  (void)state;
  check_sets_match_text(TR_SHINGLE_WORD, 5);
  check_sets_match_text(TR_SHINGLE_WORD, 1);
  check_sets_match_text(TR_SHINGLE_WORD, 3);
  check_sets_match_text(TR_SHINGLE_WORD_ASCII, 5);
  check_sets_match_text(TR_SHINGLE_CHAR, 5);
  check_sets_match_text(TR_SHINGLE_CHAR, 9);
  /* interning: keys of at most 24 bytes are compared raw (up to 6 words, 24 chars),
   * longer ones by hash and then against the first occurrence */
  check_sets_match_text(TR_SHINGLE_CHAR, 16);
  check_sets_match_text(TR_SHINGLE_CHAR, 24);
  check_sets_match_text(TR_SHINGLE_CHAR, 25);
  check_sets_match_text(TR_SHINGLE_WORD, 6);
  check_sets_match_text(TR_SHINGLE_WORD, 7);
  check_sets_match_text(TR_SHINGLE_WORD, 20);
}

/* The index tokenises words itself (ASCII 16 bytes at a time, other code points the
 * text tokenizer's way): its sets equal the text-level ones on text that mixes ASCII
 * with the tokenizer's hard cases (contextual final sigma, lowercasings into two code
 * points or into ASCII, marks, numbers, CJK, underscores), tokens of 15 to 17 bytes and
 * longer, at every offset from a 16-byte block boundary, with and without separators. */
static const char *const pieces[] = {
  "the", "Party", "AbCdEfGhIjKlMnO", "abcdefghijklmnop", "ABCDEFGHIJKLMNOPQ",
  "supercalifragilisticexpialidocious", "2016", "x", "_", " ", " ", "  ", ".", "-", "\t",
  "\n", "caf\xc3\xa9", "\xc3\x89LAN", "na\xc3\xafve", "\xce\xa3", "\xce\x9f\xce\x94\xce\x9f\xce\xa3",
  "\xce\x91\xce\xa3\xcc\x81", "\xc4\xb0stanbul", "\xe2\x84\xaa", "\xe2\x80\x99", "\xc2\xb2",
  "\xe2\x85\xab", "\xc2\xbd", "e\xcc\x81", "\xe6\x97\xa5\xe6\x9c\xac\xe8\xaa\x9e",
  "\xd9\xa3\xd9\xa4", "\xc7\x85", "\xc3\x9f", "\xf0\x9d\x9f\x98", "\xc3\xa9t\xc3\xa9",
  "stra\xc3\x9f\145" /* e */, "\xc2\xa0", "\xe2\x80\x94",
};

static tr_corpus *unicode_corpus(guint32 seed) {
  GRand *r = g_rand_new_with_seed(seed);
  GString *x = g_string_new("<treaty><meta><treaty_identifier>1</treaty_identifier></meta><body>"
                            "<chapter name=\"c\">");
  tr_corpus *c = NULL;
  for (int a = 0; a < 120; a++) {
    GString *t = g_string_new(NULL);
    for (int k = a % 17; k > 0; k--) /* the start of the text at every block offset */
      g_string_append_c(t, k % 3 ? 'q' : ' ');
    int n = g_rand_int_range(r, 1, 80);
    for (int i = 0; i < n; i++) {
      g_string_append(t, pieces[g_rand_int_range(r, 0, G_N_ELEMENTS(pieces))]);
      if (g_rand_int_range(r, 0, 3) == 0)
        g_string_append_c(t, ' ');
    }
    char *esc = g_markup_escape_text(t->str, -1);
    g_string_append_printf(x, "<article article_identifier=\"%d\">%s</article>", a + 1, esc);
    g_free(esc);
    g_string_free(t, TRUE);
  }
  g_string_append(x, "</chapter></body></treaty>");
  assert_int_equal(tr_corpus_new(&c), TR_OK);
  assert_int_equal(tr_corpus_load_memory(c, "unicode.xml", x->str, x->len), TR_OK);
  g_string_free(x, TRUE);
  g_rand_free(r);
  return c;
}

static void test_word_tokens_unicode(void **state) {
  (void)state;
  for (guint32 seed = 1; seed <= 3; seed++) {
    tr_corpus *c = unicode_corpus(seed);
    for (int sk = TR_SHINGLE_WORD; sk <= TR_SHINGLE_WORD_ASCII; sk++) {
      for (unsigned n = 1; n <= 3; n++) {
        tr_shingle_index *ix = index_of(c, (tr_shingle_kind)sk, n);
        assert_int_equal(tr_shingle_index_unit_count(ix, TR_UNIT_ARTICLE), 120);
        for (size_t u = 0; u < 120; u++) {
          tr_shingle_set *a = NULL, *b = text_set(c, TR_UNIT_ARTICLE, u, (tr_shingle_kind)sk, n);
          assert_int_equal(tr_shingle_index_unit_set(ix, TR_UNIT_ARTICLE, u, &a), TR_OK);
          assert_sets_equal(a, b);
          tr_shingle_set_free(a);
          tr_shingle_set_free(b);
        }
        tr_shingle_index_free(ix);
      }
    }
    tr_corpus_free(c);
  }
}

static void test_jaccard_and_matrix(void **state) {
  (void)state;
  tr_corpus *c = gen_corpus(5, 12, 2);
  tr_shingle_index *ix = index_of(c, TR_SHINGLE_WORD, 3);
  for (int k = TR_UNIT_AGREEMENT; k <= TR_UNIT_CHAPTER; k++) {
    size_t n = tr_shingle_index_unit_count(ix, (tr_unit_kind)k);
    double *m = g_new(double, n * n);
    uint64_t *in = g_new(uint64_t, n * n);
    assert_int_equal(tr_shingle_index_matrix(ix, (tr_unit_kind)k, NULL, n, m, in), TR_OK);
    for (size_t x = 0; x < n; x++)
      for (size_t y = 0; y < n; y++) {
        double j;
        size_t inter, uni;
        assert_int_equal(tr_shingle_index_jaccard(ix, (tr_unit_kind)k, x, (tr_unit_kind)k, y, &j,
                                                  &inter, &uni), TR_OK);
        assert_true(m[x * n + y] == j);
        assert_int_equal(in[x * n + y], inter);
        if (x != y || uni) {
          tr_shingle_set *a = text_set(c, (tr_unit_kind)k, x, TR_SHINGLE_WORD, 3);
          tr_shingle_set *b = text_set(c, (tr_unit_kind)k, y, TR_SHINGLE_WORD, 3);
          assert_true(tr_shingle_set_jaccard(a, b) == j);
          tr_shingle_set_free(a);
          tr_shingle_set_free(b);
        }
      }
    g_free(m);
    g_free(in);
  }
  /* a subset, in a chosen order, and a cross-kind comparison */
  {
    size_t units[3] = { 4, 0, 2 };
    double m[9], j;
    assert_int_equal(tr_shingle_index_matrix(ix, TR_UNIT_AGREEMENT, units, 3, m, NULL), TR_OK);
    assert_int_equal(tr_shingle_index_jaccard(ix, TR_UNIT_AGREEMENT, 4, TR_UNIT_AGREEMENT, 2, &j,
                                              NULL, NULL), TR_OK);
    assert_true(m[0 * 3 + 2] == j);
    size_t first;
    tr_corpus_agreement_articles(c, 0, &first);
    assert_int_equal(tr_shingle_index_jaccard(ix, TR_UNIT_ARTICLE, first, TR_UNIT_AGREEMENT, 0,
                                              &j, NULL, NULL), TR_OK);
    assert_true(j >= 0.0 && j <= 1.0);
  }
  /* errors */
  {
    double j;
    size_t bad = 999;
    assert_int_equal(tr_shingle_index_jaccard(ix, TR_UNIT_ARTICLE, 99999, TR_UNIT_ARTICLE, 0, &j,
                                              NULL, NULL), TR_ERR_INVALID_ARG);
    assert_int_equal(tr_shingle_index_matrix(ix, TR_UNIT_AGREEMENT, NULL, 3, &j, NULL),
                     TR_ERR_INVALID_ARG);
    assert_int_equal(tr_shingle_index_matrix(ix, TR_UNIT_AGREEMENT, &bad, 1, &j, NULL),
                     TR_ERR_INVALID_ARG);
    assert_int_equal(tr_shingle_index_new(c, TR_SHINGLE_WORD, 0, NULL), TR_ERR_INVALID_ARG);
    /* no loading while an index describes the corpus */
    assert_int_equal(tr_corpus_load(c, TR_FIXTURES_DIR "/corpus/good", 0, NULL),
                     TR_ERR_INVALID_ARG);
  }
  /* phase clocks: every phase readable, time only grows, loads count as ingest */
  {
    double w[TR_PHASE_COUNT], u[TR_PHASE_COUNT], w2, u2;
    for (int p = 0; p < TR_PHASE_COUNT; p++) {
      assert_int_equal(tr_corpus_phase_time(c, (tr_corpus_phase)p, &w[p], &u[p]), TR_OK);
      assert_true(w[p] >= 0.0 && u[p] >= 0.0);
      assert_non_null(tr_corpus_phase_name((tr_corpus_phase)p));
    }
    assert_true(w[TR_PHASE_INGEST] + u[TR_PHASE_INGEST] > 0.0);
    assert_true(w[TR_PHASE_TOKENIZE] + u[TR_PHASE_TOKENIZE] > 0.0);
    assert_string_equal(tr_corpus_phase_name(TR_PHASE_JOIN), "join");
    assert_null(tr_corpus_phase_name(TR_PHASE_COUNT));
    assert_int_equal(tr_corpus_phase_time(c, TR_PHASE_COUNT, &w2, NULL), TR_ERR_INVALID_ARG);
    assert_int_equal(tr_corpus_phase_time(NULL, TR_PHASE_JOIN, &w2, NULL), TR_ERR_INVALID_ARG);
    size_t n = tr_shingle_index_unit_count(ix, TR_UNIT_AGREEMENT);
    double *m = g_new(double, n * n);
    assert_int_equal(tr_shingle_index_matrix(ix, TR_UNIT_AGREEMENT, NULL, n, m, NULL), TR_OK);
    g_free(m);
    assert_int_equal(tr_corpus_phase_time(c, TR_PHASE_JOIN, &w2, &u2), TR_OK);
    assert_true(w2 >= w[TR_PHASE_JOIN] && u2 > u[TR_PHASE_JOIN]);
  }
  tr_shingle_index_free(ix);
  tr_corpus_free(c);
}

/* Brute-force reference: every pair, Jaccard from text-level sets. */
static void check_join(tr_corpus *c, tr_shingle_index *ix, tr_unit_kind kind, double t,
                       unsigned flags) {
  size_t n = tr_shingle_index_unit_count(ix, kind), k = 0, expected = 0;
  tr_pair_list *l = NULL;
  tr_shingle_set **sets = g_new0(tr_shingle_set *, n);
  for (size_t u = 0; u < n; u++)
    sets[u] = text_set(c, kind, u, TR_SHINGLE_WORD, 2);
  assert_int_equal(tr_shingle_index_pairs(ix, kind, t, flags, &l), TR_OK);
  for (size_t x = 0; x < n; x++)
    for (size_t y = x + 1; y < n; y++) {
      size_t inter = tr_shingle_set_intersection(sets[x], sets[y]);
      size_t uni = tr_shingle_set_size(sets[x]) + tr_shingle_set_size(sets[y]) - inter;
      if ((flags & TR_PAIRS_ACROSS_AGREEMENTS) && kind == TR_UNIT_ARTICLE &&
          tr_corpus_article_agreement(c, x) == tr_corpus_article_agreement(c, y))
        continue;
      if (!uni || (double)inter / (double)uni < t)
        continue;
      size_t a, b, li, lu;
      double j;
      expected++;
      if (k >= tr_pair_list_count(l))
        fail_msg("t=%g: missing pair (%zu, %zu)", t, x, y);
      assert_int_equal(tr_pair_list_get(l, k, &a, &b, &j, &li, &lu), TR_OK);
      if (a != x || b != y)
        fail_msg("t=%g: pair %zu is (%zu, %zu), expected (%zu, %zu)", t, k, a, b, x, y);
      assert_int_equal(li, inter);
      assert_int_equal(lu, uni);
      assert_true(j == (double)inter / (double)uni);
      k++;
    }
  assert_int_equal(tr_pair_list_count(l), expected);
  tr_pair_list_free(l);
  for (size_t u = 0; u < n; u++)
    tr_shingle_set_free(sets[u]);
  g_free(sets);
}

static void test_join_vs_brute_force(void **state) {
  (void)state;
  static const double ts[] = { 0.05, 0.2, 1.0 / 3.0, 0.5, 0.6, 0.8, 0.9, 1.0 };
  for (guint32 seed = 1; seed <= 3; seed++) {
    tr_corpus *c = gen_corpus(seed * 101, 14, seed % 2 + 1);
    tr_shingle_index *ix = index_of(c, TR_SHINGLE_WORD, 2);
    for (size_t i = 0; i < G_N_ELEMENTS(ts); i++) {
      check_join(c, ix, TR_UNIT_ARTICLE, ts[i], 0);
      check_join(c, ix, TR_UNIT_ARTICLE, ts[i], TR_PAIRS_ACROSS_AGREEMENTS);
      check_join(c, ix, TR_UNIT_CHAPTER, ts[i], 0);
      check_join(c, ix, TR_UNIT_AGREEMENT, ts[i], 0);
    }
    tr_pair_list *l = NULL;
    assert_int_equal(tr_shingle_index_pairs(ix, TR_UNIT_ARTICLE, 0.0, 0, &l), TR_ERR_INVALID_ARG);
    assert_int_equal(tr_shingle_index_pairs(ix, TR_UNIT_ARTICLE, 1.5, 0, &l), TR_ERR_INVALID_ARG);
    assert_int_equal(tr_shingle_index_pairs(ix, TR_UNIT_ARTICLE, 0.5, 0x10, &l), TR_ERR_INVALID_ARG);
    assert_null(l);
    tr_shingle_index_free(ix);
    tr_corpus_free(c);
  }
}

/* tr_shingle_index_overlaps(): every pair with a shared shingle and J >= t, in order,
 * against tr_shingle_index_jaccard() over all pairs; a non-zero return stops it. */
typedef struct {
  GArray *got; /* size_t a, b, k, u */
  size_t stop_after;
} ovl_rec;

static int ovl_cb(size_t a, size_t b, size_t k, size_t u, void *user) {
  ovl_rec *r = user;
  size_t row[4] = { a, b, k, u };
  g_array_append_vals(r->got, row, 4);
  return r->stop_after && r->got->len / 4 >= r->stop_after ? 42 : 0;
}

static void test_overlaps_vs_brute_force(void **state) {
  (void)state;
  static const double ts[] = { 0.0, 0.05, 0.3, 0.5, 1.0 };
  for (unsigned threads = 1; threads <= 3; threads += 2) {
    tr_corpus *c = gen_corpus(303, 14, threads);
    tr_shingle_index *ix = index_of(c, TR_SHINGLE_WORD, 2);
    for (int kind = TR_UNIT_AGREEMENT; kind <= TR_UNIT_ARTICLE; kind++) {
      size_t n = tr_shingle_index_unit_count(ix, (tr_unit_kind)kind), zero_seen = 0;
      /* brute force once: |A n B| and |A u B| of every pair */
      size_t *bk = g_new(size_t, n * n), *bu = g_new(size_t, n * n);
      for (size_t a = 0; a < n; a++)
        for (size_t b = a + 1; b < n; b++) {
          double j;
          assert_int_equal(tr_shingle_index_jaccard(ix, (tr_unit_kind)kind, a, (tr_unit_kind)kind, b, &j,
                                                    &bk[a * n + b], &bu[a * n + b]), TR_OK);
          zero_seen += bk[a * n + b] == 0;
        }
      if (kind == TR_UNIT_ARTICLE)
        assert_true(zero_seen > 0); /* the filter has something to drop */
      for (size_t ti = 0; ti < G_N_ELEMENTS(ts); ti++) {
        ovl_rec r = { g_array_new(FALSE, FALSE, sizeof(size_t)), 0 };
        size_t i = 0;
        assert_int_equal(tr_shingle_index_overlaps(ix, (tr_unit_kind)kind, ts[ti], ovl_cb, &r), TR_OK);
        const size_t *g = (const size_t *)r.got->data;
        for (size_t a = 0; a < n; a++)
          for (size_t b = a + 1; b < n; b++) {
            size_t k = bk[a * n + b], u = bu[a * n + b];
            if (k == 0 || (double)k / (double)u < ts[ti])
              continue;
            assert_true(i < r.got->len / 4);
            assert_int_equal(g[4 * i], a);
            assert_int_equal(g[4 * i + 1], b);
            assert_int_equal(g[4 * i + 2], k);
            assert_int_equal(g[4 * i + 3], u);
            i++;
          }
        assert_int_equal(i, r.got->len / 4);
        if (ti == 0)
          assert_true(i > 0);
        g_array_free(r.got, TRUE);
      }
      g_free(bk);
      g_free(bu);
    }
    /* a non-zero return stops the join and is returned */
    ovl_rec r = { g_array_new(FALSE, FALSE, sizeof(size_t)), 3 };
    assert_int_equal(tr_shingle_index_overlaps(ix, TR_UNIT_ARTICLE, 0.0, ovl_cb, &r), 42);
    assert_int_equal(r.got->len / 4, 3);
    g_array_free(r.got, TRUE);
    assert_int_equal(tr_shingle_index_overlaps(ix, TR_UNIT_ARTICLE, -0.1, ovl_cb, &r), TR_ERR_INVALID_ARG);
    assert_int_equal(tr_shingle_index_overlaps(ix, TR_UNIT_ARTICLE, 1.5, ovl_cb, &r), TR_ERR_INVALID_ARG);
    assert_int_equal(tr_shingle_index_overlaps(ix, TR_UNIT_ARTICLE, 0.5, NULL, NULL), TR_ERR_INVALID_ARG);
    assert_int_equal(tr_shingle_index_overlaps(NULL, TR_UNIT_ARTICLE, 0.5, ovl_cb, &r), TR_ERR_INVALID_ARG);
    tr_shingle_index_free(ix);
    tr_corpus_free(c);
  }
}

/* The article sets are sorted on first use while the agreement sets are built from them:
 * two threads asking for both at once on a fresh index get the sequential results (and
 * ThreadSanitizer sees the lock between them). */
typedef struct {
  tr_shingle_index *ix;
  size_t m;
  double *jac;
  tr_pair_list *pairs;
} lazy_arg;

static gpointer lazy_matrix(gpointer data) {
  lazy_arg *a = data;
  assert_int_equal(tr_shingle_index_matrix(a->ix, TR_UNIT_AGREEMENT, NULL, a->m, a->jac, NULL), TR_OK);
  return NULL;
}

static gpointer lazy_pairs(gpointer data) {
  lazy_arg *a = data;
  assert_int_equal(tr_shingle_index_pairs(a->ix, TR_UNIT_ARTICLE, 0.3, 0, &a->pairs), TR_OK);
  return NULL;
}

static void test_lazy_sort_concurrent(void **state) {
  (void)state;
  tr_corpus *c = gen_corpus(515, 12, 2);
  size_t m = tr_corpus_agreement_count(c);
  tr_shingle_index *ref = index_of(c, TR_SHINGLE_WORD, 2);
  lazy_arg r = { ref, m, g_new(double, m * m), NULL };
  lazy_matrix(&r);
  lazy_pairs(&r);
  for (int round = 0; round < 4; round++) {
    tr_shingle_index *ix = index_of(c, TR_SHINGLE_WORD, 2);
    lazy_arg a = { ix, m, g_new(double, m * m), NULL };
    GThread *t1 = g_thread_new("matrix", lazy_matrix, &a);
    GThread *t2 = g_thread_new("pairs", lazy_pairs, &a);
    g_thread_join(t1);
    g_thread_join(t2);
    assert_memory_equal(a.jac, r.jac, m * m * sizeof(double));
    assert_int_equal(tr_pair_list_count(a.pairs), tr_pair_list_count(r.pairs));
    for (size_t i = 0; i < tr_pair_list_count(a.pairs); i++) {
      size_t xa, xb, ya, yb, xk, yk;
      tr_pair_list_get(a.pairs, i, &xa, &xb, NULL, &xk, NULL);
      tr_pair_list_get(r.pairs, i, &ya, &yb, NULL, &yk, NULL);
      assert_int_equal(xa, ya);
      assert_int_equal(xb, yb);
      assert_int_equal(xk, yk);
    }
    /* and the sorted article sets answer queries as before */
    for (size_t u = 0; u < tr_shingle_index_unit_count(ix, TR_UNIT_ARTICLE); u += 5)
      assert_int_equal(tr_shingle_index_unit_size(ix, TR_UNIT_ARTICLE, u),
                       tr_shingle_index_unit_size(ref, TR_UNIT_ARTICLE, u));
    tr_pair_list_free(a.pairs);
    g_free(a.jac);
    tr_shingle_index_free(ix);
  }
  tr_pair_list_free(r.pairs);
  g_free(r.jac);
  tr_shingle_index_free(ref);
  tr_corpus_free(c);
}

static uint32_t date_of(tr_corpus *c, size_t article) {
  const char *d = tr_corpus_agreement_get(c, tr_corpus_article_agreement(c, article),
                                          TR_CORPUS_FIELD_DATE_SIGNED);
  unsigned y, m, dd;
  if (!d || sscanf(d, "%u-%u-%u", &y, &m, &dd) != 3)
    return 0;
  return y * 10000 + m * 100 + dd;
}

static void test_trace_vs_brute_force(void **state) {
  (void)state;
  tr_corpus *c = gen_corpus(77, 16, 2);
  tr_shingle_index *ix = index_of(c, TR_SHINGLE_WORD, 2);
  size_t n = tr_corpus_article_count(c), k = 0;
  tr_pair_list *l = NULL;
  double t = 0.3;
  assert_int_equal(tr_shingle_index_trace(ix, t, &l), TR_OK);
  for (size_t x = 0; x < n; x++) {
    uint32_t dx = date_of(c, x);
    size_t best = (size_t)-1, bi = 0, bu = 1;
    uint32_t bd = 0;
    for (size_t y = 0; y < n && dx; y++) {
      uint32_t dy = date_of(c, y);
      size_t inter, uni;
      double j;
      if (!dy || dy >= dx)
        continue;
      tr_shingle_index_jaccard(ix, TR_UNIT_ARTICLE, x, TR_UNIT_ARTICLE, y, &j, &inter, &uni);
      if (!uni || j < t)
        continue;
      if (best == (size_t)-1 || inter * bu > bi * uni ||
          (inter * bu == bi * uni && (dy < bd || (dy == bd && y < best)))) {
        best = y;
        bi = inter;
        bu = uni;
        bd = dy;
      }
    }
    if (best == (size_t)-1)
      continue;
    size_t a, b;
    assert_true(k < tr_pair_list_count(l));
    assert_int_equal(tr_pair_list_get(l, k, &a, &b, NULL, NULL, NULL), TR_OK);
    assert_int_equal(a, x);
    assert_int_equal(b, best);
    k++;
  }
  assert_int_equal(tr_pair_list_count(l), k);
  assert_true(k > 0);
  tr_pair_list_free(l);
  tr_shingle_index_free(ix);
  tr_corpus_free(c);
}

/* The same corpus analysed with 1 and with 2 threads gives identical results. */
static void test_thread_count_invariance(void **state) {
  (void)state;
  /* 1 thread against 2 and 3 (3: worker shares of unequal hash ranges) */
  for (unsigned threads = 2; threads <= 3; threads++) {
  tr_corpus *c1 = gen_corpus(2024, 20, 1), *c2 = gen_corpus(2024, 20, threads);
  for (int sk = TR_SHINGLE_WORD; sk <= TR_SHINGLE_CHAR + 1; sk++) {
    /* the last round: character 14-grams, the general (unpacked) interning path */
    tr_shingle_kind kind = sk > TR_SHINGLE_CHAR ? TR_SHINGLE_CHAR : (tr_shingle_kind)sk;
    unsigned n = sk > TR_SHINGLE_CHAR ? 14 : 4;
    tr_shingle_index *i1 = index_of(c1, kind, n);
    tr_shingle_index *i2 = index_of(c2, kind, n);
    size_t m = tr_corpus_agreement_count(c1);
    double *a = g_new(double, m * m), *b = g_new(double, m * m);
    tr_pair_list *p1 = NULL, *p2 = NULL, *t1 = NULL, *t2 = NULL;
    assert_int_equal(tr_shingle_index_vocabulary(i1), tr_shingle_index_vocabulary(i2));
    assert_int_equal(tr_shingle_index_matrix(i1, TR_UNIT_AGREEMENT, NULL, m, a, NULL), TR_OK);
    assert_int_equal(tr_shingle_index_matrix(i2, TR_UNIT_AGREEMENT, NULL, m, b, NULL), TR_OK);
    assert_memory_equal(a, b, m * m * sizeof(double));
    assert_int_equal(tr_shingle_index_pairs(i1, TR_UNIT_ARTICLE, 0.4, 0, &p1), TR_OK);
    assert_int_equal(tr_shingle_index_pairs(i2, TR_UNIT_ARTICLE, 0.4, 0, &p2), TR_OK);
    assert_int_equal(tr_shingle_index_trace(i1, 0.2, &t1), TR_OK);
    assert_int_equal(tr_shingle_index_trace(i2, 0.2, &t2), TR_OK);
    assert_true(tr_pair_list_count(p1) > 0);
    assert_int_equal(tr_pair_list_count(p1), tr_pair_list_count(p2));
    assert_int_equal(tr_pair_list_count(t1), tr_pair_list_count(t2));
    for (int w = 0; w < 2; w++) {
      tr_pair_list *x = w ? t1 : p1, *y = w ? t2 : p2;
      for (size_t i = 0; i < tr_pair_list_count(x); i++) {
        size_t xa, xb, ya, yb, xi, yi;
        tr_pair_list_get(x, i, &xa, &xb, NULL, &xi, NULL);
        tr_pair_list_get(y, i, &ya, &yb, NULL, &yi, NULL);
        assert_int_equal(xa, ya);
        assert_int_equal(xb, yb);
        assert_int_equal(xi, yi);
      }
    }
    for (size_t u = 0; u < tr_corpus_article_count(c1); u += 7) {
      tr_shingle_set *s1 = NULL, *s2 = NULL;
      tr_shingle_index_unit_set(i1, TR_UNIT_ARTICLE, u, &s1);
      tr_shingle_index_unit_set(i2, TR_UNIT_ARTICLE, u, &s2);
      assert_sets_equal(s1, s2);
      tr_shingle_set_free(s1);
      tr_shingle_set_free(s2);
    }
    tr_pair_list_free(p1);
    tr_pair_list_free(p2);
    tr_pair_list_free(t1);
    tr_pair_list_free(t2);
    g_free(a);
    g_free(b);
    tr_shingle_index_free(i1);
    tr_shingle_index_free(i2);
  }
  tr_corpus_free(c1);
  tr_corpus_free(c2);
  }
}

/* Large units (thousands of shingles over many articles) take the bitmap union path. */
static void test_large_units(void **state) {
  (void)state;
  GRand *r = g_rand_new_with_seed(99);
  GString *x = g_string_new("<treaty><meta><treaty_identifier>1</treaty_identifier></meta><body>");
  tr_corpus *c = NULL;
  for (int ch = 0; ch < 6; ch++) {
    g_string_append(x, "<chapter>");
    for (int a = 0; a < 30; a++) {
      g_string_append(x, "<article>");
      for (int w = 0; w < 80; w++)
        g_string_append_printf(x, "w%d ", g_rand_int_range(r, 0, 400));
      g_string_append(x, "</article>");
    }
    g_string_append(x, "</chapter>");
  }
  g_string_append(x, "</body></treaty>");
  tr_corpus_new(&c);
  assert_int_equal(tr_corpus_load_memory(c, "large.xml", x->str, x->len), TR_OK);
  tr_shingle_index *ix = index_of(c, TR_SHINGLE_WORD, 2);
  double m[1];
  assert_int_equal(tr_shingle_index_matrix(ix, TR_UNIT_AGREEMENT, NULL, 1, m, NULL), TR_OK);
  size_t units[2] = { 0, 5 };
  double cm[4];
  assert_int_equal(tr_shingle_index_matrix(ix, TR_UNIT_CHAPTER, units, 2, cm, NULL), TR_OK);
  for (int k = TR_UNIT_AGREEMENT; k <= TR_UNIT_CHAPTER; k++) {
    tr_shingle_set *a = NULL, *b = text_set(c, (tr_unit_kind)k, 0, TR_SHINGLE_WORD, 2);
    assert_true(tr_shingle_set_size(b) > 1024);
    assert_int_equal(tr_shingle_index_unit_set(ix, (tr_unit_kind)k, 0, &a), TR_OK);
    assert_sets_equal(a, b);
    tr_shingle_set_free(a);
    if (k == TR_UNIT_CHAPTER) {
      tr_shingle_set *b5 = text_set(c, TR_UNIT_CHAPTER, 5, TR_SHINGLE_WORD, 2);
      assert_true(cm[1] == tr_shingle_set_jaccard(b, b5));
      tr_shingle_set_free(b5);
    }
    tr_shingle_set_free(b);
  }
  tr_shingle_index_free(ix);
  tr_corpus_free(c);
  g_string_free(x, TRUE);
  g_rand_free(r);
}

static void test_empty_corpus(void **state) {
  (void)state;
  tr_corpus *c = NULL;
  tr_shingle_index *ix = NULL;
  tr_pair_list *l = NULL;
  tr_corpus_new(&c);
  assert_int_equal(tr_shingle_index_new(c, TR_SHINGLE_WORD, 5, &ix), TR_OK);
  assert_int_equal(tr_shingle_index_vocabulary(ix), 0);
  assert_int_equal(tr_shingle_index_pairs(ix, TR_UNIT_ARTICLE, 0.5, 0, &l), TR_OK);
  assert_int_equal(tr_pair_list_count(l), 0);
  assert_int_equal(tr_pair_list_get(l, 0, NULL, NULL, NULL, NULL, NULL), TR_ERR_INVALID_ARG);
  tr_pair_list_free(l);
  tr_shingle_index_free(ix);
  tr_corpus_free(c);
}

int main(void) {
  const struct CMUnitTest tests[] = {
    cmocka_unit_test(test_sets_match_text),
    cmocka_unit_test(test_word_tokens_unicode),
    cmocka_unit_test(test_jaccard_and_matrix),
    cmocka_unit_test(test_join_vs_brute_force),
    cmocka_unit_test(test_overlaps_vs_brute_force),
    cmocka_unit_test(test_lazy_sort_concurrent),
    cmocka_unit_test(test_trace_vs_brute_force),
    cmocka_unit_test(test_thread_count_invariance),
    cmocka_unit_test(test_large_units),
    cmocka_unit_test(test_empty_corpus),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
