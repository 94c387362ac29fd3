/* bench-bundle.c: bundles against plain SQLite, in the same run
 *
 * Copyright 2026 The Scrutineer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * (a) a national year (32 inspections x 100 records x 2 readings x 40
 *     answers) exported by a lead as 32 team bundles and imported by a central
 *     store, against the same rows inserted into plain SQLite (the same
 *     SQLCipher library opened without a key, the same schema and pragmas,
 *     one transaction per inspection, rows read into memory beforehand);
 * (b) peak memory while importing one bundle of several hundred megabytes,
 *     measured in a child process that only unlocks a store and imports:
 *     VmHWM after the import against VmRSS just before it (the high-water mark
 *     is reset after the unlock, whose Argon2id is measured apart).
 *
 * Usage: bench-bundle [--quick] [year|memory]
 *   --quick: 2 inspections in (a), a bundle of about 30 MB in (b).
 *   (internal) bench-bundle --import-only STORE BUNDLE
 */
#include <glib/gstdio.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "sc-bundle.h"
#include "sc-identity.h"
#include "sc-model.h"
#include "sc-store-private.h"
#include "sc-test-util.h"

#define PASSPHRASE "benchmark passphrase, long enough"
#define RECORDS 100
#define READINGS 2
#define ANSWERS 40
#define MB (1024.0 * 1024.0)

/* Wall time and this process's CPU time: on a busy machine the CPU time is
 * the steadier of the two (fsync waits are in the wall time only). */
typedef struct
{
  double wall;
  double cpu;
} Clock;

static double
cpu_now_ms (void)
{
  struct timespec ts;

  clock_gettime (CLOCK_PROCESS_CPUTIME_ID, &ts);
  return ts.tv_sec * 1000.0 + ts.tv_nsec / 1e6;
}

static void
clock_start (Clock *clock)
{
  clock->wall -= sc_test_now_ms ();
  clock->cpu -= cpu_now_ms ();
}

static void
clock_stop (Clock *clock)
{
  clock->wall += sc_test_now_ms ();
  clock->cpu += cpu_now_ms ();
}

static const char * const synced_tables[] = {
  "device", "member", "framework", "inspection", "team_member", "record", "assignment",
  "reading", "answer",
};

typedef struct
{
  char *dir;
  ScStore *store;
  ScIdentity *card;
} Side;

static void
side_create (Side       *side,
             const char *base,
             const char *name,
             const char *role)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (ScSecret) passphrase = sc_secret_new_from_text (PASSPHRASE, -1);

  side->dir = g_build_filename (base, name, NULL);
  side->store = sc_store_create (side->dir, passphrase, SC_KDF_INTERACTIVE, name, role, NULL,
                                 &error);
  if (side->store == NULL)
    g_error ("%s", error->message);
  side->card = sc_store_get_identity (side->store, &error);
}

static void
side_clear (Side *side)
{
  g_clear_pointer (&side->store, sc_store_close);
  g_clear_pointer (&side->card, sc_identity_free);
  g_clear_pointer (&side->dir, g_free);
}

static void
enrol_both (Side *lead,
            Side *central)
{
  g_autoptr (GError) error = NULL;

  if (!sc_store_enrol (lead->store, central->card, "central", NULL, &error) ||
      !sc_store_enrol (central->store, lead->card, "lead", NULL, &error))
    g_error ("%s", error->message);
}

/* Evidence that deflate cannot shrink much: slices of random text. */
static char *
random_text (GRand *rand,
             gsize  len)
{
  static const char letters[] = "abcdefghijklmnopqrstuvwxyz ABCDEFGHIJKLMNOPQRSTUVWXYZ.,";
  char *text = g_malloc (len + 1);

  for (gsize i = 0; i < len; i++)
    text[i] = letters[g_rand_int_range (rand, 0, sizeof letters - 1)];
  text[len] = '\0';
  return text;
}

static GPtrArray *
make_answers (GRand      *rand,
              const char *pool,
              gsize       pool_len,
              gsize       evidence_len)
{
  GPtrArray *answers = g_ptr_array_new_with_free_func ((GDestroyNotify) sc_answer_free);

  for (int q = 0; q < ANSWERS; q++)
    {
      ScAnswer *answer = g_new0 (ScAnswer, 1);
      gsize len = evidence_len > 0 ? evidence_len : (g_rand_int_range (rand, 0, 4) == 0 ? 90 : 0);
      gsize at = g_rand_int_range (rand, 0, (gint32) (pool_len - len));

      answer->question = g_strdup_printf ("question-%02d", q);
      answer->value = g_strdup_printf ("%d", g_rand_int_range (rand, 1, 7));
      answer->evidence = g_strndup (pool + at, len);
      answer->indicators = g_strdup ("5.2");
      g_ptr_array_add (answers, answer);
    }
  return answers;
}

