/* sc-central-pg.c: the central store in PostgreSQL
 *
 * Copyright 2026 The Scrutineer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * For an inspectorate with many teams and many devices syncing at once. A
 * small pool of libpq connections lets requests run in parallel; each
 * operation takes a connection, runs one transaction and gives it back.
 * At-rest protection is the database server's (disk encryption, access
 * rules): the central store's secret keys sit in the identity table.
 */
#include "sc-central-db.h"

#include <errno.h>
#include <glib/gi18n-lib.h>
#include <libpq-fe.h>
#include <sodium.h>
#include <string.h>
#include <unistd.h>

#define POOL_SIZE 8
#define POOL_WAIT_SECONDS 60
/* Chosen once: the migrations of two servers starting together wait for
 * each other. */
#define MIGRATION_LOCK 7301948

typedef struct
{
  ScCentralDb parent;
  char *conninfo;
  GAsyncQueue *idle; /* PGconn* ready for use */
  GMutex lock;
  guint n_open;
  gint64 last_prune;
} ScCentralPg;

static const char migration_1[] =
  "CREATE TABLE identity (one INTEGER PRIMARY KEY CHECK (one = 1), device TEXT NOT NULL,"
  "  name TEXT NOT NULL, sign_key BYTEA NOT NULL, box_key BYTEA NOT NULL,"
  "  sign_secret BYTEA NOT NULL, box_secret BYTEA NOT NULL, created TEXT NOT NULL);"
  "CREATE TABLE devices (id TEXT PRIMARY KEY NOT NULL, name TEXT NOT NULL, role TEXT NOT NULL,"
  "  sign_key BYTEA NOT NULL, box_key BYTEA NOT NULL, revoked BOOLEAN NOT NULL DEFAULT FALSE,"
  "  enrolled TEXT NOT NULL);"
  "CREATE TABLE bundles (seq BIGSERIAL PRIMARY KEY, id TEXT NOT NULL UNIQUE,"
  "  kind TEXT NOT NULL, sender TEXT NOT NULL REFERENCES devices (id),"
  "  inspection TEXT NOT NULL, created TEXT NOT NULL, received TEXT NOT NULL,"
  "  size BIGINT NOT NULL, sha256 TEXT NOT NULL, n_chunks INTEGER NOT NULL);"
  "CREATE INDEX bundles_inspection ON bundles (inspection);"
  "CREATE TABLE bundle_chunks (bundle TEXT NOT NULL REFERENCES bundles (id),"
  "  idx INTEGER NOT NULL, bytes BYTEA NOT NULL, PRIMARY KEY (bundle, idx));"
  /* Ciphertext does not compress: store it as it is. */
  "ALTER TABLE bundle_chunks ALTER COLUMN bytes SET STORAGE EXTERNAL;"
  "CREATE TABLE bundle_recipients (bundle TEXT NOT NULL REFERENCES bundles (id),"
  "  device TEXT NOT NULL, PRIMARY KEY (bundle, device));"
  "CREATE INDEX bundle_recipients_device ON bundle_recipients (device);"
  "CREATE TABLE nonces (device TEXT NOT NULL, nonce TEXT NOT NULL, seen_at BIGINT NOT NULL,"
  "  PRIMARY KEY (device, nonce));"
  "CREATE INDEX nonces_seen_at ON nonces (seen_at);";

/* Reporting across inspections, from the team bundles sealed to us. */
static const char migration_2[] =
  "CREATE TABLE report_frameworks (sha256 TEXT PRIMARY KEY NOT NULL,"
  "  framework_id TEXT NOT NULL, version TEXT NOT NULL, title TEXT NOT NULL,"
  "  xml BYTEA NOT NULL);"
  "CREATE TABLE report_inspections (inspection TEXT PRIMARY KEY NOT NULL,"
  "  framework TEXT NOT NULL REFERENCES report_frameworks (sha256),"
  "  bundle TEXT NOT NULL REFERENCES bundles (id), bundle_created TEXT NOT NULL, lead TEXT);"
  "CREATE TABLE report_evaluations ("
  "  inspection TEXT NOT NULL REFERENCES report_inspections (inspection),"
  "  indicator TEXT NOT NULL, author TEXT NOT NULL, level INTEGER NOT NULL,"
  "  PRIMARY KEY (inspection, indicator, author));";

static const char * const migrations[] = {
  NULL, /* version 0: an empty database */
  migration_1,
  migration_2,
};

#define SCHEMA_VERSION ((int) G_N_ELEMENTS (migrations) - 1)

G_DEFINE_AUTOPTR_CLEANUP_FUNC (PGresult, PQclear)

char *
sc_central_pg_redact_url (const char *url)
{
  g_autoptr (GString) out = g_string_new (url);
  const char *scheme_end = strstr (out->str, "://");
  char *p;

  if (scheme_end != NULL)
    {
      gsize start = (gsize) (scheme_end - out->str) + 3;
      gsize end = strcspn (out->str + start, "/?");
      char *at = memchr (out->str + start, '@', end);
      char *colon = at != NULL ? memchr (out->str + start, ':', (gsize) (at - out->str) - start)
                               : NULL;

      if (colon != NULL)
        {
          gsize from = (gsize) (colon - out->str) + 1;

          g_string_erase (out, (gssize) from, at - colon - 1);
          g_string_insert (out, (gssize) from, "***");
        }
    }
  p = strstr (out->str, "password=");
  if (p != NULL)
    {
      gsize from = (gsize) (p - out->str) + strlen ("password=");
      gsize len = strcspn (out->str + from, "& ");

      g_string_erase (out, (gssize) from, (gssize) len);
      g_string_insert (out, (gssize) from, "***");
    }
  return g_string_free (g_steal_pointer (&out), FALSE);
}

