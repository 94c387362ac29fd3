/* test-central-db.c: the central store's storage, on every backend
 *
 * Copyright 2026 The Scrutineer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <fcntl.h>
#include <glib/gstdio.h>
#include <sodium.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#define SQLITE_HAS_CODEC 1
#include <libpq-fe.h>
#include <sqlcipher/sqlite3.h>

#include "sc-central-test.h"

static gboolean
contains (const char *haystack,
          gsize       len,
          const char *needle)
{
  gsize n = strlen (needle);

  for (gsize i = 0; i + n <= len; i++)
    if (memcmp (haystack + i, needle, n) == 0)
      return TRUE;
  return FALSE;
}

static void
assert_counts (ScCentralDb *db,
               gint64       bundles,
               gint64       recipients,
               gint64       chunks)
{
  ScCentralCounts counts;

  sc_test_counts (db, &counts);
  g_assert_cmpint (counts.bundles, ==, bundles);
  g_assert_cmpint (counts.recipients, ==, recipients);
  g_assert_cmpint (counts.chunks, ==, chunks);
}

/* A bundle record and its bytes in an unlinked temporary file. */
static ScCentralBundle *
make_bundle (const char *sender,
             guint64     size,
             int        *fd)
{
  ScCentralBundle *bundle = sc_central_bundle_new ();
  g_autofree guint8 *data = g_malloc (size);
  g_autofree char *name = NULL;

  randombytes_buf (data, size);
  bundle->id = g_uuid_string_random ();
  bundle->kind = g_strdup ("member");
  bundle->sender = g_strdup (sender);
  bundle->inspection = g_uuid_string_random ();
  bundle->created = g_strdup ("2026-03-02T10:00:00Z");
  bundle->size = size;
  bundle->sha256 = g_compute_checksum_for_data (G_CHECKSUM_SHA256, data, size);
  bundle->n_chunks = (guint) ((size + SC_CENTRAL_CHUNK - 1) / SC_CENTRAL_CHUNK);
  g_ptr_array_add (bundle->recipients, g_strdup (sender));
  g_ptr_array_add (bundle->recipients, g_uuid_string_random ());
  *fd = g_file_open_tmp ("sc-central-test-XXXXXX", &name, NULL);
  g_assert_cmpint (*fd, >=, 0);
  g_unlink (name);
  g_assert_cmpint (write (*fd, data, size), ==, (gssize) size);
  return bundle;
}

