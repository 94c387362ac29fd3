/* sc-report-charts.c: the agreement heatmaps and the reader bias charts
 *
 * Copyright 2026 The Scrutineer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Heatmaps: one per graded (scale) question, on the whole scale, best level
 * first, from the confusion matrix of sc_store_inspection_stats(). Bias:
 * from the comparisons, second reading minus first on graded questions, for
 * all double readings and per pair of readers; and each reader against the
 * moderated value where there is one.
 */
#include <glib/gi18n-lib.h>
#include <math.h>
#include <stdlib.h>

#include "sc-report-private.h"

#define MAX_DIFFERENCE 15
#define HEATMAP_HEIGHT 220.0
#define CAPTION_HEIGHT 26.0

typedef struct
{
  char *title;
  guint n;
  char **labels; /* level labels, best first */
  guint *counts;
} Heatmap;

static void
heatmap_free (Heatmap *h)
{
  g_free (h->title);
  g_free (h->labels); /* the strings belong to the framework */
  g_free (h->counts);
  g_free (h);
}

static int
scale_index (const ScScale *scale,
             int            value)
{
  for (guint i = 0; i < scale->levels->len; i++)
    if (((ScLevel *) g_ptr_array_index (scale->levels, i))->value == value)
      return (int) i;
  return -1;
}

/* The question's confusion matrix spread over its whole scale. */
static Heatmap *
heatmap_for (const ScQuestion *question,
             JsonObject       *stats)
{
  JsonObject *confusion = json_object_has_member (stats, "confusion")
                            ? json_object_get_object_member (stats, "confusion") : NULL;
  JsonArray *labels = confusion != NULL ? json_object_get_array_member (confusion, "labels")
                                        : NULL;
  JsonArray *matrix = confusion != NULL ? json_object_get_array_member (confusion, "matrix")
                                        : NULL;
  guint n = question->scale->levels->len, m = labels != NULL ? json_array_get_length (labels) : 0;
  Heatmap *h;

  if (matrix == NULL || m == 0)
    return NULL;
  h = g_new0 (Heatmap, 1);
  h->title = g_strdup (sc_text_get (question->text));
  h->n = n;
  h->labels = g_new0 (char *, n + 1);
  h->counts = g_new0 (guint, (gsize) n * n);
  for (guint i = 0; i < n; i++)
    h->labels[i] = (char *) sc_text_get (((ScLevel *) g_ptr_array_index (question->scale->levels,
                                                                          i))->label);
  for (guint r = 0; r < m && r < json_array_get_length (matrix); r++)
    {
      JsonArray *row = json_array_get_array_element (matrix, r);
      int ri = scale_index (question->scale, (int) json_array_get_int_element (labels, r));

      for (guint c = 0; c < m && c < json_array_get_length (row) && ri >= 0; c++)
        {
          int ci = scale_index (question->scale, (int) json_array_get_int_element (labels, c));

          if (ci >= 0)
            h->counts[(gsize) ri * n + ci] += (guint) json_array_get_int_element (row, c);
        }
    }
  return h;
}

static void
draw_caption (cairo_t            *cr,
              const char         *text,
              double              width,
              const ScChartStyle *style)
{
  PangoLayout *layout = pango_cairo_create_layout (cr);
  PangoFontDescription *font = pango_font_description_new ();

  pango_font_description_set_family (font, style->font_family);
  pango_font_description_set_absolute_size (font, (style->font_size + 0.5) * PANGO_SCALE);
  pango_font_description_set_weight (font, PANGO_WEIGHT_BOLD);
  pango_layout_set_font_description (layout, font);
  pango_layout_set_width (layout, (int) (width * PANGO_SCALE));
  pango_layout_set_height (layout, -2);
  pango_layout_set_ellipsize (layout, PANGO_ELLIPSIZE_END);
  pango_layout_set_text (layout, text, -1);
  cairo_set_source_rgba (cr, style->text.red, style->text.green, style->text.blue, 1);
  cairo_move_to (cr, 0, 0);
  pango_cairo_show_layout (cr, layout);
  pango_font_description_free (font);
  g_object_unref (layout);
}

/* Two heatmaps side by side: DATA is a NULL-terminated pair of Heatmap*. */
static void
draw_heatmap_row (cairo_t            *cr,
                  double              width,
                  double              height,
                  const ScChartStyle *style,
                  gpointer            data)
{
  Heatmap **pair = data;
  double gap = 18, w = (width - gap) / 2;

  for (guint i = 0; i < 2 && pair[i] != NULL; i++)
    {
      ScChartConfusion chart = {
        pair[i]->n, (const char * const *) pair[i]->labels, pair[i]->counts,
        _("First reading"), _("Second reading"),
      };

      cairo_save (cr);
      cairo_translate (cr, i * (w + gap), 0);
      draw_caption (cr, pair[i]->title, w, style);
      cairo_translate (cr, 0, CAPTION_HEIGHT);
      sc_chart_draw_heatmap (cr, w, height - CAPTION_HEIGHT, &chart, style);
      cairo_restore (cr);
    }
}

