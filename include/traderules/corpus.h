/*
 * libtraderules - digital trade rules as comparable data
 * SPDX-License-Identifier: MIT
 */
/**
 * @file corpus.h
 * @brief Treaty texts at corpus scale: ToTA ingest, shingles, exact Jaccard
 *        similarity, threshold joins, clause-reuse tracing and MinHash.
 *
 * A ::tr_corpus holds agreements read from ToTA XML files (Texts of Trade
 * Agreements, github mappingtreaties/tota): metadata, chapters and articles,
 * in load order. A ::tr_shingle_index turns every article into a set of
 * shingles and answers similarity questions about articles, chapters and
 * whole agreements exactly: shingles are interned to integer ids (no hashing),
 * so no two distinct shingles are ever confused.
 *
 * **Tokens (::TR_SHINGLE_WORD)** are those of scikit-learn's
 * `CountVectorizer(lowercase=True, token_pattern=r"(?u)[^\W_]+")`: the text is
 * lowercased exactly like Python's `str.lower()` (full mapping, so `İ` becomes
 * `i` + U+0307, and the Greek final-sigma rule), then a token is a maximal run
 * of characters matched by Python's `[^\W_]`, i.e. characters for which
 * `str.isalnum()` is true (letters of every script, decimal digits and other
 * numeric characters such as `²` or `Ⅻ`; not underscore, not combining marks).
 * The character classes are generated from Python 3.11 (Unicode 14.0.0, see
 * tr_corpus_unicode_version()). A word shingle is n consecutive tokens of one
 * article, written as the tokens joined by one space; shingles never cross an
 * article boundary. An article with fewer than n tokens has no shingles.
 *
 * **ASCII tokens (::TR_SHINGLE_WORD_ASCII)**: the definition of the
 * common reproduction scripts: Python's `str.lower()`, then tokens
 * are maximal runs of `[a-z0-9]`; every other character separates.
 *
 * **Character q-grams (::TR_SHINGLE_CHAR)**, the measure of Alschner and
 * Skougarevskiy (R `stringdist(method="jaccard", q=5)` on normalised text):
 * the text is lowercased (`str.lower()`), every maximal run of characters
 * other than ASCII `[a-z0-9]` becomes one space, leading and trailing spaces
 * are removed, and a shingle is every substring of q characters (bytes, as
 * the normalised text is ASCII). Computed per article, never crossing an
 * article boundary; a text shorter than q has no shingles.
 *
 * **Jaccard** of two shingle sets A and B is |A∩B| / |A∪B|, and 0 when both
 * are empty. The set of a chapter or an agreement is the union of the sets of
 * its articles.
 *
 * **Threads**: loading and index building use tr_corpus_set_threads() worker
 * threads; the jobs on an index (matrix, pairs, trace) take a
 * ::tr_analysis_options (analysis.h) for their threads, progress and
 * cancellation. Every result is identical whatever the thread count.
 */
#ifndef TRADERULES_CORPUS_H
#define TRADERULES_CORPUS_H

#include <traderules/common.h>
#include <traderules/analysis.h>

TR_BEGIN_DECLS

/** @brief A set of agreement texts (opaque). Free with tr_corpus_free(). */
typedef struct tr_corpus tr_corpus;

/** @brief The errors of a tr_corpus_load() that skipped bad files (opaque). */
typedef struct tr_corpus_errors tr_corpus_errors;

/** @brief What tr_corpus_load() does when one file of a directory is bad. */
typedef enum tr_corpus_load_mode {
  TR_CORPUS_STOP_ON_ERROR = 0, /**< Fail on the first bad file; the corpus is unchanged. */
  TR_CORPUS_SKIP_ERRORS = 1    /**< Load every good file, collect one error per bad file. */
} tr_corpus_load_mode;

/** @brief Metadata and text fields, read with the `_get` functions. */
typedef enum tr_corpus_field { /* values are ABI: written out, never renumbered */
  TR_CORPUS_FIELD_NAME = 0,             /**< Agreement `meta/name`; chapter or article `@name`. */
  TR_CORPUS_FIELD_TYPE = 1,             /**< Agreement `meta/type` (WTO RTA card "Type"). */
  TR_CORPUS_FIELD_STATUS = 2,           /**< Agreement `meta/status`. */
  TR_CORPUS_FIELD_NOTIFICATION = 3,     /**< Agreement `meta/notification`. */
  TR_CORPUS_FIELD_DATE_SIGNED = 4,      /**< Agreement `meta/date_signed` (YYYY-MM-DD as in the file). */
  TR_CORPUS_FIELD_DATE_INTO_FORCE = 5,  /**< Agreement `meta/date_into_force`. */
  TR_CORPUS_FIELD_DATE_NOTIFICATION = 6,/**< Agreement `meta/date_notification`. */
  TR_CORPUS_FIELD_END_IMPLEMENTATION = 7,/**< Agreement `meta/end_implementation`. */
  TR_CORPUS_FIELD_DATE_INACTIVE = 8,    /**< Agreement `meta/date_inactive`. */
  TR_CORPUS_FIELD_COMPOSITION = 9,      /**< Agreement `meta/composition`. */
  TR_CORPUS_FIELD_REGION = 10,          /**< Agreement `meta/region`. */
  TR_CORPUS_FIELD_LANGUAGE = 11,        /**< Agreement `meta/language` (en, es, fr). */
  TR_CORPUS_FIELD_TOTA_ID = 12,         /**< Agreement `meta/treaty_identifier` (ToTA id). */
  TR_CORPUS_FIELD_WTO_RTA_ID = 13,      /**< Agreement `meta/wto_rta_id`. */
  TR_CORPUS_FIELD_FILE = 14,            /**< Agreement: the path it was loaded from. */
  TR_CORPUS_FIELD_NUMBER = 15,          /**< Chapter or article `@number` (a label, not unique). */
  TR_CORPUS_FIELD_IDENTIFIER = 16,      /**< Chapter `@chapter_identifier` or article `@article_identifier`. */
  TR_CORPUS_FIELD_TEXT = 17             /**< Article text (character data, as in the file). */
} tr_corpus_field;

/** @brief Which party list of an agreement. */
typedef enum tr_corpus_parties {
  TR_CORPUS_PARTIES_CURRENT = 0, /**< `meta/parties` (current signatories, ISO 3166-1 alpha-3). */
  TR_CORPUS_PARTIES_ORIGINAL = 1 /**< `meta/parties_original` (original signatories). */
} tr_corpus_parties;

/**
 * @brief Progress callback for long operations.
 * @param stage A short static description, e.g. `"parsing"` or `"pairs"`.
 * @param done Work units done so far.
 * @param total Work units expected.
 * @param user_data The pointer given to tr_corpus_set_progress().
 *
 * Called from worker threads, but never concurrently (calls are serialised).
 */
typedef void (*tr_progress_fn)(const char *stage, size_t done, size_t total, void *user_data);

