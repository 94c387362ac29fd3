/* sc-sync-window.c: syncing with the central store
 *
 * Copyright 2026 The Scrutineer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The server's address and an optional certificate authority file (both
 * remembered in GSettings), the last sync and what it did (kept in the
 * store by sc_sync_last_save()), and Sync Now: sc_sync_run_cancellable() on
 * a worker thread, its progress shown through the main loop, Cancel through
 * a GCancellable. While it runs this modal window blocks the main one and
 * the main window does not lock, so the store has one user at a time.
 * Failures say what to do next, by kind: no network, a certificate not
 * trusted, a device the central store does not know.
 */
#include <glib/gi18n.h>

#include "sc-sync-window.h"
#include "sc-sync.h"

struct _ScSyncWindow
{
  AdwWindow parent_instance;

  AdwEntryRow         *url_row;
  AdwActionRow        *ca_row;
  GtkWidget           *ca_clear_button;
  AdwActionRow        *last_row;
  GtkLabel            *status_label;
  GtkProgressBar      *progress_bar;
  GtkWidget           *sync_button;
  GtkWidget           *cancel_button;
  AdwPreferencesGroup *error_group;
  GtkLabel            *error_heading;
  GtkLabel            *error_advice;
  GtkLabel            *error_detail;
  AdwPreferencesGroup *sent_group;
  AdwPreferencesGroup *received_group;
  AdwPreferencesGroup *problems_group;

  ScStore      *store; /* borrowed from the main window */
  GSettings    *settings;
  GCancellable *cancellable; /* while a sync runs */
  GPtrArray    *result_rows; /* GtkWidget*, each in one of the result groups */
  GtkFileChooserNative *chooser;
};

G_DEFINE_FINAL_TYPE (ScSyncWindow, sc_sync_window, ADW_TYPE_WINDOW)

enum
{
  SIGNAL_STORE_CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static gboolean
is_busy (ScSyncWindow *self)
{
  return self->cancellable != NULL;
}

static void
update_sensitivity (ScSyncWindow *self)
{
  const char *url = gtk_editable_get_text (GTK_EDITABLE (self->url_row));
  gboolean busy = is_busy (self);

  gtk_widget_set_sensitive (self->sync_button, !busy && url[0] != '\0');
  gtk_widget_set_sensitive (self->cancel_button, busy);
  gtk_widget_set_sensitive (GTK_WIDGET (self->url_row), !busy);
  gtk_widget_set_sensitive (GTK_WIDGET (self->ca_row), !busy);
  gtk_window_set_deletable (GTK_WINDOW (self), !busy);
}

static void
show_ca (ScSyncWindow *self)
{
  g_autofree char *ca = g_settings_get_string (self->settings, "sync-ca-file");

  adw_action_row_set_subtitle (self->ca_row,
                               ca[0] != '\0' ? ca
                                             : _("The system's certificate authorities"));
  gtk_widget_set_visible (self->ca_clear_button, ca[0] != '\0');
}

/* Results */

static void
clear_results (ScSyncWindow *self)
{
  for (guint i = 0; i < self->result_rows->len; i++)
    {
      GtkWidget *row = g_ptr_array_index (self->result_rows, i);

      adw_preferences_group_remove (g_object_get_data (G_OBJECT (row), "group"), row);
    }
  g_ptr_array_set_size (self->result_rows, 0);
  gtk_widget_set_visible (GTK_WIDGET (self->sent_group), FALSE);
  gtk_widget_set_visible (GTK_WIDGET (self->received_group), FALSE);
  gtk_widget_set_visible (GTK_WIDGET (self->problems_group), FALSE);
  gtk_widget_set_visible (GTK_WIDGET (self->error_group), FALSE);
}

static void
add_result (ScSyncWindow        *self,
            AdwPreferencesGroup *group,
            const char          *text,
            gboolean             dim)
{
  GtkWidget *row = adw_action_row_new ();

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), text);
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_action_row_set_title_lines (ADW_ACTION_ROW (row), 3);
  if (dim)
    gtk_widget_add_css_class (row, "dim-label");
  g_object_set_data (G_OBJECT (row), "group", group);
  adw_preferences_group_add (group, row);
  g_ptr_array_add (self->result_rows, row);
  gtk_widget_set_visible (GTK_WIDGET (group), TRUE);
}

