/*
 * libtraderules - the library's one JSON reader: strict RFC 8259, iterative (an explicit
 * stack, never recursion), linear time, a tree whose nodes keep line and column.
 * See json.h for the rules; docs/catalog-format.md documents the limits.
 * SPDX-License-Identifier: MIT
 */
#include "core/json.h"

#include "core/tr-internal.h"

#include <stdarg.h>
#include <string.h>

/* ---- the document: nodes and strings live in one arena ------------------ */

typedef struct block {
  struct block *next;
  size_t used, size;
  /* data follows, 16-byte aligned */
} block;

#define BLOCK_HEADER ((sizeof(block) + 15) & ~(size_t)15)
#define BLOCK_FIRST ((size_t)16 * 1024)
#define BLOCK_MAX ((size_t)4 * 1024 * 1024)

struct tri_json_doc {
  block *blocks;       /* the current block first */
  size_t next_size;    /* size of the next block */
  tri_json_node *root;
  char *name;
};

/* NULL when memory runs out (g_try_malloc: the blocks grow with the input, so
 * running out is a TR_ERR_NOMEM error of the parse, not GLib's abort). */
static void *arena_alloc(tri_json_doc *d, size_t n) {
  n = (n + 7) & ~(size_t)7;
  block *b = d->blocks;
  if (!b || b->size - b->used < n) {
    if (n > d->next_size / 4) { /* a big item gets a block of its own, behind the current one */
      block *own = g_try_malloc(BLOCK_HEADER + n);
      if (!own)
        return NULL;
      own->size = own->used = n;
      if (b) {
        own->next = b->next;
        b->next = own;
      } else {
        own->next = NULL;
        d->blocks = own;
      }
      return (char *)own + BLOCK_HEADER;
    }
    b = g_try_malloc(BLOCK_HEADER + d->next_size);
    if (!b)
      return NULL;
    b->size = d->next_size;
    b->used = 0;
    b->next = d->blocks;
    d->blocks = b;
    if (d->next_size < BLOCK_MAX)
      d->next_size *= 2;
  }
  void *p = (char *)b + BLOCK_HEADER + b->used;
  b->used += n;
  return p;
}

static const char *arena_strndup(tri_json_doc *d, const char *s, size_t n) {
  char *p = arena_alloc(d, n + 1);
  if (!p)
    return NULL;
  memcpy(p, s, n);
  p[n] = '\0';
  return p;
}

void tri_json_free(tri_json_doc *doc) {
  if (!doc)
    return;
  for (block *b = doc->blocks, *next; b; b = next) {
    next = b->next;
    g_free(b);
  }
  g_free(doc->name);
  g_free(doc);
}

const tri_json_node *tri_json_root(const tri_json_doc *doc) {
  return doc ? doc->root : NULL;
}

const char *tri_json_name(const tri_json_doc *doc) {
  return doc ? doc->name : NULL;
}

/* ---- the parser ---------------------------------------------------------- */

typedef struct {
  tri_json_node *node; /* the container */
  guint32 start;       /* its first child in parser.pending */
  guint32 index;       /* arrays: index of the element being read */
  const char *key;     /* objects: name of the member being read */
  guint32 key_line, key_column;
  GHashTable *keys;    /* objects with many members: the names seen (borrowed from the arena) */
} frame;

typedef struct {
  const char *data;
  size_t len, pos;
  long line;
  size_t line_start;
  const char *name;
  tri_json_doc *doc;
  GArray *stack;       /* frame */
  GPtrArray *pending;  /* completed children of the open containers, innermost last */
  GString *buf;        /* decoding of strings with escapes */
  gboolean active;     /* the top container's current child is part of the field path */
} parser;

/* Objects with more members than this look up duplicate names in a hash table. */
#define LINEAR_KEYS 16

static long col_of(const parser *p, size_t off) {
  return (long)(off - p->line_start) + 1;
}

