/* Data files embedded in the library (the default catalog, the coder's rules,
 * the membership table): plain C arrays generated at build time by
 * scripts/embed-resources.py (lib/meson.build), looked up by resource path.
 * Internal; replaces GResource so the library needs no GIO. */
#ifndef TR_RESOURCE_H
#define TR_RESOURCE_H

#include <stddef.h>

typedef struct {
  const char *name;          /* e.g. "/org/traderules/catalog.json" */
  const unsigned char *data; /* the file's bytes, then one NUL not counted in len */
  size_t len;
} tri_resource;

/* The generated table, sorted by name (strcmp order). */
extern const tri_resource tri_resources[];
extern const size_t tri_n_resources;

/* The embedded file NAME: its bytes (NUL-terminated, len not counting the NUL)
 * in *data and *len; 0 on success, -1 if there is no such resource. Static
 * data: nothing to free. */
int tri_resource_lookup(const char *name, const char **data, size_t *len);

#endif
