/*
 * traderules plot - charts as SVG or PNG (heatmap, compare, matrix, timeline).
 * SPDX-License-Identifier: MIT
 */
#include "tool.h"

#include <glib/gstdio.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

static const char plot_help[] =
  "Usage: traderules plot CHART -o FILE.svg|FILE.png [OPTIONS]\n"
  "\n"
  "Charts (the format follows the file name):\n"
  "  heatmap    agreements x provision categories, coloured by legal strength\n"
  "  compare    mean strength per category of two groups: the American and European\n"
  "             template families, or --a ID,... against --b ID,...\n"
  "  matrix     similarity matrix ordered by hierarchical clustering: 1 - the distance\n"
  "             of 'traderules matrix' between the selected agreements, or any square\n"
  "             matrix read with --input (e.g. text similarity from R or the corpus)\n"
  "  timeline   when each category was adopted, one marker per agreement and year\n"
  "\n"
  "Options:\n"
  "  -o, --output FILE     the chart file (.svg or .png); required; '-' writes the\n"
  "                        chart to standard output (SVG, or PNG with --type png)\n"
  "  --type svg|png        the format when FILE has no .svg/.png ending (e.g. '-')\n"
  "  --party P             only agreements with party P (heatmap, matrix, timeline)\n"
  "  --family F            only agreements of family F\n"
  "  --years A-B           only agreements signed in years A..B\n"
  "  --a G  --b G          the two groups of 'compare': agreement ids ID,ID,... or a template\n"
  "                        (american, european@2016, family=F+years=A-B: as 'compare');\n"
  "                        default: every agreement of family american / european.\n"
  "                        The members of each group are printed on standard output\n"
  "  --label-a L --label-b L  their legend labels\n"
  "  --input FILE.csv      'matrix': a square CSV, header ',label1,label2,...', then one row\n"
  "                        per item 'labelI,v1,v2,...' (NA or empty = no value)\n"
  "  --corpus PATH         'matrix': exact Jaccard between the agreements of a ToTA XML\n"
  "                        file or directory (word 5-gram shingles, as 'traderules corpus')\n"
  "  --kind K --n N        with --corpus: shingles word (default), ascii or char, length N\n"
  "  --title T             'matrix': the chart title\n";

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

/* "TPP,CPTPP" -> agreements; prints an error and returns NULL for an unknown id. */
static const tr_agreement **ids_array(const tr_catalog *cat, const char *ids, size_t *n) {
  char **parts = g_strsplit(ids, ",", -1);
  GPtrArray *a = g_ptr_array_new();
  for (char **p = parts; *p; p++) {
    g_strstrip(*p);
    if (!**p)
      continue;
    const tr_agreement *ag = tr_catalog_find_agreement(cat, *p);
    if (!ag) {
      tool_fail_usage("no agreement '%s' in the catalog (see 'traderules list')", *p);
      g_strfreev(parts);
      g_ptr_array_free(a, TRUE);
      return NULL;
    }
    g_ptr_array_add(a, (gpointer)ag);
  }
  g_strfreev(parts);
  *n = a->len;
  g_ptr_array_add(a, NULL);
  return (const tr_agreement **)g_ptr_array_free(a, FALSE);
}

/* A group of 'plot compare': a template specification (american, european@2016,
 * family=...+years=...: the library's grammar) gives the template's members; anything
 * else is a comma-separated list of agreement ids. *label receives the template name. */
static const tr_agreement **group_array(const tr_catalog *cat, const char *spec, size_t *n, char **label,
                                        char **how) {
  gboolean is_template = strchr(spec, '=') || strchr(spec, '@') || strcmp(spec, "american") == 0 ||
                         strcmp(spec, "european") == 0;
  if (!is_template)
    return ids_array(cat, spec, n);
  tr_template *t = NULL;
  if (tr_template_resolve(cat, spec, &t) != TR_OK) {
    tool_fail_lib(NULL);
    return NULL;
  }
  *n = tr_template_member_count(t);
  const tr_agreement **a = g_new0(const tr_agreement *, *n + 1);
  for (size_t i = 0; i < *n; i++)
    a[i] = tr_catalog_find_agreement(cat, tr_template_member_at(t, i));
  *label = g_strdup_printf("%s (%zu)", tr_template_get_name(t), *n);
  *how = g_strdup(tr_template_get_selection(t));
  tr_template_free(t);
  return a;
}

