/*
 * libtraderules - digital trade rules as comparable data
 * SPDX-License-Identifier: MIT
 */
/**
 * @file model.h
 * @brief The data model: provision categories, legal strength, exceptions,
 *        agreements, provisions, barriers and indicators.
 *
 * Every enum has explicit numeric values that never change (they are ABI) and
 * a stable string id (used in files and on the command line); the
 * `*_id()` / `*_from_id()` pairs convert both ways.
 *
 * Ownership: objects created with a `*_new()` function belong to the caller
 * until they are handed to a container (tr_agreement_add_provision(),
 * tr_catalog_add_agreement()), which then owns them. Getters return borrowed
 * pointers that live as long as the object they come from. Strings passed to
 * setters are copied.
 *
 * Thread safety: objects may be read from several threads at once; modifying
 * an object requires that no other thread uses it at the same time.
 */
#ifndef TRADERULES_MODEL_H
#define TRADERULES_MODEL_H

#include <traderules/common.h>

TR_BEGIN_DECLS

/* ------------------------------------------------------------------------ */
/** @name Provision categories
 *  The digital-trade taxonomy. */
/**@{*/

/** @brief A digital-trade provision category. */
typedef enum tr_category {
  TR_CATEGORY_UNKNOWN = 0,                            /**< Not a category (error value). */
  TR_CATEGORY_ECOM_GENERAL = 1,                       /**< "ecom_general": objectives and recognitions. */
  TR_CATEGORY_ECOM_COOPERATION = 2,                   /**< "ecom_cooperation": cooperation and regulatory dialogue. */
  TR_CATEGORY_DISPUTE_SETTLEMENT_COVERAGE = 3,        /**< "dispute_settlement_coverage": state-to-state DS applies to the digital chapter. */
  TR_CATEGORY_CUSTOMS_DUTIES_ELECTRONIC_TRANSMISSIONS = 4, /**< "customs_duties_electronic_transmissions". */
  TR_CATEGORY_NONDISCRIMINATION_DIGITAL_PRODUCTS = 5, /**< "nondiscrimination_digital_products". */
  TR_CATEGORY_ELECTRONIC_SUPPLY_OF_SERVICES = 6,      /**< "electronic_supply_of_services". */
  TR_CATEGORY_ICT_GOODS_TARIFFS = 7,                  /**< "ict_goods_tariffs": ITA-type tariff elimination. */
  TR_CATEGORY_ELECTRONIC_TRANSACTIONS_FRAMEWORK = 8,  /**< "electronic_transactions_framework". */
  TR_CATEGORY_ELECTRONIC_AUTHENTICATION_SIGNATURES = 9, /**< "electronic_authentication_signatures". */
  TR_CATEGORY_NO_PRIOR_AUTHORISATION = 10,            /**< "no_prior_authorisation". */
  TR_CATEGORY_PAPERLESS_TRADING = 11,                 /**< "paperless_trading". */
  TR_CATEGORY_ELECTRONIC_PAYMENTS_INVOICING = 12,     /**< "electronic_payments_invoicing". */
  TR_CATEGORY_ONLINE_CONSUMER_PROTECTION = 13,        /**< "online_consumer_protection". */
  TR_CATEGORY_PERSONAL_INFORMATION_PROTECTION = 14,   /**< "personal_information_protection". */
  TR_CATEGORY_UNSOLICITED_COMMERCIAL_MESSAGES = 15,   /**< "unsolicited_commercial_messages" (spam). */
  TR_CATEGORY_CYBERSECURITY_COOPERATION = 16,         /**< "cybersecurity_cooperation". */
  TR_CATEGORY_CROSS_BORDER_DATA_FLOWS = 17,           /**< "cross_border_data_flows". */
  TR_CATEGORY_DATA_LOCALISATION = 18,                 /**< "data_localisation": ban on computing-facility localisation. */
  TR_CATEGORY_FINANCIAL_DATA_FLOWS = 19,              /**< "financial_data_flows". */
  TR_CATEGORY_SOURCE_CODE = 20,                       /**< "source_code": no forced transfer of source code. */
  TR_CATEGORY_ICT_CRYPTOGRAPHY = 21,                  /**< "ict_cryptography": no forced disclosure of encryption. */
  TR_CATEGORY_INTERNET_ACCESS_PRINCIPLES = 22,        /**< "internet_access_principles": open internet. */
  TR_CATEGORY_INTERNET_INTERCONNECTION_CHARGES = 23,  /**< "internet_interconnection_charges". */
  TR_CATEGORY_INTERACTIVE_COMPUTER_SERVICES = 24,     /**< "interactive_computer_services": non-IP platform liability. */
  TR_CATEGORY_INTERMEDIARY_LIABILITY_SAFE_HARBOUR = 25, /**< "intermediary_liability_safe_harbour". */
  TR_CATEGORY_OPEN_GOVERNMENT_DATA = 26,              /**< "open_government_data". */
  TR_CATEGORY_EMERGING_TECHNOLOGIES = 27,             /**< "emerging_technologies": AI, fintech, digital identity. */
  TR_CATEGORY_TELECOM_SERVICES = 28,                  /**< "telecom_services". */
  TR_CATEGORY_COMPUTER_RELATED_SERVICES = 29,         /**< "computer_related_services". */
  TR_CATEGORY_IP_COPYRIGHT_DIGITAL = 30,              /**< "ip_copyright_digital". */
  TR_CATEGORY_IP_GEOGRAPHICAL_INDICATIONS = 31,       /**< "ip_geographical_indications". */
  TR_CATEGORY_GENERAL_EXCEPTIONS = 32,                /**< "general_exceptions": GATS XIV / LPPO. */
  TR_CATEGORY_SECURITY_EXCEPTION = 33,                /**< "security_exception". */
  TR_CATEGORY_PRIVACY_DATA_PROTECTION_CARVEOUT = 34,  /**< "privacy_data_protection_carveout". */
  TR_CATEGORY_AUDIOVISUAL_CULTURAL_EXCEPTION = 35     /**< "audiovisual_cultural_exception". */
} tr_category;

/**
 * @brief Number of categories this library knows; valid values are 1..tr_category_count().
 *
 * Later versions may add categories with higher values, so iterate up to this
 * run-time count rather than a compile-time constant.
 */
