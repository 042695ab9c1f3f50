/*
 * traderules command - tabular output in table, CSV, JSON and Markdown.
 * SPDX-License-Identifier: MIT
 */
#include "tool.h"

#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

struct tool_table {
  int ncol;
  char **columns;
  GPtrArray *rows;      /* of char** (ncol strings, NULL allowed) */
  GHashTable *marks;    /* "row:col" */
  gboolean *numeric;
  char **keys;          /* CSV header / JSON key per column (valid R and Stata names) */
  char **list_sep;      /* JSON: split the cell on this separator into an array */
};

/* A valid R and Stata variable name from a display header: ASCII letters (case
 * kept), digits and '_'; runs of anything else become one '_'; no leading or
 * trailing '_'; starts with a letter ("x_" prefixed otherwise); at most 32 bytes. */
char *tool_name_for_data(const char *header) {
  GString *s = g_string_new(NULL);
  gboolean pending = FALSE;
  for (const char *p = header ? header : ""; *p; p++) {
    unsigned char ch = (unsigned char)*p;
    if (g_ascii_isalnum(ch)) {
      if (pending && s->len)
        g_string_append_c(s, '_');
      pending = FALSE;
      g_string_append_c(s, (char)ch);
    } else if (ch == '_' && !pending) {
      if (s->len)
        g_string_append_c(s, '_');
    } else {
      pending = TRUE;
    }
  }
  if (s->len == 0 || !g_ascii_isalpha(s->str[0]))
    g_string_prepend(s, s->len ? "x_" : "x");
  if (s->len > 32)
    g_string_truncate(s, 32);
  while (s->len > 1 && s->str[s->len - 1] == '_')
    g_string_truncate(s, s->len - 1);
  return g_string_free(s, FALSE);
}

tool_table *tool_table_new(const char *const *columns, int ncolumns) {
  tool_table *t = g_new0(tool_table, 1);
  t->ncol = ncolumns;
  t->columns = g_new0(char *, ncolumns + 1);
  for (int i = 0; i < ncolumns; i++)
    t->columns[i] = g_strdup(columns[i]);
  t->rows = g_ptr_array_new();
  t->marks = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL);
  t->numeric = g_new0(gboolean, ncolumns);
  t->keys = g_new0(char *, ncolumns + 1);
  t->list_sep = g_new0(char *, ncolumns + 1);
  for (int i = 0; i < ncolumns; i++)
    t->keys[i] = tool_name_for_data(columns[i]);
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

void tool_table_set_key(tool_table *t, int col, const char *key) {
  if (col >= 0 && col < t->ncol) {
    g_free(t->keys[col]);
    t->keys[col] = tool_name_for_data(key);
  }
}

