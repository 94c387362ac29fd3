/* sc-central-sqlite.c: the central store in an SQLCipher file
 *
 * Copyright 2026 The Scrutineer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Opened as src/core/sc-store.c opens the local store: SQLCipher linked
 * statically with its symbols hidden, the raw key given as PRAGMA key =
 * "x'…'", and PRAGMA cipher_version checked on every open so a build that
 * picked up the system libsqlite3 refuses to write in clear. The key is 32
 * random bytes kept as 64 hex digits in a key file (0600). One connection,
 * used by one thread at a time: SQLite writes one transaction at a time
 * anyway.
 */
#include "sc-central-db.h"

#define SQLITE_HAS_CODEC 1
#include <sqlcipher/sqlite3.h>

#include <errno.h>
#include <fcntl.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <sodium.h>
#include <string.h>
#include <unistd.h>

typedef struct
{
  ScCentralDb parent;
  sqlite3 *db;
  GMutex lock;
  char *path;
} ScCentralSqlite;

static const char migration_1[] =
  "CREATE TABLE identity (one INTEGER PRIMARY KEY CHECK (one = 1), device TEXT NOT NULL,"
  "  name TEXT NOT NULL, sign_key BLOB NOT NULL, box_key BLOB NOT NULL,"
  "  sign_secret BLOB NOT NULL, box_secret BLOB NOT NULL, created TEXT NOT NULL);"
  "CREATE TABLE devices (id TEXT PRIMARY KEY NOT NULL, name TEXT NOT NULL, role TEXT NOT NULL,"
  "  sign_key BLOB NOT NULL, box_key BLOB NOT NULL, revoked INTEGER NOT NULL DEFAULT 0,"
  "  enrolled TEXT NOT NULL);"
  "CREATE TABLE bundles (seq INTEGER PRIMARY KEY AUTOINCREMENT, id TEXT NOT NULL UNIQUE,"
  "  kind TEXT NOT NULL, sender TEXT NOT NULL REFERENCES devices (id),"
  "  inspection TEXT NOT NULL, created TEXT NOT NULL, received TEXT NOT NULL,"
  "  size INTEGER NOT NULL, sha256 TEXT NOT NULL, n_chunks INTEGER NOT NULL);"
  "CREATE INDEX bundles_inspection ON bundles (inspection);"
  "CREATE TABLE bundle_chunks (bundle TEXT NOT NULL REFERENCES bundles (id),"
  "  idx INTEGER NOT NULL, bytes BLOB NOT NULL, PRIMARY KEY (bundle, idx));"
  "CREATE TABLE bundle_recipients (bundle TEXT NOT NULL REFERENCES bundles (id),"
  "  device TEXT NOT NULL, PRIMARY KEY (bundle, device));"
  "CREATE INDEX bundle_recipients_device ON bundle_recipients (device);"
  "CREATE TABLE nonces (device TEXT NOT NULL, nonce TEXT NOT NULL, seen_at INTEGER NOT NULL,"
  "  PRIMARY KEY (device, nonce));"
  "CREATE INDEX nonces_seen_at ON nonces (seen_at);";

/* Reporting across inspections, from the team bundles sealed to us. */
static const char migration_2[] =
  "CREATE TABLE report_frameworks (sha256 TEXT PRIMARY KEY NOT NULL,"
  "  framework_id TEXT NOT NULL, version TEXT NOT NULL, title TEXT NOT NULL,"
  "  xml BLOB NOT NULL);"
  "CREATE TABLE report_inspections (inspection TEXT PRIMARY KEY NOT NULL,"
  "  framework TEXT NOT NULL REFERENCES report_frameworks (sha256),"
  "  bundle TEXT NOT NULL REFERENCES bundles (id), bundle_created TEXT NOT NULL, lead TEXT);"
  "CREATE TABLE report_evaluations ("
  "  inspection TEXT NOT NULL REFERENCES report_inspections (inspection),"
  "  indicator TEXT NOT NULL, author TEXT NOT NULL, level INTEGER NOT NULL,"
  "  PRIMARY KEY (inspection, indicator, author));";

static const char * const migrations[] = {
  NULL, /* version 0: an empty database */
  migration_1,
  migration_2,
};

#define SCHEMA_VERSION ((int) G_N_ELEMENTS (migrations) - 1)

static gboolean
fail (ScCentralSqlite *self,
      int              rc,
      GError         **error)
{
  const char *detail = self->db != NULL ? sqlite3_errmsg (self->db) : sqlite3_errstr (rc);

  switch (rc & 0xff)
    {
    case SQLITE_NOTADB:
      g_set_error (error, SC_CENTRAL_ERROR, SC_CENTRAL_ERROR_KEY,
                   _("The key file does not open the database %s, or the database is damaged. "
                     "Give the key file it was created with (--key-file)."),
                   self->path);
      break;
    case SQLITE_FULL:
      g_set_error (error, SC_CENTRAL_ERROR, SC_CENTRAL_ERROR_DATABASE,
                   _("The disk holding %s is full; free some space. Nothing was half-written."),
                   self->path);
      break;
    default:
      g_set_error (error, SC_CENTRAL_ERROR, SC_CENTRAL_ERROR_DATABASE,
                   _("The database %s failed: %s"), self->path, detail);
      break;
    }
  return FALSE;
}

static gboolean
exec (ScCentralSqlite *self,
      const char      *sql,
      GError         **error)
{
  int rc = sqlite3_exec (self->db, sql, NULL, NULL, NULL);

  return rc == SQLITE_OK ? TRUE : fail (self, rc, error);
}

