/*
 * traderules corpus - treaty texts at corpus scale (ToTA): info, similar, pairs, trace,
 * templates. Uses only the public API + GLib.
 * SPDX-License-Identifier: MIT
 */
#include "tool.h"

#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

typedef struct {
  int threads;
  char *kind;
  int n;
  gboolean skip_errors;
  double threshold;
  char *unit;
  gboolean across;
  int top;
  gboolean join_articles;
  gboolean quiet;
  gboolean timings;
  gboolean nonzero;
  tr_analysis_options *aopts; /* the jobs' threads (as --threads; progress comes from the corpus) */
} corpus_opts;

/* ---- progress on stderr when it is a terminal ---- */

typedef struct {
  gint64 start;
  gint64 last;
  gboolean shown;
} progress_state;

static void on_progress(const char *stage, size_t done, size_t total, void *ud) {
  progress_state *p = ud;
  gint64 now = g_get_monotonic_time();
  if (now - p->start < 300000 && done < total)
    return; /* quiet during the first 0.3 s */
  if (now - p->last < 100000 && done < total)
    return;
  p->last = now;
  p->shown = TRUE;
  fprintf(stderr, "\r\033[K%s %zu/%zu", stage, done, total);
  fflush(stderr);
}

static void progress_end(progress_state *p) {
  if (p->shown)
    fputs("\r\033[K", stderr);
  p->shown = FALSE;
}

static gboolean parse_kind(const char *s, tr_shingle_kind *k) {
  if (!s || g_str_equal(s, "word"))
    *k = TR_SHINGLE_WORD;
  else if (g_str_equal(s, "ascii"))
    *k = TR_SHINGLE_WORD_ASCII;
  else if (g_str_equal(s, "char"))
    *k = TR_SHINGLE_CHAR;
  else
    return FALSE;
  return TRUE;
}

/* --shingles KIND (and its kept spelling --kind): checked where it is parsed, the
 * message naming the option as given. */
static gboolean on_shingles(const char *name, const char *value, gpointer data, GError **error) {
  corpus_opts *o = ((tool_args *)data)->data;
  tr_shingle_kind k;
  if (!value || !parse_kind(value, &k)) {
    g_set_error(error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE, "unknown %s '%s' (use word, ascii or char)", name,
                value ? value : "");
    return FALSE;
  }
  g_free(o->kind);
  o->kind = g_strdup(value);
  return TRUE;
}

static gboolean parse_unit(const char *s, tr_unit_kind *u) {
  if (!s || g_str_equal(s, "article"))
    *u = TR_UNIT_ARTICLE;
  else if (g_str_equal(s, "chapter"))
    *u = TR_UNIT_CHAPTER;
  else if (g_str_equal(s, "agreement"))
    *u = TR_UNIT_AGREEMENT;
  else
    return FALSE;
  return TRUE;
}

static char *fmt_double(double v) {
  char buf[G_ASCII_DTOSTR_BUF_SIZE];
  g_ascii_formatd(buf, sizeof buf, "%.6f", v);
  return g_strdup(buf);
}

/* Load the corpus (and report skipped files on stderr). */
static int load(const char *path, const corpus_opts *o, progress_state *ps, tr_corpus **out) {
  tr_corpus *c = NULL;
  tr_corpus_errors *errs = NULL;
  int rc;
  tr_corpus_new(&c);
  if (o->threads >= 0 && tr_corpus_set_threads(c, (unsigned)o->threads) != TR_OK) {
    tr_corpus_free(c);
    return tool_fail_lib("--threads");
  }
  if (ps)
    tr_corpus_set_progress(c, on_progress, ps);
  if (strcmp(path, "-") == 0) {
    /* one ToTA XML document on standard input, read with the library's limit */
    size_t len = 0;
    char *data = tool_read_input(path, &len);
    if (!data) {
      tr_corpus_free(c);
      return 1;
    }
    rc = tr_corpus_load_memory(c, "<stdin>", data, len);
    tr_free(data);
  } else {
    rc = tr_corpus_load(c, path, o->skip_errors ? TR_CORPUS_SKIP_ERRORS : TR_CORPUS_STOP_ON_ERROR,
                        &errs);
  }
  if (ps)
    progress_end(ps);
  if (rc != TR_OK) {
    tr_corpus_free(c);
    return tool_fail_lib(NULL);
  }
  for (size_t i = 0; i < tr_corpus_errors_count(errs); i++)
    fprintf(stderr, "traderules: skipped %s (%s)\n", tr_corpus_errors_message(errs, i),
            tr_status_id(tr_corpus_errors_code(errs, i)));
  tr_corpus_errors_free(errs);
  *out = c;
  return 0;
}

static int build_index(tr_corpus *c, const corpus_opts *o, progress_state *ps,
                       tr_shingle_index **ix) {
  tr_shingle_kind k;
  if (!parse_kind(o->kind, &k))
    return tool_fail_usage("unknown --shingles '%s' (use word, ascii or char)", o->kind);
  if (tr_shingle_index_new(c, k, (unsigned)o->n, ix) != TR_OK)
    return tool_fail_lib("indexing");
  if (ps)
    progress_end(ps);
  return 0;
}

/* Label of a unit for output: agreement ToTA id, chapter/article identifier. */
static const char *unit_ident(tr_corpus *c, tr_unit_kind u, size_t i) {
  switch (u) {
  case TR_UNIT_AGREEMENT: return tr_corpus_agreement_get(c, i, TR_CORPUS_FIELD_TOTA_ID);
  case TR_UNIT_CHAPTER: return tr_corpus_chapter_get(c, i, TR_CORPUS_FIELD_IDENTIFIER);
  default: return tr_corpus_article_get(c, i, TR_CORPUS_FIELD_IDENTIFIER);
  }
}

static size_t unit_agreement(tr_corpus *c, tr_unit_kind u, size_t i) {
  switch (u) {
  case TR_UNIT_AGREEMENT: return i;
  case TR_UNIT_CHAPTER: return tr_corpus_chapter_agreement(c, i);
  default: return tr_corpus_article_agreement(c, i);
  }
}

