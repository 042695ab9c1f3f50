/*
 * clause-origin: find where the clauses of a treaty were copied from. Every
 * article of the chosen agreement is matched with its most similar article
 * in an agreement signed earlier (exact Jaccard of word 5-gram shingles).
 * Backs docs/guide-clause-origin.md.
 *
 *   cc clause-origin.c $(pkg-config --cflags --libs traderules) -o clause-origin
 *   ./clause-origin                          # two small built-in texts
 *   ./clause-origin tota/xml 449 0.6         # ToTA: sources of TPP's articles, Jaccard >= 0.6
 *
 * SPDX-License-Identifier: MIT
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <traderules/traderules.h>

/* Two tiny agreements in the ToTA XML layout, written for this example. */
static const char older[] =
  "<?xml version=\"1.0\" encoding=\"UTF-8\"?><treaty><meta><name>Older agreement</name>"
  "<treaty_identifier>901</treaty_identifier><date_signed>2004-01-15</date_signed></meta><body>"
  "<chapter name=\"Electronic Commerce\" number=\"CHAPTER 9\" chapter_identifier=\"9001\">"
  "<article number=\"ARTICLE 9.1\" name=\"Customs Duties\" article_identifier=\"90011\">"
  "Neither Party may impose customs duties, fees, or other charges on or in connection with "
  "the importation or exportation of digital products by electronic transmission.</article>"
  "<article number=\"ARTICLE 9.2\" name=\"Cooperation\" article_identifier=\"90012\">"
  "The Parties shall endeavour to cooperate on small and medium enterprises.</article>"
  "</chapter></body></treaty>";
static const char newer[] =
  "<?xml version=\"1.0\" encoding=\"UTF-8\"?><treaty><meta><name>Newer agreement</name>"
  "<treaty_identifier>902</treaty_identifier><date_signed>2012-06-30</date_signed></meta><body>"
  "<chapter name=\"Digital Trade\" number=\"CHAPTER 14\" chapter_identifier=\"9021\">"
  "<article number=\"ARTICLE 14.3\" name=\"Customs Duties\" article_identifier=\"90211\">"
  "No Party may impose customs duties, fees, or other charges on or in connection with "
  "the importation or exportation of digital products by electronic transmission.</article>"
  "<article number=\"ARTICLE 14.4\" name=\"Paperless Trading\" article_identifier=\"90212\">"
  "Each Party shall accept electronic versions of trade administration documents.</article>"
  "</chapter></body></treaty>";

static const char *article_label(const tr_corpus *c, size_t article, char *buf, size_t size) {
  size_t ag = tr_corpus_article_agreement(c, article);
  const char *num = tr_corpus_article_get(c, article, TR_CORPUS_FIELD_NUMBER);
  const char *name = tr_corpus_article_get(c, article, TR_CORPUS_FIELD_NAME);
  snprintf(buf, size, "pta_%s %s (%s)", tr_corpus_agreement_get(c, ag, TR_CORPUS_FIELD_TOTA_ID),
           num ? num : "?", name ? name : "untitled");
  return buf;
}

int main(int argc, char **argv) {
  tr_corpus *corpus = NULL;
  tr_shingle_index *index = NULL;
  tr_pair_list *pairs = NULL;
  double threshold = argc > 3 ? atof(argv[3]) : 0.5;
  int status = 1;

  if (tr_corpus_new(&corpus) != TR_OK)
    goto out;
  if (argc > 1) {
    if (tr_corpus_load(corpus, argv[1], TR_CORPUS_STOP_ON_ERROR, NULL) != TR_OK)
      goto out;
  } else if (tr_corpus_load_memory(corpus, "older.xml", older, strlen(older)) != TR_OK ||
             tr_corpus_load_memory(corpus, "newer.xml", newer, strlen(newer)) != TR_OK) {
    goto out;
  }
  /* The agreement whose clauses we trace: a ToTA id, or the last one loaded. */
  size_t target = tr_corpus_agreement_count(corpus) - 1;
  if (argc > 2 && tr_corpus_agreement_find(corpus, argv[2], &target) != TR_OK)
    goto out;

  if (tr_shingle_index_new(corpus, TR_SHINGLE_WORD, 5, &index) != TR_OK)
    goto out;
  if (tr_shingle_index_trace(index, threshold, &pairs) != TR_OK)
    goto out;

  size_t found = 0;
  for (size_t i = 0; i < tr_pair_list_count(pairs); i++) {
    size_t a, b;
    double j;
    char la[256], lb[256];
    if (tr_pair_list_get(pairs, i, &a, &b, &j, NULL, NULL) != TR_OK)
      goto out;
    if (tr_corpus_article_agreement(corpus, a) != target)
      continue;
    printf("%s\n  <- %s  Jaccard %.3f\n", article_label(corpus, a, la, sizeof la),
           article_label(corpus, b, lb, sizeof lb), j);
    found++;
  }
  printf("%zu article(s) of pta_%s have an earlier source with Jaccard >= %.2f\n", found,
         tr_corpus_agreement_get(corpus, target, TR_CORPUS_FIELD_TOTA_ID), threshold);
  /* The built-in texts share one clause: it must be found. */
  if (argc == 1 && found != 1) {
    fprintf(stderr, "clause-origin: expected the customs-duties clause to be traced\n");
    goto out;
  }
  status = 0;

out:
  if (status != 0 && tr_error_code() != TR_OK)
    fprintf(stderr, "clause-origin: %s (%s)\n", tr_error_message(), tr_status_id(tr_error_code()));
  tr_pair_list_free(pairs);
  tr_shingle_index_free(index);
  tr_corpus_free(corpus);
  return status;
}
