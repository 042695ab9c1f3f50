/*
 * libtraderules - tokens and shingle sets of texts (scikit-learn compatible).
 * SPDX-License-Identifier: MIT
 */
#include "corpus/tr-corpus-internal.h"

#include <stdlib.h>
#include <string.h>

/* ---- character classes ---- */

static gboolean in_ranges(const uint32_t (*r)[2], size_t n, uint32_t c) {
  size_t lo = 0, hi = n;
  while (lo < hi) {
    size_t mid = (lo + hi) / 2;
    if (c < r[mid][0])
      hi = mid;
    else if (c > r[mid][1])
      lo = mid + 1;
    else
      return TRUE;
  }
  return FALSE;
}

static gboolean uc_alnum(uint32_t c) {
  if (c < 128)
    return g_ascii_isalnum((int)c);
  return in_ranges(tr_uc_alnum, tr_uc_alnum_len, c);
}

static gboolean uc_cased(uint32_t c) {
  return in_ranges(tr_uc_cased, tr_uc_cased_len, c);
}

static gboolean uc_ignorable(uint32_t c) {
  return in_ranges(tr_uc_case_ignorable, tr_uc_case_ignorable_len, c);
}

/* Python's str.lower() of one code point (not U+03A3): 1 or 2 code points. */
static int uc_lower(uint32_t c, uint32_t out[2]) {
  size_t lo = 0, hi = tr_uc_lower_len;
  if (c < 128) {
    out[0] = (c >= 'A' && c <= 'Z') ? c + 32 : c;
    return 1;
  }
  while (lo < hi) {
    size_t mid = (lo + hi) / 2;
    if (c < tr_uc_lower[mid][0])
      hi = mid;
    else if (c > tr_uc_lower[mid][0])
      lo = mid + 1;
    else {
      out[0] = tr_uc_lower[mid][1];
      out[1] = tr_uc_lower[mid][2];
      return out[1] ? 2 : 1;
    }
  }
  out[0] = c;
  return 1;
}

/* Decode one code point of valid UTF-8 at p, advance *pp. */
static inline uint32_t dec(const unsigned char **pp) {
  const unsigned char *p = *pp;
  uint32_t c = p[0];
  if (c < 0x80) {
    *pp = p + 1;
    return c;
  }
  if (c < 0xE0) {
    *pp = p + 2;
    return ((c & 0x1F) << 6) | (p[1] & 0x3F);
  }
  if (c < 0xF0) {
    *pp = p + 3;
    return ((c & 0x0F) << 12) | ((uint32_t)(p[1] & 0x3F) << 6) | (p[2] & 0x3F);
  }
  *pp = p + 4;
  return ((c & 0x07) << 18) | ((uint32_t)(p[1] & 0x3F) << 12) | ((uint32_t)(p[2] & 0x3F) << 6) |
         (p[3] & 0x3F);
}

/* Code point ending just before p (p > start). */
static uint32_t dec_back(const unsigned char *start, const unsigned char **pp) {
  const unsigned char *p = *pp - 1;
  while (p > start && (*p & 0xC0) == 0x80)
    p--;
  *pp = p;
  const unsigned char *q = p;
  return dec(&q);
}

/* Python's Final_Sigma test for the U+03A3 at [at, after). */
static gboolean final_sigma(const unsigned char *start, const unsigned char *at,
                            const unsigned char *after, const unsigned char *end) {
  const unsigned char *p = at;
  uint32_t c = 0;
  gboolean found = FALSE;
  while (p > start) {
    c = dec_back(start, &p);
    if (!uc_ignorable(c)) {
      found = TRUE;
      break;
    }
  }
  if (!found || !uc_cased(c))
    return FALSE;
  p = after;
  while (p < end) {
    c = dec(&p);
    if (!uc_ignorable(c))
      return !uc_cased(c);
  }
  return TRUE;
}

