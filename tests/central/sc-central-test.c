/* sc-central-test.c: what the central store's tests and benchmark share
 *
 * Copyright 2026 The Scrutineer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "sc-central-test.h"

#include <gio/gunixinputstream.h>
#include <glib/gstdio.h>
#include <libpq-fe.h>
#include <poll.h>
#include <signal.h>
#include <sys/prctl.h>
#include <sodium.h>
#include <string.h>

#include "sc-bundle-private.h"
#include "sc-test-util.h"

#define SERVER_START_SECONDS 20

GPtrArray *
sc_test_backends (void)
{
  GPtrArray *backends = g_ptr_array_new ();

  g_ptr_array_add (backends, "sqlite");
  if (g_getenv ("SC_TEST_PG_HOST") != NULL)
    g_ptr_array_add (backends, "postgresql");
  return backends;
}

static char *
pg_conninfo (const char *dbname)
{
  return g_strdup_printf ("host=%s port=%s user=scrutineer dbname=%s connect_timeout=10",
                          g_getenv ("SC_TEST_PG_HOST"), g_getenv ("SC_TEST_PG_PORT"), dbname);
}

static void
pg_admin (const char *sql)
{
  g_autofree char *conninfo = pg_conninfo ("postgres");
  PGconn *conn = PQconnectdb (conninfo);
  PGresult *result;

  g_assert_cmpint (PQstatus (conn), ==, CONNECTION_OK);
  result = PQexec (conn, sql);
  if (PQresultStatus (result) != PGRES_COMMAND_OK)
    g_error ("%s: %s", sql, PQerrorMessage (conn));
  PQclear (result);
  PQfinish (conn);
}

ScTestDb *
sc_test_db_new (const char *backend)
{
  static gint counter;
  ScTestDb *db = g_new0 (ScTestDb, 1);

  db->backend = g_strdup (backend);
  if (g_str_equal (backend, "sqlite"))
    {
      g_autofree char *path = NULL;

      db->dir = g_dir_make_tmp ("sc-central-test-XXXXXX", NULL);
      g_assert_nonnull (db->dir);
      path = g_build_filename (db->dir, "central.db", NULL);
      db->url = g_strconcat ("sqlite:", path, NULL);
    }
  else
    {
      g_autofree char *sql = NULL;

      db->pg_name = g_strdup_printf ("sc_test_%d_%d", (int) getpid (),
                                     g_atomic_int_add (&counter, 1));
      sql = g_strdup_printf ("CREATE DATABASE %s", db->pg_name);
      pg_admin (sql);
      db->url = g_strdup_printf ("postgresql:///%s?host=%s&port=%s&user=scrutineer", db->pg_name,
                                 g_getenv ("SC_TEST_PG_HOST"), g_getenv ("SC_TEST_PG_PORT"));
    }
  return db;
}

void
sc_test_db_free (ScTestDb *db)
{
  if (db == NULL)
    return;
  if (db->dir != NULL)
    sc_test_remove_tree (db->dir);
  if (db->pg_name != NULL)
    {
      g_autofree char *sql = g_strdup_printf ("DROP DATABASE IF EXISTS %s WITH (FORCE)",
                                              db->pg_name);

      pg_admin (sql);
    }
  g_free (db->backend);
  g_free (db->url);
  g_free (db->dir);
  g_free (db->pg_name);
  g_free (db);
}

ScCentralDb *
sc_test_db_open (ScTestDb *db)
{
  g_autoptr (GError) error = NULL;
  ScCentralDb *central = sc_central_db_open (db->url, NULL, &error);

  g_assert_no_error (error);
  g_assert_nonnull (central);
  return central;
}

void
sc_test_counts (ScCentralDb     *db,
                ScCentralCounts *counts)
{
  g_autoptr (GError) error = NULL;

  g_assert_true (sc_central_db_counts (db, counts, &error));
  g_assert_no_error (error);
}

/* Devices */

