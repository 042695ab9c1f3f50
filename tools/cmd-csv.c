/*
 * traderules export / import - CSV for R, Stata and spreadsheets.
 * SPDX-License-Identifier: MIT
 */
#include "tool.h"

#include <stdlib.h>
#include <string.h>

/* --wide and --long: the last one given wins. */
static gboolean on_layout(const char *name, const char *value, gpointer data, GError **error) {
  (void)value, (void)error;
  *(gboolean *)((tool_args *)data)->data = strcmp(name, "--wide") == 0;
  return TRUE;
}

int tool_cmd_export(int argc, char **argv, tool_options *opts) {
  gboolean wide = FALSE, dta = FALSE;
  char *out_path = NULL;
  tr_filter *filter = NULL;
  GOptionEntry entries[] = {
    { "wide", 0, G_OPTION_FLAG_NO_ARG, G_OPTION_ARG_CALLBACK, (gpointer)(GOptionArgFunc)on_layout, "One row per agreement, one column per category; cells are "
      "strength codes none=0 soft=1 mixed=2 hard=3, empty = unknown or not coded", NULL },
    { "long", 0, G_OPTION_FLAG_NO_ARG | G_OPTION_FLAG_HIDDEN, G_OPTION_ARG_CALLBACK,
      (gpointer)(GOptionArgFunc)on_layout, "The tidy long table (the default)", NULL },
    { "dta", 0, 0, G_OPTION_ARG_NONE, &dta, "Write a Stata .dta file (same columns; strength codes with value "
      "labels, categories with variable labels) instead of CSV", NULL },
    { "output", 'o', 0, G_OPTION_ARG_FILENAME, &out_path, "Write to FILE instead of standard output", "FILE" },
    tool_entry_party, tool_entry_family, tool_entry_years,
    { NULL, 0, 0, 0, NULL, NULL, NULL },
  };
  tool_args args;
  tool_args_init(&args, "export", opts);
  args.data = &wide;
  GOptionContext *ctx = tool_context_new(&args, "",
      "Write the agreements as CSV (RFC 4180, UTF-8, CRLF) for R, Stata or a spreadsheet.\n"
      "By default a tidy long table: one row per agreement and coded category, with the\n"
      "agreement's metadata on every row; 'traderules import' reads it back without loss.",
      "Columns: docs/csv-format.md. In R: read.csv(\"FILE\", encoding = \"UTF-8\").", entries);
  int rc = tool_parse(ctx, &args, &argc, &argv, 0);
  g_option_context_free(ctx);
  if (rc == TOOL_CONTINUE && argc > 1)
    rc = tool_fail_usage("export: unexpected argument '%s'", argv[1]);
  if (rc == TOOL_CONTINUE && out_path && !*out_path)
    rc = tool_fail_usage("export: -o needs a FILE, not an empty name");
  if (rc == TOOL_CONTINUE && tool_args_filter(&args, TRUE, &filter))
    rc = 1;
  tool_args_clear(&args);
  if (rc != TOOL_CONTINUE)
    goto out;
  rc = 0;
  if (opts->format != TOOL_FORMAT_TABLE && opts->format != TOOL_FORMAT_CSV) {
    rc = tool_fail_usage("export writes CSV; use --wide for the matrix (not --format)");
    goto out;
  }
  {
    tr_catalog *cat = NULL;
    if (tool_load_catalog(opts, &cat) != 0) {
      rc = 1;
      goto out;
    }
    tr_agreement_list *list = NULL;
    if (tr_catalog_select(cat, filter, &list) != TR_OK) {
      rc = tool_fail_lib("export");
      tr_catalog_free(cat);
      goto out;
    }
    tr_csv_format fmt = wide ? TR_CSV_WIDE : TR_CSV_LONG;
    if (dta) {
      if (!out_path && opts->is_tty)
        rc = tool_fail_usage("export --dta writes a binary file: give -o FILE.dta");
      else if (tr_stata_write_file(cat, list, fmt, out_path ? out_path : "-") != TR_OK)
        rc = tool_fail_lib("export");
    } else if (out_path && strcmp(out_path, "-") != 0) {
      if (tr_csv_write_file(cat, list, fmt, out_path) != TR_OK)
        rc = tool_fail_lib("export");
    } else {
      char *text = NULL;
      if (tr_csv_write(cat, list, fmt, &text) != TR_OK) {
        rc = tool_fail_lib("export");
      } else {
        fputs(text, stdout);
        tr_free(text); /* write errors: close_stdout() in main */
      }
    }
    tr_agreement_list_free(list);
    tr_catalog_free(cat);
  }
out:
  tr_filter_free(filter);
  g_free(out_path);
  return rc;
}

