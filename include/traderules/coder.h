/*
 * libtraderules - digital trade rules as comparable data
 * SPDX-License-Identifier: MIT
 */
/**
 * @file coder.h
 * @brief Automatic coding of treaty text: provision categories, legal
 *        strength and exceptions, each with the text span that triggered it.
 *
 * A ::tr_coder holds a compiled rules set (see docs/coder-rules.md). The
 * default rules are embedded in the library; tr_coder_new_from_file() loads a
 * user's rules file instead. Coding one article (its title, its chapter's
 * title and its text) gives a ::tr_coding: a list of ::tr_assignment (one per
 * category found), each with a strength, an exception bit set and a list of
 * ::tr_evidence (byte spans of the input that triggered the assignment).
 *
 * A ::tr_agreement_coding codes the articles of one agreement in turn and
 * turns them into a ::tr_agreement record (one provision per category, with a
 * citation and an "auto-coded from ..." source), so the catalog and the
 * comparison functions work on any ingested text.
 *
 * Ownership: objects returned through `**out` belong to the caller and are
 * freed with their `*_free()` function. Getters return borrowed pointers that
 * live as long as the object they come from.
 *
 * Thread safety: a ::tr_coder is immutable after creation; several threads
 * may code texts with the same coder at the same time. A ::tr_coding or
 * ::tr_agreement_coding must not be modified by two threads at once.
 */
#ifndef TRADERULES_CODER_H
#define TRADERULES_CODER_H

#include <traderules/catalog.h>
#include <traderules/common.h>
#include <traderules/corpus.h>
#include <traderules/model.h>

TR_BEGIN_DECLS

/** @brief Opaque compiled rules set. */
typedef struct tr_coder tr_coder;
/** @brief Opaque result of coding one article. */
typedef struct tr_coding tr_coding;
/** @brief Opaque assignment of one category inside a ::tr_coding. */
typedef struct tr_assignment tr_assignment;
/** @brief Opaque piece of evidence: a span of the input and the rule it matched. */
typedef struct tr_evidence tr_evidence;
/** @brief Opaque accumulator that codes the articles of one agreement. */
typedef struct tr_agreement_coding tr_agreement_coding;

/** @brief Which input a span of evidence points into. */
typedef enum tr_text_field {
  TR_TEXT_FIELD_TEXT = 0,          /**< "text": the article text. */
  TR_TEXT_FIELD_ARTICLE_TITLE = 1, /**< "title": the article title. */
  TR_TEXT_FIELD_CHAPTER_TITLE = 2  /**< "chapter": the chapter title. */
} tr_text_field;

/** @brief What a piece of evidence supports. */
typedef enum tr_evidence_kind {
  TR_EVIDENCE_CATEGORY = 1,  /**< "category": a trigger of the category. */
  TR_EVIDENCE_STRENGTH = 2,  /**< "strength": a strength cue ("shall", "shall endeavour", ...). */
  TR_EVIDENCE_EXCEPTION = 3, /**< "exception": an exception cue ("legitimate public policy objective", ...). */
  TR_EVIDENCE_SCOPE = 4      /**< "scope": a limiting clause ("Nothing in this Article shall prevent", "shall not apply"). */
} tr_evidence_kind;

/** @brief String id of a text field ("text", "title", "chapter"); NULL if invalid. */
TR_EXTERN const char *tr_text_field_id(tr_text_field field);
/** @brief String id of an evidence kind ("category", "strength", "exception", "scope"); NULL if invalid. */
TR_EXTERN const char *tr_evidence_kind_id(tr_evidence_kind kind);

/* ------------------------------------------------------------------------ */
/** @name Coder (compiled rules) */
/**@{*/

/**
 * @brief Create a coder with the rules embedded in the library.
 * @param[out] out Receives the coder; free with tr_coder_free().
 * @return ::TR_OK, ::TR_ERR_INVALID_ARG, ::TR_ERR_NOMEM or ::TR_ERR_INTERNAL.
 */
TR_EXTERN int tr_coder_new(tr_coder **out);

