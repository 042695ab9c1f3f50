/*
 * libtraderules - the US and EU e-commerce templates (issue 13: moved from
 * `traderules corpus templates`): the reference selection, e-commerce chapters by name, the
 * shingle set of each unit, the group statistics and each unit's closest group.
 * SPDX-License-Identifier: MIT
 */
#include "corpus/tr-index-internal.h"

#include <string.h>

/* The reference selection (ToTA v0.5.0): US e-commerce chapters
 * (whole chapter by name and number label) and EU e-commerce articles (chapter name
 * containing "Electronic Commerce" and article number labels). */
typedef struct {
  const char *tota_id;
  tr_ecommerce_group group;
  const char *chapter_number; /* whole chapter named "Electronic Commerce" with this label */
  const char *articles[8];    /* or these article labels in a chapter naming Electronic Commerce */
} ref_unit;

#define US TR_ECOMMERCE_GROUP_US
#define EU TR_ECOMMERCE_GROUP_EU
static const ref_unit reference[] = {
  { "17", US, "CHAPTER THIRTEEN", { NULL } },
  { "23", US, "CHAPTER FOURTEEN", { NULL } },
  { "26", US, "CHAPTER FOURTEEN", { NULL } },
  { "37", US, "CHAPTER SIXTEEN", { NULL } },
  { "52", US, "CHAPTER 14", { NULL } },
  { "156", US, "CHAPTER FIFTEEN", { NULL } },
  { "157", US, "CHAPTER FOURTEEN", { NULL } },
  { "158", US, "CHAPTER FOURTEEN", { NULL } },
  { "159", US, "CHAPTER FIFTEEN", { NULL } },
  { "342", US, "CHAPTER FIFTEEN", { NULL } },
  { "449", US, "CHAPTER 14", { NULL } },
  { "145", EU, NULL, { "ARTICLE 7.48", "ARTICLE 7.49", NULL } },
  { "368", EU, "CHAPTER 6", { NULL } },
  { "388", EU, "CHAPTER 6", { NULL } },
  { "392", EU, NULL, { "ARTICLE 139", "ARTICLE 140", NULL } },
  { "395", EU, "CHAPTER 6", { NULL } },
  { "427", EU, NULL, { "ARTICLE 127", "ARTICLE 128", "ARTICLE 129", "ARTICLE 130",
                       "ARTICLE 131", "ARTICLE 132", "ARTICLE 133", NULL } },
  { "428", EU, NULL, { "ARTICLE 254", "ARTICLE 255", "ARTICLE 256", "ARTICLE 257",
                       "ARTICLE 258", "ARTICLE 259", "ARTICLE 260", NULL } },
};
#undef US
#undef EU

typedef struct {
  size_t agreement;
  tr_ecommerce_group group;
  char *label;
  GArray *articles; /* size_t */
  tr_shingle_set *set;
  double mean[2];   /* to the US and EU units, itself excluded */
  size_t nmean[2];
} tunit;

struct tr_ecommerce_templates {
  GPtrArray *units; /* tunit */
  double *jac;      /* units x units */
};

int tr_corpus_is_ecommerce_name(const char *name) {
  char *l;
  int r;
  if (!name || !g_utf8_validate(name, -1, NULL))
    return 0;
  l = g_utf8_strdown(name, -1);
  r = g_str_equal(l, "electronic commerce") || g_str_equal(l, "e-commerce") ||
      g_str_equal(l, "comercio electrónico") || g_str_equal(l, "commerce électronique") ||
      g_str_equal(l, "electronic commerce chapter");
  g_free(l);
  return r;
}

int tr_corpus_chapter_is_ecommerce(const tr_corpus *corpus, size_t chapter) {
  return tr_corpus_is_ecommerce_name(tr_corpus_chapter_get(corpus, chapter, TR_CORPUS_FIELD_NAME));
}

const char *tr_ecommerce_group_name(tr_ecommerce_group group) {
  switch (group) {
  case TR_ECOMMERCE_GROUP_US: return "US";
  case TR_ECOMMERCE_GROUP_EU: return "EU";
  default: return NULL;
  }
}

static void tunit_free(gpointer p) {
  tunit *u = p;
  tr_shingle_set_free(u->set);
  g_array_free(u->articles, TRUE);
  g_free(u->label);
  g_free(u);
}

