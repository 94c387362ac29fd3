/* sc-agreement-private.h: the integer form the statistics work on
 *
 * Copyright 2026 The Scrutineer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Ratings are indexed into categories (0 … n_categories-1, in the order of
 * the values) and reader ranks (string order of the ids); the statistics
 * never look at a string again.
 *
 * Every statistic here depends on a unit only through its "profile": for
 * two readers the ordered pair of categories, for more readers the multiset
 * of categories. Units are grouped by profile once, and a statistic is a
 * function of how many units have each profile. The point estimate uses the
 * counts in the data; a bootstrap resample of units is a multinomial draw
 * of the same total over the profiles, so it costs per profile, not per unit.
 */
#pragma once

#include "sc-agreement.h"

G_BEGIN_DECLS

/* One value as added. Each unit's values form a chain, latest first. */
typedef struct
{
  guint32 unit;
  guint32 reader;   /* in the order readers were first seen */
  guint32 value;    /* in the order values were first seen */
  guint32 previous; /* index + 1 of the unit's previous value; 0 for none */
} ScRating;

/* The ratings seen through categories and reader ranks. Only small tables
 * are built: the values are read where they are, along the chains, which
 * costs less than copying a million of them into a new layout. */
typedef struct
{
  gboolean numeric;
  guint n_categories;
  int *category_levels;        /* numeric: the level of each category, ascending */
  const char **category_names; /* the text of each category */
  guint32 *category_of_value;  /* per value as added: its category */

  guint n_readers;
  const char **reader_names;   /* in string order (borrowed from the ratings) */
  guint32 *reader_rank;        /* per reader as added: its place in that order */

  guint n_units;               /* units with at least one value */
  const guint32 *unit_last;    /* per unit: index + 1 of its latest value in RATINGS */
  const ScRating *ratings;     /* borrowed from the ratings */
} ScRatingsIndex;

/* TEXT from the user made fit for a one-line message: control characters
 * escaped (a quoted CSV field may hold a line break), cut after 60. */
char *sc_agreement_shown (const char *text);

/* Indexes RATINGS if needed; the index lives as long as RATINGS is unchanged. */
const ScRatingsIndex *sc_ratings_get_index (ScRatings *ratings);

typedef struct
{
  guint n_profiles;
  guint n_categories;
  const int *category_levels; /* numeric: the level of each category, else NULL */
  double *units;              /* per profile: units with it in the data */
  double n_units;             /* pairable units: the sum of the above */

  /* Two readers: the categories of the earlier and the later reader. */
  gboolean two_readers;
  guint32 *first, *second;

  /* Per profile, its distinct categories ascending with how many values
   * fall in each: the slice start[p] … start[p+1]-1 of both arrays. */
  guint *start;
  guint32 *categories;
  guint32 *counts;
} ScProfiles;

ScProfiles *sc_profiles_new (const ScRatingsIndex *index);
void        sc_profiles_free (ScProfiles *profiles);

/* The two-reader statistics for given units per profile (sc-kappa.c). */
typedef struct _ScKappaPlan ScKappaPlan;

typedef struct
{
  double n;
  gboolean defined;  /* the pairs use at least two categories */
  double exact, within_one, bias;
  double kappa, kappa_linear, kappa_quadratic;
} ScKappaResult;

ScKappaPlan *sc_kappa_plan_new (const ScProfiles *profiles);
void         sc_kappa_plan_free (ScKappaPlan *plan);
/* The categories seen in pairs, ascending; they are the kappa's categories. */
guint        sc_kappa_plan_get_n_categories (const ScKappaPlan *plan);
const guint32 *sc_kappa_plan_get_categories (const ScKappaPlan *plan);
void         sc_kappa_compute (ScKappaPlan   *plan,
                               const double  *units,
                               ScKappaResult *result);

/* Krippendorff's alphas for given units per profile (sc-alpha.c). */
typedef struct _ScAlphaPlan ScAlphaPlan;

typedef struct
{
  gboolean defined; /* at least two categories among the pairable values */
  double nominal, ordinal, interval;
} ScAlphaResult;

ScAlphaPlan *sc_alpha_plan_new (const ScProfiles *profiles);
void         sc_alpha_plan_free (ScAlphaPlan *plan);
void         sc_alpha_compute (ScAlphaPlan      *plan,
                               const double     *units,
                               ScAgreementLevel  levels,
                               ScAlphaResult    *result);

/* Bootstrap helpers (sc-agreement-bootstrap.c). */
guint64 sc_agreement_binomial (GRand   *rand,
                               guint64  n,
                               double   p);
/* Draws N units over the profiles, each with probability UNITS[i]/N, into DRAWN. */
void    sc_agreement_multinomial (GRand        *rand,
                                  const double *units,
                                  guint         n_profiles,
                                  double        n,
                                  double       *drawn);
/* Sorts VALUES and sets the 2.5% and 97.5% percentiles; FALSE when too few of
 * the TOTAL resamples gave a value for the interval to mean anything. */
gboolean sc_agreement_percentile_interval (double *values,
                                           guint   n_values,
                                           guint   total,
                                           double *low,
                                           double *high);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (ScProfiles, sc_profiles_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (ScKappaPlan, sc_kappa_plan_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (ScAlphaPlan, sc_alpha_plan_free)

G_END_DECLS
