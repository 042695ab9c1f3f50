/*
 * libtraderules - shingle index: phase 1, tokens (tokenise, per-worker dictionaries, flat token array).
 * SPDX-License-Identifier: MIT
 */
#include "corpus/tr-index-internal.h"

#include <string.h>

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
  GString *buf;
  GArray *off;  /* uint64: start of string i; off[n] = end */
  strslot *slots;
  size_t mask, n;
} strdict;

static void strdict_init(strdict *d) {
  uint64_t z = 0;
  d->buf = g_string_sized_new(1 << 16);
  d->off = g_array_new(FALSE, FALSE, sizeof(uint64_t));
  g_array_append_val(d->off, z);
  d->mask = 4095;
  d->slots = g_new0(strslot, d->mask + 1);
  d->n = 0;
}

static void strdict_clear(strdict *d) {
  if (d->buf)
    g_string_free(d->buf, TRUE);
  if (d->off)
    g_array_free(d->off, TRUE);
  g_free(d->slots);
  memset(d, 0, sizeof *d);
}

static void strdict_grow(strdict *d) {
  size_t nm = d->mask * 2 + 1;
  strslot *ns = g_new0(strslot, nm + 1);
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
 * @overread the 16 bytes after @s may be read (the tokenizer's buffer has that slack). */
typedef struct {
  uint64_t k0, k1;
  uint32_t h;
} strkey;

static inline strkey strkey_of(const char *s, size_t len, gboolean overread) {
  strkey k = { 0, 0, 0 };
#if G_BYTE_ORDER == G_LITTLE_ENDIAN
  if (overread) {
    memcpy(&k.k0, s, 8);
    memcpy(&k.k1, s + 8, 8);
    if (len < 8) {
      k.k0 &= ((uint64_t)1 << (8 * len)) - 1;
      k.k1 = 0;
    } else if (len < 16) {
      k.k1 &= ((uint64_t)1 << (8 * (len - 8))) - 1;
    }
  } else
#endif
  {
    memcpy(&k.k0, s, MIN(len, (size_t)8));
    if (len > 8)
      memcpy(&k.k1, s + 8, MIN(len - 8, (size_t)8));
  }
  k.h = len <= 16 ? (uint32_t)(tri_mix64(k.k0 ^ tri_mix64(k.k1 ^ len)) >> 32)
                  : (uint32_t)tri_hash_bytes((const unsigned char *)s, len);
  return k;
}

static uint32_t strdict_intern_key(strdict *d, const char *s, size_t len, strkey key) {
  size_t k = key.h & d->mask;
  for (;;) {
    const strslot *q = &d->slots[k];
    if (!q->id)
      break;
    if (q->h == key.h && q->len == len && q->k0 == key.k0 && q->k1 == key.k1) {
      uint32_t id = q->id - 1;
      const uint64_t *off = (const uint64_t *)d->off->data;
      if (len <= 16 || memcmp(d->buf->str + off[id] + 16, s + 16, len - 16) == 0)
        return id;
    }
    k = (k + 1) & d->mask;
  }
  uint32_t id = (uint32_t)d->n++;
  g_string_append_len(d->buf, s, (gssize)len);
  uint64_t end = d->buf->len;
  g_array_append_val(d->off, end);
  d->slots[k] = (strslot){ key.k0, key.k1, key.h, (uint32_t)len, id + 1, 0 };
  if (d->n * 10 > d->mask * 6)
    strdict_grow(d);
  return id;
}

static uint32_t strdict_intern(strdict *d, const char *s, size_t len) {
  return strdict_intern_key(d, s, len, strkey_of(s, len, FALSE));
}

/* Each worker appends the tokens of its articles (local ids, or normalised bytes) to
 * its own buffer; then the flat array is filled in article order (ids remapped to the
 * merged dictionary) and the buffers are freed. */
typedef struct {
  void *buf;
  size_t len, cap; /* entries */
} tokbuf;

typedef struct {
  tr_shingle_index *ix;
  uint64_t *art_pos;   /* where each article's tokens are in its worker's buffer */
  uint64_t *art_len;   /* entries */
  unsigned char *art_worker;
  tokbuf *bufs;        /* per worker */
  strkey **keys;       /* per worker: the keys of an article's tokens */
  size_t *keycap;
  strdict *dicts;      /* per worker */
  tr_toks *toks;       /* per worker */
  uint32_t **remap;    /* per worker: local id -> global */
  size_t esz;          /* bytes per entry */
  gint done;
} tok_job;

static void *tokbuf_reserve(tokbuf *b, size_t n, size_t esz) {
  if (b->len + n > b->cap) {
    b->cap = MAX(b->len + n, b->cap ? b->cap * 2 : (size_t)1 << 16);
    b->buf = g_realloc(b->buf, b->cap * esz);
  }
  return (char *)b->buf + b->len * esz;
}

static void tok_range(size_t b, size_t e, unsigned w, void *user) {
  tok_job *j = user;
  tr_shingle_index *ix = j->ix;
  tr_toks *t = &j->toks[w];
  tokbuf *tb = &j->bufs[w];
  for (size_t i = b; i < e; i++) {
    const char *text = tr_corpus_article_get(ix->corpus, i, TR_CORPUS_FIELD_TEXT);
    tri_tokenize(text, tri_corpus_article_len(ix->corpus, i), ix->kind, t);
    j->art_worker[i] = (unsigned char)w;
    j->art_pos[i] = tb->len;
    if (ix->kind == TR_SHINGLE_CHAR) {
      memcpy(tokbuf_reserve(tb, t->len, 1), t->buf, t->len);
      j->art_len[i] = t->len;
    } else {
      uint32_t *ids = tokbuf_reserve(tb, t->n, sizeof(uint32_t));
      strdict *d = &j->dicts[w];
      if (t->n > j->keycap[w]) {
        j->keycap[w] = MAX(t->n, 2 * j->keycap[w]);
        j->keys[w] = g_renew(strkey, j->keys[w], j->keycap[w]);
      }
      strkey *keys = j->keys[w];
      /* keys first, then the lookups with the slot of a later token prefetched */
      for (size_t k = 0; k < t->n; k++)
        keys[k] = strkey_of(t->buf + t->off[k], t->off[k + 1] - t->off[k], TRUE);
      for (size_t k = 0; k < t->n; k++) {
        if (k + 8 < t->n)
          __builtin_prefetch(&d->slots[keys[k + 8].h & d->mask]);
        ids[k] = strdict_intern_key(d, t->buf + t->off[k], t->off[k + 1] - t->off[k], keys[k]);
      }
      j->art_len[i] = t->n;
    }
    tb->len += j->art_len[i];
    int d = g_atomic_int_add(&j->done, 1) + 1;
    if ((d & 1023) == 0 || (size_t)d == ix->nart)
      tri_corpus_progress(ix->corpus, "tokenizing", (size_t)d, ix->nart);
  }
}

static void flat_range(size_t b, size_t e, unsigned w, void *user) {
  tok_job *j = user;
  tr_shingle_index *ix = j->ix;
  (void)w;
  for (size_t i = b; i < e; i++) {
    uint64_t o = ix->flat_off[i];
    const tokbuf *tb = &j->bufs[j->art_worker[i]];
    if (ix->kind == TR_SHINGLE_CHAR) {
      memcpy(ix->flat8 + o, (const char *)tb->buf + j->art_pos[i], j->art_len[i]);
    } else {
      const uint32_t *ids = (const uint32_t *)tb->buf + j->art_pos[i];
      const uint32_t *map = j->remap[j->art_worker[i]];
      for (uint64_t k = 0; k < j->art_len[i]; k++)
        ix->flat32[o + k] = map[ids[k]];
    }
  }
}

int tri_index_tokens(tr_shingle_index *ix, tri_run *run) {
  unsigned T = ix->threads;
  tok_job j = { 0 };
  strdict global;
  uint64_t total = 0;
  int rc = TR_OK;
  tr_phase_clock clk;
  tri_phase_begin(&clk);
  j.ix = ix;
  j.esz = ix->kind == TR_SHINGLE_CHAR ? 1 : sizeof(uint32_t);
  /* input-sized arrays: g_try (TR_ERR_NOMEM); the workers' buffers grow within the
   * build's estimate, probed before (tr_shingle_index_new_with_options) */
  j.art_pos = g_try_new0(uint64_t, ix->nart ? ix->nart : 1);
  j.art_len = g_try_new0(uint64_t, ix->nart ? ix->nart : 1);
  j.art_worker = g_try_new0(unsigned char, ix->nart ? ix->nart : 1);
  ix->flat_off = g_try_new(uint64_t, ix->nart + 1);
  j.bufs = g_new0(tokbuf, T);
  j.keys = g_new0(strkey *, T);
  j.keycap = g_new0(size_t, T);
  j.dicts = g_new0(strdict, T);
  j.toks = g_new0(tr_toks, T);
  j.remap = g_new0(uint32_t *, T);
  for (unsigned w = 0; w < T; w++) {
    if (ix->kind != TR_SHINGLE_CHAR)
      strdict_init(&j.dicts[w]);
    tri_toks_init(&j.toks[w]);
  }
  if (!j.art_pos || !j.art_len || !j.art_worker || !ix->flat_off)
    goto nomem;
  {
    /* Each worker's buffer at about its share of the corpus at once, on huge pages:
     * grown from small by doubling it was copied, and its new pages faulted, at every
     * step (ToTA: 5.7 bytes of text per word token; a quarter leaves room for uneven
     * shares, past which it grows as before). Advice only: a refusal changes nothing. */
    uint64_t bytes = 0;
    for (size_t i = 0; i < ix->nart; i++)
      bytes += tri_corpus_article_len(ix->corpus, i);
    size_t est = (size_t)((ix->kind == TR_SHINGLE_CHAR ? bytes : bytes / 4) / T);
    if (est >= ((size_t)1 << 20))
      for (unsigned w = 0; w < T; w++)
        if ((j.bufs[w].buf = tri_big_try_malloc(tri_mem_mul(est, j.esz))))
          j.bufs[w].cap = est;
  }
  tri_parallel_for_run(ix->nart, 64, run, tok_range, &j);
  if (tri_run_stopped(run))
    goto done;

  for (size_t i = 0; i < ix->nart; i++) {
    ix->flat_off[i] = total;
    total += j.art_len[i];
  }
  ix->flat_off[ix->nart] = total;

  if (ix->kind != TR_SHINGLE_CHAR) {
    /* Merge the worker dictionaries. */
    strdict_init(&global);
    for (unsigned w = 0; w < T; w++) {
      strdict *d = &j.dicts[w];
      const uint64_t *off = (const uint64_t *)d->off->data;
      j.remap[w] = g_new(uint32_t, d->n ? d->n : 1);
      for (size_t k = 0; k < d->n; k++)
        j.remap[w][k] = strdict_intern(&global, d->buf->str + off[k], off[k + 1] - off[k]);
      strdict_clear(d);
    }
    ix->ntok = global.n;
    ix->tok_off = (uint64_t *)g_array_free(global.off, FALSE);
    ix->tok_buf = g_string_free(global.buf, FALSE);
    g_free(global.slots);
    ix->flat32 = tri_big_try_new(uint32_t, total + TRI_FLAT_SLACK / sizeof(uint32_t));
    if (!ix->flat32)
      goto nomem;
    memset(ix->flat32 + total, 0, TRI_FLAT_SLACK);
  } else {
    ix->flat8 = tri_big_try_new(unsigned char, total + TRI_FLAT_SLACK);
    if (!ix->flat8)
      goto nomem;
    memset(ix->flat8 + total, 0, TRI_FLAT_SLACK);
  }
  tri_parallel_for(ix->nart, 256, T, flat_range, &j);
  goto done;
nomem:
  rc = tri_fail(TR_ERR_NOMEM, "out of memory tokenising %zu articles", ix->nart);
done:
  for (unsigned w = 0; w < T; w++) {
    strdict_clear(&j.dicts[w]); /* merged ones are clear already */
    tri_toks_clear(&j.toks[w]);
    g_free(j.remap[w]);
    g_free(j.bufs[w].buf);
    g_free(j.keys[w]);
  }
  g_free(j.keys);
  g_free(j.keycap);
  g_free(j.bufs);
  g_free(j.remap);
  g_free(j.toks);
  g_free(j.dicts);
  g_free(j.art_worker);
  g_free(j.art_len);
  g_free(j.art_pos);
  tri_phase_end(ix->corpus, TR_PHASE_TOKENIZE, &clk);
  return rc;
}

