/* The e-commerce templates (tr_ecommerce_templates_*, tr_corpus_is_ecommerce_name) and the
 * similarity searches streamed to a callback (tr_shingle_index_all_pairs,
 * tr_shingle_index_most_similar), moved from `traderules corpus` (issue 13). Units and
 * groups on the fixture corpus tests/fixtures/corpus/templates (whose files say which
 * chapters are e-commerce chapters); means, statistics and rankings against brute force
 * over the public set and pair functions; error paths. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include <glib.h>
#include <traderules/traderules.h>

#include "corpus-gen.h"

static tr_corpus *load_dir(const char *sub) {
  tr_corpus *c = NULL;
  char *dir = g_build_filename(TR_FIXTURES_DIR, "corpus", sub, NULL);
  assert_int_equal(tr_corpus_new(&c), TR_OK);
  assert_int_equal(tr_corpus_set_threads(c, 1), TR_OK);
  assert_int_equal(tr_corpus_load(c, dir, TR_CORPUS_STOP_ON_ERROR, NULL), TR_OK);
  g_free(dir);
  return c;
}

static tr_shingle_index *index_of(const tr_corpus *c, tr_shingle_kind kind, unsigned n) {
  tr_shingle_index *ix = NULL;
  assert_int_equal(tr_shingle_index_new_with_options(c, kind, n, NULL, &ix), TR_OK);
  return ix;
}

/* ---- the chapter classifier ---- */

static void test_ecommerce_name(void **state) {
  (void)state;
  const char *yes[] = { "Electronic Commerce", "ELECTRONIC COMMERCE", "e-commerce", "E-Commerce",
                        "Comercio Electrónico", "COMERCIO ELECTRÓNICO", "Commerce Électronique",
                        "commerce électronique", "Electronic Commerce Chapter" };
  const char *no[] = { "", "Electronic Commerce and Digital Trade", " Electronic Commerce",
                       "Electronic  Commerce", "ecommerce", "Digital Trade", "Comercio Electronico",
                       "Trade in Services and Electronic Commerce" };
  for (size_t i = 0; i < G_N_ELEMENTS(yes); i++)
    assert_int_equal(tr_corpus_is_ecommerce_name(yes[i]), 1);
  for (size_t i = 0; i < G_N_ELEMENTS(no); i++)
    assert_int_equal(tr_corpus_is_ecommerce_name(no[i]), 0);
  assert_int_equal(tr_corpus_is_ecommerce_name(NULL), 0);
  assert_int_equal(tr_corpus_is_ecommerce_name("Electronic Commerce\xff"), 0); /* not UTF-8 */

  tr_corpus *c = load_dir("templates");
  size_t yes_count = 0;
  for (size_t ch = 0; ch < tr_corpus_chapter_count(c); ch++) {
    int e = tr_corpus_chapter_is_ecommerce(c, ch);
    assert_int_equal(e, tr_corpus_is_ecommerce_name(tr_corpus_chapter_get(c, ch, TR_CORPUS_FIELD_NAME)));
    yes_count += (size_t)e;
  }
  /* the fixture's chapters named exactly so: 17 (x2), 23, 26, 37, 368 (x2), 500, 501 (x3), 502 */
  assert_int_equal(yes_count, 12);
  assert_int_equal(tr_corpus_chapter_is_ecommerce(c, tr_corpus_chapter_count(c)), 0);
  assert_int_equal(tr_corpus_chapter_is_ecommerce(NULL, 0), 0);
  tr_corpus_free(c);

  assert_string_equal(tr_ecommerce_group_name(TR_ECOMMERCE_GROUP_US), "US");
  assert_string_equal(tr_ecommerce_group_name(TR_ECOMMERCE_GROUP_EU), "EU");
  assert_null(tr_ecommerce_group_name(TR_ECOMMERCE_GROUP_NONE));
  assert_null(tr_ecommerce_group_name((tr_ecommerce_group)7));
}

/* ---- the templates ---- */

static const struct {
  const char *tota_id;
  tr_ecommerce_group group;
  const char *label;
  const char *first_article; /* identifier of its first article */
  size_t articles;
} expected_units[] = {
  /* 1. reference units, in the order of the reference selection */
  { "17", TR_ECOMMERCE_GROUP_US, "CHAPTER THIRTEEN", "17131", 2 },
  { "23", TR_ECOMMERCE_GROUP_US, "CHAPTER FOURTEEN", "23141", 3 },
  /* 26: its "Electronic Commerce" chapter is CHAPTER 99, not the reference label */
  { "37", TR_ECOMMERCE_GROUP_US, "CHAPTER SIXTEEN", "37161", 3 },
  { "145", TR_ECOMMERCE_GROUP_EU, "e-commerce articles", "145748", 2 },
  { "368", TR_ECOMMERCE_GROUP_EU, "CHAPTER 6", "368061", 2 },
  { "392", TR_ECOMMERCE_GROUP_EU, "e-commerce articles", "392139", 2 },
  /* 2. the first e-commerce chapter with articles of every other agreement, corpus order */
  { "26", TR_ECOMMERCE_GROUP_NONE, "CHAPTER 99", "26991", 1 },
  { "500", TR_ECOMMERCE_GROUP_NONE, "e-commerce chapter", "500011", 2 },
  { "501", TR_ECOMMERCE_GROUP_NONE, "CHAPTER 13", "501131", 1 },
  { "502", TR_ECOMMERCE_GROUP_NONE, "CHAPTER 2", "502021", 1 },
};

