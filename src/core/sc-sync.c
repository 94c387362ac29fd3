/* sc-sync.c: the client side of syncing with the central store
 *
 * Copyright 2026 The Scrutineer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Plain synchronous libsoup, with a timeout on every request: the CLI calls
 * it directly, the app from a GTask thread. Every attempt is signed afresh
 * (new time, new nonce), so a retry is never a replay.
 */
#include "sc-sync.h"

#include <errno.h>
#include <fcntl.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <json-glib/json-glib.h>
#include <libsoup/soup.h>
#include <sodium.h>
#include <string.h>
#include <unistd.h>

#include "sc-bundle-private.h"

#define DEFAULT_TIMEOUT 60
#define DEFAULT_ATTEMPTS 3
#define MAX_LIST_BYTES (64 * 1024 * 1024)

G_DEFINE_QUARK (sc-sync-error-quark, sc_sync_error)

void
sc_sync_request_digest (const char   *method,
                        const char   *path,
                        gint64        time,
                        const char   *nonce,
                        const guint8  body_hash[SC_SYNC_HASH_BYTES],
                        guint8        digest[SC_SYNC_HASH_BYTES])
{
  g_autofree char *head = g_strdup_printf ("%s\n%s\n%" G_GINT64_FORMAT "\n%s\n", method, path,
                                           time, nonce);
  crypto_generichash_state state;

  crypto_generichash_init (&state, NULL, 0, SC_SYNC_HASH_BYTES);
  crypto_generichash_update (&state, (const guint8 *) head, strlen (head));
  crypto_generichash_update (&state, body_hash, SC_SYNC_HASH_BYTES);
  crypto_generichash_final (&state, digest, SC_SYNC_HASH_BYTES);
}

void
sc_sync_entry_free (ScSyncEntry *entry)
{
  if (entry == NULL)
    return;
  g_free (entry->id);
  g_free (entry->kind);
  g_free (entry->sender);
  g_free (entry->inspection);
  g_free (entry->created);
  g_free (entry->sha256);
  g_free (entry);
}

struct _ScSyncClient
{
  SoupSession *session;
  GUri *base;
  char *device_id;
  ScSecret *sign_secret;
  guint attempts;
  guint page_size;
  gint64 clock_skew;
  GCancellable *cancellable;
};

static gboolean
is_loopback_host (const char *host)
{
  g_autoptr (GInetAddress) address = NULL;

  if (g_ascii_strcasecmp (host, "localhost") == 0)
    return TRUE;
  address = g_inet_address_new_from_string (host);
  return address != NULL && g_inet_address_get_is_loopback (address);
}

static gboolean
bad_url (GError    **error,
         const char *url,
         const char *why)
{
  g_set_error (error, SC_SYNC_ERROR, SC_SYNC_ERROR_URL, _("The server address %s %s"), url, why);
  return FALSE;
}

static GUri *
parse_url (const char *url,
           GError    **error)
{
  g_autoptr (GUri) uri = g_uri_parse (url, SOUP_HTTP_URI_FLAGS, NULL);
  const char *scheme = uri != NULL ? g_uri_get_scheme (uri) : NULL;
  const char *path = uri != NULL ? g_uri_get_path (uri) : NULL;

  if (uri == NULL || scheme == NULL || g_uri_get_host (uri) == NULL)
    {
      bad_url (error, url, _("is not a URL; give it as https://HOST[:PORT]"));
      return NULL;
    }
  if (g_ascii_strcasecmp (scheme, "https") != 0 && g_ascii_strcasecmp (scheme, "http") != 0)
    {
      bad_url (error, url, _("must start with https://"));
      return NULL;
    }
  if (g_ascii_strcasecmp (scheme, "http") == 0 && !is_loopback_host (g_uri_get_host (uri)))
    {
      bad_url (error, url, _("uses plain http://, which is only allowed on this computer; use "
                             "https://"));
      return NULL;
    }
  if (path != NULL && *path != '\0' && !g_str_equal (path, "/"))
    {
      bad_url (error, url, _("must not have a path; give it as https://HOST[:PORT]"));
      return NULL;
    }
  return g_steal_pointer (&uri);
}

