/**
 * @file audit.h
 * @brief Audit of a catalog's evidence: how each cell was obtained, citations,
 *        evidence spans checked against the treaty texts, and inconsistencies
 *        between near-identical articles (docs/data-coding.md, "Audit").
 *
 * tr_audit_run() reads a catalog and, optionally, a ::tr_corpus of ToTA texts,
 * and produces per-agreement counts (::tr_audit_measure) plus a list of
 * findings. The audit only reads; it never changes the catalog or the corpus.
 * SPDX-License-Identifier: MIT
 */
#ifndef TRADERULES_AUDIT_H
#define TRADERULES_AUDIT_H

#include <stddef.h>
#include <traderules/common.h>
#include <traderules/model.h>
#include <traderules/catalog.h>
#include <traderules/corpus.h>

TR_BEGIN_DECLS

/** @brief What the audit counts, per agreement and overall. */
typedef enum tr_audit_measure {
  TR_AUDIT_CELLS = 0,            /**< "cells": coded provisions. */
  TR_AUDIT_NOT_CODED,            /**< "not_coded": categories without a provision. */
  TR_AUDIT_BASIS_TEXT,           /**< "text": cells with basis text. */
  TR_AUDIT_BASIS_CODER_CONFIRMED,/**< "coder_confirmed". */
  TR_AUDIT_BASIS_OFFICIAL,       /**< "official". */
  TR_AUDIT_BASIS_SECONDARY,      /**< "secondary". */
  TR_AUDIT_BASIS_UNKNOWN,        /**< "unknown" (basis unknown). */
  TR_AUDIT_BASIS_LEGACY,         /**< "legacy": no basis recorded (data older than the evidence fields). */
  TR_AUDIT_UNCITED,              /**< "uncited": a hard, soft or mixed cell with neither citation nor evidence. */
  TR_AUDIT_OUTSIDE,              /**< "outside": cells whose source, citation, title, summary or note cite a file outside the repository. */
  TR_AUDIT_SPANS,                /**< "spans": evidence records from ToTA texts (records from a document outside ToTA are "document_spans"). */
  TR_AUDIT_SPANS_NOT_FOUND,      /**< "spans_not_found": spans that do not occur in their ToTA article (whitespace collapsed). */
  TR_AUDIT_SPANS_UNCHECKED,      /**< "spans_unchecked": spans whose ToTA text or article is not in the corpus (all of them without a corpus). */
  TR_AUDIT_INCONSISTENT,         /**< "inconsistent": inconsistency findings involving the agreement (overall: their number). */
  TR_AUDIT_MEASURE_COUNT,        /**< Number of the first measures above (not a measure; its value never changes). Measures added later follow it, from TR_AUDIT_MEASURE_COUNT + 1. */
  TR_AUDIT_DOCUMENT_SPANS = TR_AUDIT_MEASURE_COUNT + 1, /**< "document_spans": evidence records from an official document outside ToTA (tr_cell_evidence_new_document()); their form is checked when loaded, their words cannot be checked against the corpus. */
  TR_AUDIT_DOCUMENT_SPANS_NO_URL, /**< "document_spans_no_url": document_spans that do not name the URL of the copy read. */
  TR_AUDIT_OFFICIAL_NO_WORDS     /**< "official_no_words": cells with basis official and strength hard, soft or mixed that have no evidence (no deciding words). */         /**< Number of measures (not a measure). */
} tr_audit_measure;

/** @brief String id of a measure (as in the enum's documentation); NULL if invalid. */
TR_EXTERN const char *tr_audit_measure_id(tr_audit_measure measure);

/** @brief Kinds of findings. */
typedef enum tr_audit_finding_kind {
  TR_AUDIT_FINDING_OUTSIDE = 0,       /**< "outside": a cell cites a file outside the repository. */
  TR_AUDIT_FINDING_METADATA_OUTSIDE,  /**< "metadata_outside": an agreement's sources cite such a file. */
  TR_AUDIT_FINDING_UNCITED,           /**< "uncited": a hard, soft or mixed cell without citation or evidence. */
  TR_AUDIT_FINDING_SPAN_NOT_FOUND,    /**< "span_not_found": the span is not in its article. */
  TR_AUDIT_FINDING_SPAN_UNCHECKED,    /**< "span_unchecked": the ToTA text or article is not in the corpus. */
  TR_AUDIT_FINDING_INCONSISTENT,      /**< "inconsistent": near-identical articles, different strengths, no reason recorded. */
  TR_AUDIT_FINDING_OFFICIAL_NO_WORDS, /**< "official_no_words": an official hard, soft or mixed cell without evidence. */
  TR_AUDIT_FINDING_DOCUMENT_SPAN_NO_URL /**< "document_span_no_url": evidence from a document outside ToTA without the URL of the copy read. */
} tr_audit_finding_kind;

