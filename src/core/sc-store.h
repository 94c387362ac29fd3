/* sc-store.h: the encrypted local store
 *
 * Copyright 2026 The Scrutineer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * One SQLCipher database per user profile, DIR/store.db, with its key wrapped
 * in DIR/store.key. Opening is two steps, so a user interface can run the
 * slow one off the main thread: derive the key from the passphrase (Argon2id,
 * about a second), then open the database with it (milliseconds).
 */
#pragma once

#include <glib.h>

#include "sc-framework.h"
#include "sc-keys.h"
#include "sc-secret.h"

G_BEGIN_DECLS

#define SC_STORE_ERROR (sc_store_error_quark ())

typedef enum
{
  SC_STORE_ERROR_FAILED,
  SC_STORE_ERROR_NOT_FOUND,        /* no store, or no such row */
  SC_STORE_ERROR_EXISTS,           /* a store is already there */
  SC_STORE_ERROR_WRONG_PASSPHRASE, /* the key did not unwrap: nothing was touched */
  SC_STORE_ERROR_WEAK_PASSPHRASE,
  SC_STORE_ERROR_MISMATCH,         /* store.key and store.db do not belong together */
  SC_STORE_ERROR_DAMAGED,
  SC_STORE_ERROR_TOO_NEW,          /* made by a newer Scrutineer */
  SC_STORE_ERROR_ALREADY_OPEN,     /* another process has it */
  SC_STORE_ERROR_DISK_FULL,
  SC_STORE_ERROR_NOT_ENCRYPTED,    /* the SQLCipher codec is missing: refuse to write */
  SC_STORE_ERROR_INVALID,          /* a value the data model does not accept */
  SC_STORE_ERROR_AMBIGUOUS,        /* several candidates; the caller must choose */
  SC_STORE_ERROR_READ_ONLY,        /* e.g. a submitted reading */
  SC_STORE_ERROR_INCOMPLETE,       /* e.g. required answers missing */
  SC_STORE_ERROR_BLIND,            /* the other reading stays hidden until both are submitted */
} ScStoreError;

/* The schema this program writes; stores with a higher one are refused. */
#define SC_STORE_SCHEMA_VERSION 3

typedef struct _ScStore ScStore;

GQuark sc_store_error_quark (void);

/* $SCRUTINEER_STORE, else $XDG_DATA_HOME/scrutineer. */
char    *sc_store_default_dir (void);
gboolean sc_store_exists (const char *dir);

/* Creates DIR/store.db and DIR/store.key, owned by a member called OWNER_NAME
 * in OWNER_ROLE. RECOVERY_CODE receives the code to show the user once. */
ScStore *sc_store_create (const char     *dir,
                          const ScSecret *passphrase,
                          ScKdfLevel      level,
                          const char     *owner_name,
                          const char     *owner_role,
                          ScSecret      **recovery_code,
                          GError        **error);

/* Step one of opening: slow, touches nothing but reads store.key. */
ScSecret *sc_store_derive_key (const char     *dir,
                               const ScSecret *passphrase,
                               GError        **error);
ScSecret *sc_store_derive_key_with_recovery (const char     *dir,
                                             const ScSecret *recovery_code,
                                             GError        **error);
/* Step two: opens, checks the encryption, migrates, and locks the store
 * against other processes. */
ScStore  *sc_store_open_with_key (const char     *dir,
                                  const ScSecret *db_key,
                                  GError        **error);
/* Both steps. */
ScStore  *sc_store_open (const char     *dir,
                         const ScSecret *passphrase,
                         GError        **error);

/* Re-wraps the key under a new passphrase; the database is not rewritten. */
gboolean sc_store_change_passphrase (ScStore        *self,
                                     const ScSecret *new_passphrase,
                                     GError        **error);

/* Closes the database, wipes the key and releases the lock. */
void sc_store_close (ScStore *self);

const char *sc_store_get_dir (ScStore *self);
const char *sc_store_get_cipher_version (ScStore *self);
const char *sc_store_get_device_id (ScStore *self);
const char *sc_store_get_owner_id (ScStore *self);
int         sc_store_get_schema_version (ScStore *self);

/* PRAGMA integrity_check and cipher_integrity_check; COUNTS (table name ->
 * GINT_TO_POINTER (live rows)) when not NULL. */
gboolean sc_store_check (ScStore     *self,
                         GHashTable **counts,
                         GError     **error);

/* Limits the database to PAGES pages, so tests can fill the disk. */
void sc_store_limit_pages_for_testing (ScStore *self,
                                       int      pages);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (ScStore, sc_store_close)

G_END_DECLS
