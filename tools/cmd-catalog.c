/*
 * traderules command - catalog subcommands: list, show, barriers, indicators, categories;
 * and tool_load_catalog(). Uses only the public API + GLib.
 * SPDX-License-Identifier: MIT
 */
#include "tool.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

int tool_load_catalog(const tool_options *opts, tr_catalog **out) {
  tr_catalog *c = NULL;
  int rc = opts->no_default ? tr_catalog_new(&c) : tr_catalog_new_default(&c);
  if (rc)
    return tool_fail_lib("cannot load the embedded catalog");
  /* Every --catalog FILE, in order: JSON, or the long CSV of 'traderules export'
   * when FILE ends in .csv; "-" is standard input (CSV unless it starts with '{'). */
  for (int i = 0; opts->catalog_paths && opts->catalog_paths[i]; i++) {
    const char *path = opts->catalog_paths[i];
    gboolean csv = g_str_has_suffix(path, ".csv") || g_str_has_suffix(path, ".CSV");
    int st;
    if (strcmp(path, "-") == 0) {
      size_t len = 0;
      char *data = tool_read_input(path, &len);
      const char *p = data;
      if (!data) {
        tr_catalog_free(c);
        return 1;
      }
      while (p && g_ascii_isspace(*p))
        p++;
      st = *p == '{' ? tr_catalog_load_data(c, data, len, "<stdin>")
                     : tr_csv_read(c, data, len, "<stdin>");
      tr_free(data);
    } else {
      st = csv ? tr_csv_read_file(c, path) : tr_catalog_load_file(c, path);
    }
    if (st != TR_OK) {
      tr_catalog_free(c);
      return tool_fail_lib("cannot load catalog");
    }
  }
  *out = c;
  return 0;
}

/* ---- small helpers ---- */

/* Join the ids of the bits set in @bits. */
static char *join_bits(unsigned int bits, int count, const char *(*id)(unsigned int)) {
  GString *s = g_string_new(NULL);
  for (int i = 0; i < count; i++)
    if (bits & (1u << i)) {
      if (s->len)
        g_string_append(s, ", ");
      g_string_append(s, id(1u << i));
    }
  return g_string_free(s, FALSE);
}

static const char *provision_flag_id_wrap(unsigned int f) {
  return tr_provision_flag_id(f);
}

static char *join_parties(const tr_agreement *a) {
  GString *s = g_string_new(NULL);
  for (size_t i = 0; i < tr_agreement_party_count(a); i++) {
    if (i)
      g_string_append_c(s, ' ');
    g_string_append(s, tr_agreement_party_at(a, i));
  }
  return g_string_free(s, FALSE);
}

/* Shortest text that reads back as @v. */
static char *format_double(double v) {
  char buf[G_ASCII_DTOSTR_BUF_SIZE];
  for (int prec = 15; prec <= 17; prec++) {
    char fmt[8];
    g_snprintf(fmt, sizeof fmt, "%%.%dg", prec);
    g_ascii_formatd(buf, sizeof buf, fmt, v);
    if (g_ascii_strtod(buf, NULL) == v)
      break;
  }
  return g_strdup(buf);
}

static void json_str(GString *out, const char *s) {
  if (!s) {
    g_string_append(out, "null");
    return;
  }
  g_string_append_c(out, '"');
  for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
    if (*p == '"' || *p == '\\')
      g_string_append_printf(out, "\\%c", *p);
    else if (*p == '\n')
      g_string_append(out, "\\n");
    else if (*p == '\t')
      g_string_append(out, "\\t");
    else if (*p < 0x20)
      g_string_append_printf(out, "\\u%04x", *p);
    else
      g_string_append_c(out, (char)*p);
  }
  g_string_append_c(out, '"');
}

/* In the terminal table, cut long free text so rows stay readable; other formats keep it all. */
static char *cell(const tool_options *opts, const char *s, glong max) {
  if (!s)
    return NULL;
  if (opts->format != TOOL_FORMAT_TABLE || g_utf8_strlen(s, -1) <= max)
    return g_strdup(s);
  char *cut = g_utf8_substring(s, 0, max - 1);
  char *r = g_strconcat(cut, "…", NULL);
  g_free(cut);
  return r;
}

