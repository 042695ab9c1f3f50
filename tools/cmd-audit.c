/*
 * traderules audit - how the catalog's cells were obtained, their citations, evidence spans
 * checked against the ToTA texts, and inconsistencies between near-identical articles.
 * The work is done by tr_audit_run(); this file only loads and prints.
 * SPDX-License-Identifier: MIT
 */
#include "tool.h"

#include <string.h>

static const tr_audit_measure basis_measures[] = {
  TR_AUDIT_BASIS_TEXT, TR_AUDIT_BASIS_CODER_CONFIRMED, TR_AUDIT_BASIS_OFFICIAL,
  TR_AUDIT_BASIS_SECONDARY, TR_AUDIT_BASIS_UNKNOWN, TR_AUDIT_BASIS_LEGACY,
};
static const tr_audit_measure other_measures[] = {
  TR_AUDIT_UNCITED, TR_AUDIT_OUTSIDE, TR_AUDIT_SPANS, TR_AUDIT_SPANS_NOT_FOUND,
  TR_AUDIT_SPANS_UNCHECKED, TR_AUDIT_INCONSISTENT, TR_AUDIT_DOCUMENT_SPANS,
  TR_AUDIT_DOCUMENT_SPANS_NO_URL, TR_AUDIT_OFFICIAL_NO_WORDS,
};
#define NB G_N_ELEMENTS(basis_measures)
#define NO G_N_ELEMENTS(other_measures)

/* Load the ToTA text of every catalog agreement with a tota_id found in @dir. */
static int load_corpus(const char *dir, const tr_catalog *cat, tr_corpus **out, size_t *missing) {
  tr_corpus *c = NULL;
  if (!g_file_test(dir, G_FILE_TEST_IS_DIR)) {
    fprintf(stderr, "traderules: audit: --corpus %s: not a directory\n", dir);
    return 1;
  }
  tr_corpus_new(&c);
  *missing = 0;
  for (size_t i = 0; i < tr_catalog_agreement_count(cat); i++) {
    int t = tr_agreement_get_tota_id(tr_catalog_agreement_at(cat, i));
    if (!t)
      continue;
    char name[40];
    g_snprintf(name, sizeof name, "pta_%d.xml", t);
    char *path = g_build_filename(dir, name, NULL);
    if (!g_file_test(path, G_FILE_TEST_EXISTS)) {
      (*missing)++;
    } else if (tr_corpus_load(c, path, TR_CORPUS_STOP_ON_ERROR, NULL) != TR_OK &&
               tr_error_code() != TR_ERR_DUPLICATE) {
      g_free(path);
      tr_corpus_free(c);
      return tool_fail_lib("audit: --corpus");
    }
    g_free(path);
  }
  *out = c;
  return 0;
}

static char *share(size_t n, size_t of) {
  return of ? g_strdup_printf("%.1f", 100.0 * (double)n / (double)of) : NULL;
}

static void summary_row(tool_table *t, const tr_audit *au, size_t row, const char *label,
                        gboolean counts_and_shares) {
  GPtrArray *cells = g_ptr_array_new_with_free_func(g_free);
  size_t n = tr_audit_count(au, row, TR_AUDIT_CELLS);
  g_ptr_array_add(cells, g_strdup(label));
  g_ptr_array_add(cells, g_strdup_printf("%zu", n));
  g_ptr_array_add(cells, g_strdup_printf("%zu", tr_audit_count(au, row, TR_AUDIT_NOT_CODED)));
  for (size_t b = 0; b < NB; b++) {
    size_t k = tr_audit_count(au, row, basis_measures[b]);
    if (counts_and_shares)
      g_ptr_array_add(cells, g_strdup_printf("%zu", k));
    else
      g_ptr_array_add(cells, k ? g_strdup_printf("%zu (%.0f%%)", k, 100.0 * (double)k / (double)n)
                               : g_strdup("0"));
  }
  if (counts_and_shares)
    for (size_t b = 0; b < NB; b++)
      g_ptr_array_add(cells, share(tr_audit_count(au, row, basis_measures[b]), n));
  for (size_t o = 0; o < NO; o++)
    g_ptr_array_add(cells, g_strdup_printf("%zu", tr_audit_count(au, row, other_measures[o])));
  tool_table_add_row(t, (const char *const *)cells->pdata);
  g_ptr_array_unref(cells);
}

