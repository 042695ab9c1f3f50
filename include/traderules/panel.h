/*
 * libtraderules - digital trade rules as comparable data
 * SPDX-License-Identifier: MIT
 */
/**
 * @file panel.h
 * @brief Country-pair-year panels for gravity models: which digital-trade
 *        commitments were in force between two economies in a year.
 *
 * A panel row is one (iso3_i, iso3_j, year). For each provision category it
 * gives the strongest commitment in force between the two economies that year
 * (or a binary indicator, or a count of agreements), and the agreements that
 * provide it. Three kinds of data decide what is "in force":
 *
 * - **Blocs** (::tr_membership): the European Union, EFTA, ASEAN, MERCOSUR,
 *   CARICOM, CARIFORUM, SACU, the EAEU, the GCC, the Andean Community and the
 *   Central American Common Market, each with its member states and the dates
 *   they joined and left, each with a citation. An agreement whose party is a
 *   bloc (`EU` in the catalog) applies to the bloc's members of each year; the
 *   United Kingdom stays bound by the Union's agreements until the end of the
 *   Brexit transition period (2020-12-31).
 * - **Application records**: entry into force or provisional application per
 *   agreement and, where it differs, per party; termination (e.g. NAFTA,
 *   replaced by USMCA on 2020-07-01). Each has a citation.
 * - **The catalog**: an agreement without an application record is in force
 *   from its `date_in_force` when its status says it entered into force
 *   (in force, superseded, expired, suspended); a signed agreement that never
 *   entered into force (e.g. TPP) never counts. An agreement whose status says
 *   it entered into force but whose date is unknown is never guessed: it is
 *   listed in the row's `undated` column and does not count.
 *
 * A commitment counts in year Y when the agreement is in force for both
 * economies on at least one day of Y. Two economies are paired only across
 * different parties of an agreement (two EU member states are not paired by
 * EU-Korea). A category whose strength is unknown in an agreement in force
 * makes the cell missing when no known commitment is stronger (unknown stays
 * unknown).
 *
 * Rows are produced in order (iso3_i, iso3_j, year) and handed one at a time
 * to a callback, so a panel of every pair of ~200 economies over 30 years
 * never needs to be held in memory.
 */
#ifndef TRADERULES_PANEL_H
#define TRADERULES_PANEL_H

#include <stddef.h>
#include <traderules/common.h>
#include <traderules/catalog.h>

TR_BEGIN_DECLS

/* ------------------------------------------------------------------------ */
/** @name Bloc membership and application dates
 *  @{ */

/** @brief Opaque table of bloc memberships and agreement application dates. */
typedef struct tr_membership tr_membership;

/**
 * @brief Create the embedded membership table (blocs and application records
 *        shipped with the library; see docs/panel.md for their sources).
 * @param[out] out Receives a new table; free with tr_membership_free().
 * @return ::TR_OK, ::TR_ERR_INVALID_ARG for a NULL @p out, ::TR_ERR_NOMEM.
 */
TR_EXTERN int tr_membership_new_default(tr_membership **out);

/**
 * @brief Create an empty membership table (no blocs, no application records).
 * @param[out] out Receives a new table; free with tr_membership_free().
 */
TR_EXTERN int tr_membership_new(tr_membership **out);

/**
 * @brief Add the blocs and application records of a JSON file
 *        (format `traderules-membership`, described in docs/panel.md).
 *
 * All or nothing: on error the table is unchanged and the error names the
 * file and the field. A bloc already in the table, or a second record for the
 * same agreement and party, is an error.
 */
TR_EXTERN int tr_membership_load_file(tr_membership *membership, const char *path);

/** @brief Same as tr_membership_load_file() from memory; @p name is used in error messages. */
TR_EXTERN int tr_membership_load_data(tr_membership *membership, const char *data, size_t length,
                                      const char *name);

/** @brief Free a membership table (NULL is allowed). */
TR_EXTERN void tr_membership_free(tr_membership *membership);

/** @brief Number of blocs in the table. */
TR_EXTERN size_t tr_membership_bloc_count(const tr_membership *membership);

/** @brief Id of the bloc at @p index (e.g. "EU", "EFTA"); NULL if out of range. Owned by the table. */
TR_EXTERN const char *tr_membership_bloc_at(const tr_membership *membership, size_t index);

/** @brief Whether @p id names a bloc of the table (1) or not (0). */
TR_EXTERN int tr_membership_is_bloc(const tr_membership *membership, const char *id);

