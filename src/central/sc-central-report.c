/* sc-central-report.c: evaluations across inspections, as CSV or PDF
 *
 * Copyright 2026 The Scrutineer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * For every framework, and every indicator in it, how many inspections
 * reached each level: the distribution a national review of inspections
 * reports. An inspection counts once per indicator, with its lead's
 * evaluation, or, where the lead gave none, the lower median of its team's.
 * The levels come from the team bundles sealed to the central store
 * (sc-central-team.c); the framework's own XML, kept with them, gives the
 * indicators' titles and the levels' labels.
 *
 * Then agreement over time: for each inspection, oldest first, how far its
 * team members agreed where two or more proposed a level for the same
 * indicator (the central store has levels only, so these are its double
 * reads): the share of such indicators with the same level throughout, with
 * levels at most one apart, Cohen's kappa (two members) and Krippendorff's
 * ordinal alpha (sc-agreement.h).
 */
#include "sc-central-report.h"

#include <cairo-pdf.h>
#include <glib/gi18n-lib.h>
#include <math.h>
#include <string.h>

#include "sc-agreement.h"

#include "sc-export.h"
#include "sc-framework.h"
#include "sc-report-doc.h"

/* One framework's figures. */
typedef struct
{
  char *framework_id;
  char *version;
  char *title;
  ScFramework *framework;
  guint n_inspections;
  GHashTable *counts; /* indicator id -> GArray of guint, one per level best first */
} Tally;

static void
tally_free (Tally *tally)
{
  g_free (tally->framework_id);
  g_free (tally->version);
  g_free (tally->title);
  g_clear_pointer (&tally->framework, sc_framework_unref);
  g_clear_pointer (&tally->counts, g_hash_table_unref);
  g_free (tally);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Tally, tally_free)

static int
compare_levels (gconstpointer a,
                gconstpointer b)
{
  gint64 x = *(const gint64 *) a, y = *(const gint64 *) b;

  return (x > y) - (x < y);
}

/* The level an inspection reached on an indicator, from its rows. */
static gint64
inspection_level (GPtrArray *rows)
{
  g_autoptr (GArray) levels = g_array_new (FALSE, FALSE, sizeof (gint64));

  for (guint i = 0; i < rows->len; i++)
    {
      const ScCentralReportRow *row = g_ptr_array_index (rows, i);

      if (row->lead != NULL && g_strcmp0 (row->author, row->lead) == 0)
        return row->level;
      g_array_append_val (levels, row->level);
    }
  g_array_sort (levels, compare_levels);
  return g_array_index (levels, gint64, (levels->len - 1) / 2);
}

static void
count_level (Tally             *tally,
             const ScIndicator *indicator,
             gint64             value)
{
  GArray *counts = g_hash_table_lookup (tally->counts, indicator->id);

  if (counts == NULL)
    {
      counts = g_array_new (FALSE, TRUE, sizeof (guint));
      g_array_set_size (counts, indicator->scale->levels->len);
      g_hash_table_insert (tally->counts, indicator->id, counts);
    }
  for (guint l = 0; l < indicator->scale->levels->len; l++)
    if (((ScLevel *) g_ptr_array_index (indicator->scale->levels, l))->value == value)
      g_array_index (counts, guint, l)++;
}

/* Adds the rows of one inspection (sorted by indicator) to TALLY. */
static void
count_inspection (Tally     *tally,
                  GPtrArray *rows)
{
  g_autoptr (GPtrArray) same = g_ptr_array_new ();

  tally->n_inspections++;
  for (guint i = 0; i <= rows->len; i++)
    {
      const ScCentralReportRow *row = i < rows->len ? g_ptr_array_index (rows, i) : NULL;
      const ScCentralReportRow *first = same->len > 0 ? g_ptr_array_index (same, 0) : NULL;

      if (first != NULL && (row == NULL || !g_str_equal (row->indicator, first->indicator)))
        {
          const ScIndicator *indicator = sc_framework_lookup_indicator (tally->framework,
                                                                        first->indicator);

          /* An indicator the framework does not know is not counted. */
          if (indicator != NULL && indicator->scale != NULL)
            count_level (tally, indicator, inspection_level (same));
          g_ptr_array_set_size (same, 0);
        }
      if (row != NULL)
        g_ptr_array_add (same, (gpointer) row);
    }
}