TR_EXTERN int tr_category_count(void);

/**
 * @brief Stable string id of a category, e.g. "cross_border_data_flows".
 * @return A static string, or NULL if @p category is not a valid value.
 */
TR_EXTERN const char *tr_category_id(tr_category category);

/**
 * @brief Human-readable title of a category, e.g. "Cross-border data flows".
 * @return A static string, or NULL if @p category is not a valid value.
 */
TR_EXTERN const char *tr_category_title(tr_category category);

/**
 * @brief Parse a category id.
 * @param id The string id (exact, lowercase).
 * @param[out] out Receives the category on success.
 * @return ::TR_OK, ::TR_ERR_INVALID_ARG for NULL arguments, ::TR_ERR_NOT_FOUND for an unknown id.
 */
TR_EXTERN int tr_category_from_id(const char *id, tr_category *out);
/**@}*/

/* ------------------------------------------------------------------------ */
/** @name Legal strength
 *  TAPED-style grading; the numeric order is the order of bindingness. */
/**@{*/

/** @brief Legal strength of a commitment. */
typedef enum tr_strength {
  TR_STRENGTH_UNKNOWN = 0, /**< "unknown": the sources do not tell. Never a guess. */
  TR_STRENGTH_NONE = 1,    /**< "none": the agreement has no such provision. */
  TR_STRENGTH_SOFT = 2,    /**< "soft": hortatory ("shall endeavour", "recognise", "cooperate"). */
  TR_STRENGTH_MIXED = 3,   /**< "mixed": binding and hortatory paragraphs together. */
  TR_STRENGTH_HARD = 4     /**< "hard": binding ("shall", "No Party shall", "agree not to"). */
} tr_strength;

/** @brief String id of a strength ("unknown", "none", "soft", "mixed", "hard"); NULL if invalid. */
TR_EXTERN const char *tr_strength_id(tr_strength strength);
/**
 * @brief Parse a strength id.
 * @return ::TR_OK, ::TR_ERR_INVALID_ARG, or ::TR_ERR_NOT_FOUND for an unknown id.
 */
TR_EXTERN int tr_strength_from_id(const char *id, tr_strength *out);
/**@}*/

/* ------------------------------------------------------------------------ */
/** @name Exceptions and carve-outs
 *  A bit set; a provision carries the exceptions that scope it. */
/**@{*/

/** @brief Exception or carve-out flags (combine with bitwise or). */
typedef enum tr_exception {
  TR_EXCEPTION_LPPO = 1u << 0,                   /**< "lppo": legitimate public policy objective test. */
  TR_EXCEPTION_PRIVACY = 1u << 1,                /**< "privacy": privacy / personal-data safeguard. */
  TR_EXCEPTION_AUDIOVISUAL = 1u << 2,            /**< "audiovisual": audiovisual or cultural exclusion. */
  TR_EXCEPTION_BROADCASTING = 1u << 3,           /**< "broadcasting": broadcasting excluded. */
  TR_EXCEPTION_FINANCIAL_SERVICES = 1u << 4,     /**< "financial_services": financial services carve-out. */
  TR_EXCEPTION_SECURITY = 1u << 5,               /**< "security": essential-security exception. */
  TR_EXCEPTION_GOVERNMENT_INFORMATION = 1u << 6, /**< "government_information": government procurement or information excluded. */
  TR_EXCEPTION_GENERAL = 1u << 7,                /**< "general": GATS XIV / GATT XX general exceptions. */
  TR_EXCEPTION_SUBSIDIES = 1u << 8,              /**< "subsidies": subsidies and grants excluded. */
  TR_EXCEPTION_TAXATION = 1u << 9,               /**< "taxation": internal taxes allowed. */
  TR_EXCEPTION_INTELLECTUAL_PROPERTY = 1u << 10, /**< "intellectual_property": IP chapter prevails. */
  TR_EXCEPTION_NONCONFORMING_MEASURES = 1u << 11,/**< "nonconforming_measures": scheduled reservations apply. */
  TR_EXCEPTION_TRANSITION_PERIOD = 1u << 12,     /**< "transition_period": delayed application for some parties. */
  TR_EXCEPTION_SELF_JUDGING = 1u << 13,          /**< "self_judging": the party alone decides the exception applies. */
  TR_EXCEPTION_REGULATORY_ACCESS = 1u << 14      /**< "regulatory_access": regulator or investigation access retained. */
} tr_exception;

/** @brief Number of exception flags defined; flags are bits 0..tr_exception_count()-1. */
TR_EXTERN int tr_exception_count(void);
/** @brief String id of a single exception flag; NULL if @p flag is not exactly one known bit. */
TR_EXTERN const char *tr_exception_id(unsigned int flag);
/** @brief Human-readable title of a single exception flag; NULL if invalid. */
TR_EXTERN const char *tr_exception_title(unsigned int flag);
/**
 * @brief Parse one exception id into its flag.
 * @return ::TR_OK, ::TR_ERR_INVALID_ARG, or ::TR_ERR_NOT_FOUND for an unknown id.
 */
TR_EXTERN int tr_exception_from_id(const char *id, unsigned int *out);
/**@}*/

/* ------------------------------------------------------------------------ */
/** @name Agreement classification */
/**@{*/

/** @brief Kind of instrument. */
typedef enum tr_kind {
  TR_KIND_UNKNOWN = 0,          /**< "unknown". */
  TR_KIND_BILATERAL = 1,        /**< "bilateral": two parties (the EU counts as one). */
  TR_KIND_REGIONAL = 2,         /**< "regional": regional or plurilateral FTA. */
  TR_KIND_PLURILATERAL = 3,     /**< "plurilateral": plurilateral agreement (in or outside the WTO). */
  TR_KIND_WTO_AGREEMENT = 4,    /**< "wto_agreement": multilateral WTO agreement (GATS, TRIPS). */
  TR_KIND_WTO_DECISION = 5,     /**< "wto_decision": WTO ministerial decision or declaration. */
  TR_KIND_NEGOTIATING_TEXT = 6  /**< "negotiating_text": proposals or leaked texts, never concluded. */
} tr_kind;

