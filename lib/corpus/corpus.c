/*
 * libtraderules - the corpus object: creation, threads, phase clocks, loading (files read and
 * parsed by worker threads, corpus-xml.c).
 * SPDX-License-Identifier: MIT
 */
#include "corpus/tr-corpus-private.h"

#include <glib/gstdio.h>
#include <libxml/parser.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

/* ---- corpus object ---- */

static gsize xml_inited;

int tr_corpus_new(tr_corpus **out) {
  tr_corpus *c;
  if (!out)
    return tri_fail(TR_ERR_INVALID_ARG, "out is NULL");
  if (g_once_init_enter(&xml_inited)) {
    xmlInitParser();
    g_once_init_leave(&xml_inited, 1);
  }
  c = g_new0(tr_corpus, 1);
  c->docs = g_ptr_array_new_with_free_func((GDestroyNotify)tri_doc_free);
  c->blocks = g_ptr_array_new_with_free_func(g_free);
  /* not cleared: a load sizes them once and writes every new element (corpus_fill) */
  c->agreements = g_array_new(FALSE, FALSE, sizeof(agr_t));
  c->chapters = g_array_new(FALSE, FALSE, sizeof(chap_t *));
  c->articles = g_array_new(FALSE, FALSE, sizeof(art_t *));
  c->by_tota = g_hash_table_new(g_str_hash, g_str_equal);
  g_mutex_init(&c->progress_lock);
  *out = c;
  return TR_OK;
}

void tr_corpus_free(tr_corpus *c) {
  if (!c)
    return;
  g_ptr_array_free(c->docs, TRUE);
  g_ptr_array_free(c->blocks, TRUE); /* the docs' strings */
  g_array_free(c->agreements, TRUE);
  g_array_free(c->chapters, TRUE);
  g_array_free(c->articles, TRUE);
  g_hash_table_destroy(c->by_tota);
  g_mutex_clear(&c->progress_lock);
  g_free(c);
}

int tr_corpus_set_threads(tr_corpus *c, unsigned threads) {
  if (!c)
    return tri_fail(TR_ERR_INVALID_ARG, "corpus is NULL");
  if (threads > 64)
    return tri_fail(TR_ERR_INVALID_ARG, "at most 64 threads (asked for %u)", threads);
  c->threads = threads;
  return TR_OK;
}

unsigned tri_corpus_threads(const tr_corpus *c) {
  unsigned t = c->threads ? c->threads : (unsigned)g_get_num_processors();
  return MIN(MAX(t, 1u), 64u);
}

/* ---- phase clocks ---- */

static int64_t cpu_now_ns(void) {
  struct timespec ts;
  if (clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts) != 0)
    return 0;
  return (int64_t)ts.tv_sec * 1000000000 + ts.tv_nsec;
}

void tri_phase_begin(tr_phase_clock *clk) {
  clk->wall_us = g_get_monotonic_time();
  clk->cpu_ns = cpu_now_ns();
}

void tri_phase_end(const tr_corpus *c, tr_corpus_phase phase, tr_phase_clock *clk) {
  tr_corpus *m = (tr_corpus *)c;
  int64_t w = g_get_monotonic_time(), u = cpu_now_ns();
  if ((unsigned)phase < TR_PHASE_COUNT) {
    __atomic_fetch_add(&m->phase_wall_us[phase], w - clk->wall_us, __ATOMIC_RELAXED);
    __atomic_fetch_add(&m->phase_cpu_ns[phase], u - clk->cpu_ns, __ATOMIC_RELAXED);
  }
  clk->wall_us = w;
  clk->cpu_ns = u;
}

int tr_corpus_phase_time(const tr_corpus *c, tr_corpus_phase phase, double *wall_seconds,
                         double *cpu_seconds) {
  if (!c || (unsigned)phase >= TR_PHASE_COUNT)
    return tri_fail(TR_ERR_INVALID_ARG, "corpus is NULL or phase %d unknown", (int)phase);
  if (wall_seconds)
    *wall_seconds = (double)__atomic_load_n(&c->phase_wall_us[phase], __ATOMIC_RELAXED) / 1e6;
  if (cpu_seconds)
    *cpu_seconds = (double)__atomic_load_n(&c->phase_cpu_ns[phase], __ATOMIC_RELAXED) / 1e9;
  return TR_OK;
}

