/* sc-unlock-page.c: asks for the passphrase and opens the store
 *
 * Copyright 2026 The Scrutineer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Key derivation (Argon2id, about a second) runs in a worker thread; opening
 * the database with the derived key is quick and stays on the main thread,
 * which then owns the store. The passphrase leaves the entry for guarded
 * memory as soon as it is submitted.
 *
 * "Forgot Passphrase?" leads to two more steps: the recovery code (its key
 * derivation in a worker thread too), then a new passphrase typed twice;
 * the key is re-wrapped under it (again in a worker thread) before the
 * store is handed over. Leaving either step closes what was opened.
 */
#include <glib/gi18n.h>
#include <math.h>
#include <stdio.h>

#include "sc-accessible.h"
#include "sc-passphrase-entry.h"
#include "sc-unlock-page.h"

struct _ScUnlockPage
{
  GtkWidget parent_instance;

  AdwWindowTitle *window_title;
  GtkMenuButton *menu_button;
  GtkWidget *entry_list;
  AdwPasswordEntryRow *passphrase_row;
  GtkLabel *error_label;
  GtkButton *unlock_button;
  GtkSpinner *spinner;
  GtkWidget *demo_box;
  AdwStatusPage *status_page;
  GtkStack *stack;
  GtkWidget *forgot_button;
  AdwPasswordEntryRow *recovery_row;
  GtkLabel *recovery_error_label;
  GtkWidget *recovery_back_button;
  GtkWidget *recover_button;
  GtkSpinner *recovery_spinner;
  ScPassphraseEntry *new_passphrase_entry;
  GtkLabel *new_error_label;
  GtkWidget *new_back_button;
  GtkWidget *set_passphrase_button;
  GtkSpinner *new_spinner;

  char *dir;
  ScSecret *demo_passphrase;
  ScStore *store;
  GCancellable *cancellable;
  AdwAnimation *shake;
  gboolean busy;
};

G_DEFINE_FINAL_TYPE (ScUnlockPage, sc_unlock_page, GTK_TYPE_WIDGET)

enum
{
  PROP_0,
  PROP_MENU_MODEL,
  N_PROPS
};

enum
{
  UNLOCKED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

#define ENTRY_MARGIN 12
#define SHAKE_DISTANCE 10.0

typedef struct
{
  char *dir;
  ScSecret *passphrase; /* or the recovery code */
  gboolean recovery;
} UnlockData;

static void
unlock_data_free (UnlockData *data)
{
  g_free (data->dir);
  sc_secret_free (data->passphrase);
  g_free (data);
}

static void
set_busy (ScUnlockPage *self,
          gboolean      busy)
{
  self->busy = busy;
  /* Not insensitive: the entry keeps the focus, so a keyboard user stays
   * where they were if the passphrase was wrong. */
  gtk_editable_set_editable (GTK_EDITABLE (self->passphrase_row), !busy);
  gtk_widget_set_sensitive (self->demo_box, !busy);
  gtk_widget_set_sensitive (self->forgot_button, !busy);
  gtk_widget_set_sensitive (GTK_WIDGET (self->unlock_button),
                            !busy && *gtk_editable_get_text (GTK_EDITABLE (self->passphrase_row)));
  gtk_button_set_label (self->unlock_button, busy ? _("Unlocking…") : _("_Unlock"));
  gtk_widget_set_visible (GTK_WIDGET (self->spinner), busy);
  gtk_spinner_set_spinning (self->spinner, busy);
}

/* WRONG_ENTRY marks the entry too, when what was typed is the problem. */
static void
show_error (ScUnlockPage *self,
            const char   *message,
            gboolean      wrong_entry)
{
  gtk_label_set_label (self->error_label, message);
  gtk_widget_set_visible (GTK_WIDGET (self->error_label), message != NULL);
  if (wrong_entry)
    gtk_widget_add_css_class (GTK_WIDGET (self->passphrase_row), "error");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self->passphrase_row), "error");
}

static void
shake_cb (double   value,
          gpointer user_data)
{
  ScUnlockPage *self = user_data;
  /* Three swings that die away, as GNOME's own password prompts do. */
  int offset = (int) round (sin (value * G_PI * 6) * SHAKE_DISTANCE * (1 - value));

  gtk_widget_set_margin_start (self->entry_list, ENTRY_MARGIN + offset);
  gtk_widget_set_margin_end (self->entry_list, ENTRY_MARGIN - offset);
}

