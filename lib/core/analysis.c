/*
 * libtraderules - the options object of analyses (include/traderules/analysis.h)
 * and the run state that carries them into tri_parallel_for_run().
 * SPDX-License-Identifier: MIT
 */
#include "core/tr-internal.h"

struct tr_analysis_options {
  unsigned threads;
  tr_filter *filter; /* owned copy, or NULL */
  char **ids;        /* owned, NULL-terminated, or NULL */
  size_t nids;
  tr_analysis_progress_fn progress;
  void *progress_ud;
  tr_analysis_cancel_fn cancel;
  void *cancel_ud;
  gint cancelled; /* atomic */
};

int tr_analysis_options_new(tr_analysis_options **out) {
  if (!out)
    return tri_fail(TR_ERR_INVALID_ARG, "tr_analysis_options_new: out is NULL");
  *out = g_new0(tr_analysis_options, 1);
  return TR_OK;
}

void tr_analysis_options_free(tr_analysis_options *o) {
  if (!o)
    return;
  tr_filter_free(o->filter);
  g_strfreev(o->ids);
  g_free(o);
}

int tr_analysis_options_copy(const tr_analysis_options *o, tr_analysis_options **out) {
  if (!o || !out)
    return tri_fail(TR_ERR_INVALID_ARG, "tr_analysis_options_copy: NULL argument");
  tr_analysis_options *c = g_new0(tr_analysis_options, 1);
  c->threads = o->threads;
  c->filter = tri_filter_copy(o->filter);
  c->ids = g_strdupv(o->ids);
  c->nids = o->nids;
  c->progress = o->progress;
  c->progress_ud = o->progress_ud;
  c->cancel = o->cancel;
  c->cancel_ud = o->cancel_ud;
  *out = c;
  return TR_OK;
}

int tr_analysis_options_set_threads(tr_analysis_options *o, unsigned threads) {
  if (!o)
    return tri_fail(TR_ERR_INVALID_ARG, "tr_analysis_options_set_threads: options is NULL");
  if (threads > TR_ANALYSIS_MAX_THREADS)
    return tri_fail(TR_ERR_INVALID_ARG, "at most %d threads (asked for %u)", TR_ANALYSIS_MAX_THREADS,
                   threads);
  o->threads = threads;
  return TR_OK;
}

unsigned tr_analysis_options_get_threads(const tr_analysis_options *o) {
  return o ? o->threads : 0;
}

int tr_analysis_options_set_filter(tr_analysis_options *o, const tr_filter *filter) {
  if (!o)
    return tri_fail(TR_ERR_INVALID_ARG, "tr_analysis_options_set_filter: options is NULL");
  tr_filter *copy = tri_filter_copy(filter);
  tr_filter_free(o->filter);
  o->filter = copy;
  return TR_OK;
}

int tr_analysis_options_set_ids(tr_analysis_options *o, const char *const *ids, size_t count) {
  if (!o)
    return tri_fail(TR_ERR_INVALID_ARG, "tr_analysis_options_set_ids: options is NULL");
  if (count && !ids)
    return tri_fail(TR_ERR_INVALID_ARG, "tr_analysis_options_set_ids: ids is NULL but count is %zu", count);
  for (size_t i = 0; i < count; i++)
    if (!ids[i] || !*ids[i])
      return tri_fail(TR_ERR_INVALID_ARG, "tr_analysis_options_set_ids: id %zu is %s", i,
                     ids[i] ? "empty" : "NULL");
  char **copy = NULL;
  if (count) {
    copy = g_new(char *, count + 1);
    for (size_t i = 0; i < count; i++)
      copy[i] = g_strdup(ids[i]);
    copy[count] = NULL;
  }
  g_strfreev(o->ids);
  o->ids = copy;
  o->nids = count;
  return TR_OK;
}

size_t tr_analysis_options_id_count(const tr_analysis_options *o) {
  return o ? o->nids : 0;
}

const char *tr_analysis_options_id_at(const tr_analysis_options *o, size_t index) {
  return o && index < o->nids ? o->ids[index] : NULL;
}

