/*
 * libtraderules - Aho-Corasick automaton (internal).
 * SPDX-License-Identifier: MIT
 */
#include "coder/automaton.h"

#include <string.h>

struct tr_ac {
  GArray *delta;      /* int32 per (state, symbol); -1 = none before compile */
  GArray *own;        /* int32 per state: pattern ending here, or -1 */
  GArray *fail;       /* int32 per state */
  GArray *out_link;   /* int32 per state: nearest state on the fail chain with own >= 0, or 0 */
  GArray *pat_len;    /* size_t per pattern */
  GHashTable *ids;    /* pattern string -> id + 1 */
  guint16 *delta16;   /* compact copy of delta when the states fit in 16 bits */
  int nstates;
  gboolean compiled;
};

/* Symbol of each byte: ' ' (and anything else) 0, a-z 1..26, 0-9 27..36. */
static const guint8 sym_table[256] = {
  ['a'] = 1, ['b'] = 2, ['c'] = 3, ['d'] = 4, ['e'] = 5, ['f'] = 6, ['g'] = 7, ['h'] = 8,
  ['i'] = 9, ['j'] = 10, ['k'] = 11, ['l'] = 12, ['m'] = 13, ['n'] = 14, ['o'] = 15,
  ['p'] = 16, ['q'] = 17, ['r'] = 18, ['s'] = 19, ['t'] = 20, ['u'] = 21, ['v'] = 22,
  ['w'] = 23, ['x'] = 24, ['y'] = 25, ['z'] = 26, ['0'] = 27, ['1'] = 28, ['2'] = 29,
  ['3'] = 30, ['4'] = 31, ['5'] = 32, ['6'] = 33, ['7'] = 34, ['8'] = 35, ['9'] = 36,
};

static inline int sym(unsigned char c) {
  return sym_table[c];
}

static int add_state(tr_ac *ac) {
  gint32 none = -1;
  for (int i = 0; i < TR_AC_ALPHABET; i++)
    g_array_append_val(ac->delta, none);
  g_array_append_val(ac->own, none);
  gint32 zero = 0;
  g_array_append_val(ac->fail, zero);
  g_array_append_val(ac->out_link, zero);
  return ac->nstates++;
}

#define DELTA(ac, s, c) g_array_index((ac)->delta, gint32, (gsize)(s) * TR_AC_ALPHABET + (c))

tr_ac *tri_ac_new(void) {
  tr_ac *ac = g_new0(tr_ac, 1);
  ac->delta = g_array_new(FALSE, FALSE, sizeof(gint32));
  ac->own = g_array_new(FALSE, FALSE, sizeof(gint32));
  ac->fail = g_array_new(FALSE, FALSE, sizeof(gint32));
  ac->out_link = g_array_new(FALSE, FALSE, sizeof(gint32));
  ac->pat_len = g_array_new(FALSE, FALSE, sizeof(size_t));
  ac->ids = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL);
  add_state(ac);
  return ac;
}

void tri_ac_free(tr_ac *ac) {
  if (!ac)
    return;
  g_array_free(ac->delta, TRUE);
  g_array_free(ac->own, TRUE);
  g_array_free(ac->fail, TRUE);
  g_array_free(ac->out_link, TRUE);
  g_array_free(ac->pat_len, TRUE);
  g_hash_table_destroy(ac->ids);
  g_free(ac->delta16);
  g_free(ac);
}

int tri_ac_add(tr_ac *ac, const char *pattern) {
  g_return_val_if_fail(!ac->compiled, -1);
  gpointer v = g_hash_table_lookup(ac->ids, pattern);
  if (v)
    return GPOINTER_TO_INT(v) - 1;
  int s = 0;
  for (const unsigned char *p = (const unsigned char *)pattern; *p; p++) {
    int c = sym(*p);
    gint32 t = DELTA(ac, s, c);
    if (t < 0) {
      t = add_state(ac);
      DELTA(ac, s, c) = t;
    }
    s = t;
  }
  int id = (int)ac->pat_len->len;
  size_t len = strlen(pattern);
  g_array_append_val(ac->pat_len, len);
  g_array_index(ac->own, gint32, s) = id;
  g_hash_table_insert(ac->ids, g_strdup(pattern), GINT_TO_POINTER(id + 1));
  return id;
}

void tri_ac_compile(tr_ac *ac) {
  if (ac->compiled)
    return;
  GQueue q = G_QUEUE_INIT;
  for (int c = 0; c < TR_AC_ALPHABET; c++) {
    gint32 t = DELTA(ac, 0, c);
    if (t < 0) {
      DELTA(ac, 0, c) = 0;
    } else {
      g_array_index(ac->fail, gint32, t) = 0;
      g_queue_push_tail(&q, GINT_TO_POINTER(t));
    }
  }
  while (!g_queue_is_empty(&q)) {
    int s = GPOINTER_TO_INT(g_queue_pop_head(&q));
    gint32 f = g_array_index(ac->fail, gint32, s);
    /* Output link: the fail state if it ends a pattern, else its output link. */
    g_array_index(ac->out_link, gint32, s) =
        g_array_index(ac->own, gint32, f) >= 0 ? f : g_array_index(ac->out_link, gint32, f);
    for (int c = 0; c < TR_AC_ALPHABET; c++) {
      gint32 t = DELTA(ac, s, c);
      if (t < 0) {
        DELTA(ac, s, c) = DELTA(ac, f, c);
      } else {
        g_array_index(ac->fail, gint32, t) = DELTA(ac, f, c);
        g_queue_push_tail(&q, GINT_TO_POINTER(t));
      }
    }
  }
  if (ac->nstates <= G_MAXUINT16) {
    gsize n = (gsize)ac->nstates * TR_AC_ALPHABET;
    ac->delta16 = g_new(guint16, n);
    for (gsize i = 0; i < n; i++)
      ac->delta16[i] = (guint16)g_array_index(ac->delta, gint32, i);
  }
  ac->compiled = TRUE;
}

size_t tri_ac_pattern_count(const tr_ac *ac) {
  return ac->pat_len->len;
}

size_t tri_ac_state_count(const tr_ac *ac) {
  return (size_t)ac->nstates;
}

size_t tri_ac_pattern_length(const tr_ac *ac, int id) {
  return g_array_index(ac->pat_len, size_t, id);
}

void tri_ac_scan(const tr_ac *ac, const char *text, size_t length, tr_ac_hit_fn hit, void *user) {
  const gint32 *delta = (const gint32 *)(void *)ac->delta->data;
  const gint32 *own = (const gint32 *)(void *)ac->own->data;
  const gint32 *out = (const gint32 *)(void *)ac->out_link->data;
  const size_t *plen = (const size_t *)(void *)ac->pat_len->data;
  gint32 s = 0;
  const guint16 *d16 = ac->delta16;
  for (size_t i = 0; i < length; i++) {
    gsize idx = (gsize)s * TR_AC_ALPHABET + sym_table[(unsigned char)text[i]];
    s = d16 ? (gint32)d16[idx] : delta[idx];
    gint32 t = own[s] >= 0 ? s : out[s];
    if (G_LIKELY(t == 0))
      continue;
    while (t > 0) {
      int id = own[t];
      hit(id, i + 1 - plen[id], i + 1, user);
      t = out[t];
    }
  }
}
