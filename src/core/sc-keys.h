/* sc-keys.h: the store's key file, store.key
 *
 * Copyright 2026 The Scrutineer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The database is encrypted with 32 random bytes. store.key keeps those bytes
 * twice, each wrapped (crypto_secretbox) under a key derived with Argon2id:
 * once from the passphrase, once from the recovery code shown at creation.
 * Changing the passphrase re-wraps the key; the database is never touched.
 */
#pragma once

#include <glib.h>

#include "sc-secret.h"

G_BEGIN_DECLS

#define SC_DB_KEY_BYTES 32
#define SC_MIN_PASSPHRASE_CHARS 10

typedef enum
{
  SC_KDF_INTERACTIVE,
  SC_KDF_MODERATE,
  SC_KDF_SENSITIVE,
} ScKdfLevel;

gboolean    sc_kdf_level_from_string (const char *name,
                                      ScKdfLevel *level);
const char *sc_kdf_level_to_string (ScKdfLevel level);

/* Says, in a sentence a user can act on, why a passphrase is refused. */
gboolean sc_passphrase_check (const ScSecret *passphrase,
                              GError        **error);

/* A fresh recovery code: 120 random bits as 24 base32 characters in groups of
 * four, "ABCD-EFGH-…". */
ScSecret *sc_recovery_code_new (void);
/* Upper-cases, drops dashes and spaces, reads 0/1/8 as O/I/B; NULL if not a
 * well-formed code. */
ScSecret *sc_recovery_code_normalise (const ScSecret *code);

/* Writes a new key file holding DB_KEY wrapped twice. */
gboolean sc_keys_create (const char     *path,
                         const ScSecret *db_key,
                         const ScSecret *passphrase,
                         const ScSecret *recovery_code,
                         ScKdfLevel      level,
                         GError        **error);

/* Unwraps the database key; SC_STORE_ERROR_WRONG_PASSPHRASE if it does not open. */
ScSecret *sc_keys_unlock (const char     *path,
                          const ScSecret *passphrase,
                          GError        **error);
ScSecret *sc_keys_unlock_with_recovery (const char     *path,
                                        const ScSecret *recovery_code,
                                        GError        **error);

/* Re-wraps DB_KEY under NEW_PASSPHRASE, keeping the recovery wrap as it is.
 * The file is replaced atomically. */
gboolean sc_keys_rewrap (const char     *path,
                         const ScSecret *db_key,
                         const ScSecret *new_passphrase,
                         GError        **error);

G_END_DECLS
