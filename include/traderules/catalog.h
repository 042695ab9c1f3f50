/*
 * libtraderules - digital trade rules as comparable data
 * SPDX-License-Identifier: MIT
 */
/**
 * @file catalog.h
 * @brief A catalog of agreements, barriers and indicators; the embedded
 *        default catalog; JSON load and save; queries.
 *
 * A catalog owns everything added to it. Pointers it hands out are borrowed
 * and stay valid until the catalog is freed (adding more objects never moves
 * existing ones). A failed load or add leaves the catalog exactly as it was.
 * Concurrent reads from several threads are safe; modification needs
 * exclusive access.
 *
 * The JSON format is described in docs/catalog-format.md.
 */
#ifndef TRADERULES_CATALOG_H
#define TRADERULES_CATALOG_H

#include <traderules/common.h>
#include <traderules/model.h>

TR_BEGIN_DECLS

/** @brief Opaque catalog. */
typedef struct tr_catalog tr_catalog;

/**
 * @brief Create an empty catalog.
 * @param[out] out Receives the catalog; free with tr_catalog_free().
 * @return ::TR_OK, ::TR_ERR_INVALID_ARG or ::TR_ERR_NOMEM.
 */
TR_EXTERN int tr_catalog_new(tr_catalog **out);

/**
 * @brief Create a catalog holding the embedded default data (agreements,
 *        barriers and indicators compiled into the library).
 *
 * Every call parses the embedded JSON afresh and returns an independent catalog
 * that the caller may extend (for example with tr_catalog_load_file()).
 * @param[out] out Receives the catalog; free with tr_catalog_free().
 * @return ::TR_OK, ::TR_ERR_INVALID_ARG, or the loader's error if the embedded data
 *         were broken (a bug: the test suite loads it).
 */
TR_EXTERN int tr_catalog_new_default(tr_catalog **out);

/** @brief Free a catalog and everything it owns. NULL is ignored. */
TR_EXTERN void tr_catalog_free(tr_catalog *catalog);

/**
 * @brief Load a JSON catalog file and add its content to @p catalog.
 *
 * All or nothing: the whole file is checked (syntax, types, unknown members,
 * enum strings, duplicate ids within the file and against @p catalog, a
 * `based_on` that names neither an agreement already in @p catalog nor one
 * earlier in the file, limits) before anything is added; on error nothing is
 * added. Errors name the file, line, column and field path, such as
 * `agreements[3].provisions[0].strength` (see error.h). Limits: 64 MiB per file,
 * nesting depth 64, strings of 1 MiB.
 * @return ::TR_OK, ::TR_ERR_IO, ::TR_ERR_PARSE, ::TR_ERR_ENCODING, ::TR_ERR_SCHEMA,
 *         ::TR_ERR_DUPLICATE, ::TR_ERR_REFERENCE, ::TR_ERR_LIMIT or ::TR_ERR_EMPTY.
 */
TR_EXTERN int tr_catalog_load_file(tr_catalog *catalog, const char *path);

/**
 * @brief Like tr_catalog_load_file() but from memory.
 * @param catalog The catalog to add to.
 * @param data The JSON bytes (need not be NUL-terminated). @param length Their length.
 * @param name Name used in error messages (e.g. "<stdin>"); NULL gives "<memory>".
 * @return As tr_catalog_load_file(), with ::TR_ERR_INVALID_ARG for a NULL catalog or NULL data
 *         with a nonzero length.
 */
TR_EXTERN int tr_catalog_load_data(tr_catalog *catalog, const char *data, size_t length, const char *name);

/**
 * @brief Serialise the whole catalog as JSON (lossless: loading it gives an equal catalog).
 * @param catalog The catalog.
 * Agreements, barriers and indicators appear in catalog order; numbers use the
 * shortest text that reads back to the same double.
 * @param[out] out Receives a NUL-terminated UTF-8 string; free with tr_free().
 * @return ::TR_OK or ::TR_ERR_INVALID_ARG.
 */
TR_EXTERN int tr_catalog_to_json(const tr_catalog *catalog, char **out);

