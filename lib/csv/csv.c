/*
 * libtraderules - CSV export (long and wide) and import (long), RFC 4180.
 * SPDX-License-Identifier: MIT
 */
#include "core/tr-internal.h"
#include "csv/csv-private.h"

#include <errno.h>
#include <glib/gstdio.h>
#include <stdlib.h>
#include <string.h>
#include <traderules/csv.h>

#define CSV_MAX_BYTES TR_INPUT_LIMIT

/* ------------------------------------------------------------------------ */
/* Names and codes                                                           */

const char *tr_csv_format_id(tr_csv_format format) {
  switch (format) {
  case TR_CSV_LONG: return "long";
  case TR_CSV_WIDE: return "wide";
  }
  return NULL;
}

int tr_csv_format_from_id(const char *id, tr_csv_format *out) {
  if (!id || !out)
    return tri_fail(TR_ERR_INVALID_ARG, "tr_csv_format_from_id: NULL argument");
  if (strcmp(id, "long") == 0)
    *out = TR_CSV_LONG;
  else if (strcmp(id, "wide") == 0)
    *out = TR_CSV_WIDE;
  else
    return tri_fail(TR_ERR_NOT_FOUND, "unknown CSV format '%s' (use long or wide)", id);
  return TR_OK;
}

int tr_csv_strength_code(tr_strength strength) {
  switch (strength) {
  case TR_STRENGTH_NONE: return 0;
  case TR_STRENGTH_SOFT: return 1;
  case TR_STRENGTH_MIXED: return 2;
  case TR_STRENGTH_HARD: return 3;
  default: return -1;
  }
}

/* Stata limits variable names to 32 bytes; these ids are longer. */
static const struct {
  tr_category category;
  const char *column;
} short_columns[] = {
  { TR_CATEGORY_CUSTOMS_DUTIES_ELECTRONIC_TRANSMISSIONS, "customs_duties_e_transmissions" },
  { TR_CATEGORY_NONDISCRIMINATION_DIGITAL_PRODUCTS, "nondiscrim_digital_products" },
  { TR_CATEGORY_ELECTRONIC_TRANSACTIONS_FRAMEWORK, "e_transactions_framework" },
  { TR_CATEGORY_ELECTRONIC_AUTHENTICATION_SIGNATURES, "e_authentication_signatures" },
  { TR_CATEGORY_INTERMEDIARY_LIABILITY_SAFE_HARBOUR, "intermediary_liab_safe_harbour" },
};

const char *tr_csv_category_column(tr_category category) {
  const char *id = tr_category_id(category);
  if (!id)
    return NULL;
  for (size_t i = 0; i < G_N_ELEMENTS(short_columns); i++)
    if (short_columns[i].category == category)
      return short_columns[i].column;
  return id;
}

/* ------------------------------------------------------------------------ */
/* Columns of the long format                                                */

typedef enum {
  COL_AGREEMENT, COL_NAME, COL_KIND, COL_STATUS, COL_FAMILY, COL_PARTIES,
  COL_DATE_SIGNED, COL_DATE_IN_FORCE, COL_YEAR, COL_BASED_ON, COL_TOTA_ID,
  COL_WTO_RTA_ID, COL_AGREEMENT_SOURCES, COL_AGREEMENT_NOTE,
  COL_CATEGORY, COL_STRENGTH, COL_STRENGTH_CODE, COL_CITATION, COL_TITLE,
  COL_SUMMARY, COL_EXCEPTIONS, COL_DISPUTE_SETTLEMENT, COL_FLAGS, COL_SOURCE,
  COL_NOTE,
  COL_BASIS, COL_DRAFT, COL_REVIEW, COL_EVIDENCE_CITATION, COL_EVIDENCE_SPAN,
  COL_EVIDENCE_TOTA_ID, COL_EVIDENCE_ARTICLE_ID, COL_EVIDENCE_ARTICLE, COL_EVIDENCE_PARAGRAPH,
  COL_EVIDENCE_DOCUMENT, COL_EVIDENCE_URL,
  COL_SCOPE_BREADTH, COL_SCOPE_FORM, COL_SCOPE_SELF_JUDGING, COL_SCOPE_INCORPORATES,
  COL_SCOPE_CHAPTERS,
  COL_COUNT
} long_column;

static const char *const long_columns[COL_COUNT] = {
  "agreement", "name", "kind", "status", "family", "parties",
  "date_signed", "date_in_force", "year", "based_on", "tota_id",
  "wto_rta_id", "agreement_sources", "agreement_note",
  "category", "strength", "strength_code", "citation", "title",
  "summary", "exceptions", "dispute_settlement", "flags", "source",
  "note",
  "basis", "draft", "review", "evidence_citation", "evidence_span",
  "evidence_tota_id", "evidence_article_id", "evidence_article", "evidence_paragraph",
  "evidence_document", "evidence_url",
  "scope_breadth", "scope_form", "scope_self_judging", "scope_incorporates",
  "scope_chapters",
};

/* Columns that describe the agreement (must agree on every row of it). */
static gboolean is_agreement_column(int c) { return c <= COL_AGREEMENT_NOTE; }

/* ------------------------------------------------------------------------ */
/* Writing                                                                   */

static void put_field(GString *s, const char *v) {
  if (!v)
    return;
  if (strpbrk(v, ",\"\r\n") == NULL) {
    g_string_append(s, v);
    return;
  }
  g_string_append_c(s, '"');
  for (const char *p = v; *p; p++) {
    if (*p == '"')
      g_string_append_c(s, '"');
    g_string_append_c(s, *p);
  }
  g_string_append_c(s, '"');
}

static void put_row(GString *s, const char *const *cells, size_t n) {
  for (size_t i = 0; i < n; i++) {
    if (i)
      g_string_append_c(s, ',');
    put_field(s, cells[i]);
  }
  g_string_append(s, "\r\n");
}

/* Where tr_csv_write() and tr_csv_write_file() put the text: each row is
 * formatted in a small reused GString, then appended to a buffer grown with
 * g_try_realloc (a catalog-sized text: running out is TR_ERR_NOMEM, not an
 * abort) or written to the file as it comes (no catalog-sized buffer). */
typedef struct {
  GString *row;
  char *data; /* tr_csv_write: the text so far (NUL-terminated), or NULL */
  size_t len, cap;
  tr_io_out *file; /* tr_csv_write_file: the output, or NULL */
} text_sink;

static int text_row(const char *const *cells, size_t n, void *user) {
  text_sink *t = user;
  g_string_truncate(t->row, 0);
  put_row(t->row, cells, n);
  if (t->file)
    return tri_io_out_write(t->file, t->row->str, t->row->len);
  if (t->len + t->row->len + 1 > t->cap) {
    size_t cap = MAX(t->cap ? t->cap : 65536, t->len + t->row->len + 1);
    while (cap < t->len + t->row->len + 1 || cap < t->cap * 2) {
      if (cap > G_MAXSIZE / 2)
        return tri_fail(TR_ERR_NOMEM, "out of memory: the CSV text does not fit in memory");
      cap *= 2;
    }
    char *d = g_try_realloc(t->data, cap);
    if (!d)
      return tri_fail(TR_ERR_NOMEM, "out of memory: the CSV text (%zu MiB so far) cannot grow",
                      t->len >> 20);
    t->data = d;
    t->cap = cap;
  }
  memcpy(t->data + t->len, t->row->str, t->row->len + 1);
  t->len += t->row->len;
  return 0;
}

typedef struct {
  tri_csv_row_fn fn;
  void *user;
} row_sink;

static int emit(const row_sink *o, char **cells, int n) {
  return o->fn((const char *const *)cells, (size_t)n, o->user);
}

/* Join list items with ';', escaping '\' and ';' inside items with '\'. */
static void list_append(GString *s, const char *item) {
  if (s->len)
    g_string_append_c(s, ';');
  for (const char *p = item; *p; p++) {
    if (*p == '\\' || *p == ';')
      g_string_append_c(s, '\\');
    g_string_append_c(s, *p);
  }
}

static char *join_flags(unsigned int bits, int count, const char *(*id_of)(unsigned int)) {
  GString *s = g_string_new(NULL);
  for (int b = 0; b < count && b < 32; b++)
    if (bits & (1u << b)) {
      const char *id = id_of(1u << b);
      if (id)
        list_append(s, id);
    }
  return g_string_free(s, FALSE);
}

static char *int_or_null(int v) { return v ? g_strdup_printf("%d", v) : NULL; }

