/* sc-text-field.c
 *
 * Copyright 2026 The Scrutineer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "sc-lint-warning.h"
#include "sc-text-field.h"

struct _ScTextField
{
  GtkWidget parent_instance;

  GtkWidget *box;
  GtkWidget *overlay;
  GtkWidget *view;
  GtkWidget *placeholder;
  GtkWidget *warning;
  gboolean setting;
};

G_DEFINE_FINAL_TYPE (ScTextField, sc_text_field, GTK_TYPE_WIDGET)

enum
{
  CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
update_placeholder (ScTextField *self)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (self->view));

  gtk_widget_set_visible (self->placeholder,
                          gtk_text_buffer_get_char_count (buffer) == 0 &&
                          *gtk_label_get_label (GTK_LABEL (self->placeholder)) != '\0');
}

static void
buffer_changed_cb (ScTextField *self)
{
  update_placeholder (self);
  if (!self->setting)
    g_signal_emit (self, signals[CHANGED], 0);
}

static gboolean
grab_focus (GtkWidget *widget)
{
  return gtk_widget_grab_focus (SC_TEXT_FIELD (widget)->view);
}

static void
sc_text_field_dispose (GObject *object)
{
  ScTextField *self = SC_TEXT_FIELD (object);

  g_clear_pointer (&self->box, gtk_widget_unparent);
  G_OBJECT_CLASS (sc_text_field_parent_class)->dispose (object);
}

static void
sc_text_field_class_init (ScTextFieldClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = sc_text_field_dispose;
  widget_class->grab_focus = grab_focus;

  signals[CHANGED] = g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                   0, NULL, NULL, NULL, G_TYPE_NONE, 0);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "sc-text-field");
}

static void
sc_text_field_init (ScTextField *self)
{
  GtkTextBuffer *buffer;

  self->box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  gtk_widget_set_parent (self->box, GTK_WIDGET (self));

  self->view = gtk_text_view_new ();
  gtk_text_view_set_wrap_mode (GTK_TEXT_VIEW (self->view), GTK_WRAP_WORD_CHAR);
  gtk_text_view_set_accepts_tab (GTK_TEXT_VIEW (self->view), FALSE);
  gtk_text_view_set_top_margin (GTK_TEXT_VIEW (self->view), 8);
  gtk_text_view_set_bottom_margin (GTK_TEXT_VIEW (self->view), 8);
  gtk_text_view_set_left_margin (GTK_TEXT_VIEW (self->view), 10);
  gtk_text_view_set_right_margin (GTK_TEXT_VIEW (self->view), 10);
  gtk_widget_add_css_class (self->view, "sc-text-view");

  self->placeholder = gtk_label_new (NULL);
  gtk_widget_add_css_class (self->placeholder, "dim-label");
  gtk_widget_set_halign (self->placeholder, GTK_ALIGN_START);
  gtk_widget_set_valign (self->placeholder, GTK_ALIGN_START);
  gtk_widget_set_margin_start (self->placeholder, 12);
  gtk_widget_set_margin_top (self->placeholder, 8);
  gtk_widget_set_can_target (self->placeholder, FALSE);
  gtk_widget_set_visible (self->placeholder, FALSE);

  self->overlay = gtk_overlay_new ();
  gtk_overlay_set_child (GTK_OVERLAY (self->overlay), self->view);
  gtk_overlay_add_overlay (GTK_OVERLAY (self->overlay), self->placeholder);
  gtk_widget_add_css_class (self->overlay, "sc-text-frame");
  gtk_box_append (GTK_BOX (self->box), self->overlay);

  buffer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (self->view));
  g_signal_connect_swapped (buffer, "changed", G_CALLBACK (buffer_changed_cb), self);

  self->warning = sc_lint_warning_new (buffer);
  gtk_box_append (GTK_BOX (self->box), self->warning);
}

GtkWidget *
sc_text_field_new (const char *accessible_label)
{
  ScTextField *self = g_object_new (SC_TYPE_TEXT_FIELD, NULL);

  gtk_accessible_update_property (GTK_ACCESSIBLE (self->view), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  accessible_label, -1);
  return GTK_WIDGET (self);
}

char *
sc_text_field_get_text (ScTextField *self)
{
  GtkTextBuffer *buffer;
  GtkTextIter start, end;

  g_return_val_if_fail (SC_IS_TEXT_FIELD (self), NULL);

  buffer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (self->view));
  gtk_text_buffer_get_bounds (buffer, &start, &end);
  return gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
}

void
sc_text_field_set_text (ScTextField *self,
                        const char  *text)
{
  GtkTextBuffer *buffer;

  g_return_if_fail (SC_IS_TEXT_FIELD (self));

  buffer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (self->view));
  self->setting = TRUE;
  gtk_text_buffer_set_text (buffer, text != NULL ? text : "", -1);
  self->setting = FALSE;
  sc_lint_warning_check_now (SC_LINT_WARNING (self->warning));
}

void
sc_text_field_set_editable (ScTextField *self,
                            gboolean     editable)
{
  g_return_if_fail (SC_IS_TEXT_FIELD (self));

  /* The cursor stays, so a read-only text can still be read and selected by
   * keyboard; hiding it while it blinks also trips an assertion in GTK 4.8. */
  gtk_text_view_set_editable (GTK_TEXT_VIEW (self->view), editable);
  if (editable)
    gtk_widget_remove_css_class (self->overlay, "read-only");
  else
    gtk_widget_add_css_class (self->overlay, "read-only");
}

GtkTextView *
sc_text_field_get_view (ScTextField *self)
{
  g_return_val_if_fail (SC_IS_TEXT_FIELD (self), NULL);

  return GTK_TEXT_VIEW (self->view);
}

void
sc_text_field_set_placeholder (ScTextField *self,
                               const char  *placeholder)
{
  g_return_if_fail (SC_IS_TEXT_FIELD (self));

  gtk_label_set_label (GTK_LABEL (self->placeholder), placeholder != NULL ? placeholder : "");
  update_placeholder (self);
}
