/* sc-central-auth.h: checking a signed request, and a bundle being uploaded
 *
 * Copyright 2026 The Scrutineer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The checks come in this order, and the first that fails answers:
 *   1. the four headers are there                    401 unsigned
 *   2. they are well-formed                          400 malformed
 *   3. the time is within SC_CENTRAL_TIME_WINDOW     401 stale-time
 *   4. the device is enrolled and not revoked        403 unknown-device, revoked-device
 *   5. the signature holds over method, path, time,
 *      nonce and the body                            401 bad-signature
 *   6. the nonce was not seen before                 409 replayed-nonce
 * Steps 1 to 4 run as soon as the headers are in, so a stranger cannot make
 * the server read a large body. A refused request changes nothing, except
 * that a nonce that passed step 5 stays remembered.
 */
#pragma once

#include "sc-central-db.h"
#include "sc-sync.h"

G_BEGIN_DECLS

/* Why a request is refused: an HTTP status, a short code for programs and a
 * message for people. */
typedef struct
{
  guint status;
  const char *code;
  char *message;
} ScCentralRefusal;

void sc_central_refusal_clear (ScCentralRefusal *refusal);
void sc_central_refuse (ScCentralRefusal *refusal,
                        guint             status,
                        const char       *code,
                        const char       *format,
                        ...) G_GNUC_PRINTF (4, 5);

typedef struct
{
  char *device; /* lower-case */
  gint64 time;
  char *nonce;
  guint8 signature[64];
} ScCentralAuth;

void           sc_central_auth_free (ScCentralAuth *auth);
/* Steps 1 to 3; NULL and REFUSAL filled when they fail. */
ScCentralAuth *sc_central_auth_parse (const char       *device,
                                      const char       *time,
                                      const char       *nonce,
                                      const char       *signature,
                                      gint64            now,
                                      ScCentralRefusal *refusal);
/* Step 4, against what the database says (DEVICE NULL: unknown). */
gboolean       sc_central_auth_check_device (const ScCentralAuth    *auth,
                                             const ScCentralDevice  *device,
                                             ScCentralRefusal       *refusal);
/* Step 5. */
gboolean       sc_central_auth_verify (const ScCentralAuth   *auth,
                                       const ScCentralDevice *device,
                                       const char            *method,
                                       const char            *path,
                                       const guint8           body_hash[SC_SYNC_HASH_BYTES],
                                       ScCentralRefusal      *refusal);

/* Reads the bundle uploaded in FD (SIZE bytes, SHA256 its hex digest):
 * prefix, header (sc_bundle_header_parse), signature, and that its signer is
 * REQUESTER with the keys enrolled here. Refuses with 400 a file that is not
 * a bundle, 403 one signed by another device. */
ScCentralBundle *sc_central_upload_check (int                    fd,
                                          guint64                size,
                                          const char            *sha256,
                                          const ScCentralDevice *requester,
                                          ScCentralRefusal      *refusal);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (ScCentralAuth, sc_central_auth_free)
G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (ScCentralRefusal, sc_central_refusal_clear)

G_END_DECLS