static gboolean
fail_message (ScCentralPg *self,
              const char  *message,
              GError     **error)
{
  g_autofree char *text = g_strstrip (g_strdup (message != NULL ? message : ""));
  char *newline = strchr (text, '\n');

  if (newline != NULL)
    *newline = '\0';
  g_set_error (error, SC_CENTRAL_ERROR, SC_CENTRAL_ERROR_DATABASE,
               _("The PostgreSQL database %s failed: %s"), self->parent.url, text);
  return FALSE;
}

static gboolean
fail_conn (ScCentralPg *self,
           PGconn      *conn,
           GError     **error)
{
  return fail_message (self, PQerrorMessage (conn), error);
}

static void
ignore_notice (void       *arg,
               const char *message)
{
}

/* The pool */

static PGconn *
connect_one (ScCentralPg *self,
             GError     **error)
{
  const char * const keywords[] = { "connect_timeout", "application_name", "dbname", NULL };
  const char * const values[] = { "10", "scrutineer-central", self->conninfo, NULL };
  PGconn *conn = PQconnectdbParams (keywords, values, 1);
  g_autoptr (PGresult) result = NULL;

  if (conn == NULL || PQstatus (conn) != CONNECTION_OK)
    {
      fail_message (self, conn != NULL ? PQerrorMessage (conn) : _("out of memory"), error);
      PQfinish (conn);
      return NULL;
    }
  PQsetNoticeProcessor (conn, ignore_notice, NULL);
  result = PQexec (conn, "SET statement_timeout = 300000; SET lock_timeout = 60000");
  if (PQresultStatus (result) != PGRES_COMMAND_OK)
    {
      fail_conn (self, conn, error);
      PQfinish (conn);
      return NULL;
    }
  return conn;
}

static PGconn *
acquire (ScCentralPg *self,
         GError     **error)
{
  PGconn *conn = g_async_queue_try_pop (self->idle);
  gboolean may_open = FALSE;

  if (conn != NULL)
    return conn;
  g_mutex_lock (&self->lock);
  if (self->n_open < POOL_SIZE)
    {
      self->n_open++;
      may_open = TRUE;
    }
  g_mutex_unlock (&self->lock);
  if (may_open)
    {
      conn = connect_one (self, error);
      if (conn == NULL)
        {
          g_mutex_lock (&self->lock);
          self->n_open--;
          g_mutex_unlock (&self->lock);
        }
      return conn;
    }
  conn = g_async_queue_timeout_pop (self->idle, POOL_WAIT_SECONDS * G_USEC_PER_SEC);
  if (conn == NULL)
    g_set_error (error, SC_CENTRAL_ERROR, SC_CENTRAL_ERROR_DATABASE,
                 _("The PostgreSQL database %s is too busy; try again later"), self->parent.url);
  return conn;
}

static void
release (ScCentralPg *self,
         PGconn      *conn)
{
  if (PQstatus (conn) == CONNECTION_OK && PQtransactionStatus (conn) != PQTRANS_IDLE)
    PQclear (PQexec (conn, "ROLLBACK"));
  if (PQstatus (conn) != CONNECTION_OK || PQtransactionStatus (conn) != PQTRANS_IDLE)
    {
      PQfinish (conn);
      g_mutex_lock (&self->lock);
      self->n_open--;
      g_mutex_unlock (&self->lock);
      return;
    }
  g_async_queue_push (self->idle, conn);
}

/* Queries: parameters are text unless a length is given (then binary);
 * results are text unless BINARY_RESULT. */

typedef struct
{
  const char *values[12];
  int lengths[12];
  int formats[12];
  int n;
} Params;

static void
param_text (Params     *params,
            const char *text)
{
  params->values[params->n] = text;
  params->lengths[params->n] = 0;
  params->formats[params->n] = 0;
  params->n++;
}

static void
param_bytes (Params       *params,
             const guint8 *data,
             gsize         len)
{
  params->values[params->n] = (const char *) data;
  params->lengths[params->n] = (int) len;
  params->formats[params->n] = 1;
  params->n++;
}

static PGresult *
run (ScCentralPg  *self,
     PGconn       *conn,
     const char   *sql,
     const Params *params,
     gboolean      binary_result,
     GError      **error)
{
  static const Params none = { { NULL }, { 0 }, { 0 }, 0 };
  PGresult *result;
  ExecStatusType status;

  /* Without parameters, the simple protocol: migrations are several
   * statements in one string. */
  if (params == NULL && !binary_result)
    result = PQexec (conn, sql);
  else
    {
      if (params == NULL)
        params = &none;
      result = PQexecParams (conn, sql, params->n, NULL, params->values, params->lengths,
                             params->formats, binary_result ? 1 : 0);
    }
  status = PQresultStatus (result);
  if (status == PGRES_COMMAND_OK || status == PGRES_TUPLES_OK)
    return result;
  fail_message (self, result != NULL ? PQresultErrorMessage (result) : PQerrorMessage (conn),
                error);
  PQclear (result);
  return NULL;
}