const char *tr_corpus_phase_name(tr_corpus_phase phase) {
  static const char *const names[TR_PHASE_COUNT] = { "ingest", "tokenize", "intern", "sets",
                                                     "join" };
  return (unsigned)phase < TR_PHASE_COUNT ? names[phase] : NULL;
}

void tr_corpus_set_progress(tr_corpus *c, tr_progress_fn fn, void *user_data) {
  if (!c)
    return;
  c->progress = fn;
  c->progress_ud = user_data;
}

void tri_corpus_progress(const tr_corpus *c, const char *stage, size_t done, size_t total) {
  tr_corpus *m = (tr_corpus *)c;
  if (!c->progress)
    return;
  g_mutex_lock(&m->progress_lock);
  c->progress(stage, done, total, c->progress_ud);
  g_mutex_unlock(&m->progress_lock);
}

void tri_corpus_index_ref(const tr_corpus *c, int delta) {
  g_atomic_int_add(&((tr_corpus *)c)->index_refs, delta);
}

/* Writes a parsed document (checked) into the corpus arrays, already sized: agreement @ai, its
 * chapters from @cbase, its articles from @abase. The chapters and articles stay where the parse
 * put them (the document's arrays, memory already touched), given their corpus numbers there;
 * the corpus arrays point at them. Touches no other element, so documents are written in
 * parallel. */
static void corpus_fill(tr_corpus *c, doc_t *d, size_t ai, size_t cbase, size_t abase) {
  agr_t *a = &g_array_index(c->agreements, agr_t, ai);
  chap_t **chp = &g_array_index(c->chapters, chap_t *, cbase);
  art_t **arp = &g_array_index(c->articles, art_t *, abase);
  chap_t *ch = d->chapters;
  art_t *ar = d->articles;
  *a = d->a;
  for (int k = 0; k < 2; k++) {
    a->nparties[k] = d->parties[k]->len;
    a->parties[k] = (char **)d->parties[k]->pdata;
  }
  a->ch_first = cbase;
  a->ch_count = d->nchapters;
  a->ar_first = abase;
  a->ar_count = d->narticles;
  for (guint i = 0; i < d->nchapters; i++) {
    ch[i].agreement = ai;
    ch[i].ar_first += abase;
    chp[i] = &ch[i];
  }
  for (guint i = 0; i < d->narticles; i++) {
    ar[i].agreement = (uint32_t)ai;
    ar[i].chapter += (uint32_t)cbase;
    arp[i] = &ar[i];
  }
}

/* The serial part of adding documents: the id index and ownership, in order. */
static void corpus_own(tr_corpus *c, doc_t *d, size_t ai) {
  g_hash_table_insert(c->by_tota, d->a.meta[TR_CORPUS_FIELD_TOTA_ID], GSIZE_TO_POINTER(ai + 1));
  g_ptr_array_add(c->docs, d);
}

/* Appends one parsed document (checked) to the corpus. */
static void corpus_add(tr_corpus *c, doc_t *d) {
  size_t ai = c->agreements->len, cbase = c->chapters->len, abase = c->articles->len;
  g_array_set_size(c->agreements, ai + 1);
  g_array_set_size(c->chapters, cbase + d->nchapters);
  g_array_set_size(c->articles, abase + d->narticles);
  corpus_fill(c, d, ai, cbase, abase);
  corpus_own(c, d, ai);
}

static int corpus_load_memory(tr_corpus *c, const char *name, const char *data, size_t len);

int tr_corpus_load_memory(tr_corpus *c, const char *name, const char *data, size_t len) {
  tr_phase_clock clk;
  int rc;
  tri_phase_begin(&clk);
  rc = corpus_load_memory(c, name, data, len);
  if (c)
    tri_phase_end(c, TR_PHASE_INGEST, &clk);
  return rc;
}

static int corpus_load_memory(tr_corpus *c, const char *name, const char *data, size_t len) {
  perr_t e = { 0 };
  doc_t *d;
  int rc;
  if (!c || !data || !name)
    return tri_fail(TR_ERR_INVALID_ARG, "corpus, name or data is NULL");
  if (g_atomic_int_get(&c->index_refs) > 0)
    return tri_fail(TR_ERR_INVALID_ARG, "the corpus has a live shingle index; free it first");
  GString *text = g_string_new(NULL);
  d = tri_parse_doc(name, data, len, &e, text);
  g_string_free(text, TRUE);
  if (d && g_hash_table_contains(c->by_tota, d->a.meta[TR_CORPUS_FIELD_TOTA_ID]))
    tri_perr_set(&e, TR_ERR_DUPLICATE, name, 0, 0, "ToTA id %s is already in the corpus",
             d->a.meta[TR_CORPUS_FIELD_TOTA_ID]);
  if (e.code) {
    tri_doc_free(d);
    rc = tri_set_error(e.code, e.file, e.line, e.column, NULL, "%s", e.msg);
    tri_perr_clear(&e);
    return rc;
  }
  corpus_add(c, d);
  return TR_OK;
}

