/* Every evidence span of the embedded catalog occurs (whitespace collapsed) in the ToTA article
 * its record names, and every such article exists. Needs the ToTA corpus: skipped (77) when
 * ../shared/data/tota/xml is absent (TR_TOTA_DIR overrides). The check is tr_audit_run()'s,
 * which tests/audit/test-audit.c shows flags a wrong span. */
#include <stdio.h>
#include <stdlib.h>
#include <glib.h>
#include <traderules/traderules.h>

int main(void) {
  const char *env = g_getenv("TR_TOTA_DIR"), *root = g_getenv("TR_SOURCE_ROOT");
  char *dir = env ? g_strdup(env) : g_build_filename(root ? root : ".", "..", "shared", "data",
                                                     "tota", "xml", NULL);
  tr_catalog *cat = NULL;
  tr_corpus *corpus = NULL;
  tr_audit *au = NULL;
  size_t texts = 0, missing_texts = 0;
  int bad = 0;
  if (!g_file_test(dir, G_FILE_TEST_IS_DIR)) {
    printf("ToTA corpus not found at %s: skipped\n", dir);
    g_free(dir);
    return 77;
  }
  if (tr_catalog_new_default(&cat) || tr_corpus_new(&corpus)) {
    fprintf(stderr, "%s\n", tr_error_message());
    return 1;
  }
  /* the texts of the agreements whose evidence cites them */
  GHashTable *want = g_hash_table_new(g_direct_hash, g_direct_equal);
  for (size_t i = 0; i < tr_catalog_agreement_count(cat); i++) {
    const tr_agreement *a = tr_catalog_agreement_at(cat, i);
    for (size_t j = 0; j < tr_agreement_provision_count(a); j++) {
      const tr_provision *p = tr_agreement_provision_at(a, j);
      for (size_t k = 0; k < tr_provision_evidence_count(p); k++)
        if (!tr_cell_evidence_get_document(tr_provision_evidence_at(p, k))) /* ToTA evidence only */
          g_hash_table_add(want, GINT_TO_POINTER(tr_cell_evidence_get_tota_id(tr_provision_evidence_at(p, k))));
    }
  }
  GHashTableIter it;
  gpointer key;
  g_hash_table_iter_init(&it, want);
  while (g_hash_table_iter_next(&it, &key, NULL)) {
    char name[40];
    g_snprintf(name, sizeof name, "pta_%d.xml", GPOINTER_TO_INT(key));
    char *path = g_build_filename(dir, name, NULL);
    if (!g_file_test(path, G_FILE_TEST_EXISTS)) {
      fprintf(stderr, "FAIL: evidence cites %s, which ToTA does not have\n", name);
      missing_texts++;
    } else if (tr_corpus_load(corpus, path, TR_CORPUS_STOP_ON_ERROR, NULL) != TR_OK) {
      fprintf(stderr, "FAIL: %s\n", tr_error_message());
      bad++;
    } else {
      texts++;
    }
    g_free(path);
  }
  g_hash_table_destroy(want);
  if (tr_audit_run(cat, corpus, &au) != TR_OK) {
    fprintf(stderr, "FAIL: %s\n", tr_error_message());
    return 1;
  }
  for (size_t i = 0; i < tr_audit_finding_count(au); i++) {
    tr_audit_finding_kind k = tr_audit_finding_get_kind(au, i);
    if (k == TR_AUDIT_FINDING_SPAN_NOT_FOUND || k == TR_AUDIT_FINDING_SPAN_UNCHECKED) {
      fprintf(stderr, "FAIL: %s %s: %s\n", tr_audit_finding_get_agreement(au, i),
              tr_category_id(tr_audit_finding_get_category(au, i)), tr_audit_finding_get_detail(au, i));
      bad++;
    }
  }
  printf("%zu evidence spans in %zu ToTA texts checked; %zu not found, %zu unchecked "
         "(%zu spans from documents outside ToTA, not checkable here)\n",
         tr_audit_count(au, TR_AUDIT_OVERALL, TR_AUDIT_SPANS), texts,
         tr_audit_count(au, TR_AUDIT_OVERALL, TR_AUDIT_SPANS_NOT_FOUND),
         tr_audit_count(au, TR_AUDIT_OVERALL, TR_AUDIT_SPANS_UNCHECKED),
         tr_audit_count(au, TR_AUDIT_OVERALL, TR_AUDIT_DOCUMENT_SPANS));
  tr_audit_free(au);
  tr_corpus_free(corpus);
  tr_catalog_free(cat);
  g_free(dir);
  return bad || missing_texts ? 1 : 0;
}
