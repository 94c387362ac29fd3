/* sc-create-store-page.c: first run, creating the encrypted store
 *
 * Copyright 2026 The Scrutineer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Steps: who the owner is; the passphrase, twice, with feedback from the
 * same rules the store applies; the key derivation in a worker thread; then
 * the recovery code, which the user must say they have kept before going
 * on. The code is shown only on this page and wiped after.
 */
#include <glib/gi18n.h>
#include <string.h>

#include "sc-create-store-page.h"
#include "sc-keys.h"
#include "sc-passphrase-entry.h"
#include "sc-roles.h"

struct _ScCreateStorePage
{
  GtkWidget parent_instance;

  GtkMenuButton *menu_button;
  GtkWidget *back_button;
  AdwToastOverlay *toast_overlay;
  GtkStack *stack;
  AdwEntryRow *name_row;
  AdwComboRow *role_row;
  GtkButton *next_button;
  ScPassphraseEntry *passphrase_entry;
  GtkLabel *error_label;
  GtkButton *create_button;
  GtkSpinner *spinner;
  GtkLabel *code_label;
  GtkButton *copy_button;
  GtkCheckButton *kept_check;

  char *dir;
  ScStore *store;
  ScSecret *recovery_code;
  GCancellable *cancellable;
  GtkFileChooserNative *chooser;
  GdkContentProvider *copied;
  guint clear_clipboard_id;
};

G_DEFINE_FINAL_TYPE (ScCreateStorePage, sc_create_store_page, GTK_TYPE_WIDGET)

enum
{
  PROP_0,
  PROP_MENU_MODEL,
  N_PROPS
};

enum
{
  DONE,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

/* How long a copied recovery code stays on the clipboard. */
#define CLIPBOARD_SECONDS 60

typedef struct
{
  char *dir;
  ScSecret *passphrase;
  char *name;
  char *role;
} CreateData;

typedef struct
{
  ScStore *store;
  ScSecret *recovery_code;
} CreateResult;

static void
create_data_free (CreateData *data)
{
  g_free (data->dir);
  sc_secret_free (data->passphrase);
  g_free (data->name);
  g_free (data->role);
  g_free (data);
}

static void
create_result_free (CreateResult *result)
{
  g_clear_pointer (&result->store, sc_store_close);
  g_clear_pointer (&result->recovery_code, sc_secret_free);
  g_free (result);
}

/* Step one: the owner and the passphrase */

static char *
get_name (ScCreateStorePage *self)
{
  return g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->name_row))));
}

static void
update_feedback (ScCreateStorePage *self)
{
  g_autofree char *name = get_name (self);

  gtk_widget_set_sensitive (GTK_WIDGET (self->next_button), *name != '\0');
  gtk_widget_set_sensitive (GTK_WIDGET (self->create_button),
                            sc_passphrase_entry_get_acceptable (self->passphrase_entry) &&
                              *name != '\0');
}

/* Steps not shown are hidden, so that screen readers (and tests) find only
 * the step the user is on. */
static void
show_step (ScCreateStorePage *self,
           const char        *step)
{
  GtkWidget *shown = gtk_stack_get_child_by_name (self->stack, step);
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));

  /* An entry hidden while it has the focus never hears it lost it. */
  if (root != NULL)
    gtk_root_set_focus (root, NULL);
  gtk_widget_set_visible (shown, TRUE);
  gtk_stack_set_visible_child (self->stack, shown);
  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (self->stack)); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    gtk_widget_set_visible (child, child == shown);
  gtk_widget_set_visible (self->back_button, g_str_equal (step, "passphrase"));
  gtk_widget_grab_focus (GTK_WIDGET (self));
}

static void
next_cb (ScCreateStorePage *self)
{
  if (gtk_widget_get_sensitive (GTK_WIDGET (self->next_button)))
    show_step (self, "passphrase");
}

static void
back_cb (ScCreateStorePage *self)
{
  show_step (self, "welcome");
}

static void
show_error (ScCreateStorePage *self,
            const char        *message)
{
  gtk_label_set_label (self->error_label, message);
  gtk_widget_set_visible (GTK_WIDGET (self->error_label), message != NULL);
}

/* Step three: the recovery code */

static void
show_recovery_code (ScCreateStorePage *self)
{
  gtk_label_set_label (self->code_label, (const char *) self->recovery_code->data);
  gtk_check_button_set_active (self->kept_check, FALSE);
  show_step (self, "recovery");
}

