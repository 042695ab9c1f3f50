/*
 * libtraderules - provisions and agreements, plus the shared validation helpers.
 * SPDX-License-Identifier: MIT
 */
#include "model/model-private.h"

#include <string.h>

/* ---- validation ---- */

int tri_model_check_id(const char *what, const char *id) {
  size_t n;
  if (!id)
    return tri_fail(TR_ERR_INVALID_ARG, "%s is NULL", what);
  n = strlen(id);
  if (n == 0 || n > 64)
    return tri_fail(TR_ERR_INVALID_ARG, "%s must be 1 to 64 bytes long (got %zu)", what, n);
  for (size_t i = 0; i < n; i++) {
    char c = id[i];
    if (!(g_ascii_isalnum(c) || c == '_' || c == '-' || c == '.'))
      return tri_fail(TR_ERR_INVALID_ARG,
                     "%s '%s' may contain only ASCII letters, digits, '_', '-' and '.'", what, id);
  }
  return TR_OK;
}

int tri_model_check_text(const char *what, const char *text, gboolean allow_null) {
  if (!text)
    return allow_null ? TR_OK : tri_fail(TR_ERR_INVALID_ARG, "%s is NULL", what);
  if (!g_utf8_validate(text, -1, NULL))
    return tri_fail(TR_ERR_ENCODING, "%s is not valid UTF-8", what);
  return TR_OK;
}

static gboolean all_digits(const char *s, size_t n) {
  for (size_t i = 0; i < n; i++)
    if (!g_ascii_isdigit(s[i]))
      return FALSE;
  return TRUE;
}

int tri_model_check_date(const char *date) {
  size_t n = strlen(date);
  int year, month = 1, day = 1;
  if (!((n == 4 || n == 7 || n == 10) && all_digits(date, 4)))
    goto bad;
  year = (int)g_ascii_strtoll(date, NULL, 10);
  if (year < 1)
    goto bad;
  if (n >= 7) {
    if (date[4] != '-' || !all_digits(date + 5, 2))
      goto bad;
    month = (date[5] - '0') * 10 + (date[6] - '0');
    if (month < 1 || month > 12)
      goto bad;
  }
  if (n == 10) {
    if (date[7] != '-' || !all_digits(date + 8, 2))
      goto bad;
    day = (date[8] - '0') * 10 + (date[9] - '0');
    if (day < 1 || day > g_date_get_days_in_month((GDateMonth)month, (GDateYear)year))
      goto bad;
  }
  return TR_OK;
bad:
  return tri_fail(TR_ERR_INVALID_ARG,
                 "invalid date '%s' (expected YYYY, YYYY-MM or YYYY-MM-DD, a real date)", date);
}

int tri_model_check_party(const char *party) {
  if (!party)
    return tri_fail(TR_ERR_INVALID_ARG, "party is NULL");
  /* Blocs that country-pair panels expand to their member states by date (panel.h). */
  static const char *const blocs[] = { "EU", "EFTA", "ASEAN", "MERCOSUR", "CARICOM", "CARIFORUM",
                                       "SACU", "EAEU", "GCC", "ANDEAN", "CACM" };
  for (size_t i = 0; i < G_N_ELEMENTS(blocs); i++)
    if (strcmp(party, blocs[i]) == 0)
      return TR_OK;
  if (strlen(party) == 3 && g_ascii_isupper(party[0]) && g_ascii_isupper(party[1]) &&
      g_ascii_isupper(party[2]))
    return TR_OK;
  return tri_fail(TR_ERR_INVALID_ARG,
                 "invalid party '%s' (expected an ISO 3166-1 alpha-3 code such as 'USA', or a bloc: "
                 "EU, EFTA, ASEAN, MERCOSUR, CARICOM, CARIFORUM, SACU, EAEU, GCC, ANDEAN, CACM)",
                 party);
}

/* Replace *slot with a copy of @text (NULL clears) after checking it. */
static int set_text(char **slot, const char *what, const char *text) {
  int rc = tri_model_check_text(what, text, TRUE);
  if (rc)
    return rc;
  g_free(*slot);
  *slot = g_strdup(text);
  return TR_OK;
}

/* ---- provisions ---- */

