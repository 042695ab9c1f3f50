/*
 * libtraderules - ToTA XML ingest: the fast path. A strict scanner for the subset of XML that
 * ToTA files use: an optional XML declaration (version 1.0, encoding UTF-8, standalone),
 * elements with ASCII names, attributes in ' or " quotes, character data, the five predefined
 * entities and character references, comments, CDATA sections, white space.
 *
 * It only ever accepts documents that libxml2 accepts, and feeds the element handlers exactly
 * what libxml2's SAX2 parser would (corpus-xml.c: TR_XML_PARSER=libxml2 compares). Anything else
 * -- a DOCTYPE, other entities, processing instructions, namespaces (':' or xmlns), non-ASCII
 * names, CR (line-end normalisation), tab or newline inside an attribute value (attribute
 * normalisation), characters that XML forbids, ']]>' in text, mismatched or unclosed tags,
 * duplicate attributes, an error set by a handler, long names, values, comments or sections
 * -- is declined: the caller parses the file again with libxml2, which gives the result or the
 * located error. When in doubt, decline.
 *
 * The input is valid UTF-8 without NUL bytes (checked by the caller). No global state.
 * SPDX-License-Identifier: MIT
 */
#include "corpus/tr-corpus-xml.h"

#include <string.h>
#if defined(__SSE2__)
#include <emmintrin.h>
#endif

typedef unsigned char uchar;

/* Byte classes. */
#define F_TEXT 0x01  /* ends a run of character data: < & ] controls 0xEF */
#define F_ATTR 0x02  /* ends a run of an attribute value: < & " ' tab newline controls 0xEF */
#define F_COMM 0x04  /* ends a run of a comment: - controls 0xEF */
#define F_CDAT 0x08  /* ends a run of a CDATA section: ] controls 0xEF */
#define F_NAME 0x10  /* [A-Za-z0-9_.-] */
#define F_NAME0 0x20 /* [A-Za-z_] */
#define F_WS 0x40    /* space, tab, newline (CR is declined everywhere: line-end normalisation) */

/* "Controls" are the bytes below 0x20 but tab and newline: CR and the characters XML forbids.
 * 0xEF starts U+FFFE and U+FFFF (forbidden; checked where met). */
static const uchar cls[256] = {
  0x0f, 0x0f, 0x0f, 0x0f, 0x0f, 0x0f, 0x0f, 0x0f, 0x0f, 0x42, 0x42, 0x0f, 0x0f, 0x0f, 0x0f, 0x0f,
  0x0f, 0x0f, 0x0f, 0x0f, 0x0f, 0x0f, 0x0f, 0x0f, 0x0f, 0x0f, 0x0f, 0x0f, 0x0f, 0x0f, 0x0f, 0x0f,
  0x40, 0x00, 0x02, 0x00, 0x00, 0x00, 0x03, 0x02, 0x00, 0x00, 0x00, 0x00, 0x00, 0x14, 0x10, 0x00,
  0x10, 0x10, 0x10, 0x10, 0x10, 0x10, 0x10, 0x10, 0x10, 0x10, 0x00, 0x00, 0x03, 0x00, 0x00, 0x00,
  0x00, 0x30, 0x30, 0x30, 0x30, 0x30, 0x30, 0x30, 0x30, 0x30, 0x30, 0x30, 0x30, 0x30, 0x30, 0x30,
  0x30, 0x30, 0x30, 0x30, 0x30, 0x30, 0x30, 0x30, 0x30, 0x30, 0x30, 0x00, 0x00, 0x09, 0x00, 0x30,
  0x00, 0x30, 0x30, 0x30, 0x30, 0x30, 0x30, 0x30, 0x30, 0x30, 0x30, 0x30, 0x30, 0x30, 0x30, 0x30,
  0x30, 0x30, 0x30, 0x30, 0x30, 0x30, 0x30, 0x30, 0x30, 0x30, 0x30, 0x00, 0x00, 0x00, 0x00, 0x00,
  0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,
  0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,
  0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,
  0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,
  0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,
  0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,
  0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x0f,
  0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,
};

#define NAME_MAX_LEN 128    /* longer names: declined */
#define MAX_ATTRS 32        /* more attributes on one element: declined */
#define MAX_RUN (64 * 1024) /* longer attribute values, comments, CDATA sections: declined */