/* "plot compare: LABEL = A, B, C (N; how chosen)": which members each group used, on
 * standard output (standard error when the chart itself goes to standard output). */
static void print_group(FILE *f, const char *label, const tr_agreement *const *a, size_t n, const char *how) {
  fprintf(f, "plot compare: %s = ", label);
  for (size_t i = 0; i < n; i++)
    fprintf(f, "%s%s", i ? ", " : "", tr_agreement_get_id(a[i]));
  fprintf(f, " (%zu; %s)\n", n, how);
}

static char *unquote(char *s) {
  g_strstrip(s);
  size_t n = strlen(s);
  if (n >= 2 && s[0] == '"' && s[n - 1] == '"') {
    s[n - 1] = '\0';
    return s + 1;
  }
  return s;
}

/* One CSV record (RFC 4180 quoting: "a,b" and "" inside quotes) -> fields;
 * NULL (with *bad set) for a quote that does not close or stray text after one. */
static char **split_csv_line(const char *line, gboolean *bad) {
  GPtrArray *f = g_ptr_array_new();
  GString *cur = g_string_new(NULL);
  const char *p = line;
  *bad = FALSE;
  for (;;) {
    g_string_truncate(cur, 0);
    if (*p == '"') {
      for (p++;; p++) {
        if (!*p) {
          *bad = TRUE;
          break;
        }
        if (*p == '"') {
          if (p[1] == '"') {
            g_string_append_c(cur, '"');
            p++;
            continue;
          }
          p++;
          break;
        }
        g_string_append_c(cur, *p);
      }
      if (!*bad && *p && *p != ',')
        *bad = TRUE;
    } else {
      while (*p && *p != ',')
        g_string_append_c(cur, *p++);
    }
    if (*bad)
      break;
    g_ptr_array_add(f, g_strdup(cur->str));
    if (*p != ',')
      break;
    p++;
  }
  g_string_free(cur, TRUE);
  g_ptr_array_add(f, NULL);
  if (*bad) {
    g_strfreev((char **)g_ptr_array_free(f, FALSE));
    return NULL;
  }
  return (char **)g_ptr_array_free(f, FALSE);
}

/* Read a square labelled matrix; prints the error and returns FALSE on failure. */
static gboolean read_matrix(const char *path, GPtrArray *labels, GArray *values) {
  size_t text_len = 0;
  /* the library's reader ("-" = standard input, the input size limit) */
  gchar *text = tool_read_input(path, &text_len);
  if (!text)
    return FALSE;
  gboolean ok = TRUE;
  char **lines = g_strsplit(text, "\n", -1);
  size_t n = 0, row = 0;
  for (size_t li = 0; lines[li] && ok; li++) {
    char *line = lines[li];
    g_strchomp(line);
    if (!*line)
      continue;
    gboolean bad_quote;
    char **cells = split_csv_line(line, &bad_quote);
    if (!cells) {
      fprintf(stderr, "traderules: %s:%zu: a quoted field does not close properly\n", path, li + 1);
      ok = FALSE;
      break;
    }
    size_t nc = g_strv_length(cells);
    if (li == 0) {
      n = nc - 1;
      for (size_t i = 1; i < nc; i++)
        g_ptr_array_add(labels, g_strdup(unquote(cells[i])));
      if (n == 0) {
        fprintf(stderr, "traderules: %s:1: the header names no item\n", path);
        ok = FALSE;
      }
    } else if (nc != n + 1) {
      fprintf(stderr, "traderules: %s:%zu: expected %zu fields, found %zu\n", path, li + 1,
              n + 1, nc);
      ok = FALSE;
    } else {
      for (size_t i = 1; i < nc && ok; i++) {
        char *v = unquote(cells[i]), *end = NULL;
        double d = NAN;
        if (*v && strcmp(v, "NA") != 0) {
          d = g_ascii_strtod(v, &end);
          if (*end || end == v || !isfinite(d)) { /* "nan", "inf": use NA or an empty field */
            fprintf(stderr, "traderules: %s:%zu: field %zu: not a number: '%s'\n", path,
                    li + 1, i + 1, v);
            ok = FALSE;
          }
        }
        g_array_append_val(values, d);
      }
      row++;
    }
    g_strfreev(cells);
  }
  if (ok && row != n) {
    fprintf(stderr, "traderules: %s: %zu rows for %zu columns; the matrix must be square\n",
            path, row, n);
    ok = FALSE;
  }
  g_strfreev(lines);
  g_free(text);
  return ok;
}

