/* sc-sync.h: syncing bundles with the central store
 *
 * Copyright 2026 The Scrutineer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The central store (scrutineer-central) speaks HTTP:
 *
 *   GET  /v1/health        unauthenticated; {"status":"ok"}
 *   POST /v1/bundles       body: a bundle file the requesting device signed;
 *                          201 stored, 200 stored before (same bytes); the
 *                          answer describes the bundle, with "stored":"new" or
 *                          "existing", and for a team bundle sealed to the
 *                          central store "reported":"kept", "older" (a later
 *                          one of its inspection is kept) or "unreadable"
 *   GET  /v1/bundles       the bundles addressed to the requesting device:
 *                          [{"id","kind","sender","inspection","size","created",
 *                            "sha256"}…], oldest first, one page at a time:
 *                          ?limit=N (default SC_SYNC_PAGE_DEFAULT; more than
 *                          SC_SYNC_PAGE_MAX gives SC_SYNC_PAGE_MAX) and
 *                          ?after=ID (those stored after bundle ID; none when
 *                          ID is not known). A page shorter than asked is the
 *                          last one.
 *   GET  /v1/bundles/ID    the bundle's bytes, for its recipients only
 *
 * Every request but health is signed by the device's Ed25519 key:
 *
 *   X-Scrutineer-Device     the device id
 *   X-Scrutineer-Time       Unix seconds; accepted within 5 minutes
 *   X-Scrutineer-Nonce      16 random bytes, 32 lower-case hex digits; each is
 *                           accepted once (remembered for 10 minutes)
 *   X-Scrutineer-Signature  base64 of crypto_sign_detached over
 *                           BLAKE2b-512 ("METHOD\nPATH\nTIME\nNONCE\n" ||
 *                           BLAKE2b-512 (body))
 *
 * PATH is the request target as sent, with its query string if any. Errors
 * come as {"error":"code","message":"…"}: 400 malformed, 401 unsigned, badly
 * signed or stale (with X-Scrutineer-Server-Time), 403 unknown or revoked
 * device, or not allowed, 404, 409 replayed nonce or another bundle with the
 * same id, 411 no Content-Length, 413 too large.
 *
 * The outbox: bundles waiting to go up are files in STORE/outbox/ (any name
 * ending in .scrb); a bundle the server has is moved to STORE/outbox/sent/.
 * Downloads go through STORE/inbox/ and are removed once imported. All of
 * these are bundles: encrypted, signed files.
 */
#pragma once

#include <gio/gio.h>

#include "sc-bundle.h"
#include "sc-secret.h"
#include "sc-store.h"

G_BEGIN_DECLS

#define SC_SYNC_ERROR (sc_sync_error_quark ())

typedef enum
{
  SC_SYNC_ERROR_FAILED,
  SC_SYNC_ERROR_URL,          /* not a server URL this program accepts */
  SC_SYNC_ERROR_NETWORK,      /* the server cannot be reached, or the connection broke */
  SC_SYNC_ERROR_TLS,          /* the server's certificate is not trusted */
  SC_SYNC_ERROR_CLOCK,        /* this computer's clock is too far from the server's */
  SC_SYNC_ERROR_UNAUTHORIZED, /* the server refused the signature */
  SC_SYNC_ERROR_FORBIDDEN,    /* this device is not enrolled there, or was revoked */
  SC_SYNC_ERROR_REFUSED,      /* the server refused the request (4xx) */
  SC_SYNC_ERROR_SERVER,       /* the server failed (5xx) */
  SC_SYNC_ERROR_PROTOCOL,     /* the server's answer makes no sense */
  SC_SYNC_ERROR_CANCELLED,    /* the user stopped it */
} ScSyncError;

#define SC_SYNC_HEADER_DEVICE "X-Scrutineer-Device"
#define SC_SYNC_HEADER_TIME "X-Scrutineer-Time"
#define SC_SYNC_HEADER_NONCE "X-Scrutineer-Nonce"
#define SC_SYNC_HEADER_SIGNATURE "X-Scrutineer-Signature"
#define SC_SYNC_HEADER_SERVER_TIME "X-Scrutineer-Server-Time"
#define SC_SYNC_NONCE_BYTES 16
#define SC_SYNC_HASH_BYTES 64 /* BLAKE2b-512 */
#define SC_SYNC_PAGE_DEFAULT 100 /* bundles per page of GET /v1/bundles */
#define SC_SYNC_PAGE_MAX 500

GQuark sc_sync_error_quark (void);

/* What is signed: BLAKE2b-512 of "METHOD\nPATH\nTIME\nNONCE\n" followed by
 * BODY_HASH. Shared by the client and the server. */
void sc_sync_request_digest (const char   *method,
                             const char   *path,
                             gint64        time,
                             const char   *nonce,
                             const guint8  body_hash[SC_SYNC_HASH_BYTES],
                             guint8        digest[SC_SYNC_HASH_BYTES]);

/* One bundle as the server lists it. */
typedef struct
{
  char *id;
  char *kind;
  char *sender;
  char *inspection;
  char *created;
  char *sha256;
  guint64 size;
} ScSyncEntry;

void sc_sync_entry_free (ScSyncEntry *entry);

/* A connection to one server for one device. Not thread-safe: use it from
 * one thread. */
typedef struct _ScSyncClient ScSyncClient;

/* URL is the server's base, https://host[:port] (http:// only for a loopback
 * address). CA_FILE, when given, holds the certificates to trust instead of
 * the system's. */