static Tally *
tally_new (const ScCentralFramework *stored,
           GPtrArray                *rows,
           GError                  **error)
{
  g_autoptr (Tally) tally = g_new0 (Tally, 1);
  g_autoptr (GPtrArray) inspection = g_ptr_array_new ();

  tally->framework_id = g_strdup (stored->framework_id);
  tally->version = g_strdup (stored->version);
  tally->title = g_strdup (stored->title);
  tally->counts = g_hash_table_new_full (g_str_hash, g_str_equal, NULL,
                                         (GDestroyNotify) g_array_unref);
  tally->framework = sc_framework_load_bytes (stored->xml, stored->title, error);
  if (tally->framework == NULL)
    return NULL;
  /* Rows come sorted by framework, inspection and indicator. */
  for (guint i = 0; i <= rows->len; i++)
    {
      const ScCentralReportRow *row = i < rows->len ? g_ptr_array_index (rows, i) : NULL;
      const ScCentralReportRow *first = inspection->len > 0 ? g_ptr_array_index (inspection, 0)
                                                            : NULL;

      if (row != NULL && !g_str_equal (row->framework, stored->sha256))
        continue;
      if (first != NULL && (row == NULL || !g_str_equal (row->inspection, first->inspection)))
        {
          count_inspection (tally, inspection);
          g_ptr_array_set_size (inspection, 0);
        }
      if (row != NULL)
        g_ptr_array_add (inspection, (gpointer) row);
    }
  return g_steal_pointer (&tally);
}

static GPtrArray *
load_tallies (ScCentralDb *db,
              GError     **error)
{
  g_autoptr (GPtrArray) frameworks = NULL;
  g_autoptr (GPtrArray) rows = NULL;
  g_autoptr (GPtrArray) tallies = g_ptr_array_new_with_free_func ((GDestroyNotify) tally_free);

  if (!db->klass->load_report (db, &frameworks, &rows, error))
    return NULL;
  for (guint i = 0; i < frameworks->len; i++)
    {
      Tally *tally = tally_new (g_ptr_array_index (frameworks, i), rows, error);

      if (tally == NULL)
        return NULL;
      if (tally->n_inspections > 0)
        g_ptr_array_add (tallies, tally);
      else
        tally_free (tally);
    }
  return g_steal_pointer (&tallies);
}

/* Agreement over time */

void
sc_central_trend_free (ScCentralTrend *trend)
{
  if (trend == NULL)
    return;
  g_free (trend->inspection);
  g_free (trend->framework_id);
  g_free (trend->version);
  g_free (trend->created);
  g_free (trend);
}

static double
estimate_or_nan (const ScAgreement   *agreement,
                 ScAgreementStatistic statistic)
{
  const ScEstimate *e = &agreement->estimates[statistic];

  return e->state == SC_ESTIMATE_VALUE ? e->value : NAN;
}

/* Adds the levels of one indicator (ROWS[FIRST] to ROWS[END - 1]) when two
 * members or more gave one. */
static void
trend_indicator (ScCentralTrend *trend,
                 ScRatings      *ratings,
                 guint          *n_exact,
                 guint          *n_within,
                 GPtrArray      *rows,
                 guint           first,
                 guint           end)
{
  gint64 low = G_MAXINT64, high = G_MININT64;

  if (end - first < 2)
    return;
  for (guint i = first; i < end; i++)
    {
      const ScCentralReportRow *row = g_ptr_array_index (rows, i);
      char value[24];

      g_snprintf (value, sizeof value, "%" G_GINT64_FORMAT, row->level);
      /* (inspection, indicator, author) is unique: no conflicting values. */
      sc_ratings_add (ratings, row->indicator, row->author, value, NULL);
      low = MIN (low, row->level);
      high = MAX (high, row->level);
    }
  trend->n_units++;
  *n_exact += high == low;
  *n_within += high - low <= 1;
}

