/*
 * libtraderules - enum tables: string ids and titles, both directions.
 * SPDX-License-Identifier: MIT
 */
#include "model/model-private.h"

#include <string.h>

typedef struct {
  const char *id;
  const char *title;
} tr_enum_entry;

/* Index = numeric value. Order and numbering follow domain brief §2; never reorder. */
static const tr_enum_entry categories[] = {
  { NULL, NULL },
  { "ecom_general", "E-commerce: objectives and recognitions" },
  { "ecom_cooperation", "E-commerce cooperation and regulatory dialogue" },
  { "dispute_settlement_coverage", "Dispute settlement applies to the digital chapter" },
  { "customs_duties_electronic_transmissions", "No customs duties on electronic transmissions" },
  { "nondiscrimination_digital_products", "Non-discriminatory treatment of digital products" },
  { "electronic_supply_of_services", "Electronic supply of services" },
  { "ict_goods_tariffs", "Tariff elimination on ICT goods" },
  { "electronic_transactions_framework", "Domestic electronic transactions framework" },
  { "electronic_authentication_signatures", "Electronic authentication and signatures" },
  { "no_prior_authorisation", "No prior authorisation of online services" },
  { "paperless_trading", "Paperless trading" },
  { "electronic_payments_invoicing", "Electronic payments and invoicing" },
  { "online_consumer_protection", "Online consumer protection" },
  { "personal_information_protection", "Personal information protection" },
  { "unsolicited_commercial_messages", "Unsolicited commercial electronic messages" },
  { "cybersecurity_cooperation", "Cybersecurity cooperation" },
  { "cross_border_data_flows", "Cross-border data flows" },
  { "data_localisation", "No localisation of computing facilities" },
  { "financial_data_flows", "Financial data flows and computing facilities" },
  { "source_code", "No forced transfer of source code" },
  { "ict_cryptography", "No forced disclosure of cryptography" },
  { "internet_access_principles", "Open internet access principles" },
  { "internet_interconnection_charges", "Internet interconnection charge sharing" },
  { "interactive_computer_services", "Interactive computer services (non-IP liability)" },
  { "intermediary_liability_safe_harbour", "Intermediary liability safe harbours" },
  { "open_government_data", "Open government data" },
  { "emerging_technologies", "Emerging technologies (AI, fintech, digital identity)" },
  { "telecom_services", "Telecommunications services" },
  { "computer_related_services", "Computer and related services" },
  { "ip_copyright_digital", "Copyright in the digital environment" },
  { "ip_geographical_indications", "Geographical indications" },
  { "general_exceptions", "General exceptions and legitimate public policy objectives" },
  { "security_exception", "Essential security exception" },
  { "privacy_data_protection_carveout", "Privacy and data protection carve-out" },
  { "audiovisual_cultural_exception", "Audiovisual and cultural exception" },
};

static const char *const strengths[] = { "unknown", "none", "soft", "mixed", "hard" };

static const tr_enum_entry exceptions[] = {
  { "lppo", "Legitimate public policy objective test" },
  { "privacy", "Privacy and personal data safeguard" },
  { "audiovisual", "Audiovisual or cultural exclusion" },
  { "broadcasting", "Broadcasting excluded" },
  { "financial_services", "Financial services carve-out" },
  { "security", "Essential security exception" },
  { "government_information", "Government procurement or information excluded" },
  { "general", "General exceptions (GATS XIV / GATT XX)" },
  { "subsidies", "Subsidies and grants excluded" },
  { "taxation", "Internal taxes allowed" },
  { "intellectual_property", "Intellectual property chapter prevails" },
  { "nonconforming_measures", "Scheduled non-conforming measures apply" },
  { "transition_period", "Transition period for some parties" },
  { "self_judging", "Self-judging exception" },
  { "regulatory_access", "Regulatory or investigative access retained" },
};

static const char *const kinds[] = {
  "unknown", "bilateral", "regional", "plurilateral", "wto_agreement", "wto_decision",
  "negotiating_text",
};

static const char *const statuses[] = {
  "unknown", "in_force", "signed", "concluded", "under_negotiation", "suspended", "superseded",
  "abandoned", "expired",
};

static const char *const families[] = { "unknown", "american", "european", "multilateral", "other" };

static const char *const ds_values[] = { "unknown", "yes", "no" };

static const char *const provision_flags[] = { "proposed", "suspended", "uncertain" };

static const tr_enum_entry barrier_types[] = {
  { NULL, NULL },
  { "data_localisation", "Data localisation" },
  { "network_security_privacy", "Network security and data privacy" },
  { "ip_weakness", "Weak intellectual property protection" },
  { "content_censorship", "Content review and censorship" },
  { "market_access", "Market access restrictions" },
  { "investment", "Investment restrictions" },
};

/* Look @id up in a plain string table; index on success, -1 otherwise. */
static int lookup(const char *const *table, size_t n, size_t first, const char *id) {
  for (size_t i = first; i < n; i++)
    if (table[i] && strcmp(table[i], id) == 0)
      return (int)i;
  return -1;
}

static int lookup_entry(const tr_enum_entry *table, size_t n, size_t first, const char *id) {
  for (size_t i = first; i < n; i++)
    if (table[i].id && strcmp(table[i].id, id) == 0)
      return (int)i;
  return -1;
}

/* Index of the single set bit of @flag below @nbits, or -1. */
static int single_bit(unsigned int flag, int nbits) {
  if (flag == 0 || (flag & (flag - 1u)) != 0)
    return -1;
  for (int i = 0; i < nbits; i++)
    if (flag == (1u << i))
      return i;
  return -1;
}