typedef struct {
  tri_xml_sax *s;
  const uchar *p, *end;
  const uchar *open[TRI_XML_MAX_DEPTH]; /* names of the open elements (in the input) */
  size_t open_len[TRI_XML_MAX_DEPTH];
  int depth;
  GString *vbuf; /* attribute values with references, unescaped (lazily created) */
} scan_t;

/* U+FFFE or U+FFFF at p (p at 0xEF; the input is valid UTF-8). */
static inline gboolean forbidden_ef(const uchar *p, const uchar *end) {
  return end - p >= 3 && p[1] == 0xBF && (p[2] == 0xBE || p[2] == 0xBF);
}

static inline const uchar *skip_ws(const uchar *p, const uchar *end) {
  while (p < end && (cls[*p] & F_WS))
    p++;
  return p;
}

static inline gboolean has(const uchar *p, const uchar *end, const char *lit, size_t n) {
  return (size_t)(end - p) >= n && memcmp(p, lit, n) == 0;
}

/* A name at p: its length, or 0 when it is not a plain ASCII name (declined). */
static size_t scan_name(const uchar *p, const uchar *end) {
  const uchar *q = p;
  if (q >= end || !(cls[*q] & F_NAME0))
    return 0;
  for (q++; q < end && (cls[*q] & F_NAME); q++)
    ;
  if (q - p > NAME_MAX_LEN || (q < end && (*q == ':' || *q >= 0x80)))
    return 0;
  return (size_t)(q - p);
}

/* XML's Char production, for character references. */
static inline gboolean xml_char(gunichar c) {
  return c == 0x9 || c == 0xA || c == 0xD || (c >= 0x20 && c <= 0xD7FF) ||
         (c >= 0xE000 && c <= 0xFFFD) || (c >= 0x10000 && c <= 0x10FFFF);
}

/* A reference at *pp ('&'): the character it stands for, *pp past the ';'; 0 = declined. */
static gunichar scan_ref(const uchar **pp, const uchar *end) {
  const uchar *p = *pp + 1;
  gunichar c = 0;
  if (p < end && *p == '#') {
    int digits = 0;
    p++;
    if (p < end && *p == 'x') {
      for (p++; p < end && g_ascii_isxdigit(*p) && digits < 8; p++, digits++)
        c = c * 16 + (gunichar)g_ascii_xdigit_value((char)*p);
    } else {
      for (; p < end && g_ascii_isdigit(*p) && digits < 8; p++, digits++)
        c = c * 10 + (gunichar)(*p - '0');
    }
    if (digits == 0 || p >= end || *p != ';' || !xml_char(c))
      return 0;
    *pp = p + 1;
    return c;
  }
  if (has(p, end, "lt;", 3))
    c = '<';
  else if (has(p, end, "gt;", 3))
    c = '>';
  else if (has(p, end, "amp;", 4))
    c = '&';
  else if (has(p, end, "apos;", 5))
    c = '\'';
  else if (has(p, end, "quot;", 5))
    c = '"';
  else
    return 0;
  *pp = p + (c == '<' || c == '>' ? 3 : c == '&' ? 4 : 5);
  return c;
}

/* A comment, p after "<!--": p after "-->", or NULL. */
static const uchar *scan_comment(const uchar *p, const uchar *end) {
  const uchar *start = p;
  for (;;) {
    while (p < end && !(cls[*p] & F_COMM))
      p++;
    if (p >= end || p - start > MAX_RUN)
      return NULL;
    if (*p == '-') {
      if (end - p >= 2 && p[1] == '-')
        return end - p >= 3 && p[2] == '>' ? p + 3 : NULL; /* "--" only as "-->" */
      p++;
    } else if (*p == 0xEF && !forbidden_ef(p, end)) {
      p++;
    } else {
      return NULL;
    }
  }
}

