/* sc-bundle-private.h: what the bundle modules share, and what tests may call
 *
 * Copyright 2026 The Scrutineer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <sodium.h>

#include "sc-bundle.h"
#include "sc-secret.h"
#include "sc-store-private.h"

G_BEGIN_DECLS

#define SC_BUNDLE_MAGIC "SCRB"
#define SC_BUNDLE_FORMAT 1
#define SC_BUNDLE_PREFIX_BYTES 9 /* magic, version, header length */
#define SC_BUNDLE_SIGNATURE_BYTES crypto_sign_BYTES
#define SC_BUNDLE_HASH_BYTES crypto_generichash_BYTES_MAX /* BLAKE2b-512 */
#define SC_BUNDLE_NS "urn:scrutineer:bundle:1"
#define SC_BUNDLE_MAX_HEADER (1024 * 1024)
#define SC_BUNDLE_MAX_RECIPIENTS 1000
#define SC_BUNDLE_CHUNK (64 * 1024)
#define SC_BUNDLE_CHUNK_OVERHEAD (4 + crypto_secretstream_xchacha20poly1305_ABYTES)
#define SC_BUNDLE_FILE_KEY_BYTES crypto_secretstream_xchacha20poly1305_KEYBYTES
#define SC_BUNDLE_SEALED_KEY_BYTES (SC_BUNDLE_FILE_KEY_BYTES + crypto_box_SEALBYTES)
#define SC_BUNDLE_STREAM_HEADER_BYTES crypto_secretstream_xchacha20poly1305_HEADERBYTES
/* Decompression stops past either cap. */
#define SC_BUNDLE_MAX_INFLATED (G_GUINT64_CONSTANT (1) << 30)
#define SC_BUNDLE_MAX_RATIO 100
/* The compressed payload can be no larger than the inflated cap (zlib adds a
 * few bytes in a thousand to data it cannot compress), so nothing larger
 * than this is a valid bundle. */
#define SC_BUNDLE_MAX_FILE (SC_BUNDLE_MAX_INFLATED + (G_GUINT64_CONSTANT (64) << 20))
/* Import works on a private copy: in memory below this size, else in a
 * temporary file in the store's directory. DESIGN.md says 64 MB; 32 MiB keeps
 * a copy in memory plus SQLite's 64 MiB page cache under the 100 MB the
 * import may use. */
#define SC_BUNDLE_MEMORY_COPY_MAX (32 * 1024 * 1024)

/* The header (sc-bundle-header.c) */

typedef struct
{
  char *device;
  guint8 sealed_key[SC_BUNDLE_SEALED_KEY_BYTES];
} ScBundleSlot;

typedef struct
{
  char *id;
  ScBundleKind kind;
  char *created;
  char *inspection;
  char *sender;
  guint8 sender_key[crypto_sign_PUBLICKEYBYTES];
  GPtrArray *slots; /* ScBundleSlot* */
  guint8 stream_header[SC_BUNDLE_STREAM_HEADER_BYTES];
  guint64 compressed_length;
} ScBundleHeader;

ScBundleHeader *sc_bundle_header_new (void);
void            sc_bundle_header_free (ScBundleHeader *header);
/* The compressed length is written with a fixed width, so the header can be
 * rewritten in place once the payload is known. */
GBytes         *sc_bundle_header_to_xml (const ScBundleHeader *header);
/* SC_BUNDLE_ERROR_HEADER when it does not parse or lacks a field. */
ScBundleHeader *sc_bundle_header_parse (const char *data,
                                        gsize       len,
                                        GError    **error);
const ScBundleSlot *sc_bundle_header_find_slot (const ScBundleHeader *header,
                                                const char           *device);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (ScBundleHeader, sc_bundle_header_free)

/* Devices and this device's secrets (sc-identity.c) */

typedef struct
{
  guint8 sign_key[crypto_sign_PUBLICKEYBYTES];
  guint8 box_key[crypto_box_PUBLICKEYBYTES];
  char *role;
  gboolean revoked;
  gboolean enrolled;
} ScDevice;

void      sc_device_clear (ScDevice *device);
/* FOUND tells whether DEVICE is known here at all. */
gboolean  sc_store_lookup_device (ScStore    *store,
                                  const char *device,
                                  ScDevice   *out,
                                  gboolean   *found,
                                  GError    **error);
/* This device's Ed25519 or X25519 secret key, in guarded memory. */
ScSecret *sc_store_load_sign_secret (ScStore *store,
                                     GError **error);
