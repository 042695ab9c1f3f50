/*
 * libtraderules - a small JSON reader that keeps line and column of every value.
 * SPDX-License-Identifier: MIT
 */
#include "coder/json-pos.h"

#include "core/tr-internal.h"

#include <stdlib.h>
#include <string.h>

#define TR_JP_MAX_DEPTH 64

typedef struct {
  const char *p, *end, *start;
  const char *name;
  const char *line_start;
  long line;
  int depth;
} jp_parser;

static long col_of(const jp_parser *ps, const char *at) {
  return (long)(at - ps->line_start) + 1;
}

static tr_jp_node *fail(jp_parser *ps, int code, const char *at, const char *msg) {
  tri_set_error(code, ps->name, ps->line, col_of(ps, at), NULL, "%s", msg);
  return NULL;
}

static void skip_ws(jp_parser *ps) {
  while (ps->p < ps->end) {
    char c = *ps->p;
    if (c == '\n') {
      ps->line++;
      ps->p++;
      ps->line_start = ps->p;
    } else if (c == ' ' || c == '\t' || c == '\r') {
      ps->p++;
    } else {
      break;
    }
  }
}

static tr_jp_node *node_new(jp_parser *ps, tr_jp_type type) {
  tr_jp_node *n = g_new0(tr_jp_node, 1);
  n->type = type;
  n->line = ps->line;
  n->column = col_of(ps, ps->p);
  return n;
}

static void member_free(gpointer p) {
  tr_jp_member *m = p;
  g_free(m->key);
  tri_jp_free(m->value);
  g_free(m);
}

void tri_jp_free(tr_jp_node *node) {
  if (!node)
    return;
  g_free(node->string);
  if (node->items)
    g_ptr_array_free(node->items, TRUE);
  g_free(node);
}

const char *tri_jp_type_name(tr_jp_type type) {
  switch (type) {
  case TR_JP_NULL: return "null";
  case TR_JP_BOOL: return "boolean";
  case TR_JP_NUMBER: return "number";
  case TR_JP_STRING: return "string";
  case TR_JP_ARRAY: return "array";
  case TR_JP_OBJECT: return "object";
  }
  return "?";
}

