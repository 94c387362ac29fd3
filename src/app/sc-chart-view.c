/* sc-chart-view.c
 *
 * Copyright 2026 The Scrutineer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A GtkDrawingArea inside, so the chart is drawn with cairo at the widget's
 * size. The heatmap is square-ish and takes a fixed height; the distribution
 * and the bias charts ask sc-chart.c how tall their rows need to be.
 */
#include <adwaita.h>
#include <glib/gi18n.h>
#include <math.h>

#include "sc-chart-view.h"

#define HEATMAP_HEIGHT 260
#define FONT_SIZE 12.0
#define WIDTH_GUESS 560.0

typedef enum
{
  KIND_NONE,
  KIND_CONFUSION,
  KIND_DISTRIBUTION,
  KIND_BIAS,
} Kind;

struct _ScChartView
{
  GtkWidget parent_instance;

  GtkWidget *area;
  Kind kind;
  guint n;          /* categories, or rows */
  guint n_levels;   /* distribution */
  GStrv labels;     /* confusion: n; distribution: rows; bias: rows */
  GStrv level_labels;
  guint *counts;
  double *means;
  guint *n_values;
  int max_difference;
  char *row_title;
  char *column_title;
  gboolean dark;
};

G_DEFINE_FINAL_TYPE (ScChartView, sc_chart_view, GTK_TYPE_WIDGET)

static void
clear_data (ScChartView *self)
{
  self->kind = KIND_NONE;
  self->n = self->n_levels = 0;
  g_clear_pointer (&self->labels, g_strfreev);
  g_clear_pointer (&self->level_labels, g_strfreev);
  g_clear_pointer (&self->counts, g_free);
  g_clear_pointer (&self->means, g_free);
  g_clear_pointer (&self->n_values, g_free);
  g_clear_pointer (&self->row_title, g_free);
  g_clear_pointer (&self->column_title, g_free);
}

static GStrv
copy_strings (const char * const *strings,
              guint               n)
{
  GStrv copy = g_new0 (char *, n + 1);

  for (guint i = 0; i < n; i++)
    copy[i] = g_strdup (strings[i]);
  return copy;
}

static void
style_for (ScChartView  *self,
           ScChartStyle *style)
{
  sc_chart_style_init (style, self->dark ? SC_CHART_THEME_DARK : SC_CHART_THEME_LIGHT);
  style->font_size = FONT_SIZE;
  style->background.alpha = 0; /* the card behind shows through */
}

static void
fill_confusion (ScChartView      *self,
                ScChartConfusion *data)
{
  *data = (ScChartConfusion) {
    self->n, (const char * const *) self->labels, self->counts, self->row_title,
    self->column_title,
  };
}

static void
fill_distribution (ScChartView         *self,
                   ScChartDistribution *data)
{
  *data = (ScChartDistribution) {
    self->n_levels, (const char * const *) self->level_labels, self->n,
    (const char * const *) self->labels, self->counts,
  };
}

static void
fill_bias (ScChartView *self,
           ScChartBias *data)
{
  *data = (ScChartBias) {
    self->n, (const char * const *) self->labels, self->means, self->n_values,
    self->max_difference, self->counts, self->row_title,
  };
}

/* The height the chart needs at WIDTH. */
static int
needed_height (ScChartView *self,
               double       width)
{
  ScChartStyle style;
  cairo_surface_t *surface;
  cairo_t *cr;
  double height = 0;

  style_for (self, &style);
  switch (self->kind)
    {
    case KIND_CONFUSION:
      return HEATMAP_HEIGHT;
    case KIND_BIAS:
      {
        ScChartBias data;

        fill_bias (self, &data);
        return (int) ceil (sc_chart_bias_get_height (&data, &style));
      }
    case KIND_DISTRIBUTION:
      {
        ScChartDistribution data;

        surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, 1, 1);
        cr = cairo_create (surface);
        fill_distribution (self, &data);
        height = sc_chart_distribution_get_height (cr, width, &data, &style);
        cairo_destroy (cr);
        cairo_surface_destroy (surface);
        return (int) ceil (height);
      }
    case KIND_NONE:
    default:
      return 0;
    }
}

static void
draw_cb (GtkDrawingArea *area,
         cairo_t        *cr,
         int             width,
         int             height,
         gpointer        data)
{
  ScChartView *self = data;
  ScChartStyle style;

  style_for (self, &style);
  switch (self->kind)
    {
    case KIND_CONFUSION:
      {
        ScChartConfusion chart;

        fill_confusion (self, &chart);
        sc_chart_draw_heatmap (cr, width, height, &chart, &style);
        break;
      }
    case KIND_DISTRIBUTION:
      {
        ScChartDistribution chart;

        fill_distribution (self, &chart);
        sc_chart_draw_distribution (cr, width, height, &chart, &style);
        break;
      }
    case KIND_BIAS:
      {
        ScChartBias chart;

        fill_bias (self, &chart);
        sc_chart_draw_bias (cr, width, height, &chart, &style);
        break;
      }
    case KIND_NONE:
    default:
      break;
    }
}