static sqlite3_stmt *
prepare (ScCentralSqlite *self,
         const char      *sql,
         GError         **error)
{
  sqlite3_stmt *stmt = NULL;
  int rc = sqlite3_prepare_v2 (self->db, sql, -1, &stmt, NULL);

  if (rc != SQLITE_OK)
    {
      fail (self, rc, error);
      return NULL;
    }
  return stmt;
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (sqlite3_stmt, sqlite3_finalize)

/* Steps a statement that returns no rows. */
static gboolean
step_done (ScCentralSqlite *self,
           sqlite3_stmt    *stmt,
           GError         **error)
{
  int rc = sqlite3_step (stmt);

  if (rc != SQLITE_DONE && rc != SQLITE_ROW)
    return fail (self, rc, error);
  return TRUE;
}

static void
bind_text (sqlite3_stmt *stmt,
           int           index,
           const char   *text)
{
  if (text == NULL)
    sqlite3_bind_null (stmt, index);
  else
    sqlite3_bind_text (stmt, index, text, -1, SQLITE_TRANSIENT);
}

static char *
column_dup (sqlite3_stmt *stmt,
            int           column)
{
  const unsigned char *text = sqlite3_column_text (stmt, column);

  return text != NULL ? g_strdup ((const char *) text) : NULL;
}

static void
column_key (sqlite3_stmt *stmt,
            int           column,
            guint8       *key,
            gsize         len)
{
  const void *blob = sqlite3_column_blob (stmt, column);

  memset (key, 0, len);
  if (blob != NULL && (gsize) sqlite3_column_bytes (stmt, column) == len)
    memcpy (key, blob, len);
}

static void
rollback (ScCentralSqlite *self)
{
  if (!sqlite3_get_autocommit (self->db))
    sqlite3_exec (self->db, "ROLLBACK", NULL, NULL, NULL);
}

/* The key file */

static gboolean
key_error (GError    **error,
           const char *path,
           const char *problem)
{
  g_set_error (error, SC_CENTRAL_ERROR, SC_CENTRAL_ERROR_KEY,
               _("The key file %s %s. It must hold the 64 hex digits of the database key."),
               path, problem);
  return FALSE;
}

/* Writes 32 random bytes as hex to a new file readable by its owner only. */
static gboolean
create_key_file (const char *path,
                 GError    **error)
{
  g_autoptr (ScSecret) key = sc_secret_new (SC_CENTRAL_KEY_BYTES);
  g_autoptr (ScSecret) hex = sc_secret_new (SC_CENTRAL_KEY_BYTES * 2 + 1);
  int fd = open (path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
  gsize len = SC_CENTRAL_KEY_BYTES * 2;
  gboolean ok;

  if (fd < 0)
    {
      int saved = errno;

      g_set_error (error, SC_CENTRAL_ERROR, SC_CENTRAL_ERROR_KEY,
                   _("Cannot create the key file %s: %s"), path, g_strerror (saved));
      return FALSE;
    }
  randombytes_buf (key->data, key->len);
  sodium_bin2hex ((char *) hex->data, hex->len + 1, key->data, key->len);
  hex->data[len] = '\n';
  ok = write (fd, hex->data, len + 1) == (gssize) (len + 1) && fsync (fd) == 0;
  if (close (fd) != 0 || !ok)
    {
      g_unlink (path);
      g_set_error (error, SC_CENTRAL_ERROR, SC_CENTRAL_ERROR_KEY,
                   _("Cannot write the key file %s; check the disk"), path);
      return FALSE;
    }
  return TRUE;
}

static ScSecret *
read_key_file (const char *path,
               GError    **error)
{
  g_autoptr (ScSecret) text = sc_secret_new (256);
  g_autoptr (ScSecret) key = sc_secret_new (SC_CENTRAL_KEY_BYTES);
  int fd = open (path, O_RDONLY | O_CLOEXEC);
  gssize n;
  gsize len = 0;
  const char *end = NULL;

  if (fd < 0)
    {
      int saved = errno;

      g_set_error (error, SC_CENTRAL_ERROR, SC_CENTRAL_ERROR_KEY,
                   _("Cannot read the key file %s: %s"), path, g_strerror (saved));
      return NULL;
    }
  n = read (fd, text->data, text->len);
  close (fd);
  if (n < 0)
    {
      key_error (error, path, _("cannot be read"));
      return NULL;
    }
  while (n > 0 && g_ascii_isspace (text->data[n - 1]))
    n--;
  if (sodium_hex2bin (key->data, key->len, (const char *) text->data, (gsize) n, NULL, &len,
                      &end) != 0 ||
      len != SC_CENTRAL_KEY_BYTES || end != (const char *) text->data + n)
    {
      key_error (error, path, _("is not a database key"));
      return NULL;
    }
  return g_steal_pointer (&key);
}

/* Opening */

static gboolean
apply_key (ScCentralSqlite *self,
           const ScSecret  *key,
           GError         **error)
{
  static const char prefix[] = "PRAGMA key = \"x'";
  static const char suffix[] = "'\"";
  gsize hex_len = key->len * 2;
  g_autoptr (ScSecret) sql = sc_secret_new (sizeof prefix - 1 + hex_len + sizeof suffix - 1);
  char *p = (char *) sql->data;

  memcpy (p, prefix, sizeof prefix - 1);
  sodium_bin2hex (p + sizeof prefix - 1, hex_len + 1, key->data, key->len);
  memcpy (p + sizeof prefix - 1 + hex_len, suffix, sizeof suffix - 1);
  return exec (self, p, error) && exec (self, "PRAGMA cipher_page_size = 4096", error);
}

static gboolean
check_codec (ScCentralSqlite *self,
             GError         **error)
{
  g_autoptr (sqlite3_stmt) stmt = prepare (self, "PRAGMA cipher_version", NULL);

  if (stmt == NULL || sqlite3_step (stmt) != SQLITE_ROW)
    {
      g_set_error (error, SC_CENTRAL_ERROR, SC_CENTRAL_ERROR_NOT_ENCRYPTED,
                   _("This build of scrutineer-central cannot encrypt its database, so it "
                     "refuses to open it. Reinstall Scrutineer."));
      return FALSE;
    }
  return TRUE;
}

static int
current_version (ScCentralSqlite *self)
{
  g_autoptr (sqlite3_stmt) stmt = prepare (self, "PRAGMA user_version", NULL);

  if (stmt == NULL || sqlite3_step (stmt) != SQLITE_ROW)
    return -1;
  return sqlite3_column_int (stmt, 0);
}

static gboolean
migrate (ScCentralSqlite *self,
         GError         **error)
{
  int version;

  if (!exec (self, "BEGIN IMMEDIATE", error))
    return FALSE;
  version = current_version (self);
  if (version > SCHEMA_VERSION)
    {
      rollback (self);
      g_set_error (error, SC_CENTRAL_ERROR, SC_CENTRAL_ERROR_TOO_NEW,
                   _("The database %s was made by a newer scrutineer-central (schema %d; this "
                     "one knows up to %d). Update this program."),
                   self->path, version, SCHEMA_VERSION);
      return FALSE;
    }
  /* All steps in one transaction with the version bump: a crash leaves the
   * database as it was. */
  for (int next = MAX (version, 0) + 1; next <= SCHEMA_VERSION; next++)
    {
      g_autofree char *bump = g_strdup_printf ("PRAGMA user_version = %d", next);

      if (!exec (self, migrations[next], error) || !exec (self, bump, error))
        {
          rollback (self);
          return FALSE;
        }
    }
  if (!exec (self, "COMMIT", error))
    {
      rollback (self);
      return FALSE;
    }
  return TRUE;
}

static void
sqlite_close (ScCentralDb *db)
{
  ScCentralSqlite *self = (ScCentralSqlite *) db;

  if (self->db != NULL)
    sqlite3_close_v2 (self->db);
  g_mutex_clear (&self->lock);
  g_free (self->path);
  g_free (self->parent.url);
  g_free (self);
}

static const ScCentralDbClass sqlite_class;

static gboolean
open_database (ScCentralSqlite *self,
               const char      *key_file,
               GError         **error)
{
  gboolean exists = g_file_test (self->path, G_FILE_TEST_EXISTS);
  g_autoptr (ScSecret) key = NULL;
  int rc;

  if (!exists && !g_file_test (key_file, G_FILE_TEST_EXISTS) &&
      !create_key_file (key_file, error))
    return FALSE;
  if (exists && !g_file_test (key_file, G_FILE_TEST_EXISTS))
    return key_error (error, key_file,
                      _("is missing, so the database cannot be read; give it with --key-file"));
  key = read_key_file (key_file, error);
  if (key == NULL)
    return FALSE;
  if (!exists)
    {
      /* SQLite would create it world-readable; the -wal and -shm files copy
       * the database's mode. */
      int fd = open (self->path, O_RDWR | O_CREAT | O_CLOEXEC, 0600);

      if (fd < 0)
        {
          int saved = errno;

          g_set_error (error, SC_CENTRAL_ERROR, SC_CENTRAL_ERROR_DATABASE,
                       _("Cannot create the database %s: %s"), self->path, g_strerror (saved));
          return FALSE;
        }
      close (fd);
    }
  rc = sqlite3_open_v2 (self->path, &self->db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX, NULL);
  if (rc != SQLITE_OK)
    return fail (self, rc, error);
  sqlite3_extended_result_codes (self->db, 1);
  sqlite3_busy_timeout (self->db, 10000);
  if (!check_codec (self, error) || !apply_key (self, key, error))
    return FALSE;
  /* The first read tells a wrong key (SQLITE_NOTADB). */
  return exec (self, "SELECT count(*) FROM sqlite_master", error) &&
         exec (self,
               "PRAGMA journal_mode = WAL;"
               "PRAGMA synchronous = FULL;"
               "PRAGMA foreign_keys = ON;"
               "PRAGMA temp_store = MEMORY;"
               "PRAGMA secure_delete = ON;"
               "PRAGMA cache_size = -32768;",
               error) &&
         migrate (self, error);
}

ScCentralDb *
sc_central_sqlite_open (const char *path,
                        const char *key_file,
                        GError    **error)
{
  ScCentralSqlite *self = g_new0 (ScCentralSqlite, 1);
  g_autofree char *default_key = NULL;

  self->parent.klass = &sqlite_class;
  self->parent.url = g_strconcat ("sqlite:", path, NULL);
  self->path = g_strdup (path);
  g_mutex_init (&self->lock);
  if (*path == '\0')
    {
      g_set_error (error, SC_CENTRAL_ERROR, SC_CENTRAL_ERROR_URL,
                   _("The database URL sqlite: needs a file name, as in sqlite:/var/lib/"
                     "scrutineer/central.db"));
      sqlite_close (&self->parent);
      return NULL;
    }
  if (key_file == NULL)
    key_file = default_key = sc_central_db_default_key_file (path);
  if (!open_database (self, key_file, error))
    {
      sqlite_close (&self->parent);
      return NULL;
    }
  return &self->parent;
}

/* Operations; each takes the lock for its whole length. */

#define LOCKED(self) \
  g_autoptr (GMutexLocker) locker G_GNUC_UNUSED = g_mutex_locker_new (&(self)->lock)

static int
sqlite_schema_version (ScCentralDb *db)
{
  ScCentralSqlite *self = (ScCentralSqlite *) db;
  LOCKED (self);

  return current_version (self);
}

static ScSecret *
column_secret (sqlite3_stmt *stmt,
               int           column)
{
  ScSecret *secret = sc_secret_new ((gsize) sqlite3_column_bytes (stmt, column));

  if (secret->len > 0)
    memcpy (secret->data, sqlite3_column_blob (stmt, column), secret->len);
  return secret;
}

static gboolean
sqlite_load_identity (ScCentralDb        *db,
                      ScCentralIdentity **out,
                      GError            **error)
{
  ScCentralSqlite *self = (ScCentralSqlite *) db;
  LOCKED (self);
  g_autoptr (sqlite3_stmt) stmt = prepare (
    self, "SELECT device, name, sign_key, box_key, sign_secret, box_secret FROM identity", error);
  ScCentralIdentity *identity;
  int rc;

  *out = NULL;
  if (stmt == NULL)
    return FALSE;
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_DONE)
    return TRUE;
  if (rc != SQLITE_ROW)
    return fail (self, rc, error);
  identity = g_new0 (ScCentralIdentity, 1);
  identity->id = column_dup (stmt, 0);
  identity->name = column_dup (stmt, 1);
  column_key (stmt, 2, identity->sign_key, sizeof identity->sign_key);
  column_key (stmt, 3, identity->box_key, sizeof identity->box_key);
  identity->sign_secret = column_secret (stmt, 4);
  identity->box_secret = column_secret (stmt, 5);
  *out = identity;
  return TRUE;
}

static gboolean
sqlite_save_identity (ScCentralDb             *db,
                      const ScCentralIdentity *identity,
                      GError                 **error)
{
  ScCentralSqlite *self = (ScCentralSqlite *) db;
  LOCKED (self);
  g_autofree char *now = sc_central_now_iso ();
  g_autoptr (sqlite3_stmt) stmt = prepare (
    self,
    "INSERT OR IGNORE INTO identity (one, device, name, sign_key, box_key, sign_secret,"
    " box_secret, created) VALUES (1, ?, ?, ?, ?, ?, ?, ?)",
    error);

  if (stmt == NULL)
    return FALSE;
  bind_text (stmt, 1, identity->id);
  bind_text (stmt, 2, identity->name);
  sqlite3_bind_blob (stmt, 3, identity->sign_key, sizeof identity->sign_key, SQLITE_TRANSIENT);
  sqlite3_bind_blob (stmt, 4, identity->box_key, sizeof identity->box_key, SQLITE_TRANSIENT);
  sqlite3_bind_blob (stmt, 5, identity->sign_secret->data, (int) identity->sign_secret->len,
                     SQLITE_TRANSIENT);
  sqlite3_bind_blob (stmt, 6, identity->box_secret->data, (int) identity->box_secret->len,
                     SQLITE_TRANSIENT);
  bind_text (stmt, 7, now);
  return step_done (self, stmt, error);
}

static gboolean
sqlite_get_device (ScCentralDb      *db,
                   const char       *id,
                   ScCentralDevice **out,
                   GError          **error)
{
  ScCentralSqlite *self = (ScCentralSqlite *) db;
  LOCKED (self);
  g_autoptr (sqlite3_stmt) stmt = prepare (
    self, "SELECT id, name, role, sign_key, box_key, revoked FROM devices WHERE id = lower(?)",
    error);
  ScCentralDevice *device;
  int rc;

  *out = NULL;
  if (stmt == NULL)
    return FALSE;
  bind_text (stmt, 1, id);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_DONE)
    return TRUE;
  if (rc != SQLITE_ROW)
    return fail (self, rc, error);
  device = sc_central_device_new ();
  device->id = column_dup (stmt, 0);
  device->name = column_dup (stmt, 1);
  device->role = column_dup (stmt, 2);
  column_key (stmt, 3, device->sign_key, sizeof device->sign_key);
  column_key (stmt, 4, device->box_key, sizeof device->box_key);
  device->revoked = sqlite3_column_int (stmt, 5) != 0;
  *out = device;
  return TRUE;
}

