/* sc-window.c: the main window: create or unlock the store, then inspections
 *
 * Copyright 2026 The Scrutineer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A stack of pages: first run (create the store), unlock, and the inspections
 * with one inspection pushed on top in a leaflet. The window owns the open
 * store and lends it to the pages. Locking saves the inspection page's work
 * and place, destroys the page, closes the store (which wipes the key) and
 * shows the unlock page; unlocking rebuilds the page in the same place.
 */
#include <glib/gi18n.h>

#include "sc-bundles-window.h"
#include "sc-sync-window.h"
#include "sc-create-store-page.h"
#include "sc-inspection-page.h"
#include "sc-inspections-page.h"
#include "sc-model.h"
#include "sc-new-inspection-dialog.h"
#include "sc-unlock-page.h"
#include "sc-window.h"

struct _ScWindow
{
  AdwApplicationWindow parent_instance;

  AdwToastOverlay   *toast_overlay;
  GtkStack          *stack;
  AdwStatusPage     *busy_page;
  GtkSpinner        *busy_spinner;
  AdwStatusPage     *error_page;
  ScCreateStorePage *create_page;
  ScUnlockPage      *unlock_page;
  AdwLeaflet        *leaflet;
  ScInspectionsPage *inspections_page;
  GtkWidget         *inspection_box;
  AdwWindowTitle    *inspection_title;
  AdwBin            *inspection_bin;

  GSettings *settings;
  char      *store_dir;
  ScStore   *store;
  char      *inspection_id;    /* shown, or to show again after unlocking */
  char      *inspection_state; /* where in it the user was, kept over a lock */
  GtkWidget *new_dialog;       /* weak */
  GtkWidget *bundles_window;   /* weak */
  GtkWidget *sync_window;      /* weak */
  GFile     *pending_exchange; /* a bundle or card to open once unlocked */
  guint      store_holds;      /* worker threads using the store */
  gboolean   lock_pending;     /* asked to lock while a worker held the store */
};

G_DEFINE_FINAL_TYPE (ScWindow, sc_window, ADW_TYPE_APPLICATION_WINDOW)

enum
{
  PROP_0,
  PROP_UNLOCKED,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* Only the page shown is visible, so that what a locked window hid is also
 * gone from the accessibility tree. */
static void
show_page (ScWindow   *self,
           const char *name)
{
  GtkWidget *page = gtk_stack_get_child_by_name (self->stack, name);

  /* An entry hidden while it has the focus never hears it lost it. */
  gtk_window_set_focus (GTK_WINDOW (self), NULL);
  gtk_widget_set_visible (page, TRUE);
  gtk_stack_set_visible_child (self->stack, page);
  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (self->stack)); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    gtk_widget_set_visible (child, child == page);
  gtk_spinner_set_spinning (self->busy_spinner, g_str_equal (name, "busy"));
  gtk_widget_grab_focus (gtk_stack_get_visible_child (self->stack));
}

static void
toast (ScWindow   *self,
       const char *message)
{
  adw_toast_overlay_add_toast (self->toast_overlay, adw_toast_new (message));
}

static ScInspectionPage *
get_inspection_page (ScWindow *self)
{
  GtkWidget *child = adw_bin_get_child (self->inspection_bin);

  return child != NULL ? SC_INSPECTION_PAGE (child) : NULL;
}

static gboolean
showing_inspection (ScWindow *self)
{
  return adw_leaflet_get_visible_child (self->leaflet) == self->inspection_box;
}

/* The window list names the inspection open, and only while it is open. */
static void
set_window_title (ScWindow   *self,
                  const char *inspection)
{
  g_autofree char *title = NULL;

  if (inspection != NULL)
    /* Translators: the window title, with the name of the inspection open */
    title = g_strdup_printf (_("%s – Scrutineer"), inspection);
  gtk_window_set_title (GTK_WINDOW (self), title != NULL ? title : _("Scrutineer"));
}

/* Saves the page's work and takes it away; it must not outlive the store. */
static void
destroy_inspection_page (ScWindow *self)
{
  ScInspectionPage *page = get_inspection_page (self);

  if (page == NULL)
    return;
  sc_inspection_page_flush (page);
  adw_bin_set_child (self->inspection_bin, NULL);
  adw_window_title_set_title (self->inspection_title, "");
  adw_window_title_set_subtitle (self->inspection_title, "");
  set_window_title (self, NULL);
}

