/*
 * traderules - the command-line front end. Uses only the public API.
 * SPDX-License-Identifier: MIT
 */
#include "tool.h"

#include <errno.h>
#include <locale.h>
#include <stdio_ext.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <unistd.h>

/* Subcommands. Keep in the order shown by --help. */
static const tool_command commands[] = {
  /* @@COMMANDS@@ (one line per subcommand; see tool.h) */
  { "list", "list agreements (filters: --party --family --kind --status --years)", tool_cmd_list },
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
  { "audit", "audit the catalog's evidence: basis of each cell, citations, spans (--corpus DIR)", tool_cmd_audit },
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
  /* after a subcommand started parsing, point to its own help */
  if (tool_current_command())
    fprintf(stderr, "\nTry 'traderules %s --help'.\n", tool_current_command());
  else
    fputs("\nTry 'traderules --help'.\n", stderr);
  return 2;
}

char *tool_read_input(const char *path, size_t *length) {
  char *data = NULL;
  int rc = strcmp(path, "-") == 0 ? tr_file_read_fd(STDIN_FILENO, "<stdin>", 0, &data, length)
                                  : tr_file_read(path, 0, &data, length);
  if (rc != TR_OK) {
    tool_fail_lib(NULL);
    return NULL;
  }
  return data;
}

int tool_write_output(const char *path, const void *data, size_t length) {
  if (strcmp(path, "-") == 0) {
    /* errors are caught by close_stdout() at exit; fail early if already failed */
    if (length && fwrite(data, 1, length, stdout) != length)
      return 1;
    return 0;
  }
  return tr_file_write(path, data, length) == TR_OK ? 0 : tool_fail_lib(NULL);
}

/* The close_stdout() pattern of coreutils: output that could not be written
 * (a full disk, a closed pipe or descriptor, a file-size limit) is an error,
 * found by flushing and closing standard output before exit. A closed
 * descriptor is only an error if something was written to it. */
static int close_stdout(int status) {
  gboolean pending = __fpending(stdout) > 0;
  gboolean had_error = ferror(stdout) != 0;
  int e = 0;
  if (fflush(stdout) != 0) {
    e = errno;
    had_error = TRUE;
  }
  if (fclose(stdout) != 0 && !e) {
    e = errno;
    if (e != EBADF || pending)
      had_error = TRUE;
  }
  if (had_error) {
    if (e)
      fprintf(stderr, "traderules: write error: %s\n", g_strerror(e));
    else
      fputs("traderules: write error\n", stderr);
    return status ? status : 1;
  }
  return status;
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
        "  --width N             fit tables in N columns (0 = no limit; default $COLUMNS,\n"
        "                        else the terminal's width, else 80)\n"
        "  -h, --help            show this help ('traderules COMMAND --help' for a command)\n"
        "  -V, --version         show the version\n"
        "\n"
        "Errors go to stderr; the exit status is 0 on success, 1 on failure, 2 on usage errors.\n",
        out);
}

/* The width tables fit by default: $COLUMNS when it is a number (as shells
 * export it), else the terminal's width when standard output is a terminal,
 * else 80, so that a table saved to a file or piped to a pager still reads
 * well in an ordinary terminal. --width overrides it (0 = no limit). */
static int default_width(void) {
  int w = 0;
  struct winsize ws;
  if (tool_parse_width(g_getenv("COLUMNS"), &w) && w > 0)
    return w;
  if (isatty(STDOUT_FILENO) && ioctl(STDOUT_FILENO, TIOCGWINSZ, &ws) == 0 && ws.ws_col > 0)
    return ws.ws_col;
  return 80;
}

static gboolean on_help(const char *name, const char *value, gpointer data, GError **error) {
  (void)name, (void)value, (void)error;
  ((tool_options *)data)->help = TRUE;
  return TRUE;
}

/* The common options before COMMAND: the same group every subcommand parses
 * (tool_common_group()), here in strict POSIX mode so that parsing stops at
 * COMMAND and the rest is left to the subcommand's own parser. */
static int parse_global(int *argc, char ***argv, tool_options *opts) {
  static const GOptionEntry entries[] = {
    { "help", 'h', G_OPTION_FLAG_NO_ARG, G_OPTION_ARG_CALLBACK, (gpointer)(GOptionArgFunc)on_help,
      "Show the help", NULL },
    { NULL, 0, 0, 0, NULL, NULL, NULL },
  };
  GOptionContext *ctx = g_option_context_new("COMMAND [ARGS...]");
  GOptionGroup *main_group = g_option_group_new(NULL, NULL, NULL, opts, NULL);
  GError *err = NULL;
  int rc;
  g_option_group_add_entries(main_group, entries);
  g_option_context_set_main_group(ctx, main_group);
  g_option_context_add_group(ctx, tool_common_group(opts, 0));
  g_option_context_set_help_enabled(ctx, FALSE);
  g_option_context_set_strict_posix(ctx, TRUE);
  if ((rc = tool_refuse_flag_values(*argc, *argv, NULL, NULL))) {
    /* printed */
  } else if (!g_option_context_parse(ctx, argc, argv, &err)) {
    rc = tool_fail_usage("%s", err->message);
    g_error_free(err);
  }
  g_option_context_free(ctx);
  return rc;
}

int main(int argc, char **argv) {
  tool_options opts = { .format = TOOL_FORMAT_TABLE };
  int rc;

  setlocale(LC_ALL, "");
  g_set_prgname("traderules");
  opts.is_tty = isatty(STDOUT_FILENO);
  opts.color = opts.is_tty && g_getenv("NO_COLOR") == NULL;
  opts.width = default_width();

  rc = parse_global(&argc, &argv, &opts);
  if (rc)
    goto out;
  /* "--" before COMMAND ends the common options */
  if (argc >= 2 && strcmp(argv[1], "--") == 0) {
    argv[1] = argv[0];
    argv++;
    argc--;
  }
  if (opts.version) {
    printf("traderules %s (libtraderules %s)\n", TR_VERSION_STRING, tr_version());
    goto out;
  }
  if (opts.help || argc < 2) {
    if (argc >= 2 && strcmp(argv[1], "help") != 0) { /* 'traderules --help COMMAND' */
      usage(stdout);
      goto out;
    }
    if (argc < 2 && !opts.help) {
      usage(stderr);
      rc = 2;
      goto out;
    }
    usage(stdout);
    goto out;
  }
  if (strcmp(argv[1], "help") == 0) {
    /* 'traderules help' is the usage; 'traderules help COMMAND' is 'COMMAND --help' */
    if (argc < 3) {
      usage(stdout);
      goto out;
    }
    argv[1] = argv[2];
    argv[2] = (char *)"--help";
    argv[3] = NULL;
    argc = 3;
  }
  rc = -1;
  for (const tool_command *c = commands; c->name; c++)
    if (strcmp(c->name, argv[1]) == 0) {
      rc = c->run(argc - 1, argv + 1, &opts);
      break;
    }
  if (rc == -1) {
    const char *names[G_N_ELEMENTS(commands)];
    for (size_t k = 0; k < G_N_ELEMENTS(commands); k++)
      names[k] = commands[k].name;
    const char *s = tool_suggest(argv[1], names);
    if (s)
      rc = tool_fail_usage("unknown command '%s'; did you mean '%s'?", argv[1], s);
    else
      rc = tool_fail_usage("unknown command '%s'", argv[1]);
  }
out:
  g_strfreev((char **)opts.catalog_paths);
  return close_stdout(rc);
}
