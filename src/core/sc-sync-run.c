/* sc-sync-run.c: one sync of a store with the central store
 *
 * Copyright 2026 The Scrutineer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Push the outbox, then pull: list what the server holds for this device,
 * skip this device's own bundles and those imported already, download the
 * rest into the inbox and import them one by one. Nothing here depends on
 * the clock beyond the server's five-minute window, so a sync after weeks
 * offline is like any other. A problem with one bundle is reported and the
 * others go on; a problem with the server or this device's standing there
 * stops the sync.
 */
#include "sc-sync.h"

#include <errno.h>
#include <gio/gio.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <string.h>

#include "sc-bundle-private.h"

void
sc_sync_report_free (ScSyncReport *report)
{
  if (report == NULL)
    return;
  g_ptr_array_unref (report->pushed);
  g_ptr_array_unref (report->present);
  g_ptr_array_unref (report->pulled);
  g_ptr_array_unref (report->problems);
  g_free (report);
}

static void
import_free (gpointer data)
{
  ScBundleImport *result = data;

  sc_bundle_import_clear (result);
  g_free (result);
}

static ScSyncReport *
report_new (void)
{
  ScSyncReport *report = g_new0 (ScSyncReport, 1);

  report->pushed = g_ptr_array_new_with_free_func (g_free);
  report->present = g_ptr_array_new_with_free_func (g_free);
  report->pulled = g_ptr_array_new_with_free_func (import_free);
  report->problems = g_ptr_array_new_with_free_func (g_free);
  return report;
}

static char *
store_subdir (ScStore    *store,
              const char *name,
              GError    **error)
{
  g_autofree char *dir = g_build_filename (sc_store_get_dir (store), name, NULL);

  if (g_mkdir_with_parents (dir, 0700) != 0)
    {
      int saved = errno;

      g_set_error (error, SC_SYNC_ERROR, SC_SYNC_ERROR_FAILED, _("Cannot create %s: %s"), dir,
                   g_strerror (saved));
      return NULL;
    }
  return g_steal_pointer (&dir);
}

char *
sc_sync_outbox_dir (ScStore *store)
{
  return g_build_filename (sc_store_get_dir (store), "outbox", NULL);
}

gboolean
sc_sync_outbox_add (ScStore    *store,
                    const char *path,
                    GError    **error)
{
  g_autofree char *dir = store_subdir (store, "outbox", error);
  g_autofree char *base = g_path_get_basename (path);
  g_autofree char *name = g_str_has_suffix (base, ".scrb") ? g_strdup (base)
                                                            : g_strconcat (base, ".scrb", NULL);
  g_autofree char *target = NULL;
  g_autoptr (GFile) from = g_file_new_for_path (path);
  g_autoptr (GFile) to = NULL;

  if (dir == NULL)
    return FALSE;
  target = g_build_filename (dir, name, NULL);
  to = g_file_new_for_path (target);
  return g_file_copy (from, to, G_FILE_COPY_OVERWRITE, NULL, NULL, NULL, error);
}

/* Ids the store has imported already (sc-bundle-import.c keeps them). */
static gboolean
already_imported (ScStore    *store,
                  const char *id)
{
  sqlite3_stmt *stmt = sc_store_prepare (store, "SELECT 1 FROM bundle_import WHERE id = ?", NULL);
  gboolean found;

  if (stmt == NULL)
    return FALSE;
  sc_bind_text (stmt, 1, id);
  found = sqlite3_step (stmt) == SQLITE_ROW;
  sqlite3_reset (stmt);
  return found;
}

/* Errors after which going on with other bundles makes no sense. */
static gboolean
stops_sync (const GError *error)
{
  return error->domain == SC_SYNC_ERROR &&
         (error->code == SC_SYNC_ERROR_NETWORK || error->code == SC_SYNC_ERROR_TLS ||
          error->code == SC_SYNC_ERROR_CLOCK || error->code == SC_SYNC_ERROR_UNAUTHORIZED ||
          error->code == SC_SYNC_ERROR_FORBIDDEN || error->code == SC_SYNC_ERROR_SERVER ||
          error->code == SC_SYNC_ERROR_PROTOCOL || error->code == SC_SYNC_ERROR_URL);
}

static int
compare_names (gconstpointer a,
               gconstpointer b)
{
  return g_strcmp0 (*(const char * const *) a, *(const char * const *) b);
}

static GPtrArray *
outbox_files (const char *dir)
{
  g_autoptr (GDir) handle = g_dir_open (dir, 0, NULL);
  GPtrArray *files = g_ptr_array_new_with_free_func (g_free);
  const char *name;

  while (handle != NULL && (name = g_dir_read_name (handle)) != NULL)
    if (g_str_has_suffix (name, ".scrb") && name[0] != '.')
      g_ptr_array_add (files, g_strdup (name));
  g_ptr_array_sort (files, compare_names);
  return files;
}

