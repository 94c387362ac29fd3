/* sc-search.c: filtering rows by the text in them
 *
 * Copyright 2026 The Scrutineer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <string.h>

#include "sc-search.h"

typedef struct
{
  GtkWidget *item;
  char *folded_text;
  GtkWidget *group;
  GtkWidget *heading;
} Entry;

struct _ScSearchIndex
{
  GArray *entries; /* Entry */
};

char *
sc_search_fold (const char *text)
{
  g_autofree char *normalized = NULL;

  if (text == NULL)
    return g_strdup ("");

  normalized = g_utf8_normalize (text, -1, G_NORMALIZE_ALL);
  return g_utf8_casefold (normalized != NULL ? normalized : text, -1);
}

static void
entry_clear (gpointer data)
{
  Entry *entry = data;

  g_free (entry->folded_text);
}

ScSearchIndex *
sc_search_index_new (void)
{
  ScSearchIndex *self = g_new0 (ScSearchIndex, 1);

  self->entries = g_array_new (FALSE, TRUE, sizeof (Entry));
  g_array_set_clear_func (self->entries, entry_clear);
  return self;
}

void
sc_search_index_free (ScSearchIndex *self)
{
  if (self == NULL)
    return;

  g_array_unref (self->entries);
  g_free (self);
}

void
sc_search_index_add (ScSearchIndex *self,
                     GtkWidget     *item,
                     const char    *folded_text,
                     GtkWidget     *group,
                     GtkWidget     *heading)
{
  Entry entry = { item, g_strdup (folded_text), group, heading };

  g_return_if_fail (GTK_IS_WIDGET (item));

  g_array_append_val (self->entries, entry);
}

gboolean
sc_search_index_filter (ScSearchIndex *self,
                        const char    *folded_query)
{
  gboolean any = FALSE;

  /* Hide every container first, then show those holding a match. */
  for (guint i = 0; i < self->entries->len; i++)
    {
      Entry *entry = &g_array_index (self->entries, Entry, i);

      if (entry->group != NULL)
        gtk_widget_set_visible (entry->group, FALSE);
      if (entry->heading != NULL)
        gtk_widget_set_visible (entry->heading, FALSE);
    }

  for (guint i = 0; i < self->entries->len; i++)
    {
      Entry *entry = &g_array_index (self->entries, Entry, i);
      gboolean match = folded_query == NULL || *folded_query == '\0'
                       || strstr (entry->folded_text, folded_query) != NULL;

      gtk_widget_set_visible (entry->item, match);
      if (!match)
        continue;

      any = TRUE;
      if (entry->group != NULL)
        gtk_widget_set_visible (entry->group, TRUE);
      if (entry->heading != NULL)
        gtk_widget_set_visible (entry->heading, TRUE);
    }

  return any;
}
