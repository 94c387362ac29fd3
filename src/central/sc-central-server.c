/* sc-central-server.c: the central store's HTTP service
 *
 * Copyright 2026 The Scrutineer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Life of a request:
 *   early handler   (headers in) parse the signature headers, check the
 *                   time and Content-Length, open a spool file for uploads;
 *                   for uploads, pause and look the device up on the pool
 *   got-chunk       hash the body (BLAKE2b-512 for the signature, SHA-256
 *                   for storage) and spool it; never keep it in memory
 *   handler         (body in) pause, and run the request on the pool
 *   job_done        back on the server's context: answer, unpause
 * Downloads stream: at most two pieces of a bundle are in memory at a time.
 * Request bodies and secrets are never logged.
 */
#include "sc-central-server-private.h"

#include <errno.h>
#include <glib/gi18n-lib.h>
#include <string.h>
#include <unistd.h>

#define POOL_THREADS 8
#define PREFETCH_CHUNKS 2
#define LISTEN_BACKLOG 512
/* A refused request with a body up to this size is read and dropped, which
 * keeps the connection; a larger one is answered and the connection closed. */
#define SMALL_BODY (64 * 1024)

static void submit (ScCentralServer *self,
                    Job             *job);

/* Answers */

static void
set_json (SoupServerMessage *msg,
          guint              status,
          JsonNode          *node)
{
  g_autoptr (JsonGenerator) generator = json_generator_new ();
  gsize len = 0;
  char *text;

  json_generator_set_root (generator, node);
  text = json_generator_to_data (generator, &len);
  soup_server_message_set_status (msg, status, NULL);
  soup_server_message_set_response (msg, "application/json", SOUP_MEMORY_TAKE, text, len);
}

static JsonNode *
refusal_json (const ScCentralRefusal *refusal)
{
  g_autoptr (JsonBuilder) b = json_builder_new ();

  json_builder_begin_object (b);
  json_builder_set_member_name (b, "error");
  json_builder_add_string_value (b, refusal->code);
  json_builder_set_member_name (b, "message");
  json_builder_add_string_value (b, refusal->message);
  json_builder_end_object (b);
  return json_builder_get_root (b);
}

static void
answer_refusal (SoupServerMessage      *msg,
                const ScCentralRefusal *refusal)
{
  g_autoptr (JsonNode) node = refusal_json (refusal);

  if (g_strcmp0 (refusal->code, "stale-time") == 0)
    {
      g_autofree char *now = g_strdup_printf ("%" G_GINT64_FORMAT,
                                              g_get_real_time () / G_USEC_PER_SEC);

      soup_message_headers_replace (soup_server_message_get_response_headers (msg),
                                    SC_SYNC_HEADER_SERVER_TIME, now);
    }
  set_json (msg, refusal->status, node);
}

/* Requests */

static void
request_free (gpointer data)
{
  Request *req = data;

  if (req->spool >= 0)
    close (req->spool);
  g_free (req->bundle_id);
  sc_central_auth_free (req->auth);
  sc_central_refusal_clear (&req->refusal);
  g_clear_pointer (&req->sha256, g_checksum_free);
  g_clear_pointer (&req->bundle, sc_central_bundle_free);
  sodium_memzero (&req->body_hash, sizeof req->body_hash);
  g_free (req);
}

static Request *
get_request (SoupServerMessage *msg)
{
  return g_object_get_data (G_OBJECT (msg), "sc-central-request");
}

static Route
route_for (const char *method,
           const char *path,
           char      **bundle_id)
{
  const char *prefix = "/v1/bundles/";

  if (g_str_equal (path, "/v1/health"))
    return g_str_equal (method, "GET") ? ROUTE_HEALTH : ROUTE_NONE;
  if (g_str_equal (path, "/v1/bundles"))
    {
      if (g_str_equal (method, "POST"))
        return ROUTE_UPLOAD;
      return g_str_equal (method, "GET") ? ROUTE_LIST : ROUTE_NONE;
    }
  if (g_str_has_prefix (path, prefix) && g_uuid_string_is_valid (path + strlen (prefix)) &&
      g_str_equal (method, "GET"))
    {
      *bundle_id = g_ascii_strdown (path + strlen (prefix), -1);
      return ROUTE_DOWNLOAD;
    }
  return ROUTE_NONE;
}

