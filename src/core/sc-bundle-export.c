/* sc-bundle-export.c: which rows each kind of bundle carries
 *
 * Copyright 2026 The Scrutineer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * All kinds carry one inspection's rows, table by table in the order of
 * sc_rows_tables() (parents first), read with one statement per table and
 * written as they are stepped: nothing is gathered in memory.
 *   setup  (lead -> members): the devices and members of the team, the
 *          framework, the inspection, its team, records, assignments and
 *          readings; no answers, so double reading stays blind;
 *   member (member -> lead): the rows of the inspection this device wrote;
 *   team   (lead -> central store): every row of the inspection.
 * local_key, meta, audit, conflict and bundle_import never leave the store.
 */
#include "sc-bundle-private.h"

#include <glib/gi18n-lib.h>
#include <libxml/xmlwriter.h>

#include "sc-rows.h"

#define RECORDS "SELECT id FROM record WHERE inspection = ?1"
#define ASSIGNMENTS "SELECT id FROM assignment WHERE record IN (" RECORDS ")"
#define READINGS "SELECT id FROM reading WHERE assignment IN (" ASSIGNMENTS ")"
#define FOCUS_GROUPS "SELECT id FROM focus_group WHERE inspection = ?1"
/* Everyone an included row names, so foreign keys hold at the other end. */
#define MEMBERS \
  "SELECT member FROM team_member WHERE inspection = ?1" \
  " UNION SELECT lead FROM inspection WHERE id = ?1" \
  " UNION SELECT reader FROM assignment WHERE record IN (" RECORDS ")" \
  " UNION SELECT facilitator FROM focus_group WHERE inspection = ?1" \
  " UNION SELECT author FROM note WHERE focus_group IN (" FOCUS_GROUPS ")" \
  " UNION SELECT author FROM evaluation WHERE inspection = ?1" \
  " UNION SELECT moderator FROM moderation WHERE record IN (" RECORDS ")" \
  " UNION SELECT raised_by FROM concern WHERE inspection = ?1"

static const struct
{
  const char *table;
  const char *where;
} scopes[] = {
  { "device", "id IN (SELECT device FROM member WHERE id IN (" MEMBERS "))" },
  { "member", "id IN (" MEMBERS ")" },
  { "framework", "id IN (SELECT framework FROM inspection WHERE id = ?1)" },
  { "inspection", "id = ?1" },
  { "team_member", "inspection = ?1" },
  { "record", "inspection = ?1" },
  { "assignment", "record IN (" RECORDS ")" },
  { "reading", "assignment IN (" ASSIGNMENTS ")" },
  { "answer", "reading IN (" READINGS ")" },
  { "focus_group", "inspection = ?1" },
  { "note", "focus_group IN (" FOCUS_GROUPS ")" },
  { "evaluation", "inspection = ?1" },
  { "moderation", "record IN (" RECORDS ")" },
  { "concern", "inspection = ?1" },
};

typedef struct
{
  ScStore *store;
  ScBundleKind kind;
  const char *inspection;
  ScBundleSink *sink;
  GError *error; /* from the sink, under libxml2's writer */
  guint64 n_rows;
  guint64 total;
  ScBundleProgressFunc progress;
  gpointer progress_data;
} Export;

#define PROGRESS_EVERY 256 /* rows */

static const char *
scope_of (const ScRowTable *table)
{
  for (guint i = 0; i < G_N_ELEMENTS (scopes); i++)
    if (g_str_equal (scopes[i].table, table->name))
      return scopes[i].where;
  return NULL;
}

static int
write_to_sink (void       *context,
               const char *buffer,
               int         len)
{
  Export *export = context;

  if (export->error != NULL)
    return -1;
  if (!sc_bundle_sink_write (export->sink, buffer, (gsize) len, &export->error))
    return -1;
  return len;
}

static int
close_sink (void *context)
{
  return 0;
}

static char *
table_where (Export           *export,
             const ScRowTable *table)
{
  return g_strdup_printf ("%s%s", scope_of (table),
                          export->kind == SC_BUNDLE_MEMBER ? " AND origin = ?2" : "");
}

static sqlite3_stmt *
prepare_scoped (Export     *export,
                const char *sql,
                GError    **error)
{
  sqlite3_stmt *stmt = NULL;
  int rc = sqlite3_prepare_v2 (export->store->db, sql, -1, &stmt, NULL);

  if (rc != SQLITE_OK)
    {
      sc_store_fail (export->store, rc, error);
      return NULL;
    }
  sc_bind_text (stmt, 1, export->inspection);
  if (export->kind == SC_BUNDLE_MEMBER)
    sc_bind_text (stmt, 2, sc_store_get_device_id (export->store));
  return stmt;
}

/* The rows to come, for the progress: counted in the same snapshot. */
static gboolean
count_rows (Export  *export,
            GError **error)
{
  guint n_tables;
  const ScRowTable *tables = sc_rows_tables (&n_tables);

  for (guint i = 0; i < n_tables; i++)
    {
      g_autofree char *where = NULL;
      g_autofree char *sql = NULL;
      sqlite3_stmt *stmt;

      if (!sc_rows_table_in_kind (&tables[i], export->kind))
        continue;
      where = table_where (export, &tables[i]);
      sql = g_strdup_printf ("SELECT count(*) FROM %s WHERE %s", tables[i].name, where);
      stmt = prepare_scoped (export, sql, error);
      if (stmt == NULL)
        return FALSE;
      if (sqlite3_step (stmt) == SQLITE_ROW)
        export->total += (guint64) sqlite3_column_int64 (stmt, 0);
      sqlite3_finalize (stmt);
    }
  return TRUE;
}