/* A CDATA section, p after "<![CDATA[": its text goes to the handlers; p after "]]>", or NULL. */
static const uchar *scan_cdata(scan_t *sc, const uchar *p, const uchar *end) {
  const uchar *start = p;
  for (;;) {
    while (p < end && !(cls[*p] & F_CDAT))
      p++;
    if (p >= end || p - start > MAX_RUN)
      return NULL;
    if (*p == ']') {
      if (end - p >= 3 && p[1] == ']' && p[2] == '>')
        break;
      p++;
    } else if (*p == 0xEF && !forbidden_ef(p, end)) {
      p++;
    } else {
      return NULL;
    }
  }
  tri_xml_el_chars(sc->s, (const char *)start, (size_t)(p - start));
  return p + 3;
}

typedef struct {
  const uchar *name;
  size_t name_len;
  const uchar *val; /* in the input, or NULL: in vbuf at voff */
  size_t voff, vlen;
} att_t;

/* An attribute value, p at its opening quote: fills a->val/voff/vlen; p after the closing
 * quote, or NULL. libxml2 (SAX2 without entity substitution) gives '&' -- from &amp; or a
 * character reference -- as the five characters "&#38;" in attribute values; so do we. */
static const uchar *scan_value(scan_t *sc, const uchar *p, const uchar *end, att_t *a) {
  const uchar quote = *p++, *start = p, *seg = p;
  gboolean refs = FALSE;
  for (;;) {
    while (p < end && !(cls[*p] & F_ATTR))
      p++;
    if (p >= end || p - start > MAX_RUN)
      return NULL;
    if (*p == quote)
      break;
    if (*p == '"' || *p == '\'' || (*p == 0xEF && !forbidden_ef(p, end))) {
      p++;
    } else if (*p == '&') {
      gunichar c;
      const uchar *r = p;
      if (!refs) {
        if (!sc->vbuf)
          sc->vbuf = g_string_sized_new(256);
        a->voff = sc->vbuf->len;
        refs = TRUE;
      }
      g_string_append_len(sc->vbuf, (const char *)seg, p - seg);
      c = scan_ref(&r, end);
      if (c < 0x20) /* declined, or a control character by reference (normalisation) */
        return NULL;
      if (c == '&')
        g_string_append_len(sc->vbuf, "&#38;", 5);
      else
        g_string_append_unichar(sc->vbuf, c);
      p = seg = r;
    } else {
      return NULL; /* '<', tab, newline (normalised to spaces by libxml2), controls */
    }
  }
  if (refs) {
    g_string_append_len(sc->vbuf, (const char *)seg, p - seg);
    a->val = NULL;
    a->vlen = sc->vbuf->len - a->voff;
  } else {
    a->val = start;
    a->vlen = (size_t)(p - start);
  }
  return p + 1;
}

/* A start tag, p after '<': the handlers see it (and its end if empty); p after '>', or NULL. */
static const uchar *scan_start_tag(scan_t *sc, const uchar *p, const uchar *end) {
  att_t at[MAX_ATTRS];
  const char *av[5 * MAX_ATTRS];
  char names[MAX_ATTRS][NAME_MAX_LEN + 1];
  char name[NAME_MAX_LEN + 1];
  size_t n = scan_name(p, end);
  int nat = 0;
  gboolean empty;

  if (n == 0 || sc->depth >= TRI_XML_MAX_DEPTH)
    return NULL;
  memcpy(name, p, n);
  name[n] = '\0';
  sc->open[sc->depth] = p;
  sc->open_len[sc->depth] = n;
  p += n;
  if (sc->vbuf)
    g_string_truncate(sc->vbuf, 0);
  for (;;) {
    const uchar *w = p;
    att_t *a;
    p = skip_ws(p, end);
    if (p >= end)
      return NULL;
    if (*p == '>') {
      empty = FALSE;
      p++;
      break;
    }
    if (*p == '/') {
      if (end - p < 2 || p[1] != '>')
        return NULL;
      empty = TRUE;
      p += 2;
      break;
    }
    n = scan_name(p, end);
    /* attributes are separated by white space; xml* names (xmlns, ...) are libxml2's */
    if (p == w || n == 0 || nat == MAX_ATTRS ||
        (n >= 3 && g_ascii_strncasecmp((const char *)p, "xml", 3) == 0))
      return NULL;
    for (int i = 0; i < nat; i++)
      if (at[i].name_len == n && memcmp(at[i].name, p, n) == 0)
        return NULL; /* a duplicate attribute */
    a = &at[nat];
    a->name = p;
    a->name_len = n;
    p = skip_ws(p + n, end);
    if (p >= end || *p != '=')
      return NULL;
    p = skip_ws(p + 1, end);
    if (p >= end || (*p != '"' && *p != '\''))
      return NULL;
    if (!(p = scan_value(sc, p, end, a)))
      return NULL;
    nat++;
  }
  for (int i = 0; i < nat; i++) {
    memcpy(names[i], at[i].name, at[i].name_len);
    names[i][at[i].name_len] = '\0';
    av[5 * i] = names[i];
    av[5 * i + 1] = NULL;
    av[5 * i + 2] = NULL;
    av[5 * i + 3] = at[i].val ? (const char *)at[i].val : sc->vbuf->str + at[i].voff;
    av[5 * i + 4] = av[5 * i + 3] + at[i].vlen;
  }
  sc->depth++;
  tri_xml_el_start(sc->s, name, nat, av);
  if (empty && !tri_xml_failed(sc->s)) {
    sc->depth--;
    tri_xml_el_end(sc->s);
  }
  return tri_xml_failed(sc->s) ? NULL : p;
}

