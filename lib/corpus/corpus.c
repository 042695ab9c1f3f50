/*
 * libtraderules - ToTA XML ingest (libxml2 SAX2, one file per worker thread).
 * SPDX-License-Identifier: MIT
 */
#include "corpus/tr-corpus-internal.h"

#include <libxml/parser.h>
#include <libxml/parserInternals.h>
#include <libxml/SAX2.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#define N_META (TR_CORPUS_FIELD_FILE + 1)

typedef struct {
  char *meta[N_META];
  char **parties[2];
  size_t nparties[2];
  size_t ch_first, ch_count, ar_first, ar_count;
  uint32_t date;
} agr_t;

typedef struct {
  size_t agreement;
  char *name, *number, *ident;
  size_t ar_first, ar_count;
} chap_t;

typedef struct {
  uint32_t agreement, chapter;
  char *name, *number, *ident, *text;
  size_t len;
} art_t;

/* One parsed file: owns its strings. */
typedef struct {
  GPtrArray *strings; /* every string of the document, exactly sized (owned) */
  agr_t a;
  GArray *chapters; /* chap_t, ar_first local */
  GArray *articles; /* art_t, chapter local */
  GPtrArray *parties[2];
} doc_t;

/* An error found while parsing one file (workers do not touch thread-local errors). */
typedef struct {
  int code;
  char *file;
  long line, column;
  char *msg;
} perr_t;

struct tr_corpus {
  GPtrArray *docs;   /* doc_t */
  GArray *agreements, *chapters, *articles;
  GHashTable *by_tota; /* borrowed id -> index + 1 */
  unsigned threads;
  tr_progress_fn progress;
  void *progress_ud;
  GMutex progress_lock;
  gint index_refs;
  int64_t phase_wall_us[TR_PHASE_COUNT], phase_cpu_ns[TR_PHASE_COUNT]; /* atomic adds */
};

struct tr_corpus_errors {
  GArray *items; /* perr_t */
};

static void doc_free(doc_t *d) {
  if (!d)
    return;
  if (d->strings)
    g_ptr_array_free(d->strings, TRUE);
  if (d->chapters)
    g_array_free(d->chapters, TRUE);
  if (d->articles)
    g_array_free(d->articles, TRUE);
  for (int k = 0; k < 2; k++) {
    if (d->parties[k])
      g_ptr_array_free(d->parties[k], TRUE);
  }
  g_free(d);
}

static void perr_clear(perr_t *e) {
  g_free(e->file);
  g_free(e->msg);
  memset(e, 0, sizeof *e);
}

static void perr_set(perr_t *e, int code, const char *file, long line, long col, const char *fmt,
                     ...) G_GNUC_PRINTF(6, 7);
static void perr_set(perr_t *e, int code, const char *file, long line, long col, const char *fmt,
                     ...) {
  va_list ap;
  if (e->code)
    return; /* keep the first */
  e->code = code;
  e->file = g_strdup(file);
  e->line = line;
  e->column = col;
  va_start(ap, fmt);
  e->msg = g_strdup_vprintf(fmt, ap);
  va_end(ap);
}

/* ---- SAX parsing ---- */

typedef enum {
  EL_ROOT, EL_META, EL_META_FIELD, EL_PARTIES, EL_PARTY, EL_BODY, EL_CHAPTER, EL_ARTICLE,
  EL_IGNORE
} el_kind;

#define MAX_DEPTH 64

typedef struct {
  xmlParserCtxtPtr ctxt;
  doc_t *d;
  const char *fname;
  int depth;
  el_kind stack[MAX_DEPTH];
  int field;    /* meta field being read, or -1 */
  int parties;  /* party list being read */
  GString *text;
  gboolean capture;
  gboolean seen_root, seen_meta, seen_body;
  perr_t err;
} sax_t;

static const struct {
  const char *name;
  tr_corpus_field field;
} meta_names[] = {
  { "name", TR_CORPUS_FIELD_NAME },
  { "type", TR_CORPUS_FIELD_TYPE },
  { "status", TR_CORPUS_FIELD_STATUS },
  { "notification", TR_CORPUS_FIELD_NOTIFICATION },
  { "date_signed", TR_CORPUS_FIELD_DATE_SIGNED },
  { "date_into_force", TR_CORPUS_FIELD_DATE_INTO_FORCE },
  { "date_notification", TR_CORPUS_FIELD_DATE_NOTIFICATION },
  { "end_implementation", TR_CORPUS_FIELD_END_IMPLEMENTATION },
  { "date_inactive", TR_CORPUS_FIELD_DATE_INACTIVE },
  { "composition", TR_CORPUS_FIELD_COMPOSITION },
  { "region", TR_CORPUS_FIELD_REGION },
  { "language", TR_CORPUS_FIELD_LANGUAGE },
  { "treaty_identifier", TR_CORPUS_FIELD_TOTA_ID },
  { "wto_rta_id", TR_CORPUS_FIELD_WTO_RTA_ID },
};

