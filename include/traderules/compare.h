/*
 * libtraderules - digital trade rules as comparable data
 * SPDX-License-Identifier: MIT
 */
/**
 * @file compare.h
 * @brief Templates, provision-by-provision comparison, distances, classification,
 *        barrier coverage, multilateral common ground and timelines.
 *
 * The formulas and rules are explained with examples in docs/compare.md.
 *
 * **Positions.** Everything here works on *positions*: for each provision
 * category, a legal strength and a set of exceptions. An agreement's position
 * is its provision (a category it does not code is "not coded", treated like
 * ::TR_STRENGTH_UNKNOWN). A provision flagged ::TR_PROVISION_SUSPENDED counts
 * as ::TR_STRENGTH_NONE (it does not bind) and keeps its citation. Unknown is
 * never read as none: a category that either side does not know is left out
 * of every measure and reported separately.
 *
 * **Templates.** A ::tr_template is the set of positions of a group of member
 * agreements, derived per category by a ::tr_template_rule, with the
 * citations of the members that support each position. A template made from
 * a single agreement has exactly that agreement's positions, so every
 * analysis below takes templates and works the same for agreements.
 *
 * **Ownership.** Every `*_new*()` function gives the caller an object to free
 * with the matching `*_free()`. A template copies what it needs from the
 * agreements (it does not borrow the catalog). Analysis objects keep their own
 * reference to the templates they were built from, so a template may be freed
 * before them. Getters return borrowed pointers that live as long as the
 * object they come from.
 *
 * **Threads.** All objects here are immutable once built and may be read from
 * several threads at once.
 */
#ifndef TRADERULES_COMPARE_H
#define TRADERULES_COMPARE_H

#include <traderules/common.h>
#include <traderules/model.h>
#include <traderules/catalog.h>
#include <traderules/analysis.h>

TR_BEGIN_DECLS

/* ------------------------------------------------------------------------ */
/** @name Templates */
/**@{*/

/** @brief How a template derives its position in each category from its members. */
typedef enum tr_template_rule {
  /** "majority": the strength held by most members that code the category
   *  (unknown and not coded do not vote); a tie goes to the stronger level. */
  TR_TEMPLATE_RULE_MAJORITY = 0,
  /** "strongest": the strongest level any member holds. */
  TR_TEMPLATE_RULE_STRONGEST = 1,
  /** "weakest": the weakest level among members that code the category (the common floor). */
  TR_TEMPLATE_RULE_WEAKEST = 2
} tr_template_rule;

/** @brief String id of a rule ("majority", "strongest", "weakest"); NULL if invalid. */
TR_EXTERN const char *tr_template_rule_id(tr_template_rule rule);
/** @brief Parse a rule id. @return ::TR_OK, ::TR_ERR_INVALID_ARG or ::TR_ERR_NOT_FOUND. */
TR_EXTERN int tr_template_rule_from_id(const char *id, tr_template_rule *out);

/** @brief What a template was made from. */
typedef enum tr_template_kind {
  TR_TEMPLATE_KIND_AGREEMENT = 0, /**< A single agreement (tr_template_new_from_agreement()). */
  TR_TEMPLATE_KIND_BUILTIN = 1,   /**< A built-in template ("american", "european"). */
  TR_TEMPLATE_KIND_USER = 2       /**< A user-defined group of agreements. */
} tr_template_kind;

/** @brief Opaque template: per-category positions derived from member agreements. */
typedef struct tr_template tr_template;

/**
 * @brief Number of built-in templates (currently 2: "american" and "european").
 */
TR_EXTERN size_t tr_template_builtin_count(void);
/** @brief Name of built-in template @p index, e.g. "american"; NULL if out of range. Static string. */
TR_EXTERN const char *tr_template_builtin_name(size_t index);
/**
 * @brief Deprecated: built-in templates are rules over the catalog, not id lists.
 *
 * Since the dated templates (docs/compare.md "Built-in templates") a built-in
 * template's members depend on the catalog; build the template and read
 * tr_template_member_at().
 * @param name "american" or "european".
 * @param[out] count Receives 0 (may be NULL).
 * @return An empty static NULL-terminated array for a built-in name, NULL otherwise.
 */
TR_EXTERN const char *const *tr_template_builtin_members(const char *name, size_t *count);

/**
 * @brief Derive a built-in template in its current view.
 *
 * Members are chosen by a rule over catalog data (docs/compare.md "Built-in
 * templates"): agreements of the family (american, european) that have the
 * family's leader (USA, EU) among their parties, are bilateral, regional or
 * plurilateral treaties (not negotiating texts, not WTO instruments), are
 * signed in or after the year of the family's current model (american 2016,
 * TPP; european 2018, EU-Japan), and do not amend another member
 * (`based_on`). The rule is ::TR_TEMPLATE_RULE_MAJORITY;
 * tr_template_get_selection() states the rule, tr_template_member_at() the members.
 * @param catalog The catalog to read (only read during the call).
 * @param name "american" or "european".
 * @param[out] out Receives the template; free with tr_template_free().
 * @return ::TR_OK, ::TR_ERR_INVALID_ARG, ::TR_ERR_NOT_FOUND (not a built-in name),
 *         ::TR_ERR_EMPTY (no agreement of the catalog matches the rule) or ::TR_ERR_NOMEM.
 */
TR_EXTERN int tr_template_new_builtin(const tr_catalog *catalog, const char *name, tr_template **out);

/**
 * @brief A built-in template in its dated view: the same rule as
 *        tr_template_new_builtin(), over every agreement signed from the family's
 *        first e-commerce chapter (american 2003, US-Singapore; european 2008,
 *        EU-CARIFORUM) up to @p year inclusive.
 *
 * `american@2016` and `european@2016` are the seed paper's view
 * (tr_template_seed_paper_year()).
 * @param catalog The catalog to read.
 * @param name "american" or "european".
 * @param year The last signature year to include (> 0).
 * @param[out] out Receives the template, named e.g. "european@2016"; free with tr_template_free().
 * @return as tr_template_new_builtin(); ::TR_ERR_INVALID_ARG for @p year <= 0.
 */
TR_EXTERN int tr_template_new_builtin_until(const tr_catalog *catalog, const char *name, int year,
                                            tr_template **out);