/* An end tag, p after "</": must close the innermost open element; p after '>', or NULL. */
static const uchar *scan_end_tag(scan_t *sc, const uchar *p, const uchar *end) {
  size_t n = scan_name(p, end);
  if (n == 0 || sc->depth == 0 || n != sc->open_len[sc->depth - 1] ||
      memcmp(p, sc->open[sc->depth - 1], n) != 0)
    return NULL;
  p = skip_ws(p + n, end);
  if (p >= end || *p != '>')
    return NULL;
  sc->depth--;
  tri_xml_el_end(sc->s);
  return tri_xml_failed(sc->s) ? NULL : p + 1;
}

/* The end of a run of character data from p: the first byte of class F_TEXT, or end. */
static inline const uchar *text_run(const uchar *p, const uchar *end) {
#if defined(__SSE2__)
  /* sixteen bytes at a time: '<', '&', ']', 0xEF, or below 0x20 but tab and newline */
  const __m128i lt = _mm_set1_epi8('<'), amp = _mm_set1_epi8('&'), rb = _mm_set1_epi8(']'),
                ef = _mm_set1_epi8((char)0xEF), c1f = _mm_set1_epi8(0x1F),
                tab = _mm_set1_epi8('\t'), nl = _mm_set1_epi8('\n');
  while (end - p >= 16) {
    __m128i x = _mm_loadu_si128((const __m128i *)(const void *)p);
    __m128i m = _mm_or_si128(_mm_or_si128(_mm_cmpeq_epi8(x, lt), _mm_cmpeq_epi8(x, amp)),
                             _mm_or_si128(_mm_cmpeq_epi8(x, rb), _mm_cmpeq_epi8(x, ef)));
    __m128i ctl = _mm_cmpeq_epi8(_mm_max_epu8(x, c1f), c1f);
    ctl = _mm_andnot_si128(_mm_or_si128(_mm_cmpeq_epi8(x, tab), _mm_cmpeq_epi8(x, nl)), ctl);
    unsigned bits = (unsigned)_mm_movemask_epi8(_mm_or_si128(m, ctl));
    if (bits)
      return p + __builtin_ctz(bits);
    p += 16;
  }
#endif
  while (p < end && !(cls[*p] & F_TEXT))
    p++;
  return p;
}

