/* sc-bundle-import.c: verifying a bundle, then applying it in one transaction
 *
 * Copyright 2026 The Scrutineer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The checks run in the order listed in sc-bundle.h, each with its own
 * error code and a message that names it. Pass one copies the file (see
 * sc-bundle-copy.c) and hashes it; the header, signature and signer are
 * checked on the copy; pass two decrypts, inflates and parses the copy's
 * payload and applies each row as it is read, inside one transaction that is
 * rolled back if anything fails, down to the last chunk's tag. The file size,
 * magic and version are also looked at before copying, so that picking the
 * wrong file is refused at once.
 */
#include "sc-bundle-private.h"

#include <errno.h>
#include <fcntl.h>
#include <glib/gi18n-lib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "sc-rows.h"

G_GNUC_PRINTF (3, 4)
static gboolean
refuse (GError    **error,
        int         code,
        const char *format,
        ...)
{
  va_list args;

  va_start (args, format);
  g_propagate_error (error, g_error_new_valist (SC_BUNDLE_ERROR, code, format, args));
  va_end (args);
  return FALSE;
}

void
sc_bundle_import_clear (ScBundleImport *result)
{
  g_clear_pointer (&result->bundle_id, g_free);
  g_clear_pointer (&result->sender, g_free);
  g_clear_pointer (&result->inspection, g_free);
}

/* 1-2: size, magic, version, header length */

static gboolean
check_size (guint64  size,
            GError **error)
{
  if (size < SC_BUNDLE_PREFIX_BYTES + SC_BUNDLE_SIGNATURE_BYTES + 1)
    return refuse (error, SC_BUNDLE_ERROR_SIZE,
                   _("Size check failed: the file is too short to be a bundle (%" G_GUINT64_FORMAT
                     " bytes)"),
                   size);
  if (size > SC_BUNDLE_MAX_FILE)
    return refuse (error, SC_BUNDLE_ERROR_SIZE,
                   _("Size check failed: the file is larger than any bundle can be"));
  return TRUE;
}

static gboolean
check_prefix (const guint8 prefix[SC_BUNDLE_PREFIX_BYTES],
              guint64      size,
              guint32     *header_len,
              GError     **error)
{
  if (memcmp (prefix, SC_BUNDLE_MAGIC, 4) != 0)
    return refuse (error, SC_BUNDLE_ERROR_MAGIC,
                   _("Magic check failed: this is not a Scrutineer bundle (.scrb)"));
  if (prefix[4] != SC_BUNDLE_FORMAT)
    return refuse (error, SC_BUNDLE_ERROR_VERSION,
                   _("Version check failed: the bundle is in format %u, and this version of "
                     "Scrutineer reads format %u; update Scrutineer"),
                   prefix[4], SC_BUNDLE_FORMAT);
  *header_len = (guint32) prefix[5] | ((guint32) prefix[6] << 8) | ((guint32) prefix[7] << 16) |
                ((guint32) prefix[8] << 24);
  if (*header_len == 0 || *header_len > SC_BUNDLE_MAX_HEADER)
    return refuse (error, SC_BUNDLE_ERROR_SIZE,
                   _("Size check failed: the header length (%u bytes) is impossible"),
                   *header_len);
  if (SC_BUNDLE_PREFIX_BYTES + (guint64) *header_len + SC_BUNDLE_SIGNATURE_BYTES > size)
    return refuse (error, SC_BUNDLE_ERROR_SIZE,
                   _("Size check failed: the file is shorter than its header says; it was "
                     "cut short"));
  return TRUE;
}

/* 3-4: header and signature */

static ScBundleHeader *
read_header (ScBundleCopy *copy,
             guint32       header_len,
             GError      **error)
{
  g_autofree char *data = g_malloc (header_len);

  if (!sc_bundle_copy_read (copy, SC_BUNDLE_PREFIX_BYTES, data, header_len, error))
    return NULL;
  return sc_bundle_header_parse (data, header_len, error);
}

static gboolean
check_signature (ScBundleCopy         *copy,
                 const ScBundleHeader *header,
                 const guint8          hash[SC_BUNDLE_HASH_BYTES],
                 GError              **error)
{
  guint8 signature[SC_BUNDLE_SIGNATURE_BYTES];
  guint64 at = sc_bundle_copy_get_size (copy) - sizeof signature;

  if (!sc_bundle_copy_read (copy, at, signature, sizeof signature, error))
    return FALSE;
  if (crypto_sign_verify_detached (signature, hash, SC_BUNDLE_HASH_BYTES, header->sender_key) != 0)
    return refuse (error, SC_BUNDLE_ERROR_SIGNATURE,
                   _("Signature check failed: the bundle was changed after it was signed, or "
                     "is damaged; ask the sender for a new copy"));
  return TRUE;
}

