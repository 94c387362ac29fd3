/* sc-keys.c: the store's key file, store.key
 *
 * Copyright 2026 The Scrutineer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The file is a GKeyFile: readable, so that an administrator can see which
 * key derivation a store uses, and nothing in it is secret on its own.
 *
 *   [store]       format=1
 *   [passphrase]  kdf=argon2id13 opslimit= memlimit= salt= nonce= wrapped=
 *   [recovery]    the same fields, for the recovery code
 */
#include "sc-keys.h"

#include <gio/gio.h>
#include <glib/gi18n-lib.h>
#include <sodium.h>
#include <string.h>

#include "sc-store.h"

#define KEY_FILE_FORMAT 1
#define KDF_NAME "argon2id13"
#define RECOVERY_GROUPS 6
#define RECOVERY_CHARS (RECOVERY_GROUPS * 4)

static const char base32[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";

gboolean
sc_kdf_level_from_string (const char *name,
                          ScKdfLevel *level)
{
  static const char * const names[] = { "interactive", "moderate", "sensitive" };

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    if (g_strcmp0 (name, names[i]) == 0)
      {
        *level = (ScKdfLevel) i;
        return TRUE;
      }
  return FALSE;
}

const char *
sc_kdf_level_to_string (ScKdfLevel level)
{
  switch (level)
    {
    case SC_KDF_INTERACTIVE:
      return "interactive";
    case SC_KDF_SENSITIVE:
      return "sensitive";
    case SC_KDF_MODERATE:
    default:
      return "moderate";
    }
}

static void
kdf_limits (ScKdfLevel level,
            guint64   *opslimit,
            gsize     *memlimit)
{
  switch (level)
    {
    case SC_KDF_INTERACTIVE:
      *opslimit = crypto_pwhash_OPSLIMIT_INTERACTIVE;
      *memlimit = crypto_pwhash_MEMLIMIT_INTERACTIVE;
      break;
    case SC_KDF_SENSITIVE:
      *opslimit = crypto_pwhash_OPSLIMIT_SENSITIVE;
      *memlimit = crypto_pwhash_MEMLIMIT_SENSITIVE;
      break;
    case SC_KDF_MODERATE:
    default:
      *opslimit = crypto_pwhash_OPSLIMIT_MODERATE;
      *memlimit = crypto_pwhash_MEMLIMIT_MODERATE;
      break;
    }
}

gboolean
sc_passphrase_check (const ScSecret *passphrase,
                     GError        **error)
{
  const char *text = (const char *) passphrase->data;
  g_autoptr (GHashTable) distinct = NULL;
  glong chars;

  if (!g_utf8_validate (text, (gssize) passphrase->len, NULL))
    {
      g_set_error (error, SC_STORE_ERROR, SC_STORE_ERROR_WEAK_PASSPHRASE,
                   _("The passphrase is not valid UTF-8 text; type it again"));
      return FALSE;
    }
  chars = g_utf8_strlen (text, (gssize) passphrase->len);
  if (chars < SC_MIN_PASSPHRASE_CHARS)
    {
      g_set_error (error, SC_STORE_ERROR, SC_STORE_ERROR_WEAK_PASSPHRASE,
                   _("The passphrase is too short: use at least %d characters (a few unrelated "
                     "words are easy to remember and hard to guess)"),
                   SC_MIN_PASSPHRASE_CHARS);
      return FALSE;
    }
  distinct = g_hash_table_new (NULL, NULL);
  for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p))
    g_hash_table_add (distinct, GUINT_TO_POINTER (g_utf8_get_char (p)));
  if (g_hash_table_size (distinct) < 5)
    {
      g_set_error (error, SC_STORE_ERROR, SC_STORE_ERROR_WEAK_PASSPHRASE,
                   _("The passphrase repeats too few characters to be safe: mix at least five "
                     "different ones"));
      return FALSE;
    }
  return TRUE;
}

