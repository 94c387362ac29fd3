/* sc-store-schema.c: the store's tables, and how they grow
 *
 * Copyright 2026 The Scrutineer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Migrations are numbered; PRAGMA user_version records the last one applied.
 * Each runs in one transaction with its version bump, so a crash leaves the
 * store at the version before or after, never between. The SQL is limited to
 * what SQLite 3.15 (inside SQLCipher 3.4) runs: no UPSERT, RETURNING, window
 * functions or JSON1.
 *
 * Every synced table has id (a UUID), rev (a Lamport counter), origin (the
 * device that wrote this version) and deleted (a tombstone): merging keeps the
 * version with the higher (rev, origin).
 */
#include "sc-store-private.h"

#include <glib/gi18n-lib.h>

#define SYNCED \
  "id TEXT PRIMARY KEY NOT NULL, " \
  "rev INTEGER NOT NULL, " \
  "origin TEXT NOT NULL, " \
  "deleted INTEGER NOT NULL DEFAULT 0 CHECK (deleted IN (0, 1)), "

static const char migration_1[] =
  /* Facts about this store that never leave it. */
  "CREATE TABLE meta (key TEXT PRIMARY KEY NOT NULL, value TEXT NOT NULL);"
  "CREATE TABLE local_key (device TEXT PRIMARY KEY NOT NULL, sign_secret BLOB NOT NULL, "
  "  box_secret BLOB NOT NULL);"

  "CREATE TABLE device (" SYNCED
  "  name TEXT NOT NULL, sign_key BLOB NOT NULL, box_key BLOB NOT NULL, role TEXT NOT NULL,"
  "  revoked INTEGER NOT NULL DEFAULT 0);"

  "CREATE TABLE member (" SYNCED
  "  name TEXT NOT NULL, role TEXT NOT NULL CHECK (role IN ('lead', 'deputy', 'inspector',"
  "    'associate', 'volunteer', 'support')),"
  "  device TEXT REFERENCES device (id));"

  "CREATE TABLE framework (" SYNCED
  "  framework_id TEXT NOT NULL, version TEXT NOT NULL, title TEXT NOT NULL,"
  "  sha256 TEXT NOT NULL UNIQUE, xml BLOB NOT NULL);"

  "CREATE TABLE inspection (" SYNCED
  "  framework TEXT NOT NULL REFERENCES framework (id), title TEXT NOT NULL,"
  "  area TEXT NOT NULL DEFAULT '', start_date TEXT, end_date TEXT,"
  "  lead TEXT REFERENCES member (id),"
  "  status TEXT NOT NULL DEFAULT 'active' CHECK (status IN ('planned', 'active', 'closed')),"
  "  double_read_fraction REAL NOT NULL DEFAULT 0.2"
  "    CHECK (double_read_fraction >= 0 AND double_read_fraction <= 1),"
  "  allocation_seed INTEGER NOT NULL DEFAULT 0);"

  "CREATE TABLE team_member (" SYNCED
  "  inspection TEXT NOT NULL REFERENCES inspection (id),"
  "  member TEXT NOT NULL REFERENCES member (id), role TEXT NOT NULL,"
  "  UNIQUE (inspection, member));"

  "CREATE TABLE record (" SYNCED
  "  inspection TEXT NOT NULL REFERENCES inspection (id), ref TEXT NOT NULL,"
  "  cohorts TEXT NOT NULL DEFAULT '', age_band TEXT NOT NULL DEFAULT '',"
  "  legal_status TEXT NOT NULL DEFAULT '',"
  "  UNIQUE (inspection, ref));"

  "CREATE TABLE assignment (" SYNCED
  "  record TEXT NOT NULL REFERENCES record (id), reader TEXT NOT NULL REFERENCES member (id),"
  "  kind TEXT NOT NULL CHECK (kind IN ('primary', 'second')),"
  "  UNIQUE (record, reader));"
  "CREATE INDEX assignment_reader ON assignment (reader);"

  "CREATE TABLE reading (" SYNCED
  "  assignment TEXT NOT NULL UNIQUE REFERENCES assignment (id),"
  "  status TEXT NOT NULL DEFAULT 'draft' CHECK (status IN ('draft', 'submitted', 'reopened')),"
  "  created TEXT NOT NULL, updated TEXT NOT NULL, submitted TEXT);"

  "CREATE TABLE answer (" SYNCED
  "  reading TEXT NOT NULL REFERENCES reading (id), question TEXT NOT NULL,"
  "  value TEXT, evidence TEXT NOT NULL DEFAULT '', indicators TEXT NOT NULL DEFAULT '',"
  "  updated TEXT NOT NULL,"
  "  UNIQUE (reading, question));"

  "CREATE TABLE focus_group (" SYNCED
  "  inspection TEXT NOT NULL REFERENCES inspection (id), title TEXT NOT NULL DEFAULT '',"
  "  participants_kind TEXT NOT NULL, participants_count INTEGER NOT NULL DEFAULT 0"
  "    CHECK (participants_count >= 0),"
  "  held_on TEXT, place TEXT NOT NULL DEFAULT '', facilitator TEXT REFERENCES member (id));"
  "CREATE INDEX focus_group_inspection ON focus_group (inspection);"

  "CREATE TABLE note (" SYNCED
  "  focus_group TEXT NOT NULL REFERENCES focus_group (id),"
  "  author TEXT NOT NULL REFERENCES member (id), text TEXT NOT NULL,"
  "  indicators TEXT NOT NULL DEFAULT '',"
  "  kind TEXT NOT NULL DEFAULT 'observation'"
  "    CHECK (kind IN ('strength', 'improvement', 'quote', 'observation')),"
  "  created TEXT NOT NULL, updated TEXT NOT NULL);"
  "CREATE INDEX note_focus_group ON note (focus_group);"

  "CREATE TABLE evaluation (" SYNCED
  "  inspection TEXT NOT NULL REFERENCES inspection (id), indicator TEXT NOT NULL,"
  "  level INTEGER, rationale TEXT NOT NULL DEFAULT '',"
  "  author TEXT NOT NULL REFERENCES member (id), updated TEXT NOT NULL,"
  "  UNIQUE (inspection, indicator, author));"

  "CREATE TABLE moderation (" SYNCED
  "  record TEXT NOT NULL REFERENCES record (id), question TEXT NOT NULL,"
  "  value TEXT, rationale TEXT NOT NULL, moderator TEXT NOT NULL REFERENCES member (id),"
  "  updated TEXT NOT NULL,"
  "  UNIQUE (record, question));"

  "CREATE TABLE concern (" SYNCED
  "  inspection TEXT NOT NULL REFERENCES inspection (id),"
  "  record TEXT REFERENCES record (id), raised_by TEXT NOT NULL REFERENCES member (id),"
  "  summary TEXT NOT NULL,"
  "  status TEXT NOT NULL DEFAULT 'raised' CHECK (status IN ('raised', 'passed_on', 'closed')),"
  "  raised_at TEXT NOT NULL, passed_to TEXT NOT NULL DEFAULT '', passed_on_at TEXT,"
  "  outcome TEXT NOT NULL DEFAULT '', closed_at TEXT);"
  "CREATE INDEX concern_inspection ON concern (inspection);"

  /* Append-only: the triggers below refuse changes and deletions. */
  "CREATE TABLE audit ("
  "  seq INTEGER PRIMARY KEY AUTOINCREMENT, id TEXT NOT NULL UNIQUE, origin TEXT NOT NULL,"
  "  at TEXT NOT NULL, member TEXT, action TEXT NOT NULL, tbl TEXT NOT NULL,"
  "  row_id TEXT, detail TEXT NOT NULL DEFAULT '');"
  "CREATE TRIGGER audit_no_update BEFORE UPDATE ON audit"
  "  BEGIN SELECT RAISE (ABORT, 'the audit log cannot be changed'); END;"
  "CREATE TRIGGER audit_no_delete BEFORE DELETE ON audit"
  "  BEGIN SELECT RAISE (ABORT, 'the audit log cannot be changed'); END;"

  /* The losing side of a row changed on two devices, kept for the lead. */
  "CREATE TABLE conflict ("
  "  id TEXT PRIMARY KEY NOT NULL, tbl TEXT NOT NULL, row_id TEXT NOT NULL,"
  "  rev INTEGER NOT NULL, origin TEXT NOT NULL, data TEXT NOT NULL,"
  "  detected_at TEXT NOT NULL, resolved_at TEXT, resolved_by TEXT);";

