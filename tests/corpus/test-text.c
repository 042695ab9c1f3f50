/* Known-answer tests for the tokenizer (scikit-learn's token_pattern and str.lower(), the
 * ASCII variant of domain.md §6.5, and character q-gram normalisation) and shingle sets.
 * The expected values were produced by Python 3.11 (re, str.lower()) from the same inputs. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>

#include <glib.h>
#include <traderules/traderules.h>

typedef struct {
  const char *text;
  const char *word[16];
  const char *ascii[16];
  const char *chars;
} tok_case;

static const tok_case cases[] = {
  { "The Party\xe2""\x80""\x99""s e-commerce rules (Article 14.3)", { "the", "party", "s", "e", "commerce", "rules", "article", "14", "3", NULL }, { "the", "party", "s", "e", "commerce", "rules", "article", "14", "3", NULL }, "the party s e commerce rules article 14 3" },
  { "Caf\xc3""\xa9"" na\xc3""\xaf""ve \xc3""\x89""LAN", { "caf\xc3""\xa9""", "na\xc3""\xaf""ve", "\xc3""\xa9""lan", NULL }, { "caf", "na", "ve", "lan", NULL }, "caf na ve lan" },
  { "snake_case__x", { "snake", "case", "x", NULL }, { "snake", "case", "x", NULL }, "snake case x" },
  { "\xce""\x9f""\xce""\x94""\xce""\x9f""\xce""\xa3"" \xce""\x9f""\xce""\x94""\xce""\x9f""\xce""\xa3"".", { "\xce""\xbf""\xce""\xb4""\xce""\xbf""\xcf""\x82""", "\xce""\xbf""\xce""\xb4""\xce""\xbf""\xcf""\x82""", NULL }, { NULL }, "" },
  { "\xce""\xa3""\xce""\x91""\xce""\xa3"" \xce""\xa3""", { "\xcf""\x83""\xce""\xb1""\xcf""\x82""", "\xcf""\x83""", NULL }, { NULL }, "" },
  { "\xce""\x91""\xce""\xa3""\xcc""\x81""b", { "\xce""\xb1""\xcf""\x83""", "b", NULL }, { "b", NULL }, "b" },
  { "\xc4""\xb0""stanbul", { "i", "stanbul", NULL }, { "i", "stanbul", NULL }, "i stanbul" },
  { "x\xc2""\xb2"" \xe2""\x85""\xab"" \xc2""\xbd""", { "x\xc2""\xb2""", "\xe2""\x85""\xbb""", "\xc2""\xbd""", NULL }, { "x", NULL }, "x" },
  { "e\xcc""\x81""te", { "e", "te", NULL }, { "e", "te", NULL }, "e te" },
  { "\xe6""\x97""\xa5""\xe6""\x9c""\xac""\xe8""\xaa""\x9e""\xe3""\x81""\xae""\xe3""\x83""\x86""\xe3""\x82""\xad""\xe3""\x82""\xb9""\xe3""\x83""\x88""", { "\xe6""\x97""\xa5""\xe6""\x9c""\xac""\xe8""\xaa""\x9e""\xe3""\x81""\xae""\xe3""\x83""\x86""\xe3""\x82""\xad""\xe3""\x82""\xb9""\xe3""\x83""\x88""", NULL }, { NULL }, "" },
  { "\xd9""\xa3""\xd9""\xa4"" \xd9""\x85""\xd8""\xb1""\xd8""\xad""\xd8""\xa8""\xd8""\xa7""", { "\xd9""\xa3""\xd9""\xa4""", "\xd9""\x85""\xd8""\xb1""\xd8""\xad""\xd8""\xa8""\xd8""\xa7""", NULL }, { NULL }, "" },
  { "\xc7""\x85""emal \xc3""\x9f""", { "\xc7""\x86""emal", "\xc3""\x9f""", NULL }, { "emal", NULL }, "emal" },
  { "\x09""A\x0a""B  C", { "a", "b", "c", NULL }, { "a", "b", "c", NULL }, "a b c" },
  { "", { NULL }, { NULL }, "" },
  { "___", { NULL }, { NULL }, "" },
  { "Kelvin \xe2""\x84""\xaa""", { "kelvin", "k", NULL }, { "kelvin", "k", NULL }, "kelvin k" },
  { "Tariff 2.5% \xf0""\x9d""\x9f""\x98""x", { "tariff", "2", "5", "\xf0""\x9d""\x9f""\x98""x", NULL }, { "tariff", "2", "5", "x", NULL }, "tariff 2 5 x" },
};

static void check_tokens(const char *text, tr_shingle_kind kind, const char *const *expect) {
  char **toks = NULL;
  size_t n = 99, k = 0;
  assert_int_equal(tr_text_tokenize(text, -1, kind, &toks, &n), TR_OK);
  for (; expect[k]; k++) {
    if (!toks[k] || strcmp(toks[k], expect[k]) != 0)
      fail_msg("text '%s' kind %d token %zu: got '%s', expected '%s'", text, (int)kind, k,
               toks[k] ? toks[k] : "(end)", expect[k]);
  }
  assert_null(toks[k]);
  assert_int_equal(n, k);
  tr_free(toks);
}

static void test_tokens_known_answers(void **state) {
  (void)state;
  for (size_t i = 0; i < G_N_ELEMENTS(cases); i++) {
    const char *one[2] = { cases[i].chars, NULL };
    check_tokens(cases[i].text, TR_SHINGLE_WORD, cases[i].word);
    check_tokens(cases[i].text, TR_SHINGLE_WORD_ASCII, cases[i].ascii);
    check_tokens(cases[i].text, TR_SHINGLE_CHAR, cases[i].chars[0] ? one : one + 1);
  }
  assert_non_null(tr_corpus_unicode_version());
}

static void test_tokenize_errors(void **state) {
  (void)state;
  char **toks = (char **)&toks;
  assert_int_equal(tr_text_tokenize("ab\xff" "cd", -1, TR_SHINGLE_WORD, &toks, NULL), TR_ERR_ENCODING);
  assert_null(toks);
  assert_int_equal(tr_error_column(), 3);
  assert_int_equal(tr_text_tokenize("a\xc3", 2, TR_SHINGLE_WORD, &toks, NULL), TR_ERR_ENCODING);
  assert_int_equal(tr_text_tokenize(NULL, -1, TR_SHINGLE_WORD, &toks, NULL), TR_ERR_INVALID_ARG);
  assert_int_equal(tr_text_tokenize("a", -1, (tr_shingle_kind)9, &toks, NULL), TR_ERR_INVALID_ARG);
  assert_int_equal(tr_text_tokenize("a", -1, TR_SHINGLE_WORD, NULL, NULL), TR_ERR_INVALID_ARG);
  /* explicit length stops early */
  assert_int_equal(tr_text_tokenize("abc def", 3, TR_SHINGLE_WORD, &toks, NULL), TR_OK);
  assert_string_equal(toks[0], "abc");
  assert_null(toks[1]);
  tr_free(toks);
}

