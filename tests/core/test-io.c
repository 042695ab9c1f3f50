/*
 * The one file reader and writer (lib/core/io.c, include/traderules/io.h):
 * limits before and while reading (regular files, pipes), and the writer's
 * rules (atomic replace, links followed, dangling links / read-only targets /
 * directories refused, FIFOs written directly, a full disk leaves the old file).
 * Every path is inside a temporary folder.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <string.h>
#include <cmocka.h>

#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <unistd.h>
#include <glib/gstdio.h>

#include "core/tr-internal.h"

static char *tmpdir;

static int setup(void **state) {
  (void)state;
  tmpdir = g_dir_make_tmp("tr-test-io-XXXXXX", NULL);
  return tmpdir ? 0 : -1;
}

static int teardown(void **state) {
  (void)state;
  char *cmd = g_strdup_printf("chmod -R u+w '%s'; rm -rf '%s'", tmpdir, tmpdir);
  int rc = system(cmd);
  (void)rc;
  g_free(cmd);
  g_free(tmpdir);
  return 0;
}

static char *path_in(const char *name) {
  return g_build_filename(tmpdir, name, NULL);
}

static char *slurp(const char *path) {
  char *s = NULL;
  assert_true(g_file_get_contents(path, &s, NULL, NULL));
  return s;
}

static void test_read_limits(void **state) {
  (void)state;
  char *p = path_in("in.txt"), *data = NULL;
  size_t len = 99;
  assert_true(g_file_set_contents(p, "0123456789", 10, NULL));
  assert_int_equal(tr_file_read(p, 0, &data, &len), TR_OK);
  assert_int_equal(len, 10);
  assert_string_equal(data, "0123456789");
  tr_free(data);
  assert_int_equal(tr_file_read(p, 10, &data, &len), TR_OK);
  tr_free(data);
  /* a regular file over the limit: refused before reading */
  assert_int_equal(tr_file_read(p, 9, &data, &len), TR_ERR_LIMIT);
  assert_null(data);
  assert_non_null(strstr(tr_error_message(), "in.txt"));
  /* a directory, a missing file */
  assert_int_equal(tr_file_read(tmpdir, 0, &data, &len), TR_ERR_IO);
  char *missing = path_in("missing");
  assert_int_equal(tr_file_read(missing, 0, &data, &len), TR_ERR_IO);
  g_free(missing);
  /* a pipe: read in chunks, stopped one byte past the limit */
  int fds[2];
  assert_int_equal(pipe(fds), 0);
  char buf[3000];
  memset(buf, 'x', sizeof buf);
  assert_int_equal(write(fds[1], buf, sizeof buf), (ssize_t)sizeof buf);
  close(fds[1]);
  assert_int_equal(tr_file_read_fd(fds[0], "<pipe>", 2999, &data, &len), TR_ERR_LIMIT);
  assert_non_null(strstr(tr_error_message(), "<pipe>"));
  close(fds[0]);
  assert_int_equal(pipe(fds), 0);
  assert_int_equal(write(fds[1], buf, sizeof buf), (ssize_t)sizeof buf);
  close(fds[1]);
  assert_int_equal(tr_file_read_fd(fds[0], NULL, 3000, &data, &len), TR_OK);
  assert_int_equal(len, 3000);
  assert_int_equal(data[3000], '\0');
  tr_free(data);
  close(fds[0]);
  /* /dev/zero never ends: the limit stops it */
  assert_int_equal(tr_file_read("/dev/zero", 100000, &data, &len), TR_ERR_LIMIT);
  assert_int_equal(tr_file_read(NULL, 0, &data, &len), TR_ERR_INVALID_ARG);
  g_free(p);
}

