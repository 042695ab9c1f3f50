/*
 * traderules command - the catalog every subcommand works on.
 * SPDX-License-Identifier: MIT
 */
#include "tool.h"

#include <string.h>

/* The embedded catalog (or an empty one with --no-default), plus the agreements
 * of --catalog FILE: JSON, or the long CSV of 'traderules export' when FILE ends in .csv. */
int tool_load_catalog(const tool_options *opts, tr_catalog **out) {
  tr_catalog *cat = NULL;
  *out = NULL;
  if ((opts->no_default ? tr_catalog_new(&cat) : tr_catalog_new_default(&cat)) != TR_OK)
    return tool_fail_lib("cannot create the catalog");
  if (opts->catalog_path) {
    gboolean csv = g_str_has_suffix(opts->catalog_path, ".csv") ||
                   g_str_has_suffix(opts->catalog_path, ".CSV");
    int rc = csv ? tr_csv_read_file(cat, opts->catalog_path)
                 : tr_catalog_load_file(cat, opts->catalog_path);
    if (rc != TR_OK) {
      tr_catalog_free(cat);
      return tool_fail_lib(NULL);
    }
  }
  *out = cat;
  return 0;
}
