/*
 * libtraderules - a strict, iterative JSON scanner (RFC 8259) used before json-glib.
 *
 * It serves two purposes:
 *  1. Validation before json-glib sees the bytes: strict grammar (no comments, no single
 *     quotes, no trailing commas), valid UTF-8, no unpaired surrogate escapes, no \u0000,
 *     no duplicate member names, and the limits (depth, string length). It never recurses,
 *     so no input can exhaust the stack; every error carries line and column.
 *  2. Locating a value by its field path (`agreements[3].provisions[0].strength`) when the
 *     schema check needs to report where a node is: json-glib does not keep positions.
 *     This second pass runs only on error, so valid files pay nothing for it.
 * SPDX-License-Identifier: MIT
 */
#include "model/json-scan.h"

#include <string.h>

typedef struct {
  char kind;          /* '{' or '[' */
  size_t path_len;    /* length of the path of the container itself */
  guint index;        /* next array index */
  GHashTable *keys;   /* member names seen (objects only) */
} frame;

typedef struct {
  const char *data;
  size_t len;
  size_t pos;
  long line;
  size_t line_start;
  const char *name;   /* for error messages */
  /* locate mode */
  const char *target; /* NULL in validate mode */
  GString *path;
  GString *key;
  long key_line, key_col;
  gboolean found;
  tr_json_position *where;
  /* first error */
  int code;
} scanner;

static long col_of(const scanner *s, size_t off) {
  return (long)(off - s->line_start) + 1;
}

static int scan_error(scanner *s, int code, size_t off, const char *fmt, ...) G_GNUC_PRINTF(4, 5);

static int scan_error(scanner *s, int code, size_t off, const char *fmt, ...) {
  va_list ap;
  char *msg;
  if (s->target) { /* locate mode never reports */
    s->code = code;
    return code;
  }
  va_start(ap, fmt);
  msg = g_strdup_vprintf(fmt, ap);
  va_end(ap);
  tri_set_error(code, s->name, s->line, col_of(s, off), s->path->len ? s->path->str : NULL, "%s",
               msg);
  g_free(msg);
  s->code = code;
  return code;
}

static void skip_ws(scanner *s) {
  while (s->pos < s->len) {
    char c = s->data[s->pos];
    if (c == '\n') {
      s->line++;
      s->line_start = ++s->pos;
    } else if (c == ' ' || c == '\t' || c == '\r') {
      s->pos++;
    } else {
      break;
    }
  }
}

static int hex4(const char *p, unsigned int *out) {
  unsigned int v = 0;
  for (int i = 0; i < 4; i++) {
    int d = g_ascii_xdigit_value(p[i]);
    if (d < 0)
      return -1;
    v = v * 16 + (unsigned int)d;
  }
  *out = v;
  return 0;
}

