/*
 * traderules code - code treaty text automatically (categories, strength,
 * exceptions) with the text spans that triggered each assignment.
 * SPDX-License-Identifier: MIT
 */
#include "tool.h"

#include <stdlib.h>
#include <string.h>

typedef struct {
  gboolean summary, evidence, compare;
  char *rules, *title, *chapter;
} code_opts;

/* One unit of input: an agreement (a ToTA file) or a plain text file. */
typedef struct {
  tr_agreement_coding *ac;
  char *label; /* file name or ToTA id */
} code_unit;

static char *exceptions_str(unsigned int mask) {
  GString *s = g_string_new(NULL);
  for (int b = 0; b < tr_exception_count(); b++)
    if (mask & (1u << b))
      g_string_append_printf(s, "%s%s", s->len ? "," : "", tr_exception_id(1u << b));
  return g_string_free(s, FALSE);
}

static char *one_line(const char *s, size_t max) {
  GString *o = g_string_new(NULL);
  gboolean space = FALSE;
  for (const char *p = s; *p && o->len < max; p++) {
    if (g_ascii_isspace(*p)) {
      space = o->len > 0;
      continue;
    }
    if (space)
      g_string_append_c(o, ' ');
    space = FALSE;
    g_string_append_c(o, *p);
  }
  /* A cut at max bytes may split a UTF-8 character: drop the partial one. */
  const char *valid_end = NULL;
  if (!g_utf8_validate(o->str, (gssize)o->len, &valid_end))
    g_string_truncate(o, (gsize)(valid_end - o->str));
  return g_string_free(o, FALSE);
}

static int code_plain_file(const tr_coder *coder, const char *path, const code_opts *co,
                           GPtrArray *units) {
  size_t len = 0;
  /* the library's reader: "-" is standard input; size limit before and while reading */
  char *data = tool_read_input(path, &len);
  if (!data)
    return 1;
  if (memchr(data, '\0', len)) {
    fprintf(stderr, "traderules: %s: not a text file (NUL byte)\n", path);
    g_free(data);
    return 1;
  }
  char *base = strcmp(path, "-") == 0 ? g_strdup("stdin") : g_path_get_basename(path);
  code_unit *u = g_new0(code_unit, 1);
  u->label = g_strdup(path);
  char *id = g_strdup(base);
  for (char *p = id; *p; p++)
    if (!g_ascii_isalnum(*p) && *p != '_' && *p != '-' && *p != '.')
      *p = '_';
  if (strlen(id) > 64)
    id[64] = '\0';
  int rc = tr_agreement_coding_new(coder, id, base, 0, &u->ac);
  /* Plain text has no chapter title: code it in an e-commerce context unless
   * --chapter says otherwise (--chapter "" for none). */
  const char *chapter = co->chapter ? co->chapter : "Electronic Commerce";
  if (!rc)
    rc = tr_agreement_coding_add_article(u->ac, NULL, co->title ? co->title : NULL, chapter,
                                         data);
  if (!rc && tr_coding_assignment_count(tr_agreement_coding_article_at(u->ac, 0)) == 0)
    fprintf(stderr,
            "traderules: %s: no category found: no phrase of the rules matched the text, "
            "the title '%s' or the chapter '%s'\n",
            path, co->title ? co->title : "", chapter);
  g_free(id);
  g_free(base);
  g_free(data);
  g_ptr_array_add(units, u);
  if (rc) {
    char *what = g_strdup_printf("%s", path);
    tool_fail_lib(what);
    g_free(what);
    return 1;
  }
  return 0;
}

static gboolean dir_has_xml(const char *path) {
  GDir *d = g_dir_open(path, 0, NULL);
  gboolean found = FALSE;
  const char *n;
  if (!d)
    return FALSE;
  while (!found && (n = g_dir_read_name(d)))
    found = g_str_has_suffix(n, ".xml");
  g_dir_close(d);
  return found;
}

