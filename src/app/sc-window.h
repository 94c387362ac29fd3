/* sc-window.h: the main window: create or unlock the store, then inspections
 *
 * Copyright 2026 The Scrutineer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "sc-store.h"

G_BEGIN_DECLS

#define SC_TYPE_WINDOW (sc_window_get_type ())

G_DECLARE_FINAL_TYPE (ScWindow, sc_window, SC, WINDOW, AdwApplicationWindow)

ScWindow *sc_window_new (GtkApplication *application);
/* Works on the store in DIR: offers to create it when there is none yet,
 * else asks for its passphrase. */
void      sc_window_set_store_dir (ScWindow   *self,
                                   const char *dir);
/* Takes STORE, already open, and shows INSPECTION (or the list when NULL). */
void      sc_window_open_store (ScWindow   *self,
                                ScStore    *store,
                                const char *inspection);
/* Marks the window as showing the throwaway demo store, which unlocks with
 * PASSPHRASE. */
void      sc_window_set_demo (ScWindow       *self,
                              const ScSecret *passphrase);
void      sc_window_show_busy (ScWindow   *self,
                               const char *title,
                               const char *description);
void      sc_window_show_error (ScWindow   *self,
                                const char *title,
                                const char *message);
/* Opens FILE, a bundle (import) or an identity card (enrolment), in the
 * Exchange Bundles window: at once when unlocked, else after the unlock. */
void      sc_window_open_exchange_file (ScWindow *self,
                                        GFile    *file);
gboolean  sc_window_get_unlocked (ScWindow *self);
/* Saves what the user typed, closes the store (wiping its key) and shows
 * the unlock page; unlocking comes back to the same place. */
void      sc_window_lock (ScWindow *self);
/* A worker thread is about to use the store: until the matching release,
 * locking waits (and happens on the release), closing the window is refused
 * and closing the store waits. */
void      sc_window_hold_store (ScWindow *self);
void      sc_window_release_store (ScWindow *self);
/* Saves what the user typed and closes the store for good, e.g. on quitting. */
void      sc_window_close_store (ScWindow *self);

G_END_DECLS
