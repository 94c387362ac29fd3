/* sc-comparison-view.h: the two readings of one double-read record
 *
 * Copyright 2026 The Scrutineer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Question by question, the first and the second reading side by side,
 * differences marked, and the moderator's agreed value. Until both readings
 * are submitted it shows only why they are hidden.
 */
#pragma once

#include <gtk/gtk.h>

#include "sc-double-reading.h"
#include "sc-inspection-context.h"

G_BEGIN_DECLS

#define SC_TYPE_COMPARISON_VIEW (sc_comparison_view_get_type ())

G_DECLARE_FINAL_TYPE (ScComparisonView, sc_comparison_view, SC, COMPARISON_VIEW, GtkWidget)

GtkWidget  *sc_comparison_view_new        (ScInspectionContext  *context);
/* Shows RECORD (copied); its comparisons are read from the store. */
void        sc_comparison_view_set_record (ScComparisonView     *self,
                                           const ScDoubleRecord *record);
const char *sc_comparison_view_get_ref    (ScComparisonView     *self);

/* A value as a reader would recognise it: a level's or a choice's label,
 * Yes or No; a dash for none. */
char       *sc_comparison_describe_value  (ScFramework          *framework,
                                           const char           *question,
                                           const char           *value);

G_END_DECLS
