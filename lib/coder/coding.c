/*
 * libtraderules - the coding engine: normalise, segment, match, resolve, assign.
 *
 * One article is coded in a few linear passes:
 *  1. each input (title, chapter title, text) is normalised to lowercase
 *     words separated by single spaces, keeping a map back to byte offsets;
 *  2. the text is segmented into paragraphs (numbered "1." lines start one,
 *     footnote lines "4 For greater certainty..." form their own segment) and
 *     sentences;
 *  3. one Aho-Corasick pass per input finds every rule phrase;
 *  4. overlapping strength cues are resolved leftmost-longest ("shall
 *     endeavour" beats "shall", "shall not apply" beats "shall not"); a scope
 *     cue ("Nothing in this Article shall prevent") neutralises the other cues
 *     of its sentence and marks the sentence as limiting;
 *  5. each paragraph gets a strength; each category found gets the strength
 *     aggregated over its paragraphs (hard + soft = mixed), the exceptions of
 *     the article, and the spans that triggered all of it.
 * SPDX-License-Identifier: MIT
 */
#include "coder/coder-private.h"
#include "core/tr-internal.h"

#include <string.h>

#define TR_CODER_MAX_TEXT (64u * 1024u * 1024u)

/* ---- normalisation ------------------------------------------------------- */

typedef struct {
  char *norm;     /* " word word ... " */
  guint32 *map;   /* norm index -> byte offset in the original */
  size_t len;
  const char *orig;
  size_t orig_len;
} normtext;

/* Byte -> lowercase letter or digit, or 0 for a word break. */
static char norm_table[256];

static void norm_table_init(void) {
  static gsize done = 0;
  if (g_once_init_enter(&done)) {
    for (int c = 0; c < 256; c++)
      norm_table[c] = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ? (char)c
                      : (c >= 'A' && c <= 'Z')                        ? (char)(c + 32)
                                                                      : 0;
    g_once_init_leave(&done, 1);
  }
}

/* The buffers of normalise(), 5 bytes per input byte: allocated up front with
 * g_try_malloc, so that a text too big for the memory left is a TR_ERR_NOMEM of
 * tr_coder_code_text(), not GLib's abort. FALSE when memory runs out. */
static gboolean normtext_alloc(normtext *nt, size_t n) {
  nt->norm = g_try_malloc(n + 3);
  nt->map = n + 3 <= G_MAXSIZE / sizeof(guint32) ? g_try_malloc((n + 3) * sizeof(guint32)) : NULL;
  return nt->norm && nt->map;
}

static void normalise(normtext *nt, const char *s) {
  size_t n = strlen(s);
  norm_table_init();
  nt->orig = s;
  nt->orig_len = n;
  if (!nt->norm)
    nt->norm = g_malloc(n + 3);
  if (!nt->map)
    nt->map = g_malloc((n + 3) * sizeof(guint32));
  size_t w = 0;
  nt->norm[w] = ' ';
  nt->map[w++] = 0;
  char *out = nt->norm;
  guint32 *map = nt->map;
  for (size_t i = 0; i < n; i++) {
    char c = norm_table[(unsigned char)s[i]];
    if (c) {
      out[w] = c;
      map[w++] = (guint32)i;
    } else if (out[w - 1] != ' ') {
      out[w] = ' ';
      map[w++] = (guint32)i;
    }
  }
  if (nt->norm[w - 1] != ' ') {
    nt->norm[w] = ' ';
    nt->map[w++] = (guint32)n;
  }
  nt->norm[w] = '\0';
  nt->len = w;
}

static void normtext_clear(normtext *nt) {
  g_free(nt->norm);
  g_free(nt->map);
}

/* Original byte span of a match [s, e) in normalised text: from the first to
 * the last letter/digit, extended to the end of the word (prefix patterns). */
static void orig_span(const normtext *nt, size_t s, size_t e, size_t *off, size_t *len) {
  while (s < e && nt->norm[s] == ' ')
    s++;
  while (e > s && nt->norm[e - 1] == ' ')
    e--;
  if (s >= e) {
    *off = 0;
    *len = 0;
    return;
  }
  size_t a = nt->map[s];
  size_t b = nt->map[e - 1] + 1;
  while (b < nt->orig_len && g_ascii_isalnum(nt->orig[b]))
    b++;
  *off = a;
  *len = b - a;
}

/* ---- segmentation -------------------------------------------------------- */

typedef struct {
  size_t start;     /* byte offset of the block's first character */
  guint paragraph;  /* paragraph index */
} block;

/* "12." or "12.\t" at the start of a line (after blanks): a numbered paragraph. */
static gboolean is_numbered(const char *p, const char *end) {
  const char *q = p;
  int d = 0;
  while (q < end && g_ascii_isdigit(*q) && d < 4)
    q++, d++;
  if (d == 0 || d > 3 || q >= end || *q != '.')
    return FALSE;
  q++;
  return q >= end || *q == ' ' || *q == '\t' || *q == '\r' || *q == '\n';
}

/* "4 For greater certainty" at the start of a line: an inline footnote. */
static gboolean is_footnote(const char *p, const char *end) {
  const char *q = p;
  int d = 0;
  while (q < end && g_ascii_isdigit(*q) && d < 4)
    q++, d++;
  if (d == 0 || d > 3 || q >= end || (*q != ' ' && *q != '\t'))
    return FALSE;
  while (q < end && (*q == ' ' || *q == '\t'))
    q++;
  return q < end && g_ascii_isupper(*q);
}

typedef struct {
  GArray *paragraphs;  /* tr_paragraph */
  GArray *blocks;      /* block: line-level runs, sorted by start */
  GArray *sentences;   /* size_t sentence start offsets, sorted */
  GArray *clauses;     /* guint clause id per sentence: a clause runs to a full stop, so a
                        * list's lead-in ("the Parties commit to:") and its items
                        * ("(a) ...;") are one clause */
  guint nclauses;
  size_t *clause_start, *clause_end; /* per clause id */
} segments;

static void add_sentence(segments *sg, size_t st, gboolean new_clause) {
  g_array_append_val(sg->sentences, st);
  guint c = (new_clause || sg->nclauses == 0) ? sg->nclauses++ : sg->nclauses - 1;
  g_array_append_val(sg->clauses, c);
}

static guint add_paragraph(segments *sg, size_t start, size_t end, gboolean footnote) {
  tr_paragraph p = { 0 };
  p.start = start;
  p.end = end;
  p.footnote = footnote;
  p.strength = TR_STRENGTH_NONE;
  g_array_append_val(sg->paragraphs, p);
  return sg->paragraphs->len - 1;
}

