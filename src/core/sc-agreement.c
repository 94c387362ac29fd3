/* sc-agreement.c: from ratings to estimates and their intervals
 *
 * Copyright 2026 The Scrutineer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "sc-agreement-private.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

static const char * const statistic_names[SC_AGREEMENT_N_STATISTICS] = {
  "exact", "within_one", "kappa", "kappa_linear", "kappa_quadratic",
  "alpha_nominal", "alpha_ordinal", "alpha_interval", "bias",
};

const char *
sc_agreement_statistic_to_string (ScAgreementStatistic statistic)
{
  g_return_val_if_fail (statistic < SC_AGREEMENT_N_STATISTICS, NULL);
  return statistic_names[statistic];
}

gboolean
sc_agreement_statistic_has_interval (ScAgreementStatistic statistic)
{
  return statistic >= SC_AGREEMENT_KAPPA && statistic <= SC_AGREEMENT_ALPHA_INTERVAL;
}

ScAgreementLevel
sc_agreement_level_from_string (const char *name)
{
  if (g_strcmp0 (name, "nominal") == 0)
    return SC_AGREEMENT_LEVEL_NOMINAL;
  if (g_strcmp0 (name, "ordinal") == 0)
    return SC_AGREEMENT_LEVEL_ORDINAL;
  if (g_strcmp0 (name, "interval") == 0)
    return SC_AGREEMENT_LEVEL_INTERVAL;
  return 0;
}

void
sc_agreement_options_init (ScAgreementOptions *options)
{
  options->levels = SC_AGREEMENT_LEVEL_ALL;
  options->resamples = SC_AGREEMENT_DEFAULT_RESAMPLES;
  options->seed = SC_AGREEMENT_DEFAULT_SEED;
}

/* Profiles */

void
sc_profiles_free (ScProfiles *profiles)
{
  if (profiles == NULL)
    return;
  g_free (profiles->units);
  g_free (profiles->first);
  g_free (profiles->second);
  g_free (profiles->start);
  g_free (profiles->categories);
  g_free (profiles->counts);
  g_free (profiles);
}

static ScProfiles *
profiles_alloc (const ScRatingsIndex *index,
                guint                 n_profiles,
                guint                 n_slots)
{
  ScProfiles *profiles = g_new0 (ScProfiles, 1);

  profiles->n_profiles = n_profiles;
  profiles->n_categories = index->n_categories;
  profiles->category_levels = index->numeric ? index->category_levels : NULL;
  profiles->units = g_new0 (double, n_profiles + 1);
  profiles->start = g_new0 (guint, n_profiles + 1);
  profiles->categories = g_new (guint32, n_slots + 1);
  profiles->counts = g_new (guint32, n_slots + 1);
  return profiles;
}

/* Two readers: a profile is a cell of the K×K table, counted in one pass
 * over the units. This is the path a million pairs take. */
static ScProfiles *
profiles_of_pairs (const ScRatingsIndex *index)
{
  guint k = index->n_categories;
  g_autofree guint *cells = g_new0 (guint, (gsize) k * k + 1);
  const ScRating *ratings = index->ratings;
  ScProfiles *profiles;
  guint n = 0, slot = 0;

  for (guint u = 0; u < index->n_units; u++)
    {
      const ScRating *later = &ratings[index->unit_last[u] - 1];
      const ScRating *earlier;
      guint32 a, b;

      if (later->previous == 0)
        continue;
      earlier = &ratings[later->previous - 1];
      a = index->category_of_value[earlier->value];
      b = index->category_of_value[later->value];
      /* Added in either order; rows are the reader whose id sorts first. */
      if (index->reader_rank[earlier->reader] > index->reader_rank[later->reader])
        cells[(gsize) b * k + a]++;
      else
        cells[(gsize) a * k + b]++;
    }
  for (gsize cell = 0; cell < (gsize) k * k; cell++)
    n += cells[cell] > 0;

  profiles = profiles_alloc (index, n, 2 * n);
  profiles->two_readers = TRUE;
  profiles->first = g_new (guint32, n + 1);
  profiles->second = g_new (guint32, n + 1);
  n = 0;
  for (gsize cell = 0; cell < (gsize) k * k; cell++)
    {
      guint32 a = cell / k, b = cell % k;

      if (cells[cell] == 0)
        continue;
      profiles->first[n] = a;
      profiles->second[n] = b;
      profiles->units[n] = cells[cell];
      profiles->n_units += cells[cell];
      profiles->start[n] = slot;
      if (a == b)
        {
          profiles->categories[slot] = a;
          profiles->counts[slot++] = 2;
        }
      else
        {
          profiles->categories[slot] = MIN (a, b);
          profiles->counts[slot++] = 1;
          profiles->categories[slot] = MAX (a, b);
          profiles->counts[slot++] = 1;
        }
      n++;
    }
  profiles->start[n] = slot;
  return profiles;
}