ScSyncClient *
sc_sync_client_new (const char     *url,
                    const char     *ca_file,
                    const char     *device_id,
                    const ScSecret *sign_secret,
                    GError        **error)
{
  g_autoptr (ScSyncClient) self = g_new0 (ScSyncClient, 1);

  if (!sc_crypto_init (error))
    return NULL;
  self->base = parse_url (url, error);
  if (self->base == NULL)
    return NULL;
  self->device_id = g_ascii_strdown (device_id, -1);
  self->sign_secret = sc_secret_copy (sign_secret);
  self->attempts = DEFAULT_ATTEMPTS;
  self->page_size = SC_SYNC_PAGE_DEFAULT;
  self->session = soup_session_new_with_options ("timeout", DEFAULT_TIMEOUT, "idle-timeout",
                                                 DEFAULT_TIMEOUT, "user-agent",
                                                 "Scrutineer/" PACKAGE_VERSION, NULL);
  /* A loopback server needs no proxy, and asking the system's proxy
   * resolver (libproxy) adds tens of milliseconds to the first request. */
  if (is_loopback_host (g_uri_get_host (self->base)))
    soup_session_set_proxy_resolver (self->session, NULL);
  if (ca_file != NULL)
    {
      g_autoptr (GTlsDatabase) database = g_tls_file_database_new (ca_file, error);

      if (database == NULL)
        {
          g_prefix_error (error, _("Cannot read the certificates in %s: "), ca_file);
          return NULL;
        }
      soup_session_set_tls_database (self->session, database);
    }
  return g_steal_pointer (&self);
}

void
sc_sync_client_free (ScSyncClient *self)
{
  if (self == NULL)
    return;
  g_clear_object (&self->session);
  g_clear_pointer (&self->base, g_uri_unref);
  g_free (self->device_id);
  sc_secret_free (self->sign_secret);
  g_clear_object (&self->cancellable);
  g_free (self);
}

void
sc_sync_client_set_timeout (ScSyncClient *self,
                            guint         seconds)
{
  g_object_set (self->session, "timeout", seconds, "idle-timeout", seconds, NULL);
}

void
sc_sync_client_set_attempts (ScSyncClient *self,
                             guint         attempts)
{
  self->attempts = MAX (attempts, 1);
}

void
sc_sync_client_set_cancellable (ScSyncClient *self,
                                GCancellable *cancellable)
{
  g_set_object (&self->cancellable, cancellable);
}

void
sc_sync_client_set_page_size (ScSyncClient *self,
                              guint         page_size)
{
  self->page_size = CLAMP (page_size, 1, SC_SYNC_PAGE_MAX);
}

void
sc_sync_client_set_clock_skew_for_testing (ScSyncClient *self,
                                           gint64        seconds)
{
  self->clock_skew = seconds;
}

/* Requests */

static void
sign (ScSyncClient *self,
      SoupMessage  *msg,
      const char   *path,
      GBytes       *body,
      gint64        time_shift,
      const char   *nonce)
{
  SoupMessageHeaders *headers = soup_message_get_request_headers (msg);
  guint8 body_hash[SC_SYNC_HASH_BYTES];
  guint8 digest[SC_SYNC_HASH_BYTES];
  guint8 signature[crypto_sign_BYTES];
  guint8 random[SC_SYNC_NONCE_BYTES];
  char nonce_hex[SC_SYNC_NONCE_BYTES * 2 + 1];
  char signature_b64[sodium_base64_ENCODED_LEN (crypto_sign_BYTES,
                                                sodium_base64_VARIANT_ORIGINAL)];
  gint64 now = g_get_real_time () / G_USEC_PER_SEC + self->clock_skew + time_shift;
  g_autofree char *time = g_strdup_printf ("%" G_GINT64_FORMAT, now);
  gsize len = 0;
  const guint8 *data = body != NULL ? g_bytes_get_data (body, &len) : NULL;

  if (nonce == NULL)
    {
      randombytes_buf (random, sizeof random);
      sodium_bin2hex (nonce_hex, sizeof nonce_hex, random, sizeof random);
      nonce = nonce_hex;
    }
  crypto_generichash (body_hash, sizeof body_hash, data, len, NULL, 0);
  sc_sync_request_digest (soup_message_get_method (msg), path, now, nonce, body_hash, digest);
  crypto_sign_detached (signature, NULL, digest, sizeof digest, self->sign_secret->data);
  sodium_bin2base64 (signature_b64, sizeof signature_b64, signature, sizeof signature,
                     sodium_base64_VARIANT_ORIGINAL);
  soup_message_headers_replace (headers, SC_SYNC_HEADER_DEVICE, self->device_id);
  soup_message_headers_replace (headers, SC_SYNC_HEADER_TIME, time);
  soup_message_headers_replace (headers, SC_SYNC_HEADER_NONCE, nonce);
  soup_message_headers_replace (headers, SC_SYNC_HEADER_SIGNATURE, signature_b64);
}

