/* sc-bundles-window.c: identity, enrolment, bundles out and in, conflicts
 *
 * Copyright 2026 The Scrutineer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Four pages over the store the main window lends: this device's identity
 * and the devices enrolled here; exporting a bundle for chosen recipients
 * (then queued in the outbox for the next sync); importing one, in a thread
 * with a progress bar, ending in a summary or the check that failed; and the
 * conflicts merging kept, for the lead to settle. Imports and exports run on
 * a worker thread while this modal window blocks the main one, and the main
 * window does not lock while one runs, so the store has one user at a time.
 */
#include <glib/gi18n.h>
#include <string.h>

#include "sc-bundle.h"
#include "sc-bundles-window.h"
#include "sc-identity.h"
#include "sc-model.h"
#include "sc-roles.h"
#include "sc-store-conflicts.h"
#include "sc-sync.h"

struct _ScBundlesWindow
{
  AdwWindow parent_instance;

  AdwToastOverlay      *toast_overlay;
  AdwViewStack         *view_stack;
  GtkLabel             *fingerprint_label;
  AdwActionRow         *self_row;
  AdwPreferencesGroup  *devices_group;
  AdwPreferencesGroup  *kind_group;
  AdwComboRow          *kind_row;
  AdwComboRow          *inspection_row;
  AdwPreferencesGroup  *recipients_group;
  GtkWidget            *export_button;
  GtkStack             *import_stack;
  AdwStatusPage        *running_page;
  GtkProgressBar       *import_progress;
  GtkProgressBar       *export_progress;
  GtkProgressBar       *progress; /* the one of the job running */
  AdwPreferencesGroup  *summary_group;
  GtkLabel             *new_label;
  GtkLabel             *updated_label;
  GtkLabel             *conflicts_label;
  AdwStatusPage        *failed_page;
  AdwViewStackPage     *conflicts_stack_page;
  GtkStack             *conflicts_stack;
  AdwPreferencesPage   *conflicts_page;

  ScStore   *store;          /* borrowed from the main window */
  char      *owner_role;
  GPtrArray *device_rows;    /* GtkWidget*, in devices_group */
  GPtrArray *recipient_rows; /* GtkWidget*, in recipients_group */
  GPtrArray *recipients;     /* ScDeviceEntry*, one per recipient row */
  GPtrArray *inspections;    /* ScInspection*, as in inspection_row */
  GPtrArray *conflict_groups;
  GArray    *kinds;          /* ScBundleKind, as in kind_row */
  GtkFileChooserNative *chooser;
  gboolean   busy;
  /* The running job's progress, written by the worker, shown by an idle. */
  gint       progress_permille;
};

G_DEFINE_FINAL_TYPE (ScBundlesWindow, sc_bundles_window, ADW_TYPE_WINDOW)

enum
{
  SIGNAL_STORE_CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

enum
{
  PROP_0,
  PROP_BUSY,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
toast (ScBundlesWindow *self,
       const char      *message)
{
  AdwToast *toast = adw_toast_new (message);

  adw_toast_set_timeout (toast, 8);
  adw_toast_overlay_add_toast (self->toast_overlay, toast);
}

static void
show_error (ScBundlesWindow *self,
            const char      *heading,
            const char      *message)
{
  GtkWidget *dialog = adw_message_dialog_new (GTK_WINDOW (self), heading, message);

  adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "close", _("_Close"));
  gtk_window_present (GTK_WINDOW (dialog));
}

static const char *
role_label (const char *role)
{
  if (g_strcmp0 (role, "central") == 0)
    return _("Central store");
  return sc_roles_get_label (role);
}

static gboolean
is_lead (ScBundlesWindow *self)
{
  return g_strcmp0 (self->owner_role, "lead") == 0 ||
         g_strcmp0 (self->owner_role, "deputy") == 0;
}

static void
set_busy (ScBundlesWindow *self,
          gboolean         busy)
{
  self->busy = busy;
  gtk_widget_set_sensitive (self->export_button, !busy);
  gtk_window_set_deletable (GTK_WINDOW (self), !busy);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BUSY]);
}

/* Rows added in code, removed before the next fill. */
static void
clear_rows (AdwPreferencesGroup *group,
            GPtrArray           *rows)
{
  for (guint i = 0; i < rows->len; i++)
    adw_preferences_group_remove (group, g_ptr_array_index (rows, i));
  g_ptr_array_set_size (rows, 0);
}

static void
add_row (AdwPreferencesGroup *group,
         GPtrArray           *rows,
         GtkWidget           *row)
{
  adw_preferences_group_add (group, row);
  g_ptr_array_add (rows, row);
}

static void reload (ScBundlesWindow *self);

/* File choosers */

typedef void (*ChosenFunc) (ScBundlesWindow *self,
                            GFile           *file);

static void
chooser_response_cb (GtkNativeDialog *chooser,
                     int              response,
                     gpointer         user_data)
{
  ScBundlesWindow *self = user_data;
  ChosenFunc chosen = g_object_get_data (G_OBJECT (chooser), "chosen");
  g_autoptr (GFile) file = NULL;

  if (response == GTK_RESPONSE_ACCEPT)
    file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
  g_clear_object (&self->chooser);
  if (file != NULL)
    chosen (self, file);
}

