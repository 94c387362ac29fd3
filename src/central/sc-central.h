/* sc-central.h: what the central store's modules share
 *
 * Copyright 2026 The Scrutineer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * scrutineer-central keeps the bundles that devices upload when they are back
 * on a network, and hands each device the bundles addressed to it. It never
 * opens member or setup bundles: it stores their bytes, which it cannot read.
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define SC_CENTRAL_ERROR (sc_central_error_quark ())

typedef enum
{
  SC_CENTRAL_ERROR_FAILED,
  SC_CENTRAL_ERROR_DATABASE,      /* the database failed or cannot be reached */
  SC_CENTRAL_ERROR_URL,           /* not a database URL this program knows */
  SC_CENTRAL_ERROR_KEY,           /* the key file is missing, unreadable or wrong */
  SC_CENTRAL_ERROR_NOT_ENCRYPTED, /* SQLCipher's codec is missing: refuse to write */
  SC_CENTRAL_ERROR_TOO_NEW,       /* the database was made by a newer program */
  SC_CENTRAL_ERROR_NOT_FOUND,     /* no such device or bundle */
  SC_CENTRAL_ERROR_KEYS_DIFFER,   /* a device id already enrolled with other keys */
  SC_CENTRAL_ERROR_REVOKED,       /* the device was revoked */
  SC_CENTRAL_ERROR_INVALID,       /* a value the central store does not accept */
  SC_CENTRAL_ERROR_CONFLICT,      /* the same bundle id with other bytes */
  SC_CENTRAL_ERROR_LISTEN,        /* cannot listen where asked */
} ScCentralError;

/* Stored bundles are cut into pieces of this size: neither SQLite (10^9
 * bytes) nor PostgreSQL (1 GB) can keep the largest legal bundle in one
 * value, and pieces let downloads stream. */
#define SC_CENTRAL_CHUNK (1024 * 1024)

/* The largest request body accepted: the largest legal bundle
 * (SC_BUNDLE_MAX_FILE, 1 GiB + 64 MiB), and a margin. */
#define SC_CENTRAL_MAX_BODY ((G_GUINT64_CONSTANT (1) << 30) + (G_GUINT64_CONSTANT (128) << 20))

/* Signed requests: the accepted clock difference, and how long nonces are
 * remembered (longer than the window on both sides, so a request can never
 * be replayed while its time is still accepted). */
#define SC_CENTRAL_TIME_WINDOW 300
#define SC_CENTRAL_NONCE_TTL 600

GQuark sc_central_error_quark (void);

/* "2026-03-02T10:00:00Z" for now. */
char *sc_central_now_iso (void);

G_END_DECLS
