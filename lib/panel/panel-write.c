/*
 * libtraderules - writing panels and tables as CSV and Stata .dta
 * SPDX-License-Identifier: MIT
 */
#include "panel-private.h"
#include "csv/csv-private.h"

#include <glib/gstdio.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#ifdef TR_HAVE_READSTAT
#include <readstat.h>
#endif

/* ------------------------------------------------------------------------ */
/* Output files: the library's one writer (lib/core/io.c, rules in io.h):    */
/* "-" is standard output; a regular file is replaced atomically, a link is   */
/* followed, a FIFO written directly, a read-only target refused.             */

typedef struct {
  tr_io_out *io;
  char *path;     /* for messages; "<stdout>" for "-" */
  gboolean failed;
} trp_out;

static int out_open(trp_out *o, const char *path) {
  memset(o, 0, sizeof *o);
  int rc = tri_io_out_open(path, &o->io);
  if (rc == TR_OK)
    o->path = g_strdup(strcmp(path, "-") == 0 ? "<stdout>" : path);
  return rc;
}

static void out_write(trp_out *o, const void *data, size_t n) {
  if (!o->failed && n && tri_io_out_write(o->io, data, n) != TR_OK)
    o->failed = TRUE;
}

/* Finish: on success rename into place; on failure (or @p ok FALSE) remove the temporary file. */
static int out_close(trp_out *o, gboolean ok) {
  int rc = tri_io_out_close(o->io, ok);
  g_free(o->path);
  o->path = NULL;
  return rc;
}

/* ------------------------------------------------------------------------ */
/* Panel columns                                                             */

static char *by_column(tr_category c) {
  return g_strdup_printf("by_%02d", (int)c);
}

static void csv_field(GString *s, const char *v) {
  if (strpbrk(v, ",\"\r\n")) {
    g_string_append_c(s, '"');
    for (const char *p = v; *p; p++) {
      if (*p == '"')
        g_string_append_c(s, '"');
      g_string_append_c(s, *p);
    }
    g_string_append_c(s, '"');
  } else {
    g_string_append(s, v);
  }
}

typedef struct {
  trp_out *out;
  GString *line;
} csv_ctx;

static void append_uint(GString *s, unsigned long v) {
  char buf[24];
  int n = 0;
  do {
    buf[n++] = (char)('0' + v % 10);
    v /= 10;
  } while (v);
  while (n)
    g_string_append_c(s, buf[--n]);
}

static int csv_row(const tr_panel_row *row, void *user) {
  csv_ctx *c = user;
  GString *s = c->line;
  g_string_truncate(s, 0);
  g_string_append(s, tr_panel_row_iso3_i(row));
  g_string_append_c(s, ',');
  g_string_append(s, tr_panel_row_iso3_j(row));
  g_string_append_c(s, ',');
  append_uint(s, (unsigned long)tr_panel_row_year(row));
  g_string_append_c(s, ',');
  append_uint(s, (unsigned long)tr_panel_row_agreement_count(row));
  g_string_append_c(s, ',');
  csv_field(s, tr_panel_row_agreements(row));
  g_string_append_c(s, ',');
  csv_field(s, tr_panel_row_undated(row));
  for (size_t k = 0; k < tr_panel_row_category_count(row); k++) {
    int v = tr_panel_row_value(row, k);
    g_string_append_c(s, ',');
    if (v >= 0)
      append_uint(s, (unsigned long)v);
    g_string_append_c(s, ',');
    csv_field(s, tr_panel_row_providers(row, k));
  }
  g_string_append(s, "\r\n");
  out_write(c->out, s->str, s->len);
  return c->out->failed ? TR_ERR_IO : 0;
}

typedef struct {
  long rows;
  size_t w_agreements, w_undated;
  size_t *w_by;
  size_t ncat;
} count_ctx;

static int count_row(const tr_panel_row *row, void *user) {
  count_ctx *c = user;
  c->rows++;
  c->w_agreements = MAX(c->w_agreements, strlen(tr_panel_row_agreements(row)));
  c->w_undated = MAX(c->w_undated, strlen(tr_panel_row_undated(row)));
  for (size_t k = 0; k < c->ncat; k++)
    c->w_by[k] = MAX(c->w_by[k], strlen(tr_panel_row_providers(row, k)));
  return 0;
}