static void
update_actions (ScWindow *self)
{
  gboolean unlocked = self->store != NULL;

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "window.lock", unlocked);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "window.new-inspection", unlocked);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "window.show-inspections", unlocked);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "window.bundles", unlocked);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "window.sync", unlocked);
}

/* Exchanging bundles */

static void
bundles_changed_cb (ScWindow *self)
{
  sc_inspections_page_reload (self->inspections_page);
}

/* The worker thread has the store to itself: the pages that read it step
 * aside (their pending input saved first) until it is done. */
static void
bundles_busy_cb (ScWindow        *self,
                 GParamSpec      *pspec,
                 ScBundlesWindow *bundles)
{
  ScInspectionPage *page = get_inspection_page (self);

  if (sc_bundles_window_get_busy (bundles))
    {
      if (page != NULL)
        sc_inspection_page_flush (page);
      sc_window_show_busy (self, _("Exchanging a Bundle…"),
                           _("The store is in use until the bundle is written or imported."));
    }
  else if (self->store != NULL)
    show_page (self, "main");
}

static ScBundlesWindow *
get_bundles_window (ScWindow *self)
{
  if (self->bundles_window == NULL)
    {
      self->bundles_window = sc_bundles_window_new (GTK_WINDOW (self), self->store);
      g_object_add_weak_pointer (G_OBJECT (self->bundles_window),
                                 (gpointer *) &self->bundles_window);
      g_signal_connect_object (self->bundles_window, "store-changed",
                               G_CALLBACK (bundles_changed_cb), self, G_CONNECT_SWAPPED);
      g_signal_connect_object (self->bundles_window, "notify::busy",
                               G_CALLBACK (bundles_busy_cb), self, G_CONNECT_SWAPPED);
    }
  gtk_window_present (GTK_WINDOW (self->bundles_window));
  return SC_BUNDLES_WINDOW (self->bundles_window);
}

static void
open_pending_exchange (ScWindow *self)
{
  g_autoptr (GFile) file = g_steal_pointer (&self->pending_exchange);

  if (file == NULL || self->store == NULL)
    return;
  if (sc_exchange_file_kind (file) == SC_EXCHANGE_FILE_IDENTITY)
    sc_bundles_window_enrol (get_bundles_window (self), file);
  else
    sc_bundles_window_import (get_bundles_window (self), file);
}

static void
bundles_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  ScWindow *self = SC_WINDOW (widget);

  if (self->store != NULL)
    get_bundles_window (self);
}

/* Syncing with the central store */

static void
sync_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  ScWindow *self = SC_WINDOW (widget);

  if (self->store == NULL)
    return;
  if (self->sync_window == NULL)
    {
      self->sync_window = sc_sync_window_new (GTK_WINDOW (self), self->store);
      g_object_add_weak_pointer (G_OBJECT (self->sync_window), (gpointer *) &self->sync_window);
      g_signal_connect_object (self->sync_window, "store-changed",
                               G_CALLBACK (bundles_changed_cb), self, G_CONNECT_SWAPPED);
    }
  gtk_window_present (GTK_WINDOW (self->sync_window));
}

static gboolean
drop_cb (GtkDropTarget *target,
         const GValue  *value,
         double         x,
         double         y,
         ScWindow      *self)
{
  GSList *files = g_value_get_boxed (value);

  if (files == NULL)
    return FALSE;
  sc_window_open_exchange_file (self, files->data);
  return TRUE;
}

/* Takes STORE; the one before must have been closed. */
static void
set_store (ScWindow *self,
           ScStore  *store)
{
  g_return_if_fail (self->store == NULL || store == NULL);

  self->store = store;
  sc_inspections_page_set_store (self->inspections_page, store);
  if (self->new_dialog != NULL)
    sc_new_inspection_dialog_set_store (SC_NEW_INSPECTION_DIALOG (self->new_dialog), store);
  update_actions (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_UNLOCKED]);
}