static char *
request_target (SoupServerMessage *msg)
{
  GUri *uri = soup_server_message_get_uri (msg);
  const char *query = g_uri_get_query (uri);

  if (query != NULL)
    return g_strconcat (g_uri_get_path (uri), "?", query, NULL);
  return g_strdup (g_uri_get_path (uri));
}

static void
on_got_chunk (SoupServerMessage *msg,
              GBytes            *chunk,
              Request           *req)
{
  gsize len = 0;
  const guint8 *data = g_bytes_get_data (chunk, &len);

  if (req->refusal.status != 0)
    return;
  req->received += len;
  if (req->received > req->server->max_body)
    {
      sc_central_refuse (&req->refusal, 413, "too-large",
                         _("The request body is larger than this server accepts"));
      return;
    }
  crypto_generichash_update (&req->body_hash, data, len);
  if (req->sha256 != NULL)
    g_checksum_update (req->sha256, data, (gssize) len);
  if (req->spool >= 0 && !req->spool_failed)
    {
      gsize done = 0;

      while (done < len)
        {
          gssize n = write (req->spool, data + done, len - done);

          if (n < 0 && errno == EINTR)
            continue;
          if (n < 0)
            {
              req->spool_failed = TRUE;
              break;
            }
          done += (gsize) n;
        }
    }
}

static void
on_finished (SoupServerMessage *msg,
             Request           *req)
{
  ScCentralServer *self = req->server;

  req->finished = TRUE;
  if (self->log_requests)
    {
      g_autofree char *target = request_target (msg);

      /* Never the body, never a header but the device id. */
      g_printerr ("scrutineer-central: %s %s %u %s %.3fs\n", soup_server_message_get_method (msg),
                  target, soup_server_message_get_status (msg),
                  req->auth != NULL ? req->auth->device : "-",
                  (g_get_monotonic_time () - req->started) / 1e6);
    }
}

static int
open_spool (GError **error)
{
  g_autofree char *name = NULL;
  int fd = g_file_open_tmp ("scrutineer-central-upload-XXXXXX", &name, error);

  /* Unlinked at once: nothing is left behind whatever happens to us. */
  if (fd >= 0)
    unlink (name);
  return fd;
}

/* Answers a refused request and closes its connection, without reading its
 * body: a client that did not ask "Expect: 100-continue" would otherwise
 * make us read (and drop) all of it first. */
typedef struct
{
  SoupServerMessage *msg;
  char *response;
} Closing;

static gboolean
close_refused (gpointer data)
{
  Closing *closing = data;
  g_autoptr (GIOStream) stream = soup_server_message_steal_connection (closing->msg);

  if (stream != NULL)
    {
      GOutputStream *out = g_io_stream_get_output_stream (stream);

      g_output_stream_write_all (out, closing->response, strlen (closing->response), NULL, NULL,
                                 NULL);
      g_io_stream_close (stream, NULL, NULL);
    }
  g_object_unref (closing->msg);
  g_free (closing->response);
  g_free (closing);
  return G_SOURCE_REMOVE;
}

