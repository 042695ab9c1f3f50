/* Checks shared by the coder harnesses: a coding is internally consistent. */
#ifndef TR_FUZZ_CODER_COMMON_H
#define TR_FUZZ_CODER_COMMON_H

#include "fuzz-common.h"

static inline void fuzz_check_coding(const tr_coding *coding, const char *title,
                                     const char *chapter, const char *text) {
  const char *inputs[3];
  size_t lens[3], paragraphs, prev_start = 0;
  inputs[TR_TEXT_FIELD_TEXT] = text;
  inputs[TR_TEXT_FIELD_ARTICLE_TITLE] = title ? title : "";
  inputs[TR_TEXT_FIELD_CHAPTER_TITLE] = chapter ? chapter : "";
  for (int f = 0; f < 3; f++) {
    const char *kept = tr_coding_get_input(coding, (tr_text_field)f);
    if (!kept || strcmp(kept, inputs[f]) != 0)
      fuzz_fail("coding keeps a different input for field %d", f);
    lens[f] = strlen(inputs[f]);
  }
  paragraphs = tr_coding_paragraph_count(coding);
  for (size_t i = 0; i < paragraphs; i++) {
    size_t off = 0, len = 0;
    tr_strength s = tr_coding_paragraph_at(coding, i, &off, &len);
    if (!tr_strength_id(s))
      fuzz_fail("paragraph %zu: strength %d has no id", i, (int)s);
    /* Spans may nest (a paragraph that resumes after an inline footnote
     * covers the footnote's own paragraph), but they start in order. */
    if (off > lens[0] || len > lens[0] - off || off < prev_start)
      fuzz_fail("paragraph %zu: span %zu+%zu outside the text (%zu bytes) or out of order", i, off,
                len, lens[0]);
    prev_start = off;
  }
  for (size_t i = 0; i < tr_coding_assignment_count(coding); i++) {
    const tr_assignment *a = tr_coding_assignment_at(coding, i);
    tr_category c = tr_assignment_get_category(a);
    if (!tr_category_id(c) || tr_coding_find(coding, c) != a)
      fuzz_fail("assignment %zu: category %d not found again", i, (int)c);
    if (!tr_strength_id(tr_assignment_get_strength(a)))
      fuzz_fail("assignment %zu: strength without id", i);
    if ((tr_assignment_get_exceptions(a) & ~tr_coding_get_exceptions(coding)) != 0)
      fuzz_fail("assignment %zu: exception flags outside the article's union", i);
    /* A paragraph with a binding and a hortatory clause on the category counts
     * as each (clause-level strength), so each count alone is bounded. */
    if (tr_assignment_hard_count(a) > paragraphs || tr_assignment_soft_count(a) > paragraphs)
      fuzz_fail("assignment %zu: more binding (or hortatory) paragraphs than paragraphs", i);
    for (size_t k = 0; k < tr_assignment_evidence_count(a); k++) {
      const tr_evidence *e = tr_assignment_evidence_at(a, k);
      tr_text_field f = tr_evidence_get_field(e);
      size_t off = tr_evidence_get_offset(e), len = tr_evidence_get_length(e);
      const char *span = tr_evidence_get_text(e);
      if ((int)f < 0 || (int)f > 2 || !tr_text_field_id(f))
        fuzz_fail("evidence in an unknown field %d", (int)f);
      if (!tr_evidence_kind_id(tr_evidence_get_kind(e)))
        fuzz_fail("evidence of unknown kind %d", (int)tr_evidence_get_kind(e));
      if (off > lens[f] || len > lens[f] - off)
        fuzz_fail("evidence span %zu+%zu outside field %d (%zu bytes)", off, len, (int)f, lens[f]);
      if (!span || strlen(span) != len || memcmp(span, inputs[f] + off, len) != 0)
        fuzz_fail("evidence text does not match its span %zu+%zu", off, len);
      if (!tr_evidence_get_rule(e))
        fuzz_fail("evidence without a rule id");
      if (f == TR_TEXT_FIELD_TEXT && paragraphs && tr_evidence_get_paragraph(e) >= paragraphs)
        fuzz_fail("evidence in paragraph %zu of %zu", tr_evidence_get_paragraph(e), paragraphs);
    }
  }
}

#endif /* TR_FUZZ_CODER_COMMON_H */