static gboolean
sqlite_put_device (ScCentralDb           *db,
                   const ScCentralDevice *device,
                   GError               **error)
{
  ScCentralSqlite *self = (ScCentralSqlite *) db;
  LOCKED (self);
  g_autofree char *now = sc_central_now_iso ();
  g_autofree char *id = g_ascii_strdown (device->id, -1);
  g_autoptr (sqlite3_stmt) update = NULL;
  g_autoptr (sqlite3_stmt) insert = NULL;

  if (!exec (self, "BEGIN IMMEDIATE", error))
    return FALSE;
  update = prepare (self, "UPDATE devices SET name = ?, role = ? WHERE id = ?", error);
  if (update == NULL)
    goto failed;
  bind_text (update, 1, device->name);
  bind_text (update, 2, device->role);
  bind_text (update, 3, id);
  if (!step_done (self, update, error))
    goto failed;
  if (sqlite3_changes (self->db) == 0)
    {
      insert = prepare (self,
                        "INSERT INTO devices (id, name, role, sign_key, box_key, enrolled)"
                        " VALUES (?, ?, ?, ?, ?, ?)",
                        error);
      if (insert == NULL)
        goto failed;
      bind_text (insert, 1, id);
      bind_text (insert, 2, device->name);
      bind_text (insert, 3, device->role);
      sqlite3_bind_blob (insert, 4, device->sign_key, sizeof device->sign_key, SQLITE_TRANSIENT);
      sqlite3_bind_blob (insert, 5, device->box_key, sizeof device->box_key, SQLITE_TRANSIENT);
      bind_text (insert, 6, now);
      if (!step_done (self, insert, error))
        goto failed;
    }
  if (exec (self, "COMMIT", error))
    return TRUE;
failed:
  rollback (self);
  return FALSE;
}

