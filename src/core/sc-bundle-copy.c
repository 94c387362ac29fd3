/* sc-bundle-copy.c: the private copy an import works on
 *
 * Copyright 2026 The Scrutineer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The file a user picks can change while it is read (a sync client, a
 * hostile process). Import therefore copies it once, hashing as it copies,
 * and everything after (signature, decryption, rows) reads the copy: the
 * bytes verified are the bytes applied. Small bundles are copied into
 * memory; larger ones into an unnamed temporary file in the store's
 * directory, which holds only what the bundle holds: ciphertext.
 */
#include "sc-bundle-private.h"

#include <errno.h>
#include <fcntl.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <string.h>
#include <unistd.h>

#define COPY_BLOCK (1024 * 1024)

static guint64 memory_copy_max = SC_BUNDLE_MEMORY_COPY_MAX;

void
sc_bundle_set_memory_copy_max_for_testing (guint64 bytes)
{
  memory_copy_max = bytes > 0 ? bytes : SC_BUNDLE_MEMORY_COPY_MAX;
}

struct _ScBundleCopy
{
  guint8 *memory;
  int fd;
  guint64 size;
  ScBundleProgressFunc progress;
  gpointer progress_data;
};

void
sc_bundle_copy_report (ScBundleCopy *copy,
                       guint64       done)
{
  /* Copying is the first half of the work, reading the payload the second. */
  if (copy->progress != NULL)
    copy->progress (MIN (done, copy->size * 2), copy->size * 2, copy->progress_data);
}

static gboolean
read_failed (GError **error,
             int      saved_errno)
{
  g_set_error (error, SC_BUNDLE_ERROR, SC_BUNDLE_ERROR_FAILED,
               _("The bundle could not be read: %s"), g_strerror (saved_errno));
  return FALSE;
}

void
sc_bundle_copy_free (ScBundleCopy *copy)
{
  if (copy == NULL)
    return;
  g_free (copy->memory);
  if (copy->fd >= 0)
    close (copy->fd);
  g_free (copy);
}

guint64
sc_bundle_copy_get_size (ScBundleCopy *copy)
{
  return copy->size;
}

/* Unnamed where the file system allows it, so nothing is left behind even
 * if the process is killed. */
static int
open_temp (const char *dir,
           GError    **error)
{
  g_autofree char *path = NULL;
  int fd;

#ifdef O_TMPFILE
  fd = open (dir, O_TMPFILE | O_RDWR | O_CLOEXEC, 0600);
  if (fd >= 0)
    return fd;
#endif
  path = g_build_filename (dir, ".bundle-import.XXXXXX", NULL);
  fd = g_mkstemp_full (path, O_RDWR | O_CLOEXEC, 0600);
  if (fd < 0)
    {
      g_set_error (error, SC_BUNDLE_ERROR, SC_BUNDLE_ERROR_FAILED,
                   _("No room for a working copy of the bundle in %s: %s"), dir,
                   g_strerror (errno));
      return -1;
    }
  g_unlink (path);
  return fd;
}

static gssize
read_some (int     fd,
           guint8 *buffer,
           gsize   len)
{
  for (;;)
    {
      ssize_t n = read (fd, buffer, len);

      if (n >= 0 || errno != EINTR)
        return n;
    }
}

static gboolean
write_block (int           fd,
             const guint8 *data,
             gsize         len,
             GError      **error)
{
  while (len > 0)
    {
      ssize_t n = write (fd, data, len);

      if (n < 0 && errno == EINTR)
        continue;
      if (n <= 0)
        return read_failed (error, n < 0 ? errno : ENOSPC);
      data += n;
      len -= (gsize) n;
    }
  return TRUE;
}

/* Hashes the part of DATA that lies before the signature. */
static void
hash_block (crypto_generichash_state *state,
            const guint8             *data,
            gsize                     len,
            guint64                   offset,
            guint64                   signed_end)
{
  if (offset < signed_end)
    crypto_generichash_update (state, data, MIN ((guint64) len, signed_end - offset));
}