static void
toast (ScCreateStorePage *self,
       const char        *message)
{
  AdwToast *toast = adw_toast_new (message);

  adw_toast_set_timeout (toast, 4);
  adw_toast_overlay_add_toast (self->toast_overlay, toast);
}

static gboolean
clear_clipboard_cb (gpointer user_data)
{
  ScCreateStorePage *self = user_data;
  GdkClipboard *clipboard = gtk_widget_get_clipboard (GTK_WIDGET (self));

  self->clear_clipboard_id = 0;
  /* Only if nothing was copied since. */
  if (self->copied != NULL && gdk_clipboard_get_content (clipboard) == self->copied)
    gdk_clipboard_set_content (clipboard, NULL);
  g_clear_object (&self->copied);
  return G_SOURCE_REMOVE;
}

static void
copy_cb (ScCreateStorePage *self)
{
  GdkClipboard *clipboard = gtk_widget_get_clipboard (GTK_WIDGET (self));
  g_autofree char *message = NULL;

  if (self->recovery_code == NULL)
    return;

  g_clear_object (&self->copied);
  self->copied = gdk_content_provider_new_typed (G_TYPE_STRING,
                                                 (const char *) self->recovery_code->data);
  gdk_clipboard_set_content (clipboard, self->copied);

  g_clear_handle_id (&self->clear_clipboard_id, g_source_remove);
  self->clear_clipboard_id = g_timeout_add_seconds (CLIPBOARD_SECONDS, clear_clipboard_cb, self);
  message = g_strdup_printf (ngettext ("Copied. The clipboard is cleared in %d second.",
                                       "Copied. The clipboard is cleared in %d seconds.",
                                       CLIPBOARD_SECONDS),
                             CLIPBOARD_SECONDS);
  toast (self, message);
}

static void
save_code_to (ScCreateStorePage *self,
              GFile             *file)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *name = g_file_get_basename (file);
  g_autofree char *message = NULL;
  char *contents = g_strdup_printf (_("Scrutineer recovery code\n\n%s\n\n"
                                      "It opens your Scrutineer store if the passphrase is "
                                      "forgotten. Keep it apart from the computer, somewhere "
                                      "locked.\n"),
                                    (const char *) self->recovery_code->data);
  gsize length = strlen (contents);
  gboolean saved;

  saved = g_file_replace_contents (file, contents, length, NULL, FALSE,
                                   G_FILE_CREATE_PRIVATE | G_FILE_CREATE_REPLACE_DESTINATION,
                                   NULL, NULL, &error);
  memset (contents, 0, length);
  g_free (contents);

  if (saved)
    message = g_strdup_printf (_("Saved to “%s”"), name);
  else
    message = g_strdup_printf (_("Could not save the recovery code: %s"), error->message);
  toast (self, message);
}

static void
chooser_response_cb (ScCreateStorePage    *self,
                     int                   response,
                     GtkFileChooserNative *chooser)
{
  if (response == GTK_RESPONSE_ACCEPT && self->recovery_code != NULL)
    {
      g_autoptr (GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));

      if (file != NULL)
        save_code_to (self, file);
    }

  gtk_native_dialog_destroy (GTK_NATIVE_DIALOG (chooser));
  g_clear_object (&self->chooser);
}

static void
save_cb (ScCreateStorePage *self)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));

  if (self->chooser != NULL || self->recovery_code == NULL)
    return;

  self->chooser = gtk_file_chooser_native_new (_("Save Recovery Code"),
                                               GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                               GTK_FILE_CHOOSER_ACTION_SAVE,
                                               _("_Save"), _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (self->chooser), TRUE);
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (self->chooser),
                                     /* Translators: a file name */
                                     _("scrutineer-recovery-code.txt"));
  g_signal_connect_object (self->chooser, "response", G_CALLBACK (chooser_response_cb), self,
                           G_CONNECT_SWAPPED);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (self->chooser));
}

static void
forget_recovery_code (ScCreateStorePage *self)
{
  gtk_label_set_label (self->code_label, "");
  g_clear_pointer (&self->recovery_code, sc_secret_free);
}

static void
done_cb (ScCreateStorePage *self)
{
  if (self->store == NULL || !gtk_check_button_get_active (self->kept_check))
    return;

  forget_recovery_code (self);
  g_signal_emit (self, signals[DONE], 0);
}

/* Step two: creating the store */

