/* Small catalogs built through the public API for the compare tests. */
#ifndef TR_TEST_COMPARE_HELPERS_H
#define TR_TEST_COMPARE_HELPERS_H

#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <string.h>
#include <cmocka.h>
#include <glib.h>
#include <math.h>

#include <traderules/traderules.h>

#ifndef assert_double_equal
/* Older cmocka lacks it: |a - b| <= eps (eps 0: exactly equal). */
#define assert_double_equal(a, b, eps) assert_true(fabs((double)(a) - (double)(b)) <= (double)(eps))
#endif

/* One provision: category, strength, exceptions, citation (NULL ok), flags. */
typedef struct {
  tr_category cat;
  tr_strength s;
  unsigned int exc;
  const char *cite;
  unsigned int flags;
} prov_spec;

#define P(c, s) { TR_CATEGORY_##c, TR_STRENGTH_##s, 0, NULL, 0 }
#define PE(c, s, e) { TR_CATEGORY_##c, TR_STRENGTH_##s, (e), NULL, 0 }
#define PC(c, s, cite) { TR_CATEGORY_##c, TR_STRENGTH_##s, 0, (cite), 0 }
#define PF(c, s, f) { TR_CATEGORY_##c, TR_STRENGTH_##s, 0, NULL, (f) }
#define END { TR_CATEGORY_UNKNOWN, TR_STRENGTH_UNKNOWN, 0, NULL, 0 }

static inline tr_agreement *mk(const char *id, tr_family family, const char *date, const char *party,
                               const prov_spec *ps) {
  tr_agreement *a = NULL;
  assert_int_equal(tr_agreement_new(id, id, &a), TR_OK);
  assert_int_equal(tr_agreement_set_family(a, family), TR_OK);
  if (date)
    assert_int_equal(tr_agreement_set_date_signed(a, date), TR_OK);
  if (party)
    assert_int_equal(tr_agreement_add_party(a, party), TR_OK);
  for (; ps && ps->cat != TR_CATEGORY_UNKNOWN; ps++) {
    tr_provision *p = NULL;
    assert_int_equal(tr_provision_new(ps->cat, ps->s, &p), TR_OK);
    if (ps->exc)
      assert_int_equal(tr_provision_set_exceptions(p, ps->exc), TR_OK);
    if (ps->cite)
      assert_int_equal(tr_provision_set_citation(p, ps->cite), TR_OK);
    if (ps->flags)
      assert_int_equal(tr_provision_set_flags(p, ps->flags), TR_OK);
    assert_int_equal(tr_agreement_add_provision(a, p), TR_OK);
  }
  return a;
}

static inline void add(tr_catalog *c, tr_agreement *a) {
  assert_int_equal(tr_catalog_add_agreement(c, a), TR_OK);
}

static inline tr_catalog *empty_catalog(void) {
  tr_catalog *c = NULL;
  assert_int_equal(tr_catalog_new(&c), TR_OK);
  return c;
}

#endif
