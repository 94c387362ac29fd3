/* sc-passphrase-entry.h: a new passphrase, typed twice, with its strength
 *
 * Copyright 2026 The Scrutineer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "sc-secret.h"

G_BEGIN_DECLS

#define SC_TYPE_PASSPHRASE_ENTRY (sc_passphrase_entry_get_type ())
G_DECLARE_FINAL_TYPE (ScPassphraseEntry, sc_passphrase_entry, SC, PASSPHRASE_ENTRY, GtkWidget)

GtkWidget *sc_passphrase_entry_new (void);
/* The rows' titles, e.g. "New passphrase" and "Repeat new passphrase". */
void       sc_passphrase_entry_set_titles (ScPassphraseEntry *self,
                                           const char        *title,
                                           const char        *repeat_title);
/* The store would take the passphrase, and it was typed the same twice. */
gboolean   sc_passphrase_entry_get_acceptable (ScPassphraseEntry *self);
/* The passphrase in guarded memory; both rows are emptied. */
ScSecret  *sc_passphrase_entry_take_secret (ScPassphraseEntry *self);
void       sc_passphrase_entry_clear (ScPassphraseEntry *self);

G_END_DECLS
