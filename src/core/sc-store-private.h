/* sc-store-private.h: what the store's own modules share
 *
 * Copyright 2026 The Scrutineer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#define SQLITE_HAS_CODEC 1
#include <sqlcipher/sqlite3.h>

#include "sc-store.h"

G_BEGIN_DECLS

struct _ScStore
{
  sqlite3 *db;
  char *dir;
  int lock_fd;
  ScSecret *key;
  char *cipher_version;
  char *device_id;
  char *owner_id;
  gint64 clock;          /* the Lamport counter: the last rev written or seen */
  int depth;             /* of nested transactions */
  gboolean doomed;       /* an inner level failed: the outer one must roll back */
  GHashTable *statements; /* SQL literal's address -> sqlite3_stmt*, prepared once */
  GHashTable *frameworks; /* framework row id -> ScFramework* */
};

/* A cached, reset statement for SQL, which must be a string literal: the
 * cache is keyed by its address. */
sqlite3_stmt *sc_store_prepare (ScStore    *self,
                                const char *sql,
                                GError    **error);
/* Runs SQL that returns no rows. */
gboolean      sc_store_exec (ScStore    *self,
                             const char *sql,
                             GError    **error);
/* Turns an SQLite result into a GError a user can act on. */
gboolean      sc_store_fail (ScStore *self,
                             int      rc,
                             GError **error);
/* Steps a statement that returns no rows, and resets it. */
gboolean      sc_store_step_done (ScStore      *self,
                                  sqlite3_stmt *stmt,
                                  GError      **error);

gboolean sc_store_begin (ScStore *self,
                         GError **error);
gboolean sc_store_commit (ScStore *self,
                          GError **error);
void     sc_store_rollback (ScStore *self);

/* The next Lamport revision for a row this device writes. */
gint64   sc_store_tick (ScStore *self);
/* Saves the counter; call inside the transaction that used it. */
gboolean sc_store_save_clock (ScStore *self,
                              GError **error);

/* Appends to the audit log: who (the owner) did ACTION to TABLE's ROW_ID. */
gboolean sc_store_audit (ScStore    *self,
                         const char *action,
                         const char *table,
                         const char *row_id,
                         const char *detail,
                         GError    **error);

char *sc_store_now (void);
char *sc_store_new_id (void);

void sc_bind_text (sqlite3_stmt *stmt,
                   int           index,
                   const char   *text);
char *sc_column_dup (sqlite3_stmt *stmt,
                     int           column);

/* Schema and migrations (sc-store-schema.c). */
gboolean sc_store_migrate (ScStore *self,
                           int      target,
                           GError **error);

/* A store whose schema stops at VERSION (1 and up), to test migrations. */
ScStore *sc_store_create_at_version_for_testing (const char     *dir,
                                                 const ScSecret *passphrase,
                                                 int             version,
                                                 GError        **error);

/* Opens the database with the key but stops migrating at TARGET (tests). */
ScStore *sc_store_open_at_version_for_testing (const char     *dir,
                                               const ScSecret *db_key,
                                               int             target,
                                               GError        **error);

G_END_DECLS

G_BEGIN_DECLS

/* Ends a change begun with sc_store_begin(): saves the clock and commits when
 * OK, else rolls back. Returns whether the change is on disk. */
gboolean sc_store_finish (ScStore *self,
                          gboolean ok,
                          GError **error);

/* Sets an answer without checking that the reading is the owner's: for the
 * demo, which plays a whole team, and for merging bundles. */
gboolean sc_store_write_answer (ScStore    *store,
                                const char *reading,
                                const char *question,
                                const char *value,
                                const char *evidence,
                                const char *indicators,
                                gboolean    owner_only,
                                GError    **error);

/* Many answers to one reading in one transaction (ScAnswer*, values
 * normalised), with one audit entry. */
gboolean sc_store_write_answers (ScStore    *store,
                                 const char *reading,
                                 GPtrArray  *answers,
                                 gboolean    owner_only,
                                 GError    **error);

/* Submits a reading; OWNER_ONLY refuses other readers' readings. */
gboolean sc_store_submit_reading_as (ScStore    *store,
                                     const char *reading,
                                     gboolean    owner_only,
                                     GError    **error);

/* Space-separated lists, as cohorts and indicator tags are stored. */
char  *sc_join_words (const char * const *words);
GStrv  sc_split_words (const char *text);

G_END_DECLS

G_BEGIN_DECLS

typedef gpointer (*ScRowFunc) (sqlite3_stmt *stmt);

/* Steps STMT to the end, turning each row into an element with FROM_ROW. */
GPtrArray *sc_store_collect (ScStore        *self,
                             sqlite3_stmt   *stmt,
                             ScRowFunc       from_row,
                             GDestroyNotify  free_func,
                             GError        **error);

G_END_DECLS