static gboolean
run_command (ScCentralPg  *self,
             PGconn       *conn,
             const char   *sql,
             const Params *params,
             GError      **error)
{
  g_autoptr (PGresult) result = run (self, conn, sql, params, FALSE, error);

  return result != NULL;
}

static gboolean
changed_rows (PGresult *result)
{
  const char *tuples = PQcmdTuples (result);

  return tuples != NULL && *tuples != '\0' && g_ascii_strtoll (tuples, NULL, 10) > 0;
}

static char *
get_text (PGresult *result,
          int       row,
          int       column)
{
  return PQgetisnull (result, row, column) ? NULL
                                           : g_strdup (PQgetvalue (result, row, column));
}

static void
get_key (PGresult *result,
         int       row,
         int       column,
         guint8   *key,
         gsize     len)
{
  size_t n = 0;
  unsigned char *bytes = PQunescapeBytea ((const unsigned char *) PQgetvalue (result, row, column),
                                          &n);

  memset (key, 0, len);
  if (bytes != NULL && n == len)
    memcpy (key, bytes, len);
  PQfreemem (bytes);
}

static ScSecret *
get_secret (PGresult *result,
            int       row,
            int       column)
{
  size_t n = 0;
  unsigned char *bytes = PQunescapeBytea ((const unsigned char *) PQgetvalue (result, row, column),
                                          &n);
  ScSecret *secret = sc_secret_new (bytes != NULL ? n : 0);

  if (bytes != NULL)
    {
      memcpy (secret->data, bytes, n);
      sodium_memzero (bytes, n);
    }
  PQfreemem (bytes);
  return secret;
}

/* Opening */

static int
read_version (ScCentralPg *self,
              PGconn      *conn,
              GError     **error)
{
  g_autoptr (PGresult) result = run (self, conn,
                                     "SELECT coalesce(max(version), 0) FROM central_schema",
                                     NULL, FALSE, error);

  if (result == NULL || PQntuples (result) != 1)
    return -1;
  return (int) g_ascii_strtoll (PQgetvalue (result, 0, 0), NULL, 10);
}

static gboolean
migrate_on (ScCentralPg *self,
            PGconn      *conn,
            GError     **error)
{
  g_autofree char *lock = g_strdup_printf ("SELECT pg_advisory_xact_lock (%d)", MIGRATION_LOCK);
  int version;

  if (!run_command (self, conn, "BEGIN", NULL, error) ||
      !run_command (self, conn, lock, NULL, error) ||
      !run_command (self, conn,
                    "CREATE TABLE IF NOT EXISTS central_schema (version INTEGER NOT NULL)", NULL,
                    error))
    return FALSE;
  version = read_version (self, conn, error);
  if (version < 0)
    return FALSE;
  if (version > SCHEMA_VERSION)
    {
      g_set_error (error, SC_CENTRAL_ERROR, SC_CENTRAL_ERROR_TOO_NEW,
                   _("The database %s was made by a newer scrutineer-central (schema %d; this "
                     "one knows up to %d). Update this program."),
                   self->parent.url, version, SCHEMA_VERSION);
      return FALSE;
    }
  for (int next = version + 1; next <= SCHEMA_VERSION; next++)
    {
      g_autofree char *bump = g_strdup_printf ("INSERT INTO central_schema (version) VALUES (%d)",
                                               next);

      if (!run_command (self, conn, migrations[next], NULL, error) ||
          !run_command (self, conn, bump, NULL, error))
        return FALSE;
    }
  return run_command (self, conn, "COMMIT", NULL, error);
}

static void
pg_close (ScCentralDb *db)
{
  ScCentralPg *self = (ScCentralPg *) db;
  PGconn *conn;

  if (self->idle != NULL)
    {
      while ((conn = g_async_queue_try_pop (self->idle)) != NULL)
        PQfinish (conn);
      g_async_queue_unref (self->idle);
    }
  g_mutex_clear (&self->lock);
  if (self->conninfo != NULL)
    memset (self->conninfo, 0, strlen (self->conninfo));
  g_free (self->conninfo);
  g_free (self->parent.url);
  g_free (self);
}

static const ScCentralDbClass pg_class;

ScCentralDb *
sc_central_pg_open (const char *url,
                    GError    **error)
{
  ScCentralPg *self = g_new0 (ScCentralPg, 1);
  PGconn *conn;
  gboolean ok;

  self->parent.klass = &pg_class;
  self->parent.url = sc_central_pg_redact_url (url);
  self->conninfo = g_strdup (url);
  self->idle = g_async_queue_new ();
  g_mutex_init (&self->lock);
  conn = acquire (self, error);
  if (conn == NULL)
    {
      pg_close (&self->parent);
      return NULL;
    }
  ok = migrate_on (self, conn, error);
  release (self, conn);
  if (!ok)
    {
      pg_close (&self->parent);
      return NULL;
    }
  return &self->parent;
}

/* Operations */

#define WITH_CONN(self, conn, error, fail_value) \
  PGconn *conn = acquire ((self), (error)); \
  if (conn == NULL) \
    return fail_value

static int
pg_schema_version (ScCentralDb *db)
{
  ScCentralPg *self = (ScCentralPg *) db;
  WITH_CONN (self, conn, NULL, -1);
  int version = read_version (self, conn, NULL);

  release (self, conn);
  return version;
}

