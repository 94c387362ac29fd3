/* test-double-ui.c: the list of double-read records the application shows
 *
 * Copyright 2026 The Scrutineer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <locale.h>
#include <string.h>

#include "sc-demo.h"
#include "sc-double-reading.h"
#include "sc-model.h"
#include "sc-secret.h"
#include "sc-test-util.h"

#define PASSPHRASE "correct horse battery staple"

typedef struct
{
  char *base;
  ScStore *store;
  char *inspection;
} Fixture;

static void
fixture_set_up (Fixture      *f,
                gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *dir = NULL;
  g_autoptr (ScSecret) passphrase = sc_secret_new_from_text (PASSPHRASE, -1);

  f->base = g_dir_make_tmp ("scrutineer-double-ui-XXXXXX", &error);
  dir = g_build_filename (f->base, "store", NULL);
  f->store = sc_store_create (dir, passphrase, SC_KDF_INTERACTIVE, "Olive Lead", "lead", NULL,
                              &error);
  g_assert_no_error (error);
  g_assert_true (sc_demo_create (f->store, 40, 2012, NULL, NULL, &f->inspection, &error));
  g_assert_no_error (error);
}

static void
fixture_tear_down (Fixture      *f,
                   gconstpointer data)
{
  sc_store_close (f->store);
  sc_test_remove_tree (f->base);
  g_free (f->base);
  g_free (f->inspection);
}

/* The reading of RECORD by READER as sc_store_list_readings() has it. */
static ScReading *
reading_of (Fixture    *f,
            const char *record,
            const char *reader)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) readings = sc_store_list_readings (f->store, record, &error);

  g_assert_no_error (error);
  for (guint i = 0; i < readings->len; i++)
    {
      ScReading *reading = g_ptr_array_index (readings, i);

      if (g_str_equal (reading->reader, reader))
        return g_ptr_array_steal_index (readings, i);
    }
  return NULL;
}

static void
assert_state (Fixture    *f,
              const char *record,
              const char *reader,
              const char *reading_id,
              const char *status)
{
  g_autoptr (ScReading) reading = reading_of (f, record, reader);

  if (reading == NULL)
    {
      g_assert_null (reading_id);
      g_assert_null (status);
      return;
    }
  g_assert_cmpstr (reading_id, ==, reading->id);
  g_assert_cmpstr (status, ==, sc_reading_status_to_string (reading->status));
}

static void
test_list (Fixture      *f,
           gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) list = sc_store_list_double_records (f->store, f->inspection, &error);
  g_autoptr (GPtrArray) comparisons = sc_store_compare_inspection (f->store, f->inspection,
                                                                   &error);
  g_autoptr (ScAllocationSummary) summary = sc_store_allocation_summary (f->store, f->inspection,
                                                                         &error);
  g_autoptr (GHashTable) compared = g_hash_table_new (g_str_hash, g_str_equal);
  guint n_both = 0;

  g_assert_no_error (error);
  /* Every record with a second reader, and only those. */
  g_assert_cmpuint (list->len, ==, summary->n_double);
  g_assert_cmpuint (list->len, ==, 8);
  for (guint i = 0; i < comparisons->len; i++)
    g_hash_table_add (compared, ((ScComparison *) g_ptr_array_index (comparisons, i))->record_id);
  for (guint i = 0; i < list->len; i++)
    {
      ScDoubleRecord *r = g_ptr_array_index (list, i);

      if (i > 0)
        g_assert_cmpint (strcmp (((ScDoubleRecord *) g_ptr_array_index (list, i - 1))->record_ref,
                                 r->record_ref), <, 0);
      g_assert_nonnull (r->primary_reader);
      g_assert_nonnull (r->second_reader);
      g_assert_cmpstr (r->primary_reader, !=, r->second_reader);
      assert_state (f, r->record_id, r->primary_reader, r->primary_reading, r->primary_status);
      assert_state (f, r->record_id, r->second_reader, r->second_reading, r->second_status);
      /* Compared exactly when both are submitted. */
      g_assert_cmpint (r->both_submitted, ==,
                       g_hash_table_contains (compared, r->record_id));
      n_both += r->both_submitted;
    }
  g_assert_cmpuint (n_both, >, 0);
  g_assert_cmpuint (g_hash_table_size (compared), ==, n_both);
}

static void
test_reopen (Fixture      *f,
             gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) before = sc_store_list_double_records (f->store, f->inspection, &error);
  g_autoptr (GPtrArray) after = NULL;
  const ScDoubleRecord *target = NULL;

  g_assert_no_error (error);
  for (guint i = 0; i < before->len && target == NULL; i++)
    {
      const ScDoubleRecord *r = g_ptr_array_index (before, i);

      if (r->both_submitted)
        target = r;
    }
  g_assert_nonnull (target);
  g_assert_true (sc_store_reopen_reading (f->store, target->primary_reading, "A date was wrong",
                                          &error));
  g_assert_no_error (error);
  after = sc_store_list_double_records (f->store, f->inspection, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < after->len; i++)
    {
      const ScDoubleRecord *r = g_ptr_array_index (after, i);

      if (!g_str_equal (r->record_id, target->record_id))
        continue;
      g_assert_false (r->both_submitted);
      g_assert_cmpstr (r->primary_status, ==, "reopened");
      g_assert_cmpstr (r->second_status, ==, "submitted");
      return;
    }
  g_assert_not_reached ();
}

static void
test_unknown_inspection (Fixture      *f,
                         gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) list = sc_store_list_double_records (f->store, "no-such-inspection",
                                                             &error);

  g_assert_no_error (error);
  g_assert_cmpuint (list->len, ==, 0);
}

int
main (int    argc,
      char **argv)
{
  setlocale (LC_ALL, "C.UTF-8");
  g_test_init (&argc, &argv, NULL);
  g_assert_true (sc_crypto_init (NULL));

#define ADD(path, func) \
  g_test_add ("/double-ui/" path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("list", test_list);
  ADD ("reopen", test_reopen);
  ADD ("unknown-inspection", test_unknown_inspection);
#undef ADD

  return g_test_run ();
}