/**
 * @brief Create an empty corpus.
 * @param[out] out The new corpus; free it with tr_corpus_free().
 * @return ::TR_OK, or ::TR_ERR_INVALID_ARG if @p out is NULL.
 */
TR_EXTERN int tr_corpus_new(tr_corpus **out);

/** @brief Free a corpus and everything borrowed from it. NULL is ignored. */
TR_EXTERN void tr_corpus_free(tr_corpus *corpus);

/**
 * @brief Number of worker threads for loading and analyses.
 * @param corpus The corpus.
 * @param threads 1 for none, 0 (the default) for one per processor.
 * @return ::TR_OK or ::TR_ERR_INVALID_ARG.
 */
TR_EXTERN int tr_corpus_set_threads(tr_corpus *corpus, unsigned threads);

/**
 * @brief Report progress of loads and of analyses on indexes built from this corpus.
 * @param corpus The corpus.
 * @param fn The callback, or NULL for none.
 * @param user_data Passed to @p fn.
 */
TR_EXTERN void tr_corpus_set_progress(tr_corpus *corpus, tr_progress_fn fn, void *user_data);

/**
 * @brief Add the agreements of one ToTA XML file, or of every `*.xml` file of a directory.
 *
 * Files of a directory are read in natural name order (`pta_2.xml` before
 * `pta_10.xml`). Each file must be UTF-8, well-formed, and have the root
 * `treaty` with `meta` (a non-empty `treaty_identifier`) and `body`
 * (`chapter` elements holding `article` elements). Errors name the file,
 * line and column: ::TR_ERR_IO, ::TR_ERR_ENCODING, ::TR_ERR_PARSE
 * (malformed or truncated XML), ::TR_ERR_SCHEMA (wrong structure),
 * ::TR_ERR_DUPLICATE (a ToTA id already in the corpus), ::TR_ERR_EMPTY (an
 * empty file, or a directory without XML files).
 *
 * @param corpus The corpus to extend. It must not have a ::tr_shingle_index
 *        alive (indexes describe the corpus as it was when built).
 * @param path A file or a directory.
 * @param mode ::TR_CORPUS_STOP_ON_ERROR: the first bad file fails the call and
 *        nothing is added. ::TR_CORPUS_SKIP_ERRORS: every good file is added,
 *        each bad file gives one entry in @p errors, and the call succeeds
 *        (it fails only if @p path itself cannot be read).
 * @param[out] errors Optional (may be NULL). With ::TR_CORPUS_SKIP_ERRORS, set
 *        to a new error list (possibly empty) that the caller frees with
 *        tr_corpus_errors_free(); set to NULL otherwise or on failure.
 * @return ::TR_OK or a negative ::tr_status; on failure the corpus is unchanged.
 */
TR_EXTERN int tr_corpus_load(tr_corpus *corpus, const char *path, tr_corpus_load_mode mode,
                             tr_corpus_errors **errors);

/**
 * @brief Add one agreement from a ToTA XML document in memory.
 * @param corpus The corpus to extend (no ::tr_shingle_index alive).
 * @param name The name used in error messages and as ::TR_CORPUS_FIELD_FILE.
 * @param data The bytes (need not be NUL-terminated).
 * @param len Their number.
 * @return As tr_corpus_load() for one file; on failure the corpus is unchanged.
 */
TR_EXTERN int tr_corpus_load_memory(tr_corpus *corpus, const char *name, const char *data,
                                    size_t len);

/** @brief Number of entries of an error list (0 for NULL). */
TR_EXTERN size_t tr_corpus_errors_count(const tr_corpus_errors *errors);
/** @brief Status code of entry @p i, or ::TR_ERR_INVALID_ARG if out of range. */
TR_EXTERN int tr_corpus_errors_code(const tr_corpus_errors *errors, size_t i);
/** @brief Full message of entry @p i ("FILE:LINE:COLUMN: ..."); borrowed, lives as long as the list; NULL if out of range. */
TR_EXTERN const char *tr_corpus_errors_message(const tr_corpus_errors *errors, size_t i);
/** @brief File of entry @p i; borrowed as above; NULL if out of range. */
TR_EXTERN const char *tr_corpus_errors_file(const tr_corpus_errors *errors, size_t i);
/** @brief Line (1-based) of entry @p i, 0 if unknown. */
TR_EXTERN long tr_corpus_errors_line(const tr_corpus_errors *errors, size_t i);
/** @brief Column (1-based, bytes) of entry @p i, 0 if unknown. */
TR_EXTERN long tr_corpus_errors_column(const tr_corpus_errors *errors, size_t i);
/** @brief Free an error list. NULL is ignored. */
TR_EXTERN void tr_corpus_errors_free(tr_corpus_errors *errors);

/** @brief Number of agreements (0 for NULL). */
TR_EXTERN size_t tr_corpus_agreement_count(const tr_corpus *corpus);
/** @brief Number of chapters of all agreements (0 for NULL). */
TR_EXTERN size_t tr_corpus_chapter_count(const tr_corpus *corpus);
/** @brief Number of articles of all agreements (0 for NULL). */
TR_EXTERN size_t tr_corpus_article_count(const tr_corpus *corpus);

/**
 * @brief A metadata field of agreement @p agreement (0-based, load order).
 * @return Borrowed string valid while the corpus lives; NULL if the field is
 *         absent or empty in the file, not an agreement field, or the index is out of range.
 */
TR_EXTERN const char *tr_corpus_agreement_get(const tr_corpus *corpus, size_t agreement,
                                              tr_corpus_field field);
/**
 * @brief Index of the agreement with ToTA id @p tota_id.
 * @param corpus The corpus.
 * @param tota_id The ToTA id (`treaty_identifier`), e.g. "449".
 * @param[out] out The agreement index.
 * @return ::TR_OK or ::TR_ERR_NOT_FOUND (or ::TR_ERR_INVALID_ARG).
 */
TR_EXTERN int tr_corpus_agreement_find(const tr_corpus *corpus, const char *tota_id, size_t *out);
/** @brief Number of parties in list @p which of an agreement (0 if out of range). */
TR_EXTERN size_t tr_corpus_agreement_party_count(const tr_corpus *corpus, size_t agreement,
                                                 tr_corpus_parties which);
/** @brief Party @p i (ISO 3166-1 alpha-3 as in the file); borrowed; NULL if out of range. */
TR_EXTERN const char *tr_corpus_agreement_party(const tr_corpus *corpus, size_t agreement,
                                                tr_corpus_parties which, size_t i);
/**
 * @brief The chapters of an agreement: global chapter indexes *first .. *first + n - 1.
 * @param corpus The corpus.
 * @param agreement The agreement index.
 * @param[out] first Optional: the first chapter's global index.
 * @return n, the number of chapters; 0 if out of range.
 */
TR_EXTERN size_t tr_corpus_agreement_chapters(const tr_corpus *corpus, size_t agreement,
                                              size_t *first);