static gboolean
pg_load_identity (ScCentralDb        *db,
                  ScCentralIdentity **out,
                  GError            **error)
{
  ScCentralPg *self = (ScCentralPg *) db;
  WITH_CONN (self, conn, error, FALSE);
  g_autoptr (PGresult) result = run (
    self, conn, "SELECT device, name, sign_key, box_key, sign_secret, box_secret FROM identity",
    NULL, FALSE, error);
  ScCentralIdentity *identity;

  release (self, conn);
  *out = NULL;
  if (result == NULL)
    return FALSE;
  if (PQntuples (result) == 0)
    return TRUE;
  identity = g_new0 (ScCentralIdentity, 1);
  identity->id = get_text (result, 0, 0);
  identity->name = get_text (result, 0, 1);
  get_key (result, 0, 2, identity->sign_key, sizeof identity->sign_key);
  get_key (result, 0, 3, identity->box_key, sizeof identity->box_key);
  identity->sign_secret = get_secret (result, 0, 4);
  identity->box_secret = get_secret (result, 0, 5);
  *out = identity;
  return TRUE;
}

static gboolean
pg_save_identity (ScCentralDb             *db,
                  const ScCentralIdentity *identity,
                  GError                 **error)
{
  ScCentralPg *self = (ScCentralPg *) db;
  WITH_CONN (self, conn, error, FALSE);
  g_autofree char *now = sc_central_now_iso ();
  Params p = { 0 };
  gboolean ok;

  param_text (&p, identity->id);
  param_text (&p, identity->name);
  param_bytes (&p, identity->sign_key, sizeof identity->sign_key);
  param_bytes (&p, identity->box_key, sizeof identity->box_key);
  param_bytes (&p, identity->sign_secret->data, identity->sign_secret->len);
  param_bytes (&p, identity->box_secret->data, identity->box_secret->len);
  param_text (&p, now);
  ok = run_command (self, conn,
                    "INSERT INTO identity (one, device, name, sign_key, box_key, sign_secret,"
                    " box_secret, created) VALUES (1, $1, $2, $3, $4, $5, $6, $7)"
                    " ON CONFLICT (one) DO NOTHING",
                    &p, error);
  release (self, conn);
  return ok;
}

static gboolean
pg_get_device (ScCentralDb      *db,
               const char       *id,
               ScCentralDevice **out,
               GError          **error)
{
  ScCentralPg *self = (ScCentralPg *) db;
  WITH_CONN (self, conn, error, FALSE);
  Params p = { 0 };
  g_autoptr (PGresult) result = NULL;
  ScCentralDevice *device;

  param_text (&p, id);
  result = run (self, conn,
                "SELECT id, name, role, sign_key, box_key, revoked FROM devices"
                " WHERE id = lower($1)",
                &p, FALSE, error);
  release (self, conn);
  *out = NULL;
  if (result == NULL)
    return FALSE;
  if (PQntuples (result) == 0)
    return TRUE;
  device = sc_central_device_new ();
  device->id = get_text (result, 0, 0);
  device->name = get_text (result, 0, 1);
  device->role = get_text (result, 0, 2);
  get_key (result, 0, 3, device->sign_key, sizeof device->sign_key);
  get_key (result, 0, 4, device->box_key, sizeof device->box_key);
  device->revoked = g_str_equal (PQgetvalue (result, 0, 5), "t");
  *out = device;
  return TRUE;
}

static gboolean
pg_put_device (ScCentralDb           *db,
               const ScCentralDevice *device,
               GError               **error)
{
  ScCentralPg *self = (ScCentralPg *) db;
  WITH_CONN (self, conn, error, FALSE);
  g_autofree char *now = sc_central_now_iso ();
  g_autofree char *id = g_ascii_strdown (device->id, -1);
  Params p = { 0 };
  gboolean ok;

  param_text (&p, id);
  param_text (&p, device->name);
  param_text (&p, device->role);
  param_bytes (&p, device->sign_key, sizeof device->sign_key);
  param_bytes (&p, device->box_key, sizeof device->box_key);
  param_text (&p, now);
  ok = run_command (self, conn,
                    "INSERT INTO devices (id, name, role, sign_key, box_key, enrolled)"
                    " VALUES ($1, $2, $3, $4, $5, $6)"
                    " ON CONFLICT (id) DO UPDATE SET name = excluded.name, role = excluded.role",
                    &p, error);
  release (self, conn);
  return ok;
}

static gboolean
pg_revoke_device (ScCentralDb *db,
                  const char  *id,
                  gboolean    *found,
                  GError     **error)
{
  ScCentralPg *self = (ScCentralPg *) db;
  WITH_CONN (self, conn, error, FALSE);
  Params p = { 0 };
  g_autoptr (PGresult) result = NULL;

  param_text (&p, id);
  result = run (self, conn, "UPDATE devices SET revoked = TRUE WHERE id = lower($1)", &p, FALSE,
                error);
  release (self, conn);
  if (result == NULL)
    return FALSE;
  *found = changed_rows (result);
  return TRUE;
}