static void segment(segments *sg, const char *text, size_t n) {
  const char *end = text + n;
  const char *line = text;
  gboolean blank_before = TRUE, in_footnote = FALSE;
  gint main_para = -1, cur = -1;
  sg->paragraphs = g_array_new(FALSE, FALSE, sizeof(tr_paragraph));
  sg->blocks = g_array_new(FALSE, FALSE, sizeof(block));
  sg->sentences = g_array_new(FALSE, FALSE, sizeof(size_t));
  sg->clauses = g_array_new(FALSE, FALSE, sizeof(guint));
  sg->nclauses = 0;
  char main_last = '.';   /* last non-blank character of the main text so far */
  guint main_clause = 0;  /* clause of the main text's last sentence */
  while (line < end) {
    const char *eol = memchr(line, '\n', (size_t)(end - line));
    if (!eol)
      eol = end;
    const char *p = line;
    while (p < eol && (*p == ' ' || *p == '\t' || *p == '\r' || *p == '\f' || *p == '\v'))
      p++;
    if (p == eol) {
      blank_before = TRUE;
      line = eol + 1;
      continue;
    }
    size_t ls = (size_t)(p - text), le = (size_t)(eol - text);
    gboolean new_block = FALSE, new_para = FALSE;
    if (is_numbered(p, eol)) {
      main_para = cur = (gint)add_paragraph(sg, ls, le, FALSE);
      in_footnote = FALSE;
      new_block = new_para = TRUE;
    } else if (blank_before && is_footnote(p, eol) && main_para >= 0) {
      cur = (gint)add_paragraph(sg, ls, le, TRUE);
      in_footnote = TRUE;
      new_block = new_para = TRUE;
    } else if (cur < 0) {
      main_para = cur = (gint)add_paragraph(sg, ls, le, FALSE);
      new_block = new_para = TRUE;
    } else if (in_footnote && blank_before) {
      in_footnote = FALSE;
      cur = main_para;
      new_block = TRUE;
    }
    if (new_block || blank_before) {
      block b = { ls, (guint)cur };
      g_array_append_val(sg->blocks, b);
      /* A new clause after a full stop, at a new paragraph and in a footnote;
       * a line after a blank line otherwise continues the clause (list items,
       * text resuming after an inline footnote). */
      if (in_footnote || new_para || main_last == '.')
        add_sentence(sg, ls, TRUE);
      else {
        g_array_append_val(sg->sentences, ls);
        g_array_append_val(sg->clauses, main_clause);
      }
    }
    tr_paragraph *pp = &g_array_index(sg->paragraphs, tr_paragraph, cur);
    if (le > pp->end)
      pp->end = le;
    /* Trim trailing blanks of the paragraph span. */
    while (pp->end > pp->start && g_ascii_isspace(text[pp->end - 1]))
      pp->end--;
    /* Sentence breaks: '.' followed by white space inside the line. */
    for (const char *q = p; q + 1 < eol; q++)
      if (*q == '.' && (q[1] == ' ' || q[1] == '\t')) {
        const char *r = q + 1;
        while (r < eol && (*r == ' ' || *r == '\t'))
          r++;
        if (r < eol)
          add_sentence(sg, (size_t)(r - text), TRUE);
      }
    if (!in_footnote) {
      const char *q = eol;
      while (q > p && g_ascii_isspace(q[-1]))
        q--;
      if (q > p)
        main_last = q[-1];
      main_clause = g_array_index(sg->clauses, guint, sg->clauses->len - 1);
    }
    blank_before = FALSE;
    line = eol + 1;
  }
}

/* Span of every clause: from its first sentence to the end of its last. */
static void clause_spans(segments *sg, const char *text, size_t n) {
  sg->clause_start = g_new(size_t, sg->nclauses + 1);
  sg->clause_end = g_new0(size_t, sg->nclauses + 1);
  for (guint c = 0; c <= sg->nclauses; c++)
    sg->clause_start[c] = n;
  for (guint i = 0; i < sg->sentences->len; i++) {
    guint c = g_array_index(sg->clauses, guint, i);
    size_t st = g_array_index(sg->sentences, size_t, i);
    size_t en = i + 1 < sg->sentences->len ? g_array_index(sg->sentences, size_t, i + 1) : n;
    if (st < sg->clause_start[c])
      sg->clause_start[c] = st;
    if (en > sg->clause_end[c])
      sg->clause_end[c] = en;
  }
  for (guint c = 0; c < sg->nclauses; c++)
    while (sg->clause_end[c] > sg->clause_start[c] && g_ascii_isspace(text[sg->clause_end[c] - 1]))
      sg->clause_end[c]--;
}

static void segments_clear(segments *sg) {
  g_array_free(sg->blocks, TRUE);
  g_array_free(sg->sentences, TRUE);
  g_array_free(sg->clauses, TRUE);
  g_free(sg->clause_start);
  g_free(sg->clause_end);
  /* paragraphs are handed to the coding */
}

/* Index of the last element of a sorted offset array <= off (0 if none). */
static guint find_block(const GArray *blocks, size_t off) {
  guint lo = 0, hi = blocks->len;
  while (hi - lo > 1) {
    guint mid = (lo + hi) / 2;
    if (g_array_index(blocks, block, mid).start <= off)
      lo = mid;
    else
      hi = mid;
  }
  return lo;
}

static guint find_sentence(const GArray *sentences, size_t off) {
  guint lo = 0, hi = sentences->len;
  while (hi - lo > 1) {
    guint mid = (lo + hi) / 2;
    if (g_array_index(sentences, size_t, mid) <= off)
      lo = mid;
    else
      hi = mid;
  }
  return lo;
}

/* ---- matching ------------------------------------------------------------ */

typedef struct {
  int pattern;
  tr_text_field field;
  size_t nstart, nend; /* normalised span */
  size_t off, len;     /* original span */
  guint paragraph, sentence, clause;
} hit;

typedef struct {
  GArray *hits; /* hit */
  tr_text_field field;
} scan_ctx;

static void on_hit(int pattern, size_t start, size_t end, void *user) {
  scan_ctx *sc = user;
  hit h = { pattern, sc->field, start, end, 0, 0, 0, 0, 0 };
  g_array_append_val(sc->hits, h);
}

typedef struct {
  size_t off, len;
  guint paragraph, sentence;
  guint rule;
  gboolean active;
  size_t nstart, nend;  /* normalised span (word distances) */
  guint clause;
  tr_cue_effect eff;    /* effective strength: TR_CUE_HARD, _SOFT, _WEAK; 0 = none */
  gint via;             /* consumed modal: the soft cue that governs; softened binding cue:
                         * the discretion cue; else -1 */
} cue_hit;

static gint cue_cmp(gconstpointer a, gconstpointer b) {
  const cue_hit *x = a, *y = b;
  if (x->off != y->off)
    return x->off < y->off ? -1 : 1;
  if (x->len != y->len)
    return x->len > y->len ? -1 : 1;
  return 0;
}

/* ---- evidence ------------------------------------------------------------ */

static tr_evidence *evidence_new(tr_coding *cd, tr_evidence_kind kind, tr_text_field field,
                                 size_t off, size_t len, size_t para, const char *rule) {
  tr_evidence *e = g_new0(tr_evidence, 1);
  e->kind = kind;
  e->field = field;
  e->offset = off;
  e->length = len;
  e->paragraph = para;
  e->text = g_strndup(cd->input[field] + off, len);
  e->rule = g_string_chunk_insert_const(cd->strings, rule);
  e->strength = TR_STRENGTH_UNKNOWN;
  return e;
}

/* Attach the clause that holds a text span (the sentence, or a list lead-in
 * with its items). */
static void evidence_set_sentence(tr_coding *cd, tr_evidence *e, const segments *sg, guint clause) {
  if (clause >= sg->nclauses || e->field != TR_TEXT_FIELD_TEXT)
    return;
  e->sent_off = sg->clause_start[clause];
  e->sent_len = sg->clause_end[clause] > e->sent_off ? sg->clause_end[clause] - e->sent_off : 0;
  e->sentence = g_strndup(cd->input[TR_TEXT_FIELD_TEXT] + e->sent_off, e->sent_len);
}

static void evidence_free(gpointer p) {
  tr_evidence *e = p;
  g_free(e->sentence);
  g_free(e->text);
  g_free(e);
}

void tri_assignment_free_internal(tr_assignment *a) {
  if (!a)
    return;
  g_ptr_array_free(a->evidence, TRUE);
  g_free(a);
}