static void check_units(const tr_corpus *c, const tr_ecommerce_templates *t) {
  assert_int_equal(tr_ecommerce_templates_count(t), G_N_ELEMENTS(expected_units));
  for (size_t i = 0; i < G_N_ELEMENTS(expected_units); i++) {
    size_t a = 99, na = 0;
    tr_ecommerce_group g = (tr_ecommerce_group)9;
    const char *label = NULL;
    assert_int_equal(tr_ecommerce_templates_unit(t, i, &a, &g, &label), TR_OK);
    assert_string_equal(tr_corpus_agreement_get(c, a, TR_CORPUS_FIELD_TOTA_ID), expected_units[i].tota_id);
    assert_int_equal(g, expected_units[i].group);
    assert_string_equal(label, expected_units[i].label);
    const size_t *arts = tr_ecommerce_templates_articles(t, i, &na);
    assert_non_null(arts);
    assert_int_equal(na, expected_units[i].articles);
    assert_string_equal(tr_corpus_article_get(c, arts[0], TR_CORPUS_FIELD_IDENTIFIER),
                        expected_units[i].first_article);
    for (size_t k = 0; k < na; k++) {
      assert_int_equal(tr_corpus_article_agreement(c, arts[k]), a);
      if (k)
        assert_true(arts[k] > arts[k - 1]);
    }
  }
}

/* means, closest groups and group statistics against brute force over the unit sets */
static void check_numbers(const tr_ecommerce_templates *t) {
  size_t n = tr_ecommerce_templates_count(t);
  for (size_t i = 0; i < n; i++) {
    double s[3] = { 0, 0, 0 }, m[3];
    size_t cnt[3] = { 0, 0, 0 };
    for (size_t j = 0; j < n; j++) {
      tr_ecommerce_group g;
      assert_int_equal(tr_ecommerce_templates_unit(t, j, NULL, &g, NULL), TR_OK);
      if (j == i || g == TR_ECOMMERCE_GROUP_NONE)
        continue;
      s[g] += tr_shingle_set_jaccard(tr_ecommerce_templates_set(t, i), tr_ecommerce_templates_set(t, j));
      cnt[g]++;
    }
    for (int g = 1; g <= 2; g++) {
      double mean = -1;
      size_t k = 99;
      assert_int_equal(tr_ecommerce_templates_mean(t, i, (tr_ecommerce_group)g, &mean, &k), TR_OK);
      m[g] = cnt[g] ? s[g] / (double)cnt[g] : 0;
      assert_int_equal(k, cnt[g]);
      assert_true(mean == m[g]);
    }
    tr_ecommerce_group cl;
    assert_int_equal(tr_ecommerce_templates_closest(t, i, &cl), TR_OK);
    assert_int_equal(cl, m[1] == m[2] ? TR_ECOMMERCE_GROUP_NONE
                         : m[1] > m[2] ? TR_ECOMMERCE_GROUP_US : TR_ECOMMERCE_GROUP_EU);
  }
  for (int ga = 1; ga <= 2; ga++)
    for (int gb = 1; gb <= 2; gb++) {
      double sum = 0, mn = 2, mx = -1, mean, lo, hi;
      size_t np = 0, pairs;
      for (size_t i = 0; i < n; i++)
        for (size_t j = 0; j < n; j++) {
          tr_ecommerce_group x, y;
          tr_ecommerce_templates_unit(t, i, NULL, &x, NULL);
          tr_ecommerce_templates_unit(t, j, NULL, &y, NULL);
          if ((int)x != ga || (int)y != gb || (ga == gb && j <= i))
            continue;
          double jac = tr_shingle_set_jaccard(tr_ecommerce_templates_set(t, i), tr_ecommerce_templates_set(t, j));
          sum += jac;
          mn = MIN(mn, jac);
          mx = MAX(mx, jac);
          np++;
        }
      assert_int_equal(tr_ecommerce_templates_compare(t, (tr_ecommerce_group)ga, (tr_ecommerce_group)gb,
                                                      &pairs, &mean, &lo, &hi), TR_OK);
      assert_int_equal(pairs, np);
      assert_true(mean == (np ? sum / (double)np : 0));
      assert_true(lo == (np ? mn : 0));
      assert_true(hi == (np ? mx : 0));
    }
}

