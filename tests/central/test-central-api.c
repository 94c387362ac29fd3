/* test-central-api.c: the central store's HTTP API, on every backend
 *
 * Copyright 2026 The Scrutineer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Runs the real scrutineer-central and talks to it over loopback: what it
 * stores and hands out, and that every ill-formed, unsigned, badly signed,
 * stale, replayed, oversized or otherwise refused request gets its 4xx and
 * changes nothing (the row counts are compared before and after).
 */
#include <glib/gstdio.h>
#include <json-glib/json-glib.h>
#include <libsoup/soup.h>
#include <sodium.h>
#include <string.h>

#include "sc-central-test.h"

typedef struct
{
  ScTestDb *tdb;
  ScCentralDb *db;
  ScTestServer *server;
  ScTestDevice *a;        /* an inspector */
  ScTestDevice *b;        /* the lead */
  ScTestDevice *c;        /* enrolled, but not a recipient */
  ScTestDevice *stranger; /* not enrolled */
  char *inspection;
  SoupSession *session;
} Fixture;

static void
fixture_set_up (Fixture      *f,
                gconstpointer data)
{
  f->tdb = sc_test_db_new (data);
  f->db = sc_test_db_open (f->tdb);
  f->a = sc_test_device_new ();
  f->b = sc_test_device_new ();
  f->c = sc_test_device_new ();
  f->stranger = sc_test_device_new ();
  sc_test_device_enrol (f->a, f->db, "inspector");
  sc_test_device_enrol (f->b, f->db, "lead");
  sc_test_device_enrol (f->c, f->db, "inspector");
  f->inspection = g_uuid_string_random ();
  f->server = sc_test_server_start (f->tdb->url, NULL, NULL);
  g_assert_nonnull (f->server);
  f->session = soup_session_new_with_options ("timeout", 30, NULL);
}

static void
fixture_tear_down (Fixture      *f,
                   gconstpointer data)
{
  g_clear_object (&f->session);
  g_clear_pointer (&f->server, sc_test_server_free);
  g_clear_pointer (&f->db, sc_central_db_close);
  g_clear_pointer (&f->tdb, sc_test_db_free);
  sc_test_device_free (f->a);
  sc_test_device_free (f->b);
  sc_test_device_free (f->c);
  sc_test_device_free (f->stranger);
  g_free (f->inspection);
}

static GBytes *
bundle_for_b (Fixture    *f,
              ScTestDevice *sender,
              gsize       payload,
              char      **id)
{
  const char *recipients[] = { f->b->id, NULL };

  return sc_test_bundle_new (sender, "member", f->inspection, recipients, payload, id);
}

/* Raw requests, signed (or not) exactly as a case needs. */

typedef struct
{
  const char *device;     /* NULL: no signature headers at all */
  const ScSecret *secret; /* the key that signs */
  gint64 time_shift;
  const char *nonce;      /* NULL: a fresh one */
  GBytes *signed_body;    /* NULL: the body sent */
} Signing;