static void sax_fail(sax_t *s, int code, const char *fmt, ...) G_GNUC_PRINTF(3, 4);
static void sax_fail(sax_t *s, int code, const char *fmt, ...) {
  va_list ap;
  char *m;
  va_start(ap, fmt);
  m = g_strdup_vprintf(fmt, ap);
  va_end(ap);
  perr_set(&s->err, code, s->fname, xmlSAX2GetLineNumber(s->ctxt),
           xmlSAX2GetColumnNumber(s->ctxt), "%s", m);
  g_free(m);
  xmlStopParser(s->ctxt);
}

static const char *attr(int nb, const xmlChar **attrs, const char *name, size_t *len) {
  for (int i = 0; i < nb; i++) {
    const xmlChar **a = attrs + 5 * i;
    if (strcmp((const char *)a[0], name) == 0) {
      *len = (size_t)(a[4] - a[3]);
      return (const char *)a[3];
    }
  }
  return NULL;
}

static char *doc_strdup(doc_t *d, const char *str, size_t len) {
  char *c = g_malloc(len + 1);
  memcpy(c, str, len);
  c[len] = '\0';
  g_ptr_array_add(d->strings, c);
  return c;
}

static char *attr_dup(sax_t *s, int nb, const xmlChar **attrs, const char *name) {
  size_t len = 0;
  const char *v = attr(nb, attrs, name, &len);
  if (!v)
    return NULL;
  /* Attribute values may hold entity-expanded text only after normalisation; the
   * SAX2 values are already expanded for the predefined entities. */
  return doc_strdup(s->d, v, len);
}

static char *chunk_strip(sax_t *s, GString *g) {
  char *t = g_strstrip(g->str);
  return *t ? doc_strdup(s->d, t, strlen(t)) : NULL;
}

static void on_start(void *ctx, const xmlChar *localname, const xmlChar *prefix, const xmlChar *uri,
                     int nb_ns, const xmlChar **ns, int nb_attr, int nb_def,
                     const xmlChar **attrs) {
  sax_t *s = ctx;
  const char *name = (const char *)localname;
  el_kind parent = s->depth > 0 ? s->stack[s->depth - 1] : EL_ROOT;
  el_kind k = EL_IGNORE;
  if (s->err.code)
    return;
  if (s->depth >= MAX_DEPTH) {
    sax_fail(s, TR_ERR_LIMIT, "elements nested deeper than %d", MAX_DEPTH);
    return;
  }
  if (s->depth == 0) {
    if (strcmp(name, "treaty") != 0) {
      sax_fail(s, TR_ERR_SCHEMA, "root element is <%s>, expected <treaty>", name);
      return;
    }
    s->seen_root = TRUE;
    k = EL_ROOT;
  } else if (parent == EL_ROOT && s->depth == 1) {
    if (strcmp(name, "meta") == 0) {
      if (s->seen_meta) {
        sax_fail(s, TR_ERR_SCHEMA, "second <meta> element");
        return;
      }
      s->seen_meta = TRUE;
      k = EL_META;
    } else if (strcmp(name, "body") == 0) {
      if (s->seen_body) {
        sax_fail(s, TR_ERR_SCHEMA, "second <body> element");
        return;
      }
      s->seen_body = TRUE;
      k = EL_BODY;
    }
  } else if (parent == EL_META) {
    if (strcmp(name, "parties") == 0 || strcmp(name, "parties_original") == 0) {
      k = EL_PARTIES;
      s->parties = name[7] == '\0' ? TR_CORPUS_PARTIES_CURRENT : TR_CORPUS_PARTIES_ORIGINAL;
    } else {
      for (size_t i = 0; i < G_N_ELEMENTS(meta_names); i++)
        if (strcmp(name, meta_names[i].name) == 0) {
          k = EL_META_FIELD;
          s->field = (int)meta_names[i].field;
          g_string_truncate(s->text, 0);
          s->capture = TRUE;
          break;
        }
    }
  } else if (parent == EL_PARTIES) {
    if (strcmp(name, "partyisocode") == 0) {
      k = EL_PARTY;
      g_string_truncate(s->text, 0);
      s->capture = TRUE;
    }
  } else if (parent == EL_BODY) {
    chap_t c = { 0 };
    if (strcmp(name, "chapter") != 0) {
      sax_fail(s, TR_ERR_SCHEMA, "unexpected <%s> in <body>, expected <chapter>", name);
      return;
    }
    c.name = attr_dup(s, nb_attr, attrs, "name");
    c.number = attr_dup(s, nb_attr, attrs, "number");
    c.ident = attr_dup(s, nb_attr, attrs, "chapter_identifier");
    c.ar_first = s->d->articles->len;
    g_array_append_val(s->d->chapters, c);
    k = EL_CHAPTER;
  } else if (parent == EL_CHAPTER) {
    art_t a = { 0 };
    if (strcmp(name, "article") != 0) {
      sax_fail(s, TR_ERR_SCHEMA, "unexpected <%s> in <chapter>, expected <article>", name);
      return;
    }
    a.chapter = s->d->chapters->len - 1;
    a.name = attr_dup(s, nb_attr, attrs, "name");
    a.number = attr_dup(s, nb_attr, attrs, "number");
    a.ident = attr_dup(s, nb_attr, attrs, "article_identifier");
    g_array_append_val(s->d->articles, a);
    g_array_index(s->d->chapters, chap_t, s->d->chapters->len - 1).ar_count++;
    g_string_truncate(s->text, 0);
    s->capture = TRUE;
    k = EL_ARTICLE;
  } else if (parent == EL_ARTICLE) {
    sax_fail(s, TR_ERR_SCHEMA, "unexpected <%s> inside <article> (articles hold text only)",
             name);
    return;
  } else if (parent == EL_META_FIELD || parent == EL_PARTY) {
    sax_fail(s, TR_ERR_SCHEMA, "unexpected <%s> inside a metadata field", name);
    return;
  }
  s->stack[s->depth++] = k;
}