void tr_ecommerce_templates_free(tr_ecommerce_templates *t) {
  if (!t)
    return;
  g_ptr_array_free(t->units, TRUE);
  g_free(t->jac);
  g_free(t);
}

/* The shingle set of a unit with TR_ECOMMERCE_JOIN_ARTICLES: the set of the article texts
 * joined with one space (shingles across articles). */
static int unit_set_joined(const tr_shingle_index *ix, tunit *u) {
  const tr_corpus *c = ix->corpus;
  GString *g = g_string_new(NULL);
  for (guint i = 0; i < u->articles->len; i++) {
    if (i)
      g_string_append_c(g, ' ');
    g_string_append(g, tr_corpus_article_get(c, g_array_index(u->articles, size_t, i),
                                             TR_CORPUS_FIELD_TEXT));
  }
  int rc = tr_shingle_set_from_text(g->str, (long)g->len, ix->kind, ix->n, &u->set);
  g_string_free(g, TRUE);
  return rc;
}

/* Without the flag a unit's set is the union of its article sets: its shingle ids (the
 * index's article sets gathered, sorted, repeats dropped) give the similarities, and the
 * strings of the public set (tr_ecommerce_templates_set()) are made from them. */
typedef struct {
  const tr_shingle_index *ix;
  tr_ecommerce_templates *t;
  unsigned flags;
  uint32_t **ids;  /* per unit: gathered (unsorted) ids, then the sorted set */
  size_t *nids;
  uint32_t **tmp;  /* per worker: the sort's scratch */
  size_t *tmpcap;
  int *rc;         /* per unit */
} tjob;

static void units_range(size_t b, size_t e, unsigned w, void *user) {
  tjob *j = user;
  for (size_t i = b; i < e; i++) {
    tunit *u = g_ptr_array_index(j->t->units, i);
    if (j->flags & TR_ECOMMERCE_JOIN_ARTICLES) {
      j->rc[i] = unit_set_joined(j->ix, u);
      continue;
    }
    size_t n = j->nids[i], k;
    uint32_t *a = j->ids[i];
    if (n > j->tmpcap[w]) {
      g_free(j->tmp[w]);
      j->tmpcap[w] = 0;
      if (!(j->tmp[w] = g_try_new(uint32_t, n))) {
        j->rc[i] = TR_ERR_NOMEM;
        continue;
      }
      j->tmpcap[w] = n;
    }
    tri_sort_u32(a, n, j->tmp[w]);
    k = tri_uniq_u32(a, n);
    j->nids[i] = k;
    j->rc[i] = tri_index_set_of_ids(j->ix, a, k, &u->set);
  }
}

/* Row i of the similarities (columns j > i, and their mirror; the diagonal): as
 * tr_shingle_set_jaccard() of the units' sets, from their ids or their strings. */
static void jac_range(size_t b, size_t e, unsigned w, void *user) {
  tjob *j = user;
  size_t n = j->t->units->len;
  double *jac = j->t->jac;
  (void)w;
  for (size_t i = b; i < e; i++) {
    for (size_t y = i; y < n; y++) {
      double v;
      if (j->flags & TR_ECOMMERCE_JOIN_ARTICLES) {
        v = tr_shingle_set_jaccard(((tunit *)g_ptr_array_index(j->t->units, i))->set,
                                   ((tunit *)g_ptr_array_index(j->t->units, y))->set);
      } else {
        size_t k = tri_inter_u32(j->ids[i], j->nids[i], j->ids[y], j->nids[y]);
        size_t uni = j->nids[i] + j->nids[y] - k;
        v = uni ? (double)k / (double)uni : 0.0;
      }
      jac[i * n + y] = jac[y * n + i] = v;
    }
  }
}

/* The ids of each unit's articles, gathered: the article sets are read under art_lock, as
 * their first sort (tri_index_sort_articles(), another thread's job) permutes them. */
