/* sc-evaluations-view.h: a proposed level per indicator, beside its evidence
 *
 * Copyright 2026 The Scrutineer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The triangulation view: for every indicator of the framework, how many
 * readings and notes bear on it and how they lean, then the level the team
 * proposes and why. Saved as it is typed, like the reading form.
 */
#pragma once

#include <gtk/gtk.h>

#include "sc-inspection-context.h"

G_BEGIN_DECLS

#define SC_TYPE_EVALUATIONS_VIEW (sc_evaluations_view_get_type ())
G_DECLARE_FINAL_TYPE (ScEvaluationsView, sc_evaluations_view, SC, EVALUATIONS_VIEW, GtkWidget)

GtkWidget *sc_evaluations_view_new (ScInspectionContext *context);
/* Gathers the evidence again (it is read once, when first shown). */
void       sc_evaluations_view_refresh (ScEvaluationsView *self);
void       sc_evaluations_view_flush (ScEvaluationsView *self);
char      *sc_evaluations_view_save_state (ScEvaluationsView *self);
void       sc_evaluations_view_restore_state (ScEvaluationsView *self,
                                              const char        *state);

G_END_DECLS