static const char *
describe_error (const GError *error)
{
  if (g_error_matches (error, SC_STORE_ERROR, SC_STORE_ERROR_WRONG_PASSPHRASE))
    return _("Wrong passphrase. Check Caps Lock and the keyboard layout, then try again.");
  if (g_error_matches (error, SC_STORE_ERROR, SC_STORE_ERROR_ALREADY_OPEN))
    return _("This store is already open in another Scrutineer program. Close that one "
             "first, then unlock it here.");
  return error->message;
}

static void
derive_thread (GTask        *task,
               gpointer      source_object,
               gpointer      task_data,
               GCancellable *cancellable)
{
  UnlockData *data = task_data;
  GError *error = NULL;
  ScSecret *key = data->recovery
                    ? sc_store_derive_key_with_recovery (data->dir, data->passphrase, &error)
                    : sc_store_derive_key (data->dir, data->passphrase, &error);

  if (key == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, key, (GDestroyNotify) sc_secret_free);
}

static void
derive_cb (GObject      *source_object,
           GAsyncResult *result,
           gpointer      user_data)
{
  ScUnlockPage *self = SC_UNLOCK_PAGE (source_object);
  g_autoptr (ScSecret) key = NULL;
  g_autoptr (GError) error = NULL;

  key = g_task_propagate_pointer (G_TASK (result), &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  set_busy (self, FALSE);
  if (key != NULL)
    self->store = sc_store_open_with_key (self->dir, key, &error);
  if (self->store == NULL)
    {
      gboolean wrong = g_error_matches (error, SC_STORE_ERROR, SC_STORE_ERROR_WRONG_PASSPHRASE);

      show_error (self, describe_error (error), wrong);
      if (wrong)
        adw_animation_play (self->shake);
      gtk_widget_grab_focus (GTK_WIDGET (self->passphrase_row));
      return;
    }

  show_error (self, NULL, FALSE);
  g_signal_emit (self, signals[UNLOCKED], 0);
}

/* Takes PASSPHRASE. */
/* Derives the store's key from SECRET (taken) in a worker thread. */
static void
derive_in_thread (ScUnlockPage       *self,
                  ScSecret           *secret,
                  gboolean            recovery,
                  GAsyncReadyCallback done)
{
  g_autoptr (GTask) task = NULL;
  UnlockData *data = g_new0 (UnlockData, 1);

  data->dir = g_strdup (self->dir);
  data->passphrase = secret;
  data->recovery = recovery;
  task = g_task_new (self, self->cancellable, done, NULL);
  g_task_set_source_tag (task, derive_in_thread);
  g_task_set_task_data (task, data, (GDestroyNotify) unlock_data_free);
  g_task_run_in_thread (task, derive_thread);
}

static void
unlock_with (ScUnlockPage *self,
             ScSecret     *passphrase)
{
  set_busy (self, TRUE);
  derive_in_thread (self, passphrase, FALSE, derive_cb);
}

static void
unlock_cb (ScUnlockPage *self)
{
  GtkEditable *editable = GTK_EDITABLE (self->passphrase_row);
  const char *text = gtk_editable_get_text (editable);

  if (self->busy || self->dir == NULL || *text == '\0')
    return;

  unlock_with (self, sc_secret_new_from_text (text, -1));
  gtk_editable_set_text (editable, "");
}

static void
unlock_demo_cb (ScUnlockPage *self)
{
  if (self->busy || self->dir == NULL || self->demo_passphrase == NULL)
    return;

  gtk_editable_set_text (GTK_EDITABLE (self->passphrase_row), "");
  unlock_with (self, sc_secret_copy (self->demo_passphrase));
}

static void
passphrase_changed_cb (ScUnlockPage *self)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (self->passphrase_row));

  gtk_widget_set_sensitive (GTK_WIDGET (self->unlock_button), !self->busy && *text != '\0');
  /* The error stays until the next try, but the entry is no longer wrong. */
  if (*text != '\0')
    gtk_widget_remove_css_class (GTK_WIDGET (self->passphrase_row), "error");
}

/* Unlocking with the recovery code */