/* ToTA XML files and directories go into one corpus, coded at the end. */
static int collect(const tr_coder *coder, const char *path, const code_opts *co, GPtrArray *units,
                   tr_corpus **corpus) {
  gboolean is_dir = g_file_test(path, G_FILE_TEST_IS_DIR);
  if ((is_dir && dir_has_xml(path)) || (!is_dir && g_str_has_suffix(path, ".xml"))) {
    if (!*corpus && tr_corpus_new(corpus) != TR_OK)
      return tool_fail_lib("corpus");
    if (tr_corpus_load(*corpus, path, TR_CORPUS_STOP_ON_ERROR, NULL) != TR_OK)
      return tool_fail_lib(NULL);
    return 0;
  }
  if (is_dir) {
    GError *err = NULL;
    GDir *d = g_dir_open(path, 0, &err);
    if (!d) {
      fprintf(stderr, "traderules: %s\n", err->message);
      g_error_free(err);
      return 1;
    }
    GPtrArray *names = g_ptr_array_new_with_free_func(g_free);
    const char *n;
    while ((n = g_dir_read_name(d)))
      if (g_str_has_suffix(n, ".txt"))
        g_ptr_array_add(names, g_build_filename(path, n, NULL));
    g_dir_close(d);
    g_ptr_array_sort(names, (GCompareFunc)(void (*)(void))g_strcmp0);
    int rc = 0;
    if (names->len == 0) {
      fprintf(stderr, "traderules: %s: no .txt files\n", path);
      rc = 1;
    }
    for (guint i = 0; i < names->len && !rc; i++)
      rc = code_plain_file(coder, g_ptr_array_index(names, i), co, units);
    g_ptr_array_free(names, TRUE);
    return rc;
  }
  return code_plain_file(coder, path, co, units);
}

static void unit_free(gpointer p) {
  code_unit *u = p;
  tr_agreement_coding_free(u->ac);
  g_free(u->label);
  g_free(u);
}

static void print_articles(GPtrArray *units, const tool_options *opts) {
  static const char *const cols[] = { "source", "article", "title", "category", "strength",
                                      "exceptions", "decided_by", "sentence", "evidence" };
  tool_table *t = tool_table_new(cols, G_N_ELEMENTS(cols));
  for (guint u = 0; u < units->len; u++) {
    const code_unit *cu = g_ptr_array_index(units, u);
    for (size_t i = 0; i < tr_agreement_coding_article_count(cu->ac); i++) {
      const tr_coding *cd = tr_agreement_coding_article_at(cu->ac, i);
      for (size_t k = 0; k < tr_coding_assignment_count(cd); k++) {
        const tr_assignment *a = tr_coding_assignment_at(cd, k);
        GString *ev = g_string_new(NULL);
        GString *dec = g_string_new(NULL), *sent = g_string_new(NULL);
        GPtrArray *seen = g_ptr_array_new();
        for (size_t e = 0; e < tr_assignment_evidence_count(a); e++) {
          const tr_evidence *x = tr_assignment_evidence_at(a, e);
          tr_evidence_kind kind = tr_evidence_get_kind(x);
          if (kind == TR_EVIDENCE_STRENGTH || kind == TR_EVIDENCE_SCOPE) {
            /* The deciding verb phrases and, once each, their sentences. */
            tr_strength st = tr_evidence_get_strength(x);
            char *vp = one_line(tr_evidence_get_text(x), 80);
            g_string_append_printf(dec, "%s%s:\"%s\"", dec->len ? "; " : "",
                                   kind == TR_EVIDENCE_SCOPE ? "scope" : tr_strength_id(st), vp);
            g_free(vp);
            const char *sx = tr_evidence_get_sentence(x, NULL, NULL);
            gboolean dup = FALSE;
            for (guint q = 0; sx && q < seen->len && !dup; q++)
              dup = strcmp(g_ptr_array_index(seen, q), sx) == 0;
            if (sx && !dup) {
              char *one = one_line(sx, 400);
              g_string_append_printf(sent, "%s%s", sent->len ? " | " : "", one);
              g_free(one);
              g_ptr_array_add(seen, (gpointer)sx);
            }
          }
          char *txt = one_line(tr_evidence_get_text(x), 80);
          g_string_append_printf(ev, "%s%s:\"%s\"@%s:%zu+%zu", ev->len ? "; " : "",
                                 tr_evidence_kind_id(tr_evidence_get_kind(x)), txt,
                                 tr_text_field_id(tr_evidence_get_field(x)),
                                 tr_evidence_get_offset(x), tr_evidence_get_length(x));
          g_free(txt);
        }
        char *exc = exceptions_str(tr_assignment_get_exceptions(a));
        const char *row[] = { cu->label, tr_coding_get_number(cd),
                              tr_coding_get_input(cd, TR_TEXT_FIELD_ARTICLE_TITLE),
                              tr_category_id(tr_assignment_get_category(a)),
                              tr_strength_id(tr_assignment_get_strength(a)), exc, dec->str,
                              sent->str, ev->str };
        tool_table_add_row(t, row);
        g_free(exc);
        g_string_free(ev, TRUE);
        g_string_free(dec, TRUE);
        g_string_free(sent, TRUE);
        g_ptr_array_free(seen, TRUE);
      }
    }
  }
  tool_table_print(t, stdout, opts);
  tool_table_free(t);
}