static const char *unit_label(tr_corpus *c, tr_unit_kind u, size_t i) {
  switch (u) {
  case TR_UNIT_AGREEMENT: return tr_corpus_agreement_get(c, i, TR_CORPUS_FIELD_NAME);
  case TR_UNIT_CHAPTER: {
    const char *n = tr_corpus_chapter_get(c, i, TR_CORPUS_FIELD_NUMBER);
    return n ? n : tr_corpus_chapter_get(c, i, TR_CORPUS_FIELD_NAME);
  }
  default: {
    const char *n = tr_corpus_article_get(c, i, TR_CORPUS_FIELD_NUMBER);
    return n ? n : tr_corpus_article_get(c, i, TR_CORPUS_FIELD_NAME);
  }
  }
}

/* Find a unit by its identifier (ToTA id for agreements). */
static gboolean find_unit(tr_corpus *c, tr_unit_kind u, const char *id, size_t *out) {
  size_t n = u == TR_UNIT_AGREEMENT ? tr_corpus_agreement_count(c)
             : u == TR_UNIT_CHAPTER ? tr_corpus_chapter_count(c)
                                    : tr_corpus_article_count(c);
  for (size_t i = 0; i < n; i++) {
    const char *x = unit_ident(c, u, i);
    if (x && g_str_equal(x, id)) {
      *out = i;
      return TRUE;
    }
  }
  return FALSE;
}

/* ---- info ---- */

static int cmd_info(tr_corpus *c, const tool_options *opts) {
  const char *cols[] = { "tota_id", "name", "type", "status", "date_signed", "language",
                         "wto_rta_id", "parties", "chapters", "articles", "bytes" };
  tool_table *t = tool_table_new(cols, G_N_ELEMENTS(cols));
  size_t total_bytes = 0;
  for (int k = 8; k <= 10; k++)
    tool_table_set_numeric(t, k, TRUE);
  for (size_t a = 0; a < tr_corpus_agreement_count(c); a++) {
    GString *parties = g_string_new(NULL);
    size_t first, nart = tr_corpus_agreement_articles(c, a, &first), bytes = 0;
    char nch[32], nar[32], nb[32];
    for (size_t p = 0; p < tr_corpus_agreement_party_count(c, a, TR_CORPUS_PARTIES_CURRENT); p++)
      g_string_append_printf(parties, "%s%s", p ? ";" : "",
                             tr_corpus_agreement_party(c, a, TR_CORPUS_PARTIES_CURRENT, p));
    for (size_t i = first; i < first + nart; i++)
      bytes += strlen(tr_corpus_article_get(c, i, TR_CORPUS_FIELD_TEXT));
    total_bytes += bytes;
    g_snprintf(nch, sizeof nch, "%zu", tr_corpus_agreement_chapters(c, a, NULL));
    g_snprintf(nar, sizeof nar, "%zu", nart);
    g_snprintf(nb, sizeof nb, "%zu", bytes);
    const char *row[] = {
      tr_corpus_agreement_get(c, a, TR_CORPUS_FIELD_TOTA_ID),
      tr_corpus_agreement_get(c, a, TR_CORPUS_FIELD_NAME),
      tr_corpus_agreement_get(c, a, TR_CORPUS_FIELD_TYPE),
      tr_corpus_agreement_get(c, a, TR_CORPUS_FIELD_STATUS),
      tr_corpus_agreement_get(c, a, TR_CORPUS_FIELD_DATE_SIGNED),
      tr_corpus_agreement_get(c, a, TR_CORPUS_FIELD_LANGUAGE),
      tr_corpus_agreement_get(c, a, TR_CORPUS_FIELD_WTO_RTA_ID),
      parties->str, nch, nar, nb,
    };
    tool_table_add_row(t, row);
    g_string_free(parties, TRUE);
  }
  tool_table_print(t, stdout, opts);
  tool_table_free(t);
  if (opts->format == TOOL_FORMAT_TABLE)
    printf("\n%zu agreements, %zu chapters, %zu articles, %zu bytes of article text\n",
           tr_corpus_agreement_count(c), tr_corpus_chapter_count(c), tr_corpus_article_count(c),
           total_bytes);
  return 0;
}

/* ---- similar ---- */

/* similar --nonzero: one row per pair as the library streams it */
typedef struct {
  tr_corpus *c;
  tr_unit_kind u;
  tool_stream *st;
} similar_stream;

static int similar_row(size_t a, size_t b, size_t k, size_t un, void *user) {
  similar_stream *ss = user;
  char *js = fmt_double(un ? (double)k / (double)un : 0.0), ks[32], us[32];
  g_snprintf(ks, sizeof ks, "%zu", k);
  g_snprintf(us, sizeof us, "%zu", un);
  const char *row[] = { unit_ident(ss->c, ss->u, a), unit_label(ss->c, ss->u, a),
                        unit_ident(ss->c, ss->u, b), unit_label(ss->c, ss->u, b), js, ks, us };
  tool_stream_row(ss->st, row);
  g_free(js);
  return ferror(stdout) ? 1 : 0; /* e.g. a closed pipe: stop computing */
}