ScSecret *
sc_recovery_code_new (void)
{
  guint8 bits[15]; /* 120 bits */
  ScSecret *code = sc_secret_new (RECOVERY_CHARS + RECOVERY_GROUPS - 1);
  gsize out = 0;

  randombytes_buf (bits, sizeof bits);
  for (guint i = 0; i < RECOVERY_CHARS; i++)
    {
      guint bit = i * 5;
      guint value = 0;

      for (guint b = 0; b < 5; b++, bit++)
        value = (value << 1) | ((bits[bit / 8] >> (7 - bit % 8)) & 1);
      if (i > 0 && i % 4 == 0)
        code->data[out++] = '-';
      code->data[out++] = (guint8) base32[value];
    }
  sodium_memzero (bits, sizeof bits);
  return code;
}

ScSecret *
sc_recovery_code_normalise (const ScSecret *code)
{
  g_autoptr (ScSecret) clean = sc_secret_new (RECOVERY_CHARS);
  g_autoptr (ScSecret) grouped = sc_secret_new (RECOVERY_CHARS + RECOVERY_GROUPS - 1);
  gsize n = 0, out = 0;

  for (gsize i = 0; i < code->len; i++)
    {
      char c = g_ascii_toupper ((char) code->data[i]);

      if (c == '-' || c == ' ' || c == '\t')
        continue;
      if (c == '0')
        c = 'O';
      else if (c == '1')
        c = 'I';
      else if (c == '8')
        c = 'B';
      if (strchr (base32, c) == NULL || c == '\0' || n == RECOVERY_CHARS)
        return NULL;
      clean->data[n++] = (guint8) c;
    }
  if (n != RECOVERY_CHARS)
    return NULL;
  for (gsize i = 0; i < n; i++)
    {
      if (i > 0 && i % 4 == 0)
        grouped->data[out++] = '-';
      grouped->data[out++] = clean->data[i];
    }
  return g_steal_pointer (&grouped);
}

/* Wrapping */

static gboolean
derive (const ScSecret *secret,
        const guint8   *salt,
        guint64         opslimit,
        gsize           memlimit,
        ScSecret       *out,
        GError        **error)
{
  if (crypto_pwhash (out->data, out->len, (const char *) secret->data, secret->len, salt,
                     opslimit, memlimit, crypto_pwhash_ALG_ARGON2ID13) != 0)
    {
      g_set_error (error, SC_STORE_ERROR, SC_STORE_ERROR_FAILED,
                   _("Not enough memory to derive the key (%" G_GSIZE_FORMAT " MiB needed); "
                     "close other programs and try again"),
                   memlimit / (1024 * 1024));
      return FALSE;
    }
  return TRUE;
}

static char *
to_base64 (const guint8 *data,
           gsize         len)
{
  gsize size = sodium_base64_ENCODED_LEN (len, sodium_base64_VARIANT_ORIGINAL);
  char *text = g_malloc (size);

  sodium_bin2base64 (text, size, data, len, sodium_base64_VARIANT_ORIGINAL);
  return text;
}

static gboolean
from_base64 (const char *text,
             guint8     *out,
             gsize       len)
{
  gsize got = 0;

  return text != NULL &&
         sodium_base642bin (out, len, text, strlen (text), NULL, &got, NULL,
                            sodium_base64_VARIANT_ORIGINAL) == 0 &&
         got == len;
}

