/* sc-rows-merge.c: merging rows from a bundle into the store
 *
 * Copyright 2026 The Scrutineer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The rule. A row absent here is inserted. A row here in the same version
 * (rev, origin) is left alone. Otherwise the higher (rev, origin) wins (rev
 * compared as a number, then origin as a string), always, so every store ends
 * with the same winner whatever the order bundles arrive in, and an old
 * bundle can never roll a row back.
 *
 * Whether the losing version is a conflict, kept in the conflict table for
 * the lead, depends on whether the winner had seen it. Each row carries,
 * besides its version, its base: the version this store last took from a
 * bundle (base_rev, base_origin, set on import and left alone by local
 * edits, and sent along in bundles). Version X has seen version Y when
 *   - X and Y were written by the same device and X.rev >= Y.rev (a device's
 *     own writes of a row follow one another), or
 *   - X's base was written by Y's device with base.rev >= Y.rev (X was made
 *     from Y or from something later by the same writer).
 * A winner that has seen the loser is a fast-forward (or the loser is an old
 * copy, replayed): nothing is lost. Otherwise both sides changed the row
 * independently, and the loser is stored in `conflict` (once per version),
 * never dropped. One base per row sees one hop back, which is what a team
 * exchanging through its lead needs; longer chains may report a conflict that
 * a full version vector would have recognised as a fast-forward, never the
 * reverse.
 *
 * Special cases. Device rows from a bundle never give trust: a new device is
 * stored unenrolled, a known one keeps its role and keys (other keys refuse
 * the import), and only revocation travels. This store's own device row is
 * never touched. Frameworks are identified by their SHA-256: one already here
 * under another id is used in its place. A row colliding with another on a
 * unique key (say, two records with the same reference) is kept in
 * `conflict` rather than inserted.
 */
#include "sc-rows.h"

#include <glib/gi18n-lib.h>
#include <string.h>

typedef struct
{
  sqlite3_stmt *insert;  /* ?1 id … ?6 base_origin, ?7… the columns */
  sqlite3_stmt *update;  /* the same parameters */
  sqlite3_stmt *version; /* rev, origin, base_rev, base_origin of ?1 */
  sqlite3_stmt *select;  /* the whole row ?1, as sc_rows_select_sql() */
} Statements;

typedef struct
{
  gint64 rev;
  const char *origin;
  gboolean has_base;
  gint64 base_rev;
  const char *base_origin;
} Version;

struct _ScRowsMerge
{
  ScStore *store;
  ScBundleKind kind;
  char *sender;
  Statements *statements; /* one per table, in sc_rows_tables() order */
  guint n_tables;
  GHashTable *framework_alias; /* a bundle's framework id -> the same framework here */
  ScRow *local;
  gint64 max_rev;
  guint n_new;
  guint n_updated;
  guint n_conflicts;
};

ScRowsMerge *
sc_rows_merge_new (ScStore      *store,
                   ScBundleKind  kind,
                   const char   *sender)
{
  ScRowsMerge *self = g_new0 (ScRowsMerge, 1);

  self->store = store;
  self->kind = kind;
  self->sender = g_strdup (sender);
  sc_rows_tables (&self->n_tables);
  self->statements = g_new0 (Statements, self->n_tables);
  self->framework_alias = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  self->local = sc_row_new ();
  return self;
}

void
sc_rows_merge_free (ScRowsMerge *self)
{
  if (self == NULL)
    return;
  for (guint i = 0; i < self->n_tables; i++)
    {
      sqlite3_finalize (self->statements[i].insert);
      sqlite3_finalize (self->statements[i].update);
      sqlite3_finalize (self->statements[i].version);
      sqlite3_finalize (self->statements[i].select);
    }
  g_free (self->statements);
  g_hash_table_unref (self->framework_alias);
  sc_row_free (self->local);
  g_free (self->sender);
  g_free (self);
}

void
sc_rows_merge_get_counts (ScRowsMerge *self,
                          guint       *n_new,
                          guint       *n_updated,
                          guint       *n_conflicts)
{
  *n_new = self->n_new;
  *n_updated = self->n_updated;
  *n_conflicts = self->n_conflicts;
}

