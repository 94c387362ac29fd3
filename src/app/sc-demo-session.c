/* sc-demo-session.c: a throwaway store holding the demo inspection
 *
 * Copyright 2026 The Scrutineer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <fcntl.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include "sc-demo-session.h"
#include "sc-demo.h"

#define DEMO_RECORDS 40
#define DEMO_SEED 2012
#define DEMO_PREFIX "scrutineer-demo-"
/* A demo store this old, that no process holds, was left by one killed. */
#define STALE_SECONDS 60

struct _ScDemoSession
{
  char *dir;
  ScSecret *passphrase;
  ScStore *store;
  char *inspection;
};

/* The store's directory holds only files the store made (no subdirectories),
 * but go down anyway rather than leave something behind. */
static gboolean
remove_tree (const char *path)
{
  g_autoptr (GDir) dir = g_dir_open (path, 0, NULL);
  gboolean ok = TRUE;
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *child = g_build_filename (path, name, NULL);

      if (g_file_test (child, G_FILE_TEST_IS_DIR) &&
          !g_file_test (child, G_FILE_TEST_IS_SYMLINK))
        ok = remove_tree (child) && ok;
      else
        ok = g_unlink (child) == 0 && ok;
    }
  return g_rmdir (path) == 0 && ok;
}

/* A demo killed outright (SIGKILL, a crash) cannot remove its store. The next
 * demo does: any demo store of this user that is a while old and whose lock
 * nobody holds (flock() locks go with their process). */
static void
sweep_stale_demos (void)
{
  const char *tmp = g_get_tmp_dir ();
  g_autoptr (GDir) dir = g_dir_open (tmp, 0, NULL);
  gint64 now = g_get_real_time () / G_USEC_PER_SEC;
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *path = NULL;
      g_autofree char *lock = NULL;
      GStatBuf st;
      int fd;

      if (!g_str_has_prefix (name, DEMO_PREFIX))
        continue;
      path = g_build_filename (tmp, name, NULL);
      if (g_lstat (path, &st) != 0 || !S_ISDIR (st.st_mode) || st.st_uid != getuid () ||
          now - (gint64) st.st_mtime < STALE_SECONDS)
        continue;

      lock = g_build_filename (path, "store.lock", NULL);
      fd = g_open (lock, O_RDWR | O_CLOEXEC, 0);
      if (fd >= 0 && flock (fd, LOCK_EX | LOCK_NB) != 0)
        {
          close (fd); /* a demo that is still running */
          continue;
        }
      if (!remove_tree (path))
        g_message ("Could not remove the old demo store %s", path);
      if (fd >= 0)
        close (fd);
    }
}

void
sc_demo_session_free (ScDemoSession *self)
{
  if (self == NULL)
    return;

  g_clear_pointer (&self->store, sc_store_close);
  if (self->dir != NULL && !remove_tree (self->dir))
    g_warning ("Could not remove the demo store %s", self->dir);
  g_free (self->dir);
  g_clear_pointer (&self->passphrase, sc_secret_free);
  g_free (self->inspection);
  g_free (self);
}

static void
create_thread (GTask        *task,
               gpointer      source_object,
               gpointer      task_data,
               GCancellable *cancellable)
{
  g_autoptr (ScDemoSession) self = g_new0 (ScDemoSession, 1);
  g_autoptr (ScSecret) recovery_code = NULL;
  g_autoptr (GError) error = NULL;

  sweep_stale_demos ();
  self->dir = g_dir_make_tmp (DEMO_PREFIX "XXXXXX", &error);
  if (self->dir == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  /* A recovery code makes a good passphrase: 120 random bits, and it passes
   * the passphrase rules. */
  self->passphrase = sc_recovery_code_new ();
  self->store = sc_store_create (self->dir, self->passphrase, SC_KDF_INTERACTIVE,
                                 _("Demo Lead"), "lead", &recovery_code, &error);
  if (self->store == NULL ||
      !sc_demo_create (self->store, DEMO_RECORDS, DEMO_SEED, NULL, NULL, &self->inspection,
                       &error))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  g_task_return_pointer (task, g_steal_pointer (&self), (GDestroyNotify) sc_demo_session_free);
}

void
sc_demo_session_new_async (GCancellable        *cancellable,
                           GAsyncReadyCallback  callback,
                           gpointer             user_data)
{
  g_autoptr (GTask) task = g_task_new (NULL, cancellable, callback, user_data);

  g_task_set_source_tag (task, sc_demo_session_new_async);
  g_task_run_in_thread (task, create_thread);
}

ScDemoSession *
sc_demo_session_new_finish (GAsyncResult  *result,
                            GError       **error)
{
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == sc_demo_session_new_async,
                        NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

ScStore *
sc_demo_session_steal_store (ScDemoSession *self)
{
  return g_steal_pointer (&self->store);
}

const char *
sc_demo_session_get_dir (ScDemoSession *self)
{
  return self->dir;
}

const char *
sc_demo_session_get_inspection (ScDemoSession *self)
{
  return self->inspection;
}

const ScSecret *
sc_demo_session_get_passphrase (ScDemoSession *self)
{
  return self->passphrase;
}
