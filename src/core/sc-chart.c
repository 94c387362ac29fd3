/* sc-chart.c: the charts of agreement and evaluation, drawn with cairo
 *
 * Copyright 2026 The Scrutineer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Colours come from ColorBrewer's colour-blind-safe schemes: a red to blue
 * diverging ramp for levels (worst to best) and a single-hue blue ramp for
 * counts; the heatmap's diagonal is also outlined, so agreement does not
 * rest on colour alone. Numbers are printed on the bars and cells.
 */
#include "sc-chart.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <pango/pangocairo.h>

#define RGB(hex) { ((hex) >> 16 & 0xff) / 255.0, ((hex) >> 8 & 0xff) / 255.0, \
                   ((hex) & 0xff) / 255.0, 1.0 }

/* ColorBrewer RdBu, six classes, reversed so the best level is blue. */
static const ScRgba level_ramp[SC_CHART_LEVEL_STOPS] = {
  RGB (0x2166ac), RGB (0x67a9cf), RGB (0xd1e5f0), RGB (0xfddbc7), RGB (0xef8a62), RGB (0xb2182b),
};

void
sc_chart_style_init (ScChartStyle *style,
                     ScChartTheme  theme)
{
  static const ScRgba light[] = {
    RGB (0xffffff), RGB (0x1c1c1c), RGB (0x5e5e5e), RGB (0xdedede), RGB (0xd95f02),
    RGB (0xdeebf7), RGB (0x08519c),
  };
  static const ScRgba dark[] = {
    RGB (0x242424), RGB (0xffffff), RGB (0xb8b8b8), RGB (0x444444), RGB (0xffa348),
    RGB (0x23354a), RGB (0x9ecae1),
  };
  const ScRgba *c = theme == SC_CHART_THEME_DARK ? dark : light;

  style->font_family = "Sans";
  style->font_size = 8.0;
  style->background = c[0];
  style->text = c[1];
  style->muted = c[2];
  style->grid = c[3];
  style->highlight = c[4];
  style->ramp_low = c[5];
  style->ramp_high = c[6];
  for (guint i = 0; i < SC_CHART_LEVEL_STOPS; i++)
    style->levels[i] = level_ramp[i];
}

static void
mix (const ScRgba *a,
     const ScRgba *b,
     double        t,
     ScRgba       *out)
{
  out->red = a->red + (b->red - a->red) * t;
  out->green = a->green + (b->green - a->green) * t;
  out->blue = a->blue + (b->blue - a->blue) * t;
  out->alpha = a->alpha + (b->alpha - a->alpha) * t;
}

void
sc_chart_level_color (const ScChartStyle *style,
                      guint               index,
                      guint               n_levels,
                      ScRgba             *color)
{
  double position;
  guint stop;

  if (n_levels <= 1)
    {
      *color = style->levels[0];
      return;
    }
  position = (double) MIN (index, n_levels - 1) * (SC_CHART_LEVEL_STOPS - 1) / (n_levels - 1);
  stop = MIN ((guint) position, SC_CHART_LEVEL_STOPS - 2);
  mix (&style->levels[stop], &style->levels[stop + 1], position - stop, color);
}

static double
luminance (const ScRgba *c)
{
  return 0.2126 * c->red + 0.7152 * c->green + 0.0722 * c->blue;
}

static void
set_color (cairo_t      *cr,
           const ScRgba *c)
{
  cairo_set_source_rgba (cr, c->red, c->green, c->blue, c->alpha);
}

/* Text on a fill: the style's text colour, or white where that would not
 * stand out. */
static const ScRgba *
text_on (const ScRgba       *fill,
         const ScChartStyle *style)
{
  static const ScRgba white = RGB (0xffffff);
  static const ScRgba black = RGB (0x1c1c1c);

  return luminance (fill) < 0.45 ? &white : &black;
}

/* One Pango layout reused for every label of a chart. */
typedef struct
{
  cairo_t *cr;
  PangoLayout *layout;
  const ScChartStyle *style;
} Pen;

static void
pen_init (Pen                *pen,
          cairo_t            *cr,
          const ScChartStyle *style)
{
  pen->cr = cr;
  pen->style = style;
  pen->layout = pango_cairo_create_layout (cr);
}