static void
show_step (ScUnlockPage *self,
           const char   *step)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  GtkWidget *shown = gtk_stack_get_child_by_name (self->stack, step);

  /* An entry hidden while it has the focus never hears it lost it. */
  if (root != NULL)
    gtk_root_set_focus (root, NULL);

  /* Steps not shown are hidden, so screen readers (and tests) find only this one. */
  gtk_widget_set_visible (shown, TRUE);
  gtk_stack_set_visible_child (self->stack, shown);
  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (self->stack)); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    gtk_widget_set_visible (child, child == shown);
  if (g_str_equal (step, "recovery"))
    {
      adw_status_page_set_title (self->status_page, _("Unlock with the Recovery Code"));
      adw_status_page_set_description (self->status_page,
                                       _("Type the recovery code you kept when the store was "
                                         "created. Then choose a new passphrase."));
      gtk_widget_grab_focus (GTK_WIDGET (self->recovery_row));
    }
  else if (g_str_equal (step, "new-passphrase"))
    {
      adw_status_page_set_title (self->status_page, _("Choose a New Passphrase"));
      adw_status_page_set_description (self->status_page,
                                       _("The recovery code is right. The new passphrase "
                                         "replaces the one you forgot; the recovery code stays "
                                         "as it is."));
      gtk_widget_grab_focus (GTK_WIDGET (self->new_passphrase_entry));
    }
  else
    {
      adw_status_page_set_title (self->status_page, _("Scrutineer Is Locked"));
      adw_status_page_set_description (self->status_page,
                                       _("Type your passphrase to open the encrypted store."));
      gtk_widget_grab_focus (GTK_WIDGET (self->passphrase_row));
    }
}

static void
set_recovery_busy (ScUnlockPage *self,
                   gboolean      busy)
{
  const char *code = gtk_editable_get_text (GTK_EDITABLE (self->recovery_row));

  self->busy = busy;
  gtk_editable_set_editable (GTK_EDITABLE (self->recovery_row), !busy);
  gtk_widget_set_sensitive (self->recover_button, !busy && *code != '\0');
  gtk_widget_set_sensitive (self->recovery_back_button, !busy);
  gtk_button_set_label (GTK_BUTTON (self->recover_button),
                        busy ? _("Checking…") : _("_Continue"));
  gtk_widget_set_visible (GTK_WIDGET (self->recovery_spinner), busy);
  gtk_spinner_set_spinning (self->recovery_spinner, busy);
}

static void
set_new_busy (ScUnlockPage *self,
              gboolean      busy)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));

  /* An entry made insensitive while it has the focus never hears it lost it. */
  if (busy && root != NULL)
    gtk_root_set_focus (root, NULL);
  self->busy = busy;
  gtk_widget_set_sensitive (GTK_WIDGET (self->new_passphrase_entry), !busy);
  gtk_widget_set_sensitive (self->set_passphrase_button,
                            !busy &&
                              sc_passphrase_entry_get_acceptable (self->new_passphrase_entry));
  gtk_widget_set_sensitive (self->new_back_button, !busy);
  gtk_widget_set_visible (GTK_WIDGET (self->new_spinner), busy);
  gtk_spinner_set_spinning (self->new_spinner, busy);
}

static void
show_label_error (GtkLabel   *label,
                  const char *message)
{
  gtk_label_set_label (label, message != NULL ? message : "");
  gtk_widget_set_visible (GTK_WIDGET (label), message != NULL);
}

static void
forgot_cb (ScUnlockPage *self)
{
  if (self->busy || self->dir == NULL)
    return;
  gtk_editable_set_text (GTK_EDITABLE (self->passphrase_row), "");
  show_error (self, NULL, FALSE);
  gtk_editable_set_text (GTK_EDITABLE (self->recovery_row), "");
  show_label_error (self->recovery_error_label, NULL);
  gtk_widget_remove_css_class (GTK_WIDGET (self->recovery_row), "error");
  show_step (self, "recovery");
}

static void
back_cb (ScUnlockPage *self)
{
  if (self->busy)
    return;
  /* A store opened with the recovery code but given no new passphrase is closed again. */
  g_clear_pointer (&self->store, sc_store_close);
  gtk_editable_set_text (GTK_EDITABLE (self->recovery_row), "");
  sc_passphrase_entry_clear (self->new_passphrase_entry);
  show_step (self, "passphrase");
}

static void
recovery_changed_cb (ScUnlockPage *self)
{
  const char *code = gtk_editable_get_text (GTK_EDITABLE (self->recovery_row));

  gtk_widget_set_sensitive (self->recover_button, !self->busy && *code != '\0');
  if (*code != '\0')
    gtk_widget_remove_css_class (GTK_WIDGET (self->recovery_row), "error");
}

