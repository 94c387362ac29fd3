/* sc-accessible.c: accessibility fixes for widgets the app does not own
 *
 * Copyright 2026 The Scrutineer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <glib/gi18n.h>

#include "sc-accessible.h"

/* The peek button shows view-reveal-symbolic or view-conceal-symbolic; the
 * row's other button (apply) shows something else. */
static GtkWidget *
find_peek_button (GtkWidget *widget)
{
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      const char *icon = GTK_IS_BUTTON (child)
                         ? gtk_button_get_icon_name (GTK_BUTTON (child)) : NULL;
      GtkWidget *found;

      if (icon != NULL && g_str_has_prefix (icon, "view-"))
        return child;
      if ((found = find_peek_button (child)) != NULL)
        return found;
    }
  return NULL;
}

void
sc_accessible_name_peek_button (AdwPasswordEntryRow *row)
{
  GtkWidget *button = find_peek_button (GTK_WIDGET (row));

  if (button == NULL)
    return;
  gtk_widget_set_tooltip_text (button, _("Show or Hide the Passphrase"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Show or Hide the Passphrase"), -1);
}