ScTestDevice *
sc_test_device_new (void)
{
  ScTestDevice *device = g_new0 (ScTestDevice, 1);
  guint8 box_secret[crypto_box_SECRETKEYBYTES];

  g_assert_cmpint (sodium_init (), >=, 0);
  device->id = g_uuid_string_random ();
  device->sign_secret = sc_secret_new (crypto_sign_SECRETKEYBYTES);
  crypto_sign_keypair (device->sign_key, device->sign_secret->data);
  crypto_box_keypair (device->box_key, box_secret);
  sodium_memzero (box_secret, sizeof box_secret);
  return device;
}

void
sc_test_device_free (ScTestDevice *device)
{
  if (device == NULL)
    return;
  g_free (device->id);
  sc_secret_free (device->sign_secret);
  g_free (device);
}

void
sc_test_device_enrol (ScTestDevice *device,
                      ScCentralDb  *db,
                      const char   *role)
{
  ScCentralDevice central = { 0 };
  g_autoptr (GError) error = NULL;

  central.id = device->id;
  central.name = (char *) "Test device";
  central.role = (char *) role;
  memcpy (central.sign_key, device->sign_key, sizeof central.sign_key);
  memcpy (central.box_key, device->box_key, sizeof central.box_key);
  g_assert_true (sc_central_db_enrol (db, &central, NULL, &error));
  g_assert_no_error (error);
}

ScSyncClient *
sc_test_device_client (ScTestDevice *device,
                       const char   *url)
{
  g_autoptr (GError) error = NULL;
  ScSyncClient *client = sc_sync_client_new (url, NULL, device->id, device->sign_secret, &error);

  g_assert_no_error (error);
  sc_sync_client_set_timeout (client, 30);
  return client;
}

/* Bundles */

GBytes *
sc_test_bundle_new (const ScTestDevice *sender,
                    const char         *kind,
                    const char         *inspection,
                    const char * const *recipients,
                    gsize               payload,
                    char              **id)
{
  g_autoptr (ScBundleHeader) header = sc_bundle_header_new ();
  g_autoptr (GBytes) xml = NULL;
  g_autoptr (GByteArray) out = g_byte_array_new ();
  guint8 hash[SC_BUNDLE_HASH_BYTES];
  guint8 signature[SC_BUNDLE_SIGNATURE_BYTES];
  guint8 prefix[SC_BUNDLE_PREFIX_BYTES] = { 'S', 'C', 'R', 'B', SC_BUNDLE_FORMAT };
  g_autofree guint8 *body = g_malloc (MAX (payload, 1));
  gsize xml_len;
  ScBundleSlot *slot;

  header->id = g_uuid_string_random ();
  g_assert_true (sc_bundle_kind_from_string (kind, &header->kind));
  header->created = g_strdup ("2026-03-02T10:00:00Z");
  header->inspection = g_strdup (inspection);
  header->sender = g_strdup (sender->id);
  memcpy (header->sender_key, sender->sign_key, sizeof header->sender_key);
  slot = g_new0 (ScBundleSlot, 1);
  slot->device = g_strdup (sender->id);
  randombytes_buf (slot->sealed_key, sizeof slot->sealed_key);
  g_ptr_array_add (header->slots, slot);
  for (guint i = 0; recipients != NULL && recipients[i] != NULL; i++)
    {
      slot = g_new0 (ScBundleSlot, 1);
      slot->device = g_strdup (recipients[i]);
      randombytes_buf (slot->sealed_key, sizeof slot->sealed_key);
      g_ptr_array_add (header->slots, slot);
    }
  randombytes_buf (header->stream_header, sizeof header->stream_header);
  header->compressed_length = payload;
  xml = sc_bundle_header_to_xml (header);
  g_assert_nonnull (xml);
  xml_len = g_bytes_get_size (xml);
  prefix[5] = (guint8) (xml_len & 0xff);
  prefix[6] = (guint8) ((xml_len >> 8) & 0xff);
  prefix[7] = (guint8) ((xml_len >> 16) & 0xff);
  prefix[8] = (guint8) ((xml_len >> 24) & 0xff);
  randombytes_buf (body, payload);
  g_byte_array_append (out, prefix, sizeof prefix);
  g_byte_array_append (out, g_bytes_get_data (xml, NULL), (guint) xml_len);
  g_byte_array_append (out, body, (guint) payload);
  crypto_generichash (hash, sizeof hash, out->data, out->len, NULL, 0);
  crypto_sign_detached (signature, NULL, hash, sizeof hash, sender->sign_secret->data);
  g_byte_array_append (out, signature, sizeof signature);
  if (id != NULL)
    *id = g_strdup (header->id);
  return g_byte_array_free_to_bytes (g_steal_pointer (&out));
}

