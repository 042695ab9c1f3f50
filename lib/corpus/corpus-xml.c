/*
 * libtraderules - ToTA XML ingest: the parse of one file (one file per worker thread, see
 * corpus.c). A strict hand-written scanner (corpus-scan.c) reads the subset of XML that ToTA files
 * use; whatever it does not accept is parsed again by libxml2's SAX2 parser, which gives the
 * result or the located error. Both feed the same element handlers (el_start, el_end, el_chars).
 * SPDX-License-Identifier: MIT
 */
#include "corpus/tr-corpus-private.h"
#include "corpus/tr-corpus-xml.h"

#include <libxml/parser.h>
#include <libxml/parserInternals.h>
#include <libxml/SAX2.h>
#include <stdlib.h>
#include <string.h>
#if defined(__SSE2__)
#include <emmintrin.h>
#endif

void tri_doc_free(doc_t *d) {
  if (!d)
    return;
  if (d->strings)
    g_ptr_array_free(d->strings, TRUE);
  for (int k = 0; k < 2; k++) {
    if (d->parties[k])
      g_ptr_array_free(d->parties[k], TRUE);
  }
  g_free(d);
}

void tri_perr_clear(perr_t *e) {
  g_free(e->file);
  g_free(e->msg);
  memset(e, 0, sizeof *e);
}

void tri_perr_set(perr_t *e, int code, const char *file, long line, long col, const char *fmt,
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

#define MAX_DEPTH TRI_XML_MAX_DEPTH

struct tri_xml_sax {
  xmlParserCtxtPtr ctxt; /* NULL in the fast scanner */
  doc_t *d;
  const char *fname;
  int depth;
  el_kind stack[MAX_DEPTH];
  int field;    /* meta field being read, or -1 */
  int parties;  /* party list being read */
  GString *text;
  GArray *ch, *ar; /* the document's chapters and articles (scratch, copied at the end) */
  gboolean capture;
  gboolean seen_root, seen_meta, seen_body;
  perr_t err;
};
typedef tri_xml_sax sax_t;

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
  if (s->ctxt) {
    tri_perr_set(&s->err, code, s->fname, xmlSAX2GetLineNumber(s->ctxt),
                 xmlSAX2GetColumnNumber(s->ctxt), "%s", m);
    xmlStopParser(s->ctxt);
  } else {
    /* the fast scanner gives up on any error: libxml2 parses again and locates it */
    tri_perr_set(&s->err, code, s->fname, 0, 0, "%s", m);
  }
  g_free(m);
}

static const char *attr(int nb, const char *const *attrs, const char *name, size_t *len) {
  for (int i = 0; i < nb; i++) {
    const char *const *a = attrs + 5 * i;
    if (strcmp((const char *)a[0], name) == 0) {
      *len = (size_t)(a[4] - a[3]);
      return (const char *)a[3];
    }
  }
  return NULL;
}

static char *doc_strdup(doc_t *d, const char *str, size_t len) {
  if (d->arena)
    return tri_arena_strdup(d->arena, str, len);
  char *c = g_malloc(len + 1);
  memcpy(c, str, len);
  c[len] = '\0';
  g_ptr_array_add(d->strings, c);
  return c;
}

static char *attr_dup(sax_t *s, int nb, const char *const *attrs, const char *name) {
  size_t len = 0;
  const char *v = attr(nb, attrs, name, &len);
  if (!v)
    return NULL;
  /* libxml2's SAX2 values (without entity substitution) give every '&' -- written &amp;
   * or as a character reference; a bare '&' is not well-formed -- as the five characters
   * "&#38;", and nothing else as '&' (the scanner gives the same): "&#38;" is turned back
   * into '&' (ToTA: "Science &#38; Technology" was a chapter's name). */
  if (memchr(v, '&', len)) {
    char *c = doc_strdup(s->d, v, len), *w = c;
    for (size_t i = 0; i < len;) {
      if (len - i >= 5 && memcmp(v + i, "&#38;", 5) == 0) {
        *w++ = '&';
        i += 5;
      } else {
        *w++ = v[i++];
      }
    }
    *w = '\0';
    return c;
  }
  return doc_strdup(s->d, v, len);
}

