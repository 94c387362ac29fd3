/* sc-load-error-dialog.h: why a framework file could not be opened
 *
 * Copyright 2026 The Scrutineer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define SC_TYPE_LOAD_ERROR_DIALOG (sc_load_error_dialog_get_type ())

G_DECLARE_FINAL_TYPE (ScLoadErrorDialog, sc_load_error_dialog, SC, LOAD_ERROR_DIALOG,
                      AdwMessageDialog)

/* ERROR's message holds one problem a line, "FILE:LINE: message" or
 * "FILE: message", as the framework loader writes them. */
GtkWidget *sc_load_error_dialog_new (GtkWindow    *parent,
                                     GFile        *file,
                                     const GError *error);

G_END_DECLS