static int provision_flag_count(void) {
  int n = 0;
  while (n < 32 && tr_provision_flag_id(1u << n))
    n++;
  return n;
}

static void fill_agreement_cells(char **cells, const tr_agreement *a) {
  cells[COL_AGREEMENT] = g_strdup(tr_agreement_get_id(a));
  cells[COL_NAME] = g_strdup(tr_agreement_get_name(a));
  cells[COL_KIND] = g_strdup(tr_kind_id(tr_agreement_get_kind(a)));
  cells[COL_STATUS] = g_strdup(tr_agreement_status_id(tr_agreement_get_status(a)));
  cells[COL_FAMILY] = g_strdup(tr_family_id(tr_agreement_get_family(a)));
  GString *parties = g_string_new(NULL);
  for (size_t i = 0; i < tr_agreement_party_count(a); i++)
    list_append(parties, tr_agreement_party_at(a, i));
  cells[COL_PARTIES] = g_string_free(parties, FALSE);
  cells[COL_DATE_SIGNED] = g_strdup(tr_agreement_get_date_signed(a));
  cells[COL_DATE_IN_FORCE] = g_strdup(tr_agreement_get_date_in_force(a));
  cells[COL_YEAR] = int_or_null(tr_agreement_get_year(a));
  cells[COL_BASED_ON] = g_strdup(tr_agreement_get_based_on(a));
  cells[COL_TOTA_ID] = int_or_null(tr_agreement_get_tota_id(a));
  cells[COL_WTO_RTA_ID] = int_or_null(tr_agreement_get_wto_rta_id(a));
  GString *sources = g_string_new(NULL);
  for (size_t i = 0; i < tr_agreement_source_count(a); i++)
    list_append(sources, tr_agreement_source_at(a, i));
  /* A list holding one empty item would print as an empty cell: keep it visible. */
  if (tr_agreement_source_count(a) == 1 && sources->len == 0)
    g_string_append(sources, "\\");
  cells[COL_AGREEMENT_SOURCES] = g_string_free(sources, FALSE);
  cells[COL_AGREEMENT_NOTE] = g_strdup(tr_agreement_get_note(a));
}

/* A ';' list of @n items from @item(i) (NULL items written empty), or NULL when every item is
 * NULL. Unlike list_append() this keeps leading empty items. */
static char *join_items(size_t n, const char *(*item)(const void *, size_t), const void *data) {
  gboolean any = FALSE;
  for (size_t i = 0; i < n; i++)
    any = any || item(data, i);
  if (!any)
    return NULL;
  GString *s = g_string_new(NULL);
  for (size_t i = 0; i < n; i++) {
    if (i)
      g_string_append_c(s, ';');
    for (const char *p = item(data, i); p && *p; p++) {
      if (*p == '\\' || *p == ';')
        g_string_append_c(s, '\\');
      g_string_append_c(s, *p);
    }
  }
  if (n == 1 && s->len == 0) /* one empty item */
    g_string_append_c(s, '\\');
  return g_string_free(s, FALSE);
}

static const char *ev_article(const void *p, size_t i) {
  return tr_cell_evidence_get_article(tr_provision_evidence_at(p, i));
}
static const char *ev_paragraph(const void *p, size_t i) {
  return tr_cell_evidence_get_paragraph(tr_provision_evidence_at(p, i));
}
static const char *ev_span(const void *p, size_t i) {
  return tr_cell_evidence_get_span(tr_provision_evidence_at(p, i));
}
static const char *ev_document(const void *p, size_t i) {
  return tr_cell_evidence_get_document(tr_provision_evidence_at(p, i));
}
static const char *ev_url(const void *p, size_t i) {
  return tr_cell_evidence_get_url(tr_provision_evidence_at(p, i));
}
static const char *scope_incorporates(const void *sc, size_t i) {
  return tr_exception_scope_incorporates_at(sc, i);
}
static const char *scope_chapter(const void *sc, size_t i) {
  return tr_exception_scope_chapter_at(sc, i);
}

/* An article "number" that reads as one (14.3, XIV, XIV bis), not a name such as "recital",
 * "para. 2" or "Annex on Telecommunications": only the former get "Art. " in a citation. */
static gboolean article_is_number(const char *a) {
  size_t n = strspn(a, "IVXLCDM");
  return g_ascii_isdigit(a[0]) || (n > 0 && (a[n] == '\0' || a[n] == ' '));
}

/* The readable citation of one evidence record, e.g. "pta_52 Art. 14.3(1) [article 4711]", or
 * for a document outside ToTA "GATS (WTO Agreement Annex 1B) Art. XIV(c)(ii)". */
static char *evidence_citation(const tr_cell_evidence *e) {
  const char *para = tr_cell_evidence_get_paragraph(e);
  const char *doc = tr_cell_evidence_get_document(e);
  const char *art = tr_cell_evidence_get_article(e);
  if (doc)
    return g_strdup_printf("%s %s%s%s%s%s", doc, article_is_number(art) ? "Art. " : "", art,
                           para ? "(" : "", para ? para : "", para ? ")" : "");
  return g_strdup_printf("pta_%d Art. %s%s%s%s [article %d]", tr_cell_evidence_get_tota_id(e),
                         tr_cell_evidence_get_article(e), para ? "(" : "", para ? para : "",
                         para ? ")" : "", tr_cell_evidence_get_article_id(e));
}

static void fill_evidence_cells(char **cells, const tr_provision *p) {
  cells[COL_BASIS] = g_strdup(tr_basis_id(tr_provision_get_basis(p)));
  tr_strength draft;
  if (tr_provision_get_draft(p, &draft))
    cells[COL_DRAFT] = g_strdup(tr_strength_id(draft));
  cells[COL_REVIEW] = g_strdup(tr_review_id(tr_provision_get_review(p)));
  size_t ne = tr_provision_evidence_count(p);
  if (ne) {
    GString *cit = g_string_new(NULL), *tota = g_string_new(NULL), *art = g_string_new(NULL);
    for (size_t i = 0; i < ne; i++) {
      const tr_cell_evidence *e = tr_provision_evidence_at(p, i);
      char *c = evidence_citation(e);
      list_append(cit, c);
      g_free(c);
      g_string_append_printf(tota, "%s%d", i ? ";" : "", tr_cell_evidence_get_tota_id(e));
      g_string_append_printf(art, "%s%d", i ? ";" : "", tr_cell_evidence_get_article_id(e));
    }
    cells[COL_EVIDENCE_CITATION] = g_string_free(cit, FALSE);
    cells[COL_EVIDENCE_TOTA_ID] = g_string_free(tota, FALSE);
    cells[COL_EVIDENCE_ARTICLE_ID] = g_string_free(art, FALSE);
    cells[COL_EVIDENCE_SPAN] = join_items(ne, ev_span, p);
    cells[COL_EVIDENCE_ARTICLE] = join_items(ne, ev_article, p);
    cells[COL_EVIDENCE_PARAGRAPH] = join_items(ne, ev_paragraph, p);
    cells[COL_EVIDENCE_DOCUMENT] = join_items(ne, ev_document, p);
    cells[COL_EVIDENCE_URL] = join_items(ne, ev_url, p);
  }
  const tr_exception_scope *sc = tr_provision_get_exception_scope(p);
  if (sc) {
    cells[COL_SCOPE_BREADTH] = g_strdup(tr_scope_breadth_id(tr_exception_scope_get_breadth(sc)));
    cells[COL_SCOPE_FORM] = g_strdup(tr_scope_form_id(tr_exception_scope_get_form(sc)));
    cells[COL_SCOPE_SELF_JUDGING] = g_strdup(tr_exception_scope_get_self_judging(sc) ? "true" : "false");
    cells[COL_SCOPE_INCORPORATES] =
        join_items(tr_exception_scope_incorporates_count(sc), scope_incorporates, sc);
    cells[COL_SCOPE_CHAPTERS] = join_items(tr_exception_scope_chapter_count(sc), scope_chapter, sc);
  }
}