static void
resize_cb (GtkDrawingArea *area,
           int             width,
           int             height,
           gpointer        data)
{
  ScChartView *self = data;
  int wanted = needed_height (self, width);

  /* Only the distribution's height depends on the width; the same width
   * gives the same height, so this settles. */
  if (self->kind == KIND_DISTRIBUTION && wanted != gtk_drawing_area_get_content_height (area))
    gtk_drawing_area_set_content_height (area, wanted);
}

static void
changed (ScChartView *self)
{
  gtk_drawing_area_set_content_height (GTK_DRAWING_AREA (self->area),
                                       needed_height (self, WIDTH_GUESS));
  gtk_widget_queue_draw (self->area);
}

static void
dark_changed_cb (ScChartView *self)
{
  self->dark = adw_style_manager_get_dark (adw_style_manager_get_default ());
  gtk_widget_queue_draw (self->area);
}

void
sc_chart_view_set_confusion (ScChartView            *self,
                             const ScChartConfusion *data)
{
  g_return_if_fail (SC_IS_CHART_VIEW (self));

  clear_data (self);
  self->kind = KIND_CONFUSION;
  self->n = data->n;
  self->labels = copy_strings (data->labels, data->n);
  self->counts = g_memdup2 (data->counts, sizeof (guint) * data->n * data->n);
  self->row_title = g_strdup (data->row_title);
  self->column_title = g_strdup (data->column_title);
  changed (self);
}

void
sc_chart_view_set_distribution (ScChartView               *self,
                                const ScChartDistribution *data)
{
  g_return_if_fail (SC_IS_CHART_VIEW (self));

  clear_data (self);
  self->kind = KIND_DISTRIBUTION;
  self->n = data->n_rows;
  self->n_levels = data->n_levels;
  self->labels = copy_strings (data->row_labels, data->n_rows);
  self->level_labels = copy_strings (data->level_labels, data->n_levels);
  self->counts = g_memdup2 (data->counts, sizeof (guint) * data->n_rows * data->n_levels);
  changed (self);
}

void
sc_chart_view_set_bias (ScChartView       *self,
                        const ScChartBias *data)
{
  guint width = 2 * data->max_difference + 1;

  g_return_if_fail (SC_IS_CHART_VIEW (self));

  clear_data (self);
  self->kind = KIND_BIAS;
  self->n = data->n_rows;
  self->labels = copy_strings (data->labels, data->n_rows);
  self->means = g_memdup2 (data->means, sizeof (double) * data->n_rows);
  self->n_values = g_memdup2 (data->n, sizeof (guint) * data->n_rows);
  self->max_difference = data->max_difference;
  if (data->counts != NULL)
    self->counts = g_memdup2 (data->counts, sizeof (guint) * data->n_rows * width);
  self->row_title = g_strdup (data->axis_title);
  changed (self);
}

void
sc_chart_view_set_description (ScChartView *self,
                               const char  *description)
{
  g_return_if_fail (SC_IS_CHART_VIEW (self));

  gtk_accessible_update_property (GTK_ACCESSIBLE (self->area),
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, description, -1);
  gtk_widget_set_tooltip_text (self->area, description);
}

gboolean
sc_chart_view_get_dark (ScChartView *self)
{
  g_return_val_if_fail (SC_IS_CHART_VIEW (self), FALSE);

  return self->dark;
}

static void
sc_chart_view_dispose (GObject *object)
{
  ScChartView *self = SC_CHART_VIEW (object);

  g_clear_pointer (&self->area, gtk_widget_unparent);
  G_OBJECT_CLASS (sc_chart_view_parent_class)->dispose (object);
}

static void
sc_chart_view_finalize (GObject *object)
{
  ScChartView *self = SC_CHART_VIEW (object);

  g_signal_handlers_disconnect_by_data (adw_style_manager_get_default (), self);
  clear_data (self);
  G_OBJECT_CLASS (sc_chart_view_parent_class)->finalize (object);
}

static void
sc_chart_view_class_init (ScChartViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = sc_chart_view_dispose;
  object_class->finalize = sc_chart_view_finalize;
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "sc-chart-view");
}

static void
sc_chart_view_init (ScChartView *self)
{
  AdwStyleManager *manager = adw_style_manager_get_default ();

  self->area = gtk_drawing_area_new ();
  gtk_widget_set_hexpand (self->area, TRUE);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->area),
                                  GTK_ACCESSIBLE_PROPERTY_ROLE_DESCRIPTION, _("chart"), -1);
  gtk_drawing_area_set_draw_func (GTK_DRAWING_AREA (self->area), draw_cb, self, NULL);
  g_signal_connect (self->area, "resize", G_CALLBACK (resize_cb), self);
  gtk_widget_set_parent (self->area, GTK_WIDGET (self));
  self->dark = adw_style_manager_get_dark (manager);
  g_signal_connect_swapped (manager, "notify::dark", G_CALLBACK (dark_changed_cb), self);
}

GtkWidget *
sc_chart_view_new (const char *label)
{
  ScChartView *self = g_object_new (SC_TYPE_CHART_VIEW, NULL);

  gtk_accessible_update_property (GTK_ACCESSIBLE (self->area), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  label, -1);
  return GTK_WIDGET (self);
}