gint64
sc_rows_merge_get_max_rev (ScRowsMerge *self)
{
  return self->max_rev;
}

G_GNUC_PRINTF (4, 5)
static gboolean
fail (GError     **error,
      int          code,
      const ScRow *row,
      const char  *format,
      ...)
{
  g_autofree char *message = NULL;
  va_list args;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);
  g_set_error (error, SC_BUNDLE_ERROR, code,
               code == SC_BUNDLE_ERROR_INVALID ? _("Rows check failed: %s row %s: %s")
                                               : _("Applying the rows failed: %s row %s: %s"),
               row->table->name, row->id->str, message);
  return FALSE;
}

/* Statements */

static char *
write_sql (const ScRowTable *table,
           gboolean          update)
{
  g_autoptr (GString) sql = g_string_new (NULL);

  if (update)
    {
      g_string_append_printf (sql, "UPDATE %s SET rev = ?2, origin = ?3, deleted = ?4,"
                                   " base_rev = ?5, base_origin = ?6", table->name);
      for (guint i = 0; i < table->n_columns; i++)
        g_string_append_printf (sql, ", %s = ?%u", table->columns[i].name, i + 7);
      g_string_append (sql, " WHERE id = ?1");
    }
  else
    {
      g_string_append_printf (sql, "INSERT INTO %s (id, rev, origin, deleted, base_rev,"
                                   " base_origin", table->name);
      for (guint i = 0; i < table->n_columns; i++)
        g_string_append_printf (sql, ", %s", table->columns[i].name);
      g_string_append (sql, ") VALUES (?1, ?2, ?3, ?4, ?5, ?6");
      for (guint i = 0; i < table->n_columns; i++)
        g_string_append_printf (sql, ", ?%u", i + 7);
      g_string_append (sql, ")");
    }
  return g_string_free (g_steal_pointer (&sql), FALSE);
}

static gboolean
prepare (ScRowsMerge   *self,
         sqlite3_stmt **stmt,
         char          *sql,
         GError       **error)
{
  g_autofree char *owned = sql;
  int rc;

  if (*stmt != NULL)
    return TRUE;
  rc = sqlite3_prepare_v2 (self->store->db, owned, -1, stmt, NULL);
  return rc == SQLITE_OK ? TRUE : sc_store_fail (self->store, rc, error);
}

static Statements *
statements_for (ScRowsMerge      *self,
                const ScRowTable *table,
                GError          **error)
{
  guint n;
  Statements *s = &self->statements[table - sc_rows_tables (&n)];

  if (s->insert != NULL)
    return s;
  if (!prepare (self, &s->update, write_sql (table, TRUE), error) ||
      !prepare (self, &s->version,
                g_strdup_printf ("SELECT rev, origin, base_rev, base_origin FROM %s"
                                 " WHERE id = ?1", table->name),
                error) ||
      !prepare (self, &s->select, sc_rows_select_sql (table, "id = ?1"), error) ||
      !prepare (self, &s->insert, write_sql (table, FALSE), error))
    return NULL;
  return s;
}

/* The row as it will be here: its base is the incoming version itself. */
static void
bind_row (ScRowsMerge  *self,
          sqlite3_stmt *stmt,
          const ScRow  *row)
{
  const ScRowTable *table = row->table;

  sqlite3_bind_text (stmt, 1, row->id->str, (int) row->id->len, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 2, row->rev);
  sqlite3_bind_text (stmt, 3, row->origin->str, (int) row->origin->len, SQLITE_STATIC);
  sqlite3_bind_int (stmt, 4, row->deleted ? 1 : 0);
  sqlite3_bind_int64 (stmt, 5, row->rev);
  sqlite3_bind_text (stmt, 6, row->origin->str, (int) row->origin->len, SQLITE_STATIC);
  for (guint i = 0; i < table->n_columns; i++)
    sc_row_value_bind (stmt, (int) i + 7, &table->columns[i], &row->values[i]);
  if (g_str_equal (table->name, "inspection"))
    {
      int column = sc_rows_column_index (table, "framework");
      const char *alias = g_hash_table_lookup (self->framework_alias,
                                               row->values[column].data->str);

      if (alias != NULL)
        sqlite3_bind_text (stmt, column + 7, alias, -1, SQLITE_STATIC);
    }
}

