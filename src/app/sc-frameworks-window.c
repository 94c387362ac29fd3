/* sc-frameworks-window.c: the framework browser
 *
 * Copyright 2026 The Scrutineer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <glib/gi18n.h>

#include "sc-framework-row.h"
#include "sc-framework-view.h"
#include "sc-framework-file.h"
#include "sc-framework.h"
#include "sc-load-error-dialog.h"
#include "sc-frameworks-window.h"

struct _ScFrameworksWindow
{
  AdwApplicationWindow parent_instance;

  AdwLeaflet           *leaflet;
  GtkWidget            *content;
  GtkListBox           *framework_list;
  AdwViewSwitcherTitle *switcher_title;
  AdwViewSwitcherBar   *switcher_bar;
  GtkToggleButton      *search_button;
  GtkSearchBar         *search_bar;
  GtkSearchEntry       *search_entry;
  GtkStack             *main_stack;
  ScFrameworkView      *framework_view;

  GSettings            *settings;
  GCancellable         *cancellable;
  GtkFileChooserNative *chooser;
};

G_DEFINE_FINAL_TYPE (ScFrameworksWindow, sc_frameworks_window, ADW_TYPE_APPLICATION_WINDOW)

static void
update_switcher_bar (ScFrameworksWindow *self)
{
  gboolean shown = sc_framework_view_get_framework (self->framework_view) != NULL;
  gboolean narrow = adw_view_switcher_title_get_title_visible (self->switcher_title);

  /* A narrow header bar has no room for the switcher: it moves to the bottom. */
  adw_view_switcher_bar_set_reveal (self->switcher_bar, shown && narrow);
}

static void
title_visible_cb (ScFrameworksWindow             *self,
                  GParamSpec           *pspec,
                  AdwViewSwitcherTitle *switcher_title)
{
  update_switcher_bar (self);
}

static void
show_framework (ScFrameworksWindow    *self,
                ScFramework *framework)
{
  sc_framework_view_set_framework (self->framework_view, framework);

  gtk_stack_set_visible_child_name (self->main_stack, framework != NULL ? "framework" : "empty");
  adw_view_switcher_title_set_view_switcher_enabled (self->switcher_title, framework != NULL);
  adw_view_switcher_title_set_title (self->switcher_title,
                                     framework != NULL ? sc_framework_get_title (framework) : "");
  adw_view_switcher_title_set_subtitle (self->switcher_title,
                                        framework != NULL
                                        ? sc_framework_get_publisher (framework) : "");
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "window.search", framework != NULL);
  gtk_widget_set_sensitive (GTK_WIDGET (self->search_button), framework != NULL);
  if (framework == NULL)
    gtk_search_bar_set_search_mode (self->search_bar, FALSE);

  update_switcher_bar (self);
}

static void
row_selected_cb (ScFrameworksWindow      *self,
                 GtkListBoxRow *row)
{
  show_framework (self, row != NULL
                        ? sc_framework_row_get_framework (SC_FRAMEWORK_ROW (row))
                        : NULL);
}

static void
row_activated_cb (ScFrameworksWindow      *self,
                  GtkListBoxRow *row)
{
  adw_leaflet_set_visible_child (self->leaflet, self->content);
}

static void
update_list_header (GtkListBoxRow *row,
                    GtkListBoxRow *before,
                    gpointer       user_data)
{
  gboolean builtin = sc_framework_row_is_builtin (SC_FRAMEWORK_ROW (row));
  GtkWidget *label;

  if (before != NULL && sc_framework_row_is_builtin (SC_FRAMEWORK_ROW (before)) == builtin)
    {
      gtk_list_box_row_set_header (row, NULL);
      return;
    }

  label = gtk_label_new (builtin ? _("Shipped with Scrutineer") : _("Opened from Files"));
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_widget_add_css_class (label, "sc-sidebar-heading");
  gtk_widget_add_css_class (label, "caption-heading");
  gtk_widget_add_css_class (label, "dim-label");
  gtk_list_box_row_set_header (row, label);
}