static gboolean
sqlite_revoke_device (ScCentralDb *db,
                      const char  *id,
                      gboolean    *found,
                      GError     **error)
{
  ScCentralSqlite *self = (ScCentralSqlite *) db;
  LOCKED (self);
  g_autoptr (sqlite3_stmt) stmt = prepare (self,
                                           "UPDATE devices SET revoked = 1 WHERE id = lower(?)",
                                           error);

  if (stmt == NULL)
    return FALSE;
  bind_text (stmt, 1, id);
  if (!step_done (self, stmt, error))
    return FALSE;
  *found = sqlite3_changes (self->db) > 0;
  return TRUE;
}

/* Inside the caller's transaction. */
static gboolean
insert_nonce (ScCentralSqlite      *self,
              const ScCentralNonce *nonce,
              gboolean             *fresh,
              GError              **error)
{
  g_autoptr (sqlite3_stmt) prune = prepare (self, "DELETE FROM nonces WHERE seen_at < ?", error);
  g_autoptr (sqlite3_stmt) insert = NULL;

  if (prune == NULL)
    return FALSE;
  sqlite3_bind_int64 (prune, 1, nonce->now - SC_CENTRAL_NONCE_TTL);
  if (!step_done (self, prune, error))
    return FALSE;
  insert = prepare (self, "INSERT OR IGNORE INTO nonces (device, nonce, seen_at) VALUES (?, ?, ?)",
                    error);
  if (insert == NULL)
    return FALSE;
  bind_text (insert, 1, nonce->device);
  bind_text (insert, 2, nonce->nonce);
  sqlite3_bind_int64 (insert, 3, nonce->now);
  if (!step_done (self, insert, error))
    return FALSE;
  *fresh = sqlite3_changes (self->db) > 0;
  return TRUE;
}

