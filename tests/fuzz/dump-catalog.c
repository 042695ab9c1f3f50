/* Writes the embedded default catalog to stdout as JSON (default) or as
 * long-format CSV (argument "csv"): seed material for tests/fuzz/make-seeds.sh. */
#include <stdio.h>
#include <string.h>
#include <traderules/traderules.h>

int main(int argc, char **argv) {
  tr_catalog *cat = NULL;
  char *text = NULL;
  int csv = argc > 1 && strcmp(argv[1], "csv") == 0;
  if (tr_catalog_new_default(&cat) != TR_OK ||
      (csv ? tr_csv_write(cat, NULL, TR_CSV_LONG, &text) : tr_catalog_to_json(cat, &text)) != TR_OK) {
    fprintf(stderr, "dump-catalog: %s\n", tr_error_message());
    tr_catalog_free(cat);
    return 1;
  }
  fputs(text, stdout);
  tr_free(text);
  tr_catalog_free(cat);
  return 0;
}