ScSecret *sc_store_load_box_secret (ScStore *store,
                                    GError **error);

/* Writing (sc-bundle-write.c) */

typedef struct _ScBundleSink ScBundleSink;

/* Feeds the plaintext rows document: it is compressed, cut into chunks and
 * encrypted as it comes. */
gboolean sc_bundle_sink_write (ScBundleSink *sink,
                               const void   *data,
                               gsize         len,
                               GError      **error);

typedef gboolean (*ScBundleProduceFunc) (ScBundleSink *sink,
                                         gpointer      user_data,
                                         GError      **error);

/* The low level writer: a KIND bundle for INSPECTION at PATH, sealed to
 * RECIPIENTS (ScIdentity*; this device is added) whose plaintext is whatever
 * PRODUCE writes. No check is made on the plaintext, so tests use it to
 * sign and encrypt hostile documents. */
gboolean sc_bundle_write (ScStore             *store,
                          ScBundleKind         kind,
                          const char          *inspection,
                          GPtrArray           *recipients,
                          const char          *path,
                          ScBundleProduceFunc  produce,
                          gpointer             user_data,
                          GError             **error);
/* The same with DOCUMENT as the plaintext. */
gboolean sc_bundle_write_document_for_testing (ScStore      *store,
                                               ScBundleKind  kind,
                                               const char   *inspection,
                                               GPtrArray    *recipients,
                                               const char   *path,
                                               const char   *document,
                                               gsize         len,
                                               GError      **error);

/* The private copy an import works on (sc-bundle-copy.c) */

typedef struct _ScBundleCopy ScBundleCopy;

/* Copies the open file FD (SIZE bytes), hashing all but its last
 * SC_BUNDLE_SIGNATURE_BYTES into HASH as it goes. */
ScBundleCopy *sc_bundle_copy_new (int         fd,
                                  guint64     size,
                                  const char *temp_dir,
                                  guint8      hash[SC_BUNDLE_HASH_BYTES],
                                  GError    **error);
/* The same, calling PROGRESS as the copy is made and, through
 * sc_bundle_copy_report(), as the payload is read: DONE of twice the size. */
ScBundleCopy *sc_bundle_copy_new_full (int                   fd,
                                       guint64               size,
                                       const char           *temp_dir,
                                       ScBundleProgressFunc  progress,
                                       gpointer              user_data,
                                       guint8                hash[SC_BUNDLE_HASH_BYTES],
                                       GError              **error);
void          sc_bundle_copy_report (ScBundleCopy *copy,
                                     guint64       done);
ScBundleCopy *sc_bundle_copy_new_for_bytes (const guint8 *data,
                                            gsize         size,
                                            guint8        hash[SC_BUNDLE_HASH_BYTES]);
void          sc_bundle_copy_free (ScBundleCopy *copy);
/* Tests: copies above BYTES go to a temporary file (0 restores the default). */
void          sc_bundle_set_memory_copy_max_for_testing (guint64 bytes);
guint64       sc_bundle_copy_get_size (ScBundleCopy *copy);
/* Reads exactly LEN bytes at OFFSET. */
gboolean      sc_bundle_copy_read (ScBundleCopy *copy,
                                   guint64       offset,
                                   void         *buffer,
                                   gsize         len,
                                   GError      **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (ScBundleCopy, sc_bundle_copy_free)

/* The payload, decrypted and inflated as it is read (sc-bundle-payload.c) */

typedef struct _ScBundlePayload ScBundlePayload;

ScBundlePayload *sc_bundle_payload_new (ScBundleCopy         *copy,
                                        guint64               start,
                                        const ScBundleHeader *header,
                                        const ScSecret       *file_key,
                                        GError              **error);
void             sc_bundle_payload_free (ScBundlePayload *payload);
/* An ScSafeXmlReadFunc: the inflated rows document, piece by piece. */
gssize           sc_bundle_payload_read (gpointer  payload,
                                         char     *buffer,
                                         gsize     len,
                                         GError  **error);
/* After the document: checks that the stream ended with FINAL exactly at
 * the signature, and that nothing follows the compressed data. */
gboolean         sc_bundle_payload_finish (ScBundlePayload *payload,
                                           GError         **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (ScBundlePayload, sc_bundle_payload_free)

/* Import from memory (the deterministic fuzz test, the libFuzzer harness). */
gboolean sc_bundle_import_bytes_for_testing (ScStore        *store,
                                             const guint8   *data,
                                             gsize           len,
                                             ScBundleImport *result,
                                             GError        **error);

G_END_DECLS