/* ---- list ---- */

int tool_cmd_list(int argc, char **argv, tool_options *opts) {
  GOptionEntry entries[] = {
    tool_entry_party, tool_entry_family, tool_entry_kind, tool_entry_status, tool_entry_years,
    tool_entry_from, tool_entry_to, /* hidden: --from A --to B = --years A-B (kept for scripts) */
    { NULL, 0, 0, 0, NULL, NULL, NULL },
  };
  tool_args args;
  tool_args_init(&args, "list", opts);
  GOptionContext *ctx = tool_context_new(&args, "", "List the agreements of the catalog, optionally filtered.",
                                         NULL, entries);
  tr_catalog *cat = NULL;
  tr_filter *f = NULL;
  tr_agreement_list *list = NULL;
  tool_table *t = NULL;
  int rc = tool_parse(ctx, &args, &argc, &argv, 0);

  if (rc == TOOL_CONTINUE && argc > 1)
    rc = tool_fail_usage("list: unexpected argument '%s'", argv[1]);
  if (rc == TOOL_CONTINUE && tool_args_filter(&args, TRUE, &f))
    rc = 1;
  if (rc != TOOL_CONTINUE)
    goto out;
  if ((rc = tool_load_catalog(opts, &cat)))
    goto out;
  if (tr_catalog_select(cat, f, &list) != TR_OK) {
    rc = tool_fail_lib("list");
    goto out;
  }
  static const char *const cols[] = { "id", "name", "kind", "status", "family", "signed",
                                      "in_force", "parties", "provisions" };
  t = tool_table_new(cols, G_N_ELEMENTS(cols));
  tool_table_set_numeric(t, 8, TRUE);
  tool_table_set_list(t, 7, " ");
  for (size_t i = 0; i < tr_agreement_list_count(list); i++) {
    const tr_agreement *a = tr_agreement_list_at(list, i);
    char *all_parties = join_parties(a);
    char *parties = cell(opts, all_parties, 40);
    char *nprov = g_strdup_printf("%zu", tr_agreement_provision_count(a));
    char *name = cell(opts, tr_agreement_get_name(a), 60);
    g_free(all_parties);
    const char *row[] = {
      tr_agreement_get_id(a), name, tr_kind_id(tr_agreement_get_kind(a)),
      tr_agreement_status_id(tr_agreement_get_status(a)), tr_family_id(tr_agreement_get_family(a)),
      tr_agreement_get_date_signed(a), tr_agreement_get_date_in_force(a), parties, nprov,
    };
    tool_table_add_row(t, row);
    g_free(parties);
    g_free(nprov);
    g_free(name);
  }
  tool_table_print(t, stdout, opts);
  rc = 0;
out:
  tool_table_free(t);
  tr_agreement_list_free(list);
  tr_filter_free(f);
  tr_catalog_free(cat);
  g_option_context_free(ctx);
  tool_args_clear(&args);
  return rc;
}

/* ---- show ---- */

