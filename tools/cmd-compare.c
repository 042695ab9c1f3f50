/*
 * traderules compare | classify | matrix | coverage | common-ground | timeline
 * Built only on the public API (+GLib).
 * SPDX-License-Identifier: MIT
 */
#include "tool.h"

#include <errno.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

/* ---- shared helpers ---------------------------------------------------- */

/* The shared loader (embedded catalog, --no-default, --catalog FILE.json|.csv). */
static int load_catalog(const tool_options *opts, tr_catalog **out) {
  return tool_load_catalog(opts, out);
}

/* A template specification: the grammar is the library's (tr_template_resolve()). */
static int resolve_spec(const tr_catalog *cat, const char *spec, tr_template **out) {
  if (tr_template_resolve(cat, spec, out) == TR_OK)
    return 0;
  int rc = tool_fail_lib(NULL);
  if (tr_error_code() == TR_ERR_NOT_FOUND)
    tool_hint_id(cat, spec, TRUE);
  return rc;
}

/* "NAME = RULE of A, B, C\n  SELECTION" for the header of a table. */
static char *describe_template(const tr_template *tp) {
  GString *s = g_string_new(NULL);
  g_string_append_printf(s, "%s = %s of", tr_template_get_name(tp), tr_template_rule_id(tr_template_get_rule(tp)));
  for (size_t k = 0; k < tr_template_member_count(tp); k++)
    g_string_append_printf(s, "%s%s", k ? ", " : " ", tr_template_member_at(tp, k));
  g_string_append_printf(s, " (%zu)\n  chosen by: %s", tr_template_member_count(tp), tr_template_get_selection(tp));
  return g_string_free(s, FALSE);
}

/* Members joined with "," (for the machine columns). */
static char *members_str(const tr_template *tp) {
  GString *s = g_string_new(NULL);
  for (size_t k = 0; k < tr_template_member_count(tp); k++)
    g_string_append_printf(s, "%s%s", k ? "," : "", tr_template_member_at(tp, k));
  return g_string_free(s, FALSE);
}

/* Aspect ids joined with ", " ("" for none). */
static char *aspects_str(unsigned int aspects) {
  GString *s = g_string_new(NULL);
  for (int b = 0; b < 32; b++)
    if (aspects & (1u << b)) {
      const char *id = tr_carveout_aspect_id((tr_carveout_aspect)(1u << b));
      g_string_append_printf(s, "%s%s", s->len ? ", " : "", id ? id : "?");
    }
  return g_string_free(s, FALSE);
}

/* "NAME: A,B,C (SELECTION) | ..." for the machine column "templates". */
static char *views_str(GPtrArray *tmpls) {
  GString *s = g_string_new(NULL);
  for (guint k = 0; k < tmpls->len; k++) {
    const tr_template *tp = g_ptr_array_index(tmpls, k);
    char *m = members_str(tp);
    g_string_append_printf(s, "%s%s: %s (%s)", k ? " | " : "", tr_template_get_name(tp), m,
                           tr_template_get_selection(tp));
    g_free(m);
  }
  return g_string_free(s, FALSE);
}

static gboolean machine_format(const tool_options *opts) {
  return opts->format == TOOL_FORMAT_CSV || opts->format == TOOL_FORMAT_JSON;
}

/* Print the view and members of each template before a table (table and Markdown). */
static void print_views(GPtrArray *tmpls, const tool_options *opts) {
  if (opts->format != TOOL_FORMAT_TABLE && opts->format != TOOL_FORMAT_MARKDOWN)
    return;
  for (guint k = 0; k < tmpls->len; k++) {
    const tr_template *tp = g_ptr_array_index(tmpls, k);
    if (tr_template_get_kind(tp) == TR_TEMPLATE_KIND_AGREEMENT)
      continue;
    char *d = describe_template(tp);
    char *line = g_strdup_printf("%s\n%s", d, opts->format == TOOL_FORMAT_MARKDOWN ? "\n" : "");
    tool_print_text(stdout, opts, line);
    g_free(line);
    g_free(d);
  }
}

static const char *strength_str(tr_strength s) {
  return tr_strength_id(s) ? tr_strength_id(s) : "unknown";
}

static char *exceptions_str(unsigned int e) {
  GString *s = g_string_new(NULL);
  for (int b = 0; b < 32; b++)
    if (e & (1u << b)) {
      const char *id = tr_exception_id(1u << b);
      if (s->len)
        g_string_append(s, ", ");
      g_string_append(s, id ? id : "?");
    }
  return g_string_free(s, FALSE);
}

/* "?" for uncertain coding, "(proposed)"/"(suspended)" spelled out. */
static char *flags_suffix(unsigned int flags) {
  GString *s = g_string_new(NULL);
  gboolean uncertain = (flags & TR_PROVISION_UNCERTAIN) != 0;
  flags &= ~(unsigned int)TR_PROVISION_UNCERTAIN;
  if (uncertain)
    g_string_append_c(s, '?');
  gboolean open = FALSE;
  for (int b = 0; b < 8; b++)
    if (flags & (1u << b)) {
      const char *id = tr_provision_flag_id(1u << b);
      g_string_append_printf(s, "%s%s", open ? "," : " (", id ? id : "?");
      open = TRUE;
    }
  if (open)
    g_string_append_c(s, ')');
  return g_string_free(s, FALSE);
}

/* Provision flag ids joined with ", " (for CSV and JSON). */
static char *flag_ids(unsigned int flags) {
  GString *s = g_string_new(NULL);
  for (int b = 0; b < 8; b++)
    if (flags & (1u << b)) {
      const char *id = tr_provision_flag_id(1u << b);
      g_string_append_printf(s, "%s%s", s->len ? ", " : "", id ? id : "?");
    }
  return g_string_free(s, FALSE);
}

static char *citations(const tr_template *t, tr_category c) {
  char *s = NULL;
  if (tr_template_citations(t, c, &s))
    return g_strdup("");
  char *r = g_strdup(s);
  tr_free(s);
  return r;
}

static char *fmt_double(double v, int digits) {
  if (isnan(v))
    return g_strdup("");
  char buf[G_ASCII_DTOSTR_BUF_SIZE];
  char fmt[8];
  g_snprintf(fmt, sizeof fmt, "%%.%df", digits);
  return g_strdup(g_ascii_formatd(buf, sizeof buf, fmt, v));
}

static const char spec_help[] =
  "A, B, TEMPLATE and SUBJECT are: 'american' or 'european' (built-in templates, current\n"
  "view: US agreements since TPP 2016, EU agreements since EU-Japan 2018), NAME@YEAR (dated\n"
  "view: the family's agreements from its first e-commerce chapter up to YEAR; american@2016\n"
  "and european@2016 are the seed paper's view), an agreement id, or a user-defined template\n"
  "'key=value+key=value' with keys ids=A,B,C | family=F | party=P | years=FROM-TO, and\n"
  "optionally rule=majority|strongest|weakest, name=LABEL. Every output names the members\n"
  "and the rule that chose them (docs/compare.md).\n";

