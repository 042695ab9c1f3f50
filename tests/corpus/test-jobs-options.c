/* The corpus jobs with analysis options (analysis.h): results identical to the
 * deprecated functions and across thread counts, progress monotonic up to total,
 * cancellation (callback and flag) with nothing leaked, and the options' agreement
 * set refused (corpus jobs select units). The index build with options: the same
 * index for every thread count, progress, cancellation. */
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

static tr_analysis_options *opts(unsigned threads) {
  tr_analysis_options *o = NULL;
  assert_int_equal(tr_analysis_options_new(&o), TR_OK);
  assert_int_equal(tr_analysis_options_set_threads(o, threads), TR_OK);
  return o;
}

static void assert_lists_equal(const tr_pair_list *a, const tr_pair_list *b) {
  size_t n = tr_pair_list_count(a);
  assert_int_equal(n, tr_pair_list_count(b));
  for (size_t i = 0; i < n; i++) {
    size_t a1, b1, i1, u1, a2, b2, i2, u2;
    double j1, j2;
    assert_int_equal(tr_pair_list_get(a, i, &a1, &b1, &j1, &i1, &u1), TR_OK);
    assert_int_equal(tr_pair_list_get(b, i, &a2, &b2, &j2, &i2, &u2), TR_OK);
    assert_int_equal(a1, a2);
    assert_int_equal(b1, b2);
    assert_int_equal(i1, i2);
    assert_int_equal(u1, u2);
    assert_true(j1 == j2);
  }
}

/* Callbacks may run on worker threads: they record, the test thread asserts. */
typedef struct {
  GMutex lock; /* the library serialises calls; the lock makes the test not rely on it */
  size_t calls, total, last, decreases, total_changes, bad_first, over_total;
  size_t polls, cancel_at_poll;
} watch_t;

static void on_progress(size_t done, size_t total, void *ud) {
  watch_t *w = ud;
  g_mutex_lock(&w->lock);
  if (w->calls == 0) {
    w->total = total;
    w->bad_first += done != 0;
  }
  w->total_changes += total != w->total;
  w->decreases += done < w->last;
  w->over_total += done > total;
  w->last = done;
  w->calls++;
  g_mutex_unlock(&w->lock);
}

static int on_cancel(void *ud) {
  watch_t *w = ud;
  g_mutex_lock(&w->lock);
  w->polls++;
  int stop = w->cancel_at_poll && w->polls >= w->cancel_at_poll;
  g_mutex_unlock(&w->lock);
  return stop;
}

static void watch_reset(watch_t *w, size_t cancel_at_poll) {
  w->calls = w->total = w->last = w->decreases = w->total_changes = w->bad_first = w->over_total = 0;
  w->polls = 0;
  w->cancel_at_poll = cancel_at_poll;
}

static void check_progress(const watch_t *w) {
  assert_true(w->calls >= 2);
  assert_true(w->total > 0);
  assert_int_equal(w->decreases, 0);
  assert_int_equal(w->total_changes, 0);
  assert_int_equal(w->bad_first, 0);
  assert_int_equal(w->over_total, 0);
  assert_int_equal(w->last, w->total);
}