/* 5: the signer */

static gboolean
is_team_member (ScStore    *store,
                const char *inspection,
                const char *device,
                GError    **error)
{
  sqlite3_stmt *stmt = sc_store_prepare (
    store,
    "SELECT 1 FROM team_member t JOIN member m ON m.id = t.member"
    " WHERE t.inspection = ? AND m.device = ? AND t.deleted = 0 AND m.deleted = 0",
    error);
  gboolean found;

  if (stmt == NULL)
    return FALSE;
  sc_bind_text (stmt, 1, inspection);
  sc_bind_text (stmt, 2, device);
  found = sqlite3_step (stmt) == SQLITE_ROW;
  sqlite3_reset (stmt);
  return found;
}

static gboolean
check_role (ScStore              *store,
            const ScBundleHeader *header,
            const ScDevice       *device,
            GError              **error)
{
  if (header->kind == SC_BUNDLE_MEMBER)
    {
      g_autoptr (GError) local_error = NULL;

      if (is_team_member (store, header->inspection, header->sender, &local_error))
        return TRUE;
      if (local_error != NULL)
        {
          g_propagate_error (error, g_steal_pointer (&local_error));
          return FALSE;
        }
      return refuse (error, SC_BUNDLE_ERROR_NOT_ALLOWED,
                     _("Signer check failed: device %s is not in the team of inspection %s "
                       "here, so its member bundle is refused; enrol its card again with the "
                       "inspection (scrutineer-cli enrol CARD --role ROLE --inspection ID, or "
                       "Enrol a Device in Exchange Bundles)"),
                     header->sender, header->inspection);
    }
  if (g_strcmp0 (device->role, "lead") != 0)
    return refuse (error, SC_BUNDLE_ERROR_NOT_ALLOWED,
                   _("Signer check failed: only a lead may send a %s bundle, and device %s is "
                     "enrolled here as %s"),
                   sc_bundle_kind_to_string (header->kind), header->sender,
                   device->role != NULL ? device->role : "?");
  return TRUE;
}

static gboolean
check_signer (ScStore              *store,
              const ScBundleHeader *header,
              GError              **error)
{
  ScDevice device;
  gboolean found = FALSE;
  gboolean ok = FALSE;

  if (!sc_store_lookup_device (store, header->sender, &device, &found, error))
    return FALSE;
  if (!found || !device.enrolled)
    refuse (error, SC_BUNDLE_ERROR_UNKNOWN_SIGNER,
            _("Signer check failed: the bundle was signed by device %s, which is not enrolled "
              "here; enrol the sender's identity card (compare its fingerprint aloud), then "
              "import again"),
            header->sender);
  else if (sodium_memcmp (device.sign_key, header->sender_key, sizeof device.sign_key) != 0)
    refuse (error, SC_BUNDLE_ERROR_UNKNOWN_SIGNER,
            _("Signer check failed: the bundle was signed with another key than the one "
              "enrolled here for device %s; it may be forged"),
            header->sender);
  else if (device.revoked)
    refuse (error, SC_BUNDLE_ERROR_REVOKED_SIGNER,
            _("Signer check failed: device %s was revoked, so its bundles are refused"),
            header->sender);
  else
    ok = check_role (store, header, &device, error);
  sc_device_clear (&device);
  return ok;
}

static char *
hash_text (const guint8 hash[SC_BUNDLE_HASH_BYTES])
{
  char *text = g_malloc (SC_BUNDLE_HASH_BYTES * 2 + 1);

  return sodium_bin2hex (text, SC_BUNDLE_HASH_BYTES * 2 + 1, hash, SC_BUNDLE_HASH_BYTES);
}

/* The same id with the same bytes: imported before. The same id with other
 * bytes cannot come from an honest export (ids are random), so it is refused
 * rather than taken for the one seen before. */
static gboolean
check_imported_before (ScStore              *store,
                       const ScBundleHeader *header,
                       const guint8          hash[SC_BUNDLE_HASH_BYTES],
                       gboolean             *before,
                       GError              **error)
{
  sqlite3_stmt *stmt = sc_store_prepare (store, "SELECT hash FROM bundle_import WHERE id = ?",
                                         error);
  g_autofree char *seen = NULL;
  g_autofree char *text = hash_text (hash);

  if (stmt == NULL)
    return FALSE;
  sc_bind_text (stmt, 1, header->id);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    seen = sc_column_dup (stmt, 0);
  sqlite3_reset (stmt);
  *before = seen != NULL;
  if (seen != NULL && !g_str_equal (seen, text))
    return refuse (error, SC_BUNDLE_ERROR_HEADER,
                   _("Header check failed: another bundle with the same id (%s) was imported "
                     "before; ask the sender to export it again"),
                   header->id);
  return TRUE;
}