/**
 * @brief Whether @p state was a member of @p bloc on @p date (`YYYY-MM-DD`).
 * @param membership The table. @param bloc A bloc id, e.g. "EU".
 * @param state ISO alpha-3 code. @param date A day, `YYYY-MM-DD`.
 * @param[out] out Receives 1 (member), 0 (not a member) or -1 (the table does
 *        not know: a member whose joining or leaving date is unknown).
 * @return ::TR_OK, ::TR_ERR_NOT_FOUND for an unknown bloc, ::TR_ERR_INVALID_ARG
 *         for a NULL argument or a malformed date.
 */
TR_EXTERN int tr_membership_is_member(const tr_membership *membership, const char *bloc,
                                      const char *state, const char *date, int *out);

/**
 * @brief Members of @p bloc on @p date (`YYYY-MM-DD`), ISO alpha-3, sorted.
 * @param membership The table. @param bloc A bloc id. @param date A day, `YYYY-MM-DD`.
 * @param[out] out Receives a NULL-terminated array; free with tr_strv_free().
 * @return ::TR_OK, ::TR_ERR_NOT_FOUND for an unknown bloc, ::TR_ERR_INVALID_ARG.
 */
TR_EXTERN int tr_membership_members(const tr_membership *membership, const char *bloc,
                                    const char *date, char ***out);

/** @brief Free a NULL-terminated string array returned by the library (NULL is allowed). */
TR_EXTERN void tr_strv_free(char **strv);

/** @} */

/* ------------------------------------------------------------------------ */
/** @name Panel options
 *  @{ */

/** @brief What a panel cell measures. */
typedef enum tr_panel_measure {
  TR_PANEL_STRENGTH = 1, /**< strongest commitment: none 0, soft 1, mixed 2, hard 3 (as tr_csv_strength_code()) */
  TR_PANEL_BINARY = 2,   /**< 1 when any agreement in force has the commitment (soft or stronger), else 0 */
  TR_PANEL_COUNT = 3     /**< number of agreements in force with the commitment (soft or stronger) */
} tr_panel_measure;

/** @brief String id of a measure ("strength", "binary", "count"); NULL if invalid. */
TR_EXTERN const char *tr_panel_measure_id(tr_panel_measure measure);
/** @brief Parse a measure id. @return ::TR_OK or ::TR_ERR_NOT_FOUND. */
TR_EXTERN int tr_panel_measure_from_id(const char *id, tr_panel_measure *out);

/** @brief Opaque panel options. */
typedef struct tr_panel_options tr_panel_options;

/**
 * @brief New options with the defaults: years 1995-2024, every category,
 *        measure strength, undirected (iso3_i < iso3_j), only pairs that have
 *        at least one agreement in force (or undated) in the range.
 * @param[out] out Free with tr_panel_options_free().
 */
TR_EXTERN int tr_panel_options_new(tr_panel_options **out);
/** @brief Free options (NULL is allowed). */
TR_EXTERN void tr_panel_options_free(tr_panel_options *options);
/** @brief Years from @p first to @p last inclusive (1900-2100, first <= last). */
TR_EXTERN int tr_panel_options_set_years(tr_panel_options *options, int first, int last);
/** @brief The measure of every category cell. */
TR_EXTERN int tr_panel_options_set_measure(tr_panel_options *options, tr_panel_measure measure);
/** @brief Directed (1: both (i, j) and (j, i) rows) or undirected (0, default: i < j). */
TR_EXTERN int tr_panel_options_set_directed(tr_panel_options *options, int directed);
/**
 * @brief Restrict the categories (columns) to @p n categories, in the given
 *        order; @p n 0 restores every category. Duplicates are an error.
 */
TR_EXTERN int tr_panel_options_set_categories(tr_panel_options *options, const tr_category *categories,
                                              size_t n);
/**
 * @brief A balanced panel: every pair of the given economies (ISO alpha-3) and
 *        every year, including pairs with nothing in force (zeros). With
 *        @p n 0, back to the default (only pairs with an agreement).
 */
TR_EXTERN int tr_panel_options_set_economies(tr_panel_options *options, const char *const *economies,
                                             size_t n);
/**
 * @brief Every economy that takes part in the catalog's agreements in a range
 *        of years: the balanced panel of `traderules panel --economies all`.
 *
 * A party that is not a bloc of @p membership is listed as it is. A party that
 * is a bloc is replaced by the states that were its members on 31 December of
 * some year from @p first to @p last (tr_membership_members()); the bloc id
 * itself is not listed. Every agreement of the catalog is considered, whatever
 * its status or dates.
 * @param catalog The agreements (only read during the call).
 * @param membership Blocs and their members (only read during the call).
 * @param first,last The years, @p first <= @p last.
 * @param[out] out Receives a NULL-terminated array of distinct codes in byte
 *        order (empty, not NULL, when the catalog names no party); the caller
 *        frees it with tr_strv_free(). NULL on error.
 * @return ::TR_OK, ::TR_ERR_INVALID_ARG (NULL argument, @p first > @p last) or ::TR_ERR_NOMEM.
 */
