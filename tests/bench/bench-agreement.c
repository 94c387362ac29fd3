/* bench-agreement.c: agreement statistics on a million pairs against a bare loop
 *
 * Copyright 2026 The Scrutineer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * One million units rated by two readers on a six-point scale (the second
 * reader mostly agrees, sometimes one level off, now and then further).
 * Times, in the same run: the baseline, a plain loop counting exact
 * agreements over the pairs held as two int arrays; the point statistics
 * (exact, within one, the three kappas, the three alphas, bias, confusion
 * matrix) from loaded ratings; the 1000-resample bootstrap on top; and,
 * for scale, loading the same pairs from CSV. Prints medians and ratios.
 */
#include <stdio.h>
#include <stdlib.h>

#include "sc-test-util.h"

#include "sc-agreement.h"

#define N_PAIRS 1000000
#define ROUNDS 21
#define BOOTSTRAP_ROUNDS 5

static double
milliseconds_since (gint64 start)
{
  return (g_get_monotonic_time () - start) / 1000.0;
}

/* The pairs, and the same pairs as CSV text. */
static GString *
make_pairs (int *first,
            int *second)
{
  g_autoptr (GRand) rand = g_rand_new_with_seed (2012);
  GString *csv = g_string_sized_new (N_PAIRS * 30);

  g_string_append (csv, "unit,reader,value\n");
  for (int i = 0; i < N_PAIRS; i++)
    {
      int a = g_rand_int_range (rand, 1, 7);
      int roll = g_rand_int_range (rand, 0, 100);
      int b = roll < 60   ? a
              : roll < 80 ? a + 1
              : roll < 95 ? a - 1
                          : g_rand_int_range (rand, 1, 7);

      b = CLAMP (b, 1, 6);
      first[i] = a;
      second[i] = b;
      g_string_append_printf (csv, "u%07d,lead,%d\nu%07d,second,%d\n", i, a, i, b);
    }
  return csv;
}

static double
time_baseline (const int *first,
               const int *second)
{
  double samples[ROUNDS];
  volatile int sink = 0;

  for (int r = 0; r < ROUNDS; r++)
    {
      gint64 start = g_get_monotonic_time ();
      int exact = 0;

      for (int i = 0; i < N_PAIRS; i++)
        exact += first[i] == second[i];
      samples[r] = milliseconds_since (start);
      sink += exact;
    }
  (void) sink;
  return sc_test_median (samples, ROUNDS);
}

static double
time_compute (ScRatings *ratings,
              guint      resamples,
              int        rounds)
{
  double samples[ROUNDS];
  ScAgreementOptions options;

  sc_agreement_options_init (&options);
  options.resamples = resamples;
  for (int r = 0; r < rounds; r++)
    {
      gint64 start = g_get_monotonic_time ();
      g_autoptr (ScAgreement) agreement = sc_agreement_compute (ratings, &options);

      samples[r] = milliseconds_since (start);
      g_assert (agreement->n_pairs == N_PAIRS);
    }
  return sc_test_median (samples, rounds);
}

int
main (void)
{
  g_autofree int *first = g_new (int, N_PAIRS);
  g_autofree int *second = g_new (int, N_PAIRS);
  g_autoptr (GString) csv = make_pairs (first, second);
  g_autoptr (GBytes) bytes = g_bytes_new_static (csv->str, csv->len);
  g_autoptr (GError) error = NULL;
  g_autoptr (ScRatings) ratings = NULL;
  g_autoptr (ScAgreement) agreement = NULL;
  ScAgreementOptions options;
  double load, first_compute, baseline, point, with_bootstrap, bootstrap;
  gint64 start;

  start = g_get_monotonic_time ();
  ratings = sc_ratings_load_csv_bytes (bytes, "bench.csv", &error);
  load = milliseconds_since (start);
  g_assert_no_error (error);

  /* The first computation also indexes the ratings (categories, reader
   * order, values per unit); later ones reuse the index. */
  sc_agreement_options_init (&options);
  options.resamples = 0;
  start = g_get_monotonic_time ();
  agreement = sc_agreement_compute (ratings, &options);
  first_compute = milliseconds_since (start);

  baseline = time_baseline (first, second);
  point = time_compute (ratings, 0, ROUNDS);
  with_bootstrap = time_compute (ratings, SC_AGREEMENT_DEFAULT_RESAMPLES, BOOTSTRAP_ROUNDS);
  bootstrap = with_bootstrap - point;

  printf ("pairs: %d on a six-point scale (kappa %.3f, alpha ordinal %.3f)\n", N_PAIRS,
          agreement->estimates[SC_AGREEMENT_KAPPA].value,
          agreement->estimates[SC_AGREEMENT_ALPHA_ORDINAL].value);
  printf ("baseline loop counting exact agreements: median %.3f ms\n", baseline);
  printf ("point statistics (kappas, alphas, confusion, bias): median %.3f ms\n", point);
  printf ("bootstrap, %d resamples (beyond the point statistics): median %.3f ms\n",
          SC_AGREEMENT_DEFAULT_RESAMPLES, bootstrap);
  printf ("ratio point/baseline: %.1fx\n", point / baseline);
  printf ("ratio bootstrap/baseline: %.1fx\n", bootstrap / baseline);
  printf ("for scale: loading the CSV (%.1f MB) %.0f ms; first point statistics, with "
          "indexing, %.1f ms\n",
          csv->len / 1e6, load, first_compute);
  return 0;
}
