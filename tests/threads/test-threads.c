/*
 * Several threads share one catalog and read it at once: lookups by id,
 * iteration over agreements and provisions, filters and selections, enum
 * conversions, and per-thread error records. Each thread computes a digest of
 * what it read; every digest must equal the one computed by the main thread
 * alone, and no thread may see another thread's error.
 *
 * Built in every configuration; scripts/test also runs it repeatedly in a
 * ThreadSanitizer build (clang -fsanitize=thread), where any data race in the
 * library fails the run.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <cmocka.h>
#include <glib.h>

#include <traderules/traderules.h>

#define N_THREADS 8
#define N_ROUNDS 40
#define N_AGREEMENTS 48

static const char *const parties[] = {"USA", "EU", "JPN", "KOR", "AUS", "CAN", "MEX", "NZL", "SGP", "CHL"};

/* A deterministic synthetic catalog (no embedded data needed). */
static tr_catalog *build_catalog(void) {
  tr_catalog *cat = NULL;
  uint32_t seed = 12345;
  int ncat = tr_category_count();
  assert_int_equal(tr_catalog_new(&cat), TR_OK);
  for (int i = 0; i < N_AGREEMENTS; i++) {
    char id[32], date[16];
    tr_agreement *a = NULL;
    snprintf(id, sizeof id, "AGR_%02d", i);
    snprintf(date, sizeof date, "%d-%02d", 1995 + i % 30, 1 + i % 12);
    assert_int_equal(tr_agreement_new(id, id, &a), TR_OK);
    assert_int_equal(tr_agreement_set_family(a, (tr_family)(i % 5)), TR_OK);
    assert_int_equal(tr_agreement_set_kind(a, (tr_kind)(i % 7)), TR_OK);
    assert_int_equal(tr_agreement_set_date_signed(a, date), TR_OK);
    assert_int_equal(tr_agreement_add_party(a, parties[i % 10]), TR_OK);
    assert_int_equal(tr_agreement_add_party(a, parties[(i + 3) % 10]), TR_OK);
    for (int c = 1; c <= ncat; c++) {
      seed = seed * 1103515245u + 12345u;
      if ((seed >> 16) % 3 == 0)
        continue;
      tr_provision *p = NULL;
      assert_int_equal(tr_provision_new((tr_category)c, (tr_strength)((seed >> 8) % 5), &p), TR_OK);
      assert_int_equal(tr_provision_set_citation(p, id), TR_OK);
      assert_int_equal(tr_provision_set_exceptions(p, (seed >> 4) & 0x7fu), TR_OK);
      assert_int_equal(tr_agreement_add_provision(a, p), TR_OK);
    }
    assert_int_equal(tr_catalog_add_agreement(cat, a), TR_OK);
  }
  return cat;
}

static uint64_t mix(uint64_t h, uint64_t v) {
  return (h ^ v) * 1099511628211ull;
}

static uint64_t mix_str(uint64_t h, const char *s) {
  for (; s && *s; s++)
    h = mix(h, (unsigned char)*s);
  return mix(h, 0xff);
}

/* Everything a reader does; returns a digest, or 0 on an inconsistency. */
static uint64_t read_all(const tr_catalog *cat) {
  uint64_t h = 1469598103934665603ull;
  for (size_t i = 0; i < tr_catalog_agreement_count(cat); i++) {
    const tr_agreement *a = tr_catalog_agreement_at(cat, i);
    if (tr_catalog_find_agreement(cat, tr_agreement_get_id(a)) != a)
      return 0;
    h = mix_str(h, tr_agreement_get_id(a));
    h = mix_str(h, tr_family_id(tr_agreement_get_family(a)));
    h = mix(h, (uint64_t)tr_agreement_get_year(a));
    for (size_t k = 0; k < tr_agreement_provision_count(a); k++) {
      const tr_provision *p = tr_agreement_provision_at(a, k);
      tr_category c = tr_provision_get_category(p), back = TR_CATEGORY_UNKNOWN;
      if (tr_category_from_id(tr_category_id(c), &back) != TR_OK || back != c)
        return 0;
      if (tr_agreement_find_provision(a, c) != p)
        return 0;
      h = mix_str(h, tr_category_title(c));
      h = mix_str(h, tr_strength_id(tr_provision_get_strength(p)));
      h = mix(h, tr_provision_get_exceptions(p));
      h = mix_str(h, tr_provision_get_citation(p));
    }
  }
  for (int f = 0; f < 5; f++) {
    tr_filter *filter = NULL;
    tr_agreement_list *list = NULL;
    if (tr_filter_new(&filter) != TR_OK)
      return 0;
    tr_filter_set_family(filter, (tr_family)f);
    tr_filter_set_party(filter, parties[f]);
    tr_filter_set_years(filter, 2000, 2020);
    if (tr_catalog_select(cat, filter, &list) != TR_OK) {
      tr_filter_free(filter);
      return 0;
    }
    for (size_t i = 0; i < tr_agreement_list_count(list); i++)
      h = mix_str(h, tr_agreement_get_id(tr_agreement_list_at(list, i)));
    tr_agreement_list_free(list);
    tr_filter_free(filter);
  }
  return h;
}

typedef struct {
  const tr_catalog *cat;
  int index;
  uint64_t digests[N_ROUNDS];
  int error_mixups;
} worker;

static gpointer work(gpointer data) {
  worker *w = data;
  char bad[64], want[64];
  snprintf(bad, sizeof bad, "bad id %d", w->index);
  snprintf(want, sizeof want, "bad id %d", w->index);
  for (int r = 0; r < N_ROUNDS; r++) {
    tr_agreement *a = NULL;
    /* An error of this thread's own: an invalid id naming the thread. */
    if (tr_agreement_new(bad, "x", &a) == TR_OK)
      tr_agreement_free(a);
    w->digests[r] = read_all(w->cat);
    g_thread_yield();
    if (tr_error_code() != TR_ERR_INVALID_ARG || !strstr(tr_error_message(), want))
      w->error_mixups++;
  }
  return NULL;
}

static void test_shared_catalog_readers(void **state) {
  (void)state;
  tr_catalog *cat = build_catalog();
  uint64_t expected = read_all(cat);
  worker workers[N_THREADS];
  GThread *threads[N_THREADS];
  assert_int_not_equal(expected, 0);

  for (int i = 0; i < N_THREADS; i++) {
    memset(&workers[i], 0, sizeof workers[i]);
    workers[i].cat = cat;
    workers[i].index = i;
    threads[i] = g_thread_new("reader", work, &workers[i]);
  }
  for (int i = 0; i < N_THREADS; i++)
    g_thread_join(threads[i]);
  for (int i = 0; i < N_THREADS; i++) {
    assert_int_equal(workers[i].error_mixups, 0);
    for (int r = 0; r < N_ROUNDS; r++)
      assert_true(workers[i].digests[r] == expected);
  }
  tr_catalog_free(cat);
}

int main(void) {
  const struct CMUnitTest tests[] = {
    cmocka_unit_test(test_shared_catalog_readers),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
