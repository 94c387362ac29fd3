/* sc-inspections-page.c: the inspections in the store
 *
 * Copyright 2026 The Scrutineer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A store holds a handful of inspections, so a list box of rows is enough;
 * the records of one inspection are another matter (ScInspectionPage).
 */
#include <glib/gi18n.h>
#include <stdio.h>

#include "sc-inspection-edit-dialog.h"
#include "sc-inspections-page.h"

struct _ScInspectionsPage
{
  GtkWidget parent_instance;

  AdwWindowTitle *window_title;
  GtkMenuButton *menu_button;
  GtkStack *stack;
  GtkListBox *list;
  AdwStatusPage *error_page;
  GtkWidget *demo_button;

  ScStore *store;
};

G_DEFINE_FINAL_TYPE (ScInspectionsPage, sc_inspections_page, GTK_TYPE_WIDGET)

enum
{
  PROP_0,
  PROP_MENU_MODEL,
  N_PROPS
};

enum
{
  INSPECTION_ACTIVATED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

const char *
sc_inspection_status_label (const char *status)
{
  if (g_strcmp0 (status, "planned") == 0)
    return C_("inspection status", "Planned");
  if (g_strcmp0 (status, "closed") == 0)
    return C_("inspection status", "Closed");
  return C_("inspection status", "Active");
}

static char *
format_iso_date (const char *iso)
{
  int year, month, day;
  g_autoptr (GDateTime) date = NULL;

  if (iso == NULL || sscanf (iso, "%d-%d-%d", &year, &month, &day) != 3)
    return NULL;
  date = g_date_time_new_local (year, month, day, 0, 0, 0);
  if (date == NULL)
    return g_strdup (iso);
  /* Translators: a date, see the strftime() manual: "9 Mar 2026" */
  return g_date_time_format (date, _("%-d %b %Y"));
}

char *
sc_inspection_format_dates (const ScInspection *inspection)
{
  g_autofree char *start = format_iso_date (inspection->start_date);
  g_autofree char *end = format_iso_date (inspection->end_date);

  if (start != NULL && end != NULL)
    /* Translators: the dates an inspection runs, "9 Mar 2026 – 3 Apr 2026" */
    return g_strdup_printf (_("%s – %s"), start, end);
  if (start != NULL)
    return g_strdup_printf (_("From %s"), start);
  if (end != NULL)
    return g_strdup_printf (_("Until %s"), end);
  return NULL;
}

static void
edit_changed_cb (ScInspectionsPage *self)
{
  sc_inspections_page_reload (self);
}

static void
edit_clicked_cb (GtkButton         *button,
                 ScInspectionsPage *self)
{
  const char *id = g_object_get_data (G_OBJECT (button), "inspection-id");
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  GtkWidget *dialog;

  if (self->store == NULL || id == NULL)
    return;
  dialog = sc_inspection_edit_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                          self->store, id);
  g_signal_connect_object (dialog, "changed", G_CALLBACK (edit_changed_cb), self,
                           G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (dialog));
}

static GtkWidget *
row_new (ScInspectionsPage  *self,
         const ScInspection *inspection)
{
  GtkWidget *edit = gtk_button_new_from_icon_name ("document-edit-symbolic");
  /* Translators: %s is an inspection's title */
  g_autofree char *edit_label = g_strdup_printf (_("Edit %s"), inspection->title);
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *badge = gtk_label_new (sc_inspection_status_label (inspection->status));
  g_autofree char *dates = sc_inspection_format_dates (inspection);
  g_autoptr (GString) subtitle = g_string_new (inspection->area);

  if (dates != NULL)
    g_string_append_printf (subtitle, "%s%s", subtitle->len > 0 ? " · " : "", dates);

  /* Titles are the user's text, not markup. */
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), inspection->title);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle->str);
  adw_action_row_set_subtitle_lines (ADW_ACTION_ROW (row), 2);
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);

  gtk_widget_set_valign (badge, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (badge, "sc-badge");
  gtk_widget_add_css_class (badge, inspection->status != NULL ? inspection->status : "active");
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), badge);
  gtk_widget_set_valign (edit, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (edit, "flat");
  gtk_widget_set_tooltip_text (edit, _("Edit the title, dates, status and team"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (edit), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  edit_label, -1);
  g_object_set_data_full (G_OBJECT (edit), "inspection-id", g_strdup (inspection->id), g_free);
  g_signal_connect (edit, "clicked", G_CALLBACK (edit_clicked_cb), self);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), edit);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row),
                             gtk_image_new_from_icon_name ("go-next-symbolic"));

  g_object_set_data_full (G_OBJECT (row), "inspection-id", g_strdup (inspection->id), g_free);
  return row;
}

static void
clear_list (ScInspectionsPage *self)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->list))) != NULL)
    gtk_list_box_remove (self->list, child);
}