static void
choose_file (ScBundlesWindow      *self,
             const char           *title,
             GtkFileChooserAction  action,
             const char           *accept,
             const char           *pattern,
             const char           *filter_name,
             const char           *suggested_name,
             ChosenFunc            chosen)
{
  g_autoptr (GtkFileFilter) filter = gtk_file_filter_new ();

  if (self->chooser != NULL)
    return;
  gtk_file_filter_set_name (filter, filter_name);
  gtk_file_filter_add_pattern (filter, pattern);
  self->chooser = gtk_file_chooser_native_new (title, GTK_WINDOW (self), action, accept,
                                               _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (self->chooser), TRUE);
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (self->chooser), filter);
  if (suggested_name != NULL)
    gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (self->chooser), suggested_name);
  g_object_set_data (G_OBJECT (self->chooser), "chosen", chosen);
  g_signal_connect (self->chooser, "response", G_CALLBACK (chooser_response_cb), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (self->chooser));
}

/* Identity */

static void
card_chosen (ScBundlesWindow *self,
             GFile           *file)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (ScIdentity) identity = sc_store_get_identity (self->store, &error);
  g_autofree char *path = g_file_get_path (file);
  g_autofree char *message = NULL;

  if (identity == NULL || path == NULL || !sc_identity_save (identity, path, &error))
    {
      show_error (self, _("Identity Card Not Saved"),
                  error != NULL ? error->message : _("Choose a file on this computer"));
      return;
    }
  message = g_strdup_printf (_("Saved your identity card as %s"), g_file_peek_path (file));
  toast (self, message);
}

static void
export_card_cb (ScBundlesWindow *self)
{
  g_autoptr (ScIdentity) identity = sc_store_get_identity (self->store, NULL);
  g_autofree char *name = g_strdup_printf ("%s.card", identity != NULL ? identity->name : "me");

  choose_file (self, _("Export Identity Card"), GTK_FILE_CHOOSER_ACTION_SAVE, _("_Save"),
               "*.card", _("Identity cards"), name, card_chosen);
}

typedef struct
{
  ScBundlesWindow *self;
  char *device;
} RevokeData;

static void
revoke_data_free (gpointer data)
{
  RevokeData *revoke = data;

  g_free (revoke->device);
  g_free (revoke);
}

static void
revoke_response_cb (AdwMessageDialog *dialog,
                    const char       *response,
                    RevokeData       *revoke)
{
  g_autoptr (GError) error = NULL;

  if (!g_str_equal (response, "revoke"))
    return;
  if (!sc_store_revoke_device (revoke->self->store, revoke->device, &error))
    show_error (revoke->self, _("Device Not Revoked"), error->message);
  reload (revoke->self);
}

static void
revoke_clicked_cb (GtkButton       *button,
                   ScBundlesWindow *self)
{
  const ScDeviceEntry *entry = g_object_get_data (G_OBJECT (button), "entry");
  g_autofree char *heading = g_strdup_printf (_("Revoke the Device of %s?"), entry->card->name);
  GtkWidget *dialog = adw_message_dialog_new (
    GTK_WINDOW (self), heading,
    _("Bundles from this device will be refused from now on, and new bundles will not be "
      "sealed to it. Do this for a lost or stolen computer. It cannot be undone: its owner "
      "would need a new store and a new identity card."));
  RevokeData *revoke = g_new0 (RevokeData, 1);

  revoke->self = self;
  revoke->device = g_strdup (entry->card->device_id);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog), "cancel", _("_Cancel"),
                                    "revoke", _("_Revoke"), NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "revoke",
                                              ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_signal_connect_data (dialog, "response", G_CALLBACK (revoke_response_cb), revoke,
                         (GClosureNotify) (void (*) (void)) revoke_data_free, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

static GtkWidget *
device_row (ScBundlesWindow     *self,
            const ScDeviceEntry *entry)
{
  GtkWidget *row = adw_action_row_new ();
  g_autofree char *subtitle = NULL;

  subtitle = g_strdup_printf ("%s · %s%s", role_label (entry->card->role), entry->fingerprint,
                              entry->revoked ? _(" · Revoked") : "");
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), entry->card->name);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  if (entry->revoked)
    gtk_widget_add_css_class (row, "dim-label");
  else
    {
      GtkWidget *button = gtk_button_new_with_mnemonic (_("_Revoke…"));
      g_autofree char *label = g_strdup_printf (_("Revoke the device of %s"), entry->card->name);

      gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
      gtk_widget_add_css_class (button, "destructive-action");
      gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                      label, -1);
      g_object_set_data (G_OBJECT (button), "entry", (gpointer) entry);
      g_signal_connect (button, "clicked", G_CALLBACK (revoke_clicked_cb), self);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), button);
    }
  return row;
}

static void
fill_identity (ScBundlesWindow *self,
               GPtrArray       *devices)
{
  guint shown = 0;

  clear_rows (self->devices_group, self->device_rows);
  for (guint i = 0; i < devices->len; i++)
    {
      ScDeviceEntry *entry = g_ptr_array_index (devices, i);

      if (entry->is_self)
        {
          g_autofree char *subtitle = g_strdup_printf (_("%s · this device, “%s”"),
                                                       role_label (self->owner_role),
                                                       entry->device_name);

          gtk_label_set_label (self->fingerprint_label, entry->fingerprint);
          adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->self_row), entry->card->name);
          adw_action_row_set_subtitle (self->self_row, subtitle);
          continue;
        }
      add_row (self->devices_group, self->device_rows, device_row (self, entry));
      shown++;
    }
  if (shown == 0)
    {
      GtkWidget *row = adw_action_row_new ();

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), _("No devices enrolled yet"));
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row),
                                   is_lead (self)
                                     ? _("Enrol the identity card of each member of your team.")
                                     : _("Enrol the identity card of your lead."));
      add_row (self->devices_group, self->device_rows, row);
    }
}

