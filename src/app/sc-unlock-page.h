/* sc-unlock-page.h: asks for the passphrase and opens the store
 *
 * Copyright 2026 The Scrutineer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "sc-store.h"

G_BEGIN_DECLS

#define SC_TYPE_UNLOCK_PAGE (sc_unlock_page_get_type ())

G_DECLARE_FINAL_TYPE (ScUnlockPage, sc_unlock_page, SC, UNLOCK_PAGE, GtkWidget)

/* The store to open. */
void     sc_unlock_page_set_dir (ScUnlockPage *self,
                                 const char   *dir);
/* For the demo: offers to unlock with PASSPHRASE (copied) without typing it. */
void     sc_unlock_page_set_demo_passphrase (ScUnlockPage   *self,
                                             const ScSecret *passphrase);
void     sc_unlock_page_set_subtitle (ScUnlockPage *self,
                                      const char   *subtitle);
/* Clears the entry and any error, and puts the focus in the entry. */
void     sc_unlock_page_reset (ScUnlockPage *self);
/* After "unlocked": the open store, owned by the caller from then on. */
ScStore *sc_unlock_page_steal_store (ScUnlockPage *self);

G_END_DECLS