static void
report (Export *export)
{
  if (export->progress != NULL)
    export->progress (MIN (export->n_rows, export->total), export->total,
                      export->progress_data);
}

static gboolean
export_table (Export           *export,
              xmlTextWriterPtr  writer,
              const ScRowTable *table,
              ScRow            *row,
              GError          **error)
{
  g_autofree char *where = table_where (export, table);
  g_autofree char *sql = sc_rows_select_sql (table, where);
  sqlite3_stmt *stmt = prepare_scoped (export, sql, error);
  int rc;

  if (stmt == NULL)
    return FALSE;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      sc_row_read_stmt (row, table, stmt);
      if (!sc_rows_write_row (writer, row))
        break;
      export->n_rows++;
      if (export->n_rows % PROGRESS_EVERY == 0)
        report (export);
    }
  sqlite3_finalize (stmt);
  if (rc == SQLITE_ROW)
    return FALSE; /* the writer failed: the caller reports why */
  return rc == SQLITE_DONE ? TRUE : sc_store_fail (export->store, rc, error);
}

static gboolean
write_rows (Export          *export,
            xmlTextWriterPtr writer,
            GError         **error)
{
  g_autoptr (ScRow) row = sc_row_new ();
  guint n_tables;
  const ScRowTable *tables = sc_rows_tables (&n_tables);

  if (export->progress != NULL && !count_rows (export, error))
    return FALSE;
  if (!sc_rows_write_start (writer))
    return FALSE;
  for (guint i = 0; i < n_tables; i++)
    if (sc_rows_table_in_kind (&tables[i], export->kind) &&
        !export_table (export, writer, &tables[i], row, error))
      return FALSE;
  export->total = MAX (export->total, export->n_rows);
  report (export);
  return sc_rows_write_end (writer);
}

static gboolean
produce_rows (ScBundleSink *sink,
              gpointer      user_data,
              GError      **error)
{
  Export *export = user_data;
  xmlOutputBufferPtr output = xmlOutputBufferCreateIO (write_to_sink, close_sink, export, NULL);
  xmlTextWriterPtr writer = output != NULL ? xmlNewTextWriter (output) : NULL;
  g_autoptr (GError) local_error = NULL;
  gboolean ok;

  export->sink = sink;
  if (writer == NULL)
    {
      if (output != NULL)
        xmlOutputBufferClose (output);
      g_set_error (error, SC_BUNDLE_ERROR, SC_BUNDLE_ERROR_FAILED, _("Out of memory"));
      return FALSE;
    }
  ok = write_rows (export, writer, &local_error);
  xmlFreeTextWriter (writer); /* flushes and closes OUTPUT */
  if (export->error != NULL)
    g_propagate_error (error, g_steal_pointer (&export->error));
  else if (local_error != NULL)
    g_propagate_error (error, g_steal_pointer (&local_error));
  else if (!ok)
    g_set_error (error, SC_BUNDLE_ERROR, SC_BUNDLE_ERROR_FAILED,
                 _("The rows could not be written into the bundle"));
  return ok && export->error == NULL;
}

static gboolean
check_inspection (ScStore    *store,
                  const char *inspection,
                  GError    **error)
{
  sqlite3_stmt *stmt = sc_store_prepare (store, "SELECT 1 FROM inspection WHERE id = ?", error);
  gboolean found;

  if (stmt == NULL)
    return FALSE;
  sc_bind_text (stmt, 1, inspection);
  found = sqlite3_step (stmt) == SQLITE_ROW;
  sqlite3_reset (stmt);
  if (!found)
    g_set_error (error, SC_STORE_ERROR, SC_STORE_ERROR_NOT_FOUND,
                 _("There is no inspection %s in this store"), inspection);
  return found;
}

gboolean
sc_bundle_export (ScStore      *store,
                  ScBundleKind  kind,
                  const char   *inspection,
                  GPtrArray    *recipients,
                  const char   *path,
                  guint64      *n_rows,
                  GError      **error)
{
  return sc_bundle_export_with_progress (store, kind, inspection, recipients, path, NULL, NULL,
                                         n_rows, error);
}

gboolean
sc_bundle_export_with_progress (ScStore              *store,
                                ScBundleKind          kind,
                                const char           *inspection,
                                GPtrArray            *recipients,
                                const char           *path,
                                ScBundleProgressFunc  progress,
                                gpointer              user_data,
                                guint64              *n_rows,
                                GError              **error)
{
  Export export = { store, kind, inspection, NULL, NULL, 0, 0, progress, user_data };

  if (!check_inspection (store, inspection, error) ||
      !sc_bundle_write (store, kind, inspection, recipients, path, produce_rows, &export, error))
    return FALSE;
  if (n_rows != NULL)
    *n_rows = export.n_rows;
  return TRUE;
}