/** @brief The year of the seed paper's view of the built-in templates (2016). */
TR_EXTERN int tr_template_seed_paper_year(void);

/**
 * @brief Make a template holding exactly the positions of one agreement.
 * @param agreement The agreement (only read during the call).
 * @param[out] out Receives the template (named after the agreement id); free with tr_template_free().
 * @return ::TR_OK, ::TR_ERR_INVALID_ARG or ::TR_ERR_NOMEM.
 */
TR_EXTERN int tr_template_new_from_agreement(const tr_agreement *agreement, tr_template **out);

/**
 * @brief Make a user-defined template from agreement ids.
 * @param catalog Where the ids are looked up.
 * @param name Name of the template (copied), e.g. "asian".
 * @param ids Array of agreement ids; duplicates are ignored.
 * @param count Number of ids.
 * @param rule How positions are derived.
 * @param[out] out Receives the template; free with tr_template_free().
 * @return ::TR_OK, ::TR_ERR_INVALID_ARG, ::TR_ERR_NOT_FOUND (an id is not in the catalog;
 *         the message names it), ::TR_ERR_EMPTY (@p count is 0) or ::TR_ERR_NOMEM.
 */
TR_EXTERN int tr_template_new_from_ids(const tr_catalog *catalog, const char *name,
                                       const char *const *ids, size_t count,
                                       tr_template_rule rule, tr_template **out);

/**
 * @brief Make a user-defined template from the agreements matching a filter
 *        (party, family, kind, status, year range; see catalog.h).
 * @param catalog Where the agreements are selected.
 * @param name Name of the template (copied).
 * @param filter The filter; NULL selects the whole catalog.
 * @param rule How positions are derived.
 * @param[out] out Receives the template; free with tr_template_free().
 * @return ::TR_OK, ::TR_ERR_INVALID_ARG, ::TR_ERR_EMPTY (nothing matches) or ::TR_ERR_NOMEM.
 */
TR_EXTERN int tr_template_new_from_filter(const tr_catalog *catalog, const char *name,
                                          const tr_filter *filter, tr_template_rule rule,
                                          tr_template **out);

/**
 * @brief Resolve a template specification (the grammar every command and
 *        binding uses; docs/compare.md "Template specifications").
 *
 * - `american`, `european`: a built-in template, current view (tr_template_new_builtin());
 * - `NAME@YEAR`: a built-in template, dated view (tr_template_new_builtin_until());
 * - `key=value+key=value...`: a user-defined template with keys `ids=A,B,C`, or
 *   any of `family=F`, `party=P`, `years=FROM-TO` (FROM-, -TO, YEAR); optionally
 *   `rule=majority|strongest|weakest` and `name=LABEL` (the template's name;
 *   default: the specification). Each key at most once; `ids` excludes the filter keys;
 *   every value must be valid (e.g. `years=2020-2010` is an error, not ignored);
 * - anything else: an agreement id.
 * @param catalog Where agreements are looked up.
 * @param name The specification.
 * @param[out] out Receives the template (NULL on error); free with tr_template_free().
 * @return ::TR_OK, ::TR_ERR_INVALID_ARG (a malformed specification; the message
 *         names it and the offending part), ::TR_ERR_NOT_FOUND ("no agreement or template
 *         named ...", or an id of `ids=`), ::TR_ERR_EMPTY (nothing selected) or ::TR_ERR_NOMEM.
 */
TR_EXTERN int tr_template_resolve(const tr_catalog *catalog, const char *name, tr_template **out);

/** @brief Free a template (analyses built from it keep their own reference). NULL is ignored. */
TR_EXTERN void tr_template_free(tr_template *tmpl);

/** @brief Name, borrowed (an agreement id for ::TR_TEMPLATE_KIND_AGREEMENT). */
TR_EXTERN const char *tr_template_get_name(const tr_template *tmpl);
/** @brief What the template was made from. */
TR_EXTERN tr_template_kind tr_template_get_kind(const tr_template *tmpl);
/**
 * @brief How the members were chosen, in words, borrowed: for a built-in template its view
 *        and member rule (e.g. "dated (the seed paper's) view: family american, USA a party,
 *        ..., signed 2003-2016 ..."), for a user-defined one its keys and rule, for an
 *        agreement "agreement ID". Every command prints it with the members.
 */
TR_EXTERN const char *tr_template_get_selection(const tr_template *tmpl);
/** @brief Derivation rule (::TR_TEMPLATE_RULE_MAJORITY for a single agreement). */
TR_EXTERN tr_template_rule tr_template_get_rule(const tr_template *tmpl);
/** @brief Number of member agreements. */
TR_EXTERN size_t tr_template_member_count(const tr_template *tmpl);
/** @brief Id of member @p index, borrowed; NULL if out of range. */
TR_EXTERN const char *tr_template_member_at(const tr_template *tmpl, size_t index);
/** @brief Signature year of member @p index, 0 if unknown or out of range. */
TR_EXTERN int tr_template_member_year(const tr_template *tmpl, size_t index);

/** @brief Position strength in @p category (effective: suspended counts as none); ::TR_STRENGTH_UNKNOWN if no member knows it. */
TR_EXTERN tr_strength tr_template_get_strength(const tr_template *tmpl, tr_category category);
/**
 * @brief Exceptions of the position: the flags held by at least half of the
 *        supporting members (for a single agreement, its provision's flags).
 */
TR_EXTERN unsigned int tr_template_get_exceptions(const tr_template *tmpl, tr_category category);
/** @brief Union of the ::tr_provision_flag bits of the supporting members. */
TR_EXTERN unsigned int tr_template_get_flags(const tr_template *tmpl, tr_category category);
/** @brief Number of members whose strength in @p category is known (the voters). */
TR_EXTERN size_t tr_template_coded_count(const tr_template *tmpl, tr_category category);
/**
 * @brief Number of supporting members: members whose effective strength equals the
 *        position. Their citations are the template's citations for @p category.
 */
