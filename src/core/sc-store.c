/* sc-store.c: opening, locking and checking the encrypted store
 *
 * Copyright 2026 The Scrutineer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "sc-store-private.h"
#include "sc-model.h"

#include <errno.h>
#include <fcntl.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <sodium.h>
#include <string.h>
#include <sys/file.h>
#include <unistd.h>

#define DB_NAME "store.db"
#define KEY_NAME "store.key"
#define LOCK_NAME "store.lock"

G_DEFINE_QUARK (sc-store-error-quark, sc_store_error)

char *
sc_store_default_dir (void)
{
  const char *env = g_getenv ("SCRUTINEER_STORE");

  if (env != NULL && *env != '\0')
    return g_strdup (env);
  return g_build_filename (g_get_user_data_dir (), "scrutineer", NULL);
}

static char *
path_in (const char *dir,
         const char *name)
{
  return g_build_filename (dir, name, NULL);
}

gboolean
sc_store_exists (const char *dir)
{
  g_autofree char *key = path_in (dir, KEY_NAME);
  g_autofree char *db = path_in (dir, DB_NAME);

  return g_file_test (key, G_FILE_TEST_EXISTS) || g_file_test (db, G_FILE_TEST_EXISTS);
}

/* Small helpers shared by the store's modules */

char *
sc_store_now (void)
{
  g_autoptr (GDateTime) now = g_date_time_new_now_utc ();

  return g_date_time_format (now, "%Y-%m-%dT%H:%M:%S.%fZ");
}

char *
sc_store_new_id (void)
{
  return g_uuid_string_random ();
}

void
sc_bind_text (sqlite3_stmt *stmt,
              int           index,
              const char   *text)
{
  if (text == NULL)
    sqlite3_bind_null (stmt, index);
  else
    sqlite3_bind_text (stmt, index, text, -1, SQLITE_TRANSIENT);
}

char *
sc_column_dup (sqlite3_stmt *stmt,
               int           column)
{
  const unsigned char *text = sqlite3_column_text (stmt, column);

  return text != NULL ? g_strdup ((const char *) text) : NULL;
}

gboolean
sc_store_fail (ScStore *self,
               int      rc,
               GError **error)
{
  const char *detail = self != NULL && self->db != NULL ? sqlite3_errmsg (self->db)
                                                        : sqlite3_errstr (rc);

  switch (rc & 0xff)
    {
    case SQLITE_FULL:
      g_set_error (error, SC_STORE_ERROR, SC_STORE_ERROR_DISK_FULL,
                   _("The disk is full, so the last change was not saved. Free some space and "
                     "try again; everything saved before is safe."));
      break;
    case SQLITE_NOTADB:
      g_set_error (error, SC_STORE_ERROR, SC_STORE_ERROR_MISMATCH,
                   _("The key file and the database in this store do not belong together, or "
                     "the database is damaged. Nothing was changed; restore both files from "
                     "the same backup."));
      break;
    case SQLITE_CORRUPT:
      g_set_error (error, SC_STORE_ERROR, SC_STORE_ERROR_DAMAGED,
                   _("The store's database is damaged (%s); restore it from a backup"), detail);
      break;
    case SQLITE_BUSY:
    case SQLITE_LOCKED:
      g_set_error (error, SC_STORE_ERROR, SC_STORE_ERROR_ALREADY_OPEN,
                   _("The store is busy in another program; close it there and try again"));
      break;
    case SQLITE_CONSTRAINT:
      g_set_error (error, SC_STORE_ERROR, SC_STORE_ERROR_INVALID,
                   _("The change does not fit the data model: %s"), detail);
      break;
    case SQLITE_READONLY:
    case SQLITE_CANTOPEN:
    case SQLITE_IOERR:
    case SQLITE_PERM:
      g_set_error (error, SC_STORE_ERROR, SC_STORE_ERROR_FAILED,
                   _("The store cannot be written (%s); check the disk and its permissions"),
                   detail);
      break;
    default:
      g_set_error (error, SC_STORE_ERROR, SC_STORE_ERROR_FAILED, _("The store failed: %s"),
                   detail);
      break;
    }
  return FALSE;
}

