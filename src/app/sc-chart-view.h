/* sc-chart-view.h: an agreement chart on screen
 *
 * Copyright 2026 The Scrutineer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Draws one of sc-chart.h's charts, the same code as the PDF report, in
 * colours that follow the light or dark style. The data are copied.
 */
#pragma once

#include <gtk/gtk.h>

#include "sc-chart.h"

G_BEGIN_DECLS

#define SC_TYPE_CHART_VIEW (sc_chart_view_get_type ())

G_DECLARE_FINAL_TYPE (ScChartView, sc_chart_view, SC, CHART_VIEW, GtkWidget)

/* LABEL names the chart for assistive technologies. */
GtkWidget *sc_chart_view_new              (const char                *label);
void       sc_chart_view_set_confusion    (ScChartView               *self,
                                           const ScChartConfusion    *data);
void       sc_chart_view_set_distribution (ScChartView               *self,
                                           const ScChartDistribution *data);
void       sc_chart_view_set_bias         (ScChartView               *self,
                                           const ScChartBias         *data);
/* A sentence saying what the chart shows, for those who cannot see it. */
void       sc_chart_view_set_description  (ScChartView               *self,
                                           const char                *description);
/* Whether the dark colours are in use. */
gboolean   sc_chart_view_get_dark         (ScChartView               *self);

G_END_DECLS
