/* sc-lint-warning.c
 *
 * Copyright 2026 The Scrutineer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <glib/gi18n.h>

#include "sc-lint.h"
#include "sc-lint-warning.h"

/* Checking is fast; the pause only avoids flagging half-typed words. */
#define CHECK_DELAY_MS 250

struct _ScLintWarning
{
  GtkWidget parent_instance;

  GtkWidget *revealer;
  GtkWidget *label;
  GtkWidget *keep_button;
  GtkTextBuffer *buffer;
  GtkTextTag *tag;
  GHashTable *kept;    /* finding texts the user keeps as written */
  GPtrArray *shown;    /* finding texts now flagged */
  guint check_source;
};

G_DEFINE_FINAL_TYPE (ScLintWarning, sc_lint_warning, GTK_TYPE_WIDGET)

static char *
describe (GPtrArray  *findings,
          const char *text)
{
  g_autoptr (GString) message = g_string_new (NULL);

  for (guint i = 0; i < findings->len; i++)
    {
      ScLintFinding *finding = g_ptr_array_index (findings, i);
      g_autofree char *part = g_strndup (text + finding->start, finding->end - finding->start);

      if (message->len > 0)
        g_string_append_c (message, '\n');
      /* Translators: the words found in the user's text, then why they were flagged */
      g_string_append_printf (message, _("“%s”: %s"), part, finding->reason);
    }
  return g_string_free (g_steal_pointer (&message), FALSE);
}

static void
check (ScLintWarning *self)
{
  GtkTextIter start, end;
  g_autofree char *text = NULL;
  g_autoptr (GPtrArray) findings = NULL;
  g_autoptr (GPtrArray) flagged = g_ptr_array_new ();
  g_autofree char *message = NULL;

  gtk_text_buffer_get_bounds (self->buffer, &start, &end);
  gtk_text_buffer_remove_tag (self->buffer, self->tag, &start, &end);
  text = gtk_text_buffer_get_text (self->buffer, &start, &end, FALSE);
  findings = sc_lint_check (text, -1);

  g_ptr_array_set_size (self->shown, 0);
  for (guint i = 0; i < findings->len; i++)
    {
      ScLintFinding *finding = g_ptr_array_index (findings, i);
      char *part = g_strndup (text + finding->start, finding->end - finding->start);
      GtkTextIter from, to;

      if (g_hash_table_contains (self->kept, part))
        {
          g_free (part);
          continue;
        }
      g_ptr_array_add (self->shown, part);
      g_ptr_array_add (flagged, finding);
      gtk_text_buffer_get_iter_at_offset (self->buffer, &from,
                                          g_utf8_pointer_to_offset (text,
                                                                    text + finding->start));
      gtk_text_buffer_get_iter_at_offset (self->buffer, &to,
                                          g_utf8_pointer_to_offset (text, text + finding->end));
      gtk_text_buffer_apply_tag (self->buffer, self->tag, &from, &to);
    }

  message = describe (flagged, text);
  gtk_label_set_label (GTK_LABEL (self->label), message);
  gtk_revealer_set_reveal_child (GTK_REVEALER (self->revealer), flagged->len > 0);
  gtk_widget_set_visible (GTK_WIDGET (self), flagged->len > 0);
}

static gboolean
check_cb (gpointer data)
{
  ScLintWarning *self = data;

  self->check_source = 0;
  check (self);
  return G_SOURCE_REMOVE;
}

static void
changed_cb (ScLintWarning *self)
{
  g_clear_handle_id (&self->check_source, g_source_remove);
  self->check_source = g_timeout_add (CHECK_DELAY_MS, check_cb, self);
}

static void
keep_cb (ScLintWarning *self)
{
  for (guint i = 0; i < self->shown->len; i++)
    g_hash_table_add (self->kept, g_strdup (g_ptr_array_index (self->shown, i)));
  check (self);
}

void
sc_lint_warning_check_now (ScLintWarning *self)
{
  g_return_if_fail (SC_IS_LINT_WARNING (self));

  g_clear_handle_id (&self->check_source, g_source_remove);
  check (self);
}

guint
sc_lint_warning_get_n_findings (ScLintWarning *self)
{
  g_return_val_if_fail (SC_IS_LINT_WARNING (self), 0);

  return self->shown->len;
}