static void print_evidence(GPtrArray *units, const tool_options *opts) {
  static const char *const cols[] = { "source", "article", "category", "kind", "field",
                                      "paragraph", "offset", "length", "rule", "value", "text",
                                      "sentence" };
  tool_table *t = tool_table_new(cols, G_N_ELEMENTS(cols));
  for (int c = 5; c <= 7; c++)
    tool_table_set_numeric(t, c, TRUE);
  for (guint u = 0; u < units->len; u++) {
    const code_unit *cu = g_ptr_array_index(units, u);
    for (size_t i = 0; i < tr_agreement_coding_article_count(cu->ac); i++) {
      const tr_coding *cd = tr_agreement_coding_article_at(cu->ac, i);
      for (size_t k = 0; k < tr_coding_assignment_count(cd); k++) {
        const tr_assignment *a = tr_coding_assignment_at(cd, k);
        for (size_t e = 0; e < tr_assignment_evidence_count(a); e++) {
          const tr_evidence *x = tr_assignment_evidence_at(a, e);
          char para[32], off[32], len[32];
          g_snprintf(para, sizeof para, "%zu", tr_evidence_get_paragraph(x) + 1);
          g_snprintf(off, sizeof off, "%zu", tr_evidence_get_offset(x));
          g_snprintf(len, sizeof len, "%zu", tr_evidence_get_length(x));
          const char *value = tr_evidence_get_exception(x)
                                  ? tr_exception_id(tr_evidence_get_exception(x))
                                  : tr_evidence_get_strength(x) != TR_STRENGTH_UNKNOWN
                                        ? tr_strength_id(tr_evidence_get_strength(x))
                                        : "";
          char *txt = one_line(tr_evidence_get_text(x), 200);
          const char *sx = tr_evidence_get_sentence(x, NULL, NULL);
          char *sent = sx ? one_line(sx, 1000) : g_strdup("");
          const char *row[] = { cu->label, tr_coding_get_number(cd),
                                tr_category_id(tr_assignment_get_category(a)),
                                tr_evidence_kind_id(tr_evidence_get_kind(x)),
                                tr_text_field_id(tr_evidence_get_field(x)), para, off, len,
                                tr_evidence_get_rule(x), value, txt, sent };
          tool_table_add_row(t, row);
          g_free(txt);
          g_free(sent);
        }
      }
    }
  }
  tool_table_print(t, stdout, opts);
  tool_table_free(t);
}

static int print_summary(GPtrArray *units, const code_opts *co, const tool_options *opts) {
  tr_catalog *cat = NULL;
  if (co->compare && tool_load_catalog(opts, &cat))
    return 1;
  static const char *const cols_plain[] = { "agreement", "category", "strength", "citation",
                                            "exceptions", "note" };
  static const char *const cols_cmp[] = { "agreement", "category", "strength", "citation",
                                          "exceptions", "hand-coded", "agree", "note" };
  int ncols = co->compare ? 8 : 6;
  tool_table *t = tool_table_new(co->compare ? cols_cmp : cols_plain, ncols);
  int rc = 0, nrows = 0;
  for (guint u = 0; u < units->len && !rc; u++) {
    const code_unit *cu = g_ptr_array_index(units, u);
    /* the library finds the hand-coded agreement (same ToTA id) and decides agree/disagree */
    tr_coding_comparison *cmp = NULL;
    if (tr_coding_comparison_new(cu->ac, cat, &cmp)) {
      rc = tool_fail_lib(cu->label);
      break;
    }
    gboolean hand = tr_coding_comparison_get_hand_coded(cmp) != NULL;
    for (size_t r = 0; r < tr_coding_comparison_count(cmp); r++) {
      tr_category c = tr_coding_comparison_category_at(cmp, r);
      const tr_provision *p = tr_coding_comparison_coded_at(cmp, r);
      const tr_provision *h = tr_coding_comparison_hand_at(cmp, r);
      tr_coding_verdict verdict = tr_coding_comparison_verdict_at(cmp, r);
      char *exc = p ? exceptions_str(tr_provision_get_exceptions(p)) : g_strdup("");
      const char *hs = h ? tr_strength_id(tr_provision_get_strength(h)) : (hand ? "(not coded)" : "");
      const char *as = p ? tr_strength_id(tr_provision_get_strength(p)) : "none";
      const char *agree = tr_coding_verdict_id(verdict);
      const char *cite = p ? tr_provision_get_citation(p) : NULL;
      const char *note = p ? tr_provision_get_note(p) : NULL;
      const char *row_cmp[] = { cu->label, tr_category_id(c), as,
                                cite ? cite : "", exc, hs, agree, note ? note : "" };
      const char *row_plain[] = { cu->label, tr_category_id(c), as,
                                  cite ? cite : "", exc, note ? note : "" };
      const char **row = co->compare ? row_cmp : row_plain;
      tool_table_add_row(t, row);
      if (co->compare && verdict == TR_CODING_DISAGREE)
        tool_table_mark(t, nrows, 6);
      nrows++;
      g_free(exc);
    }
    tr_coding_comparison_free(cmp);
  }
  if (!rc)
    tool_table_print(t, stdout, opts);
  tool_table_free(t);
  tr_catalog_free(cat);
  return rc;
}

