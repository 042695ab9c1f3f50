/*
 * libtraderules - thread-local error records
 * SPDX-License-Identifier: MIT
 */
#include "core/tr-internal.h"

#include <stdarg.h>
#include <stdlib.h>

typedef struct {
  int code;
  char *message;
  char *file;
  char *field;
  long line;
  long column;
} tr_error_record;

struct tr_error_saved {
  tr_error_record rec;
};

static void record_clear(tr_error_record *r) {
  g_free(r->message);
  g_free(r->file);
  g_free(r->field);
  memset(r, 0, sizeof *r);
}

static void record_free(gpointer p) {
  tr_error_record *r = p;
  record_clear(r);
  g_free(r);
}

static GPrivate tr_error_key = G_PRIVATE_INIT(record_free);

static tr_error_record *record_get(gboolean create) {
  tr_error_record *r = g_private_get(&tr_error_key);
  if (!r && create) {
    r = g_new0(tr_error_record, 1);
    g_private_set(&tr_error_key, r);
  }
  return r;
}

int tri_set_error(int code, const char *file, long line, long column,
                 const char *field, const char *fmt, ...) {
  tr_error_record *r = record_get(TRUE);
  va_list ap;
  char *what;
  GString *msg = g_string_new(NULL);

  va_start(ap, fmt);
  what = g_strdup_vprintf(fmt, ap);
  va_end(ap);

  if (file) {
    g_string_append(msg, file);
    if (line > 0) {
      g_string_append_printf(msg, ":%ld", line);
      if (column > 0)
        g_string_append_printf(msg, ":%ld", column);
    }
    g_string_append(msg, ": ");
  }
  if (field)
    g_string_append_printf(msg, "field '%s': ", field);
  g_string_append(msg, what);
  g_free(what);

  record_clear(r);
  r->code = code;
  r->message = g_string_free(msg, FALSE);
  r->file = g_strdup(file);
  r->field = g_strdup(field);
  r->line = line > 0 ? line : 0;
  r->column = column > 0 ? column : 0;
  return code;
}

int tri_set_error_from_gerror(int code, const char *file, const GError *gerror) {
  return tri_set_error(code, file, 0, 0, NULL, "%s",
                      gerror && gerror->message ? gerror->message : "unknown error");
}

tr_error_saved *tri_error_save(void) {
  tr_error_record *r = record_get(FALSE);
  tr_error_saved *s = g_new0(tr_error_saved, 1);
  if (r) {
    s->rec.code = r->code;
    s->rec.message = g_strdup(r->message);
    s->rec.file = g_strdup(r->file);
    s->rec.field = g_strdup(r->field);
    s->rec.line = r->line;
    s->rec.column = r->column;
  }
  return s;
}

void tri_error_restore(tr_error_saved *saved) {
  tr_error_record *r;
  if (!saved)
    return;
  r = record_get(TRUE);
  record_clear(r);
  *r = saved->rec;
  g_free(saved);
}

int tr_error_code(void) {
  tr_error_record *r = record_get(FALSE);
  return r ? r->code : TR_OK;
}

const char *tr_error_message(void) {
  tr_error_record *r = record_get(FALSE);
  return r && r->message ? r->message : "";
}

const char *tr_error_file(void) {
  tr_error_record *r = record_get(FALSE);
  return r ? r->file : NULL;
}

long tr_error_line(void) {
  tr_error_record *r = record_get(FALSE);
  return r ? r->line : 0;
}

long tr_error_column(void) {
  tr_error_record *r = record_get(FALSE);
  return r ? r->column : 0;
}

const char *tr_error_field(void) {
  tr_error_record *r = record_get(FALSE);
  return r ? r->field : NULL;
}

void tr_error_clear(void) {
  tr_error_record *r = record_get(FALSE);
  if (r)
    record_clear(r);
}

const char *tr_status_id(int status) {
  switch (status) {
  case TR_OK: return "ok";
  case TR_ERR_INVALID_ARG: return "invalid_argument";
  case TR_ERR_NOMEM: return "out_of_memory";
  case TR_ERR_IO: return "io";
  case TR_ERR_PARSE: return "parse";
  case TR_ERR_ENCODING: return "encoding";
  case TR_ERR_SCHEMA: return "schema";
  case TR_ERR_DUPLICATE: return "duplicate";
  case TR_ERR_NOT_FOUND: return "not_found";
  case TR_ERR_REFERENCE: return "reference";
  case TR_ERR_LIMIT: return "limit";
  case TR_ERR_EMPTY: return "empty";
  case TR_ERR_UNSUPPORTED: return "unsupported";
  case TR_ERR_INTERNAL: return "internal";
  case TR_ERR_CANCELLED: return "cancelled";
  default: return "unknown";
  }
}

void tr_free(void *ptr) {
  g_free(ptr);
}