int tool_cmd_import(int argc, char **argv, tool_options *opts) {
  char *out_opt = NULL;
  GOptionEntry entries[] = {
    { "output", 'o', 0, G_OPTION_ARG_FILENAME, &out_opt, "Write the JSON to FILE instead of standard output",
      "OUT.json" },
    { NULL, 0, 0, 0, NULL, NULL, NULL },
  };
  tool_args args;
  tool_args_init(&args, "import", opts);
  GOptionContext *ctx = tool_context_new(&args, "FILE.csv",
      "Read a long-format CSV (as written by 'traderules export'), check every cell, and\n"
      "write the catalog it gives as JSON (the agreements of FILE added to the catalog\n"
      "chosen with --catalog / --no-default; use --no-default to get only FILE's content).\n"
      "The JSON can be used with '--catalog OUT.json'. Nothing is written when FILE has an\n"
      "error; the message names its line, column and field. FILE '-' is standard input.", NULL, entries);
  int prc = tool_parse(ctx, &args, &argc, &argv, 0);
  g_option_context_free(ctx);
  tool_args_clear(&args);
  if (prc == TOOL_CONTINUE && argc > 2)
    prc = tool_fail_usage("import: unexpected argument '%s'", argv[2]);
  if (prc == TOOL_CONTINUE && argc < 2)
    prc = tool_fail_usage("import needs a CSV FILE");
  if (prc == TOOL_CONTINUE && out_opt && !*out_opt)
    prc = tool_fail_usage("import: -o needs a FILE, not an empty name");
  if (prc != TOOL_CONTINUE) {
    g_free(out_opt);
    return prc;
  }
  const char *in_path = argv[1], *out_path = out_opt;
  tr_catalog *cat = NULL;
  if (tool_load_catalog(opts, &cat) != 0) {
    g_free(out_opt);
    return 1;
  }
  size_t before = tr_catalog_agreement_count(cat);
  int st;
  if (strcmp(in_path, "-") == 0) {
    /* bounded: the library's reader stops at its size limit */
    size_t len = 0;
    char *data = tool_read_input(in_path, &len);
    if (!data) {
      tr_catalog_free(cat);
      g_free(out_opt);
      return 1;
    }
    st = tr_csv_read(cat, data, len, "<stdin>");
    tr_free(data);
  } else {
    st = tr_csv_read_file(cat, in_path);
  }
  if (st != TR_OK) {
    tr_catalog_free(cat);
    g_free(out_opt);
    return tool_fail_lib(NULL);
  }
  int rc = 0;
  if (out_path && strcmp(out_path, "-") != 0) {
    if (tr_catalog_save_file(cat, out_path) != TR_OK)
      rc = tool_fail_lib("import");
  } else {
    char *json = NULL;
    if (tr_catalog_to_json(cat, &json) != TR_OK) {
      rc = tool_fail_lib("import");
    } else {
      fputs(json, stdout);
      fputc('\n', stdout);
      tr_free(json);
    }
  }
  if (rc == 0)
    fprintf(stderr, "traderules: imported %zu agreements from %s\n",
            tr_catalog_agreement_count(cat) - before, in_path);
  tr_catalog_free(cat);
  g_free(out_opt);
  return rc;
}