sqlite3_stmt *
sc_store_prepare (ScStore    *self,
                  const char *sql,
                  GError    **error)
{
  sqlite3_stmt *stmt = g_hash_table_lookup (self->statements, sql);
  int rc;

  if (stmt != NULL)
    {
      sqlite3_reset (stmt);
      sqlite3_clear_bindings (stmt);
      return stmt;
    }
  rc = sqlite3_prepare_v2 (self->db, sql, -1, &stmt, NULL);
  if (rc != SQLITE_OK)
    {
      sc_store_fail (self, rc, error);
      return NULL;
    }
  g_hash_table_insert (self->statements, (gpointer) sql, stmt);
  return stmt;
}

gboolean
sc_store_step_done (ScStore      *self,
                    sqlite3_stmt *stmt,
                    GError      **error)
{
  int rc = sqlite3_step (stmt);
  gboolean ok = rc == SQLITE_DONE || rc == SQLITE_ROW;

  /* The message first: resetting the statement replaces it. */
  if (!ok)
    sc_store_fail (self, rc, error);
  sqlite3_reset (stmt);
  return ok;
}

gboolean
sc_store_exec (ScStore    *self,
               const char *sql,
               GError    **error)
{
  int rc = sqlite3_exec (self->db, sql, NULL, NULL, NULL);

  return rc == SQLITE_OK ? TRUE : sc_store_fail (self, rc, error);
}

/* Transactions nest, so a batch (the demo, a bundle import) can wrap many
 * single changes in one. Only the outermost is real (BEGIN IMMEDIATE, so a
 * writer never meets a lock half way). Inner levels are not savepoints: with
 * SQLCipher every page a savepoint touches is encrypted again into its
 * journal, which made bulk writes four times slower. A batch is all or
 * nothing anyway, so an inner failure just dooms the outer transaction. */
gboolean
sc_store_begin (ScStore *self,
                GError **error)
{
  if (self->depth == 0)
    {
      if (!sc_store_exec (self, "BEGIN IMMEDIATE", error))
        return FALSE;
      self->doomed = FALSE;
    }
  self->depth++;
  return TRUE;
}

gboolean
sc_store_commit (ScStore *self,
                 GError **error)
{
  g_return_val_if_fail (self->depth > 0, FALSE);
  if (self->depth > 1)
    {
      self->depth--;
      return TRUE;
    }
  if (self->doomed)
    {
      g_set_error (error, SC_STORE_ERROR, SC_STORE_ERROR_FAILED,
                   _("A step of this change failed, so none of it was saved"));
      return FALSE;
    }
  if (!sc_store_exec (self, "COMMIT", error))
    return FALSE;
  self->depth--;
  return TRUE;
}

void
sc_store_rollback (ScStore *self)
{
  if (self->depth == 0)
    return;
  self->depth--;
  if (self->depth > 0)
    self->doomed = TRUE;
  else if (!sqlite3_get_autocommit (self->db))
    sqlite3_exec (self->db, "ROLLBACK", NULL, NULL, NULL);
}

gint64
sc_store_tick (ScStore *self)
{
  return ++self->clock;
}

static gboolean
set_meta (ScStore    *self,
          const char *key,
          const char *value,
          GError    **error)
{
  sqlite3_stmt *stmt = sc_store_prepare (
    self, "INSERT OR REPLACE INTO meta (key, value) VALUES (?, ?)", error);

  if (stmt == NULL)
    return FALSE;
  sc_bind_text (stmt, 1, key);
  sc_bind_text (stmt, 2, value);
  return sc_store_step_done (self, stmt, error);
}

static char *
get_meta (ScStore    *self,
          const char *key)
{
  sqlite3_stmt *stmt = sc_store_prepare (self, "SELECT value FROM meta WHERE key = ?", NULL);
  char *value = NULL;

  if (stmt == NULL)
    return NULL;
  sc_bind_text (stmt, 1, key);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    value = sc_column_dup (stmt, 0);
  sqlite3_reset (stmt);
  return value;
}

gboolean
sc_store_save_clock (ScStore *self,
                     GError **error)
{
  char value[32];

  g_snprintf (value, sizeof value, "%" G_GINT64_FORMAT, self->clock);
  return set_meta (self, "clock", value, error);
}