static void
pen_clear (Pen *pen)
{
  g_clear_object (&pen->layout);
}

static void
pen_set (Pen        *pen,
         const char *text,
         double      scale,
         gboolean    bold)
{
  PangoFontDescription *font = pango_font_description_new ();

  pango_font_description_set_family (font, pen->style->font_family);
  pango_font_description_set_absolute_size (font, pen->style->font_size * scale * PANGO_SCALE);
  pango_font_description_set_weight (font, bold ? PANGO_WEIGHT_BOLD : PANGO_WEIGHT_NORMAL);
  pango_layout_set_font_description (pen->layout, font);
  pango_font_description_free (font);
  pango_layout_set_text (pen->layout, text, -1);
}

static double
pen_width (Pen *pen)
{
  int w, h;

  pango_layout_get_size (pen->layout, &w, &h);
  return (double) w / PANGO_SCALE;
}

static double
text_width (Pen        *pen,
            const char *text,
            double      scale)
{
  pen_set (pen, text, scale, FALSE);
  return pen_width (pen);
}

/* Draws the current text with its anchor point (AX, AY: 0 left/top, 0.5
 * centre, 1 right/bottom) at X, Y. */
static void
pen_show (Pen          *pen,
          double        x,
          double        y,
          double        ax,
          double        ay,
          const ScRgba *color)
{
  int w, h;

  pango_layout_get_size (pen->layout, &w, &h);
  cairo_move_to (pen->cr, x - ax * w / PANGO_SCALE, y - ay * h / PANGO_SCALE);
  set_color (pen->cr, color);
  pango_cairo_update_layout (pen->cr, pen->layout);
  pango_cairo_show_layout (pen->cr, pen->layout);
}

static void
label (Pen          *pen,
       const char   *text,
       double        x,
       double        y,
       double        ax,
       double        ay,
       const ScRgba *color)
{
  pen_set (pen, text, 1.0, FALSE);
  pen_show (pen, x, y, ax, ay, color);
}

/* A label cut with an ellipsis where it is wider than WIDTH, its left end
 * at X and its middle at Y. */
static void
label_clipped (Pen          *pen,
               const char   *text,
               double        x,
               double        y,
               double        width,
               const ScRgba *color)
{
  pen_set (pen, text, 1.0, FALSE);
  pango_layout_set_width (pen->layout, (int) (MAX (width, 1) * PANGO_SCALE));
  pango_layout_set_ellipsize (pen->layout, PANGO_ELLIPSIZE_END);
  pen_show (pen, x, y, 0.0, 0.5, color);
  pango_layout_set_width (pen->layout, -1);
  pango_layout_set_ellipsize (pen->layout, PANGO_ELLIPSIZE_NONE);
}

/* The same, turned a quarter left so it reads upwards. */
static void
label_upwards (Pen          *pen,
               const char   *text,
               double        x,
               double        y,
               double        ax,
               double        ay,
               const ScRgba *color)
{
  cairo_save (pen->cr);
  cairo_translate (pen->cr, x, y);
  cairo_rotate (pen->cr, -G_PI / 2);
  label (pen, text, 0, 0, ax, ay, color);
  cairo_restore (pen->cr);
  pango_cairo_update_layout (pen->cr, pen->layout);
}

static void
paint_background (cairo_t            *cr,
                  double              width,
                  double              height,
                  const ScChartStyle *style)
{
  if (style->background.alpha <= 0)
    return;
  set_color (cr, &style->background);
  cairo_rectangle (cr, 0, 0, width, height);
  cairo_fill (cr);
}

/* ---- Heatmap ---------------------------------------------------------- */

typedef struct
{
  double x0, y0;          /* the grid's top-left corner */
  double cell;
  double label_width;     /* of the widest category label */
  gboolean upright_columns; /* column labels written upwards */
} HeatmapGeometry;