static void
open_inspection (ScWindow   *self,
                 const char *id,
                 const char *state)
{
  g_autoptr (ScInspection) inspection = NULL;
  g_autoptr (GError) error = NULL;
  GtkWidget *page;

  destroy_inspection_page (self);
  inspection = sc_store_find_inspection (self->store, id, &error);
  if (inspection == NULL)
    {
      g_clear_pointer (&self->inspection_id, g_free);
      adw_leaflet_set_visible_child (self->leaflet, GTK_WIDGET (self->inspections_page));
      toast (self, error->message);
      return;
    }

  adw_window_title_set_title (self->inspection_title, inspection->title);
  adw_window_title_set_subtitle (self->inspection_title, inspection->area);
  set_window_title (self, inspection->title);
  page = sc_inspection_page_new (self->store, inspection->id);
  adw_bin_set_child (self->inspection_bin, page);
  if (state != NULL)
    sc_inspection_page_restore_state (SC_INSPECTION_PAGE (page), state);

  if (self->inspection_id != id)
    {
      g_free (self->inspection_id);
      self->inspection_id = g_strdup (id);
    }
  gtk_widget_set_visible (self->inspection_box, TRUE);
  adw_leaflet_set_visible_child (self->leaflet, self->inspection_box);
  gtk_widget_child_focus (page, GTK_DIR_TAB_FORWARD);
}

/* Shows the list and the inspection chosen (or kept from before a lock). */
static void
show_unlocked (ScWindow *self)
{
  g_autofree char *state = g_steal_pointer (&self->inspection_state);

  show_page (self, "main");
  if (self->inspection_id != NULL)
    {
      open_inspection (self, self->inspection_id, state);
      return;
    }
  adw_leaflet_set_visible_child (self->leaflet, GTK_WIDGET (self->inspections_page));
  gtk_widget_grab_focus (GTK_WIDGET (self->inspections_page));
}

static void
store_created_cb (ScWindow *self)
{
  set_store (self, sc_create_store_page_steal_store (self->create_page));
  g_clear_pointer (&self->inspection_id, g_free);
  show_unlocked (self);
  open_pending_exchange (self);
}

static void
unlocked_cb (ScWindow *self)
{
  set_store (self, sc_unlock_page_steal_store (self->unlock_page));
  show_unlocked (self);
  if (self->new_dialog != NULL)
    gtk_window_present (GTK_WINDOW (self->new_dialog));
  open_pending_exchange (self);
}

static void
inspection_activated_cb (ScWindow   *self,
                         const char *id)
{
  g_clear_pointer (&self->inspection_state, g_free);
  open_inspection (self, id, NULL);
}

/* Back to the list, by the back button, Alt+Left or a swipe: the page stops
 * touching the store at once, and goes once the leaflet has slid away. */
static void
leaflet_child_cb (ScWindow *self)
{
  if (showing_inspection (self) || self->store == NULL)
    return;

  if (self->inspection_id != NULL)
    {
      ScInspectionPage *page = get_inspection_page (self);

      if (page != NULL)
        sc_inspection_page_flush (page);
      g_clear_pointer (&self->inspection_id, g_free);
      sc_inspections_page_reload (self->inspections_page);
    }
  /* Hidden, the empty inspection leaves the accessibility tree too. */
  if (!adw_leaflet_get_child_transition_running (self->leaflet))
    {
      destroy_inspection_page (self);
      gtk_widget_set_visible (self->inspection_box, FALSE);
      gtk_widget_grab_focus (GTK_WIDGET (self->inspections_page));
    }
}

static void
dialog_created_cb (ScWindow   *self,
                   const char *id)
{
  sc_inspections_page_reload (self->inspections_page);
  g_clear_pointer (&self->inspection_state, g_free);
  open_inspection (self, id, NULL);
}

static void
new_inspection_action (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *parameter)
{
  ScWindow *self = SC_WINDOW (widget);

  if (self->store == NULL)
    return;

  if (self->new_dialog == NULL)
    {
      self->new_dialog = sc_new_inspection_dialog_new (GTK_WINDOW (self), self->store);
      gtk_window_set_destroy_with_parent (GTK_WINDOW (self->new_dialog), TRUE);
      g_object_add_weak_pointer (G_OBJECT (self->new_dialog), (gpointer *) &self->new_dialog);
      g_signal_connect_object (self->new_dialog, "created", G_CALLBACK (dialog_created_cb), self,
                               G_CONNECT_SWAPPED);
    }
  gtk_window_present (GTK_WINDOW (self->new_dialog));
}

static void
show_inspections_action (GtkWidget  *widget,
                         const char *action_name,
                         GVariant   *parameter)
{
  ScWindow *self = SC_WINDOW (widget);

  adw_leaflet_set_visible_child (self->leaflet, GTK_WIDGET (self->inspections_page));
}