static void
create_thread (GTask        *task,
               gpointer      source_object,
               gpointer      task_data,
               GCancellable *cancellable)
{
  CreateData *data = task_data;
  CreateResult *result = g_new0 (CreateResult, 1);
  GError *error = NULL;

  result->store = sc_store_create (data->dir, data->passphrase, SC_KDF_MODERATE, data->name,
                                   data->role, &result->recovery_code, &error);
  if (result->store == NULL)
    {
      create_result_free (result);
      g_task_return_error (task, error);
      return;
    }
  g_task_return_pointer (task, result, (GDestroyNotify) create_result_free);
}

static void
create_done_cb (GObject      *source_object,
                GAsyncResult *res,
                gpointer      user_data)
{
  ScCreateStorePage *self = SC_CREATE_STORE_PAGE (source_object);
  g_autoptr (GError) error = NULL;
  CreateResult *result = g_task_propagate_pointer (G_TASK (res), &error);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  gtk_spinner_set_spinning (self->spinner, FALSE);
  if (result == NULL)
    {
      show_error (self, error->message);
      show_step (self, "passphrase");
      return;
    }

  self->store = g_steal_pointer (&result->store);
  self->recovery_code = g_steal_pointer (&result->recovery_code);
  create_result_free (result);
  show_recovery_code (self);
}

static void
create_cb (ScCreateStorePage *self)
{
  g_autoptr (GTask) task = NULL;
  CreateData *data;

  if (!gtk_widget_get_sensitive (GTK_WIDGET (self->create_button)) || self->dir == NULL)
    return;

  data = g_new0 (CreateData, 1);
  data->dir = g_strdup (self->dir);
  data->passphrase = sc_passphrase_entry_take_secret (self->passphrase_entry);
  data->name = get_name (self);
  data->role = g_strdup (sc_roles_get_id (adw_combo_row_get_selected (self->role_row)));

  show_error (self, NULL);
  show_step (self, "working");
  gtk_spinner_set_spinning (self->spinner, TRUE);

  task = g_task_new (self, self->cancellable, create_done_cb, NULL);
  g_task_set_source_tag (task, create_cb);
  g_task_set_task_data (task, data, (GDestroyNotify) create_data_free);
  g_task_run_in_thread (task, create_thread);
}

static char *
default_owner_name (void)
{
  const char *real = g_get_real_name ();

  if (real != NULL && *real != '\0' && !g_str_equal (real, "Unknown"))
    return g_strdup (real);
  return g_strdup ("");
}

void
sc_create_store_page_set_dir (ScCreateStorePage *self,
                              const char        *dir)
{
  g_autofree char *name = default_owner_name ();

  g_return_if_fail (SC_IS_CREATE_STORE_PAGE (self));

  g_free (self->dir);
  self->dir = g_strdup (dir);

  forget_recovery_code (self);
  g_clear_pointer (&self->store, sc_store_close);
  gtk_editable_set_text (GTK_EDITABLE (self->name_row), name);
  sc_passphrase_entry_clear (self->passphrase_entry);
  show_error (self, NULL);
  update_feedback (self);
  show_step (self, "welcome");
}

ScStore *
sc_create_store_page_steal_store (ScCreateStorePage *self)
{
  g_return_val_if_fail (SC_IS_CREATE_STORE_PAGE (self), NULL);

  return g_steal_pointer (&self->store);
}