/* One inspection of N_RECORDS records read twice, through the store's fast
 * paths (as bench-store.c), in two transactions. */
static char *
add_inspection (ScStore    *store,
                const char *framework,
                const char *second,
                guint       n_records,
                GRand      *rand,
                const char *pool,
                gsize       pool_len,
                gsize       evidence_len)
{
  g_autoptr (GError) error = NULL;
  ScInspection spec = { .framework = (char *) framework, .title = (char *) "Bench",
                        .lead = (char *) sc_store_get_owner_id (store) };
  g_autofree char *inspection = sc_store_create_inspection (store, &spec, &error);
  g_autoptr (GPtrArray) readings = g_ptr_array_new_with_free_func (g_free);
  const char *readers[] = { sc_store_get_owner_id (store), second };

  g_assert (inspection != NULL);
  g_assert (sc_store_begin (store, &error));
  for (int k = 0; k < READINGS; k++)
    g_assert (sc_store_add_team_member (store, inspection, readers[k], "inspector", &error));
  for (guint r = 0; r < n_records; r++)
    {
      g_autofree char *ref = g_strdup_printf ("R-%04u", r);
      const char *cohorts[] = { "sampled", NULL };
      g_autofree char *record = sc_store_add_record (store, inspection, ref, cohorts, "5-11", "",
                                                     &error);

      for (int k = 0; k < READINGS; k++)
        {
          g_autoptr (ScReading) reading = sc_store_open_reading (store, record, readers[k],
                                                                 &error);

          g_ptr_array_add (readings, g_strdup (reading->id));
        }
    }
  g_assert (sc_store_finish (store, TRUE, &error));
  g_assert (sc_store_begin (store, &error));
  for (guint i = 0; i < readings->len; i++)
    {
      g_autoptr (GPtrArray) answers = make_answers (rand, pool, pool_len, evidence_len);

      if (!sc_store_write_answers (store, g_ptr_array_index (readings, i), answers, FALSE,
                                   &error))
        g_error ("%s", error->message);
    }
  g_assert (sc_store_finish (store, TRUE, &error));
  return g_steal_pointer (&inspection);
}

static GPtrArray *
build_lead (Side       *lead,
            guint       n_inspections,
            guint       n_records,
            gsize       evidence_len)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (ScFramework) framework = sc_framework_load_builtin ("ci-joint-children-2012",
                                                                 &error);
  g_autofree char *framework_row = sc_store_import_framework (lead->store, framework, &error);
  g_autofree char *second = sc_store_add_member (lead->store, "Second", "inspector", &error);
  g_autoptr (GRand) rand = g_rand_new_with_seed (1);
  gsize pool_len = 4 * 1024 * 1024;
  g_autofree char *pool = random_text (rand, pool_len);
  GPtrArray *inspections = g_ptr_array_new_with_free_func (g_free);

  for (guint i = 0; i < n_inspections; i++)
    g_ptr_array_add (inspections, add_inspection (lead->store, framework_row, second, n_records,
                                                  rand, pool, pool_len, evidence_len));
  return inspections;
}

/* (a) The plain baseline */

static void
exec_or_die (sqlite3    *db,
             const char *sql)
{
  char *message = NULL;

  if (sqlite3_exec (db, sql, NULL, NULL, &message) != SQLITE_OK)
    g_error ("%s: %s", sql, message);
}

/* Same library, no key, same pragmas, and the tables as the store has them. */
static sqlite3 *
open_plain (const char *path,
            ScStore    *like,
            gboolean    foreign_keys)
{
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;

  g_assert (sqlite3_open (path, &db) == SQLITE_OK);
  exec_or_die (db, "PRAGMA page_size = 4096; PRAGMA journal_mode = WAL;"
                   " PRAGMA synchronous = FULL; PRAGMA temp_store = MEMORY;"
                   " PRAGMA cache_size = -65536;");
  exec_or_die (db, foreign_keys ? "PRAGMA foreign_keys = ON" : "PRAGMA foreign_keys = OFF");
  sqlite3_prepare_v2 (like->db,
                      "SELECT sql FROM sqlite_master WHERE type IN ('table', 'index')"
                      " AND sql IS NOT NULL AND tbl_name IN ('device', 'member', 'framework',"
                      " 'inspection', 'team_member', 'record', 'assignment', 'reading', 'answer')"
                      " ORDER BY type DESC",
                      -1, &stmt, NULL);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    exec_or_die (db, (const char *) sqlite3_column_text (stmt, 0));
  sqlite3_finalize (stmt);
  return db;
}