static int write_long(const row_sink *o, const tr_agreement *const *ags, size_t n) {
  int rc = emit(o, (char **)long_columns, COL_COUNT);
  int nflags = provision_flag_count();
  for (size_t i = 0; i < n && !rc; i++) {
    const tr_agreement *a = ags[i];
    size_t np = tr_agreement_provision_count(a);
    for (size_t j = 0; j < (np ? np : 1) && !rc; j++) {
      char *cells[COL_COUNT] = { 0 };
      fill_agreement_cells(cells, a);
      const tr_provision *p = np ? tr_agreement_provision_at(a, j) : NULL;
      if (p) {
        tr_strength st = tr_provision_get_strength(p);
        cells[COL_CATEGORY] = g_strdup(tr_category_id(tr_provision_get_category(p)));
        cells[COL_STRENGTH] = g_strdup(tr_strength_id(st));
        cells[COL_STRENGTH_CODE] =
            tr_csv_strength_code(st) >= 0 ? g_strdup_printf("%d", tr_csv_strength_code(st)) : NULL;
        cells[COL_CITATION] = g_strdup(tr_provision_get_citation(p));
        cells[COL_TITLE] = g_strdup(tr_provision_get_title(p));
        cells[COL_SUMMARY] = g_strdup(tr_provision_get_summary(p));
        cells[COL_EXCEPTIONS] = join_flags(tr_provision_get_exceptions(p), tr_exception_count(),
                                           tr_exception_id);
        cells[COL_DISPUTE_SETTLEMENT] =
            g_strdup(tr_dispute_settlement_id(tr_provision_get_dispute_settlement(p)));
        cells[COL_FLAGS] = join_flags(tr_provision_get_flags(p), nflags, tr_provision_flag_id);
        cells[COL_SOURCE] = g_strdup(tr_provision_get_source(p));
        cells[COL_NOTE] = g_strdup(tr_provision_get_note(p));
        fill_evidence_cells(cells, p);
      }
      rc = emit(o, cells, COL_COUNT);
      for (int c = 0; c < COL_COUNT; c++)
        g_free(cells[c]);
    }
  }
  return rc;
}

enum { WIDE_META = 11 };

/* The agreement-level dispute-settlement code of the wide matrix: 1 when at
 * least one provision is subject to state-to-state dispute settlement, 0 when
 * every provision whose coverage is known is excluded, NULL (empty) when no
 * provision's coverage is known. */
static char *wide_dispute_settlement(const tr_agreement *a) {
  gboolean yes = FALSE, no = FALSE;
  for (size_t i = 0; i < tr_agreement_provision_count(a); i++) {
    tr_dispute_settlement ds = tr_provision_get_dispute_settlement(tr_agreement_provision_at(a, i));
    yes |= ds == TR_DS_YES;
    no |= ds == TR_DS_NO;
  }
  return yes ? g_strdup("1") : no ? g_strdup("0") : NULL;
}

static int write_wide(const row_sink *o, const tr_agreement *const *ags, size_t n) {
  int ncat = tr_category_count();
  int ncol = WIDE_META + ncat;
  char **cells = g_new0(char *, ncol);
  /* ids first so the matrix joins to ToTA and the WTO RTA database */
  static const char *const meta[WIDE_META] = { "agreement", "name", "kind", "status",
                                               "family", "parties", "date_signed", "year",
                                               "tota_id", "wto_rta_id", "dispute_settlement" };
  for (int c = 0; c < WIDE_META; c++)
    cells[c] = g_strdup(meta[c]);
  for (int k = 1; k <= ncat; k++)
    cells[WIDE_META + k - 1] = g_strdup(tr_csv_category_column((tr_category)k));
  int rc = emit(o, cells, ncol);
  for (int c = 0; c < ncol; c++)
    g_clear_pointer(&cells[c], g_free);

  for (size_t i = 0; i < n && !rc; i++) {
    const tr_agreement *a = ags[i];
    char *full[COL_COUNT] = { 0 };
    char *ds;
    fill_agreement_cells(full, a);
    ds = wide_dispute_settlement(a);
    cells[0] = full[COL_AGREEMENT];
    cells[1] = full[COL_NAME];
    cells[2] = full[COL_KIND];
    cells[3] = full[COL_STATUS];
    cells[4] = full[COL_FAMILY];
    cells[5] = full[COL_PARTIES];
    cells[6] = full[COL_DATE_SIGNED];
    cells[7] = full[COL_YEAR];
    cells[8] = full[COL_TOTA_ID];
    cells[9] = full[COL_WTO_RTA_ID];
    cells[10] = ds;
    for (int k = 1; k <= ncat; k++) {
      const tr_provision *p = tr_agreement_find_provision(a, (tr_category)k);
      int code = p ? tr_csv_strength_code(tr_provision_get_strength(p)) : -1;
      cells[WIDE_META + k - 1] = code >= 0 ? g_strdup_printf("%d", code) : NULL;
    }
    rc = emit(o, cells, ncol);
    for (int c = 0; c < COL_COUNT; c++)
      g_free(full[c]);
    g_free(ds);
    for (int c = WIDE_META; c < ncol; c++)
      g_clear_pointer(&cells[c], g_free);
  }
  g_free(cells);
  return rc;
}

int tri_csv_rows(const tr_catalog *catalog, const tr_agreement_list *selection,
                 tr_csv_format format, tri_csv_row_fn fn, void *user) {
  if (!fn)
    return tri_fail(TR_ERR_INVALID_ARG, "tri_csv_rows: NULL row function");
  if (!catalog && !selection)
    return tri_fail(TR_ERR_INVALID_ARG, "tr_csv_write: need a catalog or a selection");
  if (!tr_csv_format_id(format))
    return tri_fail(TR_ERR_INVALID_ARG, "tr_csv_write: invalid format %d", (int)format);
  size_t n = selection ? tr_agreement_list_count(selection) : tr_catalog_agreement_count(catalog);
  const tr_agreement **ags = g_try_new0(const tr_agreement *, n + 1);
  if (!ags)
    return tri_fail(TR_ERR_NOMEM, "out of memory: a list of %zu agreements", n);
  for (size_t i = 0; i < n; i++)
    ags[i] = selection ? tr_agreement_list_at(selection, i) : tr_catalog_agreement_at(catalog, i);
  row_sink o = { fn, user };
  int rc = format == TR_CSV_LONG ? write_long(&o, ags, n) : write_wide(&o, ags, n);
  g_free(ags);
  return rc;
}

int tr_csv_write(const tr_catalog *catalog, const tr_agreement_list *selection,
                 tr_csv_format format, char **out) {
  if (!out)
    return tri_fail(TR_ERR_INVALID_ARG, "tr_csv_write: NULL output");
  *out = NULL;
  text_sink t = { g_string_sized_new(1024), NULL, 0, 0, NULL };
  int rc = tri_csv_rows(catalog, selection, format, text_row, &t);
  g_string_free(t.row, TRUE);
  if (rc) {
    g_free(t.data);
    return rc;
  }
  *out = t.data; /* tr_free() is g_free(); never NULL: the header is always written */
  return TR_OK;
}

int tr_csv_write_file(const tr_catalog *catalog, const tr_agreement_list *selection,
                      tr_csv_format format, const char *path) {
  if (!path)
    return tri_fail(TR_ERR_INVALID_ARG, "tr_csv_write_file: NULL path");
  if (!catalog && !selection)
    return tri_fail(TR_ERR_INVALID_ARG, "tr_csv_write: need a catalog or a selection");
  if (!tr_csv_format_id(format))
    return tri_fail(TR_ERR_INVALID_ARG, "tr_csv_write: invalid format %d", (int)format);
  /* rows go to the file as they are made (io.h's rules: the old file stays
   * until everything is written) */
  if (strcmp(path, "-") == 0)
    path = "./-"; /* a file named '-', as tr_file_write(): standard output is the caller's business */
  text_sink t = { g_string_sized_new(1024), NULL, 0, 0, NULL };
  int rc = tri_io_out_open(path, &t.file);
  if (rc == TR_OK) {
    rc = tri_csv_rows(catalog, selection, format, text_row, &t);
    int crc = tri_io_out_close(t.file, rc == TR_OK);
    if (rc == TR_OK)
      rc = crc;
  }
  g_string_free(t.row, TRUE);
  return rc;
}

/* ------------------------------------------------------------------------ */
/* RFC 4180 parsing                                                          */

/* The reader streams: a first pass lexes the whole input once to find syntax
 * and encoding errors (the same errors, in the same order, as a reader that
 * parses everything before interpreting anything) and the last record that is
 * not a trailing empty line; a second pass lexes it again, one record at a
 * time into a reused buffer, and interprets each row as it comes. Memory is the
 * input, the header, one record, and what the catalog keeps (no object per
 * field of the file: that took about 15 bytes per input byte). */