static gboolean
wrap_into (GKeyFile       *file,
           const char     *group,
           const ScSecret *db_key,
           const ScSecret *secret,
           ScKdfLevel      level,
           GError        **error)
{
  guint8 salt[crypto_pwhash_SALTBYTES];
  guint8 nonce[crypto_secretbox_NONCEBYTES];
  guint8 wrapped[SC_DB_KEY_BYTES + crypto_secretbox_MACBYTES];
  g_autoptr (ScSecret) kek = sc_secret_new (crypto_secretbox_KEYBYTES);
  g_autofree char *salt64 = NULL, *nonce64 = NULL, *wrapped64 = NULL;
  guint64 opslimit;
  gsize memlimit;

  kdf_limits (level, &opslimit, &memlimit);
  randombytes_buf (salt, sizeof salt);
  randombytes_buf (nonce, sizeof nonce);
  if (!derive (secret, salt, opslimit, memlimit, kek, error))
    return FALSE;
  crypto_secretbox_easy (wrapped, db_key->data, SC_DB_KEY_BYTES, nonce, kek->data);

  salt64 = to_base64 (salt, sizeof salt);
  nonce64 = to_base64 (nonce, sizeof nonce);
  wrapped64 = to_base64 (wrapped, sizeof wrapped);
  g_key_file_set_string (file, group, "kdf", KDF_NAME);
  g_key_file_set_string (file, group, "level", sc_kdf_level_to_string (level));
  g_key_file_set_uint64 (file, group, "opslimit", opslimit);
  g_key_file_set_uint64 (file, group, "memlimit", memlimit);
  g_key_file_set_string (file, group, "salt", salt64);
  g_key_file_set_string (file, group, "nonce", nonce64);
  g_key_file_set_string (file, group, "wrapped", wrapped64);
  return TRUE;
}

static gboolean
save (GKeyFile   *file,
      const char *path,
      GError    **error)
{
  gsize len;
  g_autofree char *data = g_key_file_to_data (file, &len, NULL);

  /* Written to a temporary file, synced, then renamed over the old one: a
   * crash leaves either the old key file or the new one, never half. */
  return g_file_set_contents_full (path, data, (gssize) len,
                                   G_FILE_SET_CONTENTS_CONSISTENT |
                                     G_FILE_SET_CONTENTS_DURABLE,
                                   0600, error);
}

gboolean
sc_keys_create (const char     *path,
                const ScSecret *db_key,
                const ScSecret *passphrase,
                const ScSecret *recovery_code,
                ScKdfLevel      level,
                GError        **error)
{
  g_autoptr (GKeyFile) file = g_key_file_new ();
  g_autoptr (ScSecret) code = sc_recovery_code_normalise (recovery_code);

  g_return_val_if_fail (code != NULL, FALSE);
  g_key_file_set_integer (file, "store", "format", KEY_FILE_FORMAT);
  /* The recovery code carries 120 random bits: the interactive cost is ample. */
  return wrap_into (file, "passphrase", db_key, passphrase, level, error) &&
         wrap_into (file, "recovery", db_key, code, SC_KDF_INTERACTIVE, error) &&
         save (file, path, error);
}

static GKeyFile *
load (const char *path,
      GError    **error)
{
  g_autoptr (GKeyFile) file = g_key_file_new ();
  g_autoptr (GError) local_error = NULL;

  if (!g_key_file_load_from_file (file, path, G_KEY_FILE_NONE, &local_error))
    {
      if (g_error_matches (local_error, G_FILE_ERROR, G_FILE_ERROR_NOENT))
        g_set_error (error, SC_STORE_ERROR, SC_STORE_ERROR_NOT_FOUND,
                     _("There is no store here (%s is missing); create one first"), path);
      else
        g_set_error (error, SC_STORE_ERROR, SC_STORE_ERROR_DAMAGED,
                     _("The key file %s cannot be read: %s"), path, local_error->message);
      return NULL;
    }
  if (g_key_file_get_integer (file, "store", "format", NULL) != KEY_FILE_FORMAT)
    {
      g_set_error (error, SC_STORE_ERROR, SC_STORE_ERROR_TOO_NEW,
                   _("The key file %s was written by another version of Scrutineer; update "
                     "Scrutineer to open this store"),
                   path);
      return NULL;
    }
  return g_steal_pointer (&file);
}

