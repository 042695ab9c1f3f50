/*
 * traderules command - tabular output in table, CSV, JSON and Markdown.
 * SPDX-License-Identifier: MIT
 */
#include "tool.h"

#include <stdlib.h>
#include <string.h>

struct tool_table {
  int ncol;
  char **columns;
  GPtrArray *rows;      /* of char** (ncol strings, NULL allowed) */
  GHashTable *marks;    /* "row:col" */
  gboolean *numeric;
};

tool_table *tool_table_new(const char *const *columns, int ncolumns) {
  tool_table *t = g_new0(tool_table, 1);
  t->ncol = ncolumns;
  t->columns = g_new0(char *, ncolumns + 1);
  for (int i = 0; i < ncolumns; i++)
    t->columns[i] = g_strdup(columns[i]);
  t->rows = g_ptr_array_new();
  t->marks = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL);
  t->numeric = g_new0(gboolean, ncolumns);
  return t;
}

void tool_table_add_row(tool_table *t, const char *const *values) {
  char **row = g_new0(char *, t->ncol + 1);
  for (int i = 0; i < t->ncol; i++)
    row[i] = values[i] ? g_strdup(values[i]) : NULL;
  g_ptr_array_add(t->rows, row);
}

void tool_table_mark(tool_table *t, int row, int col) {
  g_hash_table_add(t->marks, g_strdup_printf("%d:%d", row, col));
}

void tool_table_set_numeric(tool_table *t, int col, gboolean numeric) {
  if (col >= 0 && col < t->ncol)
    t->numeric[col] = numeric;
}

static gboolean is_marked(const tool_table *t, int row, int col) {
  char key[48];
  g_snprintf(key, sizeof key, "%d:%d", row, col);
  return g_hash_table_contains(t->marks, key);
}

static void csv_field(FILE *out, const char *s) {
  if (!s)
    return;
  if (strpbrk(s, ",\"\r\n") == NULL) {
    fputs(s, out);
    return;
  }
  fputc('"', out);
  for (const char *p = s; *p; p++) {
    if (*p == '"')
      fputc('"', out);
    fputc(*p, out);
  }
  fputc('"', out);
}

static void json_string(FILE *out, const char *s) {
  fputc('"', out);
  for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
    switch (*p) {
    case '"': fputs("\\\"", out); break;
    case '\\': fputs("\\\\", out); break;
    case '\n': fputs("\\n", out); break;
    case '\r': fputs("\\r", out); break;
    case '\t': fputs("\\t", out); break;
    default:
      if (*p < 0x20)
        fprintf(out, "\\u%04x", *p);
      else
        fputc(*p, out);
    }
  }
  fputc('"', out);
}

static gboolean looks_numeric(const char *s) {
  char *end = NULL;
  if (!s || !*s)
    return FALSE;
  g_ascii_strtod(s, &end);
  return end && *end == '\0';
}

static void md_field(FILE *out, const char *s) {
  for (const char *p = s ? s : ""; *p; p++) {
    if (*p == '|')
      fputs("\\|", out);
    else if (*p == '\n')
      fputc(' ', out);
    else
      fputc(*p, out);
  }
}

