/* sc-store-readings.c: record readings and their answers
 *
 * Copyright 2026 The Scrutineer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Saving an answer is the hottest path in the program: inspectors type all
 * day and every pause saves. It is one short transaction of a few prepared
 * statements, durable when it returns.
 */
#include "sc-store-private.h"

#include <glib/gi18n-lib.h>

#include "sc-answer.h"
#include "sc-double-reading.h"
#include "sc-model.h"

#define READING_SELECT \
  "SELECT r.id, r.assignment, a.record, a.reader, a.kind, r.status, r.created, r.updated," \
  " r.submitted FROM reading r JOIN assignment a ON a.id = r.assignment"

static ScReading *
reading_from_row (sqlite3_stmt *stmt)
{
  ScReading *reading = g_new0 (ScReading, 1);
  const char *status = (const char *) sqlite3_column_text (stmt, 5);

  reading->id = sc_column_dup (stmt, 0);
  reading->assignment = sc_column_dup (stmt, 1);
  reading->record = sc_column_dup (stmt, 2);
  reading->reader = sc_column_dup (stmt, 3);
  reading->kind = sc_column_dup (stmt, 4);
  reading->status = g_strcmp0 (status, "submitted") == 0  ? SC_READING_SUBMITTED
                    : g_strcmp0 (status, "reopened") == 0 ? SC_READING_REOPENED
                                                          : SC_READING_DRAFT;
  reading->created = sc_column_dup (stmt, 6);
  reading->updated = sc_column_dup (stmt, 7);
  reading->submitted = sc_column_dup (stmt, 8);
  return reading;
}

ScReading *
sc_store_get_reading (ScStore    *store,
                      const char *reading,
                      GError    **error)
{
  sqlite3_stmt *stmt = sc_store_prepare (store, READING_SELECT " WHERE r.id = ?", error);
  ScReading *found = NULL;

  if (stmt == NULL)
    return NULL;
  sc_bind_text (stmt, 1, reading);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    found = reading_from_row (stmt);
  sqlite3_reset (stmt);
  if (found == NULL)
    g_set_error (error, SC_STORE_ERROR, SC_STORE_ERROR_NOT_FOUND,
                 _("The reading %s is not in this store"), reading);
  return found;
}

GPtrArray *
sc_store_list_readings (ScStore    *store,
                        const char *record,
                        GError    **error)
{
  sqlite3_stmt *stmt = sc_store_prepare (
    store, READING_SELECT " WHERE a.record = ? AND r.deleted = 0 ORDER BY a.kind, r.created",
    error);

  if (stmt == NULL)
    return NULL;
  sc_bind_text (stmt, 1, record);
  return sc_store_collect (store, stmt, (ScRowFunc) reading_from_row,
                           (GDestroyNotify) sc_reading_free, error);
}

static char *
lookup_one (ScStore    *store,
            const char *sql,
            const char *a,
            const char *b,
            GError    **error)
{
  sqlite3_stmt *stmt = sc_store_prepare (store, sql, error);
  char *value = NULL;

  if (stmt == NULL)
    return NULL;
  sc_bind_text (stmt, 1, a);
  if (b != NULL)
    sc_bind_text (stmt, 2, b);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    value = sc_column_dup (stmt, 0);
  sqlite3_reset (stmt);
  return value;
}

/* Makes the assignment (primary if the record has none yet, else second) and
 * the reading, inside the caller's transaction. */
