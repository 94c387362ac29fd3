/* sc-unlock-page.c: asks for the passphrase and opens the store
 *
 * Copyright 2026 The Scrutineer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Key derivation (Argon2id, about a second) runs in a worker thread; opening
 * the database with the derived key is quick and stays on the main thread,
 * which then owns the store. The passphrase leaves the entry for guarded
 * memory as soon as it is submitted.
 */
#include <glib/gi18n.h>
#include <math.h>

#include "sc-accessible.h"
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
  ScSecret *passphrase;
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
  ScSecret *key = sc_store_derive_key (data->dir, data->passphrase, &error);

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
static void
unlock_with (ScUnlockPage *self,
             ScSecret     *passphrase)
{
  g_autoptr (GTask) task = NULL;
  UnlockData *data = g_new0 (UnlockData, 1);

  data->dir = g_strdup (self->dir);
  data->passphrase = passphrase;

  set_busy (self, TRUE);
  task = g_task_new (self, self->cancellable, derive_cb, NULL);
  g_task_set_source_tag (task, unlock_with);
  g_task_set_task_data (task, data, (GDestroyNotify) unlock_data_free);
  g_task_run_in_thread (task, derive_thread);
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

  gtk_editable_set_text (GTK_EDITABLE (self->passphrase_row), "");
  show_error (self, NULL, FALSE);
  gtk_widget_grab_focus (GTK_WIDGET (self->passphrase_row));
}

ScStore *
sc_unlock_page_steal_store (ScUnlockPage *self)
{
  g_return_val_if_fail (SC_IS_UNLOCK_PAGE (self), NULL);

  return g_steal_pointer (&self->store);
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
  return gtk_widget_grab_focus (GTK_WIDGET (SC_UNLOCK_PAGE (widget)->passphrase_row));
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

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_BASE "/sc-unlock-page.ui");
  gtk_widget_class_bind_template_child (widget_class, ScUnlockPage, window_title);
  gtk_widget_class_bind_template_child (widget_class, ScUnlockPage, menu_button);
  gtk_widget_class_bind_template_child (widget_class, ScUnlockPage, entry_list);
  gtk_widget_class_bind_template_child (widget_class, ScUnlockPage, passphrase_row);
  gtk_widget_class_bind_template_child (widget_class, ScUnlockPage, error_label);
  gtk_widget_class_bind_template_child (widget_class, ScUnlockPage, unlock_button);
  gtk_widget_class_bind_template_child (widget_class, ScUnlockPage, spinner);
  gtk_widget_class_bind_template_child (widget_class, ScUnlockPage, demo_box);
  gtk_widget_class_bind_template_callback (widget_class, unlock_cb);
  gtk_widget_class_bind_template_callback (widget_class, unlock_demo_cb);
  gtk_widget_class_bind_template_callback (widget_class, passphrase_changed_cb);

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
  self->cancellable = g_cancellable_new ();
  self->shake = adw_timed_animation_new (GTK_WIDGET (self->entry_list), 0, 1, 450,
                                         adw_callback_animation_target_new (shake_cb, self, NULL));
  adw_timed_animation_set_easing (ADW_TIMED_ANIMATION (self->shake), ADW_LINEAR);
}