static int hexval(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

static gboolean read_hex4(jp_parser *ps, gunichar *out) {
  gunichar v = 0;
  if (ps->end - ps->p < 4)
    return FALSE;
  for (int i = 0; i < 4; i++) {
    int h = hexval(ps->p[i]);
    if (h < 0)
      return FALSE;
    v = v * 16 + (gunichar)h;
  }
  ps->p += 4;
  *out = v;
  return TRUE;
}

/* ps->p at the opening quote; returns a new string or NULL (error recorded). */
static char *parse_string_raw(jp_parser *ps) {
  const char *open = ps->p;
  GString *s = g_string_new(NULL);
  ps->p++;
  while (ps->p < ps->end) {
    unsigned char c = (unsigned char)*ps->p;
    if (c == '"') {
      ps->p++;
      return g_string_free(s, FALSE);
    }
    if (c < 0x20) {
      fail(ps, TR_ERR_PARSE, ps->p, "control character in string");
      g_string_free(s, TRUE);
      return NULL;
    }
    if (c == '\\') {
      const char *esc = ps->p;
      ps->p++;
      if (ps->p >= ps->end)
        break;
      char e = *ps->p++;
      switch (e) {
      case '"': g_string_append_c(s, '"'); break;
      case '\\': g_string_append_c(s, '\\'); break;
      case '/': g_string_append_c(s, '/'); break;
      case 'b': g_string_append_c(s, '\b'); break;
      case 'f': g_string_append_c(s, '\f'); break;
      case 'n': g_string_append_c(s, '\n'); break;
      case 'r': g_string_append_c(s, '\r'); break;
      case 't': g_string_append_c(s, '\t'); break;
      case 'u': {
        gunichar u, lo;
        if (!read_hex4(ps, &u))
          goto bad_escape;
        if (u >= 0xD800 && u <= 0xDBFF) {
          if (ps->end - ps->p < 6 || ps->p[0] != '\\' || ps->p[1] != 'u')
            goto bad_escape;
          ps->p += 2;
          if (!read_hex4(ps, &lo) || lo < 0xDC00 || lo > 0xDFFF)
            goto bad_escape;
          u = 0x10000 + ((u - 0xD800) << 10) + (lo - 0xDC00);
        } else if (u >= 0xDC00 && u <= 0xDFFF) {
          goto bad_escape;
        }
        if (u == 0)
          goto bad_escape;
        g_string_append_unichar(s, u);
        break;
      }
      default:
      bad_escape:
        fail(ps, TR_ERR_PARSE, esc, "invalid escape in string");
        g_string_free(s, TRUE);
        return NULL;
      }
      continue;
    }
    g_string_append_c(s, (char)c);
    ps->p++;
  }
  fail(ps, TR_ERR_PARSE, open, "unterminated string");
  g_string_free(s, TRUE);
  return NULL;
}

static tr_jp_node *parse_value(jp_parser *ps);

static tr_jp_node *parse_array(jp_parser *ps) {
  tr_jp_node *n = node_new(ps, TR_JP_ARRAY);
  n->items = g_ptr_array_new_with_free_func((GDestroyNotify)tri_jp_free);
  ps->p++;
  skip_ws(ps);
  if (ps->p < ps->end && *ps->p == ']') {
    ps->p++;
    return n;
  }
  for (;;) {
    tr_jp_node *v = parse_value(ps);
    if (!v)
      goto error;
    g_ptr_array_add(n->items, v);
    skip_ws(ps);
    if (ps->p >= ps->end) {
      fail(ps, TR_ERR_PARSE, ps->p, "unexpected end of input in array");
      goto error;
    }
    if (*ps->p == ',') {
      ps->p++;
      continue;
    }
    if (*ps->p == ']') {
      ps->p++;
      return n;
    }
    fail(ps, TR_ERR_PARSE, ps->p, "expected ',' or ']' in array");
    goto error;
  }
error:
  tri_jp_free(n);
  return NULL;
}

static tr_jp_node *parse_object(jp_parser *ps) {
  tr_jp_node *n = node_new(ps, TR_JP_OBJECT);
  n->items = g_ptr_array_new_with_free_func(member_free);
  ps->p++;
  skip_ws(ps);
  if (ps->p < ps->end && *ps->p == '}') {
    ps->p++;
    return n;
  }
  for (;;) {
    skip_ws(ps);
    if (ps->p >= ps->end || *ps->p != '"') {
      fail(ps, TR_ERR_PARSE, ps->p, "expected a member name in quotes");
      goto error;
    }
    tr_jp_member *m = g_new0(tr_jp_member, 1);
    m->line = ps->line;
    m->column = col_of(ps, ps->p);
    m->key = parse_string_raw(ps);
    if (!m->key) {
      g_free(m);
      goto error;
    }
    for (guint i = 0; i < n->items->len; i++) {
      tr_jp_member *o = g_ptr_array_index(n->items, i);
      if (strcmp(o->key, m->key) == 0) {
        tri_set_error(TR_ERR_PARSE, ps->name, m->line, m->column, m->key,
                     "member '%s' appears twice in the same object", m->key);
        member_free(m);
        goto error;
      }
    }
    g_ptr_array_add(n->items, m);
    skip_ws(ps);
    if (ps->p >= ps->end || *ps->p != ':') {
      fail(ps, TR_ERR_PARSE, ps->p, "expected ':' after member name");
      goto error;
    }
    ps->p++;
    m->value = parse_value(ps);
    if (!m->value)
      goto error;
    skip_ws(ps);
    if (ps->p >= ps->end) {
      fail(ps, TR_ERR_PARSE, ps->p, "unexpected end of input in object");
      goto error;
    }
    if (*ps->p == ',') {
      ps->p++;
      continue;
    }
    if (*ps->p == '}') {
      ps->p++;
      return n;
    }
    fail(ps, TR_ERR_PARSE, ps->p, "expected ',' or '}' in object");
    goto error;
  }
error:
  tri_jp_free(n);
  return NULL;
}

static tr_jp_node *parse_number(jp_parser *ps) {
  const char *s = ps->p;
  const char *q = s;
  if (q < ps->end && *q == '-')
    q++;
  if (q >= ps->end || !g_ascii_isdigit(*q))
    return fail(ps, TR_ERR_PARSE, s, "invalid number");
  while (q < ps->end && (g_ascii_isdigit(*q) || *q == '.' || *q == 'e' || *q == 'E' ||
                         *q == '+' || *q == '-'))
    q++;
  char *tmp = g_strndup(s, (gsize)(q - s));
  char *endp = NULL;
  double v = g_ascii_strtod(tmp, &endp);
  gboolean ok = endp && *endp == '\0';
  g_free(tmp);
  if (!ok)
    return fail(ps, TR_ERR_PARSE, s, "invalid number");
  tr_jp_node *n = node_new(ps, TR_JP_NUMBER);
  n->number = v;
  ps->p = q;
  return n;
}

static gboolean match_word(jp_parser *ps, const char *w) {
  size_t l = strlen(w);
  if ((size_t)(ps->end - ps->p) >= l && memcmp(ps->p, w, l) == 0) {
    const char *after = ps->p + l;
    if (after < ps->end && g_ascii_isalnum(*after))
      return FALSE;
    return TRUE;
  }
  return FALSE;
}

static tr_jp_node *parse_value(jp_parser *ps) {
  skip_ws(ps);
  if (ps->p >= ps->end)
    return fail(ps, TR_ERR_PARSE, ps->p, "unexpected end of input");
  if (ps->depth >= TR_JP_MAX_DEPTH)
    return fail(ps, TR_ERR_LIMIT, ps->p, "nesting deeper than 64 levels");
  char c = *ps->p;
  tr_jp_node *n = NULL;
  switch (c) {
  case '{':
    ps->depth++;
    n = parse_object(ps);
    ps->depth--;
    return n;
  case '[':
    ps->depth++;
    n = parse_array(ps);
    ps->depth--;
    return n;
  case '"': {
    n = node_new(ps, TR_JP_STRING);
    n->string = parse_string_raw(ps);
    if (!n->string) {
      tri_jp_free(n);
      return NULL;
    }
    return n;
  }
  default:
    break;
  }
  if (match_word(ps, "true") || match_word(ps, "false")) {
    n = node_new(ps, TR_JP_BOOL);
    n->boolean = (c == 't');
    ps->p += n->boolean ? 4 : 5;
    return n;
  }
  if (match_word(ps, "null")) {
    n = node_new(ps, TR_JP_NULL);
    ps->p += 4;
    return n;
  }
  if (c == '-' || g_ascii_isdigit(c))
    return parse_number(ps);
  return fail(ps, TR_ERR_PARSE, ps->p, "unexpected character");
}

tr_jp_node *tri_jp_parse(const char *data, size_t length, const char *name) {
  jp_parser ps = { data, data + length, data, name ? name : "<rules>", data, 1, 0 };
  const char *bad = NULL;
  if (!g_utf8_validate_len(data, length, &bad)) {
    /* Locate the bad byte for the message. */
    const char *p;
    for (p = data; p < bad; p++)
      if (*p == '\n') {
        ps.line++;
        ps.line_start = p + 1;
      }
    tri_set_error(TR_ERR_ENCODING, ps.name, ps.line, col_of(&ps, bad), NULL,
                 "invalid UTF-8");
    return NULL;
  }
  /* Skip a UTF-8 byte-order mark. */
  if (length >= 3 && memcmp(data, "\xEF\xBB\xBF", 3) == 0) {
    ps.p += 3;
    ps.line_start = ps.p;
  }
  tr_jp_node *root = parse_value(&ps);
  if (!root)
    return NULL;
  skip_ws(&ps);
  if (ps.p < ps.end) {
    fail(&ps, TR_ERR_PARSE, ps.p, "trailing content after the JSON value");
    tri_jp_free(root);
    return NULL;
  }
  return root;
}
