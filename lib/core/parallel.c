/*
 * libtraderules - the library's one thread pool and its parallel-for.
 * SPDX-License-Identifier: MIT
 *
 * Helper threads live in one shared GThreadPool, started on first use and reused by
 * every module (corpus ingest, shingle index, joins, the comparison matrix). A call to
 * tr_parallel_for() queues up to threads - 1 helper tasks and works on the job itself;
 * chunks are handed out by an atomic counter. The caller never waits for a helper that
 * has not started: when it runs out of chunks it closes the job, and a helper that starts
 * later sees the closed job and leaves. So nested or concurrent calls cannot deadlock,
 * even when every pool thread is busy (the caller then does all the work itself).
 */
#include "core/tr-internal.h"

typedef struct {
  size_t n, chunk;
  gssize next; /* atomic */
  tr_par_fn fn;
  void *user;
  GMutex lock;
  GCond idle;
  unsigned active;  /* helpers inside run(), under lock */
  unsigned workers; /* worker numbers handed out, under lock (0 = the caller) */
  gboolean closed;
  gint refs;
} par_job;

static GThreadPool *pool;
static gsize pool_once;

static void job_unref(par_job *j) {
  if (g_atomic_int_dec_and_test(&j->refs)) {
    g_mutex_clear(&j->lock);
    g_cond_clear(&j->idle);
    g_free(j);
  }
}

static void run(par_job *j, unsigned worker) {
  for (;;) {
    gssize b = g_atomic_pointer_add(&j->next, (gssize)j->chunk);
    if ((size_t)b >= j->n)
      break;
    size_t e = MIN(j->n, (size_t)b + j->chunk);
    j->fn((size_t)b, e, worker, j->user);
  }
}

static void helper(gpointer data, gpointer unused) {
  par_job *j = data;
  unsigned w;
  (void)unused;
  g_mutex_lock(&j->lock);
  if (j->closed) {
    g_mutex_unlock(&j->lock);
    job_unref(j);
    return;
  }
  w = ++j->workers;
  j->active++;
  g_mutex_unlock(&j->lock);
  run(j, w);
  g_mutex_lock(&j->lock);
  if (--j->active == 0)
    g_cond_signal(&j->idle);
  g_mutex_unlock(&j->lock);
  job_unref(j);
}

static GThreadPool *get_pool(void) {
  if (g_once_init_enter(&pool_once)) {
    /* shared threads, at most 63 helpers; NULL if threads cannot be made */
    GThreadPool *p = g_thread_pool_new(helper, NULL, 63, FALSE, NULL);
    pool = p;
    g_once_init_leave(&pool_once, 1);
  }
  return pool;
}

void tr_parallel_for(size_t n, size_t chunk, unsigned threads, tr_par_fn fn, void *user) {
  GThreadPool *p;
  par_job *j;
  unsigned nt = MIN(MAX(threads, 1u), 64u);
  if (chunk == 0)
    chunk = 1;
  if (n == 0)
    return;
  if (nt == 1 || n <= chunk || !(p = get_pool())) {
    fn(0, n, 0, user);
    return;
  }
  nt = (unsigned)MIN((size_t)nt, (n + chunk - 1) / chunk);
  j = g_new0(par_job, 1);
  j->n = n;
  j->chunk = chunk;
  j->fn = fn;
  j->user = user;
  g_mutex_init(&j->lock);
  g_cond_init(&j->idle);
  j->refs = 1;
  for (unsigned i = 1; i < nt; i++) {
    g_atomic_int_inc(&j->refs);
    if (!g_thread_pool_push(p, j, NULL))
      job_unref(j);
  }
  run(j, 0);
  g_mutex_lock(&j->lock);
  j->closed = TRUE;
  while (j->active > 0)
    g_cond_wait(&j->idle, &j->lock);
  g_mutex_unlock(&j->lock);
  job_unref(j);
}
