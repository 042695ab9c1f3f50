/*
 * libtraderules - audit of a catalog's evidence (include/traderules/audit.h).
 * SPDX-License-Identifier: MIT
 */
#include "core/tr-internal.h"

#include <stdlib.h>
#include <string.h>

/* Measures are numbered 0 .. TR_AUDIT_MEASURE_COUNT - 1, then (added later, so that no existing
 * value changes) from TR_AUDIT_MEASURE_COUNT + 1: TR_AUDIT_MEASURE_COUNT itself is not one. */
#define N_MEASURES (TR_AUDIT_OFFICIAL_NO_WORDS + 1)

static const char *const measure_ids[N_MEASURES] = {
  "cells", "not_coded", "text", "coder_confirmed", "official", "secondary", "unknown", "legacy",
  "uncited", "outside", "spans", "spans_not_found", "spans_unchecked", "inconsistent",
  NULL, /* TR_AUDIT_MEASURE_COUNT */
  "document_spans", "document_spans_no_url", "official_no_words",
};

static const char *const kind_ids[] = {
  "outside", "metadata_outside", "uncited", "span_not_found", "span_unchecked", "inconsistent",
  "official_no_words", "document_span_no_url",
};

const char *tr_audit_measure_id(tr_audit_measure m) {
  if ((int)m < 0 || (int)m >= N_MEASURES)
    return NULL;
  return measure_ids[m];
}

const char *tr_audit_finding_kind_id(tr_audit_finding_kind k) {
  if ((int)k < 0 || (int)k >= (int)G_N_ELEMENTS(kind_ids))
    return NULL;
  return kind_ids[k];
}

typedef struct {
  tr_audit_finding_kind kind;
  char *agreement;
  tr_category category;
  char *other;
  double similarity;
  char *detail;
} finding;

struct tr_audit {
  gboolean has_corpus;
  GPtrArray *ids;       /* of char*, catalog order */
  size_t (*counts)[N_MEASURES]; /* one row per agreement (index TR_AUDIT_MEASURE_COUNT unused) */
  size_t overall[N_MEASURES];
  GArray *findings;     /* of finding */
};

static void finding_clear(gpointer p) {
  finding *f = p;
  g_free(f->agreement);
  g_free(f->other);
  g_free(f->detail);
}

static void add_finding(tr_audit *au, tr_audit_finding_kind kind, const char *agreement,
                        tr_category category, const char *other, double similarity, char *detail) {
  finding f = { kind, g_strdup(agreement), category, g_strdup(other), similarity, detail };
  g_array_append_val(au->findings, f);
}

/* ---- text helpers ---- */

/* Runs of Unicode white space become one ASCII space; leading/trailing space removed. */
static char *collapse_ws(const char *s) {
  GString *out = g_string_sized_new(strlen(s));
  gboolean pending = FALSE;
  for (const char *p = s; *p; p = g_utf8_next_char(p)) {
    gunichar c = g_utf8_get_char(p);
    if (g_unichar_isspace(c) || c == 0x00A0) {
      pending = out->len > 0;
      continue;
    }
    if (pending)
      g_string_append_c(out, ' ');
    pending = FALSE;
    g_string_append_len(out, p, g_utf8_next_char(p) - p);
  }
  return g_string_free(out, FALSE);
}

/* A citation of a file users do not have (the project's private reference material). */
static gboolean cites_outside(const char *s) {
  static const char *const needles[] = { "domain.md", "seed-paper", "conventions.md",
                                         "shared/", "reference/" };
  if (!s)
    return FALSE;
  char *low = g_ascii_strdown(s, -1);
  gboolean hit = FALSE;
  for (size_t i = 0; !hit && i < G_N_ELEMENTS(needles); i++)
    hit = strstr(low, needles[i]) != NULL;
  g_free(low);
  return hit;
}

static char *one_line(const char *s, size_t max) {
  char *c = collapse_ws(s ? s : "");
  if (g_utf8_strlen(c, -1) > (glong)max) {
    char *cut = g_utf8_substring(c, 0, (glong)max - 1);
    g_free(c);
    c = g_strconcat(cut, "…", NULL);
    g_free(cut);
  }
  return c;
}