static int gather_ids(tjob *j, size_t n) {
  tr_shingle_index *ix = (tr_shingle_index *)j->ix;
  int rc = TR_OK;
  pthread_mutex_lock(&ix->art_lock);
  for (size_t i = 0; i < n && rc == TR_OK; i++) {
    tunit *u = g_ptr_array_index(j->t->units, i);
    size_t cnt = 0;
    for (guint k = 0; k < u->articles->len; k++) {
      size_t a = g_array_index(u->articles, size_t, k);
      cnt += ix->art_off[a + 1] - ix->art_off[a];
    }
    if (!(j->ids[i] = g_try_new(uint32_t, cnt ? cnt : 1))) {
      rc = tri_fail(TR_ERR_NOMEM, "out of memory for the shingles of template unit %zu", i);
      break;
    }
    for (guint k = 0; k < u->articles->len; k++) {
      size_t a = g_array_index(u->articles, size_t, k);
      memcpy(j->ids[i] + j->nids[i], ix->art_ids + ix->art_off[a],
             (ix->art_off[a + 1] - ix->art_off[a]) * sizeof(uint32_t));
      j->nids[i] += ix->art_off[a + 1] - ix->art_off[a];
    }
  }
  pthread_mutex_unlock(&ix->art_lock);
  return rc;
}

/* 1. the reference groups: for each reference agreement in the corpus, its chapter
 * "Electronic Commerce" with the reference label, or its reference articles in a chapter
 * whose name contains "Electronic Commerce"; an agreement with none of them gives no unit. */
static void add_reference_units(const tr_corpus *c, GPtrArray *units) {
  for (size_t r = 0; r < G_N_ELEMENTS(reference); r++) {
    size_t a, first, nch;
    if (tr_corpus_agreement_find(c, reference[r].tota_id, &a) != TR_OK)
      continue;
    tunit *u = g_new0(tunit, 1);
    u->agreement = a;
    u->group = reference[r].group;
    u->articles = g_array_new(FALSE, FALSE, sizeof(size_t));
    nch = tr_corpus_agreement_chapters(c, a, &first);
    for (size_t ch = first; ch < first + nch; ch++) {
      const char *cname = tr_corpus_chapter_get(c, ch, TR_CORPUS_FIELD_NAME);
      const char *cnum = tr_corpus_chapter_get(c, ch, TR_CORPUS_FIELD_NUMBER);
      size_t af, na = tr_corpus_chapter_articles(c, ch, &af);
      for (size_t ar = af; ar < af + na; ar++) {
        gboolean ok = FALSE;
        if (reference[r].chapter_number)
          ok = cname && g_str_equal(cname, "Electronic Commerce") && cnum &&
               g_str_equal(cnum, reference[r].chapter_number);
        else if (cname && strstr(cname, "Electronic Commerce")) {
          const char *num = tr_corpus_article_get(c, ar, TR_CORPUS_FIELD_NUMBER);
          for (int k = 0; reference[r].articles[k] && !ok; k++)
            ok = num && g_str_equal(num, reference[r].articles[k]);
        }
        if (ok)
          g_array_append_val(u->articles, ar);
      }
    }
    if (u->articles->len == 0) {
      tunit_free(u);
      continue;
    }
    u->label = g_strdup(reference[r].chapter_number ? reference[r].chapter_number : "e-commerce articles");
    g_ptr_array_add(units, u);
  }
}

/* 2. the first chapter named like an e-commerce chapter (tr_corpus_is_ecommerce_name())
 * with articles, of every agreement that has no unit yet, in corpus order. */
static void add_named_units(const tr_corpus *c, GPtrArray *units) {
  for (size_t ch = 0; ch < tr_corpus_chapter_count(c); ch++) {
    size_t a = tr_corpus_chapter_agreement(c, ch), af, na;
    gboolean known = FALSE;
    if (!tr_corpus_chapter_is_ecommerce(c, ch))
      continue;
    for (guint i = 0; i < units->len; i++)
      known = known || ((tunit *)g_ptr_array_index(units, i))->agreement == a;
    if (known)
      continue;
    na = tr_corpus_chapter_articles(c, ch, &af);
    if (!na)
      continue;
    tunit *u = g_new0(tunit, 1);
    u->agreement = a;
    u->group = TR_ECOMMERCE_GROUP_NONE;
    u->articles = g_array_new(FALSE, FALSE, sizeof(size_t));
    for (size_t ar = af; ar < af + na; ar++)
      g_array_append_val(u->articles, ar);
    const char *num = tr_corpus_chapter_get(c, ch, TR_CORPUS_FIELD_NUMBER);
    u->label = g_strdup(num ? num : "e-commerce chapter");
    g_ptr_array_add(units, u);
  }
}

