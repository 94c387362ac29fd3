/* sc-store-records.c: case records and who reads them
 *
 * Copyright 2026 The Scrutineer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "sc-store-private.h"

#include <glib/gi18n-lib.h>

#include "sc-model.h"

#define RECORD_COLUMNS "id, inspection, ref, cohorts, age_band, legal_status"

static ScRecord *
record_from_row (sqlite3_stmt *stmt)
{
  ScRecord *record = g_new0 (ScRecord, 1);

  record->id = sc_column_dup (stmt, 0);
  record->inspection = sc_column_dup (stmt, 1);
  record->ref = sc_column_dup (stmt, 2);
  record->cohorts = sc_split_words ((const char *) sqlite3_column_text (stmt, 3));
  record->age_band = sc_column_dup (stmt, 4);
  record->legal_status = sc_column_dup (stmt, 5);
  return record;
}

char *
sc_store_add_record (ScStore            *store,
                     const char         *inspection,
                     const char         *ref,
                     const char * const *cohorts,
                     const char         *age_band,
                     const char         *legal_status,
                     GError            **error)
{
  g_autofree char *id = sc_store_new_id ();
  g_autofree char *clean_ref = g_strstrip (g_strdup (ref != NULL ? ref : ""));
  g_autofree char *cohort_text = sc_join_words (cohorts);
  g_autoptr (ScRecord) existing = NULL;
  sqlite3_stmt *stmt;
  gboolean ok;

  if (*clean_ref == '\0')
    {
      g_set_error (error, SC_STORE_ERROR, SC_STORE_ERROR_INVALID,
                   _("A record needs its pseudonymous reference"));
      return NULL;
    }
  existing = sc_store_find_record (store, inspection, clean_ref, NULL);
  if (existing != NULL)
    {
      g_set_error (error, SC_STORE_ERROR, SC_STORE_ERROR_INVALID,
                   _("There is already a record %s in this inspection"), clean_ref);
      return NULL;
    }
  if (!sc_store_begin (store, error))
    return NULL;
  stmt = sc_store_prepare (store,
                           "INSERT INTO record (id, rev, origin, inspection, ref, cohorts,"
                           " age_band, legal_status) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                           error);
  ok = stmt != NULL;
  if (ok)
    {
      sc_bind_text (stmt, 1, id);
      sqlite3_bind_int64 (stmt, 2, sc_store_tick (store));
      sc_bind_text (stmt, 3, store->device_id);
      sc_bind_text (stmt, 4, inspection);
      sc_bind_text (stmt, 5, clean_ref);
      sc_bind_text (stmt, 6, cohort_text);
      sc_bind_text (stmt, 7, age_band != NULL ? age_band : "");
      sc_bind_text (stmt, 8, legal_status != NULL ? legal_status : "");
      ok = sc_store_step_done (store, stmt, error) &&
           sc_store_audit (store, "add", "record", id, "", error);
    }
  return sc_store_finish (store, ok, error) ? g_steal_pointer (&id) : NULL;
}

GPtrArray *
sc_store_list_records (ScStore    *store,
                       const char *inspection,
                       GError    **error)
{
  sqlite3_stmt *stmt = sc_store_prepare (
    store,
    "SELECT " RECORD_COLUMNS " FROM record WHERE deleted = 0"
    " AND (?1 IS NULL OR inspection = ?1) ORDER BY ref",
    error);

  if (stmt == NULL)
    return NULL;
  sc_bind_text (stmt, 1, inspection);
  return sc_store_collect (store, stmt, (ScRowFunc) record_from_row,
                           (GDestroyNotify) sc_record_free, error);
}

ScRecord *
sc_store_find_record (ScStore    *store,
                      const char *inspection,
                      const char *ref,
                      GError    **error)
{
  sqlite3_stmt *stmt = sc_store_prepare (
    store,
    "SELECT " RECORD_COLUMNS " FROM record WHERE deleted = 0 AND inspection = ? AND ref = ?",
    error);
  ScRecord *record = NULL;

  if (stmt == NULL)
    return NULL;
  sc_bind_text (stmt, 1, inspection);
  sc_bind_text (stmt, 2, ref);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    record = record_from_row (stmt);
  sqlite3_reset (stmt);
  if (record == NULL)
    g_set_error (error, SC_STORE_ERROR, SC_STORE_ERROR_NOT_FOUND,
                 _("There is no record %s in this inspection; “records list” shows them all"),
                 ref);
  return record;
}

char *
sc_store_assign (ScStore    *store,
                 const char *record,
                 const char *reader,
                 const char *kind,
                 GError    **error)
{
  g_autofree char *id = sc_store_new_id ();
  sqlite3_stmt *stmt;
  gboolean ok;

  if (!sc_store_begin (store, error))
    return NULL;
  stmt = sc_store_prepare (store,
                           "INSERT INTO assignment (id, rev, origin, record, reader, kind)"
                           " VALUES (?, ?, ?, ?, ?, ?)",
                           error);
  ok = stmt != NULL;
  if (ok)
    {
      sc_bind_text (stmt, 1, id);
      sqlite3_bind_int64 (stmt, 2, sc_store_tick (store));
      sc_bind_text (stmt, 3, store->device_id);
      sc_bind_text (stmt, 4, record);
      sc_bind_text (stmt, 5, reader);
      sc_bind_text (stmt, 6, kind);
      ok = sc_store_step_done (store, stmt, error) &&
           sc_store_audit (store, "assign", "assignment", id, kind, error);
    }
  return sc_store_finish (store, ok, error) ? g_steal_pointer (&id) : NULL;
}
