/* sc-double-stats.c
 *
 * Copyright 2026 The Scrutineer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The figures are `stats inspection`'s overall ones (primary against second
 * reading), without bootstrap intervals so they come at once; the report
 * has the intervals. The heatmap is that confusion matrix, best level first;
 * the distribution counts the levels each graded question was given, by
 * either reader; the bias is second minus first reading on graded questions,
 * for all double readings and per pair of readers.
 */
#include <adwaita.h>
#include <glib/gi18n.h>
#include <math.h>
#include <stdlib.h>

#include "sc-chart-view.h"
#include "sc-comparison-view.h"
#include "sc-double-reading.h"
#include "sc-double-stats.h"

#define MAX_DIFFERENCE 5

typedef struct
{
  const char *key;
  const char *title;
} Figure;

static const Figure figures[] = {
  { "n_pairs", N_("Questions compared") },
  { "exact", N_("Exact agreement") },
  { "within_one", N_("Within one level") },
  { "kappa", N_("Cohen’s kappa") },
  { "kappa_linear", N_("Kappa, linear weights") },
  { "kappa_quadratic", N_("Kappa, quadratic weights") },
  { "alpha_nominal", N_("Krippendorff’s alpha, nominal") },
  { "alpha_ordinal", N_("Krippendorff’s alpha, ordinal") },
  { "alpha_interval", N_("Krippendorff’s alpha, interval") },
};

struct _ScDoubleStats
{
  GtkWidget parent_instance;

  GtkWidget *box;
  GtkWidget *values[G_N_ELEMENTS (figures)];
  GtkWidget *heatmap;
  GtkWidget *distribution;
  GtkWidget *bias;
  GtkWidget *empty;
  GtkWidget *charts;
  ScInspectionContext *context;
};

G_DEFINE_FINAL_TYPE (ScDoubleStats, sc_double_stats, GTK_TYPE_WIDGET)

static char *
format_figure (JsonObject *overall,
               const char *key)
{
  JsonNode *node = overall != NULL ? json_object_get_member (overall, key) : NULL;

  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    /* Translators: a statistic that does not apply to these data */
    return g_strdup (_("n/a"));
  if (g_str_equal (key, "n_pairs"))
    return g_strdup_printf ("%" G_GINT64_FORMAT, json_node_get_int (node));
  if (g_str_equal (key, "exact") || g_str_equal (key, "within_one"))
    return g_strdup_printf ("%.0f %%", 100 * json_node_get_double (node));
  return g_strdup_printf ("%.2f", json_node_get_double (node));
}

/* The scale of the form's first graded question: the heatmap's labels. */
static const ScScale *
first_scale (ScFramework *framework)
{
  const ScInstrument *form = sc_framework_find_instrument (framework, SC_INSTRUMENT_KIND_RECORD);

  for (guint g = 0; form != NULL && g < form->groups->len; g++)
    {
      const ScGroup *group = g_ptr_array_index (form->groups, g);

      for (guint q = 0; q < group->questions->len; q++)
        {
          const ScQuestion *question = g_ptr_array_index (group->questions, q);

          if (question->type == SC_QUESTION_SCALE)
            return question->scale;
        }
    }
  return NULL;
}

static char *
level_label (const ScScale *scale,
             int            value)
{
  for (guint i = 0; scale != NULL && i < scale->levels->len; i++)
    {
      const ScLevel *level = g_ptr_array_index (scale->levels, i);

      if (level->value == value)
        return g_strdup (sc_text_get (level->label));
    }
  return g_strdup_printf ("%d", value);
}

