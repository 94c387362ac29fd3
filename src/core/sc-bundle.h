/* sc-bundle.h: signed, encrypted bundles, how work leaves a device
 *
 * Copyright 2026 The Scrutineer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A bundle (.scrb) carries the rows of one inspection between devices, by
 * file, with no network:
 *
 *   "SCRB" | u8 version (1) | u32 LE header length | header XML
 *   (urn:scrutineer:bundle:1) | payload | 64-byte Ed25519 signature
 *
 * The header says who sent it and to whom, and holds no personal data: the
 * bundle id, kind, creation time, inspection id, the sender's device id and
 * signing key, the 32-byte file key sealed (crypto_box_seal) to each
 * recipient, the secretstream header and the compressed length. The payload
 * is a zlib stream of the rows document (urn:scrutineer:rows:1, see
 * sc-rows.h) cut into 64 KiB pieces, each encrypted with
 * crypto_secretstream_xchacha20poly1305 and written as a u32 LE length and
 * the ciphertext; the last is tagged FINAL. The signature is
 * crypto_sign_detached over the BLAKE2b-512 of every byte before it.
 *
 * Import runs these checks in order, and the first that fails names itself
 * in the error (its code below) and leaves the store as it was:
 *   1. size limits: the file (at least 74 bytes, at most 1 GiB and 64 MiB),
 *      then, once the magic and version are known, the header length
 *      (1 byte to 1 MiB, and within the file)        SC_BUNDLE_ERROR_SIZE
 *   2. magic and format version                      _MAGIC, _VERSION
 *   3. the header parses (safe XML)                  _HEADER
 *   4. the signature                                 _SIGNATURE
 *   5. the signer is enrolled here, not revoked, in
 *      a role that may send this kind: a lead for
 *      setup and team bundles, a device of a member
 *      of the inspection's team for member bundles   _UNKNOWN_SIGNER, _REVOKED_SIGNER,
 *                                                    _NOT_ALLOWED
 *   (a bundle imported before stops here: "already imported", no change;
 *   another bundle with an id imported before is refused: _HEADER)
 *   6. a recipient slot opens with this device's key _NOT_FOR_US, _RECIPIENT
 *   7. every chunk authenticates, FINAL ends it      _CHUNK
 *   8. decompression, capped at 1 GiB and 1:100      _DECOMPRESS, _TOO_LARGE
 *   9. the rows parse (safe XML) and validate        _ROWS, _INVALID
 *  10. the rows fit the store (one transaction)      _APPLY
 * Checks 7 to 10 run as the payload streams through, inside the transaction:
 * the first problem met is reported and everything is rolled back.
 */
#pragma once

#include <glib.h>

#include "sc-identity.h"
#include "sc-store.h"

G_BEGIN_DECLS

#define SC_BUNDLE_ERROR (sc_bundle_error_quark ())

typedef enum
{
  SC_BUNDLE_ERROR_FAILED,         /* the file could not be read or written */
  SC_BUNDLE_ERROR_SIZE,           /* too short, too long, or an absurd header length */
  SC_BUNDLE_ERROR_MAGIC,          /* not a Scrutineer bundle */
  SC_BUNDLE_ERROR_VERSION,        /* a format this program does not read */
  SC_BUNDLE_ERROR_HEADER,         /* the header is not readable */
  SC_BUNDLE_ERROR_SIGNATURE,      /* altered or damaged after signing */
  SC_BUNDLE_ERROR_UNKNOWN_SIGNER, /* not a device enrolled here (or other keys) */
  SC_BUNDLE_ERROR_REVOKED_SIGNER,
  SC_BUNDLE_ERROR_NOT_ALLOWED,    /* the signer's role may not send this kind */
  SC_BUNDLE_ERROR_NOT_FOR_US,     /* not addressed to this device */
  SC_BUNDLE_ERROR_RECIPIENT,      /* this device's slot does not open */
  SC_BUNDLE_ERROR_CHUNK,          /* a chunk fails to authenticate, or the end is missing */
  SC_BUNDLE_ERROR_DECOMPRESS,     /* the compressed stream is broken */
  SC_BUNDLE_ERROR_TOO_LARGE,      /* expands past 1 GiB or 100 times its size */
  SC_BUNDLE_ERROR_ROWS,           /* the rows document is malformed or hostile */
  SC_BUNDLE_ERROR_INVALID,        /* unknown table or column, bad id or value */
  SC_BUNDLE_ERROR_APPLY,          /* the rows do not fit this store */
} ScBundleError;

