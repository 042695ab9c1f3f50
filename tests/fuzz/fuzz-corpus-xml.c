/*
 * Fuzz target: ToTA XML ingest, tr_corpus_load_memory().
 *
 * Each input is added to a corpus that already holds one agreement.
 * Oracles: a failed load returns a negative status with a message and leaves
 * the corpus as it was (same counts and the same digest of every field); an
 * accepted document is readable through every getter, its chapters and
 * articles point back to it, and a word-shingle index of the corpus gives
 * Jaccard values in [0, 1] (1 for a non-empty unit with itself).
 *
 * Differential oracle: the input is also parsed by libxml2 alone (TR_XML_PARSER=libxml2), by
 * the default path (the fast scanner, libxml2 for what it declines) and by the scanner alone;
 * the default path must give libxml2's document (every field, party, chapter and article, byte
 * for byte) or libxml2's error (code, file, line, column, message), and whatever the scanner
 * accepts must be libxml2's document too.
 */
#include <glib.h>

#include "corpus/tr-corpus-private.h"
#include "fuzz-common.h"

static const char base_xml[] =
    "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<treaty><meta><name>Base</name>"
    "<treaty_identifier>900001</treaty_identifier><parties><partyisocode n=\"1\">AAA</partyisocode>"
    "</parties></meta><body><chapter name=\"Electronic Commerce\" chapter_identifier=\"1\">"
    "<article number=\"1\" name=\"Customs Duties\" article_identifier=\"1\">No Party shall impose "
    "customs duties on electronic transmissions.</article></chapter></body></treaty>";

static void hash_str(GChecksum *h, const char *s) {
  g_checksum_update(h, (const guchar *)(s ? s : "\x01(null)"), -1);
  g_checksum_update(h, (const guchar *)"\x00", 1);
}

/* Every field of every agreement, chapter and article. */
static char *digest(const tr_corpus *c) {
  GChecksum *h = g_checksum_new(G_CHECKSUM_SHA256);
  char *out;
  char counts[96];
  snprintf(counts, sizeof counts, "%zu/%zu/%zu", tr_corpus_agreement_count(c),
           tr_corpus_chapter_count(c), tr_corpus_article_count(c));
  hash_str(h, counts);
  for (size_t a = 0; a < tr_corpus_agreement_count(c); a++)
    for (int f = TR_CORPUS_FIELD_NAME; f <= TR_CORPUS_FIELD_TEXT; f++)
      hash_str(h, tr_corpus_agreement_get(c, a, (tr_corpus_field)f));
  for (size_t ch = 0; ch < tr_corpus_chapter_count(c); ch++)
    for (int f = TR_CORPUS_FIELD_NAME; f <= TR_CORPUS_FIELD_TEXT; f++)
      hash_str(h, tr_corpus_chapter_get(c, ch, (tr_corpus_field)f));
  for (size_t ar = 0; ar < tr_corpus_article_count(c); ar++)
    for (int f = TR_CORPUS_FIELD_NAME; f <= TR_CORPUS_FIELD_TEXT; f++)
      hash_str(h, tr_corpus_article_get(c, ar, (tr_corpus_field)f));
  out = g_strdup(g_checksum_get_string(h));
  g_checksum_free(h);
  return out;
}