/* ---- compare ------------------------------------------------------------ */

/* JSON output of compare is data, not the display table: stable keys ("first",
 * "second"), numbers as numbers, lists as arrays, and the summary (docs/compare.md,
 * "JSON output"). */
static void json_str(GString *o, const char *s) {
  g_string_append_c(o, '"');
  for (const unsigned char *p = (const unsigned char *)(s ? s : ""); *p; p++) {
    if (*p == '"' || *p == '\\')
      g_string_append_c(o, '\\'), g_string_append_c(o, (char)*p);
    else if (*p == '\n')
      g_string_append(o, "\\n");
    else if (*p == '\r')
      g_string_append(o, "\\r");
    else if (*p == '\t')
      g_string_append(o, "\\t");
    else if (*p < 0x20)
      g_string_append_printf(o, "\\u%04x", *p);
    else
      g_string_append_c(o, (char)*p);
  }
  g_string_append_c(o, '"');
}

static void json_num(GString *o, double v) {
  char buf[G_ASCII_DTOSTR_BUF_SIZE];
  if (isnan(v) || isinf(v))
    g_string_append(o, "null");
  else
    g_string_append(o, g_ascii_formatd(buf, sizeof buf, "%.4f", v));
}

static void json_side(GString *o, const tr_template *tp) {
  g_string_append(o, "{\"name\": ");
  json_str(o, tr_template_get_name(tp));
  g_string_append(o, ", \"kind\": ");
  json_str(o, tr_template_get_kind(tp) == TR_TEMPLATE_KIND_AGREEMENT ? "agreement" : "template");
  g_string_append(o, ", \"rule\": ");
  json_str(o, tr_template_rule_id(tr_template_get_rule(tp)));
  g_string_append(o, ", \"members\": [");
  for (size_t k = 0; k < tr_template_member_count(tp); k++) {
    if (k)
      g_string_append(o, ", ");
    json_str(o, tr_template_member_at(tp, k));
  }
  g_string_append(o, "], \"view\": ");
  json_str(o, tr_template_get_selection(tp));
  g_string_append_c(o, '}');
}

static void json_position(GString *o, const tr_template *tp, tr_category c) {
  tr_strength st = tr_template_get_strength(tp, c);
  unsigned int ex = tr_template_get_exceptions(tp, c), fl = tr_template_get_flags(tp, c);
  gboolean first = TRUE;
  g_string_append(o, "{\"strength\": ");
  json_str(o, strength_str(st));
  g_string_append(o, ", \"strength_code\": ");
  int code = tr_csv_strength_code(st); /* the library's codes: none 0 ... hard 3, unknown -1 */
  if (code < 0)
    g_string_append(o, "null");
  else
    g_string_append_printf(o, "%d", code);
  g_string_append(o, ", \"exceptions\": [");
  for (int b = 0; b < 32; b++)
    if (ex & (1u << b)) {
      g_string_append(o, first ? "" : ", ");
      json_str(o, tr_exception_id(1u << b) ? tr_exception_id(1u << b) : "?");
      first = FALSE;
    }
  g_string_append(o, "], \"flags\": [");
  first = TRUE;
  for (int b = 0; b < 8; b++)
    if (fl & (1u << b)) {
      g_string_append(o, first ? "" : ", ");
      json_str(o, tr_provision_flag_id(1u << b) ? tr_provision_flag_id(1u << b) : "?");
      first = FALSE;
    }
  g_string_append_printf(o, "], \"coded_members\": %zu, \"citations\": [", tr_template_coded_count(tp, c));
  for (size_t k = 0; k < tr_template_support_count(tp, c); k++) {
    const char *cit = tr_template_support_citation(tp, c, k);
    g_string_append(o, k ? ", {\"agreement\": " : "{\"agreement\": ");
    json_str(o, tr_template_support_agreement(tp, c, k));
    g_string_append(o, ", \"citation\": ");
    if (cit)
      json_str(o, cit);
    else
      g_string_append(o, "null");
    g_string_append_c(o, '}');
  }
  g_string_append(o, "]}");
}

static void compare_json(const tr_template *a, const tr_template *b, const tr_comparison *cmp, gboolean diff_only,
                         gboolean summary_only) {
  GString *o = g_string_new("{\n  \"first\": ");
  json_side(o, a);
  g_string_append(o, ",\n  \"second\": ");
  json_side(o, b);
  g_string_append_printf(o, ",\n  \"summary\": {\"categories\": %zu, \"comparable_categories\": %zu, \"agreement_share\": ",
                         tr_comparison_count(cmp), tr_comparison_comparable_count(cmp));
  json_num(o, tr_comparison_agreement_share(cmp));
  g_string_append(o, ", \"distance\": ");
  json_num(o, tr_comparison_distance(cmp));
  g_string_append(o, ", \"similarity\": ");
  json_num(o, tr_comparison_similarity(cmp));
  g_string_append(o, ", \"relations\": {");
  for (int r = 0; r < tr_relation_count(); r++) {
    g_string_append(o, r ? ", " : "");
    json_str(o, tr_relation_id((tr_relation)r));
    g_string_append_printf(o, ": %zu", tr_comparison_relation_count(cmp, (tr_relation)r));
  }
  g_string_append(o, "}}");
  if (!summary_only) {
    gboolean any = FALSE;
    g_string_append(o, ",\n  \"categories\": [");
    for (size_t i = 0; i < tr_comparison_count(cmp); i++) {
      tr_category c = tr_comparison_category_at(cmp, i);
      tr_relation rel = tr_comparison_relation_at(cmp, i);
      gboolean differs = tr_relation_differs(rel);
      if (diff_only && !differs)
        continue;
      g_string_append(o, any ? ",\n    {\"category\": " : "\n    {\"category\": ");
      any = TRUE;
      json_str(o, tr_category_id(c));
      g_string_append(o, ", \"relation\": ");
      json_str(o, tr_relation_id(rel));
      g_string_append_printf(o, ", \"differs\": %s, \"first\": ", differs ? "true" : "false");
      json_position(o, a, c);
      g_string_append(o, ", \"second\": ");
      json_position(o, b, c);
      g_string_append_c(o, '}');
    }
    g_string_append(o, any ? "\n  ]" : "]");
  }
  g_string_append(o, "\n}\n");
  fputs(o->str, stdout);
  g_string_free(o, TRUE);
}