static const char *
scope_of (const char *table)
{
  if (g_str_equal (table, "device"))
    return "id IN (SELECT device FROM member)";
  if (g_str_equal (table, "member"))
    return "1";
  if (g_str_equal (table, "framework"))
    return "id IN (SELECT framework FROM inspection WHERE id = ?1)";
  if (g_str_equal (table, "inspection"))
    return "id = ?1";
  if (g_str_equal (table, "team_member") || g_str_equal (table, "record"))
    return "inspection = ?1";
  if (g_str_equal (table, "assignment"))
    return "record IN (SELECT id FROM record WHERE inspection = ?1)";
  if (g_str_equal (table, "reading"))
    return "assignment IN (SELECT a.id FROM assignment a JOIN record r ON r.id = a.record"
           " WHERE r.inspection = ?1)";
  return "reading IN (SELECT g.id FROM reading g JOIN assignment a ON a.id = g.assignment"
         " JOIN record r ON r.id = a.record WHERE r.inspection = ?1)";
}

typedef struct
{
  const char *table;
  int n_columns;
  GPtrArray *values; /* sqlite3_value*, n_columns per row */
} Loaded;

static void
loaded_clear (Loaded *loaded)
{
  g_ptr_array_unref (loaded->values);
}

/* One inspection's rows, read from the central store before the clock starts. */
static void
load_rows (ScStore    *from,
           const char *inspection,
           Loaded     *loaded)
{
  for (guint t = 0; t < G_N_ELEMENTS (synced_tables); t++)
    {
      g_autofree char *sql = g_strdup_printf ("SELECT * FROM %s WHERE %s", synced_tables[t],
                                              scope_of (synced_tables[t]));
      sqlite3_stmt *stmt = NULL;

      g_assert (sqlite3_prepare_v2 (from->db, sql, -1, &stmt, NULL) == SQLITE_OK);
      if (sqlite3_bind_parameter_count (stmt) > 0)
        sqlite3_bind_text (stmt, 1, inspection, -1, SQLITE_STATIC);
      loaded[t].table = synced_tables[t];
      loaded[t].n_columns = sqlite3_column_count (stmt);
      loaded[t].values = g_ptr_array_new_with_free_func ((GDestroyNotify) sqlite3_value_free);
      while (sqlite3_step (stmt) == SQLITE_ROW)
        for (int c = 0; c < loaded[t].n_columns; c++)
          g_ptr_array_add (loaded[t].values, sqlite3_value_dup (sqlite3_column_value (stmt, c)));
      sqlite3_finalize (stmt);
    }
}

static guint64
insert_rows (sqlite3 *db,
             Loaded  *loaded)
{
  guint64 n = 0;

  exec_or_die (db, "BEGIN IMMEDIATE");
  for (guint t = 0; t < G_N_ELEMENTS (synced_tables); t++)
    {
      g_autoptr (GString) sql = g_string_new (NULL);
      sqlite3_stmt *stmt = NULL;

      g_string_printf (sql, "INSERT OR IGNORE INTO %s VALUES (?", loaded[t].table);
      for (int c = 1; c < loaded[t].n_columns; c++)
        g_string_append (sql, ", ?");
      g_string_append (sql, ")");
      g_assert (sqlite3_prepare_v2 (db, sql->str, -1, &stmt, NULL) == SQLITE_OK);
      for (guint i = 0; i < loaded[t].values->len; i += loaded[t].n_columns)
        {
          for (int c = 0; c < loaded[t].n_columns; c++)
            sqlite3_bind_value (stmt, c + 1, g_ptr_array_index (loaded[t].values, i + c));
          if (sqlite3_step (stmt) != SQLITE_DONE)
            g_error ("%s", sqlite3_errmsg (db));
          sqlite3_reset (stmt);
          n++;
        }
      sqlite3_finalize (stmt);
    }
  exec_or_die (db, "COMMIT");
  return n;
}