typedef struct {
  const char *value; /* unescaped, NUL-terminated, in the record's buffer */
  size_t offset;     /* of the value in that buffer */
  long line;         /* where the field starts (1-based) */
  long column;       /* byte column, 1-based */
  gboolean quoted;   /* written in quotes (a quoted "NA" is the text NA) */
} csv_field;

typedef struct {
  GArray *fields; /* of csv_field */
  GString *buf;   /* the fields' values, each followed by a NUL */
  long line;      /* line where the record starts */
  long end_line, end_column; /* position of the record terminator (or EOF) */
} csv_record;

/* Where the lexer is: the next byte, its line, and the index of the next record (0 = header). */
typedef struct {
  const char *p, *line_start;
  long line;
  guint index;
} csv_pos;

typedef struct {
  const char *name;
  const char *data;
  size_t length;
  csv_record header; /* record 0, kept for the column mapping and messages */
  gboolean have_header;
  csv_pos body;      /* where record 1 starts */
  guint nrecords;    /* records, header included, without trailing empty lines */
  /* header mapping: header column index -> long_column, and inverse */
  int *col_of;      /* per header field */
  int index_of[COL_COUNT]; /* -1 when absent */
  int nheader;
} csv_input;

static void record_init(csv_record *r) {
  memset(r, 0, sizeof *r);
  r->fields = g_array_new(FALSE, TRUE, sizeof(csv_field));
  r->buf = g_string_sized_new(256);
}

static void record_clear(csv_record *r) {
  if (r->fields)
    g_array_free(r->fields, TRUE);
  if (r->buf)
    g_string_free(r->buf, TRUE);
  memset(r, 0, sizeof *r);
}

/* Byte position -> line and column. */
static void locate(const char *data, const char *pos, long *line, long *col) {
  long l = 1;
  const char *ls = data;
  for (const char *p = data; p < pos; p++)
    if (*p == '\n') {
      l++;
      ls = p + 1;
    }
  *line = l;
  *col = (long)(pos - ls) + 1;
}

static const char *header_name(const csv_input *in, guint index) {
  if (!in->have_header)
    return "header";
  const csv_record *h = &in->header;
  if (index < h->fields->len)
    return g_array_index(h->fields, csv_field, index).value;
  return NULL;
}

/* Lex the record at @ps into @rec (its buffers reused) and advance @ps. */
static int lex_record(const csv_input *in, csv_pos *ps, csv_record *rec) {
  const char *p = ps->p, *end = in->data + in->length;
  long line = ps->line;
  const char *line_start = ps->line_start;
  gboolean body = ps->index > 0; /* below the header */
  GString *buf = rec->buf;
  g_array_set_size(rec->fields, 0);
  g_string_truncate(buf, 0);
  rec->line = line;
  for (;;) {
    csv_field f = { NULL, buf->len, line, (long)(p - line_start) + 1, FALSE };
    const char *raw_start = p;
    guint findex = rec->fields->len;
    if (p < end && *p == '"') {
      f.quoted = TRUE;
      p++;
      for (;;) {
        const char *q = p;
        while (q < end && *q != '"' && *q != '\n')
          q++;
        g_string_append_len(buf, p, q - p);
        p = q;
        if (p >= end)
          return tri_set_error(TR_ERR_PARSE, in->name, f.line, f.column,
                               body ? header_name(in, findex) : NULL, "quoted field is never closed");
        if (*p == '"') {
          if (p + 1 < end && p[1] == '"') {
            g_string_append_c(buf, '"');
            p += 2;
            continue;
          }
          p++;
          break;
        }
        line++; /* a line feed inside the quotes */
        line_start = p + 1;
        g_string_append_c(buf, *p++);
      }
      if (p < end && *p != ',' && *p != '\n' && !(*p == '\r' && p + 1 < end && p[1] == '\n'))
        return tri_set_error(TR_ERR_PARSE, in->name, line, (long)(p - line_start) + 1,
                             body ? header_name(in, findex) : NULL,
                             "unexpected character after closing quote (expected a comma or end of line)");
    } else {
      const char *q = p;
      while (q < end && *q != ',' && *q != '\n' && *q != '\r' && *q != '"')
        q++;
      if (q < end && *q == '"')
        return tri_set_error(TR_ERR_PARSE, in->name, line, (long)(q - line_start) + 1,
                             body ? header_name(in, findex) : NULL,
                             "quote inside an unquoted field (quote the whole field and double the quote)");
      g_string_append_len(buf, p, q - p);
      p = q;
      if (p < end && *p == '\r' && !(p + 1 < end && p[1] == '\n'))
        return tri_set_error(TR_ERR_PARSE, in->name, line, (long)(p - line_start) + 1,
                             body ? header_name(in, findex) : NULL,
                             "carriage return not followed by a line feed");
    }
    /* UTF-8 check on the raw bytes of the field. */
    const char *bad = NULL;
    if (!g_utf8_validate_len(raw_start, (gsize)(p - raw_start), &bad)) {
      long bl, bc;
      locate(in->data, bad, &bl, &bc);
      return tri_set_error(TR_ERR_ENCODING, in->name, bl, bc, body ? header_name(in, findex) : NULL,
                           "invalid UTF-8 (byte 0x%02X); save the file as UTF-8", (unsigned char)*bad);
    }
    /* R's write.csv() writes a missing value as a bare NA (and quotes
     * text): below the header an unquoted NA is an empty (missing) cell. */
    if (!f.quoted && body && buf->len - f.offset == 2 && memcmp(buf->str + f.offset, "NA", 2) == 0)
      g_string_truncate(buf, f.offset);
    g_string_append_c(buf, '\0');
    g_array_append_val(rec->fields, f);
    if (p < end && *p == ',') {
      p++;
      continue;
    }
    rec->end_line = line;
    rec->end_column = (long)(p - line_start) + 1;
    if (p < end && *p == '\r')
      p++;
    if (p < end && *p == '\n') {
      p++;
      line++;
      line_start = p;
    }
    break;
  }
  for (guint i = 0; i < rec->fields->len; i++) {
    csv_field *f = &g_array_index(rec->fields, csv_field, i);
    f->value = buf->str + f->offset;
  }
  ps->p = p;
  ps->line = line;
  ps->line_start = line_start;
  ps->index++;
  return TR_OK;
}

/* First pass: every syntax and encoding error, the header, where the body
 * starts, and how many records there are without trailing empty lines. */
static int scan_csv(csv_input *in) {
  csv_pos ps = { in->data, in->data, 1, 0 };
  const char *end = in->data + in->length;
  /* Skip a UTF-8 byte-order mark (spreadsheets write one). */
  if (in->length >= 3 && memcmp(ps.p, "\xEF\xBB\xBF", 3) == 0)
    ps.p += 3;
  csv_record scratch;
  record_init(&scratch);
  guint last = 0; /* last record that is not an empty line (the header counts) */
  int rc = TR_OK;
  while (ps.p < end) {
    gboolean is_header = ps.index == 0;
    csv_record *r = is_header ? &in->header : &scratch;
    if ((rc = lex_record(in, &ps, r)) != TR_OK)
      break;
    if (is_header) {
      in->have_header = TRUE;
      in->body = ps;
      continue;
    }
    /* Empty lines at the end of the file (an editor's or a script's extra
     * line break) are not records. */
    const csv_field *f0 = &g_array_index(r->fields, csv_field, 0);
    if (r->fields->len != 1 || f0->quoted || f0->value[0])
      last = ps.index - 1;
  }
  record_clear(&scratch);
  in->nrecords = in->have_header ? last + 1 : 0;
  return rc;
}

/* ------------------------------------------------------------------------ */
/* Interpretation of the long format                                         */

typedef struct {
  tr_agreement *agreement;
  csv_pos first;             /* row that defined the metadata (lexed again to compare) */
  char *based_on;            /* copy, or NULL */
  long based_on_line, based_on_column;
  gboolean added;
} pending;

static void pending_free(gpointer p) {
  pending *pd = p;
  tr_agreement_free(pd->agreement);
  g_free(pd->based_on);
  g_free(pd);
}

static const csv_field *cell(const csv_input *in, const csv_record *r, int col) {
  int idx = in->index_of[col];
  if (idx < 0)
    return NULL;
  return &g_array_index(r->fields, csv_field, idx);
}

/* Value of a column, NULL when absent or empty. */
static const char *val(const csv_input *in, const csv_record *r, int col) {
  const csv_field *f = cell(in, r, col);
  return f && f->value[0] ? f->value : NULL;
}