TR_EXTERN size_t tr_template_support_count(const tr_template *tmpl, tr_category category);
/** @brief Agreement id of supporting member @p index in @p category, borrowed; NULL if out of range. */
TR_EXTERN const char *tr_template_support_agreement(const tr_template *tmpl, tr_category category, size_t index);
/** @brief Citation of supporting member @p index (e.g. "Art. 14.11.2"), borrowed; NULL if none or out of range. */
TR_EXTERN const char *tr_template_support_citation(const tr_template *tmpl, tr_category category, size_t index);
/**
 * @brief The position's citations as one string, e.g. "TPP Art. 14.11.2; USMCA Art. 19.11".
 *        For a single agreement, just its citation.
 * @param tmpl The template.
 * @param category The category.
 * @param[out] out Receives a new string (possibly empty); free with tr_free().
 * @return ::TR_OK, ::TR_ERR_INVALID_ARG or ::TR_ERR_NOMEM.
 */
TR_EXTERN int tr_template_citations(const tr_template *tmpl, tr_category category, char **out);

/** @brief The aspects in which two carve-outs can differ (a bit set). */
typedef enum tr_carveout_aspect {
  TR_CARVEOUT_EXCEPTIONS = 1u << 0,    /**< "exceptions": the exception flags differ. */
  TR_CARVEOUT_BREADTH = 1u << 1,       /**< "breadth": sector vs specific measures vs general exception. */
  TR_CARVEOUT_FORM = 1u << 2,          /**< "form": stand-alone clause vs WTO exception incorporated by reference. */
  TR_CARVEOUT_INCORPORATES = 1u << 3,  /**< "incorporates": different WTO exceptions incorporated (GATS XIV, GATT XX). */
  TR_CARVEOUT_SELF_JUDGING = 1u << 4,  /**< "self_judging": one side lets the Party alone decide, the other not. */
  TR_CARVEOUT_CHAPTERS = 1u << 5,      /**< "chapters": the carve-outs cover different chapters. */
  TR_CARVEOUT_SCOPE_UNKNOWN = 1u << 6  /**< "scope_unknown": a side records no scope, so the scopes cannot be compared. */
} tr_carveout_aspect;

/** @brief String id of one aspect bit ("breadth", ...); NULL if not a single valid bit. */
TR_EXTERN const char *tr_carveout_aspect_id(tr_carveout_aspect aspect);

/**
 * @brief The scope of a template's carve-out in @p category, in words: breadth, form
 *        (what it incorporates), self-judging, chapters; the union over the supporting
 *        members that record an exception scope, e.g. "sector, standalone, not self-judging;
 *        chapters: services".
 * @param tmpl The template.
 * @param category The category.
 * @param[out] out Receives the string ("" when no supporter records a scope); free with tr_free().
 * @return ::TR_OK or ::TR_ERR_INVALID_ARG.
 */
TR_EXTERN int tr_template_describe_scope(const tr_template *tmpl, tr_category category, char **out);
/**@}*/

/* ------------------------------------------------------------------------ */
/** @name Pairwise comparison */
/**@{*/

/** @brief How two positions in one category relate. Levels: none < soft < mixed < hard. */
typedef enum tr_relation {
  TR_RELATION_BOTH_UNKNOWN = 0,       /**< "both_unknown": neither side knows (unknown or not coded). */
  TR_RELATION_SAME = 1,               /**< "same": same strength and same exceptions (includes both none). */
  TR_RELATION_FIRST_STRONGER = 2,     /**< "first_stronger": both have a provision, the first binds more. */
  TR_RELATION_SECOND_STRONGER = 3,    /**< "second_stronger": both have a provision, the second binds more. */
  TR_RELATION_ONLY_FIRST = 4,         /**< "only_first": the first has a provision, the second none. */
  TR_RELATION_ONLY_SECOND = 5,        /**< "only_second": the second has a provision, the first none. */
  TR_RELATION_DIFFERENT_CARVEOUTS = 6,/**< "different_carveouts": same strength (not none), different exceptions. */
  TR_RELATION_FIRST_UNKNOWN = 7,      /**< "first_unknown": only the second side's strength is known. */
  TR_RELATION_SECOND_UNKNOWN = 8      /**< "second_unknown": only the first side's strength is known. */
} tr_relation;

/** @brief Number of relation values (0..tr_relation_count()-1). */
TR_EXTERN int tr_relation_count(void);
/** @brief String id of a relation (see ::tr_relation); NULL if invalid. */
TR_EXTERN const char *tr_relation_id(tr_relation relation);
/** @brief Short human-readable description, e.g. "first stronger"; NULL if invalid. */
TR_EXTERN const char *tr_relation_title(tr_relation relation);
/** @brief Parse a relation id. @return ::TR_OK, ::TR_ERR_INVALID_ARG or ::TR_ERR_NOT_FOUND. */
TR_EXTERN int tr_relation_from_id(const char *id, tr_relation *out);
/**
 * @brief Nonzero if the two sides differ in a category of this relation: every
 *        relation but ::TR_RELATION_SAME and ::TR_RELATION_BOTH_UNKNOWN (one side
 *        unknown counts as a difference). This is what `compare --diff` keeps and
 *        the `differs` member of its JSON. 0 for an invalid value.
 */
TR_EXTERN int tr_relation_differs(tr_relation relation);

/** @brief Opaque result of comparing two templates (or agreements), category by category. */
typedef struct tr_comparison tr_comparison;

/**
 * @brief Compare two templates in every category.
 * @param first,second The two sides (the comparison keeps its own reference).
 * @param[out] out Receives the result; free with tr_comparison_free().
 * @return ::TR_OK, ::TR_ERR_INVALID_ARG or ::TR_ERR_NOMEM.
 */
TR_EXTERN int tr_comparison_new(const tr_template *first, const tr_template *second, tr_comparison **out);
/**
 * @brief Compare two agreements (shorthand for two single-agreement templates).
 * @return as tr_comparison_new().
 */
TR_EXTERN int tr_comparison_new_agreements(const tr_agreement *first, const tr_agreement *second,
                                           tr_comparison **out);
/** @brief Free a comparison. NULL is ignored. */
TR_EXTERN void tr_comparison_free(tr_comparison *cmp);

