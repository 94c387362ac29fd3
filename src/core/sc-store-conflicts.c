/* sc-store-conflicts.c: listing and settling conflicts
 *
 * Copyright 2026 The Scrutineer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A conflict row holds the losing version as a one-row rows document
 * (sc_row_to_xml()); it is read back with the bundle's own reader, so the
 * same checks apply. What a row is and what it says are described from its
 * columns: the record and question for answers and moderations, the text of
 * notes, the level of evaluations; other tables by their columns.
 */
#include "sc-store-conflicts.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "sc-rows.h"

#define VALUE_MAX 240

void
sc_conflict_free (ScConflict *conflict)
{
  if (conflict == NULL)
    return;
  g_free (conflict->id);
  g_free (conflict->table);
  g_free (conflict->row_id);
  g_free (conflict->what);
  g_free (conflict->kept_value);
  g_free (conflict->kept_by);
  g_free (conflict->kept_when);
  g_free (conflict->other_value);
  g_free (conflict->other_by);
  g_free (conflict->other_when);
  g_free (conflict->detected_at);
  g_free (conflict->resolved_at);
  g_free (conflict);
}

/* Reading rows */

typedef struct
{
  const char *data;
  gsize len;
  gsize at;
} MemoryInput;

static gssize
read_memory (gpointer  user_data,
             char     *buffer,
             gsize     len,
             GError  **error)
{
  MemoryInput *input = user_data;
  gsize n = MIN (len, input->len - input->at);

  memcpy (buffer, input->data + input->at, n);
  input->at += n;
  return (gssize) n;
}

/* The one row of DATA, copied into ROW. */
static gboolean
parse_row (const char *data,
           ScRow      *row,
           GError    **error)
{
  MemoryInput input = { data, strlen (data), 0 };
  g_autoptr (ScRowsReader) reader = sc_rows_reader_new (read_memory, &input);
  const ScRow *read = NULL;

  if (sc_rows_reader_next (reader, &read, error) <= 0)
    {
      if (error != NULL && *error == NULL)
        g_set_error (error, SC_STORE_ERROR, SC_STORE_ERROR_DAMAGED,
                     _("A kept conflict is empty; the store may be damaged"));
      return FALSE;
    }
  sc_row_reset (row, read->table);
  g_string_assign (row->id, read->id->str);
  g_string_assign (row->origin, read->origin->str);
  g_string_assign (row->base_origin, read->base_origin->str);
  row->rev = read->rev;
  row->base_rev = read->base_rev;
  row->has_base = read->has_base;
  row->deleted = read->deleted;
  for (guint i = 0; i < read->table->n_columns; i++)
    {
      g_string_truncate (row->values[i].data, 0);
      g_string_append_len (row->values[i].data, read->values[i].data->str,
                           (gssize) read->values[i].data->len);
      row->values[i].is_null = read->values[i].is_null;
      row->values[i].present = read->values[i].present;
      row->values[i].integer = read->values[i].integer;
      row->values[i].real = read->values[i].real;
    }
  return TRUE;
}

/* The row as it is here; FOUND is FALSE when there is none. */
static gboolean
load_row (ScStore          *store,
          const ScRowTable *table,
          const char       *id,
          ScRow            *row,
          gboolean         *found,
          GError          **error)
{
  g_autofree char *sql = sc_rows_select_sql (table, "id = ?1");
  sqlite3_stmt *stmt = NULL;
  int rc = sqlite3_prepare_v2 (store->db, sql, -1, &stmt, NULL);

  if (rc != SQLITE_OK)
    return sc_store_fail (store, rc, error);
  sc_bind_text (stmt, 1, id);
  rc = sqlite3_step (stmt);
  *found = rc == SQLITE_ROW;
  if (*found)
    sc_row_read_stmt (row, table, stmt);
  sqlite3_finalize (stmt);
  return rc == SQLITE_ROW || rc == SQLITE_DONE ? TRUE : sc_store_fail (store, rc, error);
}

/* Describing rows */

static const char *
text_of (const ScRow *row,
         const char  *column)
{
  int index = sc_rows_column_index (row->table, column);

  if (index < 0 || row->values[index].is_null)
    return NULL;
  return row->values[index].data->str;
}

static char *
lookup (ScStore    *store,
        const char *sql,
        const char *key)
{
  sqlite3_stmt *stmt = NULL;
  char *value = NULL;

  if (key == NULL || sqlite3_prepare_v2 (store->db, sql, -1, &stmt, NULL) != SQLITE_OK)
    return NULL;
  sc_bind_text (stmt, 1, key);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    value = sc_column_dup (stmt, 0);
  sqlite3_finalize (stmt);
  return value;
}

