/* test-central-report.c: team bundles sealed to the central store, and the
 * report across inspections, on every backend
 *
 * Copyright 2026 The Scrutineer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Real stores, real bundles: a lead's store with the demo inspection and
 * some evaluations exports a team bundle to the central store's card and
 * uploads it; the server opens it and keeps the levels; the report counts
 * them per indicator.
 */
#include <glib/gstdio.h>
#include <math.h>
#include <sodium.h>
#include <string.h>

#include "sc-bundle-private.h"
#include "sc-central-report.h"
#include "sc-demo.h"
#include "sc-identity.h"
#include "sc-model.h"
#include "sc-test-util.h"
#include "sc-central-test.h"

typedef struct
{
  ScTestDb *tdb;
  ScCentralDb *db;
  ScTestServer *server;
  char *dir;
  ScStore *lead;
  char *inspection;
  ScIdentity central_card;
  ScCentralIdentity *central;
  ScSyncClient *client;
} Fixture;

static void
fixture_set_up (Fixture      *f,
                gconstpointer data)
{
  g_autoptr (ScSecret) passphrase = sc_secret_new_from_text ("correct horse battery", -1);
  g_autoptr (ScSecret) code = NULL;
  g_autoptr (ScSecret) sign = NULL;
  g_autoptr (ScIdentity) lead_card = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *store_dir = NULL;
  ScCentralDevice device = { 0 };

  f->tdb = sc_test_db_new (data);
  f->db = sc_test_db_open (f->tdb);
  f->central = sc_central_db_get_identity (f->db, &error);
  g_assert_no_error (error);
  f->dir = g_dir_make_tmp ("sc-central-report-XXXXXX", NULL);
  store_dir = g_build_filename (f->dir, "lead", NULL);
  f->lead = sc_store_create (store_dir, passphrase, SC_KDF_INTERACTIVE, "Ann Lead", "lead", &code,
                             &error);
  g_assert_no_error (error);
  g_assert_true (sc_demo_create (f->lead, 6, 1, NULL, NULL, &f->inspection, &error));
  g_assert_no_error (error);

  /* The lead enrols the central store's card ... */
  f->central_card.device_id = f->central->id;
  f->central_card.name = f->central->name;
  f->central_card.role = (char *) "central";
  memcpy (f->central_card.sign_key, f->central->sign_key, 32);
  memcpy (f->central_card.box_key, f->central->box_key, 32);
  g_assert_true (sc_store_enrol (f->lead, &f->central_card, "central", NULL, &error));
  g_assert_no_error (error);
  /* ... and the central store the lead's device. */
  lead_card = sc_store_get_identity (f->lead, &error);
  g_assert_no_error (error);
  device.id = lead_card->device_id;
  device.name = lead_card->name;
  device.role = (char *) "lead";
  memcpy (device.sign_key, lead_card->sign_key, 32);
  memcpy (device.box_key, lead_card->box_key, 32);
  g_assert_true (sc_central_db_enrol (f->db, &device, NULL, &error));
  g_assert_no_error (error);

  f->server = sc_test_server_start (f->tdb->url, NULL, NULL);
  g_assert_nonnull (f->server);
  sign = sc_store_load_sign_secret (f->lead, &error);
  g_assert_no_error (error);
  f->client = sc_sync_client_new (f->server->url, NULL, sc_store_get_device_id (f->lead), sign,
                                  &error);
  g_assert_no_error (error);
}

static void
fixture_tear_down (Fixture      *f,
                   gconstpointer data)
{
  g_clear_pointer (&f->client, sc_sync_client_free);
  g_clear_pointer (&f->server, sc_test_server_free);
  g_clear_pointer (&f->lead, sc_store_close);
  g_clear_pointer (&f->central, sc_central_identity_free);
  g_clear_pointer (&f->db, sc_central_db_close);
  g_clear_pointer (&f->tdb, sc_test_db_free);
  sc_test_remove_tree (f->dir);
  g_free (f->dir);
  g_free (f->inspection);
}

/* Exports the lead's team bundle to the central store as NAME, and uploads
 * it; returns its path. */
static char *
send_team (Fixture    *f,
           const char *name)
{
  g_autoptr (GPtrArray) to = g_ptr_array_new ();
  g_autoptr (GError) error = NULL;
  g_autofree char *id = NULL;
  char *path = g_build_filename (f->dir, name, NULL);
  gboolean created = FALSE;

  g_ptr_array_add (to, &f->central_card);
  g_assert_true (sc_bundle_export (f->lead, SC_BUNDLE_TEAM, f->inspection, to, path, NULL,
                                   &error));
  g_assert_no_error (error);
  g_assert_true (sc_sync_client_upload (f->client, path, &created, &id, &error));
  g_assert_no_error (error);
  g_assert_true (created);
  g_assert_true (g_uuid_string_is_valid (id));
  return path;
}