static tr_shingle_set *set_of(const char *text, tr_shingle_kind kind, unsigned n) {
  tr_shingle_set *s = NULL;
  assert_int_equal(tr_shingle_set_from_text(text, -1, kind, n, &s), TR_OK);
  return s;
}

static void test_word_shingles(void **state) {
  (void)state;
  tr_shingle_set *s = set_of("A b, C a B!", TR_SHINGLE_WORD, 2);
  assert_int_equal(tr_shingle_set_size(s), 3);
  assert_string_equal(tr_shingle_set_at(s, 0), "a b");
  assert_string_equal(tr_shingle_set_at(s, 1), "b c");
  assert_string_equal(tr_shingle_set_at(s, 2), "c a");
  assert_null(tr_shingle_set_at(s, 3));
  assert_true(tr_shingle_set_contains(s, "c a"));
  assert_false(tr_shingle_set_contains(s, "a c"));
  tr_shingle_set_free(s);
  /* fewer tokens than n: empty */
  s = set_of("one two three four", TR_SHINGLE_WORD, 5);
  assert_int_equal(tr_shingle_set_size(s), 0);
  tr_shingle_set_free(s);
  s = set_of("one two three four five", TR_SHINGLE_WORD, 5);
  assert_int_equal(tr_shingle_set_size(s), 1);
  assert_string_equal(tr_shingle_set_at(s, 0), "one two three four five");
  tr_shingle_set_free(s);
}

