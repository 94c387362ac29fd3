/* test-store.c: the encrypted store keeps data safe, and only opens for its key
 *
 * Copyright 2026 The Scrutineer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <gio/gio.h>
#include <glib/gstdio.h>
#include <locale.h>
#include <signal.h>
#include <string.h>
#include <stdlib.h>
#include <sys/wait.h>

#include "sc-answer.h"
#include "sc-demo.h"
#include "sc-model.h"
#include "sc-store-private.h"
#include "sc-test-util.h"

#define PASSPHRASE "correct horse battery staple"
#define MARKER "Zebedee-Marker-7731"

typedef struct
{
  char *dir;
  ScSecret *passphrase;
} Fixture;

static void
fixture_set_up (Fixture      *f,
                gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *base = g_dir_make_tmp ("scrutineer-store-XXXXXX", &error);

  g_assert_no_error (error);
  f->dir = g_build_filename (base, "store", NULL);
  f->passphrase = sc_secret_new_from_text (PASSPHRASE, -1);
}

static void
fixture_tear_down (Fixture      *f,
                   gconstpointer data)
{
  g_autofree char *base = g_path_get_dirname (f->dir);

  sc_test_remove_tree (base);
  g_free (f->dir);
  sc_secret_free (f->passphrase);
}

static ScStore *
create_store (Fixture   *f,
              ScSecret **code)
{
  g_autoptr (GError) error = NULL;
  ScStore *store = sc_store_create (f->dir, f->passphrase, SC_KDF_INTERACTIVE, "Ann Lead",
                                    "lead", code, &error);

  g_assert_no_error (error);
  g_assert_nonnull (store);
  return store;
}

static ScStore *
open_store (Fixture *f)
{
  g_autoptr (GError) error = NULL;
  ScStore *store = sc_store_open (f->dir, f->passphrase, &error);

  g_assert_no_error (error);
  g_assert_nonnull (store);
  return store;
}

/* An inspection on the 2012 framework with one record the owner reads. */
static char *
add_reading (ScStore *store,
             char   **inspection_out)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (ScFramework) framework = sc_framework_load_builtin ("ci-joint-children-2012", &error);
  g_autofree char *framework_row = sc_store_import_framework (store, framework, &error);
  ScInspection spec = { .framework = framework_row, .title = (char *) "Test inspection",
                        .double_read_fraction = 0.2 };
  g_autofree char *inspection = sc_store_create_inspection (store, &spec, &error);
  const char *cohorts[] = { "tracked", NULL };
  g_autofree char *record = sc_store_add_record (store, inspection, "R-0001", cohorts, "5-11",
                                                 "voluntary", &error);
  g_autoptr (ScReading) reading = sc_store_open_reading (store, record,
                                                         sc_store_get_owner_id (store), &error);

  g_assert_no_error (error);
  if (inspection_out != NULL)
    *inspection_out = g_steal_pointer (&inspection);
  return g_strdup (reading->id);
}

/* Every file in the store directory: name -> SHA-256 of its bytes. */
static GHashTable *
hash_files (const char *dir)
{
  GHashTable *hashes = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  g_autoptr (GDir) d = g_dir_open (dir, 0, NULL);
  const char *name;

  while ((name = g_dir_read_name (d)) != NULL)
    {
      g_autofree char *path = g_build_filename (dir, name, NULL);
      g_autofree char *contents = NULL;
      gsize len;

      g_assert_true (g_file_get_contents (path, &contents, &len, NULL));
      g_hash_table_insert (hashes, g_strdup (name),
                           g_compute_checksum_for_data (G_CHECKSUM_SHA256, (guchar *) contents,
                                                        len));
    }
  return hashes;
}

static void
assert_same_files (GHashTable *before,
                   GHashTable *after)
{
  GHashTableIter iter;
  gpointer name, hash;

  g_assert_cmpuint (g_hash_table_size (before), ==, g_hash_table_size (after));
  g_hash_table_iter_init (&iter, before);
  while (g_hash_table_iter_next (&iter, &name, &hash))
    g_assert_cmpstr (g_hash_table_lookup (after, name), ==, hash);
}