static int cmd_similar(tr_corpus *c, tr_shingle_index *ix, const corpus_opts *o, int nids,
                       char **ids, const tool_options *opts) {
  tr_unit_kind u;
  const char *cols[] = { "a", "a_label", "b", "b_label", "jaccard", "intersection", "union" };
  tool_table *t;
  if (!parse_unit(o->unit ? o->unit : "agreement", &u))
    return tool_fail_usage("unknown --unit '%s'", o->unit);
  t = tool_table_new(cols, G_N_ELEMENTS(cols));
  for (int k = 4; k <= 6; k++)
    tool_table_set_numeric(t, k, TRUE);
  size_t n = tr_shingle_index_unit_count(ix, u);
  size_t *sel = g_new(size_t, nids ? (size_t)nids : 1);
  for (int i = 0; i < nids; i++)
    if (!find_unit(c, u, ids[i], &sel[i])) {
      tool_table_free(t);
      g_free(sel);
      return tool_fail_usage("no %s with identifier '%s'", o->unit ? o->unit : "agreement",
                             ids[i]);
    }
  typedef struct { size_t a, b; double j; size_t k, un; } row_t;
  GArray *rows = g_array_new(FALSE, FALSE, sizeof(row_t));
  if (nids >= 2) {
    for (int i = 0; i < nids; i++)
      for (int j = i + 1; j < nids; j++) {
        row_t r = { sel[i], sel[j], 0, 0, 0 };
        tr_shingle_index_jaccard(ix, u, r.a, u, r.b, &r.j, &r.k, &r.un);
        g_array_append_val(rows, r);
      }
  } else if (nids == 1) {
    /* the --top most similar units of the same kind */
    GArray *all = g_array_new(FALSE, FALSE, sizeof(row_t));
    for (size_t b = 0; b < n; b++) {
      row_t r = { sel[0], b, 0, 0, 0 };
      if (b == sel[0])
        continue;
      tr_shingle_index_jaccard(ix, u, r.a, u, b, &r.j, &r.k, &r.un);
      if (r.k > 0)
        g_array_append_val(all, r);
    }
    for (int top = 0; top < o->top && all->len > 0; top++) {
      guint best = 0;
      for (guint i = 1; i < all->len; i++)
        if (g_array_index(all, row_t, i).j > g_array_index(all, row_t, best).j)
          best = i;
      g_array_append_val(rows, g_array_index(all, row_t, best));
      g_array_remove_index(all, best);
    }
    g_array_free(all, TRUE);
  } else {
    /* Every pair a < b (agreements by default), streamed: each row is printed
     * as soon as it is computed, so memory stays proportional to the number of
     * units (not to the n^2/2 rows) and the first rows come at once. */
    int widths[7] = { 0, 0, 0, 0, 8, 0, 0 };
    gboolean numeric[7] = { FALSE, FALSE, FALSE, FALSE, TRUE, TRUE, TRUE };
    size_t maxsize = 0;
    for (size_t a = 0; a < n; a++) {
      int wi = (int)tool_display_width(unit_ident(c, u, a));
      int wl = (int)tool_display_width(unit_label(c, u, a));
      size_t sz = tr_shingle_index_unit_size(ix, u, a);
      if (a + 1 < n) {
        widths[0] = MAX(widths[0], wi);
        widths[1] = MAX(widths[1], wl);
      }
      if (a > 0) {
        widths[2] = MAX(widths[2], wi);
        widths[3] = MAX(widths[3], wl);
      }
      maxsize = MAX(maxsize, sz);
    }
    char tmp[32];
    widths[5] = g_snprintf(tmp, sizeof tmp, "%zu", maxsize);
    widths[6] = g_snprintf(tmp, sizeof tmp, "%zu", 2 * maxsize);
    if (o->nonzero) {
      /* only the pairs sharing a shingle, streamed by the library (memory follows them) */
      similar_stream ss = { c, u, tool_stream_new(cols, G_N_ELEMENTS(cols), widths, numeric, stdout, opts) };
      int lrc = tr_shingle_index_overlaps_with_options(ix, u, 0.0, o->aopts, similar_row, &ss);
      tool_stream_end(ss.st);
      g_array_free(rows, TRUE);
      tool_table_free(t);
      g_free(sel);
      return lrc == TR_OK || lrc == 1 ? lrc : tool_fail_lib("similar");
    }
    /* Exact Jaccard by blocks of rows through the index's matrix (an inverted
     * index join, much faster than pair by pair on large units): one block of
     * B rows against all columns at a time, at most 2 Mi cells (32 MiB) for the
     * rows and 1 Mi for one block pair; B = n (a single matrix) up to 1024 units. */
    const size_t cells = (size_t)1 << 21;
    size_t B = n <= 1024 ? n : MIN((size_t)512, MAX((size_t)1, cells / n));
    size_t cmax = B == n ? n : 2 * B;
    double *mj = n ? g_try_new(double, cmax * cmax) : NULL;
    uint64_t *mk = n ? g_try_new(uint64_t, cmax * cmax) : NULL;
    /* one block: the matrix is the rows */
    double *jrow = B == n ? mj : g_try_new(double, B * n);
    uint64_t *krow = B == n ? mk : g_try_new(uint64_t, B * n);
    size_t *bsel = g_new(size_t, cmax ? cmax : 1), *sizes = g_new(size_t, n ? n : 1);
    int rc = 0;
    if (n && (!jrow || !mj || !krow || !mk)) {
      fprintf(stderr, "traderules: similar: out of memory for %zu units\n", n);
      rc = 1;
    }
    for (size_t a = 0; a < n; a++)
      sizes[a] = tr_shingle_index_unit_size(ix, u, a);
    tool_stream *st = tool_stream_new(cols, G_N_ELEMENTS(cols), widths, numeric, stdout, opts);
    for (size_t i0 = 0; i0 < n && rc == 0; i0 += B) {
      size_t ni = MIN(n, i0 + B) - i0;
      for (size_t j0 = i0; j0 < n && rc == 0; j0 += B) {
        size_t nj = MIN(n, j0 + B) - j0, cnt = j0 == i0 ? ni : ni + nj;
        for (size_t k = 0; k < ni; k++)
          bsel[k] = i0 + k;
        for (size_t k = 0; j0 != i0 && k < nj; k++)
          bsel[ni + k] = j0 + k;
        if (tr_shingle_index_matrix_with_options(ix, u, B == n ? NULL : bsel, cnt, o->aopts, mj, mk) != TR_OK) {
          rc = tool_fail_lib("similar");
          break;
        }
        for (size_t x = 0; B != n && x < ni; x++)
          for (size_t y = 0; y < nj; y++) {
            size_t col = j0 == i0 ? y : ni + y;
            jrow[x * n + j0 + y] = mj[x * cnt + col];
            krow[x * n + j0 + y] = mk[x * cnt + col];
          }
      }
      for (size_t x = 0; x < ni && rc == 0; x++) {
        size_t a = i0 + x;
        for (size_t b = a + 1; b < n; b++) {
          char *js = fmt_double(jrow[x * n + b]), ks[32], us[32];
          uint64_t k = krow[x * n + b];
          g_snprintf(ks, sizeof ks, "%" G_GUINT64_FORMAT, k);
          g_snprintf(us, sizeof us, "%" G_GUINT64_FORMAT, (guint64)(sizes[a] + sizes[b] - k));
          const char *row[] = { unit_ident(c, u, a), unit_label(c, u, a), unit_ident(c, u, b),
                                unit_label(c, u, b), js, ks, us };
          tool_stream_row(st, row);
          g_free(js);
        }
        if (ferror(stdout)) /* e.g. a closed pipe: stop computing */
          rc = 1;
      }
    }
    if (B != n) {
      g_free(jrow);
      g_free(krow);
    }
    g_free(mj);
    g_free(mk);
    g_free(bsel);
    g_free(sizes);
    tool_stream_end(st);
    g_array_free(rows, TRUE);
    tool_table_free(t);
    g_free(sel);
    return rc;
  }
  for (guint i = 0; i < rows->len; i++) {
    row_t *r = &g_array_index(rows, row_t, i);
    char *js = fmt_double(r->j), ks[32], us[32];
    g_snprintf(ks, sizeof ks, "%zu", r->k);
    g_snprintf(us, sizeof us, "%zu", r->un);
    const char *row[] = { unit_ident(c, u, r->a), unit_label(c, u, r->a), unit_ident(c, u, r->b),
                          unit_label(c, u, r->b), js, ks, us };
    tool_table_add_row(t, row);
    g_free(js);
  }
  tool_table_print(t, stdout, opts);
  tool_table_free(t);
  g_array_free(rows, TRUE);
  g_free(sel);
  return 0;
}