/** @brief The articles of an agreement: global indexes *first.. ; returns their number. */
TR_EXTERN size_t tr_corpus_agreement_articles(const tr_corpus *corpus, size_t agreement,
                                              size_t *first);

/** @brief Agreement a chapter belongs to ((size_t)-1 if out of range). */
TR_EXTERN size_t tr_corpus_chapter_agreement(const tr_corpus *corpus, size_t chapter);
/** @brief NAME, NUMBER or IDENTIFIER of a chapter; borrowed; NULL if absent or out of range. */
TR_EXTERN const char *tr_corpus_chapter_get(const tr_corpus *corpus, size_t chapter,
                                            tr_corpus_field field);
/** @brief The articles of a chapter: global indexes *first.. ; returns their number. */
TR_EXTERN size_t tr_corpus_chapter_articles(const tr_corpus *corpus, size_t chapter,
                                            size_t *first);

/** @brief Chapter an article belongs to ((size_t)-1 if out of range). */
TR_EXTERN size_t tr_corpus_article_chapter(const tr_corpus *corpus, size_t article);
/** @brief Agreement an article belongs to ((size_t)-1 if out of range). */
TR_EXTERN size_t tr_corpus_article_agreement(const tr_corpus *corpus, size_t article);
/** @brief NAME, NUMBER, IDENTIFIER or TEXT of an article; borrowed; NULL if absent or out of range (TEXT is "" when empty). */
TR_EXTERN const char *tr_corpus_article_get(const tr_corpus *corpus, size_t article,
                                            tr_corpus_field field);

/** @brief Unicode version of the tokenizer's character tables (e.g. "14.0.0"); static string. */
TR_EXTERN const char *tr_corpus_unicode_version(void);

/* ------------------------------------------------------------------------ */
/* Tokens and shingle sets of any text                                      */
/* ------------------------------------------------------------------------ */

/** @brief How text becomes shingles (see the file description). */
typedef enum tr_shingle_kind {
  TR_SHINGLE_WORD = 0,       /**< Word n-grams of scikit-learn tokens (default n = 5). */
  TR_SHINGLE_WORD_ASCII = 1, /**< Word n-grams of `[a-z0-9]+` tokens after lowercasing. */
  TR_SHINGLE_CHAR = 2        /**< Character q-grams of the normalised text (default q = 5). */
} tr_shingle_kind;

/** @brief A set of shingles, as strings (opaque). Free with tr_shingle_set_free(). */
typedef struct tr_shingle_set tr_shingle_set;

/**
 * @brief Split a text into tokens.
 * @param text UTF-8 text.
 * @param len Its length in bytes, or -1 if NUL-terminated.
 * @param kind ::TR_SHINGLE_WORD or ::TR_SHINGLE_WORD_ASCII tokens, or for
 *        ::TR_SHINGLE_CHAR a single token: the normalised text.
 * @param[out] tokens A NULL-terminated array of the tokens in text order; the
 *        array and its strings are one allocation: free it with tr_free().
 * @param[out] count Optional: the number of tokens.
 * @return ::TR_OK, ::TR_ERR_ENCODING (invalid UTF-8; the column names the
 *         byte offset + 1), ::TR_ERR_INVALID_ARG or ::TR_ERR_NOMEM.
 */
TR_EXTERN int tr_text_tokenize(const char *text, long len, tr_shingle_kind kind, char ***tokens,
                               size_t *count);

/**
 * @brief The shingle set of a text given by the caller.
 * @param text UTF-8 text.
 * @param len Its length in bytes, or -1 if NUL-terminated.
 * @param kind The shingle definition.
 * @param n Shingle length in tokens (word kinds) or characters (::TR_SHINGLE_CHAR), 1..64.
 * @param[out] out The new set; free with tr_shingle_set_free().
 * @return ::TR_OK, ::TR_ERR_ENCODING, ::TR_ERR_INVALID_ARG or ::TR_ERR_NOMEM.
 */
TR_EXTERN int tr_shingle_set_from_text(const char *text, long len, tr_shingle_kind kind,
                                       unsigned n, tr_shingle_set **out);
/** @brief Number of distinct shingles (0 for NULL). */
TR_EXTERN size_t tr_shingle_set_size(const tr_shingle_set *set);
/** @brief Shingle @p i in byte order; borrowed, lives as long as the set; NULL if out of range. */
TR_EXTERN const char *tr_shingle_set_at(const tr_shingle_set *set, size_t i);
/** @brief True (1) if the set contains @p shingle. */
TR_EXTERN int tr_shingle_set_contains(const tr_shingle_set *set, const char *shingle);
/**
 * @brief The union of two sets (the set of a text made of both, without
 *        shingles across the join), e.g. to build a unit from several texts.
 * @param a One set.
 * @param b The other set.
 * @param[out] out The new set; free with tr_shingle_set_free().
 */
TR_EXTERN int tr_shingle_set_union(const tr_shingle_set *a, const tr_shingle_set *b,
                                   tr_shingle_set **out);
/** @brief Size of the intersection of two sets. */
TR_EXTERN size_t tr_shingle_set_intersection(const tr_shingle_set *a, const tr_shingle_set *b);
/** @brief Exact Jaccard |A∩B| / |A∪B| of two sets (0 when both are empty or either is NULL). */
TR_EXTERN double tr_shingle_set_jaccard(const tr_shingle_set *a, const tr_shingle_set *b);
/** @brief Free a set. NULL is ignored. */
TR_EXTERN void tr_shingle_set_free(tr_shingle_set *set);

/* ------------------------------------------------------------------------ */
/* Shingle index of a corpus: exact similarity at corpus scale               */
/* ------------------------------------------------------------------------ */

/** @brief Interned shingles of every article of a corpus (opaque). */
typedef struct tr_shingle_index tr_shingle_index;

/** @brief A unit of text inside a corpus. */
typedef enum tr_unit_kind {
  TR_UNIT_AGREEMENT = 0, /**< A whole agreement (union of its articles). */
  TR_UNIT_CHAPTER = 1,   /**< A chapter (union of its articles). */
  TR_UNIT_ARTICLE = 2    /**< One article. */
} tr_unit_kind;

/** @brief Number of units of a kind in a corpus (agreements, chapters or articles; 0 for NULL or an unknown kind). */
TR_EXTERN size_t tr_corpus_unit_count(const tr_corpus *corpus, tr_unit_kind kind);
/**
 * @brief The identifier of a unit: an agreement's ToTA id (::TR_CORPUS_FIELD_TOTA_ID), a
 *        chapter's or article's ::TR_CORPUS_FIELD_IDENTIFIER (what the command's ID arguments
 *        and its `a`/`b` columns are).
 * @return Borrowed, valid while the corpus lives; NULL if absent, out of range or an unknown kind.
 */