/* Enrolling */

typedef struct
{
  ScBundlesWindow *self;
  ScIdentity *card;
  GtkDropDown *role;
  GtkCheckButton *join;
  char *inspection;
} EnrolData;

static void
enrol_data_free (gpointer data)
{
  EnrolData *enrol = data;

  sc_identity_free (enrol->card);
  g_free (enrol->inspection);
  g_free (enrol);
}

static void
enrol_response_cb (AdwMessageDialog *dialog,
                   const char       *response,
                   EnrolData        *enrol)
{
  g_autoptr (GError) error = NULL;
  const char *role = sc_roles_get_id (gtk_drop_down_get_selected (enrol->role));
  gboolean joined = FALSE;
  gboolean ok;
  g_autofree char *message = NULL;

  if (!g_str_equal (response, "enrol"))
    return;
  if (enrol->join != NULL && gtk_check_button_get_active (enrol->join))
    ok = sc_store_enrol_for_inspection (enrol->self->store, enrol->card, role, enrol->inspection,
                                        NULL, &joined, &error);
  else
    ok = sc_store_enrol (enrol->self->store, enrol->card, role, NULL, &error);
  if (!ok)
    {
      show_error (enrol->self, _("Device Not Enrolled"), error->message);
      return;
    }
  message = joined ? g_strdup_printf (_("Enrolled %s and added them to the team"),
                                      enrol->card->name)
                   : g_strdup_printf (_("Enrolled %s"), enrol->card->name);
  toast (enrol->self, message);
  reload (enrol->self);
  g_signal_emit (enrol->self, signals[SIGNAL_STORE_CHANGED], 0);
}

static GtkWidget *
enrol_extra (EnrolData        *enrol,
             const char       *fingerprint,
             const ScInspection *inspection)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 12);
  GtkWidget *print = gtk_label_new (fingerprint);
  GtkWidget *role_box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  GtkWidget *role_label_widget = gtk_label_new_with_mnemonic (_("_Role"));
  g_autoptr (GtkStringList) roles = sc_roles_new_model ();

  gtk_label_set_selectable (GTK_LABEL (print), TRUE);
  gtk_widget_add_css_class (print, "title-2");
  gtk_widget_add_css_class (print, "fingerprint");
  gtk_box_append (GTK_BOX (box), print);
  enrol->role = GTK_DROP_DOWN (gtk_drop_down_new (G_LIST_MODEL (g_object_ref (roles)), NULL));
  gtk_drop_down_set_selected (enrol->role, sc_roles_get_position (enrol->card->role));
  gtk_widget_set_hexpand (GTK_WIDGET (enrol->role), TRUE);
  gtk_label_set_mnemonic_widget (GTK_LABEL (role_label_widget), GTK_WIDGET (enrol->role));
  gtk_accessible_update_relation (GTK_ACCESSIBLE (enrol->role),
                                  GTK_ACCESSIBLE_RELATION_LABELLED_BY, role_label_widget, NULL,
                                  -1);
  gtk_box_append (GTK_BOX (role_box), role_label_widget);
  gtk_box_append (GTK_BOX (role_box), GTK_WIDGET (enrol->role));
  gtk_box_append (GTK_BOX (box), role_box);
  if (inspection != NULL && enrol->card->member_id != NULL)
    {
      g_autofree char *label = g_strdup_printf (_("Add to the _team of “%s”"), inspection->title);

      enrol->join = GTK_CHECK_BUTTON (gtk_check_button_new_with_mnemonic (label));
      gtk_check_button_set_active (enrol->join, TRUE);
      enrol->inspection = g_strdup (inspection->id);
      gtk_box_append (GTK_BOX (box), GTK_WIDGET (enrol->join));
    }
  return box;
}