static gboolean
push (ScSyncClient       *client,
      ScStore            *store,
      ScSyncReport       *report,
      ScSyncProgressFunc  progress,
      gpointer            user_data,
      GError            **error)
{
  g_autofree char *dir = store_subdir (store, "outbox", error);
  g_autofree char *sent = NULL;
  g_autoptr (GPtrArray) files = NULL;

  if (dir == NULL)
    return FALSE;
  sent = store_subdir (store, "outbox/sent", error);
  if (sent == NULL)
    return FALSE;
  files = outbox_files (dir);
  for (guint i = 0; i < files->len; i++)
    {
      const char *name = g_ptr_array_index (files, i);
      g_autofree char *path = g_build_filename (dir, name, NULL);
      g_autofree char *moved = g_build_filename (sent, name, NULL);
      g_autofree char *id = NULL;
      g_autoptr (GError) local = NULL;
      gboolean created = FALSE;

      if (progress != NULL)
        progress (_("Sending"), i, files->len, user_data);
      if (!sc_sync_client_upload (client, path, &created, &id, &local))
        {
          if (stops_sync (local))
            {
              g_propagate_error (error, g_steal_pointer (&local));
              return FALSE;
            }
          g_ptr_array_add (report->problems, g_strdup_printf ("%s: %s", name, local->message));
          continue;
        }
      g_ptr_array_add (created ? report->pushed : report->present, g_steal_pointer (&id));
      if (g_rename (path, moved) != 0)
        g_ptr_array_add (report->problems,
                         g_strdup_printf (_("%s was sent but could not be moved to %s: %s"), name,
                                          sent, g_strerror (errno)));
    }
  return TRUE;
}

static gboolean
pull_one (ScSyncClient      *client,
          ScStore           *store,
          const char        *inbox,
          const ScSyncEntry *entry,
          ScSyncReport      *report,
          GError           **error)
{
  g_autofree char *name = g_strconcat (entry->id, ".scrb", NULL);
  g_autofree char *path = g_build_filename (inbox, name, NULL);
  g_autoptr (GError) local = NULL;
  ScBundleImport *result = g_new0 (ScBundleImport, 1);

  if (!sc_sync_client_download (client, entry->id, entry, path, &local))
    {
      g_free (result);
      if (stops_sync (local))
        {
          g_propagate_error (error, g_steal_pointer (&local));
          return FALSE;
        }
      g_ptr_array_add (report->problems, g_strdup_printf ("%s: %s", entry->id, local->message));
      return TRUE;
    }
  if (sc_bundle_import (store, path, result, &local))
    g_ptr_array_add (report->pulled, result);
  else
    {
      g_ptr_array_add (report->problems,
                       g_strdup_printf (_("bundle %s from device %s: %s"), entry->id,
                                        entry->sender, local->message));
      import_free (result);
    }
  g_unlink (path);
  return TRUE;
}

static gboolean
pull (ScSyncClient       *client,
      ScStore            *store,
      ScSyncReport       *report,
      ScSyncProgressFunc  progress,
      gpointer            user_data,
      GError            **error)
{
  g_autofree char *inbox = store_subdir (store, "inbox", error);
  g_autoptr (GPtrArray) entries = NULL;
  g_autoptr (GPtrArray) wanted = g_ptr_array_new ();
  const char *self = sc_store_get_device_id (store);

  if (inbox == NULL)
    return FALSE;
  entries = sc_sync_client_list (client, error);
  if (entries == NULL)
    return FALSE;
  for (guint i = 0; i < entries->len; i++)
    {
      ScSyncEntry *entry = g_ptr_array_index (entries, i);

      if (g_ascii_strcasecmp (entry->sender, self) != 0 && !already_imported (store, entry->id))
        g_ptr_array_add (wanted, entry);
    }
  for (guint i = 0; i < wanted->len; i++)
    {
      if (progress != NULL)
        progress (_("Receiving"), i, wanted->len, user_data);
      if (!pull_one (client, store, inbox, g_ptr_array_index (wanted, i), report, error))
        return FALSE;
    }
  return TRUE;
}

ScSyncReport *
sc_sync_run (ScStore            *store,
             const char         *url,
             const char         *ca_file,
             ScSyncProgressFunc  progress,
             gpointer            user_data,
             GError            **error)
{
  g_autoptr (ScSecret) secret = sc_store_load_sign_secret (store, error);
  g_autoptr (ScSyncClient) client = NULL;
  g_autoptr (ScSyncReport) report = report_new ();

  if (secret == NULL)
    return NULL;
  client = sc_sync_client_new (url, ca_file, sc_store_get_device_id (store), secret, error);
  if (client == NULL || !push (client, store, report, progress, user_data, error) ||
      !pull (client, store, report, progress, user_data, error))
    return NULL;
  if (progress != NULL)
    progress (_("Done"), 1, 1, user_data);
  return g_steal_pointer (&report);
}