static void
add_results (ScSyncWindow        *self,
             AdwPreferencesGroup *group,
             GStrv                items,
             const char          *none)
{
  if (items == NULL || items[0] == NULL)
    {
      if (none != NULL)
        add_result (self, group, none, TRUE);
      return;
    }
  for (guint i = 0; items[i] != NULL; i++)
    add_result (self, group, items[i], FALSE);
}

/* A heading and what to do, by kind of failure. */
static void
show_failure (ScSyncWindow *self,
              int           code,
              const char   *message)
{
  const char *heading;
  const char *advice;

  switch (code)
    {
    case SC_SYNC_ERROR_NETWORK:
      heading = _("The central store cannot be reached");
      advice = _("Check that this computer is on a network and that the address is right, "
                 "then sync again. Your work stays in the outbox until then.");
      break;
    case SC_SYNC_ERROR_TLS:
      heading = _("The central store's certificate is not trusted");
      advice = _("Check the address. If your inspectorate runs its own certificate "
                 "authority, ask for its file and choose it under Certificate authority, "
                 "then sync again.");
      break;
    case SC_SYNC_ERROR_FORBIDDEN:
      heading = _("This device is not enrolled at the central store");
      advice = _("Export this device's identity card (Exchange Bundles, Identity) and give "
                 "it to the central store's operator to enrol, comparing the fingerprint "
                 "with them; then sync again.");
      break;
    case SC_SYNC_ERROR_CLOCK:
      heading = _("This computer's clock is wrong");
      advice = _("Set the right date and time, then sync again.");
      break;
    case SC_SYNC_ERROR_UNAUTHORIZED:
      heading = _("The central store refused this device's signature");
      advice = _("Check that the address is your inspectorate's central store. If it is, "
                 "ask its operator to enrol this device again.");
      break;
    case SC_SYNC_ERROR_URL:
      heading = _("The address is not one a central store can have");
      advice = _("Give it as https://host or https://host:port; plain http:// is only "
                 "accepted for this computer's own address.");
      break;
    case SC_SYNC_ERROR_CANCELLED:
      heading = _("The sync was cancelled");
      advice = _("What was sent or received before stays; the rest waits for the next "
                 "sync.");
      break;
    case SC_SYNC_ERROR_SERVER:
      heading = _("The central store failed");
      advice = _("Try again later; if it goes on, tell the central store's operator.");
      break;
    default:
      heading = _("The sync did not finish");
      advice = _("Read the details below, then sync again.");
      break;
    }
  gtk_label_set_text (self->error_heading, heading);
  gtk_label_set_text (self->error_advice, advice);
  gtk_label_set_text (self->error_detail, message != NULL ? message : "");
  gtk_widget_set_visible (GTK_WIDGET (self->error_group), TRUE);
}

static char *
summary (const ScSyncLast *last)
{
  guint sent = last->sent != NULL ? g_strv_length (last->sent) : 0;
  guint received = last->received != NULL ? g_strv_length (last->received) : 0;
  guint problems = last->problems != NULL ? g_strv_length (last->problems) : 0;
  g_autofree char *up = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u bundle sent",
                                                      "%u bundles sent", sent),
                                         sent);
  g_autofree char *down = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u received",
                                                        "%u received", received),
                                           received);

  if (problems > 0)
    return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Done with %s, %s; %u problem",
                                         "Done with %s, %s; %u problems", problems),
                            up, down, problems);
  return g_strdup_printf (_("Succeeded: %s, %s"), up, down);
}

/* Shows the last sync the store noted, and what it did. */
static void
show_last (ScSyncWindow *self)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (ScSyncLast) last = sc_sync_last_load (self->store, &error);
  g_autofree char *when = NULL;
  g_autofree char *title = NULL;
  g_autofree char *subtitle = NULL;
  g_autofree char *outcome = NULL;

  clear_results (self);
  if (last == NULL)
    {
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->last_row),
                                     _("Never synced"));
      adw_action_row_set_subtitle (self->last_row,
                                   error != NULL ? error->message
                                                 : _("This store has not synced yet."));
      return;
    }
  when = last->time != NULL ? g_date_time_format (last->time, _("%-d %B %Y, %H:%M"))
                            : g_strdup (_("at an unknown time"));
  title = g_strdup_printf (_("Last synced %s"), when);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->last_row), title);
  outcome = last->ok ? summary (last) : NULL;
  if (last->ok)
    subtitle = g_strdup_printf ("%s\n%s", outcome, last->url);
  else
    subtitle = g_strdup_printf (_("Did not finish (see below)\n%s"), last->url);
  adw_action_row_set_subtitle (self->last_row, subtitle);
  if (!last->ok)
    {
      show_failure (self, last->code, last->message);
      return;
    }
  add_results (self, self->sent_group, last->sent, _("Nothing was waiting to be sent."));
  add_results (self, self->received_group, last->received, _("Nothing new was addressed to "
                                                             "this device."));
  add_results (self, self->problems_group, last->problems, NULL);
}

