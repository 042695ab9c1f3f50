/*
 * libtraderules - corpus internals (not installed).
 * SPDX-License-Identifier: MIT
 */
#ifndef TR_CORPUS_INTERNAL_H
#define TR_CORPUS_INTERNAL_H

#include "core/tr-internal.h"
#include <traderules/corpus.h>

G_BEGIN_DECLS

/* Generated tables (tr-unicode-tables.c). */
extern const char tr_unicode_version[];
extern const uint32_t tr_uc_alnum[][2];
extern const size_t tr_uc_alnum_len;
extern const uint32_t tr_uc_cased[][2];
extern const size_t tr_uc_cased_len;
extern const uint32_t tr_uc_case_ignorable[][2];
extern const size_t tr_uc_case_ignorable_len;
extern const uint32_t tr_uc_lower[][3];
extern const size_t tr_uc_lower_len;

/* Tokens of one text: token i is buf[off[i] .. off[i+1]) (off has n+1 entries).
 * For TR_SHINGLE_CHAR the buffer holds the normalised text and n is 0. */
typedef struct {
  char *buf;
  size_t len, cap;
  uint32_t *off;
  size_t n, offcap;
} tr_toks;

void tri_toks_init(tr_toks *t);
void tri_toks_clear(tr_toks *t);
/* Tokenise valid UTF-8 (the caller validated it). Replaces the content of @t. The buffer
 * keeps at least 16 bytes after the tokens (the shingle index reads 16 bytes at a token). */
void tri_tokenize(const char *text, size_t len, tr_shingle_kind kind, tr_toks *t);
/* The tokenizer's steps on one code point, for the shingle index's own tokenizer (which
 * takes runs of ASCII 16 bytes at a time and everything else through these): the code
 * point at *pp (valid UTF-8 of [start, end)), lowercased as tri_tokenize() does (Python's
 * str.lower(), Final_Sigma in context), into 1 or 2 code points; *pp advanced past it.
 * tri_uc_alnum(): a lowercased code point is part of a word token (TR_SHINGLE_WORD). */
int tri_lower_at(const unsigned char *start, const unsigned char **pp, const unsigned char *end,
                 uint32_t out[2]);
gboolean tri_uc_alnum(uint32_t c);

/* Shingle sets: take ownership of @n g_malloc'd strings (sorted + deduplicated here). */
tr_shingle_set *tri_shingle_set_take(char **items, size_t n);
/* Append the shingle strings of tokenised text to @out (g_malloc'd). */
void tri_shingles_of_toks(const tr_toks *t, tr_shingle_kind kind, unsigned n, GPtrArray *out);

/* Threads to use for @corpus (>= 1). */
unsigned tri_corpus_threads(const tr_corpus *corpus);
void tri_corpus_progress(const tr_corpus *corpus, const char *stage, size_t done, size_t total);
/* Date signed of an agreement as YYYYMMDD, or 0 if unknown. */
uint32_t tri_corpus_agreement_date(const tr_corpus *corpus, size_t agreement);
/* Text length of an article. */
size_t tri_corpus_article_len(const tr_corpus *corpus, size_t article);
/* Mark the corpus as indexed (loads refused while > 0). */
void tri_corpus_index_ref(const tr_corpus *corpus, int delta);

/* Phase clocks: tri_phase_begin() stores the start, tri_phase_end() adds the time since
 * then to the corpus's account of @phase. */
typedef struct {
  int64_t wall_us, cpu_ns;
} tr_phase_clock;
void tri_phase_begin(tr_phase_clock *clk);
void tri_phase_end(const tr_corpus *corpus, tr_corpus_phase phase, tr_phase_clock *clk);

/* tri_parallel_for(): the library's thread pool, core/tr-internal.h */

/* The corpus jobs (index-matrix.c, index-join.c, index-overlaps.c) under a run; the public entry points are in jobs.c. */
unsigned tri_index_threads(const tr_shingle_index *index);
int tri_index_matrix(const tr_shingle_index *index, tr_unit_kind kind, const size_t *units,
                     size_t count, double *jaccard, uint64_t *intersection, tri_run *run);
int tri_index_pairs(const tr_shingle_index *index, tr_unit_kind kind, double threshold,
                    unsigned flags, tr_pair_list **out, tri_run *run);
int tri_index_trace(const tr_shingle_index *index, double threshold, tr_pair_list **out, tri_run *run);
int tri_index_overlaps(const tr_shingle_index *index, tr_unit_kind kind, double min_jaccard,
                       tr_pair_fn fn, void *user_data, tri_run *run);

G_END_DECLS

#endif