TR_EXTERN int tr_panel_economies(const tr_catalog *catalog, const tr_membership *membership, int first,
                                 int last, char ***out);

/** @} */

/* ------------------------------------------------------------------------ */
/** @name Running a panel
 *  @{ */

/** @brief One row, valid only during the callback. */
typedef struct tr_panel_row tr_panel_row;

/** @brief First economy of the row (ISO alpha-3). */
TR_EXTERN const char *tr_panel_row_iso3_i(const tr_panel_row *row);
/** @brief Second economy of the row. */
TR_EXTERN const char *tr_panel_row_iso3_j(const tr_panel_row *row);
/** @brief Year of the row. */
TR_EXTERN int tr_panel_row_year(const tr_panel_row *row);
/** @brief Number of category cells (the options' categories). */
TR_EXTERN size_t tr_panel_row_category_count(const tr_panel_row *row);
/** @brief Category of cell @p k. */
TR_EXTERN tr_category tr_panel_row_category(const tr_panel_row *row, size_t k);
/**
 * @brief Value of cell @p k under the options' measure.
 * @return The value (>= 0), or -1 when missing: the strongest known commitment
 *         could be exceeded by a category whose strength is unknown in an
 *         agreement in force.
 */
TR_EXTERN int tr_panel_row_value(const tr_panel_row *row, size_t k);
/**
 * @brief Agreements providing cell @p k, ids joined with ";" (for the strength
 *        measure, those at the strongest level; otherwise all counted); "" when none.
 */
TR_EXTERN const char *tr_panel_row_providers(const tr_panel_row *row, size_t k);
/** @brief Every agreement in force between the pair that year, ids joined with ";". */
TR_EXTERN const char *tr_panel_row_agreements(const tr_panel_row *row);
/** @brief Number of agreements in force between the pair that year. */
TR_EXTERN size_t tr_panel_row_agreement_count(const tr_panel_row *row);
/**
 * @brief Agreements between the pair whose entry into force is not known
 *        (not counted), ids joined with ";"; "" when none.
 */
TR_EXTERN const char *tr_panel_row_undated(const tr_panel_row *row);

/**
 * @brief Called once per row, in order. Return 0 to go on; any other value
 *        stops the run, and tr_panel_run() returns that value.
 */
typedef int (*tr_panel_row_fn)(const tr_panel_row *row, void *user_data);

/**
 * @brief Compute a panel and stream its rows to @p fn.
 * @param catalog Agreements (every agreement of the catalog is considered).
 * @param membership Blocs and application dates (e.g. tr_membership_new_default()).
 * @param options Options, or NULL for the defaults.
 * @param fn Called for each row. @param user_data Passed to @p fn.
 * @return ::TR_OK, the callback's non-zero value when it stopped the run,
 *         ::TR_ERR_INVALID_ARG, ::TR_ERR_NOMEM.
 */
TR_EXTERN int tr_panel_run(const tr_catalog *catalog, const tr_membership *membership,
                           const tr_panel_options *options, tr_panel_row_fn fn, void *user_data);

/**
 * @brief Write a panel as CSV (RFC 4180, header names valid in R and Stata) or
 *        as a Stata 14 `.dta` file with variable and value labels.
 *
 * Columns: iso3_i, iso3_j, year, n_agreements, agreements, undated, then for
 * each category its value (named as tr_csv_category_column()) and `by_NN`
 * (NN the category number) with the agreements that provide it.
 * @param catalog Agreements. @param membership Blocs and application dates.
 * @param options Options, or NULL for the defaults.
 * @param format "csv" or "dta".
 * @param path Output file; "-" is standard output. A regular file is replaced
 *        atomically; on error nothing is left behind.
 * @return ::TR_OK, ::TR_ERR_IO, ::TR_ERR_UNSUPPORTED for "dta" in a build
 *         without ReadStat, ::TR_ERR_NOT_FOUND for an unknown format.
 */
TR_EXTERN int tr_panel_write_file(const tr_catalog *catalog, const tr_membership *membership,
                                  const tr_panel_options *options, const char *format,
                                  const char *path);

/** @} */

TR_END_DECLS

#endif /* TRADERULES_PANEL_H */
