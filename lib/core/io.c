/*
 * libtraderules - the one file reader (size limit before and while reading,
 * bounded chunks, no aborting allocation) and the one file writer (atomic
 * replace of regular files, links followed, FIFOs and character devices
 * written directly, read-only targets refused). See include/traderules/io.h.
 * SPDX-License-Identifier: MIT
 */
#include "core/tr-internal.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <glib/gstdio.h>

#define CHUNK ((size_t)1 << 16)

static int read_fd(int fd, const char *name, size_t limit, size_t size_hint, char **data,
                   size_t *length) {
  size_t cap, used = 0;
  char *buf;
  /* A regular file's size is a hint only (it may grow or shrink while read). */
  cap = size_hint ? MIN(size_hint, limit) + 2 : CHUNK + 1; /* +2: EOF probe and NUL */
  buf = g_try_malloc(cap);
  if (!buf)
    return tr_set_error(TR_ERR_NOMEM, name, 0, 0, NULL, "out of memory reading %zu bytes", cap);
  for (;;) {
    size_t want;
    ssize_t got;
    if (cap - used < 2) {
      /* grow geometrically, but never past limit + 2 (one byte over, one NUL) */
      size_t ncap = cap < (limit + 2) / 2 ? cap * 2 : limit + 2;
      char *nbuf;
      if (ncap <= cap)
        ncap = cap + 1;
      nbuf = g_try_realloc(buf, ncap);
      if (!nbuf) {
        g_free(buf);
        return tr_set_error(TR_ERR_NOMEM, name, 0, 0, NULL, "out of memory reading %zu bytes", ncap);
      }
      buf = nbuf;
      cap = ncap;
    }
    want = MIN(cap - used - 1, CHUNK);
    /* read at most one byte past the limit: enough to know it is exceeded */
    if (used + want > limit + 1)
      want = limit + 1 - used;
    got = read(fd, buf + used, want);
    if (got < 0) {
      int e = errno;
      if (e == EINTR)
        continue;
      g_free(buf);
      return tr_set_error(TR_ERR_IO, name, 0, 0, NULL, "cannot read: %s", g_strerror(e));
    }
    if (got == 0)
      break;
    used += (size_t)got;
    if (used > limit) {
      g_free(buf);
      return tr_set_error(TR_ERR_LIMIT, name, 0, 0, NULL,
                          "input larger than the %zu-byte limit (%zu MiB)", limit, limit >> 20);
    }
  }
  buf[used] = '\0';
  *data = buf;
  *length = used;
  return TR_OK;
}

int tr_io_read_fd(int fd, const char *name, size_t limit, char **data, size_t *length) {
  struct stat st;
  char fdname[32];
  if (data)
    *data = NULL;
  if (length)
    *length = 0;
  if (fd < 0 || !data || !length)
    return tr_fail(TR_ERR_INVALID_ARG, "tr_file_read_fd: invalid argument");
  if (!name) {
    g_snprintf(fdname, sizeof fdname, "<fd %d>", fd);
    name = fdname;
  }
  if (limit == 0)
    limit = TR_INPUT_LIMIT;
  if (fstat(fd, &st) != 0)
    return tr_set_error(TR_ERR_IO, name, 0, 0, NULL, "cannot read: %s", g_strerror(errno));
  if (S_ISDIR(st.st_mode))
    return tr_set_error(TR_ERR_IO, name, 0, 0, NULL, "is a directory, not a file");
  if (S_ISREG(st.st_mode) && st.st_size > 0 && (guint64)st.st_size > (guint64)limit)
    return tr_set_error(TR_ERR_LIMIT, name, 0, 0, NULL,
                        "file of %" G_GUINT64_FORMAT " bytes exceeds the %zu-byte limit (%zu MiB)",
                        (guint64)st.st_size, limit, limit >> 20);
  return read_fd(fd, name, limit, S_ISREG(st.st_mode) ? (size_t)st.st_size : 0, data, length);
}

int tr_io_read_file(const char *path, size_t limit, char **data, size_t *length) {
  int fd, rc;
  if (data)
    *data = NULL;
  if (length)
    *length = 0;
  if (!path || !data || !length)
    return tr_fail(TR_ERR_INVALID_ARG, "tr_file_read: NULL argument");
  do
    fd = open(path, O_RDONLY | O_CLOEXEC | O_NOCTTY);
  while (fd < 0 && errno == EINTR);
  if (fd < 0)
    return tr_set_error(TR_ERR_IO, path, 0, 0, NULL, "cannot open: %s", g_strerror(errno));
  rc = tr_io_read_fd(fd, path, limit, data, length);
  close(fd);
  return rc;
}

int tr_file_read(const char *path, size_t limit, char **data, size_t *length) {
  return tr_io_read_file(path, limit, data, length);
}

int tr_file_read_fd(int fd, const char *name, size_t limit, char **data, size_t *length) {
  return tr_io_read_fd(fd, name, limit, data, length);
}

/* ------------------------------------------------------------------------ */