static void test_templates(void **state) {
  (void)state;
  tr_corpus *c = load_dir("templates");
  tr_shingle_index *ix = index_of(c, TR_SHINGLE_WORD, 5);
  tr_ecommerce_templates *t = NULL;
  assert_int_equal(tr_ecommerce_templates_new(ix, TR_ECOMMERCE_DEFAULT, NULL, &t), TR_OK);
  check_units(c, t);
  check_numbers(t);
  /* a unit's set is the union of its article sets */
  for (size_t i = 0; i < tr_ecommerce_templates_count(t); i++) {
    size_t na;
    const size_t *arts = tr_ecommerce_templates_articles(t, i, &na);
    const tr_shingle_set *set = tr_ecommerce_templates_set(t, i);
    size_t covered = 0;
    for (size_t k = 0; k < na; k++) {
      tr_shingle_set *s = NULL;
      assert_int_equal(tr_shingle_index_unit_set(ix, TR_UNIT_ARTICLE, arts[k], &s), TR_OK);
      assert_int_equal(tr_shingle_set_intersection(set, s), tr_shingle_set_size(s));
      covered += tr_shingle_set_size(s);
      tr_shingle_set_free(s);
    }
    assert_true(tr_shingle_set_size(set) <= covered);
    assert_true(tr_shingle_set_size(set) > 0);
  }
  /* the fixture's numbers: 23 and 37 are the same chapter; 502 shares nothing with a group */
  double j = tr_shingle_set_jaccard(tr_ecommerce_templates_set(t, 1), tr_ecommerce_templates_set(t, 2));
  assert_true(j == 1.0);
  tr_ecommerce_group cl;
  assert_int_equal(tr_ecommerce_templates_closest(t, 9, &cl), TR_OK);
  assert_int_equal(cl, TR_ECOMMERCE_GROUP_NONE);
  assert_int_equal(tr_ecommerce_templates_closest(t, 3, &cl), TR_OK);
  assert_int_equal(cl, TR_ECOMMERCE_GROUP_EU);
  assert_int_equal(tr_ecommerce_templates_closest(t, 0, &cl), TR_OK);
  assert_int_equal(cl, TR_ECOMMERCE_GROUP_US);
  size_t pairs;
  assert_int_equal(tr_ecommerce_templates_compare(t, TR_ECOMMERCE_GROUP_US, TR_ECOMMERCE_GROUP_EU, &pairs,
                                                  NULL, NULL, NULL), TR_OK);
  assert_int_equal(pairs, 9);
  tr_ecommerce_templates_free(t);

  /* joined articles: the set of the texts joined with one space; same units */
  tr_shingle_index *ix3 = index_of(c, TR_SHINGLE_WORD_ASCII, 3);
  assert_int_equal(tr_ecommerce_templates_new(ix3, TR_ECOMMERCE_JOIN_ARTICLES, NULL, &t), TR_OK);
  check_units(c, t);
  check_numbers(t);
  for (size_t i = 0; i < tr_ecommerce_templates_count(t); i++) {
    size_t na;
    const size_t *arts = tr_ecommerce_templates_articles(t, i, &na);
    GString *g = g_string_new(NULL);
    for (size_t k = 0; k < na; k++)
      g_string_append_printf(g, "%s%s", k ? " " : "", tr_corpus_article_get(c, arts[k], TR_CORPUS_FIELD_TEXT));
    tr_shingle_set *s = NULL;
    assert_int_equal(tr_shingle_set_from_text(g->str, -1, TR_SHINGLE_WORD_ASCII, 3, &s), TR_OK);
    assert_true(tr_shingle_set_jaccard(s, tr_ecommerce_templates_set(t, i)) == 1.0);
    assert_int_equal(tr_shingle_set_size(s), tr_shingle_set_size(tr_ecommerce_templates_set(t, i)));
    tr_shingle_set_free(s);
    g_string_free(g, TRUE);
  }
  tr_ecommerce_templates_free(t);
  tr_shingle_index_free(ix3);
  tr_shingle_index_free(ix);
  tr_corpus_free(c);
}

/* The unit sets and similarities are computed on the run's threads: the same units, sets
 * (the union of the article sets, or of the joined text) and numbers with 1 to 3 threads,
 * and the numbers as brute force over the public sets. */