void
sc_bundles_window_enrol (ScBundlesWindow *self,
                         GFile           *file)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (ScIdentity) card = NULL;
  g_autoptr (ScInspection) inspection = NULL;
  g_autofree char *heading = NULL;
  g_autofree char *body = NULL;
  g_autofree char *fingerprint = NULL;
  g_autofree char *path = g_file_get_path (file);
  EnrolData *enrol;
  GtkWidget *dialog;

  g_return_if_fail (SC_IS_BUNDLES_WINDOW (self));

  adw_view_stack_set_visible_child_name (self->view_stack, "identity");
  card = path != NULL ? sc_identity_load (path, &error) : NULL;
  if (card == NULL)
    {
      show_error (self, _("Not an Identity Card"),
                  error != NULL ? error->message : _("Choose a file on this computer"));
      return;
    }
  if (is_lead (self))
    inspection = sc_store_find_inspection (self->store, NULL, NULL);
  fingerprint = sc_identity_fingerprint (card);
  heading = g_strdup_printf (_("Enrol %s?"), card->name);
  body = g_strdup_printf (_("Ask %s to read out the fingerprint their own device shows. Enrol "
                            "the card only if it is exactly the one below; if it differs, the "
                            "card is not theirs."),
                          card->name);
  dialog = adw_message_dialog_new (GTK_WINDOW (self), heading, body);
  enrol = g_new0 (EnrolData, 1);
  enrol->self = self;
  enrol->card = g_steal_pointer (&card);
  adw_message_dialog_set_extra_child (ADW_MESSAGE_DIALOG (dialog),
                                      enrol_extra (enrol, fingerprint, inspection));
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog), "cancel", _("_Cancel"),
                                    "enrol", _("Fingerprints Match, _Enrol"), NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "enrol",
                                              ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_signal_connect_data (dialog, "response", G_CALLBACK (enrol_response_cb), enrol,
                         (GClosureNotify) (void (*) (void)) enrol_data_free, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
enrol_cb (ScBundlesWindow *self)
{
  choose_file (self, _("Enrol a Device"), GTK_FILE_CHOOSER_ACTION_OPEN, _("_Open"), "*.card",
               _("Identity cards"), NULL, sc_bundles_window_enrol);
}

/* Export */

static const char *
kind_name (ScBundleKind kind)
{
  switch (kind)
    {
    case SC_BUNDLE_SETUP:
      return _("Setup, for the team");
    case SC_BUNDLE_MEMBER:
      return _("Member, for the lead");
    case SC_BUNDLE_TEAM:
    default:
      return _("Team, for the central store");
    }
}

static const char *
kind_description (ScBundleKind kind)
{
  switch (kind)
    {
    case SC_BUNDLE_SETUP:
      return _("The framework, inspection, team, records and allocation: what members need "
               "to start reading. No answers, so second readings stay blind.");
    case SC_BUNDLE_MEMBER:
      return _("Your readings, notes, evaluations and concerns, for the lead to merge.");
    case SC_BUNDLE_TEAM:
    default:
      return _("Everything in the inspection, for the central store's reports.");
    }
}

static ScBundleKind
selected_kind (ScBundlesWindow *self)
{
  guint selected = adw_combo_row_get_selected (self->kind_row);

  if (selected >= self->kinds->len)
    return SC_BUNDLE_MEMBER;
  return g_array_index (self->kinds, ScBundleKind, selected);
}

/* Ticks the recipients the kind is usually for. */
static void
kind_changed_cb (ScBundlesWindow *self)
{
  ScBundleKind kind = selected_kind (self);

  adw_preferences_group_set_description (self->kind_group, kind_description (kind));
  for (guint i = 0; i < self->recipient_rows->len; i++)
    {
      const ScDeviceEntry *entry = g_ptr_array_index (self->recipients, i);
      GtkCheckButton *check = g_object_get_data (g_ptr_array_index (self->recipient_rows, i),
                                                 "check");
      gboolean central = g_strcmp0 (entry->card->role, "central") == 0;
      gboolean lead = g_strcmp0 (entry->card->role, "lead") == 0;

      gtk_check_button_set_active (check, kind == SC_BUNDLE_TEAM     ? central
                                          : kind == SC_BUNDLE_MEMBER ? lead
                                                                     : !central);
    }
}

static void
fill_export (ScBundlesWindow *self,
             GPtrArray       *devices)
{
  g_autoptr (GtkStringList) kinds = gtk_string_list_new (NULL);
  g_autoptr (GtkStringList) titles = gtk_string_list_new (NULL);
  g_autoptr (GPtrArray) inspections = sc_store_list_inspections (self->store, NULL);
  ScBundleKind lead_kinds[] = { SC_BUNDLE_SETUP, SC_BUNDLE_TEAM };
  ScBundleKind member_kinds[] = { SC_BUNDLE_MEMBER };

  /* Setting the kinds ticks recipients: the old rows go first. */
  clear_rows (self->recipients_group, self->recipient_rows);
  g_ptr_array_set_size (self->recipients, 0);
  g_array_set_size (self->kinds, 0);
  if (is_lead (self))
    g_array_append_vals (self->kinds, lead_kinds, G_N_ELEMENTS (lead_kinds));
  else
    g_array_append_vals (self->kinds, member_kinds, G_N_ELEMENTS (member_kinds));
  for (guint i = 0; i < self->kinds->len; i++)
    gtk_string_list_append (kinds, kind_name (g_array_index (self->kinds, ScBundleKind, i)));
  adw_combo_row_set_model (self->kind_row, G_LIST_MODEL (kinds));

  g_clear_pointer (&self->inspections, g_ptr_array_unref);
  self->inspections = inspections != NULL ? g_ptr_array_ref (inspections) : NULL;
  for (guint i = 0; inspections != NULL && i < inspections->len; i++)
    gtk_string_list_append (titles, ((ScInspection *) g_ptr_array_index (inspections, i))->title);
  adw_combo_row_set_model (self->inspection_row, G_LIST_MODEL (titles));

  for (guint i = 0; i < devices->len; i++)
    {
      ScDeviceEntry *entry = g_ptr_array_index (devices, i);
      GtkWidget *row, *check;
      g_autofree char *subtitle = NULL;

      if (entry->is_self || entry->revoked)
        continue;
      row = adw_action_row_new ();
      check = gtk_check_button_new ();
      subtitle = g_strdup_printf ("%s · %s", role_label (entry->card->role), entry->fingerprint);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), entry->card->name);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
      adw_action_row_add_prefix (ADW_ACTION_ROW (row), check);
      adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), check);
      /* The row's title labels the check button (AdwActionRow does that). */
      g_object_set_data (G_OBJECT (row), "check", check);
      add_row (self->recipients_group, self->recipient_rows, row);
      g_ptr_array_add (self->recipients, entry);
    }
  gtk_widget_set_sensitive (self->export_button,
                            !self->busy && self->inspections != NULL &&
                              self->inspections->len > 0);
  kind_changed_cb (self);
}

/* Progress, for both directions */