/** @brief Legal status. */
typedef enum tr_agreement_status {
  TR_AGREEMENT_STATUS_UNKNOWN = 0,           /**< "unknown". */
  TR_AGREEMENT_STATUS_IN_FORCE = 1,          /**< "in_force". */
  TR_AGREEMENT_STATUS_SIGNED = 2,            /**< "signed": signed, not in force. */
  TR_AGREEMENT_STATUS_CONCLUDED = 3,         /**< "concluded": negotiations concluded, not signed. */
  TR_AGREEMENT_STATUS_UNDER_NEGOTIATION = 4, /**< "under_negotiation". */
  TR_AGREEMENT_STATUS_SUSPENDED = 5,         /**< "suspended": negotiations or application suspended. */
  TR_AGREEMENT_STATUS_SUPERSEDED = 6,        /**< "superseded": replaced by a later instrument. */
  TR_AGREEMENT_STATUS_ABANDONED = 7,         /**< "abandoned": negotiations ended without agreement. */
  TR_AGREEMENT_STATUS_EXPIRED = 8            /**< "expired": a time-limited instrument that lapsed. */
} tr_agreement_status;

/** @brief Template family an agreement belongs to. */
typedef enum tr_family {
  TR_FAMILY_UNKNOWN = 0,      /**< "unknown". */
  TR_FAMILY_AMERICAN = 1,     /**< "american": US-style digital chapters. */
  TR_FAMILY_EUROPEAN = 2,     /**< "european": EU-style chapters. */
  TR_FAMILY_MULTILATERAL = 3, /**< "multilateral": WTO instruments. */
  TR_FAMILY_OTHER = 4         /**< "other": neither template (DEPA, RCEP, ...). */
} tr_family;

/** @brief Whether state-to-state dispute settlement applies. */
typedef enum tr_dispute_settlement {
  TR_DS_UNKNOWN = 0, /**< "unknown". */
  TR_DS_YES = 1,     /**< "yes". */
  TR_DS_NO = 2       /**< "no": excluded. */
} tr_dispute_settlement;

/** @brief String id of a kind; NULL if invalid. */
TR_EXTERN const char *tr_kind_id(tr_kind kind);
/** @brief Parse a kind id. @return ::TR_OK, ::TR_ERR_INVALID_ARG or ::TR_ERR_NOT_FOUND. */
TR_EXTERN int tr_kind_from_id(const char *id, tr_kind *out);
/** @brief String id of an agreement status; NULL if invalid. */
TR_EXTERN const char *tr_agreement_status_id(tr_agreement_status status);
/** @brief Parse an agreement status id. @return ::TR_OK, ::TR_ERR_INVALID_ARG or ::TR_ERR_NOT_FOUND. */
TR_EXTERN int tr_agreement_status_from_id(const char *id, tr_agreement_status *out);
/** @brief String id of a family; NULL if invalid. */
TR_EXTERN const char *tr_family_id(tr_family family);
/** @brief Parse a family id. @return ::TR_OK, ::TR_ERR_INVALID_ARG or ::TR_ERR_NOT_FOUND. */
TR_EXTERN int tr_family_from_id(const char *id, tr_family *out);
/** @brief String id of a dispute-settlement value; NULL if invalid. */
TR_EXTERN const char *tr_dispute_settlement_id(tr_dispute_settlement ds);
/** @brief Parse a dispute-settlement id. @return ::TR_OK, ::TR_ERR_INVALID_ARG or ::TR_ERR_NOT_FOUND. */
TR_EXTERN int tr_dispute_settlement_from_id(const char *id, tr_dispute_settlement *out);
/**@}*/

/* ------------------------------------------------------------------------ */
/** @name Provisions */
/**@{*/

/** @brief Provision flags (combine with bitwise or). */
typedef enum tr_provision_flag {
  TR_PROVISION_PROPOSED = 1u << 0,  /**< "proposed": bracketed or proposed text only, never in force. */
  TR_PROVISION_SUSPENDED = 1u << 1, /**< "suspended": suspended (e.g. by CPTPP). */
  TR_PROVISION_UNCERTAIN = 1u << 2  /**< "uncertain": the citation or grading rests on an unverified secondary source. */
} tr_provision_flag;

/** @brief String id of a single provision flag; NULL if invalid. */
TR_EXTERN const char *tr_provision_flag_id(unsigned int flag);
/** @brief Parse one provision flag id. @return ::TR_OK, ::TR_ERR_INVALID_ARG or ::TR_ERR_NOT_FOUND. */
TR_EXTERN int tr_provision_flag_from_id(const char *id, unsigned int *out);

/** @brief Opaque provision: the position of one agreement on one category. */
typedef struct tr_provision tr_provision;

/**
 * @brief Create a provision.
 * @param category A valid category.
 * @param strength Its legal strength (::TR_STRENGTH_UNKNOWN records that it is not known).
 * @param[out] out Receives the new provision; free with tr_provision_free() unless
 *             handed to tr_agreement_add_provision().
 * @return ::TR_OK, ::TR_ERR_INVALID_ARG or ::TR_ERR_NOMEM.
 */
TR_EXTERN int tr_provision_new(tr_category category, tr_strength strength, tr_provision **out);
/** @brief Free a provision the caller owns. NULL is ignored. */
TR_EXTERN void tr_provision_free(tr_provision *provision);

/*
 * Text setters of a provision: the string is copied; NULL clears the field.
 * They return ::TR_OK, ::TR_ERR_INVALID_ARG (NULL provision) or ::TR_ERR_ENCODING
 * (not valid UTF-8), and leave the old value in place on error.
 */
