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
#include <json-glib/json-glib.h>
#include <string.h>

#include "sc-bundle-private.h"
#include "sc-identity.h"

void
sc_sync_report_free (ScSyncReport *report)
{
  if (report == NULL)
    return;
  g_ptr_array_unref (report->pushed);
  g_ptr_array_unref (report->present);
  g_ptr_array_unref (report->pulled);
  g_ptr_array_unref (report->problems);
  g_ptr_array_unref (report->sent);
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
  report->sent = g_ptr_array_new_with_free_func (g_free);
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

static gboolean
same_file (const char *a,
           const char *b)
{
  GStatBuf sa, sb;

  return g_stat (a, &sa) == 0 && g_stat (b, &sb) == 0 && sa.st_dev == sb.st_dev &&
         sa.st_ino == sb.st_ino;
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
  /* Written straight into the outbox already: nothing to copy. */
  if (same_file (path, target))
    return TRUE;
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
          error->code == SC_SYNC_ERROR_PROTOCOL || error->code == SC_SYNC_ERROR_URL ||
          error->code == SC_SYNC_ERROR_CANCELLED);
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
check_cancelled (GCancellable *cancellable,
                 GError      **error)
{
  if (!g_cancellable_is_cancelled (cancellable))
    return TRUE;
  g_set_error (error, SC_SYNC_ERROR, SC_SYNC_ERROR_CANCELLED,
               _("The sync was cancelled; what was sent or received before stays"));
  return FALSE;
}

static gboolean
push (ScSyncClient       *client,
      ScStore            *store,
      ScSyncReport       *report,
      GCancellable       *cancellable,
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

      if (!check_cancelled (cancellable, error))
        return FALSE;
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
      g_ptr_array_add (report->sent, g_strdup (name));
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
      GCancellable       *cancellable,
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
      if (!check_cancelled (cancellable, error))
        return FALSE;
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
  return sc_sync_run_cancellable (store, url, ca_file, NULL, progress, user_data, error);
}

ScSyncReport *
sc_sync_run_cancellable (ScStore            *store,
                         const char         *url,
                         const char         *ca_file,
                         GCancellable       *cancellable,
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
  if (client == NULL)
    return NULL;
  sc_sync_client_set_cancellable (client, cancellable);
  if (!push (client, store, report, cancellable, progress, user_data, error) ||
      !pull (client, store, report, cancellable, progress, user_data, error))
    return NULL;
  if (progress != NULL)
    progress (_("Done"), 1, 1, user_data);
  return g_steal_pointer (&report);
}

/* The last sync, in the meta table */

#define LAST_SYNC_KEY "sync_last"

void
sc_sync_last_free (ScSyncLast *last)
{
  if (last == NULL)
    return;
  g_clear_pointer (&last->time, g_date_time_unref);
  g_free (last->url);
  g_free (last->message);
  g_strfreev (last->sent);
  g_strfreev (last->received);
  g_strfreev (last->problems);
  g_free (last);
}

static void
add_strings (JsonBuilder *b,
             const char  *name,
             GPtrArray   *strings)
{
  json_builder_set_member_name (b, name);
  json_builder_begin_array (b);
  for (guint i = 0; strings != NULL && i < strings->len; i++)
    json_builder_add_string_value (b, g_ptr_array_index (strings, i));
  json_builder_end_array (b);
}

static const char *
kind_label (ScBundleKind kind)
{
  switch (kind)
    {
    case SC_BUNDLE_SETUP:
      return _("Setup bundle");
    case SC_BUNDLE_MEMBER:
      return _("Member bundle");
    case SC_BUNDLE_TEAM:
    default:
      return _("Team bundle");
    }
}

/* "Member bundle from Bob Inspector: 3 new, 1 updated, 0 conflicts". */
static GPtrArray *
describe_pulled (ScStore   *store,
                 GPtrArray *pulled)
{
  g_autoptr (GPtrArray) devices = sc_store_list_devices (store, TRUE, NULL);
  GPtrArray *out = g_ptr_array_new_with_free_func (g_free);

  for (guint i = 0; i < pulled->len; i++)
    {
      const ScBundleImport *import = g_ptr_array_index (pulled, i);
      const char *sender = import->sender;

      for (guint d = 0; devices != NULL && d < devices->len; d++)
        {
          const ScDeviceEntry *entry = g_ptr_array_index (devices, d);

          if (g_ascii_strcasecmp (entry->card->device_id, import->sender) == 0)
            sender = entry->card->name;
        }
      g_ptr_array_add (out, g_strdup_printf (_("%s from %s: %u new, %u updated, %u conflicts"),
                                             kind_label (import->kind), sender, import->n_new,
                                             import->n_updated, import->n_conflicts));
    }
  return out;
}

gboolean
sc_sync_last_save (ScStore            *store,
                   const char         *url,
                   const ScSyncReport *report,
                   const GError       *error,
                   GError            **save_error)
{
  g_autoptr (JsonBuilder) b = json_builder_new ();
  g_autoptr (JsonNode) root = NULL;
  g_autoptr (GDateTime) now = g_date_time_new_now_utc ();
  g_autofree char *time = g_date_time_format_iso8601 (now);
  g_autofree char *text = NULL;
  g_autoptr (GPtrArray) received = NULL;
  sqlite3_stmt *stmt;
  int rc;

  json_builder_begin_object (b);
  json_builder_set_member_name (b, "time");
  json_builder_add_string_value (b, time);
  json_builder_set_member_name (b, "url");
  json_builder_add_string_value (b, url);
  json_builder_set_member_name (b, "ok");
  json_builder_add_boolean_value (b, report != NULL);
  if (report == NULL && error != NULL)
    {
      json_builder_set_member_name (b, "code");
      json_builder_add_int_value (b, error->domain == SC_SYNC_ERROR ? error->code
                                                                    : SC_SYNC_ERROR_FAILED);
      json_builder_set_member_name (b, "message");
      json_builder_add_string_value (b, error->message);
    }
  if (report != NULL)
    {
      received = describe_pulled (store, report->pulled);
      add_strings (b, "sent", report->sent);
      add_strings (b, "received", received);
      add_strings (b, "problems", report->problems);
    }
  json_builder_end_object (b);
  root = json_builder_get_root (b);
  text = json_to_string (root, FALSE);

  stmt = sc_store_prepare (store, "INSERT OR REPLACE INTO meta (key, value) VALUES (?, ?)",
                           save_error);
  if (stmt == NULL)
    return FALSE;
  sc_bind_text (stmt, 1, LAST_SYNC_KEY);
  sc_bind_text (stmt, 2, text);
  rc = sqlite3_step (stmt);
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      g_set_error (save_error, SC_SYNC_ERROR, SC_SYNC_ERROR_FAILED,
                   _("Cannot note the sync in the store: %s"), sqlite3_errmsg (store->db));
      return FALSE;
    }
  return TRUE;
}