gboolean
sc_store_audit (ScStore    *self,
                const char *action,
                const char *table,
                const char *row_id,
                const char *detail,
                GError    **error)
{
  g_autofree char *id = sc_store_new_id ();
  g_autofree char *now = sc_store_now ();
  sqlite3_stmt *stmt = sc_store_prepare (
    self,
    "INSERT INTO audit (id, origin, at, member, action, tbl, row_id, detail)"
    " VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
    error);

  if (stmt == NULL)
    return FALSE;
  sc_bind_text (stmt, 1, id);
  sc_bind_text (stmt, 2, self->device_id);
  sc_bind_text (stmt, 3, now);
  sc_bind_text (stmt, 4, self->owner_id);
  sc_bind_text (stmt, 5, action);
  sc_bind_text (stmt, 6, table);
  sc_bind_text (stmt, 7, row_id);
  sc_bind_text (stmt, 8, detail != NULL ? detail : "");
  return sc_store_step_done (self, stmt, error);
}

/* Locking: one process at a time. flock() is released by the kernel when the
 * process dies, so a crash never leaves the store locked. */

static int
take_lock (const char *dir,
           GError    **error)
{
  g_autofree char *path = path_in (dir, LOCK_NAME);
  int fd = open (path, O_RDWR | O_CREAT | O_CLOEXEC, 0600);

  if (fd < 0)
    {
      int saved = errno;

      g_set_error (error, SC_STORE_ERROR, SC_STORE_ERROR_FAILED,
                   _("Cannot open the store in %s: %s"), dir, g_strerror (saved));
      return -1;
    }
  if (flock (fd, LOCK_EX | LOCK_NB) != 0)
    {
      close (fd);
      g_set_error (error, SC_STORE_ERROR, SC_STORE_ERROR_ALREADY_OPEN,
                   _("The store in %s is already open in another Scrutineer program; close "
                     "that one first"),
                   dir);
      return -1;
    }
  return fd;
}

/* Opening the database */

static void
finalize_statement (gpointer data)
{
  sqlite3_finalize (data);
}

static ScStore *
store_new (const char *dir)
{
  ScStore *self = g_new0 (ScStore, 1);

  self->dir = g_strdup (dir);
  self->lock_fd = -1;
  /* Keyed by the address of the SQL literal: no hashing of long strings on
   * the save path. */
  self->statements = g_hash_table_new_full (NULL, NULL, NULL, finalize_statement);
  self->frameworks = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                            (GDestroyNotify) sc_framework_unref);
  return self;
}

void
sc_store_close (ScStore *self)
{
  if (self == NULL)
    return;
  g_clear_pointer (&self->statements, g_hash_table_unref);
  g_clear_pointer (&self->frameworks, g_hash_table_unref);
  if (self->db != NULL)
    sqlite3_close_v2 (self->db);
  g_clear_pointer (&self->key, sc_secret_free);
  if (self->lock_fd >= 0)
    close (self->lock_fd);
  g_free (self->cipher_version);
  g_free (self->device_id);
  g_free (self->owner_id);
  g_free (self->dir);
  g_free (self);
}

/* Gives the raw key as PRAGMA key = "x'…'", which SQLCipher takes as the key
 * itself (no PBKDF2 over it). The statement text lives in guarded memory. */
static gboolean
apply_key (ScStore        *self,
           const ScSecret *db_key,
           GError        **error)
{
  static const char prefix[] = "PRAGMA key = \"x'";
  static const char suffix[] = "'\"";
  gsize hex_len = db_key->len * 2;
  g_autoptr (ScSecret) sql = sc_secret_new (sizeof prefix - 1 + hex_len + sizeof suffix - 1);
  char *p = (char *) sql->data;
  int rc;

  memcpy (p, prefix, sizeof prefix - 1);
  sodium_bin2hex (p + sizeof prefix - 1, hex_len + 1, db_key->data, db_key->len);
  memcpy (p + sizeof prefix - 1 + hex_len, suffix, sizeof suffix - 1);
  rc = sqlite3_exec (self->db, p, NULL, NULL, NULL);
  if (rc != SQLITE_OK)
    return sc_store_fail (self, rc, error);
  return sc_store_exec (self, "PRAGMA cipher_page_size = 4096", error);
}

/* If the wrong sqlite3 were linked, PRAGMA key would be silently ignored and
 * the data written in clear: refuse to go on unless the codec answers. */
static gboolean
check_codec (ScStore *self,
             GError **error)
{
  sqlite3_stmt *stmt = NULL;

  if (sqlite3_prepare_v2 (self->db, "PRAGMA cipher_version", -1, &stmt, NULL) == SQLITE_OK &&
      sqlite3_step (stmt) == SQLITE_ROW)
    self->cipher_version = sc_column_dup (stmt, 0);
  sqlite3_finalize (stmt);
  if (self->cipher_version == NULL)
    {
      g_set_error (error, SC_STORE_ERROR, SC_STORE_ERROR_NOT_ENCRYPTED,
                   _("This build of Scrutineer cannot encrypt its store, so it refuses to open "
                     "it. Reinstall Scrutineer."));
      return FALSE;
    }
  return TRUE;
}