static char *chunk_strip(sax_t *s, GString *g) {
  char *t = g_strstrip(g->str);
  return *t ? doc_strdup(s->d, t, strlen(t)) : NULL;
}

/* An element starts: @attrs holds @nb_attr attributes as libxml2's SAX2 gives them, five
 * pointers each (local name, prefix, URI, value, end of value). */
void tri_xml_el_start(sax_t *s, const char *name, int nb_attr, const char *const *attrs) {
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
    c.ar_first = s->ar->len;
    g_array_append_val(s->ch, c);
    k = EL_CHAPTER;
  } else if (parent == EL_CHAPTER) {
    art_t a = { 0 };
    if (strcmp(name, "article") != 0) {
      sax_fail(s, TR_ERR_SCHEMA, "unexpected <%s> in <chapter>, expected <article>", name);
      return;
    }
    a.chapter = s->ch->len - 1;
    a.name = attr_dup(s, nb_attr, attrs, "name");
    a.number = attr_dup(s, nb_attr, attrs, "number");
    a.ident = attr_dup(s, nb_attr, attrs, "article_identifier");
    g_array_append_val(s->ar, a);
    g_array_index(s->ch, chap_t, s->ch->len - 1).ar_count++;
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

void tri_xml_el_end(sax_t *s) {
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
    art_t *a = &g_array_index(s->ar, art_t, s->ar->len - 1);
    a->text = doc_strdup(s->d, s->text->str, s->text->len);
    a->len = s->text->len;
    s->capture = FALSE;
    break;
  }
  default:
    break;
  }
}

void tri_xml_el_chars(sax_t *s, const char *ch, size_t len) {
  if (s->capture && !s->err.code)
    g_string_append_len(s->text, ch, (gssize)len);
}

gboolean tri_xml_failed(const sax_t *s) {
  return s->err.code != 0;
}

gboolean tri_xml_capturing(const sax_t *s) {
  return s->capture && !s->err.code;
}

/* libxml2's SAX2 callbacks */
static void on_start(void *ctx, const xmlChar *localname, const xmlChar *prefix, const xmlChar *uri,
                     int nb_ns, const xmlChar **ns, int nb_attr, int nb_def,
                     const xmlChar **attrs) {
  tri_xml_el_start(ctx, (const char *)localname, nb_attr, (const char *const *)attrs);
}

static void on_end(void *ctx, const xmlChar *localname, const xmlChar *prefix,
                   const xmlChar *uri) {
  tri_xml_el_end(ctx);
}

static void on_chars(void *ctx, const xmlChar *ch, int len) {
  tri_xml_el_chars(ctx, (const char *)ch, (size_t)len);
}