static void
recover_done_cb (GObject      *source_object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  ScUnlockPage *self = SC_UNLOCK_PAGE (source_object);
  g_autoptr (ScSecret) key = NULL;
  g_autoptr (GError) error = NULL;

  key = g_task_propagate_pointer (G_TASK (result), &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  set_recovery_busy (self, FALSE);
  if (key != NULL)
    self->store = sc_store_open_with_key (self->dir, key, &error);
  if (self->store == NULL)
    {
      gboolean wrong = g_error_matches (error, SC_STORE_ERROR, SC_STORE_ERROR_WRONG_PASSPHRASE);

      show_label_error (self->recovery_error_label,
                        wrong ? _("That is not this store’s recovery code. Check it against "
                                  "the copy you kept; letters and digits that look alike are "
                                  "read either way.")
                              : describe_error (error));
      if (wrong)
        gtk_widget_add_css_class (GTK_WIDGET (self->recovery_row), "error");
      gtk_widget_grab_focus (GTK_WIDGET (self->recovery_row));
      return;
    }
  gtk_editable_set_text (GTK_EDITABLE (self->recovery_row), "");
  show_label_error (self->recovery_error_label, NULL);
  sc_passphrase_entry_clear (self->new_passphrase_entry);
  show_label_error (self->new_error_label, NULL);
  show_step (self, "new-passphrase");
}

static void
recover_cb (ScUnlockPage *self)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (self->recovery_row));
  g_autoptr (ScSecret) typed = NULL;
  ScSecret *code;

  if (self->busy || self->dir == NULL || *text == '\0')
    return;
  typed = sc_secret_new_from_text (text, -1);
  code = sc_recovery_code_normalise (typed);
  if (code == NULL)
    {
      show_label_error (self->recovery_error_label,
                        _("A recovery code is 24 letters and digits in groups of four, "
                          "like ABCD-EFGH-…"));
      gtk_widget_add_css_class (GTK_WIDGET (self->recovery_row), "error");
      return;
    }

  set_recovery_busy (self, TRUE);
  derive_in_thread (self, code, TRUE, recover_done_cb);
}

static void
new_passphrase_changed_cb (ScUnlockPage *self)
{
  gtk_widget_set_sensitive (self->set_passphrase_button,
                            !self->busy &&
                              sc_passphrase_entry_get_acceptable (self->new_passphrase_entry));
}

/* The store is not touched by the main thread while this runs: it is handed
 * over only once the new passphrase is set. */
static void
rewrap_thread (GTask        *task,
               gpointer      source_object,
               gpointer      task_data,
               GCancellable *cancellable)
{
  ScUnlockPage *self = source_object;
  GError *error = NULL;

  if (sc_store_change_passphrase (self->store, task_data, &error))
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, error);
}

static void
rewrap_done_cb (GObject      *source_object,
                GAsyncResult *result,
                gpointer      user_data)
{
  ScUnlockPage *self = SC_UNLOCK_PAGE (source_object);
  g_autoptr (GError) error = NULL;

  if (!g_task_propagate_boolean (G_TASK (result), &error))
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        return;
      set_new_busy (self, FALSE);
      show_label_error (self->new_error_label, error->message);
      gtk_widget_grab_focus (GTK_WIDGET (self->new_passphrase_entry));
      return;
    }
  set_new_busy (self, FALSE);
  show_label_error (self->new_error_label, NULL);
  show_step (self, "passphrase");
  g_signal_emit (self, signals[UNLOCKED], 0);
}

static void
set_passphrase_cb (ScUnlockPage *self)
{
  g_autoptr (GTask) task = NULL;

  if (self->busy || self->store == NULL ||
      !sc_passphrase_entry_get_acceptable (self->new_passphrase_entry))
    return;
  task = g_task_new (self, self->cancellable, rewrap_done_cb, NULL);
  g_task_set_source_tag (task, set_passphrase_cb);
  g_task_set_task_data (task, sc_passphrase_entry_take_secret (self->new_passphrase_entry),
                        (GDestroyNotify) sc_secret_free);
  set_new_busy (self, TRUE);
  g_task_run_in_thread (task, rewrap_thread);
}

void
sc_unlock_page_set_dir (ScUnlockPage *self,
                        const char   *dir)
{
  g_return_if_fail (SC_IS_UNLOCK_PAGE (self));

  g_free (self->dir);
  self->dir = g_strdup (dir);
}