/* The agreement of one inspection from its rows (sorted by indicator), or
 * NULL when no indicator was read twice. */
static ScCentralTrend *
trend_new (GPtrArray                *rows,
           const ScCentralFramework *framework)
{
  const ScCentralReportRow *head = g_ptr_array_index (rows, 0);
  g_autoptr (ScCentralTrend) trend = g_new0 (ScCentralTrend, 1);
  g_autoptr (ScRatings) ratings = sc_ratings_new ();
  g_autoptr (ScAgreement) agreement = NULL;
  ScAgreementOptions options = { SC_AGREEMENT_LEVEL_ORDINAL, 0, SC_AGREEMENT_DEFAULT_SEED };
  guint n_exact = 0, n_within = 0, first = 0;

  for (guint i = 1; i <= rows->len; i++)
    if (i == rows->len ||
        !g_str_equal (((ScCentralReportRow *) g_ptr_array_index (rows, i))->indicator,
                      ((ScCentralReportRow *) g_ptr_array_index (rows, first))->indicator))
      {
        trend_indicator (trend, ratings, &n_exact, &n_within, rows, first, i);
        first = i;
      }
  if (trend->n_units == 0)
    return NULL;
  agreement = sc_agreement_compute (ratings, &options);
  trend->inspection = g_strdup (head->inspection);
  trend->framework_id = g_strdup (framework != NULL ? framework->framework_id : "");
  trend->version = g_strdup (framework != NULL ? framework->version : "");
  trend->created = g_strdup (head->created != NULL ? head->created : "");
  trend->n_readers = agreement->n_readers;
  trend->exact = (double) n_exact / trend->n_units;
  trend->within_one = (double) n_within / trend->n_units;
  trend->kappa = estimate_or_nan (agreement, SC_AGREEMENT_KAPPA);
  trend->alpha = estimate_or_nan (agreement, SC_AGREEMENT_ALPHA_ORDINAL);
  return g_steal_pointer (&trend);
}

static int
compare_trends (gconstpointer a,
                gconstpointer b)
{
  const ScCentralTrend *x = *(ScCentralTrend * const *) a;
  const ScCentralTrend *y = *(ScCentralTrend * const *) b;
  int by_date = g_strcmp0 (x->created, y->created);

  return by_date != 0 ? by_date : g_strcmp0 (x->inspection, y->inspection);
}

static const ScCentralFramework *
find_framework (GPtrArray  *frameworks,
                const char *sha256)
{
  for (guint i = 0; i < frameworks->len; i++)
    if (g_str_equal (((ScCentralFramework *) g_ptr_array_index (frameworks, i))->sha256, sha256))
      return g_ptr_array_index (frameworks, i);
  return NULL;
}

GPtrArray *
sc_central_report_trends (ScCentralDb *db,
                          GError     **error)
{
  g_autoptr (GPtrArray) frameworks = NULL;
  g_autoptr (GPtrArray) rows = NULL;
  g_autoptr (GPtrArray) inspection = g_ptr_array_new ();
  g_autoptr (GPtrArray) trends = g_ptr_array_new_with_free_func (
    (GDestroyNotify) sc_central_trend_free);

  if (!db->klass->load_report (db, &frameworks, &rows, error))
    return NULL;
  /* Rows come sorted by framework, inspection and indicator. */
  for (guint i = 0; i <= rows->len; i++)
    {
      const ScCentralReportRow *row = i < rows->len ? g_ptr_array_index (rows, i) : NULL;
      const ScCentralReportRow *first = inspection->len > 0 ? g_ptr_array_index (inspection, 0)
                                                            : NULL;

      if (first != NULL && (row == NULL || !g_str_equal (row->inspection, first->inspection)))
        {
          ScCentralTrend *trend = trend_new (inspection,
                                             find_framework (frameworks, first->framework));

          if (trend != NULL)
            g_ptr_array_add (trends, trend);
          g_ptr_array_set_size (inspection, 0);
        }
      if (row != NULL)
        g_ptr_array_add (inspection, (gpointer) row);
    }
  g_ptr_array_sort (trends, compare_trends);
  return g_steal_pointer (&trends);
}

