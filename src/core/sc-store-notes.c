/* sc-store-notes.c: focus groups, their notes, and evaluations
 *
 * Copyright 2026 The Scrutineer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "sc-store-private.h"

#include <glib/gi18n-lib.h>

#include "sc-model.h"
#include "sc-store-field.h"

char *
sc_store_add_focus_group (ScStore            *store,
                          const ScFocusGroup *spec,
                          GError            **error)
{
  g_autofree char *id = sc_store_new_id ();
  sqlite3_stmt *stmt;
  gboolean ok;

  if (spec->participants_kind == NULL || *spec->participants_kind == '\0' ||
      spec->participants_count < 0)
    {
      g_set_error (error, SC_STORE_ERROR, SC_STORE_ERROR_INVALID,
                   _("Say who took part in the focus group (for example “social workers”) and "
                     "how many; never their names"));
      return NULL;
    }
  if (!sc_store_begin (store, error))
    return NULL;
  stmt = sc_store_prepare (store,
                           "INSERT INTO focus_group (id, rev, origin, inspection, title,"
                           " participants_kind, participants_count, held_on, place, facilitator)"
                           " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                           error);
  ok = stmt != NULL;
  if (ok)
    {
      sc_bind_text (stmt, 1, id);
      sqlite3_bind_int64 (stmt, 2, sc_store_tick (store));
      sc_bind_text (stmt, 3, store->device_id);
      sc_bind_text (stmt, 4, spec->inspection);
      sc_bind_text (stmt, 5, spec->title != NULL ? spec->title : "");
      sc_bind_text (stmt, 6, spec->participants_kind);
      sqlite3_bind_int (stmt, 7, spec->participants_count);
      sc_bind_text (stmt, 8, spec->held_on);
      sc_bind_text (stmt, 9, spec->place != NULL ? spec->place : "");
      sc_bind_text (stmt, 10, spec->facilitator != NULL ? spec->facilitator : store->owner_id);
      ok = sc_store_step_done (store, stmt, error) &&
           sc_store_audit (store, "add", "focus_group", id, "", error);
    }
  return sc_store_finish (store, ok, error) ? g_steal_pointer (&id) : NULL;
}

char *
sc_store_add_note (ScStore    *store,
                   const char *focus_group,
                   const char *text,
                   ScNoteKind  kind,
                   const char *indicators,
                   GError    **error)
{
  g_autofree char *id = sc_store_new_id ();
  g_autofree char *now = sc_store_now ();
  sqlite3_stmt *stmt;
  gboolean ok;

  if (!sc_store_begin (store, error))
    return NULL;
  stmt = sc_store_prepare (store,
                           "INSERT INTO note (id, rev, origin, focus_group, author, text,"
                           " indicators, kind, created, updated)"
                           " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                           error);
  ok = stmt != NULL;
  if (ok)
    {
      sc_bind_text (stmt, 1, id);
      sqlite3_bind_int64 (stmt, 2, sc_store_tick (store));
      sc_bind_text (stmt, 3, store->device_id);
      sc_bind_text (stmt, 4, focus_group);
      sc_bind_text (stmt, 5, store->owner_id);
      sc_bind_text (stmt, 6, text != NULL ? text : "");
      sc_bind_text (stmt, 7, indicators != NULL ? indicators : "");
      sc_bind_text (stmt, 8, sc_note_kind_to_string (kind));
      sc_bind_text (stmt, 9, now);
      sc_bind_text (stmt, 10, now);
      ok = sc_store_step_done (store, stmt, error) &&
           sc_store_audit (store, "add", "note", id, "", error);
    }
  return sc_store_finish (store, ok, error) ? g_steal_pointer (&id) : NULL;
}

gboolean
sc_store_update_note (ScStore    *store,
                      const char *note,
                      const char *text,
                      ScNoteKind  kind,
                      const char *indicators,
                      GError    **error)
{
  g_autofree char *now = sc_store_now ();
  sqlite3_stmt *stmt;
  gboolean ok;

  if (!sc_store_begin (store, error))
    return FALSE;
  stmt = sc_store_prepare (store,
                           "UPDATE note SET text = ?, kind = ?, indicators = ?, updated = ?,"
                           " rev = ?, origin = ? WHERE id = ? AND author = ?",
                           error);
  ok = stmt != NULL;
  if (ok)
    {
      sc_bind_text (stmt, 1, text != NULL ? text : "");
      sc_bind_text (stmt, 2, sc_note_kind_to_string (kind));
      sc_bind_text (stmt, 3, indicators != NULL ? indicators : "");
      sc_bind_text (stmt, 4, now);
      sqlite3_bind_int64 (stmt, 5, sc_store_tick (store));
      sc_bind_text (stmt, 6, store->device_id);
      sc_bind_text (stmt, 7, note);
      sc_bind_text (stmt, 8, store->owner_id);
      ok = sc_store_step_done (store, stmt, error);
    }
  if (ok && sqlite3_changes (store->db) == 0)
    {
      g_set_error (error, SC_STORE_ERROR, SC_STORE_ERROR_READ_ONLY,
                   _("Only the author of a note can change it"));
      ok = FALSE;
    }
  ok = ok && sc_store_audit (store, "edit", "note", note, "", error);
  return sc_store_finish (store, ok, error);
}

static ScNote *
note_from_row (sqlite3_stmt *stmt)
{
  ScNote *note = g_new0 (ScNote, 1);

  note->id = sc_column_dup (stmt, 0);
  note->focus_group = sc_column_dup (stmt, 1);
  note->author = sc_column_dup (stmt, 2);
  note->text = sc_column_dup (stmt, 3);
  note->indicators = sc_column_dup (stmt, 4);
  sc_note_kind_from_string ((const char *) sqlite3_column_text (stmt, 5), &note->kind);
  note->created = sc_column_dup (stmt, 6);
  return note;
}

GPtrArray *
sc_store_list_notes (ScStore    *store,
                     const char *focus_group,
                     GError    **error)
{
  sqlite3_stmt *stmt = sc_store_prepare (
    store,
    "SELECT id, focus_group, author, text, indicators, kind, created FROM note"
    " WHERE focus_group = ? AND deleted = 0 ORDER BY created",
    error);

  if (stmt == NULL)
    return NULL;
  sc_bind_text (stmt, 1, focus_group);
  return sc_store_collect (store, stmt, (ScRowFunc) note_from_row,
                           (GDestroyNotify) sc_note_free, error);
}

#define FOCUS_GROUP_COLUMNS \
  "id, inspection, title, participants_kind, participants_count, held_on, place, facilitator"

static ScFocusGroup *
focus_group_from_row (sqlite3_stmt *stmt)
{
  ScFocusGroup *group = g_new0 (ScFocusGroup, 1);

  group->id = sc_column_dup (stmt, 0);
  group->inspection = sc_column_dup (stmt, 1);
  group->title = sc_column_dup (stmt, 2);
  group->participants_kind = sc_column_dup (stmt, 3);
  group->participants_count = sqlite3_column_int (stmt, 4);
  group->held_on = sc_column_dup (stmt, 5);
  group->place = sc_column_dup (stmt, 6);
  group->facilitator = sc_column_dup (stmt, 7);
  return group;
}

GPtrArray *
sc_store_list_focus_groups (ScStore    *store,
                            const char *inspection,
                            GError    **error)
{
  /* In the order they were added, as the view lists a new one: last. */
  sqlite3_stmt *stmt = sc_store_prepare (
    store,
    "SELECT " FOCUS_GROUP_COLUMNS " FROM focus_group"
    " WHERE inspection = ? AND deleted = 0 ORDER BY rowid",
    error);

  if (stmt == NULL)
    return NULL;
  sc_bind_text (stmt, 1, inspection);
  return sc_store_collect (store, stmt, (ScRowFunc) focus_group_from_row,
                           (GDestroyNotify) sc_focus_group_free, error);
}

