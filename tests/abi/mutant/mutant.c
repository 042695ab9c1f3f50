/*
 * Deliberately changed copies of libtraderules for the abidiff gate's
 * self-test (tests/abi/meson.build). Each copy is the real library's objects
 * linked again with this file first and -z muldefs, so the definition below
 * replaces the library's one; which change is made is chosen with -D:
 *
 *   TR_MUTANT_PARAM  tr_status_id() takes a long long instead of an int
 *                    (a changed parameter type: must fail);
 *   TR_MUTANT_RETURN tr_version_num() returns unsigned long long instead of
 *                    unsigned int (a changed return type: must fail);
 *   TR_MUTANT_ENUM   compiled against a copy of model.h in which
 *                    TR_STRENGTH_HARD is 5 instead of 4, tr_strength_id()
 *                    takes that changed public enum (must fail);
 *   TR_MUTANT_ADDED  a new exported function tr_abi_selftest_added()
 *                    (an addition: must pass).
 *
 * The copy without tr_version_num (a removed function: must fail) needs no
 * code: it is linked with a version script that no longer lists it.
 * SPDX-License-Identifier: MIT
 */
#define TR_EXPORT __attribute__((visibility("default")))

/* PARAM and RETURN do not include the public headers (their declarations
 * would clash with the changed definitions). */
#if defined(TR_MUTANT_PARAM)
TR_EXPORT const char *tr_status_id(long long status);
const char *tr_status_id(long long status) {
  return status == 0 ? "ok" : "unknown";
}
#elif defined(TR_MUTANT_RETURN)
TR_EXPORT unsigned long long tr_version_num(void);
unsigned long long tr_version_num(void) {
  return 1ULL << 32;
}
#elif defined(TR_MUTANT_ENUM)
#include "model.h" /* the changed copy, generated next to this object */
_Static_assert(TR_STRENGTH_HARD == 5, "TR_MUTANT_ENUM must be compiled against the changed copy of model.h");
const char *tr_strength_id(tr_strength strength) {
  return strength == TR_STRENGTH_HARD ? "hard" : "unknown";
}
#elif defined(TR_MUTANT_ADDED)
TR_EXPORT int tr_abi_selftest_added(int x);
int tr_abi_selftest_added(int x) {
  return x + 1;
}
#else
#error "define one of TR_MUTANT_PARAM, TR_MUTANT_RETURN, TR_MUTANT_ENUM, TR_MUTANT_ADDED"
#endif