/* Servers */

/* Reads the first line of FD within the deadline. */
static char *
read_line (int    fd,
           gint64 deadline)
{
  g_autoptr (GString) line = g_string_new (NULL);

  while (g_get_monotonic_time () < deadline)
    {
      struct pollfd pfd = { fd, POLLIN, 0 };
      char c;

      if (poll (&pfd, 1, 100) <= 0)
        continue;
      if (read (fd, &c, 1) != 1)
        return NULL;
      if (c == '\n')
        return g_string_free (g_steal_pointer (&line), FALSE);
      g_string_append_c (line, c);
    }
  return NULL;
}

/* A server outlives no failed test: it dies with the test process. */
static void
die_with_parent (gpointer data)
{
  prctl (PR_SET_PDEATHSIG, SIGKILL);
}

ScTestServer *
sc_test_server_start (const char         *db_url,
                      const char         *listen,
                      const char * const *extra)
{
  g_autoptr (GPtrArray) argv = g_ptr_array_new ();
  g_autoptr (GSubprocessLauncher) launcher = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (ScTestServer) server = g_new0 (ScTestServer, 1);
  g_autofree char *line = NULL;
  const char *binary = g_getenv ("SCRUTINEER_CENTRAL");
  GInputStream *out;
  const char *colon;

  g_assert_nonnull (binary);
  g_ptr_array_add (argv, (gpointer) binary);
  g_ptr_array_add (argv, "serve");
  /* SC_TEST_SERVER_LOG=1 shows the server's log of requests. */
  if (g_getenv ("SC_TEST_SERVER_LOG") == NULL)
    g_ptr_array_add (argv, "--quiet");
  g_ptr_array_add (argv, "--listen");
  g_ptr_array_add (argv, (gpointer) (listen != NULL ? listen : "127.0.0.1:0"));
  g_ptr_array_add (argv, "--database");
  g_ptr_array_add (argv, (gpointer) db_url);
  for (guint i = 0; extra != NULL && extra[i] != NULL; i++)
    g_ptr_array_add (argv, (gpointer) extra[i]);
  g_ptr_array_add (argv, NULL);
  launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE);
  g_subprocess_launcher_set_child_setup (launcher, die_with_parent, NULL, NULL);
  server->process = g_subprocess_launcher_spawnv (launcher, (const char * const *) argv->pdata,
                                                  &error);
  g_assert_no_error (error);
  out = g_subprocess_get_stdout_pipe (server->process);
  line = read_line (g_unix_input_stream_get_fd (G_UNIX_INPUT_STREAM (out)),
                    g_get_monotonic_time () + SERVER_START_SECONDS * G_USEC_PER_SEC);
  if (line == NULL || !g_str_has_prefix (line, "Listening on "))
    {
      sc_test_server_kill (server);
      return NULL;
    }
  server->url = g_strdup (line + strlen ("Listening on "));
  colon = strrchr (server->url, ':');
  server->port = g_strdup (colon + 1);
  return g_steal_pointer (&server);
}

void
sc_test_server_kill (ScTestServer *server)
{
  if (server->process == NULL)
    return;
  g_subprocess_send_signal (server->process, SIGKILL);
  g_subprocess_wait (server->process, NULL, NULL);
  g_clear_object (&server->process);
}

static gboolean
on_timeout (gpointer data)
{
  *(gboolean *) data = TRUE;
  return G_SOURCE_REMOVE;
}

static void
on_exited (GObject      *source,
           GAsyncResult *result,
           gpointer      data)
{
  g_subprocess_wait_finish (G_SUBPROCESS (source), result, NULL);
  *(gboolean *) data = TRUE;
}

