/* sc-central-db.h: the central store's storage, one interface, two backends
 *
 * Copyright 2026 The Scrutineer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A database URL picks the backend:
 *   sqlite:PATH          an SQLCipher file, encrypted with 32 random bytes kept
 *                        in a key file (PATH.key unless --key-file says where;
 *                        created 0600 with the database)
 *   postgresql://…       PostgreSQL through libpq; at-rest protection is the
 *   postgres://…         database server's
 *
 * Every operation below is one transaction, and every backend may be called
 * from several threads at once. Each backend has its own numbered migrations
 * (sc-central-sqlite.c, sc-central-pg.c) over the same tables:
 *
 *   identity           the central store's own device: id, keys, secret keys
 *   devices            enrolled devices: id, name, role, sign and box keys, revoked
 *   bundles            id (unique), kind, sender, inspection, created, received,
 *                      size, sha256, n_chunks
 *   bundle_chunks      the bundle's bytes, SC_CENTRAL_CHUNK at a time
 *   bundle_recipients  (bundle, device)
 *   nonces             (device, nonce, seen_at), kept SC_CENTRAL_NONCE_TTL seconds
 *   report_frameworks  frameworks of the inspections reported on (sha256, XML)
 *   report_inspections the inspections whose team bundles were sealed to us
 *   report_evaluations (inspection, indicator, author, level) from those
 */
#pragma once

#include <gio/gio.h>

#include "sc-central.h"
#include "sc-secret.h"

G_BEGIN_DECLS

#define SC_CENTRAL_KEY_BYTES 32

typedef struct
{
  char *id; /* lower-case UUID */
  char *name;
  char *role;
  guint8 sign_key[SC_CENTRAL_KEY_BYTES];
  guint8 box_key[SC_CENTRAL_KEY_BYTES];
  gboolean revoked;
} ScCentralDevice;

typedef struct
{
  char *id;
  char *kind;
  char *sender;
  char *inspection;
  char *created;  /* as the bundle's header says */
  char *received; /* when the central store took it */
  guint64 size;
  char *sha256;   /* lower-case hex */
  guint n_chunks;
  GPtrArray *recipients; /* char*, device ids */
} ScCentralBundle;

/* The central store's own device identity. */
typedef struct
{
  char *id;
  char *name;
  guint8 sign_key[SC_CENTRAL_KEY_BYTES];
  guint8 box_key[SC_CENTRAL_KEY_BYTES];
  ScSecret *sign_secret;
  ScSecret *box_secret;
} ScCentralIdentity;

typedef struct
{
  gint64 inspections;
  gint64 bundles;
  gint64 devices;
  gint64 recipients;
  gint64 chunks;
  gint64 nonces;
} ScCentralCounts;

/* Reporting: what the central store keeps from the team bundles sealed to
 * it (levels only: no rationale, no names, no records). */
typedef struct
{
  char *sha256; /* of the framework's XML: its identity */
  char *framework_id;
  char *version;
  char *title;
  GBytes *xml;
} ScCentralFramework;

typedef struct
{
  char *indicator;
  char *author; /* member id */
  gint64 level;
} ScCentralEvaluation;

/* One inspection as its latest team bundle says. */
typedef struct
{
  char *inspection;
  char *lead;    /* member id, may be NULL */
  char *bundle;
  char *created; /* the bundle's; a later one replaces an earlier one */
  ScCentralFramework *framework;
  GPtrArray *evaluations; /* ScCentralEvaluation* */
} ScCentralTeam;

typedef struct
{
  char *framework; /* sha256 */
  char *inspection;
  char *lead;
  char *indicator;
  char *author;
  gint64 level;
  char *created; /* the inspection's latest team bundle's */
} ScCentralReportRow;

/* A request's nonce, to remember in the same transaction as its change. */
typedef struct
{
  const char *device;
  const char *nonce;
  gint64 now;
} ScCentralNonce;

typedef struct _ScCentralDb ScCentralDb;

