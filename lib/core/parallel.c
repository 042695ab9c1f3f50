/*
 * libtraderules - the library's one parallel-for, shared by every module
 * (corpus ingest, shingle index, joins, the comparison matrix).
 * SPDX-License-Identifier: MIT
 *
 * A call to tri_parallel_for() starts up to threads - 1 helper threads, works on
 * the job itself and joins the helpers before it returns; chunks are handed out
 * by an atomic counter, so each thread owns a share of the work. Threads are
 * started per call rather than kept in a GThreadPool: thread start and join are
 * what ThreadSanitizer (and any reader) can see order the work, whereas a pool's
 * queue in a GLib that is not built with TSan (Debian's 2.74) hides its locking
 * and made TSan report races inside GLib. Starting a thread costs tens of
 * microseconds, small against the parallel regions of this library. Nested or
 * concurrent calls cannot deadlock: each call owns its threads. When a thread
 * cannot be started, the threads that did start (at least the caller) do all
 * the work.
 */
#include "core/tr-internal.h"

#include <stdio.h>
#include <string.h>

typedef struct {
  size_t n, chunk;
  gssize next; /* atomic */
  tr_par_fn fn;
  void *user;
  tri_run *run;         /* progress and cancellation between chunks, or NULL */
  gint64 *end;          /* the region trace: when each worker finished, or NULL; */
  gint64 *start;        /* and when each helper thread began */
} par_job;

/* The region trace (TR_TRACE_PARALLEL): 1 on, 0 off, -1 not read yet. */
static int trace_on = -1;
static __thread gint64 trace_last; /* this thread's previous region's end */

static gboolean tracing(void) {
  int t = g_atomic_int_get(&trace_on);
  if (t < 0) {
    const char *e = g_getenv("TR_TRACE_PARALLEL");
    t = e && *e && strcmp(e, "0") != 0;
    g_atomic_int_set(&trace_on, t);
  }
  return t > 0;
}

typedef struct {
  par_job *job;
  unsigned worker;
} par_helper;

static void run(par_job *j, unsigned worker) {
  for (;;) {
    if (j->run && tri_run_stopped(j->run))
      break;
    gssize b = g_atomic_pointer_add(&j->next, (gssize)j->chunk);
    if ((size_t)b >= j->n)
      break;
    size_t e = MIN(j->n, (size_t)b + j->chunk);
    j->fn((size_t)b, e, worker, j->user);
    if (j->run && !tri_run_advance(j->run, e - (size_t)b))
      break;
  }
}

static gpointer helper_main(gpointer data) {
  par_helper *h = data;
  if (h->job->start)
    h->job->start[h->worker] = g_get_monotonic_time();
  run(h->job, h->worker);
  if (h->job->end)
    h->job->end[h->worker] = g_get_monotonic_time();
  return NULL;
}

static void parallel_for(size_t n, size_t chunk, unsigned threads, tr_par_fn fn, void *user,
                         tri_run *r, gint64 *end, gint64 *start) {
  unsigned nt = MIN(MAX(threads, 1u), 64u);
  if (chunk == 0)
    chunk = 1;
  if (n == 0)
    return;
  if (!r && (nt == 1 || n <= chunk)) {
    fn(0, n, 0, user);
    return;
  }
  nt = (unsigned)MIN((size_t)nt, (n + chunk - 1) / chunk);
  par_job j = { n, chunk, 0, fn, user, r, end, start };
  if (nt == 1) {
    run(&j, 0);
    return;
  }
  par_helper helpers[64];
  GThread *th[64];
  unsigned started = 0;
  for (unsigned i = 1; i < nt; i++) {
    helpers[started].job = &j;
    helpers[started].worker = started + 1;
    th[started] = g_thread_try_new("tr-worker", helper_main, &helpers[started], NULL);
    if (!th[started])
      break; /* fewer threads: the others take the remaining chunks */
    started++;
  }
  run(&j, 0);
  if (end)
    end[0] = g_get_monotonic_time();
  for (unsigned i = 0; i < started; i++)
    g_thread_join(th[i]);
}

/* One region, traced or not. */
static void region(size_t n, size_t chunk, unsigned threads, tr_par_fn fn, void *user, tri_run *r,
                   const char *name) {
  if (!tracing()) {
    parallel_for(n, chunk, threads, fn, user, r, NULL, NULL);
    return;
  }
  gint64 end[64] = { 0 }, start[64] = { 0 }, t0 = g_get_monotonic_time(), first = G_MAXINT64,
         last = 0, began = 0;
  parallel_for(n, chunk, threads, fn, user, r, end, start);
  gint64 t1 = g_get_monotonic_time();
  for (unsigned i = 0; i < 64; i++)
    if (end[i]) {
      first = MIN(first, end[i]);
      last = MAX(last, end[i]);
    }
  for (unsigned i = 1; i < 64; i++)
    began = MAX(began, start[i]);
  fprintf(stderr,
          "tr-parallel: %-24s n=%-9zu threads=%-2u gap=%8.3f wall=%8.3f tail=%8.3f start=%7.3f\n",
          name ? name : "?", n, threads, trace_last ? (double)(t0 - trace_last) / 1e3 : 0.0,
          (double)(t1 - t0) / 1e3, last ? (double)(last - first) / 1e3 : 0.0,
          began ? (double)(began - t0) / 1e3 : 0.0);
  trace_last = t1;
}

void tri_parallel_for_named(size_t n, size_t chunk, unsigned threads, tr_par_fn fn, void *user,
                            const char *name) {
  region(n, chunk, threads, fn, user, NULL, name);
}

/* With a run: chunks of @chunk even on one thread, so that progress and cancellation
 * happen between them. */
void tri_parallel_for_run_named(size_t n, size_t chunk, tri_run *r, tr_par_fn fn, void *user,
                                const char *name) {
  region(n, chunk, r->threads, fn, user, r, name);
}
