/* Header of the deliberately broken library used to prove check-exports.py
 * fails: tr_selftest_missing is declared but not exported. */
#include <traderules/common.h>
TR_EXTERN int tr_selftest_ok(void);
TR_EXTERN int tr_selftest_missing(void);