/* Refuses the request as soon as its headers are in. */
static void
refuse_early (ScCentralServer   *self,
              SoupServerMessage *msg,
              Request           *req)
{
  SoupMessageHeaders *headers = soup_server_message_get_request_headers (msg);
  SoupEncoding encoding = soup_message_headers_get_encoding (headers);
  g_autoptr (JsonNode) node = NULL;
  g_autoptr (JsonGenerator) generator = NULL;
  g_autofree char *body = NULL;
  Closing *closing;
  GSource *source;

  if (soup_message_headers_get_expectations (headers) & SOUP_EXPECTATION_CONTINUE)
    {
      /* The body will not come. Without "close", libsoup 3.2's client
       * waits out its whole timeout before it returns the answer. */
      soup_message_headers_replace (soup_server_message_get_response_headers (msg), "Connection",
                                    "close");
      answer_refusal (msg, &req->refusal);
      return;
    }
  if (encoding == SOUP_ENCODING_NONE ||
      (encoding == SOUP_ENCODING_CONTENT_LENGTH &&
       soup_message_headers_get_content_length (headers) <= SMALL_BODY))
    {
      answer_refusal (msg, &req->refusal);
      return;
    }
  node = refusal_json (&req->refusal);
  generator = json_generator_new ();
  json_generator_set_root (generator, node);
  body = json_generator_to_data (generator, NULL);
  closing = g_new0 (Closing, 1);
  closing->msg = g_object_ref (msg);
  closing->response = g_strdup_printf ("HTTP/1.1 %u %s\r\n"
                                       "Content-Type: application/json\r\n"
                                       "Content-Length: %" G_GSIZE_FORMAT "\r\n"
                                       "Connection: close\r\n\r\n%s",
                                       req->refusal.status,
                                       soup_status_get_phrase (req->refusal.status),
                                       strlen (body), body);
  soup_server_message_pause (msg);
  source = g_idle_source_new ();
  g_source_set_callback (source, close_refused, closing, NULL);
  g_source_attach (source, self->context);
  g_source_unref (source);
}

static Job *
job_new (ScCentralServer   *self,
         JobKind            kind,
         SoupServerMessage *msg,
         Request           *req)
{
  Job *job = g_new0 (Job, 1);

  job->kind = kind;
  job->server = self;
  job->msg = g_object_ref (msg);
  job->request = req;
  job->method = g_strdup (soup_server_message_get_method (msg));
  job->path = request_target (msg);
  return job;
}

static void
job_free (Job *job)
{
  g_object_unref (job->msg);
  g_free (job->method);
  g_free (job->path);
  sc_central_refusal_clear (&job->refusal);
  g_clear_pointer (&job->json, json_node_unref);
  g_clear_pointer (&job->bundle, sc_central_bundle_free);
  g_clear_pointer (&job->chunk, g_bytes_unref);
  g_free (job);
}

static void
early_handler (SoupServer        *soup,
               SoupServerMessage *msg,
               const char        *path,
               GHashTable        *query,
               gpointer           user_data)
{
  ScCentralServer *self = user_data;
  SoupMessageHeaders *headers = soup_server_message_get_request_headers (msg);
  Request *req = g_new0 (Request, 1);
  gint64 now = g_get_real_time () / G_USEC_PER_SEC;
  g_autoptr (GError) error = NULL;

  req->server = self;
  req->msg = msg;
  req->spool = -1;
  req->started = g_get_monotonic_time ();
  req->route = route_for (soup_server_message_get_method (msg), path, &req->bundle_id);
  crypto_generichash_init (&req->body_hash, NULL, 0, SC_SYNC_HASH_BYTES);
  g_object_set_data_full (G_OBJECT (msg), "sc-central-request", req, request_free);
  /* The body goes through on_got_chunk, never into memory. */
  soup_message_body_set_accumulate (soup_server_message_get_request_body (msg), FALSE);
  g_signal_connect (msg, "got-chunk", G_CALLBACK (on_got_chunk), req);
  g_signal_connect (msg, "finished", G_CALLBACK (on_finished), req);

  if (req->route == ROUTE_HEALTH)
    return;
  if (req->route == ROUTE_NONE)
    {
      sc_central_refuse (&req->refusal, 404, "not-found", _("There is nothing at %s"), path);
      refuse_early (self, msg, req);
      return;
    }
  req->auth = sc_central_auth_parse (
    soup_message_headers_get_one (headers, SC_SYNC_HEADER_DEVICE),
    soup_message_headers_get_one (headers, SC_SYNC_HEADER_TIME),
    soup_message_headers_get_one (headers, SC_SYNC_HEADER_NONCE),
    soup_message_headers_get_one (headers, SC_SYNC_HEADER_SIGNATURE), now, &req->refusal);
  if (req->auth == NULL)
    {
      refuse_early (self, msg, req);
      return;
    }
  if (soup_message_headers_get_encoding (headers) == SOUP_ENCODING_CONTENT_LENGTH &&
      (guint64) soup_message_headers_get_content_length (headers) > self->max_body)
    {
      sc_central_refuse (&req->refusal, 413, "too-large",
                         _("The request body is larger than this server accepts"));
      refuse_early (self, msg, req);
      return;
    }
  if (req->route != ROUTE_UPLOAD)
    return;

  if (soup_message_headers_get_encoding (headers) != SOUP_ENCODING_CONTENT_LENGTH)
    {
      sc_central_refuse (&req->refusal, 411, "length-required",
                         _("An upload must give its Content-Length"));
      refuse_early (self, msg, req);
      return;
    }
  req->sha256 = g_checksum_new (G_CHECKSUM_SHA256);
  req->spool = open_spool (&error);
  if (req->spool < 0)
    {
      sc_central_refuse (&req->refusal, 503, "no-space",
                         _("The server cannot take uploads now: %s"), error->message);
      refuse_early (self, msg, req);
      return;
    }
  /* Before reading what may be a large body, make sure its sender is
   * enrolled here. */
  soup_server_message_pause (msg);
  submit (self, job_new (self, JOB_CHECK_DEVICE, msg, req));
}