int tool_cmd_compare(int argc, char **argv, tool_options *opts) {
  gboolean diff_only = FALSE, summary_only = FALSE;
  GOptionEntry entries[] = {
    { "diff", 0, 0, G_OPTION_ARG_NONE, &diff_only, "Show only the categories where the two differ", NULL },
    { "summary", 0, 0, G_OPTION_ARG_NONE, &summary_only,
      "Print only the summary measures (agreement share, distance, ...)", NULL },
    { NULL, 0, 0, 0, NULL, NULL, NULL },
  };
  tool_args args;
  tool_args_init(&args, "compare", opts);
  GOptionContext *ctx = tool_context_new(&args, "A B",
      "Compare two templates or agreements category by category: both positions\n"
      "(strength, exceptions, citations) and their relation; differences are marked.",
      spec_help, entries);
  int status = tool_parse(ctx, &args, &argc, &argv, 0);
  g_option_context_free(ctx);
  tool_args_clear(&args);
  if (status != TOOL_CONTINUE)
    return status;
  if (argc > 3)
    return tool_fail_usage("compare: takes exactly two templates or agreements");
  if (argc != 3)
    return tool_fail_usage("compare: needs two templates or agreements, e.g. 'traderules compare american european'");
  const char *specs[2] = { argv[1], argv[2] };
  tr_catalog *cat = NULL;
  if ((status = load_catalog(opts, &cat)))
    return status;
  tr_template *a = NULL, *b = NULL;
  tr_comparison *cmp = NULL;
  if ((status = resolve_spec(cat, specs[0], &a)) || (status = resolve_spec(cat, specs[1], &b)))
    goto out;
  if (tr_comparison_new(a, b, &cmp)) {
    status = tool_fail_lib(NULL);
    goto out;
  }
  const char *na = tr_template_get_name(a), *nb = tr_template_get_name(b);
  double share = tr_comparison_agreement_share(cmp), dist = tr_comparison_distance(cmp);
  if (opts->format == TOOL_FORMAT_JSON) {
    compare_json(a, b, cmp, diff_only, summary_only);
    goto out;
  }
  if (summary_only) {
    const char *cols[] = { "measure", "value" };
    tool_table *t = tool_table_new(cols, 2);
    tool_table_set_numeric(t, 1, TRUE);
    char *v;
    char buf[64];
    g_snprintf(buf, sizeof buf, "%zu", tr_comparison_comparable_count(cmp));
    tool_table_add_row(t, (const char *[]){ "comparable_categories", buf });
    g_snprintf(buf, sizeof buf, "%zu", tr_comparison_count(cmp));
    tool_table_add_row(t, (const char *[]){ "categories", buf });
    v = fmt_double(share, 4);
    tool_table_add_row(t, (const char *[]){ "agreement_share", v });
    g_free(v);
    v = fmt_double(dist, 4);
    tool_table_add_row(t, (const char *[]){ "distance", v });
    g_free(v);
    v = fmt_double(tr_comparison_similarity(cmp), 4);
    tool_table_add_row(t, (const char *[]){ "similarity", v });
    g_free(v);
    for (int r = 0; r < tr_relation_count(); r++) {
      g_snprintf(buf, sizeof buf, "%zu", tr_comparison_relation_count(cmp, (tr_relation)r));
      tool_table_add_row(t, (const char *[]){ tr_relation_id((tr_relation)r), buf });
    }
    for (int side = 0; side < 2 && machine_format(opts); side++) { /* which members and view each side used */
      const tr_template *tp = side ? b : a;
      /* measure names as the CSV column names of the full table: american_members, ... */
      char *raw = g_strdup_printf("%s members", tr_template_get_name(tp)), *m = members_str(tp);
      char *key = tool_name_for_data(raw);
      g_free(raw);
      tool_table_add_row(t, (const char *[]){ key, m });
      g_free(key);
      raw = g_strdup_printf("%s view", tr_template_get_name(tp));
      key = tool_name_for_data(raw);
      g_free(raw);
      tool_table_add_row(t, (const char *[]){ key, tr_template_get_selection(tp) });
      g_free(key);
      g_free(m);
    }
    GPtrArray *both = g_ptr_array_new();
    g_ptr_array_add(both, a);
    g_ptr_array_add(both, b);
    print_views(both, opts);
    g_ptr_array_free(both, TRUE);
    if (!machine_format(opts))
      printf("\n");
    tool_table_print(t, stdout, opts);
    tool_table_free(t);
    goto out;
  }
  char *col_a = g_strdup(na), *col_b = g_strdup(nb);
  char *col_ae = g_strdup_printf("%s exceptions", na), *col_be = g_strdup_printf("%s exceptions", nb);
  char *col_ac = g_strdup_printf("%s citations", na), *col_bc = g_strdup_printf("%s citations", nb);
  char *col_af = g_strdup_printf("%s flags", na), *col_bf = g_strdup_printf("%s flags", nb);
  char *col_am = g_strdup_printf("%s members", na), *col_bm = g_strdup_printf("%s members", nb);
  char *col_av = g_strdup_printf("%s view", na), *col_bv = g_strdup_printf("%s view", nb);
  char *mem_a = members_str(a), *mem_b = members_str(b);
  /* Decision first (fits a terminal), then the carve-outs and citations behind it.
   * CSV and JSON keep the strength a plain id and give the provision flags their own columns;
   * the table and Markdown append '?' (uncertain) and "(proposed)" etc. to the strength. */
  gboolean machine = opts->format == TOOL_FORMAT_CSV || opts->format == TOOL_FORMAT_JSON;
  /* CSV and JSON repeat on every row which members (and which view) each side used. */
  /* "carve-outs differ in": the aspects of tr_comparison_carveout_aspects() (exception flags and
   * exception scope). The table shows them next to the relation; CSV and JSON keep their
   * earlier columns in place and add them, with the full description, at the end. */
  const char *tcols[] = { "category", col_a, col_b, "relation", "carve-outs differ in", col_ae, col_be, col_ac, col_bc };
  const char *mcols[] = { "category", col_a, col_b, "relation", col_ae, col_be, col_ac, col_bc, col_af, col_bf,
                          col_am, col_bm, col_av, col_bv, "carve-outs differ in", "carve-out detail" };
  tool_table *t = machine ? tool_table_new(mcols, 16) : tool_table_new(tcols, 9);
  int row = 0;
  for (size_t i = 0; i < tr_comparison_count(cmp); i++) {
    tr_category c = tr_comparison_category_at(cmp, i);
    tr_relation rel = tr_comparison_relation_at(cmp, i);
    gboolean differs = tr_relation_differs(rel);
    if (diff_only && !differs)
      continue;
    char *fa = machine ? g_strdup("") : flags_suffix(tr_template_get_flags(a, c));
    char *fb = machine ? g_strdup("") : flags_suffix(tr_template_get_flags(b, c));
    char *sa = g_strconcat(strength_str(tr_template_get_strength(a, c)), fa, NULL);
    char *sb = g_strconcat(strength_str(tr_template_get_strength(b, c)), fb, NULL);
    char *ea = exceptions_str(tr_template_get_exceptions(a, c)), *eb = exceptions_str(tr_template_get_exceptions(b, c));
    char *ca = citations(a, c), *cb = citations(b, c);
    char *ma = flag_ids(tr_template_get_flags(a, c)), *mb = flag_ids(tr_template_get_flags(b, c));
    unsigned int asp = tr_comparison_carveout_aspects(cmp, c);
    char *how = aspects_str(asp), *detail = NULL;
    if (tr_comparison_describe_carveouts(cmp, c, &detail))
      detail = NULL;
    const char *tvals[] = { tr_category_id(c), sa, sb, tr_relation_id(rel), how, ea, eb, ca, cb };
    const char *mvals[] = { tr_category_id(c), sa, sb, tr_relation_id(rel), ea, eb, ca, cb, ma, mb,
                            mem_a, mem_b, tr_template_get_selection(a), tr_template_get_selection(b), how,
                            detail ? detail : "" };
    tool_table_add_row(t, machine ? mvals : tvals);
    g_free(ma);
    g_free(mb);
    g_free(how);
    tr_free(detail);
    if (differs) {
      tool_table_mark(t, row, 3);
      if (rel == TR_RELATION_FIRST_STRONGER || rel == TR_RELATION_ONLY_FIRST)
        tool_table_mark(t, row, 1);
      if (rel == TR_RELATION_SECOND_STRONGER || rel == TR_RELATION_ONLY_SECOND)
        tool_table_mark(t, row, 2);
      if (rel == TR_RELATION_DIFFERENT_CARVEOUTS) { /* mark the side(s) that carry carve-outs */
        if (*ea)
          tool_table_mark(t, row, 5);
        if (*eb)
          tool_table_mark(t, row, 6);
      }
    }
    row++;
    g_free(fa); g_free(fb); g_free(sa); g_free(sb); g_free(ea); g_free(eb); g_free(ca); g_free(cb);
  }
  if (opts->format == TOOL_FORMAT_TABLE || opts->format == TOOL_FORMAT_MARKDOWN) {
    GString *members = g_string_new(NULL);
    for (int side = 0; side < 2; side++) {
      const tr_template *tp = side ? b : a;
      if (tr_template_get_kind(tp) == TR_TEMPLATE_KIND_AGREEMENT)
        continue;
      char *d = describe_template(tp);
      g_string_append(members, d);
      g_string_append(members, opts->format == TOOL_FORMAT_MARKDOWN ? "\n\n" : "\n");
      g_free(d);
    }
    g_string_append(members, "('?' = coding rests on an unverified secondary source; citations: the members that hold the position)\n");
    char *head = g_strdup_printf("%s%s vs %s%s\n%s\n", opts->format == TOOL_FORMAT_MARKDOWN ? "## " : "", na, nb,
                                 opts->format == TOOL_FORMAT_MARKDOWN ? "\n" : "", members->str);
    tool_print_text(stdout, opts, head);
    g_free(head);
    g_string_free(members, TRUE);
  }
  tool_table_print(t, stdout, opts);
  tool_table_free(t);
  if (opts->format == TOOL_FORMAT_TABLE || opts->format == TOOL_FORMAT_MARKDOWN) {
    char *s1 = fmt_double(share, 3), *s2 = fmt_double(dist, 3), *s3 = fmt_double(1 - dist, 3);
    GString *foot = g_string_new(NULL);
    g_string_append_printf(foot, "\n%s%zu of %zu categories comparable; same in %zu (agreement share %s); distance %s, similarity %s.\n",
           opts->format == TOOL_FORMAT_MARKDOWN ? "" : "",
           tr_comparison_comparable_count(cmp), tr_comparison_count(cmp),
           tr_comparison_relation_count(cmp, TR_RELATION_SAME), *s1 ? s1 : "n/a", *s2 ? s2 : "n/a",
           *s3 ? s3 : "n/a");
    g_string_append_printf(foot, "%s stronger or only: %zu; %s stronger or only: %zu; different carve-outs: %zu; "
           "unknown on one or both sides: %zu.\n",
           na, tr_comparison_relation_count(cmp, TR_RELATION_FIRST_STRONGER) +
                   tr_comparison_relation_count(cmp, TR_RELATION_ONLY_FIRST),
           nb, tr_comparison_relation_count(cmp, TR_RELATION_SECOND_STRONGER) +
                   tr_comparison_relation_count(cmp, TR_RELATION_ONLY_SECOND),
           tr_comparison_relation_count(cmp, TR_RELATION_DIFFERENT_CARVEOUTS),
           tr_comparison_relation_count(cmp, TR_RELATION_BOTH_UNKNOWN) +
               tr_comparison_relation_count(cmp, TR_RELATION_FIRST_UNKNOWN) +
               tr_comparison_relation_count(cmp, TR_RELATION_SECOND_UNKNOWN));
    tool_print_text(stdout, opts, foot->str);
    g_string_free(foot, TRUE);
    g_free(s1); g_free(s2); g_free(s3);
  }
  g_free(col_a); g_free(col_b); g_free(col_ae); g_free(col_be); g_free(col_ac); g_free(col_bc);
  g_free(col_af); g_free(col_bf);
  g_free(col_am); g_free(col_bm); g_free(col_av); g_free(col_bv); g_free(mem_a); g_free(mem_b);
out:
  tr_comparison_free(cmp);
  tr_template_free(a);
  tr_template_free(b);
  tr_catalog_free(cat);
  return status;
}

