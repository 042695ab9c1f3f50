/*
 * libtraderules - a small JSON reader that keeps line and column of every value
 * (internal; used for rules files so that errors can name their position).
 * SPDX-License-Identifier: MIT
 */
#ifndef TR_JSON_POS_H
#define TR_JSON_POS_H

#include <glib.h>

typedef enum {
  TR_JP_NULL,
  TR_JP_BOOL,
  TR_JP_NUMBER,
  TR_JP_STRING,
  TR_JP_ARRAY,
  TR_JP_OBJECT
} tr_jp_type;

typedef struct tr_jp_node tr_jp_node;

typedef struct {
  char *key;
  long line, column;
  tr_jp_node *value;
} tr_jp_member;

struct tr_jp_node {
  tr_jp_type type;
  long line, column;
  gboolean boolean;
  double number;
  char *string;     /* TR_JP_STRING (UTF-8, NUL-terminated) */
  GPtrArray *items; /* TR_JP_ARRAY: tr_jp_node*; TR_JP_OBJECT: tr_jp_member* */
};

/* Parse @data (length bytes). On error records a tr error (TR_ERR_ENCODING,
 * TR_ERR_PARSE or TR_ERR_LIMIT, with @name, line and column) and returns NULL. */
tr_jp_node *tri_jp_parse(const char *data, size_t length, const char *name);
void tri_jp_free(tr_jp_node *node);
const char *tri_jp_type_name(tr_jp_type type);

#endif /* TR_JSON_POS_H */
