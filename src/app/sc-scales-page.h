/* sc-scales-page.h: the scales of a framework, level by level, and its answer choices
 *
 * Copyright 2026 The Scrutineer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "sc-framework.h"

G_BEGIN_DECLS

#define SC_TYPE_SCALES_PAGE (sc_scales_page_get_type ())

G_DECLARE_FINAL_TYPE (ScScalesPage, sc_scales_page, SC, SCALES_PAGE, GtkWidget)

void sc_scales_page_set_framework (ScScalesPage *self,
                                   ScFramework  *framework);

G_END_DECLS