/* Steps a write; on failure keeps SQLite's message in MESSAGE. */
static int
step_write (ScRowsMerge  *self,
            sqlite3_stmt *stmt,
            char        **message)
{
  int rc = sqlite3_step (stmt);

  if (rc != SQLITE_DONE && message != NULL)
    *message = g_strdup (sqlite3_errmsg (self->store->db));
  sqlite3_reset (stmt);
  sqlite3_clear_bindings (stmt);
  return rc;
}

/* Versions */

static gboolean
load_version (ScRowsMerge *self,
              Statements  *s,
              const ScRow *row,
              Version     *local,
              gboolean    *found,
              GError     **error)
{
  int rc;

  sqlite3_reset (s->version);
  sqlite3_bind_text (s->version, 1, row->id->str, (int) row->id->len, SQLITE_STATIC);
  rc = sqlite3_step (s->version);
  *found = rc == SQLITE_ROW;
  if (rc != SQLITE_ROW && rc != SQLITE_DONE)
    return sc_store_fail (self->store, rc, error);
  if (*found)
    {
      /* The texts stay valid until the statement is reset. */
      local->rev = sqlite3_column_int64 (s->version, 0);
      local->origin = (const char *) sqlite3_column_text (s->version, 1);
      local->has_base = sqlite3_column_type (s->version, 2) != SQLITE_NULL &&
                        sqlite3_column_type (s->version, 3) != SQLITE_NULL;
      local->base_rev = sqlite3_column_int64 (s->version, 2);
      local->base_origin = (const char *) sqlite3_column_text (s->version, 3);
      if (local->origin == NULL)
        local->origin = "";
    }
  return TRUE;
}

static void
incoming_version (const ScRow *row,
                  Version     *version)
{
  version->rev = row->rev;
  version->origin = row->origin->str;
  version->has_base = row->has_base;
  version->base_rev = row->base_rev;
  version->base_origin = row->base_origin->str;
}

static int
compare_versions (const Version *a,
                  const Version *b)
{
  if (a->rev != b->rev)
    return a->rev < b->rev ? -1 : 1;
  return strcmp (a->origin, b->origin);
}

static gboolean
has_seen (const Version *x,
          const Version *y)
{
  if (strcmp (x->origin, y->origin) == 0 && x->rev >= y->rev)
    return TRUE;
  return x->has_base && x->base_origin != NULL && strcmp (x->base_origin, y->origin) == 0 &&
         x->base_rev >= y->rev;
}

/* Conflicts */

static gboolean
conflict_known (ScRowsMerge *self,
                const ScRow *loser,
                GError     **error)
{
  sqlite3_stmt *stmt = sc_store_prepare (
    self->store,
    "SELECT 1 FROM conflict WHERE tbl = ? AND row_id = ? AND rev = ? AND origin = ?", error);
  gboolean known;

  if (stmt == NULL)
    return TRUE;
  sc_bind_text (stmt, 1, loser->table->name);
  sc_bind_text (stmt, 2, loser->id->str);
  sqlite3_bind_int64 (stmt, 3, loser->rev);
  sc_bind_text (stmt, 4, loser->origin->str);
  known = sqlite3_step (stmt) == SQLITE_ROW;
  sqlite3_reset (stmt);
  return known;
}