static gboolean
show_progress (gpointer user_data)
{
  ScBundlesWindow *self = user_data;
  int permille = g_atomic_int_get (&self->progress_permille);

  gtk_progress_bar_set_fraction (self->progress, permille / 1000.0);
  return G_SOURCE_REMOVE;
}

/* From the worker thread. */
static void
progress_cb (guint64  done,
             guint64  total,
             gpointer user_data)
{
  ScBundlesWindow *self = user_data;
  int permille = total > 0 ? (int) (done * 1000 / total) : 0;

  if (g_atomic_int_get (&self->progress_permille) / 10 == permille / 10)
    return;
  g_atomic_int_set (&self->progress_permille, permille);
  g_main_context_invoke_full (NULL, G_PRIORITY_DEFAULT, show_progress, g_object_ref (self),
                              g_object_unref);
}

static void
start_progress (ScBundlesWindow *self,
                GtkProgressBar  *bar)
{
  self->progress = bar;
  g_atomic_int_set (&self->progress_permille, 0);
  gtk_progress_bar_set_fraction (bar, 0);
}

typedef struct
{
  ScBundleKind kind;
  char *inspection;
  GPtrArray *recipients; /* ScIdentity*, borrowed from the window's entries */
  char *path;
  guint64 n_rows;
  gboolean queued;
  char *queue_problem;
} ExportJob;

static void
export_job_free (gpointer data)
{
  ExportJob *job = data;

  g_free (job->inspection);
  g_ptr_array_unref (job->recipients);
  g_free (job->path);
  g_free (job->queue_problem);
  g_free (job);
}

static void
export_thread (GTask        *task,
               gpointer      source_object,
               gpointer      task_data,
               GCancellable *cancellable)
{
  ScBundlesWindow *self = source_object;
  ExportJob *job = task_data;
  GError *error = NULL;
  g_autoptr (GError) queue_error = NULL;

  if (!sc_bundle_export_with_progress (self->store, job->kind, job->inspection, job->recipients,
                                       job->path, progress_cb, self, &job->n_rows, &error))
    {
      g_task_return_error (task, error);
      return;
    }
  /* The next sync sends it; a bundle saved by hand is still good without that. */
  job->queued = sc_sync_outbox_add (self->store, job->path, &queue_error);
  if (!job->queued)
    job->queue_problem = g_strdup (queue_error->message);
  g_task_return_boolean (task, TRUE);
}

static void
export_done_cb (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  ScBundlesWindow *self = SC_BUNDLES_WINDOW (source);
  ExportJob *job = g_task_get_task_data (G_TASK (result));
  g_autoptr (GError) error = NULL;
  g_autofree char *message = NULL;
  g_autofree char *name = g_path_get_basename (job->path);

  set_busy (self, FALSE);
  gtk_widget_set_visible (GTK_WIDGET (self->export_progress), FALSE);
  if (!g_task_propagate_boolean (G_TASK (result), &error))
    {
      show_error (self, _("Bundle Not Exported"), error->message);
      return;
    }
  if (job->queued)
    message = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                            "Exported %s (%" G_GUINT64_FORMAT " row), also "
                                            "queued for the next sync",
                                            "Exported %s (%" G_GUINT64_FORMAT " rows), also "
                                            "queued for the next sync",
                                            job->n_rows),
                               name, job->n_rows);
  else
    message = g_strdup_printf (_("Exported %s, but it is not queued for the next sync: %s"),
                               name, job->queue_problem);
  toast (self, message);
}

static void
bundle_path_chosen (ScBundlesWindow *self,
                    GFile           *file)
{
  g_autoptr (GTask) task = NULL;
  ExportJob *job;
  guint inspection = adw_combo_row_get_selected (self->inspection_row);

  if (g_file_peek_path (file) == NULL || self->inspections == NULL ||
      inspection >= self->inspections->len)
    return;
  job = g_new0 (ExportJob, 1);
  job->kind = selected_kind (self);
  job->inspection = g_strdup (
    ((ScInspection *) g_ptr_array_index (self->inspections, inspection))->id);
  job->path = g_strdup (g_file_peek_path (file));
  job->recipients = g_ptr_array_new ();
  for (guint i = 0; i < self->recipient_rows->len; i++)
    {
      GtkCheckButton *check = g_object_get_data (g_ptr_array_index (self->recipient_rows, i),
                                                 "check");

      if (gtk_check_button_get_active (check))
        g_ptr_array_add (job->recipients,
                         ((ScDeviceEntry *) g_ptr_array_index (self->recipients, i))->card);
    }
  set_busy (self, TRUE);
  start_progress (self, self->export_progress);
  gtk_widget_set_visible (GTK_WIDGET (self->export_progress), TRUE);
  task = g_task_new (self, NULL, export_done_cb, NULL);
  g_task_set_task_data (task, job, export_job_free);
  g_task_run_in_thread (task, export_thread);
}

static void
export_bundle_cb (ScBundlesWindow *self)
{
  g_autofree char *name = g_strdup_printf ("%s.scrb",
                                           sc_bundle_kind_to_string (selected_kind (self)));
  gboolean any = FALSE;

  for (guint i = 0; i < self->recipient_rows->len; i++)
    any = any || gtk_check_button_get_active (
                   g_object_get_data (g_ptr_array_index (self->recipient_rows, i), "check"));
  if (!any)
    {
      show_error (self, _("No Recipients"),
                  _("Tick at least one enrolled device to send the bundle to. Enrol their "
                    "identity card on the Identity page first."));
      return;
    }
  choose_file (self, _("Export Bundle"), GTK_FILE_CHOOSER_ACTION_SAVE, _("_Save"), "*.scrb",
               _("Bundles"), name, bundle_path_chosen);
}