static void on_end(void *ctx, const xmlChar *localname, const xmlChar *prefix,
                   const xmlChar *uri) {
  sax_t *s = ctx;
  el_kind k;
  if (s->err.code || s->depth == 0)
    return;
  k = s->stack[--s->depth];
  switch (k) {
  case EL_META_FIELD: {
    char *v = chunk_strip(s, s->text);
    /* the ToTA id names the agreement: a second one would silently replace the first */
    if (s->field == TR_CORPUS_FIELD_TOTA_ID && s->d->a.meta[s->field]) {
      sax_fail(s, TR_ERR_SCHEMA, "a second <treaty_identifier> ('%s'; the first was '%s')", v ? v : "",
               s->d->a.meta[s->field]);
      s->capture = FALSE;
      break;
    }
    s->d->a.meta[s->field] = v;
    s->capture = FALSE;
    break;
  }
  case EL_PARTY: {
    char *p = chunk_strip(s, s->text);
    if (p)
      g_ptr_array_add(s->d->parties[s->parties], p);
    s->capture = FALSE;
    break;
  }
  case EL_ARTICLE: {
    art_t *a = &g_array_index(s->d->articles, art_t, s->d->articles->len - 1);
    a->text = doc_strdup(s->d, s->text->str, s->text->len);
    a->len = s->text->len;
    s->capture = FALSE;
    break;
  }
  default:
    break;
  }
}

static void on_chars(void *ctx, const xmlChar *ch, int len) {
  sax_t *s = ctx;
  if (s->capture && !s->err.code)
    g_string_append_len(s->text, (const char *)ch, len);
}

static void on_error(void *ctx, xmlErrorPtr e) {
  sax_t *s = ctx;
  char *msg;
  if (!e || e->level < XML_ERR_ERROR)
    return;
  msg = g_strchomp(g_strdup(e->message ? e->message : "malformed XML"));
  perr_set(&s->err, e->domain == XML_FROM_IO ? TR_ERR_IO : TR_ERR_PARSE, s->fname, e->line,
           e->int2, "malformed XML: %s", msg);
  g_free(msg);
}

static void offset_to_linecol(const char *data, size_t off, long *line, long *col) {
  long l = 1;
  size_t bol = 0;
  for (size_t i = 0; i < off; i++)
    if (data[i] == '\n') {
      l++;
      bol = i + 1;
    }
  *line = l;
  *col = (long)(off - bol) + 1;
}

static uint32_t parse_date(const char *s) {
  unsigned y, m, d;
  char extra;
  if (!s || sscanf(s, "%4u-%2u-%2u%c", &y, &m, &d, &extra) != 3)
    return 0;
  if (y < 1000 || m < 1 || m > 12 || d < 1 || d > 31 || !g_date_valid_dmy(d, m, y))
    return 0;
  return y * 10000 + m * 100 + d;
}

/* UTF-8 check that skips ASCII eight bytes at a time; *bad is the first invalid byte. */
static gboolean utf8_valid(const char *data, size_t len, const char **bad) {
  size_t i = 0;
  while (i < len) {
    if (i + 8 <= len) {
      uint64_t v;
      memcpy(&v, data + i, 8);
      if (!(v & 0x8080808080808080ULL) && ((v - 0x0101010101010101ULL) & ~v & 0x8080808080808080ULL) == 0) {
        i += 8; /* eight ASCII bytes, none NUL */
        continue;
      }
    }
    if ((unsigned char)data[i] < 0x80) {
      if (data[i] == '\0') {
        *bad = data + i;
        return FALSE;
      }
      i++;
      continue;
    }
    /* a non-ASCII sequence: validate up to the next ASCII byte with GLib */
    size_t j = i;
    while (j < len && (unsigned char)data[j] >= 0x80)
      j++;
    if (!g_utf8_validate_len(data + i, j - i, bad))
      return FALSE;
    i = j;
  }
  return TRUE;
}

