/*
 * traderules - the command-line front end. Uses only the public API.
 * SPDX-License-Identifier: MIT
 */
#include "tool.h"

#include <locale.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/* Subcommands. Keep in the order shown by --help. */
static const tool_command commands[] = {
  /* @@COMMANDS@@ (one line per subcommand; see tool.h) */
  { "list", "list agreements (filters: --party --family --kind --status --from --to)", tool_cmd_list },
  { "show", "show one agreement and its provisions: traderules show ID", tool_cmd_show },
  { "barriers", "list digital-trade barriers and the categories that discipline them", tool_cmd_barriers },
  { "indicators", "list reference statistics (filters: --economy --indicator --year)", tool_cmd_indicators },
  { "categories", "show the provision taxonomy (number, id, title)", tool_cmd_categories },
  { "code", "code treaty text: categories, strength, exceptions, evidence", tool_cmd_code },
  { "compare", "compare two templates or agreements provision by provision", tool_cmd_compare },
  { "classify", "classify agreements to their nearest template, with margins", tool_cmd_classify },
  { "matrix", "distance between every pair of agreements", tool_cmd_matrix },
  { "coverage", "which barriers a template or agreement disciplines, and how", tool_cmd_coverage },
  { "common-ground", "where templates converge (WTO candidates) and diverge (red lines)", tool_cmd_common_ground },
  { "timeline", "when each provision category first appears and how it spreads", tool_cmd_timeline },
  { "export", "write agreements as CSV (tidy long table, or --wide matrix)", tool_cmd_export },
  { "import", "read a long-format CSV and write the resulting catalog as JSON", tool_cmd_import },
  { "plot", "draw a chart (heatmap, compare, matrix, timeline) as SVG or PNG", tool_cmd_plot },
  { "corpus", "treaty texts (ToTA XML): info, similar, pairs, trace, templates", tool_cmd_corpus },
  { "panel", "country-pair-year panel of commitments in force (CSV or Stata)", tool_cmd_panel },
  { NULL, NULL, NULL }
};

int tool_fail_lib(const char *what) {
  const char *msg = tr_error_message();
  if (what)
    fprintf(stderr, "traderules: %s: %s (%s)\n", what, msg, tr_status_id(tr_error_code()));
  else
    fprintf(stderr, "traderules: %s (%s)\n", msg, tr_status_id(tr_error_code()));
  return 1;
}

int tool_fail_usage(const char *fmt, ...) {
  va_list ap;
  fputs("traderules: ", stderr);
  va_start(ap, fmt);
  vfprintf(stderr, fmt, ap);
  va_end(ap);
  fputs("\nTry 'traderules --help'.\n", stderr);
  return 2;
}

gboolean tool_parse_format(const char *s, tool_format *out) {
  static const struct { const char *name; tool_format f; } map[] = {
    { "table", TOOL_FORMAT_TABLE }, { "csv", TOOL_FORMAT_CSV },
    { "json", TOOL_FORMAT_JSON }, { "markdown", TOOL_FORMAT_MARKDOWN },
    { "md", TOOL_FORMAT_MARKDOWN },
  };
  for (size_t i = 0; i < G_N_ELEMENTS(map); i++)
    if (s && strcmp(s, map[i].name) == 0) {
      *out = map[i].f;
      return TRUE;
    }
  return FALSE;
}

static void usage(FILE *out) {
  fputs("Usage: traderules [OPTIONS] COMMAND [ARGS...]\n"
        "\n"
        "Digital trade rules as comparable data: agreements, provisions, barriers,\n"
        "template comparison and treaty-text analysis.\n"
        "\n"
        "Commands:\n", out);
  for (const tool_command *c = commands; c->name; c++)
    fprintf(out, "  %-14s %s\n", c->name, c->summary);
  fputs("\n"
        "Options (before or after COMMAND):\n"
        "  --catalog FILE        add the agreements of a JSON catalog file\n"
        "  --no-default          start from an empty catalog instead of the embedded one\n"
        "  --format FORMAT       table (default), csv, json or markdown\n"
        "  -h, --help            show this help ('traderules COMMAND --help' for a command)\n"
        "  -V, --version         show the version\n"
        "\n"
        "Errors go to stderr; the exit status is 0 on success, 1 on failure, 2 on usage errors.\n",
        out);
}

/* Pull global options out of argv (anywhere), leaving the rest in order. */
static int parse_global(int *argc, char **argv, tool_options *opts, gboolean *want_help,
                        gboolean *want_version) {
  int w = 1;
  for (int i = 1; i < *argc; i++) {
    const char *a = argv[i];
    const char *val = NULL;
    if (strcmp(a, "--") == 0) {
      for (; i < *argc; i++)
        argv[w++] = argv[i];
      break;
    }
    if (strcmp(a, "--catalog") == 0 || strncmp(a, "--catalog=", 10) == 0) {
      if (a[9] == '=') val = a + 10;
      else if (i + 1 < *argc) val = argv[++i];
      else return tool_fail_usage("--catalog needs a FILE");
      opts->catalog_path = val;
    } else if (strcmp(a, "--format") == 0 || strncmp(a, "--format=", 9) == 0) {
      if (a[8] == '=') val = a + 9;
      else if (i + 1 < *argc) val = argv[++i];
      else return tool_fail_usage("--format needs a value");
      if (!tool_parse_format(val, &opts->format))
        return tool_fail_usage("unknown format '%s' (use table, csv, json or markdown)", val);
    } else if (strcmp(a, "--no-default") == 0) {
      opts->no_default = TRUE;
    } else if (strcmp(a, "-V") == 0 || strcmp(a, "--version") == 0) {
      *want_version = TRUE;
    } else if (strcmp(a, "-h") == 0 || strcmp(a, "--help") == 0) {
      *want_help = TRUE;
      argv[w++] = argv[i]; /* subcommands see --help too */
    } else {
      argv[w++] = argv[i];
    }
  }
  *argc = w;
  argv[w] = NULL;
  return 0;
}

int main(int argc, char **argv) {
  tool_options opts = { .format = TOOL_FORMAT_TABLE };
  gboolean want_help = FALSE, want_version = FALSE;
  int rc;

  setlocale(LC_ALL, "");
  opts.is_tty = isatty(STDOUT_FILENO);
  opts.color = opts.is_tty && g_getenv("NO_COLOR") == NULL;

  rc = parse_global(&argc, argv, &opts, &want_help, &want_version);
  if (rc)
    return rc;
  if (want_version) {
    printf("traderules %s (libtraderules %s)\n", TR_VERSION_STRING, tr_version());
    return 0;
  }
  if (argc < 2 || strcmp(argv[1], "-h") == 0 || strcmp(argv[1], "--help") == 0 ||
      strcmp(argv[1], "help") == 0) {
    if (argc < 2 && !want_help) {
      usage(stderr);
      return 2;
    }
    usage(stdout);
    return 0;
  }
  for (const tool_command *c = commands; c->name; c++)
    if (strcmp(c->name, argv[1]) == 0)
      return c->run(argc - 1, argv + 1, &opts);
  return tool_fail_usage("unknown command '%s'", argv[1]);
}
