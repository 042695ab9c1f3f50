/* A library that breaks every export rule check-exports.py enforces: a
 * symbol without the tr_ prefix leaks, a declared function is missing and a
 * data object is exported. The 'exports-selftest' test expects failure. */
#include "bad.h"
__attribute__((visibility("default"))) int leaked_helper(void);
__attribute__((visibility("default"))) int tr_selftest_data = 1;
int tr_selftest_ok(void) { return 1; }
int leaked_helper(void) { return tr_selftest_data; }
