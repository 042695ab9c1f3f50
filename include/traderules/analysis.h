/*
 * libtraderules - digital trade rules as comparable data
 * SPDX-License-Identifier: MIT
 */
/**
 * @file analysis.h
 * @brief One options object for every long analysis: threads, the agreement
 *        set, a progress callback and cancellation.
 *
 * A ::tr_analysis_options says *which agreements* and *with which settings* an
 * analysis runs. The same object is taken by the comparison matrix
 * (tr_matrix_new_with_options()), the classification
 * (tr_classification_new_with_options()), the timeline
 * (tr_timeline_new_with_options()) and the corpus jobs
 * (tr_shingle_index_matrix_with_options(), tr_shingle_index_pairs_with_options(),
 * tr_shingle_index_trace_with_options()). New settings become new setters, so
 * they never change a signature or a struct layout (the object is opaque, in
 * the manner of curl's options).
 *
 * **Defaults** (tr_analysis_options_new()): one worker thread per processor
 * (at most 64), every agreement of the catalog, no progress callback, no
 * cancellation. Passing NULL where an analysis takes options means the same
 * defaults (the corpus jobs then use the corpus's thread count, as the
 * functions they replace did).
 *
 * **Results never depend on the settings** other than the agreement set: the
 * thread count, the progress callback and a cancellation that did not happen
 * leave every result identical.
 *
 * **Progress and cancellation.** Work is handed to the threads in chunks.
 * After each chunk the analysis adds the chunk's work units to a counter and
 * calls the progress callback with (done, total): `total` is fixed for the
 * whole call, `done` never decreases, the first call reports `done` = 0 and
 * the last call of a successful analysis reports `done` = `total`. Before each
 * chunk the analysis checks the cancellation flag (tr_analysis_options_cancel())
 * and, after each chunk, asks the cancellation callback; once cancelled, no
 * new chunk starts, the chunks running finish, everything allocated is freed,
 * the output is set to NULL (or left untouched for caller-allocated arrays,
 * whose content is then unspecified) and the analysis returns
 * ::TR_ERR_CANCELLED. The callbacks run on the calling thread or on worker
 * threads, but never two at a time for one analysis (calls are serialised), so
 * they need no locking of their own; they must not call back into the running
 * analysis's objects.
 *
 * **Ownership.** tr_analysis_options_new() and tr_analysis_options_copy() give
 * the caller an object to free with tr_analysis_options_free(). Setters copy
 * what they are given (the filter, the ids); user_data pointers are borrowed
 * and must stay valid while an analysis that uses them runs. Analyses only read
 * the options during the call and keep no reference to them.
 *
 * **Threads.** Several analyses may use one options object at the same time
 * (they only read it), as long as no setter runs meanwhile;
 * tr_analysis_options_cancel() and tr_analysis_options_is_cancelled() may be
 * called at any time from any thread (including from a callback).
 */
#ifndef TRADERULES_ANALYSIS_H
#define TRADERULES_ANALYSIS_H

#include <traderules/common.h>
#include <traderules/catalog.h>

TR_BEGIN_DECLS

/** @brief Opaque settings of an analysis. */
typedef struct tr_analysis_options tr_analysis_options;

/**
 * @brief Progress of an analysis.
 * @param done Work units done so far (never decreases during one analysis).
 * @param total Work units of the whole analysis (fixed during one analysis).
 * @param user_data The pointer given to tr_analysis_options_set_progress().
 */
typedef void (*tr_analysis_progress_fn)(size_t done, size_t total, void *user_data);

/**
 * @brief Asked between chunks of work whether to stop.
 * @param user_data The pointer given to tr_analysis_options_set_cancel().
 * @return Nonzero to cancel the analysis, 0 to go on.
 */
typedef int (*tr_analysis_cancel_fn)(void *user_data);

/** @brief The largest thread count tr_analysis_options_set_threads() accepts. */
#define TR_ANALYSIS_MAX_THREADS 64

/**
 * @brief Create options with the defaults (see the file description).
 * @param[out] out Receives the options; free with tr_analysis_options_free().
 * @return ::TR_OK or ::TR_ERR_INVALID_ARG (@p out is NULL).
 */
TR_EXTERN int tr_analysis_options_new(tr_analysis_options **out);

/** @brief Free options. NULL is ignored. */
TR_EXTERN void tr_analysis_options_free(tr_analysis_options *options);