/* ---- pairs ---- */

static int cmd_pairs(tr_corpus *c, tr_shingle_index *ix, const corpus_opts *o,
                     const tool_options *opts) {
  tr_unit_kind u;
  tr_pair_list *l = NULL;
  /* CSV and JSON keep the ToTA identifiers of the units (to join with the XML)
   * and add the agreement names; the table and Markdown show agreement ids,
   * names and chapter or article numbers instead of the identifiers. */
  gboolean machine = opts->format == TOOL_FORMAT_CSV || opts->format == TOOL_FORMAT_JSON;
  const char *mcols[] = { "a_agreement", "a", "a_label", "b_agreement", "b", "b_label", "jaccard",
                          "intersection", "union", "a_name", "b_name" };
  const char *tcols[] = { "a_agreement", "a_name", "a_label", "b_agreement", "b_name", "b_label", "jaccard",
                          "intersection", "union" };
  const char *acols[] = { "a_agreement", "a_name", "b_agreement", "b_name", "jaccard", "intersection", "union" };
  tool_table *t;
  int first_num;
  if (!parse_unit(o->unit, &u))
    return tool_fail_usage("unknown --unit '%s'", o->unit);
  if (tr_shingle_index_pairs_with_options(ix, u, o->threshold, o->across ? TR_PAIRS_ACROSS_AGREEMENTS : 0,
                                          o->aopts, &l) != TR_OK)
    return tool_fail_lib("pairs");
  if (machine)
    t = tool_table_new(mcols, G_N_ELEMENTS(mcols)), first_num = 6;
  else if (u == TR_UNIT_AGREEMENT)
    t = tool_table_new(acols, G_N_ELEMENTS(acols)), first_num = 4;
  else
    t = tool_table_new(tcols, G_N_ELEMENTS(tcols)), first_num = 6;
  for (int k = first_num; k <= first_num + 2; k++)
    tool_table_set_numeric(t, k, TRUE);
  for (size_t i = 0; i < tr_pair_list_count(l); i++) {
    size_t a, b, k, un;
    double j;
    char ks[32], us[32], *js;
    tr_pair_list_get(l, i, &a, &b, &j, &k, &un);
    js = fmt_double(j);
    g_snprintf(ks, sizeof ks, "%zu", k);
    g_snprintf(us, sizeof us, "%zu", un);
    size_t ga = unit_agreement(c, u, a), gb = unit_agreement(c, u, b);
    const char *ta = tr_corpus_agreement_get(c, ga, TR_CORPUS_FIELD_TOTA_ID);
    const char *tb = tr_corpus_agreement_get(c, gb, TR_CORPUS_FIELD_TOTA_ID);
    const char *na = tr_corpus_agreement_get(c, ga, TR_CORPUS_FIELD_NAME);
    const char *nb = tr_corpus_agreement_get(c, gb, TR_CORPUS_FIELD_NAME);
    const char *mrow[] = { ta, unit_ident(c, u, a), unit_label(c, u, a), tb, unit_ident(c, u, b),
                           unit_label(c, u, b), js, ks, us, na, nb };
    const char *trow[] = { ta, na, unit_label(c, u, a), tb, nb, unit_label(c, u, b), js, ks, us };
    const char *arow[] = { ta, na, tb, nb, js, ks, us };
    tool_table_add_row(t, machine ? mrow : u == TR_UNIT_AGREEMENT ? arow : trow);
    g_free(js);
  }
  tool_table_print(t, stdout, opts);
  tool_table_free(t);
  tr_pair_list_free(l);
  return 0;
}

/* ---- trace ---- */

