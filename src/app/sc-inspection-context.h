/* sc-inspection-context.h: what the views of one inspection share
 *
 * Copyright 2026 The Scrutineer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The store is borrowed from whoever opened it. Once the context is closed
 * (the store is about to be locked or closed) store is NULL and the views
 * must not write anything more; the framework stays readable, so what is on
 * screen can still be drawn.
 */
#pragma once

#include <gtk/gtk.h>

#include "sc-model.h"

G_BEGIN_DECLS

typedef struct
{
  ScStore *store;           /* borrowed; NULL once closed */
  char *inspection;
  ScFramework *framework;   /* a reference of our own */
  ScInspection *details;    /* may be NULL */
  char *owner;              /* the current user's member id */
  GHashTable *member_names; /* member id -> name */
  GPtrArray *focus_groups;  /* ids of the focus groups known to the views */
} ScInspectionContext;

ScInspectionContext *sc_inspection_context_new (ScStore    *store,
                                                const char *inspection,
                                                GError    **error);
ScInspectionContext *sc_inspection_context_ref (ScInspectionContext *self);
void                 sc_inspection_context_unref (ScInspectionContext *self);
void                 sc_inspection_context_close (ScInspectionContext *self);
/* A member's name, or a placeholder for one this store does not know. */
const char          *sc_inspection_context_member_name (ScInspectionContext *self,
                                                        const char          *member);
/* "5.2 Assessing and responding to risks and needs", or the id alone. */
char                *sc_inspection_context_describe_indicator (ScInspectionContext *self,
                                                               const char          *id);

/* Shows MESSAGE in the nearest toast overlay above WIDGET, if there is one. */
void                 sc_inspection_toast (GtkWidget  *widget,
                                          const char *message);

/* An ISO 8601 time from the store, as a reader would write it, in local time;
 * the text itself when it is not one. */
char                *sc_inspection_format_time (const char *iso);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (ScInspectionContext, sc_inspection_context_unref)

G_END_DECLS
