/* test-central-load.c: many devices at once, and a server killed under load
 *
 * Copyright 2026 The Scrutineer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Pass or fail on correctness only; the figures are the benchmark's
 * (tests/bench/bench-central.c). Every loop is bounded by a count and a
 * deadline.
 */
#include <sodium.h>
#include <string.h>

#include "sc-central-test.h"
#include "sc-test-util.h"

#define N_CLIENTS 50
#define N_BUNDLES 20
#define DEADLINE_SECONDS 240

/* Every bundle of every client is stored once and whole. */
static void
assert_all_stored (ScCentralDb *db,
                   ScTestSwarm *swarm)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) ids = db->klass->list_ids (db, &error);
  g_autoptr (GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);
  ScCentralCounts counts;
  guint n = 0;

  g_assert_no_error (error);
  for (guint i = 0; i < ids->len; i++)
    g_assert_true (g_hash_table_add (seen, g_ptr_array_index (ids, i)));
  for (guint i = 0; i < swarm->clients->len; i++)
    {
      ScTestClient *client = g_ptr_array_index (swarm->clients, i);

      for (guint j = 0; j < client->ids->len; j++)
        g_assert_true (g_hash_table_contains (seen, g_ptr_array_index (client->ids, j)));
    }
  sc_test_counts (db, &counts);
  g_assert_cmpint (counts.bundles, ==, N_CLIENTS * N_BUNDLES);
  g_assert_cmpint (counts.recipients, ==, 2 * N_CLIENTS * N_BUNDLES);
  g_assert_true (sc_central_db_verify (db, &n, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (n, ==, N_CLIENTS * N_BUNDLES);
}

static void
test_load (gconstpointer data)
{
  g_autoptr (ScTestDb) tdb = sc_test_db_new (data);
  g_autoptr (ScCentralDb) db = sc_test_db_open (tdb);
  g_autoptr (ScTestSwarm) swarm = sc_test_swarm_new (db, N_CLIENTS, N_BUNDLES, 1024, 8192, 0);
  g_autoptr (ScTestServer) server = sc_test_server_start (tdb->url, NULL, NULL);
  g_autofree char *error = NULL;
  guint retries = 0;

  g_assert_nonnull (server);
  sc_test_swarm_start (swarm, server->url, DEADLINE_SECONDS);
  if (!sc_test_swarm_wait (swarm, &error))
    g_error ("%s", error);
  for (guint i = 0; i < swarm->clients->len; i++)
    retries += ((ScTestClient *) g_ptr_array_index (swarm->clients, i))->retries;
  g_test_message ("%d uploads, %u retried", swarm->stored, retries);
  g_assert_cmpint (swarm->stored, ==, N_CLIENTS * N_BUNDLES);
  assert_all_stored (db, swarm);
}

/* Kill the server (SIGKILL) while uploads are under way, check that the
 * database holds no partial bundle, start it again on the same port, and let
 * the clients' retries finish. */
static void
test_kill (gconstpointer data)
{
  g_autoptr (ScTestDb) tdb = sc_test_db_new (data);
  g_autoptr (ScCentralDb) db = sc_test_db_open (tdb);
  /* Larger bundles, some of several pieces, so that some are on the wire
   * or half-written when the server dies. */
  g_autoptr (ScTestSwarm) swarm = sc_test_swarm_new (db, N_CLIENTS, N_BUNDLES, 16 * 1024,
                                                     128 * 1024, 2 * SC_CENTRAL_CHUNK + 4096);
  g_autoptr (ScTestServer) server = sc_test_server_start (tdb->url, NULL, NULL);
  g_autofree char *listen = NULL;
  g_autofree char *error = NULL;
  g_autoptr (GError) verify_error = NULL;
  gint64 until = g_get_monotonic_time () + 120 * G_USEC_PER_SEC;
  ScCentralCounts counts = { 0 };
  guint n = 0;

  g_assert_nonnull (server);
  listen = g_strconcat ("127.0.0.1:", server->port, NULL);
  sc_test_swarm_start (swarm, server->url, DEADLINE_SECONDS);
  while (counts.bundles < N_CLIENTS * N_BUNDLES / 4 && g_get_monotonic_time () < until)
    {
      g_usleep (20000);
      sc_test_counts (db, &counts);
    }
  g_assert_cmpint (counts.bundles, <, N_CLIENTS * N_BUNDLES);
  sc_test_server_kill (server);

  /* Dead: whatever it stored is whole, and nothing else is there. */
  g_assert_true (sc_central_db_verify (db, &n, &verify_error));
  g_assert_no_error (verify_error);
  sc_test_counts (db, &counts);
  g_test_message ("killed with %" G_GINT64_FORMAT " bundles stored (%u verified whole), "
                  "%d acknowledged",
                  counts.bundles, n, g_atomic_int_get (&swarm->stored));
  g_assert_cmpint (counts.bundles, ==, n);
  g_assert_cmpint (counts.recipients, ==, 2 * counts.bundles);
  g_assert_cmpint (counts.bundles, >=, g_atomic_int_get (&swarm->stored));

  sc_test_server_free (g_steal_pointer (&server));
  server = sc_test_server_start (tdb->url, listen, NULL);
  g_assert_nonnull (server);
  if (!sc_test_swarm_wait (swarm, &error))
    g_error ("%s", error);
  g_assert_cmpint (swarm->stored, ==, N_CLIENTS * N_BUNDLES);
  assert_all_stored (db, swarm);
}

int
main (int    argc,
      char **argv)
{
  g_autoptr (GPtrArray) backends = sc_test_backends ();

  g_test_init (&argc, &argv, NULL);
  g_assert_cmpint (sodium_init (), >=, 0);
  for (guint i = 0; i < backends->len; i++)
    {
      const char *backend = g_ptr_array_index (backends, i);
      g_autofree char *load = g_strdup_printf ("/central/load/%s/50-clients", backend);
      g_autofree char *kill = g_strdup_printf ("/central/load/%s/kill-and-restart", backend);

      g_test_add_data_func (load, backend, test_load);
      g_test_add_data_func (kill, backend, test_kill);
    }
  return g_test_run ();
}
