/* sc-inspections-page.h: the inspections in the store
 *
 * Copyright 2026 The Scrutineer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "sc-model.h"

G_BEGIN_DECLS

#define SC_TYPE_INSPECTIONS_PAGE (sc_inspections_page_get_type ())

G_DECLARE_FINAL_TYPE (ScInspectionsPage, sc_inspections_page, SC, INSPECTIONS_PAGE, GtkWidget)

/* Borrows STORE, which must stay open until the page is given another one or
 * NULL (which empties the list). */
void        sc_inspections_page_set_store (ScInspectionsPage *self,
                                           ScStore           *store);
void        sc_inspections_page_reload (ScInspectionsPage *self);
void        sc_inspections_page_set_subtitle (ScInspectionsPage *self,
                                              const char        *subtitle);
/* Hides the "Open Demo" hint (in the demo itself). */
void        sc_inspections_page_set_show_demo (ScInspectionsPage *self,
                                               gboolean           show_demo);

/* The translated name of a status ("planned", "active", "closed"). */
const char *sc_inspection_status_label (const char *status);
/* "9 Mar 2026 – 3 Apr 2026" from ISO dates, either of which may be NULL. */
char       *sc_inspection_format_dates (const ScInspection *inspection);

G_END_DECLS
