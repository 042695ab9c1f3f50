/* The analysis options object (analysis.h) and the catalog analyses that take it:
 * defaults and validation, results identical to the deprecated functions, the
 * agreement set (filter and ids), progress (monotonic up to total), cancellation
 * (callback, flag, from inside the progress callback) and thread-count invariance. */
#include "helpers.h"

/* A catalog of @n generated agreements (random strengths, some exceptions, years). */
static tr_catalog *generated(size_t n, guint32 seed) {
  tr_catalog *c = empty_catalog();
  GRand *r = g_rand_new_with_seed(seed);
  for (size_t i = 0; i < n; i++) {
    char id[16], date[16];
    g_snprintf(id, sizeof id, "G%zu", i);
    tr_agreement *a = NULL;
    assert_int_equal(tr_agreement_new(id, id, &a), TR_OK);
    assert_int_equal(tr_agreement_set_family(a, i % 3 ? TR_FAMILY_AMERICAN : TR_FAMILY_EUROPEAN), TR_OK);
    if (i % 5) { /* every fifth undated */
      g_snprintf(date, sizeof date, "%d-01-01", 1995 + g_rand_int_range(r, 0, 25));
      assert_int_equal(tr_agreement_set_date_signed(a, date), TR_OK);
    }
    for (int cat = 1; cat <= tr_category_count(); cat++) {
      int pick = g_rand_int_range(r, 0, 6); /* 0: not coded, 1: unknown, 2..5: none..hard */
      if (pick == 0)
        continue;
      tr_provision *p = NULL;
      assert_int_equal(tr_provision_new((tr_category)cat, pick == 1 ? TR_STRENGTH_UNKNOWN : (tr_strength)(pick - 1), &p),
                       TR_OK);
      if (g_rand_int_range(r, 0, 4) == 0)
        tr_provision_set_exceptions(p, TR_EXCEPTION_PRIVACY);
      assert_int_equal(tr_agreement_add_provision(a, p), TR_OK);
    }
    add(c, a);
  }
  g_rand_free(r);
  return c;
}

static tr_analysis_options *opts_new(void) {
  tr_analysis_options *o = NULL;
  assert_int_equal(tr_analysis_options_new(&o), TR_OK);
  assert_non_null(o);
  return o;
}

static int same_double(double a, double b) {
  return a == b || (isnan(a) && isnan(b));
}

static void assert_matrices_equal(const tr_matrix *a, const tr_matrix *b) {
  size_t n = tr_matrix_size(a), differ = 0;
  assert_int_equal(n, tr_matrix_size(b));
  for (size_t i = 0; i < n; i++) {
    assert_string_equal(tr_matrix_id_at(a, i), tr_matrix_id_at(b, i));
    for (size_t j = 0; j < n; j++)
      differ += tr_matrix_comparable(a, i, j) != tr_matrix_comparable(b, i, j) ||
                !same_double(tr_matrix_distance(a, i, j), tr_matrix_distance(b, i, j));
  }
  assert_int_equal(differ, 0);
}

static void assert_classifications_equal(const tr_classification *a, const tr_classification *b) {
  size_t n = tr_classification_count(a), nt = tr_classification_template_count(a);
  assert_int_equal(n, tr_classification_count(b));
  assert_int_equal(nt, tr_classification_template_count(b));
  for (size_t i = 0; i < n; i++) {
    assert_string_equal(tr_classification_agreement_at(a, i), tr_classification_agreement_at(b, i));
    assert_int_equal(tr_classification_nearest_at(a, i), tr_classification_nearest_at(b, i));
    assert_true(same_double(tr_classification_margin_at(a, i), tr_classification_margin_at(b, i)));
    assert_int_equal(tr_classification_in_between_at(a, i), tr_classification_in_between_at(b, i));
    for (size_t t = 0; t < nt; t++) {
      assert_true(same_double(tr_classification_distance_at(a, i, t), tr_classification_distance_at(b, i, t)));
      assert_int_equal(tr_classification_comparable_at(a, i, t), tr_classification_comparable_at(b, i, t));
      assert_int_equal(tr_classification_is_member_at(a, i, t), tr_classification_is_member_at(b, i, t));
    }
  }
}