typedef enum
{
  SC_BUNDLE_SETUP,  /* lead -> members: framework, inspection, team, records, allocation */
  SC_BUNDLE_MEMBER, /* member -> lead: the rows this device wrote */
  SC_BUNDLE_TEAM,   /* lead -> central store: every row of the inspection */
} ScBundleKind;

typedef struct
{
  char *bundle_id;
  ScBundleKind kind;
  char *sender;     /* device id */
  char *inspection;
  guint n_new;
  guint n_updated;
  guint n_conflicts;
  gboolean already_imported;
} ScBundleImport;

/* What the first bytes of a bundle file say, read without any key: the
 * 9-byte prefix ("SCRB", format version, header length) and the header. */
typedef struct
{
  guint8 format;
  guint32 header_len;
  guint64 size;
  char *bundle_id;
  ScBundleKind kind;
  char *created;
  char *sender;     /* device id */
  char *inspection;
  guint n_recipients;
} ScBundleInfo;

/* Called as an import or export goes: DONE out of TOTAL, from its thread. */
typedef void (*ScBundleProgressFunc) (guint64  done,
                                      guint64  total,
                                      gpointer user_data);

GQuark      sc_bundle_error_quark (void);
gboolean    sc_bundle_kind_from_string (const char   *name,
                                        ScBundleKind *kind);
const char *sc_bundle_kind_to_string (ScBundleKind kind);

/* Writes the KIND bundle of INSPECTION to PATH (through a temporary file in
 * the same directory, renamed at the end), sealed to RECIPIENTS (ScIdentity*,
 * each enrolled here) and to this device. N_ROWS, when not NULL, receives the
 * number of rows written. */
gboolean sc_bundle_export (ScStore      *store,
                           ScBundleKind  kind,
                           const char   *inspection,
                           GPtrArray    *recipients,
                           const char   *path,
                           guint64      *n_rows,
                           GError      **error);

/* The same, calling PROGRESS (when not NULL) with the rows written out of
 * the rows to write, every few hundred rows and once at the end. */
gboolean sc_bundle_export_with_progress (ScStore              *store,
                                         ScBundleKind          kind,
                                         const char           *inspection,
                                         GPtrArray            *recipients,
                                         const char           *path,
                                         ScBundleProgressFunc  progress,
                                         gpointer              user_data,
                                         guint64              *n_rows,
                                         GError              **error);

/* Verifies and applies the bundle at PATH: all of it in one transaction, or
 * nothing. RESULT is filled on success (free its strings with
 * sc_bundle_import_clear()). */
gboolean sc_bundle_import (ScStore        *store,
                           const char     *path,
                           ScBundleImport *result,
                           GError        **error);
void     sc_bundle_import_clear (ScBundleImport *result);
/* The same, calling PROGRESS (when not NULL) as the file is copied and its
 * payload read. */
gboolean sc_bundle_import_with_progress (ScStore              *store,
                                         const char           *path,
                                         ScBundleProgressFunc  progress,
                                         gpointer              user_data,
                                         ScBundleImport       *result,
                                         GError              **error);

/* Reads the prefix and header of the bundle at PATH, with checks 1 to 3 of
 * an import (size, magic and version, the header parses): nothing is
 * verified or decrypted, so what INFO says is only a claim until imported.
 * Free INFO's strings with sc_bundle_info_clear(). */
gboolean sc_bundle_read_header (const char   *path,
                                ScBundleInfo *info,
                                GError      **error);
void     sc_bundle_info_clear (ScBundleInfo *info);

G_END_DECLS