static void on_error(void *ctx, xmlErrorPtr e) {
  sax_t *s = ctx;
  char *msg;
  if (!e || e->level < XML_ERR_ERROR)
    return;
  msg = g_strchomp(g_strdup(e->message ? e->message : "malformed XML"));
  tri_perr_set(&s->err, e->domain == XML_FROM_IO ? TR_ERR_IO : TR_ERR_PARSE, s->fname, e->line,
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
#if defined(__SSE2__)
    if (i + 16 <= len) {
      __m128i v = _mm_loadu_si128((const __m128i *)(const void *)(data + i));
      if (_mm_movemask_epi8(_mm_or_si128(v, _mm_cmpeq_epi8(v, _mm_setzero_si128()))) == 0) {
        i += 16; /* sixteen ASCII bytes, none NUL */
        continue;
      }
    }
#endif
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

static void *doc_memdup(doc_t *d, const void *p, size_t bytes) {
  void *c;
  if (bytes == 0)
    return NULL;
  if (d->arena)
    return tri_arena_memdup(d->arena, p, bytes);
  c = g_memdup2(p, bytes);
  g_ptr_array_add(d->strings, c);
  return c;
}

static doc_t *doc_new(tri_arena *arena) {
  doc_t *d = g_new0(doc_t, 1);
  d->arena = arena;
  d->strings = g_ptr_array_new_with_free_func(g_free);
  d->parties[0] = g_ptr_array_new();
  d->parties[1] = g_ptr_array_new();
  return d;
}

/* The parser's scratch: text, chapters and articles. */
typedef struct {
  GString *text;
  GArray *ch, *ar;
} scratch_t;

static void sax_init(sax_t *s, doc_t *d, const char *fname, const scratch_t *sc) {
  memset(s, 0, sizeof *s);
  s->d = d;
  s->fname = fname;
  s->field = -1;
  s->text = sc->text;
  s->ch = sc->ch;
  s->ar = sc->ar;
  g_string_truncate(sc->text, 0);
  g_array_set_size(sc->ch, 0);
  g_array_set_size(sc->ar, 0);
}

/* The checks at the end of a well-formed document (line: where the parse ended). */
static void schema_complete(sax_t *s, long line) {
  if (s->err.code)
    return;
  if (!s->seen_meta)
    tri_perr_set(&s->err, TR_ERR_SCHEMA, s->fname, line, 0, "no <meta> element in <treaty>");
  else if (!s->seen_body)
    tri_perr_set(&s->err, TR_ERR_SCHEMA, s->fname, line, 0, "no <body> element in <treaty>");
  else if (!s->d->a.meta[TR_CORPUS_FIELD_TOTA_ID])
    tri_perr_set(&s->err, TR_ERR_SCHEMA, s->fname, line, 0,
                 "<meta> has no (or an empty) <treaty_identifier>");
}

/* The reference parse: libxml2 SAX2. Returns the doc or NULL with *err set. */
static doc_t *parse_libxml2(tri_arena *arena, const char *fname, const char *data, size_t len, perr_t *err,
                            const scratch_t *sc) {
  xmlSAXHandler h;
  sax_t s;
  doc_t *d = doc_new(arena);

  memset(&h, 0, sizeof h);
  h.initialized = XML_SAX2_MAGIC;
  h.startElementNs = on_start;
  h.endElementNs = on_end;
  h.characters = on_chars;
  h.cdataBlock = on_chars;
  h.serror = on_error;

  sax_init(&s, d, fname, sc);
  s.ctxt = xmlCreateMemoryParserCtxt(data, (int)len);
  if (!s.ctxt) {
    tri_perr_set(err, TR_ERR_NOMEM, fname, 0, 0, "cannot create an XML parser");
    tri_doc_free(d);
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
    tri_perr_set(&s.err, TR_ERR_PARSE, fname, xmlSAX2GetLineNumber(s.ctxt),
             xmlSAX2GetColumnNumber(s.ctxt), "malformed XML");
  schema_complete(&s, xmlSAX2GetLineNumber(s.ctxt));
  s.ctxt->sax = NULL;
  xmlFreeParserCtxt(s.ctxt);
  if (s.err.code) {
    *err = s.err;
    tri_doc_free(d);
    return NULL;
  }
  return d;
}

/* The fast path: the scanner (corpus-scan.c), or NULL when it declines the document, for
 * whatever reason (including any error: libxml2 then finds and locates it). */
static doc_t *parse_scan(tri_arena *arena, const char *fname, const char *data, size_t len,
                         const scratch_t *sc) {
  sax_t s;
  doc_t *d = doc_new(arena);
  gboolean ok;
  sax_init(&s, d, fname, sc);
  ok = tri_xml_scan(&s, data, len);
  if (ok)
    schema_complete(&s, 0);
  if (!ok || s.err.code) {
    tri_perr_clear(&s.err);
    tri_doc_free(d);
    return NULL;
  }
  return d;
}

/* The scratch arrays of a parse without an arena are its own. */
static void scratch_done(scratch_t *sc, tri_arena *arena) {
  if (!arena) {
    g_array_free(sc->ch, TRUE);
    g_array_free(sc->ar, TRUE);
  }
}

tri_xml_mode tri_xml_mode_from_env(void) {
  const char *v = g_getenv("TR_XML_PARSER");
  if (v && strcmp(v, "libxml2") == 0)
    return TRI_XML_LIBXML2;
  return TRI_XML_AUTO;
}

doc_t *tri_parse_doc_mode(const char *fname, const char *data, size_t len, perr_t *err,
                          GString *text, tri_xml_mode mode, gboolean *scanned, tri_arena *arena) {
  const char *bad = NULL;
  tri_arena_mark mark = { 0 };
  doc_t *d = NULL;
  size_t i;

  if (scanned)
    *scanned = FALSE;
  for (i = 0; i < len && g_ascii_isspace(data[i]); i++)
    ;
  if (i == len) {
    tri_perr_set(err, TR_ERR_EMPTY, fname, 0, 0, "the file is empty");
    return NULL;
  }
  if (!utf8_valid(data, len, &bad)) {
    long line, col;
    offset_to_linecol(data, (size_t)(bad - data), &line, &col);
    tri_perr_set(err, TR_ERR_ENCODING, fname, line, col, "invalid UTF-8 (byte 0x%02X at offset %ld)",
             (unsigned)(unsigned char)*bad, (long)(bad - data));
    return NULL;
  }
  if (len > INT_MAX) {
    tri_perr_set(err, TR_ERR_LIMIT, fname, 0, 0, "file larger than 2 GiB");
    return NULL;
  }

  if (arena)
    mark = tri_arena_get_mark(arena);
  scratch_t sc = { text, NULL, NULL };
  if (arena && !arena->scratch_chapters) {
    arena->scratch_chapters = g_array_new(FALSE, FALSE, sizeof(chap_t));
    arena->scratch_articles = g_array_new(FALSE, FALSE, sizeof(art_t));
  }
  sc.ch = arena ? arena->scratch_chapters : g_array_new(FALSE, FALSE, sizeof(chap_t));
  sc.ar = arena ? arena->scratch_articles : g_array_new(FALSE, FALSE, sizeof(art_t));
  if (mode != TRI_XML_LIBXML2) {
    d = parse_scan(arena, fname, data, len, &sc);
    if (!d && arena) /* the declined attempt's strings */
      tri_arena_reset(arena, mark);
    if (d && scanned)
      *scanned = TRUE;
    if (!d && mode == TRI_XML_SCAN) {
      tri_perr_set(err, TR_ERR_PARSE, fname, 0, 0, "declined by the fast XML scanner");
      scratch_done(&sc, arena);
      return NULL;
    }
  }
  if (!d)
    d = parse_libxml2(arena, fname, data, len, err, &sc);
  if (!d) {
    if (arena)
      tri_arena_reset(arena, mark);
    scratch_done(&sc, arena);
    return NULL;
  }
  /* the chapters and articles, exactly sized, where the strings are */
  d->nchapters = sc.ch->len;
  d->narticles = sc.ar->len;
  d->chapters = doc_memdup(d, sc.ch->data, (size_t)sc.ch->len * sizeof(chap_t));
  d->articles = doc_memdup(d, sc.ar->data, (size_t)sc.ar->len * sizeof(art_t));
  scratch_done(&sc, arena);
  d->a.meta[TR_CORPUS_FIELD_FILE] = doc_strdup(d, fname, strlen(fname));
  d->a.date = parse_date(d->a.meta[TR_CORPUS_FIELD_DATE_SIGNED]);
  return d;
}

/* Parse one document; returns the doc or NULL with *err set. @text is the caller's scratch. */
doc_t *tri_parse_doc(const char *fname, const char *data, size_t len, perr_t *err,
                    GString *text) {
  return tri_parse_doc_mode(fname, data, len, err, text, tri_xml_mode_from_env(), NULL, NULL);
}
