/* bench-store.c: the encrypted store against plain SQLite, in the same run
 *
 * Copyright 2026 The Scrutineer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * (a) saving one answer, as an inspector's pause triggers it: median and
 *     99th percentile, against the same update-or-insert on plain SQLite
 *     (the same SQLCipher library opened without a key, same pragmas);
 * (b) a national year of answers (32 inspections x 100 records x 2 readings
 *     x 40 answers) through the store's bulk path, against bare inserts of
 *     the same rows into plain SQLite, and into SQLCipher;
 * (c) unlocking: key derivation, then opening the database with the key,
 *     against opening the plain database.
 *
 * Usage: bench-store [--quick] [save|bulk|unlock]
 *   --quick shrinks (b) to 2 inspections; a part's name runs only that part.
 */
#include <glib/gstdio.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "sc-model.h"
#include "sc-test-util.h"
#include "sc-store-private.h"

#define PASSPHRASE "benchmark passphrase, long enough"
#define SAVES 2000
#define RECORDS 100
#define READINGS 2
#define ANSWERS 40

static void
exec_or_die (sqlite3    *db,
             const char *sql)
{
  char *message = NULL;

  if (sqlite3_exec (db, sql, NULL, NULL, &message) != SQLITE_OK)
    g_error ("%s: %s", sql, message);
}

/* The baseline: same library, no key, same pragmas, a table of the same shape. */
static sqlite3 *
open_plain (const char *path,
            gboolean    encrypted)
{
  sqlite3 *db = NULL;

  g_assert (sqlite3_open (path, &db) == SQLITE_OK);
  if (encrypted)
    {
      exec_or_die (db, "PRAGMA key = \"x'2DD29CA851E7B56E4697B0E1F08507293D761A05CE4D1B628663F411A8086D99'\"");
      exec_or_die (db, "PRAGMA cipher_page_size = 4096");
    }
  else
    exec_or_die (db, "PRAGMA page_size = 4096");
  exec_or_die (db, "PRAGMA journal_mode = WAL; PRAGMA synchronous = FULL;"
                   " PRAGMA temp_store = MEMORY; PRAGMA cache_size = -65536;"
                   "CREATE TABLE IF NOT EXISTS answer (id TEXT PRIMARY KEY NOT NULL,"
                   " rev INTEGER NOT NULL, origin TEXT NOT NULL, deleted INTEGER NOT NULL DEFAULT 0,"
                   " reading TEXT NOT NULL, question TEXT NOT NULL, value TEXT,"
                   " evidence TEXT NOT NULL DEFAULT '', indicators TEXT NOT NULL DEFAULT '',"
                   " updated TEXT NOT NULL, UNIQUE (reading, question))");
  return db;
}

static ScStore *
make_store (const char *dir,
            char      **reading_out)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (ScSecret) passphrase = sc_secret_new_from_text (PASSPHRASE, -1);
  ScStore *store = sc_store_create (dir, passphrase, SC_KDF_INTERACTIVE, "Bench", "lead", NULL,
                                    &error);
  g_autoptr (ScFramework) framework = sc_framework_load_builtin ("ci-joint-children-2012",
                                                                 &error);
  g_autofree char *framework_row = NULL;
  ScInspection spec = { .title = (char *) "Bench", .double_read_fraction = 0.2 };
  g_autofree char *inspection = NULL;
  g_autofree char *record = NULL;
  g_autoptr (ScReading) reading = NULL;
  const char *cohorts[] = { "tracked", NULL };

  g_assert (store != NULL);
  framework_row = sc_store_import_framework (store, framework, &error);
  spec.framework = framework_row;
  inspection = sc_store_create_inspection (store, &spec, &error);
  record = sc_store_add_record (store, inspection, "R-1", cohorts, "", "", &error);
  reading = sc_store_open_reading (store, record, sc_store_get_owner_id (store), &error);
  g_assert (reading != NULL);
  *reading_out = g_strdup (reading->id);
  return store;
}