TR_EXTERN const char *tr_corpus_unit_identifier(const tr_corpus *corpus, tr_unit_kind kind,
                                                size_t unit);
/**
 * @brief The label of a unit for people: an agreement's name; a chapter's or article's number
 *        label (::TR_CORPUS_FIELD_NUMBER), or its name when it has no number.
 * @return Borrowed, valid while the corpus lives; NULL if neither is there, out of range or an
 *         unknown kind.
 */
TR_EXTERN const char *tr_corpus_unit_label(const tr_corpus *corpus, tr_unit_kind kind, size_t unit);
/** @brief The agreement a unit belongs to (an agreement: itself); (size_t)-1 if out of range. */
TR_EXTERN size_t tr_corpus_unit_agreement(const tr_corpus *corpus, tr_unit_kind kind, size_t unit);
/**
 * @brief The first unit of a kind, in corpus order, whose tr_corpus_unit_identifier() is @p identifier.
 * @param corpus The corpus.
 * @param kind The unit kind.
 * @param identifier The identifier (exact, case-sensitive).
 * @param[out] out The unit index.
 * @return ::TR_OK, ::TR_ERR_NOT_FOUND or ::TR_ERR_INVALID_ARG (NULL argument, unknown kind).
 */
TR_EXTERN int tr_corpus_unit_find(const tr_corpus *corpus, tr_unit_kind kind, const char *identifier,
                                  size_t *out);

/**
 * @brief Shingle every article of a corpus, using the corpus's threads.
 *
 * The same as tr_shingle_index_new_with_options() with NULL options.
 * @deprecated Use tr_shingle_index_new_with_options(); removed at 1.0 (docs/stability.md).
 * @param corpus The corpus; borrowed: it must outlive the index and not be
 *        loaded into while the index lives.
 * @param kind The shingle definition.
 * @param n Its length (1..64; 5 is usual).
 * @param[out] out The new index; free with tr_shingle_index_free().
 * @return ::TR_OK, ::TR_ERR_INVALID_ARG, ::TR_ERR_LIMIT (more than 2^32-2
 *         distinct shingles) or ::TR_ERR_NOMEM.
 */
TR_EXTERN int tr_shingle_index_new(const tr_corpus *corpus, tr_shingle_kind kind, unsigned n,
                                   tr_shingle_index **out);
/**
 * @brief Shingle every article of a corpus with the threads, progress and
 *        cancellation of an analysis options object (analysis.h).
 *
 * Tokenising, shingle interning and the article sets run on the options' threads
 * (options NULL, or threads 0: see below) and report progress between chunks of
 * work: every article tokenised, the hashing chunks and interning rounds (128 units
 * in all), every article's set gathered; `total` is 2 x articles + 128, fixed for
 * the call. A cancellation stops the build between chunks: everything is freed,
 * @p out stays NULL and ::TR_ERR_CANCELLED is returned. The index is identical
 * for every thread count. The index keeps the thread count it was built with for
 * its own later work (the lazy article-set sort, unit sets) and for the jobs
 * given NULL options.
 *
 * Before building, the memory the build will need (about 4 bytes per byte of
 * article text) is tried; if it cannot be had the call fails with ::TR_ERR_NOMEM,
 * as it does when a large array cannot be allocated later; the corpus is untouched.
 *
 * @param corpus The corpus; borrowed: it must outlive the index and not be
 *        loaded into while the index lives.
 * @param kind The shingle definition.
 * @param n Its length (1..64; 5 is usual).
 * @param options Threads, progress and cancellation; its filter and ids must be
 *        unset (an index covers the whole corpus). NULL: the corpus's threads
 *        (tr_corpus_set_threads()), no progress, no cancellation: the same as
 *        tr_shingle_index_new(). Threads 0 in the options: one per processor.
 * @param[out] out The new index; free with tr_shingle_index_free().
 * @return ::TR_OK, ::TR_ERR_INVALID_ARG, ::TR_ERR_LIMIT (more than 2^32-2
 *         distinct shingles), ::TR_ERR_NOMEM or ::TR_ERR_CANCELLED.
 */
TR_EXTERN int tr_shingle_index_new_with_options(const tr_corpus *corpus, tr_shingle_kind kind,
                                                unsigned n, const tr_analysis_options *options,
                                                tr_shingle_index **out);
/** @brief Free an index. NULL is ignored. */
TR_EXTERN void tr_shingle_index_free(tr_shingle_index *index);
/** @brief Number of distinct shingles in the whole corpus. */
TR_EXTERN size_t tr_shingle_index_vocabulary(const tr_shingle_index *index);
/** @brief Number of units of a kind in the indexed corpus. */
TR_EXTERN size_t tr_shingle_index_unit_count(const tr_shingle_index *index, tr_unit_kind kind);
/** @brief Number of distinct shingles of one unit (0 if out of range). */
TR_EXTERN size_t tr_shingle_index_unit_size(const tr_shingle_index *index, tr_unit_kind kind,
                                            size_t unit);
/**
 * @brief The shingles of one unit as a set, to compare with texts given by the caller.
 * @param index The index.
 * @param kind The unit kind.
 * @param unit The unit index.
 * @param[out] out The new set; free with tr_shingle_set_free().
 */
TR_EXTERN int tr_shingle_index_unit_set(const tr_shingle_index *index, tr_unit_kind kind,
                                        size_t unit, tr_shingle_set **out);
/**
 * @brief Exact Jaccard between two units (of any kinds).
 * @param index The index.
 * @param kind_a Kind of the first unit.
 * @param a The first unit.
 * @param kind_b Kind of the second unit.
 * @param b The second unit.
 * @param[out] jaccard The value.
 * @param[out] intersection Optional |A∩B|.
 * @param[out] union_size Optional |A∪B|.
 * @return ::TR_OK or ::TR_ERR_INVALID_ARG (index out of range).
 */
TR_EXTERN int tr_shingle_index_jaccard(const tr_shingle_index *index, tr_unit_kind kind_a,
                                       size_t a, tr_unit_kind kind_b, size_t b, double *jaccard,
                                       size_t *intersection, size_t *union_size);
/**
 * @brief Exact Jaccard between every two of @p count units of one kind.
 *
 * Memory grows with count * count; meant for agreements or chosen units.
 * Progress counts the distinct shingles of the index, then (when some shingle
 * is in many units) the units. The unit sets built on the way (chapters, chosen
 * units) use the index's threads; the product uses the options' threads.
 * @param index The index.
 * @param kind The unit kind.
 * @param units The unit indexes, or NULL for all units of @p kind (then
 *        @p count must equal tr_shingle_index_unit_count()).
 * @param count The number of units.
 * @param options Threads, progress and cancellation (analysis.h); its filter and ids
 *        must be unset (the units say what is compared). NULL: the index's threads
 *        (tr_corpus_set_threads()), no progress, no cancellation.
 * @param[out] jaccard Caller-allocated count*count doubles, row-major; the
 *        diagonal is 1 (0 for an empty unit).
 * @param[out] intersection Optional caller-allocated count*count sizes of intersections.
 * @return ::TR_OK, ::TR_ERR_INVALID_ARG, ::TR_ERR_LIMIT, ::TR_ERR_CANCELLED (the arrays'
 *         content is then unspecified) or ::TR_ERR_NOMEM.
 */
