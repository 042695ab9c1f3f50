/* The failure injector shared by the out-of-memory tests (test-oom.c,
 * test-oom-corpus.c): the address-space limit (RLIMIT_AS) set to what the
 * process uses now plus a little, then lifted again.
 *
 * oom_limit_init() saves the current limit and makes glibc serve large blocks
 * from mmap (after a large free glibc raises its threshold, and a later large
 * block would reuse free heap inside the measured address space). Not usable
 * under ASan (it reserves terabytes of shadow memory): UNDER_ASAN is defined
 * there and the tests skip. Internal to the tests. */
#ifndef TR_TEST_OOM_LIMIT_H
#define TR_TEST_OOM_LIMIT_H

#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <string.h>
#include <malloc.h>
#include <sys/resource.h>
#include <cmocka.h>

#include <glib.h>
#include <traderules/traderules.h>

#if defined(__SANITIZE_ADDRESS__)
#define UNDER_ASAN 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define UNDER_ASAN 1
#endif
#endif

static struct rlimit oom_saved_limit;

/* Save the address-space limit (restored by oom_unlimit()) and map large blocks. 0 or -1. */
static inline int oom_limit_init(void) {
  mallopt(M_MMAP_THRESHOLD, 128 * 1024);
  return getrlimit(RLIMIT_AS, &oom_saved_limit);
}

/* Bytes of address space in use (VmSize of /proc/self/status), 0 if unknown. */
static inline size_t vm_size(void) {
  char *status = NULL;
  size_t kb = 0;
  if (g_file_get_contents("/proc/self/status", &status, NULL, NULL)) {
    const char *p = strstr(status, "VmSize:");
    if (p)
      kb = (size_t)g_ascii_strtoull(p + 7, NULL, 10);
  }
  g_free(status);
  return kb * 1024;
}

/* Allow only @extra bytes more than in use now. */
static inline void limit_to(size_t extra) {
  size_t now = vm_size();
  assert_true(now > 0);
  struct rlimit r = oom_saved_limit;
  r.rlim_cur = (rlim_t)(now + extra);
  assert_int_equal(setrlimit(RLIMIT_AS, &r), 0);
}

/* Back to the limit oom_limit_init() saved. */
static inline void unlimit(void) {
  assert_int_equal(setrlimit(RLIMIT_AS, &oom_saved_limit), 0);
}

/* @rc is TR_ERR_NOMEM with an "out of memory" message. */
static inline void expect_nomem(int rc, const char *what) {
  if (rc != TR_ERR_NOMEM)
    fail_msg("%s: expected out_of_memory, got %s (%s)", what, tr_status_id(rc),
             tr_error_message() ? tr_error_message() : "");
  assert_non_null(strstr(tr_error_message(), "out of memory"));
}

#endif