static char *
shorten (const char *text)
{
  g_autofree char *one_line = g_strdelimit (g_strdup (text), "\r\n\t", ' ');

  if (g_utf8_validate (one_line, -1, NULL) && g_utf8_strlen (one_line, -1) > VALUE_MAX)
    {
      g_autofree char *cut = g_utf8_substring (one_line, 0, VALUE_MAX);

      return g_strconcat (cut, "…", NULL);
    }
  return g_steal_pointer (&one_line);
}

static char *
describe_row (ScStore     *store,
              const ScRow *row)
{
  const char *table = row->table->name;
  g_autofree char *ref = NULL;

  if (g_str_equal (table, "answer"))
    {
      ref = lookup (store,
                    "SELECT r.ref FROM reading g JOIN assignment a ON a.id = g.assignment"
                    " JOIN record r ON r.id = a.record WHERE g.id = ?1",
                    text_of (row, "reading"));
      return g_strdup_printf (_("Record %s, question %s"), ref != NULL ? ref : "?",
                              text_of (row, "question"));
    }
  if (g_str_equal (table, "reading"))
    {
      ref = lookup (store,
                    "SELECT r.ref FROM assignment a JOIN record r ON r.id = a.record"
                    " WHERE a.id = ?1",
                    text_of (row, "assignment"));
      return g_strdup_printf (_("Reading of record %s"), ref != NULL ? ref : "?");
    }
  if (g_str_equal (table, "moderation"))
    {
      ref = lookup (store, "SELECT ref FROM record WHERE id = ?1", text_of (row, "record"));
      return g_strdup_printf (_("Moderation of record %s, question %s"),
                              ref != NULL ? ref : "?", text_of (row, "question"));
    }
  if (g_str_equal (table, "note"))
    {
      ref = lookup (store, "SELECT title FROM focus_group WHERE id = ?1",
                    text_of (row, "focus_group"));
      return g_strdup_printf (_("Note in focus group “%s”"), ref != NULL ? ref : "?");
    }
  if (g_str_equal (table, "evaluation"))
    return g_strdup_printf (_("Evaluation of indicator %s"), text_of (row, "indicator"));
  if (g_str_equal (table, "record"))
    return g_strdup_printf (_("Record %s"), text_of (row, "ref"));
  if (g_str_equal (table, "concern"))
    return g_strdup (_("Concern"));
  /* Translators: a table name and a row id, for rows with nothing better to show */
  return g_strdup_printf (_("%s %s"), table, row->id->str);
}

static void
append_column (GString     *out,
               const ScRow *row,
               guint        i)
{
  const ScRowValue *value = &row->values[i];

  if (out->len > 0)
    g_string_append (out, "; ");
  g_string_append_printf (out, "%s: ", row->table->columns[i].name);
  if (value->is_null)
    g_string_append (out, "—");
  else if (row->table->columns[i].type == SC_COLUMN_INTEGER)
    g_string_append_printf (out, "%" G_GINT64_FORMAT, value->integer);
  else if (row->table->columns[i].type == SC_COLUMN_REAL)
    g_string_append_printf (out, "%g", value->real);
  else if (row->table->columns[i].type == SC_COLUMN_BLOB)
    g_string_append_printf (out, _("%zu bytes"), value->data->len);
  else
    g_string_append (out, value->data->str);
}

static char *
describe_value (const ScRow *row)
{
  const char *table = row->table->name;
  g_autoptr (GString) out = g_string_new (NULL);

  if (row->deleted)
    return g_strdup (_("Deleted"));
  if (g_str_equal (table, "answer") || g_str_equal (table, "moderation"))
    {
      const char *value = text_of (row, "value");
      const char *more = text_of (row, g_str_equal (table, "answer") ? "evidence" : "rationale");

      g_string_append (out, value != NULL ? value : _("No answer"));
      if (more != NULL && *more != '\0')
        g_string_append_printf (out, " — %s", more);
    }
  else if (g_str_equal (table, "note"))
    g_string_append (out, text_of (row, "text"));
  else if (g_str_equal (table, "reading"))
    /* Translators: a reading's status (draft, submitted, reopened) */
    g_string_append_printf (out, _("Status: %s"), text_of (row, "status"));
  else if (g_str_equal (table, "evaluation"))
    {
      int level = sc_rows_column_index (row->table, "level");

      if (row->values[level].is_null)
        g_string_append (out, _("No level"));
      else
        g_string_append_printf (out, _("Level %" G_GINT64_FORMAT), row->values[level].integer);
      g_string_append_printf (out, " — %s", text_of (row, "rationale"));
    }
  else if (g_str_equal (table, "concern"))
    g_string_append_printf (out, "%s (%s)", text_of (row, "summary"), text_of (row, "status"));
  else
    for (guint i = 0; i < row->table->n_columns; i++)
      append_column (out, row, i);
  return shorten (out->str);
}

