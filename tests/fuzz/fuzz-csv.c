/*
 * Fuzz target: long-format CSV import, tr_csv_read().
 *
 * Each input is read into a catalog that already holds one agreement.
 * Oracles: a failed import returns a negative status with a message and the
 * catalog serialises exactly as before; an accepted import is lossless: the
 * catalog written as long CSV and read into an empty catalog gives the same
 * catalog (compared through tr_catalog_to_json()); the wide export succeeds.
 */
#include "fuzz-common.h"

static void must(int rc, const char *what) {
  if (rc != TR_OK)
    fuzz_fail("%s: %s", what, tr_error_message());
}

static tr_catalog *base_catalog(void) {
  tr_catalog *cat = NULL;
  tr_agreement *a = NULL;
  tr_provision *p = NULL;
  must(tr_catalog_new(&cat), "tr_catalog_new");
  must(tr_agreement_new("FUZZ_BASE", "Fuzz base, \"quoted\", agreement", &a), "tr_agreement_new");
  must(tr_agreement_set_family(a, TR_FAMILY_EUROPEAN), "tr_agreement_set_family");
  must(tr_agreement_add_party(a, "EU"), "tr_agreement_add_party");
  must(tr_agreement_set_date_signed(a, "2019-02-01"), "tr_agreement_set_date_signed");
  must(tr_provision_new(TR_CATEGORY_UNSOLICITED_COMMERCIAL_MESSAGES, TR_STRENGTH_MIXED, &p), "tr_provision_new");
  must(tr_provision_set_citation(p, "Art. 1,\n2"), "tr_provision_set_citation");
  must(tr_agreement_add_provision(a, p), "tr_agreement_add_provision");
  must(tr_catalog_add_agreement(cat, a), "tr_catalog_add_agreement");
  return cat;
}

static char *to_json(const tr_catalog *cat) {
  char *s = NULL;
  must(tr_catalog_to_json(cat, &s), "tr_catalog_to_json");
  return s;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  tr_catalog *cat = base_catalog();
  char *before = to_json(cat);
  int rc;

  tr_error_clear();
  rc = tr_csv_read(cat, (const char *)data, size, "fuzz.csv");
  if (rc != TR_OK) {
    char *after = to_json(cat);
    fuzz_check_error(rc, "tr_csv_read");
    if (strcmp(before, after) != 0)
      fuzz_fail("failed CSV import (%s) changed the catalog", tr_error_message());
    tr_free(after);
  } else {
    char *csv = NULL, *wide = NULL, *first = to_json(cat), *second;
    tr_catalog *again = NULL;
    must(tr_csv_write(cat, NULL, TR_CSV_LONG, &csv), "tr_csv_write long");
    must(tr_csv_write(cat, NULL, TR_CSV_WIDE, &wide), "tr_csv_write wide");
    must(tr_catalog_new(&again), "tr_catalog_new");
    rc = tr_csv_read(again, csv, strlen(csv), "roundtrip.csv");
    if (rc != TR_OK)
      fuzz_fail("the catalog's own long CSV does not read back: %s", tr_error_message());
    second = to_json(again);
    if (strcmp(first, second) != 0)
      fuzz_fail("long CSV round trip is not lossless");
    tr_free(csv);
    tr_free(wide);
    tr_free(first);
    tr_free(second);
    tr_catalog_free(again);
  }
  tr_free(before);
  tr_catalog_free(cat);
  return 0;
}