void tool_table_print(const tool_table *t, FILE *out, const tool_options *opts) {
  guint nrows = t->rows->len;
  switch (opts->format) {
  case TOOL_FORMAT_CSV:
    for (int c = 0; c < t->ncol; c++) {
      if (c) fputc(',', out);
      csv_field(out, t->columns[c]);
    }
    fputc('\n', out);
    for (guint r = 0; r < nrows; r++) {
      char **row = g_ptr_array_index(t->rows, r);
      for (int c = 0; c < t->ncol; c++) {
        if (c) fputc(',', out);
        csv_field(out, row[c]);
      }
      fputc('\n', out);
    }
    break;
  case TOOL_FORMAT_JSON:
    fputs("[\n", out);
    for (guint r = 0; r < nrows; r++) {
      char **row = g_ptr_array_index(t->rows, r);
      fputs("  {", out);
      for (int c = 0; c < t->ncol; c++) {
        if (c) fputs(", ", out);
        json_string(out, t->columns[c]);
        fputs(": ", out);
        if (!row[c])
          fputs("null", out);
        else if (t->numeric[c] && looks_numeric(row[c]))
          fputs(row[c], out);
        else
          json_string(out, row[c]);
      }
      fputs(r + 1 < nrows ? "},\n" : "}\n", out);
    }
    fputs("]\n", out);
    break;
  case TOOL_FORMAT_MARKDOWN:
    fputc('|', out);
    for (int c = 0; c < t->ncol; c++) {
      fputc(' ', out);
      md_field(out, t->columns[c]);
      fputs(" |", out);
    }
    fputs("\n|", out);
    for (int c = 0; c < t->ncol; c++)
      fputs(t->numeric[c] ? "---:|" : "---|", out);
    fputc('\n', out);
    for (guint r = 0; r < nrows; r++) {
      char **row = g_ptr_array_index(t->rows, r);
      fputc('|', out);
      for (int c = 0; c < t->ncol; c++) {
        fputc(' ', out);
        if (is_marked(t, (int)r, c)) fputs("**", out);
        md_field(out, row[c]);
        if (is_marked(t, (int)r, c)) fputs("**", out);
        fputs(" |", out);
      }
      fputc('\n', out);
    }
    break;
  case TOOL_FORMAT_TABLE:
  default: {
    /* Column widths in characters (UTF-8 aware). */
    glong *w = g_new0(glong, t->ncol);
    for (int c = 0; c < t->ncol; c++)
      w[c] = g_utf8_strlen(t->columns[c], -1);
    for (guint r = 0; r < nrows; r++) {
      char **row = g_ptr_array_index(t->rows, r);
      for (int c = 0; c < t->ncol; c++) {
        glong l = row[c] ? g_utf8_strlen(row[c], -1) : 0;
        if (l > w[c]) w[c] = l;
      }
    }
    for (int c = 0; c < t->ncol; c++) {
      if (opts->color) fputs("\033[1m", out);
      fputs(t->columns[c], out);
      if (opts->color) fputs("\033[0m", out);
      if (c + 1 < t->ncol)
        for (glong k = g_utf8_strlen(t->columns[c], -1); k < w[c] + 2; k++) fputc(' ', out);
    }
    fputc('\n', out);
    for (int c = 0; c < t->ncol; c++) {
      for (glong k = 0; k < w[c]; k++) fputc('-', out);
      if (c + 1 < t->ncol) fputs("  ", out);
    }
    fputc('\n', out);
    for (guint r = 0; r < nrows; r++) {
      char **row = g_ptr_array_index(t->rows, r);
      for (int c = 0; c < t->ncol; c++) {
        const char *v = row[c] ? row[c] : "";
        gboolean mark = is_marked(t, (int)r, c);
        glong l = g_utf8_strlen(v, -1);
        gboolean right = t->numeric[c];
        if (right)
          for (glong k = l; k < w[c]; k++) fputc(' ', out);
        if (mark && opts->color) fputs("\033[1;33m", out);
        fputs(v, out);
        if (mark && opts->color) fputs("\033[0m", out);
        if (mark && !opts->color) fputc('*', out), l++;
        if (c + 1 < t->ncol && !right)
          for (glong k = l; k < w[c] + 2; k++) fputc(' ', out);
        else if (c + 1 < t->ncol)
          fputs("  ", out);
      }
      fputc('\n', out);
    }
    g_free(w);
    break;
  }
  }
}

void tool_table_free(tool_table *t) {
  if (!t)
    return;
  for (guint r = 0; r < t->rows->len; r++) {
    /* Rows may contain NULL cells, so g_strfreev() would stop early. */
    char **row = g_ptr_array_index(t->rows, r);
    for (int c = 0; c < t->ncol; c++)
      g_free(row[c]);
    g_free(row);
  }
  g_ptr_array_free(t->rows, TRUE);
  g_strfreev(t->columns);
  g_hash_table_destroy(t->marks);
  g_free(t->numeric);
  g_free(t);
}