static gint evidence_cmp(gconstpointer a, gconstpointer b) {
  const tr_evidence *x = *(tr_evidence *const *)a, *y = *(tr_evidence *const *)b;
  /* Titles first (chapter, then article title), then text in order. */
  int fx = x->field == TR_TEXT_FIELD_TEXT ? 2 : (x->field == TR_TEXT_FIELD_CHAPTER_TITLE ? 0 : 1);
  int fy = y->field == TR_TEXT_FIELD_TEXT ? 2 : (y->field == TR_TEXT_FIELD_CHAPTER_TITLE ? 0 : 1);
  if (fx != fy)
    return fx - fy;
  if (x->offset != y->offset)
    return x->offset < y->offset ? -1 : 1;
  return (int)x->kind - (int)y->kind;
}

/* ---- cross-references ---------------------------------------------------- */

/* Find "Article 14.4", "Articles 14.11 and 14.13" in [s, e) of text; add each
 * number with @mask to xrefs. */
static void collect_xrefs(GArray *xrefs, const char *text, size_t s, size_t e, unsigned int mask) {
  for (size_t i = s; i + 7 < e; i++) {
    if ((text[i] != 'A' && text[i] != 'a') || g_ascii_strncasecmp(text + i, "article", 7) != 0)
      continue;
    if (i > s && g_ascii_isalnum(text[i - 1]))
      continue;
    size_t j = i + 7;
    if (j < e && (text[j] == 's' || text[j] == 'S'))
      j++;
    /* a list: NUM (, NUM)* ((and|or) NUM)? */
    for (;;) {
      while (j < e && (text[j] == ' ' || text[j] == '\t' || text[j] == ','))
        j++;
      size_t k = j;
      while (k < e && (g_ascii_isdigit(text[k]) ||
                       (text[k] == '.' && k + 1 < e && g_ascii_isdigit(text[k + 1]))))
        k++;
      if (k == j)
        break;
      tr_xref x = { g_strndup(text + j, k - j), mask };
      g_array_append_val(xrefs, x);
      j = k;
      /* skip a parenthesised title, "(Source Code)" */
      while (j < e && text[j] == ' ')
        j++;
      if (j < e && text[j] == '(') {
        const char *close = memchr(text + j, ')', e - j);
        if (close)
          j = (size_t)(close - text) + 1;
      }
      size_t save = j;
      while (j < e && (text[j] == ' ' || text[j] == ','))
        j++;
      if (j + 4 <= e && g_ascii_strncasecmp(text + j, "and ", 4) == 0)
        j += 4;
      else if (j + 3 <= e && g_ascii_strncasecmp(text + j, "or ", 3) == 0)
        j += 3;
      if (j + 7 < e && g_ascii_strncasecmp(text + j, "article", 7) == 0) {
        j += 7;
        continue;
      }
      if (j == save || !(j < e && g_ascii_isdigit(text[j])))
        break;
    }
    i = j > i ? j - 1 : i;
  }
}

/* Spans of the parenthesised titles of cross-references, "Article 14.11
 * (Cross-Border Transfer of Information by Electronic Means)" or "Chapter 9
 * (Investment)": phrases there name another provision, they do not make one. */
static GArray *reference_titles(const char *text, size_t n) {
  static const char *const heads[] = { "article", "chapter", "section", "annex", "paragraph" };
  GArray *spans = g_array_new(FALSE, FALSE, sizeof(size_t) * 2);
  for (size_t i = 0; i < n; i++) {
    if (text[i] != '(')
      continue;
    /* Walk back over the number and the head word. */
    size_t j = i;
    while (j > 0 && text[j - 1] == ' ')
      j--;
    size_t numend = j;
    while (j > 0 && (g_ascii_isalnum(text[j - 1]) || text[j - 1] == '.' || text[j - 1] == '-'))
      j--;
    if (j == numend || !g_ascii_isdigit(text[j]))
      continue;
    while (j > 0 && text[j - 1] == ' ')
      j--;
    gboolean head = FALSE;
    for (guint h = 0; h < G_N_ELEMENTS(heads) && !head; h++) {
      size_t l = strlen(heads[h]);
      if (j >= l && g_ascii_strncasecmp(text + j - l, heads[h], l) == 0)
        head = TRUE;
      else if (j >= l + 1 && g_ascii_strncasecmp(text + j - l - 1, heads[h], l) == 0 &&
               (text[j - 1] == 's' || text[j - 1] == 'S'))
        head = TRUE;
    }
    if (!head)
      continue;
    const char *close = memchr(text + i, ')', n - i);
    if (!close || (size_t)(close - text) - i > 200)
      continue;
    size_t span[2] = { i, (size_t)(close - text) + 1 };
    g_array_append_val(spans, span);
    i = span[1] - 1;
  }
  return spans;
}

static gboolean in_spans(const GArray *spans, size_t off) {
  for (guint i = 0; i < spans->len; i++) {
    const size_t *sp = &g_array_index(spans, size_t, i * 2);
    if (off >= sp[0] && off < sp[1])
      return TRUE;
  }
  return FALSE;
}

/* ---- the engine ---------------------------------------------------------- */

typedef struct {
  gboolean title_hit, chapter_hit, context, vetoed;
  GArray *para_hits; /* guint paragraph indices with a text trigger */
} cat_state;

/* The state of one tr_coder_code_text() run, passed from stage to stage. */
typedef struct {
  const tr_coder *coder;
  tr_coding *cd;
  normtext nt[3];      /* text, title, chapter */
  segments sg;
  guint npara;
  GArray *hits;        /* hit */
  gboolean definitions;
  GArray *ref_titles;  /* spans of parenthesised cross-reference titles */
  GArray *cues, *exc_hits; /* cue_hit */
  cat_state *cs;       /* per category rule */
  GArray *cat_text_hits, *cat_title_hits; /* (rule, hit index) */
  gboolean *para_veto; /* per (category, paragraph), allocated lazily */
  GHashTable *limiting; /* sentence + 1 -> offset + 1 of its first scope cue */
  unsigned int *para_exc; /* exception flags per paragraph */
  GArray *items;       /* size_t start of every list item */
} code_run;

/* Reject inputs over the limit or not UTF-8, naming the field. */
static int code_check_inputs(const char *const inputs[3]) {

  static const char *const names[3] = { "text", "title", "chapter" };
  for (int f = 0; f < 3; f++) {
    size_t n = strlen(inputs[f]);
    const char *bad = NULL;
    if (n > TR_CODER_MAX_TEXT)
      return tri_set_error(TR_ERR_LIMIT, NULL, 0, 0, names[f], "input longer than 64 MiB");
    if (!g_utf8_validate_len(inputs[f], n, &bad))
      return tri_set_error(TR_ERR_ENCODING, NULL, 0, (long)(bad - inputs[f]) + 1, names[f],
                          "invalid UTF-8 at byte %ld", (long)(bad - inputs[f]));
  }
  return TR_OK;
}

/* Stages 1-2: normalise the three inputs, split the text into paragraphs, blocks, sentences and clauses. */
static void code_segment(code_run *run) {
  tr_coding *cd = run->cd;
  normtext *nt = run->nt;
  segments *sg = &run->sg;
  for (int f = 0; f < 3; f++)
    normalise(&nt[f], cd->input[f]);
  segment(sg, cd->input[0], nt[0].orig_len);
  if (sg->paragraphs->len == 0) {
    add_paragraph(sg, 0, 0, FALSE);
    block b = { 0, 0 };
    g_array_append_val(sg->blocks, b);
    add_sentence(sg, 0, TRUE);
  }
  clause_spans(sg, cd->input[0], nt[0].orig_len);
  cd->paragraphs = sg->paragraphs;
  run->npara = sg->paragraphs->len;
}