/* The field path of the value being read: "a.b[2].c" (NULL at the top level). */
static char *field_path(const parser *p) {
  GString *s = g_string_new(NULL);
  for (guint i = 0; i < p->stack->len; i++) {
    const frame *f = &g_array_index(p->stack, frame, i);
    if (i + 1 == p->stack->len && !p->active)
      break;
    if (f->node->type == TRI_JSON_OBJECT) {
      if (s->len)
        g_string_append_c(s, '.');
      g_string_append(s, f->key ? f->key : "");
    } else {
      g_string_append_printf(s, "[%u]", f->index);
    }
  }
  if (!s->len) {
    g_string_free(s, TRUE);
    return NULL;
  }
  return g_string_free(s, FALSE);
}

static int syntax_error(parser *p, int code, size_t off, const char *fmt, ...) G_GNUC_PRINTF(4, 5);

static int syntax_error(parser *p, int code, size_t off, const char *fmt, ...) {
  va_list ap;
  va_start(ap, fmt);
  char *msg = g_strdup_vprintf(fmt, ap);
  va_end(ap);
  char *field = field_path(p);
  tri_set_error(code, p->name, p->line, col_of(p, off), field, "%s", msg);
  g_free(field);
  g_free(msg);
  return code;
}

/* The parse tree grows with the input: when its memory cannot be had, a clean
 * TR_ERR_NOMEM naming the file and the place reached (docs/stability.md). */
static int out_of_memory(parser *p, size_t off) {
  return syntax_error(p, TR_ERR_NOMEM, off,
                      "out of memory building the JSON tree (%zu of %zu bytes read)", off, p->len);
}

static void skip_ws(parser *p) {
  const char *d = p->data;
  while (p->pos < p->len) {
    char c = d[p->pos];
    if (c == '\n') {
      p->line++;
      p->line_start = ++p->pos;
    } else if (c == ' ' || c == '\t' || c == '\r') {
      p->pos++;
    } else {
      break;
    }
  }
}

static int hex4(const char *s, unsigned int *out) {
  unsigned int v = 0;
  for (int i = 0; i < 4; i++) {
    int d = g_ascii_xdigit_value(s[i]);
    if (d < 0)
      return -1;
    v = v * 16 + (unsigned int)d;
  }
  *out = v;
  return 0;
}

/* A string starting at the opening quote, decoded into the arena. */
static int read_string(parser *p, const char **out, size_t *out_len) {
  const char *d = p->data;
  size_t start = p->pos;
  gboolean escaped = FALSE;
  p->pos++;
  for (;;) {
    size_t run = p->pos;
    while (p->pos < p->len && d[p->pos] != '"' && d[p->pos] != '\\' &&
           (unsigned char)d[p->pos] >= 0x20)
      p->pos++;
    if (escaped && p->pos > run)
      g_string_append_len(p->buf, d + run, (gssize)(p->pos - run));
    /* The limit applies to the bytes between the quotes, as written. */
    if (p->pos - start - 1 > TRI_JSON_MAX_STRING)
      return syntax_error(p, TR_ERR_LIMIT, start, "string longer than %zu bytes",
                          (size_t)TRI_JSON_MAX_STRING);
    if (p->pos >= p->len)
      return syntax_error(p, TR_ERR_PARSE, start, "unterminated string");
    unsigned char c = (unsigned char)d[p->pos];
    if (c == '"') {
      if (escaped) {
        *out = arena_strndup(p->doc, p->buf->str, p->buf->len);
        *out_len = p->buf->len;
      } else {
        *out = arena_strndup(p->doc, d + start + 1, p->pos - start - 1);
        *out_len = p->pos - start - 1;
      }
      if (!*out)
        return out_of_memory(p, start);
      p->pos++;
      return TR_OK;
    }
    if (c < 0x20)
      return syntax_error(p, TR_ERR_PARSE, p->pos, "control character 0x%02x in string (escape it)",
                          c);
    /* a backslash */
    if (!escaped) {
      escaped = TRUE;
      g_string_truncate(p->buf, 0);
      g_string_append_len(p->buf, d + start + 1, (gssize)(p->pos - start - 1));
    }
    if (p->pos + 1 >= p->len)
      return syntax_error(p, TR_ERR_PARSE, p->pos, "unterminated escape in string");
    char e = d[p->pos + 1];
    const char *simple = e ? strchr("\"\\/bfnrt", e) : NULL;
    if (simple) {
      static const char repl[] = "\"\\/\b\f\n\r\t";
      g_string_append_c(p->buf, repl[simple - "\"\\/bfnrt"]);
      p->pos += 2;
      continue;
    }
    if (e != 'u')
      return syntax_error(p, TR_ERR_PARSE, p->pos, "invalid escape '\\%c' in string",
                          g_ascii_isprint(e) ? e : '?');
    unsigned int u, lo;
    if (p->pos + 6 > p->len || hex4(d + p->pos + 2, &u) < 0)
      return syntax_error(p, TR_ERR_PARSE, p->pos, "invalid \\u escape in string");
    size_t esc = p->pos;
    p->pos += 6;
    if (u == 0)
      return syntax_error(p, TR_ERR_ENCODING, esc, "escape \\u0000 (NUL) in strings is not supported");
    if (u >= 0xDC00 && u <= 0xDFFF)
      return syntax_error(p, TR_ERR_ENCODING, esc, "unpaired low surrogate escape \\u%04X in string",
                          u);
    if (u >= 0xD800 && u <= 0xDBFF) {
      if (p->pos + 6 > p->len || d[p->pos] != '\\' || d[p->pos + 1] != 'u' ||
          hex4(d + p->pos + 2, &lo) < 0 || lo < 0xDC00 || lo > 0xDFFF)
        return syntax_error(p, TR_ERR_ENCODING, esc,
                            "unpaired high surrogate escape \\u%04X in string", u);
      p->pos += 6;
      u = 0x10000 + ((u - 0xD800) << 10) + (lo - 0xDC00);
    }
    g_string_append_unichar(p->buf, (gunichar)u);
  }
}