ScSyncClient *sc_sync_client_new (const char     *url,
                                  const char     *ca_file,
                                  const char     *device_id,
                                  const ScSecret *sign_secret,
                                  GError        **error);
void          sc_sync_client_free (ScSyncClient *client);
/* Seconds without progress before a request fails (default 60). */
void          sc_sync_client_set_timeout (ScSyncClient *client,
                                          guint         seconds);
/* Attempts per request on a network failure or a 5xx (default 3). */
void          sc_sync_client_set_attempts (ScSyncClient *client,
                                           guint         attempts);

gboolean      sc_sync_client_health (ScSyncClient *client,
                                     GError      **error);
/* Uploads the bundle at PATH; CREATED tells whether the server did not have
 * it yet. ID, when not NULL, receives the bundle's id. */
gboolean      sc_sync_client_upload (ScSyncClient *client,
                                     const char   *path,
                                     gboolean     *created,
                                     char        **id,
                                     GError      **error);
/* The same with the file's bytes. */
gboolean      sc_sync_client_upload_bytes (ScSyncClient *client,
                                           GBytes       *bundle,
                                           gboolean     *created,
                                           GError      **error);
/* Requests made from now on stop when CANCELLABLE is cancelled, failing
 * with SC_SYNC_ERROR_CANCELLED. */
void          sc_sync_client_set_cancellable (ScSyncClient *client,
                                              GCancellable *cancellable);
/* Bundles asked for per page of the list (default SC_SYNC_PAGE_DEFAULT, at
 * most SC_SYNC_PAGE_MAX). */
void          sc_sync_client_set_page_size (ScSyncClient *client,
                                            guint         page_size);
/* ScSyncEntry*, oldest first: every page of the list. */
GPtrArray    *sc_sync_client_list (ScSyncClient *client,
                                   GError      **error);
/* Writes bundle ID to PATH (through a temporary file beside it), checking
 * its size and SHA-256 against ENTRY when given. */
gboolean      sc_sync_client_download (ScSyncClient      *client,
                                       const char        *id,
                                       const ScSyncEntry *entry,
                                       const char        *path,
                                       GError           **error);

/* Signs as if this computer's clock were SECONDS ahead (tests). */
void          sc_sync_client_set_clock_skew_for_testing (ScSyncClient *client,
                                                         gint64        seconds);
/* Signs and sends one request; for tests of the server's checks. TIME_SHIFT
 * moves the signed time; NONCE, when not NULL, is used instead of a fresh
 * one. Returns the HTTP status (0 on a network error), and the body. */
guint         sc_sync_client_send_for_testing (ScSyncClient *client,
                                               const char   *method,
                                               const char   *path,
                                               GBytes       *body,
                                               gint64        time_shift,
                                               const char   *nonce,
                                               GBytes      **response,
                                               GError      **error);

/* A whole sync for a store: push the outbox, pull what is addressed to this
 * device and not imported yet, import it. */
typedef struct
{
  GPtrArray *pushed;   /* char*: ids the server did not have */
  GPtrArray *present;  /* char*: ids it had already */
  GPtrArray *pulled;   /* ScBundleImport*: bundles downloaded and imported */
  GPtrArray *problems; /* char*: what went wrong with single bundles */
  GPtrArray *sent;     /* char*: the outbox files sent (pushed or present) */
} ScSyncReport;

void  sc_sync_report_free (ScSyncReport *report);

/* Called before each step, from the calling thread. */
typedef void (*ScSyncProgressFunc) (const char *what,
                                    guint       done,
                                    guint       total,
                                    gpointer    user_data);

char         *sc_sync_outbox_dir (ScStore *store);
/* Copies the bundle at PATH into the outbox. */
gboolean      sc_sync_outbox_add (ScStore    *store,
                                  const char *path,
                                  GError    **error);
ScSyncReport *sc_sync_run (ScStore            *store,
                           const char         *url,
                           const char         *ca_file,
                           ScSyncProgressFunc  progress,
                           gpointer            user_data,
                           GError            **error);
/* The same, stopping between requests (and within one) when CANCELLABLE is
 * cancelled: SC_SYNC_ERROR_CANCELLED, with what was done until then kept
 * (sent bundles moved to outbox/sent/, received ones imported). */
ScSyncReport *sc_sync_run_cancellable (ScStore            *store,
                                       const char         *url,
                                       const char         *ca_file,
                                       GCancellable       *cancellable,
                                       ScSyncProgressFunc  progress,
                                       gpointer            user_data,
                                       GError            **error);

/* The last sync of a store, kept in its (encrypted) meta table: when, the
 * server's address, and what went up and came down, or what failed. */
typedef struct
{
  GDateTime *time;  /* when it ended, local time */
  char *url;
  gboolean ok;
  int code;         /* the ScSyncError when not OK, else -1 */
  char *message;    /* the error, when not OK */
  GStrv sent;       /* the outbox files that went up */
  GStrv received;   /* the bundles that came down, described */
  GStrv problems;
} ScSyncLast;

void        sc_sync_last_free (ScSyncLast *last);
/* Records how the sync to URL went: REPORT, or ERROR when it failed. */
gboolean    sc_sync_last_save (ScStore            *store,
                               const char         *url,
                               const ScSyncReport *report,
                               const GError       *error,
                               GError            **save_error);
/* NULL (without error) when the store has never synced. */
ScSyncLast *sc_sync_last_load (ScStore *store,
                               GError **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (ScSyncEntry, sc_sync_entry_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (ScSyncClient, sc_sync_client_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (ScSyncReport, sc_sync_report_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (ScSyncLast, sc_sync_last_free)

G_END_DECLS