static gboolean
keep_conflict (ScRowsMerge *self,
               const ScRow *loser,
               GError     **error)
{
  g_autoptr (GError) local_error = NULL;
  g_autofree char *id = NULL;
  g_autofree char *now = NULL;
  g_autofree char *data = NULL;
  sqlite3_stmt *stmt;

  if (conflict_known (self, loser, &local_error))
    {
      if (local_error == NULL)
        return TRUE;
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }
  data = sc_row_to_xml (loser);
  if (data == NULL)
    return fail (error, SC_BUNDLE_ERROR_APPLY, loser, _("it could not be written down"));
  stmt = sc_store_prepare (self->store,
                           "INSERT INTO conflict (id, tbl, row_id, rev, origin, data, detected_at)"
                           " VALUES (?, ?, ?, ?, ?, ?, ?)",
                           error);
  if (stmt == NULL)
    return FALSE;
  id = sc_store_new_id ();
  now = sc_store_now ();
  sc_bind_text (stmt, 1, id);
  sc_bind_text (stmt, 2, loser->table->name);
  sc_bind_text (stmt, 3, loser->id->str);
  sqlite3_bind_int64 (stmt, 4, loser->rev);
  sc_bind_text (stmt, 5, loser->origin->str);
  sc_bind_text (stmt, 6, data);
  sc_bind_text (stmt, 7, now);
  if (!sc_store_step_done (self->store, stmt, error))
    return FALSE;
  self->n_conflicts++;
  return TRUE;
}

static gboolean
keep_local_as_conflict (ScRowsMerge *self,
                        Statements  *s,
                        const ScRow *row,
                        GError     **error)
{
  int rc;

  sqlite3_reset (s->select);
  sqlite3_bind_text (s->select, 1, row->id->str, (int) row->id->len, SQLITE_STATIC);
  rc = sqlite3_step (s->select);
  if (rc != SQLITE_ROW)
    {
      sqlite3_reset (s->select);
      return sc_store_fail (self->store, rc == SQLITE_DONE ? SQLITE_ERROR : rc, error);
    }
  sc_row_read_stmt (self->local, row->table, s->select);
  sqlite3_reset (s->select);
  return keep_conflict (self, self->local, error);
}

/* Applying */

static gboolean
update_row (ScRowsMerge *self,
            Statements  *s,
            const ScRow *row,
            GError     **error)
{
  g_autofree char *message = NULL;

  bind_row (self, s->update, row);
  if (step_write (self, s->update, &message) != SQLITE_DONE)
    return fail (error, SC_BUNDLE_ERROR_APPLY, row, _("it does not fit this store (%s)"),
                 message);
  self->n_updated++;
  return TRUE;
}

static gboolean
merge_existing (ScRowsMerge *self,
                Statements  *s,
                const ScRow *row,
                Version     *local,
                GError     **error)
{
  Version incoming;
  int order;
  gboolean seen;

  incoming_version (row, &incoming);
  order = compare_versions (&incoming, local);
  if (order == 0)
    {
      sqlite3_reset (s->version);
      return TRUE;
    }
  seen = order > 0 ? has_seen (&incoming, local) : has_seen (local, &incoming);
  sqlite3_reset (s->version); /* LOCAL's strings are no longer needed */
  if (!seen && order > 0 && !keep_local_as_conflict (self, s, row, error))
    return FALSE;
  if (!seen && order < 0 && !keep_conflict (self, row, error))
    return FALSE;
  return order > 0 ? update_row (self, s, row, error) : TRUE;
}

/* A unique key other than the id is taken: the same framework under another
 * id is used instead; any other row is kept as a conflict. */
static gboolean
resolve_collision (ScRowsMerge *self,
                   const ScRow *row,
                   GError     **error)
{
  if (g_str_equal (row->table->name, "framework"))
    {
      int column = sc_rows_column_index (row->table, "sha256");
      sqlite3_stmt *stmt = sc_store_prepare (self->store,
                                             "SELECT id FROM framework WHERE sha256 = ?", error);
      char *here = NULL;

      if (stmt == NULL)
        return FALSE;
      sc_bind_text (stmt, 1, row->values[column].data->str);
      if (sqlite3_step (stmt) == SQLITE_ROW)
        here = sc_column_dup (stmt, 0);
      sqlite3_reset (stmt);
      if (here != NULL)
        {
          g_hash_table_replace (self->framework_alias, g_strdup (row->id->str), here);
          return TRUE;
        }
    }
  return keep_conflict (self, row, error);
}