static void
heatmap_geometry (Pen                    *pen,
                  double                  width,
                  double                  height,
                  const ScChartConfusion *data,
                  HeatmapGeometry        *g)
{
  double fs = pen->style->font_size;
  double line = fs * 1.5;
  double left, top, cell_w;

  g->label_width = 0;
  for (guint i = 0; i < data->n; i++)
    g->label_width = MAX (g->label_width, text_width (pen, data->labels[i], 1.0));

  left = (data->row_title != NULL ? line : 0) + g->label_width + fs * 0.6;
  cell_w = (width - left - fs) / MAX (data->n, 1);
  g->upright_columns = g->label_width > cell_w - fs * 0.4;
  top = (data->column_title != NULL ? line : 0)
        + (g->upright_columns ? g->label_width + fs * 0.6 : line);
  g->cell = MAX (0, MIN (cell_w, (height - top - fs * 0.5) / MAX (data->n, 1)));
  g->x0 = left;
  g->y0 = top;
}

gboolean
sc_chart_heatmap_get_cell (cairo_t                *cr,
                           double                  width,
                           double                  height,
                           const ScChartConfusion *data,
                           const ScChartStyle     *style,
                           guint                   row,
                           guint                   column,
                           cairo_rectangle_t      *cell)
{
  HeatmapGeometry g;
  Pen pen;

  if (row >= data->n || column >= data->n)
    return FALSE;
  pen_init (&pen, cr, style);
  heatmap_geometry (&pen, width, height, data, &g);
  pen_clear (&pen);
  cell->x = g.x0 + column * g.cell;
  cell->y = g.y0 + row * g.cell;
  cell->width = cell->height = g.cell;
  return TRUE;
}

static void
heatmap_titles (Pen                    *pen,
                const ScChartConfusion *data,
                const HeatmapGeometry  *g)
{
  const ScChartStyle *style = pen->style;
  double fs = style->font_size;
  double grid = g->cell * data->n;

  for (guint i = 0; i < data->n; i++)
    {
      double middle = g->cell * (i + 0.5);

      label (pen, data->labels[i], g->x0 - fs * 0.4, g->y0 + middle, 1.0, 0.5, &style->text);
      if (g->upright_columns)
        label_upwards (pen, data->labels[i], g->x0 + middle, g->y0 - fs * 0.4, 0.0, 0.5,
                       &style->text);
      else
        label (pen, data->labels[i], g->x0 + middle, g->y0 - fs * 0.3, 0.5, 1.0, &style->text);
    }
  if (data->column_title != NULL)
    {
      pen_set (pen, data->column_title, 1.0, TRUE);
      pen_show (pen, g->x0 + grid / 2, 0, 0.5, 0.0, &style->muted);
    }
  if (data->row_title != NULL)
    {
      cairo_save (pen->cr);
      cairo_translate (pen->cr, 0, g->y0 + grid / 2);
      cairo_rotate (pen->cr, -G_PI / 2);
      pen_set (pen, data->row_title, 1.0, TRUE);
      pen_show (pen, 0, 0, 0.5, 0.0, &style->muted);
      cairo_restore (pen->cr);
    }
}

static void
heatmap_cell (Pen                   *pen,
              const HeatmapGeometry *g,
              guint                  i,
              guint                  j,
              guint                  count,
              guint                  max)
{
  const ScChartStyle *style = pen->style;
  cairo_t *cr = pen->cr;
  double x = g->x0 + j * g->cell, y = g->y0 + i * g->cell;
  ScRgba fill = style->background;

  if (count > 0)
    mix (&style->ramp_low, &style->ramp_high, max > 1 ? (count - 1.0) / (max - 1.0) : 1.0,
         &fill);
  set_color (cr, &fill);
  cairo_rectangle (cr, x, y, g->cell, g->cell);
  cairo_fill_preserve (cr);
  set_color (cr, &style->grid);
  cairo_set_line_width (cr, 0.5);
  cairo_stroke (cr);
  if (count > 0)
    {
      g_autofree char *text = g_strdup_printf ("%u", count);

      label (pen, text, x + g->cell / 2, y + g->cell / 2, 0.5, 0.5, text_on (&fill, style));
    }
}

