/*
 * libtraderules - Aho-Corasick automaton over normalised text (internal).
 *
 * Normalised text is lowercase ASCII letters, digits and single spaces (see
 * tr_norm_* in coder-private.h). Patterns are normalised the same way and
 * carry their word boundaries as spaces (" shall endeavour ", or " endeavo"
 * for the prefix pattern "endeavo*"), so a single left-to-right pass over the
 * text reports every occurrence of every phrase in O(text + matches).
 * SPDX-License-Identifier: MIT
 */
#ifndef TR_AUTOMATON_H
#define TR_AUTOMATON_H

#include <glib.h>

#define TR_AC_ALPHABET 37 /* ' ', a-z, 0-9 */

typedef struct tr_ac tr_ac;

tr_ac *tri_ac_new(void);
void tri_ac_free(tr_ac *ac);
/* Add a normalised pattern; returns its id (the same id for the same string). */
int tri_ac_add(tr_ac *ac, const char *pattern);
/* Build the failure links and the full transition table. No add after this. */
void tri_ac_compile(tr_ac *ac);
size_t tri_ac_pattern_count(const tr_ac *ac);
size_t tri_ac_state_count(const tr_ac *ac);
size_t tri_ac_pattern_length(const tr_ac *ac, int id);

typedef void (*tr_ac_hit_fn)(int pattern, size_t start, size_t end, void *user);
/* Scan normalised @text of @length bytes; @hit gets [start, end) of each match. */
void tri_ac_scan(const tr_ac *ac, const char *text, size_t length, tr_ac_hit_fn hit, void *user);

#endif /* TR_AUTOMATON_H */
