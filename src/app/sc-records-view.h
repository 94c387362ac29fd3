/* sc-records-view.h: the records of an inspection, and the reading of one
 *
 * Copyright 2026 The Scrutineer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A searchable, filterable list (a GtkListView, light at ten thousand
 * records) beside the reading form; narrow, one at a time.
 */
#pragma once

#include <gtk/gtk.h>

#include "sc-inspection-context.h"

G_BEGIN_DECLS

#define SC_TYPE_RECORDS_VIEW (sc_records_view_get_type ())
G_DECLARE_FINAL_TYPE (ScRecordsView, sc_records_view, SC, RECORDS_VIEW, GtkWidget)

GtkWidget  *sc_records_view_new (ScInspectionContext *context);
void        sc_records_view_flush (ScRecordsView *self);
/* "R-0007:assessment-quality", "R-0007" or "" */
char       *sc_records_view_save_state (ScRecordsView *self);
void        sc_records_view_restore_state (ScRecordsView *self,
                                           const char    *state);
/* The records list's model (for tests and benchmarks). */
GListModel *sc_records_view_get_model (ScRecordsView *self);

G_END_DECLS
