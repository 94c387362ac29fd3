/* sc-bundles-window.h: identity, enrolment, bundles out and in, conflicts
 *
 * Copyright 2026 The Scrutineer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "sc-store.h"

G_BEGIN_DECLS

#define SC_TYPE_BUNDLES_WINDOW (sc_bundles_window_get_type ())

G_DECLARE_FINAL_TYPE (ScBundlesWindow, sc_bundles_window, SC, BUNDLES_WINDOW, AdwWindow)

typedef enum
{
  SC_EXCHANGE_FILE_OTHER,
  SC_EXCHANGE_FILE_BUNDLE,   /* starts with "SCRB" */
  SC_EXCHANGE_FILE_IDENTITY, /* an identity card */
} ScExchangeFileKind;

/* What FILE is, from its first bytes (and, for cards, its name). */
ScExchangeFileKind sc_exchange_file_kind (GFile *file);

/* STORE is borrowed from PARENT, which keeps it open while the window works
 * (see sc_window_hold_store()). The window emits "store-changed" after an
 * import or a resolution. */
GtkWidget *sc_bundles_window_new (GtkWindow *parent,
                                  ScStore   *store);
/* Shows the Import page and imports FILE. */
void       sc_bundles_window_import (ScBundlesWindow *self,
                                     GFile           *file);
/* Shows the Identity page and offers to enrol the card in FILE. */
void       sc_bundles_window_enrol (ScBundlesWindow *self,
                                    GFile           *file);
/* Whether an import or export is running (the "busy" property). */
gboolean   sc_bundles_window_get_busy (ScBundlesWindow *self);

G_END_DECLS