static gboolean
apply_pragmas (ScStore *self,
               GError **error)
{
  return sc_store_exec (self,
                        "PRAGMA journal_mode = WAL;"
                        "PRAGMA synchronous = FULL;"
                        "PRAGMA foreign_keys = ON;"
                        "PRAGMA temp_store = MEMORY;"
                        "PRAGMA secure_delete = ON;"
                        "PRAGMA cache_size = -65536;",
                        error);
}

static ScStore *
open_database (const char     *dir,
               const ScSecret *db_key,
               gboolean        create,
               GError        **error)
{
  g_autoptr (ScStore) self = store_new (dir);
  g_autofree char *path = path_in (dir, DB_NAME);
  int flags = SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX | (create ? SQLITE_OPEN_CREATE : 0);
  int rc;

  if (!create && !g_file_test (path, G_FILE_TEST_EXISTS))
    {
      g_set_error (error, SC_STORE_ERROR, SC_STORE_ERROR_NOT_FOUND,
                   _("The database of the store in %s is missing; restore it from a backup"),
                   dir);
      return NULL;
    }
  self->lock_fd = take_lock (dir, error);
  if (self->lock_fd < 0)
    return NULL;

  if (create)
    {
      /* SQLite would create the file world-readable; its -wal and -shm files
       * copy the database's mode, so making it 0600 first covers all three. */
      int fd = open (path, O_RDWR | O_CREAT | O_CLOEXEC, 0600);

      if (fd >= 0)
        close (fd);
    }
  rc = sqlite3_open_v2 (path, &self->db, flags, NULL);
  if (rc != SQLITE_OK)
    {
      sc_store_fail (self, rc, error);
      return NULL;
    }
  sqlite3_extended_result_codes (self->db, 1);
  sqlite3_busy_timeout (self->db, 2000);
  if (!check_codec (self, error) || !apply_key (self, db_key, error))
    return NULL;
  /* The first read tells a wrong key (SQLITE_NOTADB) from a good one. */
  rc = sqlite3_exec (self->db, "SELECT count(*) FROM sqlite_master", NULL, NULL, NULL);
  if (rc != SQLITE_OK)
    {
      sc_store_fail (self, rc, error);
      return NULL;
    }
  if (!apply_pragmas (self, error))
    return NULL;
  self->key = sc_secret_copy (db_key);
  return g_steal_pointer (&self);
}

static gboolean
load_identity (ScStore *self,
               GError **error)
{
  g_autofree char *clock = get_meta (self, "clock");

  self->device_id = get_meta (self, "device_id");
  self->owner_id = get_meta (self, "owner_id");
  if (self->device_id == NULL || self->owner_id == NULL)
    {
      g_set_error (error, SC_STORE_ERROR, SC_STORE_ERROR_DAMAGED,
                   _("The store in %s is incomplete (its owner is missing); it may have been "
                     "created by a program that crashed. Create a new store."),
                   self->dir);
      return FALSE;
    }
  self->clock = clock != NULL ? g_ascii_strtoll (clock, NULL, 10) : 0;
  return TRUE;
}

ScStore *
sc_store_open_at_version_for_testing (const char     *dir,
                                      const ScSecret *db_key,
                                      int             target,
                                      GError        **error)
{
  g_autoptr (ScStore) self = open_database (dir, db_key, FALSE, error);

  if (self == NULL || !sc_store_migrate (self, target, error))
    return NULL;
  if (target >= 1 && !load_identity (self, error))
    return NULL;
  return g_steal_pointer (&self);
}

ScStore *
sc_store_open_with_key (const char     *dir,
                        const ScSecret *db_key,
                        GError        **error)
{
  return sc_store_open_at_version_for_testing (dir, db_key, SC_STORE_SCHEMA_VERSION, error);
}

ScSecret *
sc_store_derive_key (const char     *dir,
                     const ScSecret *passphrase,
                     GError        **error)
{
  g_autofree char *path = path_in (dir, KEY_NAME);

  if (!sc_crypto_init (error))
    return NULL;
  return sc_keys_unlock (path, passphrase, error);
}