void tool_table_set_list(tool_table *t, int col, const char *separator) {
  if (col >= 0 && col < t->ncol) {
    g_free(t->list_sep[col]);
    t->list_sep[col] = g_strdup(separator);
  }
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

/* A JSON number (RFC 8259 grammar): -?int(.digits)?([eE][+-]?digits)? */
static gboolean looks_numeric(const char *s) {
  const char *p = s;
  if (!s || !*s)
    return FALSE;
  if (*p == '-')
    p++;
  if (!g_ascii_isdigit(*p))
    return FALSE;
  if (*p == '0' && g_ascii_isdigit(p[1]))
    return FALSE;
  while (g_ascii_isdigit(*p))
    p++;
  if (*p == '.') {
    p++;
    if (!g_ascii_isdigit(*p))
      return FALSE;
    while (g_ascii_isdigit(*p))
      p++;
  }
  if (*p == 'e' || *p == 'E') {
    p++;
    if (*p == '+' || *p == '-')
      p++;
    if (!g_ascii_isdigit(*p))
      return FALSE;
    while (g_ascii_isdigit(*p))
      p++;
  }
  return *p == '\0';
}

static void json_value(FILE *out, const tool_table *t, int c, const char *v) {
  if (!v) {
    fputs("null", out);
  } else if (t->list_sep[c]) {
    char **items = *v ? g_strsplit(v, t->list_sep[c], -1) : g_new0(char *, 1);
    gboolean first = TRUE;
    fputc('[', out);
    for (char **it = items; *it; it++) {
      char *item = g_strstrip(*it);
      if (!*item)
        continue;
      if (!first)
        fputs(", ", out);
      first = FALSE;
      if (t->numeric[c] && looks_numeric(item))
        fputs(item, out);
      else
        json_string(out, item);
    }
    fputc(']', out);
    g_strfreev(items);
  } else if (t->numeric[c]) {
    if (looks_numeric(v))
      fputs(v, out);
    else if (!*v || strcmp(v, "-") == 0 || strcmp(v, "NA") == 0)
      fputs("null", out);
    else
      json_string(out, v);
  } else {
    json_string(out, v);
  }
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

/* ---- plain-text tables that fit a width ---- */

/* Display width of a UTF-8 string: wide (East Asian) characters count 2,
 * combining marks 0, anything else 1. */
glong tool_display_width(const char *s) {
  glong w = 0;
  if (!s)
    return 0;
  if (!g_utf8_validate(s, -1, NULL)) { /* e.g. a name from the command line: count U+FFFD */
    char *v = g_utf8_make_valid(s, -1);
    w = tool_display_width(v);
    g_free(v);
    return w;
  }
  for (const char *p = s; *p; p = g_utf8_next_char(p)) {
    gunichar ch = g_utf8_get_char_validated(p, -1);
    if (ch == (gunichar)-1 || ch == (gunichar)-2)
      w++;
    else if (g_unichar_iszerowidth(ch))
      ;
    else if (g_unichar_iswide(ch))
      w += 2;
    else
      w++;
  }
  return w;
}

/* Longest run of non-space characters (display width). */
static glong longest_word(const char *s) {
  glong best = 0, cur = 0;
  if (s && !g_utf8_validate(s, -1, NULL)) {
    char *v = g_utf8_make_valid(s, -1);
    best = longest_word(v);
    g_free(v);
    return best;
  }
  for (const char *p = s ? s : ""; *p; p = g_utf8_next_char(p)) {
    if (*p == ' ' || *p == '\n') {
      cur = 0;
      continue;
    }
    char buf[8] = { 0 };
    memcpy(buf, p, (size_t)(g_utf8_next_char(p) - p) < sizeof buf ? (size_t)(g_utf8_next_char(p) - p) : 1);
    cur += tool_display_width(buf);
    if (cur > best)
      best = cur;
  }
  return best;
}

static glong text_width(const char *s) {
  /* widest line of a possibly multi-line text */
  glong best = 0;
  if (!s)
    return 0;
  if (!strchr(s, '\n'))
    return tool_display_width(s);
  char **lines = g_strsplit(s, "\n", -1);
  for (char **l = lines; *l; l++) {
    glong w = tool_display_width(*l);
    if (w > best)
      best = w;
  }
  g_strfreev(lines);
  return best;
}

/* Break a text into lines of at most `width` display columns: at spaces where
 * possible, inside a word only when the word alone is too long. Existing line
 * breaks are kept. Returns a NULL-terminated vector (at least one line). */
char **tool_wrap_text(const char *text, glong width) {
  GPtrArray *out;
  char **paras;
  if (text && !g_utf8_validate(text, -1, NULL)) {
    char *v = g_utf8_make_valid(text, -1);
    char **r = tool_wrap_text(v, width);
    g_free(v);
    return r;
  }
  out = g_ptr_array_new();
  paras = g_strsplit(text ? text : "", "\n", -1);
  if (width < 1)
    width = 1;
  for (char **pp = paras; *pp; pp++) {
    GString *line = g_string_new(NULL);
    glong lw = 0;
    char **words = g_strsplit(*pp, " ", -1);
    for (char **wp = words; *wp; wp++) {
      const char *word = *wp;
      glong ww = tool_display_width(word);
      if (!*word)
        continue;
      if (lw > 0 && lw + 1 + ww <= width) {
        g_string_append_c(line, ' ');
        g_string_append(line, word);
        lw += 1 + ww;
        continue;
      }
      if (lw > 0) {
        g_ptr_array_add(out, g_string_free(line, FALSE));
        line = g_string_new(NULL);
        lw = 0;
      }
      /* the word starts a line; break it if it is wider than the line */
      for (const char *p = word; *p;) {
        const char *next = g_utf8_next_char(p);
        char buf[8] = { 0 };
        size_t n = (size_t)(next - p);
        memcpy(buf, p, n < sizeof buf ? n : 1);
        glong cw = tool_display_width(buf);
        if (lw > 0 && lw + cw > width) {
          g_ptr_array_add(out, g_string_free(line, FALSE));
          line = g_string_new(NULL);
          lw = 0;
        }
        g_string_append_len(line, p, (gssize)n);
        lw += cw;
        p = next;
      }
    }
    g_strfreev(words);
    g_ptr_array_add(out, g_string_free(line, FALSE));
  }
  g_strfreev(paras);
  g_ptr_array_add(out, NULL);
  return (char **)g_ptr_array_free(out, FALSE);
}

void tool_print_wrapped(FILE *out, const tool_options *opts, const char *indent, const char *text) {
  glong iw = tool_display_width(indent);
  /* every line leaves room for the two extra columns of a continuation line */
  glong width = opts->width > 0 ? opts->width - iw - 2 : G_MAXLONG / 4;
  char **lines;
  if (width < 20)
    width = 20;
  lines = tool_wrap_text(text, width);
  for (char **l = lines; *l; l++) {
    fputs(indent, out);
    if (l != lines)
      fputs("  ", out);
    fputs(*l, out);
    fputc('\n', out);
  }
  g_strfreev(lines);
}

void tool_print_text(FILE *out, const tool_options *opts, const char *text) {
  char **lines;
  if (opts->format != TOOL_FORMAT_TABLE || opts->width <= 0) {
    fputs(text, out);
    return;
  }
  lines = g_strsplit(text, "\n", -1);
  for (char **l = lines; *l; l++) {
    if (!l[1] && !**l)
      break; /* the text's final newline */
    size_t n = strspn(*l, " ");
    char *indent = g_strndup(*l, n);
    if ((*l)[n])
      tool_print_wrapped(out, opts, indent, *l + n);
    else
      fputc('\n', out);
    g_free(indent);
  }
  g_strfreev(lines);
}

void tool_printf_text(const tool_options *opts, const char *fmt, ...) {
  va_list ap;
  char *text;
  va_start(ap, fmt);
  text = g_strdup_vprintf(fmt, ap);
  va_end(ap);
  tool_print_text(stdout, opts, text);
  g_free(text);
}

static void pad(FILE *out, glong n) {
  for (glong k = 0; k < n; k++)
    fputc(' ', out);
}

/* Record layout: one block per row, "column  value" lines, values wrapped. */
static void print_records(const tool_table *t, FILE *out, const tool_options *opts) {
  glong lw = 0;
  glong vw;
  for (int c = 0; c < t->ncol; c++) {
    glong w = tool_display_width(t->columns[c]);
    if (w > lw)
      lw = w;
  }
  vw = opts->width - lw - 2;
  if (vw < 20)
    vw = 20;
  for (guint r = 0; r < t->rows->len; r++) {
    char **row = g_ptr_array_index(t->rows, r);
    if (r)
      fputc('\n', out);
    for (int c = 0; c < t->ncol; c++) {
      gboolean mark = is_marked(t, (int)r, c);
      char *v = g_strdup_printf("%s%s", row[c] ? row[c] : "", mark && !opts->color ? "*" : "");
      char **lines = tool_wrap_text(v, vw);
      if (opts->color) fputs("\033[1m", out);
      fputs(t->columns[c], out);
      if (opts->color) fputs("\033[0m", out);
      for (char **l = lines; *l; l++) {
        if (l != lines)
          fputc('\n', out), pad(out, lw + 2);
        else
          pad(out, lw + 2 - tool_display_width(t->columns[c]));
        if (mark && opts->color) fputs("\033[1;33m", out);
        fputs(*l, out);
        if (mark && opts->color) fputs("\033[0m", out);
      }
      fputc('\n', out);
      g_strfreev(lines);
      g_free(v);
    }
  }
}

/* Choose column widths for `avail` display columns (gaps excluded): every
 * column gets at least its minimum, then the space left goes to the columns
 * that still want more, narrowest need first (water filling). FALSE if even
 * the minima do not fit. */
static gboolean fit_widths(int ncol, const glong *natural, const glong *minimum, glong avail, glong *w) {
  glong used = 0;
  int open = 0;
  for (int c = 0; c < ncol; c++) {
    w[c] = minimum[c];
    used += w[c];
    if (w[c] < natural[c])
      open++;
  }
  if (used > avail)
    return FALSE;
  while (open > 0 && used < avail) {
    glong share = (avail - used) / open;
    if (share == 0)
      share = 1;
    open = 0;
    for (int c = 0; c < ncol && used < avail; c++) {
      if (w[c] >= natural[c])
        continue;
      glong add = natural[c] - w[c] < share ? natural[c] - w[c] : share;
      w[c] += add;
      used += add;
      if (w[c] < natural[c])
        open++;
    }
  }
  return TRUE;
}

/* A copy of the table with every header and cell made valid UTF-8 (invalid
 * bytes as U+FFFD), or NULL when the table is valid already. */
static tool_table *valid_copy(const tool_table *t) {
  gboolean valid = TRUE;
  for (int c = 0; c < t->ncol && valid; c++)
    valid = g_utf8_validate(t->columns[c], -1, NULL);
  for (guint r = 0; r < t->rows->len && valid; r++) {
    char **row = g_ptr_array_index(t->rows, r);
    for (int c = 0; c < t->ncol && valid; c++)
      valid = !row[c] || g_utf8_validate(row[c], -1, NULL);
  }
  if (valid)
    return NULL;
  char **cols = g_new0(char *, t->ncol + 1);
  for (int c = 0; c < t->ncol; c++)
    cols[c] = g_utf8_make_valid(t->columns[c], -1);
  tool_table *v = tool_table_new((const char *const *)cols, t->ncol);
  g_strfreev(cols);
  memcpy(v->numeric, t->numeric, sizeof(gboolean) * (size_t)t->ncol);
  for (guint r = 0; r < t->rows->len; r++) {
    char **row = g_ptr_array_index(t->rows, r);
    char **vals = g_new0(char *, t->ncol + 1);
    for (int c = 0; c < t->ncol; c++)
      vals[c] = row[c] ? g_utf8_make_valid(row[c], -1) : NULL;
    tool_table_add_row(v, (const char *const *)vals);
    for (int c = 0; c < t->ncol; c++)
      g_free(vals[c]);
    g_free(vals);
  }
  GHashTableIter it;
  gpointer key;
  g_hash_table_iter_init(&it, t->marks);
  while (g_hash_table_iter_next(&it, &key, NULL))
    g_hash_table_add(v->marks, g_strdup(key));
  return v;
}

static void print_text_table(const tool_table *t, FILE *out, const tool_options *opts) {
  guint nrows = t->rows->len;
  tool_table *valid = valid_copy(t);
  if (valid) {
    print_text_table(valid, out, opts);
    tool_table_free(valid);
    return;
  }
  glong *natural = g_new0(glong, t->ncol), *minimum = g_new0(glong, t->ncol), *w = g_new0(glong, t->ncol);
  glong *whole = g_new0(glong, t->ncol);
  glong total = 2 * (t->ncol - 1);
  gboolean wrap = FALSE;

  for (int c = 0; c < t->ncol; c++) {
    glong words = longest_word(t->columns[c]);
    natural[c] = text_width(t->columns[c]);
    for (guint r = 0; r < nrows; r++) {
      char **row = g_ptr_array_index(t->rows, r);
      glong l = text_width(row[c]) + (is_marked(t, (int)r, c) && !opts->color ? 1 : 0);
      glong lw = longest_word(row[c]);
      if (l > natural[c]) natural[c] = l;
      if (lw > words) words = lw;
    }
    total += natural[c];
    /* numbers are never wrapped; text keeps words of up to 16 columns whole */
    minimum[c] = t->numeric[c] ? natural[c] : MIN(natural[c], CLAMP(words, 6, 16));
    whole[c] = t->numeric[c] ? natural[c] : MIN(natural[c], MAX(words, 6));
  }
  if (opts->width <= 0 || total <= opts->width) {
    memcpy(w, natural, sizeof(glong) * (size_t)t->ncol);
  } else if (fit_widths(t->ncol, natural, whole, opts->width - 2 * (t->ncol - 1), w) ||
             fit_widths(t->ncol, natural, minimum, opts->width - 2 * (t->ncol - 1), w)) {
    /* words kept whole if that fits, else long words broken */
    wrap = TRUE;
  } else {
    print_records(t, out, opts);
    goto done;
  }

  /* header (wrapped like any cell), rule, rows */
  for (gint r = -1; r < (gint)nrows; r++) {
    char **row = r < 0 ? t->columns : g_ptr_array_index(t->rows, (guint)r);
    char ***cells = g_new0(char **, t->ncol);
    int height = 1;
    for (int c = 0; c < t->ncol; c++) {
      gboolean mark = r >= 0 && is_marked(t, r, c);
      char *v = g_strdup_printf("%s%s", row[c] ? row[c] : "", mark && !opts->color ? "*" : "");
      cells[c] = wrap || strchr(v, '\n') ? tool_wrap_text(v, w[c]) : g_strsplit(v, "\n", 2);
      g_free(v);
      int h = (int)g_strv_length(cells[c]);
      if (h > height) height = h;
    }
    for (int k = 0; k < height; k++) {
      glong owed = 0; /* padding not yet written (no trailing spaces) */
      for (int c = 0; c < t->ncol; c++) {
        const char *v = k < (int)g_strv_length(cells[c]) ? cells[c][k] : NULL;
        if (!v)
          v = "";
        gboolean mark = r >= 0 && is_marked(t, r, c);
        gboolean right = r >= 0 && t->numeric[c];
        glong l = tool_display_width(v);
        if (c) owed += 2;
        if (right) owed += w[c] - l;
        if (*v) {
          pad(out, owed);
          owed = 0;
          if ((mark || r < 0) && opts->color) fputs(r < 0 ? "\033[1m" : "\033[1;33m", out);
          fputs(v, out);
          if ((mark || r < 0) && opts->color) fputs("\033[0m", out);
        }
        if (!right) owed += w[c] - l;
      }
      fputc('\n', out);
    }
    for (int c = 0; c < t->ncol; c++)
      g_strfreev(cells[c]);
    g_free(cells);
    if (r < 0) {
      for (int c = 0; c < t->ncol; c++) {
        for (glong k = 0; k < w[c]; k++) fputc('-', out);
        if (c + 1 < t->ncol) fputs("  ", out);
      }
      fputc('\n', out);
    }
  }
done:
  g_free(natural);
  g_free(minimum);
  g_free(whole);
  g_free(w);
}

/* Keys made unique (a header truncated to 32 bytes may repeat another): the
 * second "x" becomes "x_2", and so on. */
static char **unique_keys(const tool_table *t) {
  char **keys = g_new0(char *, t->ncol + 1);
  GHashTable *seen = g_hash_table_new(g_str_hash, g_str_equal);
  for (int c = 0; c < t->ncol; c++) {
    char *k = g_strdup(t->keys[c]);
    for (int n = 2; g_hash_table_contains(seen, k); n++) {
      char suffix[16];
      g_snprintf(suffix, sizeof suffix, "_%d", n);
      g_free(k);
      k = g_strdup_printf("%.*s%s", (int)(32 - strlen(suffix)), t->keys[c], suffix);
    }
    keys[c] = k;
    g_hash_table_add(seen, k);
  }
  g_hash_table_destroy(seen);
  return keys;
}

void tool_table_print(const tool_table *t, FILE *out, const tool_options *opts) {
  guint nrows = t->rows->len;
  char **keys = opts->format == TOOL_FORMAT_CSV || opts->format == TOOL_FORMAT_JSON ? unique_keys(t) : NULL;
  switch (opts->format) {
  case TOOL_FORMAT_CSV:
    for (int c = 0; c < t->ncol; c++) {
      if (c) fputc(',', out);
      csv_field(out, keys[c]);
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
        json_string(out, keys[c]);
        fputs(": ", out);
        json_value(out, t, c, row[c]);
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
  default:
    print_text_table(t, out, opts);
    break;
  }
  g_strfreev(keys);
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
  g_strfreev(t->keys);
  for (int c = 0; c < t->ncol; c++)
    g_free(t->list_sep[c]);
  g_free(t->list_sep);
  g_free(t);
}

/* ---- streaming: rows printed as they come, for outputs too large to hold ----
 * CSV, JSON and Markdown are exactly what tool_table_print() gives for the same
 * rows (same keys, escaping and numbers); the plain table uses fixed widths
 * given up front and is not wrapped to the terminal. */

struct tool_stream {
  tool_table *t;      /* columns, keys and numeric flags; never holds rows */
  char **keys;
  int *width;
  FILE *out;
  tool_options opts;
  size_t rows;
};

tool_stream *tool_stream_new(const char *const *columns, int ncolumns, const int *widths,
                             const gboolean *numeric, FILE *out, const tool_options *opts) {
  tool_stream *s = g_new0(tool_stream, 1);
  tool_table *t = tool_table_new(columns, ncolumns);
  s->t = t;
  s->width = g_new0(int, ncolumns);
  for (int i = 0; i < ncolumns; i++) {
    glong l = tool_display_width(columns[i]);
    s->width[i] = widths && widths[i] > l ? widths[i] : (int)l;
    if (numeric && numeric[i])
      tool_table_set_numeric(t, i, TRUE);
  }
  s->out = out;
  s->opts = *opts;
  switch (opts->format) {
  case TOOL_FORMAT_CSV:
    s->keys = unique_keys(t);
    for (int c = 0; c < t->ncol; c++) {
      if (c) fputc(',', out);
      csv_field(out, s->keys[c]);
    }
    fputc('\n', out);
    break;
  case TOOL_FORMAT_JSON:
    s->keys = unique_keys(t);
    fputs("[\n", out);
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
    break;
  case TOOL_FORMAT_TABLE:
  default:
    for (int c = 0; c < t->ncol; c++) {
      if (opts->color) fputs("\033[1m", out);
      fputs(t->columns[c], out);
      if (opts->color) fputs("\033[0m", out);
      if (c + 1 < t->ncol)
        pad(out, s->width[c] + 2 - tool_display_width(t->columns[c]));
    }
    fputc('\n', out);
    for (int c = 0; c < t->ncol; c++) {
      for (int k = 0; k < s->width[c]; k++) fputc('-', out);
      if (c + 1 < t->ncol) fputs("  ", out);
    }
    fputc('\n', out);
    break;
  }
  return s;
}

void tool_stream_row(tool_stream *s, const char *const *values) {
  FILE *out = s->out;
  const tool_table *t = s->t;
  switch (s->opts.format) {
  case TOOL_FORMAT_CSV:
    for (int c = 0; c < t->ncol; c++) {
      if (c) fputc(',', out);
      csv_field(out, values[c]);
    }
    fputc('\n', out);
    break;
  case TOOL_FORMAT_JSON:
    fputs(s->rows ? "},\n  {" : "  {", out);
    for (int c = 0; c < t->ncol; c++) {
      if (c) fputs(", ", out);
      json_string(out, s->keys[c]);
      fputs(": ", out);
      json_value(out, t, c, values[c]);
    }
    break;
  case TOOL_FORMAT_MARKDOWN:
    fputc('|', out);
    for (int c = 0; c < t->ncol; c++) {
      fputc(' ', out);
      md_field(out, values[c]);
      fputs(" |", out);
    }
    fputc('\n', out);
    break;
  case TOOL_FORMAT_TABLE:
  default:
    for (int c = 0; c < t->ncol; c++) {
      const char *v = values[c] ? values[c] : "";
      glong l = tool_display_width(v);
      if (t->numeric[c])
        pad(out, s->width[c] - l);
      fputs(v, out);
      if (c + 1 < t->ncol)
        pad(out, t->numeric[c] ? 2 : s->width[c] + 2 - l);
    }
    fputc('\n', out);
    break;
  }
  s->rows++;
}

void tool_stream_end(tool_stream *s) {
  if (!s)
    return;
  if (s->opts.format == TOOL_FORMAT_JSON)
    fputs(s->rows ? "}\n]\n" : "]\n", s->out);
  g_strfreev(s->keys);
  g_free(s->width);
  tool_table_free(s->t);
  g_free(s);
}