static void test_templates_threads(void **state) {
  (void)state;
  tr_corpus *c = load_dir("templates");
  tr_shingle_index *ix = index_of(c, TR_SHINGLE_WORD, 3);
  for (unsigned flags = 0; flags <= TR_ECOMMERCE_JOIN_ARTICLES; flags++) {
    tr_ecommerce_templates *one = NULL;
    for (unsigned threads = 1; threads <= 3; threads++) {
      tr_analysis_options *o = NULL;
      tr_ecommerce_templates *t = NULL;
      assert_int_equal(tr_analysis_options_new(&o), TR_OK);
      assert_int_equal(tr_analysis_options_set_threads(o, threads), TR_OK);
      assert_int_equal(tr_ecommerce_templates_new(ix, flags, o, &t), TR_OK);
      tr_analysis_options_free(o);
      check_units(c, t);
      check_numbers(t);
      size_t n = tr_ecommerce_templates_count(t);
      for (size_t i = 0; i < n && !flags; i++) {
        /* the union of the unit's article sets, by the public set functions */
        size_t na;
        const size_t *arts = tr_ecommerce_templates_articles(t, i, &na);
        tr_shingle_set *u = NULL;
        for (size_t k = 0; k < na; k++) {
          tr_shingle_set *s = NULL, *m = NULL;
          assert_int_equal(tr_shingle_index_unit_set(ix, TR_UNIT_ARTICLE, arts[k], &s), TR_OK);
          if (u) {
            assert_int_equal(tr_shingle_set_union(u, s, &m), TR_OK);
            tr_shingle_set_free(u);
            tr_shingle_set_free(s);
            u = m;
          } else
            u = s;
        }
        const tr_shingle_set *ts = tr_ecommerce_templates_set(t, i);
        assert_int_equal(tr_shingle_set_size(ts), tr_shingle_set_size(u));
        for (size_t k = 0; k < tr_shingle_set_size(u); k++)
          assert_string_equal(tr_shingle_set_at(ts, k), tr_shingle_set_at(u, k));
        tr_shingle_set_free(u);
      }
      if (!one) {
        one = t;
        continue;
      }
      assert_int_equal(n, tr_ecommerce_templates_count(one));
      for (size_t i = 0; i < n; i++) {
        const tr_shingle_set *a = tr_ecommerce_templates_set(t, i), *b = tr_ecommerce_templates_set(one, i);
        assert_int_equal(tr_shingle_set_size(a), tr_shingle_set_size(b));
        for (size_t k = 0; k < tr_shingle_set_size(a); k++)
          assert_string_equal(tr_shingle_set_at(a, k), tr_shingle_set_at(b, k));
        for (int g = 1; g <= 2; g++) {
          double ma, mb;
          assert_int_equal(tr_ecommerce_templates_mean(t, i, (tr_ecommerce_group)g, &ma, NULL), TR_OK);
          assert_int_equal(tr_ecommerce_templates_mean(one, i, (tr_ecommerce_group)g, &mb, NULL), TR_OK);
          assert_true(ma == mb);
        }
      }
      tr_ecommerce_templates_free(t);
    }
    tr_ecommerce_templates_free(one);
  }
  tr_shingle_index_free(ix);
  tr_corpus_free(c);
}

static void test_templates_errors(void **state) {
  (void)state;
  tr_corpus *c = load_dir("templates");
  tr_shingle_index *ix = index_of(c, TR_SHINGLE_WORD, 5);
  tr_ecommerce_templates *t = (tr_ecommerce_templates *)&t;
  assert_int_equal(tr_ecommerce_templates_new(NULL, 0, NULL, &t), TR_ERR_INVALID_ARG);
  assert_null(t);
  assert_int_equal(tr_ecommerce_templates_new(ix, 0, NULL, NULL), TR_ERR_INVALID_ARG);
  assert_int_equal(tr_ecommerce_templates_new(ix, 1u << 5, NULL, &t), TR_ERR_INVALID_ARG);
  assert_null(t);
  /* the corpus jobs select units: options with ids are refused */
  tr_analysis_options *o = NULL;
  const char *ids[] = { "TPP" };
  assert_int_equal(tr_analysis_options_new(&o), TR_OK);
  assert_int_equal(tr_analysis_options_set_ids(o, ids, 1), TR_OK);
  assert_int_equal(tr_ecommerce_templates_new(ix, 0, o, &t), TR_ERR_INVALID_ARG);
  assert_null(t);
  tr_analysis_options_free(o);
  /* cancelled before it starts: nothing returned */
  assert_int_equal(tr_analysis_options_new(&o), TR_OK);
  tr_analysis_options_cancel(o);
  assert_int_equal(tr_ecommerce_templates_new(ix, 0, o, &t), TR_ERR_CANCELLED);
  assert_null(t);
  tr_analysis_options_reset_cancel(o);
  assert_int_equal(tr_ecommerce_templates_new(ix, 0, o, &t), TR_OK);
  tr_analysis_options_free(o);

  size_t n = tr_ecommerce_templates_count(t), cnt = 5, a;
  double mean;
  tr_ecommerce_group g;
  assert_int_equal(tr_ecommerce_templates_unit(t, n, &a, &g, NULL), TR_ERR_INVALID_ARG);
  assert_int_equal(tr_ecommerce_templates_unit(NULL, 0, &a, &g, NULL), TR_ERR_INVALID_ARG);
  assert_null(tr_ecommerce_templates_articles(t, n, &cnt));
  assert_int_equal(cnt, 0);
  assert_null(tr_ecommerce_templates_articles(NULL, 0, NULL));
  assert_null(tr_ecommerce_templates_set(t, n));
  assert_null(tr_ecommerce_templates_set(NULL, 0));
  assert_int_equal(tr_ecommerce_templates_mean(t, n, TR_ECOMMERCE_GROUP_US, &mean, NULL), TR_ERR_INVALID_ARG);
  assert_int_equal(tr_ecommerce_templates_mean(t, 0, TR_ECOMMERCE_GROUP_NONE, &mean, NULL), TR_ERR_INVALID_ARG);
  assert_int_equal(tr_ecommerce_templates_mean(t, 0, (tr_ecommerce_group)3, &mean, NULL), TR_ERR_INVALID_ARG);
  assert_int_equal(tr_ecommerce_templates_closest(t, n, &g), TR_ERR_INVALID_ARG);
  assert_int_equal(tr_ecommerce_templates_closest(t, 0, NULL), TR_ERR_INVALID_ARG);
  assert_int_equal(tr_ecommerce_templates_compare(t, TR_ECOMMERCE_GROUP_NONE, TR_ECOMMERCE_GROUP_US, NULL,
                                                  NULL, NULL, NULL), TR_ERR_INVALID_ARG);
  assert_int_equal(tr_ecommerce_templates_compare(NULL, TR_ECOMMERCE_GROUP_US, TR_ECOMMERCE_GROUP_US, NULL,
                                                  NULL, NULL, NULL), TR_ERR_INVALID_ARG);
  assert_int_equal(tr_ecommerce_templates_count(NULL), 0);
  tr_ecommerce_templates_free(t);
  tr_ecommerce_templates_free(NULL);
  tr_shingle_index_free(ix);
  tr_corpus_free(c);
}

