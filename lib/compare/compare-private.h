/*
 * libtraderules - comparison internals (not installed).
 * SPDX-License-Identifier: MIT
 */
#ifndef TR_COMPARE_PRIVATE_H
#define TR_COMPARE_PRIVATE_H

#include "core/tr-internal.h"
#include <traderules/compare.h>

G_BEGIN_DECLS

/* The scope of a position's carve-outs: what its supporters' exception scopes say
 * (union over the supporters that record one). */
typedef struct {
  guint nscoped;        /* supporters that record an exception scope */
  unsigned int breadth; /* bit 1 << tr_scope_breadth */
  unsigned int form;    /* bit 1 << tr_scope_form */
  guint self_judging;   /* scoped supporters that are self-judging */
  char **incorporates;  /* sorted, unique, NULL-terminated (owned) */
  char **chapters;      /* sorted, unique, NULL-terminated (owned) */
} trc_scope;

/* One category of a template: the derived position and who supports it. */
typedef struct {
  tr_strength strength;     /* effective strength of the position */
  unsigned int exceptions;  /* flags held by >= half the supporters */
  unsigned int flags;       /* union of the supporters' provision flags */
  guint coded;              /* members with a known effective strength */
  guint nsupport;           /* members whose effective strength == strength */
  char **support_ids;       /* nsupport agreement ids (owned) */
  char **support_cites;     /* nsupport citations (owned; entries may be NULL) */
  trc_scope scope;          /* scope of the supporters' carve-outs */
} trc_position;

struct tr_template {
  gatomicrefcount ref;
  char *name;
  char *selection;  /* how the members were chosen (tr_template_get_selection) */
  tr_template_kind kind;
  tr_template_rule rule;
  guint nmembers;
  char **members;   /* owned ids */
  int *member_years;
  int ncat;         /* tr_category_count() when built */
  trc_position *pos; /* ncat entries, index = category - 1 */
};

/* Take or drop a reference to a template (free drops one). */
tr_template *trc_template_ref(const tr_template *tmpl);

/* The effective strength of a provision: suspended counts as none. */
tr_strength trc_effective_strength(const tr_provision *p);

/* Position of a template in a category, NULL if the category is invalid for it. */
const trc_position *trc_template_position(const tr_template *tmpl, tr_category category);

/* Level of a known strength: none 0, soft 1, mixed 2, hard 3; -1 for unknown. */
static inline int trc_level(tr_strength s) {
  return (s >= TR_STRENGTH_NONE && s <= TR_STRENGTH_HARD) ? (int)s - 1 : -1;
}

/* Relation of two positions. */
tr_relation trc_relation(tr_strength a, unsigned int ea, tr_strength b, unsigned int eb);

/* Distance numerator of one category in sixths: 2|La-Lb| + carve-out term (0 or 1);
 * -1 if not comparable. */
int trc_distance_sixths(tr_strength a, unsigned int ea, tr_strength b, unsigned int eb);

/* Distance between two templates over all categories; sets *comparable. NaN if 0. */
double trc_template_distance(const tr_template *a, const tr_template *b, guint *comparable);

/* Select agreements (catalog + filter) into a GPtrArray of borrowed pointers;
 * TR_ERR_EMPTY when nothing matches. */
int trc_select(const tr_catalog *catalog, const tr_filter *filter, GPtrArray **out);
/* The same for the agreement set of analysis options (filter and/or ids; NULL: all),
 * in catalog order; TR_ERR_NOT_FOUND for a listed id not in the catalog. */
int trc_select_options(const tr_catalog *catalog, const tr_analysis_options *options, GPtrArray **out);

/* Build / free the scope of a position from its supporting provisions. */
void trc_scope_build(trc_scope *s, const tr_provision *const *supporters, guint n);
void trc_scope_clear(trc_scope *s);

/* How the carve-outs of two positions in @category differ (::tr_carveout_aspect bits);
 * 0 unless both hold a provision (soft or stronger). */
unsigned int trc_carveout_aspects(const trc_position *a, const trc_position *b, int category);

/* Append "breadth, form (incorporates), self-judging; chapters: ..." for a position. */
void trc_scope_describe(const trc_position *p, GString *s);

/* Append the description of @aspects among @parties in @category (each party holding a provision). */
void trc_carveouts_describe(const tr_template *const *parties, guint n, int category, unsigned int aspects,
                            GString *s);

/* Largest number of categories the packed matrix encoding holds. */
#define TRC_MAX_PACKED_CATEGORIES 42

G_END_DECLS

#endif /* TR_COMPARE_PRIVATE_H */