int tr_provision_new(tr_category category, tr_strength strength, tr_provision **out) {
  tr_provision *p;
  if (!out)
    return tri_fail(TR_ERR_INVALID_ARG, "tr_provision_new: out is NULL");
  if (!tr_category_id(category))
    return tri_fail(TR_ERR_INVALID_ARG, "tr_provision_new: invalid category %d", (int)category);
  if (!tr_strength_id(strength))
    return tri_fail(TR_ERR_INVALID_ARG, "tr_provision_new: invalid strength %d", (int)strength);
  p = g_new0(tr_provision, 1);
  p->category = category;
  p->strength = strength;
  p->ds = TR_DS_UNKNOWN;
  *out = p;
  return TR_OK;
}

void tr_provision_free(tr_provision *p) {
  if (!p)
    return;
  g_free(p->citation);
  g_free(p->title);
  g_free(p->summary);
  g_free(p->source);
  g_free(p->note);
  tri_provision_clear_evidence_fields(p);
  g_free(p);
}

#define PROV_TEXT_SETTER(field)                                               \
  int tr_provision_set_##field(tr_provision *p, const char *value) {          \
    if (!p)                                                                   \
      return tri_fail(TR_ERR_INVALID_ARG, "tr_provision_set_" #field ": provision is NULL"); \
    return set_text(&p->field, #field, value);                                \
  }                                                                           \
  const char *tr_provision_get_##field(const tr_provision *p) {                \
    return p ? p->field : NULL;                                               \
  }

PROV_TEXT_SETTER(citation)
PROV_TEXT_SETTER(title)
PROV_TEXT_SETTER(summary)
PROV_TEXT_SETTER(source)
PROV_TEXT_SETTER(note)

int tr_provision_set_strength(tr_provision *p, tr_strength strength) {
  if (!p)
    return tri_fail(TR_ERR_INVALID_ARG, "tr_provision_set_strength: provision is NULL");
  if (!tr_strength_id(strength))
    return tri_fail(TR_ERR_INVALID_ARG, "invalid strength %d", (int)strength);
  p->strength = strength;
  return TR_OK;
}

int tr_provision_set_exceptions(tr_provision *p, unsigned int exceptions) {
  if (!p)
    return tri_fail(TR_ERR_INVALID_ARG, "tr_provision_set_exceptions: provision is NULL");
  if (exceptions & ~TR_EXCEPTION_ALL)
    return tri_fail(TR_ERR_INVALID_ARG, "unknown exception bits 0x%x", exceptions & ~TR_EXCEPTION_ALL);
  p->exceptions = exceptions;
  return TR_OK;
}

int tr_provision_set_dispute_settlement(tr_provision *p, tr_dispute_settlement ds) {
  if (!p)
    return tri_fail(TR_ERR_INVALID_ARG, "tr_provision_set_dispute_settlement: provision is NULL");
  if (!tr_dispute_settlement_id(ds))
    return tri_fail(TR_ERR_INVALID_ARG, "invalid dispute-settlement value %d", (int)ds);
  p->ds = ds;
  return TR_OK;
}

int tr_provision_set_flags(tr_provision *p, unsigned int flags) {
  if (!p)
    return tri_fail(TR_ERR_INVALID_ARG, "tr_provision_set_flags: provision is NULL");
  if (flags & ~TR_PROVISION_FLAG_ALL)
    return tri_fail(TR_ERR_INVALID_ARG, "unknown provision flag bits 0x%x",
                   flags & ~TR_PROVISION_FLAG_ALL);
  p->flags = flags;
  return TR_OK;
}

tr_category tr_provision_get_category(const tr_provision *p) {
  return p ? p->category : TR_CATEGORY_UNKNOWN;
}

tr_strength tr_provision_get_strength(const tr_provision *p) {
  return p ? p->strength : TR_STRENGTH_UNKNOWN;
}

unsigned int tr_provision_get_exceptions(const tr_provision *p) {
  return p ? p->exceptions : 0;
}

tr_dispute_settlement tr_provision_get_dispute_settlement(const tr_provision *p) {
  return p ? p->ds : TR_DS_UNKNOWN;
}

unsigned int tr_provision_get_flags(const tr_provision *p) {
  return p ? p->flags : 0;
}

/* ---- agreements ---- */

int tr_agreement_new(const char *id, const char *name, tr_agreement **out) {
  tr_agreement *a;
  int rc;
  if (!out)
    return tri_fail(TR_ERR_INVALID_ARG, "tr_agreement_new: out is NULL");
  if ((rc = tri_model_check_id("agreement id", id)))
    return rc;
  if ((rc = tri_model_check_text("agreement name", name, FALSE)))
    return rc;
  if (!*name)
    return tri_fail(TR_ERR_INVALID_ARG, "agreement name is empty");
  a = g_new0(tr_agreement, 1);
  a->id = g_strdup(id);
  a->name = g_strdup(name);
  a->parties = g_ptr_array_new_with_free_func(g_free);
  a->sources = g_ptr_array_new_with_free_func(g_free);
  a->provisions = g_ptr_array_new_with_free_func((GDestroyNotify)tr_provision_free);
  *out = a;
  return TR_OK;
}

