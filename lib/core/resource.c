/* Lookup in the table of embedded files (see tr-resource.h). */
#include "core/tr-resource.h"

#include <string.h>

int tri_resource_lookup(const char *name, const char **data, size_t *len) {
  size_t lo = 0, hi = tri_n_resources;
  if (!name)
    return -1;
  while (lo < hi) {
    size_t mid = lo + (hi - lo) / 2;
    int c = strcmp(name, tri_resources[mid].name);
    if (c == 0) {
      if (data)
        *data = (const char *)tri_resources[mid].data;
      if (len)
        *len = tri_resources[mid].len;
      return 0;
    }
    if (c < 0)
      hi = mid;
    else
      lo = mid + 1;
  }
  return -1;
}