/* Full-text search over focus-group notes, kept in step
 * by triggers; the index lives inside the encrypted database like the rest.
 * FTS4 over external content: before a row changes its old text is removed
 * from the index (the FTS reads it from the row, still there), after it the
 * new text is added. Empty texts are left out of the index. Answers are not
 * indexed: they are saved at every pause in typing, and an FTS insert would
 * more than double the cost of each save. */
#define FTS_TRIGGERS(table, column) \
  "CREATE TRIGGER " table "_fts_insert AFTER INSERT ON " table \
  "  WHEN new." column " <> '' BEGIN" \
  "  INSERT INTO " table "_fts (docid, " column ") VALUES (new.rowid, new." column "); END;" \
  "CREATE TRIGGER " table "_fts_delete BEFORE DELETE ON " table \
  "  WHEN old." column " <> '' BEGIN" \
  "  DELETE FROM " table "_fts WHERE docid = old.rowid; END;" \
  "CREATE TRIGGER " table "_fts_update_before BEFORE UPDATE OF " column " ON " table \
  "  WHEN old." column " <> '' BEGIN" \
  "  DELETE FROM " table "_fts WHERE docid = old.rowid; END;" \
  "CREATE TRIGGER " table "_fts_update_after AFTER UPDATE OF " column " ON " table \
  "  WHEN new." column " <> '' BEGIN" \
  "  INSERT INTO " table "_fts (docid, " column ") VALUES (new.rowid, new." column "); END;"