static void
heatmap_diagonal (cairo_t               *cr,
                  const HeatmapGeometry *g,
                  guint                  n,
                  const ScChartStyle    *style)
{
  double w = MAX (1.5, g->cell * 0.05);

  set_color (cr, &style->highlight);
  cairo_set_line_width (cr, w);
  for (guint i = 0; i < n; i++)
    cairo_rectangle (cr, g->x0 + i * g->cell + w / 2, g->y0 + i * g->cell + w / 2,
                     g->cell - w, g->cell - w);
  cairo_stroke (cr);
}

void
sc_chart_draw_heatmap (cairo_t                *cr,
                       double                  width,
                       double                  height,
                       const ScChartConfusion *data,
                       const ScChartStyle     *style)
{
  HeatmapGeometry g;
  guint max = 0;
  Pen pen;

  cairo_save (cr);
  paint_background (cr, width, height, style);
  pen_init (&pen, cr, style);
  heatmap_geometry (&pen, width, height, data, &g);
  for (gsize k = 0; k < (gsize) data->n * data->n; k++)
    max = MAX (max, data->counts[k]);
  for (guint i = 0; i < data->n; i++)
    for (guint j = 0; j < data->n; j++)
      heatmap_cell (&pen, &g, i, j, data->counts[(gsize) i * data->n + j], max);
  heatmap_diagonal (cr, &g, data->n, style);
  heatmap_titles (&pen, data, &g);
  pen_clear (&pen);
  cairo_restore (cr);
}

/* ---- Distribution of levels ------------------------------------------- */

typedef struct
{
  double legend_height;
  double label_width, total_width;
  double row_height;
} DistributionGeometry;

/* Lays the legend out in lines; draws it when DRAW. Returns its height. */
static double
distribution_legend (Pen                       *pen,
                     double                     width,
                     const ScChartDistribution *data,
                     gboolean                   draw)
{
  const ScChartStyle *style = pen->style;
  double fs = style->font_size, line = fs * 1.6, swatch = fs;
  double x = 0, y = 0;

  for (guint l = 0; l < data->n_levels; l++)
    {
      double item = swatch + fs * 0.4 + text_width (pen, data->level_labels[l], 1.0) + fs * 1.2;
      ScRgba color;

      if (x > 0 && x + item > width)
        {
          x = 0;
          y += line;
        }
      if (draw)
        {
          sc_chart_level_color (style, l, data->n_levels, &color);
          set_color (pen->cr, &color);
          cairo_rectangle (pen->cr, x, y + (line - swatch) / 2, swatch, swatch);
          cairo_fill_preserve (pen->cr);
          set_color (pen->cr, &style->muted);
          cairo_set_line_width (pen->cr, 0.5);
          cairo_stroke (pen->cr);
          pen_show (pen, x + swatch + fs * 0.4, y + line / 2, 0.0, 0.5, &style->text);
        }
      x += item;
    }
  return y + line + fs * 0.4;
}

static void
distribution_geometry (Pen                       *pen,
                       double                     width,
                       const ScChartDistribution *data,
                       DistributionGeometry      *g)
{
  double fs = pen->style->font_size;

  g->legend_height = distribution_legend (pen, width, data, FALSE);
  g->label_width = 0;
  g->total_width = text_width (pen, "n = 0000", 1.0);
  for (guint r = 0; r < data->n_rows; r++)
    g->label_width = MAX (g->label_width, text_width (pen, data->row_labels[r], 1.0));
  g->label_width = MIN (g->label_width, width * 0.4) + fs * 0.8;
  g->row_height = fs * 2.2;
}

double
sc_chart_distribution_get_height (cairo_t                   *cr,
                                  double                     width,
                                  const ScChartDistribution *data,
                                  const ScChartStyle        *style)
{
  DistributionGeometry g;
  Pen pen;

  pen_init (&pen, cr, style);
  distribution_geometry (&pen, width, data, &g);
  pen_clear (&pen);
  return g.legend_height + g.row_height * data->n_rows;
}