/* Natural order: digit runs compare as numbers. */
static int natural_cmp(const void *pa, const void *pb) {
  const char *a = *(const char *const *)pa, *b = *(const char *const *)pb;
  while (*a && *b) {
    if (g_ascii_isdigit(*a) && g_ascii_isdigit(*b)) {
      const char *ea = a, *eb = b;
      while (*a == '0' && g_ascii_isdigit(a[1])) a++;
      while (*b == '0' && g_ascii_isdigit(b[1])) b++;
      for (ea = a; g_ascii_isdigit(*ea); ea++) ;
      for (eb = b; g_ascii_isdigit(*eb); eb++) ;
      if (ea - a != eb - b)
        return (ea - a) < (eb - b) ? -1 : 1;
      int r = strncmp(a, b, (size_t)(ea - a));
      if (r)
        return r;
      a = ea;
      b = eb;
    } else {
      if (*a != *b)
        return (unsigned char)*a < (unsigned char)*b ? -1 : 1;
      a++;
      b++;
    }
  }
  return *a ? 1 : *b ? -1 : strcmp(*(const char *const *)pa, *(const char *const *)pb);
}

/* ---- string arenas (tr-corpus-private.h) ---- */

void tri_arena_init(tri_arena *a, size_t block) {
  memset(a, 0, sizeof *a);
  a->blocks = g_ptr_array_new_with_free_func(g_free);
  a->block = MAX(block, (size_t)4096);
}

/* A new block of the arena (aborts on out of memory, as the strings' g_malloc did). */
static char *arena_block(tri_arena *a, size_t bytes) {
  char *b = tri_big_try_malloc(bytes);
  if (!b)
    b = g_malloc(bytes);
  g_ptr_array_add(a->blocks, b);
  return b;
}

static char *copy_z(char *c, const char *s, size_t len) {
  memcpy(c, s, len);
  c[len] = '\0';
  return c;
}

char *tri_arena_strdup(tri_arena *a, const char *s, size_t len) {
  char *c;
  if (len + 1 > a->left) {
    if (len + 1 > a->block / 4) /* a block of its own; the current one stays current */
      return copy_z(arena_block(a, len + 1), s, len);
    a->cur = arena_block(a, a->block);
    a->left = a->block;
  }
  c = a->cur;
  a->cur += len + 1;
  a->left -= len + 1;
  return copy_z(c, s, len);
}

void *tri_arena_memdup(tri_arena *a, const void *p, size_t bytes) {
  size_t pad = (size_t)(-(uintptr_t)a->cur & 7);
  char *c;
  if (bytes == 0)
    return NULL;
  if (bytes + pad > a->left) {
    if (bytes > a->block / 4) /* a block of its own; the current one stays current */
      return memcpy(arena_block(a, bytes), p, bytes);
    a->cur = arena_block(a, a->block);
    a->left = a->block;
    pad = 0;
  }
  c = a->cur + pad;
  a->cur = c + bytes;
  a->left -= pad + bytes;
  return memcpy(c, p, bytes);
}

tri_arena_mark tri_arena_get_mark(const tri_arena *a) {
  tri_arena_mark m = { a->cur, a->left, a->blocks->len };
  return m;
}

void tri_arena_reset(tri_arena *a, tri_arena_mark m) {
  if (a->blocks->len > m.nblocks)
    g_ptr_array_set_size(a->blocks, m.nblocks); /* frees the blocks taken since */
  a->cur = m.cur;
  a->left = m.left;
}

void tri_arena_hand_over(tri_arena *a, GPtrArray *to) {
  if (a->scratch_chapters)
    g_array_free(a->scratch_chapters, TRUE);
  if (a->scratch_articles)
    g_array_free(a->scratch_articles, TRUE);
  a->scratch_chapters = a->scratch_articles = NULL;
  if (!a->blocks)
    return;
  if (to) {
    g_ptr_array_set_free_func(a->blocks, NULL);
    for (guint i = 0; i < a->blocks->len; i++)
      g_ptr_array_add(to, g_ptr_array_index(a->blocks, i));
  }
  g_ptr_array_free(a->blocks, TRUE);
  memset(a, 0, sizeof *a);
}