/* Parse one document; returns the doc or NULL with *err set. @text is the caller's scratch. */
static doc_t *parse_doc(const char *fname, const char *data, size_t len, perr_t *err,
                        GString *text) {
  const char *bad = NULL;
  xmlSAXHandler h;
  sax_t s;
  doc_t *d;
  size_t i;

  for (i = 0; i < len && g_ascii_isspace(data[i]); i++)
    ;
  if (i == len) {
    perr_set(err, TR_ERR_EMPTY, fname, 0, 0, "the file is empty");
    return NULL;
  }
  if (!utf8_valid(data, len, &bad)) {
    long line, col;
    offset_to_linecol(data, (size_t)(bad - data), &line, &col);
    perr_set(err, TR_ERR_ENCODING, fname, line, col, "invalid UTF-8 (byte 0x%02X at offset %ld)",
             (unsigned)(unsigned char)*bad, (long)(bad - data));
    return NULL;
  }
  if (len > INT_MAX) {
    perr_set(err, TR_ERR_LIMIT, fname, 0, 0, "file larger than 2 GiB");
    return NULL;
  }

  d = g_new0(doc_t, 1);
  d->strings = g_ptr_array_new_with_free_func(g_free);
  d->chapters = g_array_new(FALSE, TRUE, sizeof(chap_t));
  d->articles = g_array_new(FALSE, TRUE, sizeof(art_t));
  d->parties[0] = g_ptr_array_new();
  d->parties[1] = g_ptr_array_new();

  memset(&h, 0, sizeof h);
  h.initialized = XML_SAX2_MAGIC;
  h.startElementNs = on_start;
  h.endElementNs = on_end;
  h.characters = on_chars;
  h.cdataBlock = on_chars;
  h.serror = on_error;

  memset(&s, 0, sizeof s);
  s.d = d;
  s.fname = fname;
  s.field = -1;
  s.text = text;
  g_string_truncate(text, 0);
  s.ctxt = xmlCreateMemoryParserCtxt(data, (int)len);
  if (!s.ctxt) {
    perr_set(err, TR_ERR_NOMEM, fname, 0, 0, "cannot create an XML parser");
    doc_free(d);
    return NULL;
  }
  /* No network, no external entities; the bytes were checked as UTF-8 whatever the declaration says. */
  xmlCtxtUseOptions(s.ctxt, XML_PARSE_NONET | XML_PARSE_IGNORE_ENC);
  if (s.ctxt->sax != (xmlSAXHandlerPtr)&xmlDefaultSAXHandler)
    xmlFree(s.ctxt->sax);
  s.ctxt->sax = &h;
  s.ctxt->userData = &s;
  xmlParseDocument(s.ctxt);
  if (!s.err.code && !s.ctxt->wellFormed)
    perr_set(&s.err, TR_ERR_PARSE, fname, xmlSAX2GetLineNumber(s.ctxt),
             xmlSAX2GetColumnNumber(s.ctxt), "malformed XML");
  if (!s.err.code) {
    long line = xmlSAX2GetLineNumber(s.ctxt);
    if (!s.seen_meta)
      perr_set(&s.err, TR_ERR_SCHEMA, fname, line, 0, "no <meta> element in <treaty>");
    else if (!s.seen_body)
      perr_set(&s.err, TR_ERR_SCHEMA, fname, line, 0, "no <body> element in <treaty>");
    else if (!d->a.meta[TR_CORPUS_FIELD_TOTA_ID])
      perr_set(&s.err, TR_ERR_SCHEMA, fname, line, 0,
               "<meta> has no (or an empty) <treaty_identifier>");
  }
  s.ctxt->sax = NULL;
  xmlFreeParserCtxt(s.ctxt);
  if (s.err.code) {
    *err = s.err;
    doc_free(d);
    return NULL;
  }
  d->a.meta[TR_CORPUS_FIELD_FILE] = doc_strdup(d, fname, strlen(fname));
  d->a.date = parse_date(d->a.meta[TR_CORPUS_FIELD_DATE_SIGNED]);
  return d;
}

/* ---- corpus object ---- */

static gsize xml_inited;

int tr_corpus_new(tr_corpus **out) {
  tr_corpus *c;
  if (!out)
    return tri_fail(TR_ERR_INVALID_ARG, "out is NULL");
  if (g_once_init_enter(&xml_inited)) {
    xmlInitParser();
    g_once_init_leave(&xml_inited, 1);
  }
  c = g_new0(tr_corpus, 1);
  c->docs = g_ptr_array_new_with_free_func((GDestroyNotify)doc_free);
  c->agreements = g_array_new(FALSE, TRUE, sizeof(agr_t));
  c->chapters = g_array_new(FALSE, TRUE, sizeof(chap_t));
  c->articles = g_array_new(FALSE, TRUE, sizeof(art_t));
  c->by_tota = g_hash_table_new(g_str_hash, g_str_equal);
  g_mutex_init(&c->progress_lock);
  *out = c;
  return TR_OK;
}

void tr_corpus_free(tr_corpus *c) {
  if (!c)
    return;
  g_ptr_array_free(c->docs, TRUE);
  g_array_free(c->agreements, TRUE);
  g_array_free(c->chapters, TRUE);
  g_array_free(c->articles, TRUE);
  g_hash_table_destroy(c->by_tota);
  g_mutex_clear(&c->progress_lock);
  g_free(c);
}

int tr_corpus_set_threads(tr_corpus *c, unsigned threads) {
  if (!c)
    return tri_fail(TR_ERR_INVALID_ARG, "corpus is NULL");
  if (threads > 64)
    return tri_fail(TR_ERR_INVALID_ARG, "at most 64 threads (asked for %u)", threads);
  c->threads = threads;
  return TR_OK;
}

unsigned tri_corpus_threads(const tr_corpus *c) {
  unsigned t = c->threads ? c->threads : (unsigned)g_get_num_processors();
  return MIN(MAX(t, 1u), 64u);
}