/* The sync, on a worker thread */

typedef struct
{
  char *url;
  char *ca_file;
  ScSyncReport *report;
} SyncJob;

static void
sync_job_free (gpointer data)
{
  SyncJob *job = data;

  g_free (job->url);
  g_free (job->ca_file);
  g_clear_pointer (&job->report, sc_sync_report_free);
  g_free (job);
}

typedef struct
{
  ScSyncWindow *self; /* a reference */
  const char *what;   /* translated, static */
  guint done;
  guint total;
} Progress;

static gboolean
show_progress (gpointer data)
{
  Progress *p = data;
  g_autofree char *text = NULL;

  if (is_busy (p->self))
    {
      if (p->total > 0 && p->done >= p->total)
        {
          text = g_strdup (p->what);
          gtk_progress_bar_set_fraction (p->self->progress_bar, 1.0);
        }
      else if (p->total > 0)
        {
          text = g_strdup_printf (_("%s %u of %u…"), p->what, MIN (p->done + 1, p->total),
                                  p->total);
          gtk_progress_bar_set_fraction (p->self->progress_bar, (double) p->done / p->total);
        }
      else
        text = g_strdup_printf (_("%s…"), p->what);
      gtk_progress_bar_set_text (p->self->progress_bar, text);
      gtk_label_set_text (p->self->status_label, text);
    }
  return G_SOURCE_REMOVE;
}

static void
progress_free (gpointer data)
{
  Progress *p = data;

  g_object_unref (p->self);
  g_free (p);
}

/* From the worker thread. */
static void
progress_cb (const char *what,
             guint       done,
             guint       total,
             gpointer    user_data)
{
  Progress *p = g_new0 (Progress, 1);

  p->self = g_object_ref (user_data);
  p->what = what;
  p->done = done;
  p->total = total;
  g_main_context_invoke_full (NULL, G_PRIORITY_DEFAULT, show_progress, p, progress_free);
}