static int read_number(parser *p, tri_json_node *n) {
  const char *d = p->data;
  size_t start = p->pos;
  if (d[p->pos] == '-')
    p->pos++;
  if (p->pos >= p->len || !g_ascii_isdigit(d[p->pos]))
    return syntax_error(p, TR_ERR_PARSE, start, "invalid number");
  if (d[p->pos] == '0') {
    p->pos++;
  } else {
    while (p->pos < p->len && g_ascii_isdigit(d[p->pos]))
      p->pos++;
  }
  gboolean integer = TRUE;
  if (p->pos < p->len && d[p->pos] == '.') {
    integer = FALSE;
    p->pos++;
    if (p->pos >= p->len || !g_ascii_isdigit(d[p->pos]))
      return syntax_error(p, TR_ERR_PARSE, start, "invalid number (digit expected after '.')");
    while (p->pos < p->len && g_ascii_isdigit(d[p->pos]))
      p->pos++;
  }
  if (p->pos < p->len && (d[p->pos] == 'e' || d[p->pos] == 'E')) {
    integer = FALSE;
    p->pos++;
    if (p->pos < p->len && (d[p->pos] == '+' || d[p->pos] == '-'))
      p->pos++;
    if (p->pos >= p->len || !g_ascii_isdigit(d[p->pos]))
      return syntax_error(p, TR_ERR_PARSE, start, "invalid number (digit expected in exponent)");
    while (p->pos < p->len && g_ascii_isdigit(d[p->pos]))
      p->pos++;
  }
  size_t n_len = p->pos - start;
  if (integer && n_len > TRI_JSON_MAX_INTEGER_DIGITS)
    return syntax_error(p, TR_ERR_LIMIT, start,
                        "integer literal with more than %d digits (write it with an exponent)",
                        TRI_JSON_MAX_INTEGER_DIGITS);
  /* The bytes need not be NUL-terminated: convert a copy. */
  char small[64];
  char *text = n_len < sizeof small ? small : g_malloc(n_len + 1);
  memcpy(text, d + start, n_len);
  text[n_len] = '\0';
  if (integer) {
    n->type = TRI_JSON_INT;
    n->u.number.integer = g_ascii_strtoll(text, NULL, 10);
    n->u.number.value = (double)n->u.number.integer;
  } else {
    n->type = TRI_JSON_DOUBLE;
    n->u.number.value = g_ascii_strtod(text, NULL); /* +-inf when out of range */
  }
  if (text != small)
    g_free(text);
  return TR_OK;
}