static char *
report_csv (Fixture *f)
{
  g_autofree char *path = g_build_filename (f->dir, "report.csv", NULL);
  g_autoptr (GError) error = NULL;
  char *contents = NULL;

  g_assert_true (sc_central_report_write (f->db, path, TRUE, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_get_contents (path, &contents, NULL, NULL));
  return contents;
}

/* The CSV line of INDICATOR at LEVEL, without its title and label. */
static gboolean
has_count (const char *csv,
           const char *indicator,
           int         level,
           guint       count)
{
  g_auto (GStrv) lines = g_strsplit (csv, "\r\n", -1);

  for (guint i = 1; lines[i] != NULL; i++)
    {
      g_auto (GStrv) cells = NULL;
      guint n;

      if (!g_str_has_prefix (lines[i], "ci-joint-children"))
        continue;
      /* Titles may hold commas (quoted): read the ends of the line. */
      cells = g_strsplit (lines[i], ",", -1);
      n = g_strv_length (cells);
      if (n >= 7 && g_str_equal (cells[2], indicator) &&
          g_ascii_strtoll (cells[n - 3], NULL, 10) == level)
        return g_ascii_strtoull (cells[n - 1], NULL, 10) == count;
    }
  return FALSE;
}

static void
test_team_report (Fixture      *f,
                  gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *first = NULL;
  g_autofree char *second = NULL;
  g_autofree char *csv = NULL;
  g_autofree char *pdf_path = g_build_filename (f->dir, "report.pdf", NULL);
  g_autofree char *pdf = NULL;
  g_autoptr (GPtrArray) frameworks = NULL;
  g_autoptr (GPtrArray) rows = NULL;
  gsize pdf_len = 0;
  gboolean created = TRUE;

  /* Before any team bundle, the report says so. */
  csv = report_csv (f);
  g_assert_cmpstr (csv, ==,
                   "framework,framework_version,indicator,indicator_title,level,level_label,"
                   "inspections\r\n");
  g_clear_pointer (&csv, g_free);

  g_assert_true (sc_store_set_evaluation (f->lead, f->inspection, "1.1", 5, "Strong", &error));
  g_assert_true (sc_store_set_evaluation (f->lead, f->inspection, "2.1", 3, "Mixed", &error));
  g_assert_no_error (error);
  first = send_team (f, "team-1.scrb");
  g_assert_true (f->db->klass->load_report (f->db, &frameworks, &rows, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (frameworks->len, ==, 1);
  g_assert_cmpuint (rows->len, ==, 2);
  csv = report_csv (f);
  g_assert_true (has_count (csv, "1.1", 5, 1));
  g_assert_true (has_count (csv, "1.1", 4, 0));
  g_assert_true (has_count (csv, "2.1", 3, 1));
  g_clear_pointer (&csv, g_free);

  /* A later team bundle of the same inspection replaces what it said. */
  g_usleep (1100000); /* a later "created" to the second */
  g_assert_true (sc_store_set_evaluation (f->lead, f->inspection, "1.1", 4, "Less so", &error));
  second = send_team (f, "team-2.scrb");
  csv = report_csv (f);
  g_assert_true (has_count (csv, "1.1", 5, 0));
  g_assert_true (has_count (csv, "1.1", 4, 1));
  g_clear_pointer (&csv, g_free);

  /* The earlier one again (a late retry) changes nothing. */
  g_assert_true (sc_sync_client_upload (f->client, first, &created, NULL, &error));
  g_assert_no_error (error);
  g_assert_false (created);
  g_clear_pointer (&csv, g_free);
  csv = report_csv (f);
  g_assert_true (has_count (csv, "1.1", 4, 1));
  g_assert_true (has_count (csv, "1.1", 5, 0));

  g_assert_true (sc_central_report_write (f->db, pdf_path, FALSE, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_get_contents (pdf_path, &pdf, &pdf_len, NULL));
  g_assert_true (g_str_has_prefix (pdf, "%PDF-"));
  /* No overwriting unless asked. */
  g_assert_false (sc_central_report_write (f->db, pdf_path, FALSE, &error));
  g_assert_nonnull (error);
}

/* Agreement over time. Three inspections whose team members proposed
 * levels for the same indicators, stored as the server stores an opened
 * team bundle; the expected figures were worked out apart from the code
 * (by hand, and alpha from the coincidence matrix):
 *   January  two members, 1.1: 4 4, 1.2: 3 4, 2.1: 2 4 (2.2 by one only):
 *            exact 1/3, within one 2/3, kappa 0, ordinal alpha -7/30
 *   February three members, 1.1: 4 4 4, 1.2: 3 3 2, 2.1: 4 2:
 *            exact 1/3, within one 2/3, no kappa, ordinal alpha 85/288
 *   March    two members, all the same: every figure 1 */
typedef struct
{
  const char *indicator;
  const char *author;
  gint64 level;
} Given;

static void
put_team (Fixture                  *f,
          const ScCentralFramework *framework,
          const char               *bundle,
          const char               *inspection,
          const char               *created,
          const Given              *given,
          guint                     n)
{
  g_autoptr (ScCentralTeam) team = sc_central_team_new ();
  g_autoptr (GError) error = NULL;
  gboolean applied = FALSE;

  team->inspection = g_strdup (inspection);
  team->lead = g_strdup ("member-a");
  team->bundle = g_strdup (bundle);
  team->created = g_strdup (created);
  team->framework = g_new0 (ScCentralFramework, 1);
  team->framework->sha256 = g_strdup (framework->sha256);
  team->framework->framework_id = g_strdup (framework->framework_id);
  team->framework->version = g_strdup (framework->version);
  team->framework->title = g_strdup (framework->title);
  team->framework->xml = g_bytes_ref (framework->xml);
  for (guint i = 0; i < n; i++)
    {
      ScCentralEvaluation *e = g_new0 (ScCentralEvaluation, 1);

      e->indicator = g_strdup (given[i].indicator);
      e->author = g_strdup (given[i].author);
      e->level = given[i].level;
      g_ptr_array_add (team->evaluations, e);
    }
  g_assert_true (f->db->klass->put_team (f->db, team, &applied, &error));
  g_assert_no_error (error);
  g_assert_true (applied);
}

static void
assert_share (const char *cell,
              double      expected)
{
  if (isnan (expected))
    g_assert_cmpstr (cell, ==, "");
  else
    g_assert_cmpfloat_with_epsilon (g_ascii_strtod (cell, NULL), expected, 1e-4);
}

static void
test_trends (Fixture      *f,
             gconstpointer data)
{
  static const Given january[] = {
    { "1.1", "member-a", 4 }, { "1.1", "member-b", 4 }, { "1.2", "member-a", 3 },
    { "1.2", "member-b", 4 }, { "2.1", "member-a", 2 }, { "2.1", "member-b", 4 },
    { "2.2", "member-a", 3 },
  };
  static const Given february[] = {
    { "1.1", "member-a", 4 }, { "1.1", "member-b", 4 }, { "1.1", "member-c", 4 },
    { "1.2", "member-a", 3 }, { "1.2", "member-b", 3 }, { "1.2", "member-c", 2 },
    { "2.1", "member-a", 4 }, { "2.1", "member-c", 2 },
  };
  static const Given march[] = {
    { "1.1", "member-a", 4 }, { "1.1", "member-b", 4 }, { "1.2", "member-a", 3 },
    { "1.2", "member-b", 3 }, { "2.1", "member-a", 2 }, { "2.1", "member-b", 2 },
  };
  const struct
  {
    const char *inspection;
    const char *created;
    guint n_readers;
    double exact, within_one, kappa, alpha;
  } expected[] = {
    { "11111111-1111-4111-8111-111111111111", "2026-01-10T09:00:00Z", 2, 1.0 / 3, 2.0 / 3, 0.0,
      -7.0 / 30 },
    { "22222222-2222-4222-8222-222222222222", "2026-02-10T09:00:00Z", 3, 1.0 / 3, 2.0 / 3, NAN,
      85.0 / 288 },
    { "33333333-3333-4333-8333-333333333333", "2026-03-01T09:00:00Z", 2, 1.0, 1.0, 1.0, 1.0 },
  };
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) frameworks = NULL;
  g_autoptr (GPtrArray) rows = NULL;
  g_autoptr (GPtrArray) list = NULL;
  g_autoptr (GPtrArray) trends = NULL;
  g_autofree char *first = NULL;
  g_autofree char *csv_path = g_build_filename (f->dir, "trends.csv", NULL);
  g_autofree char *pdf_path = g_build_filename (f->dir, "trends.pdf", NULL);
  g_autofree char *csv = NULL;
  g_autofree char *pdf = NULL;
  g_auto (GStrv) lines = NULL;
  const ScCentralFramework *framework;
  const char *bundle;
  gsize pdf_len = 0;

  /* The lead's own inspection: one member only, so no agreement to show. */
  g_assert_true (sc_store_set_evaluation (f->lead, f->inspection, "1.1", 5, "Strong", &error));
  g_assert_no_error (error);
  first = send_team (f, "team.scrb");
  trends = sc_central_report_trends (f->db, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (trends->len, ==, 0);
  g_clear_pointer (&trends, g_ptr_array_unref);

  g_assert_true (f->db->klass->load_report (f->db, &frameworks, &rows, &error));
  framework = g_ptr_array_index (frameworks, 0);
  list = f->db->klass->list_ids (f->db, &error);
  bundle = g_ptr_array_index (list, 0);
  /* Stored out of order: the report puts them in order of date. */
  put_team (f, framework, bundle, expected[2].inspection, expected[2].created, march,
            G_N_ELEMENTS (march));
  put_team (f, framework, bundle, expected[0].inspection, expected[0].created, january,
            G_N_ELEMENTS (january));
  put_team (f, framework, bundle, expected[1].inspection, expected[1].created, february,
            G_N_ELEMENTS (february));

  trends = sc_central_report_trends (f->db, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (trends->len, ==, 3);
  for (guint i = 0; i < 3; i++)
    {
      const ScCentralTrend *t = g_ptr_array_index (trends, i);

      g_assert_cmpstr (t->inspection, ==, expected[i].inspection);
      g_assert_cmpstr (t->framework_id, ==, framework->framework_id);
      g_assert_cmpuint (t->n_units, ==, 3);
      g_assert_cmpuint (t->n_readers, ==, expected[i].n_readers);
    }

  g_assert_true (sc_central_report_write_trends (f->db, csv_path, FALSE, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_get_contents (csv_path, &csv, NULL, NULL));
  lines = g_strsplit (csv, "\r\n", -1);
  g_assert_cmpuint (g_strv_length (lines), ==, 5); /* header, three rows, "" */
  g_assert_cmpstr (lines[0], ==,
                   "inspection,framework,framework_version,date,indicators,readers,exact,"
                   "within_one,kappa,alpha_ordinal");
  for (guint i = 0; i < 3; i++)
    {
      g_auto (GStrv) cells = g_strsplit (lines[i + 1], ",", -1);

      g_assert_cmpuint (g_strv_length (cells), ==, 10);
      g_assert_cmpstr (cells[0], ==, expected[i].inspection);
      g_assert_cmpstr (cells[3], ==, expected[i].created);
      g_assert_cmpstr (cells[4], ==, "3");
      g_assert_cmpuint (g_ascii_strtoull (cells[5], NULL, 10), ==, expected[i].n_readers);
      assert_share (cells[6], expected[i].exact);
      assert_share (cells[7], expected[i].within_one);
      assert_share (cells[8], expected[i].kappa);
      assert_share (cells[9], expected[i].alpha);
    }
  /* Trends are CSV only; the PDF carries them as a chart and a table. */
  g_assert_false (sc_central_report_write_trends (f->db, pdf_path, FALSE, &error));
  g_assert_error (error, SC_CENTRAL_ERROR, SC_CENTRAL_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_true (sc_central_report_write (f->db, pdf_path, FALSE, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_get_contents (pdf_path, &pdf, &pdf_len, NULL));
  g_assert_true (g_str_has_prefix (pdf, "%PDF-"));
  /* Kept for a look, as the GUI tests keep their screenshots. */
  if (g_getenv ("SC_SCREENSHOT_DIR") != NULL)
    {
      g_autofree char *keep = g_strdup_printf ("%s/central-trends-%s.pdf",
                                               g_getenv ("SC_SCREENSHOT_DIR"),
                                               (const char *) data);

      g_assert_true (g_file_set_contents (keep, pdf, (gssize) pdf_len, NULL));
    }
}

int
main (int    argc,
      char **argv)
{
  g_autoptr (GPtrArray) backends = sc_test_backends ();

  g_test_init (&argc, &argv, NULL);
  g_assert_cmpint (sodium_init (), >=, 0);
  for (guint i = 0; i < backends->len; i++)
    {
      g_autofree char *path = g_strdup_printf ("/central/report/%s/team-bundles",
                                               (char *) g_ptr_array_index (backends, i));

      g_autofree char *trends = g_strdup_printf ("/central/report/%s/trends",
                                                 (char *) g_ptr_array_index (backends, i));

      g_test_add (path, Fixture, g_ptr_array_index (backends, i), fixture_set_up,
                  test_team_report, fixture_tear_down);
      g_test_add (trends, Fixture, g_ptr_array_index (backends, i), fixture_set_up, test_trends,
                  fixture_tear_down);
    }
  return g_test_run ();
}