/* Scan a string starting at the opening quote; decode into @out if non-NULL. */
static int scan_string(scanner *s, GString *out) {
  size_t start = s->pos;
  const char *d = s->data;
  s->pos++;
  if (out)
    g_string_truncate(out, 0);
  for (;;) {
    size_t run = s->pos;
    /* Copy plain bytes in runs. */
    while (s->pos < s->len && d[s->pos] != '"' && d[s->pos] != '\\' &&
           (unsigned char)d[s->pos] >= 0x20)
      s->pos++;
    if (out && s->pos > run)
      g_string_append_len(out, d + run, (gssize)(s->pos - run));
    /* The limit applies to the bytes between the quotes, as written. */
    if (s->pos - start - 1 > TR_JSON_MAX_STRING)
      return scan_error(s, TR_ERR_LIMIT, start, "string longer than %zu bytes",
                        (size_t)TR_JSON_MAX_STRING);
    if (s->pos >= s->len)
      return scan_error(s, TR_ERR_PARSE, start, "unterminated string");
    unsigned char c = (unsigned char)d[s->pos];
    if (c == '"') {
      s->pos++;
      return TR_OK;
    }
    if (c < 0x20)
      return scan_error(s, TR_ERR_PARSE, s->pos,
                        "control character 0x%02x in string (escape it)", c);
    /* backslash */
    if (s->pos + 1 >= s->len)
      return scan_error(s, TR_ERR_PARSE, s->pos, "unterminated escape in string");
    char e = d[s->pos + 1];
    const char *simple = strchr("\"\\/bfnrt", e);
    if (e != '\0' && simple) {
      static const char repl[] = "\"\\/\b\f\n\r\t";
      if (out)
        g_string_append_c(out, repl[simple - "\"\\/bfnrt"]);
      s->pos += 2;
      continue;
    }
    if (e != 'u')
      return scan_error(s, TR_ERR_PARSE, s->pos, "invalid escape '\\%c' in string",
                        g_ascii_isprint(e) ? e : '?');
    unsigned int u, lo;
    if (s->pos + 6 > s->len || hex4(d + s->pos + 2, &u) < 0)
      return scan_error(s, TR_ERR_PARSE, s->pos, "invalid \\u escape in string");
    size_t esc = s->pos;
    s->pos += 6;
    if (u == 0)
      return scan_error(s, TR_ERR_ENCODING, esc, "\\u0000 (NUL) in strings is not supported");
    if (u >= 0xDC00 && u <= 0xDFFF)
      return scan_error(s, TR_ERR_ENCODING, esc, "unpaired low surrogate \\u%04X in string", u);
    if (u >= 0xD800 && u <= 0xDBFF) {
      if (s->pos + 6 > s->len || d[s->pos] != '\\' || d[s->pos + 1] != 'u' ||
          hex4(d + s->pos + 2, &lo) < 0 || lo < 0xDC00 || lo > 0xDFFF)
        return scan_error(s, TR_ERR_ENCODING, esc, "unpaired high surrogate \\u%04X in string", u);
      s->pos += 6;
      u = 0x10000 + ((u - 0xD800) << 10) + (lo - 0xDC00);
    }
    if (out)
      g_string_append_unichar(out, (gunichar)u);
  }
}

static int scan_number(scanner *s) {
  const char *d = s->data;
  size_t start = s->pos;
  if (d[s->pos] == '-')
    s->pos++;
  if (s->pos >= s->len || !g_ascii_isdigit(d[s->pos]))
    return scan_error(s, TR_ERR_PARSE, start, "invalid number");
  if (d[s->pos] == '0') {
    s->pos++;
  } else {
    while (s->pos < s->len && g_ascii_isdigit(d[s->pos]))
      s->pos++;
  }
  gboolean integer = TRUE;
  if (s->pos < s->len && d[s->pos] == '.') {
    integer = FALSE;
    s->pos++;
    if (s->pos >= s->len || !g_ascii_isdigit(d[s->pos]))
      return scan_error(s, TR_ERR_PARSE, start, "invalid number (digit expected after '.')");
    while (s->pos < s->len && g_ascii_isdigit(d[s->pos]))
      s->pos++;
  }
  if (s->pos < s->len && (d[s->pos] == 'e' || d[s->pos] == 'E')) {
    integer = FALSE;
    s->pos++;
    if (s->pos < s->len && (d[s->pos] == '+' || d[s->pos] == '-'))
      s->pos++;
    if (s->pos >= s->len || !g_ascii_isdigit(d[s->pos]))
      return scan_error(s, TR_ERR_PARSE, start, "invalid number (digit expected in exponent)");
    while (s->pos < s->len && g_ascii_isdigit(d[s->pos]))
      s->pos++;
  }
  /* json-glib reads integers as 64-bit; refuse literals it could not represent exactly. */
  if (integer && s->pos - start > 18)
    return scan_error(s, TR_ERR_LIMIT, start,
                      "integer literal with more than 18 digits (write it with an exponent)");
  return TR_OK;
}