static gboolean
copy_all (ScBundleCopy             *copy,
          int                       source,
          crypto_generichash_state *state,
          GError                  **error)
{
  g_autofree guint8 *block = copy->memory == NULL ? g_malloc (COPY_BLOCK) : NULL;
  guint64 signed_end = copy->size - SC_BUNDLE_SIGNATURE_BYTES;
  guint64 offset = 0;

  if (lseek (source, 0, SEEK_SET) != 0)
    return read_failed (error, errno);
  while (offset < copy->size)
    {
      guint8 *into = copy->memory != NULL ? copy->memory + offset : block;
      gsize want = (gsize) MIN ((guint64) COPY_BLOCK, copy->size - offset);
      gssize n = read_some (source, into, want);

      if (n < 0)
        return read_failed (error, errno);
      if (n == 0)
        return read_failed (error, EIO); /* shorter than it was: changed while read */
      hash_block (state, into, (gsize) n, offset, signed_end);
      if (copy->memory == NULL && !write_block (copy->fd, into, (gsize) n, error))
        return FALSE;
      offset += (guint64) n;
      sc_bundle_copy_report (copy, offset);
    }
  return TRUE;
}

ScBundleCopy *
sc_bundle_copy_new (int         fd,
                    guint64     size,
                    const char *temp_dir,
                    guint8      hash[SC_BUNDLE_HASH_BYTES],
                    GError    **error)
{
  return sc_bundle_copy_new_full (fd, size, temp_dir, NULL, NULL, hash, error);
}

ScBundleCopy *
sc_bundle_copy_new_full (int                   fd,
                         guint64               size,
                         const char           *temp_dir,
                         ScBundleProgressFunc  progress,
                         gpointer              user_data,
                         guint8                hash[SC_BUNDLE_HASH_BYTES],
                         GError              **error)
{
  g_autoptr (ScBundleCopy) copy = g_new0 (ScBundleCopy, 1);
  crypto_generichash_state state;

  g_return_val_if_fail (size >= SC_BUNDLE_SIGNATURE_BYTES, NULL);
  copy->fd = -1;
  copy->size = size;
  copy->progress = progress;
  copy->progress_data = user_data;
  if (size <= memory_copy_max)
    copy->memory = g_malloc (MAX (size, 1));
  else if ((copy->fd = open_temp (temp_dir, error)) < 0)
    return NULL;
  crypto_generichash_init (&state, NULL, 0, SC_BUNDLE_HASH_BYTES);
  if (!copy_all (copy, fd, &state, error))
    return NULL;
  crypto_generichash_final (&state, hash, SC_BUNDLE_HASH_BYTES);
  return g_steal_pointer (&copy);
}

ScBundleCopy *
sc_bundle_copy_new_for_bytes (const guint8 *data,
                              gsize         size,
                              guint8        hash[SC_BUNDLE_HASH_BYTES])
{
  ScBundleCopy *copy = g_new0 (ScBundleCopy, 1);

  g_return_val_if_fail (size >= SC_BUNDLE_SIGNATURE_BYTES, NULL);
  copy->fd = -1;
  copy->size = size;
  copy->memory = g_memdup2 (data, MAX (size, 1));
  crypto_generichash (hash, SC_BUNDLE_HASH_BYTES, copy->memory,
                      size - SC_BUNDLE_SIGNATURE_BYTES, NULL, 0);
  return copy;
}

gboolean
sc_bundle_copy_read (ScBundleCopy *copy,
                     guint64       offset,
                     void         *buffer,
                     gsize         len,
                     GError      **error)
{
  guint8 *into = buffer;

  if (offset > copy->size || len > copy->size - offset)
    return read_failed (error, EINVAL);
  if (copy->memory != NULL)
    {
      memcpy (buffer, copy->memory + offset, len);
      return TRUE;
    }
  while (len > 0)
    {
      ssize_t n = pread (copy->fd, into, len, (off_t) offset);

      if (n < 0 && errno == EINTR)
        continue;
      if (n <= 0)
        return read_failed (error, n < 0 ? errno : EIO);
      into += n;
      offset += (guint64) n;
      len -= (gsize) n;
    }
  return TRUE;
}