/* Import */

static void
import_result_free (gpointer data)
{
  ScBundleImport *result = data;

  sc_bundle_import_clear (result);
  g_free (result);
}

static void
import_thread (GTask        *task,
               gpointer      source_object,
               gpointer      task_data,
               GCancellable *cancellable)
{
  ScBundlesWindow *self = source_object;
  g_autofree ScBundleImport *result = g_new0 (ScBundleImport, 1);
  GError *error = NULL;

  if (!sc_bundle_import_with_progress (self->store, task_data, progress_cb, self, result,
                                       &error))
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, g_steal_pointer (&result), import_result_free);
}

static char *
sender_name (ScBundlesWindow *self,
             const char      *device)
{
  g_autoptr (GPtrArray) devices = sc_store_list_devices (self->store, TRUE, NULL);

  for (guint i = 0; devices != NULL && i < devices->len; i++)
    {
      ScDeviceEntry *entry = g_ptr_array_index (devices, i);

      if (g_str_equal (entry->card->device_id, device))
        return g_strdup (entry->card->name);
    }
  return g_strdup (device);
}

static void
show_summary (ScBundlesWindow      *self,
              const ScBundleImport *result)
{
  g_autofree char *from = sender_name (self, result->sender);
  g_autofree char *title = NULL;
  g_autofree char *n_new = g_strdup_printf ("%u", result->n_new);
  g_autofree char *n_updated = g_strdup_printf ("%u", result->n_updated);
  g_autofree char *n_conflicts = g_strdup_printf ("%u", result->n_conflicts);

  if (result->already_imported)
    title = g_strdup (_("Already Imported: Nothing Changed"));
  else
    /* Translators: e.g. "Imported the member bundle from Bob Reader" */
    title = g_strdup_printf (_("Imported the %s bundle from %s"),
                             sc_bundle_kind_to_string (result->kind), from);
  adw_preferences_group_set_title (self->summary_group, title);
  adw_preferences_group_set_description (
    self->summary_group,
    result->already_imported ? _("This bundle was imported before, so the store is as it was.")
                             : _("Every check passed and all of it was applied."));
  gtk_label_set_label (self->new_label, n_new);
  gtk_label_set_label (self->updated_label, n_updated);
  gtk_label_set_label (self->conflicts_label, n_conflicts);
  gtk_stack_set_visible_child_name (self->import_stack, "done");
}

static void
import_done_cb (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  ScBundlesWindow *self = SC_BUNDLES_WINDOW (source);
  g_autoptr (GError) error = NULL;
  ScBundleImport *import = g_task_propagate_pointer (G_TASK (result), &error);

  set_busy (self, FALSE);
  if (import == NULL)
    {
      adw_status_page_set_description (self->failed_page, error->message);
      gtk_stack_set_visible_child_name (self->import_stack, "failed");
      return;
    }
  show_summary (self, import);
  import_result_free (import);
  reload (self);
  g_signal_emit (self, signals[SIGNAL_STORE_CHANGED], 0);
}

void
sc_bundles_window_import (ScBundlesWindow *self,
                          GFile           *file)
{
  g_autoptr (GTask) task = NULL;
  g_autofree char *description = NULL;
  const char *path = g_file_peek_path (file);

  g_return_if_fail (SC_IS_BUNDLES_WINDOW (self));

  adw_view_stack_set_visible_child_name (self->view_stack, "import");
  if (self->busy)
    return;
  if (path == NULL)
    {
      adw_status_page_set_description (self->failed_page, _("Choose a file on this computer."));
      gtk_stack_set_visible_child_name (self->import_stack, "failed");
      return;
    }
  description = g_file_get_basename (file);
  adw_status_page_set_description (self->running_page, description);
  start_progress (self, self->import_progress);
  gtk_stack_set_visible_child_name (self->import_stack, "running");
  set_busy (self, TRUE);
  task = g_task_new (self, NULL, import_done_cb, NULL);
  g_task_set_task_data (task, g_strdup (path), g_free);
  g_task_run_in_thread (task, import_thread);
}

static void
choose_bundle_cb (ScBundlesWindow *self)
{
  choose_file (self, _("Import Bundle"), GTK_FILE_CHOOSER_ACTION_OPEN, _("_Import"), "*.scrb",
               _("Bundles"), NULL, sc_bundles_window_import);
}

/* Conflicts */

static void
resolve_clicked_cb (GtkButton       *button,
                    ScBundlesWindow *self)
{
  const char *id = g_object_get_data (G_OBJECT (button), "conflict");
  ScConflictChoice choice = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (button), "choice"));
  g_autoptr (GError) error = NULL;

  if (!sc_store_resolve_conflict (self->store, id, choice, &error))
    show_error (self, _("Conflict Not Settled"), error->message);
  else
    toast (self, choice == SC_CONFLICT_KEEP ? _("Kept the version in place")
                                            : _("Used the other version; it goes out with the "
                                                "next team bundle"));
  reload (self);
  g_signal_emit (self, signals[SIGNAL_STORE_CHANGED], 0);
}

/* "23 Nov 2026, 13:05" in local time, from the store's ISO 8601 times. */
static char *
format_when (const char *iso)
{
  g_autoptr (GDateTime) utc = iso != NULL ? g_date_time_new_from_iso8601 (iso, NULL) : NULL;
  g_autoptr (GDateTime) local = utc != NULL ? g_date_time_to_local (utc) : NULL;

  if (local == NULL)
    return g_strdup (iso != NULL ? iso : "");
  /* Translators: a date and time, see g_date_time_format() */
  return g_date_time_format (local, _("%e %b %Y, %H:%M"));
}