static void test_same_as_deprecated_and_threads(void **state) {
  (void)state;
  tr_corpus *c = gen_corpus(41, 60, 2);
  tr_shingle_index *ix = NULL;
  assert_int_equal(tr_shingle_index_new(c, TR_SHINGLE_WORD, 3, &ix), TR_OK);
  size_t na = tr_shingle_index_unit_count(ix, TR_UNIT_AGREEMENT);
  size_t nc = tr_shingle_index_unit_count(ix, TR_UNIT_CHAPTER);
  double *m_old = g_new(double, nc * nc), *m_new = g_new(double, nc * nc);
  uint64_t *i_old = g_new(uint64_t, nc * nc), *i_new = g_new(uint64_t, nc * nc);
  tr_pair_list *p_old = NULL, *t_old = NULL;
  assert_int_equal(tr_shingle_index_pairs(ix, TR_UNIT_ARTICLE, 0.4, TR_PAIRS_ACROSS_AGREEMENTS, &p_old), TR_OK);
  assert_int_equal(tr_shingle_index_trace(ix, 0.4, &t_old), TR_OK);
  assert_true(tr_pair_list_count(p_old) > 0);
  assert_true(tr_pair_list_count(t_old) > 0);
  assert_int_equal(tr_shingle_index_matrix(ix, TR_UNIT_CHAPTER, NULL, nc, m_old, i_old), TR_OK);
  for (unsigned threads = 0; threads <= 3; threads++) {
    tr_analysis_options *o = opts(threads);
    tr_pair_list *p = NULL, *t = NULL;
    assert_int_equal(tr_shingle_index_pairs_with_options(ix, TR_UNIT_ARTICLE, 0.4, TR_PAIRS_ACROSS_AGREEMENTS,
                                                         o, &p), TR_OK);
    assert_lists_equal(p_old, p);
    assert_int_equal(tr_shingle_index_trace_with_options(ix, 0.4, o, &t), TR_OK);
    assert_lists_equal(t_old, t);
    memset(m_new, 0, nc * nc * sizeof(double));
    assert_int_equal(tr_shingle_index_matrix_with_options(ix, TR_UNIT_CHAPTER, NULL, nc, o, m_new, i_new), TR_OK);
    assert_memory_equal(m_old, m_new, nc * nc * sizeof(double));
    assert_memory_equal(i_old, i_new, nc * nc * sizeof(uint64_t));
    tr_pair_list_free(p);
    tr_pair_list_free(t);
    tr_analysis_options_free(o);
  }
  /* NULL options: as the deprecated function */
  tr_pair_list *p = NULL;
  assert_int_equal(tr_shingle_index_pairs_with_options(ix, TR_UNIT_AGREEMENT, 0.1, 0, NULL, &p), TR_OK);
  tr_pair_list *p2 = NULL;
  assert_int_equal(tr_shingle_index_pairs(ix, TR_UNIT_AGREEMENT, 0.1, 0, &p2), TR_OK);
  assert_lists_equal(p, p2);
  tr_pair_list_free(p);
  tr_pair_list_free(p2);
  double *ma = g_new(double, na * na), *mb = g_new(double, na * na);
  assert_int_equal(tr_shingle_index_matrix_with_options(ix, TR_UNIT_AGREEMENT, NULL, na, NULL, ma, NULL), TR_OK);
  assert_int_equal(tr_shingle_index_matrix(ix, TR_UNIT_AGREEMENT, NULL, na, mb, NULL), TR_OK);
  assert_memory_equal(ma, mb, na * na * sizeof(double));
  g_free(ma);
  g_free(mb);
  g_free(m_old);
  g_free(m_new);
  g_free(i_old);
  g_free(i_new);
  tr_pair_list_free(p_old);
  tr_pair_list_free(t_old);
  tr_shingle_index_free(ix);
  tr_corpus_free(c);
}