static void assert_timelines_equal(const tr_timeline *a, const tr_timeline *b) {
  assert_int_equal(tr_timeline_first_year(a), tr_timeline_first_year(b));
  assert_int_equal(tr_timeline_last_year(a), tr_timeline_last_year(b));
  assert_int_equal(tr_timeline_dated_count(a), tr_timeline_dated_count(b));
  assert_int_equal(tr_timeline_undated_count(a), tr_timeline_undated_count(b));
  for (int c = 1; c <= tr_category_count(); c++)
    for (int s = TR_STRENGTH_NONE; s <= TR_STRENGTH_HARD; s++) {
      const char *ia = NULL, *ib = NULL;
      assert_int_equal(tr_timeline_first(a, (tr_category)c, (tr_strength)s, &ia),
                       tr_timeline_first(b, (tr_category)c, (tr_strength)s, &ib));
      assert_true(g_strcmp0(ia, ib) == 0);
      for (int y = tr_timeline_first_year(a); y <= tr_timeline_last_year(a); y++)
        assert_int_equal(tr_timeline_count(a, (tr_category)c, y, (tr_strength)s),
                         tr_timeline_count(b, (tr_category)c, y, (tr_strength)s));
    }
}

/* Two templates built from the generated catalog's families. */
static void two_templates(tr_catalog *c, tr_template *t[2]) {
  tr_filter *f = NULL;
  assert_int_equal(tr_filter_new(&f), TR_OK);
  assert_int_equal(tr_filter_set_family(f, TR_FAMILY_AMERICAN), TR_OK);
  assert_int_equal(tr_template_new_from_filter(c, "am", f, TR_TEMPLATE_RULE_MAJORITY, &t[0]), TR_OK);
  assert_int_equal(tr_filter_set_family(f, TR_FAMILY_EUROPEAN), TR_OK);
  assert_int_equal(tr_template_new_from_filter(c, "eu", f, TR_TEMPLATE_RULE_STRONGEST, &t[1]), TR_OK);
  tr_filter_free(f);
}

/* ---- the options object ---- */