static gboolean
apply_generic (ScRowsMerge *self,
               const ScRow *row,
               GError     **error)
{
  Statements *s = statements_for (self, row->table, error);
  g_autofree char *message = NULL;
  Version local = { 0 };
  gboolean found = FALSE;
  int rc;

  if (s == NULL)
    return FALSE;
  bind_row (self, s->insert, row);
  rc = step_write (self, s->insert, &message);
  if (rc == SQLITE_DONE)
    {
      self->n_new++;
      return TRUE;
    }
  if ((rc & 0xff) != SQLITE_CONSTRAINT)
    return sc_store_fail (self->store, rc, error);
  if (!load_version (self, s, row, &local, &found, error))
    return FALSE;
  if (found)
    return merge_existing (self, s, row, &local, error);
  sqlite3_reset (s->version);
  if (rc == SQLITE_CONSTRAINT_UNIQUE)
    return resolve_collision (self, row, error);
  return fail (error, SC_BUNDLE_ERROR_APPLY, row, _("it does not fit this store (%s)"), message);
}

static gboolean
device_keys_valid (const ScRow *row)
{
  int sign = sc_rows_column_index (row->table, "sign_key");
  int box = sc_rows_column_index (row->table, "box_key");

  return !row->values[sign].is_null && row->values[sign].data->len == 32 &&
         !row->values[box].is_null && row->values[box].data->len == 32;
}

static gboolean
revoke_device (ScRowsMerge *self,
               const ScRow *row,
               GError     **error)
{
  sqlite3_stmt *stmt = sc_store_prepare (self->store,
                                         "UPDATE device SET revoked = 1 WHERE id = ?", error);

  if (stmt == NULL)
    return FALSE;
  sc_bind_text (stmt, 1, row->id->str);
  if (!sc_store_step_done (self->store, stmt, error))
    return FALSE;
  self->n_updated++;
  return TRUE;
}

static gboolean
apply_device (ScRowsMerge *self,
              const ScRow *row,
              GError     **error)
{
  sqlite3_stmt *stmt;
  gboolean found, same_keys = FALSE, revoked = FALSE;
  int sign = sc_rows_column_index (row->table, "sign_key");
  int box = sc_rows_column_index (row->table, "box_key");
  int revoked_column = sc_rows_column_index (row->table, "revoked");

  if (!device_keys_valid (row))
    return fail (error, SC_BUNDLE_ERROR_INVALID, row, _("a device's keys must be 32 bytes each"));
  if (g_str_equal (row->id->str, sc_store_get_device_id (self->store)))
    return TRUE;
  stmt = sc_store_prepare (self->store,
                           "SELECT sign_key, box_key, revoked FROM device WHERE id = ?", error);
  if (stmt == NULL)
    return FALSE;
  sc_bind_text (stmt, 1, row->id->str);
  found = sqlite3_step (stmt) == SQLITE_ROW;
  if (found)
    {
      same_keys = sqlite3_column_bytes (stmt, 0) == 32 && sqlite3_column_bytes (stmt, 1) == 32 &&
                  memcmp (sqlite3_column_blob (stmt, 0), row->values[sign].data->str, 32) == 0 &&
                  memcmp (sqlite3_column_blob (stmt, 1), row->values[box].data->str, 32) == 0;
      revoked = sqlite3_column_int (stmt, 2) != 0;
    }
  sqlite3_reset (stmt);
  if (!found)
    return apply_generic (self, row, error);
  if (!same_keys)
    return fail (error, SC_BUNDLE_ERROR_INVALID, row,
                 _("the bundle gives this device other keys than the ones known here"));
  if (!revoked && row->values[revoked_column].integer != 0)
    return revoke_device (self, row, error);
  return TRUE;
}

/* Ownership in member bundles: "a reading belongs to one reader; only that
 * reader's devices write it". An assignment, reading or answer a member
 * sends must hang from a member whose device is the sender, both as the row
 * names it and, when the row is already here, as it was. */
#define OWN_MEMBER "SELECT 1 FROM member WHERE id = ?1 AND device = ?2"
#define OWN_ASSIGNMENT \
  "SELECT 1 FROM assignment a JOIN member m ON m.id = a.reader WHERE a.id = ?1 AND m.device = ?2"