/* no reference agreement and no e-commerce chapter; and a corpus with nothing loaded */
static void test_templates_empty(void **state) {
  (void)state;
  const char *xml = "<treaty><meta><treaty_identifier>9</treaty_identifier></meta><body>"
                    "<chapter name=\"Goods\"><article>Each Party shall accord national treatment.</article>"
                    "</chapter></body></treaty>";
  for (int loaded = 0; loaded < 2; loaded++) {
    tr_corpus *c = NULL;
    assert_int_equal(tr_corpus_new(&c), TR_OK);
    if (loaded)
      assert_int_equal(tr_corpus_load_memory(c, "x.xml", xml, strlen(xml)), TR_OK);
    tr_shingle_index *ix = index_of(c, TR_SHINGLE_WORD, 5);
    tr_ecommerce_templates *t = NULL;
    assert_int_equal(tr_ecommerce_templates_new(ix, 0, NULL, &t), TR_OK);
    assert_non_null(t);
    assert_int_equal(tr_ecommerce_templates_count(t), 0);
    size_t pairs = 9;
    double mean = 9, lo = 9, hi = 9;
    assert_int_equal(tr_ecommerce_templates_compare(t, TR_ECOMMERCE_GROUP_US, TR_ECOMMERCE_GROUP_EU, &pairs,
                                                    &mean, &lo, &hi), TR_OK);
    assert_int_equal(pairs, 0);
    assert_true(mean == 0 && lo == 0 && hi == 0);
    assert_int_equal(tr_ecommerce_templates_unit(t, 0, NULL, NULL, NULL), TR_ERR_INVALID_ARG);
    tr_ecommerce_templates_free(t);
    tr_shingle_index_free(ix);
    tr_corpus_free(c);
  }
}

/* ---- most similar ---- */

typedef struct {
  size_t a, b, k, un;
} pair_t;

static int collect(size_t a, size_t b, size_t k, size_t un, void *ud) {
  pair_t p = { a, b, k, un };
  g_array_append_val((GArray *)ud, p);
  return 0;
}

static int stop_after_two(size_t a, size_t b, size_t k, size_t un, void *ud) {
  (void)a, (void)b, (void)k, (void)un;
  return ++*(int *)ud == 2 ? 7 : 0;
}