static void test_defaults_and_validation(void **state) {
  (void)state;
  assert_int_equal(tr_analysis_options_new(NULL), TR_ERR_INVALID_ARG);
  tr_analysis_options *o = opts_new();
  assert_int_equal(tr_analysis_options_get_threads(o), 0);
  assert_int_equal(tr_analysis_options_id_count(o), 0);
  assert_null(tr_analysis_options_id_at(o, 0));
  assert_int_equal(tr_analysis_options_is_cancelled(o), 0);

  assert_int_equal(tr_analysis_options_set_threads(o, 64), TR_OK);
  assert_int_equal(tr_analysis_options_get_threads(o), 64);
  assert_int_equal(tr_analysis_options_set_threads(o, 65), TR_ERR_INVALID_ARG);
  assert_int_equal(tr_error_code(), TR_ERR_INVALID_ARG);
  assert_int_equal(tr_analysis_options_get_threads(o), 64); /* unchanged */
  assert_int_equal(tr_analysis_options_set_threads(o, 1), TR_OK);
  assert_int_equal(tr_analysis_options_set_threads(NULL, 1), TR_ERR_INVALID_ARG);

  const char *ids[] = { "A", "B", "A" };
  assert_int_equal(tr_analysis_options_set_ids(o, ids, 3), TR_OK);
  assert_int_equal(tr_analysis_options_id_count(o), 3);
  assert_string_equal(tr_analysis_options_id_at(o, 1), "B");
  assert_null(tr_analysis_options_id_at(o, 3));
  const char *bad[] = { "A", NULL };
  assert_int_equal(tr_analysis_options_set_ids(o, bad, 2), TR_ERR_INVALID_ARG);
  const char *empty[] = { "" };
  assert_int_equal(tr_analysis_options_set_ids(o, empty, 1), TR_ERR_INVALID_ARG);
  assert_int_equal(tr_analysis_options_set_ids(o, NULL, 2), TR_ERR_INVALID_ARG);
  assert_int_equal(tr_analysis_options_id_count(o), 3); /* unchanged after errors */

  tr_analysis_options *c = NULL;
  tr_analysis_options_cancel(o);
  assert_true(tr_analysis_options_is_cancelled(o));
  assert_int_equal(tr_analysis_options_copy(o, &c), TR_OK);
  assert_int_equal(tr_analysis_options_get_threads(c), 1);
  assert_int_equal(tr_analysis_options_id_count(c), 3);
  assert_string_equal(tr_analysis_options_id_at(c, 2), "A");
  assert_int_equal(tr_analysis_options_is_cancelled(c), 0); /* a copy is not cancelled */
  tr_analysis_options_reset_cancel(o);
  assert_int_equal(tr_analysis_options_is_cancelled(o), 0);
  assert_int_equal(tr_analysis_options_copy(NULL, &c), TR_ERR_INVALID_ARG);
  assert_int_equal(tr_analysis_options_copy(o, NULL), TR_ERR_INVALID_ARG);

  assert_int_equal(tr_analysis_options_set_ids(o, NULL, 0), TR_OK); /* removes the condition */
  assert_int_equal(tr_analysis_options_id_count(o), 0);
  assert_int_equal(tr_analysis_options_id_count(c), 3); /* the copy owns its ids */
  assert_int_equal(tr_analysis_options_set_filter(NULL, NULL), TR_ERR_INVALID_ARG);
  assert_int_equal(tr_analysis_options_set_progress(NULL, NULL, NULL), TR_ERR_INVALID_ARG);
  assert_int_equal(tr_analysis_options_set_cancel(NULL, NULL, NULL), TR_ERR_INVALID_ARG);
  assert_int_equal(tr_analysis_options_get_threads(NULL), 0);
  assert_int_equal(tr_analysis_options_id_count(NULL), 0);
  assert_int_equal(tr_analysis_options_is_cancelled(NULL), 0);
  tr_analysis_options_cancel(NULL);
  tr_analysis_options_reset_cancel(NULL);
  tr_analysis_options_free(NULL);
  tr_analysis_options_free(c);
  tr_analysis_options_free(o);

  assert_string_equal(tr_status_id(TR_ERR_CANCELLED), "cancelled");
  assert_string_not_equal(tr_status_id(TR_ERR_CANCELLED), tr_status_id(TR_ERR_INTERNAL));
}

/* ---- results identical to the deprecated functions ---- */