typedef struct
{
  const char *name;
  void       (*close)          (ScCentralDb *self);
  int        (*schema_version) (ScCentralDb *self);
  /* OUT is NULL when there is none yet. */
  gboolean   (*load_identity)  (ScCentralDb        *self,
                                ScCentralIdentity **out,
                                GError            **error);
  /* Stores IDENTITY unless one is there already. */
  gboolean   (*save_identity)  (ScCentralDb             *self,
                                const ScCentralIdentity *identity,
                                GError                 **error);
  /* OUT is NULL for an unknown device. */
  gboolean   (*get_device)     (ScCentralDb      *self,
                                const char       *id,
                                ScCentralDevice **out,
                                GError          **error);
  /* Adds DEVICE, or updates its name and role. */
  gboolean   (*put_device)     (ScCentralDb           *self,
                                const ScCentralDevice *device,
                                GError               **error);
  gboolean   (*revoke_device)  (ScCentralDb *self,
                                const char  *id,
                                gboolean    *found,
                                GError     **error);
  /* Forgets nonces older than NOW - SC_CENTRAL_NONCE_TTL, then remembers
   * this one; FRESH is FALSE when it was seen before. */
  gboolean   (*remember_nonce) (ScCentralDb *self,
                                const char  *device,
                                const char  *nonce,
                                gint64       now,
                                gboolean    *fresh,
                                GError     **error);
  /* Stores BUNDLE, its recipients and SIZE bytes read from FD at offset 0,
   * all in one transaction, and NONCE (when not NULL) in the same one: one
   * commit, one sync to disk per upload. A nonce seen before sets FRESH to
   * FALSE and changes nothing. When the id is there already, only the nonce
   * is kept, CREATED is FALSE and EXISTING_SHA256 says what is stored. */
  gboolean   (*put_bundle)     (ScCentralDb           *self,
                                const ScCentralBundle *bundle,
                                int                    fd,
                                const ScCentralNonce  *nonce,
                                gboolean              *fresh,
                                gboolean              *created,
                                char                 **existing_sha256,
                                GError               **error);
  /* ScCentralBundle* (without recipients) addressed to DEVICE, oldest first:
   * those stored after bundle AFTER when it is not NULL (none when AFTER is
   * not known), at most LIMIT of them unless LIMIT is 0. */
  GPtrArray *(*list_bundles)   (ScCentralDb *self,
                                const char  *device,
                                const char  *after,
                                guint        limit,
                                GError     **error);
  /* OUT (with recipients) is NULL for an unknown id. */
  gboolean   (*get_bundle)     (ScCentralDb      *self,
                                const char       *id,
                                ScCentralBundle **out,
                                GError          **error);
  GBytes    *(*read_chunk)     (ScCentralDb *self,
                                const char  *id,
                                guint        index,
                                GError     **error);
  /* Keeps TEAM's framework, inspection and evaluations, replacing what an
   * earlier team bundle of the same inspection said; APPLIED is FALSE when a
   * later one is kept already. */
  gboolean   (*put_team)       (ScCentralDb         *self,
                                const ScCentralTeam *team,
                                gboolean            *applied,
                                GError             **error);
  /* ScCentralFramework* and ScCentralReportRow*. */
  gboolean   (*load_report)    (ScCentralDb *self,
                                GPtrArray  **frameworks,
                                GPtrArray  **rows,
                                GError     **error);
  /* Every bundle id, oldest first (integrity checks). */
  GPtrArray *(*list_ids)       (ScCentralDb *self,
                                GError     **error);
  gboolean   (*counts)         (ScCentralDb     *self,
                                ScCentralCounts *out,
                                GError         **error);
  /* The database's own consistency check. */
  gboolean   (*check)          (ScCentralDb *self,
                                GError     **error);
} ScCentralDbClass;

struct _ScCentralDb
{
  const ScCentralDbClass *klass;
  char *url; /* for messages; never holds a password */
};

/* The key file for a SQLite database at PATH when none is given. */
char        *sc_central_db_default_key_file (const char *path);