static int write_panel_csv(const tr_catalog *catalog, const tr_membership *m, const tr_panel_options *o,
                           trp_out *out) {
  GString *s = g_string_new(NULL);
  g_string_append(s, "iso3_i,iso3_j,year,n_agreements,agreements,undated");
  GArray *cats = trp_panel_categories(o);
  for (guint k = 0; k < cats->len; k++) {
    tr_category c = g_array_index(cats, tr_category, k);
    char *by = by_column(c);
    g_string_append_printf(s, ",%s,%s", tr_csv_category_column(c), by);
    g_free(by);
  }
  g_array_unref(cats);
  g_string_append(s, "\r\n");
  out_write(out, s->str, s->len);
  csv_ctx c = { out, s };
  int rc = out->failed ? TR_ERR_IO : tr_panel_run(catalog, m, o, csv_row, &c);
  g_string_free(s, TRUE);
  if (rc == TR_ERR_IO && out->failed)
    return tri_set_error(TR_ERR_IO, out->path, 0, 0, NULL, "write error: %s", g_strerror(errno ? errno : EIO));
  return rc;
}

#ifdef TR_HAVE_READSTAT
/* ------------------------------------------------------------------------ */
/* Stata through ReadStat                                                    */

#define STATA_STR_MAX 2045

static ssize_t rs_write(const void *data, size_t len, void *ctx) {
  trp_out *o = ctx;
  out_write(o, data, len);
  return o->failed ? -1 : (ssize_t)len;
}

static readstat_label_set_t *strength_labels(readstat_writer_t *w) {
  readstat_label_set_t *ls = readstat_add_label_set(w, READSTAT_TYPE_INT32, "strength");
  readstat_label_int32_value(ls, 0, "none");
  readstat_label_int32_value(ls, 1, "soft");
  readstat_label_int32_value(ls, 2, "mixed");
  readstat_label_int32_value(ls, 3, "hard");
  return ls;
}

static int rs_fail(const char *path, readstat_error_t e) {
  return tri_set_error(TR_ERR_IO, path, 0, 0, NULL, "Stata writer: %s", readstat_error_message(e));
}

static readstat_variable_t *add_string(readstat_writer_t *w, const char *name, size_t width, const char *label) {
  readstat_variable_t *v = width > STATA_STR_MAX
                               ? readstat_add_variable(w, name, READSTAT_TYPE_STRING_REF, 0)
                               : readstat_add_variable(w, name, READSTAT_TYPE_STRING, width ? width : 1);
  if (label)
    readstat_variable_set_label(v, label);
  return v;
}

static readstat_error_t insert_string(readstat_writer_t *w, readstat_variable_t *v, const char *s) {
  if (readstat_variable_get_type(v) == READSTAT_TYPE_STRING_REF)
    return readstat_insert_string_ref(w, v, readstat_add_string_ref(w, s));
  return readstat_insert_string_value(w, v, s);
}

typedef struct {
  readstat_writer_t *w;
  readstat_variable_t *iso_i, *iso_j, *year, *n, *agreements, *undated;
  readstat_variable_t **val, **by;
  readstat_error_t err;
} dta_ctx;

static int dta_row(const tr_panel_row *row, void *user) {
  dta_ctx *c = user;
  readstat_error_t e = readstat_begin_row(c->w);
  if (!e) e = readstat_insert_string_value(c->w, c->iso_i, tr_panel_row_iso3_i(row));
  if (!e) e = readstat_insert_string_value(c->w, c->iso_j, tr_panel_row_iso3_j(row));
  if (!e) e = readstat_insert_int32_value(c->w, c->year, tr_panel_row_year(row));
  if (!e) e = readstat_insert_int32_value(c->w, c->n, (int32_t)tr_panel_row_agreement_count(row));
  if (!e) e = insert_string(c->w, c->agreements, tr_panel_row_agreements(row));
  if (!e) e = insert_string(c->w, c->undated, tr_panel_row_undated(row));
  for (size_t k = 0; !e && k < tr_panel_row_category_count(row); k++) {
    int v = tr_panel_row_value(row, k);
    e = v >= 0 ? readstat_insert_int32_value(c->w, c->val[k], v) : readstat_insert_missing_value(c->w, c->val[k]);
    if (!e)
      e = insert_string(c->w, c->by[k], tr_panel_row_providers(row, k));
  }
  if (!e)
    e = readstat_end_row(c->w);
  c->err = e;
  return e ? TR_ERR_IO : 0;
}

