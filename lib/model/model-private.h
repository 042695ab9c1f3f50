/*
 * libtraderules - data model internals shared by the lib/model sources (not installed).
 * SPDX-License-Identifier: MIT
 */
#ifndef TR_MODEL_PRIVATE_H
#define TR_MODEL_PRIVATE_H

#include "core/tr-internal.h"

G_BEGIN_DECLS

/* Mask of every exception bit this version knows. */
#define TR_EXCEPTION_ALL ((1u << 15) - 1u)
/* Mask of every provision flag this version knows. */
#define TR_PROVISION_FLAG_ALL ((1u << 3) - 1u)

struct tr_provision {
  tr_category category;
  tr_strength strength;
  tr_dispute_settlement ds;
  unsigned int exceptions;
  unsigned int flags;
  char *citation;
  char *title;
  char *summary;
  char *source;
  char *note;
  /* evidence (all optional; evidence.c) */
  tr_basis basis;
  tr_review review;
  gboolean has_draft;
  tr_strength draft;
  GPtrArray *evidence;               /* of tr_cell_evidence*, NULL when empty */
  tr_exception_scope *scope;         /* NULL when none */
};

struct tr_cell_evidence {
  int tota_id;       /* 0 for evidence from a document outside ToTA */
  int article_id;
  char *document;    /* the official text outside ToTA (NULL for ToTA evidence) */
  char *url;         /* where the copy was read, http(s) (NULL if not recorded) */
  char *article;
  char *paragraph;
  char *span;
};

struct tr_exception_scope {
  tr_scope_breadth breadth;
  tr_scope_form form;
  gboolean self_judging;
  GPtrArray *incorporates; /* of char* */
  GPtrArray *chapters;     /* of char* */
};

/* Free the evidence members of a provision (evidence.c). */
void tri_provision_clear_evidence_fields(tr_provision *p);

struct tr_agreement {
  char *id;
  char *name;
  tr_kind kind;
  tr_agreement_status status;
  tr_family family;
  char *date_signed;
  char *date_in_force;
  GPtrArray *parties;    /* of char*, insertion order */
  GPtrArray *sources;    /* of char* */
  char *based_on;
  int tota_id;
  int wto_rta_id;
  char *note;
  GPtrArray *provisions; /* of tr_provision*, sorted by category */
};

struct tr_barrier {
  char *id;
  tr_barrier_type type;
  char *name;
  char *description;
  char *source;
  GArray *categories;    /* of tr_category */
};

struct tr_indicator {
  char *economy;
  char *indicator;
  int year;
  double value;
  char *unit;
  char *source;
  char *text;
};

struct tr_catalog {
  GPtrArray *agreements;      /* owned, insertion order */
  GHashTable *agreement_by_id; /* borrowed keys/values */
  GPtrArray *barriers;
  GHashTable *barrier_by_id;
  GPtrArray *indicators;
};

/* Validation helpers; each returns TR_OK or records an error and returns its code. */
int tri_model_check_id(const char *what, const char *id);
int tri_model_check_text(const char *what, const char *text, gboolean allow_null);
int tri_model_check_date(const char *date);
int tri_model_check_party(const char *party);

/* Insert without checks (the caller has validated everything); the catalog takes ownership. */
void tri_catalog_insert_agreement(tr_catalog *catalog, tr_agreement *agreement);
void tri_catalog_insert_barrier(tr_catalog *catalog, tr_barrier *barrier);
void tri_catalog_insert_indicator(tr_catalog *catalog, tr_indicator *indicator);

/* The JSON limits (docs/catalog-format.md) are the reader's: lib/core/json.h. */

G_END_DECLS

#endif /* TR_MODEL_PRIVATE_H */