/* ---- corpus lookups ---- */

typedef struct {
  const tr_corpus *corpus;
  GHashTable *article_by_key; /* "tota:article_identifier" -> global article index + 1 */
  GHashTable *text;           /* article index -> collapsed text (owned) */
} corpus_view;

static void view_init(corpus_view *v, const tr_corpus *corpus) {
  v->corpus = corpus;
  v->article_by_key = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL);
  v->text = g_hash_table_new_full(g_direct_hash, g_direct_equal, NULL, g_free);
  if (!corpus)
    return;
  for (size_t ag = 0; ag < tr_corpus_agreement_count(corpus); ag++) {
    const char *tota = tr_corpus_agreement_get(corpus, ag, TR_CORPUS_FIELD_TOTA_ID);
    size_t first = 0, n = tr_corpus_agreement_articles(corpus, ag, &first);
    if (!tota)
      continue;
    for (size_t k = first; k < first + n; k++) {
      const char *id = tr_corpus_article_get(corpus, k, TR_CORPUS_FIELD_IDENTIFIER);
      if (id)
        g_hash_table_insert(v->article_by_key, g_strdup_printf("%s:%s", tota, id),
                            GSIZE_TO_POINTER(k + 1));
    }
  }
}

static void view_clear(corpus_view *v) {
  g_hash_table_destroy(v->article_by_key);
  g_hash_table_destroy(v->text);
}

/* Global article index + 1 of (tota_id, article_id), 0 if absent. */
static size_t view_article(const corpus_view *v, int tota_id, int article_id) {
  char key[48];
  g_snprintf(key, sizeof key, "%d:%d", tota_id, article_id);
  return GPOINTER_TO_SIZE(g_hash_table_lookup(v->article_by_key, key));
}

static const char *view_text(corpus_view *v, size_t article) {
  const char *t = g_hash_table_lookup(v->text, GSIZE_TO_POINTER(article));
  if (!t) {
    char *c = collapse_ws(tr_corpus_article_get(v->corpus, article, TR_CORPUS_FIELD_TEXT));
    g_hash_table_insert(v->text, GSIZE_TO_POINTER(article), c);
    t = c;
  }
  return t;
}

/* ---- inconsistencies ---- */

typedef struct {
  size_t row;           /* catalog agreement row */
  tr_category category;
} cell_ref;

/* Does @note name agreement @a (id, pta_N) or the article numbered @number ("Art. 16.16")? */
static gboolean note_names(const char *note, const tr_agreement *a, const char *number) {
  if (!note)
    return FALSE;
  gboolean hit = strstr(note, tr_agreement_get_id(a)) != NULL;
  if (!hit && tr_agreement_get_tota_id(a)) {
    char pta[32];
    g_snprintf(pta, sizeof pta, "pta_%d", tr_agreement_get_tota_id(a));
    hit = strstr(note, pta) != NULL;
  }
  if (!hit && number && *number) {
    static const char *const prefixes[] = { "Art. ", "Art ", "Article ", "Arts. ", "Articles " };
    for (size_t i = 0; !hit && i < G_N_ELEMENTS(prefixes); i++) {
      char *want = g_strconcat(prefixes[i], number, NULL);
      const char *at = strstr(note, want);
      /* the number must end there: "Art. 16.1" does not name Art. 16.16 */
      while (at && !hit) {
        char next = at[strlen(want)];
        hit = !(g_ascii_isdigit(next) || (next == '.' && g_ascii_isdigit(at[strlen(want) + 1])));
        at = hit ? at : strstr(at + 1, want);
      }
      g_free(want);
    }
  }
  return hit;
}

/* The article's number without a leading "Article"/"Art." label, e.g. "16.16". */
static char *article_number(const tr_corpus *corpus, size_t article) {
  const char *n = tr_corpus_article_get(corpus, article, TR_CORPUS_FIELD_NUMBER);
  if (!n)
    return NULL;
  while (*n && !g_ascii_isdigit(*n))
    n++;
  char *s = g_strdup(n);
  return g_strstrip(s);
}