void
sc_inspections_page_reload (ScInspectionsPage *self)
{
  g_autoptr (GPtrArray) inspections = NULL;
  g_autoptr (GError) error = NULL;

  g_return_if_fail (SC_IS_INSPECTIONS_PAGE (self));

  clear_list (self);
  if (self->store == NULL)
    {
      gtk_stack_set_visible_child_name (self->stack, "empty");
      return;
    }

  inspections = sc_store_list_inspections (self->store, &error);
  if (inspections == NULL)
    {
      adw_status_page_set_description (self->error_page, error->message);
      gtk_stack_set_visible_child_name (self->stack, "error");
      return;
    }

  for (guint i = 0; i < inspections->len; i++)
    gtk_list_box_append (self->list, row_new (self, g_ptr_array_index (inspections, i)));
  gtk_stack_set_visible_child_name (self->stack, inspections->len > 0 ? "list" : "empty");
}

void
sc_inspections_page_set_store (ScInspectionsPage *self,
                               ScStore           *store)
{
  g_return_if_fail (SC_IS_INSPECTIONS_PAGE (self));

  self->store = store;
  sc_inspections_page_reload (self);
}

void
sc_inspections_page_set_subtitle (ScInspectionsPage *self,
                                  const char        *subtitle)
{
  g_return_if_fail (SC_IS_INSPECTIONS_PAGE (self));

  adw_window_title_set_subtitle (self->window_title, subtitle != NULL ? subtitle : "");
}

void
sc_inspections_page_set_show_demo (ScInspectionsPage *self,
                                   gboolean           show_demo)
{
  g_return_if_fail (SC_IS_INSPECTIONS_PAGE (self));

  gtk_widget_set_visible (self->demo_button, show_demo);
}

static void
row_activated_cb (ScInspectionsPage *self,
                  GtkListBoxRow     *row)
{
  const char *id = g_object_get_data (G_OBJECT (row), "inspection-id");

  if (id != NULL)
    g_signal_emit (self, signals[INSPECTION_ACTIVATED], 0, id);
}

static void
sc_inspections_page_get_property (GObject    *object,
                                  guint       prop_id,
                                  GValue     *value,
                                  GParamSpec *pspec)
{
  ScInspectionsPage *self = SC_INSPECTIONS_PAGE (object);

  switch (prop_id)
    {
    case PROP_MENU_MODEL:
      g_value_set_object (value, gtk_menu_button_get_menu_model (self->menu_button));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sc_inspections_page_set_property (GObject      *object,
                                  guint         prop_id,
                                  const GValue *value,
                                  GParamSpec   *pspec)
{
  ScInspectionsPage *self = SC_INSPECTIONS_PAGE (object);

  switch (prop_id)
    {
    case PROP_MENU_MODEL:
      gtk_menu_button_set_menu_model (self->menu_button, g_value_get_object (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sc_inspections_page_dispose (GObject *object)
{
  ScInspectionsPage *self = SC_INSPECTIONS_PAGE (object);
  GtkWidget *child;

  self->store = NULL;
  gtk_widget_dispose_template (GTK_WIDGET (self), SC_TYPE_INSPECTIONS_PAGE);
  /* Children the template did not name are still there. */
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);

  G_OBJECT_CLASS (sc_inspections_page_parent_class)->dispose (object);
}

static gboolean
sc_inspections_page_grab_focus (GtkWidget *widget)
{
  ScInspectionsPage *self = SC_INSPECTIONS_PAGE (widget);
  GtkListBoxRow *first = gtk_list_box_get_row_at_index (self->list, 0);

  if (first != NULL && g_strcmp0 (gtk_stack_get_visible_child_name (self->stack), "list") == 0)
    return gtk_widget_grab_focus (GTK_WIDGET (first));
  return gtk_widget_child_focus (gtk_stack_get_visible_child (self->stack), GTK_DIR_TAB_FORWARD);
}

static void
sc_inspections_page_class_init (ScInspectionsPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->get_property = sc_inspections_page_get_property;
  object_class->set_property = sc_inspections_page_set_property;
  object_class->dispose = sc_inspections_page_dispose;
  widget_class->grab_focus = sc_inspections_page_grab_focus;

  properties[PROP_MENU_MODEL] =
    g_param_spec_object ("menu-model", NULL, NULL, G_TYPE_MENU_MODEL,
                         G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * ScInspectionsPage::inspection-activated:
   * @id: the inspection's id
   */
  signals[INSPECTION_ACTIVATED] =
    g_signal_new ("inspection-activated", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL,
                  NULL, NULL, G_TYPE_NONE, 1, G_TYPE_STRING);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_BASE "/sc-inspections-page.ui");
  gtk_widget_class_bind_template_child (widget_class, ScInspectionsPage, window_title);
  gtk_widget_class_bind_template_child (widget_class, ScInspectionsPage, menu_button);
  gtk_widget_class_bind_template_child (widget_class, ScInspectionsPage, stack);
  gtk_widget_class_bind_template_child (widget_class, ScInspectionsPage, list);
  gtk_widget_class_bind_template_child (widget_class, ScInspectionsPage, error_page);
  gtk_widget_class_bind_template_child (widget_class, ScInspectionsPage, demo_button);
  gtk_widget_class_bind_template_callback (widget_class, row_activated_cb);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BOX_LAYOUT);
}

static void
sc_inspections_page_init (ScInspectionsPage *self)
{
  GtkLayoutManager *layout;

  gtk_widget_init_template (GTK_WIDGET (self));
  layout = gtk_widget_get_layout_manager (GTK_WIDGET (self));
  gtk_orientable_set_orientation (GTK_ORIENTABLE (layout), GTK_ORIENTATION_VERTICAL);
}
