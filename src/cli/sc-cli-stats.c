/* sc-cli-stats.c: `scrutineer-cli stats …`
 *
 * Copyright 2026 The Scrutineer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "sc-cli.h"

#include <glib/gi18n.h>
#include <stdio.h>
#include <string.h>

#include "sc-agreement-json.h"
#include "sc-agreement.h"

#define LABEL_WIDTH 36

static const char *
statistic_title (ScAgreementStatistic statistic)
{
  switch (statistic)
    {
    case SC_AGREEMENT_EXACT:
      return _("Exact agreement");
    case SC_AGREEMENT_WITHIN_ONE:
      return _("Agreement within one level");
    case SC_AGREEMENT_KAPPA:
      return _("Cohen’s kappa");
    case SC_AGREEMENT_KAPPA_LINEAR:
      return _("Cohen’s kappa, linear weights");
    case SC_AGREEMENT_KAPPA_QUADRATIC:
      return _("Cohen’s kappa, quadratic weights");
    case SC_AGREEMENT_ALPHA_NOMINAL:
      return _("Krippendorff’s alpha, nominal");
    case SC_AGREEMENT_ALPHA_ORDINAL:
      return _("Krippendorff’s alpha, ordinal");
    case SC_AGREEMENT_ALPHA_INTERVAL:
      return _("Krippendorff’s alpha, interval");
    case SC_AGREEMENT_BIAS:
      return _("Bias, later minus earlier reader");
    case SC_AGREEMENT_N_STATISTICS:
    default:
      break;
    }
  g_return_val_if_reached (NULL);
}

/* printf's widths count bytes; translations and labels need characters. */
static void
print_padded (const char *text,
              guint       width,
              gboolean    right)
{
  glong length = g_utf8_strlen (text, -1);
  int pad = length < (glong) width ? (int) (width - length) : 0;

  if (right)
    printf ("%*s%s", pad, "", text);
  else
    printf ("%s%*s", text, pad, "");
}

static void
print_estimate (const ScAgreement    *agreement,
                ScAgreementStatistic  statistic)
{
  const ScEstimate *estimate = &agreement->estimates[statistic];
  g_autofree char *value = NULL;

  if (estimate->state == SC_ESTIMATE_NOT_APPLICABLE
      || estimate->state == SC_ESTIMATE_NOT_REQUESTED)
    return;
  if (estimate->state == SC_ESTIMATE_UNDEFINED)
    value = g_strdup (_("undefined"));
  else
    value = g_strdup_printf (statistic == SC_AGREEMENT_BIAS ? "%+.3f" : "%.3f", estimate->value);

  print_padded (statistic_title (statistic), LABEL_WIDTH, FALSE);
  print_padded (value, 10, TRUE);
  if (estimate->has_interval)
    printf ("   %.3f … %.3f", estimate->low, estimate->high);
  printf ("\n");
}

static void
print_confusion (const ScAgreement *agreement)
{
  guint n = agreement->n_labels;
  guint width = 3;

  for (guint i = 0; i < n; i++)
    width = MAX (width, (guint) g_utf8_strlen (agreement->labels[i], -1));
  for (gsize i = 0; i < (gsize) n * n; i++)
    {
      g_autofree char *count = g_strdup_printf ("%u", agreement->confusion[i]);

      width = MAX (width, (guint) strlen (count));
    }

  printf ("\n");
  printf (_("Confusion matrix: rows %s, columns %s\n"), agreement->readers[0],
          agreement->readers[1]);
  print_padded ("", width, FALSE);
  for (guint j = 0; j < n; j++)
    {
      printf ("  ");
      print_padded (agreement->labels[j], width, TRUE);
    }
  printf ("\n");
  for (guint i = 0; i < n; i++)
    {
      print_padded (agreement->labels[i], width, TRUE);
      for (guint j = 0; j < n; j++)
        {
          g_autofree char *count = g_strdup_printf ("%u", agreement->confusion[i * n + j]);

          printf ("  ");
          print_padded (count, width, TRUE);
        }
      printf ("\n");
    }
}

