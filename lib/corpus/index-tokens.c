/*
 * libtraderules - shingle index: phase 1, tokens (tokenise, per-worker dictionaries, flat token array).
 * SPDX-License-Identifier: MIT
 */
#include "corpus/tr-index-internal.h"

#include <string.h>
#ifdef __SSE2__
#include <emmintrin.h>
#endif

/* ------------------------------------------------------------------ */
/* phase 1: tokens                                                    */
/* ------------------------------------------------------------------ */

/* A string -> id dictionary (open addressing). A slot holds the first 16 bytes of its
 * string (zero-padded), its length and hash: a lookup of a token of at most 16 bytes (most
 * words) reads one slot and nothing else; longer ones are compared against the buffer. */
typedef struct {
  uint64_t k0, k1; /* the first 16 bytes, zero-padded */
  uint32_t h;      /* hash */
  uint32_t len;
  uint32_t id;     /* id + 1; 0: empty */
  uint32_t pad;
} strslot;

typedef struct {
  char *buf;     /* the strings, one after another */
  uint64_t *off; /* start of string i; off[n] = end */
  strslot *slots;
  size_t mask, n;
  size_t blen, bcap, ocap; /* bytes in buf; its capacity; entries off has room for */
} strdict;

/* The dictionary's arrays: on huge pages from 4 MiB (tri_big_try_malloc). A slot table
 * is touched all over at once, and a small page costs a fault each (14 us of CPU on this
 * VM: a 4 MiB table was 14 ms, against 0.6 ms on huge pages). Failure aborts, as GLib's
 * allocations (the dictionary is small against the build's estimate, probed before). */
static void *dict_alloc0(size_t bytes) {
  void *p = tri_big_try_malloc0(bytes);
  return p ? p : g_malloc0(bytes);
}

static void *dict_alloc(size_t bytes) {
  void *p = tri_big_try_malloc(bytes);
  return p ? p : g_malloc(bytes);
}

static void *dict_grow(void *p, size_t bytes) {
  void *q = tri_big_try_realloc(p, bytes);
  return q ? q : g_realloc(p, bytes);
}

/* A dictionary for about @expect strings (it grows past them). */
static void strdict_init(strdict *d, size_t expect) {
  d->mask = 4095;
  while (d->mask < ((size_t)1 << 24) && expect * 10 > d->mask * 6)
    d->mask = d->mask * 2 + 1;
  d->slots = dict_alloc0((d->mask + 1) * sizeof(strslot));
  d->n = 0;
  /* room for @expect strings of 64 bytes, 8 offsets each: on huge pages at ToTA's size,
   * touched only as far as used */
  d->bcap = MAX(expect * 64, (size_t)4096);
  d->buf = dict_alloc(d->bcap);
  d->blen = 0;
  d->ocap = MAX(expect * 8, (size_t)512);
  d->off = dict_alloc(d->ocap * sizeof(uint64_t));
  d->off[0] = 0;
}

static void strdict_clear(strdict *d) {
  g_free(d->buf);
  g_free(d->off);
  g_free(d->slots);
  memset(d, 0, sizeof *d);
}

static void strdict_grow(strdict *d) {
  size_t nm = d->mask * 2 + 1;
  strslot *ns = dict_alloc0((nm + 1) * sizeof(strslot));
  for (size_t i = 0; i <= d->mask; i++) {
    if (!d->slots[i].id)
      continue;
    size_t k = d->slots[i].h & nm;
    while (ns[k].id)
      k = (k + 1) & nm;
    ns[k] = d->slots[i];
  }
  g_free(d->slots);
  d->slots = ns;
  d->mask = nm;
}

/* The slot key of a string: its first 16 bytes (zero-padded) and its hash. With
 * @overread the 16 bytes after @s may be read (the tokenizer's buffers have that slack).
 * The hash of a string of at most 16 bytes is one 64 x 64 -> 128-bit multiply folded
 * (high ^ low half) of its two words; longer ones hash all their bytes. */
typedef struct {
  uint64_t k0, k1;
  uint32_t h;
} strkey;