TR_EXTERN int tr_shingle_index_matrix_with_options(const tr_shingle_index *index, tr_unit_kind kind,
                                                   const size_t *units, size_t count,
                                                   const tr_analysis_options *options,
                                                   double *jaccard, uint64_t *intersection);
/**
 * @brief Deprecated (removed at 1.0): tr_shingle_index_matrix_with_options() with NULL options.
 * @deprecated Use tr_shingle_index_matrix_with_options(); removed at 1.0 (docs/stability.md).
 * @param index The index.
 * @param kind The unit kind.
 * @param count The number of units.
 * @param units The unit indexes, or NULL for all units of @p kind.
 * @param[out] jaccard Caller-allocated count*count doubles, row-major.
 * @param[out] intersection Optional caller-allocated count*count sizes of intersections.
 * @return ::TR_OK, ::TR_ERR_INVALID_ARG, ::TR_ERR_LIMIT or ::TR_ERR_NOMEM.
 */
TR_EXTERN int tr_shingle_index_matrix(const tr_shingle_index *index, tr_unit_kind kind,
                                      const size_t *units, size_t count, double *jaccard,
                                      uint64_t *intersection);

/** @brief A list of unit pairs with their similarity (opaque). Free with tr_pair_list_free(). */
typedef struct tr_pair_list tr_pair_list;

/** @brief Flags of tr_shingle_index_pairs(). */
typedef enum tr_pairs_flags {
  TR_PAIRS_DEFAULT = 0,              /**< Every pair of units. */
  TR_PAIRS_ACROSS_AGREEMENTS = 1 << 0 /**< Only pairs from two different agreements. */
} tr_pairs_flags;

/**
 * @brief Every pair of units of one kind with Jaccard >= @p threshold, exactly.
 *
 * Prefix filtering, size filtering and positional filtering (PPJoin) over
 * shingles ordered by rising corpus frequency, then exact verification: the
 * result equals the brute-force list. Units with no shingles never pair.
 * Sorted by (a, b) with a < b. Progress counts the units that have shingles.
 * @param index The index.
 * @param kind The unit kind.
 * @param threshold In (0, 1].
 * @param flags ::tr_pairs_flags.
 * @param options Threads, progress and cancellation (analysis.h); filter and ids
 *        must be unset. NULL: as tr_shingle_index_matrix_with_options().
 * @param[out] out The new list (NULL on error); free with tr_pair_list_free().
 * @return ::TR_OK, ::TR_ERR_INVALID_ARG, ::TR_ERR_CANCELLED or ::TR_ERR_NOMEM.
 */
TR_EXTERN int tr_shingle_index_pairs_with_options(const tr_shingle_index *index, tr_unit_kind kind,
                                                  double threshold, unsigned flags,
                                                  const tr_analysis_options *options,
                                                  tr_pair_list **out);
/**
 * @brief Deprecated (removed at 1.0): tr_shingle_index_pairs_with_options() with NULL options.
 * @deprecated Use tr_shingle_index_pairs_with_options(); removed at 1.0 (docs/stability.md).
 * @param index The index.
 * @param kind The unit kind.
 * @param threshold In (0, 1].
 * @param flags ::tr_pairs_flags.
 * @param[out] out The new list; free with tr_pair_list_free().
 * @return ::TR_OK, ::TR_ERR_INVALID_ARG or ::TR_ERR_NOMEM.
 */
TR_EXTERN int tr_shingle_index_pairs(const tr_shingle_index *index, tr_unit_kind kind,
                                     double threshold, unsigned flags, tr_pair_list **out);

/**
 * @brief Clause-reuse tracing: for each article, its most similar article
 *        among agreements signed strictly earlier.
 *
 * Candidates are articles of agreements whose `date_signed` is known and
 * earlier than the article's own agreement's; only sources with Jaccard >=
 * @p threshold count (exact, as tr_shingle_index_pairs_with_options()). Ties go to the
 * earliest signed agreement, then the lowest article index. Articles without
 * such a source are not listed. Progress counts the articles that have shingles.
 * @param index The index.
 * @param threshold Minimum Jaccard of a source, in (0, 1].
 * @param options Threads, progress and cancellation (analysis.h); filter and ids
 *        must be unset. NULL: as tr_shingle_index_matrix_with_options().
 * @param[out] out Pairs (a = the article, b = its source), sorted by a (NULL on error);
 *             free with tr_pair_list_free().
 * @return ::TR_OK, ::TR_ERR_INVALID_ARG, ::TR_ERR_CANCELLED or ::TR_ERR_NOMEM.
 */
TR_EXTERN int tr_shingle_index_trace_with_options(const tr_shingle_index *index, double threshold,
                                                  const tr_analysis_options *options,
                                                  tr_pair_list **out);
/**
 * @brief Deprecated (removed at 1.0): tr_shingle_index_trace_with_options() with NULL options.
 * @deprecated Use tr_shingle_index_trace_with_options(); removed at 1.0 (docs/stability.md).
 * @param index The index.
 * @param threshold Minimum Jaccard of a source, in (0, 1].
 * @param[out] out Pairs (a = the article, b = its source), sorted by a; free with tr_pair_list_free().
 */
TR_EXTERN int tr_shingle_index_trace(const tr_shingle_index *index, double threshold,
                                     tr_pair_list **out);

/**
 * @brief Called by tr_shingle_index_overlaps_with_options() for each pair, in order. Return 0
 *        to go on; any other value stops the join, which then returns that value.
 */
typedef int (*tr_pair_fn)(size_t a, size_t b, size_t intersection, size_t union_size,
                          void *user_data);

/**
 * @brief Stream every pair of units of one kind that share at least one
 *        shingle and have Jaccard >= @p min_jaccard, exactly, in order.
 *
 * Pairs (a, b) with a < b come sorted by a, then b, from the calling thread,
 * while later rows are still being computed: nothing like the n x n matrix is
 * held (an inverted index of the sets, one counter per unit and thread, and
 * the pairs of a batch of rows), so memory follows the output. The cost is the
 * sum over shingles of (units containing it)^2 / 2: suited to many small
 * units (articles, short texts); for a few large ones (agreements) with
 * boilerplate shared by all, tr_shingle_index_matrix_with_options() is faster.
 * Progress counts rows (units). Cancellation stops before the next batch of rows
 * is handed to @p fn (pairs already handed out stay so) and returns ::TR_ERR_CANCELLED.
 * @param index The index.
 * @param kind The unit kind.
 * @param min_jaccard In [0, 1]; 0 keeps every pair with a shingle in common.
 * @param options Threads, progress and cancellation (analysis.h); filter and ids
 *        must be unset. NULL: the index's threads, no progress, no cancellation.
 * @param fn Called for each pair. @param user_data Passed to @p fn.
 * @return ::TR_OK, the callback's non-zero value when it stopped the join,
 *         ::TR_ERR_INVALID_ARG, ::TR_ERR_LIMIT or ::TR_ERR_CANCELLED.
 */
