/*
 * traderules command - shared declarations (uses only the public API + GLib).
 * SPDX-License-Identifier: MIT
 */
#ifndef TR_TOOL_H
#define TR_TOOL_H

#include <glib.h>
#include <stdio.h>
#include <traderules/traderules.h>

typedef enum {
  TOOL_FORMAT_TABLE,
  TOOL_FORMAT_CSV,
  TOOL_FORMAT_JSON,
  TOOL_FORMAT_MARKDOWN
} tool_format;

/* Options common to every subcommand, parsed by main before dispatch. */
typedef struct {
  tool_format format;
  const char *catalog_path; /* the last --catalog FILE (NULL if none) */
  const char **catalog_paths; /* every --catalog FILE in order, NULL-terminated (NULL if none);
                                 owned (g_strfreev) */
  gboolean no_default;      /* --no-default: start from an empty catalog */
  gboolean color;           /* stdout is a terminal and NO_COLOR unset */
  gboolean is_tty;
  int width;                /* tables fit this many columns; 0 = no limit (--width, $COLUMNS,
                               the terminal, else 80) */
  gboolean help;            /* -h/--help seen */
  gboolean version;         /* -V/--version seen */
} tool_options;

/* A subcommand: argc/argv hold the subcommand name at argv[0] and its own args.
 * Returns the process exit status. */
typedef int (*tool_command_fn)(int argc, char **argv, tool_options *opts);

typedef struct {
  const char *name;
  const char *summary;
  tool_command_fn run;
} tool_command;

/* Print the library's last error to stderr as "traderules: MESSAGE" and return 1. */
int tool_fail_lib(const char *what);
/* Print a usage error to stderr and return 2. */
int tool_fail_usage(const char *fmt, ...) G_GNUC_PRINTF(1, 2);

/* Load the catalog according to the options (embedded, plus --catalog). */
int tool_load_catalog(const tool_options *opts, tr_catalog **out);

/* ---- input and output through the library's reader and writer ---- */
/* Read a whole input: "-" is standard input; the library's size limit applies.
 * Prints the error and returns NULL on failure; free with tr_free(). */
char *tool_read_input(const char *path, size_t *length);
/* Write a whole output: "-" is standard output (checked at exit), anything
 * else goes through tr_file_write(). Returns 0 or prints the error and returns 1. */
int tool_write_output(const char *path, const void *data, size_t length);
/* ---- command-line parsing (tools/args.c): one GOption context per subcommand ---- */
#define TOOL_MAX_THREADS 64
/* Parse a thread count "0".."64" (0 = one per processor); FALSE if malformed or out of range. */
gboolean tool_parse_threads(const char *s, unsigned *out);
/* Parse one year 1..9999 (the library's year grammar, tr_year_range_parse(), without a range). */
gboolean tool_parse_year(const char *s, int *out);
/* Parse a table width "0".."100000". */
gboolean tool_parse_width(const char *s, int *out);

/* What a subcommand's options fill in: the user data of its main option group, so
 * that the shared entries below (callbacks that check the value where it is parsed)
 * work in every subcommand. */
typedef struct {
  tool_options *opts;          /* the common options, also accepted after COMMAND */
  const char *command;         /* "list", "matrix", ... (messages, help) */
  /* the selection: --party, --family, --years; list also --kind, --status, --from, --to */
  char *party;
  gboolean have_family, have_kind, have_status, have_years;
  tr_family family;
  tr_kind kind;
  tr_agreement_status status;
  int year_from, year_to;      /* 0 = open side */
  gboolean years_closed;       /* set before parsing: --years needs both ends (panel) */
  /* --threads N */
  gboolean have_threads;
  unsigned threads;
  gpointer data;               /* the subcommand's own option callbacks' storage */
  const GOptionEntry *entries; /* the subcommand's entries (set by tool_context_new()) */
} tool_args;

/* The shared option entries (copy them into a subcommand's GOptionEntry array;
 * the callbacks store into the tool_args given to tool_context_new()). */
