/*
 * libtraderules - internal helpers shared by the implementation (not installed).
 * SPDX-License-Identifier: MIT
 */
#ifndef TR_INTERNAL_H
#define TR_INTERNAL_H

#include <glib.h>
#include <pthread.h>
#include <traderules/traderules.h>

G_BEGIN_DECLS

/*
 * Record the calling thread's last error and return @code, so that a failing
 * function can end with `return tri_set_error(...)`.
 * @file may be NULL, @line/@column 0 when unknown, @field NULL when no field.
 * The message is composed as "FILE:LINE:COLUMN: field 'FIELD': MESSAGE".
 */
int tri_set_error(int code, const char *file, long line, long column,
                 const char *field, const char *fmt, ...) G_GNUC_PRINTF(6, 7);

/* Shorthand for errors about arguments or objects, with no input location. */
#define tri_fail(code, ...) tri_set_error((code), NULL, 0, 0, NULL, __VA_ARGS__)

/* Convert a GError into a tr error (code chosen by the caller), with optional location. */
int tri_set_error_from_gerror(int code, const char *file, const GError *gerror);

/* Save and restore the thread's error record (for code that must try something
 * that may fail without clobbering an earlier error). */
typedef struct tr_error_saved tr_error_saved;
tr_error_saved *tri_error_save(void);
void tri_error_restore(tr_error_saved *saved);

/* The one file reader and writer (include/traderules/io.h); loaders call these.
 * tri_io_read_file(): limit 0 = TR_INPUT_LIMIT; the path names the errors. */
int tri_io_read_file(const char *path, size_t limit, char **data, size_t *length);
int tri_io_read_fd(int fd, const char *name, size_t limit, char **data, size_t *length);
/* tri_io_read_file() into the caller's buffer *buf of *cap bytes (NULL/0 at first), grown as
 * needed and kept by the caller (g_free) whatever the outcome: one buffer for many files. */
int tri_io_read_file_into(const char *path, size_t limit, char **buf, size_t *cap,
                          size_t *length);
int tri_io_write_file(const char *path, const void *data, size_t length);
/* Streaming output under the same rules; path "-" is standard output (flushed,
 * not closed). Write errors are latched and reported by the next call and by
 * close; close(commit FALSE) discards the temporary file. */
typedef struct tr_io_out tr_io_out;
int tri_io_out_open(const char *path, tr_io_out **out);
int tri_io_out_write(tr_io_out *o, const void *data, size_t length);
int tri_io_out_close(tr_io_out *o, int commit);

/* Allocation-failure policy (docs/stability.md, "Running out of memory"):
 * allocations whose size grows with the input are made with g_try_* and fail
 * with TR_ERR_NOMEM. Where a loader builds many small objects from an input,
 * tri_mem_probe() first tries (g_try_malloc, then frees) @bytes, its measured
 * upper estimate of what the load will take, so that an input too big for the
 * memory left is refused cleanly before the small g_malloc calls (which abort
 * on failure, GLib's policy) begin. @name (file, may be NULL) and @what name
 * the error. @bytes of 0 or past the address space is TR_ERR_NOMEM as well. */
int tri_mem_probe(size_t bytes, const char *name, const char *what);
/* @a * @b, saturating at G_MAXSIZE (a probe of that size fails). */
size_t tri_mem_mul(size_t a, size_t b);
/* Hand the memory the allocator keeps free back to the system (glibc's malloc_trim;
 * nothing elsewhere): called after a stage that freed large temporaries, so that they
 * do not stay in the process's resident set under the next stage's allocations. */
void tri_mem_trim(void);

/* Large arrays (input-sized: the positions, token ids, sets, postings of an index)
 * backed by transparent huge pages where the system allows them on request
 * (Linux, /sys/kernel/mm/transparent_hugepage/enabled "madvise" or "always"). On
 * small pages every first touch of 4 KiB is a page fault, and on virtual machines a
 * fault costs microseconds: 75,000 of them were a third of the agreement matrix's
 * time on ToTA (bench/corpus/README.md). An array of at least 4 MiB is aligned to
 * 2 MiB, rounded up to a multiple of it and advised (MADV_HUGEPAGE); a reallocated one
 * has its 2 MiB-aligned interior advised (tri_mem_advise_huge); smaller arrays and
 * other systems get plain g_try_malloc memory. Free it with g_free (malloc memory).
 * NULL when it cannot be had (also for @bytes == G_MAXSIZE, the saturated
 * tri_mem_mul()). */