static int cmd_trace(tr_corpus *c, tr_shingle_index *ix, const corpus_opts *o,
                     const tool_options *opts) {
  tr_pair_list *l = NULL;
  /* CSV and JSON keep the ToTA article identifiers (to join with the XML) and add
   * the agreement names; the table and Markdown show names and article numbers. */
  gboolean machine = opts->format == TOOL_FORMAT_CSV || opts->format == TOOL_FORMAT_JSON;
  const char *mcols[] = { "agreement", "date_signed", "article", "article_label", "source_agreement",
                          "source_date", "source_article", "source_label", "jaccard", "name", "source_name" };
  const char *tcols[] = { "agreement", "name", "date_signed", "article", "source_agreement", "source_name",
                          "source_date", "source_article", "jaccard" };
  tool_table *t;
  if (tr_shingle_index_trace_with_options(ix, o->threshold, o->aopts, &l) != TR_OK)
    return tool_fail_lib("trace");
  t = machine ? tool_table_new(mcols, G_N_ELEMENTS(mcols)) : tool_table_new(tcols, G_N_ELEMENTS(tcols));
  tool_table_set_numeric(t, 8, TRUE);
  for (size_t i = 0; i < tr_pair_list_count(l); i++) {
    size_t a, b;
    double j;
    tr_pair_list_get(l, i, &a, &b, &j, NULL, NULL);
    size_t ga = tr_corpus_article_agreement(c, a), gb = tr_corpus_article_agreement(c, b);
    char *js = fmt_double(j);
    const char *ta = tr_corpus_agreement_get(c, ga, TR_CORPUS_FIELD_TOTA_ID);
    const char *tb = tr_corpus_agreement_get(c, gb, TR_CORPUS_FIELD_TOTA_ID);
    const char *da = tr_corpus_agreement_get(c, ga, TR_CORPUS_FIELD_DATE_SIGNED);
    const char *db = tr_corpus_agreement_get(c, gb, TR_CORPUS_FIELD_DATE_SIGNED);
    const char *na = tr_corpus_agreement_get(c, ga, TR_CORPUS_FIELD_NAME);
    const char *nb = tr_corpus_agreement_get(c, gb, TR_CORPUS_FIELD_NAME);
    if (machine) {
      const char *row[] = { ta, da, tr_corpus_article_get(c, a, TR_CORPUS_FIELD_IDENTIFIER),
                            unit_label(c, TR_UNIT_ARTICLE, a), tb, db,
                            tr_corpus_article_get(c, b, TR_CORPUS_FIELD_IDENTIFIER),
                            unit_label(c, TR_UNIT_ARTICLE, b), js, na, nb };
      tool_table_add_row(t, row);
    } else {
      const char *row[] = { ta, na, da, unit_label(c, TR_UNIT_ARTICLE, a), tb, nb, db,
                            unit_label(c, TR_UNIT_ARTICLE, b), js };
      tool_table_add_row(t, row);
    }
    g_free(js);
  }
  tool_table_print(t, stdout, opts);
  tool_table_free(t);
  if (opts->format == TOOL_FORMAT_TABLE)
    tool_printf_text(opts, "\n%zu of %zu articles have a source (Jaccard >= %g) in an earlier-signed agreement\n",
                     tr_pair_list_count(l), tr_corpus_article_count(c), o->threshold);
  tr_pair_list_free(l);
  return 0;
}

/* ---- templates ---- */

/* The reference selection of domain.md §6.3 (ToTA v0.5.0): US e-commerce chapters
 * (whole chapter by name and number label) and EU e-commerce articles (chapter name
 * containing "Electronic Commerce" and article number labels). */
typedef struct {
  const char *tota_id;
  const char *group;
  const char *chapter_number; /* whole chapter named "Electronic Commerce" with this label */
  const char *articles[8];    /* or these article labels in a chapter naming Electronic Commerce */
} ref_unit;

static const ref_unit reference[] = {
  { "17", "US", "CHAPTER THIRTEEN", { NULL } },
  { "23", "US", "CHAPTER FOURTEEN", { NULL } },
  { "26", "US", "CHAPTER FOURTEEN", { NULL } },
  { "37", "US", "CHAPTER SIXTEEN", { NULL } },
  { "52", "US", "CHAPTER 14", { NULL } },
  { "156", "US", "CHAPTER FIFTEEN", { NULL } },
  { "157", "US", "CHAPTER FOURTEEN", { NULL } },
  { "158", "US", "CHAPTER FOURTEEN", { NULL } },
  { "159", "US", "CHAPTER FIFTEEN", { NULL } },
  { "342", "US", "CHAPTER FIFTEEN", { NULL } },
  { "449", "US", "CHAPTER 14", { NULL } },
  { "145", "EU", NULL, { "ARTICLE 7.48", "ARTICLE 7.49", NULL } },
  { "368", "EU", "CHAPTER 6", { NULL } },
  { "388", "EU", "CHAPTER 6", { NULL } },
  { "392", "EU", NULL, { "ARTICLE 139", "ARTICLE 140", NULL } },
  { "395", "EU", "CHAPTER 6", { NULL } },
  { "427", "EU", NULL, { "ARTICLE 127", "ARTICLE 128", "ARTICLE 129", "ARTICLE 130",
                         "ARTICLE 131", "ARTICLE 132", "ARTICLE 133", NULL } },
  { "428", "EU", NULL, { "ARTICLE 254", "ARTICLE 255", "ARTICLE 256", "ARTICLE 257",
                         "ARTICLE 258", "ARTICLE 259", "ARTICLE 260", NULL } },
};

typedef struct {
  size_t agreement;
  const char *group; /* "US", "EU" or NULL */
  char *what;
  GArray *articles;  /* size_t */
  tr_shingle_set *set;
} tunit;

static gboolean is_ecommerce_name(const char *name) {
  char *l;
  gboolean r;
  if (!name)
    return FALSE;
  l = g_utf8_strdown(name, -1);
  r = g_str_equal(l, "electronic commerce") || g_str_equal(l, "e-commerce") ||
      g_str_equal(l, "comercio electrónico") || g_str_equal(l, "commerce électronique") ||
      g_str_equal(l, "electronic commerce chapter");
  g_free(l);
  return r;
}

