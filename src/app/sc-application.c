/* sc-application.c: the Scrutineer application
 *
 * Copyright 2026 The Scrutineer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * One main window works on the store; framework browser windows come and go
 * beside it. The application watches for idle time across all its windows
 * and locks the store when there was none for lock-after-minutes.
 *
 * Test hook: SCRUTINEER_LOCK_AFTER_SECONDS, when set, replaces the
 * lock-after-minutes setting with a time in seconds (0 = never), so a GUI
 * test can watch the automatic lock happen.
 */
#include <glib/gi18n.h>
#include <glib-unix.h>
#include <signal.h>

#include "sc-application.h"
#include "sc-bundles-window.h"
#include "sc-demo-session.h"
#include "sc-frameworks-window.h"
#include "sc-idle-monitor.h"
#include "sc-preferences-window.h"
#include "sc-window.h"

struct _ScApplication
{
  AdwApplication parent_instance;

  GSettings *settings;
  ScIdleMonitor *idle;
  GCancellable *cancellable;
  GError *crypto_error;
  gboolean demo;
  ScDemoSession *demo_session;
  guint signal_sources[3];
};

G_DEFINE_FINAL_TYPE (ScApplication, sc_application, ADW_TYPE_APPLICATION)

static ScWindow *
find_window (ScApplication *self)
{
  for (GList *l = gtk_application_get_windows (GTK_APPLICATION (self)); l != NULL; l = l->next)
    if (SC_IS_WINDOW (l->data))
      return l->data;
  return NULL;
}

static void
unlocked_cb (ScApplication *self,
             GParamSpec    *pspec,
             ScWindow      *window)
{
  /* The idle time counts from the unlock, not from the last input before it. */
  if (sc_window_get_unlocked (window))
    sc_idle_monitor_reset (self->idle);
}

static ScWindow *
get_window (ScApplication *self)
{
  ScWindow *window = find_window (self);

  if (window != NULL)
    return window;

  window = sc_window_new (GTK_APPLICATION (self));
  g_signal_connect_object (window, "notify::unlocked", G_CALLBACK (unlocked_cb), self,
                           G_CONNECT_SWAPPED);
  return window;
}

static ScFrameworksWindow *
get_frameworks_window (ScApplication *self)
{
  for (GList *l = gtk_application_get_windows (GTK_APPLICATION (self)); l != NULL; l = l->next)
    if (SC_IS_FRAMEWORKS_WINDOW (l->data))
      return l->data;
  return sc_frameworks_window_new (GTK_APPLICATION (self));
}

static void
apply_color_scheme (ScApplication *self)
{
  g_autofree char *scheme = g_settings_get_string (self->settings, "color-scheme");
  AdwColorScheme color_scheme = ADW_COLOR_SCHEME_DEFAULT;

  if (g_str_equal (scheme, "light"))
    color_scheme = ADW_COLOR_SCHEME_FORCE_LIGHT;
  else if (g_str_equal (scheme, "dark"))
    color_scheme = ADW_COLOR_SCHEME_FORCE_DARK;

  adw_style_manager_set_color_scheme (adw_style_manager_get_default (), color_scheme);
}

/* Locking */

static void
apply_lock_time (ScApplication *self)
{
  const char *override = g_getenv ("SCRUTINEER_LOCK_AFTER_SECONDS");
  guint seconds = g_settings_get_uint (self->settings, "lock-after-minutes") * 60;
  guint64 value;

  if (override != NULL && *override != '\0')
    {
      if (g_ascii_string_to_unsigned (override, 10, 0, G_MAXUINT, &value, NULL))
        seconds = (guint) value;
      else
        g_message ("Ignoring SCRUTINEER_LOCK_AFTER_SECONDS=%s: not a number of seconds", override);
    }
  sc_idle_monitor_set_timeout (self->idle, seconds);
}

static void
idle_cb (ScApplication *self)
{
  ScWindow *window = find_window (self);

  if (window != NULL)
    sc_window_lock (window);
}

static void
window_added_cb (ScApplication *self,
                 GtkWindow     *window)
{
  sc_idle_monitor_watch (self->idle, GTK_WIDGET (window));
}

