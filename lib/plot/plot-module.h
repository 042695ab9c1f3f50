/*
 * libtraderules - the interface between the library and its chart module
 * (traderules-plot.so, loaded on the first chart; see plot.c). Internal.
 * SPDX-License-Identifier: MIT
 *
 * The module does not link libtraderules (it may be loaded next to a copy of
 * the library that was opened privately, e.g. by ctypes, or linked statically
 * into a test): every function of the library it calls comes through the
 * trp_host table below, and it exports one symbol, trp_module_entry().
 */
#ifndef TR_PLOT_MODULE_H
#define TR_PLOT_MODULE_H

#include <glib.h>
#include <stddef.h>
#include <traderules/traderules.h>

/* Raised whenever trp_host or trp_module changes; a module of another version is refused. */
#define TRP_MODULE_VERSION 1u
#define TRP_MODULE_ENTRY "trp_module_entry"
#define TRP_MODULE_NAME "traderules-plot.so"
/* Under the library's directory (installed: libdir/traderules-0/; build tree: build/lib/traderules-0/). */
#define TRP_MODULE_SUBDIR "traderules-0"

/* The library's public functions the module calls, each passed as a pointer of its own type. */
#define TRP_HOST_PUBLIC(X)                                                                 \
  X(tr_agreement_find_provision) X(tr_agreement_get_family) X(tr_agreement_get_id)         \
  X(tr_agreement_get_year) X(tr_category_count) X(tr_category_title)                       \
  X(tr_comparison_category_at) X(tr_comparison_comparable_count) X(tr_comparison_count)    \
  X(tr_comparison_distance) X(tr_comparison_get_first) X(tr_comparison_get_second)         \
  X(tr_comparison_relation_at) X(tr_plot_cluster_order) X(tr_provision_get_strength)       \
  X(tr_relation_count) X(tr_relation_id) X(tr_strength_id) X(tr_template_get_name)         \
  X(tr_template_get_rule) X(tr_template_get_selection) X(tr_template_get_strength)         \
  X(tr_template_member_at) X(tr_template_member_count) X(tr_template_rule_id)

#define TRP_HOST_FIELD(name) __typeof__(&name) name;

typedef struct {
  unsigned version; /* TRP_MODULE_VERSION */
  size_t size;      /* sizeof(trp_host) */
  /* internal functions (lib/core, lib/plot) */
  int (*set_error)(int code, const char *file, long line, long column, const char *field,
                   const char *fmt, ...) G_GNUC_PRINTF(6, 7);
  int (*io_write_file)(const char *path, const void *data, size_t length);
  unsigned int (*strength_colour)(tr_strength s);
  unsigned int (*family_colour)(tr_family f);
  TRP_HOST_PUBLIC(TRP_HOST_FIELD)
} trp_host;

/* The charts, as the public functions of the same names (arguments already checked
 * by the library; the module checks them again). */
typedef struct {
  unsigned version; /* TRP_MODULE_VERSION */
  size_t size;      /* sizeof(trp_module) */
  int (*heatmap)(const tr_agreement *const *agreements, size_t count, const char *path,
                 tr_plot_format format, tr_plot_options *options);
  int (*compare)(const tr_agreement *const *group_a, size_t count_a, const char *label_a,
                 const tr_agreement *const *group_b, size_t count_b, const char *label_b,
                 const char *path, tr_plot_format format);
  int (*comparison)(const tr_comparison *comparison, const char *path, tr_plot_format format,
                    tr_plot_options *options);
  int (*matrix)(const char *const *labels, size_t n, const double *sim, const size_t *overlap,
                size_t min_overlap, const char *title, const char *path, tr_plot_format format,
                tr_plot_options *options);
  int (*timeline)(const tr_agreement *const *agreements, size_t count, const char *path,
                  tr_plot_format format, tr_plot_options *options);
} trp_module;

/* The module's one exported function: its table, or NULL if the host's version or size
 * is not the module's. */
typedef const trp_module *(*trp_module_entry_fn)(const trp_host *host);

#endif
