/* Writes the embedded default catalog as JSON to stdout (seed material for
 * tests/fuzz/make-seeds.sh). */
#include <stdio.h>
#include <traderules/traderules.h>

int main(void) {
  tr_catalog *cat = NULL;
  char *json = NULL;
  if (tr_catalog_new_default(&cat) != TR_OK || tr_catalog_to_json(cat, &json) != TR_OK) {
    fprintf(stderr, "dump-catalog: %s\n", tr_error_message());
    tr_catalog_free(cat);
    return 1;
  }
  fputs(json, stdout);
  tr_free(json);
  tr_catalog_free(cat);
  return 0;
}