/* ---- classify ----------------------------------------------------------- */

typedef struct {
  double margin;
  int min_categories;
} classify_opts;

static gboolean on_margin(const char *name, const char *value, gpointer data, GError **error) {
  classify_opts *co = ((tool_args *)data)->data;
  char *end = NULL;
  double v = value && *value ? g_ascii_strtod(value, &end) : -1;
  if (!end || *end || !(v >= 0) || !isfinite(v)) {
    g_set_error(error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE, "%s needs a number >= 0, not '%s'", name,
                value ? value : "");
    return FALSE;
  }
  co->margin = v;
  return TRUE;
}

static gboolean on_min_categories(const char *name, const char *value, gpointer data, GError **error) {
  classify_opts *co = ((tool_args *)data)->data;
  guint64 v;
  if (!value || !g_ascii_string_to_unsigned(value, 10, 0, (guint64)tr_category_count(), &v, NULL)) {
    g_set_error(error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE, "%s needs a whole number 0..%d, not '%s'",
                name, tr_category_count(), value ? value : "");
    return FALSE;
  }
  co->min_categories = (int)v;
  return TRUE;
}

int tool_cmd_classify(int argc, char **argv, tool_options *opts) {
  classify_opts co = { TR_CLASSIFY_DEFAULT_MARGIN, TR_CLASSIFY_DEFAULT_MIN_CATEGORIES };
  char *margin_help = g_strdup_printf("Agreements with a margin below M are 'in between' (default %.2f)",
                                      TR_CLASSIFY_DEFAULT_MARGIN);
  char *min_help = g_strdup_printf("With fewer than N categories to rest on, the class is 'too few "
                                   "categories' (default %d)", TR_CLASSIFY_DEFAULT_MIN_CATEGORIES);
  GOptionEntry entries[] = {
    { "margin", 0, 0, G_OPTION_ARG_CALLBACK, (gpointer)(GOptionArgFunc)on_margin, margin_help, "M" },
    { "min-categories", 0, 0, G_OPTION_ARG_CALLBACK, (gpointer)(GOptionArgFunc)on_min_categories, min_help, "N" },
    tool_entry_family, tool_entry_party, tool_entry_years, tool_entry_threads,
    { NULL, 0, 0, 0, NULL, NULL, NULL },
  };
  tool_args args;
  tool_args_init(&args, "classify", opts);
  args.data = &co;
  GOptionContext *ctx = tool_context_new(&args, "[TEMPLATE...]",
      "Classify each agreement to its nearest template (default: american european), with\n"
      "the margin (distance to the second nearest minus distance to the nearest); agreements\n"
      "with a margin below M are 'in between'. 'categories' is how many categories the\n"
      "distance to the nearest template rests on; with fewer than N the class is 'too few\n"
      "categories' (docs/charts.md, minimum overlap).",
      spec_help, entries);
  int status = tool_parse(ctx, &args, &argc, &argv, 0);
  g_option_context_free(ctx);
  g_free(margin_help);
  g_free(min_help);
  tr_filter *filter = NULL;
  tr_analysis_options *aopts = NULL;
  tool_progress progress = { .stage = "classify" };
  if (status == TOOL_CONTINUE &&
      (tool_args_filter(&args, FALSE, &filter) || tool_analysis_options(&args, filter, &progress, &aopts)))
    status = 1;
  tr_filter_free(filter);
  tool_args_clear(&args);
  if (status != TOOL_CONTINUE)
    return status;
  status = 0;
  double margin = co.margin;
  int min_categories = co.min_categories;
  GPtrArray *specs = g_ptr_array_new();
  for (int i = 1; i < argc; i++)
    g_ptr_array_add(specs, argv[i]);
  if (specs->len == 0) {
    g_ptr_array_add(specs, "american");
    g_ptr_array_add(specs, "european");
  }
  if (specs->len < 2) {
    g_ptr_array_free(specs, TRUE);
    tr_analysis_options_free(aopts);
    return tool_fail_usage("classify: needs at least two templates");
  }
  tr_catalog *cat = NULL;
  GPtrArray *tmpls = g_ptr_array_new_with_free_func((GDestroyNotify)tr_template_free);
  tr_classification *cls = NULL;
  if ((status = load_catalog(opts, &cat)))
    goto out;
  for (guint k = 0; k < specs->len; k++) {
    tr_template *t = NULL;
    if ((status = resolve_spec(cat, g_ptr_array_index(specs, k), &t)))
      goto out;
    g_ptr_array_add(tmpls, t);
  }
  int crc = tr_classification_new_with_options(cat, (const tr_template *const *)tmpls->pdata, tmpls->len, margin,
                                               aopts, &cls);
  tool_progress_end(&progress);
  if (crc) {
    status = tool_fail_lib(NULL);
    goto out;
  }
  size_t nt = tmpls->len;
  gboolean machine = machine_format(opts);
  int ncol = 4 + (int)nt + 3 + (machine ? 2 : 0);
  const char **cols = g_new0(const char *, ncol);
  char *views = views_str(tmpls);
  char **dcols = g_new0(char *, nt + 1);
  cols[0] = "agreement";
  cols[1] = "family";
  cols[2] = "year";
  for (size_t k = 0; k < nt; k++) {
    dcols[k] = g_strdup_printf("d(%s)", tr_template_get_name(g_ptr_array_index(tmpls, k)));
    cols[3 + k] = dcols[k];
  }
  cols[3 + nt] = "nearest";
  cols[4 + nt] = "margin";
  cols[5 + nt] = "class";
  cols[6 + nt] = "categories";
  if (machine) {
    cols[7 + nt] = "templates"; /* which members and view each template used */
    cols[8 + nt] = "member_of";  /* the templates the agreement is a member of (CSV/JSON; the table says "(member)") */
  }
  tool_table *t = tool_table_new(cols, ncol);
  tool_table_set_numeric(t, 2, TRUE);
  if (machine) {
    tool_table_set_list(t, 7 + (int)nt, " | ");
    tool_table_set_list(t, 8 + (int)nt, " ");
  }
  for (size_t k = 0; k < nt; k++)
    tool_table_set_numeric(t, 3 + (int)k, TRUE);
  tool_table_set_numeric(t, 4 + (int)nt, TRUE);
  tool_table_set_numeric(t, 6 + (int)nt, TRUE);
  for (size_t i = 0; i < tr_classification_count(cls); i++) {
    const char *id = tr_classification_agreement_at(cls, i);
    const tr_agreement *ag = tr_catalog_find_agreement(cat, id);
    char **vals = g_new0(char *, ncol + 1);
    vals[0] = g_strdup(id);
    vals[1] = g_strdup(tr_family_id(tr_agreement_get_family(ag)));
    vals[2] = tr_agreement_get_year(ag) ? g_strdup_printf("%d", tr_agreement_get_year(ag)) : g_strdup("");
    int nearest = tr_classification_nearest_at(cls, i);
    GString *member_of = g_string_new(NULL);
    for (size_t k = 0; k < nt; k++) {
      char *d = fmt_double(tr_classification_distance_at(cls, i, k), 3);
      gboolean member = tr_classification_is_member_at(cls, i, k);
      vals[3 + k] = member && !machine ? g_strconcat(d, " (member)", NULL) : g_strdup(d);
      if (member)
        g_string_append_printf(member_of, "%s%s", member_of->len ? " " : "",
                               tr_template_get_name(g_ptr_array_index(tmpls, k)));
      g_free(d);
    }
    vals[3 + nt] = g_strdup(nearest >= 0 ? tr_template_get_name(g_ptr_array_index(tmpls, nearest)) : "");
    vals[4 + nt] = fmt_double(tr_classification_margin_at(cls, i), 3);
    tr_class klass = tr_classification_class_at(cls, i, (size_t)min_categories);
    vals[5 + nt] = g_strdup(tr_class_title(klass));
    vals[6 + nt] = g_strdup_printf("%zu", nearest >= 0 ? tr_classification_comparable_at(cls, i, (size_t)nearest) : 0);
    if (machine) {
      vals[7 + nt] = g_strdup(views);
      vals[8 + nt] = g_strdup(member_of->str);
    }
    g_string_free(member_of, TRUE);
    tool_table_add_row(t, (const char *const *)vals);
    if (nearest >= 0)
      tool_table_mark(t, (int)i, 3 + nearest);
    if (klass != TR_CLASS_CLASSIFIED)
      tool_table_mark(t, (int)i, 5 + (int)nt);
    g_strfreev(vals);
  }
  print_views(tmpls, opts);
  if (!machine)
    printf("\n");
  tool_table_print(t, stdout, opts);
  tool_table_free(t);
  g_free(cols);
  g_free(views);
  g_strfreev(dcols);
out:
  tr_classification_free(cls);
  g_ptr_array_free(tmpls, TRUE);
  g_ptr_array_free(specs, TRUE);
  tr_analysis_options_free(aopts);
  tr_catalog_free(cat);
  return status;
}