/* CSV */

static gboolean
looks_like_formula (const char *text)
{
  char *end = NULL;

  if (text[0] == '\0' || strchr ("=+-@\t\r", text[0]) == NULL)
    return FALSE;
  g_ascii_strtod (text, &end);
  return end == text || *end != '\0';
}

/* Quoted where needed; a cell a spreadsheet would run as a formula is
 * prefixed with an apostrophe. */
static void
append_field (GString    *out,
              const char *text,
              gboolean    last)
{
  if (looks_like_formula (text))
    g_string_append_c (out, '\'');
  if (strpbrk (text, ",\"\r\n") == NULL)
    g_string_append (out, text);
  else
    {
      g_string_append_c (out, '"');
      for (const char *p = text; *p != '\0'; p++)
        {
          if (*p == '"')
            g_string_append_c (out, '"');
          g_string_append_c (out, *p);
        }
      g_string_append_c (out, '"');
    }
  g_string_append (out, last ? "\r\n" : ",");
}

static void
tally_csv (GString     *out,
           const Tally *tally)
{
  GPtrArray *indicators = sc_framework_get_indicators (tally->framework);

  for (guint i = 0; i < indicators->len; i++)
    {
      const ScIndicator *indicator = g_ptr_array_index (indicators, i);
      GArray *counts = g_hash_table_lookup (tally->counts, indicator->id);

      for (guint l = 0; counts != NULL && l < counts->len; l++)
        {
          const ScLevel *level = g_ptr_array_index (indicator->scale->levels, l);
          g_autofree char *value = g_strdup_printf ("%d", level->value);
          g_autofree char *n = g_strdup_printf ("%u", g_array_index (counts, guint, l));

          append_field (out, tally->framework_id, FALSE);
          append_field (out, tally->version, FALSE);
          append_field (out, indicator->id, FALSE);
          append_field (out, sc_text_get (indicator->title), FALSE);
          append_field (out, value, FALSE);
          append_field (out, sc_text_get (level->label), FALSE);
          append_field (out, n, TRUE);
        }
    }
}

static gboolean
write_csv (ScExportFile *file,
           GPtrArray    *tallies,
           GError      **error)
{
  g_autoptr (GString) out = g_string_new (
    "framework,framework_version,indicator,indicator_title,level,level_label,inspections\r\n");

  for (guint i = 0; i < tallies->len; i++)
    tally_csv (out, g_ptr_array_index (tallies, i));
  return sc_export_file_write (file, out->str, out->len, error);
}

static char *
format_share (double value)
{
  char buffer[G_ASCII_DTOSTR_BUF_SIZE];

  if (isnan (value))
    return g_strdup ("");
  return g_strdup (g_ascii_formatd (buffer, sizeof buffer, "%.4f", value));
}

static gboolean
write_trends_csv (ScExportFile *file,
                  GPtrArray    *trends,
                  GError      **error)
{
  g_autoptr (GString) out = g_string_new ("inspection,framework,framework_version,date,"
                                          "indicators,readers,exact,within_one,kappa,"
                                          "alpha_ordinal\r\n");

  for (guint i = 0; i < trends->len; i++)
    {
      const ScCentralTrend *t = g_ptr_array_index (trends, i);
      g_autofree char *n_units = g_strdup_printf ("%u", t->n_units);
      g_autofree char *n_readers = g_strdup_printf ("%u", t->n_readers);
      g_autofree char *exact = format_share (t->exact);
      g_autofree char *within = format_share (t->within_one);
      g_autofree char *kappa = format_share (t->kappa);
      g_autofree char *alpha = format_share (t->alpha);

      append_field (out, t->inspection, FALSE);
      append_field (out, t->framework_id, FALSE);
      append_field (out, t->version, FALSE);
      append_field (out, t->created, FALSE);
      append_field (out, n_units, FALSE);
      append_field (out, n_readers, FALSE);
      append_field (out, exact, FALSE);
      append_field (out, within, FALSE);
      append_field (out, kappa, FALSE);
      append_field (out, alpha, TRUE);
    }
  return sc_export_file_write (file, out->str, out->len, error);
}

