/* sc-framework-view.h: everything in one framework, page by page
 *
 * Copyright 2026 The Scrutineer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "sc-framework.h"

G_BEGIN_DECLS

#define SC_TYPE_FRAMEWORK_VIEW (sc_framework_view_get_type ())

G_DECLARE_FINAL_TYPE (ScFrameworkView, sc_framework_view, SC, FRAMEWORK_VIEW, GtkWidget)

ScFramework  *sc_framework_view_get_framework (ScFrameworkView *self);
void          sc_framework_view_set_framework (ScFrameworkView *self,
                                               ScFramework     *framework);
gboolean      sc_framework_view_get_compact (ScFrameworkView *self);
void          sc_framework_view_set_compact (ScFrameworkView *self,
                                             gboolean         compact);
/* The pages, for a view switcher. */
AdwViewStack *sc_framework_view_get_stack (ScFrameworkView *self);
/* Shows only the indicators and questions whose text holds TEXT. */
void          sc_framework_view_set_search (ScFrameworkView *self,
                                            const char      *text);

G_END_DECLS
