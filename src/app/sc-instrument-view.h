/* sc-instrument-view.h: one instrument, its groups and their questions
 *
 * Copyright 2026 The Scrutineer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "sc-framework.h"

G_BEGIN_DECLS

#define SC_TYPE_INSTRUMENT_VIEW (sc_instrument_view_get_type ())

G_DECLARE_FINAL_TYPE (ScInstrumentView, sc_instrument_view, SC, INSTRUMENT_VIEW, GtkWidget)

GtkWidget *sc_instrument_view_new (const ScFramework  *framework,
                                   const ScInstrument *instrument);
/* Shows the questions matching FOLDED_QUERY (from sc_search_fold());
 * returns whether there are any. */
gboolean   sc_instrument_view_set_search (ScInstrumentView *self,
                                          const char       *folded_query);

G_END_DECLS