int tr_ecommerce_templates_new(const tr_shingle_index *index, unsigned flags,
                               const tr_analysis_options *options, tr_ecommerce_templates **out) {
  if (out)
    *out = NULL;
  if (!index || !out)
    return tri_fail(TR_ERR_INVALID_ARG, "index or out is NULL");
  if (flags & ~(unsigned)TR_ECOMMERCE_JOIN_ARTICLES)
    return tri_fail(TR_ERR_INVALID_ARG, "unknown flags 0x%x", flags);
  if (tri_analysis_options_selects(options))
    return tri_fail(TR_ERR_INVALID_ARG, "the corpus jobs select units, not catalog agreements: "
                                        "the analysis options must not set a filter or ids");
  tr_ecommerce_templates *t = g_new0(tr_ecommerce_templates, 1);
  t->units = g_ptr_array_new_with_free_func(tunit_free);
  add_reference_units(index->corpus, t->units);
  add_named_units(index->corpus, t->units);
  size_t n = t->units->len;
  unsigned T;
  int rc = TR_OK;
  tri_run run;
  tjob job = { 0 };
  /* threads: as the other jobs on an index (options NULL: the index's count) */
  tri_run_init(&run, options, options ? 0 : tri_index_threads(index));
  T = run.threads;
  job.ix = index;
  job.t = t;
  job.flags = flags;
  job.ids = g_new0(uint32_t *, n ? n : 1);
  job.nids = g_new0(size_t, n ? n : 1);
  job.rc = g_new0(int, n ? n : 1);
  job.tmp = g_new0(uint32_t *, T);
  job.tmpcap = g_new0(size_t, T);
  if (!(flags & TR_ECOMMERCE_JOIN_ARTICLES))
    rc = gather_ids(&job, n);
  if (rc == TR_OK) {
    tri_run_start(&run, n); /* progress: units whose set is built */
    tri_parallel_for_run(n, 1, &run, units_range, &job);
    for (size_t i = 0; i < n && rc == TR_OK && !tri_run_stopped(&run); i++)
      if (job.rc[i] != TR_OK)
        rc = job.rc[i] == TR_ERR_NOMEM
                 ? tri_fail(TR_ERR_NOMEM, "out of memory for the set of template unit %zu", i)
                 : tri_fail(job.rc[i], "the set of template unit %zu could not be built", i);
  }
  if (rc == TR_OK && !tri_run_stopped(&run)) {
    t->jac = g_try_new(double, n > 0 ? n * n : 1);
    if (!t->jac)
      rc = tri_fail(TR_ERR_NOMEM, "out of memory for %zu template units", n);
    else
      tri_parallel_for(n, 1, T, jac_range, &job);
  }
  for (size_t i = 0; i < n; i++)
    g_free(job.ids[i]);
  for (unsigned w = 0; w < T; w++)
    g_free(job.tmp[w]);
  g_free(job.ids);
  g_free(job.nids);
  g_free(job.rc);
  g_free(job.tmp);
  g_free(job.tmpcap);
  if (rc != TR_OK) {
    tri_run_clear(&run);
    tr_ecommerce_templates_free(t);
    return rc;
  }
  rc = tri_run_finish(&run);
  if (rc != TR_OK) {
    tr_ecommerce_templates_free(t);
    return rc;
  }
  /* each unit's mean similarity to the units of each group, itself excluded */
  for (size_t i = 0; i < n; i++) {
    tunit *x = g_ptr_array_index(t->units, i);
    double s[2] = { 0, 0 };
    for (size_t j = 0; j < n; j++) {
      tunit *y = g_ptr_array_index(t->units, j);
      if (j == i || y->group == TR_ECOMMERCE_GROUP_NONE)
        continue;
      int g = y->group == TR_ECOMMERCE_GROUP_EU;
      s[g] += t->jac[i * n + j];
      x->nmean[g]++;
    }
    for (int g = 0; g < 2; g++)
      x->mean[g] = x->nmean[g] ? s[g] / (double)x->nmean[g] : 0;
  }
  *out = t;
  return TR_OK;
}