/* basis, draft, review, evidence, exception_scope of one provision as JSON members. */
static void json_evidence_members(GString *o, const tr_provision *p) {
  tr_strength draft;
  g_string_append(o, ", \"basis\": "); json_str(o, tr_basis_id(tr_provision_get_basis(p)));
  g_string_append(o, ", \"draft\": ");
  json_str(o, tr_provision_get_draft(p, &draft) ? tr_strength_id(draft) : NULL);
  g_string_append(o, ", \"review\": "); json_str(o, tr_review_id(tr_provision_get_review(p)));
  g_string_append(o, ", \"evidence\": [");
  for (size_t k = 0; k < tr_provision_evidence_count(p); k++) {
    const tr_cell_evidence *e = tr_provision_evidence_at(p, k);
    if (tr_cell_evidence_get_document(e)) /* a text outside ToTA: no ToTA ids */
      g_string_append_printf(o, "%s{\"tota_id\": null, \"article_id\": null, \"article\": ",
                             k ? ", " : "");
    else
      g_string_append_printf(o, "%s{\"tota_id\": %d, \"article_id\": %d, \"article\": ",
                             k ? ", " : "", tr_cell_evidence_get_tota_id(e),
                             tr_cell_evidence_get_article_id(e));
    json_str(o, tr_cell_evidence_get_article(e));
    g_string_append(o, ", \"paragraph\": "); json_str(o, tr_cell_evidence_get_paragraph(e));
    g_string_append(o, ", \"span\": "); json_str(o, tr_cell_evidence_get_span(e));
    g_string_append(o, ", \"document\": "); json_str(o, tr_cell_evidence_get_document(e));
    g_string_append(o, ", \"url\": "); json_str(o, tr_cell_evidence_get_url(e));
    g_string_append_c(o, '}');
  }
  g_string_append(o, "], \"exception_scope\": ");
  const tr_exception_scope *sc = tr_provision_get_exception_scope(p);
  if (!sc) {
    g_string_append(o, "null");
    return;
  }
  g_string_append(o, "{\"breadth\": ");
  json_str(o, tr_scope_breadth_id(tr_exception_scope_get_breadth(sc)));
  g_string_append(o, ", \"form\": "); json_str(o, tr_scope_form_id(tr_exception_scope_get_form(sc)));
  g_string_append(o, ", \"incorporates\": [");
  for (size_t k = 0; k < tr_exception_scope_incorporates_count(sc); k++) {
    if (k) g_string_append(o, ", ");
    json_str(o, tr_exception_scope_incorporates_at(sc, k));
  }
  g_string_append_printf(o, "], \"self_judging\": %s, \"chapters\": [",
                         tr_exception_scope_get_self_judging(sc) ? "true" : "false");
  for (size_t k = 0; k < tr_exception_scope_chapter_count(sc); k++) {
    if (k) g_string_append(o, ", ");
    json_str(o, tr_exception_scope_chapter_at(sc, k));
  }
  g_string_append(o, "]}");
}

static void show_json(const tr_agreement *a, gboolean evidence) {
  GString *o = g_string_new("{\n  \"agreement\": {");
  char *s;
  g_string_append(o, "\"id\": "); json_str(o, tr_agreement_get_id(a));
  g_string_append(o, ", \"name\": "); json_str(o, tr_agreement_get_name(a));
  g_string_append(o, ", \"kind\": "); json_str(o, tr_kind_id(tr_agreement_get_kind(a)));
  g_string_append(o, ", \"status\": "); json_str(o, tr_agreement_status_id(tr_agreement_get_status(a)));
  g_string_append(o, ", \"family\": "); json_str(o, tr_family_id(tr_agreement_get_family(a)));
  g_string_append(o, ", \"parties\": [");
  for (size_t i = 0; i < tr_agreement_party_count(a); i++) {
    if (i) g_string_append(o, ", ");
    json_str(o, tr_agreement_party_at(a, i));
  }
  g_string_append(o, "], \"date_signed\": "); json_str(o, tr_agreement_get_date_signed(a));
  g_string_append(o, ", \"date_in_force\": "); json_str(o, tr_agreement_get_date_in_force(a));
  g_string_append(o, ", \"based_on\": "); json_str(o, tr_agreement_get_based_on(a));
  if (tr_agreement_get_tota_id(a))
    g_string_append_printf(o, ", \"tota_id\": %d", tr_agreement_get_tota_id(a));
  else
    g_string_append(o, ", \"tota_id\": null");
  if (tr_agreement_get_wto_rta_id(a))
    g_string_append_printf(o, ", \"wto_rta_id\": %d", tr_agreement_get_wto_rta_id(a));
  else
    g_string_append(o, ", \"wto_rta_id\": null");
  g_string_append(o, ", \"sources\": [");
  for (size_t i = 0; i < tr_agreement_source_count(a); i++) {
    if (i) g_string_append(o, ", ");
    json_str(o, tr_agreement_source_at(a, i));
  }
  g_string_append(o, "], \"note\": "); json_str(o, tr_agreement_get_note(a));
  g_string_append(o, "},\n  \"provisions\": [");
  for (size_t i = 0; i < tr_agreement_provision_count(a); i++) {
    const tr_provision *p = tr_agreement_provision_at(a, i);
    g_string_append(o, i ? ",\n    {" : "\n    {");
    g_string_append(o, "\"category\": "); json_str(o, tr_category_id(tr_provision_get_category(p)));
    g_string_append(o, ", \"strength\": "); json_str(o, tr_strength_id(tr_provision_get_strength(p)));
    g_string_append(o, ", \"citation\": "); json_str(o, tr_provision_get_citation(p));
    g_string_append(o, ", \"title\": "); json_str(o, tr_provision_get_title(p));
    g_string_append(o, ", \"summary\": "); json_str(o, tr_provision_get_summary(p));
    g_string_append(o, ", \"exceptions\": [");
    for (int b = 0, n = 0; b < tr_exception_count(); b++)
      if (tr_provision_get_exceptions(p) & (1u << b)) {
        if (n++) g_string_append(o, ", ");
        json_str(o, tr_exception_id(1u << b));
      }
    g_string_append(o, "], \"dispute_settlement\": ");
    json_str(o, tr_dispute_settlement_id(tr_provision_get_dispute_settlement(p)));
    g_string_append(o, ", \"flags\": [");
    for (int b = 0, n = 0; b < 32; b++)
      if ((tr_provision_get_flags(p) & (1u << b)) && (s = (char *)tr_provision_flag_id(1u << b))) {
        if (n++) g_string_append(o, ", ");
        json_str(o, s);
      }
    g_string_append(o, "], \"source\": "); json_str(o, tr_provision_get_source(p));
    g_string_append(o, ", \"note\": "); json_str(o, tr_provision_get_note(p));
    if (evidence)
      json_evidence_members(o, p);
    g_string_append_c(o, '}');
  }
  g_string_append(o, tr_agreement_provision_count(a) ? "\n  ]\n}\n" : "]\n}\n");
  fputs(o->str, stdout);
  g_string_free(o, TRUE);
}