static char *
device_name (ScStore    *store,
             const char *device)
{
  char *name = lookup (store,
                       "SELECT name FROM member WHERE device = ?1 AND deleted = 0"
                       " ORDER BY rev DESC LIMIT 1",
                       device);

  if (name == NULL)
    name = lookup (store, "SELECT name FROM device WHERE id = ?1", device);

  return name != NULL ? name : g_strdup (device);
}

static char *
row_when (const ScRow *row,
          const char  *fallback)
{
  const char *updated = text_of (row, "updated");

  return g_strdup (updated != NULL ? updated : fallback);
}

/* Listing */

static ScConflict *
conflict_from_stmt (ScStore      *store,
                    sqlite3_stmt *stmt,
                    ScRow        *other,
                    ScRow        *kept,
                    GError      **error)
{
  g_autoptr (ScConflict) conflict = g_new0 (ScConflict, 1);
  const char *data = (const char *) sqlite3_column_text (stmt, 4);
  gboolean found = FALSE;

  conflict->id = sc_column_dup (stmt, 0);
  conflict->table = sc_column_dup (stmt, 1);
  conflict->row_id = sc_column_dup (stmt, 2);
  conflict->detected_at = sc_column_dup (stmt, 3);
  conflict->resolved_at = sc_column_dup (stmt, 5);
  if (data == NULL || !parse_row (data, other, error) ||
      !load_row (store, other->table, other->id->str, kept, &found, error))
    return NULL;
  conflict->what = describe_row (store, found ? kept : other);
  conflict->other_value = describe_value (other);
  conflict->other_by = device_name (store, other->origin->str);
  conflict->other_when = row_when (other, conflict->detected_at);
  if (found)
    {
      conflict->kept_value = describe_value (kept);
      conflict->kept_by = device_name (store, kept->origin->str);
      conflict->kept_when = row_when (kept, "");
    }
  return g_steal_pointer (&conflict);
}

GPtrArray *
sc_store_list_conflicts (ScStore  *store,
                         gboolean  all,
                         GError  **error)
{
  g_autoptr (GPtrArray) conflicts = g_ptr_array_new_with_free_func (
    (GDestroyNotify) sc_conflict_free);
  g_autoptr (ScRow) other = sc_row_new ();
  g_autoptr (ScRow) kept = sc_row_new ();
  sqlite3_stmt *stmt = NULL;
  int rc = sqlite3_prepare_v2 (store->db,
                               "SELECT id, tbl, row_id, detected_at, data, resolved_at"
                               " FROM conflict WHERE ?1 OR resolved_at IS NULL"
                               " ORDER BY detected_at, rowid",
                               -1, &stmt, NULL);

  if (rc != SQLITE_OK)
    {
      sc_store_fail (store, rc, error);
      return NULL;
    }
  sqlite3_bind_int (stmt, 1, all ? 1 : 0);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      ScConflict *conflict = conflict_from_stmt (store, stmt, other, kept, error);

      if (conflict == NULL)
        {
          sqlite3_finalize (stmt);
          return NULL;
        }
      g_ptr_array_add (conflicts, conflict);
    }
  sqlite3_finalize (stmt);
  if (rc != SQLITE_DONE)
    {
      sc_store_fail (store, rc, error);
      return NULL;
    }
  return g_steal_pointer (&conflicts);
}

guint
sc_store_count_conflicts (ScStore  *store,
                          GError  **error)
{
  sqlite3_stmt *stmt = sc_store_prepare (
    store, "SELECT count(*) FROM conflict WHERE resolved_at IS NULL", error);
  guint n = 0;

  if (stmt == NULL)
    return 0;
  if (sqlite3_step (stmt) == SQLITE_ROW)
    n = (guint) sqlite3_column_int64 (stmt, 0);
  sqlite3_reset (stmt);
  return n;
}

/* Settling */

/* OTHER's columns over the row, as a new revision by this device. Its base
 * names the version from another device that it was made from, so the
 * devices that wrote it see a fast-forward, not a new conflict. */