/**
 * @brief Create a coder from a rules file (format: docs/coder-rules.md).
 * @param path The JSON rules file.
 * @param[out] out Receives the coder; free with tr_coder_free(). Untouched on error.
 * @return ::TR_OK, ::TR_ERR_INVALID_ARG, ::TR_ERR_IO, ::TR_ERR_PARSE (with line and
 *         column), ::TR_ERR_ENCODING, ::TR_ERR_SCHEMA or ::TR_ERR_DUPLICATE (with the
 *         field path, e.g. `categories[3].text[0]`), ::TR_ERR_LIMIT or ::TR_ERR_NOMEM.
 */
TR_EXTERN int tr_coder_new_from_file(const char *path, tr_coder **out);

/**
 * @brief Create a coder from rules held in memory.
 * @param data The JSON text (need not be NUL-terminated). @param length Its length in bytes.
 * @param name Name used in error messages (e.g. a file name); NULL gives "<rules>".
 * @param[out] out Receives the coder; free with tr_coder_free().
 * @return As tr_coder_new_from_file() (except ::TR_ERR_IO).
 */
TR_EXTERN int tr_coder_new_from_data(const char *data, size_t length, const char *name,
                                     tr_coder **out);

/** @brief Free a coder. NULL is ignored. Codings made with it stay valid. */
TR_EXTERN void tr_coder_free(tr_coder *coder);

/** @brief Name of the rules set (its `name` member), borrowed. */
TR_EXTERN const char *tr_coder_get_name(const tr_coder *coder);
/** @brief Number of category rules in the rules set. */
TR_EXTERN size_t tr_coder_rule_count(const tr_coder *coder);
/** @brief Number of distinct phrases compiled into the coder's automaton. */
TR_EXTERN size_t tr_coder_pattern_count(const tr_coder *coder);
/**@}*/

/* ------------------------------------------------------------------------ */
/** @name Coding one article */
/**@{*/

/**
 * @brief Code one article.
 * @param coder The coder.
 * @param title The article title, or NULL. @param chapter The chapter title, or NULL.
 * @param text The article text (UTF-8), not NULL (may be empty).
 * @param[out] out Receives the coding; free with tr_coding_free(). The coding keeps
 *             copies of the three strings, so evidence spans stay readable.
 * @return ::TR_OK, ::TR_ERR_INVALID_ARG, ::TR_ERR_ENCODING (invalid UTF-8),
 *         ::TR_ERR_LIMIT (text over 64 MiB) or ::TR_ERR_NOMEM.
 */
TR_EXTERN int tr_coder_code_text(const tr_coder *coder, const char *title,
                                 const char *chapter, const char *text, tr_coding **out);

/** @brief Free a coding. NULL is ignored. */
TR_EXTERN void tr_coding_free(tr_coding *coding);

/** @brief The input string of @p field kept by the coding, borrowed ("" if none was given). */
TR_EXTERN const char *tr_coding_get_input(const tr_coding *coding, tr_text_field field);
/** @brief Article number the coding was made for (agreement coding), borrowed; NULL if none. */
TR_EXTERN const char *tr_coding_get_number(const tr_coding *coding);
/** @brief Number of paragraphs the text was segmented into. */
TR_EXTERN size_t tr_coding_paragraph_count(const tr_coding *coding);
/**
 * @brief Span and strength of paragraph @p index.
 * @param coding The coding. @param index Paragraph index, 0-based.
 * @param[out] offset Byte offset in the text (may be NULL). @param[out] length Byte length (may be NULL).
 * @return The paragraph's own strength (::TR_STRENGTH_NONE when it has no cue);
 *         ::TR_STRENGTH_UNKNOWN if @p index is out of range.
 */
TR_EXTERN tr_strength tr_coding_paragraph_at(const tr_coding *coding, size_t index,
                                             size_t *offset, size_t *length);