/** @brief The first side, borrowed (lives as long as @p cmp). */
TR_EXTERN const tr_template *tr_comparison_get_first(const tr_comparison *cmp);
/** @brief The second side, borrowed (lives as long as @p cmp). */
TR_EXTERN const tr_template *tr_comparison_get_second(const tr_comparison *cmp);
/** @brief Number of rows: one per category, in category order (= tr_category_count()). */
TR_EXTERN size_t tr_comparison_count(const tr_comparison *cmp);
/** @brief Category of row @p index; ::TR_CATEGORY_UNKNOWN if out of range. */
TR_EXTERN tr_category tr_comparison_category_at(const tr_comparison *cmp, size_t index);
/** @brief Relation of row @p index; ::TR_RELATION_BOTH_UNKNOWN if out of range. */
TR_EXTERN tr_relation tr_comparison_relation_at(const tr_comparison *cmp, size_t index);
/** @brief Relation in @p category; ::TR_RELATION_BOTH_UNKNOWN if invalid. */
TR_EXTERN tr_relation tr_comparison_get_relation(const tr_comparison *cmp, tr_category category);

/**
 * @brief How two sides' carve-outs differ (bits of ::tr_carveout_aspect).
 *
 * Computed when both sides hold a provision (soft or stronger) in @p category:
 * the exception flags, and the exception scope of the members that hold the
 * position (docs/compare.md "Carve-out scope"). The relation and the distance
 * look at the exception flags only; the scope is reported here, beside them.
 * @return The aspects that differ; 0 if none, if a side holds no provision, or if
 *         @p category is invalid.
 */
TR_EXTERN unsigned int tr_comparison_carveout_aspects(const tr_comparison *cmp, tr_category category);
/**
 * @brief Words for tr_comparison_carveout_aspects(), e.g. "breadth, form differ; american:
 *        measure, incorporated (GATS XIV), not self-judging; european: sector, standalone, ...".
 * @param cmp The comparison.
 * @param category The category.
 * @param[out] out Receives a string ("" when nothing differs); free with tr_free().
 * @return ::TR_OK or ::TR_ERR_INVALID_ARG.
 */
TR_EXTERN int tr_comparison_describe_carveouts(const tr_comparison *cmp, tr_category category, char **out);
/** @brief Number of categories with relation @p relation. */
TR_EXTERN size_t tr_comparison_relation_count(const tr_comparison *cmp, tr_relation relation);

/** @brief Number of categories whose strength both sides know (the base of every measure). */
TR_EXTERN size_t tr_comparison_comparable_count(const tr_comparison *cmp);
/**
 * @brief Share of comparable categories in which the two sides are the same
 *        (relation ::TR_RELATION_SAME): same / comparable. NaN if nothing is comparable.
 */
TR_EXTERN double tr_comparison_agreement_share(const tr_comparison *cmp);
/**
 * @brief Distance in [0, 1] (a Gower distance over ordinal strength levels).
 *
 * Over the comparable categories C: D = sum_c w_c d_c / sum_c w_c with
 * d_c = |L1 - L2| / 3 (levels none 0, soft 1, mixed 2, hard 3), or 1/6 when
 * the levels are equal and above none but the exceptions differ. All weights
 * are 1 here. NaN if nothing is comparable.
 */
TR_EXTERN double tr_comparison_distance(const tr_comparison *cmp);
/**
 * @brief The same distance with one weight per category.
 * @param cmp The comparison.
 * @param weights Array indexed by category - 1 (weights[0] is ::TR_CATEGORY_ECOM_GENERAL),
 *        each finite and >= 0. @param count Its length; missing entries weigh 1.
 * @param[out] out Receives the distance (NaN if the comparable weight sum is 0).
 * @return ::TR_OK or ::TR_ERR_INVALID_ARG (NULL, negative or non-finite weight).
 */
TR_EXTERN int tr_comparison_distance_weighted(const tr_comparison *cmp, const double *weights,
                                              size_t count, double *out);
/** @brief Similarity for clustering: 1 - tr_comparison_distance(); NaN if nothing is comparable. */
TR_EXTERN double tr_comparison_similarity(const tr_comparison *cmp);
/**@}*/

/* ------------------------------------------------------------------------ */
/** @name All-pairs distance matrix */
/**@{*/

/** @brief Opaque symmetric matrix of distances between the agreements of a catalog. */
typedef struct tr_matrix tr_matrix;

/**
 * @brief Compute the distance (as tr_comparison_distance()) between every pair of
 *        the agreements that @p options select.
 *
 * Works on a compact bit-sliced encoding and stores each pair in 2 bytes, so
 * time and memory grow with the number of pairs and nothing else. Rows are in
 * catalog order. Progress counts rows (handed out in blocks of 32); below 256
 * agreements the work runs on the calling thread whatever the thread count.
 * @param catalog The catalog (only read during the call).
 * @param options Agreement set, threads, progress, cancellation (see analysis.h); NULL
 *        for the defaults (every agreement, one thread per processor).
 * @param[out] out Receives the matrix (NULL on error); free with tr_matrix_free().
 * @return ::TR_OK, ::TR_ERR_INVALID_ARG, ::TR_ERR_NOT_FOUND (a listed id is not in the
 *         catalog), ::TR_ERR_EMPTY (nothing selected), ::TR_ERR_LIMIT (more than 2^31
 *         agreements or more categories than the encoding holds), ::TR_ERR_CANCELLED
 *         or ::TR_ERR_NOMEM.
 */
TR_EXTERN int tr_matrix_new_with_options(const tr_catalog *catalog, const tr_analysis_options *options,
                                         tr_matrix **out);
/**
 * @brief Deprecated (removed at 1.0): use tr_matrix_new_with_options().
 * @deprecated Use tr_matrix_new_with_options(); removed at 1.0 (docs/stability.md).
 *
 * The same as tr_matrix_new_with_options() with options holding @p filter and
 * @p threads (values above 64 count as 64).
 * @param catalog The catalog (only read during the call).
 * @param filter Which agreements; NULL for all.
 * @param threads Worker threads; 0 means one per processor.
 * @param[out] out Receives the matrix; free with tr_matrix_free().
 * @return as tr_matrix_new_with_options() (never ::TR_ERR_CANCELLED).
 */
