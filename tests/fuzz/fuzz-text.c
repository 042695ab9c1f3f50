/*
 * Fuzz target: tokenizer, shingle sets and MinHash on arbitrary text
 * (tr_text_tokenize, tr_shingle_set_from_text, set algebra, tr_minhash_new).
 *
 * The first byte picks the shingle length (1..8); the rest is the text.
 * Oracles: invalid UTF-8 is the only failure (TR_ERR_ENCODING) and valid
 * UTF-8 never fails; tokens are valid UTF-8; shingle sets are sorted and
 * contain their members; |A∪B| = |A|+|B|-|A∩B| for the word and character
 * sets of the same text; Jaccard lies in [0, 1] and is 1 for a set with
 * itself; a MinHash signature survives serialisation; tr_minhash_text()
 * gives the slots of tr_minhash_new() on the text's set (and fails exactly
 * when shingling fails), with a count of shingles >= the set's size and 0
 * only for an empty set; its band keys are computed.
 */
#include <glib.h>

#include "fuzz-common.h"

static void check_set(const tr_shingle_set *s) {
  for (size_t i = 0; i < tr_shingle_set_size(s); i++) {
    const char *sh = tr_shingle_set_at(s, i);
    if (!sh || !tr_shingle_set_contains(s, sh))
      fuzz_fail("shingle %zu is not in its own set", i);
    if (i && strcmp(tr_shingle_set_at(s, i - 1), sh) >= 0)
      fuzz_fail("shingle set is not in strictly increasing byte order at %zu", i);
    if (!g_utf8_validate(sh, -1, NULL))
      fuzz_fail("shingle %zu is not valid UTF-8", i);
  }
}

/* tr_minhash_text() against tr_minhash_new() on the set (NULL: shingling failed). */
static void check_text_signature(const char *text, long len, tr_shingle_kind kind, unsigned n,
                                 const tr_shingle_set *set) {
  uint64_t slots[16], keys[4];
  size_t count = 99;
  int rc;
  tr_error_clear();
  rc = tr_minhash_text(text, len, kind, n, 16, 42, slots, &count);
  if (!set) {
    if (rc != TR_ERR_ENCODING)
      fuzz_fail("tr_minhash_text gave %d where shingling failed", rc);
    fuzz_check_error(rc, "tr_minhash_text");
    return;
  }
  if (rc != TR_OK)
    fuzz_fail("tr_minhash_text failed where shingling worked: %s", tr_error_message());
  if (count < tr_shingle_set_size(set) || (count == 0) != (tr_shingle_set_size(set) == 0))
    fuzz_fail("tr_minhash_text counted %zu shingles, the set has %zu", count,
              tr_shingle_set_size(set));
  {
    tr_minhash *m = NULL;
    unsigned char *buf = NULL;
    size_t blen = 0;
    if (tr_minhash_new(set, 16, 42, &m) != TR_OK ||
        tr_minhash_serialize(m, (void **)&buf, &blen) != TR_OK || blen != 24 + 16 * 8)
      fuzz_fail("tr_minhash_new: %s", tr_error_message());
    for (int i = 0; i < 16; i++) {
      uint64_t v = 0;
      for (int b = 0; b < 8; b++)
        v |= (uint64_t)buf[24 + 8 * i + b] << (8 * b);
      if (v != slots[i])
        fuzz_fail("tr_minhash_text slot %d differs from tr_minhash_new's", i);
    }
    tr_free(buf);
    tr_minhash_free(m);
  }
  if (tr_minhash_band_keys(slots, 16, 4, 4, keys) != TR_OK)
    fuzz_fail("tr_minhash_band_keys: %s", tr_error_message());
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  static const tr_shingle_kind kinds[] = {TR_SHINGLE_WORD, TR_SHINGLE_WORD_ASCII, TR_SHINGLE_CHAR};
  tr_shingle_set *sets[3] = {NULL, NULL, NULL};
  const char *text;
  long len;
  unsigned n;
  int valid;

  if (size < 1)
    return 0;
  n = 1u + data[0] % 8u;
  text = (const char *)data + 1;
  len = (long)(size - 1);
  valid = g_utf8_validate(text, len, NULL);

  for (int k = 0; k < 3; k++) {
    char **tokens = NULL;
    size_t count = 0;
    int rc;
    tr_error_clear();
    rc = tr_text_tokenize(text, len, kinds[k], &tokens, &count);
    if (rc != TR_OK) {
      fuzz_check_error(rc, "tr_text_tokenize");
      if (valid || rc != TR_ERR_ENCODING)
        fuzz_fail("tokenize failed (%s) on %s input", tr_error_message(), valid ? "valid" : "invalid");
    } else {
      if (!valid)
        fuzz_fail("tokenize accepted invalid UTF-8");
      for (size_t i = 0; i < count; i++)
        if (!tokens[i] || !g_utf8_validate(tokens[i], -1, NULL))
          fuzz_fail("token %zu is not valid UTF-8", i);
      if (tokens[count] != NULL)
        fuzz_fail("token array is not NULL-terminated at count %zu", count);
      tr_free(tokens);
    }
    rc = tr_shingle_set_from_text(text, len, kinds[k], n, &sets[k]);
    if (rc != TR_OK) {
      fuzz_check_error(rc, "tr_shingle_set_from_text");
      if (valid)
        fuzz_fail("shingling valid UTF-8 failed: %s", tr_error_message());
      check_text_signature(text, len, kinds[k], n, NULL);
      continue;
    }
    check_text_signature(text, len, kinds[k], n, sets[k]);
    check_set(sets[k]);
    if (tr_shingle_set_size(sets[k]) && tr_shingle_set_jaccard(sets[k], sets[k]) != 1.0)
      fuzz_fail("Jaccard of a non-empty set with itself is not 1");
  }
  if (sets[0] && sets[2]) {
    tr_shingle_set *u = NULL;
    size_t a = tr_shingle_set_size(sets[0]), b = tr_shingle_set_size(sets[2]);
    size_t i = tr_shingle_set_intersection(sets[0], sets[2]);
    double j = tr_shingle_set_jaccard(sets[0], sets[2]);
    if (tr_shingle_set_union(sets[0], sets[2], &u) != TR_OK)
      fuzz_fail("tr_shingle_set_union: %s", tr_error_message());
    check_set(u);
    if (tr_shingle_set_size(u) != a + b - i)
      fuzz_fail("|A∪B| = %zu but |A|+|B|-|A∩B| = %zu", tr_shingle_set_size(u), a + b - i);
    if (!(j >= 0.0 && j <= 1.0))
      fuzz_fail("Jaccard %g outside [0, 1]", j);
    if (a) {
      tr_minhash *m = NULL, *back = NULL;
      void *buf = NULL;
      size_t blen = 0;
      double est = -1;
      if (tr_minhash_new(sets[0], 16, 42, &m) != TR_OK || tr_minhash_serialize(m, &buf, &blen) != TR_OK ||
          tr_minhash_deserialize(buf, blen, &back) != TR_OK || tr_minhash_estimate(m, back, &est) != TR_OK ||
          est != 1.0)
        fuzz_fail("MinHash round trip failed: %s", tr_error_message());
      tr_free(buf);
      tr_minhash_free(m);
      tr_minhash_free(back);
    }
    tr_shingle_set_free(u);
  }
  for (int k = 0; k < 3; k++)
    tr_shingle_set_free(sets[k]);
  return 0;
}
