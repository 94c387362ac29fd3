/* test-allocation.c: the allocator on its own, without a store
 *
 * Copyright 2026 The Scrutineer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <locale.h>
#include <string.h>

#include "sc-allocation.h"

/* N records in cohorts given as "audited:8 tracked:16 …" (a cohort name may
 * hold several tags joined by '+'). */
static GPtrArray *
make_items (const char *spec)
{
  GPtrArray *items = g_ptr_array_new_with_free_func ((GDestroyNotify) sc_allocation_item_free);
  g_auto (GStrv) parts = g_strsplit (spec, " ", -1);

  for (guint p = 0; parts[p] != NULL; p++)
    {
      g_auto (GStrv) field = g_strsplit (parts[p], ":", 2);
      g_auto (GStrv) tags = g_strsplit (field[0], "+", -1);
      guint n = (guint) g_ascii_strtoull (field[1], NULL, 10);

      for (guint i = 0; i < n; i++)
        {
          g_autofree char *id = g_strdup_printf ("%s-%02u", field[0], i);

          g_ptr_array_add (items, sc_allocation_item_new (id, (const char * const *) tags));
        }
    }
  return items;
}

static GStrv
make_readers (guint n)
{
  GStrv readers = g_new0 (char *, n + 1);

  for (guint i = 0; i < n; i++)
    readers[i] = g_strdup_printf ("reader-%u", i);
  return readers;
}

static void
allocate (GPtrArray        *items,
          GStrv             readers,
          double            fraction,
          guint32           seed,
          ScAllocationMode  mode)
{
  g_autoptr (GError) error = NULL;

  g_assert_true (sc_allocation_run (items, (const char * const *) readers, fraction, seed, mode,
                                    &error));
  g_assert_no_error (error);
}

static guint
count_double (GPtrArray  *items,
              const char *cohort)
{
  guint n = 0;

  for (guint i = 0; i < items->len; i++)
    {
      ScAllocationItem *item = g_ptr_array_index (items, i);
      g_autofree char *tags = g_strjoinv ("+", item->cohorts);

      if (item->second != NULL && (cohort == NULL || g_str_equal (tags, cohort)))
        n++;
    }
  return n;
}

/* Every record has a primary reader, never the same as its second. */
static void
assert_well_formed (GPtrArray *items)
{
  for (guint i = 0; i < items->len; i++)
    {
      ScAllocationItem *item = g_ptr_array_index (items, i);

      g_assert_nonnull (item->primary);
      g_assert_cmpstr (item->primary, !=, item->second);
    }
}

static void
assert_balanced (GPtrArray *items,
                 GStrv      readers)
{
  g_autoptr (GPtrArray) loads = sc_allocation_loads (items, (const char * const *) readers);
  guint low = G_MAXUINT, high = 0;

  for (guint i = 0; i < loads->len; i++)
    {
      ScReaderLoad *load = g_ptr_array_index (loads, i);

      low = MIN (low, load->n_primary + load->n_second);
      high = MAX (high, load->n_primary + load->n_second);
    }
  g_assert_cmpuint (high - low, <=, 1);
}

static GStrv
snapshot (GPtrArray *items)
{
  GStrv out = g_new0 (char *, items->len + 1);

  for (guint i = 0; i < items->len; i++)
    {
      ScAllocationItem *item = g_ptr_array_index (items, i);

      out[i] = g_strdup_printf ("%s %s %s", item->record, item->primary,
                                item->second != NULL ? item->second : "-");
    }
  return out;
}

static GStrv
sample_of (GPtrArray *items)
{
  g_autoptr (GStrvBuilder) sample = g_strv_builder_new ();

  for (guint i = 0; i < items->len; i++)
    {
      ScAllocationItem *item = g_ptr_array_index (items, i);

      if (item->second != NULL)
        g_strv_builder_add (sample, item->record);
    }
  return g_strv_builder_end (sample);
}