static char *
ensure_reading (ScStore    *store,
                const char *record,
                const char *reader,
                GError    **error)
{
  g_autofree char *assignment = NULL;
  g_autofree char *reading = NULL;
  g_autofree char *now = sc_store_now ();
  sqlite3_stmt *stmt;

  assignment = lookup_one (store,
                           "SELECT id FROM assignment WHERE record = ? AND reader = ?"
                           " AND deleted = 0",
                           record, reader, NULL);
  if (assignment == NULL)
    {
      g_autofree char *primary = lookup_one (store,
                                             "SELECT id FROM assignment WHERE record = ?"
                                             " AND kind = 'primary' AND deleted = 0",
                                             record, NULL, NULL);
      const char *kind = primary == NULL ? "primary" : "second";

      /* A withdrawn assignment (a tombstone from reallocation or a bundle)
       * is brought back rather than duplicated: (record, reader) is unique. */
      assignment = lookup_one (store,
                               "SELECT id FROM assignment WHERE record = ? AND reader = ?",
                               record, reader, NULL);
      if (assignment != NULL)
        stmt = sc_store_prepare (store,
                                 "UPDATE assignment SET deleted = 0, rev = ?2, origin = ?3,"
                                 " kind = ?6 WHERE id = ?1 AND record = ?4 AND reader = ?5",
                                 error);
      else
        {
          assignment = sc_store_new_id ();
          stmt = sc_store_prepare (store,
                                   "INSERT INTO assignment (id, rev, origin, record, reader,"
                                   " kind) VALUES (?, ?, ?, ?, ?, ?)",
                                   error);
        }
      if (stmt == NULL)
        return NULL;
      sc_bind_text (stmt, 1, assignment);
      sqlite3_bind_int64 (stmt, 2, sc_store_tick (store));
      sc_bind_text (stmt, 3, store->device_id);
      sc_bind_text (stmt, 4, record);
      sc_bind_text (stmt, 5, reader);
      sc_bind_text (stmt, 6, kind);
      if (!sc_store_step_done (store, stmt, error))
        return NULL;
    }

  reading = lookup_one (store, "SELECT id FROM reading WHERE assignment = ?", assignment, NULL,
                        NULL);
  if (reading != NULL)
    {
      stmt = sc_store_prepare (store,
                               "UPDATE reading SET deleted = 0, rev = ?, origin = ?"
                               " WHERE id = ? AND deleted = 1",
                               error);
      if (stmt == NULL)
        return NULL;
      sqlite3_bind_int64 (stmt, 1, sc_store_tick (store));
      sc_bind_text (stmt, 2, store->device_id);
      sc_bind_text (stmt, 3, reading);
      if (!sc_store_step_done (store, stmt, error))
        return NULL;
      return g_steal_pointer (&reading);
    }

  reading = sc_store_new_id ();
  stmt = sc_store_prepare (store,
                           "INSERT INTO reading (id, rev, origin, assignment, status, created,"
                           " updated) VALUES (?, ?, ?, ?, 'draft', ?, ?)",
                           error);
  if (stmt == NULL)
    return NULL;
  sc_bind_text (stmt, 1, reading);
  sqlite3_bind_int64 (stmt, 2, sc_store_tick (store));
  sc_bind_text (stmt, 3, store->device_id);
  sc_bind_text (stmt, 4, assignment);
  sc_bind_text (stmt, 5, now);
  sc_bind_text (stmt, 6, now);
  if (!sc_store_step_done (store, stmt, error) ||
      !sc_store_audit (store, "start", "reading", reading, "", error))
    return NULL;
  return g_steal_pointer (&reading);
}

ScReading *
sc_store_open_reading (ScStore    *store,
                       const char *record,
                       const char *reader,
                       GError    **error)
{
  g_autofree char *reading = NULL;

  if (!sc_store_begin (store, error))
    return NULL;
  reading = ensure_reading (store, record, reader, error);
  if (!sc_store_finish (store, reading != NULL, error))
    return NULL;
  return sc_store_get_reading (store, reading, error);
}

static gboolean
check_writable (ScStore         *store,
                const ScReading *reading,
                gboolean         owner_only,
                GError         **error)
{
  if (reading->status == SC_READING_SUBMITTED)
    {
      g_set_error (error, SC_STORE_ERROR, SC_STORE_ERROR_READ_ONLY,
                   _("This reading has been submitted; reopen it to change its answers"));
      return FALSE;
    }
  if (owner_only && g_strcmp0 (reading->reader, store->owner_id) != 0)
    {
      g_set_error (error, SC_STORE_ERROR, SC_STORE_ERROR_READ_ONLY,
                   _("This reading belongs to another reader; only they can change it"));
      return FALSE;
    }
  return TRUE;
}

static gboolean
touch_reading (ScStore    *store,
               const char *reading,
               const char *now,
               GError    **error)
{
  sqlite3_stmt *stmt = sc_store_prepare (
    store, "UPDATE reading SET updated = ?, rev = ?, origin = ? WHERE id = ?", error);

  if (stmt == NULL)
    return FALSE;
  sc_bind_text (stmt, 1, now);
  sqlite3_bind_int64 (stmt, 2, sc_store_tick (store));
  sc_bind_text (stmt, 3, store->device_id);
  sc_bind_text (stmt, 4, reading);
  return sc_store_step_done (store, stmt, error);
}