/** @brief Number of assignments (categories found). */
TR_EXTERN size_t tr_coding_assignment_count(const tr_coding *coding);
/** @brief Assignment @p index (in category order), borrowed; NULL if out of range. */
TR_EXTERN const tr_assignment *tr_coding_assignment_at(const tr_coding *coding, size_t index);
/** @brief The assignment of @p category, borrowed; NULL if the category was not found. */
TR_EXTERN const tr_assignment *tr_coding_find(const tr_coding *coding, tr_category category);
/** @brief Union of the exception flags found anywhere in the article. */
TR_EXTERN unsigned int tr_coding_get_exceptions(const tr_coding *coding);
/**@}*/

/* ------------------------------------------------------------------------ */
/** @name Assignments and evidence */
/**@{*/

/** @brief Category. */
TR_EXTERN tr_category tr_assignment_get_category(const tr_assignment *assignment);
/**
 * @brief Strength aggregated over the paragraphs that carry the category:
 *        hard, soft, mixed (binding and hortatory paragraphs), or
 *        ::TR_STRENGTH_UNKNOWN when none of them has a strength cue.
 */
TR_EXTERN tr_strength tr_assignment_get_strength(const tr_assignment *assignment);
/** @brief Number of paragraphs with a binding clause on the category (a paragraph with binding and hortatory clauses counts here and in tr_assignment_soft_count()). */
TR_EXTERN size_t tr_assignment_hard_count(const tr_assignment *assignment);
/** @brief Number of paragraphs with a hortatory clause on the category. */
TR_EXTERN size_t tr_assignment_soft_count(const tr_assignment *assignment);
/** @brief Exception flags (::tr_exception) scoping the category in this article. */
TR_EXTERN unsigned int tr_assignment_get_exceptions(const tr_assignment *assignment);
/** @brief Number of pieces of evidence. */
TR_EXTERN size_t tr_assignment_evidence_count(const tr_assignment *assignment);
/** @brief Evidence @p index (in input order), borrowed; NULL if out of range. */
TR_EXTERN const tr_evidence *tr_assignment_evidence_at(const tr_assignment *assignment,
                                                       size_t index);

/** @brief What the evidence supports. */
TR_EXTERN tr_evidence_kind tr_evidence_get_kind(const tr_evidence *evidence);
/** @brief Which input the span points into. */
TR_EXTERN tr_text_field tr_evidence_get_field(const tr_evidence *evidence);
/** @brief Byte offset of the span in its input. */
TR_EXTERN size_t tr_evidence_get_offset(const tr_evidence *evidence);
/** @brief Byte length of the span. */
TR_EXTERN size_t tr_evidence_get_length(const tr_evidence *evidence);
/** @brief The span's text (a NUL-terminated copy), borrowed. */
TR_EXTERN const char *tr_evidence_get_text(const tr_evidence *evidence);
/** @brief Id of the rule that matched (e.g. "hard.shall", "cross_border_data_flows"), borrowed. */
TR_EXTERN const char *tr_evidence_get_rule(const tr_evidence *evidence);
/** @brief Index of the paragraph the span is in (0 for titles). */
TR_EXTERN size_t tr_evidence_get_paragraph(const tr_evidence *evidence);
/**
 * @brief For strength and scope evidence: the clause that holds the span (the
 *        sentence, or a list's lead-in with its items), in which the cue is the
 *        deciding verb phrase.
 * @param evidence The evidence.
 * @param[out] offset If not NULL, receives the clause's byte offset in the article text.
 * @param[out] length If not NULL, receives its byte length.
 * @return The clause text (borrowed), or NULL for category and exception evidence
 *         and for spans in titles.
 */
TR_EXTERN const char *tr_evidence_get_sentence(const tr_evidence *evidence, size_t *offset,
                                               size_t *length);
/** @brief For strength evidence: the cue's strength; otherwise ::TR_STRENGTH_UNKNOWN. */
TR_EXTERN tr_strength tr_evidence_get_strength(const tr_evidence *evidence);
/** @brief For exception evidence: the exception flag; otherwise 0. */
TR_EXTERN unsigned int tr_evidence_get_exception(const tr_evidence *evidence);
/**@}*/

/* ------------------------------------------------------------------------ */
/** @name Coding a whole agreement */
/**@{*/