/* Keys of the multiset table: [m, c_1 … c_m], categories ascending. */
static guint
multiset_hash (gconstpointer key)
{
  const guint32 *k = key;
  guint hash = 2166136261u;

  for (guint i = 0; i <= k[0]; i++)
    hash = (hash ^ k[i]) * 16777619u;
  return hash;
}

static gboolean
multiset_equal (gconstpointer a,
                gconstpointer b)
{
  const guint32 *x = a, *y = b;

  return x[0] == y[0] && memcmp (x + 1, y + 1, sizeof (guint32) * x[0]) == 0;
}

static int
compare_categories (const void *a,
                    const void *b)
{
  guint32 x = *(const guint32 *) a, y = *(const guint32 *) b;

  return (x > y) - (x < y);
}

/* Other than two readers: a profile is the multiset of a unit's values. */
static ScProfiles *
profiles_of_multisets (const ScRatingsIndex *index)
{
  g_autoptr (GHashTable) seen = g_hash_table_new_full (multiset_hash, multiset_equal,
                                                       g_free, NULL);
  g_autoptr (GPtrArray) keys = g_ptr_array_new ();
  g_autoptr (GArray) units = g_array_new (FALSE, TRUE, sizeof (double));
  g_autofree guint32 *key = g_new (guint32, index->n_readers + 1);
  ScProfiles *profiles;
  guint n_slots = 0, slot = 0;

  for (guint u = 0; u < index->n_units; u++)
    {
      guint m = 0;
      gpointer found;
      guint id;

      for (guint32 at = index->unit_last[u]; at != 0; at = index->ratings[at - 1].previous)
        key[++m] = index->category_of_value[index->ratings[at - 1].value];
      if (m < 2)
        continue;
      key[0] = m;
      qsort (key + 1, m, sizeof (guint32), compare_categories);
      found = g_hash_table_lookup (seen, key);
      if (found == NULL)
        {
          guint32 *copy = g_memdup2 (key, sizeof (guint32) * (m + 1));
          double zero = 0;

          id = keys->len;
          g_ptr_array_add (keys, copy);
          g_hash_table_insert (seen, copy, GUINT_TO_POINTER (id + 1));
          g_array_append_val (units, zero);
          for (guint i = 1; i <= m; i++)
            n_slots += i == 1 || copy[i] != copy[i - 1];
        }
      else
        id = GPOINTER_TO_UINT (found) - 1;
      g_array_index (units, double, id) += 1;
    }

  profiles = profiles_alloc (index, keys->len, n_slots);
  for (guint p = 0; p < keys->len; p++)
    {
      const guint32 *k = g_ptr_array_index (keys, p);

      profiles->units[p] = g_array_index (units, double, p);
      profiles->n_units += profiles->units[p];
      profiles->start[p] = slot;
      for (guint i = 1; i <= k[0]; i++)
        {
          if (i == 1 || k[i] != k[i - 1])
            {
              profiles->categories[slot] = k[i];
              profiles->counts[slot++] = 0;
            }
          profiles->counts[slot - 1]++;
        }
    }
  profiles->start[keys->len] = slot;
  return profiles;
}