static int scan_literal(scanner *s) {
  static const char *const lits[] = { "true", "false", "null" };
  for (size_t i = 0; i < G_N_ELEMENTS(lits); i++) {
    size_t n = strlen(lits[i]);
    if (s->len - s->pos >= n && memcmp(s->data + s->pos, lits[i], n) == 0) {
      s->pos += n;
      return TR_OK;
    }
  }
  return scan_error(s, TR_ERR_PARSE, s->pos, "unexpected character '%c'",
                    g_ascii_isprint(s->data[s->pos]) ? s->data[s->pos] : '?');
}

/* Called at the start of every value (s->pos at its first byte); in locate mode checks the path. */
static gboolean at_value(scanner *s, gboolean member) {
  if (!s->target || strcmp(s->path->str, s->target) != 0)
    return FALSE;
  s->found = TRUE;
  s->where->value_line = s->line;
  s->where->value_column = col_of(s, s->pos);
  s->where->key_line = member ? s->key_line : s->where->value_line;
  s->where->key_column = member ? s->key_col : s->where->value_column;
  return TRUE;
}

static void frame_clear(gpointer p) {
  frame *f = p;
  if (f->keys)
    g_hash_table_destroy(f->keys);
}

static int run(scanner *s) {
  GArray *stack = g_array_new(FALSE, FALSE, sizeof(frame));
  gboolean member = FALSE;
  int rc = TR_OK;
  g_array_set_clear_func(stack, frame_clear);

  if (s->len >= 3 && memcmp(s->data, "\xEF\xBB\xBF", 3) == 0)
    s->pos = 3; /* a UTF-8 byte-order mark is tolerated */
  skip_ws(s);
  if (s->pos >= s->len) {
    rc = scan_error(s, TR_ERR_EMPTY, s->pos, "no JSON value (empty input)");
    goto out;
  }

value:
  if (at_value(s, member))
    goto out;
  switch (s->data[s->pos]) {
  case '{':
  case '[': {
    frame f = { s->data[s->pos], s->path->len, 0, NULL };
    if (stack->len >= TR_JSON_MAX_DEPTH) {
      rc = scan_error(s, TR_ERR_LIMIT, s->pos, "nesting deeper than %d levels", TR_JSON_MAX_DEPTH);
      goto out;
    }
    g_array_append_val(stack, f);
    s->pos++;
    skip_ws(s);
    if (s->pos < s->len && s->data[s->pos] == (f.kind == '{' ? '}' : ']')) {
      s->pos++;
      g_array_set_size(stack, stack->len - 1);
      goto after;
    }
    if (f.kind == '{')
      goto key;
    g_string_append(s->path, "[0]");
    g_array_index(stack, frame, stack->len - 1).index = 1;
    member = FALSE;
    if (s->pos >= s->len) {
      rc = scan_error(s, TR_ERR_PARSE, s->pos, "unexpected end of input in array");
      goto out;
    }
    goto value;
  }
  case '"':
    rc = scan_string(s, NULL);
    break;
  case '-': case '0': case '1': case '2': case '3': case '4':
  case '5': case '6': case '7': case '8': case '9':
    rc = scan_number(s);
    break;
  default:
    rc = scan_literal(s);
    break;
  }
  if (rc)
    goto out;

after:
  skip_ws(s);
  if (stack->len == 0) {
    if (s->pos < s->len)
      rc = scan_error(s, TR_ERR_PARSE, s->pos, "unexpected data after the JSON value");
    goto out;
  }
  {
    frame *top = &g_array_index(stack, frame, stack->len - 1);
    char close = top->kind == '{' ? '}' : ']';
    if (s->pos >= s->len) {
      rc = scan_error(s, TR_ERR_PARSE, s->pos, "unexpected end of input (missing '%c')", close);
      goto out;
    }
    g_string_truncate(s->path, top->path_len);
    if (s->data[s->pos] == close) {
      s->pos++;
      g_array_set_size(stack, stack->len - 1);
      goto after;
    }
    if (s->data[s->pos] != ',') {
      rc = scan_error(s, TR_ERR_PARSE, s->pos, "expected ',' or '%c'", close);
      goto out;
    }
    s->pos++;
    skip_ws(s);
    if (top->kind == '{')
      goto key;
    g_string_append_printf(s->path, "[%u]", top->index);
    top->index++;
    member = FALSE;
    if (s->pos >= s->len) {
      rc = scan_error(s, TR_ERR_PARSE, s->pos, "unexpected end of input in array");
      goto out;
    }
    goto value;
  }

key: {
    frame *top = &g_array_index(stack, frame, stack->len - 1);
    size_t key_off = s->pos;
    long key_line = s->line;
    if (s->pos >= s->len || s->data[s->pos] != '"') {
      rc = scan_error(s, TR_ERR_PARSE, s->pos, "expected a member name in double quotes");
      goto out;
    }
    if ((rc = scan_string(s, s->key)))
      goto out;
    skip_ws(s);
    if (s->pos >= s->len || s->data[s->pos] != ':') {
      rc = scan_error(s, TR_ERR_PARSE, s->pos, "expected ':' after member name");
      goto out;
    }
    s->pos++;
    skip_ws(s);
    if (!top->keys)
      top->keys = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL);
    if (top->path_len > 0)
      g_string_append_c(s->path, '.');
    g_string_append(s->path, s->key->str);
    s->key_line = key_line;
    s->key_col = col_of(s, key_off);
    if (!g_hash_table_add(top->keys, g_strdup(s->key->str))) {
      s->line = key_line;
      rc = scan_error(s, TR_ERR_SCHEMA, key_off, "duplicate member name '%s'", s->key->str);
      goto out;
    }
    member = TRUE;
    if (s->pos >= s->len) {
      rc = scan_error(s, TR_ERR_PARSE, s->pos, "unexpected end of input (member value expected)");
      goto out;
    }
    goto value;
  }

