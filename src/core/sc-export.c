/* sc-export.c: files that leave the encrypted store, written safely
 *
 * Copyright 2026 The Scrutineer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define _GNU_SOURCE /* renameat2 */
#include "sc-export.h"

#include <errno.h>
#include <fcntl.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <stdio.h>
#include <unistd.h>

#define BUFFER_SIZE (64 * 1024)

struct _ScExportFile
{
  char *path;
  char *temp_path;
  int fd;
  gboolean overwrite;
  gboolean committed;
  GString *buffer;
  GError *failure; /* the first write error, kept for _commit() */
};

G_DEFINE_QUARK (sc-export-error-quark, sc_export_error)

const char *
sc_export_get_warning (void)
{
  return _("This file is outside the encrypted store and not protected by your passphrase: "
           "handle it as sensitive, share it only as the inspection’s rules allow, and delete it "
           "when it is no longer needed.");
}

static void
set_errno_error (GError    **error,
                 int         saved_errno,
                 const char *path)
{
  g_autofree char *display = g_filename_display_name (path);

  if (saved_errno == ENOSPC || saved_errno == EDQUOT || saved_errno == EFBIG)
    g_set_error (error, SC_EXPORT_ERROR, SC_EXPORT_ERROR_NO_SPACE,
                 _("There is not enough disk space to write %s; nothing was written. Free some "
                   "space or choose another disk, and try again."),
                 display);
  else if (saved_errno == ENOENT || saved_errno == ENOTDIR)
    g_set_error (error, SC_EXPORT_ERROR, SC_EXPORT_ERROR_UNWRITABLE,
                 _("Cannot write %s: the folder does not exist. Choose an existing folder."),
                 display);
  else if (saved_errno == EACCES || saved_errno == EPERM || saved_errno == EROFS)
    g_set_error (error, SC_EXPORT_ERROR, SC_EXPORT_ERROR_UNWRITABLE,
                 _("Cannot write %s: %s. Choose a folder you can write to."), display,
                 g_strerror (saved_errno));
  else
    g_set_error (error, SC_EXPORT_ERROR, SC_EXPORT_ERROR_FAILED,
                 _("Writing %s failed: %s; nothing was written."), display,
                 g_strerror (saved_errno));
}

static void
set_exists_error (GError    **error,
                  const char *path)
{
  g_autofree char *display = g_filename_display_name (path);

  g_set_error (error, SC_EXPORT_ERROR, SC_EXPORT_ERROR_EXISTS,
               _("%s already exists and was left as it is; choose another name or allow "
                 "replacing it."),
               display);
}

ScExportFile *
sc_export_file_begin (const char  *path,
                      gboolean     overwrite,
                      GError     **error)
{
  g_autofree char *dir = g_path_get_dirname (path);
  g_autofree char *base = g_path_get_basename (path);
  g_autofree char *template = g_strdup_printf (".%s.XXXXXX", base);
  ScExportFile *self;

  if (g_file_test (path, G_FILE_TEST_IS_DIR) ||
      (!overwrite && g_file_test (path, G_FILE_TEST_EXISTS)))
    {
      set_exists_error (error, path);
      return NULL;
    }
  self = g_new0 (ScExportFile, 1);
  self->path = g_strdup (path);
  self->temp_path = g_build_filename (dir, template, NULL);
  self->overwrite = overwrite;
  /* Owner-only: the content is as sensitive as the store's. */
  self->fd = g_mkstemp_full (self->temp_path, O_WRONLY | O_CLOEXEC, 0600);
  if (self->fd < 0)
    {
      set_errno_error (error, errno, path);
      g_clear_pointer (&self->temp_path, g_free);
      sc_export_file_free (self);
      return NULL;
    }
  self->buffer = g_string_sized_new (BUFFER_SIZE);
  return self;
}

const char *
sc_export_file_get_path (ScExportFile *self)
{
  return self->path;
}

static gboolean
flush (ScExportFile *self)
{
  gsize done = 0;

  while (self->failure == NULL && done < self->buffer->len)
    {
      ssize_t n = write (self->fd, self->buffer->str + done, self->buffer->len - done);

      if (n < 0 && errno == EINTR)
        continue;
      if (n <= 0)
        set_errno_error (&self->failure, n < 0 ? errno : ENOSPC, self->path);
      else
        done += n;
    }
  g_string_truncate (self->buffer, 0);
  return self->failure == NULL;
}

gboolean
sc_export_file_write (ScExportFile  *self,
                      const void    *data,
                      gsize          length,
                      GError       **error)
{
  if (self->failure == NULL)
    {
      g_string_append_len (self->buffer, data, length);
      if (self->buffer->len >= BUFFER_SIZE)
        flush (self);
    }
  if (self->failure != NULL)
    {
      g_propagate_error (error, g_error_copy (self->failure));
      return FALSE;
    }
  return TRUE;
}

cairo_status_t
sc_export_file_cairo_write (void                *closure,
                            const unsigned char *data,
                            unsigned int         length)
{
  return sc_export_file_write (closure, data, length, NULL) ? CAIRO_STATUS_SUCCESS
                                                            : CAIRO_STATUS_WRITE_ERROR;
}

/* Renames without replacing what may have appeared since _begin(), where the
 * file system allows it. */
static int
rename_into_place (ScExportFile *self)
{
  if (!self->overwrite)
    {
      int rc = renameat2 (AT_FDCWD, self->temp_path, AT_FDCWD, self->path, RENAME_NOREPLACE);

      if (rc == 0 || (errno != EINVAL && errno != ENOSYS))
        return rc;
      if (g_file_test (self->path, G_FILE_TEST_EXISTS))
        {
          errno = EEXIST;
          return -1;
        }
    }
  return g_rename (self->temp_path, self->path);
}

static void
sync_folder (const char *path)
{
  g_autofree char *dir = g_path_get_dirname (path);
  int fd = open (dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);

  if (fd >= 0)
    {
      fsync (fd);
      close (fd);
    }
}

gboolean
sc_export_file_commit (ScExportFile  *self,
                       GError       **error)
{
  int saved;

  if (flush (self) && fsync (self->fd) != 0)
    set_errno_error (&self->failure, errno, self->path);
  if (self->failure == NULL && close (self->fd) != 0)
    set_errno_error (&self->failure, errno, self->path);
  self->fd = -1;
  if (self->failure != NULL)
    {
      g_propagate_error (error, g_error_copy (self->failure));
      return FALSE;
    }
  if (rename_into_place (self) != 0)
    {
      saved = errno;
      if (saved == EEXIST)
        set_exists_error (error, self->path);
      else
        set_errno_error (error, saved, self->path);
      return FALSE;
    }
  self->committed = TRUE;
  sync_folder (self->path);
  return TRUE;
}

void
sc_export_file_free (ScExportFile *self)
{
  if (self == NULL)
    return;
  if (self->fd >= 0)
    close (self->fd);
  if (!self->committed && self->temp_path != NULL)
    g_unlink (self->temp_path);
  if (self->buffer != NULL)
    g_string_free (self->buffer, TRUE);
  g_clear_error (&self->failure);
  g_free (self->temp_path);
  g_free (self->path);
  g_free (self);
}
