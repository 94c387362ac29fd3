/* sc-report-evaluations.c: evaluations per quality indicator, with the
 * evidence that bears on each
 *
 * Copyright 2026 The Scrutineer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <glib/gi18n-lib.h>

#include "sc-report-private.h"

static const ScIndicatorEvidence *
find_evidence (const ScReportData *data,
               const char         *indicator)
{
  for (guint i = 0; data->evidence != NULL && i < data->evidence->len; i++)
    {
      const ScIndicatorEvidence *evidence = g_ptr_array_index (data->evidence, i);

      if (g_strcmp0 (evidence->indicator, indicator) == 0)
        return evidence;
    }
  return NULL;
}

static const char *
level_label (const ScIndicator *indicator,
             int                value)
{
  g_autofree char *text = g_strdup_printf ("%d", value);
  const ScLevel *level = indicator->scale != NULL
                           ? sc_scale_lookup_level (indicator->scale, text)
                           : NULL;

  return level != NULL ? sc_text_get (level->label) : NULL;
}

/* Every proposal on INDICATOR, one a line: "Good (lead)". */
static char *
proposals (const ScReportData *data,
           const ScIndicator  *indicator)
{
  g_autoptr (GString) out = g_string_new (NULL);

  for (guint i = 0; i < data->evaluations->len; i++)
    {
      const ScReportEvaluation *e = g_ptr_array_index (data->evaluations, i);
      const char *label = level_label (indicator, e->level);

      if (!g_str_equal (e->indicator, indicator->id))
        continue;
      if (out->len > 0)
        g_string_append_c (out, '\n');
      g_string_append_printf (out, "%s (%s)", label != NULL ? label : _("no level"),
                              e->author_role);
    }
  return out->len > 0 ? g_string_free (g_steal_pointer (&out), FALSE) : g_strdup ("—");
}

static void
evidence_table (ScReportDoc        *doc,
                const ScReportData *data)
{
  GPtrArray *indicators = sc_framework_get_indicators (data->framework);
  g_autoptr (ScReportTable) table = sc_report_table_new (5);

  sc_report_table_set_column (table, 0, _("Quality indicator"), 3.2, FALSE);
  sc_report_table_set_column (table, 1, _("Proposed level"), 1.5, FALSE);
  sc_report_table_set_column (table, 2, _("Readings"), 0.9, TRUE);
  sc_report_table_set_column (table, 3, _("Answers"), 0.9, TRUE);
  sc_report_table_set_column (table, 4, _("Notes"), 0.7, TRUE);
  for (guint i = 0; i < indicators->len; i++)
    {
      const ScIndicator *indicator = g_ptr_array_index (indicators, i);
      const ScIndicatorEvidence *evidence = find_evidence (data, indicator->id);

      sc_report_table_take (table, sc_report_indicator_title (data, indicator->id));
      sc_report_table_take (table, proposals (data, indicator));
      sc_report_table_take (table, g_strdup_printf ("%u", evidence ? evidence->n_readings : 0));
      sc_report_table_take (table, g_strdup_printf ("%u", evidence ? evidence->n_answers : 0));
      sc_report_table_take (table, g_strdup_printf ("%u", evidence ? evidence->n_notes : 0));
    }
  sc_report_doc_table (doc, table);
}

static void
draw_distribution (cairo_t            *cr,
                   double              width,
                   double              height,
                   const ScChartStyle *style,
                   gpointer            data)
{
  sc_chart_draw_distribution (cr, width, height, data, style);
}

/* Rows of level counts, best level first, for the indicators on SCALE
 * that have graded answers; LABELS gets their titles. */
static GArray *
collect_rows (const ScReportData *data,
              const ScScale      *scale,
              guint               n_levels,
              GPtrArray          *labels)
{
  GPtrArray *indicators = sc_framework_get_indicators (data->framework);
  GArray *counts = g_array_new (FALSE, TRUE, sizeof (guint));

  for (guint i = 0; i < indicators->len; i++)
    {
      const ScIndicator *indicator = g_ptr_array_index (indicators, i);
      const ScIndicatorEvidence *evidence = find_evidence (data, indicator->id);
      guint total = 0;

      if (indicator->scale != scale || evidence == NULL)
        continue;
      for (guint l = 0; l < n_levels; l++)
        {
          const ScLevel *level = g_ptr_array_index (scale->levels, l);
          guint n = level->value > 0 && level->value <= SC_EVIDENCE_MAX_LEVEL
                      ? evidence->level_counts[level->value] : 0;

          g_array_append_val (counts, n);
          total += n;
        }
      if (total > 0)
        g_ptr_array_add (labels, sc_report_indicator_title (data, indicator->id));
      else
        g_array_set_size (counts, counts->len - n_levels);
    }
  return counts;
}

