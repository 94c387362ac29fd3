/* test-agreement.c: agreement statistics against published and checked figures
 *
 * Copyright 2026 The Scrutineer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Expected values come from worked examples (Krippendorff 2011; the 2×2
 * kappa of every textbook) or from a naive computation by the textbook
 * definitions (exact fractions, full coincidence matrix, full weight
 * matrices), done apart from this code.
 */
#include <json-glib/json-glib.h>
#include <locale.h>
#include <math.h>
#include <string.h>

#include "sc-agreement-json.h"
#include "sc-agreement-private.h"
#include "sc-agreement.h"

#define EPSILON 1e-9

static ScRatings *
load_string (const char  *text,
             GError     **error)
{
  g_autoptr (GBytes) bytes = g_bytes_new (text, strlen (text));

  return sc_ratings_load_csv_bytes (bytes, "t.csv", error);
}

static ScRatings *
load_data (const char *name)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "agreement", "data", name, NULL);
  g_autoptr (GError) error = NULL;
  ScRatings *ratings = sc_ratings_load_csv (path, &error);

  g_assert_no_error (error);
  g_assert_nonnull (ratings);
  return ratings;
}

/* Two readers "A" and "B"; the units are u0, u1, …; 0 means missing. */
static ScRatings *
pairs_of_levels (const int *first,
                 const int *second,
                 guint      n)
{
  ScRatings *ratings = sc_ratings_new ();

  for (guint i = 0; i < n; i++)
    {
      g_autofree char *unit = g_strdup_printf ("u%u", i);
      g_autofree char *a = first[i] != 0 ? g_strdup_printf ("%d", first[i]) : NULL;
      g_autofree char *b = second[i] != 0 ? g_strdup_printf ("%d", second[i]) : NULL;

      g_assert_true (sc_ratings_add (ratings, unit, "A", a, NULL));
      g_assert_true (sc_ratings_add (ratings, unit, "B", b, NULL));
    }
  return ratings;
}

static ScAgreement *
compute (ScRatings        *ratings,
         ScAgreementLevel  levels,
         guint             resamples)
{
  ScAgreementOptions options;

  sc_agreement_options_init (&options);
  options.levels = levels;
  options.resamples = resamples;
  return sc_agreement_compute (ratings, &options);
}

#define assert_value(agreement, statistic, expected, epsilon)                                 \
  G_STMT_START                                                                                \
  {                                                                                           \
    g_assert_cmpint ((agreement)->estimates[statistic].state, ==, SC_ESTIMATE_VALUE);         \
    g_assert_cmpfloat_with_epsilon ((agreement)->estimates[statistic].value, (expected),      \
                                    (epsilon));                                               \
  }                                                                                           \
  G_STMT_END

#define assert_state(agreement, statistic, expected)                                          \
  g_assert_cmpint ((agreement)->estimates[statistic].state, ==, (expected))

/* Krippendorff, "Computing Krippendorff's Alpha-Reliability" (2011),
 * section C: four observers, twelve units, values missing. The paper gives
 * 0.743, 0.815 and 0.849; exactly they are 113/152, 108577/133160 and
 * 951/1120. Unit 12 has a single value and drops out. */
static void
test_krippendorff_2011 (void)
{
  g_autoptr (ScRatings) ratings = load_data ("krippendorff-2011.csv");
  g_autoptr (ScAgreement) a = compute (ratings, SC_AGREEMENT_LEVEL_ALL, 0);

  g_assert_cmpuint (a->n_units, ==, 12);
  g_assert_cmpuint (a->n_pairs, ==, 11);
  g_assert_cmpuint (a->n_readers, ==, 4);
  g_assert_true (a->numeric);
  assert_value (a, SC_AGREEMENT_ALPHA_NOMINAL, 0.743, 0.0005);
  assert_value (a, SC_AGREEMENT_ALPHA_ORDINAL, 0.815, 0.0005);
  assert_value (a, SC_AGREEMENT_ALPHA_INTERVAL, 0.849, 0.0005);
  assert_value (a, SC_AGREEMENT_ALPHA_NOMINAL, 113.0 / 152, EPSILON);
  assert_value (a, SC_AGREEMENT_ALPHA_ORDINAL, 108577.0 / 133160, EPSILON);
  assert_value (a, SC_AGREEMENT_ALPHA_INTERVAL, 951.0 / 1120, EPSILON);

  /* Two-reader statistics do not apply to four readers. */
  assert_state (a, SC_AGREEMENT_EXACT, SC_ESTIMATE_NOT_APPLICABLE);
  assert_state (a, SC_AGREEMENT_WITHIN_ONE, SC_ESTIMATE_NOT_APPLICABLE);
  assert_state (a, SC_AGREEMENT_KAPPA, SC_ESTIMATE_NOT_APPLICABLE);
  assert_state (a, SC_AGREEMENT_KAPPA_QUADRATIC, SC_ESTIMATE_NOT_APPLICABLE);
  assert_state (a, SC_AGREEMENT_BIAS, SC_ESTIMATE_NOT_APPLICABLE);
  g_assert_null (a->confusion);
  g_assert_cmpstrv (a->readers, ((const char * const[]) { "A", "B", "C", "D", NULL }));
}

/* The classic 2×2: 20 yes/yes, 5 yes/no, 10 no/yes, 15 no/no. p_o = 0.7,
 * p_e = 0.5, kappa = 0.4. Labels: no weights, no within-one, no bias. */