/** @brief Set the citation, e.g. "Art. 14.11.2" (NULL clears). @return ::TR_OK, ::TR_ERR_INVALID_ARG or ::TR_ERR_ENCODING. */
TR_EXTERN int tr_provision_set_citation(tr_provision *provision, const char *citation);
/** @brief Set the title (NULL clears). @return ::TR_OK, ::TR_ERR_INVALID_ARG or ::TR_ERR_ENCODING. */
TR_EXTERN int tr_provision_set_title(tr_provision *provision, const char *title);
/** @brief Set the short summary (NULL clears). @return ::TR_OK, ::TR_ERR_INVALID_ARG or ::TR_ERR_ENCODING. */
TR_EXTERN int tr_provision_set_summary(tr_provision *provision, const char *summary);
/** @brief Set the source of the coding, e.g. "ToTA pta_449 Art 14.11" (NULL clears). @return ::TR_OK, ::TR_ERR_INVALID_ARG or ::TR_ERR_ENCODING. */
TR_EXTERN int tr_provision_set_source(tr_provision *provision, const char *source);
/** @brief Set a free-text note (NULL clears). @return ::TR_OK, ::TR_ERR_INVALID_ARG or ::TR_ERR_ENCODING. */
TR_EXTERN int tr_provision_set_note(tr_provision *provision, const char *note);
/** @brief Set the strength. @return ::TR_OK or ::TR_ERR_INVALID_ARG. */
TR_EXTERN int tr_provision_set_strength(tr_provision *provision, tr_strength strength);
/** @brief Set the exception bit set (::tr_exception flags). @return ::TR_OK or ::TR_ERR_INVALID_ARG for unknown bits. */
TR_EXTERN int tr_provision_set_exceptions(tr_provision *provision, unsigned int exceptions);
/** @brief Set the dispute-settlement coverage. @return ::TR_OK or ::TR_ERR_INVALID_ARG. */
TR_EXTERN int tr_provision_set_dispute_settlement(tr_provision *provision, tr_dispute_settlement ds);
/** @brief Set the ::tr_provision_flag bit set. @return ::TR_OK or ::TR_ERR_INVALID_ARG for unknown bits. */
TR_EXTERN int tr_provision_set_flags(tr_provision *provision, unsigned int flags);

/** @brief Category of the provision. */
TR_EXTERN tr_category tr_provision_get_category(const tr_provision *provision);
/** @brief Legal strength. */
TR_EXTERN tr_strength tr_provision_get_strength(const tr_provision *provision);
/** @brief Citation, borrowed; NULL if none. */
TR_EXTERN const char *tr_provision_get_citation(const tr_provision *provision);
/** @brief Title, borrowed; NULL if none. */
TR_EXTERN const char *tr_provision_get_title(const tr_provision *provision);
/** @brief Summary, borrowed; NULL if none. */
TR_EXTERN const char *tr_provision_get_summary(const tr_provision *provision);
/** @brief Source, borrowed; NULL if none. */
TR_EXTERN const char *tr_provision_get_source(const tr_provision *provision);
/** @brief Note, borrowed; NULL if none. */
TR_EXTERN const char *tr_provision_get_note(const tr_provision *provision);
/** @brief Exception bit set. */
TR_EXTERN unsigned int tr_provision_get_exceptions(const tr_provision *provision);
/** @brief Dispute-settlement coverage. */
TR_EXTERN tr_dispute_settlement tr_provision_get_dispute_settlement(const tr_provision *provision);
/** @brief Provision flag bit set. */
TR_EXTERN unsigned int tr_provision_get_flags(const tr_provision *provision);
/**@}*/

/* ------------------------------------------------------------------------ */
/** @name Evidence and basis of a provision
 *  How a cell was obtained, the coder's draft and the reader's decision, the
 *  verbatim words that decide the strength, and the scope of an exception
 *  (docs/catalog-format.md, docs/data-coding.md). All optional: a provision
 *  without them reads as before. */
/**@{*/

/** @brief How a cell was obtained. */
typedef enum tr_basis {
  TR_BASIS_UNSET = 0,           /**< not recorded (catalog data older than the evidence fields); id NULL. */
  TR_BASIS_TEXT = 1,            /**< "text": decided by reading the treaty text. */
  TR_BASIS_CODER_CONFIRMED = 2, /**< "coder_confirmed": the coder's draft, confirmed by reading the article. */
  TR_BASIS_OFFICIAL = 3,        /**< "official": an official document outside ToTA, named in the source. */
  TR_BASIS_SECONDARY = 4,       /**< "secondary": a named secondary source (author, title, year). */
  TR_BASIS_UNKNOWN = 5          /**< "unknown": not settled; the strength is then unknown. */
} tr_basis;

/** @brief String id of a basis; NULL for ::TR_BASIS_UNSET or an invalid value. */
TR_EXTERN const char *tr_basis_id(tr_basis basis);
/** @brief Parse a basis id. @return ::TR_OK, ::TR_ERR_INVALID_ARG or ::TR_ERR_NOT_FOUND. */
TR_EXTERN int tr_basis_from_id(const char *id, tr_basis *out);

/** @brief The reader's decision on the coder's draft. */
typedef enum tr_review {
  TR_REVIEW_UNSET = 0,     /**< not recorded; id NULL. */
  TR_REVIEW_CONFIRMED = 1, /**< "confirmed": the draft strength was kept. */
  TR_REVIEW_CORRECTED = 2, /**< "corrected": the strength was changed. */
  TR_REVIEW_REJECTED = 3,  /**< "rejected": the draft found a provision, the text has none. */
  TR_REVIEW_ADDED = 4      /**< "added": the coder found nothing, the text has a provision. */
} tr_review;

/** @brief String id of a review decision; NULL for ::TR_REVIEW_UNSET or an invalid value. */
TR_EXTERN const char *tr_review_id(tr_review review);
/** @brief Parse a review id. @return ::TR_OK, ::TR_ERR_INVALID_ARG or ::TR_ERR_NOT_FOUND. */
TR_EXTERN int tr_review_from_id(const char *id, tr_review *out);

/** @brief Set the basis (::TR_BASIS_UNSET clears it). @return ::TR_OK or ::TR_ERR_INVALID_ARG. */
TR_EXTERN int tr_provision_set_basis(tr_provision *provision, tr_basis basis);
/** @brief The basis; ::TR_BASIS_UNSET when not recorded (or @p provision is NULL). */
TR_EXTERN tr_basis tr_provision_get_basis(const tr_provision *provision);
/**
 * @brief Set the strength the coder drafted for this cell.
 * @param provision The provision.
 * @param has_draft 0 clears the draft (then @p draft is ignored).
 * @param draft The drafted strength (::TR_STRENGTH_NONE when the coder found nothing).
 * @return ::TR_OK or ::TR_ERR_INVALID_ARG.
 */
TR_EXTERN int tr_provision_set_draft(tr_provision *provision, int has_draft, tr_strength draft);
/**
 * @brief The coder's draft strength.
 * @param provision The provision.
 * @param[out] draft Receives the draft when there is one (may be NULL).
 * @return 1 when a draft is recorded, 0 otherwise.
 */