/* ---- phase clocks ---- */

static int64_t cpu_now_ns(void) {
  struct timespec ts;
  if (clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts) != 0)
    return 0;
  return (int64_t)ts.tv_sec * 1000000000 + ts.tv_nsec;
}

void tri_phase_begin(tr_phase_clock *clk) {
  clk->wall_us = g_get_monotonic_time();
  clk->cpu_ns = cpu_now_ns();
}

void tri_phase_end(const tr_corpus *c, tr_corpus_phase phase, tr_phase_clock *clk) {
  tr_corpus *m = (tr_corpus *)c;
  int64_t w = g_get_monotonic_time(), u = cpu_now_ns();
  if ((unsigned)phase < TR_PHASE_COUNT) {
    __atomic_fetch_add(&m->phase_wall_us[phase], w - clk->wall_us, __ATOMIC_RELAXED);
    __atomic_fetch_add(&m->phase_cpu_ns[phase], u - clk->cpu_ns, __ATOMIC_RELAXED);
  }
  clk->wall_us = w;
  clk->cpu_ns = u;
}

int tr_corpus_phase_time(const tr_corpus *c, tr_corpus_phase phase, double *wall_seconds,
                         double *cpu_seconds) {
  if (!c || (unsigned)phase >= TR_PHASE_COUNT)
    return tri_fail(TR_ERR_INVALID_ARG, "corpus is NULL or phase %d unknown", (int)phase);
  if (wall_seconds)
    *wall_seconds = (double)__atomic_load_n(&c->phase_wall_us[phase], __ATOMIC_RELAXED) / 1e6;
  if (cpu_seconds)
    *cpu_seconds = (double)__atomic_load_n(&c->phase_cpu_ns[phase], __ATOMIC_RELAXED) / 1e9;
  return TR_OK;
}

const char *tr_corpus_phase_name(tr_corpus_phase phase) {
  static const char *const names[TR_PHASE_COUNT] = { "ingest", "tokenize", "intern", "sets",
                                                     "join" };
  return (unsigned)phase < TR_PHASE_COUNT ? names[phase] : NULL;
}

void tr_corpus_set_progress(tr_corpus *c, tr_progress_fn fn, void *user_data) {
  if (!c)
    return;
  c->progress = fn;
  c->progress_ud = user_data;
}

void tri_corpus_progress(const tr_corpus *c, const char *stage, size_t done, size_t total) {
  tr_corpus *m = (tr_corpus *)c;
  if (!c->progress)
    return;
  g_mutex_lock(&m->progress_lock);
  c->progress(stage, done, total, c->progress_ud);
  g_mutex_unlock(&m->progress_lock);
}

void tri_corpus_index_ref(const tr_corpus *c, int delta) {
  g_atomic_int_add(&((tr_corpus *)c)->index_refs, delta);
}

/* Append parsed docs (all checked) to the corpus. */
static void corpus_add(tr_corpus *c, doc_t *d) {
  agr_t a = d->a;
  size_t ai = c->agreements->len, cbase = c->chapters->len, abase = c->articles->len;
  for (int k = 0; k < 2; k++) {
    a.nparties[k] = d->parties[k]->len;
    a.parties[k] = (char **)d->parties[k]->pdata;
  }
  a.ch_first = cbase;
  a.ch_count = d->chapters->len;
  a.ar_first = abase;
  a.ar_count = d->articles->len;
  for (guint i = 0; i < d->chapters->len; i++) {
    chap_t ch = g_array_index(d->chapters, chap_t, i);
    ch.agreement = ai;
    ch.ar_first += abase;
    g_array_append_val(c->chapters, ch);
  }
  for (guint i = 0; i < d->articles->len; i++) {
    art_t ar = g_array_index(d->articles, art_t, i);
    ar.agreement = (uint32_t)ai;
    ar.chapter += (uint32_t)cbase;
    g_array_append_val(c->articles, ar);
  }
  g_array_append_val(c->agreements, a);
  g_hash_table_insert(c->by_tota, a.meta[TR_CORPUS_FIELD_TOTA_ID], GSIZE_TO_POINTER(ai + 1));
  g_ptr_array_add(c->docs, d);
}

static int corpus_load_memory(tr_corpus *c, const char *name, const char *data, size_t len);

int tr_corpus_load_memory(tr_corpus *c, const char *name, const char *data, size_t len) {
  tr_phase_clock clk;
  int rc;
  tri_phase_begin(&clk);
  rc = corpus_load_memory(c, name, data, len);
  if (c)
    tri_phase_end(c, TR_PHASE_INGEST, &clk);
  return rc;
}

