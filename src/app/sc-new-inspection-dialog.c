/* sc-new-inspection-dialog.c: create an inspection
 *
 * Copyright 2026 The Scrutineer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The framework is a shipped one or a file the user imports (its errors
 * shown as the framework browser shows them); then title, area, dates,
 * status and the team with their roles. Nothing is written until Create.
 */
#include <glib/gi18n.h>

#include "sc-date-button.h"
#include "sc-framework-file.h"
#include "sc-load-error-dialog.h"
#include "sc-model.h"
#include "sc-new-inspection-dialog.h"
#include "sc-roles.h"

struct _ScNewInspectionDialog
{
  AdwWindow parent_instance;

  GtkButton *create_button;
  GtkWidget *error_group;
  GtkLabel *error_label;
  AdwComboRow *framework_row;
  AdwEntryRow *title_row;
  AdwEntryRow *area_row;
  ScDateButton *start_button;
  ScDateButton *end_button;
  AdwComboRow *status_row;
  GtkListBox *team_list;
  AdwEntryRow *member_row;
  GtkDropDown *member_role;
  GtkButton *add_member_button;

  ScStore *store;
  GPtrArray *frameworks;    /* ScFramework*, in the order of framework_names */
  GtkStringList *framework_names;
  GCancellable *cancellable;
  GtkFileChooserNative *chooser;
};

G_DEFINE_FINAL_TYPE (ScNewInspectionDialog, sc_new_inspection_dialog, ADW_TYPE_WINDOW)

enum
{
  CREATED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static const char * const statuses[] = { "planned", "active", "closed" };
#define DEFAULT_STATUS 1

#define DEFAULT_DAYS 28 /* a joint inspection runs for some weeks */

/* The text of ROW, trimmed. */
static char *
get_text (AdwEntryRow *row)
{
  return g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (row))));
}

/* Team rows: data on each row */
#define MEMBER_NAME "sc-member-name"
#define MEMBER_ID "sc-member-id"   /* an existing member, e.g. the owner */
#define MEMBER_ROW "sc-member-row"   /* set on member rows, not on the one that adds */

static void
show_error (ScNewInspectionDialog *self,
            const char            *message)
{
  gtk_label_set_label (self->error_label, message != NULL ? message : "");
  gtk_widget_set_visible (self->error_group, message != NULL);
}

static void
validate (ScNewInspectionDialog *self)
{
  g_autofree char *title = get_text (self->title_row);
  GDateTime *start = sc_date_button_get_date (self->start_button);
  GDateTime *end = sc_date_button_get_date (self->end_button);
  gboolean dates_ok = g_date_time_compare (start, end) <= 0;

  show_error (self, dates_ok ? NULL : _("The inspection ends before it starts: check the dates."));
  gtk_widget_set_sensitive (GTK_WIDGET (self->create_button),
                            self->store != NULL && *title != '\0' && dates_ok);
}

/* Frameworks */

static void
add_framework (ScNewInspectionDialog *self,
               ScFramework           *framework)
{
  const char *sha256 = sc_framework_get_sha256 (framework);

  for (guint i = 0; i < self->frameworks->len; i++)
    if (g_str_equal (sc_framework_get_sha256 (g_ptr_array_index (self->frameworks, i)), sha256))
      {
        adw_combo_row_set_selected (self->framework_row, i);
        return;
      }

  g_ptr_array_add (self->frameworks, sc_framework_ref (framework));
  gtk_string_list_append (self->framework_names, sc_framework_get_title (framework));
  adw_combo_row_set_selected (self->framework_row, self->frameworks->len - 1);
}

static void
load_builtin_frameworks (ScNewInspectionDialog *self)
{
  g_auto (GStrv) names = sc_framework_list_builtin ();

  for (guint i = 0; names != NULL && names[i] != NULL; i++)
    {
      g_autoptr (GError) error = NULL;
      g_autoptr (ScFramework) framework = sc_framework_load_builtin (names[i], &error);

      if (framework == NULL)
        {
          g_critical ("Shipped framework %s does not load: %s", names[i], error->message);
          continue;
        }
      add_framework (self, framework);
    }
  adw_combo_row_set_selected (self->framework_row, 0);
}

