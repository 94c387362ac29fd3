/* sc-search.h: filtering rows by the text in them
 *
 * Copyright 2026 The Scrutineer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

/* TEXT in a form where a search ignores case; NULL gives "". */
char *sc_search_fold (const char *text);

/* Which widgets to show for a query. An item is shown when its text holds
 * the query; its group and heading (either may be NULL) are shown when any
 * of their items is. The index borrows the widgets: free it before them. */
typedef struct _ScSearchIndex ScSearchIndex;

ScSearchIndex *sc_search_index_new (void);
void           sc_search_index_free (ScSearchIndex *self);
void           sc_search_index_add (ScSearchIndex *self,
                                    GtkWidget     *item,
                                    const char    *folded_text,
                                    GtkWidget     *group,
                                    GtkWidget     *heading);
/* Returns whether any item is shown. An empty query shows everything. */
gboolean       sc_search_index_filter (ScSearchIndex *self,
                                       const char    *folded_query);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (ScSearchIndex, sc_search_index_free)

G_END_DECLS
