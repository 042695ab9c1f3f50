/*
 * traderules plot - charts as SVG or PNG (heatmap, compare, matrix, timeline).
 * SPDX-License-Identifier: MIT
 */
#include "tool.h"

#include <glib/gstdio.h>
#include <math.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

/* Agreements of a filter, as an array owned by the caller (g_free). */
static const tr_agreement **select_array(const tr_catalog *cat, const tr_filter *f, size_t *n) {
  tr_agreement_list *list = NULL;
  if (tr_catalog_select(cat, f, &list) != TR_OK)
    return NULL;
  *n = tr_agreement_list_count(list);
  const tr_agreement **a = g_new0(const tr_agreement *, *n + 1);
  for (size_t i = 0; i < *n; i++)
    a[i] = tr_agreement_list_at(list, i);
  tr_agreement_list_free(list);
  return a;
}

/* A side of 'plot compare': a template specification as 'compare' takes it (the library's
 * grammar); a bare list "A,B,C" is read as ids=A,B,C. A label renames a side given as ids or
 * key=value. Prints the error and returns NULL on failure. */
static tr_template *side_template(const tr_catalog *cat, const char *spec, const char *label, int *status) {
  char *full;
  gboolean keyed = strchr(spec, '=') != NULL;
  if (!keyed && strchr(spec, ','))
    full = g_strconcat("ids=", spec, NULL);
  else
    full = g_strdup(spec);
  if (label) {
    if (!keyed && !strchr(spec, ',')) {
      *status = tool_fail_usage("--label-a/--label-b name a side given as ids A,B or key=value, not '%s'", spec);
      g_free(full);
      return NULL;
    }
    char *named = g_strdup_printf("%s+name=%s", full, label);
    g_free(full);
    full = named;
  }
  tr_template *t = NULL;
  if (tr_template_resolve(cat, full, &t) != TR_OK) {
    int code = tr_error_code();
    tool_fail_lib(NULL);
    *status = code == TR_ERR_NOT_FOUND || code == TR_ERR_INVALID_ARG ? 2 : 1; /* a bad specification */
    t = NULL;
  }
  g_free(full);
  return t;
}

/* "plot compare: NAME = RULE of A, B, C (N; chosen by: ...)": which members each side used, on
 * standard output (standard error when the chart itself goes to standard output). */
static void print_side(FILE *f, const tr_template *t) {
  fprintf(f, "plot compare: %s = %s of", tr_template_get_name(t),
          tr_template_rule_id(tr_template_get_rule(t)));
  for (size_t i = 0; i < tr_template_member_count(t); i++)
    fprintf(f, "%s%s", i ? ", " : " ", tr_template_member_at(t, i));
  fprintf(f, " (%zu; chosen by: %s)\n", tr_template_member_count(t), tr_template_get_selection(t));
}

/* "17cm", "6in", "800px", "500pt", "500" (points) -> points; FALSE if malformed. */
static gboolean parse_length(const char *s, double *pt) {
  char *end = NULL;
  double v = g_ascii_strtod(s, &end);
  if (end == s || !isfinite(v) || v <= 0)
    return FALSE;
  double f;
  if (!*end || g_ascii_strcasecmp(end, "pt") == 0)
    f = 1;
  else if (g_ascii_strcasecmp(end, "px") == 0)
    f = 72.0 / 96.0;
  else if (g_ascii_strcasecmp(end, "in") == 0)
    f = 72;
  else if (g_ascii_strcasecmp(end, "cm") == 0)
    f = 72 / 2.54;
  else if (g_ascii_strcasecmp(end, "mm") == 0)
    f = 72 / 25.4;
  else
    return FALSE;
  *pt = v * f;
  return TRUE;
}

/* Exact Jaccard between the agreements of a ToTA corpus (corpus.h) that pass the filters;
 * prints the error and returns FALSE on failure. Labels: "pta_N short name". */