static void
lock_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  sc_window_lock (SC_WINDOW (widget));
}

/* Public */

void
sc_window_lock (ScWindow *self)
{
  ScInspectionPage *page;

  g_return_if_fail (SC_IS_WINDOW (self));

  if (self->store == NULL)
    return;
  /* A worker thread is using the store: lock as soon as it lets go. */
  if (self->store_holds > 0)
    {
      if (!self->lock_pending)
        toast (self, _("Scrutineer locks as soon as the file is written"));
      self->lock_pending = TRUE;
      return;
    }
  /* An import or export is using the store: the next idle period locks. */
  if (self->bundles_window != NULL &&
      sc_bundles_window_get_busy (SC_BUNDLES_WINDOW (self->bundles_window)))
    return;
  /* A sync is using the store: the same. */
  if (self->sync_window != NULL && sc_sync_window_get_busy (SC_SYNC_WINDOW (self->sync_window)))
    return;
  if (self->sync_window != NULL)
    gtk_window_destroy (GTK_WINDOW (self->sync_window));
  if (self->bundles_window != NULL)
    gtk_window_destroy (GTK_WINDOW (self->bundles_window));

  page = get_inspection_page (self);
  g_clear_pointer (&self->inspection_state, g_free);
  if (page != NULL && showing_inspection (self))
    {
      sc_inspection_page_flush (page);
      self->inspection_state = sc_inspection_page_save_state (page);
    }
  else
    {
      g_clear_pointer (&self->inspection_id, g_free);
    }
  destroy_inspection_page (self);

  /* A half-filled new inspection waits, hidden, for the unlock. */
  if (self->new_dialog != NULL)
    gtk_widget_set_visible (self->new_dialog, FALSE);

  g_clear_pointer (&self->store, sc_store_close);
  set_store (self, NULL);

  sc_unlock_page_reset (self->unlock_page);
  show_page (self, "unlock");
}

void
sc_window_hold_store (ScWindow *self)
{
  g_return_if_fail (SC_IS_WINDOW (self));
  g_return_if_fail (self->store != NULL);

  self->store_holds++;
}

static gboolean
lock_when_released (gpointer data)
{
  ScWindow *self = data;

  if (self->store_holds == 0 && self->lock_pending)
    {
      self->lock_pending = FALSE;
      sc_window_lock (self);
    }
  return G_SOURCE_REMOVE;
}

void
sc_window_release_store (ScWindow *self)
{
  g_return_if_fail (SC_IS_WINDOW (self));
  g_return_if_fail (self->store_holds > 0);

  /* The lock waits for the caller to be done with its widgets, which it
   * may destroy. */
  if (--self->store_holds == 0 && self->lock_pending)
    g_idle_add_full (G_PRIORITY_DEFAULT, lock_when_released, g_object_ref (self),
                     g_object_unref);
}

void
sc_window_close_store (ScWindow *self)
{
  g_return_if_fail (SC_IS_WINDOW (self));

  /* A worker thread finishes with the store before it is closed. */
  while (self->store_holds > 0)
    g_main_context_iteration (NULL, TRUE);
  self->lock_pending = FALSE;
  destroy_inspection_page (self);
  if (self->new_dialog != NULL)
    gtk_window_destroy (GTK_WINDOW (self->new_dialog));
  if (self->bundles_window != NULL)
    gtk_window_destroy (GTK_WINDOW (self->bundles_window));
  /* A sync stops at once when cancelled; its thread must be done with the store. */
  if (self->sync_window != NULL && sc_sync_window_get_busy (SC_SYNC_WINDOW (self->sync_window)))
    {
      gtk_window_close (GTK_WINDOW (self->sync_window));
      while (self->sync_window != NULL &&
             sc_sync_window_get_busy (SC_SYNC_WINDOW (self->sync_window)))
        g_main_context_iteration (NULL, TRUE);
    }
  if (self->sync_window != NULL)
    gtk_window_destroy (GTK_WINDOW (self->sync_window));
  if (self->store != NULL)
    {
      g_clear_pointer (&self->store, sc_store_close);
      set_store (self, NULL);
    }
}

void
sc_window_open_exchange_file (ScWindow *self,
                              GFile    *file)
{
  g_return_if_fail (SC_IS_WINDOW (self));
  g_return_if_fail (G_IS_FILE (file));

  g_set_object (&self->pending_exchange, file);
  if (self->store != NULL)
    open_pending_exchange (self);
  else
    toast (self, _("Unlock the store to open the file"));
}