static void
handler (SoupServer        *soup,
         SoupServerMessage *msg,
         const char        *path,
         GHashTable        *query,
         gpointer           user_data)
{
  ScCentralServer *self = user_data;
  Request *req = get_request (msg);
  g_autoptr (JsonBuilder) b = NULL;
  g_autoptr (JsonNode) node = NULL;
  Job *job;

  g_return_if_fail (req != NULL);
  if (req->refusal.status != 0)
    {
      answer_refusal (msg, &req->refusal);
      return;
    }
  if (req->route == ROUTE_HEALTH)
    {
      b = json_builder_new ();
      json_builder_begin_object (b);
      json_builder_set_member_name (b, "status");
      json_builder_add_string_value (b, "ok");
      json_builder_end_object (b);
      node = json_builder_get_root (b);
      set_json (msg, 200, node);
      return;
    }
  if (req->spool_failed)
    {
      sc_central_refuse (&req->refusal, 503, "no-space",
                         _("The server could not keep the upload; try again later"));
      answer_refusal (msg, &req->refusal);
      return;
    }
  job = job_new (self, JOB_HANDLE, msg, req);
  crypto_generichash_final (&req->body_hash, job->body_hash, sizeof job->body_hash);
  soup_server_message_pause (msg);
  submit (self, job);
}

/* Back on the server's context */

static void maybe_fetch (Request *req);

static void
abort_connection (SoupServerMessage *msg)
{
  g_autoptr (GIOStream) stream = soup_server_message_steal_connection (msg);

  if (stream != NULL)
    g_io_stream_close (stream, NULL, NULL);
}

static void
append_chunk (Request *req,
              GBytes  *chunk)
{
  soup_message_body_append_bytes (soup_server_message_get_response_body (req->msg), chunk);
  req->appended++;
  req->next_chunk++;
}

static void
on_wrote_chunk (SoupServerMessage *msg,
                Request           *req)
{
  req->written++;
  maybe_fetch (req);
}

static void
maybe_fetch (Request *req)
{
  Job *job;

  if (req->fetching || req->finished || req->bundle == NULL ||
      req->next_chunk >= req->bundle->n_chunks || req->appended - req->written >= PREFETCH_CHUNKS)
    return;
  req->fetching = TRUE;
  job = job_new (req->server, JOB_CHUNK, req->msg, req);
  job->chunk_index = req->next_chunk;
  submit (req->server, job);
}