static void test_same_as_deprecated(void **state) {
  (void)state;
  tr_catalog *c = generated(700, 11);
  tr_filter *f = NULL;
  assert_int_equal(tr_filter_new(&f), TR_OK);
  assert_int_equal(tr_filter_set_years(f, 1998, 2015), TR_OK);
  tr_analysis_options *o = opts_new();
  assert_int_equal(tr_analysis_options_set_filter(o, f), TR_OK);
  /* the options hold a copy: changing the filter afterwards changes nothing */
  assert_int_equal(tr_filter_set_years(f, 2005, 2006), TR_OK);
  assert_int_equal(tr_filter_set_years(f, 1998, 2015), TR_OK);
  assert_int_equal(tr_filter_set_family(f, TR_FAMILY_EUROPEAN), TR_OK);
  tr_filter *f2 = NULL;
  assert_int_equal(tr_filter_new(&f2), TR_OK);
  assert_int_equal(tr_filter_set_years(f2, 1998, 2015), TR_OK);

  tr_matrix *m_old = NULL, *m_new = NULL, *m_null = NULL, *m_all = NULL;
  assert_int_equal(tr_matrix_new(c, f2, 2, &m_old), TR_OK);
  assert_int_equal(tr_matrix_new_with_options(c, o, &m_new), TR_OK);
  assert_true(tr_matrix_size(m_old) > 256 && tr_matrix_size(m_old) < 700); /* threaded, filtered */
  assert_matrices_equal(m_old, m_new);
  assert_int_equal(tr_matrix_new(c, NULL, 0, &m_all), TR_OK);
  assert_int_equal(tr_matrix_new_with_options(c, NULL, &m_null), TR_OK);
  assert_int_equal(tr_matrix_size(m_null), 700);
  assert_matrices_equal(m_all, m_null);

  tr_template *t[2];
  two_templates(c, t);
  tr_classification *c_old = NULL, *c_new = NULL;
  assert_int_equal(tr_classification_new(c, f2, (const tr_template *const *)t, 2, 0.05, &c_old), TR_OK);
  assert_int_equal(tr_classification_new_with_options(c, (const tr_template *const *)t, 2, 0.05, o, &c_new),
                   TR_OK);
  assert_classifications_equal(c_old, c_new);

  tr_timeline *t_old = NULL, *t_new = NULL;
  assert_int_equal(tr_timeline_new(c, f2, &t_old), TR_OK);
  assert_int_equal(tr_timeline_new_with_options(c, o, &t_new), TR_OK);
  assert_timelines_equal(t_old, t_new);
  tr_timeline_free(t_new);
  tr_timeline_free(t_old);
  assert_int_equal(tr_timeline_new(c, NULL, &t_old), TR_OK);
  assert_int_equal(tr_timeline_new_with_options(c, NULL, &t_new), TR_OK);
  assert_true(tr_timeline_undated_count(t_new) > 0);
  assert_timelines_equal(t_old, t_new);

  /* errors as before, and *out NULL */
  tr_matrix *none = NULL;
  tr_classification *c_none = (tr_classification *)&c_none;
  assert_int_equal(tr_matrix_new_with_options(NULL, o, &none), TR_ERR_INVALID_ARG);
  assert_int_equal(tr_classification_new_with_options(c, (const tr_template *const *)t, 1, 0.05, o, &c_none),
                   TR_ERR_INVALID_ARG);
  assert_null(c_none);
  assert_int_equal(tr_classification_new_with_options(c, (const tr_template *const *)t, 2, -1, o, &c_none),
                   TR_ERR_INVALID_ARG);

  tr_timeline_free(t_new);
  tr_timeline_free(t_old);
  tr_classification_free(c_new);
  tr_classification_free(c_old);
  tr_template_free(t[0]);
  tr_template_free(t[1]);
  tr_matrix_free(m_old);
  tr_matrix_free(m_new);
  tr_matrix_free(m_all);
  tr_matrix_free(m_null);
  tr_filter_free(f);
  tr_filter_free(f2);
  tr_analysis_options_free(o);
  tr_catalog_free(c);
}

/* ---- the agreement set ---- */

