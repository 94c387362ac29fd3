/* sc-chart.h: the charts of agreement and evaluation, drawn with cairo
 *
 * Copyright 2026 The Scrutineer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The same code draws on screen and in the PDF report: each chart takes a
 * cairo context, the size of the box to fill (in the context's user units:
 * pixels on screen, points in a PDF) with its top-left corner at the current
 * origin, the data, and a style. The charts know nothing of widgets; text is
 * laid out with Pango, in the style's font at the style's size in user units.
 */
#pragma once

#include <cairo.h>
#include <glib.h>

G_BEGIN_DECLS

typedef struct
{
  double red, green, blue, alpha;
} ScRgba;

typedef enum
{
  SC_CHART_THEME_LIGHT,
  SC_CHART_THEME_DARK,
} ScChartTheme;

/* Stops of the level palette, best level first. */
#define SC_CHART_LEVEL_STOPS 6

typedef struct
{
  const char *font_family;
  double font_size;  /* of labels, in user units */
  ScRgba background; /* painted behind each chart; alpha 0 paints nothing */
  ScRgba text;
  ScRgba muted;      /* secondary text and axes */
  ScRgba grid;
  ScRgba highlight;  /* the heatmap's diagonal, the bias chart's means */
  ScRgba ramp_low;   /* heatmap shading from a count of one ... */
  ScRgba ramp_high;  /* ... to the largest count */
  ScRgba levels[SC_CHART_LEVEL_STOPS]; /* a diverging ramp, best level first */
} ScChartStyle;

/* Colour-blind-safe colours (ColorBrewer's RdBu and Blues, no red against
 * green), legible in print; the dark theme suits a dark window. */
void sc_chart_style_init (ScChartStyle *style,
                          ScChartTheme  theme);

/* The colour of level INDEX of N_LEVELS, 0 being the best. */
void sc_chart_level_color (const ScChartStyle *style,
                           guint               index,
                           guint               n_levels,
                           ScRgba             *color);

/* A confusion matrix of two readers. */
typedef struct
{
  guint n;                    /* categories */
  const char * const *labels; /* n axis labels, e.g. level labels, in display order */
  const guint *counts;        /* n × n, row-major: rows the earlier reader's value */
  const char *row_title;      /* e.g. "First reader"; may be NULL */
  const char *column_title;   /* e.g. "Second reader"; may be NULL */
} ScChartConfusion;

/* A grid of counts shaded by size, agreement (the diagonal) outlined. */
void     sc_chart_draw_heatmap (cairo_t                *cr,
                                double                  width,
                                double                  height,
                                const ScChartConfusion *data,
                                const ScChartStyle     *style);
/* Where the heatmap puts cell (ROW, COLUMN): for tooltips and tests. */
gboolean sc_chart_heatmap_get_cell (cairo_t                *cr,
                                    double                  width,
                                    double                  height,
                                    const ScChartConfusion *data,
                                    const ScChartStyle     *style,
                                    guint                   row,
                                    guint                   column,
                                    cairo_rectangle_t      *cell);

/* How often each level was given, per row (e.g. per indicator). */
typedef struct
{
  guint n_levels;
  const char * const *level_labels; /* best first */
  guint n_rows;
  const char * const *row_labels;
  const guint *counts;              /* n_rows × n_levels, row-major, best level first */
} ScChartDistribution;

/* Horizontal bars, each row's levels stacked best first and labelled with
 * their counts, the row's total at its end, a legend above. */
void   sc_chart_draw_distribution (cairo_t                   *cr,
                                   double                     width,
                                   double                     height,
                                   const ScChartDistribution *data,
                                   const ScChartStyle        *style);
/* The height that gives each row of DATA room at WIDTH. */
double sc_chart_distribution_get_height (cairo_t                   *cr,
                                         double                     width,
                                         const ScChartDistribution *data,
                                         const ScChartStyle        *style);

/* Signed differences between readers, per row (a reader pair, a reader). */
typedef struct
{
  guint n_rows;
  const char * const *labels;
  const double *means;      /* the mean difference, NAN where there is none */
  const guint *n;           /* differences behind each mean */
  int max_difference;       /* the axis runs from -max to +max levels */
  const guint *counts;      /* n_rows × (2 max + 1): how many differ by -max … +max;
                             * may be NULL */
  const char *axis_title;   /* e.g. "second minus first reader, in levels" */
} ScChartBias;

/* A dot plot around zero: each difference as a dot sized by how often it
 * occurs, the mean as a diamond, and its value at the end of the row. */
void   sc_chart_draw_bias (cairo_t            *cr,
                           double              width,
                           double              height,
                           const ScChartBias  *data,
                           const ScChartStyle *style);
double sc_chart_bias_get_height (const ScChartBias  *data,
                                 const ScChartStyle *style);

/* Values over time: one or more series over the same points in order (e.g.
 * agreement per inspection, oldest first). */
typedef struct
{
  guint n_points;
  const char * const *point_labels;  /* n_points, e.g. dates; written upwards */
  guint n_series;                    /* at most SC_CHART_TREND_MAX_SERIES */
  const char * const *series_labels; /* n_series, for the legend */
  const double *values;              /* n_series × n_points, row-major; NAN: none */
  double min, max;                   /* the value axis, e.g. 0 to 1 */
} ScChartTrend;

#define SC_CHART_TREND_MAX_SERIES 4

/* A line and point chart: a legend above, the value axis on the left with
 * grid lines, each series a line through its points (broken where a value
 * is missing) with its own marker shape, so colour is not needed to tell
 * them apart. */
void   sc_chart_draw_trend (cairo_t             *cr,
                            double               width,
                            double               height,
                            const ScChartTrend  *data,
                            const ScChartStyle  *style);
/* The height that suits DATA at WIDTH. */
double sc_chart_trend_get_height (cairo_t            *cr,
                                  double              width,
                                  const ScChartTrend *data,
                                  const ScChartStyle *style);

G_END_DECLS
