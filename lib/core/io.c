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

/* Reads @fd into *@bufp (capacity *@capp; NULL/0: none yet), which grows as needed and stays
 * the caller's whatever the outcome. */
static int read_fd(int fd, const char *name, size_t limit, size_t size_hint, char **bufp,
                   size_t *capp, size_t *length) {
  size_t cap, used = 0;
  char *buf = *bufp;
  /* A regular file's size is a hint only (it may grow or shrink while read). */
  cap = size_hint ? MIN(size_hint, limit) + 2 : CHUNK + 1; /* +2: EOF probe and NUL */
  if (!buf || *capp < cap) {
    /* nothing to keep: a new buffer rather than a copying realloc */
    g_free(buf);
    *bufp = NULL;
    *capp = 0;
    buf = g_try_malloc(cap);
    if (!buf)
      return tri_set_error(TR_ERR_NOMEM, name, 0, 0, NULL, "out of memory reading %zu bytes", cap);
    *bufp = buf;
    *capp = cap;
  }
  cap = *capp;
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
      if (!nbuf)
        return tri_set_error(TR_ERR_NOMEM, name, 0, 0, NULL, "out of memory reading %zu bytes", ncap);
      *bufp = buf = nbuf;
      *capp = cap = ncap;
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
      return tri_set_error(TR_ERR_IO, name, 0, 0, NULL, "cannot read: %s", g_strerror(e));
    }
    if (got == 0)
      break;
    used += (size_t)got;
    if (used > limit)
      return tri_set_error(TR_ERR_LIMIT, name, 0, 0, NULL,
                          "input larger than the %zu-byte limit (%zu MiB)", limit, limit >> 20);
  }
  buf[used] = '\0';
  *length = used;
  return TR_OK;
}

/* The checks before reading @fd, then the read into *@bufp (see read_fd). */
static int read_fd_checked(int fd, const char *name, size_t limit, char **bufp, size_t *capp,
                           size_t *length) {
  struct stat st;
  if (limit == 0)
    limit = TR_INPUT_LIMIT;
  if (fstat(fd, &st) != 0)
    return tri_set_error(TR_ERR_IO, name, 0, 0, NULL, "cannot read: %s", g_strerror(errno));
  if (S_ISDIR(st.st_mode))
    return tri_set_error(TR_ERR_IO, name, 0, 0, NULL, "is a directory, not a file");
  if (S_ISREG(st.st_mode) && st.st_size > 0 && (guint64)st.st_size > (guint64)limit)
    return tri_set_error(TR_ERR_LIMIT, name, 0, 0, NULL,
                        "file of %" G_GUINT64_FORMAT " bytes exceeds the %zu-byte limit (%zu MiB)",
                        (guint64)st.st_size, limit, limit >> 20);
  return read_fd(fd, name, limit, S_ISREG(st.st_mode) ? (size_t)st.st_size : 0, bufp, capp,
                 length);
}

int tri_io_read_fd(int fd, const char *name, size_t limit, char **data, size_t *length) {
  char fdname[32], *buf = NULL;
  size_t cap = 0;
  int rc;
  if (data)
    *data = NULL;
  if (length)
    *length = 0;
  if (fd < 0 || !data || !length)
    return tri_fail(TR_ERR_INVALID_ARG, "tr_file_read_fd: invalid argument");
  if (!name) {
    g_snprintf(fdname, sizeof fdname, "<fd %d>", fd);
    name = fdname;
  }
  rc = read_fd_checked(fd, name, limit, &buf, &cap, length);
  if (rc != TR_OK) {
    g_free(buf);
    *length = 0;
    return rc;
  }
  *data = buf;
  return TR_OK;
}

static int open_read(const char *path, int *fd) {
  do
    *fd = open(path, O_RDONLY | O_CLOEXEC | O_NOCTTY);
  while (*fd < 0 && errno == EINTR);
  if (*fd < 0)
    return tri_set_error(TR_ERR_IO, path, 0, 0, NULL, "cannot open: %s", g_strerror(errno));
  return TR_OK;
}

int tri_io_read_file(const char *path, size_t limit, char **data, size_t *length) {
  int fd, rc;
  if (data)
    *data = NULL;
  if (length)
    *length = 0;
  if (!path || !data || !length)
    return tri_fail(TR_ERR_INVALID_ARG, "tr_file_read: NULL argument");
  if ((rc = open_read(path, &fd)) != TR_OK)
    return rc;
  rc = tri_io_read_fd(fd, path, limit, data, length);
  close(fd);
  return rc;
}