static void
bench_save (const char *dir)
{
  g_autofree char *store_dir = g_build_filename (dir, "save", NULL);
  g_autofree char *plain_path = g_build_filename (dir, "save-plain.db", NULL);
  g_autofree char *reading = NULL;
  ScStore *store = make_store (store_dir, &reading);
  sqlite3 *plain = open_plain (plain_path, FALSE);
  sqlite3_stmt *update = NULL, *insert = NULL;
  static double store_ms[SAVES], plain_ms[SAVES];

  sqlite3_prepare_v2 (plain,
                      "UPDATE answer SET value = ?, rev = rev + 1, updated = ?"
                      " WHERE reading = 'r' AND question = ?", -1, &update, NULL);
  sqlite3_prepare_v2 (plain,
                      "INSERT INTO answer (id, rev, origin, reading, question, value, updated)"
                      " VALUES (?, 1, 'o', 'r', ?, ?, ?)", -1, &insert, NULL);

  for (int i = 0; i < SAVES; i++)
    {
      g_autofree char *question = g_strdup_printf ("q%d", i % 40);
      g_autofree char *value = g_strdup_printf ("%d", i % 6 + 1);
      g_autofree char *id = g_uuid_string_random ();
      double t0 = sc_test_now_ms ();
      g_autoptr (GError) error = NULL;

      if (!sc_store_set_answer (store, reading, question, value, NULL, NULL, &error))
        g_error ("%s", error->message);
      store_ms[i] = sc_test_now_ms () - t0;

      t0 = sc_test_now_ms ();
      exec_or_die (plain, "BEGIN IMMEDIATE");
      sqlite3_bind_text (update, 1, value, -1, SQLITE_TRANSIENT);
      sqlite3_bind_text (update, 2, "2026-01-01", -1, SQLITE_STATIC);
      sqlite3_bind_text (update, 3, question, -1, SQLITE_TRANSIENT);
      sqlite3_step (update);
      sqlite3_reset (update);
      if (sqlite3_changes (plain) == 0)
        {
          sqlite3_bind_text (insert, 1, id, -1, SQLITE_TRANSIENT);
          sqlite3_bind_text (insert, 2, question, -1, SQLITE_TRANSIENT);
          sqlite3_bind_text (insert, 3, value, -1, SQLITE_TRANSIENT);
          sqlite3_bind_text (insert, 4, "2026-01-01", -1, SQLITE_STATIC);
          sqlite3_step (insert);
          sqlite3_reset (insert);
        }
      exec_or_die (plain, "COMMIT");
      plain_ms[i] = sc_test_now_ms () - t0;
    }
  sqlite3_finalize (update);
  sqlite3_finalize (insert);
  sqlite3_close (plain);
  sc_store_close (store);

  {
    double s50 = sc_test_percentile (store_ms, SAVES, 0.5), s99 = sc_test_percentile (store_ms, SAVES, 0.99);
    double p50 = sc_test_percentile (plain_ms, SAVES, 0.5), p99 = sc_test_percentile (plain_ms, SAVES, 0.99);

    printf ("(a) saving one answer, %d saves, synchronous=FULL\n", SAVES);
    printf ("    baseline plain SQLite update-or-insert: median %.3f ms, p99 %.3f ms\n", p50, p99);
    printf ("    Scrutineer store (SQLCipher, audit, clock): median %.3f ms, p99 %.3f ms\n", s50,
            s99);
    printf ("    ratio: median %.2fx, p99 %.2fx\n", s50 / p50, s99 / p99);
  }
}

static GPtrArray *
make_answers (GRand *rand)
{
  GPtrArray *answers = g_ptr_array_new_with_free_func ((GDestroyNotify) sc_answer_free);

  for (int q = 0; q < ANSWERS; q++)
    {
      ScAnswer *answer = g_new0 (ScAnswer, 1);

      answer->question = g_strdup_printf ("question-%02d", q);
      answer->value = g_strdup_printf ("%d", g_rand_int_range (rand, 1, 7));
      /* About one answer in four carries an evidence note. */
      answer->evidence = g_strdup (g_rand_int_range (rand, 0, 4) == 0
                                     ? "The plan was reviewed on time and the child's views "
                                       "were recorded in their own words."
                                     : "");
      answer->indicators = g_strdup ("5.2");
      g_ptr_array_add (answers, answer);
    }
  return answers;
}

/* The records and readings are made first; the timed part writes the
 * answers, one transaction per inspection, as a bundle import would. */
