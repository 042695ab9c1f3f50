/*
 * libtraderules - digital trade rules as comparable data
 * SPDX-License-Identifier: MIT
 */
/**
 * @file plot.h
 * @brief Charts as SVG, PNG or PDF files, drawn with cairo and Pango: a strength
 *        heatmap, a comparison of two groups of agreements or of two templates
 *        (the same cells as tr_comparison_new()), a similarity matrix ordered by
 *        hierarchical clustering, and an adoption timeline.
 *
 * Colours are the Okabe-Ito palette (distinguishable under the common colour-vision
 * deficiencies); "unknown" is never a colour of the palette but a light grey cell
 * with a "?" or a hatched swatch, labelled in the legend (docs/charts.md).
 *
 * Text: in PNG and PDF files text is set with Pango (when the library was built
 * with pangocairo), so any script falls back to an installed font that has it; in
 * PDF it stays text (selectable). cairo's SVG surface draws every glyph as an
 * outline, so SVG files get their text as SVG `<text>` elements written by the
 * library instead (selectable, searchable, editable; the viewer picks fonts, from
 * the family list "DejaVu Sans", then CJK and generic sans-serif fonts).
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
#include <traderules/compare.h>
#include <traderules/corpus.h>

TR_BEGIN_DECLS

/** @brief Output file format of a chart. */
typedef enum tr_plot_format {
  TR_PLOT_SVG = 1, /**< "svg": scalable vector graphics. */
  TR_PLOT_PNG = 2, /**< "png": raster image, 1.5 pixels per point (108 dpi) unless set otherwise. */
  TR_PLOT_PDF = 3  /**< "pdf": vector document, one page, text as text. */
} tr_plot_format;

/**
 * @brief Minimum number of categories two agreements (or an agreement and a
 *        template) must both code before a similarity between them is drawn or an
 *        agreement is classified: a distance is a mean over the shared categories,
 *        so over k categories its standard error can reach 0.5 / sqrt(k) (0.35 at
 *        k = 2, 0.16 at k = 10). Cells under it are drawn as "too few categories".
 */
#define TR_PLOT_MIN_OVERLAP 10

/**
 * @brief The agreements of a ToTA corpus that a text-similarity matrix chart
 *        shows (`traderules plot matrix --corpus PATH --party P --years A-B`).
 *
 * An agreement is selected when @p party is NULL or is one of its current
 * parties (`meta/parties`, compared without regard to ASCII case), and, when
 * @p year_from or @p year_to is nonzero, its signing year (the year of
 * `meta/date_signed`) is known and within them (0 leaves that end open; an
 * agreement without a signing date is then left out).
 * @param corpus The corpus (only read during the call).
 * @param party A party code, or NULL for any.
 * @param year_from,year_to Inclusive signing years; 0 for an open end.
 * @param[out] out Receives the agreement indexes in corpus order (free with
 *        tr_free(); non-NULL even when none is selected); NULL on error.
 * @param[out] count Receives the number of indexes (0 on error).
 * @return ::TR_OK or ::TR_ERR_INVALID_ARG (NULL @p corpus, @p out or @p count, an
 *         empty @p party, or @p year_from after @p year_to) or ::TR_ERR_NOMEM.
 */
TR_EXTERN int tr_plot_corpus_agreements(const tr_corpus *corpus, const char *party, int year_from, int year_to,
                                        size_t **out, size_t *count);

/**
 * @brief The axis label of agreement @p agreement of a ToTA corpus on a matrix chart:
 *        `pta_N name` (`?` for a missing ToTA id), cut to 40 characters (39 and "…")
 *        so the axis stays readable; what `traderules plot matrix --corpus` draws.
 * @param corpus The corpus. @param agreement The agreement's index in the corpus.
 * @param[out] out Receives the label (UTF-8); free with tr_free().
 * @return ::TR_OK or ::TR_ERR_INVALID_ARG (NULL @p corpus or @p out, @p agreement out of range).
 */
TR_EXTERN int tr_plot_corpus_label(const tr_corpus *corpus, size_t agreement, char **out);