static void
load_file_cb (GObject      *source_object,
              GAsyncResult *result,
              gpointer      user_data)
{
  ScNewInspectionDialog *self = SC_NEW_INSPECTION_DIALOG (source_object);
  g_autoptr (ScFramework) framework = NULL;
  g_autoptr (GError) error = NULL;

  framework = sc_framework_file_load_finish (result, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  if (framework == NULL)
    {
      GtkWidget *dialog = sc_load_error_dialog_new (GTK_WINDOW (self),
                                                    sc_framework_file_get_file (result), error);

      gtk_window_present (GTK_WINDOW (dialog));
      return;
    }
  add_framework (self, framework);
}

static void
chooser_response_cb (ScNewInspectionDialog *self,
                     int                    response,
                     GtkFileChooserNative  *chooser)
{
  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr (GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));

      if (file != NULL)
        sc_framework_file_load_async (file, self, self->cancellable, load_file_cb, NULL);
    }

  gtk_native_dialog_destroy (GTK_NATIVE_DIALOG (chooser));
  g_clear_object (&self->chooser);
}

static void
import_cb (ScNewInspectionDialog *self)
{
  g_autoptr (GtkFileFilter) filter = sc_framework_file_filter_new ();

  if (self->chooser != NULL)
    return;

  self->chooser = gtk_file_chooser_native_new (_("Import Framework"), GTK_WINDOW (self),
                                               GTK_FILE_CHOOSER_ACTION_OPEN,
                                               _("_Import"), _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (self->chooser), TRUE);
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (self->chooser), filter);
  g_signal_connect_object (self->chooser, "response", G_CALLBACK (chooser_response_cb), self,
                           G_CONNECT_SWAPPED);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (self->chooser));
}

/* The team */

static void
remove_member_cb (GtkButton *button,
                  GtkWidget *row)
{
  GtkWidget *list = gtk_widget_get_parent (row);

  gtk_list_box_remove (GTK_LIST_BOX (list), row);
}

/* A row per member: the name, and their role as a combo row (the row is the
 * control, so a screen reader says the name with the role). */
static void
add_member_row (ScNewInspectionDialog *self,
                const char            *name,
                const char            *role,
                const char            *member_id)
{
  GtkWidget *row = adw_combo_row_new ();
  g_autoptr (GtkStringList) roles = sc_roles_new_model ();
  int position = gtk_list_box_row_get_index (GTK_LIST_BOX_ROW (self->member_row));

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), name);
  if (member_id != NULL)
    adw_action_row_set_subtitle (ADW_ACTION_ROW (row), _("You"));
  adw_combo_row_set_model (ADW_COMBO_ROW (row), G_LIST_MODEL (roles));
  adw_combo_row_set_selected (ADW_COMBO_ROW (row), sc_roles_get_position (role));

  if (member_id == NULL)
    {
      GtkWidget *remove = gtk_button_new_from_icon_name ("user-trash-symbolic");
      g_autofree char *remove_label = g_strdup_printf (_("Remove %s from the Team"), name);

      gtk_widget_set_valign (remove, GTK_ALIGN_CENTER);
      gtk_widget_add_css_class (remove, "flat");
      gtk_widget_set_tooltip_text (remove, remove_label);
      gtk_accessible_update_property (GTK_ACCESSIBLE (remove),
                                      GTK_ACCESSIBLE_PROPERTY_LABEL, remove_label, -1);
      g_signal_connect (remove, "clicked", G_CALLBACK (remove_member_cb), row);
      adw_action_row_add_prefix (ADW_ACTION_ROW (row), remove);
    }

  g_object_set_data_full (G_OBJECT (row), MEMBER_NAME, g_strdup (name), g_free);
  g_object_set_data_full (G_OBJECT (row), MEMBER_ID, g_strdup (member_id), g_free);
  g_object_set_data (G_OBJECT (row), MEMBER_ROW, GINT_TO_POINTER (TRUE));
  gtk_list_box_insert (self->team_list, row, position);
}

static void
member_changed_cb (ScNewInspectionDialog *self)
{
  g_autofree char *name = get_text (self->member_row);

  gtk_widget_set_sensitive (GTK_WIDGET (self->add_member_button), *name != '\0');
}

static void
add_member_cb (ScNewInspectionDialog *self)
{
  g_autofree char *name = get_text (self->member_row);

  if (*name == '\0')
    return;

  add_member_row (self, name, sc_roles_get_id (gtk_drop_down_get_selected (self->member_role)),
                  NULL);
  gtk_editable_set_text (GTK_EDITABLE (self->member_row), "");
  gtk_widget_grab_focus (GTK_WIDGET (self->member_row));
}

static void
add_owner (ScNewInspectionDialog *self)
{
  g_autoptr (ScMember) owner = NULL;
  g_autoptr (GError) error = NULL;

  owner = sc_store_get_owner (self->store, &error);
  if (owner == NULL)
    {
      show_error (self, error->message);
      return;
    }
  add_member_row (self, owner->name, owner->role, owner->id);
}