static int unit_set(tr_corpus *c, tr_shingle_index *ix, const corpus_opts *o, tunit *u) {
  tr_shingle_kind k;
  parse_kind(o->kind, &k);
  if (o->join_articles) {
    /* domain.md §6.5: article texts joined with one space, shingles across articles */
    GString *g = g_string_new(NULL);
    for (guint i = 0; i < u->articles->len; i++) {
      if (i)
        g_string_append_c(g, ' ');
      g_string_append(g, tr_corpus_article_get(c, g_array_index(u->articles, size_t, i),
                                               TR_CORPUS_FIELD_TEXT));
    }
    int rc = tr_shingle_set_from_text(g->str, (long)g->len, k, (unsigned)o->n, &u->set);
    g_string_free(g, TRUE);
    return rc;
  }
  u->set = NULL;
  for (guint i = 0; i < u->articles->len; i++) {
    tr_shingle_set *s = NULL, *m = NULL;
    int rc = tr_shingle_index_unit_set(ix, TR_UNIT_ARTICLE, g_array_index(u->articles, size_t, i), &s);
    if (rc)
      return rc;
    if (!u->set) {
      u->set = s;
      continue;
    }
    rc = tr_shingle_set_union(u->set, s, &m);
    tr_shingle_set_free(s);
    tr_shingle_set_free(u->set);
    u->set = m;
    if (rc)
      return rc;
  }
  if (!u->set)
    return tr_shingle_set_from_text("", 0, k, (unsigned)o->n, &u->set);
  return TR_OK;
}

static int cmd_templates(tr_corpus *c, tr_shingle_index *ix, const corpus_opts *o,
                         const tool_options *opts) {
  GPtrArray *units = g_ptr_array_new();
  int rc = 0;
  /* 1. the reference groups */
  for (size_t r = 0; r < G_N_ELEMENTS(reference); r++) {
    size_t a, first, nch;
    if (tr_corpus_agreement_find(c, reference[r].tota_id, &a) != TR_OK)
      continue;
    tunit *u = g_new0(tunit, 1);
    u->agreement = a;
    u->group = reference[r].group;
    u->articles = g_array_new(FALSE, FALSE, sizeof(size_t));
    nch = tr_corpus_agreement_chapters(c, a, &first);
    for (size_t ch = first; ch < first + nch; ch++) {
      const char *cname = tr_corpus_chapter_get(c, ch, TR_CORPUS_FIELD_NAME);
      const char *cnum = tr_corpus_chapter_get(c, ch, TR_CORPUS_FIELD_NUMBER);
      size_t af, na = tr_corpus_chapter_articles(c, ch, &af);
      for (size_t ar = af; ar < af + na; ar++) {
        gboolean ok = FALSE;
        if (reference[r].chapter_number)
          ok = cname && g_str_equal(cname, "Electronic Commerce") && cnum &&
               g_str_equal(cnum, reference[r].chapter_number);
        else if (cname && strstr(cname, "Electronic Commerce")) {
          const char *num = tr_corpus_article_get(c, ar, TR_CORPUS_FIELD_NUMBER);
          for (int k = 0; reference[r].articles[k] && !ok; k++)
            ok = num && g_str_equal(num, reference[r].articles[k]);
        }
        if (ok)
          g_array_append_val(u->articles, ar);
      }
    }
    u->what = reference[r].chapter_number ? g_strdup(reference[r].chapter_number)
                                          : g_strdup("e-commerce articles");
    if (u->articles->len == 0) {
      g_array_free(u->articles, TRUE);
      g_free(u->what);
      g_free(u);
      continue;
    }
    g_ptr_array_add(units, u);
  }
  /* 2. every other chapter named like an e-commerce chapter */
  for (size_t ch = 0; ch < tr_corpus_chapter_count(c); ch++) {
    size_t a = tr_corpus_chapter_agreement(c, ch), af, na;
    gboolean known = FALSE;
    if (!is_ecommerce_name(tr_corpus_chapter_get(c, ch, TR_CORPUS_FIELD_NAME)))
      continue;
    for (guint i = 0; i < units->len; i++)
      known = known || ((tunit *)g_ptr_array_index(units, i))->agreement == a;
    if (known)
      continue;
    na = tr_corpus_chapter_articles(c, ch, &af);
    if (!na)
      continue;
    tunit *u = g_new0(tunit, 1);
    u->agreement = a;
    u->articles = g_array_new(FALSE, FALSE, sizeof(size_t));
    for (size_t ar = af; ar < af + na; ar++)
      g_array_append_val(u->articles, ar);
    const char *num = tr_corpus_chapter_get(c, ch, TR_CORPUS_FIELD_NUMBER);
    u->what = g_strdup(num ? num : "e-commerce chapter");
    g_ptr_array_add(units, u);
  }
  for (guint i = 0; i < units->len && rc == 0; i++)
    if (unit_set(c, ix, o, g_ptr_array_index(units, i)) != TR_OK)
      rc = tool_fail_lib("templates");
  if (rc == 0) {
    /* group statistics */
    const char *cols[] = { "comparison", "pairs", "mean", "min", "max" };
    const char *gname[3][2] = { { "US", "US" }, { "EU", "EU" }, { "US", "EU" } };
    tool_table *t = tool_table_new(cols, G_N_ELEMENTS(cols));
    for (int k = 1; k <= 4; k++)
      tool_table_set_numeric(t, k, TRUE);
    for (int g = 0; g < 3; g++) {
      double sum = 0, mn = 2, mx = -1;
      size_t np = 0;
      for (guint i = 0; i < units->len; i++)
        for (guint j = 0; j < units->len; j++) {
          tunit *x = g_ptr_array_index(units, i), *y = g_ptr_array_index(units, j);
          if (!x->group || !y->group || !g_str_equal(x->group, gname[g][0]) ||
              !g_str_equal(y->group, gname[g][1]) || (g < 2 && j <= i))
            continue;
          double jac = tr_shingle_set_jaccard(x->set, y->set);
          sum += jac;
          mn = MIN(mn, jac);
          mx = MAX(mx, jac);
          np++;
        }
      char *label = g_strdup_printf(g < 2 ? "within %s" : "%s x %s", gname[g][0], gname[g][1]);
      char nps[32], *me = fmt_double(np ? sum / (double)np : 0), *mns = fmt_double(np ? mn : 0),
                    *mxs = fmt_double(np ? mx : 0);
      g_snprintf(nps, sizeof nps, "%zu", np);
      const char *row[] = { label, nps, me, mns, mxs };
      tool_table_add_row(t, row);
      g_free(label);
      g_free(me);
      g_free(mns);
      g_free(mxs);
    }
    tool_table_print(t, stdout, opts);
    tool_table_free(t);
    fputc('\n', stdout);

    /* each unit: mean similarity to each group (itself excluded), closest group */
    const char *cols2[] = { "tota_id", "agreement", "date_signed", "unit", "reference_group",
                            "mean_us", "mean_eu", "closest" };
    t = tool_table_new(cols2, G_N_ELEMENTS(cols2));
    tool_table_set_numeric(t, 5, TRUE);
    tool_table_set_numeric(t, 6, TRUE);
    for (guint i = 0; i < units->len; i++) {
      tunit *x = g_ptr_array_index(units, i);
      double s[2] = { 0, 0 };
      size_t n[2] = { 0, 0 };
      for (guint j = 0; j < units->len; j++) {
        tunit *y = g_ptr_array_index(units, j);
        if (j == i || !y->group)
          continue;
        int g = g_str_equal(y->group, "EU");
        s[g] += tr_shingle_set_jaccard(x->set, y->set);
        n[g]++;
      }
      double mu = n[0] ? s[0] / (double)n[0] : 0, me = n[1] ? s[1] / (double)n[1] : 0;
      char *mus = fmt_double(mu), *mes = fmt_double(me);
      const char *closest = mu == me ? "neither" : mu > me ? "US" : "EU";
      const char *row[] = { tr_corpus_agreement_get(c, x->agreement, TR_CORPUS_FIELD_TOTA_ID),
                            tr_corpus_agreement_get(c, x->agreement, TR_CORPUS_FIELD_NAME),
                            tr_corpus_agreement_get(c, x->agreement, TR_CORPUS_FIELD_DATE_SIGNED),
                            x->what, x->group ? x->group : "", mus, mes, closest };
      tool_table_add_row(t, row);
      g_free(mus);
      g_free(mes);
    }
    tool_table_print(t, stdout, opts);
    tool_table_free(t);
  }
  for (guint i = 0; i < units->len; i++) {
    tunit *u = g_ptr_array_index(units, i);
    tr_shingle_set_free(u->set);
    g_array_free(u->articles, TRUE);
    g_free(u->what);
    g_free(u);
  }
  g_ptr_array_free(units, TRUE);
  return rc;
}

