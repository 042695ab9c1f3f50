/*
 * version-info: which libtraderules you compiled against and which one runs,
 * and how errors are reported.
 *
 *   cc version-info.c $(pkg-config --cflags --libs traderules) -o version-info
 *   ./version-info
 *
 * SPDX-License-Identifier: MIT
 */
#include <stdio.h>
#include <traderules/traderules.h>

int main(void) {
  printf("compiled against libtraderules %s, running %s\n", TR_VERSION_STRING, tr_version());

  /* The major version must match: 0.x libraries are only ever extended. */
  if ((tr_version_num() >> 16) != TR_VERSION_MAJOR) {
    fprintf(stderr, "version-info: library major version differs from the headers\n");
    return 1;
  }
#if TR_CHECK_VERSION(0, 1, 0)
  printf("TR_CHECK_VERSION(0, 1, 0): yes\n");
#endif

  /* Every fallible call returns a tr_status; errors are negative and have
   * stable string ids. After a failure, tr_error_message() says what and
   * where (file:line:column: field '...': ...), for the calling thread only. */
  for (int status = TR_OK; status >= TR_ERR_INTERNAL; status--)
    printf("%4d  %s\n", status, tr_status_id(status));
  tr_error_clear();
  printf("last error after tr_error_clear(): code %d, message \"%s\"\n",
         tr_error_code(), tr_error_message());
  return tr_error_code() == TR_OK ? 0 : 1;
}
