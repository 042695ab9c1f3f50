/*
 * libtraderules - digital trade rules as comparable data
 * SPDX-License-Identifier: MIT
 */
/**
 * @file stata.h
 * @brief Native Stata files (`.dta`, format 118 = Stata 14 and later, UTF-8)
 *        through ReadStat: the tidy long table and the wide matrix of csv.h,
 *        with the same columns, integer columns stored as numbers, value
 *        labels for strength codes (none, soft, mixed, hard) and variable
 *        labels for categories. Panels are written by tr_panel_write_file().
 *
 * Builds without ReadStat return ::TR_ERR_UNSUPPORTED.
 */
#ifndef TRADERULES_STATA_H
#define TRADERULES_STATA_H

#include <traderules/common.h>
#include <traderules/catalog.h>
#include <traderules/csv.h>

TR_BEGIN_DECLS

/**
 * @brief Write agreements as a Stata `.dta` file.
 * @param catalog The catalog (every agreement when @p selection is NULL).
 * @param selection Agreements to write, in this order, or NULL.
 * @param format ::TR_CSV_LONG (tidy) or ::TR_CSV_WIDE (matrix).
 * @param path Output file; "-" is standard output. A regular file is replaced
 *        atomically; a non-regular, read-only or unresolvable target is refused.
 * @return ::TR_OK, ::TR_ERR_INVALID_ARG, ::TR_ERR_IO, ::TR_ERR_UNSUPPORTED, ::TR_ERR_NOMEM.
 */
TR_EXTERN int tr_stata_write_file(const tr_catalog *catalog, const tr_agreement_list *selection,
                                  tr_csv_format format, const char *path);

TR_END_DECLS

#endif /* TRADERULES_STATA_H */