ScProfiles *
sc_profiles_new (const ScRatingsIndex *index)
{
  if (index->n_readers == 2)
    return profiles_of_pairs (index);
  return profiles_of_multisets (index);
}

/* Estimates */

void
sc_agreement_free (ScAgreement *self)
{
  if (self == NULL)
    return;
  g_strfreev (self->readers);
  g_strfreev (self->labels);
  g_free (self->levels);
  g_free (self->confusion);
  g_free (self);
}

/* Which statistics apply; the rest start as undefined until computed. */
static void
set_states (ScAgreement      *self,
            ScAgreementLevel  levels)
{
  gboolean two = self->n_readers == 2;

  for (guint s = 0; s < SC_AGREEMENT_N_STATISTICS; s++)
    self->estimates[s].state = SC_ESTIMATE_UNDEFINED;
  if (!two)
    {
      self->estimates[SC_AGREEMENT_EXACT].state = SC_ESTIMATE_NOT_APPLICABLE;
      self->estimates[SC_AGREEMENT_KAPPA].state = SC_ESTIMATE_NOT_APPLICABLE;
    }
  if (!two || !self->numeric)
    {
      self->estimates[SC_AGREEMENT_WITHIN_ONE].state = SC_ESTIMATE_NOT_APPLICABLE;
      self->estimates[SC_AGREEMENT_KAPPA_LINEAR].state = SC_ESTIMATE_NOT_APPLICABLE;
      self->estimates[SC_AGREEMENT_KAPPA_QUADRATIC].state = SC_ESTIMATE_NOT_APPLICABLE;
      self->estimates[SC_AGREEMENT_BIAS].state = SC_ESTIMATE_NOT_APPLICABLE;
    }
  if (!self->numeric)
    {
      self->estimates[SC_AGREEMENT_ALPHA_ORDINAL].state = SC_ESTIMATE_NOT_APPLICABLE;
      self->estimates[SC_AGREEMENT_ALPHA_INTERVAL].state = SC_ESTIMATE_NOT_APPLICABLE;
    }
  if (!(levels & SC_AGREEMENT_LEVEL_NOMINAL))
    self->estimates[SC_AGREEMENT_ALPHA_NOMINAL].state = SC_ESTIMATE_NOT_REQUESTED;
  if (!(levels & SC_AGREEMENT_LEVEL_ORDINAL))
    self->estimates[SC_AGREEMENT_ALPHA_ORDINAL].state = SC_ESTIMATE_NOT_REQUESTED;
  if (!(levels & SC_AGREEMENT_LEVEL_INTERVAL))
    self->estimates[SC_AGREEMENT_ALPHA_INTERVAL].state = SC_ESTIMATE_NOT_REQUESTED;
}

static gboolean
wanted (const ScAgreement    *self,
        ScAgreementStatistic  statistic)
{
  return self->estimates[statistic].state != SC_ESTIMATE_NOT_APPLICABLE
         && self->estimates[statistic].state != SC_ESTIMATE_NOT_REQUESTED;
}

static void
set_estimate (ScAgreement          *self,
              ScAgreementStatistic  statistic,
              gboolean              defined,
              double                value)
{
  ScEstimate *estimate = &self->estimates[statistic];

  if (!wanted (self, statistic))
    return;
  /* Belt and braces: whatever the data, nothing that is not a number
   * leaves this module. */
  estimate->state = defined && isfinite (value) ? SC_ESTIMATE_VALUE : SC_ESTIMATE_UNDEFINED;
  estimate->value = estimate->state == SC_ESTIMATE_VALUE ? value : 0;
}