TR_EXTERN int tr_matrix_new(const tr_catalog *catalog, const tr_filter *filter, unsigned int threads,
                            tr_matrix **out);
/** @brief Free a matrix. NULL is ignored. */
TR_EXTERN void tr_matrix_free(tr_matrix *matrix);
/** @brief Number of agreements (rows = columns). */
TR_EXTERN size_t tr_matrix_size(const tr_matrix *matrix);
/** @brief Agreement id of row @p index, borrowed; NULL if out of range. */
TR_EXTERN const char *tr_matrix_id_at(const tr_matrix *matrix, size_t index);
/** @brief Distance between rows @p i and @p j (0 on the diagonal); NaN if nothing is comparable or out of range. */
TR_EXTERN double tr_matrix_distance(const tr_matrix *matrix, size_t i, size_t j);
/** @brief Number of categories both rows know (the diagonal gives the row's own count). */
TR_EXTERN size_t tr_matrix_comparable(const tr_matrix *matrix, size_t i, size_t j);
/**@}*/

/* ------------------------------------------------------------------------ */
/** @name Classification against templates */
/**@{*/

/** @brief Default margin under which an agreement counts as "in between" (0.05 of the distance scale). */
#define TR_CLASSIFY_DEFAULT_MARGIN 0.05

/** @brief Opaque classification of agreements to their nearest template. */
typedef struct tr_classification tr_classification;

/**
 * @brief Classify each agreement that @p options select to its nearest template.
 *
 * For agreement a and templates t_1..t_n: d_k = distance(a, t_k); nearest = argmin d_k;
 * margin = (second smallest d) - (smallest d). The agreement is *in between* when
 * the margin is below @p in_between_margin, and *unclassified* when fewer than two
 * distances are defined (nothing comparable). Rows are in catalog order; progress
 * counts rows.
 * @param catalog The catalog (only read during the call).
 * @param templates Array of templates (references are kept).
 * @param count Number of templates, at least 2.
 * @param in_between_margin Threshold >= 0 (e.g. ::TR_CLASSIFY_DEFAULT_MARGIN).
 * @param options Agreement set, threads, progress, cancellation (see analysis.h); NULL
 *        for the defaults.
 * @param[out] out Receives the result (NULL on error); free with tr_classification_free().
 * @return ::TR_OK, ::TR_ERR_INVALID_ARG (fewer than 2 templates, negative or NaN margin),
 *         ::TR_ERR_NOT_FOUND (a listed id is not in the catalog), ::TR_ERR_EMPTY (no
 *         agreement selected), ::TR_ERR_CANCELLED or ::TR_ERR_NOMEM.
 */
TR_EXTERN int tr_classification_new_with_options(const tr_catalog *catalog,
                                                 const tr_template *const *templates, size_t count,
                                                 double in_between_margin,
                                                 const tr_analysis_options *options,
                                                 tr_classification **out);
/**
 * @brief Deprecated (removed at 1.0): use tr_classification_new_with_options().
 * @deprecated Use tr_classification_new_with_options(); removed at 1.0 (docs/stability.md).
 *
 * The same with options holding @p filter, on the calling thread.
 * @param catalog,filter Which agreements (NULL filter: all).
 * @param templates Array of templates (references are kept).
 * @param count Number of templates, at least 2.
 * @param in_between_margin Threshold >= 0 (e.g. ::TR_CLASSIFY_DEFAULT_MARGIN).
 * @param[out] out Receives the result; free with tr_classification_free().
 * @return as tr_classification_new_with_options() (never ::TR_ERR_CANCELLED).
 */
TR_EXTERN int tr_classification_new(const tr_catalog *catalog, const tr_filter *filter,
                                    const tr_template *const *templates, size_t count,
                                    double in_between_margin, tr_classification **out);
/** @brief Free a classification. NULL is ignored. */
TR_EXTERN void tr_classification_free(tr_classification *cls);
/** @brief Number of classified agreements. */
TR_EXTERN size_t tr_classification_count(const tr_classification *cls);
/** @brief Number of templates. */
TR_EXTERN size_t tr_classification_template_count(const tr_classification *cls);
/** @brief Template @p index, borrowed; NULL if out of range. */
TR_EXTERN const tr_template *tr_classification_template_at(const tr_classification *cls, size_t index);
/** @brief Agreement id of row @p index, borrowed; NULL if out of range. */
TR_EXTERN const char *tr_classification_agreement_at(const tr_classification *cls, size_t index);
/** @brief Index of the nearest template for row @p index; -1 if unclassified or out of range. */
TR_EXTERN int tr_classification_nearest_at(const tr_classification *cls, size_t index);
/** @brief Distance from row @p index to template @p tmpl; NaN if not comparable or out of range. */
TR_EXTERN double tr_classification_distance_at(const tr_classification *cls, size_t index, size_t tmpl);
/**
 * @brief Number of categories that row @p index and template @p tmpl both know (the base of
 *        the distance; a distance over few categories says little); 0 if out of range.
 */
TR_EXTERN size_t tr_classification_comparable_at(const tr_classification *cls, size_t index, size_t tmpl);
/** @brief Margin of row @p index (>= 0); NaN if unclassified or out of range. */
TR_EXTERN double tr_classification_margin_at(const tr_classification *cls, size_t index);
/** @brief Nonzero if row @p index is in between (margin below the threshold). */
TR_EXTERN int tr_classification_in_between_at(const tr_classification *cls, size_t index);
/** @brief Nonzero if row @p index is a member of template @p tmpl. */
TR_EXTERN int tr_classification_is_member_at(const tr_classification *cls, size_t index, size_t tmpl);

/**
 * @brief Default minimum number of categories a classification rests on
 *        (tr_classification_class_at()); the same as ::TR_PLOT_MIN_OVERLAP.
 */
#define TR_CLASSIFY_DEFAULT_MIN_CATEGORIES 10

/** @brief The verdict on one row of a classification (tr_classification_class_at()). */
typedef enum tr_class {
  TR_CLASS_UNCLASSIFIED = 0,       /**< "unclassified": fewer than two distances are defined. */
  TR_CLASS_CLASSIFIED = 1,         /**< "classified": nearest template, by a margin, on enough categories. */
  TR_CLASS_IN_BETWEEN = 2,         /**< "in_between": the margin is below the classification's threshold. */
  TR_CLASS_TOO_FEW_CATEGORIES = 3  /**< "too_few_categories": the distance to the nearest template rests on
                                        fewer categories than asked. */
} tr_class;