static gboolean corpus_matrix(const char *path, const char *kind, unsigned n, const char *party,
                              int from, int to, size_t max_items, GPtrArray *labels, GArray *values) {
  tr_shingle_kind k;
  if (strcmp(kind, "word") == 0)
    k = TR_SHINGLE_WORD;
  else if (strcmp(kind, "ascii") == 0)
    k = TR_SHINGLE_WORD_ASCII;
  else if (strcmp(kind, "char") == 0)
    k = TR_SHINGLE_CHAR;
  else {
    tool_fail_usage("--shingles is word, ascii or char, not '%s'", kind);
    return FALSE;
  }
  tr_corpus *c = NULL;
  tr_shingle_index *ix = NULL;
  size_t *units = NULL, count = 0;
  gboolean ok = FALSE;
  if (tr_corpus_new(&c) != TR_OK || tr_corpus_load(c, path, TR_CORPUS_STOP_ON_ERROR, NULL) != TR_OK ||
      tr_plot_corpus_agreements(c, party, from, to, &units, &count) != TR_OK) {
    tool_fail_lib("plot");
    goto done;
  }
  size_t total = tr_corpus_agreement_count(c);
  if (count == 0) {
    fprintf(stderr, "traderules: plot: no agreement of %s matches the filters (%zu in the corpus)\n",
            path, total);
    goto done;
  }
  if (count > max_items) {
    fprintf(stderr,
            "traderules: plot: %zu agreements selected; a matrix chart shows at most %zu (--max; "
            "%zu cells keep the SVG to a few megabytes): narrow the selection with --party or "
            "--years, or raise --max (up to 500)\n",
            count, max_items, max_items * max_items);
    goto done;
  }
  if (tr_shingle_index_new(c, k, n, &ix) != TR_OK) {
    tool_fail_lib("plot");
    goto done;
  }
  g_array_set_size(values, count * count);
  /* NULL options: the corpus's threads, no progress (the units say what is compared) */
  if (tr_shingle_index_matrix_with_options(ix, TR_UNIT_AGREEMENT, units, count, NULL,
                                           (double *)(void *)values->data, NULL) != TR_OK) {
    tool_fail_lib("plot");
    goto done;
  }
  for (size_t u = 0; u < count; u++) {
    char *label = NULL; /* "pta_N name", cut to 40 characters by the library */
    if (tr_plot_corpus_label(c, units[u], &label) != TR_OK) {
      tool_fail_lib("plot");
      goto done;
    }
    g_ptr_array_add(labels, g_strdup(label));
    tr_free(label);
  }
  ok = TRUE;
done:
  tr_free(units);
  tr_shingle_index_free(ix);
  tr_corpus_free(c);
  return ok;
}

/* The values of plot's own options, checked where they are parsed. */
typedef struct {
  tr_plot_options *popts;
  char *type, *kind;
  unsigned shingle_n;
  long min_overlap, max_items;
  double width, height, dpi;
} plot_args;

static gboolean plot_bad(GError **error, const char *fmt, ...) G_GNUC_PRINTF(2, 3);
static gboolean plot_bad(GError **error, const char *fmt, ...) {
  va_list ap;
  va_start(ap, fmt);
  char *msg = g_strdup_vprintf(fmt, ap);
  va_end(ap);
  g_set_error_literal(error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE, msg);
  g_free(msg);
  return FALSE;
}

static gboolean on_type(const char *name, const char *value, gpointer data, GError **error) {
  plot_args *pa = ((tool_args *)data)->data;
  if (strcmp(value, "svg") != 0 && strcmp(value, "png") != 0 && strcmp(value, "pdf") != 0)
    return plot_bad(error, "%s is svg, png or pdf, not '%s'", name, value);
  g_free(pa->type);
  pa->type = g_strdup(value);
  return TRUE;
}

static gboolean on_kind(const char *name, const char *value, gpointer data, GError **error) {
  plot_args *pa = ((tool_args *)data)->data;
  if (strcmp(value, "word") != 0 && strcmp(value, "ascii") != 0 && strcmp(value, "char") != 0)
    return plot_bad(error, "%s is word, ascii or char, not '%s'", name, value);
  g_free(pa->kind);
  pa->kind = g_strdup(value);
  return TRUE;
}