static void check_structure(const tr_corpus *c) {
  for (size_t a = 0; a < tr_corpus_agreement_count(c); a++) {
    size_t first = 0, n = tr_corpus_agreement_chapters(c, a, &first), found = 0;
    const char *id = tr_corpus_agreement_get(c, a, TR_CORPUS_FIELD_TOTA_ID);
    if (!id || tr_corpus_agreement_find(c, id, &found) != TR_OK || found != a)
      fuzz_fail("agreement %zu is not found by its ToTA id", a);
    for (size_t k = 0; k < n; k++)
      if (tr_corpus_chapter_agreement(c, first + k) != a)
        fuzz_fail("chapter %zu does not point back to agreement %zu", first + k, a);
    n = tr_corpus_agreement_articles(c, a, &first);
    for (size_t k = 0; k < n; k++)
      if (tr_corpus_article_agreement(c, first + k) != a)
        fuzz_fail("article %zu does not point back to agreement %zu", first + k, a);
    for (int w = 0; w < 2; w++)
      for (size_t p = 0; p < tr_corpus_agreement_party_count(c, a, (tr_corpus_parties)w); p++)
        if (!tr_corpus_agreement_party(c, a, (tr_corpus_parties)w, p))
          fuzz_fail("agreement %zu: party %zu is NULL", a, p);
  }
  for (size_t ar = 0; ar < tr_corpus_article_count(c); ar++) {
    const char *text = tr_corpus_article_get(c, ar, TR_CORPUS_FIELD_TEXT);
    size_t ch = tr_corpus_article_chapter(c, ar);
    if (!text || !g_utf8_validate(text, -1, NULL))
      fuzz_fail("article %zu: text missing or not UTF-8", ar);
    if (ch >= tr_corpus_chapter_count(c) || tr_corpus_chapter_agreement(c, ch) != tr_corpus_article_agreement(c, ar))
      fuzz_fail("article %zu: chapter and agreement disagree", ar);
  }
}

static void same_str(const char *what, size_t i, const char *a, const char *b) {
  if ((a == NULL) != (b == NULL) || (a && strcmp(a, b) != 0))
    fuzz_fail("scanner and libxml2 differ: %s %zu: libxml2 '%s', scanner '%s'", what, i,
              a ? a : "(null)", b ? b : "(null)");
}

static void same_doc(const doc_t *x, const doc_t *y) {
  for (size_t f = 0; f < N_META; f++)
    same_str("field", f, x->a.meta[f], y->a.meta[f]);
  if (x->a.date != y->a.date)
    fuzz_fail("scanner and libxml2 differ: date %u, %u", x->a.date, y->a.date);
  for (int w = 0; w < 2; w++) {
    if (x->parties[w]->len != y->parties[w]->len)
      fuzz_fail("scanner and libxml2 differ: %u, %u parties", x->parties[w]->len, y->parties[w]->len);
    for (guint i = 0; i < x->parties[w]->len; i++)
      same_str("party", i, g_ptr_array_index(x->parties[w], i), g_ptr_array_index(y->parties[w], i));
  }
  if (x->nchapters != y->nchapters || x->narticles != y->narticles)
    fuzz_fail("scanner and libxml2 differ: %u/%u, %u/%u chapters/articles", x->nchapters,
              x->narticles, y->nchapters, y->narticles);
  for (guint i = 0; i < x->nchapters; i++) {
    const chap_t *a = &x->chapters[i], *b = &y->chapters[i];
    same_str("chapter name", i, a->name, b->name);
    same_str("chapter number", i, a->number, b->number);
    same_str("chapter identifier", i, a->ident, b->ident);
    if (a->ar_first != b->ar_first || a->ar_count != b->ar_count)
      fuzz_fail("scanner and libxml2 differ: chapter %u articles", i);
  }
  for (guint i = 0; i < x->narticles; i++) {
    const art_t *a = &x->articles[i], *b = &y->articles[i];
    same_str("article name", i, a->name, b->name);
    same_str("article number", i, a->number, b->number);
    same_str("article identifier", i, a->ident, b->ident);
    if (a->chapter != b->chapter || a->len != b->len || memcmp(a->text, b->text, a->len + 1) != 0)
      fuzz_fail("scanner and libxml2 differ: article %u ('%s', '%s')", i, a->text, b->text);
  }
}