/* Exact Jaccard between the agreements of a ToTA corpus (corpus.h); prints the
 * error and returns FALSE on failure. Labels: "pta_N short name". */
static gboolean corpus_matrix(const char *path, const char *kind, unsigned n, GPtrArray *labels,
                              GArray *values) {
  tr_shingle_kind k;
  if (strcmp(kind, "word") == 0)
    k = TR_SHINGLE_WORD;
  else if (strcmp(kind, "ascii") == 0)
    k = TR_SHINGLE_WORD_ASCII;
  else if (strcmp(kind, "char") == 0)
    k = TR_SHINGLE_CHAR;
  else {
    tool_fail_usage("--kind is word, ascii or char, not '%s'", kind);
    return FALSE;
  }
  tr_corpus *c = NULL;
  tr_shingle_index *ix = NULL;
  gboolean ok = FALSE;
  if (tr_corpus_new(&c) != TR_OK || tr_corpus_load(c, path, TR_CORPUS_STOP_ON_ERROR, NULL) != TR_OK ||
      tr_shingle_index_new(c, k, n, &ix) != TR_OK) {
    tool_fail_lib("plot");
    goto done;
  }
  size_t count = tr_shingle_index_unit_count(ix, TR_UNIT_AGREEMENT);
  if (count > 500) {
    fprintf(stderr, "traderules: plot: %zu agreements; a matrix chart holds at most 500\n", count);
    goto done;
  }
  g_array_set_size(values, count * count);
  if (count && tr_shingle_index_matrix(ix, TR_UNIT_AGREEMENT, NULL, count,
                                       (double *)(void *)values->data, NULL) != TR_OK) {
    tool_fail_lib("plot");
    goto done;
  }
  for (size_t i = 0; i < count; i++) {
    const char *id = tr_corpus_agreement_get(c, i, TR_CORPUS_FIELD_TOTA_ID);
    const char *name = tr_corpus_agreement_get(c, i, TR_CORPUS_FIELD_NAME);
    char *label = g_strdup_printf("pta_%s %s", id ? id : "?", name ? name : "");
    if (g_utf8_strlen(label, -1) > 40) { /* keep the axis readable */
      char *cut = g_utf8_substring(label, 0, 39);
      g_free(label);
      label = g_strconcat(cut, "…", NULL);
      g_free(cut);
    }
    g_ptr_array_add(labels, label);
  }
  ok = TRUE;
done:
  tr_shingle_index_free(ix);
  tr_corpus_free(c);
  return ok;
}