int tri_io_read_file_into(const char *path, size_t limit, char **buf, size_t *cap,
                          size_t *length) {
  int fd, rc;
  if (length)
    *length = 0;
  if (!path || !buf || !cap || !length)
    return tri_fail(TR_ERR_INVALID_ARG, "tri_io_read_file_into: NULL argument");
  if ((rc = open_read(path, &fd)) != TR_OK)
    return rc;
  rc = read_fd_checked(fd, path, limit, buf, cap, length);
  close(fd);
  if (rc != TR_OK)
    *length = 0;
  return rc;
}

int tr_file_read(const char *path, size_t limit, char **data, size_t *length) {
  return tri_io_read_file(path, limit, data, length);
}

int tr_file_read_fd(int fd, const char *name, size_t limit, char **data, size_t *length) {
  return tri_io_read_fd(fd, name, limit, data, length);
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

/* A streaming output with the writer's rules (see io.h). */
struct tr_io_out {
  int fd;         /* -1 for standard output */
  char *target;   /* the file finally written (links resolved); "<stdout>" */
  char *tmp;      /* temporary file renamed over target at commit; NULL if written directly */
  char *buf;      /* buffer of CHUNK bytes */
  size_t used;
  int err;        /* first errno seen; 0 if none */
  const char *step;
};

static void out_flush(tr_io_out *o) {
  if (o->err || o->used == 0) {
    o->used = 0;
    return;
  }
  if (o->fd < 0) {
    if (fwrite(o->buf, 1, o->used, stdout) != o->used) {
      o->err = errno ? errno : EIO;
      o->step = "write";
    }
  } else if (write_all(o->fd, o->buf, o->used) != 0) {
    o->err = errno;
    o->step = "write";
  }
  o->used = 0;
}

static tr_io_out *out_new(int fd, const char *target, char *tmp) {
  tr_io_out *o = g_try_new0(tr_io_out, 1);
  char *buf = g_try_malloc(CHUNK);
  if (!o || !buf) {
    g_free(o);
    g_free(buf);
    return NULL;
  }
  o->fd = fd;
  o->target = g_strdup(target);
  o->tmp = tmp;
  o->buf = buf;
  return o;
}

int tri_io_out_open(const char *path, tr_io_out **out) {
  struct stat st;
  char *resolved = NULL;
  const char *target = path;
  int fd, rc = TR_OK;
  if (out)
    *out = NULL;
  if (!path || !*path || !out)
    return tri_fail(TR_ERR_INVALID_ARG, "tri_io_out_open: NULL or empty argument");
  if (strcmp(path, "-") == 0) {
    if (!(*out = out_new(-1, "<stdout>", NULL)))
      return tri_fail(TR_ERR_NOMEM, "out of memory");
    return TR_OK;
  }
  if (lstat(path, &st) == 0 && S_ISLNK(st.st_mode)) {
    /* follow the link: the file it points to is replaced, the link stays */
    resolved = realpath(path, NULL);
    if (!resolved) {
      int e = errno;
      if (e == ENOENT)
        return tri_set_error(TR_ERR_IO, path, 0, 0, NULL,
                            "symbolic link to a file that does not exist (refused; write to the target itself)");
      return tri_set_error(TR_ERR_IO, path, 0, 0, NULL, "cannot follow the symbolic link: %s", g_strerror(e));
    }
    target = resolved;
  }
  int serr = stat(target, &st) == 0 ? 0 : errno;
  if (serr && serr != ENOENT) {
    rc = tri_set_error(TR_ERR_IO, path, 0, 0, NULL, "cannot write: %s", g_strerror(serr));
  } else if (serr == ENOENT || S_ISREG(st.st_mode)) {
    gboolean exists = serr == 0;
    if (exists && ((st.st_mode & 0222) == 0 || access(target, W_OK) != 0)) {
      rc = tri_set_error(TR_ERR_IO, path, 0, 0, NULL,
                        "the file is read-only (not replaced; change its permissions or remove it first)");
    } else {
      /* a temporary file beside the target, renamed over it at commit */
      char *dir = g_path_get_dirname(target), *base = g_path_get_basename(target);
      char *tmpl = g_strdup_printf("%s%c.%s.XXXXXX", dir, G_DIR_SEPARATOR, base);
      g_free(dir);
      g_free(base);
      fd = g_mkstemp_full(tmpl, O_WRONLY | O_CLOEXEC, 0666); /* 0666 & ~umask, as a new file */
      if (fd < 0) {
        rc = tri_set_error(TR_ERR_IO, path, 0, 0, NULL, "cannot create a temporary file in the folder: %s",
                          g_strerror(errno));
        g_free(tmpl);
      } else if (exists && fchmod(fd, st.st_mode & 07777) != 0) {
        rc = tri_set_error(TR_ERR_IO, path, 0, 0, NULL, "cannot keep the file's permissions: %s",
                          g_strerror(errno));
        close(fd);
        g_unlink(tmpl);
        g_free(tmpl);
      } else if (!(*out = out_new(fd, target, tmpl))) {
        rc = tri_fail(TR_ERR_NOMEM, "out of memory");
        close(fd);
        g_unlink(tmpl);
        g_free(tmpl);
      }
    }
  } else if (S_ISFIFO(st.st_mode) || S_ISCHR(st.st_mode)) {
    /* written directly: a reader of the FIFO gets the data, a device stays a device */
    do
      fd = open(target, O_WRONLY | O_CLOEXEC | O_NOCTTY);
    while (fd < 0 && errno == EINTR);
    if (fd < 0)
      rc = tri_set_error(TR_ERR_IO, path, 0, 0, NULL, "cannot open for writing: %s", g_strerror(errno));
    else if (!(*out = out_new(fd, target, NULL))) {
      close(fd);
      rc = tri_fail(TR_ERR_NOMEM, "out of memory");
    }
  } else {
    rc = tri_set_error(TR_ERR_IO, path, 0, 0, NULL,
                      "%s, not a regular file: refusing it (only regular files, FIFOs and character devices are written)",
                      S_ISDIR(st.st_mode) ? "a directory" : S_ISBLK(st.st_mode) ? "a block device"
                      : S_ISSOCK(st.st_mode) ? "a socket" : "something else");
  }
  free(resolved);
  return rc;
}

int tri_io_out_write(tr_io_out *o, const void *data, size_t length) {
  const char *p = data;
  if (!o || (!data && length))
    return tri_fail(TR_ERR_INVALID_ARG, "tri_io_out_write: NULL argument");
  while (length > 0 && !o->err) {
    size_t n;
    if (o->used == CHUNK)
      out_flush(o);
    n = MIN(length, CHUNK - o->used);
    memcpy(o->buf + o->used, p, n);
    o->used += n;
    p += n;
    length -= n;
  }
  if (o->err)
    return tri_set_error(TR_ERR_IO, o->target, 0, 0, NULL, "cannot write: %s", g_strerror(o->err));
  return TR_OK;
}

int tri_io_out_close(tr_io_out *o, int commit) {
  int rc = TR_OK;
  if (!o)
    return TR_OK;
  if (commit)
    out_flush(o);
  if (o->fd < 0) {
    if (commit && !o->err && fflush(stdout) != 0) {
      o->err = errno ? errno : EIO;
      o->step = "write";
    }
  } else {
    if (commit && !o->err && o->tmp && fsync(o->fd) != 0 && errno != EINVAL && errno != EROFS) {
      o->err = errno;
      o->step = "flush to disk";
    }
    if (close(o->fd) != 0 && commit && !o->err) {
      o->err = errno;
      o->step = "write (close)";
    }
    if (o->tmp) {
      if (commit && !o->err && g_rename(o->tmp, o->target) != 0) {
        o->err = errno;
        o->step = "rename the temporary file over the target";
      }
      if (!commit || o->err)
        g_unlink(o->tmp);
    }
  }
  if (commit && o->err)
    rc = tri_set_error(TR_ERR_IO, o->target, 0, 0, NULL, "cannot %s: %s%s", o->step, g_strerror(o->err),
                      o->tmp ? " (the previous file, if any, is unchanged)" : "");
  g_free(o->target);
  g_free(o->tmp);
  g_free(o->buf);
  g_free(o);
  return rc;
}

int tri_io_write_file(const char *path, const void *data, size_t length) {
  tr_io_out *o = NULL;
  int rc;
  if (!path || !*path || (!data && length))
    return tri_fail(TR_ERR_INVALID_ARG, "tr_file_write: NULL or empty argument");
  if (strcmp(path, "-") == 0)
    path = "./-"; /* a file named '-': standard output is the caller's business here */
  if ((rc = tri_io_out_open(path, &o)) != TR_OK)
    return rc;
  rc = length ? tri_io_out_write(o, data, length) : TR_OK;
  if (rc != TR_OK) {
    tri_io_out_close(o, FALSE);
    return rc;
  }
  return tri_io_out_close(o, TRUE);
}

int tr_file_write(const char *path, const void *data, size_t length) {
  return tri_io_write_file(path, data, length);
}