static void
sync_thread (GTask        *task,
             gpointer      source_object,
             gpointer      task_data,
             GCancellable *cancellable)
{
  ScSyncWindow *self = source_object;
  SyncJob *job = task_data;
  GError *error = NULL;

  job->report = sc_sync_run_cancellable (self->store, job->url, job->ca_file, cancellable,
                                         progress_cb, self, &error);
  /* Noted either way, so the window (and the next one) can say how it went. */
  sc_sync_last_save (self->store, job->url, job->report, error, NULL);
  if (job->report == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_boolean (task, TRUE);
}

static void
sync_done_cb (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  ScSyncWindow *self = SC_SYNC_WINDOW (source);
  SyncJob *job = g_task_get_task_data (G_TASK (result));
  g_autoptr (GError) error = NULL;
  gboolean ok = g_task_propagate_boolean (G_TASK (result), &error);

  g_clear_object (&self->cancellable);
  update_sensitivity (self);
  gtk_widget_set_visible (GTK_WIDGET (self->progress_bar), FALSE);
  show_last (self);
  if (ok)
    {
      g_autoptr (ScSyncLast) last = sc_sync_last_load (self->store, NULL);
      g_autofree char *text = last != NULL ? summary (last) : NULL;

      gtk_label_set_text (self->status_label, text != NULL ? text : _("Synced."));
      if (job->report->pulled->len > 0)
        g_signal_emit (self, signals[SIGNAL_STORE_CHANGED], 0);
    }
  else
    {
      gtk_label_set_text (self->status_label, _("The sync did not finish."));
      /* A failure the store could not note is shown all the same. */
      if (!gtk_widget_get_visible (GTK_WIDGET (self->error_group)))
        show_failure (self, error->domain == SC_SYNC_ERROR ? error->code : -1, error->message);
    }
}

static void
sync_cb (ScSyncWindow *self)
{
  g_autoptr (GTask) task = NULL;
  g_autofree char *url = NULL;
  g_autofree char *ca = NULL;
  SyncJob *job;

  if (is_busy (self))
    return;
  url = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->url_row))));
  if (url[0] == '\0')
    return;
  g_settings_set_string (self->settings, "sync-server-url", url);
  ca = g_settings_get_string (self->settings, "sync-ca-file");
  job = g_new0 (SyncJob, 1);
  job->url = g_steal_pointer (&url);
  job->ca_file = ca[0] != '\0' ? g_steal_pointer (&ca) : NULL;

  self->cancellable = g_cancellable_new ();
  /* The focus leaves the address before it turns insensitive. */
  gtk_widget_set_sensitive (self->cancel_button, TRUE);
  gtk_widget_grab_focus (self->cancel_button);
  update_sensitivity (self);
  clear_results (self);
  gtk_progress_bar_set_fraction (self->progress_bar, 0);
  gtk_progress_bar_set_text (self->progress_bar, _("Connecting…"));
  gtk_widget_set_visible (GTK_WIDGET (self->progress_bar), TRUE);
  gtk_label_set_text (self->status_label, _("Connecting…"));

  task = g_task_new (self, self->cancellable, sync_done_cb, NULL);
  g_task_set_task_data (task, job, sync_job_free);
  /* The worker reports its own cancellation, with what it did before. */
  g_task_set_check_cancellable (task, FALSE);
  g_task_run_in_thread (task, sync_thread);
}

static void
cancel_cb (ScSyncWindow *self)
{
  if (self->cancellable == NULL)
    return;
  g_cancellable_cancel (self->cancellable);
  gtk_label_set_text (self->status_label, _("Cancelling…"));
  gtk_widget_set_sensitive (self->cancel_button, FALSE);
}

static void
url_changed_cb (ScSyncWindow *self)
{
  update_sensitivity (self);
}

/* The certificate authority */

static void
ca_response_cb (ScSyncWindow         *self,
                int                   response,
                GtkFileChooserNative *chooser)
{
  g_autoptr (GFile) file = NULL;

  if (response == GTK_RESPONSE_ACCEPT)
    file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
  if (file != NULL && g_file_peek_path (file) != NULL)
    {
      g_settings_set_string (self->settings, "sync-ca-file", g_file_peek_path (file));
      show_ca (self);
    }
  gtk_native_dialog_destroy (GTK_NATIVE_DIALOG (chooser));
  g_clear_object (&self->chooser);
}

static void
ca_choose_cb (ScSyncWindow *self)
{
  g_autoptr (GtkFileFilter) pem = gtk_file_filter_new ();
  g_autoptr (GtkFileFilter) any = gtk_file_filter_new ();

  if (self->chooser != NULL)
    return;
  self->chooser = gtk_file_chooser_native_new (_("Choose a Certificate Authority"),
                                               GTK_WINDOW (self),
                                               GTK_FILE_CHOOSER_ACTION_OPEN, _("_Choose"),
                                               _("_Cancel"));
  gtk_file_filter_set_name (pem, _("Certificates (PEM)"));
  gtk_file_filter_add_pattern (pem, "*.pem");
  gtk_file_filter_add_pattern (pem, "*.crt");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (self->chooser), pem);
  gtk_file_filter_set_name (any, _("All files"));
  gtk_file_filter_add_pattern (any, "*");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (self->chooser), any);
  g_signal_connect_object (self->chooser, "response", G_CALLBACK (ca_response_cb), self,
                           G_CONNECT_SWAPPED);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (self->chooser));
}

static void
ca_clear_cb (ScSyncWindow *self)
{
  g_settings_set_string (self->settings, "sync-ca-file", "");
  show_ca (self);
}

/* Public */

gboolean
sc_sync_window_get_busy (ScSyncWindow *self)
{
  g_return_val_if_fail (SC_IS_SYNC_WINDOW (self), FALSE);

  return is_busy (self);
}