int tool_cmd_audit(int argc, char **argv, tool_options *opts) {
  char *corpus_dir = NULL;
  gboolean findings = FALSE, all = FALSE;
  GOptionEntry entries[] = {
    { "corpus", 0, 0, G_OPTION_ARG_FILENAME, &corpus_dir,
      "ToTA XML directory: check evidence spans and look for inconsistencies", "DIR" },
    { "findings", 0, 0, G_OPTION_ARG_NONE, &findings,
      "List the findings (spans not found, inconsistencies, uncited cells, outside citations) "
      "instead of the summary", NULL },
    { "all", 0, 0, G_OPTION_ARG_NONE, &all,
      "With --findings: also list spans that could not be checked", NULL },
    { NULL, 0, 0, 0, NULL, NULL, NULL },
  };
  tool_args args;
  tool_args_init(&args, "audit", opts);
  GOptionContext *ctx = tool_context_new(&args, "",
      "Audit the catalog's evidence, per agreement and overall: the share of cells by basis\n"
      "(read from the text, coder draft confirmed, official, secondary, unknown, legacy =\n"
      "not recorded), uncited cells, cells citing files outside the repository, and with\n"
      "--corpus, evidence spans missing from their ToTA article and near-identical articles\n"
      "(Jaccard >= 0.8, word 5-grams) coded differently without a note naming the other.", NULL, entries);
  tr_catalog *cat = NULL;
  tr_corpus *corpus = NULL;
  tr_audit *au = NULL;
  tool_table *t = NULL;
  size_t missing = 0;
  int rc;

  if ((rc = tool_parse(ctx, &args, &argc, &argv, 0)) != TOOL_CONTINUE)
    goto out;
  if (argc > 1) {
    rc = tool_fail_usage("audit: unexpected argument '%s'", argv[1]);
    goto out;
  }
  if (all && !findings) {
    rc = tool_fail_usage("audit: --all goes with --findings");
    goto out;
  }
  if ((rc = tool_load_catalog(opts, &cat)))
    goto out;
  if (corpus_dir && (rc = load_corpus(corpus_dir, cat, &corpus, &missing)))
    goto out;
  if (tr_audit_run(cat, corpus, &au) != TR_OK) {
    rc = tool_fail_lib("audit");
    goto out;
  }

  if (findings) {
    static const char *const cols[] = { "kind", "agreement", "category", "other", "similarity",
                                        "detail" };
    t = tool_table_new(cols, G_N_ELEMENTS(cols));
    tool_table_set_numeric(t, 4, TRUE);
    for (size_t i = 0; i < tr_audit_finding_count(au); i++) {
      tr_audit_finding_kind k = tr_audit_finding_get_kind(au, i);
      if (k == TR_AUDIT_FINDING_SPAN_UNCHECKED && !all)
        continue;
      char *sim = k == TR_AUDIT_FINDING_INCONSISTENT
                      ? g_strdup_printf("%.3f", tr_audit_finding_get_similarity(au, i))
                      : NULL;
      const char *row[] = {
        tr_audit_finding_kind_id(k), tr_audit_finding_get_agreement(au, i),
        tr_category_id(tr_audit_finding_get_category(au, i)), tr_audit_finding_get_other(au, i),
        sim, tr_audit_finding_get_detail(au, i),
      };
      tool_table_add_row(t, row);
      g_free(sim);
    }
    tool_table_print(t, stdout, opts);
    rc = 0;
    goto out;
  }

  gboolean machine = opts->format == TOOL_FORMAT_CSV || opts->format == TOOL_FORMAT_JSON;
  GPtrArray *cols = g_ptr_array_new_with_free_func(g_free);
  g_ptr_array_add(cols, g_strdup("agreement"));
  g_ptr_array_add(cols, g_strdup("cells"));
  g_ptr_array_add(cols, g_strdup("not_coded"));
  for (size_t b = 0; b < NB; b++)
    g_ptr_array_add(cols, g_strdup(tr_audit_measure_id(basis_measures[b])));
  if (machine)
    for (size_t b = 0; b < NB; b++)
      g_ptr_array_add(cols, g_strconcat("share_", tr_audit_measure_id(basis_measures[b]), NULL));
  for (size_t o = 0; o < NO; o++)
    g_ptr_array_add(cols, g_strdup(tr_audit_measure_id(other_measures[o])));
  t = tool_table_new((const char *const *)cols->pdata, (int)cols->len);
  for (guint c = 1; c < cols->len; c++)
    tool_table_set_numeric(t, (int)c, TRUE);
  g_ptr_array_unref(cols);
  for (size_t r = 0; r < tr_audit_agreement_count(au); r++)
    summary_row(t, au, r, tr_audit_agreement_id(au, r), machine);
  summary_row(t, au, TR_AUDIT_OVERALL, "(overall)", machine);
  tool_table_print(t, stdout, opts);
  if (!machine) {
    size_t nf = 0, nin = 0;
    for (size_t i = 0; i < tr_audit_finding_count(au); i++) {
      tr_audit_finding_kind k = tr_audit_finding_get_kind(au, i);
      nf += k == TR_AUDIT_FINDING_SPAN_NOT_FOUND;
      nin += k == TR_AUDIT_FINDING_INCONSISTENT;
    }
    printf("\n%zu agreements, %zu cells. ", tr_audit_agreement_count(au),
           tr_audit_count(au, TR_AUDIT_OVERALL, TR_AUDIT_CELLS));
    if (tr_audit_has_corpus(au))
      printf("Corpus %s: %zu ToTA texts not found there; %zu spans not found, %zu inconsistencies",
             corpus_dir, missing, nf, nin);
    else
      printf("Spans not checked and inconsistencies not looked for: give --corpus DIR");
    printf(" (details: --findings).\n");
  }
  rc = 0;
out:
  tool_table_free(t);
  tr_audit_free(au);
  tr_corpus_free(corpus);
  tr_catalog_free(cat);
  g_option_context_free(ctx);
  tool_args_clear(&args);
  g_free(corpus_dir);
  return rc;
}
