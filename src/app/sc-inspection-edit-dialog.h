/* sc-inspection-edit-dialog.h: change an inspection after it was made
 *
 * Copyright 2026 The Scrutineer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "sc-store.h"

G_BEGIN_DECLS

#define SC_TYPE_INSPECTION_EDIT_DIALOG (sc_inspection_edit_dialog_get_type ())

G_DECLARE_FINAL_TYPE (ScInspectionEditDialog, sc_inspection_edit_dialog, SC,
                      INSPECTION_EDIT_DIALOG, AdwWindow)

/* Borrows STORE, which must stay open while the dialog is; emits "changed"
 * after each change written (the details saved, or a member removed). */
GtkWidget *sc_inspection_edit_dialog_new (GtkWindow  *parent,
                                          ScStore    *store,
                                          const char *inspection);

G_END_DECLS
