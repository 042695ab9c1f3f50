/*
 * Fuzz target: serialised MinHash signatures, tr_minhash_deserialize().
 *
 * Oracles: malformed input gives a negative status with a message and no
 * object; an accepted signature serialises back to exactly the input bytes,
 * estimates a Jaccard of 1 against itself (0 for the signature of an empty
 * set, every slot UINT64_MAX, as the exact Jaccard of two empty sets is 0),
 * and merges with itself unchanged.
 */
#include "fuzz-common.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  tr_minhash *m = NULL, *copy = NULL;
  void *out = NULL;
  size_t len = 0;
  double j = -1;
  int rc;

  tr_error_clear();
  rc = tr_minhash_deserialize(data, size, &m);
  if (rc != TR_OK) {
    fuzz_check_error(rc, "tr_minhash_deserialize");
    if (m)
      fuzz_fail("failed deserialisation returned an object");
    return 0;
  }
  if (tr_minhash_serialize(m, &out, &len) != TR_OK)
    fuzz_fail("tr_minhash_serialize: %s", tr_error_message());
  if (len != size || memcmp(out, data, size) != 0)
    fuzz_fail("serialisation of an accepted signature differs from its input (%zu vs %zu bytes)", len, size);
  if (tr_minhash_deserialize(out, len, &copy) != TR_OK)
    fuzz_fail("re-reading a serialised signature failed: %s", tr_error_message());
  {
    int empty = 1;
    for (size_t i = 24; i < size; i++)
      empty &= data[i] == 0xff;
    if (tr_minhash_estimate(m, copy, &j) != TR_OK || j != (empty ? 0.0 : 1.0))
      fuzz_fail("a%s signature estimates %g against its own copy", empty ? "n empty-set" : "", j);
  }
  if (tr_minhash_merge(m, copy) != TR_OK)
    fuzz_fail("tr_minhash_merge with itself: %s", tr_error_message());
  tr_free(out);
  if (tr_minhash_serialize(m, &out, &len) != TR_OK || len != size || memcmp(out, data, size) != 0)
    fuzz_fail("merging a signature with itself changed it");
  tr_free(out);
  tr_minhash_free(copy);
  tr_minhash_free(m);
  return 0;
}