/* 6: the recipient slot */

static ScSecret *
open_slot (ScStore              *store,
           const ScBundleHeader *header,
           GError              **error)
{
  const ScBundleSlot *slot = sc_bundle_header_find_slot (header, sc_store_get_device_id (store));
  g_autoptr (ScSecret) box_secret = NULL;
  g_autoptr (ScSecret) file_key = NULL;
  ScDevice self;
  gboolean found = FALSE;
  gboolean opened;

  if (slot == NULL)
    {
      refuse (error, SC_BUNDLE_ERROR_NOT_FOR_US,
              _("Recipient check failed: this bundle is not addressed to this device; ask the "
                "sender to export it for your identity card"));
      return NULL;
    }
  box_secret = sc_store_load_box_secret (store, error);
  if (box_secret == NULL ||
      !sc_store_lookup_device (store, sc_store_get_device_id (store), &self, &found, error))
    return NULL;
  file_key = sc_secret_new (SC_BUNDLE_FILE_KEY_BYTES);
  opened = found && crypto_box_seal_open (file_key->data, slot->sealed_key,
                                          sizeof slot->sealed_key, self.box_key,
                                          box_secret->data) == 0;
  sc_device_clear (&self);
  if (!opened)
    {
      refuse (error, SC_BUNDLE_ERROR_RECIPIENT,
              _("Recipient check failed: the key sealed for this device does not open"));
      return NULL;
    }
  return g_steal_pointer (&file_key);
}

/* 7-10: the payload, applied */

static gboolean
record_import (ScStore              *store,
               const ScBundleHeader *header,
               const char           *hash,
               ScRowsMerge          *merge,
               GError              **error)
{
  g_autofree char *now = sc_store_now ();
  g_autofree char *detail = NULL;
  sqlite3_stmt *stmt = sc_store_prepare (store,
                                         "INSERT INTO bundle_import (id, kind, sender, inspection,"
                                         " created, imported_at, hash)"
                                         " VALUES (?, ?, ?, ?, ?, ?, ?)",
                                         error);
  guint n_new, n_updated, n_conflicts;

  if (stmt == NULL)
    return FALSE;
  sc_bind_text (stmt, 1, header->id);
  sc_bind_text (stmt, 2, sc_bundle_kind_to_string (header->kind));
  sc_bind_text (stmt, 3, header->sender);
  sc_bind_text (stmt, 4, header->inspection);
  sc_bind_text (stmt, 5, header->created);
  sc_bind_text (stmt, 6, now);
  sc_bind_text (stmt, 7, hash);
  sc_rows_merge_get_counts (merge, &n_new, &n_updated, &n_conflicts);
  detail = g_strdup_printf ("%s from %s: %u new, %u updated, %u conflicts",
                            sc_bundle_kind_to_string (header->kind), header->sender, n_new,
                            n_updated, n_conflicts);
  return sc_store_step_done (store, stmt, error) &&
         sc_store_audit (store, "import", "bundle", header->id, detail, error);
}

static gboolean
apply_rows (ScStore         *store,
            ScRowsReader    *reader,
            ScRowsMerge     *merge,
            ScBundlePayload *payload,
            GError         **error)
{
  const ScRow *row = NULL;
  int rc;

  while ((rc = sc_rows_reader_next (reader, &row, error)) > 0)
    if (!sc_rows_merge_apply (merge, row, error))
      return FALSE;
  return rc == 0 && sc_bundle_payload_finish (payload, error);
}

/* A deferred foreign key fails at COMMIT; say which table. */
static void
describe_commit_failure (ScStore *store,
                         GError  *commit_error,
                         GError **error)
{
  sqlite3_stmt *stmt = NULL;
  g_autofree char *table = NULL;
  g_autofree char *parent = NULL;

  if (sqlite3_extended_errcode (store->db) == SQLITE_CONSTRAINT_FOREIGNKEY &&
      sqlite3_prepare_v2 (store->db, "PRAGMA foreign_key_check", -1, &stmt, NULL) == SQLITE_OK &&
      sqlite3_step (stmt) == SQLITE_ROW)
    {
      table = sc_column_dup (stmt, 0);
      parent = sc_column_dup (stmt, 2);
    }
  sqlite3_finalize (stmt);
  if (table != NULL)
    refuse (error, SC_BUNDLE_ERROR_APPLY,
            _("Applying the rows failed: a row of table %s refers to a row of table %s that "
              "is neither in the bundle nor in this store; import the bundles that came before "
              "it first"),
            table, parent);
  else
    g_propagate_error (error, g_error_copy (commit_error));
}