/* A worker's scratch, kept for all its files: memory once touched is reused (a first touch
 * costs a page fault; freeing and taking fresh buffers per file also unmaps and maps, which
 * with two threads stops the other core for a TLB flush). Made by the worker itself. */
typedef struct {
  char *buf; /* the file being parsed (the largest file first: grown at most a few times) */
  size_t cap;
  GString *text; /* the parser's scratch */
} load_worker;

typedef struct {
  tr_corpus *c;
  char **paths;
  doc_t **docs;
  perr_t *errs;
  size_t n;
  size_t *order; /* files by size, largest first: the last ones to start are small */
  tri_arena *arenas; /* per worker: the documents' strings */
  load_worker *work; /* per worker */
  uint64_t largest;  /* bytes of the largest file (as stat saw it) */
  gint done;
} load_job;

typedef struct {
  uint64_t size;
  size_t i;
} file_size;

static int cmp_size_desc(const void *pa, const void *pb) {
  const file_size *a = pa, *b = pb;
  if (a->size != b->size)
    return a->size > b->size ? -1 : 1;
  return a->i < b->i ? -1 : a->i > b->i ? 1 : 0;
}

/* Read a whole file through the library's one reader (size limit before and
 * while reading, bounded chunks, no aborting allocation) into the worker's buffer.
 * Runs on a worker: the worker's thread-local error is moved into @err. */
static const char *read_file(const char *path, load_worker *w, size_t *len, perr_t *err) {
  int rc = tri_io_read_file_into(path, TR_INPUT_LIMIT, &w->buf, &w->cap, len);
  if (rc != TR_OK) {
    const char *msg = tr_error_message();
    size_t pl = strlen(path);
    if (strncmp(msg, path, pl) == 0 && strncmp(msg + pl, ": ", 2) == 0)
      msg += pl + 2;
    tri_perr_set(err, rc, path, 0, 0, "%s", msg);
    return NULL;
  }
  return w->buf;
}

static void load_range(size_t b, size_t e, unsigned worker, void *user) {
  load_job *j = user;
  load_worker *w = &j->work[worker];
  if (!w->text)
    w->text = g_string_sized_new(1 << 16);
  /* A buffer for the largest file at once. From 1 MiB on huge pages: one fault for 2 MiB
   * instead of one per 4 KiB (~12 us each on a VM; 1 MiB: 256 of them). */
  if (!w->buf && j->largest >= (1u << 20) && j->largest < TR_INPUT_LIMIT) {
    size_t cap = MAX((size_t)j->largest + 2, (size_t)4 << 20); /* tri_big_*: from 4 MiB */
    if ((w->buf = tri_big_try_malloc(cap)))
      w->cap = cap;
  }
  for (size_t k = b; k < e; k++) {
    size_t i = j->order[k], len = 0;
    const char *data = read_file(j->paths[i], w, &len, &j->errs[i]);
    if (data)
      j->docs[i] = tri_parse_doc_mode(j->paths[i], data, len, &j->errs[i], w->text,
                                      tri_xml_mode_from_env(), NULL, &j->arenas[worker]);
    tri_corpus_progress(j->c, "parsing", (size_t)g_atomic_int_add(&j->done, 1) + 1, j->n);
  }
}

/* Documents written into the corpus arrays in parallel (corpus_fill): document k is agreement
 * ag0 + k, its chapters from ch_at[k], its articles from ar_at[k]. */
typedef struct {
  tr_corpus *c;
  doc_t **docs;
  size_t *ch_at, *ar_at;
  size_t ag0;
} fill_job;

static void fill_range(size_t b, size_t e, unsigned worker, void *user) {
  fill_job *f = user;
  (void)worker;
  for (size_t k = b; k < e; k++)
    corpus_fill(f->c, f->docs[k], f->ag0 + k, f->ch_at[k], f->ar_at[k]);
}