/* ---- --timings: the library's phases, then "output" (the command's own work:
 * lookups, formatting, writing), on stderr ---- */

static double cpu_seconds(void) {
  struct timespec ts;
  if (clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts) != 0)
    return 0.0;
  return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static double lib_total(const tr_corpus *c, gboolean cpu) {
  double sum = 0.0;
  for (int p = 0; p < TR_PHASE_COUNT; p++) {
    double w = 0.0, u = 0.0;
    tr_corpus_phase_time(c, (tr_corpus_phase)p, &w, &u);
    sum += cpu ? u : w;
  }
  return sum;
}

static void print_timings(const tr_corpus *c, double out_wall, double out_cpu, double total_wall,
                          double total_cpu) {
  fprintf(stderr, "%-9s %9s %9s\n", "phase", "wall s", "CPU s");
  for (int p = 0; p < TR_PHASE_COUNT; p++) {
    double w = 0.0, u = 0.0;
    tr_corpus_phase_time(c, (tr_corpus_phase)p, &w, &u);
    fprintf(stderr, "%-9s %9.3f %9.3f\n", tr_corpus_phase_name((tr_corpus_phase)p), w, u);
  }
  fprintf(stderr, "%-9s %9.3f %9.3f\n", "output", MAX(out_wall, 0.0), MAX(out_cpu, 0.0));
  fprintf(stderr, "%-9s %9.3f %9.3f\n", "total", total_wall, total_cpu);
}

/* ---- entry ---- */