TR_EXTERN int tr_shingle_index_overlaps_with_options(const tr_shingle_index *index, tr_unit_kind kind,
                                                     double min_jaccard,
                                                     const tr_analysis_options *options,
                                                     tr_pair_fn fn, void *user_data);
/**
 * @brief Deprecated (removed at 1.0): tr_shingle_index_overlaps_with_options() with NULL options.
 * @deprecated Use tr_shingle_index_overlaps_with_options(); removed at 1.0 (docs/stability.md).
 * @param index The index.
 * @param kind The unit kind.
 * @param min_jaccard In [0, 1]; 0 keeps every pair with a shingle in common.
 * @param fn Called for each pair. @param user_data Passed to @p fn.
 * @return ::TR_OK, the callback's non-zero value when it stopped the join,
 *         ::TR_ERR_INVALID_ARG or ::TR_ERR_LIMIT.
 */
TR_EXTERN int tr_shingle_index_overlaps(const tr_shingle_index *index, tr_unit_kind kind,
                                        double min_jaccard, tr_pair_fn fn, void *user_data);

/**
 * @brief Stream every pair of units of one kind, those sharing no shingle
 *        included, exactly, in order: (a, b) with a < b, sorted by a, then b.
 *
 * Computed by blocks of rows through tr_shingle_index_matrix_with_options():
 * up to 1024 units one matrix; beyond, blocks of B = min(512, 2^21 / n) rows
 * against every column (the intersections of B x n cells and of one block
 * pair), so memory follows the number of units, not the n^2/2 pairs, and the
 * first rows come before the last are computed. This is what
 * `traderules corpus similar` prints without IDs. @p fn gets the intersection
 * and union sizes; the Jaccard is intersection / union (0 when the union is 0),
 * exactly the value tr_shingle_index_jaccard() gives.
 * @param index The index.
 * @param kind The unit kind.
 * @param options Threads, progress and cancellation of each block's matrix
 *        (analysis.h); filter and ids must be unset. NULL: the index's threads.
 * @param fn Called for each pair, from the calling thread; a non-zero return
 *        stops the stream. @param user_data Passed to @p fn.
 * @return ::TR_OK, the callback's non-zero value when it stopped the stream,
 *         ::TR_ERR_INVALID_ARG, ::TR_ERR_CANCELLED or ::TR_ERR_NOMEM.
 */
TR_EXTERN int tr_shingle_index_all_pairs(const tr_shingle_index *index, tr_unit_kind kind,
                                         const tr_analysis_options *options, tr_pair_fn fn,
                                         void *user_data);

/**
 * @brief The @p top units most similar to each of the given units, streamed.
 *
 * For each unit of @p units in turn (a), every other unit b of the same kind
 * that shares at least one shingle with it is a candidate; the candidates are
 * ranked by falling Jaccard, equal Jaccard by rising unit index, and the first
 * @p top are handed to @p fn in rank order as (a, b, intersection, union).
 * This is what `traderules corpus similar ID --top N` prints.
 * @param index The index.
 * @param kind The unit kind.
 * @param units The unit indexes (each < tr_shingle_index_unit_count()); may be
 *        NULL when @p count is 0.
 * @param count Their number.
 * @param top How many per unit (0: none).
 * @param options Progress (units done) and cancellation (checked between units);
 *        filter and ids must be unset. NULL: none.
 * @param fn Called for each (unit, neighbour), from the calling thread; a non-zero
 *        return stops. @param user_data Passed to @p fn.
 * @return ::TR_OK, the callback's non-zero value when it stopped,
 *         ::TR_ERR_INVALID_ARG (NULL index or callback, unknown kind, unit out of
 *         range), ::TR_ERR_CANCELLED or ::TR_ERR_NOMEM.
 */
TR_EXTERN int tr_shingle_index_most_similar(const tr_shingle_index *index, tr_unit_kind kind,
                                            const size_t *units, size_t count, size_t top,
                                            const tr_analysis_options *options, tr_pair_fn fn,
                                            void *user_data);

/** @brief Number of pairs (0 for NULL). */
TR_EXTERN size_t tr_pair_list_count(const tr_pair_list *list);
/**
 * @brief Pair @p i: unit indexes @p a and @p b, Jaccard, |A∩B| and |A∪B| (each output optional).
 * @return ::TR_OK or ::TR_ERR_INVALID_ARG if @p i is out of range.
 */
TR_EXTERN int tr_pair_list_get(const tr_pair_list *list, size_t i, size_t *a, size_t *b,
                               double *jaccard, size_t *intersection, size_t *union_size);
/** @brief Free a pair list. NULL is ignored. */
TR_EXTERN void tr_pair_list_free(tr_pair_list *list);

/* ------------------------------------------------------------------------ */
/* MinHash signatures                                                       */
/* ------------------------------------------------------------------------ */

/**
 * @brief A MinHash signature of a shingle set (opaque), for corpora too large
 *        to compare exactly on one machine.
 *
 * Signature slot i holds the minimum over the set's shingles of
 * h_i(s) = mix64(FNV-1a-64(s bytes) XOR key_i), with key_i derived from the
 * seed (splitmix64) and mix64 the splitmix64 finaliser (a bijection). It depends
 * only on the shingle strings, @p k and the seed, so signatures made on
 * different machines compare and merge. The estimate is the fraction of equal
 * slots. Ignoring 64-bit hash collisions it is unbiased with standard error
 * sqrt(J(1-J)/k) <= 1/(2 sqrt(k)), and by Hoeffding
 * P(|estimate - J| >= eps) <= 2 exp(-2 k eps^2): for k = 256, |error| < 0.1
 * with probability > 99.4%. Merging (slot-wise minimum) gives exactly the
 * signature of the union of the two sets.
 */
typedef struct tr_minhash tr_minhash;

/**
 * @brief The signature of a set.
 * @param set The shingle set (from text or from tr_shingle_index_unit_set()).
 * @param k Number of slots, 1..65536.
 * @param seed Hash seed (same on both sides to compare).
 * @param[out] out The new signature; free with tr_minhash_free().
 */
TR_EXTERN int tr_minhash_new(const tr_shingle_set *set, unsigned k, uint64_t seed,
                             tr_minhash **out);
/** @brief Merge @p other into @p into (becomes the signature of the union); both must share k and seed. */
TR_EXTERN int tr_minhash_merge(tr_minhash *into, const tr_minhash *other);
/**
 * @brief Estimated Jaccard of the sets of two signatures.
 * @return ::TR_OK or ::TR_ERR_INVALID_ARG if k or seed differ.
 */