static void test_progress_and_cancel(void **state) {
  (void)state;
  tr_corpus *c = gen_corpus(43, 80, 1);
  tr_shingle_index *ix = NULL;
  assert_int_equal(tr_shingle_index_new(c, TR_SHINGLE_WORD, 3, &ix), TR_OK);
  size_t na = tr_shingle_index_unit_count(ix, TR_UNIT_AGREEMENT);
  double *m = g_new(double, na * na);
  watch_t w;
  memset(&w, 0, sizeof w);
  g_mutex_init(&w.lock);
  for (unsigned threads = 1; threads <= 2; threads++) {
    tr_analysis_options *o = opts(threads);
    assert_int_equal(tr_analysis_options_set_progress(o, on_progress, &w), TR_OK);
    assert_int_equal(tr_analysis_options_set_cancel(o, on_cancel, &w), TR_OK);

    /* progress: pairs count the articles with shingles, in chunks of 16 */
    tr_pair_list *l = NULL;
    watch_reset(&w, 0);
    assert_int_equal(tr_shingle_index_pairs_with_options(ix, TR_UNIT_ARTICLE, 0.3, 0, o, &l), TR_OK);
    check_progress(&w);
    assert_true(w.total > 16 * 4 && w.total <= tr_shingle_index_unit_count(ix, TR_UNIT_ARTICLE));
    assert_true(w.calls >= w.total / 16);
    tr_pair_list_free(l);
    watch_reset(&w, 0);
    assert_int_equal(tr_shingle_index_trace_with_options(ix, 0.3, o, &l), TR_OK);
    check_progress(&w);
    tr_pair_list_free(l);
    watch_reset(&w, 0);
    assert_int_equal(tr_shingle_index_matrix_with_options(ix, TR_UNIT_AGREEMENT, NULL, na, o, m, NULL), TR_OK);
    check_progress(&w);

    /* cancelled by the callback at its third poll: nothing returned, nothing leaked */
    l = (tr_pair_list *)&l;
    watch_reset(&w, 3);
    assert_int_equal(tr_shingle_index_pairs_with_options(ix, TR_UNIT_ARTICLE, 0.3, 0, o, &l), TR_ERR_CANCELLED);
    assert_null(l);
    assert_int_equal(tr_error_code(), TR_ERR_CANCELLED);
    assert_true(w.last < w.total);
    assert_int_equal(w.polls, 3); /* not asked again once it said stop */
    l = (tr_pair_list *)&l;
    watch_reset(&w, 2);
    assert_int_equal(tr_shingle_index_trace_with_options(ix, 0.3, o, &l), TR_ERR_CANCELLED);
    assert_null(l);

    /* the flag: every job stops at once */
    tr_analysis_options_cancel(o);
    watch_reset(&w, 0);
    assert_int_equal(tr_shingle_index_matrix_with_options(ix, TR_UNIT_AGREEMENT, NULL, na, o, m, NULL),
                     TR_ERR_CANCELLED);
    assert_int_equal(w.last, 0);
    l = (tr_pair_list *)&l;
    assert_int_equal(tr_shingle_index_pairs_with_options(ix, TR_UNIT_CHAPTER, 0.3, 0, o, &l), TR_ERR_CANCELLED);
    assert_null(l);
    tr_analysis_options_reset_cancel(o);
    assert_int_equal(tr_shingle_index_pairs_with_options(ix, TR_UNIT_CHAPTER, 0.3, 0, o, &l), TR_OK);
    tr_pair_list_free(l);
    tr_analysis_options_free(o);
  }
  g_mutex_clear(&w.lock);
  g_free(m);
  tr_shingle_index_free(ix);
  tr_corpus_free(c);
}

/* tr_shingle_index_overlaps_with_options(): the same stream, progress, cancellation */
static int collect(size_t a, size_t b, size_t inter, size_t uni, void *ud) {
  GArray *out = ud;
  size_t v[4] = { a, b, inter, uni };
  g_array_append_vals(out, v, 4);
  return 0;
}

