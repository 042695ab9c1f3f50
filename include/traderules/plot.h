/*
 * libtraderules - digital trade rules as comparable data
 * SPDX-License-Identifier: MIT
 */
/**
 * @file plot.h
 * @brief Charts as SVG or PNG files, drawn with cairo: a strength heatmap,
 *        a comparison of two groups of agreements (American and European
 *        templates by default), a similarity matrix ordered by hierarchical
 *        clustering, and an adoption timeline.
 *
 * Charts are optional: a library built without cairo (meson option `plot`)
 * still exports these functions, and they fail with ::TR_ERR_UNSUPPORTED;
 * tr_plot_available() tells which case applies. Every function writes one
 * file (replacing it) and reads its inputs only; it keeps no pointer to them.
 * Sizes follow the content (about 20 pixels per row), labels are at least
 * 11 pixels high, and each chart carries a title and a legend.
 */
#ifndef TRADERULES_PLOT_H
#define TRADERULES_PLOT_H

#include <traderules/common.h>
#include <traderules/catalog.h>

TR_BEGIN_DECLS

/** @brief Output file format of a chart. */
typedef enum tr_plot_format {
  TR_PLOT_SVG = 1, /**< "svg": scalable vector graphics. */
  TR_PLOT_PNG = 2  /**< "png": raster image, 1.5 pixels per SVG unit. */
} tr_plot_format;

/** @brief Nonzero if this build can draw charts (it was built with cairo). */
TR_EXTERN int tr_plot_available(void);

/**
 * @brief Guess the format from a file name ending in ".svg" or ".png" (case-insensitive).
 * @return ::TR_OK, ::TR_ERR_INVALID_ARG for NULL, ::TR_ERR_NOT_FOUND for another extension.
 */
TR_EXTERN int tr_plot_format_from_path(const char *path, tr_plot_format *out);

/**
 * @brief Heatmap of agreements (columns) by provision categories (rows), each
 *        cell coloured by legal strength; uncoded cells are left blank, unknown
 *        strength is marked "?", and a band under each label shows the family.
 * @param agreements @p count agreements to draw, in this order (read only;
 *        e.g. from tr_catalog_agreement_at() or tr_agreement_list_at()).
 * @param count Their number.
 * @param path Output file. @param format ::TR_PLOT_SVG or ::TR_PLOT_PNG.
 * @return ::TR_OK, ::TR_ERR_INVALID_ARG, ::TR_ERR_EMPTY (@p count is 0), ::TR_ERR_IO,
 *         ::TR_ERR_NOMEM or ::TR_ERR_UNSUPPORTED.
 */
TR_EXTERN int tr_plot_heatmap(const tr_agreement *const *agreements, size_t count,
                              const char *path, tr_plot_format format);

/**
 * @brief Compare two groups of agreements category by category (for example the
 *        American and the European template families, or two single agreements):
 *        for each category, the mean strength code (none 0, soft 1, mixed 2,
 *        hard 3; unknown and uncoded left out) of each group as a dot, the two
 *        joined by a line, with the number of agreements behind each dot.
 * @param group_a First group (@p count_a agreements, read only). @param count_a Its size.
 * @param label_a Its legend label; NULL gives "Group A".
 * @param group_b Second group. @param count_b Its size.
 * @param label_b Its legend label; NULL gives "Group B".
 * @param path Output file. @param format ::TR_PLOT_SVG or ::TR_PLOT_PNG.
 * @return ::TR_OK, ::TR_ERR_INVALID_ARG, ::TR_ERR_EMPTY (a group is empty), ::TR_ERR_IO,
 *         ::TR_ERR_NOMEM or ::TR_ERR_UNSUPPORTED.
 */
TR_EXTERN int tr_plot_compare(const tr_agreement *const *group_a, size_t count_a,
                              const char *label_a, const tr_agreement *const *group_b,
                              size_t count_b, const char *label_b, const char *path,
                              tr_plot_format format);

/**
 * @brief Order items by average-linkage hierarchical clustering of a similarity
 *        matrix, so that similar items sit next to each other (the leaf order of
 *        the dendrogram; ties are broken by index, so the order is deterministic).
 * @param similarity Row-major @p n × @p n matrix, larger = more similar; read only.
 *        NaN entries count as the lowest similarity.
 * @param n Number of items (at least 1).
 * @param[out] order Caller-provided array of @p n entries; receives a permutation of 0..n-1.
 * @return ::TR_OK or ::TR_ERR_INVALID_ARG.
 */
TR_EXTERN int tr_plot_cluster_order(const double *similarity, size_t n, size_t *order);

/**
 * @brief Similarity matrix as a coloured grid, rows and columns ordered by
 *        tr_plot_cluster_order(), with a colour scale; values are printed in
 *        the cells when there are at most 30 items.
 * @param labels @p n item labels (UTF-8), read only.
 * @param n Number of items (1 to 500).
 * @param similarity Row-major @p n × @p n matrix; NaN cells are drawn grey.
 * @param title Chart title; NULL gives "Similarity".
 * @param path Output file. @param format ::TR_PLOT_SVG or ::TR_PLOT_PNG.
 * @return ::TR_OK, ::TR_ERR_INVALID_ARG, ::TR_ERR_LIMIT, ::TR_ERR_IO or ::TR_ERR_UNSUPPORTED.
 */
TR_EXTERN int tr_plot_matrix(const char *const *labels, size_t n, const double *similarity,
                             const char *title, const char *path, tr_plot_format format);

/**
 * @brief Adoption timeline: one row per category, one marker per agreement that
 *        has a soft, mixed or hard provision in it, placed at the agreement's
 *        signature year and coloured by template family (filled = mixed or hard,
 *        hollow = soft). Agreements of unknown year are left out and counted in
 *        the footer.
 * @param agreements @p count agreements (read only). @param count Their number.
 * @param path Output file. @param format ::TR_PLOT_SVG or ::TR_PLOT_PNG.
 * @return ::TR_OK, ::TR_ERR_INVALID_ARG, ::TR_ERR_EMPTY (no dated adoption), ::TR_ERR_IO,
 *         ::TR_ERR_NOMEM or ::TR_ERR_UNSUPPORTED.
 */
TR_EXTERN int tr_plot_timeline(const tr_agreement *const *agreements, size_t count,
                               const char *path, tr_plot_format format);

TR_END_DECLS

#endif /* TRADERULES_PLOT_H */