/* ---- matrix ------------------------------------------------------------- */

int tool_cmd_matrix(int argc, char **argv, tool_options *opts) {
  GOptionEntry entries[] = {
    tool_entry_family, tool_entry_party, tool_entry_years, tool_entry_threads,
    { NULL, 0, 0, 0, NULL, NULL, NULL },
  };
  tool_args args;
  tool_args_init(&args, "matrix", opts);
  GOptionContext *ctx = tool_context_new(&args, "",
      "Distance between every pair of agreements (0 = same positions, 1 = opposite;\n"
      "empty when nothing is comparable). Formula: docs/compare.md.", NULL, entries);
  int status = tool_parse(ctx, &args, &argc, &argv, 0);
  tr_filter *filter = NULL;
  tr_analysis_options *aopts = NULL;
  tool_progress progress = { .stage = "matrix" };
  g_option_context_free(ctx);
  if (status == TOOL_CONTINUE && argc > 1)
    status = tool_fail_usage("matrix: unexpected argument '%s'", argv[1]);
  if (status == TOOL_CONTINUE &&
      (tool_args_filter(&args, FALSE, &filter) || tool_analysis_options(&args, filter, &progress, &aopts)))
    status = 1;
  tr_filter_free(filter);
  tool_args_clear(&args);
  if (status != TOOL_CONTINUE)
    return status;
  tr_catalog *cat = NULL;
  tr_matrix *m = NULL;
  if ((status = load_catalog(opts, &cat)))
    goto out;
  int mrc = tr_matrix_new_with_options(cat, aopts, &m);
  tool_progress_end(&progress);
  if (mrc) {
    status = tool_fail_lib(NULL);
    goto out;
  }
  size_t n = tr_matrix_size(m);
  const char **cols = g_new0(const char *, n + 1);
  cols[0] = "agreement";
  for (size_t j = 0; j < n; j++)
    cols[j + 1] = tr_matrix_id_at(m, j);
  tool_table *t = tool_table_new(cols, (int)n + 1);
  for (size_t j = 0; j < n; j++)
    tool_table_set_numeric(t, (int)j + 1, TRUE);
  for (size_t i = 0; i < n; i++) {
    char **vals = g_new0(char *, n + 2);
    vals[0] = g_strdup(tr_matrix_id_at(m, i));
    double best = INFINITY;
    size_t bj = 0;
    for (size_t j = 0; j < n; j++) {
      double d = tr_matrix_distance(m, i, j);
      vals[j + 1] = fmt_double(d, 2);
      if (j != i && !isnan(d) && d < best) {
        best = d;
        bj = j;
      }
    }
    tool_table_add_row(t, (const char *const *)vals);
    if (isfinite(best))
      tool_table_mark(t, (int)i, (int)bj + 1); /* nearest neighbour */
    g_strfreev(vals);
  }
  tool_table_print(t, stdout, opts);
  tool_table_free(t);
  g_free(cols);
out:
  tr_matrix_free(m);
  tr_analysis_options_free(aopts);
  tr_catalog_free(cat);
  return status;
}

