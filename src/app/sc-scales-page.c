/* sc-scales-page.c: the scales of a framework, level by level, and its answer choices
 *
 * Copyright 2026 The Scrutineer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <adwaita.h>
#include <glib/gi18n.h>

#include "sc-scales-page.h"

struct _ScScalesPage
{
  GtkWidget parent_instance;

  GtkScrolledWindow *scroller;
  GtkBox            *scales_box;
  GtkWidget         *choices_heading;
  GtkBox            *choices_box;
};

G_DEFINE_FINAL_TYPE (ScScalesPage, sc_scales_page, GTK_TYPE_WIDGET)

static void
clear_box (GtkBox *box)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (box))) != NULL)
    gtk_box_remove (box, child);
}

static GtkWidget *
level_row_new (const ScLevel *level)
{
  GtkWidget *row = adw_action_row_new ();
  g_autofree char *value = g_strdup_printf ("%d", level->value);
  g_autofree char *tooltip = NULL;
  GtkWidget *value_label = gtk_label_new (value);

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), sc_text_get (level->label));
  if (level->meaning != NULL)
    adw_action_row_set_subtitle (ADW_ACTION_ROW (row), sc_text_get (level->meaning));

  gtk_label_set_width_chars (GTK_LABEL (value_label), 2);
  gtk_widget_add_css_class (value_label, "sc-level-value");
  gtk_widget_add_css_class (value_label, "numeric");
  /* Translators: the number a level stands for; higher is better */
  tooltip = g_strdup_printf (_("Value %d"), level->value);
  gtk_widget_set_tooltip_text (value_label, tooltip);
  adw_action_row_add_prefix (ADW_ACTION_ROW (row), value_label);
  return row;
}

static GtkWidget *
scale_group_new (const ScScale *scale)
{
  GtkWidget *group = adw_preferences_group_new ();
  g_autofree char *title = g_markup_escape_text (sc_text_get (scale->title), -1);
  g_autofree char *description = NULL;

  adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (group), title);
  description = g_strdup_printf (ngettext ("%u level, best first", "%u levels, best first",
                                           scale->levels->len),
                                 scale->levels->len);
  adw_preferences_group_set_description (ADW_PREFERENCES_GROUP (group), description);

  for (guint i = 0; i < scale->levels->len; i++)
    adw_preferences_group_add (ADW_PREFERENCES_GROUP (group),
                               level_row_new (g_ptr_array_index (scale->levels, i)));

  return group;
}

static GtkWidget *
choice_list_group_new (const ScChoiceList *list)
{
  GtkWidget *group = adw_preferences_group_new ();
  g_autofree char *title = NULL;

  /* Translators: %s is the id of a list of answer choices, e.g. "yes-no-unclear" */
  title = g_markup_printf_escaped (_("Choices “%s”"), list->id);
  adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (group), title);

  for (guint i = 0; i < list->choices->len; i++)
    {
      const ScChoice *choice = g_ptr_array_index (list->choices, i);
      GtkWidget *row = adw_action_row_new ();

      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), sc_text_get (choice->label));
      adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), row);
    }

  return group;
}

void
sc_scales_page_set_framework (ScScalesPage *self,
                              ScFramework  *framework)
{
  GPtrArray *scales;
  GPtrArray *lists;

  g_return_if_fail (SC_IS_SCALES_PAGE (self));

  clear_box (self->scales_box);
  clear_box (self->choices_box);
  gtk_widget_set_visible (self->choices_heading, FALSE);

  if (framework == NULL)
    return;

  scales = sc_framework_get_scales (framework);
  for (guint i = 0; i < scales->len; i++)
    gtk_box_append (self->scales_box, scale_group_new (g_ptr_array_index (scales, i)));

  lists = sc_framework_get_choice_lists (framework);
  for (guint i = 0; lists != NULL && i < lists->len; i++)
    gtk_box_append (self->choices_box, choice_list_group_new (g_ptr_array_index (lists, i)));
  gtk_widget_set_visible (self->choices_heading, lists != NULL && lists->len > 0);

  gtk_adjustment_set_value (gtk_scrolled_window_get_vadjustment (self->scroller), 0);
}

static void
sc_scales_page_dispose (GObject *object)
{
  gtk_widget_dispose_template (GTK_WIDGET (object), SC_TYPE_SCALES_PAGE);

  G_OBJECT_CLASS (sc_scales_page_parent_class)->dispose (object);
}

static void
sc_scales_page_class_init (ScScalesPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = sc_scales_page_dispose;

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_BASE "/sc-scales-page.ui");
  gtk_widget_class_bind_template_child (widget_class, ScScalesPage, scroller);
  gtk_widget_class_bind_template_child (widget_class, ScScalesPage, scales_box);
  gtk_widget_class_bind_template_child (widget_class, ScScalesPage, choices_heading);
  gtk_widget_class_bind_template_child (widget_class, ScScalesPage, choices_box);
}

static void
sc_scales_page_init (ScScalesPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}
