/* sc-indicator-row.h: one indicator, its themes and illustrations on expanding
 *
 * Copyright 2026 The Scrutineer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "sc-framework.h"

G_BEGIN_DECLS

#define SC_TYPE_INDICATOR_ROW (sc_indicator_row_get_type ())

G_DECLARE_FINAL_TYPE (ScIndicatorRow, sc_indicator_row, SC, INDICATOR_ROW, AdwExpanderRow)

GtkWidget  *sc_indicator_row_new (const ScIndicator *indicator);
/* Everything the row shows, folded for sc_search_index_add(). */
const char *sc_indicator_row_get_search_text (ScIndicatorRow *self);

G_END_DECLS