/* Creating */

typedef struct
{
  char *id;   /* member id, once known */
  const char *role;
} TeamMember;

static void
team_member_clear (TeamMember *member)
{
  g_free (member->id);
}

/* Adds the members who are not in the store yet, and lists them all. */
static GArray *
collect_team (ScNewInspectionDialog *self,
              GError               **error)
{
  g_autoptr (GArray) team = g_array_new (FALSE, TRUE, sizeof (TeamMember));

  g_array_set_clear_func (team, (GDestroyNotify) team_member_clear);
  for (GtkWidget *row = gtk_widget_get_first_child (GTK_WIDGET (self->team_list));
       row != NULL; row = gtk_widget_get_next_sibling (row))
    {
      const char *id = g_object_get_data (G_OBJECT (row), MEMBER_ID);
      TeamMember member = { NULL, NULL };

      if (g_object_get_data (G_OBJECT (row), MEMBER_ROW) == NULL)
        continue; /* the row that adds members */

      member.role = sc_roles_get_id (adw_combo_row_get_selected (ADW_COMBO_ROW (row)));
      member.id = id != NULL
                  ? g_strdup (id)
                  : sc_store_add_member (self->store,
                                         g_object_get_data (G_OBJECT (row), MEMBER_NAME),
                                         member.role, error);
      if (member.id == NULL)
        return NULL;
      g_array_append_val (team, member);
    }
  return g_steal_pointer (&team);
}

static char *
create_inspection (ScNewInspectionDialog *self,
                   GError               **error)
{
  ScFramework *framework = g_ptr_array_index (self->frameworks,
                                              adw_combo_row_get_selected (self->framework_row));
  g_autofree char *framework_row = NULL;
  g_autofree char *title = get_text (self->title_row);
  g_autofree char *area = get_text (self->area_row);
  g_autofree char *start = sc_date_button_get_iso (self->start_button);
  g_autofree char *end = sc_date_button_get_iso (self->end_button);
  g_autoptr (GArray) team = NULL;
  g_autofree char *id = NULL;
  ScInspection spec = { 0 };

  framework_row = sc_store_import_framework (self->store, framework, error);
  if (framework_row == NULL)
    return NULL;
  team = collect_team (self, error);
  if (team == NULL)
    return NULL;

  spec.framework = framework_row;
  spec.title = title;
  spec.area = area;
  spec.start_date = start;
  spec.end_date = end;
  spec.status = (char *) statuses[MIN (adw_combo_row_get_selected (self->status_row),
                                       G_N_ELEMENTS (statuses) - 1)];
  for (guint i = 0; i < team->len && spec.lead == NULL; i++)
    if (g_str_equal (g_array_index (team, TeamMember, i).role, "lead"))
      spec.lead = g_array_index (team, TeamMember, i).id;

  id = sc_store_create_inspection (self->store, &spec, error);
  if (id == NULL)
    return NULL;
  for (guint i = 0; i < team->len; i++)
    {
      TeamMember *member = &g_array_index (team, TeamMember, i);

      if (!sc_store_add_team_member (self->store, id, member->id, member->role, error))
        return NULL;
    }
  return g_steal_pointer (&id);
}

static void
create_cb (ScNewInspectionDialog *self)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *id = NULL;

  if (self->store == NULL || !gtk_widget_get_sensitive (GTK_WIDGET (self->create_button)))
    return;

  id = create_inspection (self, &error);
  if (id == NULL)
    {
      show_error (self, error->message);
      return;
    }

  g_signal_emit (self, signals[CREATED], 0, id);
  gtk_window_close (GTK_WINDOW (self));
}

void
sc_new_inspection_dialog_set_store (ScNewInspectionDialog *self,
                                    ScStore               *store)
{
  g_return_if_fail (SC_IS_NEW_INSPECTION_DIALOG (self));

  self->store = store;
  validate (self);
}

GtkWidget *
sc_new_inspection_dialog_new (GtkWindow *parent,
                              ScStore   *store)
{
  ScNewInspectionDialog *self = g_object_new (SC_TYPE_NEW_INSPECTION_DIALOG,
                                              "transient-for", parent, NULL);

  self->store = store;
  add_owner (self);
  validate (self);
  gtk_window_set_focus (GTK_WINDOW (self), GTK_WIDGET (self->title_row));
  return GTK_WIDGET (self);
}