/* ---- coverage ----------------------------------------------------------- */

int tool_cmd_coverage(int argc, char **argv, tool_options *opts) {
  char *profile = NULL;
  GOptionEntry entries[] = {
    { "profile", 0, 0, G_OPTION_ARG_FILENAME, &profile,
      "Barriers from a barrier profile file (format in docs/compare.md) instead of the catalog's", "FILE" },
    { NULL, 0, 0, 0, NULL, NULL, NULL },
  };
  tool_args args;
  tool_args_init(&args, "coverage", opts);
  GOptionContext *ctx = tool_context_new(&args, "SUBJECT",
      "Which barriers SUBJECT disciplines with hard commitments, only softly, or not at\n"
      "all, with the provisions that do it. Barriers: the catalog's, or a barrier\n"
      "profile file (format in docs/compare.md).", spec_help, entries);
  int status = tool_parse(ctx, &args, &argc, &argv, 0);
  g_option_context_free(ctx);
  tool_args_clear(&args);
  if (status == TOOL_CONTINUE && argc > 2)
    status = tool_fail_usage("coverage: takes one SUBJECT");
  if (status == TOOL_CONTINUE && argc < 2)
    status = tool_fail_usage("coverage: needs a SUBJECT, e.g. 'traderules coverage american'");
  if (status == TOOL_CONTINUE && profile && !*profile)
    status = tool_fail_usage("coverage: --profile needs a FILE, not an empty name");
  if (status != TOOL_CONTINUE) {
    g_free(profile);
    return status;
  }
  const char *subject = argv[1];
  tr_catalog *cat = NULL;
  tr_template *tp = NULL;
  tr_barrier_set *set = NULL;
  tr_coverage *cov = NULL;
  if ((status = load_catalog(opts, &cat)) || (status = resolve_spec(cat, subject, &tp)))
    goto out;
  if (profile) {
    if (tr_barrier_set_new(&set) || tr_barrier_set_load_file(set, cat, profile)) {
      status = tool_fail_lib(NULL);
      goto out;
    }
  } else if (tr_barrier_set_new_from_catalog(cat, &set)) {
    status = tool_fail_lib(NULL);
    goto out;
  }
  if (tr_coverage_new(tp, set, &cov)) {
    status = tool_fail_lib(NULL);
    goto out;
  }
  /* "binding": how many of the categories that discipline the barrier the subject
   * holds hard or mixed; broad barriers are often reached by one commitment only. */
  gboolean machine = machine_format(opts);
  GPtrArray *one = g_ptr_array_new();
  g_ptr_array_add(one, tp);
  char *views = views_str(one);
  const char *cols[] = { "barrier", "type", "name", "coverage", "binding", "disciplined by", "citations", "note",
                         "subject" /* which members and view the subject used */ };
  tool_table *t = tool_table_new(cols, machine ? 9 : 8);
  tool_table_set_list(t, 5, "; ");
  tool_table_set_list(t, 6, " | ");
  for (size_t i = 0; i < tr_coverage_count(cov); i++) {
    const tr_barrier *b = tr_coverage_barrier_at(cov, i);
    tr_coverage_level lv = tr_coverage_level_at(cov, i);
    GString *by = g_string_new(NULL), *cites = g_string_new(NULL);
    for (size_t k = 0; k < tr_coverage_provision_count(cov, i); k++) {
      tr_category c = tr_coverage_provision_at(cov, i, k);
      tr_strength s = tr_template_get_strength(tp, c);
      if (!tr_coverage_provision_decides(cov, i, k))
        continue; /* show what makes the level */
      g_string_append_printf(by, "%s%s %s", by->len ? "; " : "", tr_category_id(c), strength_str(s));
      char *ci = citations(tp, c);
      if (*ci)
        g_string_append_printf(cites, "%s%s: %s", cites->len ? " | " : "", tr_category_id(c), ci);
      g_free(ci);
    }
    size_t listed = tr_barrier_category_count(b), binding = tr_coverage_binding_count(cov, i);
    char *share = g_strdup_printf("%zu of %zu", binding, listed);
    const char *vals[] = { tr_barrier_get_id(b), tr_barrier_type_id(tr_barrier_get_type(b)), tr_barrier_get_name(b),
                           tr_coverage_level_id(lv), share, by->str, cites->str, tr_barrier_set_note_at(set, i),
                           views };
    tool_table_add_row(t, vals);
    if (lv != TR_COVERAGE_HARD)
      tool_table_mark(t, (int)i, 3);
    g_string_free(by, TRUE);
    g_string_free(cites, TRUE);
    g_free(share);
  }
  if (opts->format == TOOL_FORMAT_TABLE) {
    char *head = g_strdup_printf("Barrier coverage of %s%s%s\n", tr_template_get_name(tp),
                                 tr_barrier_set_get_name(set) ? ": " : "",
                                 tr_barrier_set_get_name(set) ? tr_barrier_set_get_name(set) : "");
    tool_print_text(stdout, opts, head);
    g_free(head);
  }
  print_views(one, opts);
  if (!machine)
    printf("\n");
  g_ptr_array_free(one, TRUE);
  g_free(views);
  tool_table_print(t, stdout, opts);
  tool_table_free(t);
  if (opts->format == TOOL_FORMAT_TABLE)
    tool_printf_text(opts, "\nhard %zu, soft only %zu, not disciplined %zu, unknown %zu (of %zu barriers)\n",
           tr_coverage_level_count(cov, TR_COVERAGE_HARD), tr_coverage_level_count(cov, TR_COVERAGE_SOFT),
           tr_coverage_level_count(cov, TR_COVERAGE_NONE), tr_coverage_level_count(cov, TR_COVERAGE_UNKNOWN),
           tr_coverage_count(cov));
out:
  tr_coverage_free(cov);
  tr_barrier_set_free(set);
  tr_template_free(tp);
  tr_catalog_free(cat);
  g_free(profile);
  return status;
}

