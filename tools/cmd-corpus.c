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

/* similar without IDs (all pairs, or --nonzero): one row per pair as the library streams it */
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
  const char *row[] = { tr_corpus_unit_identifier(ss->c, ss->u, a), tr_corpus_unit_label(ss->c, ss->u, a),
                        tr_corpus_unit_identifier(ss->c, ss->u, b), tr_corpus_unit_label(ss->c, ss->u, b), js, ks, us };
  tool_stream_row(ss->st, row);
  g_free(js);
  return ferror(stdout) ? 1 : 0; /* e.g. a closed pipe: stop computing */
}

typedef struct { size_t a, b; double j; size_t k, un; } row_t;

/* similar ID --top N: keep the rows the library ranked */
static int collect_row(size_t a, size_t b, size_t k, size_t un, void *user) {
  row_t r = { a, b, un ? (double)k / (double)un : 0.0, k, un };
  g_array_append_val((GArray *)user, r);
  return 0;
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
    if (tr_corpus_unit_find(c, u, ids[i], &sel[i]) != TR_OK) {
      tool_table_free(t);
      g_free(sel);
      return tool_fail_usage("no %s with identifier '%s'", o->unit ? o->unit : "agreement",
                             ids[i]);
    }
  GArray *rows = g_array_new(FALSE, FALSE, sizeof(row_t));
  if (nids >= 2) {
    for (int i = 0; i < nids; i++)
      for (int j = i + 1; j < nids; j++) {
        row_t r = { sel[i], sel[j], 0, 0, 0 };
        tr_shingle_index_jaccard(ix, u, r.a, u, r.b, &r.j, &r.k, &r.un);
        g_array_append_val(rows, r);
      }
  } else if (nids == 1) {
    /* the --top most similar units of the same kind (ranked by the library) */
    if (tr_shingle_index_most_similar(ix, u, sel, 1, (size_t)o->top, o->aopts, collect_row, rows) != TR_OK) {
      g_array_free(rows, TRUE);
      tool_table_free(t);
      g_free(sel);
      return tool_fail_lib("similar");
    }
  } else {
    /* Every pair a < b (agreements by default), streamed: each row is printed
     * as soon as it is computed, so memory stays proportional to the number of
     * units (not to the n^2/2 rows) and the first rows come at once. */
    int widths[7] = { 0, 0, 0, 0, 8, 0, 0 };
    gboolean numeric[7] = { FALSE, FALSE, FALSE, FALSE, TRUE, TRUE, TRUE };
    size_t maxsize = 0;
    for (size_t a = 0; a < n; a++) {
      int wi = (int)tool_display_width(tr_corpus_unit_identifier(c, u, a));
      int wl = (int)tool_display_width(tr_corpus_unit_label(c, u, a));
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
    /* every pair, exact, streamed by the library by blocks of rows (memory follows
     * the number of units, not the n^2/2 rows; the first rows come at once) */
    similar_stream ss = { c, u, tool_stream_new(cols, G_N_ELEMENTS(cols), widths, numeric, stdout, opts) };
    int lrc = tr_shingle_index_all_pairs(ix, u, o->aopts, similar_row, &ss);
    tool_stream_end(ss.st);
    g_array_free(rows, TRUE);
    tool_table_free(t);
    g_free(sel);
    return lrc == TR_OK || lrc == 1 ? lrc : tool_fail_lib("similar");
  }
  for (guint i = 0; i < rows->len; i++) {
    row_t *r = &g_array_index(rows, row_t, i);
    char *js = fmt_double(r->j), ks[32], us[32];
    g_snprintf(ks, sizeof ks, "%zu", r->k);
    g_snprintf(us, sizeof us, "%zu", r->un);
    const char *row[] = { tr_corpus_unit_identifier(c, u, r->a), tr_corpus_unit_label(c, u, r->a),
                          tr_corpus_unit_identifier(c, u, r->b),
                          tr_corpus_unit_label(c, u, r->b), js, ks, us };
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
    size_t ga = tr_corpus_unit_agreement(c, u, a), gb = tr_corpus_unit_agreement(c, u, b);
    const char *ta = tr_corpus_agreement_get(c, ga, TR_CORPUS_FIELD_TOTA_ID);
    const char *tb = tr_corpus_agreement_get(c, gb, TR_CORPUS_FIELD_TOTA_ID);
    const char *na = tr_corpus_agreement_get(c, ga, TR_CORPUS_FIELD_NAME);
    const char *nb = tr_corpus_agreement_get(c, gb, TR_CORPUS_FIELD_NAME);
    const char *mrow[] = { ta, tr_corpus_unit_identifier(c, u, a), tr_corpus_unit_label(c, u, a), tb,
                           tr_corpus_unit_identifier(c, u, b),
                           tr_corpus_unit_label(c, u, b), js, ks, us, na, nb };
    const char *trow[] = { ta, na, tr_corpus_unit_label(c, u, a), tb, nb, tr_corpus_unit_label(c, u, b), js, ks, us };
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
                            tr_corpus_unit_label(c, TR_UNIT_ARTICLE, a), tb, db,
                            tr_corpus_article_get(c, b, TR_CORPUS_FIELD_IDENTIFIER),
                            tr_corpus_unit_label(c, TR_UNIT_ARTICLE, b), js, na, nb };
      tool_table_add_row(t, row);
    } else {
      const char *row[] = { ta, na, da, tr_corpus_unit_label(c, TR_UNIT_ARTICLE, a), tb, nb, db,
                            tr_corpus_unit_label(c, TR_UNIT_ARTICLE, b), js };
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

/* The units, groups, means and closest groups come from the library
 * (tr_ecommerce_templates_new()); the command formats them. */
static int cmd_templates(tr_corpus *c, tr_shingle_index *ix, const corpus_opts *o,
                         const tool_options *opts) {
  tr_ecommerce_templates *tp = NULL;
  if (tr_ecommerce_templates_new(ix, o->join_articles ? TR_ECOMMERCE_JOIN_ARTICLES : TR_ECOMMERCE_DEFAULT,
                                 o->aopts, &tp) != TR_OK)
    return tool_fail_lib("templates");
  /* group statistics */
  const char *cols[] = { "comparison", "pairs", "mean", "min", "max" };
  const tr_ecommerce_group gs[3][2] = { { TR_ECOMMERCE_GROUP_US, TR_ECOMMERCE_GROUP_US },
                                        { TR_ECOMMERCE_GROUP_EU, TR_ECOMMERCE_GROUP_EU },
                                        { TR_ECOMMERCE_GROUP_US, TR_ECOMMERCE_GROUP_EU } };
  tool_table *t = tool_table_new(cols, G_N_ELEMENTS(cols));
  for (int k = 1; k <= 4; k++)
    tool_table_set_numeric(t, k, TRUE);
  for (int g = 0; g < 3; g++) {
    size_t np = 0;
    double mean = 0, mn = 0, mx = 0;
    tr_ecommerce_templates_compare(tp, gs[g][0], gs[g][1], &np, &mean, &mn, &mx);
    const char *ga = tr_ecommerce_group_name(gs[g][0]), *gb = tr_ecommerce_group_name(gs[g][1]);
    char *label = g < 2 ? g_strdup_printf("within %s", ga) : g_strdup_printf("%s x %s", ga, gb);
    char nps[32], *me = fmt_double(mean), *mns = fmt_double(mn), *mxs = fmt_double(mx);
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
  for (size_t i = 0; i < tr_ecommerce_templates_count(tp); i++) {
    size_t a = 0;
    tr_ecommerce_group group = TR_ECOMMERCE_GROUP_NONE, closest = TR_ECOMMERCE_GROUP_NONE;
    const char *what = NULL;
    double mu = 0, me = 0;
    tr_ecommerce_templates_unit(tp, i, &a, &group, &what);
    tr_ecommerce_templates_mean(tp, i, TR_ECOMMERCE_GROUP_US, &mu, NULL);
    tr_ecommerce_templates_mean(tp, i, TR_ECOMMERCE_GROUP_EU, &me, NULL);
    tr_ecommerce_templates_closest(tp, i, &closest);
    const char *gname = tr_ecommerce_group_name(group), *cname = tr_ecommerce_group_name(closest);
    char *mus = fmt_double(mu), *mes = fmt_double(me);
    const char *row[] = { tr_corpus_agreement_get(c, a, TR_CORPUS_FIELD_TOTA_ID),
                          tr_corpus_agreement_get(c, a, TR_CORPUS_FIELD_NAME),
                          tr_corpus_agreement_get(c, a, TR_CORPUS_FIELD_DATE_SIGNED),
                          what, gname ? gname : "", mus, mes, cname ? cname : "neither" };
    tool_table_add_row(t, row);
    g_free(mus);
    g_free(mes);
  }
  tool_table_print(t, stdout, opts);
  tool_table_free(t);
  tr_ecommerce_templates_free(tp);
  return 0;
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
    { "join-articles", 0, 0, G_OPTION_ARG_NONE, &o.join_articles, "templates: shingle the joined text of a unit's articles instead of the union of article shingles", NULL },
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
    "  templates  US vs EU e-commerce chapters (reference selection) and the group\n"
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