static void
distribution_row (Pen                        *pen,
                  const DistributionGeometry *g,
                  double                      width,
                  const ScChartDistribution  *data,
                  guint                       r,
                  double                      y)
{
  const ScChartStyle *style = pen->style;
  const guint *counts = data->counts + (gsize) r * data->n_levels;
  double fs = style->font_size, bar = fs * 1.5, top = y + (g->row_height - bar) / 2;
  double x = g->label_width, span = width - g->label_width - g->total_width - fs * 0.6;
  g_autofree char *total_text = NULL;
  guint total = 0;

  for (guint l = 0; l < data->n_levels; l++)
    total += counts[l];
  label_clipped (pen, data->row_labels[r], 0, y + g->row_height / 2, g->label_width - fs * 0.8,
                 &style->text);
  for (guint l = 0; l < data->n_levels && total > 0; l++)
    {
      double w = span * counts[l] / total;
      g_autofree char *text = g_strdup_printf ("%u", counts[l]);
      ScRgba color;

      if (counts[l] == 0)
        continue;
      sc_chart_level_color (style, l, data->n_levels, &color);
      set_color (pen->cr, &color);
      cairo_rectangle (pen->cr, x, top, w, bar);
      cairo_fill (pen->cr);
      if (text_width (pen, text, 1.0) < w - fs * 0.3)
        pen_show (pen, x + w / 2, top + bar / 2, 0.5, 0.5, text_on (&color, style));
      x += w;
    }
  set_color (pen->cr, &style->muted);
  cairo_set_line_width (pen->cr, 0.5);
  cairo_rectangle (pen->cr, g->label_width, top, span, bar);
  cairo_stroke (pen->cr);
  total_text = g_strdup_printf ("n = %u", total);
  label (pen, total_text, width, y + g->row_height / 2, 1.0, 0.5, &style->muted);
}

void
sc_chart_draw_distribution (cairo_t                   *cr,
                            double                     width,
                            double                     height,
                            const ScChartDistribution *data,
                            const ScChartStyle        *style)
{
  DistributionGeometry g;
  Pen pen;

  cairo_save (cr);
  paint_background (cr, width, height, style);
  pen_init (&pen, cr, style);
  distribution_geometry (&pen, width, data, &g);
  if (height < g.legend_height + g.row_height * data->n_rows)
    g.row_height = MAX (0, (height - g.legend_height) / MAX (data->n_rows, 1));
  distribution_legend (&pen, width, data, TRUE);
  for (guint r = 0; r < data->n_rows; r++)
    distribution_row (&pen, &g, width, data, r, g.legend_height + r * g.row_height);
  pen_clear (&pen);
  cairo_restore (cr);
}

/* ---- Reader bias ------------------------------------------------------ */

typedef struct
{
  double label_width, mean_width;
  double x0, x1;     /* the plot's left and right ends */
  double top, row_height;
  int max;
} BiasGeometry;

static double
bias_x (const BiasGeometry *g,
        double              difference)
{
  return g->x0 + (difference + g->max) / (2.0 * g->max) * (g->x1 - g->x0);
}

static char *
bias_row_label (const ScChartBias *data,
                guint              r)
{
  return g_strdup_printf ("%s (n = %u)", data->labels[r], data->n != NULL ? data->n[r] : 0);
}

static void
bias_geometry (Pen               *pen,
               double             width,
               const ScChartBias *data,
               BiasGeometry      *g)
{
  double fs = pen->style->font_size;

  g->max = MAX (1, data->max_difference);
  g->label_width = 0;
  for (guint r = 0; r < data->n_rows; r++)
    {
      g_autofree char *text = bias_row_label (data, r);

      g->label_width = MAX (g->label_width, text_width (pen, text, 1.0));
    }
  g->label_width = MIN (g->label_width, width * 0.35) + fs;
  g->mean_width = text_width (pen, "mean -0.00", 1.0) + fs;
  g->x0 = g->label_width + fs * 0.8;
  g->x1 = width - g->mean_width - fs * 0.8;
  g->top = fs * 1.6;
  g->row_height = fs * 2.4;
}

double
sc_chart_bias_get_height (const ScChartBias  *data,
                          const ScChartStyle *style)
{
  double fs = style->font_size;

  return fs * 1.6 + fs * 2.4 * data->n_rows + fs * 4.0;
}