static void test_overlaps(void **state) {
  (void)state;
  tr_corpus *c = gen_corpus(53, 80, 1);
  tr_shingle_index *ix = NULL;
  assert_int_equal(tr_shingle_index_new(c, TR_SHINGLE_WORD, 3, &ix), TR_OK);
  GArray *base = g_array_new(FALSE, FALSE, sizeof(size_t));
  assert_int_equal(tr_shingle_index_overlaps(ix, TR_UNIT_ARTICLE, 0.2, collect, base), TR_OK);
  assert_true(base->len > 0);
  watch_t w;
  memset(&w, 0, sizeof w);
  g_mutex_init(&w.lock);
  for (unsigned threads = 1; threads <= 2; threads++) {
    tr_analysis_options *o = opts(threads);
    assert_int_equal(tr_analysis_options_set_progress(o, on_progress, &w), TR_OK);
    assert_int_equal(tr_analysis_options_set_cancel(o, on_cancel, &w), TR_OK);
    GArray *got = g_array_new(FALSE, FALSE, sizeof(size_t));
    watch_reset(&w, 0);
    assert_int_equal(tr_shingle_index_overlaps_with_options(ix, TR_UNIT_ARTICLE, 0.2, o, collect, got), TR_OK);
    assert_int_equal(got->len, base->len);
    assert_memory_equal(got->data, base->data, base->len * sizeof(size_t));
    check_progress(&w);
    assert_int_equal(w.total, tr_shingle_index_unit_count(ix, TR_UNIT_ARTICLE));

    /* cancelled at the tenth poll (in the second or third batch of rows): the complete
     * batches before it were handed out, a prefix of the stream, then the error */
    g_array_set_size(got, 0);
    watch_reset(&w, 10);
    assert_int_equal(tr_shingle_index_overlaps_with_options(ix, TR_UNIT_ARTICLE, 0.2, o, collect, got),
                     TR_ERR_CANCELLED);
    assert_true(w.last < w.total);
    assert_true(got->len > 0 && got->len < base->len);
    assert_memory_equal(got->data, base->data, got->len * sizeof(size_t));

    /* the flag: nothing at all */
    g_array_set_size(got, 0);
    tr_analysis_options_cancel(o);
    assert_int_equal(tr_shingle_index_overlaps_with_options(ix, TR_UNIT_CHAPTER, 0.0, o, collect, got),
                     TR_ERR_CANCELLED);
    assert_int_equal(got->len, 0);
    g_array_free(got, TRUE);
    tr_analysis_options_free(o);
  }
  tr_analysis_options *o = opts(1);
  const char *ids[] = { "1" };
  assert_int_equal(tr_analysis_options_set_ids(o, ids, 1), TR_OK);
  assert_int_equal(tr_shingle_index_overlaps_with_options(ix, TR_UNIT_ARTICLE, 0.2, o, collect, base),
                   TR_ERR_INVALID_ARG);
  tr_analysis_options_free(o);
  g_mutex_clear(&w.lock);
  g_array_free(base, TRUE);
  tr_shingle_index_free(ix);
  tr_corpus_free(c);
}

/* tr_shingle_index_new_with_options(): the same index for every thread count and as
 * tr_shingle_index_new(); progress 2 x articles + 128, monotonic; cancellation (callback,
 * flag) gives TR_ERR_CANCELLED and no index; the corpus stays usable. */
static void assert_same_index(const tr_shingle_index *a, const tr_shingle_index *b) {
  assert_int_equal(tr_shingle_index_vocabulary(a), tr_shingle_index_vocabulary(b));
  size_t na = tr_shingle_index_unit_count(a, TR_UNIT_AGREEMENT);
  assert_int_equal(na, tr_shingle_index_unit_count(b, TR_UNIT_AGREEMENT));
  double *ma = g_new(double, na * na), *mb = g_new(double, na * na);
  assert_int_equal(tr_shingle_index_matrix(a, TR_UNIT_AGREEMENT, NULL, na, ma, NULL), TR_OK);
  assert_int_equal(tr_shingle_index_matrix(b, TR_UNIT_AGREEMENT, NULL, na, mb, NULL), TR_OK);
  assert_memory_equal(ma, mb, na * na * sizeof(double));
  g_free(ma);
  g_free(mb);
  tr_pair_list *pa = NULL, *pb = NULL;
  assert_int_equal(tr_shingle_index_pairs(a, TR_UNIT_ARTICLE, 0.3, 0, &pa), TR_OK);
  assert_int_equal(tr_shingle_index_pairs(b, TR_UNIT_ARTICLE, 0.3, 0, &pb), TR_OK);
  assert_true(tr_pair_list_count(pa) > 0);
  assert_lists_equal(pa, pb);
  tr_pair_list_free(pa);
  tr_pair_list_free(pb);
  /* the same ids: one article's shingle strings */
  size_t art = tr_shingle_index_unit_count(a, TR_UNIT_ARTICLE) / 2;
  tr_shingle_set *sa = NULL, *sb = NULL;
  assert_int_equal(tr_shingle_index_unit_set(a, TR_UNIT_ARTICLE, art, &sa), TR_OK);
  assert_int_equal(tr_shingle_index_unit_set(b, TR_UNIT_ARTICLE, art, &sb), TR_OK);
  assert_int_equal(tr_shingle_set_size(sa), tr_shingle_set_size(sb));
  assert_true(tr_shingle_set_size(sa) > 0);
  for (size_t i = 0; i < tr_shingle_set_size(sa); i++)
    assert_string_equal(tr_shingle_set_at(sa, i), tr_shingle_set_at(sb, i));
  tr_shingle_set_free(sa);
  tr_shingle_set_free(sb);
}