void
sc_test_server_free (ScTestServer *server)
{
  if (server == NULL)
    return;
  if (server->process != NULL)
    {
      g_autoptr (GMainContext) context = g_main_context_new ();
      gboolean exited = FALSE, timed_out = FALSE;
      GSource *timer = g_timeout_source_new_seconds (10);

      g_main_context_push_thread_default (context);
      g_source_set_callback (timer, on_timeout, &timed_out, NULL);
      g_source_attach (timer, context);
      g_subprocess_send_signal (server->process, SIGTERM);
      g_subprocess_wait_async (server->process, NULL, on_exited, &exited);
      while (!exited && !timed_out)
        g_main_context_iteration (context, TRUE);
      g_source_destroy (timer);
      g_source_unref (timer);
      if (!exited)
        {
          g_subprocess_force_exit (server->process);
          while (!exited)
            g_main_context_iteration (context, TRUE);
        }
      g_main_context_pop_thread_default (context);
      g_clear_object (&server->process);
    }
  g_free (server->url);
  g_free (server->port);
  g_free (server);
}

/* Swarms */

ScTestSwarm *
sc_test_swarm_new (ScCentralDb *db,
                   guint        n_clients,
                   guint        n_bundles,
                   gsize        min_payload,
                   gsize        max_payload,
                   gsize        large)
{
  ScTestSwarm *swarm = g_new0 (ScTestSwarm, 1);
  g_autofree char *inspection = g_uuid_string_random ();

  swarm->lead = sc_test_device_new ();
  sc_test_device_enrol (swarm->lead, db, "lead");
  swarm->clients = g_ptr_array_new ();
  for (guint i = 0; i < n_clients; i++)
    {
      ScTestClient *client = g_new0 (ScTestClient, 1);
      const char *recipients[] = { swarm->lead->id, NULL };

      client->swarm = swarm;
      client->device = sc_test_device_new ();
      sc_test_device_enrol (client->device, db, "inspector");
      client->bundles = g_ptr_array_new_with_free_func ((GDestroyNotify) g_bytes_unref);
      client->ids = g_ptr_array_new_with_free_func (g_free);
      client->latencies = g_array_new (FALSE, FALSE, sizeof (double));
      for (guint j = 0; j < n_bundles; j++)
        {
          gsize payload = min_payload + (max_payload > min_payload
                                           ? (gsize) g_random_int_range (0, (gint32) (max_payload -
                                                                                      min_payload))
                                           : 0);
          char *id = NULL;

          if (large > 0 && j % 10 == 9)
            payload = large;
          g_ptr_array_add (client->bundles,
                           sc_test_bundle_new (client->device, "member", inspection, recipients,
                                               payload, &id));
          g_ptr_array_add (client->ids, id);
        }
      g_ptr_array_add (swarm->clients, client);
    }
  return swarm;
}

static gboolean
transient (const GError *error)
{
  return g_error_matches (error, SC_SYNC_ERROR, SC_SYNC_ERROR_NETWORK) ||
         g_error_matches (error, SC_SYNC_ERROR, SC_SYNC_ERROR_SERVER);
}

static gboolean
upload_until_done (ScTestClient *self,
                   ScSyncClient *sync,
                   GBytes       *bundle)
{
  double started = sc_test_now_ms ();

  /* Bounded by the deadline: at most one try per 50 ms after the first. */
  while (g_get_monotonic_time () < self->swarm->deadline)
    {
      g_autoptr (GError) error = NULL;

      if (sc_sync_client_upload_bytes (sync, bundle, NULL, &error))
        {
          double ms = sc_test_now_ms () - started;

          g_array_append_val (self->latencies, ms);
          self->stored++;
          g_atomic_int_inc (&self->swarm->stored);
          return TRUE;
        }
      if (!transient (error))
        {
          self->error = g_strdup (error->message);
          return FALSE;
        }
      self->retries++;
      g_usleep (50000);
    }
  self->error = g_strdup ("the deadline passed before the upload went through");
  return FALSE;
}

