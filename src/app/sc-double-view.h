/* sc-double-view.h: the Double Reading section of an inspection
 *
 * Copyright 2026 The Scrutineer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Allocation (the lead's), the double-read records and their comparison,
 * moderation, agreement statistics with their charts, and the exports.
 */
#pragma once

#include <gtk/gtk.h>

#include "sc-inspection-context.h"

G_BEGIN_DECLS

#define SC_TYPE_DOUBLE_VIEW (sc_double_view_get_type ())

G_DECLARE_FINAL_TYPE (ScDoubleView, sc_double_view, SC, DOUBLE_VIEW, GtkWidget)

GtkWidget *sc_double_view_new    (ScInspectionContext *context);
/* Reads the allocation, the records and the statistics again. */
void       sc_double_view_reload (ScDoubleView        *self);

G_END_DECLS