static void
test_sample_size (void)
{
  g_assert_cmpuint (sc_allocation_sample_size (0.2, 40), ==, 8);
  g_assert_cmpuint (sc_allocation_sample_size (0.2, 5), ==, 1);
  g_assert_cmpuint (sc_allocation_sample_size (0.3, 15), ==, 5); /* 4.5 rounds up */
  g_assert_cmpuint (sc_allocation_sample_size (0.2, 15), ==, 3); /* 2.9999… in doubles */
  g_assert_cmpuint (sc_allocation_sample_size (0.0, 15), ==, 0);
  g_assert_cmpuint (sc_allocation_sample_size (1.0, 15), ==, 15);
}

/* 0.2 of 8, 16 and 16 is 1.6, 3.2 and 3.2: floors 1, 3, 3, and the one
 * left over goes to the largest remainder (audited). */
static void
test_stratified (void)
{
  g_autoptr (GPtrArray) items = make_items ("audited:8 tracked:16 sampled:16");
  g_auto (GStrv) readers = make_readers (4);

  allocate (items, readers, 0.2, 7, SC_ALLOCATION_RESAMPLE);
  g_assert_cmpuint (count_double (items, NULL), ==, 8);
  g_assert_cmpuint (count_double (items, "audited"), ==, 2);
  g_assert_cmpuint (count_double (items, "tracked"), ==, 3);
  g_assert_cmpuint (count_double (items, "sampled"), ==, 3);
  assert_well_formed (items);
}

/* Equal remainders go to strata in the order of their names; a record with
 * two tags is a stratum of its own. 0.3 of 5 each is 1.5: total round (4.5)
 * = 5, so two strata get 2 and one gets 1. */
static void
test_stratified_ties (void)
{
  g_autoptr (GPtrArray) items = make_items ("b:5 a:5 audited+tracked:5");
  g_auto (GStrv) readers = make_readers (3);

  allocate (items, readers, 0.3, 1, SC_ALLOCATION_RESAMPLE);
  g_assert_cmpuint (count_double (items, NULL), ==, 5);
  g_assert_cmpuint (count_double (items, "a"), ==, 2);
  g_assert_cmpuint (count_double (items, "audited+tracked"), ==, 2);
  g_assert_cmpuint (count_double (items, "b"), ==, 1);
}

static void
test_balanced (void)
{
  static const char * const specs[] = {
    "a:40", "audited:8 tracked:16 sampled:16", "x:7 y:3", "a:1 b:1 c:1", "a:101 b:3",
  };
  static const double fractions[] = { 0.0, 0.2, 0.5, 1.0 };

  for (guint s = 0; s < G_N_ELEMENTS (specs); s++)
    for (guint n = 2; n <= 6; n++)
      for (guint f = 0; f < G_N_ELEMENTS (fractions); f++)
        for (guint32 seed = 0; seed < 5; seed++)
          {
            g_autoptr (GPtrArray) items = make_items (specs[s]);
            g_auto (GStrv) readers = make_readers (n);

            allocate (items, readers, fractions[f], seed, SC_ALLOCATION_RESAMPLE);
            assert_well_formed (items);
            assert_balanced (items, readers);
            g_assert_cmpuint (count_double (items, NULL), ==,
                              sc_allocation_sample_size (fractions[f], items->len));
          }
}

static void
test_reproducible (void)
{
  g_autoptr (GPtrArray) one = make_items ("audited:8 tracked:16 sampled:16");
  g_autoptr (GPtrArray) two = make_items ("audited:8 tracked:16 sampled:16");
  g_autoptr (GPtrArray) other = make_items ("audited:8 tracked:16 sampled:16");
  g_auto (GStrv) readers = make_readers (4);
  g_auto (GStrv) first = NULL;
  g_auto (GStrv) second = NULL;
  g_auto (GStrv) sample_one = NULL;
  g_auto (GStrv) sample_other = NULL;

  allocate (one, readers, 0.2, 2012, SC_ALLOCATION_RESAMPLE);
  allocate (two, readers, 0.2, 2012, SC_ALLOCATION_RESAMPLE);
  allocate (other, readers, 0.2, 2013, SC_ALLOCATION_RESAMPLE);
  first = snapshot (one);
  second = snapshot (two);
  g_assert_true (g_strv_equal ((const char * const *) first, (const char * const *) second));
  sample_one = sample_of (one);
  sample_other = sample_of (other);
  g_assert_false (g_strv_equal ((const char * const *) sample_one,
                                (const char * const *) sample_other));

  /* Allocating what is already allocated, with the same seed, moves nothing. */
  allocate (one, readers, 0.2, 2012, SC_ALLOCATION_RESAMPLE);
  g_strfreev (second);
  second = snapshot (one);
  g_assert_true (g_strv_equal ((const char * const *) first, (const char * const *) second));
}