/**
 * @brief The class of row @p index: unclassified when no template is nearest;
 *        else too few categories when the distance to the nearest template rests
 *        on fewer than @p min_categories categories
 *        (tr_classification_comparable_at()); else in between when the margin is
 *        below the threshold; else classified. This is the `class` column of
 *        `traderules classify` (--min-categories).
 * @param cls The classification.
 * @param index The row.
 * @param min_categories The fewest categories a class may rest on (e.g.
 *        ::TR_CLASSIFY_DEFAULT_MIN_CATEGORIES); 0 never gives ::TR_CLASS_TOO_FEW_CATEGORIES.
 * @return The class; ::TR_CLASS_UNCLASSIFIED for NULL or an index out of range.
 */
TR_EXTERN tr_class tr_classification_class_at(const tr_classification *cls, size_t index,
                                              size_t min_categories);
/** @brief Stable id of a class ("classified", "in_between", ...); NULL if out of range. Static string. */
TR_EXTERN const char *tr_class_id(tr_class cls);
/** @brief Human label of a class ("classified", "in between", "too few categories", "unclassified"); NULL if out of range. Static string. */
TR_EXTERN const char *tr_class_title(tr_class cls);
/** @brief Parse a class id. @return ::TR_OK, ::TR_ERR_NOT_FOUND or ::TR_ERR_INVALID_ARG (NULL argument). */
TR_EXTERN int tr_class_from_id(const char *id, tr_class *out);
/**@}*/

/* ------------------------------------------------------------------------ */
/** @name Barrier sets and coverage */
/**@{*/

/** @brief Opaque set of barriers, e.g. one economy's barrier profile. Owns copies of its barriers. */
typedef struct tr_barrier_set tr_barrier_set;

/** @brief Create an empty set. @param[out] out Free with tr_barrier_set_free(). */
TR_EXTERN int tr_barrier_set_new(tr_barrier_set **out);
/** @brief A set holding a copy of every barrier of @p catalog. @return ::TR_OK, ::TR_ERR_INVALID_ARG, ::TR_ERR_EMPTY or ::TR_ERR_NOMEM. */
TR_EXTERN int tr_barrier_set_new_from_catalog(const tr_catalog *catalog, tr_barrier_set **out);
/** @brief Free a set. NULL is ignored. */
TR_EXTERN void tr_barrier_set_free(tr_barrier_set *set);
/**
 * @brief Add a copy of @p barrier (id, type, name, description, source, categories).
 * @param set The set.
 * @param barrier The barrier to copy (only read during the call).
 * @param note Why it is in this set (copied; may be NULL).
 * @return ::TR_OK, ::TR_ERR_INVALID_ARG, ::TR_ERR_DUPLICATE (id already in the set) or ::TR_ERR_NOMEM.
 */
TR_EXTERN int tr_barrier_set_add(tr_barrier_set *set, const tr_barrier *barrier, const char *note);
/**
 * @brief Load a barrier profile (JSON, format in docs/compare.md) and add its barriers.
 *
 * Entries name a catalog barrier by `id` or define one inline. All or nothing: on
 * error the set is unchanged and the message names file, line, column and field.
 * @param set The set to add to.
 * @param catalog Where `id`-only entries are looked up (may be NULL if all are inline).
 * @param path The file.
 * @return ::TR_OK, ::TR_ERR_IO, ::TR_ERR_PARSE, ::TR_ERR_SCHEMA, ::TR_ERR_REFERENCE (unknown
 *         barrier id), ::TR_ERR_DUPLICATE, ::TR_ERR_EMPTY (no barriers) or ::TR_ERR_INVALID_ARG.
 */
TR_EXTERN int tr_barrier_set_load_file(tr_barrier_set *set, const tr_catalog *catalog, const char *path);
/** @brief Like tr_barrier_set_load_file() from memory; @p name is used in messages (NULL: "<memory>"). */
TR_EXTERN int tr_barrier_set_load_data(tr_barrier_set *set, const tr_catalog *catalog,
                                       const char *data, size_t length, const char *name);
/** @brief Name of the profile (its "name" or "economy" member), borrowed; NULL if none. */
TR_EXTERN const char *tr_barrier_set_get_name(const tr_barrier_set *set);
/** @brief Number of barriers. */
TR_EXTERN size_t tr_barrier_set_count(const tr_barrier_set *set);
/** @brief Barrier @p index, borrowed from the set; NULL if out of range. */
TR_EXTERN const tr_barrier *tr_barrier_set_at(const tr_barrier_set *set, size_t index);
/** @brief Note of barrier @p index, borrowed; NULL if none. */
TR_EXTERN const char *tr_barrier_set_note_at(const tr_barrier_set *set, size_t index);

/** @brief How well a barrier is disciplined. */
typedef enum tr_coverage_level {
  TR_COVERAGE_UNKNOWN = 0, /**< "unknown": no disciplining category is known to be soft or hard, and some are unknown. */
  TR_COVERAGE_NONE = 1,    /**< "none": not disciplined (every disciplining category is known to be none, or there is none). */
  TR_COVERAGE_SOFT = 2,    /**< "soft": the best discipline is soft (hortatory). */
  TR_COVERAGE_HARD = 3     /**< "hard": some disciplining category is hard or mixed (has binding paragraphs). */
} tr_coverage_level;

/** @brief String id of a coverage level ("unknown", "none", "soft", "hard"); NULL if invalid. */
TR_EXTERN const char *tr_coverage_level_id(tr_coverage_level level);

/** @brief Opaque barrier coverage of one template or agreement. */
typedef struct tr_coverage tr_coverage;

/**
 * @brief Which barriers of @p set @p subject disciplines, and how.
 * @param subject The template or single-agreement template to examine.
 * @param set The barriers (copied).
 * @param[out] out Receives the result (keeps a reference to @p subject and copies the set);
 *             free with tr_coverage_free().
 * @return ::TR_OK, ::TR_ERR_INVALID_ARG, ::TR_ERR_EMPTY (empty set) or ::TR_ERR_NOMEM.
 */
