/* sc-central-team.c: reading a team bundle sealed to the central store
 *
 * Copyright 2026 The Scrutineer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "sc-central-team.h"

#include <glib/gi18n-lib.h>
#include <sodium.h>

#include "sc-bundle-private.h"
#include "sc-rows.h"

gboolean
sc_central_team_is_for (const ScCentralBundle   *bundle,
                        const ScCentralIdentity *identity)
{
  if (g_strcmp0 (bundle->kind, "team") != 0)
    return FALSE;
  for (guint i = 0; i < bundle->recipients->len; i++)
    if (g_ascii_strcasecmp (g_ptr_array_index (bundle->recipients, i), identity->id) == 0)
      return TRUE;
  return FALSE;
}

static gboolean
unreadable (GError    **error,
            const char *why)
{
  g_set_error (error, SC_CENTRAL_ERROR, SC_CENTRAL_ERROR_INVALID,
               _("The team bundle cannot be read for reporting: %s"), why);
  return FALSE;
}

static ScBundleHeader *
read_header (ScBundleCopy *copy,
             guint32      *header_len,
             GError      **error)
{
  guint8 prefix[SC_BUNDLE_PREFIX_BYTES];
  g_autofree char *xml = NULL;

  if (!sc_bundle_copy_read (copy, 0, prefix, sizeof prefix, error))
    return NULL;
  *header_len = (guint32) prefix[5] | (guint32) prefix[6] << 8 | (guint32) prefix[7] << 16 |
                (guint32) prefix[8] << 24;
  if (*header_len == 0 || *header_len > SC_BUNDLE_MAX_HEADER)
    {
      unreadable (error, _("its header length is impossible"));
      return NULL;
    }
  xml = g_malloc (*header_len);
  if (!sc_bundle_copy_read (copy, SC_BUNDLE_PREFIX_BYTES, xml, *header_len, error))
    return NULL;
  return sc_bundle_header_parse (xml, *header_len, error);
}

static ScSecret *
open_slot (const ScBundleHeader    *header,
           const ScCentralIdentity *identity,
           GError                 **error)
{
  const ScBundleSlot *slot = sc_bundle_header_find_slot (header, identity->id);
  g_autoptr (ScSecret) file_key = sc_secret_new (SC_BUNDLE_FILE_KEY_BYTES);

  if (slot == NULL)
    {
      unreadable (error, _("it is not addressed to the central store"));
      return NULL;
    }
  if (crypto_box_seal_open (file_key->data, slot->sealed_key, sizeof slot->sealed_key,
                            identity->box_key, identity->box_secret->data) != 0)
    {
      unreadable (error, _("its key for the central store does not open"));
      return NULL;
    }
  return g_steal_pointer (&file_key);
}

static const char *
text_of (const ScRow *row,
         const char  *column)
{
  int index = sc_rows_column_index (row->table, column);

  if (index < 0 || row->values[index].is_null || !row->values[index].present)
    return NULL;
  return row->values[index].data->str;
}

/* What the rows say, gathered as they stream past. */
typedef struct
{
  const char *inspection;
  GHashTable *frameworks; /* row id -> ScCentralFramework* */
  char *framework_row;
  char *lead;
  GPtrArray *evaluations;
} Gathered;