/* --n, --min-categories (--min-overlap), --max: whole numbers in a range. */
static gboolean on_count(const char *name, const char *value, gpointer data, GError **error) {
  plot_args *pa = ((tool_args *)data)->data;
  gboolean is_n = strcmp(name, "--n") == 0 || strcmp(name, "-n") == 0, is_max = strcmp(name, "--max") == 0;
  long lo = is_n ? 1 : is_max ? 2 : 0, hi = is_n ? 64 : is_max ? 500 : tr_category_count();
  char *end = NULL;
  long v = strtol(value, &end, 10);
  if (end == value || *end || v < lo || v > hi)
    return plot_bad(error, "%s wants a whole number %ld..%ld, got '%s'", name, lo, hi, value);
  if (is_n)
    pa->shingle_n = (unsigned)v;
  else if (is_max)
    pa->max_items = v;
  else
    pa->min_overlap = v;
  return TRUE;
}

static gboolean on_length(const char *name, const char *value, gpointer data, GError **error) {
  plot_args *pa = ((tool_args *)data)->data;
  double v;
  if (!parse_length(value, &v))
    return plot_bad(error, "%s wants a length such as 800, 600pt, 1200px, 6in, 17cm or 170mm, got '%s'", name,
                    value);
  *(strcmp(name, "--page-width") == 0 || strcmp(name, "--width") == 0 ? &pa->width : &pa->height) = v;
  return TRUE;
}

static gboolean on_dpi(const char *name, const char *value, gpointer data, GError **error) {
  plot_args *pa = ((tool_args *)data)->data;
  char *end = NULL;
  double dpi = g_ascii_strtod(value, &end);
  if (end == value || *end || tr_plot_options_set_dpi(pa->popts, dpi) != TR_OK)
    return plot_bad(error, "%s wants a number 36..2400, got '%s'", name, value);
  pa->dpi = dpi;
  return TRUE;
}

#define PLOT_CB(f) G_OPTION_ARG_CALLBACK, (gpointer)(GOptionArgFunc)(f)