void tr_agreement_free(tr_agreement *a) {
  if (!a)
    return;
  g_free(a->id);
  g_free(a->name);
  g_free(a->date_signed);
  g_free(a->date_in_force);
  g_ptr_array_unref(a->parties);
  g_ptr_array_unref(a->sources);
  g_free(a->based_on);
  g_free(a->note);
  g_ptr_array_unref(a->provisions);
  g_free(a);
}

#define AGREEMENT_ARG(fn)                                                     \
  if (!a)                                                                     \
    return tri_fail(TR_ERR_INVALID_ARG, fn ": agreement is NULL")

int tr_agreement_set_kind(tr_agreement *a, tr_kind kind) {
  AGREEMENT_ARG("tr_agreement_set_kind");
  if (!tr_kind_id(kind))
    return tri_fail(TR_ERR_INVALID_ARG, "invalid kind %d", (int)kind);
  a->kind = kind;
  return TR_OK;
}

int tr_agreement_set_status(tr_agreement *a, tr_agreement_status status) {
  AGREEMENT_ARG("tr_agreement_set_status");
  if (!tr_agreement_status_id(status))
    return tri_fail(TR_ERR_INVALID_ARG, "invalid status %d", (int)status);
  a->status = status;
  return TR_OK;
}

int tr_agreement_set_family(tr_agreement *a, tr_family family) {
  AGREEMENT_ARG("tr_agreement_set_family");
  if (!tr_family_id(family))
    return tri_fail(TR_ERR_INVALID_ARG, "invalid family %d", (int)family);
  a->family = family;
  return TR_OK;
}

static int set_date(char **slot, const char *date) {
  int rc;
  if (date && (rc = tri_model_check_date(date)))
    return rc;
  g_free(*slot);
  *slot = g_strdup(date);
  return TR_OK;
}

int tr_agreement_set_date_signed(tr_agreement *a, const char *date) {
  AGREEMENT_ARG("tr_agreement_set_date_signed");
  return set_date(&a->date_signed, date);
}

int tr_agreement_set_date_in_force(tr_agreement *a, const char *date) {
  AGREEMENT_ARG("tr_agreement_set_date_in_force");
  return set_date(&a->date_in_force, date);
}

int tr_agreement_add_party(tr_agreement *a, const char *party) {
  int rc;
  AGREEMENT_ARG("tr_agreement_add_party");
  if ((rc = tri_model_check_party(party)))
    return rc;
  if (tr_agreement_has_party(a, party))
    return tri_fail(TR_ERR_DUPLICATE, "party '%s' is already a party to '%s'", party, a->id);
  g_ptr_array_add(a->parties, g_strdup(party));
  return TR_OK;
}

int tr_agreement_add_source(tr_agreement *a, const char *source) {
  int rc;
  AGREEMENT_ARG("tr_agreement_add_source");
  if ((rc = tri_model_check_text("source", source, FALSE)))
    return rc;
  if (!*source)
    return tri_fail(TR_ERR_INVALID_ARG, "source is empty");
  g_ptr_array_add(a->sources, g_strdup(source));
  return TR_OK;
}

int tr_agreement_set_based_on(tr_agreement *a, const char *id) {
  int rc;
  AGREEMENT_ARG("tr_agreement_set_based_on");
  if (id && (rc = tri_model_check_id("based_on", id)))
    return rc;
  if (id && strcmp(id, a->id) == 0)
    return tri_fail(TR_ERR_REFERENCE, "agreement '%s' cannot be based on itself", id);
  g_free(a->based_on);
  a->based_on = g_strdup(id);
  return TR_OK;
}

int tr_agreement_set_tota_id(tr_agreement *a, int tota_id) {
  AGREEMENT_ARG("tr_agreement_set_tota_id");
  if (tota_id < 0)
    return tri_fail(TR_ERR_INVALID_ARG, "tota_id must not be negative (got %d)", tota_id);
  a->tota_id = tota_id;
  return TR_OK;
}

