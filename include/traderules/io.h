/*
 * libtraderules - digital trade rules as comparable data
 * SPDX-License-Identifier: MIT
 */
/**
 * @file io.h
 * @brief Reading input with a size limit and writing output files safely.
 *
 * Every loader of the library (catalog, CSV, coder rules, barrier profiles,
 * ToTA XML corpus files) reads through the same reader with the same limit,
 * ::TR_INPUT_LIMIT: a regular file larger than the limit is refused before any
 * byte is read; anything else (a pipe, standard input, a device) is read in
 * bounded chunks and refused as soon as it passes the limit. Memory for the
 * input is requested without aborting: failure gives ::TR_ERR_NOMEM.
 *
 * Every file the library writes (tr_csv_write_file(), tr_catalog_save_file(),
 * charts) goes through tr_file_write(), whose rules are:
 * - a regular file (or a new name) is replaced atomically: the data goes to a
 *   temporary file in the same folder, which is flushed to disk and renamed
 *   over the target only when everything was written, so a full disk or a
 *   file-size limit leaves the old file as it was; the new file keeps the
 *   permission bits of the one it replaces;
 * - a symbolic link is followed: the file it points to is replaced (the link
 *   stays a link); a link that points nowhere is refused;
 * - a FIFO or a character device is written directly (no rename);
 * - a target that is read-only (no write permission, checked for root too)
 *   is refused, not replaced; directories, sockets and block devices are refused.
 * Every error (open, write, flush, close, rename) is reported with ::TR_ERR_IO
 * and the path.
 */
#ifndef TRADERULES_IO_H
#define TRADERULES_IO_H

#include <traderules/common.h>

TR_BEGIN_DECLS

/** Largest input any loader reads, in bytes (64 MiB). */
#define TR_INPUT_LIMIT ((size_t)64 * 1024 * 1024)

/**
 * @brief Read a whole file into memory, refusing more than @p limit bytes.
 * @param path The file. `"-"` is not special here (see tr_file_read_fd()).
 * @param limit Largest accepted size in bytes; 0 means ::TR_INPUT_LIMIT.
 * @param[out] data Receives the bytes plus a terminating NUL; free with tr_free().
 * @param[out] length Receives the number of bytes read (without the NUL).
 * @return ::TR_OK; ::TR_ERR_IO (cannot open or read, a directory),
 *         ::TR_ERR_LIMIT (larger than @p limit), ::TR_ERR_NOMEM, ::TR_ERR_INVALID_ARG.
 */
TR_EXTERN int tr_file_read(const char *path, size_t limit, char **data, size_t *length);

/**
 * @brief Like tr_file_read() but from an open file descriptor (e.g. 0 for
 *        standard input), read in bounded chunks; the descriptor stays open.
 * @param fd An open descriptor, read from its current position to its end.
 * @param name Name used in error messages (e.g. `"<stdin>"`); NULL gives `"<fd N>"`.
 * @param limit Largest accepted size in bytes; 0 means ::TR_INPUT_LIMIT.
 * @param[out] data Receives the bytes plus a terminating NUL; free with tr_free().
 * @param[out] length Receives the number of bytes read (without the NUL).
 * @return As tr_file_read().
 */
TR_EXTERN int tr_file_read_fd(int fd, const char *name, size_t limit, char **data, size_t *length);

/**
 * @brief Write @p length bytes to @p path under the rules of this header
 *        (atomic replace of regular files, links followed, FIFOs written
 *        directly, read-only targets refused).
 * @param path The file to create or replace.
 * @param data The bytes (may be NULL when @p length is 0).
 * @param length Number of bytes.
 * @return ::TR_OK, ::TR_ERR_IO with the path and the system's reason, or ::TR_ERR_INVALID_ARG.
 */
TR_EXTERN int tr_file_write(const char *path, const void *data, size_t length);

TR_END_DECLS

#endif /* TRADERULES_IO_H */