TR_EXTERN int tr_minhash_estimate(const tr_minhash *a, const tr_minhash *b, double *jaccard);
/**
 * @brief Serialise a signature: "TRMH", u32 version (1), u32 k, u32 zero,
 *        u64 seed, then k u64 slots, all little-endian (24 + 8k bytes).
 * @param m The signature.
 * @param[out] data New buffer; free with tr_free().
 * @param[out] len Its size.
 */
TR_EXTERN int tr_minhash_serialize(const tr_minhash *m, void **data, size_t *len);
/** @brief Read a serialised signature; ::TR_ERR_PARSE if malformed. Free the result with tr_minhash_free(). */
TR_EXTERN int tr_minhash_deserialize(const void *data, size_t len, tr_minhash **out);
/** @brief Free a signature. NULL is ignored. */
TR_EXTERN void tr_minhash_free(tr_minhash *m);

/**
 * @brief The MinHash signature of a text, written into a caller buffer (no
 *        handle): for distributed or batch work, e.g. one call per article on
 *        the workers of a cluster.
 *
 * The slots are exactly those of tr_minhash_new() on the set of
 * tr_shingle_set_from_text(@p text, @p len, @p kind, @p n) with the same
 * @p k and @p seed (the slots of a serialised signature), so signatures made
 * by this function and by ::tr_minhash handles, on any machine, compare and
 * merge (slot-wise minimum = the signature of the union). Shingle strings
 * are hashed as they are read (no shingle set is built), so it is several
 * times faster than building the set and calling tr_minhash_new().
 * @param text UTF-8 text.
 * @param len Its length in bytes, or -1 if NUL-terminated.
 * @param kind The shingle definition.
 * @param n Shingle length (1..64).
 * @param k Number of slots, 1..65536.
 * @param seed Hash seed.
 * @param[out] slots Caller-allocated array of @p k values; every slot is
 *        UINT64_MAX when the text has no shingles.
 * @param[out] shingles Optional: the number of shingles of the text counted
 *        with repeats (the n-grams or q-grams of tr_shingle_set_from_text()
 *        before deduplication); 0 means an empty set, which pairs with nothing.
 * @return ::TR_OK, ::TR_ERR_ENCODING, ::TR_ERR_INVALID_ARG or ::TR_ERR_NOMEM;
 *         on failure @p slots is unspecified.
 */
TR_EXTERN int tr_minhash_text(const char *text, long len, tr_shingle_kind kind, unsigned n,
                              unsigned k, uint64_t seed, uint64_t *slots, size_t *shingles);

/**
 * @brief Locality-sensitive hashing (LSH) band keys of a signature.
 *
 * The first @p bands x @p rows slots are cut into @p bands bands of @p rows
 * consecutive slots; two sets with Jaccard J share the key of a given band
 * with probability J^rows (two equal bands always share it), and at least one
 * key with probability 1 - (1 - J^rows)^bands (the S-curve). Key b is
 * h = mix64(0x4C5348 + 0x9E3779B97F4A7C15 * (b + 1)), then
 * h = mix64(h XOR slots[b * rows + r]) for r = 0 .. rows - 1, with mix64 the
 * splitmix64 finaliser (as in the signature): it depends only on the band
 * index and its slots, so keys made on different machines join. Different
 * bands or slots give the same key only by a 64-bit collision (a false
 * candidate, which an exact verification removes).
 * @param slots The signature's slots (from tr_minhash_text() or a serialised signature).
 * @param k Their number.
 * @param bands Number of bands, >= 1.
 * @param rows Slots per band, >= 1; @p bands x @p rows <= @p k.
 * @param[out] keys Caller-allocated array of @p bands keys.
 * @return ::TR_OK or ::TR_ERR_INVALID_ARG.
 */
TR_EXTERN int tr_minhash_band_keys(const uint64_t *slots, unsigned k, unsigned bands,
                                   unsigned rows, uint64_t *keys);

/* ------------------------------------------------------------------------ */
/* E-commerce templates (US and EU reference groups)                        */
/* ------------------------------------------------------------------------ */

/**
 * @brief Is @p name the name of an e-commerce chapter?
 *
 * After UTF-8 lowercasing, the name must be exactly one of "electronic commerce",
 * "e-commerce", "comercio electrónico", "commerce électronique" or
 * "electronic commerce chapter" (so "Electronic Commerce and Digital Trade" is not).
 * @param name A chapter name (UTF-8), or NULL.
 * @return 1 or 0 (0 for NULL or invalid UTF-8).
 */
TR_EXTERN int tr_corpus_is_ecommerce_name(const char *name);
/** @brief tr_corpus_is_ecommerce_name() of a chapter's name: 1 or 0 (0 if out of range). */
TR_EXTERN int tr_corpus_chapter_is_ecommerce(const tr_corpus *corpus, size_t chapter);

/** @brief The reference group of an e-commerce template unit. */
typedef enum tr_ecommerce_group { /* values are ABI */
  TR_ECOMMERCE_GROUP_NONE = 0, /**< Not a reference unit (or: neither group is closer). */
  TR_ECOMMERCE_GROUP_US = 1,   /**< The US template (the 11 reference agreements below). */
  TR_ECOMMERCE_GROUP_EU = 2    /**< The EU template (the 7 reference agreements below). */
} tr_ecommerce_group;

/** @brief "US" or "EU"; NULL for ::TR_ECOMMERCE_GROUP_NONE and unknown values (static string). */
TR_EXTERN const char *tr_ecommerce_group_name(tr_ecommerce_group group);

/** @brief Flags of tr_ecommerce_templates_new(). */
typedef enum tr_ecommerce_flags {
  TR_ECOMMERCE_DEFAULT = 0,           /**< A unit's set is the union of its article sets. */
  TR_ECOMMERCE_JOIN_ARTICLES = 1 << 0 /**< The set of its article texts joined with one space
                                           (shingles across articles). */
} tr_ecommerce_flags;

/** @brief The e-commerce template units of a corpus and their similarities (opaque).
 *  Free with tr_ecommerce_templates_free(). */
typedef struct tr_ecommerce_templates tr_ecommerce_templates;