static void test_most_similar(void **state) {
  (void)state;
  tr_corpus *c = gen_corpus(13, 30, 1);
  tr_shingle_index *ix = index_of(c, TR_SHINGLE_WORD, 2);
  for (int kind = TR_UNIT_AGREEMENT; kind <= TR_UNIT_ARTICLE; kind++) {
    size_t n = tr_shingle_index_unit_count(ix, (tr_unit_kind)kind);
    size_t *all = g_new(size_t, n);
    for (size_t i = 0; i < n; i++)
      all[i] = n - 1 - i; /* any order: rows come in the order given */
    size_t tops[] = { 0, 1, 3, 1000 };
    for (size_t ti = 0; ti < G_N_ELEMENTS(tops); ti++) {
      GArray *got = g_array_new(FALSE, FALSE, sizeof(pair_t));
      assert_int_equal(tr_shingle_index_most_similar(ix, (tr_unit_kind)kind, all, n, tops[ti], NULL, collect, got),
                       TR_OK);
      /* brute force: the selection of the command before issue 13 (repeatedly the first
       * strictly greatest of the remaining candidates sharing a shingle) */
      size_t at = 0;
      for (size_t i = 0; i < n; i++) {
        size_t a = all[i];
        GArray *cand = g_array_new(FALSE, FALSE, sizeof(pair_t));
        GArray *cj = g_array_new(FALSE, FALSE, sizeof(double));
        for (size_t b = 0; b < n; b++) {
          pair_t p = { a, b, 0, 0 };
          double j;
          if (b == a)
            continue;
          assert_int_equal(tr_shingle_index_jaccard(ix, (tr_unit_kind)kind, a, (tr_unit_kind)kind, b, &j, &p.k,
                                                    &p.un), TR_OK);
          if (p.k > 0) {
            g_array_append_val(cand, p);
            g_array_append_val(cj, j);
          }
        }
        for (size_t r = 0; r < tops[ti] && cand->len > 0; r++) {
          guint best = 0;
          for (guint x = 1; x < cand->len; x++)
            if (g_array_index(cj, double, x) > g_array_index(cj, double, best))
              best = x;
          assert_true(at < got->len);
          pair_t *p = &g_array_index(got, pair_t, at), *q = &g_array_index(cand, pair_t, best);
          assert_int_equal(p->a, q->a);
          assert_int_equal(p->b, q->b);
          assert_int_equal(p->k, q->k);
          assert_int_equal(p->un, q->un);
          at++;
          g_array_remove_index(cand, best);
          g_array_remove_index(cj, best);
        }
        g_array_free(cand, TRUE);
        g_array_free(cj, TRUE);
      }
      assert_int_equal(at, got->len);
      g_array_free(got, TRUE);
    }
    g_free(all);
  }
  /* the callback stops it; errors */
  size_t one = 0, bad = tr_shingle_index_unit_count(ix, TR_UNIT_ARTICLE);
  int calls = 0;
  assert_int_equal(tr_shingle_index_most_similar(ix, TR_UNIT_ARTICLE, &one, 1, 50, NULL, stop_after_two, &calls), 7);
  assert_int_equal(calls, 2);
  GArray *got = g_array_new(FALSE, FALSE, sizeof(pair_t));
  assert_int_equal(tr_shingle_index_most_similar(NULL, TR_UNIT_ARTICLE, &one, 1, 5, NULL, collect, got),
                   TR_ERR_INVALID_ARG);
  assert_int_equal(tr_shingle_index_most_similar(ix, TR_UNIT_ARTICLE, &one, 1, 5, NULL, NULL, NULL),
                   TR_ERR_INVALID_ARG);
  assert_int_equal(tr_shingle_index_most_similar(ix, (tr_unit_kind)3, &one, 1, 5, NULL, collect, got),
                   TR_ERR_INVALID_ARG);
  assert_int_equal(tr_shingle_index_most_similar(ix, TR_UNIT_ARTICLE, &bad, 1, 5, NULL, collect, got),
                   TR_ERR_INVALID_ARG);
  assert_int_equal(tr_shingle_index_most_similar(ix, TR_UNIT_ARTICLE, NULL, 1, 5, NULL, collect, got),
                   TR_ERR_INVALID_ARG);
  assert_int_equal(tr_shingle_index_most_similar(ix, TR_UNIT_ARTICLE, NULL, 0, 5, NULL, collect, got), TR_OK);
  assert_int_equal(got->len, 0);
  tr_analysis_options *o = NULL;
  assert_int_equal(tr_analysis_options_new(&o), TR_OK);
  tr_analysis_options_cancel(o);
  assert_int_equal(tr_shingle_index_most_similar(ix, TR_UNIT_ARTICLE, &one, 1, 5, o, collect, got),
                   TR_ERR_CANCELLED);
  assert_int_equal(got->len, 0);
  tr_analysis_options_free(o);
  g_array_free(got, TRUE);
  tr_shingle_index_free(ix);
  tr_corpus_free(c);
}

/* ---- all pairs ---- */

static void check_all_pairs(tr_shingle_index *ix, tr_unit_kind kind, unsigned threads) {
  size_t n = tr_shingle_index_unit_count(ix, kind);
  uint64_t *inter = g_new(uint64_t, n > 0 ? n * n : 1);
  tr_analysis_options *o = NULL;
  assert_int_equal(tr_analysis_options_new(&o), TR_OK);
  assert_int_equal(tr_analysis_options_set_threads(o, threads), TR_OK);
  if (n)
    assert_int_equal(tr_shingle_index_matrix_with_options(ix, kind, NULL, n, o, NULL, inter), TR_OK);
  GArray *got = g_array_new(FALSE, FALSE, sizeof(pair_t));
  assert_int_equal(tr_shingle_index_all_pairs(ix, kind, o, collect, got), TR_OK);
  assert_int_equal(got->len, n * (n ? n - 1 : 0) / 2);
  size_t at = 0;
  for (size_t a = 0; a < n; a++)
    for (size_t b = a + 1; b < n; b++, at++) {
      pair_t *p = &g_array_index(got, pair_t, at);
      assert_int_equal(p->a, a);
      assert_int_equal(p->b, b);
      assert_int_equal(p->k, inter[a * n + b]);
      assert_int_equal(p->un, tr_shingle_index_unit_size(ix, kind, a) + tr_shingle_index_unit_size(ix, kind, b) -
                                  p->k);
    }
  g_array_free(got, TRUE);
  tr_analysis_options_free(o);
  g_free(inter);
}