/* Updates the answer if there is one, else inserts it: SQLite 3.15 has no
 * UPSERT. EVIDENCE and INDICATORS left NULL keep what was there. */
static gboolean
put_answer (ScStore    *store,
            const char *reading,
            const char *question,
            const char *value,
            const char *evidence,
            const char *indicators,
            const char *now,
            GError    **error)
{
  gint64 rev = sc_store_tick (store);
  g_autofree char *id = NULL;
  sqlite3_stmt *stmt = sc_store_prepare (
    store,
    "UPDATE answer SET value = ?, evidence = coalesce (?, evidence),"
    " indicators = coalesce (?, indicators), rev = ?, origin = ?, updated = ?, deleted = 0"
    " WHERE reading = ? AND question = ?",
    error);

  if (stmt == NULL)
    return FALSE;
  sc_bind_text (stmt, 1, value);
  sc_bind_text (stmt, 2, evidence);
  sc_bind_text (stmt, 3, indicators);
  sqlite3_bind_int64 (stmt, 4, rev);
  sc_bind_text (stmt, 5, store->device_id);
  sc_bind_text (stmt, 6, now);
  sc_bind_text (stmt, 7, reading);
  sc_bind_text (stmt, 8, question);
  if (!sc_store_step_done (store, stmt, error))
    return FALSE;
  if (sqlite3_changes (store->db) > 0)
    return TRUE;

  id = sc_store_new_id ();
  stmt = sc_store_prepare (store,
                           "INSERT INTO answer (id, rev, origin, reading, question, value,"
                           " evidence, indicators, updated) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                           error);
  if (stmt == NULL)
    return FALSE;
  sc_bind_text (stmt, 1, id);
  sqlite3_bind_int64 (stmt, 2, rev);
  sc_bind_text (stmt, 3, store->device_id);
  sc_bind_text (stmt, 4, reading);
  sc_bind_text (stmt, 5, question);
  sc_bind_text (stmt, 6, value);
  sc_bind_text (stmt, 7, evidence != NULL ? evidence : "");
  sc_bind_text (stmt, 8, indicators != NULL ? indicators : "");
  sc_bind_text (stmt, 9, now);
  return sc_store_step_done (store, stmt, error);
}

/* For many answers at once, most of them new: try the insert first and fall
 * back to the update only when the answer is already there. */
static gboolean
put_new_answer (ScStore        *store,
                const char     *reading,
                const ScAnswer *answer,
                const char     *now,
                GError        **error)
{
  g_autofree char *id = sc_store_new_id ();
  sqlite3_stmt *stmt = sc_store_prepare (
    store,
    "INSERT INTO answer (id, rev, origin, reading, question, value, evidence, indicators,"
    " updated) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
    error);
  int rc;

  if (stmt == NULL)
    return FALSE;
  sc_bind_text (stmt, 1, id);
  sqlite3_bind_int64 (stmt, 2, sc_store_tick (store));
  sc_bind_text (stmt, 3, store->device_id);
  sc_bind_text (stmt, 4, reading);
  sc_bind_text (stmt, 5, answer->question);
  sc_bind_text (stmt, 6, answer->value);
  sc_bind_text (stmt, 7, answer->evidence != NULL ? answer->evidence : "");
  sc_bind_text (stmt, 8, answer->indicators != NULL ? answer->indicators : "");
  sc_bind_text (stmt, 9, now);
  rc = sqlite3_step (stmt);
  sqlite3_reset (stmt);
  if (rc == SQLITE_DONE)
    return TRUE;
  if (rc != SQLITE_CONSTRAINT_UNIQUE)
    return sc_store_fail (store, rc, error);
  return put_answer (store, reading, answer->question, answer->value, answer->evidence,
                     answer->indicators, now, error);
}

gboolean
sc_store_write_answers (ScStore    *store,
                        const char *reading,
                        GPtrArray  *answers,
                        gboolean    owner_only,
                        GError    **error)
{
  g_autoptr (ScReading) found = sc_store_get_reading (store, reading, error);
  g_autofree char *now = sc_store_now ();
  g_autofree char *detail = NULL;
  gboolean ok = TRUE;

  if (found == NULL || !check_writable (store, found, owner_only, error))
    return FALSE;
  if (!sc_store_begin (store, error))
    return FALSE;
  for (guint i = 0; ok && i < answers->len; i++)
    ok = put_new_answer (store, reading, g_ptr_array_index (answers, i), now, error);
  detail = g_strdup_printf ("%u answers", answers->len);
  ok = ok && touch_reading (store, reading, now, error) &&
       sc_store_audit (store, "answers", "answer", reading, detail, error);
  return sc_store_finish (store, ok, error);
}

gboolean
sc_store_set_answers (ScStore    *store,
                      const char *reading,
                      GPtrArray  *answers,
                      GError    **error)
{
  return sc_store_write_answers (store, reading, answers, TRUE, error);
}

gboolean
sc_store_write_answer (ScStore    *store,
                       const char *reading,
                       const char *question,
                       const char *value,
                       const char *evidence,
                       const char *indicators,
                       gboolean    owner_only,
                       GError    **error)
{
  g_autoptr (ScReading) found = sc_store_get_reading (store, reading, error);
  g_autofree char *now = sc_store_now ();
  gboolean ok;

  if (found == NULL || !check_writable (store, found, owner_only, error))
    return FALSE;
  if (!sc_store_begin (store, error))
    return FALSE;
  ok = put_answer (store, reading, question, value, evidence, indicators, now, error) &&
       touch_reading (store, reading, now, error) &&
       sc_store_audit (store, "answer", "answer", reading, question, error);
  return sc_store_finish (store, ok, error);
}

gboolean
sc_store_set_answer (ScStore    *store,
                     const char *reading,
                     const char *question,
                     const char *value,
                     const char *evidence,
                     const char *indicators,
                     GError    **error)
{
  return sc_store_write_answer (store, reading, question, value, evidence, indicators, TRUE,
                                error);
}

static ScAnswer *
answer_from_row (sqlite3_stmt *stmt)
{
  ScAnswer *answer = g_new0 (ScAnswer, 1);

  answer->question = sc_column_dup (stmt, 0);
  answer->value = sc_column_dup (stmt, 1);
  answer->evidence = sc_column_dup (stmt, 2);
  answer->indicators = sc_column_dup (stmt, 3);
  return answer;
}

/* Every answer of READING, whoever reads it: for this file's own checks. */
static GHashTable *
read_answers (ScStore    *store,
              const char *reading,
              GError    **error)
{
  sqlite3_stmt *stmt = sc_store_prepare (
    store,
    "SELECT question, value, evidence, indicators FROM answer WHERE reading = ? AND deleted = 0",
    error);
  g_autoptr (GPtrArray) rows = NULL;
  GHashTable *answers;

  if (stmt == NULL)
    return NULL;
  sc_bind_text (stmt, 1, reading);
  rows = sc_store_collect (store, stmt, (ScRowFunc) answer_from_row,
                           (GDestroyNotify) sc_answer_free, error);
  if (rows == NULL)
    return NULL;
  g_ptr_array_set_free_func (rows, NULL); /* the table takes the answers */
  answers = g_hash_table_new_full (g_str_hash, g_str_equal, NULL,
                                   (GDestroyNotify) sc_answer_free);
  for (guint i = 0; i < rows->len; i++)
    {
      ScAnswer *answer = g_ptr_array_index (rows, i);

      g_hash_table_insert (answers, answer->question, answer);
    }
  return answers;
}

/* Blind double reading: another reader's answers stay hidden until both
 * readings of the record are submitted (sc-double-reading.h). */
GHashTable *
sc_store_get_answers_as (ScStore    *store,
                         const char *reading,
                         const char *viewer,
                         GError    **error)
{
  if (!sc_store_check_blind (store, reading, viewer, error))
    return NULL;
  return read_answers (store, reading, error);
}

GHashTable *
sc_store_get_answers (ScStore    *store,
                      const char *reading,
                      GError    **error)
{
  return sc_store_get_answers_as (store, reading, store->owner_id, error);
}

static GHashTable *
values_of (GHashTable *answers)
{
  GHashTable *values = g_hash_table_new (g_str_hash, g_str_equal);
  GHashTableIter iter;
  gpointer value;

  g_hash_table_iter_init (&iter, answers);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    {
      ScAnswer *answer = value;

      if (answer->value != NULL)
        g_hash_table_insert (values, answer->question, answer->value);
    }
  return values;
}

static gboolean
check_complete (ScStore         *store,
                const ScReading *reading,
                GError         **error)
{
  g_autofree char *inspection = lookup_one (store, "SELECT inspection FROM record WHERE id = ?",
                                            reading->record, NULL, error);
  ScFramework *framework = NULL;
  const ScInstrument *instrument;
  g_autoptr (GHashTable) answers = NULL;
  g_autoptr (GHashTable) values = NULL;
  g_autoptr (GPtrArray) missing = NULL;
  g_autoptr (GString) message = NULL;

  if (inspection != NULL)
    framework = sc_store_get_inspection_framework (store, inspection, error);
  if (framework == NULL)
    return FALSE;
  instrument = sc_framework_find_instrument (framework, SC_INSTRUMENT_KIND_RECORD);
  answers = read_answers (store, reading->id, error);
  if (instrument == NULL || answers == NULL)
    return instrument == NULL;
  values = values_of (answers);
  missing = sc_instrument_missing_answers (framework, instrument, values);
  if (missing->len == 0)
    return TRUE;

  message = g_string_new (NULL);
  g_string_append_printf (message,
                          g_dngettext (GETTEXT_PACKAGE,
                                       "%u required answer is missing:",
                                       "%u required answers are missing:", missing->len),
                          missing->len);
  for (guint i = 0; i < missing->len; i++)
    {
      const ScQuestion *question = g_ptr_array_index (missing, i);

      g_string_append_printf (message, "\n%s: %s", question->id, sc_text_get (question->text));
    }
  g_set_error_literal (error, SC_STORE_ERROR, SC_STORE_ERROR_INCOMPLETE, message->str);
  return FALSE;
}

static gboolean
set_status (ScStore    *store,
            const char *reading,
            const char *status,
            const char *submitted,
            const char *detail,
            GError    **error)
{
  g_autofree char *now = sc_store_now ();
  sqlite3_stmt *stmt;
  gboolean ok;

  if (!sc_store_begin (store, error))
    return FALSE;
  stmt = sc_store_prepare (store,
                           "UPDATE reading SET status = ?, submitted = ?, updated = ?, rev = ?,"
                           " origin = ? WHERE id = ?",
                           error);
  ok = stmt != NULL;
  if (ok)
    {
      sc_bind_text (stmt, 1, status);
      sc_bind_text (stmt, 2, submitted);
      sc_bind_text (stmt, 3, now);
      sqlite3_bind_int64 (stmt, 4, sc_store_tick (store));
      sc_bind_text (stmt, 5, store->device_id);
      sc_bind_text (stmt, 6, reading);
      ok = sc_store_step_done (store, stmt, error) &&
           sc_store_audit (store, status, "reading", reading, detail, error);
    }
  return sc_store_finish (store, ok, error);
}

gboolean
sc_store_submit_reading_as (ScStore    *store,
                            const char *reading,
                            gboolean    owner_only,
                            GError    **error)
{
  g_autoptr (ScReading) found = sc_store_get_reading (store, reading, error);
  g_autofree char *now = sc_store_now ();

  if (found == NULL || !check_writable (store, found, owner_only, error) ||
      !check_complete (store, found, error))
    return FALSE;
  return set_status (store, reading, "submitted", now, "", error);
}

gboolean
sc_store_submit_reading (ScStore    *store,
                         const char *reading,
                         GError    **error)
{
  return sc_store_submit_reading_as (store, reading, TRUE, error);
}

gboolean
sc_store_reopen_reading (ScStore    *store,
                         const char *reading,
                         const char *reason,
                         GError    **error)
{
  g_autoptr (ScReading) found = sc_store_get_reading (store, reading, error);

  if (found == NULL)
    return FALSE;
  if (found->status != SC_READING_SUBMITTED)
    {
      g_set_error (error, SC_STORE_ERROR, SC_STORE_ERROR_INVALID,
                   _("This reading is not submitted, so there is nothing to reopen"));
      return FALSE;
    }
  if (reason == NULL || *reason == '\0')
    {
      g_set_error (error, SC_STORE_ERROR, SC_STORE_ERROR_INVALID,
                   _("Say why the reading is reopened; the reason is kept in the audit log"));
      return FALSE;
    }
  return set_status (store, reading, "reopened", NULL, reason, error);
}