static void differential(const char *data, size_t size) {
  GString *text = g_string_new(NULL);
  perr_t e1 = { 0 }, e2 = { 0 }, e3 = { 0 };
  gboolean scanned = FALSE, scanned3 = FALSE;
  doc_t *d1 = tri_parse_doc_mode("fuzz.xml", data, size, &e1, text, TRI_XML_LIBXML2, NULL, NULL);
  doc_t *d2 = tri_parse_doc_mode("fuzz.xml", data, size, &e2, text, TRI_XML_AUTO, &scanned, NULL);
  doc_t *d3 = tri_parse_doc_mode("fuzz.xml", data, size, &e3, text, TRI_XML_SCAN, &scanned3, NULL);
  if (scanned != scanned3 || scanned3 != (d3 != NULL))
    fuzz_fail("the scanner accepted in one mode only (auto %d, scan-only %d)", scanned, scanned3);
  if (!d1 != !d2)
    fuzz_fail("libxml2 %s, the default path %s", e1.msg ? e1.msg : "accepted",
              e2.msg ? e2.msg : "accepted");
  if (!d1) {
    if (e1.code != e2.code || e1.line != e2.line || e1.column != e2.column ||
        strcmp(e1.file, e2.file) != 0 || strcmp(e1.msg, e2.msg) != 0)
      fuzz_fail("different errors: libxml2 %d %ld:%ld %s; default %d %ld:%ld %s", e1.code,
                e1.line, e1.column, e1.msg, e2.code, e2.line, e2.column, e2.msg);
    if (d3)
      fuzz_fail("the scanner accepted what libxml2 rejects: %s", e1.msg);
  } else {
    same_doc(d1, d2);
    if (d3)
      same_doc(d1, d3);
  }
  tri_doc_free(d1);
  tri_doc_free(d2);
  tri_doc_free(d3);
  tri_perr_clear(&e1);
  tri_perr_clear(&e2);
  tri_perr_clear(&e3);
  g_string_free(text, TRUE);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  tr_corpus *c = NULL;
  char *before;
  int rc;

  differential((const char *)data, size);

  if (tr_corpus_new(&c) != TR_OK || tr_corpus_set_threads(c, 1) != TR_OK)
    fuzz_fail("tr_corpus_new: %s", tr_error_message());
  if (tr_corpus_load_memory(c, "base.xml", base_xml, sizeof base_xml - 1) != TR_OK)
    fuzz_fail("base document rejected: %s", tr_error_message());
  before = digest(c);

  tr_error_clear();
  rc = tr_corpus_load_memory(c, "fuzz.xml", (const char *)data, size);
  if (rc != TR_OK) {
    char *after = digest(c);
    fuzz_check_error(rc, "tr_corpus_load_memory");
    if (strcmp(before, after) != 0)
      fuzz_fail("failed load (%s) changed the corpus", tr_error_message());
    g_free(after);
  } else {
    tr_shingle_index *index = NULL;
    if (tr_corpus_agreement_count(c) != 2)
      fuzz_fail("an accepted document added %zu agreements", tr_corpus_agreement_count(c) - 1);
    check_structure(c);
    if (tr_shingle_index_new(c, TR_SHINGLE_WORD, 3, &index) != TR_OK)
      fuzz_fail("tr_shingle_index_new: %s", tr_error_message());
    for (int kind = TR_UNIT_AGREEMENT; kind <= TR_UNIT_ARTICLE; kind++) {
      size_t units = tr_shingle_index_unit_count(index, (tr_unit_kind)kind);
      for (size_t u = 0; u < units && u < 8; u++) {
        double j = -1, j0 = -1;
        size_t inter = 0, uni = 0;
        if (tr_shingle_index_jaccard(index, (tr_unit_kind)kind, u, (tr_unit_kind)kind, u, &j, &inter, &uni) != TR_OK ||
            tr_shingle_index_jaccard(index, (tr_unit_kind)kind, u, (tr_unit_kind)kind, 0, &j0, NULL, NULL) != TR_OK)
          fuzz_fail("tr_shingle_index_jaccard: %s", tr_error_message());
        if (tr_shingle_index_unit_size(index, (tr_unit_kind)kind, u) > 0 && j != 1.0)
          fuzz_fail("unit %zu of kind %d: Jaccard with itself is %g", u, kind, j);
        if (!(j0 >= 0.0 && j0 <= 1.0) || inter > uni)
          fuzz_fail("unit %zu of kind %d: Jaccard %g outside [0, 1]", u, kind, j0);
      }
    }
    tr_shingle_index_free(index);
  }
  g_free(before);
  tr_corpus_free(c);
  return 0;
}