static void
print_table (const ScAgreement *agreement,
             const char        *path)
{
  printf (_("%s: %u units rated by %u readers; values are %s\n"), path, agreement->n_units,
          agreement->n_readers, agreement->numeric ? _("numbers") : _("labels"));
  if (agreement->n_readers == 2)
    printf (_("Readers: %s (earlier), %s (later); units rated by both: %u\n"),
            agreement->readers[0], agreement->readers[1], agreement->n_pairs);
  else
    printf (_("Units with two values or more: %u\n"), agreement->n_pairs);

  printf ("\n");
  print_padded (_("Statistic"), LABEL_WIDTH, FALSE);
  print_padded (_("Estimate"), 10, TRUE);
  if (agreement->resamples > 0)
    printf ("   %s", _("95% interval"));
  printf ("\n");
  for (guint s = 0; s < SC_AGREEMENT_N_STATISTICS; s++)
    print_estimate (agreement, s);
  if (agreement->resamples > 0)
    printf (_("Intervals: percentile bootstrap, %u resamples of units, seed %u.\n"),
            agreement->resamples, agreement->seed);
  if (agreement->confusion != NULL && agreement->n_labels > 0)
    print_confusion (agreement);
}

static int
stats_agreement (int    argc,
                 char **argv)
{
  gboolean json = FALSE;
  g_autofree char *level = NULL;
  g_autofree char *seed = NULL;
  int resamples = SC_AGREEMENT_DEFAULT_RESAMPLES;
  const GOptionEntry entries[] = {
    { "level", 0, 0, G_OPTION_ARG_STRING, &level,
      N_("Only Krippendorff’s alpha at LEVEL: nominal, ordinal or interval"), N_("LEVEL") },
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, N_("Print the statistics as JSON"), NULL },
    { "seed", 0, 0, G_OPTION_ARG_STRING, &seed,
      N_("Seed of the bootstrap intervals (default 1); the same seed gives the same intervals"),
      N_("N") },
    { "resamples", 0, 0, G_OPTION_ARG_INT, &resamples,
      N_("Bootstrap resamples (default 1000; 0 for no intervals)"), N_("N") },
    { NULL },
  };
  g_autoptr (GError) error = NULL;
  g_autoptr (ScRatings) ratings = NULL;
  g_autoptr (ScAgreement) agreement = NULL;
  ScAgreementOptions options;

  if (!sc_cli_parse_options (&argc, &argv, _("FILE.csv"),
                             _("Agreement of readers who rated the same units. FILE.csv has the "
                               "header unit,reader,value and one rating per line; an empty "
                               "value is a missing one."),
                             entries))
    return SC_CLI_USAGE_ERROR;
  if (argc != 2)
    return sc_cli_usage (_("stats agreement needs exactly one FILE.csv"));

  sc_agreement_options_init (&options);
  if (level != NULL)
    {
      options.levels = sc_agreement_level_from_string (level);
      if (options.levels == 0)
        return sc_cli_usage (_("unknown level “%s”; use nominal, ordinal or interval"), level);
    }
  if (seed != NULL)
    {
      guint64 value = 0;

      if (!g_ascii_string_to_unsigned (seed, 10, 0, G_MAXUINT32, &value, NULL))
        return sc_cli_usage (_("--seed needs a whole number from 0 to %u, not “%s”"),
                             G_MAXUINT32, seed);
      options.seed = (guint32) value;
    }
  if (resamples < 0)
    return sc_cli_usage (_("--resamples needs a whole number from 0 up"));
  options.resamples = (guint) resamples;

  ratings = sc_ratings_load_csv (argv[1], &error);
  if (ratings == NULL)
    {
      fprintf (stderr, "%s\n", error->message);
      return SC_CLI_USER_ERROR;
    }
  agreement = sc_agreement_compute (ratings, &options);
  if (json)
    {
      g_autoptr (JsonNode) node = sc_agreement_to_json (agreement);

      sc_cli_print_json (node);
    }
  else
    print_table (agreement, argv[1]);
  return SC_CLI_OK;
}

int
sc_cli_stats (ScCliGlobal *global,
              int          argc,
              char       **argv)
{
  if (argc < 2)
    return sc_cli_usage (_("stats needs a subcommand: agreement or inspection"));
  if (g_str_equal (argv[1], "agreement"))
    return stats_agreement (argc - 1, argv + 1);
  if (g_str_equal (argv[1], "inspection"))
    return sc_cli_stats_inspection (global, argc - 1, argv + 1);
  return sc_cli_usage (_("unknown stats subcommand “%s”"), argv[1]);
}