static gboolean
finish_transaction (ScStore *store,
                    gboolean ok,
                    GError **error)
{
  g_autoptr (GError) commit_error = NULL;

  if (ok && sc_store_save_clock (store, error))
    {
      if (sc_store_commit (store, &commit_error))
        return TRUE;
      describe_commit_failure (store, commit_error, error);
    }
  sc_store_rollback (store);
  return FALSE;
}

static gboolean
apply_payload (ScStore              *store,
               ScBundleCopy         *copy,
               guint64               start,
               const ScBundleHeader *header,
               const guint8          hash[SC_BUNDLE_HASH_BYTES],
               const ScSecret       *file_key,
               ScBundleImport       *result,
               GError              **error)
{
  g_autofree char *hash_hex = hash_text (hash);
  g_autoptr (ScBundlePayload) payload = sc_bundle_payload_new (copy, start, header, file_key,
                                                               error);
  g_autoptr (ScRowsReader) reader = NULL;
  g_autoptr (ScRowsMerge) merge = NULL;
  gint64 saved_clock = store->clock;
  gboolean ok;

  if (payload == NULL || !sc_store_begin (store, error))
    return FALSE;
  reader = sc_rows_reader_new (sc_bundle_payload_read, payload);
  merge = sc_rows_merge_new (store, header->kind, header->sender);
  ok = sc_store_exec (store, "PRAGMA defer_foreign_keys = ON", error) &&
       apply_rows (store, reader, merge, payload, error) &&
       record_import (store, header, hash_hex, merge, error);
  if (ok)
    store->clock = MAX (store->clock, sc_rows_merge_get_max_rev (merge));
  if (!finish_transaction (store, ok, error))
    {
      store->clock = saved_clock;
      return FALSE;
    }
  sc_rows_merge_get_counts (merge, &result->n_new, &result->n_updated, &result->n_conflicts);
  return TRUE;
}

static void
fill_result (ScBundleImport       *result,
             const ScBundleHeader *header)
{
  result->bundle_id = g_strdup (header->id);
  result->kind = header->kind;
  result->sender = g_strdup (header->sender);
  result->inspection = g_strdup (header->inspection);
}

static gboolean
import_copy (ScStore        *store,
             ScBundleCopy   *copy,
             const guint8    hash[SC_BUNDLE_HASH_BYTES],
             ScBundleImport *result,
             GError        **error)
{
  guint8 prefix[SC_BUNDLE_PREFIX_BYTES];
  guint32 header_len = 0;
  g_autoptr (ScBundleHeader) header = NULL;
  g_autoptr (ScSecret) file_key = NULL;
  guint64 size = sc_bundle_copy_get_size (copy);

  if (!check_size (size, error) ||
      !sc_bundle_copy_read (copy, 0, prefix, sizeof prefix, error) ||
      !check_prefix (prefix, size, &header_len, error))
    return FALSE;
  header = read_header (copy, header_len, error);
  if (header == NULL || !check_signature (copy, header, hash, error) ||
      !check_signer (store, header, error))
    return FALSE;
  if (!check_imported_before (store, header, hash, &result->already_imported, error))
    return FALSE;
  fill_result (result, header);
  if (result->already_imported)
    return TRUE;
  file_key = open_slot (store, header, error);
  return file_key != NULL &&
         apply_payload (store, copy, SC_BUNDLE_PREFIX_BYTES + (guint64) header_len, header, hash,
                        file_key, result, error);
}

/* Every refusal ends with the same reassurance. */
static gboolean
nothing_imported (ScBundleImport *result,
                  GError        **error)
{
  sc_bundle_import_clear (result);
  if (error != NULL && *error != NULL)
    {
      char *message = g_strdup_printf ("%s. %s", (*error)->message,
                                       _("Nothing was imported; the store is as it was."));

      g_free ((*error)->message);
      (*error)->message = message;
    }
  return FALSE;
}

static gboolean
peek_prefix (int      fd,
             guint64  size,
             GError **error)
{
  guint8 prefix[SC_BUNDLE_PREFIX_BYTES];
  guint32 header_len;

  if (pread (fd, prefix, sizeof prefix, 0) != (ssize_t) sizeof prefix)
    return refuse (error, SC_BUNDLE_ERROR_FAILED, _("The bundle could not be read: %s"),
                   g_strerror (errno));
  return check_prefix (prefix, size, &header_len, error);
}