/* Draws CHART's rows from FIRST on, as many as fit on this page (a new
 * page when not even a few do); returns how many it drew. */
static guint
draw_rows (ScReportDoc         *doc,
           ScChartDistribution *chart,
           GPtrArray           *labels,
           GArray              *counts,
           guint                first)
{
  double width = sc_report_doc_width (doc), fit;

  chart->row_labels = (const char * const *) labels->pdata + first;
  chart->counts = (const guint *) counts->data + (gsize) first * chart->n_levels;
  chart->n_rows = MIN (3, labels->len - first);
  fit = sc_report_doc_bottom (doc) - doc->y - 8;
  if (fit < sc_chart_distribution_get_height (doc->cr, width, chart, &doc->chart))
    {
      sc_report_doc_new_page (doc);
      fit = sc_report_doc_bottom (doc) - doc->y - 8;
    }
  chart->n_rows = labels->len - first;
  while (chart->n_rows > 1 &&
         sc_chart_distribution_get_height (doc->cr, width, chart, &doc->chart) > fit)
    chart->n_rows--;
  sc_report_doc_figure (doc, width,
                        sc_chart_distribution_get_height (doc->cr, width, chart, &doc->chart),
                        draw_distribution, chart);
  return chart->n_rows;
}

/* The distribution chart of SCALE's indicators, split where a page ends;
 * returns whether there was anything to draw. */
static gboolean
distribution (ScReportDoc        *doc,
              const ScReportData *data,
              const ScScale      *scale)
{
  guint n_levels = MIN (scale->levels->len, SC_EVIDENCE_MAX_LEVEL);
  g_autoptr (GPtrArray) labels = g_ptr_array_new_with_free_func (g_free);
  g_autoptr (GArray) counts = collect_rows (data, scale, n_levels, labels);
  g_autofree const char **level_labels = g_new0 (const char *, n_levels + 1);
  ScChartDistribution chart = { n_levels, level_labels, 0, NULL, NULL };

  for (guint l = 0; l < n_levels; l++)
    level_labels[l] = sc_text_get (((ScLevel *) g_ptr_array_index (scale->levels, l))->label);
  for (guint first = 0; first < labels->len;)
    first += draw_rows (doc, &chart, labels, counts, first);
  return labels->len > 0;
}

static void
distributions (ScReportDoc        *doc,
               const ScReportData *data)
{
  GPtrArray *scales = sc_framework_get_scales (data->framework);
  gboolean any = FALSE;

  sc_report_doc_ensure (doc, 150); /* the heading with a few rows of the chart */
  sc_report_doc_text (doc, SC_TEXT_SUBHEADING, _("Levels given in record readings"));
  sc_report_doc_text (doc, SC_TEXT_BODY,
                      _("How often each level was given in submitted readings to the graded "
                        "questions that bear on each indicator (a moderated value stands for "
                        "both readers’ answers); the best level is on the left. Indicators "
                        "without graded answers are left out."));
  for (guint s = 0; s < scales->len; s++)
    any |= distribution (doc, data, g_ptr_array_index (scales, s));
  if (!any)
    sc_report_doc_text (doc, SC_TEXT_BODY, _("No graded answer has been submitted yet."));
}

static void
rationales (ScReportDoc        *doc,
            const ScReportData *data)
{
  gboolean any = FALSE;

  for (guint i = 0; i < data->evaluations->len; i++)
    {
      const ScReportEvaluation *e = g_ptr_array_index (data->evaluations, i);
      const ScIndicator *indicator = sc_framework_lookup_indicator (data->framework, e->indicator);
      const char *label = indicator != NULL ? level_label (indicator, e->level) : NULL;
      g_autofree char *title = sc_report_indicator_title (data, e->indicator);

      if (e->rationale == NULL || *e->rationale == '\0')
        continue;
      if (!any)
        sc_report_doc_text (doc, SC_TEXT_SUBHEADING, _("Rationales"));
      any = TRUE;
      sc_report_doc_textf (doc, SC_TEXT_STRONG, "%s: %s (%s)", title,
                           label != NULL ? label : _("no level"), e->author_role);
      sc_report_doc_text (doc, SC_TEXT_BODY, e->rationale);
    }
}

void
sc_report_evaluations (ScReportDoc        *doc,
                       const ScReportData *data)
{
  sc_report_doc_text (doc, SC_TEXT_HEADING, _("Evaluations by quality indicator"));
  sc_report_doc_text (doc, SC_TEXT_BODY,
                      _("The level proposed for each indicator, by whom (their role), and the "
                        "evidence that bears on it: readings with an answer tagged to the "
                        "indicator, those answers, and focus-group notes tagged to it. A finding "
                        "is stronger when more than one source supports it."));
  evidence_table (doc, data);
  distributions (doc, data);
  rationales (doc, data);
}
