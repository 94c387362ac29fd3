/* sc-store-devices.c: the devices a store knows, for showing and choosing
 *
 * Copyright 2026 The Scrutineer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A device row comes from enrolling a card (trusted) or from a bundle that
 * named it (only a name for the rows it wrote). The owner's member row gives
 * the member id a card of that device would carry.
 */
#include "sc-identity.h"

#include <string.h>

#include "sc-store-private.h"

void
sc_device_entry_free (ScDeviceEntry *entry)
{
  if (entry == NULL)
    return;
  sc_identity_free (entry->card);
  g_free (entry->fingerprint);
  g_free (entry->device_name);
  g_free (entry);
}

static ScDeviceEntry *
entry_from_stmt (ScStore      *store,
                 sqlite3_stmt *stmt)
{
  ScDeviceEntry *entry = g_new0 (ScDeviceEntry, 1);
  ScIdentity *card = g_new0 (ScIdentity, 1);

  card->device_id = sc_column_dup (stmt, 0);
  card->name = sc_column_dup (stmt, 1);
  card->role = sc_column_dup (stmt, 2);
  memcpy (card->sign_key, sqlite3_column_blob (stmt, 3), SC_IDENTITY_KEY_BYTES);
  memcpy (card->box_key, sqlite3_column_blob (stmt, 4), SC_IDENTITY_KEY_BYTES);
  card->member_id = sc_column_dup (stmt, 7);
  card->member_rev = sqlite3_column_int64 (stmt, 8);
  entry->card = card;
  entry->device_name = sc_column_dup (stmt, 9);
  entry->fingerprint = sc_identity_fingerprint (card);
  entry->revoked = sqlite3_column_int (stmt, 5) != 0;
  entry->is_self = g_strcmp0 (card->device_id, sc_store_get_device_id (store)) == 0;
  entry->enrolled = sqlite3_column_int (stmt, 6) != 0 || entry->is_self;
  return entry;
}

GPtrArray *
sc_store_list_devices (ScStore  *store,
                       gboolean  all,
                       GError  **error)
{
  g_autoptr (GPtrArray) entries = g_ptr_array_new_with_free_func (
    (GDestroyNotify) sc_device_entry_free);
  sqlite3_stmt *stmt = sc_store_prepare (
    store,
    "SELECT d.id, coalesce ((SELECT m.name FROM member m WHERE m.device = d.id"
    "  AND m.deleted = 0 ORDER BY m.rev DESC LIMIT 1), d.name),"
    " d.role, d.sign_key, d.box_key, d.revoked, d.enrolled,"
    " (SELECT m.id FROM member m WHERE m.device = d.id AND m.deleted = 0"
    "  ORDER BY m.rev DESC LIMIT 1),"
    " (SELECT m.rev FROM member m WHERE m.device = d.id AND m.deleted = 0"
    "  ORDER BY m.rev DESC LIMIT 1), d.name"
    " FROM device d WHERE d.deleted = 0 AND (?1 OR d.enrolled = 1 OR d.id = ?2)"
    " ORDER BY d.id = ?2 DESC, 2 COLLATE NOCASE, d.id",
    error);
  int rc;

  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int (stmt, 1, all ? 1 : 0);
  sc_bind_text (stmt, 2, sc_store_get_device_id (store));
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    if (sqlite3_column_bytes (stmt, 3) == SC_IDENTITY_KEY_BYTES &&
        sqlite3_column_bytes (stmt, 4) == SC_IDENTITY_KEY_BYTES)
      g_ptr_array_add (entries, entry_from_stmt (store, stmt));
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      sc_store_fail (store, rc, error);
      return NULL;
    }
  return g_steal_pointer (&entries);
}