static int find_inconsistencies(tr_audit *au, const tr_catalog *cat, const corpus_view *v) {
  const tr_corpus *corpus = v->corpus;
  size_t nag = tr_catalog_agreement_count(cat);
  /* corpus agreement -> catalog row + 1 */
  size_t ncorp = tr_corpus_agreement_count(corpus);
  size_t *row_of = g_new0(size_t, ncorp ? ncorp : 1);
  for (size_t ca = 0; ca < ncorp; ca++) {
    const char *tota = tr_corpus_agreement_get(corpus, ca, TR_CORPUS_FIELD_TOTA_ID);
    for (size_t r = 0; tota && r < nag; r++) {
      int t = tr_agreement_get_tota_id(tr_catalog_agreement_at(cat, r));
      if (t && t == atoi(tota)) {
        row_of[ca] = r + 1;
        break;
      }
    }
  }
  /* article -> cells whose evidence cites it */
  GHashTable *cited = g_hash_table_new_full(g_direct_hash, g_direct_equal, NULL,
                                            (GDestroyNotify)g_array_unref);
  for (size_t r = 0; r < nag; r++) {
    const tr_agreement *a = tr_catalog_agreement_at(cat, r);
    for (size_t j = 0; j < tr_agreement_provision_count(a); j++) {
      const tr_provision *p = tr_agreement_provision_at(a, j);
      for (size_t k = 0; k < tr_provision_evidence_count(p); k++) {
        const tr_cell_evidence *e = tr_provision_evidence_at(p, k);
        size_t art = view_article(v, tr_cell_evidence_get_tota_id(e), tr_cell_evidence_get_article_id(e));
        if (!art || !row_of[tr_corpus_article_agreement(corpus, art - 1)])
          continue;
        GArray *cells = g_hash_table_lookup(cited, GSIZE_TO_POINTER(art - 1));
        if (!cells) {
          cells = g_array_new(FALSE, FALSE, sizeof(cell_ref));
          g_hash_table_insert(cited, GSIZE_TO_POINTER(art - 1), cells);
        }
        cell_ref c = { r, tr_provision_get_category(p) };
        gboolean dup = FALSE;
        for (guint q = 0; q < cells->len; q++)
          dup = dup || (g_array_index(cells, cell_ref, q).row == r &&
                        g_array_index(cells, cell_ref, q).category == c.category);
        if (!dup)
          g_array_append_val(cells, c);
      }
    }
  }
  int rc = TR_OK;
  tr_shingle_index *index = NULL;
  tr_pair_list *pairs = NULL;
  GHashTable *seen = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL);
  if (g_hash_table_size(cited) == 0)
    goto out;
  if ((rc = tr_shingle_index_new(corpus, TR_SHINGLE_WORD, 5, &index)) ||
      (rc = tr_shingle_index_pairs(index, TR_UNIT_ARTICLE, TR_AUDIT_NEAR_IDENTICAL,
                                   TR_PAIRS_ACROSS_AGREEMENTS, &pairs)))
    goto out;
  for (size_t i = 0; i < tr_pair_list_count(pairs); i++) {
    size_t x, y;
    double jac = 0;
    tr_pair_list_get(pairs, i, &x, &y, &jac, NULL, NULL);
    size_t rx = row_of[tr_corpus_article_agreement(corpus, x)];
    size_t ry = row_of[tr_corpus_article_agreement(corpus, y)];
    if (!rx || !ry || rx == ry)
      continue;
    for (int side = 0; side < 2; side++) {
      size_t here = side ? y : x, there = side ? x : y;
      size_t rh = (side ? ry : rx) - 1, rt = (side ? rx : ry) - 1;
      GArray *cells = g_hash_table_lookup(cited, GSIZE_TO_POINTER(here));
      for (guint q = 0; cells && q < cells->len; q++) {
        cell_ref c = g_array_index(cells, cell_ref, q);
        if (c.row != rh)
          continue;
        const tr_agreement *a = tr_catalog_agreement_at(cat, rh);
        const tr_agreement *b = tr_catalog_agreement_at(cat, rt);
        const tr_provision *pa = tr_agreement_find_provision(a, c.category);
        const tr_provision *pb = tr_agreement_find_provision(b, c.category);
        if (!pa || !pb || tr_provision_get_strength(pa) == tr_provision_get_strength(pb))
          continue;
        char *num_here = article_number(corpus, here), *num_there = article_number(corpus, there);
        gboolean explained = note_names(tr_provision_get_note(pa), b, num_there) ||
                             note_names(tr_provision_get_note(pb), a, num_here);
        if (!explained) {
          const char *ida = tr_agreement_get_id(a), *idb = tr_agreement_get_id(b);
          char *key = g_strdup_printf("%s|%s|%d", strcmp(ida, idb) < 0 ? ida : idb,
                                      strcmp(ida, idb) < 0 ? idb : ida, (int)c.category);
          if (!g_hash_table_contains(seen, key)) {
            g_hash_table_add(seen, key);
            key = NULL;
            char *detail = g_strdup_printf(
                "%s Art. %s (pta_%d article %s) coded %s; %s Art. %s (pta_%d article %s) coded %s; "
                "Jaccard %.2f; no note names the other",
                ida, num_here ? num_here : "?", tr_agreement_get_tota_id(a),
                tr_corpus_article_get(corpus, here, TR_CORPUS_FIELD_IDENTIFIER),
                tr_strength_id(tr_provision_get_strength(pa)), idb, num_there ? num_there : "?",
                tr_agreement_get_tota_id(b),
                tr_corpus_article_get(corpus, there, TR_CORPUS_FIELD_IDENTIFIER),
                tr_strength_id(tr_provision_get_strength(pb)), jac);
            add_finding(au, TR_AUDIT_FINDING_INCONSISTENT, ida, c.category, idb, jac, detail);
            au->counts[rh][TR_AUDIT_INCONSISTENT]++;
            au->counts[rt][TR_AUDIT_INCONSISTENT]++;
            au->overall[TR_AUDIT_INCONSISTENT]++;
          }
          g_free(key);
        }
        g_free(num_here);
        g_free(num_there);
      }
    }
  }