int tool_cmd_plot(int argc, char **argv, const tool_options *opts) {
  const char *chart = NULL, *out = NULL, *ids_a = NULL, *ids_b = NULL, *label_a = NULL,
             *label_b = NULL, *input = NULL, *title = NULL, *corpus_path = NULL,
             *kind = "word", *type = NULL;
  char *tmp_dir = NULL, *tmp_path = NULL;
  unsigned shingle_n = 5;
  tr_filter *filter = NULL;
  tr_catalog *cat = NULL;
  const tr_agreement **a = NULL, **b = NULL;
  size_t na = 0, nb = 0;
  int rc = 0, st = TR_OK;
  if (tr_filter_new(&filter) != TR_OK)
    return tool_fail_lib("plot");
  for (int i = 1; i < argc; i++) {
    const char *s = argv[i];
    const char *next = i + 1 < argc ? argv[i + 1] : NULL;
    if (strcmp(s, "-h") == 0 || strcmp(s, "--help") == 0) {
      fputs(plot_help, stdout);
      goto out;
    } else if ((strcmp(s, "-o") == 0 || strcmp(s, "--output") == 0) && next) {
      out = argv[++i];
    } else if (strcmp(s, "--type") == 0 && next) {
      type = argv[++i];
      if (strcmp(type, "svg") != 0 && strcmp(type, "png") != 0) {
        rc = tool_fail_usage("--type is svg or png, not '%s'", type);
        goto out;
      }
    } else if (strcmp(s, "--a") == 0 && next) {
      ids_a = argv[++i];
    } else if (strcmp(s, "--b") == 0 && next) {
      ids_b = argv[++i];
    } else if (strcmp(s, "--label-a") == 0 && next) {
      label_a = argv[++i];
    } else if (strcmp(s, "--label-b") == 0 && next) {
      label_b = argv[++i];
    } else if (strcmp(s, "--input") == 0 && next) {
      input = argv[++i];
    } else if (strcmp(s, "--corpus") == 0 && next) {
      corpus_path = argv[++i];
    } else if (strcmp(s, "--kind") == 0 && next) {
      kind = argv[++i];
      if (strcmp(kind, "word") != 0 && strcmp(kind, "ascii") != 0 && strcmp(kind, "char") != 0) {
        rc = tool_fail_usage("--kind is word, ascii or char, not '%s'", kind);
        goto out;
      }
    } else if (strcmp(s, "--n") == 0 && next) {
      char *end = NULL;
      long v = strtol(argv[++i], &end, 10);
      if (*end || v < 1 || v > 64) {
        rc = tool_fail_usage("--n wants 1..64, got '%s'", argv[i]);
        goto out;
      }
      shingle_n = (unsigned)v;
    } else if (strcmp(s, "--title") == 0 && next) {
      title = argv[++i];
    } else if (strcmp(s, "--party") == 0 && next) {
      if (tr_filter_set_party(filter, argv[++i]) != TR_OK) {
        rc = tool_fail_lib("--party");
        goto out;
      }
    } else if (strcmp(s, "--family") == 0 && next) {
      tr_family fam;
      if (tr_family_from_id(argv[++i], &fam) != TR_OK) {
        rc = tool_fail_usage("unknown family '%s'", argv[i]);
        goto out;
      }
      tr_filter_set_family(filter, fam);
    } else if (strncmp(s, "--years", 7) == 0 && (s[7] == '=' || s[7] == '\0')) {
      const char *v = NULL;
      tool_option(argc, argv, &i, "--years", &v);
      if ((rc = tool_filter_years(filter, v)))
        goto out;
    } else if (!chart && s[0] != '-') {
      chart = s;
    } else {
      rc = tool_fail_usage("plot: unexpected argument '%s'", s);
      goto out;
    }
  }
  if (!chart) {
    rc = tool_fail_usage("plot needs a chart: heatmap, compare, matrix or timeline");
    goto out;
  }
  if (!out) {
    rc = tool_fail_usage("plot needs -o FILE.svg or -o FILE.png");
    goto out;
  }
  tr_plot_format fmt;
  if (type) {
    fmt = strcmp(type, "png") == 0 ? TR_PLOT_PNG : TR_PLOT_SVG;
  } else if (strcmp(out, "-") == 0) {
    fmt = TR_PLOT_SVG;
  } else if (tr_plot_format_from_path(out, &fmt) != TR_OK) {
    rc = tool_fail_usage("%s", tr_error_message());
    goto out;
  }
  if (!tr_plot_available()) {
    fprintf(stderr, "traderules: this build has no charts (built without cairo)\n");
    rc = 1;
    goto out;
  }
  if (tool_load_catalog(opts, &cat) != 0) {
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
    tmp_path = g_build_filename(tmp_dir, fmt == TR_PLOT_PNG ? "chart.png" : "chart.svg", NULL);
    out = tmp_path;
  }
  if (strcmp(chart, "heatmap") == 0 || strcmp(chart, "timeline") == 0) {
    a = select_array(cat, filter, &na);
    if (!a) {
      rc = tool_fail_lib("plot");
      goto out;
    }
    st = chart[0] == 'h' ? tr_plot_heatmap(a, na, out, fmt) : tr_plot_timeline(a, na, out, fmt);
  } else if (strcmp(chart, "compare") == 0) {
    tr_filter *fam = NULL;
    if (!ids_a || !ids_b)
      tr_filter_new(&fam);
    char *tl_a = NULL, *tl_b = NULL, *how_a = NULL, *how_b = NULL;
    if (ids_a) {
      a = group_array(cat, ids_a, &na, &tl_a, &how_a);
    } else {
      tr_filter_set_family(fam, TR_FAMILY_AMERICAN);
      a = select_array(cat, fam, &na);
      if (!label_a)
        label_a = "American family (all agreements)";
    }
    if (ids_b) {
      b = group_array(cat, ids_b, &nb, &tl_b, &how_b);
    } else {
      tr_filter_set_family(fam, TR_FAMILY_EUROPEAN);
      b = select_array(cat, fam, &nb);
      if (!label_b)
        label_b = "European family (all agreements)";
    }
    tr_filter_free(fam);
    if (!a || !b) {
      g_free(tl_a);
      g_free(tl_b);
      g_free(how_a);
      g_free(how_b);
      rc = 2;
      goto out;
    }
    if (!label_a && tl_a)
      label_a = tl_a;
    if (!label_b && tl_b)
      label_b = tl_b;
    FILE *info = strcmp(out, "-") == 0 ? stderr : stdout;
    print_group(info, label_a ? label_a : ids_a, a, na, how_a ? how_a : ids_a ? "agreement ids" : "every agreement of family american");
    print_group(info, label_b ? label_b : ids_b, b, nb, how_b ? how_b : ids_b ? "agreement ids" : "every agreement of family european");
    st = tr_plot_compare(a, na, label_a ? label_a : ids_a, b, nb, label_b ? label_b : ids_b, out,
                         fmt);
    g_free(tl_a);
    g_free(tl_b);
    g_free(how_a);
    g_free(how_b);
  } else if (strcmp(chart, "matrix") == 0) {
    GPtrArray *labels = g_ptr_array_new_with_free_func(g_free);
    GArray *values = g_array_new(FALSE, FALSE, sizeof(double));
    if (corpus_path) {
      if (!corpus_matrix(corpus_path, kind, shingle_n, labels, values)) {
        g_ptr_array_free(labels, TRUE);
        g_array_free(values, TRUE);
        rc = 1;
        goto out;
      }
      if (!title)
        title = "Text similarity (Jaccard of shingles)";
    } else if (input) {
      if (!read_matrix(input, labels, values)) {
        g_ptr_array_free(labels, TRUE);
        g_array_free(values, TRUE);
        rc = 1;
        goto out;
      }
    } else {
      /* the comparison engine's distance matrix (compare.h), as similarity 1 - d */
      tr_matrix *m = NULL;
      int mst = tr_matrix_new(cat, filter, 0, &m);
      if (mst == TR_ERR_EMPTY) {
        tr_error_clear();
      } else if (mst != TR_OK) {
        g_ptr_array_free(labels, TRUE);
        g_array_free(values, TRUE);
        rc = tool_fail_lib("plot");
        goto out;
      }
      size_t n = m ? tr_matrix_size(m) : 0;
      for (size_t i = 0; i < n; i++) {
        g_ptr_array_add(labels, g_strdup(tr_matrix_id_at(m, i)));
        for (size_t j = 0; j < n; j++) {
          double v = 1.0 - tr_matrix_distance(m, i, j); /* NaN stays NaN */
          g_array_append_val(values, v);
        }
      }
      tr_matrix_free(m);
      if (!title)
        title = "Similarity of agreements (1 - distance over legal strength)";
    }
    if (labels->len == 0) {
      fprintf(stderr, "traderules: plot: no agreement selected\n");
      g_ptr_array_free(labels, TRUE);
      g_array_free(values, TRUE);
      rc = 1;
      goto out;
    }
    st = tr_plot_matrix((const char *const *)labels->pdata, labels->len,
                        (const double *)(void *)values->data, title, out, fmt);
    g_ptr_array_free(labels, TRUE);
    g_array_free(values, TRUE);
  } else {
    rc = tool_fail_usage("unknown chart '%s' (heatmap, compare, matrix or timeline)", chart);
    goto out;
  }
  if (st != TR_OK)
    rc = tool_fail_lib("plot");
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
  g_free(b);
  tr_catalog_free(cat);
  tr_filter_free(filter);
  return rc;
}
