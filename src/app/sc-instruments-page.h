/* sc-instruments-page.h: the forms and prompt sheets of a framework
 *
 * Copyright 2026 The Scrutineer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "sc-framework.h"

G_BEGIN_DECLS

#define SC_TYPE_INSTRUMENTS_PAGE (sc_instruments_page_get_type ())

G_DECLARE_FINAL_TYPE (ScInstrumentsPage, sc_instruments_page, SC, INSTRUMENTS_PAGE, GtkWidget)

void sc_instruments_page_set_framework (ScInstrumentsPage *self,
                                        ScFramework       *framework);
/* FOLDED_QUERY comes from sc_search_fold(); NULL or "" shows everything. */
void sc_instruments_page_set_search (ScInstrumentsPage *self,
                                     const char        *folded_query);

G_END_DECLS
