/* sc-inspection-page.h: one inspection: records and readings, focus groups,
 * safety concerns and evaluations
 *
 * Copyright 2026 The Scrutineer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "sc-store.h"

G_BEGIN_DECLS

#define SC_TYPE_INSPECTION_PAGE (sc_inspection_page_get_type ())
G_DECLARE_FINAL_TYPE (ScInspectionPage, sc_inspection_page, SC, INSPECTION_PAGE, GtkWidget)

/* Borrows STORE: the caller keeps it open while the page lives. */
GtkWidget *sc_inspection_page_new (ScStore    *store,
                                   const char *inspection_id);
/* Saves anything pending, synchronously, and stops touching the store. */
void       sc_inspection_page_flush (ScInspectionPage *self);
/* Where the user is, e.g. "records:R-0007:assessment-quality". */
char      *sc_inspection_page_save_state (ScInspectionPage *self);
void       sc_inspection_page_restore_state (ScInspectionPage *self,
                                             const char       *state);

G_END_DECLS