static void
load_builtin_frameworks (ScFrameworksWindow *self)
{
  g_auto (GStrv) names = sc_framework_list_builtin ();

  for (guint i = 0; names != NULL && names[i] != NULL; i++)
    {
      g_autoptr (GError) error = NULL;
      g_autoptr (ScFramework) framework = sc_framework_load_builtin (names[i], &error);

      /* A shipped framework always loads unless the program itself is broken. */
      if (framework == NULL)
        {
          g_critical ("Shipped framework %s does not load: %s", names[i], error->message);
          continue;
        }

      gtk_list_box_append (self->framework_list, sc_framework_row_new (framework, NULL));
    }
}

/* Shows FRAMEWORK, reusing its row if the same bytes are already listed. */
static void
add_framework (ScFrameworksWindow    *self,
               ScFramework *framework,
               GFile       *file)
{
  const char *sha256 = sc_framework_get_sha256 (framework);
  GtkListBoxRow *row;
  GtkWidget *new_row;

  for (int i = 0; (row = gtk_list_box_get_row_at_index (self->framework_list, i)) != NULL; i++)
    {
      ScFramework *listed = sc_framework_row_get_framework (SC_FRAMEWORK_ROW (row));

      if (g_str_equal (sc_framework_get_sha256 (listed), sha256))
        {
          gtk_list_box_select_row (self->framework_list, row);
          adw_leaflet_set_visible_child (self->leaflet, self->content);
          return;
        }
    }

  new_row = sc_framework_row_new (framework, file);
  gtk_list_box_append (self->framework_list, new_row);
  gtk_list_box_select_row (self->framework_list, GTK_LIST_BOX_ROW (new_row));
  adw_leaflet_set_visible_child (self->leaflet, self->content);
}

static void
load_file_cb (GObject      *source_object,
              GAsyncResult *result,
              gpointer      user_data)
{
  ScFrameworksWindow *self = SC_FRAMEWORKS_WINDOW (source_object);
  GFile *file = sc_framework_file_get_file (result);
  g_autoptr (ScFramework) framework = NULL;
  g_autoptr (GError) error = NULL;
  GtkWidget *dialog;

  framework = sc_framework_file_load_finish (result, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  if (framework == NULL)
    {
      dialog = sc_load_error_dialog_new (GTK_WINDOW (self), file, error);
      gtk_window_present (GTK_WINDOW (dialog));
      return;
    }

  add_framework (self, framework, file);
}

void
sc_frameworks_window_open_file (ScFrameworksWindow *self,
                                GFile              *file)
{
  g_return_if_fail (SC_IS_FRAMEWORKS_WINDOW (self));
  g_return_if_fail (G_IS_FILE (file));

  sc_framework_file_load_async (file, self, self->cancellable, load_file_cb, NULL);
}

static void
chooser_response_cb (ScFrameworksWindow             *self,
                     int                   response,
                     GtkFileChooserNative *chooser)
{
  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr (GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));

      if (file != NULL)
        sc_frameworks_window_open_file (self, file);
    }

  g_clear_object (&self->chooser);
}

void
sc_frameworks_window_choose_file (ScFrameworksWindow *self)
{
  g_autoptr (GtkFileFilter) filter = sc_framework_file_filter_new ();

  g_return_if_fail (SC_IS_FRAMEWORKS_WINDOW (self));

  if (self->chooser != NULL)
    return;


  self->chooser = gtk_file_chooser_native_new (_("Open Framework"), GTK_WINDOW (self),
                                               GTK_FILE_CHOOSER_ACTION_OPEN,
                                               _("_Open"), _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (self->chooser), TRUE);
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (self->chooser), filter);
  g_signal_connect_object (self->chooser, "response",
                           G_CALLBACK (chooser_response_cb), self, G_CONNECT_SWAPPED);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (self->chooser));
}

static void
search_changed_cb (ScFrameworksWindow       *self,
                   GtkSearchEntry *entry)
{
  sc_framework_view_set_search (self->framework_view,
                                gtk_editable_get_text (GTK_EDITABLE (entry)));
}

static void
search_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  ScFrameworksWindow *self = SC_FRAMEWORKS_WINDOW (widget);

  adw_leaflet_set_visible_child (self->leaflet, self->content);
  gtk_search_bar_set_search_mode (self->search_bar, TRUE);
  gtk_widget_grab_focus (GTK_WIDGET (self->search_entry));
}

static void
go_back_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  ScFrameworksWindow *self = SC_FRAMEWORKS_WINDOW (widget);

  adw_leaflet_navigate (self->leaflet, ADW_NAVIGATION_DIRECTION_BACK);
}

