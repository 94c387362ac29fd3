/* sc-store-concerns.c: safety concerns, tracked until closed
 *
 * Copyright 2026 The Scrutineer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * An inspector who finds a child at risk must pass the concern on and record
 * that they did. A concern moves raised -> passed on -> closed and is never
 * deleted; each step is in the audit log.
 */
#include "sc-store-private.h"

#include <glib/gi18n-lib.h>

#include "sc-model.h"

#define CONCERN_COLUMNS \
  "id, inspection, record, raised_by, summary, status, raised_at, passed_to, passed_on_at," \
  " outcome, closed_at"

static ScConcern *
concern_from_row (sqlite3_stmt *stmt)
{
  ScConcern *concern = g_new0 (ScConcern, 1);
  const char *status = (const char *) sqlite3_column_text (stmt, 5);

  concern->id = sc_column_dup (stmt, 0);
  concern->inspection = sc_column_dup (stmt, 1);
  concern->record = sc_column_dup (stmt, 2);
  concern->raised_by = sc_column_dup (stmt, 3);
  concern->summary = sc_column_dup (stmt, 4);
  concern->status = g_strcmp0 (status, "closed") == 0      ? SC_CONCERN_CLOSED
                    : g_strcmp0 (status, "passed_on") == 0 ? SC_CONCERN_PASSED_ON
                                                           : SC_CONCERN_RAISED;
  concern->raised_at = sc_column_dup (stmt, 6);
  concern->passed_to = sc_column_dup (stmt, 7);
  concern->passed_on_at = sc_column_dup (stmt, 8);
  concern->outcome = sc_column_dup (stmt, 9);
  concern->closed_at = sc_column_dup (stmt, 10);
  return concern;
}

static ScConcern *
get_concern (ScStore    *store,
             const char *id,
             GError    **error)
{
  sqlite3_stmt *stmt = sc_store_prepare (store,
                                         "SELECT " CONCERN_COLUMNS " FROM concern WHERE id = ?",
                                         error);
  ScConcern *concern = NULL;

  if (stmt == NULL)
    return NULL;
  sc_bind_text (stmt, 1, id);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    concern = concern_from_row (stmt);
  sqlite3_reset (stmt);
  if (concern == NULL)
    g_set_error (error, SC_STORE_ERROR, SC_STORE_ERROR_NOT_FOUND,
                 _("The concern %s is not in this store"), id);
  return concern;
}

char *
sc_store_raise_concern (ScStore    *store,
                        const char *inspection,
                        const char *record,
                        const char *summary,
                        GError    **error)
{
  g_autofree char *id = sc_store_new_id ();
  g_autofree char *now = sc_store_now ();
  sqlite3_stmt *stmt;
  gboolean ok;

  if (summary == NULL || *summary == '\0')
    {
      g_set_error (error, SC_STORE_ERROR, SC_STORE_ERROR_INVALID,
                   _("Describe the concern briefly, without names"));
      return NULL;
    }
  if (!sc_store_begin (store, error))
    return NULL;
  stmt = sc_store_prepare (store,
                           "INSERT INTO concern (id, rev, origin, inspection, record, raised_by,"
                           " summary, status, raised_at) VALUES (?, ?, ?, ?, ?, ?, ?, 'raised', ?)",
                           error);
  ok = stmt != NULL;
  if (ok)
    {
      sc_bind_text (stmt, 1, id);
      sqlite3_bind_int64 (stmt, 2, sc_store_tick (store));
      sc_bind_text (stmt, 3, store->device_id);
      sc_bind_text (stmt, 4, inspection);
      sc_bind_text (stmt, 5, record);
      sc_bind_text (stmt, 6, store->owner_id);
      sc_bind_text (stmt, 7, summary);
      sc_bind_text (stmt, 8, now);
      ok = sc_store_step_done (store, stmt, error) &&
           sc_store_audit (store, "raise", "concern", id, "", error);
    }
  return sc_store_finish (store, ok, error) ? g_steal_pointer (&id) : NULL;
}