static void test_all_pairs(void **state) {
  (void)state;
  /* small: against tr_shingle_index_jaccard() pair by pair */
  tr_corpus *c = gen_corpus(21, 25, 1);
  tr_shingle_index *ix = index_of(c, TR_SHINGLE_WORD, 2);
  for (int kind = TR_UNIT_AGREEMENT; kind <= TR_UNIT_ARTICLE; kind++) {
    GArray *got = g_array_new(FALSE, FALSE, sizeof(pair_t));
    assert_int_equal(tr_shingle_index_all_pairs(ix, (tr_unit_kind)kind, NULL, collect, got), TR_OK);
    size_t n = tr_shingle_index_unit_count(ix, (tr_unit_kind)kind), at = 0;
    for (size_t a = 0; a < n; a++)
      for (size_t b = a + 1; b < n; b++, at++) {
        size_t k, un;
        double j;
        pair_t *p = &g_array_index(got, pair_t, at);
        assert_int_equal(tr_shingle_index_jaccard(ix, (tr_unit_kind)kind, a, (tr_unit_kind)kind, b, &j, &k, &un),
                         TR_OK);
        assert_true(p->a == a && p->b == b && p->k == k && p->un == un);
        assert_true((un ? (double)p->k / (double)p->un : 0.0) == j);
      }
    assert_int_equal(at, got->len);
    g_array_free(got, TRUE);
    check_all_pairs(ix, (tr_unit_kind)kind, 2);
  }
  int calls = 0;
  assert_int_equal(tr_shingle_index_all_pairs(ix, TR_UNIT_ARTICLE, NULL, stop_after_two, &calls), 7);
  assert_int_equal(calls, 2);
  assert_int_equal(tr_shingle_index_all_pairs(NULL, TR_UNIT_ARTICLE, NULL, collect, NULL), TR_ERR_INVALID_ARG);
  assert_int_equal(tr_shingle_index_all_pairs(ix, TR_UNIT_ARTICLE, NULL, NULL, NULL), TR_ERR_INVALID_ARG);
  assert_int_equal(tr_shingle_index_all_pairs(ix, (tr_unit_kind)-1, NULL, collect, NULL), TR_ERR_INVALID_ARG);
  tr_analysis_options *o = NULL;
  const char *ids[] = { "x" };
  assert_int_equal(tr_analysis_options_new(&o), TR_OK);
  assert_int_equal(tr_analysis_options_set_ids(o, ids, 1), TR_OK);
  assert_int_equal(tr_shingle_index_all_pairs(ix, TR_UNIT_ARTICLE, o, collect, NULL), TR_ERR_INVALID_ARG);
  tr_analysis_options_free(o);
  assert_int_equal(tr_analysis_options_new(&o), TR_OK);
  tr_analysis_options_cancel(o);
  calls = 0;
  assert_int_equal(tr_shingle_index_all_pairs(ix, TR_UNIT_ARTICLE, o, stop_after_two, &calls), TR_ERR_CANCELLED);
  assert_int_equal(calls, 0);
  tr_analysis_options_free(o);
  tr_shingle_index_free(ix);
  tr_corpus_free(c);

  /* more than 1024 articles: blocks of rows, against one full matrix; 1 and 2 threads */
  c = gen_corpus(5, 170, 2);
  ix = index_of(c, TR_SHINGLE_WORD, 2);
  assert_true(tr_shingle_index_unit_count(ix, TR_UNIT_ARTICLE) > 1024);
  check_all_pairs(ix, TR_UNIT_ARTICLE, 1);
  check_all_pairs(ix, TR_UNIT_ARTICLE, 2);
  tr_shingle_index_free(ix);
  tr_corpus_free(c);

  /* an empty corpus: no pairs */
  assert_int_equal(tr_corpus_new(&c), TR_OK);
  ix = index_of(c, TR_SHINGLE_WORD, 5);
  check_all_pairs(ix, TR_UNIT_AGREEMENT, 1);
  size_t none = 0;
  assert_int_equal(tr_shingle_index_most_similar(ix, TR_UNIT_AGREEMENT, &none, 1, 5, NULL, collect, NULL),
                   TR_ERR_INVALID_ARG);
  tr_shingle_index_free(ix);
  tr_corpus_free(c);
}

/* ---- units by kind ---- */