#ifdef __SIZEOF_INT128__
static inline uint64_t fold_mul(uint64_t a, uint64_t b) {
  unsigned __int128 m = (unsigned __int128)a * b;
  return (uint64_t)m ^ (uint64_t)(m >> 64);
}
#else
static inline uint64_t fold_mul(uint64_t a, uint64_t b) {
  return tri_mix64(a ^ tri_mix64(b));
}
#endif

static inline uint32_t strkey_hash16(uint64_t k0, uint64_t k1, size_t len) {
  uint64_t x = fold_mul(k0 ^ 0x9E3779B97F4A7C15ULL, k1 ^ 0xD6E8FEB86659FD93ULL ^ ((uint64_t)len << 56));
  return (uint32_t)(x ^ (x >> 32));
}

/* Masks of the first len bytes of each word (little-endian loads), by min(len, 16). */
static const uint64_t key_mask[2][17] = {
  { 0, 0xFFULL, 0xFFFFULL, 0xFFFFFFULL, 0xFFFFFFFFULL, 0xFFFFFFFFFFULL, 0xFFFFFFFFFFFFULL,
    0xFFFFFFFFFFFFFFULL, ~0ULL, ~0ULL, ~0ULL, ~0ULL, ~0ULL, ~0ULL, ~0ULL, ~0ULL, ~0ULL },
  { 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xFFULL, 0xFFFFULL, 0xFFFFFFULL, 0xFFFFFFFFULL, 0xFFFFFFFFFFULL,
    0xFFFFFFFFFFFFULL, 0xFFFFFFFFFFFFFFULL, ~0ULL },
};

static inline strkey strkey_of(const char *s, size_t len, gboolean overread) {
  strkey k = { 0, 0, 0 };
#if G_BYTE_ORDER == G_LITTLE_ENDIAN
  if (overread) {
    size_t m = MIN(len, (size_t)16);
    memcpy(&k.k0, s, 8);
    memcpy(&k.k1, s + 8, 8);
    k.k0 &= key_mask[0][m];
    k.k1 &= key_mask[1][m];
  } else
#endif
  {
    memcpy(&k.k0, s, MIN(len, (size_t)8));
    if (len > 8)
      memcpy(&k.k1, s + 8, MIN(len - 8, (size_t)8));
  }
  k.h = len <= 16 ? strkey_hash16(k.k0, k.k1, len)
                  : (uint32_t)tri_hash_bytes((const unsigned char *)s, len);
  return k;
}

/* A new string into the empty slot k. */
static G_GNUC_NO_INLINE uint32_t strdict_insert(strdict *d, size_t k, const char *s, size_t len,
                                                strkey key) {
  uint32_t id = (uint32_t)d->n++;
  if (d->blen + len > d->bcap) {
    d->bcap = MAX(d->bcap * 2, d->blen + len);
    d->buf = dict_grow(d->buf, d->bcap);
  }
  if (d->n + 1 > d->ocap) {
    d->ocap *= 2;
    d->off = dict_grow(d->off, tri_mem_mul(d->ocap, sizeof(uint64_t)));
  }
  memcpy(d->buf + d->blen, s, len);
  d->blen += len;
  d->off[d->n] = d->blen;
  d->slots[k] = (strslot){ key.k0, key.k1, key.h, (uint32_t)len, id + 1, 0 };
  if (d->n * 10 > d->mask * 6)
    strdict_grow(d);
  return id;
}

static inline uint32_t strdict_intern_key(strdict *d, const char *s, size_t len, strkey key) {
  size_t k = key.h & d->mask;
  for (;;) {
    const strslot *q = &d->slots[k];
    if (!q->id)
      return strdict_insert(d, k, s, len, key);
    if (q->k0 == key.k0 && q->k1 == key.k1 && q->len == len && q->h == key.h) {
      uint32_t id = q->id - 1;
      if (len <= 16 || memcmp(d->buf + d->off[id] + 16, s + 16, len - 16) == 0)
        return id;
    }
    k = (k + 1) & d->mask;
  }
}