#define PARSE_PRELUDE(what)                                                   \
  if (!id || !out)                                                            \
    return tri_fail(TR_ERR_INVALID_ARG, "%s: NULL argument", what)

/* ---- categories ---- */

int tr_category_count(void) {
  return (int)G_N_ELEMENTS(categories) - 1;
}

const char *tr_category_id(tr_category category) {
  if ((int)category < 1 || (int)category >= (int)G_N_ELEMENTS(categories))
    return NULL;
  return categories[category].id;
}

const char *tr_category_title(tr_category category) {
  if ((int)category < 1 || (int)category >= (int)G_N_ELEMENTS(categories))
    return NULL;
  return categories[category].title;
}

int tr_category_from_id(const char *id, tr_category *out) {
  PARSE_PRELUDE("tr_category_from_id");
  int i = lookup_entry(categories, G_N_ELEMENTS(categories), 1, id);
  if (i < 0)
    return tri_fail(TR_ERR_NOT_FOUND, "unknown category '%s'", id);
  *out = (tr_category)i;
  return TR_OK;
}

/* ---- strength ---- */

const char *tr_strength_id(tr_strength strength) {
  if ((int)strength < 0 || (int)strength >= (int)G_N_ELEMENTS(strengths))
    return NULL;
  return strengths[strength];
}

int tr_strength_from_id(const char *id, tr_strength *out) {
  PARSE_PRELUDE("tr_strength_from_id");
  int i = lookup(strengths, G_N_ELEMENTS(strengths), 0, id);
  if (i < 0)
    return tri_fail(TR_ERR_NOT_FOUND, "unknown strength '%s'", id);
  *out = (tr_strength)i;
  return TR_OK;
}

/* ---- exceptions ---- */

int tr_exception_count(void) {
  return (int)G_N_ELEMENTS(exceptions);
}

const char *tr_exception_id(unsigned int flag) {
  int i = single_bit(flag, (int)G_N_ELEMENTS(exceptions));
  return i < 0 ? NULL : exceptions[i].id;
}

const char *tr_exception_title(unsigned int flag) {
  int i = single_bit(flag, (int)G_N_ELEMENTS(exceptions));
  return i < 0 ? NULL : exceptions[i].title;
}

int tr_exception_from_id(const char *id, unsigned int *out) {
  PARSE_PRELUDE("tr_exception_from_id");
  int i = lookup_entry(exceptions, G_N_ELEMENTS(exceptions), 0, id);
  if (i < 0)
    return tri_fail(TR_ERR_NOT_FOUND, "unknown exception '%s'", id);
  *out = 1u << i;
  return TR_OK;
}

/* ---- kind, status, family, dispute settlement ---- */

#define SIMPLE_ENUM(fn_id, fn_from, type, table, what)                        \
  const char *fn_id(type value) {                                             \
    if ((int)value < 0 || (int)value >= (int)G_N_ELEMENTS(table))             \
      return NULL;                                                            \
    return table[value];                                                      \
  }                                                                           \
  int fn_from(const char *id, type *out) {                                    \
    PARSE_PRELUDE(#fn_from);                                                  \
    int i = lookup(table, G_N_ELEMENTS(table), 0, id);                        \
    if (i < 0)                                                                \
      return tri_fail(TR_ERR_NOT_FOUND, "unknown " what " '%s'", id);          \
    *out = (type)i;                                                           \
    return TR_OK;                                                             \
  }

SIMPLE_ENUM(tr_kind_id, tr_kind_from_id, tr_kind, kinds, "kind")
SIMPLE_ENUM(tr_agreement_status_id, tr_agreement_status_from_id, tr_agreement_status, statuses,
            "status")
SIMPLE_ENUM(tr_family_id, tr_family_from_id, tr_family, families, "family")
SIMPLE_ENUM(tr_dispute_settlement_id, tr_dispute_settlement_from_id, tr_dispute_settlement,
            ds_values, "dispute_settlement value")

/* ---- provision flags ---- */

const char *tr_provision_flag_id(unsigned int flag) {
  int i = single_bit(flag, (int)G_N_ELEMENTS(provision_flags));
  return i < 0 ? NULL : provision_flags[i];
}

int tr_provision_flag_from_id(const char *id, unsigned int *out) {
  PARSE_PRELUDE("tr_provision_flag_from_id");
  int i = lookup(provision_flags, G_N_ELEMENTS(provision_flags), 0, id);
  if (i < 0)
    return tri_fail(TR_ERR_NOT_FOUND, "unknown provision flag '%s'", id);
  *out = 1u << i;
  return TR_OK;
}

/* ---- barrier types ---- */

const char *tr_barrier_type_id(tr_barrier_type type) {
  if ((int)type < 1 || (int)type >= (int)G_N_ELEMENTS(barrier_types))
    return NULL;
  return barrier_types[type].id;
}

const char *tr_barrier_type_title(tr_barrier_type type) {
  if ((int)type < 1 || (int)type >= (int)G_N_ELEMENTS(barrier_types))
    return NULL;
  return barrier_types[type].title;
}

int tr_barrier_type_from_id(const char *id, tr_barrier_type *out) {
  PARSE_PRELUDE("tr_barrier_type_from_id");
  int i = lookup_entry(barrier_types, G_N_ELEMENTS(barrier_types), 1, id);
  if (i < 0)
    return tri_fail(TR_ERR_NOT_FOUND, "unknown barrier type '%s'", id);
  *out = (tr_barrier_type)i;
  return TR_OK;
}
