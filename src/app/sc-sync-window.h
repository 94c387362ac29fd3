/* sc-sync-window.h: syncing with the central store
 *
 * Copyright 2026 The Scrutineer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "sc-store.h"

G_BEGIN_DECLS

#define SC_TYPE_SYNC_WINDOW (sc_sync_window_get_type ())

G_DECLARE_FINAL_TYPE (ScSyncWindow, sc_sync_window, SC, SYNC_WINDOW, AdwWindow)

/* STORE is borrowed from PARENT, which keeps it open while a sync runs
 * (see sc_sync_window_get_busy()). The window emits "store-changed" after a
 * sync that imported bundles. */
GtkWidget *sc_sync_window_new (GtkWindow *parent,
                               ScStore   *store);
/* Whether a sync is running. */
gboolean   sc_sync_window_get_busy (ScSyncWindow *self);

G_END_DECLS
