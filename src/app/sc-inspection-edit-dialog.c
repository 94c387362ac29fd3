/* sc-inspection-edit-dialog.c: change an inspection after it was made
 *
 * Copyright 2026 The Scrutineer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Title, area, dates and status are written when Save is pressed; taking a
 * member off the team is written at once (each is one audited change). The
 * store refuses to remove someone with readings, and its message is shown.
 */
#include <glib/gi18n.h>

#include "sc-inspection-edit-dialog.h"
#include "sc-roles.h"
#include "sc-store-field.h"

struct _ScInspectionEditDialog
{
  AdwWindow parent_instance;

  GtkWidget *save_button;
  GtkWidget *error_group;
  GtkLabel *error_label;
  AdwEntryRow *title_row;
  AdwEntryRow *area_row;
  AdwEntryRow *start_row;
  AdwEntryRow *end_row;
  AdwComboRow *status_row;
  GtkListBox *team_list;

  ScStore *store;
  ScInspection *inspection;
};

G_DEFINE_FINAL_TYPE (ScInspectionEditDialog, sc_inspection_edit_dialog, ADW_TYPE_WINDOW)

enum
{
  CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static const char * const statuses[] = { "planned", "active", "closed" };

static char *
get_text (AdwEntryRow *row)
{
  return g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (row))));
}

static void
show_error (ScInspectionEditDialog *self,
            const char             *message)
{
  gtk_label_set_label (self->error_label, message != NULL ? message : "");
  gtk_widget_set_visible (self->error_group, message != NULL);
}

static void
validate (ScInspectionEditDialog *self)
{
  g_autofree char *title = get_text (self->title_row);

  gtk_widget_set_sensitive (self->save_button, *title != '\0');
}

static void
save_cb (ScInspectionEditDialog *self)
{
  g_autofree char *title = get_text (self->title_row);
  g_autofree char *area = get_text (self->area_row);
  g_autofree char *start = get_text (self->start_row);
  g_autofree char *end = get_text (self->end_row);
  guint status = adw_combo_row_get_selected (self->status_row);
  ScInspection spec = { 0 };
  g_autoptr (GError) error = NULL;

  if (!gtk_widget_get_sensitive (self->save_button))
    return;
  spec.id = self->inspection->id;
  spec.title = title;
  spec.area = area;
  spec.start_date = start;
  spec.end_date = end;
  spec.status = (char *) statuses[MIN (status, G_N_ELEMENTS (statuses) - 1)];
  if (!sc_store_update_inspection (self->store, &spec, &error))
    {
      show_error (self, error->message);
      return;
    }
  g_signal_emit (self, signals[CHANGED], 0);
  gtk_window_close (GTK_WINDOW (self));
}

static void load_team (ScInspectionEditDialog *self);

static void
remove_member_cb (GtkButton              *button,
                  ScInspectionEditDialog *self)
{
  const char *member = g_object_get_data (G_OBJECT (button), "member");
  g_autoptr (GError) error = NULL;

  if (!sc_store_remove_team_member (self->store, self->inspection->id, member, &error))
    {
      show_error (self, error->message);
      return;
    }
  show_error (self, NULL);
  load_team (self);
  g_signal_emit (self, signals[CHANGED], 0);
}

static void
load_team (ScInspectionEditDialog *self)
{
  g_autoptr (GPtrArray) team = NULL;
  g_autoptr (GError) error = NULL;
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->team_list))) != NULL)
    gtk_list_box_remove (self->team_list, child);
  team = sc_store_list_team (self->store, self->inspection->id, &error);
  if (team == NULL)
    {
      show_error (self, error->message);
      return;
    }
  if (team->len == 0)
    {
      GtkWidget *row = adw_action_row_new ();

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), _("Nobody is on the team"));
      gtk_list_box_append (self->team_list, row);
    }
  for (guint i = 0; i < team->len; i++)
    {
      const ScMember *member = g_ptr_array_index (team, i);
      GtkWidget *row = adw_action_row_new ();
      GtkWidget *remove = gtk_button_new_from_icon_name ("list-remove-symbolic");
      /* Translators: %s is a team member's name */
      g_autofree char *label = g_strdup_printf (_("Take %s off the team"), member->name);

      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), member->name);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), sc_roles_get_label (member->role));
      gtk_widget_set_valign (remove, GTK_ALIGN_CENTER);
      gtk_widget_add_css_class (remove, "flat");
      gtk_widget_set_tooltip_text (remove, label);
      gtk_accessible_update_property (GTK_ACCESSIBLE (remove), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                      label, -1);
      g_object_set_data_full (G_OBJECT (remove), "member", g_strdup (member->id), g_free);
      g_signal_connect (remove, "clicked", G_CALLBACK (remove_member_cb), self);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), remove);
      gtk_list_box_append (self->team_list, row);
    }
}

