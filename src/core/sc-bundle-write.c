/* sc-bundle-write.c: writing a bundle, streamed, to a temporary file renamed at the end
 *
 * Copyright 2026 The Scrutineer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The plaintext flows through once and is never held whole: the producer's
 * bytes go into deflate, deflate's output fills a 64 KiB buffer, and each
 * full buffer is encrypted as one secretstream chunk and written. The
 * compressed length is known only at the end, so the header carries it with a
 * fixed width and is rewritten in place; then the file is read back once to
 * hash it, and the signature is appended. Memory stays at a few hundred KiB
 * whatever the size, and a failure leaves no file behind.
 */
#include "sc-bundle-private.h"

#include <errno.h>
#include <fcntl.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <string.h>
#include <unistd.h>
#include <zlib.h>

#include "sc-identity.h"

#define HASH_BLOCK (256 * 1024)

G_DEFINE_QUARK (sc-bundle-error-quark, sc_bundle_error)

static const char * const kind_names[] = { "setup", "member", "team" };

gboolean
sc_bundle_kind_from_string (const char   *name,
                            ScBundleKind *kind)
{
  for (guint i = 0; i < G_N_ELEMENTS (kind_names); i++)
    if (g_strcmp0 (name, kind_names[i]) == 0)
      {
        *kind = (ScBundleKind) i;
        return TRUE;
      }
  return FALSE;
}

const char *
sc_bundle_kind_to_string (ScBundleKind kind)
{
  return (guint) kind < G_N_ELEMENTS (kind_names) ? kind_names[kind] : "unknown";
}

static gboolean
write_failed (GError    **error,
              int         saved_errno,
              const char *path)
{
  g_set_error (error, SC_BUNDLE_ERROR, SC_BUNDLE_ERROR_FAILED,
               _("The bundle could not be written to %s: %s"), path, g_strerror (saved_errno));
  return FALSE;
}

static gboolean
write_all (int           fd,
           const guint8 *data,
           gsize         len,
           GError      **error)
{
  while (len > 0)
    {
      ssize_t n = write (fd, data, len);

      if (n < 0 && errno == EINTR)
        continue;
      if (n <= 0)
        return write_failed (error, n < 0 ? errno : ENOSPC, _("the bundle file"));
      data += n;
      len -= (gsize) n;
    }
  return TRUE;
}

/* The sink: deflate, then secretstream chunks */

struct _ScBundleSink
{
  int fd;
  z_stream z;
  ScSecret *state;  /* crypto_secretstream_xchacha20poly1305_state */
  guint8 *pending;  /* compressed bytes waiting to fill a chunk */
  gsize pending_len;
  guint8 *out;      /* u32 length and ciphertext */
  guint64 compressed;
};