/* The content of the root element, p after its start tag: p after its end tag, or NULL. */
static const uchar *scan_content(scan_t *sc, const uchar *p, const uchar *end) {
  while (sc->depth > 0) {
    const uchar *t = p;
    /* character data up to markup or a reference; ']' and 0xEF need a look */
    for (;;) {
      p = text_run(p, end);
      if (p < end && *p == ']') {
        if (end - p >= 3 && p[1] == ']' && p[2] == '>')
          return NULL; /* "]]>" in text */
        p++;
      } else if (p < end && *p == 0xEF && !forbidden_ef(p, end)) {
        p++;
      } else {
        break;
      }
    }
    if (p > t && tri_xml_capturing(sc->s))
      tri_xml_el_chars(sc->s, (const char *)t, (size_t)(p - t));
    if (p >= end)
      return NULL; /* unclosed elements */
    if (*p == '&') {
      char u[8];
      gunichar c = scan_ref(&p, end);
      if (c == 0)
        return NULL;
      tri_xml_el_chars(sc->s, u, (size_t)g_unichar_to_utf8(c, u));
      continue;
    }
    if (*p != '<')
      return NULL; /* a control character or U+FFFE/U+FFFF */
    p++;
    if (p < end && *p == '/') {
      p = scan_end_tag(sc, p + 1, end);
    } else if (p < end && *p == '!') {
      if (has(p, end, "!--", 3))
        p = scan_comment(p + 3, end);
      else if (has(p, end, "![CDATA[", 8))
        p = scan_cdata(sc, p + 8, end);
      else
        return NULL;
    } else {
      p = scan_start_tag(sc, p, end);
    }
    if (!p)
      return NULL;
  }
  return p;
}

/* "= 'lit'" or "= \"lit\"" at p (lit among @n choices): p after the value, or NULL. */
static const uchar *scan_decl_value(const uchar *p, const uchar *end, const char *const *lits,
                                    size_t n, gboolean nocase) {
  uchar q;
  p = skip_ws(p, end);
  if (p >= end || *p != '=')
    return NULL;
  p = skip_ws(p + 1, end);
  if (p >= end || (*p != '"' && *p != '\''))
    return NULL;
  q = *p++;
  for (size_t i = 0; i < n; i++) {
    size_t l = strlen(lits[i]);
    if ((size_t)(end - p) > l && p[l] == q &&
        (nocase ? g_ascii_strncasecmp((const char *)p, lits[i], l) == 0 : memcmp(p, lits[i], l) == 0))
      return p + l + 1;
  }
  return NULL;
}

/* The XML declaration, p after "<?xml" and a white space: p after "?>", or NULL. */
static const uchar *scan_decl(const uchar *p, const uchar *end) {
  static const char *const version[] = { "1.0" }, *const encoding[] = { "UTF-8" },
                           *const standalone[] = { "yes", "no" };
  const uchar *w;
  p = skip_ws(p, end);
  if (!has(p, end, "version", 7) || !(p = scan_decl_value(p + 7, end, version, 1, FALSE)))
    return NULL;
  w = p;
  p = skip_ws(p, end);
  if (p > w && has(p, end, "encoding", 8)) {
    if (!(p = scan_decl_value(p + 8, end, encoding, 1, TRUE)))
      return NULL;
    w = p;
    p = skip_ws(p, end);
  }
  if (p > w && has(p, end, "standalone", 10)) {
    if (!(p = scan_decl_value(p + 10, end, standalone, 2, FALSE)))
      return NULL;
    p = skip_ws(p, end);
  }
  return has(p, end, "?>", 2) ? p + 2 : NULL;
}

/* White space and comments before or after the root element: p at the next other byte. */
static const uchar *scan_misc(const uchar *p, const uchar *end) {
  for (;;) {
    p = skip_ws(p, end);
    if (!has(p, end, "<!--", 4))
      return p;
    if (!(p = scan_comment(p + 4, end)))
      return NULL;
  }
}

gboolean tri_xml_scan(tri_xml_sax *s, const char *data, size_t len) {
  scan_t sc;
  const uchar *p = (const uchar *)data, *end = p + len;
  gboolean ok = FALSE;

  memset(&sc, 0, sizeof sc);
  sc.s = s;
  /* the declaration only at the very start, followed by white space ("<?xml-..." is a PI) */
  if (has(p, end, "<?xml", 5) && end - p > 5 && (cls[p[5]] & F_WS)) {
    if (!(p = scan_decl(p + 5, end)))
      goto out;
  }
  if (!(p = scan_misc(p, end)) || p >= end || *p != '<')
    goto out;
  /* the root element: its start tag, its content unless empty */
  if (!(p = scan_start_tag(&sc, p + 1, end)))
    goto out;
  if (sc.depth > 0 && !(p = scan_content(&sc, p, end)))
    goto out;
  if (!(p = scan_misc(p, end)) || p != end)
    goto out;
  ok = !tri_xml_failed(s);
out:
  if (sc.vbuf)
    g_string_free(sc.vbuf, TRUE);
  return ok;
}