/* Opens (and creates, migrates, and gives an identity to) the database at
 * URL. KEY_FILE applies to SQLite only. */
ScCentralDb *sc_central_db_open (const char *url,
                                 const char *key_file,
                                 GError    **error);
void         sc_central_db_close (ScCentralDb *self);
const char  *sc_central_db_get_backend (ScCentralDb *self);

/* Backends (sc-central-sqlite.c, sc-central-pg.c). */
ScCentralDb *sc_central_sqlite_open (const char *path,
                                     const char *key_file,
                                     GError    **error);
ScCentralDb *sc_central_pg_open (const char *url,
                                 GError    **error);
/* A URL fit for messages: any password replaced by "***". */
char        *sc_central_pg_redact_url (const char *url);

/* Wrappers over the backend, with the checks that do not depend on it. */
ScCentralIdentity *sc_central_db_get_identity (ScCentralDb *self,
                                               GError     **error);
ScCentralDevice   *sc_central_db_get_device (ScCentralDb *self,
                                             const char  *id,
                                             GError     **error);
/* Refuses another device's keys under a known id, and revoked devices.
 * UPDATED tells whether the device was enrolled already. */
gboolean           sc_central_db_enrol (ScCentralDb           *self,
                                        const ScCentralDevice *device,
                                        gboolean              *updated,
                                        GError               **error);
gboolean           sc_central_db_revoke (ScCentralDb *self,
                                         const char  *id,
                                         GError     **error);
gboolean           sc_central_db_remember_nonce (ScCentralDb *self,
                                                 const char  *device,
                                                 const char  *nonce,
                                                 gint64       now,
                                                 gboolean    *fresh,
                                                 GError     **error);
/* FRESH may be NULL when NONCE is. */
gboolean           sc_central_db_put_bundle (ScCentralDb           *self,
                                             const ScCentralBundle *bundle,
                                             int                    fd,
                                             const ScCentralNonce  *nonce,
                                             gboolean              *fresh,
                                             gboolean              *created,
                                             GError               **error);
GPtrArray         *sc_central_db_list_bundles (ScCentralDb *self,
                                               const char  *device,
                                               const char  *after,
                                               guint        limit,
                                               GError     **error);
ScCentralBundle   *sc_central_db_get_bundle (ScCentralDb *self,
                                             const char  *id,
                                             GError     **error);
GBytes            *sc_central_db_read_chunk (ScCentralDb *self,
                                             const char  *id,
                                             guint        index,
                                             GError     **error);
gboolean           sc_central_db_counts (ScCentralDb     *self,
                                         ScCentralCounts *out,
                                         GError         **error);
/* The database's own check, then every bundle: its pieces add up to its size
 * and its SHA-256, and it has recipients. N_BUNDLES receives how many were
 * checked. */
gboolean           sc_central_db_verify (ScCentralDb *self,
                                         guint       *n_bundles,
                                         GError     **error);

void             sc_central_framework_free (ScCentralFramework *framework);
void             sc_central_evaluation_free (ScCentralEvaluation *evaluation);
ScCentralTeam   *sc_central_team_new (void);
void             sc_central_team_free (ScCentralTeam *team);
void             sc_central_report_row_free (ScCentralReportRow *row);

ScCentralDevice *sc_central_device_new (void);
void             sc_central_device_free (ScCentralDevice *device);
ScCentralBundle *sc_central_bundle_new (void);
void             sc_central_bundle_free (ScCentralBundle *bundle);
void             sc_central_identity_free (ScCentralIdentity *identity);
/* A fresh identity with new keys. */
ScCentralIdentity *sc_central_identity_generate (void);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (ScCentralDb, sc_central_db_close)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (ScCentralDevice, sc_central_device_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (ScCentralBundle, sc_central_bundle_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (ScCentralIdentity, sc_central_identity_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (ScCentralFramework, sc_central_framework_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (ScCentralTeam, sc_central_team_free)

G_END_DECLS