/* One row per evidence record (a cell without evidence: one row, evidence columns empty). */
static void show_evidence_table(tool_table *t, const tr_agreement *a, const tool_options *opts) {
  for (size_t i = 0; i < tr_agreement_provision_count(a); i++) {
    const tr_provision *p = tr_agreement_provision_at(a, i);
    tr_strength d;
    const char *draft = tr_provision_get_draft(p, &d) ? tr_strength_id(d) : NULL;
    const tr_exception_scope *sc = tr_provision_get_exception_scope(p);
    char *scope = NULL;
    if (sc) {
      GString *g = g_string_new(NULL);
      g_string_append_printf(g, "%s, %s%s", tr_scope_breadth_id(tr_exception_scope_get_breadth(sc)),
                             tr_scope_form_id(tr_exception_scope_get_form(sc)),
                             tr_exception_scope_get_self_judging(sc) ? ", self-judging" : "");
      for (size_t k = 0; k < tr_exception_scope_incorporates_count(sc); k++)
        g_string_append_printf(g, "%s%s", k ? "; " : " (", tr_exception_scope_incorporates_at(sc, k));
      if (tr_exception_scope_incorporates_count(sc))
        g_string_append_c(g, ')');
      for (size_t k = 0; k < tr_exception_scope_chapter_count(sc); k++)
        g_string_append_printf(g, "%s%s", k ? ", " : " over ", tr_exception_scope_chapter_at(sc, k));
      scope = g_string_free(g, FALSE);
    }
    size_t n = tr_provision_evidence_count(p);
    for (size_t k = 0; k < (n ? n : 1); k++) {
      const tr_cell_evidence *e = n ? tr_provision_evidence_at(p, k) : NULL;
      const char *doc = e ? tr_cell_evidence_get_document(e) : NULL;
      char *tota = e && !doc ? g_strdup_printf("pta_%d", tr_cell_evidence_get_tota_id(e)) : NULL;
      char *art_id = e && !doc ? g_strdup_printf("%d", tr_cell_evidence_get_article_id(e)) : NULL;
      char *span = e ? cell(opts, tr_cell_evidence_get_span(e), 400) : NULL;
      const char *row[] = {
        tr_category_id(tr_provision_get_category(p)), tr_strength_id(tr_provision_get_strength(p)),
        tr_basis_id(tr_provision_get_basis(p)), draft, tr_review_id(tr_provision_get_review(p)),
        tr_provision_get_citation(p), tota, art_id, e ? tr_cell_evidence_get_article(e) : NULL,
        e ? tr_cell_evidence_get_paragraph(e) : NULL, span, k == 0 ? scope : NULL,
        k == 0 ? tr_provision_get_source(p) : NULL, doc, e ? tr_cell_evidence_get_url(e) : NULL,
      };
      tool_table_add_row(t, row);
      g_free(tota);
      g_free(art_id);
      g_free(span);
    }
    g_free(scope);
  }
}

