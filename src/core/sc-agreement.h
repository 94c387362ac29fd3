/* sc-agreement.h: agreement between readers who rated the same units
 *
 * Copyright 2026 The Scrutineer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Ratings are (unit, reader, value) triples: a unit is whatever was judged
 * (a record, or a record and question), a reader is whoever judged it. The
 * values are numeric when every one of them is a whole number (a level of a
 * scale, higher is better), else they are labels compared as plain strings.
 *
 * With two readers: exact agreement, agreement within one level, Cohen's
 * kappa (unweighted, linear and quadratic weights), a confusion matrix and
 * the bias of the later reader id against the earlier one. With any number
 * of readers, missing values allowed: Krippendorff's alpha, nominal, ordinal
 * and interval. Kappas and alphas come with seeded bootstrap intervals.
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define SC_AGREEMENT_ERROR (sc_agreement_error_quark ())

typedef enum
{
  SC_AGREEMENT_ERROR_IO,        /* the file could not be read */
  SC_AGREEMENT_ERROR_MALFORMED, /* not CSV with the header unit,reader,value */
  SC_AGREEMENT_ERROR_INVALID,   /* an empty unit or reader, not UTF-8, too many values */
  SC_AGREEMENT_ERROR_CONFLICT,  /* a reader gave one unit two different values */
} ScAgreementError;

/* More different values than this are refused: agreement statistics compare
 * a small set of levels or labels, and the confusion matrix is square in it. */
#define SC_AGREEMENT_MAX_VALUES 1000

typedef struct _ScRatings ScRatings;

GQuark sc_agreement_error_quark (void);

ScRatings *sc_ratings_new (void);
void       sc_ratings_free (ScRatings *self);

/* Adds what READER gave UNIT. A NULL or empty VALUE is a missing value and
 * changes nothing. Giving the same value twice is harmless; a different one
 * fails with SC_AGREEMENT_ERROR_CONFLICT ("1" and "01" are the same value). */
gboolean sc_ratings_add (ScRatings   *self,
                         const char  *unit,
                         const char  *reader,
                         const char  *value,
                         GError     **error);

/* CSV with the header `unit,reader,value` (RFC 4180 quoting, an optional
 * UTF-8 byte order mark, spaces around fields ignored, blank lines skipped).
 * Errors read "FILE:LINE: message", or "FILE: message" where no line applies;
 * FILENAME is only used in messages. */
ScRatings *sc_ratings_load_csv_bytes (GBytes      *bytes,
                                      const char  *filename,
                                      GError     **error);
ScRatings *sc_ratings_load_csv (const char  *path,
                                GError     **error);

guint    sc_ratings_get_n_units (ScRatings *self);   /* units with at least one value */
guint    sc_ratings_get_n_readers (ScRatings *self); /* readers with at least one value */
gboolean sc_ratings_is_numeric (ScRatings *self);    /* TRUE too when there are no values */

typedef enum
{
  SC_AGREEMENT_LEVEL_NOMINAL = 1 << 0,
  SC_AGREEMENT_LEVEL_ORDINAL = 1 << 1,
  SC_AGREEMENT_LEVEL_INTERVAL = 1 << 2,
  SC_AGREEMENT_LEVEL_ALL = 0x7,
} ScAgreementLevel;

/* Parses "nominal", "ordinal" or "interval"; returns 0 for anything else. */
ScAgreementLevel sc_agreement_level_from_string (const char *name);

typedef struct
{
  ScAgreementLevel levels; /* the alphas to compute */
  guint resamples;         /* bootstrap resamples of units; 0 for no intervals */
  guint32 seed;            /* the same seed gives the same intervals */
} ScAgreementOptions;

#define SC_AGREEMENT_DEFAULT_RESAMPLES 1000
#define SC_AGREEMENT_DEFAULT_SEED 1

/* All alphas, 1000 resamples, seed 1. */
void sc_agreement_options_init (ScAgreementOptions *options);

/* The statistics, in the order of `stats agreement --json`. */
typedef enum
{
  SC_AGREEMENT_EXACT,
  SC_AGREEMENT_WITHIN_ONE,
  SC_AGREEMENT_KAPPA,
  SC_AGREEMENT_KAPPA_LINEAR,
  SC_AGREEMENT_KAPPA_QUADRATIC,
  SC_AGREEMENT_ALPHA_NOMINAL,
  SC_AGREEMENT_ALPHA_ORDINAL,
  SC_AGREEMENT_ALPHA_INTERVAL,
  SC_AGREEMENT_BIAS,
  SC_AGREEMENT_N_STATISTICS,
} ScAgreementStatistic;

typedef enum
{
  SC_ESTIMATE_VALUE,          /* value holds the estimate */
  SC_ESTIMATE_UNDEFINED,      /* applies, but not to these data (no pairs, one category) */
  SC_ESTIMATE_NOT_APPLICABLE, /* e.g. kappa with three readers, weights on labels */
  SC_ESTIMATE_NOT_REQUESTED,  /* an alpha left out by ScAgreementOptions.levels */
} ScEstimateState;

typedef struct
{
  ScEstimateState state;
  double value;          /* finite; only meaningful for SC_ESTIMATE_VALUE */
  gboolean has_interval; /* a 95% percentile bootstrap interval was found */
  double low, high;
} ScEstimate;

typedef struct
{
  guint n_units;   /* units with at least one value */
  guint n_pairs;   /* two readers: units both rated; more: units with two values or more */
  guint n_readers;
  gboolean numeric;
  GStrv readers;   /* reader ids in string order; with two, [0] is the "earlier" reader */
  ScEstimate estimates[SC_AGREEMENT_N_STATISTICS];

  /* Two readers only (else 0 and NULL): the values seen in rated pairs,
   * ascending (numerically when numeric, else by string), and the counts of
   * pairs, row-major, rows the earlier reader's value. */
  guint n_labels;
  GStrv labels;
  int *levels;     /* the labels as numbers when numeric, else NULL */
  guint *confusion;

  guint resamples;
  guint32 seed;
} ScAgreement;

/* Computes everything that applies to RATINGS. OPTIONS may be NULL for the
 * defaults. RATINGS is indexed on first use and again after an addition. */
ScAgreement *sc_agreement_compute (ScRatings                *ratings,
                                   const ScAgreementOptions *options);
void         sc_agreement_free (ScAgreement *self);

/* The JSON key of a statistic: "exact", "kappa_linear", ... */
const char *sc_agreement_statistic_to_string (ScAgreementStatistic statistic);
/* Whether the statistic gets a bootstrap interval (the kappas and alphas). */
gboolean    sc_agreement_statistic_has_interval (ScAgreementStatistic statistic);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (ScRatings, sc_ratings_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (ScAgreement, sc_agreement_free)

G_END_DECLS