static void
sc_new_inspection_dialog_dispose (GObject *object)
{
  ScNewInspectionDialog *self = SC_NEW_INSPECTION_DIALOG (object);

  g_cancellable_cancel (self->cancellable);
  if (self->chooser != NULL)
    gtk_native_dialog_destroy (GTK_NATIVE_DIALOG (self->chooser));
  g_clear_object (&self->chooser);
  self->store = NULL;

  G_OBJECT_CLASS (sc_new_inspection_dialog_parent_class)->dispose (object);
}

static void
sc_new_inspection_dialog_finalize (GObject *object)
{
  ScNewInspectionDialog *self = SC_NEW_INSPECTION_DIALOG (object);

  g_clear_pointer (&self->frameworks, g_ptr_array_unref);
  g_clear_object (&self->framework_names);
  g_clear_object (&self->cancellable);

  G_OBJECT_CLASS (sc_new_inspection_dialog_parent_class)->finalize (object);
}

static void
sc_new_inspection_dialog_class_init (ScNewInspectionDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = sc_new_inspection_dialog_dispose;
  object_class->finalize = sc_new_inspection_dialog_finalize;

  /**
   * ScNewInspectionDialog::created:
   * @id: the new inspection's id
   */
  signals[CREATED] = g_signal_new ("created", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                                   NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_STRING);

  g_type_ensure (SC_TYPE_DATE_BUTTON);
  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_BASE "/sc-new-inspection-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, ScNewInspectionDialog, create_button);
  gtk_widget_class_bind_template_child (widget_class, ScNewInspectionDialog, error_group);
  gtk_widget_class_bind_template_child (widget_class, ScNewInspectionDialog, error_label);
  gtk_widget_class_bind_template_child (widget_class, ScNewInspectionDialog, framework_row);
  gtk_widget_class_bind_template_child (widget_class, ScNewInspectionDialog, title_row);
  gtk_widget_class_bind_template_child (widget_class, ScNewInspectionDialog, area_row);
  gtk_widget_class_bind_template_child (widget_class, ScNewInspectionDialog, start_button);
  gtk_widget_class_bind_template_child (widget_class, ScNewInspectionDialog, end_button);
  gtk_widget_class_bind_template_child (widget_class, ScNewInspectionDialog, status_row);
  gtk_widget_class_bind_template_child (widget_class, ScNewInspectionDialog, team_list);
  gtk_widget_class_bind_template_child (widget_class, ScNewInspectionDialog, member_row);
  gtk_widget_class_bind_template_child (widget_class, ScNewInspectionDialog, member_role);
  gtk_widget_class_bind_template_child (widget_class, ScNewInspectionDialog, add_member_button);
  gtk_widget_class_bind_template_callback (widget_class, validate);
  gtk_widget_class_bind_template_callback (widget_class, import_cb);
  gtk_widget_class_bind_template_callback (widget_class, add_member_cb);
  gtk_widget_class_bind_template_callback (widget_class, member_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, create_cb);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_DIALOG);
}

static void
sc_new_inspection_dialog_init (ScNewInspectionDialog *self)
{
  g_autoptr (GtkStringList) roles = sc_roles_new_model ();
  g_autoptr (GtkStringList) status_names = gtk_string_list_new (NULL);
  g_autoptr (GDateTime) today = g_date_time_new_now_local ();
  g_autoptr (GDateTime) end = g_date_time_add_days (today, DEFAULT_DAYS);

  gtk_widget_init_template (GTK_WIDGET (self));

  self->cancellable = g_cancellable_new ();
  self->frameworks = g_ptr_array_new_with_free_func ((GDestroyNotify) sc_framework_unref);
  self->framework_names = gtk_string_list_new (NULL);
  adw_combo_row_set_model (self->framework_row, G_LIST_MODEL (self->framework_names));
  load_builtin_frameworks (self);

  gtk_string_list_append (status_names, C_("inspection status", "Planned"));
  gtk_string_list_append (status_names, C_("inspection status", "Active"));
  gtk_string_list_append (status_names, C_("inspection status", "Closed"));
  adw_combo_row_set_model (self->status_row, G_LIST_MODEL (status_names));
  adw_combo_row_set_selected (self->status_row, DEFAULT_STATUS);

  gtk_drop_down_set_model (self->member_role, G_LIST_MODEL (roles));
  gtk_drop_down_set_selected (self->member_role, sc_roles_get_position ("inspector"));

  sc_date_button_set_date (self->start_button, today);
  sc_date_button_set_date (self->end_button, end);
}
