/* sc-store-inspections.c: members, frameworks, inspections and their teams
 *
 * Copyright 2026 The Scrutineer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "sc-store-private.h"

#include <glib/gi18n-lib.h>
#include <stdio.h>
#include <string.h>

#include "sc-model.h"
#include "sc-store-field.h"

/* Members */

static ScMember *
member_from_row (sqlite3_stmt *stmt)
{
  ScMember *member = g_new0 (ScMember, 1);

  member->id = sc_column_dup (stmt, 0);
  member->name = sc_column_dup (stmt, 1);
  member->role = sc_column_dup (stmt, 2);
  return member;
}

ScMember *
sc_store_get_owner (ScStore *store,
                    GError **error)
{
  sqlite3_stmt *stmt = sc_store_prepare (store, "SELECT id, name, role FROM member WHERE id = ?",
                                         error);
  ScMember *member = NULL;

  if (stmt == NULL)
    return NULL;
  sc_bind_text (stmt, 1, store->owner_id);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    member = member_from_row (stmt);
  sqlite3_reset (stmt);
  if (member == NULL)
    g_set_error (error, SC_STORE_ERROR, SC_STORE_ERROR_DAMAGED,
                 _("The store's owner is missing from its members"));
  return member;
}

char *
sc_store_add_member (ScStore    *store,
                     const char *name,
                     const char *role,
                     GError    **error)
{
  g_autofree char *id = sc_store_new_id ();
  sqlite3_stmt *stmt;
  gboolean ok;

  if (!sc_member_role_is_valid (role))
    {
      g_set_error (error, SC_STORE_ERROR, SC_STORE_ERROR_INVALID,
                   _("“%s” is not a team role; use lead, deputy, inspector, associate, "
                     "volunteer or support"),
                   role != NULL ? role : "");
      return NULL;
    }
  if (!sc_store_begin (store, error))
    return NULL;
  stmt = sc_store_prepare (store,
                           "INSERT INTO member (id, rev, origin, name, role) VALUES (?, ?, ?, ?, ?)",
                           error);
  ok = stmt != NULL;
  if (ok)
    {
      sc_bind_text (stmt, 1, id);
      sqlite3_bind_int64 (stmt, 2, sc_store_tick (store));
      sc_bind_text (stmt, 3, store->device_id);
      sc_bind_text (stmt, 4, name);
      sc_bind_text (stmt, 5, role);
      ok = sc_store_step_done (store, stmt, error) &&
           sc_store_audit (store, "add", "member", id, role, error);
    }
  return sc_store_finish (store, ok, error) ? g_steal_pointer (&id) : NULL;
}

GPtrArray *
sc_store_list_members (ScStore *store,
                       GError **error)
{
  sqlite3_stmt *stmt = sc_store_prepare (
    store, "SELECT id, name, role FROM member WHERE deleted = 0 ORDER BY name", error);

  if (stmt == NULL)
    return NULL;
  return sc_store_collect (store, stmt, (ScRowFunc) member_from_row, (GDestroyNotify) sc_member_free, error);
}

/* Frameworks: the exact XML is kept, so an old inspection keeps the
 * definitions it was run with. */