int tool_cmd_code(int argc, char **argv, tool_options *opts) {
  code_opts co = { 0 };
  GOptionEntry entries[] = {
    { "summary", 0, 0, G_OPTION_ARG_NONE, &co.summary,
      "One row per agreement and category (the agreement record)", NULL },
    { "compare", 0, 0, G_OPTION_ARG_NONE, &co.compare,
      "With --summary: add the hand coding of the catalog agreement with the same ToTA id", NULL },
    { "evidence", 0, 0, G_OPTION_ARG_NONE, &co.evidence,
      "One row per piece of evidence (kind, span, rule, text and, for strength cues, the sentence "
      "they decide)", NULL },
    { "rules", 0, 0, G_OPTION_ARG_FILENAME, &co.rules, "Use a rules file instead of the embedded rules", "FILE" },
    { "article-title", 0, 0, G_OPTION_ARG_STRING, &co.title, "Article title for plain-text input", "TITLE" },
    /* the old spelling, kept (docs/traderules.1): --title is the chart title in 'plot' */
    { "title", 0, G_OPTION_FLAG_HIDDEN, G_OPTION_ARG_STRING, &co.title, "Same as --article-title", "TITLE" },
    { "chapter", 0, 0, G_OPTION_ARG_STRING, &co.chapter,
      "Chapter title for plain-text input (default \"Electronic Commerce\"; --chapter \"\" for none)", "TITLE" },
    { NULL, 0, 0, 0, NULL, NULL, NULL },
  };
  tool_args args;
  tool_args_init(&args, "code", opts);
  GOptionContext *ctx = tool_context_new(&args, "FILE-or-DIR...",
      "Code treaty text automatically: provision categories, legal strength\n"
      "(hard, soft, mixed) and exceptions, each with the text span that triggered it.\n"
      "A ToTA XML file (or a directory of them) is coded article by article;\n"
      "a .txt file is one article; a directory without XML files is read for\n"
      "its .txt files; '-' is standard input (plain text).", NULL, entries);
  int rc = tool_parse(ctx, &args, &argc, &argv, 0);
  g_option_context_free(ctx);
  tool_args_clear(&args);
  GPtrArray *paths = g_ptr_array_new();
  if (rc == TOOL_CONTINUE && co.rules && !*co.rules)
    rc = tool_fail_usage("code: --rules needs a FILE, not an empty name");
  if (rc != TOOL_CONTINUE)
    goto done;
  rc = 0;
  for (int i = 1; i < argc; i++)
    g_ptr_array_add(paths, argv[i]);
  if (paths->len == 0) {
    rc = tool_fail_usage("code: needs a FILE or DIR");
    goto done;
  }
  if (co.compare && !co.summary) {
    rc = tool_fail_usage("code: --compare goes with --summary");
    goto done;
  }
  tr_coder *coder = NULL;
  if ((co.rules ? tr_coder_new_from_file(co.rules, &coder) : tr_coder_new(&coder)) != TR_OK) {
    rc = tool_fail_lib("rules");
    goto done;
  }
  GPtrArray *units = g_ptr_array_new_with_free_func(unit_free);
  tr_corpus *corpus = NULL;
  for (guint i = 0; i < paths->len && !rc; i++)
    rc = collect(coder, g_ptr_array_index(paths, i), &co, units, &corpus);
  for (size_t a = 0; !rc && corpus && a < tr_corpus_agreement_count(corpus); a++) {
    code_unit *u = g_new0(code_unit, 1);
    g_ptr_array_add(units, u);
    if (tr_coder_code_corpus_agreement(coder, corpus, a, &u->ac) != TR_OK) {
      rc = tool_fail_lib(tr_corpus_agreement_get(corpus, a, TR_CORPUS_FIELD_FILE));
      break;
    }
    const char *tota = tr_corpus_agreement_get(corpus, a, TR_CORPUS_FIELD_TOTA_ID);
    u->label = g_strdup_printf("pta_%s", tota ? tota : "?");
  }
  tr_corpus_free(corpus);
  if (!rc) {
    if (co.summary)
      rc = print_summary(units, &co, opts);
    else if (co.evidence)
      print_evidence(units, opts);
    else
      print_articles(units, opts);
  }
  g_ptr_array_free(units, TRUE);
  tr_coder_free(coder);
done:
  g_ptr_array_free(paths, TRUE);
  g_free(co.rules);
  g_free(co.title);
  g_free(co.chapter);
  return rc;
}