static void test_ids_selection(void **state) {
  (void)state;
  tr_catalog *c = generated(40, 3);
  tr_analysis_options *o = opts_new();
  const char *ids[] = { "G30", "G2", "G17", "G2", "G9" };
  assert_int_equal(tr_analysis_options_set_ids(o, ids, 5), TR_OK);
  tr_matrix *m = NULL;
  assert_int_equal(tr_matrix_new_with_options(c, o, &m), TR_OK);
  /* catalog order, duplicates once */
  assert_int_equal(tr_matrix_size(m), 4);
  assert_string_equal(tr_matrix_id_at(m, 0), "G2");
  assert_string_equal(tr_matrix_id_at(m, 1), "G9");
  assert_string_equal(tr_matrix_id_at(m, 2), "G17");
  assert_string_equal(tr_matrix_id_at(m, 3), "G30");
  /* the same cells as the whole catalog's matrix */
  tr_matrix *all = NULL;
  assert_int_equal(tr_matrix_new_with_options(c, NULL, &all), TR_OK);
  size_t rows[] = { 2, 9, 17, 30 };
  for (size_t i = 0; i < 4; i++)
    for (size_t j = 0; j < 4; j++) {
      assert_true(same_double(tr_matrix_distance(m, i, j), tr_matrix_distance(all, rows[i], rows[j])));
      assert_int_equal(tr_matrix_comparable(m, i, j), tr_matrix_comparable(all, rows[i], rows[j]));
    }
  tr_matrix_free(all);
  tr_matrix_free(m);

  /* ids and a filter: both must hold (G9, G30 are european: i % 3 == 0) */
  tr_filter *f = NULL;
  assert_int_equal(tr_filter_new(&f), TR_OK);
  assert_int_equal(tr_filter_set_family(f, TR_FAMILY_EUROPEAN), TR_OK);
  assert_int_equal(tr_analysis_options_set_filter(o, f), TR_OK);
  tr_timeline *tl = NULL;
  m = NULL;
  assert_int_equal(tr_matrix_new_with_options(c, o, &m), TR_OK);
  assert_int_equal(tr_matrix_size(m), 2);
  assert_string_equal(tr_matrix_id_at(m, 0), "G9");
  assert_string_equal(tr_matrix_id_at(m, 1), "G30");
  tr_matrix_free(m);
  assert_int_equal(tr_timeline_new_with_options(c, o, &tl), TR_OK);
  assert_int_equal(tr_timeline_dated_count(tl) + tr_timeline_undated_count(tl), 2);
  tr_timeline_free(tl);

  /* nothing left: empty; an unknown id: not found, naming it */
  const char *eu_none[] = { "G2", "G17" };
  assert_int_equal(tr_analysis_options_set_ids(o, eu_none, 2), TR_OK);
  m = (tr_matrix *)&m;
  assert_int_equal(tr_matrix_new_with_options(c, o, &m), TR_ERR_EMPTY);
  assert_null(m);
  const char *unknown[] = { "G2", "NOPE" };
  assert_int_equal(tr_analysis_options_set_ids(o, unknown, 2), TR_OK);
  assert_int_equal(tr_timeline_new_with_options(c, o, &tl), TR_ERR_NOT_FOUND);
  assert_non_null(strstr(tr_error_message(), "NOPE"));
  tr_analysis_options_set_filter(o, NULL);
  assert_int_equal(tr_matrix_new_with_options(c, o, &m), TR_ERR_NOT_FOUND);

  tr_filter_free(f);
  tr_analysis_options_free(o);
  tr_catalog_free(c);
}

/* ---- progress ---- */

/* Callbacks may run on worker threads: they record, the test thread asserts. */
typedef struct {
  size_t calls, total, last, decreases, total_changes, bad_first, over_total;
  size_t cancel_after; /* progress: cancel the options after this many calls (0: never) */
  tr_analysis_options *options;
  size_t polls, cancel_at_poll; /* cancel callback: return 1 at this poll (0: never) */
} watch_t;

static void on_progress(size_t done, size_t total, void *ud) {
  watch_t *w = ud;
  if (w->calls == 0) {
    w->total = total;
    w->bad_first += done != 0; /* the first call reports nothing done */
  }
  if (total != w->total)
    w->total_changes++;
  if (done < w->last)
    w->decreases++;
  w->over_total += done > total;
  w->last = done;
  w->calls++;
  if (w->cancel_after && w->calls == w->cancel_after)
    tr_analysis_options_cancel(w->options);
}

static int on_cancel(void *ud) {
  watch_t *w = ud;
  w->polls++;
  return w->cancel_at_poll && w->polls >= w->cancel_at_poll;
}

static void check_progress(const watch_t *w, size_t expect_total) {
  assert_true(w->calls >= 2);
  assert_int_equal(w->total, expect_total);
  assert_int_equal(w->decreases, 0);
  assert_int_equal(w->total_changes, 0);
  assert_int_equal(w->bad_first, 0);
  assert_int_equal(w->over_total, 0);
  assert_int_equal(w->last, w->total); /* ends at total */
}