/* Marks every third piece of work as started. */
static void
start_some (GPtrArray *items)
{
  for (guint i = 0; i < items->len; i++)
    {
      ScAllocationItem *item = g_ptr_array_index (items, i);

      item->primary_started = i % 3 == 0;
      item->second_started = item->second != NULL && i % 3 == 1;
    }
}

static void
assert_started_kept (GPtrArray *items,
                     GStrv      before)
{
  for (guint i = 0; i < items->len; i++)
    {
      ScAllocationItem *item = g_ptr_array_index (items, i);
      g_auto (GStrv) was = g_strsplit (before[i], " ", 3);

      if (item->primary_started)
        g_assert_cmpstr (item->primary, ==, was[1]);
      if (item->second_started)
        g_assert_cmpstr (item->second, ==, was[2]);
    }
}

static void
test_reader_added (void)
{
  g_autoptr (GPtrArray) items = make_items ("audited:8 tracked:16 sampled:16");
  g_auto (GStrv) readers = make_readers (3);
  g_auto (GStrv) more = make_readers (4);
  g_auto (GStrv) before = NULL;
  g_auto (GStrv) sample = NULL;
  g_auto (GStrv) sample_after = NULL;
  g_autoptr (GPtrArray) loads = NULL;

  allocate (items, readers, 0.2, 5, SC_ALLOCATION_RESAMPLE);
  start_some (items);
  before = snapshot (items);
  sample = sample_of (items);
  allocate (items, more, 0.2, 5, SC_ALLOCATION_KEEP_SAMPLE);
  assert_started_kept (items, before);
  assert_well_formed (items);
  assert_balanced (items, more);
  sample_after = sample_of (items);
  g_assert_true (g_strv_equal ((const char * const *) sample,
                               (const char * const *) sample_after));
  loads = sc_allocation_loads (items, (const char * const *) more);
  g_assert_cmpuint (((ScReaderLoad *) g_ptr_array_index (loads, 3))->n_primary, >, 0);
}

static void
test_reader_removed (void)
{
  g_autoptr (GPtrArray) items = make_items ("audited:8 tracked:16 sampled:16");
  g_auto (GStrv) readers = make_readers (4);
  g_auto (GStrv) before = NULL;
  /* reader-2 leaves */
  const char *fewer[] = { "reader-0", "reader-1", "reader-3", NULL };
  guint kept = 0;

  allocate (items, readers, 0.2, 11, SC_ALLOCATION_RESAMPLE);
  start_some (items);
  before = snapshot (items);
  allocate (items, (GStrv) fewer, 0.2, 11, SC_ALLOCATION_KEEP_SAMPLE);
  assert_started_kept (items, before);
  assert_well_formed (items);
  for (guint i = 0; i < items->len; i++)
    {
      ScAllocationItem *item = g_ptr_array_index (items, i);

      /* Only started work stays with the reader who left. */
      if (g_strcmp0 (item->primary, "reader-2") == 0)
        {
          g_assert_true (item->primary_started);
          kept++;
        }
      if (g_strcmp0 (item->second, "reader-2") == 0)
        {
          g_assert_true (item->second_started);
          kept++;
        }
    }
  g_assert_cmpuint (kept, >, 0);
  assert_balanced (items, (GStrv) fewer);
  g_assert_cmpuint (count_double (items, NULL), ==, 8);
}

/* Moving only what has not started: with nothing started, a new reader
 * takes exactly the surplus of the others and nothing else changes hands. */
