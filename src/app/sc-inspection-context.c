/* sc-inspection-context.c
 *
 * Copyright 2026 The Scrutineer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <adwaita.h>
#include <glib/gi18n.h>

#include "sc-inspection-context.h"

static void
load_members (ScInspectionContext *self)
{
  g_autoptr (GPtrArray) members = sc_store_list_members (self->store, NULL);

  for (guint i = 0; members != NULL && i < members->len; i++)
    {
      ScMember *member = g_ptr_array_index (members, i);

      g_hash_table_insert (self->member_names, g_strdup (member->id), g_strdup (member->name));
    }
}

ScInspectionContext *
sc_inspection_context_new (ScStore    *store,
                           const char *inspection,
                           GError    **error)
{
  g_autoptr (ScInspectionContext) self = g_atomic_rc_box_new0 (ScInspectionContext);
  ScFramework *framework;

  self->member_names = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  self->focus_groups = g_ptr_array_new_with_free_func (g_free);
  self->store = store;
  self->details = sc_store_find_inspection (store, inspection, error);
  if (self->details == NULL)
    return NULL;
  self->inspection = g_strdup (self->details->id);
  framework = sc_store_get_inspection_framework (store, self->inspection, error);
  if (framework == NULL)
    return NULL;
  self->framework = sc_framework_ref (framework);
  self->owner = g_strdup (sc_store_get_owner_id (store));
  load_members (self);
  return g_steal_pointer (&self);
}

ScInspectionContext *
sc_inspection_context_ref (ScInspectionContext *self)
{
  return g_atomic_rc_box_acquire (self);
}

static void
context_clear (ScInspectionContext *self)
{
  g_free (self->inspection);
  g_clear_pointer (&self->framework, sc_framework_unref);
  g_clear_pointer (&self->details, sc_inspection_free);
  g_free (self->owner);
  g_hash_table_unref (self->member_names);
  g_ptr_array_unref (self->focus_groups);
}

void
sc_inspection_context_unref (ScInspectionContext *self)
{
  g_atomic_rc_box_release_full (self, (GDestroyNotify) context_clear);
}

void
sc_inspection_context_close (ScInspectionContext *self)
{
  self->store = NULL;
}

const char *
sc_inspection_context_member_name (ScInspectionContext *self,
                                   const char          *member)
{
  const char *name = member != NULL ? g_hash_table_lookup (self->member_names, member) : NULL;

  /* Translators: a team member this device has not heard of yet */
  return name != NULL ? name : _("Another member");
}

char *
sc_inspection_context_describe_indicator (ScInspectionContext *self,
                                          const char          *id)
{
  const ScIndicator *indicator = sc_framework_lookup_indicator (self->framework, id);

  if (indicator == NULL)
    return g_strdup (id);
  return g_strdup_printf ("%s %s", indicator->id, sc_text_get (indicator->title));
}

void
sc_inspection_toast (GtkWidget  *widget,
                     const char *message)
{
  GtkWidget *overlay = gtk_widget_get_ancestor (widget, ADW_TYPE_TOAST_OVERLAY);

  if (overlay != NULL)
    adw_toast_overlay_add_toast (ADW_TOAST_OVERLAY (overlay), adw_toast_new (message));
}

char *
sc_inspection_format_time (const char *iso)
{
  g_autoptr (GTimeZone) utc = g_time_zone_new_utc ();
  g_autoptr (GDateTime) time = NULL;
  g_autoptr (GDateTime) local = NULL;

  if (iso == NULL)
    return g_strdup ("");
  time = g_date_time_new_from_iso8601 (iso, utc);
  if (time == NULL)
    return g_strdup (iso);
  local = g_date_time_to_local (time);
  /* Translators: a date and time, see g_date_time_format() */
  return g_date_time_format (local, _("%e %b %Y, %H:%M"));
}
