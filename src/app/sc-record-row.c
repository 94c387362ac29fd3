/* sc-record-row.c
 *
 * Copyright 2026 The Scrutineer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <glib/gi18n.h>

#include "sc-record-row.h"

struct _ScRecordRow
{
  GtkWidget parent_instance;

  GtkWidget *box;
  GtkLabel *ref_label;
  GtkLabel *details_label;
  GtkLabel *readers_label;
  GtkLabel *state_label;

  ScRecordObject *record;
  char *reader;
  gulong notify_id;
};

G_DEFINE_FINAL_TYPE (ScRecordRow, sc_record_row, GTK_TYPE_WIDGET)

static void
show_state (ScRecordRow *self)
{
  ScRecordState state = sc_record_object_get_state (self->record, self->reader);
  const ScReading *mine = sc_record_object_find_reading (self->record, self->reader);
  guint readers = sc_record_object_get_n_readers (self->record);
  const char *label = NULL;
  g_autofree char *readers_text = NULL;
  g_autofree char *description = NULL;

  gtk_widget_remove_css_class (GTK_WIDGET (self->state_label), "draft");
  gtk_widget_remove_css_class (GTK_WIDGET (self->state_label), "submitted");
  if (state == SC_RECORD_STATE_SUBMITTED)
    {
      label = _("Submitted");
      gtk_widget_add_css_class (GTK_WIDGET (self->state_label), "submitted");
    }
  else if (state == SC_RECORD_STATE_DRAFT)
    {
      label = mine != NULL && mine->status == SC_READING_REOPENED ? _("Reopened") : _("Draft");
      gtk_widget_add_css_class (GTK_WIDGET (self->state_label), "draft");
    }
  gtk_label_set_label (self->state_label, label);
  gtk_widget_set_visible (GTK_WIDGET (self->state_label), label != NULL);

  if (readers > 0)
    /* Translators: how many people have read a record, shown in a narrow column */
    readers_text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u reader", "%u readers",
                                                 readers),
                                    readers);
  gtk_label_set_label (self->readers_label, readers_text);
  gtk_widget_set_visible (GTK_WIDGET (self->readers_label), readers_text != NULL);

  description = g_strjoin (", ", gtk_label_get_label (self->details_label),
                           label != NULL ? label : _("Not started by you"),
                           readers_text != NULL ? readers_text : "", NULL);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION,
                                  description, -1);
}

static char *
describe (const ScRecord *record)
{
  g_autoptr (GString) text = g_string_new (NULL);

  if (record->cohorts != NULL && record->cohorts[0] != NULL)
    {
      g_autofree char *cohorts = g_strjoinv (", ", record->cohorts);

      g_string_append (text, cohorts);
    }
  if (record->age_band != NULL)
    g_string_append_printf (text, "%s%s", text->len ? " · " : "", record->age_band);
  if (record->legal_status != NULL)
    g_string_append_printf (text, "%s%s", text->len ? " · " : "", record->legal_status);
  return g_string_free (g_steal_pointer (&text), FALSE);
}

void
sc_record_row_bind (ScRecordRow    *self,
                    ScRecordObject *record,
                    const char     *reader)
{
  g_return_if_fail (SC_IS_RECORD_ROW (self));

  if (self->record != NULL)
    {
      g_clear_signal_handler (&self->notify_id, self->record);
      g_clear_object (&self->record);
    }
  g_free (self->reader);
  self->reader = g_strdup (reader);
  if (record == NULL)
    return;

  self->record = g_object_ref (record);
  {
    const ScRecord *r = sc_record_object_get_record (record);
    g_autofree char *details = describe (r);

    gtk_label_set_label (self->ref_label, r->ref);
    gtk_label_set_label (self->details_label, details);
    gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                    r->ref, -1);
  }
  self->notify_id = g_signal_connect_swapped (record, "notify::readings",
                                              G_CALLBACK (show_state), self);
  show_state (self);
}

static void
sc_record_row_dispose (GObject *object)
{
  ScRecordRow *self = SC_RECORD_ROW (object);

  sc_record_row_bind (self, NULL, NULL);
  gtk_widget_dispose_template (GTK_WIDGET (self), SC_TYPE_RECORD_ROW);
  G_OBJECT_CLASS (sc_record_row_parent_class)->dispose (object);
}

static void
sc_record_row_finalize (GObject *object)
{
  g_free (SC_RECORD_ROW (object)->reader);
  G_OBJECT_CLASS (sc_record_row_parent_class)->finalize (object);
}

static void
sc_record_row_class_init (ScRecordRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = sc_record_row_dispose;
  object_class->finalize = sc_record_row_finalize;

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_BASE "/sc-record-row.ui");
  gtk_widget_class_bind_template_child (widget_class, ScRecordRow, box);
  gtk_widget_class_bind_template_child (widget_class, ScRecordRow, ref_label);
  gtk_widget_class_bind_template_child (widget_class, ScRecordRow, details_label);
  gtk_widget_class_bind_template_child (widget_class, ScRecordRow, readers_label);
  gtk_widget_class_bind_template_child (widget_class, ScRecordRow, state_label);
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
}

static void
sc_record_row_init (ScRecordRow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

GtkWidget *
sc_record_row_new (void)
{
  return g_object_new (SC_TYPE_RECORD_ROW, NULL);
}