/* The main window keeps the size; the browser opens at the same one. */
static void
restore_state (ScFrameworksWindow *self)
{
  gtk_window_set_default_size (GTK_WINDOW (self),
                               g_settings_get_int (self->settings, "window-width"),
                               g_settings_get_int (self->settings, "window-height"));
  if (g_settings_get_boolean (self->settings, "window-maximized"))
    gtk_window_maximize (GTK_WINDOW (self));
}

ScFrameworksWindow *
sc_frameworks_window_new (GtkApplication *application)
{
  return g_object_new (SC_TYPE_FRAMEWORKS_WINDOW, "application", application, NULL);
}

static void
sc_frameworks_window_dispose (GObject *object)
{
  ScFrameworksWindow *self = SC_FRAMEWORKS_WINDOW (object);

  g_cancellable_cancel (self->cancellable);
  if (self->chooser != NULL)
    gtk_native_dialog_destroy (GTK_NATIVE_DIALOG (self->chooser));
  g_clear_object (&self->chooser);

  G_OBJECT_CLASS (sc_frameworks_window_parent_class)->dispose (object);
}

static void
sc_frameworks_window_finalize (GObject *object)
{
  ScFrameworksWindow *self = SC_FRAMEWORKS_WINDOW (object);

  g_clear_object (&self->settings);
  g_clear_object (&self->cancellable);

  G_OBJECT_CLASS (sc_frameworks_window_parent_class)->finalize (object);
}

static void
sc_frameworks_window_class_init (ScFrameworksWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = sc_frameworks_window_dispose;
  object_class->finalize = sc_frameworks_window_finalize;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_BASE "/sc-frameworks-window.ui");
  gtk_widget_class_bind_template_child (widget_class, ScFrameworksWindow, leaflet);
  gtk_widget_class_bind_template_child (widget_class, ScFrameworksWindow, content);
  gtk_widget_class_bind_template_child (widget_class, ScFrameworksWindow, framework_list);
  gtk_widget_class_bind_template_child (widget_class, ScFrameworksWindow, switcher_title);
  gtk_widget_class_bind_template_child (widget_class, ScFrameworksWindow, switcher_bar);
  gtk_widget_class_bind_template_child (widget_class, ScFrameworksWindow, search_button);
  gtk_widget_class_bind_template_child (widget_class, ScFrameworksWindow, search_bar);
  gtk_widget_class_bind_template_child (widget_class, ScFrameworksWindow, search_entry);
  gtk_widget_class_bind_template_child (widget_class, ScFrameworksWindow, main_stack);
  gtk_widget_class_bind_template_child (widget_class, ScFrameworksWindow, framework_view);
  gtk_widget_class_bind_template_callback (widget_class, row_selected_cb);
  gtk_widget_class_bind_template_callback (widget_class, row_activated_cb);
  gtk_widget_class_bind_template_callback (widget_class, search_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, title_visible_cb);

  gtk_widget_class_install_action (widget_class, "window.search", NULL, search_action);
  gtk_widget_class_install_action (widget_class, "window.go-back", NULL, go_back_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_f, GDK_CONTROL_MASK,
                                       "window.search", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Left, GDK_ALT_MASK,
                                       "window.go-back", NULL);
}

static void
sc_frameworks_window_init (ScFrameworksWindow *self)
{
  g_type_ensure (SC_TYPE_FRAMEWORK_VIEW);

  gtk_widget_init_template (GTK_WIDGET (self));

  self->settings = g_settings_new (APP_ID);
  self->cancellable = g_cancellable_new ();

  adw_view_switcher_title_set_stack (self->switcher_title,
                                     sc_framework_view_get_stack (self->framework_view));
  adw_view_switcher_bar_set_stack (self->switcher_bar,
                                   sc_framework_view_get_stack (self->framework_view));
  gtk_search_bar_connect_entry (self->search_bar, GTK_EDITABLE (self->search_entry));
  gtk_search_bar_set_key_capture_widget (self->search_bar, GTK_WIDGET (self->framework_view));
  gtk_list_box_set_header_func (self->framework_list, update_list_header, NULL, NULL);

  restore_state (self);
  load_builtin_frameworks (self);
  show_framework (self, NULL);
}
