/* sc-alpha.c: Krippendorff's alpha, nominal, ordinal and interval
 *
 * Copyright 2026 The Scrutineer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The coincidence-matrix formulation of Krippendorff, "Computing
 * Krippendorff's Alpha-Reliability" (2011). A unit with m_u ≥ 2 values adds
 * 1/(m_u − 1) to o_ck for every ordered pair of its values (c, k); units
 * with fewer than two values are not pairable and drop out. With n_c the
 * row totals of o and n the number of pairable values,
 *
 *   alpha = 1 − (n − 1) · Σ_ck o_ck·δ²(c,k) / Σ_ck n_c·n_k·δ²(c,k)
 *
 *   nominal   δ² = 0 if c = k, else 1
 *   interval  δ² = (level_c − level_k)²
 *   ordinal   δ² = (Σ_{g=c..k} n_g − (n_c + n_k)/2)²
 *
 * The ordinal δ² equals (M_k − M_c)² with M_g = Σ_{h<g} n_h + n_g/2, the
 * mid-rank of category g, so ordinal alpha is interval alpha on mid-ranks;
 * and Σ_ck n_c·n_k·(x_c − x_k)² = 2n·Σ_c n_c·(x_c − x̄)². Both keep every
 * sum linear in the categories, and o is never built: its sums are sums
 * over profiles. Nominal and interval disagreement within a profile do not
 * change between resamples and are worked out once; the ordinal one
 * depends on the n_g, so it is summed again for each set of units.
 *
 * Undefined: when the pairable values fall in fewer than two categories the
 * expected disagreement is 0 for every metric and alpha is 0/0 (this
 * includes having no pairable unit at all).
 */
#include "sc-agreement-private.h"

#include <string.h>

struct _ScAlphaPlan
{
  const ScProfiles *profiles; /* borrowed: it must outlive the plan */
  double *values;             /* per profile: values in one of its units (m_u) */
  double *nominal;            /* per profile: Σ_{i≠j} [c_i ≠ c_j] / (m_u − 1) */
  double *interval;           /* per profile: Σ_{i≠j} (level_i − level_j)² / (m_u − 1) */
  double *levels;             /* per category: its level, for numeric values */
  double *totals;             /* scratch: n_c */
  double *midranks;           /* scratch: M_c */
};

/* Σ over ordered pairs of a profile's values of (x_c − x_k)², divided by
 * m_u − 1: every pair of distinct categories counts count_c·count_k twice. */
static double
profile_disagreement (const ScProfiles *profiles,
                      guint             p,
                      const double     *x)
{
  const guint32 *categories = profiles->categories;
  const guint32 *counts = profiles->counts;
  double sum = 0, m = 0;

  for (guint a = profiles->start[p]; a < profiles->start[p + 1]; a++)
    {
      m += counts[a];
      for (guint b = a + 1; b < profiles->start[p + 1]; b++)
        {
          double d = x[categories[a]] - x[categories[b]];

          sum += 2.0 * counts[a] * counts[b] * d * d;
        }
    }
  return sum / (m - 1);
}

ScAlphaPlan *
sc_alpha_plan_new (const ScProfiles *profiles)
{
  ScAlphaPlan *plan = g_new0 (ScAlphaPlan, 1);
  guint n = profiles->n_profiles;

  plan->profiles = profiles;
  plan->values = g_new0 (double, n + 1);
  plan->nominal = g_new0 (double, n + 1);
  plan->interval = g_new0 (double, n + 1);
  plan->totals = g_new0 (double, profiles->n_categories + 1);
  plan->midranks = g_new0 (double, profiles->n_categories + 1);

  /* Nominal disagreement is the interval one on 0/1 indicator values, but
   * simpler: m² − Σ count², over m − 1. */
  for (guint p = 0; p < n; p++)
    {
      double m = 0, same = 0;

      for (guint a = profiles->start[p]; a < profiles->start[p + 1]; a++)
        {
          m += profiles->counts[a];
          same += (double) profiles->counts[a] * profiles->counts[a];
        }
      plan->values[p] = m;
      plan->nominal[p] = (m * m - same) / (m - 1);
    }

  if (profiles->category_levels != NULL)
    {
      plan->levels = g_new (double, profiles->n_categories + 1);
      for (guint c = 0; c < profiles->n_categories; c++)
        plan->levels[c] = profiles->category_levels[c];
      for (guint p = 0; p < n; p++)
        plan->interval[p] = profile_disagreement (profiles, p, plan->levels);
    }
  return plan;
}

