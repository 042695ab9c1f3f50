/*
 * traderules panel - country-pair-year panels for gravity models.
 * SPDX-License-Identifier: MIT
 */
#include "tool.h"

#include <stdlib.h>
#include <string.h>

static const char panel_help[] =
  "Usage: traderules panel [--years A-B] [--categories C1,C2,...] [--measure M]\n"
  "                        [--directed] [--economies ISO3,...|all] [--membership FILE]\n"
  "                        [--dta] [-o FILE]\n"
  "\n"
  "Write one row per country pair and year: for each provision category, the\n"
  "strongest commitment in force between the two economies that year and the\n"
  "agreements that provide it. Blocs (EU, EFTA, ASEAN, ...) expand to their member\n"
  "states of each year; entry into force and provisional application are read per\n"
  "party where they differ; an agreement whose entry into force is unknown is listed\n"
  "in the 'undated' column and not counted. Rules and sources: docs/panel.md.\n"
  "  --years A-B        years A..B inclusive (default 1995-2024)\n"
  "  --categories LIST  comma-separated category ids or numbers (default: all 35)\n"
  "  --measure M        strength (none 0, soft 1, mixed 2, hard 3; default), binary\n"
  "                     (1 if any commitment), or count (agreements with one);\n"
  "                     empty cell = unknown (a category not settled in an agreement\n"
  "                     in force could change the value)\n"
  "  --directed         both (i, j) and (j, i) rows (default: i < j)\n"
  "  --economies LIST   a balanced panel over these economies (ISO alpha-3, comma-\n"
  "                     separated), zeros included; 'all' = every economy that is a\n"
  "                     party (or bloc member) in the catalog. Default: only pairs\n"
  "                     with an agreement, every year of the range\n"
  "  --membership FILE  add blocs and application records from FILE (docs/panel.md)\n"
  "  --no-default-membership  start from no blocs and no records (with --membership)\n"
  "  --dta              write a Stata .dta file (needs -o) instead of CSV\n"
  "  -o FILE            write to FILE ('-' = standard output, the default for CSV)\n";

static int parse_categories(const char *s, GArray *out) {
  char **parts = g_strsplit(s, ",", -1);
  int ok = 1;
  for (char **p = parts; *p && ok; p++) {
    const char *t = g_strstrip(*p);
    tr_category c;
    char *end = NULL;
    long n = strtol(t, &end, 10);
    if (*t && end && *end == '\0' && n >= 1 && n <= tr_category_count())
      c = (tr_category)n;
    else if (tr_category_from_id(t, &c) != TR_OK) {
      const char *near = tool_suggest_category(t);
      tool_fail_usage("unknown category '%s'%s%s%s (see 'traderules categories')", t, near ? "; did you mean '" : "",
                      near ? near : "", near ? "'?" : "");
      ok = 0;
      break;
    }
    g_array_append_val(out, c);
  }
  g_strfreev(parts);
  return ok;
}

/* Every state that is a party, or a member of a bloc that is a party, in the years. */
static char **all_economies(const tr_catalog *cat, const tr_membership *m, int first, int last) {
  GHashTable *seen = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL);
  for (size_t i = 0; i < tr_catalog_agreement_count(cat); i++) {
    const tr_agreement *ag = tr_catalog_agreement_at(cat, i);
    for (size_t p = 0; p < tr_agreement_party_count(ag); p++) {
      const char *party = tr_agreement_party_at(ag, p);
      if (!tr_membership_is_bloc(m, party)) {
        g_hash_table_add(seen, g_strdup(party));
        continue;
      }
      for (int y = first; y <= last; y++) {
        char date[16];
        char **members = NULL;
        g_snprintf(date, sizeof date, "%04d-12-31", y);
        if (tr_membership_members(m, party, date, &members) == TR_OK)
          for (char **s = members; *s; s++)
            g_hash_table_add(seen, g_strdup(*s));
        tr_strv_free(members);
      }
    }
  }
  GPtrArray *v = g_ptr_array_new();
  GHashTableIter it;
  gpointer k;
  g_hash_table_iter_init(&it, seen);
  while (g_hash_table_iter_next(&it, &k, NULL))
    g_ptr_array_add(v, g_strdup(k));
  g_hash_table_unref(seen);
  g_ptr_array_add(v, NULL);
  return (char **)g_ptr_array_free(v, FALSE);
}