/* The id of a string, or TOK_MISSING: a lookup only (the dictionary is not written, so
 * threads may look up at once). */
#define TOK_MISSING UINT32_MAX

static inline uint32_t strdict_find_key(const strdict *d, const char *s, size_t len, strkey key) {
  size_t k = key.h & d->mask;
  for (;;) {
    const strslot *q = &d->slots[k];
    if (!q->id)
      return TOK_MISSING;
    if (q->k0 == key.k0 && q->k1 == key.k1 && q->len == len && q->h == key.h) {
      uint32_t id = q->id - 1;
      if (len <= 16 || memcmp(d->buf + d->off[id] + 16, s + 16, len - 16) == 0)
        return id;
    }
    k = (k + 1) & d->mask;
  }
}

/* ---- word tokens of one article, keyed for the dictionary ---- */

/* The shingle index tokenises word kinds itself, straight into dictionary keys: runs of
 * ASCII are classified 16 bytes at a time (lowercased into @low at the text's offsets, a
 * bit per byte that belongs to a token), and a token of ASCII only is keyed from @low
 * where it stands; any other code point goes through tri_tokenize()'s own steps
 * (tri_lower_at, tri_uc_alnum), and a token holding one is built in @sbuf. The tokens
 * equal tri_tokenize()'s (tests/corpus/test-index.c checks them on Unicode text). */
typedef struct {
  uint64_t k0, k1; /* the first 16 bytes, zero-padded */
  uint32_t h, len;
  uint64_t off;    /* the token's bytes: low + off, or sbuf + (off & ~TK_SBUF) */
} tokkey;

#define TK_SBUF ((uint64_t)1 << 63)

typedef struct {
  unsigned char *low; /* the article's ASCII lowercased at its offsets (+ 32 bytes) */
  size_t lowcap;
  char *sbuf;         /* tokens with other code points */
  size_t slen, scap;
  tokkey *keys;       /* the article's tokens */
  size_t nkeys, keycap;
} wordscan;

static void wordscan_clear(wordscan *ws) {
  g_free(ws->low);
  g_free(ws->sbuf);
  g_free(ws->keys);
  memset(ws, 0, sizeof *ws);
}

static inline tokkey *wordscan_push(wordscan *ws) {
  if (ws->nkeys == ws->keycap) {
    ws->keycap = MAX((size_t)256, ws->keycap * 2);
    ws->keys = g_renew(tokkey, ws->keys, ws->keycap);
  }
  return &ws->keys[ws->nkeys++];
}

static inline void sbuf_reserve(wordscan *ws, size_t extra) {
  if (ws->slen + extra + 16 > ws->scap) {
    ws->scap = MAX(ws->scap * 2, ws->slen + extra + 16 + 256);
    ws->sbuf = g_realloc(ws->sbuf, ws->scap);
  }
}

/* A token of ASCII: low[b .. e). */
static inline void emit_low(wordscan *ws, size_t b, size_t e) {
  tokkey *k = wordscan_push(ws);
  strkey s = strkey_of((const char *)ws->low + b, e - b, TRUE);
  k->k0 = s.k0;
  k->k1 = s.k1;
  k->h = s.h;
  k->len = (uint32_t)(e - b);
  k->off = b;
}

/* A token built in sbuf[b .. slen). */
static inline void emit_sbuf(wordscan *ws, size_t b) {
  tokkey *k = wordscan_push(ws);
  strkey s = strkey_of(ws->sbuf + b, ws->slen - b, TRUE);
  k->k0 = s.k0;
  k->k1 = s.k1;
  k->h = s.h;
  k->len = (uint32_t)(ws->slen - b);
  k->off = b | TK_SBUF;
}

/* 16 bytes: lowercased (ASCII letters) into @out; bit i of *keep: byte i is an ASCII
 * letter or digit; bit i of the result: byte i is not ASCII. */