static void test_index_with_options(void **state) {
  (void)state;
  tr_corpus *c = gen_corpus(59, 120, 1);
  size_t nart = tr_corpus_article_count(c);
  tr_shingle_index *base = NULL, *ix = NULL;
  assert_int_equal(tr_shingle_index_new(c, TR_SHINGLE_WORD, 3, &base), TR_OK);
  /* NULL options: the deprecated function */
  assert_int_equal(tr_shingle_index_new_with_options(c, TR_SHINGLE_WORD, 3, NULL, &ix), TR_OK);
  assert_same_index(base, ix);
  tr_shingle_index_free(ix);
  watch_t w;
  memset(&w, 0, sizeof w);
  g_mutex_init(&w.lock);
  for (unsigned threads = 0; threads <= 3; threads++) {
    tr_analysis_options *o = opts(threads);
    assert_int_equal(tr_analysis_options_set_progress(o, on_progress, &w), TR_OK);
    assert_int_equal(tr_analysis_options_set_cancel(o, on_cancel, &w), TR_OK);
    watch_reset(&w, 0);
    ix = NULL;
    assert_int_equal(tr_shingle_index_new_with_options(c, TR_SHINGLE_WORD, 3, o, &ix), TR_OK);
    check_progress(&w);
    assert_int_equal(w.total, 2 * nart + 128);
    assert_true(w.calls >= nart / 64);
    assert_same_index(base, ix);
    tr_shingle_index_free(ix);

    /* cancelled by the callback at a later poll each time: in tokenising (3), in
     * interning (hashing chunks come after nart / 64 tokenising chunks), in the sets */
    size_t at[] = { 3, nart / 64 + 10, nart / 64 + 64 + 2 + 3 };
    for (size_t k = 0; k < G_N_ELEMENTS(at); k++) {
      ix = (tr_shingle_index *)&ix;
      watch_reset(&w, at[k]);
      assert_int_equal(tr_shingle_index_new_with_options(c, TR_SHINGLE_WORD, 3, o, &ix),
                       TR_ERR_CANCELLED);
      assert_null(ix);
      assert_int_equal(tr_error_code(), TR_ERR_CANCELLED);
      assert_true(w.last < w.total);
      assert_int_equal(w.polls, at[k]);
    }
    /* the flag: stops before any work */
    tr_analysis_options_cancel(o);
    watch_reset(&w, 0);
    ix = (tr_shingle_index *)&ix;
    assert_int_equal(tr_shingle_index_new_with_options(c, TR_SHINGLE_CHAR, 4, o, &ix), TR_ERR_CANCELLED);
    assert_null(ix);
    assert_int_equal(w.last, 0);
    tr_analysis_options_free(o);
  }
  /* the cancelled builds left no reference on the corpus: a load is not refused for a
   * live index (the document is invalid, so the corpus is unchanged either way) */
  tr_shingle_index_free(base);
  assert_int_not_equal(tr_corpus_load_memory(c, "extra.xml", "<treaty/>", 9), TR_OK);
  assert_null(strstr(tr_error_message(), "live shingle index"));
  /* an agreement set is refused, as by the jobs */
  tr_analysis_options *o = opts(1);
  const char *ids[] = { "1" };
  assert_int_equal(tr_analysis_options_set_ids(o, ids, 1), TR_OK);
  ix = (tr_shingle_index *)&ix;
  assert_int_equal(tr_shingle_index_new_with_options(c, TR_SHINGLE_WORD, 3, o, &ix), TR_ERR_INVALID_ARG);
  assert_null(ix);
  assert_int_equal(tr_shingle_index_new_with_options(c, TR_SHINGLE_WORD, 0, NULL, &ix), TR_ERR_INVALID_ARG);
  assert_int_equal(tr_shingle_index_new_with_options(NULL, TR_SHINGLE_WORD, 3, NULL, &ix), TR_ERR_INVALID_ARG);
  assert_int_equal(tr_shingle_index_new_with_options(c, TR_SHINGLE_WORD, 3, NULL, NULL), TR_ERR_INVALID_ARG);
  tr_analysis_options_free(o);
  g_mutex_clear(&w.lock);
  tr_corpus_free(c);
}