static void
test_kappa_textbook (void)
{
  g_autoptr (ScRatings) ratings = load_data ("kappa-2x2.csv");
  g_autoptr (ScAgreement) a = compute (ratings, SC_AGREEMENT_LEVEL_ALL, 0);
  const guint expected[] = { 15, 10, 5, 20 };

  g_assert_false (a->numeric);
  g_assert_cmpuint (a->n_units, ==, 50);
  g_assert_cmpuint (a->n_pairs, ==, 50);
  assert_value (a, SC_AGREEMENT_EXACT, 0.7, EPSILON);
  assert_value (a, SC_AGREEMENT_KAPPA, 0.4, EPSILON);
  /* Two readers, no missing values: alpha nominal equals Scott's pi
   * corrected for sample size, here 0.4 too (checked apart). */
  assert_value (a, SC_AGREEMENT_ALPHA_NOMINAL, 0.4, 0.005);
  assert_state (a, SC_AGREEMENT_KAPPA_LINEAR, SC_ESTIMATE_NOT_APPLICABLE);
  assert_state (a, SC_AGREEMENT_KAPPA_QUADRATIC, SC_ESTIMATE_NOT_APPLICABLE);
  assert_state (a, SC_AGREEMENT_WITHIN_ONE, SC_ESTIMATE_NOT_APPLICABLE);
  assert_state (a, SC_AGREEMENT_BIAS, SC_ESTIMATE_NOT_APPLICABLE);
  assert_state (a, SC_AGREEMENT_ALPHA_ORDINAL, SC_ESTIMATE_NOT_APPLICABLE);
  assert_state (a, SC_AGREEMENT_ALPHA_INTERVAL, SC_ESTIMATE_NOT_APPLICABLE);

  /* Labels by string; rows are the earlier reader id ("first"). */
  g_assert_cmpuint (a->n_labels, ==, 2);
  g_assert_cmpstrv (a->labels, ((const char * const[]) { "no", "yes", NULL }));
  g_assert_null (a->levels);
  g_assert_cmpmem (a->confusion, 4 * sizeof (guint), expected, sizeof expected);
  g_assert_cmpstr (a->readers[0], ==, "first");
}

/* Fifteen pairs on a six-point scale, three units with one value only.
 * Figures from the naive computation (full weight matrix, agreement
 * weights 1 − |i−j|/(K−1) and 1 − (i−j)²/(K−1)²). */
static void
test_kappa_weighted (void)
{
  g_autoptr (ScRatings) ratings = load_data ("six-point.csv");
  g_autoptr (ScAgreement) a = compute (ratings, SC_AGREEMENT_LEVEL_ALL, 0);

  g_assert_cmpuint (a->n_units, ==, 18);
  g_assert_cmpuint (a->n_pairs, ==, 15);
  assert_value (a, SC_AGREEMENT_EXACT, 0.4, EPSILON);
  assert_value (a, SC_AGREEMENT_WITHIN_ONE, 14.0 / 15, EPSILON);
  assert_value (a, SC_AGREEMENT_BIAS, -2.0 / 15, EPSILON);
  assert_value (a, SC_AGREEMENT_KAPPA, 0.25824175824175827, EPSILON);
  assert_value (a, SC_AGREEMENT_KAPPA_LINEAR, 0.5810055865921788, EPSILON);
  assert_value (a, SC_AGREEMENT_KAPPA_QUADRATIC, 0.8, EPSILON);
  assert_value (a, SC_AGREEMENT_ALPHA_NOMINAL, 0.2809917355371901, EPSILON);
  assert_value (a, SC_AGREEMENT_ALPHA_ORDINAL, 0.8151367640241075, EPSILON);
  assert_value (a, SC_AGREEMENT_ALPHA_INTERVAL, 0.8062360801781737, EPSILON);
  g_assert_cmpuint (a->n_labels, ==, 6);
  g_assert_cmpint (a->levels[0], ==, 1);
  g_assert_cmpint (a->levels[5], ==, 6);
}

/* The kappa's categories are the values seen in pairs: 3 only appears in a
 * unit with one value, so the weights run over 1, 2, 4 (as scikit-learn's
 * cohen_kappa_score does), and the confusion matrix has no row for 3.
 * Interval alpha still measures 2 → 4 as two levels. */
static void
test_kappa_categories_seen (void)
{
  const int first[] = { 1, 1, 1, 1, 1, 2, 4, 4, 4, 4, 2, 2, 1, 3 };
  const int second[] = { 1, 1, 1, 2, 2, 4, 4, 4, 4, 2, 2, 2, 4, 0 };
  g_autoptr (ScRatings) ratings = pairs_of_levels (first, second, G_N_ELEMENTS (first));
  g_autoptr (ScAgreement) a = compute (ratings, SC_AGREEMENT_LEVEL_ALL, 0);

  g_assert_cmpuint (a->n_units, ==, 14);
  g_assert_cmpuint (a->n_pairs, ==, 13);
  assert_value (a, SC_AGREEMENT_EXACT, 0.6153846153846154, EPSILON);
  assert_value (a, SC_AGREEMENT_WITHIN_ONE, 0.7692307692307693, EPSILON);
  assert_value (a, SC_AGREEMENT_BIAS, 0.38461538461538464, EPSILON);
  assert_value (a, SC_AGREEMENT_KAPPA, 0.4396551724137931, EPSILON);
  assert_value (a, SC_AGREEMENT_KAPPA_LINEAR, 0.5063291139240507, EPSILON);
  assert_value (a, SC_AGREEMENT_KAPPA_QUADRATIC, 0.5702479338842975, EPSILON);
  assert_value (a, SC_AGREEMENT_ALPHA_NOMINAL, 0.4444444444444444, EPSILON);
  assert_value (a, SC_AGREEMENT_ALPHA_ORDINAL, 0.5726495726495726, EPSILON);
  assert_value (a, SC_AGREEMENT_ALPHA_INTERVAL, 0.5638200183654729, EPSILON);
  g_assert_cmpuint (a->n_labels, ==, 3);
  g_assert_cmpint (a->levels[2], ==, 4);
  g_assert_cmpstr (a->labels[2], ==, "4");
}

/* Perfect agreement over three categories: everything is 1, bias 0, and
 * every resample agrees, so the intervals are [1, 1]. */