static inline unsigned classify16(const unsigned char *in, unsigned char *out, unsigned *keep) {
#ifdef __SSE2__
  __m128i v = _mm_loadu_si128((const __m128i *)in);
  __m128i up = _mm_and_si128(_mm_cmpgt_epi8(v, _mm_set1_epi8('A' - 1)),
                             _mm_cmplt_epi8(v, _mm_set1_epi8('Z' + 1)));
  __m128i lc = _mm_or_si128(v, _mm_and_si128(up, _mm_set1_epi8(0x20)));
  __m128i al = _mm_and_si128(_mm_cmpgt_epi8(lc, _mm_set1_epi8('a' - 1)),
                             _mm_cmplt_epi8(lc, _mm_set1_epi8('z' + 1)));
  __m128i dg = _mm_and_si128(_mm_cmpgt_epi8(v, _mm_set1_epi8('0' - 1)),
                             _mm_cmplt_epi8(v, _mm_set1_epi8('9' + 1)));
  _mm_storeu_si128((__m128i *)out, lc);
  *keep = (unsigned)_mm_movemask_epi8(_mm_or_si128(al, dg));
  return (unsigned)_mm_movemask_epi8(v);
#else
  unsigned k = 0, na = 0;
  for (unsigned i = 0; i < 16; i++) {
    unsigned char c = in[i];
    unsigned char low = (unsigned char)(c - 'A') < 26 ? (unsigned char)(c + 32) : c;
    out[i] = low;
    k |= (unsigned)((unsigned char)(low - 'a') < 26 || (unsigned char)(c - '0') < 10) << i;
    na |= (unsigned)(c >> 7) << i;
  }
  *keep = k;
  return na;
#endif
}