static double
bulk_store (const char *dir,
            int         inspections)
{
  g_autofree char *store_dir = g_build_filename (dir, "bulk", NULL);
  g_autofree char *first = NULL;
  ScStore *store = make_store (store_dir, &first);
  g_autoptr (GRand) rand = g_rand_new_with_seed (1);
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) answers = make_answers (rand);
  g_autofree char *owner = g_strdup (sc_store_get_owner_id (store));
  g_autofree char *reader2 = sc_store_add_member (store, "Second", "inspector", &error);
  g_autoptr (GPtrArray) inspections_list = sc_store_list_inspections (store, &error);
  g_autoptr (GPtrArray) readings = g_ptr_array_new_with_free_func (g_free);
  ScInspection spec = { .title = (char *) "Bulk" };
  double elapsed = 0;

  spec.framework = ((ScInspection *) g_ptr_array_index (inspections_list, 0))->framework;
  for (int i = 0; i < inspections; i++)
    {
      g_autofree char *inspection = sc_store_create_inspection (store, &spec, &error);
      double t0;

      g_ptr_array_set_size (readings, 0);
      g_assert (sc_store_begin (store, &error));
      for (int r = 0; r < RECORDS; r++)
        {
          g_autofree char *ref = g_strdup_printf ("R-%04d", r);
          const char *cohorts[] = { "sampled", NULL };
          g_autofree char *record = sc_store_add_record (store, inspection, ref, cohorts, "", "",
                                                         &error);

          for (int k = 0; k < READINGS; k++)
            {
              g_autoptr (ScReading) reading = sc_store_open_reading (store, record,
                                                                     k == 0 ? owner : reader2,
                                                                     &error);

              g_ptr_array_add (readings, g_strdup (reading->id));
            }
        }
      g_assert (sc_store_finish (store, TRUE, &error));

      t0 = sc_test_now_ms ();
      g_assert (sc_store_begin (store, &error));
      for (guint r = 0; r < readings->len; r++)
        if (!sc_store_write_answers (store, g_ptr_array_index (readings, r), answers, FALSE,
                                     &error))
          g_error ("%s", error->message);
      g_assert (sc_store_finish (store, TRUE, &error));
      elapsed += sc_test_now_ms () - t0;
    }
  sc_store_close (store);
  return elapsed;
}

static double
bulk_bare (const char *path,
           gboolean    encrypted,
           int         inspections)
{
  sqlite3 *db = open_plain (path, encrypted);
  sqlite3_stmt *insert = NULL;
  g_autoptr (GRand) rand = g_rand_new_with_seed (1);
  g_autoptr (GPtrArray) answers = make_answers (rand);
  double t0 = sc_test_now_ms ();

  sqlite3_prepare_v2 (db,
                      "INSERT INTO answer (id, rev, origin, reading, question, value, evidence,"
                      " indicators, updated) VALUES (?, ?, 'o', ?, ?, ?, ?, ?, ?)",
                      -1, &insert, NULL);
  for (int i = 0; i < inspections; i++)
    {
      exec_or_die (db, "BEGIN IMMEDIATE");
      for (int r = 0; r < RECORDS * READINGS; r++)
        {
          g_autofree char *reading = g_uuid_string_random ();

          for (guint q = 0; q < answers->len; q++)
            {
              ScAnswer *answer = g_ptr_array_index (answers, q);
              g_autofree char *id = g_uuid_string_random ();

              sqlite3_bind_text (insert, 1, id, -1, SQLITE_TRANSIENT);
              sqlite3_bind_int64 (insert, 2, q + 1);
              sqlite3_bind_text (insert, 3, reading, -1, SQLITE_TRANSIENT);
              sqlite3_bind_text (insert, 4, answer->question, -1, SQLITE_STATIC);
              sqlite3_bind_text (insert, 5, answer->value, -1, SQLITE_STATIC);
              sqlite3_bind_text (insert, 6, answer->evidence, -1, SQLITE_STATIC);
              sqlite3_bind_text (insert, 7, answer->indicators, -1, SQLITE_STATIC);
              sqlite3_bind_text (insert, 8, "2026-01-01T00:00:00Z", -1, SQLITE_STATIC);
              if (sqlite3_step (insert) != SQLITE_DONE)
                g_error ("%s", sqlite3_errmsg (db));
              sqlite3_reset (insert);
            }
        }
      exec_or_die (db, "COMMIT");
    }
  t0 = sc_test_now_ms () - t0;
  sqlite3_finalize (insert);
  sqlite3_close (db);
  return t0;
}