/* PDF */

static void
draw_distribution (cairo_t            *cr,
                   double              width,
                   double              height,
                   const ScChartStyle *style,
                   gpointer            data)
{
  sc_chart_draw_distribution (cr, width, height, data, style);
}

/* The chart of SCALE's indicators, split where a page ends. */
static void
scale_chart (ScReportDoc   *doc,
             const Tally   *tally,
             const ScScale *scale)
{
  GPtrArray *indicators = sc_framework_get_indicators (tally->framework);
  g_autoptr (GPtrArray) labels = g_ptr_array_new_with_free_func (g_free);
  g_autoptr (GArray) counts = g_array_new (FALSE, TRUE, sizeof (guint));
  g_autofree const char **level_labels = g_new0 (const char *, scale->levels->len + 1);
  ScChartDistribution chart = { scale->levels->len, level_labels, 0, NULL, NULL };
  double width = sc_report_doc_width (doc);

  for (guint l = 0; l < scale->levels->len; l++)
    level_labels[l] = sc_text_get (((ScLevel *) g_ptr_array_index (scale->levels, l))->label);
  for (guint i = 0; i < indicators->len; i++)
    {
      const ScIndicator *indicator = g_ptr_array_index (indicators, i);
      GArray *found = g_hash_table_lookup (tally->counts, indicator->id);

      if (indicator->scale != scale || found == NULL)
        continue;
      g_ptr_array_add (labels, g_strdup_printf ("%s %s", indicator->id,
                                                sc_text_get (indicator->title)));
      g_array_append_vals (counts, found->data, found->len);
    }
  for (guint first = 0, turned = 0; first < labels->len;)
    {
      double fit = sc_report_doc_bottom (doc) - doc->y - 8;

      chart.row_labels = (const char * const *) labels->pdata + first;
      chart.counts = (const guint *) (void *) counts->data + (gsize) first * chart.n_levels;
      chart.n_rows = labels->len - first;
      while (chart.n_rows > 1 &&
             sc_chart_distribution_get_height (doc->cr, width, &chart, &doc->chart) > fit)
        chart.n_rows--;
      /* Not even one row fits: a new page, once. */
      if (chart.n_rows == 1 && turned != first + 1 &&
          sc_chart_distribution_get_height (doc->cr, width, &chart, &doc->chart) > fit)
        {
          sc_report_doc_new_page (doc);
          turned = first + 1;
          continue;
        }
      sc_report_doc_figure (doc, width,
                            sc_chart_distribution_get_height (doc->cr, width, &chart, &doc->chart),
                            draw_distribution, &chart);
      first += chart.n_rows;
    }
}

static void
tally_pdf (ScReportDoc *doc,
           const Tally *tally)
{
  GPtrArray *scales = sc_framework_get_scales (tally->framework);

  sc_report_doc_textf (doc, SC_TEXT_HEADING, "%s (%s)", tally->title, tally->version);
  sc_report_doc_textf (doc, SC_TEXT_BODY,
                       g_dngettext (GETTEXT_PACKAGE,
                                    "%u inspection reported on this framework. For each "
                                    "indicator, the level each inspection reached: its lead's "
                                    "evaluation, or the lower median of its team's; the best "
                                    "level is on the left.",
                                    "%u inspections reported on this framework. For each "
                                    "indicator, the level each inspection reached: its lead's "
                                    "evaluation, or the lower median of its team's; the best "
                                    "level is on the left.",
                                    tally->n_inspections),
                       tally->n_inspections);
  for (guint s = 0; s < scales->len; s++)
    scale_chart (doc, tally, g_ptr_array_index (scales, s));
}

static void
draw_trend (cairo_t            *cr,
            double              width,
            double              height,
            const ScChartStyle *style,
            gpointer            data)
{
  sc_chart_draw_trend (cr, width, height, data, style);
}

/* A date for the chart's axis: the day of an ISO 8601 time. */
static char *
short_date (const char *created)
{
  return g_strndup (created, MIN (strlen (created), 10));
}