char *
sc_store_import_framework (ScStore           *store,
                           const ScFramework *framework,
                           GError           **error)
{
  GBytes *xml = sc_framework_get_xml (framework);
  g_autofree char *id = NULL;
  sqlite3_stmt *stmt;
  gboolean ok;
  gsize size;
  const void *data = g_bytes_get_data (xml, &size);

  stmt = sc_store_prepare (store, "SELECT id FROM framework WHERE sha256 = ?", error);
  if (stmt == NULL)
    return NULL;
  sc_bind_text (stmt, 1, sc_framework_get_sha256 (framework));
  if (sqlite3_step (stmt) == SQLITE_ROW)
    id = sc_column_dup (stmt, 0);
  sqlite3_reset (stmt);
  if (id != NULL)
    return g_steal_pointer (&id);

  id = sc_store_new_id ();
  if (!sc_store_begin (store, error))
    return NULL;
  stmt = sc_store_prepare (store,
                           "INSERT INTO framework (id, rev, origin, framework_id, version, title,"
                           " sha256, xml) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                           error);
  ok = stmt != NULL;
  if (ok)
    {
      sc_bind_text (stmt, 1, id);
      sqlite3_bind_int64 (stmt, 2, sc_store_tick (store));
      sc_bind_text (stmt, 3, store->device_id);
      sc_bind_text (stmt, 4, sc_framework_get_id (framework));
      sc_bind_text (stmt, 5, sc_framework_get_version (framework));
      sc_bind_text (stmt, 6, sc_framework_get_title (framework));
      sc_bind_text (stmt, 7, sc_framework_get_sha256 (framework));
      sqlite3_bind_blob (stmt, 8, data, (int) size, SQLITE_TRANSIENT);
      ok = sc_store_step_done (store, stmt, error) &&
           sc_store_audit (store, "import", "framework", id, sc_framework_get_id (framework),
                           error);
    }
  return sc_store_finish (store, ok, error) ? g_steal_pointer (&id) : NULL;
}

ScFramework *
sc_store_get_framework (ScStore    *store,
                        const char *framework_row,
                        GError    **error)
{
  ScFramework *framework = g_hash_table_lookup (store->frameworks, framework_row);
  g_autoptr (GBytes) xml = NULL;
  g_autofree char *name = NULL;
  sqlite3_stmt *stmt;

  if (framework != NULL)
    return framework;
  stmt = sc_store_prepare (store, "SELECT xml, framework_id FROM framework WHERE id = ?", error);
  if (stmt == NULL)
    return NULL;
  sc_bind_text (stmt, 1, framework_row);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    {
      xml = g_bytes_new (sqlite3_column_blob (stmt, 0), sqlite3_column_bytes (stmt, 0));
      name = g_strdup_printf ("%s.xml", sqlite3_column_text (stmt, 1));
    }
  sqlite3_reset (stmt);
  if (xml == NULL)
    {
      g_set_error (error, SC_STORE_ERROR, SC_STORE_ERROR_NOT_FOUND,
                   _("The framework of this inspection is missing from the store"));
      return NULL;
    }
  framework = sc_framework_load_bytes (xml, name, error);
  if (framework != NULL)
    g_hash_table_insert (store->frameworks, g_strdup (framework_row), framework);
  return framework;
}

/* Inspections */

ScFramework *
sc_store_get_inspection_framework (ScStore    *store,
                                   const char *inspection,
                                   GError    **error)
{
  sqlite3_stmt *stmt = sc_store_prepare (store, "SELECT framework FROM inspection WHERE id = ?",
                                         error);
  g_autofree char *framework = NULL;

  if (stmt == NULL)
    return NULL;
  sc_bind_text (stmt, 1, inspection);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    framework = sc_column_dup (stmt, 0);
  sqlite3_reset (stmt);
  if (framework == NULL)
    {
      g_set_error (error, SC_STORE_ERROR, SC_STORE_ERROR_NOT_FOUND,
                   _("There is no inspection %s in this store"), inspection);
      return NULL;
    }
  return sc_store_get_framework (store, framework, error);
}

#define INSPECTION_COLUMNS \
  "id, framework, title, area, start_date, end_date, lead, status, double_read_fraction," \
  " allocation_seed"

static ScInspection *
inspection_from_row (sqlite3_stmt *stmt)
{
  ScInspection *inspection = g_new0 (ScInspection, 1);

  inspection->id = sc_column_dup (stmt, 0);
  inspection->framework = sc_column_dup (stmt, 1);
  inspection->title = sc_column_dup (stmt, 2);
  inspection->area = sc_column_dup (stmt, 3);
  inspection->start_date = sc_column_dup (stmt, 4);
  inspection->end_date = sc_column_dup (stmt, 5);
  inspection->lead = sc_column_dup (stmt, 6);
  inspection->status = sc_column_dup (stmt, 7);
  inspection->double_read_fraction = sqlite3_column_double (stmt, 8);
  inspection->allocation_seed = sqlite3_column_int64 (stmt, 9);
  return inspection;
}

char *
sc_store_create_inspection (ScStore            *store,
                            const ScInspection *spec,
                            GError            **error)
{
  g_autofree char *id = sc_store_new_id ();
  sqlite3_stmt *stmt;
  gboolean ok;

  if (spec->title == NULL || *spec->title == '\0')
    {
      g_set_error (error, SC_STORE_ERROR, SC_STORE_ERROR_INVALID,
                   _("An inspection needs a title"));
      return NULL;
    }
  if (!sc_store_begin (store, error))
    return NULL;
  stmt = sc_store_prepare (store,
                           "INSERT INTO inspection (id, rev, origin, framework, title, area,"
                           " start_date, end_date, lead, status, double_read_fraction,"
                           " allocation_seed) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                           error);
  ok = stmt != NULL;
  if (ok)
    {
      sc_bind_text (stmt, 1, id);
      sqlite3_bind_int64 (stmt, 2, sc_store_tick (store));
      sc_bind_text (stmt, 3, store->device_id);
      sc_bind_text (stmt, 4, spec->framework);
      sc_bind_text (stmt, 5, spec->title);
      sc_bind_text (stmt, 6, spec->area != NULL ? spec->area : "");
      sc_bind_text (stmt, 7, spec->start_date);
      sc_bind_text (stmt, 8, spec->end_date);
      sc_bind_text (stmt, 9, spec->lead);
      sc_bind_text (stmt, 10, spec->status != NULL ? spec->status : "active");
      sqlite3_bind_double (stmt, 11, spec->double_read_fraction);
      sqlite3_bind_int64 (stmt, 12, spec->allocation_seed);
      ok = sc_store_step_done (store, stmt, error) &&
           sc_store_audit (store, "create", "inspection", id, "", error);
    }
  return sc_store_finish (store, ok, error) ? g_steal_pointer (&id) : NULL;
}

GPtrArray *
sc_store_list_inspections (ScStore *store,
                           GError **error)
{
  sqlite3_stmt *stmt = sc_store_prepare (
    store,
    "SELECT " INSPECTION_COLUMNS " FROM inspection WHERE deleted = 0"
    " ORDER BY start_date DESC, title",
    error);

  if (stmt == NULL)
    return NULL;
  return sc_store_collect (store, stmt, (ScRowFunc) inspection_from_row, (GDestroyNotify) sc_inspection_free, error);
}

ScInspection *
sc_store_find_inspection (ScStore    *store,
                          const char *id,
                          GError    **error)
{
  g_autoptr (GPtrArray) all = sc_store_list_inspections (store, error);
  ScInspection *found = NULL;
  guint open = 0;

  if (all == NULL)
    return NULL;
  for (guint i = 0; i < all->len; i++)
    {
      ScInspection *inspection = g_ptr_array_index (all, i);

      if (id != NULL && g_str_equal (inspection->id, id))
        return g_ptr_array_steal_index (all, i);
      if (id == NULL && !g_str_equal (inspection->status, "closed"))
        {
          found = inspection;
          open++;
        }
    }
  if (id != NULL)
    g_set_error (error, SC_STORE_ERROR, SC_STORE_ERROR_NOT_FOUND,
                 _("There is no inspection %s in this store"), id);
  else if (open == 0)
    g_set_error (error, SC_STORE_ERROR, SC_STORE_ERROR_NOT_FOUND,
                 _("There is no open inspection in this store; create one first"));
  else if (open > 1)
    g_set_error (error, SC_STORE_ERROR, SC_STORE_ERROR_AMBIGUOUS,
                 _("This store has %u open inspections; choose one with --inspection ID"),
                 open);
  else
    {
      g_ptr_array_set_free_func (all, NULL);
      for (guint i = 0; i < all->len; i++)
        if (g_ptr_array_index (all, i) != found)
          sc_inspection_free (g_ptr_array_index (all, i));
      return found;
    }
  return NULL;
}

gboolean
sc_store_add_team_member (ScStore    *store,
                          const char *inspection,
                          const char *member,
                          const char *role,
                          GError    **error)
{
  g_autofree char *id = sc_store_new_id ();
  sqlite3_stmt *stmt;
  gboolean ok;

  if (!sc_store_begin (store, error))
    return FALSE;
  /* A member taken off the team earlier comes back on the same row. */
  stmt = sc_store_prepare (store,
                           "UPDATE team_member SET deleted = 0, role = ?, rev = ?, origin = ?"
                           " WHERE inspection = ? AND member = ? AND deleted = 1",
                           error);
  ok = stmt != NULL;
  if (ok)
    {
      sc_bind_text (stmt, 1, role);
      sqlite3_bind_int64 (stmt, 2, sc_store_tick (store));
      sc_bind_text (stmt, 3, store->device_id);
      sc_bind_text (stmt, 4, inspection);
      sc_bind_text (stmt, 5, member);
      ok = sc_store_step_done (store, stmt, error);
    }
  if (ok && sqlite3_changes (store->db) > 0)
    return sc_store_finish (store,
                            sc_store_audit (store, "add", "team_member", member, role, error),
                            error);
  if (!ok)
    return sc_store_finish (store, FALSE, error);
  stmt = sc_store_prepare (store,
                           "INSERT INTO team_member (id, rev, origin, inspection, member, role)"
                           " VALUES (?, ?, ?, ?, ?, ?)",
                           error);
  ok = stmt != NULL;
  if (ok)
    {
      sc_bind_text (stmt, 1, id);
      sqlite3_bind_int64 (stmt, 2, sc_store_tick (store));
      sc_bind_text (stmt, 3, store->device_id);
      sc_bind_text (stmt, 4, inspection);
      sc_bind_text (stmt, 5, member);
      sc_bind_text (stmt, 6, role);
      ok = sc_store_step_done (store, stmt, error) &&
           sc_store_audit (store, "add", "team_member", id, role, error);
    }
  return sc_store_finish (store, ok, error);
}

GPtrArray *
sc_store_list_team (ScStore    *store,
                    const char *inspection,
                    GError    **error)
{
  sqlite3_stmt *stmt = sc_store_prepare (
    store,
    "SELECT m.id, m.name, t.role FROM team_member t JOIN member m ON m.id = t.member"
    " WHERE t.inspection = ? AND t.deleted = 0 AND m.deleted = 0 ORDER BY m.name",
    error);

  if (stmt == NULL)
    return NULL;
  sc_bind_text (stmt, 1, inspection);
  return sc_store_collect (store, stmt, (ScRowFunc) member_from_row, (GDestroyNotify) sc_member_free, error);
}

static gboolean
is_iso_date (const char *text)
{
  int y, m, d;
  char end;

  if (text == NULL || *text == '\0')
    return TRUE;
  return strlen (text) == 10 && sscanf (text, "%4d-%2d-%2d%c", &y, &m, &d, &end) == 3 &&
         g_date_valid_dmy (d, m, y);
}

static gboolean
is_blank (const char *text)
{
  for (const char *p = text; *p != '\0'; p++)
    if (!g_ascii_isspace (*p))
      return FALSE;
  return TRUE;
}

gboolean
sc_store_update_inspection (ScStore            *store,
                            const ScInspection *spec,
                            GError            **error)
{
  const char *status = spec->status != NULL ? spec->status : "active";
  sqlite3_stmt *stmt;
  gboolean ok;

  if (spec->title == NULL || is_blank (spec->title))
    {
      g_set_error (error, SC_STORE_ERROR, SC_STORE_ERROR_INVALID,
                   _("An inspection needs a title"));
      return FALSE;
    }
  if (!is_iso_date (spec->start_date) || !is_iso_date (spec->end_date))
    {
      g_set_error (error, SC_STORE_ERROR, SC_STORE_ERROR_INVALID,
                   _("Write dates as YYYY-MM-DD, for example 2026-03-09"));
      return FALSE;
    }
  if (spec->start_date != NULL && *spec->start_date != '\0' && spec->end_date != NULL &&
      *spec->end_date != '\0' && strcmp (spec->end_date, spec->start_date) < 0)
    {
      g_set_error (error, SC_STORE_ERROR, SC_STORE_ERROR_INVALID,
                   _("The inspection cannot end before it starts"));
      return FALSE;
    }
  if (!g_str_equal (status, "planned") && !g_str_equal (status, "active") &&
      !g_str_equal (status, "closed"))
    {
      g_set_error (error, SC_STORE_ERROR, SC_STORE_ERROR_INVALID,
                   _("An inspection is planned, active or closed, not “%s”"), status);
      return FALSE;
    }
  if (!sc_store_begin (store, error))
    return FALSE;
  stmt = sc_store_prepare (store,
                           "UPDATE inspection SET title = ?, area = ?, start_date = ?,"
                           " end_date = ?, status = ?, rev = ?, origin = ?"
                           " WHERE id = ? AND deleted = 0",
                           error);
  ok = stmt != NULL;
  if (ok)
    {
      sc_bind_text (stmt, 1, spec->title);
      sc_bind_text (stmt, 2, spec->area != NULL ? spec->area : "");
      sc_bind_text (stmt, 3, spec->start_date != NULL && *spec->start_date ? spec->start_date
                                                                           : NULL);
      sc_bind_text (stmt, 4, spec->end_date != NULL && *spec->end_date ? spec->end_date : NULL);
      sc_bind_text (stmt, 5, status);
      sqlite3_bind_int64 (stmt, 6, sc_store_tick (store));
      sc_bind_text (stmt, 7, store->device_id);
      sc_bind_text (stmt, 8, spec->id);
      ok = sc_store_step_done (store, stmt, error);
    }
  if (ok && sqlite3_changes (store->db) == 0)
    {
      g_set_error (error, SC_STORE_ERROR, SC_STORE_ERROR_NOT_FOUND,
                   _("There is no inspection %s in this store"), spec->id);
      ok = FALSE;
    }
  ok = ok && sc_store_audit (store, "edit", "inspection", spec->id, status, error);
  return sc_store_finish (store, ok, error);
}

gboolean
sc_store_remove_team_member (ScStore    *store,
                             const char *inspection,
                             const char *member,
                             GError    **error)
{
  sqlite3_stmt *stmt;
  g_autofree char *name = NULL;
  g_autofree char *row = NULL;
  int readings = 0;
  gboolean ok;

  if (!sc_store_begin (store, error))
    return FALSE;
  stmt = sc_store_prepare (store,
                           "SELECT t.id, m.name FROM team_member t JOIN member m ON m.id = t.member"
                           " WHERE t.inspection = ? AND t.member = ? AND t.deleted = 0",
                           error);
  ok = stmt != NULL;
  if (ok)
    {
      sc_bind_text (stmt, 1, inspection);
      sc_bind_text (stmt, 2, member);
      if (sqlite3_step (stmt) == SQLITE_ROW)
        {
          row = sc_column_dup (stmt, 0);
          name = sc_column_dup (stmt, 1);
        }
      sqlite3_reset (stmt);
      if (row == NULL)
        {
          g_set_error (error, SC_STORE_ERROR, SC_STORE_ERROR_NOT_FOUND,
                       _("That member is not on this inspection’s team"));
          ok = FALSE;
        }
    }
  if (ok)
    {
      stmt = sc_store_prepare (store,
                               "SELECT count(*) FROM reading g"
                               " JOIN assignment a ON a.id = g.assignment"
                               " JOIN record r ON r.id = a.record"
                               " WHERE r.inspection = ? AND a.reader = ? AND g.deleted = 0",
                               error);
      ok = stmt != NULL;
    }
  if (ok)
    {
      sc_bind_text (stmt, 1, inspection);
      sc_bind_text (stmt, 2, member);
      if (sqlite3_step (stmt) == SQLITE_ROW)
        readings = sqlite3_column_int (stmt, 0);
      sqlite3_reset (stmt);
      if (readings > 0)
        {
          g_set_error (error, SC_STORE_ERROR, SC_STORE_ERROR_READ_ONLY,
                       g_dngettext (GETTEXT_PACKAGE,
                                    "%s has %d reading in this inspection, so they stay on the "
                                    "team: their reading must keep its reader",
                                    "%s has %d readings in this inspection, so they stay on the "
                                    "team: their readings must keep their reader",
                                    readings),
                       name, readings);
          ok = FALSE;
        }
    }
  if (ok)
    {
      stmt = sc_store_prepare (store,
                               "UPDATE team_member SET deleted = 1, rev = ?, origin = ?"
                               " WHERE id = ?",
                               error);
      ok = stmt != NULL;
    }
  if (ok)
    {
      sqlite3_bind_int64 (stmt, 1, sc_store_tick (store));
      sc_bind_text (stmt, 2, store->device_id);
      sc_bind_text (stmt, 3, row);
      ok = sc_store_step_done (store, stmt, error) &&
           sc_store_audit (store, "remove", "team_member", row, member, error);
    }
  return sc_store_finish (store, ok, error);
}