static gboolean
open_bundle (const char *path,
             int        *fd,
             guint64    *size,
             GError    **error)
{
  struct stat st;

  *fd = open (path, O_RDONLY | O_CLOEXEC);
  if (*fd < 0)
    return refuse (error, SC_BUNDLE_ERROR_FAILED, _("Cannot open %s: %s"), path,
                   g_strerror (errno));
  if (fstat (*fd, &st) != 0 || !S_ISREG (st.st_mode))
    return refuse (error, SC_BUNDLE_ERROR_FAILED, _("%s is not a file"), path);
  *size = (guint64) st.st_size;
  return TRUE;
}

gboolean
sc_bundle_import (ScStore        *store,
                  const char     *path,
                  ScBundleImport *result,
                  GError        **error)
{
  return sc_bundle_import_with_progress (store, path, NULL, NULL, result, error);
}

gboolean
sc_bundle_import_with_progress (ScStore              *store,
                                const char           *path,
                                ScBundleProgressFunc  progress,
                                gpointer              user_data,
                                ScBundleImport       *result,
                                GError              **error)
{
  g_autoptr (ScBundleCopy) copy = NULL;
  guint8 hash[SC_BUNDLE_HASH_BYTES];
  guint64 size = 0;
  int fd = -1;
  gboolean ok;

  memset (result, 0, sizeof *result);
  ok = open_bundle (path, &fd, &size, error) && check_size (size, error) &&
       peek_prefix (fd, size, error);
  if (ok)
    copy = sc_bundle_copy_new_full (fd, size, sc_store_get_dir (store), progress, user_data,
                                    hash, error);
  if (fd >= 0)
    close (fd);
  if (copy == NULL || !import_copy (store, copy, hash, result, error))
    return nothing_imported (result, error);
  return TRUE;
}

/* Reading a header without importing */

void
sc_bundle_info_clear (ScBundleInfo *info)
{
  g_clear_pointer (&info->bundle_id, g_free);
  g_clear_pointer (&info->created, g_free);
  g_clear_pointer (&info->sender, g_free);
  g_clear_pointer (&info->inspection, g_free);
}

gboolean
sc_bundle_read_header (const char   *path,
                       ScBundleInfo *info,
                       GError      **error)
{
  guint8 prefix[SC_BUNDLE_PREFIX_BYTES];
  g_autofree char *data = NULL;
  g_autoptr (ScBundleHeader) header = NULL;
  guint64 size = 0;
  guint32 header_len = 0;
  int fd = -1;
  gboolean ok;

  memset (info, 0, sizeof *info);
  ok = open_bundle (path, &fd, &size, error) && check_size (size, error);
  if (ok && pread (fd, prefix, sizeof prefix, 0) != (ssize_t) sizeof prefix)
    ok = refuse (error, SC_BUNDLE_ERROR_FAILED, _("The bundle could not be read: %s"),
                 g_strerror (errno));
  ok = ok && check_prefix (prefix, size, &header_len, error);
  if (ok)
    {
      data = g_malloc (header_len);
      if (pread (fd, data, header_len, SC_BUNDLE_PREFIX_BYTES) != (ssize_t) header_len)
        ok = refuse (error, SC_BUNDLE_ERROR_FAILED, _("The bundle could not be read: %s"),
                     g_strerror (errno));
    }
  if (fd >= 0)
    close (fd);
  if (ok)
    header = sc_bundle_header_parse (data, header_len, error);
  if (header == NULL)
    return FALSE;
  info->format = prefix[4];
  info->header_len = header_len;
  info->size = size;
  info->bundle_id = g_strdup (header->id);
  info->kind = header->kind;
  info->created = g_strdup (header->created);
  info->sender = g_strdup (header->sender);
  info->inspection = g_strdup (header->inspection);
  info->n_recipients = header->slots->len;
  return TRUE;
}

gboolean
sc_bundle_import_bytes_for_testing (ScStore        *store,
                                    const guint8   *data,
                                    gsize           len,
                                    ScBundleImport *result,
                                    GError        **error)
{
  g_autoptr (ScBundleCopy) copy = NULL;
  guint8 hash[SC_BUNDLE_HASH_BYTES];

  memset (result, 0, sizeof *result);
  if (!check_size (len, error))
    return nothing_imported (result, error);
  copy = sc_bundle_copy_new_for_bytes (data, len, hash);
  if (!import_copy (store, copy, hash, result, error))
    return nothing_imported (result, error);
  return TRUE;
}