TR_EXTERN int tr_provision_get_draft(const tr_provision *provision, tr_strength *draft);
/** @brief Set the review decision (::TR_REVIEW_UNSET clears it). @return ::TR_OK or ::TR_ERR_INVALID_ARG. */
TR_EXTERN int tr_provision_set_review(tr_provision *provision, tr_review review);
/** @brief The review decision; ::TR_REVIEW_UNSET when not recorded. */
TR_EXTERN tr_review tr_provision_get_review(const tr_provision *provision);

/** @brief Opaque evidence: a verbatim span that decides a strength, from a ToTA article
 *  (tr_cell_evidence_new()) or from an official text outside ToTA
 *  (tr_cell_evidence_new_document()). */
typedef struct tr_cell_evidence tr_cell_evidence;

/** @brief Hard limit on the words of an evidence span (whitespace-separated). */
#define TR_EVIDENCE_MAX_WORDS 40

/**
 * @brief Create an evidence record.
 * @param tota_id ToTA treaty identifier (pta_N), 1 or more.
 * @param article_id ToTA article_identifier of the article holding the span, 0 or more.
 * @param article The article's number as the treaty gives it, e.g. "14.3" (non-empty UTF-8, copied).
 * @param paragraph Paragraph, e.g. "2(b)" or "fn 42" (copied), or NULL.
 * @param span The verbatim words, non-empty, at most ::TR_EVIDENCE_MAX_WORDS words (copied).
 * @param[out] out Receives the record; free with tr_cell_evidence_free() unless handed to
 *             tr_provision_add_evidence().
 * @return ::TR_OK, ::TR_ERR_INVALID_ARG or ::TR_ERR_ENCODING.
 */
TR_EXTERN int tr_cell_evidence_new(int tota_id, int article_id, const char *article,
                              const char *paragraph, const char *span, tr_cell_evidence **out);
/** @brief Free an evidence record the caller owns. NULL is ignored. */
TR_EXTERN void tr_cell_evidence_free(tr_cell_evidence *evidence);
/** @brief ToTA treaty identifier; 0 for evidence from a document outside ToTA or if @p evidence is NULL. */
TR_EXTERN int tr_cell_evidence_get_tota_id(const tr_cell_evidence *evidence);
/** @brief ToTA article_identifier (0 for evidence from a document outside ToTA); -1 if @p evidence is NULL. */
TR_EXTERN int tr_cell_evidence_get_article_id(const tr_cell_evidence *evidence);
/** @brief Article number, borrowed. */
TR_EXTERN const char *tr_cell_evidence_get_article(const tr_cell_evidence *evidence);
/** @brief Paragraph, borrowed; NULL if none. */
TR_EXTERN const char *tr_cell_evidence_get_paragraph(const tr_cell_evidence *evidence);
/** @brief The verbatim span, borrowed. */
TR_EXTERN const char *tr_cell_evidence_get_span(const tr_cell_evidence *evidence);

/**
 * @brief Create an evidence record from an official text outside ToTA (GATS, TRIPS, a WTO
 *        decision, RCEP, ...): the document named, where the copy was read, and the words.
 *
 * The record has no ToTA treaty: tr_cell_evidence_get_tota_id() and
 * tr_cell_evidence_get_article_id() give 0 for it, and tr_cell_evidence_get_document() is
 * not NULL (it is NULL for every record made by tr_cell_evidence_new()).
 * @param document The official text, e.g. "GATS (WTO Agreement Annex 1B)" (non-empty UTF-8,
 *        copied).
 * @param url Where the copy of the text was read: an absolute http:// or https:// URL with a
 *        host and no white space (copied), or NULL when not recorded.
 * @param article The article's number as the document gives it, e.g. "XIV" (non-empty, copied).
 * @param paragraph Paragraph, e.g. "(c)(ii)" (copied), or NULL.
 * @param span The verbatim words of the document, non-empty, at most ::TR_EVIDENCE_MAX_WORDS
 *        words (copied).
 * @param[out] out Receives the record; free with tr_cell_evidence_free() unless handed to
 *             tr_provision_add_evidence().
 * @return ::TR_OK, ::TR_ERR_INVALID_ARG or ::TR_ERR_ENCODING.
 */
TR_EXTERN int tr_cell_evidence_new_document(const char *document, const char *url,
                                            const char *article, const char *paragraph,
                                            const char *span, tr_cell_evidence **out);
/** @brief The official document outside ToTA the span is from, borrowed; NULL for ToTA
 *  evidence (or if @p evidence is NULL). */
TR_EXTERN const char *tr_cell_evidence_get_document(const tr_cell_evidence *evidence);
/** @brief Where the copy of the document was read (http or https URL), borrowed; NULL when not
 *  recorded, for ToTA evidence, or if @p evidence is NULL. */
TR_EXTERN const char *tr_cell_evidence_get_url(const tr_cell_evidence *evidence);

/** @brief Append evidence; the provision takes ownership on success. @return ::TR_OK or ::TR_ERR_INVALID_ARG. */
TR_EXTERN int tr_provision_add_evidence(tr_provision *provision, tr_cell_evidence *evidence);
/** @brief Number of evidence records. */
TR_EXTERN size_t tr_provision_evidence_count(const tr_provision *provision);
/** @brief Evidence record @p index (in the order added), borrowed; NULL when out of range. */
TR_EXTERN const tr_cell_evidence *tr_provision_evidence_at(const tr_provision *provision, size_t index);

/** @brief How wide an exception is. */
typedef enum tr_scope_breadth {
  TR_SCOPE_SECTOR = 1,  /**< "sector": a whole sector or subject excluded (e.g. broadcasting). */
  TR_SCOPE_MEASURE = 2, /**< "measure": specific measures or objectives (e.g. to protect privacy). */
  TR_SCOPE_GENERAL = 3  /**< "general": a general exception over the covered chapters. */
} tr_scope_breadth;

/** @brief How an exception is written. */
typedef enum tr_scope_form {
  TR_SCOPE_STANDALONE = 1,  /**< "standalone": written out in the agreement. */
  TR_SCOPE_INCORPORATED = 2 /**< "incorporated": a WTO exception incorporated by reference. */
} tr_scope_form;