/* Stage 3: scan the normalised inputs with the automaton; place every hit in its paragraph, sentence and clause. */
static void code_scan(code_run *run) {
  const tr_coder *coder = run->coder;
  normtext *nt = run->nt;
  segments *sg = &run->sg;
  GArray *hits = g_array_new(FALSE, FALSE, sizeof(hit));
  for (int f = 0; f < 3; f++) {
    scan_ctx sc = { hits, (tr_text_field)f };
    tri_ac_scan(coder->ac, nt[f].norm, nt[f].len, on_hit, &sc);
  }
  for (guint i = 0; i < hits->len; i++) {
    hit *h = &g_array_index(hits, hit, i);
    orig_span(&nt[h->field], h->nstart, h->nend, &h->off, &h->len);
    if (h->field == TR_TEXT_FIELD_TEXT) {
      h->paragraph = g_array_index(sg->blocks, block, find_block(sg->blocks, h->off)).paragraph;
      h->sentence = find_sentence(sg->sentences, h->off);
      h->clause = g_array_index(sg->clauses, guint, h->sentence);
    }
  }
  run->hits = hits;
}

/* Stage 3b: an article of definitions makes no provision; dispatch every hit by the use of its pattern (strength cues, exceptions, category triggers in titles, text and context, exclusions). */
static void code_dispatch(code_run *run) {
  const tr_coder *coder = run->coder;
  tr_coding *cd = run->cd;
  normtext *nt = run->nt;
  segments *sg = &run->sg;
  guint npara = run->npara;
  GArray *hits = run->hits;
  /* Articles of definitions: text phrases define terms, they make no provision. */
  gboolean definitions = FALSE;
  for (guint i = 0; i < hits->len && !definitions; i++) {
    const hit *h = &g_array_index(hits, hit, i);
    if (h->field != TR_TEXT_FIELD_ARTICLE_TITLE)
      continue;
    guint32 us = g_array_index(coder->use_start, guint32, h->pattern);
    guint32 un = g_array_index(coder->use_count, guint32, h->pattern);
    for (guint32 u = 0; u < un; u++) {
      const tr_pattern_use *use = &g_array_index(coder->uses, tr_pattern_use, us + u);
      if (use->role == TR_USE_DEFINITIONS &&
          (!use->whole || (h->nstart == 0 && h->nend == nt[h->field].len)))
        definitions = TRUE;
    }
  }
  GArray *ref_titles = reference_titles(cd->input[0], nt[0].orig_len);

  /* Dispatch hits by use. */
  GArray *cues = g_array_new(FALSE, FALSE, sizeof(cue_hit));
  GArray *exc_hits = g_array_new(FALSE, FALSE, sizeof(cue_hit));
  cat_state *cs = g_new0(cat_state, coder->ncategories);
  GArray *cat_text_hits = g_array_new(FALSE, FALSE, sizeof(guint) * 2); /* (rule, hit index) */
  GArray *cat_title_hits = g_array_new(FALSE, FALSE, sizeof(guint) * 2);
  gboolean *para_veto = NULL; /* per (category, paragraph), allocated lazily */
  for (guint i = 0; i < hits->len; i++) {
    const hit *h = &g_array_index(hits, hit, i);
    guint32 us = g_array_index(coder->use_start, guint32, h->pattern);
    guint32 un = g_array_index(coder->use_count, guint32, h->pattern);
    for (guint32 u = 0; u < un; u++) {
      const tr_pattern_use *use = &g_array_index(coder->uses, tr_pattern_use, us + u);
      gboolean in_text = h->field == TR_TEXT_FIELD_TEXT;
      guint pair[2] = { use->rule, i };
      if (use->whole && (h->nstart != 0 || h->nend != nt[h->field].len))
        continue;
      switch (use->role) {
      case TR_USE_CUE:
        if (in_text) {
          cue_hit c = { h->off, h->len, h->paragraph, h->sentence, use->rule, TRUE,
                        h->nstart, h->nend, h->clause, 0, -1 };
          g_array_append_val(cues, c);
        }
        break;
      case TR_USE_EXCEPTION:
        if (in_text) {
          cue_hit c = { h->off, h->len, h->paragraph, h->sentence, use->rule, TRUE,
                        h->nstart, h->nend, h->clause, 0, -1 };
          g_array_append_val(exc_hits, c);
        }
        break;
      case TR_USE_CAT_TITLE:
        if (h->field == TR_TEXT_FIELD_ARTICLE_TITLE) {
          cs[use->rule].title_hit = TRUE;
          g_array_append_val(cat_title_hits, pair);
        }
        break;
      case TR_USE_CAT_CHAPTER:
        if (h->field == TR_TEXT_FIELD_CHAPTER_TITLE) {
          cs[use->rule].chapter_hit = TRUE;
          g_array_append_val(cat_title_hits, pair);
        }
        break;
      case TR_USE_CAT_TEXT:
        if (in_text && !definitions &&
            !g_array_index(sg->paragraphs, tr_paragraph, h->paragraph).footnote &&
            !in_spans(ref_titles, h->off))
          g_array_append_val(cat_text_hits, pair);
        break;
      case TR_USE_DEFINITIONS:
        break;
      case TR_USE_CAT_CONTEXT:
        if (!in_text)
          cs[use->rule].context = TRUE;
        break;
      case TR_USE_CAT_EXCLUDE:
        if (h->field == TR_TEXT_FIELD_ARTICLE_TITLE) {
          cs[use->rule].vetoed = TRUE;
        } else if (in_text) {
          if (!para_veto)
            para_veto = g_new0(gboolean, (gsize)coder->ncategories * npara);
          para_veto[(gsize)use->rule * npara + h->paragraph] = TRUE;
        }
        break;
      default:
        break;
      }
    }
  }
  run->definitions = definitions;
  run->ref_titles = ref_titles;
  run->cues = cues;
  run->exc_hits = exc_hits;
  run->cs = cs;
  run->cat_text_hits = cat_text_hits;
  run->cat_title_hits = cat_title_hits;
  run->para_veto = para_veto;
}