static void
trends_pdf (ScReportDoc *doc,
            GPtrArray   *trends)
{
  const char *series[] = { _("Exact"), _("Within one level"), _("Kappa (two members)"),
                           _("Alpha (ordinal)") };
  g_autoptr (GPtrArray) labels = g_ptr_array_new_with_free_func (g_free);
  g_autofree double *values = g_new (double, (gsize) G_N_ELEMENTS (series) * trends->len);
  g_autoptr (ScReportTable) table = NULL;
  ScChartTrend chart = { trends->len, NULL, G_N_ELEMENTS (series), series, values, 0.0, 1.0 };
  double width = sc_report_doc_width (doc);
  guint n = trends->len;

  sc_report_doc_text (doc, SC_TEXT_HEADING, _("Agreement over time"));
  if (n == 0)
    {
      sc_report_doc_text (doc, SC_TEXT_BODY,
                          _("No inspection has an indicator that two team members or more "
                            "evaluated, so there is no agreement to show yet."));
      return;
    }
  sc_report_doc_text (doc, SC_TEXT_BODY,
                      _("For each inspection, oldest first (by the date of its latest team "
                        "bundle): of the indicators that two team members or more evaluated, "
                        "the share where all gave the same level and where the levels were at "
                        "most one apart, with Cohen's kappa (where exactly two members did) "
                        "and Krippendorff's ordinal alpha. Missing points do not apply."));
  for (guint i = 0; i < n; i++)
    {
      const ScCentralTrend *t = g_ptr_array_index (trends, i);
      double row[] = { t->exact, t->within_one, t->kappa, t->alpha };

      g_ptr_array_add (labels, short_date (t->created));
      for (guint s = 0; s < G_N_ELEMENTS (row); s++)
        {
          values[s * n + i] = row[s];
          /* Kappa and alpha may fall below zero: widen the axis in quarters. */
          if (!isnan (row[s]) && row[s] < chart.min)
            chart.min = floor (row[s] * 4.0) / 4.0;
        }
    }
  chart.point_labels = (const char * const *) labels->pdata;
  sc_report_doc_figure (doc, width, sc_chart_trend_get_height (doc->cr, width, &chart, &doc->chart),
                        draw_trend, &chart);

  table = sc_report_table_new (7);
  sc_report_table_set_column (table, 0, _("Date"), 1.2, FALSE);
  sc_report_table_set_column (table, 1, _("Framework"), 2.0, FALSE);
  sc_report_table_set_column (table, 2, _("Indicators"), 1.0, TRUE);
  sc_report_table_set_column (table, 3, _("Exact"), 1.0, TRUE);
  sc_report_table_set_column (table, 4, _("Within one"), 1.0, TRUE);
  sc_report_table_set_column (table, 5, _("Kappa"), 1.0, TRUE);
  sc_report_table_set_column (table, 6, _("Alpha"), 1.0, TRUE);
  for (guint i = 0; i < n; i++)
    {
      const ScCentralTrend *t = g_ptr_array_index (trends, i);
      double row[] = { t->exact, t->within_one, t->kappa, t->alpha };

      sc_report_table_add (table, g_ptr_array_index (labels, i));
      sc_report_table_take (table, g_strdup_printf ("%s %s", t->framework_id, t->version));
      sc_report_table_take (table, g_strdup_printf ("%u", t->n_units));
      for (guint s = 0; s < G_N_ELEMENTS (row); s++)
        sc_report_table_take (table, isnan (row[s]) ? g_strdup ("—")
                                                    : g_strdup_printf ("%.2f", row[s]));
    }
  sc_report_doc_table (doc, table);
}