ScSecret *
sc_store_derive_key_with_recovery (const char     *dir,
                                   const ScSecret *recovery_code,
                                   GError        **error)
{
  g_autofree char *path = path_in (dir, KEY_NAME);

  if (!sc_crypto_init (error))
    return NULL;
  return sc_keys_unlock_with_recovery (path, recovery_code, error);
}

ScStore *
sc_store_open (const char     *dir,
               const ScSecret *passphrase,
               GError        **error)
{
  g_autoptr (ScSecret) key = sc_store_derive_key (dir, passphrase, error);

  return key != NULL ? sc_store_open_with_key (dir, key, error) : NULL;
}

gboolean
sc_store_change_passphrase (ScStore        *self,
                            const ScSecret *new_passphrase,
                            GError        **error)
{
  g_autofree char *path = path_in (self->dir, KEY_NAME);

  if (!sc_passphrase_check (new_passphrase, error))
    return FALSE;
  if (!sc_keys_rewrap (path, self->key, new_passphrase, error))
    return FALSE;
  return sc_store_begin (self, error) &&
         sc_store_audit (self, "change-passphrase", "store", NULL, "", error) &&
         sc_store_commit (self, error);
}

/* Creating */

static gboolean
insert_owner (ScStore    *self,
              const char *name,
              const char *role,
              GError    **error)
{
  guint8 sign_public[crypto_sign_PUBLICKEYBYTES];
  g_autoptr (ScSecret) sign_secret = sc_secret_new (crypto_sign_SECRETKEYBYTES);
  guint8 box_public[crypto_box_PUBLICKEYBYTES];
  g_autoptr (ScSecret) box_secret = sc_secret_new (crypto_box_SECRETKEYBYTES);
  g_autofree char *member_id = sc_store_new_id ();
  g_autofree char *hostname = g_strdup (g_get_host_name ());
  sqlite3_stmt *stmt;
  gint64 rev = sc_store_tick (self);

  crypto_sign_keypair (sign_public, sign_secret->data);
  crypto_box_keypair (box_public, box_secret->data);
  self->device_id = sc_store_new_id ();
  self->owner_id = g_strdup (member_id);

  stmt = sc_store_prepare (self,
                           "INSERT INTO device (id, rev, origin, name, sign_key, box_key, role)"
                           " VALUES (?, ?, ?, ?, ?, ?, ?)",
                           error);
  if (stmt == NULL)
    return FALSE;
  sc_bind_text (stmt, 1, self->device_id);
  sqlite3_bind_int64 (stmt, 2, rev);
  sc_bind_text (stmt, 3, self->device_id);
  sc_bind_text (stmt, 4, hostname);
  sqlite3_bind_blob (stmt, 5, sign_public, sizeof sign_public, SQLITE_TRANSIENT);
  sqlite3_bind_blob (stmt, 6, box_public, sizeof box_public, SQLITE_TRANSIENT);
  sc_bind_text (stmt, 7, role);
  if (!sc_store_step_done (self, stmt, error))
    return FALSE;

  stmt = sc_store_prepare (self,
                           "INSERT INTO local_key (device, sign_secret, box_secret)"
                           " VALUES (?, ?, ?)",
                           error);
  if (stmt == NULL)
    return FALSE;
  sc_bind_text (stmt, 1, self->device_id);
  sqlite3_bind_blob (stmt, 2, sign_secret->data, (int) sign_secret->len, SQLITE_TRANSIENT);
  sqlite3_bind_blob (stmt, 3, box_secret->data, (int) box_secret->len, SQLITE_TRANSIENT);
  if (!sc_store_step_done (self, stmt, error))
    return FALSE;

  stmt = sc_store_prepare (self,
                           "INSERT INTO member (id, rev, origin, name, role, device)"
                           " VALUES (?, ?, ?, ?, ?, ?)",
                           error);
  if (stmt == NULL)
    return FALSE;
  sc_bind_text (stmt, 1, member_id);
  sqlite3_bind_int64 (stmt, 2, rev);
  sc_bind_text (stmt, 3, self->device_id);
  sc_bind_text (stmt, 4, name);
  sc_bind_text (stmt, 5, role);
  sc_bind_text (stmt, 6, self->device_id);
  if (!sc_store_step_done (self, stmt, error))
    return FALSE;

  return set_meta (self, "device_id", self->device_id, error) &&
         set_meta (self, "owner_id", member_id, error) &&
         sc_store_save_clock (self, error) &&
         sc_store_audit (self, "create-store", "member", member_id, "", error);
}