/* The overall confusion matrix, reversed so the best level comes first. */
static gboolean
show_heatmap (ScDoubleStats *self,
              JsonObject    *overall)
{
  JsonObject *confusion = overall != NULL && json_object_has_member (overall, "confusion")
                            ? json_object_get_object_member (overall, "confusion") : NULL;
  JsonArray *labels = confusion != NULL ? json_object_get_array_member (confusion, "labels")
                                        : NULL;
  JsonArray *matrix = confusion != NULL ? json_object_get_array_member (confusion, "matrix")
                                        : NULL;
  const ScScale *scale = first_scale (self->context->framework);
  guint n = labels != NULL ? json_array_get_length (labels) : 0;
  g_autoptr (GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  g_autofree guint *counts = NULL;
  guint diagonal = 0, total = 0;
  g_autofree char *description = NULL;
  ScChartConfusion data;

  if (n == 0 || matrix == NULL || json_array_get_length (matrix) != n)
    return FALSE;
  counts = g_new0 (guint, n * n);
  for (guint i = 0; i < n; i++)
    {
      JsonNode *label = json_array_get_element (labels, n - 1 - i);

      g_ptr_array_add (names, json_node_get_value_type (label) == G_TYPE_STRING
                                ? g_strdup (json_node_get_string (label))
                                : level_label (scale, (int) json_node_get_int (label)));
    }
  for (guint r = 0; r < n; r++)
    {
      JsonArray *row = json_array_get_array_element (matrix, r);

      for (guint c = 0; c < n && c < json_array_get_length (row); c++)
        {
          guint count = (guint) json_array_get_int_element (row, c);

          counts[(n - 1 - r) * n + (n - 1 - c)] = count;
          total += count;
          diagonal += r == c ? count : 0;
        }
    }
  g_ptr_array_add (names, NULL);
  data = (ScChartConfusion) {
    n, (const char * const *) names->pdata, counts, _("First reading"), _("Second reading"),
  };
  sc_chart_view_set_confusion (SC_CHART_VIEW (self->heatmap), &data);
  description = g_strdup_printf (_("%u of %u graded answers given the same level by both "
                                   "readers"),
                                 diagonal, total);
  sc_chart_view_set_description (SC_CHART_VIEW (self->heatmap), description);
  return TRUE;
}

static gboolean
graded (ScFramework        *framework,
        const ScComparison *c,
        const ScQuestion  **question)
{
  *question = sc_framework_lookup_question (framework, c->question);
  return *question != NULL && (*question)->type == SC_QUESTION_SCALE;
}

static void
add_level (guint         *counts,
           const ScScale *scale,
           guint          row,
           const char    *value)
{
  int v = value != NULL ? atoi (value) : 0;

  for (guint i = 0; i < scale->levels->len; i++)
    if (((ScLevel *) g_ptr_array_index (scale->levels, i))->value == v)
      counts[row * scale->levels->len + i]++;
}

/* Levels given per graded question on the first scale, by either reader. */
static gboolean
show_distribution (ScDoubleStats *self,
                   GPtrArray     *comparisons)
{
  ScFramework *framework = self->context->framework;
  const ScScale *scale = first_scale (framework);
  g_autoptr (GPtrArray) rows = g_ptr_array_new ();
  g_autoptr (GArray) counts = g_array_new (FALSE, TRUE, sizeof (guint));
  g_autoptr (GPtrArray) levels = g_ptr_array_new ();
  ScChartDistribution data;

  if (scale == NULL)
    return FALSE;
  for (guint i = 0; i < comparisons->len; i++)
    {
      const ScComparison *c = g_ptr_array_index (comparisons, i);
      const ScQuestion *question;
      const char *title;
      guint r;

      if (!graded (framework, c, &question) || question->scale != scale)
        continue;
      title = sc_text_get (question->text);
      for (r = 0; r < rows->len && g_ptr_array_index (rows, r) != title; r++)
        ;
      if (r == rows->len)
        {
          g_ptr_array_add (rows, (gpointer) title);
          g_array_set_size (counts, rows->len * scale->levels->len);
        }
      add_level ((guint *) counts->data, scale, r, c->primary_value);
      add_level ((guint *) counts->data, scale, r, c->second_value);
    }
  if (rows->len == 0)
    return FALSE;
  for (guint i = 0; i < scale->levels->len; i++)
    g_ptr_array_add (levels,
                     (gpointer) sc_text_get (((ScLevel *) g_ptr_array_index (scale->levels,
                                                                             i))->label));
  g_ptr_array_add (levels, NULL);
  g_ptr_array_add (rows, NULL);
  data = (ScChartDistribution) {
    scale->levels->len, (const char * const *) levels->pdata, rows->len - 1,
    (const char * const *) rows->pdata, (const guint *) counts->data,
  };
  sc_chart_view_set_distribution (SC_CHART_VIEW (self->distribution), &data);
  sc_chart_view_set_description (SC_CHART_VIEW (self->distribution),
                                 _("How often each level was given to each graded question, "
                                   "by either reader of a double-read record"));
  return TRUE;
}

typedef struct
{
  GPtrArray *labels;
  GArray *sums;   /* double */
  GArray *n;      /* guint */
  GArray *counts; /* guint, rows of 2 MAX_DIFFERENCE + 1 */
} BiasRows;

static void
bias_add (BiasRows   *rows,
          const char *label,
          int         difference)
{
  guint r = 0, width = 2 * MAX_DIFFERENCE + 1;

  while (r < rows->labels->len && !g_str_equal (g_ptr_array_index (rows->labels, r), label))
    r++;
  if (r == rows->labels->len)
    {
      g_ptr_array_add (rows->labels, g_strdup (label));
      g_array_set_size (rows->sums, r + 1);
      g_array_set_size (rows->n, r + 1);
      g_array_set_size (rows->counts, (r + 1) * width);
    }
  g_array_index (rows->sums, double, r) += difference;
  g_array_index (rows->n, guint, r)++;
  g_array_index (rows->counts, guint,
                 r * width + CLAMP (difference, -MAX_DIFFERENCE, MAX_DIFFERENCE) +
                   MAX_DIFFERENCE)++;
}

static gboolean
show_bias (ScDoubleStats *self,
           GPtrArray     *comparisons)
{
  ScInspectionContext *context = self->context;
  BiasRows rows = {
    g_ptr_array_new_with_free_func (g_free), g_array_new (FALSE, TRUE, sizeof (double)),
    g_array_new (FALSE, TRUE, sizeof (guint)), g_array_new (FALSE, TRUE, sizeof (guint)),
  };
  g_autofree double *means = NULL;
  gboolean shown = FALSE;

  for (guint i = 0; i < comparisons->len; i++)
    {
      const ScComparison *c = g_ptr_array_index (comparisons, i);
      const ScQuestion *question;
      g_autofree char *pair = NULL;
      int difference;

      if (!graded (context->framework, c, &question) || c->primary_value == NULL ||
          c->second_value == NULL)
        continue;
      difference = atoi (c->second_value) - atoi (c->primary_value);
      /* Translators: a pair of readers, first reader → second reader */
      pair = g_strdup_printf (_("%s → %s"),
                              sc_inspection_context_member_name (context, c->primary_reader),
                              sc_inspection_context_member_name (context, c->second_reader));
      bias_add (&rows, _("All double readings"), difference);
      bias_add (&rows, pair, difference);
    }
  if (rows.labels->len > 0)
    {
      ScChartBias data;

      means = g_new0 (double, rows.labels->len);
      for (guint r = 0; r < rows.labels->len; r++)
        means[r] = g_array_index (rows.sums, double, r) / g_array_index (rows.n, guint, r);
      g_ptr_array_add (rows.labels, NULL);
      data = (ScChartBias) {
        rows.labels->len - 1, (const char * const *) rows.labels->pdata, means,
        (const guint *) rows.n->data, MAX_DIFFERENCE, (const guint *) rows.counts->data,
        _("Second reading minus first, in levels"),
      };
      sc_chart_view_set_bias (SC_CHART_VIEW (self->bias), &data);
      sc_chart_view_set_description (SC_CHART_VIEW (self->bias),
                                     _("How far second readings lean above or below first "
                                       "readings on graded questions, overall and per pair of "
                                       "readers"));
      shown = TRUE;
    }
  g_ptr_array_unref (rows.labels);
  g_array_unref (rows.sums);
  g_array_unref (rows.n);
  g_array_unref (rows.counts);
  return shown;
}

void
sc_double_stats_reload (ScDoubleStats *self,
                        GPtrArray     *comparisons)
{
  ScAgreementOptions options;
  g_autoptr (GError) error = NULL;
  g_autoptr (JsonNode) stats = NULL;
  JsonObject *overall = NULL;
  gboolean any;

  g_return_if_fail (SC_IS_DOUBLE_STATS (self));

  if (self->context->store == NULL)
    return;
  sc_agreement_options_init (&options);
  options.resamples = 0;
  stats = sc_store_inspection_stats (self->context->store, self->context->inspection, &options,
                                     &error);
  if (stats == NULL)
    sc_inspection_toast (GTK_WIDGET (self), error->message);
  else
    overall = json_object_get_object_member (json_node_get_object (stats), "overall");
  for (guint i = 0; i < G_N_ELEMENTS (figures); i++)
    {
      g_autofree char *text = format_figure (overall, figures[i].key);

      gtk_label_set_label (GTK_LABEL (self->values[i]), text);
    }
  gtk_widget_set_visible (self->heatmap, show_heatmap (self, overall));
  gtk_widget_set_visible (self->distribution, show_distribution (self, comparisons));
  gtk_widget_set_visible (self->bias, show_bias (self, comparisons));
  any = gtk_widget_get_visible (self->heatmap) || gtk_widget_get_visible (self->bias) ||
        gtk_widget_get_visible (self->distribution);
  gtk_widget_set_visible (self->charts, any);
  gtk_widget_set_visible (self->empty, !any);
}

static GtkWidget *
chart_card (GtkWidget  *chart,
            const char *title)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  GtkWidget *label = gtk_label_new (title);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_widget_add_css_class (label, "heading");
  gtk_box_append (GTK_BOX (box), label);
  gtk_box_append (GTK_BOX (box), chart);
  gtk_widget_add_css_class (box, "card");
  gtk_widget_add_css_class (box, "sc-chart-card");
  g_object_bind_property (chart, "visible", box, "visible", G_BINDING_SYNC_CREATE);
  return box;
}

