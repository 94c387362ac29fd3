/* sc-new-inspection-dialog.h: create an inspection
 *
 * Copyright 2026 The Scrutineer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "sc-store.h"

G_BEGIN_DECLS

#define SC_TYPE_NEW_INSPECTION_DIALOG (sc_new_inspection_dialog_get_type ())

G_DECLARE_FINAL_TYPE (ScNewInspectionDialog, sc_new_inspection_dialog, SC, NEW_INSPECTION_DIALOG,
                      AdwWindow)

/* Borrows STORE; emits "created" with the new inspection's id, then closes. */
GtkWidget *sc_new_inspection_dialog_new (GtkWindow *parent,
                                         ScStore   *store);
/* When the store is locked (NULL) and unlocked again: the form keeps what
 * was typed, and only the Create button needs the store. */
void       sc_new_inspection_dialog_set_store (ScNewInspectionDialog *self,
                                               ScStore               *store);

G_END_DECLS