static void
sc_create_store_page_get_property (GObject    *object,
                                   guint       prop_id,
                                   GValue     *value,
                                   GParamSpec *pspec)
{
  ScCreateStorePage *self = SC_CREATE_STORE_PAGE (object);

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
sc_create_store_page_set_property (GObject      *object,
                                   guint         prop_id,
                                   const GValue *value,
                                   GParamSpec   *pspec)
{
  ScCreateStorePage *self = SC_CREATE_STORE_PAGE (object);

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
sc_create_store_page_dispose (GObject *object)
{
  ScCreateStorePage *self = SC_CREATE_STORE_PAGE (object);
  GtkWidget *child;

  g_cancellable_cancel (self->cancellable);
  if (self->chooser != NULL)
    gtk_native_dialog_destroy (GTK_NATIVE_DIALOG (self->chooser));
  g_clear_object (&self->chooser);
  g_clear_handle_id (&self->clear_clipboard_id, g_source_remove);
  g_clear_object (&self->copied);
  gtk_widget_dispose_template (GTK_WIDGET (self), SC_TYPE_CREATE_STORE_PAGE);
  /* Children the template did not name are still there. */
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);

  G_OBJECT_CLASS (sc_create_store_page_parent_class)->dispose (object);
}

static void
sc_create_store_page_finalize (GObject *object)
{
  ScCreateStorePage *self = SC_CREATE_STORE_PAGE (object);

  g_clear_pointer (&self->store, sc_store_close);
  g_clear_pointer (&self->recovery_code, sc_secret_free);
  g_clear_object (&self->cancellable);
  g_free (self->dir);

  G_OBJECT_CLASS (sc_create_store_page_parent_class)->finalize (object);
}

static gboolean
sc_create_store_page_grab_focus (GtkWidget *widget)
{
  ScCreateStorePage *self = SC_CREATE_STORE_PAGE (widget);
  const char *step = gtk_stack_get_visible_child_name (self->stack);

  if (g_strcmp0 (step, "welcome") == 0)
    return gtk_widget_grab_focus (GTK_WIDGET (self->name_row));
  if (g_strcmp0 (step, "passphrase") == 0)
    return gtk_widget_grab_focus (GTK_WIDGET (self->passphrase_entry));
  if (g_strcmp0 (step, "recovery") == 0)
    return gtk_widget_grab_focus (GTK_WIDGET (self->copy_button));
  return FALSE;
}

static void
sc_create_store_page_class_init (ScCreateStorePageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->get_property = sc_create_store_page_get_property;
  object_class->set_property = sc_create_store_page_set_property;
  object_class->dispose = sc_create_store_page_dispose;
  object_class->finalize = sc_create_store_page_finalize;
  widget_class->grab_focus = sc_create_store_page_grab_focus;

  properties[PROP_MENU_MODEL] =
    g_param_spec_object ("menu-model", NULL, NULL, G_TYPE_MENU_MODEL,
                         G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * ScCreateStorePage::done:
   *
   * The store exists and the user has kept the recovery code: take the
   * store with sc_create_store_page_steal_store().
   */
  signals[DONE] = g_signal_new ("done", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL,
                                NULL, NULL, G_TYPE_NONE, 0);

  g_type_ensure (SC_TYPE_PASSPHRASE_ENTRY);
  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_BASE "/sc-create-store-page.ui");
  gtk_widget_class_bind_template_child (widget_class, ScCreateStorePage, menu_button);
  gtk_widget_class_bind_template_child (widget_class, ScCreateStorePage, back_button);
  gtk_widget_class_bind_template_child (widget_class, ScCreateStorePage, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, ScCreateStorePage, stack);
  gtk_widget_class_bind_template_child (widget_class, ScCreateStorePage, name_row);
  gtk_widget_class_bind_template_child (widget_class, ScCreateStorePage, role_row);
  gtk_widget_class_bind_template_child (widget_class, ScCreateStorePage, next_button);
  gtk_widget_class_bind_template_child (widget_class, ScCreateStorePage, passphrase_entry);
  gtk_widget_class_bind_template_child (widget_class, ScCreateStorePage, error_label);
  gtk_widget_class_bind_template_child (widget_class, ScCreateStorePage, create_button);
  gtk_widget_class_bind_template_child (widget_class, ScCreateStorePage, spinner);
  gtk_widget_class_bind_template_child (widget_class, ScCreateStorePage, code_label);
  gtk_widget_class_bind_template_child (widget_class, ScCreateStorePage, copy_button);
  gtk_widget_class_bind_template_child (widget_class, ScCreateStorePage, kept_check);
  gtk_widget_class_bind_template_callback (widget_class, update_feedback);
  gtk_widget_class_bind_template_callback (widget_class, next_cb);
  gtk_widget_class_bind_template_callback (widget_class, back_cb);
  gtk_widget_class_bind_template_callback (widget_class, create_cb);
  gtk_widget_class_bind_template_callback (widget_class, copy_cb);
  gtk_widget_class_bind_template_callback (widget_class, save_cb);
  gtk_widget_class_bind_template_callback (widget_class, done_cb);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BOX_LAYOUT);
}

static void
sc_create_store_page_init (ScCreateStorePage *self)
{
  g_autoptr (GtkStringList) roles = sc_roles_new_model ();
  GtkLayoutManager *layout;

  gtk_widget_init_template (GTK_WIDGET (self));
  layout = gtk_widget_get_layout_manager (GTK_WIDGET (self));
  gtk_orientable_set_orientation (GTK_ORIENTABLE (layout), GTK_ORIENTATION_VERTICAL);

  self->cancellable = g_cancellable_new ();
  adw_combo_row_set_model (self->role_row, G_LIST_MODEL (roles));
  adw_combo_row_set_selected (self->role_row, sc_roles_get_position ("inspector"));

  update_feedback (self);
}
