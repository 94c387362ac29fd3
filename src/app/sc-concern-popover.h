/* sc-concern-popover.h: raise a safety concern from where it was noticed
 *
 * Copyright 2026 The Scrutineer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Opened from a reading or a note, with a summary already begun that says
 * where the concern came from, so that raising it takes two clicks.
 */
#pragma once

#include <gtk/gtk.h>

#include "sc-inspection-context.h"

G_BEGIN_DECLS

#define SC_TYPE_CONCERN_POPOVER (sc_concern_popover_get_type ())
G_DECLARE_FINAL_TYPE (ScConcernPopover, sc_concern_popover, SC, CONCERN_POPOVER, GtkPopover)

GtkWidget *sc_concern_popover_new (ScInspectionContext *context);
/* RECORD (a record id) may be NULL; PREFILL starts the summary. */
void       sc_concern_popover_set_source (ScConcernPopover *self,
                                          const char       *record,
                                          const char       *prefill);

G_END_DECLS