static int read_literal(parser *p, tri_json_node *n) {
  static const struct {
    const char *word;
    size_t len;
    tri_json_type type;
    gboolean value;
  } lits[] = {
    { "true", 4, TRI_JSON_BOOL, TRUE },
    { "false", 5, TRI_JSON_BOOL, FALSE },
    { "null", 4, TRI_JSON_NULL, FALSE },
  };
  for (size_t i = 0; i < G_N_ELEMENTS(lits); i++)
    if (p->len - p->pos >= lits[i].len && memcmp(p->data + p->pos, lits[i].word, lits[i].len) == 0) {
      p->pos += lits[i].len;
      n->type = lits[i].type;
      n->u.boolean = lits[i].value;
      return TR_OK;
    }
  return syntax_error(p, TR_ERR_PARSE, p->pos, "unexpected character '%c'",
                      g_ascii_isprint(p->data[p->pos]) ? p->data[p->pos] : '?');
}

/* A new node at the current position, as the member or element being read. */
static tri_json_node *node_new(parser *p) {
  tri_json_node *n = arena_alloc(p->doc, sizeof *n);
  if (!n)
    return NULL;
  memset(n, 0, sizeof *n);
  n->line = (guint32)p->line;
  n->column = (guint32)col_of(p, p->pos);
  if (p->stack->len) {
    const frame *f = &g_array_index(p->stack, frame, p->stack->len - 1);
    if (f->node->type == TRI_JSON_OBJECT) {
      n->key = f->key;
      n->key_line = f->key_line;
      n->key_column = f->key_column;
      return n;
    }
  }
  n->key_line = n->line;
  n->key_column = n->column;
  return n;
}

/* Has the object @f already a member named @key? (Keeps the names seen.) */
static gboolean key_seen(parser *p, frame *f, const char *key) {
  guint32 n = p->pending->len - f->start;
  if (!f->keys && n < LINEAR_KEYS) {
    for (guint32 i = 0; i < n; i++)
      if (strcmp(((tri_json_node *)g_ptr_array_index(p->pending, f->start + i))->key, key) == 0)
        return TRUE;
    return FALSE;
  }
  if (!f->keys) {
    f->keys = g_hash_table_new(g_str_hash, g_str_equal);
    for (guint32 i = 0; i < n; i++)
      g_hash_table_add(f->keys, (gpointer)((tri_json_node *)g_ptr_array_index(p->pending, f->start + i))->key);
  }
  return !g_hash_table_add(f->keys, (gpointer)key);
}

/* Close the top container: its children move from pending into the arena.
 * NULL when memory runs out. */
static tri_json_node *pop(parser *p) {
  frame *f = &g_array_index(p->stack, frame, p->stack->len - 1);
  tri_json_node *n = f->node;
  guint32 count = p->pending->len - f->start;
  n->count = count;
  if (count) {
    n->u.items = arena_alloc(p->doc, count * sizeof *n->u.items);
    if (!n->u.items)
      return NULL;
    memcpy(n->u.items, p->pending->pdata + f->start, count * sizeof *n->u.items);
    g_ptr_array_set_size(p->pending, f->start);
  }
  if (f->keys)
    g_hash_table_destroy(f->keys);
  g_array_set_size(p->stack, p->stack->len - 1);
  return n;
}