/** @brief String id of a breadth; NULL if invalid. */
TR_EXTERN const char *tr_scope_breadth_id(tr_scope_breadth breadth);
/** @brief Parse a breadth id. @return ::TR_OK, ::TR_ERR_INVALID_ARG or ::TR_ERR_NOT_FOUND. */
TR_EXTERN int tr_scope_breadth_from_id(const char *id, tr_scope_breadth *out);
/** @brief String id of a form; NULL if invalid. */
TR_EXTERN const char *tr_scope_form_id(tr_scope_form form);
/** @brief Parse a form id. @return ::TR_OK, ::TR_ERR_INVALID_ARG or ::TR_ERR_NOT_FOUND. */
TR_EXTERN int tr_scope_form_from_id(const char *id, tr_scope_form *out);

/** @brief Opaque scope of an exception: breadth, form, what it incorporates, self-judging, chapters. */
typedef struct tr_exception_scope tr_exception_scope;

/**
 * @brief Create an exception scope (not self-judging, nothing incorporated, no chapters).
 * @param breadth How wide the exception is.
 * @param form Stand-alone or incorporated by reference.
 * @param[out] out Receives it; free with tr_exception_scope_free() unless handed to
 *             tr_provision_set_exception_scope().
 * @return ::TR_OK or ::TR_ERR_INVALID_ARG.
 */
TR_EXTERN int tr_exception_scope_new(tr_scope_breadth breadth, tr_scope_form form,
                                     tr_exception_scope **out);
/** @brief Free a scope the caller owns. NULL is ignored. */
TR_EXTERN void tr_exception_scope_free(tr_exception_scope *scope);
/** @brief Set whether the Party alone decides (nonzero: self-judging). @return ::TR_OK or ::TR_ERR_INVALID_ARG. */
TR_EXTERN int tr_exception_scope_set_self_judging(tr_exception_scope *scope, int self_judging);
/** @brief Add what is incorporated, e.g. "GATS XIV" (non-empty UTF-8, copied). @return ::TR_OK, ::TR_ERR_INVALID_ARG, ::TR_ERR_ENCODING or ::TR_ERR_DUPLICATE. */
TR_EXTERN int tr_exception_scope_add_incorporates(tr_exception_scope *scope, const char *what);
/** @brief Add a covered chapter, e.g. "electronic_commerce" or "all" (ASCII letters, digits, _ - ., copied). @return ::TR_OK, ::TR_ERR_INVALID_ARG or ::TR_ERR_DUPLICATE. */
TR_EXTERN int tr_exception_scope_add_chapter(tr_exception_scope *scope, const char *chapter);
/** @brief Breadth; 0 if @p scope is NULL. */
TR_EXTERN tr_scope_breadth tr_exception_scope_get_breadth(const tr_exception_scope *scope);
/** @brief Form; 0 if @p scope is NULL. */
TR_EXTERN tr_scope_form tr_exception_scope_get_form(const tr_exception_scope *scope);
/** @brief 1 if self-judging, 0 otherwise. */
TR_EXTERN int tr_exception_scope_get_self_judging(const tr_exception_scope *scope);
/** @brief Number of incorporated exceptions. */
TR_EXTERN size_t tr_exception_scope_incorporates_count(const tr_exception_scope *scope);
/** @brief Incorporated exception @p index, borrowed; NULL when out of range. */
TR_EXTERN const char *tr_exception_scope_incorporates_at(const tr_exception_scope *scope, size_t index);
/** @brief Number of covered chapters. */
TR_EXTERN size_t tr_exception_scope_chapter_count(const tr_exception_scope *scope);
/** @brief Covered chapter @p index, borrowed; NULL when out of range. */
TR_EXTERN const char *tr_exception_scope_chapter_at(const tr_exception_scope *scope, size_t index);

/**
 * @brief Set the exception scope; the provision takes ownership of @p scope (NULL clears).
 * @return ::TR_OK or ::TR_ERR_INVALID_ARG (then the caller still owns @p scope).
 */
TR_EXTERN int tr_provision_set_exception_scope(tr_provision *provision, tr_exception_scope *scope);
/** @brief The exception scope, borrowed; NULL if none. */
TR_EXTERN const tr_exception_scope *tr_provision_get_exception_scope(const tr_provision *provision);
/**@}*/

/* ------------------------------------------------------------------------ */
/** @name Agreements */
/**@{*/

/** @brief Opaque agreement: metadata plus at most one provision per category. */
typedef struct tr_agreement tr_agreement;

/**
 * @brief Create an empty agreement.
 * @param id Unique key, e.g. "TPP": ASCII letters, digits, '_', '-', '.', 1..64 bytes.
 * @param name Full name (UTF-8, not empty).
 * @param[out] out Receives the agreement; free with tr_agreement_free() unless handed to a catalog.
 * @return ::TR_OK, ::TR_ERR_INVALID_ARG (bad id, NULL), ::TR_ERR_ENCODING or ::TR_ERR_NOMEM.
 */
TR_EXTERN int tr_agreement_new(const char *id, const char *name, tr_agreement **out);
/** @brief Free an agreement the caller owns and its provisions. NULL is ignored. */
TR_EXTERN void tr_agreement_free(tr_agreement *agreement);

/** @brief Set the kind. @return ::TR_OK or ::TR_ERR_INVALID_ARG. */
TR_EXTERN int tr_agreement_set_kind(tr_agreement *agreement, tr_kind kind);
/** @brief Set the status. @return ::TR_OK or ::TR_ERR_INVALID_ARG. */
TR_EXTERN int tr_agreement_set_status(tr_agreement *agreement, tr_agreement_status status);
/** @brief Set the template family. @return ::TR_OK or ::TR_ERR_INVALID_ARG. */
TR_EXTERN int tr_agreement_set_family(tr_agreement *agreement, tr_family family);
/**
 * @brief Set the signature date as ISO 8601 "YYYY", "YYYY-MM" or "YYYY-MM-DD"; NULL means unknown.
 * @return ::TR_OK or ::TR_ERR_INVALID_ARG for a malformed or impossible date.
 */