void
sc_alpha_plan_free (ScAlphaPlan *plan)
{
  if (plan == NULL)
    return;
  g_free (plan->values);
  g_free (plan->nominal);
  g_free (plan->interval);
  g_free (plan->levels);
  g_free (plan->totals);
  g_free (plan->midranks);
  g_free (plan);
}

/* Σ_ck n_c·n_k·(x_c − x_k)², as 2n·Σ n_c·(x_c − x̄)². */
static double
expected_disagreement (const double *totals,
                       const double *x,
                       guint         k,
                       double        n)
{
  double mean = 0, sum = 0;

  for (guint c = 0; c < k; c++)
    mean += totals[c] * x[c];
  mean /= n;
  for (guint c = 0; c < k; c++)
    sum += totals[c] * (x[c] - mean) * (x[c] - mean);
  return 2 * n * sum;
}

static double
alpha_nominal (const ScAlphaPlan *plan,
               const double      *units,
               double             n)
{
  const ScProfiles *profiles = plan->profiles;
  double observed = 0, same = 0;

  for (guint p = 0; p < profiles->n_profiles; p++)
    observed += units[p] * plan->nominal[p];
  for (guint c = 0; c < profiles->n_categories; c++)
    same += plan->totals[c] * plan->totals[c];
  return 1 - (n - 1) * observed / (n * n - same);
}

static double
alpha_interval (const ScAlphaPlan *plan,
                const double      *units,
                double             n)
{
  const ScProfiles *profiles = plan->profiles;
  double observed = 0;

  for (guint p = 0; p < profiles->n_profiles; p++)
    observed += units[p] * plan->interval[p];
  return 1 - (n - 1) * observed
               / expected_disagreement (plan->totals, plan->levels, profiles->n_categories, n);
}

static double
alpha_ordinal (const ScAlphaPlan *plan,
               const double      *units,
               double             n)
{
  const ScProfiles *profiles = plan->profiles;
  double below = 0, observed = 0;

  for (guint c = 0; c < profiles->n_categories; c++)
    {
      plan->midranks[c] = below + plan->totals[c] / 2;
      below += plan->totals[c];
    }
  for (guint p = 0; p < profiles->n_profiles; p++)
    if (units[p] > 0)
      observed += units[p] * profile_disagreement (profiles, p, plan->midranks);
  return 1 - (n - 1) * observed
               / expected_disagreement (plan->totals, plan->midranks, profiles->n_categories, n);
}

void
sc_alpha_compute (ScAlphaPlan      *plan,
                  const double     *units,
                  ScAgreementLevel  levels,
                  ScAlphaResult    *result)
{
  const ScProfiles *profiles = plan->profiles;
  double n = 0;
  guint used = 0;

  memset (result, 0, sizeof *result);
  for (guint c = 0; c < profiles->n_categories; c++)
    plan->totals[c] = 0;
  for (guint p = 0; p < profiles->n_profiles; p++)
    {
      double w = units[p];

      if (w == 0)
        continue;
      n += w * plan->values[p];
      for (guint a = profiles->start[p]; a < profiles->start[p + 1]; a++)
        plan->totals[profiles->categories[a]] += w * profiles->counts[a];
    }
  for (guint c = 0; c < profiles->n_categories; c++)
    used += plan->totals[c] > 0;

  result->defined = used >= 2;
  if (!result->defined)
    return;
  if (levels & SC_AGREEMENT_LEVEL_NOMINAL)
    result->nominal = alpha_nominal (plan, units, n);
  if (profiles->category_levels == NULL)
    return;
  if (levels & SC_AGREEMENT_LEVEL_ORDINAL)
    result->ordinal = alpha_ordinal (plan, units, n);
  if (levels & SC_AGREEMENT_LEVEL_INTERVAL)
    result->interval = alpha_interval (plan, units, n);
}
