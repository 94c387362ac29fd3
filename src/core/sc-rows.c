/* sc-rows.c: the synced tables and their columns, the only ones bundles carry
 *
 * Copyright 2026 The Scrutineer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * This list is the whitelist of import: a table or column not named here is
 * refused. Every table also has id, rev, origin and deleted (and, locally,
 * base_rev and base_origin), handled apart from these columns.
 */
#include "sc-rows.h"

#include <string.h>

#define T SC_COLUMN_TEXT
#define I SC_COLUMN_INTEGER
#define R SC_COLUMN_REAL
#define B SC_COLUMN_BLOB

#define SETUP (1u << SC_BUNDLE_SETUP)
#define MEMBER (1u << SC_BUNDLE_MEMBER)
#define TEAM (1u << SC_BUNDLE_TEAM)

static const ScRowColumn device_columns[] = {
  { "name", T }, { "sign_key", B }, { "box_key", B }, { "role", T }, { "revoked", I },
};
static const ScRowColumn member_columns[] = {
  { "name", T }, { "role", T }, { "device", T },
};
static const ScRowColumn framework_columns[] = {
  { "framework_id", T }, { "version", T }, { "title", T }, { "sha256", T }, { "xml", B },
};
static const ScRowColumn inspection_columns[] = {
  { "framework", T }, { "title", T }, { "area", T }, { "start_date", T }, { "end_date", T },
  { "lead", T }, { "status", T }, { "double_read_fraction", R }, { "allocation_seed", I },
};
static const ScRowColumn team_member_columns[] = {
  { "inspection", T }, { "member", T }, { "role", T },
};
static const ScRowColumn record_columns[] = {
  { "inspection", T }, { "ref", T }, { "cohorts", T }, { "age_band", T },
  { "legal_status", T },
};
static const ScRowColumn assignment_columns[] = {
  { "record", T }, { "reader", T }, { "kind", T },
};
static const ScRowColumn reading_columns[] = {
  { "assignment", T }, { "status", T }, { "created", T }, { "updated", T }, { "submitted", T },
};
static const ScRowColumn answer_columns[] = {
  { "reading", T }, { "question", T }, { "value", T }, { "evidence", T }, { "indicators", T },
  { "updated", T },
};
static const ScRowColumn focus_group_columns[] = {
  { "inspection", T }, { "title", T }, { "participants_kind", T },
  { "participants_count", I }, { "held_on", T }, { "place", T }, { "facilitator", T },
};
static const ScRowColumn note_columns[] = {
  { "focus_group", T }, { "author", T }, { "text", T }, { "indicators", T }, { "kind", T },
  { "created", T }, { "updated", T },
};
static const ScRowColumn evaluation_columns[] = {
  { "inspection", T }, { "indicator", T }, { "level", I }, { "rationale", T },
  { "author", T }, { "updated", T },
};
static const ScRowColumn moderation_columns[] = {
  { "record", T }, { "question", T }, { "value", T }, { "rationale", T }, { "moderator", T },
  { "updated", T },
};
static const ScRowColumn concern_columns[] = {
  { "inspection", T }, { "record", T }, { "raised_by", T }, { "summary", T }, { "status", T },
  { "raised_at", T }, { "passed_to", T }, { "passed_on_at", T }, { "outcome", T },
  { "closed_at", T },
};

#define TABLE(name, kinds) { #name, name##_columns, G_N_ELEMENTS (name##_columns), kinds }

/* Setup bundles carry what members need to start reading, and no answers: a
 * second reader must not see the first reading. Member bundles carry what a
 * member writes. Team bundles carry everything. */
static const ScRowTable tables[] = {
  TABLE (device, SETUP | TEAM),
  TABLE (member, SETUP | TEAM),
  TABLE (framework, SETUP | TEAM),
  TABLE (inspection, SETUP | TEAM),
  TABLE (team_member, SETUP | TEAM),
  TABLE (record, SETUP | TEAM),
  TABLE (assignment, SETUP | MEMBER | TEAM),
  TABLE (reading, SETUP | MEMBER | TEAM),
  TABLE (answer, MEMBER | TEAM),
  TABLE (focus_group, MEMBER | TEAM),
  TABLE (note, MEMBER | TEAM),
  TABLE (evaluation, MEMBER | TEAM),
  TABLE (moderation, MEMBER | TEAM),
  TABLE (concern, MEMBER | TEAM),
};

G_STATIC_ASSERT (G_N_ELEMENTS (concern_columns) <= SC_ROWS_MAX_COLUMNS);
G_STATIC_ASSERT (G_N_ELEMENTS (inspection_columns) <= SC_ROWS_MAX_COLUMNS);

const ScRowTable *
sc_rows_tables (guint *n_tables)
{
  *n_tables = G_N_ELEMENTS (tables);
  return tables;
}

const ScRowTable *
sc_rows_find_table (const char *name)
{
  for (guint i = 0; i < G_N_ELEMENTS (tables); i++)
    if (strcmp (tables[i].name, name) == 0)
      return &tables[i];
  return NULL;
}