static int write_panel_dta(const tr_catalog *catalog, const tr_membership *m, const tr_panel_options *o,
                           trp_out *out) {
  GArray *cats = trp_panel_categories(o);
  size_t ncat = cats->len;
  count_ctx cc = { 0, 0, 0, g_new0(size_t, ncat ? ncat : 1), ncat };
  int rc = tr_panel_run(catalog, m, o, count_row, &cc);
  if (rc != TR_OK) {
    g_free(cc.w_by);
    g_array_unref(cats);
    return rc;
  }
  tr_panel_measure measure = o ? o->measure : TR_PANEL_STRENGTH;
  readstat_writer_t *w = readstat_writer_init();
  readstat_set_data_writer(w, rs_write);
  readstat_writer_set_file_format_version(w, 118);
  readstat_writer_set_file_label(w, "libtraderules country-pair-year panel");
  readstat_label_set_t *ls = measure == TR_PANEL_STRENGTH ? strength_labels(w) : NULL;
  dta_ctx c = { w, NULL, NULL, NULL, NULL, NULL, NULL, g_new0(readstat_variable_t *, ncat ? ncat : 1),
                g_new0(readstat_variable_t *, ncat ? ncat : 1), READSTAT_OK };
  c.iso_i = add_string(w, "iso3_i", 3, "First economy (ISO 3166-1 alpha-3)");
  c.iso_j = add_string(w, "iso3_j", 3, "Second economy (ISO 3166-1 alpha-3)");
  c.year = readstat_add_variable(w, "year", READSTAT_TYPE_INT32, 0);
  readstat_variable_set_label(c.year, "Year");
  c.n = readstat_add_variable(w, "n_agreements", READSTAT_TYPE_INT32, 0);
  readstat_variable_set_label(c.n, "Agreements in force between the pair");
  c.agreements = add_string(w, "agreements", cc.w_agreements, "Agreements in force (ids, ;-separated)");
  c.undated = add_string(w, "undated", cc.w_undated, "Agreements with unknown entry into force (not counted)");
  for (size_t k = 0; k < ncat; k++) {
    tr_category cat = g_array_index(cats, tr_category, k);
    char *label = g_strdup_printf("%s (%s)", tr_category_title(cat), tr_panel_measure_id(measure));
    if (strlen(label) > 80)
      label[80] = '\0';
    c.val[k] = readstat_add_variable(w, tr_csv_category_column(cat), READSTAT_TYPE_INT32, 0);
    readstat_variable_set_label(c.val[k], label);
    if (ls)
      readstat_variable_set_label_set(c.val[k], ls);
    g_free(label);
    char *by = by_column(cat);
    char *blabel = g_strdup_printf("Providing: %s", tr_category_title(cat));
    if (strlen(blabel) > 80)
      blabel[80] = '\0';
    c.by[k] = add_string(w, by, cc.w_by[k], blabel);
    g_free(by);
    g_free(blabel);
  }
  readstat_error_t e = readstat_begin_writing_dta(w, out, cc.rows);
  if (e)
    rc = rs_fail(out->path, e);
  else {
    rc = tr_panel_run(catalog, m, o, dta_row, &c);
    if (rc == TR_ERR_IO)
      rc = out->failed ? tri_set_error(TR_ERR_IO, out->path, 0, 0, NULL, "write error")
                       : rs_fail(out->path, c.err);
    if (rc == TR_OK && (e = readstat_end_writing(w)))
      rc = rs_fail(out->path, e);
  }
  readstat_writer_free(w);
  g_free(c.val);
  g_free(c.by);
  g_free(cc.w_by);
  g_array_unref(cats);
  return rc;
}
#endif

