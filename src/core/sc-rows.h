/* sc-rows.h: rows of the data model as XML, and merging them into a store
 *
 * Copyright 2026 The Scrutineer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The rows document inside a bundle:
 *
 *   <rows xmlns="urn:scrutineer:rows:1">
 *     <row table="answer" id="…" rev="12" origin="…" deleted="0"
 *          base-rev="9" base-origin="…">
 *       <col name="value">3</col>
 *       <col name="submitted" null="1"/>
 *       <col name="xml" encoding="base64">PD94bW…</col>
 *     </row>
 *   </rows>
 *
 * Every column of the table is given, each once; NULL is null="1", the empty
 * string an empty element. Blobs, and texts that XML cannot carry as they are
 * (control characters, carriage returns, invalid UTF-8), are base64 with
 * encoding="base64". base-rev and base-origin, when present, name the
 * version of the row the sender last took from a bundle: see sc-rows-merge.c
 * for how they tell a conflict from a fast-forward. Only the tables and
 * columns listed in sc-rows.c are read or written; meta, local_key, audit,
 * conflict and bundle_import never leave a store.
 */
#pragma once

#include <glib.h>
#include <libxml/xmlwriter.h>

#include "sc-bundle.h"
#include "sc-safe-xml.h"
#include "sc-store-private.h"

G_BEGIN_DECLS

#define SC_ROWS_NS "urn:scrutineer:rows:1"
#define SC_ROWS_MAX_COLUMNS 12
/* Revisions are Lamport counters; a larger one in a bundle is refused so a
 * hostile sender cannot push a store's clock to overflow. */
#define SC_ROWS_MAX_REV (G_GINT64_CONSTANT (1) << 53)

typedef enum
{
  SC_COLUMN_TEXT,
  SC_COLUMN_INTEGER,
  SC_COLUMN_REAL,
  SC_COLUMN_BLOB,
} ScColumnType;

typedef struct
{
  const char *name;
  ScColumnType type;
} ScRowColumn;

typedef struct
{
  const char *name;
  const ScRowColumn *columns;
  guint n_columns;
  guint kinds; /* 1 << ScBundleKind for each kind of bundle that carries it */
} ScRowTable;

typedef struct
{
  GString *data; /* the text, or the decoded bytes */
  gboolean is_null;
  gboolean present;
  gint64 integer;
  double real;
} ScRowValue;

typedef struct
{
  const ScRowTable *table;
  GString *id;
  GString *origin;
  GString *base_origin;
  gint64 rev;
  gint64 base_rev;
  gboolean has_base;
  gboolean deleted;
  ScRowValue values[SC_ROWS_MAX_COLUMNS];
} ScRow;

/* The synced tables, in the order rows are written and applied: parents
 * before the rows that refer to them. */
const ScRowTable *sc_rows_tables (guint *n_tables);
const ScRowTable *sc_rows_find_table (const char *name);
gboolean          sc_rows_table_in_kind (const ScRowTable *table,
                                         ScBundleKind      kind);
int               sc_rows_column_index (const ScRowTable *table,
                                        const char       *name);

ScRow *sc_row_new (void);
void   sc_row_free (ScRow *row);
void   sc_row_reset (ScRow *row,
                     const ScRowTable *table);

/* "SELECT id, rev, origin, deleted, base_rev, base_origin, <columns> FROM
 * <table> WHERE <where>" */
char *sc_rows_select_sql (const ScRowTable *table,
                          const char       *where);
/* Fills ROW from the current row of a statement made by sc_rows_select_sql(). */
void  sc_row_read_stmt (ScRow            *row,
                        const ScRowTable *table,
                        sqlite3_stmt     *stmt);
/* Binds VALUE of COLUMN as parameter INDEX (the value must outlive the step). */
void  sc_row_value_bind (sqlite3_stmt      *stmt,
                         int                index,
                         const ScRowColumn *column,
                         const ScRowValue  *value);

/* Writing (sc-rows-writer.c); FALSE when libxml2's writer fails. */
gboolean sc_rows_write_start (xmlTextWriterPtr writer);
gboolean sc_rows_write_row (xmlTextWriterPtr writer,
                            const ScRow     *row);
gboolean sc_rows_write_end (xmlTextWriterPtr writer);
/* One row as a standalone document, as kept in the conflict table. */
char    *sc_row_to_xml (const ScRow *row);

/* Reading (sc-rows-reader.c), in bounded memory. */
typedef struct _ScRowsReader ScRowsReader;

ScRowsReader *sc_rows_reader_new (ScSafeXmlReadFunc read,
                                  gpointer          user_data);
void          sc_rows_reader_free (ScRowsReader *self);
/* 1 and ROW (borrowed, valid until the next call), 0 at the end, -1 with
 * ERROR: SC_BUNDLE_ERROR_ROWS (malformed, hostile), _INVALID (unknown table
 * or column, ill-formed id or value), or the read function's own error. */
int           sc_rows_reader_next (ScRowsReader *self,
                                   const ScRow **row,
                                   GError      **error);

/* Merging (sc-rows-merge.c), inside the caller's transaction. */
typedef struct _ScRowsMerge ScRowsMerge;

/* SENDER is the bundle's signer: a member bundle may only carry its rows. */
ScRowsMerge *sc_rows_merge_new (ScStore      *store,
                                ScBundleKind  kind,
                                const char   *sender);
void         sc_rows_merge_free (ScRowsMerge *self);
gboolean     sc_rows_merge_apply (ScRowsMerge *self,
                                  const ScRow *row,
                                  GError     **error);
void         sc_rows_merge_get_counts (ScRowsMerge *self,
                                       guint       *n_new,
                                       guint       *n_updated,
                                       guint       *n_conflicts);
gint64       sc_rows_merge_get_max_rev (ScRowsMerge *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (ScRow, sc_row_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (ScRowsReader, sc_rows_reader_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (ScRowsMerge, sc_rows_merge_free)

G_END_DECLS