static ScAgreementLevel
wanted_levels (const ScAgreement *self,
               gboolean           defined_only)
{
  static const struct
  {
    ScAgreementStatistic statistic;
    ScAgreementLevel level;
  } alphas[] = {
    { SC_AGREEMENT_ALPHA_NOMINAL, SC_AGREEMENT_LEVEL_NOMINAL },
    { SC_AGREEMENT_ALPHA_ORDINAL, SC_AGREEMENT_LEVEL_ORDINAL },
    { SC_AGREEMENT_ALPHA_INTERVAL, SC_AGREEMENT_LEVEL_INTERVAL },
  };
  ScAgreementLevel levels = 0;

  for (guint i = 0; i < G_N_ELEMENTS (alphas); i++)
    if (defined_only ? self->estimates[alphas[i].statistic].state == SC_ESTIMATE_VALUE
                     : wanted (self, alphas[i].statistic))
      levels |= alphas[i].level;
  return levels;
}

static void
store_kappa (ScAgreement         *self,
             const ScKappaResult *k)
{
  set_estimate (self, SC_AGREEMENT_EXACT, k->n > 0, k->exact);
  set_estimate (self, SC_AGREEMENT_WITHIN_ONE, k->n > 0, k->within_one);
  set_estimate (self, SC_AGREEMENT_BIAS, k->n > 0, k->bias);
  set_estimate (self, SC_AGREEMENT_KAPPA, k->defined, k->kappa);
  set_estimate (self, SC_AGREEMENT_KAPPA_LINEAR, k->defined, k->kappa_linear);
  set_estimate (self, SC_AGREEMENT_KAPPA_QUADRATIC, k->defined, k->kappa_quadratic);
}

static void
store_alpha (ScAgreement         *self,
             const ScAlphaResult *a)
{
  set_estimate (self, SC_AGREEMENT_ALPHA_NOMINAL, a->defined, a->nominal);
  set_estimate (self, SC_AGREEMENT_ALPHA_ORDINAL, a->defined, a->ordinal);
  set_estimate (self, SC_AGREEMENT_ALPHA_INTERVAL, a->defined, a->interval);
}

/* The confusion matrix over the categories seen in pairs, the kappa's. */
static void
fill_confusion (ScAgreement          *self,
                const ScRatingsIndex *index,
                const ScProfiles     *profiles,
                const ScKappaPlan    *plan)
{
  guint n = sc_kappa_plan_get_n_categories (plan);
  const guint32 *categories = sc_kappa_plan_get_categories (plan);
  g_autofree guint32 *rank = g_new0 (guint32, index->n_categories + 1);

  self->n_labels = n;
  self->labels = g_new0 (char *, n + 1);
  if (index->numeric)
    self->levels = g_new (int, n + 1);
  self->confusion = g_new0 (guint, (gsize) n * n + 1);
  for (guint i = 0; i < n; i++)
    {
      rank[categories[i]] = i;
      self->labels[i] = g_strdup (index->category_names[categories[i]]);
      if (index->numeric)
        self->levels[i] = index->category_levels[categories[i]];
    }
  for (guint p = 0; p < profiles->n_profiles; p++)
    self->confusion[(gsize) rank[profiles->first[p]] * n + rank[profiles->second[p]]]
      = (guint) profiles->units[p];
}

typedef struct
{
  double *values[SC_AGREEMENT_N_STATISTICS]; /* NULL for statistics not resampled */
  guint n_values[SC_AGREEMENT_N_STATISTICS];
} Samples;

static void
add_sample (Samples              *samples,
            ScAgreementStatistic  statistic,
            gboolean              defined,
            double                value)
{
  if (samples->values[statistic] != NULL && defined && isfinite (value))
    samples->values[statistic][samples->n_values[statistic]++] = value;
}

/* Percentile intervals from RESAMPLES multinomial draws of the pairable
 * units over the profiles. Only statistics with a point estimate get one. */