static guint
raw_send (Fixture       *f,
          const char    *method,
          const char    *path,
          GBytes        *body,
          const Signing *signing,
          JsonNode     **json)
{
  g_autofree char *url = g_strconcat (f->server->url, path, NULL);
  g_autoptr (SoupMessage) msg = soup_message_new (method, url);
  SoupMessageHeaders *headers = soup_message_get_request_headers (msg);
  g_autoptr (GBytes) response = NULL;
  g_autoptr (GError) error = NULL;

  if (body != NULL)
    soup_message_set_request_body_from_bytes (msg, "application/octet-stream", body);
  if (signing != NULL && signing->device != NULL)
    {
      GBytes *what = signing->signed_body != NULL ? signing->signed_body : body;
      gsize len = 0;
      const guint8 *data = what != NULL ? g_bytes_get_data (what, &len) : NULL;
      guint8 body_hash[64], digest[64], signature[64], random[16];
      char nonce[33], sig64[sodium_base64_ENCODED_LEN (64, sodium_base64_VARIANT_ORIGINAL)];
      gint64 now = g_get_real_time () / G_USEC_PER_SEC + signing->time_shift;
      g_autofree char *time = g_strdup_printf ("%" G_GINT64_FORMAT, now);

      randombytes_buf (random, sizeof random);
      sodium_bin2hex (nonce, sizeof nonce, random, sizeof random);
      crypto_generichash (body_hash, 64, data, len, NULL, 0);
      sc_sync_request_digest (method, path, now, signing->nonce != NULL ? signing->nonce : nonce,
                              body_hash, digest);
      crypto_sign_detached (signature, NULL, digest, 64, signing->secret->data);
      sodium_bin2base64 (sig64, sizeof sig64, signature, 64, sodium_base64_VARIANT_ORIGINAL);
      soup_message_headers_replace (headers, SC_SYNC_HEADER_DEVICE, signing->device);
      soup_message_headers_replace (headers, SC_SYNC_HEADER_TIME, time);
      soup_message_headers_replace (headers, SC_SYNC_HEADER_NONCE,
                                    signing->nonce != NULL ? signing->nonce : nonce);
      soup_message_headers_replace (headers, SC_SYNC_HEADER_SIGNATURE, sig64);
    }
  response = soup_session_send_and_read (f->session, msg, NULL, &error);
  g_assert_no_error (error);
  if (json != NULL)
    {
      g_autoptr (JsonParser) parser = json_parser_new ();

      g_assert_true (json_parser_load_from_data (parser, g_bytes_get_data (response, NULL),
                                                 (gssize) g_bytes_get_size (response), NULL));
      *json = json_node_copy (json_parser_get_root (parser));
    }
  return soup_message_get_status (msg);
}

static Signing
signed_by (ScTestDevice *device)
{
  Signing s = { device->id, device->sign_secret, 0, NULL, NULL };

  return s;
}

static const char *
error_code (JsonNode *node)
{
  return json_object_get_string_member (json_node_get_object (node), "error");
}

/* Cases */

