/* sc-concerns-view.h: the safety concerns of an inspection
 *
 * Copyright 2026 The Scrutineer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Every concern, open ones first, each tracked from raised to passed on (to
 * whom, when) to closed (with what happened next). Nothing is ever removed.
 */
#pragma once

#include <gtk/gtk.h>

#include "sc-inspection-context.h"

G_BEGIN_DECLS

#define SC_TYPE_CONCERNS_VIEW (sc_concerns_view_get_type ())
G_DECLARE_FINAL_TYPE (ScConcernsView, sc_concerns_view, SC, CONCERNS_VIEW, GtkWidget)

GtkWidget *sc_concerns_view_new (ScInspectionContext *context);
void       sc_concerns_view_reload (ScConcernsView *self);
/* Concerns not yet closed. */
guint      sc_concerns_view_get_n_open (ScConcernsView *self);

G_END_DECLS