static void test_char_shingles(void **state) {
  (void)state;
  /* "Hello, World!" -> "hello world" -> 7 distinct 5-grams */
  tr_shingle_set *s = set_of("Hello, World!", TR_SHINGLE_CHAR, 5);
  const char *expect[] = { "hello", "ello ", "llo w", "lo wo", "o wor", " worl", "world" };
  assert_int_equal(tr_shingle_set_size(s), 7);
  for (size_t i = 0; i < G_N_ELEMENTS(expect); i++)
    assert_true(tr_shingle_set_contains(s, expect[i]));
  tr_shingle_set_free(s);
  s = set_of("  --abc--  ", TR_SHINGLE_CHAR, 5);
  assert_int_equal(tr_shingle_set_size(s), 0);
  tr_shingle_set_free(s);
  s = set_of("aaaaaaa", TR_SHINGLE_CHAR, 5);
  assert_int_equal(tr_shingle_set_size(s), 1);
  tr_shingle_set_free(s);
}

static void test_jaccard(void **state) {
  (void)state;
  /* 2-grams: A = {a b, b c, c d}, B = {b c, c d, d e, e f} -> 2 / 5 */
  tr_shingle_set *a = set_of("a b c d", TR_SHINGLE_WORD, 2);
  tr_shingle_set *b = set_of("B C D E F", TR_SHINGLE_WORD, 2);
  tr_shingle_set *e = set_of("", TR_SHINGLE_WORD, 2);
  tr_shingle_set *u = NULL;
  assert_int_equal(tr_shingle_set_intersection(a, b), 2);
  assert_true(tr_shingle_set_jaccard(a, b) == 2.0 / 5.0);
  assert_true(tr_shingle_set_jaccard(b, a) == 2.0 / 5.0);
  assert_true(tr_shingle_set_jaccard(a, a) == 1.0);
  assert_true(tr_shingle_set_jaccard(e, e) == 0.0);
  assert_true(tr_shingle_set_jaccard(a, e) == 0.0);
  assert_true(tr_shingle_set_jaccard(a, NULL) == 0.0);
  assert_int_equal(tr_shingle_set_union(a, b, &u), TR_OK);
  assert_int_equal(tr_shingle_set_size(u), 5);
  assert_true(tr_shingle_set_jaccard(u, b) == 4.0 / 5.0);
  tr_shingle_set_free(u);
  assert_int_equal(tr_shingle_set_union(a, NULL, &u), TR_ERR_INVALID_ARG);
  assert_int_equal(tr_shingle_set_from_text("x", -1, TR_SHINGLE_WORD, 0, &u), TR_ERR_INVALID_ARG);
  assert_int_equal(tr_shingle_set_from_text("x", -1, TR_SHINGLE_WORD, 65, &u), TR_ERR_INVALID_ARG);
  assert_int_equal(tr_shingle_set_from_text("\xc3(", -1, TR_SHINGLE_WORD, 2, &u), TR_ERR_ENCODING);
  assert_null(u);
  tr_shingle_set_free(a);
  tr_shingle_set_free(b);
  tr_shingle_set_free(e);
  tr_shingle_set_free(NULL);
}

static tr_shingle_set *numbers(int from, int to) {
  GString *g = g_string_new(NULL);
  for (int i = from; i < to; i++)
    g_string_append_printf(g, "w%d ", i);
  tr_shingle_set *s = set_of(g->str, TR_SHINGLE_WORD, 1);
  g_string_free(g, TRUE);
  return s;
}

