/*
 * The sorted-array helpers of core/tr-hash-sort.h: tri_sort_u32 (quicksort for small
 * arrays, radix with as many 11-bit passes as the largest value needs) against qsort on
 * sizes around its thresholds and values of 1 to 32 bits (one, two and three radix
 * passes), with repeats and presorted input; tri_uniq_u32, tri_inter_u32, tri_lower_u32
 * against brute force.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <string.h>
#include <cmocka.h>

#include <stdint.h>
#include <stdlib.h>

#include "core/tr-internal.h"
#include "core/tr-hash-sort.h"

static int cmp_u32(const void *a, const void *b) {
  uint32_t x = *(const uint32_t *)a, y = *(const uint32_t *)b;
  return (x > y) - (x < y);
}

static void test_sort_u32(void **state) {
  (void)state;
  static const size_t sizes[] = { 0, 1, 2, 23, 24, 25, 95, 96, 97, 383, 384, 1000, 4095, 4096, 20000 };
  static const unsigned bits[] = { 1, 8, 11, 12, 21, 22, 23, 31, 32 };
  GRand *r = g_rand_new_with_seed(12);
  uint32_t *a = g_new(uint32_t, 20000), *b = g_new(uint32_t, 20000), *tmp = g_new(uint32_t, 20000);
  for (size_t s = 0; s < G_N_ELEMENTS(sizes); s++)
    for (size_t k = 0; k < G_N_ELEMENTS(bits); k++)
      for (int shape = 0; shape < 3; shape++) {
        size_t n = sizes[s];
        uint32_t mask = bits[k] == 32 ? UINT32_MAX : (((uint32_t)1 << bits[k]) - 1);
        for (size_t i = 0; i < n; i++)
          a[i] = shape == 2 ? (uint32_t)(n - i) & mask /* descending */
                            : g_rand_int(r) & (shape == 1 ? (mask & 0xF) : mask); /* repeats */
        if (n)
          a[0] = mask; /* the largest value is there: all passes needed */
        memcpy(b, a, n * sizeof *a);
        tri_sort_u32(a, n, tmp);
        if (n)
          qsort(b, n, sizeof *b, cmp_u32);
        if (n && memcmp(a, b, n * sizeof *a) != 0)
          fail_msg("tri_sort_u32: %zu values of %u bits, shape %d, differ from qsort", n, bits[k], shape);
      }
  g_free(a);
  g_free(b);
  g_free(tmp);
  g_rand_free(r);
}

static void test_set_ops(void **state) {
  (void)state;
  uint32_t a[] = { 1, 1, 2, 5, 5, 5, 9, 12, 40 };
  size_t n = tri_uniq_u32(a, G_N_ELEMENTS(a));
  uint32_t want[] = { 1, 2, 5, 9, 12, 40 };
  assert_int_equal(n, G_N_ELEMENTS(want));
  assert_memory_equal(a, want, sizeof want);
  uint32_t b[] = { 0, 2, 3, 9, 40, 41 };
  assert_int_equal(tri_inter_u32(a, n, b, G_N_ELEMENTS(b)), 3);
  assert_int_equal(tri_inter_u32(a, n, b, 0), 0);
  for (uint32_t v = 0; v < 45; v++) {
    uint64_t k = tri_lower_u32(a, 0, n, v), brute = 0;
    while (brute < n && a[brute] < v)
      brute++;
    assert_int_equal(k, brute);
  }
}

int main(void) {
  const struct CMUnitTest tests[] = {
    cmocka_unit_test(test_sort_u32),
    cmocka_unit_test(test_set_ops),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