/**
 * @brief Copy options: threads, filter, ids and callbacks (the same user_data
 *        pointers). The copy is not cancelled, whatever the state of @p options.
 * @param options The options to copy.
 * @param[out] out Receives the copy; free with tr_analysis_options_free().
 * @return ::TR_OK or ::TR_ERR_INVALID_ARG.
 */
TR_EXTERN int tr_analysis_options_copy(const tr_analysis_options *options, tr_analysis_options **out);

/**
 * @brief Number of worker threads.
 * @param options The options.
 * @param threads 1 for none, 0 (the default) for one per processor (at most
 *        ::TR_ANALYSIS_MAX_THREADS), else 2..::TR_ANALYSIS_MAX_THREADS.
 * @return ::TR_OK or ::TR_ERR_INVALID_ARG (NULL, or more than ::TR_ANALYSIS_MAX_THREADS);
 *         on error the options are unchanged.
 */
TR_EXTERN int tr_analysis_options_set_threads(tr_analysis_options *options, unsigned threads);
/** @brief The thread count as set (0: one per processor); 0 for NULL. */
TR_EXTERN unsigned tr_analysis_options_get_threads(const tr_analysis_options *options);

/**
 * @brief Select the agreements that match a filter (party, family, kind, status, years).
 * @param options The options.
 * @param filter The filter, copied (later changes to @p filter do not affect the
 *        options); NULL removes the condition.
 * @return ::TR_OK or ::TR_ERR_INVALID_ARG.
 */
TR_EXTERN int tr_analysis_options_set_filter(tr_analysis_options *options, const tr_filter *filter);

/**
 * @brief Select agreements by id.
 *
 * With both ids and a filter, an agreement is selected when it is listed and
 * matches the filter. The selection is in catalog order whatever the order of
 * the ids; duplicates are ignored. An id that is not in the catalog fails the
 * analysis with ::TR_ERR_NOT_FOUND (the message names it).
 * @param options The options.
 * @param ids Array of agreement ids (each copied, none NULL); NULL with @p count 0
 *        removes the condition.
 * @param count Number of ids; 0 removes the condition.
 * @return ::TR_OK or ::TR_ERR_INVALID_ARG (NULL options, NULL @p ids with a nonzero
 *         @p count, a NULL or empty id); on error the options are unchanged.
 */
TR_EXTERN int tr_analysis_options_set_ids(tr_analysis_options *options, const char *const *ids,
                                          size_t count);
/** @brief Number of ids set with tr_analysis_options_set_ids() (0: no id condition). */
TR_EXTERN size_t tr_analysis_options_id_count(const tr_analysis_options *options);
/** @brief Id @p index as set, borrowed (lives until the ids change or the options are freed); NULL if out of range. */
TR_EXTERN const char *tr_analysis_options_id_at(const tr_analysis_options *options, size_t index);

/**
 * @brief Report progress (see the file description).
 * @param options The options.
 * @param fn The callback, or NULL for none.
 * @param user_data Passed to @p fn (borrowed).
 * @return ::TR_OK or ::TR_ERR_INVALID_ARG (@p options is NULL).
 */
TR_EXTERN int tr_analysis_options_set_progress(tr_analysis_options *options, tr_analysis_progress_fn fn,
                                               void *user_data);

/**
 * @brief Ask @p fn between chunks of work whether to cancel (see the file description).
 * @param options The options.
 * @param fn The callback, or NULL for none.
 * @param user_data Passed to @p fn (borrowed).
 * @return ::TR_OK or ::TR_ERR_INVALID_ARG (@p options is NULL).
 */
TR_EXTERN int tr_analysis_options_set_cancel(tr_analysis_options *options, tr_analysis_cancel_fn fn,
                                             void *user_data);

/**
 * @brief Cancel every analysis running with these options, and every later one
 *        until tr_analysis_options_reset_cancel(): they return ::TR_ERR_CANCELLED.
 *
 * Safe to call from any thread at any time, including from the progress or
 * cancellation callback. NULL is ignored.
 */
TR_EXTERN void tr_analysis_options_cancel(tr_analysis_options *options);
/** @brief Clear the flag set by tr_analysis_options_cancel(), so the options can run again. NULL is ignored. */
TR_EXTERN void tr_analysis_options_reset_cancel(tr_analysis_options *options);
/** @brief Nonzero if tr_analysis_options_cancel() was called (and not reset); 0 for NULL. */
TR_EXTERN int tr_analysis_options_is_cancelled(const tr_analysis_options *options);

TR_END_DECLS

#endif /* TRADERULES_ANALYSIS_H */