static void assert_same_signature(const tr_minhash *a, const tr_minhash *b) {
  void *da = NULL, *db = NULL;
  size_t la = 0, lb = 0;
  assert_int_equal(tr_minhash_serialize(a, &da, &la), TR_OK);
  assert_int_equal(tr_minhash_serialize(b, &db, &lb), TR_OK);
  assert_int_equal(la, lb);
  assert_memory_equal(da, db, la);
  tr_free(da);
  tr_free(db);
}

static void test_minhash(void **state) {
  (void)state;
  /* A = w0..w599, B = w200..w999: J = 400 / 1000 */
  tr_shingle_set *a = numbers(0, 600), *b = numbers(200, 1000), *u = NULL, *d = numbers(5000, 5100);
  tr_minhash *ma = NULL, *mb = NULL, *mu = NULL, *md = NULL, *back = NULL, *other = NULL;
  double est;
  void *buf = NULL;
  size_t len = 0;
  assert_int_equal(tr_minhash_new(a, 1024, 42, &ma), TR_OK);
  assert_int_equal(tr_minhash_new(b, 1024, 42, &mb), TR_OK);
  assert_int_equal(tr_minhash_new(d, 1024, 42, &md), TR_OK);
  assert_int_equal(tr_minhash_estimate(ma, ma, &est), TR_OK);
  assert_true(est == 1.0);
  /* Hoeffding: P(|err| >= 0.1) <= 2 exp(-2 * 1024 * 0.01) < 1e-8 */
  assert_int_equal(tr_minhash_estimate(ma, mb, &est), TR_OK);
  assert_true(est > 0.3 && est < 0.5);
  assert_int_equal(tr_minhash_estimate(ma, md, &est), TR_OK);
  assert_true(est < 0.1);
  /* merging gives exactly the signature of the union */
  assert_int_equal(tr_shingle_set_union(a, b, &u), TR_OK);
  assert_int_equal(tr_minhash_new(u, 1024, 42, &mu), TR_OK);
  assert_int_equal(tr_minhash_merge(ma, mb), TR_OK);
  assert_same_signature(ma, mu);
  /* serialisation round trip */
  assert_int_equal(tr_minhash_serialize(mu, &buf, &len), TR_OK);
  assert_int_equal(len, 24 + 8 * 1024);
  assert_int_equal(tr_minhash_deserialize(buf, len, &back), TR_OK);
  assert_same_signature(mu, back);
  assert_int_equal(tr_minhash_deserialize(buf, len - 1, &other), TR_ERR_PARSE);
  ((unsigned char *)buf)[0] = 'X';
  assert_int_equal(tr_minhash_deserialize(buf, len, &other), TR_ERR_PARSE);
  ((unsigned char *)buf)[0] = 'T';
  ((unsigned char *)buf)[4] = 2;
  assert_int_equal(tr_minhash_deserialize(buf, len, &other), TR_ERR_PARSE);
  assert_int_equal(tr_minhash_deserialize(buf, 3, &other), TR_ERR_PARSE);
  assert_null(other);
  tr_free(buf);
  /* incompatible signatures */
  assert_int_equal(tr_minhash_new(a, 1024, 43, &other), TR_OK);
  assert_int_equal(tr_minhash_estimate(mb, other, &est), TR_ERR_INVALID_ARG);
  assert_int_equal(tr_minhash_merge(mb, other), TR_ERR_INVALID_ARG);
  tr_minhash_free(other);
  assert_int_equal(tr_minhash_new(a, 0, 1, &other), TR_ERR_INVALID_ARG);
  assert_int_equal(tr_minhash_new(NULL, 16, 1, &other), TR_ERR_INVALID_ARG);
  assert_null(other);
  tr_minhash_free(ma);
  tr_minhash_free(mb);
  tr_minhash_free(mu);
  tr_minhash_free(md);
  tr_minhash_free(back);
  tr_minhash_free(NULL);
  tr_shingle_set_free(a);
  tr_shingle_set_free(b);
  tr_shingle_set_free(u);
  tr_shingle_set_free(d);
}

/* The documented band key formula, written out independently of the library. */
static uint64_t doc_mix64(uint64_t x) {
  x ^= x >> 30;
  x *= 0xbf58476d1ce4e5b9ULL;
  x ^= x >> 27;
  x *= 0x94d049bb133111ebULL;
  x ^= x >> 31;
  return x;
}