static void
test_perfect (void)
{
  int levels[30];
  g_autoptr (ScRatings) ratings = NULL;
  g_autoptr (ScAgreement) a = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (levels); i++)
    levels[i] = 1 + i % 3;
  ratings = pairs_of_levels (levels, levels, G_N_ELEMENTS (levels));
  a = compute (ratings, SC_AGREEMENT_LEVEL_ALL, 200);
  for (guint s = 0; s < SC_AGREEMENT_N_STATISTICS; s++)
    {
      double expected = s == SC_AGREEMENT_BIAS ? 0 : 1;

      assert_value (a, s, expected, EPSILON);
      if (sc_agreement_statistic_has_interval (s))
        {
          g_assert_true (a->estimates[s].has_interval);
          g_assert_cmpfloat_with_epsilon (a->estimates[s].low, 1, EPSILON);
          g_assert_cmpfloat_with_epsilon (a->estimates[s].high, 1, EPSILON);
        }
    }
}

/* Both readers always gave 3. Exact agreement is 1; the kappas' expected
 * agreement is 1 and the alphas' expected disagreement 0, so they are
 * undefined (0/0), never NaN, and get no interval. */
static void
test_single_category (void)
{
  const int levels[] = { 3, 3, 3, 3, 3 };
  g_autoptr (ScRatings) ratings = pairs_of_levels (levels, levels, G_N_ELEMENTS (levels));
  g_autoptr (ScAgreement) a = compute (ratings, SC_AGREEMENT_LEVEL_ALL, 100);
  g_autoptr (JsonNode) node = sc_agreement_to_json (a);
  JsonObject *object = json_node_get_object (node);

  assert_value (a, SC_AGREEMENT_EXACT, 1, EPSILON);
  assert_value (a, SC_AGREEMENT_WITHIN_ONE, 1, EPSILON);
  assert_value (a, SC_AGREEMENT_BIAS, 0, EPSILON);
  for (guint s = SC_AGREEMENT_KAPPA; s <= SC_AGREEMENT_ALPHA_INTERVAL; s++)
    {
      assert_state (a, s, SC_ESTIMATE_UNDEFINED);
      g_assert_false (a->estimates[s].has_interval);
      g_assert_true (json_object_get_null_member (object, sc_agreement_statistic_to_string (s)));
    }
  g_assert_cmpfloat (json_object_get_double_member (object, "exact"), ==, 1.0);
  g_assert_cmpuint (a->n_labels, ==, 1);
  g_assert_cmpuint (a->confusion[0], ==, 5);
}

/* Missing values: units rated by one reader count as units but not as
 * pairs, and change no statistic; a unit whose only rows are empty does
 * not count at all. */
static void
test_missing (void)
{
  const int full_a[] = { 1, 2, 3, 4, 2, 3 };
  const int full_b[] = { 1, 3, 3, 4, 2, 2 };
  const int part_a[] = { 1, 2, 3, 4, 2, 3, 4, 0, 0 };
  const int part_b[] = { 1, 3, 3, 4, 2, 2, 0, 1, 0 };
  g_autoptr (ScRatings) full = pairs_of_levels (full_a, full_b, G_N_ELEMENTS (full_a));
  g_autoptr (ScRatings) part = pairs_of_levels (part_a, part_b, G_N_ELEMENTS (part_a));
  g_autoptr (ScAgreement) a = compute (full, SC_AGREEMENT_LEVEL_ALL, 0);
  g_autoptr (ScAgreement) b = compute (part, SC_AGREEMENT_LEVEL_ALL, 0);

  g_assert_cmpuint (a->n_units, ==, 6);
  g_assert_cmpuint (b->n_units, ==, 8);
  g_assert_cmpuint (b->n_pairs, ==, 6);
  for (guint s = 0; s < SC_AGREEMENT_N_STATISTICS; s++)
    {
      assert_state (b, s, SC_ESTIMATE_VALUE);
      g_assert_cmpfloat_with_epsilon (a->estimates[s].value, b->estimates[s].value, EPSILON);
    }
}

/* Three readers, labels, missing values (checked apart: 0.4642857…). A
 * fourth reader with nothing but empty values is not a reader. */
static void
test_three_readers_labels (void)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (ScRatings) ratings = load_string ("unit,reader,value\n"
                                               "1,a,good\n1,b,good\n1,c,good\n1,d,\n"
                                               "2,a,good\n2,b,weak\n2,d,\n"
                                               "3,a,weak\n3,b,weak\n3,c,adequate\n"
                                               "4,b,adequate\n4,c,adequate\n"
                                               "5,a,good\n5,b,adequate\n5,c,good\n"
                                               "6,c,weak\n"
                                               "7,a,weak\n7,b,weak\n7,c,weak\n"
                                               "8,d,\n",
                                               &error);
  g_autoptr (ScAgreement) a = NULL;

  g_assert_no_error (error);
  a = compute (ratings, SC_AGREEMENT_LEVEL_ALL, 0);
  g_assert_cmpuint (a->n_readers, ==, 3);
  g_assert_cmpuint (a->n_units, ==, 7);
  g_assert_cmpuint (a->n_pairs, ==, 6);
  g_assert_false (a->numeric);
  assert_value (a, SC_AGREEMENT_ALPHA_NOMINAL, 0.4642857142857143, EPSILON);
  assert_state (a, SC_AGREEMENT_ALPHA_ORDINAL, SC_ESTIMATE_NOT_APPLICABLE);
  assert_state (a, SC_AGREEMENT_ALPHA_INTERVAL, SC_ESTIMATE_NOT_APPLICABLE);
  assert_state (a, SC_AGREEMENT_KAPPA, SC_ESTIMATE_NOT_APPLICABLE);
  assert_state (a, SC_AGREEMENT_EXACT, SC_ESTIMATE_NOT_APPLICABLE);
  g_assert_null (a->confusion);
}

