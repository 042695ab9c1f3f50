/*
 * libtraderules - CSV tables as rows of cells, for the library's other writers
 * (the Stata .dta export in lib/panel/panel-write.c). Internal.
 * SPDX-License-Identifier: MIT
 */
#ifndef TR_CSV_PRIVATE_H
#define TR_CSV_PRIVATE_H

#include <stddef.h>
#include <traderules/csv.h>

/* One row of the table: @n cells, a NULL cell is empty. The first call is the
 * header (column names). A non-zero return stops the walk and is returned by
 * tri_csv_rows(). The cells are valid during the call only. */
typedef int (*tri_csv_row_fn)(const char *const *cells, size_t n, void *user);

/* The rows tr_csv_write() writes (same columns, same order, same values, the
 * header first), handed to @fn unquoted instead of as RFC 4180 text.
 * @selection or, when NULL, every agreement of @catalog. Returns TR_OK, an
 * error (bad arguments, error set), or the first non-zero value of @fn. */
int tri_csv_rows(const tr_catalog *catalog, const tr_agreement_list *selection,
                 tr_csv_format format, tri_csv_row_fn fn, void *user);

#endif /* TR_CSV_PRIVATE_H */