static void test_write_rules(void **state) {
  (void)state;
  char *p = path_in("out.csv"), *s;
  struct stat st;
  /* new file, then an atomic replace that keeps the permission bits */
  assert_int_equal(tr_file_write(p, "one\n", 4), TR_OK);
  assert_int_equal(chmod(p, 0640), 0);
  assert_int_equal(tr_file_write(p, "two\n", 4), TR_OK);
  s = slurp(p);
  assert_string_equal(s, "two\n");
  g_free(s);
  assert_int_equal(stat(p, &st), 0);
  assert_int_equal(st.st_mode & 07777, 0640);
  /* a symbolic link is followed: its target is replaced, the link stays */
  char *link = path_in("link.csv");
  assert_int_equal(symlink("out.csv", link), 0);
  assert_int_equal(tr_file_write(link, "three\n", 6), TR_OK);
  assert_int_equal(lstat(link, &st), 0);
  assert_true(S_ISLNK(st.st_mode));
  s = slurp(p);
  assert_string_equal(s, "three\n");
  g_free(s);
  /* a dangling link is refused and stays */
  char *dangling = path_in("dangling.csv");
  assert_int_equal(symlink("nowhere.csv", dangling), 0);
  assert_int_equal(tr_file_write(dangling, "x", 1), TR_ERR_IO);
  assert_int_equal(lstat(dangling, &st), 0);
  assert_true(S_ISLNK(st.st_mode));
  /* a read-only file is refused and keeps its content */
  char *ro = path_in("ro.csv");
  assert_int_equal(tr_file_write(ro, "keep", 4), TR_OK);
  assert_int_equal(chmod(ro, 0444), 0);
  assert_int_equal(tr_file_write(ro, "lost", 4), TR_ERR_IO);
  assert_non_null(strstr(tr_error_message(), "read-only"));
  s = slurp(ro);
  assert_string_equal(s, "keep");
  g_free(s);
  /* a directory is refused */
  assert_int_equal(tr_file_write(tmpdir, "x", 1), TR_ERR_IO);
  assert_non_null(strstr(tr_error_message(), "not a regular file"));
  /* a FIFO is written directly: a reader gets the bytes, the FIFO stays */
  char *fifo = path_in("fifo");
  assert_int_equal(mkfifo(fifo, 0600), 0);
  int rfd = open(fifo, O_RDONLY | O_NONBLOCK); /* a reader, so the writer's open does not block */
  assert_true(rfd >= 0);
  assert_int_equal(tr_file_write(fifo, "via fifo", 8), TR_OK);
  char got[16] = { 0 };
  assert_int_equal(read(rfd, got, sizeof got), 8);
  assert_string_equal(got, "via fifo");
  close(rfd);
  assert_int_equal(lstat(fifo, &st), 0);
  assert_true(S_ISFIFO(st.st_mode));
  /* no temporary files left behind */
  GDir *d = g_dir_open(tmpdir, 0, NULL);
  const char *n;
  while ((n = g_dir_read_name(d)))
    assert_false(n[0] == '.');
  g_dir_close(d);
  g_free(fifo);
  g_free(ro);
  g_free(dangling);
  g_free(link);
  g_free(p);
}

/* A full disk: RLIMIT_FSIZE with SIGXFSZ ignored makes write() fail with EFBIG. */
static void test_write_full_disk(void **state) {
  (void)state;
  char *p = path_in("big.csv"), *s;
  size_t n = 1 << 20;
  char *data = g_malloc(n);
  struct rlimit old, lim;
  memset(data, 'y', n);
  assert_int_equal(tr_file_write(p, "old", 3), TR_OK);
  assert_int_equal(getrlimit(RLIMIT_FSIZE, &old), 0);
  lim = old;
  lim.rlim_cur = 4096;
  signal(SIGXFSZ, SIG_IGN);
  assert_int_equal(setrlimit(RLIMIT_FSIZE, &lim), 0);
  int rc = tr_file_write(p, data, n);
  /* the stream writer too */
  tr_io_out *o = NULL;
  int orc = tri_io_out_open(p, &o);
  int wrc = TR_OK;
  for (int i = 0; i < 16 && wrc == TR_OK && orc == TR_OK; i++)
    wrc = tri_io_out_write(o, data, 65536);
  int crc = orc == TR_OK ? tri_io_out_close(o, TRUE) : orc;
  assert_int_equal(setrlimit(RLIMIT_FSIZE, &old), 0);
  signal(SIGXFSZ, SIG_DFL);
  assert_int_equal(rc, TR_ERR_IO);
  assert_int_equal(orc, TR_OK);
  assert_int_equal(wrc, TR_ERR_IO);
  assert_int_equal(crc, TR_ERR_IO);
  s = slurp(p);
  assert_string_equal(s, "old");
  g_free(s);
  GDir *d = g_dir_open(tmpdir, 0, NULL);
  const char *nm;
  while ((nm = g_dir_read_name(d)))
    assert_false(g_str_has_prefix(nm, ".big.csv."));
  g_dir_close(d);
  g_free(data);
  g_free(p);
}

int main(void) {
  const struct CMUnitTest tests[] = {
    cmocka_unit_test(test_read_limits),
    cmocka_unit_test(test_write_rules),
    cmocka_unit_test(test_write_full_disk),
  };
  return cmocka_run_group_tests(tests, setup, teardown);
}