static void
remove_partial_store (const char *dir)
{
  const char * const names[] = {
    DB_NAME, DB_NAME "-wal", DB_NAME "-shm", KEY_NAME, LOCK_NAME,
  };

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      g_autofree char *path = path_in (dir, names[i]);

      g_unlink (path);
    }
  g_rmdir (dir);
}

static ScStore *
create_store (const char     *dir,
              const ScSecret *passphrase,
              ScKdfLevel      level,
              const char     *owner_name,
              const char     *owner_role,
              int             version,
              ScSecret      **recovery_code,
              GError        **error)
{
  g_autoptr (ScSecret) db_key = NULL;
  g_autoptr (ScSecret) code = NULL;
  g_autoptr (ScStore) self = NULL;
  g_autofree char *key_path = path_in (dir, KEY_NAME);
  g_autofree char *name = g_strstrip (g_strdup (owner_name != NULL ? owner_name : ""));

  if (!sc_crypto_init (error))
    return NULL;
  if (sc_store_exists (dir))
    {
      g_set_error (error, SC_STORE_ERROR, SC_STORE_ERROR_EXISTS,
                   _("There is already a store in %s; it was left as it is. Open it, or choose "
                     "another directory."),
                   dir);
      return NULL;
    }
  if (*name == '\0')
    {
      g_set_error (error, SC_STORE_ERROR, SC_STORE_ERROR_INVALID,
                   _("The store needs its owner's name"));
      return NULL;
    }
  if (!sc_member_role_is_valid (owner_role))
    {
      g_set_error (error, SC_STORE_ERROR, SC_STORE_ERROR_INVALID,
                   _("“%s” is not a team role; use lead, deputy, inspector, associate, "
                     "volunteer or support"),
                   owner_role != NULL ? owner_role : "");
      return NULL;
    }
  if (!sc_passphrase_check (passphrase, error))
    return NULL;
  if (g_mkdir_with_parents (dir, 0700) != 0)
    {
      int saved = errno;

      g_set_error (error, SC_STORE_ERROR, SC_STORE_ERROR_FAILED,
                   _("Cannot create the directory %s: %s"), dir, g_strerror (saved));
      return NULL;
    }

  db_key = sc_secret_new (SC_DB_KEY_BYTES);
  randombytes_buf (db_key->data, db_key->len);
  code = sc_recovery_code_new ();

  self = open_database (dir, db_key, TRUE, error);
  if (self == NULL || !sc_store_migrate (self, version, error) ||
      !sc_store_begin (self, error) || !insert_owner (self, name, owner_role, error) ||
      !sc_store_commit (self, error) ||
      !sc_keys_create (key_path, db_key, passphrase, code, level, error))
    {
      g_clear_pointer (&self, sc_store_close);
      remove_partial_store (dir);
      return NULL;
    }
  if (recovery_code != NULL)
    *recovery_code = g_steal_pointer (&code);
  return g_steal_pointer (&self);
}

ScStore *
sc_store_create (const char     *dir,
                 const ScSecret *passphrase,
                 ScKdfLevel      level,
                 const char     *owner_name,
                 const char     *owner_role,
                 ScSecret      **recovery_code,
                 GError        **error)
{
  return create_store (dir, passphrase, level, owner_name, owner_role, SC_STORE_SCHEMA_VERSION,
                       recovery_code, error);
}

ScStore *
sc_store_create_at_version_for_testing (const char     *dir,
                                        const ScSecret *passphrase,
                                        int             version,
                                        GError        **error)
{
  return create_store (dir, passphrase, SC_KDF_INTERACTIVE, "Test Owner", "inspector", version,
                       NULL, error);
}

/* Accessors and checks */

const char *
sc_store_get_dir (ScStore *self)
{
  return self->dir;
}

const char *
sc_store_get_cipher_version (ScStore *self)
{
  return self->cipher_version;
}

const char *
sc_store_get_device_id (ScStore *self)
{
  return self->device_id;
}

const char *
sc_store_get_owner_id (ScStore *self)
{
  return self->owner_id;
}

int
sc_store_get_schema_version (ScStore *self)
{
  sqlite3_stmt *stmt = sc_store_prepare (self, "PRAGMA user_version", NULL);
  int version = 0;

  if (stmt != NULL && sqlite3_step (stmt) == SQLITE_ROW)
    version = sqlite3_column_int (stmt, 0);
  if (stmt != NULL)
    sqlite3_reset (stmt);
  return version;
}