static gboolean
sqlite_remember_nonce (ScCentralDb *db,
                       const char  *device,
                       const char  *nonce,
                       gint64       now,
                       gboolean    *fresh,
                       GError     **error)
{
  ScCentralSqlite *self = (ScCentralSqlite *) db;
  LOCKED (self);
  ScCentralNonce n = { device, nonce, now };

  if (!exec (self, "BEGIN IMMEDIATE", error))
    return FALSE;
  if (insert_nonce (self, &n, fresh, error) && exec (self, "COMMIT", error))
    return TRUE;
  rollback (self);
  return FALSE;
}

static gboolean
read_exactly (int       fd,
              guint64   offset,
              guint8   *buffer,
              gsize     len,
              GError  **error)
{
  gsize done = 0;

  while (done < len)
    {
      gssize n = pread (fd, buffer + done, len - done, (off_t) (offset + done));

      if (n < 0 && errno == EINTR)
        continue;
      if (n <= 0)
        {
          g_set_error (error, SC_CENTRAL_ERROR, SC_CENTRAL_ERROR_FAILED,
                       _("The uploaded bundle could not be read back (%s)"),
                       n < 0 ? g_strerror (errno) : _("it is shorter than announced"));
          return FALSE;
        }
      done += (gsize) n;
    }
  return TRUE;
}

static gboolean
insert_bundle_row (ScCentralSqlite       *self,
                   const ScCentralBundle *bundle,
                   GError               **error)
{
  g_autofree char *now = sc_central_now_iso ();
  g_autoptr (sqlite3_stmt) stmt = prepare (
    self,
    "INSERT INTO bundles (id, kind, sender, inspection, created, received, size, sha256,"
    " n_chunks) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
    error);

  if (stmt == NULL)
    return FALSE;
  bind_text (stmt, 1, bundle->id);
  bind_text (stmt, 2, bundle->kind);
  bind_text (stmt, 3, bundle->sender);
  bind_text (stmt, 4, bundle->inspection);
  bind_text (stmt, 5, bundle->created);
  bind_text (stmt, 6, bundle->received != NULL ? bundle->received : now);
  sqlite3_bind_int64 (stmt, 7, (sqlite3_int64) bundle->size);
  bind_text (stmt, 8, bundle->sha256);
  sqlite3_bind_int (stmt, 9, (int) bundle->n_chunks);
  return step_done (self, stmt, error);
}

static gboolean
insert_recipients (ScCentralSqlite       *self,
                   const ScCentralBundle *bundle,
                   GError               **error)
{
  g_autoptr (sqlite3_stmt) stmt = prepare (
    self, "INSERT OR IGNORE INTO bundle_recipients (bundle, device) VALUES (?, lower(?))", error);

  if (stmt == NULL)
    return FALSE;
  for (guint i = 0; i < bundle->recipients->len; i++)
    {
      sqlite3_reset (stmt);
      bind_text (stmt, 1, bundle->id);
      bind_text (stmt, 2, g_ptr_array_index (bundle->recipients, i));
      if (!step_done (self, stmt, error))
        return FALSE;
    }
  return TRUE;
}

static gboolean
insert_chunks (ScCentralSqlite       *self,
               const ScCentralBundle *bundle,
               int                    fd,
               GError               **error)
{
  g_autoptr (sqlite3_stmt) stmt = prepare (
    self, "INSERT INTO bundle_chunks (bundle, idx, bytes) VALUES (?, ?, ?)", error);
  g_autofree guint8 *buffer = g_malloc (SC_CENTRAL_CHUNK);

  if (stmt == NULL)
    return FALSE;
  for (guint i = 0; i < bundle->n_chunks; i++)
    {
      guint64 offset = (guint64) i * SC_CENTRAL_CHUNK;
      gsize len = (gsize) MIN ((guint64) SC_CENTRAL_CHUNK, bundle->size - offset);

      if (!read_exactly (fd, offset, buffer, len, error))
        return FALSE;
      sqlite3_reset (stmt);
      bind_text (stmt, 1, bundle->id);
      sqlite3_bind_int (stmt, 2, (int) i);
      sqlite3_bind_blob (stmt, 3, buffer, (int) len, SQLITE_STATIC);
      if (!step_done (self, stmt, error))
        return FALSE;
    }
  return TRUE;
}

