/*
 * traderules command - one argument parser for every subcommand: a GOption
 * context per subcommand, the common options as one shared group, and the
 * option callbacks that check a value where it is parsed (one message per
 * mistake, status 2, before any work). Uses only the public API + GLib.
 * SPDX-License-Identifier: MIT
 */
#include "tool.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static gboolean bad_value(GError **error, const char *fmt, ...) G_GNUC_PRINTF(2, 3);
static gboolean bad_value(GError **error, const char *fmt, ...) {
  va_list ap;
  va_start(ap, fmt);
  char *msg = g_strdup_vprintf(fmt, ap);
  va_end(ap);
  g_set_error_literal(error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE, msg);
  g_free(msg);
  return FALSE;
}

gboolean tool_parse_threads(const char *s, unsigned *out) {
  char *end = NULL;
  long v;
  if (!s || !g_ascii_isdigit(s[0]))
    return FALSE;
  errno = 0;
  v = strtol(s, &end, 10);
  if (errno || *end || v < 0 || v > TOOL_MAX_THREADS)
    return FALSE;
  *out = (unsigned)v;
  return TRUE;
}

gboolean tool_parse_width(const char *s, int *out) {
  char *end = NULL;
  long v;
  if (!s || !g_ascii_isdigit(s[0]))
    return FALSE;
  errno = 0;
  v = strtol(s, &end, 10);
  if (errno || *end || v < 0 || v > 100000)
    return FALSE;
  *out = (int)v;
  return TRUE;
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

/* ---- the common options (before or after COMMAND) ---- */

static gboolean on_catalog(const char *name, const char *value, gpointer data, GError **error) {
  tool_options *o = data;
  int n = 0;
  if (!value || !*value)
    return bad_value(error, "%s needs a FILE, not an empty name", name);
  /* every --catalog adds its agreements: keep them all, in order */
  while (o->catalog_paths && o->catalog_paths[n])
    n++;
  o->catalog_paths = g_renew(const char *, o->catalog_paths, n + 2);
  o->catalog_paths[n] = g_strdup(value); /* GOption frees @value after the call */
  o->catalog_paths[n + 1] = NULL;
  o->catalog_path = o->catalog_paths[n];
  return TRUE;
}

static gboolean on_no_default(const char *name, const char *value, gpointer data, GError **error) {
  (void)name, (void)value, (void)error;
  ((tool_options *)data)->no_default = TRUE;
  return TRUE;
}

static gboolean on_format(const char *name, const char *value, gpointer data, GError **error) {
  if (!tool_parse_format(value, &((tool_options *)data)->format))
    return bad_value(error, "unknown %s '%s' (use table, csv, json or markdown)", name, value);
  return TRUE;
}

static gboolean on_width(const char *name, const char *value, gpointer data, GError **error) {
  if (!tool_parse_width(value, &((tool_options *)data)->width))
    return bad_value(error, "%s takes a number of columns from 0 (no limit) to 100000, not '%s'", name,
                     value);
  return TRUE;
}

static gboolean on_version(const char *name, const char *value, gpointer data, GError **error) {
  (void)name, (void)value, (void)error;
  ((tool_options *)data)->version = TRUE;
  return TRUE;
}

static gboolean on_help(const char *name, const char *value, gpointer data, GError **error) {
  (void)name, (void)value, (void)error;
  ((tool_args *)data)->opts->help = TRUE;
  return TRUE;
}

/* Add @entries to @group with every value taken as the bytes given, as before
 * GOption: strings are not converted from the locale's character set (which
 * fails on any non-ASCII byte in the C locale); the library checks UTF-8 where
 * it matters and names the field. */
static void add_entries(GOptionGroup *group, const GOptionEntry *entries, unsigned flags) {
  size_t n = 0, k = 0;
  while (entries[n].long_name)
    n++;
  GOptionEntry *copy = g_new0(GOptionEntry, n + 1);
  for (size_t i = 0; i < n; i++) {
    GOptionEntry e = entries[i];
    if ((flags & TOOL_PARSE_NO_WIDTH) && strcmp(e.long_name, "width") == 0)
      continue; /* 'plot --width' is the page width */
    if (e.arg == G_OPTION_ARG_STRING)
      e.arg = G_OPTION_ARG_FILENAME;
    else if (e.arg == G_OPTION_ARG_STRING_ARRAY)
      e.arg = G_OPTION_ARG_FILENAME_ARRAY;
    else if (e.arg == G_OPTION_ARG_CALLBACK && !(e.flags & G_OPTION_FLAG_NO_ARG))
      e.flags |= G_OPTION_FLAG_FILENAME;
    copy[k++] = e;
  }
  g_option_group_add_entries(group, copy); /* copies the entries */
  g_free(copy);
}

#define CB(f) G_OPTION_ARG_CALLBACK, (gpointer)(GOptionArgFunc)(f)
static const GOptionEntry common_entries[] = {
  { "catalog", 0, 0, CB(on_catalog), "Add the agreements of a catalog file (JSON, or CSV as written by "
    "'export'; '-' = standard input); may be repeated", "FILE" },
  { "no-default", 0, G_OPTION_FLAG_NO_ARG, CB(on_no_default),
    "Start from an empty catalog instead of the embedded one", NULL },
  { "format", 0, 0, CB(on_format), "table (default), csv, json or markdown", "FORMAT" },
  { "width", 0, 0, CB(on_width), "Fit tables in N columns (0 = no limit)", "N" },
  { "version", 'V', G_OPTION_FLAG_NO_ARG | G_OPTION_FLAG_HIDDEN, CB(on_version), "Show the version", NULL },
  { NULL, 0, 0, 0, NULL, NULL, NULL },
};

GOptionGroup *tool_common_group(tool_options *opts, unsigned flags) {
  GOptionGroup *g = g_option_group_new("common", "Common options:", "Show the common options", opts, NULL);
  add_entries(g, common_entries, flags);
  return g;
}

static const GOptionEntry help_entries[] = {
  { "help", 'h', G_OPTION_FLAG_NO_ARG, CB(on_help), "Show this help", NULL },
  { NULL, 0, 0, 0, NULL, NULL, NULL },
};

/* ---- the selection: --party, --family, --years (and list's --kind, --status) ---- */

static gboolean on_party(const char *name, const char *value, gpointer data, GError **error) {
  tool_args *a = data;
  tr_filter *probe = NULL;
  if (!value || !*value)
    return bad_value(error, "%s needs a party code (ISO alpha-3 or EU)", name);
  if (tr_filter_new(&probe) != TR_OK)
    return bad_value(error, "%s: %s", name, tr_error_message());
  if (tr_filter_set_party(probe, value) != TR_OK) { /* the library's party check */
    char *msg = g_strdup(tr_error_message());
    tr_filter_free(probe);
    bad_value(error, "%s: %s", name, msg);
    g_free(msg);
    return FALSE;
  }
  tr_filter_free(probe);
  g_free(a->party);
  a->party = g_strdup(value);
  return TRUE;
}

static gboolean on_family(const char *name, const char *value, gpointer data, GError **error) {
  tool_args *a = data;
  if (tr_family_from_id(value, &a->family) != TR_OK)
    return bad_value(error, "unknown %s '%s' (american, european, multilateral, other, unknown)", name, value);
  a->have_family = TRUE;
  return TRUE;
}

static gboolean on_kind(const char *name, const char *value, gpointer data, GError **error) {
  tool_args *a = data;
  if (tr_kind_from_id(value, &a->kind) != TR_OK)
    return bad_value(error, "%s: %s", name, tr_error_message());
  a->have_kind = TRUE;
  return TRUE;
}

static gboolean on_status(const char *name, const char *value, gpointer data, GError **error) {
  tool_args *a = data;
  if (tr_agreement_status_from_id(value, &a->status) != TR_OK)
    return bad_value(error, "%s: %s", name, tr_error_message());
  a->have_status = TRUE;
  return TRUE;
}

/* --years: the library's one year-range parser (tr_year_range_parse()). */
static gboolean on_years(const char *name, const char *value, gpointer data, GError **error) {
  tool_args *a = data;
  int from = 0, to = 0;
  if (tr_year_range_parse(value, &from, &to) != TR_OK)
    return bad_value(error, "%s %s", name, tr_error_message());
  if (a->years_closed && (!from || !to))
    return bad_value(error, "%s '%s': give both ends, FIRST-LAST (or one YEAR)", name, value);
  a->year_from = from;
  a->year_to = to;
  a->have_years = TRUE;
  return TRUE;
}

gboolean tool_parse_year(const char *s, int *out) {
  int from = 0, to = 0;
  if (!s || strpbrk(s, "-:") || tr_year_range_parse(s, &from, &to) != TR_OK)
    return FALSE;
  *out = from;
  return TRUE;
}

/* list --from YEAR / --to YEAR: one side of --years (kept for scripts). */
static gboolean on_year_side(const char *name, const char *value, gpointer data, GError **error) {
  tool_args *a = data;
  int y = 0;
  if (!tool_parse_year(value, &y))
    return bad_value(error, "%s needs a year between 1 and 9999, not '%s'", name, value ? value : "");
  if (strcmp(name, "--from") == 0)
    a->year_from = y;
  else
    a->year_to = y;
  a->have_years = TRUE;
  return TRUE;
}

static gboolean on_threads(const char *name, const char *value, gpointer data, GError **error) {
  tool_args *a = data;
  if (!tool_parse_threads(value, &a->threads))
    return bad_value(error, "%s needs a number from 0 to %d (0 = one per processor), got '%s'", name,
                     TOOL_MAX_THREADS, value ? value : "");
  a->have_threads = TRUE;
  return TRUE;
}

const GOptionEntry tool_entry_party = {
  "party", 0, 0, CB(on_party), "Only agreements with this party (ISO alpha-3 or EU)", "CODE" };
const GOptionEntry tool_entry_family = {
  "family", 0, 0, CB(on_family), "Only agreements of this family: american, european, multilateral, "
  "other or unknown", "FAMILY" };
const GOptionEntry tool_entry_years = {
  "years", 0, 0, CB(on_years), "Only agreements signed in these years: FROM-TO, FROM-, -TO or YEAR",
  "FROM-TO" };
const GOptionEntry tool_entry_kind = {
  "kind", 0, 0, CB(on_kind), "bilateral, regional, plurilateral, wto_agreement, wto_decision, "
  "negotiating_text", "KIND" };
const GOptionEntry tool_entry_status = {
  "status", 0, 0, CB(on_status), "in_force, signed, concluded, under_negotiation, suspended, "
  "superseded, abandoned, expired", "STATUS" };
const GOptionEntry tool_entry_from = {
  "from", 0, G_OPTION_FLAG_HIDDEN, CB(on_year_side), "Signed in or after YEAR (= --years YEAR-)", "YEAR" };
const GOptionEntry tool_entry_to = {
  "to", 0, G_OPTION_FLAG_HIDDEN, CB(on_year_side), "Signed in or before YEAR (= --years -YEAR)", "YEAR" };
const GOptionEntry tool_entry_threads = {
  "threads", 't', 0, CB(on_threads), "Worker threads (0 = one per processor, the default)", "N" };
#undef CB

/* ---- contexts ---- */

static const char *current_command;

const char *tool_current_command(void) {
  return current_command;
}

void tool_args_init(tool_args *a, const char *command, tool_options *opts) {
  memset(a, 0, sizeof *a);
  current_command = command;
  a->command = command;
  a->opts = opts;
}

void tool_args_clear(tool_args *a) {
  g_free(a->party);
  a->party = NULL;
}

GOptionContext *tool_context_new(tool_args *a, const char *params, const char *summary,
                                 const char *description, const GOptionEntry *entries) {
  GOptionContext *ctx = g_option_context_new(params);
  a->entries = entries;
  GOptionGroup *main_group = g_option_group_new(NULL, NULL, NULL, a, NULL);
  char *desc;
  if (entries)
    add_entries(main_group, entries, 0);
  add_entries(main_group, help_entries, 0);
  g_option_context_set_main_group(ctx, main_group);
  g_option_context_set_help_enabled(ctx, FALSE); /* printed by tool_parse(), not exit() */
  if (summary)
    g_option_context_set_summary(ctx, summary);
  char *extra = g_strchomp(g_strdup(description ? description : ""));
  desc = g_strdup_printf("%s%sCommon options (before or after %s): --catalog FILE (repeatable), --no-default,\n"
                         "--format table|csv|json|markdown%s; 'traderules --help' explains them.",
                         extra, *extra ? "\n\n" : "", a->command,
                         strcmp(a->command, "plot") == 0 ? "" : ", --width N");
  g_option_context_set_description(ctx, desc);
  g_free(desc);
  g_free(extra);
  return ctx;
}

/* The help of @ctx with the usage line naming the subcommand. */
static char *context_help(GOptionContext *ctx, const char *command) {
  char *help = g_option_context_get_help(ctx, TRUE, NULL);
  const char *prg = g_get_prgname() ? g_get_prgname() : "traderules";
  char *needle = g_strdup_printf("  %s ", prg);
  char *at = strstr(help, needle);
  char *r;
  if (at) {
    r = g_strdup_printf("%.*s  traderules %s %s", (int)(at - help), help, command, at + strlen(needle));
    g_free(help);
  } else {
    r = help;
  }
  g_free(needle);
  return r;
}

/* Is "--NAME" an option without a value (a flag) of @entries? */
static gboolean is_flag(const GOptionEntry *entries, const char *name, size_t n) {
  for (const GOptionEntry *e = entries; e && e->long_name; e++)
    if (strlen(e->long_name) == n && strncmp(e->long_name, name, n) == 0)
      return e->arg == G_OPTION_ARG_NONE || (e->flags & G_OPTION_FLAG_NO_ARG);
  return FALSE;
}

int tool_refuse_flag_values(int argc, char **argv, const GOptionEntry *entries, const char *command) {
  /* GOption takes "--flag=anything" as "--flag" (even "--diff=no"): refuse it */
  for (int i = 1; i < argc && strcmp(argv[i], "--") != 0; i++) {
    const char *arg = argv[i], *eq = strchr(arg, '=');
    if (strncmp(arg, "--", 2) != 0 || !eq)
      continue;
    size_t n = (size_t)(eq - arg - 2);
    if (is_flag(entries, arg + 2, n) || is_flag(help_entries, arg + 2, n) ||
        is_flag(common_entries, arg + 2, n)) {
      fprintf(stderr, "traderules: %s%s--%.*s takes no value (got '%s')\nTry 'traderules %s%s--help'.\n",
              command ? command : "", command ? ": " : "", (int)n, arg + 2, arg, command ? command : "",
              command ? " " : "");
      return 2;
    }
  }
  return 0;
}

int tool_parse(GOptionContext *ctx, tool_args *a, int *argc, char ***argv, unsigned flags) {
  GError *err = NULL;
  if (tool_refuse_flag_values(*argc, *argv, a->entries, a->command))
    return 2;
  g_option_context_add_group(ctx, tool_common_group(a->opts, flags));
  if (!g_option_context_parse(ctx, argc, argv, &err)) {
    fprintf(stderr, "traderules: %s: %s\nTry 'traderules %s --help'.\n", a->command, err->message, a->command);
    g_error_free(err);
    return 2;
  }
  if (a->opts->version) {
    printf("traderules %s (libtraderules %s)\n", TR_VERSION_STRING, tr_version());
    return 0;
  }
  if (a->opts->help) {
    char *text = context_help(ctx, a->command);
    fputs(text, stdout);
    g_free(text);
    return 0;
  }
  /* GOption leaves "--" (the end of the options) in place: drop it */
  for (int i = 1; i < *argc; i++)
    if (strcmp((*argv)[i], "--") == 0) {
      memmove(&(*argv)[i], &(*argv)[i + 1], sizeof(char *) * (size_t)(*argc - i));
      (*argc)--;
      break;
    }
  if (a->have_years && a->year_from && a->year_to && a->year_from > a->year_to)
    return tool_fail_usage("%s: years %d-%d: FROM is after TO (--from, --to)", a->command, a->year_from,
                           a->year_to);
  return TOOL_CONTINUE;
}

gboolean tool_args_has_filter(const tool_args *a) {
  return a->party || a->have_family || a->have_kind || a->have_status || a->have_years;
}

int tool_args_filter(const tool_args *a, gboolean always, tr_filter **out) {
  tr_filter *f = NULL;
  *out = NULL;
  if (!always && !tool_args_has_filter(a))
    return 0;
  if (tr_filter_new(&f) != TR_OK ||
      (a->party && tr_filter_set_party(f, a->party) != TR_OK) ||
      (a->have_family && tr_filter_set_family(f, a->family) != TR_OK) ||
      (a->have_kind && tr_filter_set_kind(f, a->kind) != TR_OK) ||
      (a->have_status && tr_filter_set_status(f, a->status) != TR_OK) ||
      (a->have_years && tr_filter_set_years(f, a->year_from, a->year_to) != TR_OK)) {
    tr_filter_free(f);
    return tool_fail_lib(a->command);
  }
  *out = f;
  return 0;
}

/* ---- the analysis options: threads, selection, progress ---- */

void tool_progress_report(size_t done, size_t total, void *user_data) {
  tool_progress *p = user_data;
  gint64 now = g_get_monotonic_time();
  if (!p->start)
    p->start = now;
  if (now - p->start < 300000 && done < total)
    return; /* quiet during the first 0.3 s */
  if (now - p->last < 100000 && done < total)
    return;
  p->last = now;
  p->shown = TRUE;
  fprintf(stderr, "\r\033[K%s %zu/%zu", p->stage ? p->stage : "", done, total);
  fflush(stderr);
}

void tool_progress_end(tool_progress *p) {
  if (p && p->shown)
    fputs("\r\033[K", stderr);
  if (p)
    p->shown = FALSE;
}

int tool_analysis_options(const tool_args *a, const tr_filter *filter, tool_progress *progress,
                          tr_analysis_options **out) {
  tr_analysis_options *o = NULL;
  *out = NULL;
  if (tr_analysis_options_new(&o) != TR_OK ||
      (a->have_threads && tr_analysis_options_set_threads(o, a->threads) != TR_OK) ||
      tr_analysis_options_set_filter(o, filter) != TR_OK ||
      (progress && isatty(STDERR_FILENO) &&
       tr_analysis_options_set_progress(o, tool_progress_report, progress) != TR_OK)) {
    tr_analysis_options_free(o);
    return tool_fail_lib(a->command);
  }
  if (progress)
    progress->start = g_get_monotonic_time();
  *out = o;
  return 0;
}