#define OWN_READING \
  "SELECT 1 FROM reading g JOIN assignment a ON a.id = g.assignment" \
  " JOIN member m ON m.id = a.reader WHERE g.id = ?1 AND m.device = ?2"

static gboolean
lookup_text (ScRowsMerge *self,
             const char  *sql,
             const char  *a,
             const char  *b,
             char       **value,
             GError     **error)
{
  sqlite3_stmt *stmt = sc_store_prepare (self->store, sql, error);
  int rc;

  if (stmt == NULL)
    return FALSE;
  sc_bind_text (stmt, 1, a);
  if (b != NULL)
    sc_bind_text (stmt, 2, b);
  rc = sqlite3_step (stmt);
  *value = rc == SQLITE_ROW ? g_strdup ((const char *) sqlite3_column_text (stmt, 0)) : NULL;
  sqlite3_reset (stmt);
  return rc == SQLITE_ROW || rc == SQLITE_DONE ? TRUE : sc_store_fail (self->store, rc, error);
}

static gboolean
owned_by_sender (ScRowsMerge *self,
                 const char  *sql,
                 const char  *parent,
                 gboolean    *owned,
                 GError      **error)
{
  g_autofree char *found = NULL;

  if (!lookup_text (self, sql, parent, self->sender, &found, error))
    return FALSE;
  *owned = found != NULL;
  return TRUE;
}

static const struct
{
  const char *table;
  const char *column; /* the parent the row names */
  const char *owned;  /* ?1 parent, ?2 sender: a row when owned */
  const char *local;  /* ?1 id: the parent of the row here */
} owned_tables[] = {
  { "assignment", "reader", OWN_MEMBER, "SELECT reader FROM assignment WHERE id = ?1" },
  { "reading", "assignment", OWN_ASSIGNMENT, "SELECT assignment FROM reading WHERE id = ?1" },
  { "answer", "reading", OWN_READING, "SELECT reading FROM answer WHERE id = ?1" },
};

static gboolean
check_owner (ScRowsMerge *self,
             const ScRow *row,
             GError     **error)
{
  g_autofree char *local_parent = NULL;
  gboolean owned = FALSE, was_owned = TRUE;

  for (guint i = 0; i < G_N_ELEMENTS (owned_tables); i++)
    {
      int index;

      if (!g_str_equal (row->table->name, owned_tables[i].table))
        continue;
      index = sc_rows_column_index (row->table, owned_tables[i].column);
      if (!owned_by_sender (self, owned_tables[i].owned, row->values[index].data->str, &owned,
                            error) ||
          !lookup_text (self, owned_tables[i].local, row->id->str, NULL, &local_parent, error))
        return FALSE;
      if (local_parent != NULL &&
          !owned_by_sender (self, owned_tables[i].owned, local_parent, &was_owned, error))
        return FALSE;
      if (!owned || !was_owned)
        return fail (error, SC_BUNDLE_ERROR_INVALID, row,
                     _("a member bundle may only carry its sender's own readings and answers"));
    }
  return TRUE;
}

static gboolean
check_allowed (ScRowsMerge *self,
               const ScRow *row,
               GError     **error)
{
  if (!sc_rows_table_in_kind (row->table, self->kind))
    return fail (error, SC_BUNDLE_ERROR_INVALID, row, _("a %s bundle cannot carry %s rows"),
                 sc_bundle_kind_to_string (self->kind), row->table->name);
  if (self->kind == SC_BUNDLE_MEMBER && !g_str_equal (row->origin->str, self->sender))
    return fail (error, SC_BUNDLE_ERROR_INVALID, row,
                 _("a member bundle may only carry rows its sender wrote"));
  return self->kind != SC_BUNDLE_MEMBER || check_owner (self, row, error);
}

gboolean
sc_rows_merge_apply (ScRowsMerge *self,
                     const ScRow *row,
                     GError     **error)
{
  if (!check_allowed (self, row, error))
    return FALSE;
  self->max_rev = MAX (self->max_rev, MAX (row->rev, row->base_rev));
  if (g_str_equal (row->table->name, "device"))
    return apply_device (self, row, error);
  return apply_generic (self, row, error);
}