static void tokenize_words(const char *text, size_t len, tr_shingle_kind kind, wordscan *ws) {
  const unsigned char *t = (const unsigned char *)text, *end = t + len;
  size_t p = 0, tstart = 0, sstart = 0;
  gboolean in_tok = FALSE, slow = FALSE;
  ws->nkeys = 0;
  ws->slen = 0;
  if (len + 32 > ws->lowcap) {
    g_free(ws->low);
    ws->lowcap = MAX(len + 32, ws->lowcap * 2);
    ws->low = g_malloc0(ws->lowcap);
  }
  sbuf_reserve(ws, 0);
  while (p < len) {
    if (!slow) {
      unsigned char tail[16];
      const unsigned char *src = t + p;
      unsigned keep, lim = 16;
      if (len - p < 16) {
        memset(tail, 0, sizeof tail);
        memcpy(tail, t + p, len - p);
        src = tail;
        lim = (unsigned)(len - p);
      }
      unsigned na = classify16(src, ws->low + p, &keep);
      if (na)
        lim = MIN(lim, (unsigned)__builtin_ctz(na));
      /* the tokens' starts and ends among bytes [0, lim) */
      for (unsigned i = 0; i < lim;) {
        if (in_tok) {
          unsigned e = i + (unsigned)__builtin_ctz(~keep >> i); /* keep has 16 bits */
          if (e >= lim)
            break;
          emit_low(ws, tstart, p + e);
          in_tok = FALSE;
          i = e;
        } else {
          unsigned o = keep >> i;
          if (!o)
            break;
          unsigned s = i + (unsigned)__builtin_ctz(o);
          if (s >= lim)
            break;
          tstart = p + s;
          in_tok = TRUE;
          i = s;
        }
      }
      p += lim;
      if (lim == 16 || p >= len)
        continue;
    }
    /* one code point the tokenizer's own way (not ASCII, or inside a token that has one) */
    const unsigned char *q = t + p;
    uint32_t lc[2];
    int nl = tri_lower_at(t, &q, end, lc);
    for (int k = 0; k < nl; k++) {
      uint32_t c = lc[k];
      gboolean keep = kind == TR_SHINGLE_WORD ? tri_uc_alnum(c)
                                              : (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9');
      if (keep) {
        if (!in_tok || !slow) {
          size_t have = in_tok ? p - tstart : 0; /* the token's ASCII so far */
          sbuf_reserve(ws, have);
          sstart = ws->slen;
          memcpy(ws->sbuf + ws->slen, ws->low + tstart, have);
          ws->slen += have;
          in_tok = TRUE;
          slow = TRUE;
        }
        sbuf_reserve(ws, 4);
        ws->slen += (size_t)g_unichar_to_utf8(c, ws->sbuf + ws->slen);
      } else if (in_tok) {
        if (slow)
          emit_sbuf(ws, sstart);
        else
          emit_low(ws, tstart, p);
        in_tok = FALSE;
        slow = FALSE;
      }
    }
    p = (size_t)(q - t);
  }
  if (in_tok) {
    if (slow)
      emit_sbuf(ws, sstart);
    else
      emit_low(ws, tstart, len);
  }
}

/* The articles are tokenised in chunks of TOK_CHUNK articles by one role per thread:
 * role 0 takes chunks from the front of the corpus, the others from the back, until
 * they meet. Each role appends the tokens of its articles (local ids, or normalised
 * bytes) to its own buffer. So role 0's articles are a prefix of the corpus, in order,
 * and its buffer is the start of the flat array already: role 0's dictionary becomes the
 * merged one (the other roles' strings are interned into it after, so role 0's ids stay),
 * and only the chunks of the other roles are copied into role 0's buffer, remapped.
 * With one thread nothing is merged or copied: the one buffer is the flat array. The
 * roles meet where their speeds make them (the split adapts to the load), and they write
 * apart (their state padded, the per-chunk and per-article arrays at opposite ends). */
#define TOK_CHUNK 64

typedef struct {
  void *buf;
  size_t len, cap; /* entries */
} tokbuf;

typedef struct {
  char pad0[64]; /* no cache line shared with the previous role */
  tokbuf tb;
  wordscan ws;     /* word kinds */
  strdict dict;    /* word kinds */
  tr_toks toks;    /* char kind */
  uint32_t *remap; /* roles >= 1: local id -> merged */
  char pad1[64];
} tok_role;

typedef struct {
  tr_shingle_index *ix;
  tri_run *run;
  tok_role *roles;
  /* per chunk: the role that tokenised it, where its tokens start in that role's buffer
   * (the chunk's articles' tokens follow one another there) */
  unsigned char *chunk_role;
  uint64_t *chunk_pos;
  size_t esz;               /* bytes per entry */
  size_t front;             /* after the tokenising: role 0's chunks are [0, front) */
  unsigned merge_role;      /* the role whose dictionary is being merged */
  uint32_t *miss;           /* per chunk of its slots: the slots of strings role 0 lacks */
  uint32_t *nmiss;          /* per chunk: how many */
  size_t dict_expect;       /* distinct words a role's dictionary is sized for */
  /* atomic: chunks not yet taken are [low 32 bits, high 32 bits) (nart < 2^32: a GArray) */
  uint64_t claim;
  gint done;                /* atomic: articles done (progress) */
} tok_job;

static void *tokbuf_reserve(tokbuf *b, size_t n, size_t esz) {
  if (b->len + n > b->cap) {
    b->cap = MAX(b->len + n, b->cap ? b->cap * 2 : (size_t)1 << 16);
    b->buf = g_realloc(b->buf, b->cap * esz);
  }
  return (char *)b->buf + b->len * esz;
}

/* The next chunk for a role: from the front (role 0) or the back; FALSE when none is left. */
static gboolean claim_chunk(tok_job *j, gboolean front, size_t *chunk) {
  uint64_t old = __atomic_load_n(&j->claim, __ATOMIC_RELAXED), next;
  do {
    uint32_t f = (uint32_t)old, b = (uint32_t)(old >> 32);
    if (f >= b)
      return FALSE;
    if (front) {
      *chunk = f;
      next = ((uint64_t)b << 32) | (f + 1);
    } else {
      *chunk = b - 1;
      next = ((uint64_t)(b - 1) << 32) | f;
    }
  } while (!__atomic_compare_exchange_n(&j->claim, &old, next, TRUE, __ATOMIC_RELAXED,
                                        __ATOMIC_RELAXED));
  return TRUE;
}

/* Chunk c by role r: its articles' token counts into flat_off (summed after). */
static void tok_chunk(tok_job *j, unsigned r, size_t c) {
  tr_shingle_index *ix = j->ix;
  tok_role *ro = &j->roles[r];
  tokbuf *tb = &ro->tb;
  size_t b = c * TOK_CHUNK, e = MIN(ix->nart, b + TOK_CHUNK);
  j->chunk_role[c] = (unsigned char)r;
  j->chunk_pos[c] = tb->len;
  for (size_t i = b; i < e; i++) {
    const char *text = tr_corpus_article_get(ix->corpus, i, TR_CORPUS_FIELD_TEXT);
    size_t len = tri_corpus_article_len(ix->corpus, i), n;
    if (ix->kind == TR_SHINGLE_CHAR) {
      tri_tokenize(text, len, ix->kind, &ro->toks);
      n = ro->toks.len;
      memcpy(tokbuf_reserve(tb, n, 1), ro->toks.buf, n);
    } else {
      wordscan *ws = &ro->ws;
      strdict *d = &ro->dict;
      tokenize_words(text, len, ix->kind, ws);
      n = ws->nkeys;
      uint32_t *ids = tokbuf_reserve(tb, n, sizeof(uint32_t));
      const tokkey *keys = ws->keys;
      /* the lookups, with the slot of a later token prefetched */
      for (size_t k = 0; k < n; k++) {
        if (k + 8 < n)
          __builtin_prefetch(&d->slots[keys[k + 8].h & d->mask]);
        const char *s = keys[k].off & TK_SBUF ? ws->sbuf + (keys[k].off & ~TK_SBUF)
                                              : (const char *)ws->low + keys[k].off;
        strkey key = { keys[k].k0, keys[k].k1, keys[k].h };
        ids[k] = strdict_intern_key(d, s, keys[k].len, key);
      }
    }
    ix->flat_off[i] = n;
    tb->len += n;
  }
}

/* One role (a parallel-for item): chunks until none is left, with progress and
 * cancellation between them (as tri_parallel_for_run). */
static void tok_role_range(size_t b, size_t e, unsigned w, void *user) {
  tok_job *j = user;
  tr_shingle_index *ix = j->ix;
  (void)w;
  for (size_t r = b; r < e; r++) {
    size_t c;
    /* the role's dictionary made here, on its thread: its table is written all over */
    if (ix->kind != TR_SHINGLE_CHAR)
      strdict_init(&j->roles[r].dict, j->dict_expect);
    while (!tri_run_stopped(j->run) && claim_chunk(j, r == 0, &c)) {
      tok_chunk(j, (unsigned)r, c);
      size_t m = MIN(ix->nart - c * TOK_CHUNK, (size_t)TOK_CHUNK);
      int n = (int)m, d = g_atomic_int_add(&j->done, n) + n;
      if ((d >> 10) != ((d - n) >> 10) || (size_t)d == ix->nart)
        tri_corpus_progress(ix->corpus, "tokenizing", (size_t)d, ix->nart);
      if (!tri_run_advance(j->run, m))
        break;
    }
  }
}

/* The dictionary merge, part 1 (ranges of role @merge_role's slots in parallel): each
 * string looked up in role 0's dictionary, read only; its merged id, or TOK_MISSING. */
#define MERGE_CHUNK 4096

static void merge_find_range(size_t b, size_t e, unsigned w, void *user) {
  tok_job *j = user;
  const strdict *g = &j->roles[0].dict, *d = &j->roles[j->merge_role].dict;
  uint32_t *map = j->roles[j->merge_role].remap;
  (void)w;
  for (size_t c = b; c < e; c++) {
    /* in the order of the role's slots (their keys are @g's keys: no hashing again), a
     * few lookups in flight; the slots of the strings @g lacks listed, in order, at the
     * chunk's place in j->miss */
    uint32_t nm = 0, *miss = j->miss + c * MERGE_CHUNK;
    for (size_t i = c * MERGE_CHUNK; i < MIN((c + 1) * MERGE_CHUNK, d->mask + 1); i++) {
      if (i + 16 <= d->mask)
        __builtin_prefetch(&g->slots[d->slots[i + 16].h & g->mask]);
      const strslot *q = &d->slots[i];
      if (q->id) {
        strkey key = { q->k0, q->k1, q->h };
        uint32_t id = strdict_find_key(g, d->buf + d->off[q->id - 1], q->len, key);
        map[q->id - 1] = id;
        if (id == TOK_MISSING)
          miss[nm++] = (uint32_t)i;
      }
    }
    j->nmiss[c] = nm;
  }
}

/* The chunks after role 0's into the flat array (role 0's buffer), ids remapped. */
static void flat_range(size_t b, size_t e, unsigned w, void *user) {
  tok_job *j = user;
  tr_shingle_index *ix = j->ix;
  (void)w;
  for (size_t c = j->front + b; c < j->front + e; c++) {
    uint64_t o = ix->flat_off[c * TOK_CHUNK];
    uint64_t n = ix->flat_off[MIN(ix->nart, (c + 1) * TOK_CHUNK)] - o;
    const tok_role *ro = &j->roles[j->chunk_role[c]];
    if (ix->kind == TR_SHINGLE_CHAR) {
      memcpy(ix->flat8 + o, (const char *)ro->tb.buf + j->chunk_pos[c], n);
    } else {
      const uint32_t *ids = (const uint32_t *)ro->tb.buf + j->chunk_pos[c];
      const uint32_t *map = ro->remap;
      uint32_t *dst = ix->flat32 + o;
      for (uint64_t k = 0; k < n; k++)
        dst[k] = map[ids[k]];
    }
  }
}

int tri_index_tokens(tr_shingle_index *ix, tri_run *run) {
  unsigned T = MAX(ix->threads, 1u);
  tok_job j = { 0 };
  tok_role *r0;
  size_t nchunks = (ix->nart + TOK_CHUNK - 1) / TOK_CHUNK;
  uint64_t total = 0, bytes = 0;
  int rc = TR_OK;
  tr_phase_clock clk;
  tri_phase_begin(&clk);
  j.ix = ix;
  j.run = run;
  j.esz = ix->kind == TR_SHINGLE_CHAR ? 1 : sizeof(uint32_t);
  for (size_t i = 0; i < ix->nart; i++)
    bytes += tri_corpus_article_len(ix->corpus, i);
  /* input-sized arrays: g_try (TR_ERR_NOMEM); the roles' buffers grow within the
   * build's estimate, probed before (tr_shingle_index_new_with_options) */
  j.chunk_role = g_try_new(unsigned char, nchunks ? nchunks : 1);
  j.chunk_pos = g_try_new(uint64_t, nchunks ? nchunks : 1);
  ix->flat_off = g_try_new(uint64_t, ix->nart + 1);
  j.roles = g_new0(tok_role, T);
  r0 = &j.roles[0];
  /* distinct words: ToTA (40 MB of text) has 42,000, about 32,000 in a half */
  j.dict_expect = (size_t)MIN(bytes / 512, (uint64_t)1 << 16);
  for (unsigned r = 0; r < T; r++)
    tri_toks_init(&j.roles[r].toks);
  if (!j.chunk_role || !j.chunk_pos || !ix->flat_off)
    goto nomem;
  {
    /* Each buffer at about its share of the corpus at once, on huge pages (grown from
     * small by doubling it was copied, and its new pages faulted, at every step): role
     * 0's is the flat array, so the whole corpus (it is touched only as far as it is
     * used), the others a 1 / T share. ToTA: 5.7 bytes of text per word token; a quarter
     * leaves room, past which a buffer grows as before. Advice only: a refusal changes
     * nothing. */
    size_t est = (size_t)(ix->kind == TR_SHINGLE_CHAR ? bytes : bytes / 4);
    for (unsigned r = 0; r < T; r++) {
      size_t want = r == 0 ? est : est / T;
      if (want >= ((size_t)1 << 20) &&
          (j.roles[r].tb.buf = tri_big_try_malloc(tri_mem_mul(want, j.esz))))
        j.roles[r].tb.cap = want;
    }
  }
  j.claim = (uint64_t)nchunks << 32;
  tri_parallel_for(T, 1, T, tok_role_range, &j);
  if (tri_run_stopped(run))
    goto done;
  j.front = (uint32_t)j.claim;

  /* token counts -> offsets */
  for (size_t i = 0; i < ix->nart; i++) {
    uint64_t n = ix->flat_off[i];
    ix->flat_off[i] = total;
    total += n;
  }
  ix->flat_off[ix->nart] = total;

  if (ix->kind != TR_SHINGLE_CHAR) {
    /* The other roles' dictionaries into role 0's: the lookups on the threads (role 0's
     * dictionary read only), then the strings it lacks added here, in the order of the
     * role's slots (as one serial pass adds them: the same ids). A role's strings are
     * distinct, so a string missing in the lookups is still missing when it is added. */
    strdict *g = &r0->dict;
    for (unsigned r = 1; r < T; r++) {
      strdict *d = &j.roles[r].dict;
      const uint64_t *off = d->off;
      size_t nc = (d->mask + MERGE_CHUNK) / MERGE_CHUNK;
      uint32_t *map = j.roles[r].remap = g_new(uint32_t, d->n ? d->n : 1);
      j.miss = g_new(uint32_t, nc * MERGE_CHUNK);
      j.nmiss = g_new(uint32_t, nc);
      j.merge_role = r;
      tri_parallel_for(nc, 1, T, merge_find_range, &j);
      for (size_t c = 0; c < nc; c++) {
        const uint32_t *miss = j.miss + c * MERGE_CHUNK;
        for (uint32_t k = 0; k < j.nmiss[c]; k++) {
          if (k + 4 < j.nmiss[c])
            __builtin_prefetch(&g->slots[d->slots[miss[k + 4]].h & g->mask]);
          const strslot *q = &d->slots[miss[k]];
          strkey key = { q->k0, q->k1, q->h };
          map[q->id - 1] = strdict_intern_key(g, d->buf + off[q->id - 1], q->len, key);
        }
      }
      g_free(j.miss);
      g_free(j.nmiss);
      j.miss = j.nmiss = NULL;
      strdict_clear(d);
    }
    ix->ntok = g->n;
    ix->tok_off = g->off;
    ix->tok_buf = g->buf;
    g->off = NULL;
    g->buf = NULL;
    strdict_clear(g);
  }
  {
    /* role 0's buffer becomes the flat array, with room for the rest and the slack */
    size_t need = (size_t)total + (TRI_FLAT_SLACK + j.esz - 1) / j.esz;
    if (r0->tb.cap < need) {
      void *p = tri_big_try_realloc(r0->tb.buf, tri_mem_mul(need, j.esz));
      if (!p)
        goto nomem;
      r0->tb.buf = p;
      r0->tb.cap = need;
    }
    memset((char *)r0->tb.buf + total * j.esz, 0, TRI_FLAT_SLACK);
    if (ix->kind == TR_SHINGLE_CHAR)
      ix->flat8 = r0->tb.buf;
    else
      ix->flat32 = r0->tb.buf;
    r0->tb.buf = NULL;
  }
  if (j.front < nchunks)
    tri_parallel_for(nchunks - j.front, 1, T, flat_range, &j); /* a chunk: 64 articles */
  goto done;
nomem:
  rc = tri_fail(TR_ERR_NOMEM, "out of memory tokenising %zu articles", ix->nart);
done:
  for (unsigned r = 0; r < T; r++) {
    tok_role *ro = &j.roles[r];
    strdict_clear(&ro->dict); /* merged ones are clear already */
    tri_toks_clear(&ro->toks);
    g_free(ro->remap);
    g_free(ro->tb.buf);
    wordscan_clear(&ro->ws);
  }
  g_free(j.roles);
  g_free(j.chunk_pos);
  g_free(j.chunk_role);
  tri_phase_end(ix->corpus, TR_PHASE_TOKENIZE, &clk);
  return rc;
}