static void
test_open (gconstpointer data)
{
  g_autoptr (ScTestDb) tdb = sc_test_db_new (data);
  g_autoptr (ScCentralDb) db = sc_test_db_open (tdb);
  g_autoptr (ScCentralIdentity) first = NULL;
  g_autoptr (ScCentralIdentity) again = NULL;
  g_autoptr (GError) error = NULL;
  guint n = 99;

  g_assert_cmpstr (sc_central_db_get_backend (db), ==, tdb->backend);
  g_assert_cmpint (db->klass->schema_version (db), ==, 2);
  first = sc_central_db_get_identity (db, &error);
  g_assert_no_error (error);
  g_assert_true (g_uuid_string_is_valid (first->id));
  g_assert_cmpuint (first->sign_secret->len, ==, crypto_sign_SECRETKEYBYTES);
  g_clear_pointer (&db, sc_central_db_close);

  /* Reopening migrates nothing and keeps the identity. */
  db = sc_test_db_open (tdb);
  again = sc_central_db_get_identity (db, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (first->id, ==, again->id);
  g_assert_cmpmem (first->sign_key, 32, again->sign_key, 32);
  g_assert_true (sc_secret_equal (first->box_secret, again->box_secret));
  g_assert_true (sc_central_db_verify (db, &n, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (n, ==, 0);
}

static void
test_sqlite_encrypted (void)
{
  g_autoptr (ScTestDb) tdb = sc_test_db_new ("sqlite");
  g_autoptr (ScCentralDb) db = sc_test_db_open (tdb);
  g_autoptr (GError) error = NULL;
  g_autofree char *path = g_build_filename (tdb->dir, "central.db", NULL);
  g_autofree char *key = g_build_filename (tdb->dir, "central.db.key", NULL);
  g_autofree char *other_key = g_build_filename (tdb->dir, "other.key", NULL);
  g_autofree char *url = g_strconcat ("sqlite:", path, NULL);
  g_autofree char *contents = NULL;
  g_autoptr (ScTestDevice) device = sc_test_device_new ();
  gsize len = 0;
  GStatBuf st;

  sc_test_device_enrol (device, db, "inspector");
  g_clear_pointer (&db, sc_central_db_close);
  g_assert_true (g_file_get_contents (path, &contents, &len, NULL));
  g_assert_cmpuint (len, >, 16);
  g_assert_false (g_str_has_prefix (contents, "SQLite format 3"));
  g_assert_false (contains (contents, len, device->id));
  g_assert_cmpint (g_stat (key, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0600);
  g_assert_cmpint (g_stat (path, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0600);

  /* Another key does not open it, and says so. */
  g_assert_true (g_file_set_contents (other_key,
                                      "00112233445566778899aabbccddeeff"
                                      "00112233445566778899aabbccddeeff\n",
                                      -1, NULL));
  g_assert_null (sc_central_db_open (url, other_key, &error));
  g_assert_error (error, SC_CENTRAL_ERROR, SC_CENTRAL_ERROR_KEY);
  g_clear_error (&error);
  /* Nor does a file that is not a key. */
  g_assert_true (g_file_set_contents (other_key, "not a key\n", -1, NULL));
  g_assert_null (sc_central_db_open (url, other_key, &error));
  g_assert_error (error, SC_CENTRAL_ERROR, SC_CENTRAL_ERROR_KEY);
  g_clear_error (&error);
  /* Without its key file, the database is refused, and no new key made. */
  g_assert_cmpint (g_unlink (key), ==, 0);
  g_assert_null (sc_central_db_open (url, NULL, &error));
  g_assert_error (error, SC_CENTRAL_ERROR, SC_CENTRAL_ERROR_KEY);
  g_assert_false (g_file_test (key, G_FILE_TEST_EXISTS));
}

static void
test_bad_url (void)
{
  g_autoptr (GError) error = NULL;

  g_assert_null (sc_central_db_open ("mysql://x", NULL, &error));
  g_assert_error (error, SC_CENTRAL_ERROR, SC_CENTRAL_ERROR_URL);
  g_clear_error (&error);
  g_assert_null (sc_central_db_open ("sqlite:", NULL, &error));
  g_assert_error (error, SC_CENTRAL_ERROR, SC_CENTRAL_ERROR_URL);
}

static void
test_redact (void)
{
  g_autofree char *a = sc_central_pg_redact_url ("postgresql://bob:secret@db.example/central");
  g_autofree char *b = sc_central_pg_redact_url ("postgresql:///c?host=/run&password=secret&x=1");

  g_assert_cmpstr (a, ==, "postgresql://bob:***@db.example/central");
  g_assert_cmpstr (b, ==, "postgresql:///c?host=/run&password=***&x=1");
}

static void
test_enrol (gconstpointer data)
{
  g_autoptr (ScTestDb) tdb = sc_test_db_new (data);
  g_autoptr (ScCentralDb) db = sc_test_db_open (tdb);
  g_autoptr (ScTestDevice) device = sc_test_device_new ();
  g_autoptr (ScTestDevice) forger = sc_test_device_new ();
  g_autoptr (ScCentralDevice) found = NULL;
  g_autoptr (ScCentralIdentity) identity = sc_central_db_get_identity (db, NULL);
  g_autoptr (GError) error = NULL;
  ScCentralDevice card = { 0 };
  gboolean updated = TRUE;
  ScCentralCounts counts;

  card.id = g_ascii_strup (device->id, -1); /* ids are compared in lower case */
  card.name = (char *) "Ann's laptop";
  card.role = (char *) "inspector";
  memcpy (card.sign_key, device->sign_key, 32);
  memcpy (card.box_key, device->box_key, 32);
  g_assert_true (sc_central_db_enrol (db, &card, &updated, &error));
  g_assert_no_error (error);
  g_assert_false (updated);
  card.role = (char *) "lead";
  g_assert_true (sc_central_db_enrol (db, &card, &updated, &error));
  g_assert_true (updated);
  found = sc_central_db_get_device (db, device->id, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (found->role, ==, "lead");
  g_assert_cmpstr (found->id, ==, device->id);
  g_assert_false (found->revoked);
  g_clear_pointer (&found, sc_central_device_free);

  /* The same id with other keys: refused. */
  memcpy (card.sign_key, forger->sign_key, 32);
  g_assert_false (sc_central_db_enrol (db, &card, NULL, &error));
  g_assert_error (error, SC_CENTRAL_ERROR, SC_CENTRAL_ERROR_KEYS_DIFFER);
  g_clear_error (&error);
  /* The central store's own card: refused. */
  g_free (card.id);
  card.id = g_strdup (identity->id);
  g_assert_false (sc_central_db_enrol (db, &card, NULL, &error));
  g_assert_error (error, SC_CENTRAL_ERROR, SC_CENTRAL_ERROR_INVALID);
  g_clear_error (&error);

  /* Revoked: stays revoked, cannot come back. */
  g_assert_true (sc_central_db_revoke (db, device->id, &error));
  g_assert_no_error (error);
  found = sc_central_db_get_device (db, device->id, &error);
  g_assert_true (found->revoked);
  g_free (card.id);
  card.id = g_strdup (device->id);
  memcpy (card.sign_key, device->sign_key, 32);
  g_assert_false (sc_central_db_enrol (db, &card, NULL, &error));
  g_assert_error (error, SC_CENTRAL_ERROR, SC_CENTRAL_ERROR_REVOKED);
  g_clear_error (&error);
  g_assert_false (sc_central_db_revoke (db, forger->id, &error));
  g_assert_error (error, SC_CENTRAL_ERROR, SC_CENTRAL_ERROR_NOT_FOUND);
  g_clear_error (&error);
  g_assert_null (sc_central_db_get_device (db, forger->id, &error));
  g_assert_error (error, SC_CENTRAL_ERROR, SC_CENTRAL_ERROR_NOT_FOUND);
  sc_test_counts (db, &counts);
  g_assert_cmpint (counts.devices, ==, 1);
  g_free (card.id);
}

static void
test_nonces (gconstpointer data)
{
  g_autoptr (ScTestDb) tdb = sc_test_db_new (data);
  g_autoptr (ScCentralDb) db = sc_test_db_open (tdb);
  g_autoptr (GError) error = NULL;
  const char *device = "6f7c1b9e-2d1a-4c55-9d3e-1a2b3c4d5e6f";
  gint64 now = 1790000000;
  gboolean fresh = FALSE;

  g_assert_true (sc_central_db_remember_nonce (db, device, "aa", now, &fresh, &error));
  g_assert_no_error (error);
  g_assert_true (fresh);
  g_assert_true (sc_central_db_remember_nonce (db, device, "aa", now + 1, &fresh, &error));
  g_assert_false (fresh);
  /* Another device may use the same nonce. */
  g_assert_true (sc_central_db_remember_nonce (db, "00000000-0000-4000-8000-000000000000", "aa",
                                               now, &fresh, &error));
  g_assert_true (fresh);
  /* Forgotten after the TTL, when the time window refuses the request
   * anyway. */
  g_assert_true (sc_central_db_remember_nonce (db, device, "aa",
                                               now + SC_CENTRAL_NONCE_TTL + 10, &fresh, &error));
  g_assert_true (fresh);
}

static void
test_put_bundle (gconstpointer data)
{
  g_autoptr (ScTestDb) tdb = sc_test_db_new (data);
  g_autoptr (ScCentralDb) db = sc_test_db_open (tdb);
  g_autoptr (ScTestDevice) device = sc_test_device_new ();
  g_autoptr (ScCentralBundle) bundle = NULL;
  g_autoptr (ScCentralBundle) stored = NULL;
  g_autoptr (ScCentralBundle) other = NULL;
  g_autoptr (GPtrArray) list = NULL;
  g_autoptr (GChecksum) sha = g_checksum_new (G_CHECKSUM_SHA256);
  g_autoptr (GError) error = NULL;
  gboolean created = FALSE;
  guint64 size = 2 * SC_CENTRAL_CHUNK + 1234;
  guint64 total = 0;
  int fd, other_fd;
  guint n = 0;

  sc_test_device_enrol (device, db, "inspector");
  bundle = make_bundle (device->id, size, &fd);
  g_assert_true (sc_central_db_put_bundle (db, bundle, fd, NULL, NULL, &created, &error));
  g_assert_no_error (error);
  g_assert_true (created);
  assert_counts (db, 1, 2, 3);

  /* Again: stored once. */
  g_assert_true (sc_central_db_put_bundle (db, bundle, fd, NULL, NULL, &created, &error));
  g_assert_no_error (error);
  g_assert_false (created);
  assert_counts (db, 1, 2, 3);

  /* The same id with other bytes: refused, the first kept. */
  other = make_bundle (device->id, 100, &other_fd);
  g_free (other->id);
  other->id = g_strdup (bundle->id);
  g_assert_false (sc_central_db_put_bundle (db, other, other_fd, NULL, NULL, &created, &error));
  g_assert_error (error, SC_CENTRAL_ERROR, SC_CENTRAL_ERROR_CONFLICT);
  g_clear_error (&error);
  assert_counts (db, 1, 2, 3);

  stored = sc_central_db_get_bundle (db, bundle->id, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (stored->size, ==, size);
  g_assert_cmpuint (stored->n_chunks, ==, 3);
  g_assert_cmpstr (stored->sha256, ==, bundle->sha256);
  g_assert_cmpuint (stored->recipients->len, ==, 2);
  for (guint i = 0; i < stored->n_chunks; i++)
    {
      g_autoptr (GBytes) chunk = sc_central_db_read_chunk (db, bundle->id, i, &error);
      gsize len = 0;
      const guint8 *bytes = g_bytes_get_data (chunk, &len);

      g_assert_no_error (error);
      g_checksum_update (sha, bytes, (gssize) len);
      total += len;
    }
  g_assert_cmpuint (total, ==, size);
  g_assert_cmpstr (g_checksum_get_string (sha), ==, bundle->sha256);
  g_assert_null (sc_central_db_read_chunk (db, bundle->id, 3, &error));
  g_assert_error (error, SC_CENTRAL_ERROR, SC_CENTRAL_ERROR_DATABASE);
  g_clear_error (&error);

  list = sc_central_db_list_bundles (db, g_ptr_array_index (bundle->recipients, 1), NULL, 0,
                                     &error);
  g_assert_no_error (error);
  g_assert_cmpuint (list->len, ==, 1);
  g_clear_pointer (&list, g_ptr_array_unref);
  list = sc_central_db_list_bundles (db, "00000000-0000-4000-8000-000000000000", NULL, 0,
                                     &error);
  g_assert_cmpuint (list->len, ==, 0);
  g_assert_true (sc_central_db_verify (db, &n, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (n, ==, 1);
  close (fd);
  close (other_fd);
}

/* An upload's nonce is kept in its transaction: a replay changes nothing,
 * and a retry of a stored bundle still uses up its nonce. */
static void
test_put_with_nonce (gconstpointer data)
{
  g_autoptr (ScTestDb) tdb = sc_test_db_new (data);
  g_autoptr (ScCentralDb) db = sc_test_db_open (tdb);
  g_autoptr (ScTestDevice) device = sc_test_device_new ();
  g_autoptr (ScCentralBundle) bundle = NULL;
  g_autoptr (GError) error = NULL;
  ScCentralNonce first = { NULL, "0011", 1790000000 };
  ScCentralNonce retry = { NULL, "2233", 1790000001 };
  gboolean created = FALSE, fresh = FALSE;
  ScCentralCounts counts;
  int fd;

  sc_test_device_enrol (device, db, "inspector");
  first.device = retry.device = device->id;
  bundle = make_bundle (device->id, 500, &fd);
  g_assert_true (sc_central_db_put_bundle (db, bundle, fd, &first, &fresh, &created, &error));
  g_assert_no_error (error);
  g_assert_true (fresh);
  g_assert_true (created);
  sc_test_counts (db, &counts);
  g_assert_cmpint (counts.nonces, ==, 1);

  g_assert_true (sc_central_db_put_bundle (db, bundle, fd, &first, &fresh, &created, &error));
  g_assert_false (fresh);
  g_assert_false (created);
  assert_counts (db, 1, 2, 1);

  g_assert_true (sc_central_db_put_bundle (db, bundle, fd, &retry, &fresh, &created, &error));
  g_assert_true (fresh);
  g_assert_false (created);
  g_assert_true (sc_central_db_remember_nonce (db, device->id, "2233", retry.now, &fresh,
                                               &error));
  g_assert_false (fresh);
  sc_test_counts (db, &counts);
  g_assert_cmpint (counts.nonces, ==, 2);
  assert_counts (db, 1, 2, 1);
  close (fd);
}

/* A failure half way through (here, the bytes run out) leaves nothing. */
static void
test_put_is_atomic (gconstpointer data)
{
  g_autoptr (ScTestDb) tdb = sc_test_db_new (data);
  g_autoptr (ScCentralDb) db = sc_test_db_open (tdb);
  g_autoptr (ScTestDevice) device = sc_test_device_new ();
  g_autoptr (ScCentralBundle) bundle = NULL;
  g_autoptr (GError) error = NULL;
  gboolean created = TRUE;
  int fd;

  sc_test_device_enrol (device, db, "inspector");
  bundle = make_bundle (device->id, 3 * SC_CENTRAL_CHUNK, &fd);
  g_assert_cmpint (ftruncate (fd, 2 * SC_CENTRAL_CHUNK + 10), ==, 0);
  g_assert_false (sc_central_db_put_bundle (db, bundle, fd, NULL, NULL, &created, &error));
  g_assert_nonnull (error);
  g_clear_error (&error);
  g_assert_false (created);
  assert_counts (db, 0, 0, 0);
  g_assert_true (sc_central_db_verify (db, NULL, &error));
  g_assert_no_error (error);
  close (fd);
}

/* Several uploads of one bundle at once: stored exactly once. */
typedef struct
{
  ScCentralDb *db;
  const ScCentralBundle *bundle;
  int fd;
  gint created;
  gint failed;
} Race;

static gpointer
race_thread (gpointer data)
{
  Race *race = data;
  g_autoptr (GError) error = NULL;
  gboolean created = FALSE;

  if (!sc_central_db_put_bundle (race->db, race->bundle, race->fd, NULL, NULL, &created,
                                 &error))
    g_atomic_int_inc (&race->failed);
  else if (created)
    g_atomic_int_inc (&race->created);
  return NULL;
}

static void
test_put_race (gconstpointer data)
{
  g_autoptr (ScTestDb) tdb = sc_test_db_new (data);
  g_autoptr (ScCentralDb) db = sc_test_db_open (tdb);
  g_autoptr (ScTestDevice) device = sc_test_device_new ();
  g_autoptr (ScCentralBundle) bundle = NULL;
  GThread *threads[8];
  Race race = { 0 };

  sc_test_device_enrol (device, db, "inspector");
  bundle = make_bundle (device->id, SC_CENTRAL_CHUNK + 5, &race.fd);
  race.db = db;
  race.bundle = bundle;
  for (guint i = 0; i < G_N_ELEMENTS (threads); i++)
    threads[i] = g_thread_new ("race", race_thread, &race);
  for (guint i = 0; i < G_N_ELEMENTS (threads); i++)
    g_thread_join (threads[i]);
  g_assert_cmpint (race.failed, ==, 0);
  g_assert_cmpint (race.created, ==, 1);
  assert_counts (db, 1, 2, 2);
  close (race.fd);
}

/* Marks the database as made by a newer program, behind its back. */
static void
bump_schema (ScTestDb *tdb)
{
  if (tdb->dir != NULL)
    {
      g_autofree char *path = g_build_filename (tdb->dir, "central.db", NULL);
      g_autofree char *key_path = g_strconcat (path, ".key", NULL);
      g_autofree char *key = NULL;
      g_autofree char *sql = NULL;
      sqlite3 *db = NULL;

      g_assert_true (g_file_get_contents (key_path, &key, NULL, NULL));
      g_strstrip (key);
      sql = g_strdup_printf ("PRAGMA key = \"x'%s'\"; PRAGMA cipher_page_size = 4096;"
                             " PRAGMA user_version = 99;", key);
      g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
      g_assert_cmpint (sqlite3_exec (db, sql, NULL, NULL, NULL), ==, SQLITE_OK);
      sqlite3_close (db);
    }
  else
    {
      g_autofree char *conninfo = g_strdup_printf (
        "host=%s port=%s user=scrutineer dbname=%s", g_getenv ("SC_TEST_PG_HOST"),
        g_getenv ("SC_TEST_PG_PORT"), tdb->pg_name);
      PGconn *conn = PQconnectdb (conninfo);
      PGresult *result;

      g_assert_cmpint (PQstatus (conn), ==, CONNECTION_OK);
      result = PQexec (conn, "INSERT INTO central_schema (version) VALUES (99)");
      g_assert_cmpint (PQresultStatus (result), ==, PGRES_COMMAND_OK);
      PQclear (result);
      PQfinish (conn);
    }
}

/* Migrations: a database from a newer program is refused, untouched. */
static void
test_too_new (gconstpointer data)
{
  g_autoptr (ScTestDb) tdb = sc_test_db_new (data);
  g_autoptr (ScCentralDb) db = sc_test_db_open (tdb);
  g_autoptr (GError) error = NULL;

  g_clear_pointer (&db, sc_central_db_close);
  bump_schema (tdb);
  g_assert_null (sc_central_db_open (tdb->url, NULL, &error));
  g_assert_error (error, SC_CENTRAL_ERROR, SC_CENTRAL_ERROR_TOO_NEW);
  g_assert_nonnull (strstr (error->message, "newer"));
}

int
main (int    argc,
      char **argv)
{
  g_autoptr (GPtrArray) backends = sc_test_backends ();

  g_test_init (&argc, &argv, NULL);
  g_assert_cmpint (sodium_init (), >=, 0);
  g_test_add_func ("/central/db/sqlite/encrypted", test_sqlite_encrypted);
  g_test_add_func ("/central/db/bad-url", test_bad_url);
  g_test_add_func ("/central/db/redact", test_redact);
  for (guint i = 0; i < backends->len; i++)
    {
      const char *backend = g_ptr_array_index (backends, i);
      const struct
      {
        const char *name;
        GTestDataFunc func;
      } cases[] = {
        { "open", test_open },
        { "too-new", test_too_new },
        { "enrol", test_enrol },
        { "nonces", test_nonces },
        { "put-bundle", test_put_bundle },
        { "put-with-nonce", test_put_with_nonce },
        { "put-is-atomic", test_put_is_atomic },
        { "put-race", test_put_race },
      };

      for (guint j = 0; j < G_N_ELEMENTS (cases); j++)
        {
          g_autofree char *path = g_strdup_printf ("/central/db/%s/%s", backend, cases[j].name);

          g_test_add_data_func (path, backend, cases[j].func);
        }
    }
  return g_test_run ();
}
