/*
 * libtraderules - panel internals (not installed)
 * SPDX-License-Identifier: MIT
 */
#ifndef TR_PANEL_PRIVATE_H
#define TR_PANEL_PRIVATE_H

#include <errno.h>
#include <glib.h>
#include <traderules/traderules.h>
#include <traderules/panel.h>

#include "core/tr-internal.h"

G_BEGIN_DECLS

/* A date of year, month or day precision (month/day 0 when absent). */
typedef struct {
  int year, month, day;
} trp_date;

int trp_date_parse(const char *s, trp_date *out);
long trp_date_first(const trp_date *d); /* YYYYMMDD of the first possible day */
long trp_date_last(const trp_date *d);  /* YYYYMMDD of the last possible day */

typedef struct {
  char *state;
  trp_date from, to;
  gboolean from_known, to_known;
  char *source;
} trp_member;

typedef struct {
  char *id;
  char *name;
  GArray *members; /* trp_member */
} trp_bloc;

typedef struct {
  char *agreement;
  char *party; /* "*", a state or a bloc id */
  trp_date from, to;
  gboolean from_known, to_known;
  gboolean provisional;
  char *source;
} trp_record;

struct tr_membership {
  GPtrArray *blocs;   /* trp_bloc* */
  GPtrArray *records; /* trp_record* */
};

struct tr_panel_options {
  int first, last;
  tr_panel_measure measure;
  int directed;
  GArray *categories;   /* tr_category; empty = all */
  GPtrArray *economies; /* sorted, unique; NULL = pairs with agreements */
};

/* The categories of a run with these options (NULL = defaults), in column order. */
GArray *trp_panel_categories(const tr_panel_options *o);

const trp_bloc *trp_membership_find_bloc(const tr_membership *m, const char *id);
const trp_record *trp_membership_find_record(const tr_membership *m, const char *agreement,
                                             const char *party);
gint trp_compare_strings(gconstpointer a, gconstpointer b);

G_END_DECLS

#endif
