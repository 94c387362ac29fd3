/* sc-bundle-payload.c: the payload, decrypted and inflated as the rows reader asks
 *
 * Copyright 2026 The Scrutineer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Pull-driven: the XML reader asks for bytes, inflate asks for compressed
 * bytes, and a chunk is read from the private copy and authenticated only
 * then. One chunk of ciphertext and one of plaintext are held at a time.
 * Inflation is capped at 1 GiB and at 100 times the compressed size (the
 * smaller of what the header says and what the file can hold), so a small
 * bundle cannot expand into a huge document.
 */
#include "sc-bundle-private.h"

#include <glib/gi18n-lib.h>
#include <string.h>
#include <zlib.h>

#define ABYTES crypto_secretstream_xchacha20poly1305_ABYTES

struct _ScBundlePayload
{
  ScBundleCopy *copy;
  guint64 offset;
  guint64 end; /* where the signature starts */
  ScSecret *state;
  guint8 *cipher;
  guint8 *plain;
  guint n_chunks;
  gboolean final_seen;
  z_stream z;
  gboolean z_ready;
  gboolean z_end;
  guint64 expected;   /* the compressed length the header gives */
  guint64 compressed;
  guint64 inflated;
  guint64 cap;
};

G_GNUC_PRINTF (3, 4)
static gboolean
refuse (GError    **error,
        int         code,
        const char *format,
        ...)
{
  g_autofree char *message = NULL;
  va_list args;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);
  if (code == SC_BUNDLE_ERROR_CHUNK)
    g_set_error (error, SC_BUNDLE_ERROR, code,
                 _("Chunk check failed: %s; the bundle is damaged or incomplete"), message);
  else
    g_set_error (error, SC_BUNDLE_ERROR, code, _("Decompression check failed: %s"), message);
  return FALSE;
}

void
sc_bundle_payload_free (ScBundlePayload *payload)
{
  if (payload == NULL)
    return;
  if (payload->z_ready)
    inflateEnd (&payload->z);
  sc_secret_free (payload->state);
  sodium_memzero (payload->plain, SC_BUNDLE_CHUNK);
  g_free (payload->plain);
  g_free (payload->cipher);
  g_free (payload);
}

ScBundlePayload *
sc_bundle_payload_new (ScBundleCopy         *copy,
                       guint64               start,
                       const ScBundleHeader *header,
                       const ScSecret       *file_key,
                       GError              **error)
{
  g_autoptr (ScBundlePayload) payload = g_new0 (ScBundlePayload, 1);
  guint64 room;

  payload->copy = copy;
  payload->offset = start;
  payload->end = sc_bundle_copy_get_size (copy) - SC_BUNDLE_SIGNATURE_BYTES;
  payload->expected = header->compressed_length;
  room = payload->end > start ? payload->end - start : 0;
  payload->cap = MIN (SC_BUNDLE_MAX_INFLATED,
                      SC_BUNDLE_MAX_RATIO * MIN (payload->expected, room));
  payload->state = sc_secret_new (crypto_secretstream_xchacha20poly1305_statebytes ());
  payload->cipher = g_malloc (SC_BUNDLE_CHUNK + ABYTES);
  payload->plain = g_malloc (SC_BUNDLE_CHUNK);
  if (crypto_secretstream_xchacha20poly1305_init_pull (
        (crypto_secretstream_xchacha20poly1305_state *) payload->state->data,
        header->stream_header, file_key->data) != 0)
    {
      refuse (error, SC_BUNDLE_ERROR_CHUNK, _("the stream header is not valid"));
      return NULL;
    }
  if (inflateInit (&payload->z) != Z_OK)
    {
      refuse (error, SC_BUNDLE_ERROR_DECOMPRESS, _("out of memory"));
      return NULL;
    }
  payload->z_ready = TRUE;
  return g_steal_pointer (&payload);
}

static guint32
read_u32 (const guint8 *p)
{
  return (guint32) p[0] | ((guint32) p[1] << 8) | ((guint32) p[2] << 16) | ((guint32) p[3] << 24);
}