/* Forgets old nonces, then remembers this one. */
static gboolean
insert_nonce (ScCentralPg          *self,
              PGconn               *conn,
              const ScCentralNonce *nonce,
              gboolean             *fresh,
              GError              **error)
{
  g_autofree char *seen = g_strdup_printf ("%" G_GINT64_FORMAT, nonce->now);
  g_autofree char *cutoff = g_strdup_printf ("%" G_GINT64_FORMAT,
                                             nonce->now - SC_CENTRAL_NONCE_TTL);
  Params insert = { 0 };
  Params prune = { 0 };
  g_autoptr (PGresult) result = NULL;
  gboolean due;

  param_text (&prune, cutoff);
  /* Pruning on every request would make fifty clients queue on the same
   * rows; a few seconds late is harmless. */
  g_mutex_lock (&self->lock);
  due = nonce->now - self->last_prune >= 5;
  if (due)
    self->last_prune = nonce->now;
  g_mutex_unlock (&self->lock);
  if (due && !run_command (self, conn, "DELETE FROM nonces WHERE seen_at < $1", &prune, error))
    return FALSE;
  param_text (&insert, nonce->device);
  param_text (&insert, nonce->nonce);
  param_text (&insert, seen);
  result = run (self, conn,
                "INSERT INTO nonces (device, nonce, seen_at) VALUES ($1, $2, $3)"
                " ON CONFLICT DO NOTHING",
                &insert, FALSE, error);
  if (result == NULL)
    return FALSE;
  *fresh = changed_rows (result);
  return TRUE;
}

static gboolean
pg_remember_nonce (ScCentralDb *db,
                   const char  *device,
                   const char  *nonce,
                   gint64       now,
                   gboolean    *fresh,
                   GError     **error)
{
  ScCentralPg *self = (ScCentralPg *) db;
  WITH_CONN (self, conn, error, FALSE);
  ScCentralNonce n = { device, nonce, now };
  gboolean ok = insert_nonce (self, conn, &n, fresh, error);

  release (self, conn);
  return ok;
}

static gboolean
read_exactly (int      fd,
              guint64  offset,
              guint8  *buffer,
              gsize    len,
              GError **error)
{
  gsize done = 0;

  while (done < len)
    {
      gssize n = pread (fd, buffer + done, len - done, (off_t) (offset + done));

      if (n < 0 && errno == EINTR)
        continue;
      if (n <= 0)
        {
          g_set_error (error, SC_CENTRAL_ERROR, SC_CENTRAL_ERROR_FAILED,
                       _("The uploaded bundle could not be read back (%s)"),
                       n < 0 ? g_strerror (errno) : _("it is shorter than announced"));
          return FALSE;
        }
      done += (gsize) n;
    }
  return TRUE;
}

static gboolean
insert_rest (ScCentralPg           *self,
             PGconn                *conn,
             const ScCentralBundle *bundle,
             int                    fd,
             GError               **error)
{
  g_autofree guint8 *buffer = g_malloc (SC_CENTRAL_CHUNK);

  for (guint i = 0; i < bundle->recipients->len; i++)
    {
      Params p = { 0 };

      param_text (&p, bundle->id);
      param_text (&p, g_ptr_array_index (bundle->recipients, i));
      if (!run_command (self, conn,
                        "INSERT INTO bundle_recipients (bundle, device) VALUES ($1, lower($2))"
                        " ON CONFLICT DO NOTHING",
                        &p, error))
        return FALSE;
    }
  for (guint i = 0; i < bundle->n_chunks; i++)
    {
      guint64 offset = (guint64) i * SC_CENTRAL_CHUNK;
      gsize len = (gsize) MIN ((guint64) SC_CENTRAL_CHUNK, bundle->size - offset);
      g_autofree char *index = g_strdup_printf ("%u", i);
      Params p = { 0 };

      if (!read_exactly (fd, offset, buffer, len, error))
        return FALSE;
      param_text (&p, bundle->id);
      param_text (&p, index);
      param_bytes (&p, buffer, len);
      if (!run_command (self, conn,
                        "INSERT INTO bundle_chunks (bundle, idx, bytes) VALUES ($1, $2, $3)", &p,
                        error))
        return FALSE;
    }
  return TRUE;
}

static gboolean
put_bundle_on (ScCentralPg           *self,
               PGconn                *conn,
               const ScCentralBundle *bundle,
               int                    fd,
               const ScCentralNonce  *nonce,
               gboolean              *fresh,
               gboolean              *created,
               char                 **existing_sha256,
               GError               **error)
{
  g_autofree char *now = sc_central_now_iso ();
  g_autofree char *size = g_strdup_printf ("%" G_GUINT64_FORMAT, bundle->size);
  g_autofree char *n_chunks = g_strdup_printf ("%u", bundle->n_chunks);
  g_autoptr (PGresult) inserted = NULL;
  Params p = { 0 };

  param_text (&p, bundle->id);
  param_text (&p, bundle->kind);
  param_text (&p, bundle->sender);
  param_text (&p, bundle->inspection);
  param_text (&p, bundle->created);
  param_text (&p, bundle->received != NULL ? bundle->received : now);
  param_text (&p, size);
  param_text (&p, bundle->sha256);
  param_text (&p, n_chunks);
  if (!run_command (self, conn, "BEGIN", NULL, error))
    return FALSE;
  if (nonce != NULL && !insert_nonce (self, conn, nonce, fresh, error))
    return FALSE;
  if (!*fresh)
    return run_command (self, conn, "ROLLBACK", NULL, error);
  /* A second upload of the same id waits here for the first to commit or
   * roll back, then inserts nothing (or takes over). */
  inserted = run (self, conn,
                  "INSERT INTO bundles (id, kind, sender, inspection, created, received, size,"
                  " sha256, n_chunks) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)"
                  " ON CONFLICT (id) DO NOTHING",
                  &p, FALSE, error);
  if (inserted == NULL)
    return FALSE;
  if (!changed_rows (inserted))
    {
      Params q = { 0 };
      g_autoptr (PGresult) found = NULL;

      param_text (&q, bundle->id);
      found = run (self, conn, "SELECT sha256 FROM bundles WHERE id = $1", &q, FALSE, error);
      if (found == NULL)
        return FALSE;
      *existing_sha256 = PQntuples (found) > 0 ? get_text (found, 0, 0) : NULL;
      /* Stored before: keep only the nonce. */
      return run_command (self, conn, "COMMIT", NULL, error);
    }
  if (!insert_rest (self, conn, bundle, fd, error) ||
      !run_command (self, conn, "COMMIT", NULL, error))
    return FALSE;
  *created = TRUE;
  return TRUE;
}