static const char * const counted_tables[] = {
  "device", "member", "framework", "inspection", "team_member", "record", "assignment",
  "reading", "answer", "focus_group", "note", "evaluation", "moderation", "concern",
};

static gboolean
check_integrity (ScStore *self,
                 GError **error)
{
  sqlite3_stmt *stmt = NULL;
  g_autofree char *first = NULL;
  int rc = sqlite3_prepare_v2 (self->db, "PRAGMA integrity_check", -1, &stmt, NULL);

  if (rc != SQLITE_OK)
    return sc_store_fail (self, rc, error);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    if (first == NULL)
      first = sc_column_dup (stmt, 0);
  sqlite3_finalize (stmt);
  if (rc != SQLITE_DONE)
    return sc_store_fail (self, rc, error);
  if (g_strcmp0 (first, "ok") != 0)
    {
      g_set_error (error, SC_STORE_ERROR, SC_STORE_ERROR_DAMAGED,
                   _("The store's database is damaged (%s); restore it from a backup"),
                   first != NULL ? first : _("no answer from the integrity check"));
      return FALSE;
    }
  return TRUE;
}

gboolean
sc_store_check (ScStore     *self,
                GHashTable **counts,
                GError     **error)
{
  g_autoptr (GHashTable) table = g_hash_table_new (g_str_hash, g_str_equal);

  if (!check_integrity (self, error))
    return FALSE;
  for (guint i = 0; i < G_N_ELEMENTS (counted_tables); i++)
    {
      g_autofree char *sql = g_strdup_printf ("SELECT count(*) FROM %s WHERE deleted = 0",
                                              counted_tables[i]);
      sqlite3_stmt *stmt = NULL;
      int rc = sqlite3_prepare_v2 (self->db, sql, -1, &stmt, NULL);

      if (rc == SQLITE_OK && (rc = sqlite3_step (stmt)) == SQLITE_ROW)
        g_hash_table_insert (table, (gpointer) counted_tables[i],
                             GINT_TO_POINTER (sqlite3_column_int (stmt, 0)));
      sqlite3_finalize (stmt);
      if (rc != SQLITE_ROW)
        return sc_store_fail (self, rc, error);
    }
  if (counts != NULL)
    *counts = g_steal_pointer (&table);
  return TRUE;
}

void
sc_store_limit_pages_for_testing (ScStore *self,
                                  int      pages)
{
  g_autofree char *sql = g_strdup_printf ("PRAGMA max_page_count = %d", pages);

  sqlite3_exec (self->db, sql, NULL, NULL, NULL);
}

gboolean
sc_store_finish (ScStore *self,
                 gboolean ok,
                 GError **error)
{
  if (ok && sc_store_save_clock (self, error) && sc_store_commit (self, error))
    return TRUE;
  sc_store_rollback (self);
  return FALSE;
}

char *
sc_join_words (const char * const *words)
{
  g_autoptr (GString) out = g_string_new (NULL);

  for (guint i = 0; words != NULL && words[i] != NULL; i++)
    {
      g_autofree char *word = g_strstrip (g_strdup (words[i]));

      if (*word == '\0')
        continue;
      if (out->len > 0)
        g_string_append_c (out, ' ');
      g_string_append (out, word);
    }
  return g_string_free (g_steal_pointer (&out), FALSE);
}

GStrv
sc_split_words (const char *text)
{
  g_autoptr (GStrvBuilder) builder = g_strv_builder_new ();
  g_auto (GStrv) parts = g_strsplit_set (text != NULL ? text : "", " \t\n,", -1);

  for (guint i = 0; parts[i] != NULL; i++)
    if (*parts[i] != '\0')
      g_strv_builder_add (builder, parts[i]);
  return g_strv_builder_end (builder);
}

GPtrArray *
sc_store_collect (ScStore        *self,
                  sqlite3_stmt   *stmt,
                  ScRowFunc       from_row,
                  GDestroyNotify  free_func,
                  GError        **error)
{
  g_autoptr (GPtrArray) rows = g_ptr_array_new_with_free_func (free_func);
  int rc;

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_ptr_array_add (rows, from_row (stmt));
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      sc_store_fail (self, rc, error);
      return NULL;
    }
  return g_steal_pointer (&rows);
}