static void
bootstrap (ScAgreement        *self,
           const ScProfiles   *profiles,
           ScKappaPlan        *kappa_plan,
           ScAlphaPlan        *alpha_plan,
           guint               resamples,
           guint32             seed)
{
  g_autoptr (GRand) rand = g_rand_new_with_seed (seed);
  g_autofree double *drawn = g_new (double, profiles->n_profiles + 1);
  ScAgreementLevel levels = wanted_levels (self, TRUE);
  gboolean any_kappa = FALSE;
  Samples samples = { { NULL }, { 0 } };

  for (guint s = 0; s < SC_AGREEMENT_N_STATISTICS; s++)
    if (sc_agreement_statistic_has_interval (s) && self->estimates[s].state == SC_ESTIMATE_VALUE)
      {
        samples.values[s] = g_new (double, resamples);
        any_kappa |= s <= SC_AGREEMENT_KAPPA_QUADRATIC;
      }

  for (guint r = 0; r < resamples && (any_kappa || levels != 0); r++)
    {
      sc_agreement_multinomial (rand, profiles->units, profiles->n_profiles, profiles->n_units,
                                drawn);
      if (any_kappa)
        {
          ScKappaResult k;

          sc_kappa_compute (kappa_plan, drawn, &k);
          add_sample (&samples, SC_AGREEMENT_KAPPA, k.defined, k.kappa);
          add_sample (&samples, SC_AGREEMENT_KAPPA_LINEAR, k.defined, k.kappa_linear);
          add_sample (&samples, SC_AGREEMENT_KAPPA_QUADRATIC, k.defined, k.kappa_quadratic);
        }
      if (levels != 0)
        {
          ScAlphaResult a;

          sc_alpha_compute (alpha_plan, drawn, levels, &a);
          add_sample (&samples, SC_AGREEMENT_ALPHA_NOMINAL, a.defined, a.nominal);
          add_sample (&samples, SC_AGREEMENT_ALPHA_ORDINAL, a.defined, a.ordinal);
          add_sample (&samples, SC_AGREEMENT_ALPHA_INTERVAL, a.defined, a.interval);
        }
    }

  for (guint s = 0; s < SC_AGREEMENT_N_STATISTICS; s++)
    if (samples.values[s] != NULL)
      {
        ScEstimate *estimate = &self->estimates[s];

        estimate->has_interval
          = sc_agreement_percentile_interval (samples.values[s], samples.n_values[s], resamples,
                                              &estimate->low, &estimate->high);
        g_free (samples.values[s]);
      }
}

ScAgreement *
sc_agreement_compute (ScRatings                *ratings,
                      const ScAgreementOptions *options)
{
  const ScRatingsIndex *index;
  ScAgreementOptions defaults;
  g_autoptr (ScProfiles) profiles = NULL;
  g_autoptr (ScKappaPlan) kappa_plan = NULL;
  g_autoptr (ScAlphaPlan) alpha_plan = NULL;
  ScAlphaResult alpha;
  ScAgreement *self;

  g_return_val_if_fail (ratings != NULL, NULL);

  if (options == NULL)
    {
      sc_agreement_options_init (&defaults);
      options = &defaults;
    }
  index = sc_ratings_get_index (ratings);

  self = g_new0 (ScAgreement, 1);
  self->n_units = index->n_units;
  self->n_readers = index->n_readers;
  self->numeric = index->numeric;
  self->readers = g_new0 (char *, index->n_readers + 1);
  for (guint i = 0; i < index->n_readers; i++)
    self->readers[i] = g_strdup (index->reader_names[i]);
  self->resamples = options->resamples;
  self->seed = options->seed;
  set_states (self, options->levels);

  profiles = sc_profiles_new (index);
  /* For more than two readers "pairs" are the pairable units: those with
   * two values or more, the units alpha is computed on. */
  self->n_pairs = (guint) profiles->n_units;

  if (profiles->two_readers)
    {
      ScKappaResult kappa;

      kappa_plan = sc_kappa_plan_new (profiles);
      sc_kappa_compute (kappa_plan, profiles->units, &kappa);
      store_kappa (self, &kappa);
      fill_confusion (self, index, profiles, kappa_plan);
    }
  alpha_plan = sc_alpha_plan_new (profiles);
  sc_alpha_compute (alpha_plan, profiles->units, wanted_levels (self, FALSE), &alpha);
  store_alpha (self, &alpha);

  if (options->resamples > 0 && profiles->n_units > 0)
    bootstrap (self, profiles, kappa_plan, alpha_plan, options->resamples, options->seed);
  return self;
}
