/*
 * libtraderules - strict JSON validation and value positions (internal).
 * SPDX-License-Identifier: MIT
 */
#ifndef TR_JSON_SCAN_H
#define TR_JSON_SCAN_H

#include "model/model-private.h"

G_BEGIN_DECLS

typedef struct {
  long key_line, key_column;     /* the member name (= the value for array elements and the root) */
  long value_line, value_column; /* the first byte of the value */
} tr_json_position;

/* Check that @data is one strict RFC 8259 JSON text within the loader's limits (file size,
 * depth, string length), valid UTF-8, with no duplicate member names, no \u0000 and no
 * unpaired surrogates. A leading UTF-8 BOM is skipped. On error records it (file = @name,
 * with line and column) and returns its code. */
int tri_json_validate(const char *data, size_t len, const char *name);

/* Length of a leading UTF-8 byte-order mark (0 or 3). */
size_t tri_json_bom_length(const char *data, size_t len);

/* Find the value at @path ("" = the root; "a.b[2].c") in validated JSON; TRUE if found. */
gboolean tri_json_locate(const char *data, size_t len, const char *path, tr_json_position *where);

G_END_DECLS

#endif /* TR_JSON_SCAN_H */