/**
 * @brief Find the e-commerce chapters of a corpus and compare them with the US
 *        and EU templates (what `traderules corpus templates` prints).
 *
 * Units, in this order: (1) the project's reference selection (ToTA
 * v0.5.0), in its order: for each reference agreement present (by ToTA id),
 * the articles of its chapter named exactly "Electronic Commerce" with the
 * reference number label (US: ids 17, 23, 26, 37, 52, 156, 157, 158, 159, 342,
 * 449; EU: 368, 388, 395), or its reference articles (by number label) in a
 * chapter whose name contains "Electronic Commerce" (EU: 145, 392, 427, 428);
 * a reference agreement with none of them gives no unit. (2) Then, in corpus
 * order, every chapter named like an e-commerce chapter
 * (tr_corpus_is_ecommerce_name()) that has articles, of an agreement that has
 * no unit yet (so at most one unit per agreement), in group
 * ::TR_ECOMMERCE_GROUP_NONE. Each unit's shingle set uses the index's shingle
 * kind and length (see ::tr_ecommerce_flags).
 * @param index The index (its corpus is read).
 * @param flags ::tr_ecommerce_flags.
 * @param options Threads (the unit sets and the similarities are computed in
 *        parallel; NULL: the index's count, threads 0: one per processor),
 *        progress (units whose set is built) and cancellation; filter and ids
 *        must be unset. NULL: no progress or cancellation.
 * @param[out] out The new result (NULL on error); free with tr_ecommerce_templates_free().
 * @return ::TR_OK, ::TR_ERR_INVALID_ARG, ::TR_ERR_CANCELLED or ::TR_ERR_NOMEM.
 *         A corpus without e-commerce chapters gives a result with 0 units.
 */
TR_EXTERN int tr_ecommerce_templates_new(const tr_shingle_index *index, unsigned flags,
                                         const tr_analysis_options *options,
                                         tr_ecommerce_templates **out);
/** @brief Free a result and everything borrowed from it. NULL is ignored. */
TR_EXTERN void tr_ecommerce_templates_free(tr_ecommerce_templates *templates);
/** @brief Number of units (0 for NULL). */
TR_EXTERN size_t tr_ecommerce_templates_count(const tr_ecommerce_templates *templates);
/**
 * @brief Unit @p i (each output optional).
 * @param templates The result.
 * @param i The unit, 0 .. count - 1.
 * @param[out] agreement Its agreement (corpus index).
 * @param[out] group Its reference group (::TR_ECOMMERCE_GROUP_NONE if not a reference unit).
 * @param[out] label The reference chapter label, "e-commerce articles" (reference
 *        articles), or the chapter's number label, or "e-commerce chapter" when the
 *        chapter has none; borrowed, lives as long as @p templates.
 * @return ::TR_OK or ::TR_ERR_INVALID_ARG (NULL, or @p i out of range).
 */
TR_EXTERN int tr_ecommerce_templates_unit(const tr_ecommerce_templates *templates, size_t i,
                                          size_t *agreement, tr_ecommerce_group *group,
                                          const char **label);
/**
 * @brief The articles (global corpus indexes, in corpus order) of unit @p i.
 * @param templates The result.
 * @param i The unit.
 * @param[out] count Optional: their number (0 on error).
 * @return Borrowed array, lives as long as @p templates; NULL if @p i is out of range.
 */
TR_EXTERN const size_t *tr_ecommerce_templates_articles(const tr_ecommerce_templates *templates,
                                                        size_t i, size_t *count);
/** @brief The shingle set of unit @p i; borrowed, lives as long as @p templates; NULL if out of range. */
TR_EXTERN const tr_shingle_set *tr_ecommerce_templates_set(const tr_ecommerce_templates *templates,
                                                           size_t i);
/**
 * @brief Mean Jaccard of unit @p i to the units of one reference group, itself excluded.
 * @param templates The result.
 * @param i The unit.
 * @param group ::TR_ECOMMERCE_GROUP_US or ::TR_ECOMMERCE_GROUP_EU.
 * @param[out] mean Optional: the mean (0 when there is no other unit in the group).
 * @param[out] count Optional: the number of units averaged.
 * @return ::TR_OK or ::TR_ERR_INVALID_ARG.
 */
TR_EXTERN int tr_ecommerce_templates_mean(const tr_ecommerce_templates *templates, size_t i,
                                          tr_ecommerce_group group, double *mean, size_t *count);
/**
 * @brief The group unit @p i is closer to: the one with the higher mean
 *        (tr_ecommerce_templates_mean()), ::TR_ECOMMERCE_GROUP_NONE when the means are equal.
 * @return ::TR_OK or ::TR_ERR_INVALID_ARG.
 */
TR_EXTERN int tr_ecommerce_templates_closest(const tr_ecommerce_templates *templates, size_t i,
                                             tr_ecommerce_group *out);
/**
 * @brief Jaccard statistics over the pairs of units of groups @p a and @p b:
 *        within a group when a == b (each pair once), across groups otherwise.
 * @param templates The result.
 * @param a ::TR_ECOMMERCE_GROUP_US or ::TR_ECOMMERCE_GROUP_EU.
 * @param b The same or the other group.
 * @param[out] pairs Optional: the number of pairs.
 * @param[out] mean Optional: their mean Jaccard (0 without pairs).
 * @param[out] min Optional: the lowest (0 without pairs).
 * @param[out] max Optional: the highest (0 without pairs).
 * @return ::TR_OK or ::TR_ERR_INVALID_ARG.
 */
TR_EXTERN int tr_ecommerce_templates_compare(const tr_ecommerce_templates *templates,
                                             tr_ecommerce_group a, tr_ecommerce_group b,
                                             size_t *pairs, double *mean, double *min, double *max);

/* ---- where the time goes ---- */

/** Phases timed on every corpus (accumulated since tr_corpus_new()). */
typedef enum tr_corpus_phase {
  TR_PHASE_INGEST = 0,   /**< tr_corpus_load(), tr_corpus_load_memory(): reading, UTF-8 check, XML */
  TR_PHASE_TOKENIZE = 1, /**< tr_shingle_index_new(): tokenising, token dictionary, flat token array */
  TR_PHASE_INTERN = 2,   /**< tr_shingle_index_new(): exact interning of shingles */
  TR_PHASE_SETS = 3,     /**< article sets (index) and unit sets (agreements, chapters) */
  TR_PHASE_JOIN = 4,     /**< all-pairs product (matrix), threshold join (pairs), trace */
  TR_PHASE_COUNT = 5     /**< number of phases (not a phase) */
} tr_corpus_phase;

/**
 * @brief Time spent so far in one phase on this corpus and on indexes built from it.
 * @param corpus The corpus.
 * @param phase The phase.
 * @param[out] wall_seconds Elapsed (monotonic clock) seconds, or NULL.
 * @param[out] cpu_seconds CPU seconds of the whole process (all threads) while the phase
 *             ran, or NULL. When several analyses run at once, their CPU time overlaps.
 * @return ::TR_OK or ::TR_ERR_INVALID_ARG.
 */
TR_EXTERN int tr_corpus_phase_time(const tr_corpus *corpus, tr_corpus_phase phase,
                                   double *wall_seconds, double *cpu_seconds);
/** @brief Short name of a phase ("ingest", "tokenize", "intern", "sets", "join"), or NULL. */
TR_EXTERN const char *tr_corpus_phase_name(tr_corpus_phase phase);

TR_END_DECLS

#endif /* TRADERULES_CORPUS_H */