static gboolean
pg_put_bundle (ScCentralDb           *db,
               const ScCentralBundle *bundle,
               int                    fd,
               const ScCentralNonce  *nonce,
               gboolean              *fresh,
               gboolean              *created,
               char                 **existing_sha256,
               GError               **error)
{
  ScCentralPg *self = (ScCentralPg *) db;
  WITH_CONN (self, conn, error, FALSE);
  gboolean ok;

  *created = FALSE;
  *fresh = TRUE;
  ok = put_bundle_on (self, conn, bundle, fd, nonce, fresh, created, existing_sha256, error);
  /* release() rolls back whatever a failure left open. */
  release (self, conn);
  if (!ok)
    *created = FALSE;
  return ok;
}

#define BUNDLE_COLUMNS \
  "b.id, b.kind, b.sender, b.inspection, b.created, b.received, b.size, b.sha256, b.n_chunks"

static ScCentralBundle *
bundle_from_row (PGresult *result,
                 int       row)
{
  ScCentralBundle *bundle = sc_central_bundle_new ();

  bundle->id = get_text (result, row, 0);
  bundle->kind = get_text (result, row, 1);
  bundle->sender = get_text (result, row, 2);
  bundle->inspection = get_text (result, row, 3);
  bundle->created = get_text (result, row, 4);
  bundle->received = get_text (result, row, 5);
  bundle->size = g_ascii_strtoull (PQgetvalue (result, row, 6), NULL, 10);
  bundle->sha256 = get_text (result, row, 7);
  bundle->n_chunks = (guint) g_ascii_strtoull (PQgetvalue (result, row, 8), NULL, 10);
  return bundle;
}

static GPtrArray *
pg_list_bundles (ScCentralDb *db,
                 const char  *device,
                 const char  *after,
                 guint        limit,
                 GError     **error)
{
  ScCentralPg *self = (ScCentralPg *) db;
  WITH_CONN (self, conn, error, NULL);
  Params p = { 0 };
  g_autoptr (PGresult) result = NULL;
  g_autofree char *limit_text = limit > 0 ? g_strdup_printf ("%u", limit) : NULL;
  GPtrArray *bundles;

  /* A NULL parameter is SQL NULL: no cursor, or LIMIT ALL. An unknown
   * cursor makes the comparison NULL and matches nothing. */
  param_text (&p, device);
  param_text (&p, after);
  param_text (&p, limit_text);
  result = run (self, conn,
                "SELECT " BUNDLE_COLUMNS " FROM bundles b JOIN bundle_recipients r"
                " ON r.bundle = b.id WHERE r.device = lower($1) AND b.seq >"
                " CASE WHEN $2::text IS NULL THEN 0"
                " ELSE (SELECT seq FROM bundles WHERE id = lower($2::text)) END"
                " ORDER BY b.seq LIMIT $3::bigint",
                &p, FALSE, error);
  release (self, conn);
  if (result == NULL)
    return NULL;
  bundles = g_ptr_array_new_with_free_func ((GDestroyNotify) sc_central_bundle_free);
  for (int i = 0; i < PQntuples (result); i++)
    g_ptr_array_add (bundles, bundle_from_row (result, i));
  return bundles;
}

static gboolean
pg_get_bundle (ScCentralDb      *db,
               const char       *id,
               ScCentralBundle **out,
               GError          **error)
{
  ScCentralPg *self = (ScCentralPg *) db;
  WITH_CONN (self, conn, error, FALSE);
  Params p = { 0 };
  g_autoptr (PGresult) result = NULL;
  g_autoptr (PGresult) recipients = NULL;
  ScCentralBundle *bundle;

  *out = NULL;
  param_text (&p, id);
  /* One statement, one snapshot: the row and its recipients agree. */
  result = run (self, conn,
                "SELECT " BUNDLE_COLUMNS ", r.device FROM bundles b LEFT JOIN bundle_recipients r"
                " ON r.bundle = b.id WHERE b.id = lower($1) ORDER BY r.device",
                &p, FALSE, error);
  release (self, conn);
  if (result == NULL)
    return FALSE;
  if (PQntuples (result) == 0)
    return TRUE;
  bundle = bundle_from_row (result, 0);
  for (int i = 0; i < PQntuples (result); i++)
    if (!PQgetisnull (result, i, 9))
      g_ptr_array_add (bundle->recipients, get_text (result, i, 9));
  *out = bundle;
  return TRUE;
}

