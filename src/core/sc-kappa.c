/* sc-kappa.c: two readers: agreement, bias and Cohen's kappas
 *
 * Copyright 2026 The Scrutineer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Everything here is a function of the table of pairs (earlier reader's
 * value, later reader's value), taken as units per profile. With N pairs,
 * row totals r_i and column totals c_j over the K categories seen in pairs
 * (numbered 0 … K-1 in order of value, which is what the weights measure):
 *
 *   kappa     = (N·agreeing − Σ r_i·c_i) / (N² − Σ r_i·c_i)
 *   kappa_w   = 1 − N·Σ_pairs d(i,j) / Σ_ij r_i·c_j·d(i,j)
 *
 * with the disagreement weight d(i,j) = |i − j| (linear) or (i − j)²
 * (quadratic). That is Cohen's weighted kappa with the agreement weights
 * 1 − |i − j|/(K − 1) and 1 − (i − j)²/(K − 1)²; the scale cancels out.
 * Counts are whole numbers held in doubles, so these sums are exact.
 *
 * Undefined: with no pairs, every statistic here; when the pairs use a
 * single category (both readers always gave the same one value), the
 * kappas, whose expected agreement is then 1: 0/0. Exact agreement is
 * still 1 then, which is what a reader of the table needs to see.
 */
#include "sc-agreement-private.h"

#include <math.h>
#include <string.h>

struct _ScKappaPlan
{
  guint n_profiles;
  guint n_categories;
  guint32 *categories; /* the categories seen in pairs, ascending */
  guint32 *row;        /* per profile: 0 … n_categories-1, earlier reader */
  guint32 *column;     /* per profile: the same, later reader */
  double *difference;  /* per profile: later level minus earlier level; 0 for labels */
  gboolean numeric;
  double *rows;        /* scratch: row totals */
  double *columns;     /* scratch: column totals */
};

ScKappaPlan *
sc_kappa_plan_new (const ScProfiles *profiles)
{
  ScKappaPlan *plan;
  g_autofree guint32 *rank = NULL;
  g_autofree gboolean *seen = NULL;
  guint n = profiles->n_profiles;

  g_return_val_if_fail (profiles->two_readers, NULL);

  plan = g_new0 (ScKappaPlan, 1);
  rank = g_new (guint32, profiles->n_categories + 1);
  seen = g_new0 (gboolean, profiles->n_categories + 1);

  for (guint p = 0; p < n; p++)
    seen[profiles->first[p]] = seen[profiles->second[p]] = TRUE;
  plan->categories = g_new (guint32, profiles->n_categories + 1);
  for (guint c = 0; c < profiles->n_categories; c++)
    if (seen[c])
      {
        rank[c] = plan->n_categories;
        plan->categories[plan->n_categories++] = c;
      }

  plan->n_profiles = n;
  plan->numeric = profiles->category_levels != NULL;
  plan->row = g_new (guint32, n + 1);
  plan->column = g_new (guint32, n + 1);
  plan->difference = g_new0 (double, n + 1);
  for (guint p = 0; p < n; p++)
    {
      plan->row[p] = rank[profiles->first[p]];
      plan->column[p] = rank[profiles->second[p]];
      if (plan->numeric)
        plan->difference[p] = (double) profiles->category_levels[profiles->second[p]]
                              - (double) profiles->category_levels[profiles->first[p]];
    }
  plan->rows = g_new (double, plan->n_categories + 1);
  plan->columns = g_new (double, plan->n_categories + 1);
  return plan;
}

void
sc_kappa_plan_free (ScKappaPlan *plan)
{
  if (plan == NULL)
    return;
  g_free (plan->categories);
  g_free (plan->row);
  g_free (plan->column);
  g_free (plan->difference);
  g_free (plan->rows);
  g_free (plan->columns);
  g_free (plan);
}

guint
sc_kappa_plan_get_n_categories (const ScKappaPlan *plan)
{
  return plan->n_categories;
}

const guint32 *
sc_kappa_plan_get_categories (const ScKappaPlan *plan)
{
  return plan->categories;
}

/* Σ_ij r_i·c_j·|i − j|, in one pass with running totals of the columns
 * below and above i. */
static double
expected_linear (const double *rows,
                 const double *columns,
                 guint         k)
{
  double below = 0, below_weighted = 0, above = 0, above_weighted = 0;
  double sum = 0;

  for (guint j = 0; j < k; j++)
    {
      above += columns[j];
      above_weighted += columns[j] * j;
    }
  for (guint i = 0; i < k; i++)
    {
      above -= columns[i];
      above_weighted -= columns[i] * i;
      sum += rows[i] * (i * below - below_weighted + above_weighted - i * above);
      below += columns[i];
      below_weighted += columns[i] * i;
    }
  return sum;
}

/* Σ_ij r_i·c_j·(i − j)², about the mean of the rows to keep it exact-ish:
 * N·Σ r_i (i − μ)² + N·Σ c_j (j − μ)² − 2·Σ r_i (i − μ)·Σ c_j (j − μ). */
static double
expected_quadratic (const double *rows,
                    const double *columns,
                    guint         k,
                    double        n)
{
  double mean = 0, a1 = 0, a2 = 0, b1 = 0, b2 = 0;

  for (guint i = 0; i < k; i++)
    mean += rows[i] * i;
  mean /= n;
  for (guint i = 0; i < k; i++)
    {
      double x = i - mean;

      a1 += rows[i] * x;
      a2 += rows[i] * x * x;
      b1 += columns[i] * x;
      b2 += columns[i] * x * x;
    }
  return n * a2 + n * b2 - 2 * a1 * b1;
}

void
sc_kappa_compute (ScKappaPlan   *plan,
                  const double  *units,
                  ScKappaResult *result)
{
  guint k = plan->n_categories;
  double n = 0, agreeing = 0, within = 0, difference = 0, linear = 0, quadratic = 0;
  double chance = 0;
  guint used = 0;

  memset (result, 0, sizeof *result);
  for (guint i = 0; i < k; i++)
    plan->rows[i] = plan->columns[i] = 0;

  for (guint p = 0; p < plan->n_profiles; p++)
    {
      double w = units[p];
      double steps = fabs ((double) plan->row[p] - (double) plan->column[p]);

      if (w == 0)
        continue;
      n += w;
      plan->rows[plan->row[p]] += w;
      plan->columns[plan->column[p]] += w;
      if (steps == 0)
        agreeing += w;
      if (fabs (plan->difference[p]) <= 1)
        within += w;
      difference += w * plan->difference[p];
      linear += w * steps;
      quadratic += w * steps * steps;
    }

  result->n = n;
  if (n == 0)
    return;
  result->exact = agreeing / n;
  result->within_one = within / n;
  result->bias = difference / n;

  for (guint i = 0; i < k; i++)
    {
      used += plan->rows[i] + plan->columns[i] > 0;
      chance += plan->rows[i] * plan->columns[i];
    }
  result->defined = used >= 2;
  if (!result->defined)
    return;
  /* With two categories or more some r_i·c_j with i ≠ j is positive, so
   * none of these denominators is zero. */
  result->kappa = (n * agreeing - chance) / (n * n - chance);
  result->kappa_linear = 1 - n * linear / expected_linear (plan->rows, plan->columns, k);
  result->kappa_quadratic
    = 1 - n * quadratic / expected_quadratic (plan->rows, plan->columns, k, n);
}