static void
heatmaps (ScReportDoc        *doc,
          const ScReportData *data)
{
  const ScInstrument *form = sc_framework_find_instrument (data->framework,
                                                           SC_INSTRUMENT_KIND_RECORD);
  g_autoptr (GPtrArray) maps = g_ptr_array_new_with_free_func ((GDestroyNotify) heatmap_free);

  for (guint g = 0; form != NULL && g < form->groups->len; g++)
    {
      const ScGroup *group = g_ptr_array_index (form->groups, g);

      for (guint q = 0; q < group->questions->len; q++)
        {
          const ScQuestion *question = g_ptr_array_index (group->questions, q);
          JsonObject *stats = sc_report_data_stats (data, "questions", question->id);
          Heatmap *h = question->type == SC_QUESTION_SCALE && stats != NULL
                         ? heatmap_for (question, stats) : NULL;

          if (h != NULL)
            g_ptr_array_add (maps, h);
        }
    }
  sc_report_doc_ensure (doc, 70 + HEATMAP_HEIGHT); /* the heading with its first row */
  sc_report_doc_text (doc, SC_TEXT_SUBHEADING, _("Agreement on graded questions"));
  sc_report_doc_text (doc, SC_TEXT_BODY,
                      _("How many answers the first and second readings gave at each level; "
                        "the outlined cells on the diagonal are exact agreement, darker cells "
                        "hold more answers."));
  for (guint i = 0; i < maps->len; i += 2)
    {
      Heatmap *pair[3] = { g_ptr_array_index (maps, i),
                           i + 1 < maps->len ? g_ptr_array_index (maps, i + 1) : NULL, NULL };

      sc_report_doc_figure (doc, 0, HEATMAP_HEIGHT, draw_heatmap_row, pair);
    }
  if (maps->len == 0)
    sc_report_doc_text (doc, SC_TEXT_BODY, _("No graded question has two readings yet."));
}

/* ---- Bias ---------------------------------------------------------- */

typedef struct
{
  GPtrArray *labels; /* char* */
  GArray *sums;      /* double */
  GArray *n;         /* guint */
  GArray *counts;    /* guint, rows of 2 max + 1 */
  GArray *means;     /* double: the statistics' own mean, or NAN to compute it */
  int max;
} BiasRows;

static void
bias_rows_init (BiasRows *rows,
                int       max)
{
  rows->labels = g_ptr_array_new_with_free_func (g_free);
  rows->sums = g_array_new (FALSE, TRUE, sizeof (double));
  rows->n = g_array_new (FALSE, TRUE, sizeof (guint));
  rows->counts = g_array_new (FALSE, TRUE, sizeof (guint));
  rows->means = g_array_new (FALSE, TRUE, sizeof (double));
  rows->max = max;
}

static void
bias_rows_clear (BiasRows *rows)
{
  g_ptr_array_unref (rows->labels);
  g_array_unref (rows->sums);
  g_array_unref (rows->n);
  g_array_unref (rows->counts);
  g_array_unref (rows->means);
}

static void
bias_rows_add (BiasRows   *rows,
               const char *label,
               int         difference)
{
  guint r = 0, width = 2 * rows->max + 1;
  double unknown = NAN;

  while (r < rows->labels->len && !g_str_equal (g_ptr_array_index (rows->labels, r), label))
    r++;
  if (r == rows->labels->len)
    {
      g_ptr_array_add (rows->labels, g_strdup (label));
      g_array_set_size (rows->sums, r + 1);
      g_array_set_size (rows->n, r + 1);
      g_array_set_size (rows->counts, (r + 1) * width);
      g_array_append_val (rows->means, unknown);
    }
  g_array_index (rows->sums, double, r) += difference;
  g_array_index (rows->n, guint, r)++;
  g_array_index (rows->counts, guint, r * width + CLAMP (difference, -rows->max, rows->max)
                                        + rows->max)++;
}

static gboolean
graded_values (const ScReportData *data,
               const char         *question,
               const char         *a,
               const char         *b,
               int                *x,
               int                *y)
{
  const ScQuestion *q = sc_framework_lookup_question (data->framework, question);
  char *end_a = NULL, *end_b = NULL;

  if (q == NULL || q->type != SC_QUESTION_SCALE || a == NULL || b == NULL)
    return FALSE;
  *x = (int) strtol (a, &end_a, 10);
  *y = (int) strtol (b, &end_b, 10);
  return end_a != a && *end_a == '\0' && end_b != b && *end_b == '\0';
}

static void
draw_bias (cairo_t            *cr,
           double              width,
           double              height,
           const ScChartStyle *style,
           gpointer            data)
{
  sc_chart_draw_bias (cr, width, height, data, style);
}