static GBytes *
pg_read_chunk (ScCentralDb *db,
               const char  *id,
               guint        index,
               GError     **error)
{
  ScCentralPg *self = (ScCentralPg *) db;
  WITH_CONN (self, conn, error, NULL);
  g_autofree char *idx = g_strdup_printf ("%u", index);
  Params p = { 0 };
  g_autoptr (PGresult) result = NULL;

  param_text (&p, id);
  param_text (&p, idx);
  result = run (self, conn,
                "SELECT bytes FROM bundle_chunks WHERE bundle = lower($1) AND idx = $2::integer",
                &p, TRUE, error);
  release (self, conn);
  if (result == NULL)
    return NULL;
  if (PQntuples (result) == 0)
    {
      g_set_error (error, SC_CENTRAL_ERROR, SC_CENTRAL_ERROR_DATABASE,
                   _("Piece %u of the bundle %s is missing from the database"), index, id);
      return NULL;
    }
  return g_bytes_new (PQgetvalue (result, 0, 0), (gsize) PQgetlength (result, 0, 0));
}

/* Reporting */

static gboolean
put_team_on (ScCentralPg         *self,
             PGconn              *conn,
             const ScCentralTeam *team,
             gboolean            *applied,
             GError             **error)
{
  const ScCentralFramework *fw = team->framework;
  gsize len = 0;
  const guint8 *xml = g_bytes_get_data (fw->xml, &len);
  Params p = { 0 };
  Params q = { 0 };
  g_autoptr (PGresult) kept = NULL;

  param_text (&q, team->inspection);
  /* Two team bundles of one inspection at once take turns here. */
  if (!run_command (self, conn, "BEGIN", NULL, error) ||
      !run_command (self, conn, "SELECT pg_advisory_xact_lock (hashtext ($1))", &q, error))
    return FALSE;
  kept = run (self, conn, "SELECT bundle_created FROM report_inspections WHERE inspection = $1",
              &q, FALSE, error);
  if (kept == NULL)
    return FALSE;
  if (PQntuples (kept) > 0 && g_strcmp0 (PQgetvalue (kept, 0, 0), team->created) > 0)
    return run_command (self, conn, "ROLLBACK", NULL, error);
  param_text (&p, fw->sha256);
  param_text (&p, fw->framework_id);
  param_text (&p, fw->version);
  param_text (&p, fw->title);
  param_bytes (&p, xml, len);
  if (!run_command (self, conn,
                    "INSERT INTO report_frameworks (sha256, framework_id, version, title, xml)"
                    " VALUES ($1, $2, $3, $4, $5) ON CONFLICT (sha256) DO NOTHING",
                    &p, error) ||
      !run_command (self, conn, "DELETE FROM report_evaluations WHERE inspection = $1", &q, error))
    return FALSE;
  memset (&p, 0, sizeof p);
  param_text (&p, team->inspection);
  param_text (&p, fw->sha256);
  param_text (&p, team->bundle);
  param_text (&p, team->created);
  param_text (&p, team->lead);
  if (!run_command (self, conn,
                    "INSERT INTO report_inspections (inspection, framework, bundle,"
                    " bundle_created, lead) VALUES ($1, $2, $3, $4, $5)"
                    " ON CONFLICT (inspection) DO UPDATE SET framework = excluded.framework,"
                    " bundle = excluded.bundle, bundle_created = excluded.bundle_created,"
                    " lead = excluded.lead",
                    &p, error))
    return FALSE;
  for (guint i = 0; i < team->evaluations->len; i++)
    {
      const ScCentralEvaluation *e = g_ptr_array_index (team->evaluations, i);
      g_autofree char *level = g_strdup_printf ("%" G_GINT64_FORMAT, e->level);
      Params r = { 0 };

      param_text (&r, team->inspection);
      param_text (&r, e->indicator);
      param_text (&r, e->author);
      param_text (&r, level);
      if (!run_command (self, conn,
                        "INSERT INTO report_evaluations (inspection, indicator, author, level)"
                        " VALUES ($1, $2, $3, $4) ON CONFLICT (inspection, indicator, author)"
                        " DO UPDATE SET level = excluded.level",
                        &r, error))
        return FALSE;
    }
  if (!run_command (self, conn, "COMMIT", NULL, error))
    return FALSE;
  *applied = TRUE;
  return TRUE;
}

static gboolean
pg_put_team (ScCentralDb         *db,
             const ScCentralTeam *team,
             gboolean            *applied,
             GError             **error)
{
  ScCentralPg *self = (ScCentralPg *) db;
  WITH_CONN (self, conn, error, FALSE);
  gboolean ok;

  *applied = FALSE;
  ok = put_team_on (self, conn, team, applied, error);
  release (self, conn);
  return ok;
}