/** @brief String id of a finding kind; NULL if invalid. */
TR_EXTERN const char *tr_audit_finding_kind_id(tr_audit_finding_kind kind);

/** @brief Opaque audit result. */
typedef struct tr_audit tr_audit;

/** @brief Jaccard threshold (word 5-grams) above which two articles count as near-identical. */
#define TR_AUDIT_NEAR_IDENTICAL 0.8

/**
 * @brief Audit a catalog.
 *
 * Without a corpus, spans are counted but not checked and no inconsistency is
 * looked for. With a corpus (the ToTA texts of the catalog's agreements, as
 * loaded by tr_corpus_load()), each evidence span from a ToTA text is looked up in the article
 * its record names (ToTA id + article_identifier), with runs of whitespace
 * collapsed on both sides; and every pair of articles from two different
 * catalog agreements with Jaccard >= ::TR_AUDIT_NEAR_IDENTICAL on word
 * 5-grams (::TR_SHINGLE_WORD), one of which is the evidence of a cell, is
 * checked: when the two agreements code that category with different
 * strengths (a missing cell counts as not coded) and neither cell's note
 * names the other agreement (its id, `pta_N`, or `Art. X` with the number of
 * the other's article), it is an inconsistency.
 *
 * Evidence from a document outside ToTA (tr_cell_evidence_get_document() not
 * NULL) is counted apart (::TR_AUDIT_DOCUMENT_SPANS): its words cannot be
 * checked against the corpus, only its presence and form (the loader enforces
 * the form; the audit reports a record without a URL). Official cells (basis
 * official) with strength hard, soft or mixed but no evidence are reported as
 * ::TR_AUDIT_OFFICIAL_NO_WORDS.
 *
 * @param catalog The catalog (borrowed).
 * @param corpus ToTA texts, or NULL (borrowed; an index is built and freed inside).
 * @param[out] out The result; free with tr_audit_free().
 * @return ::TR_OK, ::TR_ERR_INVALID_ARG or ::TR_ERR_NOMEM.
 */
TR_EXTERN int tr_audit_run(const tr_catalog *catalog, const tr_corpus *corpus, tr_audit **out);
/** @brief Free an audit. NULL is ignored. */
TR_EXTERN void tr_audit_free(tr_audit *audit);

/** @brief 1 if the audit checked spans against a corpus, 0 otherwise. */
TR_EXTERN int tr_audit_has_corpus(const tr_audit *audit);
/** @brief Number of agreements audited (the catalog's, in catalog order). */
TR_EXTERN size_t tr_audit_agreement_count(const tr_audit *audit);
/** @brief Id of audited agreement @p row, borrowed; NULL when out of range. */
TR_EXTERN const char *tr_audit_agreement_id(const tr_audit *audit, size_t row);
/**
 * @brief A count.
 * @param audit The audit.
 * @param row An agreement row, or ::TR_AUDIT_OVERALL for the whole catalog.
 * @param measure What to count.
 * @return The count; 0 when out of range.
 */
TR_EXTERN size_t tr_audit_count(const tr_audit *audit, size_t row, tr_audit_measure measure);
/** @brief The row index of the whole catalog in tr_audit_count(). */
#define TR_AUDIT_OVERALL ((size_t)-1)

/** @brief Number of findings (in catalog order, inconsistencies last). */
TR_EXTERN size_t tr_audit_finding_count(const tr_audit *audit);
/** @brief Kind of finding @p i (::TR_AUDIT_FINDING_OUTSIDE if out of range). */
TR_EXTERN tr_audit_finding_kind tr_audit_finding_get_kind(const tr_audit *audit, size_t i);
/** @brief Agreement of finding @p i, borrowed; NULL if out of range. */
TR_EXTERN const char *tr_audit_finding_get_agreement(const tr_audit *audit, size_t i);
/** @brief Category of finding @p i; ::TR_CATEGORY_UNKNOWN for agreement-level findings. */
TR_EXTERN tr_category tr_audit_finding_get_category(const tr_audit *audit, size_t i);
/** @brief The other agreement of an inconsistency, borrowed; NULL otherwise. */
TR_EXTERN const char *tr_audit_finding_get_other(const tr_audit *audit, size_t i);
/** @brief Jaccard of the two articles of an inconsistency; 0 otherwise. */
TR_EXTERN double tr_audit_finding_get_similarity(const tr_audit *audit, size_t i);
/** @brief Human-readable detail of finding @p i (articles, strengths, the span), borrowed; NULL if out of range. */
TR_EXTERN const char *tr_audit_finding_get_detail(const tr_audit *audit, size_t i);

TR_END_DECLS

#endif /* TRADERULES_AUDIT_H */