int tr_panel_write_file(const tr_catalog *catalog, const tr_membership *membership,
                        const tr_panel_options *options, const char *format, const char *path) {
  if (!catalog || !membership || !format || !path)
    return tri_fail(TR_ERR_INVALID_ARG, "tr_panel_write_file: NULL argument");
  gboolean dta = strcmp(format, "dta") == 0;
  if (!dta && strcmp(format, "csv") != 0)
    return tri_fail(TR_ERR_NOT_FOUND, "unknown panel format '%s' (expected csv or dta)", format);
#ifndef TR_HAVE_READSTAT
  if (dta)
    return tri_fail(TR_ERR_UNSUPPORTED, "this build of libtraderules has no Stata support (ReadStat)");
#endif
  trp_out out;
  int rc = out_open(&out, path);
  if (rc)
    return rc;
#ifdef TR_HAVE_READSTAT
  rc = dta ? write_panel_dta(catalog, membership, options, &out)
           : write_panel_csv(catalog, membership, options, &out);
#else
  rc = write_panel_csv(catalog, membership, options, &out);
#endif
  int crc = out_close(&out, rc == TR_OK);
  return rc ? rc : crc;
}

/* ------------------------------------------------------------------------ */
/* Catalog tables as Stata files                                             */

#ifdef TR_HAVE_READSTAT
static gboolean is_int32(const char *s) {
  if (!*s)
    return TRUE; /* missing */
  const char *p = s + (*s == '-');
  if (!*p || strlen(p) > 9)
    return FALSE;
  if (*p == '0' && p[1])
    return FALSE;
  for (; *p; p++)
    if (!g_ascii_isdigit(*p))
      return FALSE;
  return TRUE;
}

/* The table's rows come from the CSV writer's row callback (tri_csv_rows, the
 * same cells tr_csv_write() quotes), walked twice: first for each column's type
 * (integer when every value is an int32 or empty) and width, then to write. */
typedef struct {
  guint ncol;
  long rows;        /* data rows (header excluded) */
  char **names;     /* header */
  gboolean *numeric;
  size_t *width;
} table_shape;

static int shape_row(const char *const *cells, size_t n, void *user) {
  table_shape *t = user;
  if (!t->names) {
    t->ncol = (guint)n;
    t->names = g_new0(char *, n + 1);
    t->numeric = g_new(gboolean, n ? n : 1);
    t->width = g_new0(size_t, n ? n : 1);
    for (size_t c = 0; c < n; c++) {
      t->names[c] = g_strdup(cells[c] ? cells[c] : "");
      t->numeric[c] = TRUE;
    }
    return 0;
  }
  for (guint c = 0; c < t->ncol; c++) {
    const char *v = c < n && cells[c] ? cells[c] : "";
    t->numeric[c] = t->numeric[c] && is_int32(v);
    t->width[c] = MAX(t->width[c], strlen(v));
  }
  t->rows++;
  return 0;
}

typedef struct {
  readstat_writer_t *w;
  readstat_variable_t **vars;
  const table_shape *t;
  gboolean header_seen;
  readstat_error_t err;
} table_ctx;

static int table_row(const char *const *cells, size_t n, void *user) {
  table_ctx *c = user;
  if (!c->header_seen) {
    c->header_seen = TRUE;
    return 0;
  }
  readstat_error_t e = readstat_begin_row(c->w);
  for (guint k = 0; !e && k < c->t->ncol; k++) {
    const char *v = k < n && cells[k] ? cells[k] : "";
    if (c->t->numeric[k])
      e = *v ? readstat_insert_int32_value(c->w, c->vars[k], (int32_t)g_ascii_strtoll(v, NULL, 10))
             : readstat_insert_missing_value(c->w, c->vars[k]);
    else
      e = insert_string(c->w, c->vars[k], v);
  }
  if (!e)
    e = readstat_end_row(c->w);
  c->err = e;
  return e ? TR_ERR_IO : 0;
}

static void table_shape_clear(table_shape *t) {
  g_strfreev(t->names);
  g_free(t->numeric);
  g_free(t->width);
}

#endif