static int corpus_load_memory(tr_corpus *c, const char *name, const char *data, size_t len) {
  perr_t e = { 0 };
  doc_t *d;
  int rc;
  if (!c || !data || !name)
    return tri_fail(TR_ERR_INVALID_ARG, "corpus, name or data is NULL");
  if (g_atomic_int_get(&c->index_refs) > 0)
    return tri_fail(TR_ERR_INVALID_ARG, "the corpus has a live shingle index; free it first");
  GString *text = g_string_new(NULL);
  d = parse_doc(name, data, len, &e, text);
  g_string_free(text, TRUE);
  if (d && g_hash_table_contains(c->by_tota, d->a.meta[TR_CORPUS_FIELD_TOTA_ID]))
    perr_set(&e, TR_ERR_DUPLICATE, name, 0, 0, "ToTA id %s is already in the corpus",
             d->a.meta[TR_CORPUS_FIELD_TOTA_ID]);
  if (e.code) {
    doc_free(d);
    rc = tri_set_error(e.code, e.file, e.line, e.column, NULL, "%s", e.msg);
    perr_clear(&e);
    return rc;
  }
  corpus_add(c, d);
  return TR_OK;
}

/* Natural order: digit runs compare as numbers. */
static int natural_cmp(const void *pa, const void *pb) {
  const char *a = *(const char *const *)pa, *b = *(const char *const *)pb;
  while (*a && *b) {
    if (g_ascii_isdigit(*a) && g_ascii_isdigit(*b)) {
      const char *ea = a, *eb = b;
      while (*a == '0' && g_ascii_isdigit(a[1])) a++;
      while (*b == '0' && g_ascii_isdigit(b[1])) b++;
      for (ea = a; g_ascii_isdigit(*ea); ea++) ;
      for (eb = b; g_ascii_isdigit(*eb); eb++) ;
      if (ea - a != eb - b)
        return (ea - a) < (eb - b) ? -1 : 1;
      int r = strncmp(a, b, (size_t)(ea - a));
      if (r)
        return r;
      a = ea;
      b = eb;
    } else {
      if (*a != *b)
        return (unsigned char)*a < (unsigned char)*b ? -1 : 1;
      a++;
      b++;
    }
  }
  return *a ? 1 : *b ? -1 : strcmp(*(const char *const *)pa, *(const char *const *)pb);
}

typedef struct {
  tr_corpus *c;
  char **paths;
  doc_t **docs;
  perr_t *errs;
  size_t n;
  gint done;
} load_job;

/* Read a whole file through the library's one reader (size limit before and
 * while reading, bounded chunks, no aborting allocation). Runs on a worker:
 * the worker's thread-local error is moved into @err. */
static char *read_file(const char *path, size_t *len, perr_t *err) {
  char *data = NULL;
  int rc = tri_io_read_file(path, TR_INPUT_LIMIT, &data, len);
  if (rc != TR_OK) {
    const char *msg = tr_error_message();
    size_t pl = strlen(path);
    if (strncmp(msg, path, pl) == 0 && strncmp(msg + pl, ": ", 2) == 0)
      msg += pl + 2;
    perr_set(err, rc, path, 0, 0, "%s", msg);
    return NULL;
  }
  return data;
}

static void load_range(size_t b, size_t e, unsigned worker, void *user) {
  load_job *j = user;
  /* per-call scratch, reused for every file of the range */
  GString *text = g_string_sized_new(1 << 16);
  for (size_t i = b; i < e; i++) {
    size_t len = 0;
    char *data = read_file(j->paths[i], &len, &j->errs[i]);
    if (data)
      j->docs[i] = parse_doc(j->paths[i], data, len, &j->errs[i], text);
    g_free(data);
    tri_corpus_progress(j->c, "parsing", (size_t)g_atomic_int_add(&j->done, 1) + 1, j->n);
  }
  g_string_free(text, TRUE);
}

static int corpus_load(tr_corpus *c, const char *path, tr_corpus_load_mode mode,
                       tr_corpus_errors **errors);

int tr_corpus_load(tr_corpus *c, const char *path, tr_corpus_load_mode mode,
                   tr_corpus_errors **errors) {
  tr_phase_clock clk;
  int rc;
  tri_phase_begin(&clk);
  rc = corpus_load(c, path, mode, errors);
  if (c)
    tri_phase_end(c, TR_PHASE_INGEST, &clk);
  return rc;
}

