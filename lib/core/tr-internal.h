/*
 * libtraderules - internal helpers shared by the implementation (not installed).
 * SPDX-License-Identifier: MIT
 */
#ifndef TR_INTERNAL_H
#define TR_INTERNAL_H

#include <glib.h>
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
int tri_io_write_file(const char *path, const void *data, size_t length);
/* Streaming output under the same rules; path "-" is standard output (flushed,
 * not closed). Write errors are latched and reported by the next call and by
 * close; close(commit FALSE) discards the temporary file. */
typedef struct tr_io_out tr_io_out;
int tri_io_out_open(const char *path, tr_io_out **out);
int tri_io_out_write(tr_io_out *o, const void *data, size_t length);
int tri_io_out_close(tr_io_out *o, int commit);

/* The library's thread pool (lib/core/parallel.c): run fn(begin, end, worker, user) over
 * [0, n) in chunks of @chunk handed out dynamically, on the calling thread and up to
 * @threads - 1 pool threads. @worker (0 .. threads - 1) is unique among the calls running
 * at one time, so per-worker scratch space indexed by it is safe. Returns when all is done. */
typedef void (*tr_par_fn)(size_t begin, size_t end, unsigned worker, void *user);
void tri_parallel_for(size_t n, size_t chunk, unsigned threads, tr_par_fn fn, void *user);

G_END_DECLS

#endif /* TR_INTERNAL_H */