static void
sink_free (ScBundleSink *sink)
{
  if (sink == NULL)
    return;
  deflateEnd (&sink->z);
  sc_secret_free (sink->state);
  sodium_memzero (sink->pending, SC_BUNDLE_CHUNK);
  g_free (sink->pending);
  g_free (sink->out);
  g_free (sink);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (ScBundleSink, sink_free)

static ScBundleSink *
sink_new (int             fd,
          const ScSecret *file_key,
          guint8          stream_header[SC_BUNDLE_STREAM_HEADER_BYTES])
{
  g_autoptr (ScBundleSink) sink = g_new0 (ScBundleSink, 1);

  sink->fd = fd;
  sink->state = sc_secret_new (crypto_secretstream_xchacha20poly1305_statebytes ());
  sink->pending = g_malloc (SC_BUNDLE_CHUNK);
  sink->out = g_malloc (SC_BUNDLE_CHUNK + SC_BUNDLE_CHUNK_OVERHEAD);
  if (deflateInit (&sink->z, Z_DEFAULT_COMPRESSION) != Z_OK)
    return NULL;
  crypto_secretstream_xchacha20poly1305_init_push (
    (crypto_secretstream_xchacha20poly1305_state *) sink->state->data, stream_header,
    file_key->data);
  return g_steal_pointer (&sink);
}

static gboolean
emit_chunk (ScBundleSink *sink,
            guint8        tag,
            GError      **error)
{
  unsigned long long len = 0;

  crypto_secretstream_xchacha20poly1305_push (
    (crypto_secretstream_xchacha20poly1305_state *) sink->state->data, sink->out + 4, &len,
    sink->pending, sink->pending_len, NULL, 0, tag);
  sink->out[0] = (guint8) (len & 0xff);
  sink->out[1] = (guint8) ((len >> 8) & 0xff);
  sink->out[2] = (guint8) ((len >> 16) & 0xff);
  sink->out[3] = (guint8) ((len >> 24) & 0xff);
  sink->compressed += sink->pending_len;
  sink->pending_len = 0;
  return write_all (sink->fd, sink->out, 4 + (gsize) len, error);
}

/* Deflates into the pending buffer; a full buffer is sent only when more
 * output comes, so the last chunk, whatever its size, is the FINAL one. */
static gboolean
deflate_some (ScBundleSink *sink,
              int           flush,
              int          *rc,
              GError      **error)
{
  if (sink->pending_len == SC_BUNDLE_CHUNK &&
      !emit_chunk (sink, crypto_secretstream_xchacha20poly1305_TAG_MESSAGE, error))
    return FALSE;
  sink->z.next_out = sink->pending + sink->pending_len;
  sink->z.avail_out = (uInt) (SC_BUNDLE_CHUNK - sink->pending_len);
  *rc = deflate (&sink->z, flush);
  sink->pending_len = SC_BUNDLE_CHUNK - sink->z.avail_out;
  if (*rc == Z_STREAM_ERROR)
    {
      g_set_error (error, SC_BUNDLE_ERROR, SC_BUNDLE_ERROR_FAILED,
                   _("Compressing the bundle failed"));
      return FALSE;
    }
  return TRUE;
}

gboolean
sc_bundle_sink_write (ScBundleSink *sink,
                      const void   *data,
                      gsize         len,
                      GError      **error)
{
  int rc = Z_OK;

  while (len > 0)
    {
      uInt piece = (uInt) MIN (len, (gsize) G_MAXUINT32 / 2);

      sink->z.next_in = (Bytef *) data;
      sink->z.avail_in = piece;
      while (sink->z.avail_in > 0)
        if (!deflate_some (sink, Z_NO_FLUSH, &rc, error))
          return FALSE;
      data = (const guint8 *) data + piece;
      len -= piece;
    }
  return TRUE;
}

static gboolean
sink_finish (ScBundleSink *sink,
             GError      **error)
{
  int rc = Z_OK;

  sink->z.next_in = NULL;
  sink->z.avail_in = 0;
  do
    if (!deflate_some (sink, Z_FINISH, &rc, error))
      return FALSE;
  while (rc != Z_STREAM_END);
  return emit_chunk (sink, crypto_secretstream_xchacha20poly1305_TAG_FINAL, error);
}

/* The header */

static gboolean
add_slot (ScBundleHeader   *header,
          const ScIdentity *recipient,
          const ScSecret   *file_key)
{
  ScBundleSlot *slot;

  if (sc_bundle_header_find_slot (header, recipient->device_id) != NULL)
    return TRUE;
  slot = g_new0 (ScBundleSlot, 1);
  slot->device = g_strdup (recipient->device_id);
  g_ptr_array_add (header->slots, slot);
  return crypto_box_seal (slot->sealed_key, file_key->data, file_key->len, recipient->box_key) == 0;
}

static ScBundleHeader *
make_header (ScStore        *store,
             ScBundleKind    kind,
             const char     *inspection,
             GPtrArray      *recipients,
             const ScSecret *file_key,
             GError        **error)
{
  g_autoptr (ScBundleHeader) header = sc_bundle_header_new ();
  g_autoptr (ScIdentity) self = sc_store_get_identity (store, error);
  g_autoptr (GDateTime) now = g_date_time_new_now_utc ();
  gboolean ok;

  if (self == NULL)
    return NULL;
  header->id = sc_store_new_id ();
  header->kind = kind;
  header->created = g_date_time_format_iso8601 (now);
  header->inspection = g_strdup (inspection);
  header->sender = g_strdup (self->device_id);
  memcpy (header->sender_key, self->sign_key, sizeof header->sender_key);
  /* The sender is always a recipient: it can read back what it sent. */
  ok = add_slot (header, self, file_key);
  for (guint i = 0; ok && recipients != NULL && i < recipients->len; i++)
    {
      const ScIdentity *recipient = g_ptr_array_index (recipients, i);

      if (!g_str_equal (recipient->device_id, self->device_id) &&
          !sc_store_check_recipient (store, recipient, error))
        return NULL;
      ok = add_slot (header, recipient, file_key);
    }
  if (!ok)
    {
      g_set_error (error, SC_BUNDLE_ERROR, SC_BUNDLE_ERROR_FAILED,
                   _("A recipient's key is not usable; enrol their card again"));
      return NULL;
    }
  return g_steal_pointer (&header);
}

static gboolean
write_header (int                   fd,
              const ScBundleHeader *header,
              gsize                 expected_len,
              GError              **error)
{
  g_autoptr (GBytes) xml = sc_bundle_header_to_xml (header);
  guint8 prefix[SC_BUNDLE_PREFIX_BYTES] = { 'S', 'C', 'R', 'B', SC_BUNDLE_FORMAT };
  gsize len = xml != NULL ? g_bytes_get_size (xml) : 0;

  if (xml == NULL || len > SC_BUNDLE_MAX_HEADER || (expected_len > 0 && len != expected_len))
    {
      g_set_error (error, SC_BUNDLE_ERROR, SC_BUNDLE_ERROR_FAILED,
                   _("The bundle's header could not be written"));
      return FALSE;
    }
  prefix[5] = (guint8) (len & 0xff);
  prefix[6] = (guint8) ((len >> 8) & 0xff);
  prefix[7] = (guint8) ((len >> 16) & 0xff);
  prefix[8] = (guint8) ((len >> 24) & 0xff);
  if (lseek (fd, 0, SEEK_SET) != 0)
    return write_failed (error, errno, _("the bundle file"));
  return write_all (fd, prefix, sizeof prefix, error) &&
         write_all (fd, g_bytes_get_data (xml, NULL), len, error);
}

/* Signing: the file is read back from the start and hashed. */

static gboolean
append_signature (ScStore *store,
                  int      fd,
                  GError **error)
{
  g_autoptr (ScSecret) secret = sc_store_load_sign_secret (store, error);
  g_autofree guint8 *block = g_malloc (HASH_BLOCK);
  crypto_generichash_state state;
  guint8 hash[SC_BUNDLE_HASH_BYTES];
  guint8 signature[SC_BUNDLE_SIGNATURE_BYTES];
  ssize_t n;

  if (secret == NULL || lseek (fd, 0, SEEK_SET) != 0)
    return secret == NULL ? FALSE : write_failed (error, errno, _("the bundle file"));
  crypto_generichash_init (&state, NULL, 0, sizeof hash);
  while ((n = read (fd, block, HASH_BLOCK)) != 0)
    {
      if (n < 0 && errno == EINTR)
        continue;
      if (n < 0)
        return write_failed (error, errno, _("the bundle file"));
      crypto_generichash_update (&state, block, (unsigned long long) n);
    }
  crypto_generichash_final (&state, hash, sizeof hash);
  crypto_sign_detached (signature, NULL, hash, sizeof hash, secret->data);
  return write_all (fd, signature, sizeof signature, error);
}

typedef struct
{
  char *path;
  char *temp_path;
  int fd;
} Output;

static void
output_clear (Output *out)
{
  if (out->fd >= 0)
    close (out->fd);
  if (out->temp_path != NULL)
    g_unlink (out->temp_path);
  g_free (out->temp_path);
  g_free (out->path);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Output, output_clear)

static gboolean
output_open (Output     *out,
             const char *path,
             GError    **error)
{
  g_autofree char *dir = g_path_get_dirname (path);
  g_autofree char *base = g_path_get_basename (path);
  g_autofree char *name = g_strdup_printf (".%s.XXXXXX", base);

  out->path = g_strdup (path);
  out->temp_path = g_build_filename (dir, name, NULL);
  out->fd = g_mkstemp_full (out->temp_path, O_RDWR | O_CLOEXEC, 0600);
  if (out->fd < 0)
    {
      int saved = errno;

      g_clear_pointer (&out->temp_path, g_free);
      return write_failed (error, saved, dir);
    }
  return TRUE;
}

static gboolean
output_commit (Output  *out,
               GError **error)
{
  if (fsync (out->fd) != 0 || close (out->fd) != 0)
    {
      out->fd = -1;
      return write_failed (error, errno, out->path);
    }
  out->fd = -1;
  if (g_rename (out->temp_path, out->path) != 0)
    return write_failed (error, errno, out->path);
  g_clear_pointer (&out->temp_path, g_free);
  return TRUE;
}

gboolean
sc_bundle_write (ScStore             *store,
                 ScBundleKind         kind,
                 const char          *inspection,
                 GPtrArray           *recipients,
                 const char          *path,
                 ScBundleProduceFunc  produce,
                 gpointer             user_data,
                 GError             **error)
{
  g_auto (Output) out = { NULL, NULL, -1 };
  g_autoptr (ScSecret) file_key = sc_secret_new (SC_BUNDLE_FILE_KEY_BYTES);
  g_autoptr (ScBundleHeader) header = NULL;
  g_autoptr (ScBundleSink) sink = NULL;
  g_autoptr (GBytes) first = NULL;
  guint8 stream_header[SC_BUNDLE_STREAM_HEADER_BYTES];
  gsize header_len;

  crypto_secretstream_xchacha20poly1305_keygen (file_key->data);
  header = make_header (store, kind, inspection, recipients, file_key, error);
  if (header == NULL || !output_open (&out, path, error))
    return FALSE;
  sink = sink_new (out.fd, file_key, stream_header);
  if (sink == NULL)
    return write_failed (error, ENOMEM, path);
  memcpy (header->stream_header, stream_header, sizeof stream_header);
  first = sc_bundle_header_to_xml (header);
  header_len = first != NULL ? g_bytes_get_size (first) : 0;
  if (!write_header (out.fd, header, header_len, error) ||
      lseek (out.fd, 0, SEEK_END) < 0 || !produce (sink, user_data, error) ||
      !sink_finish (sink, error))
    return FALSE;
  header->compressed_length = sink->compressed;
  return write_header (out.fd, header, header_len, error) &&
         append_signature (store, out.fd, error) && output_commit (&out, error);
}

static gboolean
produce_document (ScBundleSink *sink,
                  gpointer      user_data,
                  GError      **error)
{
  GBytes *document = user_data;
  gsize len;
  const void *data = g_bytes_get_data (document, &len);

  return sc_bundle_sink_write (sink, data, len, error);
}

gboolean
sc_bundle_write_document_for_testing (ScStore      *store,
                                      ScBundleKind  kind,
                                      const char   *inspection,
                                      GPtrArray    *recipients,
                                      const char   *path,
                                      const char   *document,
                                      gsize         len,
                                      GError      **error)
{
  g_autoptr (GBytes) bytes = g_bytes_new_static (document, len);

  return sc_bundle_write (store, kind, inspection, recipients, path, produce_document, bytes,
                          error);
}