static void
sc_lint_warning_dispose (GObject *object)
{
  ScLintWarning *self = SC_LINT_WARNING (object);

  g_clear_handle_id (&self->check_source, g_source_remove);
  if (self->buffer != NULL)
    g_signal_handlers_disconnect_by_data (self->buffer, self);
  g_clear_object (&self->buffer);
  g_clear_pointer (&self->revealer, gtk_widget_unparent);
  G_OBJECT_CLASS (sc_lint_warning_parent_class)->dispose (object);
}

static void
sc_lint_warning_finalize (GObject *object)
{
  ScLintWarning *self = SC_LINT_WARNING (object);

  g_hash_table_unref (self->kept);
  g_ptr_array_unref (self->shown);
  G_OBJECT_CLASS (sc_lint_warning_parent_class)->finalize (object);
}

static void
sc_lint_warning_class_init (ScLintWarningClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = sc_lint_warning_dispose;
  object_class->finalize = sc_lint_warning_finalize;
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "sc-lint-warning");
}

static void
sc_lint_warning_init (ScLintWarning *self)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 8);
  GtkWidget *icon = gtk_image_new_from_icon_name ("dialog-warning-symbolic");
  GtkWidget *texts = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
  GtkWidget *title = gtk_label_new (_("This may identify someone"));

  self->kept = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->shown = g_ptr_array_new_with_free_func (g_free);

  self->revealer = gtk_revealer_new ();
  gtk_revealer_set_transition_type (GTK_REVEALER (self->revealer),
                                    GTK_REVEALER_TRANSITION_TYPE_SLIDE_DOWN);
  gtk_widget_set_parent (self->revealer, GTK_WIDGET (self));

  gtk_widget_add_css_class (box, "sc-lint-box");
  gtk_widget_set_valign (icon, GTK_ALIGN_START);
  gtk_accessible_update_property (GTK_ACCESSIBLE (icon), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Warning"), -1);
  gtk_box_append (GTK_BOX (box), icon);

  gtk_label_set_xalign (GTK_LABEL (title), 0);
  gtk_label_set_wrap (GTK_LABEL (title), TRUE);
  gtk_widget_add_css_class (title, "heading");
  gtk_box_append (GTK_BOX (texts), title);
  self->label = gtk_label_new (NULL);
  gtk_label_set_xalign (GTK_LABEL (self->label), 0);
  gtk_label_set_wrap (GTK_LABEL (self->label), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (self->label), PANGO_WRAP_WORD_CHAR);
  gtk_label_set_selectable (GTK_LABEL (self->label), FALSE);
  gtk_box_append (GTK_BOX (texts), self->label);
  gtk_widget_set_hexpand (texts, TRUE);
  gtk_box_append (GTK_BOX (box), texts);

  self->keep_button = gtk_button_new_with_mnemonic (_("_Keep as Written"));
  gtk_widget_set_halign (self->keep_button, GTK_ALIGN_START);
  gtk_widget_set_tooltip_text (self->keep_button,
                               _("It does not identify anyone: stop flagging it here"));
  gtk_widget_add_css_class (self->keep_button, "flat");
  g_signal_connect_swapped (self->keep_button, "clicked", G_CALLBACK (keep_cb), self);
  /* Under the findings, so the warning stays narrow in a narrow window. */
  gtk_box_append (GTK_BOX (texts), self->keep_button);

  gtk_revealer_set_child (GTK_REVEALER (self->revealer), box);
  gtk_widget_set_visible (GTK_WIDGET (self), FALSE);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Confidentiality warning"), -1);
}

GtkWidget *
sc_lint_warning_new (GtkTextBuffer *buffer)
{
  ScLintWarning *self = g_object_new (SC_TYPE_LINT_WARNING, NULL);
  GtkTextTagTable *table = gtk_text_buffer_get_tag_table (buffer);

  self->buffer = g_object_ref (buffer);
  self->tag = gtk_text_tag_table_lookup (table, "sc-lint");
  if (self->tag == NULL)
    self->tag = gtk_text_buffer_create_tag (buffer, "sc-lint",
                                            "underline", PANGO_UNDERLINE_ERROR,
                                            "underline-rgba", &(GdkRGBA){ 0.9, 0.6, 0.0, 1.0 },
                                            NULL);
  g_signal_connect_swapped (buffer, "changed", G_CALLBACK (changed_cb), self);
  return GTK_WIDGET (self);
}