/* ---- common-ground ------------------------------------------------------ */

int tool_cmd_common_ground(int argc, char **argv, tool_options *opts) {
  tool_args args;
  tool_args_init(&args, "common-ground", opts);
  GOptionContext *ctx = tool_context_new(&args, "[A B ...]",
      "For a set of templates or agreements (default: american european), the categories\n"
      "where they converge (candidates for a WTO rule), where they diverge (red lines),\n"
      "and the WTO avenue the seed paper names for each (ITA expansion, TRIPS upgrade,\n"
      "a data-flow mechanism, GATS interpretation).", spec_help, NULL);
  int status = tool_parse(ctx, &args, &argc, &argv, 0);
  g_option_context_free(ctx);
  tool_args_clear(&args);
  if (status != TOOL_CONTINUE)
    return status;
  GPtrArray *specs = g_ptr_array_new();
  for (int i = 1; i < argc; i++)
    g_ptr_array_add(specs, argv[i]);
  if (specs->len == 0) {
    g_ptr_array_add(specs, "american");
    g_ptr_array_add(specs, "european");
  }
  tr_catalog *cat = NULL;
  GPtrArray *tmpls = g_ptr_array_new_with_free_func((GDestroyNotify)tr_template_free);
  tr_common_ground *cg = NULL;
  if ((status = load_catalog(opts, &cat)))
    goto out;
  for (guint k = 0; k < specs->len; k++) {
    tr_template *t = NULL;
    if ((status = resolve_spec(cat, g_ptr_array_index(specs, k), &t)))
      goto out;
    g_ptr_array_add(tmpls, t);
  }
  if (tr_common_ground_new((const tr_template *const *)tmpls->pdata, tmpls->len, &cg)) {
    status = tool_fail_lib(NULL);
    goto out;
  }
  size_t np = tmpls->len;
  gboolean machine = machine_format(opts);
  int ncol = (int)np + 6 + (machine ? 2 : 0);
  const char **cols = g_new0(const char *, ncol);
  char *views = views_str(tmpls);
  cols[0] = "category";
  for (size_t k = 0; k < np; k++)
    cols[1 + k] = tr_template_get_name(g_ptr_array_index(tmpls, k));
  cols[1 + np] = "ground";
  cols[2 + np] = "floor";
  cols[3 + np] = "carve-outs differ in";
  cols[4 + np] = "WTO avenue";
  cols[5 + np] = "citations (strongest side)";
  if (machine) {
    cols[6 + np] = "templates"; /* which members and view each party used */
    cols[7 + np] = "carve-out detail";
  }
  tool_table *t = tool_table_new(cols, ncol);
  tool_table_set_key(t, 3 + (int)np, "carveouts");
  tool_table_set_key(t, 4 + (int)np, "wto_avenue");
  tool_table_set_key(t, 5 + (int)np, "citations");
  tool_table_set_list(t, 3 + (int)np, ", ");
  tool_table_set_list(t, 5 + (int)np, " | ");
  if (machine)
    tool_table_set_list(t, 6 + (int)np, " | ");
  static const tr_ground order[] = { TR_GROUND_CONVERGE, TR_GROUND_DIVERGE, TR_GROUND_PARTIAL,
                                     TR_GROUND_UNKNOWN, TR_GROUND_ABSENT };
  int row = 0;
  for (size_t o = 0; o < G_N_ELEMENTS(order); o++)
    for (int c = 1; c <= tr_category_count(); c++) {
      tr_ground g = tr_common_ground_get(cg, (tr_category)c);
      if (g != order[o])
        continue;
      char **vals = g_new0(char *, ncol + 1);
      vals[0] = g_strdup(tr_category_id((tr_category)c));
      tr_strength ceil = tr_common_ground_ceiling(cg, (tr_category)c);
      GString *cites = g_string_new(NULL);
      for (size_t k = 0; k < np; k++) {
        const tr_template *tp = g_ptr_array_index(tmpls, k);
        tr_strength s = tr_template_get_strength(tp, (tr_category)c);
        char *e = exceptions_str(tr_template_get_exceptions(tp, (tr_category)c));
        vals[1 + k] = *e ? g_strdup_printf("%s [%s]", strength_str(s), e) : g_strdup(strength_str(s));
        g_free(e);
        if (s == ceil && s > TR_STRENGTH_NONE) {
          char *ci = citations(tp, (tr_category)c);
          if (*ci)
            g_string_append_printf(cites, "%s%s: %s", cites->len ? " | " : "", tr_template_get_name(tp), ci);
          g_free(ci);
        }
      }
      vals[1 + np] = g_strdup(tr_ground_id(g));
      vals[2 + np] = g_strdup(strength_str(tr_common_ground_floor(cg, (tr_category)c)));
      unsigned int asp = tr_common_ground_carveout_aspects(cg, (tr_category)c);
      vals[3 + np] = aspects_str(asp);
      vals[4 + np] = g_strdup(tr_wto_avenue_id(tr_category_wto_avenue((tr_category)c)));
      vals[5 + np] = g_string_free(cites, FALSE);
      if (machine) {
        char *detail = NULL;
        vals[6 + np] = g_strdup(views);
        vals[7 + np] = tr_common_ground_describe_carveouts(cg, (tr_category)c, &detail) ? g_strdup("") : g_strdup(detail);
        tr_free(detail);
      }
      tool_table_add_row(t, (const char *const *)vals);
      if (g == TR_GROUND_DIVERGE || g == TR_GROUND_CONVERGE)
        tool_table_mark(t, row, 1 + (int)np);
      if (asp & ~(unsigned int)TR_CARVEOUT_SCOPE_UNKNOWN)
        tool_table_mark(t, row, 3 + (int)np);
      row++;
      g_strfreev(vals);
    }
  print_views(tmpls, opts);
  if (!machine)
    printf("\n");
  tool_table_print(t, stdout, opts);
  tool_table_free(t);
  g_free(cols);
  g_free(views);
  if (opts->format == TOOL_FORMAT_TABLE)
    tool_printf_text(opts, "\nconverge %zu (WTO rule candidates), diverge %zu (red lines), partial %zu, unknown %zu, absent %zu\n",
           tr_common_ground_count(cg, TR_GROUND_CONVERGE), tr_common_ground_count(cg, TR_GROUND_DIVERGE),
           tr_common_ground_count(cg, TR_GROUND_PARTIAL), tr_common_ground_count(cg, TR_GROUND_UNKNOWN),
           tr_common_ground_count(cg, TR_GROUND_ABSENT));
out:
  tr_common_ground_free(cg);
  g_ptr_array_free(tmpls, TRUE);
  g_ptr_array_free(specs, TRUE);
  tr_catalog_free(cat);
  return status;
}

