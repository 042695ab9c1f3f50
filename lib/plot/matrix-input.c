/*
 * libtraderules - the square labelled CSV matrix that 'traderules plot matrix
 * --input' draws (R's write.csv() layout), read through the library's input
 * layer (file limits, located errors). No cairo needed. plot.h.
 * SPDX-License-Identifier: MIT
 */
#include <glib.h>
#include <math.h>
#include <string.h>
#include <traderules/plot.h>

#include "core/tr-internal.h"

struct tr_plot_matrix_input {
  char **labels;  /* n + 1, NULL-terminated */
  size_t n;
  double *values; /* n x n, row-major; NaN = no value */
};

/* Strip blanks and one pair of surrounding quotes (a field written as ' "x" '). */
static char *unquote(char *s) {
  g_strstrip(s);
  size_t n = strlen(s);
  if (n >= 2 && s[0] == '"' && s[n - 1] == '"') {
    s[n - 1] = '\0';
    return s + 1;
  }
  return s;
}

/* One CSV record of one line (RFC 4180 quoting: "a,b" and "" inside quotes) ->
 * fields; NULL for a quote that does not close or stray text after one. */
static char **split_line(const char *line) {
  GPtrArray *f = g_ptr_array_new_with_free_func(g_free);
  GString *cur = g_string_new(NULL);
  const char *p = line;
  gboolean bad = FALSE;
  for (;;) {
    g_string_truncate(cur, 0);
    if (*p == '"') {
      for (p++;; p++) {
        if (!*p) {
          bad = TRUE;
          break;
        }
        if (*p == '"') {
          if (p[1] == '"') {
            g_string_append_c(cur, '"');
            p++;
            continue;
          }
          p++;
          break;
        }
        g_string_append_c(cur, *p);
      }
      if (!bad && *p && *p != ',')
        bad = TRUE;
    } else {
      while (*p && *p != ',')
        g_string_append_c(cur, *p++);
    }
    if (bad)
      break;
    g_ptr_array_add(f, g_strdup(cur->str));
    if (*p != ',')
      break;
    p++;
  }
  g_string_free(cur, TRUE);
  if (bad) {
    g_ptr_array_free(f, TRUE);
    return NULL;
  }
  g_ptr_array_set_free_func(f, NULL);
  g_ptr_array_add(f, NULL);
  return (char **)g_ptr_array_free(f, FALSE);
}

void tr_plot_matrix_input_free(tr_plot_matrix_input *m) {
  if (!m)
    return;
  g_strfreev(m->labels);
  g_free(m->values);
  g_free(m);
}

int tr_plot_matrix_input_read(const char *data, size_t length, const char *name, tr_plot_matrix_input **out) {
  if (out)
    *out = NULL;
  if (!data || !out)
    return tri_fail(TR_ERR_INVALID_ARG, "tr_plot_matrix_input_read: NULL argument");
  if (!name)
    name = "<matrix>";
  if (length > TR_INPUT_LIMIT)
    return tri_set_error(TR_ERR_LIMIT, name, 0, 0, NULL, "input of %zu bytes is over the limit of %zu bytes",
                         length, (size_t)TR_INPUT_LIMIT);
  /* a copy of the text, its lines, one line's fields and the values: a 9 MB input of
   * 1,000 x 1,000 values peaked at 2.8 bytes per input byte (RSS 35.7 MB against 10.2 MB
   * for a 4 x 4 input, with the command's own copy; /usr/bin/time -f %M traderules plot
   * matrix --input), so 4 bytes per byte is probed before the g_malloc calls begin */
  int rc = tri_mem_probe(tri_mem_mul(length + 1, 4), name, "a CSV matrix");
  if (rc != TR_OK)
    return rc;
  char *text = g_strndup(data, length); /* stops at a NUL byte, as the command's reader did */
  char **lines = g_strsplit(text, "\n", -1);
  g_free(text);
  GPtrArray *labels = g_ptr_array_new_with_free_func(g_free);
  GArray *values = g_array_new(FALSE, FALSE, sizeof(double));
  size_t n = 0, row = 0;
  rc = TR_OK;
  for (size_t li = 0; lines[li] && rc == TR_OK; li++) {
    char *line = lines[li];
    g_strchomp(line);
    if (!*line)
      continue;
    char **cells = split_line(line);
    if (!cells) {
      rc = tri_set_error(TR_ERR_PARSE, name, (long)li + 1, 0, NULL, "a quoted field does not close properly");
      break;
    }
    size_t nc = g_strv_length(cells);
    if (li == 0) {
      n = nc - 1;
      for (size_t i = 1; i < nc; i++)
        g_ptr_array_add(labels, g_strdup(unquote(cells[i])));
      if (n == 0)
        rc = tri_set_error(TR_ERR_PARSE, name, 1, 0, NULL, "the header names no item");
    } else if (nc != n + 1) {
      rc = tri_set_error(TR_ERR_PARSE, name, (long)li + 1, 0, NULL, "expected %zu fields, found %zu", n + 1, nc);
    } else {
      for (size_t i = 1; i < nc && rc == TR_OK; i++) {
        char *v = unquote(cells[i]), *end = NULL;
        double d = NAN;
        if (*v && strcmp(v, "NA") != 0) {
          d = g_ascii_strtod(v, &end);
          if (*end || end == v || !isfinite(d)) /* "nan", "inf": use NA or an empty field */
            rc = tri_set_error(TR_ERR_PARSE, name, (long)li + 1, 0, NULL, "field %zu: not a number: '%s'", i + 1,
                               v);
        }
        g_array_append_val(values, d);
      }
      row++;
    }
    g_strfreev(cells);
  }
  g_strfreev(lines);
  if (rc == TR_OK && row != n)
    rc = tri_set_error(TR_ERR_PARSE, name, 0, 0, NULL, "%zu rows for %zu columns; the matrix must be square", row,
                       n);
  if (rc != TR_OK) {
    g_ptr_array_free(labels, TRUE);
    g_array_free(values, TRUE);
    return rc;
  }
  tr_plot_matrix_input *m = g_new0(tr_plot_matrix_input, 1);
  m->n = n;
  g_ptr_array_add(labels, NULL);
  m->labels = (char **)g_ptr_array_free(labels, FALSE);
  m->values = (double *)(void *)g_array_free(values, FALSE);
  *out = m;
  return TR_OK;
}

int tr_plot_matrix_input_read_file(const char *path, tr_plot_matrix_input **out) {
  if (out)
    *out = NULL;
  if (!path || !out)
    return tri_fail(TR_ERR_INVALID_ARG, "tr_plot_matrix_input_read_file: NULL argument");
  char *data = NULL;
  size_t length = 0;
  int rc = tri_io_read_file(path, 0, &data, &length);
  if (rc != TR_OK)
    return rc;
  rc = tr_plot_matrix_input_read(data, length, path, out);
  g_free(data);
  return rc;
}

size_t tr_plot_matrix_input_size(const tr_plot_matrix_input *m) {
  return m ? m->n : 0;
}

const char *tr_plot_matrix_input_label_at(const tr_plot_matrix_input *m, size_t index) {
  return m && index < m->n ? m->labels[index] : NULL;
}

const char *const *tr_plot_matrix_input_labels(const tr_plot_matrix_input *m) {
  return m ? (const char *const *)m->labels : NULL;
}

const double *tr_plot_matrix_input_values(const tr_plot_matrix_input *m) {
  return m ? m->values : NULL;
}