int tool_cmd_panel(int argc, char **argv, const tool_options *opts) {
  int first = 1995, last = 2024, directed = 0, dta = 0, no_default = 0;
  const char *out_path = "-", *membership_path = NULL, *economies = NULL;
  tr_panel_measure measure = TR_PANEL_STRENGTH;
  GArray *cats = g_array_new(FALSE, FALSE, sizeof(tr_category));
  int rc = 0;
  for (int i = 1; i < argc && rc == 0; i++) {
    const char *a = argv[i];
    const char *val = NULL;
    const char *eq = strchr(a, '=');
    char *name = eq && g_str_has_prefix(a, "--") ? g_strndup(a, (gsize)(eq - a)) : g_strdup(a);
    if (eq && g_str_has_prefix(a, "--"))
      val = eq + 1;
#define TAKE_VALUE()                                                                   \
  do {                                                                                 \
    if (!val) {                                                                        \
      if (i + 1 >= argc) {                                                             \
        rc = tool_fail_usage("panel: %s needs a value", name);                         \
        break;                                                                         \
      }                                                                                \
      val = argv[++i];                                                                 \
    }                                                                                  \
  } while (0)
    if (strcmp(name, "-h") == 0 || strcmp(name, "--help") == 0) {
      fputs(panel_help, stdout);
      g_free(name);
      g_array_unref(cats);
      return 0;
    } else if (strcmp(name, "--years") == 0) {
      TAKE_VALUE();
      if (!rc && (!tool_parse_years(val, &first, &last) || first <= 0 || last <= 0 || first > last))
        rc = tool_fail_usage("panel: --years wants FIRST-LAST with FIRST <= LAST, got '%s'", val);
    } else if (strcmp(name, "--categories") == 0) {
      TAKE_VALUE();
      if (!rc && !parse_categories(val, cats))
        rc = 2;
    } else if (strcmp(name, "--measure") == 0) {
      TAKE_VALUE();
      if (!rc && tr_panel_measure_from_id(val, &measure) != TR_OK)
        rc = tool_fail_usage("panel: --measure wants strength, binary or count, got '%s'", val);
    } else if (strcmp(name, "--directed") == 0 && !val) {
      directed = 1;
    } else if (strcmp(name, "--dta") == 0 && !val) {
      dta = 1;
    } else if (strcmp(name, "--no-default-membership") == 0 && !val) {
      no_default = 1;
    } else if (strcmp(name, "--economies") == 0) {
      TAKE_VALUE();
      economies = val;
    } else if (strcmp(name, "--membership") == 0) {
      TAKE_VALUE();
      membership_path = val;
    } else if (strcmp(name, "-o") == 0 || strcmp(name, "--output") == 0) {
      TAKE_VALUE();
      out_path = val;
    } else {
      rc = tool_fail_usage("panel: unexpected argument '%s' (see 'traderules panel --help')", a);
    }
#undef TAKE_VALUE
    g_free(name);
  }
  if (rc) {
    g_array_unref(cats);
    return rc;
  }
  if (opts->format != TOOL_FORMAT_TABLE && opts->format != TOOL_FORMAT_CSV) {
    g_array_unref(cats);
    return tool_fail_usage("panel writes CSV or, with --dta, a Stata file (not --format)");
  }
  if (dta && strcmp(out_path, "-") == 0 && opts->is_tty) {
    g_array_unref(cats);
    return tool_fail_usage("panel --dta writes a binary file: give -o FILE.dta");
  }
  tr_catalog *cat = NULL;
  tr_membership *m = NULL;
  tr_panel_options *po = NULL;
  char **econ = NULL;
  if (tool_load_catalog(opts, &cat) != 0) {
    rc = 1;
    goto out;
  }
  if ((no_default ? tr_membership_new(&m) : tr_membership_new_default(&m)) != TR_OK ||
      (membership_path && tr_membership_load_file(m, membership_path) != TR_OK) ||
      tr_panel_options_new(&po) != TR_OK || tr_panel_options_set_years(po, first, last) != TR_OK ||
      tr_panel_options_set_measure(po, measure) != TR_OK ||
      tr_panel_options_set_directed(po, directed) != TR_OK ||
      tr_panel_options_set_categories(po, (const tr_category *)cats->data, cats->len) != TR_OK) {
    rc = tool_fail_lib("panel");
    goto out;
  }
  if (economies) {
    econ = strcmp(economies, "all") == 0 ? all_economies(cat, m, first, last) : g_strsplit(economies, ",", -1);
    for (char **e = econ; *e; e++)
      g_strstrip(*e);
    if (tr_panel_options_set_economies(po, (const char *const *)econ, g_strv_length(econ)) != TR_OK) {
      rc = tool_fail_lib("--economies");
      goto out;
    }
  }
  if (tr_panel_write_file(cat, m, po, dta ? "dta" : "csv", out_path) != TR_OK)
    rc = tool_fail_lib("panel");
out:
  g_strfreev(econ);
  tr_panel_options_free(po);
  tr_membership_free(m);
  tr_catalog_free(cat);
  g_array_unref(cats);
  return rc;
}