static int corpus_load(tr_corpus *c, const char *path, tr_corpus_load_mode mode,
                       tr_corpus_errors **errors) {
  GPtrArray *paths;
  load_job j = { 0 };
  GHashTable *seen;
  int rc = TR_OK;
  if (errors)
    *errors = NULL;
  if (!c || !path)
    return tri_fail(TR_ERR_INVALID_ARG, "corpus or path is NULL");
  if (mode != TR_CORPUS_STOP_ON_ERROR && mode != TR_CORPUS_SKIP_ERRORS)
    return tri_fail(TR_ERR_INVALID_ARG, "unknown load mode %d", (int)mode);
  if (g_atomic_int_get(&c->index_refs) > 0)
    return tri_fail(TR_ERR_INVALID_ARG, "the corpus has a live shingle index; free it first");

  paths = g_ptr_array_new_with_free_func(g_free);
  if (g_file_test(path, G_FILE_TEST_IS_DIR)) {
    GError *ge = NULL;
    GDir *dir = g_dir_open(path, 0, &ge);
    const char *name;
    if (!dir) {
      rc = tri_set_error(TR_ERR_IO, path, 0, 0, NULL, "cannot open directory: %s", ge->message);
      g_error_free(ge);
      g_ptr_array_free(paths, TRUE);
      return rc;
    }
    while ((name = g_dir_read_name(dir)) != NULL) {
      char *full;
      if (name[0] == '.' || !g_str_has_suffix(name, ".xml"))
        continue;
      full = g_build_filename(path, name, NULL);
      /* Every *.xml entry is read, so one that cannot be (a dangling link, a
       * folder) is reported like any bad file instead of skipped silently. */
      g_ptr_array_add(paths, full);
    }
    g_dir_close(dir);
    if (paths->len == 0) {
      g_ptr_array_free(paths, TRUE);
      return tri_set_error(TR_ERR_EMPTY, path, 0, 0, NULL, "no *.xml files in the directory");
    }
    g_ptr_array_sort(paths, natural_cmp);
  } else if (g_file_test(path, G_FILE_TEST_EXISTS)) {
    g_ptr_array_add(paths, g_strdup(path));
  } else {
    g_ptr_array_free(paths, TRUE);
    return tri_set_error(TR_ERR_IO, path, 0, 0, NULL, "no such file or directory");
  }

  j.c = c;
  j.n = paths->len;
  j.paths = (char **)paths->pdata;
  j.docs = g_new0(doc_t *, j.n);
  j.errs = g_new0(perr_t, j.n);
  tri_parallel_for(j.n, 8, tri_corpus_threads(c), load_range, &j);

  /* Duplicate ToTA ids, against the corpus and within this load. */
  seen = g_hash_table_new(g_str_hash, g_str_equal);
  for (size_t i = 0; i < j.n; i++) {
    const char *id;
    if (!j.docs[i])
      continue;
    id = j.docs[i]->a.meta[TR_CORPUS_FIELD_TOTA_ID];
    if (g_hash_table_contains(c->by_tota, id) || g_hash_table_contains(seen, id)) {
      perr_set(&j.errs[i], TR_ERR_DUPLICATE, j.paths[i], 0, 0,
               "ToTA id %s is already in the corpus", id);
      doc_free(j.docs[i]);
      j.docs[i] = NULL;
    } else {
      g_hash_table_add(seen, (gpointer)id);
    }
  }
  g_hash_table_destroy(seen);

  if (mode == TR_CORPUS_STOP_ON_ERROR) {
    for (size_t i = 0; i < j.n; i++)
      if (j.errs[i].code) {
        rc = tri_set_error(j.errs[i].code, j.errs[i].file, j.errs[i].line, j.errs[i].column,
                          NULL, "%s", j.errs[i].msg);
        break;
      }
  }
  if (rc == TR_OK) {
    tr_corpus_errors *el = NULL;
    if (errors && mode == TR_CORPUS_SKIP_ERRORS) {
      el = g_new0(tr_corpus_errors, 1);
      el->items = g_array_new(FALSE, TRUE, sizeof(perr_t));
    }
    for (size_t i = 0; i < j.n; i++) {
      if (j.docs[i]) {
        corpus_add(c, j.docs[i]);
        j.docs[i] = NULL;
      } else if (el) {
        perr_t e = j.errs[i];
        char *full;
        /* The same "FILE:LINE:COLUMN: message" form as tr_error_message(). */
        if (e.line > 0 && e.column > 0)
          full = g_strdup_printf("%s:%ld:%ld: %s", e.file, e.line, e.column, e.msg);
        else if (e.line > 0)
          full = g_strdup_printf("%s:%ld: %s", e.file, e.line, e.msg);
        else
          full = g_strdup_printf("%s: %s", e.file, e.msg);
        g_free(e.msg);
        e.msg = full;
        g_array_append_val(el->items, e);
        memset(&j.errs[i], 0, sizeof j.errs[i]);
      }
    }
    if (errors)
      *errors = el;
  }
  for (size_t i = 0; i < j.n; i++) {
    doc_free(j.docs[i]);
    perr_clear(&j.errs[i]);
  }
  g_free(j.docs);
  g_free(j.errs);
  g_ptr_array_free(paths, TRUE);
  return rc;
}

/* ---- error lists ---- */

static const perr_t *err_at(const tr_corpus_errors *e, size_t i) {
  return e && i < e->items->len ? &g_array_index(e->items, perr_t, i) : NULL;
}

size_t tr_corpus_errors_count(const tr_corpus_errors *e) {
  return e ? e->items->len : 0;
}

int tr_corpus_errors_code(const tr_corpus_errors *e, size_t i) {
  const perr_t *p = err_at(e, i);
  return p ? p->code : TR_ERR_INVALID_ARG;
}

const char *tr_corpus_errors_message(const tr_corpus_errors *e, size_t i) {
  const perr_t *p = err_at(e, i);
  return p ? p->msg : NULL;
}

const char *tr_corpus_errors_file(const tr_corpus_errors *e, size_t i) {
  const perr_t *p = err_at(e, i);
  return p ? p->file : NULL;
}

long tr_corpus_errors_line(const tr_corpus_errors *e, size_t i) {
  const perr_t *p = err_at(e, i);
  return p ? p->line : 0;
}

long tr_corpus_errors_column(const tr_corpus_errors *e, size_t i) {
  const perr_t *p = err_at(e, i);
  return p ? p->column : 0;
}