/* Stages 4-5a: resolve overlapping cues (leftmost-longest), mark limiting sentences, and give every cue its effective strength (the governing verb phrase). */
static void code_cue_effects(code_run *run) {
  const tr_coder *coder = run->coder;
  tr_coding *cd = run->cd;
  normtext *nt = run->nt;
  GArray *cues = run->cues;
  /* 4. resolve overlapping cues, leftmost-longest */
  g_array_sort(cues, cue_cmp);
  {
    size_t kept_end = 0;
    gboolean have = FALSE;
    for (guint i = 0; i < cues->len; i++) {
      cue_hit *c = &g_array_index(cues, cue_hit, i);
      if (have && c->off + c->len <= kept_end) {
        c->active = FALSE; /* inside a longer cue */
        continue;
      }
      if (!have || c->off + c->len > kept_end)
        kept_end = c->off + c->len;
      have = TRUE;
    }
  }
  /* Scope cues mark their sentence as limiting. */
  /* sentence + 1 -> offset + 1 of its first scope cue */
  GHashTable *limiting = g_hash_table_new(g_direct_hash, g_direct_equal);
  for (guint i = 0; i < cues->len; i++) {
    const cue_hit *c = &g_array_index(cues, cue_hit, i);
    if (c->active && coder->cues[c->rule].effect == TR_CUE_SCOPE &&
        !g_hash_table_contains(limiting, GUINT_TO_POINTER(c->sentence + 1)))
      g_hash_table_insert(limiting, GUINT_TO_POINTER(c->sentence + 1),
                          GSIZE_TO_POINTER(c->off + 1));
  }
  /* 5a. effective strength of every cue: the governing verb phrase.
   * - A modal ("shall", "commit to") is consumed by the next strength cue of its
   *   clause when that cue is soft and starts within modal_window words: in
   *   "The Parties shall, subject to their laws, cooperate" the duty is to
   *   cooperate (soft). Otherwise the modal binds.
   * - A discretion cue ("to the extent possible", "as it considers appropriate")
   *   makes the binding cues of its clause soft.
   * - Cues of a limiting sentence are neutralised (above). */
  /* A limiting clause neutralises the cues that follow it in its sentence
   * ("Nothing in this Article shall prevent ..."); a main verb before it stands
   * ("the Parties affirm that measures fall within the scope of the
   * obligations ..., except where an obligation does not apply to ..."). */
  for (guint i = 0; i < cues->len; i++) {
    cue_hit *c = &g_array_index(cues, cue_hit, i);
    tr_cue_effect eff = coder->cues[c->rule].effect;
    gsize first = GPOINTER_TO_SIZE(g_hash_table_lookup(limiting, GUINT_TO_POINTER(c->sentence + 1)));
    if (c->active && eff != TR_CUE_SCOPE && eff != TR_CUE_NEUTRAL && first && c->off + 1 > first)
      c->active = FALSE; /* neutralised by a limiting clause */
  }
  for (guint i = 0; i < cues->len; i++) {
    cue_hit *c = &g_array_index(cues, cue_hit, i);
    if (!c->active)
      continue;
    tr_cue_effect eff = coder->cues[c->rule].effect;
    if (eff == TR_CUE_SCOPE || eff == TR_CUE_NEUTRAL || eff == TR_CUE_DISCRETION)
      continue;
    c->eff = eff == TR_CUE_MODAL ? TR_CUE_HARD : eff;
    if (eff != TR_CUE_MODAL)
      continue;
    for (guint j = i + 1; j < cues->len; j++) {
      const cue_hit *d = &g_array_index(cues, cue_hit, j);
      if (d->clause != c->clause)
        break;
      tr_cue_effect de = coder->cues[d->rule].effect;
      if (!d->active || de == TR_CUE_SCOPE || de == TR_CUE_NEUTRAL || de == TR_CUE_DISCRETION)
        continue;
      if (de == TR_CUE_SOFT && d->nstart >= c->nend) {
        /* Words between the two cues (the normalised text has one space
         * between words and one before the first). */
        guint words = 0;
        for (size_t k = c->nend; k < d->nstart && words <= coder->modal_window + 1; k++)
          if (nt[0].norm[k] == ' ')
            words++;
        words = words ? words - 1 : 0;
        /* The soft verb is the modal's own verb when it follows within two
         * words ("shall also cooperate", "commit to: (a) working together")
         * or after a parenthetical that opens with a comma ("shall, subject
         * to their laws, cooperate"), within modal_window words. */
        const char *q = cd->input[0] + c->off + c->len;
        while (*q == ' ' || *q == '\t' || *q == '\n' || *q == '\r')
          q++;
        gboolean parenthetical = *q == ',';
        if (words <= 2 || (parenthetical && words <= coder->modal_window)) {
          c->eff = 0;
          c->via = (gint)j;
        }
      }
      break; /* only the next verb cue can be governed by the modal */
    }
  }
  for (guint i = 0; i < cues->len; i++) {
    const cue_hit *dc = &g_array_index(cues, cue_hit, i);
    if (!dc->active || coder->cues[dc->rule].effect != TR_CUE_DISCRETION)
      continue;
    for (guint j = 0; j < cues->len; j++) {
      cue_hit *c = &g_array_index(cues, cue_hit, j);
      if (c->active && c->clause == dc->clause && c->eff == TR_CUE_HARD) {
        c->eff = TR_CUE_SOFT;
        c->via = (gint)i;
      }
    }
  }
  run->limiting = limiting;
}

/* Stage 5a (end): the strength of every paragraph from its active cues. */
static void code_paragraph_strengths(code_run *run) {
  const tr_coder *coder = run->coder;
  segments *sg = &run->sg;
  guint npara = run->npara;
  GArray *cues = run->cues;
  /* Paragraph strengths. */
  for (guint i = 0; i < cues->len; i++) {
    cue_hit *c = &g_array_index(cues, cue_hit, i);
    if (!c->active)
      continue;
    tr_paragraph *p = &g_array_index(sg->paragraphs, tr_paragraph, c->paragraph);
    if (coder->cues[c->rule].effect == TR_CUE_SCOPE) {
      p->scope = TRUE;
      continue;
    }
    if (p->footnote)
      continue;
    if (c->eff == TR_CUE_HARD)
      p->hard = TRUE;
    else if (c->eff == TR_CUE_SOFT)
      p->soft = TRUE;
    else if (c->eff == TR_CUE_WEAK)
      p->weak = TRUE;
  }
  for (guint i = 0; i < npara; i++) {
    tr_paragraph *p = &g_array_index(sg->paragraphs, tr_paragraph, i);
    p->strength = p->hard ? TR_STRENGTH_HARD
                          : (p->soft || p->weak) ? TR_STRENGTH_SOFT : TR_STRENGTH_NONE;
  }
}

/* Exceptions of the article and the cross-references of limiting or exception paragraphs. */
static void code_exceptions(code_run *run) {
  const tr_coder *coder = run->coder;
  tr_coding *cd = run->cd;
  segments *sg = &run->sg;
  guint npara = run->npara;
  GArray *exc_hits = run->exc_hits;
  GHashTable *limiting = run->limiting;
  /* Exceptions of the article; a phrase inside a longer one of the same
   * exception ("taxes" in "internal taxes") is dropped. */
  g_array_sort(exc_hits, cue_cmp);
  {
    size_t flag_end[32] = { 0 };
    for (guint i = 0; i < exc_hits->len; i++) {
      cue_hit *x = &g_array_index(exc_hits, cue_hit, i);
      unsigned int bit = (unsigned int)g_bit_nth_lsf(coder->exceptions[x->rule].flag, -1) & 31u;
      if (x->off + x->len <= flag_end[bit])
        x->active = FALSE;
      else
        flag_end[bit] = x->off + x->len;
    }
  }
  unsigned int *para_exc = g_new0(unsigned int, npara);
  for (guint i = 0; i < exc_hits->len; i++) {
    cue_hit *x = &g_array_index(exc_hits, cue_hit, i);
    const tr_exception_rule *r = &coder->exceptions[x->rule];
    if (!x->active)
      continue;
    if (r->limiting_only && !g_hash_table_contains(limiting, GUINT_TO_POINTER(x->sentence + 1))) {
      x->active = FALSE;
      continue;
    }
    cd->exceptions |= r->flag;
    para_exc[x->paragraph] |= r->flag;
  }
  /* Cross-references from limiting or exception paragraphs. */
  for (guint i = 0; i < npara; i++) {
    const tr_paragraph *p = &g_array_index(sg->paragraphs, tr_paragraph, i);
    if (para_exc[i])
      collect_xrefs(cd->xrefs, cd->input[0], p->start, p->end, para_exc[i]);
  }
  run->para_exc = para_exc;
}