gboolean
sc_window_get_unlocked (ScWindow *self)
{
  g_return_val_if_fail (SC_IS_WINDOW (self), FALSE);

  return self->store != NULL;
}

static void
use_dir (ScWindow   *self,
         const char *dir)
{
  if (self->store_dir != dir)
    {
      g_free (self->store_dir);
      self->store_dir = g_strdup (dir);
    }
  sc_unlock_page_set_dir (self->unlock_page, dir);
}

void
sc_window_set_store_dir (ScWindow   *self,
                         const char *dir)
{
  g_return_if_fail (SC_IS_WINDOW (self));
  g_return_if_fail (dir != NULL);

  sc_window_close_store (self);
  use_dir (self, dir);
  if (sc_store_exists (dir))
    {
      sc_unlock_page_reset (self->unlock_page);
      show_page (self, "unlock");
    }
  else
    {
      sc_create_store_page_set_dir (self->create_page, dir);
      show_page (self, "create");
    }
}

void
sc_window_open_store (ScWindow   *self,
                      ScStore    *store,
                      const char *inspection)
{
  g_return_if_fail (SC_IS_WINDOW (self));
  g_return_if_fail (store != NULL);

  sc_window_close_store (self);
  use_dir (self, sc_store_get_dir (store));
  set_store (self, store);
  g_free (self->inspection_id);
  self->inspection_id = g_strdup (inspection);
  show_unlocked (self);
}

void
sc_window_set_demo (ScWindow       *self,
                    const ScSecret *passphrase)
{
  const char *subtitle = _("Throwaway Demo");

  g_return_if_fail (SC_IS_WINDOW (self));

  sc_unlock_page_set_demo_passphrase (self->unlock_page, passphrase);
  sc_unlock_page_set_subtitle (self->unlock_page, subtitle);
  sc_inspections_page_set_subtitle (self->inspections_page, subtitle);
  sc_inspections_page_set_show_demo (self->inspections_page, FALSE);
}

void
sc_window_show_busy (ScWindow   *self,
                     const char *title,
                     const char *description)
{
  g_return_if_fail (SC_IS_WINDOW (self));

  adw_status_page_set_title (self->busy_page, title);
  adw_status_page_set_description (self->busy_page, description);
  show_page (self, "busy");
}

void
sc_window_show_error (ScWindow   *self,
                      const char *title,
                      const char *message)
{
  g_return_if_fail (SC_IS_WINDOW (self));

  adw_status_page_set_title (self->error_page, title);
  adw_status_page_set_description (self->error_page, message);
  show_page (self, "error");
}

ScWindow *
sc_window_new (GtkApplication *application)
{
  return g_object_new (SC_TYPE_WINDOW, "application", application, NULL);
}

/* Lifetime */

static void
restore_size (ScWindow *self)
{
  gtk_window_set_default_size (GTK_WINDOW (self),
                               g_settings_get_int (self->settings, "window-width"),
                               g_settings_get_int (self->settings, "window-height"));
  if (g_settings_get_boolean (self->settings, "window-maximized"))
    gtk_window_maximize (GTK_WINDOW (self));
}

static gboolean
sc_window_close_request (GtkWindow *window)
{
  ScWindow *self = SC_WINDOW (window);
  gboolean maximized = gtk_window_is_maximized (window);
  int width, height;

  if (self->store_holds > 0)
    {
      toast (self, _("Wait until the file is written, then close"));
      return TRUE;
    }
  /* A bundle being written or imported has the store until it is done. */
  if (self->bundles_window != NULL &&
      sc_bundles_window_get_busy (SC_BUNDLES_WINDOW (self->bundles_window)))
    {
      toast (self, _("Wait until the bundle is written or imported, then close"));
      return TRUE;
    }

  /* The size before maximizing is what to come back to. */
  if (!maximized)
    {
      gtk_window_get_default_size (window, &width, &height);
      g_settings_set_int (self->settings, "window-width", width);
      g_settings_set_int (self->settings, "window-height", height);
    }
  g_settings_set_boolean (self->settings, "window-maximized", maximized);

  sc_window_close_store (self);

  return GTK_WINDOW_CLASS (sc_window_parent_class)->close_request (window);
}