/* Actions */

static gpointer
ref_window (gconstpointer window,
            gpointer      user_data)
{
  return g_object_ref ((gpointer) window);
}

static void
quit_action (GSimpleAction *action,
             GVariant      *parameter,
             gpointer       user_data)
{
  ScApplication *self = user_data;
  g_autolist (GtkWindow) windows = NULL;

  /* Closing the windows, rather than quitting outright, lets them save their state. */
  windows = g_list_copy_deep (gtk_application_get_windows (GTK_APPLICATION (self)),
                              ref_window, NULL);
  for (GList *l = windows; l != NULL; l = l->next)
    gtk_window_close (GTK_WINDOW (l->data));
}

static gboolean
quit_on_signal (gpointer user_data)
{
  quit_action (NULL, NULL, user_data);
  return G_SOURCE_CONTINUE;
}

static void
open_action (GSimpleAction *action,
             GVariant      *parameter,
             gpointer       user_data)
{
  ScFrameworksWindow *window = get_frameworks_window (SC_APPLICATION (user_data));

  gtk_window_present (GTK_WINDOW (window));
  sc_frameworks_window_choose_file (window);
}

static void
frameworks_action (GSimpleAction *action,
                   GVariant      *parameter,
                   gpointer       user_data)
{
  gtk_window_present (GTK_WINDOW (get_frameworks_window (SC_APPLICATION (user_data))));
}

/* From a framework browser opened on its own (scrutineer FILE.xml). */
static void
inspections_action (GSimpleAction *action,
                    GVariant      *parameter,
                    gpointer       user_data)
{
  g_application_activate (G_APPLICATION (user_data));
}

static void
preferences_action (GSimpleAction *action,
                    GVariant      *parameter,
                    gpointer       user_data)
{
  ScApplication *self = user_data;
  GtkWindow *parent = gtk_application_get_active_window (GTK_APPLICATION (self));

  GtkWindow *preferences = GTK_WINDOW (sc_preferences_window_new (parent));

  /* The style rows use app.color-scheme, found through the application. */
  gtk_window_set_application (preferences, GTK_APPLICATION (self));
  gtk_window_present (preferences);
}

/* The demo runs as a process of its own, so its throwaway store never meets
 * the user's real one. */
static void
demo_action (GSimpleAction *action,
             GVariant      *parameter,
             gpointer       user_data)
{
  ScApplication *self = user_data;
  g_autoptr (GError) error = NULL;
  g_autoptr (GSubprocess) process = NULL;
  g_autofree char *program = g_file_read_link ("/proc/self/exe", &error);
  GtkWindow *parent;
  GtkWidget *dialog;

  if (program != NULL)
    process = g_subprocess_new (G_SUBPROCESS_FLAGS_NONE, &error, program, "--demo", NULL);
  if (process != NULL)
    return;

  parent = gtk_application_get_active_window (GTK_APPLICATION (self));
  dialog = adw_message_dialog_new (parent, _("Could Not Open the Demo"), error->message);
  adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "close", _("_Close"));
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
about_action (GSimpleAction *action,
              GVariant      *parameter,
              gpointer       user_data)
{
  ScApplication *self = user_data;
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (self));
  const char *developers[] = { _("The Scrutineer authors"), NULL };
  g_autofree char *debug_info = NULL;
  g_autofree char *store_dir = sc_store_default_dir ();

  debug_info = g_strdup_printf ("Scrutineer %s\nGLib %u.%u.%u\nGTK %u.%u.%u\n"
                                "libadwaita %u.%u.%u\nStore: %s\n",
                                PACKAGE_VERSION,
                                glib_major_version, glib_minor_version, glib_micro_version,
                                gtk_get_major_version (), gtk_get_minor_version (),
                                gtk_get_micro_version (),
                                adw_get_major_version (), adw_get_minor_version (),
                                adw_get_micro_version (),
                                self->demo ? _("a throwaway demo store") : store_dir);

  adw_show_about_window (window,
                         "application-name", _("Scrutineer"),
                         "application-icon", APP_ID,
                         "version", PACKAGE_VERSION,
                         "comments", _("Record reading, focus groups and moderation for joint "
                                       "inspection teams. Works offline; everything recorded "
                                       "stays in an encrypted store on this computer until you "
                                       "share it, signed and encrypted, with your team."),
                         "developer-name", _("The Scrutineer authors"),
                         "developers", developers,
                         "copyright", _("© 2026 The Scrutineer authors"),
                         "license-type", GTK_LICENSE_GPL_3_0,
                         "translator-credits", _("translator-credits"),
                         "debug-info", debug_info,
                         NULL);
}