static int cell_error(const csv_input *in, const csv_record *r, int col, int code,
                      const char *fmt, ...) G_GNUC_PRINTF(5, 6);
static int cell_error(const csv_input *in, const csv_record *r, int col, int code,
                      const char *fmt, ...) {
  const csv_field *f = cell(in, r, col);
  va_list ap;
  va_start(ap, fmt);
  char *msg = g_strdup_vprintf(fmt, ap);
  va_end(ap);
  int rc = tri_set_error(code, in->name, f ? f->line : r->line, f ? f->column : 0,
                        long_columns[col], "%s", msg);
  g_free(msg);
  return rc;
}

/* Re-raise the model's error for a cell with its location. */
static int model_error(const csv_input *in, const csv_record *r, int col, int code) {
  char *msg = g_strdup(tr_error_message());
  int rc = cell_error(in, r, col, code, "%s", msg);
  g_free(msg);
  return rc;
}

/* Split a ';' list with '\' escapes. Returns NULL (error set) on a dangling escape. */
static GPtrArray *split_list(const csv_input *in, const csv_record *r, int col, gboolean trim) {
  const char *s = val(in, r, col);
  GPtrArray *items = g_ptr_array_new_with_free_func(g_free);
  if (!s)
    return items;
  GString *cur = g_string_new(NULL);
  for (const char *p = s;; p++) {
    if (*p == '\\') {
      if (p[1] == '\\' || p[1] == ';') {
        g_string_append_c(cur, *++p);
        continue;
      }
      if (p[1] == '\0' && p == s) { /* a lone "\" is one empty item */
        break;
      }
      g_string_free(cur, TRUE);
      g_ptr_array_free(items, TRUE);
      cell_error(in, r, col, TR_ERR_SCHEMA,
                 "'\\' must be followed by ';' or '\\' in a list (write '\\\\' for a backslash)");
      return NULL;
    }
    if (*p == ';' || *p == '\0') {
      char *item = g_string_free(cur, FALSE);
      if (trim)
        g_strstrip(item);
      g_ptr_array_add(items, item);
      cur = g_string_new(NULL);
      if (*p == '\0')
        break;
      continue;
    }
    g_string_append_c(cur, *p);
  }
  g_string_free(cur, TRUE);
  if (items->len == 0) /* the lone "\" */
    g_ptr_array_add(items, g_strdup(""));
  return items;
}

static int parse_flags(const csv_input *in, const csv_record *r, int col,
                       int (*from_id)(const char *, unsigned int *), const char *what,
                       unsigned int *out) {
  GPtrArray *items = split_list(in, r, col, TRUE);
  if (!items)
    return tr_error_code();
  unsigned int bits = 0;
  for (guint i = 0; i < items->len; i++) {
    unsigned int b = 0;
    const char *id = g_ptr_array_index(items, i);
    if (from_id(id, &b) != TR_OK) {
      int rc = cell_error(in, r, col, TR_ERR_SCHEMA, "unknown %s '%s'", what, id);
      g_ptr_array_free(items, TRUE);
      return rc;
    }
    bits |= b;
  }
  g_ptr_array_free(items, TRUE);
  *out = bits;
  return TR_OK;
}

/* The end of a whole number: `p`, or past a ".0", ".00", ... there (pandas
 * writes an integer column holding missing values as floats: 3.0). */
static const char *whole_end(const char *p) {
  if (p && *p == '.' && p[1] == '0') {
    const char *q = p + 1;
    while (*q == '0')
      q++;
    if (*q == '\0')
      return q;
  }
  return p;
}

static int parse_int(const csv_input *in, const csv_record *r, int col, int *out) {
  const char *s = val(in, r, col);
  *out = 0;
  if (!s)
    return TR_OK;
  char *endp = NULL;
  errno = 0;
  long v = strtol(s, &endp, 10);
  if (endp != s)
    endp = (char *)whole_end(endp);
  if (errno || endp == s || *endp || v < 0 || v > G_MAXINT)
    return cell_error(in, r, col, TR_ERR_SCHEMA, "expected a non-negative whole number, got '%s'", s);
  *out = (int)v;
  return TR_OK;
}

#define ENUM_CELL(col, type, from_id, setter, what)                                  \
  do {                                                                              \
    const char *s_ = val(in, r, (col));                                             \
    if (s_) {                                                                       \
      type v_;                                                                      \
      if (from_id(s_, &v_) != TR_OK)                                                \
        return cell_error(in, r, (col), TR_ERR_SCHEMA, "unknown %s '%s'", what, s_); \
      if (setter != TR_OK)                                                          \
        return model_error(in, r, (col), TR_ERR_SCHEMA);                            \
    }                                                                               \
  } while (0)

static int build_agreement(const csv_input *in, const csv_record *r, tr_agreement **out) {
  const char *id = val(in, r, COL_AGREEMENT);
  const char *name = val(in, r, COL_NAME);
  *out = NULL;
  if (!name)
    return cell_error(in, r, COL_NAME, TR_ERR_SCHEMA, "an agreement needs a name");
  tr_agreement *a = NULL;
  if (tr_agreement_new(id, name, &a) != TR_OK)
    return model_error(in, r, COL_AGREEMENT, TR_ERR_SCHEMA);
  int rc = TR_OK;
#define CHECK(expr) do { if ((rc = (expr)) != TR_OK) goto fail; } while (0)
#define SET(col, expr) do { if ((expr) != TR_OK) { rc = model_error(in, r, (col), TR_ERR_SCHEMA); goto fail; } } while (0)
  {
    const char *s;
    if ((s = val(in, r, COL_KIND))) {
      tr_kind k;
      if (tr_kind_from_id(s, &k) != TR_OK) {
        rc = cell_error(in, r, COL_KIND, TR_ERR_SCHEMA, "unknown kind '%s'", s);
        goto fail;
      }
      SET(COL_KIND, tr_agreement_set_kind(a, k));
    }
    if ((s = val(in, r, COL_STATUS))) {
      tr_agreement_status st;
      if (tr_agreement_status_from_id(s, &st) != TR_OK) {
        rc = cell_error(in, r, COL_STATUS, TR_ERR_SCHEMA, "unknown status '%s'", s);
        goto fail;
      }
      SET(COL_STATUS, tr_agreement_set_status(a, st));
    }
    if ((s = val(in, r, COL_FAMILY))) {
      tr_family fam;
      if (tr_family_from_id(s, &fam) != TR_OK) {
        rc = cell_error(in, r, COL_FAMILY, TR_ERR_SCHEMA, "unknown family '%s'", s);
        goto fail;
      }
      SET(COL_FAMILY, tr_agreement_set_family(a, fam));
    }
    GPtrArray *parties = split_list(in, r, COL_PARTIES, TRUE);
    if (!parties) {
      rc = tr_error_code();
      goto fail;
    }
    for (guint i = 0; i < parties->len; i++) {
      int prc = tr_agreement_add_party(a, g_ptr_array_index(parties, i));
      if (prc != TR_OK) {
        rc = model_error(in, r, COL_PARTIES, prc == TR_ERR_DUPLICATE ? TR_ERR_DUPLICATE : TR_ERR_SCHEMA);
        g_ptr_array_free(parties, TRUE);
        goto fail;
      }
    }
    g_ptr_array_free(parties, TRUE);
    if ((s = val(in, r, COL_DATE_SIGNED)))
      SET(COL_DATE_SIGNED, tr_agreement_set_date_signed(a, s));
    if ((s = val(in, r, COL_DATE_IN_FORCE)))
      SET(COL_DATE_IN_FORCE, tr_agreement_set_date_in_force(a, s));
    if ((s = val(in, r, COL_BASED_ON)))
      SET(COL_BASED_ON, tr_agreement_set_based_on(a, s));
    int n;
    /* ids are positive, as in the JSON catalog: a written 0 is an error, not "none" */
    CHECK(parse_int(in, r, COL_TOTA_ID, &n));
    if (val(in, r, COL_TOTA_ID) && n == 0)
      CHECK(cell_error(in, r, COL_TOTA_ID, TR_ERR_SCHEMA, "must be a positive whole number (leave it empty for none), got 0"));
    if (n)
      SET(COL_TOTA_ID, tr_agreement_set_tota_id(a, n));
    CHECK(parse_int(in, r, COL_WTO_RTA_ID, &n));
    if (val(in, r, COL_WTO_RTA_ID) && n == 0)
      CHECK(cell_error(in, r, COL_WTO_RTA_ID, TR_ERR_SCHEMA, "must be a positive whole number (leave it empty for none), got 0"));
    if (n)
      SET(COL_WTO_RTA_ID, tr_agreement_set_wto_rta_id(a, n));
    CHECK(parse_int(in, r, COL_YEAR, &n)); /* derived, but must be a number */
    GPtrArray *sources = split_list(in, r, COL_AGREEMENT_SOURCES, FALSE);
    if (!sources) {
      rc = tr_error_code();
      goto fail;
    }
    for (guint i = 0; i < sources->len; i++)
      if (tr_agreement_add_source(a, g_ptr_array_index(sources, i)) != TR_OK) {
        rc = model_error(in, r, COL_AGREEMENT_SOURCES, TR_ERR_SCHEMA);
        g_ptr_array_free(sources, TRUE);
        goto fail;
      }
    g_ptr_array_free(sources, TRUE);
    if ((s = val(in, r, COL_AGREEMENT_NOTE)))
      SET(COL_AGREEMENT_NOTE, tr_agreement_set_note(a, s));
  }
  *out = a;
  return TR_OK;
fail:
  tr_agreement_free(a);
  return rc;
}