static int run(parser *p) {
  tri_json_node *n = NULL;
  int rc = TR_OK;

  if (p->len >= 3 && memcmp(p->data, "\xEF\xBB\xBF", 3) == 0)
    p->pos = 3; /* a UTF-8 byte-order mark is tolerated */
  skip_ws(p);
  if (p->pos >= p->len)
    return syntax_error(p, TR_ERR_EMPTY, p->pos, "no JSON value (empty input)");

value:
  n = node_new(p);
  if (!n)
    return out_of_memory(p, p->pos);
  switch (p->data[p->pos]) {
  case '{':
  case '[': {
    gboolean object = p->data[p->pos] == '{';
    if (p->stack->len >= TRI_JSON_MAX_DEPTH)
      return syntax_error(p, TR_ERR_LIMIT, p->pos, "nesting deeper than %d levels",
                          TRI_JSON_MAX_DEPTH);
    n->type = object ? TRI_JSON_OBJECT : TRI_JSON_ARRAY;
    frame f = { n, p->pending->len, 0, NULL, 0, 0, NULL };
    g_array_append_val(p->stack, f);
    p->active = FALSE;
    p->pos++;
    skip_ws(p);
    if (p->pos < p->len && p->data[p->pos] == (object ? '}' : ']')) {
      p->pos++;
      if (!(n = pop(p)))
        return out_of_memory(p, p->pos);
      goto after;
    }
    if (object)
      goto key;
    p->active = TRUE;
    if (p->pos >= p->len)
      return syntax_error(p, TR_ERR_PARSE, p->pos, "unexpected end of input in array");
    goto value;
  }
  case '"':
    n->type = TRI_JSON_STRING;
    rc = read_string(p, &n->u.string.text, &n->u.string.length);
    break;
  case '-': case '0': case '1': case '2': case '3': case '4':
  case '5': case '6': case '7': case '8': case '9':
    rc = read_number(p, n);
    break;
  default:
    rc = read_literal(p, n);
    break;
  }
  if (rc)
    return rc;

after: /* n is complete */
  if (p->stack->len == 0) {
    p->doc->root = n;
    skip_ws(p);
    if (p->pos < p->len)
      return syntax_error(p, TR_ERR_PARSE, p->pos, "trailing data after the JSON value");
    return TR_OK;
  }
  g_ptr_array_add(p->pending, n);
  p->active = TRUE; /* the value just read is still the field named by an error at the end */
  skip_ws(p);
  {
    frame *top = &g_array_index(p->stack, frame, p->stack->len - 1);
    gboolean object = top->node->type == TRI_JSON_OBJECT;
    char close = object ? '}' : ']';
    if (p->pos >= p->len)
      return syntax_error(p, TR_ERR_PARSE, p->pos, "unexpected end of input (missing '%c')", close);
    p->active = FALSE;
    if (p->data[p->pos] == close) {
      p->pos++;
      if (!(n = pop(p)))
        return out_of_memory(p, p->pos);
      goto after;
    }
    if (p->data[p->pos] != ',')
      return syntax_error(p, TR_ERR_PARSE, p->pos, "expected ',' or '%c'", close);
    p->pos++;
    skip_ws(p);
    if (object)
      goto key;
    top->index++;
    p->active = TRUE;
    if (p->pos >= p->len)
      return syntax_error(p, TR_ERR_PARSE, p->pos, "unexpected end of input in array");
    goto value;
  }

key: {
    frame *top = &g_array_index(p->stack, frame, p->stack->len - 1);
    long key_line = p->line, key_col = col_of(p, p->pos);
    const char *key;
    size_t key_len;
    p->active = FALSE;
    if (p->pos >= p->len || p->data[p->pos] != '"')
      return syntax_error(p, TR_ERR_PARSE, p->pos, "expected a member name in double quotes");
    if ((rc = read_string(p, &key, &key_len)))
      return rc;
    skip_ws(p);
    if (p->pos >= p->len || p->data[p->pos] != ':')
      return syntax_error(p, TR_ERR_PARSE, p->pos, "expected ':' after member name");
    p->pos++;
    skip_ws(p);
    top->key = key;
    top->key_line = (guint32)key_line;
    top->key_column = (guint32)key_col;
    p->active = TRUE;
    if (key_seen(p, top, key)) {
      char *field = field_path(p);
      rc = tri_set_error(TR_ERR_SCHEMA, p->name, key_line, (long)top->key_column, field,
                         "duplicate member name '%s' (it appears twice in the same object)", key);
      g_free(field);
      return rc;
    }
    if (p->pos >= p->len)
      return syntax_error(p, TR_ERR_PARSE, p->pos, "unexpected end of input (member value expected)");
    goto value;
  }
}

static int utf8_check(const char *data, size_t len, const char *name) {
  const char *end = NULL;
  if (g_utf8_validate_len(data, len, &end))
    return TR_OK;
  size_t off = (size_t)(end - data);
  long line = 1;
  size_t line_start = 0;
  for (size_t i = 0; i < off; i++)
    if (data[i] == '\n') {
      line++;
      line_start = i + 1;
    }
  if (data[off] == '\0')
    return tri_set_error(TR_ERR_PARSE, name, line, (long)(off - line_start) + 1, NULL,
                         "NUL byte in JSON text");
  return tri_set_error(TR_ERR_ENCODING, name, line, (long)(off - line_start) + 1, NULL,
                       "invalid UTF-8 (byte 0x%02x at offset %zu)", (unsigned char)data[off], off);
}