/* Labels are ordered by string, numbers by value; one label makes every
 * value a label; "10" and "010" are the same number. */
static void
test_value_order (void)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (ScRatings) numbers = load_string ("unit,reader,value\n"
                                               "1,A,9\n1,B,10\n2,A,010\n2,B,10\n2,A,10\n"
                                               "3,A,-1\n3,B,+9\n",
                                               &error);
  g_autoptr (ScRatings) labels = NULL;
  g_autoptr (ScAgreement) a = NULL;
  g_autoptr (ScAgreement) b = NULL;

  g_assert_no_error (error);
  a = compute (numbers, SC_AGREEMENT_LEVEL_ALL, 0);
  g_assert_true (a->numeric);
  g_assert_cmpstrv (a->labels, ((const char * const[]) { "-1", "9", "10", NULL }));
  g_assert_cmpint (a->levels[1], ==, 9);
  assert_value (a, SC_AGREEMENT_BIAS, (1 + 0 + 10) / 3.0, EPSILON);

  labels = load_string ("unit,reader,value\n1,A,9\n1,B,10\n2,A,x\n2,B,10\n", &error);
  g_assert_no_error (error);
  b = compute (labels, SC_AGREEMENT_LEVEL_ALL, 0);
  g_assert_false (b->numeric);
  g_assert_cmpstrv (b->labels, ((const char * const[]) { "10", "9", "x", NULL }));
  assert_state (b, SC_AGREEMENT_BIAS, SC_ESTIMATE_NOT_APPLICABLE);
}

/* One reader: nothing to compare. */
static void
test_one_reader (void)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (ScRatings) ratings = load_string ("unit,reader,value\n1,A,1\n2,A,2\n", &error);
  g_autoptr (ScAgreement) a = compute (ratings, SC_AGREEMENT_LEVEL_ALL, 100);

  g_assert_cmpuint (a->n_units, ==, 2);
  g_assert_cmpuint (a->n_pairs, ==, 0);
  assert_state (a, SC_AGREEMENT_EXACT, SC_ESTIMATE_NOT_APPLICABLE);
  assert_state (a, SC_AGREEMENT_ALPHA_NOMINAL, SC_ESTIMATE_UNDEFINED);
  assert_state (a, SC_AGREEMENT_ALPHA_INTERVAL, SC_ESTIMATE_UNDEFINED);
}

/* No ratings at all: every statistic null, the JSON still whole. */
static void
test_empty (void)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (ScRatings) ratings = load_string ("unit,reader,value\n", &error);
  g_autoptr (ScAgreement) a = NULL;
  g_autoptr (JsonNode) node = NULL;
  JsonObject *object;

  g_assert_no_error (error);
  a = compute (ratings, SC_AGREEMENT_LEVEL_ALL, 1000);
  g_assert_cmpuint (a->n_units, ==, 0);
  g_assert_cmpuint (a->n_pairs, ==, 0);
  g_assert_cmpuint (a->n_readers, ==, 0);
  g_assert_true (a->numeric);
  for (guint s = 0; s < SC_AGREEMENT_N_STATISTICS; s++)
    {
      g_assert_cmpint (a->estimates[s].state, !=, SC_ESTIMATE_VALUE);
      g_assert_false (a->estimates[s].has_interval);
    }
  node = sc_agreement_to_json (a);
  object = json_node_get_object (node);
  g_assert_cmpint (json_object_get_int_member (object, "n_units"), ==, 0);
  g_assert_true (json_object_get_null_member (object, "kappa"));
  g_assert_true (json_object_get_null_member (object, "alpha_nominal"));
  g_assert_true (json_object_get_null_member (object, "confusion"));
  g_assert_true (json_object_get_null_member (json_object_get_object_member (object, "ci"),
                                              "alpha_interval"));
}

/* --level: only the asked-for alpha. */
static void
test_levels (void)
{
  g_autoptr (ScRatings) ratings = load_data ("krippendorff-2011.csv");
  g_autoptr (ScAgreement) a = compute (ratings, SC_AGREEMENT_LEVEL_ORDINAL, 50);

  assert_state (a, SC_AGREEMENT_ALPHA_NOMINAL, SC_ESTIMATE_NOT_REQUESTED);
  assert_state (a, SC_AGREEMENT_ALPHA_INTERVAL, SC_ESTIMATE_NOT_REQUESTED);
  assert_value (a, SC_AGREEMENT_ALPHA_ORDINAL, 108577.0 / 133160, EPSILON);
  g_assert_false (a->estimates[SC_AGREEMENT_ALPHA_NOMINAL].has_interval);
  g_assert_cmpint (sc_agreement_level_from_string ("interval"), ==, SC_AGREEMENT_LEVEL_INTERVAL);
  g_assert_cmpint (sc_agreement_level_from_string ("ratio"), ==, 0);
}

/* Adding a rating after a computation is seen by the next one. */
static void
test_add_after_compute (void)
{
  const int levels[] = { 1, 2, 3 };
  g_autoptr (ScRatings) ratings = pairs_of_levels (levels, levels, G_N_ELEMENTS (levels));
  g_autoptr (ScAgreement) a = compute (ratings, SC_AGREEMENT_LEVEL_ALL, 0);
  g_autoptr (ScAgreement) b = NULL;

  g_assert_true (sc_ratings_add (ratings, "x", "A", "1", NULL));
  g_assert_true (sc_ratings_add (ratings, "x", "B", "3", NULL));
  b = compute (ratings, SC_AGREEMENT_LEVEL_ALL, 0);
  g_assert_cmpuint (a->n_pairs, ==, 3);
  g_assert_cmpuint (b->n_pairs, ==, 4);
  assert_value (b, SC_AGREEMENT_EXACT, 0.75, EPSILON);
}

/* A hundred readers on three units: past the point where a unit keeps a
 * table of its readers, repeats and conflicts are still found. Expected
 * figures from the naive computation. */