int tr_stata_write_file(const tr_catalog *catalog, const tr_agreement_list *selection, tr_csv_format format,
                        const char *path) {
  if (!catalog || !path)
    return tri_fail(TR_ERR_INVALID_ARG, "tr_stata_write_file: NULL argument");
  if (format != TR_CSV_LONG && format != TR_CSV_WIDE)
    return tri_fail(TR_ERR_INVALID_ARG, "tr_stata_write_file: invalid format %d", (int)format);
#ifndef TR_HAVE_READSTAT
  return tri_fail(TR_ERR_UNSUPPORTED, "this build of libtraderules has no Stata support (ReadStat)");
#else
  table_shape t = { 0, 0, NULL, NULL, NULL };
  int rc = tri_csv_rows(catalog, selection, format, shape_row, &t);
  if (rc == TR_OK && !t.names)
    rc = tri_fail(TR_ERR_INTERNAL, "CSV writer produced no header");
  if (rc) {
    table_shape_clear(&t);
    return rc;
  }
  guint ncol = t.ncol;
  trp_out out;
  rc = out_open(&out, path);
  if (rc) {
    table_shape_clear(&t);
    return rc;
  }
  readstat_writer_t *w = readstat_writer_init();
  readstat_set_data_writer(w, rs_write);
  readstat_writer_set_file_format_version(w, 118);
  readstat_writer_set_file_label(w, format == TR_CSV_WIDE ? "libtraderules agreements x categories"
                                                          : "libtraderules agreements, tidy long table");
  readstat_label_set_t *ls = strength_labels(w);
  readstat_label_set_t *ds = readstat_add_label_set(w, READSTAT_TYPE_INT32, "covered");
  readstat_label_int32_value(ds, 0, "no");
  readstat_label_int32_value(ds, 1, "yes");
  /* variable labels of the id and code columns (docs/codebook.md) */
  static const char *const labels[][2] = {
    { "year", "Year of signature" },
    { "tota_id", "ToTA treaty id (pta_N)" },
    { "wto_rta_id", "WTO RTA database id" },
    { "dispute_settlement", "A provision is subject to state-to-state dispute settlement" },
    { "strength_code", "Legal strength (none 0, soft 1, mixed 2, hard 3)" },
  };
  readstat_variable_t **vars = g_new0(readstat_variable_t *, ncol ? ncol : 1);
  for (guint c = 0; c < ncol; c++) {
    const char *name = t.names[c];
    tr_category cat = 0;
    gboolean is_cat = FALSE;
    for (int k = 1; k <= tr_category_count() && !is_cat; k++)
      if (strcmp(tr_csv_category_column((tr_category)k), name) == 0)
        is_cat = TRUE, cat = (tr_category)k;
    if (t.numeric[c]) {
      vars[c] = readstat_add_variable(w, name, READSTAT_TYPE_INT32, 0);
      if (is_cat || strcmp(name, "strength_code") == 0)
        readstat_variable_set_label_set(vars[c], ls);
      if (is_cat) {
        char *label = g_strndup(tr_category_title(cat), 80);
        readstat_variable_set_label(vars[c], label);
        g_free(label);
      }
      if (strcmp(name, "dispute_settlement") == 0)
        readstat_variable_set_label_set(vars[c], ds);
      for (size_t k = 0; k < G_N_ELEMENTS(labels); k++)
        if (strcmp(name, labels[k][0]) == 0)
          readstat_variable_set_label(vars[c], labels[k][1]);
    } else {
      vars[c] = add_string(w, name, t.width[c], NULL);
    }
  }
  readstat_error_t e = readstat_begin_writing_dta(w, &out, t.rows);
  if (!e) {
    table_ctx tc = { w, vars, &t, FALSE, READSTAT_OK };
    rc = tri_csv_rows(catalog, selection, format, table_row, &tc);
    e = tc.err;
    if (rc && rc != TR_ERR_IO)
      goto done; /* the catalog walk failed (error set) */
    if (!e && tc.header_seen)
      e = readstat_end_writing(w);
  }
  rc = e ? (out.failed ? tri_set_error(TR_ERR_IO, out.path, 0, 0, NULL, "write error") : rs_fail(out.path, e))
         : TR_OK;
done:
  readstat_writer_free(w);
  {
    int crc = out_close(&out, rc == TR_OK);
    g_free(vars);
    table_shape_clear(&t);
    return rc ? rc : crc;
  }
#endif
}