void
sc_unlock_page_set_demo_passphrase (ScUnlockPage   *self,
                                    const ScSecret *passphrase)
{
  g_return_if_fail (SC_IS_UNLOCK_PAGE (self));

  g_clear_pointer (&self->demo_passphrase, sc_secret_free);
  if (passphrase != NULL)
    self->demo_passphrase = sc_secret_copy (passphrase);
  gtk_widget_set_visible (self->demo_box, passphrase != NULL);
  /* Nobody kept the demo's recovery code. */
  gtk_widget_set_visible (self->forgot_button, passphrase == NULL);
}

void
sc_unlock_page_set_subtitle (ScUnlockPage *self,
                             const char   *subtitle)
{
  g_return_if_fail (SC_IS_UNLOCK_PAGE (self));

  adw_window_title_set_subtitle (self->window_title, subtitle != NULL ? subtitle : "");
}

void
sc_unlock_page_reset (ScUnlockPage *self)
{
  g_return_if_fail (SC_IS_UNLOCK_PAGE (self));

  if (self->busy)
    return; /* a recovery step is finishing; it hands the store over itself */
  g_clear_pointer (&self->store, sc_store_close);
  gtk_editable_set_text (GTK_EDITABLE (self->passphrase_row), "");
  gtk_editable_set_text (GTK_EDITABLE (self->recovery_row), "");
  sc_passphrase_entry_clear (self->new_passphrase_entry);
  show_error (self, NULL, FALSE);
  show_step (self, "passphrase");
}

ScStore *
sc_unlock_page_steal_store (ScUnlockPage *self)
{
  g_return_val_if_fail (SC_IS_UNLOCK_PAGE (self), NULL);

  return g_steal_pointer (&self->store);
}

/* Test hook (HACKING.md): with SCRUTINEER_STARTUP_PROBE=1, one line on
 * standard output once the page has been drawn for the first time. */
static void
probe_painted_cb (GdkFrameClock *clock,
                  ScUnlockPage  *self)
{
  g_signal_handlers_disconnect_by_func (clock, probe_painted_cb, self);
  g_print ("scrutineer-startup-probe: unlock-page\n");
  fflush (stdout);
}

static void
probe_map_cb (ScUnlockPage *self)
{
  static gboolean done;
  GdkFrameClock *clock = gtk_widget_get_frame_clock (GTK_WIDGET (self));

  if (done || clock == NULL)
    return;
  done = TRUE;
  g_signal_connect_object (clock, "after-paint", G_CALLBACK (probe_painted_cb), self, 0);
}

static void
sc_unlock_page_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  ScUnlockPage *self = SC_UNLOCK_PAGE (object);

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
sc_unlock_page_set_property (GObject      *object,
                             guint         prop_id,
                             const GValue *value,
                             GParamSpec   *pspec)
{
  ScUnlockPage *self = SC_UNLOCK_PAGE (object);

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
sc_unlock_page_dispose (GObject *object)
{
  ScUnlockPage *self = SC_UNLOCK_PAGE (object);
  GtkWidget *child;

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->shake);
  gtk_widget_dispose_template (GTK_WIDGET (self), SC_TYPE_UNLOCK_PAGE);
  /* Children the template did not name are still there. */
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);

  G_OBJECT_CLASS (sc_unlock_page_parent_class)->dispose (object);
}

static void
sc_unlock_page_finalize (GObject *object)
{
  ScUnlockPage *self = SC_UNLOCK_PAGE (object);

  g_clear_pointer (&self->store, sc_store_close);
  g_clear_pointer (&self->demo_passphrase, sc_secret_free);
  g_clear_object (&self->cancellable);
  g_free (self->dir);

  G_OBJECT_CLASS (sc_unlock_page_parent_class)->finalize (object);
}

static gboolean
sc_unlock_page_grab_focus (GtkWidget *widget)
{
  ScUnlockPage *self = SC_UNLOCK_PAGE (widget);
  const char *step = gtk_stack_get_visible_child_name (self->stack);

  if (g_strcmp0 (step, "recovery") == 0)
    return gtk_widget_grab_focus (GTK_WIDGET (self->recovery_row));
  if (g_strcmp0 (step, "new-passphrase") == 0)
    return gtk_widget_grab_focus (GTK_WIDGET (self->new_passphrase_entry));
  return gtk_widget_grab_focus (GTK_WIDGET (self->passphrase_row));
}