int tr_agreement_set_wto_rta_id(tr_agreement *a, int wto_rta_id) {
  AGREEMENT_ARG("tr_agreement_set_wto_rta_id");
  if (wto_rta_id < 0)
    return tri_fail(TR_ERR_INVALID_ARG, "wto_rta_id must not be negative (got %d)", wto_rta_id);
  a->wto_rta_id = wto_rta_id;
  return TR_OK;
}

int tr_agreement_set_note(tr_agreement *a, const char *note) {
  AGREEMENT_ARG("tr_agreement_set_note");
  return set_text(&a->note, "note", note);
}

int tr_agreement_add_provision(tr_agreement *a, tr_provision *p) {
  guint i;
  AGREEMENT_ARG("tr_agreement_add_provision");
  if (!p)
    return tri_fail(TR_ERR_INVALID_ARG, "tr_agreement_add_provision: provision is NULL");
  for (i = 0; i < a->provisions->len; i++) {
    const tr_provision *q = g_ptr_array_index(a->provisions, i);
    if (q == p)
      return tri_fail(TR_ERR_INVALID_ARG, "provision already belongs to '%s'", a->id);
    if (q->category == p->category)
      return tri_fail(TR_ERR_DUPLICATE, "agreement '%s' already has a provision for '%s'", a->id,
                     tr_category_id(p->category));
    if (q->category > p->category)
      break;
  }
  g_ptr_array_insert(a->provisions, (gint)i, p);
  return TR_OK;
}

const char *tr_agreement_get_id(const tr_agreement *a) {
  return a ? a->id : NULL;
}

const char *tr_agreement_get_name(const tr_agreement *a) {
  return a ? a->name : NULL;
}

tr_kind tr_agreement_get_kind(const tr_agreement *a) {
  return a ? a->kind : TR_KIND_UNKNOWN;
}

tr_agreement_status tr_agreement_get_status(const tr_agreement *a) {
  return a ? a->status : TR_AGREEMENT_STATUS_UNKNOWN;
}

tr_family tr_agreement_get_family(const tr_agreement *a) {
  return a ? a->family : TR_FAMILY_UNKNOWN;
}

const char *tr_agreement_get_date_signed(const tr_agreement *a) {
  return a ? a->date_signed : NULL;
}

const char *tr_agreement_get_date_in_force(const tr_agreement *a) {
  return a ? a->date_in_force : NULL;
}

int tr_agreement_get_year(const tr_agreement *a) {
  if (!a || !a->date_signed)
    return 0;
  return (int)g_ascii_strtoll(a->date_signed, NULL, 10);
}

size_t tr_agreement_party_count(const tr_agreement *a) {
  return a ? a->parties->len : 0;
}

const char *tr_agreement_party_at(const tr_agreement *a, size_t index) {
  if (!a || index >= a->parties->len)
    return NULL;
  return g_ptr_array_index(a->parties, index);
}

int tr_agreement_has_party(const tr_agreement *a, const char *party) {
  if (!a || !party)
    return 0;
  for (guint i = 0; i < a->parties->len; i++)
    if (strcmp(g_ptr_array_index(a->parties, i), party) == 0)
      return 1;
  return 0;
}

size_t tr_agreement_source_count(const tr_agreement *a) {
  return a ? a->sources->len : 0;
}

const char *tr_agreement_source_at(const tr_agreement *a, size_t index) {
  if (!a || index >= a->sources->len)
    return NULL;
  return g_ptr_array_index(a->sources, index);
}

const char *tr_agreement_get_based_on(const tr_agreement *a) {
  return a ? a->based_on : NULL;
}

int tr_agreement_get_tota_id(const tr_agreement *a) {
  return a ? a->tota_id : 0;
}

int tr_agreement_get_wto_rta_id(const tr_agreement *a) {
  return a ? a->wto_rta_id : 0;
}

const char *tr_agreement_get_note(const tr_agreement *a) {
  return a ? a->note : NULL;
}

size_t tr_agreement_provision_count(const tr_agreement *a) {
  return a ? a->provisions->len : 0;
}

const tr_provision *tr_agreement_provision_at(const tr_agreement *a, size_t index) {
  if (!a || index >= a->provisions->len)
    return NULL;
  return g_ptr_array_index(a->provisions, index);
}

const tr_provision *tr_agreement_find_provision(const tr_agreement *a, tr_category category) {
  if (!a)
    return NULL;
  for (guint i = 0; i < a->provisions->len; i++) {
    const tr_provision *p = g_ptr_array_index(a->provisions, i);
    if (p->category == category)
      return p;
  }
  return NULL;
}