int tool_cmd_corpus(int argc, char **argv, tool_options *opts) {
  corpus_opts o = { .threads = -1, .n = 5, .threshold = 0.5, .top = 10 };
  GOptionEntry entries[] = {
    tool_entry_threads,
    { "shingles", 'k', 0, G_OPTION_ARG_CALLBACK, (gpointer)(GOptionArgFunc)on_shingles, "Shingles: word (scikit-learn tokens, default), ascii ([a-z0-9]+ tokens) or char (q-grams)", "KIND" },
    /* the old spelling, kept (docs/traderules.1): --kind is the agreement kind in 'list' */
    { "kind", 0, G_OPTION_FLAG_HIDDEN, G_OPTION_ARG_CALLBACK, (gpointer)(GOptionArgFunc)on_shingles, "Same as --shingles", "KIND" },
    { "n", 'n', 0, G_OPTION_ARG_INT, &o.n, "Shingle length in tokens or characters (default 5)", "N" },
    { "skip-errors", 0, 0, G_OPTION_ARG_NONE, &o.skip_errors, "Skip bad files (listed on stderr) instead of failing", NULL },
    { "threshold", 0, 0, G_OPTION_ARG_DOUBLE, &o.threshold, "pairs/trace: minimum Jaccard (default 0.5)", "J" },
    { "unit", 'u', 0, G_OPTION_ARG_STRING, &o.unit, "similar/pairs: agreement, chapter or article", "UNIT" },
    { "across", 0, 0, G_OPTION_ARG_NONE, &o.across, "pairs: only pairs from two different agreements", NULL },
    { "top", 0, 0, G_OPTION_ARG_INT, &o.top, "similar with one ID: how many (default 10)", "K" },
    { "nonzero", 0, 0, G_OPTION_ARG_NONE, &o.nonzero, "similar, all pairs: only the pairs that share a shingle, streamed (for many small units)", NULL },
    { "timings", 0, 0, G_OPTION_ARG_NONE, &o.timings, "Print the time of each phase (ingest, tokenize, intern, sets, join, output) on stderr; also TR_TIMINGS=1", NULL },
    { "join-articles", 0, 0, G_OPTION_ARG_NONE, &o.join_articles, "templates: shingle the joined text of a unit's articles (domain.md 6.5) instead of the union of article shingles", NULL },
    { NULL, 0, 0, 0, NULL, NULL, NULL }
  };
  tool_args args;
  const char *sub, *path;
  tr_corpus *c = NULL;
  tr_shingle_index *ix = NULL;
  progress_state ps = { 0 };
  progress_state *psp = NULL;
  int rc = 0;
  tool_args_init(&args, "corpus", opts);
  args.data = &o;
  GOptionContext *ctx = tool_context_new(&args, "info|similar|pairs|trace|templates DIR-or-FILE [ID...]",
    "Treaty texts (ToTA XML) at corpus scale.\n\n"
    "  info       agreements with metadata and sizes\n"
    "  similar    Jaccard: all agreement pairs; or the --top units most similar to one ID;\n"
    "             or between two or more IDs (agreement: ToTA id; chapter/article: identifier)\n"
    "  pairs      every unit pair with Jaccard >= --threshold (exact)\n"
    "  trace      each article's most similar article in an earlier-signed agreement\n"
    "  templates  US vs EU e-commerce chapters (domain.md 6.3 selection) and the group\n"
    "             each e-commerce chapter is closest to\n\n"
    "Word shingles: tokens as scikit-learn's token_pattern (?u)[^\\W_]+ after lowercasing,\n"
    "n consecutive tokens of one article.", NULL, entries);
  rc = tool_parse(ctx, &args, &argc, &argv, 0);
  g_option_context_free(ctx);
  tool_args_clear(&args);
  if (rc != TOOL_CONTINUE) {
    g_free(o.kind);
    g_free(o.unit);
    return rc;
  }
  rc = 0;
  if (argc < 3) {
    g_free(o.kind);
    g_free(o.unit);
    return tool_fail_usage("corpus: usage: traderules corpus info|similar|pairs|trace|templates DIR-or-FILE");
  }
  sub = argv[1];
  path = argv[2];
  if (!g_str_equal(sub, "info") && !g_str_equal(sub, "similar") && !g_str_equal(sub, "pairs") &&
      !g_str_equal(sub, "trace") && !g_str_equal(sub, "templates")) {
    g_free(o.kind);
    g_free(o.unit);
    return tool_fail_usage("corpus: unknown subcommand '%s'", sub);
  }
  /* Every option value checked here, one message per mistake, before any file is read. */
  {
    tr_shingle_kind k;
    tr_unit_kind u;
    if (o.n < 1 || o.n > 64)
      rc = tool_fail_usage("corpus: -n must be 1..64, got %d", o.n);
    else if (o.top < 0)
      rc = tool_fail_usage("corpus: --top must be >= 0, got %d", o.top);
    else if (!(o.threshold > 0.0 && o.threshold <= 1.0))
      rc = tool_fail_usage("corpus: --threshold must be in (0, 1], got %g", o.threshold);
    else if (!parse_kind(o.kind, &k))
      rc = tool_fail_usage("corpus: unknown --shingles '%s' (use word, ascii or char)", o.kind);
    else if (o.unit && !parse_unit(o.unit, &u))
      rc = tool_fail_usage("corpus: unknown --unit '%s' (use agreement, chapter or article)", o.unit);
    if (args.have_threads)
      o.threads = (int)args.threads;
    /* one options object for the jobs: the thread count the corpus gets (0, one per
     * processor, unless --threads) */
    if (!rc && (tr_analysis_options_new(&o.aopts) != TR_OK ||
                tr_analysis_options_set_threads(o.aopts, o.threads >= 0 ? (unsigned)o.threads : 0) != TR_OK))
      rc = tool_fail_lib("corpus");
    if (rc) {
      tr_analysis_options_free(o.aopts);
      g_free(o.kind);
      g_free(o.unit);
      return rc;
    }
  }
  if (isatty(STDERR_FILENO)) {
    ps.start = g_get_monotonic_time();
    psp = &ps;
  }
  {
    const char *env = g_getenv("TR_TIMINGS");
    if (env && *env && !g_str_equal(env, "0"))
      o.timings = TRUE;
  }
  gint64 t_start = g_get_monotonic_time();
  double c_start = cpu_seconds(), w_cmd = 0.0, u_cmd = 0.0, w_lib = 0.0, u_lib = 0.0;
  rc = load(path, &o, psp, &c);
  if (rc == 0 && !g_str_equal(sub, "info"))
    rc = build_index(c, &o, psp, &ix);
  if (rc == 0) {
    w_cmd = (double)g_get_monotonic_time() / 1e6;
    u_cmd = cpu_seconds();
    w_lib = lib_total(c, FALSE);
    u_lib = lib_total(c, TRUE);
    if (g_str_equal(sub, "info"))
      rc = cmd_info(c, opts);
    else if (g_str_equal(sub, "similar"))
      rc = cmd_similar(c, ix, &o, argc - 3, argv + 3, opts);
    else if (g_str_equal(sub, "pairs"))
      rc = cmd_pairs(c, ix, &o, opts);
    else if (g_str_equal(sub, "trace"))
      rc = cmd_trace(c, ix, &o, opts);
    else
      rc = cmd_templates(c, ix, &o, opts);
    if (o.timings) {
      double w = (double)g_get_monotonic_time() / 1e6 - w_cmd, u = cpu_seconds() - u_cmd;
      print_timings(c, w - (lib_total(c, FALSE) - w_lib), u - (lib_total(c, TRUE) - u_lib),
                    (double)(g_get_monotonic_time() - t_start) / 1e6, cpu_seconds() - c_start);
    }
  }
  if (psp)
    progress_end(psp);
  tr_shingle_index_free(ix);
  tr_corpus_free(c);
  tr_analysis_options_free(o.aopts);
  g_free(o.kind);
  g_free(o.unit);
  return rc;
}
