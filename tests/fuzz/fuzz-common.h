/*
 * Shared helpers of the libFuzzer harnesses (tests/fuzz/fuzz-*.c).
 *
 * A harness defines LLVMFuzzerTestOneInput() and checks oracles, not just
 * "no crash": a failing call must return a negative tr_status, record the
 * same code with a non-empty message, and leave prior state untouched; a
 * successful load must round-trip. A broken oracle calls fuzz_fail(), which
 * aborts so that libFuzzer (or the standalone runner) reports the input.
 */
#ifndef TR_FUZZ_COMMON_H
#define TR_FUZZ_COMMON_H

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <traderules/traderules.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

#define fuzz_fail(...)                                                       \
  do {                                                                       \
    fprintf(stderr, "%s:%d: oracle failed: ", __FILE__, __LINE__);           \
    fprintf(stderr, __VA_ARGS__);                                            \
    fprintf(stderr, "\n");                                                   \
    abort();                                                                 \
  } while (0)

/* A failed call: negative code, recorded for this thread, with a message. */
static inline void fuzz_check_error(int rc, const char *what) {
  if (rc >= 0)
    fuzz_fail("%s: failure path with non-negative status %d", what, rc);
  if (tr_error_code() != rc)
    fuzz_fail("%s: returned %d but tr_error_code() is %d", what, rc, tr_error_code());
  if (tr_error_message()[0] == '\0')
    fuzz_fail("%s: error %d without a message", what, rc);
  if (strcmp(tr_status_id(rc), "unknown") == 0)
    fuzz_fail("%s: status %d is not a documented tr_status", what, rc);
}

#endif /* TR_FUZZ_COMMON_H */
