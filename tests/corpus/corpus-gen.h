/* Generated corpora for the corpus tests (test-index.c, test-jobs-options.c): random
 * agreements whose articles are fresh word lists or mutated copies of earlier ones,
 * loaded from memory. Include after <cmocka.h>, <glib.h> and <traderules/traderules.h>. */
#ifndef TR_TEST_CORPUS_GEN_H
#define TR_TEST_CORPUS_GEN_H

static const char *words[] = {
  "party", "shall", "not", "impose", "customs", "duties", "on", "electronic", "transmissions",
  "the", "parties", "agree", "data", "protection", "Cooperation", "trade", "services", "café",
  "Σ", "naïve", "2016", "article", "14", "provide", "measures", "e-commerce", "of", "and",
};

/* Random article text: fresh words, or copies of an earlier article with mutations. */
static char *gen_text(GRand *r, GPtrArray *previous) {
  GString *s = g_string_new(NULL);
  int mode = g_rand_int_range(r, 0, 4);
  if (previous->len > 0 && mode < 3) {
    const char *src = g_ptr_array_index(previous, g_rand_int_range(r, 0, (gint32)previous->len));
    char **toks = g_strsplit(src, " ", -1);
    for (char **t = toks; *t; t++) {
      int m = g_rand_int_range(r, 0, 30 + mode * 10);
      if (m == 0)
        continue; /* drop */
      g_string_append(s, *t);
      g_string_append_c(s, ' ');
      if (m == 1)
        g_string_append_printf(s, "%s ", words[g_rand_int_range(r, 0, G_N_ELEMENTS(words))]);
    }
    g_strfreev(toks);
  } else {
    int n = g_rand_int_range(r, 0, 60);
    for (int i = 0; i < n; i++)
      g_string_append_printf(s, "%s ", words[g_rand_int_range(r, 0, G_N_ELEMENTS(words))]);
  }
  return g_string_free(s, FALSE);
}

/* A corpus of @nagr generated agreements, loaded from memory. */
static tr_corpus *gen_corpus(guint32 seed, int nagr, unsigned threads) {
  GRand *r = g_rand_new_with_seed(seed);
  GPtrArray *prev = g_ptr_array_new_with_free_func(g_free);
  tr_corpus *c = NULL;
  int aid = 0;
  assert_int_equal(tr_corpus_new(&c), TR_OK);
  assert_int_equal(tr_corpus_set_threads(c, threads), TR_OK);
  for (int a = 0; a < nagr; a++) {
    GString *x = g_string_new(NULL);
    char *name = g_strdup_printf("gen_%d.xml", a);
    int year = 1990 + g_rand_int_range(r, 0, 8);
    g_string_append_printf(x, "<treaty><meta><treaty_identifier>%d</treaty_identifier>", a + 1);
    if (a % 7 != 3) /* some agreements have no date */
      g_string_append_printf(x, "<date_signed>%d-0%d-1%d</date_signed>", year,
                             g_rand_int_range(r, 1, 10), g_rand_int_range(r, 0, 10));
    g_string_append(x, "</meta><body>");
    int nch = g_rand_int_range(r, 1, 4);
    for (int ch = 0; ch < nch; ch++) {
      g_string_append_printf(x, "<chapter name=\"c%d\">", ch);
      int nart = g_rand_int_range(r, 0, 9);
      for (int k = 0; k < nart; k++) {
        char *t = gen_text(r, prev);
        char *esc = g_markup_escape_text(t, -1);
        g_string_append_printf(x, "<article article_identifier=\"%d\">%s</article>", ++aid, esc);
        g_free(esc);
        g_ptr_array_add(prev, t);
      }
      g_string_append(x, "</chapter>");
    }
    g_string_append(x, "</body></treaty>");
    assert_int_equal(tr_corpus_load_memory(c, name, x->str, x->len), TR_OK);
    g_string_free(x, TRUE);
    g_free(name);
  }
  g_ptr_array_free(prev, TRUE);
  g_rand_free(r);
  return c;
}

#endif /* TR_TEST_CORPUS_GEN_H */