static gboolean
pg_load_report (ScCentralDb *db,
                GPtrArray  **frameworks,
                GPtrArray  **rows,
                GError     **error)
{
  ScCentralPg *self = (ScCentralPg *) db;
  WITH_CONN (self, conn, error, FALSE);
  static const Params none = { { NULL }, { 0 }, { 0 }, 0 };
  g_autoptr (PGresult) fw = run (
    self, conn,
    "SELECT sha256, framework_id, version, title, xml FROM report_frameworks ORDER BY title",
    &none, TRUE, error);
  g_autoptr (PGresult) ev = NULL;

  if (fw != NULL)
    ev = run (self, conn,
              "SELECT i.framework, e.inspection, i.lead, e.indicator, e.author, e.level::text,"
              " i.bundle_created FROM report_evaluations e JOIN report_inspections i"
              " ON i.inspection = e.inspection ORDER BY i.framework, e.inspection, e.indicator",
              NULL, FALSE, error);
  release (self, conn);
  if (fw == NULL || ev == NULL)
    return FALSE;
  *frameworks = g_ptr_array_new_with_free_func ((GDestroyNotify) sc_central_framework_free);
  for (int i = 0; i < PQntuples (fw); i++)
    {
      ScCentralFramework *f = g_new0 (ScCentralFramework, 1);

      /* Binary results: text columns come as they are, without a NUL. */
      f->sha256 = g_strndup (PQgetvalue (fw, i, 0), (gsize) PQgetlength (fw, i, 0));
      f->framework_id = g_strndup (PQgetvalue (fw, i, 1), (gsize) PQgetlength (fw, i, 1));
      f->version = g_strndup (PQgetvalue (fw, i, 2), (gsize) PQgetlength (fw, i, 2));
      f->title = g_strndup (PQgetvalue (fw, i, 3), (gsize) PQgetlength (fw, i, 3));
      f->xml = g_bytes_new (PQgetvalue (fw, i, 4), (gsize) PQgetlength (fw, i, 4));
      g_ptr_array_add (*frameworks, f);
    }
  *rows = g_ptr_array_new_with_free_func ((GDestroyNotify) sc_central_report_row_free);
  for (int i = 0; i < PQntuples (ev); i++)
    {
      ScCentralReportRow *row = g_new0 (ScCentralReportRow, 1);

      row->framework = get_text (ev, i, 0);
      row->inspection = get_text (ev, i, 1);
      row->lead = get_text (ev, i, 2);
      row->indicator = get_text (ev, i, 3);
      row->author = get_text (ev, i, 4);
      row->level = g_ascii_strtoll (PQgetvalue (ev, i, 5), NULL, 10);
      row->created = get_text (ev, i, 6);
      g_ptr_array_add (*rows, row);
    }
  return TRUE;
}

static GPtrArray *
pg_list_ids (ScCentralDb *db,
             GError     **error)
{
  ScCentralPg *self = (ScCentralPg *) db;
  WITH_CONN (self, conn, error, NULL);
  g_autoptr (PGresult) result = run (self, conn, "SELECT id FROM bundles ORDER BY seq", NULL,
                                     FALSE, error);
  GPtrArray *ids;

  release (self, conn);
  if (result == NULL)
    return NULL;
  ids = g_ptr_array_new_with_free_func (g_free);
  for (int i = 0; i < PQntuples (result); i++)
    g_ptr_array_add (ids, get_text (result, i, 0));
  return ids;
}

static gboolean
pg_counts (ScCentralDb     *db,
           ScCentralCounts *out,
           GError         **error)
{
  ScCentralPg *self = (ScCentralPg *) db;
  WITH_CONN (self, conn, error, FALSE);
  g_autoptr (PGresult) result = run (
    self, conn,
    "SELECT (SELECT count(DISTINCT inspection) FROM bundles), (SELECT count(*) FROM bundles),"
    " (SELECT count(*) FROM devices), (SELECT count(*) FROM bundle_recipients),"
    " (SELECT count(*) FROM bundle_chunks), (SELECT count(*) FROM nonces)",
    NULL, FALSE, error);
  gint64 *fields[] = { &out->inspections, &out->bundles, &out->devices, &out->recipients,
                       &out->chunks, &out->nonces };

  release (self, conn);
  if (result == NULL)
    return FALSE;
  for (guint i = 0; i < G_N_ELEMENTS (fields); i++)
    *fields[i] = g_ascii_strtoll (PQgetvalue (result, 0, (int) i), NULL, 10);
  return TRUE;
}

static gboolean
pg_check (ScCentralDb *db,
          GError     **error)
{
  ScCentralPg *self = (ScCentralPg *) db;
  WITH_CONN (self, conn, error, FALSE);
  /* The server keeps its own pages consistent; check what the schema cannot
   * say: no piece or recipient without its bundle row. */
  g_autoptr (PGresult) result = run (
    self, conn,
    "SELECT (SELECT count(*) FROM bundle_chunks c WHERE NOT EXISTS"
    "   (SELECT 1 FROM bundles b WHERE b.id = c.bundle)) +"
    " (SELECT count(*) FROM bundle_recipients r WHERE NOT EXISTS"
    "   (SELECT 1 FROM bundles b WHERE b.id = r.bundle))",
    NULL, FALSE, error);

  release (self, conn);
  if (result == NULL)
    return FALSE;
  if (g_ascii_strtoll (PQgetvalue (result, 0, 0), NULL, 10) != 0)
    {
      g_set_error (error, SC_CENTRAL_ERROR, SC_CENTRAL_ERROR_DATABASE,
                   _("The database %s holds pieces of bundles that are not stored"),
                   self->parent.url);
      return FALSE;
    }
  return TRUE;
}

static const ScCentralDbClass pg_class = {
  .name = "postgresql",
  .close = pg_close,
  .schema_version = pg_schema_version,
  .load_identity = pg_load_identity,
  .save_identity = pg_save_identity,
  .get_device = pg_get_device,
  .put_device = pg_put_device,
  .revoke_device = pg_revoke_device,
  .remember_nonce = pg_remember_nonce,
  .put_bundle = pg_put_bundle,
  .list_bundles = pg_list_bundles,
  .get_bundle = pg_get_bundle,
  .read_chunk = pg_read_chunk,
  .put_team = pg_put_team,
  .load_report = pg_load_report,
  .list_ids = pg_list_ids,
  .counts = pg_counts,
  .check = pg_check,
};
