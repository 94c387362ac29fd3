/* sc-indicators-page.c: sections, areas and indicators of a framework
 *
 * Copyright 2026 The Scrutineer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <adwaita.h>

#include "sc-indicator-row.h"
#include "sc-indicators-page.h"
#include "sc-search.h"

struct _ScIndicatorsPage
{
  GtkWidget parent_instance;

  GtkStack          *stack;
  GtkScrolledWindow *scroller;
  GtkBox            *box;

  ScSearchIndex *index;
};

G_DEFINE_FINAL_TYPE (ScIndicatorsPage, sc_indicators_page, GTK_TYPE_WIDGET)

static void
clear_box (GtkBox *box)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (box))) != NULL)
    gtk_box_remove (box, child);
}

static GtkWidget *
section_heading_new (const ScSection *section)
{
  GtkWidget *label = gtk_label_new (sc_text_get (section->title));

  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_widget_add_css_class (label, "title-4");
  return label;
}

static GtkWidget *
area_group_new (const ScArea *area)
{
  GtkWidget *group = adw_preferences_group_new ();
  g_autofree char *title = NULL;

  /* Group titles are markup. */
  if (area->number != NULL)
    title = g_markup_printf_escaped ("%s %s", area->number, sc_text_get (area->title));
  else
    title = g_markup_escape_text (sc_text_get (area->title), -1);

  adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (group), title);
  return group;
}

static void
add_section (ScIndicatorsPage *self,
             const ScSection  *section)
{
  GtkWidget *section_box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 18);

  gtk_box_append (GTK_BOX (section_box), section_heading_new (section));

  for (guint i = 0; i < section->areas->len; i++)
    {
      const ScArea *area = g_ptr_array_index (section->areas, i);
      GtkWidget *group = area_group_new (area);

      for (guint j = 0; j < area->indicators->len; j++)
        {
          GtkWidget *row = sc_indicator_row_new (g_ptr_array_index (area->indicators, j));

          adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), row);
          sc_search_index_add (self->index, row,
                               sc_indicator_row_get_search_text (SC_INDICATOR_ROW (row)),
                               group, section_box);
        }

      gtk_box_append (GTK_BOX (section_box), group);
    }

  gtk_box_append (self->box, section_box);
}

void
sc_indicators_page_set_framework (ScIndicatorsPage *self,
                                  ScFramework      *framework)
{
  GPtrArray *sections;

  g_return_if_fail (SC_IS_INDICATORS_PAGE (self));

  g_clear_pointer (&self->index, sc_search_index_free);
  clear_box (self->box);
  self->index = sc_search_index_new ();
  if (framework == NULL)
    return;

  sections = sc_framework_get_sections (framework);
  for (guint i = 0; i < sections->len; i++)
    add_section (self, g_ptr_array_index (sections, i));

  gtk_adjustment_set_value (gtk_scrolled_window_get_vadjustment (self->scroller), 0);
  gtk_stack_set_visible_child_name (self->stack, "list");
}

void
sc_indicators_page_set_search (ScIndicatorsPage *self,
                               const char       *folded_query)
{
  gboolean any;

  g_return_if_fail (SC_IS_INDICATORS_PAGE (self));

  any = sc_search_index_filter (self->index, folded_query);
  gtk_stack_set_visible_child_name (self->stack, any ? "list" : "empty");
}

static void
sc_indicators_page_dispose (GObject *object)
{
  ScIndicatorsPage *self = SC_INDICATORS_PAGE (object);

  g_clear_pointer (&self->index, sc_search_index_free);
  gtk_widget_dispose_template (GTK_WIDGET (self), SC_TYPE_INDICATORS_PAGE);

  G_OBJECT_CLASS (sc_indicators_page_parent_class)->dispose (object);
}

static void
sc_indicators_page_class_init (ScIndicatorsPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = sc_indicators_page_dispose;

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_BASE "/sc-indicators-page.ui");
  gtk_widget_class_bind_template_child (widget_class, ScIndicatorsPage, stack);
  gtk_widget_class_bind_template_child (widget_class, ScIndicatorsPage, scroller);
  gtk_widget_class_bind_template_child (widget_class, ScIndicatorsPage, box);
}

static void
sc_indicators_page_init (ScIndicatorsPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->index = sc_search_index_new ();
}