/* Appends @n parsed documents (checked) in order, as n calls of corpus_add() would. */
static void corpus_add_all(tr_corpus *c, doc_t **docs, size_t n, unsigned threads) {
  fill_job f = { c, docs, g_new(size_t, n), g_new(size_t, n), c->agreements->len };
  size_t nch = c->chapters->len, nar = c->articles->len;
  for (size_t k = 0; k < n; k++) {
    f.ch_at[k] = nch;
    f.ar_at[k] = nar;
    nch += docs[k]->nchapters;
    nar += docs[k]->narticles;
  }
  /* sized once; the new elements are not cleared: each is written once, by its document */
  g_array_set_size(c->agreements, f.ag0 + n);
  g_array_set_size(c->chapters, nch);
  g_array_set_size(c->articles, nar);
  tri_parallel_for(n, 16, threads, fill_range, &f);
  for (size_t k = 0; k < n; k++)
    corpus_own(c, docs[k], f.ag0 + k);
  g_free(f.ch_at);
  g_free(f.ar_at);
}

static int corpus_load(tr_corpus *c, const char *path, tr_corpus_load_mode mode,
                       tr_corpus_errors **errors);

int tr_corpus_load(tr_corpus *c, const char *path, tr_corpus_load_mode mode,
                   tr_corpus_errors **errors) {
  tr_phase_clock clk;
  int rc;
  tri_phase_begin(&clk);
  rc = corpus_load(c, path, mode, errors);
  tri_mem_trim(); /* the workers' file buffers and parser state */
  if (c)
    tri_phase_end(c, TR_PHASE_INGEST, &clk);
  return rc;
}