static GStrv
strings_of (JsonObject *object,
            const char *name)
{
  g_autoptr (GStrvBuilder) builder = g_strv_builder_new ();
  JsonArray *array = json_object_has_member (object, name)
                       ? json_object_get_array_member (object, name)
                       : NULL;

  for (guint i = 0; array != NULL && i < json_array_get_length (array); i++)
    {
      JsonNode *node = json_array_get_element (array, i);

      if (JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_STRING)
        g_strv_builder_add (builder, json_node_get_string (node));
    }
  return g_strv_builder_end (builder);
}

ScSyncLast *
sc_sync_last_load (ScStore *store,
                   GError **error)
{
  sqlite3_stmt *stmt = sc_store_prepare (store, "SELECT value FROM meta WHERE key = ?", error);
  g_autoptr (JsonParser) parser = json_parser_new ();
  g_autoptr (ScSyncLast) last = NULL;
  g_autofree char *text = NULL;
  g_autoptr (GDateTime) utc = NULL;
  JsonObject *object;

  if (stmt == NULL)
    return NULL;
  sc_bind_text (stmt, 1, LAST_SYNC_KEY);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    text = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  sqlite3_reset (stmt);
  if (text == NULL)
    return NULL;
  if (!json_parser_load_from_data (parser, text, -1, NULL) ||
      !JSON_NODE_HOLDS_OBJECT (json_parser_get_root (parser)))
    {
      g_set_error (error, SC_SYNC_ERROR, SC_SYNC_ERROR_FAILED,
                   _("The note of the last sync is not readable"));
      return NULL;
    }
  object = json_node_get_object (json_parser_get_root (parser));
  last = g_new0 (ScSyncLast, 1);
  utc = g_date_time_new_from_iso8601 (
    json_object_get_string_member_with_default (object, "time", ""), NULL);
  last->time = utc != NULL ? g_date_time_to_local (utc) : NULL;
  last->url = g_strdup (json_object_get_string_member_with_default (object, "url", ""));
  last->ok = json_object_get_boolean_member_with_default (object, "ok", FALSE);
  last->code = last->ok ? -1
                        : (int) json_object_get_int_member_with_default (object, "code",
                                                                         SC_SYNC_ERROR_FAILED);
  last->message = g_strdup (json_object_get_string_member_with_default (object, "message", ""));
  last->sent = strings_of (object, "sent");
  last->received = strings_of (object, "received");
  last->problems = strings_of (object, "problems");
  return g_steal_pointer (&last);
}
