/*
 * traderules panel - country-pair-year panels for gravity models.
 * SPDX-License-Identifier: MIT
 */
#include "tool.h"

#include <stdlib.h>
#include <string.h>

typedef struct {
  GArray *cats;
  tr_panel_measure measure;
  gboolean directed, dta, no_default;
} panel_opts;

/* --categories C1,C2,...: ids or numbers, checked where parsed. */
static gboolean on_categories(const char *name, const char *value, gpointer data, GError **error) {
  panel_opts *po = ((tool_args *)data)->data;
  char **parts = g_strsplit(value, ",", -1);
  gboolean ok = TRUE;
  g_array_set_size(po->cats, 0);
  for (char **p = parts; *p && ok; p++) {
    const char *t = g_strstrip(*p);
    tr_category c;
    char *end = NULL;
    long n = strtol(t, &end, 10);
    if (*t && end && *end == '\0' && n >= 1 && n <= tr_category_count())
      c = (tr_category)n;
    else if (tr_category_from_id(t, &c) != TR_OK) {
      const char *near = tool_suggest_category(t);
      g_set_error(error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                  "%s: unknown category '%s'%s%s%s (see 'traderules categories')", name, t,
                  near ? "; did you mean '" : "", near ? near : "", near ? "'?" : "");
      ok = FALSE;
      break;
    }
    g_array_append_val(po->cats, c);
  }
  g_strfreev(parts);
  return ok;
}

static gboolean on_measure(const char *name, const char *value, gpointer data, GError **error) {
  panel_opts *po = ((tool_args *)data)->data;
  if (tr_panel_measure_from_id(value, &po->measure) != TR_OK) {
    g_set_error(error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE, "%s wants strength, binary or count, got '%s'",
                name, value);
    return FALSE;
  }
  return TRUE;
}