static ScSecret *
unwrap (GKeyFile       *file,
        const char     *path,
        const char     *group,
        const ScSecret *secret,
        const char     *wrong_message,
        GError        **error)
{
  guint8 salt[crypto_pwhash_SALTBYTES];
  guint8 nonce[crypto_secretbox_NONCEBYTES];
  guint8 wrapped[SC_DB_KEY_BYTES + crypto_secretbox_MACBYTES];
  g_autofree char *kdf = g_key_file_get_string (file, group, "kdf", NULL);
  g_autofree char *salt64 = g_key_file_get_string (file, group, "salt", NULL);
  g_autofree char *nonce64 = g_key_file_get_string (file, group, "nonce", NULL);
  g_autofree char *wrapped64 = g_key_file_get_string (file, group, "wrapped", NULL);
  guint64 opslimit = g_key_file_get_uint64 (file, group, "opslimit", NULL);
  guint64 memlimit = g_key_file_get_uint64 (file, group, "memlimit", NULL);
  g_autoptr (ScSecret) kek = sc_secret_new (crypto_secretbox_KEYBYTES);
  g_autoptr (ScSecret) db_key = sc_secret_new (SC_DB_KEY_BYTES);

  if (g_strcmp0 (kdf, KDF_NAME) != 0 || !from_base64 (salt64, salt, sizeof salt) ||
      !from_base64 (nonce64, nonce, sizeof nonce) ||
      !from_base64 (wrapped64, wrapped, sizeof wrapped) ||
      opslimit < crypto_pwhash_OPSLIMIT_MIN || opslimit > crypto_pwhash_OPSLIMIT_SENSITIVE ||
      memlimit < crypto_pwhash_MEMLIMIT_MIN || memlimit > crypto_pwhash_MEMLIMIT_SENSITIVE)
    {
      g_set_error (error, SC_STORE_ERROR, SC_STORE_ERROR_DAMAGED,
                   _("The key file %s is damaged (its [%s] part is incomplete); restore it "
                     "from a backup"),
                   path, group);
      return NULL;
    }
  if (!derive (secret, salt, opslimit, (gsize) memlimit, kek, error))
    return NULL;
  if (crypto_secretbox_open_easy (db_key->data, wrapped, sizeof wrapped, nonce, kek->data) != 0)
    {
      g_set_error_literal (error, SC_STORE_ERROR, SC_STORE_ERROR_WRONG_PASSPHRASE,
                           wrong_message);
      return NULL;
    }
  return g_steal_pointer (&db_key);
}

ScSecret *
sc_keys_unlock (const char     *path,
                const ScSecret *passphrase,
                GError        **error)
{
  g_autoptr (GKeyFile) file = load (path, error);

  if (file == NULL)
    return NULL;
  return unwrap (file, path, "passphrase", passphrase,
                 _("Wrong passphrase: the store was not opened and nothing was changed"),
                 error);
}

ScSecret *
sc_keys_unlock_with_recovery (const char     *path,
                              const ScSecret *recovery_code,
                              GError        **error)
{
  g_autoptr (GKeyFile) file = NULL;
  g_autoptr (ScSecret) code = sc_recovery_code_normalise (recovery_code);

  if (code == NULL)
    {
      g_set_error (error, SC_STORE_ERROR, SC_STORE_ERROR_WRONG_PASSPHRASE,
                   _("That is not a recovery code: it has 24 letters and digits in groups of "
                     "four, like ABCD-EFGH-IJKL-MNOP-QRST-UVWX"));
      return NULL;
    }
  file = load (path, error);
  if (file == NULL)
    return NULL;
  return unwrap (file, path, "recovery", code,
                 _("Wrong recovery code: the store was not opened and nothing was changed"),
                 error);
}

gboolean
sc_keys_rewrap (const char     *path,
                const ScSecret *db_key,
                const ScSecret *new_passphrase,
                GError        **error)
{
  g_autoptr (GKeyFile) file = load (path, error);
  g_autofree char *level_name = NULL;
  ScKdfLevel level = SC_KDF_MODERATE;

  if (file == NULL)
    return FALSE;
  level_name = g_key_file_get_string (file, "passphrase", "level", NULL);
  sc_kdf_level_from_string (level_name, &level);
  return wrap_into (file, "passphrase", db_key, new_passphrase, level, error) &&
         save (file, path, error);
}