static void
bias_axis (Pen                *pen,
           const BiasGeometry *g,
           const ScChartBias  *data,
           double              bottom)
{
  const ScChartStyle *style = pen->style;
  cairo_t *cr = pen->cr;
  double fs = style->font_size;
  int step = g->max > 6 ? 2 : 1;

  for (int d = -g->max; d <= g->max; d += step)
    {
      g_autofree char *text = d > 0 ? g_strdup_printf ("+%d", d)
                              : d < 0 ? g_strdup_printf ("−%d", -d) : g_strdup ("0");

      set_color (cr, d == 0 ? &style->text : &style->grid);
      cairo_set_line_width (cr, d == 0 ? 1.2 : 0.5);
      cairo_move_to (cr, bias_x (g, d), g->top - fs * 0.3);
      cairo_line_to (cr, bias_x (g, d), bottom);
      cairo_stroke (cr);
      label (pen, text, bias_x (g, d), bottom + fs * 0.2, 0.5, 0.0, &style->muted);
    }
  if (data->axis_title != NULL)
    label (pen, data->axis_title, (g->x0 + g->x1) / 2, bottom + fs * 1.7, 0.5, 0.0,
           &style->muted);
  pen_set (pen, _("mean"), 1.0, TRUE);
  pen_show (pen, g->x1 + g->mean_width + fs * 0.8, 0, 1.0, 0.0, &style->muted);
}

static void
bias_dots (cairo_t            *cr,
           const BiasGeometry *g,
           const ScChartBias  *data,
           guint               r,
           double              middle,
           const ScChartStyle *style)
{
  guint width = 2 * g->max + 1, max = 0;
  const guint *counts = data->counts + (gsize) r * (2 * data->max_difference + 1);
  double radius = MIN (g->row_height * 0.36, (g->x1 - g->x0) / width * 0.45);

  for (guint k = 0; k < (guint) (2 * data->max_difference + 1); k++)
    max = MAX (max, counts[k]);
  for (int d = -data->max_difference; d <= data->max_difference && max > 0; d++)
    {
      guint count = counts[d + data->max_difference];

      if (count == 0 || ABS (d) > g->max)
        continue;
      cairo_new_sub_path (cr);
      cairo_arc (cr, bias_x (g, d), middle, MAX (1.2, radius * sqrt ((double) count / max)), 0,
                 2 * G_PI);
      cairo_set_source_rgba (cr, style->ramp_high.red, style->ramp_high.green,
                             style->ramp_high.blue, 0.55);
      cairo_fill (cr);
    }
}

static void
bias_mean (Pen                *pen,
           const BiasGeometry *g,
           double              mean,
           double              middle)
{
  const ScChartStyle *style = pen->style;
  cairo_t *cr = pen->cr;
  double fs = style->font_size, s = fs * 0.55;
  double x = bias_x (g, CLAMP (mean, -g->max, g->max));
  g_autofree char *text = NULL;

  if (!isfinite (mean))
    {
      label (pen, "—", g->x1 + g->mean_width + fs * 0.8, middle, 1.0, 0.5, &style->muted);
      return;
    }
  cairo_move_to (cr, x, middle - s);
  cairo_line_to (cr, x + s, middle);
  cairo_line_to (cr, x, middle + s);
  cairo_line_to (cr, x - s, middle);
  cairo_close_path (cr);
  set_color (cr, &style->highlight);
  cairo_fill_preserve (cr);
  set_color (cr, &style->text);
  cairo_set_line_width (cr, 0.8);
  cairo_stroke (cr);
  /* As the report's tables print a bias. */
  text = fabs (mean) < 0.005 ? g_strdup ("0.00") : g_strdup_printf ("%+.2f", mean);
  label (pen, text, g->x1 + g->mean_width + fs * 0.8, middle, 1.0, 0.5, &style->text);
}

void
sc_chart_draw_bias (cairo_t            *cr,
                    double              width,
                    double              height,
                    const ScChartBias  *data,
                    const ScChartStyle *style)
{
  BiasGeometry g;
  Pen pen;
  double bottom;

  cairo_save (cr);
  paint_background (cr, width, height, style);
  pen_init (&pen, cr, style);
  bias_geometry (&pen, width, data, &g);
  if (height < sc_chart_bias_get_height (data, style))
    g.row_height = MAX (0, (height - g.top - style->font_size * 4.0) / MAX (data->n_rows, 1));
  bottom = g.top + g.row_height * data->n_rows;
  bias_axis (&pen, &g, data, bottom);
  for (guint r = 0; r < data->n_rows; r++)
    {
      double middle = g.top + g.row_height * (r + 0.5);
      g_autofree char *text = bias_row_label (data, r);

      label_clipped (&pen, text, 0, middle, g.label_width - style->font_size, &style->text);
      if (data->counts != NULL)
        bias_dots (cr, &g, data, r, middle, style);
      bias_mean (&pen, &g, data->means[r], middle);
    }
  pen_clear (&pen);
  cairo_restore (cr);
}