/* A list of whole numbers >= @min. */
static int int_list(const csv_input *in, const csv_record *r, int col, int min, GArray **out) {
  GPtrArray *items = split_list(in, r, col, TRUE);
  *out = NULL;
  if (!items)
    return tr_error_code();
  GArray *v = g_array_new(FALSE, FALSE, sizeof(int));
  for (guint i = 0; i < items->len; i++) {
    const char *x = g_ptr_array_index(items, i);
    char *endp = NULL;
    errno = 0;
    long n = strtol(x, &endp, 10);
    if (endp != x)
      endp = (char *)whole_end(endp);
    if (errno || endp == x || *endp || n < min || n > G_MAXINT) {
      int rc = cell_error(in, r, col, TR_ERR_SCHEMA,
                          "item %u: expected a whole number of at least %d, got '%s'", i + 1, min, x);
      g_ptr_array_free(items, TRUE);
      g_array_free(v, TRUE);
      return rc;
    }
    int k = (int)n;
    g_array_append_val(v, k);
  }
  g_ptr_array_free(items, TRUE);
  *out = v;
  return TR_OK;
}

/* basis, draft, review, evidence_* and scope_* (evidence_citation is derived and ignored). */
static int read_evidence_cells(const csv_input *in, const csv_record *r, tr_provision *p) {
  int rc = TR_OK;
  const char *s;
  GArray *tota = NULL, *artid = NULL;
  GPtrArray *art = NULL, *para = NULL, *span = NULL, *doc = NULL, *url = NULL;
  tr_exception_scope *sc = NULL;
  if ((s = val(in, r, COL_BASIS))) {
    tr_basis b;
    if (tr_basis_from_id(s, &b) != TR_OK)
      return cell_error(in, r, COL_BASIS, TR_ERR_SCHEMA,
                        "unknown basis '%s' (use text, coder_confirmed, official, secondary or unknown)", s);
    tr_provision_set_basis(p, b);
  }
  if ((s = val(in, r, COL_DRAFT))) {
    tr_strength d;
    if (tr_strength_from_id(s, &d) != TR_OK)
      return cell_error(in, r, COL_DRAFT, TR_ERR_SCHEMA, "unknown draft strength '%s'", s);
    tr_provision_set_draft(p, 1, d);
  }
  if ((s = val(in, r, COL_REVIEW))) {
    tr_review v;
    if (tr_review_from_id(s, &v) != TR_OK)
      return cell_error(in, r, COL_REVIEW, TR_ERR_SCHEMA,
                        "unknown review '%s' (use confirmed, corrected, rejected or added)", s);
    tr_provision_set_review(p, v);
  }
  if ((rc = int_list(in, r, COL_EVIDENCE_TOTA_ID, 0, &tota)) ||
      (rc = int_list(in, r, COL_EVIDENCE_ARTICLE_ID, 0, &artid)))
    goto out;
  if (!(art = split_list(in, r, COL_EVIDENCE_ARTICLE, FALSE)) ||
      !(para = split_list(in, r, COL_EVIDENCE_PARAGRAPH, FALSE)) ||
      !(span = split_list(in, r, COL_EVIDENCE_SPAN, FALSE)) ||
      !(doc = split_list(in, r, COL_EVIDENCE_DOCUMENT, FALSE)) ||
      !(url = split_list(in, r, COL_EVIDENCE_URL, FALSE))) {
    rc = tr_error_code();
    goto out;
  }
  {
    guint n = span->len;
    const struct { int col; guint len; } lists[] = {
      { COL_EVIDENCE_TOTA_ID, tota->len }, { COL_EVIDENCE_ARTICLE_ID, artid->len },
      { COL_EVIDENCE_ARTICLE, art->len },
    };
    for (size_t k = 0; k < G_N_ELEMENTS(lists); k++)
      if (lists[k].len != n) {
        rc = cell_error(in, r, lists[k].col, TR_ERR_SCHEMA,
                        "%u item(s), but evidence_span has %u (the evidence lists are aligned)",
                        lists[k].len, n);
        goto out;
      }
    const struct { int col; guint len; } optional[] = {
      { COL_EVIDENCE_PARAGRAPH, para->len }, { COL_EVIDENCE_DOCUMENT, doc->len },
      { COL_EVIDENCE_URL, url->len },
    };
    for (size_t k = 0; k < G_N_ELEMENTS(optional); k++)
      if (optional[k].len != 0 && optional[k].len != n) {
        rc = cell_error(in, r, optional[k].col, TR_ERR_SCHEMA,
                        "%u item(s), but evidence_span has %u (leave it empty when no record has one)",
                        optional[k].len, n);
        goto out;
      }
    for (guint i = 0; i < n; i++) {
      tr_cell_evidence *e = NULL;
      const char *pg = para->len ? g_ptr_array_index(para, i) : NULL;
      const char *dc = doc->len ? g_ptr_array_index(doc, i) : NULL;
      const char *ul = url->len ? g_ptr_array_index(url, i) : NULL;
      int t = g_array_index(tota, int, i), aid = g_array_index(artid, int, i);
      dc = dc && *dc ? dc : NULL;
      ul = ul && *ul ? ul : NULL;
      /* a record is from a ToTA text (tota_id >= 1) or from a document (tota_id 0) */
      if (t == 0 && !dc) {
        rc = cell_error(in, r, COL_EVIDENCE_TOTA_ID, TR_ERR_SCHEMA,
                        "item %u: tota_id 0 is for evidence from a document outside ToTA, but "
                        "evidence_document has none for it", i + 1);
        goto out;
      }
      if (t != 0 && (dc || ul)) {
        rc = cell_error(in, r, dc ? COL_EVIDENCE_DOCUMENT : COL_EVIDENCE_URL, TR_ERR_SCHEMA,
                        "item %u: a record from ToTA (tota_id %d) has no %s", i + 1, t,
                        dc ? "document" : "url");
        goto out;
      }
      if (t == 0 && aid != 0) {
        rc = cell_error(in, r, COL_EVIDENCE_ARTICLE_ID, TR_ERR_SCHEMA,
                        "item %u: a record from a document outside ToTA has article_id 0, got %d",
                        i + 1, aid);
        goto out;
      }
      if ((t ? tr_cell_evidence_new(t, aid, g_ptr_array_index(art, i), pg && *pg ? pg : NULL,
                                    g_ptr_array_index(span, i), &e)
             : tr_cell_evidence_new_document(dc, ul, g_ptr_array_index(art, i),
                                             pg && *pg ? pg : NULL, g_ptr_array_index(span, i),
                                             &e)) != TR_OK) {
        const char *m = tr_error_message();
        rc = model_error(in, r,
                         g_str_has_prefix(m, "evidence url") ? COL_EVIDENCE_URL
                         : g_str_has_prefix(m, "evidence document") ? COL_EVIDENCE_DOCUMENT
                                                                    : COL_EVIDENCE_SPAN,
                         TR_ERR_SCHEMA);
        goto out;
      }
      tr_provision_add_evidence(p, e);
    }
  }
  {
    const char *br_s = val(in, r, COL_SCOPE_BREADTH), *fo_s = val(in, r, COL_SCOPE_FORM);
    const int others[] = { COL_SCOPE_FORM, COL_SCOPE_SELF_JUDGING, COL_SCOPE_INCORPORATES,
                           COL_SCOPE_CHAPTERS };
    tr_scope_breadth br;
    tr_scope_form fo;
    if (!br_s) {
      for (size_t k = 0; k < G_N_ELEMENTS(others); k++)
        if (val(in, r, others[k])) {
          rc = cell_error(in, r, others[k], TR_ERR_SCHEMA, "set while 'scope_breadth' is empty");
          goto out;
        }
      goto out;
    }
    if (tr_scope_breadth_from_id(br_s, &br) != TR_OK) {
      rc = cell_error(in, r, COL_SCOPE_BREADTH, TR_ERR_SCHEMA,
                      "unknown scope_breadth '%s' (use sector, measure or general)", br_s);
      goto out;
    }
    if (!fo_s || tr_scope_form_from_id(fo_s, &fo) != TR_OK) {
      rc = cell_error(in, r, COL_SCOPE_FORM, TR_ERR_SCHEMA,
                      "scope_form must be standalone or incorporated (got '%s')", fo_s ? fo_s : "");
      goto out;
    }
    tr_exception_scope_new(br, fo, &sc);
    if ((s = val(in, r, COL_SCOPE_SELF_JUDGING))) {
      if (strcmp(s, "true") != 0 && strcmp(s, "false") != 0) {
        rc = cell_error(in, r, COL_SCOPE_SELF_JUDGING, TR_ERR_SCHEMA,
                        "expected true or false, got '%s'", s);
        goto out;
      }
      tr_exception_scope_set_self_judging(sc, s[0] == 't');
    }
    const struct { int col; int (*add)(tr_exception_scope *, const char *); } lists[] = {
      { COL_SCOPE_INCORPORATES, tr_exception_scope_add_incorporates },
      { COL_SCOPE_CHAPTERS, tr_exception_scope_add_chapter },
    };
    for (size_t k = 0; k < G_N_ELEMENTS(lists); k++) {
      GPtrArray *items = split_list(in, r, lists[k].col, lists[k].col == COL_SCOPE_CHAPTERS);
      if (!items) {
        rc = tr_error_code();
        goto out;
      }
      for (guint i = 0; i < items->len && rc == TR_OK; i++) {
        int arc = lists[k].add(sc, g_ptr_array_index(items, i));
        if (arc != TR_OK)
          rc = model_error(in, r, lists[k].col, arc == TR_ERR_DUPLICATE ? TR_ERR_DUPLICATE : TR_ERR_SCHEMA);
      }
      g_ptr_array_free(items, TRUE);
      if (rc)
        goto out;
    }
    tr_provision_set_exception_scope(p, sc);
    sc = NULL;
  }
out:
  if (tota)
    g_array_free(tota, TRUE);
  if (artid)
    g_array_free(artid, TRUE);
  if (art)
    g_ptr_array_free(art, TRUE);
  if (para)
    g_ptr_array_free(para, TRUE);
  if (span)
    g_ptr_array_free(span, TRUE);
  if (doc)
    g_ptr_array_free(doc, TRUE);
  if (url)
    g_ptr_array_free(url, TRUE);
  tr_exception_scope_free(sc);
  return rc;
}