int tool_cmd_show(int argc, char **argv, tool_options *opts) {
  gboolean evidence = FALSE;
  GOptionEntry entries[] = {
    { "evidence", 0, 0, G_OPTION_ARG_NONE, &evidence,
      "Show how each cell was obtained: basis, coder draft, review, citation, ToTA id, article "
      "id, article, paragraph, the verbatim span, and the exception scope", NULL },
    { NULL, 0, 0, 0, NULL, NULL, NULL },
  };
  tool_args args;
  tool_args_init(&args, "show", opts);
  GOptionContext *ctx = tool_context_new(&args, "ID",
      "Show one agreement: its metadata and its provisions with legal strength, citation,\n"
      "exceptions, dispute settlement, flags and source. With --format csv only the\n"
      "provisions are printed. With --evidence, one row per piece of evidence instead.", NULL, entries);
  tr_catalog *cat = NULL;
  tool_table *meta = NULL, *prov = NULL;
  int rc = tool_parse(ctx, &args, &argc, &argv, 0);
  const tr_agreement *a;

  if (rc != TOOL_CONTINUE)
    goto out;
  if (argc != 2) {
    rc = tool_fail_usage("show: expected exactly one agreement ID");
    goto out;
  }
  if ((rc = tool_load_catalog(opts, &cat)))
    goto out;
  a = tr_catalog_find_agreement(cat, argv[1]);
  if (!a) {
    fprintf(stderr, "traderules: show: no agreement with id '%s' (see 'traderules list')\n", argv[1]);
    tool_hint_id(cat, argv[1], FALSE);
    rc = 1;
    goto out;
  }
  if (opts->format == TOOL_FORMAT_JSON) {
    show_json(a, evidence);
    rc = 0;
    goto out;
  }

  if (opts->format != TOOL_FORMAT_CSV) {
    static const char *const mcols[] = { "field", "value" };
    char *parties = join_parties(a);
    char *tota = tr_agreement_get_tota_id(a) ? g_strdup_printf("pta_%d", tr_agreement_get_tota_id(a)) : NULL;
    char *rta = tr_agreement_get_wto_rta_id(a) ? g_strdup_printf("%d", tr_agreement_get_wto_rta_id(a)) : NULL;
    GString *sources = g_string_new(NULL);
    for (size_t i = 0; i < tr_agreement_source_count(a); i++) {
      if (i) g_string_append(sources, "; ");
      g_string_append(sources, tr_agreement_source_at(a, i));
    }
    const char *rows[][2] = {
      { "id", tr_agreement_get_id(a) },
      { "name", tr_agreement_get_name(a) },
      { "kind", tr_kind_id(tr_agreement_get_kind(a)) },
      { "status", tr_agreement_status_id(tr_agreement_get_status(a)) },
      { "family", tr_family_id(tr_agreement_get_family(a)) },
      { "parties", parties },
      { "signed", tr_agreement_get_date_signed(a) },
      { "in_force", tr_agreement_get_date_in_force(a) },
      { "based_on", tr_agreement_get_based_on(a) },
      { "tota", tota },
      { "wto_rta_id", rta },
      { "sources", sources->str },
      { "note", tr_agreement_get_note(a) },
    };
    meta = tool_table_new(mcols, 2);
    for (size_t i = 0; i < G_N_ELEMENTS(rows); i++)
      if (rows[i][1] && *rows[i][1])
        tool_table_add_row(meta, rows[i]);
    tool_table_print(meta, stdout, opts);
    fputc('\n', stdout);
    g_free(parties);
    g_free(tota);
    g_free(rta);
    g_string_free(sources, TRUE);
  }

  if (evidence) {
    static const char *const ecols[] = { "category", "strength", "basis", "draft", "review",
                                         "citation", "tota", "article_id", "article", "paragraph",
                                         "span", "exception_scope", "source", "document", "url" };
    prov = tool_table_new(ecols, G_N_ELEMENTS(ecols));
    show_evidence_table(prov, a, opts);
    tool_table_print(prov, stdout, opts);
    rc = 0;
    goto out;
  }
  static const char *const pcols[] = { "category", "strength", "citation", "exceptions", "ds",
                                       "flags", "source" };
  prov = tool_table_new(pcols, G_N_ELEMENTS(pcols));
  for (size_t i = 0; i < tr_agreement_provision_count(a); i++) {
    const tr_provision *p = tr_agreement_provision_at(a, i);
    char *exc = join_bits(tr_provision_get_exceptions(p), tr_exception_count(), tr_exception_id);
    char *flags = join_bits(tr_provision_get_flags(p), 32, provision_flag_id_wrap);
    const char *row[] = {
      tr_category_id(tr_provision_get_category(p)), tr_strength_id(tr_provision_get_strength(p)),
      tr_provision_get_citation(p), exc, tr_dispute_settlement_id(tr_provision_get_dispute_settlement(p)),
      flags, tr_provision_get_source(p),
    };
    tool_table_add_row(prov, row);
    g_free(exc);
    g_free(flags);
  }
  tool_table_print(prov, stdout, opts);
  rc = 0;
out:
  tool_table_free(meta);
  tool_table_free(prov);
  tr_catalog_free(cat);
  g_option_context_free(ctx);
  tool_args_clear(&args);
  return rc;
}

