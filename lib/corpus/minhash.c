/*
 * libtraderules - MinHash signatures of shingle sets (mergeable, serialisable).
 * SPDX-License-Identifier: MIT
 */
#include "corpus/tr-corpus-internal.h"
#include "core/tr-hash-sort.h"

#include <stdlib.h>
#include <string.h>

struct tr_minhash {
  uint32_t k;
  uint64_t seed;
  uint64_t *slot;
};

static uint64_t fnv1a64(const char *s) {
  uint64_t h = 0xcbf29ce484222325ULL;
  for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
    h ^= *p;
    h *= 0x100000001b3ULL;
  }
  return h;
}

/* key_i = splitmix64 stream from the seed */
static uint64_t slot_key(uint64_t seed, uint32_t i) {
  return tri_mix64(seed + 0x9E3779B97F4A7C15ULL * ((uint64_t)i + 1));
}

/* Lower slot[i] to the minimum of h_i over the set's shingles. */
static void mh_fill(const tr_shingle_set *set, uint32_t k, uint64_t seed, uint64_t *slot) {
  uint64_t *keys = g_new(uint64_t, k);
  for (uint32_t i = 0; i < k; i++)
    keys[i] = slot_key(seed, i);
  for (size_t s = 0; s < tr_shingle_set_size(set); s++) {
    uint64_t h = fnv1a64(tr_shingle_set_at(set, s));
    for (uint32_t i = 0; i < k; i++) {
      uint64_t v = tri_mix64(h ^ keys[i]);
      if (v < slot[i])
        slot[i] = v;
    }
  }
  g_free(keys);
}

static tr_minhash *mh_alloc(uint32_t k, uint64_t seed) {
  tr_minhash *m = g_new0(tr_minhash, 1);
  m->k = k;
  m->seed = seed;
  m->slot = g_new(uint64_t, k);
  for (uint32_t i = 0; i < k; i++)
    m->slot[i] = UINT64_MAX;
  return m;
}

int tr_minhash_new(const tr_shingle_set *set, unsigned k, uint64_t seed, tr_minhash **out) {
  tr_minhash *m;
  if (!out)
    return tri_fail(TR_ERR_INVALID_ARG, "out is NULL");
  *out = NULL;
  if (!set)
    return tri_fail(TR_ERR_INVALID_ARG, "set is NULL");
  if (k < 1 || k > 65536)
    return tri_fail(TR_ERR_INVALID_ARG, "k = %u is outside 1..65536", k);
  m = mh_alloc(k, seed);
  mh_fill(set, k, seed, m->slot);
  *out = m;
  return TR_OK;
}

static int cmp_u64(const void *a, const void *b) {
  uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;
  return x < y ? -1 : x > y;
}

/* FNV-1a-64 of the shingle strings of a tokenised text (as tri_shingles_of_toks()
 * writes them: word tokens joined by one space, or q-grams), without building them. */
static size_t shingle_hashes(const tr_toks *t, tr_shingle_kind kind, unsigned n, uint64_t **out) {
  size_t count = 0;
  uint64_t *h;
  if (kind == TR_SHINGLE_CHAR) {
    count = t->len >= n ? t->len - n + 1 : 0;
    h = g_new(uint64_t, count ? count : 1);
    for (size_t i = 0; i < count; i++) {
      uint64_t v = 0xcbf29ce484222325ULL;
      for (size_t c = i; c < i + n; c++) {
        v ^= (unsigned char)t->buf[c];
        v *= 0x100000001b3ULL;
      }
      h[i] = v;
    }
  } else {
    count = t->n >= n ? t->n - n + 1 : 0;
    h = g_new(uint64_t, count ? count : 1);
    for (size_t i = 0; i < count; i++) {
      uint64_t v = 0xcbf29ce484222325ULL;
      for (size_t w = i; w < i + n; w++) {
        if (w > i) {
          v ^= (unsigned char)' ';
          v *= 0x100000001b3ULL;
        }
        for (uint32_t c = t->off[w]; c < t->off[w + 1]; c++) {
          v ^= (unsigned char)t->buf[c];
          v *= 0x100000001b3ULL;
        }
      }
      h[i] = v;
    }
  }
  *out = h;
  return count;
}