GtkWidget *
sc_sync_window_new (GtkWindow *parent,
                    ScStore   *store)
{
  ScSyncWindow *self = g_object_new (SC_TYPE_SYNC_WINDOW, "transient-for", parent, NULL);
  g_autofree char *url = NULL;

  self->store = store;
  url = g_settings_get_string (self->settings, "sync-server-url");
  gtk_editable_set_text (GTK_EDITABLE (self->url_row), url);
  if (url[0] == '\0')
    gtk_label_set_text (self->status_label, _("Give the central store's address to sync."));
  show_ca (self);
  show_last (self);
  update_sensitivity (self);
  return GTK_WIDGET (self);
}

/* Lifetime */

static gboolean
sc_sync_window_close_request (GtkWindow *window)
{
  ScSyncWindow *self = SC_SYNC_WINDOW (window);

  /* The worker uses the store until it is done: cancel, then close. */
  if (is_busy (self))
    {
      cancel_cb (self);
      return TRUE;
    }
  /* An entry that has the focus as its window goes never hears it lost it. */
  gtk_window_set_focus (window, NULL);
  return GTK_WINDOW_CLASS (sc_sync_window_parent_class)->close_request (window);
}

static void
sc_sync_window_dispose (GObject *object)
{
  ScSyncWindow *self = SC_SYNC_WINDOW (object);

  if (self->chooser != NULL)
    gtk_native_dialog_destroy (GTK_NATIVE_DIALOG (self->chooser));
  g_clear_object (&self->chooser);
  gtk_widget_dispose_template (GTK_WIDGET (self), SC_TYPE_SYNC_WINDOW);

  G_OBJECT_CLASS (sc_sync_window_parent_class)->dispose (object);
}

static void
sc_sync_window_finalize (GObject *object)
{
  ScSyncWindow *self = SC_SYNC_WINDOW (object);

  g_clear_object (&self->settings);
  g_clear_object (&self->cancellable);
  g_ptr_array_unref (self->result_rows);

  G_OBJECT_CLASS (sc_sync_window_parent_class)->finalize (object);
}

static void
sc_sync_window_class_init (ScSyncWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->dispose = sc_sync_window_dispose;
  object_class->finalize = sc_sync_window_finalize;
  window_class->close_request = sc_sync_window_close_request;

  signals[SIGNAL_STORE_CHANGED] =
    g_signal_new ("store-changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL,
                  NULL, G_TYPE_NONE, 0);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_BASE "/sc-sync-window.ui");
  gtk_widget_class_bind_template_child (widget_class, ScSyncWindow, url_row);
  gtk_widget_class_bind_template_child (widget_class, ScSyncWindow, ca_row);
  gtk_widget_class_bind_template_child (widget_class, ScSyncWindow, ca_clear_button);
  gtk_widget_class_bind_template_child (widget_class, ScSyncWindow, last_row);
  gtk_widget_class_bind_template_child (widget_class, ScSyncWindow, status_label);
  gtk_widget_class_bind_template_child (widget_class, ScSyncWindow, progress_bar);
  gtk_widget_class_bind_template_child (widget_class, ScSyncWindow, sync_button);
  gtk_widget_class_bind_template_child (widget_class, ScSyncWindow, cancel_button);
  gtk_widget_class_bind_template_child (widget_class, ScSyncWindow, error_group);
  gtk_widget_class_bind_template_child (widget_class, ScSyncWindow, error_heading);
  gtk_widget_class_bind_template_child (widget_class, ScSyncWindow, error_advice);
  gtk_widget_class_bind_template_child (widget_class, ScSyncWindow, error_detail);
  gtk_widget_class_bind_template_child (widget_class, ScSyncWindow, sent_group);
  gtk_widget_class_bind_template_child (widget_class, ScSyncWindow, received_group);
  gtk_widget_class_bind_template_child (widget_class, ScSyncWindow, problems_group);
  gtk_widget_class_bind_template_callback (widget_class, sync_cb);
  gtk_widget_class_bind_template_callback (widget_class, cancel_cb);
  gtk_widget_class_bind_template_callback (widget_class, url_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, ca_choose_cb);
  gtk_widget_class_bind_template_callback (widget_class, ca_clear_cb);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
sc_sync_window_init (ScSyncWindow *self)
{
  self->result_rows = g_ptr_array_new ();
  self->settings = g_settings_new (APP_ID);
  gtk_widget_init_template (GTK_WIDGET (self));
}