static const char migration_2[] =
  "CREATE VIRTUAL TABLE note_fts USING fts4 (content='note', text);"
  "INSERT INTO note_fts (note_fts) VALUES ('rebuild');"
  FTS_TRIGGERS ("note", "text");

/* Bundles (sc-bundle.h). Each synced row gets its base: the version of the
 * row this store last took from a bundle, which local edits leave alone, so
 * merging can tell a fast-forward from a conflict (sc-rows-merge.c). A
 * device is trusted only once enrolled here, never because a bundle named
 * it. Imported bundle ids are kept, so importing one twice changes nothing. */
#define BASE_COLUMNS(table) \
  "ALTER TABLE " table " ADD COLUMN base_rev INTEGER;" \
  "ALTER TABLE " table " ADD COLUMN base_origin TEXT;"

static const char migration_3[] =
  "ALTER TABLE device ADD COLUMN enrolled INTEGER NOT NULL DEFAULT 0;"
  BASE_COLUMNS ("device") BASE_COLUMNS ("member") BASE_COLUMNS ("framework")
  BASE_COLUMNS ("inspection") BASE_COLUMNS ("team_member") BASE_COLUMNS ("record")
  BASE_COLUMNS ("assignment") BASE_COLUMNS ("reading") BASE_COLUMNS ("answer")
  BASE_COLUMNS ("focus_group") BASE_COLUMNS ("note") BASE_COLUMNS ("evaluation")
  BASE_COLUMNS ("moderation") BASE_COLUMNS ("concern")
  "CREATE TABLE bundle_import ("
  "  id TEXT PRIMARY KEY NOT NULL, kind TEXT NOT NULL, sender TEXT NOT NULL,"
  "  inspection TEXT NOT NULL, created TEXT NOT NULL, imported_at TEXT NOT NULL,"
  "  hash TEXT NOT NULL);"
  "CREATE INDEX conflict_row ON conflict (tbl, row_id);";

static const char * const migrations[] = {
  NULL, /* version 0: an empty database */
  migration_1,
  migration_2,
  migration_3,
};

G_STATIC_ASSERT (G_N_ELEMENTS (migrations) == SC_STORE_SCHEMA_VERSION + 1);

static int
current_version (ScStore *self)
{
  sqlite3_stmt *stmt = sc_store_prepare (self, "PRAGMA user_version", NULL);
  int version = -1;

  if (stmt != NULL && sqlite3_step (stmt) == SQLITE_ROW)
    version = sqlite3_column_int (stmt, 0);
  if (stmt != NULL)
    sqlite3_reset (stmt);
  return version;
}

gboolean
sc_store_migrate (ScStore *self,
                  int      target,
                  GError **error)
{
  int version = current_version (self);

  if (version < 0)
    return sc_store_fail (self, sqlite3_errcode (self->db), error);
  if (version > SC_STORE_SCHEMA_VERSION)
    {
      g_set_error (error, SC_STORE_ERROR, SC_STORE_ERROR_TOO_NEW,
                   _("This store was made by a newer version of Scrutineer (data format %d; "
                     "this version reads up to %d). Update Scrutineer to open it; the store "
                     "was left as it is."),
                   version, SC_STORE_SCHEMA_VERSION);
      return FALSE;
    }

  for (int next = version + 1; next <= target; next++)
    {
      g_autofree char *bump = g_strdup_printf ("PRAGMA user_version = %d", next);

      if (!sc_store_begin (self, error))
        return FALSE;
      if (!sc_store_exec (self, migrations[next], error) || !sc_store_exec (self, bump, error) ||
          !sc_store_commit (self, error))
        {
          sc_store_rollback (self);
          g_prefix_error (error, _("Updating the store to data format %d failed: "), next);
          return FALSE;
        }
    }
  return TRUE;
}