static int
render (cairo_surface_t *surface,
        GPtrArray       *tallies,
        GPtrArray       *trends,
        int              n_pages)
{
  g_autoptr (ScReportDoc) doc = sc_report_doc_new (surface, _("Evaluations across inspections"),
                                                   n_pages);

  sc_report_doc_text (doc, SC_TEXT_TITLE, _("Evaluations across inspections"));
  sc_report_doc_text (doc, SC_TEXT_BODY,
                      _("From the team bundles that leads sealed to the central store: levels "
                        "only, no rationale, names or records."));
  sc_report_doc_text (doc, SC_TEXT_NOTICE, sc_export_get_warning ());
  if (tallies->len == 0)
    sc_report_doc_text (doc, SC_TEXT_BODY,
                        _("No team bundle with evaluations has been sealed to this central "
                          "store yet."));
  for (guint i = 0; i < tallies->len; i++)
    tally_pdf (doc, g_ptr_array_index (tallies, i));
  if (tallies->len > 0)
    trends_pdf (doc, trends);
  return sc_report_doc_finish (doc);
}

static cairo_status_t
discard (void                *closure,
         const unsigned char *data,
         unsigned int         length)
{
  return CAIRO_STATUS_SUCCESS;
}

static gboolean
write_pdf (ScExportFile *file,
           GPtrArray    *tallies,
           GPtrArray    *trends,
           GError      **error)
{
  cairo_surface_t *measure = cairo_pdf_surface_create_for_stream (
    discard, NULL, SC_REPORT_PAGE_WIDTH, SC_REPORT_PAGE_HEIGHT);
  int n_pages = render (measure, tallies, trends, 0);
  cairo_surface_t *surface;
  cairo_status_t status;

  cairo_surface_destroy (measure);
  surface = cairo_pdf_surface_create_for_stream (sc_export_file_cairo_write, file,
                                                 SC_REPORT_PAGE_WIDTH, SC_REPORT_PAGE_HEIGHT);
  cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_TITLE,
                                  _("Evaluations across inspections"));
  cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_CREATOR,
                                  "scrutineer-central " PACKAGE_VERSION);
  render (surface, tallies, trends, n_pages);
  cairo_surface_finish (surface);
  status = cairo_surface_status (surface);
  cairo_surface_destroy (surface);
  if (status != CAIRO_STATUS_SUCCESS)
    {
      g_set_error (error, SC_CENTRAL_ERROR, SC_CENTRAL_ERROR_FAILED,
                   _("The PDF could not be written: %s"), cairo_status_to_string (status));
      return FALSE;
    }
  return TRUE;
}

gboolean
sc_central_report_write (ScCentralDb *db,
                         const char  *path,
                         gboolean     overwrite,
                         GError     **error)
{
  gboolean pdf = g_str_has_suffix (path, ".pdf");
  g_autoptr (ScExportFile) file = NULL;
  g_autoptr (GPtrArray) tallies = NULL;
  g_autoptr (GPtrArray) trends = NULL;

  if (!pdf && !g_str_has_suffix (path, ".csv"))
    {
      g_set_error (error, SC_CENTRAL_ERROR, SC_CENTRAL_ERROR_INVALID,
                   _("The report's file name must end in .pdf or .csv"));
      return FALSE;
    }
  file = sc_export_file_begin (path, overwrite, error);
  if (file == NULL)
    return FALSE;
  tallies = load_tallies (db, error);
  if (tallies == NULL)
    return FALSE;
  if (pdf)
    {
      trends = sc_central_report_trends (db, error);
      if (trends == NULL || !write_pdf (file, tallies, trends, error))
        return FALSE;
    }
  else if (!write_csv (file, tallies, error))
    return FALSE;
  return sc_export_file_commit (file, error);
}

gboolean
sc_central_report_write_trends (ScCentralDb *db,
                                const char  *path,
                                gboolean     overwrite,
                                GError     **error)
{
  g_autoptr (ScExportFile) file = NULL;
  g_autoptr (GPtrArray) trends = NULL;

  if (!g_str_has_suffix (path, ".csv"))
    {
      g_set_error (error, SC_CENTRAL_ERROR, SC_CENTRAL_ERROR_INVALID,
                   _("The trends are written as CSV: the file name must end in .csv"));
      return FALSE;
    }
  file = sc_export_file_begin (path, overwrite, error);
  if (file == NULL)
    return FALSE;
  trends = sc_central_report_trends (db, error);
  if (trends == NULL || !write_trends_csv (file, trends, error))
    return FALSE;
  return sc_export_file_commit (file, error);
}