int tr_minhash_text(const char *text, long len, tr_shingle_kind kind, unsigned n, unsigned k,
                    uint64_t seed, uint64_t *slots, size_t *shingles) {
  const char *bad = NULL;
  size_t tl, count, uniq = 0;
  uint64_t *h, *keys;
  tr_toks t;
  if (shingles)
    *shingles = 0;
  if (!text || !slots)
    return tri_fail(TR_ERR_INVALID_ARG, "text or slots is NULL");
  if (kind > TR_SHINGLE_CHAR)
    return tri_fail(TR_ERR_INVALID_ARG, "unknown shingle kind %d", (int)kind);
  if (n < 1 || n > 64)
    return tri_fail(TR_ERR_INVALID_ARG, "shingle length %u is outside 1..64", n);
  if (k < 1 || k > 65536)
    return tri_fail(TR_ERR_INVALID_ARG, "k = %u is outside 1..65536", k);
  tl = len < 0 ? strlen(text) : (size_t)len;
  if (!g_utf8_validate_len(text, tl, &bad))
    return tri_set_error(TR_ERR_ENCODING, "text", 1, (long)(bad - text) + 1, NULL,
                        "invalid UTF-8 at byte %ld", (long)(bad - text));
  tri_toks_init(&t);
  tri_tokenize(text, tl, kind, &t);
  count = shingle_hashes(&t, kind, n, &h);
  tri_toks_clear(&t);
  /* the minimum over a multiset is the minimum over its set: hash each distinct value once */
  qsort(h, count, sizeof *h, cmp_u64);
  for (size_t i = 0; i < count; i++)
    if (i == 0 || h[i] != h[i - 1])
      h[uniq++] = h[i];
  keys = g_new(uint64_t, k);
  for (uint32_t i = 0; i < k; i++) {
    keys[i] = slot_key(seed, i);
    slots[i] = UINT64_MAX;
  }
  for (size_t s = 0; s < uniq; s++)
    for (uint32_t i = 0; i < k; i++) {
      uint64_t v = tri_mix64(h[s] ^ keys[i]);
      if (v < slots[i])
        slots[i] = v;
    }
  g_free(keys);
  g_free(h);
  if (shingles)
    *shingles = count;
  return TR_OK;
}

int tr_minhash_band_keys(const uint64_t *slots, unsigned k, unsigned bands, unsigned rows,
                         uint64_t *keys) {
  if (!slots || !keys)
    return tri_fail(TR_ERR_INVALID_ARG, "slots or keys is NULL");
  if (bands < 1 || rows < 1 || (uint64_t)bands * rows > k)
    return tri_fail(TR_ERR_INVALID_ARG, "bands (%u) x rows (%u) must be between 1 and k (%u)",
                    bands, rows, k);
  for (uint32_t b = 0; b < bands; b++) {
    uint64_t h = slot_key(0x4C5348ULL /* "LSH" */, b);
    for (uint32_t r = 0; r < rows; r++)
      h = tri_mix64(h ^ slots[(size_t)b * rows + r]);
    keys[b] = h;
  }
  return TR_OK;
}

static int compatible(const tr_minhash *a, const tr_minhash *b) {
  if (!a || !b)
    return tri_fail(TR_ERR_INVALID_ARG, "signature is NULL");
  if (a->k != b->k || a->seed != b->seed)
    return tri_fail(TR_ERR_INVALID_ARG, "signatures differ in k (%u, %u) or seed", a->k, b->k);
  return TR_OK;
}

int tr_minhash_merge(tr_minhash *into, const tr_minhash *other) {
  int rc = compatible(into, other);
  if (rc)
    return rc;
  for (uint32_t i = 0; i < into->k; i++)
    if (other->slot[i] < into->slot[i])
      into->slot[i] = other->slot[i];
  return TR_OK;
}