/* List item starts ("(a)", "(ii)") of the text. */
static void code_list_items(code_run *run) {
  tr_coding *cd = run->cd;
  normtext *nt = run->nt;
  /* List items: "(a)", "(ii)" at the start of a line or after white space.
   * A soft word inside one item ("(a) legal incentives for service providers
   * to cooperate") does not govern the next item; the lead-in's verb does. */
  GArray *items = g_array_new(FALSE, FALSE, sizeof(size_t));
  {
    const char *t = cd->input[0];
    size_t n = nt[0].orig_len;
    for (size_t i = 0; i + 2 < n; i++) {
      if (t[i] != '(' || (i > 0 && !g_ascii_isspace(t[i - 1]) && t[i - 1] != ':' && t[i - 1] != ';'))
        continue;
      size_t j = i + 1;
      while (j < n && j - i <= 5 && g_ascii_islower(t[j]))
        j++;
      if (j > i + 1 && j - i <= 5 && j < n && t[j] == ')' && (j + 1 >= n || g_ascii_isspace(t[j + 1])))
        g_array_append_val(items, i);
    }
  }
  run->items = items;
}

/* Stage 5b: one assignment per category whose triggers hold, graded by the verb phrases that govern them, with its evidence. */
static void code_categories(code_run *run) {
  const tr_coder *coder = run->coder;
  tr_coding *cd = run->cd;
  segments *sg = &run->sg;
  guint npara = run->npara;
  GArray *hits = run->hits;
  GArray *cues = run->cues;
  GArray *exc_hits = run->exc_hits;
  cat_state *cs = run->cs;
  GArray *cat_text_hits = run->cat_text_hits;
  GArray *cat_title_hits = run->cat_title_hits;
  gboolean *para_veto = run->para_veto;
  GHashTable *limiting = run->limiting;
  GArray *items = run->items;
  /* 5b. categories */
  gboolean *contrib = g_new0(gboolean, npara);  /* paragraphs graded as a whole */
  guint8 *peff = g_new0(guint8, npara + 1);      /* per paragraph: 1 binding, 2 hortatory, 4 weak */
  gboolean *deciding = g_new0(gboolean, cues->len + 1); /* cues that grade a text trigger */
  for (guint r = 0; r < coder->ncategories; r++) {
    const tr_category_rule *rule = &coder->categories[r];
    cat_state *st = &cs[r];
    if (st->vetoed)
      continue;
    gboolean context_ok = !rule->has_context || st->context;
    gboolean article_wide = (st->title_hit && context_ok) || st->chapter_hit;
    gboolean any_text = FALSE;
    size_t hard_n = 0, soft_n = 0, weak_n = 0;
    memset(contrib, 0, npara * sizeof(gboolean));
    memset(deciding, 0, (cues->len + 1) * sizeof(gboolean));
    if (article_wide) {
      /* The whole article carries the category: every paragraph grades it. */
      for (guint pi = 0; pi < npara; pi++)
        if (!g_array_index(sg->paragraphs, tr_paragraph, pi).footnote)
          contrib[pi] = TRUE;
    } else if (context_ok) {
      /* A text trigger is graded by the verb phrase that governs it: the cue
       * over it, else the nearest cue before it in its clause, else the first
       * after it; with none in the clause, by its paragraph. */
      for (guint i = 0; i < cat_text_hits->len; i++) {
        const guint *pair = &g_array_index(cat_text_hits, guint, i * 2);
        if (pair[0] != r)
          continue;
        const hit *h = &g_array_index(hits, hit, pair[1]);
        if (para_veto && para_veto[(gsize)r * npara + h->paragraph])
          continue;
        any_text = TRUE;
        if (rule->exception_category &&
            g_hash_table_contains(limiting, GUINT_TO_POINTER(h->sentence + 1))) {
          contrib[h->paragraph] = TRUE; /* a carve-out: graded by its paragraph (scope) */
          continue;
        }
        gint over = -1, before = -1, after = -1;
        /* Cues are sorted by offset: start at the first cue at or after the
         * trigger and look both ways within the clause. */
        guint lo = 0, hi = cues->len;
        while (lo < hi) {
          guint mid = (lo + hi) / 2;
          if (g_array_index(cues, cue_hit, mid).off < h->off)
            lo = mid + 1;
          else
            hi = mid;
        }
        /* The trigger's list item (start offset), and where the clause's
         * first item starts: cues between the two belong to other items. */
        size_t cstart = sg->clause_start[h->clause], item = 0, first_item = 0;
        gboolean in_item = FALSE;
        guint a0 = 0, a1 = items->len; /* first item >= clause start */
        while (a0 < a1) {
          guint mid = (a0 + a1) / 2;
          if (g_array_index(items, size_t, mid) < cstart)
            a0 = mid + 1;
          else
            a1 = mid;
        }
        guint b0 = a0, b1 = items->len; /* first item > trigger */
        while (b0 < b1) {
          guint mid = (b0 + b1) / 2;
          if (g_array_index(items, size_t, mid) <= h->off)
            b0 = mid + 1;
          else
            b1 = mid;
        }
        if (b0 > a0) {
          in_item = TRUE;
          first_item = g_array_index(items, size_t, a0);
          item = g_array_index(items, size_t, b0 - 1);
        }
        for (guint k = lo; k-- > 0;) {
          const cue_hit *c = &g_array_index(cues, cue_hit, k);
          if (c->clause != h->clause || c->paragraph != h->paragraph)
            break;
          if (!c->active || !c->eff)
            continue;
          if (in_item && c->off < item && c->off >= first_item)
            continue; /* in an earlier item */
          if (c->off + c->len > h->off)
            over = (gint)k;
          else if (before < 0)
            before = (gint)k;
          if (over >= 0 || before >= 0)
            break;
        }
        for (guint k = lo; k < cues->len && over < 0 && after < 0; k++) {
          const cue_hit *c = &g_array_index(cues, cue_hit, k);
          if (c->clause != h->clause || c->paragraph != h->paragraph)
            break;
          if (!c->active || !c->eff)
            continue;
          if (c->off < h->off + h->len)
            over = (gint)k;
          else
            after = (gint)k;
        }
        gint g = over >= 0 ? over : before >= 0 ? before : after;
        if (g >= 0)
          deciding[g] = TRUE;
        else
          contrib[h->paragraph] = TRUE;
      }
    }
    if (!article_wide && !any_text)
      continue;

    tr_assignment *a = g_new0(tr_assignment, 1);
    a->category = rule->category;
    a->evidence = g_ptr_array_new_with_free_func(evidence_free);
    /* Counted per paragraph (the API's hard/soft counts are numbers of
     * paragraphs): a paragraph with a binding and a hortatory deciding phrase
     * on the category counts once as each, never twice as either. */
    memset(peff, 0, npara + 1);
    for (guint pi = 0; pi < npara; pi++) {
      if (!contrib[pi])
        continue;
      const tr_paragraph *p = &g_array_index(sg->paragraphs, tr_paragraph, pi);
      /* A paragraph graded as a whole is binding if any cue binds in it (a
       * soft aside such as "incentives for providers to cooperate" does not
       * make a binding paragraph mixed); mixed arises across paragraphs. */
      if (p->hard || (rule->exception_category && p->scope))
        peff[pi] |= 1;
      else if (p->soft)
        peff[pi] |= 2;
      else if (p->weak)
        peff[pi] |= 4;
    }
    for (guint k = 0; k < cues->len; k++) {
      if (!deciding[k])
        continue;
      const cue_hit *ch = &g_array_index(cues, cue_hit, k);
      guint pi = ch->paragraph < npara ? ch->paragraph : npara;
      peff[pi] |= ch->eff == TR_CUE_HARD ? 1 : ch->eff == TR_CUE_SOFT ? 2 : ch->eff == TR_CUE_WEAK ? 4 : 0;
    }
    for (guint pi = 0; pi <= npara; pi++) {
      hard_n += (peff[pi] & 1) != 0;
      soft_n += (peff[pi] & 2) != 0;
      weak_n += (peff[pi] & 4) != 0;
    }
    a->hard_n = hard_n;
    a->soft_n = soft_n;
    a->weak_n = weak_n;
    if (a->hard_n && a->soft_n)
      a->strength = TR_STRENGTH_MIXED;
    else if (a->hard_n)
      a->strength = TR_STRENGTH_HARD;
    else if (a->soft_n || a->weak_n)
      a->strength = TR_STRENGTH_SOFT;
    else
      a->strength = coder->uncued_strength;
    a->exceptions = cd->exceptions;

    /* Evidence: triggers, then the deciding cues (with their clause) and
     * exceptions. */
    for (guint i = 0; i < cat_title_hits->len; i++) {
      const guint *pair = &g_array_index(cat_title_hits, guint, i * 2);
      if (pair[0] != r)
        continue;
      const hit *h = &g_array_index(hits, hit, pair[1]);
      if (h->field == TR_TEXT_FIELD_ARTICLE_TITLE && !context_ok)
        continue;
      g_ptr_array_add(a->evidence, evidence_new(cd, TR_EVIDENCE_CATEGORY, h->field, h->off,
                                                h->len, 0, rule->id));
    }
    if (context_ok)
      for (guint i = 0; i < cat_text_hits->len; i++) {
        const guint *pair = &g_array_index(cat_text_hits, guint, i * 2);
        if (pair[0] != r)
          continue;
        const hit *h = &g_array_index(hits, hit, pair[1]);
        if (para_veto && para_veto[(gsize)r * npara + h->paragraph])
          continue;
        g_ptr_array_add(a->evidence, evidence_new(cd, TR_EVIDENCE_CATEGORY, h->field, h->off,
                                                  h->len, h->paragraph, rule->id));
      }
    for (guint i = 0; i < cues->len; i++) {
      const cue_hit *c = &g_array_index(cues, cue_hit, i);
      tr_cue_effect eff = coder->cues[c->rule].effect;
      if (!contrib[c->paragraph] && !deciding[i])
        continue;
      if (eff == TR_CUE_NEUTRAL || eff == TR_CUE_DISCRETION)
        continue;
      if (eff == TR_CUE_SCOPE) {
        if (c->active) {
          tr_evidence *e = evidence_new(cd, TR_EVIDENCE_SCOPE, TR_TEXT_FIELD_TEXT, c->off, c->len,
                                        c->paragraph, coder->cues[c->rule].id);
          if (rule->exception_category)
            e->strength = TR_STRENGTH_HARD;
          evidence_set_sentence(cd, e, sg, c->clause);
          g_ptr_array_add(a->evidence, e);
        }
        continue;
      }
      if (!c->active || !c->eff || g_array_index(sg->paragraphs, tr_paragraph, c->paragraph).footnote)
        continue;
      /* Weak cues are evidence only where they decide the strength. */
      if (c->eff == TR_CUE_WEAK && (a->hard_n || a->soft_n))
        continue;
      /* The deciding verb phrase: a modal with the verb that governs it is
       * shown from the modal to that verb ("shall ... cooperate" is one cue
       * here: the soft cue; its modal is consumed). A cue softened by
       * discretion is followed by the discretion phrase. */
      tr_evidence *e = evidence_new(cd, TR_EVIDENCE_STRENGTH, TR_TEXT_FIELD_TEXT, c->off, c->len,
                                    c->paragraph, coder->cues[c->rule].id);
      e->strength = c->eff == TR_CUE_HARD ? TR_STRENGTH_HARD : TR_STRENGTH_SOFT;
      evidence_set_sentence(cd, e, sg, c->clause);
      g_ptr_array_add(a->evidence, e);
      if (c->via >= 0 && coder->cues[g_array_index(cues, cue_hit, c->via).rule].effect ==
                             TR_CUE_DISCRETION) {
        const cue_hit *d = &g_array_index(cues, cue_hit, c->via);
        tr_evidence *de = evidence_new(cd, TR_EVIDENCE_STRENGTH, TR_TEXT_FIELD_TEXT, d->off,
                                       d->len, d->paragraph, coder->cues[d->rule].id);
        de->strength = TR_STRENGTH_SOFT;
        evidence_set_sentence(cd, de, sg, d->clause);
        g_ptr_array_add(a->evidence, de);
      }
    }
    for (guint i = 0; i < exc_hits->len; i++) {
      const cue_hit *x = &g_array_index(exc_hits, cue_hit, i);
      if (!x->active)
        continue;
      tr_evidence *e = evidence_new(cd, TR_EVIDENCE_EXCEPTION, TR_TEXT_FIELD_TEXT, x->off, x->len,
                                    x->paragraph, coder->exceptions[x->rule].id);
      e->exception = coder->exceptions[x->rule].flag;
      g_ptr_array_add(a->evidence, e);
    }
    g_ptr_array_sort(a->evidence, evidence_cmp);
    g_ptr_array_add(cd->assignments, a);
  }
  g_free(contrib);
  g_free(peff);
  g_free(deciding);
}

