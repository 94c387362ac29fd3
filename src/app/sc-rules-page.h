/* sc-rules-page.h: the rules between judgements, in plain language
 *
 * Copyright 2026 The Scrutineer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "sc-framework.h"

G_BEGIN_DECLS

#define SC_TYPE_RULES_PAGE (sc_rules_page_get_type ())

G_DECLARE_FINAL_TYPE (ScRulesPage, sc_rules_page, SC, RULES_PAGE, GtkWidget)

void sc_rules_page_set_framework (ScRulesPage *self,
                                  ScFramework *framework);

G_END_DECLS