size_t tr_ecommerce_templates_count(const tr_ecommerce_templates *t) {
  return t ? t->units->len : 0;
}

static tunit *unit_at(const tr_ecommerce_templates *t, size_t i) {
  if (!t)
    return (void)tri_fail(TR_ERR_INVALID_ARG, "templates is NULL"), NULL;
  if (i >= t->units->len)
    return (void)tri_fail(TR_ERR_INVALID_ARG, "unit %zu is out of range (%u units)", i, t->units->len), NULL;
  return g_ptr_array_index(t->units, i);
}

int tr_ecommerce_templates_unit(const tr_ecommerce_templates *t, size_t i, size_t *agreement,
                                tr_ecommerce_group *group, const char **label) {
  tunit *u = unit_at(t, i);
  if (!u)
    return TR_ERR_INVALID_ARG;
  if (agreement)
    *agreement = u->agreement;
  if (group)
    *group = u->group;
  if (label)
    *label = u->label;
  return TR_OK;
}

const size_t *tr_ecommerce_templates_articles(const tr_ecommerce_templates *t, size_t i,
                                              size_t *count) {
  tunit *u = unit_at(t, i);
  if (count)
    *count = u ? u->articles->len : 0;
  return u ? (const size_t *)(const void *)u->articles->data : NULL;
}

const tr_shingle_set *tr_ecommerce_templates_set(const tr_ecommerce_templates *t, size_t i) {
  tunit *u = unit_at(t, i);
  return u ? u->set : NULL;
}

static gboolean group_ok(tr_ecommerce_group g) {
  return g == TR_ECOMMERCE_GROUP_US || g == TR_ECOMMERCE_GROUP_EU;
}

int tr_ecommerce_templates_mean(const tr_ecommerce_templates *t, size_t i, tr_ecommerce_group group,
                                double *mean, size_t *count) {
  tunit *u = unit_at(t, i);
  if (!u)
    return TR_ERR_INVALID_ARG;
  if (!group_ok(group))
    return tri_fail(TR_ERR_INVALID_ARG, "group %d is not US or EU", (int)group);
  int g = group == TR_ECOMMERCE_GROUP_EU;
  if (mean)
    *mean = u->mean[g];
  if (count)
    *count = u->nmean[g];
  return TR_OK;
}

int tr_ecommerce_templates_closest(const tr_ecommerce_templates *t, size_t i, tr_ecommerce_group *out) {
  tunit *u = unit_at(t, i);
  if (!u)
    return TR_ERR_INVALID_ARG;
  if (!out)
    return tri_fail(TR_ERR_INVALID_ARG, "out is NULL");
  *out = u->mean[0] == u->mean[1] ? TR_ECOMMERCE_GROUP_NONE
         : u->mean[0] > u->mean[1] ? TR_ECOMMERCE_GROUP_US
                                   : TR_ECOMMERCE_GROUP_EU;
  return TR_OK;
}

int tr_ecommerce_templates_compare(const tr_ecommerce_templates *t, tr_ecommerce_group a,
                                   tr_ecommerce_group b, size_t *pairs, double *mean, double *min,
                                   double *max) {
  if (!t)
    return tri_fail(TR_ERR_INVALID_ARG, "templates is NULL");
  if (!group_ok(a) || !group_ok(b))
    return tri_fail(TR_ERR_INVALID_ARG, "groups %d and %d are not both US or EU", (int)a, (int)b);
  size_t n = t->units->len, np = 0;
  double sum = 0, mn = 2, mx = -1;
  for (size_t i = 0; i < n; i++)
    for (size_t j = 0; j < n; j++) {
      tunit *x = g_ptr_array_index(t->units, i), *y = g_ptr_array_index(t->units, j);
      if (x->group != a || y->group != b || (a == b && j <= i))
        continue;
      double jac = t->jac[i * n + j];
      sum += jac;
      mn = MIN(mn, jac);
      mx = MAX(mx, jac);
      np++;
    }
  if (pairs)
    *pairs = np;
  if (mean)
    *mean = np ? sum / (double)np : 0;
  if (min)
    *min = np ? mn : 0;
  if (max)
    *max = np ? mx : 0;
  return TR_OK;
}