int tri_json_parse(const char *data, size_t len, const char *name, tri_json_doc **out) {
  int rc;
  if (!name)
    name = "<memory>";
  if (!out || (!data && len))
    return tri_fail(TR_ERR_INVALID_ARG, "tri_json_parse: NULL argument");
  *out = NULL;
  if (!data)
    data = "";
  if (len > TRI_JSON_MAX_FILE)
    return tri_set_error(TR_ERR_LIMIT, name, 0, 0, NULL,
                         "input of %zu bytes exceeds the %zu-byte limit (%zu MiB)", len,
                         (size_t)TRI_JSON_MAX_FILE, (size_t)TRI_JSON_MAX_FILE >> 20);
  if ((rc = utf8_check(data, len, name)))
    return rc;

  parser p = { 0 };
  p.data = data;
  p.len = len;
  p.line = 1;
  p.name = name;
  p.doc = g_new0(tri_json_doc, 1);
  p.doc->next_size = BLOCK_FIRST;
  p.doc->name = g_strdup(name);
  p.stack = g_array_new(FALSE, FALSE, sizeof(frame));
  p.pending = g_ptr_array_new();
  p.buf = g_string_new(NULL);
  rc = run(&p);
  for (guint i = 0; i < p.stack->len; i++) {
    frame *f = &g_array_index(p.stack, frame, i);
    if (f->keys)
      g_hash_table_destroy(f->keys);
  }
  g_array_free(p.stack, TRUE);
  g_ptr_array_free(p.pending, TRUE);
  g_string_free(p.buf, TRUE);
  if (rc) {
    tri_json_free(p.doc);
    return rc;
  }
  *out = p.doc;
  return TR_OK;
}

/* ---- reading the tree ------------------------------------------------------ */

const tri_json_node *tri_json_get(const tri_json_node *obj, const char *key) {
  if (!obj || obj->type != TRI_JSON_OBJECT || !key)
    return NULL;
  for (guint32 i = 0; i < obj->count; i++)
    if (strcmp(obj->u.items[i]->key, key) == 0)
      return obj->u.items[i];
  return NULL;
}

const tri_json_node *tri_json_at(const tri_json_node *node, guint32 i) {
  if (!node || (node->type != TRI_JSON_ARRAY && node->type != TRI_JSON_OBJECT) || i >= node->count)
    return NULL;
  return node->u.items[i];
}

const char *tri_json_type_name(tri_json_type type) {
  switch (type) {
  case TRI_JSON_NULL: return "null";
  case TRI_JSON_BOOL: return "boolean";
  case TRI_JSON_INT: return "integer";
  case TRI_JSON_DOUBLE: return "number";
  case TRI_JSON_STRING: return "string";
  case TRI_JSON_ARRAY: return "array";
  case TRI_JSON_OBJECT: return "object";
  }
  return "value";
}

const char *tri_json_describe(const tri_json_node *node) {
  if (!node)
    return "nothing";
  switch (node->type) {
  case TRI_JSON_NULL: return "null";
  case TRI_JSON_BOOL: return "a boolean";
  case TRI_JSON_INT: return "an integer";
  case TRI_JSON_DOUBLE: return "a number";
  case TRI_JSON_STRING: return "a string";
  case TRI_JSON_ARRAY: return "an array";
  case TRI_JSON_OBJECT: return "an object";
  }
  return "a value";
}

int tri_json_error(int code, const char *file, const tri_json_node *node, gboolean at_key,
                   const char *field, const char *fmt, ...) {
  va_list ap;
  va_start(ap, fmt);
  char *msg = g_strdup_vprintf(fmt, ap);
  va_end(ap);
  long line = 0, col = 0;
  if (node) {
    line = at_key ? node->key_line : node->line;
    col = at_key ? node->key_column : node->column;
  }
  tri_set_error(code, file, line, col, field && *field ? field : NULL, "%s", msg);
  g_free(msg);
  return code;
}