out:
  tr_pair_list_free(pairs);
  tr_shingle_index_free(index);
  g_hash_table_destroy(seen);
  g_hash_table_destroy(cited);
  g_free(row_of);
  return rc;
}

/* ---- the audit ---- */

int tr_audit_run(const tr_catalog *catalog, const tr_corpus *corpus, tr_audit **out) {
  if (!catalog || !out)
    return tri_fail(TR_ERR_INVALID_ARG, "tr_audit_run: NULL argument");
  *out = NULL;
  tr_audit *au = g_new0(tr_audit, 1);
  size_t nag = tr_catalog_agreement_count(catalog);
  corpus_view v;
  int rc = TR_OK;
  au->has_corpus = corpus != NULL;
  au->ids = g_ptr_array_new_with_free_func(g_free);
  au->counts = g_malloc0_n(nag ? nag : 1, sizeof *au->counts);
  au->findings = g_array_new(FALSE, TRUE, sizeof(finding));
  g_array_set_clear_func(au->findings, finding_clear);
  view_init(&v, corpus);

  for (size_t r = 0; r < nag; r++) {
    const tr_agreement *a = tr_catalog_agreement_at(catalog, r);
    const char *id = tr_agreement_get_id(a);
    size_t *n = au->counts[r];
    g_ptr_array_add(au->ids, g_strdup(id));
    for (size_t s = 0; s < tr_agreement_source_count(a); s++)
      if (cites_outside(tr_agreement_source_at(a, s)))
        add_finding(au, TR_AUDIT_FINDING_METADATA_OUTSIDE, id, TR_CATEGORY_UNKNOWN, NULL, 0,
                    g_strdup_printf("agreement source '%s'", tr_agreement_source_at(a, s)));
    n[TR_AUDIT_CELLS] = tr_agreement_provision_count(a);
    n[TR_AUDIT_NOT_CODED] = (size_t)tr_category_count() - n[TR_AUDIT_CELLS];
    for (size_t j = 0; j < tr_agreement_provision_count(a); j++) {
      const tr_provision *p = tr_agreement_provision_at(a, j);
      tr_category cat = tr_provision_get_category(p);
      tr_strength st = tr_provision_get_strength(p);
      switch (tr_provision_get_basis(p)) {
      case TR_BASIS_TEXT: n[TR_AUDIT_BASIS_TEXT]++; break;
      case TR_BASIS_CODER_CONFIRMED: n[TR_AUDIT_BASIS_CODER_CONFIRMED]++; break;
      case TR_BASIS_OFFICIAL: n[TR_AUDIT_BASIS_OFFICIAL]++; break;
      case TR_BASIS_SECONDARY: n[TR_AUDIT_BASIS_SECONDARY]++; break;
      case TR_BASIS_UNKNOWN: n[TR_AUDIT_BASIS_UNKNOWN]++; break;
      case TR_BASIS_UNSET:
      default: n[TR_AUDIT_BASIS_LEGACY]++; break;
      }
      if ((st == TR_STRENGTH_HARD || st == TR_STRENGTH_SOFT || st == TR_STRENGTH_MIXED) &&
          !tr_provision_get_citation(p) && tr_provision_evidence_count(p) == 0) {
        n[TR_AUDIT_UNCITED]++;
        add_finding(au, TR_AUDIT_FINDING_UNCITED, id, cat, NULL, 0,
                    g_strdup_printf("%s cell without citation or evidence", tr_strength_id(st)));
      }
      if ((st == TR_STRENGTH_HARD || st == TR_STRENGTH_SOFT || st == TR_STRENGTH_MIXED) &&
          tr_provision_get_basis(p) == TR_BASIS_OFFICIAL && tr_provision_evidence_count(p) == 0) {
        n[TR_AUDIT_OFFICIAL_NO_WORDS]++;
        add_finding(au, TR_AUDIT_FINDING_OFFICIAL_NO_WORDS, id, cat, NULL, 0,
                    g_strdup_printf("official %s cell%s%s without evidence (no deciding words)",
                                    tr_strength_id(st), tr_provision_get_citation(p) ? " " : "",
                                    tr_provision_get_citation(p) ? tr_provision_get_citation(p)
                                                                 : ""));
      }
      const char *texts[] = { tr_provision_get_source(p), tr_provision_get_citation(p),
                              tr_provision_get_title(p), tr_provision_get_summary(p),
                              tr_provision_get_note(p) };
      for (size_t t = 0; t < G_N_ELEMENTS(texts); t++)
        if (cites_outside(texts[t])) {
          n[TR_AUDIT_OUTSIDE]++;
          char *what = one_line(texts[t], 100);
          add_finding(au, TR_AUDIT_FINDING_OUTSIDE, id, cat, NULL, 0,
                      g_strdup_printf("cites '%s'", what));
          g_free(what);
          break;
        }
      for (size_t k = 0; k < tr_provision_evidence_count(p); k++) {
        const tr_cell_evidence *e = tr_provision_evidence_at(p, k);
        const char *doc = tr_cell_evidence_get_document(e);
        if (doc) {
          /* outside ToTA: the loader checked its form; only a missing URL is reported */
          n[TR_AUDIT_DOCUMENT_SPANS]++;
          if (!tr_cell_evidence_get_url(e)) {
            n[TR_AUDIT_DOCUMENT_SPANS_NO_URL]++;
            add_finding(au, TR_AUDIT_FINDING_DOCUMENT_SPAN_NO_URL, id, cat, NULL, 0,
                        g_strdup_printf("%s Art. %s: no URL of the copy read", doc,
                                        tr_cell_evidence_get_article(e)));
          }
          continue;
        }
        size_t art = corpus ? view_article(&v, tr_cell_evidence_get_tota_id(e),
                                           tr_cell_evidence_get_article_id(e))
                            : 0;
        n[TR_AUDIT_SPANS]++;
        if (!art) {
          n[TR_AUDIT_SPANS_UNCHECKED]++;
          if (corpus)
            add_finding(au, TR_AUDIT_FINDING_SPAN_UNCHECKED, id, cat, NULL, 0,
                        g_strdup_printf("pta_%d article %d (Art. %s) is not in the corpus",
                                        tr_cell_evidence_get_tota_id(e),
                                        tr_cell_evidence_get_article_id(e),
                                        tr_cell_evidence_get_article(e)));
          continue;
        }
        char *span = collapse_ws(tr_cell_evidence_get_span(e));
        if (!strstr(view_text(&v, art - 1), span)) {
          n[TR_AUDIT_SPANS_NOT_FOUND]++;
          char *shown = one_line(span, 120);
          add_finding(au, TR_AUDIT_FINDING_SPAN_NOT_FOUND, id, cat, NULL, 0,
                      g_strdup_printf("pta_%d article %d (Art. %s): span not in the text: \"%s\"",
                                      tr_cell_evidence_get_tota_id(e),
                                      tr_cell_evidence_get_article_id(e),
                                      tr_cell_evidence_get_article(e), shown));
          g_free(shown);
        }
        g_free(span);
      }
    }
    for (int m = 0; m < N_MEASURES; m++)
      if (m != TR_AUDIT_INCONSISTENT)
        au->overall[m] += n[m];
  }
  if (corpus)
    rc = find_inconsistencies(au, catalog, &v);
  view_clear(&v);
  if (rc) {
    tr_audit_free(au);
    return rc;
  }
  *out = au;
  return TR_OK;
}