/* Assignments in category order. */
static void code_sort_assignments(code_run *run) {
  tr_coding *cd = run->cd;
  /* category order */
  for (guint i = 1; i < cd->assignments->len; i++)
    for (guint j = i; j > 0; j--) {
      tr_assignment **v = (tr_assignment **)cd->assignments->pdata;
      if (v[j - 1]->category <= v[j]->category)
        break;
      tr_assignment *t = v[j];
      v[j] = v[j - 1];
      v[j - 1] = t;
    }
}

/* Free what the stages built (the coding itself is kept). */
static void code_run_clear(code_run *run) {
  const tr_coder *coder = run->coder;
  normtext *nt = run->nt;
  segments *sg = &run->sg;
  GArray *hits = run->hits;
  GArray *ref_titles = run->ref_titles;
  GArray *cues = run->cues;
  GArray *exc_hits = run->exc_hits;
  cat_state *cs = run->cs;
  GArray *cat_text_hits = run->cat_text_hits;
  GArray *cat_title_hits = run->cat_title_hits;
  gboolean *para_veto = run->para_veto;
  GHashTable *limiting = run->limiting;
  unsigned int *para_exc = run->para_exc;
  GArray *items = run->items;
  for (guint r = 0; r < coder->ncategories; r++)
    if (cs[r].para_hits)
      g_array_free(cs[r].para_hits, TRUE);
  g_free(cs);
  g_free(para_veto);
  g_free(para_exc);
  g_hash_table_destroy(limiting);
  g_array_free(cat_text_hits, TRUE);
  g_array_free(cat_title_hits, TRUE);
  g_array_free(cues, TRUE);
  g_array_free(exc_hits, TRUE);
  g_array_free(hits, TRUE);
  g_array_free(ref_titles, TRUE);
  g_array_free(items, TRUE);
  segments_clear(sg);
  for (int f = 0; f < 3; f++)
    normtext_clear(&nt[f]);
}