void tr_corpus_errors_free(tr_corpus_errors *e) {
  if (!e)
    return;
  for (guint i = 0; i < e->items->len; i++)
    perr_clear(&g_array_index(e->items, perr_t, i));
  g_array_free(e->items, TRUE);
  g_free(e);
}

/* ---- accessors ---- */

size_t tr_corpus_agreement_count(const tr_corpus *c) {
  return c ? c->agreements->len : 0;
}

size_t tr_corpus_chapter_count(const tr_corpus *c) {
  return c ? c->chapters->len : 0;
}

size_t tr_corpus_article_count(const tr_corpus *c) {
  return c ? c->articles->len : 0;
}

static const agr_t *agr_at(const tr_corpus *c, size_t i) {
  return c && i < c->agreements->len ? &g_array_index(c->agreements, agr_t, i) : NULL;
}

static const chap_t *chap_at(const tr_corpus *c, size_t i) {
  return c && i < c->chapters->len ? &g_array_index(c->chapters, chap_t, i) : NULL;
}

static const art_t *art_at(const tr_corpus *c, size_t i) {
  return c && i < c->articles->len ? &g_array_index(c->articles, art_t, i) : NULL;
}

const char *tr_corpus_agreement_get(const tr_corpus *c, size_t i, tr_corpus_field f) {
  const agr_t *a = agr_at(c, i);
  if (!a || (int)f < 0 || f >= N_META)
    return NULL;
  return a->meta[f];
}

int tr_corpus_agreement_find(const tr_corpus *c, const char *tota_id, size_t *out) {
  gpointer v;
  if (!c || !tota_id || !out)
    return tri_fail(TR_ERR_INVALID_ARG, "corpus, id or out is NULL");
  v = g_hash_table_lookup(c->by_tota, tota_id);
  if (!v)
    return tri_fail(TR_ERR_NOT_FOUND, "no agreement with ToTA id '%s'", tota_id);
  *out = GPOINTER_TO_SIZE(v) - 1;
  return TR_OK;
}

size_t tr_corpus_agreement_party_count(const tr_corpus *c, size_t i, tr_corpus_parties which) {
  const agr_t *a = agr_at(c, i);
  return a && (unsigned)which < 2 ? a->nparties[which] : 0;
}

const char *tr_corpus_agreement_party(const tr_corpus *c, size_t i, tr_corpus_parties which,
                                      size_t k) {
  const agr_t *a = agr_at(c, i);
  return a && (unsigned)which < 2 && k < a->nparties[which] ? a->parties[which][k] : NULL;
}

size_t tr_corpus_agreement_chapters(const tr_corpus *c, size_t i, size_t *first) {
  const agr_t *a = agr_at(c, i);
  if (first)
    *first = a ? a->ch_first : 0;
  return a ? a->ch_count : 0;
}

size_t tr_corpus_agreement_articles(const tr_corpus *c, size_t i, size_t *first) {
  const agr_t *a = agr_at(c, i);
  if (first)
    *first = a ? a->ar_first : 0;
  return a ? a->ar_count : 0;
}

uint32_t tri_corpus_agreement_date(const tr_corpus *c, size_t i) {
  const agr_t *a = agr_at(c, i);
  return a ? a->date : 0;
}

size_t tr_corpus_chapter_agreement(const tr_corpus *c, size_t i) {
  const chap_t *ch = chap_at(c, i);
  return ch ? ch->agreement : (size_t)-1;
}

const char *tr_corpus_chapter_get(const tr_corpus *c, size_t i, tr_corpus_field f) {
  const chap_t *ch = chap_at(c, i);
  if (!ch)
    return NULL;
  switch (f) {
  case TR_CORPUS_FIELD_NAME: return ch->name;
  case TR_CORPUS_FIELD_NUMBER: return ch->number;
  case TR_CORPUS_FIELD_IDENTIFIER: return ch->ident;
  default: return NULL;
  }
}

size_t tr_corpus_chapter_articles(const tr_corpus *c, size_t i, size_t *first) {
  const chap_t *ch = chap_at(c, i);
  if (first)
    *first = ch ? ch->ar_first : 0;
  return ch ? ch->ar_count : 0;
}

size_t tr_corpus_article_chapter(const tr_corpus *c, size_t i) {
  const art_t *a = art_at(c, i);
  return a ? a->chapter : (size_t)-1;
}

size_t tr_corpus_article_agreement(const tr_corpus *c, size_t i) {
  const art_t *a = art_at(c, i);
  return a ? a->agreement : (size_t)-1;
}

const char *tr_corpus_article_get(const tr_corpus *c, size_t i, tr_corpus_field f) {
  const art_t *a = art_at(c, i);
  if (!a)
    return NULL;
  switch (f) {
  case TR_CORPUS_FIELD_NAME: return a->name;
  case TR_CORPUS_FIELD_NUMBER: return a->number;
  case TR_CORPUS_FIELD_IDENTIFIER: return a->ident;
  case TR_CORPUS_FIELD_TEXT: return a->text ? a->text : "";
  default: return NULL;
  }
}

size_t tri_corpus_article_len(const tr_corpus *c, size_t i) {
  const art_t *a = art_at(c, i);
  return a ? a->len : 0;
}