/** @brief Opaque square labelled matrix read from CSV (tr_plot_matrix_input_read()). */
typedef struct tr_plot_matrix_input tr_plot_matrix_input;

/**
 * @brief Read a square labelled matrix from CSV, the layout of R's `write.csv()` and
 *        of `traderules plot matrix --input`: a header `,label1,label2,...`, then one row
 *        per item `labelI,v1,v2,...` (as many rows as labels).
 *
 * Fields follow RFC 4180 quoting within a line (`"a,b"`, `""` for a quote); blanks around
 * a field and one pair of quotes around it are removed; a value is a finite number,
 * `NA` or empty (no value: NaN); blank lines are skipped; a line ends at LF (a CR before
 * it is removed); the row labels are not checked against the header; an input without
 * any line gives a matrix of 0 items.
 * @param data The CSV text (need not be NUL-terminated; it ends at the first NUL byte).
 * @param length Its length in bytes, at most ::TR_INPUT_LIMIT.
 * @param name Name used in error messages (e.g. a file name); NULL gives "<matrix>".
 * @param[out] out Receives the matrix; free with tr_plot_matrix_input_free(). NULL on error.
 * @return ::TR_OK; ::TR_ERR_PARSE with the line and a message naming the field
 *         (`name:3: field 2: not a number: 'x'`, a quote that does not close, a row with
 *         the wrong number of fields, a header with no item, a matrix that is not square);
 *         ::TR_ERR_LIMIT, ::TR_ERR_NOMEM or ::TR_ERR_INVALID_ARG.
 */
TR_EXTERN int tr_plot_matrix_input_read(const char *data, size_t length, const char *name,
                                        tr_plot_matrix_input **out);
/**
 * @brief Like tr_plot_matrix_input_read() from a file, read through the library's reader
 *        (a regular file over ::TR_INPUT_LIMIT is refused before reading; docs/io.md).
 * @return As tr_plot_matrix_input_read(), or ::TR_ERR_IO naming the file.
 */
TR_EXTERN int tr_plot_matrix_input_read_file(const char *path, tr_plot_matrix_input **out);
/** @brief Free a matrix. NULL is ignored. */
TR_EXTERN void tr_plot_matrix_input_free(tr_plot_matrix_input *matrix);
/** @brief Number of items n (labels; the matrix is n x n); 0 for NULL. */
TR_EXTERN size_t tr_plot_matrix_input_size(const tr_plot_matrix_input *matrix);
/** @brief Label @p index (borrowed); NULL if out of range. */
TR_EXTERN const char *tr_plot_matrix_input_label_at(const tr_plot_matrix_input *matrix, size_t index);
/** @brief The n labels as a NULL-terminated array (borrowed), as tr_plot_matrix_with() takes them. */
TR_EXTERN const char *const *tr_plot_matrix_input_labels(const tr_plot_matrix_input *matrix);
/** @brief The n x n values, row-major (borrowed); NaN where there is no value. */
TR_EXTERN const double *tr_plot_matrix_input_values(const tr_plot_matrix_input *matrix);

/** @brief Opaque chart options (size, resolution, title, minimum overlap); NULL means defaults. */
typedef struct tr_plot_options tr_plot_options;

/** @brief New options with the defaults (natural size, 108 dpi for PNG). Free with tr_plot_options_free(). */
TR_EXTERN int tr_plot_options_new(tr_plot_options **out);
/** @brief Free options. NULL is ignored. */
TR_EXTERN void tr_plot_options_free(tr_plot_options *options);
/**
 * @brief Size of the page in points (1/72 inch); 0 keeps the chart's natural size on
 *        that axis. With one of the two set the chart is scaled to it and the other
 *        follows the aspect ratio; with both the page is exactly that size and the
 *        chart is scaled to fit, centred.
 * @return ::TR_OK, or ::TR_ERR_INVALID_ARG for NULL or a size outside 0 or 36..14400 (0.5 to 200 inches).
 */
