/*
 * libtraderules - digital trade rules as comparable data
 * SPDX-License-Identifier: MIT
 */
/**
 * @file csv.h
 * @brief CSV export and import: a tidy long table (one row per agreement and
 *        category) that round-trips without loss, and a wide agreements ×
 *        categories matrix in the style of TAPED.
 *
 * Both formats are RFC 4180: UTF-8 without byte-order mark, comma separator,
 * CRLF line ends, a header row, fields quoted with `"` when they contain a
 * comma, a quote, CR or LF (quotes doubled inside). Column names are valid R
 * and Stata variable names (letters, digits and `_`, at most 32 bytes), so
 * `read.csv()` in R and `import delimited` in Stata load the files as they are.
 * The column layout is described in docs/csv-format.md.
 *
 * Import reads the long format only (the wide matrix drops citations and
 * metadata by design). It is all or nothing: on any error nothing is added to
 * the catalog, and the error names the file, line, column and field.
 */
#ifndef TRADERULES_CSV_H
#define TRADERULES_CSV_H

#include <traderules/common.h>
#include <traderules/catalog.h>

TR_BEGIN_DECLS

/** @brief Layout of a CSV export. */
typedef enum tr_csv_format {
  TR_CSV_LONG = 1, /**< "long": one row per agreement × coded category, with agreement metadata on every row; lossless. */
  TR_CSV_WIDE = 2  /**< "wide": one row per agreement, one column per category, cells are numeric strength codes. */
} tr_csv_format;

/** @brief String id of a CSV format ("long", "wide"); NULL if invalid. */
TR_EXTERN const char *tr_csv_format_id(tr_csv_format format);
/**
 * @brief Parse a CSV format id.
 * @return ::TR_OK, ::TR_ERR_INVALID_ARG for NULL arguments, ::TR_ERR_NOT_FOUND for an unknown id.
 */
TR_EXTERN int tr_csv_format_from_id(const char *id, tr_csv_format *out);

/**
 * @brief Numeric code of a strength in the wide matrix and the `strength_code` column:
 *        none 0, soft 1, mixed 2, hard 3.
 * @return The code, or -1 for ::TR_STRENGTH_UNKNOWN and invalid values (written as an empty cell).
 */
TR_EXTERN int tr_csv_strength_code(tr_strength strength);

/**
 * @brief Column name used for a category in the wide matrix: the category id,
 *        or a documented abbreviation when the id is longer than 32 bytes (Stata's limit).
 * @return A static string, or NULL if @p category is not a valid value.
 */
TR_EXTERN const char *tr_csv_category_column(tr_category category);

/**
 * @brief Write agreements as CSV.
 * @param catalog The catalog (used for every agreement when @p selection is NULL).
 * @param selection Agreements to write, in this order; NULL means the whole catalog.
 *        The list is only read.
 * @param format ::TR_CSV_LONG or ::TR_CSV_WIDE.
 * @param[out] out Receives the NUL-terminated UTF-8 text; free with tr_free().
 * @return ::TR_OK, ::TR_ERR_INVALID_ARG or ::TR_ERR_NOMEM.
 */
TR_EXTERN int tr_csv_write(const tr_catalog *catalog, const tr_agreement_list *selection,
                           tr_csv_format format, char **out);

/**
 * @brief Like tr_csv_write() but to a file (written to a temporary file, then renamed).
 * @return ::TR_OK, ::TR_ERR_INVALID_ARG, ::TR_ERR_NOMEM or ::TR_ERR_IO.
 */
TR_EXTERN int tr_csv_write_file(const tr_catalog *catalog, const tr_agreement_list *selection,
                                tr_csv_format format, const char *path);

/**
 * @brief Read a long-format CSV from memory and add its agreements to @p catalog.
 *
 * All or nothing: on error the catalog is unchanged.
 * @param catalog The catalog that receives the agreements.
 * @param data The CSV bytes (need not be NUL-terminated). @param length Their length.
 * @param name Name used in error messages; NULL gives "<memory>".
 * @return ::TR_OK; ::TR_ERR_PARSE (bad quoting, a bare CR, wrong number of fields);
 *         ::TR_ERR_ENCODING (invalid UTF-8); ::TR_ERR_SCHEMA (an unknown, repeated or missing
 *         header column, an unknown category, strength or other id, a bad number or date,
 *         metadata that differs between rows of one agreement);
 *         ::TR_ERR_DUPLICATE (an agreement already in the catalog, or a category twice);
 *         ::TR_ERR_REFERENCE (based_on names no agreement); ::TR_ERR_EMPTY (no header);
 *         ::TR_ERR_LIMIT (over 64 MiB); ::TR_ERR_INVALID_ARG; ::TR_ERR_NOMEM.
 */
TR_EXTERN int tr_csv_read(tr_catalog *catalog, const char *data, size_t length, const char *name);

/**
 * @brief Like tr_csv_read() but from a file; errors name @p path.
 * @return As tr_csv_read(), plus ::TR_ERR_IO.
 */
TR_EXTERN int tr_csv_read_file(tr_catalog *catalog, const char *path);

TR_END_DECLS

#endif /* TRADERULES_CSV_H */