static void
test_many_readers (void)
{
  g_autoptr (ScRatings) ratings = sc_ratings_new ();
  g_autoptr (GError) error = NULL;
  g_autoptr (ScAgreement) a = NULL;

  for (int pass = 0; pass < 2; pass++)
    for (int u = 0; u < 3; u++)
      for (int r = 0; r < 100; r++)
        {
          g_autofree char *unit = g_strdup_printf ("unit %d", u);
          g_autofree char *reader = g_strdup_printf ("reader %d", r);
          g_autofree char *value = g_strdup_printf ("%d", 1 + (r % 10 < 7 ? u : r % 4));

          g_assert_true (sc_ratings_add (ratings, unit, reader, value, NULL));
        }
  g_assert_false (sc_ratings_add (ratings, "unit 1", "reader 77", "4", &error));
  g_assert_error (error, SC_AGREEMENT_ERROR, SC_AGREEMENT_ERROR_CONFLICT);
  g_assert_true (sc_ratings_add (ratings, "unit 1", "reader 3", "2", NULL));

  a = compute (ratings, SC_AGREEMENT_LEVEL_ALL, 0);
  g_assert_cmpuint (a->n_readers, ==, 100);
  g_assert_cmpuint (a->n_pairs, ==, 3);
  assert_value (a, SC_AGREEMENT_ALPHA_NOMINAL, 0.45108470630512393, EPSILON);
  assert_value (a, SC_AGREEMENT_ALPHA_ORDINAL, 0.4026420664071075, EPSILON);
  assert_value (a, SC_AGREEMENT_ALPHA_INTERVAL, 0.34815783736647044, EPSILON);
}

/* Unit and reader columns swapped by mistake: one unit, many "readers".
 * Nothing here may take time quadratic in the readers. */
static void
test_swapped_columns (void)
{
  g_autoptr (GString) text = g_string_new ("unit,reader,value\n");
  g_autoptr (GError) error = NULL;
  g_autoptr (ScRatings) ratings = NULL;
  g_autoptr (ScAgreement) a = NULL;

  for (guint i = 0; i < 200000; i++)
    g_string_append_printf (text, "lead,record-%u,%u\n", i, 1 + i % 4);
  ratings = load_string (text->str, &error);
  g_assert_no_error (error);
  a = compute (ratings, SC_AGREEMENT_LEVEL_ALL, 100);
  g_assert_cmpuint (a->n_units, ==, 1);
  g_assert_cmpuint (a->n_readers, ==, 200000);
  g_assert_cmpuint (a->n_pairs, ==, 1);
  assert_state (a, SC_AGREEMENT_ALPHA_NOMINAL, SC_ESTIMATE_VALUE);
}

/* Bootstrap */

static void
assert_same_intervals (const ScAgreement *a,
                       const ScAgreement *b)
{
  for (guint s = 0; s < SC_AGREEMENT_N_STATISTICS; s++)
    {
      g_assert_cmpint (a->estimates[s].has_interval, ==, b->estimates[s].has_interval);
      g_assert_cmpfloat (a->estimates[s].low, ==, b->estimates[s].low);
      g_assert_cmpfloat (a->estimates[s].high, ==, b->estimates[s].high);
    }
}

/* The same seed gives the same intervals; each holds its point estimate;
 * no resamples, no intervals. */
static void
test_bootstrap_seeded (void)
{
  g_autoptr (ScRatings) ratings = load_data ("six-point.csv");
  ScAgreementOptions options;
  g_autoptr (ScAgreement) a = NULL;
  g_autoptr (ScAgreement) b = NULL;
  g_autoptr (ScAgreement) c = NULL;
  g_autoptr (ScAgreement) none = NULL;
  gboolean differs = FALSE;

  sc_agreement_options_init (&options);
  options.seed = 7;
  a = sc_agreement_compute (ratings, &options);
  b = sc_agreement_compute (ratings, &options);
  options.seed = 8;
  c = sc_agreement_compute (ratings, &options);
  assert_same_intervals (a, b);

  for (guint s = 0; s < SC_AGREEMENT_N_STATISTICS; s++)
    {
      const ScEstimate *e = &a->estimates[s];

      g_assert_cmpint (e->has_interval, ==, sc_agreement_statistic_has_interval (s));
      if (!e->has_interval)
        continue;
      g_assert_cmpfloat (e->low, <=, e->value);
      g_assert_cmpfloat (e->value, <=, e->high);
      g_assert_cmpfloat (e->low, <, e->high);
      differs |= e->low != c->estimates[s].low || e->high != c->estimates[s].high;
    }
  g_assert_true (differs);

  options.resamples = 0;
  none = sc_agreement_compute (ratings, &options);
  for (guint s = 0; s < SC_AGREEMENT_N_STATISTICS; s++)
    g_assert_false (none->estimates[s].has_interval);
}

/* Drawing per profile must give what drawing units one by one gives: the
 * same kappa interval, within what two sets of 4000 resamples can tell. */
