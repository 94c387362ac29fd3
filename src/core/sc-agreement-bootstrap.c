/* sc-agreement-bootstrap.c: resampling units, fast
 *
 * Copyright 2026 The Scrutineer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Drawing N units with replacement and grouping them by profile gives the
 * same distribution of per-profile counts as a multinomial draw of N over
 * the profiles, with each profile's share of the units as its probability.
 * A multinomial is drawn as a chain of binomials, so a resample costs a few
 * random numbers per profile however many units there are. The binomials
 * are exact: inversion for small means, else BTPE (Kachitvichyanukul and
 * Schmeiser, "Binomial random variate generation", CACM 31, 1988), as in
 * NumPy. Every random number comes from the caller's GRand, so a seed
 * gives the same intervals on every run.
 */
#include "sc-agreement-private.h"

#include <math.h>
#include <stdlib.h>

/* Inversion: walk up the distribution from 0. For n * p <= 30. */
static guint64
binomial_inversion (GRand   *rand,
                    guint64  n,
                    double   p)
{
  double q = 1.0 - p;
  double qn = exp ((double) n * log1p (-p));
  double np = (double) n * p;
  guint64 bound = (guint64) MIN ((double) n, np + 10.0 * sqrt (np * q + 1.0));
  double u = g_rand_double (rand);
  double px = qn;
  guint64 x = 0;

  while (u > px)
    {
      x++;
      if (x > bound)
        {
          /* Lost in the far tail through rounding: start again. */
          x = 0;
          px = qn;
          u = g_rand_double (rand);
        }
      else
        {
          u -= px;
          px = ((double) (n - x + 1) * p * px) / ((double) x * q);
        }
    }
  return x;
}

/* The Stirling-series correction used by BTPE's final acceptance test. */
static double
stirling_tail (double x)
{
  double x2 = x * x;

  return (13680. - (462. - (132. - (99. - 140. / x2) / x2) / x2) / x2) / x / 166320.;
}

/* BTPE: a triangle, two parallelograms and two exponential tails around
 * the mode, with squeezes. For n * p > 30 and p <= 0.5. */
static guint64
binomial_btpe (GRand   *rand,
               guint64  n,
               double   p)
{
  double dn = (double) n;
  double r = p, q = 1.0 - p;
  double fm = dn * r + r;
  double m = floor (fm);
  double nrq = dn * r * q;
  double p1 = floor (2.195 * sqrt (nrq) - 4.6 * q) + 0.5;
  double xm = m + 0.5;
  double xl = xm - p1, xr = xm + p1;
  double c = 0.134 + 20.5 / (15.3 + m);
  double a = (fm - xl) / (fm - xl * r);
  double laml = a * (1.0 + a / 2.0);
  double b = (xr - fm) / (xr * q);
  double lamr = b * (1.0 + b / 2.0);
  double p2 = p1 * (1.0 + 2.0 * c);
  double p3 = p2 + c / laml;
  double p4 = p3 + c / lamr;

  for (;;)
    {
      double u = g_rand_double (rand) * p4;
      double v = g_rand_double (rand);
      double y, k;

      if (u <= p1)
        return (guint64) floor (xm - p1 * v + u); /* the triangle: always accepted */

      if (u <= p2)
        {
          double x = xl + (u - p1) / c;

          v = v * c + 1.0 - fabs (m - x + 0.5) / p1;
          if (v > 1.0)
            continue;
          y = floor (x);
        }
      else if (u <= p3)
        {
          y = floor (xl + log (v) / laml);
          if (y < 0 || v == 0.0)
            continue;
          v = v * (u - p2) * laml;
        }
      else
        {
          y = floor (xr - log (v) / lamr);
          if (y > dn || v == 0.0)
            continue;
          v = v * (u - p3) * lamr;
        }

      k = fabs (y - m);
      if (k <= 20 || k >= nrq / 2.0 - 1)
        {
          /* Evaluate f(y)/f(m) by its recurrence. */
          double s = r / q;
          double aa = s * (dn + 1);
          double f = 1.0;

          if (m < y)
            for (double i = m + 1; i <= y; i++)
              f *= aa / i - s;
          else if (m > y)
            for (double i = y + 1; i <= m; i++)
              f /= aa / i - s;
          if (v <= f)
            return (guint64) y;
          continue;
        }
      else
        {
          /* Squeeze on log f(y)/f(m), then the exact test by Stirling. */
          double rho = (k / nrq) * ((k * (k / 3.0 + 0.625) + 0.16666666666666666) / nrq + 0.5);
          double t = -k * k / (2 * nrq);
          double big_a = log (v);
          double x1 = y + 1, f1 = m + 1, z = dn + 1 - m, w = dn - y + 1;

          if (big_a < t - rho)
            return (guint64) y;
          if (big_a > t + rho)
            continue;
          if (big_a > xm * log (f1 / x1) + (dn - m + 0.5) * log (z / w)
                        + (y - m) * log (w * r / (x1 * q)) + stirling_tail (f1)
                        + stirling_tail (z) + stirling_tail (x1) + stirling_tail (w))
            continue;
          return (guint64) y;
        }
    }
}

guint64
sc_agreement_binomial (GRand   *rand,
                       guint64  n,
                       double   p)
{
  if (n == 0 || p <= 0.0)
    return 0;
  if (p >= 1.0)
    return n;
  if (p > 0.5)
    return n - sc_agreement_binomial (rand, n, 1.0 - p);
  if ((double) n * p <= 30.0)
    return binomial_inversion (rand, n, p);
  return binomial_btpe (rand, n, p);
}

void
sc_agreement_multinomial (GRand        *rand,
                          const double *units,
                          guint         n_profiles,
                          double        n,
                          double       *drawn)
{
  guint64 left = (guint64) n;
  double left_units = n;

  for (guint i = 0; i < n_profiles; i++)
    {
      guint64 x;

      if (left == 0 || units[i] <= 0.0)
        x = 0;
      else if (units[i] >= left_units)
        x = left;
      else
        x = sc_agreement_binomial (rand, left, units[i] / left_units);
      drawn[i] = (double) x;
      left -= x;
      left_units -= units[i];
    }
}

static int
compare_doubles (const void *a,
                 const void *b)
{
  double x = *(const double *) a, y = *(const double *) b;

  return (x > y) - (x < y);
}

/* Linear interpolation between order statistics (Hyndman and Fan's type 7,
 * the default of R and NumPy). */
static double
quantile (const double *sorted,
          guint         n,
          double        p)
{
  double h = (n - 1) * p;
  guint i = (guint) floor (h);

  if (i + 1 >= n)
    return sorted[n - 1];
  return sorted[i] + (h - i) * (sorted[i + 1] - sorted[i]);
}

gboolean
sc_agreement_percentile_interval (double *values,
                                  guint   n_values,
                                  guint   total,
                                  double *low,
                                  double *high)
{
  /* Resamples that leave the statistic undefined (every drawn unit in one
   * category, say) are set aside. When more than 5% of them are, the data
   * are too few or too uniform: percentiles of what is left would not be a
   * 95% interval of anything, so there is none. */
  if (n_values == 0 || (guint64) n_values * 20 < (guint64) total * 19)
    return FALSE;
  qsort (values, n_values, sizeof (double), compare_doubles);
  *low = quantile (values, n_values, 0.025);
  *high = quantile (values, n_values, 0.975);
  return TRUE;
}