static void
sc_inspection_edit_dialog_finalize (GObject *object)
{
  ScInspectionEditDialog *self = SC_INSPECTION_EDIT_DIALOG (object);

  g_clear_pointer (&self->inspection, sc_inspection_free);
  G_OBJECT_CLASS (sc_inspection_edit_dialog_parent_class)->finalize (object);
}

static void
sc_inspection_edit_dialog_class_init (ScInspectionEditDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->finalize = sc_inspection_edit_dialog_finalize;

  signals[CHANGED] = g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                                   NULL, NULL, NULL, G_TYPE_NONE, 0);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_BASE "/sc-inspection-edit-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, ScInspectionEditDialog, save_button);
  gtk_widget_class_bind_template_child (widget_class, ScInspectionEditDialog, error_group);
  gtk_widget_class_bind_template_child (widget_class, ScInspectionEditDialog, error_label);
  gtk_widget_class_bind_template_child (widget_class, ScInspectionEditDialog, title_row);
  gtk_widget_class_bind_template_child (widget_class, ScInspectionEditDialog, area_row);
  gtk_widget_class_bind_template_child (widget_class, ScInspectionEditDialog, start_row);
  gtk_widget_class_bind_template_child (widget_class, ScInspectionEditDialog, end_row);
  gtk_widget_class_bind_template_child (widget_class, ScInspectionEditDialog, status_row);
  gtk_widget_class_bind_template_child (widget_class, ScInspectionEditDialog, team_list);
  gtk_widget_class_bind_template_callback (widget_class, save_cb);
  gtk_widget_class_bind_template_callback (widget_class, validate);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
sc_inspection_edit_dialog_init (ScInspectionEditDialog *self)
{
  g_autoptr (GtkStringList) names = gtk_string_list_new (NULL);

  gtk_widget_init_template (GTK_WIDGET (self));
  gtk_string_list_append (names, C_("inspection status", "Planned"));
  gtk_string_list_append (names, C_("inspection status", "Active"));
  gtk_string_list_append (names, C_("inspection status", "Closed"));
  adw_combo_row_set_model (self->status_row, G_LIST_MODEL (names));
}

GtkWidget *
sc_inspection_edit_dialog_new (GtkWindow  *parent,
                               ScStore    *store,
                               const char *inspection)
{
  ScInspectionEditDialog *self = g_object_new (SC_TYPE_INSPECTION_EDIT_DIALOG,
                                               "transient-for", parent, NULL);
  g_autoptr (GError) error = NULL;

  self->store = store;
  self->inspection = sc_store_find_inspection (store, inspection, &error);
  if (self->inspection == NULL)
    {
      show_error (self, error->message);
      gtk_widget_set_sensitive (self->save_button, FALSE);
      return GTK_WIDGET (self);
    }
  gtk_editable_set_text (GTK_EDITABLE (self->title_row), self->inspection->title);
  gtk_editable_set_text (GTK_EDITABLE (self->area_row),
                         self->inspection->area != NULL ? self->inspection->area : "");
  gtk_editable_set_text (GTK_EDITABLE (self->start_row),
                         self->inspection->start_date != NULL ? self->inspection->start_date : "");
  gtk_editable_set_text (GTK_EDITABLE (self->end_row),
                         self->inspection->end_date != NULL ? self->inspection->end_date : "");
  for (guint i = 0; i < G_N_ELEMENTS (statuses); i++)
    if (g_strcmp0 (self->inspection->status, statuses[i]) == 0)
      adw_combo_row_set_selected (self->status_row, i);
  load_team (self);
  validate (self);
  return GTK_WIDGET (self);
}