static Clock
plain_inserts (const char *dir,
               ScStore    *central,
               GPtrArray  *inspections,
               gboolean    foreign_keys,
               guint64    *n_rows)
{
  g_autofree char *path = g_build_filename (dir, foreign_keys ? "plain.db" : "plain-nofk.db",
                                            NULL);
  sqlite3 *db = open_plain (path, central, foreign_keys);
  Clock elapsed = { 0, 0 };

  *n_rows = 0;
  for (guint i = 0; i < inspections->len; i++)
    {
      Loaded loaded[G_N_ELEMENTS (synced_tables)];

      load_rows (central, g_ptr_array_index (inspections, i), loaded);
      clock_start (&elapsed);
      *n_rows += insert_rows (db, loaded);
      clock_stop (&elapsed);
      for (guint t = 0; t < G_N_ELEMENTS (synced_tables); t++)
        loaded_clear (&loaded[t]);
    }
  sqlite3_close (db);
  return elapsed;
}

static void
bench_year (const char *base,
            guint       n_inspections)
{
  g_autofree char *dir = g_build_filename (base, "year", NULL);
  g_autoptr (GPtrArray) inspections = NULL;
  g_autoptr (GPtrArray) paths = g_ptr_array_new_with_free_func (g_free);
  g_autoptr (GPtrArray) recipients = g_ptr_array_new ();
  g_autoptr (GError) error = NULL;
  Side lead = { 0 }, central = { 0 };
  Clock exporting = { 0, 0 }, importing = { 0, 0 }, plain, bare;
  double t0, bytes = 0;
  guint64 exported = 0, imported = 0, plain_rows = 0;

  g_mkdir_with_parents (dir, 0700);
  side_create (&lead, dir, "lead", "lead");
  side_create (&central, dir, "central", "support");
  enrol_both (&lead, &central);
  t0 = sc_test_now_ms ();
  inspections = build_lead (&lead, n_inspections, RECORDS, 0);
  printf ("(a) a national year: %u inspections x %d records x %d readings x %d answers"
          " (built in %.0f ms)\n", n_inspections, RECORDS, READINGS, ANSWERS,
          sc_test_now_ms () - t0);

  g_ptr_array_add (recipients, central.card);
  clock_start (&exporting);
  for (guint i = 0; i < inspections->len; i++)
    {
      char *path = g_strdup_printf ("%s/team-%02u.scrb", dir, i);
      guint64 n = 0;

      if (!sc_bundle_export (lead.store, SC_BUNDLE_TEAM, g_ptr_array_index (inspections, i),
                             recipients, path, &n, &error))
        g_error ("%s", error->message);
      exported += n;
      g_ptr_array_add (paths, path);
    }
  clock_stop (&exporting);
  for (guint i = 0; i < paths->len; i++)
    {
      GStatBuf st;

      g_stat (g_ptr_array_index (paths, i), &st);
      bytes += st.st_size;
    }

  clock_start (&importing);
  for (guint i = 0; i < paths->len; i++)
    {
      ScBundleImport result;

      if (!sc_bundle_import (central.store, g_ptr_array_index (paths, i), &result, &error))
        g_error ("%s", error->message);
      imported += result.n_new;
      sc_bundle_import_clear (&result);
    }
  clock_stop (&importing);

  plain = plain_inserts (dir, central.store, inspections, TRUE, &plain_rows);
  bare = plain_inserts (dir, central.store, inspections, FALSE, &plain_rows);
  printf ("    times are wall (CPU) milliseconds\n");
  printf ("    baseline plain SQLite inserts of the same rows, same schema and foreign keys:"
          " %.0f (%.0f) ms, %" G_GUINT64_FORMAT " rows\n", plain.wall, plain.cpu, plain_rows);
  printf ("    (the same without foreign key checks: %.0f (%.0f) ms)\n", bare.wall, bare.cpu);
  printf ("    export: %.0f (%.0f) ms for %" G_GUINT64_FORMAT " rows in %u bundles of %.1f MB"
          " in all: %.2fx (%.2fx) the plain inserts\n", exporting.wall, exporting.cpu, exported,
          paths->len, bytes / MB, exporting.wall / plain.wall, exporting.cpu / plain.cpu);
  printf ("    import: %.0f (%.0f) ms for %" G_GUINT64_FORMAT " new rows: %.2fx (%.2fx) the"
          " plain inserts, %.2fx (%.2fx) those without foreign keys\n", importing.wall,
          importing.cpu, imported, importing.wall / plain.wall, importing.cpu / plain.cpu,
          importing.wall / bare.wall, importing.cpu / bare.cpu);
  side_clear (&lead);
  side_clear (&central);
}

/* (b) Peak memory of one large import, in a child */

static long
status_kb (const char *field)
{
  g_autofree char *status = NULL;
  const char *at;

  if (!g_file_get_contents ("/proc/self/status", &status, NULL, NULL) ||
      (at = strstr (status, field)) == NULL)
    return -1;
  return strtol (at + strlen (field) + 1, NULL, 10);
}