static void
start_download (Job *job)
{
  Request *req = job->request;
  SoupMessageHeaders *headers = soup_server_message_get_response_headers (job->msg);

  soup_server_message_set_status (job->msg, 200, NULL);
  soup_message_headers_set_content_type (headers, "application/octet-stream", NULL);
  soup_message_headers_set_content_length (headers, (goffset) job->bundle->size);
  soup_message_body_set_accumulate (soup_server_message_get_response_body (job->msg), FALSE);
  req->bundle = g_steal_pointer (&job->bundle);
  g_signal_connect (job->msg, "wrote-chunk", G_CALLBACK (on_wrote_chunk), req);
  append_chunk (req, job->chunk);
  maybe_fetch (req);
}

static gboolean
job_done (gpointer data)
{
  Job *job = data;
  Request *req = job->request;

  if (job->server->closing || req->finished)
    {
      job_free (job);
      return G_SOURCE_REMOVE;
    }
  switch (job->kind)
    {
    case JOB_CHECK_DEVICE:
      if (job->refusal.status != 0)
        {
          sc_central_refusal_clear (&req->refusal);
          req->refusal = job->refusal;
          job->refusal.message = NULL;
          refuse_early (job->server, job->msg, req);
          if (req->refusal.status != 0 && !soup_server_message_get_status (job->msg))
            {
              /* Paused by refuse_early(): the connection is being closed. */
              job_free (job);
              return G_SOURCE_REMOVE;
            }
        }
      break;
    case JOB_CHUNK:
      req->fetching = FALSE;
      if (job->chunk == NULL)
        {
          /* Too late for a status: cut the connection, the client's size
           * and SHA-256 checks see it. */
          req->finished = TRUE;
          abort_connection (job->msg);
          job_free (job);
          return G_SOURCE_REMOVE;
        }
      append_chunk (req, job->chunk);
      maybe_fetch (req);
      break;
    case JOB_HANDLE:
      if (job->refusal.status != 0)
        answer_refusal (job->msg, &job->refusal);
      else if (job->chunk != NULL)
        start_download (job);
      else
        set_json (job->msg, job->status, job->json);
      break;
    }
  soup_server_message_unpause (job->msg);
  job_free (job);
  return G_SOURCE_REMOVE;
}

static void
submit (ScCentralServer *self,
        Job             *job)
{
  g_thread_pool_push (self->pool, job, NULL);
}

/* The worker hands the job back with this, on the server's context. */
static void
return_job (Job *job)
{
  GSource *source = g_idle_source_new ();

  g_source_set_priority (source, G_PRIORITY_DEFAULT);
  g_source_set_callback (source, job_done, job, NULL);
  g_source_attach (source, job->server->context);
  g_source_unref (source);
}

static void
pool_func (gpointer data,
           gpointer user_data)
{
  Job *job = data;

  sc_central_routes_run (job);
  return_job (job);
}

/* The server */

GSocketAddress *
sc_central_parse_listen (const char *text,
                         GError    **error)
{
  g_autofree char *host = NULL;
  g_autoptr (GInetAddress) address = NULL;
  const char *colon = strrchr (text, ':');
  guint64 port = 0;

  if (text[0] == '[')
    {
      const char *close = strchr (text, ']');

      if (close != NULL && close[1] == ':')
        {
          host = g_strndup (text + 1, (gsize) (close - text - 1));
          colon = close + 1;
        }
    }
  else if (colon != NULL)
    host = g_strndup (text, (gsize) (colon - text));
  if (host != NULL && g_str_equal (host, "localhost"))
    {
      g_free (host);
      host = g_strdup ("127.0.0.1");
    }
  if (host != NULL)
    address = g_inet_address_new_from_string (host);
  if (address == NULL || !g_ascii_string_to_unsigned (colon + 1, 10, 0, 65535, &port, NULL))
    {
      g_set_error (error, SC_CENTRAL_ERROR, SC_CENTRAL_ERROR_LISTEN,
                   _("“%s” is not an address to listen on; give an IP address and a port, as "
                     "in 127.0.0.1:8443 or [::1]:8443"),
                   text);
      return NULL;
    }
  return g_inet_socket_address_new (address, (guint16) port);
}

