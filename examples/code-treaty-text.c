/*
 * code-treaty-text: code the articles of a new treaty text automatically
 * (provision categories, legal strength, exceptions, with the words that
 * triggered each finding), build the agreement record, and write it as the
 * long CSV that R, Stata or 'traderules import' read. Backs
 * docs/guide-code-treaty.md.
 *
 *   cc code-treaty-text.c $(pkg-config --cflags --libs traderules) -o code-treaty-text
 *   ./code-treaty-text                 # the two sample articles below
 *   ./code-treaty-text article.txt     # one article per file, chapter "Digital Trade"
 *
 * SPDX-License-Identifier: MIT
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <traderules/traderules.h>

/* Two short sample articles written for this example (not quoted from a treaty). */
static const char *const sample[][3] = {
  { "Article 1", "Customs Duties",
    "No Party shall impose customs duties on electronic transmissions between a person "
    "of one Party and a person of another Party." },
  { "Article 2", "Cross-Border Transfer of Information by Electronic Means",
    "Each Party shall allow the cross-border transfer of information by electronic means, "
    "including personal information, when this activity is for the conduct of the business "
    "of a covered person. Nothing in this Article shall prevent a Party from adopting or "
    "maintaining measures inconsistent with paragraph 1 to achieve a legitimate public "
    "policy objective." },
};

static char *read_file(const char *path) {
  FILE *f = fopen(path, "rb");
  if (!f)
    return NULL;
  size_t cap = 4096, len = 0;
  char *buf = malloc(cap);
  size_t n;
  while (buf && (n = fread(buf + len, 1, cap - len - 1, f)) > 0) {
    len += n;
    if (cap - len < 2) {
      char *bigger = realloc(buf, cap *= 2);
      if (!bigger) {
        free(buf);
        buf = NULL;
      }
      buf = bigger;
    }
  }
  fclose(f);
  if (buf)
    buf[len] = '\0';
  return buf;
}

int main(int argc, char **argv) {
  tr_coder *coder = NULL;
  tr_agreement_coding *acc = NULL;
  tr_agreement *record = NULL;
  tr_catalog *out_catalog = NULL;
  char *csv = NULL;
  int status = 1;

  if (tr_coder_new(&coder) != TR_OK)
    goto out;
  if (tr_agreement_coding_new(coder, "NEW_FTA", "A new free trade agreement", 0, &acc) != TR_OK)
    goto out;
  if (argc > 1) {
    for (int i = 1; i < argc; i++) {
      char *text = read_file(argv[i]);
      if (!text) {
        perror(argv[i]);
        goto out;
      }
      int rc = tr_agreement_coding_add_article(acc, argv[i], NULL, "Digital Trade", text);
      free(text);
      if (rc != TR_OK)
        goto out;
    }
  } else {
    for (size_t i = 0; i < sizeof sample / sizeof sample[0]; i++)
      if (tr_agreement_coding_add_article(acc, sample[i][0], sample[i][1], "Electronic Commerce",
                                          sample[i][2]) != TR_OK)
        goto out;
  }

  /* What each article says, and why. */
  for (size_t i = 0; i < tr_agreement_coding_article_count(acc); i++) {
    const tr_coding *c = tr_agreement_coding_article_at(acc, i);
    printf("%s\n", tr_coding_get_number(c) ? tr_coding_get_number(c) : "(article)");
    for (size_t k = 0; k < tr_coding_assignment_count(c); k++) {
      const tr_assignment *as = tr_coding_assignment_at(c, k);
      printf("  %-40s %s\n", tr_category_id(tr_assignment_get_category(as)),
             tr_strength_id(tr_assignment_get_strength(as)));
      for (size_t e = 0; e < tr_assignment_evidence_count(as); e++) {
        const tr_evidence *ev = tr_assignment_evidence_at(as, e);
        const char *src = tr_coding_get_input(c, tr_evidence_get_field(ev));
        printf("    %-9s \"%.*s\"\n", tr_evidence_kind_id(tr_evidence_get_kind(ev)),
               (int)tr_evidence_get_length(ev), src + tr_evidence_get_offset(ev));
      }
    }
  }

  /* The agreement record, as a catalog entry and as the long CSV. */
  if (tr_agreement_coding_to_agreement(acc, &record) != TR_OK)
    goto out;
  if (argc == 1 && !tr_agreement_find_provision(record, TR_CATEGORY_CUSTOMS_DUTIES_ELECTRONIC_TRANSMISSIONS)) {
    fprintf(stderr, "code-treaty-text: the customs-duties article was not recognised\n");
    goto out;
  }
  if (tr_catalog_new(&out_catalog) != TR_OK || tr_catalog_add_agreement(out_catalog, record) != TR_OK)
    goto out;
  record = NULL; /* the catalog owns it now */
  if (tr_csv_write(out_catalog, NULL, TR_CSV_LONG, &csv) != TR_OK)
    goto out;
  printf("\n%s", csv);
  status = 0;

out:
  if (status != 0 && tr_error_code() != TR_OK)
    fprintf(stderr, "code-treaty-text: %s (%s)\n", tr_error_message(), tr_status_id(tr_error_code()));
  tr_free(csv);
  tr_agreement_free(record);
  tr_catalog_free(out_catalog);
  tr_agreement_coding_free(acc);
  tr_coder_free(coder);
  return status;
}