static void
test_bootstrap_matches_units (void)
{
  g_autoptr (ScRatings) ratings = load_data ("kappa-2x2.csv");
  ScAgreementOptions options;
  g_autoptr (ScAgreement) a = NULL;
  const ScRatingsIndex *index = sc_ratings_get_index (ratings);
  g_autoptr (ScProfiles) profiles = sc_profiles_new (index);
  g_autoptr (ScKappaPlan) plan = sc_kappa_plan_new (profiles);
  g_autoptr (GRand) rand = g_rand_new_with_seed (99);
  g_autofree guint *profile_of_unit = g_new (guint, 50);
  g_autofree double *drawn = g_new (double, profiles->n_profiles);
  g_autofree double *kappas = g_new (double, 4000);
  guint n = 0, n_kappas = 0;
  double low, high;

  for (guint p = 0; p < profiles->n_profiles; p++)
    for (guint i = 0; i < profiles->units[p]; i++)
      profile_of_unit[n++] = p;
  g_assert_cmpuint (n, ==, 50);
  for (guint r = 0; r < 4000; r++)
    {
      ScKappaResult k;

      memset (drawn, 0, sizeof (double) * profiles->n_profiles);
      for (guint i = 0; i < n; i++)
        drawn[profile_of_unit[g_rand_int_range (rand, 0, n)]] += 1;
      sc_kappa_compute (plan, drawn, &k);
      if (k.defined)
        kappas[n_kappas++] = k.kappa;
    }
  g_assert_true (sc_agreement_percentile_interval (kappas, n_kappas, 4000, &low, &high));

  sc_agreement_options_init (&options);
  options.resamples = 4000;
  a = sc_agreement_compute (ratings, &options);
  g_assert_cmpfloat_with_epsilon (a->estimates[SC_AGREEMENT_KAPPA].low, low, 0.03);
  g_assert_cmpfloat_with_epsilon (a->estimates[SC_AGREEMENT_KAPPA].high, high, 0.03);
}

/* The binomial sampler: moments on both algorithms' ranges, and its edges. */
static void
test_binomial (void)
{
  const struct
  {
    guint64 n;
    double p;
  } cases[] = {
    { 10, 0.3 }, { 1000, 0.01 }, { 1000, 0.3 }, { 50, 0.9 }, { 1000000, 0.4 }, { 200, 0.5 },
  };
  g_autoptr (GRand) rand = g_rand_new_with_seed (1);
  const guint draws = 20000;

  g_assert_cmpuint (sc_agreement_binomial (rand, 0, 0.5), ==, 0);
  g_assert_cmpuint (sc_agreement_binomial (rand, 10, 0.0), ==, 0);
  g_assert_cmpuint (sc_agreement_binomial (rand, 10, 1.0), ==, 10);

  for (guint c = 0; c < G_N_ELEMENTS (cases); c++)
    {
      double n = cases[c].n, p = cases[c].p;
      double mean = n * p, variance = n * p * (1 - p);
      double sum = 0, squares = 0;

      for (guint i = 0; i < draws; i++)
        {
          guint64 x = sc_agreement_binomial (rand, cases[c].n, p);

          g_assert_cmpuint (x, <=, cases[c].n);
          sum += x;
          squares += ((double) x - mean) * ((double) x - mean);
        }
      /* Five standard errors for the mean, 5% for the variance. */
      g_assert_cmpfloat (fabs (sum / draws - mean), <, 5 * sqrt (variance / draws));
      g_assert_cmpfloat (fabs (squares / draws / variance - 1), <, 0.05);
    }
}

static void
test_multinomial_and_percentiles (void)
{
  const double units[] = { 5, 0, 30, 1, 14 };
  double drawn[G_N_ELEMENTS (units)];
  double values[100];
  g_autoptr (GRand) rand = g_rand_new_with_seed (3);
  double low, high;

  for (guint r = 0; r < 100; r++)
    {
      double total = 0;

      sc_agreement_multinomial (rand, units, G_N_ELEMENTS (units), 50, drawn);
      for (guint i = 0; i < G_N_ELEMENTS (units); i++)
        total += drawn[i];
      g_assert_cmpfloat (total, ==, 50);
      g_assert_cmpfloat (drawn[1], ==, 0);
    }

  /* Type 7 percentiles of 0 … 99; and fewer than 95% defined: none. */
  for (guint i = 0; i < 100; i++)
    values[i] = 99 - i;
  g_assert_true (sc_agreement_percentile_interval (values, 100, 100, &low, &high));
  g_assert_cmpfloat_with_epsilon (low, 2.475, EPSILON);
  g_assert_cmpfloat_with_epsilon (high, 96.525, EPSILON);
  g_assert_true (sc_agreement_percentile_interval (values, 95, 100, &low, &high));
  g_assert_false (sc_agreement_percentile_interval (values, 94, 100, &low, &high));
  g_assert_false (sc_agreement_percentile_interval (values, 0, 100, &low, &high));
}

/* CSV */

/* Byte order mark, CRLF, spaces, quotes with commas, doubled quotes and a
 * line break inside, blank lines, empty values. */
static void
test_csv_good (void)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (ScRatings) ratings = load_string ("\xEF\xBB\xBF unit , reader,value \r\n"
                                               "\r\n"
                                               "\"r, 1\",A,\"Good\"\r\n"
                                               "\"r, 1\", B ,\"Very \"\"good\"\"\"  \r\n"
                                               "\"r\n2\",A,Weak\n"
                                               "\"r\n2\",B,\n"
                                               "r3,A,\n"
                                               "   \n"
                                               "r4,\"A\",\"\"\n"
                                               "r4,B,Weak",
                                               &error);
  g_autoptr (ScAgreement) a = NULL;

  g_assert_no_error (error);
  g_assert_cmpuint (sc_ratings_get_n_units (ratings), ==, 3);
  g_assert_cmpuint (sc_ratings_get_n_readers (ratings), ==, 2);
  g_assert_false (sc_ratings_is_numeric (ratings));
  a = compute (ratings, SC_AGREEMENT_LEVEL_ALL, 0);
  g_assert_cmpuint (a->n_pairs, ==, 1);
  g_assert_cmpstrv (a->labels, ((const char * const[]) { "Good", "Very \"good\"", NULL }));
}

/* The same value twice is harmless, "3" and "03" are the same value, and
 * an empty value never conflicts. */
static void
test_csv_repeats (void)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (ScRatings) ratings = load_string ("unit,reader,value\n"
                                               "1,A,3\n1,A,3\n1,A,03\n1,A,\n1,B,\n1,B,4\n",
                                               &error);
  g_autoptr (ScAgreement) a = NULL;

  g_assert_no_error (error);
  a = compute (ratings, SC_AGREEMENT_LEVEL_ALL, 0);
  g_assert_cmpuint (a->n_pairs, ==, 1);
  assert_value (a, SC_AGREEMENT_BIAS, 1, EPSILON);
}