int tr_minhash_estimate(const tr_minhash *a, const tr_minhash *b, double *jaccard) {
  uint32_t eq = 0, both_empty = 0;
  int rc = compatible(a, b);
  if (rc)
    return rc;
  if (!jaccard)
    return tri_fail(TR_ERR_INVALID_ARG, "jaccard is NULL");
  /* The estimate is the share of equal slots. Only two signatures of empty
   * sets (every slot still UINT64_MAX on both sides) are special; a slot that
   * is UINT64_MAX on both sides of otherwise non-empty signatures (possible in
   * deserialised data) counts as equal, so that a signature always estimates
   * 1 against itself (found by fuzz-minhash). */
  for (uint32_t i = 0; i < a->k; i++) {
    if (a->slot[i] == UINT64_MAX && b->slot[i] == UINT64_MAX)
      both_empty++;
    eq += a->slot[i] == b->slot[i];
  }
  /* two empty sets: 0, like the exact Jaccard */
  *jaccard = both_empty == a->k ? 0.0 : (double)eq / (double)a->k;
  return TR_OK;
}

static void put_le(unsigned char *p, uint64_t v, int bytes) {
  for (int i = 0; i < bytes; i++)
    p[i] = (unsigned char)(v >> (8 * i));
}

static uint64_t get_le(const unsigned char *p, int bytes) {
  uint64_t v = 0;
  for (int i = 0; i < bytes; i++)
    v |= (uint64_t)p[i] << (8 * i);
  return v;
}

/* Layout: "TRMH", u32 version (1), u32 k, u32 reserved (0), u64 seed, k x u64 slots;
 * all little-endian: 24 + 8k bytes. */
int tr_minhash_serialize(const tr_minhash *m, void **data, size_t *len) {
  unsigned char *b;
  size_t n;
  if (!m || !data || !len)
    return tri_fail(TR_ERR_INVALID_ARG, "signature, data or len is NULL");
  n = 24 + 8 * (size_t)m->k;
  b = malloc(n);
  if (!b)
    return tri_fail(TR_ERR_NOMEM, "out of memory");
  memcpy(b, "TRMH", 4);
  put_le(b + 4, 1, 4);
  put_le(b + 8, m->k, 4);
  put_le(b + 12, 0, 4);
  put_le(b + 16, m->seed, 8);
  for (uint32_t i = 0; i < m->k; i++)
    put_le(b + 24 + 8 * (size_t)i, m->slot[i], 8);
  *data = b;
  *len = n;
  return TR_OK;
}

int tr_minhash_deserialize(const void *data, size_t len, tr_minhash **out) {
  const unsigned char *b = data;
  uint64_t k;
  tr_minhash *m;
  if (!out)
    return tri_fail(TR_ERR_INVALID_ARG, "out is NULL");
  *out = NULL;
  if (!data)
    return tri_fail(TR_ERR_INVALID_ARG, "data is NULL");
  if (len < 24 || memcmp(b, "TRMH", 4) != 0)
    return tri_set_error(TR_ERR_PARSE, "minhash", 0, 1, NULL, "not a MinHash signature (magic)");
  if (get_le(b + 4, 4) != 1)
    return tri_set_error(TR_ERR_PARSE, "minhash", 0, 5, NULL, "unsupported version %u",
                        (unsigned)get_le(b + 4, 4));
  k = get_le(b + 8, 4);
  if (k < 1 || k > 65536 || get_le(b + 12, 4) != 0)
    return tri_set_error(TR_ERR_PARSE, "minhash", 0, 9, NULL, "bad slot count %u",
                        (unsigned)k);
  if (len != 24 + 8 * k)
    return tri_set_error(TR_ERR_PARSE, "minhash", 0, 0, NULL,
                        "length %zu does not match %u slots", len, (unsigned)k);
  m = mh_alloc((uint32_t)k, get_le(b + 16, 8));
  for (uint32_t i = 0; i < k; i++)
    m->slot[i] = get_le(b + 24 + 8 * (size_t)i, 8);
  *out = m;
  return TR_OK;
}

void tr_minhash_free(tr_minhash *m) {
  if (!m)
    return;
  g_free(m->slot);
  g_free(m);
}
