/* sc-central-auth.c: checking a signed request, and a bundle being uploaded
 *
 * Copyright 2026 The Scrutineer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "sc-central-auth.h"

#include <errno.h>
#include <glib/gi18n-lib.h>
#include <sodium.h>
#include <string.h>
#include <unistd.h>

#include "sc-bundle-private.h"

void
sc_central_refusal_clear (ScCentralRefusal *refusal)
{
  g_clear_pointer (&refusal->message, g_free);
  refusal->status = 0;
  refusal->code = NULL;
}

void
sc_central_refuse (ScCentralRefusal *refusal,
                   guint             status,
                   const char       *code,
                   const char       *format,
                   ...)
{
  va_list args;

  g_free (refusal->message);
  va_start (args, format);
  refusal->message = g_strdup_vprintf (format, args);
  va_end (args);
  refusal->status = status;
  refusal->code = code;
}

void
sc_central_auth_free (ScCentralAuth *auth)
{
  if (auth == NULL)
    return;
  g_free (auth->device);
  g_free (auth->nonce);
  g_free (auth);
}

static gboolean
is_lower_hex (const char *text,
              gsize       len)
{
  if (strlen (text) != len)
    return FALSE;
  for (gsize i = 0; i < len; i++)
    if (!g_ascii_isxdigit (text[i]) || g_ascii_isupper (text[i]))
      return FALSE;
  return TRUE;
}

ScCentralAuth *
sc_central_auth_parse (const char       *device,
                       const char       *time,
                       const char       *nonce,
                       const char       *signature,
                       gint64            now,
                       ScCentralRefusal *refusal)
{
  g_autoptr (ScCentralAuth) auth = g_new0 (ScCentralAuth, 1);
  gsize len = 0;
  const char *end = NULL;
  gint64 value = 0;

  if (device == NULL || time == NULL || nonce == NULL || signature == NULL)
    {
      sc_central_refuse (refusal, 401, "unsigned",
                         _("This request is not signed; it needs the headers "
                           "X-Scrutineer-Device, -Time, -Nonce and -Signature"));
      return NULL;
    }
  if (!g_uuid_string_is_valid (device) || !is_lower_hex (nonce, SC_SYNC_NONCE_BYTES * 2) ||
      !g_ascii_string_to_signed (time, 10, 0, G_MAXINT64, &value, NULL) ||
      sodium_base642bin (auth->signature, sizeof auth->signature, signature, strlen (signature),
                         NULL, &len, &end, sodium_base64_VARIANT_ORIGINAL) != 0 ||
      len != sizeof auth->signature || *end != '\0')
    {
      sc_central_refuse (refusal, 400, "malformed",
                         _("The signature headers are malformed: the device must be a UUID, the "
                           "time Unix seconds, the nonce 32 lower-case hex digits and the "
                           "signature 64 bytes in base64"));
      return NULL;
    }
  if (value < now - SC_CENTRAL_TIME_WINDOW || value > now + SC_CENTRAL_TIME_WINDOW)
    {
      sc_central_refuse (refusal, 401, "stale-time",
                         _("The request's time is %" G_GINT64_FORMAT " seconds away from the "
                           "server's; set the device's clock right and try again"),
                         value - now);
      return NULL;
    }
  auth->device = g_ascii_strdown (device, -1);
  auth->time = value;
  auth->nonce = g_strdup (nonce);
  return g_steal_pointer (&auth);
}

gboolean
sc_central_auth_check_device (const ScCentralAuth   *auth,
                              const ScCentralDevice *device,
                              ScCentralRefusal      *refusal)
{
  if (device == NULL)
    {
      sc_central_refuse (refusal, 403, "unknown-device",
                         _("The device %s is not enrolled in this central store; ask its "
                           "administrator to enrol the device's identity card"),
                         auth->device);
      return FALSE;
    }
  if (device->revoked)
    {
      sc_central_refuse (refusal, 403, "revoked-device",
                         _("The device %s was revoked in this central store"), auth->device);
      return FALSE;
    }
  return TRUE;
}

gboolean
sc_central_auth_verify (const ScCentralAuth   *auth,
                        const ScCentralDevice *device,
                        const char            *method,
                        const char            *path,
                        const guint8           body_hash[SC_SYNC_HASH_BYTES],
                        ScCentralRefusal      *refusal)
{
  guint8 digest[SC_SYNC_HASH_BYTES];

  sc_sync_request_digest (method, path, auth->time, auth->nonce, body_hash, digest);
  if (crypto_sign_verify_detached (auth->signature, digest, sizeof digest, device->sign_key) != 0)
    {
      sc_central_refuse (refusal, 401, "bad-signature",
                         _("The request's signature does not match the device's enrolled key"));
      return FALSE;
    }
  return TRUE;
}

/* Uploaded bundles */

static gboolean
read_at (int      fd,
         guint64  offset,
         void    *buffer,
         gsize    len)
{
  gsize done = 0;

  while (done < len)
    {
      gssize n = pread (fd, (guint8 *) buffer + done, len - done, (off_t) (offset + done));

      if (n < 0 && errno == EINTR)
        continue;
      if (n <= 0)
        return FALSE;
      done += (gsize) n;
    }
  return TRUE;
}