static void test_progress(void **state) {
  (void)state;
  tr_catalog *c = generated(900, 5);
  tr_template *t[2];
  two_templates(c, t);
  for (unsigned threads = 1; threads <= 3; threads++) {
    tr_analysis_options *o = opts_new();
    watch_t w = { 0 };
    assert_int_equal(tr_analysis_options_set_threads(o, threads), TR_OK);
    assert_int_equal(tr_analysis_options_set_progress(o, on_progress, &w), TR_OK);
    assert_int_equal(tr_analysis_options_set_cancel(o, on_cancel, &w), TR_OK);
    tr_matrix *m = NULL;
    assert_int_equal(tr_matrix_new_with_options(c, o, &m), TR_OK);
    check_progress(&w, 900);
    assert_true(w.calls >= 900 / 32); /* one call per block of rows */
    assert_true(w.polls >= 900 / 32); /* asked between chunks */
    tr_matrix_free(m);

    memset(&w, 0, sizeof w);
    tr_classification *cls = NULL;
    assert_int_equal(tr_classification_new_with_options(c, (const tr_template *const *)t, 2, 0.05, o, &cls),
                     TR_OK);
    check_progress(&w, 900);
    tr_classification_free(cls);

    memset(&w, 0, sizeof w);
    tr_timeline *tl = NULL;
    assert_int_equal(tr_timeline_new_with_options(c, o, &tl), TR_OK);
    check_progress(&w, 900);
    tr_timeline_free(tl);
    tr_analysis_options_free(o);
  }
  tr_template_free(t[0]);
  tr_template_free(t[1]);
  tr_catalog_free(c);
}

/* ---- cancellation ---- */

static void test_cancel(void **state) {
  (void)state;
  tr_catalog *c = generated(900, 9);
  tr_template *t[2];
  two_templates(c, t);
  for (unsigned threads = 1; threads <= 2; threads++) {
    tr_analysis_options *o = opts_new();
    watch_t w = { 0 };
    w.options = o;
    assert_int_equal(tr_analysis_options_set_threads(o, threads), TR_OK);
    assert_int_equal(tr_analysis_options_set_progress(o, on_progress, &w), TR_OK);
    assert_int_equal(tr_analysis_options_set_cancel(o, on_cancel, &w), TR_OK);

    /* the cancel callback says stop at its third poll */
    w.cancel_at_poll = 3;
    tr_matrix *m = (tr_matrix *)&m;
    assert_int_equal(tr_matrix_new_with_options(c, o, &m), TR_ERR_CANCELLED);
    assert_null(m);
    assert_int_equal(tr_error_code(), TR_ERR_CANCELLED);
    assert_true(w.last < w.total); /* stopped early */
    size_t polls = w.polls;
    assert_true(polls >= 3 && polls <= 3 + threads); /* running chunks may finish */

    memset(&w, 0, sizeof w);
    w.options = o;
    w.cancel_at_poll = 2;
    tr_classification *cls = (tr_classification *)&cls;
    assert_int_equal(tr_classification_new_with_options(c, (const tr_template *const *)t, 2, 0.05, o, &cls),
                     TR_ERR_CANCELLED);
    assert_null(cls);
    tr_timeline *tl = (tr_timeline *)&tl;
    memset(&w, 0, sizeof w);
    w.options = o;
    w.cancel_at_poll = 2;
    assert_int_equal(tr_timeline_new_with_options(c, o, &tl), TR_ERR_CANCELLED);
    assert_null(tl);

    /* the progress callback cancels the options (the flag) */
    memset(&w, 0, sizeof w);
    w.options = o;
    w.cancel_after = 4;
    assert_int_equal(tr_matrix_new_with_options(c, o, &m), TR_ERR_CANCELLED);
    assert_null(m);
    assert_true(tr_analysis_options_is_cancelled(o));
    assert_true(w.last < w.total);
    /* still cancelled: the next analysis stops at once, with no work done */
    memset(&w, 0, sizeof w);
    w.options = o;
    assert_int_equal(tr_timeline_new_with_options(c, o, &tl), TR_ERR_CANCELLED);
    assert_int_equal(w.last, 0);
    /* reset: runs again, to the end */
    tr_analysis_options_reset_cancel(o);
    memset(&w, 0, sizeof w);
    w.options = o;
    assert_int_equal(tr_matrix_new_with_options(c, o, &m), TR_OK);
    check_progress(&w, 900);
    tr_matrix_free(m);
    tr_analysis_options_free(o);
  }
  tr_template_free(t[0]);
  tr_template_free(t[1]);
  tr_catalog_free(c);
}