static int build_provision(const csv_input *in, const csv_record *r, tr_provision **out) {
  *out = NULL;
  const char *cat_s = val(in, r, COL_CATEGORY);
  if (!cat_s) {
    /* A row for an agreement without provisions: every provision cell must be empty. */
    for (int c = COL_CATEGORY + 1; c < COL_COUNT; c++)
      if (val(in, r, c))
        return cell_error(in, r, c, TR_ERR_SCHEMA,
                          "set while 'category' is empty (a row without category only lists an agreement)");
    return TR_OK;
  }
  tr_category cat;
  if (tr_category_from_id(cat_s, &cat) != TR_OK)
    return cell_error(in, r, COL_CATEGORY, TR_ERR_SCHEMA,
                      "unknown category '%s' (see 'traderules categories')", cat_s);
  const char *st_s = val(in, r, COL_STRENGTH);
  if (!st_s)
    return cell_error(in, r, COL_STRENGTH, TR_ERR_SCHEMA,
                      "a provision needs a strength (hard, mixed, soft, none or unknown)");
  tr_strength st;
  if (tr_strength_from_id(st_s, &st) != TR_OK)
    return cell_error(in, r, COL_STRENGTH, TR_ERR_SCHEMA,
                      "unknown strength '%s' (use hard, mixed, soft, none or unknown)", st_s);
  const char *code_s = val(in, r, COL_STRENGTH_CODE);
  if (code_s) {
    int code = tr_csv_strength_code(st);
    char *want = code >= 0 ? g_strdup_printf("%d", code) : g_strdup("");
    size_t wl = strlen(want);
    gboolean same = strcmp(want, code_s) == 0 ||
                    (wl && strncmp(want, code_s, wl) == 0 && *whole_end(code_s + wl) == '\0');
    g_free(want);
    if (!same)
      return cell_error(in, r, COL_STRENGTH_CODE, TR_ERR_SCHEMA,
                        "strength_code '%s' does not match strength '%s'", code_s, st_s);
  }
  tr_provision *p = NULL;
  if (tr_provision_new(cat, st, &p) != TR_OK)
    return model_error(in, r, COL_CATEGORY, TR_ERR_SCHEMA);
  int rc = TR_OK;
  const char *s;
  if ((s = val(in, r, COL_CITATION)))
    SET(COL_CITATION, tr_provision_set_citation(p, s));
  if ((s = val(in, r, COL_TITLE)))
    SET(COL_TITLE, tr_provision_set_title(p, s));
  if ((s = val(in, r, COL_SUMMARY)))
    SET(COL_SUMMARY, tr_provision_set_summary(p, s));
  if ((s = val(in, r, COL_SOURCE)))
    SET(COL_SOURCE, tr_provision_set_source(p, s));
  if ((s = val(in, r, COL_NOTE)))
    SET(COL_NOTE, tr_provision_set_note(p, s));
  unsigned int bits;
  CHECK(parse_flags(in, r, COL_EXCEPTIONS, tr_exception_from_id, "exception", &bits));
  SET(COL_EXCEPTIONS, tr_provision_set_exceptions(p, bits));
  CHECK(parse_flags(in, r, COL_FLAGS, tr_provision_flag_from_id, "flag", &bits));
  SET(COL_FLAGS, tr_provision_set_flags(p, bits));
  if ((s = val(in, r, COL_DISPUTE_SETTLEMENT))) {
    tr_dispute_settlement ds;
    if (tr_dispute_settlement_from_id(s, &ds) != TR_OK) {
      rc = cell_error(in, r, COL_DISPUTE_SETTLEMENT, TR_ERR_SCHEMA,
                      "unknown dispute_settlement '%s' (use yes, no or unknown)", s);
      goto fail;
    }
    SET(COL_DISPUTE_SETTLEMENT, tr_provision_set_dispute_settlement(p, ds));
  }
  CHECK(read_evidence_cells(in, r, p));
  *out = p;
  return TR_OK;
fail:
  tr_provision_free(p);
  return rc;
#undef CHECK
#undef SET
}

static int read_header(csv_input *in) {
  if (!in->have_header)
    return tri_set_error(TR_ERR_EMPTY, in->name, 1, 1, NULL, "empty CSV: a header row is required");
  const csv_record *h = &in->header;
  for (int c = 0; c < COL_COUNT; c++)
    in->index_of[c] = -1;
  in->nheader = (int)h->fields->len;
  in->col_of = g_new0(int, in->nheader);
  for (int i = 0; i < in->nheader; i++) {
    const csv_field *f = &g_array_index(h->fields, csv_field, i);
    int found = -1;
    if (i == 0 && !f->value[0] && in->nheader > 1) {
      /* R's write.csv() writes the row names first, under an empty name: ignored */
      in->col_of[i] = -1;
      continue;
    }
    for (int c = 0; c < COL_COUNT; c++)
      if (strcmp(f->value, long_columns[c]) == 0)
        found = c;
    if (found < 0) {
      tr_category cat;
      gboolean wide = tr_category_from_id(f->value, &cat) == TR_OK;
      for (int k = 1; !wide && k <= tr_category_count(); k++)
        wide = g_strcmp0(tr_csv_category_column((tr_category)k), f->value) == 0;
      if (wide)
        return tri_set_error(TR_ERR_SCHEMA, in->name, f->line, f->column, f->value,
                            "column named after a category: this is a wide matrix, but import "
                            "reads the long format ('traderules export --format csv')");
      return tri_set_error(TR_ERR_SCHEMA, in->name, f->line, f->column, f->value,
                          "unknown column '%s' in the header (see docs/csv-format.md)", f->value);
    }
    if (in->index_of[found] >= 0)
      return tri_set_error(TR_ERR_SCHEMA, in->name, f->line, f->column, f->value,
                          "column '%s' appears twice in the header", f->value);
    in->index_of[found] = i;
    in->col_of[i] = found;
  }
  static const int required[] = { COL_AGREEMENT, COL_NAME, COL_CATEGORY, COL_STRENGTH };
  for (size_t i = 0; i < G_N_ELEMENTS(required); i++)
    if (in->index_of[required[i]] < 0)
      return tri_set_error(TR_ERR_SCHEMA, in->name, 1, 0, long_columns[required[i]],
                          "the header lacks the required column '%s'", long_columns[required[i]]);
  return TR_OK;
}