static gboolean
sqlite_put_bundle (ScCentralDb           *db,
                   const ScCentralBundle *bundle,
                   int                    fd,
                   const ScCentralNonce  *nonce,
                   gboolean              *fresh,
                   gboolean              *created,
                   char                 **existing_sha256,
                   GError               **error)
{
  ScCentralSqlite *self = (ScCentralSqlite *) db;
  LOCKED (self);
  g_autoptr (sqlite3_stmt) find = NULL;
  int rc;

  *created = FALSE;
  *fresh = TRUE;
  if (!exec (self, "BEGIN IMMEDIATE", error))
    return FALSE;
  if (nonce != NULL && !insert_nonce (self, nonce, fresh, error))
    goto failed;
  if (!*fresh)
    {
      rollback (self);
      return TRUE;
    }
  find = prepare (self, "SELECT sha256 FROM bundles WHERE id = ?", error);
  if (find == NULL)
    goto failed;
  bind_text (find, 1, bundle->id);
  rc = sqlite3_step (find);
  if (rc == SQLITE_ROW)
    {
      /* Stored before: keep only the nonce. */
      *existing_sha256 = column_dup (find, 0);
      if (exec (self, "COMMIT", error))
        return TRUE;
      goto failed;
    }
  if (rc != SQLITE_DONE)
    {
      fail (self, rc, error);
      goto failed;
    }
  if (!insert_bundle_row (self, bundle, error) || !insert_recipients (self, bundle, error) ||
      !insert_chunks (self, bundle, fd, error) || !exec (self, "COMMIT", error))
    goto failed;
  *created = TRUE;
  return TRUE;
failed:
  rollback (self);
  return FALSE;
}

static ScCentralBundle *
bundle_from_row (sqlite3_stmt *stmt)
{
  ScCentralBundle *bundle = sc_central_bundle_new ();

  bundle->id = column_dup (stmt, 0);
  bundle->kind = column_dup (stmt, 1);
  bundle->sender = column_dup (stmt, 2);
  bundle->inspection = column_dup (stmt, 3);
  bundle->created = column_dup (stmt, 4);
  bundle->received = column_dup (stmt, 5);
  bundle->size = (guint64) sqlite3_column_int64 (stmt, 6);
  bundle->sha256 = column_dup (stmt, 7);
  bundle->n_chunks = (guint) sqlite3_column_int (stmt, 8);
  return bundle;
}

#define BUNDLE_COLUMNS \
  "b.id, b.kind, b.sender, b.inspection, b.created, b.received, b.size, b.sha256, b.n_chunks"

static GPtrArray *
sqlite_list_bundles (ScCentralDb *db,
                     const char  *device,
                     const char  *after,
                     guint        limit,
                     GError     **error)
{
  ScCentralSqlite *self = (ScCentralSqlite *) db;
  LOCKED (self);
  /* Without a cursor every seq is > 0; an unknown cursor matches nothing. */
  g_autoptr (sqlite3_stmt) stmt = prepare (
    self,
    "SELECT " BUNDLE_COLUMNS " FROM bundles b JOIN bundle_recipients r ON r.bundle = b.id"
    " WHERE r.device = lower(?1) AND b.seq > CASE WHEN ?2 IS NULL THEN 0"
    " ELSE (SELECT seq FROM bundles WHERE id = lower(?2)) END ORDER BY b.seq LIMIT ?3",
    error);
  g_autoptr (GPtrArray) bundles = g_ptr_array_new_with_free_func (
    (GDestroyNotify) sc_central_bundle_free);
  int rc;

  if (stmt == NULL)
    return NULL;
  bind_text (stmt, 1, device);
  if (after != NULL)
    bind_text (stmt, 2, after);
  sqlite3_bind_int64 (stmt, 3, limit > 0 ? (sqlite3_int64) limit : -1);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_ptr_array_add (bundles, bundle_from_row (stmt));
  if (rc != SQLITE_DONE)
    {
      fail (self, rc, error);
      return NULL;
    }
  return g_steal_pointer (&bundles);
}

static gboolean
sqlite_get_bundle (ScCentralDb      *db,
                   const char       *id,
                   ScCentralBundle **out,
                   GError          **error)
{
  ScCentralSqlite *self = (ScCentralSqlite *) db;
  LOCKED (self);
  g_autoptr (sqlite3_stmt) stmt = prepare (
    self, "SELECT " BUNDLE_COLUMNS " FROM bundles b WHERE b.id = lower(?)", error);
  g_autoptr (sqlite3_stmt) recipients = NULL;
  g_autoptr (ScCentralBundle) bundle = NULL;
  int rc;

  *out = NULL;
  if (stmt == NULL)
    return FALSE;
  bind_text (stmt, 1, id);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_DONE)
    return TRUE;
  if (rc != SQLITE_ROW)
    return fail (self, rc, error);
  bundle = bundle_from_row (stmt);
  recipients = prepare (self,
                        "SELECT device FROM bundle_recipients WHERE bundle = ? ORDER BY device",
                        error);
  if (recipients == NULL)
    return FALSE;
  bind_text (recipients, 1, bundle->id);
  while ((rc = sqlite3_step (recipients)) == SQLITE_ROW)
    g_ptr_array_add (bundle->recipients, column_dup (recipients, 0));
  if (rc != SQLITE_DONE)
    return fail (self, rc, error);
  *out = g_steal_pointer (&bundle);
  return TRUE;
}