/**
 * @brief Write the catalog as JSON to @p path (written to a temporary file, then renamed).
 * @return ::TR_OK, ::TR_ERR_INVALID_ARG or ::TR_ERR_IO.
 */
TR_EXTERN int tr_catalog_save_file(const tr_catalog *catalog, const char *path);

/**
 * @brief Add an agreement; the catalog takes ownership on success.
 * @return ::TR_OK, ::TR_ERR_INVALID_ARG, ::TR_ERR_DUPLICATE (id taken) or
 *         ::TR_ERR_REFERENCE (based_on names no agreement in the catalog).
 *         On error the caller still owns @p agreement.
 */
TR_EXTERN int tr_catalog_add_agreement(tr_catalog *catalog, tr_agreement *agreement);
/** @brief Add a barrier; ownership as for tr_catalog_add_agreement().
 *  @return ::TR_OK, ::TR_ERR_INVALID_ARG or ::TR_ERR_DUPLICATE (id taken). */
TR_EXTERN int tr_catalog_add_barrier(tr_catalog *catalog, tr_barrier *barrier);
/** @brief Add an indicator record; ownership as for tr_catalog_add_agreement().
 *  @return ::TR_OK or ::TR_ERR_INVALID_ARG (NULL, or the record is already in the catalog). */
TR_EXTERN int tr_catalog_add_indicator(tr_catalog *catalog, tr_indicator *indicator);

/** @brief Number of agreements. */
TR_EXTERN size_t tr_catalog_agreement_count(const tr_catalog *catalog);
/** @brief Agreement @p index (in insertion order), borrowed; NULL if out of range. */
TR_EXTERN const tr_agreement *tr_catalog_agreement_at(const tr_catalog *catalog, size_t index);
/** @brief Agreement with @p id (exact, case-sensitive), borrowed; NULL if none (no error is recorded). */
TR_EXTERN const tr_agreement *tr_catalog_find_agreement(const tr_catalog *catalog, const char *id);

/** @brief Number of barriers. */
TR_EXTERN size_t tr_catalog_barrier_count(const tr_catalog *catalog);
/** @brief Barrier @p index, borrowed; NULL if out of range. */
TR_EXTERN const tr_barrier *tr_catalog_barrier_at(const tr_catalog *catalog, size_t index);
/** @brief Barrier with @p id, borrowed; NULL if none. */
TR_EXTERN const tr_barrier *tr_catalog_find_barrier(const tr_catalog *catalog, const char *id);

/** @brief Number of indicator records. */
TR_EXTERN size_t tr_catalog_indicator_count(const tr_catalog *catalog);
/** @brief Indicator @p index, borrowed; NULL if out of range. */
TR_EXTERN const tr_indicator *tr_catalog_indicator_at(const tr_catalog *catalog, size_t index);

/** @brief Opaque list of indicator records selected from a catalog (borrowed pointers,
 *         valid while the catalog is unchanged). */
typedef struct tr_indicator_list tr_indicator_list;

/**
 * @brief Select the indicator records (what `traderules indicators` lists) of one
 *        economy, one indicator and one year, in catalog order.
 *
 * Each criterion is an exact, case-sensitive match on the record's field; NULL (or
 * 0 for @p year) accepts any value. A record without a year matches only @p year 0.
 * @param catalog The catalog.
 * @param economy Economy code (e.g. "USA", "EU", "WLD"), or NULL for any.
 * @param indicator Indicator id (tr_indicator_get_name()), or NULL for any.
 * @param year A year 1..9999, or 0 for any.
 * @param[out] out Receives the list (possibly empty); free with tr_indicator_list_free().
 * @return ::TR_OK, or ::TR_ERR_INVALID_ARG (NULL @p catalog or @p out, @p year outside 0..9999).
 */
TR_EXTERN int tr_catalog_select_indicators(const tr_catalog *catalog, const char *economy,
                                           const char *indicator, int year, tr_indicator_list **out);