static void
sc_double_stats_dispose (GObject *object)
{
  ScDoubleStats *self = SC_DOUBLE_STATS (object);

  g_clear_pointer (&self->box, gtk_widget_unparent);
  G_OBJECT_CLASS (sc_double_stats_parent_class)->dispose (object);
}

static void
sc_double_stats_finalize (GObject *object)
{
  ScDoubleStats *self = SC_DOUBLE_STATS (object);

  g_clear_pointer (&self->context, sc_inspection_context_unref);
  G_OBJECT_CLASS (sc_double_stats_parent_class)->finalize (object);
}

static void
sc_double_stats_class_init (ScDoubleStatsClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = sc_double_stats_dispose;
  object_class->finalize = sc_double_stats_finalize;
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
}

static void
sc_double_stats_init (ScDoubleStats *self)
{
  GtkWidget *list = gtk_list_box_new ();
  GtkWidget *flow = gtk_flow_box_new ();

  self->box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 12);
  gtk_list_box_set_selection_mode (GTK_LIST_BOX (list), GTK_SELECTION_NONE);
  gtk_widget_add_css_class (list, "boxed-list");
  gtk_widget_set_valign (list, GTK_ALIGN_START);
  gtk_accessible_update_property (GTK_ACCESSIBLE (list), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Agreement statistics"), -1);
  for (guint i = 0; i < G_N_ELEMENTS (figures); i++)
    {
      GtkWidget *row = adw_action_row_new ();

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), _(figures[i].title));
      self->values[i] = gtk_label_new ("—");
      gtk_widget_add_css_class (self->values[i], "numeric");
      gtk_widget_set_name (self->values[i], figures[i].key);
      gtk_accessible_update_property (GTK_ACCESSIBLE (self->values[i]),
                                      GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, _(figures[i].title),
                                      -1);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), self->values[i]);
      gtk_list_box_append (GTK_LIST_BOX (list), row);
    }

  /* Figures and the heatmap beside each other while they fit. */
  gtk_flow_box_set_selection_mode (GTK_FLOW_BOX (flow), GTK_SELECTION_NONE);
  gtk_flow_box_set_max_children_per_line (GTK_FLOW_BOX (flow), 2);
  gtk_flow_box_set_min_children_per_line (GTK_FLOW_BOX (flow), 1);
  gtk_flow_box_set_column_spacing (GTK_FLOW_BOX (flow), 12);
  gtk_flow_box_set_row_spacing (GTK_FLOW_BOX (flow), 12);
  gtk_flow_box_set_homogeneous (GTK_FLOW_BOX (flow), TRUE);
  gtk_widget_set_size_request (list, 300, -1);
  gtk_flow_box_append (GTK_FLOW_BOX (flow), list);
  self->heatmap = sc_chart_view_new (_("First against second reading"));
  gtk_widget_set_size_request (self->heatmap, 280, -1);
  gtk_flow_box_append (GTK_FLOW_BOX (flow),
                       chart_card (self->heatmap, _("First Against Second Reading")));
  gtk_box_append (GTK_BOX (self->box), flow);

  self->charts = gtk_box_new (GTK_ORIENTATION_VERTICAL, 12);
  self->bias = sc_chart_view_new (_("Reader bias"));
  gtk_box_append (GTK_BOX (self->charts), chart_card (self->bias, _("Reader Bias")));
  self->distribution = sc_chart_view_new (_("Levels given"));
  gtk_box_append (GTK_BOX (self->charts), chart_card (self->distribution, _("Levels Given")));
  gtk_box_append (GTK_BOX (self->box), self->charts);

  self->empty = gtk_label_new (_("Charts appear once both readings of a record are "
                                 "submitted."));
  gtk_label_set_wrap (GTK_LABEL (self->empty), TRUE);
  gtk_label_set_xalign (GTK_LABEL (self->empty), 0);
  gtk_widget_add_css_class (self->empty, "dim-label");
  gtk_box_append (GTK_BOX (self->box), self->empty);
  gtk_widget_set_parent (self->box, GTK_WIDGET (self));
}

GtkWidget *
sc_double_stats_new (ScInspectionContext *context)
{
  ScDoubleStats *self = g_object_new (SC_TYPE_DOUBLE_STATS, NULL);

  self->context = sc_inspection_context_ref (context);
  return GTK_WIDGET (self);
}