/* ---- Values over time ------------------------------------------------- */

typedef struct
{
  double legend_height;
  double x0, x1;       /* the plot's left and right ends */
  double top, bottom;  /* the plot's top and bottom */
  double label_height; /* of the point labels below */
} TrendGeometry;

static void
trend_series_color (const ScChartStyle *style,
                    guint               series,
                    ScRgba             *color)
{
  switch (series % SC_CHART_TREND_MAX_SERIES)
    {
    case 0:
      *color = style->levels[0];
      break;
    case 1:
      *color = style->highlight;
      break;
    case 2:
      *color = style->levels[SC_CHART_LEVEL_STOPS - 1];
      break;
    default:
      *color = style->text;
      break;
    }
}

/* Circle, square, triangle, diamond. */
static void
trend_marker (cairo_t *cr,
              guint    series,
              double   x,
              double   y,
              double   r)
{
  switch (series % SC_CHART_TREND_MAX_SERIES)
    {
    case 0:
      cairo_new_sub_path (cr);
      cairo_arc (cr, x, y, r, 0, 2 * G_PI);
      break;
    case 1:
      cairo_rectangle (cr, x - r * 0.9, y - r * 0.9, r * 1.8, r * 1.8);
      break;
    case 2:
      cairo_move_to (cr, x, y - r * 1.1);
      cairo_line_to (cr, x + r * 1.1, y + r * 0.8);
      cairo_line_to (cr, x - r * 1.1, y + r * 0.8);
      cairo_close_path (cr);
      break;
    default:
      cairo_move_to (cr, x, y - r * 1.2);
      cairo_line_to (cr, x + r * 1.2, y);
      cairo_line_to (cr, x, y + r * 1.2);
      cairo_line_to (cr, x - r * 1.2, y);
      cairo_close_path (cr);
      break;
    }
}

static double
trend_legend (Pen                *pen,
              double              width,
              const ScChartTrend *data,
              gboolean            draw)
{
  const ScChartStyle *style = pen->style;
  double fs = style->font_size, line = fs * 1.6, swatch = fs * 2.0;
  double x = 0, y = 0;

  for (guint s = 0; s < data->n_series; s++)
    {
      double item = swatch + fs * 0.4 + text_width (pen, data->series_labels[s], 1.0) + fs * 1.2;
      ScRgba color;

      if (x > 0 && x + item > width)
        {
          x = 0;
          y += line;
        }
      if (draw)
        {
          trend_series_color (style, s, &color);
          set_color (pen->cr, &color);
          cairo_set_line_width (pen->cr, 1.5);
          cairo_move_to (pen->cr, x, y + line / 2);
          cairo_line_to (pen->cr, x + swatch, y + line / 2);
          cairo_stroke (pen->cr);
          trend_marker (pen->cr, s, x + swatch / 2, y + line / 2, fs * 0.35);
          cairo_fill (pen->cr);
          pen_show (pen, x + swatch + fs * 0.4, y + line / 2, 0.0, 0.5, &style->text);
        }
      x += item;
    }
  return y + line + fs * 0.6;
}

static void
trend_geometry (Pen                *pen,
                double              width,
                double              height,
                const ScChartTrend *data,
                TrendGeometry      *g)
{
  double fs = pen->style->font_size, widest = 0;

  g->legend_height = trend_legend (pen, width, data, FALSE);
  for (guint i = 0; i < data->n_points; i++)
    widest = MAX (widest, text_width (pen, data->point_labels[i], 1.0));
  g->label_height = MIN (widest, fs * 14) + fs * 0.6;
  g->x0 = text_width (pen, "−0.00", 1.0) + fs * 0.8;
  g->x1 = width - fs;
  g->top = g->legend_height + fs * 0.5;
  g->bottom = MAX (g->top + fs, height - g->label_height);
}