static void test_minhash_text_and_bands(void **state) {
  (void)state;
  const char *text = "The Parties shall not impose customs duties on electronic transmissions "
                     "between a person of one Party and a person of the other Party.";
  tr_shingle_set *set = set_of(text, TR_SHINGLE_WORD, 5);
  tr_minhash *m = NULL;
  uint64_t slots[64], again[64], keys[16], keys2[16];
  unsigned char *ser = NULL;
  size_t len = 0, shingles = 99;
  /* the caller-buffer signature has the slots of tr_minhash_new() on the same set */
  assert_int_equal(tr_minhash_new(set, 64, 7, &m), TR_OK);
  assert_int_equal(tr_minhash_serialize(m, (void **)&ser, &len), TR_OK);
  assert_int_equal(len, 24 + 8 * 64);
  assert_int_equal(tr_minhash_text(text, -1, TR_SHINGLE_WORD, 5, 64, 7, slots, &shingles), TR_OK);
  assert_int_equal(shingles, tr_shingle_set_size(set));
  for (int i = 0; i < 64; i++) {
    uint64_t v = 0;
    for (int b = 0; b < 8; b++)
      v |= (uint64_t)ser[24 + 8 * i + b] << (8 * b);
    assert_true(v == slots[i]);
  }
  /* more texts and kinds: repeated shingles, non-ASCII tokens, q-grams */
  {
    static const char *const texts[] = {
      "the party shall the party shall the party shall adopt measures the party shall",
      "Ünïcödé İstanbul ΣΟΦΟΣ naïve café naïve café naïve café x² Ⅻ end",
      "a b c d e f g h i j k l m n o p q r s t u v w x y z a b c d e f g",
      "", "one", "x__y  z--w,,q"};
    for (size_t ti = 0; ti < sizeof texts / sizeof *texts; ti++)
      for (int kind = TR_SHINGLE_WORD; kind <= TR_SHINGLE_CHAR; kind++)
        for (unsigned nn = 1; nn <= 5; nn += 2) {
          tr_shingle_set *s2 = set_of(texts[ti], (tr_shingle_kind)kind, nn);
          tr_minhash *m2 = NULL;
          unsigned char *ser2 = NULL;
          size_t len2 = 0, count2 = 0;
          char **toks = NULL;
          size_t ntok = 0;
          assert_int_equal(tr_minhash_new(s2, 64, 99, &m2), TR_OK);
          assert_int_equal(tr_minhash_serialize(m2, (void **)&ser2, &len2), TR_OK);
          assert_int_equal(tr_minhash_text(texts[ti], -1, (tr_shingle_kind)kind, nn, 64, 99,
                                           again, &count2), TR_OK);
          for (int i = 0; i < 64; i++) {
            uint64_t v = 0;
            for (int b = 0; b < 8; b++)
              v |= (uint64_t)ser2[24 + 8 * i + b] << (8 * b);
            assert_true(v == again[i]);
          }
          /* count: shingle positions, with repeats */
          assert_int_equal(tr_text_tokenize(texts[ti], -1, (tr_shingle_kind)kind, &toks, &ntok),
                           TR_OK);
          if (kind == TR_SHINGLE_CHAR)
            ntok = ntok ? strlen(toks[0]) : 0;
          assert_int_equal(count2, ntok >= nn ? ntok - nn + 1 : 0);
          assert_true(count2 >= tr_shingle_set_size(s2));
          tr_free(toks);
          tr_free(ser2);
          tr_minhash_free(m2);
          tr_shingle_set_free(s2);
        }
  }
  /* explicit length, other seed */
  assert_int_equal(tr_minhash_text(text, (long)strlen(text), TR_SHINGLE_WORD, 5, 64, 7, again, NULL),
                   TR_OK);
  assert_memory_equal(slots, again, sizeof slots);
  assert_int_equal(tr_minhash_text(text, -1, TR_SHINGLE_WORD, 5, 64, 8, again, NULL), TR_OK);
  assert_memory_not_equal(slots, again, sizeof slots);
  /* no shingles: every slot UINT64_MAX */
  assert_int_equal(tr_minhash_text("too short", -1, TR_SHINGLE_WORD, 5, 64, 7, again, &shingles),
                   TR_OK);
  assert_int_equal(shingles, 0);
  for (int i = 0; i < 64; i++)
    assert_true(again[i] == UINT64_MAX);
  /* band keys: the documented formula */
  assert_int_equal(tr_minhash_band_keys(slots, 64, 16, 4, keys), TR_OK);
  for (unsigned b = 0; b < 16; b++) {
    uint64_t h = doc_mix64(0x4C5348ULL + 0x9E3779B97F4A7C15ULL * (b + 1));
    for (unsigned r = 0; r < 4; r++)
      h = doc_mix64(h ^ slots[b * 4 + r]);
    assert_true(h == keys[b]);
  }
  /* a change in one slot changes only its band's key */
  memcpy(again, slots, sizeof slots);
  again[13]++;
  assert_int_equal(tr_minhash_band_keys(again, 64, 16, 4, keys2), TR_OK);
  for (unsigned b = 0; b < 16; b++)
    assert_true((keys[b] == keys2[b]) == (b != 3));
  /* equal slots in two different bands still give different keys */
  for (int i = 0; i < 8; i++)
    again[i] = 5;
  assert_int_equal(tr_minhash_band_keys(again, 64, 2, 4, keys2), TR_OK);
  assert_true(keys2[0] != keys2[1]);
  /* bad arguments */
  assert_int_equal(tr_minhash_band_keys(slots, 64, 16, 5, keys), TR_ERR_INVALID_ARG);
  assert_int_equal(tr_minhash_band_keys(slots, 64, 0, 4, keys), TR_ERR_INVALID_ARG);
  assert_int_equal(tr_minhash_band_keys(slots, 64, 4, 0, keys), TR_ERR_INVALID_ARG);
  assert_int_equal(tr_minhash_band_keys(NULL, 64, 4, 4, keys), TR_ERR_INVALID_ARG);
  assert_int_equal(tr_minhash_band_keys(slots, 64, 4, 4, NULL), TR_ERR_INVALID_ARG);
  assert_int_equal(tr_minhash_text(text, -1, TR_SHINGLE_WORD, 5, 0, 7, slots, NULL), TR_ERR_INVALID_ARG);
  assert_int_equal(tr_minhash_text(text, -1, TR_SHINGLE_WORD, 5, 64, 7, NULL, NULL), TR_ERR_INVALID_ARG);
  assert_int_equal(tr_minhash_text(text, -1, (tr_shingle_kind)3, 5, 64, 7, slots, NULL),
                   TR_ERR_INVALID_ARG);
  assert_int_equal(tr_minhash_text(text, -1, TR_SHINGLE_WORD, 65, 64, 7, slots, NULL),
                   TR_ERR_INVALID_ARG);
  assert_int_equal(tr_minhash_text(text, -1, TR_SHINGLE_WORD, 0, 64, 7, slots, &shingles),
                   TR_ERR_INVALID_ARG);
  assert_int_equal(shingles, 0);
  assert_int_equal(tr_minhash_text(NULL, -1, TR_SHINGLE_WORD, 5, 64, 7, slots, NULL), TR_ERR_INVALID_ARG);
  assert_int_equal(tr_minhash_text("a\xff b c d e f", -1, TR_SHINGLE_WORD, 1, 64, 7, slots, NULL),
                   TR_ERR_ENCODING);
  tr_free(ser);
  tr_minhash_free(m);
  tr_shingle_set_free(set);
}

int main(void) {
  const struct CMUnitTest tests[] = {
    cmocka_unit_test(test_tokens_known_answers),
    cmocka_unit_test(test_tokenize_errors),
    cmocka_unit_test(test_word_shingles),
    cmocka_unit_test(test_char_shingles),
    cmocka_unit_test(test_jaccard),
    cmocka_unit_test(test_minhash),
    cmocka_unit_test(test_minhash_text_and_bands),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
