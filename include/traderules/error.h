/*
 * libtraderules - digital trade rules as comparable data
 * SPDX-License-Identifier: MIT
 */
/**
 * @file error.h
 * @brief The last error of the calling thread: code, message and location.
 *
 * Every fallible function returns a ::tr_status. When it returns an error it
 * also stores, for the calling thread only, a record describing it: the code,
 * a human-readable message and, where the error comes from input, the file,
 * line, column and field at fault. The record stays until the next failing
 * call on the same thread or tr_error_clear(). Successful calls do not clear
 * it. This works the same through FFI and across threads: two threads never
 * see each other's errors.
 *
 * The message already names the location, in the form
 * `FILE:LINE:COLUMN: field 'FIELD': what went wrong`, so printing it is enough.
 */
#ifndef TRADERULES_ERROR_H
#define TRADERULES_ERROR_H

#include <traderules/common.h>

TR_BEGIN_DECLS

/**
 * @brief Code of the calling thread's last error.
 * @return A ::tr_status value, or ::TR_OK if no error was recorded.
 */
TR_EXTERN int tr_error_code(void);

/**
 * @brief Full message of the calling thread's last error, location included.
 * @return A string owned by the library, valid until the next failing call on
 *         this thread or tr_error_clear(); `""` if there is no error. Never NULL.
 */
TR_EXTERN const char *tr_error_message(void);

/**
 * @brief Input file (or source name) the last error is about.
 * @return Borrowed string, or NULL if the error is not about a file.
 */
TR_EXTERN const char *tr_error_file(void);

/**
 * @brief Line (1-based) of the input at fault.
 * @return The line, or 0 if unknown or not applicable.
 */
TR_EXTERN long tr_error_line(void);

/**
 * @brief Column (1-based, in bytes) of the input at fault.
 * @return The column, or 0 if unknown or not applicable.
 */
TR_EXTERN long tr_error_column(void);

/**
 * @brief Field at fault, as a path such as `agreements[3].provisions[0].strength`.
 * @return Borrowed string, or NULL if no single field is at fault.
 */
TR_EXTERN const char *tr_error_field(void);

/** @brief Forget the calling thread's last error. */
TR_EXTERN void tr_error_clear(void);

TR_END_DECLS

#endif /* TRADERULES_ERROR_H */