static GBytes *
sqlite_read_chunk (ScCentralDb *db,
                   const char  *id,
                   guint        index,
                   GError     **error)
{
  ScCentralSqlite *self = (ScCentralSqlite *) db;
  LOCKED (self);
  g_autoptr (sqlite3_stmt) stmt = prepare (
    self, "SELECT bytes FROM bundle_chunks WHERE bundle = lower(?) AND idx = ?", error);
  int rc;

  if (stmt == NULL)
    return NULL;
  bind_text (stmt, 1, id);
  sqlite3_bind_int (stmt, 2, (int) index);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    return g_bytes_new (sqlite3_column_blob (stmt, 0), (gsize) sqlite3_column_bytes (stmt, 0));
  if (rc == SQLITE_DONE)
    g_set_error (error, SC_CENTRAL_ERROR, SC_CENTRAL_ERROR_DATABASE,
                 _("Piece %u of the bundle %s is missing from the database"), index, id);
  else
    fail (self, rc, error);
  return NULL;
}

/* Reporting */

static gboolean
put_team_rows (ScCentralSqlite     *self,
               const ScCentralTeam *team,
               GError             **error)
{
  const ScCentralFramework *fw = team->framework;
  g_autoptr (sqlite3_stmt) framework = prepare (
    self,
    "INSERT OR IGNORE INTO report_frameworks (sha256, framework_id, version, title, xml)"
    " VALUES (?, ?, ?, ?, ?)",
    error);
  g_autoptr (sqlite3_stmt) clear = NULL;
  g_autoptr (sqlite3_stmt) inspection = NULL;
  g_autoptr (sqlite3_stmt) evaluation = NULL;
  gsize len = 0;
  const void *xml = g_bytes_get_data (fw->xml, &len);

  if (framework == NULL)
    return FALSE;
  bind_text (framework, 1, fw->sha256);
  bind_text (framework, 2, fw->framework_id);
  bind_text (framework, 3, fw->version);
  bind_text (framework, 4, fw->title);
  sqlite3_bind_blob (framework, 5, xml, (int) len, SQLITE_STATIC);
  if (!step_done (self, framework, error))
    return FALSE;
  clear = prepare (self, "DELETE FROM report_evaluations WHERE inspection = ?", error);
  if (clear == NULL)
    return FALSE;
  bind_text (clear, 1, team->inspection);
  if (!step_done (self, clear, error))
    return FALSE;
  inspection = prepare (self,
                        "INSERT OR REPLACE INTO report_inspections (inspection, framework, bundle,"
                        " bundle_created, lead) VALUES (?, ?, ?, ?, ?)",
                        error);
  if (inspection == NULL)
    return FALSE;
  bind_text (inspection, 1, team->inspection);
  bind_text (inspection, 2, fw->sha256);
  bind_text (inspection, 3, team->bundle);
  bind_text (inspection, 4, team->created);
  bind_text (inspection, 5, team->lead);
  if (!step_done (self, inspection, error))
    return FALSE;
  evaluation = prepare (self,
                        "INSERT OR REPLACE INTO report_evaluations (inspection, indicator, author,"
                        " level) VALUES (?, ?, ?, ?)",
                        error);
  if (evaluation == NULL)
    return FALSE;
  for (guint i = 0; i < team->evaluations->len; i++)
    {
      const ScCentralEvaluation *e = g_ptr_array_index (team->evaluations, i);

      sqlite3_reset (evaluation);
      bind_text (evaluation, 1, team->inspection);
      bind_text (evaluation, 2, e->indicator);
      bind_text (evaluation, 3, e->author);
      sqlite3_bind_int64 (evaluation, 4, e->level);
      if (!step_done (self, evaluation, error))
        return FALSE;
    }
  return TRUE;
}

static gboolean
sqlite_put_team (ScCentralDb         *db,
                 const ScCentralTeam *team,
                 gboolean            *applied,
                 GError             **error)
{
  ScCentralSqlite *self = (ScCentralSqlite *) db;
  LOCKED (self);
  g_autoptr (sqlite3_stmt) find = NULL;
  g_autofree char *kept = NULL;
  int rc;

  *applied = FALSE;
  if (!exec (self, "BEGIN IMMEDIATE", error))
    return FALSE;
  find = prepare (self, "SELECT bundle_created FROM report_inspections WHERE inspection = ?",
                  error);
  if (find == NULL)
    goto failed;
  bind_text (find, 1, team->inspection);
  rc = sqlite3_step (find);
  if (rc == SQLITE_ROW)
    kept = column_dup (find, 0);
  else if (rc != SQLITE_DONE)
    {
      fail (self, rc, error);
      goto failed;
    }
  if (kept != NULL && g_strcmp0 (kept, team->created) > 0)
    {
      rollback (self);
      return TRUE;
    }
  if (!put_team_rows (self, team, error) || !exec (self, "COMMIT", error))
    goto failed;
  *applied = TRUE;
  return TRUE;
failed:
  rollback (self);
  return FALSE;
}