static int write_all(int fd, const char *data, size_t length) {
  while (length > 0) {
    ssize_t n = write(fd, data, MIN(length, (size_t)1 << 30));
    if (n < 0) {
      if (errno == EINTR)
        continue;
      return -1;
    }
    if (n == 0) {
      errno = ENOSPC;
      return -1;
    }
    data += n;
    length -= (size_t)n;
  }
  return 0;
}

/* Write directly into an existing FIFO or character device. */
static int write_direct(const char *path, const void *data, size_t length) {
  int fd, e;
  do
    fd = open(path, O_WRONLY | O_CLOEXEC | O_NOCTTY);
  while (fd < 0 && errno == EINTR);
  if (fd < 0)
    return tr_set_error(TR_ERR_IO, path, 0, 0, NULL, "cannot open for writing: %s", g_strerror(errno));
  if (write_all(fd, data, length) != 0) {
    e = errno;
    close(fd);
    return tr_set_error(TR_ERR_IO, path, 0, 0, NULL, "cannot write: %s", g_strerror(e));
  }
  if (close(fd) != 0)
    return tr_set_error(TR_ERR_IO, path, 0, 0, NULL, "cannot write (close): %s", g_strerror(errno));
  return TR_OK;
}

/* Write to a temporary file next to @target and rename it over @target. */
static int write_atomic(const char *target, const void *data, size_t length, gboolean keep_mode,
                        mode_t mode) {
  char *dir = g_path_get_dirname(target), *base = g_path_get_basename(target);
  char *tmpl = g_strdup_printf("%s%c.%s.XXXXXX", dir, G_DIR_SEPARATOR, base);
  const char *step = "create a temporary file in the folder";
  int fd, e = 0, rc = TR_OK;
  g_free(dir);
  g_free(base);
  fd = g_mkstemp_full(tmpl, O_WRONLY | O_CLOEXEC, 0666); /* 0666 & ~umask, as a new file */
  if (fd < 0) {
    e = errno;
    goto fail_noclose;
  }
  if (keep_mode && fchmod(fd, mode & 07777) != 0) {
    step = "set the permissions of the temporary file";
    e = errno;
    goto fail;
  }
  if (write_all(fd, data, length) != 0) {
    step = "write";
    e = errno;
    goto fail;
  }
  if (fsync(fd) != 0 && errno != EINVAL && errno != EROFS) {
    step = "flush to disk";
    e = errno;
    goto fail;
  }
  if (close(fd) != 0) {
    fd = -1;
    step = "write (close)";
    e = errno;
    goto fail;
  }
  fd = -1;
  if (g_rename(tmpl, target) != 0) {
    step = "rename the temporary file over the target";
    e = errno;
    goto fail;
  }
  g_free(tmpl);
  return TR_OK;
fail:
  if (fd >= 0)
    close(fd);
  g_unlink(tmpl);
fail_noclose:
  rc = tr_set_error(TR_ERR_IO, target, 0, 0, NULL, "cannot %s: %s (nothing was changed)", step,
                    g_strerror(e));
  g_free(tmpl);
  return rc;
}

int tr_io_write_file(const char *path, const void *data, size_t length) {
  struct stat st;
  char *resolved = NULL;
  const char *target = path;
  int rc;
  if (!path || !*path || (!data && length))
    return tr_fail(TR_ERR_INVALID_ARG, "tr_file_write: NULL or empty argument");
  if (!data)
    data = "";
  if (lstat(path, &st) == 0 && S_ISLNK(st.st_mode)) {
    /* follow the link: the file it points to is replaced, the link stays */
    resolved = realpath(path, NULL);
    if (!resolved) {
      int e = errno;
      if (e == ENOENT)
        return tr_set_error(TR_ERR_IO, path, 0, 0, NULL,
                            "symbolic link to a file that does not exist (refused; write to the target itself)");
      return tr_set_error(TR_ERR_IO, path, 0, 0, NULL, "cannot follow the symbolic link: %s", g_strerror(e));
    }
    target = resolved;
  }
  if (stat(target, &st) != 0) {
    int e = errno;
    if (e != ENOENT) {
      rc = tr_set_error(TR_ERR_IO, path, 0, 0, NULL, "cannot write: %s", g_strerror(e));
    } else {
      rc = write_atomic(target, data, length, FALSE, 0);
    }
  } else if (S_ISREG(st.st_mode)) {
    if ((st.st_mode & 0222) == 0 || access(target, W_OK) != 0)
      rc = tr_set_error(TR_ERR_IO, path, 0, 0, NULL,
                        "the file is read-only (not replaced; change its permissions or remove it first)");
    else
      rc = write_atomic(target, data, length, TRUE, st.st_mode);
  } else if (S_ISFIFO(st.st_mode) || S_ISCHR(st.st_mode)) {
    rc = write_direct(target, data, length);
  } else {
    rc = tr_set_error(TR_ERR_IO, path, 0, 0, NULL, "%s (refused: only regular files, FIFOs and character devices are written)",
                      S_ISDIR(st.st_mode) ? "is a directory" : S_ISBLK(st.st_mode) ? "is a block device"
                      : S_ISSOCK(st.st_mode) ? "is a socket" : "is not a regular file");
  }
  free(resolved);
  return rc;
}

int tr_file_write(const char *path, const void *data, size_t length) {
  return tr_io_write_file(path, data, length);
}