ScFocusGroup *
sc_store_get_focus_group (ScStore    *store,
                          const char *focus_group,
                          GError    **error)
{
  sqlite3_stmt *stmt = sc_store_prepare (
    store, "SELECT " FOCUS_GROUP_COLUMNS " FROM focus_group WHERE id = ? AND deleted = 0",
    error);
  g_autoptr (GPtrArray) rows = NULL;

  if (stmt == NULL)
    return NULL;
  sc_bind_text (stmt, 1, focus_group);
  rows = sc_store_collect (store, stmt, (ScRowFunc) focus_group_from_row,
                           (GDestroyNotify) sc_focus_group_free, error);
  if (rows == NULL)
    return NULL;
  if (rows->len == 0)
    {
      g_set_error (error, SC_STORE_ERROR, SC_STORE_ERROR_NOT_FOUND,
                   _("There is no focus group %s in this store"), focus_group);
      return NULL;
    }
  return g_ptr_array_steal_index (rows, 0);
}

gboolean
sc_store_set_evaluation (ScStore    *store,
                         const char *inspection,
                         const char *indicator,
                         int         level,
                         const char *rationale,
                         GError    **error)
{
  g_autofree char *now = sc_store_now ();
  g_autofree char *id = sc_store_new_id ();
  gint64 rev;
  sqlite3_stmt *stmt;
  gboolean ok;

  if (!sc_store_begin (store, error))
    return FALSE;
  rev = sc_store_tick (store);
  stmt = sc_store_prepare (store,
                           "UPDATE evaluation SET level = ?, rationale = ?, updated = ?, rev = ?,"
                           " origin = ?, deleted = 0"
                           " WHERE inspection = ? AND indicator = ? AND author = ?",
                           error);
  ok = stmt != NULL;
  if (ok)
    {
      sqlite3_bind_int (stmt, 1, level);
      sc_bind_text (stmt, 2, rationale != NULL ? rationale : "");
      sc_bind_text (stmt, 3, now);
      sqlite3_bind_int64 (stmt, 4, rev);
      sc_bind_text (stmt, 5, store->device_id);
      sc_bind_text (stmt, 6, inspection);
      sc_bind_text (stmt, 7, indicator);
      sc_bind_text (stmt, 8, store->owner_id);
      ok = sc_store_step_done (store, stmt, error);
    }
  if (ok && sqlite3_changes (store->db) == 0)
    {
      stmt = sc_store_prepare (store,
                               "INSERT INTO evaluation (id, rev, origin, inspection, indicator,"
                               " level, rationale, author, updated)"
                               " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                               error);
      ok = stmt != NULL;
      if (ok)
        {
          sc_bind_text (stmt, 1, id);
          sqlite3_bind_int64 (stmt, 2, rev);
          sc_bind_text (stmt, 3, store->device_id);
          sc_bind_text (stmt, 4, inspection);
          sc_bind_text (stmt, 5, indicator);
          sqlite3_bind_int (stmt, 6, level);
          sc_bind_text (stmt, 7, rationale != NULL ? rationale : "");
          sc_bind_text (stmt, 8, store->owner_id);
          sc_bind_text (stmt, 9, now);
          ok = sc_store_step_done (store, stmt, error);
        }
    }
  ok = ok && sc_store_audit (store, "evaluate", "evaluation", indicator, "", error);
  return sc_store_finish (store, ok, error);
}