static void
sc_window_get_property (GObject    *object,
                        guint       prop_id,
                        GValue     *value,
                        GParamSpec *pspec)
{
  ScWindow *self = SC_WINDOW (object);

  switch (prop_id)
    {
    case PROP_UNLOCKED:
      g_value_set_boolean (value, self->store != NULL);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sc_window_dispose (GObject *object)
{
  ScWindow *self = SC_WINDOW (object);

  /* Normally done on close-request already; the template goes next. */
  if (self->inspection_bin != NULL)
    sc_window_close_store (self);
  gtk_widget_dispose_template (GTK_WIDGET (self), SC_TYPE_WINDOW);

  G_OBJECT_CLASS (sc_window_parent_class)->dispose (object);
}

static void
sc_window_finalize (GObject *object)
{
  ScWindow *self = SC_WINDOW (object);

  g_clear_object (&self->settings);
  g_free (self->store_dir);
  g_free (self->inspection_id);
  g_free (self->inspection_state);
  g_clear_object (&self->pending_exchange);

  G_OBJECT_CLASS (sc_window_parent_class)->finalize (object);
}

static void
sc_window_class_init (ScWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->get_property = sc_window_get_property;
  object_class->dispose = sc_window_dispose;
  object_class->finalize = sc_window_finalize;
  window_class->close_request = sc_window_close_request;

  properties[PROP_UNLOCKED] =
    g_param_spec_boolean ("unlocked", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  g_type_ensure (SC_TYPE_CREATE_STORE_PAGE);
  g_type_ensure (SC_TYPE_UNLOCK_PAGE);
  g_type_ensure (SC_TYPE_INSPECTIONS_PAGE);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_BASE "/sc-window.ui");
  gtk_widget_class_bind_template_child (widget_class, ScWindow, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, ScWindow, stack);
  gtk_widget_class_bind_template_child (widget_class, ScWindow, busy_page);
  gtk_widget_class_bind_template_child (widget_class, ScWindow, busy_spinner);
  gtk_widget_class_bind_template_child (widget_class, ScWindow, error_page);
  gtk_widget_class_bind_template_child (widget_class, ScWindow, create_page);
  gtk_widget_class_bind_template_child (widget_class, ScWindow, unlock_page);
  gtk_widget_class_bind_template_child (widget_class, ScWindow, leaflet);
  gtk_widget_class_bind_template_child (widget_class, ScWindow, inspections_page);
  gtk_widget_class_bind_template_child (widget_class, ScWindow, inspection_box);
  gtk_widget_class_bind_template_child (widget_class, ScWindow, inspection_title);
  gtk_widget_class_bind_template_child (widget_class, ScWindow, inspection_bin);
  gtk_widget_class_bind_template_callback (widget_class, store_created_cb);
  gtk_widget_class_bind_template_callback (widget_class, unlocked_cb);
  gtk_widget_class_bind_template_callback (widget_class, inspection_activated_cb);
  gtk_widget_class_bind_template_callback (widget_class, leaflet_child_cb);

  gtk_widget_class_install_action (widget_class, "window.lock", NULL, lock_action);
  gtk_widget_class_install_action (widget_class, "window.new-inspection", NULL,
                                   new_inspection_action);
  gtk_widget_class_install_action (widget_class, "window.show-inspections", NULL,
                                   show_inspections_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_l, GDK_CONTROL_MASK,
                                       "window.lock", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_n, GDK_CONTROL_MASK,
                                       "window.new-inspection", NULL);
  gtk_widget_class_install_action (widget_class, "window.bundles", NULL, bundles_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_e, GDK_CONTROL_MASK,
                                       "window.bundles", NULL);
  gtk_widget_class_install_action (widget_class, "window.sync", NULL, sync_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_s,
                                       GDK_CONTROL_MASK | GDK_SHIFT_MASK, "window.sync", NULL);
}

static void
sc_window_init (ScWindow *self)
{
  GtkDropTarget *drop;

  gtk_widget_init_template (GTK_WIDGET (self));

  /* A bundle or identity card dropped on the window opens for import or enrolment. */
  drop = gtk_drop_target_new (GDK_TYPE_FILE_LIST, GDK_ACTION_COPY);
  g_signal_connect (drop, "drop", G_CALLBACK (drop_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (drop));

  self->settings = g_settings_new (APP_ID);
  restore_size (self);
  update_actions (self);
}