static void
test_health_and_routes (Fixture      *f,
                        gconstpointer data)
{
  g_autoptr (JsonNode) node = NULL;
  g_autoptr (JsonNode) missing = NULL;
  g_autoptr (JsonNode) bad_id = NULL;
  g_autoptr (ScSyncClient) client = sc_test_device_client (f->stranger, f->server->url);
  g_autoptr (GError) error = NULL;

  g_assert_cmpuint (raw_send (f, "GET", "/v1/health", NULL, NULL, &node), ==, 200);
  g_assert_cmpstr (json_object_get_string_member (json_node_get_object (node), "status"), ==,
                   "ok");
  g_assert_cmpuint (json_object_get_size (json_node_get_object (node)), ==, 1);
  g_assert_true (sc_sync_client_health (client, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (raw_send (f, "GET", "/elsewhere", NULL, NULL, &missing), ==, 404);
  g_assert_cmpstr (error_code (missing), ==, "not-found");
  g_assert_cmpuint (raw_send (f, "GET", "/v1/bundles/not-a-uuid", NULL, NULL, &bad_id), ==, 404);
  g_assert_cmpuint (raw_send (f, "DELETE", "/v1/bundles", NULL, NULL, NULL), ==, 404);
}

/* A team bundle sealed to the central store that does not open (here,
 * random bytes) is stored all the same; only reporting passes it by. */
static void
team_that_does_not_open (Fixture      *f,
                         ScSyncClient *lead)
{
  g_autoptr (ScCentralIdentity) central = sc_central_db_get_identity (f->db, NULL);
  const char *to_central[] = { central->id, NULL };
  g_autoptr (GBytes) team = sc_test_bundle_new (f->b, "team", f->inspection, to_central, 500,
                                                NULL);
  g_autoptr (GPtrArray) frameworks = NULL;
  g_autoptr (GPtrArray) rows = NULL;
  g_autoptr (GError) error = NULL;
  gboolean created = FALSE;

  g_assert_true (sc_sync_client_upload_bytes (lead, team, &created, &error));
  g_assert_no_error (error);
  g_assert_true (created);
  g_assert_true (f->db->klass->load_report (f->db, &frameworks, &rows, &error));
  g_assert_cmpuint (frameworks->len, ==, 0);
  g_assert_cmpuint (rows->len, ==, 0);
}

static void
test_upload_list_download (Fixture      *f,
                           gconstpointer data)
{
  g_autoptr (ScSyncClient) a = sc_test_device_client (f->a, f->server->url);
  g_autoptr (ScSyncClient) b = sc_test_device_client (f->b, f->server->url);
  g_autoptr (ScSyncClient) c = sc_test_device_client (f->c, f->server->url);
  g_autofree char *id = NULL;
  g_autofree char *big_id = NULL;
  g_autoptr (GBytes) bundle = bundle_for_b (f, f->a, 3000, &id);
  /* Three and a half pieces: the download streams across them. */
  g_autoptr (GBytes) big = bundle_for_b (f, f->a, 3 * SC_CENTRAL_CHUNK + SC_CENTRAL_CHUNK / 2,
                                         &big_id);
  g_autoptr (GPtrArray) list = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("sc-central-dl-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "got.scrb", NULL);
  g_autofree char *contents = NULL;
  gsize len = 0;
  gboolean created = FALSE;
  ScCentralCounts counts;
  ScSyncEntry *entry;

  g_assert_true (sc_sync_client_upload_bytes (a, bundle, &created, &error));
  g_assert_no_error (error);
  g_assert_true (created);
  /* Idempotent: a retried upload is stored once. */
  g_assert_true (sc_sync_client_upload_bytes (a, bundle, &created, &error));
  g_assert_no_error (error);
  g_assert_false (created);
  g_assert_true (sc_sync_client_upload_bytes (a, big, &created, &error));
  g_assert_true (created);
  sc_test_counts (f->db, &counts);
  g_assert_cmpint (counts.bundles, ==, 2);
  g_assert_cmpint (counts.recipients, ==, 4);
  g_assert_cmpint (counts.chunks, ==, 5);
  g_assert_cmpint (counts.inspections, ==, 1);

  list = sc_sync_client_list (b, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (list->len, ==, 2);
  entry = g_ptr_array_index (list, 0);
  g_assert_cmpstr (entry->id, ==, id);
  g_assert_cmpstr (entry->kind, ==, "member");
  g_assert_cmpstr (entry->sender, ==, f->a->id);
  g_assert_cmpstr (entry->inspection, ==, f->inspection);
  g_assert_cmpuint (entry->size, ==, g_bytes_get_size (bundle));
  g_assert_cmpstr (entry->created, ==, "2026-03-02T10:00:00Z");

  g_assert_true (sc_sync_client_download (b, entry->id, entry, path, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_get_contents (path, &contents, &len, NULL));
  g_assert_cmpmem (contents, len, g_bytes_get_data (bundle, NULL), g_bytes_get_size (bundle));
  g_clear_pointer (&contents, g_free);
  entry = g_ptr_array_index (list, 1);
  g_assert_true (sc_sync_client_download (b, entry->id, entry, path, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_get_contents (path, &contents, &len, NULL));
  g_assert_cmpmem (contents, len, g_bytes_get_data (big, NULL), g_bytes_get_size (big));
  g_clear_pointer (&list, g_ptr_array_unref);

  /* The sender is a recipient too; C is not. */
  list = sc_sync_client_list (a, &error);
  g_assert_cmpuint (list->len, ==, 2);
  g_clear_pointer (&list, g_ptr_array_unref);
  list = sc_sync_client_list (c, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (list->len, ==, 0);
  g_assert_false (sc_sync_client_download (c, id, NULL, path, &error));
  g_assert_error (error, SC_SYNC_ERROR, SC_SYNC_ERROR_REFUSED);
  g_assert_nonnull (strstr (error->message, "404"));
  g_clear_error (&error);
  g_unlink (path);
  g_rmdir (dir);
  team_that_does_not_open (f, b);
}

/* One refused request: its status and code, and nothing changed. */
static void
assert_refused (Fixture       *f,
                const char    *method,
                const char    *path,
                GBytes        *body,
                const Signing *signing,
                guint          status,
                const char    *code)
{
  ScCentralCounts before, after;
  g_autoptr (JsonNode) node = NULL;

  sc_test_counts (f->db, &before);
  g_assert_cmpuint (raw_send (f, method, path, body, signing, &node), ==, status);
  g_assert_cmpstr (error_code (node), ==, code);
  sc_test_counts (f->db, &after);
  g_assert_cmpint (before.bundles, ==, after.bundles);
  g_assert_cmpint (before.recipients, ==, after.recipients);
  g_assert_cmpint (before.chunks, ==, after.chunks);
  g_assert_cmpint (before.devices, ==, after.devices);
}

static void
test_refusals (Fixture      *f,
               gconstpointer data)
{
  g_autoptr (GBytes) bundle = bundle_for_b (f, f->a, 2000, NULL);
  g_autoptr (GBytes) other = bundle_for_b (f, f->a, 2000, NULL);
  g_autoptr (GBytes) from_b = bundle_for_b (f, f->b, 2000, NULL);
  g_autoptr (GBytes) garbage = NULL;
  g_autoptr (GBytes) truncated = NULL;
  g_autoptr (GBytes) tampered = NULL;
  g_autoptr (GError) error = NULL;
  guint8 noise[4096];
  g_autofree guint8 *copy = g_memdup2 (g_bytes_get_data (bundle, NULL), g_bytes_get_size (bundle));
  ScTestDevice *revoked = f->c;
  Signing s;

  /* Unsigned, and ill-formed signature headers. */
  assert_refused (f, "POST", "/v1/bundles", bundle, NULL, 401, "unsigned");
  assert_refused (f, "GET", "/v1/bundles", NULL, NULL, 401, "unsigned");
  s = signed_by (f->a);
  s.nonce = "not-hex";
  assert_refused (f, "POST", "/v1/bundles", bundle, &s, 400, "malformed");

  /* Stale, both ways. */
  s = signed_by (f->a);
  s.time_shift = -(SC_CENTRAL_TIME_WINDOW + 60);
  assert_refused (f, "POST", "/v1/bundles", bundle, &s, 401, "stale-time");
  s.time_shift = SC_CENTRAL_TIME_WINDOW + 60;
  assert_refused (f, "GET", "/v1/bundles", NULL, &s, 401, "stale-time");

  /* Unknown and revoked devices. */
  s = signed_by (f->stranger);
  assert_refused (f, "POST", "/v1/bundles", bundle, &s, 403, "unknown-device");
  g_assert_true (sc_central_db_revoke (f->db, revoked->id, &error));
  s = signed_by (revoked);
  assert_refused (f, "GET", "/v1/bundles", NULL, &s, 403, "revoked-device");

  /* Signed with another key, or over another body. */
  s = signed_by (f->a);
  s.secret = f->b->sign_secret;
  assert_refused (f, "POST", "/v1/bundles", bundle, &s, 401, "bad-signature");
  s = signed_by (f->a);
  s.signed_body = other;
  assert_refused (f, "POST", "/v1/bundles", bundle, &s, 401, "bad-signature");

  /* Not a bundle, cut short, altered after signing, or someone else's. */
  randombytes_buf (noise, sizeof noise);
  garbage = g_bytes_new (noise, sizeof noise);
  s = signed_by (f->a);
  assert_refused (f, "POST", "/v1/bundles", garbage, &s, 400, "malformed");
  truncated = g_bytes_new (g_bytes_get_data (bundle, NULL), g_bytes_get_size (bundle) - 100);
  assert_refused (f, "POST", "/v1/bundles", truncated, &s, 400, "malformed");
  copy[g_bytes_get_size (bundle) - 200] ^= 0x01;
  tampered = g_bytes_new (copy, g_bytes_get_size (bundle));
  assert_refused (f, "POST", "/v1/bundles", tampered, &s, 400, "malformed");
  assert_refused (f, "POST", "/v1/bundles", from_b, &s, 403, "not-sender");

  /* A replayed request: the first goes through, the copy is refused. */
  s = signed_by (f->a);
  s.nonce = "00112233445566778899aabbccddeeff";
  g_assert_cmpuint (raw_send (f, "POST", "/v1/bundles", bundle, &s, NULL), ==, 201);
  assert_refused (f, "POST", "/v1/bundles", bundle, &s, 409, "replayed-nonce");
  s.nonce = "ffeeddccbbaa99887766554433221100";
  g_assert_cmpuint (raw_send (f, "GET", "/v1/bundles", NULL, &s, NULL), ==, 200);
  assert_refused (f, "GET", "/v1/bundles", NULL, &s, 409, "replayed-nonce");
}

static void
test_clock (Fixture      *f,
            gconstpointer data)
{
  g_autoptr (ScSyncClient) a = sc_test_device_client (f->a, f->server->url);
  g_autoptr (GPtrArray) list = NULL;
  g_autoptr (GError) error = NULL;

  sc_sync_client_set_clock_skew_for_testing (a, 10 * 60);
  g_assert_null (sc_sync_client_list (a, &error));
  g_assert_error (error, SC_SYNC_ERROR, SC_SYNC_ERROR_CLOCK);
  g_assert_nonnull (strstr (error->message, "clock is off by 10 minutes (ahead"));
  g_clear_error (&error);
  sc_sync_client_set_clock_skew_for_testing (a, -3 * 3600);
  g_assert_null (sc_sync_client_list (a, &error));
  g_assert_error (error, SC_SYNC_ERROR, SC_SYNC_ERROR_CLOCK);
  g_assert_nonnull (strstr (error->message, "clock is off by 180 minutes (behind"));
  g_clear_error (&error);
  /* Within the window, all is well. */
  sc_sync_client_set_clock_skew_for_testing (a, -4 * 60);
  list = sc_sync_client_list (a, &error);
  g_assert_no_error (error);
  g_assert_nonnull (list);
}

static void
test_standing (Fixture      *f,
               gconstpointer data)
{
  g_autoptr (ScSyncClient) stranger = sc_test_device_client (f->stranger, f->server->url);
  g_autoptr (GError) error = NULL;

  g_assert_null (sc_sync_client_list (stranger, &error));
  g_assert_error (error, SC_SYNC_ERROR, SC_SYNC_ERROR_FORBIDDEN);
  g_assert_nonnull (strstr (error->message, "not enrolled"));
}

/* Raw HTTP over a socket, for what libsoup's client would not send. */
static char *
raw_exchange (const char *url,
              const char *request)
{
  g_autoptr (GSocketClient) client = g_socket_client_new ();
  g_autoptr (GSocketConnection) conn = NULL;
  g_autoptr (GError) error = NULL;
  char buffer[4096];
  gsize got = 0;

  g_socket_client_set_timeout (client, 10);
  conn = g_socket_client_connect_to_host (client, url + strlen ("http://"), 0, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (g_output_stream_write_all (g_io_stream_get_output_stream (G_IO_STREAM (conn)),
                                            request, strlen (request), NULL, NULL, &error));
  g_assert_true (g_input_stream_read_all (g_io_stream_get_input_stream (G_IO_STREAM (conn)),
                                          buffer, sizeof buffer - 1, &got, NULL, &error) ||
                 got > 0);
  buffer[got] = '\0';
  return g_strdup (buffer);
}

static void
test_sizes (Fixture      *f,
            gconstpointer data)
{
  const char * const extra[] = { "--max-body", "65536", NULL };
  g_autoptr (ScTestServer) small = sc_test_server_start (f->tdb->url, NULL, extra);
  g_autoptr (ScSyncClient) a = NULL;
  g_autoptr (GBytes) big = bundle_for_b (f, f->a, 100 * 1024, NULL);
  g_autoptr (GError) error = NULL;
  g_autofree char *huge = NULL;
  g_autofree char *chunked = NULL;
  g_autofree char *stranger = NULL;
  g_autofree char *request = NULL;
  gint64 time = g_get_real_time () / G_USEC_PER_SEC;
  guint8 zeros[64] = { 0 };
  g_autofree char *signature = g_base64_encode (zeros, sizeof zeros);
  ScCentralCounts before, after;
  gint64 started;

  g_assert_nonnull (small);
  a = sc_test_device_client (f->a, small->url);
  sc_test_counts (f->db, &before);
  /* The client asks "Expect: 100-continue": refused before the body. */
  g_assert_false (sc_sync_client_upload_bytes (a, big, NULL, &error));
  g_assert_error (error, SC_SYNC_ERROR, SC_SYNC_ERROR_REFUSED);
  g_assert_nonnull (strstr (error->message, "413"));
  g_clear_error (&error);

  /* A client that does not ask gets its answer without sending the body. */
  request = g_strdup_printf ("POST /v1/bundles HTTP/1.1\r\nHost: x\r\n"
                             "X-Scrutineer-Device: %s\r\nX-Scrutineer-Time: %" G_GINT64_FORMAT
                             "\r\nX-Scrutineer-Nonce: 00112233445566778899aabbccddeeff\r\n"
                             "X-Scrutineer-Signature: %s\r\n"
                             "Content-Length: 10737418240\r\n\r\n",
                             f->a->id, time, signature);
  started = g_get_monotonic_time ();
  huge = raw_exchange (small->url, request);
  g_assert_true (g_str_has_prefix (huge, "HTTP/1.1 413"));
  g_assert_cmpint (g_get_monotonic_time () - started, <, 10 * G_USEC_PER_SEC);

  /* An upload must say its length. */
  g_free (request);
  request = g_strdup_printf ("POST /v1/bundles HTTP/1.1\r\nHost: x\r\n"
                             "X-Scrutineer-Device: %s\r\nX-Scrutineer-Time: %" G_GINT64_FORMAT
                             "\r\nX-Scrutineer-Nonce: 00112233445566778899aabbccddeefe\r\n"
                             "X-Scrutineer-Signature: %s\r\n"
                             "Transfer-Encoding: chunked\r\nConnection: close\r\n\r\n"
                             "4\r\nSCRB\r\n0\r\n\r\n",
                             f->a->id, time, signature);
  chunked = raw_exchange (small->url, request);
  g_assert_true (g_str_has_prefix (chunked, "HTTP/1.1 411"));

  /* A stranger's large upload is refused on its headers, body unread. */
  g_free (request);
  request = g_strdup_printf ("POST /v1/bundles HTTP/1.1\r\nHost: x\r\n"
                             "X-Scrutineer-Device: %s\r\nX-Scrutineer-Time: %" G_GINT64_FORMAT
                             "\r\nX-Scrutineer-Nonce: 00112233445566778899aabbccddeefd\r\n"
                             "X-Scrutineer-Signature: %s\r\n"
                             "Content-Length: 500000000\r\n\r\n",
                             f->stranger->id, time, signature);
  started = g_get_monotonic_time ();
  stranger = raw_exchange (f->server->url, request);
  g_assert_true (g_str_has_prefix (stranger, "HTTP/1.1 403"));
  g_assert_nonnull (strstr (stranger, "unknown-device"));
  g_assert_cmpint (g_get_monotonic_time () - started, <, 10 * G_USEC_PER_SEC);
  sc_test_counts (f->db, &after);
  g_assert_cmpint (before.bundles, ==, after.bundles);
  g_assert_cmpint (before.chunks, ==, after.chunks);
}

/* HTTPS with a given certificate; plain HTTP only on loopback. */
static void
test_tls (Fixture      *f,
          gconstpointer data)
{
  g_autofree char *cert = g_test_build_filename (G_TEST_DIST, "central", "data", "server.pem",
                                                 NULL);
  g_autofree char *key = g_test_build_filename (G_TEST_DIST, "central", "data", "server.key",
                                                NULL);
  g_autofree char *ca = g_test_build_filename (G_TEST_DIST, "central", "data", "ca.pem", NULL);
  const char * const extra[] = { "--tls-cert", cert, "--tls-key", key, NULL };
  g_autoptr (ScTestServer) tls = sc_test_server_start (f->tdb->url, NULL, extra);
  g_autoptr (ScSyncClient) trusting = NULL;
  g_autoptr (ScSyncClient) doubting = NULL;
  g_autoptr (ScSyncClient) plain = NULL;
  g_autoptr (GPtrArray) list = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *plain_url = NULL;
  g_autofree char *stderr_text = NULL;
  int status = 0;
  const char *argv[] = { g_getenv ("SCRUTINEER_CENTRAL"), "serve", "--listen", "0.0.0.0:0",
                         "--database", f->tdb->url, NULL };

  g_assert_nonnull (tls);
  g_assert_true (g_str_has_prefix (tls->url, "https://127.0.0.1:"));
  trusting = sc_sync_client_new (tls->url, ca, f->a->id, f->a->sign_secret, &error);
  g_assert_no_error (error);
  sc_sync_client_set_timeout (trusting, 30);
  list = sc_sync_client_list (trusting, &error);
  g_assert_no_error (error);
  g_assert_nonnull (list);

  /* Without the CA, the certificate is not trusted. */
  doubting = sc_test_device_client (f->a, tls->url);
  sc_sync_client_set_attempts (doubting, 1);
  g_assert_null (sc_sync_client_list (doubting, &error));
  g_assert_error (error, SC_SYNC_ERROR, SC_SYNC_ERROR_TLS);
  g_clear_error (&error);
  /* Plain HTTP to the TLS port gets nowhere. */
  plain_url = g_strconcat ("http://", tls->url + strlen ("https://"), NULL);
  plain = sc_test_device_client (f->a, plain_url);
  sc_sync_client_set_attempts (plain, 1);
  sc_sync_client_set_timeout (plain, 5);
  g_assert_null (sc_sync_client_list (plain, &error));
  g_assert_nonnull (error);
  g_clear_error (&error);

  /* Plain HTTP on an address other machines reach is refused. */
  g_assert_true (g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_STDOUT_TO_DEV_NULL, NULL, NULL,
                               NULL, &stderr_text, &status, &error));
  g_assert_no_error (error);
  g_assert_false (g_spawn_check_wait_status (status, NULL));
  g_assert_nonnull (strstr (stderr_text, "only allowed on a loopback address"));
}

/* GET /v1/bundles hands the list out a page at a time; the client follows
 * the pages to the end. */
static JsonArray *
list_page (Fixture    *f,
           const char *path,
           JsonNode  **node)
{
  Signing s = signed_by (f->b);

  g_assert_cmpuint (raw_send (f, "GET", path, NULL, &s, node), ==, 200);
  g_assert_true (JSON_NODE_HOLDS_ARRAY (*node));
  return json_node_get_array (*node);
}

static const char *
page_id (JsonArray *page,
         guint      i)
{
  return json_object_get_string_member (json_array_get_object_element (page, i), "id");
}

static void
test_paging (Fixture      *f,
             gconstpointer data)
{
  g_autoptr (ScSyncClient) a = sc_test_device_client (f->a, f->server->url);
  g_autoptr (ScSyncClient) b = sc_test_device_client (f->b, f->server->url);
  g_autoptr (GPtrArray) ids = g_ptr_array_new_with_free_func (g_free);
  g_autoptr (GPtrArray) list = NULL;
  g_autoptr (GError) error = NULL;
  Signing s = signed_by (f->b);
  const guint n = 7;

  for (guint i = 0; i < n; i++)
    {
      char *id = NULL;
      g_autoptr (GBytes) bundle = bundle_for_b (f, f->a, 200 + i, &id);
      gboolean created = FALSE;

      g_assert_true (sc_sync_client_upload_bytes (a, bundle, &created, &error));
      g_assert_no_error (error);
      g_ptr_array_add (ids, id);
    }

  /* Pages of three: 3, 3, 1, in the order stored. */
  {
    g_autoptr (JsonNode) first = NULL, second = NULL, last = NULL, after_last = NULL;
    g_autofree char *path2 = NULL, *path3 = NULL, *path4 = NULL;
    JsonArray *page;

    page = list_page (f, "/v1/bundles?limit=3", &first);
    g_assert_cmpuint (json_array_get_length (page), ==, 3);
    for (guint i = 0; i < 3; i++)
      g_assert_cmpstr (page_id (page, i), ==, g_ptr_array_index (ids, i));
    path2 = g_strdup_printf ("/v1/bundles?limit=3&after=%s", page_id (page, 2));
    page = list_page (f, path2, &second);
    g_assert_cmpuint (json_array_get_length (page), ==, 3);
    for (guint i = 0; i < 3; i++)
      g_assert_cmpstr (page_id (page, i), ==, g_ptr_array_index (ids, 3 + i));
    path3 = g_strdup_printf ("/v1/bundles?after=%s&limit=3", page_id (page, 2));
    page = list_page (f, path3, &last);
    g_assert_cmpuint (json_array_get_length (page), ==, 1);
    g_assert_cmpstr (page_id (page, 0), ==, g_ptr_array_index (ids, 6));
    path4 = g_strdup_printf ("/v1/bundles?after=%s", (char *) g_ptr_array_index (ids, 6));
    page = list_page (f, path4, &after_last);
    g_assert_cmpuint (json_array_get_length (page), ==, 0);
  }
  /* The default page holds them all; a page larger than the maximum is cut
   * to the maximum, not refused; an unknown cursor gives nothing. */
  {
    g_autoptr (JsonNode) all = NULL, huge = NULL, unknown = NULL;

    g_assert_cmpuint (json_array_get_length (list_page (f, "/v1/bundles", &all)), ==, n);
    g_assert_cmpuint (json_array_get_length (list_page (f, "/v1/bundles?limit=1000000", &huge)),
                      ==, n);
    g_assert_cmpuint (
      json_array_get_length (list_page (
        f, "/v1/bundles?after=00000000-0000-4000-8000-000000000000", &unknown)),
      ==, 0);
  }
  assert_refused (f, "GET", "/v1/bundles?limit=0", NULL, &s, 400, "bad-limit");
  assert_refused (f, "GET", "/v1/bundles?limit=ten", NULL, &s, 400, "bad-limit");
  assert_refused (f, "GET", "/v1/bundles?after=seven", NULL, &s, 400, "bad-cursor");

  /* The client, three at a time, and with a page exactly as long as the
   * list: every bundle once, in order. */
  for (guint size = 3; size <= n; size += n - 3)
    {
      sc_sync_client_set_page_size (b, size);
      list = sc_sync_client_list (b, &error);
      g_assert_no_error (error);
      g_assert_cmpuint (list->len, ==, n);
      for (guint i = 0; i < n; i++)
        g_assert_cmpstr (((ScSyncEntry *) g_ptr_array_index (list, i))->id, ==,
                         g_ptr_array_index (ids, i));
      g_clear_pointer (&list, g_ptr_array_unref);
    }

  /* Cancelled: the client stops at once, and says so. */
  {
    g_autoptr (GCancellable) cancellable = g_cancellable_new ();
    gint64 started = g_get_monotonic_time ();

    g_cancellable_cancel (cancellable);
    sc_sync_client_set_cancellable (b, cancellable);
    g_assert_null (sc_sync_client_list (b, &error));
    g_assert_error (error, SC_SYNC_ERROR, SC_SYNC_ERROR_CANCELLED);
    g_clear_error (&error);
    /* No retries with their pauses. */
    g_assert_cmpint (g_get_monotonic_time () - started, <, G_USEC_PER_SEC);
  }
}

int
main (int    argc,
      char **argv)
{
  g_autoptr (GPtrArray) backends = sc_test_backends ();
  const struct
  {
    const char *name;
    void (*func) (Fixture *, gconstpointer);
  } cases[] = {
    { "health-and-routes", test_health_and_routes },
    { "upload-list-download", test_upload_list_download },
    { "refusals", test_refusals },
    { "clock", test_clock },
    { "standing", test_standing },
    { "sizes", test_sizes },
    { "tls", test_tls },
    { "paging", test_paging },
  };

  g_test_init (&argc, &argv, NULL);
  g_assert_cmpint (sodium_init (), >=, 0);
  for (guint i = 0; i < backends->len; i++)
    for (guint j = 0; j < G_N_ELEMENTS (cases); j++)
      {
        g_autofree char *path = g_strdup_printf ("/central/api/%s/%s",
                                                 (char *) g_ptr_array_index (backends, i),
                                                 cases[j].name);

        g_test_add (path, Fixture, g_ptr_array_index (backends, i), fixture_set_up,
                    cases[j].func, fixture_tear_down);
      }
  return g_test_run ();
}