void tr_audit_free(tr_audit *au) {
  if (!au)
    return;
  g_ptr_array_unref(au->ids);
  g_free(au->counts);
  g_array_unref(au->findings);
  g_free(au);
}

int tr_audit_has_corpus(const tr_audit *au) {
  return au && au->has_corpus ? 1 : 0;
}

size_t tr_audit_agreement_count(const tr_audit *au) {
  return au ? au->ids->len : 0;
}

const char *tr_audit_agreement_id(const tr_audit *au, size_t row) {
  if (!au || row >= au->ids->len)
    return NULL;
  return g_ptr_array_index(au->ids, row);
}

size_t tr_audit_count(const tr_audit *au, size_t row, tr_audit_measure m) {
  if (!au || (int)m < 0 || (int)m >= N_MEASURES || m == TR_AUDIT_MEASURE_COUNT)
    return 0;
  if (row == TR_AUDIT_OVERALL)
    return au->overall[m];
  if (row >= au->ids->len)
    return 0;
  return au->counts[row][m];
}

size_t tr_audit_finding_count(const tr_audit *au) {
  return au ? au->findings->len : 0;
}

static const finding *get_finding(const tr_audit *au, size_t i) {
  if (!au || i >= au->findings->len)
    return NULL;
  return &g_array_index(au->findings, finding, i);
}

tr_audit_finding_kind tr_audit_finding_get_kind(const tr_audit *au, size_t i) {
  const finding *f = get_finding(au, i);
  return f ? f->kind : TR_AUDIT_FINDING_OUTSIDE;
}

const char *tr_audit_finding_get_agreement(const tr_audit *au, size_t i) {
  const finding *f = get_finding(au, i);
  return f ? f->agreement : NULL;
}

tr_category tr_audit_finding_get_category(const tr_audit *au, size_t i) {
  const finding *f = get_finding(au, i);
  return f ? f->category : TR_CATEGORY_UNKNOWN;
}

const char *tr_audit_finding_get_other(const tr_audit *au, size_t i) {
  const finding *f = get_finding(au, i);
  return f ? f->other : NULL;
}

double tr_audit_finding_get_similarity(const tr_audit *au, size_t i) {
  const finding *f = get_finding(au, i);
  return f ? f->similarity : 0.0;
}

const char *tr_audit_finding_get_detail(const tr_audit *au, size_t i) {
  const finding *f = get_finding(au, i);
  return f ? f->detail : NULL;
}