TR_EXTERN int tr_coverage_new(const tr_template *subject, const tr_barrier_set *set, tr_coverage **out);
/** @brief Free a coverage. NULL is ignored. */
TR_EXTERN void tr_coverage_free(tr_coverage *cov);
/** @brief The subject, borrowed. */
TR_EXTERN const tr_template *tr_coverage_get_subject(const tr_coverage *cov);
/** @brief Number of barriers (rows, in set order). */
TR_EXTERN size_t tr_coverage_count(const tr_coverage *cov);
/** @brief Barrier of row @p index, borrowed; NULL if out of range. */
TR_EXTERN const tr_barrier *tr_coverage_barrier_at(const tr_coverage *cov, size_t index);
/** @brief Coverage level of row @p index. */
TR_EXTERN tr_coverage_level tr_coverage_level_at(const tr_coverage *cov, size_t index);
/** @brief Number of rows at @p level. */
TR_EXTERN size_t tr_coverage_level_count(const tr_coverage *cov, tr_coverage_level level);
/**
 * @brief Number of provisions that discipline the barrier of row @p index: the
 *        subject's categories among the barrier's categories with strength soft or above.
 */
TR_EXTERN size_t tr_coverage_provision_count(const tr_coverage *cov, size_t index);
/** @brief Category of disciplining provision @p k of row @p index (strongest first); ::TR_CATEGORY_UNKNOWN if out of range. */
TR_EXTERN tr_category tr_coverage_provision_at(const tr_coverage *cov, size_t index, size_t k);
/**
 * @brief Nonzero if disciplining provision @p k of row @p index makes the row's
 *        level: for a ::TR_COVERAGE_HARD row, the subject holds its category hard
 *        or mixed; for a ::TR_COVERAGE_SOFT row, every provision (all are soft).
 *        `traderules coverage` lists these in "disciplined by". 0 if out of range.
 */
TR_EXTERN int tr_coverage_provision_decides(const tr_coverage *cov, size_t index, size_t k);
/**
 * @brief How many of the categories listed by the barrier of row @p index the
 *        subject holds hard or mixed (binding paragraphs), whether or not known
 *        elsewhere: the `binding` column of `traderules coverage` ("K of N", N =
 *        tr_barrier_category_count()). Broad barriers are often reached by one
 *        commitment only. 0 if out of range.
 */
TR_EXTERN size_t tr_coverage_binding_count(const tr_coverage *cov, size_t index);
/**@}*/

/* ------------------------------------------------------------------------ */
/** @name Multilateral common ground */
/**@{*/

/** @brief The WTO avenue the seed paper names for building multilateral digital-trade rules. */
typedef enum tr_wto_avenue {
  TR_WTO_AVENUE_NONE = 0,          /**< "none": the paper names no avenue for this category. */
  TR_WTO_AVENUE_ITA_EXPANSION = 1, /**< "ita_expansion": expand the Information Technology Agreement. */
  TR_WTO_AVENUE_TRIPS_UPGRADE = 2, /**< "trips_upgrade": upgrade TRIPS for digital IP. */
  TR_WTO_AVENUE_DATA_FLOWS = 3,    /**< "data_flow_mechanism": a new cross-border data-flow coordination mechanism. */
  TR_WTO_AVENUE_GATS_SCOPE = 4     /**< "gats_interpretation": interpretation of GATS rules and scope of commitments. */
} tr_wto_avenue;

/** @brief String id of an avenue; NULL if invalid. */
TR_EXTERN const char *tr_wto_avenue_id(tr_wto_avenue avenue);
/** @brief Human-readable title of an avenue; NULL if invalid. */
TR_EXTERN const char *tr_wto_avenue_title(tr_wto_avenue avenue);
/** @brief The avenue a category belongs to (the mapping table is in docs/compare.md). */
TR_EXTERN tr_wto_avenue tr_category_wto_avenue(tr_category category);

/** @brief Where a set of parties stands in one category. */
typedef enum tr_ground {
  TR_GROUND_UNKNOWN = 0,  /**< "unknown": too little is known to tell. */
  TR_GROUND_CONVERGE = 1, /**< "converge": all have a provision, at most one level apart (a WTO rule candidate). */
  TR_GROUND_PARTIAL = 2,  /**< "partial": all known, neither converging nor a red line. */
  TR_GROUND_DIVERGE = 3,  /**< "diverge": a red line: someone holds mixed/hard while someone else is two or more levels below. */
  TR_GROUND_ABSENT = 4    /**< "absent": all known to have none. */
} tr_ground;

/** @brief String id of a ground class; NULL if invalid. */
TR_EXTERN const char *tr_ground_id(tr_ground ground);

/** @brief Opaque common-ground analysis of a set of templates or agreements. */
typedef struct tr_common_ground tr_common_ground;

/**
 * @brief Classify every category for a set of parties (templates or agreements).
 * @param parties Array of templates (references are kept).
 * @param count Number of parties, at least 2.
 * @param[out] out Receives the result; free with tr_common_ground_free().
 * @return ::TR_OK, ::TR_ERR_INVALID_ARG (NULL), ::TR_ERR_EMPTY (fewer than 2 parties) or ::TR_ERR_NOMEM.
 */
TR_EXTERN int tr_common_ground_new(const tr_template *const *parties, size_t count, tr_common_ground **out);
/** @brief Free the analysis. NULL is ignored. */
TR_EXTERN void tr_common_ground_free(tr_common_ground *cg);
/** @brief Number of parties. */
TR_EXTERN size_t tr_common_ground_party_count(const tr_common_ground *cg);
/** @brief Party @p index, borrowed; NULL if out of range. */
TR_EXTERN const tr_template *tr_common_ground_party_at(const tr_common_ground *cg, size_t index);
/** @brief Class of @p category. */
TR_EXTERN tr_ground tr_common_ground_get(const tr_common_ground *cg, tr_category category);
/** @brief Weakest known strength in @p category (the common floor); ::TR_STRENGTH_UNKNOWN if none is known. */
TR_EXTERN tr_strength tr_common_ground_floor(const tr_common_ground *cg, tr_category category);
/** @brief Strongest known strength in @p category; ::TR_STRENGTH_UNKNOWN if none is known. */
TR_EXTERN tr_strength tr_common_ground_ceiling(const tr_common_ground *cg, tr_category category);
/**
 * @brief Nonzero if the parties that hold a provision (soft or above) in @p category do not
 *        all carry the same exceptions, e.g. an audiovisual exclusion on one side and only a
 *        broadcasting exclusion on the other.
 */