static GtkWidget *
version_row (ScBundlesWindow  *self,
             const ScConflict *conflict,
             gboolean          kept)
{
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *button;
  g_autofree char *title = NULL;
  g_autofree char *subtitle = NULL;
  g_autofree char *when = NULL;
  const char *value = kept ? conflict->kept_value : conflict->other_value;

  if (kept && value == NULL)
    title = g_strdup (_("In place: another row that clashes with it"));
  else
    title = g_strdup_printf (kept ? _("In place: %s") : _("Other: %s"), value);
  when = format_when (kept ? conflict->kept_when : conflict->other_when);
  subtitle = g_strdup_printf (_("by %s, %s"), kept ? conflict->kept_by : conflict->other_by,
                              g_strstrip (when));
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  if (!kept || value != NULL)
    adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  adw_action_row_set_title_lines (ADW_ACTION_ROW (row), 4);
  button = gtk_button_new_with_mnemonic (kept ? _("_Keep This") : _("_Use the Other"));
  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  gtk_widget_set_sensitive (button, kept || conflict->kept_value != NULL);
  g_object_set_data_full (G_OBJECT (button), "conflict", g_strdup (conflict->id), g_free);
  g_object_set_data (G_OBJECT (button), "choice",
                     GINT_TO_POINTER (kept ? SC_CONFLICT_KEEP : SC_CONFLICT_USE_OTHER));
  g_signal_connect (button, "clicked", G_CALLBACK (resolve_clicked_cb), self);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), button);
  return row;
}

static void
fill_conflicts (ScBundlesWindow *self)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) conflicts = sc_store_list_conflicts (self->store, FALSE, &error);

  for (guint i = 0; i < self->conflict_groups->len; i++)
    adw_preferences_page_remove (self->conflicts_page,
                                 g_ptr_array_index (self->conflict_groups, i));
  g_ptr_array_set_size (self->conflict_groups, 0);
  if (conflicts == NULL)
    {
      toast (self, error->message);
      return;
    }
  for (guint i = 0; i < conflicts->len; i++)
    {
      ScConflict *conflict = g_ptr_array_index (conflicts, i);
      GtkWidget *group = adw_preferences_group_new ();
      g_autofree char *found = format_when (conflict->detected_at);
      g_autofree char *description = g_strdup_printf (_("Changed on two devices; found %s"),
                                                      g_strstrip (found));

      adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (group), conflict->what);
      adw_preferences_group_set_description (ADW_PREFERENCES_GROUP (group), description);
      adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), version_row (self, conflict,
                                                                             TRUE));
      adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), version_row (self, conflict,
                                                                             FALSE));
      adw_preferences_page_add (self->conflicts_page, ADW_PREFERENCES_GROUP (group));
      g_ptr_array_add (self->conflict_groups, group);
    }
  gtk_stack_set_visible_child_name (self->conflicts_stack, conflicts->len > 0 ? "list"
                                                                               : "empty");
  adw_view_stack_page_set_needs_attention (self->conflicts_stack_page, conflicts->len > 0);
}

static void
show_conflicts_cb (ScBundlesWindow *self)
{
  adw_view_stack_set_visible_child_name (self->view_stack, "conflicts");
}

/* Everything from the store again */

static void
reload (ScBundlesWindow *self)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (ScIdentity) identity = sc_store_get_identity (self->store, &error);
  GPtrArray *devices;

  g_free (self->owner_role);
  self->owner_role = identity != NULL ? g_strdup (identity->role) : NULL;
  devices = sc_store_list_devices (self->store, FALSE, &error);
  if (devices == NULL)
    {
      toast (self, error->message);
      return;
    }
  fill_identity (self, devices);
  fill_export (self, devices);
  fill_conflicts (self);
  /* The rows and recipients point into the entries: kept until the next reload. */
  g_object_set_data_full (G_OBJECT (self), "devices", devices,
                          (GDestroyNotify) g_ptr_array_unref);
}

/* Public */

gboolean
sc_bundles_window_get_busy (ScBundlesWindow *self)
{
  g_return_val_if_fail (SC_IS_BUNDLES_WINDOW (self), FALSE);

  return self->busy;
}

ScExchangeFileKind
sc_exchange_file_kind (GFile *file)
{
  g_autoptr (GFileInputStream) stream = g_file_read (file, NULL, NULL);
  char head[1024] = { 0 };
  gsize n = 0;
  g_autofree char *name = g_file_get_basename (file);

  if (stream == NULL ||
      !g_input_stream_read_all (G_INPUT_STREAM (stream), head, sizeof head - 1, &n, NULL, NULL))
    return SC_EXCHANGE_FILE_OTHER;
  if (n >= 4 && memcmp (head, "SCRB", 4) == 0)
    return SC_EXCHANGE_FILE_BUNDLE;
  if (g_strstr_len (head, (gssize) n, "urn:scrutineer:identity:1") != NULL ||
      (name != NULL && g_str_has_suffix (name, ".card")))
    return SC_EXCHANGE_FILE_IDENTITY;
  return SC_EXCHANGE_FILE_OTHER;
}

GtkWidget *
sc_bundles_window_new (GtkWindow *parent,
                       ScStore   *store)
{
  ScBundlesWindow *self = g_object_new (SC_TYPE_BUNDLES_WINDOW, "transient-for", parent, NULL);

  self->store = store;
  reload (self);
  return GTK_WIDGET (self);
}