static gboolean
update_concern (ScStore    *store,
                const char *id,
                const char *status,
                const char *text,
                const char *when,
                GError    **error)
{
  sqlite3_stmt *stmt;
  gboolean ok;

  if (!sc_store_begin (store, error))
    return FALSE;
  /* passed_on writes passed_to and passed_on_at; closed writes outcome and closed_at. */
  stmt = sc_store_prepare (
    store,
    "UPDATE concern SET status = ?1, rev = ?4, origin = ?5,"
    " passed_to = CASE WHEN ?1 = 'passed_on' THEN ?2 ELSE passed_to END,"
    " passed_on_at = CASE WHEN ?1 = 'passed_on' THEN ?3 ELSE passed_on_at END,"
    " outcome = CASE WHEN ?1 = 'closed' THEN ?2 ELSE outcome END,"
    " closed_at = CASE WHEN ?1 = 'closed' THEN ?3 ELSE closed_at END"
    " WHERE id = ?6",
    error);
  ok = stmt != NULL;
  if (ok)
    {
      sc_bind_text (stmt, 1, status);
      sc_bind_text (stmt, 2, text);
      sc_bind_text (stmt, 3, when);
      sqlite3_bind_int64 (stmt, 4, sc_store_tick (store));
      sc_bind_text (stmt, 5, store->device_id);
      sc_bind_text (stmt, 6, id);
      ok = sc_store_step_done (store, stmt, error) &&
           sc_store_audit (store, status, "concern", id, "", error);
    }
  return sc_store_finish (store, ok, error);
}

gboolean
sc_store_pass_on_concern (ScStore    *store,
                          const char *concern,
                          const char *passed_to,
                          const char *when,
                          GError    **error)
{
  g_autoptr (ScConcern) found = get_concern (store, concern, error);
  g_autofree char *now = sc_store_now ();

  if (found == NULL)
    return FALSE;
  if (found->status == SC_CONCERN_CLOSED)
    {
      g_set_error (error, SC_STORE_ERROR, SC_STORE_ERROR_INVALID,
                   _("This concern is closed already"));
      return FALSE;
    }
  if (passed_to == NULL || *passed_to == '\0')
    {
      g_set_error (error, SC_STORE_ERROR, SC_STORE_ERROR_INVALID,
                   _("Say to whom the concern was passed on (a role, such as the partnership's "
                     "named contact)"));
      return FALSE;
    }
  return update_concern (store, concern, "passed_on", passed_to, when != NULL ? when : now,
                         error);
}

gboolean
sc_store_close_concern (ScStore    *store,
                        const char *concern,
                        const char *outcome,
                        GError    **error)
{
  g_autoptr (ScConcern) found = get_concern (store, concern, error);
  g_autofree char *now = sc_store_now ();

  if (found == NULL)
    return FALSE;
  if (found->status != SC_CONCERN_PASSED_ON)
    {
      g_set_error (error, SC_STORE_ERROR, SC_STORE_ERROR_INVALID,
                   found->status == SC_CONCERN_CLOSED
                     ? _("This concern is closed already")
                     : _("Record to whom the concern was passed on before closing it"));
      return FALSE;
    }
  if (outcome == NULL || *outcome == '\0')
    {
      g_set_error (error, SC_STORE_ERROR, SC_STORE_ERROR_INVALID,
                   _("Say what happened next before closing the concern"));
      return FALSE;
    }
  return update_concern (store, concern, "closed", outcome, now, error);
}

GPtrArray *
sc_store_list_concerns (ScStore    *store,
                        const char *inspection,
                        GError    **error)
{
  sqlite3_stmt *stmt = sc_store_prepare (
    store,
    "SELECT " CONCERN_COLUMNS " FROM concern WHERE deleted = 0"
    " AND (?1 IS NULL OR inspection = ?1) ORDER BY raised_at",
    error);

  if (stmt == NULL)
    return NULL;
  sc_bind_text (stmt, 1, inspection);
  return sc_store_collect (store, stmt, (ScRowFunc) concern_from_row,
                           (GDestroyNotify) sc_concern_free, error);
}
