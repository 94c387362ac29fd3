/* sc-note-row.c
 *
 * Copyright 2026 The Scrutineer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <glib/gi18n.h>

#include "sc-concern-popover.h"
#include "sc-note-row.h"

struct _ScNoteRow
{
  GtkListBoxRow parent_instance;

  ScInspectionContext *context;
  ScNote *note;
  char *group_title;
};

G_DEFINE_FINAL_TYPE (ScNoteRow, sc_note_row, GTK_TYPE_LIST_BOX_ROW)

enum
{
  EDIT,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

const char *
sc_note_kind_label (ScNoteKind kind)
{
  switch (kind)
    {
    case SC_NOTE_STRENGTH:
      return _("Strength");
    case SC_NOTE_IMPROVEMENT:
      return _("For improvement");
    case SC_NOTE_QUOTE:
      return _("Quote");
    case SC_NOTE_OBSERVATION:
    default:
      return _("Observation");
    }
}

static void
create_concern_cb (GtkMenuButton *button,
                   ScNoteRow     *self)
{
  GtkWidget *popover;
  g_autofree char *excerpt = NULL;
  g_autofree char *prefill = NULL;

  if (gtk_menu_button_get_popover (button) != NULL)
    return;
  popover = sc_concern_popover_new (self->context);
  excerpt = g_utf8_substring (self->note->text, 0,
                              MIN (g_utf8_strlen (self->note->text, -1), 80));
  /* Translators: the start of a safety concern's summary, raised from a focus-group note */
  prefill = g_strdup_printf (_("From a note in %s (“%s”): "), self->group_title, excerpt);
  sc_concern_popover_set_source (SC_CONCERN_POPOVER (popover), NULL, prefill);
  gtk_menu_button_set_popover (button, popover);
}

static void
edit_cb (ScNoteRow *self)
{
  g_signal_emit (self, signals[EDIT], 0);
}

static void
build (ScNoteRow *self)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  GtkWidget *texts = gtk_box_new (GTK_ORIENTATION_VERTICAL, 4);
  GtkWidget *meta = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkWidget *kind = gtk_label_new (sc_note_kind_label (self->note->kind));
  GtkWidget *text = gtk_label_new (self->note->text);
  g_autofree char *when = sc_inspection_format_time (self->note->created);
  GtkWidget *time = gtk_label_new (when);
  GtkWidget *concern = gtk_menu_button_new ();
  g_auto (GStrv) tags = g_strsplit (self->note->indicators ? self->note->indicators : "", " ", -1);
  g_autofree char *description = NULL;

  gtk_widget_add_css_class (kind, "sc-badge");
  gtk_widget_add_css_class (kind, "sc-note-kind");
  gtk_widget_add_css_class (kind, sc_note_kind_to_string (self->note->kind));
  gtk_box_append (GTK_BOX (meta), kind);
  for (guint i = 0; tags[i] != NULL; i++)
    {
      GtkWidget *tag;

      if (*tags[i] == '\0')
        continue;
      tag = gtk_label_new (tags[i]);
      gtk_widget_add_css_class (tag, "sc-tag");
      gtk_box_append (GTK_BOX (meta), tag);
    }
  gtk_widget_add_css_class (time, "dim-label");
  gtk_widget_add_css_class (time, "caption");
  gtk_widget_set_hexpand (time, TRUE);
  gtk_label_set_xalign (GTK_LABEL (time), 1);
  gtk_box_append (GTK_BOX (meta), time);
  gtk_box_append (GTK_BOX (texts), meta);

  gtk_label_set_wrap (GTK_LABEL (text), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (text), PANGO_WRAP_WORD_CHAR);
  gtk_label_set_xalign (GTK_LABEL (text), 0);
  gtk_label_set_selectable (GTK_LABEL (text), TRUE);
  if (self->note->kind == SC_NOTE_QUOTE)
    gtk_widget_add_css_class (text, "sc-quote");
  gtk_box_append (GTK_BOX (texts), text);
  gtk_widget_set_hexpand (texts, TRUE);
  gtk_box_append (GTK_BOX (box), texts);

  if (g_strcmp0 (self->note->author, self->context->owner) == 0)
    {
      GtkWidget *edit = gtk_button_new_from_icon_name ("document-edit-symbolic");

      gtk_widget_add_css_class (edit, "flat");
      gtk_widget_set_valign (edit, GTK_ALIGN_START);
      gtk_widget_set_tooltip_text (edit, _("Edit Note"));
      gtk_accessible_update_property (GTK_ACCESSIBLE (edit), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                      _("Edit Note"), -1);
      g_signal_connect_swapped (edit, "clicked", G_CALLBACK (edit_cb), self);
      gtk_box_append (GTK_BOX (box), edit);
    }

  gtk_menu_button_set_icon_name (GTK_MENU_BUTTON (concern), "dialog-warning-symbolic");
  gtk_widget_add_css_class (concern, "flat");
  gtk_widget_set_valign (concern, GTK_ALIGN_START);
  gtk_widget_set_tooltip_text (concern, _("Raise a Safety Concern"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (concern), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Raise a Safety Concern"), -1);
  gtk_menu_button_set_create_popup_func (GTK_MENU_BUTTON (concern),
                                         (GtkMenuButtonCreatePopupFunc) create_concern_cb, self,
                                         NULL);
  gtk_box_append (GTK_BOX (box), concern);

  gtk_widget_set_margin_top (box, 8);
  gtk_widget_set_margin_bottom (box, 8);
  gtk_widget_set_margin_start (box, 12);
  gtk_widget_set_margin_end (box, 6);
  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (self), box);
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (self), FALSE);

  /* Translators: how a note is announced: its kind, then its text */
  description = g_strdup_printf (_("%s: %s"), sc_note_kind_label (self->note->kind),
                                 self->note->text);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  description, -1);
}

static void
sc_note_row_finalize (GObject *object)
{
  ScNoteRow *self = SC_NOTE_ROW (object);

  g_clear_pointer (&self->context, sc_inspection_context_unref);
  g_clear_pointer (&self->note, sc_note_free);
  g_free (self->group_title);
  G_OBJECT_CLASS (sc_note_row_parent_class)->finalize (object);
}

static void
sc_note_row_class_init (ScNoteRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = sc_note_row_finalize;

  signals[EDIT] = g_signal_new ("edit", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL,
                                NULL, NULL, G_TYPE_NONE, 0);
}

static void
sc_note_row_init (ScNoteRow *self)
{
}

GtkWidget *
sc_note_row_new (ScInspectionContext *context,
                 ScNote              *note,
                 const char          *group_title)
{
  ScNoteRow *self = g_object_new (SC_TYPE_NOTE_ROW, NULL);

  self->context = sc_inspection_context_ref (context);
  self->note = note;
  self->group_title = g_strdup (group_title);
  build (self);
  return GTK_WIDGET (self);
}

const ScNote *
sc_note_row_get_note (ScNoteRow *self)
{
  g_return_val_if_fail (SC_IS_NOTE_ROW (self), NULL);

  return self->note;
}
