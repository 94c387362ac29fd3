/* sc-indicator-tags.h: the quality indicators a piece of evidence bears on
 *
 * Copyright 2026 The Scrutineer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Shows fixed tags (e.g. the indicators a question is linked to in the
 * framework) and the ones the user chose, and a button whose popover lists
 * every indicator of the framework to tick. Tags are indicator ids,
 * space-separated, as the store keeps them.
 */
#pragma once

#include <gtk/gtk.h>

#include "sc-framework.h"

G_BEGIN_DECLS

#define SC_TYPE_INDICATOR_TAGS (sc_indicator_tags_get_type ())
G_DECLARE_FINAL_TYPE (ScIndicatorTags, sc_indicator_tags, SC, INDICATOR_TAGS, GtkWidget)

/* FRAMEWORK must outlive the widget. */
GtkWidget *sc_indicator_tags_new (const ScFramework *framework);
/* ScIndicator*, shown first and not removable. */
void       sc_indicator_tags_set_fixed (ScIndicatorTags *self,
                                        GPtrArray       *indicators);
/* Emits nothing. */
void       sc_indicator_tags_set_tags (ScIndicatorTags *self,
                                       const char      *tags);
/* The chosen tags, without the fixed ones; "" for none. */
char      *sc_indicator_tags_get_tags (ScIndicatorTags *self);
void       sc_indicator_tags_set_editable (ScIndicatorTags *self,
                                           gboolean         editable);

G_END_DECLS
