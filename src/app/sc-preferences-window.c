/* sc-preferences-window.c: locking and appearance
 *
 * Copyright 2026 The Scrutineer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Both settings apply at once: the application watches lock-after-minutes
 * and color-scheme. The style rows drive the app.color-scheme action, the
 * same one a menu would.
 */
#include <glib/gi18n.h>

#include "sc-preferences-window.h"

struct _ScPreferencesWindow
{
  AdwPreferencesWindow parent_instance;

  AdwComboRow *lock_row;

  GSettings *settings;
  GArray *lock_minutes; /* guint, one per row of lock_row */
  gboolean updating;
};

G_DEFINE_FINAL_TYPE (ScPreferencesWindow, sc_preferences_window, ADW_TYPE_PREFERENCES_WINDOW)

static const guint lock_choices[] = { 1, 2, 5, 10, 15, 30, 60, 0 };

static char *
describe_minutes (guint minutes)
{
  if (minutes == 0)
    return g_strdup (_("Never"));
  if (minutes % 60 == 0)
    return g_strdup_printf (ngettext ("After %u hour", "After %u hours", minutes / 60),
                            minutes / 60);
  return g_strdup_printf (ngettext ("After %u minute", "After %u minutes", minutes), minutes);
}

static int
compare_minutes (gconstpointer a,
                 gconstpointer b)
{
  guint x = *(const guint *) a, y = *(const guint *) b;

  /* "Never" (0) comes last. */
  if (x == 0 || y == 0)
    return (x == 0) - (y == 0);
  return (x > y) - (x < y);
}

/* The usual choices, plus the current value if it was set to another one. */
static void
fill_lock_row (ScPreferencesWindow *self)
{
  g_autoptr (GtkStringList) names = gtk_string_list_new (NULL);
  guint current = g_settings_get_uint (self->settings, "lock-after-minutes");
  guint selected = 0;
  gboolean listed = FALSE;

  g_array_set_size (self->lock_minutes, 0);
  g_array_append_vals (self->lock_minutes, lock_choices, G_N_ELEMENTS (lock_choices));
  for (guint i = 0; i < G_N_ELEMENTS (lock_choices); i++)
    listed = listed || lock_choices[i] == current;
  if (!listed)
    g_array_append_val (self->lock_minutes, current);
  g_array_sort (self->lock_minutes, compare_minutes);

  for (guint i = 0; i < self->lock_minutes->len; i++)
    {
      guint minutes = g_array_index (self->lock_minutes, guint, i);
      g_autofree char *name = describe_minutes (minutes);

      gtk_string_list_append (names, name);
      if (minutes == current)
        selected = i;
    }

  self->updating = TRUE;
  adw_combo_row_set_model (self->lock_row, G_LIST_MODEL (names));
  adw_combo_row_set_selected (self->lock_row, selected);
  self->updating = FALSE;
}

static void
lock_selected_cb (ScPreferencesWindow *self)
{
  guint selected = adw_combo_row_get_selected (self->lock_row);

  if (self->updating || selected >= self->lock_minutes->len)
    return;
  g_settings_set_uint (self->settings, "lock-after-minutes",
                       g_array_index (self->lock_minutes, guint, selected));
}

GtkWidget *
sc_preferences_window_new (GtkWindow *parent)
{
  return g_object_new (SC_TYPE_PREFERENCES_WINDOW, "transient-for", parent, NULL);
}

static void
sc_preferences_window_finalize (GObject *object)
{
  ScPreferencesWindow *self = SC_PREFERENCES_WINDOW (object);

  g_clear_object (&self->settings);
  g_clear_pointer (&self->lock_minutes, g_array_unref);

  G_OBJECT_CLASS (sc_preferences_window_parent_class)->finalize (object);
}

static void
sc_preferences_window_class_init (ScPreferencesWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->finalize = sc_preferences_window_finalize;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_BASE "/sc-preferences-window.ui");
  gtk_widget_class_bind_template_child (widget_class, ScPreferencesWindow, lock_row);
  gtk_widget_class_bind_template_callback (widget_class, lock_selected_cb);
}

static void
sc_preferences_window_init (ScPreferencesWindow *self)
{
  self->settings = g_settings_new (APP_ID);
  self->lock_minutes = g_array_new (FALSE, FALSE, sizeof (guint));

  gtk_widget_init_template (GTK_WIDGET (self));
  fill_lock_row (self);
}