static gboolean
fetch_chunk (ScBundlePayload *payload,
             GError         **error)
{
  guint8 prefix[4];
  guint32 len;
  unsigned long long plain_len = 0;
  unsigned char tag = 0;

  if (payload->offset + 4 > payload->end)
    return refuse (error, SC_BUNDLE_ERROR_CHUNK,
                   _("the payload ends after %u chunks, before its final one"), payload->n_chunks);
  if (!sc_bundle_copy_read (payload->copy, payload->offset, prefix, 4, error))
    return FALSE;
  len = read_u32 (prefix);
  if (len < ABYTES || len > SC_BUNDLE_CHUNK + ABYTES || len > payload->end - payload->offset - 4)
    return refuse (error, SC_BUNDLE_ERROR_CHUNK, _("chunk %u has an impossible length (%u bytes)"),
                   payload->n_chunks + 1, len);
  if (!sc_bundle_copy_read (payload->copy, payload->offset + 4, payload->cipher, len, error))
    return FALSE;
  payload->offset += 4 + (guint64) len;
  payload->n_chunks++;
  sc_bundle_copy_report (payload->copy,
                         sc_bundle_copy_get_size (payload->copy) + payload->offset);
  if (crypto_secretstream_xchacha20poly1305_pull (
        (crypto_secretstream_xchacha20poly1305_state *) payload->state->data, payload->plain,
        &plain_len, &tag, payload->cipher, len, NULL, 0) != 0)
    return refuse (error, SC_BUNDLE_ERROR_CHUNK, _("chunk %u does not authenticate"),
                   payload->n_chunks);
  payload->final_seen = tag == crypto_secretstream_xchacha20poly1305_TAG_FINAL;
  payload->compressed += plain_len;
  if (payload->compressed > payload->expected)
    return refuse (error, SC_BUNDLE_ERROR_CHUNK,
                   _("the payload is longer than its header says"));
  payload->z.next_in = payload->plain;
  payload->z.avail_in = (uInt) plain_len;
  return TRUE;
}

static gboolean
need_input (ScBundlePayload *payload,
            GError         **error)
{
  if (payload->z.avail_in > 0)
    return TRUE;
  if (payload->final_seen)
    return refuse (error, SC_BUNDLE_ERROR_DECOMPRESS,
                   _("the compressed rows end before their end marker"));
  return fetch_chunk (payload, error);
}

gssize
sc_bundle_payload_read (gpointer  user_data,
                        char     *buffer,
                        gsize     len,
                        GError  **error)
{
  ScBundlePayload *payload = user_data;

  while (!payload->z_end)
    {
      gsize produced;
      int rc;

      if (!need_input (payload, error))
        return -1;
      payload->z.next_out = (Bytef *) buffer;
      payload->z.avail_out = (uInt) MIN (len, (gsize) G_MAXINT32);
      rc = inflate (&payload->z, Z_NO_FLUSH);
      produced = MIN (len, (gsize) G_MAXINT32) - payload->z.avail_out;
      payload->inflated += produced;
      if (payload->inflated > payload->cap)
        {
          refuse (error, SC_BUNDLE_ERROR_TOO_LARGE,
                  _("the rows expand to more than 1 GiB or more than %d times the size of "
                    "the bundle: refused as a possible decompression bomb"),
                  SC_BUNDLE_MAX_RATIO);
          return -1;
        }
      if (rc == Z_STREAM_END)
        payload->z_end = TRUE;
      else if (rc != Z_OK && rc != Z_BUF_ERROR)
        {
          refuse (error, SC_BUNDLE_ERROR_DECOMPRESS, _("the compressed rows are damaged (%s)"),
                  payload->z.msg != NULL ? payload->z.msg : "zlib");
          return -1;
        }
      if (produced > 0)
        return (gssize) produced;
    }
  return 0;
}

gboolean
sc_bundle_payload_finish (ScBundlePayload *payload,
                          GError         **error)
{
  if (!payload->z_end)
    return refuse (error, SC_BUNDLE_ERROR_DECOMPRESS,
                   _("more compressed data follows the rows document"));
  if (payload->z.avail_in > 0)
    return refuse (error, SC_BUNDLE_ERROR_DECOMPRESS,
                   _("data follows the end of the compressed rows"));
  if (!payload->final_seen)
    return refuse (error, SC_BUNDLE_ERROR_CHUNK, _("the last chunk is not marked final"));
  if (payload->offset != payload->end)
    return refuse (error, SC_BUNDLE_ERROR_CHUNK, _("data follows the final chunk"));
  if (payload->compressed != payload->expected)
    return refuse (error, SC_BUNDLE_ERROR_CHUNK,
                   _("the payload is shorter than its header says"));
  return TRUE;
}