static void
sc_unlock_page_class_init (ScUnlockPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->get_property = sc_unlock_page_get_property;
  object_class->set_property = sc_unlock_page_set_property;
  object_class->dispose = sc_unlock_page_dispose;
  object_class->finalize = sc_unlock_page_finalize;
  widget_class->grab_focus = sc_unlock_page_grab_focus;

  properties[PROP_MENU_MODEL] =
    g_param_spec_object ("menu-model", NULL, NULL, G_TYPE_MENU_MODEL,
                         G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * ScUnlockPage::unlocked:
   *
   * The store is open: take it with sc_unlock_page_steal_store().
   */
  signals[UNLOCKED] = g_signal_new ("unlocked", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                                    NULL, NULL, NULL, G_TYPE_NONE, 0);

  g_type_ensure (SC_TYPE_PASSPHRASE_ENTRY);
  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_BASE "/sc-unlock-page.ui");
  gtk_widget_class_bind_template_child (widget_class, ScUnlockPage, window_title);
  gtk_widget_class_bind_template_child (widget_class, ScUnlockPage, menu_button);
  gtk_widget_class_bind_template_child (widget_class, ScUnlockPage, entry_list);
  gtk_widget_class_bind_template_child (widget_class, ScUnlockPage, passphrase_row);
  gtk_widget_class_bind_template_child (widget_class, ScUnlockPage, error_label);
  gtk_widget_class_bind_template_child (widget_class, ScUnlockPage, unlock_button);
  gtk_widget_class_bind_template_child (widget_class, ScUnlockPage, spinner);
  gtk_widget_class_bind_template_child (widget_class, ScUnlockPage, demo_box);
  gtk_widget_class_bind_template_child (widget_class, ScUnlockPage, status_page);
  gtk_widget_class_bind_template_child (widget_class, ScUnlockPage, stack);
  gtk_widget_class_bind_template_child (widget_class, ScUnlockPage, forgot_button);
  gtk_widget_class_bind_template_child (widget_class, ScUnlockPage, recovery_row);
  gtk_widget_class_bind_template_child (widget_class, ScUnlockPage, recovery_error_label);
  gtk_widget_class_bind_template_child (widget_class, ScUnlockPage, recovery_back_button);
  gtk_widget_class_bind_template_child (widget_class, ScUnlockPage, recover_button);
  gtk_widget_class_bind_template_child (widget_class, ScUnlockPage, recovery_spinner);
  gtk_widget_class_bind_template_child (widget_class, ScUnlockPage, new_passphrase_entry);
  gtk_widget_class_bind_template_child (widget_class, ScUnlockPage, new_error_label);
  gtk_widget_class_bind_template_child (widget_class, ScUnlockPage, new_back_button);
  gtk_widget_class_bind_template_child (widget_class, ScUnlockPage, set_passphrase_button);
  gtk_widget_class_bind_template_child (widget_class, ScUnlockPage, new_spinner);
  gtk_widget_class_bind_template_callback (widget_class, unlock_cb);
  gtk_widget_class_bind_template_callback (widget_class, unlock_demo_cb);
  gtk_widget_class_bind_template_callback (widget_class, passphrase_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, forgot_cb);
  gtk_widget_class_bind_template_callback (widget_class, back_cb);
  gtk_widget_class_bind_template_callback (widget_class, recover_cb);
  gtk_widget_class_bind_template_callback (widget_class, recovery_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, new_passphrase_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, set_passphrase_cb);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BOX_LAYOUT);
}

static void
sc_unlock_page_init (ScUnlockPage *self)
{
  GtkLayoutManager *layout;

  gtk_widget_init_template (GTK_WIDGET (self));
  layout = gtk_widget_get_layout_manager (GTK_WIDGET (self));
  gtk_orientable_set_orientation (GTK_ORIENTABLE (layout), GTK_ORIENTATION_VERTICAL);

  sc_accessible_name_peek_button (self->passphrase_row);
  sc_accessible_name_peek_button (self->recovery_row);
  sc_passphrase_entry_set_titles (self->new_passphrase_entry, _("New passphrase"),
                                  _("Repeat new passphrase"));
  show_step (self, "passphrase");
  self->cancellable = g_cancellable_new ();
  self->shake = adw_timed_animation_new (GTK_WIDGET (self->entry_list), 0, 1, 450,
                                         adw_callback_animation_target_new (shake_cb, self, NULL));
  adw_timed_animation_set_easing (ADW_TIMED_ANIMATION (self->shake), ADW_LINEAR);
  if (g_strcmp0 (g_getenv ("SCRUTINEER_STARTUP_PROBE"), "1") == 0)
    g_signal_connect (self, "map", G_CALLBACK (probe_map_cb), NULL);
}