int tool_cmd_plot(int argc, char **argv, tool_options *opts) {
  const char *chart = NULL;
  const char *out = NULL;
  char *out_opt = NULL, *spec_a = NULL, *spec_b = NULL, *label_a = NULL, *label_b = NULL, *input = NULL,
       *title = NULL, *corpus_path = NULL;
  char *tmp_dir = NULL, *tmp_path = NULL;
  plot_args pa = { .shingle_n = 5, .min_overlap = TR_PLOT_MIN_OVERLAP, .max_items = 150 };
  tr_filter *filter = NULL;
  tr_catalog *cat = NULL;
  const tr_agreement **a = NULL;
  size_t na = 0;
  int rc = 0, st = TR_OK;
  GOptionEntry entries[] = {
    { "output", 'o', 0, G_OPTION_ARG_FILENAME, &out_opt, "The chart file (.svg, .png or .pdf); required; '-' "
      "writes the chart to standard output (SVG, or as --chart-format says)", "FILE" },
    { "chart-format", 0, 0, PLOT_CB(on_type), "The format when FILE has no .svg/.png/.pdf ending (e.g. '-')",
      "svg|png|pdf" },
    { "party", 0, 0, tool_entry_party.arg, tool_entry_party.arg_data, "Only agreements with party P "
      "(heatmap, matrix, timeline; with --corpus: P among the ToTA file's parties)", "P" },
    { "family", 0, 0, tool_entry_family.arg, tool_entry_family.arg_data,
      "Only agreements of family F (not with --corpus)", "F" },
    tool_entry_years,
    { "a", 0, 0, G_OPTION_ARG_STRING, &spec_a, "'compare': the first side, a template specification as "
      "'compare' takes it (american, european@2016, TPP, family=F+years=A-B, ids=A,B) or a list of ids "
      "A,B,C; default american. The members of each side are printed on standard output", "T" },
    { "b", 0, 0, G_OPTION_ARG_STRING, &spec_b, "'compare': the second side (default european)", "T" },
    { "label-a", 0, 0, G_OPTION_ARG_STRING, &label_a, "A name for side a given as ids or key=value", "L" },
    { "label-b", 0, 0, G_OPTION_ARG_STRING, &label_b, "A name for side b given as ids or key=value", "L" },
    { "title", 0, 0, G_OPTION_ARG_STRING, &title, "The chart title", "T" },
    { "page-width", 0, 0, PLOT_CB(on_length), "Page width: a number with a unit pt (default), px (1/96 in), in, "
      "cm or mm, from 0.5 to 200 inches; one of --page-width/--page-height scales the chart, both give exactly "
      "that page with the chart fitted", "W" },
    { "page-height", 0, 0, PLOT_CB(on_length), "Page height (as --page-width)", "H" },
    { "dpi", 0, 0, PLOT_CB(on_dpi), "PNG resolution, 36..2400 (default 108); SVG and PDF are vectors", "D" },
    { "min-categories", 0, 0, PLOT_CB(on_count), "'matrix': mask pairs that share fewer than N coded "
      "categories (default " G_STRINGIFY(TR_PLOT_MIN_OVERLAP) "; 0 keeps every pair), as in 'classify'", "N" },
    { "input", 0, 0, G_OPTION_ARG_FILENAME, &input, "'matrix': a square CSV, header ',label1,label2,...', "
      "then one row per item 'labelI,v1,v2,...' (NA or empty = no value)", "FILE.csv" },
    { "corpus", 0, 0, G_OPTION_ARG_FILENAME, &corpus_path, "'matrix': exact Jaccard between the agreements "
      "of a ToTA XML file or directory (word 5-gram shingles, as 'traderules corpus')", "PATH" },
    { "shingles", 'k', 0, PLOT_CB(on_kind), "With --corpus: shingles word (default), ascii or char", "KIND" },
    { "n", 'n', 0, PLOT_CB(on_count), "With --corpus: shingle length (default 5)", "N" },
    { "max", 0, 0, PLOT_CB(on_count), "'matrix': at most N items (default 150, up to 500); more is an error "
      "that says how to narrow the selection", "N" },
    /* the old spellings, kept (docs/traderules.1); each name means one thing in every
     * subcommand: --type is a barrier type ('barriers'), --kind an agreement kind ('list'),
     * --width the table width (common option) */
    { "type", 0, G_OPTION_FLAG_HIDDEN, PLOT_CB(on_type), "Same as --chart-format", "svg|png|pdf" },
    { "width", 0, G_OPTION_FLAG_HIDDEN, PLOT_CB(on_length), "Same as --page-width", "W" },
    { "height", 0, G_OPTION_FLAG_HIDDEN, PLOT_CB(on_length), "Same as --page-height", "H" },
    { "min-overlap", 0, G_OPTION_FLAG_HIDDEN, PLOT_CB(on_count), "Same as --min-categories", "N" },
    { "kind", 0, G_OPTION_FLAG_HIDDEN, PLOT_CB(on_kind), "Same as --shingles", "KIND" },
    { NULL, 0, 0, 0, NULL, NULL, NULL },
  };
  tool_args args;
  if (tr_plot_options_new(&pa.popts) != TR_OK)
    return tool_fail_lib("plot");
  tool_args_init(&args, "plot", opts);
  args.data = &pa;
  GOptionContext *ctx = tool_context_new(&args, "CHART -o FILE.svg|FILE.png|FILE.pdf",
      "Draw a chart (the format follows the file name):\n"
      "  heatmap    agreements x provision categories, coloured by legal strength\n"
      "  compare    the cells of 'traderules compare A B': each category's strength in two\n"
      "             templates (default american european) and their relation\n"
      "  matrix     similarity matrix ordered by hierarchical clustering: 1 - the distance\n"
      "             of 'traderules matrix' between the selected agreements (pairs sharing\n"
      "             fewer than --min-categories categories masked), any square matrix read\n"
      "             with --input, or text similarity of a ToTA corpus with --corpus\n"
      "  timeline   when each category was adopted, one labelled marker per agreement",
      "Colours are the Okabe-Ito palette; 'unknown' is hatched, never a colour.\n"
      "Charts: docs/charts.md. Kept spellings: --type (--chart-format), --width and --height\n"
      "(--page-width, --page-height), --min-overlap (--min-categories), --kind (--shingles).", entries);
  rc = tool_parse(ctx, &args, &argc, &argv, TOOL_PARSE_NO_WIDTH);
  g_option_context_free(ctx);
  tr_plot_options *popts = pa.popts;
  const char *type = pa.type, *kind = pa.kind ? pa.kind : "word", *party = args.party;
  unsigned shingle_n = pa.shingle_n;
  long min_overlap = pa.min_overlap, max_items = pa.max_items;
  gboolean have_family = args.have_family;
  int year_from = args.year_from, year_to = args.year_to;
  double width = pa.width, height = pa.height, dpi = pa.dpi;
  if (rc == TOOL_CONTINUE && argc > 2)
    rc = tool_fail_usage("plot: unexpected argument '%s'", argv[2]);
  if (rc == TOOL_CONTINUE && tool_args_filter(&args, TRUE, &filter))
    rc = 1;
  if (rc != TOOL_CONTINUE)
    goto out;
  rc = 0;
  chart = argc > 1 ? argv[1] : NULL;
  out = out_opt;
  if (!chart) {
    rc = tool_fail_usage("plot needs a chart: heatmap, compare, matrix or timeline");
    goto out;
  }
  if (!out) {
    rc = tool_fail_usage("plot needs -o FILE.svg, -o FILE.png or -o FILE.pdf");
    goto out;
  }
  tr_plot_format fmt;
  if (type) {
    fmt = strcmp(type, "png") == 0 ? TR_PLOT_PNG : strcmp(type, "pdf") == 0 ? TR_PLOT_PDF : TR_PLOT_SVG;
  } else if (strcmp(out, "-") == 0) {
    fmt = TR_PLOT_SVG;
  } else if (tr_plot_format_from_path(out, &fmt) != TR_OK) {
    rc = tool_fail_usage("%s", tr_error_message());
    goto out;
  }
  if (tr_plot_options_set_size(popts, width, height) != TR_OK) {
    rc = tool_fail_usage("--page-width/--page-height: %s", tr_error_message());
    goto out;
  }
  if (dpi > 0 && fmt != TR_PLOT_PNG) {
    rc = tool_fail_usage("--dpi applies to PNG files; SVG and PDF are vector formats (use --page-width/--page-height)");
    goto out;
  }
  if (title && tr_plot_options_set_title(popts, title) != TR_OK) {
    rc = tool_fail_usage("--title: %s", tr_error_message());
    goto out;
  }
  if ((spec_a || spec_b || label_a || label_b) && strcmp(chart, "compare") != 0) {
    rc = tool_fail_usage("--a, --b, --label-a and --label-b belong to 'plot compare'");
    goto out;
  }
  if (corpus_path && have_family) {
    rc = tool_fail_usage("--family selects catalog agreements; a ToTA corpus has no families "
                         "(use --party or --years with --corpus)");
    goto out;
  }
  if (!tr_plot_available()) {
    fprintf(stderr, "traderules: no charts: %s\n", tr_error_message());
    rc = 1;
    goto out;
  }
  if (!corpus_path && !input && tool_load_catalog(opts, &cat) != 0) {
    rc = 1;
    goto out;
  }
  if (strcmp(out, "-") == 0) {
    /* The library draws into a file: a private temporary folder, copied to
     * standard output at the end (write errors: close_stdout() in main). */
    GError *terr = NULL;
    tmp_dir = g_dir_make_tmp("traderules-plot-XXXXXX", &terr);
    if (!tmp_dir) {
      fprintf(stderr, "traderules: plot: cannot create a temporary folder: %s\n", terr->message);
      g_error_free(terr);
      rc = 1;
      goto out;
    }
    tmp_path = g_build_filename(tmp_dir, fmt == TR_PLOT_PNG ? "chart.png" : fmt == TR_PLOT_PDF ? "chart.pdf" : "chart.svg", NULL);
    out = tmp_path;
  }
  if (strcmp(chart, "heatmap") == 0 || strcmp(chart, "timeline") == 0) {
    a = select_array(cat, filter, &na);
    if (!a) {
      rc = tool_fail_lib("plot");
      goto out;
    }
    st = chart[0] == 'h' ? tr_plot_heatmap_with(a, na, out, fmt, popts)
                         : tr_plot_timeline_with(a, na, out, fmt, popts);
  } else if (strcmp(chart, "compare") == 0) {
    tr_template *ta = side_template(cat, spec_a ? spec_a : "american", label_a, &rc);
    tr_template *tb = ta ? side_template(cat, spec_b ? spec_b : "european", label_b, &rc) : NULL;
    tr_comparison *cmp = NULL;
    if (!ta || !tb) {
      tr_template_free(ta);
      goto out;
    }
    if (tr_comparison_new(ta, tb, &cmp) != TR_OK) {
      rc = tool_fail_lib("plot");
    } else {
      FILE *info = tmp_path ? stderr : stdout;
      print_side(info, ta);
      print_side(info, tb);
      st = tr_plot_comparison(cmp, out, fmt, popts);
    }
    tr_comparison_free(cmp);
    tr_template_free(ta);
    tr_template_free(tb);
    if (rc)
      goto out;
  } else if (strcmp(chart, "matrix") == 0) {
    GPtrArray *labels = g_ptr_array_new_with_free_func(g_free);
    GArray *values = g_array_new(FALSE, FALSE, sizeof(double));
    GArray *overlap = NULL;
    const char *mtitle = NULL;
    if (corpus_path) {
      if (!corpus_matrix(corpus_path, kind, shingle_n, party, year_from, year_to, (size_t)max_items,
                         labels, values)) {
        g_ptr_array_free(labels, TRUE);
        g_array_free(values, TRUE);
        rc = 1;
        goto out;
      }
      mtitle = "Text similarity (Jaccard of shingles)";
    } else if (input) {
      /* the library's reader: file limits, errors located as file:line: field N */
      tr_plot_matrix_input *mi = NULL;
      int mst = TR_OK;
      if (strcmp(input, "-") == 0) {
        size_t len = 0;
        char *data = tool_read_input(input, &len);
        mst = data ? tr_plot_matrix_input_read(data, len, "<stdin>", &mi) : TR_ERR_IO;
        if (data && mst != TR_OK)
          tool_fail_lib(NULL);
        tr_free(data);
      } else if ((mst = tr_plot_matrix_input_read_file(input, &mi)) != TR_OK) {
        tool_fail_lib(NULL);
      }
      if (mst != TR_OK) {
        g_ptr_array_free(labels, TRUE);
        g_array_free(values, TRUE);
        rc = 1;
        goto out;
      }
      size_t n = tr_plot_matrix_input_size(mi);
      for (size_t i = 0; i < n; i++)
        g_ptr_array_add(labels, g_strdup(tr_plot_matrix_input_label_at(mi, i)));
      g_array_append_vals(values, tr_plot_matrix_input_values(mi), (guint)(n * n));
      tr_plot_matrix_input_free(mi);
    } else {
      /* the comparison engine's distance matrix (compare.h), as similarity 1 - d, with the
       * number of categories each pair shares */
      tr_matrix *m = NULL;
      tr_analysis_options *aopts = NULL;
      if (tool_analysis_options(&args, filter, NULL, &aopts) != 0) {
        g_ptr_array_free(labels, TRUE);
        g_array_free(values, TRUE);
        rc = 1;
        goto out;
      }
      int mst = tr_matrix_new_with_options(cat, aopts, &m);
      tr_analysis_options_free(aopts);
      if (mst == TR_ERR_EMPTY) {
        tr_error_clear();
      } else if (mst != TR_OK) {
        g_ptr_array_free(labels, TRUE);
        g_array_free(values, TRUE);
        rc = tool_fail_lib("plot");
        goto out;
      }
      size_t n = m ? tr_matrix_size(m) : 0;
      if (n > (size_t)max_items) {
        fprintf(stderr, "traderules: plot: %zu agreements selected; a matrix chart shows at most %ld "
                        "(--max): narrow the selection with --party, --family or --years, or raise "
                        "--max (up to 500)\n", n, max_items);
        tr_matrix_free(m);
        g_ptr_array_free(labels, TRUE);
        g_array_free(values, TRUE);
        rc = 1;
        goto out;
      }
      overlap = g_array_new(FALSE, FALSE, sizeof(size_t));
      for (size_t i = 0; i < n; i++) {
        g_ptr_array_add(labels, g_strdup(tr_matrix_id_at(m, i)));
        for (size_t j = 0; j < n; j++) {
          double v = 1.0 - tr_matrix_distance(m, i, j); /* NaN stays NaN */
          size_t ov = tr_matrix_comparable(m, i, j);
          g_array_append_val(values, v);
          g_array_append_val(overlap, ov);
        }
      }
      tr_matrix_free(m);
      mtitle = "Similarity of agreements (1 - distance over legal strength)";
    }
    if (labels->len == 0) {
      fprintf(stderr, "traderules: plot: no agreement selected\n");
      g_ptr_array_free(labels, TRUE);
      g_array_free(values, TRUE);
      if (overlap)
        g_array_free(overlap, TRUE);
      rc = 1;
      goto out;
    }
    if (labels->len > (guint)max_items) {
      fprintf(stderr, "traderules: plot: %u items; a matrix chart shows at most %ld (--max, up to 500)\n",
              labels->len, max_items);
      rc = 1;
    } else {
      st = tr_plot_matrix_with((const char *const *)labels->pdata, labels->len,
                               (const double *)(void *)values->data,
                               overlap ? (const size_t *)(void *)overlap->data : NULL,
                               overlap ? (size_t)min_overlap : 0, mtitle, out, fmt, popts);
    }
    g_ptr_array_free(labels, TRUE);
    g_array_free(values, TRUE);
    if (overlap)
      g_array_free(overlap, TRUE);
  } else {
    rc = tool_fail_usage("unknown chart '%s' (heatmap, compare, matrix or timeline)", chart);
    goto out;
  }
  if (st != TR_OK)
    rc = tool_fail_lib("plot");
  else if (!rc && tr_plot_options_missing_glyphs(popts) > 0)
    fprintf(stderr, "traderules: warning: %zu character(s) of the chart have no glyph in any installed "
                    "font and show as boxes in PNG/PDF; install a font for that script (e.g. "
                    "fonts-noto-cjk for Chinese, Japanese, Korean)\n",
            tr_plot_options_missing_glyphs(popts));
  if (st == TR_OK && rc == 0 && tmp_path) {
    size_t len = 0;
    char *bytes = tool_read_input(tmp_path, &len);
    rc = bytes ? tool_write_output("-", bytes, len) : 1;
    tr_free(bytes);
  }
out:
  if (tmp_path)
    g_unlink(tmp_path);
  if (tmp_dir)
    g_rmdir(tmp_dir);
  g_free(tmp_path);
  g_free(tmp_dir);
  g_free(a);
  tr_catalog_free(cat);
  tr_filter_free(filter);
  tr_plot_options_free(pa.popts);
  tool_args_clear(&args);
  g_free(pa.type);
  g_free(pa.kind);
  g_free(out_opt);
  g_free(spec_a);
  g_free(spec_b);
  g_free(label_a);
  g_free(label_b);
  g_free(input);
  g_free(title);
  g_free(corpus_path);
  return rc;
}