extern const GOptionEntry tool_entry_party, tool_entry_family, tool_entry_years, tool_entry_kind,
    tool_entry_status, tool_entry_from, tool_entry_to, tool_entry_threads;

#define TOOL_CONTINUE (-1)
#define TOOL_PARSE_NO_WIDTH 1u /* the subcommand has its own --width (plot) */

void tool_args_init(tool_args *a, const char *command, tool_options *opts);
/* The subcommand being run (set by tool_args_init()), NULL before: usage errors
 * point to its --help. */
const char *tool_current_command(void);
void tool_args_clear(tool_args *a);
/* A context for `traderules COMMAND PARAMS`: @entries (NULL-terminated, may be NULL)
 * plus -h/--help; the description is followed by a line on the common options. */
GOptionContext *tool_context_new(tool_args *a, const char *params, const char *summary,
                                 const char *description, const GOptionEntry *entries);
/* The common options (--catalog, --no-default, --format, --width, -V) as a group
 * storing into @opts. */
GOptionGroup *tool_common_group(tool_options *opts, unsigned flags);
/* Parse: adds the common group, then parses and removes the options from argv
 * (argv[0] stays the subcommand; a "--" is dropped). Returns TOOL_CONTINUE, 0 after
 * printing --help (or --version), or 2 after printing a usage error that names the option. */
int tool_parse(GOptionContext *ctx, tool_args *a, int *argc, char ***argv, unsigned flags);
/* GOption reads "--flag=VALUE" as "--flag": print a usage error for such an argument
 * (flags of @entries, -h/--help and the common options) and return 2; else 0. */
int tool_refuse_flag_values(int argc, char **argv, const GOptionEntry *entries, const char *command);
/* TRUE if any selection option was given. */
gboolean tool_args_has_filter(const tool_args *a);
/* The selection as a filter: NULL (and 0) when no selection option was given unless
 * @always; 0 on success, else the exit status after printing the error. */
int tool_args_filter(const tool_args *a, gboolean always, tr_filter **out);

/* Progress of a long analysis on standard error, only when it is a terminal, after
 * the first 0.3 s and at most ten times a second; cleared at the end. */
typedef struct {
  const char *stage; /* e.g. "matrix" */
  gint64 start, last;
  gboolean shown;
} tool_progress;
/* The tr_analysis_progress_fn: @user_data is a tool_progress. */
void tool_progress_report(size_t done, size_t total, void *user_data);
/* Clear the progress line, if one was shown. */
void tool_progress_end(tool_progress *p);
/* The one options object of an analysis (matrix, classify, timeline): --threads (when
 * given; else the library's default, one per processor), the selection @filter (may be
 * NULL: every agreement), and progress to @progress (may be NULL: none; only used when
 * standard error is a terminal). 0 on success, else the exit status after printing the
 * error. Free with tr_analysis_options_free(). */
int tool_analysis_options(const tool_args *a, const tr_filter *filter, tool_progress *progress,
                          tr_analysis_options **out);

/* ---- "did you mean" (tools/suggest.c) ---- */
/* Edit distance (insertions, deletions, substitutions, adjacent swaps; ASCII
 * case ignored), or limit + 1 when larger than `limit`. */
size_t tool_edit_distance(const char *a, const char *b, size_t limit);
/* The candidate (NULL-terminated list) nearest to `word`, if close enough
 * (1 edit for up to 4 characters, 2 up to 8, else 3); NULL otherwise. */
const char *tool_suggest(const char *word, const char *const *candidates);
/* The nearest agreement id of the catalog (and built-in template name). */
const char *tool_suggest_id(const tr_catalog *cat, const char *word, gboolean templates);
/* After an unknown agreement or template: print "did you mean 'X'?" to stderr
 * when something is close ("NAME@YEAR" keeps its year). */
void tool_hint_id(const tr_catalog *cat, const char *spec, gboolean templates);
/* The category id nearest to `word`, or NULL. */
const char *tool_suggest_category(const char *word);