/* ---- barriers ---- */

int tool_cmd_barriers(int argc, char **argv, tool_options *opts) {
  char *type = NULL;
  GOptionEntry entries[] = {
    { "type", 0, 0, G_OPTION_ARG_STRING, &type,
      "data_localisation, network_security_privacy, ip_weakness, content_censorship, market_access, investment", "TYPE" },
    { NULL, 0, 0, 0, NULL, NULL, NULL },
  };
  tool_args args;
  tool_args_init(&args, "barriers", opts);
  GOptionContext *ctx = tool_context_new(&args, "",
      "List the digital-trade barriers (six types with subtypes) and the provision categories\n"
      "that discipline each.", NULL, entries);
  tr_catalog *cat = NULL;
  tool_table *t = NULL;
  tr_barrier_type want = TR_BARRIER_UNKNOWN;
  int rc = tool_parse(ctx, &args, &argc, &argv, 0);

  if (rc != TOOL_CONTINUE)
    goto out;
  if (argc > 1) {
    rc = tool_fail_usage("barriers: unexpected argument '%s'", argv[1]);
    goto out;
  }
  if (type && tr_barrier_type_from_id(type, &want) != TR_OK) {
    rc = tool_fail_usage("barriers: --type: %s", tr_error_message());
    goto out;
  }
  if ((rc = tool_load_catalog(opts, &cat)))
    goto out;
  static const char *const cols[] = { "id", "type", "name", "disciplined_by", "source" };
  t = tool_table_new(cols, G_N_ELEMENTS(cols));
  tool_table_set_list(t, 3, " ");
  for (size_t i = 0; i < tr_catalog_barrier_count(cat); i++) {
    const tr_barrier *b = tr_catalog_barrier_at(cat, i);
    if (want && tr_barrier_get_type(b) != want)
      continue;
    GString *cats = g_string_new(NULL);
    for (size_t k = 0; k < tr_barrier_category_count(b); k++) {
      if (k) g_string_append_c(cats, ' ');
      g_string_append(cats, tr_category_id(tr_barrier_category_at(b, k)));
    }
    const char *row[] = { tr_barrier_get_id(b), tr_barrier_type_id(tr_barrier_get_type(b)),
                          tr_barrier_get_name(b), cats->str, tr_barrier_get_source(b) };
    tool_table_add_row(t, row);
    g_string_free(cats, TRUE);
  }
  tool_table_print(t, stdout, opts);
  rc = 0;
out:
  tool_table_free(t);
  tr_catalog_free(cat);
  g_option_context_free(ctx);
  tool_args_clear(&args);
  g_free(type);
  return rc;
}

/* ---- indicators ---- */