static void
test_moves_little (void)
{
  g_autoptr (GPtrArray) items = make_items ("a:30");
  g_auto (GStrv) readers = make_readers (3);
  g_auto (GStrv) more = make_readers (4);
  g_auto (GStrv) before = NULL;
  g_auto (GStrv) after = NULL;
  guint changed = 0;

  allocate (items, readers, 0.0, 3, SC_ALLOCATION_RESAMPLE);
  before = snapshot (items);
  allocate (items, more, 0.0, 3, SC_ALLOCATION_KEEP_SAMPLE);
  after = snapshot (items);
  for (guint i = 0; i < items->len; i++)
    changed += !g_str_equal (before[i], after[i]);
  /* 30 records over 4 readers: 8, 8, 7, 7; the newcomer gets 7 or 8. */
  g_assert_cmpuint (changed, >=, 7);
  g_assert_cmpuint (changed, <=, 8);
}

static void
test_errors (void)
{
  g_autoptr (GPtrArray) items = make_items ("a:4");
  g_auto (GStrv) one = make_readers (1);
  const char *twice[] = { "x", "y", "x", NULL };
  const char *none[] = { NULL };
  g_autoptr (GError) error = NULL;

  g_assert_false (sc_allocation_run (items, (const char * const *) one, 1.5, 1,
                                     SC_ALLOCATION_RESAMPLE, &error));
  g_assert_error (error, SC_ALLOCATION_ERROR, SC_ALLOCATION_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_false (sc_allocation_run (items, twice, 0.5, 1, SC_ALLOCATION_RESAMPLE, &error));
  g_assert_error (error, SC_ALLOCATION_ERROR, SC_ALLOCATION_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_false (sc_allocation_run (items, none, 0.0, 1, SC_ALLOCATION_RESAMPLE, &error));
  g_assert_error (error, SC_ALLOCATION_ERROR, SC_ALLOCATION_ERROR_NO_READERS);
  g_clear_error (&error);
  g_assert_false (sc_allocation_run (items, (const char * const *) one, 0.5, 1,
                                     SC_ALLOCATION_RESAMPLE, &error));
  g_assert_error (error, SC_ALLOCATION_ERROR, SC_ALLOCATION_ERROR_NO_READERS);
  g_assert_nonnull (strstr (error->message, "two readers"));
  /* A refusal leaves the items as they were. */
  for (guint i = 0; i < items->len; i++)
    g_assert_null (((ScAllocationItem *) g_ptr_array_index (items, i))->primary);

  /* One reader and no double reading is fine. */
  allocate (items, one, 0.0, 1, SC_ALLOCATION_RESAMPLE);
  assert_well_formed (items);
}

/* A reader with other work on a record is never chosen for it. */
static void
test_others_excluded (void)
{
  g_autoptr (GPtrArray) items = make_items ("a:10");
  g_auto (GStrv) readers = make_readers (3);

  for (guint i = 0; i < items->len; i++)
    {
      ScAllocationItem *item = g_ptr_array_index (items, i);

      item->others = g_strsplit ("reader-0", " ", -1);
    }
  allocate (items, readers, 1.0, 4, SC_ALLOCATION_RESAMPLE);
  for (guint i = 0; i < items->len; i++)
    {
      ScAllocationItem *item = g_ptr_array_index (items, i);

      g_assert_cmpstr (item->primary, !=, "reader-0");
      g_assert_cmpstr (item->second, !=, "reader-0");
    }
}

int
main (int    argc,
      char **argv)
{
  setlocale (LC_ALL, "C.UTF-8");
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/allocation/sample-size", test_sample_size);
  g_test_add_func ("/allocation/stratified", test_stratified);
  g_test_add_func ("/allocation/stratified-ties", test_stratified_ties);
  g_test_add_func ("/allocation/balanced", test_balanced);
  g_test_add_func ("/allocation/reproducible", test_reproducible);
  g_test_add_func ("/allocation/reader-added", test_reader_added);
  g_test_add_func ("/allocation/reader-removed", test_reader_removed);
  g_test_add_func ("/allocation/moves-little", test_moves_little);
  g_test_add_func ("/allocation/errors", test_errors);
  g_test_add_func ("/allocation/others-excluded", test_others_excluded);
  return g_test_run ();
}