typedef struct
{
  const char *name;
  const char *text;
  const char *message; /* the whole message starts with this */
  ScAgreementError code;
  gsize length; /* of TEXT, when it holds a NUL; else 0 */
} BadCase;

static const BadCase bad_cases[] = {
  { "empty", "", "t.csv: the file is empty", SC_AGREEMENT_ERROR_MALFORMED },
  { "only-bom", "\xEF\xBB\xBF\n\n", "t.csv: the file is empty", SC_AGREEMENT_ERROR_MALFORMED },
  { "header", "id,rater,score\n1,A,2\n",
    "t.csv:1: the first line must be the header “unit,reader,value”, not “id,rater,score”",
    SC_AGREEMENT_ERROR_MALFORMED },
  { "header-short", "\nunit,reader\n", "t.csv:2: the first line must be the header",
    SC_AGREEMENT_ERROR_MALFORMED },
  { "header-long", "unit,reader,value,note\n", "t.csv:1: the first line must be the header",
    SC_AGREEMENT_ERROR_MALFORMED },
  { "too-few", "unit,reader,value\nu1,A,1\nu1,B\n",
    "t.csv:3: expected 3 fields (unit,reader,value) but found 2", SC_AGREEMENT_ERROR_MALFORMED },
  { "too-many", "unit,reader,value\n\nu1,A,1,2\n", "t.csv:3: expected 3 fields",
    SC_AGREEMENT_ERROR_MALFORMED },
  { "conflict", "unit,reader,value\nu1,A,3\nu1,B,3\nu1,A,4\n",
    "t.csv:4: reader “A” gives unit “u1” the value “4” but gave it “3” before",
    SC_AGREEMENT_ERROR_CONFLICT },
  { "unclosed", "unit,reader,value\nu1,A,\"3\nu2,A,4\n", "t.csv:2: a quoted field is not closed",
    SC_AGREEMENT_ERROR_MALFORMED },
  { "after-quote", "unit,reader,value\nu1,\"A\"x,3\n", "t.csv:2: unexpected text after",
    SC_AGREEMENT_ERROR_MALFORMED },
  { "stray-quote", "unit,reader,value\nu1,A\"B,3\n", "t.csv:2: a quote inside a field",
    SC_AGREEMENT_ERROR_MALFORMED },
  { "no-unit", "unit,reader,value\n,A,3\n", "t.csv:2: the unit is empty",
    SC_AGREEMENT_ERROR_INVALID },
  { "no-reader", "unit,reader,value\nu1, ,3\n", "t.csv:2: the reader is empty",
    SC_AGREEMENT_ERROR_INVALID },
  { "not-utf8", "unit,reader,value\nu1,A,1\nu1,B,\xff\n", "t.csv:3: this line is not UTF-8",
    SC_AGREEMENT_ERROR_MALFORMED },
  { "nul", "unit,reader,value\nu1,A,1\0\n", "t.csv:2: this line is not UTF-8",
    SC_AGREEMENT_ERROR_MALFORMED, sizeof "unit,reader,value\nu1,A,1\0\n" - 1 },
  /* What the user wrote is shown on one line, line breaks escaped. */
  { "header-line-break", "\"unit\nid\",reader,value\n",
    "t.csv:1: the first line must be the header “unit,reader,value”, "
    "not “unit\\nid,reader,value”",
    SC_AGREEMENT_ERROR_MALFORMED },
  { "conflict-line-break", "unit,reader,value\n\"u\n1\",A,3\n\"u\n1\",A,\"4\r\n\"\n",
    "t.csv:4: reader “A” gives unit “u\\n1” the value “4\\r\\n” but gave it “3” before",
    SC_AGREEMENT_ERROR_CONFLICT },
  /* A record spanning lines: the next one starts on line 4. */
  { "line-count", "unit,reader,value\n\"u\n1\",A,3\nu2,A\n", "t.csv:4: expected 3 fields",
    SC_AGREEMENT_ERROR_MALFORMED },
};

static void
test_csv_bad (gconstpointer data)
{
  const BadCase *bad = data;
  g_autoptr (GError) error = NULL;
  gsize length = bad->length != 0 ? bad->length : strlen (bad->text);
  g_autoptr (GBytes) bytes = g_bytes_new (bad->text, length);
  g_autoptr (ScRatings) ratings = sc_ratings_load_csv_bytes (bytes, "t.csv", &error);

  g_assert_null (ratings);
  g_assert_error (error, SC_AGREEMENT_ERROR, (int) bad->code);
  if (!g_str_has_prefix (error->message, bad->message))
    g_error ("expected “%s…”, got “%s”", bad->message, error->message);
  g_assert_null (strchr (error->message, '\n'));
}

/* More than SC_AGREEMENT_MAX_VALUES different values: refused where the
 * first one too many is. */
static void
test_csv_too_many_values (void)
{
  g_autoptr (GString) text = g_string_new ("unit,reader,value\n");
  g_autoptr (GError) error = NULL;
  g_autoptr (ScRatings) ratings = NULL;
  g_autofree char *expected = NULL;

  for (guint i = 0; i <= SC_AGREEMENT_MAX_VALUES; i++)
    g_string_append_printf (text, "u%u,A,v%u\n", i, i);
  ratings = load_string (text->str, &error);
  g_assert_null (ratings);
  g_assert_error (error, SC_AGREEMENT_ERROR, SC_AGREEMENT_ERROR_INVALID);
  expected = g_strdup_printf ("t.csv:%u: more than %d different values",
                              SC_AGREEMENT_MAX_VALUES + 2, SC_AGREEMENT_MAX_VALUES);
  g_assert_true (g_str_has_prefix (error->message, expected));
}