void *tri_big_try_malloc(size_t bytes);
void *tri_big_try_malloc0(size_t bytes);
void *tri_big_try_realloc(void *old, size_t bytes);
void tri_mem_advise_huge(void *p, size_t bytes);
#define tri_big_try_new(T, n) ((T *)tri_big_try_malloc(tri_mem_mul(sizeof(T), (n))))
#define tri_big_try_new0(T, n) ((T *)tri_big_try_malloc0(tri_mem_mul(sizeof(T), (n))))
#define tri_big_try_renew(T, p, n) ((T *)tri_big_try_realloc((p), tri_mem_mul(sizeof(T), (n))))

/* The library's thread pool (lib/core/parallel.c): run fn(begin, end, worker, user) over
 * [0, n) in chunks of @chunk handed out dynamically, on the calling thread and up to
 * @threads - 1 pool threads. @worker (0 .. threads - 1) is unique among the calls running
 * at one time, so per-worker scratch space indexed by it is safe. Returns when all is done. */
typedef void (*tr_par_fn)(size_t begin, size_t end, unsigned worker, void *user);
void tri_parallel_for_named(size_t n, size_t chunk, unsigned threads, tr_par_fn fn, void *user,
                            const char *name);
/* @name (the function's name, for the region trace below) is given by these macros. */
#define tri_parallel_for(n, chunk, threads, fn, user)                                              \
  tri_parallel_for_named((n), (chunk), (threads), (fn), (user), #fn)
/* TR_TRACE_PARALLEL=1 in the environment: every parallel region prints a line on stderr,
 * "tr-parallel: NAME n=N threads=T gap=G wall=W tail=L start=S" (milliseconds): G is the
 * time the calling thread spent since its previous region ended (serial work between
 * regions), W the region's wall time, L the time between the first and the last thread
 * finishing (idle at the end of the region), S when the last helper thread began, from the
 * region's start (0: none started). A developer's tool for finding serial stretches; the
 * variable is read once. */

/* A copy of a filter (lib/model/catalog.c); NULL for NULL. Free with tr_filter_free(). */
tr_filter *tri_filter_copy(const tr_filter *filter);

/* ---- one run of an analysis under a tr_analysis_options (lib/core/analysis.c) ----
 * tri_run_init() resolves the thread count (options NULL or threads 0: @default_threads,
 * which 0 makes one per processor; at most 64). tri_run_start() fixes the total and
 * reports (0, total); tri_parallel_for_run() then checks the cancellation flag before
 * each chunk and, after each chunk, adds its size to done, reports progress and asks the
 * cancellation callback (serialised under the run's lock). tri_run_finish() reports
 * (total, total) on success, or records and returns TR_ERR_CANCELLED, and clears the run. */
typedef struct tri_run {
  const tr_analysis_options *options; /* may be NULL */
  unsigned threads;                   /* >= 1 */
  /* A pthread mutex, not a GMutex: GLib's GMutex is a futex that ThreadSanitizer
   * cannot see in a GLib not built with it, so it would report the counter as racy. */
  pthread_mutex_t lock;
  size_t done, total;
  gint stop; /* atomic: the run was cancelled */
} tri_run;
void tri_run_init(tri_run *run, const tr_analysis_options *options, unsigned default_threads);
void tri_run_start(tri_run *run, size_t total);
/* Add @units of work done; report; ask the cancel callback. FALSE once cancelled. */
gboolean tri_run_advance(tri_run *run, size_t units);
/* TRUE once cancelled (the run's own flag or the options' flag); cheap, no callback. */
gboolean tri_run_stopped(tri_run *run);
int tri_run_finish(tri_run *run);
/* Release a run that is abandoned without tri_run_finish() (an error path). */
void tri_run_clear(tri_run *run);
/* tri_parallel_for() on run->threads, with progress and cancellation between chunks;
 * @n items are the run's work units counted by each chunk. */
void tri_parallel_for_run_named(size_t n, size_t chunk, tri_run *run, tr_par_fn fn, void *user,
                                const char *name);
#define tri_parallel_for_run(n, chunk, run, fn, user)                                              \
  tri_parallel_for_run_named((n), (chunk), (run), (fn), (user), #fn)
/* The options' agreement set: filter (borrowed, may be NULL) and ids. */
const tr_filter *tri_analysis_options_filter(const tr_analysis_options *options);
/* TRUE if the options select by filter or ids (the corpus jobs refuse that). */
gboolean tri_analysis_options_selects(const tr_analysis_options *options);

G_END_DECLS

#endif /* TR_INTERNAL_H */