static void
bench_bulk (const char *dir,
            int         inspections)
{
  g_autofree char *plain_path = g_build_filename (dir, "bulk-plain.db", NULL);
  g_autofree char *cipher_path = g_build_filename (dir, "bulk-cipher.db", NULL);
  int rows = inspections * RECORDS * READINGS * ANSWERS;
  double plain = bulk_bare (plain_path, FALSE, inspections);
  double cipher = bulk_bare (cipher_path, TRUE, inspections);
  double store = bulk_store (dir, inspections);

  printf ("(b) bulk: %d inspections x %d records x %d readings x %d answers = %d answers\n",
          inspections, RECORDS, READINGS, ANSWERS, rows);
  printf ("    baseline plain SQLite bare inserts: %.0f ms (%.0f answers/s)\n", plain,
          rows / plain * 1000);
  printf ("    bare SQLCipher inserts:             %.0f ms (%.2fx plain)\n", cipher,
          cipher / plain);
  printf ("    Scrutineer store, bulk answers with audit: %.0f ms (%.2fx plain)\n", store,
          store / plain);
}

static void
bench_unlock (const char *dir)
{
  g_autofree char *store_dir = g_build_filename (dir, "unlock", NULL);
  g_autofree char *plain_path = g_build_filename (dir, "unlock-plain.db", NULL);
  g_autoptr (ScSecret) passphrase = sc_secret_new_from_text (PASSPHRASE, -1);
  g_autoptr (GError) error = NULL;
  const ScKdfLevel levels[] = { SC_KDF_MODERATE, SC_KDF_INTERACTIVE };

  printf ("(c) unlock\n");
  for (guint l = 0; l < G_N_ELEMENTS (levels); l++)
    {
      g_autofree char *level_dir = g_strdup_printf ("%s-%s", store_dir,
                                                    sc_kdf_level_to_string (levels[l]));
      ScStore *store = sc_store_create (level_dir, passphrase, levels[l], "Bench", "lead", NULL,
                                        &error);
      double derive[5], open[5], plain[5];

      g_assert (store != NULL);
      sc_store_close (store);
      for (int i = 0; i < 5; i++)
        {
          double t0 = sc_test_now_ms ();
          g_autoptr (ScSecret) key = sc_store_derive_key (level_dir, passphrase, &error);
          double t1 = sc_test_now_ms ();
          sqlite3 *db;

          store = sc_store_open_with_key (level_dir, key, &error);
          g_assert (store != NULL);
          open[i] = sc_test_now_ms () - t1;
          derive[i] = t1 - t0;
          sc_store_close (store);

          t0 = sc_test_now_ms ();
          db = open_plain (plain_path, FALSE);
          exec_or_die (db, "SELECT count(*) FROM sqlite_master");
          plain[i] = sc_test_now_ms () - t0;
          sqlite3_close (db);
        }
      printf ("    %-11s key derivation median %.0f ms; opening with the key median %.2f ms"
              " (baseline plain open %.2f ms, %.1fx)\n",
              sc_kdf_level_to_string (levels[l]), sc_test_percentile (derive, 5, 0.5),
              sc_test_percentile (open, 5, 0.5), sc_test_percentile (plain, 5, 0.5),
              sc_test_percentile (open, 5, 0.5) / sc_test_percentile (plain, 5, 0.5));
    }
}

int
main (int    argc,
      char **argv)
{
  gboolean quick = FALSE;
  const char *only = NULL;
  g_autofree char *dir = g_dir_make_tmp ("scrutineer-bench-XXXXXX", NULL);

  for (int i = 1; i < argc; i++)
    {
      if (g_str_equal (argv[i], "--quick"))
        quick = TRUE;
      else
        only = argv[i];
    }
  if (only == NULL || g_str_equal (only, "save"))
    bench_save (dir);
  if (only == NULL || g_str_equal (only, "bulk"))
    bench_bulk (dir, quick ? 2 : 32);
  if (only == NULL || g_str_equal (only, "unlock"))
    bench_unlock (dir);
  sc_test_remove_tree (dir);
  return 0;
}