/**
 * @brief Start coding an agreement.
 * @param coder The coder; must outlive the accumulator.
 * @param id The agreement id for the record (see tr_agreement_new()).
 * @param name Its full name.
 * @param tota_id ToTA treaty identifier (pta_N), or 0; used in the provisions' source.
 * @param[out] out Receives the accumulator; free with tr_agreement_coding_free().
 * @return ::TR_OK, ::TR_ERR_INVALID_ARG or ::TR_ERR_NOMEM.
 */
TR_EXTERN int tr_agreement_coding_new(const tr_coder *coder, const char *id, const char *name,
                                      int tota_id, tr_agreement_coding **out);
/** @brief Free an accumulator and its article codings. NULL is ignored. */
TR_EXTERN void tr_agreement_coding_free(tr_agreement_coding *coding);

/**
 * @brief Code one article and keep its coding.
 * @param coding The accumulator.
 * @param number The article number as printed ("ARTICLE 14.11", "Art. 7.48", "14.11"), or NULL.
 * @param title The article title, or NULL. @param chapter The chapter title, or NULL.
 * @param text The article text (UTF-8), not NULL.
 * @return As tr_coder_code_text().
 */
TR_EXTERN int tr_agreement_coding_add_article(tr_agreement_coding *coding, const char *number,
                                              const char *title, const char *chapter,
                                              const char *text);
/** @brief Number of articles coded so far. */
TR_EXTERN size_t tr_agreement_coding_article_count(const tr_agreement_coding *coding);
/** @brief Coding of article @p index, borrowed; NULL if out of range. */
TR_EXTERN const tr_coding *tr_agreement_coding_article_at(const tr_agreement_coding *coding,
                                                          size_t index);

/**
 * @brief Code every article of one agreement of a ToTA corpus, in document order.
 *
 * Each article is coded with its `@name` as title, its chapter's `@name` as
 * chapter title and its `@number` as number.
 * @param coding The accumulator. @param corpus The corpus (see corpus.h).
 * @param agreement The agreement's index in the corpus (0-based).
 * @return ::TR_OK, ::TR_ERR_INVALID_ARG (NULL, index out of range) or as tr_coder_code_text().
 */
TR_EXTERN int tr_agreement_coding_add_corpus(tr_agreement_coding *coding, const tr_corpus *corpus,
                                             size_t agreement);

/**
 * @brief Code one agreement of a ToTA corpus into a new accumulator.
 *
 * The record's id is `pta_N` (N the ToTA id), its name the treaty's name, its
 * ToTA id N; every article is added as by tr_agreement_coding_add_corpus().
 * @param coder The coder; must outlive the accumulator.
 * @param corpus The corpus. @param agreement The agreement's index in the corpus.
 * @param[out] out Receives the accumulator; free with tr_agreement_coding_free().
 * @return ::TR_OK, ::TR_ERR_INVALID_ARG or as tr_coder_code_text().
 */
TR_EXTERN int tr_coder_code_corpus_agreement(const tr_coder *coder, const tr_corpus *corpus,
                                             size_t agreement, tr_agreement_coding **out);

/**
 * @brief Build the agreement record from the articles coded so far.
 *
 * One provision per category found: its strength aggregated over every
 * paragraph that carries the category (hard, soft or mixed; unknown if no
 * paragraph has a cue), its exceptions (including those that other articles
 * attach to it by cross-reference, e.g. "Article 14.11 ... shall not apply"),
 * its citation ("Art. 14.11", or several separated by "; ") and its source
 * ("auto-coded from ToTA pta_449 Art 14.11"). Categories not found get no
 * provision (not coded), never "none".
 *
 * @param coding The accumulator.
 * @param[out] out Receives a new agreement owned by the caller (tr_agreement_free(),
 *             or hand it to tr_catalog_add_agreement()).
 * @return ::TR_OK, ::TR_ERR_INVALID_ARG (bad id) or ::TR_ERR_NOMEM.
 */
TR_EXTERN int tr_agreement_coding_to_agreement(const tr_agreement_coding *coding,
                                               tr_agreement **out);
/**@}*/