TR_EXTERN int tr_plot_options_set_size(tr_plot_options *options, double width_pt, double height_pt);
/**
 * @brief Resolution of PNG files in dots per inch (also written into the file's pHYs chunk);
 *        ignored by SVG and PDF.
 * @return ::TR_OK, or ::TR_ERR_INVALID_ARG for NULL or a value outside 36..2400.
 */
TR_EXTERN int tr_plot_options_set_dpi(tr_plot_options *options, double dpi);
/** @brief Chart title (UTF-8, copied); NULL restores the chart's own title. @return ::TR_OK or ::TR_ERR_INVALID_ARG. */
TR_EXTERN int tr_plot_options_set_title(tr_plot_options *options, const char *title);
/**
 * @brief After a chart was drawn with these options: how many characters of its text
 *        no installed font could draw (they appear as boxes in PNG and PDF). Always 0
 *        for SVG text drawn without Pango.
 */
TR_EXTERN size_t tr_plot_options_missing_glyphs(const tr_plot_options *options);

/**
 * @brief Nonzero if this build can draw charts: it was built with cairo and its chart
 *        module (traderules-plot.so, opened on first use) loads. When it returns 0,
 *        tr_error_message() says why (::TR_ERR_UNSUPPORTED).
 */
TR_EXTERN int tr_plot_available(void);

/**
 * @brief Guess the format from a file name ending in ".svg", ".png" or ".pdf" (case-insensitive).
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

/**
 * @name Charts with options
 * The functions above with a ::tr_plot_options (NULL = defaults): page size, PNG
 * resolution, title. @p options is read, and receives the missing-glyph count
 * (tr_plot_options_missing_glyphs()). Same return values as above.
 */
/**@{*/
/** @brief tr_plot_heatmap() with options. */
TR_EXTERN int tr_plot_heatmap_with(const tr_agreement *const *agreements, size_t count,
                                   const char *path, tr_plot_format format,
                                   tr_plot_options *options);
/**
 * @brief tr_plot_timeline() with options; each marker is labelled with its agreement's
 *        id where the label fits without overlapping another label or marker (a label
 *        that does not fit is left out and counted in the footer).
 */
TR_EXTERN int tr_plot_timeline_with(const tr_agreement *const *agreements, size_t count,
                                    const char *path, tr_plot_format format,
                                    tr_plot_options *options);
/**
 * @brief tr_plot_matrix() with options and a minimum overlap: the diagonal is masked
 *        (hatched, left out of the colour scale), and a cell whose @p overlap is below
 *        @p min_overlap is drawn as "too few categories" instead of its value.
 * @param labels,n,similarity,title,path,format As tr_plot_matrix().
 * @param overlap NULL, or row-major @p n × @p n counts (e.g. tr_matrix_comparable()).
 * @param min_overlap Cells with a smaller overlap are masked (e.g. ::TR_PLOT_MIN_OVERLAP); 0 = none.
 * @param options NULL or options (read; receive the missing-glyph count).
 */
TR_EXTERN int tr_plot_matrix_with(const char *const *labels, size_t n, const double *similarity,
                                  const size_t *overlap, size_t min_overlap, const char *title,
                                  const char *path, tr_plot_format format,
                                  tr_plot_options *options);
/**
 * @brief A comparison of two templates (or agreements) exactly as tr_comparison_new()
 *        computes it: one row per category of the comparison, in its order, with each
 *        side's strength (none, soft, mixed, hard, or unknown drawn apart from the scale)
 *        and the relation; the title names both templates and their members, the footer
 *        how each was chosen (tr_template_get_selection()).
 * @param comparison The comparison (read only).
 * @param path Output file. @param format ::TR_PLOT_SVG, ::TR_PLOT_PNG or ::TR_PLOT_PDF.
 * @param options NULL or options (read; receive the missing-glyph count).
 * @return ::TR_OK, ::TR_ERR_INVALID_ARG, ::TR_ERR_IO, ::TR_ERR_NOMEM or ::TR_ERR_UNSUPPORTED.
 */
TR_EXTERN int tr_plot_comparison(const tr_comparison *comparison, const char *path,
                                 tr_plot_format format, tr_plot_options *options);
/**@}*/

TR_END_DECLS

#endif /* TRADERULES_PLOT_H */
