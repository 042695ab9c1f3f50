/*
 * libtraderules - the library's one JSON reader (internal).
 *
 * Every JSON loader (catalog, coder rules, barrier profiles, bloc membership) parses
 * through tri_json_parse(): strict RFC 8259 (no comments, no single quotes, no trailing
 * commas, no leading zeros, no NaN), valid UTF-8, no \u0000 and no unpaired surrogate
 * escapes, no duplicate member names, and the limits below. It never recurses, so no
 * input can exhaust the stack, and it runs in time linear in the input. The result is a
 * tree in which every node knows the line and column (1-based; the column counts bytes
 * from the start of the line) of its first byte and, for object members, of its name.
 * Syntax errors name the file, line, column and the field path of the value being read
 * (`agreements[3].provisions[0]`); schema errors found by a loader use the node's
 * position through tri_json_error().
 * SPDX-License-Identifier: MIT
 */
#ifndef TR_CORE_JSON_H
#define TR_CORE_JSON_H

#include <glib.h>
#include <traderules/traderules.h>

G_BEGIN_DECLS

/* The limits (documented in docs/catalog-format.md; the file size is io.h's TR_INPUT_LIMIT). */
#define TRI_JSON_MAX_FILE TR_INPUT_LIMIT
#define TRI_JSON_MAX_DEPTH 64
#define TRI_JSON_MAX_STRING ((size_t)1024 * 1024)
/* Integer literals longer than this (sign included) are refused: they could not be held
 * exactly in 64 bits. Write larger numbers with an exponent. */
#define TRI_JSON_MAX_INTEGER_DIGITS 18

typedef enum {
  TRI_JSON_NULL,
  TRI_JSON_BOOL,
  TRI_JSON_INT,    /* a number written without fraction or exponent */
  TRI_JSON_DOUBLE, /* any other number */
  TRI_JSON_STRING,
  TRI_JSON_ARRAY,
  TRI_JSON_OBJECT,
} tri_json_type;

typedef struct tri_json_node tri_json_node;

struct tri_json_node {
  tri_json_type type;
  guint32 count;                /* ARRAY: elements; OBJECT: members */
  guint32 line, column;         /* the first byte of the value */
  guint32 key_line, key_column; /* the member name (= the value outside objects) */
  const char *key;              /* the member name (NULL outside objects) */
  union {
    gboolean boolean;           /* BOOL */
    struct {
      gint64 integer;           /* INT */
      double value;             /* INT and DOUBLE (may be +-inf when out of range) */
    } number;
    struct {
      const char *text;         /* STRING: UTF-8, NUL-terminated, no NUL inside */
      size_t length;
    } string;
    tri_json_node **items;      /* ARRAY and OBJECT: children in document order */
  } u;
};

typedef struct tri_json_doc tri_json_doc;

/* Parse @len bytes of @data (need not be NUL-terminated; a leading UTF-8 byte-order mark is
 * skipped). @name names the input in error messages. On success *out receives the document
 * (free with tri_json_free()); on error records it (TR_ERR_PARSE, TR_ERR_ENCODING,
 * TR_ERR_LIMIT, TR_ERR_EMPTY for no value, TR_ERR_SCHEMA for a duplicate member name)
 * and returns its code. */
int tri_json_parse(const char *data, size_t len, const char *name, tri_json_doc **out);
void tri_json_free(tri_json_doc *doc);
const tri_json_node *tri_json_root(const tri_json_doc *doc);
const char *tri_json_name(const tri_json_doc *doc);

/* Member @key of @obj (NULL if absent or if @obj is not an object); element @i of an array
 * or member @i of an object (NULL out of range). */
const tri_json_node *tri_json_get(const tri_json_node *obj, const char *key);
const tri_json_node *tri_json_at(const tri_json_node *node, guint32 i);

static inline gboolean tri_json_is(const tri_json_node *n, tri_json_type t) {
  return n && n->type == t;
}
static inline gboolean tri_json_is_number(const tri_json_node *n) {
  return n && (n->type == TRI_JSON_INT || n->type == TRI_JSON_DOUBLE);
}

/* "object", "array", "string", "integer", "number", "boolean", "null". */
const char *tri_json_type_name(tri_json_type type);
/* The same with an article: "an object", "a string", ..., "null". */
const char *tri_json_describe(const tri_json_node *node);

/* Record an error located at @node (its value, or its member name if @at_key; NULL: no
 * position) in @file, naming @field (may be NULL); returns @code. */
int tri_json_error(int code, const char *file, const tri_json_node *node, gboolean at_key,
                   const char *field, const char *fmt, ...) G_GNUC_PRINTF(6, 7);

G_END_DECLS

#endif /* TR_CORE_JSON_H */
