/* sc-focus-groups-view.h: focus groups and the stream of notes taken in them
 *
 * Copyright 2026 The Scrutineer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Who took part (kind and count, never names), when and where; then notes,
 * each tagged with indicators and marked as a strength, an area for
 * improvement, a quote or an observation. A note is written to the store
 * while it is typed, within the same delay as the reading form's answers.
 */
#pragma once

#include <gtk/gtk.h>

#include "sc-inspection-context.h"

G_BEGIN_DECLS

#define SC_TYPE_FOCUS_GROUPS_VIEW (sc_focus_groups_view_get_type ())
G_DECLARE_FINAL_TYPE (ScFocusGroupsView, sc_focus_groups_view, SC, FOCUS_GROUPS_VIEW, GtkWidget)

GtkWidget *sc_focus_groups_view_new (ScInspectionContext *context);
void       sc_focus_groups_view_flush (ScFocusGroupsView *self);
/* The focus group shown (its id), or "". */
char      *sc_focus_groups_view_save_state (ScFocusGroupsView *self);
void       sc_focus_groups_view_restore_state (ScFocusGroupsView *self,
                                               const char        *state);

G_END_DECLS