static SoupMessage *
new_message (ScSyncClient *self,
             const char   *method,
             const char   *path,
             GBytes       *body,
             gint64        time_shift,
             const char   *nonce)
{
  g_autoptr (GUri) uri = soup_uri_copy (self->base, SOUP_URI_PATH, path, SOUP_URI_QUERY, NULL,
                                        SOUP_URI_NONE);
  SoupMessage *msg = soup_message_new_from_uri (method, uri);

  if (body != NULL)
    {
      soup_message_set_request_body_from_bytes (msg, "application/octet-stream", body);
      /* Lets the server refuse before the body is sent. */
      soup_message_headers_set_expectations (soup_message_get_request_headers (msg),
                                             SOUP_EXPECTATION_CONTINUE);
    }
  sign (self, msg, path, body != NULL ? body : NULL, time_shift, nonce);
  return msg;
}

static gboolean
network_failed (ScSyncClient *self,
                GError       *cause,
                GError      **error)
{
  g_autofree char *host = g_uri_to_string_partial (self->base, G_URI_HIDE_PASSWORD);

  if (g_error_matches (cause, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    g_set_error (error, SC_SYNC_ERROR, SC_SYNC_ERROR_CANCELLED,
                 _("The sync was cancelled; what was sent or received before stays"));
  else if (cause->domain == G_TLS_ERROR)
    g_set_error (error, SC_SYNC_ERROR, SC_SYNC_ERROR_TLS,
                 _("The central store %s could not be trusted (%s); check the address, or give "
                   "its certificate authority with --ca"),
                 host, cause->message);
  else
    g_set_error (error, SC_SYNC_ERROR, SC_SYNC_ERROR_NETWORK,
                 _("The central store %s cannot be reached (%s); check the network and try "
                   "again"),
                 host, cause->message);
  return FALSE;
}

/* The server's message, or a short fallback. */
static char *
server_message (GBytes *body,
                char  **code)
{
  g_autoptr (JsonParser) parser = json_parser_new ();
  gsize len = 0;
  const char *data = body != NULL ? g_bytes_get_data (body, &len) : NULL;
  JsonObject *object;

  *code = NULL;
  if (data == NULL || !json_parser_load_from_data (parser, data, (gssize) len, NULL) ||
      !JSON_NODE_HOLDS_OBJECT (json_parser_get_root (parser)))
    return NULL;
  object = json_node_get_object (json_parser_get_root (parser));
  *code = g_strdup (json_object_get_string_member_with_default (object, "error", ""));
  return g_strdup (json_object_get_string_member_with_default (object, "message", ""));
}

static gint64
server_clock_offset (ScSyncClient *self,
                     SoupMessage  *msg)
{
  SoupMessageHeaders *headers = soup_message_get_response_headers (msg);
  const char *text = soup_message_headers_get_one (headers, SC_SYNC_HEADER_SERVER_TIME);
  gint64 now = g_get_real_time () / G_USEC_PER_SEC + self->clock_skew;
  gint64 server = 0;

  if (text != NULL && g_ascii_string_to_signed (text, 10, 0, G_MAXINT64, &server, NULL))
    return now - server;
  text = soup_message_headers_get_one (headers, "Date");
  if (text != NULL)
    {
      g_autoptr (GDateTime) date = soup_date_time_new_from_http_string (text);

      if (date != NULL)
        return now - g_date_time_to_unix (date);
    }
  return 0;
}

static gboolean
refused (ScSyncClient *self,
         SoupMessage  *msg,
         GBytes       *body,
         GError      **error)
{
  guint status = soup_message_get_status (msg);
  g_autofree char *code = NULL;
  g_autofree char *message = server_message (body, &code);
  g_autofree char *host = g_uri_to_string_partial (self->base, G_URI_HIDE_PASSWORD);

  if (message == NULL)
    message = g_strdup (soup_message_get_reason_phrase (msg));
  if (status == 401 && g_strcmp0 (code, "stale-time") == 0)
    {
      gint64 offset = server_clock_offset (self, msg);
      gint64 minutes = (ABS (offset) + 30) / 60;

      g_set_error (error, SC_SYNC_ERROR, SC_SYNC_ERROR_CLOCK,
                   offset >= 0 ? g_dngettext (GETTEXT_PACKAGE,
                                              "This computer's clock is off by %" G_GINT64_FORMAT
                                              " minute (ahead of the central store's); set the "
                                              "right date and time, then sync again",
                                              "This computer's clock is off by %" G_GINT64_FORMAT
                                              " minutes (ahead of the central store's); set the "
                                              "right date and time, then sync again",
                                              (gulong) minutes)
                               : g_dngettext (GETTEXT_PACKAGE,
                                              "This computer's clock is off by %" G_GINT64_FORMAT
                                              " minute (behind the central store's); set the "
                                              "right date and time, then sync again",
                                              "This computer's clock is off by %" G_GINT64_FORMAT
                                              " minutes (behind the central store's); set the "
                                              "right date and time, then sync again",
                                              (gulong) minutes),
                   MAX (minutes, 1));
    }
  else if (status == 401)
    g_set_error (error, SC_SYNC_ERROR, SC_SYNC_ERROR_UNAUTHORIZED,
                 _("The central store %s does not accept this device's signature (%s); ask its "
                   "administrator to enrol this device's current identity card"),
                 host, message);
  else if (status == 403 && g_strcmp0 (code, "revoked-device") == 0)
    g_set_error (error, SC_SYNC_ERROR, SC_SYNC_ERROR_FORBIDDEN,
                 _("This device was revoked at the central store %s; ask its administrator"),
                 host);
  else if (status == 403 && g_strcmp0 (code, "unknown-device") == 0)
    g_set_error (error, SC_SYNC_ERROR, SC_SYNC_ERROR_FORBIDDEN,
                 _("This device is not enrolled at the central store %s; give its identity card "
                   "(scrutineer-cli identity export) to the store's administrator"),
                 host);
  else if (status >= 500)
    g_set_error (error, SC_SYNC_ERROR, SC_SYNC_ERROR_SERVER,
                 _("The central store %s failed (%u: %s); try again later"), host, status,
                 message);
  else
    g_set_error (error, SC_SYNC_ERROR, SC_SYNC_ERROR_REFUSED,
                 _("The central store %s refused the request (%u: %s)"), host, status, message);
  return FALSE;
}

static gboolean
retryable (guint         status,
           const GError *error)
{
  if (error != NULL)
    return error->domain != G_TLS_ERROR &&
           !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  return status >= 500;
}

static void
back_off (guint attempt)
{
  g_usleep (MIN (250000UL << attempt, 4000000UL));
}

/* Sends, retrying on network failures and 5xx, and returns the final
 * message (with its status) and body; NULL when nothing came back. */
static SoupMessage *
send_request (ScSyncClient *self,
              const char   *method,
              const char   *path,
              GBytes       *body,
              GBytes      **response,
              GError      **error)
{
  g_autoptr (GError) last = NULL;

  for (guint attempt = 0; attempt < self->attempts; attempt++)
    {
      g_autoptr (SoupMessage) msg = new_message (self, method, path, body, 0, NULL);
      g_autoptr (GBytes) bytes = NULL;

      g_clear_error (&last);
      if (attempt > 0)
        back_off (attempt - 1);
      bytes = soup_session_send_and_read (self->session, msg, self->cancellable, &last);
      if (bytes != NULL && !retryable (soup_message_get_status (msg), NULL))
        {
          *response = g_steal_pointer (&bytes);
          return g_steal_pointer (&msg);
        }
      if (bytes != NULL && attempt + 1 == self->attempts)
        {
          *response = g_steal_pointer (&bytes);
          return g_steal_pointer (&msg);
        }
      if (last != NULL && !retryable (0, last))
        break;
    }
  network_failed (self, last, error);
  return NULL;
}

guint
sc_sync_client_send_for_testing (ScSyncClient *self,
                                 const char   *method,
                                 const char   *path,
                                 GBytes       *body,
                                 gint64        time_shift,
                                 const char   *nonce,
                                 GBytes      **response,
                                 GError      **error)
{
  g_autoptr (SoupMessage) msg = new_message (self, method, path, body, time_shift, nonce);
  GBytes *bytes = soup_session_send_and_read (self->session, msg, NULL, error);

  if (bytes == NULL)
    return 0;
  if (response != NULL)
    *response = bytes;
  else
    g_bytes_unref (bytes);
  return soup_message_get_status (msg);
}

gboolean
sc_sync_client_health (ScSyncClient *self,
                       GError      **error)
{
  g_autoptr (GBytes) body = NULL;
  g_autoptr (SoupMessage) msg = send_request (self, "GET", "/v1/health", NULL, &body, error);

  if (msg == NULL)
    return FALSE;
  if (soup_message_get_status (msg) != 200)
    return refused (self, msg, body, error);
  return TRUE;
}

static JsonNode *
parse_json (GBytes  *body,
            GError **error)
{
  g_autoptr (JsonParser) parser = json_parser_new ();
  gsize len = 0;
  const char *data = g_bytes_get_data (body, &len);

  if (len > MAX_LIST_BYTES || !json_parser_load_from_data (parser, data, (gssize) len, NULL))
    {
      g_set_error (error, SC_SYNC_ERROR, SC_SYNC_ERROR_PROTOCOL,
                   _("The central store's answer is not readable; is the address right?"));
      return NULL;
    }
  return json_node_copy (json_parser_get_root (parser));
}

gboolean
sc_sync_client_upload_bytes (ScSyncClient *self,
                             GBytes       *bundle,
                             gboolean     *created,
                             GError      **error)
{
  g_autoptr (GBytes) body = NULL;
  g_autoptr (SoupMessage) msg = send_request (self, "POST", "/v1/bundles", bundle, &body, error);
  guint status;

  if (msg == NULL)
    return FALSE;
  status = soup_message_get_status (msg);
  if (status != 200 && status != 201)
    return refused (self, msg, body, error);
  if (created != NULL)
    *created = status == 201;
  return TRUE;
}

gboolean
sc_sync_client_upload (ScSyncClient *self,
                       const char   *path,
                       gboolean     *created,
                       char        **id,
                       GError      **error)
{
  g_autoptr (GMappedFile) file = g_mapped_file_new (path, FALSE, error);
  g_autoptr (GBytes) bytes = NULL;
  g_autoptr (ScBundleHeader) header = NULL;
  gsize len;
  const guint8 *data;
  guint32 header_len;

  if (file == NULL)
    return FALSE;
  bytes = g_mapped_file_get_bytes (file);
  data = g_bytes_get_data (bytes, &len);
  /* The framing only; sc_bundle_header_parse() reads the header. */
  if (len < SC_BUNDLE_PREFIX_BYTES || memcmp (data, SC_BUNDLE_MAGIC, 4) != 0)
    {
      g_set_error (error, SC_SYNC_ERROR, SC_SYNC_ERROR_FAILED,
                   _("%s is not a Scrutineer bundle"), path);
      return FALSE;
    }
  header_len = (guint32) data[5] | (guint32) data[6] << 8 | (guint32) data[7] << 16 |
               (guint32) data[8] << 24;
  if (header_len > SC_BUNDLE_MAX_HEADER || SC_BUNDLE_PREFIX_BYTES + (gsize) header_len > len)
    {
      g_set_error (error, SC_SYNC_ERROR, SC_SYNC_ERROR_FAILED,
                   _("%s is not a Scrutineer bundle"), path);
      return FALSE;
    }
  header = sc_bundle_header_parse ((const char *) data + SC_BUNDLE_PREFIX_BYTES, header_len,
                                   error);
  if (header == NULL)
    return FALSE;
  if (g_ascii_strcasecmp (header->sender, self->device_id) != 0)
    {
      g_set_error (error, SC_SYNC_ERROR, SC_SYNC_ERROR_FAILED,
                   _("%s was made on another device; only its sender can send it to the "
                     "central store"),
                   path);
      return FALSE;
    }
  if (id != NULL)
    *id = g_ascii_strdown (header->id, -1);
  return sc_sync_client_upload_bytes (self, bytes, created, error);
}

static ScSyncEntry *
entry_from_json (JsonObject *object)
{
  ScSyncEntry *entry = g_new0 (ScSyncEntry, 1);
  gint64 size = json_object_get_int_member_with_default (object, "size", -1);

  entry->id = g_strdup (json_object_get_string_member_with_default (object, "id", ""));
  entry->kind = g_strdup (json_object_get_string_member_with_default (object, "kind", ""));
  entry->sender = g_strdup (json_object_get_string_member_with_default (object, "sender", ""));
  entry->inspection = g_strdup (
    json_object_get_string_member_with_default (object, "inspection", ""));
  entry->created = g_strdup (json_object_get_string_member_with_default (object, "created", ""));
  entry->sha256 = g_strdup (json_object_get_string_member_with_default (object, "sha256", ""));
  entry->size = size > 0 ? (guint64) size : 0;
  if (!g_uuid_string_is_valid (entry->id) || size <= 0)
    g_clear_pointer (&entry, sc_sync_entry_free);
  return entry;
}

/* One page of the list, appended to ENTRIES; SEEN guards against a server
 * that does not page and sends the same bundles again. N_NEW receives how
 * many entries the page held. */
static gboolean
list_page (ScSyncClient *self,
           const char   *after,
           GPtrArray    *entries,
           GHashTable   *seen,
           guint        *n_new,
           GError      **error)
{
  g_autofree char *path = after != NULL
                            ? g_strdup_printf ("/v1/bundles?limit=%u&after=%s", self->page_size,
                                               after)
                            : g_strdup_printf ("/v1/bundles?limit=%u", self->page_size);
  g_autoptr (GBytes) body = NULL;
  g_autoptr (SoupMessage) msg = send_request (self, "GET", path, NULL, &body, error);
  g_autoptr (JsonNode) root = NULL;
  JsonArray *array;

  *n_new = 0;
  if (msg == NULL)
    return FALSE;
  if (soup_message_get_status (msg) != 200)
    return refused (self, msg, body, error);
  root = parse_json (body, error);
  if (root == NULL)
    return FALSE;
  if (!JSON_NODE_HOLDS_ARRAY (root))
    {
      g_set_error (error, SC_SYNC_ERROR, SC_SYNC_ERROR_PROTOCOL,
                   _("The central store's list of bundles is not readable"));
      return FALSE;
    }
  array = json_node_get_array (root);
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonNode *node = json_array_get_element (array, i);
      ScSyncEntry *entry = JSON_NODE_HOLDS_OBJECT (node)
                             ? entry_from_json (json_node_get_object (node))
                             : NULL;

      if (entry == NULL)
        {
          g_set_error (error, SC_SYNC_ERROR, SC_SYNC_ERROR_PROTOCOL,
                       _("The central store's list of bundles is not readable"));
          return FALSE;
        }
      if (!g_hash_table_add (seen, g_strdup (entry->id)))
        {
          sc_sync_entry_free (entry);
          continue;
        }
      g_ptr_array_add (entries, entry);
      (*n_new)++;
    }
  /* A full page may have a next one; count it only if it brought news. */
  if (json_array_get_length (array) < self->page_size)
    *n_new = 0;
  return TRUE;
}

GPtrArray *
sc_sync_client_list (ScSyncClient *self,
                     GError      **error)
{
  g_autoptr (GPtrArray) entries = g_ptr_array_new_with_free_func (
    (GDestroyNotify) sc_sync_entry_free);
  g_autoptr (GHashTable) seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  guint n_new = 0;

  do
    {
      const char *after = entries->len > 0
                            ? ((ScSyncEntry *) g_ptr_array_index (entries,
                                                                 entries->len - 1))->id
                            : NULL;

      if (!list_page (self, after, entries, seen, &n_new, error))
        return NULL;
    }
  while (n_new > 0);
  return g_steal_pointer (&entries);
}

/* Downloads */

static gboolean
write_all (int           fd,
           const guint8 *data,
           gsize         len)
{
  while (len > 0)
    {
      gssize n = write (fd, data, len);

      if (n < 0 && errno == EINTR)
        continue;
      if (n < 0)
        return FALSE;
      data += n;
      len -= (gsize) n;
    }
  return TRUE;
}

/* Streams the body of MSG (sent already) into FD; FALSE with ERROR set. */
static gboolean
receive_body (ScSyncClient *self,
              GInputStream *stream,
              int           fd,
              guint64       max,
              guint64      *size,
              GChecksum    *sha256,
              GError      **error)
{
  g_autofree guint8 *buffer = g_malloc (64 * 1024);
  g_autoptr (GError) local = NULL;

  *size = 0;
  for (;;)
    {
      gssize n = g_input_stream_read (stream, buffer, 64 * 1024, self->cancellable, &local);

      if (n < 0)
        return network_failed (self, local, error);
      if (n == 0)
        return TRUE;
      *size += (guint64) n;
      if (*size > max)
        {
          g_set_error (error, SC_SYNC_ERROR, SC_SYNC_ERROR_PROTOCOL,
                       _("The central store sent more than the bundle's size"));
          return FALSE;
        }
      g_checksum_update (sha256, buffer, n);
      if (!write_all (fd, buffer, (gsize) n))
        {
          int saved = errno;

          g_set_error (error, SC_SYNC_ERROR, SC_SYNC_ERROR_FAILED,
                       _("Cannot save the downloaded bundle: %s"), g_strerror (saved));
          return FALSE;
        }
    }
}

static gboolean
download_once (ScSyncClient      *self,
               const char        *id,
               const ScSyncEntry *entry,
               const char        *temp,
               GError           **error)
{
  g_autofree char *path = g_strdup_printf ("/v1/bundles/%s", id);
  g_autoptr (SoupMessage) msg = new_message (self, "GET", path, NULL, 0, NULL);
  g_autoptr (GInputStream) stream = NULL;
  g_autoptr (GChecksum) sha256 = g_checksum_new (G_CHECKSUM_SHA256);
  g_autoptr (GError) local = NULL;
  guint64 size = 0;
  guint64 max = entry != NULL ? entry->size : SC_BUNDLE_MAX_FILE;
  gboolean ok;
  int fd;

  stream = soup_session_send (self->session, msg, self->cancellable, &local);
  if (stream == NULL)
    return network_failed (self, local, error);
  if (soup_message_get_status (msg) != 200)
    {
      g_autoptr (GBytes) body = g_input_stream_read_bytes (stream, 64 * 1024, NULL, NULL);

      return refused (self, msg, body, error);
    }
  fd = g_open (temp, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
  if (fd < 0)
    {
      int saved = errno;

      g_set_error (error, SC_SYNC_ERROR, SC_SYNC_ERROR_FAILED,
                   _("Cannot save the downloaded bundle in %s: %s"), temp, g_strerror (saved));
      return FALSE;
    }
  ok = receive_body (self, stream, fd, max, &size, sha256, error);
  if (close (fd) != 0 && ok)
    {
      g_set_error (error, SC_SYNC_ERROR, SC_SYNC_ERROR_FAILED,
                   _("Cannot save the downloaded bundle in %s"), temp);
      ok = FALSE;
    }
  if (ok && entry != NULL &&
      (size != entry->size || g_strcmp0 (g_checksum_get_string (sha256), entry->sha256) != 0))
    {
      g_set_error (error, SC_SYNC_ERROR, SC_SYNC_ERROR_NETWORK,
                   _("The bundle %s arrived incomplete or changed; sync again"), id);
      ok = FALSE;
    }
  return ok;
}

gboolean
sc_sync_client_download (ScSyncClient      *self,
                         const char        *id,
                         const ScSyncEntry *entry,
                         const char        *path,
                         GError           **error)
{
  g_autofree char *temp = g_strconcat (path, ".part", NULL);
  g_autoptr (GError) last = NULL;

  for (guint attempt = 0; attempt < self->attempts; attempt++)
    {
      g_clear_error (&last);
      if (attempt > 0)
        back_off (attempt - 1);
      if (download_once (self, id, entry, temp, &last))
        {
          if (g_rename (temp, path) == 0)
            return TRUE;
          g_set_error (error, SC_SYNC_ERROR, SC_SYNC_ERROR_FAILED,
                       _("Cannot save the downloaded bundle as %s: %s"), path,
                       g_strerror (errno));
          g_unlink (temp);
          return FALSE;
        }
      g_unlink (temp);
      if (!g_error_matches (last, SC_SYNC_ERROR, SC_SYNC_ERROR_NETWORK) &&
          !g_error_matches (last, SC_SYNC_ERROR, SC_SYNC_ERROR_SERVER))
        break;
    }
  g_propagate_error (error, g_steal_pointer (&last));
  return FALSE;
}
