/*
 * traderules export / import - CSV for R, Stata and spreadsheets.
 * SPDX-License-Identifier: MIT
 */
#include "tool.h"

#include <stdlib.h>
#include <string.h>

static const char export_help[] =
  "Usage: traderules export [--wide] [--dta] [-o FILE] [--party P] [--family F] [--years FROM-TO]\n"
  "\n"
  "Write the agreements as CSV (RFC 4180, UTF-8, CRLF) for R, Stata or a spreadsheet.\n"
  "  (default)      tidy long table: one row per agreement and coded category, with\n"
  "                 the agreement's metadata on every row; 'traderules import' reads it\n"
  "                 back without loss\n"
  "  --wide         one row per agreement, one column per category; cells are strength\n"
  "                 codes none=0 soft=1 mixed=2 hard=3, empty = unknown or not coded\n"
  "  --dta          write a Stata .dta file (same columns; strength codes with value\n"
  "                 labels, categories with variable labels) instead of CSV\n"
  "  -o FILE        write to FILE instead of standard output\n"
  "  --party P      only agreements with party P (ISO alpha-3 or EU)\n"
  "  --family F     only agreements of family F (american, european, multilateral, other)\n"
  "  --years A-B    only agreements signed in years A..B (either side may be empty)\n"
  "Columns: docs/csv-format.md. In R: read.csv(\"FILE\", encoding = \"UTF-8\").\n";

static const char import_help[] =
  "Usage: traderules import FILE.csv [-o OUT.json]\n"
  "\n"
  "Read a long-format CSV (as written by 'traderules export'), check every cell, and\n"
  "write the catalog it gives as JSON (the agreements of FILE added to the catalog\n"
  "chosen with --catalog / --no-default; use --no-default to get only FILE's content).\n"
  "The JSON can be used with '--catalog OUT.json'. Nothing is written when FILE has an\n"
  "error; the message names its line, column and field.\n";

/* "A:B" or "A-B", "A:", ":B" or "A" -> years (0 = open side). Returns 0 if malformed. */
int tool_parse_years(const char *s, int *from, int *to) {
  const char *colon = strchr(s, ':');
  if (!colon)
    colon = strchr(s, '-');
  char *end = NULL;
  *from = *to = 0;
  if (!colon) {
    *from = *to = (int)strtol(s, &end, 10);
    return end != s && *end == '\0' && *from > 0;
  }
  if (colon != s) {
    *from = (int)strtol(s, &end, 10);
    if (end != colon)
      return 0;
  }
  if (colon[1]) {
    *to = (int)strtol(colon + 1, &end, 10);
    if (*end)
      return 0;
  }
  return 1;
}

int tool_cmd_export(int argc, char **argv, const tool_options *opts) {
  gboolean wide = FALSE, dta = FALSE;
  const char *out_path = NULL;
  tr_filter *filter = NULL;
  int rc = 0;
  if (tr_filter_new(&filter) != TR_OK)
    return tool_fail_lib("export");
  for (int i = 1; i < argc; i++) {
    const char *a = argv[i];
    if (strcmp(a, "-h") == 0 || strcmp(a, "--help") == 0) {
      fputs(export_help, stdout);
      tr_filter_free(filter);
      return 0;
    } else if (strcmp(a, "--wide") == 0) {
      wide = TRUE;
    } else if (strcmp(a, "--long") == 0) {
      wide = FALSE;
    } else if (strcmp(a, "--dta") == 0) {
      dta = TRUE;
    } else if ((strcmp(a, "-o") == 0 || strcmp(a, "--output") == 0) && i + 1 < argc) {
      out_path = argv[++i];
    } else if (strncmp(a, "--years", 7) == 0 && (a[7] == '=' || a[7] == '\0')) {
      const char *v = NULL;
      tool_option(argc, argv, &i, "--years", &v);
      if ((rc = tool_filter_years(filter, v)))
        goto out;
    } else if (strcmp(a, "--party") == 0 && i + 1 < argc) {
      if (tr_filter_set_party(filter, argv[++i]) != TR_OK) {
        rc = tool_fail_lib("--party");
        goto out;
      }
    } else if (strcmp(a, "--family") == 0 && i + 1 < argc) {
      tr_family fam;
      if (tr_family_from_id(argv[++i], &fam) != TR_OK) {
        rc = tool_fail_usage("unknown family '%s'", argv[i]);
        goto out;
      }
      tr_filter_set_family(filter, fam);
    } else {
      rc = tool_fail_usage("export: unexpected argument '%s'", a);
      goto out;
    }
  }
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
  return rc;
}

int tool_cmd_import(int argc, char **argv, const tool_options *opts) {
  const char *in_path = NULL, *out_path = NULL;
  for (int i = 1; i < argc; i++) {
    const char *a = argv[i];
    if (strcmp(a, "-h") == 0 || strcmp(a, "--help") == 0) {
      fputs(import_help, stdout);
      return 0;
    } else if ((strcmp(a, "-o") == 0 || strcmp(a, "--output") == 0) && i + 1 < argc) {
      out_path = argv[++i];
    } else if (!in_path && a[0] != '-') {
      in_path = a;
    } else if (!in_path && strcmp(a, "-") == 0) {
      in_path = a;
    } else {
      return tool_fail_usage("import: unexpected argument '%s'", a);
    }
  }
  if (!in_path)
    return tool_fail_usage("import needs a CSV FILE");
  tr_catalog *cat = NULL;
  if (tool_load_catalog(opts, &cat) != 0)
    return 1;
  size_t before = tr_catalog_agreement_count(cat);
  int st;
  if (strcmp(in_path, "-") == 0) {
    /* bounded: the library's reader stops at its size limit */
    size_t len = 0;
    char *data = tool_read_input(in_path, &len);
    if (!data) {
      tr_catalog_free(cat);
      return 1;
    }
    st = tr_csv_read(cat, data, len, "<stdin>");
    tr_free(data);
  } else {
    st = tr_csv_read_file(cat, in_path);
  }
  if (st != TR_OK) {
    tr_catalog_free(cat);
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
  return rc;
}
