/* sc-instruments-page.c: the forms and prompt sheets of a framework
 *
 * Copyright 2026 The Scrutineer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "sc-instrument-view.h"
#include "sc-instruments-page.h"

struct _ScInstrumentsPage
{
  GtkWidget parent_instance;

  GtkStack          *stack;
  GtkScrolledWindow *scroller;
  GtkBox            *box;
};

G_DEFINE_FINAL_TYPE (ScInstrumentsPage, sc_instruments_page, GTK_TYPE_WIDGET)

void
sc_instruments_page_set_framework (ScInstrumentsPage *self,
                                   ScFramework       *framework)
{
  GtkWidget *child;
  GPtrArray *instruments;

  g_return_if_fail (SC_IS_INSTRUMENTS_PAGE (self));

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->box))) != NULL)
    gtk_box_remove (self->box, child);

  if (framework == NULL)
    return;

  instruments = sc_framework_get_instruments (framework);
  for (guint i = 0; i < instruments->len; i++)
    gtk_box_append (self->box,
                    sc_instrument_view_new (framework, g_ptr_array_index (instruments, i)));

  gtk_adjustment_set_value (gtk_scrolled_window_get_vadjustment (self->scroller), 0);
  gtk_stack_set_visible_child_name (self->stack, "list");
}

void
sc_instruments_page_set_search (ScInstrumentsPage *self,
                                const char        *folded_query)
{
  gboolean any = FALSE;

  g_return_if_fail (SC_IS_INSTRUMENTS_PAGE (self));

  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (self->box));
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    any |= sc_instrument_view_set_search (SC_INSTRUMENT_VIEW (child), folded_query);

  gtk_stack_set_visible_child_name (self->stack, any ? "list" : "empty");
}

static void
sc_instruments_page_dispose (GObject *object)
{
  gtk_widget_dispose_template (GTK_WIDGET (object), SC_TYPE_INSTRUMENTS_PAGE);

  G_OBJECT_CLASS (sc_instruments_page_parent_class)->dispose (object);
}

static void
sc_instruments_page_class_init (ScInstrumentsPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = sc_instruments_page_dispose;

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_BASE "/sc-instruments-page.ui");
  gtk_widget_class_bind_template_child (widget_class, ScInstrumentsPage, stack);
  gtk_widget_class_bind_template_child (widget_class, ScInstrumentsPage, scroller);
  gtk_widget_class_bind_template_child (widget_class, ScInstrumentsPage, box);
}

static void
sc_instruments_page_init (ScInstrumentsPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}
