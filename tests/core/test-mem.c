/*
 * Large arrays on huge pages (lib/core/mem.c): they are ordinary g_try_malloc memory
 * (contents kept across a realloc, zeroed when asked, NULL for impossible sizes), and
 * on Linux with transparent huge pages on request the 2 MiB-aligned interior of an
 * array of at least 4 MiB is advised (the kernel's smaps says THPeligible for it).
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <string.h>
#include <cmocka.h>

#include <stdint.h>
#include <stdio.h>

#include "core/tr-internal.h"

static void test_contents(void **state) {
  (void)state;
  size_t n = (size_t)8 << 20; /* 8 MiB of bytes */
  unsigned char *p = tri_big_try_new(unsigned char, n);
  assert_non_null(p);
#ifdef __linux__
  assert_int_equal((uintptr_t)p % ((uintptr_t)2 << 20), 0); /* on a huge page boundary */
#endif
  for (size_t i = 0; i < n; i += 4093)
    p[i] = (unsigned char)(i * 7);
  p = tri_big_try_renew(unsigned char, p, 2 * n);
  assert_non_null(p);
  for (size_t i = 0; i < n; i += 4093)
    assert_int_equal(p[i], (unsigned char)(i * 7));
  p[2 * n - 1] = 1;
  g_free(p);

  uint64_t *z = tri_big_try_new0(uint64_t, (size_t)1 << 20);
  assert_non_null(z);
  for (size_t i = 0; i < ((size_t)1 << 20); i += 511)
    assert_int_equal(z[i], 0);
  g_free(z);

  /* small arrays: same memory, no advice */
  uint32_t *s = tri_big_try_new0(uint32_t, 3);
  assert_non_null(s);
  assert_int_equal(s[0] | s[1] | s[2], 0);
  g_free(s);
  /* zero elements: a valid pointer (callers free it) */
  s = tri_big_try_new(uint32_t, 0);
  assert_non_null(s);
  g_free(s);
}

static void test_impossible(void **state) {
  (void)state;
  /* tri_mem_mul saturates: the allocation is refused, not wrapped around */
  assert_null(tri_big_try_new(uint64_t, G_MAXSIZE / 4));
  assert_null(tri_big_try_new0(uint64_t, G_MAXSIZE / 4));
  void *p = g_malloc(16);
  assert_null(tri_big_try_renew(uint64_t, p, G_MAXSIZE / 4)); /* p is still ours */
  g_free(p);
  tri_mem_advise_huge(NULL, (size_t)64 << 20); /* nothing to advise: no crash */
}

/* The THPeligible line of the mapping that holds @addr in /proc/self/smaps: 1, 0, or
 * -1 when the kernel does not say. */
static int thp_eligible(uintptr_t addr) {
  FILE *f = fopen("/proc/self/smaps", "r");
  char line[512];
  int in = 0, r = -1;
  if (!f)
    return -1;
  while (fgets(line, sizeof line, f)) {
    unsigned long lo, hi;
    if (sscanf(line, "%lx-%lx ", &lo, &hi) == 2 && strchr(line, '-') < strchr(line, ' ')) {
      in = addr >= lo && addr < hi;
      continue;
    }
    int v;
    if (in && sscanf(line, "THPeligible: %d", &v) == 1) {
      r = v;
      break;
    }
  }
  fclose(f);
  return r;
}

static void test_advised(void **state) {
  (void)state;
  char *mode = NULL;
  if (!g_file_get_contents("/sys/kernel/mm/transparent_hugepage/enabled", &mode, NULL, NULL) ||
      strstr(mode, "[never]")) {
    g_free(mode);
    skip(); /* no transparent huge pages here */
  }
  g_free(mode);
  size_t n = (size_t)16 << 20;
  char *p = tri_big_try_malloc(n);
  assert_non_null(p);
  uintptr_t mid = ((uintptr_t)p + n / 2) & ~(uintptr_t)4095;
  int e = thp_eligible(mid);
  if (e < 0) {
    g_free(p);
    skip(); /* the kernel's smaps has no THPeligible line, or a checker owns the memory */
  }
  assert_int_equal(e, 1);
  g_free(p);
}

int main(void) {
  const struct CMUnitTest tests[] = {
    cmocka_unit_test(test_contents),
    cmocka_unit_test(test_impossible),
    cmocka_unit_test(test_advised),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