static gboolean
write_other (ScStore     *store,
             const ScRow *other,
             const ScRow *kept,
             GError     **error)
{
  const ScRowTable *table = other->table;
  const char *self = sc_store_get_device_id (store);
  const ScRow *base = g_str_equal (other->origin->str, self) ? kept : other;
  g_autoptr (GString) sql = g_string_new (NULL);
  sqlite3_stmt *stmt = NULL;
  int rc;

  g_string_append_printf (sql, "UPDATE %s SET rev = ?2, origin = ?3, deleted = ?4,"
                               " base_rev = ?5, base_origin = ?6", table->name);
  for (guint i = 0; i < table->n_columns; i++)
    g_string_append_printf (sql, ", %s = ?%u", table->columns[i].name, i + 7);
  g_string_append (sql, " WHERE id = ?1");
  rc = sqlite3_prepare_v2 (store->db, sql->str, -1, &stmt, NULL);
  if (rc != SQLITE_OK)
    return sc_store_fail (store, rc, error);
  sc_bind_text (stmt, 1, other->id->str);
  sqlite3_bind_int64 (stmt, 2, sc_store_tick (store));
  sc_bind_text (stmt, 3, self);
  sqlite3_bind_int (stmt, 4, other->deleted ? 1 : 0);
  sqlite3_bind_int64 (stmt, 5, base->rev);
  sc_bind_text (stmt, 6, base->origin->str);
  for (guint i = 0; i < table->n_columns; i++)
    sc_row_value_bind (stmt, (int) i + 7, &table->columns[i], &other->values[i]);
  rc = sqlite3_step (stmt);
  sqlite3_finalize (stmt);
  if (rc == SQLITE_CONSTRAINT || (rc & 0xff) == SQLITE_CONSTRAINT)
    {
      g_set_error (error, SC_STORE_ERROR, SC_STORE_ERROR_INVALID,
                   _("The other version clashes with another row here; keep this one instead"));
      return FALSE;
    }
  return rc == SQLITE_DONE ? TRUE : sc_store_fail (store, rc, error);
}

static gboolean
mark_resolved (ScStore    *store,
               const char *id,
               GError    **error)
{
  g_autofree char *now = sc_store_now ();
  sqlite3_stmt *stmt = sc_store_prepare (
    store, "UPDATE conflict SET resolved_at = ?2, resolved_by = ?3 WHERE id = ?1", error);

  if (stmt == NULL)
    return FALSE;
  sc_bind_text (stmt, 1, id);
  sc_bind_text (stmt, 2, now);
  sc_bind_text (stmt, 3, sc_store_get_owner_id (store));
  return sc_store_step_done (store, stmt, error);
}

static gboolean
settle (ScStore          *store,
        const char       *id,
        const char       *data,
        ScConflictChoice  choice,
        GError          **error)
{
  g_autoptr (ScRow) other = sc_row_new ();
  g_autoptr (ScRow) kept = sc_row_new ();
  g_autofree char *detail = NULL;
  gboolean found = FALSE;

  if (!parse_row (data, other, error) ||
      !load_row (store, other->table, other->id->str, kept, &found, error))
    return FALSE;
  if (choice == SC_CONFLICT_USE_OTHER)
    {
      if (!found)
        {
          g_set_error (error, SC_STORE_ERROR, SC_STORE_ERROR_INVALID,
                       _("The other version clashes with another row here; keep this one "
                         "instead"));
          return FALSE;
        }
      if (!write_other (store, other, kept, error))
        return FALSE;
    }
  detail = g_strdup_printf ("%s %s: %s (rev %" G_GINT64_FORMAT " from %s)",
                            other->table->name, other->id->str,
                            choice == SC_CONFLICT_KEEP ? "kept" : "used the other",
                            other->rev, other->origin->str);
  return mark_resolved (store, id, error) &&
         sc_store_audit (store, choice == SC_CONFLICT_KEEP ? "resolve-keep" : "resolve-other",
                         other->table->name, other->id->str, detail, error);
}

gboolean
sc_store_resolve_conflict (ScStore          *store,
                           const char       *id,
                           ScConflictChoice  choice,
                           GError          **error)
{
  sqlite3_stmt *stmt = sc_store_prepare (
    store, "SELECT data FROM conflict WHERE id = ? AND resolved_at IS NULL", error);
  g_autofree char *data = NULL;
  gboolean ok;

  if (stmt == NULL)
    return FALSE;
  sc_bind_text (stmt, 1, id);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    data = sc_column_dup (stmt, 0);
  sqlite3_reset (stmt);
  if (data == NULL)
    {
      g_set_error (error, SC_STORE_ERROR, SC_STORE_ERROR_NOT_FOUND,
                   _("This conflict was settled already, or is not in this store"));
      return FALSE;
    }
  if (!sc_store_begin (store, error))
    return FALSE;
  ok = settle (store, id, data, choice, error);
  return sc_store_finish (store, ok, error);
}
