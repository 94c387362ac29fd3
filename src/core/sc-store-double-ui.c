/* sc-store-double-ui.c: the double-read records of an inspection, with how
 * far each reading has gone, for the application's list
 *
 * Copyright 2026 The Scrutineer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Only states, never answers: blindness does not apply to whether a reading
 * has been submitted, and the list is what tells people whose turn it is.
 */
#include "sc-store-private.h"

#include "sc-double-reading.h"

void
sc_double_record_free (ScDoubleRecord *record)
{
  if (record == NULL)
    return;
  g_free (record->record_id);
  g_free (record->record_ref);
  g_free (record->primary_reader);
  g_free (record->second_reader);
  g_free (record->primary_reading);
  g_free (record->second_reading);
  g_free (record->primary_status);
  g_free (record->second_status);
  g_free (record);
}

static ScDoubleRecord *
double_record_from_row (sqlite3_stmt *stmt)
{
  ScDoubleRecord *record = g_new0 (ScDoubleRecord, 1);

  record->record_id = sc_column_dup (stmt, 0);
  record->record_ref = sc_column_dup (stmt, 1);
  record->primary_reader = sc_column_dup (stmt, 2);
  record->second_reader = sc_column_dup (stmt, 3);
  record->primary_reading = sc_column_dup (stmt, 4);
  record->primary_status = sc_column_dup (stmt, 5);
  record->second_reading = sc_column_dup (stmt, 6);
  record->second_status = sc_column_dup (stmt, 7);
  record->both_submitted = g_strcmp0 (record->primary_status, "submitted") == 0 &&
                           g_strcmp0 (record->second_status, "submitted") == 0;
  return record;
}

GPtrArray *
sc_store_list_double_records (ScStore    *store,
                              const char *inspection,
                              GError    **error)
{
  /* The earliest primary and second assignments, as sc_store_check_blind()
   * pairs them. */
  sqlite3_stmt *stmt = sc_store_prepare (
    store,
    "SELECT rec.id, rec.ref, pa.reader, sa.reader, pr.id, pr.status, sr.id, sr.status"
    " FROM record rec"
    " JOIN assignment pa ON pa.id = (SELECT id FROM assignment WHERE record = rec.id"
    "  AND kind = 'primary' AND deleted = 0 ORDER BY rowid LIMIT 1)"
    " JOIN assignment sa ON sa.id = (SELECT id FROM assignment WHERE record = rec.id"
    "  AND kind = 'second' AND deleted = 0 ORDER BY rowid LIMIT 1)"
    " LEFT JOIN reading pr ON pr.id = (SELECT id FROM reading WHERE assignment = pa.id"
    "  AND deleted = 0 ORDER BY rowid LIMIT 1)"
    " LEFT JOIN reading sr ON sr.id = (SELECT id FROM reading WHERE assignment = sa.id"
    "  AND deleted = 0 ORDER BY rowid LIMIT 1)"
    " WHERE rec.inspection = ? AND rec.deleted = 0 ORDER BY rec.ref, rec.id",
    error);

  if (stmt == NULL)
    return NULL;
  sc_bind_text (stmt, 1, inspection);
  return sc_store_collect (store, stmt, (ScRowFunc) double_record_from_row,
                           (GDestroyNotify) sc_double_record_free, error);
}