int tri_lower_at(const unsigned char *start, const unsigned char **pp, const unsigned char *end,
                 uint32_t out[2]) {
  const unsigned char *at = *pp;
  uint32_t c0 = dec(pp);
  if (c0 == 0x3A3) {
    out[0] = final_sigma(start, at, *pp, end) ? 0x3C2 : 0x3C3;
    return 1;
  }
  return uc_lower(c0, out);
}

gboolean tri_uc_alnum(uint32_t c) {
  return uc_alnum(c);
}

/* ---- token buffers ---- */

void tri_toks_init(tr_toks *t) {
  memset(t, 0, sizeof *t);
}

void tri_toks_clear(tr_toks *t) {
  g_free(t->buf);
  g_free(t->off);
  memset(t, 0, sizeof *t);
}

static inline void buf_reserve(tr_toks *t, size_t extra) {
  if (t->len + extra > t->cap) {
    t->cap = MAX(t->cap * 2, t->len + extra + 64);
    t->buf = g_realloc(t->buf, t->cap);
  }
}

static inline void off_push(tr_toks *t, uint32_t v) {
  if (t->n + 2 > t->offcap) {
    t->offcap = MAX(t->offcap * 2, 64);
    t->off = g_realloc(t->off, t->offcap * sizeof *t->off);
  }
  t->off[t->n] = v;
}

static inline void put_utf8(tr_toks *t, uint32_t c) {
  t->len += g_unichar_to_utf8(c, t->buf + t->len);
}

void tri_tokenize(const char *text, size_t len, tr_shingle_kind kind, tr_toks *t) {
  const unsigned char *start = (const unsigned char *)text, *p = start, *end = start + len;
  gboolean in_tok = FALSE;
  char *buf;
  t->len = 0;
  t->n = 0;
  /* Lowercasing at most multiplies the bytes of one code point by 1.5 (e.g. U+0130 ->
   * "i" U+0307, 2 -> 3 bytes); a separator run becomes at most one space. */
  buf_reserve(t, len + len / 2 + 16);
  buf = t->buf;
  off_push(t, 0);
  while (p < end) {
    uint32_t lc[2];
    int nl;
    if (*p < 0x80) {
      /* ASCII fast path (the same classes in all three kinds): a run of ASCII bytes,
       * with the length in a local (a store through buf may alias t->len) */
      size_t L = t->len;
      do {
        unsigned char c = *p;
        if (c >= 0x80)
          break;
        p++;
        unsigned char low = (unsigned char)(c - 'A') < 26 ? (unsigned char)(c + 32) : c;
        if ((unsigned char)(low - 'a') < 26 || (unsigned char)(c - '0') < 10) {
          buf[L++] = (char)low;
          in_tok = TRUE;
        } else if (in_tok) {
          in_tok = FALSE;
          if (kind == TR_SHINGLE_CHAR) {
            buf[L++] = ' ';
          } else {
            t->n++;
            off_push(t, (uint32_t)L);
          }
        }
      } while (p < end);
      t->len = L;
      continue;
    }
    const unsigned char *at = p;
    uint32_t c0 = dec(&p);
    if (c0 == 0x3A3) {
      lc[0] = final_sigma(start, at, p, end) ? 0x3C2 : 0x3C3;
      nl = 1;
    } else {
      nl = uc_lower(c0, lc);
    }
    for (int k = 0; k < nl; k++) {
      uint32_t c = lc[k];
      gboolean keep;
      if (kind == TR_SHINGLE_WORD)
        keep = uc_alnum(c);
      else
        keep = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9');
      if (keep) {
        if (c < 0x80)
          buf[t->len++] = (char)c;
        else
          put_utf8(t, c);
        in_tok = TRUE;
      } else if (in_tok) {
        in_tok = FALSE;
        if (kind == TR_SHINGLE_CHAR) {
          buf[t->len++] = ' ';
        } else {
          t->n++;
          off_push(t, (uint32_t)t->len);
        }
      }
    }
  }
  if (kind == TR_SHINGLE_CHAR) {
    if (t->len > 0 && t->buf[t->len - 1] == ' ')
      t->len--;
    t->n = 0;
    return;
  }
  if (in_tok) {
    t->n++;
    off_push(t, (uint32_t)t->len);
  }
}