ScCentralServer *
sc_central_server_new (ScCentralDb     *db,
                       GTlsCertificate *certificate,
                       gboolean         log_requests)
{
  ScCentralServer *self = g_new0 (ScCentralServer, 1);

  self->db = db;
  self->identity = sc_central_db_get_identity (db, NULL);
  self->max_body = SC_CENTRAL_MAX_BODY;
  self->tls = certificate != NULL;
  self->log_requests = log_requests;
  self->context = g_main_context_ref_thread_default ();
  self->soup = soup_server_new ("server-header", "scrutineer-central/" PACKAGE_VERSION,
                                "tls-certificate", certificate, NULL);
  self->pool = g_thread_pool_new (pool_func, self, POOL_THREADS, FALSE, NULL);
  soup_server_add_early_handler (self->soup, NULL, early_handler, self, NULL);
  soup_server_add_handler (self->soup, NULL, handler, self, NULL);
  return self;
}

void
sc_central_server_set_max_body (ScCentralServer *self,
                                guint64          max_body)
{
  self->max_body = max_body;
}

char *
sc_central_server_listen (ScCentralServer *self,
                          GSocketAddress  *address,
                          GError         **error)
{
  GInetAddress *inet = g_inet_socket_address_get_address (G_INET_SOCKET_ADDRESS (address));
  g_autofree char *where = g_socket_connectable_to_string (G_SOCKET_CONNECTABLE (address));
  g_autoptr (GSocket) socket = NULL;
  g_autoptr (GSocketAddress) bound = NULL;
  g_autofree char *host = NULL;
  gboolean v6 = g_inet_address_get_family (inet) == G_SOCKET_FAMILY_IPV6;

  if (!self->tls && !g_inet_address_get_is_loopback (inet))
    {
      g_set_error (error, SC_CENTRAL_ERROR, SC_CENTRAL_ERROR_LISTEN,
                   _("Plain HTTP is only allowed on a loopback address, and %s is not one; "
                     "give --tls-cert and --tls-key, or listen on 127.0.0.1 or [::1] behind a "
                     "TLS proxy"),
                   where);
      return NULL;
    }
  /* Our own socket, for its backlog: GLib's default of 10 drops the
   * connections of a crowd of devices arriving at once, which then wait a
   * second for TCP to try again. */
  socket = g_socket_new (g_inet_address_get_family (inet), G_SOCKET_TYPE_STREAM,
                         G_SOCKET_PROTOCOL_TCP, error);
  if (socket == NULL)
    return NULL;
  g_socket_set_listen_backlog (socket, LISTEN_BACKLOG);
  if (!g_socket_bind (socket, address, TRUE, error) || !g_socket_listen (socket, error) ||
      !soup_server_listen_socket (self->soup, socket,
                                  self->tls ? SOUP_SERVER_LISTEN_HTTPS : 0, error))
    {
      g_prefix_error (error, _("Cannot listen on %s: "), where);
      return NULL;
    }
  bound = g_socket_get_local_address (socket, error);
  if (bound == NULL)
    return NULL;
  host = g_inet_address_to_string (inet);
  return g_strdup_printf ("%s://%s%s%s:%u", self->tls ? "https" : "http", v6 ? "[" : "", host,
                          v6 ? "]" : "",
                          g_inet_socket_address_get_port (G_INET_SOCKET_ADDRESS (bound)));
}

void
sc_central_server_free (ScCentralServer *self)
{
  if (self == NULL)
    return;
  self->closing = TRUE;
  soup_server_disconnect (self->soup);
  /* Waits for the jobs under way; their answers are dropped below. */
  g_thread_pool_free (self->pool, FALSE, TRUE);
  while (g_main_context_pending (self->context))
    g_main_context_iteration (self->context, FALSE);
  g_object_unref (self->soup);
  g_main_context_unref (self->context);
  sc_central_identity_free (self->identity);
  g_free (self);
}