int tool_cmd_panel(int argc, char **argv, tool_options *opts) {
  panel_opts p = { .cats = g_array_new(FALSE, FALSE, sizeof(tr_category)), .measure = TR_PANEL_STRENGTH };
  char *out_opt = NULL, *membership_path = NULL, *economies = NULL;
  GOptionEntry entries[] = {
    { "period", 0, 0, tool_entry_years.arg, tool_entry_years.arg_data,
      "The panel's years FIRST..LAST inclusive, FIRST-LAST or one YEAR (default 1995-2024)", "FIRST-LAST" },
    /* the old spelling, kept (docs/traderules.1): elsewhere --years selects agreements by
     * signing year, here it named the panel's rows */
    { "years", 0, G_OPTION_FLAG_HIDDEN, tool_entry_years.arg, tool_entry_years.arg_data,
      "Same as --period", "FIRST-LAST" },
    { "categories", 0, 0, G_OPTION_ARG_CALLBACK, (gpointer)(GOptionArgFunc)on_categories,
      "Comma-separated category ids or numbers (default: all 35)", "LIST" },
    { "measure", 0, 0, G_OPTION_ARG_CALLBACK, (gpointer)(GOptionArgFunc)on_measure,
      "strength (none 0, soft 1, mixed 2, hard 3; default), binary (1 if any commitment), or count "
      "(agreements with one); empty cell = unknown", "M" },
    { "directed", 0, 0, G_OPTION_ARG_NONE, &p.directed, "Both (i, j) and (j, i) rows (default: i < j)", NULL },
    { "economies", 0, 0, G_OPTION_ARG_STRING, &economies,
      "A balanced panel over these economies (ISO alpha-3, comma-separated), zeros included; 'all' = "
      "every economy that is a party (or bloc member) in the catalog. Default: only pairs with an "
      "agreement, every year of the range", "LIST" },
    { "membership", 0, 0, G_OPTION_ARG_FILENAME, &membership_path,
      "Add blocs and application records from FILE (docs/panel.md)", "FILE" },
    { "no-default-membership", 0, 0, G_OPTION_ARG_NONE, &p.no_default,
      "Start from no blocs and no records (with --membership)", NULL },
    { "dta", 0, 0, G_OPTION_ARG_NONE, &p.dta, "Write a Stata .dta file (needs -o) instead of CSV", NULL },
    { "output", 'o', 0, G_OPTION_ARG_FILENAME, &out_opt,
      "Write to FILE ('-' = standard output, the default for CSV)", "FILE" },
    { NULL, 0, 0, 0, NULL, NULL, NULL },
  };
  tool_args args;
  tool_args_init(&args, "panel", opts);
  args.data = &p;
  args.years_closed = TRUE;
  GOptionContext *ctx = tool_context_new(&args, "",
      "Write one row per country pair and year: for each provision category, the\n"
      "strongest commitment in force between the two economies that year and the\n"
      "agreements that provide it. Blocs (EU, EFTA, ASEAN, ...) expand to their member\n"
      "states of each year; entry into force and provisional application are read per\n"
      "party where they differ; an agreement whose entry into force is unknown is listed\n"
      "in the 'undated' column and not counted. Rules and sources: docs/panel.md.", NULL, entries);
  int rc = tool_parse(ctx, &args, &argc, &argv, 0);
  int first = args.have_years ? args.year_from : 1995, last = args.have_years ? args.year_to : 2024;
  int directed = p.directed, dta = p.dta, no_default = p.no_default;
  tr_panel_measure measure = p.measure;
  GArray *cats = p.cats;
  const char *out_path = out_opt ? out_opt : "-";
  g_option_context_free(ctx);
  tool_args_clear(&args);
  if (rc == TOOL_CONTINUE && argc > 1)
    rc = tool_fail_usage("panel: unexpected argument '%s' (see 'traderules panel --help')", argv[1]);
  if (rc == TOOL_CONTINUE && !*out_path)
    rc = tool_fail_usage("panel: -o needs a FILE, not an empty name");
  if (rc != TOOL_CONTINUE) {
    g_array_unref(cats);
    g_free(out_opt);
    g_free(membership_path);
    g_free(economies);
    return rc;
  }
  rc = 0;
  tr_catalog *cat = NULL;
  tr_membership *m = NULL;
  tr_panel_options *po = NULL;
  char **econ = NULL, **lib_econ = NULL;
  if (opts->format != TOOL_FORMAT_TABLE && opts->format != TOOL_FORMAT_CSV) {
    rc = tool_fail_usage("panel writes CSV or, with --dta, a Stata file (not --format)");
    goto out;
  }
  if (dta && strcmp(out_path, "-") == 0 && opts->is_tty) {
    rc = tool_fail_usage("panel --dta writes a binary file: give -o FILE.dta");
    goto out;
  }
  if (tool_load_catalog(opts, &cat) != 0) {
    rc = 1;
    goto out;
  }
  if ((no_default ? tr_membership_new(&m) : tr_membership_new_default(&m)) != TR_OK ||
      (membership_path && tr_membership_load_file(m, membership_path) != TR_OK) ||
      tr_panel_options_new(&po) != TR_OK || tr_panel_options_set_years(po, first, last) != TR_OK ||
      tr_panel_options_set_measure(po, measure) != TR_OK ||
      tr_panel_options_set_directed(po, directed) != TR_OK ||
      tr_panel_options_set_categories(po, (const tr_category *)cats->data, cats->len) != TR_OK) {
    rc = tool_fail_lib("panel");
    goto out;
  }
  if (economies) {
    if (strcmp(economies, "all") != 0)
      econ = g_strsplit(economies, ",", -1);
    else if (tr_panel_economies(cat, m, first, last, &lib_econ) != TR_OK) {
      rc = tool_fail_lib("--economies all");
      goto out;
    } else {
      econ = g_strdupv(lib_econ);
    }
    for (char **e = econ; *e; e++)
      g_strstrip(*e);
    if (tr_panel_options_set_economies(po, (const char *const *)econ, g_strv_length(econ)) != TR_OK) {
      rc = tool_fail_lib("--economies");
      goto out;
    }
  }
  if (tr_panel_write_file(cat, m, po, dta ? "dta" : "csv", out_path) != TR_OK)
    rc = tool_fail_lib("panel");
out:
  g_strfreev(econ);
  tr_strv_free(lib_econ);
  tr_panel_options_free(po);
  tr_membership_free(m);
  tr_catalog_free(cat);
  g_array_unref(cats);
  g_free(out_opt);
  g_free(membership_path);
  g_free(economies);
  return rc;
}
