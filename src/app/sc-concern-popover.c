/* sc-concern-popover.c
 *
 * Copyright 2026 The Scrutineer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <glib/gi18n.h>

#include "sc-concern-popover.h"
#include "sc-text-field.h"

struct _ScConcernPopover
{
  GtkPopover parent_instance;

  ScInspectionContext *context;
  GtkWidget *summary;
  GtkWidget *problem_label;
  char *record;
  char *prefill;
};

G_DEFINE_FINAL_TYPE (ScConcernPopover, sc_concern_popover, GTK_TYPE_POPOVER)

enum
{
  RAISED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
raise_cb (ScConcernPopover *self)
{
  g_autofree char *summary = sc_text_field_get_text (SC_TEXT_FIELD (self->summary));
  g_autofree char *id = NULL;
  g_autoptr (GError) error = NULL;

  if (self->context->store == NULL)
    return;
  g_strstrip (summary);
  id = sc_store_raise_concern (self->context->store, self->context->inspection, self->record,
                               summary, &error);
  if (id == NULL)
    {
      gtk_label_set_label (GTK_LABEL (self->problem_label), error->message);
      gtk_widget_set_visible (self->problem_label, TRUE);
      return;
    }
  sc_text_field_set_text (SC_TEXT_FIELD (self->summary), NULL);
  gtk_popover_popdown (GTK_POPOVER (self));
  sc_inspection_toast (gtk_widget_get_parent (GTK_WIDGET (self)),
                       _("Safety concern raised: tell the lead inspector now"));
  g_signal_emit (self, signals[RAISED], 0, id);
}

static void
show_cb (ScConcernPopover *self)
{
  g_autofree char *text = sc_text_field_get_text (SC_TEXT_FIELD (self->summary));
  GtkTextView *view = sc_text_field_get_view (SC_TEXT_FIELD (self->summary));
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (view);
  GtkTextIter end;

  gtk_widget_set_visible (self->problem_label, FALSE);
  if (*text == '\0' && self->prefill != NULL)
    sc_text_field_set_text (SC_TEXT_FIELD (self->summary), self->prefill);
  gtk_text_buffer_get_end_iter (buffer, &end);
  gtk_text_buffer_place_cursor (buffer, &end);
  gtk_widget_grab_focus (GTK_WIDGET (view));
}

static void
sc_concern_popover_finalize (GObject *object)
{
  ScConcernPopover *self = SC_CONCERN_POPOVER (object);

  g_clear_pointer (&self->context, sc_inspection_context_unref);
  g_free (self->record);
  g_free (self->prefill);
  G_OBJECT_CLASS (sc_concern_popover_parent_class)->finalize (object);
}

static void
sc_concern_popover_class_init (ScConcernPopoverClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = sc_concern_popover_finalize;

  signals[RAISED] = g_signal_new ("raised", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                                  NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_STRING);
}

static void
sc_concern_popover_init (ScConcernPopover *self)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 8);
  GtkWidget *title = gtk_label_new (_("Raise a Safety Concern"));
  GtkWidget *help = gtk_label_new (_("If someone may be at risk of harm, say so now. Describe "
                                     "what you found briefly, without names."));
  GtkWidget *button = gtk_button_new_with_mnemonic (_("_Raise Concern"));

  gtk_widget_set_size_request (box, 300, -1);
  gtk_label_set_xalign (GTK_LABEL (title), 0);
  gtk_widget_add_css_class (title, "heading");
  gtk_box_append (GTK_BOX (box), title);
  gtk_label_set_xalign (GTK_LABEL (help), 0);
  gtk_label_set_wrap (GTK_LABEL (help), TRUE);
  gtk_label_set_max_width_chars (GTK_LABEL (help), 40);
  gtk_widget_add_css_class (help, "dim-label");
  gtk_box_append (GTK_BOX (box), help);

  self->summary = sc_text_field_new (_("What the concern is"));
  gtk_widget_set_size_request (self->summary, -1, 80);
  gtk_box_append (GTK_BOX (box), self->summary);

  self->problem_label = gtk_label_new (NULL);
  gtk_label_set_wrap (GTK_LABEL (self->problem_label), TRUE);
  gtk_label_set_xalign (GTK_LABEL (self->problem_label), 0);
  gtk_widget_add_css_class (self->problem_label, "error");
  gtk_widget_set_visible (self->problem_label, FALSE);
  gtk_box_append (GTK_BOX (box), self->problem_label);

  gtk_widget_add_css_class (button, "destructive-action");
  gtk_widget_set_halign (button, GTK_ALIGN_END);
  g_signal_connect_swapped (button, "clicked", G_CALLBACK (raise_cb), self);
  gtk_box_append (GTK_BOX (box), button);

  gtk_popover_set_child (GTK_POPOVER (self), box);
  g_signal_connect (self, "show", G_CALLBACK (show_cb), NULL);
}

GtkWidget *
sc_concern_popover_new (ScInspectionContext *context)
{
  ScConcernPopover *self = g_object_new (SC_TYPE_CONCERN_POPOVER, NULL);

  self->context = sc_inspection_context_ref (context);
  return GTK_WIDGET (self);
}

void
sc_concern_popover_set_source (ScConcernPopover *self,
                               const char       *record,
                               const char       *prefill)
{
  g_return_if_fail (SC_IS_CONCERN_POPOVER (self));

  g_free (self->record);
  self->record = g_strdup (record);
  if (g_strcmp0 (self->prefill, prefill) != 0)
    sc_text_field_set_text (SC_TEXT_FIELD (self->summary), NULL);
  g_free (self->prefill);
  self->prefill = g_strdup (prefill);
}