static gboolean
reset_peak (void)
{
  FILE *file = fopen ("/proc/self/clear_refs", "w");
  gboolean ok;

  if (file == NULL)
    return FALSE;
  ok = fputs ("5", file) >= 0;
  return fclose (file) == 0 && ok;
}

static int
import_only (const char *store_dir,
             const char *bundle)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (ScSecret) passphrase = sc_secret_new_from_text (PASSPHRASE, -1);
  ScStore *store = sc_store_open (store_dir, passphrase, &error);
  ScBundleImport result;
  long before, peak;
  gboolean reset;
  double t0;

  if (store == NULL)
    g_error ("%s", error->message);
  /* Forget the unlock's peak (Argon2id's 64 MiB): "5" resets VmHWM. */
  reset = reset_peak ();
  before = status_kb ("VmRSS:");
  t0 = sc_test_now_ms ();
  if (!sc_bundle_import (store, bundle, &result, &error))
    g_error ("%s", error->message);
  t0 = sc_test_now_ms () - t0;
  peak = status_kb ("VmHWM:");
  printf ("    import: %.0f ms, %u new rows\n", t0, result.n_new);
  printf ("    memory: %.1f MB before the import, peak %.1f MB during it: the import's own"
          " %.1f MB%s\n", before / 1024.0, peak / 1024.0, (peak - before) / 1024.0,
          reset ? "" : " (VmHWM could not be reset: the peak includes the unlock)");
  sc_bundle_import_clear (&result);
  sc_store_close (store);
  return 0;
}

static void
bench_memory (const char *base,
              const char *self,
              guint       n_records,
              gsize       evidence_len)
{
  g_autofree char *dir = g_build_filename (base, "memory", NULL);
  g_autofree char *path = g_build_filename (dir, "large.scrb", NULL);
  g_autoptr (GPtrArray) inspections = NULL;
  g_autoptr (GPtrArray) recipients = g_ptr_array_new ();
  g_autoptr (GError) error = NULL;
  g_autofree char *out = NULL;
  Side lead = { 0 }, central = { 0 };
  const char *argv[] = { self, "--import-only", NULL, NULL, NULL };
  double t0, export_ms;
  GStatBuf st;
  int status = 0;

  g_mkdir_with_parents (dir, 0700);
  side_create (&lead, dir, "lead", "lead");
  side_create (&central, dir, "central", "support");
  enrol_both (&lead, &central);
  inspections = build_lead (&lead, 1, n_records, evidence_len);
  g_ptr_array_add (recipients, central.card);
  t0 = sc_test_now_ms ();
  if (!sc_bundle_export (lead.store, SC_BUNDLE_TEAM, g_ptr_array_index (inspections, 0),
                         recipients, path, NULL, &error))
    g_error ("%s", error->message);
  export_ms = sc_test_now_ms () - t0;
  g_stat (path, &st);
  printf ("(b) one large bundle: %u records x %d readings x %d answers with %" G_GSIZE_FORMAT
          " bytes of evidence each: %.0f MB, exported in %.0f ms\n", n_records, READINGS,
          ANSWERS, evidence_len, st.st_size / MB, export_ms);
  side_clear (&lead);
  side_clear (&central);

  argv[2] = g_build_filename (dir, "central", NULL);
  argv[3] = path;
  if (!g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_DEFAULT, NULL, NULL, &out, NULL,
                     &status, &error))
    g_error ("%s", error->message);
  printf ("%s", out);
  g_free ((char *) argv[2]);
}

int
main (int    argc,
      char **argv)
{
  gboolean quick = FALSE;
  const char *only = NULL;
  g_autofree char *dir = NULL;

  if (argc == 4 && g_str_equal (argv[1], "--import-only"))
    return import_only (argv[2], argv[3]);
  for (int i = 1; i < argc; i++)
    {
      if (g_str_equal (argv[i], "--quick"))
        quick = TRUE;
      else
        only = argv[i];
    }
  dir = g_dir_make_tmp ("scrutineer-bench-bundle-XXXXXX", NULL);
  if (only == NULL || g_str_equal (only, "year"))
    bench_year (dir, quick ? 2 : 32);
  if (only == NULL || g_str_equal (only, "memory"))
    {
      g_autofree char *self = g_file_read_link ("/proc/self/exe", NULL);

      bench_memory (dir, self != NULL ? self : argv[0], quick ? 40 : 200, quick ? 8000 : 24000);
    }
  sc_test_remove_tree (dir);
  return 0;
}