static void test_units(void **state) {
  (void)state;
  tr_corpus *c = load_dir("templates");
  assert_int_equal(tr_corpus_unit_count(c, TR_UNIT_AGREEMENT), tr_corpus_agreement_count(c));
  assert_int_equal(tr_corpus_unit_count(c, TR_UNIT_CHAPTER), tr_corpus_chapter_count(c));
  assert_int_equal(tr_corpus_unit_count(c, TR_UNIT_ARTICLE), tr_corpus_article_count(c));
  assert_int_equal(tr_corpus_unit_count(c, (tr_unit_kind)3), 0);
  assert_int_equal(tr_corpus_unit_count(NULL, TR_UNIT_ARTICLE), 0);
  size_t i, j;
  /* agreement: ToTA id and name */
  assert_int_equal(tr_corpus_unit_find(c, TR_UNIT_AGREEMENT, "501", &i), TR_OK);
  assert_string_equal(tr_corpus_unit_identifier(c, TR_UNIT_AGREEMENT, i), "501");
  assert_string_equal(tr_corpus_unit_label(c, TR_UNIT_AGREEMENT, i), "Canada - Korea");
  assert_int_equal(tr_corpus_unit_agreement(c, TR_UNIT_AGREEMENT, i), i);
  /* chapter: identifier; label = number, else name (500's chapter has no number) */
  assert_int_equal(tr_corpus_unit_find(c, TR_UNIT_CHAPTER, "50115", &j), TR_OK);
  assert_string_equal(tr_corpus_unit_identifier(c, TR_UNIT_CHAPTER, j), "50115");
  assert_string_equal(tr_corpus_unit_label(c, TR_UNIT_CHAPTER, j), "CHAPITRE 15");
  assert_int_equal(tr_corpus_unit_agreement(c, TR_UNIT_CHAPTER, j), i);
  assert_int_equal(tr_corpus_unit_find(c, TR_UNIT_CHAPTER, "50001", &j), TR_OK);
  assert_string_equal(tr_corpus_unit_label(c, TR_UNIT_CHAPTER, j), "Comercio Electrónico");
  assert_int_equal(tr_corpus_unit_find(c, TR_UNIT_CHAPTER, "1700", &j), TR_OK);
  assert_string_equal(tr_corpus_unit_label(c, TR_UNIT_CHAPTER, j), "Preamble");
  /* article: number, else name, else NULL (17001 has neither) */
  assert_int_equal(tr_corpus_unit_find(c, TR_UNIT_ARTICLE, "501151", &j), TR_OK);
  assert_string_equal(tr_corpus_unit_label(c, TR_UNIT_ARTICLE, j), "ARTICLE 15.1");
  assert_int_equal(tr_corpus_unit_agreement(c, TR_UNIT_ARTICLE, j), i);
  assert_int_equal(tr_corpus_unit_find(c, TR_UNIT_ARTICLE, "17001", &j), TR_OK);
  assert_null(tr_corpus_unit_label(c, TR_UNIT_ARTICLE, j));
  /* every unit is found by its own identifier (the fixture's identifiers are unique) */
  for (int k = TR_UNIT_AGREEMENT; k <= TR_UNIT_ARTICLE; k++)
    for (size_t u = 0; u < tr_corpus_unit_count(c, (tr_unit_kind)k); u++) {
      assert_int_equal(tr_corpus_unit_find(c, (tr_unit_kind)k, tr_corpus_unit_identifier(c, (tr_unit_kind)k, u), &j),
                       TR_OK);
      assert_int_equal(j, u);
    }
  /* errors */
  size_t n = tr_corpus_unit_count(c, TR_UNIT_ARTICLE);
  assert_int_equal(tr_corpus_unit_find(c, TR_UNIT_ARTICLE, "nope", &j), TR_ERR_NOT_FOUND);
  assert_int_equal(tr_corpus_unit_find(c, TR_UNIT_AGREEMENT, "50115", &j), TR_ERR_NOT_FOUND);
  assert_int_equal(tr_corpus_unit_find(NULL, TR_UNIT_ARTICLE, "1", &j), TR_ERR_INVALID_ARG);
  assert_int_equal(tr_corpus_unit_find(c, TR_UNIT_ARTICLE, NULL, &j), TR_ERR_INVALID_ARG);
  assert_int_equal(tr_corpus_unit_find(c, TR_UNIT_ARTICLE, "17001", NULL), TR_ERR_INVALID_ARG);
  assert_int_equal(tr_corpus_unit_find(c, (tr_unit_kind)7, "17001", &j), TR_ERR_INVALID_ARG);
  assert_null(tr_corpus_unit_identifier(c, TR_UNIT_ARTICLE, n));
  assert_null(tr_corpus_unit_label(c, TR_UNIT_ARTICLE, n));
  assert_null(tr_corpus_unit_identifier(c, (tr_unit_kind)3, 0));
  assert_null(tr_corpus_unit_label(c, (tr_unit_kind)3, 0));
  assert_int_equal(tr_corpus_unit_agreement(c, TR_UNIT_ARTICLE, n), (size_t)-1);
  assert_int_equal(tr_corpus_unit_agreement(c, TR_UNIT_AGREEMENT, tr_corpus_agreement_count(c)), (size_t)-1);
  assert_int_equal(tr_corpus_unit_agreement(c, (tr_unit_kind)3, 0), (size_t)-1);
  tr_corpus_free(c);
}

int main(void) {
  const struct CMUnitTest tests[] = {
    cmocka_unit_test(test_ecommerce_name),
    cmocka_unit_test(test_templates),
    cmocka_unit_test(test_templates_threads),
    cmocka_unit_test(test_templates_errors),
    cmocka_unit_test(test_templates_empty),
    cmocka_unit_test(test_most_similar),
    cmocka_unit_test(test_all_pairs),
    cmocka_unit_test(test_units),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