static void
bias_figure (ScReportDoc *doc,
             BiasRows    *rows,
             const char  *axis_title)
{
  g_autofree double *means = g_new0 (double, rows->labels->len + 1);
  ScChartBias chart = {
    rows->labels->len, (const char * const *) rows->labels->pdata, means,
    (const guint *) rows->n->data, rows->max, (const guint *) rows->counts->data, axis_title,
  };

  for (guint r = 0; r < rows->labels->len; r++)
    {
      guint n = g_array_index (rows->n, guint, r);

      means[r] = g_array_index (rows->means, double, r);
      if (isnan (means[r]) && n > 0)
        means[r] = g_array_index (rows->sums, double, r) / n;
    }
  sc_report_doc_figure (doc, 0, sc_chart_bias_get_height (&chart, &doc->chart), draw_bias,
                        &chart);
}

static int
largest_difference (const ScReportData *data)
{
  GPtrArray *scales = sc_framework_get_scales (data->framework);
  guint levels = 2;

  for (guint s = 0; s < scales->len; s++)
    levels = MAX (levels, ((ScScale *) g_ptr_array_index (scales, s))->levels->len);
  return MIN ((int) levels - 1, MAX_DIFFERENCE);
}

static void
pair_bias (ScReportDoc        *doc,
           const ScReportData *data)
{
  BiasRows rows;

  bias_rows_init (&rows, largest_difference (data));
  for (guint i = 0; i < data->comparisons->len; i++)
    {
      const ScComparison *c = g_ptr_array_index (data->comparisons, i);
      g_autofree char *pair = NULL;
      int first, second;

      if (!graded_values (data, c->question, c->primary_value, c->second_value, &first, &second))
        continue;
      pair = g_strdup_printf ("%s → %s", sc_report_data_reader (data, c->primary_reader),
                              sc_report_data_reader (data, c->second_reader));
      bias_rows_add (&rows, _("All double readings"), second - first);
      bias_rows_add (&rows, pair, second - first);
    }
  if (rows.labels->len > 0)
    bias_figure (doc, &rows, _("Second reading minus first, in levels"));
  else
    sc_report_doc_text (doc, SC_TEXT_BODY, _("No graded question has two readings yet."));
  bias_rows_clear (&rows);
}

/* The statistics' own means of readers against moderated values, so the
 * chart and `stats inspection` print the same figures. */
static void
use_moderated_means (BiasRows           *rows,
                     const ScReportData *data)
{
  JsonObject *means = sc_report_data_stats (data, "moderated_bias", NULL);
  g_autoptr (GList) members = means != NULL ? json_object_get_members (means) : NULL;

  for (GList *l = members; l != NULL; l = l->next)
    {
      JsonNode *node = json_object_get_member (means, l->data);
      const char *label = sc_report_data_reader (data, l->data);

      if (JSON_NODE_TYPE (node) != JSON_NODE_VALUE)
        continue;
      for (guint r = 0; r < rows->labels->len; r++)
        if (g_str_equal (g_ptr_array_index (rows->labels, r), label))
          g_array_index (rows->means, double, r) = json_node_get_double (node);
    }
}

static void
moderated_bias (ScReportDoc        *doc,
                const ScReportData *data)
{
  BiasRows rows;

  bias_rows_init (&rows, largest_difference (data));
  for (guint i = 0; i < data->comparisons->len; i++)
    {
      const ScComparison *c = g_ptr_array_index (data->comparisons, i);
      int given, agreed;

      if (graded_values (data, c->question, c->primary_value, c->moderated_value, &given, &agreed))
        bias_rows_add (&rows, sc_report_data_reader (data, c->primary_reader), given - agreed);
      if (graded_values (data, c->question, c->second_value, c->moderated_value, &given, &agreed))
        bias_rows_add (&rows, sc_report_data_reader (data, c->second_reader), given - agreed);
    }
  use_moderated_means (&rows, data);
  if (rows.labels->len > 0)
    {
      sc_report_doc_text (doc, SC_TEXT_BODY,
                          _("Each reader against the moderated value, where a graded answer was "
                            "moderated:"));
      bias_figure (doc, &rows, _("Reader’s answer minus the moderated value, in levels"));
    }
  bias_rows_clear (&rows);
}

void
sc_report_agreement_charts (ScReportDoc        *doc,
                            const ScReportData *data)
{
  heatmaps (doc, data);
  sc_report_doc_ensure (doc, 200);
  sc_report_doc_text (doc, SC_TEXT_SUBHEADING, _("Reader bias"));
  sc_report_doc_text (doc, SC_TEXT_BODY,
                      _("Whether second readers tend to grade higher (right of zero) or lower "
                        "(left) than first readers, on graded questions. Dots: how many answers "
                        "differ by that many levels; diamond: the mean difference."));
  pair_bias (doc, data);
  moderated_bias (doc, data);
}