static gboolean
sqlite_load_report (ScCentralDb *db,
                    GPtrArray  **frameworks,
                    GPtrArray  **rows,
                    GError     **error)
{
  ScCentralSqlite *self = (ScCentralSqlite *) db;
  LOCKED (self);
  g_autoptr (sqlite3_stmt) fw = prepare (
    self, "SELECT sha256, framework_id, version, title, xml FROM report_frameworks ORDER BY title",
    error);
  g_autoptr (sqlite3_stmt) ev = NULL;
  g_autoptr (GPtrArray) fws = g_ptr_array_new_with_free_func (
    (GDestroyNotify) sc_central_framework_free);
  g_autoptr (GPtrArray) evs = g_ptr_array_new_with_free_func (
    (GDestroyNotify) sc_central_report_row_free);
  int rc;

  if (fw == NULL)
    return FALSE;
  while ((rc = sqlite3_step (fw)) == SQLITE_ROW)
    {
      ScCentralFramework *f = g_new0 (ScCentralFramework, 1);

      f->sha256 = column_dup (fw, 0);
      f->framework_id = column_dup (fw, 1);
      f->version = column_dup (fw, 2);
      f->title = column_dup (fw, 3);
      f->xml = g_bytes_new (sqlite3_column_blob (fw, 4), (gsize) sqlite3_column_bytes (fw, 4));
      g_ptr_array_add (fws, f);
    }
  if (rc != SQLITE_DONE)
    return fail (self, rc, error);
  ev = prepare (self,
                "SELECT i.framework, e.inspection, i.lead, e.indicator, e.author, e.level,"
                " i.bundle_created FROM report_evaluations e JOIN report_inspections i"
                " ON i.inspection = e.inspection ORDER BY i.framework, e.inspection, e.indicator",
                error);
  if (ev == NULL)
    return FALSE;
  while ((rc = sqlite3_step (ev)) == SQLITE_ROW)
    {
      ScCentralReportRow *row = g_new0 (ScCentralReportRow, 1);

      row->framework = column_dup (ev, 0);
      row->inspection = column_dup (ev, 1);
      row->lead = column_dup (ev, 2);
      row->indicator = column_dup (ev, 3);
      row->author = column_dup (ev, 4);
      row->level = sqlite3_column_int64 (ev, 5);
      row->created = column_dup (ev, 6);
      g_ptr_array_add (evs, row);
    }
  if (rc != SQLITE_DONE)
    return fail (self, rc, error);
  *frameworks = g_steal_pointer (&fws);
  *rows = g_steal_pointer (&evs);
  return TRUE;
}

static GPtrArray *
sqlite_list_ids (ScCentralDb *db,
                 GError     **error)
{
  ScCentralSqlite *self = (ScCentralSqlite *) db;
  LOCKED (self);
  g_autoptr (sqlite3_stmt) stmt = prepare (self, "SELECT id FROM bundles ORDER BY seq", error);
  g_autoptr (GPtrArray) ids = g_ptr_array_new_with_free_func (g_free);
  int rc;

  if (stmt == NULL)
    return NULL;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_ptr_array_add (ids, column_dup (stmt, 0));
  if (rc != SQLITE_DONE)
    {
      fail (self, rc, error);
      return NULL;
    }
  return g_steal_pointer (&ids);
}

static gboolean
sqlite_counts (ScCentralDb     *db,
               ScCentralCounts *out,
               GError         **error)
{
  ScCentralSqlite *self = (ScCentralSqlite *) db;
  LOCKED (self);
  g_autoptr (sqlite3_stmt) stmt = prepare (
    self,
    "SELECT (SELECT count(DISTINCT inspection) FROM bundles), (SELECT count(*) FROM bundles),"
    " (SELECT count(*) FROM devices), (SELECT count(*) FROM bundle_recipients),"
    " (SELECT count(*) FROM bundle_chunks), (SELECT count(*) FROM nonces)",
    error);
  int rc;

  if (stmt == NULL)
    return FALSE;
  rc = sqlite3_step (stmt);
  if (rc != SQLITE_ROW)
    return fail (self, rc, error);
  out->inspections = sqlite3_column_int64 (stmt, 0);
  out->bundles = sqlite3_column_int64 (stmt, 1);
  out->devices = sqlite3_column_int64 (stmt, 2);
  out->recipients = sqlite3_column_int64 (stmt, 3);
  out->chunks = sqlite3_column_int64 (stmt, 4);
  out->nonces = sqlite3_column_int64 (stmt, 5);
  return TRUE;
}

static gboolean
sqlite_check (ScCentralDb *db,
              GError     **error)
{
  ScCentralSqlite *self = (ScCentralSqlite *) db;
  LOCKED (self);
  const char * const checks[] = { "PRAGMA integrity_check", "PRAGMA foreign_key_check" };

  for (guint i = 0; i < G_N_ELEMENTS (checks); i++)
    {
      g_autoptr (sqlite3_stmt) stmt = prepare (self, checks[i], error);
      int rc;

      if (stmt == NULL)
        return FALSE;
      rc = sqlite3_step (stmt);
      /* integrity_check answers "ok"; foreign_key_check answers nothing. */
      if (rc == SQLITE_DONE ||
          (rc == SQLITE_ROW && i == 0 &&
           g_strcmp0 ((const char *) sqlite3_column_text (stmt, 0), "ok") == 0))
        continue;
      if (rc != SQLITE_ROW)
        return fail (self, rc, error);
      g_set_error (error, SC_CENTRAL_ERROR, SC_CENTRAL_ERROR_DATABASE,
                   _("The database %s is damaged (%s); restore it from a backup"), self->path,
                   i == 0 ? (const char *) sqlite3_column_text (stmt, 0) : "foreign keys");
      return FALSE;
    }
  return TRUE;
}

static const ScCentralDbClass sqlite_class = {
  .name = "sqlite",
  .close = sqlite_close,
  .schema_version = sqlite_schema_version,
  .load_identity = sqlite_load_identity,
  .save_identity = sqlite_save_identity,
  .get_device = sqlite_get_device,
  .put_device = sqlite_put_device,
  .revoke_device = sqlite_revoke_device,
  .remember_nonce = sqlite_remember_nonce,
  .put_bundle = sqlite_put_bundle,
  .list_bundles = sqlite_list_bundles,
  .get_bundle = sqlite_get_bundle,
  .read_chunk = sqlite_read_chunk,
  .put_team = sqlite_put_team,
  .load_report = sqlite_load_report,
  .list_ids = sqlite_list_ids,
  .counts = sqlite_counts,
  .check = sqlite_check,
};