/* ---- public: tokens ---- */

static int check_text(const char *text, long len, size_t *out_len) {
  const char *bad = NULL;
  size_t n;
  if (!text)
    return tri_fail(TR_ERR_INVALID_ARG, "text is NULL");
  n = len < 0 ? strlen(text) : (size_t)len;
  if (!g_utf8_validate_len(text, n, &bad))
    return tri_set_error(TR_ERR_ENCODING, "text", 1, (long)(bad - text) + 1, NULL,
                        "invalid UTF-8 at byte %ld", (long)(bad - text));
  *out_len = n;
  return TR_OK;
}

int tr_text_tokenize(const char *text, long len, tr_shingle_kind kind, char ***tokens,
                     size_t *count) {
  size_t n, ntok, bytes;
  tr_toks t;
  char **arr, *s;
  int rc;
  if (!tokens)
    return tri_fail(TR_ERR_INVALID_ARG, "tokens is NULL");
  *tokens = NULL;
  if (kind > TR_SHINGLE_CHAR)
    return tri_fail(TR_ERR_INVALID_ARG, "unknown shingle kind %d", (int)kind);
  if ((rc = check_text(text, len, &n)) != TR_OK)
    return rc;
  tri_toks_init(&t);
  tri_tokenize(text, n, kind, &t);
  ntok = kind == TR_SHINGLE_CHAR ? (t.len ? 1 : 0) : t.n;
  bytes = (ntok + 1) * sizeof(char *) + t.len + ntok;
  arr = malloc(bytes);
  if (!arr) {
    tri_toks_clear(&t);
    return tri_fail(TR_ERR_NOMEM, "out of memory");
  }
  s = (char *)(arr + ntok + 1);
  for (size_t i = 0; i < ntok; i++) {
    size_t a = kind == TR_SHINGLE_CHAR ? 0 : t.off[i];
    size_t b = kind == TR_SHINGLE_CHAR ? t.len : t.off[i + 1];
    memcpy(s, t.buf + a, b - a);
    s[b - a] = '\0';
    arr[i] = s;
    s += b - a + 1;
  }
  arr[ntok] = NULL;
  tri_toks_clear(&t);
  *tokens = arr;
  if (count)
    *count = ntok;
  return TR_OK;
}

/* ---- shingle sets: sorted unique strings ---- */

struct tr_shingle_set {
  size_t n;
  char **items; /* sorted by strcmp, unique; each g_malloc'd */
};