int tool_cmd_indicators(int argc, char **argv, tool_options *opts) {
  char *economy = NULL, *indicator = NULL, *year_s = NULL;
  GOptionEntry entries[] = {
    { "economy", 0, 0, G_OPTION_ARG_STRING, &economy, "Only this economy (e.g. USA, EU, WLD)", "CODE" },
    { "indicator", 0, 0, G_OPTION_ARG_STRING, &indicator, "Only this indicator id", "ID" },
    { "year", 0, 0, G_OPTION_ARG_STRING, &year_s, "Only this year", "YEAR" },
    { NULL, 0, 0, 0, NULL, NULL, NULL },
  };
  tool_args args;
  tool_args_init(&args, "indicators", opts);
  GOptionContext *ctx = tool_context_new(&args, "", "List the reference statistics (indicator records).", NULL, entries);
  tr_catalog *cat = NULL;
  tool_table *t = NULL;
  tr_indicator_list *sel = NULL;
  int year = 0;
  int rc = tool_parse(ctx, &args, &argc, &argv, 0);

  if (rc != TOOL_CONTINUE)
    goto out;
  if (argc > 1) {
    rc = tool_fail_usage("indicators: unexpected argument '%s'", argv[1]);
    goto out;
  }
  if (year_s && !tool_parse_year(year_s, &year)) {
    rc = tool_fail_usage("indicators: --year needs a year between 1 and 9999");
    goto out;
  }
  if ((rc = tool_load_catalog(opts, &cat)))
    goto out;
  static const char *const cols[] = { "economy", "indicator", "year", "value", "text", "unit", "source" };
  t = tool_table_new(cols, G_N_ELEMENTS(cols));
  tool_table_set_numeric(t, 2, TRUE);
  tool_table_set_numeric(t, 3, TRUE);
  if (tr_catalog_select_indicators(cat, economy, indicator, year, &sel) != TR_OK) {
    rc = tool_fail_lib("indicators");
    goto out;
  }
  for (size_t i = 0; i < tr_indicator_list_count(sel); i++) {
    const tr_indicator *r = tr_indicator_list_at(sel, i);
    char *y = tr_indicator_get_year(r) ? g_strdup_printf("%d", tr_indicator_get_year(r)) : NULL;
    char *v = isnan(tr_indicator_get_value(r)) ? NULL : format_double(tr_indicator_get_value(r));
    const char *row[] = { tr_indicator_get_economy(r), tr_indicator_get_name(r), y, v,
                          tr_indicator_get_text(r), tr_indicator_get_unit(r), tr_indicator_get_source(r) };
    tool_table_add_row(t, row);
    g_free(y);
    g_free(v);
  }
  tool_table_print(t, stdout, opts);
  rc = 0;
out:
  tool_table_free(t);
  tr_indicator_list_free(sel);
  tr_catalog_free(cat);
  g_option_context_free(ctx);
  tool_args_clear(&args);
  g_free(economy);
  g_free(indicator);
  g_free(year_s);
  return rc;
}

/* ---- categories ---- */

int tool_cmd_categories(int argc, char **argv, tool_options *opts) {
  tool_args args;
  tool_args_init(&args, "categories", opts);
  GOptionContext *ctx = tool_context_new(&args, "",
      "Show the provision taxonomy: number, id and title of every category.", NULL, NULL);
  tool_table *t = NULL;
  int rc = tool_parse(ctx, &args, &argc, &argv, 0);
  if (rc != TOOL_CONTINUE)
    goto out;
  if (argc > 1) {
    rc = tool_fail_usage("categories: unexpected argument '%s'", argv[1]);
    goto out;
  }
  static const char *const cols[] = { "number", "id", "title" };
  t = tool_table_new(cols, G_N_ELEMENTS(cols));
  tool_table_set_numeric(t, 0, TRUE);
  for (int i = 1; i <= tr_category_count(); i++) {
    char *n = g_strdup_printf("%d", i);
    const char *row[] = { n, tr_category_id((tr_category)i), tr_category_title((tr_category)i) };
    tool_table_add_row(t, row);
    g_free(n);
  }
  tool_table_print(t, stdout, opts);
  rc = 0;
out:
  tool_table_free(t);
  g_option_context_free(ctx);
  tool_args_clear(&args);
  return rc;
}