/* Lifetime */

static gboolean
sc_bundles_window_close_request (GtkWindow *window)
{
  ScBundlesWindow *self = SC_BUNDLES_WINDOW (window);

  /* The worker uses the store until it is done. */
  if (self->busy)
    return TRUE;
  return GTK_WINDOW_CLASS (sc_bundles_window_parent_class)->close_request (window);
}

static void
sc_bundles_window_get_property (GObject    *object,
                                guint       prop_id,
                                GValue     *value,
                                GParamSpec *pspec)
{
  ScBundlesWindow *self = SC_BUNDLES_WINDOW (object);

  switch (prop_id)
    {
    case PROP_BUSY:
      g_value_set_boolean (value, self->busy);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sc_bundles_window_dispose (GObject *object)
{
  ScBundlesWindow *self = SC_BUNDLES_WINDOW (object);

  if (self->chooser != NULL)
    gtk_native_dialog_destroy (GTK_NATIVE_DIALOG (self->chooser));
  g_clear_object (&self->chooser);
  gtk_widget_dispose_template (GTK_WIDGET (self), SC_TYPE_BUNDLES_WINDOW);

  G_OBJECT_CLASS (sc_bundles_window_parent_class)->dispose (object);
}

static void
sc_bundles_window_finalize (GObject *object)
{
  ScBundlesWindow *self = SC_BUNDLES_WINDOW (object);

  g_free (self->owner_role);
  g_ptr_array_unref (self->device_rows);
  g_ptr_array_unref (self->recipient_rows);
  g_ptr_array_unref (self->recipients);
  g_ptr_array_unref (self->conflict_groups);
  g_clear_pointer (&self->inspections, g_ptr_array_unref);
  g_array_unref (self->kinds);

  G_OBJECT_CLASS (sc_bundles_window_parent_class)->finalize (object);
}

static void
sc_bundles_window_class_init (ScBundlesWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->get_property = sc_bundles_window_get_property;
  object_class->dispose = sc_bundles_window_dispose;
  object_class->finalize = sc_bundles_window_finalize;
  window_class->close_request = sc_bundles_window_close_request;

  properties[PROP_BUSY] =
    g_param_spec_boolean ("busy", NULL, NULL, FALSE, G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  signals[SIGNAL_STORE_CHANGED] =
    g_signal_new ("store-changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL,
                  NULL, G_TYPE_NONE, 0);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_BASE "/sc-bundles-window.ui");
  gtk_widget_class_bind_template_child (widget_class, ScBundlesWindow, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, ScBundlesWindow, view_stack);
  gtk_widget_class_bind_template_child (widget_class, ScBundlesWindow, fingerprint_label);
  gtk_widget_class_bind_template_child (widget_class, ScBundlesWindow, self_row);
  gtk_widget_class_bind_template_child (widget_class, ScBundlesWindow, devices_group);
  gtk_widget_class_bind_template_child (widget_class, ScBundlesWindow, kind_group);
  gtk_widget_class_bind_template_child (widget_class, ScBundlesWindow, kind_row);
  gtk_widget_class_bind_template_child (widget_class, ScBundlesWindow, inspection_row);
  gtk_widget_class_bind_template_child (widget_class, ScBundlesWindow, recipients_group);
  gtk_widget_class_bind_template_child (widget_class, ScBundlesWindow, export_button);
  gtk_widget_class_bind_template_child (widget_class, ScBundlesWindow, import_stack);
  gtk_widget_class_bind_template_child (widget_class, ScBundlesWindow, running_page);
  gtk_widget_class_bind_template_child (widget_class, ScBundlesWindow, import_progress);
  gtk_widget_class_bind_template_child (widget_class, ScBundlesWindow, export_progress);
  gtk_widget_class_bind_template_child (widget_class, ScBundlesWindow, summary_group);
  gtk_widget_class_bind_template_child (widget_class, ScBundlesWindow, new_label);
  gtk_widget_class_bind_template_child (widget_class, ScBundlesWindow, updated_label);
  gtk_widget_class_bind_template_child (widget_class, ScBundlesWindow, conflicts_label);
  gtk_widget_class_bind_template_child (widget_class, ScBundlesWindow, failed_page);
  gtk_widget_class_bind_template_child (widget_class, ScBundlesWindow, conflicts_stack_page);
  gtk_widget_class_bind_template_child (widget_class, ScBundlesWindow, conflicts_stack);
  gtk_widget_class_bind_template_child (widget_class, ScBundlesWindow, conflicts_page);
  gtk_widget_class_bind_template_callback (widget_class, export_card_cb);
  gtk_widget_class_bind_template_callback (widget_class, enrol_cb);
  gtk_widget_class_bind_template_callback (widget_class, kind_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, export_bundle_cb);
  gtk_widget_class_bind_template_callback (widget_class, choose_bundle_cb);
  gtk_widget_class_bind_template_callback (widget_class, show_conflicts_cb);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
sc_bundles_window_init (ScBundlesWindow *self)
{
  self->device_rows = g_ptr_array_new ();
  self->recipient_rows = g_ptr_array_new ();
  self->recipients = g_ptr_array_new ();
  self->conflict_groups = g_ptr_array_new ();
  self->kinds = g_array_new (FALSE, FALSE, sizeof (ScBundleKind));
  gtk_widget_init_template (GTK_WIDGET (self));
}