TR_EXTERN int tr_agreement_set_date_signed(tr_agreement *agreement, const char *date);
/** @brief Set the entry-into-force date (same format); NULL means unknown or never. */
TR_EXTERN int tr_agreement_set_date_in_force(tr_agreement *agreement, const char *date);
/** @brief Add a party: an ISO 3166-1 alpha-3 code or "EU". @return ::TR_OK, ::TR_ERR_INVALID_ARG or ::TR_ERR_DUPLICATE. */
TR_EXTERN int tr_agreement_add_party(tr_agreement *agreement, const char *party);
/** @brief Add a source reference for the agreement's metadata. @return ::TR_OK or ::TR_ERR_INVALID_ARG. */
TR_EXTERN int tr_agreement_add_source(tr_agreement *agreement, const char *source);
/**
 * @brief Set the id of the agreement this one is based on or amends; NULL clears it.
 *
 * The id must follow the agreement-id rules; that it names an agreement is checked by
 * tr_catalog_add_agreement().
 * @return ::TR_OK, ::TR_ERR_INVALID_ARG (malformed id) or ::TR_ERR_REFERENCE (its own id).
 */
TR_EXTERN int tr_agreement_set_based_on(tr_agreement *agreement, const char *id);
/** @brief Set the ToTA treaty identifier (pta_N); 0 means none. @return ::TR_OK or ::TR_ERR_INVALID_ARG (negative). */
TR_EXTERN int tr_agreement_set_tota_id(tr_agreement *agreement, int tota_id);
/** @brief Set the WTO RTA-IS id; 0 means none. @return ::TR_OK or ::TR_ERR_INVALID_ARG (negative). */
TR_EXTERN int tr_agreement_set_wto_rta_id(tr_agreement *agreement, int wto_rta_id);
/** @brief Set a free-text note (copied; NULL clears). @return ::TR_OK, ::TR_ERR_INVALID_ARG or ::TR_ERR_ENCODING. */
TR_EXTERN int tr_agreement_set_note(tr_agreement *agreement, const char *note);
/**
 * @brief Add a provision; the agreement takes ownership on success.
 * @return ::TR_OK, ::TR_ERR_INVALID_ARG, or ::TR_ERR_DUPLICATE if the agreement already has
 *         a provision of that category (the caller then still owns @p provision).
 */
TR_EXTERN int tr_agreement_add_provision(tr_agreement *agreement, tr_provision *provision);

/** @brief Id, borrowed. */
TR_EXTERN const char *tr_agreement_get_id(const tr_agreement *agreement);
/** @brief Full name, borrowed. */
TR_EXTERN const char *tr_agreement_get_name(const tr_agreement *agreement);
/** @brief Kind. */
TR_EXTERN tr_kind tr_agreement_get_kind(const tr_agreement *agreement);
/** @brief Status. */
TR_EXTERN tr_agreement_status tr_agreement_get_status(const tr_agreement *agreement);
/** @brief Template family. */
TR_EXTERN tr_family tr_agreement_get_family(const tr_agreement *agreement);
/** @brief Signature date (ISO 8601, possibly partial), borrowed; NULL if unknown. */
TR_EXTERN const char *tr_agreement_get_date_signed(const tr_agreement *agreement);
/** @brief Entry-into-force date, borrowed; NULL if unknown or never. */
TR_EXTERN const char *tr_agreement_get_date_in_force(const tr_agreement *agreement);
/** @brief Year of signature, 0 if unknown. */
TR_EXTERN int tr_agreement_get_year(const tr_agreement *agreement);
/** @brief Number of parties. */
TR_EXTERN size_t tr_agreement_party_count(const tr_agreement *agreement);
/** @brief Party @p index, borrowed; NULL if out of range. */
TR_EXTERN const char *tr_agreement_party_at(const tr_agreement *agreement, size_t index);
/** @brief Nonzero if @p party is a party. */
TR_EXTERN int tr_agreement_has_party(const tr_agreement *agreement, const char *party);
/** @brief Number of source references. */
TR_EXTERN size_t tr_agreement_source_count(const tr_agreement *agreement);
/** @brief Source @p index, borrowed; NULL if out of range. */
TR_EXTERN const char *tr_agreement_source_at(const tr_agreement *agreement, size_t index);
/** @brief Id of the agreement this one is based on, borrowed; NULL if none. */
TR_EXTERN const char *tr_agreement_get_based_on(const tr_agreement *agreement);
/** @brief ToTA id, 0 if none. */
TR_EXTERN int tr_agreement_get_tota_id(const tr_agreement *agreement);
/** @brief WTO RTA-IS id, 0 if none. */
TR_EXTERN int tr_agreement_get_wto_rta_id(const tr_agreement *agreement);
/** @brief Note, borrowed; NULL if none. */
TR_EXTERN const char *tr_agreement_get_note(const tr_agreement *agreement);
/** @brief Number of provisions. */
TR_EXTERN size_t tr_agreement_provision_count(const tr_agreement *agreement);
/** @brief Provision @p index (in category order), borrowed; NULL if out of range. */
TR_EXTERN const tr_provision *tr_agreement_provision_at(const tr_agreement *agreement, size_t index);
/** @brief The provision of @p category, borrowed; NULL if the agreement does not code it. */
TR_EXTERN const tr_provision *tr_agreement_find_provision(const tr_agreement *agreement, tr_category category);
/**@}*/

/* ------------------------------------------------------------------------ */
/** @name Barriers
 *  The source paper's six barrier categories with subtypes. */
/**@{*/

/** @brief Top-level barrier category. */
typedef enum tr_barrier_type {
  TR_BARRIER_UNKNOWN = 0,                  /**< Not a barrier type (error value). */
  TR_BARRIER_DATA_LOCALISATION = 1,        /**< "data_localisation" (B1). */
  TR_BARRIER_NETWORK_SECURITY_PRIVACY = 2, /**< "network_security_privacy" (B2), incl. source code and encryption. */
  TR_BARRIER_IP_WEAKNESS = 3,              /**< "ip_weakness" (B3). */
  TR_BARRIER_CONTENT_CENSORSHIP = 4,       /**< "content_censorship" (B4): content review. */
  TR_BARRIER_MARKET_ACCESS = 5,            /**< "market_access" (B5). */
  TR_BARRIER_INVESTMENT = 6                /**< "investment" (B6). */
} tr_barrier_type;