/** @brief Number of records in the list; 0 for NULL. */
TR_EXTERN size_t tr_indicator_list_count(const tr_indicator_list *list);
/** @brief Record @p index, borrowed from the catalog; NULL if out of range. */
TR_EXTERN const tr_indicator *tr_indicator_list_at(const tr_indicator_list *list, size_t index);
/** @brief Free the list (not the records). NULL is ignored. */
TR_EXTERN void tr_indicator_list_free(tr_indicator_list *list);

/* ------------------------------------------------------------------------ */
/** @name Queries */
/**@{*/

/** @brief Opaque agreement filter; an empty filter matches everything. */
typedef struct tr_filter tr_filter;

/** @brief Create an empty filter; free with tr_filter_free(). */
TR_EXTERN int tr_filter_new(tr_filter **out);
/** @brief Free a filter. NULL is ignored. */
TR_EXTERN void tr_filter_free(tr_filter *filter);
/** @brief Require @p party among the parties (NULL removes the condition). */
TR_EXTERN int tr_filter_set_party(tr_filter *filter, const char *party);
/** @brief Require this family (::TR_FAMILY_UNKNOWN removes the condition). */
TR_EXTERN int tr_filter_set_family(tr_filter *filter, tr_family family);
/** @brief Require this kind (::TR_KIND_UNKNOWN removes the condition). */
TR_EXTERN int tr_filter_set_kind(tr_filter *filter, tr_kind kind);
/** @brief Require this status (::TR_AGREEMENT_STATUS_UNKNOWN removes the condition). */
TR_EXTERN int tr_filter_set_status(tr_filter *filter, tr_agreement_status status);
/**
 * @brief Require a signature year in [from, to]; 0 leaves a side open. Agreements of unknown
 *        year never match a year range; (0, 0) removes the condition.
 * @return ::TR_OK or ::TR_ERR_INVALID_ARG (a year outside 0..9999, or from > to).
 */
TR_EXTERN int tr_filter_set_years(tr_filter *filter, int from, int to);
/**
 * @brief Parse a year range as the command line and template specifications write it:
 *        "FROM-TO", "FROM-" (open end), "-TO" (open start) or "YEAR" (that year only);
 *        ':' may stand for '-'. Years are decimal numbers 1..9999 and FROM <= TO.
 * @param text The range. @param[out] from Receives FROM, 0 when open.
 * @param[out] to Receives TO, 0 when open.
 * @return ::TR_OK (the result goes to tr_filter_set_years() as is), or ::TR_ERR_INVALID_ARG
 *         with a message that starts with the quoted text, e.g. "'2020-2010': FROM is after
 *         TO", so that a caller can prefix the option or key it came from; @p from and
 *         @p to are then 0.
 */
TR_EXTERN int tr_year_range_parse(const char *text, int *from, int *to);
/** @brief Nonzero if @p agreement matches @p filter. */
TR_EXTERN int tr_filter_matches(const tr_filter *filter, const tr_agreement *agreement);

/** @brief Opaque list of borrowed agreement pointers. */
typedef struct tr_agreement_list tr_agreement_list;

/**
 * @brief Select the agreements matching @p filter (NULL matches all), in catalog order.
 * @param catalog The catalog. @param filter The filter, or NULL.
 * @param[out] out Receives the list; free with tr_agreement_list_free(). The agreements
 *             themselves stay owned by the catalog.
 */
TR_EXTERN int tr_catalog_select(const tr_catalog *catalog, const tr_filter *filter, tr_agreement_list **out);
/** @brief Number of agreements in the list. */
TR_EXTERN size_t tr_agreement_list_count(const tr_agreement_list *list);
/** @brief Agreement @p index, borrowed from the catalog; NULL if out of range. */
TR_EXTERN const tr_agreement *tr_agreement_list_at(const tr_agreement_list *list, size_t index);
/** @brief Free the list (not the agreements). NULL is ignored. */
TR_EXTERN void tr_agreement_list_free(tr_agreement_list *list);
/**@}*/

TR_END_DECLS

#endif /* TRADERULES_CATALOG_H */