int tr_analysis_options_set_progress(tr_analysis_options *o, tr_analysis_progress_fn fn, void *user_data) {
  if (!o)
    return tri_fail(TR_ERR_INVALID_ARG, "tr_analysis_options_set_progress: options is NULL");
  o->progress = fn;
  o->progress_ud = user_data;
  return TR_OK;
}

int tr_analysis_options_set_cancel(tr_analysis_options *o, tr_analysis_cancel_fn fn, void *user_data) {
  if (!o)
    return tri_fail(TR_ERR_INVALID_ARG, "tr_analysis_options_set_cancel: options is NULL");
  o->cancel = fn;
  o->cancel_ud = user_data;
  return TR_OK;
}

void tr_analysis_options_cancel(tr_analysis_options *o) {
  if (o)
    g_atomic_int_set(&o->cancelled, 1);
}

void tr_analysis_options_reset_cancel(tr_analysis_options *o) {
  if (o)
    g_atomic_int_set(&o->cancelled, 0);
}

int tr_analysis_options_is_cancelled(const tr_analysis_options *o) {
  return o ? g_atomic_int_get(&((tr_analysis_options *)o)->cancelled) : 0;
}

const tr_filter *tri_analysis_options_filter(const tr_analysis_options *o) {
  return o ? o->filter : NULL;
}

gboolean tri_analysis_options_selects(const tr_analysis_options *o) {
  return o && (o->filter || o->nids);
}

/* ---- the run of one analysis ---- */

void tri_run_init(tri_run *r, const tr_analysis_options *o, unsigned default_threads) {
  unsigned t = o && o->threads ? o->threads : default_threads;
  if (t == 0)
    t = (unsigned)g_get_num_processors();
  r->options = o;
  r->threads = MIN(MAX(t, 1u), (unsigned)TR_ANALYSIS_MAX_THREADS);
  pthread_mutex_init(&r->lock, NULL);
  r->done = r->total = 0;
  r->stop = 0;
}

/* Under the lock: ask the callback, latch the answer. */
static void poll_locked(tri_run *r) {
  const tr_analysis_options *o = r->options;
  if (g_atomic_int_get(&r->stop))
    return;
  if (tr_analysis_options_is_cancelled(o) || (o && o->cancel && o->cancel(o->cancel_ud)))
    g_atomic_int_set(&r->stop, 1);
}

void tri_run_start(tri_run *r, size_t total) {
  const tr_analysis_options *o = r->options;
  pthread_mutex_lock(&r->lock);
  r->total = total;
  r->done = 0;
  if (o && o->progress)
    o->progress(0, total, o->progress_ud);
  poll_locked(r);
  pthread_mutex_unlock(&r->lock);
}

gboolean tri_run_advance(tri_run *r, size_t units) {
  const tr_analysis_options *o = r->options;
  if (!o)
    return TRUE;
  pthread_mutex_lock(&r->lock);
  r->done = MIN(r->total, r->done + units);
  if (o->progress)
    o->progress(r->done, r->total, o->progress_ud);
  poll_locked(r);
  gboolean go = !g_atomic_int_get(&r->stop);
  pthread_mutex_unlock(&r->lock);
  return go;
}

gboolean tri_run_stopped(tri_run *r) {
  if (g_atomic_int_get(&r->stop))
    return TRUE;
  if (tr_analysis_options_is_cancelled(r->options)) {
    g_atomic_int_set(&r->stop, 1);
    return TRUE;
  }
  return FALSE;
}

void tri_run_clear(tri_run *r) {
  pthread_mutex_destroy(&r->lock);
}

int tri_run_finish(tri_run *r) {
  const tr_analysis_options *o = r->options;
  int rc = TR_OK;
  pthread_mutex_lock(&r->lock);
  if (!g_atomic_int_get(&r->stop) && !tr_analysis_options_is_cancelled(o)) {
    if (o && o->progress && r->done < r->total) {
      r->done = r->total;
      o->progress(r->done, r->total, o->progress_ud);
    }
  } else {
    rc = TR_ERR_CANCELLED;
  }
  size_t done = r->done, total = r->total;
  pthread_mutex_unlock(&r->lock);
  tri_run_clear(r);
  if (rc)
    return tri_fail(rc, "the analysis was cancelled (%zu of %zu work units done)", done, total);
  return TR_OK;
}