/* ---- cancel from another thread ---- */

/* Atomics, not GMutex/GCond: those are futexes ThreadSanitizer cannot see in an
 * uninstrumented GLib, while the atomics are compiled here. */
typedef struct {
  gint reached, cancelled;
  tr_analysis_options *options;
} handoff_t;

/* Progress: at the first chunk done, wait until another thread has cancelled. */
static void wait_for_cancel(size_t done, size_t total, void *ud) {
  handoff_t *h = ud;
  (void)total;
  if (done == 0 || g_atomic_int_get(&h->reached))
    return;
  g_atomic_int_set(&h->reached, 1);
  while (!g_atomic_int_get(&h->cancelled))
    g_usleep(100);
}

static gpointer canceller(gpointer data) {
  handoff_t *h = data;
  while (!g_atomic_int_get(&h->reached))
    g_usleep(100);
  tr_analysis_options_cancel(h->options); /* from this thread, while the analysis runs */
  g_atomic_int_set(&h->cancelled, 1);
  return NULL;
}

static void test_cancel_from_another_thread(void **state) {
  (void)state;
  tr_catalog *c = generated(900, 13);
  for (unsigned threads = 1; threads <= 2; threads++) {
    handoff_t h = { 0 };
    h.options = opts_new();
    assert_int_equal(tr_analysis_options_set_threads(h.options, threads), TR_OK);
    assert_int_equal(tr_analysis_options_set_progress(h.options, wait_for_cancel, &h), TR_OK);
    GThread *t = g_thread_new("canceller", canceller, &h);
    tr_matrix *m = (tr_matrix *)&m;
    assert_int_equal(tr_matrix_new_with_options(c, h.options, &m), TR_ERR_CANCELLED);
    assert_null(m);
    g_thread_join(t);
    assert_true(tr_analysis_options_is_cancelled(h.options));
    tr_analysis_options_free(h.options);
  }
  tr_catalog_free(c);
}

/* ---- threads ---- */

static void test_threads_invariance(void **state) {
  (void)state;
  tr_catalog *c = generated(1000, 21);
  tr_template *t[2];
  two_templates(c, t);
  tr_matrix *m[2];
  tr_classification *cls[2];
  tr_timeline *tl[2];
  for (unsigned k = 0; k < 2; k++) {
    tr_analysis_options *o = opts_new();
    assert_int_equal(tr_analysis_options_set_threads(o, k + 1), TR_OK);
    assert_int_equal(tr_matrix_new_with_options(c, o, &m[k]), TR_OK);
    assert_int_equal(tr_classification_new_with_options(c, (const tr_template *const *)t, 2, 0.05, o, &cls[k]),
                     TR_OK);
    assert_int_equal(tr_timeline_new_with_options(c, o, &tl[k]), TR_OK);
    tr_analysis_options_free(o);
  }
  assert_matrices_equal(m[0], m[1]);
  assert_classifications_equal(cls[0], cls[1]);
  assert_timelines_equal(tl[0], tl[1]);
  for (unsigned k = 0; k < 2; k++) {
    tr_matrix_free(m[k]);
    tr_classification_free(cls[k]);
    tr_timeline_free(tl[k]);
  }
  tr_template_free(t[0]);
  tr_template_free(t[1]);
  tr_catalog_free(c);
}

int main(void) {
  const struct CMUnitTest tests[] = {
    cmocka_unit_test(test_defaults_and_validation),
    cmocka_unit_test(test_same_as_deprecated),
    cmocka_unit_test(test_ids_selection),
    cmocka_unit_test(test_progress),
    cmocka_unit_test(test_cancel),
    cmocka_unit_test(test_cancel_from_another_thread),
    cmocka_unit_test(test_threads_invariance),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