/* BLAKE2b-512 of the first LEN bytes, as the bundle's signature covers. */
static gboolean
hash_prefix (int      fd,
             guint64  len,
             guint8   hash[SC_BUNDLE_HASH_BYTES])
{
  g_autofree guint8 *buffer = g_malloc (SC_CENTRAL_CHUNK);
  crypto_generichash_state state;

  crypto_generichash_init (&state, NULL, 0, SC_BUNDLE_HASH_BYTES);
  for (guint64 offset = 0; offset < len;)
    {
      gsize n = (gsize) MIN ((guint64) SC_CENTRAL_CHUNK, len - offset);

      if (!read_at (fd, offset, buffer, n))
        return FALSE;
      crypto_generichash_update (&state, buffer, n);
      offset += n;
    }
  crypto_generichash_final (&state, hash, SC_BUNDLE_HASH_BYTES);
  return TRUE;
}

static gboolean
not_a_bundle (ScCentralRefusal *refusal,
              const char       *why)
{
  sc_central_refuse (refusal, 400, "malformed", _("The upload is not a valid bundle: %s"), why);
  return FALSE;
}

static ScBundleHeader *
read_header (int               fd,
             guint64           size,
             ScCentralRefusal *refusal)
{
  guint8 prefix[SC_BUNDLE_PREFIX_BYTES];
  g_autofree char *xml = NULL;
  g_autoptr (GError) error = NULL;
  ScBundleHeader *header;
  guint32 header_len;

  if (size < SC_BUNDLE_PREFIX_BYTES + SC_BUNDLE_SIGNATURE_BYTES || size > SC_BUNDLE_MAX_FILE)
    {
      not_a_bundle (refusal, _("its size is impossible"));
      return NULL;
    }
  if (!read_at (fd, 0, prefix, sizeof prefix))
    {
      not_a_bundle (refusal, _("it cannot be read"));
      return NULL;
    }
  if (memcmp (prefix, SC_BUNDLE_MAGIC, 4) != 0 || prefix[4] != SC_BUNDLE_FORMAT)
    {
      not_a_bundle (refusal, _("it does not start like a bundle of this format"));
      return NULL;
    }
  header_len = (guint32) prefix[5] | (guint32) prefix[6] << 8 | (guint32) prefix[7] << 16 |
               (guint32) prefix[8] << 24;
  if (header_len == 0 || header_len > SC_BUNDLE_MAX_HEADER ||
      SC_BUNDLE_PREFIX_BYTES + (guint64) header_len + SC_BUNDLE_SIGNATURE_BYTES > size)
    {
      not_a_bundle (refusal, _("its header length is impossible"));
      return NULL;
    }
  xml = g_malloc (header_len);
  if (!read_at (fd, SC_BUNDLE_PREFIX_BYTES, xml, header_len))
    {
      not_a_bundle (refusal, _("it cannot be read"));
      return NULL;
    }
  header = sc_bundle_header_parse (xml, header_len, &error);
  if (header == NULL)
    not_a_bundle (refusal, error->message);
  return header;
}

ScCentralBundle *
sc_central_upload_check (int                    fd,
                         guint64                size,
                         const char            *sha256,
                         const ScCentralDevice *requester,
                         ScCentralRefusal      *refusal)
{
  g_autoptr (ScBundleHeader) header = read_header (fd, size, refusal);
  g_autoptr (ScCentralBundle) bundle = NULL;
  guint8 hash[SC_BUNDLE_HASH_BYTES];
  guint8 signature[SC_BUNDLE_SIGNATURE_BYTES];
  guint64 signed_len = size - SC_BUNDLE_SIGNATURE_BYTES;

  if (header == NULL)
    return NULL;
  if (g_ascii_strcasecmp (header->sender, requester->id) != 0 ||
      sodium_memcmp (header->sender_key, requester->sign_key, sizeof header->sender_key) != 0)
    {
      sc_central_refuse (refusal, 403, "not-sender",
                         _("A device may upload only the bundles it signed; this one is "
                           "signed by %s"),
                         header->sender);
      return NULL;
    }
  if (!hash_prefix (fd, signed_len, hash) ||
      !read_at (fd, signed_len, signature, sizeof signature) ||
      crypto_sign_verify_detached (signature, hash, sizeof hash, header->sender_key) != 0)
    {
      not_a_bundle (refusal, _("its signature does not hold; it was altered or damaged"));
      return NULL;
    }

  bundle = sc_central_bundle_new ();
  bundle->id = g_ascii_strdown (header->id, -1);
  bundle->kind = g_strdup (sc_bundle_kind_to_string (header->kind));
  bundle->sender = g_ascii_strdown (header->sender, -1);
  bundle->inspection = g_ascii_strdown (header->inspection, -1);
  bundle->created = g_strdup (header->created);
  bundle->size = size;
  bundle->sha256 = g_strdup (sha256);
  bundle->n_chunks = (guint) ((size + SC_CENTRAL_CHUNK - 1) / SC_CENTRAL_CHUNK);
  for (guint i = 0; i < header->slots->len; i++)
    {
      const ScBundleSlot *slot = g_ptr_array_index (header->slots, i);

      g_ptr_array_add (bundle->recipients, g_ascii_strdown (slot->device, -1));
    }
  return g_steal_pointer (&bundle);
}
