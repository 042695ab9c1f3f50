/*
 * libtraderules - coder internals shared by rules.c, coding.c and agreement-coding.c.
 * SPDX-License-Identifier: MIT
 */
#ifndef TR_CODER_PRIVATE_H
#define TR_CODER_PRIVATE_H

#include <glib.h>
#include <traderules/traderules.h>
#include <traderules/coder.h>

#include "coder/automaton.h"

G_BEGIN_DECLS

/* Effect of a strength cue (rules file: "effect"). */
typedef enum {
  TR_CUE_HARD = 1,    /* binding: "shall", "No Party shall", "agree not to" */
  TR_CUE_SOFT = 2,    /* hortatory: "shall endeavour", "should", "cooperate" */
  TR_CUE_WEAK = 3,    /* recital or permission: "recognise", "may"; soft only when nothing else */
  TR_CUE_NEUTRAL = 4, /* consumes shorter cues, no strength: "shall mean", "shall not be required" */
  TR_CUE_SCOPE = 5,   /* limiting clause: "Nothing in this Article shall prevent", "shall not apply" */
  TR_CUE_MODAL = 6,   /* bare binding modal ("shall", "commit to"): binding unless the next verb
                       * cue of its clause, within modal_window words, is soft ("shall ...
                       * cooperate"), which then governs */
  TR_CUE_DISCRETION = 7 /* discretion that hollows out a duty ("to the extent possible",
                         * "as it considers appropriate"): binding cues of its clause are soft */
} tr_cue_effect;

/* How a compiled pattern is used (one pattern may have several uses). */
typedef enum {
  TR_USE_CUE = 1,
  TR_USE_EXCEPTION,
  TR_USE_CAT_TITLE,
  TR_USE_CAT_CHAPTER,
  TR_USE_CAT_TEXT,
  TR_USE_CAT_CONTEXT,
  TR_USE_CAT_EXCLUDE,
  TR_USE_DEFINITIONS
} tr_use_role;

typedef struct {
  guint8 role;  /* tr_use_role */
  guint8 whole; /* pattern written "=...": must be the whole field (titles) */
  guint16 rule; /* index into cues / exceptions / categories */
} tr_pattern_use;

typedef struct {
  char *id;
  tr_cue_effect effect;
} tr_cue_rule;

typedef struct {
  char *id;
  unsigned int flag;
  gboolean limiting_only; /* counts only inside a limiting sentence */
} tr_exception_rule;

typedef struct {
  char *id;             /* category id string */
  tr_category category;
  gboolean exception_category; /* limiting clauses count as binding for it */
  gboolean has_context;
} tr_category_rule;

struct tr_coder {
  char *name;
  tr_ac *ac;
  GArray *use_start;  /* guint32 per pattern: first index in uses */
  GArray *use_count;  /* guint32 per pattern */
  GArray *uses;       /* tr_pattern_use */
  tr_cue_rule *cues;
  guint ncues;
  tr_exception_rule *exceptions;
  guint nexceptions;
  tr_category_rule *categories;
  guint ncategories;
  tr_strength uncued_strength;
  guint modal_window; /* words between a modal and the soft verb it is consumed by */
};

struct tr_evidence {
  tr_evidence_kind kind;
  tr_text_field field;
  size_t offset, length;
  size_t paragraph;
  char *text;
  const char *rule; /* borrowed from the coding's rule-id copies */
  tr_strength strength;
  unsigned int exception;
  size_t sent_off, sent_len; /* the sentence (clause) holding the span; 0+0 for titles */
  char *sentence;            /* its text, or NULL */
};

struct tr_assignment {
  tr_category category;
  tr_strength strength;
  size_t hard_n, soft_n, weak_n;
  unsigned int exceptions;
  GPtrArray *evidence; /* tr_evidence*, owned */
};

typedef struct {
  size_t start, end; /* byte span in the text */
  gboolean footnote;
  tr_strength strength;
  gboolean hard, soft, weak, scope;
} tr_paragraph;
/* Note: hard/soft/weak are set from the cues' effective strength (after modal
 * consumption and discretion); a paragraph can be both hard and soft. */

typedef struct {
  char *article;        /* normalised article number, e.g. "14.11" */
  unsigned int exceptions;
} tr_xref;

struct tr_coding {
  char *input[3];       /* indexed by tr_text_field */
  char *number;         /* normalised article number or NULL */
  char *number_raw;
  GArray *paragraphs;   /* tr_paragraph */
  GPtrArray *assignments; /* tr_assignment*, category order */
  unsigned int exceptions;
  GArray *xrefs;        /* tr_xref */
  GStringChunk *strings; /* rule ids copied for evidence */
};

/* Normalise an article number ("ARTICLE 14.11", "Art. 7.48", "Article 3bis") to
 * "14.11" / "7.48" / "3bis"; returns a new string or NULL if empty. */
char *tri_coder_normalise_number(const char *number);

/* Normalise a rules pattern into automaton form. Returns NULL and sets *why (a
 * new string, g_free() it) on error, e.g. a letter outside ASCII. */
char *tri_coder_normalise_pattern(const char *pattern, char **why);

void tri_assignment_free_internal(tr_assignment *a);

G_END_DECLS

#endif /* TR_CODER_PRIVATE_H */
