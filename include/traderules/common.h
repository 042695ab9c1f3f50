/*
 * libtraderules - digital trade rules as comparable data
 * SPDX-License-Identifier: MIT
 */
/**
 * @file common.h
 * @brief Export macros, status codes and memory helpers shared by every header.
 *
 * Include `<traderules/traderules.h>` rather than this file directly.
 */
#ifndef TRADERULES_COMMON_H
#define TRADERULES_COMMON_H

#include <stddef.h>
#include <stdint.h>

/** @cond INTERNAL */
#ifdef __cplusplus
#define TR_BEGIN_DECLS extern "C" {
#define TR_END_DECLS }
#else
#define TR_BEGIN_DECLS
#define TR_END_DECLS
#endif

#if defined(_WIN32) || defined(__CYGWIN__)
#  ifdef TR_BUILDING_LIBRARY
#    define TR_EXTERN __declspec(dllexport)
#  else
#    define TR_EXTERN __declspec(dllimport)
#  endif
#elif defined(__GNUC__) && __GNUC__ >= 4
#  define TR_EXTERN __attribute__((visibility("default")))
#else
#  define TR_EXTERN
#endif
/** @endcond */

TR_BEGIN_DECLS

/**
 * @brief Status returned by every fallible libtraderules function.
 *
 * Zero means success; every error is negative. The numeric values are part of
 * the ABI and never change; new codes may be added with new negative values.
 * When a function returns an error it also records a thread-local message,
 * readable with tr_error_message() (see error.h).
 */
typedef enum tr_status {
  TR_OK = 0,                  /**< Success. */
  TR_ERR_INVALID_ARG = -1,    /**< A NULL or out-of-range argument. */
  TR_ERR_NOMEM = -2,          /**< Memory could not be allocated. */
  TR_ERR_IO = -3,             /**< A file could not be opened, read or written. */
  TR_ERR_PARSE = -4,          /**< Malformed syntax (JSON, XML, CSV, rules). */
  TR_ERR_ENCODING = -5,       /**< Text is not valid UTF-8. */
  TR_ERR_SCHEMA = -6,         /**< Well-formed input with a missing field, a wrong type or an unknown enum string. */
  TR_ERR_DUPLICATE = -7,      /**< An id that must be unique appears twice. */
  TR_ERR_NOT_FOUND = -8,      /**< No object has the requested id. */
  TR_ERR_REFERENCE = -9,      /**< A reference points to an object that does not exist. */
  TR_ERR_LIMIT = -10,         /**< Input exceeds a documented size, depth or length limit. */
  TR_ERR_EMPTY = -11,         /**< The input or the selection is empty where content is required. */
  TR_ERR_UNSUPPORTED = -12,   /**< The build lacks an optional feature (for example charts). */
  TR_ERR_INTERNAL = -13,      /**< A bug in libtraderules; please report it. */
  TR_ERR_CANCELLED = -14      /**< The caller cancelled the analysis (analysis.h); nothing was produced. */
} tr_status;

/**
 * @brief Stable identifier of a status code, e.g. `"parse"` for ::TR_ERR_PARSE.
 * @return A static string owned by the library; `"unknown"` for values it does not know.
 */
TR_EXTERN const char *tr_status_id(int status);

/**
 * @brief Free memory that a libtraderules function documented as "free with tr_free()".
 * @param ptr The memory; NULL is allowed and ignored.
 */
TR_EXTERN void tr_free(void *ptr);

TR_END_DECLS

#endif /* TRADERULES_COMMON_H */