TR_EXTERN int tr_common_ground_carveouts_differ(const tr_common_ground *cg, tr_category category);
/**
 * @brief How the carve-outs of the parties that hold a provision in @p category differ:
 *        the union over pairs of tr_comparison_carveout_aspects() (bits of ::tr_carveout_aspect).
 */
TR_EXTERN unsigned int tr_common_ground_carveout_aspects(const tr_common_ground *cg, tr_category category);
/** @brief Words for tr_common_ground_carveout_aspects(); free with tr_free(). @return ::TR_OK or ::TR_ERR_INVALID_ARG. */
TR_EXTERN int tr_common_ground_describe_carveouts(const tr_common_ground *cg, tr_category category, char **out);
/** @brief Number of categories in class @p ground. */
TR_EXTERN size_t tr_common_ground_count(const tr_common_ground *cg, tr_ground ground);
/**@}*/

/* ------------------------------------------------------------------------ */
/** @name Timeline */
/**@{*/

/** @brief Opaque adoption timeline of each category over a set of agreements. */
typedef struct tr_timeline tr_timeline;

/**
 * @brief Build the timeline of the agreements that @p options select.
 *
 * Agreements of unknown signature year are counted in tr_timeline_undated_count()
 * and left out of every year figure. Progress counts selected agreements.
 * @param catalog The catalog (only read during the call).
 * @param options Agreement set, threads, progress, cancellation (see analysis.h); NULL
 *        for the defaults (every agreement).
 * @param[out] out Receives the timeline (NULL on error); free with tr_timeline_free().
 * @return ::TR_OK, ::TR_ERR_INVALID_ARG, ::TR_ERR_NOT_FOUND (a listed id is not in the
 *         catalog), ::TR_ERR_EMPTY (nothing selected, or no dated agreement),
 *         ::TR_ERR_CANCELLED or ::TR_ERR_NOMEM.
 */
TR_EXTERN int tr_timeline_new_with_options(const tr_catalog *catalog, const tr_analysis_options *options,
                                           tr_timeline **out);
/**
 * @brief Deprecated (removed at 1.0): use tr_timeline_new_with_options().
 * @deprecated Use tr_timeline_new_with_options(); removed at 1.0 (docs/stability.md).
 *
 * The same with options holding @p filter, on the calling thread.
 * @param catalog The catalog (only read during the call).
 * @param filter Which agreements; NULL for all.
 * @param[out] out Receives the timeline; free with tr_timeline_free().
 * @return as tr_timeline_new_with_options() (never ::TR_ERR_CANCELLED).
 */
TR_EXTERN int tr_timeline_new(const tr_catalog *catalog, const tr_filter *filter, tr_timeline **out);
/** @brief Free a timeline. NULL is ignored. */
TR_EXTERN void tr_timeline_free(tr_timeline *tl);
/** @brief Earliest signature year among the dated agreements. */
TR_EXTERN int tr_timeline_first_year(const tr_timeline *tl);
/** @brief Latest signature year among the dated agreements. */
TR_EXTERN int tr_timeline_last_year(const tr_timeline *tl);
/** @brief Number of dated agreements. */
TR_EXTERN size_t tr_timeline_dated_count(const tr_timeline *tl);
/** @brief Number of selected agreements with an unknown signature year. */
TR_EXTERN size_t tr_timeline_undated_count(const tr_timeline *tl);
/**
 * @brief Year in which @p category first appears at strength @p min_strength or above
 *        (::TR_STRENGTH_SOFT: any provision; ::TR_STRENGTH_HARD: binding); 0 if never.
 * @param tl The timeline.
 * @param category The category.
 * @param min_strength The lowest strength that counts.
 * @param[out] agreement If not NULL, receives the id of the first such agreement (borrowed; ties:
 *             catalog order), or NULL.
 */
TR_EXTERN int tr_timeline_first(const tr_timeline *tl, tr_category category, tr_strength min_strength,
                                const char **agreement);
/**
 * @brief Cumulative number of dated agreements signed in or before @p year whose
 *        strength in @p category is @p min_strength or above (use ::TR_STRENGTH_NONE to count
 *        agreements that code the category at all).
 */
TR_EXTERN size_t tr_timeline_count(const tr_timeline *tl, tr_category category, int year,
                                   tr_strength min_strength);
/** @brief Cumulative number of dated agreements signed in or before @p year. */
TR_EXTERN size_t tr_timeline_total(const tr_timeline *tl, int year);
/**
 * @brief Number of years at which the adoption of @p category changes: the signature
 *        years whose cumulative counts (agreements with a provision, soft or above;
 *        with a hard one) differ from those of the year before. What the `spread`
 *        column of `traderules timeline` lists.
 * @return The number of change points (0 if the category never appears, for a NULL
 *         @p tl or an invalid @p category).
 */
TR_EXTERN size_t tr_timeline_change_count(const tr_timeline *tl, tr_category category);
/**
 * @brief Change point @p index (0-based, in year order) of @p category.
 * @param tl The timeline. @param category The category. @param index The change point.
 * @param[out] with_provision If not NULL, receives the cumulative number of agreements with
 *             a provision (soft or above) in that year (tr_timeline_count() with ::TR_STRENGTH_SOFT);
 *             0 when @p index is out of range.
 * @param[out] hard If not NULL, receives the cumulative number with a hard provision; 0 when
 *             @p index is out of range.
 * @return The year, or 0 when @p index is out of range (or @p tl NULL, @p category invalid).
 */
TR_EXTERN int tr_timeline_change_at(const tr_timeline *tl, tr_category category, size_t index,
                                    size_t *with_provision, size_t *hard);
/**@}*/

TR_END_DECLS

#endif /* TRADERULES_COMPARE_H */
