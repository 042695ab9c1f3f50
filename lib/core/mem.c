/*
 * libtraderules - memory: the allocation-failure probe, handing freed memory back, and
 * large arrays backed by transparent huge pages. See core/tr-internal.h.
 * SPDX-License-Identifier: MIT
 */
#include "core/tr-internal.h"

#ifdef __GLIBC__
#include <malloc.h>
#endif
#ifdef __linux__
#include <sys/mman.h>
#endif
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

/* ---- allocation-failure policy: a probe before many small allocations ---- */

size_t tri_mem_mul(size_t a, size_t b) {
  return b && a > G_MAXSIZE / b ? G_MAXSIZE : a * b;
}

int tri_mem_probe(size_t bytes, const char *name, const char *what) {
  void *p = bytes && bytes < G_MAXSIZE ? g_try_malloc(bytes) : NULL;
  if (p) {
    g_free(p);
    return TR_OK;
  }
  return tri_set_error(TR_ERR_NOMEM, name, 0, 0, NULL,
                       "out of memory: %s needs about %zu MiB, which cannot be allocated now",
                       what, (bytes >> 20) + 1);
}

void tri_mem_trim(void) {
#ifdef __GLIBC__
  malloc_trim(0);
#endif
}

/* ---- large arrays on huge pages ---- */

/* Below this, an array shares its pages with others: no advice. */
#define HUGE_MIN ((size_t)4 << 20)
#define HUGE_PAGE ((uintptr_t)2 << 20)

void tri_mem_advise_huge(void *p, size_t bytes) {
#if defined(__linux__) && defined(MADV_HUGEPAGE)
  if (!p || bytes < HUGE_MIN)
    return;
  /* the 2 MiB-aligned interior: the head and tail pages may be the allocator's (its
   * chunk headers, a neighbour's bytes), and only whole huge pages are ever used */
  uintptr_t b = ((uintptr_t)p + HUGE_PAGE - 1) & ~(HUGE_PAGE - 1);
  uintptr_t e = ((uintptr_t)p + bytes) & ~(HUGE_PAGE - 1);
  if (e > b)
    (void)madvise((void *)b, e - b, MADV_HUGEPAGE); /* advice: a refusal changes nothing */
#else
  (void)p;
  (void)bytes;
#endif
}

void *tri_big_try_malloc(size_t bytes) {
#if defined(__linux__) && defined(MADV_HUGEPAGE)
  if (bytes >= HUGE_MIN && bytes < G_MAXSIZE - HUGE_PAGE) {
    /* aligned to, and a multiple of, the huge page: no head or tail left on small pages.
     * posix_memalign memory is malloc memory (GLib's g_free is free since 2.46). */
    size_t size = (bytes + HUGE_PAGE - 1) & ~(size_t)(HUGE_PAGE - 1);
    void *p = NULL;
    if (posix_memalign(&p, HUGE_PAGE, size) != 0)
      return NULL;
    tri_mem_advise_huge(p, size);
    return p;
  }
#endif
  return bytes < G_MAXSIZE ? g_try_malloc(bytes ? bytes : 1) : NULL;
}

void *tri_big_try_malloc0(size_t bytes) {
  /* advised before it is zeroed: calloc clears memory taken from the heap itself,
   * which would fault it in small pages before the advice */
  void *p = tri_big_try_malloc(bytes);
  if (p)
    memset(p, 0, bytes ? bytes : 1);
  return p;
}

void *tri_big_try_realloc(void *old, size_t bytes) {
  void *p = bytes < G_MAXSIZE ? g_try_realloc(old, bytes ? bytes : 1) : NULL;
  tri_mem_advise_huge(p, bytes);
  return p;
}