/* ---- timeline ------------------------------------------------------------ */

int tool_cmd_timeline(int argc, char **argv, tool_options *opts) {
  GOptionEntry entries[] = {
    tool_entry_family, tool_entry_party, tool_entry_years, tool_entry_threads,
    { NULL, 0, 0, 0, NULL, NULL, NULL },
  };
  tool_args args;
  tool_args_init(&args, "timeline", opts);
  GOptionContext *ctx = tool_context_new(&args, "",
      "For each category: the first year (and agreement) with any provision and with a\n"
      "hard one, and how adoption spread: cumulative agreements with a provision / with a\n"
      "hard one at each signature year where the count changes.", NULL, entries);
  int status = tool_parse(ctx, &args, &argc, &argv, 0);
  tr_filter *filter = NULL;
  tr_analysis_options *aopts = NULL;
  tool_progress progress = { .stage = "timeline" };
  g_option_context_free(ctx);
  if (status == TOOL_CONTINUE && argc > 1)
    status = tool_fail_usage("timeline: unexpected argument '%s'", argv[1]);
  if (status == TOOL_CONTINUE &&
      (tool_args_filter(&args, FALSE, &filter) || tool_analysis_options(&args, filter, &progress, &aopts)))
    status = 1;
  tr_filter_free(filter);
  tool_args_clear(&args);
  if (status != TOOL_CONTINUE)
    return status;
  tr_catalog *cat = NULL;
  tr_timeline *tl = NULL;
  if ((status = load_catalog(opts, &cat)))
    goto out;
  int trc = tr_timeline_new_with_options(cat, aopts, &tl);
  tool_progress_end(&progress);
  if (trc) {
    status = tool_fail_lib(NULL);
    goto out;
  }
  int y0 = tr_timeline_first_year(tl), y1 = tr_timeline_last_year(tl);
  const char *cols[] = { "category", "first", "first agreement", "first hard", "first hard agreement",
                         "with provision", "hard", "coded", "spread (year: provision/hard)" };
  tool_table *t = tool_table_new(cols, 9);
  for (int col = 5; col <= 7; col++)
    tool_table_set_numeric(t, col, TRUE);
  tool_table_set_numeric(t, 1, TRUE);
  tool_table_set_numeric(t, 3, TRUE);
  tool_table_set_key(t, 8, "spread");
  tool_table_set_list(t, 8, ", ");
  for (int c = 1; c <= tr_category_count(); c++) {
    const char *ida = NULL, *idh = NULL;
    int fa = tr_timeline_first(tl, (tr_category)c, TR_STRENGTH_SOFT, &ida);
    int fh = tr_timeline_first(tl, (tr_category)c, TR_STRENGTH_HARD, &idh);
    char *sfa = fa ? g_strdup_printf("%d", fa) : g_strdup("");
    char *sfh = fh ? g_strdup_printf("%d", fh) : g_strdup("");
    char *na = g_strdup_printf("%zu", tr_timeline_count(tl, (tr_category)c, y1, TR_STRENGTH_SOFT));
    char *nh = g_strdup_printf("%zu", tr_timeline_count(tl, (tr_category)c, y1, TR_STRENGTH_HARD));
    char *nc = g_strdup_printf("%zu", tr_timeline_count(tl, (tr_category)c, y1, TR_STRENGTH_NONE));
    GString *spread = g_string_new(NULL);
    /* the library's change points: each year where the cumulative counts change */
    for (size_t k = 0; k < tr_timeline_change_count(tl, (tr_category)c); k++) {
      size_t ca = 0, ch = 0;
      int y = tr_timeline_change_at(tl, (tr_category)c, k, &ca, &ch);
      g_string_append_printf(spread, "%s%d: %zu/%zu", spread->len ? ", " : "", y, ca, ch);
    }
    const char *vals[] = { tr_category_id((tr_category)c), sfa, ida, sfh, idh, na, nh, nc, spread->str };
    tool_table_add_row(t, vals);
    g_free(sfa); g_free(sfh); g_free(na); g_free(nh); g_free(nc);
    g_string_free(spread, TRUE);
  }
  if (opts->format == TOOL_FORMAT_TABLE)
    tool_printf_text(opts, "Timeline of %zu dated agreements, %d-%d (%zu undated left out)\n\n", tr_timeline_dated_count(tl), y0, y1,
           tr_timeline_undated_count(tl));
  tool_table_print(t, stdout, opts);
  tool_table_free(t);
out:
  tr_timeline_free(tl);
  tr_analysis_options_free(aopts);
  tr_catalog_free(cat);
  return status;
}
