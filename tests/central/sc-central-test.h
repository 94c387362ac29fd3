/* sc-central-test.h: what the central store's tests and benchmark share
 *
 * Copyright 2026 The Scrutineer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Databases: every case runs against SQLite, and against PostgreSQL when
 * the fixture (pg-fixture.py) started one and said where in SC_TEST_PG_HOST
 * and SC_TEST_PG_PORT. Each case gets a database of its own.
 *
 * Servers: the real scrutineer-central ($SCRUTINEER_CENTRAL), started on
 * 127.0.0.1 with port 0; its first line on stdout gives the URL.
 *
 * Bundles: synthetic but valid as far as the central store can tell: a real
 * header (sc_bundle_header_to_xml), random bytes for the sealed keys and the
 * payload, and a real signature by the sender's key.
 */
#pragma once

#include <gio/gio.h>

#include "sc-central-db.h"
#include "sc-sync.h"

G_BEGIN_DECLS

typedef struct
{
  char *backend; /* "sqlite" or "postgresql" */
  char *url;
  char *dir;     /* SQLite: the temporary directory */
  char *pg_name; /* PostgreSQL: the database's name */
} ScTestDb;

/* The backends to run: sqlite, and postgresql when the fixture is there. */
GPtrArray *sc_test_backends (void);
ScTestDb  *sc_test_db_new (const char *backend);
void       sc_test_db_free (ScTestDb *db);
ScCentralDb *sc_test_db_open (ScTestDb *db);

typedef struct
{
  char *id;
  guint8 sign_key[32];
  ScSecret *sign_secret;
  guint8 box_key[32];
} ScTestDevice;

ScTestDevice *sc_test_device_new (void);
void          sc_test_device_free (ScTestDevice *device);
/* Enrols DEVICE in ROLE, asserting success. */
void          sc_test_device_enrol (ScTestDevice *device,
                                    ScCentralDb  *db,
                                    const char   *role);
ScSyncClient *sc_test_device_client (ScTestDevice *device,
                                     const char   *url);

/* A bundle signed by SENDER for RECIPIENTS (device ids; the sender is
 * added), with PAYLOAD random bytes; ID receives its id when not NULL. */
GBytes *sc_test_bundle_new (const ScTestDevice *sender,
                            const char         *kind,
                            const char         *inspection,
                            const char * const *recipients,
                            gsize               payload,
                            char              **id);

typedef struct
{
  GSubprocess *process;
  char *url;
  char *port;
} ScTestServer;

/* EXTRA: more arguments for serve, NULL-terminated, or NULL. */
ScTestServer *sc_test_server_start (const char         *db_url,
                                    const char         *listen,
                                    const char * const *extra);
void          sc_test_server_kill (ScTestServer *server);
/* SIGTERM, and waits (SIGKILL after 10 s). */
void          sc_test_server_free (ScTestServer *server);

/* Many devices uploading at once, each from its own thread with its own
 * connection: N_CLIENTS enrolled inspectors, each with N_BUNDLES bundles of
 * MIN_PAYLOAD to MAX_PAYLOAD bytes for the same lead, every tenth of LARGE
 * bytes instead when LARGE is not 0. Each client uploads
 * its bundles one by one, retrying after network failures and 5xx until the
 * deadline (so a server may die and come back meanwhile), then lists what
 * the server holds for it and checks that all of its bundles are there. */
typedef struct
{
  ScTestDevice *device;
  GPtrArray *bundles;  /* GBytes* */
  GPtrArray *ids;      /* char* */
  guint stored;        /* uploads the server acknowledged */
  guint retries;
  GArray *latencies;   /* double: ms per acknowledged upload, retries included */
  char *error;
  struct _ScTestSwarm *swarm;
  GThread *thread;
} ScTestClient;

typedef struct _ScTestSwarm
{
  char *url;
  ScTestDevice *lead;
  GPtrArray *clients; /* ScTestClient* */
  gint64 deadline;
  gint stored;        /* all clients */
} ScTestSwarm;

ScTestSwarm *sc_test_swarm_new (ScCentralDb *db,
                                guint        n_clients,
                                guint        n_bundles,
                                gsize        min_payload,
                                gsize        max_payload,
                                gsize        large);
void         sc_test_swarm_start (ScTestSwarm *swarm,
                                  const char  *url,
                                  guint        seconds);
/* Joins the threads; FALSE with the first client's error if any failed. */
gboolean     sc_test_swarm_wait (ScTestSwarm *swarm,
                                 char       **error);
/* Every acknowledged upload's latency, in ms. */
GArray      *sc_test_swarm_latencies (ScTestSwarm *swarm);
void         sc_test_swarm_free (ScTestSwarm *swarm);

/* Counts, asserting success. */
void sc_test_counts (ScCentralDb     *db,
                     ScCentralCounts *counts);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (ScTestDb, sc_test_db_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (ScTestDevice, sc_test_device_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (ScTestServer, sc_test_server_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (ScTestSwarm, sc_test_swarm_free)

G_END_DECLS
