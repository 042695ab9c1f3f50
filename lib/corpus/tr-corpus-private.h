/*
 * libtraderules - the corpus object's data (corpus.c, corpus-xml.c, corpus-access.c; not installed).
 * SPDX-License-Identifier: MIT
 */
#ifndef TR_CORPUS_PRIVATE_H
#define TR_CORPUS_PRIVATE_H

#include "corpus/tr-corpus-internal.h"

G_BEGIN_DECLS

#define N_META (TR_CORPUS_FIELD_FILE + 1)

typedef struct {
  char *meta[N_META];
  char **parties[2];
  size_t nparties[2];
  size_t ch_first, ch_count, ar_first, ar_count;
  uint32_t date;
} agr_t;

typedef struct {
  size_t agreement;
  char *name, *number, *ident;
  size_t ar_first, ar_count;
} chap_t;

typedef struct {
  uint32_t agreement, chapter;
  char *name, *number, *ident, *text;
  size_t len;
} art_t;

/* Strings of many documents in large blocks (corpus.c): a load gives each worker one, so
 * the 46 MB of ToTA's article texts are written into a few blocks on huge pages instead of
 * thousands of fresh small pages (each first touch a page fault: half the ingest's time on
 * a virtual machine). The blocks are handed to the corpus, which frees them with itself. */
typedef struct {
  GPtrArray *blocks; /* owned (g_free) */
  char *cur;         /* the free part of the current block */
  size_t left;
  size_t block;      /* bytes of a new block */
  /* the parser's chapters and articles while it reads a document (chap_t, art_t; created by
   * the parse, reused for the next one, freed by tri_arena_hand_over; not blocks) */
  GArray *scratch_chapters, *scratch_articles;
} tri_arena;

/* A position in an arena: tri_arena_reset() gives back what was taken after it. */
typedef struct {
  char *cur;
  size_t left;
  guint nblocks;
} tri_arena_mark;

void tri_arena_init(tri_arena *a, size_t block);
/* A NUL-terminated copy of @len bytes of @s (aborts on out of memory, as g_malloc). */
char *tri_arena_strdup(tri_arena *a, const char *s, size_t len);
/* A copy of @bytes bytes of @p, aligned to 8 (aborts on out of memory); NULL for 0 bytes. */
void *tri_arena_memdup(tri_arena *a, const void *p, size_t bytes);
tri_arena_mark tri_arena_get_mark(const tri_arena *a);
void tri_arena_reset(tri_arena *a, tri_arena_mark m);
/* Moves the blocks to @to (may be NULL: freed) and leaves @a empty. */
void tri_arena_hand_over(tri_arena *a, GPtrArray *to);

/* One parsed file: owns its strings, or its strings are in an arena it borrows. */
typedef struct {
  tri_arena *arena;   /* borrowed, or NULL: the strings are in @strings */
  GPtrArray *strings; /* every string of the document, exactly sized (owned); without an
                         arena also the chapters and articles */
  agr_t a;
  /* exactly sized, in the arena (or @strings): written once the document is read, so the
   * parse grows reused scratch arrays instead of fresh ones per document */
  chap_t *chapters; /* ar_first local until added to a corpus */
  art_t *articles;  /* chapter local until added to a corpus */
  guint nchapters, narticles;
  GPtrArray *parties[2];
} doc_t;

/* An error found while parsing one file (workers do not touch thread-local errors). */
typedef struct {
  int code;
  char *file;
  long line, column;
  char *msg;
} perr_t;

struct tr_corpus {
  GPtrArray *docs;   /* doc_t */
  GPtrArray *blocks; /* the loads' string arenas (tri_arena), freed after the docs */
  GArray *agreements; /* agr_t */
  /* chap_t *, art_t *: into the documents' arrays (which hold corpus numbers once added) */
  GArray *chapters, *articles;
  GHashTable *by_tota; /* borrowed id -> index + 1 */
  unsigned threads;
  tr_progress_fn progress;
  void *progress_ud;
  GMutex progress_lock;
  gint index_refs;
  int64_t phase_wall_us[TR_PHASE_COUNT], phase_cpu_ns[TR_PHASE_COUNT]; /* atomic adds */
};

struct tr_corpus_errors {
  GArray *items; /* perr_t */
};

/* corpus-xml.c: the SAX parse of one ToTA file. */
void tri_doc_free(doc_t *d);
void tri_perr_clear(perr_t *e);
/* Keeps the first error: does nothing if @e already holds one. */
void tri_perr_set(perr_t *e, int code, const char *file, long line, long col, const char *fmt,
                  ...) G_GNUC_PRINTF(6, 7);
/* Parse one document; returns the doc or NULL with *err set. @text is the caller's scratch. */
doc_t *tri_parse_doc(const char *fname, const char *data, size_t len, perr_t *err,
                    GString *text);
/* Which parser reads a file: the fast scanner with libxml2 for whatever it declines (AUTO, the
 * default), libxml2 only (TR_XML_PARSER=libxml2), or the scanner only (tests: a declined file
 * is a TR_ERR_PARSE error "declined by the fast XML scanner"). */
typedef enum { TRI_XML_AUTO, TRI_XML_LIBXML2, TRI_XML_SCAN } tri_xml_mode;
tri_xml_mode tri_xml_mode_from_env(void);
/* tri_parse_doc() with a chosen parser; *scanned (may be NULL): the scanner gave the result.
 * @arena (may be NULL: the document owns its strings) holds the document's strings; the
 * caller keeps it alive as long as the document, and on failure nothing stays taken from it. */
doc_t *tri_parse_doc_mode(const char *fname, const char *data, size_t len, perr_t *err,
                          GString *text, tri_xml_mode mode, gboolean *scanned, tri_arena *arena);

G_END_DECLS

#endif
