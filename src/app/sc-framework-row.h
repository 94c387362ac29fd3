/* sc-framework-row.h: a framework in the sidebar
 *
 * Copyright 2026 The Scrutineer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "sc-framework.h"

G_BEGIN_DECLS

#define SC_TYPE_FRAMEWORK_ROW (sc_framework_row_get_type ())

G_DECLARE_FINAL_TYPE (ScFrameworkRow, sc_framework_row, SC, FRAMEWORK_ROW, AdwActionRow)

/* FILE is where the framework was opened from, NULL for a shipped one. */
GtkWidget   *sc_framework_row_new (ScFramework *framework,
                                   GFile       *file);
ScFramework *sc_framework_row_get_framework (ScFrameworkRow *self);
GFile       *sc_framework_row_get_file (ScFrameworkRow *self);
gboolean     sc_framework_row_is_builtin (ScFrameworkRow *self);

G_END_DECLS