/* ------------------------------------------------------------------------ */
/** @name Comparing an automatic coding with the hand coding
 *  What `traderules code --summary --compare` prints: for one coded agreement,
 *  the hand-coded catalog agreement with the same ToTA id and, per category,
 *  whether the two strengths agree. */
/**@{*/

/** @brief Opaque comparison of one ::tr_agreement_coding with a catalog's hand coding. */
typedef struct tr_coding_comparison tr_coding_comparison;

/** @brief Whether the automatic and the hand coding of a category agree. */
typedef enum tr_coding_verdict {
  TR_CODING_NOT_COMPARED = 0, /**< No hand-coded agreement to compare with. */
  TR_CODING_AGREE = 1,        /**< The hand coding has the category with the same strength
                                   (a category the coder did not find counts as "none"). */
  TR_CODING_DISAGREE = 2      /**< A different strength, or the hand coding lacks the category. */
} tr_coding_verdict;

/**
 * @brief Compare the record coded so far (tr_agreement_coding_to_agreement()) with
 *        the hand coding of @p catalog.
 *
 * The hand-coded agreement is the first agreement of @p catalog, in catalog order,
 * whose ToTA id (tr_agreement_get_tota_id()) is the coding's ToTA id; there is none
 * when the coding has no ToTA id (plain text) or @p catalog is NULL. The rows are the
 * categories, in category order, that the coder found, plus, when there is a
 * hand-coded agreement, those it codes with a strength above none (soft, mixed, hard).
 * @param coding The accumulator (only read during the call).
 * @param catalog The hand-coded catalog, or NULL (rows: the categories found); it must
 *        outlive the comparison (tr_coding_comparison_get_hand_coded() points into it).
 * @param[out] out Receives the comparison; free with tr_coding_comparison_free().
 * @return ::TR_OK, ::TR_ERR_INVALID_ARG (NULL @p coding or @p out) or as
 *         tr_agreement_coding_to_agreement().
 */
TR_EXTERN int tr_coding_comparison_new(const tr_agreement_coding *coding, const tr_catalog *catalog,
                                       tr_coding_comparison **out);
/** @brief Free a comparison. NULL is ignored. */
TR_EXTERN void tr_coding_comparison_free(tr_coding_comparison *cmp);
/** @brief The automatic record (owned by the comparison); NULL for a NULL @p cmp. */
TR_EXTERN const tr_agreement *tr_coding_comparison_get_coded(const tr_coding_comparison *cmp);
/** @brief The hand-coded catalog agreement (borrowed from the catalog), or NULL if none. */
TR_EXTERN const tr_agreement *tr_coding_comparison_get_hand_coded(const tr_coding_comparison *cmp);
/** @brief Number of rows (categories); 0 for a NULL @p cmp. */
TR_EXTERN size_t tr_coding_comparison_count(const tr_coding_comparison *cmp);
/** @brief Category of row @p index; ::TR_CATEGORY_UNKNOWN if out of range. */
TR_EXTERN tr_category tr_coding_comparison_category_at(const tr_coding_comparison *cmp, size_t index);
/** @brief The coder's provision of row @p index (borrowed), or NULL when the coder did not find
 *         the category (its strength then counts as none) or @p index is out of range. */
TR_EXTERN const tr_provision *tr_coding_comparison_coded_at(const tr_coding_comparison *cmp, size_t index);
/** @brief The hand-coded provision of row @p index (borrowed), or NULL when there is no
 *         hand-coded agreement, it lacks the category ("not coded"), or @p index is out of range. */
TR_EXTERN const tr_provision *tr_coding_comparison_hand_at(const tr_coding_comparison *cmp, size_t index);
/** @brief The verdict of row @p index; ::TR_CODING_NOT_COMPARED without a hand-coded agreement
 *         or for an @p index out of range. */
TR_EXTERN tr_coding_verdict tr_coding_comparison_verdict_at(const tr_coding_comparison *cmp, size_t index);
/** @brief String id of a verdict: "", "yes", "no" (as the command prints it); NULL if invalid. */
TR_EXTERN const char *tr_coding_verdict_id(tr_coding_verdict verdict);
/**@}*/

TR_END_DECLS

#endif /* TRADERULES_CODER_H */