static void test_agreement_set_refused(void **state) {
  (void)state;
  tr_corpus *c = gen_corpus(47, 5, 1);
  tr_shingle_index *ix = NULL;
  assert_int_equal(tr_shingle_index_new(c, TR_SHINGLE_WORD, 3, &ix), TR_OK);
  tr_analysis_options *o = opts(1);
  const char *ids[] = { "1" };
  assert_int_equal(tr_analysis_options_set_ids(o, ids, 1), TR_OK);
  tr_pair_list *l = (tr_pair_list *)&l;
  assert_int_equal(tr_shingle_index_pairs_with_options(ix, TR_UNIT_ARTICLE, 0.5, 0, o, &l), TR_ERR_INVALID_ARG);
  assert_null(l);
  assert_int_equal(tr_shingle_index_trace_with_options(ix, 0.5, o, &l), TR_ERR_INVALID_ARG);
  double m[25];
  assert_int_equal(tr_shingle_index_matrix_with_options(ix, TR_UNIT_AGREEMENT, NULL, 5, o, m, NULL),
                   TR_ERR_INVALID_ARG);
  assert_int_equal(tr_analysis_options_set_ids(o, NULL, 0), TR_OK);
  tr_filter *f = NULL;
  assert_int_equal(tr_filter_new(&f), TR_OK);
  assert_int_equal(tr_analysis_options_set_filter(o, f), TR_OK);
  assert_int_equal(tr_shingle_index_trace_with_options(ix, 0.5, o, &l), TR_ERR_INVALID_ARG);
  assert_int_equal(tr_analysis_options_set_filter(o, NULL), TR_OK);
  assert_int_equal(tr_shingle_index_trace_with_options(ix, 0.5, o, &l), TR_OK);
  tr_pair_list_free(l);
  /* the old argument checks hold */
  assert_int_equal(tr_shingle_index_pairs_with_options(ix, TR_UNIT_ARTICLE, 0.0, 0, o, &l), TR_ERR_INVALID_ARG);
  assert_int_equal(tr_shingle_index_pairs_with_options(NULL, TR_UNIT_ARTICLE, 0.5, 0, o, &l), TR_ERR_INVALID_ARG);
  assert_int_equal(tr_shingle_index_pairs_with_options(ix, TR_UNIT_ARTICLE, 0.5, 0, o, NULL), TR_ERR_INVALID_ARG);
  tr_filter_free(f);
  tr_analysis_options_free(o);
  tr_shingle_index_free(ix);
  tr_corpus_free(c);
}

int main(void) {
  const struct CMUnitTest tests[] = {
    cmocka_unit_test(test_same_as_deprecated_and_threads),
    cmocka_unit_test(test_progress_and_cancel),
    cmocka_unit_test(test_overlaps),
    cmocka_unit_test(test_agreement_set_refused),
    cmocka_unit_test(test_index_with_options),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