static int corpus_load(tr_corpus *c, const char *path, tr_corpus_load_mode mode,
                       tr_corpus_errors **errors) {
  GPtrArray *paths;
  load_job j = { 0 };
  GHashTable *seen;
  int rc = TR_OK;
  if (errors)
    *errors = NULL;
  if (!c || !path)
    return tri_fail(TR_ERR_INVALID_ARG, "corpus or path is NULL");
  if (mode != TR_CORPUS_STOP_ON_ERROR && mode != TR_CORPUS_SKIP_ERRORS)
    return tri_fail(TR_ERR_INVALID_ARG, "unknown load mode %d", (int)mode);
  if (g_atomic_int_get(&c->index_refs) > 0)
    return tri_fail(TR_ERR_INVALID_ARG, "the corpus has a live shingle index; free it first");

  paths = g_ptr_array_new_with_free_func(g_free);
  if (g_file_test(path, G_FILE_TEST_IS_DIR)) {
    GError *ge = NULL;
    GDir *dir = g_dir_open(path, 0, &ge);
    const char *name;
    if (!dir) {
      rc = tri_set_error(TR_ERR_IO, path, 0, 0, NULL, "cannot open directory: %s", ge->message);
      g_error_free(ge);
      g_ptr_array_free(paths, TRUE);
      return rc;
    }
    while ((name = g_dir_read_name(dir)) != NULL) {
      char *full;
      if (name[0] == '.' || !g_str_has_suffix(name, ".xml"))
        continue;
      full = g_build_filename(path, name, NULL);
      /* Every *.xml entry is read, so one that cannot be (a dangling link, a
       * folder) is reported like any bad file instead of skipped silently. */
      g_ptr_array_add(paths, full);
    }
    g_dir_close(dir);
    if (paths->len == 0) {
      g_ptr_array_free(paths, TRUE);
      return tri_set_error(TR_ERR_EMPTY, path, 0, 0, NULL, "no *.xml files in the directory");
    }
    g_ptr_array_sort(paths, natural_cmp);
  } else if (g_file_test(path, G_FILE_TEST_EXISTS)) {
    g_ptr_array_add(paths, g_strdup(path));
  } else {
    g_ptr_array_free(paths, TRUE);
    return tri_set_error(TR_ERR_IO, path, 0, 0, NULL, "no such file or directory");
  }

  j.c = c;
  j.n = paths->len;
  j.paths = (char **)paths->pdata;
  j.docs = g_new0(doc_t *, j.n);
  j.errs = g_new0(perr_t, j.n);
  /* one file at a time, the largest first (results stay in path order: docs[i]) */
  unsigned nthreads = tri_corpus_threads(c);
  unsigned nw = MAX(MIN(nthreads, 64u), 1u); /* the pool's workers: 0 .. nw - 1 */
  {
    file_size *fs = g_new(file_size, j.n);
    uint64_t total = 0;
    for (size_t i = 0; i < j.n; i++) {
      GStatBuf st;
      fs[i].size = g_stat(j.paths[i], &st) == 0 ? (uint64_t)st.st_size : 0;
      fs[i].i = i;
      total += fs[i].size;
    }
    /* string blocks of about each worker's share of the bytes, 64 KiB to 8 MiB (the
     * texts are at most the files' bytes; huge pages from 4 MiB) */
    size_t block = (size_t)MIN(MAX(total / nw + 4096, (uint64_t)1 << 16),
                               (uint64_t)8 << 20);
    j.arenas = g_new0(tri_arena, nw);
    j.work = g_new0(load_worker, nw);
    for (unsigned w = 0; w < nw; w++)
      tri_arena_init(&j.arenas[w], block);
    qsort(fs, j.n, sizeof *fs, cmp_size_desc);
    j.largest = j.n ? fs[0].size : 0;
    j.order = g_new(size_t, j.n);
    for (size_t i = 0; i < j.n; i++)
      j.order[i] = fs[i].i;
    g_free(fs);
  }
  tri_parallel_for(j.n, 1, nthreads, load_range, &j);
  g_free(j.order);
  j.order = NULL;
  for (unsigned w = 0; w < nw; w++) {
    g_free(j.work[w].buf);
    if (j.work[w].text)
      g_string_free(j.work[w].text, TRUE);
  }
  g_free(j.work);

  /* Duplicate ToTA ids, against the corpus and within this load. */
  seen = g_hash_table_new(g_str_hash, g_str_equal);
  for (size_t i = 0; i < j.n; i++) {
    const char *id;
    if (!j.docs[i])
      continue;
    id = j.docs[i]->a.meta[TR_CORPUS_FIELD_TOTA_ID];
    if (g_hash_table_contains(c->by_tota, id) || g_hash_table_contains(seen, id)) {
      tri_perr_set(&j.errs[i], TR_ERR_DUPLICATE, j.paths[i], 0, 0,
               "ToTA id %s is already in the corpus", id);
      tri_doc_free(j.docs[i]);
      j.docs[i] = NULL;
    } else {
      g_hash_table_add(seen, (gpointer)id);
    }
  }
  g_hash_table_destroy(seen);

  if (mode == TR_CORPUS_STOP_ON_ERROR) {
    for (size_t i = 0; i < j.n; i++)
      if (j.errs[i].code) {
        rc = tri_set_error(j.errs[i].code, j.errs[i].file, j.errs[i].line, j.errs[i].column,
                          NULL, "%s", j.errs[i].msg);
        break;
      }
  }
  if (rc == TR_OK) {
    tr_corpus_errors *el = NULL;
    if (errors && mode == TR_CORPUS_SKIP_ERRORS) {
      el = g_new0(tr_corpus_errors, 1);
      el->items = g_array_new(FALSE, TRUE, sizeof(perr_t));
    }
    size_t nok = 0;
    for (size_t i = 0; i < j.n; i++) {
      if (j.docs[i]) {
        j.docs[nok++] = j.docs[i]; /* in path order */
        if (nok - 1 != i)
          j.docs[i] = NULL;
      } else if (el) {
        perr_t e = j.errs[i];
        char *full;
        /* The same "FILE:LINE:COLUMN: message" form as tr_error_message(). */
        if (e.line > 0 && e.column > 0)
          full = g_strdup_printf("%s:%ld:%ld: %s", e.file, e.line, e.column, e.msg);
        else if (e.line > 0)
          full = g_strdup_printf("%s:%ld: %s", e.file, e.line, e.msg);
        else
          full = g_strdup_printf("%s: %s", e.file, e.msg);
        g_free(e.msg);
        e.msg = full;
        g_array_append_val(el->items, e);
        memset(&j.errs[i], 0, sizeof j.errs[i]);
      }
    }
    corpus_add_all(c, j.docs, nok, nthreads);
    memset(j.docs, 0, nok * sizeof *j.docs); /* the corpus's now */
    if (errors)
      *errors = el;
  }
  for (size_t i = 0; i < j.n; i++) {
    tri_doc_free(j.docs[i]);
    tri_perr_clear(&j.errs[i]);
  }
  /* the added documents' strings now belong to the corpus; after a failed load the
   * blocks go with the documents */
  for (unsigned w = 0; w < nw; w++)
    tri_arena_hand_over(&j.arenas[w], rc == TR_OK ? c->blocks : NULL);
  g_free(j.arenas);
  g_free(j.docs);
  g_free(j.errs);
  g_ptr_array_free(paths, TRUE);
  return rc;
}