static gboolean
memory_contains (const char *haystack,
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
assert_no_plaintext (const char *dir)
{
  g_autoptr (GDir) d = g_dir_open (dir, 0, NULL);
  const char *name;
  guint files = 0;

  while ((name = g_dir_read_name (d)) != NULL)
    {
      g_autofree char *path = g_build_filename (dir, name, NULL);
      g_autofree char *contents = NULL;
      gsize len;

      g_assert_true (g_file_get_contents (path, &contents, &len, NULL));
      g_test_message ("%s: %" G_GSIZE_FORMAT " bytes", name, len);
      g_assert_false (len >= 16 && memcmp (contents, "SQLite format 3", 15) == 0);
      g_assert_false (memory_contains (contents, len, MARKER));
      g_assert_false (memory_contains (contents, len, "R-0001"));
      files++;
    }
  g_assert_cmpuint (files, >=, 3);
}

static void
test_no_plaintext (Fixture      *f,
                   gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  ScStore *store = create_store (f, NULL);
  g_autofree char *reading = add_reading (store, NULL);
  g_autofree char *wal = g_build_filename (f->dir, "store.db-wal", NULL);

  g_assert_true (sc_store_set_answer (store, reading, "overall-reasons", MARKER,
                                      "evidence " MARKER, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (sc_store_get_cipher_version (store), ==, "3.4.1");
  /* While open, the committed change sits in the WAL: encrypted too. */
  g_assert_true (g_file_test (wal, G_FILE_TEST_EXISTS));
  assert_no_plaintext (f->dir);
  sc_store_close (store);
  assert_no_plaintext (f->dir);

  store = open_store (f);
  {
    g_autoptr (GHashTable) answers = sc_store_get_answers (store, reading, &error);
    ScAnswer *answer = g_hash_table_lookup (answers, "overall-reasons");

    g_assert_nonnull (answer);
    g_assert_cmpstr (answer->value, ==, MARKER);
    g_assert_cmpstr (answer->evidence, ==, "evidence " MARKER);
  }
  sc_store_close (store);
}

static void
test_file_modes (Fixture      *f,
                 gconstpointer data)
{
  ScStore *store = create_store (f, NULL);
  const char * const names[] = { "store.db", "store.key" };
  GStatBuf st;

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      g_autofree char *path = g_build_filename (f->dir, names[i], NULL);

      g_assert_cmpint (g_stat (path, &st), ==, 0);
      g_assert_cmpint (st.st_mode & 0777, ==, 0600);
    }
  g_assert_cmpint (g_stat (f->dir, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0700);
  sc_store_close (store);
}

static void
test_wrong_passphrase (Fixture      *f,
                       gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (ScSecret) wrong = sc_secret_new_from_text ("correct horse battery stapler", -1);
  ScStore *store = create_store (f, NULL);
  g_autofree char *reading = add_reading (store, NULL);
  g_autoptr (GHashTable) before = NULL;
  g_autoptr (GHashTable) after = NULL;

  sc_store_close (store);
  before = hash_files (f->dir);
  store = sc_store_open (f->dir, wrong, &error);
  g_assert_null (store);
  g_assert_error (error, SC_STORE_ERROR, SC_STORE_ERROR_WRONG_PASSPHRASE);
  g_assert_nonnull (strstr (error->message, "Wrong passphrase"));
  after = hash_files (f->dir);
  assert_same_files (before, after);
}

static void
test_recovery_code (Fixture      *f,
                    gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (ScSecret) code = NULL;
  g_autoptr (ScSecret) sloppy = NULL;
  g_autoptr (ScSecret) wrong = sc_secret_new_from_text ("AAAA-BBBB-CCCC-DDDD-EEEE-FFFF", -1);
  g_autoptr (ScSecret) garbage = sc_secret_new_from_text ("not a code", -1);
  g_autoptr (ScSecret) key = NULL;
  ScStore *store = create_store (f, &code);
  g_autofree char *lower = NULL;

  sc_store_close (store);
  g_assert_cmpuint (code->len, ==, 29);
  g_assert_true (g_regex_match_simple ("^([A-Z2-7]{4}-){5}[A-Z2-7]{4}$",
                                       (const char *) code->data, 0, 0));

  /* Typed in lower case without dashes, it still opens. */
  lower = g_ascii_strdown ((const char *) code->data, -1);
  g_strdelimit (lower, "-", ' ');
  sloppy = sc_secret_new_from_text (lower, -1);
  key = sc_store_derive_key_with_recovery (f->dir, sloppy, &error);
  g_assert_no_error (error);
  store = sc_store_open_with_key (f->dir, key, &error);
  g_assert_no_error (error);
  sc_store_close (store);

  g_clear_pointer (&key, sc_secret_free);
  key = sc_store_derive_key_with_recovery (f->dir, wrong, &error);
  g_assert_null (key);
  g_assert_error (error, SC_STORE_ERROR, SC_STORE_ERROR_WRONG_PASSPHRASE);
  g_clear_error (&error);
  key = sc_store_derive_key_with_recovery (f->dir, garbage, &error);
  g_assert_null (key);
  g_assert_error (error, SC_STORE_ERROR, SC_STORE_ERROR_WRONG_PASSPHRASE);
  g_assert_nonnull (strstr (error->message, "not a recovery code"));
}

static char *
read_salt (const char *dir)
{
  g_autofree char *path = g_build_filename (dir, "store.db", NULL);
  g_autofree char *contents = NULL;
  gsize len;

  g_assert_true (g_file_get_contents (path, &contents, &len, NULL));
  g_assert_cmpuint (len, >=, 16);
  return g_compute_checksum_for_data (G_CHECKSUM_SHA256, (guchar *) contents, 16);
}

static void
test_change_passphrase (Fixture      *f,
                        gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (ScSecret) code = NULL;
  g_autoptr (ScSecret) fresh = sc_secret_new_from_text ("a brand new passphrase", -1);
  g_autoptr (ScSecret) weak = sc_secret_new_from_text ("short", -1);
  g_autoptr (ScSecret) key = NULL;
  ScStore *store = create_store (f, &code);
  g_autofree char *reading = add_reading (store, NULL);
  g_autofree char *salt_before = NULL;
  g_autofree char *salt_after = NULL;

  g_assert_true (sc_store_set_answer (store, reading, "overall-reasons", "kept", NULL, NULL,
                                      &error));
  g_assert_false (sc_store_change_passphrase (store, weak, &error));
  g_assert_error (error, SC_STORE_ERROR, SC_STORE_ERROR_WEAK_PASSPHRASE);
  g_clear_error (&error);
  salt_before = read_salt (f->dir);
  g_assert_true (sc_store_change_passphrase (store, fresh, &error));
  g_assert_no_error (error);
  sc_store_close (store);
  /* The database was not re-encrypted: its salt (first page header) is the same. */
  salt_after = read_salt (f->dir);
  g_assert_cmpstr (salt_before, ==, salt_after);

  store = sc_store_open (f->dir, f->passphrase, &error);
  g_assert_null (store);
  g_assert_error (error, SC_STORE_ERROR, SC_STORE_ERROR_WRONG_PASSPHRASE);
  g_clear_error (&error);

  store = sc_store_open (f->dir, fresh, &error);
  g_assert_no_error (error);
  {
    g_autoptr (GHashTable) answers = sc_store_get_answers (store, reading, &error);

    g_assert_cmpstr (((ScAnswer *) g_hash_table_lookup (answers, "overall-reasons"))->value, ==,
                     "kept");
  }
  sc_store_close (store);

  /* The recovery code still opens the store after the change. */
  key = sc_store_derive_key_with_recovery (f->dir, code, &error);
  g_assert_no_error (error);
  g_assert_nonnull (key);
}

static void
test_weak_passphrase_refused (Fixture      *f,
                              gconstpointer data)
{
  const char * const weak[] = { "", "short", "aaaaaaaaaaaaaaa", "abababababab" };

  for (guint i = 0; i < G_N_ELEMENTS (weak); i++)
    {
      g_autoptr (GError) error = NULL;
      g_autoptr (ScSecret) secret = sc_secret_new_from_text (weak[i], -1);
      ScStore *store = sc_store_create (f->dir, secret, SC_KDF_INTERACTIVE, "Ann", "lead", NULL,
                                        &error);

      g_assert_null (store);
      g_assert_error (error, SC_STORE_ERROR, SC_STORE_ERROR_WEAK_PASSPHRASE);
      g_assert_false (sc_store_exists (f->dir));
    }
}

static void
test_refuses_overwrite (Fixture      *f,
                        gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  ScStore *store = create_store (f, NULL);
  g_autoptr (GHashTable) before = NULL;
  g_autoptr (GHashTable) after = NULL;

  sc_store_close (store);
  before = hash_files (f->dir);
  store = sc_store_create (f->dir, f->passphrase, SC_KDF_INTERACTIVE, "Bob", "lead", NULL,
                           &error);
  g_assert_null (store);
  g_assert_error (error, SC_STORE_ERROR, SC_STORE_ERROR_EXISTS);
  after = hash_files (f->dir);
  assert_same_files (before, after);
}

static void
test_already_open (Fixture      *f,
                   gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  ScStore *store = create_store (f, NULL);
  ScStore *second = sc_store_open (f->dir, f->passphrase, &error);

  g_assert_null (second);
  g_assert_error (error, SC_STORE_ERROR, SC_STORE_ERROR_ALREADY_OPEN);
  g_assert_nonnull (strstr (error->message, "already open"));
  sc_store_close (store);
  /* Once closed, it opens again. */
  second = open_store (f);
  sc_store_close (second);
}

static void
test_newer_schema_refused (Fixture      *f,
                           gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  ScStore *store = create_store (f, NULL);
  g_autoptr (GHashTable) before = NULL;
  g_autoptr (GHashTable) after = NULL;

  g_assert_true (sc_store_exec (store, "PRAGMA user_version = 99", &error));
  sc_store_close (store);
  before = hash_files (f->dir);
  store = sc_store_open (f->dir, f->passphrase, &error);
  g_assert_null (store);
  g_assert_error (error, SC_STORE_ERROR, SC_STORE_ERROR_TOO_NEW);
  g_assert_nonnull (strstr (error->message, "newer version"));
  after = hash_files (f->dir);
  assert_same_files (before, after);
}

static void
test_mismatched_key_file (Fixture      *f,
                          gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *other = g_strconcat (f->dir, "-other", NULL);
  g_autofree char *key = g_build_filename (f->dir, "store.key", NULL);
  g_autofree char *other_key = g_build_filename (other, "store.key", NULL);
  g_autofree char *contents = NULL;
  gsize len;
  ScStore *store = create_store (f, NULL);

  sc_store_close (store);
  store = sc_store_create (other, f->passphrase, SC_KDF_INTERACTIVE, "Bob", "lead", NULL, &error);
  g_assert_no_error (error);
  sc_store_close (store);

  /* Same passphrase, but the other store's key file: not "wrong passphrase". */
  g_assert_true (g_file_get_contents (other_key, &contents, &len, NULL));
  g_assert_true (g_file_set_contents (key, contents, (gssize) len, NULL));
  store = sc_store_open (f->dir, f->passphrase, &error);
  g_assert_null (store);
  g_assert_error (error, SC_STORE_ERROR, SC_STORE_ERROR_MISMATCH);
  g_assert_nonnull (strstr (error->message, "do not belong together"));
  sc_test_remove_tree (other);
}

static void
test_migration_from_first_schema (Fixture      *f,
                                  gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  ScStore *store = sc_store_create_at_version_for_testing (f->dir, f->passphrase, 1, &error);
  g_autofree char *inspection = NULL;
  g_autofree char *reading = NULL;
  g_autofree char *group = NULL;
  g_autofree char *note = NULL;
  sqlite3_stmt *stmt;
  ScFocusGroup spec = { .participants_kind = (char *) "social workers",
                        .participants_count = 5 };

  g_assert_no_error (error);
  g_assert_cmpint (sc_store_get_schema_version (store), ==, 1);
  reading = add_reading (store, &inspection);
  spec.inspection = inspection;
  group = sc_store_add_focus_group (store, &spec, &error);
  note = sc_store_add_note (store, group, "Supervision is reflective and regular",
                            SC_NOTE_STRENGTH, "7.2", &error);
  g_assert_true (sc_store_set_answer (store, reading, "overall-reasons", "x",
                                      "Chronology missing entirely", NULL, &error));
  g_assert_no_error (error);
  sc_store_close (store);

  /* Opening with this program migrates to the current schema, keeping the data
   * and indexing what was there for search. */
  store = open_store (f);
  g_assert_cmpint (sc_store_get_schema_version (store), ==, SC_STORE_SCHEMA_VERSION);
  stmt = sc_store_prepare (store, "SELECT count(*) FROM note_fts WHERE note_fts MATCH ?", &error);
  sc_bind_text (stmt, 1, "reflective");
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  g_assert_cmpint (sqlite3_column_int (stmt, 0), ==, 1);
  sqlite3_reset (stmt);
  /* Edits keep the index in step. */
  g_assert_true (sc_store_update_note (store, note, "Supervision is rare", SC_NOTE_IMPROVEMENT,
                                       "7.2", &error));
  g_assert_no_error (error);
  sc_bind_text (stmt, 1, "reflective");
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  g_assert_cmpint (sqlite3_column_int (stmt, 0), ==, 0);
  sqlite3_reset (stmt);
  sc_bind_text (stmt, 1, "rare");
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  g_assert_cmpint (sqlite3_column_int (stmt, 0), ==, 1);
  sqlite3_reset (stmt);
  {
    g_autoptr (GHashTable) answers = sc_store_get_answers (store, reading, &error);

    g_assert_cmpstr (((ScAnswer *) g_hash_table_lookup (answers, "overall-reasons"))->evidence,
                     ==, "Chronology missing entirely");
  }
  g_assert_true (sc_store_check (store, NULL, &error));
  sc_store_close (store);
}

static void
test_disk_full (Fixture      *f,
                gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  ScStore *store = create_store (f, NULL);
  g_autofree char *reading = add_reading (store, NULL);
  g_autofree char *big = g_strnfill (3000, 'x');
  guint saved = 0;
  sqlite3_stmt *stmt;
  int pages = 0;

  stmt = sc_store_prepare (store, "PRAGMA page_count", &error);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  pages = sqlite3_column_int (stmt, 0);
  sqlite3_reset (stmt);
  sc_store_limit_pages_for_testing (store, pages + 3);

  for (guint i = 0; i < 200; i++)
    {
      g_autofree char *question = g_strdup_printf ("q%u", i);

      if (!sc_store_set_answer (store, reading, question, "v", big, NULL, &error))
        break;
      saved++;
    }
  g_assert_error (error, SC_STORE_ERROR, SC_STORE_ERROR_DISK_FULL);
  g_assert_nonnull (strstr (error->message, "disk is full"));
  g_assert_cmpuint (saved, >, 0);
  g_clear_error (&error);
  sc_store_close (store);

  /* Everything acknowledged is still there, and the database is sound. */
  store = open_store (f);
  {
    g_autoptr (GHashTable) answers = sc_store_get_answers (store, reading, &error);

    g_assert_cmpuint (g_hash_table_size (answers), ==, saved);
  }
  g_assert_true (sc_store_check (store, NULL, &error));
  g_assert_no_error (error);
  sc_store_close (store);
}

/* A child process saves answers as fast as it can and says which it has;
 * killed mid-stream, nothing it acknowledged may be missing. */
static void
test_kill_during_saves (Fixture      *f,
                        gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  ScStore *store = create_store (f, NULL);
  g_autofree char *reading = add_reading (store, NULL);
  g_autofree char *helper = g_test_build_filename (G_TEST_BUILT, "store", "save-stream", NULL);
  g_autofree char *pass_file = g_build_filename (f->dir, "..", "pass", NULL);
  const char *argv[] = { helper, f->dir, pass_file, reading, NULL };
  g_autoptr (GSubprocess) child = NULL;
  g_autoptr (GDataInputStream) lines = NULL;
  int acknowledged = -1;
  char *line;

  sc_store_close (store);
  g_assert_true (g_file_set_contents (pass_file, PASSPHRASE "\n", -1, NULL));
  child = g_subprocess_newv (argv, G_SUBPROCESS_FLAGS_STDOUT_PIPE, &error);
  g_assert_no_error (error);
  lines = g_data_input_stream_new (g_subprocess_get_stdout_pipe (child));
  while ((line = g_data_input_stream_read_line (lines, NULL, NULL, &error)) != NULL)
    {
      acknowledged = atoi (line);
      g_free (line);
      if (acknowledged >= 150)
        break;
    }
  g_subprocess_send_signal (child, SIGKILL);
  g_subprocess_wait (child, NULL, NULL);
  g_assert_cmpint (acknowledged, >=, 150);
  g_unlink (pass_file);

  store = open_store (f);
  g_assert_true (sc_store_check (store, NULL, &error));
  {
    g_autoptr (GHashTable) answers = sc_store_get_answers (store, reading, &error);

    for (int i = 0; i <= acknowledged; i++)
      {
        g_autofree char *question = g_strdup_printf ("q%d", i);
        g_autofree char *value = g_strdup_printf ("value %d", i);
        ScAnswer *answer = g_hash_table_lookup (answers, question);

        g_assert_nonnull (answer);
        g_assert_cmpstr (answer->value, ==, value);
      }
  }
  sc_store_close (store);
}

static void
test_reading_lifecycle (Fixture      *f,
                        gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  ScStore *store = create_store (f, NULL);
  g_autofree char *inspection = NULL;
  g_autofree char *reading = add_reading (store, &inspection);
  g_autoptr (ScReading) after = NULL;
  g_auto (GStrv) lines = NULL;
  const char * const required[][2] = {
    { "child-age-band", "age-5-11" }, { "child-legal-status", NULL },
    { "chronology-exists", "no" }, { "assessment-exists", "no" }, { "risks-identified", "yes" }, { "plan-exists", "no" },
    { "child-views-recorded", "yes" }, { "management-oversight", "unclear" },
    { "outcomes-direction", NULL }, { "overall-evaluation", "good" },
    { "overall-reasons", "Mixed" }, { "safety-concern", "no" },
  };
  ScFramework *framework;

  g_assert_false (sc_store_submit_reading (store, reading, &error));
  g_assert_error (error, SC_STORE_ERROR, SC_STORE_ERROR_INCOMPLETE);
  lines = g_strsplit (error->message, "\n", -1);
  g_assert_cmpuint (g_strv_length (lines), >, 5);
  g_clear_error (&error);

  framework = sc_store_get_inspection_framework (store, inspection, &error);
  g_assert_nonnull (framework);
  for (guint i = 0; i < G_N_ELEMENTS (required); i++)
    {
      const ScQuestion *question = sc_framework_lookup_question (framework, required[i][0]);
      const char *given = required[i][1];
      g_autofree char *value = NULL;

      g_assert_nonnull (question);
      if (given == NULL)
        given = ((ScChoice *) g_ptr_array_index (question->choices->choices, 0))->id;
      value = sc_answer_normalise (question, given, &error);
      g_assert_no_error (error);
      g_assert_true (sc_store_set_answer (store, reading, question->id, value, NULL, NULL,
                                          &error));
    }
  g_assert_true (sc_store_submit_reading (store, reading, &error));
  g_assert_no_error (error);
  after = sc_store_get_reading (store, reading, &error);
  g_assert_cmpint (after->status, ==, SC_READING_SUBMITTED);
  g_assert_nonnull (after->submitted);

  /* Submitted is read-only until reopened, and reopening needs a reason. */
  g_assert_false (sc_store_set_answer (store, reading, "overall-reasons", "changed", NULL, NULL,
                                       &error));
  g_assert_error (error, SC_STORE_ERROR, SC_STORE_ERROR_READ_ONLY);
  g_clear_error (&error);
  g_assert_false (sc_store_reopen_reading (store, reading, "", &error));
  g_clear_error (&error);
  g_assert_true (sc_store_reopen_reading (store, reading, "Second look at the plan", &error));
  sc_store_set_answer (store, reading, "overall-reasons", "changed", NULL, NULL, &error);
  g_assert_no_error (error);
  sc_store_close (store);
}

static ScAnswer *
answer_new (const char *question,
            const char *value,
            const char *evidence)
{
  ScAnswer *answer = g_new0 (ScAnswer, 1);

  answer->question = g_strdup (question);
  answer->value = g_strdup (value);
  answer->evidence = g_strdup (evidence);
  return answer;
}

/* Many answers in one go: new ones inserted, existing ones updated. */
static void
test_bulk_answers (Fixture      *f,
                   gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  ScStore *store = create_store (f, NULL);
  g_autofree char *reading = add_reading (store, NULL);
  g_autoptr (GPtrArray) batch = g_ptr_array_new_with_free_func ((GDestroyNotify) sc_answer_free);
  g_autoptr (GHashTable) answers = NULL;

  g_assert_true (sc_store_set_answer (store, reading, "q1", "old", "kept", NULL, &error));
  g_ptr_array_add (batch, answer_new ("q1", "new", NULL));
  g_ptr_array_add (batch, answer_new ("q2", "two", "seen"));
  g_assert_true (sc_store_set_answers (store, reading, batch, &error));
  g_assert_no_error (error);
  answers = sc_store_get_answers (store, reading, &error);
  g_assert_cmpuint (g_hash_table_size (answers), ==, 2);
  g_assert_cmpstr (((ScAnswer *) g_hash_table_lookup (answers, "q1"))->value, ==, "new");
  g_assert_cmpstr (((ScAnswer *) g_hash_table_lookup (answers, "q1"))->evidence, ==, "kept");
  g_assert_cmpstr (((ScAnswer *) g_hash_table_lookup (answers, "q2"))->evidence, ==, "seen");
  sc_store_close (store);
}

/* A batch is all or nothing: a failed step inside it undoes the whole batch. */
static void
test_batch_all_or_nothing (Fixture      *f,
                           gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  ScStore *store = create_store (f, NULL);
  g_autofree char *inspection = NULL;
  g_autofree char *reading = add_reading (store, &inspection);
  g_autofree char *record = NULL;
  g_autoptr (GPtrArray) records = NULL;
  const char *cohorts[] = { "audited", NULL };

  g_assert_true (sc_store_begin (store, &error));
  record = sc_store_add_record (store, inspection, "R-0002", cohorts, "", "", &error);
  g_assert_nonnull (record);
  /* A bad role is refused before any SQL; a missing member fails in SQL... */
  g_assert_null (sc_store_add_member (store, "Bad", "chief", &error));
  g_clear_error (&error);
  g_assert_null (sc_store_assign (store, record, "no-such-member", "primary", &error));
  g_clear_error (&error);
  /* ...so the batch as a whole does not commit. */
  g_assert_false (sc_store_finish (store, TRUE, &error));
  g_assert_error (error, SC_STORE_ERROR, SC_STORE_ERROR_FAILED);
  records = sc_store_list_records (store, inspection, NULL);
  g_assert_cmpuint (records->len, ==, 1);
  /* And the store takes new changes afterwards. */
  g_clear_pointer (&record, g_free);
  record = sc_store_add_record (store, inspection, "R-0003", cohorts, "", "", NULL);
  g_assert_nonnull (record);
  sc_store_close (store);
}

/* A withdrawn assignment and its empty reading come back when the reader
 * opens the record again, instead of clashing with the old rows. */
static void
test_reopen_withdrawn_assignment (Fixture      *f,
                                  gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  ScStore *store = create_store (f, NULL);
  g_autofree char *reading = add_reading (store, NULL);
  g_autoptr (ScReading) first = sc_store_get_reading (store, reading, &error);
  g_autoptr (ScReading) again = NULL;

  g_assert_true (sc_store_exec (store, "UPDATE assignment SET deleted = 1;"
                                       "UPDATE reading SET deleted = 1", &error));
  again = sc_store_open_reading (store, first->record, sc_store_get_owner_id (store), &error);
  g_assert_no_error (error);
  g_assert_cmpstr (again->id, ==, reading);
  g_assert_cmpstr (again->assignment, ==, first->assignment);
  g_assert_true (sc_store_set_answer (store, reading, "overall-reasons", "back", NULL, NULL,
                                      &error));
  g_assert_no_error (error);
  sc_store_close (store);
}

static void
test_audit_is_append_only (Fixture      *f,
                           gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  ScStore *store = create_store (f, NULL);
  g_autofree char *reading = add_reading (store, NULL);
  sqlite3_stmt *stmt;
  int before;

  g_assert_true (sc_store_set_answer (store, reading, "overall-reasons", "x", NULL, NULL,
                                      &error));
  stmt = sc_store_prepare (store, "SELECT count(*) FROM audit WHERE action = 'answer'", &error);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  before = sqlite3_column_int (stmt, 0);
  sqlite3_reset (stmt);
  g_assert_cmpint (before, ==, 1);
  g_assert_false (sc_store_exec (store, "DELETE FROM audit", &error));
  g_clear_error (&error);
  g_assert_false (sc_store_exec (store, "UPDATE audit SET action = 'x'", &error));
  g_clear_error (&error);
  sc_store_close (store);
}

static void
test_concerns (Fixture      *f,
               gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  ScStore *store = create_store (f, NULL);
  g_autofree char *inspection = NULL;
  g_autofree char *reading = add_reading (store, &inspection);
  g_autofree char *concern = sc_store_raise_concern (store, inspection, NULL,
                                                     "Child left alone overnight", &error);
  g_autoptr (GPtrArray) list = NULL;
  ScConcern *c;

  g_assert_no_error (error);
  g_assert_false (sc_store_close_concern (store, concern, "done", &error));
  g_assert_error (error, SC_STORE_ERROR, SC_STORE_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_true (sc_store_pass_on_concern (store, concern, "Named contact", NULL, &error));
  g_assert_true (sc_store_close_concern (store, concern, "Visit made the same day", &error));
  g_assert_no_error (error);
  list = sc_store_list_concerns (store, inspection, &error);
  g_assert_cmpuint (list->len, ==, 1);
  c = g_ptr_array_index (list, 0);
  g_assert_cmpint (c->status, ==, SC_CONCERN_CLOSED);
  g_assert_cmpstr (c->passed_to, ==, "Named contact");
  g_assert_cmpstr (c->outcome, ==, "Visit made the same day");
  g_assert_nonnull (c->passed_on_at);
  g_assert_nonnull (c->closed_at);
  sc_store_close (store);
}

static void
test_demo (Fixture      *f,
           gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  ScStore *store = create_store (f, NULL);
  g_autofree char *inspection = NULL;
  g_autoptr (GHashTable) counts = NULL;
  g_autoptr (GPtrArray) records = NULL;
  g_autoptr (GHashTable) cohorts = g_hash_table_new (g_str_hash, g_str_equal);
  guint second = 0;

  g_assert_true (sc_demo_create (store, 40, 7, NULL, NULL, &inspection, &error));
  g_assert_no_error (error);
  g_assert_true (sc_store_check (store, &counts, &error));
  g_assert_cmpint (GPOINTER_TO_INT (g_hash_table_lookup (counts, "record")), ==, 40);
  g_assert_cmpint (GPOINTER_TO_INT (g_hash_table_lookup (counts, "member")), ==, 4);
  g_assert_cmpint (GPOINTER_TO_INT (g_hash_table_lookup (counts, "concern")), ==, 1);
  g_assert_cmpint (GPOINTER_TO_INT (g_hash_table_lookup (counts, "focus_group")), ==, 3);
  g_assert_cmpint (GPOINTER_TO_INT (g_hash_table_lookup (counts, "answer")), >, 200);

  records = sc_store_list_records (store, inspection, &error);
  for (guint i = 0; i < records->len; i++)
    {
      ScRecord *record = g_ptr_array_index (records, i);
      g_autoptr (GPtrArray) readings = sc_store_list_readings (store, record->id, &error);

      g_hash_table_add (cohorts, record->cohorts[0]);
      for (guint r = 0; r < readings->len; r++)
        {
          ScReading *reading = g_ptr_array_index (readings, r);

          if (g_str_equal (reading->kind, "second"))
            {
              second++;
              g_assert_cmpstr (reading->reader, !=,
                               ((ScReading *) g_ptr_array_index (readings, 0))->reader);
            }
        }
    }
  /* 20% double read, never by the primary reader, across all cohorts. */
  g_assert_cmpuint (second, ==, 8);
  g_assert_cmpuint (g_hash_table_size (cohorts), ==, 3);
  sc_store_close (store);
}

int
main (int    argc,
      char **argv)
{
  setlocale (LC_ALL, "C.UTF-8");
  g_test_init (&argc, &argv, NULL);
  g_assert_true (sc_crypto_init (NULL));

#define ADD(path, func) \
  g_test_add ("/store/" path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("no-plaintext", test_no_plaintext);
  ADD ("file-modes", test_file_modes);
  ADD ("wrong-passphrase", test_wrong_passphrase);
  ADD ("recovery-code", test_recovery_code);
  ADD ("change-passphrase", test_change_passphrase);
  ADD ("weak-passphrase", test_weak_passphrase_refused);
  ADD ("refuses-overwrite", test_refuses_overwrite);
  ADD ("already-open", test_already_open);
  ADD ("newer-schema", test_newer_schema_refused);
  ADD ("mismatched-key-file", test_mismatched_key_file);
  ADD ("migration-from-first-schema", test_migration_from_first_schema);
  ADD ("disk-full", test_disk_full);
  ADD ("kill-during-saves", test_kill_during_saves);
  ADD ("reading-lifecycle", test_reading_lifecycle);
  ADD ("bulk-answers", test_bulk_answers);
  ADD ("batch-all-or-nothing", test_batch_all_or_nothing);
  ADD ("reopen-withdrawn-assignment", test_reopen_withdrawn_assignment);
  ADD ("audit-append-only", test_audit_is_append_only);
  ADD ("concerns", test_concerns);
  ADD ("demo", test_demo);
#undef ADD

  return g_test_run ();
}
