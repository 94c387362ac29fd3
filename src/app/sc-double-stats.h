/* sc-double-stats.h: agreement of the double readings, in figures and charts
 *
 * Copyright 2026 The Scrutineer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "sc-inspection-context.h"

G_BEGIN_DECLS

#define SC_TYPE_DOUBLE_STATS (sc_double_stats_get_type ())

G_DECLARE_FINAL_TYPE (ScDoubleStats, sc_double_stats, SC, DOUBLE_STATS, GtkWidget)

GtkWidget *sc_double_stats_new    (ScInspectionContext *context);
/* COMPARISONS: sc_store_compare_inspection()'s, borrowed for the call. */
void       sc_double_stats_reload (ScDoubleStats       *self,
                                   GPtrArray           *comparisons);

G_END_DECLS
