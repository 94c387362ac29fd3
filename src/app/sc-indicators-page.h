/* sc-indicators-page.h: sections, areas and indicators of a framework
 *
 * Copyright 2026 The Scrutineer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "sc-framework.h"

G_BEGIN_DECLS

#define SC_TYPE_INDICATORS_PAGE (sc_indicators_page_get_type ())

G_DECLARE_FINAL_TYPE (ScIndicatorsPage, sc_indicators_page, SC, INDICATORS_PAGE, GtkWidget)

void sc_indicators_page_set_framework (ScIndicatorsPage *self,
                                       ScFramework      *framework);
/* FOLDED_QUERY comes from sc_search_fold(); NULL or "" shows everything. */
void sc_indicators_page_set_search (ScIndicatorsPage *self,
                                    const char       *folded_query);

G_END_DECLS