static int cmp_str(const void *a, const void *b) {
  return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Build a set from a pointer array of owned strings (takes ownership). */
tr_shingle_set *tri_shingle_set_take(char **items, size_t n) {
  tr_shingle_set *s = g_new0(tr_shingle_set, 1);
  size_t w = 0;
  if (n)
    qsort(items, n, sizeof *items, cmp_str);
  for (size_t i = 0; i < n; i++) {
    if (w > 0 && strcmp(items[w - 1], items[i]) == 0)
      g_free(items[i]);
    else
      items[w++] = items[i];
  }
  s->n = w;
  s->items = items;
  return s;
}

/* Append the shingles of already tokenised text to @out. */
void tri_shingles_of_toks(const tr_toks *t, tr_shingle_kind kind, unsigned n, GPtrArray *out) {
  if (kind == TR_SHINGLE_CHAR) {
    for (size_t i = 0; i + n <= t->len; i++)
      g_ptr_array_add(out, g_strndup(t->buf + i, n));
    return;
  }
  for (size_t i = 0; i + n <= t->n; i++) {
    size_t a = t->off[i], b = t->off[i + n];
    GString *g = g_string_sized_new(b - a + n);
    for (size_t k = i; k < i + n; k++) {
      if (k > i)
        g_string_append_c(g, ' ');
      g_string_append_len(g, t->buf + t->off[k], t->off[k + 1] - t->off[k]);
    }
    g_ptr_array_add(out, g_string_free(g, FALSE));
  }
}

int tr_shingle_set_from_text(const char *text, long len, tr_shingle_kind kind, unsigned n,
                             tr_shingle_set **out) {
  size_t tl;
  int rc;
  tr_toks t;
  GPtrArray *arr;
  guint cnt;
  if (!out)
    return tri_fail(TR_ERR_INVALID_ARG, "out is NULL");
  *out = NULL;
  if (kind > TR_SHINGLE_CHAR)
    return tri_fail(TR_ERR_INVALID_ARG, "unknown shingle kind %d", (int)kind);
  if (n < 1 || n > 64)
    return tri_fail(TR_ERR_INVALID_ARG, "shingle length %u is outside 1..64", n);
  if ((rc = check_text(text, len, &tl)) != TR_OK)
    return rc;
  tri_toks_init(&t);
  tri_tokenize(text, tl, kind, &t);
  arr = g_ptr_array_new();
  tri_shingles_of_toks(&t, kind, n, arr);
  tri_toks_clear(&t);
  cnt = arr->len;
  *out = tri_shingle_set_take((char **)g_ptr_array_free(arr, FALSE), cnt);
  return TR_OK;
}

size_t tr_shingle_set_size(const tr_shingle_set *set) {
  return set ? set->n : 0;
}

const char *tr_shingle_set_at(const tr_shingle_set *set, size_t i) {
  return set && i < set->n ? set->items[i] : NULL;
}

int tr_shingle_set_contains(const tr_shingle_set *set, const char *shingle) {
  if (!set || !shingle || !set->n)
    return 0;
  return bsearch(&shingle, set->items, set->n, sizeof *set->items, cmp_str) != NULL;
}

int tr_shingle_set_union(const tr_shingle_set *a, const tr_shingle_set *b, tr_shingle_set **out) {
  size_t i = 0, j = 0, w = 0;
  char **items;
  if (!out)
    return tri_fail(TR_ERR_INVALID_ARG, "out is NULL");
  *out = NULL;
  if (!a || !b)
    return tri_fail(TR_ERR_INVALID_ARG, "set is NULL");
  items = g_new(char *, a->n + b->n + 1);
  while (i < a->n || j < b->n) {
    int c = i == a->n ? 1 : j == b->n ? -1 : strcmp(a->items[i], b->items[j]);
    if (c <= 0) {
      items[w++] = g_strdup(a->items[i++]);
      if (c == 0)
        j++;
    } else {
      items[w++] = g_strdup(b->items[j++]);
    }
  }
  *out = g_new0(tr_shingle_set, 1);
  (*out)->n = w;
  (*out)->items = items;
  return TR_OK;
}

size_t tr_shingle_set_intersection(const tr_shingle_set *a, const tr_shingle_set *b) {
  size_t i = 0, j = 0, k = 0;
  if (!a || !b)
    return 0;
  while (i < a->n && j < b->n) {
    int c = strcmp(a->items[i], b->items[j]);
    if (c == 0) {
      k++;
      i++;
      j++;
    } else if (c < 0) {
      i++;
    } else {
      j++;
    }
  }
  return k;
}

double tr_shingle_set_jaccard(const tr_shingle_set *a, const tr_shingle_set *b) {
  size_t inter, uni;
  if (!a || !b)
    return 0.0;
  inter = tr_shingle_set_intersection(a, b);
  uni = a->n + b->n - inter;
  return uni ? (double)inter / (double)uni : 0.0;
}

void tr_shingle_set_free(tr_shingle_set *set) {
  if (!set)
    return;
  for (size_t i = 0; i < set->n; i++)
    g_free(set->items[i]);
  g_free(set->items);
  g_free(set);
}

const char *tr_corpus_unicode_version(void) {
  return tr_unicode_version;
}