out:
  g_array_unref(stack);
  return rc;
}

static gboolean utf8_check(const char *data, size_t len, const char *name) {
  const char *end = NULL;
  if (g_utf8_validate_len(data, len, &end))
    return TRUE;
  size_t off = (size_t)(end - data);
  long line = 1;
  size_t line_start = 0;
  for (size_t i = 0; i < off; i++)
    if (data[i] == '\n') {
      line++;
      line_start = i + 1;
    }
  if (data[off] == '\0')
    tri_set_error(TR_ERR_PARSE, name, line, (long)(off - line_start) + 1, NULL,
                 "NUL byte in JSON text");
  else
    tri_set_error(TR_ERR_ENCODING, name, line, (long)(off - line_start) + 1, NULL,
                 "invalid UTF-8 (byte 0x%02x at offset %zu)", (unsigned char)data[off], off);
  return FALSE;
}

int tri_json_validate(const char *data, size_t len, const char *name) {
  scanner s = { 0 };
  if (len > TR_JSON_MAX_FILE)
    return tri_set_error(TR_ERR_LIMIT, name, 0, 0, NULL, "input of %zu bytes exceeds the %zu-byte limit",
                        len, (size_t)TR_JSON_MAX_FILE);
  if (!utf8_check(data, len, name))
    return tr_error_code();
  s.data = data;
  s.len = len;
  s.line = 1;
  s.name = name;
  s.path = g_string_new(NULL);
  s.key = g_string_new(NULL);
  int rc = run(&s);
  g_string_free(s.path, TRUE);
  g_string_free(s.key, TRUE);
  return rc;
}

size_t tri_json_bom_length(const char *data, size_t len) {
  return len >= 3 && memcmp(data, "\xEF\xBB\xBF", 3) == 0 ? 3 : 0;
}

gboolean tri_json_locate(const char *data, size_t len, const char *path, tr_json_position *where) {
  scanner s = { 0 };
  memset(where, 0, sizeof *where);
  if (!data || !path)
    return FALSE;
  s.data = data;
  s.len = len;
  s.line = 1;
  s.target = path;
  s.where = where;
  s.path = g_string_new(NULL);
  s.key = g_string_new(NULL);
  run(&s);
  g_string_free(s.path, TRUE);
  g_string_free(s.key, TRUE);
  return s.found;
}