static void
gather (Gathered    *g,
        const ScRow *row)
{
  const char *table = row->table->name;

  if (row->deleted)
    return;
  if (g_str_equal (table, "framework"))
    {
      int xml = sc_rows_column_index (row->table, "xml");
      ScCentralFramework *f = g_new0 (ScCentralFramework, 1);

      f->sha256 = g_strdup (text_of (row, "sha256"));
      f->framework_id = g_strdup (text_of (row, "framework_id"));
      f->version = g_strdup (text_of (row, "version"));
      f->title = g_strdup (text_of (row, "title"));
      f->xml = g_bytes_new (row->values[xml].data->str, row->values[xml].data->len);
      g_hash_table_replace (g->frameworks, g_strdup (row->id->str), f);
    }
  else if (g_str_equal (table, "inspection") &&
           g_ascii_strcasecmp (row->id->str, g->inspection) == 0)
    {
      g_free (g->framework_row);
      g->framework_row = g_strdup (text_of (row, "framework"));
      g_free (g->lead);
      g->lead = g_strdup (text_of (row, "lead"));
    }
  else if (g_str_equal (table, "evaluation") &&
           text_of (row, "inspection") != NULL &&
           g_ascii_strcasecmp (text_of (row, "inspection"), g->inspection) == 0 &&
           text_of (row, "level") != NULL)
    {
      int level = sc_rows_column_index (row->table, "level");
      ScCentralEvaluation *e = g_new0 (ScCentralEvaluation, 1);

      e->indicator = g_strdup (text_of (row, "indicator"));
      e->author = g_strdup (text_of (row, "author"));
      e->level = row->values[level].integer;
      g_ptr_array_add (g->evaluations, e);
    }
}

static gboolean
read_rows (ScBundleCopy         *copy,
           guint32               header_len,
           const ScBundleHeader *header,
           const ScSecret       *file_key,
           Gathered             *g,
           GError              **error)
{
  g_autoptr (ScBundlePayload) payload = sc_bundle_payload_new (
    copy, SC_BUNDLE_PREFIX_BYTES + (guint64) header_len, header, file_key, error);
  g_autoptr (ScRowsReader) reader = NULL;
  const ScRow *row = NULL;
  int rc;

  if (payload == NULL)
    return FALSE;
  reader = sc_rows_reader_new (sc_bundle_payload_read, payload);
  while ((rc = sc_rows_reader_next (reader, &row, error)) > 0)
    gather (g, row);
  return rc == 0 && sc_bundle_payload_finish (payload, error);
}

ScCentralTeam *
sc_central_team_read (int                      fd,
                      guint64                  size,
                      const ScCentralIdentity *identity,
                      GError                 **error)
{
  guint8 hash[SC_BUNDLE_HASH_BYTES];
  g_autoptr (ScBundleCopy) copy = NULL;
  g_autoptr (ScBundleHeader) header = NULL;
  g_autoptr (ScSecret) file_key = NULL;
  g_autoptr (GHashTable) frameworks = g_hash_table_new_full (
    g_str_hash, g_str_equal, g_free, (GDestroyNotify) sc_central_framework_free);
  g_autoptr (ScCentralTeam) team = sc_central_team_new ();
  Gathered g = { NULL, frameworks, NULL, NULL, team->evaluations };
  char *row_id = NULL;
  guint32 header_len = 0;
  gboolean ok;

  /* The signature was checked on upload; the copy is what is read. */
  copy = sc_bundle_copy_new (fd, size, g_get_tmp_dir (), hash, error);
  if (copy == NULL)
    return NULL;
  header = read_header (copy, &header_len, error);
  if (header == NULL)
    return NULL;
  if (header->kind != SC_BUNDLE_TEAM)
    {
      unreadable (error, _("it is not a team bundle"));
      return NULL;
    }
  file_key = open_slot (header, identity, error);
  if (file_key == NULL)
    return NULL;
  g.inspection = header->inspection;
  ok = read_rows (copy, header_len, header, file_key, &g, error);
  team->lead = g_steal_pointer (&g.lead);
  if (ok && (g.framework_row == NULL ||
             !g_hash_table_steal_extended (frameworks, g.framework_row, (gpointer *) &row_id,
                                           (gpointer *) &team->framework)))
    ok = unreadable (error, _("it does not hold its inspection and framework"));
  g_free (g.framework_row);
  g_free (row_id);
  if (!ok)
    return NULL;
  team->inspection = g_ascii_strdown (header->inspection, -1);
  team->bundle = g_ascii_strdown (header->id, -1);
  team->created = g_strdup (header->created);
  return g_steal_pointer (&team);
}