static const GActionEntry app_actions[] = {
  { "quit", quit_action },
  { "open", open_action },
  { "frameworks", frameworks_action },
  { "inspections", inspections_action },
  { "preferences", preferences_action },
  { "demo", demo_action },
  { "about", about_action },
};

/* The demo */

static void
demo_ready_cb (GObject      *source_object,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr (ScApplication) self = user_data;
  g_autoptr (GError) error = NULL;
  ScDemoSession *session = sc_demo_session_new_finish (result, &error);
  ScWindow *window = find_window (self);

  if (session == NULL)
    {
      if (window != NULL && !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        sc_window_show_error (window, _("Could Not Open the Demo"), error->message);
      return;
    }

  self->demo_session = session;
  if (window == NULL)
    return; /* closed meanwhile; shutdown removes the store */

  sc_window_set_demo (window, sc_demo_session_get_passphrase (session));
  sc_window_open_store (window, sc_demo_session_steal_store (session),
                        sc_demo_session_get_inspection (session));
}

static void
start_demo (ScApplication *self,
            ScWindow      *window)
{
  sc_window_show_busy (window, _("Preparing the Demo…"),
                       _("A throwaway store with a complete inspection, made up for the demo. "
                         "It is removed when Scrutineer quits."));
  sc_demo_session_new_async (self->cancellable, demo_ready_cb, g_object_ref (self));
}

/* GApplication */

static int
sc_application_handle_local_options (GApplication *application,
                                     GVariantDict *options)
{
  ScApplication *self = SC_APPLICATION (application);

  if (g_variant_dict_contains (options, "demo"))
    {
      /* A demo is a process of its own, beside any running Scrutineer. */
      self->demo = TRUE;
      g_application_set_flags (application,
                               g_application_get_flags (application) | G_APPLICATION_NON_UNIQUE);
    }
  return -1;
}

static void
sc_application_startup (GApplication *application)
{
  ScApplication *self = SC_APPLICATION (application);
  g_autoptr (GAction) color_scheme = NULL;
  static const char *quit_accels[] = { "<Control>q", NULL };
  static const char *open_accels[] = { "<Control>o", NULL };
  static const char *preferences_accels[] = { "<Control>comma", NULL };
  const int signals[] = { SIGINT, SIGTERM, SIGHUP };

  G_APPLICATION_CLASS (sc_application_parent_class)->startup (application);

  if (!sc_crypto_init (&self->crypto_error))
    g_prefix_error (&self->crypto_error, "%s", _("The encryption library did not start: "));

  g_action_map_add_action_entries (G_ACTION_MAP (self), app_actions,
                                   G_N_ELEMENTS (app_actions), self);
  color_scheme = g_settings_create_action (self->settings, "color-scheme");
  g_action_map_add_action (G_ACTION_MAP (self), color_scheme);
  g_simple_action_set_enabled (
    G_SIMPLE_ACTION (g_action_map_lookup_action (G_ACTION_MAP (self), "demo")), !self->demo);

  gtk_application_set_accels_for_action (GTK_APPLICATION (self), "app.quit", quit_accels);
  gtk_application_set_accels_for_action (GTK_APPLICATION (self), "app.open", open_accels);
  gtk_application_set_accels_for_action (GTK_APPLICATION (self), "app.preferences",
                                         preferences_accels);

  g_signal_connect_object (self->settings, "changed::color-scheme",
                           G_CALLBACK (apply_color_scheme), self, G_CONNECT_SWAPPED);
  apply_color_scheme (self);

  g_signal_connect_object (self->settings, "changed::lock-after-minutes",
                           G_CALLBACK (apply_lock_time), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->idle, "idle", G_CALLBACK (idle_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect (self, "window-added", G_CALLBACK (window_added_cb), NULL);
  apply_lock_time (self);

  /* Quitting on a signal saves the work and, for the demo, removes the store. */
  for (guint i = 0; i < G_N_ELEMENTS (signals); i++)
    self->signal_sources[i] = g_unix_signal_add (signals[i], quit_on_signal, self);
}

static void
sc_application_activate (GApplication *application)
{
  ScApplication *self = SC_APPLICATION (application);
  gboolean new_window = find_window (self) == NULL;
  ScWindow *window = get_window (self);

  if (new_window)
    {
      g_autofree char *dir = sc_store_default_dir ();

      if (self->crypto_error != NULL)
        sc_window_show_error (window, _("Scrutineer Cannot Start"), self->crypto_error->message);
      else if (self->demo)
        start_demo (self, window);
      else
        sc_window_set_store_dir (window, dir);
    }
  gtk_window_present (GTK_WINDOW (window));
}

static void
sc_application_open (GApplication  *application,
                     GFile        **files,
                     int            n_files,
                     const char    *hint)
{
  ScFrameworksWindow *window = NULL;

  for (int i = 0; i < n_files; i++)
    {
      /* Bundles and identity cards go to the store's window, after the unlock. */
      if (sc_exchange_file_kind (files[i]) != SC_EXCHANGE_FILE_OTHER)
        {
          g_application_activate (application);
          sc_window_open_exchange_file (find_window (SC_APPLICATION (application)), files[i]);
          continue;
        }
      if (window == NULL)
        {
          window = get_frameworks_window (SC_APPLICATION (application));
          gtk_window_present (GTK_WINDOW (window));
        }
      sc_frameworks_window_open_file (window, files[i]);
    }
}

static void
sc_application_shutdown (GApplication *application)
{
  ScApplication *self = SC_APPLICATION (application);

  g_cancellable_cancel (self->cancellable);
  for (GList *l = gtk_application_get_windows (GTK_APPLICATION (self)); l != NULL; l = l->next)
    if (SC_IS_WINDOW (l->data))
      sc_window_close_store (l->data);
  for (guint i = 0; i < G_N_ELEMENTS (self->signal_sources); i++)
    g_clear_handle_id (&self->signal_sources[i], g_source_remove);

  G_APPLICATION_CLASS (sc_application_parent_class)->shutdown (application);

  /* After the store is closed: this removes its directory. */
  g_clear_pointer (&self->demo_session, sc_demo_session_free);
}

static void
sc_application_finalize (GObject *object)
{
  ScApplication *self = SC_APPLICATION (object);

  g_clear_object (&self->settings);
  g_clear_object (&self->idle);
  g_clear_object (&self->cancellable);
  g_clear_error (&self->crypto_error);
  g_clear_pointer (&self->demo_session, sc_demo_session_free);

  G_OBJECT_CLASS (sc_application_parent_class)->finalize (object);
}

static void
sc_application_class_init (ScApplicationClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GApplicationClass *app_class = G_APPLICATION_CLASS (klass);

  object_class->finalize = sc_application_finalize;
  app_class->handle_local_options = sc_application_handle_local_options;
  app_class->startup = sc_application_startup;
  app_class->activate = sc_application_activate;
  app_class->open = sc_application_open;
  app_class->shutdown = sc_application_shutdown;
}

static void
sc_application_init (ScApplication *self)
{
  const GOptionEntry options[] = {
    { "demo", 0, 0, G_OPTION_ARG_NONE, NULL,
      N_("Open a demo inspection in a throwaway store, removed on quitting"), NULL },
    { NULL },
  };

  self->settings = g_settings_new (APP_ID);
  self->idle = sc_idle_monitor_new ();
  self->cancellable = g_cancellable_new ();
  g_application_add_main_option_entries (G_APPLICATION (self), options);
}

ScApplication *
sc_application_new (void)
{
  return g_object_new (SC_TYPE_APPLICATION,
                       "application-id", APP_ID,
                       "flags", G_APPLICATION_HANDLES_OPEN,
                       "resource-base-path", RESOURCE_BASE,
                       NULL);
}