gboolean
sc_rows_table_in_kind (const ScRowTable *table,
                       ScBundleKind      kind)
{
  return (table->kinds & (1u << kind)) != 0;
}

int
sc_rows_column_index (const ScRowTable *table,
                      const char       *name)
{
  for (guint i = 0; i < table->n_columns; i++)
    if (strcmp (table->columns[i].name, name) == 0)
      return (int) i;
  return -1;
}

ScRow *
sc_row_new (void)
{
  ScRow *row = g_new0 (ScRow, 1);

  row->id = g_string_new (NULL);
  row->origin = g_string_new (NULL);
  row->base_origin = g_string_new (NULL);
  for (guint i = 0; i < SC_ROWS_MAX_COLUMNS; i++)
    row->values[i].data = g_string_new (NULL);
  return row;
}

void
sc_row_free (ScRow *row)
{
  if (row == NULL)
    return;
  g_string_free (row->id, TRUE);
  g_string_free (row->origin, TRUE);
  g_string_free (row->base_origin, TRUE);
  for (guint i = 0; i < SC_ROWS_MAX_COLUMNS; i++)
    g_string_free (row->values[i].data, TRUE);
  g_free (row);
}

/* Keeps the buffers: one row is reused for every row of a bundle. */
void
sc_row_reset (ScRow            *row,
              const ScRowTable *table)
{
  row->table = table;
  g_string_truncate (row->id, 0);
  g_string_truncate (row->origin, 0);
  g_string_truncate (row->base_origin, 0);
  row->rev = 0;
  row->base_rev = 0;
  row->has_base = FALSE;
  row->deleted = FALSE;
  for (guint i = 0; i < SC_ROWS_MAX_COLUMNS; i++)
    {
      ScRowValue *value = &row->values[i];

      g_string_truncate (value->data, 0);
      value->is_null = FALSE;
      value->present = FALSE;
      value->integer = 0;
      value->real = 0;
    }
}

char *
sc_rows_select_sql (const ScRowTable *table,
                    const char       *where)
{
  g_autoptr (GString) sql = g_string_new ("SELECT id, rev, origin, deleted, base_rev, base_origin");

  for (guint i = 0; i < table->n_columns; i++)
    g_string_append_printf (sql, ", %s", table->columns[i].name);
  g_string_append_printf (sql, " FROM %s WHERE %s", table->name, where);
  return g_string_free (g_steal_pointer (&sql), FALSE);
}

static void
copy_column (GString      *into,
             sqlite3_stmt *stmt,
             int           column,
             gboolean      blob)
{
  const void *data = blob ? sqlite3_column_blob (stmt, column)
                          : (const void *) sqlite3_column_text (stmt, column);
  int len = sqlite3_column_bytes (stmt, column);

  g_string_truncate (into, 0);
  if (data != NULL)
    g_string_append_len (into, data, len);
}

void
sc_row_value_bind (sqlite3_stmt      *stmt,
                   int                index,
                   const ScRowColumn *column,
                   const ScRowValue  *value)
{
  if (value->is_null)
    sqlite3_bind_null (stmt, index);
  else if (column->type == SC_COLUMN_INTEGER)
    sqlite3_bind_int64 (stmt, index, value->integer);
  else if (column->type == SC_COLUMN_REAL)
    sqlite3_bind_double (stmt, index, value->real);
  else if (column->type == SC_COLUMN_BLOB)
    sqlite3_bind_blob (stmt, index, value->data->str, (int) value->data->len, SQLITE_STATIC);
  else
    sqlite3_bind_text (stmt, index, value->data->str, (int) value->data->len, SQLITE_STATIC);
}

void
sc_row_read_stmt (ScRow            *row,
                  const ScRowTable *table,
                  sqlite3_stmt     *stmt)
{
  sc_row_reset (row, table);
  copy_column (row->id, stmt, 0, FALSE);
  row->rev = sqlite3_column_int64 (stmt, 1);
  copy_column (row->origin, stmt, 2, FALSE);
  row->deleted = sqlite3_column_int (stmt, 3) != 0;
  row->has_base = sqlite3_column_type (stmt, 4) != SQLITE_NULL &&
                  sqlite3_column_type (stmt, 5) != SQLITE_NULL;
  if (row->has_base)
    {
      row->base_rev = sqlite3_column_int64 (stmt, 4);
      copy_column (row->base_origin, stmt, 5, FALSE);
    }
  for (guint i = 0; i < table->n_columns; i++)
    {
      ScRowValue *value = &row->values[i];
      int column = 6 + (int) i;

      value->present = TRUE;
      value->is_null = sqlite3_column_type (stmt, column) == SQLITE_NULL;
      if (value->is_null)
        continue;
      switch (table->columns[i].type)
        {
        case SC_COLUMN_INTEGER:
          value->integer = sqlite3_column_int64 (stmt, column);
          break;
        case SC_COLUMN_REAL:
          value->real = sqlite3_column_double (stmt, column);
          break;
        case SC_COLUMN_TEXT:
        case SC_COLUMN_BLOB:
          copy_column (value->data, stmt, column, table->columns[i].type == SC_COLUMN_BLOB);
          break;
        }
    }
}