/** @brief String id of a barrier type; NULL if invalid. */
TR_EXTERN const char *tr_barrier_type_id(tr_barrier_type type);
/** @brief Human-readable title of a barrier type; NULL if invalid. */
TR_EXTERN const char *tr_barrier_type_title(tr_barrier_type type);
/** @brief Parse a barrier type id. @return ::TR_OK, ::TR_ERR_INVALID_ARG or ::TR_ERR_NOT_FOUND. */
TR_EXTERN int tr_barrier_type_from_id(const char *id, tr_barrier_type *out);

/** @brief Opaque barrier subtype, e.g. "B1a" server or data-storage localisation. */
typedef struct tr_barrier tr_barrier;

/**
 * @brief Create a barrier subtype.
 * @param id Unique id, e.g. "B1a" (same rules as an agreement id). @param type Its top-level type.
 * @param name Its name (UTF-8, not empty).
 * @param[out] out Receives the barrier; free with tr_barrier_free() unless handed to a catalog.
 * @return ::TR_OK, ::TR_ERR_INVALID_ARG, ::TR_ERR_ENCODING or ::TR_ERR_NOMEM.
 */
TR_EXTERN int tr_barrier_new(const char *id, tr_barrier_type type, const char *name, tr_barrier **out);
/** @brief Free a barrier the caller owns. NULL is ignored. */
TR_EXTERN void tr_barrier_free(tr_barrier *barrier);
/** @brief Set the description (copied; NULL clears). @return ::TR_OK, ::TR_ERR_INVALID_ARG or ::TR_ERR_ENCODING. */
TR_EXTERN int tr_barrier_set_description(tr_barrier *barrier, const char *description);
/** @brief Set the source (copied; NULL clears). @return ::TR_OK, ::TR_ERR_INVALID_ARG or ::TR_ERR_ENCODING. */
TR_EXTERN int tr_barrier_set_source(tr_barrier *barrier, const char *source);
/** @brief Add a provision category that disciplines this barrier. @return ::TR_OK, ::TR_ERR_INVALID_ARG or ::TR_ERR_DUPLICATE. */
TR_EXTERN int tr_barrier_add_category(tr_barrier *barrier, tr_category category);
/** @brief Id, borrowed. */
TR_EXTERN const char *tr_barrier_get_id(const tr_barrier *barrier);
/** @brief Type. */
TR_EXTERN tr_barrier_type tr_barrier_get_type(const tr_barrier *barrier);
/** @brief Name, borrowed. */
TR_EXTERN const char *tr_barrier_get_name(const tr_barrier *barrier);
/** @brief Description, borrowed; NULL if none. */
TR_EXTERN const char *tr_barrier_get_description(const tr_barrier *barrier);
/** @brief Source, borrowed; NULL if none. */
TR_EXTERN const char *tr_barrier_get_source(const tr_barrier *barrier);
/** @brief Number of categories that discipline this barrier. */
TR_EXTERN size_t tr_barrier_category_count(const tr_barrier *barrier);
/** @brief Category @p index; ::TR_CATEGORY_UNKNOWN if out of range. */
TR_EXTERN tr_category tr_barrier_category_at(const tr_barrier *barrier, size_t index);
/**@}*/

/* ------------------------------------------------------------------------ */
/** @name Indicators
 *  Generic statistics records (economy, indicator, year, value, unit, source). */
/**@{*/

/** @brief Opaque indicator record. */
typedef struct tr_indicator tr_indicator;

/**
 * @brief Create an indicator record.
 * @param economy ISO 3166-1 alpha-3 code, "EU", or a label such as "WLD" (UTF-8, 1..64 bytes).
 * @param indicator Indicator id, e.g. "public_cloud_spending_saas" (same rules as an agreement id).
 * @param year Year, 1..9999, or 0 if not applicable.
 * @param value Numeric value, finite; NaN if the record is textual.
 * @param[out] out Receives the record; free with tr_indicator_free() unless handed to a catalog.
 * @return ::TR_OK, ::TR_ERR_INVALID_ARG, ::TR_ERR_ENCODING or ::TR_ERR_NOMEM.
 */
TR_EXTERN int tr_indicator_new(const char *economy, const char *indicator, int year, double value, tr_indicator **out);
/** @brief Free an indicator the caller owns. NULL is ignored. */
TR_EXTERN void tr_indicator_free(tr_indicator *indicator);
/** @brief Set the unit, e.g. "USD billion" (copied; NULL clears). @return ::TR_OK, ::TR_ERR_INVALID_ARG or ::TR_ERR_ENCODING. */
TR_EXTERN int tr_indicator_set_unit(tr_indicator *indicator, const char *unit);
/** @brief Set the source (copied; NULL clears). @return ::TR_OK, ::TR_ERR_INVALID_ARG or ::TR_ERR_ENCODING. */
TR_EXTERN int tr_indicator_set_source(tr_indicator *indicator, const char *source);
/** @brief Set a textual value, for classifications (copied; NULL clears). @return ::TR_OK, ::TR_ERR_INVALID_ARG or ::TR_ERR_ENCODING. */
TR_EXTERN int tr_indicator_set_text(tr_indicator *indicator, const char *text);
/** @brief Economy, borrowed. */
TR_EXTERN const char *tr_indicator_get_economy(const tr_indicator *indicator);
/** @brief Indicator id, borrowed. */
TR_EXTERN const char *tr_indicator_get_name(const tr_indicator *indicator);
/** @brief Year, 0 if not applicable. */
TR_EXTERN int tr_indicator_get_year(const tr_indicator *indicator);
/** @brief Numeric value, NaN if none. */
TR_EXTERN double tr_indicator_get_value(const tr_indicator *indicator);
/** @brief Unit, borrowed; NULL if none. */
TR_EXTERN const char *tr_indicator_get_unit(const tr_indicator *indicator);
/** @brief Source, borrowed; NULL if none. */
TR_EXTERN const char *tr_indicator_get_source(const tr_indicator *indicator);
/** @brief Textual value, borrowed; NULL if none. */
TR_EXTERN const char *tr_indicator_get_text(const tr_indicator *indicator);
/**@}*/

TR_END_DECLS

#endif /* TRADERULES_MODEL_H */