int tr_coder_code_text(const tr_coder *coder, const char *title, const char *chapter,
                       const char *text, tr_coding **out) {
  if (!coder || !text || !out)
    return tri_fail(TR_ERR_INVALID_ARG, "tr_coder_code_text: NULL argument");
  const char *inputs[3] = { text, title ? title : "", chapter ? chapter : "" };
  int rc = code_check_inputs(inputs);
  if (rc != TR_OK)
    return rc;

  /* Coding takes up to about 19 bytes per input byte when phrases match densely
   * (measured: 56 MB of repeated rule phrases peak at 1.06 GB; plain prose at
   * 7 bytes per byte): refuse cleanly when that much cannot be had
   * (tri_mem_probe, docs/stability.md). */
  size_t total = strlen(inputs[0]) + strlen(inputs[1]) + strlen(inputs[2]);
  if ((rc = tri_mem_probe(tri_mem_mul(total, 20) + 65536, NULL, "coding this text")))
    return rc;
  tr_coding *cd = g_new0(tr_coding, 1);
  cd->strings = g_string_chunk_new(256);
  cd->assignments = g_ptr_array_new_with_free_func((GDestroyNotify)tri_assignment_free_internal);
  cd->xrefs = g_array_new(FALSE, FALSE, sizeof(tr_xref));
  code_run run = { .coder = coder, .cd = cd };
  /* The allocations that grow with the text (its copy, the normalised text and
   * its offset map: 6 bytes per byte) are tried first; see docs/stability.md. */
  gboolean have = TRUE;
  for (int f = 0; f < 3 && have; f++) {
    size_t n = strlen(inputs[f]);
    cd->input[f] = g_try_malloc(n + 1);
    have = cd->input[f] && normtext_alloc(&run.nt[f], n);
    if (cd->input[f])
      memcpy(cd->input[f], inputs[f], n + 1);
  }
  if (!have) {
    static const char *const names[3] = { "text", "title", "chapter" };
    int f = 0;
    while (f < 2 && cd->input[f] && run.nt[f].norm && run.nt[f].map)
      f++;
    for (int i = 0; i < 3; i++)
      normtext_clear(&run.nt[i]);
    size_t n = strlen(inputs[f]);
    tr_coding_free(cd);
    return tri_set_error(TR_ERR_NOMEM, NULL, 0, 0, names[f],
                         "out of memory coding a %s of %zu bytes", names[f], n);
  }
  code_segment(&run);
  code_scan(&run);
  code_dispatch(&run);
  code_cue_effects(&run);
  code_paragraph_strengths(&run);
  code_exceptions(&run);
  code_list_items(&run);
  code_categories(&run);
  code_sort_assignments(&run);
  code_run_clear(&run);
  *out = cd;
  return TR_OK;
}

void tr_coding_free(tr_coding *coding) {
  if (!coding)
    return;
  for (int f = 0; f < 3; f++)
    g_free(coding->input[f]);
  g_free(coding->number);
  g_free(coding->number_raw);
  if (coding->paragraphs)
    g_array_free(coding->paragraphs, TRUE);
  g_ptr_array_free(coding->assignments, TRUE);
  for (guint i = 0; i < coding->xrefs->len; i++)
    g_free(g_array_index(coding->xrefs, tr_xref, i).article);
  g_array_free(coding->xrefs, TRUE);
  g_string_chunk_free(coding->strings);
  g_free(coding);
}

/* ---- getters ------------------------------------------------------------- */

const char *tr_text_field_id(tr_text_field field) {
  switch (field) {
  case TR_TEXT_FIELD_TEXT: return "text";
  case TR_TEXT_FIELD_ARTICLE_TITLE: return "title";
  case TR_TEXT_FIELD_CHAPTER_TITLE: return "chapter";
  }
  return NULL;
}

const char *tr_evidence_kind_id(tr_evidence_kind kind) {
  switch (kind) {
  case TR_EVIDENCE_CATEGORY: return "category";
  case TR_EVIDENCE_STRENGTH: return "strength";
  case TR_EVIDENCE_EXCEPTION: return "exception";
  case TR_EVIDENCE_SCOPE: return "scope";
  }
  return NULL;
}

const char *tr_coding_get_input(const tr_coding *coding, tr_text_field field) {
  if (!coding || (int)field < 0 || (int)field > 2)
    return NULL;
  return coding->input[field];
}

const char *tr_coding_get_number(const tr_coding *coding) {
  return coding ? coding->number_raw : NULL;
}

size_t tr_coding_paragraph_count(const tr_coding *coding) {
  return coding ? coding->paragraphs->len : 0;
}

tr_strength tr_coding_paragraph_at(const tr_coding *coding, size_t index, size_t *offset,
                                   size_t *length) {
  if (!coding || index >= coding->paragraphs->len)
    return TR_STRENGTH_UNKNOWN;
  const tr_paragraph *p = &g_array_index(coding->paragraphs, tr_paragraph, index);
  if (offset)
    *offset = p->start;
  if (length)
    *length = p->end - p->start;
  return p->strength;
}

size_t tr_coding_assignment_count(const tr_coding *coding) {
  return coding ? coding->assignments->len : 0;
}

const tr_assignment *tr_coding_assignment_at(const tr_coding *coding, size_t index) {
  if (!coding || index >= coding->assignments->len)
    return NULL;
  return g_ptr_array_index(coding->assignments, index);
}

const tr_assignment *tr_coding_find(const tr_coding *coding, tr_category category) {
  if (!coding)
    return NULL;
  for (guint i = 0; i < coding->assignments->len; i++) {
    const tr_assignment *a = g_ptr_array_index(coding->assignments, i);
    if (a->category == category)
      return a;
  }
  return NULL;
}

unsigned int tr_coding_get_exceptions(const tr_coding *coding) {
  return coding ? coding->exceptions : 0;
}

tr_category tr_assignment_get_category(const tr_assignment *a) {
  return a ? a->category : TR_CATEGORY_UNKNOWN;
}
tr_strength tr_assignment_get_strength(const tr_assignment *a) {
  return a ? a->strength : TR_STRENGTH_UNKNOWN;
}
size_t tr_assignment_hard_count(const tr_assignment *a) {
  return a ? a->hard_n : 0;
}
size_t tr_assignment_soft_count(const tr_assignment *a) {
  return a ? a->soft_n : 0;
}
unsigned int tr_assignment_get_exceptions(const tr_assignment *a) {
  return a ? a->exceptions : 0;
}
size_t tr_assignment_evidence_count(const tr_assignment *a) {
  return a ? a->evidence->len : 0;
}
const tr_evidence *tr_assignment_evidence_at(const tr_assignment *a, size_t index) {
  if (!a || index >= a->evidence->len)
    return NULL;
  return g_ptr_array_index(a->evidence, index);
}

tr_evidence_kind tr_evidence_get_kind(const tr_evidence *e) {
  return e ? e->kind : 0;
}
tr_text_field tr_evidence_get_field(const tr_evidence *e) {
  return e ? e->field : TR_TEXT_FIELD_TEXT;
}
size_t tr_evidence_get_offset(const tr_evidence *e) {
  return e ? e->offset : 0;
}
size_t tr_evidence_get_length(const tr_evidence *e) {
  return e ? e->length : 0;
}
const char *tr_evidence_get_text(const tr_evidence *e) {
  return e ? e->text : NULL;
}
const char *tr_evidence_get_rule(const tr_evidence *e) {
  return e ? e->rule : NULL;
}
size_t tr_evidence_get_paragraph(const tr_evidence *e) {
  return e ? e->paragraph : 0;
}
const char *tr_evidence_get_sentence(const tr_evidence *e, size_t *offset, size_t *length) {
  if (offset)
    *offset = e ? e->sent_off : 0;
  if (length)
    *length = e ? e->sent_len : 0;
  return e ? e->sentence : NULL;
}
tr_strength tr_evidence_get_strength(const tr_evidence *e) {
  return e ? e->strength : TR_STRENGTH_UNKNOWN;
}
unsigned int tr_evidence_get_exception(const tr_evidence *e) {
  return e ? e->exception : 0;
}