double
sc_chart_trend_get_height (cairo_t            *cr,
                           double              width,
                           const ScChartTrend *data,
                           const ScChartStyle *style)
{
  TrendGeometry g;
  Pen pen;

  pen_init (&pen, cr, style);
  trend_geometry (&pen, width, 0, data, &g);
  pen_clear (&pen);
  return g.top + style->font_size * 18 + g.label_height;
}

static double
trend_x (const TrendGeometry *g,
         const ScChartTrend  *data,
         guint                i)
{
  if (data->n_points <= 1)
    return (g->x0 + g->x1) / 2;
  return g->x0 + (g->x1 - g->x0) * (i + 0.5) / data->n_points;
}

static double
trend_y (const TrendGeometry *g,
         const ScChartTrend  *data,
         double               value)
{
  double span = data->max > data->min ? data->max - data->min : 1.0;

  value = CLAMP (value, data->min, data->min + span);
  return g->bottom - (value - data->min) / span * (g->bottom - g->top);
}

static void
trend_axes (Pen                 *pen,
            const TrendGeometry *g,
            const ScChartTrend  *data)
{
  const ScChartStyle *style = pen->style;
  double fs = style->font_size;

  double span = data->max - data->min;
  /* Quarters where they give a few lines (shares, kappas, alphas), else four. */
  guint n_steps = span > 0 && span / 0.25 <= 8.0 ? (guint) round (span / 0.25) : 4;

  for (guint t = 0; t <= n_steps; t++)
    {
      double value = data->min + span * t / n_steps;
      double y = trend_y (g, data, value);
      g_autofree char *text = g_strdup_printf ("%.2f", value);
      gboolean axis = t == 0 || fabs (value) < 1e-9;

      set_color (pen->cr, axis ? &style->muted : &style->grid);
      cairo_set_line_width (pen->cr, axis ? 1.0 : 0.5);
      cairo_move_to (pen->cr, g->x0, y);
      cairo_line_to (pen->cr, g->x1, y);
      cairo_stroke (pen->cr);
      label (pen, text, g->x0 - fs * 0.4, y, 1.0, 0.5, &style->muted);
    }
  for (guint i = 0; i < data->n_points; i++)
    label_upwards (pen, data->point_labels[i], trend_x (g, data, i), g->bottom + fs * 0.4, 1.0,
                   0.5, &style->muted);
}

void
sc_chart_draw_trend (cairo_t            *cr,
                     double              width,
                     double              height,
                     const ScChartTrend *data,
                     const ScChartStyle *style)
{
  TrendGeometry g;
  Pen pen;
  double fs = style->font_size;

  cairo_save (cr);
  paint_background (cr, width, height, style);
  pen_init (&pen, cr, style);
  trend_geometry (&pen, width, height, data, &g);
  trend_legend (&pen, width, data, TRUE);
  trend_axes (&pen, &g, data);
  for (guint s = 0; s < MIN (data->n_series, SC_CHART_TREND_MAX_SERIES); s++)
    {
      const double *values = data->values + (gsize) s * data->n_points;
      gboolean drawing = FALSE;
      ScRgba color;

      trend_series_color (style, s, &color);
      set_color (cr, &color);
      cairo_set_line_width (cr, 1.5);
      for (guint i = 0; i < data->n_points; i++)
        {
          if (isnan (values[i]))
            {
              drawing = FALSE;
              continue;
            }
          if (drawing)
            cairo_line_to (cr, trend_x (&g, data, i), trend_y (&g, data, values[i]));
          else
            cairo_move_to (cr, trend_x (&g, data, i), trend_y (&g, data, values[i]));
          drawing = TRUE;
        }
      cairo_stroke (cr);
      for (guint i = 0; i < data->n_points; i++)
        if (!isnan (values[i]))
          {
            trend_marker (cr, s, trend_x (&g, data, i), trend_y (&g, data, values[i]), fs * 0.35);
            cairo_fill (cr);
          }
    }
  pen_clear (&pen);
  cairo_restore (cr);
}