/* A refused rating leaves no trace: the label it brought does not turn the
 * numbers into labels. */
static void
test_refused_rating (void)
{
  g_autoptr (ScRatings) ratings = sc_ratings_new ();
  g_autoptr (GError) error = NULL;

  g_assert_true (sc_ratings_add (ratings, "u", "A", "3", NULL));
  g_assert_false (sc_ratings_add (ratings, "u", "A", "x", &error));
  g_assert_error (error, SC_AGREEMENT_ERROR, SC_AGREEMENT_ERROR_CONFLICT);
  g_assert_false (sc_ratings_add (ratings, "", "C", "x", NULL));
  g_assert_false (sc_ratings_add (ratings, "v", "C", "\xc3", NULL));
  g_assert_true (sc_ratings_is_numeric (ratings));
  g_assert_cmpuint (sc_ratings_get_n_readers (ratings), ==, 1);
}

static void
test_csv_missing_file (void)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (ScRatings) ratings = sc_ratings_load_csv ("/nonexistent/r.csv", &error);

  g_assert_null (ratings);
  g_assert_error (error, SC_AGREEMENT_ERROR, SC_AGREEMENT_ERROR_IO);
  g_assert_true (g_str_has_prefix (error->message, "/nonexistent/r.csv: "));
}

/* JSON */

static void
test_json (void)
{
  static const char * const keys[] = {
    "n_units", "n_pairs", "exact", "within_one", "kappa", "kappa_linear", "kappa_quadratic",
    "alpha_nominal", "alpha_ordinal", "alpha_interval", "confusion", "bias", "ci", NULL,
  };
  g_autoptr (ScRatings) ratings = load_data ("six-point.csv");
  g_autoptr (ScAgreement) a = compute (ratings, SC_AGREEMENT_LEVEL_ALL, 100);
  g_autoptr (JsonNode) node = sc_agreement_to_json (a);
  g_autoptr (GList) members = NULL;
  JsonObject *object = json_node_get_object (node);
  JsonObject *confusion, *ci;
  JsonArray *matrix, *kappa;
  guint i = 0;

  members = json_object_get_members (object);
  for (GList *m = members; m != NULL; m = m->next, i++)
    g_assert_cmpstr (m->data, ==, keys[i]);
  g_assert_null (keys[i]);

  g_assert_cmpint (json_object_get_int_member (object, "n_pairs"), ==, 15);
  g_assert_cmpfloat_with_epsilon (json_object_get_double_member (object, "kappa_quadratic"), 0.8,
                                  EPSILON);
  confusion = json_object_get_object_member (object, "confusion");
  g_assert_cmpint (json_array_get_int_element (json_object_get_array_member (confusion,
                                                                             "labels"), 5),
                   ==, 6);
  matrix = json_object_get_array_member (confusion, "matrix");
  g_assert_cmpuint (json_array_get_length (matrix), ==, 6);
  g_assert_cmpint (json_array_get_int_element (json_array_get_array_element (matrix, 2), 2), ==,
                   2);
  ci = json_object_get_object_member (object, "ci");
  g_assert_cmpuint (json_object_get_size (ci), ==, 6);
  kappa = json_object_get_array_member (ci, "kappa");
  g_assert_cmpuint (json_array_get_length (kappa), ==, 2);
  g_assert_cmpfloat (json_array_get_double_element (kappa, 0), ==,
                     a->estimates[SC_AGREEMENT_KAPPA].low);
}

int
main (int    argc,
      char **argv)
{
  setlocale (LC_ALL, "");
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/agreement/krippendorff-2011", test_krippendorff_2011);
  g_test_add_func ("/agreement/kappa/textbook", test_kappa_textbook);
  g_test_add_func ("/agreement/kappa/weighted", test_kappa_weighted);
  g_test_add_func ("/agreement/kappa/categories-seen", test_kappa_categories_seen);
  g_test_add_func ("/agreement/degenerate/perfect", test_perfect);
  g_test_add_func ("/agreement/degenerate/single-category", test_single_category);
  g_test_add_func ("/agreement/degenerate/missing", test_missing);
  g_test_add_func ("/agreement/degenerate/one-reader", test_one_reader);
  g_test_add_func ("/agreement/degenerate/empty", test_empty);
  g_test_add_func ("/agreement/three-readers-labels", test_three_readers_labels);
  g_test_add_func ("/agreement/value-order", test_value_order);
  g_test_add_func ("/agreement/levels", test_levels);
  g_test_add_func ("/agreement/add-after-compute", test_add_after_compute);
  g_test_add_func ("/agreement/many-readers", test_many_readers);
  g_test_add_func ("/agreement/swapped-columns", test_swapped_columns);
  g_test_add_func ("/agreement/bootstrap/seeded", test_bootstrap_seeded);
  g_test_add_func ("/agreement/bootstrap/matches-units", test_bootstrap_matches_units);
  g_test_add_func ("/agreement/bootstrap/binomial", test_binomial);
  g_test_add_func ("/agreement/bootstrap/multinomial", test_multinomial_and_percentiles);
  g_test_add_func ("/agreement/csv/good", test_csv_good);
  g_test_add_func ("/agreement/csv/repeats", test_csv_repeats);
  for (guint i = 0; i < G_N_ELEMENTS (bad_cases); i++)
    {
      g_autofree char *path = g_strdup_printf ("/agreement/csv/bad/%s", bad_cases[i].name);

      g_test_add_data_func (path, &bad_cases[i], test_csv_bad);
    }
  g_test_add_func ("/agreement/csv/too-many-values", test_csv_too_many_values);
  g_test_add_func ("/agreement/csv/refused-rating", test_refused_rating);
  g_test_add_func ("/agreement/csv/missing-file", test_csv_missing_file);
  g_test_add_func ("/agreement/json", test_json);
  return g_test_run ();
}
