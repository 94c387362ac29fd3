/* bench-central.c: bundles ingested per second, and sync latency, with 50
 * clients: SQLite against PostgreSQL in the same run
 *
 * Copyright 2026 The Scrutineer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Runs the real scrutineer-central on loopback for each backend (PostgreSQL
 * when pg-fixture.py started one), and 50 clients, each on its own thread
 * and connection, uploading 20 bundles one after the other and then listing
 * theirs. "Ingested per second" is all bundles over the wall time from the
 * first request to the last answer; latency is per bundle, from the request
 * to the server's answer (its transaction committed).
 */
#include <sodium.h>

#include "sc-central-test.h"
#include "sc-test-util.h"

#define N_CLIENTS 50
#define N_BUNDLES 20

typedef struct
{
  double per_second;
  double mb_per_second;
  double p50;
  double p99;
  double max;
} Figures;

static gboolean
run_one (const char *backend,
         gsize       payload,
         Figures    *out)
{
  g_autoptr (ScTestDb) tdb = sc_test_db_new (backend);
  g_autoptr (ScCentralDb) db = sc_test_db_open (tdb);
  g_autoptr (ScTestSwarm) swarm = sc_test_swarm_new (db, N_CLIENTS, N_BUNDLES, payload,
                                                     payload, 0);
  g_autoptr (ScTestServer) server = sc_test_server_start (tdb->url, NULL, NULL);
  g_autoptr (GArray) latencies = NULL;
  g_autofree char *error = NULL;
  double started, seconds;

  if (server == NULL)
    {
      g_printerr ("bench-central: the %s server did not start\n", backend);
      return FALSE;
    }
  started = sc_test_now_ms ();
  sc_test_swarm_start (swarm, server->url, 600);
  if (!sc_test_swarm_wait (swarm, &error))
    {
      g_printerr ("bench-central: %s: %s\n", backend, error);
      return FALSE;
    }
  seconds = (sc_test_now_ms () - started) / 1000.0;
  latencies = sc_test_swarm_latencies (swarm);
  out->per_second = latencies->len / seconds;
  out->mb_per_second = latencies->len * (double) payload / seconds / (1024 * 1024);
  out->p50 = sc_test_percentile ((double *) (void *) latencies->data, (int) latencies->len, 0.50);
  out->p99 = sc_test_percentile ((double *) (void *) latencies->data, (int) latencies->len, 0.99);
  out->max = sc_test_percentile ((double *) (void *) latencies->data, (int) latencies->len, 1.0);
  return TRUE;
}

int
main (int    argc,
      char **argv)
{
  g_autoptr (GPtrArray) backends = sc_test_backends ();
  const gsize payloads[] = { 4 * 1024, 256 * 1024 };

  if (sodium_init () < 0)
    return 1;
  g_print ("central store: %d clients x %d bundles each, over loopback\n", N_CLIENTS,
           N_BUNDLES);
  if (backends->len < 2)
    g_print ("(no PostgreSQL fixture: SQLite only; run through tests/central/pg-fixture.py)\n");
  g_print ("%-11s %9s %12s %9s %11s %11s %11s\n", "backend", "payload", "bundles/s", "MiB/s",
           "p50 ms", "p99 ms", "max ms");
  for (guint p = 0; p < G_N_ELEMENTS (payloads); p++)
    {
      Figures figures[2] = { { 0 } };

      for (guint i = 0; i < backends->len; i++)
        {
          const char *backend = g_ptr_array_index (backends, i);

          if (!run_one (backend, payloads[p], &figures[i]))
            return 1;
          g_print ("%-11s %7zu K %12.1f %9.2f %11.1f %11.1f %11.1f\n", backend,
                   payloads[p] / 1024, figures[i].per_second, figures[i].mb_per_second,
                   figures[i].p50, figures[i].p99, figures[i].max);
        }
      if (backends->len == 2)
        g_print ("%-11s %7zu K %11.2fx %9s %11s %10.2fx\n", "pg/sqlite", payloads[p] / 1024,
                 figures[1].per_second / figures[0].per_second, "", "",
                 figures[1].p99 / figures[0].p99);
    }
  return 0;
}