static gboolean
list_has_all (ScTestClient *self,
              ScSyncClient *sync)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) entries = NULL;
  g_autoptr (GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);

  while (entries == NULL && g_get_monotonic_time () < self->swarm->deadline)
    {
      g_clear_error (&error);
      entries = sc_sync_client_list (sync, &error);
      if (entries == NULL && !transient (error))
        break;
      if (entries == NULL)
        g_usleep (50000);
    }
  if (entries == NULL)
    {
      self->error = g_strdup (error != NULL ? error->message : "no list before the deadline");
      return FALSE;
    }
  for (guint i = 0; i < entries->len; i++)
    g_hash_table_add (seen, ((ScSyncEntry *) g_ptr_array_index (entries, i))->id);
  for (guint i = 0; i < self->ids->len; i++)
    if (!g_hash_table_contains (seen, g_ptr_array_index (self->ids, i)))
      {
        self->error = g_strdup_printf ("bundle %s is not listed",
                                       (char *) g_ptr_array_index (self->ids, i));
        return FALSE;
      }
  return TRUE;
}

static gpointer
client_thread (gpointer data)
{
  ScTestClient *self = data;
  g_autoptr (ScSyncClient) sync = NULL;
  g_autoptr (GError) error = NULL;

  /* A session per thread, made in the thread that uses it. */
  sync = sc_sync_client_new (self->swarm->url, NULL, self->device->id, self->device->sign_secret,
                             &error);
  if (sync == NULL)
    {
      self->error = g_strdup (error->message);
      return NULL;
    }
  sc_sync_client_set_timeout (sync, 30);
  sc_sync_client_set_attempts (sync, 1);
  for (guint i = 0; i < self->bundles->len; i++)
    if (!upload_until_done (self, sync, g_ptr_array_index (self->bundles, i)))
      return NULL;
  list_has_all (self, sync);
  return NULL;
}

void
sc_test_swarm_start (ScTestSwarm *swarm,
                     const char  *url,
                     guint        seconds)
{
  g_free (swarm->url);
  swarm->url = g_strdup (url);
  swarm->deadline = g_get_monotonic_time () + (gint64) seconds * G_USEC_PER_SEC;
  for (guint i = 0; i < swarm->clients->len; i++)
    {
      ScTestClient *client = g_ptr_array_index (swarm->clients, i);

      client->thread = g_thread_new ("sc-test-client", client_thread, client);
    }
}

gboolean
sc_test_swarm_wait (ScTestSwarm *swarm,
                    char       **error)
{
  gboolean ok = TRUE;

  for (guint i = 0; i < swarm->clients->len; i++)
    {
      ScTestClient *client = g_ptr_array_index (swarm->clients, i);

      if (client->thread != NULL)
        g_thread_join (g_steal_pointer (&client->thread));
      if (client->error != NULL && ok)
        {
          ok = FALSE;
          if (error != NULL)
            *error = g_strdup_printf ("client %u: %s", i, client->error);
        }
    }
  return ok;
}

GArray *
sc_test_swarm_latencies (ScTestSwarm *swarm)
{
  GArray *all = g_array_new (FALSE, FALSE, sizeof (double));

  for (guint i = 0; i < swarm->clients->len; i++)
    {
      ScTestClient *client = g_ptr_array_index (swarm->clients, i);

      g_array_append_vals (all, client->latencies->data, client->latencies->len);
    }
  return all;
}

void
sc_test_swarm_free (ScTestSwarm *swarm)
{
  if (swarm == NULL)
    return;
  sc_test_swarm_wait (swarm, NULL);
  for (guint i = 0; i < swarm->clients->len; i++)
    {
      ScTestClient *client = g_ptr_array_index (swarm->clients, i);

      sc_test_device_free (client->device);
      g_ptr_array_unref (client->bundles);
      g_ptr_array_unref (client->ids);
      g_array_unref (client->latencies);
      g_free (client->error);
      g_free (client);
    }
  g_ptr_array_unref (swarm->clients);
  sc_test_device_free (swarm->lead);
  g_free (swarm->url);
  g_free (swarm);
}