static int read_long(tr_catalog *catalog, csv_input *in) {
  int rc = read_header(in);
  if (rc)
    return rc;
  GHashTable *by_id = g_hash_table_new(g_str_hash, g_str_equal); /* id -> pending (borrowed) */
  GPtrArray *order = g_ptr_array_new_with_free_func(pending_free);
  csv_pos ps = in->body;
  csv_record row, first;     /* the current row; the first row of first_of */
  record_init(&row);
  record_init(&first);
  const pending *first_of = NULL;
  const csv_record *r = &row;
  for (guint ri = 1; ri < in->nrecords; ri++) {
    /* the first pass found every lexical error: this cannot fail */
    csv_pos at = ps;
    if ((rc = lex_record(in, &ps, &row)) != TR_OK)
      goto out;
    if ((int)r->fields->len != in->nheader) {
      gboolean more = (int)r->fields->len > in->nheader;
      const csv_field *extra = more ? &g_array_index(r->fields, csv_field, in->nheader) : NULL;
      rc = tri_set_error(TR_ERR_PARSE, in->name, more ? extra->line : r->end_line,
                        more ? extra->column : r->end_column,
                        more ? NULL : header_name(in, r->fields->len),
                        "expected %d fields as in the header, found %u", in->nheader, r->fields->len);
      goto out;
    }
    const char *id = val(in, r, COL_AGREEMENT);
    if (!id) {
      rc = cell_error(in, r, COL_AGREEMENT, TR_ERR_SCHEMA, "empty agreement id");
      goto out;
    }
    pending *pd = g_hash_table_lookup(by_id, id);
    if (!pd) {
      if (tr_catalog_find_agreement(catalog, id)) {
        rc = cell_error(in, r, COL_AGREEMENT, TR_ERR_DUPLICATE,
                        "agreement '%s' is already in the catalog", id);
        goto out;
      }
      pd = g_new0(pending, 1);
      pd->first = at;
      if ((rc = build_agreement(in, r, &pd->agreement)) != TR_OK) {
        g_free(pd);
        goto out;
      }
      const csv_field *bf = cell(in, r, COL_BASED_ON);
      if (bf && bf->value[0]) {
        pd->based_on = g_strdup(bf->value);
        pd->based_on_line = bf->line;
        pd->based_on_column = bf->column;
      }
      g_ptr_array_add(order, pd);
      g_hash_table_insert(by_id, (gpointer)tr_agreement_get_id(pd->agreement), pd);
    } else {
      if (first_of != pd) { /* rows of one agreement usually follow each other: lexed once */
        csv_pos fp = pd->first;
        if ((rc = lex_record(in, &fp, &first)) != TR_OK)
          goto out;
        first_of = pd;
      }
      for (int c = 0; c < COL_COUNT; c++) {
        if (!is_agreement_column(c) || in->index_of[c] < 0)
          continue;
        const char *a = cell(in, &first, c)->value, *b = cell(in, r, c)->value;
        if (strcmp(a, b) != 0) {
          rc = cell_error(in, r, c, TR_ERR_SCHEMA,
                          "differs from line %ld for agreement '%s' ('%s' there)",
                          first.line, id, a);
          goto out;
        }
      }
    }
    tr_provision *p = NULL;
    if ((rc = build_provision(in, r, &p)) != TR_OK)
      goto out;
    if (p) {
      if (tr_agreement_find_provision(pd->agreement, tr_provision_get_category(p))) {
        tr_provision_free(p);
        rc = cell_error(in, r, COL_CATEGORY, TR_ERR_DUPLICATE,
                        "agreement '%s' has this category twice", id);
        goto out;
      }
      if (tr_agreement_add_provision(pd->agreement, p) != TR_OK) {
        tr_provision_free(p);
        rc = model_error(in, r, COL_CATEGORY, TR_ERR_SCHEMA);
        goto out;
      }
    }
  }

  /* References: based_on must name an agreement of the catalog or of this file, without cycles. */
  for (guint i = 0; i < order->len; i++) {
    pending *pd = g_ptr_array_index(order, i);
    if (!pd->based_on)
      continue;
    if (tr_catalog_find_agreement(catalog, pd->based_on))
      continue;
    /* Walk the chain inside the file. */
    pending *q = pd;
    guint steps = 0;
    while (q && q->based_on && !tr_catalog_find_agreement(catalog, q->based_on)) {
      q = g_hash_table_lookup(by_id, q->based_on);
      if (!q || ++steps > order->len)
        break;
    }
    if (!q || steps > order->len) {
      rc = tri_set_error(TR_ERR_REFERENCE, in->name, pd->based_on_line, pd->based_on_column,
                        "based_on",
                        q ? "based_on of '%s' forms a cycle" : "based_on of '%s' names no agreement in the catalog or the file",
                        tr_agreement_get_id(pd->agreement));
      goto out;
    }
  }

  /* Everything is valid: add, each agreement after the one it is based on. */
  for (guint added = 0, pass = 0; added < order->len && pass <= order->len; pass++) {
    for (guint i = 0; i < order->len; i++) {
      pending *pd = g_ptr_array_index(order, i);
      if (pd->added)
        continue;
      if (pd->based_on && !tr_catalog_find_agreement(catalog, pd->based_on))
        continue;
      if (tr_catalog_add_agreement(catalog, pd->agreement) != TR_OK) {
        rc = tri_set_error(TR_ERR_INTERNAL, in->name, pd->first.line, 0, "agreement",
                          "could not add a validated agreement: %s", tr_error_message());
        goto out;
      }
      pd->agreement = NULL; /* owned by the catalog */
      pd->added = TRUE;
      added++;
    }
  }
  rc = TR_OK;
out:
  record_clear(&row);
  record_clear(&first);
  g_hash_table_destroy(by_id);
  g_ptr_array_free(order, TRUE);
  return rc;
}

int tr_csv_read(tr_catalog *catalog, const char *data, size_t length, const char *name) {
  if (!catalog || (!data && length))
    return tri_fail(TR_ERR_INVALID_ARG, "tr_csv_read: NULL argument");
  csv_input in = { 0 };
  in.name = name ? name : "<memory>";
  if (length > CSV_MAX_BYTES)
    return tri_set_error(TR_ERR_LIMIT, in.name, 0, 0, NULL, "CSV larger than 64 MiB");
  in.data = data ? data : "";
  in.length = length;
  record_init(&in.header);
  int rc = scan_csv(&in);
  /* Interpreting the rows makes many small objects: the catalog's agreements and
   * provisions and the reader's note of each agreement. Measured (bench/csv), per
   * record beyond its text: 610 bytes when every row is a new agreement (1,000,000
   * rows of 27 bytes: 585 MiB), 245 when rows add provisions, 750 with a 100-byte
   * note. Refuse cleanly when that much cannot be had (tri_mem_probe). */
  if (rc == TR_OK)
    rc = tri_mem_probe(tri_mem_mul(in.nrecords, 640) + length + 65536, in.name, "reading this CSV");
  if (rc == TR_OK)
    rc = read_long(catalog, &in);
  record_clear(&in.header);
  g_free(in.col_of);
  return rc;
}

int tr_csv_read_file(tr_catalog *catalog, const char *path) {
  if (!catalog || !path)
    return tri_fail(TR_ERR_INVALID_ARG, "tr_csv_read_file: NULL argument");
  char *data = NULL;
  size_t len = 0;
  int rc = tri_io_read_file(path, CSV_MAX_BYTES, &data, &len);
  if (rc != TR_OK)
    return rc;
  rc = tr_csv_read(catalog, data, len, path);
  g_free(data);
  return rc;
}