/* Parse "table|csv|json|markdown". */
gboolean tool_parse_format(const char *s, tool_format *out);

/* ---- tabular output: one API, four formats ---- */
typedef struct tool_table tool_table;
tool_table *tool_table_new(const char *const *columns, int ncolumns);
/* Append a row; values are copied; NULL prints as empty (JSON null). */
void tool_table_add_row(tool_table *t, const char *const *values);
/* Mark a cell (row, col) as highlighted (differences); shown in bold/colour on a terminal. */
void tool_table_mark(tool_table *t, int row, int col);
/* Columns whose JSON value should be emitted as a number (if parseable). */
void tool_table_set_numeric(tool_table *t, int col, gboolean numeric);
/* The column's CSV header and JSON key; made a valid R and Stata name (see
 * tool_name_for_data()). By default derived from the display header. */
void tool_table_set_key(tool_table *t, int col, const char *key);
/* JSON: the cell is a list joined with `separator`; emitted as an array. */
void tool_table_set_list(tool_table *t, int col, const char *separator);
/* A valid R and Stata variable name (lower case letters, digits, '_', starts
 * with a letter, at most 32 bytes) made from a header; free with g_free(). */
char *tool_name_for_data(const char *header);
/* Display width of UTF-8 text (wide characters count 2). */
glong tool_display_width(const char *s);
/* Word-wrap text to `width` display columns; g_strfreev() the result. */
char **tool_wrap_text(const char *text, glong width);
/* Print text wrapped to the table width, each line starting with `indent`
 * (continuation lines two columns further in). */
void tool_print_wrapped(FILE *out, const tool_options *opts, const char *indent, const char *text);
/* Print free text: in table format each line is wrapped to the width (its
 * leading spaces kept as the indent); other formats print it as is. */
void tool_print_text(FILE *out, const tool_options *opts, const char *text);
/* printf() to standard output through tool_print_text(). */
void tool_printf_text(const tool_options *opts, const char *fmt, ...) G_GNUC_PRINTF(2, 3);
void tool_table_print(const tool_table *t, FILE *out, const tool_options *opts);
void tool_table_free(tool_table *t);

/* ---- streaming output: the same four formats, rows printed as they come (memory
 * independent of the number of rows). The table format needs the column widths
 * up front (@widths may be NULL: the header's widths; a wider cell just shifts). */
typedef struct tool_stream tool_stream;
tool_stream *tool_stream_new(const char *const *columns, int ncolumns, const int *widths,
                             const gboolean *numeric, FILE *out, const tool_options *opts);
void tool_stream_row(tool_stream *s, const char *const *values);
void tool_stream_end(tool_stream *s);

/* Subcommand entry points (one file each). */
int tool_cmd_list(int argc, char **argv, tool_options *opts);
int tool_cmd_show(int argc, char **argv, tool_options *opts);
int tool_cmd_barriers(int argc, char **argv, tool_options *opts);
int tool_cmd_indicators(int argc, char **argv, tool_options *opts);
int tool_cmd_code(int argc, char **argv, tool_options *opts);
int tool_cmd_compare(int argc, char **argv, tool_options *opts);
int tool_cmd_classify(int argc, char **argv, tool_options *opts);
int tool_cmd_matrix(int argc, char **argv, tool_options *opts);
int tool_cmd_coverage(int argc, char **argv, tool_options *opts);
int tool_cmd_common_ground(int argc, char **argv, tool_options *opts);
int tool_cmd_timeline(int argc, char **argv, tool_options *opts);
int tool_cmd_categories(int argc, char **argv, tool_options *opts);
int tool_cmd_export(int argc, char **argv, tool_options *opts);
int tool_cmd_import(int argc, char **argv, tool_options *opts);
int tool_cmd_plot(int argc, char **argv, tool_options *opts);
int tool_cmd_corpus(int argc, char **argv, tool_options *opts);
int tool_cmd_audit(int argc, char **argv, tool_options *opts);
int tool_cmd_panel(int argc, char **argv, tool_options *opts);

#endif /* TR_TOOL_H */
